// Prevalence claims in analysis texts (SPEC §8): the claim corpus, with the expected verdicts.
#include "condense_fixture.hpp"
#include "ipcode/condense/claims.hpp"

#include <catch2/catch.hpp>

using namespace ipcode;
using condense_test::Ids;

namespace {

// Five participants: B1–B3 "bruker", B4–B5 "ansatt". underskrift: B1, B2, B4 (3 of 5; 2 of 3
// brukere; 1 of 2 ansatte). Its group samtykke also has forstaar's B3: 4 of 5.
loader::RoundData claims_round() {
  loader::RoundData round = condense_test::sample_round();
  round.informants = {"B1", "B2", "B3", "B4", "B5"};
  condense_test::add_unit(round, "B1-01", "B1", {Ids::underskrift});
  condense_test::add_unit(round, "B2-01", "B2", {Ids::underskrift});
  condense_test::add_unit(round, "B4-01", "B4", {Ids::underskrift});
  condense_test::add_unit(round, "B3-01", "B3", {Ids::forstaar});
  condense_test::add_unit(round, "B5-01", "B5", {Ids::mestring});
  return round;
}

std::vector<study::Informant> roles() {
  std::vector<study::Informant> out;
  for (const char* id : {"B1", "B2", "B3"}) out.push_back({id, "bruker", "", {}, 0});
  for (const char* id : {"B4", "B5"}) out.push_back({id, "ansatt", "", {}, 0});
  return out;
}

// The false claims of `text` as the analysis of subgroup underskrift (or group samtykke).
std::vector<condense::FalseClaim> verdicts(const std::string& text, bool group = false) {
  loader::RoundData round = claims_round();
  if (group) {
    round.condensation.groups["samtykke"].analysis = text;
  } else {
    round.condensation.subgroups["underskrift"].analysis = text;
  }
  const auto a = condense::analyse(round, loader::Options{}, condense::Texts::no);
  auto out = condense::check_claims(a, roles());
  for (auto& f : out) REQUIRE(f.node == (group ? Ids::samtykke : Ids::underskrift));
  return out;
}

}  // namespace

TEST_CASE("claims: 'N av M' phrases are found with their numbers and noun", "[claims]") {
  struct Row {
    std::string text;
    int n, m;
    std::string noun;
    std::string phrase;
  };
  const std::vector<Row> rows = {
      {"Tre av fem deltakere skrev under.", 3, 5, "deltakere", "Tre av fem deltakere"},
      {"Her sa 3 av 5 informanter det samme.", 3, 5, "informanter", "3 av 5 informanter"},
      {"to av de fire brukerne", 2, 4, "brukerne", "to av de fire brukerne"},
      {"fire av dei seks deltakarane", 4, 6, "deltakarane", "fire av dei seks deltakarane"},
      {"Ein av tjue.", 1, 20, "", "Ein av tjue"},
      {"åtte av totalt elleve", 8, 11, "", "åtte av totalt elleve"},
      {"tre av\n  fem deltakere", 3, 5, "deltakere", "tre av\n  fem deltakere"},
      {"tre\u00a0av\u00a0fem deltakere", 3, 5, "deltakere", "tre\u00a0av\u00a0fem deltakere"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    const auto claims = condense::find_claims(r.text);
    REQUIRE(claims.size() == 1);
    CHECK(claims[0].n == r.n);
    CHECK(claims[0].m == r.m);
    CHECK(claims[0].noun == r.noun);
    CHECK(r.text.substr(claims[0].begin, claims[0].end - claims[0].begin) == r.phrase);
  }
  for (const std::string text :
       {"Ingen av brukerne hadde gitt samtykke.", "De fleste av de fem sa ja.", "alle av dem",
        "en av de viktigste grunnene", "tre. Av fem deltakere", "fem av tre deltakere",
        "null av fem", "Hun var en av mange."}) {
    CAPTURE(text);
    CHECK(condense::find_claims(text).empty());
  }
}

TEST_CASE("claims: the corpus of true, false and non-claims", "[claims]") {
  struct Row {
    std::string text;
    bool group;
    std::vector<std::string> wrong;  // phrases warned about
  };
  const std::vector<Row> rows = {
      // True claims: no warning.
      {"Tre av fem deltakere skrev under uten å lese planen.", false, {}},
      {"3 av 5 informanter beskrev dette.", false, {}},
      {"Dette gjaldt to av de tre brukerne.", false, {}},
      {"Bare en av to ansatte nevnte det.", false, {}},
      {"Det sa tre av fem.", false, {}},
      {"Tre\u00a0av\u00a0fem deltakere", false, {}},
      {"tre av\nfem deltakere", false, {}},
      {"Fire av fem deltakere snakket om samtykke.", true, {}},
      // False claims.
      {"Fire av fem deltakere skrev under uten å lese planen.", false, {"Fire av fem deltakere"}},
      {"2 av 5 informanter beskrev dette.", false, {"2 av 5 informanter"}},
      {"Dette gjaldt tre av de tre brukerne.", false, {"tre av de tre brukerne"}},
      {"Begge, altså to av to ansatte, nevnte det.", false, {"to av to ansatte"}},
      {"fire av dei fem deltakarane", false, {"fire av dei fem deltakarane"}},
      {"tre av dei tre brukarane", false, {"tre av dei tre brukarane"}},
      {"Det sa fire av fem.", false, {"fire av fem"}},
      {"Fire\u00a0av\u00a0fem deltakere", false, {"Fire\u00a0av\u00a0fem deltakere"}},
      {"Tre av fem deltakere snakket om samtykke.", true, {"Tre av fem deltakere"}},
      {"Tre av fem deltakere, men fire av fem deltakere i gruppen.",
       false,
       {"fire av fem deltakere"}},
      // Not prevalence claims of this round: never a warning.
      {"To av tre møter ble avlyst.", false, {}},
      {"Ingen av brukerne hadde gitt samtykke.", false, {}},
      {"De fleste av de fem hadde en koordinator.", false, {}},
      {"to av fire deltakere i en tidligere studie", false, {}},
      {"fire av fem – slik beskrev hun det", false, {}},
      {"tre av fem koordinatorer i kommunen", false, {}},
      {"ein av to tilsette", false, {}},
      {"Han var en av fem søsken.", false, {}},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text, r.group);
    const auto found = verdicts(r.text, r.group);
    std::vector<std::string> phrases;
    for (const auto& f : found) phrases.push_back(f.phrase);
    CHECK(phrases == r.wrong);
  }
}

TEST_CASE("claims: a false claim says what the data give", "[claims]") {
  const auto by_role = verdicts("Dette gjaldt tre av de tre brukerne.");
  REQUIRE(by_role.size() == 1);
  CHECK(by_role[0].role == "bruker");
  CHECK(by_role[0].actual == 2);
  CHECK(by_role[0].of == 3);
  const auto all = verdicts("Fire av fem deltakere");
  REQUIRE(all.size() == 1);
  CHECK(all[0].role.empty());
  CHECK(all[0].actual == 3);
  CHECK(all[0].of == 5);
}
