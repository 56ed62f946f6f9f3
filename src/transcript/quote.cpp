// Step 2 support: a quote taken apart as theses write it (gaps, clarifications), and the
// folded form quotes and transcripts are matched in (SPEC §5).
#include "quote.hpp"

#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/match.hpp"

#include <algorithm>
#include <memory>

namespace ipcode::transcript {
namespace detail {
namespace {

bool is_gap(std::string_view inner) {
  return inner == "…" || inner == "..." || inner == ".." || inner == "....";
}

}  // namespace

void Folder::add(char32_t c, std::uint32_t source, std::uint32_t source_length) {
  if (c < 0x80) {
    add_ascii(static_cast<char>(c), source);
    return;
  }
  if (text::is_space(c)) {
    if (!pending_) space_source_ = source, space_length_ = source_length;
    pending_ = true;
    return;
  }
  form_.clear();
  text::append_match_form(form_, c);
  if (pending_ && !out_.empty() && !absorbs_space(out_.back()) && !absorbs_space(form_.front())) {
    push_space(source);
  }
  pending_ = false;
  push(form_, source, source_length);
}

std::uint32_t SourceMap::at(std::size_t offset, std::string_view source_text) const {
  auto it = std::upper_bound(runs_.begin(), runs_.end(), offset,
                             [](std::size_t o, const Run& r) { return o < r.form; });
  if (it == runs_.begin()) return 0;
  --it;
  if (!it->same_length) return it->source;
  std::size_t s = it->source + (offset - it->form);
  while (s > it->source && s < source_text.size() &&
         (static_cast<unsigned char>(source_text[s]) & 0xC0) == 0x80)
    --s;
  return static_cast<std::uint32_t>(s);
}

// Punctuation that closes: no space before it when a clarification removed before it.
bool is_closing(std::string_view s) {
  if (s.empty()) return false;
  const char32_t c = text::decode_at(s, 0).value;
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == ']' || c == 0xBB || c == 0x201D || c == 0x2019 || c == 0x2026;
}

ParsedQuote parse_quote(std::string_view quote) {
  const std::string q = text::nfc(quote);
  // First the quote as a sequence of parts and gap marks, then empty parts dropped.
  std::vector<Segment> parts(1);
  std::vector<std::string> marks;  // marks[k]: the gap mark after parts[k]
  auto folder = std::make_unique<Folder>(parts.back().key, nullptr);
  for (std::size_t i = 0; i < q.size();) {
    const char open = q[i];
    if (open == '(' || open == '[') {
      const auto close = q.find(open == '(' ? ')' : ']', i + 1);
      if (close != std::string::npos) {
        const auto inner = trim(std::string_view(q).substr(i + 1, close - i - 1));
        if (is_gap(inner)) {  // omitted words
          marks.push_back(q.substr(i, close - i + 1));
          parts.emplace_back();
          folder = std::make_unique<Folder>(parts.back().key, nullptr);
          i = close + 1;
          continue;
        }
        if (open == '[') {  // the researcher's clarification: kept for the text, not matched
          parts.back().notes.emplace_back(parts.back().key.size(), q.substr(i, close - i + 1));
          std::size_t next = close + 1;
          while (next < q.size() && (q[next] == ' ' || q[next] == '\t')) ++next;
          if (is_closing(std::string_view(q).substr(next))) {
            folder->cancel_space();
          } else {
            folder->space();
          }
          i = close + 1;
          continue;
        }
      }
    }
    if (Folder::plain(open)) {  // a run of plain characters at once, as MatchIndex::build
      std::size_t end = i + 1;  // folds them; '(' and '[' may open a gap or a clarification
      while (end < q.size() && Folder::plain(q[end]) && q[end] != '(' && q[end] != '[') ++end;
      folder->add_plain(std::string_view(q).substr(i, end - i), 0);
      i = end;
      continue;
    }
    if (static_cast<unsigned char>(open) < 0x80) {  // as MatchIndex::build folds ASCII
      folder->add_ascii(open, 0);
      ++i;
      continue;
    }
    const auto c = text::decode_at(q, i);
    folder->add(c.value, 0, 0);
    i += c.size;
  }
  ParsedQuote out;
  std::string pending;  // the first gap mark since the last part with text
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (!parts[k].key.empty()) {
      if (out.segments.empty()) {
        out.gap_before = pending;
      } else {
        out.gaps.push_back(pending);
      }
      for (auto& n : parts[k].notes) n.first = std::min(n.first, parts[k].key.size());
      out.segments.push_back(std::move(parts[k]));
      pending.clear();
    }
    if (k < marks.size() && pending.empty()) pending = marks[k];
  }
  if (!out.segments.empty()) out.gap_after = pending;
  return out;
}

// Appends `s` to `out` with runs of Unicode white space as one space.
void append_collapsed(std::string& out, std::string_view s) {
  std::size_t start = 0;  // of the characters not yet appended, none of them white space
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b > 0x20 && b < 0x7F) {  // visible ASCII: never white space
      ++i;
      continue;
    }
    // One space between a visible character and visible ASCII (most word gaps) stays as it is.
    if (b == ' ' && i > start && i + 1 < s.size()) {
      const auto next = static_cast<unsigned char>(s[i + 1]);
      if (next > 0x20 && next < 0x7F) {
        i += 2;
        continue;
      }
    }
    const auto c = text::decode_at(s, i);
    if (text::is_space(c.value)) {
      out.append(s.substr(start, i - start));
      if (!out.empty() && out.back() != ' ') out += ' ';
      start = i + c.size;
    }
    i += c.size;
  }
  out.append(s.substr(start));
}

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  const auto first = s.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : s.substr(first);
}

