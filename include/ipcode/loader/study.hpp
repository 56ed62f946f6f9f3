/// Loading a whole study into memory (SPEC §2–§6) and checking it (SPEC §8). The loader
/// reads the manifest, each round's codebook, transcripts, coding files and condensation
/// file; resolves every reference (transcript ids, code ids, unit ids, quotes); and reports
/// every problem it finds into Diagnostics, never stopping at the first. Commands decide what
/// to do with errors: `check` prints them, the others refuse to go on (exit 65/66).
#pragma once

#include "ipcode/base/diagnostic.hpp"
#include "ipcode/codebook/codebook.hpp"
#include "ipcode/coding/coding.hpp"
#include "ipcode/study/manifest.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ipcode::loader {

/// A meaning unit, resolved against its transcript and the round's codebook.
struct Unit {
  // The members are ordered so that no padding falls between them: a round may hold a
  // hundred thousand units, each held twice while the coders are merged (peak memory).
  std::string id;
  std::string informant;   // the speaker of the turn it starts in (or the transcript's)
  std::string text;        // the quote as written (NFC, white space collapsed), else the
                           // spoken text of its lines
  std::vector<int> codes;  // node indices in the round's codebook, codebook order, unique
  std::string coder;
  coding::Where at;
  int transcript = -1;  // index into RoundData::transcripts
  int page_start = 1;
  int page_end = 1;
  int line_start = 0;
  int line_end = 0;
  /// Byte offsets in the transcript's text where the unit starts and ends: with the lines,
  /// what makes two coders' units the same span (SPEC §5).
  std::uint32_t span_begin = 0;
  std::uint32_t span_end = 0;
  bool interviewer = false;  // starts in an interviewer turn
  bool has_quote = false;

  /// The informants' own words: `text` without the researcher's [clarifications]. Drafts and
  /// the vocabulary check use this. Kept apart only when it differs from `text`.
  const std::string& own_words() const { return own_words_ ? *own_words_ : text; }
  void set_own_words(std::string words) {
    if (words == text)
      own_words_.reset();
    else
      own_words_ = std::make_shared<const std::string>(std::move(words));
  }
  /// What few units have (SPEC §5): kept apart, so that a unit without them costs a pointer.
  struct Extras {
    std::string note;
    std::vector<int> answers;  // indices of the codebook questions it answers, as written
    std::string normalised;    // the written-bokmål layer, white space collapsed
  };
  const std::string& note() const { return extras_.p ? extras_.p->note : empty_; }
  const std::vector<int>& answers() const { return extras_.p ? extras_.p->answers : none_; }
  const std::string& normalised() const { return extras_.p ? extras_.p->normalised : empty_; }
  Extras& extras() {
    if (!extras_.p) extras_.p = std::make_unique<Extras>();
    return *extras_.p;
  }

  /// The coding file it was written in (one string per file, shared by its units).
  const std::string& file() const { return file_ ? *file_ : empty_; }
  void set_file(std::shared_ptr<const std::string> path) { file_ = std::move(path); }
  const std::shared_ptr<const std::string>& shared_file() const { return file_; }

 private:
  std::shared_ptr<const std::string> own_words_;  // never changed once made: copies share it
  std::shared_ptr<const std::string> file_;
  // A unique_ptr that copies what it points to, so that a copied unit owns its extras.
  struct ExtrasBox {
    std::unique_ptr<Extras> p;
    ExtrasBox() = default;
    ExtrasBox(const ExtrasBox& o) : p(o.p ? std::make_unique<Extras>(*o.p) : nullptr) {}
    ExtrasBox(ExtrasBox&&) noexcept = default;
    ExtrasBox& operator=(const ExtrasBox& o) {
      if (this != &o) p = o.p ? std::make_unique<Extras>(*o.p) : nullptr;
      return *this;
    }
    ExtrasBox& operator=(ExtrasBox&&) noexcept = default;
    ~ExtrasBox() = default;
  };
  ExtrasBox extras_;
  static inline const std::string empty_;
  static inline const std::vector<int> none_;
};

struct RoundData {
  study::Round spec;
  codebook::Codebook codebook;
  std::vector<transcript::Transcript> transcripts;  // natural order of file path
  std::vector<coding::CodingFile> coding;           // sorted by path; their `units` are
                                                    // resolved into `units` and not kept
  coding::Condensation condensation;
  std::vector<Unit> units;              // by transcript, then position in it
  std::vector<std::string> informants;  // natural order (B2 before B10)
  /// Ids of units that could not be placed (already reported) or were left out by --coder,
  /// and whether a coding file could not be read: later checks stay quiet about what follows
  /// from those.
  std::vector<std::string> failed_unit_ids;
  bool coding_failed = false;
  /// `<informant>-` of transcripts where a unit without an id could not be placed: their
  /// default ids may be shifted by one, so references to them are not checked (the unit's
  /// own error is reported; fixing it restores the numbering).
  std::vector<std::string> shifted_id_prefixes;
  /// The round's codebook could not be read (missing, or not YAML; already reported once):
  /// its codes are unknown for that reason, so unknown-code errors are not repeated per unit.
  bool codebook_failed = false;
  /// Ids written for a unit that was merged into another coder's unit with the same span
  /// (SPEC §5), each mapped to the id the merged unit kept.
  std::map<std::string, std::string> unit_aliases;

  /// Index of the unit with this id (or with the id an alias names), or -1.
  int find_unit(std::string_view id) const;
  /// Index of the transcript with this id, or -1.
  int find_transcript(std::string_view id) const;

  /// Id -> first index, made by the loader once `units` / `transcripts` are final, so that a
  /// look-up does not scan 100,000 units; a list whose length no longer matches its table
  /// (a RoundData made by hand, in tests) is searched one by one.
  std::unordered_map<std::string, int> unit_index;
  std::unordered_map<std::string, int> transcript_index;
  void index_units();
  void index_transcripts();
};

struct Study {
  std::filesystem::path root;
  study::Manifest manifest;
  std::vector<RoundData> rounds;  // manifest order (only the selected one with --round)
  std::string log;                // log.md, empty when absent
  bool has_log = false;
  std::map<std::string, std::string> input_hashes;  // study-relative path -> sha256
};

/// What to read: the whole study, or (for the step 1 aids such as `kwic`) the manifest and
/// the transcripts only, so that a coding file with a mistake does not stop a search.
enum class Scope { whole_study, transcripts };

struct Options {
  std::string round;  // empty: all rounds
  std::string coder;  // empty: all coders merged
  bool include_interviewer = false;
  Scope scope = Scope::whole_study;
  /// SHA-256 of every transcript and coding file (Study::input_hashes), for condense's
  /// manifest.json and verify; commands that only read the study leave it off.
  bool hash_inputs = true;
};

/// Loads the study at `root`. A missing manifest is a `missing` diagnostic (exit 66).
Study load(const std::filesystem::path& root, const Options& options, Diagnostics& diags);

/// Loads and merges codebook files (study-relative paths) for `codebook show/diff`.
codebook::Codebook load_codebook(const std::filesystem::path& root,
                                 const std::vector<std::string>& files, Diagnostics& diags);

/// Whether the unit counts in matrices: interviewer units only with include_interviewer.
inline bool counts(const Unit& u, const Options& o) {
  return !u.interviewer || o.include_interviewer;
}

}  // namespace ipcode::loader
