// The loader's most intricate rules, one at a time, on small studies in temporary folders:
// merging coders (SPEC §5), default ids, --coder, units in interviewer turns, background
// material as an illustrative quote, units without a usable place, and keeping follow-on
// errors quiet (docs/decisions.md, "Reading a study" and "ipcode check").

#include "temp_study.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

using namespace ipcode;
using loader_test::B1;
using loader_test::TempStudy;

namespace {

// Every diagnostic as "file:line: error|warning: message", in the order printed.
std::vector<std::string> lines_of(Diagnostics d) {
  d.sort();
  std::vector<std::string> out;
  for (const auto& item : d.items()) {
    out.push_back(item.file + ":" + std::to_string(item.line) + ": " +
                  (item.severity == Severity::error ? "error: " : "warning: ") + item.message);
  }
  return out;
}

// The diagnostics whose text contains `part`.
std::vector<std::string> matching(const Diagnostics& d, const std::string& part) {
  std::vector<std::string> out;
  for (const auto& l : lines_of(d)) {
    if (l.find(part) != std::string::npos) out.push_back(l);
  }
  return out;
}

const loader::Unit* unit(const loader::RoundData& r, const std::string& id) {
  const int u = r.find_unit(id);
  return u < 0 ? nullptr : &r.units[static_cast<std::size_t>(u)];
}

std::vector<std::string> ids(const loader::RoundData& r) {
  std::vector<std::string> out;
  for (const auto& u : r.units) out.push_back(u.id);
  return out;
}

std::vector<std::string> codes(const loader::RoundData& r, const loader::Unit& u) {
  std::vector<std::string> out;
  for (int c : u.codes) out.push_back(r.codebook.nodes[static_cast<std::size_t>(c)].id);
  return out;
}

std::string b1_coding(const std::string& coder, const std::string& units) {
  return "transcript: r1-B1\ncoder: " + coder + "\nunits:\n" + units;
}

}  // namespace

// --- Merging coders ----------------------------------------------------------------------

TEST_CASE("coders: an identical span is one unit with the union of the codes", "[loader]") {
  TempStudy s;
  s.write("coding/B1-KH.yaml",
          b1_coding("KH", "  - id: KH-1\n    lines: 6-7\n    codes: [underskrift]\n"));
  s.write("coding/B1-TS.yaml",
          b1_coding("TS", "  - id: TS-1\n    lines: 6-7\n    codes: [koordinator, underskrift]\n"));
  s.write("condensation.yaml",
          "round: r1\nsubgroups:\n  koordinator:\n    condensate: Jeg fikk en koordinator.\n    "
          "quote: TS-1\n");
  Diagnostics d;
  const auto study = s.load(d);
  CHECK_FALSE(d.has_errors());
  const auto& r = study.rounds.at(0);
  // One unit, the first by coding-file path keeps its id; the other id is an alias.
  CHECK(ids(r) == std::vector<std::string>{"KH-1"});
  CHECK(codes(r, r.units.at(0)) == std::vector<std::string>{"underskrift", "koordinator"});
  CHECK(r.units.at(0).file() == "coding/B1-KH.yaml");
  CHECK(r.find_unit("TS-1") == 0);  // the illustrative quote naming TS-1 resolves
}

TEST_CASE("coders: the merged unit keeps the first file's id, even a default one", "[loader]") {
  TempStudy s;
  s.write("coding/B1-KH.yaml", b1_coding("KH", "  - lines: 6-7\n    codes: [underskrift]\n"));
  s.write("coding/B1-TS.yaml",
          b1_coding("TS", "  - id: TS-1\n    lines: 6-7\n    codes: [underskrift]\n"));
  Diagnostics d;
  const auto study = s.load(d);
  CHECK_FALSE(d.has_errors());
  const auto& r = study.rounds.at(0);
  CHECK(ids(r) == std::vector<std::string>{"B1-01"});
  CHECK(r.find_unit("TS-1") == 0);
  CHECK(r.unit_aliases == std::map<std::string, std::string>{{"TS-1", "B1-01"}});
}

