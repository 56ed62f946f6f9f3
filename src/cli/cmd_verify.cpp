// `ipcode verify` (SPEC §7, §10): re-runs condense in memory and compares with out/ and the
// input hashes recorded in out/manifest.json, so a reviewer can trust what they read.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "cli/common.hpp"
#include "cli/condense_run.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

namespace ipcode::cli {
namespace {

// The "inputs" object of manifest.json as ipcode writes it: one `"path": "hash"` per line.
std::map<std::string, std::string> recorded_inputs(const std::string& json) {
  std::map<std::string, std::string> out;
  const auto start = json.find("\"inputs\"");
  if (start == std::string::npos) return out;
  const auto end = json.find('}', start);
  for (const auto line : split(std::string_view(json).substr(start, end - start), '\n')) {
    const auto t = trim(line);
    const auto colon = t.find("\": \"");
    if (!t.starts_with("\"") || colon == std::string_view::npos) continue;
    std::string path(t.substr(1, colon - 1));
    std::string hash(t.substr(colon + 4));
    while (!hash.empty() && (hash.back() == ',' || hash.back() == '"')) hash.pop_back();
    out[path] = hash;
  }
  return out;
}

// The loader's temporary memory (file bytes, YAML trees, per-thread lists) is free but still
// held by the C library; hand it back before the large reports are rendered, so that it does
// not add to the peak (SPEC §13). glibc only; elsewhere nothing to do.
void release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

enum class Disk { missing, same, differs };

// Compares each rendered output with its file in out/ piece by piece as it is rendered, so
// that a large report is held neither whole nor twice (SPEC §13). Missing as fs::read_file()
// sees it: absent, unreadable or a folder. Never fails: a difference is a finding.
class DiskComparer final : public report::OutputWriter {
 public:
  explicit DiskComparer(std::filesystem::path out_dir) : out_dir_(std::move(out_dir)) {}

  Status begin(const std::string& path) override {
    path_ = path;
    in_ = std::ifstream(out_dir_ / path, std::ios::binary);
    std::error_code ec;
    const bool missing = !in_ || std::filesystem::is_directory(out_dir_ / path, ec);
    state_ = missing ? Disk::missing : Disk::same;
    return Ok{};
  }

  Status write(std::string_view bytes) override {
    while (state_ == Disk::same && !bytes.empty()) {
      const std::size_t n = std::min(bytes.size(), chunk_.size());
      in_.read(chunk_.data(), static_cast<std::streamsize>(n));
      if (static_cast<std::size_t>(in_.gcount()) != n ||
          bytes.substr(0, n) != std::string_view(chunk_.data(), n)) {
        state_ = Disk::differs;
      }
      bytes.remove_prefix(n);
    }
    return Ok{};
  }

  Status end() override {
    // The file must end where the output does.
    if (state_ == Disk::same && in_.peek() != std::ifstream::traits_type::eof()) {
      state_ = Disk::differs;
    }
    in_.close();
    results_[path_] = state_;
    return Ok{};
  }

  // Every output by its path relative to out/.
  const std::map<std::string, Disk>& results() const { return results_; }

