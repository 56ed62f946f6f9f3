// condense --split-by: prevalence per value of an informant attribute (SPEC §10).
#include "condense_fixture.hpp"
#include "ipcode/condense/split.hpp"

#include <catch2/catch.hpp>

using namespace ipcode;
using condense_test::Ids;

TEST_CASE("split: values in natural order, participants without a value last", "[split]") {
  loader::RoundData round = condense_test::sample_round();
  // B9 is not in the manifest, B3 has no `gruppe`: both go to the "-" column.
  round.informants = {"B1", "B2", "B3", "B9"};
  condense_test::add_unit(round, "B1-01", "B1", {Ids::underskrift});
  condense_test::add_unit(round, "B2-01", "B2", {Ids::underskrift, Ids::maal});
  condense_test::add_unit(round, "B3-01", "B3", {Ids::maal});
  condense_test::add_unit(round, "B9-01", "B9", {Ids::forstaar});
  std::vector<study::Informant> infs = {
      {"B1", "bruker", "", {{"gruppe", "gruppe 10"}}, 0},
      {"B2", "ansatt", "", {{"gruppe", "gruppe 2"}}, 0},
      {"B3", "bruker", "", {}, 0},
  };
  const auto a = condense::analyse(round, loader::Options{}, condense::Texts::no);

  const auto g = condense::split_by(a, infs, "gruppe");
  CHECK(g.values == std::vector<std::string>{"gruppe 2", "gruppe 10", "-"});
  CHECK(g.participants == std::vector<int>{1, 1, 2});
  CHECK(g.cells[Ids::underskrift] == std::vector<int>{1, 1, 0});
  CHECK(g.cells[Ids::samtykke] == std::vector<int>{1, 1, 1});  // forstaar's B9 counts here
  CHECK(g.cells[Ids::maal] == std::vector<int>{1, 0, 1});
  CHECK(g.cells[Ids::mestring] == std::vector<int>{0, 0, 0});

  const auto r = condense::split_by(a, infs, "role");
  CHECK(r.values == std::vector<std::string>{"ansatt", "bruker", "-"});
  CHECK(r.participants == std::vector<int>{1, 2, 1});
  CHECK(r.cells[Ids::inngaaelse] == std::vector<int>{1, 2, 1});

  CHECK(condense::has_attribute(infs, "gruppe"));
  CHECK_FALSE(condense::has_attribute(infs, "kjønn"));
  CHECK(condense::attribute_names(infs) == std::vector<std::string>{"role", "gruppe"});
}
