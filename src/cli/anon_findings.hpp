// Private to src/cli: anon findings for the commands other than `anon` (SPEC §8, §10).
#pragma once

#include "cli/common.hpp"

namespace ipcode::cli {

/// `ipcode check`: every anon finding of the study as a warning (no --map: the study's allow
/// list and the informants' pseudonyms apply).
void anon_warnings(const loader::Study& study, Diagnostics& diags);

/// `condense --stage final`: prints an error for every finding inside an illustrative quote
/// the final report would show and returns true when there is one.
bool anon_blocks_final(const loader::Study& study);

}  // namespace ipcode::cli
