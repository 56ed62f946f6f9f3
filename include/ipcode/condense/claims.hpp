/// Prevalence claims in analysis texts (SPEC §8; issue "claims checked against the data"):
/// "tre av fem deltakere", "3 av 5", "to av de fire brukerne", "fire av dei seks" — read and
/// compared with the informant counts of the node the text belongs to. Pure: no I/O.
#pragma once

#include "ipcode/condense/analysis.hpp"
#include "ipcode/study/manifest.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::condense {

/// "N av M [noun]" as written in a text: bytes [begin, end) of the phrase, the two numbers
/// (digits, or number words up to twenty in bokmål and nynorsk), and the noun after M as
/// written ("deltakere", "brukerne"; empty when M ends the sentence).
struct Claim {
  std::size_t begin = 0;
  std::size_t end = 0;
  int n = 0;
  int m = 0;
  std::string noun;
  bool ends_clause = false;  // punctuation or the end of the text right after M
};

/// Every "N av M" phrase of `text` with 0 < N <= M, whatever its noun: whether it speaks of
/// the informants is decided by check_claims(). Quantifiers ("alle", "ingen", "de fleste")
/// are never claims.
std::vector<Claim> find_claims(std::string_view text);

/// A claim that the data do not bear out.
struct FalseClaim {
  int node = -1;            // the subgroup or group whose analysis text says it
  bool group_text = false;  // the group's own analysis (else the subgroup's)
  Claim claim;
  std::string phrase;  // the claim as written
  std::string role;    // the role the noun names, as written in the manifest; empty: all
  int actual = 0;      // informants (with that role) who have units under the node
  int of = 0;          // M as the data give it
};

/// The claims of every analysis text of the round (subgroups and groups of the condensation
/// file) that are prevalence claims about the round's participants, and do not hold. A phrase
/// is read as such a claim only when its noun names the participants ("deltakere",
/// "informanter", ...) or a role of the round's informants (matched by stem: "brukerne" for
/// role "bruker"), or when M ends the clause, and M is that number of participants in the
/// round; anything else is left alone (never a false alarm on "to av tre møter").
std::vector<FalseClaim> check_claims(const RoundAnalysis& analysis,
                                     const std::vector<study::Informant>& informants);

}  // namespace ipcode::condense
