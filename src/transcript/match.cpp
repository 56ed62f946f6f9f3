// Step 2 support: finding a meaning unit's quote in its transcript, as theses quote it.
#include "ipcode/transcript/match.hpp"

#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"
#include "quote.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ipcode::transcript {
namespace {

using namespace std::string_view_literals;
using namespace detail;

constexpr std::array kBackChannels = {"ja"sv, "mm"sv,   "mhm"sv,     "hm"sv,
                                      "ok"sv, "jaha"sv, "nettopp"sv, "ja vel"sv};

}  // namespace

TurnContinuation continue_turns(const Transcript& t) {
  // SPEC §5: an interviewer turn holding only a back-channel between two turns of the same
  // informant is left out, and the informant's turn goes on across it.
  const std::size_t n_turns = t.turns.size();
  // A back-channel has at most 7 word characters ("nettopp"): longer interviewer turns are
  // ruled out by counting, without building their words.
  constexpr std::size_t kMaxBackChannel = 7;
  std::vector<std::size_t> letters(n_turns, 0);
  std::vector<std::string> words(n_turns);
  for (int n = 1; n <= t.line_count(); ++n) {
    const Line* l = t.line(n);
    if (l->kind != LineKind::text || l->turn < 0) continue;
    const auto turn = static_cast<std::size_t>(l->turn);
    if (!t.turns[turn].interviewer || letters[turn] > kMaxBackChannel) continue;
    const auto speech = t.spoken(n);
    for (std::size_t i = 0; i < speech.size() && letters[turn] <= kMaxBackChannel;) {
      const auto c = text::decode_at(speech, i);
      if (text::is_word_char(c.value)) ++letters[turn];
      i += c.size;
    }
    if (letters[turn] > kMaxBackChannel) continue;
    const auto w = word_string(speech);
    if (!w.empty()) words[turn] += (words[turn].empty() ? "" : " ") + w;
  }
  std::vector<int> effective(n_turns);
  std::vector<char> skipped(n_turns, 0);
  for (std::size_t k = 0; k < n_turns; ++k) {
    effective[k] = k > 0 && skipped[k - 1] ? effective[k - 2] : static_cast<int>(k);
    if (k > 0 && k + 1 < n_turns && t.turns[k].interviewer && !t.turns[k - 1].interviewer &&
        t.turns[k - 1].speaker == t.turns[k + 1].speaker && letters[k] <= kMaxBackChannel &&
        std::find(kBackChannels.begin(), kBackChannels.end(), words[k]) != kBackChannels.end()) {
      skipped[k] = 1;
    }
  }
  return {std::move(effective), std::move(skipped)};
}

MatchIndex::MatchIndex(const Transcript& t, std::size_t index_from)
    : t_(t), index_from_(index_from) {
  build(continue_turns(t), 1, t.line_count());
}

MatchIndex::MatchIndex(const Transcript& t, const TurnContinuation& turns, int from, int to)
    : t_(t), index_from_(4096) {
  build(turns, std::max(from, 1), std::min(to, t.line_count()));
}

namespace {

// Folder::plain() as a table (the loop below asks it of every byte of a transcript).
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int b = 0; b < 256; ++b)
    t[static_cast<std::size_t>(b)] = Folder::plain(static_cast<char>(b));
  return t;
}();

// The bytes of the character at `i` when Folder folds it to itself but for ASCII case: a
// Folder::plain() character (1), or a lower-case æ, ø or å (2, in NFC); 0 for any other.
inline std::size_t plain_width(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const auto a = static_cast<unsigned char>(s[i]);
  if (kPlain[a]) return 1;
  if (a != 0xC3 || i + 1 >= s.size()) return 0;
  const auto b = static_cast<unsigned char>(s[i + 1]);
  return b == 0xA5 || b == 0xA6 || b == 0xB8 ? 2 : 0;
}

