// The quote matcher (SPEC §5), table-driven: each row is a transcript, a quote, an optional
// line range and what a researcher expects: the line span, "none" or "ambiguous". Expected
// values were worked out by reading the transcripts, not copied from the matcher's output.
#include "ipcode/transcript/match.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <string>
#include <vector>

using namespace ipcode;
using namespace ipcode::transcript;

namespace {

// T1: two informant turns around an interviewer question.
const char* kT1 =
    "I: Hva skjedde?\n"                                         // 1
    "B1: Jeg bare skrev under. Jeg visste ikke hva det var.\n"  // 2
    "Det var mye papir.\n"                                      // 3
    "I: Og så?\n"                                               // 4
    "B1: Jeg skriver under vetle vet alt.\n";                   // 5

// T2: Unicode white space (U+00A0, tab, U+202F, U+2009, U+2028).
const char* kT2 =
    "B1: Det\u00A0var  fint\t\u00E5\u202Fkomme\u2009hjem.\n"  // 1
    "B1: Jeg\u2028vet ikke.\n";                               // 2

// T3: typographic variants in the transcript.
const char* kT3 =
    "B1: Ja \u2026 men det er \u00ABvanskelig\u00BB, sa hun. Det er Kari\u2019s bok.\n"  // 1
    "B1: Han sa \u201Cnei\u201D \u2013 og s\u00E5 gikk han.\n"                           // 2
    "B1: Vi drar \u2018hjem\u2019 i morgen - kanskje.\n";                                // 3

// T4: æøå, NFC.
const char* kT4 = "B1: Vi m\u00E5 g\u00E5 p\u00E5 \u00C6rlig \u00D8stre \u00C5lesund-veien.\n";
// T4 in NFD: å = a + U+030A, Æ and Ø have no decomposition.
const char* kT4nfd =
    "B1: Vi ma\u030A ga\u030A pa\u030A \u00C6rlig \u00D8stre A\u030Alesund-veien.\n";

// T5: front matter, a page marker, a back-channel and a real question.
const char* kT5 =
    "---\n"                       // 1
    "id: r1-B2\n"                 // 2
    "---\n"                       // 3
    "I: Fortell.\n"               // 4
    "B2: Vi begynte tidlig.\n"    // 5
    "[side 2]\n"                  // 6
    "S\u00E5 kom planen.\n"       // 7
    "I: Ja.\n"                    // 8
    "B2: Og den var god.\n"       // 9
    "I: Hva mener du med det?\n"  // 10
    "B2: At den var god.\n";      // 11

// T6: CRLF line ends.
const char* kT6 = "B1: Jeg vet ikke.\r\nDet er sant.\r\n";
// T7: Windows-1252 bytes: å æ ø, 0x96 en dash, 0x85 ellipsis, 0x92 right single quote.
const char* kT7 =
    "B1: Bl\xE5"
    "b\xE6r og \xF8l \x96 og \x85 mer, Kari\x92s.\n";
// T8: a page break by form feed inside a turn.
const char* kT8 = "B1: Vi begynte tidlig.\n\fS\u00E5 kom planen.\n";

// T9: the informant's own ellipsis between words.
const char* kT9 = "B1: Jeg vet ikke ... hva det er.\n";
// T10: back-channels over two lines; an interviewer turn that starts like one but goes on.
const char* kT10 =
    "B1: Jeg skrev under\n"                 // 1
    "I: Ja\n"                               // 2
    "vel.\n"                                // 3: "ja vel", over two lines
    "B1: uten \u00E5 lese.\n"               // 4
    "I: Ja,\n"                              // 5
    "ja vel, men hvorfor gjorde du det?\n"  // 6
    "B1: Det vet jeg ikke.\n";              // 7

struct Case {
  const char* transcript;
  const char* quote;
  int from;
  int to;
  const char* expected;  // "a-b", "none" or "ambiguous"
};

// clang-format off
const Case kCases[] = {
    // Word boundaries at both ends of every segment.
    {kT1, "Jeg bare skr (\u2026) visste ikke hva det var", 0, 0, "none"},
    {kT1, "Jeg bare skrev (\u2026) visste ikke hva det var", 0, 0, "2-2"},
    {kT1, "ikk (\u2026) hva", 0, 0, "none"},
    {kT1, "ikke (\u2026) papir", 0, 0, "2-3"},
    {kT1, "krev under", 0, 0, "none"},
    {kT1, "skrev unde", 0, 0, "none"},
    {kT1, "bare skrev (\u2026) isste", 0, 0, "none"},
    {kT9, "ikk (\u2026) hva", 0, 0, "none"},
    {kT10, "skrev under uten \u00E5 lese", 0, 0, "1-4"},
    {kT10, "Jeg skrev (\u2026) lese", 0, 0, "1-4"},
    {kT10, "uten \u00E5 lese (\u2026) Det vet jeg", 0, 0, "none"},
    {kT10, "lese. Ja, ja vel", 0, 0, "4-6"},
    {kT9, "ikke (\u2026) hva", 0, 0, "1-1"},
    {kT9, "ikke \u2026 hva", 0, 0, "1-1"},
    {kT9, "vet ikke... hva det", 0, 0, "1-1"},
    // Backtracking: a later occurrence of a segment is tried when the nearest one fails.
    {kT1, "Jeg skriver (\u2026) vet", 0, 0, "5-5"},
    {kT1, "Jeg skriver (\u2026) vetle", 0, 0, "5-5"},
    {kT1, "Jeg skriver (\u2026) vet alt", 0, 0, "5-5"},
    {kT1, "skriver under vet", 0, 0, "none"},
    {kT1, "jeg (\u2026) papir", 0, 0, "2-3"},
    // Ambiguity: distinct line spans without lines to narrow them.
    {kT1, "Jeg", 0, 0, "ambiguous"},
    {kT1, "Jeg", 5, 5, "5-5"},
    {kT1, "under", 0, 0, "ambiguous"},
    {kT1, "det var", 0, 0, "ambiguous"},
    {kT1, "det var", 3, 3, "3-3"},
    {kT1, "visste (\u2026) var", 0, 0, "ambiguous"},
    {kT1, "visste (\u2026) var", 2, 2, "2-2"},
    {kT1, "Jeg (\u2026) vet alt", 0, 0, "5-5"},
    {kT1, "bare skrev", 4, 5, "none"},
    // Case, turns, gaps at either end.
    {kT1, "jeg bare skrev under", 0, 0, "2-2"},
    {kT1, "JEG BARE SKREV UNDER", 0, 0, "2-2"},
    {kT1, "Hva skjedde", 0, 0, "1-1"},
    {kT1, "bare skrev under (\u2026) Og s\u00E5", 0, 0, "none"},
    {kT1, "papir. Og s\u00E5", 0, 0, "3-4"},  // no gap: may run into the next turn
    {kT1, "(\u2026) visste ikke hva det var", 0, 0, "2-2"},
    {kT1, "Jeg bare skrev under (\u2026)", 0, 0, "2-2"},
    {kT1, "(...) bare skrev under [...]", 0, 0, "2-2"},
    // Gap marks and clarifications.
    {kT1, "Jeg bare [...] under", 0, 0, "2-2"},
    {kT1, "Jeg bare (...) under", 0, 0, "2-2"},
    {kT1, "Jeg bare [\u2026] under", 0, 0, "2-2"},
    {kT1, "[Brukeren] Jeg bare skrev under", 0, 0, "2-2"},
    {kT1, "Jeg bare skrev under [p\u00E5 planen] (\u2026) ikke hva", 0, 0, "2-2"},
    {kT1, "Jeg bare skrev under [p\u00E5 planen]. Jeg visste", 0, 0, "2-2"},
    {kT1, "skrev (\u2026) [det vil si planen] hva det var", 0, 0, "2-2"},
    {kT1, "[...]", 0, 0, "none"},
    // Unicode white space in the transcript and in the quote.
    {kT2, "det var fint \u00E5 komme hjem.", 0, 0, "1-1"},
    {kT2, "Det\u00A0var fint", 0, 0, "1-1"},
    {kT2, "Det var\n   fint\t\u00E5", 0, 0, "1-1"},
    {kT2, "jeg vet ikke", 0, 0, "2-2"},
    {kT2, "jeg\u2028vet", 0, 0, "2-2"},
    {kT2, "fint\u202F\u00E5\u2009komme", 0, 0, "1-1"},
    // Typographic variants: ellipsis, quotation marks, apostrophes, dashes.
    {kT3, "Ja ... men det", 0, 0, "1-1"},
    {kT3, "Ja\u2026 men det", 0, 0, "1-1"},
    {kT3, "ja...men", 0, 0, "1-1"},
    {kT3, "det er \"vanskelig\"", 0, 0, "1-1"},
    {kT3, "det er \u201Dvanskelig\u201D", 0, 0, "1-1"},
    {kT3, "det er \u00ABvanskelig\u00BB, sa hun", 0, 0, "1-1"},
    {kT3, "Kari's bok", 0, 0, "1-1"},
    {kT3, "Han sa \"nei\" - og s\u00E5", 0, 0, "2-2"},
    {kT3, "Han sa \u00ABnei\u00BB \u2014 og s\u00E5", 0, 0, "2-2"},
    {kT3, "Han sa \u201Cnei\u201D\u2013og s\u00E5", 0, 0, "2-2"},
    {kT3, "Vi drar 'hjem' i morgen \u2013 kanskje", 0, 0, "3-3"},
    {kT3, "Vi drar hjem", 0, 0, "none"},
    {kT3, "sa hun. Det (\u2026) bok", 0, 0, "1-1"},
    // NFC and NFD, æøå and their capitals.
    {kT4, "vi ma\u030A ga\u030A", 0, 0, "1-1"},
    {kT4nfd, "Vi m\u00E5 g\u00E5", 0, 0, "1-1"},
    {kT4nfd, "\u00C5lesund-veien", 0, 0, "1-1"},
    {kT4, "\u00C6RLIG \u00D8STRE \u00C5LESUND", 0, 0, "1-1"},
    {kT4, "\u00E6rlig \u00F8stre \u00E5lesund-veien", 0, 0, "1-1"},
    {kT4, "ma g\u00E5", 0, 0, "none"},
    {kT4, "Vi m\u00E5 g", 0, 0, "none"},
    {kT4, "rlig", 0, 0, "none"},
    {kT4, "\u00E5lesund (\u2026) veien", 0, 0, "1-1"},
    // Pages, front matter, back-channels and turn boundaries.
    {kT5, "Vi begynte (\u2026) kom planen", 0, 0, "5-7"},
    {kT5, "tidlig. S\u00E5 kom", 0, 0, "5-7"},
    {kT5, "S\u00E5 kom planen. Og den var god", 0, 0, "7-9"},
    {kT5, "Vi begynte (\u2026) den var god", 0, 0, "5-9"},
    {kT5, "kom planen (\u2026) At den var god", 0, 0, "none"},
    {kT5, "planen. Ja. Og den", 0, 0, "none"},
    {kT5, "den var god", 0, 0, "ambiguous"},
    {kT5, "den var god", 10, 11, "11-11"},
    {kT5, "Fortell", 1, 3, "none"},
    {kT5, "id: r1-B2", 0, 0, "none"},
    {kT5, "side 2", 0, 0, "none"},
    {kT5, "Fortell", 0, 0, "4-4"},
    {kT8, "tidlig. S\u00E5 kom", 0, 0, "1-2"},
    {kT8, "Vi (\u2026) planen", 0, 0, "1-2"},
    // CRLF and Windows-1252.
    {kT6, "ikke. Det er", 0, 0, "1-2"},
    {kT6, "Det er sant.", 0, 0, "2-2"},
    {kT7, "Bl\u00E5b\u00E6r og \u00F8l - og ... mer", 0, 0, "1-1"},
    {kT7, "mer, Kari's", 0, 0, "1-1"},
};
// clang-format on

std::string outcome(const std::vector<QuoteMatch>& m) {
  if (m.empty()) return "none";
  if (m.size() > 1) return "ambiguous";
  return std::to_string(m[0].line_start) + "-" + std::to_string(m[0].line_end);
}

Transcript read(const char* text) {
  Diagnostics d;
  return parse_transcript(text, "transcripts/r1/B1.txt", "r1", d);
}

}  // namespace

