// `ipcode anon` over a loaded study: the map file, the quotes of the final report, and the
// pseudonymised copy's YAML (tests/data/anon/corpus; expected texts worked out by reading it).
#include "ipcode/anon/study.hpp"
#include "ipcode/loader/study.hpp"
#include "ipcode/study/manifest.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ipcode;

namespace {

loader::Study corpus() {
  Diagnostics diags;
  auto study = loader::load(std::string(IPCODE_SOURCE_DIR) + "/tests/data/anon/corpus", {}, diags);
  REQUIRE_FALSE(diags.has_errors());
  return study;
}

std::string line_of(const std::string& text, const std::string& start) {
  const auto at = text.find(start);
  if (at == std::string::npos) return "(no line starting " + start + ")";
  return text.substr(at, text.find('\n', at) - at);
}

}  // namespace

TEST_CASE("the map: real: pseudonym, plain text", "[anon]") {
  Diagnostics diags;
  auto known = anon::parse_map("Kari Nordmann: Randi\nBergeskogen:\n", "map.yaml", diags);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(known.size() == 2);
  CHECK(known[0].real == "Kari Nordmann");
  CHECK(known[0].pseudonym == "Randi");
  CHECK(known[1].pseudonym.empty());  // replaced by [navn]

  Diagnostics list;
  anon::parse_map("- Kari\n- Per\n", "map.yaml", list);
  CHECK(list.has_errors());
  Diagnostics nested;
  anon::parse_map("Kari: {a: b}\n", "map.yaml", nested);
  CHECK(nested.has_errors());
  Diagnostics syntax;
  anon::parse_map("Kari: [\n", "map.yaml", syntax);
  CHECK(syntax.has_errors());
}

TEST_CASE("the rules: allow list, pseudonyms, ids and speaker labels", "[anon]") {
  const auto study = corpus();
  const auto rules = anon::rules_for(study, {{"Ingrid", "Randi", anon::Category::known}});
  for (const char* word : {"Lund", "Morten", "B1", "B2", "B3", "I", "Randi"}) {
    INFO(word);
    CHECK(rules.allow.count(word) == 1);
  }
  CHECK(rules.allow.count("Ingrid") == 0);
}

TEST_CASE("final report quotes: findings inside illustrative units only", "[anon]") {
  const auto study = corpus();
  const auto places = anon::scan_final_quotes(study, anon::rules_for(study, {}));
  std::vector<std::string> got;
  got.reserve(places.size());
  for (const auto& p : places)
    got.push_back(p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) + " " +
                  p.unit + " " + p.text);
  // B1-01 (personlig-hjelp) holds Kari Hansen; B2-02 (kontakt) the mobile number. B1-02's
  // phone number is in no illustrative quote.
  CHECK(got == std::vector<std::string>{"transcripts/r1/B1.txt:9:55 B1-01 Kari",
                                        "transcripts/r1/B1.txt:9:60 B1-01 Hansen",
                                        "transcripts/r1/B2.txt:11:16 B2-02 91234567"});
}

TEST_CASE("the pseudonymised copy keeps YAML valid and quotes matching", "[anon]") {
  const auto study = corpus();
  std::vector<std::string> skipped;
  std::map<anon::Category, std::size_t> counts;
  const auto files = anon::pseudonymise(
      study, anon::rules_for(study, {{"Ingrid", "Randi", anon::Category::known}}), {}, skipped,
      counts);
  CHECK(skipped.empty());
  REQUIRE(files.count("coding/r1/B1.yaml") == 1);
  const auto& coding = files.at("coding/r1/B1.yaml");
  // In a quote: the gap mark; a placeholder starting a value: (navn), so it is not a list.
  CHECK(line_of(coding, "quote: det") == "quote: det var (…) (…) som hjalp meg først");
  CHECK(line_of(coding, "note:") ==
        "note: (navn) [navn] er koordinator, ring [telefon] ved spørsmål.");
  CHECK(line_of(coding, "quote: Jeg ringte") == "quote: Jeg ringte henne på (…) nesten hver dag");
  CHECK(line_of(coding, "quote: Jeg skyldte") == "quote: Jeg skyldte kr 12345678 til slutt");
  const auto& b1 = files.at("transcripts/r1/B1.txt");
  CHECK(line_of(b1, "B1: Ja, av") ==
        "B1: Ja, av Randi på NAV. Hun sa at fødselsnummeret mitt [fødselsnummer] var feil i "
        "systemet.");
  // "Kari" at a sentence start is not flagged there, but it was found elsewhere: replaced.
  CHECK(line_of(b1, "Per dag") ==
        "Per dag fikk jeg kanskje to samtaler. [navn] var snill, sa mamma.");
  // The map's pseudonym is allowed in the copy's manifest.
  CHECK(line_of(files.at("ipcode.yaml"), "  allow:") == "  allow: [Lund, Randi]");
  CHECK(counts.at(anon::Category::known) == 1);
  CHECK(counts.at(anon::Category::id_number) == 3);
}

TEST_CASE("the manifest's anon: allow list", "[anon]") {
  Diagnostics diags;
  const auto m = study::parse_manifest("ipcode: 1\nanon:\n  allow: [Lund, \"post@nav.no\"]\n",
                                       "ipcode.yaml", diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(m.anon_allow == std::vector<std::string>{"Lund", "post@nav.no"});
  Diagnostics alias;
  const auto n = study::parse_manifest("ipcode: 1\nanon:\n  tillat: Lund\n", "ipcode.yaml", alias);
  CHECK_FALSE(alias.has_errors());
  CHECK(n.anon_allow == std::vector<std::string>{"Lund"});
  Diagnostics wrong;
  study::parse_manifest("ipcode: 1\nanon:\n  alow: [Lund]\n", "ipcode.yaml", wrong);
  REQUIRE(wrong.has_errors());
  CHECK(wrong.items()[0].line == 3);
}
