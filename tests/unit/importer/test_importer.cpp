#include "ipcode/codebook/codebook.hpp"
#include "ipcode/importer/importer.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <catch2/catch.hpp>

using namespace ipcode;
using namespace ipcode::importer;
using office::Document;
using office::Paragraph;
using office::Run;
using office::RunKind;

namespace {

Run text_run(std::string s, bool bold = false) {
  Run r;
  r.text = std::move(s);
  r.bold = bold;
  return r;
}

Run mark(std::string s, std::string highlight, std::vector<std::string> comments = {}) {
  Run r = text_run(std::move(s));
  r.highlight = std::move(highlight);
  r.comments = std::move(comments);
  return r;
}

Run brk(RunKind k) {
  Run r;
  r.kind = k;
  return r;
}

// The transcript's lines after the front matter.
std::string body_of(const Imported& i) {
  const auto end = i.text.find("---\n", 4);
  return i.text.substr(end + 4);
}

const char* kBook = R"(codebook: t
themes:
  - id: inngaaelse
    label: Inngåelse
    groups:
      - id: samtykke
        label: Informert samtykke
        subgroups:
          - id: underskrift
            label: Skriver under uten å vite hva
            highlight: yellow
          - id: forstaar
            label: Forstår hva planen er
            highlight: "#FF00FF"
)";

struct Coded {
  std::string yaml;
  Diagnostics diags;
};

Coded code(const Document& doc, std::string coder = {}) {
  Coded out;
  const auto imported = from_document(doc, "B1.docx");
  Diagnostics ignored;
  const auto cb = codebook::parse_codebook(kBook, "codebook.yaml", ignored);
  REQUIRE_FALSE(ignored.has_errors());
  const auto t =
      transcript::parse_transcript(imported.text, "transcripts/r1/B1.txt", "r1", ignored);
  out.yaml = codings(imported, t, cb, std::move(coder), "B1.docx", out.diags);
  return out;
}

}  // namespace

TEST_CASE("speaker labels at the start of a paragraph", "[importer]") {
  struct Case {
    std::vector<Run> runs;
    const char* line;
  };
  const std::vector<Case> cases = {
      {{text_run("B1: Jeg vet ikke.")}, "B1: Jeg vet ikke."},
      {{text_run("B1:\tJeg vet ikke.")}, "B1: Jeg vet ikke."},
      {{text_run("Intervjuer:"), text_run("  Hva da?")}, "Intervjuer: Hva da?"},
      {{text_run("B1", true), text_run(" Jeg vet ikke.")}, "B1: Jeg vet ikke."},
      {{text_run("I", true), text_run("\tHva da?")}, "I: Hva da?"},
      // A plain word at the start is no label without its colon.
      {{text_run("Altså jeg vet ikke.")}, "Altså jeg vet ikke."},
      // A bold word followed by more bold text is emphasis, not a label.
      {{text_run("Viktig tekst", true), text_run(" her.")}, "Viktig tekst her."},
      {{text_run("B1:Jeg")}, "B1:Jeg"},
      {{text_run("B1"), brk(RunKind::cell_break), text_run("Jeg vet ikke.")}, "B1: Jeg vet ikke."},
      // A first cell that is no label: the cells joined by a space.
      {{text_run("ja, men"), brk(RunKind::cell_break), text_run("nei")}, "ja, men nei"},
      {{text_run("   innrykk\tog tab ")}, "innrykk og tab"},
  };
  for (const auto& c : cases) {
    Document doc;
    doc.paragraphs.push_back({c.runs});
    const auto i = from_document(doc, "B1.docx");
    CHECK(body_of(i) == std::string(c.line) + "\n");
  }
}

