// The condensation parser on arbitrary bytes (coding::parse_condensation).
#include "fuzz_common.hpp"
#include "ipcode/coding/coding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipcode;
  Diagnostics diags;
  const auto parsed =
      coding::parse_condensation(fuzz::as_text(data, size), "condensation/r1.yaml", diags);
  diags.sort();
  std::size_t sum = 0;
  for (const auto& d : diags.items()) sum += format_diagnostic(d).size();
  (void)parsed;
  return sum == 0 ? 0 : 0;
}