TEST_CASE("quote matching table", "[transcript][match]") {
  STATIC_REQUIRE(sizeof(kCases) / sizeof(kCases[0]) >= 60);
  for (const auto& c : kCases) {
    const auto t = read(c.transcript);
    // Both ways of finding a segment: scanning the text, and the index of word starts.
    for (const std::size_t index_from : {std::size_t{0}, SIZE_MAX}) {
      const MatchIndex index(t, index_from);
      INFO("quote: " << c.quote << "  lines " << c.from << "-" << c.to << " index from "
                     << index_from);
      CHECK(outcome(index.find(c.quote, c.from, c.to)) == c.expected);
    }
    // An index of the unit's lines only (units given with `lines`) finds the same.
    if (c.from > 0) {
      const MatchIndex lines(t, continue_turns(t), c.from, c.to);
      INFO("index of lines " << c.from << "-" << c.to);
      CHECK(outcome(lines.find(c.quote, c.from, c.to)) == c.expected);
    }
  }
}

TEST_CASE("the matched text is the transcript's own", "[transcript][match]") {
  struct TextCase {
    const char* transcript;
    const char* quote;
    const char* text;
    const char* own_words;
  };
  const TextCase cases[] = {
      {kT3, "ja...men det", "Ja \u2026 men det", "Ja \u2026 men det"},
      {kT3, "det er \"vanskelig\"", "det er \u00ABvanskelig\u00BB", "det er \u00ABvanskelig\u00BB"},
      {kT3, "Han sa \"nei\" - og", "Han sa \u201Cnei\u201D \u2013 og",
       "Han sa \u201Cnei\u201D \u2013 og"},
      {kT2, "det var fint", "Det var fint", "Det var fint"},
      {kT1, "JEG BARE SKREV", "Jeg bare skrev", "Jeg bare skrev"},
      {kT1, "(\u2026) visste ikke hva det var", "(\u2026) visste ikke hva det var",
       "(\u2026) visste ikke hva det var"},
      {kT1, "Jeg bare skrev under [p\u00E5 planen] (...) ikke hva",
       "Jeg bare skrev under [p\u00E5 planen] (...) ikke hva",
       "Jeg bare skrev under (...) ikke hva"},
      {kT1, "Jeg bare skrev under [p\u00E5 planen]. Jeg visste",
       "Jeg bare skrev under [p\u00E5 planen]. Jeg visste", "Jeg bare skrev under. Jeg visste"},
      {kT1, "[Brukeren] jeg bare skrev", "[Brukeren] Jeg bare skrev", "Jeg bare skrev"},
      {kT5, "tidlig. s\u00E5 kom", "tidlig. S\u00E5 kom", "tidlig. S\u00E5 kom"},
      {kT5, "Vi begynte [...] kom planen", "Vi begynte [...] kom planen",
       "Vi begynte [...] kom planen"},
      {kT5, "Vi begynte (\u2026) [\u2026] kom planen", "Vi begynte (\u2026) kom planen",
       "Vi begynte (\u2026) kom planen"},
      {kT1, "[...] bare skrev under [...]", "[...] bare skrev under [...]",
       "[...] bare skrev under [...]"},
      {kT5, "S\u00E5 kom planen. Og den var god", "S\u00E5 kom planen. Og den var god",
       "S\u00E5 kom planen. Og den var god"},
      {kT6, "ikke. Det er", "ikke. Det er", "ikke. Det er"},
      {kT7, "bl\u00E5b\u00E6r og \u00F8l - og ... mer",
       "Bl\u00E5b\u00E6r og \u00F8l \u2013 og \u2026 mer",
       "Bl\u00E5b\u00E6r og \u00F8l \u2013 og \u2026 mer"},
  };
  for (const auto& c : cases) {
    const auto t = read(c.transcript);
    const MatchIndex index(t);
    INFO("quote: " << c.quote);
    const auto m = index.find(c.quote);
    REQUIRE(m.size() == 1);
    CHECK(m[0].text == c.text);
    CHECK(strip_clarifications(m[0].text) == c.own_words);
  }
}

