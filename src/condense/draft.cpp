// Step 3 (kondensering) aid: the extractive draft condensate of a subgroup. Malterud's
// condensate is an artificial quotation in the informants' own words; until the researcher
// writes one, the report shows the unit sentences most central to the subgroup, verbatim,
// so a draft never contains a word the informants did not say.
//
// Centrality: each sentence is a TF-IDF vector of its content stems (Snowball, stop words
// and numbers out), normalised to length 1; its score is the mean cosine similarity to the
// subgroup's other sentences, computed as v·(S − v)/(n − 1) with S the sum of all vectors,
// so a subgroup of n sentences costs O(n) rather than O(n²).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "corpus.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/condense/analysis.hpp"
#include "ipcode/text/text.hpp"

namespace ipcode::condense {
namespace detail {
namespace {

constexpr std::size_t kMaxWords = 80;
// Scores are compared after rounding to this many steps per unit, so that sums which are
// equal on paper but differ in the last bits of a double count as ties (broken by position).
constexpr double kScoreSteps = 1e9;

struct Candidate {
  int unit = 0;  // index into RoundData::units
  const Sentence* sentence = nullptr;
  std::int64_t score = 0;  // quantised centrality
  std::vector<std::pair<int, double>> weights;  // normalised TF-IDF, by term
};

// Sorted, distinct, in-range unit indices: unit order.
std::vector<int> clean_units(std::vector<int> units, std::size_t count) {
  std::erase_if(units, [&](int u) { return u < 0 || static_cast<std::size_t>(u) >= count; });
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  return units;
}

std::string_view sentence_text(const loader::Unit& unit, const Sentence& s) {
  return std::string_view(unit.text).substr(s.begin, s.end - s.begin);
}

}  // namespace

Corpus::Corpus(const loader::RoundData& round) : round_(round), cache_(round.units.size()) {}

int Corpus::intern(std::string stem) {
  const auto [it, added] = terms_.try_emplace(std::move(stem), static_cast<int>(terms_.size()));
  return it->second;
}

int Corpus::find_term(const std::string& stem) const {
  const auto it = terms_.find(stem);
  return it == terms_.end() ? -1 : it->second;
}

std::vector<Sentence> Corpus::analyse_text(std::string_view text) {
  std::vector<Sentence> out;
  for (const text::Span& span : text::sentences(text)) {
    const std::string_view raw = text.substr(span.begin, span.end - span.begin);
    const std::string_view trimmed = trim(raw);
    if (trimmed.empty() || text::words(trimmed).empty()) continue;  // "…", "–": no words
    Sentence s;
    s.begin = static_cast<std::size_t>(trimmed.data() - text.data());
    s.end = s.begin + trimmed.size();
    // Distinct terms in order of first appearance, so that sums over a sentence run in an
    // order given by the text, not by the term ids.
    for (std::string& stem : text::content_stems(trimmed)) {
      const int term = intern(std::move(stem));
      const auto it = std::find_if(s.terms.begin(), s.terms.end(),
                                   [&](const TermCount& t) { return t.term == term; });
      if (it == s.terms.end()) {
        s.terms.push_back({term, 1});
      } else {
        ++it->count;
      }
    }
    out.push_back(std::move(s));
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

namespace {

double idf_of(const Idf& idf, int term) {
  const auto t = static_cast<std::size_t>(term);
  return t < idf.weights.size() ? idf.weights[t] : idf.unseen;
}

// Fills each candidate's normalised TF-IDF vector and its centrality score.
void score_centrality(std::vector<Candidate>& candidates, const Idf& idf, int term_count) {
  std::vector<double> sum(static_cast<std::size_t>(term_count), 0.0);
  for (Candidate& c : candidates) {
    double norm = 0;
    for (const TermCount& t : c.sentence->terms) {
      const double w = t.count * idf_of(idf, t.term);
      c.weights.emplace_back(t.term, w);
      norm += w * w;
    }
    norm = std::sqrt(norm);
    for (auto& [term, w] : c.weights) {
      if (norm > 0) w /= norm;
      sum[static_cast<std::size_t>(term)] += w;
    }
  }
  const double others = static_cast<double>(candidates.size()) - 1;
  for (Candidate& c : candidates) {
    double dot = 0;
    for (const auto& [term, w] : c.weights) dot += w * (sum[static_cast<std::size_t>(term)] - w);
    const double mean = others > 0 ? dot / others : 0.0;
    c.score = std::llround(mean * kScoreSteps);
  }
}

// Every sentence of the units, in unit order then position. Sentences with no content word
// ("Ja.", "Hm, nei.") are left out unless no sentence has one.
std::vector<Candidate> collect(Corpus& corpus, const std::vector<int>& units) {
  std::vector<Candidate> all;
  bool any_content = false;
  for (int u : units) {
    for (const Sentence& s : corpus.sentences(u)) {
      all.push_back({u, &s, 0, {}});
      any_content = any_content || !s.terms.empty();
    }
  }
  if (any_content) {
    std::erase_if(all, [](const Candidate& c) { return c.sentence->terms.empty(); });
  }
  return all;
}

std::string cut_at_limit(std::string_view sentence, const std::vector<text::Span>& words) {
  return std::string(sentence.substr(0, words[kMaxWords - 1].end)) + " …";
}

// Greedy choice by score (ties: earlier unit, earlier sentence): each sentence that still
// fits in the 80-word budget is taken, and shorter, less central ones may fill what is left.
Draft select(const loader::RoundData& round, const std::vector<Candidate>& candidates) {
  Draft draft;
  if (candidates.empty()) return draft;
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return candidates[a].score > candidates[b].score;
  });
  const auto text_of = [&](std::size_t i) {
    const Candidate& c = candidates[i];
    return sentence_text(round.units[static_cast<std::size_t>(c.unit)], *c.sentence);
  };
  const std::string_view best = text_of(order.front());
  const std::vector<text::Span> best_words = text::words(best);
  if (best_words.size() > kMaxWords) {
    draft.text = cut_at_limit(best, best_words);
    draft.unit_ids.push_back(round.units[static_cast<std::size_t>(candidates[order.front()].unit)].id);
    return draft;
  }
  std::vector<std::size_t> chosen;
  std::size_t total = 0;
  for (std::size_t i : order) {
    if (total == kMaxWords) break;
    const std::size_t n = i == order.front() ? best_words.size() : text::words(text_of(i)).size();
    if (total + n > kMaxWords) continue;
    chosen.push_back(i);
    total += n;
  }
  // Candidates are in unit order, then position: sorting the indices restores the text order.
  std::sort(chosen.begin(), chosen.end());
  std::vector<std::string> parts;
  int last_unit = -1;
  for (std::size_t i : chosen) {
    parts.emplace_back(text_of(i));
    if (candidates[i].unit != last_unit) {
      last_unit = candidates[i].unit;
      draft.unit_ids.push_back(round.units[static_cast<std::size_t>(last_unit)].id);
    }
  }
  draft.text = join(parts, " ");
  return draft;
}

}  // namespace

Draft Corpus::draft(std::vector<int> units, const Idf& idf) {
  units = clean_units(std::move(units), round_.units.size());
  std::vector<Candidate> candidates = collect(*this, units);
  score_centrality(candidates, idf, term_count());
  return select(round_, candidates);
}

}  // namespace detail

Draft make_draft(const loader::RoundData& round, const std::vector<int>& units,
                 const std::vector<int>& idf_units) {
  detail::Corpus corpus(round);
  const detail::Idf idf = corpus.idf(idf_units);
  return corpus.draft(units, idf);
}

Draft make_draft(const loader::RoundData& round, const std::vector<int>& units) {
  return make_draft(round, units, units);
}

}  // namespace ipcode::condense
