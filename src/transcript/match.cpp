// Step 2 support: finding a meaning unit's quote in its transcript, as theses quote it.
#include "ipcode/transcript/match.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <sstream>

#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

namespace ipcode::transcript {
namespace {

using namespace std::string_view_literals;

// White space next to these is not matched: "ja…men" = "ja ... men", "ord – ord" = "ord-ord".
bool absorbs_space(char c) { return c == '-' || c == '.'; }

// Punctuation that closes: no space before it when a clarification removed before it.
bool is_closing(std::string_view s) {
  if (s.empty()) return false;
  const char32_t c = text::decode_at(s, 0).value;
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == ']' || c == 0xBB || c == 0x201D || c == 0x2019 || c == 0x2026;
}

bool is_gap(std::string_view inner) {
  return inner == "…" || inner == "..." || inner == ".." || inner == "....";
}

// Builds the matching form (SPEC §5): folded, typographic variants unified, white space
// collapsed to one space, none at either end. With `map`, records for every byte the
// offset of the source character it came from.
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
      out_ += ' ';
      if (map_ != nullptr) map_->push_back(source);
    }
    pending_ = false;
    out_ += c;
    if (map_ != nullptr) map_->push_back(source);
  }
  void add(char32_t c, std::uint32_t source) {
    if (c < 0x80) {
      add_ascii(static_cast<char>(c), source);
      return;
    }
    if (text::is_space(c)) {
      pending_ = true;
      return;
    }
    form_.clear();
    text::append_match_form(form_, c);
    if (pending_ && !out_.empty() && !absorbs_space(out_.back()) && !absorbs_space(form_.front())) {
      push(" ", source);
    }
    pending_ = false;
    push(form_, source);
  }

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
    const auto c = text::decode_at(q, i);
    folder->add(c.value, 0);
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
  for (std::size_t i = 0; i < s.size();) {
    const auto c = text::decode_at(s, i);
    if (text::is_space(c.value)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out.append(s.substr(i, c.size));
    }
    i += c.size;
  }
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

constexpr std::array kBackChannels = {"ja"sv, "mm"sv, "mhm"sv, "hm"sv, "ok"sv, "jaha"sv,
                                      "nettopp"sv, "ja vel"sv};

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

}  // namespace

std::vector<std::string> quote_segments(std::string_view quote) {
  std::vector<std::string> out;
  for (auto& s : parse_quote(quote).segments) out.push_back(std::move(s.key));
  return out;
}

std::string strip_clarifications(std::string_view quote) {
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
  std::string collapsed;
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

MatchIndex::MatchIndex(const Transcript& t) : t_(t) {
  // SPEC §5: an interviewer turn holding only a back-channel between two turns of the same
  // informant is left out, and the informant's turn goes on across it.
  const std::size_t n_turns = t.turns.size();
  std::vector<std::string> words(n_turns);
  for (int n = 1; n <= t.line_count(); ++n) {
    const Line* l = t.line(n);
    if (l->kind != LineKind::text || l->turn < 0) continue;
    const auto turn = static_cast<std::size_t>(l->turn);
    if (!t.turns[turn].interviewer) continue;
    const auto w = word_string(t.spoken(n));
    if (!w.empty()) words[turn] += (words[turn].empty() ? "" : " ") + w;
  }
  std::vector<int> effective(n_turns);
  std::vector<char> skipped(n_turns, 0);
  for (std::size_t k = 0; k < n_turns; ++k) {
    effective[k] = k > 0 && skipped[k - 1] ? effective[k - 2] : static_cast<int>(k);
    if (k > 0 && k + 1 < n_turns && t.turns[k].interviewer && !t.turns[k - 1].interviewer &&
        t.turns[k - 1].speaker == t.turns[k + 1].speaker &&
        std::find(kBackChannels.begin(), kBackChannels.end(), words[k]) != kBackChannels.end()) {
      skipped[k] = 1;
    }
  }

  stream_.reserve(t.text.size());
  source_.reserve(t.text.size());
  Folder folder(stream_, &source_);
  for (int n = 1; n <= t.line_count(); ++n) {
    const Line* l = t.line(n);
    if (l->kind != LineKind::text) continue;
    if (l->turn >= 0 && skipped[static_cast<std::size_t>(l->turn)]) continue;
    const auto speech = t.spoken(n);
    folder.space();  // a line break is white space
    std::size_t begin = stream_.size();
    for (std::size_t i = 0; i < speech.size();) {
      const auto source = static_cast<std::uint32_t>(l->speech_begin + i);
      if (static_cast<unsigned char>(speech[i]) < 0x80) {
        folder.add_ascii(speech[i++], source);
        continue;
      }
      const auto c = text::decode_at(speech, i);
      folder.add(c.value, source);
      i += c.size;
    }
    if (begin < stream_.size() && stream_[begin] == ' ') ++begin;
    if (begin >= stream_.size()) continue;
    const int turn = l->turn < 0 ? -1 : effective[static_cast<std::size_t>(l->turn)];
    pieces_.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(stream_.size()),
                       n, turn});
  }
}

