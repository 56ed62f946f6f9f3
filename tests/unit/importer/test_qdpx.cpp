// `ipcode import --qdpx`: ids from names, positions through normalisation, the REFI-QDA
// reader on hostile input, and a small project built into a study.
#include "../office/zip_maker.hpp"
#include "ipcode/importer/qdpx.hpp"
#include "ipcode/office/qde.hpp"

#include <catch2/catch.hpp>

using namespace ipcode;
using namespace ipcode::importer::qdpx;
using ipcode::test::make_zip;

TEST_CASE("qdpx: ids from names fold Norwegian letters and odd characters", "[importer][qdpx]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Tillit", "tillit"},
      {"Æresord på Østlandet", "aeresord-pa-ostlandet"},
      {"ÆØÅ æøå", "aeoa-aeoa"},
      {"A\u030apen d\u00f8r", "apen-dor"},  // NFD å
      {"Café – naïve", "cafe-naive"},
      {"  --Hei, du!!  ", "hei-du"},
      {"snake_case name", "snake_case-name"},
      {"2022-05-10T02:05:59Z 19e4dce", "2022-05-10t02-05-59z-19e4dce"},
      {"_x_", "x"},
      {"\U0001F600 glad", "glad"},
      {"", ""},
      {"!!! ???", ""},
      {"Ωμέγα", ""},
  };
  for (const auto& [name, id] : cases) {
    INFO(name);
    CHECK(make_id(name) == id);
  }
}

TEST_CASE("qdpx: ids are unique and stable: -2, -3 in order, fallback for empty names",
          "[importer][qdpx]") {
  IdMaker ids;
  CHECK(ids("Tillit", "code") == "tillit");
  CHECK(ids("tillit", "code") == "tillit-2");
  CHECK(ids("TILLIT", "code") == "tillit-3");
  CHECK(ids("", "code") == "code");
  CHECK(ids("???", "code") == "code-2");
  IdMaker again;
  CHECK(again("Tillit", "code") == "tillit");
  // File stems keep capitals, and B1 and b1 are one name on macOS and Windows.
  IdMaker stems(Case::keep);
  CHECK(stems("B1", "source") == "B1");
  CHECK(stems("b1", "source") == "b1-2");
  CHECK(stems("Intervju Åse Østby", "source") == "Intervju-Ase-Ostby");
  CHECK(stems("Ærlig talt", "source") == "Aerlig-talt");
  CHECK(make_id("Intervju Åse", Case::keep) == "Intervju-Ase");
}

TEST_CASE("qdpx: positions through BOM, CRLF and a lone CR", "[importer][qdpx]") {
  const Normalised n(
      "\xEF\xBB\xBF"
      "ab\r\ncd\ref");
  CHECK(n.text() == "ab\ncd\nef");
  CHECK(n.length(Counting::code_points) == 9);  // a b CR LF c d CR e f
  CHECK(*n.start(0, Counting::code_points) == 0);
  CHECK(*n.start(4, Counting::code_points) == 3);  // c
  CHECK(*n.end(2, Counting::code_points) == 2);    // up to the CR
  CHECK(*n.start(8, Counting::code_points) == 7);  // f, after the lone CR
  CHECK(*n.end(9, Counting::code_points) == 8);
  CHECK_FALSE(n.start(10, Counting::code_points).has_value());
  CHECK_FALSE(n.end(-1, Counting::code_points).has_value());
}

TEST_CASE("qdpx: positions through NFC: a letter and its accent are one character",
          "[importer][qdpx]") {
  const Normalised n("A\u030apen r\u00f8d");  // NFD Å, then NFC ø
  CHECK(n.text() == "\u00c5pen r\u00f8d");
  CHECK(*n.start(0, Counting::code_points) == 0);
  CHECK(*n.start(1, Counting::code_points) == 0);  // inside Å: a start goes before it
  CHECK(*n.end(1, Counting::code_points) == 2);    // an end goes after it
  CHECK(*n.start(2, Counting::code_points) == 2);  // p
  CHECK(*n.start(6, Counting::code_points) == 6);  // r
  CHECK(*n.end(9, Counting::code_points) == n.text().size());
}

