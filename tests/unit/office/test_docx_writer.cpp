// DocxWriter: the parts of the package, the style ids a table of contents needs, the
// WordprocessingML of each kind of block, escaping, and deterministic bytes.

#include "ipcode/office/docx_writer.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace office = ipcode::office;
using office::DocxRun;

namespace {

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

std::size_t count(const std::string& s, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("docx escape: markup, control characters and broken UTF-8", "[office][docx]") {
  struct Case {
    std::string in, out;
  };
  const std::vector<Case> cases = {
      {"a < b & c > \"d\"", "a &lt; b &amp; c &gt; &quot;d&quot;"},
      {"blåbær æøå ÆØÅ", "blåbær æøå ÆØÅ"},
      {std::string("bell\x07 nul") + '\0' + "x", "bell nulx"},
      {"tab\tand\nline", "tab\tand\nline"},
      {"bad \xC3( byte", "bad \xEF\xBF\xBD( byte"},
      {"overlong \xC0\xAF", "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
      {"surrogate \xED\xA0\x80", "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"\xEF\xBF\xBF not a character", " not a character"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(office::DocxWriter::escape(c.in) == c.out);
  }
}

TEST_CASE("docx headings use the standard style ids", "[office][docx]") {
  office::DocxWriter w({"Rapport", "nb-NO", ""});
  w.heading(1, "Første");
  w.heading(2, "Andre");
  w.heading(3, "Tredje");
  w.heading(9, "Too deep");
  const std::string xml = w.document_xml();
  CHECK(has(xml, "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Første"));
  CHECK(has(xml, "<w:pStyle w:val=\"Heading2\"/>"));
  CHECK(has(xml, "<w:pStyle w:val=\"Heading3\"/>"));
  CHECK(
      has(xml, "<w:pStyle w:val=\"Heading4\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Too deep"));
  CHECK(xml.find("Heading1") < xml.find("Heading2"));
}

TEST_CASE("docx runs, quotes, side paragraphs, tables and breaks", "[office][docx]") {
  office::DocxWriter w({"Rapport", "nb-NO", ""});
  w.paragraph({{DocxRun::Style::plain, "vanlig ", {}},
               {DocxRun::Style::bold, "fet", {}},
               {DocxRun::Style::italic, "kursiv", {}},
               {DocxRun::Style::code, "B1-01", {}},
               {DocxRun::Style::plain, "\u25a0", "#1b9e77"}});
  w.quote("Jeg skrev under.\nDet var alt.", {{DocxRun::Style::plain, "\u2014 bruker 1", {}}});
  w.side("Ideell praksis: Forskrift § 5", "Planen skal lages med brukeren.");
  w.table({"Deltaker", "Kjønn"}, {{"B1", "K"}, {"B2", "M"}, {"B3"}});
  w.page_break();
  const std::string xml = w.document_xml();
  CHECK(has(xml, "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">fet</w:t></w:r>"));
  CHECK(has(xml, "<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">kursiv</w:t></w:r>"));
  CHECK(has(xml, "w:ascii=\"Consolas\""));
  CHECK(has(xml, "<w:color w:val=\"1B9E77\"/>"));
  // One indented paragraph per line of the quote, then the attribution.
  CHECK(count(xml, "<w:pStyle w:val=\"Quote\"/>") == 2);
  CHECK(has(xml, "<w:pStyle w:val=\"QuoteSource\"/>"));
  CHECK(count(xml, "<w:pStyle w:val=\"Side\"/>") == 2);
  // Header row and three rows, each with two cells (a short row is filled).
  CHECK(count(xml, "<w:tbl>") == 1);
  CHECK(count(xml, "<w:tr>") == 4);
  CHECK(count(xml, "<w:tc>") == 8);
  CHECK(count(xml, "<w:tblHeader/>") == 1);
  CHECK(count(xml, "<w:gridCol ") == 2);
  CHECK(has(xml, "<w:br w:type=\"page\"/>"));
}

TEST_CASE("docx styles name the built-in styles Word translates", "[office][docx]") {
  // The package is deflated; the styles are checked through what bytes() is built from by
  // the e2e test (tests/e2e/report_docx.sh). Here: the same calls, the same bytes, and a
  // date only when one is given.
  const auto make = [](const std::string& date) {
    office::DocxWriter w({"Rapport æøå", "nb-NO", date});
    w.heading(1, "Overskrift");
    w.paragraph({{DocxRun::Style::plain, "Tekst", {}}});
    return w.bytes();
  };
  const auto one = make("");
  const auto two = make("");
  const auto dated = make("2025-01-01");
  REQUIRE(one);
  REQUIRE(two);
  REQUIRE(dated);
  CHECK(*one == *two);
  CHECK(*one != *dated);
  CHECK(one->substr(0, 4) == "PK\x03\x04");
  CHECK(has(*one, "[Content_Types].xml"));
  CHECK(has(*one, "word/document.xml"));
  CHECK(has(*one, "word/styles.xml"));
  CHECK(has(*one, "docProps/core.xml"));
}

TEST_CASE("docx table columns fit their longest word and fill the page", "[office][docx]") {
  office::DocxWriter w({"", "nb-NO", ""});
  w.table({"Kjønn", "Tjeneste", "Runder"},
          {{"K", "psykisk helsetjeneste i kommunen og i spesialisthelsetjenesten", "1, 2, 3"}});
  const std::string xml = w.document_xml();
  std::vector<int> widths;
  for (std::size_t at = xml.find("<w:gridCol w:w=\""); at != std::string::npos;
       at = xml.find("<w:gridCol w:w=\"", at + 1)) {
    widths.push_back(std::stoi(xml.substr(at + 16)));
  }
  REQUIRE(widths.size() == 3);
  // A4 less 2.5 cm margins, give or take the rounding of a twip per column.
  CHECK(widths[0] + widths[1] + widths[2] <= 9072);
  CHECK(widths[0] + widths[1] + widths[2] >= 9069);
  CHECK(widths[0] >= 5 * 130 + 250);  // "Kjønn" whole
  CHECK(widths[2] >= 6 * 130 + 250);  // "Runder" whole
  CHECK(widths[1] > widths[0] + widths[2]);
}

TEST_CASE("docx table columns too wide for the page: the widest give way", "[office][docx]") {
  office::DocxWriter w({"", "nb-NO", ""});
  const std::string long_word(40, 'x');
  w.table({"Kjønn", "A", "B", "C"}, {{"K", long_word, long_word, long_word}});
  const std::string xml = w.document_xml();
  std::vector<int> widths;
  for (std::size_t at = xml.find("<w:gridCol w:w=\""); at != std::string::npos;
       at = xml.find("<w:gridCol w:w=\"", at + 1)) {
    widths.push_back(std::stoi(xml.substr(at + 16)));
  }
  REQUIRE(widths.size() == 4);
  CHECK(widths[0] == 5 * 130 + 250);  // "Kjønn" keeps its room
  CHECK(widths[1] == widths[2]);
  CHECK(widths[2] == widths[3]);
  CHECK(widths[0] + widths[1] + widths[2] + widths[3] <= 9072);
  CHECK(widths[0] + widths[1] + widths[2] + widths[3] >= 9069);
}
