/// Agreement between two coders (SPEC §11): percent agreement, Cohen's kappa and
/// Krippendorff's alpha (nominal), per code and pooled over codes, over units of analysis
/// cut from the transcripts' informant speech: ICU sentences (text::sentences, with the
/// Norwegian abbreviation exceptions) or single characters (NVivo's way).
///
/// Everything here is pure: the caller (cli) loads the study and hands over, per transcript,
/// each coder's units. A statistic that is undefined (no units; or, for kappa and alpha, every
/// unit given the same value by both coders, so that there is no variation to correct for
/// chance) is std::nullopt, never NaN.
#pragma once

#include "ipcode/codebook/codebook.hpp"
#include "ipcode/loader/study.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ipcode::agree {

// --- The statistics, on any nominal data ---------------------------------------------------

/// Cohen's kappa of a k×k contingency table (rows: coder A's category, columns: coder B's;
/// cells are counts or weights). Undefined when the table is empty, not square, or the
/// expected agreement is 1 (both coders used one and the same category for every unit).
std::optional<double> cohen_kappa(const std::vector<std::vector<double>>& table);

/// Krippendorff's alpha for nominal data: `units[u]` holds the values the coders gave unit u
/// (any number of coders; a missing value is simply absent). Units with fewer than two values
/// are not pairable and are left out, as Krippendorff (2011) prescribes. Undefined when no
/// unit is pairable or only one value occurs among the pairable ones (expected disagreement 0).
std::optional<double> krippendorff_alpha_nominal(const std::vector<std::vector<int>>& units);

/// One code's 2×2 table for two coders: units (or characters) where the code is present for
/// both, only A, only B, neither.
struct Counts {
  std::uint64_t both = 0;
  std::uint64_t only_a = 0;
  std::uint64_t only_b = 0;
  std::uint64_t neither = 0;

  std::uint64_t n() const { return both + only_a + only_b + neither; }
  Counts& operator+=(const Counts& o);
};

/// Share of units on which the two coders agree (both or neither); undefined when n = 0.
std::optional<double> percent_agreement(const Counts& c);
/// Cohen's kappa of the 2×2 table.
std::optional<double> cohen_kappa(const Counts& c);
/// Krippendorff's alpha (nominal, two coders, no missing values) of the 2×2 table:
/// 1 − (2n − 1)·(only_a + only_b) / (n₀·n₁), with n₁ = 2·both + only_a + only_b the times
/// "present" was given and n₀ = 2n − n₁.
std::optional<double> krippendorff_alpha(const Counts& c);

// --- Units of analysis ---------------------------------------------------------------------

/// A stretch of informant speech in a transcript: a sentence, or (with Unit::character) a run
/// of characters coded alike. Offsets are bytes into Transcript::text.
struct Segment {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  int line_start = 0;
  int line_end = 0;
  int page_start = 1;
  int page_end = 1;
  std::string speaker;  // the turn's label (the transcript's informant without labels)
};

/// The sentences of a transcript's informant speech, in order. Interviewer turns, page
/// markers and front matter are not units; lines before the first speaker label count only
/// when the transcript has no labels at all (then all of it is the informant's). A sentence
/// runs across the lines of one turn; it never runs across turns. Trailing white space is
/// not part of a sentence.
std::vector<Segment> sentences(const transcript::Transcript& t);

enum class UnitKind { sentence, character };

// --- The comparison ------------------------------------------------------------------------

/// One transcript coded by both sides: the units each side wrote for it.
struct Pair {
  const transcript::Transcript* transcript = nullptr;
  const codebook::Codebook* codebook = nullptr;  // the transcript's round's codebook
  std::vector<const loader::Unit*> a;
  std::vector<const loader::Unit*> b;
};

struct CodeRow {
  std::string id;  // the node id at the chosen level
  std::string label;
  Counts counts;
};

/// A sentence the two coders coded differently, with each one's codes (ids at the level).
struct Disagreement {
  const transcript::Transcript* transcript = nullptr;
  Segment sentence;
  std::vector<std::string> codes_a;
  std::vector<std::string> codes_b;
};

struct Result {
  std::vector<CodeRow> codes;  // codes either coder used, in codebook order (rounds in order)
  Counts pooled;               // the codes' tables added up: one decision per unit and code
  std::uint64_t units = 0;     // sentences, or characters
  std::uint64_t sentences = 0;
  std::uint64_t identical = 0;              // sentences both coders gave exactly the same codes
  std::vector<Disagreement> disagreements;  // by transcript (as given), then position
};

/// Compares the two sides over the pairs' transcripts. A sentence (or character) counts as
/// coded with a code when a unit with that code overlaps it (SPEC §11). Codes are taken to
/// `level`: a subgroup counts as its group or theme; a code above the level stays as it is.
/// Disagreements are always listed by sentence (with `character`, a sentence whose two code
/// sets differ).
Result compare(const std::vector<Pair>& pairs, UnitKind unit, codebook::Level level);

}  // namespace ipcode::agree
