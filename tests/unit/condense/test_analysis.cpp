// Unit tests for ipcode::condense::analyse: counts per node and informant (SPEC §10),
// unsorted units, co-occurrence and weakly anchored subgroups. Rounds are built by hand, so
// these tests do not depend on the loader.

#include "condense_fixture.hpp"
#include "ipcode/condense/analysis.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace condense = ipcode::condense;
using condense_test::add_unit;
using condense_test::Ids;
using condense_test::sample_round;

namespace {

std::vector<std::string> unit_ids(const ipcode::loader::RoundData& round,
                                  const std::vector<int>& units) {
  std::vector<std::string> out;
  for (int u : units) out.push_back(round.units[static_cast<std::size_t>(u)].id);
  return out;
}

int row(const condense::RoundAnalysis& a, const std::string& who) {
  const auto it = std::find(a.informants.begin(), a.informants.end(), who);
  return it == a.informants.end() ? -1 : static_cast<int>(it - a.informants.begin());
}

}  // namespace

TEST_CASE("a unit coded with a subgroup counts for its group and theme", "[condense]") {
  auto round = sample_round();
  add_unit(round, "B1-01", "B1", {Ids::underskrift});
  const auto a = condense::analyse(round, {});
  using V = std::vector<std::string>;
  CHECK(unit_ids(round, a.nodes[Ids::underskrift].units) == V{"B1-01"});
  CHECK(unit_ids(round, a.nodes[Ids::samtykke].units) == V{"B1-01"});
  CHECK(unit_ids(round, a.nodes[Ids::inngaaelse].units) == V{"B1-01"});
  CHECK(a.nodes[Ids::innhold].units.empty());
  CHECK(a.nodes[Ids::bruk].units.empty());
  CHECK(a.nodes[Ids::inngaaelse].informants == V{"B1"});
  CHECK(a.unsorted.empty());
}

TEST_CASE("group-only units count for group and theme and are unsorted", "[condense]") {
  auto round = sample_round();
  add_unit(round, "B1-01", "B1", {Ids::samtykke});
  add_unit(round, "B1-02", "B1", {Ids::samtykke, Ids::forstaar});  // sorted: not unsorted
  add_unit(round, "B2-01", "B2", {Ids::samtykke, Ids::maal});      // sorted in another group
  const auto a = condense::analyse(round, {});
  using V = std::vector<std::string>;
  CHECK(unit_ids(round, a.nodes[Ids::samtykke].units) == V{"B1-01", "B1-02", "B2-01"});
  CHECK(unit_ids(round, a.nodes[Ids::inngaaelse].units) == V{"B1-01", "B1-02", "B2-01"});
  CHECK(a.nodes[Ids::underskrift].units.empty());
  REQUIRE(a.unsorted.count(Ids::samtykke) == 1);
  CHECK(unit_ids(round, a.unsorted.at(Ids::samtykke)) == V{"B1-01", "B2-01"});
  CHECK(a.unsorted.count(Ids::innhold) == 0);
}

TEST_CASE("a unit is counted once per node however many of its codes lie under it", "[condense]") {
  auto round = sample_round();
  // Two subgroups of one theme, and a subgroup of another theme.
  add_unit(round, "B1-01", "B1", {Ids::underskrift, Ids::forstaar, Ids::mestring});
  const auto a = condense::analyse(round, {});
  CHECK(a.nodes[Ids::inngaaelse].units.size() == 1);
  CHECK(a.nodes[Ids::samtykke].units.size() == 1);
  CHECK(a.nodes[Ids::bruk].units.size() == 1);
  CHECK(a.nodes[Ids::erfaring].units.size() == 1);
  CHECK(a.cells[static_cast<std::size_t>(row(a, "B1"))][Ids::inngaaelse].size() == 1);
  CHECK(a.cells[static_cast<std::size_t>(row(a, "B1"))][Ids::bruk].size() == 1);
}

