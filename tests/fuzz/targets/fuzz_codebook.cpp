// The codebook parser on arbitrary bytes (codebook::parse_codebook).
#include "fuzz_common.hpp"
#include "ipcode/codebook/codebook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipcode;
  Diagnostics diags;
  const auto parsed = codebook::parse_codebook(fuzz::as_text(data, size), "codebook.yaml", diags);
  diags.sort();
  std::size_t sum = 0;
  for (const auto& d : diags.items()) sum += format_diagnostic(d).size();
  for (int i = 0; i < static_cast<int>(parsed.nodes.size()); ++i) {
    sum += parsed.lineage(i).size() + static_cast<std::size_t>(parsed.theme_of(i) + 1);
    sum += static_cast<std::size_t>(parsed.find(parsed.nodes[static_cast<std::size_t>(i)].id) + 1);
  }
  const auto merged = codebook::merge({parsed, parsed}, diags);
  sum += codebook::diff(parsed, merged).size();
  return sum == 0 ? 0 : 0;
}
