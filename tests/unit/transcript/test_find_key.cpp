// MatchIndex's search (detail::find_key) must find exactly what std::string_view::find finds:
// it tests 16 places at a time on the key's first and last byte, so the cases sit at the
// edges of those blocks, at the end of the text, and use keys of 1, 2, 3, 16 and 17 bytes.
#include "transcript/quote.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>

using ipcode::transcript::detail::find_key;

TEST_CASE("find_key finds what std::string_view::find finds", "[transcript][match]") {
  SECTION("a table") {
    struct Case {
      std::string_view hay;
      std::size_t from;
      std::string_view key;
    };
    const Case cases[] = {
        {"", 0, "a"},
        {"a", 0, "a"},
        {"a", 1, "a"},
        {"ab", 0, "ab"},
        {"abc", 0, "abcd"},
        {"jeg vet ikke hva jeg vet", 0, "vet"},
        {"jeg vet ikke hva jeg vet", 5, "vet"},
        {"jeg vet ikke hva jeg vet", 22, "vet"},
        {"jeg vet ikke hva jeg vet", 21, "vet"},
        {"0123456789abcdefX", 0, "X"},                     // the 17th byte
        {"0123456789abcdeX", 0, "X"},                      // the 16th
        {"0123456789abcdef0123456789abcdefgh", 0, "fgh"},  // at the very end
        {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 3, "xxxxxxxxxxxxxxxxx"},
        {"planen og planene", 0, "planene"},
        {"på møtet sa hun at møtet var over", 4, "møtet var"},
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", 0, "ab"},
        {"ab", 3, "a"},
        {"abc", 0, ""},
    };
    for (const auto& c : cases) {
      INFO(c.hay << " from " << c.from << " key " << c.key);
      CHECK(find_key(c.hay, c.from, c.key) == c.hay.find(c.key, c.from));
    }
  }
  SECTION("random texts of few letters, so that keys occur often") {
    std::mt19937 rng(7);
    const std::string_view letters = "ab æ";
    for (int round = 0; round < 3000; ++round) {
      std::string hay(rng() % 80, ' ');
      for (char& ch : hay) ch = letters[rng() % letters.size()];
      std::string key(1 + rng() % 18, ' ');
      for (char& ch : key) ch = letters[rng() % letters.size()];
      if (rng() % 2 == 0 && hay.size() > key.size()) {
        hay.replace(rng() % (hay.size() - key.size()), key.size(), key);
      }
      const std::size_t from = rng() % (hay.size() + 2);
      INFO(hay << " from " << from << " key " << key);
      REQUIRE(find_key(hay, from, key) == std::string_view(hay).find(key, from));
    }
  }
}
