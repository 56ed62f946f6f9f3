// Test support: building a codebook by hand, node by node, in codebook order.
#pragma once

#include "ipcode/codebook/codebook.hpp"

#include <string>

namespace ipcode::test {

/// Appends a node under `parent` (-1: a theme) and returns its index.
inline int add_node(codebook::Codebook& book, const std::string& id, const std::string& label,
                    codebook::Level level, int parent = -1, const std::string& color = {}) {
  codebook::Node n;
  n.id = id;
  n.label = label;
  n.level = level;
  n.parent = parent;
  n.color = color;
  const int index = static_cast<int>(book.nodes.size());
  book.nodes.push_back(std::move(n));
  if (parent >= 0) book.nodes[static_cast<std::size_t>(parent)].children.push_back(index);
  return index;
}

}  // namespace ipcode::test