TEST_CASE("a quote not found says where the closest match breaks off", "[transcript][match]") {
  const auto t1 = read(kT1);
  const MatchIndex i1(t1);
  auto miss = i1.closest("Jeg bare skreiv under");
  REQUIRE(miss);
  CHECK(miss->line == 2);
  CHECK(miss->quote_word == "skreiv");
  CHECK(miss->transcript_word == "skrev");
  miss = i1.closest("Jeg bare skr (\u2026) visste");
  REQUIRE(miss);
  CHECK(miss->quote_word == "skr");
  CHECK(miss->transcript_word == "skrev");
  miss = i1.closest("Jeg skriver under vet alt", 5, 5);
  REQUIRE(miss);
  CHECK(miss->line == 5);
  CHECK(miss->quote_word == "vet");
  CHECK(miss->transcript_word == "vetle");
  CHECK_FALSE(i1.closest("helt andre ord"));
  const auto t5 = read(kT5);
  const MatchIndex i5(t5);
  miss = i5.closest("Vi begynte tidlig. S\u00E5 kom planene");
  REQUIRE(miss);
  CHECK(miss->line == 7);
  CHECK(miss->quote_word == "planene");
  CHECK(miss->transcript_word == "planen");
  miss = i5.closest("Vi begynte (\u2026) Hva mener");  // the turn ends first
  REQUIRE(miss);
  CHECK(miss->quote_word == "hva");
}