TEST_CASE("qdpx: code points or UTF-16 units after a character beyond U+FFFF", "[importer][qdpx]") {
  const Normalised n("\U0001F600 hei p\u00e5 deg");  // 😀 is 1 code point, 2 UTF-16 units
  CHECK(n.has_non_bmp());
  CHECK(n.length(Counting::code_points) == 12);
  CHECK(n.length(Counting::utf16) == 13);
  CHECK(*n.start(2, Counting::code_points) == 5);  // h
  CHECK(*n.start(3, Counting::utf16) == 5);        // h
  CHECK(*n.start(1, Counting::utf16) == 0);        // inside the pair: before it
  CHECK(*n.end(1, Counting::utf16) == 4);          // after it
  using office::qde::Selection;
  // "hei på deg" counted in code points [2, 12): both countings fit; code points hit words.
  CHECK(detect_counting(n, {Selection{"", "", 2, 12, "", {}}}) == Counting::code_points);
  // The same selection counted in UTF-16 [3, 13): past the end in code points.
  CHECK(detect_counting(n, {Selection{"", "", 3, 13, "", {}}}) == Counting::utf16);
  // "på" in UTF-16 [7, 9): in code points it would be "å " — mid-word.
  CHECK(detect_counting(n, {Selection{"", "", 7, 9, "", {}}}) == Counting::utf16);
  const Normalised plain("hei");
  CHECK(detect_counting(plain, {Selection{"", "", 0, 3, "", {}}}) == Counting::code_points);
}

namespace {

std::string qde(const std::string& sources, const std::string& codes = "") {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project name=\"Prøve\" "
         "xmlns=\"urn:QDA-XML:project:1.0\"><Users><User guid=\"u1\" name=\"Kari Hansen\" "
         "id=\"KH\"/></Users><CodeBook><Codes>" +
         codes + "</Codes></CodeBook><Sources>" + sources + "</Sources></Project>";
}

const std::string kCodes =
    "<Code guid=\"c1\" name=\"Inngåelse\" isCodable=\"false\"><Code guid=\"c2\" "
    "name=\"Samtykke\" color=\"#1B9E77\"><Code guid=\"c3\" name=\"Skriver under\"><Code "
    "guid=\"c4\" name=\"Uten å vite\"/></Code></Code></Code>";

std::string selection(const std::string& start, const std::string& end, const std::string& code) {
  return "<PlainTextSelection guid=\"s-" + start + "\" name=\"sel\" startPosition=\"" + start +
         "\" endPosition=\"" + end +
         "\"><Coding guid=\"k\" creatingUser=\"u1\"><CodeRef "
         "targetGUID=\"" +
         code + "\"/></Coding></PlainTextSelection>";
}

}  // namespace

TEST_CASE("qdpx: the reader refuses hostile and broken projects, naming what is wrong",
          "[importer][qdpx]") {
  struct Case {
    const char* what;
    std::string bytes;
    const char* says;
  };
  const std::string ok = qde("");
  const std::vector<Case> cases = {
      {"no .qde", make_zip({{"sources/a.txt", "x"}}), "no .qde"},
      {"two .qde", make_zip({{"a.qde", ok}, {"b.QDE", ok}}), "several"},
      {"path escape", make_zip({{"../project.qde", ok}}), ".."},
      {"zip bomb", make_zip({{"project.qde", std::string(100, 'x'), 8, 0xfff00000u}}), "zip bomb"},
      {"truncated", make_zip({{"project.qde", ok}}).substr(0, 60), "not a zip"},
      {"doctype",
       make_zip({{"project.qde", "<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><p/>"}}),
       "DOCTYPE"},
      {"not xml", make_zip({{"project.qde", "<Project"}}), "not well-formed"},
      {"not a project", make_zip({{"project.qde", "<Codebook/>"}}), "not a REFI-QDA project"},
      {"code cycle",
       make_zip({{"project.qde", qde("",
                                     "<Code guid=\"A\" name=\"a\"><Code guid=\"a\" "
                                     "name=\"b\"/></Code>")}}),
       "two codes have the guid a"},
      {"bad position",
       make_zip(
           {{"project.qde",
             qde("<TextSource guid=\"t\" name=\"B1\"><PlainTextContent>hei</PlainTextContent>" +
                 selection("-1", "2", "c1") + "</TextSource>")}}),
       "not a position"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const auto p = office::qde::read_qdpx(c.bytes, "prosjekt.qdpx");
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().kind == ErrorKind::invalid_data);
    CHECK(p.error().message.find("prosjekt.qdpx") == 0);
    CHECK(p.error().message.find(c.says) != std::string::npos);
  }
}

TEST_CASE("qdpx: any .qde name, Sources/ or sources/, internal:// or a bare name",
          "[importer][qdpx]") {
  const std::string x =
      qde("<TextSource guid=\"t1\" name=\"B1\" plainTextPath=\"internal://a.txt\"/>"
          "<TextSource guid=\"t2\" name=\"B2\" plainTextPath=\"b.txt\"/>"
          "<TextSource guid=\"t3\" name=\"B3\" plainTextPath=\"relative:///c.txt\"/>"
          "<PictureSource guid=\"p\" name=\"Bilde\" path=\"internal://p.jpg\"/>");
  const auto p = office::qde::read_qdpx(
      make_zip({{"Mitt Prosjekt.QDE", x}, {"Sources/a.txt", "hei"}, {"sources/b.txt", "då"}}),
      "x.qdpx");
  REQUIRE(p.ok());
  REQUIRE(p->sources.size() == 4);
  CHECK(p->sources[0].text == "hei");
  CHECK(p->sources[1].text == "då");
  CHECK_FALSE(p->sources[2].has_text);
  CHECK(p->sources[2].why_no_text.find("outside the archive") != std::string::npos);
  CHECK(p->sources[3].kind == "PictureSource");
}

