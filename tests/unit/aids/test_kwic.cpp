// Keyword in context (aids): the pattern rules of SPEC §4 keywords, table-driven, and the
// scan over a transcript's turns. Expected hits were worked out by reading the transcripts.
#include "ipcode/aids/kwic.hpp"
#include "ipcode/aids/pattern.hpp"
#include "ipcode/aids/scan.hpp"
#include "ipcode/base/diagnostic.hpp"
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ipcode;

namespace {

transcript::Transcript parse(const std::string& s) {
  Diagnostics diags;
  return transcript::parse_transcript(s, "r1/B1.txt", "r1", diags);
}

// "line:match" of every hit, in order.
std::vector<std::string> hits(const std::string& transcript, const std::string& pattern,
                              const std::string& speaker = "") {
  std::string error;
  const auto p = aids::compile(pattern, error);
  REQUIRE(p);
  const auto t = parse(transcript);
  aids::KwicOptions o;
  o.speaker = speaker;
  std::vector<std::string> out;
  for (const auto& h : aids::kwic(t, 0, *p, o))
    out.push_back(std::to_string(h.line) + ":" + h.match);
  return out;
}

const char* kT =
    "---\n"                                       // 1
    "informant: B1\n"                             // 2
    "---\n"                                       // 3
    "I: Hva med planen? Kjenner du IP-en din?\n"  // 4
    "B1: Planene mine, og plans. Ip er greit.\n"  // 5
    "Jeg signerte den, (signeringen) og\n"        // 6
    "[side 2]\n"                                  // 7
    "vet ikke hva.\n"                             // 8
    "I: ikke\n"                                   // 9
    "B1: hva ÅSE sa om «å» og plan-arbeid.\n"     // 10
    "B1: Det var en aplan og eplanering.\n";      // 11

}  // namespace

