// Suggested meaning units (aids/suggest.hpp): the keyword index against the one matcher of
// kwic (WordMatcher), sentences as units, informant turns only, codes already given, quotes
// that `check` finds. Expected units were worked out by reading the transcripts.
#include "ipcode/aids/pattern.hpp"
#include "ipcode/aids/scan.hpp"
#include "ipcode/aids/suggest.hpp"
#include "ipcode/base/diagnostic.hpp"
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/match.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ipcode;

namespace {

transcript::Transcript parse(const std::string& s) {
  Diagnostics diags;
  return transcript::parse_transcript(s, "r1/B1.txt", "r1", diags);
}

// Keywords given as {node, pattern}.
std::vector<aids::Keyword> keywords(const std::vector<std::pair<int, std::string>>& list) {
  std::vector<aids::Keyword> out;
  for (const auto& [node, source] : list) {
    std::string error;
    auto p = aids::compile(source, error);
    REQUIRE(p);
    out.push_back({node, source, std::move(*p)});
  }
  return out;
}

// "lines|quote|nodes" of every suggestion, nodes joined by ','.
std::vector<std::string> suggest(const std::string& text,
                                 const std::vector<std::pair<int, std::string>>& kws,
                                 const std::vector<aids::CodedSpan>& coded = {},
                                 aids::SuggestUnit unit = aids::SuggestUnit::sentence) {
  const auto t = parse(text);
  const aids::Suggester s(keywords(kws));
  std::vector<std::string> out;
  for (const auto& sg : s.suggest(t, coded, unit)) {
    std::string nodes;
    for (const int n : sg.nodes) nodes += (nodes.empty() ? "" : ",") + std::to_string(n);
    std::string lines = std::to_string(sg.line_start);
    if (sg.line_end != sg.line_start) lines += "-" + std::to_string(sg.line_end);
    out.push_back(lines + "|" + sg.quote + "|" + nodes);
  }
  return out;
}

}  // namespace

TEST_CASE("suggest: the keyword index agrees with kwic's matcher", "[aids][suggest]") {
  // Every (pattern, word) pair: a suggestion exactly when WordMatcher matches the word.
  const std::vector<std::string> patterns = {"plan",  "signer*", "=IP",  "=Ko*",
                                             "ærlig", "ÅPEN",    "møte", "å",
                                             "b1",    "skriv*",  "barn", "planlegging"};
  const std::vector<std::string> words = {
      "plan",        "planen", "planene", "plans",    "planlegging", "Planleggingen", "signer",
      "Signerte",    "sign",   "IP",      "ip",       "Ip",          "IPen",          "Koordinator",
      "koordinator", "ÆRLIG",  "Ærlige",  "ærlighet", "åpen",        "Åpent",         "møtene",
      "Møter",       "å",      "Å",       "B1",       "skrev",       "barna",         "barnehagen"};
  for (const auto& p : patterns) {
    std::string error;
    const auto compiled = aids::compile(p, error);
    REQUIRE(compiled);
    aids::WordMatcher m(*compiled);
    const aids::Suggester s(keywords({{0, p}}));
    for (const auto& w : words) {
      const auto t = parse("B1: " + w + "\n");
      const bool found = !s.suggest(t, {}, aids::SuggestUnit::sentence).empty();
      INFO(p << " / " << w);
      CHECK(found == (m.match(w) != 0));
    }
  }
}

TEST_CASE("suggest: one unit per sentence, several nodes in one", "[aids][suggest]") {
  const std::string t =
      "I: Hvordan ble planen laget?\n"                                // 1: interviewer
      "B1: Jeg vet ikke. Planen ble signert i mai. Det var greit.\n"  // 2
      "Så kom planene\n"                                              // 3
      "hjem. Ferdig.\n";                                              // 4
  CHECK(suggest(t, {{1, "plan"}, {0, "signer*"}}) ==
        std::vector<std::string>{"2|Planen ble signert i mai.|0,1", "3-4|Så kom planene hjem.|1"});
  // A phrase across a line break, and across a sentence end: the unit spans both sentences.
  CHECK(suggest(t, {{2, "vet ikke planen"}}) ==
        std::vector<std::string>{"2|Jeg vet ikke. Planen ble signert i mai.|2"});
  CHECK(suggest(t, {{2, "planene hjem"}}) ==
        std::vector<std::string>{"3-4|Så kom planene hjem.|2"});
  // --unit turn: the whole informant turn.
  CHECK(suggest(t, {{1, "greit"}}, {}, aids::SuggestUnit::turn) ==
        std::vector<std::string>{
            "2-4|Jeg vet ikke. Planen ble signert i mai. Det var greit. Så kom planene hjem. "
            "Ferdig.|1"});
}

TEST_CASE("suggest: Norwegian abbreviations do not end a sentence", "[aids][suggest][sentences]") {
  // Each is one sentence with a keyword at its end: the whole sentence is the unit.
  const std::vector<std::string> sentences = {"Vi lagde bl.a. Planen sammen.",
                                              "Det gjelder f.eks. Planen.",
                                              "Det tok ca. 3 uker med planen.",
                                              "Vi tok dvs. Planen først.",
                                              "Han har nr. 4 i planen.",
                                              "Vi møttes kl. 10 om planen.",
                                              "Se jf. Planen.",
                                              "Vi tok mht. Planen et valg.",
                                              "Vi tok osv. med planen.",
                                              "Stoler o.l. i planen."};
  for (const auto& s : sentences) {
    INFO(s);
    CHECK(suggest("B1: Hei. " + s + " Ja.\n", {{0, "plan"}}) ==
          std::vector<std::string>{"1|" + s + "|0"});
  }
  // o.l. usually ends a list at the end of a sentence (docs/decisions.md): before a capital
  // it ends the sentence.
  CHECK(text::sentences("Vi kjøpte stoler o.l. Det var dyrt.").size() == 2);
  CHECK(text::sentences("Vi kjøpte stoler o.l. til møtet.").size() == 1);
}