// Joins parts with one space, except before closing punctuation.
std::string join_parts(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty() && !is_closing(p)) out += ' ';
    out += p;
  }
  return out;
}

// The folded words of s joined by single spaces ("Ja, vel." -> "ja vel").
std::string word_string(std::string_view s) {
  std::string out;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = text::decode_at(s, i);
    if (text::is_word_char(c.value)) {
      if (!in_word && !out.empty()) out += ' ';
      text::append_match_form(out, c.value);
      in_word = true;
    } else {
      in_word = false;
    }
    i += c.size;
  }
  return out;
}

}  // namespace detail

using namespace detail;

std::vector<std::string> quote_segments(std::string_view quote) {
  std::vector<std::string> out;
  for (auto& s : parse_quote(quote).segments) out.push_back(std::move(s.key));
  return out;
}

std::string strip_clarifications(std::string_view quote) {
  std::string collapsed;
  if (quote.find('[') == std::string_view::npos) {  // most quotes: nothing to take out
    append_collapsed(collapsed, quote);
    return trimmed(std::move(collapsed));
  }
  std::string out;
  for (std::size_t i = 0; i < quote.size(); ++i) {
    if (quote[i] == '[') {
      auto end = quote.find(']', i + 1);
      if (end != std::string_view::npos && !is_gap(trim(quote.substr(i + 1, end - i - 1)))) {
        // The clarification goes, and the space it leaves before punctuation with it
        // ("meg [B2]." and "meg [B2] ." become "meg.").
        std::size_t next = end + 1;
        while (next < quote.size() && (quote[next] == ' ' || quote[next] == '\t')) ++next;
        if (is_closing(quote.substr(next))) {
          while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
          end = next - 1;
        }
        i = end;
        continue;
      }
    }
    out += quote[i];
  }
  append_collapsed(collapsed, out);
  return trimmed(std::move(collapsed));
}

std::string spoken_text(const Transcript& t, int from, int to) {
  std::string out;
  for (int n = std::max(1, from); n <= std::min(to, t.line_count()); ++n) {
    append_collapsed(out, t.spoken(n));
    if (!out.empty() && out.back() != ' ') out += ' ';
  }
  return trimmed(std::move(out));
}

}  // namespace ipcode::transcript
