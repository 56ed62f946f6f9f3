// Private to the loader: resolving one round's references and checking it (SPEC §5, §6, §8).
#pragma once

#include "ipcode/loader/study.hpp"

#include <map>
#include <string>
#include <vector>

namespace ipcode::loader {

/// A unit placed in its transcript, before the coders are merged and default ids given:
/// `unit.id` is the id as written, empty where the coding file gives none.
struct Pending {
  Unit unit;
};

/// What one coding file contributes to its round.
struct Placed {
  int transcript = -1;      // -1: the file names no transcript of the round
  bool unreadable = false;  // the file itself could not be read (already reported)
  std::vector<Pending> units;
  std::vector<std::string> failed_ids;  // explicit ids of units not placed
  bool unnamed_failed = false;          // a unit without an id was not placed
};

/// Step 2 bookkeeping for one round. The constructor indexes the round's transcripts (and
/// reports duplicate ids and `anonymised: false`) and codebook; place() turns one coding
/// file's unit specs into units (quotes matched, spans, informants), and may run on several
/// threads at once, so a file's specs can be dropped as soon as it is placed; finish() merges
/// the coders in file order, gives default ids, reports duplicate ids and runs check_round().
class Resolver {
 public:
  Resolver(RoundData& round, const Options& options, Diagnostics& diags);
  Placed place(const coding::CodingFile& file, Diagnostics& diags) const;
  /// `placed` in coding-file order (sorted by path).
  void finish(const Study& study, std::vector<Placed> placed, Diagnostics& diags);

 private:
  RoundData& round_;
  const Options& options_;
  std::vector<std::string> node_ids_;
  std::map<std::string, int> node_index_;
  std::map<std::string, int> transcript_index_;
  std::vector<std::string> transcript_ids_;
};

/// The error for a coding file naming a transcript the round does not have:
/// which file is missing, and a "did you mean" only for a close id (defined in load.cpp).
std::string no_transcript_message(const std::string& id, const study::Round& round,
                                  const std::vector<std::string>& ids);

/// The round-level checks of SPEC §8 that need every unit placed: informants of the round,
/// transcripts without coding, overlapping units, condensation references.
void check_round(const Study& study, RoundData& round, const Options& options, Diagnostics& diags);

}  // namespace ipcode::loader