TEST_CASE("coders: the merged unit keeps the first note, the answers of both, a normalised layer",
          "[loader]") {
  TempStudy s;
  // The codebook of temp_study.hpp with two questions added.
  {
    std::ifstream in(s.root() / "codebook.yaml");
    const std::string codebook((std::istreambuf_iterator<char>(in)), {});
    s.write("codebook.yaml", codebook +
                                 "questions:\n  - id: q1\n    text: Hva vet brukerne om planen?\n"
                                 "  - id: q2\n    text: Hvem bestemmer?\n");
  }
  s.write("coding/B1-KH.yaml", b1_coding("KH",
                                         "  - id: KH-1\n    lines: 6-7\n    codes: [underskrift]\n"
                                         "    note: Usikker\n    answers: [q1]\n"));
  s.write("coding/B1-TS.yaml", b1_coding("TS",
                                         "  - id: TS-1\n    lines: 6-7\n    codes: [underskrift]\n"
                                         "    note: Annen merknad\n    answers: [q2, q1]\n"
                                         "    normalised: Jeg skreiv under på planen.\n"));
  s.write("coding/B2-KH.yaml",
          "transcript: r1-B2\ncoder: KH\nunits:\n"
          "  - id: KH-2\n    lines: 2\n    codes: [underskrift]\n");
  Diagnostics d;
  const auto study = s.load(d);
  CHECK_FALSE(d.has_errors());
  const auto& r = study.rounds.at(0);
  REQUIRE(ids(r) == std::vector<std::string>{"KH-1", "KH-2"});
  const loader::Unit& merged = r.units[0];
  CHECK(merged.note() == "Usikker");
  CHECK(merged.answers() == std::vector<int>{0, 1});
  CHECK(merged.normalised() == "Jeg skreiv under på planen.");
  // A unit with none of them reads them as empty.
  const loader::Unit& plain = r.units[1];
  CHECK(plain.note().empty());
  CHECK(plain.answers().empty());
  CHECK(plain.normalised().empty());
  // A copied unit owns its own: changing the copy leaves the original as it was.
  loader::Unit copy = merged;
  copy.extras().note = "Endret";
  copy.extras().answers.clear();
  CHECK(merged.note() == "Usikker");
  CHECK(merged.answers() == std::vector<int>{0, 1});
  CHECK(copy.normalised() == merged.normalised());
}

TEST_CASE("coders: overlapping but different spans stay separate units", "[loader]") {
  TempStudy s;
  s.write("coding/B1-KH.yaml", b1_coding("KH", "  - lines: 6-7\n    codes: [underskrift]\n"));
  s.write("coding/B1-TS.yaml", b1_coding("TS", "  - lines: 6\n    codes: [underskrift]\n"));
  Diagnostics d;
  const auto study = s.load(d);
  CHECK_FALSE(d.has_errors());
  const auto& r = study.rounds.at(0);
  REQUIRE(r.units.size() == 2);
  CHECK(r.units[0].line_end == B1::signed_);
  CHECK(r.units[1].line_end == B1::unknown);
}

TEST_CASE("coders: different sentences of one line are different spans", "[loader]") {
  // Word exports put a whole answer on one line: the span is compared to the character.
  TempStudy s;
  s.write("coding/B1-KH.yaml", b1_coding("KH",
                                         "  - quote: Jeg skrev under\n    codes: [underskrift]\n"
                                         "  - quote: Hun ringer meg\n    codes: [koordinator]\n"));
  s.write("coding/B1-TS.yaml",
          b1_coding("TS",
                    "  - quote: under på planen\n    codes: [forstaar]\n"
                    "  - quote: hun  ringer\u00a0meg\n    codes: [forstaar]\n"));
  Diagnostics d;
  const auto study = s.load(d);
  CHECK_FALSE(d.has_errors());
  const auto& r = study.rounds.at(0);
  // Line 6: two overlapping spans, two units; line 10: the same span typed differently, one.
  REQUIRE(r.units.size() == 3);
  CHECK(r.units[0].line_start == B1::signed_);
  CHECK(r.units[1].line_start == B1::signed_);
  CHECK(r.units[0].span_begin < r.units[1].span_begin);
  CHECK(codes(r, r.units[2]) == std::vector<std::string>{"forstaar", "koordinator"});
}

TEST_CASE("coders: one coder's two units on the same span are not merged; check warns",
          "[loader]") {
  TempStudy s;
  s.write("coding/B1-a.yaml", b1_coding("KH", "  - lines: 6-7\n    codes: [underskrift]\n"));
  s.write("coding/B1-b.yaml", b1_coding("KH", "  - lines: 6-7\n    codes: [underskrift]\n"));
  Diagnostics d;
  const auto study = s.load(d);
  CHECK_FALSE(d.has_errors());
  CHECK(study.rounds.at(0).units.size() == 2);
  CHECK(matching(d, "overlaps unit").size() == 1);
}

