/// The codebook (SPEC §4): themes → code groups → subgroups, each node with an ASCII id unique
/// across the codebook (and across all of its files), a Norwegian label, optional
/// description, include/exclude criteria, examples, colour and keywords. Nodes are kept in
/// codebook order (pre-order: a theme, then its groups, each followed by its subgroups).
#pragma once

#include "ipcode/base/diagnostic.hpp"
#include "ipcode/base/yaml.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipcode::codebook {

enum class Level { theme = 0, group = 1, subgroup = 2 };

struct Node {
  std::string id;
  std::string label;
  std::string description;
  std::string include;
  std::string exclude;
  std::vector<std::string> examples;
  std::string color;  // "#rrggbb" or empty
  /// The Word highlight colour (a name such as "yellow", as written) or shading ("#rrggbb",
  /// lower case) that codes a passage with this node on `ipcode import --codings`; or empty.
  std::string highlight;
  std::vector<std::string> keywords;
  Level level = Level::theme;
  int parent = -1;  // index into Codebook::nodes
  std::vector<int> children;
  std::string file;
  int line = 0;
  int col = 0;
};

/// An analytic question asked of the units (SPEC §4 `questions:`): "hva kan jeg finne i
/// datamaterialet om ...". Units answer it with `answers: [id]`.
struct Question {
  std::string id;
  std::string text;
  std::vector<std::string> nodes;  // ids of the nodes it belongs to, as written
  std::string file;
  int line = 0;
  int col = 0;
  std::vector<std::pair<int, int>> node_marks;  // line, col of each entry of `nodes`
};

struct Codebook {
  std::string name;
  std::string version;
  std::string language = "nb";
  std::array<std::string, 3> level_names;  // as written in `levels:`; empty: default
  std::vector<Node> nodes;                 // codebook order
  std::vector<Question> questions;         // in the order written (files in order)
  std::vector<std::string> files;

  /// Index of the node with this id, or -1.
  int find(std::string_view id) const;
  /// Index of the question with this id, or -1.
  int find_question(std::string_view id) const;
  /// The node and all its ancestors, as indices, node first.
  std::vector<int> lineage(int index) const;
  /// Indices of the nodes of one level, in codebook order.
  std::vector<int> of_level(Level level) const;
  /// The theme a node belongs to (itself for a theme).
  int theme_of(int index) const;
  /// The level's display name: the codebook's `levels`, else the default in `lang`.
  std::string level_name(Level level, std::string_view lang) const;
};

/// Parses one codebook file. Ids must be unique within the file.
Codebook parse_codebook(std::string_view text, std::string_view origin, Diagnostics& diags);

/// Joins several codebook files into one (ids unique across them: duplicates are errors
/// naming both places). The first file gives the name, version, language and levels. Checks
/// that every question's `nodes` are nodes of the joined codebook.
Codebook merge(std::vector<Codebook> parts, Diagnostics& diags);

/// Word's named highlight colours that `highlight:` accepts (SPEC §4), as Word spells them.
const std::vector<std::string>& highlight_names();

/// Whether an id has the allowed form `[a-z0-9][a-z0-9_-]*`.
bool valid_id(std::string_view id);

/// Checks one keyword pattern's syntax (SPEC §4); returns an empty string when valid, else
/// what is wrong (translated).
std::string keyword_problem(std::string_view pattern);

std::string_view level_key(Level level);  // "theme" | "group" | "subgroup"

/// The keys parse_codebook() accepts, with their Norwegian aliases: at the top of a codebook,
/// in `levels:`, and in a node of each level (its list of children included). The tables it
/// reads with, so that `ipcode schema` cannot drift from them.
const std::vector<yaml::Key>& codebook_keys();
const std::vector<yaml::Key>& level_name_keys();
std::vector<yaml::Key> node_keys_of(Level level);

/// One difference between two codebook versions, for `ipcode codebook diff`.
struct Change {
  enum class Kind { added, removed, relabelled, moved, level_changed } kind;
  std::string id;
  std::string before;  // old label / old parent id / old level
  std::string after;   // new label / new parent id / new level
};

/// The changes from `a` to `b`, in the order of b's codebook (removed nodes in a's order, last).
std::vector<Change> diff(const Codebook& a, const Codebook& b);

}  // namespace ipcode::codebook
