/// Quote matching (SPEC §5). A quote occurs in a transcript when, after NFC, case folding and
/// white space collapsing (any Unicode white space, line breaks included), its text equals the
/// transcript's speech. Typographic variants count as equal in matching only: `...` and `…`,
/// straight and curly quotation marks and apostrophes, « », and the dashes `-` `–` `—`; white
/// space next to a dash or a full stop is ignored ("ja…men" = "ja ... men", "ord – ord" =
/// "ord-ord").
///
/// `(…)`, `(...)`, `[…]`, `[...]` inside a quote stand for omitted words: the parts between
/// them (segments) must occur in order, all within one speaker turn (a quote without a gap
/// may run from one turn into the next: a question and its answer). Every segment matches
/// whole words at both ends ("skr (…)" does not match "skrev"). Any placement of the segments
/// that fits is a match (not only the nearest occurrence of each); placements that cover the
/// same lines count once. Other text in square brackets is the researcher's clarification
/// (`[brukeren]`) and is not matched. Speaker labels, page markers and front matter are never
/// part of the matched text. An interviewer turn that holds only a back-channel ("ja", "mm",
/// "mhm", "hm", "ok", "jaha", "nettopp", "ja vel") between two turns of the same informant is
/// left out, as if the informant's turn went on.
#pragma once

#include "ipcode/transcript/transcript.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::transcript {

namespace detail {
class SourceMap;
}

struct QuoteMatch {
  int line_start = 0;
  int line_end = 0;
  /// The transcript's own text of each matched segment (NFC, white space and line breaks as
  /// single spaces), joined by the quote's own gap marks ("(…)", "[...]") where it left words
  /// out, with the quote's clarifications (`[brukeren]`) kept where the quote had them. A gap
  /// at the start or end of the quote is kept too. A skipped back-channel turn is left out.
  std::string text;
  /// Byte offsets in Transcript::text of the first matched character and just past the last
  /// one: two quotes match the same span when these are equal (SPEC §5, merging coders).
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Where the closest near-match of a quote breaks off, for the "not found" message.
struct QuoteMiss {
  int line = 0;                 // the line of the first differing transcript word
  std::string quote_word;       // the quote's word there (folded)
  std::string transcript_word;  // the transcript's word there, as written; empty when the
                                // turn (or the lines given) ends before `quote_word`
};

/// The folded, whitespace-collapsed speech of one transcript, built once and searched many
/// times. Holds a map from every byte of the folded text back to the transcript's text.
/// Which speaker turns go on across a back-channel (SPEC §5): worked out once per transcript
/// and shared by the indexes made for some of its lines.
struct TurnContinuation {
  std::vector<int> effective;  // the turn each turn's lines count as
  std::vector<char> skipped;   // a back-channel turn, left out of the matched text
};
TurnContinuation continue_turns(const Transcript& t);

class MatchIndex {
 public:
  /// A search over more than `index_from` bytes for a segment that starts with a word looks
  /// only where a word starts with the segment's first four bytes, in an index of word starts
  /// built on first use, instead of scanning; tests set it to compare both ways.
  explicit MatchIndex(const Transcript& t, std::size_t index_from = 4096);
  /// An index of physical lines [from, to] only (a unit given with `lines`): find(quote,
  /// from, to) and closest(quote, from, to) give exactly what the whole index gives; a search
  /// outside those lines finds nothing.
  MatchIndex(const Transcript& t, const TurnContinuation& turns, int from, int to);
  ~MatchIndex();
  MatchIndex(const MatchIndex&) = delete;
  MatchIndex& operator=(const MatchIndex&) = delete;

  /// find() stops after this many distinct placements plus one.
  static constexpr std::size_t kMaxMatches = 50;

  /// Every distinct placement of the quote (by line span), within physical lines [from, to]
  /// (0, 0: anywhere), in order of position; at most kMaxMatches + 1. An empty or gap-only
  /// quote gives no match. Not safe to call from two threads at once on one index.
  std::vector<QuoteMatch> find(std::string_view quote, int from = 0, int to = 0) const;

  /// For a quote find() does not find: the place where the most of its words line up, and the
  /// first word that differs there. nullopt when no word of the quote's first part occurs, or
  /// when every word lines up and only punctuation differs.
  std::optional<QuoteMiss> closest(std::string_view quote, int from = 0, int to = 0) const;

 private:
  struct Piece {
    std::uint32_t begin;  // in stream_
    std::uint32_t end;
    int line;
    int turn;  // effective turn: a skipped back-channel joins the turns around it
  };
  struct Range {
    std::size_t begin;
    std::size_t end;
  };
  Range range(int from, int to) const;
  std::size_t piece_at(std::size_t offset) const;
  int line_at(std::size_t offset) const { return pieces_[piece_at(offset)].line; }
  int turn_at(std::size_t offset) const { return pieces_[piece_at(offset)].turn; }
  bool word_edge(std::size_t offset) const;
  std::string original(std::size_t begin, std::size_t end) const;

  void build(const TurnContinuation& turns, int from, int to);
  const Transcript& t_;
  std::string stream_;
  std::size_t source_end(std::size_t end) const;
  std::uint32_t source(std::size_t offset) const;  // where stream_[offset]'s character starts
  std::unique_ptr<detail::SourceMap> source_;      // in t_.text
  std::vector<Piece> pieces_;                      // one per text line with speech, in order
  // Where the words of stream_ start, bucketed by their first four bytes: built on the first
  // search over a long range (quotes without `lines`), which then compares the segment only
  // there. (A scan of the whole transcript for each such quote made placing them quadratic.)
  struct StartIndex;
  mutable std::unique_ptr<StartIndex> starts_;
  std::size_t index_from_;
  const StartIndex& starts() const;
};

/// The quote's searchable segments in their folded matching form, clarifications removed,
/// split at gaps. Exposed for tests.
std::vector<std::string> quote_segments(std::string_view quote);

/// A quote without the researcher's clarifications (`[brukeren]`), white space collapsed;
/// gap marks such as `(…)` and `[...]` stay, since they show where words were left out. Only
/// the space a removed clarification leaves before punctuation goes ("meg [B2] ." -> "meg.");
/// every other character, the informant's punctuation included, stays as it is.
std::string strip_clarifications(std::string_view quote);

/// The spoken text of lines [from, to] joined with single spaces (labels removed).
std::string spoken_text(const Transcript& t, int from, int to);

}  // namespace ipcode::transcript
