// words() splits plain text without ICU (text/breaks.cpp): wherever that path gives an answer
// it must be ICU's, span for span. Checked on a table of the joins Unicode's word rules make
// ("3,5", "a.b", "don't", "B1") and on random text made of exactly the characters the plain
// path reads, the ones it declines at, and the ones next to them.
#include "ipcode/text/text.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using namespace ipcode;

namespace {

std::string show(std::string_view s, const std::vector<text::Span>& spans) {
  std::string out;
  for (const auto& sp : spans)
    out += "[" + std::string(s.substr(sp.begin, sp.end - sp.begin)) + "]";
  return out;
}

}  // namespace

TEST_CASE("words without ICU are ICU's words", "[text][words]") {
  SECTION("a table") {
    struct Case {
      const char* text;
      bool plain;  // whether the plain path reads it
    };
    const Case cases[] = {
        {"Jeg vet ikke hva planen er.", true},
        {"Æ, ø og å – og É!", true},
        {"B1 sa: «ja» … (pause) 10kr", true},
        {"e-post og 1-2 ganger", true},
        {"Hun sa: nei. Ja.", true},
        {"  ", true},
        {"", true},
        {"3,5 prosent", false},
        {"kl.10", false},
        {"a.b", false},
        {"don't", false},
        {"ord_ord", false},
        {"10:30", false},
        {"ja\xC2\xA0nei", false},     // a no-break space
        {"don\xE2\x80\x99t", false},  // a curly apostrophe
        {"a\xCC\x8A", false},         // a combining mark
        {"tab\there", true},
        {"line\nbreak\r\nCRLF", true},
        {"bell\x07", false},
    };
    for (const auto& c : cases) {
      INFO(c.text);
      const auto plain = text::detail::plain_words_for_test(c.text);
      CHECK(plain.has_value() == c.plain);
      if (plain) {
        const auto icu = text::detail::icu_words_for_test(c.text);
        CHECK(show(c.text, *plain) == show(c.text, icu));
      }
    }
  }
  SECTION("random text") {
    const std::vector<std::string> pieces = {
        "a",  "Z",  "k",  "0",   "9",  "æ",  "Ø",   "å",   "é",       "ü",    "×", " ",
        "\n", "\t", "\r", ".",   ":",  "'",  ",",   ";",   "_",       "-",    "!", "?",
        "(",  ")",  "\"", "/",   "@",  "–",  "—",   "…",   "«",       "»",    "’", "\xC2\xA0",
        "ja", "B1", "10", "kl.", "é.", "3,", "a'b", "a.b", "1.5",     "\x07", "#", "$",
        "%",  "&",  "*",  "+",   "<",  "=",  ">",   "[",   "]",       "\\",   "^", "`",
        "{",  "|",  "}",  "~",   "§",  "°",  "½",   "€",   "\xC2\xAD"};
    std::mt19937 rng(2026);
    std::size_t compared = 0;
    for (int round = 0; round < 40000; ++round) {
      std::string s;
      for (int k = 0, n = static_cast<int>(rng() % 12); k < n; ++k)
        s += pieces[rng() % pieces.size()];
      const auto plain = text::detail::plain_words_for_test(s);
      if (!plain) continue;
      ++compared;
      INFO(s);
      REQUIRE(show(s, *plain) == show(s, text::detail::icu_words_for_test(s)));
    }
    CHECK(compared > 5000);
  }
}
