// Shared by the libFuzzer targets (tests/fuzz/CMakeLists.txt): messages in English, so that a
// run reads no catalog, and a way to split one input into two parts.
#pragma once

#include "ipcode/base/i18n.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  ipcode::i18n::set_language("en");
  return 0;
}

namespace ipcode::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// The input before and after its first NUL byte (all of it and nothing when there is none).
inline std::pair<std::string_view, std::string_view> split_at_nul(std::string_view s) {
  const auto at = s.find('\0');
  if (at == std::string_view::npos) return {s, {}};
  return {s.substr(0, at), s.substr(at + 1)};
}

}  // namespace ipcode::fuzz
