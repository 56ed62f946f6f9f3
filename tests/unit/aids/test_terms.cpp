// ipcode terms (aids): the G² statistic against hand computations, the word rules (stemming,
// folding, stop words, filler phrases, interviewer turns) and determinism across threads.
#include "../support/threads_env.hpp"
#include "ipcode/aids/terms.hpp"
#include "ipcode/base/diagnostic.hpp"
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

using namespace ipcode;
using ipcode::testing::ThreadsEnv;

namespace {

transcript::Transcript parse(const std::string& s, const std::string& path = "r1/B1.txt") {
  Diagnostics diags;
  return transcript::parse_transcript(s, path, "r1", diags);
}

const aids::GroupOf kByTranscript = [](const transcript::Transcript& t, int) { return t.id; };

// "word count rest" of every term of the group named `name`.
std::vector<std::string> listed(const std::vector<aids::TermGroup>& groups,
                                const std::string& name) {
  std::vector<std::string> out;
  for (const auto& g : groups) {
    if (g.name != name) continue;
    for (const auto& t : g.terms)
      out.push_back(t.word + " " + std::to_string(t.count) + " " + std::to_string(t.rest));
  }
  return out;
}

}  // namespace

TEST_CASE("terms: G² is Dunning's log-likelihood, checked by hand", "[aids][terms]") {
  // a=10 in a group of c=1000 words, b=5 in the rest of d=4000:
  //   E1 = 1000·15/5000 = 3, E2 = 4000·15/5000 = 12
  //   G² = 2·(10·ln(10/3) + 5·ln(5/12)) = 2·(12.0397280 − 4.3773437) = 15.3247687
  CHECK(aids::log_likelihood(10, 5, 1000, 4000) == Approx(15.3247687).epsilon(1e-7));
  // a=3, b=0, c=14, d=21: E1 = 14·3/35 = 1.2; G² = 2·3·ln(3/1.2) = 6·ln 2.5 = 5.4977444
  CHECK(aids::log_likelihood(3, 0, 14, 21) == Approx(5.4977444).epsilon(1e-7));
  // a=3, b=2, c=14, d=21: E1 = 2, E2 = 3; G² = 2·(3·ln 1.5 + 2·ln(2/3)) = 0.8109302
  CHECK(aids::log_likelihood(3, 2, 14, 21) == Approx(0.8109302).epsilon(1e-7));
  // A word only in the rest is as unusual as one only in the group (a cell of 0 adds 0):
  // a=0, b=4, c=d=10: E2 = 2; G² = 2·4·ln 2 = 5.5451774
  CHECK(aids::log_likelihood(0, 4, 10, 10) == Approx(5.5451774).epsilon(1e-7));
  // Nothing to compare: 0, and the same share in both parts: 0.
  CHECK(aids::log_likelihood(0, 0, 0, 0) == 0);
  CHECK(aids::log_likelihood(5, 0, 10, 0) == 0);
  CHECK(aids::log_likelihood(2, 4, 10, 20) == Approx(0).margin(1e-12));
}

TEST_CASE("terms: stop words in bokmål and nynorsk, fillers, 'måte' alone counts",
          "[aids][terms][stopwords]") {
  for (const char* w : {"eg", "ikkje", "kva", "korleis", "me", "dei", "no", "berre", "òg", "hm",
                        "eh", "ehm", "mm", "liksom", "sant", "ikke", "desse", "kanskje"}) {
    INFO(w);
    CHECK(text::is_stopword(w));
  }
  for (const char* w : {"måte", "plan", "samtykke"}) {
    INFO(w);
    CHECK_FALSE(text::is_stopword(w));
  }
  // The scanner drops a filler phrase by its last word: every word before it must be a stop
  // word, or a content word would be counted before the phrase is recognised.
  REQUIRE(text::filler_phrases().size() >= 4);
  for (const std::string_view phrase : text::filler_phrases()) {
    INFO(phrase);
    const auto last_space = phrase.rfind(' ');
    REQUIRE(last_space != std::string_view::npos);
    std::size_t at = 0;
    while (at < last_space) {
      const std::size_t space = phrase.find(' ', at);
      CHECK(text::is_stopword(phrase.substr(at, space - at)));
      at = space + 1;
    }
  }
}

TEST_CASE("terms: words are stemmed, folded, shown in their most frequent form", "[aids][terms]") {
  // B1 counts: plan 3 (Planene 1, planen 2), åse 3 (Åse, ÅSE, åse), måte 1 (the one after
  // the turn break: "på en" ends the turn before), greit 1. The interviewer's words and the
  // fillers ("på en måte" over a line break, "på ein måte", "ikke sant") are not counted.
  const auto b1 = parse(
      "I: Planen? Planen planen.\n"
      "B1: Planene og planen, ikke sant. Åse, ÅSE og åse. Det var på en\n"
      "måte greit, på ein måte. Planen.\n"
      "B1: Så på en\n"
      "I: Mm.\n"
      "B1: måte.\n");
  // B2 counts: plan 1, skole 3 (skolen 2, skolene 1).
  const auto b2 = parse("B2: Skolen, skolene og skolen. Planen.\n", "r1/B2.txt");
  aids::TermsOptions o;
  o.min_count = 1;
  const auto groups = aids::terms({&b1, &b2}, kByTranscript, o);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].name == "r1-B1");
  CHECK(groups[0].words == 8);
  CHECK(groups[1].words == 4);
  // B1: åse a=3 b=0 c=8 d=4: E1 = 8·3/12 = 2, G² = 6·ln 1.5 = 2.43; plan a=3 b=1: E1 = 8·4/12,
  // E2 = 4·4/12; G² = 2·(3·ln(9/8) + ln(3/4)) = 0.1313; greit, måte a=1: G² = 2·ln 1.5 = 0.81.
  CHECK(listed(groups, "r1-B1") ==
        std::vector<std::string>{"åse 3 0", "greit 1 0", "måte 1 0", "planen 3 1"});
  CHECK(groups[0].terms[0].g2 == Approx(6 * std::log(1.5)));
  CHECK(groups[0].terms[3].stem == "plan");
  CHECK(groups[0].terms[3].transcripts == 2);
  // B2: plan is relatively rarer here (1/4 < 3/8), so it is not one of B2's words.
  CHECK(listed(groups, "r1-B2") == std::vector<std::string>{"skolen 3 0"});
}

