// Quote matching: the input is a quote, a NUL byte and a transcript (a transcript alone when
// there is no NUL). find() and closest() on a line range must give the same answer from an
// index of the whole transcript and from an index of those lines only (as units with `lines`
// are placed); every match must lie inside the transcript and the range.
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
    std::fprintf(stderr, "find() differs between the whole index and the lines' index: %zu vs %zu matches\n",
                 a.size(), b.size());
    std::abort();
  }
}

void same(const std::optional<QuoteMiss>& a, const std::optional<QuoteMiss>& b) {
  const bool ok = a.has_value() == b.has_value() &&
                  (!a || (a->line == b->line && a->quote_word == b->quote_word &&
                          a->transcript_word == b->transcript_word));
  if (!ok) {
    std::fprintf(stderr, "closest() differs between the whole index and the lines' index\n");
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
  const auto t = parse_transcript(bytes, "r1/B1.txt", "r1", diags);
  const MatchIndex whole(t);
  // The whole transcript, then a range picked from the quote's length (also out of range).
  const int n = t.line_count();
  const int from = n == 0 ? 1 : 1 + static_cast<int>(quote.size() % static_cast<std::size_t>(n));
  const int to = from + static_cast<int>(quote.size() % 7);
  const auto everywhere = whole.find(quote);
  inside(t, everywhere, 0, 0);
  if (everywhere.empty()) (void)whole.closest(quote);
  const auto found = whole.find(quote, from, to);
  inside(t, found, from, to);
  if (to <= n) {
    const MatchIndex lines(t, continue_turns(t), from, to);
    same(found, lines.find(quote, from, to));
    if (found.empty()) same(whole.closest(quote, from, to), lines.closest(quote, from, to));
  }
  (void)quote_segments(quote);
  (void)strip_clarifications(quote);
  (void)spoken_text(t, from, to);
  return 0;
}
