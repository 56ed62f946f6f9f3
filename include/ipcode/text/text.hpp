/// Norwegian text handling behind a small API (ICU and Snowball live only in src/text/).
/// All strings are UTF-8. Nothing here depends on the machine's locale.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::text {

/// Result of decoding a file's bytes.
struct Decoded {
  std::string utf8;          // without BOM; line ends kept as in the file
  bool had_bom = false;      // a UTF-8 BOM was stripped
  bool from_cp1252 = false;  // the bytes were not valid UTF-8 and were read as Windows-1252
};

/// Strips a UTF-8 BOM; if the rest is not valid UTF-8, decodes it as Windows-1252 (the five
/// undefined bytes 0x81 0x8D 0x8F 0x90 0x9D map to the C1 controls, as ISO-8859-1 would).
Decoded decode(std::string_view bytes);
bool is_valid_utf8(std::string_view s);

/// Unicode NFC. Fast path when the input is already NFC (the usual case).
std::string nfc(std::string_view s);

/// Simple case folding, code point by code point (so the number of code points never changes;
/// ß stays ß). For case-insensitive matching and word comparison.
std::string fold(std::string_view s);

/// A span of bytes [begin, end) in the string given.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Words by ICU word boundaries: only spans that contain a letter or a digit ("B1", "æra",
/// "10"); punctuation and spaces are not words.
std::vector<Span> words(std::string_view s);

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

/// Whether a (folded) word is a Norwegian stop word (the Snowball list, curated, plus fillers
/// like "hm", "eh", "ehm").
bool is_stopword(std::string_view folded_word);

/// The content words of a text: folded, stop words and pure numbers out, stemmed.
std::vector<std::string> content_stems(std::string_view s);

/// Number of Unicode code points.
std::size_t length(std::string_view s);

}  // namespace ipcode::text
