// Private to src/anon: the words of a text split at white space, and small UTF-8 tests on
// them (Latin-1 letters are what Norwegian names use; other letters count as lowercase).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::anon::detail {

// Offsets in 32 bits: inputs are at most fs::kMaxInputBytes (64 MB), and a transcript has a
// token for every word, so half the size is half the memory traffic of the scan.
struct Token {
  std::uint32_t begin = 0;  // the run of non-white-space bytes
  std::uint32_t end = 0;
  std::uint32_t core_begin = 0;  // without quotes and brackets before and punctuation after
  std::uint32_t core_end = 0;
  bool blank_before = false;  // an empty line (or the start of the text) before it
  bool has_at = false;        // holds an '@' (an e-mail address, perhaps)
};

// Splits at ASCII white space, U+00A0 and U+202F; one pass. Only the first 4 GB of a longer
// text (none is: see Token).
std::vector<Token> tokenise(std::string_view text);

// ASCII and Latin-1 letters lowercased (Æ -> æ); everything else as it is.
std::string fold(std::string_view s);

// "Kari", "Øystein": an uppercase letter, then lowercase letters only (at least one).
bool capitalised(std::string_view word);

bool all_digits(std::string_view s);

// The shipped lists (data/names/), compiled in.
bool in_names(std::string_view word);
bool in_common_words(std::string_view folded);

}  // namespace ipcode::anon::detail
