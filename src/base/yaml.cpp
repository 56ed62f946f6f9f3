// The only file that sees yaml-cpp: it converts yaml-cpp's tree into ipcode::yaml::Node with
// 1-based marks, so that every loader can report `file:line:col`.
#include "ipcode/base/yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <set>

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

namespace ipcode::yaml {
namespace {

Node convert(const YAML::Node& in, int line_offset) {
  Node out;
  const auto m = in.Mark();
  out.mark = {m.line + 1 + line_offset, m.column + 1};
  switch (in.Type()) {
    case YAML::NodeType::Scalar:
      out.kind = Node::Kind::scalar;
      out.scalar = in.Scalar();
      break;
    case YAML::NodeType::Sequence:
      out.kind = Node::Kind::sequence;
      for (const auto& item : in) out.items.push_back(convert(item, line_offset));
      break;
    case YAML::NodeType::Map:
      out.kind = Node::Kind::map;
      for (const auto& kv : in) {
        out.entries.emplace_back(convert(kv.first, line_offset), convert(kv.second, line_offset));
      }
      break;
    default:
      out.kind = Node::Kind::null;
      break;
  }
  return out;
}

std::string where(const Node& n) { return std::to_string(n.mark.line); }

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
    const YAML::Node root = YAML::Load(std::string(text));
    out = convert(root, line_offset);
    if (!root.IsDefined() || root.IsNull()) out = Node{};
    return true;
  } catch (const YAML::Exception& e) {
    diags.error(std::string(origin), e.mark.line + 1 + line_offset, e.mark.column + 1,
                format(tr("YAML syntax error: {1}"), {e.msg}));
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
      diags.error(std::string(file), k.mark.line, k.mark.col,
                  format(tr("key '{1}' is given twice (first on line {2})"),
                         {name, where(*prev->second)}));
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
    if (item.is_scalar()) out.push_back(item.scalar);
    else diags.error(std::string(file), item.mark.line, item.mark.col,
                     tr("expected a single value (text or number) in this list"));
  }
  return out;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

}  // namespace ipcode::yaml