TEST_CASE("many gaps over a long transcript stay fast", "[transcript][match]") {
  std::string text = "B1: start\n";
  for (int n = 0; n < 10000; ++n) text += "ja og nei og ja og nei og ja og nei\n";
  text += "slutt\n";
  const auto t = read(text.c_str());
  const MatchIndex index(t);
  const auto begin = std::chrono::steady_clock::now();
  const auto m =
      index.find("ja (…) ja (…) ja (…) ja (…) ja (…) ja (…) ja (…) ja (…) ja (…) ja (…) slutt");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - begin)
                      .count();
  CHECK(m.size() == MatchIndex::kMaxMatches + 1);  // far more than the cap: ambiguous
  CHECK(index.find("start (…) ja (…) og (…) nei (…) og (…) slutt").size() == 1);
  CHECK(index.find("start (…) ja (…) og (…) kanskje (…) slutt").empty());
  CHECK(ms < 2000);
}

TEST_CASE("clarifications go, the informants' punctuation stays", "[transcript][match]") {
  CHECK(strip_clarifications("ja ... men") == "ja ... men");
  CHECK(strip_clarifications("Ja . Nei") == "Ja . Nei");
  CHECK(strip_clarifications("Han [saksbehandleren] sa nei [...] til meg [B2] .") ==
        "Han sa nei [...] til meg.");
  CHECK(strip_clarifications("til meg [B2], sa hun") == "til meg, sa hun");
  CHECK(strip_clarifications("[Brukeren] sa nei") == "sa nei");
}

