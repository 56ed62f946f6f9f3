// The only files that see a YAML library: this one builds ipcode::yaml::Node (1-based marks,
// so that every loader can report `file:line:col`) from the events of libfyaml, a fast
// conforming parser, and falls back to yaml-cpp for any document libfyaml refuses or that
// uses anchors, aliases or tags (which ipcode's files never need): yaml-cpp's messages are the
// ones yaml_errors.cpp explains to a student, so every diagnostic stays as it was. libfyaml
// parses the large coding files about five times faster (docs/decisions.md, "Speed").
#include "ipcode/base/yaml.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "yaml_errors.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <libfyaml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace ipcode::yaml {
namespace {

// Thrown by TreeBuilder when the aliases of a document expand past its limit (a "billion
// laughs" file): parse_reference turns it into one diagnostic.
struct AliasBomb {
  YAML::Mark mark;
  std::size_t limit;
};

// How many nodes aliases may add to one document: 100 per byte of the document, at least
// 10,000 and at most 1,000,000 (ipcode's files need no aliases at all; the limit only keeps
// memory and time bounded before the anchor is reported).
std::size_t alias_limit(std::size_t bytes) {
  return std::clamp<std::size_t>(bytes * 100, 10'000, 1'000'000);
}

std::size_t node_count(const Node& n) {
  std::size_t count = 1;
  for (const auto& item : n.items) count += node_count(item);
  for (const auto& [k, v] : n.entries) count += node_count(k) + node_count(v);
  return count;
}

// Builds ipcode's tree straight from the parser's events: no yaml-cpp node graph in between
// (it costs more than the scanning itself on large coding files).
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(int line_offset, std::size_t alias_limit)
      : line_offset_(line_offset), alias_limit_(alias_limit) {}

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
    // Every alias is a deep copy: count what it adds, and stop before it costs the memory.
    const std::size_t size = it == anchors_.end() ? 1 : anchor_sizes_[anchor];
    expanded_ += size;
    if (expanded_ > alias_limit_) throw AliasBomb{mark, alias_limit_};
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
    if (anchor != YAML::NullAnchor) {
      anchor_sizes_[anchor] = node_count(n);
      anchors_[anchor] = n;
    }
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
  std::map<YAML::anchor_t, std::size_t> anchor_sizes_;
  std::size_t alias_limit_;
  std::size_t expanded_ = 0;
  std::optional<YAML::Mark> odd_;
  YAML::Mark last_scalar_;
  bool last_quoted_ = false;
};

// Builds the same tree as TreeBuilder from libfyaml's events. Returns false (and leaves `out`
// alone) when libfyaml finds an error, or when the document has an anchor, an alias or a tag:
// then yaml-cpp parses it, so that what is reported and how aliases expand stays one rule.
class FastBuilder {
 public:
  explicit FastBuilder(int line_offset) : line_offset_(line_offset) {}

  bool run(std::string_view text, Node& out) {
    text_ = text;
    fy_parse_cfg cfg{};
    // Errors are collected, not printed: yaml-cpp reports them (see above).
    cfg.flags = static_cast<fy_parse_cfg_flags>(
        FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DISABLE_MMAP_OPT | FYPCF_ALLOW_DUPLICATE_KEYS |
        FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE);
    fy_diag_cfg quiet{};
    fy_diag_cfg_default(&quiet);
    quiet.fp = nullptr;
    quiet.output_fn = [](fy_diag*, void*, const char*, std::size_t) {};
    fy_diag* diag = fy_diag_create(&quiet);
    if (diag == nullptr) return false;
    cfg.diag = diag;
    fy_parser* parser = fy_parser_create(&cfg);
    if (parser == nullptr) {
      fy_diag_destroy(diag);
      return false;
    }
    bool ok = fy_parser_set_string(parser, text.data(), text.size()) == 0;
    // One event of look-ahead: an empty value has no place of its own, and yaml-cpp marks it
    // where the next token starts.
    fy_event* ev = ok ? fy_parser_parse(parser) : nullptr;
    bool done = false;
    while (ev != nullptr) {
      fy_event* next =
          ok && !done && ev->type != FYET_STREAM_END ? fy_parser_parse(parser) : nullptr;
      if (ok && !done) ok = handle(ev, next, done);
      fy_parser_event_free(parser, ev);
      ev = next;
    }
    if (fy_parser_get_stream_error(parser)) ok = false;
    fy_parser_destroy(parser);
    fy_diag_destroy(diag);
    if (!ok || !stack_.empty()) return false;
    out = std::move(root_);
    return true;
  }

