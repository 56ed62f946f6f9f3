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

}  // namespace

std::vector<Span> words(std::string_view s) {
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
