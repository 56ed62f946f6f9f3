// Private to src/transcript: a quote taken apart for matching, and the folded matching form
// shared by the quote and the transcript index (SPEC §5).
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipcode::transcript::detail {

// White space next to these is not matched: "ja…men" = "ja ... men", "ord – ord" = "ord-ord".
inline bool absorbs_space(char c) { return c == '-' || c == '.'; }

// From each byte of a matching form back to the start of the source character it came from,
// kept as runs rather than one offset per byte (which cost 4 bytes and a store per transcript
// byte). In a run where every character's folded form is as long as its source (ASCII, æøå,
// most letters), form byte k comes from source byte start + k, snapped back to the start of
// its character; a character whose form has another length gets a run of its own.
class SourceMap {
 public:
  // The form bytes [form_begin, form_begin + length) came from the source character at
  // `source`, `source_length` bytes long.
  void add(std::uint32_t form_begin, std::uint32_t length, std::uint32_t source,
           std::uint32_t source_length) {
    const bool same = length == source_length;
    if (!(same && open_ && form_begin == next_form_ && source == next_source_)) {
      runs_.push_back({form_begin, source, same});
    }
    open_ = same;
    next_form_ = form_begin + length;
    next_source_ = source + source_length;
  }
  // The start of the source character behind form byte `offset`, in `source_text`.
  std::uint32_t at(std::size_t offset, std::string_view source_text) const;
  std::size_t runs() const { return runs_.size(); }

 private:
  struct Run {
    std::uint32_t form;
    std::uint32_t source;
    bool same_length;
  };
  std::vector<Run> runs_;
  bool open_ = false;
  std::uint32_t next_form_ = 0;
  std::uint32_t next_source_ = 0;
};

// Builds the matching form: folded, typographic variants unified, white space collapsed to
// one space, none at either end. With `map`, records where every byte came from (a space put
// in for a run of white space comes from the run's first character, or from the next
// character after a line break).
class Folder {
 public:
  Folder(std::string& out, SourceMap* map) : out_(out), map_(map) {}
  void space() {
    pending_ = true;
    space_source_ = kNone;
  }
  void cancel_space() { pending_ = false; }
  // The usual case, an ASCII character, without a call into ICU.
  void add_ascii(char c, std::uint32_t source) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      if (!pending_) space_source_ = source, space_length_ = 1;
      pending_ = true;
      return;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    if (pending_ && !out_.empty() && !absorbs_space(out_.back()) && !absorbs_space(c)) {
      push_space(source);
    }
    pending_ = false;
    out_ += c;
    if (map_ != nullptr) map_->add(static_cast<std::uint32_t>(out_.size() - 1), 1, source, 1);
  }
  void add(char32_t c, std::uint32_t source, std::uint32_t source_length);
  // A run of plain() characters, appended in one go (the bulk of a transcript).
  void add_plain(std::string_view run, std::uint32_t source) {
    if (pending_ && !out_.empty() && !absorbs_space(out_.back())) push_space(source);
    pending_ = false;
    const std::size_t at = out_.size();
    out_.resize(at + run.size());
    char* const to = out_.data() + at;
    std::size_t k = 0;
#if defined(__SSE2__)
    for (; k + 16 <= run.size(); k += 16) {  // A-Z to a-z, 16 bytes at a time
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(run.data() + k));
      const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(to + k),
                       _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
    }
#endif
    for (; k < run.size(); ++k) {
      const char c = run[k];
      to[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    if (map_ != nullptr) {
      const auto n = static_cast<std::uint32_t>(run.size());
      map_->add(static_cast<std::uint32_t>(at), n, source, n);
    }
  }
  // ASCII that add_ascii() only lowercases: not white space, not a control character, and no
  // '-' or '.' (white space next to those is dropped).
  static constexpr bool plain(char c) { return c > ' ' && c < 0x7F && c != '-' && c != '.'; }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;
  void push_space(std::uint32_t next_source) {
    out_ += ' ';
    if (map_ == nullptr) return;
    const auto at = static_cast<std::uint32_t>(out_.size() - 1);
    if (space_source_ == kNone) {
      map_->add(at, 1, next_source, 0);  // a line break: no character of its own
    } else {
      map_->add(at, 1, space_source_, space_length_);
    }
  }
  void push(std::string_view bytes, std::uint32_t source, std::uint32_t source_length) {
    out_ += bytes;
    if (map_ != nullptr) {
      map_->add(static_cast<std::uint32_t>(out_.size() - bytes.size()),
                static_cast<std::uint32_t>(bytes.size()), source, source_length);
    }
  }
  std::string& out_;
  SourceMap* map_;
  std::string form_;
  bool pending_ = false;
  std::uint32_t space_source_ = kNone;
  std::uint32_t space_length_ = 0;
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

// The first place at or after `from` where `key` stands in `hay` (as std::string_view::find),
// or npos: the search of MatchIndex::find (match.cpp).
std::size_t find_key(std::string_view hay, std::size_t from, std::string_view key);

}  // namespace ipcode::transcript::detail
