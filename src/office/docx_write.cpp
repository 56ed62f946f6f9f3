// DocxWriter: a Word document as WordprocessingML parts in a deterministic zip. The styles
// carry the built-in names ("heading 1", "Quote", "Table Grid"), which Word shows in the
// user's language ("Overskrift 1", "Sitat", "Tabellrutenett"), with the standard style ids, so
// a thesis template's table of contents and style changes apply to the report as well.

#include "docx_parts.hpp"
#include "ipcode/office/docx_writer.hpp"
#include "ipcode/office/zip_writer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace ipcode::office {
namespace {

using detail::kHeader;
using detail::kW;

// A4 with 2.5 cm margins (Norwegian Word's default page): the width text and tables get.
constexpr int kTextWidth = 11906 - 2 * 1417;

// The length of the UTF-8 sequence at s[i] and its code point, or 0 when it is not UTF-8.
std::size_t utf8_at(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  if ((b & 0xE0) == 0xC0) {
    n = 2;
    cp = b & 0x1FU;
  } else if ((b & 0xF0) == 0xE0) {
    n = 3;
    cp = b & 0x0FU;
  } else if ((b & 0xF8) == 0xF0) {
    n = 4;
    cp = b & 0x07U;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3FU);
  }
  static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool is_lead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), is_lead));
}

bool xml_allowed(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
}

std::string hex_color(std::string_view color) {
  if (color.size() != 7 || color[0] != '#') return {};
  std::string out;
  for (const char c : color.substr(1)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return {};
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// The text of a run: line breaks become <w:br/>, tabs <w:tab/>; CR is dropped.
std::string run_text(std::string_view text) {
  std::string out;
  std::string piece;
  const auto flush = [&] {
    if (!piece.empty())
      out += "<w:t xml:space=\"preserve\">" + DocxWriter::escape(piece) + "</w:t>";
    piece.clear();
  };
  for (const char c : text) {
    if (c == '\n') {
      flush();
      out += "<w:br/>";
    } else if (c == '\t') {
      flush();
      out += "<w:tab/>";
    } else if (c != '\r') {
      piece += c;
    }
  }
  flush();
  return out;
}

std::string run(const DocxRun& r) {
  if (r.text.empty()) return {};
  std::string props;
  switch (r.style) {
    case DocxRun::Style::plain:
      break;
    case DocxRun::Style::bold:
      props += "<w:b/>";
      break;
    case DocxRun::Style::italic:
      props += "<w:i/>";
      break;
    case DocxRun::Style::code:
      props += "<w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/>";
      break;
  }
  if (const std::string hex = hex_color(r.color); !hex.empty()) {
    props += "<w:color w:val=\"" + hex + "\"/>";
  }
  std::string out = "<w:r>";
  if (!props.empty()) out += "<w:rPr>" + props + "</w:rPr>";
  return out + run_text(r.text) + "</w:r>";
}

std::string runs(const DocxRuns& rs) {
  std::string out;
  for (const DocxRun& r : rs) out += run(r);
  return out;
}

std::string para(std::string_view style, const std::string& content) {
  std::string out = "<w:p>";
  if (!style.empty()) out += "<w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/></w:pPr>";
  return out + content + "</w:p>";
}

std::string lines_of(std::string_view text, std::string_view style, DocxRun::Style run_style) {
  // One paragraph per line of the text (blank lines dropped).
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty()) out += para(style, run({run_style, std::string(line), {}}));
    start = end + 1;
  }
  return out;
}

// Column widths in twips that add up to the text width: every column first gets room for its
// longest word (so no word is broken inside, as "Kjøn|n"), then what is left goes to the
// columns whose longest cell would still wrap, in proportion to what they lack. A character
// is taken as 130 twips (a bold 11 pt Calibri letter), plus 250 for the cell's margins.
std::vector<std::size_t> column_widths(const std::vector<std::string>& header,
                                       const std::vector<std::vector<std::string>>& rows,
                                       std::size_t columns) {
  constexpr std::size_t kChar = 130;
  constexpr std::size_t kMargin = 250;
  std::vector<std::size_t> word(columns, 1);
  std::vector<std::size_t> full(columns, 1);
  const auto measure = [&](std::size_t c, std::string_view text) {
    std::size_t run = 0;
    for (const char ch : text) {
      run = ch == ' ' ? 0 : run + (is_lead(ch) ? 1 : 0);
      word[c] = std::max(word[c], run);
    }
    full[c] = std::max(full[c], code_points(text));
  };
  for (std::size_t c = 0; c < columns && c < header.size(); ++c) measure(c, header[c]);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) measure(c, row[c]);
  }
  const auto total = static_cast<std::size_t>(kTextWidth);
  std::vector<std::size_t> width(columns);
  std::vector<std::size_t> lack(columns);
  std::size_t least = 0;
  std::size_t lacking = 0;
  for (std::size_t c = 0; c < columns; ++c) {
    width[c] = kChar * word[c] + kMargin;
    lack[c] = kChar * full[c] + kMargin - width[c];
    least += width[c];
    lacking += lack[c];
  }
  if (least >= total) {
    // Too little room for every longest word: the widest columns give it up, down to a cap,
    // so that short words ("Kjønn", "Alder") stay whole.
    std::vector<std::size_t> sorted = width;
    std::sort(sorted.begin(), sorted.end());
    std::size_t room = total;
    std::size_t cap = 0;
    for (std::size_t i = 0; i < columns; ++i) {
      cap = room / (columns - i);
      if (sorted[i] > cap) break;
      room -= sorted[i];
    }
    for (std::size_t& w : width) w = std::min(w, cap);
    return width;
  }
  const std::size_t left = total - least;
  for (std::size_t c = 0; c < columns; ++c) {
    width[c] += lacking <= left ? lack[c] + (left - lacking) / columns : left * lack[c] / lacking;
  }
  return width;
}

}  // namespace