#if defined(__SSE2__)
// How many of the 16 bytes at `p`, from the first, the run loop in build() would take:
// plain characters, lower-case æ ø å (both bytes in the block), and single spaces each
// followed by one of those (the byte before `p` ends a character of the run). Never more
// than the loop would take; it may stop early (a character split by the block's end), and
// the loop goes on from there byte by byte. A block within the run gives 16.
inline unsigned plain_prefix(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const auto mask = [](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)); };
  // Signed compares: bytes from 0x80 up are negative, never plain.
  const __m128i printable =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(' ')), _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
  const __m128i dash_or_dot =
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')), _mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
  const unsigned plain = mask(_mm_andnot_si128(dash_or_dot, printable));
  const unsigned space = mask(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
  const unsigned lead = mask(_mm_cmpeq_epi8(v, _mm_set1_epi8('\xC3')));
  const unsigned tail = mask(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\xA5')),
                                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\xA6'))),
                                          _mm_cmpeq_epi8(v, _mm_set1_epi8('\xB8'))));
  // Bit k: byte k starts a character plain_width() takes (a plain byte, or æ ø å whole in
  // the block); a space counts when such a character follows it in the block.
  const unsigned letter = lead & (tail >> 1);
  const unsigned starts = plain | letter;
  const unsigned good = starts | (letter << 1) | (space & (starts >> 1));
  return static_cast<unsigned>(__builtin_ctz(~good | 0x10000U));
}
#endif

}  // namespace

namespace detail {

// With SSE2, 16 places at a time are tested on the key's first and last byte, and only those
// that pass are compared (Muła's "SIMD-friendly" search): in folded Norwegian speech few places
// pass both, so a search costs about a load per 16 bytes, where glibc's memmem and
// std::string_view::find stop at every occurrence of the first byte or byte pair.
std::size_t find_key(std::string_view hay, std::size_t from, std::string_view key) {
  const std::size_t m = key.size();
  if (m == 0 || from > hay.size() || hay.size() - from < m) {
    return m == 0 && from <= hay.size() ? from : std::string_view::npos;
  }
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(key[0]);
  const __m128i last = _mm_set1_epi8(key[m - 1]);
  const char* h = hay.data();
  // Block i tests the places i .. i + 15, reading bytes up to i + 15 + m - 1.
  for (; i + 15 + m <= hay.size(); i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + m - 1));
    auto mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
    while (mask != 0) {
      const auto bit = static_cast<std::size_t>(__builtin_ctz(mask));
      if (m <= 2 || std::memcmp(h + i + bit + 1, key.data() + 1, m - 2) == 0) return i + bit;
      mask &= mask - 1;
    }
  }
#endif
  return hay.find(key, i);
}

}  // namespace detail

