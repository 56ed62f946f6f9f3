// Step 3 (kondensering) aid: the extractive draft condensate of a subgroup. Malterud's
// condensate is an artificial quotation in the informants' own words; until the researcher
// writes one, the report shows the unit sentences most central to the subgroup, verbatim,
// so a draft never contains a word the informants did not say.
//
// Centrality: each sentence is a TF-IDF vector of its content stems (Snowball, stop words
// and numbers out), normalised to length 1; its score is the mean cosine similarity to the
// subgroup's other sentences, computed as v·(S − v)/(n − 1) with S the sum of all vectors,
// so a subgroup of n sentences costs O(n) rather than O(n²).

#include "corpus.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/condense/analysis.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

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
  std::int64_t score = 0;                       // quantised centrality
  std::vector<std::pair<int, double>> weights;  // normalised TF-IDF, by term
};

std::string_view sentence_text(const loader::Unit& unit, const Sentence& s) {
  return std::string_view(unit.own_words()).substr(s.begin, s.end - s.begin);
}

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
      if (norm > 0) {
        w /= norm;
      }
      sum[static_cast<std::size_t>(term)] += w;
    }
  }
  const double others = static_cast<double>(candidates.size()) - 1;
  for (Candidate& c : candidates) {
    double dot = 0;
    for (const auto& [term, w] : c.weights) {
      dot += w * (sum[static_cast<std::size_t>(term)] - w);
    }
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

// Whether the text starts with a letter in lower case: sentences start with a capital, so
// the quote began in the middle of the informant's sentence. A letter is lower case when
// folding leaves it as it is and it is no digit (upper-case letters fold to another letter).
bool starts_in_lower_case(std::string_view s) {
  const std::vector<text::Span> words = text::words(s);
  if (words.empty()) {
    return false;
  }
  const text::Span& w = words.front();
  const std::string_view word = s.substr(w.begin, w.end - w.begin);
  // The first code point of the word.
  const std::size_t n = std::max<std::size_t>(1, text::decode_at(word, 0).size);
  const std::string_view first = word.substr(0, n);
  if (first[0] >= '0' && first[0] <= '9') {
    return false;
  }
  return text::fold(first) == first;
}

bool starts_with_gap_or_ellipsis(std::string_view s) {
  for (const std::string_view mark : {"\u2026", "...", "(\u2026)", "(...)", "[\u2026]", "[...]"}) {
    if (s.starts_with(mark)) {
      return true;
    }
  }
  return false;
}

// A sentence of a unit as the draft shows it: "… " in front when it starts in the middle
// of the informant's sentence (in lower case: a reader would take it for a typo), " …"
// after it when it ends without closing punctuation, where the quote stopped before the
// informant's sentence did. The informant's words, letters and punctuation stay as they are.
std::string marked_cut(std::string_view sentence) {
  std::string out;
  if (starts_in_lower_case(sentence) && !starts_with_gap_or_ellipsis(sentence)) {
    out = "\u2026 ";
  }
  out += sentence;
  static constexpr std::string_view kEnds[] = {
      ".",       "!",        "?",     "\u2026",   ":",    ";",       ".\u00bb",
      "!\u00bb", "?\u00bb",  ".\"",   "!\"",      "?\"",  ".\u201d", "!\u201d",
      "?\u201d", "(\u2026)", "(...)", "[\u2026]", "[...]"};
  if (std::none_of(std::begin(kEnds), std::end(kEnds),
                   [&](std::string_view e) { return out.ends_with(e); })) {
    out += " \u2026";
  }
  return out;
}

// The best sentence alone is over the budget: its first 80 words, marked as cut.
std::string cut_at_limit(std::string_view sentence) {
  const std::vector<text::Span> words = text::words(sentence);
  if (words.size() <= kMaxWords) {
    return std::string(sentence);
  }
  return std::string(sentence.substr(0, words[kMaxWords - 1].end)) + " …";
}

// Greedy choice by score (ties: earlier unit, earlier sentence): each sentence that still
// fits in the 80-word budget is taken, and shorter, less central ones may fill what is left.
// When the subgroup has several units, a sentence sharing no content word with any other
// ("Det var en lang dag.") is not central at all and is left out (unless none shares any);
// a single unit is one meaning unit and may be drafted whole.
Draft select(const loader::RoundData& round, const std::vector<Candidate>& candidates) {
  Draft draft;
  if (candidates.empty()) {
    return draft;
  }
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return candidates[a].score > candidates[b].score;
  });
  const bool several_units = candidates.front().unit != candidates.back().unit;
  if (several_units && candidates[order.front()].score > 0) {
    std::erase_if(order, [&](std::size_t i) { return candidates[i].score <= 0; });
  }
  const auto unit_of = [&](std::size_t i) -> const loader::Unit& {
    return round.units[static_cast<std::size_t>(candidates[i].unit)];
  };
  const auto text_of = [&](std::size_t i) {
    return sentence_text(unit_of(i), *candidates[i].sentence);
  };
  if (candidates[order.front()].sentence->words > kMaxWords) {
    draft.text = cut_at_limit(marked_cut(text_of(order.front())));
    draft.unit_ids.push_back(unit_of(order.front()).id);
    return draft;
  }
  std::vector<std::size_t> chosen;
  std::size_t total = 0;
  for (std::size_t i : order) {
    if (total == kMaxWords) {
      break;
    }
    const std::size_t n = candidates[i].sentence->words;
    if (total + n > kMaxWords) {
      continue;
    }
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
      draft.unit_ids.push_back(unit_of(i).id);
    }
  }
  // A sentence the quote cut shows it with "…", never by changing a letter or adding a full
  // stop the informant did not say.
  for (auto& part : parts) part = marked_cut(part);
  draft.text = join(parts, " ");
  return draft;
}

}  // namespace

Draft Corpus::draft(std::vector<int> units, const Idf& idf) {
  units = clean_units(std::move(units), round_.units.size());
  // Background material may be counted but is never quoted (SPEC §3), so it never supplies
  // a draft sentence; it still weighs in the IDF, which only ranks the others.
  std::erase_if(units, [&](int u) {
    const int t = round_.units[static_cast<std::size_t>(u)].transcript;
    return t >= 0 && t < static_cast<int>(round_.transcripts.size()) &&
           round_.transcripts[static_cast<std::size_t>(t)].background;
  });
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
