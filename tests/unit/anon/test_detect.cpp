// The detectors of `ipcode anon` (SPEC §9), table-driven: each row is a text and what must be
// found in it ("category: text"), worked out by reading the text.
#include "ipcode/anon/anon.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace ipcode;

namespace {

std::vector<std::string> found(const std::string& text, const anon::Rules& rules = {}) {
  std::vector<std::string> out;
  for (const auto& f : anon::detect(text, rules))
    out.push_back(std::string(anon::category_name(f.category)) + ": " +
                  text.substr(f.begin, f.end - f.begin));
  return out;
}

using Row = std::pair<const char*, std::vector<std::string>>;

void check_rows(const std::vector<Row>& rows) {
  for (const auto& [text, expected] : rows) {
    INFO(text);
    CHECK(found(text) == expected);
  }
}

}  // namespace

// Check digits worked out by hand (and again with a few lines of Python written apart from
// ipcode): for 170398123, k1 = 11 - (3·1 + 7·7 + 6·0 + 1·3 + 8·9 + 9·8 + 4·1 + 5·2 + 2·3) mod 11
// = 11 - 219 mod 11 = 11 - 10 = 1; k2 = 11 - (5·1 + 4·7 + 3·0 + 2·3 + 7·9 + 6·8 + 5·1 + 4·2 +
// 3·3 + 2·1) mod 11 = 11 - 174 mod 11 = 11 - 9 = 2: 17039812312.
TEST_CASE("id numbers: both mod-11 check digits and a plausible date", "[anon]") {
  const std::vector<std::pair<const char*, bool>> rows = {
      {"17039812312", true},   // sums 219 and 174 (above)
      {"14037845656", true},   // sums 215 (mod 11 = 6 -> k1 5) and 192 (mod 11 = 5 -> k2 6)
      {"57039812306", true},   // D-nummer: day 17 + 40; sums 231 (mod 11 = 0 -> k1 0) and 192
      {"01019011182", true},   // sums 91 (mod 11 = 3 -> 8) and 97 (mod 11 = 9 -> 2)
      {"17039812346", false},  // check digits 4 6, not 1 2
      {"17039812313", false},  // second check digit off by one
      {"12345678901", false},  // a case number: the check digits would be 1 1
      {"00000000000", false},  // check digits 0 0 are right, but day 0 is no date
      {"1703981231", false},   // 10 digits
      {"1703981231a", false},
  };
  for (const auto& [digits, valid] : rows) {
    INFO(digits);
    CHECK(anon::valid_id_number(digits) == valid);
  }
}

TEST_CASE("id numbers in text: 11 digits, or 6 and 5 with a space", "[anon]") {
  check_rows({
      {"Fødselsnummeret er 17039812312.", {"id number: 17039812312"}},
      {"Det står 170398 12312 på skjemaet", {"id number: 170398 12312"}},
      {"D-nummer 57039812306", {"id number: 57039812306"}},
      {"Saksnummer 12345678901 i brevet", {}},
      {"Saken har nummer 17039812346 hos dem", {}},
  });
}

TEST_CASE("phone numbers: 8 digits as people write them, not amounts", "[anon]") {
  check_rows({
      {"Ring 91234567 i dag", {"phone number: 91234567"}},
      {"Ring 912 34 567 i dag", {"phone number: 912 34 567"}},
      {"Ring 41 23 45 67.", {"phone number: 41 23 45 67"}},
      {"Ring 4123 4567", {"phone number: 4123 4567"}},
      {"Ring +47 934 56 789", {"phone number: +47 934 56 789"}},
      {"Ring +4791234567", {"phone number: +4791234567"}},
      {"Ring 0047 22334456", {"phone number: 0047 22334456"}},
      {"Ring (91234567) nå", {"phone number: 91234567"}},
      {"Det kostet kr 12345678 i alt", {}},
      {"Gjelda var 23456789 kroner", {}},
      {"Husleia er 8500 kroner", {}},
      {"Fra 1998 2004 og utover", {}},        // 4-4 that looks like two years
      {"Nummeret 01234567 finnes ikke", {}},  // no Norwegian number starts with 0 or 1
      {"Kontonummer 1234 56 78903", {}},      // 11 digits: not a phone
      {"Tallet 912 34 567 89 er langt", {}},  // a longer number goes on
      {"I 2019 flyttet jeg", {}},
  });
}

TEST_CASE("e-mail addresses and URLs", "[anon]") {
  check_rows({
      {"Skriv til ola.nordmann@example.no, takk", {"e-mail address: ola.nordmann@example.no"}},
      {"<kari+plan@kommune.no>", {"e-mail address: kari+plan@kommune.no"}},
      {"mailto:kari@nav.no", {"e-mail address: mailto:kari@nav.no"}},
      {"Se https://www.example.no/plan?id=17.", {"URL: https://www.example.no/plan?id=17"}},
      {"Se www.nav.no for mer", {"URL: www.nav.no"}},
      {"Det var @ der", {}},
      {"hei@du", {}},  // no domain with a dot
  });
}

