// Step 2 aid: candidate meaning units from the codebook's keywords (aids/suggest.hpp).
#include "ipcode/aids/suggest.hpp"

#include "ipcode/aids/scan.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/match.hpp"
#include "suggest_text.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace ipcode::aids {
namespace {

using namespace detail;
using transcript::Transcript;

// A keyword's word j, found at a trie node: the key is the node's path from the root.
struct Slot {
  std::uint32_t keyword;
  std::uint8_t word;
  WordRule rule;
};

// A byte trie of keys. Most transcript words leave it after a byte or two, so a word costs a
// few steps whatever the number of keywords.
class Trie {
 public:
  Trie() : nodes_(1) { root_.fill(-1); }
  void add(std::string_view key, Slot slot) {
    int n = 0;
    for (const char c : key) {
      int next = child(n, static_cast<unsigned char>(c));
      if (next < 0) {
        next = static_cast<int>(nodes_.size());
        nodes_.emplace_back();
        if (n == 0)
          root_[static_cast<unsigned char>(c)] = next;
        else
          nodes_[static_cast<std::size_t>(n)].next.emplace_back(static_cast<unsigned char>(c),
                                                                next);
      }
      n = next;
    }
    nodes_[static_cast<std::size_t>(n)].slots.push_back(slot);
  }
  bool empty() const { return nodes_.size() == 1; }
  // Calls f(slot, key_size) for every key that is a prefix of `s`, shortest first.
  template <class F>
  void prefixes(std::string_view s, F&& f) const {
    int n = 0;
    for (std::size_t d = 0; d < s.size(); ++d) {
      n = child(n, static_cast<unsigned char>(s[d]));
      if (n < 0) return;
      for (const Slot& slot : nodes_[static_cast<std::size_t>(n)].slots) f(slot, d + 1);
    }
  }