TEST_CASE("matrix rows are the round's informants in natural order", "[condense]") {
  auto round = sample_round();
  round.informants = {"B1", "B2", "B10"};  // as the loader gives them
  add_unit(round, "B10-01", "B10", {Ids::underskrift});
  add_unit(round, "B2-01", "B2", {Ids::underskrift});
  add_unit(round, "B3-01", "B3", {Ids::maal});  // a speaker the loader did not list
  const auto a = condense::analyse(round, {});
  CHECK(a.informants == std::vector<std::string>{"B1", "B2", "B3", "B10"});
  CHECK(a.cells[0][Ids::underskrift].empty());  // B1 has a row even without units
  CHECK(a.cells[1][Ids::underskrift] == std::vector<int>{1});
  CHECK(a.cells[3][Ids::underskrift] == std::vector<int>{0});
  CHECK(a.nodes[Ids::inngaaelse].informants == std::vector<std::string>{"B2", "B3", "B10"});
}

TEST_CASE("interviewer units count only with include_interviewer", "[condense]") {
  auto round = sample_round();
  round.informants = {"B1", "B2"};
  add_unit(round, "B1-01", "B1", {Ids::underskrift});
  add_unit(round, "I-01", "I", {Ids::underskrift}, "Så du skrev under uten å vite hva?",
           /*interviewer=*/true);
  SECTION("excluded by default") {
    const auto a = condense::analyse(round, {});
    CHECK(a.counted == std::vector<int>{0});
    CHECK(a.informants == std::vector<std::string>{"B1", "B2"});
    CHECK(a.nodes[Ids::underskrift].units == std::vector<int>{0});
    CHECK(a.cooccurrence[0][0] == 1);
  }
  SECTION("included on request, with the interviewer's own row") {
    ipcode::loader::Options options;
    options.include_interviewer = true;
    const auto a = condense::analyse(round, options);
    CHECK(a.counted == std::vector<int>{0, 1});
    CHECK(a.informants == std::vector<std::string>{"B1", "B2", "I"});
    CHECK(a.nodes[Ids::underskrift].units == std::vector<int>{0, 1});
    CHECK(a.nodes[Ids::underskrift].informants == std::vector<std::string>{"B1", "I"});
    CHECK(a.cells[2][Ids::underskrift] == std::vector<int>{1});
  }
}

TEST_CASE("prevalence counts the same people above and below the line", "[condense]") {
  // "4 av 3 deltakere" came from counting the interviewer in a node's informants but not in
  // the round's. The matrix rows are the denominator; every node's informants are among them.
  auto round = sample_round();
  round.informants = {"B1", "B2", "B3"};
  ipcode::transcript::Transcript t;
  t.turns = {{"I", true, 1}, {"B1", false, 2}, {"Intervjuer", true, 3}};
  round.transcripts.push_back(t);
  add_unit(round, "B1-01", "B1", {Ids::underskrift});
  add_unit(round, "B2-01", "B2", {Ids::underskrift});
  add_unit(round, "B3-01", "B3", {Ids::underskrift});
  add_unit(round, "I-01", "I", {Ids::underskrift}, "Så du skrev under?", /*interviewer=*/true);
  const auto subset = [](const condense::RoundAnalysis& a) {
    for (const auto& node : a.nodes) {
      for (const auto& who : node.informants) {
        if (std::find(a.informants.begin(), a.informants.end(), who) == a.informants.end()) {
          return false;
        }
      }
    }
    return true;
  };
  SECTION("without the flag the interviewer is in neither") {
    const auto a = condense::analyse(round, {}, condense::Texts::no);
    CHECK(a.informants == std::vector<std::string>{"B1", "B2", "B3"});
    CHECK(a.nodes[Ids::underskrift].informants.size() == 3);
    CHECK(subset(a));
  }
  SECTION("with the flag every interviewer label is in both, with units or without") {
    ipcode::loader::Options options;
    options.include_interviewer = true;
    const auto a = condense::analyse(round, options, condense::Texts::no);
    CHECK(a.informants == std::vector<std::string>{"B1", "B2", "B3", "I", "Intervjuer"});
    CHECK(a.nodes[Ids::underskrift].informants == std::vector<std::string>{"B1", "B2", "B3", "I"});
    CHECK(subset(a));
  }
}

