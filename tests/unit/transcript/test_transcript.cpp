#include "ipcode/transcript/match.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace ipcode;
using namespace ipcode::transcript;

namespace {
const char* kText =
    "---\n"
    "id: r1-B1\n"
    "informant: B1\n"
    "---\n"
    "I: Kan du fortelle om planen?\n"                                     // 5
    "B1: Jeg bare skriver under på alt, men jeg vet ikke hva. (pause)\n"  // 6
    "Det er de som skriver den.\n"                                        // 7
    "[side 2]\n"                                                          // 8
    "I: Hva skjedde da?\n"                                                // 9
    "B1: Da fikk jeg MIN plan.\n";                                        // 10

Transcript parse(const std::string& s, Diagnostics& d) {
  return parse_transcript(s, "transcripts/r1/B1.txt", "r1", d);
}
}  // namespace

TEST_CASE("front matter, turns, pages and physical lines", "[transcript]") {
  Diagnostics d;
  const auto t = parse(kText, d);
  CHECK(d.items().empty());
  CHECK(t.id == "r1-B1");
  CHECK(t.informant == "B1");
  CHECK(t.front_matter_end == 4);
  CHECK(t.line_count() == 10);
  CHECK(t.speaker_of(7) == "B1");
  CHECK(t.interviewer_at(5));
  CHECK(t.spoken(6).substr(0, 9) == "Jeg bare ");
  CHECK(t.page_of(7) == 1);
  CHECK(t.page_of(9) == 2);
  CHECK(t.informant_labels() == std::vector<std::string>{"B1"});
}

TEST_CASE("defaults come from the round and file stem", "[transcript]") {
  Diagnostics d;
  const auto t = parse_transcript("B3: Hei.\nB3: Igjen.\n", "transcripts/r2/B3.txt", "r2", d);
  CHECK(t.id == "r2-B3");
  CHECK(t.informant == "B3");
  CHECK(t.anonymised);
}

TEST_CASE("CRLF, BOM and Windows-1252 are read, NFD becomes NFC", "[transcript]") {
  Diagnostics d;
  const auto crlf = parse_transcript(
      "\xEF\xBB\xBF"
      "B1: Hei p\xC3\xA5 deg.\r\nB1: Igjen.\r\n",
      "a.txt", "r1", d);
  CHECK(crlf.had_bom);
  CHECK(crlf.line_text(1) == "B1: Hei på deg.");
  CHECK(d.items().empty());
  const auto cp = parse_transcript(
      "B1: Bl\xE5"
      "b\xE6r og \xF8l.\nB1: x\n",
      "b.txt", "r1", d);
  CHECK(cp.from_cp1252);
  CHECK(cp.line_text(1) == "B1: Blåbær og øl.");
  REQUIRE(d.warning_count() == 1);
  CHECK(d.items()[0].file == "b.txt");
  Diagnostics d2;
  const auto nfd = parse_transcript("B1: pa\xCC\x8A det.\nB1: x\n", "c.txt", "r1", d2);
  CHECK(nfd.line_text(1) == "B1: på det.");
}

TEST_CASE("declared speakers limit labels; a label used once is a warning", "[transcript]") {
  Diagnostics d;
  const auto t = parse_transcript(
      "---\nspeakers: [I, B1]\n---\nI: Hei\nB1: Altså: nei.\nAltså: ja\n", "a.txt", "r1", d);
  CHECK(t.turns.size() == 2);
  CHECK(t.speaker_of(6) == "B1");
  CHECK(d.items().empty());
  Diagnostics d2;
  parse_transcript("I: Hei\nB1: Nei.\nAltså: ja\nI: Ok\nB1: Ja\n", "b.txt", "r1", d2);
  REQUIRE(d2.warning_count() == 1);
  CHECK(d2.items()[0].line == 3);
}