 private:
  struct Node {
    std::vector<std::pair<unsigned char, int>> next;
    std::vector<Slot> slots;
  };
  int child(int n, unsigned char c) const {
    if (n == 0) return root_[c];
    for (const auto& [b, to] : nodes_[static_cast<std::size_t>(n)].next) {
      if (b == c) return to;
    }
    return -1;
  }
  std::array<int, 256> root_{};
  std::vector<Node> nodes_;
};

// Folds a word as pattern.cpp does (text::append_match_form), ASCII without decoding.
void fold_into(std::string& out, std::string_view word) {
  out.clear();
  for (std::size_t at = 0; at < word.size();) {
    const auto b = static_cast<unsigned char>(word[at]);
    if (b < 0x80) {
      out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
      ++at;
      continue;
    }
    const auto c = text::decode_at(word, at);
    text::append_match_form(out, c.value);
    at += c.size;
  }
}

constexpr std::uint16_t kNotPrefix = 0xFFFF;

// The length of the Snowball stem of a folded word, memoised per thread (a study repeats its
// words); kNotPrefix if the stem is not a prefix of the word (then it equals no key either).
std::size_t stem_size(const std::string& folded) {
  thread_local std::unordered_map<std::string, std::uint16_t, StringHash, std::equal_to<>> memo;
  if (auto it = memo.find(std::string_view(folded)); it != memo.end()) return it->second;
  if (memo.size() > 1'000'000) memo.clear();  // a bound on memory, never reached in practice
  const std::string stem = text::stem(folded);
  const std::uint16_t size = folded.starts_with(stem) && stem.size() < kNotPrefix
                                 ? static_cast<std::uint16_t>(stem.size())
                                 : kNotPrefix;
  memo.emplace(folded, size);
  return size;
}

struct WordHit {
  std::uint32_t keyword;
  std::uint8_t word;
  bool operator==(const WordHit&) const = default;
};

// A keyword found: its first and last word.
struct Found {
  std::uint32_t keyword;
  int turn;
  std::uint32_t begin;
  std::uint32_t end;
};

void merge_sorted(std::vector<int>& into, const std::vector<int>& more) {
  into.insert(into.end(), more.begin(), more.end());
  std::sort(into.begin(), into.end());
  into.erase(std::unique(into.begin(), into.end()), into.end());
}

void merge_into(Suggestion& into, const Suggestion& more) {
  into.line_start = std::min(into.line_start, more.line_start);
  into.line_end = std::max(into.line_end, more.line_end);
  into.begin = std::min(into.begin, more.begin);
  into.end = std::max(into.end, more.end);
  merge_sorted(into.nodes, more.nodes);
  merge_sorted(into.keywords, more.keywords);
}

// Appends `u` to `units` (in order of position), first merging it with the units at the end
// that share a line with it, from the first of them that `must_join` says must be one with it
// (everything between goes into that unit too), until no such unit is left. `sg(u)` gives a
// unit's Suggestion; `merge(into, more)` merges two units.
template <class T, class Sg, class Join, class Merge>
void settle(std::vector<T>& units, T u, Sg sg, Join must_join, Merge merge) {
  for (;;) {
    std::size_t k = units.size();
    std::size_t join = units.size();
    while (k > 0 && sg(units[k - 1]).line_end >= sg(u).line_start) {
      --k;
      if (must_join(units[k], u)) join = k;
    }
    if (join == units.size()) break;
    T into = std::move(units[join]);
    for (std::size_t j = join + 1; j < units.size(); ++j) merge(into, units[j]);
    merge(into, u);
    units.resize(join);
    u = std::move(into);
  }
  units.push_back(std::move(u));
}

// A unit given by its lines only takes in every unit on those lines: two units of one coder
// with the same codes on one line would be reported as overlapping.
std::vector<Suggestion> lines_absorb(std::vector<Suggestion> in) {
  std::vector<Suggestion> out;
  for (auto& sg : in) {
    settle(
        out, std::move(sg), [](const Suggestion& x) -> const Suggestion& { return x; },
        [](const Suggestion& a, const Suggestion& b) {
          return a.quote.empty() || b.quote.empty() || a.nodes == b.nodes;
        },
        [](Suggestion& into, const Suggestion& more) {
          into.quote.clear();
          merge_into(into, more);
        });
  }
  return out;
}

// The first word of the turn's text at or after `at`, as [begin, end).
std::pair<std::size_t, std::size_t> word_at(std::string_view s, std::size_t at, std::size_t end) {
  while (at < end) {
    const auto c = detail::next(s, at);
    if (detail::is_word(c.value)) break;
    at += c.size;
  }
  std::size_t e = at;
  while (e < end) {
    const auto c = detail::next(s, e);
    if (!detail::is_word(c.value)) break;
    e += c.size;
  }
  return {at, e};
}

// Whether quote matching is sure to find the quote once, here, without asking it: the quote
// has no gap or bracket, and its words, folded, follow each other nowhere else on its lines
// (any place of the quote holds the same words in the same order). Most suggestions are that
// simple; the others are checked by quote matching itself.
bool plainly_unique(const TurnText& tt, std::size_t b, std::size_t e, const Suggestion& sg,
                    std::string& first, std::string& a, std::string& c) {
  const std::string_view q(sg.quote);
  if (q.find('[') != std::string_view::npos || q.find("(\u2026)") != std::string_view::npos ||
      q.find("(...)") != std::string_view::npos) {
    return false;
  }
  const std::string_view s(tt.text);
  std::size_t from = 0, to = 0;
  for (const auto& seg : tt.segments) {
    if (seg.line == sg.line_start) from = seg.built;
    if (seg.line == sg.line_end) to = seg.built + seg.size;
  }
  const auto [first_b, first_e] = word_at(s, b, e);
  fold_into(first, s.substr(first_b, first_e - first_b));
  for (std::size_t at = from; at < to;) {
    const auto [wb, we] = word_at(s, at, to);
    if (wb >= we) break;
    at = we;
    if (wb == first_b) continue;  // the unit itself
    fold_into(c, s.substr(wb, we - wb));
    if (c != first) continue;
    // The unit's words against the words from here on, until one differs.
    std::size_t ub = first_b, ue = first_e, xb = wb, xe = we;
    for (;;) {
      fold_into(a, s.substr(ub, ue - ub));
      fold_into(c, s.substr(xb, xe - xb));
      if (a != c) break;
      std::tie(ub, ue) = word_at(s, ue, e);
      if (ub >= ue) return false;  // every word of the unit follows here too
      std::tie(xb, xe) = word_at(s, xe, to);
      if (xb >= xe) break;
    }
  }
  return true;
}

}  // namespace

