/// Private to base's YAML reading: a yaml-cpp syntax error explained for a student.
#pragma once

#include <string>
#include <string_view>

namespace ipcode::yaml {

struct Explained {
  int line = 1;  // 1-based, within `text`
  int col = 1;
  std::string message;
};

/// What is wrong in `text`, where, and what to do, in the message language. `what` is
/// yaml-cpp's message and `err_line`/`err_col` its 0-based mark; the explanation looks at the
/// text itself, since yaml-cpp's mark is often on the line after the mistake.
Explained explain(std::string_view text, const std::string& what, int err_line, int err_col);

/// Whether the quoted text starting at text[from] ('"' or '\'') is closed: yaml-cpp accepts a
/// quote left open at the end of a file.
bool quote_closed(std::string_view text, std::size_t from);
/// What to do about a quote left open.
std::string unclosed_quote_advice();
/// A value that YAML would silently cut (`&`, `!` at its start) on 0-based line `line`.
Explained explain_odd_value(std::string_view text, int line);

}  // namespace ipcode::yaml
