// Units of analysis (informant sentences, characters) and the comparison of two coders.
// Expected tables were worked out by hand from the transcript below, sentence by sentence.
#include "../support/codebook_builder.hpp"
#include "ipcode/agree/agree.hpp"
#include "ipcode/base/diagnostic.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ipcode;
using agree::Counts;
using codebook::Level;

namespace {

const char* kT =
    "---\n"                                              // 1
    "id: r1-B1\n"                                        // 2
    "---\n"                                              // 3
    "I: Hva skjedde?\n"                                  // 4
    "B1: Jeg skrev under, bl.a. NAV var der. Det var\n"  // 5
    "greit.\n"                                           // 6
    "I: Mm. Og så?\n"                                    // 7
    "B1: Nei. Jeg vet ikke.\n"                           // 8
    "[side 2]\n"                                         // 9
    "Det er de som skriver den.\n";                      // 10

transcript::Transcript parse(const std::string& s) {
  Diagnostics diags;
  return transcript::parse_transcript(s, "transcripts/r1/B1.txt", "r1", diags);
}

std::string text_of(const transcript::Transcript& t, const agree::Segment& s) {
  return t.text.substr(s.begin, s.end - s.begin);
}

loader::Unit unit(const transcript::Transcript& t, const std::string& passage,
                  std::vector<int> codes) {
  const auto at = t.text.find(passage);
  REQUIRE(at != std::string::npos);
  loader::Unit u;
  u.span_begin = static_cast<std::uint32_t>(at);
  u.span_end = static_cast<std::uint32_t>(at + passage.size());
  u.codes = std::move(codes);
  return u;
}

codebook::Codebook book() {
  codebook::Codebook b;
  const int tema = test::add_node(b, "tema", "Tema", Level::theme);
  const int g1 = test::add_node(b, "g1", "Gruppe én", Level::group, tema);
  test::add_node(b, "s1", "Sub én", Level::subgroup, g1);    // 2
  test::add_node(b, "s2", "Sub to", Level::subgroup, g1);    // 3
  test::add_node(b, "g2", "Gruppe to", Level::group, tema);  // 4
  return b;
}

bool same(const Counts& c, std::uint64_t both, std::uint64_t a, std::uint64_t b,
          std::uint64_t neither) {
  return c.both == both && c.only_a == a && c.only_b == b && c.neither == neither;
}

}  // namespace

TEST_CASE("Sentences of informant speech are the units of analysis", "[agree]") {
  const auto t = parse(kT);
  const auto s = agree::sentences(t);
  REQUIRE(s.size() == 5);
  // "bl.a." does not end a sentence; a sentence runs on across the lines of a turn; the
  // interviewer's turns are no units; a page marker inside a turn does not end it.
  CHECK(text_of(t, s[0]) == "Jeg skrev under, bl.a. NAV var der.");
  CHECK(text_of(t, s[1]) == "Det var\ngreit.");
  CHECK((s[1].line_start == 5 && s[1].line_end == 6));
  CHECK(text_of(t, s[2]) == "Nei.");
  CHECK(text_of(t, s[3]) == "Jeg vet ikke.");
  CHECK(text_of(t, s[4]) == "Det er de som skriver den.");
  CHECK((s[4].line_start == 10 && s[4].page_start == 2 && s[4].speaker == "B1"));
  CHECK(s[2].page_start == 1);
}

TEST_CASE("A transcript without speaker labels is all the informant's", "[agree]") {
  const auto t = parse("Første setning her. Andre, med æøå.\r\nTredje\n");
  const auto s = agree::sentences(t);
  REQUIRE(s.size() == 3);
  CHECK(text_of(t, s[1]) == "Andre, med æøå.");
  CHECK(text_of(t, s[2]) == "Tredje");
  CHECK(s[0].speaker == "B1");  // the transcript's informant (the file stem)
}

TEST_CASE("Comparing two coders sentence by sentence, at each level", "[agree]") {
  const auto t = parse(kT);
  const auto cb = book();
  const auto a1 = unit(t, "Jeg skrev under", {2});
  const auto a2 = unit(t, "Nei", {3});
  const auto b1 = unit(t, "Jeg skrev under, bl.a. NAV var der. Det var\ngreit", {2});
  const auto b2 = unit(t, "Det er de som skriver den", {4});
  const std::vector<agree::Pair> pairs = {{&t, &cb, {&a1, &a2}, {&b1, &b2}}};

  SECTION("subgroup") {
    const auto r = agree::compare(pairs, agree::UnitKind::sentence, Level::subgroup);
    REQUIRE(r.codes.size() == 3);
    CHECK(r.codes[0].id == "s1");
    CHECK(same(r.codes[0].counts, 1, 0, 1, 3));
    CHECK(r.codes[1].id == "s2");
    CHECK(same(r.codes[1].counts, 0, 1, 0, 4));
    CHECK(r.codes[2].id == "g2");
    CHECK(same(r.codes[2].counts, 0, 0, 1, 4));
    CHECK(same(r.pooled, 1, 1, 2, 11));
    CHECK(r.units == 5);
    CHECK(r.sentences == 5);
    CHECK(r.identical == 2);
    REQUIRE(r.disagreements.size() == 3);
    CHECK(r.disagreements[0].codes_a.empty());
    CHECK(r.disagreements[0].codes_b == std::vector<std::string>{"s1"});
    CHECK(r.disagreements[1].codes_a == std::vector<std::string>{"s2"});
    CHECK(r.disagreements[2].sentence.line_start == 10);
  }
  SECTION("group: s1 and s2 both count as g1") {
    const auto r = agree::compare(pairs, agree::UnitKind::sentence, Level::group);
    REQUIRE(r.codes.size() == 2);
    CHECK(r.codes[0].id == "g1");
    CHECK(same(r.codes[0].counts, 1, 1, 1, 2));
    CHECK(r.codes[1].id == "g2");
    CHECK(same(r.codes[1].counts, 0, 0, 1, 4));
  }
  SECTION("theme: everything counts as the theme") {
    const auto r = agree::compare(pairs, agree::UnitKind::sentence, Level::theme);
    REQUIRE(r.codes.size() == 1);
    CHECK(r.codes[0].id == "tema");
    CHECK(same(r.codes[0].counts, 1, 1, 2, 1));
  }
}

TEST_CASE("Comparing two coders character by character", "[agree]") {
  // Code points, not bytes: "Jå nøi." is 7 characters of speech.
  const auto t = parse("I: Ja?\nB1: Jå nøi.\n");
  const auto cb = book();
  const auto a = unit(t, "Jå", {2});
  const auto b = unit(t, "Jå nøi", {2});
  const std::vector<agree::Pair> pairs = {{&t, &cb, {&a}, {&b}}};
  const auto r = agree::compare(pairs, agree::UnitKind::character, Level::subgroup);
  REQUIRE(r.codes.size() == 1);
  CHECK(same(r.codes[0].counts, 2, 0, 4, 1));
  CHECK(r.units == 7);
  CHECK(r.sentences == 1);
  CHECK(r.identical == 1);  // by sentence the two agree: both gave it s1
}

TEST_CASE("Empty codings compare to nothing used", "[agree]") {
  const auto t = parse(kT);
  const auto cb = book();
  const std::vector<agree::Pair> pairs = {{&t, &cb, {}, {}}};
  const auto r = agree::compare(pairs, agree::UnitKind::sentence, Level::subgroup);
  CHECK(r.codes.empty());
  CHECK(r.pooled.n() == 0);
  CHECK(r.sentences == 5);
  CHECK(r.identical == 5);
  CHECK(r.disagreements.empty());
}
