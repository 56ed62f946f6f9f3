// Unit tests for the step 3 aids: extractive draft condensates (at most 80 words, only the
// informants' own sentences) and the vocabulary check of written condensates.

#include "condense_fixture.hpp"
#include "ipcode/condense/analysis.hpp"
#include "ipcode/text/text.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace condense = ipcode::condense;
namespace text = ipcode::text;
using condense_test::add_unit;
using condense_test::Ids;
using condense_test::sample_round;

namespace {

std::size_t word_count(std::string_view s) { return text::words(s).size(); }

// "w1 w2 ... wn." built from a few repeated words, so sentences of a given length are easy.
std::string long_sentence(std::string_view first, int words) {
  std::string out(first);
  for (int i = 1; i < words; ++i) out += i % 2 == 0 ? " planen" : " møtet";
  return out + ".";
}

// Every word of the draft (the closing "…" is no word) occurs in one of the unit texts.
bool only_unit_words(const std::string& draft, const std::vector<std::string>& texts) {
  for (const text::Span& w : text::words(draft)) {
    const std::string word = draft.substr(w.begin, w.end - w.begin);
    bool found = false;
    for (const std::string& t : texts) found = found || t.find(word) != std::string::npos;
    if (!found) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a draft keeps to 80 words of the informants' own sentences", "[condense][draft]") {
  auto round = sample_round();
  const std::vector<std::string> texts = {
      "Jeg skrev under på planen fordi de ba meg om det. Det var en lang dag. Jeg vet ikke "
      "hva planen egentlig sier om meg og min hverdag, men jeg skrev under på planen likevel.",
      "De sa jeg måtte skrive under på planen. Etterpå drakk vi kaffe i kantina sammen med "
      "de andre. Underskriften på planen var bare en formalitet for saksbehandleren.",
      "Planen ble skrevet av saksbehandleren. Jeg fikk den i posten og skrev under på planen "
      "uten å lese den. Været var fint den høsten, og vi gikk mange turer i skogen.",
  };
  std::vector<int> units;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    add_unit(round, "B" + std::to_string(i + 1) + "-01", "B" + std::to_string(i + 1),
             {Ids::underskrift}, texts[i]);
    units.push_back(static_cast<int>(i));
  }
  const condense::Draft draft = condense::make_draft(round, units);
  INFO(draft.text);
  CHECK(!draft.text.empty());
  CHECK(word_count(draft.text) <= 80);
  CHECK(only_unit_words(draft.text, texts));
  // Whole sentences only: each piece between sentence ends is a substring of a unit text.
  for (const text::Span& s : text::sentences(draft.text)) {
    std::string sentence = draft.text.substr(s.begin, s.end - s.begin);
    while (!sentence.empty() && sentence.back() == ' ') sentence.pop_back();
    bool found = false;
    for (const std::string& t : texts) found = found || t.find(sentence) != std::string::npos;
    CHECK(found);
  }
  // The sentence most about signing the plan is central; the weather is not.
  CHECK(draft.text.find("skrev under på planen") != std::string::npos);
  CHECK(draft.text.find("Været") == std::string::npos);
  CHECK(draft.text.find("lang dag") == std::string::npos);  // shares no word with the rest
  CHECK(!draft.unit_ids.empty());
  // Deterministic, and independent of the order the units are given in.
  CHECK(condense::make_draft(round, {2, 0, 1, 0}).text == draft.text);
}

TEST_CASE("draft sentences come out in unit order and ties go to the earlier sentence",
          "[condense][draft]") {
  auto round = sample_round();
  // Two sentences of 45 words each: only one fits, and the scores tie.
  add_unit(round, "B1-01", "B1", {Ids::underskrift}, long_sentence("Først", 45));
  add_unit(round, "B2-01", "B2", {Ids::underskrift}, long_sentence("Sist", 45));
  const condense::Draft tie = condense::make_draft(round, {0, 1});
  CHECK(tie.unit_ids == std::vector<std::string>{"B1-01"});
  CHECK(tie.text == round.units[0].text);

  // Shorter sentences that fit together are output in unit order.
  add_unit(round, "B3-01", "B3", {Ids::underskrift}, "Planen kom i posten. Møtet var kort.");
  add_unit(round, "B4-01", "B4", {Ids::underskrift}, "Møtet om planen var kort.");
  const condense::Draft both = condense::make_draft(round, {3, 2});
  CHECK(both.unit_ids == std::vector<std::string>{"B3-01", "B4-01"});
  CHECK(both.text == "Planen kom i posten. Møtet var kort. Møtet om planen var kort.");
}

TEST_CASE("a sentence over 80 words is cut at the 80th word", "[condense][draft]") {
  auto round = sample_round();
  add_unit(round, "B1-01", "B1", {Ids::underskrift}, long_sentence("Planen", 120));
  const condense::Draft draft = condense::make_draft(round, {0});
  CHECK(word_count(draft.text) == 80);
  CHECK(draft.text.size() > 2);
  CHECK(draft.text.substr(draft.text.size() - 4) == " …");
  CHECK(round.units[0].text.find(draft.text.substr(0, draft.text.size() - 4)) == 0);
  CHECK(draft.unit_ids == std::vector<std::string>{"B1-01"});
}

TEST_CASE("a draft of units without words is empty", "[condense][draft]") {
  auto round = sample_round();
  add_unit(round, "B1-01", "B1", {Ids::underskrift}, "… (…)");
  add_unit(round, "B2-01", "B2", {Ids::underskrift}, "");
  const condense::Draft draft = condense::make_draft(round, {0, 1});
  CHECK(draft.text.empty());
  CHECK(draft.unit_ids.empty());
  CHECK(condense::make_draft(round, {}).text.empty());
}

TEST_CASE("a draft falls back on sentences of stop words alone", "[condense][draft]") {
  auto round = sample_round();
  add_unit(round, "B1-01", "B1", {Ids::underskrift}, "Ja, det.");
  CHECK(condense::make_draft(round, {0}).text == "Ja, det.");
}

TEST_CASE("a draft marks where the quote cut the informant's sentence, nothing else",
          "[condense][draft]") {
  // One unit each, drafted whole: the draft is the unit's text, with "… " in front when it
  // starts in the middle of a sentence (lower case) and " …" after it when it stops before
  // the sentence's end. Words, letter case and punctuation stay exactly as said.
  struct Case {
    const char* unit;
    const char* draft;
  };
  const std::vector<Case> cases = {
      {"skriver under på alt, men jeg vet ikke hva. Det er de som skriver den.",
       "… skriver under på alt, men jeg vet ikke hva. Det er de som skriver den."},
      {"øynene mine sa nei.", "… øynene mine sa nei."},
      {"åpenbart var det slik.", "… åpenbart var det slik."},
      {"Jeg forstår at planen er min", "Jeg forstår at planen er min …"},
      {"og at jeg kan si nei", "… og at jeg kan si nei …"},
      {"Jeg vet ikke.", "Jeg vet ikke."},
      {"Øystein sa det!", "Øystein sa det!"},
      {"Hva skal jeg med den?", "Hva skal jeg med den?"},
      {"Jeg vet ikke …", "Jeg vet ikke …"},
      {"Planen var «min».", "Planen var «min»."},
      {"Hun sa: «Det er din plan.»", "Hun sa: «Det er din plan.»"},
      {"5 ganger sa de det.", "5 ganger sa de det."},
      {"(…) og så skrev jeg under.", "(…) og så skrev jeg under."},
      {"… og så skrev jeg under.", "… og så skrev jeg under."},
      {"Ja ... men jeg skrev under .", "Ja ... men jeg skrev under ."},
      {"ja ... men jeg skrev under .", "… ja ... men jeg skrev under ."},
      {"Jeg skrev under , men visste ikke hva", "Jeg skrev under , men visste ikke hva …"},
      {"Det var IP-en , ikke planen (…)", "Det var IP-en , ikke planen (…)"},
  };
  for (const Case& c : cases) {
    auto round = sample_round();
    add_unit(round, "B1-01", "B1", {Ids::underskrift}, c.unit);
    INFO(c.unit);
    CHECK(condense::make_draft(round, {0}).text == c.draft);
  }
}

TEST_CASE("sentences from several units keep their own punctuation", "[condense][draft]") {
  auto round = sample_round();
  add_unit(round, "B1-01", "B1", {Ids::underskrift}, "skrev under på planen uten å lese den");
  add_unit(round, "B2-01", "B2", {Ids::underskrift}, "Planen ble lest ... men ikke av meg .");
  const condense::Draft draft = condense::make_draft(round, {0, 1});
  CHECK(draft.text ==
        "… skrev under på planen uten å lese den … Planen ble lest ... men ikke av meg .");
}

TEST_CASE("background material never supplies a draft sentence", "[condense][draft]") {
  auto round = sample_round();
  round.transcripts.resize(2);
  round.transcripts[1].background = true;
  add_unit(round, "B1-01", "B1", {Ids::underskrift}, "Jeg skrev under på planen.");
  add_unit(round, "M-01", "M", {Ids::underskrift}, "Brukeren skrev under på planen i møtet.");
  round.units[1].transcript = 1;
  const condense::Draft draft = condense::make_draft(round, {0, 1});
  CHECK(draft.text == "Jeg skrev under på planen.");
  CHECK(draft.unit_ids == std::vector<std::string>{"B1-01"});
  // Only background units: no draft at all.
  const condense::Draft none = condense::make_draft(round, {1});
  CHECK(none.text.empty());
  CHECK(none.unit_ids.empty());
}

TEST_CASE("vocabulary check finds invented words, not inflected forms", "[condense][vocab]") {
  const std::vector<std::string> units = {
      "Jeg skrev under på planen, men jeg vet ikke hva.",
      "Det var saksbehandleren som laget planen i 2006.",
  };
  SECTION("inflected forms, stop words and numbers are the informants' own") {
    CHECK(condense::vocabulary_check("Planene ble laget av saksbehandlere i 2007, og jeg skrev "
                                     "under.",
                                     units)
              .empty());
  }
  SECTION("an invented word is reported once, as written") {
    CHECK(condense::vocabulary_check("Jeg skrev under på planen uten Informert samtykke. "
                                     "Samtykket var informert.",
                                     units) == std::vector<std::string>{"Informert", "samtykke"});
  }
  SECTION("planen versus planene") {
    CHECK(condense::vocabulary_check("planene", {"planen"}).empty());
    CHECK(condense::vocabulary_check("planene", {"kaffen"}) == std::vector<std::string>{"planene"});
  }
  SECTION("no units: every content word is foreign") {
    CHECK(condense::vocabulary_check("Jeg liker kaffe.", {}) ==
          std::vector<std::string>{"liker", "kaffe"});
  }
}
