/// Steps 2–4 in numbers and drafts: the pure, in-memory analysis of one research round (no
/// I/O). Counting rules (SPEC §10): a node's count is the number of distinct units coded with
/// it or any node under it; rows are every informant of the round in natural order; columns
/// are codebook nodes in codebook order. Interviewer units count only with
/// include_interviewer. Everything here is deterministic.
#pragma once

#include "ipcode/loader/study.hpp"

#include <map>
#include <string>
#include <vector>

namespace ipcode::condense {

/// Counts for one codebook node.
struct NodeStats {
  std::vector<int> units;               // indices into RoundData::units, in unit order
  std::vector<std::string> informants;  // distinct informants of those units, natural order
};

/// An extractive draft condensate (SPEC §6): the unit sentences most central to the
/// subgroup, in the informants' own words, at most 80 words.
struct Draft {
  std::string text;
  std::vector<std::string> unit_ids;  // the units its sentences come from
};

struct RoundAnalysis {
  const loader::RoundData* round = nullptr;
  /// Matrix rows, natural order: the participants of the round as counted, and the
  /// denominator of every prevalence. The round's informants, any other speaker of a counted
  /// unit, and with include_interviewer every interviewer label of the round's transcripts.
  /// Every node's `informants` is a subset.
  std::vector<std::string> informants;
  std::vector<int> counted;      // indices of the units that count, unit order
  std::vector<NodeStats> nodes;  // by codebook node index
  /// cells[i][n]: units of informant i under node n (indices into RoundData::units).
  std::vector<std::vector<std::vector<int>>> cells;
  /// Units coded with a group but with none of its subgroups ("ikke sortert"), per group
  /// node index; only groups that have such units appear.
  std::map<int, std::vector<int>> unsorted;
  /// cooccurrence[a][b] over groups in codebook order (of_level(group) positions).
  std::vector<std::vector<int>> cooccurrence;
  /// Subgroups with units from exactly one informant (node indices, codebook order).
  std::vector<int> weakly_anchored;
  /// Drafts for subgroups that have units but no (non-blank) condensate, by node index.
  std::map<int, Draft> drafts;
  /// Vocabulary check: condensate words (stemmed, stop words out) found in none of the
  /// subgroup's units, in order of appearance. Every subgroup with a non-blank condensate
  /// has an entry (empty when all its words are the informants' own).
  std::map<int, std::vector<std::string>> foreign_words;
};

/// Whether analyse() also makes the drafts and the vocabulary check (the costly part: every
/// unit text involved is split into sentences and stemmed). `status` needs neither; `check`
/// needs only the vocabulary check.
enum class Texts { no, yes, vocabulary };

RoundAnalysis analyse(const loader::RoundData& round, const loader::Options& options,
                      Texts texts = Texts::yes);

/// The extractive draft for a set of units (indices into round.units; order and duplicates
/// do not matter). Sentences are weighted by TF-IDF with the IDF taken over the sentences of
/// `idf_units`; analyse() passes the counted units of the subgroup's code group. Sentences
/// are taken greedily by centrality (ties: earlier unit, earlier sentence) while they fit;
/// with several units, a sentence sharing no content word with any other is never taken. The
/// result is made only of whole sentences of the units, in unit order, at most 80 words; a
/// best sentence longer than that is cut at its 80th word and ends with " …". Words, letter
/// case and punctuation are the units' own: a sentence that starts in lower case (cut from the
/// middle of the informant's sentence) gets "… " in front, one that ends without closing
/// punctuation " …" after it. Units of background transcripts (SPEC §3: never quoted) supply
/// no sentence. Empty text when the other units have no words.
Draft make_draft(const loader::RoundData& round, const std::vector<int>& units,
                 const std::vector<int>& idf_units);
/// The same, with the IDF taken over the units themselves (exposed for tests).
Draft make_draft(const loader::RoundData& round, const std::vector<int>& units);

/// Words of `condensate` (as written, NFC, first occurrence, one per stem) whose stems occur
/// in none of `unit_texts`. Stop words and numbers are never foreign; inflected forms of a
/// unit's word ("planene" for "planen") are not foreign.
std::vector<std::string> vocabulary_check(const std::string& condensate,
                                          const std::vector<std::string>& unit_texts);

}  // namespace ipcode::condense
