/// `ipcode import --qdpx FILE -C DIR` (SPEC §12): a REFI-QDA project (office/qde.hpp) becomes
/// the files of a new study with one round `r1`:
/// - `ipcode.yaml`, `codebook.yaml`, an empty `condensation/r1.yaml`;
/// - the code tree as themes (depth 1), groups (2) and subgroups (3); deeper codes are
///   flattened into their level-3 ancestor (a warning names them) and codings of them count
///   for it; codes that are not codable are kept where they stand. Ids are made from names
///   (make_id), unique with -2, -3 … in tree order, so the same project gives the same ids;
/// - each text source as a SPEC §3 transcript `transcripts/r1/<stem>.txt` (front matter
///   `source:` with the source's name; text decoded, BOM off, CRLF/CR → LF, NFC), its speaker
///   labels kept where the text has them (docs/decisions.md); other sources are skipped;
/// - each source's selections, per coder (a Coding's creatingUser, else the selection's), as
///   one coding file `coding/r1/<stem>.yaml`, or `<stem>-<coder>.yaml` when the project has
///   several coders; a unit has `lines`, and `quote` (the selected text) when quote matching
///   finds it there exactly once.
/// Positions are Unicode code points, [start, end); a source whose positions only fit when
/// counted in UTF-16 code units (tools that count so) is read that way, with a warning.
/// Errors (end before start, a position past the text, a CodeRef to no code) go to `diags`
/// naming the archive, the source and the selection; the result is then not to be written.
#pragma once

#include "ipcode/base/diagnostic.hpp"
#include "ipcode/office/qde.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::importer::qdpx {

/// Whether make_id keeps capitals (file names: `B1`) or makes all lower case (ids).
enum class Case { lower, keep };

/// An id (SPEC §4: `[a-z0-9][a-z0-9_-]*`) from a name: NFC, lower case, æ → ae, ø → o,
/// å → a and other Latin letters without their accents, white space and punctuation → `-`
/// (`_` kept), runs of `-` joined, `-` and `_` trimmed at the ends. Empty when nothing is left.
/// With Case::keep, capitals stay capitals (Æ → Ae, Ø → O): a transcript's file stem.
std::string make_id(std::string_view name, Case letter_case = Case::lower);

/// Hands out unique ids: make_id(name) (or `fallback` when that is empty), then -2, -3 …;
/// two ids differing only in case count as the same.
class IdMaker {
 public:
  explicit IdMaker(Case letter_case = Case::lower);
  std::string operator()(std::string_view name, std::string_view fallback);

 private:
  Case case_;
  std::set<std::string> taken_;
};

enum class Counting { code_points, utf16 };

/// A source's text as the transcript keeps it, and where each REFI position lands in it.
/// Positions inside a character that NFC joins (a letter and its accent), inside a CRLF pair
/// or inside a UTF-16 surrogate pair land before it as a start and after it as an end.
class Normalised {
 public:
  explicit Normalised(std::string_view bytes);

  const std::string& text() const { return text_; }
  bool has_non_bmp() const { return non_bmp_; }
  /// The length in code points or UTF-16 units of the text as stored (BOM not counted).
  std::int64_t length(Counting c) const;
  /// The byte offset in text() for a start / end position; nullopt past the end.
  std::optional<std::size_t> start(std::int64_t pos, Counting c) const;
  std::optional<std::size_t> end(std::int64_t pos, Counting c) const;

 private:
  std::optional<std::int64_t> code_point(std::int64_t pos, Counting c, bool as_end) const;

  std::string text_;
  bool non_bmp_ = false;
  std::vector<std::uint32_t> start_;  // per code point index (and one past the end)
  std::vector<std::uint32_t> end_;
  std::vector<std::uint32_t> cp_of_utf16_;  // UTF-16 index → code point index
  std::vector<bool> mid_pair_;              // UTF-16 index inside a surrogate pair
};

/// Which counting a source's selections use: code points unless some selection only fits in
/// UTF-16 units, or (with characters beyond U+FFFF) UTF-16 puts more selection edges on
/// word boundaries.
Counting detect_counting(const Normalised& n, const std::vector<office::qde::Selection>& sels);

struct Study {
  std::map<std::string, std::string> files;  // study-relative path → bytes
  std::vector<std::string> summary;          // translated lines for the user
  std::size_t units = 0;
};

/// Builds the study. `origin` names the archive in messages; `lang` is the report language
/// written into ipcode.yaml.
Study build(const office::qde::Project& p, const std::string& origin, const std::string& lang,
            Diagnostics& diags);

}  // namespace ipcode::importer::qdpx
