// `ipcode export --qdc FILE` / `--qdpx FILE [--round R]`: the codebook and the study in the
// REFI-QDA exchange format, for NVivo, ATLAS.ti, MAXQDA and QualCoder (SPEC §12).
#include "cli/common.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/refi/refi.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <system_error>

namespace ipcode::cli {
namespace {

namespace stdfs = std::filesystem;

struct ExportArgs {
  std::string qdc;
  std::string qdpx;
  loader::Options load;
};

stdfs::path canonical_or_self(const stdfs::path& p) {
  std::error_code ec;
  auto c = stdfs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal() : c;
}

// Every file the study reads: an export must never replace one of them (SPEC §7).
std::set<stdfs::path> inputs_of(const loader::Study& study) {
  std::set<stdfs::path> out;
  const auto add = [&](const std::string& rel) {
    if (!rel.empty()) out.insert(canonical_or_self(study.root / rel));
  };
  add(study.manifest.file);
  add("log.md");
  for (const auto& f : study.manifest.codebooks) add(f);
  for (const auto& r : study.rounds) {
    for (const auto& f : r.codebook.files) add(f);
    for (const auto& t : r.transcripts) add(t.path);
    for (const auto& c : r.coding) add(c.path);
    add(r.condensation.path);
  }
  for (const auto& [path, hash] : study.input_hashes) add(path);
  return out;
}

int write_export(const std::string& file, const std::string& bytes,
                 const std::set<stdfs::path>& inputs, const Globals& g) {
  const stdfs::path target = canonical_or_self(stdfs::absolute(file));
  if (inputs.count(target) != 0) {
    print_error(format(tr("{1} is a file of the study; ipcode never overwrites its inputs: name "
                          "another file"),
                       {file}));
    return kCantCreate;
  }
  std::error_code ec;
  if (stdfs::is_directory(target, ec)) {
    print_error(
        format(tr("{1} is a folder; name the file to write, such as {1}/study.qdpx"), {file}));
    return kCantCreate;
  }
  if (auto st = fs::write_atomic(file, bytes); !st) {
    print_error(st.error().message);
    return kCantCreate;
  }
  if (!g.quiet) std::cout << format(tr("Wrote {1}"), {file}) << '\n';
  return kOk;
}

int run_export(const Globals& g, const ExportArgs& a) {
  if (a.qdc.empty() && a.qdpx.empty()) {
    print_error(tr("say what to export: --qdc FILE (the codebook) or --qdpx FILE (the study)"));
    return kUsage;
  }
  if (!round_exists(g, a.load.round)) return kUsage;
  loader::Options options = a.load;
  options.hash_inputs = false;
  int code = kOk;
  const auto study = load_valid(g, options, code);
  if (!study) return code;
  if (study->rounds.empty()) {
    print_error(tr("the study has no rounds to export"));
    return kDataErr;
  }
  refi::Options o;
  o.origin = std::string("ipcode ") + IPCODE_VERSION;
  o.lang = i18n::normalise_language(study->manifest.language);
  const auto inputs = inputs_of(*study);

  if (!a.qdc.empty()) {
    // The codebook of the round asked for, else of the last round.
    const auto& cb = study->rounds.back().codebook;
    const std::string bytes = refi::codebook_qdc(cb, o);
    if (bytes.empty()) {
      print_error(tr("the codebook has no themes, groups or subgroups to export"));
      return kDataErr;
    }
    if (const int rc = write_export(a.qdc, bytes, inputs, g); rc != kOk) return rc;
  }
  if (!a.qdpx.empty()) {
    const refi::CoderCodes coders = refi::coder_codes(*study, options);
    o.coders = &coders;
    auto bytes = refi::project_qdpx(*study, o);
    if (!bytes) {
      print_error(bytes.error().message);
      return kSoftware;
    }
    if (const int rc = write_export(a.qdpx, *bytes, inputs, g); rc != kOk) return rc;
  }
  return kOk;
}

}  // namespace

void setup_export(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand(
      "export",
      tr("Export the codebook or the study for NVivo, ATLAS.ti, MAXQDA or QualCoder (REFI-QDA)"));
  cmd->add_option("--qdc", args->qdc, tr("Write the codebook to FILE (.qdc)"))
      ->type_name(tr("FILE"));
  cmd->add_option("--qdpx", args->qdpx,
                  tr("Write the study to FILE (.qdpx): transcripts, units, codes, notes"))
      ->type_name(tr("FILE"));
  cmd->add_option("--round", args->load.round,
                  tr("Export only this round (default: every round; the codebook of the last)"));
  cmd->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return run_export(ctx.globals, *args); }; });
}

}  // namespace ipcode::cli