TEST_CASE("overlaps: each unit once, at most 100 per file, then a count", "[loader]") {
  // 3,000 units of one coder on the same lines: formerly 4.5 million warnings, and the coder
  // merge searched the whole span for each unit.
  std::string units;
  for (int i = 0; i < 3000; ++i) units += "  - lines: 6-7\n    codes: [underskrift]\n";
  // Two more that overlap nothing with the same codes.
  units += "  - lines: 6\n    codes: [koordinator]\n  - lines: 9\n    codes: [underskrift]\n";
  TempStudy s;
  s.write("coding/B1-KH.yaml", b1_coding("KH", units));
  s.write("coding/B1-TS.yaml",
          b1_coding("TS",
                    "  - lines: 6-7\n    codes: [underskrift]\n  - lines: 7\n    codes: "
                    "[underskrift]\n"));
  Diagnostics d;
  const auto study = s.load(d);
  CHECK_FALSE(d.has_errors());
  // TS's first unit merges into KH's first: 3,002 + 1 units.
  CHECK(study.rounds.at(0).units.size() == 3003);
  // 100 in KH's file; TS's first unit is merged into KH's, so its second overlaps none of TS's.
  CHECK(matching(d, "overlaps unit").size() == 100);
  const auto more = matching(d, "more units in this file overlap");
  REQUIRE(more.size() == 1);
  CHECK(more[0].find("2899 more units in this file overlap a unit with the same codes (only the "
                     "first 100 are listed)") != std::string::npos);
  CHECK(more[0].find("B1-KH.yaml") != std::string::npos);
}

TEST_CASE("coders: with --coder only that coder's units, and others' quotes are no error",
          "[loader]") {
  TempStudy s;
  s.write("coding/B1-KH.yaml",
          b1_coding("KH", "  - id: KH-1\n    lines: 6-7\n    codes: [underskrift]\n"));
  s.write("coding/B1-TS.yaml",
          b1_coding("TS", "  - id: TS-1\n    lines: 9-10\n    codes: [koordinator]\n"));
  s.write("condensation.yaml",
          "round: r1\nsubgroups:\n  koordinator:\n    condensate: Jeg fikk en koordinator.\n    "
          "quote: TS-1\n");
  loader::Options o;
  o.coder = "KH";
  Diagnostics d;
  const auto study = s.load(d, o);
  CHECK_FALSE(d.has_errors());
  CHECK(ids(study.rounds.at(0)) == std::vector<std::string>{"KH-1"});
  Diagnostics all;
  CHECK(ids(s.load(all).rounds.at(0)) == std::vector<std::string>{"KH-1", "TS-1"});
}

// --- Default ids ------------------------------------------------------------------------

TEST_CASE("default ids: numbered by position, per transcript", "[loader]") {
  TempStudy s;
  // Written out of order: the numbers follow the lines, not the file.
  s.write("coding/B1.yaml", b1_coding("KH",
                                      "  - lines: 9\n    codes: [koordinator]\n"
                                      "  - lines: 6\n    codes: [underskrift]\n"));
  s.write("coding/B2.yaml", "transcript: r1-B2\nunits:\n  - lines: 2\n    codes: [underskrift]\n");
  Diagnostics d;
  const auto study = s.load(d);
  CHECK_FALSE(d.has_errors());
  const auto& r = study.rounds.at(0);
  CHECK(ids(r) == std::vector<std::string>{"B1-01", "B1-02", "B2-01"});
  CHECK(unit(r, "B1-01")->line_start == B1::signed_);
}

TEST_CASE("default ids skip ids written by hand in the round", "[loader]") {
  TempStudy s;
  // B1-02 by hand at position 1; the unit at position 2 would be B1-02 too.
  s.write("coding/B1.yaml", b1_coding("KH",
                                      "  - id: B1-02\n    lines: 6\n    codes: [underskrift]\n"
                                      "  - lines: 9\n    codes: [koordinator]\n"
                                      "  - lines: 12\n    codes: [koordinator]\n"));
  // An id written in another transcript, and one of a unit that could not be placed.
  s.write("coding/B2.yaml",
          "transcript: r1-B2\nunits:\n  - id: B1-04\n    lines: 2\n    codes: [underskrift]\n"
          "  - id: B1-05\n    quote: står ikke her\n    codes: [underskrift]\n");
  Diagnostics d;
  const auto study = s.load(d);
  CHECK(matching(d, "duplicate").empty());
  CHECK(matching(d, "error").size() == 1);  // only the quote that is not found
  const auto& r = study.rounds.at(0);
  CHECK(ids(r) == std::vector<std::string>{"B1-02", "B1-03", "B1-06", "B1-04"});
  CHECK(unit(r, "B1-03")->line_start == B1::coordinator);
  CHECK(unit(r, "B1-06")->line_start == B1::last);
}

