// Quote matching: the input is a quote, a NUL byte and a transcript (a transcript alone when
// there is no NUL). find() and closest() must give the same answer with the index of word
// starts (MatchIndex(t, 0)) and without it (MatchIndex(t, SIZE_MAX)), on the whole transcript
// and on a line range; every match must lie inside the transcript and the range.
#include "fuzz_common.hpp"
#include "ipcode/transcript/match.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using namespace ipcode::transcript;

void same(const std::vector<QuoteMatch>& a, const std::vector<QuoteMatch>& b) {
  bool ok = a.size() == b.size();
  for (std::size_t i = 0; ok && i < a.size(); ++i)
    ok = a[i].line_start == b[i].line_start && a[i].line_end == b[i].line_end &&
         a[i].text == b[i].text && a[i].begin == b[i].begin && a[i].end == b[i].end;
  if (!ok) {
    std::fprintf(stderr, "find() differs with and without the index of word starts: %zu vs %zu matches\n",
                 a.size(), b.size());
    std::abort();
  }
}

void same(const std::optional<QuoteMiss>& a, const std::optional<QuoteMiss>& b) {
  const bool ok = a.has_value() == b.has_value() &&
                  (!a || (a->line == b->line && a->quote_word == b->quote_word &&
                          a->transcript_word == b->transcript_word));
  if (!ok) {
    std::fprintf(stderr, "closest() differs with and without the index of word starts\n");
    std::abort();
  }
}

void inside(const Transcript& t, const std::vector<QuoteMatch>& matches, int from, int to) {
  for (const auto& m : matches) {
    if (m.begin > m.end || m.end > t.text.size() || m.line_start > m.line_end || m.line_start < 1 ||
        m.line_end > t.line_count())
      std::abort();
    if (from > 0 && (m.line_start < from || m.line_end > to)) std::abort();
  }
  if (matches.size() > MatchIndex::kMaxMatches + 1) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipcode;
  const auto [quote, bytes] = fuzz::split_at_nul(fuzz::as_text(data, size));
  Diagnostics diags;
  const auto t = parse_transcript(std::string(bytes), "r1/B1.txt", "r1", diags);
  const MatchIndex indexed(t, 0);
  const MatchIndex scanned(t, SIZE_MAX);
  // The whole transcript, then a range picked from the quote's length (also out of range).
  const int n = t.line_count();
  const int from = n == 0 ? 1 : 1 + static_cast<int>(quote.size() % static_cast<std::size_t>(n));
  const int to = from + static_cast<int>(quote.size() % 7);
  for (const auto& [a, b] : {std::pair{0, 0}, std::pair{from, to}}) {
    const auto found = indexed.find(quote, a, b);
    same(found, scanned.find(quote, a, b));
    inside(t, found, a, b);
    if (found.empty()) same(indexed.closest(quote, a, b), scanned.closest(quote, a, b));
  }
  (void)quote_segments(quote);
  (void)strip_clarifications(quote);
  (void)spoken_text(t, from, to);
  return 0;
}
