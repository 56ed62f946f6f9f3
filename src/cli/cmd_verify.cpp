// `ipcode verify` (SPEC §7, §10): re-runs condense in memory and compares with out/ and the
// input hashes recorded in out/manifest.json, so a reviewer can trust what they read.
#include "cli/common.hpp"
#include "cli/condense_run.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

namespace ipcode::cli {
namespace {

// out/manifest.json as `condense` wrote it (SPEC §10), read with a real JSON parser so that
// any file name (a `"` in it too) comes back as it was written.
struct Recorded {
  std::map<std::string, std::string> inputs;
  std::map<std::string, std::string> outputs;
  std::string date;  // "" when condense ran without SOURCE_DATE_EPOCH
  std::string stage, round, coder;
  bool xlsx = false;
  bool docx = false;
  bool member_check = false;
  std::vector<std::string> split_by;
  bool include_interviewer = false;
};

// nullopt when the bytes are not a manifest ipcode could have written.
std::optional<Recorded> parse_recorded(const std::string& bytes) {
  const auto json = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return std::nullopt;
  try {
    Recorded r;
    r.inputs = json.value("inputs", std::map<std::string, std::string>{});
    r.outputs = json.value("outputs", std::map<std::string, std::string>{});
    r.date = json.value("date", std::string());
    const auto options = json.value("options", nlohmann::json::object());
    r.stage = options.value("stage", std::string());
    r.round = options.value("round", std::string());
    r.coder = options.value("coder", std::string());
    r.xlsx = options.value("xlsx", false);
    r.docx = options.value("docx", false);
    r.member_check = options.value("member_check", false);
    r.split_by = options.value("split_by", std::vector<std::string>{});
    r.include_interviewer = options.value("include_interviewer", false);
    return r;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // a value of the wrong type: not ours
  }
}

enum class Disk { missing, same, differs };

// Compares each rendered output with its file in out/ piece by piece as it is rendered, so
// that a large report is held neither whole nor twice (SPEC §13). Missing as fs::read_file()
// sees it: absent, unreadable, a folder or a special file. Never fails: a difference is a finding.
class DiskComparer final : public report::OutputWriter {
 public:
  explicit DiskComparer(std::filesystem::path out_dir) : out_dir_(std::move(out_dir)) {}

