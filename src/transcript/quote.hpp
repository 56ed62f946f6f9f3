// Private to src/transcript: a quote taken apart for matching, and the folded matching form
// shared by the quote and the transcript index (SPEC §5).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipcode::transcript::detail {

// White space next to these is not matched: "ja…men" = "ja ... men", "ord – ord" = "ord-ord".
inline bool absorbs_space(char c) { return c == '-' || c == '.'; }

// Builds the matching form: folded, typographic variants unified, white space collapsed to
// one space, none at either end. With `map`, records for every byte the offset of the
// source character it came from.
class Folder {
 public:
  Folder(std::string& out, std::vector<std::uint32_t>* map) : out_(out), map_(map) {}
  void space() { pending_ = true; }
  void cancel_space() { pending_ = false; }
  // The usual case, an ASCII character, without a call into ICU.
  void add_ascii(char c, std::uint32_t source) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      pending_ = true;
      return;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    if (pending_ && !out_.empty() && !absorbs_space(out_.back()) && !absorbs_space(c)) {
      push(" ", source);
    }
    pending_ = false;
    push(std::string_view(&c, 1), source);
  }
  void add(char32_t c, std::uint32_t source);

 private:
  void push(std::string_view bytes, std::uint32_t source) {
    out_ += bytes;
    if (map_ != nullptr) map_->insert(map_->end(), bytes.size(), source);
  }
  std::string& out_;
  std::vector<std::uint32_t>* map_;
  std::string form_;
  bool pending_ = false;
};

// One part of a quote between gaps, in matching form, with the researcher's clarifications
// and where in the matching form they stood.
struct Segment {
  std::string key;
  std::vector<std::pair<std::size_t, std::string>> notes;
};

struct ParsedQuote {
  std::vector<Segment> segments;
  std::vector<std::string> gaps;  // the gap mark as written after each segment but the last
  std::string gap_before;         // a gap mark before the first segment, if any
  std::string gap_after;          // ... and after the last one
};

ParsedQuote parse_quote(std::string_view quote);

// Punctuation that closes: no space before it.
bool is_closing(std::string_view s);
// Appends `s` to `out` with runs of Unicode white space as one space.
void append_collapsed(std::string& out, std::string_view s);
// s without spaces at either end.
std::string trimmed(std::string s);
// Joins parts with one space, except before closing punctuation.
std::string join_parts(const std::vector<std::string>& parts);
// The folded words of s joined by single spaces ("Ja, vel." -> "ja vel").
std::string word_string(std::string_view s);

}  // namespace ipcode::transcript::detail
