/// Diagnostics: every data problem found in a study, collected (never just the first) and
/// printed GNU-style `file:line:col: error|warning: message` (SPEC §7). Paths are relative to
/// the study folder; line and col are 1-based; 0 means "not known" and is printed as 1.
/// The words "error"/"warning" stay English in every language so editors can parse them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ipcode {

enum class Severity { warning, error };

/// What kind of problem an error is, so the CLI can choose the exit code (65 or 66).
enum class Problem { invalid, missing };

struct Diagnostic {
  std::string file;
  int line = 0;
  int col = 0;
  Severity severity = Severity::error;
  std::string message;
  Problem problem = Problem::invalid;
  /// A cause that explains other problems (a codebook that cannot be read): printed first.
  bool cause = false;
};

/// Formats one diagnostic as a single line (no trailing newline).
std::string format_diagnostic(const Diagnostic& d);

class Diagnostics {
 public:
  void error(std::string file, int line, int col, std::string message);
  void warning(std::string file, int line, int col, std::string message);
  void missing(std::string file, std::string message);
  void add(Diagnostic d);
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  bool has_missing() const;
  /// Stable order for printing: causes first, then by file, line, column, insertion order.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace ipcode