TEST_CASE("Norwegian letters in speaker labels", "[transcript]") {
  Diagnostics d;
  const auto t = parse_transcript("Ærlig-1: Hei\nØystein: Ja\n", "a.txt", "r1", d);
  REQUIRE(t.turns.size() == 2);
  CHECK(t.turns[1].speaker == "Øystein");
}

TEST_CASE("quotes match across lines, ignoring case and white space", "[transcript][match]") {
  Diagnostics d;
  const auto t = parse(kText, d);
  const MatchIndex index(t);
  auto m = index.find("men jeg  vet ikke hva. (pause)\nDet er de");
  REQUIRE(m.size() == 1);
  CHECK(m[0].line_start == 6);
  CHECK(m[0].line_end == 7);
  CHECK(index.find("da fikk jeg min plan").size() == 1);
  CHECK(index.find("finnes ikke").empty());
}

TEST_CASE("quote gaps (…) stay within one turn; clarifications are skipped",
          "[transcript][match]") {
  Diagnostics d;
  const auto t = parse(kText, d);
  const MatchIndex index(t);
  auto m = index.find("Jeg bare skriver under (…) de som skriver den");
  REQUIRE(m.size() == 1);
  CHECK(m[0].line_end == 7);
  CHECK(index.find("Jeg bare [...] skriver den").size() == 1);
  CHECK(index.find("Jeg bare skriver under (…) Da fikk jeg").empty());  // gap across turns
  CHECK(index.find("Da fikk jeg [brukeren] MIN plan").size() == 1);
}

TEST_CASE("quotes respect line ranges and word boundaries; ambiguity is reported",
          "[transcript][match]") {
  Diagnostics d;
  const auto t = parse(kText, d);
  const MatchIndex index(t);
  CHECK(index.find("skriver").size() == 2);
  CHECK(index.find("skriver", 7, 7).size() == 1);
  CHECK(index.find("krive").empty());  // inside a word
  CHECK(index.find("Kan du fortelle", 6, 10).empty());
  CHECK(quote_segments("A (...) b [IP] c") == std::vector<std::string>{"a", "b c"});
}

TEST_CASE("NFD transcript matches an NFC quote", "[transcript][match]") {
  Diagnostics d;
  const auto t = parse_transcript("B1: Jeg ma\xCC\x8A ga\xCC\x8A.\nB1: x\n", "a.txt", "r1", d);
  const MatchIndex index(t);
  CHECK(index.find("jeg må gå").size() == 1);
}

TEST_CASE("clarifications are stripped from the informants' words; gaps stay",
          "[transcript][match]") {
  CHECK(strip_clarifications("Han [saksbehandleren] sa nei [...] til meg [B2] .") ==
        "Han sa nei [...] til meg.");
  CHECK(strip_clarifications("Ingen klammer (…) her") == "Ingen klammer (…) her");
}

TEST_CASE("line accessors are checked", "[transcript]") {
  Diagnostics d;
  const auto t = parse(kText, d);
  for (const int n : {-5, 0, 11, 1000}) {
    CHECK(t.line(n) == nullptr);
    CHECK(t.line_text(n).empty());
    CHECK(t.spoken(n).empty());
    CHECK(t.speaker_of(n).empty());
    CHECK_FALSE(t.interviewer_at(n));
    CHECK(t.page_of(n) == 1);
  }
  CHECK(t.line(10) != nullptr);
  CHECK(spoken_text(t, -3, 40).starts_with("Kan du"));
}