TEST_CASE("terms: interviewer turns only with include_interviewer; the minimum count",
          "[aids][terms]") {
  const auto t = parse(
      "I: Samtykket samtykket samtykket?\n"
      "B1: Planen, planen og planen. Samtykket.\n");
  const auto b2 = parse("B2: Skolen skolen skolen.\n", "r1/B2.txt");
  aids::TermsOptions o;  // min_count 3
  auto groups = aids::terms({&t, &b2}, kByTranscript, o);
  CHECK(listed(groups, "r1-B1") == std::vector<std::string>{"planen 3 0"});
  o.include_interviewer = true;
  groups = aids::terms({&t, &b2}, kByTranscript, o);
  CHECK(listed(groups, "r1-B1") == std::vector<std::string>{"samtykket 4 0", "planen 3 0"});
  // Grouped by speaker: the interviewer's turns are a group of their own.
  const aids::GroupOf by_speaker = [](const transcript::Transcript& tr, int turn) {
    return turn >= 0 ? tr.turns[static_cast<std::size_t>(turn)].speaker : tr.informant;
  };
  groups = aids::terms({&t, &b2}, by_speaker, o);
  CHECK(listed(groups, "I") == std::vector<std::string>{"samtykket 3 1"});
  CHECK(listed(groups, "B1") == std::vector<std::string>{"planen 3 0"});
}

TEST_CASE("terms: the same result on one thread and on several", "[aids][terms][threads]") {
  // 60 transcripts with overlapping vocabularies, so groups share and split words.
  const std::vector<std::string> words = {
      "planen", "planene", "samtykke", "Skolen",    "skolene",     "brukeren", "Åse",
      "tiden",  "møtet",   "jobben",   "leilighet", "koordinator", "ønsker"};
  std::vector<transcript::Transcript> ts;
  for (std::size_t i = 0; i < 60; ++i) {
    std::string s = "I: Hva med " + words[i % words.size()] + "?\nB" + std::to_string(i) + ": ";
    for (std::size_t k = 0; k < 400; ++k) {
      s += words[(i * 7 + k * k + k / 3) % words.size()];
      s += k % 11 == 10 ? ", ikke sant, på en måte.\n" : " og ";
    }
    s += "\n";
    ts.push_back(parse(s, "r1/B" + std::to_string(i) + ".txt"));
  }
  std::vector<const transcript::Transcript*> ptrs;
  for (const auto& t : ts) ptrs.push_back(&t);
  const aids::GroupOf by_tens = [](const transcript::Transcript& t, int) {
    return t.id.substr(0, t.id.size() - 1);  // r1-B1..: groups of ten transcripts
  };
  aids::TermsOptions o;
  o.top = 20;
  const auto run = [&](const char* threads) {
    ThreadsEnv env(threads);
    std::string out;
    for (const auto& g : aids::terms(ptrs, by_tens, o)) {
      out += g.name + ":" + std::to_string(g.words) + "\n";
      for (const auto& t : g.terms) {
        out += t.word + " " + std::to_string(t.count) + " " + std::to_string(t.rest) + " " +
               std::to_string(t.transcripts) + " " + std::to_string(t.g2) + "\n";
      }
    }
    return out;
  };
  const std::string serial = run("1");
  CHECK(serial.size() > 200);
  CHECK(run("2") == serial);
  CHECK(run("4") == serial);
}

TEST_CASE("terms: thousands of distinct spellings are each counted apart", "[aids][terms]") {
  // 5,000 spellings (past the memo's first table size, so it grows) in upper and lower case:
  // word k occurs (k % 3) + 1 times, the upper-case copy folding into the same form.
  std::string s = "B1:";
  std::uint64_t expected_words = 0;
  std::size_t three_times = 0;
  for (std::size_t k = 0; k < 5000; ++k) {
    const std::string w = "ord" + std::to_string(k) + "x";
    const std::size_t n = k % 3 + 1;
    for (std::size_t i = 0; i < n; ++i) s += " " + (i == 0 ? std::string("ORD") + w.substr(3) : w);
    expected_words += n;
    three_times += n == 3 ? 1 : 0;
  }
  const auto b1 = parse(s + "\n");
  const auto b2 = parse("B2: Skolen skolen skolen.\n", "r1/B2.txt");
  aids::TermsOptions o;
  o.top = 10000;
  const auto groups = aids::terms({&b1, &b2}, kByTranscript, o);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].words == expected_words);
  CHECK(groups[0].terms.size() == three_times);
  for (const auto& t : groups[0].terms) {
    INFO(t.word);
    CHECK(t.count == 3);
    CHECK(t.word.starts_with("ord"));  // folded
  }
}
