// The manifest parser on arbitrary bytes (study::parse_manifest).
#include "fuzz_common.hpp"
#include "ipcode/study/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipcode;
  Diagnostics diags;
  const auto parsed = study::parse_manifest(fuzz::as_text(data, size), "ipcode.yaml", diags);
  diags.sort();
  std::size_t sum = 0;
  for (const auto& d : diags.items()) sum += format_diagnostic(d).size();
  for (const auto& r : parsed.rounds) sum += parsed.codebooks_of(r).size();
  for (const auto& i : parsed.informants) sum += parsed.informant(i.id) != nullptr ? 1U : 0U;
  return sum == 0 ? 0 : 0;
}