  Status begin(const std::string& path) override {
    path_ = path;
    // Only an ordinary file is opened: a named pipe put in out/ must not block verify.
    std::error_code ec;
    const bool regular = std::filesystem::is_regular_file(out_dir_ / path, ec);
    in_ = regular ? std::ifstream(out_dir_ / path, std::ios::binary) : std::ifstream();
    const bool missing = !regular || !in_;
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

// What `condense` was run with, unless the command line says otherwise.
CondenseOptions with_recorded(CondenseOptions o, const Recorded& r) {
  if (!o.stage_given && r.stage == "final") o.report.stage = report::Stage::final;
  if (!o.format_given && r.xlsx) o.report.xlsx = true;
  if (!o.format_given && r.docx) o.report.docx = true;
  if (!o.member_check_given && r.member_check) o.report.member_check = true;
  if (!o.split_given) o.report.split_by = r.split_by;
  auto& load = o.report.load;
  if (load.round.empty()) load.round = r.round;
  if (load.coder.empty()) load.coder = r.coder;
  if (r.include_interviewer) load.include_interviewer = true;
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

// Files in out/ that manifest.json does not list (an old matrices.xlsx, a file put there by
// hand). After `condense --round R` the other rounds' folders and the cross-round files were
// kept from an earlier run and are not this run's outputs: they are left out of the search.
std::vector<std::string> unlisted_files(const loader::Study& study, const Recorded& recorded) {
  const auto out_dir = study.root / study.manifest.output;
  std::set<std::string> excused = {"manifest.json"};
  if (!recorded.round.empty()) {
    for (const char* name : kCrossRoundFiles) excused.insert(name);
    for (const auto& spec : study.manifest.rounds) {
      if (spec.id != recorded.round) excused.insert(spec.id);
    }
  }
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(out_dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    const std::string rel = fs::relative_to(out_dir, it->path());
    if (excused.count(rel) > 0) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec) && !it->is_symlink(ec)) continue;
    if (recorded.outputs.count(rel) == 0) out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// How a run was dated, for the message that only the date differs.
std::string describe_date(const std::string& date) {
  return date.empty() ? tr("not set") : format(tr("set to a time on {1}"), {date});
}

int run_verify(const Globals& g, const CondenseOptions& given) {
  if (!round_exists(g, given.report.load.round)) return kUsage;
  const auto manifest_path = std::filesystem::path(g.dir) / output_folder(g) / "manifest.json";
  const auto manifest_bytes = fs::read_file(manifest_path);
  const std::optional<Recorded> recorded =
      manifest_bytes ? parse_recorded(*manifest_bytes) : std::nullopt;
  const CondenseOptions o = recorded ? with_recorded(given, *recorded) : given;
  int code = kOk;
  const auto study = load_valid(g, o.report.load, code);
  if (!study) return code;
  auto options = o.report;
  options.version = IPCODE_VERSION;
  const auto date = date_from_environment();
  options.date = date.value_or("");
  // A different SOURCE_DATE_EPOCH changes the date in the outputs and nothing else: compare
  // with the date condense used, and say so, rather than call every report changed.
  std::optional<std::string> other_date;
  if (recorded && recorded->date != options.date) {
    other_date = options.date;
    options.date = recorded->date;
  }
  std::size_t files = 0;
  auto output_problems = compare_outputs(*study, options, files);
  std::vector<std::string> problems;

  const std::string shown_manifest = study->manifest.output + "/manifest.json";
  if (manifest_bytes && !recorded) {
    problems.push_back(
        format(tr("{1} is not a manifest written by ipcode condense"), {shown_manifest}));
  }
  if (recorded) {
    for (const auto& [path, hash] : study->input_hashes) {
      auto it = recorded->inputs.find(path);
      if (it == recorded->inputs.end())
        problems.push_back(format(tr("new input, not in manifest.json: {1}"), {path}));
      else if (it->second != hash)
        problems.push_back(format(tr("input changed since condense: {1}"), {path}));
    }
    for (const auto& [path, hash] : recorded->inputs) {
      if (study->input_hashes.count(path) == 0)
        problems.push_back(format(tr("input gone since condense: {1}"), {path}));
    }
    for (const auto& rel : unlisted_files(*study, *recorded)) {
      problems.push_back(format(tr("not written by condense (manifest.json does not list it): {1}"),
                                {study->manifest.output + "/" + rel}));
    }
  }
  for (auto& [rel, problem] : output_problems) problems.push_back(std::move(problem));
  if (other_date) {
    const auto was = describe_date(recorded->date);
    const auto now = describe_date(*other_date);
    problems.push_back(problems.empty()
                           ? format(tr("the outputs differ only in the date: SOURCE_DATE_EPOCH "
                                       "was {1} for condense and is {2} now; run verify with "
                                       "the same SOURCE_DATE_EPOCH as condense"),
                                    {was, now})
                           : format(tr("the date differs too: SOURCE_DATE_EPOCH was {1} for "
                                       "condense and is {2} now"),
                                    {was, now}));
  }
  for (const auto& p : problems) std::cout << p << '\n';
  if (!problems.empty()) {
    std::cerr << format(
                     trn("{1} difference; run 'ipcode condense' again, or find out what changed",
                         "{1} differences; run 'ipcode condense' again, or find out what changed",
                         static_cast<long>(problems.size())),
                     {std::to_string(problems.size())})
              << '\n';
    return kProblems;
  }
  if (!g.quiet) {
    if (recorded && !recorded->round.empty()) {
      std::cerr << format(tr("ipcode: condense ran with --round {1}: the other rounds' folders "
                             "and the cross-round files were kept from an earlier run and are "
                             "not checked"),
                          {recorded->round})
                << '\n';
    }
    std::cout << format(tr("All {1} output files match the inputs."), {std::to_string(files)})
              << '\n';
  }
  return kOk;
}

}  // namespace

void setup_verify(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<CondenseOptions>();
  auto* cmd = app.add_subcommand(
      "verify", tr("Re-run condense in memory and compare with the output folder"));
  add_condense_options(*cmd, *opts);
  cmd->callback(
      [&ctx, opts] { ctx.action = [&ctx, opts] { return run_verify(ctx.globals, *opts); }; });
}

}  // namespace ipcode::cli
