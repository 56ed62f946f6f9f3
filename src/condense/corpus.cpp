// The round's unit texts as sentences of content terms, for the step 3 drafts and the
// vocabulary check. A round can hold 100,000 units, so each unit is split once (one
// sentence pass and one word pass over its text) and each distinct word is stemmed once.

#include "corpus.hpp"

#include "ipcode/base/parallel.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipcode::condense::detail {
namespace {

std::string_view piece(std::string_view text, const text::Span& span) {
  return text.substr(span.begin, span.end - span.begin);
}

// Counts a term in a sentence, keeping the sentence's terms in order of first appearance so
// that sums over a sentence run in an order given by the text, not by the term ids.
void add_term(Sentence& s, int term) {
  const auto it = std::find_if(s.terms.begin(), s.terms.end(),
                               [&](const TermCount& t) { return t.term == term; });
  if (it == s.terms.end()) {
    s.terms.push_back({term, 1});
  } else {
    ++it->count;
  }
}

// The sentences of a text that hold a word, each with its words' content terms;
// terms(w) gives the term ids of words[w].
template <typename Terms>
std::vector<Sentence> build_sentences(std::string_view text,
                                      const std::vector<text::Span>& sentences,
                                      const std::vector<text::Span>& words, Terms&& terms) {
  std::vector<Sentence> out;
  out.reserve(sentences.size());
  std::size_t w = 0;
  for (const text::Span& span : sentences) {
    const std::string_view trimmed = trim(piece(text, span));
    Sentence s;
    s.begin = static_cast<std::uint32_t>(trimmed.data() - text.data());
    s.end = static_cast<std::uint32_t>(s.begin + trimmed.size());
    for (; w < words.size() && words[w].begin < span.end; ++w) {
      ++s.words;
      for (int term : terms(w).get()) {
        add_term(s, term);
      }
    }
    if (s.words > 0) {
      out.push_back(std::move(s));  // "…", "–" alone: no sentence to quote
    }
  }
  return out;
}

}  // namespace

std::vector<int> clean_units(std::vector<int> units, std::size_t count) {
  std::erase_if(units, [&](int u) { return u < 0 || static_cast<std::size_t>(u) >= count; });
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  return units;
}

Corpus::Corpus(const loader::RoundData& round)
    : round_(round), sentences_(round.units.size()), done_(round.units.size(), 0) {}

int Corpus::intern(std::string stem) {
  const auto [it, added] = terms_.try_emplace(std::move(stem), static_cast<int>(terms_.size()));
  return it->second;
}

int Corpus::find_term(const std::string& stem) const {
  const auto it = terms_.find(stem);
  return it == terms_.end() ? -1 : it->second;
}

const std::vector<int>& Corpus::word_terms(std::string_view word) {
  auto it = words_.find(word);
  if (it == words_.end()) {
    // content_stems on the word alone: folded, stop words and numbers out, stemmed.
    std::vector<int> ids;
    for (std::string& stem : text::content_stems(word)) {
      ids.push_back(intern(std::move(stem)));
    }
    it = words_.emplace(std::string(word), std::move(ids)).first;
  }
  return it->second;
}

const std::vector<int>* Corpus::known_terms(std::string_view word) const {
  const auto it = words_.find(word);
  return it == words_.end() ? nullptr : &it->second;
}

const std::vector<Sentence>& Corpus::sentences(int unit) {
  const auto u = static_cast<std::size_t>(unit);
  if (done_[u] == 0) {
    const std::string_view text = round_.units[u].own_words();
    const std::vector<text::Span> words = text::words(text);
    sentences_[u] = build_sentences(text, text::sentences(text), words, [&](std::size_t w) {
      return std::cref(word_terms(piece(text, words[w])));
    });
    done_[u] = 1;
  }
  return sentences_[u];
}

// Splitting with ICU is the costly part, so it runs on several threads, each also looking up
// the words already known (the word table is only read there). Words seen for the first time
// are stemmed afterwards on this thread, in unit order, which keeps term ids deterministic.
void Corpus::prepare(const std::vector<int>& units) {
  std::vector<int> todo = clean_units(units, round_.units.size());
  std::erase_if(todo, [&](int u) { return done_[static_cast<std::size_t>(u)] != 0; });
  struct Split {
    std::vector<text::Span> sentences;
    std::vector<text::Span> words;
    std::vector<const std::vector<int>*> known;  // by word; nullptr: not in the table yet
    bool complete = false;                       // sentences_ filled already
  };
  std::vector<Split> splits;
  // A small first batch fills the word table; later batches bound the memory spans take.
  for (std::size_t first = 0, batch = 512; first < todo.size(); first += batch, batch = 8192) {
    const std::size_t count = std::min(batch, todo.size() - first);
    splits.assign(count, {});
    // Up to four threads: text segmentation keeps its ICU iterators per thread, and each
    // split touches only its own slot.
    ipcode::parallel_for(
        count,
        [&](std::size_t i) {
          const auto u = static_cast<std::size_t>(todo[first + i]);
          const std::string_view text = round_.units[u].own_words();
          Split& sp = splits[i];
          sp.sentences = text::sentences(text);
          sp.words = text::words(text);
          for (const text::Span& w : sp.words) {
            sp.known.push_back(known_terms(piece(text, w)));
          }
          if (std::find(sp.known.begin(), sp.known.end(), nullptr) != sp.known.end()) {
            return;
          }
          sentences_[u] = build_sentences(text, sp.sentences, sp.words,
                                          [&](std::size_t w) { return std::cref(*sp.known[w]); });
          sp.complete = true;
        },
        4);
    for (std::size_t i = 0; i < count; ++i) {
      const auto u = static_cast<std::size_t>(todo[first + i]);
      Split& sp = splits[i];
      if (!sp.complete) {
        const std::string_view text = round_.units[u].own_words();
        sentences_[u] = build_sentences(text, sp.sentences, sp.words, [&](std::size_t w) {
          return std::cref(sp.known[w] ? *sp.known[w] : word_terms(piece(text, sp.words[w])));
        });
      }
      done_[u] = 1;
    }
  }
}

std::vector<int> Corpus::terms_of(int unit) {
  std::vector<int> out;
  if (done_[static_cast<std::size_t>(unit)] != 0) {
    for (const Sentence& s : sentences_[static_cast<std::size_t>(unit)]) {
      for (const TermCount& t : s.terms) {
        out.push_back(t.term);
      }
    }
    return out;
  }
  const std::string_view text = round_.units[static_cast<std::size_t>(unit)].own_words();
  for (const text::Span& span : text::words(text)) {
    const auto& ids = word_terms(piece(text, span));
    out.insert(out.end(), ids.begin(), ids.end());
  }
  return out;
}

Idf Corpus::idf(const std::vector<int>& units) {
  const std::vector<int> clean = clean_units(units, round_.units.size());
  for (int u : clean) {
    sentences(u);  // every term gets its id before the table is sized
  }
  std::vector<int> df(terms_.size(), 0);
  double n = 0;
  for (int u : clean) {
    for (const Sentence& s : sentences(u)) {
      n += 1;
      for (const TermCount& t : s.terms) {
        ++df[static_cast<std::size_t>(t.term)];
      }
    }
  }
  // Smoothed IDF (as scikit-learn's): a term in every sentence still weighs 1, never 0.
  Idf out;
  out.unseen = std::log(1 + n) + 1;
  out.weights.reserve(df.size());
  for (int d : df) {
    out.weights.push_back(std::log((1 + n) / (1 + d)) + 1);
  }
  return out;
}

}  // namespace ipcode::condense::detail
