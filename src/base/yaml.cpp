// ipcode::yaml::Node with 1-based marks, so that every loader can report `file:line:col`.
// parse() tries the fast engine (libfyaml, yaml_fast.cpp) and falls back to the reference
// engine here, yaml-cpp, for any document the fast one hands over: yaml-cpp's messages are the
// ones yaml_errors.cpp explains to a student, so every diagnostic stays as it was
// (docs/decisions.md, "Speed"). The rest reads keys and values for the loaders.
#include "ipcode/base/yaml.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "yaml_errors.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
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

std::string where(const Node& n) { return std::to_string(n.mark.line); }

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.is_scalar() && k.scalar == key) return &v;
  }
  return nullptr;
}

namespace detail {

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
  return detail::parse_simple(text, out, line_offset) ||
         detail::parse_fast(text, out, line_offset) ||
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
  // Called for every unit of every coding file: no copies of the allowed names, and the
  // "did you mean" list only made for an unknown key.
  std::vector<std::pair<const std::string*, const Node*>> seen_at;  // canonical name, its key
  for (const auto& [k, v] : map.entries) {
    static const std::string kNone;
    const std::string& name = k.is_scalar() ? k.scalar : kNone;
    const Key* match = nullptr;
    for (const auto& key : keys) {
      if (key.name == name ||
          std::find(key.aliases.begin(), key.aliases.end(), name) != key.aliases.end()) {
        match = &key;
        break;
      }
    }
    if (match == nullptr) {
      std::vector<std::string> known;
      for (const auto& key : keys) {
        known.push_back(key.name);
        for (const auto& a : key.aliases) known.push_back(a);
      }
      std::string msg = format(tr("unknown key '{1}' in {2}"), {name, std::string(what)});
      if (auto guess = closest(name, known)) {
        msg += format(tr("; did you mean '{1}'?"), {*guess});
      }
      diags.error(std::string(file), k.mark.line, k.mark.col, msg);
      continue;
    }
    const auto prev = std::find_if(seen_at.begin(), seen_at.end(),
                                   [&](const auto& p) { return *p.first == match->name; });
    if (prev != seen_at.end()) {
      diags.error(
          std::string(file), k.mark.line, k.mark.col,
          format(tr("key '{1}' is given twice (first on line {2})"), {name, where(*prev->second)}));
      continue;
    }
    seen_at.emplace_back(&match->name, &k);
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
