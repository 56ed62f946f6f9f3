/// Norwegian text handling behind a small API (ICU and Snowball live only in src/text/).
/// All strings are UTF-8. Nothing here depends on the machine's locale.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::text {

/// Result of decoding a file's bytes.
struct Decoded {
  std::string utf8;                // without BOM; line ends kept as in the file
  bool had_bom = false;            // a UTF-8 BOM was stripped
  bool from_cp1252 = false;        // the bytes were not valid UTF-8 and were read as Windows-1252
  bool from_utf16 = false;         // UTF-16 (Notepad's "Unicode"), converted losslessly
  bool utf16_without_bom = false;  // UTF-16 recognised by its zero bytes, not by a BOM
  /// UTF-8 with a few broken bytes: each broken byte became U+FFFD (the rest is kept).
  bool damaged_utf8 = false;
  /// Where in `utf8` the first odd character is: the first U+FFFD of damaged UTF-8, or the
  /// first non-ASCII character of a Windows-1252 file; npos if none.
  std::size_t first_odd = std::string::npos;
};

/// UTF-16 with a byte order mark (FF FE little-endian, FE FF big-endian) is converted to UTF-8
/// (an unpaired surrogate becomes U+FFFD). Otherwise: strips a UTF-8 BOM; if the rest is not valid
/// UTF-8, decodes it as Windows-1252 with ICU's converter (the five undefined bytes 0x81 0x8D 0x8F
/// 0x90 0x9D map to the C1 controls, as ISO-8859-1 and the WHATWG windows-1252 would).
Decoded decode(std::string_view bytes);
/// decode() of a string it may take over: UTF-8 (the usual case) keeps its buffer, no copy.
Decoded decode_owned(std::string&& bytes);
bool is_valid_utf8(std::string_view s);

/// Unicode NFC. Fast path when the input is already NFC (the usual case).
std::string nfc(std::string_view s);
/// nfc() of a string it may take over: text that is NFC already is returned without a copy.
std::string nfc_owned(std::string&& s);

/// Simple case folding, code point by code point (so the number of code points never changes;
/// ß stays ß). For case-insensitive matching and word comparison.
std::string fold(std::string_view s);

/// A span of bytes [begin, end) in the string given.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Words by ICU word boundaries: only spans that contain a letter or a digit ("B1", "æra",
/// "10"); punctuation and spaces are not words. Plain text (ASCII and Latin-1 letters, nothing
/// that could join two words) is split without ICU, into the same spans.
std::vector<Span> words(std::string_view s);

namespace detail {
/// The two ways of words(), for the tests that compare them: nullopt when the text is not plain.
std::optional<std::vector<Span>> plain_words_for_test(std::string_view s);
std::vector<Span> icu_words_for_test(std::string_view s);
}  // namespace detail

/// Sentences by ICU sentence boundaries, without breaking after common Norwegian
/// abbreviations (f.eks., bl.a., kl., nr., ca., dvs., osv., mht., ift., evt., ordinal "10.").
/// Spans include trailing spaces as ICU gives them.
std::vector<Span> sentences(std::string_view s);

/// Norwegian collation (ICU "nb"): æ, ø, å after z. <0, 0, >0 like strcmp.
int collate(std::string_view a, std::string_view b);
bool collate_less(std::string_view a, std::string_view b);
/// Sorts strings in place by Norwegian collation, ties broken byte-wise (deterministic).
void sort_collated(std::vector<std::string>& v);

/// Snowball Norwegian stem of one word; folds case first.
std::string stem(std::string_view word);

/// Whether a (folded) word is a Norwegian stop word: the Snowball list (bokmål and nynorsk),
/// curated, plus interview fillers and back-channels ("hm", "eh", "ehm", "liksom", "sant").
bool is_stopword(std::string_view folded_word);

/// Interview fillers of several words ("ikke sant", "på en måte", "på ein måte"): folded,
/// words separated by one space. Every word but the last is a stop word, so a word-by-word
/// scan that drops stop words drops such a phrase by dropping its last word where the words
/// before it come just before it ("måte" alone is a content word). content_stems() does not
/// look at phrases.
std::span<const std::string_view> filler_phrases();

/// The content words of a text: folded, stop words and pure numbers out, stemmed.
std::vector<std::string> content_stems(std::string_view s);

/// Number of Unicode code points.
std::size_t length(std::string_view s);

// --- Code points: the one UTF-8 decoder and the one notion of a word character -------------

/// A code point decoded from UTF-8 and the number of bytes it took.
struct CodePoint {
  char32_t value = 0;
  std::size_t size = 0;  // 0 only at the end of the string
};

/// The code point starting at byte `at`. An ill-formed sequence (or `at` inside one) gives
/// U+FFFD with the length ICU gives it (at least 1), so a loop over a string always advances
/// and never reads past its end. At or past the end: {0, 0}.
CodePoint decode_at(std::string_view s, std::size_t at);
/// The byte offset where the code point ending just before `at` starts (0 at the start).
std::size_t previous_start(std::string_view s, std::size_t at);

/// A character words are made of: a letter (Unicode Alphabetic), a digit, or a combining mark
/// (so an NFD "å" stays one word). Everything else (spaces, punctuation, symbols) separates.
bool is_word_char(char32_t c);
/// An upper-case or title-case letter (speaker labels start with one).
bool is_capital(char32_t c);
/// Unicode white space: space, tab, line ends, U+00A0, U+202F, U+2009, U+2028 ...
bool is_space(char32_t c);
/// `s` with every run of Unicode white space (is_space) made one space, and none at either end.
std::string collapse_space(std::string_view s);

/// Columns a code point takes in a terminal: 0 for combining marks (Mn, Me) and format
/// characters (Cf: soft hyphen, zero-width joiner), else 1 (East Asian wide characters are
/// not counted twice: Norwegian transcripts do not use them).
int column_width(char32_t c);
/// The sum of column_width() over the code points of `s` (call it on NFC text).
std::size_t display_width(std::string_view s);

/// Appends the UTF-8 form of `c` (invalid code points become U+FFFD).
void append_utf8(std::string& out, char32_t c);

/// Appends the form `c` takes in quote matching (SPEC §5): simple case folding, and the
/// typographic variants a student cannot see made equal: "…" becomes "...", every double
/// quotation mark (" “ ” „ ‟ « » ″) becomes ", every single one and apostrophe (' ‘ ’ ‚ ‛ ‹ ›
/// ′ ʼ) becomes ', every dash, hyphen and minus (‐ ‑ ‒ – — ― −) becomes -. For matching only:
/// outputs always show the transcript's own characters.
void append_match_form(std::string& out, char32_t c);

}  // namespace ipcode::text