TEST_CASE("street addresses need a house number; postcode and place", "[anon]") {
  check_rows({
      {"bor i Storgata 12 nå", {"street address: Storgata 12"}},
      {"bor i Kirkeveien 5B, 0368 Oslo",
       {"street address: Kirkeveien 5B", "postcode and place: 0368 Oslo"}},
      {"i Oscars gate 3", {"street address: Oscars gate 3"}},
      {"Lillebakken 4 og Solveien 17",
       {"street address: Lillebakken 4", "street address: Solveien 17"}},
      {"Ved Torget plass 2", {"street address: Torget plass 2"}},
      {"flyttet fra Storgata til en hybel", {}},
      {"gata 5 var stengt", {}},  // not a name: lowercase
      {"bor i 9008 Tromsø", {"postcode and place: 9008 Tromsø"}},
      {"fra 1998 Ble det bedre", {}},  // a year after "fra"
      {"kr 4500 Hver måned", {}},
      {"i 2019 Jeg flyttet", {}},  // a stop word is no place
  });
}

TEST_CASE("dates of birth: a full date with født or the like just before it", "[anon]") {
  check_rows({
      {"Jeg er født 14.03.1978 i Bergen", {"date of birth: 14.03.1978"}},
      {"mora mi er fødd 3. mars 1951.", {"date of birth: 3. mars 1951"}},
      {"fødselsdato: 1978-03-14", {"date of birth: 1978-03-14"}},
      {"f. 14/3/1978", {"date of birth: 14/3/1978"}},
      {"Vi hadde møte 12.05.2021 om det", {}},
      {"den 3. mars 2024 sa de", {}},
      {"født i 1978", {}},       // a year alone identifies no one
      {"født 31.02.1978x", {}},  // not a date
      {"født 32.01.1978", {}},
  });
}

TEST_CASE("names: capitalised words in the list, not sentence-start words", "[anon]") {
  check_rows({
      {"det var Kari Hansen som hjalp", {"name: Kari", "name: Hansen"}},
      {"Per er ikke et navn jeg sier", {}},
      {"Per dag fikk jeg to samtaler.", {}},
      {"Kari var snill, sa mamma.", {}},
      {"Han sa det. Liv er rolig nå", {}},
      {"sammen med Liv og katten", {"name: Liv"}},
      {"Per Hansen kom", {"name: Per", "name: Hansen"}},  // a name follows: a full name
      {"I: Per, kan du si mer?", {"name: Per"}},          // addressed by name
      {"Per, i dag, er det bra.", {"name: Per"}},         // the rule's price: read as addressed too
      {"B1: Per kom", {}},                                // after a speaker label
      {"Johansens kontor", {"name: Johansens"}},          // genitive
      {"Anne-Lise Berg bor der", {"name: Anne-Lise", "name: Berg"}},
      {"det var Øystein", {"name: Øystein"}},
      {"det var ØYSTEIN og NAV", {}},  // all capitals: an acronym or shouting, not matched
      {"det var øystein", {}},
      {"Pers bil", {}},  // "Pers" at a sentence start: genitive of an ambiguous name
      {"det var Ingrid.", {"name: Ingrid"}},
      {"«Kari» sa det", {}},  // an opening quote starts a sentence
  });
}

TEST_CASE("the allow list and the study's known identifiers", "[anon]") {
  anon::Rules rules;
  rules.allow.insert("Lund");
  rules.allow.insert("Morten");
  rules.known.push_back({"Bergeskogen", "Fjellbygda", anon::Category::known});
  rules.known.push_back({"Kari Nordmann", "Randi", anon::Category::known});
  CHECK(found("kurs i Lund og hos Morten", rules).empty());
  CHECK(found("oppvokst på Bergeskogen, sa hun", rules) ==
        std::vector<std::string>{"known identifier: Bergeskogen"});
  CHECK(found("Bergeskogens skole", rules).empty());  // whole words only
  anon::Rules dates;
  dates.known.push_back({"3. mars 1951", "", anon::Category::birth_date});
  CHECK(found("det var 3. mars 1951, sa hun", dates) ==
        std::vector<std::string>{"date of birth: 3. mars 1951"});
  CHECK(found("det var Kari\nNordmann", rules) ==
        std::vector<std::string>{"known identifier: Kari\nNordmann"});
  const std::string text = "Kari Nordmann bodde på Bergeskogen med Ingrid.";
  CHECK(anon::replace(text, anon::detect(text, rules), rules) ==
        "Randi bodde på Fjellbygda med [navn].");
  CHECK(anon::replace(text, anon::detect(text, rules), rules, "(…)") ==
        "Randi bodde på Fjellbygda med (…).");
}

