// Private to src/cli: what `ipcode agree` prints (SPEC §11): the table per code, the pooled
// line, a summary a methods chapter can quote, and the sentences to discuss; or CSV.
#pragma once

#include "ipcode/agree/agree.hpp"

#include <array>
#include <string>
#include <vector>

namespace ipcode::cli {

struct AgreeReport {
  std::array<std::string, 2> names;      // the two sides (coders, or the paths given)
  std::vector<std::string> transcripts;  // ids of the transcripts compared
  std::vector<std::string> one_sided;    // "r1-B3 (KH)": coded by one side only
  agree::UnitKind unit = agree::UnitKind::sentence;
  codebook::Level level = codebook::Level::subgroup;
  std::string report_language = "nb";  // of references ("s.2 l.14"), as kwic writes them
  agree::Result result;
};

/// A number with `places` decimals in the message language's form (0,82 in nb and nn; 0.82
/// in en); "-0,00" is written "0,00".
std::string decimal(double value, int places);

/// The report for people, in the message language.
std::string agree_text(const AgreeReport& r);
/// One row per code and a last row "(pooled)": dot decimals (4 places), an undefined value
/// empty, RFC 4180 quoting.
std::string agree_csv(const AgreeReport& r);
/// The sentences the two coded differently: transcript, speaker, page, lines, each side's
/// codes (ids joined by ';', as units.csv), and the sentence as written (white space
/// collapsed).
std::string agree_disagreements_csv(const AgreeReport& r);

}  // namespace ipcode::cli