struct Suggester::Index {
  Trie folded;  // stem and prefix keys
  Trie exact;   // exact and exact_prefix keys, as written
  std::size_t max_words = 1;
};

Suggester::Suggester(std::vector<Keyword> keywords)
    : keywords_(std::move(keywords)), index_(std::make_unique<Index>()) {
  for (std::size_t k = 0; k < keywords_.size(); ++k) {
    const auto& words = keywords_[k].pattern.words;
    index_->max_words = std::max(index_->max_words, words.size());
    for (std::size_t j = 0; j < words.size(); ++j) {
      const PatternWord& w = words[j];
      const Slot slot{static_cast<std::uint32_t>(k), static_cast<std::uint8_t>(j), w.rule};
      const bool exact = w.rule == WordRule::exact || w.rule == WordRule::exact_prefix;
      (exact ? index_->exact : index_->folded).add(w.key, slot);
    }
  }
}

Suggester::~Suggester() = default;

std::vector<Suggestion> Suggester::suggest(const Transcript& t, const std::vector<CodedSpan>& coded,
                                           SuggestUnit unit) const {
  std::vector<Found> found;
  const Index& index = *index_;
  const std::size_t k = index.max_words;
  // The last k words of the current turn and the keyword words each matched (a ring).
  std::array<ScanWord, Pattern::kMaxWords> ring{};
  std::array<std::vector<WordHit>, Pattern::kMaxWords> hits;
  std::size_t run = 0;
  int turn = -2;
  int line = 0;
  bool skip = false;
  int depth = 0;           // inside a [bracket]: a transcription mark or clarification
  std::uint32_t last = 0;  // end of the word before, on this line
  std::string folded, other, first_word;
  const std::string_view s(t.text);
  const bool exact = !index.exact.empty();
  for_each_word(t, [&](const ScanWord& w) {
    if (w.turn != turn) {
      turn = w.turn;
      run = 0;
      // Informants' speech only; speech before the first label only where there is no label.
      skip = turn >= 0 ? t.turns[static_cast<std::size_t>(turn)].interviewer : !t.turns.empty();
    }
    if (skip) return;
    if (w.line != line) {
      line = w.line;
      depth = 0;
      last = t.lines[static_cast<std::size_t>(line - 1)].speech_begin;
    }
    for (std::uint32_t i = last; i < w.begin; ++i) {
      if (s[i] == '[') ++depth;
      if (s[i] == ']' && depth > 0) --depth;
    }
    last = w.end;
    if (depth > 0) return;
    const std::string_view word = s.substr(w.begin, w.end - w.begin);
    auto& list = hits[run % k];
    list.clear();
    ring[run % k] = w;
    fold_into(folded, word);
    index.folded.prefixes(folded, [&](const Slot& slot, std::size_t size) {
      if (slot.rule == WordRule::stem && size != folded.size() && stem_size(folded) != size) return;
      list.push_back({slot.keyword, slot.word});
    });
    if (exact) {
      index.exact.prefixes(word, [&](const Slot& slot, std::size_t size) {
        if (slot.rule == WordRule::exact && size != word.size()) return;
        list.push_back({slot.keyword, slot.word});
      });
    }
    ++run;
    for (const WordHit& h : list) {
      const std::size_t n = keywords_[h.keyword].pattern.words.size();
      if (h.word + 1u != n || run < n) continue;
      bool whole = true;
      for (std::size_t i = 1; i < n && whole; ++i) {
        const auto& before = hits[(run - 1 - i) % k];
        whole = std::find(before.begin(), before.end(),
                          WordHit{h.keyword, static_cast<std::uint8_t>(n - 1 - i)}) != before.end();
      }
      if (whole) found.push_back({h.keyword, turn, ring[(run - n) % k].begin, w.end});
    }
  });

  std::vector<Suggestion> out;
  std::vector<const CodedSpan*> turn_coded;
  std::optional<transcript::MatchIndex> matcher;  // built only when there is a suggestion
  for (std::size_t f = 0; f < found.size();) {
    // One turn's keywords: sentences are computed for it only.
    std::size_t g = f;
    while (g < found.size() && found[g].turn == found[f].turn) ++g;
    const TurnText tt = turn_text(t, found[f].turn);
    // The coded units that reach into this turn: the only ones a unit in it can overlap.
    turn_coded.clear();
    if (!tt.segments.empty()) {
      const std::size_t tb = tt.segments.front().source;
      const std::size_t te = tt.segments.back().source + tt.segments.back().size;
      for (const CodedSpan& c : coded) {
        if (c.begin < te && tb < c.end) turn_coded.push_back(&c);
      }
    }
    std::vector<text::Span> pieces;
    if (unit == SuggestUnit::sentence)
      pieces = text::sentences(tt.text);
    else
      pieces.push_back({0, tt.text.size()});
    const auto piece_of = [&](std::size_t built) {
      auto it = std::upper_bound(pieces.begin(), pieces.end(), built,
                                 [](std::size_t b, const text::Span& p) { return b < p.end; });
      return static_cast<std::size_t>(
          std::min<std::ptrdiff_t>(it - pieces.begin(), std::ssize(pieces) - 1));
    };
    // Each keyword's sentences (a phrase may cross a sentence end): merged where they overlap.
    struct Range {
      std::size_t first, last;
      std::uint32_t keyword;
    };
    std::vector<Range> ranges;
    for (std::size_t i = f; i < g; ++i) {
      ranges.push_back({piece_of(tt.to_built(found[i].begin)),
                        piece_of(tt.to_built(found[i].end) - 1), found[i].keyword});
    }
    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
      return std::tie(a.first, a.last, a.keyword) < std::tie(b.first, b.last, b.keyword);
    });
    struct Built {
      std::size_t b, e;  // in the turn's text
      Suggestion sg;
    };
    std::vector<Built> turn_units;
    for (std::size_t r = 0; r < ranges.size();) {
      std::size_t last_piece = ranges[r].last;
      std::vector<int> kws;
      std::size_t q = r;
      for (; q < ranges.size() && ranges[q].first <= last_piece; ++q) {
        last_piece = std::max(last_piece, ranges[q].last);
        kws.push_back(static_cast<int>(ranges[q].keyword));
      }
      std::size_t b = pieces[ranges[r].first].begin;
      std::size_t e = pieces[last_piece].end;
      r = q;
      trim(tt.text, b, e);
      if (b >= e) continue;
      Suggestion sg;
      sg.begin = static_cast<std::uint32_t>(tt.to_source(b));
      sg.end = static_cast<std::uint32_t>(tt.to_source(e - 1) + 1);
      sg.line_start = tt.segment_at(b).line;
      sg.line_end = tt.segment_at(e - 1).line;
      std::sort(kws.begin(), kws.end());
      kws.erase(std::unique(kws.begin(), kws.end()), kws.end());
      // Step 2 never proposes again what the researcher has coded with that node.
      std::erase_if(kws, [&](int kw) {
        const int node = keywords_[static_cast<std::size_t>(kw)].node;
        return std::any_of(turn_coded.begin(), turn_coded.end(), [&](const CodedSpan* c) {
          return c->begin < sg.end && sg.begin < c->end &&
                 std::find(c->nodes.begin(), c->nodes.end(), node) != c->nodes.end();
        });
      });
      if (kws.empty()) continue;
      for (const int kw : kws) sg.nodes.push_back(keywords_[static_cast<std::size_t>(kw)].node);
      std::sort(sg.nodes.begin(), sg.nodes.end());
      sg.nodes.erase(std::unique(sg.nodes.begin(), sg.nodes.end()), sg.nodes.end());
      sg.keywords = std::move(kws);
      // Sentences sharing a line with the same codes are one unit (`check` would call two
      // such units of one coder overlapping); sentences between them join it.
      settle(
          turn_units, Built{b, e, std::move(sg)},
          [](const Built& x) -> const Suggestion& { return x.sg; },
          [](const Built& a, const Built& c) { return a.sg.nodes == c.sg.nodes; },
          [](Built& into, const Built& more) {
            into.b = std::min(into.b, more.b);
            into.e = std::max(into.e, more.e);
            merge_into(into.sg, more.sg);
          });
    }
    for (Built& u : turn_units) {
      Suggestion& sg = u.sg;
      // The quote must be found once within its lines, as `check` will look for it, and
      // here: two places on one line count as one there, and the first one wins.
      sg.quote = quote_text(std::string_view(tt.text).substr(u.b, u.e - u.b));
      if (!plainly_unique(tt, u.b, u.e, sg, first_word, folded, other)) {
        if (!matcher) matcher.emplace(t);
        const auto places = matcher->find(sg.quote, sg.line_start, sg.line_end);
        if (places.size() != 1 || places[0].begin != sg.begin) sg.quote.clear();
      }
      out.push_back(std::move(sg));
    }
    f = g;
  }
  return lines_absorb(std::move(out));
}

