// Private to src/cli: the shipped codebooks and the worked example, compiled into the binary.
#pragma once

#include <string_view>
#include <vector>

namespace ipcode::cli {

struct EmbeddedFile {
  std::string_view path;  // relative to the repository: codebooks/..., examples/...
  std::string_view bytes;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace ipcode::cli
