/// `ipcode anon` over a loaded study (SPEC §9): where identifying data stands in the
/// transcripts (speech and front matter), the coding files (quotes and notes), the
/// condensation files and the project log; and the pseudonymised copy of the whole study.
///
/// The rules of a study: its manifest's `anon: {allow: [...]}` and the informants' pseudonyms
/// are never flagged; a `--map` file (YAML `real: pseudonym`, one string per key) adds the
/// study's own identifiers, each replaced by its pseudonym (an empty pseudonym: `[navn]`).
#pragma once

#include "ipcode/anon/anon.hpp"
#include "ipcode/base/diagnostic.hpp"
#include "ipcode/loader/study.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::anon {

/// One finding in a study file.
struct Place {
  std::string file;  // study-relative
  int line = 0;      // 1-based
  int col = 0;       // 1-based, in characters
  Category category = Category::name;
  std::string text;  // as written (never printed unmasked)
  std::string unit;  // scan_final_quotes: the illustrative unit it is in
};

/// Reads a `--map` file's text: a YAML map of strings. Problems go to `diags`.
std::vector<Known> parse_map(std::string_view text, std::string_view origin, Diagnostics& diags);

/// The study's rules: its allow list, the informants' pseudonyms, informant ids and speaker
/// labels (the study's keys), the map's pseudonyms, and `known` (from parse_map).
Rules rules_for(const loader::Study& study, std::vector<Known> known);

/// Every finding in the study's transcripts, coding files, condensation files and log, in
/// file order (the study's rounds, then the log), then line and column.
std::vector<Place> scan_study(const loader::Study& study, const Rules& rules);

/// Findings inside the illustrative quotes the final report shows (condensation `quote:`):
/// each at the place of the unit in its coding file, the text being the finding's.
std::vector<Place> scan_final_quotes(const loader::Study& study, const Rules& rules);

/// The pseudonymised copy: every text file of the study (relative path -> new bytes), the
/// output folder, hidden entries and the files in `leave_out` (the map) left out, with every
/// identifier found anywhere in the study replaced in every file, so that a quote stays in
/// its transcript. `skipped` gets the files that are not text (not copied: they could hold
/// identifiers ipcode cannot read). `counts` gets the replacements per category. The JSON
/// Schemas `ipcode schema` wrote are copied unchanged.
std::map<std::string, std::string> pseudonymise(const loader::Study& study, const Rules& rules,
                                                const std::vector<std::string>& leave_out,
                                                std::vector<std::string>& skipped,
                                                std::map<Category, std::size_t>& counts);

}  // namespace ipcode::anon