TEST_CASE("closest match of a quote without a gap may run into the next turn",
          "[transcript][match]") {
  const auto t = read(kT1);
  const MatchIndex index(t);
  const auto miss = index.closest("det var mye papir. Og sa");
  REQUIRE(miss);
  CHECK(miss->line == 4);
  CHECK(miss->quote_word == "sa");
  CHECK(miss->transcript_word == "så");
}

TEST_CASE("random transcripts and quotes never crash the matcher", "[transcript][match]") {
  // Pieces that stress the decoder and the folding: multi-byte letters, NFD marks, broken
  // UTF-8, form feeds, labels, markers, gaps and clarifications.
  const std::vector<std::string> pieces = {
      "ja",      " ",      "\n",       "B1: ",   "I: ",    "[side 2]\n", "\f",     "\u00E5",
      "a\u030A", "\xC3",   "\xE2\x80", "\u2026", "...",    "(\u2026)",   "[...]",  "[IP]",
      "-",       "\u2013", "\u00A0",   "\u00AB", "\u201D", "'",          "\u2019", ".",
      "vet",     "ikke",   "\r\n",     "\u00C6", "(",      "]",          "Mm.",    "\n---\n"};
  std::uint32_t seed = 12345;
  const auto next = [&] {
    seed = seed * 1103515245U + 12345U;
    return (seed >> 16) & 0x7FFF;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text, quote;
    for (int k = 0, n = static_cast<int>(next() % 60); k < n; ++k)
      text += pieces[next() % pieces.size()];
    for (int k = 0, n = static_cast<int>(next() % 8); k < n; ++k)
      quote += pieces[next() % pieces.size()];
    const auto t = read(text.c_str());
    const MatchIndex index(t);
    const MatchIndex indexed(t, 0);
    const int from = static_cast<int>(next() % 5);
    const int to = from + static_cast<int>(next() % 5);
    const auto found = index.find(quote, from, to);
    for (const auto& m : found) {
      CHECK(m.line_start >= 1);
      CHECK(m.line_start <= m.line_end);
      CHECK(m.line_end <= t.line_count());
    }
    // The index of word starts finds exactly what the scan finds.
    const auto by_index = indexed.find(quote, from, to);
    REQUIRE(by_index.size() == found.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK(by_index[i].begin == found[i].begin);
      CHECK(by_index[i].end == found[i].end);
      CHECK(by_index[i].text == found[i].text);
    }
    (void)index.closest(quote);
    (void)strip_clarifications(quote);
  }
}

