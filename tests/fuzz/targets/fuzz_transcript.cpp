// The transcript reader on arbitrary bytes, and every accessor on every line (and out of range).
#include "fuzz_common.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipcode;
  Diagnostics diags;
  const auto t = transcript::parse_transcript(std::string(fuzz::as_text(data, size)), "r1/B1.txt", "r1", diags);
  std::size_t sum = 0;
  for (int n = 0; n <= t.line_count() + 1; ++n) {
    sum += t.line_text(n).size() + t.spoken(n).size() + t.speaker_of(n).size();
    sum += static_cast<std::size_t>(t.page_of(n)) + (t.interviewer_at(n) ? 1U : 0U);
    if (const auto* line = t.line(n)) {
      if (line->begin > line->end || line->end > t.text.size()) std::abort();
      if (line->speech_begin < line->begin || line->speech_begin > line->end) std::abort();
      if (line->turn >= static_cast<int>(t.turns.size())) std::abort();
    }
  }
  sum += t.informant_labels().size();
  for (const auto& d : diags.items()) sum += format_diagnostic(d).size();
  return sum == 0 ? 0 : 0;
}
