// render_all: every file `ipcode condense` writes, in memory, so that `condense` can write
// them in one atomic step and `verify` can compare them with out/ without writing anything.

#include <map>
#include <string>
#include <vector>

#include "ipcode/report/report.hpp"

namespace ipcode::report {

std::map<std::string, std::string> render_all(const loader::Study& study,
                                              const std::vector<condense::RoundAnalysis>& analyses,
                                              const Options& options) {
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < analyses.size(); ++i) {
    const condense::RoundAnalysis& a = analyses[i];
    const loader::RoundData* round = a.round;
    if (round == nullptr && i < study.rounds.size()) round = &study.rounds[i];
    if (round == nullptr) continue;
    const std::string dir = round->spec.id + "/";
    out[dir + "units.csv"] = units_csv(*round, a);
    out[dir + "matrix-informant-theme.csv"] = matrix_csv(*round, a, codebook::Level::theme);
    out[dir + "matrix-informant-group.csv"] = matrix_csv(*round, a, codebook::Level::group);
    out[dir + "matrix-informant-subgroup.csv"] = matrix_csv(*round, a, codebook::Level::subgroup);
    out[dir + "matrix-refs.md"] = matrix_refs_md(study, *round, a);
    out[dir + "overview.csv"] = overview_csv(*round, a);
    out[dir + "cooccurrence.csv"] = cooccurrence_csv(*round, a);
    out[dir + "report.md"] = report_md(study, *round, a, options);
    out[dir + "report.html"] = report_html(study, *round, a, options);
    if (options.xlsx) out[dir + "matrices.xlsx"] = matrices_xlsx(*round, a);
  }
  out["rounds.csv"] = rounds_csv(study, analyses);
  out["report.html"] = cross_report_html(study, analyses, options);
  // Last: the manifest hashes every other output.
  out["manifest.json"] = manifest_json(study, out, options);
  return out;
}

}  // namespace ipcode::report
