// The codes tree of a REFI-QDA export, and the .qdc (SPEC §12): see codes.hpp and export.cpp.
#include "codes.hpp"

#include "ipcode/base/hash.hpp"
#include "ipcode/office/docx_writer.hpp"
#include "ipcode/refi/refi.hpp"

#include <algorithm>

namespace ipcode::refi {

using codebook::Codebook;

namespace detail {
namespace {

bool valid_color(std::string_view c) {
  if (c.size() != 7 && c.size() != 4) return false;
  if (c[0] != '#') return false;
  return std::all_of(c.begin() + 1, c.end(), [](char x) {
    return (x >= '0' && x <= '9') || (x >= 'a' && x <= 'f') || (x >= 'A' && x <= 'F');
  });
}

// Writes a Code and its children. `project`: the Project.xsd form (with NoteRefs).
void write_code(const CodeTree& tree, std::size_t index, int depth, bool project,
                std::string& out) {
  const CodeEntry& e = tree.entries[index];
  out += indent(depth) + "<Code guid=\"" + e.guid + "\" name=\"" + attr(e.name) +
         "\" isCodable=\"true\"";
  if (valid_color(e.color)) out += " color=\"" + attr(e.color) + "\"";
  const bool inner = !e.description.empty() || !e.children.empty() || (project && !e.notes.empty());
  if (!inner) {
    out += "/>\n";
    return;
  }
  out += ">\n";
  if (!e.description.empty()) {
    out += indent(depth + 1) + "<Description>" + text(e.description) + "</Description>\n";
  }
  if (project) {
    for (const auto& note : e.notes) {
      out += indent(depth + 1) + "<NoteRef targetGUID=\"" + note + "\"/>\n";
    }
  }
  for (const std::size_t child : e.children) write_code(tree, child, depth + 1, project, out);
  out += indent(depth) + "</Code>\n";
}

}  // namespace

std::string text(std::string_view s) { return office::DocxWriter::escape(s); }

std::string attr(std::string_view s) {
  std::string out;
  for (const char c : office::DocxWriter::escape(s)) {
    if (c == '\n')
      out += "&#10;";
    else if (c == '\r')
      out += "&#13;";
    else if (c == '\t')
      out += "&#9;";
    else
      out += c;
  }
  return out;
}

std::string indent(int depth) { return std::string(static_cast<std::size_t>(depth) * 2, ' '); }

std::string code_key(const Codebook& cb, const codebook::Node& n) {
  return "code:" + cb.name + ":" + n.id;
}

void CodeTree::add(const Codebook& cb) {
  for (const auto& n : cb.nodes) {
    const std::string key = code_key(cb, n);
    const std::string g = guid(key);
    if (by_guid.count(g) != 0) continue;
    const std::size_t at = entries.size();
    entries.push_back({g,
                       n.label.empty() ? n.id : n.label,
                       n.color,
                       n.description,
                       n.include,
                       n.exclude,
                       key,
                       {},
                       {}});
    by_guid.emplace(g, at);
    std::size_t parent = entries.size();
    if (n.parent >= 0) {
      const auto it = by_guid.find(guid(code_key(cb, cb.nodes[n.parent])));
      if (it != by_guid.end()) parent = it->second;
    }
    if (parent < at)
      entries[parent].children.push_back(at);
    else
      roots.push_back(at);
  }
}

void write_codes(const CodeTree& tree, int depth, bool project, std::string& out) {
  out += indent(depth) + "<Codes>\n";
  for (const std::size_t root : tree.roots) write_code(tree, root, depth + 1, project, out);
  out += indent(depth) + "</Codes>\n";
}

}  // namespace detail

using namespace detail;

std::string guid(std::string_view key) {
  static const Uuid ns = [] {
    Uuid u{};
    parse_uuid(kNamespace, u);
    return u;
  }();
  return uuid_v5(ns, key);
}

std::size_t code_points(std::string_view utf8, std::size_t at) {
  at = std::min(at, utf8.size());
  std::size_t n = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string codebook_qdc(const Codebook& cb, const Options& options) {
  if (cb.nodes.empty()) return {};
  CodeTree tree;
  tree.add(cb);
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"" + attr(options.origin) + "\">\n";
  write_codes(tree, 1, false, out);
  out += "</CodeBook>\n";
  return out;
}

}  // namespace ipcode::refi