 private:
  struct Open {
    Node node;
    bool have_key = false;
    Node key;
    bool flow = false;  // written [ ... ] or { ... }
  };

  bool handle(fy_event* ev, fy_event* next, bool& done) {
    switch (ev->type) {
      case FYET_DOCUMENT_END:
        done = true;  // like yaml-cpp's HandleNextDocument: the first document only
        return true;
      case FYET_SCALAR: {
        if (ev->scalar.anchor != nullptr || ev->scalar.tag != nullptr) return false;
        fy_token* value = ev->scalar.value;
        std::size_t len = 0;
        const char* s = value != nullptr ? fy_token_get_text(value, &len) : "";
        if (s == nullptr) return false;
        const std::string_view v(s, len);
        const fy_scalar_style style = value != nullptr ? fy_token_scalar_style(value) : FYSS_PLAIN;
        // yaml-cpp's null: an empty plain value, or ~, null, Null, NULL written plainly.
        if (style == FYSS_PLAIN &&
            (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL")) {
          // An empty value has no place; yaml-cpp marks it at the next token. That is the next
          // event's place for a value in a mapping, but not for an empty list item (the next
          // token is a `-`): such documents go to yaml-cpp.
          const bool empty = value == nullptr || len == 0;
          if (empty && (stack_.empty() || stack_.back().node.kind != Node::Kind::map ||
                        !stack_.back().have_key || stack_.back().flow))
            return false;
          // At the end of a file without a final line break the two disagree on that place.
          if (empty && next != nullptr && next->type != FYET_SCALAR &&
              next->type != FYET_MAPPING_START && next->type != FYET_SEQUENCE_START &&
              (text_.empty() || text_.back() != '\n'))
            return false;
          const fy_mark* m = empty ? mark_of(next) : fy_event_start_mark(ev);
          if (m == nullptr) return false;
          return add(make(Node::Kind::null, *m, 0));
        }
        const fy_mark* m = fy_event_start_mark(ev);
        if (m == nullptr) return false;
        // yaml-cpp marks a quoted scalar at its opening quote and a block scalar at its `|`
        // or `>`; libfyaml at the first character of the text.
        std::optional<std::size_t> at = m->input_pos;
        if (style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED) {
          at = m->input_pos > 0 ? std::optional<std::size_t>(m->input_pos - 1) : std::nullopt;
        } else if (style == FYSS_LITERAL || style == FYSS_FOLDED) {
          at = block_indicator(m->input_pos);
          // Text of a `|` or `>` value must be indented more than its key; libfyaml takes a
          // line at the key's indent as the text, yaml-cpp does not: yaml-cpp reads it.
          if (!stack_.empty() && stack_.back().node.kind == Node::Kind::map &&
              stack_.back().have_key && !block_indented(m->input_pos, stack_.back().key.mark.col))
            return false;
        }
        if (!at) return false;
        Node n =
            make(Node::Kind::scalar, *m, static_cast<long>(*at) - static_cast<long>(m->input_pos));
        // A value on a line after its key must be indented more than the key. libfyaml takes
        // `x:` followed by `text` at the key's column as x's value, yaml-cpp as a second key:
        // such a document goes to yaml-cpp, so the line is still reported as before.
        if (!stack_.empty() && stack_.back().node.kind == Node::Kind::map &&
            stack_.back().have_key) {
          const Mark& key = stack_.back().key.mark;
          if (n.mark.line > key.line && n.mark.col <= key.col) return false;
        }
        n.scalar.assign(v);
        return add(std::move(n));
      }
      case FYET_SEQUENCE_START:
      case FYET_MAPPING_START: {
        const bool seq = ev->type == FYET_SEQUENCE_START;
        if (seq ? (ev->sequence_start.anchor != nullptr || ev->sequence_start.tag != nullptr)
                : (ev->mapping_start.anchor != nullptr || ev->mapping_start.tag != nullptr))
          return false;
        const fy_mark* m = fy_event_start_mark(ev);
        if (m == nullptr) return false;
        const bool flow = m->input_pos < text_.size() &&
                          (text_[m->input_pos] == '[' || text_[m->input_pos] == '{');
        stack_.push_back(
            {make(seq ? Node::Kind::sequence : Node::Kind::map, *m, 0), false, {}, flow});
        return true;
      }
      case FYET_SEQUENCE_END:
      case FYET_MAPPING_END: {
        if (stack_.empty()) return false;
        Open top = std::move(stack_.back());
        stack_.pop_back();
        return add(std::move(top.node));
      }
      case FYET_ALIAS:
        return false;
      default:
        return true;
    }
  }

  static const fy_mark* mark_of(fy_event* ev) {
    if (ev == nullptr) return nullptr;
    const fy_mark* m = fy_event_start_mark(ev);
    return m != nullptr && m->line >= 0 ? m : nullptr;
  }

  // The `|` or `>` of a block scalar whose text starts at `pos` (the line after its header):
  // the first indicator on the header line followed only by indentation and chomping
  // indicators, spaces and a comment.
  std::optional<std::size_t> block_indicator(std::size_t pos) const {
    if (pos == 0 || pos > text_.size()) return std::nullopt;
    std::size_t end = pos - 1;  // the header line's line break
    if (end > 0 && text_[end] == '\n' && text_[end - 1] == '\r') --end;
    const std::size_t nl = text_.rfind('\n', end == 0 ? 0 : end - 1);
    const std::size_t begin = nl == std::string_view::npos || end == 0 ? 0 : nl + 1;
    for (std::size_t i = begin; i < end; ++i) {
      if (text_[i] != '|' && text_[i] != '>') continue;
      std::size_t j = i + 1;
      while (j < end && (std::isdigit(static_cast<unsigned char>(text_[j])) != 0 ||
                         text_[j] == '+' || text_[j] == '-'))
        ++j;
      while (j < end && (text_[j] == ' ' || text_[j] == '\t')) ++j;
      if (j == end ||
          (text_[j] == '#' && j > i + 1 && (text_[j - 1] == ' ' || text_[j - 1] == '\t')))
        return i;
    }
    return std::nullopt;
  }

  // Whether the first line with text from `pos` on is indented past column `key_col` (1-based).
  bool block_indented(std::size_t pos, int key_col) const {
    while (pos < text_.size()) {
      std::size_t indent = 0;
      while (pos + indent < text_.size() && text_[pos + indent] == ' ') ++indent;
      const std::size_t end = pos + indent;
      if (end >= text_.size()) return true;
      if (text_[end] != '\n' && text_[end] != '\r') {
        return static_cast<long>(indent) > static_cast<long>(key_col) - 1;
      }
      pos = text_.find('\n', end);
      if (pos == std::string_view::npos) return true;
      ++pos;
    }
    return true;
  }

  // yaml-cpp counts columns in bytes, libfyaml in characters: the column is taken from the
  // byte offset. `shift` moves the mark back to where yaml-cpp puts it (an opening quote).
  Node make(Node::Kind kind, const fy_mark& m, long shift) const {
    Node n;
    n.kind = kind;
    const std::size_t pos = static_cast<std::size_t>(static_cast<long>(m.input_pos) + shift);
    const std::size_t nl = pos == 0 ? std::string_view::npos : text_.rfind('\n', pos - 1);
    const std::size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
    const int line =
        m.line - static_cast<int>(std::count(text_.begin() + static_cast<long>(pos),
                                             text_.begin() + static_cast<long>(m.input_pos), '\n'));
    n.mark = {line + 1 + line_offset_, static_cast<int>(pos - line_start) + 1};
    return n;
  }

  bool add(Node n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      return true;
    }
    Open& parent = stack_.back();
    if (parent.node.kind == Node::Kind::sequence) {
      parent.node.items.push_back(std::move(n));
    } else if (!parent.have_key) {
      // A single pair in a flow sequence (`[a: b, c]`) is a map that libfyaml starts at the
      // ':' and yaml-cpp at its key: a map never starts after its first key (found by
      // tests/fuzz/targets/fuzz_yaml.cpp).
      const Mark& k = n.mark;
      Mark& m = parent.node.mark;
      if (parent.node.entries.empty() && (k.line < m.line || (k.line == m.line && k.col < m.col)))
        m = k;
      parent.key = std::move(n);
      parent.have_key = true;
    } else {
      parent.node.entries.push_back(Node::Entry{std::move(parent.key), std::move(n)});
      parent.have_key = false;
    }
    return true;
  }