TEST_CASE("the index of word starts finds what the scan finds, on quotes cut from a transcript",
          "[transcript][match]") {
  const std::vector<std::string> words = {
      "jeg", "vet", "ikke",   "Hva", "planen",  "\u00E5", "s\u00E5", "\u00C6rlig", "det",
      "var", "mye", "papir.", "ja,", "\u00F8l", "-",      "\u2026",  "jeg."};
  std::uint32_t seed = 99;
  const auto next = [&] {
    seed = seed * 1103515245U + 12345U;
    return (seed >> 16) & 0x7FFF;
  };
  std::size_t matched = 0;
  std::size_t in_lines = 0;
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> spoken;
    std::string text;
    for (int line = 0; line < 20; ++line) {
      text += line % 3 == 0 ? "I: " : "B1: ";
      for (int k = 0, n = 3 + static_cast<int>(next() % 8); k < n; ++k) {
        spoken.push_back(words[next() % words.size()]);
        text += spoken.back() + (next() % 7 == 0 ? "  " : " ");
      }
      text += "\n";
    }
    const std::size_t from = next() % spoken.size();
    const std::size_t len = 1 + next() % 5;
    std::string quote;
    for (std::size_t k = from; k < std::min(spoken.size(), from + len); ++k) {
      if (!quote.empty()) quote += k == from + 2 && next() % 2 == 0 ? " (\u2026) " : " ";
      quote += spoken[k];
    }
    const auto t = read(text.c_str());
    const MatchIndex scan(t, SIZE_MAX);
    const MatchIndex indexed(t, 0);
    const auto a = scan.find(quote);
    const auto b = indexed.find(quote);
    INFO(quote);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].begin == b[i].begin);
      CHECK(a[i].end == b[i].end);
      CHECK(a[i].line_start == b[i].line_start);
      CHECK(a[i].text == b[i].text);
    }
    matched += a.empty() ? 0 : 1;
    // Searched in some lines: the index of those lines only finds the same.
    const int first = 1 + static_cast<int>(next() % 20);
    const int last = first + static_cast<int>(next() % 4);
    const auto whole = scan.find(quote, first, last);
    const MatchIndex part(t, continue_turns(t), first, last);
    const auto in_part = part.find(quote, first, last);
    REQUIRE(whole.size() == in_part.size());
    in_lines += whole.empty() ? 0 : 1;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      CHECK(whole[i].begin == in_part[i].begin);
      CHECK(whole[i].end == in_part[i].end);
      CHECK(whole[i].line_start == in_part[i].line_start);
      CHECK(whole[i].line_end == in_part[i].line_end);
      CHECK(whole[i].text == in_part[i].text);
    }
    const auto miss_whole = scan.closest(quote + " xyzzy", first, last);
    const auto miss_part = part.closest(quote + " xyzzy", first, last);
    REQUIRE(miss_whole.has_value() == miss_part.has_value());
    if (miss_whole) {
      CHECK(miss_whole->line == miss_part->line);
      CHECK(miss_whole->quote_word == miss_part->quote_word);
      CHECK(miss_whole->transcript_word == miss_part->transcript_word);
    }
  }
  CHECK(matched > 100);  // most quotes cut from the text are found (some cross turns)
  CHECK(in_lines > 10);  // and some of them in the lines searched
}