TEST_CASE("page edge cases: form feeds and markers", "[transcript]") {
  Diagnostics d;
  // A form feed at the end of a line starts the page of the next line.
  auto t = parse_transcript("B1: a\f\nB1: b\n", "a.txt", "r1", d);
  CHECK(t.page_of(1) == 1);
  CHECK(t.page_of(2) == 2);
  // A form feed at the start of a line puts that line on the next page.
  t = parse_transcript("B1: a\n\fB1: b\n", "a.txt", "r1", d);
  CHECK(t.page_of(2) == 2);
  // A form feed and a marker on the same line are one page break: page 5, not 6.
  t = parse_transcript("B1: a\n\f[side 5]\nB1: b\n", "a.txt", "r1", d);
  CHECK(t.lines[1].kind == LineKind::page_marker);
  CHECK(t.page_of(3) == 5);
  // A marker right after a form-feed line names the page.
  t = parse_transcript("B1: a\n\f\n[side 5]\nB1: b\n", "a.txt", "r1", d);
  CHECK(t.page_of(4) == 5);
  // Two form feeds, two pages.
  t = parse_transcript("B1: a\n\f\n\fB1: b\n", "a.txt", "r1", d);
  CHECK(t.page_of(3) == 3);
}

TEST_CASE("page numbers too large for a page are reported, never wrapped", "[transcript]") {
  struct Case {
    const char* text;
    int page_of_last;  // the page of the last line
  };
  const Case cases[] = {
      {"B1: a\n[side 99999999999]\nB1: b\n", 1},
      {"B1: a\n[side 2147483647]\f\nB1: b\n", 1},
      {"B1: a\n[side 3]\n[page 99999999999999999999999]\f\nB1: b\n", 3},
      {"B1: a\n[s. 100001]\nB1: b\n", 1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    Diagnostics d;
    const auto t = parse_transcript(c.text, "a.txt", "r1", d);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].line == t.line_count() - 1);
    CHECK(d.items()[0].col == 1);
    CHECK(d.items()[0].message.find("is too large (at most 100000)") != std::string::npos);
    CHECK(t.page_of(t.line_count()) == c.page_of_last);
  }
  Diagnostics d;
  const auto t = parse_transcript("B1: a\n[side 100000]\nB1: b\n", "a.txt", "r1", d);
  CHECK(d.items().empty());
  CHECK(t.page_of(3) == 100000);
}

TEST_CASE("a label used once is a warning unless it is a known speaker", "[transcript]") {
  // The interviewer's one question and the informant's one answer are ordinary; "Altså:" once
  // is probably text that looks like a label.
  Diagnostics d;
  parse_transcript("I: Hvordan var det?\nB1: Det var greit.\nAltså: det gikk fort.\n",
                   "transcripts/r1/B1.txt", "r1", d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].line == 3);
  CHECK(d.items()[0].message.find("'Altså'") != std::string::npos);
}

TEST_CASE("a UTF-16 transcript is read like its UTF-8 text, without a warning", "[transcript]") {
  std::string utf16 = "\xFF\xFE";
  for (const char c : std::string("I: Hvordan var det?\r\nB1: Greit.\r\n")) {
    utf16 += c;
    utf16 += '\0';
  }
  Diagnostics d;
  const auto t = parse_transcript(utf16, "transcripts/r1/B1.txt", "r1", d);
  CHECK(d.items().empty());
  REQUIRE(t.line_count() == 2);
  CHECK(t.spoken(2) == "Greit.");
}

TEST_CASE("a gap quote against long lines of repeated words stays linear", "[transcript]") {
  // 2,000 lines of 100 words each, all in one turn: every start line could pair with every
  // later line. The search stops after kMaxMatches places, and within a line it does not
  // look at each occurrence again for every other one.
  std::string text = "I: Hva sa du?\nB2:";
  for (int line = 0; line < 2000; ++line) {
    for (int w = 0; w < 50; ++w) text += " ja nei";
    text += "\n";
  }
  Diagnostics d;
  const auto t = parse_transcript(text, "transcripts/r1/B2.txt", "r1", d);
  const MatchIndex index(t);
  const auto started = std::chrono::steady_clock::now();
  const auto all = index.find("ja (…) nei (…) ja");
  const auto one_line = index.find("ja (…) nei", 500, 500);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  CHECK(all.size() == MatchIndex::kMaxMatches + 1);  // "more than kMaxMatches places"
  REQUIRE(one_line.size() == 1);
  CHECK(one_line[0].line_start == 500);
  CHECK(seconds.count() < 10.0);  // well under a second; generous for the sanitizer build
}