  int line_offset_;
  std::string_view text_;
  Node root_;
  std::vector<Open> stack_;
};

std::string where(const Node& n) { return std::to_string(n.mark.line); }

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF). libfyaml ends the document silently at the first byte that is not, as if the
// file stopped there (found by tests/fuzz/targets/fuzz_yaml.cpp).
bool well_formed_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      n = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 2;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 3;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (s.size() - i <= n) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return false;
    }
    i += n + 1;
  }
  return true;
}

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.is_scalar() && k.scalar == key) return &v;
  }
  return nullptr;
}

namespace detail {

bool parse_fast(std::string_view text, Node& out, int line_offset) {
  // libfyaml ends the document silently at a NUL byte, as at a byte that is not UTF-8, and
  // takes other control characters (not allowed in YAML) into the text: yaml-cpp refuses them.
  if (!well_formed_utf8(text)) return false;
  // A CR alone (old Mac line ends) is a line break to libfyaml and not to yaml-cpp.
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return false;
    if (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) return false;
  }
  // libfyaml reads two '' escapes in a row in a single-quoted scalar wrongly ('x''''y' is x''y)
  // and may leak memory on them (found by tests/fuzz): yaml-cpp reads such a document.
  if (text.find("''''") != std::string_view::npos) return false;
  FastBuilder builder(line_offset);
  Node root;
  if (!builder.run(text, root)) return false;
  out = root.is_null() ? Node{} : std::move(root);
  return true;
}

