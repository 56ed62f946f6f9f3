// The one UTF-8 decoder and the one word-character class every module uses (matcher,
// transcript reader, string helpers), both on ICU's macros and properties.

#include "ipcode/text/text.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ipcode::text {

CodePoint decode_at(std::string_view s, std::size_t at) {
  if (at >= s.size()) return {};
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto first = static_cast<unsigned char>(s[at]);
  if (first < 0x80) return {first, 1};
  // U8_NEXT reads at most up to `length`, so an ill-formed or truncated sequence is safe; it
  // advances by at least one byte.
  const auto n = static_cast<std::int64_t>(s.size());
  auto i = static_cast<std::int64_t>(at);
  UChar32 c = 0;
  U8_NEXT(p, i, n, c);
  const auto size = static_cast<std::size_t>(i) - at;
  return {c < 0 ? char32_t{0xFFFD} : static_cast<char32_t>(c), size == 0 ? 1 : size};
}

std::size_t previous_start(std::string_view s, std::size_t at) {
  if (at == 0 || s.empty()) return 0;
  if (at > s.size()) at = s.size();
  // A code point is at most 4 bytes: look at a short window (U8_PREV takes 32-bit offsets).
  const std::size_t window = at < 4 ? at : 4;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data() + (at - window));
  auto i = static_cast<std::int32_t>(window);
  UChar32 c = 0;
  U8_PREV(p, 0, i, c);
  return at - window + static_cast<std::size_t>(i);
}

bool is_word_char(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  const auto u = static_cast<UChar32>(c);
  return u_hasBinaryProperty(u, UCHAR_ALPHABETIC) || u_isdigit(u) ||
         (U_GET_GC_MASK(u) & U_GC_M_MASK) != 0;
}

int column_width(char32_t c) {
  if (c < 0x80) return 1;
  const auto mask = U_GET_GC_MASK(static_cast<UChar32>(c));
  return (mask & (U_GC_MN_MASK | U_GC_ME_MASK | U_GC_CF_MASK)) != 0 ? 0 : 1;
}

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t at = 0; at < s.size();) {
    const CodePoint c = decode_at(s, at);
    n += static_cast<std::size_t>(column_width(c.value));
    at += c.size;
  }
  return n;
}

bool is_capital(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  const auto u = static_cast<UChar32>(c);
  return u_isUUppercase(u) || u_istitle(u);
}

bool is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = decode_at(s, i);
    if (is_space(c.value)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out.append(s.substr(i, c.size));
    }
    i += c.size;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  char buf[U8_MAX_LENGTH];
  std::int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, static_cast<UChar32>(c));
  out.append(buf, static_cast<std::size_t>(len));
}

}  // namespace ipcode::text

namespace ipcode::text {

void append_match_form(std::string& out, char32_t c) {
  switch (c) {
    case 0x2026:  // …
      out += "...";
      return;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
      out += '"';
      return;
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2039:
    case 0x203A:
    case 0x2032:
    case 0x02BC:
      out += '\'';
      return;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      out += '-';
      return;
    default:
      break;
  }
  if (c < 0x80) {
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    return;
  }
  append_utf8(out, static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT)));
}

}  // namespace ipcode::text
