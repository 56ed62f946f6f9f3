// Private to src/refi: what the .qdc and the .qdpx share, the codes tree and XML escaping.
#pragma once

#include "ipcode/codebook/codebook.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::refi::detail {

/// Character data, escaped.
std::string text(std::string_view s);
/// An attribute value: also the white space an XML parser would otherwise fold into spaces.
std::string attr(std::string_view s);
/// `depth` levels of two spaces.
std::string indent(int depth);
/// The key of a node's GUID: "code:<codebook>:<node id>".
std::string code_key(const codebook::Codebook& cb, const codebook::Node& n);

// One Code of the tree written: the union of the exported rounds' codebooks, nodes matched by
// their GUID (codebook name and node id).
struct CodeEntry {
  std::string guid;
  std::string name;
  std::string color;
  std::string description;
  std::string include;  // the inclusion and exclusion criteria (SPEC §4)
  std::string exclude;
  std::string key;  // its GUID's key, for the keys of its notes
  std::vector<std::size_t> children;
  std::vector<std::string> notes;  // GUIDs of the notes that belong to it
};

struct CodeTree {
  std::vector<CodeEntry> entries;
  std::vector<std::size_t> roots;
  std::map<std::string, std::size_t> by_guid;

  // Adds the codebook's nodes not yet in the tree (a later round's codebook goes first, so
  // its labels win), each under its parent when the parent is there.
  void add(const codebook::Codebook& cb);
};

/// The <Codes> element with every code of the tree. `project`: the Project.xsd form (with
/// NoteRefs).
void write_codes(const CodeTree& tree, int depth, bool project, std::string& out);

}  // namespace ipcode::refi::detail
