#include "ipcode/office/archive.hpp"
#include "ipcode/office/document.hpp"
#include "zip_maker.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace ipcode;
using namespace ipcode::office;
using test::make_zip;
using test::ZipEntry;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(IPCODE_SOURCE_DIR) + "/tests/data/import/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)";

std::string docx_with(const std::string& document) {
  return make_zip({{"_rels/.rels", kRels}, {"word/document.xml", document}});
}

std::string body(const std::string& inner) {
  return R"(<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
         inner + "</w:body></w:document>";
}

std::string text_of(const Paragraph& p) {
  std::string out;
  for (const auto& r : p.runs) {
    switch (r.kind) {
      case RunKind::text:
        out += r.text;
        break;
      case RunKind::line_break:
        out += "<br>";
        break;
      case RunKind::page_break:
        out += "<page>";
        break;
      case RunKind::cell_break:
        out += "|";
        break;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a zip made in memory is read back, entry by entry", "[office]") {
  const auto zip = Archive::open(make_zip({{"a.xml", "<a/>"}, {"dir/b.txt", "æøå"}}), "x.docx");
  REQUIRE(zip.ok());
  CHECK(zip->names() == std::vector<std::string>{"a.xml", "dir/b.txt"});
  CHECK(*zip->read("dir/b.txt") == "æøå");
  CHECK_FALSE(zip->read("missing.xml").ok());
}

TEST_CASE("hostile or broken archives are refused with a message naming the file", "[office]") {
  struct Case {
    const char* what;
    std::string bytes;
    const char* says;
  };
  const std::string good = make_zip({{"a.xml", "<a/>"}});
  const std::vector<Case> cases = {
      {"empty file", "", "empty"},
      {"not a zip", "Dette er bare tekst.", "not a zip"},
      {"NUL bytes", std::string(4096, '\0'), "not a zip"},
      {"truncated", good.substr(0, good.size() / 2), "not a zip"},
      {"climbs out", make_zip({{"../evil.xml", "x"}}), ".."},
      {"climbs out inside", make_zip({{"word/../../evil.xml", "x"}}), ".."},
      {"absolute", make_zip({{"/etc/passwd", "x"}}), "absolute"},
      {"backslash", make_zip({{"word\\document.xml", "x"}}), "backslash"},
      {"drive letter", make_zip({{"C:evil", "x"}}), "drive"},
      {"zip bomb: one entry too large",
       make_zip({{"word/document.xml", std::string(100, 'x'), 8, 0xfff00000u}}), "zip bomb"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const auto zip = Archive::open(c.bytes, "B1.docx");
    REQUIRE_FALSE(zip.ok());
    CHECK(zip.error().kind == ErrorKind::invalid_data);
    CHECK(zip.error().message.find("B1.docx") == 0);
    CHECK(zip.error().message.find(c.says) != std::string::npos);
  }
}

TEST_CASE("archive limits: entries, total size and compression ratio", "[office]") {
  Limits few;
  few.max_entries = 2;
  CHECK_FALSE(Archive::open(make_zip({{"a", "1"}, {"b", "2"}, {"c", "3"}}), "x", few).ok());
  CHECK(Archive::open(make_zip({{"a", "1"}, {"b", "2"}}), "x", few).ok());

  Limits small;
  small.max_total_bytes = 10;
  CHECK_FALSE(Archive::open(make_zip({{"a", "123456"}, {"b", "123456"}}), "x", small).ok());

  // 2 MiB claimed from 100 bytes: over 200 to 1.
  const auto bomb = make_zip({{"a.xml", std::string(100, 'x'), 8, std::uint64_t{2} << 20}});
  const auto r = Archive::open(bomb, "x");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("200 to 1") != std::string::npos);
}

TEST_CASE("an entry whose bytes do not match its header is damaged", "[office]") {
  auto bytes = make_zip({{"a.xml", "<abc/>"}});
  bytes[30 + 5 + 1] = 'X';  // one byte of the stored data: the CRC no longer fits
  const auto zip = Archive::open(bytes, "x.docx");
  REQUIRE(zip.ok());
  CHECK_FALSE(zip->read("a.xml").ok());
}

TEST_CASE("XML with a DOCTYPE or entities is refused (XXE, billion laughs)", "[office]") {
  const std::vector<std::string> hostile = {
      R"(<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>)",
      R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>)",
  };
  for (const auto& xml : hostile) {
    const auto doc = read_docx(docx_with(xml), "B1.docx");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().message.find("DOCTYPE") != std::string::npos);
  }
  const auto odt = read_odt(make_zip({{"content.xml", hostile[0]}}), "B1.odt");
  REQUIRE_FALSE(odt.ok());
  CHECK(odt.error().message.find("DOCTYPE") != std::string::npos);
}

