/// Candidate meaning units from the codebook's keywords (SPEC §7 `ipcode suggest`, step 2):
/// every informant sentence (or turn) in which a keyword of a codebook node occurs becomes
/// one suggested unit, coded with every node whose keyword it holds (codebook order). Only
/// informants' speech is read: interviewer turns never give a unit; speech before the first
/// speaker label counts only in a transcript without any label. A node is left out of a unit
/// whose span overlaps a unit already coded with that node or a node under it (a unit coded
/// with a subgroup counts for its group and theme); a unit with no node left is dropped.
///
/// One pass per transcript: each word is folded once and walked through a trie of all the
/// patterns' first keys, so a word is stemmed only when a stem key is a proper prefix of it
/// (stems are memoised per thread); sentences are computed only for turns with a hit.
#pragma once

#include "ipcode/aids/pattern.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ipcode::aids {

enum class SuggestUnit : std::uint8_t { sentence, turn };

/// One keyword of one codebook node.
struct Keyword {
  int node = 0;        // the node's index in the codebook (codebook order)
  std::string source;  // the keyword as written in the codebook, for the unit's comment
  Pattern pattern;
};

/// A unit already coded in the round: its span (byte offsets in Transcript::text) and the
/// nodes it counts for (its codes and their ancestors).
struct CodedSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::vector<int> nodes;
};

struct Suggestion {
  int line_start = 0;
  int line_end = 0;
  std::uint32_t begin = 0;  // from the first to just past the last character of the sentence
  std::uint32_t end = 0;
  /// The sentence's (turn's) own text, white space collapsed; a researcher's bracket such as
  /// `[navn]` inside it becomes the gap `[…]`, one at either end is left out. Empty when
  /// quote matching (`ipcode check`) would not find it within its lines at this very place
  /// (the same sentence earlier on its first line): the unit is then given by its lines
  /// only, and takes in the other suggestions on those lines (one unit, not two overlapping).
  std::string quote;
  std::vector<int> nodes;     // codebook order, unique
  std::vector<int> keywords;  // indices into the keyword list that matched, in order
};

class Suggester {
 public:
  explicit Suggester(std::vector<Keyword> keywords);
  ~Suggester();
  Suggester(const Suggester&) = delete;
  Suggester& operator=(const Suggester&) = delete;

  /// The suggestions for one transcript, in order of position. `coded` in any order. Safe to
  /// call from several threads at once.
  std::vector<Suggestion> suggest(const transcript::Transcript& t,
                                  const std::vector<CodedSpan>& coded, SuggestUnit unit) const;

  const std::vector<Keyword>& keywords() const { return keywords_; }

 private:
  struct Index;
  std::vector<Keyword> keywords_;
  std::unique_ptr<Index> index_;
};

/// The SPEC §5 coding file of one transcript's suggestions: `transcript`, `coder`, and the
/// units with `lines`, `quote` and `codes` (node ids), each under a comment naming the
/// keywords that matched and their nodes. `header` is written as a comment at the top.
std::string render_suggestions(const transcript::Transcript& t,
                               const std::vector<Suggestion>& suggestions,
                               const std::vector<Keyword>& keywords,
                               const std::vector<std::string>& node_ids, const std::string& coder,
                               const std::string& header);
/// The same, appended to `out` (a buffer kept from file to file allocates nothing new).
void render_suggestions(std::string& out, const transcript::Transcript& t,
                        const std::vector<Suggestion>& suggestions,
                        const std::vector<Keyword>& keywords,
                        const std::vector<std::string>& node_ids, const std::string& coder,
                        const std::string& header);

}  // namespace ipcode::aids
