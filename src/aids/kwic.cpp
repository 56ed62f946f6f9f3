#include "ipcode/aids/kwic.hpp"

#include "ipcode/aids/scan.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

#include <array>
#include <string_view>

namespace ipcode::aids {
namespace {

using transcript::LineKind;
using transcript::Transcript;

// Appends `s` with every run of white space as one space.
void append_collapsed(std::string& out, std::string_view s) {
  for (std::size_t at = 0; at < s.size();) {
    const auto c = text::decode_at(s, at);
    if (text::is_space(c.value)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out.append(s.substr(at, c.size));
    }
    at += c.size;
  }
}

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  std::size_t n = 0;
  while (n < s.size() && s[n] == ' ') ++n;
  return s.erase(0, n);
}

const transcript::Line& line_of(const Transcript& t, int n) {
  return t.lines[static_cast<std::size_t>(n - 1)];
}

// The speech of the turn from byte `begin` on line `first` to byte `end` on line `last`,
// page markers left out, line breaks as spaces.
std::string speech(const Transcript& t, std::size_t begin, int first, std::size_t end, int last) {
  std::string out;
  for (int n = first; n <= last; ++n) {
    const auto& l = line_of(t, n);
    if (l.kind != LineKind::text) continue;
    const std::size_t b = n == first ? begin : l.speech_begin;
    const std::size_t e = n == last ? end : l.end;
    if (!out.empty()) out += ' ';
    if (e > b) append_collapsed(out, std::string_view(t.text).substr(b, e - b));
  }
  return trimmed(std::move(out));
}

// Whether line `n` may be part of turn `turn`'s context: its text, or a page marker inside it.
bool same_turn(const Transcript& t, int n, int turn) {
  const auto& l = line_of(t, n);
  return l.kind == LineKind::page_marker || (l.kind == LineKind::text && l.turn == turn);
}

// The context needs `width` columns and one more, to know whether it is cut; columns are
// counted without white space (which may collapse), so a window holds at least that many. Only
// that much of a line is copied: a hit in a long line (a turn of thousands of words on one
// line) copied the whole line before it, which made the search quadratic.
// Where the last `need` counted columns of text[b, e) begin (b if there are fewer); `need`
// is lowered by the columns found.
std::size_t window_start(std::string_view text, std::size_t b, std::size_t e, std::size_t& need) {
  std::size_t at = e;
  while (at > b && need > 0) {
    at = text::previous_start(text, at);
    const char32_t c = text::decode_at(text, at).value;
    if (!text::is_space(c) && text::column_width(c) > 0) --need;
  }
  return at;
}

// Where the first `need` counted columns of text[b, e) end (e if there are fewer).
std::size_t window_end(std::string_view text, std::size_t b, std::size_t e, std::size_t& need) {
  std::size_t at = b;
  while (at < e && need > 0) {
    const auto c = text::decode_at(text, at);
    if (!text::is_space(c.value) && text::column_width(c.value) > 0) --need;
    at += c.size;
  }
  return at;
}

std::string left_context(const Transcript& t, const ScanWord& w, std::size_t width) {
  std::size_t need = width + 1;
  int first = w.line;
  std::size_t begin = window_start(t.text, line_of(t, w.line).speech_begin, w.begin, need);
  while (need > 0 && first > 1 && same_turn(t, first - 1, w.turn)) {
    --first;
    const auto& l = line_of(t, first);
    if (l.kind == LineKind::text) begin = window_start(t.text, l.speech_begin, l.end, need);
  }
  // A page marker first: the context starts on the text line after it, where `begin` is.
  while (first < w.line && line_of(t, first).kind != LineKind::text) ++first;
  return cut(speech(t, begin, first, w.begin, w.line), width, true);
}

std::string right_context(const Transcript& t, const ScanWord& w, std::size_t width) {
  std::size_t need = width + 1;
  int last = w.line;
  std::size_t end = window_end(t.text, w.end, line_of(t, w.line).end, need);
  while (need > 0 && last < t.line_count() && same_turn(t, last + 1, w.turn)) {
    ++last;
    const auto& l = line_of(t, last);
    if (l.kind == LineKind::text) end = window_end(t.text, l.speech_begin, l.end, need);
  }
  while (last > w.line && line_of(t, last).kind != LineKind::text) --last;
  return cut(speech(t, w.end, w.line, end, last), width, false);
}

}  // namespace