std::string DocxWriter::escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::uint32_t cp = 0;
    const std::size_t n = utf8_at(s, i, cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    if (xml_allowed(cp)) {
      switch (s[i]) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        default:
          out.append(s.substr(i, n));
      }
    }
    i += n;
  }
  return out;
}

DocxWriter::DocxWriter(DocxInfo info) : info_(std::move(info)) {}

void DocxWriter::heading(int level, std::string_view text) {
  std::string one(text);
  std::replace(one.begin(), one.end(), '\n', ' ');
  body_ += para("Heading" + std::to_string(std::clamp(level, 1, 4)),
                run({DocxRun::Style::plain, one, {}}));
}

void DocxWriter::paragraph(const DocxRuns& rs, std::string_view style) {
  body_ += para(style, runs(rs));
}

void DocxWriter::quote(std::string_view text, const DocxRuns& attribution) {
  body_ += lines_of(text, "Quote", DocxRun::Style::plain);
  if (!attribution.empty()) body_ += para("QuoteSource", runs(attribution));
}

void DocxWriter::side(std::string_view title, std::string_view text) {
  if (!title.empty()) body_ += para("Side", run({DocxRun::Style::bold, std::string(title), {}}));
  body_ += lines_of(text, "Side", DocxRun::Style::plain);
  // The shading ends with a little room under it.
  body_ +=
      "<w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/></w:pPr></w:p>";
}

void DocxWriter::bullet(const DocxRuns& rs) {
  body_ += para("ListItem", "<w:r><w:t>\u2022</w:t></w:r><w:r><w:tab/></w:r>" + runs(rs));
}

void DocxWriter::table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  const std::size_t columns = std::max<std::size_t>(1, header.size());
  std::vector<std::string> width;
  for (const std::size_t w : column_widths(header, rows, columns)) {
    width.push_back(std::to_string(w));
  }
  std::string t =
      "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/>"
      "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" "
      "w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
  for (std::size_t c = 0; c < columns; ++c) t += "<w:gridCol w:w=\"" + width[c] + "\"/>";
  t += "</w:tblGrid>";
  const auto cell = [&width](std::size_t c, const std::string& text, bool head) {
    std::string out = "<w:tc><w:tcPr><w:tcW w:w=\"" + width[c] + "\" w:type=\"dxa\"/>";
    if (head) out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9E2F3\"/>";
    out += "</w:tcPr>";
    // Counts are centred.
    const bool number =
        !head && !text.empty() && std::all_of(text.begin(), text.end(), [](char ch) {
          return std::isdigit(static_cast<unsigned char>(ch)) != 0;
        });
    out += number ? "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>" : "<w:p>";
    return out + run({head ? DocxRun::Style::bold : DocxRun::Style::plain, text, {}}) +
           "</w:p></w:tc>";
  };
  t += "<w:tr><w:trPr><w:tblHeader/></w:trPr>";
  for (std::size_t c = 0; c < columns; ++c) t += cell(c, c < header.size() ? header[c] : "", true);
  t += "</w:tr>";
  for (const auto& row : rows) {
    t += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (std::size_t c = 0; c < columns; ++c) t += cell(c, c < row.size() ? row[c] : "", false);
    t += "</w:tr>";
  }
  t += "</w:tbl>";
  // Word needs a paragraph between two tables, and room after one.
  body_ += t + "<w:p/>";
}

void DocxWriter::excerpt(const std::vector<DocxRuns>& lines) {
  std::string content;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) content += "<w:r><w:br/></w:r>";
    content += runs(lines[i]);
  }
  body_ += para("Excerpt", content);
}

void DocxWriter::page_break() { body_ += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"; }

std::string DocxWriter::document_xml() const {
  return std::string(kHeader) + "<w:document xmlns:w=\"" + std::string(kW) +
         "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
         "<w:body>" +
         body_ +
         "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1417\" "
         "w:right=\"1417\" w:bottom=\"1417\" w:left=\"1417\" w:header=\"708\" w:footer=\"708\" "
         "w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
}

Result<std::string> DocxWriter::bytes() const {
  using namespace detail;
  const std::string lang = escape(info_.language);
  ZipWriter zip;
  zip.add("[Content_Types].xml", content_types_xml());
  zip.add("_rels/.rels", package_rels_xml());
  zip.add("word/document.xml", document_xml());
  zip.add("word/_rels/document.xml.rels", document_rels_xml());
  zip.add("word/styles.xml", styles_xml(lang));
  zip.add("word/settings.xml", settings_xml(lang));
  zip.add("docProps/core.xml", core_xml(info_));
  zip.add("docProps/app.xml", app_xml());
  return zip.finish();
}

}  // namespace ipcode::office