TEST_CASE("a duplicate id written by hand is reported where it is written the second time",
          "[loader]") {
  TempStudy s;
  s.write("coding/B1.yaml", b1_coding("KH",
                                      "  - id: X-1\n    lines: 9\n    codes: [koordinator]\n"
                                      "  - id: X-1\n    lines: 6\n    codes: [underskrift]\n"));
  Diagnostics d;
  s.load(d);
  // The second written is at line 7 of the file; it names the first at line 4.
  CHECK(matching(d, "duplicate") ==
        std::vector<std::string>{"coding/B1.yaml:7: error: duplicate unit id 'X-1' in round "
                                 "'r1' (also coding/B1.yaml:4)"});
}

// --- Units without a usable place -------------------------------------------------------

TEST_CASE("a unit without a usable place is an error, never a read out of bounds", "[loader]") {
  struct Case {
    const char* unit;     // the unit's keys, after "  - id: U\n"
    const char* message;  // part of the one error expected besides unknown keys
  };
  const Case cases[] = {
      {"    qoute: Jeg skrev under\n", "'U' needs 'lines', 'quote' or both"},
      {"    quote: ''\n", "'U' needs 'lines', 'quote' or both"},
      {"    quote: '   '\n", "'U' needs 'lines', 'quote' or both"},
      {"    lines: fem\n", "not 'fem'"},
      {"    lines: 0\n", "lines are counted from 1"},
      {"    lines: -3\n", "lines are counted from 1"},
      {"    lines: 9-5\n", "runs backwards; write the first line first (5-9)"},
      {"    lines: 99\n", "outside the transcript"},
      {"    lines: 10-99\n", "outside the transcript"},
      {"    lines: 99999999999\n", "'lines: 99999999999' is beyond the end of any transcript"},
      {"    lines: 2\n", "is in the front matter of"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.unit);
    TempStudy s;
    s.write("coding/B1.yaml",
            b1_coding("KH", std::string("  - id: U\n") + c.unit + "    codes: [underskrift]\n"));
    s.write(
        "condensation.yaml",
        "round: r1\nsubgroups:\n  underskrift:\n    condensate: Jeg skrev under.\n    quote: U\n");
    Diagnostics d;
    const auto study = s.load(d);
    CHECK(study.rounds.at(0).units.empty());
    CAPTURE(lines_of(d));
    CHECK(matching(d, c.message).size() == 1);
    // The unknown key gets its own "did you mean"; nothing else follows from the one mistake
    // (no "not a unit id" for the illustrative quote U).
    CHECK(d.error_count() == 1 + matching(d, "unknown key").size());
  }
}

TEST_CASE("a misspelt quote key says both what is missing and what was meant", "[loader]") {
  TempStudy s;
  s.write("coding/B1.yaml",
          b1_coding("KH", "  - id: B1-01\n    qoute: Jeg skrev under\n    codes: [underskrift]\n"));
  Diagnostics d;
  s.load(d);
  CHECK(
      matching(d, "error") ==
      std::vector<std::string>{
          "coding/B1.yaml:4: error: 'B1-01' needs 'lines', 'quote' or both",
          "coding/B1.yaml:5: error: unknown key 'qoute' in a meaning unit; did you mean 'quote'?"});
}

// --- Follow-on errors -------------------------------------------------------------------

TEST_CASE("an illustrative quote naming a failed unit is not reported a second time", "[loader]") {
  TempStudy s;
  s.write("coding/B1.yaml",
          b1_coding("KH",
                    "  - id: B1-01\n    quote: står ikke i intervjuet\n    codes: [underskrift]\n"
                    "  - id: B1-02\n    lines: 9\n    codes: [ukjent]\n"));
  s.write(
      "condensation.yaml",
      "round: r1\nsubgroups:\n  underskrift:\n    condensate: Jeg skrev under.\n    quote: B1-01\n"
      "  koordinator:\n    condensate: Koordinator.\n    quote: B1-02\n");
  Diagnostics d;
  s.load(d);
  CHECK(d.error_count() == 2);  // the quote not found, the unknown code
  CHECK(matching(d, "illustrative quote").empty());
}

