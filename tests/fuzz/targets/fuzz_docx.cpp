// The Word and OpenDocument readers on arbitrary bytes (office::read_docx, read_odt), and the
// transcript made from what they read (importer::from_document).
#include "fuzz_common.hpp"
#include "ipcode/importer/importer.hpp"
#include "ipcode/office/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipcode;
  const auto bytes = fuzz::as_text(data, size);
  std::size_t sum = 0;
  for (const bool docx : {true, false}) {
    const auto doc = docx ? office::read_docx(bytes, "in.docx") : office::read_odt(bytes, "in.odt");
    if (!doc) {
      sum += doc.error().message.size();
      continue;
    }
    const auto imported = importer::from_document(*doc, "in.docx");
    sum += imported.text.size() + imported.marks.size();
  }
  return sum == 0 ? 0 : 0;
}
