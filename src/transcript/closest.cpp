// Step 2 support: when a quote is not in its transcript, where the closest match breaks off,
// so a student sees "skreiv" where the transcript has "skrev" at once.
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/match.hpp"
#include "quote.hpp"

#include <sstream>

namespace ipcode::transcript {

using namespace detail;

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
  const auto word_text = [&](const Word& w) {
    return std::string_view(stream_).substr(w.begin, w.end - w.begin);
  };

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
      return QuoteMiss{words[x].line, quote_words[best_break],
                       original(words[x].begin, words[x].end)};
    }
    const std::size_t last = x == 0 ? 0 : x - 1;
    return QuoteMiss{words[last].line, quote_words[best_break], ""};
  }
  return std::nullopt;
}

}  // namespace ipcode::transcript