void MatchIndex::build(const TurnContinuation& turns, int from, int to) {
  const Transcript& t = t_;
  const auto& effective = turns.effective;
  const auto& skipped = turns.skipped;
  std::size_t bytes = 0;
  for (int n = from; n <= to; ++n) bytes += t.line(n)->end - t.line(n)->begin;
  stream_.reserve(bytes + 1);
  source_ = std::make_unique<SourceMap>();
  Folder folder(stream_, source_.get());
  for (int n = from; n <= to; ++n) {
    const Line* l = t.line(n);
    if (l->kind != LineKind::text) continue;
    if (l->turn >= 0 && skipped[static_cast<std::size_t>(l->turn)]) continue;
    const auto speech = t.spoken(n);
    folder.space();  // a line break is white space
    std::size_t begin = stream_.size();
    for (std::size_t i = 0; i < speech.size();) {
      const auto source = static_cast<std::uint32_t>(l->speech_begin + i);
      if (const std::size_t w = plain_width(speech, i); w > 0) {
        // A run of words of plain characters with single spaces between them folds to itself
        // in ASCII lower case, byte for byte, as the character-by-character path would fold
        // it (a single space between two plain characters stays one space).
        std::size_t j = i + w;
        for (;;) {
#if defined(__SSE2__)
          while (j + 16 <= speech.size()) {
            const unsigned taken = plain_prefix(speech.data() + j);
            j += taken;
            if (taken < 16) break;
          }
#endif
          while (j < speech.size() && kPlain[static_cast<unsigned char>(speech[j])]) ++j;
          if (const std::size_t v = plain_width(speech, j); v > 0) {
            j += v;
          } else if (j + 1 < speech.size() && speech[j] == ' ' && plain_width(speech, j + 1) > 0) {
            ++j;
          } else {
            break;
          }
        }
        folder.add_plain(speech.substr(i, j - i), source);
        i = j;
        continue;
      }
      if (static_cast<unsigned char>(speech[i]) < 0x80) {
        folder.add_ascii(speech[i++], source);
        continue;
      }
      const auto c = text::decode_at(speech, i);
      folder.add(c.value, source, static_cast<std::uint32_t>(c.size));
      i += c.size;
    }
    if (begin < stream_.size() && stream_[begin] == ' ') ++begin;
    if (begin >= stream_.size()) continue;
    const int turn = l->turn < 0 ? -1 : effective[static_cast<std::size_t>(l->turn)];
    pieces_.push_back(
        {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(stream_.size()), n, turn});
  }
}

// Every place in stream_ where a word starts and four bytes follow, grouped by a hash of those
// four bytes (a counting sort, so each group is in stream order).
struct MatchIndex::StartIndex {
  static constexpr unsigned kBits = 12;
  std::vector<std::uint32_t> first;  // group g: at[first[g], first[g + 1])
  std::vector<std::uint32_t> at;

  static std::uint32_t group(const char* p) {
    std::uint32_t v = 0;
    std::memcpy(&v, p, 4);
    return (v * 2654435761U) >> (32 - kBits);
  }
};

namespace {
constexpr std::array<bool, 128> kAsciiWord = [] {
  std::array<bool, 128> t{};
  for (int b = 0; b < 128; ++b) {
    t[static_cast<std::size_t>(b)] =
        (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
  }
  return t;
}();
}  // namespace

const MatchIndex::StartIndex& MatchIndex::starts() const {
  if (starts_) return *starts_;
  const std::string_view s(stream_);
  std::vector<std::uint32_t> all;
  all.reserve(s.size() / 5);
  bool in_word = false;
  for (std::size_t i = 0; i < s.size();) {
#if defined(__SSE2__)
    // 16 bytes at a time where they are ASCII letters, digits and other ASCII, and Latin-1
    // letters (C3 xx, both bytes in the block; not × ÷): a word byte is one of those letters
    // or digits, and a word starts at a word byte after one that is not.
    if (i + 16 <= s.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      const auto high = static_cast<unsigned>(_mm_movemask_epi8(v));
      const auto c3 =
          static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\xC3'))));
      const auto odd = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
          _mm_cmpeq_epi8(v, _mm_set1_epi8('\x97')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\xB7')))));
      const unsigned cont = high & ~c3;
      if ((c3 & 0x8000U) == 0 && cont == ((c3 << 1) & 0xFFFFU) && (odd & cont) == 0) {
        const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
        // Signed compares: the high bytes are negative and fall outside both ranges.
        const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                            _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                            _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        const unsigned word =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(alpha, digit))) | high;
        unsigned begins = word & ~((word << 1) | (in_word ? 1U : 0U)) & 0xFFFFU;
        while (begins != 0) {
          const auto k = static_cast<std::size_t>(__builtin_ctz(begins));
          if (i + k + 4 <= s.size()) all.push_back(static_cast<std::uint32_t>(i + k));
          begins &= begins - 1;
        }
        in_word = (word & 0x8000U) != 0;
        i += 16;
        continue;
      }
    }
#endif
    const auto b = static_cast<unsigned char>(s[i]);
    bool word = false;
    std::size_t size = 1;
    if (b < 0x80) {
      // text::is_word_char for ASCII, decided here (most of the stream).
      word = kAsciiWord[b];
    } else if (b == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0xBF && s[i + 1] != '\x97' &&
               s[i + 1] != '\xB7') {
      word = true;  // a Latin-1 letter (not × ÷): æ ø å é ...
      size = 2;
    } else {
      const auto c = text::decode_at(s, i);
      word = text::is_word_char(c.value);
      size = c.size;
    }
    if (word && !in_word && i + 4 <= s.size()) all.push_back(static_cast<std::uint32_t>(i));
    in_word = word;
    i += size;
  }
  auto index = std::make_unique<StartIndex>();
  index->first.assign((std::size_t{1} << StartIndex::kBits) + 1, 0);
  for (const std::uint32_t p : all) ++index->first[StartIndex::group(s.data() + p) + 1];
  for (std::size_t g = 1; g < index->first.size(); ++g) index->first[g] += index->first[g - 1];
  index->at.resize(all.size());
  std::vector<std::uint32_t> fill(index->first.begin(), index->first.end() - 1);
  for (const std::uint32_t p : all) index->at[fill[StartIndex::group(s.data() + p)]++] = p;
  starts_ = std::move(index);
  return *starts_;
}

