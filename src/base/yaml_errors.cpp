// Syntax errors a student can act on: yaml-cpp's messages are English parser jargon ("end of
// map not found") and its mark is often on the line after the mistake. explain() looks at the
// text itself and says, in the message language, what is wrong on which line and what to do.
#include "yaml_errors.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

#include <yaml-cpp/exceptions.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::yaml {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    start = end + 1;
  }
  return out;
}

// 0-based index of the first character that is neither space nor tab (size() if none).
std::size_t indent_of(std::string_view line) {
  const auto p = line.find_first_not_of(" \t");
  return p == std::string_view::npos ? line.size() : p;
}

bool blank_or_comment(std::string_view line) {
  const auto i = indent_of(line);
  return i == line.size() || line[i] == '#';
}

// 0-based column where the value of `key: value` or `- value` starts on this line.
std::size_t value_start(std::string_view line) {
  std::size_t i = indent_of(line);
  while (i != std::string_view::npos && i + 1 < line.size() && line[i] == '-' &&
         line[i + 1] == ' ') {
    i = line.find_first_not_of(' ', i + 1);
  }
  if (i == std::string_view::npos) return line.size();
  const auto colon = line.find(": ", i);
  const bool quoted_key = i < line.size() && (line[i] == '"' || line[i] == '\'');
  if (colon != std::string_view::npos && !quoted_key) {
    const auto v = line.find_first_not_of(' ', colon + 1);
    return v == std::string_view::npos ? line.size() : v;
  }
  return i;
}

// Where the text in quotes that starts at text[from] ('"' or '\'') is closed (npos: never).
std::size_t quote_end(std::string_view text, std::size_t from) {
  const char q = text[from];
  for (std::size_t i = from + 1; i < text.size(); ++i) {
    if (q == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == q) {
      if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
      } else {
        return i;
      }
    }
  }
  return std::string_view::npos;
}

bool closed_at(std::string_view text, std::size_t from) {
  return quote_end(text, from) != std::string_view::npos;
}

std::string unclosed_advice() {
  return tr("unclosed quote: the text in quotes that starts here has no closing quote mark");
}

// The key written on this line (`  - quote: ...` gives "quote"), else "quote".
std::string key_on(std::string_view line) {
  std::size_t i = indent_of(line);
  while (i != std::string_view::npos && i + 1 < line.size() && line[i] == '-' &&
         line[i + 1] == ' ') {
    i = line.find_first_not_of(' ', i + 1);
  }
  const auto colon = i == std::string_view::npos ? i : line.find(": ", i);
  if (colon == std::string_view::npos || colon == i) return "quote";
  const auto key = line.substr(i, colon - i);
  return key.find_first_of("\"'[]{}#") == std::string_view::npos ? std::string(key) : "quote";
}

std::string quote_advice(std::string_view line) {
  return format(tr("a text that starts with [, {, *, &, !, |, >, @ or ` or contains ': ' must be "
                   "in quotes or written as a block (write '{1}: >-' and the text on the next "
                   "lines, indented)"),
                {key_on(line)});
}

std::string indent_advice() {
  return tr(
      "this line's indentation does not match the lines above: keys of one map start in "
      "the same column, and what belongs to a key is indented further than the key");
}

// The last line at or before `from` (0-based) whose value opens `open` without closing it.
int unclosed_opening(const std::vector<std::string_view>& lines, int from, char open, char close) {
  for (int l = std::min(from, static_cast<int>(lines.size()) - 1); l >= 0; --l) {
    const auto line = lines[static_cast<std::size_t>(l)];
    int depth = 0;
    for (const char c : line.substr(value_start(line))) {
      if (c == open) ++depth;
      if (c == close) --depth;
    }
    if (depth > 0) return l;
  }
  return -1;
}

}  // namespace

