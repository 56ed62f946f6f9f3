// Step 2 support: finding a meaning unit's quote in its transcript, as theses quote it.
#include "ipcode/transcript/match.hpp"

#include <algorithm>

#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

namespace ipcode::transcript {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v'; }

// Appends `s` to `out` with runs of white space collapsed to one space.
void append_collapsed(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      ++i;
      continue;
    }
    std::size_t j = i;  // a run of text is appended at once
    while (j < s.size() && !is_space(s[j])) ++j;
    out.append(s.data() + i, j - i);
    i = j;
  }
}

std::string collapse(std::string_view s) {
  std::string out;
  append_collapsed(out, s);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The code point that ends just before `offset` / starts at `offset`.
char32_t decode_at(std::string_view s, std::size_t offset) {
  const auto c = static_cast<unsigned char>(s[offset]);
  if (c < 0x80) return c;
  int len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  char32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len && offset + static_cast<std::size_t>(k) < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[offset + static_cast<std::size_t>(k)]) & 0x3F);
  }
  return cp;
}

std::size_t previous_start(std::string_view s, std::size_t offset) {
  std::size_t i = offset - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) != 0;
  // Latin letters with diacritics (æ ø å é ü ...), but not × and ÷.
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

bool is_gap(std::string_view inner) {
  return inner == "…" || inner == "..." || inner == ".." || inner == "....";
}

}  // namespace

std::vector<std::string> quote_segments(std::string_view quote) {
  const std::string q = text::fold(text::nfc(quote));
  std::vector<std::string> segments;
  std::string current;
  for (std::size_t i = 0; i < q.size();) {
    const char open = q[i];
    if (open == '(' || open == '[') {
      const char close = open == '(' ? ')' : ']';
      const auto end = q.find(close, i + 1);
      if (end != std::string::npos) {
        const std::string_view inner = std::string_view(q).substr(i + 1, end - i - 1);
        const auto t = inner.find_first_not_of(' ') == std::string_view::npos
                           ? std::string_view()
                           : inner.substr(inner.find_first_not_of(' '),
                                          inner.find_last_not_of(' ') - inner.find_first_not_of(' ') + 1);
        if (is_gap(t)) {  // omitted words
          segments.push_back(collapse(current));
          current.clear();
          i = end + 1;
          continue;
        }
        if (open == '[') {  // the researcher's clarification: not matched
          current += ' ';
          i = end + 1;
          continue;
        }
      }
    }
    current += q[i++];
  }
  segments.push_back(collapse(current));
  for (auto& s : segments) {
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  }
  segments.erase(std::remove(segments.begin(), segments.end(), std::string()), segments.end());
  return segments;
}

std::string strip_clarifications(std::string_view quote) {
  std::string out;
  for (std::size_t i = 0; i < quote.size(); ++i) {
    if (quote[i] == '[') {
      const auto end = quote.find(']', i + 1);
      if (end != std::string_view::npos) {
        const auto inner = trim(quote.substr(i + 1, end - i - 1));
        if (!is_gap(inner)) {
          i = end;
          continue;
        }
      }
    }
    out += quote[i];
  }
  std::string collapsed = collapse(out);
  while (!collapsed.empty() && collapsed.front() == ' ') collapsed.erase(0, 1);
  // "meg [koordinatoren] ." leaves "meg ." : no space before closing punctuation.
  for (std::size_t p = collapsed.find(" ."); p != std::string::npos; p = collapsed.find(" .", p)) {
    collapsed.erase(p, 1);
  }
  return collapsed;
}

std::string spoken_text(const Transcript& t, int from, int to) {
  std::string out;
  for (int n = std::max(1, from); n <= std::min(to, t.line_count()); ++n) {
    append_collapsed(out, t.spoken(n));
    if (!out.empty() && out.back() != ' ') out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(0, 1);
  return out;
}

MatchIndex::MatchIndex(const Transcript& t) {
  stream_.reserve(t.text.size());
  for (int n = 1; n <= t.line_count(); ++n) {
    const auto& line = t.lines[static_cast<std::size_t>(n - 1)];
    if (line.kind != LineKind::text) continue;
    const auto speech = t.spoken(n);
    if (speech.find_first_not_of(" \t\f") == std::string_view::npos) continue;
    if (!stream_.empty() && stream_.back() != ' ') stream_ += ' ';
    pieces_.push_back({stream_.size(), n, line.turn});
    append_collapsed(stream_, text::fold(speech));
  }
}

int MatchIndex::line_at(std::size_t offset) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), offset,
                             [](std::size_t o, const Piece& p) { return o < p.offset; });
  return it == pieces_.begin() ? pieces_.front().line : std::prev(it)->line;
}

int MatchIndex::turn_at(std::size_t offset) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), offset,
                             [](std::size_t o, const Piece& p) { return o < p.offset; });
  return it == pieces_.begin() ? pieces_.front().turn : std::prev(it)->turn;
}

bool MatchIndex::boundary_before(std::size_t offset) const {
  if (offset == 0) return true;
  if (!is_word_char(decode_at(stream_, offset))) return true;
  return !is_word_char(decode_at(stream_, previous_start(stream_, offset)));
}

bool MatchIndex::boundary_after(std::size_t offset) const {
  if (offset >= stream_.size() || offset == 0) return true;
  if (!is_word_char(decode_at(stream_, previous_start(stream_, offset)))) return true;
  return !is_word_char(decode_at(stream_, offset));
}

std::vector<QuoteMatch> MatchIndex::find(std::string_view quote, int from, int to) const {
  std::vector<QuoteMatch> out;
  const auto segments = quote_segments(quote);
  if (segments.empty() || pieces_.empty()) return out;
  std::size_t range_begin = 0, range_end = stream_.size();
  if (from > 0) {
    auto first = std::lower_bound(pieces_.begin(), pieces_.end(), from,
                                  [](const Piece& p, int line) { return p.line < line; });
    auto last = std::upper_bound(pieces_.begin(), pieces_.end(), to,
                                 [](int line, const Piece& p) { return line < p.line; });
    if (first == pieces_.end() || first >= last) return out;
    range_begin = first->offset;
    range_end = last == pieces_.end() ? stream_.size() : last->offset;
    while (range_end > range_begin && stream_[range_end - 1] == ' ') --range_end;
  }
  const std::string_view hay(stream_.data(), range_end);
  for (auto start = hay.find(segments[0], range_begin); start != std::string_view::npos;
       start = hay.find(segments[0], start + 1)) {
    if (!boundary_before(start)) continue;
    std::size_t end = start + segments[0].size();
    bool ok = true;
    for (std::size_t k = 1; k < segments.size() && ok; ++k) {
      // A gap stays within one speaker turn; take the nearest place that does.
      const int turn = turn_at(end == 0 ? 0 : end - 1);
      ok = false;
      for (auto next = hay.find(segments[k], end); next != std::string_view::npos;
           next = hay.find(segments[k], next + 1)) {
        if (turn_at(next) != turn) break;
        if (!boundary_before(next)) continue;
        end = next + segments[k].size();
        ok = true;
        break;
      }
    }
    if (!ok || !boundary_after(end)) continue;
    out.push_back({line_at(start), line_at(end - 1)});
  }
  return out;
}

}  // namespace ipcode::transcript