MatchIndex::~MatchIndex() = default;

std::uint32_t MatchIndex::source(std::size_t offset) const { return source_->at(offset, t_.text); }

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
    const std::size_t src_begin = source(b);
    const std::size_t last = source(e - 1);
    const std::size_t src_end = last + text::decode_at(t_.text, last).size;
    if (!out.empty() && out.back() != ' ') out += ' ';
    append_collapsed(out, std::string_view(t_.text).substr(src_begin, src_end - src_begin));
  }
  return trimmed(std::move(out));
}

// The offset in the transcript's text just past the character behind stream_[end - 1].
std::size_t MatchIndex::source_end(std::size_t end) const {
  const std::size_t last = source(end - 1);
  return last + text::decode_at(t_.text, last).size;
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
    // Searched only up to the range's end: a unit given with `lines` looks at those lines, not
    // at the rest of the transcript (which made placing units quadratic per transcript).
    const std::string_view hay(stream_.data(), r.end);
    // A key that starts with a word can only start where a word starts: over a long range
    // (a quote without `lines`) it is compared only where a word starts with its first four
    // bytes; otherwise the range is scanned.
    const bool word_first = !key.empty() && text::is_word_char(text::decode_at(key, 0).value);
    if (word_first && key.size() >= 4 && r.end - r.begin > index_from_) {
      const StartIndex& index = starts();
      const std::size_t g = StartIndex::group(key.data());
      const auto begin = index.at.begin() + index.first[g];
      const auto end = index.at.begin() + index.first[g + 1];
      for (auto it = std::lower_bound(begin, end, r.begin); it != end; ++it) {
        const std::size_t p = *it;
        if (p + key.size() > r.end) break;
        if (hay.compare(p, key.size(), key) == 0 && word_edge(p + key.size())) occ[i].push_back(p);
      }
    } else {
      for (std::size_t p = detail::find_key(hay, r.begin, key); p != std::string_view::npos;
           p = detail::find_key(hay, p + 1, key)) {
        if (word_edge(p) && word_edge(p + key.size())) occ[i].push_back(p);
      }
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
      if (at < segs[i].key.size())
        pieces.push_back(original(pos[i] + at, pos[i] + segs[i].key.size()));
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
      out.push_back({start_line, line_at(end - 1), render(pos), source(p0), source_end(end)});
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
        out.push_back({start_line, end_line, render(pos), source(p0), source_end(*it + len)});
        if (out.size() > kMaxMatches) return out;
      }
    }
    if (out.size() > kMaxMatches) return out;
  }
  return out;
}

}  // namespace ipcode::transcript
