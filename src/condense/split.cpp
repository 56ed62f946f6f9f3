// Prevalence per value of an informant attribute (condense --split-by).

#include "ipcode/condense/split.hpp"

#include "ipcode/base/strings.hpp"

#include <algorithm>
#include <map>

namespace ipcode::condense {

std::string attribute_value(const std::vector<study::Informant>& informants, const std::string& id,
                            const std::string& attr) {
  for (const study::Informant& inf : informants) {
    if (inf.id != id) continue;
    if (attr == "role") return std::string(trim(inf.role));
    for (const auto& [key, value] : inf.attributes) {
      if (key == attr) return std::string(trim(value));
    }
    return {};
  }
  return {};
}

bool has_attribute(const std::vector<study::Informant>& informants, const std::string& attr) {
  return std::any_of(informants.begin(), informants.end(), [&](const study::Informant& inf) {
    return !attribute_value(informants, inf.id, attr).empty();
  });
}

std::vector<std::string> attribute_names(const std::vector<study::Informant>& informants) {
  std::vector<std::string> out;
  for (const study::Informant& inf : informants) {
    for (const auto& [key, value] : inf.attributes) {
      if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const std::string& a, const std::string& b) { return natural_less(a, b); });
  if (has_attribute(informants, "role")) out.insert(out.begin(), "role");
  return out;
}

Split split_by(const RoundAnalysis& analysis, const std::vector<study::Informant>& informants,
               const std::string& attr) {
  Split s;
  s.attr = attr;
  std::map<std::string, std::string> value_of;  // participant -> value (kNoValue: none)
  bool any_without = false;
  for (const std::string& id : analysis.informants) {
    std::string v = attribute_value(informants, id, attr);
    if (v.empty()) {
      any_without = true;
      v = kNoValue;
    } else if (std::find(s.values.begin(), s.values.end(), v) == s.values.end()) {
      s.values.push_back(v);
    }
    value_of[id] = v;
  }
  std::sort(s.values.begin(), s.values.end(),
            [](const std::string& a, const std::string& b) { return natural_less(a, b); });
  if (any_without) s.values.push_back(kNoValue);
  const auto column = [&](const std::string& id) {
    const auto it = value_of.find(id);
    const std::string& v = it == value_of.end() ? std::string(kNoValue) : it->second;
    return static_cast<std::size_t>(std::find(s.values.begin(), s.values.end(), v) -
                                    s.values.begin());
  };
  s.participants.assign(s.values.size(), 0);
  for (const std::string& id : analysis.informants) ++s.participants[column(id)];
  s.cells.assign(analysis.nodes.size(), std::vector<int>(s.values.size(), 0));
  for (std::size_t n = 0; n < analysis.nodes.size(); ++n) {
    for (const std::string& id : analysis.nodes[n].informants) {
      // A node's informants are participants (analysis.hpp), so every one has a column.
      if (const std::size_t c = column(id); c < s.values.size()) ++s.cells[n][c];
    }
  }
  return s;
}

}  // namespace ipcode::condense
