#include "cli/common.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

namespace ipcode::cli {

void one_of(CLI::Option* opt, const std::vector<std::string>& values) {
  opt->type_name(join(values, "|"));
  opt->check(CLI::Validator(
      [values](std::string& value) {
        if (std::find(values.begin(), values.end(), value) != values.end()) return std::string();
        return format(tr("'{1}' is not one of {2}"), {value, join(values, ", ")});
      },
      ""));
}

std::optional<std::string> inside_study(const std::string& root, const std::string& dir) {
  namespace stdfs = std::filesystem;
  std::error_code ec;
  const stdfs::path r = stdfs::weakly_canonical(stdfs::absolute(root, ec), ec);
  const stdfs::path d = stdfs::weakly_canonical(stdfs::absolute(dir, ec), ec);
  if (ec) return std::nullopt;
  const stdfs::path rel = d.lexically_relative(r);
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  const std::string s = rel.generic_string();
  return s == "." ? std::string() : s;
}

void print_diagnostics(Diagnostics& diags, const Globals& g) {
  diags.sort();
  for (const auto& d : diags.items()) {
    if (g.quiet && d.severity == Severity::warning) continue;
    std::cerr << format_diagnostic(d) << '\n';
  }
}

std::string summary(const Diagnostics& diags) {
  const long errors = static_cast<long>(diags.error_count());
  const long warnings = static_cast<long>(diags.warning_count());
  return format(trn("{1} error", "{1} errors", errors), {std::to_string(errors)}) + ", " +
         format(trn("{1} warning", "{1} warnings", warnings), {std::to_string(warnings)});
}

int exit_for(const Diagnostics& diags) {
  if (diags.has_missing()) return kNoInput;
  if (diags.has_errors()) return kDataErr;
  return kOk;
}

void release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

int run_action(const std::function<int()>& action) {
  const auto internal = [](const std::string& what) {
    print_error(format(tr("internal error (a bug in ipcode, not in your files): {1}. Please "
                          "report it with the command you ran."),
                       {what}));
    return kSoftware;
  };
  try {
    return action();
  } catch (const std::exception& e) {
    return internal(e.what());
  } catch (...) {
    // Something thrown that is not a std::exception: still a bug, still no stack trace.
    return internal(tr("an unknown exception"));
  }
}

void print_error(const std::string& message) { std::cerr << "ipcode: error: " << message << '\n'; }

std::optional<loader::Study> load_valid(const Globals& g, const loader::Options& options,
                                        int& code) {
  Diagnostics diags;
  auto study = loader::load(g.dir, options, diags);
  code = exit_for(diags);
  if (code != kOk) {
    print_diagnostics(diags, g);
    std::cerr << summary(diags) << '\n';
    print_error(tr("the study has errors; run 'ipcode check' and correct them first"));
    return std::nullopt;
  }
  if (g.verbose > 0) print_diagnostics(diags, g);
  return study;
}

std::optional<loader::Study> load_transcripts(const Globals& g, loader::Options options,
                                              int& code) {
  options.scope = loader::Scope::transcripts;
  options.hash_inputs = false;
  return load_valid(g, options, code);
}

std::optional<study::Manifest> read_manifest(const Globals& g, Diagnostics& diags) {
  const auto bytes = fs::read_inside(g.dir, study::kManifestName);
  if (!bytes) return std::nullopt;
  return study::parse_manifest(text::decode(*bytes).utf8, study::kManifestName, diags);
}

std::string output_folder(const Globals& g) {
  Diagnostics ignored;
  const auto m = read_manifest(g, ignored);
  return m ? m->output : "out";
}

bool round_exists(const Globals& g, const std::string& round) {
  if (round.empty()) return true;
  Diagnostics ignored;
  const auto m = read_manifest(g, ignored);
  if (!m) return true;  // the loader reports the missing manifest
  std::vector<std::string> ids;
  for (const auto& r : m->rounds) ids.push_back(r.id);
  if (std::find(ids.begin(), ids.end(), round) != ids.end()) return true;
  print_error(format(tr("there is no round '{1}'; the study has: {2}"), {round, join(ids, ", ")}));
  return false;
}

}  // namespace ipcode::cli
