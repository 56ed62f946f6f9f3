/// The most distinctive words of a group of speech against the rest of the study (SPEC §7
/// `ipcode terms`, a step 1 aid). Words come from the one scanner (aids/scan.hpp), are case
/// folded and Snowball-stemmed; stop words, fillers ("ikke sant", "på en måte": see
/// text::filler_phrases) and numbers (words of digits only) are left out. A term is a stem,
/// shown as its most frequent folded form in the group.
///
/// Statistic: log-likelihood G² (Dunning 1993, in the two-cell form of Rayson and Garside
/// 2000) of the term's count in the group against its count in the rest of the study. Only
/// terms relatively more frequent in the group than in the rest are listed (the group's
/// words, not the words it avoids), and only those seen at least `min_count` times in it.
/// When the group is the whole study (one group), every G² is 0 and terms come by count.
///
/// Deterministic: transcripts are scanned on several threads (base/parallel.hpp) into one
/// slot each and merged in the order given; every count is an integer and G² is computed from
/// the merged counts, so the result never depends on the number of threads.
#pragma once

#include "ipcode/transcript/transcript.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ipcode::aids {

struct TermsOptions {
  bool include_interviewer = false;  // interviewer turns are left out unless true
  std::size_t top = 10;              // terms per group
  std::uint64_t min_count = 3;       // times a term must occur in the group
};

/// The group a turn's speech counts in: called once per turn (`turn` indexes
/// Transcript::turns; -1 for the text of a transcript without speaker labels, which is all
/// its informant's), possibly on several threads at once, so it must not change shared
/// state. Interviewer turns are only asked about with include_interviewer; text before the
/// first label of a transcript with labels (a heading, a note) belongs to no speaker and is
/// never counted.
using GroupOf = std::function<std::string(const transcript::Transcript&, int turn)>;

struct Term {
  std::string word;               // the stem's most frequent folded form in the group
  std::string stem;               // Snowball stem
  std::uint64_t count = 0;        // occurrences (of any form of the stem) in the group
  std::uint64_t rest = 0;         // occurrences in the rest of the study
  double g2 = 0;                  // log_likelihood(count, rest, group words, rest words)
  std::uint32_t transcripts = 0;  // transcripts of the study the stem occurs in (counted speech)
};

struct TermGroup {
  std::string name;
  std::uint64_t words = 0;  // counted words (stop words out) of the group
  std::vector<Term> terms;  // at most `top`: G² descending, then count descending, then
                            // Norwegian collation of the word, then bytes
};

/// The groups in order of first appearance (transcripts in the order given, turns in order),
/// each with its most distinctive terms.
std::vector<TermGroup> terms(const std::vector<const transcript::Transcript*>& transcripts,
                             const GroupOf& group_of, const TermsOptions& options);

/// G² = 2 (a ln(a/E1) + b ln(b/E2)) with E1 = c (a+b)/(c+d), E2 = d (a+b)/(c+d): a word seen
/// `a` times in a group of `c` words and `b` times in the rest, of `d` words. A cell with a
/// count of 0 adds 0; 0 when c + d is 0.
double log_likelihood(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d);

}  // namespace ipcode::aids
