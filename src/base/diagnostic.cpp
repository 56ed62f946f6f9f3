#include "ipcode/base/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace ipcode {

std::string format_diagnostic(const Diagnostic& d) {
  // Always FILE:LINE:COL (SPEC §7), so editors and scripts can parse every line; a problem
  // with a whole file, or with no better place, points at its first line and column.
  std::string out = d.file.empty() ? std::string("ipcode") : d.file;
  out += ':' + std::to_string(d.line > 0 ? d.line : 1);
  out += ':' + std::to_string(d.col > 0 ? d.col : 1);
  out += d.severity == Severity::error ? ": error: " : ": warning: ";
  out += d.message;
  return out;
}

void Diagnostics::error(std::string file, int line, int col, std::string message) {
  add({std::move(file), line, col, Severity::error, std::move(message), Problem::invalid});
}

void Diagnostics::warning(std::string file, int line, int col, std::string message) {
  add({std::move(file), line, col, Severity::warning, std::move(message), Problem::invalid});
}

void Diagnostics::missing(std::string file, std::string message) {
  add({std::move(file), 0, 0, Severity::error, std::move(message), Problem::missing});
}

void Diagnostics::add(Diagnostic d) { items_.push_back(std::move(d)); }

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const auto& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

bool Diagnostics::has_missing() const {
  return std::any_of(items_.begin(), items_.end(), [](const auto& d) {
    return d.severity == Severity::error && d.problem == Problem::missing;
  });
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(b.cause, a.file, a.line, a.col) < std::tie(a.cause, b.file, b.line, b.col);
  });
  // The same problem found twice (e.g. by two rounds sharing a codebook) is printed once.
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [](const Diagnostic& a, const Diagnostic& b) {
                             return std::tie(a.file, a.line, a.col, a.severity, a.message) ==
                                    std::tie(b.file, b.line, b.col, b.severity, b.message);
                           }),
               items_.end());
}

}  // namespace ipcode
