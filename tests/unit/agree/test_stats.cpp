// Agreement statistics against textbook values. Every expected number was checked by hand and
// with an independent computation (python3, straight from the definitions) before freezing.
#include "ipcode/agree/agree.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace ipcode;
using agree::Counts;

TEST_CASE("Cohen's kappa of classic 2x2 and 3x3 tables", "[agree]") {
  struct Row {
    std::vector<std::vector<double>> table;
    double kappa;
  };
  // The first three are the worked examples of the Wikipedia article "Cohen's kappa"
  // (po 0.70 and pe 0.50 give 0.40; the two "same agreement, different kappa" tables).
  const std::vector<Row> rows = {
      {{{20, 5}, {10, 15}}, 0.4},       {{{45, 15}, {25, 15}}, 0.1304348},
      {{{25, 35}, {5, 35}}, 0.2592593}, {{{25, 2, 5}, {3, 20, 4}, {1, 6, 34}}, 0.6795361},
      {{{10, 0}, {0, 10}}, 1.0},        {{{0, 10}, {10, 0}}, -1.0},
  };
  for (const auto& r : rows) {
    const auto k = agree::cohen_kappa(r.table);
    REQUIRE(k);
    CHECK(*k == Approx(r.kappa).margin(1e-6));
  }
}

TEST_CASE("Cohen's kappa is undefined without chance to correct for", "[agree]") {
  CHECK_FALSE(agree::cohen_kappa(std::vector<std::vector<double>>{{0, 0}, {0, 0}}));
  CHECK_FALSE(agree::cohen_kappa(std::vector<std::vector<double>>{{12, 0}, {0, 0}}));
  CHECK_FALSE(agree::cohen_kappa(std::vector<std::vector<double>>{{1, 2}}));  // not square
}

TEST_CASE("Krippendorff's alpha: the worked examples of Krippendorff (2011)", "[agree]") {
  // A. Binary data, two observers, no missing data: alpha = 0.095.
  const std::vector<int> a1 = {0, 1, 0, 0, 0, 0, 0, 0, 1, 0};
  const std::vector<int> b1 = {1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
  std::vector<std::vector<int>> units;
  for (std::size_t i = 0; i < a1.size(); ++i) units.push_back({a1[i], b1[i]});
  auto alpha = agree::krippendorff_alpha_nominal(units);
  REQUIRE(alpha);
  CHECK(*alpha == Approx(0.0952381).margin(1e-6));  // 1 - 19·4 / (14·6)

  // B. Nominal data, two observers, no missing data (a..e as 1..5): alpha = 0.692.
  const std::vector<int> a2 = {1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1};
  const std::vector<int> b2 = {2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4};
  units.clear();
  for (std::size_t i = 0; i < a2.size(); ++i) units.push_back({a2[i], b2[i]});
  alpha = agree::krippendorff_alpha_nominal(units);
  REQUIRE(alpha);
  CHECK(*alpha == Approx(0.6919643).margin(1e-6));

  // C. Four observers, missing data (the last unit has one value: not pairable): nominal
  // alpha = 0.743.
  const std::vector<std::vector<int>> c = {{1, 1, 1},    {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3},
                                           {2, 2, 2, 2}, {1, 2, 3, 4}, {4, 4, 4, 4}, {1, 1, 2, 1},
                                           {2, 2, 2, 2}, {5, 5, 5},    {1, 1},       {3}};
  alpha = agree::krippendorff_alpha_nominal(c);
  REQUIRE(alpha);
  CHECK(*alpha == Approx(0.7434211).margin(1e-6));
}

TEST_CASE("Krippendorff's alpha is undefined with one value only", "[agree]") {
  CHECK_FALSE(agree::krippendorff_alpha_nominal({}));
  CHECK_FALSE(agree::krippendorff_alpha_nominal({{1}, {2}}));  // nothing pairable
  CHECK_FALSE(agree::krippendorff_alpha_nominal({{1, 1}, {1, 1}}));
}

TEST_CASE("The 2x2 statistics of one code", "[agree]") {
  // Krippendorff's example A as a code: present for both in unit 2, only A in 9, only B in
  // 1, 3 and 6, neither in 5.
  const Counts k{1, 1, 3, 5};
  CHECK(*agree::percent_agreement(k) == Approx(0.6));
  CHECK(*agree::cohen_kappa(k) == Approx(0.0909091).margin(1e-6));  // po .6, pe .56
  CHECK(*agree::krippendorff_alpha(k) == Approx(0.0952381).margin(1e-6));

  SECTION("the closed form equals the general alpha on any table") {
    const std::vector<Counts> tables = {{3, 0, 0, 7}, {0, 2, 1, 9}, {5, 4, 3, 2},    {1, 0, 0, 0},
                                        {0, 1, 1, 0}, {7, 1, 0, 0}, {40, 3, 9, 1200}};
    for (const auto& t : tables) {
      std::vector<std::vector<int>> units;
      for (std::uint64_t i = 0; i < t.both; ++i) units.push_back({1, 1});
      for (std::uint64_t i = 0; i < t.only_a; ++i) units.push_back({1, 0});
      for (std::uint64_t i = 0; i < t.only_b; ++i) units.push_back({0, 1});
      for (std::uint64_t i = 0; i < t.neither; ++i) units.push_back({0, 0});
      const auto closed = agree::krippendorff_alpha(t);
      const auto general = agree::krippendorff_alpha_nominal(units);
      REQUIRE(closed.has_value() == general.has_value());
      if (closed) CHECK(*closed == Approx(*general).margin(1e-9));
    }
  }
}

TEST_CASE("Degenerate tables have a defined result", "[agree]") {
  SECTION("no units: nothing is defined") {
    const Counts none{};
    CHECK_FALSE(agree::percent_agreement(none));
    CHECK_FALSE(agree::cohen_kappa(none));
    CHECK_FALSE(agree::krippendorff_alpha(none));
  }
  SECTION("one code everywhere, by both: perfect agreement, kappa and alpha undefined") {
    const Counts all{12, 0, 0, 0};
    CHECK(*agree::percent_agreement(all) == 1.0);
    CHECK_FALSE(agree::cohen_kappa(all));
    CHECK_FALSE(agree::krippendorff_alpha(all));
  }
  SECTION("perfect agreement with variation: 1") {
    const Counts perfect{3, 0, 0, 9};
    CHECK(*agree::percent_agreement(perfect) == 1.0);
    CHECK(*agree::cohen_kappa(perfect) == Approx(1.0));
    CHECK(*agree::krippendorff_alpha(perfect) == Approx(1.0));
  }
  SECTION("a code only one coder used: kappa 0, alpha at or below 0") {
    const Counts one_sided{0, 2, 0, 8};
    CHECK(*agree::percent_agreement(one_sided) == Approx(0.8));
    CHECK(*agree::cohen_kappa(one_sided) == Approx(0.0).margin(1e-12));
    CHECK(*agree::krippendorff_alpha(one_sided) == Approx(1.0 - 19.0 / 18.0));
  }
}
