// Private to src/office: the parts of a .docx besides the document itself (styles, settings,
// content types, relationships, properties), each a fixed text with the document's language
// and properties filled in.
#pragma once

#include "ipcode/office/docx_writer.hpp"

#include <string>
#include <string_view>

namespace ipcode::office::detail {

inline constexpr std::string_view kHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
inline constexpr std::string_view kW =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// word/styles.xml: the built-in style names and ids Word knows (see docx_write.cpp);
/// `lang` is XML-escaped already, as in the two below.
std::string styles_xml(const std::string& lang);
/// word/settings.xml.
std::string settings_xml(const std::string& lang);
/// [Content_Types].xml.
std::string content_types_xml();
/// _rels/.rels.
std::string package_rels_xml();
/// word/_rels/document.xml.rels.
std::string document_rels_xml();
/// docProps/core.xml: title, language and (only from SOURCE_DATE_EPOCH) the date.
std::string core_xml(const DocxInfo& info);
/// docProps/app.xml.
std::string app_xml();

}  // namespace ipcode::office::detail
