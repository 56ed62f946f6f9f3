/// Quote matching (SPEC §5): a quote occurs in a transcript after NFC, whitespace and line
/// breaks collapsed, ignoring case. `(…)`, `(...)`, `[…]`, `[...]` inside a quote stand for
/// omitted words: a gap of any length within one speaker turn. Other text in square brackets
/// is the researcher's clarification and is not matched. Speaker labels, page markers and
/// front matter are never part of the matched text. A match starts and ends at word
/// boundaries, so "under" does not match inside "underveis".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ipcode/transcript/transcript.hpp"

namespace ipcode::transcript {

struct QuoteMatch {
  int line_start = 0;
  int line_end = 0;
};

/// The folded, whitespace-collapsed speech of one transcript, built once and searched many
/// times.
class MatchIndex {
 public:
  explicit MatchIndex(const Transcript& t);

  /// Every place the quote occurs, within physical lines [from, to] (0, 0: anywhere), in
  /// order of position. An empty or gap-only quote gives no match.
  std::vector<QuoteMatch> find(std::string_view quote, int from = 0, int to = 0) const;

 private:
  struct Piece {
    std::size_t offset;  // in stream_
    int line;
    int turn;
  };
  int line_at(std::size_t offset) const;
  int turn_at(std::size_t offset) const;
  bool boundary_before(std::size_t offset) const;
  bool boundary_after(std::size_t offset) const;

  std::string stream_;
  std::vector<Piece> pieces_;  // one per text line with speech, in order
};

/// The quote's searchable segments: NFC, folded, clarifications removed, split at gaps,
/// whitespace collapsed. Exposed for tests.
std::vector<std::string> quote_segments(std::string_view quote);

/// A quote without the researcher's clarifications (`[brukeren]`), white space collapsed;
/// gap marks such as `(…)` and `[...]` stay, since they show where words were left out.
std::string strip_clarifications(std::string_view quote);

/// The spoken text of lines [from, to] joined with single spaces (labels removed).
std::string spoken_text(const Transcript& t, int from, int to);

}  // namespace ipcode::transcript
