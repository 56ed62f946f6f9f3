// The matching form keeps, for every byte, where its character starts in the transcript
// (SPEC §5: outputs show the transcript's own text). The map is kept as runs; this test
// builds the one-offset-per-byte map independently, from how much each character adds to
// the form, and checks the runs give the same offset for every byte that is not a space.
#include "ipcode/text/text.hpp"
#include "transcript/quote.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using namespace ipcode;
using transcript::detail::Folder;
using transcript::detail::SourceMap;

namespace {

void check_map(const std::string& source) {
  std::string form;
  SourceMap map;
  Folder folder(form, &map);
  std::vector<std::uint32_t> dense;  // the reference: dense[i] for form byte i
  std::vector<bool> is_space;
  for (std::size_t i = 0; i < source.size();) {
    const auto c = text::decode_at(source, i);
    if (c.value == '\n') folder.space();  // a line break, as MatchIndex treats it
    const std::size_t before = form.size();
    folder.add(c.value, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(c.size));
    for (std::size_t k = before; k < form.size(); ++k) {
      dense.push_back(static_cast<std::uint32_t>(i));
      // Spaces in the form stand for white space (no character folds to one).
      is_space.push_back(form[k] == ' ');
    }
    i += c.size;
  }
  REQUIRE(dense.size() == form.size());
  for (std::size_t i = 0; i < form.size(); ++i) {
    if (is_space[i]) continue;
    INFO(source << " | form byte " << i << " of '" << form << "'");
    CHECK(map.at(i, source) == dense[i]);
  }
}

}  // namespace

TEST_CASE("the run-length source map gives every byte's character", "[match][source-map]") {
  for (const char* s : {
           "Jeg vet ikke hva jeg skrev under på.",
           "ÆØÅ æøå Ærlig talt, så VAR det «fint».",
           "Ja…men – altså  det  var\tgreit\u00a0nok",
           "Straße ﬁnne ǅ İstanbul ﬀ ŉ",  // forms longer or shorter than their source
           "ord - ord . ord.. ord ... …",
           "linje en\nlinje to\n\n  linje tre",
           "e\u0301 a\u030a combining marks",
           "",
           "   ",
       }) {
    check_map(s);
  }
}

TEST_CASE("the source map agrees on random Norwegian-like text", "[match][source-map]") {
  const std::vector<std::string> pieces = {
      "jeg",    "Vet", "ÆRLIG",   "på",     "å",  "Øl", " ", "  ", "\t", "\n",
      "\u00a0", "…",   "...",     "-",      "–",  ".",  ",", "«",  "»",  "ﬁ",
      "ß",      "İ",   "e\u0301", "\u2019", "\"", "(",  ")", "[",  "]"};
  std::mt19937 rng(5);
  for (int round = 0; round < 300; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) s += pieces[rng() % pieces.size()];
    check_map(s);
  }
}

TEST_CASE("plain text needs few runs", "[match][source-map]") {
  std::string form;
  SourceMap map;
  Folder folder(form, &map);
  const std::string source = "Jeg vet ikke hva jeg skrev under på, men det var greit.";
  for (std::size_t i = 0; i < source.size();) {
    const auto c = text::decode_at(source, i);
    folder.add(c.value, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(c.size));
    i += c.size;
  }
  CHECK(map.runs() == 1);
}
