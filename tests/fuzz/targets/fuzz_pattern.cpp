// The keyword pattern compiler and WordMatcher: the input's first line is a pattern, the rest a
// text whose words (decoded, NFC, ICU word boundaries, as in a transcript) are matched.
#include "fuzz_common.hpp"
#include "ipcode/aids/pattern.hpp"
#include "ipcode/text/text.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipcode;
  const auto input = fuzz::as_text(data, size);
  const auto eol = input.find('\n');
  const auto pattern = input.substr(0, eol);
  std::string error;
  const auto compiled = aids::compile(pattern, error);
  if (!compiled) {
    if (error.empty()) std::abort();
    return 0;
  }
  if (compiled->words.empty() || compiled->words.size() > aids::Pattern::kMaxWords) std::abort();
  if (eol == std::string_view::npos) return 0;
  const std::string text = text::nfc(text::decode(input.substr(eol + 1)).utf8);
  aids::WordMatcher matcher(*compiled);
  const std::uint32_t all = compiled->words.size() == 32
                                ? ~std::uint32_t{0}
                                : (std::uint32_t{1} << compiled->words.size()) - 1;
  for (const auto& w : text::words(text)) {
    const auto bits = matcher.match(std::string_view(text).substr(w.begin, w.end - w.begin));
    if ((bits & ~all) != 0) std::abort();
  }
  return 0;
}
