// The REFI-QDA reader on arbitrary bytes (office::qde::read_qdpx as an archive, parse_qde as
// the XML alone), and the study made from what it reads (importer::qdpx::build).
#include "fuzz_common.hpp"
#include "ipcode/importer/qdpx.hpp"
#include "ipcode/office/qde.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipcode;
  const auto bytes = fuzz::as_text(data, size);
  std::size_t sum = 0;
  for (const bool archive : {true, false}) {
    const auto project = archive ? office::qde::read_qdpx(bytes, "in.qdpx")
                                 : office::qde::parse_qde(bytes, "in.qde");
    if (!project) {
      sum += project.error().message.size();
      continue;
    }
    Diagnostics diags;
    const auto study = importer::qdpx::build(*project, "in.qdpx", "nb", diags);
    sum += study.files.size() + study.units + diags.items().size();
  }
  return sum == 0 ? 0 : 0;
}