 private:
  std::filesystem::path out_dir_;
  std::string path_;
  std::ifstream in_;
  Disk state_ = Disk::missing;
  std::string chunk_ = std::string(std::size_t{1} << 16, '\0');
  std::map<std::string, Disk> results_;
};

// A value of the "options" object of manifest.json: `"key": value` on its own line.
std::string recorded_option(const std::string& json, const std::string& key) {
  const auto at = json.find("\n    \"" + key + "\": ");
  if (at == std::string::npos) return {};
  const auto begin = at + key.size() + 9;
  std::string value(trim(std::string_view(json).substr(begin, json.find('\n', begin) - begin)));
  if (!value.empty() && value.back() == ',') value.pop_back();
  if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
  return value;
}

// What `condense` was run with, unless the command line says otherwise.
CondenseOptions with_recorded(CondenseOptions o, const std::string& json) {
  if (!o.stage_given && recorded_option(json, "stage") == "final") o.report.stage = report::Stage::final;
  if (!o.format_given && recorded_option(json, "xlsx") == "true") o.report.xlsx = true;
  auto& load = o.report.load;
  if (load.round.empty()) load.round = recorded_option(json, "round");
  if (load.coder.empty()) load.coder = recorded_option(json, "coder");
  if (recorded_option(json, "include_interviewer") == "true") load.include_interviewer = true;
  return o;
}

// Renders every output and compares it with out/ as it is rendered, then lets it go (SPEC
// §13). The differences by path, as the files are named in out/; `files` counts them all.
std::map<std::string, std::string> compare_outputs(const loader::Study& study,
                                                   const report::Options& options,
                                                   std::size_t& files) {
  DiskComparer comparer(study.root / study.manifest.output);
  {
    const auto analyses = analyse_all(study, options);
    release_free_memory();
    // The comparer never fails: a difference is a finding, not an error.
    (void)report::render_each(study, analyses, options, comparer);
  }
  std::map<std::string, std::string> problems;
  for (const auto& [rel, disk] : comparer.results()) {
    ++files;
    const std::string shown = study.manifest.output + "/" + rel;
    if (disk == Disk::missing) problems[rel] = format(tr("missing output: {1}"), {shown});
    if (disk == Disk::differs) problems[rel] = format(tr("output differs: {1}"), {shown});
  }
  return problems;
}

int run_verify(const Globals& g, const CondenseOptions& given) {
  if (!round_exists(g, given.report.load.round)) return kUsage;
  const auto recorded = fs::read_file(std::filesystem::path(g.dir) / output_folder(g) / "manifest.json");
  const CondenseOptions o = recorded ? with_recorded(given, *recorded) : given;
  int code = kOk;
  const auto study = load_valid(g, o.report.load, code);
  if (!study) return code;
  auto options = o.report;
  options.version = IPCODE_VERSION;
  const auto date = date_from_environment();
  options.date = date.value_or("");
  const auto out_dir = study->root / study->manifest.output;
  std::size_t files = 0;
  auto output_problems = compare_outputs(*study, options, files);
  std::vector<std::string> problems;

  if (auto manifest = fs::read_file(out_dir / "manifest.json")) {
    const auto inputs = recorded_inputs(*manifest);
    for (const auto& [path, hash] : study->input_hashes) {
      auto it = inputs.find(path);
      if (it == inputs.end()) problems.push_back(format(tr("new input, not in manifest.json: {1}"), {path}));
      else if (it->second != hash) problems.push_back(format(tr("input changed since condense: {1}"), {path}));
    }
    for (const auto& [path, hash] : inputs) {
      if (study->input_hashes.count(path) == 0) problems.push_back(format(tr("input gone since condense: {1}"), {path}));
    }
  }
  for (auto& [rel, problem] : output_problems) problems.push_back(std::move(problem));
  for (const auto& p : problems) std::cout << p << '\n';
  if (!problems.empty()) {
    std::cerr << format(trn("{1} difference; run 'ipcode condense' again, or find out what changed",
                            "{1} differences; run 'ipcode condense' again, or find out what changed",
                            static_cast<long>(problems.size())),
                        {std::to_string(problems.size())})
              << '\n';
    return kProblems;
  }
  if (!g.quiet) {
    std::cout << format(tr("All {1} output files match the inputs."), {std::to_string(files)})
              << '\n';
  }
  return kOk;
}

}  // namespace

void setup_verify(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<CondenseOptions>();
  auto* cmd = app.add_subcommand("verify", tr("Re-run condense in memory and compare with the output folder"));
  add_condense_options(*cmd, *opts);
  cmd->callback([&ctx, opts] { ctx.action = [&ctx, opts] { return run_verify(ctx.globals, *opts); }; });
}

}  // namespace ipcode::cli
