// Private to src/office: parsing one XML part with pugixml, safely. A part with a DOCTYPE or
// an ENTITY declaration is refused before it is parsed (no external entities, no billion
// laughs: Word and LibreOffice never write one); pugixml itself never fetches anything.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace ipcode::office::detail {

/// Parses `bytes` into `doc` (white space in text kept); on failure returns false and sets
/// `error` to a translated message naming `origin` and `part`.
bool parse_xml(pugi::xml_document& doc, std::string_view bytes, std::string_view origin,
               std::string_view part, std::string& error);

/// The local name of an element or attribute: `w:t` → `t`.
std::string_view local(const char* name);

/// The value of the attribute with this local name (any prefix), or "".
std::string_view attr(const pugi::xml_node& node, std::string_view local_name);

/// How deep the readers follow nested elements; deeper content is left out (hostile files).
inline constexpr int kMaxDepth = 256;

}  // namespace ipcode::office::detail
