// Word and sentence segmentation with ICU break iterators, run directly over UTF-8 through a
// UText so the boundaries ICU returns are byte offsets into the caller's string.

#include "ipcode/text/text.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace ipcode::text {
namespace {

using namespace std::string_view_literals;

enum class BreakKind { word, sentence };

// Break iterators keep per-text state, so each thread gets its own pair, created once.
icu::BreakIterator* iterator_for(BreakKind kind) {
  const auto make = [](BreakKind k) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale nb("nb");
    std::unique_ptr<icu::BreakIterator> it(
        k == BreakKind::word ? icu::BreakIterator::createWordInstance(nb, status)
                             : icu::BreakIterator::createSentenceInstance(nb, status));
    if (U_FAILURE(status)) {
      it.reset();
    }
    return it;
  };
  thread_local const std::unique_ptr<icu::BreakIterator> word = make(BreakKind::word);
  thread_local const std::unique_ptr<icu::BreakIterator> sentence = make(BreakKind::sentence);
  return kind == BreakKind::word ? word.get() : sentence.get();
}

// Calls f(begin, end, rule_status) for each segment ICU finds in s. False if ICU failed.
template <typename F>
bool for_each_segment(BreakKind kind, std::string_view s, F&& f) {
  icu::BreakIterator* it = iterator_for(kind);
  if (it == nullptr) {
    return false;
  }
  UErrorCode status = U_ZERO_ERROR;
  UText text = UTEXT_INITIALIZER;
  utext_openUTF8(&text, s.data(), static_cast<std::int64_t>(s.size()), &status);
  it->setText(&text, status);  // takes a shallow clone: closing ours right away is fine
  utext_close(&text);
  if (U_FAILURE(status)) {
    return false;
  }
  std::int32_t begin = it->first();
  for (std::int32_t end = it->next(); end != icu::BreakIterator::DONE; end = it->next()) {
    f(static_cast<std::size_t>(begin), static_cast<std::size_t>(end), it->getRuleStatus());
    begin = end;
  }
  return true;
}

// Whether s holds a word character (is_word_char: the one definition the matcher uses too).
bool has_letter_or_digit(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const CodePoint c = decode_at(s, i);
    if (is_word_char(c.value)) {
      return true;
    }
    i += c.size;
  }
  return false;
}

// --- Sentence exceptions -------------------------------------------------------------------

// Folded abbreviations after which ICU's break (before an upper-case word or a digit) is
// wrong. Only ones that normally precede something: "m.m.", "mv." and "o.l." usually end a
// sentence and are left out. Sorted byte-wise for binary search.
constexpr std::array kAbbreviations = {
    "bl.a."sv, "ca."sv,  "dvs."sv,   "ev."sv,  "evt."sv, "f.eks."sv, "f.o.m."sv,
    "iflg."sv, "ifm."sv, "ift."sv,   "jf."sv,  "kl."sv,  "mht."sv,   "nr."sv,
    "osv."sv,  "pga."sv, "t.o.m."sv, "tlf."sv, "vha."sv,
};
static_assert(std::ranges::is_sorted(kAbbreviations));

bool is_line_separator(UChar32 c) {
  return c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x85 || c == 0x2028 ||
         c == 0x2029;
}

// The last whitespace-delimited token of s, with trailing whitespace dropped. Empty if the
// trailing whitespace holds a line or paragraph separator: a hard break stays a break.
std::string_view last_token(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  // ICU break positions are int32_t, so a sentence so far always fits.
  auto end = static_cast<std::int32_t>(s.size());
  while (end > 0) {
    std::int32_t i = end;
    UChar32 c = 0;
    U8_PREV(p, 0, i, c);
    if (c < 0 || !u_isUWhiteSpace(c)) {
      break;
    }
    if (is_line_separator(c)) {
      return {};
    }
    end = i;
  }
  std::int32_t begin = end;
  while (begin > 0) {
    std::int32_t i = begin;
    UChar32 c = 0;
    U8_PREV(p, 0, i, c);
    if (c >= 0 && u_isUWhiteSpace(c)) {
      break;
    }
    begin = i;
  }
  return s.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
}

// Drops opening punctuation such as "(" or "«" before an abbreviation.
std::string_view strip_leading_punctuation(std::string_view token) {
  while (!token.empty()) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(token.data());
    std::int32_t i = 0;
    UChar32 c = 0;
    U8_NEXT(p, i, static_cast<std::int32_t>(std::min<std::size_t>(token.size(), 4)), c);
    if (c < 0 || !u_ispunct(c)) {
      break;
    }
    token.remove_prefix(static_cast<std::size_t>(i));
  }
  return token;
}

// "10." as in "den 10. Mai" or "3. Klasse". Years ("i 2010.") end sentences, so only short
// numbers count.
bool is_ordinal(std::string_view token) {
  if (token.size() < 2 || token.size() > 3 || token.back() != '.') {
    return false;
  }
  token.remove_suffix(1);
  return std::ranges::all_of(token, [](char c) { return c >= '0' && c <= '9'; });
}

