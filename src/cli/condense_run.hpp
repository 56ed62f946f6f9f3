// Private to src/cli: what `condense` and `verify` share (options, the in-memory run).
#pragma once

#include "ipcode/report/report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ipcode::cli {

struct CondenseOptions {
  report::Options report;
  bool write_drafts = false;
  bool stage_given = false;   // --stage was on the command line
  bool format_given = false;  // --format was on the command line
  bool split_given = false;   // --split-by was on the command line
  bool allow_anon = false;    // --allow-anon: --stage final even with anon findings in quotes
  /// --member-check was on the command line.
  bool member_check_given = false;
};

/// The outputs across rounds (SPEC §10), which `condense --round R` neither writes nor
/// removes.
inline constexpr const char* kCrossRoundFiles[] = {"rounds.csv", "report.html"};

/// --round, --coder, --include-interviewer, --format, --stage, --split-by, --member-check.
void add_condense_options(CLI::App& cmd, CondenseOptions& o);

/// YYYY-MM-DD (UTC) from SOURCE_DATE_EPOCH; "" when unset; nullopt when it is not a number.
std::optional<std::string> date_from_environment();

std::vector<condense::RoundAnalysis> analyse_all(const loader::Study& study,
                                                 const report::Options& options);

}  // namespace ipcode::cli
