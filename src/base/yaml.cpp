// The only file that sees yaml-cpp: it converts yaml-cpp's tree into ipcode::yaml::Node with
// 1-based marks, so that every loader can report `file:line:col`.
#include "ipcode/base/yaml.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace ipcode::yaml {
namespace {

// Builds ipcode's tree straight from the parser's events: no yaml-cpp node graph in between
// (it costs more than the scanning itself on large coding files).
class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(int line_offset) : line_offset_(line_offset) {}

  Node take() { return std::move(root_); }
  /// Where a value starts with '&' or '!' (YAML anchors and tags, which ipcode files never
  /// use): almost always a quote that should have been in quotes, silently cut by YAML.
  const std::optional<YAML::Mark>& odd_value() const { return odd_; }
  /// The last scalar of the document, if it was written in quotes: yaml-cpp accepts a quote
  /// that is never closed when it runs to the end of the file.
  std::optional<YAML::Mark> last_quoted() const {
    return last_quoted_ ? std::optional<YAML::Mark>(last_scalar_) : std::nullopt;
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(make(Node::Kind::null, mark), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    Node copy = it == anchors_.end() ? make(Node::Kind::null, mark) : it->second;
    copy.mark = at(mark);
    add(std::move(copy), YAML::NullAnchor);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    note(mark, tag, anchor);
    last_scalar_ = mark;
    last_quoted_ = tag == "!";
    Node n = make(Node::Kind::scalar, mark);
    n.scalar = value;
    add(std::move(n), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    note(mark, tag, anchor);
    open(make(Node::Kind::sequence, mark), anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    note(mark, tag, anchor);
    open(make(Node::Kind::map, mark), anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    Node node;
    YAML::anchor_t anchor;
    bool have_key = false;
    Node key;
  };

  void note(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    const bool tagged = !tag.empty() && tag != "?" && tag != "!";
    if (!odd_ && (tagged || anchor != YAML::NullAnchor)) odd_ = mark;
  }
  Mark at(const YAML::Mark& m) const { return {m.line + 1 + line_offset_, m.column + 1}; }
  Node make(Node::Kind kind, const YAML::Mark& mark) const {
    Node n;
    n.kind = kind;
    n.mark = at(mark);
    return n;
  }
  void open(Node n, YAML::anchor_t anchor) { stack_.push_back({std::move(n), anchor, false, {}}); }
  void close() {
    Open top = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(top.node), top.anchor);
  }
  // Puts a finished node into its parent: a sequence item, a map key, or a map value.
  void add(Node n, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = n;
    if (stack_.empty()) {
      root_ = std::move(n);
      return;
    }
    Open& parent = stack_.back();
    if (parent.node.kind == Node::Kind::sequence) {
      parent.node.items.push_back(std::move(n));
    } else if (!parent.have_key) {
      parent.key = std::move(n);
      parent.have_key = true;
    } else {
      parent.node.entries.push_back(Node::Entry{std::move(parent.key), std::move(n)});
      parent.have_key = false;
    }
  }

  int line_offset_;
  Node root_;
  std::vector<Open> stack_;
  std::map<YAML::anchor_t, Node> anchors_;
  std::optional<YAML::Mark> odd_;
  YAML::Mark last_scalar_;
  bool last_quoted_ = false;
};

std::string where(const Node& n) { return std::to_string(n.mark.line); }

// ---- Syntax errors a student can act on ----------------------------------------------------
// yaml-cpp's messages are English parser jargon ("end of map not found") and its mark is often
// on the line after the mistake. explain() looks at the text itself and says, in the message
// language, what is wrong on which line and what to do.

struct Explained {
  int line = 1;  // 1-based, within `text`
  int col = 1;
  std::string message;
};

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

bool quote_closed(std::string_view text, std::size_t from) {
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

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.is_scalar() && k.scalar == key) return &v;
  }
  return nullptr;
}

bool parse(std::string_view text, std::string_view origin, Node& out, Diagnostics& diags,
           int line_offset) {
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    TreeBuilder builder(line_offset);
    out = parser.HandleNextDocument(builder) ? builder.take() : Node{};
    if (out.is_null()) out = Node{};
    if (const auto q = builder.last_quoted();
        q && q->pos >= 0 && static_cast<std::size_t>(q->pos) < text.size() &&
        (text[static_cast<std::size_t>(q->pos)] == '"' ||
         text[static_cast<std::size_t>(q->pos)] == '\'') &&
        !quote_closed(text, static_cast<std::size_t>(q->pos))) {
      diags.error(std::string(origin), q->line + 1 + line_offset, q->column + 1,
                  format(tr("YAML syntax error: {1}"), {unclosed_advice()}));
      out = Node{};
      return false;
    }
    if (const auto& odd = builder.odd_value()) {
      const auto lines = split_lines(text);
      const auto l =
          static_cast<std::size_t>(std::clamp(odd->line, 0, static_cast<int>(lines.size()) - 1));
      diags.error(std::string(origin), static_cast<int>(l) + 1 + line_offset,
                  static_cast<int>(value_start(lines[l])) + 1,
                  format(tr("YAML syntax error: {1}"), {quote_advice(lines[l])}));
      out = Node{};
      return false;
    }
    return true;
  } catch (const YAML::Exception& e) {
    const auto why = explain(text, e.msg, e.mark.line, e.mark.column);
    diags.error(std::string(origin), why.line + line_offset, why.col,
                format(tr("YAML syntax error: {1}"), {why.message}));
    return false;
  }
}

