/// Private to the report module: the Word renderer of the document model (report_docx.cpp)
/// and the member-check letters (member_check.cpp).
#pragma once

#include "ipcode/base/result.hpp"
#include "report_common.hpp"

#include <string>
#include <vector>

namespace ipcode::report::detail {

/// The document as a .docx (office::DocxWriter): Word heading styles, quotes as indented
/// block paragraphs, tables (the heat map as its table), norms as shaded side paragraphs.
/// `date`: YYYY-MM-DD for the document properties, or empty. Deterministic bytes.
Result<std::string> render_docx(const Doc& doc, const std::string& date);

/// One informant's member-check letter (SPEC §10 `--member-check`): their own units with
/// page and line, under the label of each node they are coded with, and the researcher's
/// condensate of each subgroup they contributed to. No other informant's words: no
/// illustrative quote but their own, no draft, no analysis text, and no unit whose lines
/// reach into another informant's turn.
Doc member_check_doc(const loader::Study& study, const loader::RoundData& round,
                     const condense::RoundAnalysis& a, const std::string& informant);

/// The informants of the round who get a letter (those with at least one unit it can show).
std::vector<std::string> member_check_informants(const loader::Study& study,
                                                 const loader::RoundData& round,
                                                 const condense::RoundAnalysis& a);

/// The informant id as a file name: '/', '\\' and control characters become '_', and so does
/// a leading '.'.
std::string member_check_file(const std::string& informant);

}  // namespace ipcode::report::detail
