/// A YAML document as ipcode's own tree, with the 1-based line/column of every node, so that
/// loaders can say `file:line:col` without seeing a YAML library (the only files that do are
/// src/base/yaml.cpp, yaml_fast.cpp and yaml_errors.cpp; yaml_simple.cpp reads a subset
/// itself). Maps keep their order; duplicate keys are reported as errors.
#pragma once

#include "ipcode/base/diagnostic.hpp"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipcode::yaml {

struct Mark {
  int line = 0;
  int col = 0;
};

class Node {
 public:
  enum class Kind { null, scalar, sequence, map };

  Kind kind = Kind::null;
  Mark mark;
  std::string scalar;          // Kind::scalar
  std::vector<Node> items;     // Kind::sequence
  struct Entry;                // a key node and its value node
  std::vector<Entry> entries;  // Kind::map, in written order

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::map; }
  /// The value under a scalar key, or nullptr.
  const Node* find(std::string_view key) const;
};

// Defined after Node is complete (a std::pair<Node, Node> inside Node is not valid C++ and
// clang rejects it).
struct Node::Entry {
  Node key;
  Node value;
};

/// Parses `text` (UTF-8, no BOM). `line_offset` is added to every line (for front matter
/// inside a larger file). On a syntax error, adds `origin:line:col: error: ...` and returns
/// false. An empty document gives a null root.
bool parse(std::string_view text, std::string_view origin, Node& out, Diagnostics& diags,
           int line_offset = 0);

namespace detail {
/// The three engines behind parse(), tried in this order, for tests. parse_simple reads the
/// block YAML ipcode writes, line by line, and returns false without a diagnostic on anything
/// else (a null, a value over several lines, a flow map, a tab, ...). parse_fast (libfyaml)
/// returns false without a diagnostic when it finds an error or an anchor, alias or tag;
/// parse_reference (yaml-cpp) handles every document and explains its syntax errors. Where
/// they read a document, all three give the same tree.
bool parse_simple(std::string_view text, Node& out, int line_offset = 0);
bool parse_fast(std::string_view text, Node& out, int line_offset = 0);
bool parse_reference(std::string_view text, std::string_view origin, Node& out, Diagnostics& diags,
                     int line_offset = 0);
}  // namespace detail

/// One allowed key of a map and the other names it may be written with (Norwegian aliases).
struct Key {
  std::string name;
  std::vector<std::string> aliases = {};
};

/// Looks up the allowed keys of a map node. Unknown keys get an error with "did you mean";
/// a key given twice (also through an alias) gets an error. Returns canonical name -> value.
/// A node that is not a map gets an error naming `what` and an empty result.
std::map<std::string, const Node*> read_keys(const Node& map, const std::vector<Key>& keys,
                                             std::string_view what, std::string_view file,
                                             Diagnostics& diags);

/// Scalar accessors that report a type error at the node's mark and return the fallback.
std::string as_string(const Node* node, std::string_view file, Diagnostics& diags,
                      std::string fallback = {});
long as_int(const Node* node, std::string_view file, Diagnostics& diags, long fallback = 0);
bool as_bool(const Node* node, std::string_view file, Diagnostics& diags, bool fallback);
/// A scalar or a sequence of scalars, as a list of strings.
std::vector<std::string> as_string_list(const Node* node, std::string_view file,
                                        Diagnostics& diags);

/// Writes a string as a YAML double-quoted scalar (for files ipcode writes).
std::string quote(std::string_view s);

}  // namespace ipcode::yaml
