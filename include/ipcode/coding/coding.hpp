/// Coding files (SPEC §5: meaning units of one transcript) and condensation files (SPEC §6:
/// step 3-4 texts of one round), as written. References (transcript ids, code ids, unit ids)
/// are resolved by the loader, which knows the whole study.
#pragma once

#include "ipcode/base/diagnostic.hpp"
#include "ipcode/base/yaml.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::coding {

struct Where {
  int line = 0;
  int col = 0;
};

struct UnitSpec {
  std::string id;  // empty: default <informant>-<nn>
  bool has_lines = false;
  int line_from = 0;
  int line_to = 0;
  std::string quote;
  std::vector<std::string> codes;
  std::vector<Where> code_marks;
  std::string note;
  std::vector<std::string> answers;  // ids of the codebook questions it answers (SPEC §5)
  std::vector<Where> answer_marks;
  /// The quote in written bokmål (SPEC §5 `normalised`): what the final report shows; the
  /// verbatim `quote` stays the evidence. Empty when not given.
  std::string normalised;
  Where at;        // the unit's '- ' item
  Where lines_at;  // the `lines` value
  Where quote_at;  // the `quote` value
};

struct CodingFile {
  std::string path;
  std::string transcript;  // transcript id
  Where transcript_at;
  std::string coder = "-";
  /// Units that have a place to be found: `lines` parsed (1 <= from <= to), or a non-empty
  /// `quote`, or both. Units without one are reported here and left out.
  std::vector<UnitSpec> units;
  /// Ids of the units left out (already reported), so that an illustrative quote naming one
  /// is not reported a second time.
  std::vector<std::string> unplaced_ids;
  /// A unit without an id was left out: default ids of this transcript may be shifted.
  bool unplaced_unnamed = false;
};

CodingFile parse_coding(std::string_view text, std::string_view origin, Diagnostics& diags);

struct Norm {
  std::string source;
  std::string text;
};

/// What an informant or a session said when a finding was taken back to them (SPEC §6).
struct Feedback {
  enum class Verdict { agrees, disagrees, nuances } verdict = Verdict::agrees;
  std::string from;  // an informant id or a session ("dialogsamling-2")
  std::string date;  // as written
  std::string text;
  Where at;
};

struct SubgroupText {
  std::string condensate;
  std::string quote;  // unit id of the illustrative quote
  std::string analysis;
  std::vector<Norm> norms;
  std::vector<Feedback> feedback;
  Where at;
  Where quote_at;
  Where condensate_at;
  Where analysis_at;
};

struct GroupText {
  std::string analysis;
  std::vector<Norm> norms;
  std::vector<Feedback> feedback;
  Where at;
  Where analysis_at;
};

struct Condensation {
  std::string path;  // empty when the round has none
  std::string round;
  std::map<std::string, SubgroupText> subgroups;  // by subgroup id
  std::map<std::string, GroupText> groups;        // by group id
};

Condensation parse_condensation(std::string_view text, std::string_view origin, Diagnostics& diags);

/// The maps of coding and condensation files whose keys the parsers check.
enum class CodingMap { coding_file, unit, condensation, subgroup_text, group_text, norm, feedback };
/// The keys parse_coding() / parse_condensation() accept in each map, with their Norwegian
/// aliases: the tables they read with, so that `ipcode schema` cannot drift from them.
const std::vector<yaml::Key>& coding_keys(CodingMap map);

}  // namespace ipcode::coding