Explained explain(std::string_view text, const std::string& what, int err_line, int err_col) {
  const auto lines = split_lines(text);
  const int last = static_cast<int>(lines.size()) - 1;
  const int el = std::clamp(err_line, 0, std::max(last, 0));  // 0-based line of yaml-cpp's mark
  const auto line_at = [&](int l) {
    return lines.empty() ? std::string_view() : lines[static_cast<std::size_t>(l)];
  };
  const auto at = [](int l, std::size_t c, std::string m) {
    return Explained{l + 1, static_cast<int>(c) + 1, std::move(m)};
  };

  // A tab in the indentation of any line up to the error (yaml-cpp may stumble a line later).
  for (int l = 0; l <= std::min(el + 1, last); ++l) {
    const auto line = line_at(l);
    const auto tab = line.substr(0, indent_of(line)).find('\t');
    if (tab != std::string_view::npos && !blank_or_comment(line)) {
      return at(l, tab, tr("tab characters are not allowed for indentation in YAML; use spaces"));
    }
  }
  const auto line = line_at(el);
  const auto first = indent_of(line);
  const auto value = value_start(line);
  const auto starts_with = [&](std::string_view s) { return what.rfind(s, 0) == 0; };

  if (starts_with(YAML::ErrorMsg::END_OF_SEQ_FLOW) ||
      starts_with(YAML::ErrorMsg::END_OF_MAP_FLOW)) {
    const bool seq = starts_with(YAML::ErrorMsg::END_OF_SEQ_FLOW);
    const int open = unclosed_opening(lines, el, seq ? '[' : '{', seq ? ']' : '}');
    const int l = open >= 0 ? open : el;
    return at(l, value_start(line_at(l)),
              seq ? tr("'[' starts a list that is not closed with ']' on this line; close it, or "
                       "put a text that starts with '[' in quotes")
                  : tr("'{' starts a mapping that is not closed with '}' on this line; close it, "
                       "or put a text that starts with '{' in quotes"));
  }
  if (starts_with(YAML::ErrorMsg::EOF_IN_SCALAR) ||
      starts_with(YAML::ErrorMsg::SINGLE_QUOTED_CHAR)) {
    for (int l = std::min(el, last); l >= 0; --l) {
      const auto v = value_start(line_at(l));
      if (v < line_at(l).size() && (line_at(l)[v] == '"' || line_at(l)[v] == '\'')) {
        return at(l, v, unclosed_advice());
      }
    }
    return at(el, first, tr("unclosed quote: a text in quotes has no closing quote mark"));
  }
  if (starts_with(YAML::ErrorMsg::INVALID_ESCAPE) || starts_with(YAML::ErrorMsg::INVALID_HEX) ||
      starts_with(YAML::ErrorMsg::INVALID_UNICODE)) {
    const auto slash = line.rfind('\\', static_cast<std::size_t>(std::max(err_col, 0)));
    return at(el, slash == std::string_view::npos ? first : slash,
              tr("a backslash in a text in double quotes starts an escape such as \\n; write "
                 "\\\\ for a backslash, or use single quotes"));
  }
  if (starts_with(YAML::ErrorMsg::TAB_IN_INDENTATION)) {
    return at(el, first, tr("tab characters are not allowed for indentation in YAML; use spaces"));
  }
  if (starts_with(YAML::ErrorMsg::MAP_VALUE)) {
    // "key: text: more" on one line: the value holds ': '. Otherwise the line is not where a
    // key may stand: wrong indentation, or the line above has no ':'.
    const auto col = static_cast<std::size_t>(std::max(err_col, 0));
    if (value > first && value < col && line.substr(value).find(':') != std::string_view::npos) {
      return at(el, value, quote_advice(line));
    }
    for (int l = el - 1; l >= 0; --l) {
      const auto above = line_at(l);
      if (blank_or_comment(above)) continue;
      if (indent_of(above) == first && above.find(':') == std::string_view::npos &&
          above.substr(indent_of(above)).rfind("- ", 0) != 0) {
        return at(l, indent_of(above),
                  tr("this line has no ':' after its key; write 'key: value'"));
      }
      break;
    }
    return at(el, first, indent_advice());
  }
  if (starts_with(YAML::ErrorMsg::END_OF_MAP) || starts_with(YAML::ErrorMsg::END_OF_SEQ) ||
      starts_with(YAML::ErrorMsg::BLOCK_ENTRY) || starts_with(YAML::ErrorMsg::MAP_KEY)) {
    const auto col = static_cast<std::size_t>(std::max(err_col, 0));
    if (col > first && value < line.size()) {
      // Something follows a closed [..], {..}, "..." or '...' on the same line.
      const char c = line[value];
      if (c == '"' || c == '\'') {
        // A quote left open on a line above runs on to this line's first quote mark.
        std::vector<std::size_t> starts = {0};
        for (std::size_t i = 0; i < text.size(); ++i) {
          if (text[i] == '\n') starts.push_back(i + 1);
        }
        for (int l = el - 1; l >= 0; --l) {
          const auto above = line_at(l);
          const auto v = value_start(above);
          if (v >= above.size() || (above[v] != '"' && above[v] != '\'')) continue;
          const auto end = quote_end(text, starts[static_cast<std::size_t>(l)] + v);
          if (end != std::string_view::npos && end < starts[static_cast<std::size_t>(el)]) break;
          return at(l, v, unclosed_advice());
        }
        return at(el, value,
                  tr("the text in quotes ends at the second quote mark, but more "
                     "follows; inside '...' write an apostrophe as '' (two), inside "
                     "\"...\" write \\\", or write the text as a block (quote: >-)"));
      }
      return at(el, value, quote_advice(line));
    }
    if (line.substr(first).rfind("- ", 0) == 0 || line.substr(first) == "-") {
      return at(el, first,
                tr("a list item '- ' where a key was expected: indent it under the key "
                   "whose list it belongs to, or remove the '- '"));
    }
    return at(el, first, indent_advice());
  }
  if (starts_with(YAML::ErrorMsg::UNKNOWN_ANCHOR) || starts_with(YAML::ErrorMsg::ALIAS_NOT_FOUND) ||
      starts_with(YAML::ErrorMsg::ANCHOR_NOT_FOUND) || starts_with(YAML::ErrorMsg::CHAR_IN_ALIAS) ||
      starts_with(YAML::ErrorMsg::CHAR_IN_ANCHOR) || starts_with(YAML::ErrorMsg::UNKNOWN_TOKEN) ||
      starts_with(YAML::ErrorMsg::CHAR_IN_BLOCK) ||
      starts_with(YAML::ErrorMsg::CHAR_IN_TAG_HANDLE) ||
      starts_with(YAML::ErrorMsg::TAG_WITH_NO_SUFFIX) ||
      starts_with(YAML::ErrorMsg::CHAR_IN_SCALAR) ||
      starts_with(YAML::ErrorMsg::ZERO_INDENT_IN_BLOCK) || starts_with(YAML::ErrorMsg::FLOW_END)) {
    return at(el, value, quote_advice(line));
  }
  return at(el, static_cast<std::size_t>(std::max(err_col, 0)),
            tr("this line cannot be read as YAML; check the indentation (spaces, not tabs), the "
               "': ' after each key, and quotes around texts with special characters"));
}

bool quote_closed(std::string_view text, std::size_t from) { return closed_at(text, from); }

std::string unclosed_quote_advice() { return unclosed_advice(); }

Explained explain_odd_value(std::string_view text, int line) {
  const auto lines = split_lines(text);
  const auto l = static_cast<std::size_t>(std::clamp(line, 0, static_cast<int>(lines.size()) - 1));
  return {static_cast<int>(l) + 1, static_cast<int>(value_start(lines[l])) + 1,
          quote_advice(lines[l])};
}

}  // namespace ipcode::yaml