std::string cut(std::string_view s, std::size_t width, bool keep_end) {
  if (text::display_width(s) <= width) return std::string(s);
  if (width == 0) return {};
  const std::size_t budget = width - 1;  // "…" takes one column
  std::size_t used = 0;
  if (keep_end) {
    std::size_t start = s.size();
    for (std::size_t at = s.size(); at > 0;) {
      at = text::previous_start(s, at);
      const int w = text::column_width(text::decode_at(s, at).value);
      if (w == 0) continue;  // a mark goes with the letter before it
      if (used + static_cast<std::size_t>(w) > budget) break;
      used += static_cast<std::size_t>(w);
      start = at;
    }
    std::string_view kept = s.substr(start);
    while (kept.starts_with(' ')) kept.remove_prefix(1);
    return "\u2026" + std::string(kept);
  }
  std::size_t end = 0;
  for (std::size_t at = 0; at < s.size();) {
    const auto c = text::decode_at(s, at);
    const int w = text::column_width(c.value);
    if (w > 0 && used + static_cast<std::size_t>(w) > budget) break;
    used += static_cast<std::size_t>(w);
    at += c.size;
    end = at;
  }
  std::string_view kept = s.substr(0, end);
  while (kept.ends_with(' ')) kept.remove_suffix(1);
  return std::string(kept) + "\u2026";
}

std::vector<Hit> kwic(const Transcript& t, std::size_t index, const Pattern& pattern,
                      const KwicOptions& options) {
  std::vector<Hit> hits;
  WordMatcher matcher(pattern);
  const std::size_t k = pattern.words.size();
  const std::uint32_t last_bit = std::uint32_t{1} << (k - 1);
  // The last k words of the current run (words of one turn), with the pattern words each
  // matches; a ring, so nothing is allocated per word.
  std::array<ScanWord, Pattern::kMaxWords> ring{};
  std::array<std::uint32_t, Pattern::kMaxWords> bits{};
  std::size_t run = 0;  // words in the current run
  int turn = -2;
  bool skip_turn = false;
  const std::string_view s(t.text);
  for_each_word(t, [&](const ScanWord& w) {
    if (w.turn != turn) {
      turn = w.turn;
      run = 0;
      const std::string_view speaker =
          turn >= 0 ? std::string_view(t.turns[static_cast<std::size_t>(turn)].speaker)
                    : std::string_view();
      skip_turn = !options.speaker.empty() && speaker != options.speaker;
    }
    if (skip_turn) return;
    const std::uint32_t m = matcher.match(s.substr(w.begin, w.end - w.begin));
    ring[run % k] = w;
    bits[run % k] = m;
    ++run;
    if ((m & last_bit) == 0 || run < k) return;
    for (std::size_t j = 0; j + 1 < k; ++j) {
      if ((bits[(run - k + j) % k] & (std::uint32_t{1} << j)) == 0) return;
    }
    const ScanWord& first = ring[(run - k) % k];
    Hit h;
    h.transcript = index;
    h.line = first.line;
    h.line_end = w.line;
    h.page = line_of(t, first.line).page;
    h.page_end = line_of(t, w.line).page;
    if (turn >= 0) h.speaker = t.turns[static_cast<std::size_t>(turn)].speaker;
    h.match = speech(t, first.begin, first.line, w.end, w.line);
    h.left = left_context(t, first, options.width);
    h.right = right_context(t, w, options.width);
    hits.push_back(std::move(h));
  });
  return hits;
}

std::string reference(const std::string& lang, const Hit& hit) {
  return format(i18n::tr_in(lang, "p.{1} l.{2}"),
                {range_text(hit.page, hit.page_end), range_text(hit.line, hit.line_end)});
}

}  // namespace ipcode::aids
