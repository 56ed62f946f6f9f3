// Private to src/cli: a plain-text table aligned by display width (UTF-8 aware).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ipcode::cli {

class Table {
 public:
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  /// Prints the rows with the first column left-aligned and the others right-aligned,
  /// `indent` spaces in front, two spaces between columns.
  void print(std::ostream& out, int indent) const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace ipcode::cli