// Whether the break ICU puts after `before` (the text of the sentence so far) should go.
bool is_false_sentence_end(std::string_view before) {
  const std::string_view raw = last_token(before);
  if (raw.empty() || raw.back() != '.') {
    return false;
  }
  const std::string_view token = strip_leading_punctuation(raw);
  if (is_ordinal(token)) {
    // "kl. 10." is a time of day, and a time often ends a sentence.
    const auto raw_begin = static_cast<std::size_t>(raw.data() - before.data());
    const std::string_view previous = last_token(before.substr(0, raw_begin));
    return fold(previous) != "kl.";
  }
  return std::ranges::binary_search(kAbbreviations, std::string_view(fold(token)));
}

// words() without ICU, for the text where Unicode's word rules (UAX #29) come down to runs of
// letters and digits: ASCII, precomposed Latin-1 letters (æøå é ü ...), and as separators
// white space, . , : ; ' ! ? ( ) " - / and – — … « ». It declines (nullopt) at anything else
// (another character, '_' which joins words, '@' which ICU makes a word of) and at any of
// . : ' , ; between two letters or digits (where the rules may join them: "3,5", "a.b",
// "don't"). The unit tests compare it with ICU on random text of these characters and more.
std::optional<std::vector<Span>> plain_words(std::string_view s) {
  std::vector<Span> out;
  const std::size_t n = s.size();
  // Bytes of a letter or digit at i (1 or 2); 0 for anything else.
  const auto alnum_at = [&](std::size_t i) -> std::size_t {
    if (i >= n) return 0;
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) return 1;
    if (b == 0xC3 && i + 1 < n) {
      const auto c = static_cast<unsigned char>(s[i + 1]);
      if (c >= 0x80 && c <= 0xBF && c != 0x97 && c != 0xB7) return 2;  // not × ÷
    }
    return 0;
  };
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i < n;) {
    if (const std::size_t w = alnum_at(i); w > 0) {
      if (start == std::string_view::npos) start = i;
      i += w;
      continue;
    }
    const bool after_word = start != std::string_view::npos;
    if (after_word) {
      out.push_back({start, i});
      start = std::string_view::npos;
    }
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = 1;
    if (b < 0x80) {
      // Only these: ICU makes words of some other punctuation ("@" is one).
      if (" \t\n\r.,:;'!?()\"-/"sv.find(static_cast<char>(b)) == std::string_view::npos) {
        return std::nullopt;
      }
      if ((b == '.' || b == ':' || b == '\'' || b == ',' || b == ';') && after_word &&
          alnum_at(i + 1) > 0) {
        return std::nullopt;
      }
    } else if (b == 0xC2 && i + 1 < n && (s[i + 1] == '\xAB' || s[i + 1] == '\xBB')) {
      len = 2;  // « »
    } else if (b == 0xE2 && i + 2 < n && s[i + 1] == '\x80' &&
               (s[i + 2] == '\x93' || s[i + 2] == '\x94' || s[i + 2] == '\xA6')) {
      len = 3;  // – — …
    } else {
      return std::nullopt;
    }
    i += len;
  }
  if (start != std::string_view::npos) out.push_back({start, n});
  return out;
}

}  // namespace

namespace {

std::vector<Span> icu_words(std::string_view s) {
  std::vector<Span> out;
  if (s.empty()) {
    return out;
  }
  for_each_segment(BreakKind::word, s, [&](std::size_t b, std::size_t e, std::int32_t status) {
    // ICU tags letter, number, kana and ideograph words (all of which hold a letter or a
    // digit); untagged spans (spaces, punctuation, emoji) are kept only if they hold one.
    if (status != UBRK_WORD_NONE || has_letter_or_digit(s.substr(b, e - b))) {
      out.push_back({b, e});
    }
  });
  return out;
}

}  // namespace

namespace detail {
std::optional<std::vector<Span>> plain_words_for_test(std::string_view s) { return plain_words(s); }
std::vector<Span> icu_words_for_test(std::string_view s) { return icu_words(s); }
}  // namespace detail

std::vector<Span> words(std::string_view s) {
  if (auto plain = plain_words(s)) return std::move(*plain);
  return icu_words(s);
}

std::vector<Span> sentences(std::string_view s) {
  std::vector<Span> out;
  if (s.empty()) {
    return out;
  }
  std::size_t start = 0;
  const bool ok = for_each_segment(BreakKind::sentence, s, [&](std::size_t, std::size_t e, int) {
    if (e < s.size() && is_false_sentence_end(s.substr(start, e - start))) {
      return;  // glue this segment to the next one
    }
    out.push_back({start, e});
    start = e;
  });
  if (!ok) {
    out.assign(1, Span{0, s.size()});
  }
  return out;
}

}  // namespace ipcode::text