TEST_CASE("suggest: informants' speech only", "[aids][suggest]") {
  // Interviewer labels, and speech before the first label where there are labels, give none.
  CHECK(suggest("Notat om planen\nI: Planen?\nIntervjuer: Planen.\nF: Planen.\nB2: Nei.\n",
                {{0, "plan"}})
            .empty());
  // Without any label the text is the informant's.
  CHECK(suggest("Planen var fin.\n", {{0, "plan"}}) ==
        std::vector<std::string>{"1|Planen var fin.|0"});
}

TEST_CASE("suggest: nothing already coded with that node is proposed", "[aids][suggest]") {
  const std::string t = "B1: Planen ble signert. Det var greit.\n";
  // The first sentence (bytes 4..23) is coded with node 1 and its ancestor 0.
  const aids::CodedSpan coded{4, 23, {1, 0}};
  CHECK(suggest(t, {{1, "plan"}, {2, "signer*"}}, {coded}) ==
        std::vector<std::string>{"1|Planen ble signert.|2"});
  CHECK(suggest(t, {{1, "plan"}, {0, "signer*"}}, {coded}).empty());
  // Coded elsewhere (the second sentence): proposed.
  CHECK(suggest(t, {{1, "plan"}}, {aids::CodedSpan{24, 38, {1}}}) ==
        std::vector<std::string>{"1|Planen ble signert.|1"});
}

TEST_CASE("suggest: brackets are not speech, and every quote is found once", "[aids][suggest]") {
  // A word in brackets is not matched; a bracket at an edge is left out, inside it is a gap.
  CHECK(suggest("B1: Hun bor på [sted]. Jeg liker det.\n", {{0, "sted"}}).empty());
  CHECK(suggest("B1: [navn] signerte planen. Hun sa at [navn] likte planen.\n", {{0, "plan"}}) ==
        std::vector<std::string>{"1|signerte planen. Hun sa at […] likte planen.|0"});
  // Sentences sharing a line with the same codes are one unit; with other codes, two.
  CHECK(suggest("B1: For lite. Det er alltid for lite.\n", {{0, "lite"}}) ==
        std::vector<std::string>{"1|For lite. Det er alltid for lite.|0"});
  CHECK(suggest("B1: For lite. Det er alltid for lite\nplan.\n", {{0, "lite"}, {1, "plan"}}) ==
        std::vector<std::string>{"1|For lite.|0", "1-2|Det er alltid for lite plan.|0,1"});
  // Same codes on a line, another unit between them: all three are one unit.
  CHECK(suggest("B1: For lite. Planen er god. Det er\nlite.\n", {{0, "lite"}, {1, "plan"}}) ==
        std::vector<std::string>{"1-2|For lite. Planen er god. Det er lite.|0,1"});
  // The first sentence is coded: the second's quote would be found in it (the first place on
  // the line wins in quote matching), so the unit is given by its line only.
  CHECK(suggest("B1: Hun sa planen er fin. Planen er fin.\n", {{0, "plan"}},
                {aids::CodedSpan{4, 25, {0}}}) == std::vector<std::string>{"1||0"});
  // Every quote written is found exactly once within its lines by quote matching.
  const std::string text =
      "B1: «Planen», sa hun – og… planen var ferdig. Planen!\nI: Ja.\nB1: Ja, planen [IP].\n";
  const auto t = parse(text);
  const aids::Suggester s(keywords({{0, "plan"}}));
  const transcript::MatchIndex index(t);
  const auto all = s.suggest(t, {}, aids::SuggestUnit::sentence);
  CHECK(all.size() == 2);
  for (const auto& sg : all) {
    INFO(sg.quote);
    CHECK(index.find(sg.quote, sg.line_start, sg.line_end).size() == 1);
  }
}

TEST_CASE("suggest: the coding file", "[aids][suggest]") {
  const auto t = parse("B1: Han sa \"planen\" og signerte.\nSå.\n");
  const aids::Suggester s(keywords({{1, "plan"}, {0, "signer*"}, {1, "\"=Så\""}}));
  const auto all = s.suggest(t, {}, aids::SuggestUnit::sentence);
  CHECK(aids::render_suggestions(t, all, s.keywords(), {"samtykke", "underskrift"}, "suggest",
                                 "Top.\nSecond line.") ==
        "# Top.\n"
        "# Second line.\n"
        "transcript: \"r1-B1\"\n"
        "coder: \"suggest\"\n"
        "units:\n"
        "  # samtykke ← signer*; underskrift ← plan\n"
        "  - lines: 1\n"
        "    quote: \"Han sa \\\"planen\\\" og signerte.\"\n"
        "    codes: [samtykke, underskrift]\n"
        "  # underskrift ← \"=Så\"\n"
        "  - lines: 2\n"
        "    quote: \"Så.\"\n"
        "    codes: [underskrift]\n");
}

TEST_CASE("scan: the ASCII fast path agrees with text", "[aids][suggest]") {
  for (char32_t c = 1; c < 0x80; ++c) {
    const std::string s(1, static_cast<char>(c));
    INFO(static_cast<int>(c));
    CHECK(aids::detail::is_word(c) == text::is_word_char(c));
    CHECK(aids::detail::next(s, 0).value == text::decode_at(s, 0).value);
    CHECK(aids::detail::next(s, 0).size == text::decode_at(s, 0).size);
  }
}
