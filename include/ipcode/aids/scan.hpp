/// The one word scanner of the aids (kwic, and later suggest and terms): walks a transcript's
/// speech word by word. Front matter, page markers and speaker labels are skipped; words are
/// maximal runs of text::is_word_char, read with text::decode_at (the same notion of a word as
/// quote matching). Nothing is allocated.
#pragma once

#include "ipcode/text/text.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ipcode::aids {

struct ScanWord {
  std::uint32_t begin = 0;  // byte offsets in Transcript::text
  std::uint32_t end = 0;
  int line = 0;   // physical line, 1-based
  int turn = -1;  // index into Transcript::turns; -1 for speech before the first label
};

namespace detail {
// ASCII without a call into text (most of a Norwegian transcript): the same answers as
// text::decode_at and text::is_word_char, which a unit test checks for every ASCII byte.
inline text::CodePoint next(std::string_view s, std::size_t at) {
  const auto b = static_cast<unsigned char>(s[at]);
  return b < 0x80 ? text::CodePoint{b, 1} : text::decode_at(s, at);
}
inline bool is_word(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return text::is_word_char(c);
}
}  // namespace detail

/// Calls `f(const ScanWord&)` for every word of `t`'s speech, in order of position.
template <class F>
void for_each_word(const transcript::Transcript& t, F&& f) {
  const std::string_view s(t.text);
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    const transcript::Line& l = t.lines[i];
    if (l.kind != transcript::LineKind::text) continue;
    std::size_t at = l.speech_begin;
    while (at < l.end) {
      text::CodePoint c = detail::next(s, at);
      if (!detail::is_word(c.value)) {
        at += c.size;
        continue;
      }
      const std::size_t begin = at;
      at += c.size;
      while (at < l.end) {
        c = detail::next(s, at);
        if (!detail::is_word(c.value)) break;
        at += c.size;
      }
      f(ScanWord{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(at),
                 static_cast<int>(i + 1), l.turn});
    }
  }
}

}  // namespace ipcode::aids