std::size_t MatchIndex::piece_at(std::size_t offset) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), offset,
                             [](std::size_t o, const Piece& p) { return o < p.begin; });
  return it == pieces_.begin() ? 0 : static_cast<std::size_t>(std::prev(it) - pieces_.begin());
}

// Whether offset is not inside a word: a word character on both sides of it is inside.
bool MatchIndex::word_edge(std::size_t offset) const {
  if (offset == 0 || offset >= stream_.size()) return true;
  const auto after = text::decode_at(stream_, offset).value;
  const auto before = text::decode_at(stream_, text::previous_start(stream_, offset)).value;
  return !(text::is_word_char(after) && text::is_word_char(before));
}

MatchIndex::Range MatchIndex::range(int from, int to) const {
  if (from <= 0) return {0, stream_.size()};
  const auto first = std::lower_bound(pieces_.begin(), pieces_.end(), from,
                                      [](const Piece& p, int line) { return p.line < line; });
  const auto last = std::upper_bound(pieces_.begin(), pieces_.end(), to,
                                     [](int line, const Piece& p) { return line < p.line; });
  if (first == pieces_.end() || first >= last) return {0, 0};
  return {first->begin, std::prev(last)->end};
}

// The transcript's own text behind stream_[begin, end): white space collapsed, lines joined
// with one space.
std::string MatchIndex::original(std::size_t begin, std::size_t end) const {
  std::string out;
  for (std::size_t k = piece_at(begin); k < pieces_.size() && pieces_[k].begin < end; ++k) {
    const std::size_t b = std::max<std::size_t>(begin, pieces_[k].begin);
    const std::size_t e = std::min<std::size_t>(end, pieces_[k].end);
    if (b >= e) continue;
    const std::size_t src_begin = source_[b];
    const std::size_t last = source_[e - 1];
    const std::size_t src_end = last + text::decode_at(t_.text, last).size;
    if (!out.empty() && out.back() != ' ') out += ' ';
    append_collapsed(out, std::string_view(t_.text).substr(src_begin, src_end - src_begin));
  }
  return trimmed(std::move(out));
}

std::vector<QuoteMatch> MatchIndex::find(std::string_view quote, int from, int to) const {
  std::vector<QuoteMatch> out;
  const ParsedQuote pq = parse_quote(quote);
  const auto& segs = pq.segments;
  const Range r = range(from, to);
  if (segs.empty() || r.begin >= r.end) return out;

  // Every whole-word occurrence of every segment inside the range.
  std::vector<std::vector<std::size_t>> occ(segs.size());
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const auto& key = segs[i].key;
    for (auto p = stream_.find(key, r.begin); p != std::string::npos && p + key.size() <= r.end;
         p = stream_.find(key, p + 1)) {
      if (word_edge(p) && word_edge(p + key.size())) occ[i].push_back(p);
    }
    if (occ[i].empty()) return out;
  }

  const auto render = [&](const std::vector<std::size_t>& pos) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < segs.size(); ++i) {
      std::vector<std::string> pieces;
      std::size_t at = 0;
      for (const auto& [offset, note] : segs[i].notes) {
        if (offset > at) pieces.push_back(original(pos[i] + at, pos[i] + offset));
        pieces.push_back(note);
        at = offset;
      }
      if (at < segs[i].key.size()) pieces.push_back(original(pos[i] + at, pos[i] + segs[i].key.size()));
      parts.push_back(join_parts(pieces));
    }
    // Gaps keep the mark the quote used for them ("(…)", "[...]").
    std::string text = pq.gap_before.empty() ? "" : pq.gap_before + " ";
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) text += " " + pq.gaps[i - 1] + " ";
      text += parts[i];
    }
    if (!pq.gap_after.empty()) text += " " + pq.gap_after;
    return text;
  };

  const std::size_t k = segs.size();
  // For each start line, the earliest placement of the segments before the last one (the
  // earliest start on a line gives the earliest ends, so it reaches every place the others
  // reach); then every distinct end line of the last segment in the same turn. Each step
  // adds a distinct span or skips an occurrence, so the work stays linear in the
  // occurrences and the matches kept.
  std::vector<std::size_t> pos(k);
  int last_start_line = -1;
  for (const std::size_t p0 : occ[0]) {
    const int start_line = line_at(p0);
    if (start_line == last_start_line) continue;
    last_start_line = start_line;
    const int turn = turn_at(p0);
    // A quote without a gap may run over two turns (a question and its answer); with a gap,
    // all of it stays in one turn (docs/decisions.md).
    const auto within = [&](std::size_t p, std::size_t len) {
      return k == 1 || (turn_at(p) == turn && turn_at(p + len - 1) == turn);
    };
    if (!within(p0, segs[0].key.size())) continue;
    pos[0] = p0;
    std::size_t end = p0 + segs[0].key.size();
    bool ok = true;
    for (std::size_t i = 1; i + 1 < k && ok; ++i) {
      const auto it = std::lower_bound(occ[i].begin(), occ[i].end(), end);
      ok = it != occ[i].end() && within(*it, segs[i].key.size());
      if (ok) {
        pos[i] = *it;
        end = *it + segs[i].key.size();
      }
    }
    if (!ok) continue;
    if (k == 1) {
      out.push_back({start_line, line_at(end - 1), render(pos)});
    } else {
      const auto& last = occ[k - 1];
      const std::size_t len = segs[k - 1].key.size();
      int previous_end_line = -1;
      for (auto it = std::lower_bound(last.begin(), last.end(), end); it != last.end(); ++it) {
        if (!within(*it, len)) break;  // turns are contiguous: the rest lie beyond this one
        const int end_line = line_at(*it + len - 1);
        if (end_line == previous_end_line) continue;
        previous_end_line = end_line;
        pos[k - 1] = *it;
        out.push_back({start_line, end_line, render(pos)});
        if (out.size() > kMaxMatches) return out;
      }
    }
    if (out.size() > kMaxMatches) return out;
  }
  return out;
}

