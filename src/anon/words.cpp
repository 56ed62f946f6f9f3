#include "anon/words.hpp"

#include "ipcode/base/strings.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <unordered_set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ipcode::anon::detail {

// Generated from data/names/*.txt by src/anon/CMakeLists.txt.
extern const char* const kFirstNames;
extern const char* const kSurnames;
extern const char* const kCommonWords;

namespace {

// What a byte can be, for the tokeniser: most bytes are word bytes and cost one look-up.
enum ByteClass : unsigned char { kWord = 0, kSpace = 1, kMaybeSpace = 2, kAt = 3 };
constexpr std::array<unsigned char, 256> kByteClass = [] {
  std::array<unsigned char, 256> t{};
  t[' '] = kSpace;
  for (int c = '\t'; c <= '\r'; ++c) t[static_cast<std::size_t>(c)] = kSpace;
  t[0xC2] = kMaybeSpace;  // U+00A0
  t[0xE2] = kMaybeSpace;  // U+202F
  t['@'] = kAt;
  return t;
}();

#if defined(__SSE2__)
// Bit k set where p[k] is not kWord in kByteClass: ASCII white space (\t to \r, ' '), '@',
// 0xC2 or 0xE2.
inline unsigned special_bytes(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Signed compares: bytes from 0x80 up are negative and fall outside \t..\r.
  const __m128i control = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('\t' - 1)),
                                        _mm_cmplt_epi8(v, _mm_set1_epi8('\r' + 1)));
  const __m128i other = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('@'))),
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\xC2')),
                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\xE2'))));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, other)));
}
#endif

// Bytes of white space at text[i], or 0.
inline std::size_t space_at(std::string_view t, std::size_t i) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (kByteClass[c] == kSpace) return 1;
  if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < t.size() && t[i + 1] == '\x80' && t[i + 2] == '\xAF') return 3;
  return 0;
}

// The bytes a mark of set_core() can start or end with: most words have none, and are done
// after two table look-ups.
bool may_open(unsigned char c) {
  return c == '(' || c == '[' || c == '{' || c == '<' || c == '"' || c == '\'' || c == 0xC2 ||
         c == 0xE2;
}
bool may_close(unsigned char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == ']' || c == '}' || c == '>' || c == '"' || c == '\'' || c == 0xBB || c == 0x9D ||
         c == 0x99 || c == 0xA6;
}

void set_core(std::string_view text, Token& t) {
  std::string_view s = text.substr(t.begin, t.end - t.begin);
  t.core_begin = t.begin;
  t.core_end = t.end;
  if (!may_open(static_cast<unsigned char>(s.front())) &&
      !may_close(static_cast<unsigned char>(s.back())))
    return;
  // Byte by byte (the same marks as lists of strings cost a compare each, per word).
  const auto opening = [](std::string_view w) -> std::size_t {
    const auto c = static_cast<unsigned char>(w[0]);
    if (c == '(' || c == '[' || c == '{' || c == '<' || c == '"' || c == '\'') return 1;
    if (w.starts_with("\u00AB")) return 2;  // «
    if (w.starts_with("\u201C") || w.starts_with("\u2018") || w.starts_with("\u201E"))
      return 3;  // “ ‘ „
    return 0;
  };
  const auto closing = [](std::string_view w) -> std::size_t {
    const auto c = static_cast<unsigned char>(w.back());
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
        c == ']' || c == '}' || c == '>' || c == '"' || c == '\'')
      return 1;
    if (w.ends_with("\u00BB")) return 2;                                                    // »
    if (w.ends_with("\u201D") || w.ends_with("\u2019") || w.ends_with("\u2026")) return 3;  // ” ’ …
    return 0;
  };
  std::size_t len = 0, front = 0, back = 0;
  while (!s.empty() && (len = opening(s)) > 0) {
    s.remove_prefix(len);
    front += len;
  }
  while (!s.empty() && (len = closing(s)) > 0) {
    s.remove_suffix(len);
    back += len;
  }
  t.core_begin = static_cast<std::uint32_t>(t.begin + front);
  t.core_end = static_cast<std::uint32_t>(t.end - back);
  if (t.core_end < t.core_begin) t.core_end = t.core_begin;
}

