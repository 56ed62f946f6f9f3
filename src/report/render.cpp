// render_each: every file `ipcode condense` writes, one at a time, so that `condense` can write
// them in one atomic step and `verify` can compare them with out/ without writing anything,
// and neither holds every output in memory at once (SPEC §13: a large study's report.html
// alone can be larger than its corpus).

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ipcode/base/hash.hpp"
#include "ipcode/report/report.hpp"
#include "report_common.hpp"

namespace ipcode::report {
namespace {

// Hands each file to the sink and keeps only its hash, for manifest.json.
class Emitter {
 public:
  explicit Emitter(const Sink& sink) : sink_(sink) {}

  Status operator()(const std::string& path, std::string bytes) {
    hashes_[path] = sha256_hex(bytes);
    return sink_(path, std::move(bytes));
  }
  const std::map<std::string, std::string>& hashes() const { return hashes_; }

 private:
  const Sink& sink_;
  std::map<std::string, std::string> hashes_;
};

// The files of one round, out/<round>/..., in a fixed order.
Status render_round(const loader::Study& study, const loader::RoundData& round,
                    const condense::RoundAnalysis& a, const Options& options, Emitter& emit) {
  const std::string dir = round.spec.id + "/";
  using codebook::Level;
  const std::pair<const char*, Level> matrices[] = {
      {"matrix-informant-theme.csv", Level::theme},
      {"matrix-informant-group.csv", Level::group},
      {"matrix-informant-subgroup.csv", Level::subgroup}};
  if (auto st = emit(dir + "units.csv", units_csv(round, a)); !st) return st;
  for (const auto& [name, level] : matrices) {
    if (auto st = emit(dir + name, matrix_csv(round, a, level)); !st) return st;
  }
  if (auto st = emit(dir + "matrix-refs.md", matrix_refs_md(study, round, a)); !st) return st;
  if (auto st = emit(dir + "overview.csv", overview_csv(round, a)); !st) return st;
  if (auto st = emit(dir + "cooccurrence.csv", cooccurrence_csv(round, a)); !st) return st;
  {
    // One document model for both formats: with the appendix it is as large as the corpus.
    const detail::Doc doc = detail::round_doc(study, round, a, options);
    if (auto st = emit(dir + "report.md", detail::render_markdown(doc)); !st) return st;
    if (auto st = emit(dir + "report.html", detail::render_html(doc)); !st) return st;
  }
  if (options.xlsx) {
    // libxlsxwriter needs a temporary file; when it cannot be made the output cannot be
    // written (exit 73), which is not a bug in ipcode (exit 70).
    std::string xlsx;
    try {
      xlsx = matrices_xlsx(round, a);
    } catch (const std::runtime_error& e) {
      return Error{ErrorKind::cannot_write, e.what()};
    }
    if (auto st = emit(dir + "matrices.xlsx", std::move(xlsx)); !st) return st;
  }
  return Ok{};
}

}  // namespace

Status render_each(const loader::Study& study, const std::vector<condense::RoundAnalysis>& analyses,
                   const Options& options, const Sink& sink) {
  Emitter emit(sink);
  for (std::size_t i = 0; i < analyses.size(); ++i) {
    const condense::RoundAnalysis& a = analyses[i];
    const loader::RoundData* round = a.round;
    if (round == nullptr && i < study.rounds.size()) round = &study.rounds[i];
    if (round == nullptr) continue;
    if (auto st = render_round(study, *round, a, options, emit); !st) return st;
  }
  if (auto st = emit("rounds.csv", rounds_csv(study, analyses)); !st) return st;
  if (auto st = emit("report.html", cross_report_html(study, analyses, options)); !st) return st;
  // Last: the manifest hashes every other output.
  return sink("manifest.json", manifest_json(study, emit.hashes(), options));
}

std::map<std::string, std::string> render_all(const loader::Study& study,
                                              const std::vector<condense::RoundAnalysis>& analyses,
                                              const Options& options) {
  std::map<std::string, std::string> out;
  // A sink that keeps every file cannot fail.
  (void)render_each(study, analyses, options, [&out](const std::string& path, std::string bytes) {
    out[path] = std::move(bytes);
    return Status(Ok{});
  });
  return out;
}

}  // namespace ipcode::report