TEST_CASE("mask shows too little to identify", "[anon]") {
  CHECK(anon::mask("17039812312") == "1703******2");
  CHECK(anon::mask("912 34 567") == "912 ** **7");
  CHECK(anon::mask("Kari") == "K***");
  CHECK(anon::mask("Øystein") == "Ø******");
  CHECK(anon::mask("Liv") == "L**");
}

TEST_CASE("placeholders per category", "[anon]") {
  CHECK(std::string(anon::placeholder(anon::Category::name)) == "[navn]");
  CHECK(std::string(anon::placeholder(anon::Category::id_number)) == "[fødselsnummer]");
  CHECK(std::string(anon::placeholder(anon::Category::postcode)) == "[sted]");
  const std::string text = "Ring 912 34 567 eller skriv til a@b.no";
  CHECK(anon::replace(text, anon::detect(text, {}), {}) ==
        "Ring [telefon] eller skriv til [e-post]");
}

TEST_CASE("NFC text with æøå and CRLF", "[anon]") {
  check_rows({
      {"Det var Åse\r\nog Håkon", {"name: Åse", "name: Håkon"}},
      {"bor i Sørgata 3\r\n", {"street address: Sørgata 3"}},
  });
}

// One pass per text: a megabyte of hostile input (no white space, all digits, all '@', names
// one after the other) takes a moment, not minutes.
TEST_CASE("a hostile 1 MB line finishes fast", "[anon]") {
  const std::size_t n = 1 << 20;
  const std::vector<std::string> inputs = {
      std::string(n, 'a'),
      std::string(n, '1'),
      std::string(n, '@'),
      std::string(n, '.'),
      [] {
        std::string s;
        while (s.size() < (1 << 20)) s += "Kari ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1 << 20)) s += "12 ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1 << 20)) s += "født 1. ";
        return s;
      }(),
  };
  for (const auto& text : inputs) {
    const auto start = std::chrono::steady_clock::now();
    const auto f = anon::detect(text, {});
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO(text.substr(0, 10));
    CHECK(seconds < 5.0);  // linear: about 0.1 s here, far more under the sanitizers
    (void)f;
  }
}

// Random text made of the pieces the detectors look at (digits, '@', '.', "+47", "født",
// names, street words, broken UTF-8): detect, replace and mask never read out of bounds (run
// under the sanitizers) and findings are in order, inside the text and never overlap.
TEST_CASE("random pieces: findings ordered, inside the text, no overlap", "[anon]") {
  const std::vector<std::string> pieces = {"1",
                                           "12",
                                           "123",
                                           "1234",
                                           "12345",
                                           "170398",
                                           "12312",
                                           "17039812312",
                                           "+47",
                                           "0047",
                                           " ",
                                           "\n",
                                           "\r\n",
                                           ". ",
                                           ", ",
                                           "@",
                                           "a@b.no",
                                           "www.",
                                           "https://x.no",
                                           "født ",
                                           "14.03.1978",
                                           "3.",
                                           " mars ",
                                           "1951",
                                           "Kari",
                                           "Per",
                                           "Hansen",
                                           "-",
                                           "Storgata",
                                           "gate",
                                           " 5B",
                                           "kr ",
                                           "kroner",
                                           "\xc3",
                                           "\xc3\x98",
                                           "\xc2\xa0",
                                           "\xe2\x80",
                                           "\xe2\x80\xa6",
                                           "«",
                                           "»",
                                           "(",
                                           ")",
                                           "Øystein",
                                           "0368",
                                           "Oslo",
                                           "Lund",
                                           "Bergeskogen"};
  anon::Rules rules;
  rules.allow.insert("Lund");
  rules.known.push_back({"Bergeskogen", "Fjellbygda", anon::Category::known});
  rules.known.push_back({"3. mars", "", anon::Category::known});
  std::uint32_t seed = 12345;
  const auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const auto n = next() % 40;
    for (std::uint32_t k = 0; k < n; ++k) text += pieces[next() % pieces.size()];
    const auto found = anon::detect(text, rules);
    std::size_t at = 0;
    for (const auto& f : found) {
      INFO(text);
      REQUIRE(f.begin >= at);
      REQUIRE(f.begin < f.end);
      REQUIRE(f.end <= text.size());
      at = f.end;
      (void)anon::mask(text.substr(f.begin, f.end - f.begin));
    }
    (void)anon::replace(text, found, rules);
    (void)anon::replace(text, found, rules, "(…)");
  }
}