TEST_CASE("a zip that is no Word or ODF document says so", "[office]") {
  const auto doc = read_docx(make_zip({{"a.txt", "x"}}), "B1.docx");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().message.find("not a Word document") != std::string::npos);
  const auto odt = read_odt(make_zip({{"a.txt", "x"}}), "B1.odt");
  REQUIRE_FALSE(odt.ok());
  CHECK(odt.error().message.find("not an OpenDocument text") != std::string::npos);
  CHECK_FALSE(read_docx(docx_with("<w:document"), "B1.docx").ok());  // not well-formed
}

TEST_CASE("docx: runs, breaks, tables, tracked changes and comments", "[office]") {
  const auto doc = read_docx(
      docx_with(body(
          R"(<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>B1:</w:t></w:r><w:r><w:t xml:space="preserve"> Jeg </w:t></w:r>)"
          R"(<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>vet</w:t></w:r><w:r><w:rPr><w:shd w:fill="00FF00"/></w:rPr><w:t>ikke</w:t></w:r>)"
          R"(<w:del><w:r><w:delText>borte</w:delText></w:r></w:del><w:ins><w:r><w:t>inn</w:t></w:r></w:ins>)"
          R"(<w:commentRangeStart w:id="3"/><w:r><w:br/><w:t>neste</w:t></w:r><w:commentRangeEnd w:id="3"/>)"
          R"(<w:r><w:footnoteReference w:id="1"/><w:br w:type="page"/><w:tab/><w:t>x</w:t></w:r></w:p>)"
          R"(<w:tbl><w:tr><w:tc><w:p><w:r><w:t>I</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Ja</w:t></w:r></w:p><w:p><w:r><w:t>nei</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)"
          R"(<w:p><w:pPr><w:pageBreakBefore/><w:sectPr/></w:pPr><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>slutt</w:t></w:r></w:p>)")),
      "B1.docx");
  REQUIRE(doc.ok());
  REQUIRE(doc->paragraphs.size() == 3);
  CHECK(text_of(doc->paragraphs[0]) == "B1: Jeg vetikkeinn<br>neste<page>\tx");
  CHECK(text_of(doc->paragraphs[1]) == "I|Ja<br>nei");
  CHECK(text_of(doc->paragraphs[2]) == "<page>slutt<page>");
  const auto& runs = doc->paragraphs[0].runs;
  CHECK(runs[0].bold);
  CHECK_FALSE(runs[1].bold);
  CHECK(runs[2].highlight == "yellow");
  CHECK(runs[3].shading == "#00ff00");
  CHECK(runs[4].text == "inn");
  CHECK(runs[4].comments.empty());
  CHECK(runs[6].text == "neste");
  CHECK(runs[6].comments == std::vector<std::string>{"3"});
  CHECK(runs.back().comments.empty());
  CHECK_FALSE(doc->paragraphs[2].runs[1].bold);
}

TEST_CASE("the fixture saved in Word's shape: styles, comments, footnote left out", "[office]") {
  const auto doc = read_docx(fixture("B4-word.docx"), "B4-word.docx");
  REQUIRE(doc.ok());
  REQUIRE(doc->comments.size() == 2);
  CHECK(doc->comments[0].author == "Ola Nordmann");
  CHECK(doc->comments[0].initials == "ON");
  CHECK(doc->comments[1].text == "forstaar\nEGNE MÅL -- sier både og");
  CHECK(doc->paragraphs[0].runs[0].bold);  // bold through the character style
  for (const auto& p : doc->paragraphs) {
    CHECK(text_of(p).find("Uklart") == std::string::npos);  // the footnote
    CHECK(text_of(p).find("altså") == std::string::npos);   // the deletion
  }
  CHECK(text_of(doc->paragraphs[6]).find("selv") != std::string::npos);  // the insertion
}

TEST_CASE("odt made by LibreOffice: the same document as its docx", "[office]") {
  const auto odt = read_odt(fixture("B3-intervju.odt"), "B3-intervju.odt");
  const auto docx = read_docx(fixture("B3-intervju.docx"), "B3-intervju.docx");
  REQUIRE(odt.ok());
  REQUIRE(docx.ok());
  REQUIRE(odt->paragraphs.size() == docx->paragraphs.size());
  for (std::size_t i = 0; i < odt->paragraphs.size(); ++i) {
    INFO(i);
    std::string a = text_of(odt->paragraphs[i]);
    std::string b = text_of(docx->paragraphs[i]);
    // LibreOffice writes an ODF break before a paragraph as a Word break after the one before.
    for (auto* s : {&a, &b}) {
      if (s->starts_with("<page>")) s->erase(0, 6);
      if (s->ends_with("<page>")) s->resize(s->size() - 6);
    }
    CHECK(a == b);
  }
  REQUIRE(odt->comments.size() == 2);
  CHECK(odt->comments[0].initials == "KH");
  CHECK(odt->comments[1].text == "Forstår hva planen er; egne-maal\n// usikker koding");
  CHECK(Document::palette("darkYellow") == "#808000");
  CHECK(Document::palette("nope").empty());
}