TEST_CASE("co-occurrence of code groups is symmetric with unit counts on the diagonal",
          "[condense]") {
  auto round = sample_round();
  add_unit(round, "B1-01", "B1", {Ids::underskrift, Ids::maal});
  add_unit(round, "B1-02", "B1", {Ids::forstaar, Ids::underskrift});
  add_unit(round, "B2-01", "B2", {Ids::samtykke, Ids::mestring});
  add_unit(round, "B2-02", "B2", {Ids::innhold});
  const auto a = condense::analyse(round, {});
  // Groups in codebook order: samtykke, innhold, erfaring.
  REQUIRE(a.cooccurrence.size() == 3);
  const std::vector<std::vector<int>> expected = {{3, 1, 1}, {1, 2, 0}, {1, 0, 1}};
  CHECK(a.cooccurrence == expected);
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < 3; ++j) CHECK(a.cooccurrence[i][j] == a.cooccurrence[j][i]);
    CHECK(a.cooccurrence[i][i] ==
          static_cast<int>(a.nodes[static_cast<std::size_t>(
                                       round.codebook.of_level(ipcode::codebook::Level::group)[i])]
                               .units.size()));
  }
}

TEST_CASE("subgroups resting on one informant are weakly anchored", "[condense]") {
  auto round = sample_round();
  add_unit(round, "B1-01", "B1", {Ids::underskrift});
  add_unit(round, "B1-02", "B1", {Ids::underskrift});
  add_unit(round, "B1-03", "B1", {Ids::forstaar});
  add_unit(round, "B2-01", "B2", {Ids::forstaar});
  add_unit(round, "B2-02", "B2", {Ids::mestring});
  const auto a = condense::analyse(round, {});
  CHECK(a.weakly_anchored == std::vector<int>{Ids::underskrift, Ids::mestring});
}

TEST_CASE("drafts for subgroups without a condensate, vocabulary check for those with one",
          "[condense]") {
  auto round = sample_round();
  add_unit(round, "B1-01", "B1", {Ids::underskrift},
           "Jeg skrev under på planen. Jeg vet ikke hva som står i den.");
  add_unit(round, "B2-01", "B2", {Ids::forstaar}, "Jeg forstod planen godt.");
  round.condensation.subgroups["forstaar"].condensate = "Jeg forstod planene og kaffen.";
  round.condensation.subgroups["maal"].condensate = "   ";  // blank: still a draft if units
  const auto a = condense::analyse(round, {});
  REQUIRE(a.drafts.count(Ids::underskrift) == 1);
  CHECK(a.drafts.at(Ids::underskrift).unit_ids == std::vector<std::string>{"B1-01"});
  CHECK(a.drafts.at(Ids::underskrift).text ==
        "Jeg skrev under på planen. Jeg vet ikke hva som står i den.");
  CHECK(a.drafts.count(Ids::forstaar) == 0);  // has a condensate
  CHECK(a.drafts.count(Ids::maal) == 0);      // no units
  CHECK(a.foreign_words.count(Ids::underskrift) == 0);
  REQUIRE(a.foreign_words.count(Ids::forstaar) == 1);
  CHECK(a.foreign_words.at(Ids::forstaar) == std::vector<std::string>{"kaffen"});
}

TEST_CASE("analysis of an empty round", "[condense]") {
  ipcode::loader::RoundData round;
  const auto a = condense::analyse(round, {});
  CHECK(a.round == &round);
  CHECK(a.counted.empty());
  CHECK(a.informants.empty());
  CHECK(a.nodes.empty());
  CHECK(a.cooccurrence.empty());
  CHECK(a.drafts.empty());
}

