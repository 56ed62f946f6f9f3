// NFC, simple case folding and code point counting.
// Each has a fast path: corpora are mostly ASCII and almost always NFC already.

#include "ipcode/text/text.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ipcode::text {
namespace {

// Every byte below U+0300 (the first combining mark) is NFC on its own; ASCII certainly is.
bool is_ascii(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return false;
    }
  }
  return true;
}

// Whether every character of `s` is one that NFC leaves as it is and that nothing composes
// with: ASCII, U+0080-U+00FF (æ ø å é and the other precomposed Latin-1 letters) and the
// dashes, quotation marks and ellipsis U+2010-U+2027. Such a text is NFC, as ICU's check would
// say in a few times the time (most transcripts are such a text). False for anything else,
// bytes that are not UTF-8 included: ICU decides those.
bool plainly_nfc(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
#if defined(__SSE2__)
    // 16 bytes at a time while they are ASCII and two-byte Latin-1 letters (C2 or C3 and a
    // continuation byte, both in the block): most of a Norwegian transcript.
    if (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const auto mask = [](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)); };
      const unsigned high = mask(v);
      const unsigned lead = mask(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\xC2')),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8('\xC3'))));
      const unsigned cont =
          mask(_mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8('\xC0')), _mm_set1_epi8('\x80')));
      const unsigned follow = (lead << 1) & 0xFFFFU;
      if ((lead & 0x8000U) == 0 && high == (lead | follow) && (cont & follow) == follow) {
        i += 16;
        continue;
      }
    }
#endif
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
    } else if ((b == 0xC2 || b == 0xC3) && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0xBF) {
      i += 2;
    } else if (b == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] >= 0x90 && p[i + 2] <= 0xA7) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

const icu::Normalizer2* nfc_instance() {
  // ICU owns the singleton, which is immutable and safe to share between threads.
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_FAILURE(status) ? nullptr : n;
  }();
  return instance;
}

// nfc() and nfc_owned(): `owned`, when given, holds `s` and is returned when `s` is NFC.
std::string nfc_of(std::string_view s, std::string* owned) {
  const auto as_is = [&] { return owned != nullptr ? std::move(*owned) : std::string(s); };
  if (is_ascii(s) || plainly_nfc(s)) {
    return as_is();
  }
  const icu::Normalizer2* norm = nfc_instance();
  if (norm == nullptr || s.size() > static_cast<std::size_t>(INT32_MAX)) {
    // ICU data missing, or too big for a StringPiece: better unnormalised text than none.
    return as_is();
  }
  const auto size = static_cast<std::int32_t>(s.size());
  const icu::StringPiece piece(s.data(), size);
  UErrorCode status = U_ZERO_ERROR;
  // isNormalizedUTF8 runs the quick check and resolves its "maybe" answers without
  // building a copy; the usual result is "yes".
  if (norm->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    return as_is();
  }
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  status = U_ZERO_ERROR;
  norm->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) {
    return as_is();
  }
  return out;
}

}  // namespace

std::string nfc(std::string_view s) { return nfc_of(s, nullptr); }

std::string nfc_owned(std::string&& s) { return nfc_of(s, &s); }

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int64_t>(s.size());
  std::int64_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      // A run of ASCII is copied at once and lowered in place (the usual case).
      std::int64_t j = i;
      while (j < n && p[j] < 0x80) ++j;
      const std::size_t from = out.size();
      out.append(s.data() + i, static_cast<std::size_t>(j - i));
      for (std::size_t k = from; k < out.size(); ++k) {
        if (out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] + ('a' - 'A'));
      }
      i = j;
      continue;
    }
    const std::int64_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      // Ill-formed bytes are kept as they are, so the code point count cannot change.
      out.append(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
      continue;
    }
    // Simple (1:1) folding keeps the code point count: ß stays ß, ẞ becomes ß.
    const UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    char buf[U8_MAX_LENGTH];
    std::int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, folded);
    out.append(buf, static_cast<std::size_t>(len));
  }
  return out;
}

std::size_t length(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int64_t>(s.size());
  std::size_t count = 0;
  std::int64_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
    } else {
      // An ill-formed sequence counts as one, as it would once replaced by U+FFFD.
      UChar32 c = 0;
      U8_NEXT(p, i, n, c);
    }
    ++count;
  }
  return count;
}

}  // namespace ipcode::text
