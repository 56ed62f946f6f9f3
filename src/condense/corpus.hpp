/// The unit texts of one round split into sentences and content stems, analysed once per unit
/// and shared by the step 3 drafts and the vocabulary check (private to condense). Stems are
/// interned as term ids in order of first use; nothing that reaches an output depends on the
/// ids' values, only on the texts, so results do not depend on the order units were analysed.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ipcode/condense/analysis.hpp"
#include "ipcode/loader/study.hpp"

namespace ipcode::condense::detail {

struct TermCount {
  int term = 0;
  int count = 0;
};

/// One sentence of a unit text: its byte span in the text (surrounding spaces trimmed) and
/// its distinct content terms with their counts, in order of first appearance.
struct Sentence {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<TermCount> terms;
};

/// Inverse document frequencies over a set of sentences, by term id; `unseen` for a term
/// that got its id after the table was made (it occurs in none of those sentences).
struct Idf {
  std::vector<double> weights;
  double unseen = 1;
};

class Corpus {
 public:
  explicit Corpus(const loader::RoundData& round);

  /// The unit's sentences (those with at least one word), analysed on first use.
  const std::vector<Sentence>& sentences(int unit);
  /// The id of a stem, or -1 when no analysed unit contains it.
  int find_term(const std::string& stem) const;
  /// Number of distinct terms seen so far.
  int term_count() const { return static_cast<int>(terms_.size()); }
  /// Inverse document frequencies over the sentences of these units.
  Idf idf(const std::vector<int>& units);
  /// The extractive draft of these units (see make_draft in analysis.hpp).
  Draft draft(std::vector<int> units, const Idf& idf);

 private:
  int intern(std::string stem);
  std::vector<Sentence> analyse_text(std::string_view text);

  const loader::RoundData& round_;
  std::vector<std::unique_ptr<std::vector<Sentence>>> cache_;  // by unit index
  std::unordered_map<std::string, int> terms_;                  // looked up only, never iterated
};

/// The vocabulary check core: the words of `condensate` (as written, first occurrence, one
/// per stem) with a content stem for which `known` is false.
std::vector<std::string> foreign_words(const std::string& condensate,
                                       const std::function<bool(const std::string&)>& known);

}  // namespace ipcode::condense::detail
