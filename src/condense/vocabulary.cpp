// Step 3 validation (Malterud: a condensate is written in the informants' own words): the
// words of a condensate whose stems occur in none of the subgroup's units. Stems make
// inflected forms count as the same word ("planene" is not foreign when a unit says
// "planen"); stop words and numbers are never foreign.

#include "corpus.hpp"
#include "ipcode/condense/analysis.hpp"
#include "ipcode/text/text.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::condense {
namespace detail {

std::vector<std::string> foreign_words(const std::string& condensate,
                                       const std::function<bool(const std::string&)>& known) {
  const std::string text = text::nfc(condensate);
  std::vector<std::string> out;
  std::set<std::string> seen;  // stems already judged, so each is reported once
  for (const text::Span& span : text::words(text)) {
    const std::string_view word(text.data() + span.begin, span.end - span.begin);
    for (const std::string& stem : text::content_stems(word)) {
      if (!seen.insert(stem).second) {
        continue;
      }
      if (!known(stem)) {
        out.emplace_back(word);
        break;  // the word is listed once even if it held several stems
      }
    }
  }
  return out;
}

}  // namespace detail

std::vector<std::string> vocabulary_check(const std::string& condensate,
                                          const std::vector<std::string>& unit_texts) {
  std::set<std::string> stems;
  for (const std::string& t : unit_texts) {
    for (std::string& s : text::content_stems(t)) {
      stems.insert(std::move(s));
    }
  }
  return detail::foreign_words(condensate,
                               [&](const std::string& stem) { return stems.count(stem) > 0; });
}

}  // namespace ipcode::condense
