// The fixed parts of a .docx (see docx_parts.hpp). The styles carry Word's built-in names and
// standard ids, so a thesis template applies to the report (see docx_write.cpp).

#include "docx_parts.hpp"

#include <string>

namespace ipcode::office::detail {
namespace {

std::string heading_style(int level, int size) {
  const std::string n = std::to_string(level);
  return "<w:style w:type=\"paragraph\" w:styleId=\"Heading" + n + "\"><w:name w:val=\"heading " +
         n +
         "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>"
         "<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"" +
         std::string(level == 1 ? "360" : "240") + "\" w:after=\"80\"/><w:outlineLvl w:val=\"" +
         std::to_string(level - 1) +
         "\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"" +
         std::to_string(size) + "\"/><w:szCs w:val=\"" + std::to_string(size) +
         "\"/></w:rPr></w:style>";
}

std::string relationship(const char* id, const std::string& type, const char* target) {
  return std::string("<Relationship Id=\"") + id + "\" Type=\"" + type + "\" Target=\"" + target +
         "\"/>";
}

}  // namespace

std::string styles_xml(const std::string& lang) {
  std::string s(kHeader);
  s += "<w:styles xmlns:w=\"" + std::string(kW) + "\">";
  s += "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" "
       "w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
       "<w:lang w:val=\"" +
       lang +
       "\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"160\" "
       "w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>";
  s += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
       "w:val=\"Normal\"/><w:qFormat/></w:style>";
  s += "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
       "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
       "</w:style>";
  s += "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn "
       "w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing "
       "w:after=\"240\"/></w:pPr><w:rPr><w:color w:val=\"1F3864\"/><w:sz w:val=\"48\"/>"
       "<w:szCs w:val=\"48\"/></w:rPr></w:style>";
  s += heading_style(1, 32) + heading_style(2, 28) + heading_style(3, 24) + heading_style(4, 22);
  s += "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn "
       "w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"29\"/><w:qFormat/>"
       "<w:pPr><w:spacing w:before=\"120\" w:after=\"60\"/><w:ind w:left=\"720\" "
       "w:right=\"720\"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr></w:style>";
  s += "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"QuoteSource\"><w:name "
       "w:val=\"Quote source\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
       "<w:pPr><w:spacing w:after=\"200\"/><w:ind w:left=\"720\" w:right=\"720\"/></w:pPr>"
       "<w:rPr><w:color w:val=\"595959\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr>"
       "</w:style>";
  s += "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Side\"><w:name "
       "w:val=\"Side note\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:left "
       "w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"5B8C5A\"/></w:pBdr><w:shd "
       "w:val=\"clear\" w:color=\"auto\" w:fill=\"EAF2E8\"/><w:spacing w:after=\"0\"/>"
       "<w:ind w:left=\"284\" w:right=\"284\"/></w:pPr></w:style>";
  s += "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"ListItem\"><w:name "
       "w:val=\"List item\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"left\" "
       "w:pos=\"360\"/></w:tabs><w:spacing w:after=\"60\"/><w:ind w:left=\"360\" "
       "w:hanging=\"360\"/></w:pPr></w:style>";
  s += "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Excerpt\"><w:name "
       "w:val=\"Excerpt\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"200\" "
       "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Consolas\" "
       "w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>"
       "</w:rPr></w:style>";
  s += "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/>"
       "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
       "<w:spacing w:after=\"80\"/></w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val=\"44546A\"/>"
       "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>";
  s += "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Note\"><w:name "
       "w:val=\"Note\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:color w:val=\"595959\"/>"
       "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>";
  s += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name "
       "w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:tblPr><w:tblInd "
       "w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left "
       "w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" "
       "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>";
  s += "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
       "<w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/><w:pPr><w:spacing "
       "w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:tblPr><w:tblBorders>"
       "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left "
       "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" "
       "w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" "
       "w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
       "w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
       "w:color=\"auto\"/></w:tblBorders></w:tblPr></w:style>";
  s += "</w:styles>";
  return s;
}

std::string settings_xml(const std::string& lang) {
  return std::string(kHeader) + "<w:settings xmlns:w=\"" + std::string(kW) +
         "\"><w:defaultTabStop w:val=\"708\"/><w:hyphenationZone w:val=\"425\"/>"
         "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting "
         "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
         "w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"" +
         lang + "\"/></w:settings>";
}

std::string content_types_xml() {
  const std::string main = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  return std::string(kHeader) +
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" "
         "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/word/document.xml\" ContentType=\"" +
         main +
         "document.main+xml\"/>"
         "<Override PartName=\"/word/styles.xml\" ContentType=\"" +
         main +
         "styles+xml\"/>"
         "<Override PartName=\"/word/settings.xml\" ContentType=\"" +
         main +
         "settings+xml\"/>"
         "<Override PartName=\"/docProps/core.xml\" "
         "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
         "<Override PartName=\"/docProps/app.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
         "</Types>";
}

std::string package_rels_xml() {
  const std::string od = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  return std::string(kHeader) +
         "<Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
         relationship("rId1", od + "officeDocument", "word/document.xml") +
         relationship("rId2",
                      "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                      "core-properties",
                      "docProps/core.xml") +
         relationship("rId3", od + "extended-properties", "docProps/app.xml") + "</Relationships>";
}

std::string document_rels_xml() {
  const std::string od = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  return std::string(kHeader) +
         "<Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
         relationship("rId1", od + "styles", "styles.xml") +
         relationship("rId2", od + "settings", "settings.xml") + "</Relationships>";
}

std::string core_xml(const DocxInfo& info) {
  std::string s(kHeader);
  s += "<cp:coreProperties "
       "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
       "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  if (!info.title.empty()) s += "<dc:title>" + DocxWriter::escape(info.title) + "</dc:title>";
  s += "<dc:language>" + DocxWriter::escape(info.language) + "</dc:language>";
  if (!info.date.empty()) {
    // Only the date SOURCE_DATE_EPOCH gave: never the clock.
    const std::string when = DocxWriter::escape(info.date) + "T00:00:00Z";
    s += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:created>";
    s += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:modified>";
  }
  return s + "</cp:coreProperties>";
}

std::string app_xml() {
  return std::string(kHeader) +
         "<Properties "
         "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
         "<Application>ipcode</Application></Properties>";
}

}  // namespace ipcode::office::detail
