/// Coding files (SPEC §5: meaning units of one transcript) and condensation files (SPEC §6:
/// step 3-4 texts of one round), as written. References (transcript ids, code ids, unit ids)
/// are resolved by the loader, which knows the whole study.
#pragma once

#include "ipcode/base/diagnostic.hpp"

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
  Where at;        // the unit's '- ' item
  Where lines_at;  // the `lines` value
  Where quote_at;  // the `quote` value
};

struct CodingFile {
  std::string path;
  std::string sha256;
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

struct SubgroupText {
  std::string condensate;
  std::string quote;  // unit id of the illustrative quote
  std::string analysis;
  std::vector<Norm> norms;
  Where at;
  Where quote_at;
  Where condensate_at;
  Where analysis_at;
};

struct GroupText {
  std::string analysis;
  std::vector<Norm> norms;
  Where at;
  Where analysis_at;
};

struct Condensation {
  std::string path;  // empty when the round has none
  std::string sha256;
  std::string round;
  std::map<std::string, SubgroupText> subgroups;  // by subgroup id
  std::map<std::string, GroupText> groups;        // by group id
};

Condensation parse_condensation(std::string_view text, std::string_view origin, Diagnostics& diags);

}  // namespace ipcode::coding