// Looked up by a string_view without making a string.
using WordList = std::unordered_set<std::string, StringHash, std::equal_to<>>;

WordList read_list(const char* data) {
  WordList out;
  std::string_view s(data);
  while (!s.empty()) {
    const auto nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    s = nl == std::string_view::npos ? std::string_view() : s.substr(nl + 1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    out.emplace(line);
  }
  return out;
}

bool upper_at(std::string_view w, std::size_t i, std::size_t& len) {
  const auto c = static_cast<unsigned char>(w[i]);
  if (c >= 'A' && c <= 'Z') {
    len = 1;
    return true;
  }
  if (c == 0xC3 && i + 1 < w.size()) {
    const auto d = static_cast<unsigned char>(w[i + 1]);
    len = 2;
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  return false;
}

bool lower_at(std::string_view w, std::size_t i, std::size_t& len) {
  const auto c = static_cast<unsigned char>(w[i]);
  if (c >= 'a' && c <= 'z') {
    len = 1;
    return true;
  }
  if (c == 0xC3 && i + 1 < w.size()) {
    const auto d = static_cast<unsigned char>(w[i + 1]);
    len = 2;
    return d >= 0x9F && d <= 0xBF && d != 0xB7;
  }
  return false;
}

}  // namespace

std::vector<Token> tokenise(std::string_view text) {
  std::vector<Token> out;
  out.reserve(text.size() / 5);
  const std::size_t n = std::min<std::size_t>(text.size(), UINT32_MAX);
  std::size_t i = 0;
  int newlines = 2;  // the start of the text counts as a blank line before
  while (i < n) {
    if (const auto w = space_at(text, i); w > 0) {
      if (text[i] == '\n') ++newlines;
      i += w;
      continue;
    }
    Token t;
    t.begin = static_cast<std::uint32_t>(i);
    t.blank_before = newlines >= 2;
    newlines = 0;
    while (i < n) {
#if defined(__SSE2__)
      // 16 bytes at a time while none is white space, '@' or the first byte of U+00A0 or
      // U+202F (most words end at the first such byte; the bytes before it are word bytes).
      if (i + 16 <= n) {
        const unsigned mask = special_bytes(text.data() + i);
        if (mask == 0) {
          i += 16;
          continue;
        }
        i += static_cast<std::size_t>(__builtin_ctz(mask));
      }
#endif
      // Most bytes are neither white space, nor the first byte of U+00A0 or U+202F, nor '@'.
      const unsigned char k = kByteClass[static_cast<unsigned char>(text[i])];
      if (k == kWord) {
        ++i;
        continue;
      }
      if (k == kAt) {
        t.has_at = true;
        ++i;
        continue;
      }
      if (space_at(text, i) != 0) break;
      ++i;
    }
    t.end = static_cast<std::uint32_t>(i);
    set_core(text, t);
    out.push_back(t);
  }
  return out;
}

std::string fold(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 32);
      ++i;
    }
  }
  return out;
}

bool capitalised(std::string_view w) {
  std::size_t len = 0;
  if (w.empty() || !upper_at(w, 0, len)) return false;
  std::size_t i = len;
  if (i >= w.size()) return false;
  while (i < w.size()) {
    if (!lower_at(w, i, len)) return false;
    i += len;
  }
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool in_names(std::string_view word) {
  static const auto names = [] {
    auto set = read_list(kFirstNames);
    auto surnames = read_list(kSurnames);
    set.merge(surnames);
    return set;
  }();
  return names.find(word) != names.end();
}

bool in_common_words(std::string_view folded) {
  static const auto words = read_list(kCommonWords);
  return words.find(folded) != words.end();
}

}  // namespace ipcode::anon::detail
