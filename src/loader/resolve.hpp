// Private to the loader: resolving one round's references and checking it (SPEC §5, §6, §8).
#pragma once

#include "ipcode/loader/study.hpp"

namespace ipcode::loader {

/// Step 2 bookkeeping: turns the coding files' unit specs into Units (quotes matched, spans,
/// informants, default ids), then checks the round: unknown codes and transcripts, duplicate
/// ids, overlaps, transcripts without coding, informants, condensation references.
void resolve_round(const Study& study, RoundData& round, const Options& options,
                   Diagnostics& diags);

}  // namespace ipcode::loader

namespace ipcode::loader {

/// The round-level checks of SPEC §8 that need every unit placed: informants of the round,
/// transcripts without coding, overlapping units, condensation references.
void check_round(const Study& study, RoundData& round, const Options& options,
                 Diagnostics& diags);

}  // namespace ipcode::loader
