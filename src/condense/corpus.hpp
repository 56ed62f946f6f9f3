/// The unit texts of one round split into sentences and content stems, analysed once per unit
/// and shared by the step 3 drafts and the vocabulary check (private to condense). Stems are
/// interned as term ids in order of first use; nothing that reaches an output depends on the
/// ids' values, only on the texts, so results do not depend on the order units were analysed.
/// Unit texts are read as they are (the loader gives them in NFC); spans are byte offsets
/// into RoundData::units[u].text.
#pragma once

#include "ipcode/base/strings.hpp"
#include "ipcode/condense/analysis.hpp"
#include "ipcode/loader/study.hpp"
#include "ipcode/text/text.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ipcode::condense::detail {

struct TermCount {
  int term = 0;
  int count = 0;
};

/// One sentence of a unit text: its byte span in the text (surrounding spaces trimmed), its
/// number of words (text::words) and its distinct content terms with their counts, in order
/// of first appearance. 32-bit offsets: a unit's text is far below 4 GiB, and a round holds
/// a million sentences (peak memory).
struct Sentence {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t words = 0;
  std::vector<TermCount> terms;
};

/// Inverse document frequencies over a set of sentences, by term id; `unseen` for a term
/// that got its id after the table was made (it occurs in none of those sentences).
struct Idf {
  std::vector<double> weights;
  double unseen = 1;
};

/// Sorted, distinct unit indices below `count`: unit order.
std::vector<int> clean_units(std::vector<int> units, std::size_t count);

class Corpus {
 public:
  explicit Corpus(const loader::RoundData& round);

  /// Analyses these units ahead of use, splitting their texts on several threads (ICU
  /// segmentation is the costly part); stems are interned afterwards, in unit order.
  void prepare(const std::vector<int>& units);
  /// The unit's sentences that hold at least one word, analysed on first use.
  const std::vector<Sentence>& sentences(int unit);
  /// The unit's content terms (with repeats), from its sentences when they are analysed
  /// already, else from one pass over its words.
  std::vector<int> terms_of(int unit);
  /// The id of a stem, or -1 when no analysed text contains it.
  int find_term(const std::string& stem) const;
  /// Number of distinct terms seen so far.
  int term_count() const { return static_cast<int>(terms_.size()); }
  /// Inverse document frequencies over the sentences of these units.
  Idf idf(const std::vector<int>& units);
  /// The extractive draft of these units (see make_draft in analysis.hpp).
  Draft draft(std::vector<int> units, const Idf& idf);

 private:
  using WordMap = std::unordered_map<std::string, std::vector<int>, StringHash, std::equal_to<>>;

  int intern(std::string stem);
  /// The term ids of a word, stemming it the first time it is seen.
  const std::vector<int>& word_terms(std::string_view word);
  /// The term ids of a word already seen, else nullptr (reads only: safe on many threads).
  const std::vector<int>* known_terms(std::string_view word) const;

  const loader::RoundData& round_;
  std::vector<std::vector<Sentence>> sentences_;  // by unit index, valid where done_
  std::vector<char> done_;
  // Looked up only, never iterated. A word's stems are the same wherever it stands, so
  // each distinct spelling is folded and stemmed once for the whole round.
  std::unordered_map<std::string, int> terms_;  // stem -> term id
  WordMap words_;                               // word as written -> its content term ids
};

/// The vocabulary check core: the words of `condensate` (as written, first occurrence, one
/// per stem) with a content stem for which `known` is false.
std::vector<std::string> foreign_words(const std::string& condensate,
                                       const std::function<bool(const std::string&)>& known);

}  // namespace ipcode::condense::detail
