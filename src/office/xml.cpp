// Safe XML parsing for the office readers (xml.hpp).
#include "xml.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

#include <cstring>

namespace ipcode::office::detail {

bool parse_xml(pugi::xml_document& doc, std::string_view bytes, std::string_view origin,
               std::string_view part, std::string& error) {
  if (bytes.find("<!DOCTYPE") != std::string_view::npos ||
      bytes.find("<!ENTITY") != std::string_view::npos) {
    error = format(tr("{1}: refused: '{2}' declares a DOCTYPE or entities, which Word and "
                      "LibreOffice never write (a hostile file?)"),
                   {std::string(origin), std::string(part)});
    return false;
  }
  const auto result =
      doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!result) {
    error = format(tr("{1}: '{2}' is not well-formed XML ({3} at byte {4})"),
                   {std::string(origin), std::string(part), result.description(),
                    std::to_string(result.offset)});
    return false;
  }
  return true;
}

std::string_view local(const char* name) {
  const std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

std::string_view attr(const pugi::xml_node& node, std::string_view local_name) {
  for (const auto& a : node.attributes()) {
    if (local(a.name()) == local_name) return a.value();
  }
  return {};
}

}  // namespace ipcode::office::detail