TEST_CASE("text oddities: CR line ends, NUL bytes, broken UTF-8, where each is", "[transcript]") {
  SECTION("a CR alone ends a line, mixed with CRLF") {
    Diagnostics d;
    const auto t = parse_transcript("I: Hei?\rB1: Hei.\r\nI: Og?\rB1: Ja.\n",
                                    "transcripts/r1/B1.txt", "r1", d);
    CHECK(d.items().empty());
    REQUIRE(t.line_count() == 4);
    CHECK(t.line_text(2) == "B1: Hei.");
    CHECK(t.line_text(4) == "B1: Ja.");
    CHECK(t.text.find('\r') == std::string::npos);
  }
  SECTION("NUL bytes become U+FFFD, with a warning at the first") {
    Diagnostics d;
    const auto t = parse_transcript(std::string("I: Hei?\r\nB1: H\0ei\0.\n", 20),
                                    "transcripts/r1/B1.txt", "r1", d);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].line == 2);
    CHECK(d.items()[0].col == 6);
    CHECK(d.items()[0].message.find("2 NUL (zero) bytes") != std::string::npos);
    CHECK(t.text.find('\0') == std::string::npos);
    CHECK(t.line_text(2) == "B1: H\uFFFDei\uFFFD.");
  }
  SECTION("damaged UTF-8: the letters kept, the first broken byte named") {
    Diagnostics d;
    const auto t = parse_transcript("I: Hvordan gikk det?\nB1: Det gikk bra p\xC3\xA5 m\xF8tet.\n",
                                    "transcripts/r1/B1.txt", "r1", d);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].line == 2);
    CHECK(d.items()[0].col == 22);
    CHECK(d.items()[0].message.find("UTF-8 with broken bytes") != std::string::npos);
    CHECK_FALSE(t.from_cp1252);
    CHECK(t.line_text(2) == "B1: Det gikk bra på m\uFFFDtet.");
  }
  SECTION("Windows-1252: the first non-ASCII letter named") {
    Diagnostics d;
    const auto t = parse_transcript("I: Hei?\r\rB1: Det gikk bra p\xE5 m\xF8tet.\n",
                                    "transcripts/r1/B1.txt", "r1", d);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].line == 3);
    CHECK(d.items()[0].col == 19);
    CHECK(t.from_cp1252);
    CHECK(t.line_text(3) == "B1: Det gikk bra på møtet.");
  }
  SECTION("UTF-16 without a BOM is read like its text") {
    std::string le;
    for (const char16_t c : std::u16string(u"I: Hvordan var det?\r\nB1: Greit på én måte.\r\n")) {
      le += static_cast<char>(c & 0xFF);
      le += static_cast<char>(c >> 8);
    }
    Diagnostics d;
    const auto t = parse_transcript(le, "transcripts/r1/B1.txt", "r1", d);
    CHECK(d.items().empty());
    REQUIRE(t.line_count() == 2);
    CHECK(t.line_text(2) == "B1: Greit på én måte.");
  }
}

TEST_CASE("a transcript of millions of lines is refused, not indexed", "[transcript]") {
  // Each line costs 24 bytes of index: 2 MB of line ends would need 48 MB.
  Diagnostics d;
  const auto t = parse_transcript(std::string(2'000'000, '\n'), "transcripts/r1/B1.txt", "r1", d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].message.find("more than 1000000 lines") != std::string::npos);
  CHECK(t.line_count() <= 1);
  Diagnostics ok;
  parse_transcript(std::string(999'999, '\n'), "transcripts/r1/B1.txt", "r1", ok);
  CHECK(ok.items().empty());
}