std::map<std::string, const Node*> read_keys(const Node& map, const std::vector<Key>& keys,
                                             std::string_view what, std::string_view file,
                                             Diagnostics& diags) {
  std::map<std::string, const Node*> out;
  if (!map.is_map()) {
    diags.error(std::string(file), map.mark.line, map.mark.col,
                format(tr("{1} must be a mapping of keys and values"), {std::string(what)}));
    return out;
  }
  std::vector<std::string> known;
  for (const auto& k : keys) {
    known.push_back(k.name);
    for (const auto& a : k.aliases) known.push_back(a);
  }
  std::map<std::string, const Node*> seen_at;
  for (const auto& [k, v] : map.entries) {
    const std::string name = k.is_scalar() ? k.scalar : std::string();
    const Key* match = nullptr;
    for (const auto& key : keys) {
      if (key.name == name ||
          std::find(key.aliases.begin(), key.aliases.end(), name) != key.aliases.end()) {
        match = &key;
        break;
      }
    }
    if (match == nullptr) {
      std::string msg = format(tr("unknown key '{1}' in {2}"), {name, std::string(what)});
      if (auto guess = closest(name, known)) {
        msg += format(tr("; did you mean '{1}'?"), {*guess});
      }
      diags.error(std::string(file), k.mark.line, k.mark.col, msg);
      continue;
    }
    if (auto prev = seen_at.find(match->name); prev != seen_at.end()) {
      diags.error(
          std::string(file), k.mark.line, k.mark.col,
          format(tr("key '{1}' is given twice (first on line {2})"), {name, where(*prev->second)}));
      continue;
    }
    seen_at[match->name] = &k;
    out[match->name] = &v;
  }
  return out;
}

std::string as_string(const Node* node, std::string_view file, Diagnostics& diags,
                      std::string fallback) {
  if (node == nullptr || node->is_null()) return fallback;
  if (!node->is_scalar()) {
    diags.error(std::string(file), node->mark.line, node->mark.col,
                tr("expected a single value (text or number) here"));
    return fallback;
  }
  return node->scalar;
}

long as_int(const Node* node, std::string_view file, Diagnostics& diags, long fallback) {
  if (node == nullptr || node->is_null()) return fallback;
  const auto v = node->is_scalar() ? parse_int(node->scalar) : std::nullopt;
  if (!v) {
    diags.error(std::string(file), node->mark.line, node->mark.col,
                format(tr("expected a whole number here, found '{1}'"), {node->scalar}));
    return fallback;
  }
  return *v;
}

bool as_bool(const Node* node, std::string_view file, Diagnostics& diags, bool fallback) {
  if (node == nullptr || node->is_null()) return fallback;
  const std::string v = node->is_scalar() ? ascii_lower(node->scalar) : std::string();
  static const std::set<std::string> yes = {"true", "yes", "ja", "on"};
  static const std::set<std::string> no = {"false", "no", "nei", "off"};
  if (yes.count(v) != 0) return true;
  if (no.count(v) != 0) return false;
  diags.error(std::string(file), node->mark.line, node->mark.col,
              format(tr("expected true or false here, found '{1}'"), {node->scalar}));
  return fallback;
}

std::vector<std::string> as_string_list(const Node* node, std::string_view file,
                                        Diagnostics& diags) {
  std::vector<std::string> out;
  if (node == nullptr || node->is_null()) return out;
  if (node->is_scalar()) {
    out.push_back(node->scalar);
    return out;
  }
  if (!node->is_sequence()) {
    diags.error(std::string(file), node->mark.line, node->mark.col,
                tr("expected a value or a list of values here"));
    return out;
  }
  for (const auto& item : node->items) {
    if (item.is_scalar())
      out.push_back(item.scalar);
    else
      diags.error(std::string(file), item.mark.line, item.mark.col,
                  tr("expected a single value (text or number) in this list"));
  }
  return out;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

}  // namespace ipcode::yaml
