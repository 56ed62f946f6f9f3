// The round's unit texts as sentences of content terms, for the step 3 drafts and the
// vocabulary check. A round can hold 100,000 units, so each unit is split once (one
// sentence pass and one word pass over its text) and each distinct word is stemmed once.

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

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

}  // namespace

std::vector<int> clean_units(std::vector<int> units, std::size_t count) {
  std::erase_if(units, [&](int u) { return u < 0 || static_cast<std::size_t>(u) >= count; });
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  return units;
}

Corpus::Corpus(const loader::RoundData& round) : round_(round), cache_(round.units.size()) {}

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
    for (std::string& stem : text::content_stems(word)) ids.push_back(intern(std::move(stem)));
    it = words_.emplace(std::string(word), std::move(ids)).first;
  }
  return it->second;
}

std::vector<Sentence> Corpus::analyse_text(std::string_view text) {
  const std::vector<text::Span> words = text::words(text);
  std::vector<Sentence> out;
  std::size_t w = 0;
  for (const text::Span& span : text::sentences(text)) {
    const std::string_view trimmed = trim(piece(text, span));
    Sentence s;
    s.begin = static_cast<std::size_t>(trimmed.data() - text.data());
    s.end = s.begin + trimmed.size();
    for (; w < words.size() && words[w].begin < span.end; ++w) {
      ++s.words;
      for (int term : word_terms(piece(text, words[w]))) add_term(s, term);
    }
    if (s.words > 0) out.push_back(std::move(s));  // "…", "–" alone: no sentence to quote
  }
  return out;
}

const std::vector<Sentence>& Corpus::sentences(int unit) {
  auto& slot = cache_[static_cast<std::size_t>(unit)];
  if (!slot) {
    slot = std::make_unique<std::vector<Sentence>>(
        analyse_text(round_.units[static_cast<std::size_t>(unit)].text));
  }
  return *slot;
}

std::vector<int> Corpus::terms_of(int unit) {
  std::vector<int> out;
  if (const auto& slot = cache_[static_cast<std::size_t>(unit)]) {
    for (const Sentence& s : *slot) {
      for (const TermCount& t : s.terms) out.push_back(t.term);
    }
    return out;
  }
  const std::string_view text = round_.units[static_cast<std::size_t>(unit)].text;
  for (const text::Span& span : text::words(text)) {
    const auto& ids = word_terms(piece(text, span));
    out.insert(out.end(), ids.begin(), ids.end());
  }
  return out;
}

Idf Corpus::idf(const std::vector<int>& units) {
  const std::vector<int> clean = clean_units(units, round_.units.size());
  for (int u : clean) sentences(u);  // every term gets its id before the table is sized
  std::vector<int> df(terms_.size(), 0);
  double n = 0;
  for (int u : clean) {
    for (const Sentence& s : sentences(u)) {
      n += 1;
      for (const TermCount& t : s.terms) ++df[static_cast<std::size_t>(t.term)];
    }
  }
  // Smoothed IDF (as scikit-learn's): a term in every sentence still weighs 1, never 0.
  Idf out;
  out.unseen = std::log(1 + n) + 1;
  out.weights.reserve(df.size());
  for (int d : df) out.weights.push_back(std::log((1 + n) / (1 + d)) + 1);
  return out;
}

}  // namespace ipcode::condense::detail