TEST_CASE("kwic: keyword patterns match as SPEC §4 says", "[aids]") {
  struct Row {
    const char* pattern;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows = {
      // Stemming: inflected forms; not a word that only contains the stem.
      {"plan", {"4:planen", "5:Planene", "5:plans", "10:plan"}},
      {"planene", {"4:planen", "5:Planene", "5:plans", "10:plan"}},
      // Prefix.
      {"signer*", {"6:signerte", "6:signeringen"}},
      {"signerte", {"6:signerte"}},
      // Exact and case-sensitive, with or without the quotes.
      {"\"=IP\"", {"4:IP"}},
      {"=IP", {"4:IP"}},
      {"=ip", {}},
      {"ip", {"4:IP", "5:Ip"}},
      // Case folding of æøå: Å and å.
      {"åse", {"10:ÅSE"}},
      {"Å", {"10:å"}},
      // A phrase across a line break and a page marker within one turn; not across turns.
      {"og vet ikke hva", {"6:og vet ikke hva"}},
      {"hva ikke", {}},
      {"ikke hva", {"8:ikke hva"}},
      // Punctuation next to words: it only separates.
      {"planen kjenner", {"4:planen? Kjenner"}},
      {"plan arbeid", {"10:plan-arbeid"}},
  };
  for (const auto& row : rows) {
    INFO(row.pattern);
    CHECK(hits(kT, row.pattern) == row.expected);
  }
}

TEST_CASE("kwic: NFD text and patterns match their NFC forms", "[aids]") {
  const std::string nfd_a = "a\u030A";  // a + combining ring above
  CHECK(hits("B1: Jeg s" + nfd_a + " det.\n", "s\u00E5") == std::vector<std::string>{"1:s\u00E5"});
  CHECK(hits("B1: Jeg s\u00E5 det.\n", "S" + nfd_a) == std::vector<std::string>{"1:s\u00E5"});
}

TEST_CASE("kwic: --speaker keeps only that speaker's turns", "[aids]") {
  CHECK(hits(kT, "ikke", "B1") == std::vector<std::string>{"8:ikke"});
  CHECK(hits(kT, "ikke", "I") == std::vector<std::string>{"9:ikke"});
  CHECK(hits(kT, "ikke").size() == 2);
}

TEST_CASE("kwic: bad patterns are refused", "[aids]") {
  for (const char* bad : {"", "   ", "*", "*plan", "pl*an", "\"\"", "=", "?!", "sign**"}) {
    INFO(bad);
    std::string error;
    CHECK_FALSE(aids::compile(bad, error));
    CHECK_FALSE(error.empty());
  }
  std::string error;
  const auto p = aids::compile("\"=skriv* under\"", error);
  REQUIRE(p);
  REQUIRE(p->words.size() == 2);
  CHECK(p->words[0].rule == aids::WordRule::exact_prefix);
  CHECK(p->words[1].rule == aids::WordRule::exact);
}

TEST_CASE("kwic: context, page and speaker of a hit", "[aids]") {
  std::string error;
  const auto p = aids::compile("vet ikke", error);
  REQUIRE(p);
  const auto t = parse(kT);
  aids::KwicOptions o;
  o.width = 12;
  const auto h = aids::kwic(t, 3, *p, o);
  REQUIRE(h.size() == 1);
  CHECK(h[0].transcript == 3);
  CHECK(h[0].line == 8);
  CHECK(h[0].page == 2);
  CHECK(h[0].speaker == "B1");
  CHECK(h[0].match == "vet ikke");
  // The left context runs back over the page marker into line 6 of the same turn.
  CHECK(h[0].left == "\u2026eringen) og");  // 12 columns, the "…" included
  CHECK(h[0].right == "hva.");
  CHECK(aids::reference("en", h[0]) == "p.2 l.8");
}

TEST_CASE("kwic: cutting context by display width", "[aids]") {
  CHECK(aids::cut("abcdef", 6, true) == "abcdef");
  CHECK(aids::cut("abcdef", 4, true) == "\u2026def");
  CHECK(aids::cut("abcdef", 4, false) == "abc\u2026");
  // A combining mark takes no column and stays with its letter.
  CHECK(aids::cut("xa\u030Ab", 3, true) == "xa\u030Ab");
  CHECK(aids::cut("xya\u030Ab", 3, true) == "\u2026a\u030Ab");
  CHECK(aids::cut("a\u030Abcd", 3, false) == "a\u030Ab\u2026");
  CHECK(aids::cut("æøå æøå", 4, false) == "æøå\u2026");
  CHECK(aids::cut("ord ord", 5, true) == "\u2026ord");
  CHECK(text::display_width("a\u030A\u00E6") == 2);
}

TEST_CASE("kwic: the scanner walks speech words with line and turn", "[aids]") {
  const auto t = parse("---\nid: x\n---\nI: Hei, du.\n[side 2]\nB1: Hm.\nja\n");
  std::vector<std::string> seen;
  aids::for_each_word(t, [&](const aids::ScanWord& w) {
    seen.push_back(t.text.substr(w.begin, w.end - w.begin) + "@" + std::to_string(w.line) + "/" +
                   std::to_string(w.turn));
  });
  CHECK(seen == std::vector<std::string>{"Hei@4/0", "du@4/0", "Hm@6/1", "ja@7/1"});
}

TEST_CASE("kwic: a hit in a long line has the context it has when the turn is broken into lines",
          "[aids]") {
  // Only as much of a line as the context shows is copied (a turn of thousands of words on
  // one line made the search quadratic); the contexts must not change for it.
  const std::vector<std::string> words = {
      "plan",  "og",   "planen", "ble",  "laget",    "uten", "meg",     "æøå", "Å",     "a\u030Ab",
      "ja  ,", "\tsa", "hun",    "«ok»", "x\u00A0y", "nei.", "planene", "—",   "(ler)", "vi"};
  std::uint64_t state = 7;
  const auto next = [&state](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  std::string one_line = "---\ninformant: B1\n---\nI: Hva med planen?\nB1:";
  std::string broken = one_line;
  for (int i = 0; i < 600; ++i) {
    const std::string& w = words[next(words.size())];
    one_line += " " + w;
    broken += (i > 0 && i % 7 == 0 ? (i % 91 == 0 ? "\n[side 2]\n" : "\n") : " ") + w;
  }
  one_line += "\nI: Takk.\n";
  broken += "\nI: Takk.\n";
  std::string error;
  const auto p = aids::compile("plan", error);
  REQUIRE(p);
  const auto a = parse(one_line);
  const auto b = parse(broken);
  // The reference: the whole turn on either side (a width larger than the turn cuts
  // nothing), cut to the width asked for.
  aids::KwicOptions whole;
  whole.width = 1000000;
  const auto full = aids::kwic(a, 0, *p, whole);
  REQUIRE(full.size() > 50);
  for (const std::size_t width : {0, 1, 3, 12, 40, 200, 5000}) {
    INFO("width " << width);
    aids::KwicOptions o;
    o.width = width;
    const auto ha = aids::kwic(a, 0, *p, o);
    const auto hb = aids::kwic(b, 0, *p, o);
    REQUIRE(ha.size() == full.size());
    REQUIRE(hb.size() == full.size());
    for (std::size_t k = 0; k < full.size(); ++k) {
      INFO("hit " << k);
      const std::string left = aids::cut(full[k].left, width, true);
      const std::string right = aids::cut(full[k].right, width, false);
      CHECK(ha[k].left == left);
      CHECK(ha[k].right == right);
      CHECK(hb[k].left == left);
      CHECK(hb[k].right == right);
      CHECK(ha[k].match == full[k].match);
    }
  }
}

TEST_CASE("kwic: contexts on random transcripts are the whole context cut to the width", "[aids]") {
  // Turns of several lines, empty lines, page markers inside turns, back-channels, words with
  // marks and wide white space; single words and a phrase across line breaks.
  const std::vector<std::string> words = {"plan",     "og",   "planen",  "ble",  "laget", "uten",
                                          "æøå",      "Å",    "a\u030A", "ja,",  "\tsa",  "«ok»",
                                          "x\u00A0y", "nei.", "(ler)",   "vi  ", "—",     "planer"};
  std::uint64_t state = 11;
  const auto next = [&state](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  std::string error;
  const auto single = aids::compile("plan", error);
  const auto phrase = aids::compile("plan og", error);
  REQUIRE(single);
  REQUIRE(phrase);
  std::size_t compared = 0;
  for (int round = 0; round < 150; ++round) {
    std::string s = "---\ninformant: B1\n---\n";
    const auto turns = 1 + next(6);
    for (std::uint64_t turn = 0; turn < turns; ++turn) {
      s += turn % 2 == 0 ? "B1:" : "I:";
      const auto lines = 1 + next(5);
      for (std::uint64_t line = 0; line < lines; ++line) {
        if (line > 0) s += next(6) == 0 ? "\n[side 2]\n" : next(8) == 0 ? "\n\n" : "\n";
        const auto count = next(40);
        for (std::uint64_t k = 0; k < count; ++k) s += " " + words[next(words.size())];
      }
      s += "\n";
    }
    INFO(s);
    const auto t = parse(s);
    for (const auto* pattern : {&*single, &*phrase}) {
      aids::KwicOptions whole;
      whole.width = 1000000;
      const auto full = aids::kwic(t, 0, *pattern, whole);
      aids::KwicOptions o;
      o.width = next(50);
      INFO("width " << o.width);
      const auto got = aids::kwic(t, 0, *pattern, o);
      REQUIRE(got.size() == full.size());
      for (std::size_t k = 0; k < full.size(); ++k) {
        INFO("hit " << k);
        CHECK(got[k].left == aids::cut(full[k].left, o.width, true));
        CHECK(got[k].right == aids::cut(full[k].right, o.width, false));
        CHECK(got[k].match == full[k].match);
        ++compared;
      }
    }
  }
  CHECK(compared > 200);
}