std::string render_suggestions(const Transcript& t, const std::vector<Suggestion>& suggestions,
                               const std::vector<Keyword>& keywords,
                               const std::vector<std::string>& node_ids, const std::string& coder,
                               const std::string& header) {
  std::string out;
  render_suggestions(out, t, suggestions, keywords, node_ids, coder, header);
  return out;
}

void render_suggestions(std::string& out, const Transcript& t,
                        const std::vector<Suggestion>& suggestions,
                        const std::vector<Keyword>& keywords,
                        const std::vector<std::string>& node_ids, const std::string& coder,
                        const std::string& header) {
  std::size_t size = 0;
  for (const Suggestion& sg : suggestions) size += 2 * sg.quote.size() + 80 * sg.nodes.size() + 64;
  out.reserve(out.size() + size + header.size() + 64);
  for (const auto line : split(header, '\n')) out.append("# ").append(line).append("\n");
  out.append("transcript: ").append(yaml::quote(t.id)).append("\n");
  out.append("coder: ").append(yaml::quote(coder)).append("\nunits:\n");
  for (const Suggestion& sg : suggestions) {
    // Which keyword matched which node: "samtykke ← signer*, samtykke; underskrift ← …".
    out.append("  #");
    for (std::size_t n = 0; n < sg.nodes.size(); ++n) {
      out.append(n == 0 ? " " : "; ").append(node_ids[static_cast<std::size_t>(sg.nodes[n])]);
      out.append(" \u2190");
      bool first = true;
      for (const int kw : sg.keywords) {
        const Keyword& k = keywords[static_cast<std::size_t>(kw)];
        if (k.node != sg.nodes[n]) continue;
        out.append(first ? " " : ", ");
        first = false;
        for (const char c : k.source) out += c == '\n' || c == '\r' ? ' ' : c;  // one line
      }
    }
    out.append("\n  - lines: ").append(std::to_string(sg.line_start));
    if (sg.line_end != sg.line_start) out.append("-").append(std::to_string(sg.line_end));
    if (!sg.quote.empty()) out.append("\n    quote: ").append(yaml::quote(sg.quote));
    out.append("\n    codes: [");
    for (std::size_t n = 0; n < sg.nodes.size(); ++n) {
      if (n > 0) out.append(", ");
      out.append(node_ids[static_cast<std::size_t>(sg.nodes[n])]);
    }
    out.append("]\n");
  }
}

}  // namespace ipcode::aids