TEST_CASE("a line's own speech, quoted, is found at that line", "[transcript][match]") {
  // The transcript side folds runs of plain text in blocks (MatchIndex::build), the quote side
  // one character at a time: both must give the same form, whatever the mix of long runs,
  // capitals, æøå, double spaces, dashes and full stops.
  const std::vector<std::string> pieces = {"jeg",
                                           "vet",
                                           "ikke",
                                           " ",
                                           " ",
                                           "  ",
                                           "planen",
                                           "Planen",
                                           "\u00E5",
                                           "s\u00E5",
                                           "\u00C6rlig",
                                           "\u00F8l",
                                           "\u00C5se",
                                           "-",
                                           ".",
                                           ",",
                                           "\u2026",
                                           "\u00E9",
                                           "abcdefghijklmnopqrstuvwxyz",
                                           "m\u00F8tet var langt og kjedelig",
                                           "\u00AB",
                                           "\u00BB",
                                           "10",
                                           "!",
                                           "?"};
  std::mt19937 rng(17);
  std::size_t found = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    std::vector<std::string> lines;
    for (int line = 0; line < 6; ++line) {
      std::string speech = "ord";
      for (int k = 0, n = static_cast<int>(rng() % 14); k < n; ++k) {
        speech += pieces[rng() % pieces.size()];
      }
      speech += " slutt";
      lines.push_back(speech);
      text += "B1: " + speech + "\n";
    }
    const auto t = read(text.c_str());
    const MatchIndex index(t);
    for (int line = 1; line <= 6; ++line) {
      const std::string& quote = lines[static_cast<std::size_t>(line - 1)];
      INFO(quote);
      const auto m = index.find(quote, line, line);
      REQUIRE(m.size() == 1);
      CHECK(m[0].line_start == line);
      ++found;
    }
  }
  CHECK(found == 1800);
}
