/// Comparing groups of informants (condense --split-by ATTR): each node's prevalence among the
/// informants with each value of an attribute (`role` or any informant attribute of the
/// manifest). Pure: no I/O.
#pragma once

#include "ipcode/condense/analysis.hpp"
#include "ipcode/study/manifest.hpp"

#include <string>
#include <vector>

namespace ipcode::condense {

/// The value of attribute `attr` for informant `id` as the manifest gives it (`role`, or an
/// entry of its attributes), trimmed; empty when the informant or the value is not there.
std::string attribute_value(const std::vector<study::Informant>& informants, const std::string& id,
                            const std::string& attr);

/// Whether some informant of the manifest has attribute `attr` (`role` counts).
bool has_attribute(const std::vector<study::Informant>& informants, const std::string& attr);

/// Every attribute name the manifest's informants have, `role` first, then in natural order.
std::vector<std::string> attribute_names(const std::vector<study::Informant>& informants);

struct Split {
  std::string attr;
  /// The values of the round's participants (RoundAnalysis::informants), in natural order;
  /// `kNoValue` last when some participant has none.
  std::vector<std::string> values;
  std::vector<int> participants;        // by value: participants with that value
  std::vector<std::vector<int>> cells;  // [node][value]: of those, informants with units there
};

/// The column of participants who have no value for the attribute.
inline constexpr const char* kNoValue = "-";

Split split_by(const RoundAnalysis& analysis, const std::vector<study::Informant>& informants,
               const std::string& attr);

}  // namespace ipcode::condense