std::optional<QuoteMiss> MatchIndex::closest(std::string_view quote, int from, int to) const {
  const ParsedQuote pq = parse_quote(quote);
  const Range r = range(from, to);
  if (pq.segments.empty() || r.begin >= r.end) return std::nullopt;

  struct Word {
    std::size_t begin, end;
    int turn, line;
  };
  // The size of the word character at i, or 0 if there is none.
  const auto word_char = [&](std::size_t i) -> std::size_t {
    const auto b = static_cast<unsigned char>(stream_[i]);
    if (b < 0x80) return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ? 1 : 0;
    const auto c = text::decode_at(stream_, i);
    return text::is_word_char(c.value) ? c.size : 0;
  };
  std::vector<Word> words;  // the transcript's words in the range
  std::size_t k = piece_at(r.begin);
  for (std::size_t i = r.begin; i < r.end;) {
    if (word_char(i) == 0) {
      ++i;  // continuation bytes are never word starts
      continue;
    }
    std::size_t j = i;
    for (std::size_t n = word_char(j); j < r.end && n > 0; n = j < r.end ? word_char(j) : 0) j += n;
    while (k + 1 < pieces_.size() && pieces_[k + 1].begin <= i) ++k;
    words.push_back({i, j, pieces_[k].turn, pieces_[k].line});
    i = j;
  }
  const auto word_text = [&](const Word& w) { return std::string_view(stream_).substr(w.begin, w.end - w.begin); };

  // As in find(): a quote without a gap may run into the next turn.
  const bool one_part = pq.segments.size() == 1;
  std::size_t from_word = 0;
  bool bound = false;  // after the first segment, the rest must stay in its turn
  int turn = 0;
  for (std::size_t s = 0; s < pq.segments.size(); ++s) {
    std::vector<std::string> quote_words;
    std::istringstream split_words(word_string(pq.segments[s].key));
    for (std::string w; split_words >> w;) quote_words.push_back(w);
    if (quote_words.empty()) continue;
    // The start where most of the segment's words line up; the earliest on a tie.
    std::size_t best_start = words.size(), best_break = 0;
    int best_score = -1;
    for (std::size_t w = from_word; w < words.size(); ++w) {
      if (bound && words[w].turn != turn) break;
      int score = 0;
      std::size_t first_break = quote_words.size();
      for (std::size_t j = 0; j < quote_words.size(); ++j) {
        const std::size_t x = w + j;
        if (x >= words.size() || (!one_part && words[x].turn != words[w].turn)) {
          first_break = std::min(first_break, j);
          break;
        }
        if (word_text(words[x]) == quote_words[j]) {
          ++score;
        } else {
          first_break = std::min(first_break, j);
        }
      }
      if (score > best_score) {
        best_score = score;
        best_start = w;
        best_break = first_break;
      }
    }
    // Nothing lines up at all before any part did (a part of punctuation only has no words).
    if (!bound && best_score <= 0) return std::nullopt;
    if (best_score <= 0) {  // no word of this part in the rest of the turn
      std::size_t y = from_word - 1;
      while (y + 1 < words.size() && words[y + 1].turn == turn) ++y;
      return QuoteMiss{words[y].line, quote_words.front(), ""};
    }
    if (best_break == quote_words.size()) {  // this part lines up word for word
      from_word = best_start + quote_words.size();
      bound = true;
      turn = words[best_start].turn;
      continue;
    }
    const std::size_t x = best_start + best_break;
    if (x < words.size() && (one_part || words[x].turn == words[best_start].turn)) {
      return QuoteMiss{words[x].line, quote_words[best_break], original(words[x].begin, words[x].end)};
    }
    const std::size_t last = x == 0 ? 0 : x - 1;
    return QuoteMiss{words[last].line, quote_words[best_break], ""};
  }
  return std::nullopt;
}

}  // namespace ipcode::transcript
