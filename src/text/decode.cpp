// Bytes to UTF-8: BOM stripping, strict UTF-8 validation, Windows-1252 fallback.
// Transcripts exported from older Word versions on Norwegian Windows are often cp1252.

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "ipcode/text/text.hpp"

namespace ipcode::text {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Windows-1252 0x80..0x9F. The five undefined bytes map to the C1 control of the same value,
// as ISO-8859-1 would (and as the WHATWG Encoding Standard's windows-1252 does).
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80..87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88..8F
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90..97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98..9F
};

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    // Only the BMP is reachable from a single-byte code page.
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string cp1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else if (b < 0xA0) {
      append_utf8(out, kCp1252High[b - 0x80]);
    } else {
      append_utf8(out, b);  // 0xA0..0xFF are Latin-1
    }
  }
  return out;
}

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Length of the well-formed sequence starting at p (Unicode Table 3-7), 0 if ill-formed.
std::size_t utf8_sequence_length(const unsigned char* p, std::size_t avail) {
  const unsigned char b0 = p[0];
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    return avail >= 2 && is_continuation(p[1]) ? 2 : 0;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (avail < 3 || !is_continuation(p[2])) {
      return 0;
    }
    // E0 forbids overlongs (A0..BF), ED forbids surrogates (80..9F).
    const unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = b0 == 0xED ? 0x9F : 0xBF;
    return p[1] >= lo && p[1] <= hi ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (avail < 4 || !is_continuation(p[2]) || !is_continuation(p[3])) {
      return 0;
    }
    // F0 forbids overlongs (90..BF), F4 caps at U+10FFFF (80..8F).
    const unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = b0 == 0xF4 ? 0x8F : 0xBF;
    return p[1] >= lo && p[1] <= hi ? 4 : 0;
  }
  return 0;  // continuation byte, C0, C1 or F5..FF as a lead byte
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // Corpora are mostly ASCII: skip 8 bytes at a time while no high bit is set.
    if (n - i >= 8) {
      std::uint64_t chunk = 0;
      std::memcpy(&chunk, p + i, sizeof chunk);
      if ((chunk & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence_length(p + i, n - i);
    if (len == 0) {
      return false;
    }
    i += len;
  }
  return true;
}

Decoded decode(std::string_view bytes) {
  Decoded result;
  if (bytes.starts_with(kBom)) {
    bytes.remove_prefix(kBom.size());
    result.had_bom = true;
  }
  if (is_valid_utf8(bytes)) {
    result.utf8.assign(bytes);
  } else {
    result.utf8 = cp1252_to_utf8(bytes);
    result.from_cp1252 = true;
  }
  return result;
}

}  // namespace ipcode::text