TEST_CASE("units of a coding file naming an unknown transcript are not follow-on errors",
          "[loader]") {
  TempStudy s;
  s.write("coding/B1.yaml",
          "transcript: r1-B9\nunits:\n  - id: B9-01\n    lines: 6\n    codes: [underskrift]\n");
  s.write("condensation.yaml",
          "round: r1\nsubgroups:\n  underskrift:\n    condensate: Jeg skrev under.\n    quote: "
          "B9-01\n");
  Diagnostics d;
  s.load(d);
  CHECK(d.error_count() == 1);
  CHECK(matching(d, "there is no transcript 'r1-B9'").size() == 1);
}

// --- Interviewer turns and background material ------------------------------------------

TEST_CASE("a unit in the interviewer's turn is warned about where it is written", "[loader]") {
  TempStudy s;
  s.write("coding/B1.yaml", b1_coding("KH",
                                      "  - id: B1-01\n    lines: 6\n    codes: [underskrift]\n"
                                      "  - id: B1-I\n    lines: 5\n    codes: [underskrift]\n"));
  Diagnostics d;
  const auto study = s.load(d);
  CHECK_FALSE(d.has_errors());
  CHECK(matching(d, "interviewer") ==
        std::vector<std::string>{"coding/B1.yaml:7: warning: unit 'B1-I' starts in the "
                                 "interviewer's turn (I); it is listed in units.csv but counts in "
                                 "matrices and reports only with --include-interviewer"});
  CHECK(study.rounds.at(0).units.size() == 2);  // still listed
  loader::Options o;
  o.include_interviewer = true;
  Diagnostics with;
  s.load(with, o);
  CHECK(matching(with, "interviewer").empty());
}

TEST_CASE("an illustrative quote from background material is a warning at the quote", "[loader]") {
  TempStudy s;
  s.write("transcripts/B2.txt",
          "---\nbackground: true\n---\nI: Hvordan var møtet?\nB2: Jeg skrev under på planen.\n");
  s.write("coding/B1.yaml",
          b1_coding("KH", "  - id: B1-01\n    lines: 6\n    codes: [underskrift]\n"));
  s.write("coding/B2.yaml",
          "transcript: r1-B2\nunits:\n  - id: B2-01\n    lines: 5\n    codes: [underskrift]\n");
  s.write("condensation.yaml",
          "round: r1\nsubgroups:\n  underskrift:\n    condensate: Jeg skrev under.\n    quote: "
          "B2-01\n");
  Diagnostics d;
  s.load(d);
  CHECK(d.error_count() == 0);
  CHECK(matching(d, "illustrative") ==
        std::vector<std::string>{"condensation.yaml:5: warning: the illustrative quote 'B2-01' is "
                                 "from transcripts/B2.txt, which is marked 'background: true' and "
                                 "is never quoted: the reports leave it out; choose a unit from an "
                                 "interview"});
}

TEST_CASE("a unit without an id that has an error does not make another unit the quote",
          "[loader]") {
  // Default ids are numbered over the units that could be placed: with the first unit's quote
  // mistyped, B1-01 would name the second unit. The quote naming B1-01 is not checked against
  // it; the one error is the typo, where it is written.
  for (const char* broken : {"    quote: Jeg skreiv under\n    codes: [underskrift]\n",
                             "    lines: 6\n    codes: [underskirft]\n",
                             "    qoute: Jeg skrev under\n    codes: [underskrift]\n"}) {
    CAPTURE(broken);
    TempStudy s;
    s.write("coding/B1.yaml", b1_coding("KH", std::string("  - ") + (broken + 4) +
                                                  "  - lines: 9\n    codes: [koordinator]\n"));
    s.write("condensation.yaml",
            "round: r1\nsubgroups:\n  underskrift:\n    condensate: Jeg skrev under.\n    quote: "
            "B1-01\n");
    Diagnostics d;
    const auto study = s.load(d);
    CAPTURE(lines_of(d));
    CHECK(matching(d, "illustrative").empty());
    CHECK(matching(d, "coding/B1.yaml").size() >= 1);
  }
}