TEST_CASE("qdpx: a project becomes a study: 4-level tree flattened, æøå and CRLF, quotes",
          "[importer][qdpx]") {
  // "Jeg skrev under på planen.\r\nJeg vet ikke hva." — code points: "skrev under" is [4, 15),
  // "vet ikke hva" after the CRLF is [32, 44).
  const std::string text = "\xEF\xBB\xBFJeg skrev under p\u00e5 planen.\r\nJeg vet ikke hva.\r\n";
  // The text as a file in the archive: inline PlainTextContent is XML, whose parser turns
  // CRLF into LF (XML 1.0 §2.11), so CRLF only survives in a file.
  const auto p = office::qde::read_qdpx(
      make_zip({{"project.qde",
                 qde("<TextSource guid=\"t\" name=\"Intervju Åse.docx\" "
                     "plainTextPath=\"internal://t.txt\">" +
                         selection("4", "15", "c4") + selection("32", "44", "c2") + "</TextSource>",
                     kCodes)},
                {"sources/t.txt", text}}),
      "x.qdpx");
  REQUIRE(p.ok());
  Diagnostics diags;
  const auto s = build(*p, "x.qdpx", "nb", diags);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(diags.items().size() == 1);  // the flattened level
  CHECK(diags.items()[0].message.find("'Skriver under'") != std::string::npos);
  CHECK(diags.items()[0].message.find("Uten å vite") != std::string::npos);
  const auto& cb = s.files.at("codebook.yaml");
  CHECK(cb.find("- id: inngaelse\n    label: \"Inngåelse\"") != std::string::npos);
  CHECK(cb.find("color: \"#1b9e77\"") != std::string::npos);
  CHECK(cb.find("uten-a-vite") == std::string::npos);
  const auto& t = s.files.at("transcripts/r1/Intervju-Ase.txt");
  CHECK(t ==
        "---\nsource: \"Intervju Åse.docx\"\n---\nJeg skrev under p\u00e5 planen.\nJeg vet "
        "ikke hva.\n");
  const auto& c = s.files.at("coding/r1/Intervju-Ase.yaml");
  CHECK(c.find("coder: \"KH\"") != std::string::npos);
  CHECK(c.find("  - lines: 4\n    quote: \"skrev under\"\n    codes: [skriver-under]") !=
        std::string::npos);
  CHECK(c.find("  - lines: 5\n    quote: \"vet ikke hva\"\n    codes: [samtykke]") !=
        std::string::npos);
  CHECK(s.units == 2);
}

TEST_CASE("qdpx: bad selections and dangling codes are errors naming source and selection",
          "[importer][qdpx]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {selection("5", "2", "c2"), "ends before it starts"},
      {selection("0", "99", "c2"), "past the end of the text (3 characters)"},
      {selection("0", "3", "nowhere"), "no code of the project's code book"},
  };
  for (const auto& [sel, says] : cases) {
    INFO(says);
    const auto p = office::qde::parse_qde(
        qde("<TextSource guid=\"t\" name=\"B1\"><PlainTextContent>hei</PlainTextContent>" + sel +
                "</TextSource>",
            kCodes),
        "x.qdpx");
    REQUIRE(p.ok());
    Diagnostics diags;
    build(*p, "x.qdpx", "nb", diags);
    REQUIRE(diags.has_errors());
    bool found = false;
    for (const auto& d : diags.items()) {
      found = found || (d.message.find(says) != std::string::npos &&
                        d.message.find("B1: the selection 'sel'") == 0);
    }
    CHECK(found);
  }
}

TEST_CASE("qdpx: a tool counting UTF-16 units is detected, said, and its quotes are right",
          "[importer][qdpx]") {
  // "😀 Jeg gledet meg." — "gledet meg" is [6, 16) in code points, [7, 17) in UTF-16 units.
  const auto p = office::qde::parse_qde(
      qde("<TextSource guid=\"t\" name=\"B2\"><PlainTextContent>\U0001F600 Jeg gledet "
          "meg.</PlainTextContent>" +
              selection("7", "17", "c2") + "</TextSource>",
          kCodes),
      "x.qdpx");
  REQUIRE(p.ok());
  Diagnostics diags;
  const auto s = build(*p, "x.qdpx", "nb", diags);
  CHECK_FALSE(diags.has_errors());
  bool said = false;
  for (const auto& d : diags.items())
    said = said || d.message.find(
                       "B2: the selections' positions match the text when counted in UTF-16") == 0;
  CHECK(said);
  CHECK(s.files.at("coding/r1/B2.yaml").find("quote: \"gledet meg\"") != std::string::npos);
}