TEST_CASE("page and line breaks, front matter, NFC", "[importer]") {
  Document doc;
  doc.paragraphs.push_back({{text_run("I: Første"), brk(RunKind::line_break), text_run("linje")}});
  doc.paragraphs.push_back({{brk(RunKind::page_break)}});  // Word's break on a line of its own
  doc.paragraphs.push_back({{text_run("B1: A\u030a")}});   // NFD å
  doc.paragraphs.push_back({{text_run("Mer"), brk(RunKind::page_break), text_run("B1: Ny")}});
  doc.paragraphs.push_back({});
  doc.paragraphs.push_back({{brk(RunKind::page_break)}});  // nothing after it: no marker
  const auto i = from_document(doc, "Åse intervju.docx");
  CHECK(i.text ==
        "---\nsource: \"Åse intervju.docx\"\n---\nI: Første\nlinje\n[side 2]\nB1: Å\nMer\n"
        "[side 3]\nB1: Ny\n");
}

TEST_CASE("marks keep where highlighted and commented text landed", "[importer]") {
  Document doc;
  doc.paragraphs.push_back(
      {{text_run("B1", true), text_run(" Jeg "), mark("vet", "yellow", {"7"}), text_run(".")}});
  const auto i = from_document(doc, "B1.docx");
  REQUIRE(i.marks.size() == 1);
  CHECK(i.marks[0].line == 4);
  CHECK(i.marks[0].begin == 8);  // "B1: Jeg " is 8 bytes
  CHECK(i.marks[0].end == 11);
  CHECK(i.marks[0].comments == std::vector<std::string>{"7"});
}

TEST_CASE("subtitles: voice tags, Name: prefixes, cues of one speaker merged", "[importer]") {
  const char* vtt =
      "WEBVTT\n\nNOTE a note\nover two lines\n\n1\n00:00:01.000 --> 00:00:02.000\n"
      "<v Kari Hansen>Hei &amp; <i>hallo</i></v>\n\n00:00:03.000 --> 00:00:04.000\n"
      "<v Kari Hansen>igjen\n\n01:02.500 --> 01:03.000 align:start\n<v.x intervjuer>Ja?\n";
  CHECK(from_subtitles(vtt, "x.vtt") ==
        "Kari-Hansen: [00:00:01] Hei & hallo\nigjen\nIntervjuer: [00:01:02] Ja?\n");
  const char* srt =
      "1\n00:00:00,500 --> 00:00:01,000\nI: Hva?\n\n2\n00:00:02,000 --> 00:00:03,000\n"
      "B1: Dette.\nOg mer, sa hun: nei.\n";
  CHECK(from_subtitles(srt, "x.srt") ==
        "I: [00:00:00] Hva?\nB1: [00:00:02] Dette.\nOg mer, sa hun: nei.\n");
  CHECK(from_subtitles("00:00:01,000 --> 00:00:02,000\nbare tekst\n", "x.srt") ==
        "[00:00:01] bare tekst\n");
}

TEST_CASE("txt: encodings and line ends as for transcripts", "[importer]") {
  const auto cp = convert("I: m\xe5l\r\nB1: s\xe6r\r\n", Format::txt, "B1.txt");
  REQUIRE(cp.ok());
  CHECK(cp->from_cp1252);
  CHECK(cp->text == "---\nsource: \"B1.txt\"\n---\nI: mål\nB1: sær\n");
  const std::string utf16(
      "\xff\xfe"
      "I\0:\0 \0\xe5\0\n\0",
      12);
  const auto u = convert(utf16, Format::txt, "B1.txt");
  REQUIRE(u.ok());
  CHECK(u->text == "---\nsource: \"B1.txt\"\n---\nI: å\n");
  const auto fm = convert("---\nid: x\n---\nI: hei", Format::txt, "B1.txt");
  CHECK(fm->text == "---\nid: x\n---\nI: hei\n");
  CHECK(format_of("B1.DOCX") == Format::docx);
  CHECK_FALSE(format_of("B1.doc").has_value());
}