TEST_CASE("counts without the texts when drafts are not wanted", "[condense]") {
  auto round = sample_round();
  add_unit(round, "B1-01", "B1", {Ids::underskrift});
  round.condensation.subgroups["underskrift"].condensate = "Kaffe.";
  const auto a = condense::analyse(round, {}, condense::Texts::no);
  CHECK(a.nodes[Ids::underskrift].units == std::vector<int>{0});
  CHECK(a.weakly_anchored == std::vector<int>{Ids::underskrift});
  CHECK(a.drafts.empty());
  CHECK(a.foreign_words.empty());
}

TEST_CASE("Texts::vocabulary checks condensates but makes no drafts", "[condense]") {
  auto round = sample_round();
  using condense_test::add_unit;
  using N = condense_test::Ids;
  add_unit(round, "B1-01", "B1", {N::underskrift}, "Jeg skrev under på planen uten å lese den.");
  add_unit(round, "B2-01", "B2", {N::forstaar}, "Jeg forstod at planen var min egen.");
  round.condensation.subgroups["underskrift"].condensate = "Jeg skrev under på et papir.";
  const auto full = ipcode::condense::analyse(round, {}, ipcode::condense::Texts::yes);
  const auto vocab = ipcode::condense::analyse(round, {}, ipcode::condense::Texts::vocabulary);
  REQUIRE_FALSE(full.drafts.empty());
  CHECK(vocab.drafts.empty());
  CHECK(vocab.foreign_words == full.foreign_words);
  CHECK(vocab.foreign_words.at(N::underskrift) == std::vector<std::string>{"papir"});
}

TEST_CASE("the vocabulary check alone finds what the full analysis finds", "[condense]") {
  // Texts::vocabulary looks for a stem first in the units whose folded text holds it; these
  // cases have a stem inside another word ("plan" in "eksplanasjon"), words in capitals, æøå,
  // a stem only in the second unit, and a word in none.
  using condense_test::add_unit;
  using N = condense_test::Ids;
  struct Case {
    const char* condensate;
    std::vector<const char*> units;
    std::vector<std::string> foreign;
  };
  const std::vector<Case> cases = {
      {"Jeg fikk en plan.", {"Jeg fikk en eksplanasjon av alt."}, {"plan"}},
      {"Jeg fikk en plan.", {"Jeg fikk en eksplanasjon.", "PLANENE ble laget."}, {}},
      {"Møtene var gode.", {"Vi hadde gode MØTER i går."}, {}},
      {"Både kaffen og planen.", {"Jeg tok planen med hjem."}, {"kaffen"}},
      {"Støtten kom sent.", {"Han støttet meg.", "Det kom sent."}, {}},
      {"Ærligheten teller.", {"Hun var ærlig om det som teller."}, {}},
      {"Ærligheten teller.", {"Det som teller."}, {"Ærligheten"}},
  };
  for (const auto& c : cases) {
    auto round = sample_round();
    std::string id = "B1-01";
    for (const char* text : c.units) {
      add_unit(round, id, "B1", {N::underskrift}, text);
      id.back() = static_cast<char>(id.back() + 1);
    }
    round.condensation.subgroups["underskrift"].condensate = c.condensate;
    INFO(c.condensate);
    const auto full = ipcode::condense::analyse(round, {}, ipcode::condense::Texts::yes);
    const auto vocab = ipcode::condense::analyse(round, {}, ipcode::condense::Texts::vocabulary);
    CHECK(vocab.foreign_words == full.foreign_words);
    const auto it = full.foreign_words.find(N::underskrift);
    CHECK((it == full.foreign_words.end() ? std::vector<std::string>{} : it->second) == c.foreign);
  }
}
