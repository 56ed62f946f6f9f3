// The anonymity scan's tokeniser against a plain reference, written here from its contract
// (words split at ASCII white space, U+00A0 and U+202F; an empty line before a word; '@' in
// it), on random texts made of the pieces that decide a boundary: long runs of letters (the
// 16-byte path), white space of every kind, '@', æøå, and other characters whose first byte
// is that of U+00A0 or U+202F (« and ’), also cut short at the end of the text.
#include "anon/words.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace ipcode;

namespace {

struct Word {
  std::size_t begin, end;
  bool blank_before, has_at;
  bool operator==(const Word&) const = default;
};

std::size_t reference_space(std::string_view t, std::size_t i) {
  const char c = t[i];
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (t.substr(i).starts_with("\u00A0")) return 2;
  if (t.substr(i).starts_with("\u202F")) return 3;
  return 0;
}

std::vector<Word> reference(std::string_view t) {
  std::vector<Word> out;
  int newlines = 2;
  for (std::size_t i = 0; i < t.size();) {
    if (const std::size_t w = reference_space(t, i); w > 0) {
      if (t[i] == '\n') ++newlines;
      i += w;
      continue;
    }
    Word word{i, i, newlines >= 2, false};
    newlines = 0;
    for (; i < t.size() && reference_space(t, i) == 0; ++i) {
      if (t[i] == '@') word.has_at = true;
    }
    word.end = i;
    out.push_back(word);
  }
  return out;
}

std::vector<Word> tokens(std::string_view t) {
  std::vector<Word> out;
  for (const auto& k : anon::detail::tokenise(t)) {
    out.push_back({k.begin, k.end, k.blank_before, k.has_at});
    CHECK(k.begin <= k.core_begin);
    CHECK(k.core_begin <= k.core_end);
    CHECK(k.core_end <= k.end);
  }
  return out;
}

}  // namespace

TEST_CASE("the anonymity tokeniser splits words as its plain reference does", "[anon]") {
  const std::array<std::string_view, 24> pieces = {"abcdefghijklmnopqrstuvwxyz",
                                                   "Kari",
                                                   "Storgata",
                                                   "æøå",
                                                   "ÆØÅ",
                                                   "12",
                                                   " ",
                                                   "  ",
                                                   "\n",
                                                   "\n\n",
                                                   "\t",
                                                   "\r",
                                                   "\v",
                                                   "\f",
                                                   "@",
                                                   "\u00A0",
                                                   "\u202F",
                                                   "\u00AB",
                                                   "\u2019",
                                                   "\u2026",
                                                   ".",
                                                   "(",
                                                   "kari@eksempel.no",
                                                   "ordene-med-bindestrek"};
  std::mt19937 rng(20261207);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int count = static_cast<int>(rng() % 40);
    for (int k = 0; k < count; ++k) text += pieces[rng() % pieces.size()];
    // Sometimes a text ends in the middle of U+00A0 or U+202F.
    if (rng() % 5 == 0) text += rng() % 2 == 0 ? "\xC2" : "\xE2\x80";
    INFO("text: " << text);
    REQUIRE(tokens(text) == reference(text));
  }
}

TEST_CASE("the anonymity tokeniser: a word of every length up to two blocks, ended every way",
          "[anon]") {
  for (std::size_t length = 1; length <= 40; ++length) {
    for (std::string_view end : {" ", "\n", "\u00A0", "\u202F", "@", "\u00AB", ""}) {
      const std::string text = std::string(length, 'a') + std::string(end) + "b";
      INFO("length " << length << ", end '" << end << "'");
      REQUIRE(tokens(text) == reference(text));
    }
  }
}
