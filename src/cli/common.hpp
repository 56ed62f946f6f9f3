// Private to src/cli: what every command shares (global options, exit codes, printing).
#pragma once

#include "ipcode/base/diagnostic.hpp"
#include "ipcode/base/result.hpp"
#include "ipcode/loader/study.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace ipcode::cli {

// SPEC §7.
enum Exit : int {
  kOk = 0,
  kProblems = 1,
  kUsage = 2,
  kDataErr = 65,
  kNoInput = 66,
  kSoftware = 70,
  kCantCreate = 73,
};

struct Globals {
  std::string dir = ".";
  std::string lang;
  bool quiet = false;
  int verbose = 0;
};

/// Each command registers itself on the app and sets `action` when it is chosen.
struct Context {
  Globals globals;
  std::function<int()> action;
};

void setup_check(CLI::App& app, Context& ctx);
void setup_status(CLI::App& app, Context& ctx);
void setup_codebook(CLI::App& app, Context& ctx);
void setup_condense(CLI::App& app, Context& ctx);
void setup_verify(CLI::App& app, Context& ctx);
void setup_init(CLI::App& app, Context& ctx);
void setup_log(CLI::App& app, Context& ctx);
void setup_kwic(CLI::App& app, Context& ctx);
void setup_terms(CLI::App& app, Context& ctx);
void setup_anon(CLI::App& app, Context& ctx);
void setup_suggest(CLI::App& app, Context& ctx);
void setup_agree(CLI::App& app, Context& ctx);
void setup_import(CLI::App& app, Context& ctx);
void setup_export(CLI::App& app, Context& ctx);
void setup_schema(CLI::App& app, Context& ctx);

/// Lets `opt` take only one of `values` (each, for a list), shown in --help as `a|b|c`; a
/// wrong value is refused with a message in the message language.
void one_of(CLI::Option* opt, const std::vector<std::string>& values);

/// Where DIR (a command's -o) points, relative to the study ('/'-separated; "" for the study
/// itself), or nullopt when it leaves the study: ipcode writes only inside it. DIR is relative
/// to the current folder, as in a shell.
std::optional<std::string> inside_study(const std::string& root, const std::string& dir);

/// Prints diagnostics to stderr (sorted, GNU style), honouring -q (errors only).
void print_diagnostics(Diagnostics& diags, const Globals& g);
/// The summary line: "2 errors, 1 warning" in the message language.
std::string summary(const Diagnostics& diags);
/// 66 when an input is missing, 65 for other errors, 0 when there are none.
int exit_for(const Diagnostics& diags);
/// Hands the loader's freed temporary memory (file bytes, YAML trees, per-thread lists) back
/// to the system before the large reports are rendered, so that it does not add to the peak
/// (SPEC §13). glibc only; elsewhere nothing to do.
void release_free_memory();

/// Runs a command's action: anything it throws is a bug in ipcode, said as such in one line
/// (never a stack trace) with exit 70, whatever was thrown.
int run_action(const std::function<int()>& action);

/// Prints a one-line error to stderr: "ipcode: error: ...".
void print_error(const std::string& message);

/// Loads the study for a command that needs a valid one: prints the diagnostics (warnings
/// only with -v) and sets `code` to 65/66 when there are errors.
std::optional<loader::Study> load_valid(const Globals& g, const loader::Options& options,
                                        int& code);
/// load_valid() of the manifest and transcripts only, with no input hashes: what the step 1–2
/// aids that search the text (kwic, terms) read, so that a mistake in a coding file or the
/// codebook does not stop a search.
std::optional<loader::Study> load_transcripts(const Globals& g, loader::Options options, int& code);

/// The study's manifest, read and parsed as the loader does (BOM, Windows-1252), for commands
/// that need it before or without loading the whole study; nullopt when it cannot be read.
std::optional<study::Manifest> read_manifest(const Globals& g, Diagnostics& diags);

/// The study's output folder as the manifest names it ("out" when it cannot be read).
std::string output_folder(const Globals& g);

/// Checks that --round names a round of the study's manifest; prints a usage error if not.
bool round_exists(const Globals& g, const std::string& round);

}  // namespace ipcode::cli
