// The agreement statistics (SPEC §11): Cohen's kappa (Cohen 1960) and Krippendorff's alpha
// for nominal data (Krippendorff 2011, "Computing Krippendorff's alpha-reliability").
#include "ipcode/agree/agree.hpp"

#include <cstddef>
#include <map>

namespace ipcode::agree {
namespace {

// Below this, an expected agreement of 1 (or an expected disagreement of 0) is taken as
// exact: the sums are of whole counts, so anything smaller is rounding.
constexpr double kTiny = 1e-12;

double as_double(std::uint64_t v) { return static_cast<double>(v); }

}  // namespace

Counts& Counts::operator+=(const Counts& o) {
  both += o.both;
  only_a += o.only_a;
  only_b += o.only_b;
  neither += o.neither;
  return *this;
}

std::optional<double> cohen_kappa(const std::vector<std::vector<double>>& table) {
  const std::size_t k = table.size();
  std::vector<double> rows(k, 0.0), cols(k, 0.0);
  double n = 0.0, agreed = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    if (table[i].size() != k) return std::nullopt;
    for (std::size_t j = 0; j < k; ++j) {
      rows[i] += table[i][j];
      cols[j] += table[i][j];
      n += table[i][j];
    }
    agreed += table[i][i];
  }
  if (n <= 0.0) return std::nullopt;
  const double observed = agreed / n;
  double expected = 0.0;
  for (std::size_t i = 0; i < k; ++i) expected += (rows[i] / n) * (cols[i] / n);
  // Both coders put every unit in one and the same category: nothing to correct for chance.
  if (1.0 - expected < kTiny) return std::nullopt;
  return (observed - expected) / (1.0 - expected);
}

std::optional<double> krippendorff_alpha_nominal(const std::vector<std::vector<int>>& units) {
  // The coincidence matrix: each pairable unit adds its m(m-1) ordered pairs of values,
  // each weighted 1/(m-1), so that every pairable value counts once.
  std::map<int, std::map<int, double>> o;
  for (const auto& values : units) {
    const std::size_t m = values.size();
    if (m < 2) continue;
    const double w = 1.0 / static_cast<double>(m - 1);
    for (std::size_t i = 0; i < m; ++i) {
      for (std::size_t j = 0; j < m; ++j) {
        if (i != j) o[values[i]][values[j]] += w;
      }
    }
  }
  std::map<int, double> marginal;
  double n = 0.0, disagree = 0.0;
  for (const auto& [c, row] : o) {
    for (const auto& [k, v] : row) {
      marginal[c] += v;
      n += v;
      if (c != k) disagree += v;
    }
  }
  double expected = 0.0;  // sum over c != k of n_c * n_k
  for (const auto& [c, nc] : marginal) {
    for (const auto& [k, nk] : marginal) {
      if (c != k) expected += nc * nk;
    }
  }
  if (n <= 0.0 || expected < kTiny) return std::nullopt;
  return 1.0 - (n - 1.0) * disagree / expected;
}

std::optional<double> percent_agreement(const Counts& c) {
  if (c.n() == 0) return std::nullopt;
  return as_double(c.both + c.neither) / as_double(c.n());
}

std::optional<double> cohen_kappa(const Counts& c) {
  return cohen_kappa(
      {{as_double(c.both), as_double(c.only_a)}, {as_double(c.only_b), as_double(c.neither)}});
}

std::optional<double> krippendorff_alpha(const Counts& c) {
  const double n = 2.0 * as_double(c.n());  // pairable values
  const double differ = as_double(c.only_a + c.only_b);
  const double present = 2.0 * as_double(c.both) + differ;
  const double absent = n - present;
  if (n <= 0.0 || present * absent < kTiny) return std::nullopt;
  return 1.0 - (n - 1.0) * differ / (present * absent);
}

}  // namespace ipcode::agree
