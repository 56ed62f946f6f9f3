#include "cli/table.hpp"

#include "ipcode/text/text.hpp"

#include <algorithm>

namespace ipcode::cli {

void Table::print(std::ostream& out, int indent) const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], text::length(row[c]));
  }
  for (const auto& row : rows_) {
    std::string line(static_cast<std::size_t>(indent), ' ');
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(widths[c] - text::length(row[c]), ' ');
      if (c > 0) line += "  ";
      line += c == 0 ? row[c] + (c + 1 < row.size() ? pad : "") : pad + row[c];
    }
    out << line << '\n';
  }
}

}  // namespace ipcode::cli
