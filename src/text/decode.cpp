// Bytes to UTF-8: BOM stripping, strict UTF-8 validation, Windows-1252 fallback.
// Transcripts exported from older Word versions on Norwegian Windows are often cp1252.

#include "ipcode/text/text.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace ipcode::text {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Windows-1252 through ICU's converter. ICU's table leaves 0x81 0x8D 0x8F 0x90 0x9D
// unmapped; they become the C1 control of the same value, as ISO-8859-1 (and the WHATWG
// Encoding Standard's windows-1252) would, so no byte of a transcript is lost.
void keep_c1(const void*, UConverterToUnicodeArgs* args, const char* bytes, int32_t length,
             UConverterCallbackReason reason, UErrorCode* status) {
  if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
  for (int32_t k = 0; k < length; ++k) {
    const UChar c = static_cast<unsigned char>(bytes[k]);
    ucnv_cbToUWriteUChars(args, &c, 1, 0, status);
  }
  if (U_SUCCESS(*status)) *status = U_ZERO_ERROR;
}

std::string cp1252_to_utf8(std::string_view bytes) {
  std::string out;
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open("windows-1252", &status);
  if (U_FAILURE(status) || bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    // No ICU data: Latin-1 keeps the letters æ ø å right, which is what matters most.
    if (conv != nullptr) ucnv_close(conv);
    for (const char c : bytes) append_utf8(out, static_cast<unsigned char>(c));
    return out;
  }
  ucnv_setToUCallBack(conv, keep_c1, nullptr, nullptr, nullptr, &status);
  const auto n = static_cast<std::int32_t>(bytes.size());
  std::u16string utf16(bytes.size(), u'\0');  // a single-byte code page: one unit per byte
  status = U_ZERO_ERROR;
  const std::int32_t len = ucnv_toUChars(conv, utf16.data(), n, bytes.data(), n, &status);
  ucnv_close(conv);
  utf16.resize(static_cast<std::size_t>(U_SUCCESS(status) ? len : 0));
  out.reserve(bytes.size() + bytes.size() / 4);
  for (const char16_t c : utf16) append_utf8(out, c);  // the BMP only: no surrogates here
  return out;
}

// UTF-16 after its BOM; a trailing odd byte and unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(std::string_view bytes, bool little_endian) {
  std::u16string units;
  units.reserve(bytes.size() / 2);
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    units.push_back(static_cast<char16_t>(little_endian ? (b << 8) | a : (a << 8) | b));
  }
  std::string out;
  out.reserve(units.size() + units.size() / 4);
  for (std::size_t i = 0; i < units.size(); ++i) {
    UChar32 c = units[i];
    if (U16_IS_LEAD(c) && i + 1 < units.size() && U16_IS_TRAIL(units[i + 1])) {
      c = U16_GET_SUPPLEMENTARY(c, units[i + 1]);
      ++i;
    } else if (U16_IS_SURROGATE(c)) {
      c = 0xFFFD;
    }
    append_utf8(out, static_cast<char32_t>(c));
  }
  if (bytes.size() % 2 != 0) append_utf8(out, 0xFFFD);
  return out;
}

// UTF-16 without a BOM, recognised by its zero bytes: text in Latin letters has a zero byte in
// every other place (the high byte of each unit). 1 little-endian, 2 big-endian, 0 neither.
int utf16_without_bom(std::string_view bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
  if (n < 4) return 0;
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even += bytes[i] == '\0' ? 1 : 0;
    odd += bytes[i + 1] == '\0' ? 1 : 0;
  }
  const std::size_t units = n / 2;
  if (odd * 10 >= units * 7 && even * 20 <= units) return 1;
  if (even * 10 >= units * 7 && odd * 20 <= units) return 2;
  return 0;
}

// Strict UTF-8 (ICU's U8_NEXT): where the first broken sequence starts, and how many valid
// multi-byte characters and broken sequences there are.
struct Utf8Scan {
  std::size_t first_bad = std::string_view::npos;
  std::size_t multibyte = 0;
  std::size_t bad = 0;
};

Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan r;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto n = static_cast<std::int64_t>(s.size());
  for (std::int64_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const std::int64_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c >= 0) {
      ++r.multibyte;
    } else if (r.bad++ == 0) {
      r.first_bad = static_cast<std::size_t>(start);
    }
  }
  return r;
}

// Damaged UTF-8: valid characters kept, each broken sequence (as U8_NEXT skips it) is U+FFFD.
std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto n = static_cast<std::int64_t>(s.size());
  for (std::int64_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      out += static_cast<char>(p[i++]);
      continue;
    }
    const std::int64_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0)
      append_utf8(out, 0xFFFD);
    else
      out.append(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
  return out;
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
    // ICU's U8_NEXT is strict (no overlongs, surrogates or values past U+10FFFF).
    auto k = static_cast<std::int64_t>(i);
    UChar32 c = 0;
    U8_NEXT(p, k, static_cast<std::int64_t>(n), c);
    if (c < 0) {
      return false;
    }
    i = static_cast<std::size_t>(k);
  }
  return true;
}

namespace {

// decode() and decode_owned(): `owned`, when given, holds `bytes` and may be taken over.
Decoded decode_bytes(std::string_view bytes, std::string* owned) {
  Decoded result;
  const bool le = bytes.starts_with("\xFF\xFE");
  if (le || bytes.starts_with("\xFE\xFF")) {
    result.utf8 = utf16_to_utf8(bytes.substr(2), le);
    result.from_utf16 = true;
    return result;
  }
  if (bytes.starts_with(kBom)) {
    bytes.remove_prefix(kBom.size());
    result.had_bom = true;
  }
  // Before the UTF-8 check: UTF-16 of ASCII letters is valid UTF-8 full of NUL bytes.
  if (!result.had_bom) {
    if (const int order = utf16_without_bom(bytes); order != 0) {
      result.utf8 = utf16_to_utf8(bytes, order == 1);
      result.from_utf16 = true;
      result.utf16_without_bom = true;
      return result;
    }
  }
  if (is_valid_utf8(bytes)) {
    if (owned != nullptr) {
      if (result.had_bom) owned->erase(0, kBom.size());
      result.utf8 = std::move(*owned);
    } else {
      result.utf8.assign(bytes);
    }
    return result;
  }
  // A file with valid UTF-8 letters (æ ø å written as two bytes) and a few broken bytes is
  // damaged UTF-8, not Windows-1252: reading all of it as Windows-1252 would garble every
  // letter that is right.
  // (A Windows-1252 file rarely holds a valid UTF-8 pair by chance: "Ã¸" is one; so the valid
  // characters must be at least as many as the broken ones.)
  const Utf8Scan scan = scan_utf8(bytes);
  if (scan.multibyte >= scan.bad) {
    result.utf8 = repair_utf8(bytes);
    result.damaged_utf8 = true;
    // Everything before the first broken byte is kept as it was: the same offset.
    result.first_odd = scan.first_bad;
    return result;
  }
  result.utf8 = cp1252_to_utf8(bytes);
  result.from_cp1252 = true;
  // Before the first non-ASCII byte every byte is ASCII, so the offset is the same in `utf8`.
  result.first_odd = scan.first_bad;
  return result;
}

}  // namespace

Decoded decode(std::string_view bytes) { return decode_bytes(bytes, nullptr); }

Decoded decode_owned(std::string&& bytes) { return decode_bytes(bytes, &bytes); }

}  // namespace ipcode::text