TEST_CASE("codings: comments name codes by id or label; highlights by colour", "[importer]") {
  Document doc;
  doc.paragraphs.push_back({{text_run("B1: "), mark("Jeg skrev under.", "yellow"), text_run(" Så "),
                             mark("forstod jeg", "", {"c1"})}});
  doc.paragraphs.push_back({{mark("det ikke.", "", {"c1"})}});
  Run shaded = text_run("Nå skjønner jeg.");
  shaded.shading = "#ff00ff";
  doc.paragraphs.push_back({{text_run("B1: Ja. "), shaded}});
  doc.comments.push_back(
      {"c1", "Kari Hansen", "", "UNDERSKRIFT; forstår hva planen er // usikker"});
  const auto c = code(doc);
  INFO(c.yaml);
  CHECK_FALSE(c.diags.has_errors());
  CHECK(c.yaml ==
        "# Meaning units imported by ipcode import --codings from B1.docx\n"
        "transcript: \"r1-B1\"\ncoder: \"KH\"\nunits:\n"
        "  # highlight yellow\n  - lines: 4\n    quote: \"Jeg skrev under.\"\n"
        "    codes: [underskrift]\n"
        "  # comment KH\n  - lines: 4-5\n    quote: \"forstod jeg det ikke.\"\n"
        "    codes: [underskrift, forstaar]\n    note: \"usikker\"\n"
        "  # highlight #ff00ff\n  - lines: 6\n    quote: \"Nå skjønner jeg.\"\n"
        "    codes: [forstaar]\n");
  CHECK(code(doc, "AB").yaml.find("coder: \"AB\"") != std::string::npos);
}

TEST_CASE("codings: one colour across a line break within a turn is one unit", "[importer]") {
  Document doc;
  doc.paragraphs.push_back({{text_run("B1: "), mark("en", "yellow"), brk(RunKind::line_break),
                             mark("to", "yellow"), text_run(" tre "), mark("fire", "yellow")}});
  const auto c = code(doc);
  CHECK(c.yaml.find("lines: 4-5\n    quote: \"en to\"") != std::string::npos);
  CHECK(c.yaml.find("quote: \"fire\"") != std::string::npos);
}

TEST_CASE("codings: unknown codes and colours are errors, nothing is made", "[importer]") {
  Document doc;
  doc.paragraphs.push_back({{text_run("B1: Her "), mark("står det", "", {"c1"})}});
  doc.comments.push_back({"c1", "Kari Hansen", "KH", "undreskrift, forstaar -- merk"});
  auto c = code(doc);
  CHECK(c.yaml.empty());
  REQUIRE(c.diags.error_count() == 1);
  const auto& d = c.diags.items()[0];
  CHECK(d.file == "transcripts/r1/B1.txt");
  CHECK(d.line == 4);
  CHECK(d.col == 9);
  CHECK(d.message.find("Kari Hansen") != std::string::npos);
  CHECK(d.message.find("«undreskrift, forstaar -- merk»") != std::string::npos);
  CHECK(d.message.find("did you mean 'underskrift'?") != std::string::npos);

  Document green;
  green.paragraphs.push_back({{text_run("B1: "), mark("grønt", "green")}});
  c = code(green);
  CHECK(c.yaml.empty());
  REQUIRE(c.diags.error_count() == 1);
  CHECK(c.diags.items()[0].message.find("marked green") != std::string::npos);
  CHECK(c.diags.items()[0].message.find("yellow, #ff00ff") != std::string::npos);
}

TEST_CASE("codings: a document without marks gives no units; NFC across runs", "[importer]") {
  Document plain;
  plain.paragraphs.push_back({{text_run("B1: Bare tekst.")}});
  CHECK(code(plain).yaml.find("\n  - ") == std::string::npos);
  // A letter and its accent in two runs join into one character: the marks' columns are
  // past the parsed line's end, which must not be read out of bounds.
  Document split;
  split.paragraphs.push_back({{text_run("B1: A"), mark("\u030a", "yellow"), text_run("A"),
                               mark("\u030a", "yellow"), mark("x", "green")}});
  const auto c = code(split);
  CHECK(c.diags.error_count() == 1);  // green has no node
}
