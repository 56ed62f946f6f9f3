/// Private to base's YAML engines: the UTF-8 check both fast engines make before they read.
#pragma once

#include <cstddef>
#include <string_view>

namespace ipcode::yaml {

/// The length (2, 3 or 4) of the well-formed UTF-8 sequence whose lead byte s[i] is 0x80 or
/// above, or 0 when it is not one (RFC 3629: no overlong form, no surrogate, nothing past
/// U+10FFFF, not cut off by the end of `s`).
inline std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() - i < len) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return 0;
  }
  return len;
}

}  // namespace ipcode::yaml