bool parse_reference(std::string_view text, std::string_view origin, Node& out, Diagnostics& diags,
                     int line_offset) {
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    TreeBuilder builder(line_offset, alias_limit(text.size()));
    try {
      out = parser.HandleNextDocument(builder) ? builder.take() : Node{};
    } catch (const AliasBomb& bomb) {
      diags.error(std::string(origin), bomb.mark.line + 1 + line_offset, bomb.mark.column + 1,
                  format(tr("YAML aliases ('*name') in this file expand to more than {1} values "
                            "from {2} bytes, so it is not read; ipcode files need no anchors "
                            "('&name') or aliases: write each value out"),
                         {std::to_string(bomb.limit), std::to_string(text.size())}));
      out = Node{};
      return false;
    }
    if (out.is_null()) out = Node{};
    if (const auto q = builder.last_quoted();
        q && q->pos >= 0 && static_cast<std::size_t>(q->pos) < text.size() &&
        (text[static_cast<std::size_t>(q->pos)] == '"' ||
         text[static_cast<std::size_t>(q->pos)] == '\'') &&
        !quote_closed(text, static_cast<std::size_t>(q->pos))) {
      diags.error(std::string(origin), q->line + 1 + line_offset, q->column + 1,
                  format(tr("YAML syntax error: {1}"), {unclosed_quote_advice()}));
      out = Node{};
      return false;
    }
    if (const auto& odd = builder.odd_value()) {
      const auto why = explain_odd_value(text, odd->line);
      diags.error(std::string(origin), why.line + line_offset, why.col,
                  format(tr("YAML syntax error: {1}"), {why.message}));
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

}  // namespace detail

bool parse(std::string_view text, std::string_view origin, Node& out, Diagnostics& diags,
           int line_offset) {
  return detail::parse_fast(text, out, line_offset) ||
         detail::parse_reference(text, origin, out, diags, line_offset);
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
