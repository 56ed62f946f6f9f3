// Unit tests for ipcode::text (decode, NFC, folding, segmentation, collation, stemming).

#include "ipcode/text/text.hpp"

#include <catch2/catch.hpp>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace text = ipcode::text;

namespace {

std::vector<std::string> pieces(std::string_view s, const std::vector<text::Span>& spans) {
  std::vector<std::string> out;
  for (const text::Span& sp : spans) {
    out.emplace_back(s.substr(sp.begin, sp.end - sp.begin));
  }
  return out;
}

std::vector<std::string> word_strings(std::string_view s) { return pieces(s, text::words(s)); }

std::vector<std::string> sentence_strings(std::string_view s) {
  return pieces(s, text::sentences(s));
}

// Sentence spans must tile the input: no gaps, no overlaps, nothing lost.
void require_tiling(std::string_view s, const std::vector<text::Span>& spans) {
  std::size_t pos = 0;
  for (const text::Span& sp : spans) {
    REQUIRE(sp.begin == pos);
    REQUIRE(sp.end > sp.begin);
    pos = sp.end;
  }
  REQUIRE(pos == s.size());
}

}  // namespace

// --- decode ----------------------------------------------------------------------------------

TEST_CASE("decode: empty input", "[text][decode]") {
  const text::Decoded d = text::decode("");
  CHECK(d.utf8.empty());
  CHECK_FALSE(d.had_bom);
  CHECK_FALSE(d.from_cp1252);
}

TEST_CASE("decode: UTF-8 BOM is stripped", "[text][decode]") {
  SECTION("BOM only") {
    const text::Decoded d = text::decode("\xEF\xBB\xBF");
    CHECK(d.utf8.empty());
    CHECK(d.had_bom);
    CHECK_FALSE(d.from_cp1252);
  }
  SECTION("BOM and text") {
    const text::Decoded d = text::decode("\xEF\xBB\xBFHei på deg\r\n");
    CHECK(d.utf8 == "Hei på deg\r\n");
    CHECK(d.had_bom);
    CHECK_FALSE(d.from_cp1252);
  }
  SECTION("a BOM in the middle is not stripped") {
    const text::Decoded d = text::decode("a\xEF\xBB\xBF");
    CHECK(d.utf8 == "a\xEF\xBB\xBF");
    CHECK_FALSE(d.had_bom);
  }
  SECTION("BOM followed by Windows-1252 bytes") {
    const text::Decoded d = text::decode("\xEF\xBB\xBF\xE6");
    CHECK(d.utf8 == "æ");
    CHECK(d.had_bom);
    CHECK(d.from_cp1252);
  }
}

TEST_CASE("decode: Windows-1252 fallback", "[text][decode]") {
  SECTION("Norwegian letters") {
    const text::Decoded d = text::decode("\xE6\xF8\xE5\xC6\xD8\xC5");
    CHECK(d.utf8 == "æøåÆØÅ");
    CHECK(d.from_cp1252);
    CHECK_FALSE(d.had_bom);
  }
  SECTION("0x96 is an en dash, 0x97 an em dash, 0x80 the euro sign") {
    CHECK(text::decode("a \x96 b").utf8 == "a \u2013 b");
    CHECK(text::decode("\x97").utf8 == "\u2014");
    CHECK(text::decode("\x80").utf8 == "\u20AC");
    CHECK(text::decode("\x93sitat\x94").utf8 == "\u201Csitat\u201D");
  }
  SECTION("undefined bytes map to C1 controls") {
    CHECK(text::decode("\x81\x8D\x8F\x90\x9D").utf8 == "\u0081\u008D\u008F\u0090\u009D");
  }
  SECTION("Latin-1 range and ASCII") {
    // Octal escapes: "\xE5b" would be read as one hex escape.
    CHECK(text::decode("bl\345b\346r \240\377\r\n").utf8 == "blåbær \u00A0ÿ\r\n");
  }
  SECTION("one bad byte in a UTF-8 file is damaged UTF-8, not cp1252") {
    // Formerly the whole file became cp1252: every "æ" (C3 A6) turned into "Ã¦".
    const text::Decoded d = text::decode("\xC3\xA6 og \xF8 og \xC3\xB8");
    CHECK_FALSE(d.from_cp1252);
    CHECK(d.damaged_utf8);
    CHECK(d.utf8 == "æ og \uFFFD og ø");
    CHECK(d.first_odd == 6);  // the byte offset of the first broken byte, kept in `utf8`
  }
  SECTION("more broken bytes than UTF-8 letters: cp1252 with a chance pair") {
    // "Ã¸" (C3 B8) is valid UTF-8 by chance; the three other letters are cp1252.
    const text::Decoded d = text::decode("bl\xE5 \xC3\xB8 s\xF8t \xE6");
    CHECK(d.from_cp1252);
    CHECK_FALSE(d.damaged_utf8);
    CHECK(d.utf8 == "blå Ã¸ søt æ");
    CHECK(d.first_odd == 2);
  }
  SECTION("UTF-16 without a BOM is recognised by its zero bytes") {
    std::string le, be;
    for (const char16_t c : std::u16string(u"I: Hei på deg\r\nB1: Hei\r\n")) {
      le += static_cast<char>(c & 0xFF);
      le += static_cast<char>(c >> 8);
      be += static_cast<char>(c >> 8);
      be += static_cast<char>(c & 0xFF);
    }
    for (const auto& bytes : {le, be}) {
      const text::Decoded d = text::decode(bytes);
      CHECK(d.from_utf16);
      CHECK(d.utf16_without_bom);
      CHECK(d.utf8 == "I: Hei på deg\r\nB1: Hei\r\n");
    }
    // ASCII only (valid UTF-8, NUL in every other byte) is UTF-16 too.
    CHECK(text::decode(std::string("I\0:\0 \0j\0a\0\n\0", 12)).utf8 == "I: ja\n");
    // A stray NUL or two in UTF-8 text is not UTF-16.
    CHECK_FALSE(text::decode(std::string("Hei\0 p\xC3\xA5 deg\0\n", 14)).from_utf16);
  }
  SECTION("the result is always valid UTF-8") {
    std::string all;
    for (int b = 0; b < 256; ++b) {
      all.push_back(static_cast<char>(b));
    }
    const text::Decoded d = text::decode(all);
    CHECK(d.from_cp1252);
    CHECK(text::is_valid_utf8(d.utf8));
    CHECK(text::length(d.utf8) == 256);
  }
}

TEST_CASE("decode: valid UTF-8 is untouched", "[text][decode]") {
  const std::string s = "Blåbærsyltetøy – «sitat» 😀 ẞ\r\nlinje 2\n";
  const text::Decoded d = text::decode(s);
  CHECK(d.utf8 == s);
  CHECK_FALSE(d.from_cp1252);
  CHECK_FALSE(d.had_bom);
}

TEST_CASE("is_valid_utf8", "[text][decode]") {
  CHECK(text::is_valid_utf8(""));
  CHECK(text::is_valid_utf8("plain ascii text, longer than eight bytes"));
  CHECK(text::is_valid_utf8("æøå"));
  CHECK(text::is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  CHECK(text::is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  CHECK(text::is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  CHECK(text::is_valid_utf8(std::string_view("a\0b", 3)));

  CHECK_FALSE(text::is_valid_utf8("\x80"));              // lone continuation byte
  CHECK_FALSE(text::is_valid_utf8("\xC3"));              // truncated
  CHECK_FALSE(text::is_valid_utf8("\xE2\x80"));          // truncated
  CHECK_FALSE(text::is_valid_utf8("\xC0\x80"));          // overlong NUL
  CHECK_FALSE(text::is_valid_utf8("\xC1\xBF"));          // overlong
  CHECK_FALSE(text::is_valid_utf8("\xE0\x80\x80"));      // overlong
  CHECK_FALSE(text::is_valid_utf8("\xF0\x80\x80\x80"));  // overlong
  CHECK_FALSE(text::is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  CHECK_FALSE(text::is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(text::is_valid_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(text::is_valid_utf8("\xFF"));
  CHECK_FALSE(text::is_valid_utf8("\xC3\x28"));  // lead byte without continuation
  // A bad byte after a run of ASCII long enough for the 8-byte fast path.
  CHECK_FALSE(text::is_valid_utf8("0123456789abcdef\xE5xyz"));
  CHECK(text::is_valid_utf8("0123456789abcdef\xC3\xA5xyz"));
}

// --- nfc, fold, length -----------------------------------------------------------------------

TEST_CASE("nfc", "[text][nfc]") {
  CHECK(text::nfc("a\u030A") == "å");
  CHECK(text::nfc("A\u030Angstr\u00F8m") == "Ångstrøm");
  CHECK(text::nfc("\u212B") == "\u00C5");  // ANGSTROM SIGN is a singleton decomposition
  CHECK(text::nfc("") == "");
  CHECK(text::nfc("ascii only") == "ascii only");
  const std::string already = "Blåbær, Ærlig, Øyvind – «ja» 😀";
  CHECK(text::nfc(already) == already);
  CHECK(text::nfc("x\u0323\u0307y") == "\u1E8B\u0323y");  // dot below does not block
  CHECK(text::nfc("s\u0307\u0323") == "\u1E69");          // reordered, then composed
}

TEST_CASE("fold", "[text][fold]") {
  CHECK(text::fold("ÆØÅ Planen") == "æøå planen");
  CHECK(text::fold("") == "");
  CHECK(text::fold("ABC xyz 123") == "abc xyz 123");
  CHECK(text::fold("ß") == "ß");       // simple folding: no "ss"
  CHECK(text::fold("\u1E9E") == "ß");  // capital sharp s
  CHECK(text::fold("ΣΑΣ") == "σασ");
  CHECK(text::fold("A\377B") == "a\377b");  // ill-formed bytes kept as they are

  for (const std::string s : {"ÆØÅ Planen", "STRASSE Straße ẞ", "İstanbul ǅ ﬁ", "A\xFF\xC3"}) {
    INFO(s);
    CHECK(text::length(text::fold(s)) == text::length(s));
  }
  CHECK(text::fold(text::fold("ÆØÅ Planen")) == text::fold("ÆØÅ Planen"));
}

TEST_CASE("length counts code points", "[text][length]") {
  CHECK(text::length("") == 0);
  CHECK(text::length("abc") == 3);
  CHECK(text::length("æøå") == 3);
  CHECK(text::length("😀") == 1);
  CHECK(text::length("a\u030A") == 2);
  CHECK(text::length("\xFF") == 1);
  CHECK(text::length("a\xE2\x80") == 2);  // a truncated sequence counts once
}

// --- words -----------------------------------------------------------------------------------

TEST_CASE("words", "[text][words]") {
  SECTION("transcript line") {
    CHECK(word_strings("Jeg bare skriver under, men (pause) æ vet ikkje.") ==
          std::vector<std::string>{"Jeg", "bare", "skriver", "under", "men", "pause", "æ", "vet",
                                   "ikkje"});
  }
  SECTION("letters and digits together are one word") {
    CHECK(word_strings("Deltaker B1 sa 10 ting.") ==
          std::vector<std::string>{"Deltaker", "B1", "sa", "10", "ting"});
  }
  SECTION("no words") {
    CHECK(text::words("").empty());
    CHECK(text::words("  ... , !? – «»\n").empty());
  }
  SECTION("spans are byte offsets") {
    const std::vector<text::Span> spans = text::words("æ ø");
    REQUIRE(spans.size() == 2);
    CHECK(spans[0].begin == 0);
    CHECK(spans[0].end == 2);
    CHECK(spans[1].begin == 3);
    CHECK(spans[1].end == 5);
  }
  SECTION("decomposed letters stay in their word") {
    CHECK(word_strings("bla\u030Abær og") == std::vector<std::string>{"bla\u030Abær", "og"});
  }
  SECTION("repeated calls reuse the iterator safely") {
    for (int i = 0; i < 3; ++i) {
      CHECK(word_strings("en to") == std::vector<std::string>{"en", "to"});
    }
  }
}

// --- sentences -------------------------------------------------------------------------------

TEST_CASE("sentences", "[text][sentences]") {
  SECTION("two plain sentences") {
    const std::string s = "Jeg vet ikke. Det er de som skriver den.";
    CHECK(sentence_strings(s) ==
          std::vector<std::string>{"Jeg vet ikke. ", "Det er de som skriver den."});
    require_tiling(s, text::sentences(s));
  }
  SECTION("f.eks. does not end a sentence") {
    const std::string s = "Vi har f.eks. Oslo og Bergen. De er store.";
    CHECK(sentence_strings(s) ==
          std::vector<std::string>{"Vi har f.eks. Oslo og Bergen. ", "De er store."});
    CHECK(text::sentences("Han liker f.eks. Oslo.").size() == 1);
    CHECK(text::sentences("Han liker (f.eks. Oslo).").size() == 1);
    CHECK(text::sentences("Han liker F.eks. Oslo.").size() == 1);
  }
  SECTION("kl. 10 does not end a sentence") {
    const std::string s = "Vi møtes kl. 10 på kontoret. Så går vi.";
    CHECK(sentence_strings(s) ==
          std::vector<std::string>{"Vi møtes kl. 10 på kontoret. ", "Så går vi."});
    CHECK(text::sentences("Vi møtes kl. 10 Da går vi.").size() == 1);
  }
  SECTION("other abbreviations") {
    CHECK(text::sentences("Det var bl.a. Kari der.").size() == 1);
    CHECK(text::sentences("Det var nr. 5 av dem. Nei.").size() == 2);
    CHECK(text::sentences("Det tok ca. 3 timer, dvs. Lenge.").size() == 1);
    CHECK(text::sentences("Vi snakket mht. Skolen.").size() == 1);
  }
  SECTION("ordinals") {
    CHECK(text::sentences("Den 17. Mai feirer vi.").size() == 1);
    CHECK(text::sentences("Hun går i 3. Klasse nå.").size() == 1);
    // A year ends a sentence, and so does a time of day after "kl.".
    CHECK(text::sentences("Det skjedde i 2010. Så flyttet vi.").size() == 2);
    CHECK(text::sentences("Vi møtes kl. 10. Da går vi.").size() == 2);
  }
  SECTION("a line break after an abbreviation still ends the sentence") {
    CHECK(sentence_strings("Hun sa f.eks.\nNeste linje.") ==
          std::vector<std::string>{"Hun sa f.eks.\n", "Neste linje."});
  }
  SECTION("no text") { CHECK(text::sentences("").empty()); }
  SECTION("spans tile the input") {
    const std::string s =
        "I1: Hva tenker du? P1: Hm. Jeg vet ikke... f.eks. Oslo, kl. 10. Ja!\r\nNei.  ";
    require_tiling(s, text::sentences(s));
  }
}

// --- collation -------------------------------------------------------------------------------

TEST_CASE("collate: Norwegian order", "[text][collate]") {
  std::vector<std::string> v = {"Zeta", "Æra", "Øya", "Ås", "Anne", "bok"};
  text::sort_collated(v);
  CHECK(v == std::vector<std::string>{"Anne", "bok", "Zeta", "Æra", "Øya", "Ås"});

  CHECK(text::collate("z", "æ") < 0);
  CHECK(text::collate("æ", "ø") < 0);
  CHECK(text::collate("ø", "å") < 0);
  CHECK(text::collate("Aal", "Zeta") > 0);  // "aa" is "å" in Norwegian
  CHECK(text::collate("Øya", "Aal") < 0);
  CHECK(text::collate("same", "same") == 0);
  CHECK(text::collate("", "a") < 0);
  CHECK(text::collate_less("Anne", "Æra"));
  CHECK_FALSE(text::collate_less("Æra", "Anne"));
  CHECK_FALSE(text::collate_less("x", "x"));
}

TEST_CASE("collate: case is secondary to letters", "[text][collate]") {
  CHECK(text::collate("bok", "Zeta") < 0);
  CHECK(text::collate("Bok", "zeta") < 0);
  CHECK(text::collate("anne", "Bok") < 0);
  CHECK(text::collate("bok", "Bok") != 0);  // but not equal: case breaks the tie
  std::vector<std::string> v = {"Bok", "bok", "Anne", "anne"};
  text::sort_collated(v);
  CHECK(v == std::vector<std::string>{"anne", "Anne", "bok", "Bok"});
}

TEST_CASE("sort_collated: ties are broken byte-wise", "[text][collate]") {
  // NFC and NFD "å" are canonically equivalent: the collator finds them equal.
  CHECK(text::collate("\u00E5", "a\u030A") == 0);
  std::vector<std::string> a = {"\u00E5", "a\u030A"};
  std::vector<std::string> b = {"a\u030A", "\u00E5"};
  text::sort_collated(a);
  text::sort_collated(b);
  CHECK(a == b);
  CHECK(a.front() == "a\u030A");  // 0x61 < 0xC3
}

TEST_CASE("sort_collated agrees with collate", "[text][collate]") {
  std::vector<std::string> v = {"ærlig", "Ære", "aa",   "Aa",      "å",      "ab",    "z",
                                "Z",     "ø",   "o",    "ö",       "ä",      "æ",     "10",
                                "9",     "",    "ba",   "b a",     "b-a",    "Bålet", "bål",
                                "øl",    "Øl",  "ølen", "a\u030A", "\u00C5", "Åse",   "Aase"};
  std::vector<std::string> expected = v;
  std::ranges::sort(expected, [](const std::string& x, const std::string& y) {
    const int c = text::collate(x, y);
    return c != 0 ? c < 0 : x < y;
  });
  text::sort_collated(v);
  CHECK(v == expected);
  std::vector<std::string> empty;
  text::sort_collated(empty);
  CHECK(empty.empty());
}

// --- stemming and stop words -----------------------------------------------------------------

TEST_CASE("stem", "[text][stem]") {
  CHECK(text::stem("planene") == "plan");
  CHECK(text::stem("Brukernes") == "brukern");
  CHECK(text::stem("PLANENE") == "plan");  // folds first
  CHECK(text::stem("plan") == "plan");
  CHECK(text::stem("") == "");
}

TEST_CASE("is_stopword", "[text][stopwords]") {
  for (const char* w :
       {"og",     "jeg",  "ikke",  "hm", "hmm", "eh",  "ehm", "mm", "ja", "nei", "altså",
        "liksom", "sånn", "ikkje", "æ",  "ka",  "kæm", "dæm", "å",  "på", "så"}) {
    INFO(w);
    CHECK(text::is_stopword(w));
  }
  for (const char* w : {"plan", "planene", "bruker", "skole", "", "o", "hmmm"}) {
    INFO(w);
    CHECK_FALSE(text::is_stopword(w));
  }
  CHECK(text::is_stopword("Og"));  // forgiving about unfolded input
  CHECK(text::is_stopword("ÅLTSÅ") == false);
  CHECK(text::is_stopword("ALTSÅ"));
}

TEST_CASE("content_stems", "[text][stem]") {
  SECTION("transcript line") {
    CHECK(text::content_stems("Jeg bare skriver under, men (pause) æ vet ikkje.") ==
          std::vector<std::string>{text::stem("skriver"), text::stem("under"), text::stem("pause"),
                                   text::stem("vet")});
  }
  SECTION("numbers out, letters with digits in") {
    CHECK(text::content_stems("Vi hadde 10 planene i 2020, og B1 sa 2,5.") ==
          std::vector<std::string>{"plan", "b1", text::stem("sa")});
  }
  SECTION("folded and NFC first") {
    CHECK(text::content_stems("PLANENE pa\u030A Brukernes") ==
          std::vector<std::string>{"plan", "brukern"});
  }
  SECTION("nothing left") {
    CHECK(text::content_stems("").empty());
    CHECK(text::content_stems("Hm, ja, altså ... 42").empty());
  }
}

// --- threads ---------------------------------------------------------------------------------

TEST_CASE("per-thread ICU and Snowball objects give the same results", "[text][threads]") {
  const std::string s = "Jeg vet ikke. Planene til brukernes f.eks. Oslo, Ås og Bergen. Hm.";
  const std::vector<std::string> stems = text::content_stems(s);
  const std::size_t sentence_count = text::sentences(s).size();
  std::vector<std::string> names = {"Ås", "Zeta", "Æra", "Anne", "Øya", "bok"};
  text::sort_collated(names);

  constexpr int kThreads = 4;
  std::vector<int> ok(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      bool same = true;
      for (int i = 0; i < 50; ++i) {
        std::vector<std::string> v = {"Øya", "bok", "Anne", "Æra", "Zeta", "Ås"};
        text::sort_collated(v);
        same = same && text::content_stems(s) == stems &&
               text::sentences(s).size() == sentence_count && v == names;
      }
      ok[static_cast<std::size_t>(t)] = same ? 1 : 0;
    });
  }
  for (std::thread& th : threads) {
    th.join();
  }
  CHECK(ok == std::vector<int>(kThreads, 1));
}

// --- code points and word characters --------------------------------------------------------

TEST_CASE("decode_at: one decoder that never reads past the end", "[text][codepoint]") {
  CHECK(text::decode_at("å", 0).value == 0xE5);
  CHECK(text::decode_at("å", 0).size == 2);
  CHECK(text::decode_at("a", 1).size == 0);   // at the end
  CHECK(text::decode_at("a", 7).size == 0);   // past the end
  const std::string truncated = "x\xE2\x82";  // the first two bytes of €
  CHECK(text::decode_at(truncated, 1).value == 0xFFFD);
  CHECK(text::decode_at(truncated, 1).size >= 1);
  CHECK(text::decode_at("\xC3", 0).value == 0xFFFD);
  CHECK(text::decode_at("\x80"
                        "a",
                        0)
            .size == 1);                                  // a stray continuation byte
  CHECK(text::decode_at("\xC0\xAF", 0).value == 0xFFFD);  // overlong
  CHECK(text::previous_start("aå", 3) == 1);
  CHECK(text::previous_start("aå", 0) == 0);
  // Walking any bytes always advances and stays inside.
  const std::string junk = "\xF0\x9F\x98\xC3(\xE2\x28\xA1\xFF\xFE";
  std::size_t steps = 0;
  for (std::size_t i = 0; i < junk.size(); i += text::decode_at(junk, i).size) ++steps;
  CHECK(steps <= junk.size());
}

TEST_CASE("word characters and white space are Unicode's", "[text][codepoint]") {
  for (const char32_t c : {U'a', U'Z', U'7', U'æ', U'Ø', U'å', U'é', U'ß', U'\u030A', U'я'}) {
    CHECK(text::is_word_char(c));
  }
  for (const char32_t c : {U' ', U'-', U'.', U'«', U'\u2013', U'\u00D7', U'\u00F7', U'\u00A0'}) {
    CHECK_FALSE(text::is_word_char(c));
  }
  for (const char32_t c : {U' ', U'\t', U'\n', U'\f', U'\u00A0', U'\u202F', U'\u2009', U'\u2028'}) {
    CHECK(text::is_space(c));
  }
  CHECK_FALSE(text::is_space(U'a'));
  CHECK(text::is_capital(U'Æ'));
  CHECK_FALSE(text::is_capital(U'æ'));
}

TEST_CASE("matching form: case and typographic variants", "[text][codepoint]") {
  const auto form = [](std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
      const auto c = text::decode_at(s, i);
      text::append_match_form(out, c.value);
      i += c.size;
    }
    return out;
  };
  CHECK(form("ÆØÅ Ok") == "æøå ok");
  CHECK(form("«a» “b” „c” \"d\"") == "\"a\" \"b\" \"c\" \"d\"");
  CHECK(form("‘e’ ‚f’ 'g'") == "'e' 'f' 'g'");
  CHECK(form("– — ‐ −") == "- - - -");
  CHECK(form("…") == "...");
}

TEST_CASE("decode: UTF-16 with a byte order mark (Notepad's 'Unicode')", "[text][decode]") {
  // "B1: Så\r\n" and U+1F600 (a surrogate pair), little- and big-endian.
  const std::string le(
      "\xFF\xFE"
      "B\0"
      "1\0"
      ":\0"
      " \0"
      "S\0"
      "\xE5\0"
      "\r\0"
      "\n\0"
      "\x3D\xD8\x00\xDE",
      22);
  const std::string be(
      "\xFE\xFF"
      "\0B"
      "\0"
      "1"
      "\0:"
      "\0 "
      "\0S"
      "\0\xE5"
      "\0\r"
      "\0\n"
      "\xD8\x3D\xDE\x00",
      22);
  for (const auto& bytes : {le, be}) {
    const auto d = text::decode(bytes);
    CHECK(d.from_utf16);
    CHECK_FALSE(d.from_cp1252);
    CHECK(d.utf8 == "B1: S\xC3\xA5\r\n\xF0\x9F\x98\x80");
  }
  // An unpaired surrogate and an odd last byte are U+FFFD, never a read past the end.
  const auto broken =
      text::decode(std::string("\xFF\xFE\x00\xD8"
                               "A\0"
                               "x",
                               7));
  CHECK(broken.utf8 ==
        "\xEF\xBF\xBD"
        "A"
        "\xEF\xBF\xBD");
}

TEST_CASE("collapse_space: runs of Unicode white space become one space, none at the ends",
          "[text]") {
  struct Row {
    std::string in, out;
  };
  const std::vector<Row> rows = {
      {"", ""},
      {"   ", ""},
      {"jeg  vet", "jeg vet"},
      {" \t jeg\nvet \r\n", "jeg vet"},
      {"på\u00a0møtene", "på møtene"},  // U+00A0 from Word
      {"å\u202fø\u2009æ", "å ø æ"},     // narrow no-break and thin space
      {"Ja.\u2028Nei.", "Ja. Nei."},    // line separator
      {"a\u200bb", "a\u200bb"},         // zero-width space is no white space
  };
  for (const auto& r : rows) {
    INFO(r.in);
    CHECK(ipcode::text::collapse_space(r.in) == r.out);
  }
}

TEST_CASE("nfc keeps plain Latin-1 text without asking ICU, as ICU would", "[text][nfc]") {
  // text::nfc returns a text of ASCII, U+0080-U+00FF and U+2010-U+2027 unchanged without
  // ICU's check: every one of those characters must be NFC on its own and after another.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* norm = icu::Normalizer2::getNFCInstance(status);
  REQUIRE(U_SUCCESS(status));
  std::vector<char32_t> plain;
  for (char32_t c = 0x80; c <= 0xFF; ++c) plain.push_back(c);
  for (char32_t c = 0x2010; c <= 0x2027; ++c) plain.push_back(c);
  for (const char32_t c : plain) {
    for (const char32_t before : plain) {
      icu::UnicodeString s;
      s.append(static_cast<UChar32>('a')).append(static_cast<UChar32>(before));
      s.append(static_cast<UChar32>(c)).append(static_cast<UChar32>('e'));
      UErrorCode st = U_ZERO_ERROR;
      INFO(static_cast<unsigned>(before) << " " << static_cast<unsigned>(c));
      REQUIRE(norm->isNormalized(s, st));
      std::string utf8;
      s.toUTF8String(utf8);
      REQUIRE(text::nfc(utf8) == utf8);
    }
  }
  // One character outside those ranges, and the check goes to ICU again.
  CHECK(text::nfc("\u00E5 \u212B") == "\u00E5 \u00C5");
  CHECK(text::nfc("\u00E9a\u0301") == "\u00E9\u00E1");
}

TEST_CASE("is_valid_utf8 and nfc decide as ICU on random texts; the owning forms agree",
          "[text][nfc][decode]") {
  // Random texts of Norwegian letters, ASCII, marks and broken bytes: their fast paths (8
  // ASCII bytes at a time; Latin-1 text kept without ICU's check) must never decide
  // otherwise than ICU's strict decoder and its NFC.
  const std::vector<std::string> pieces = {
      "a",        "Hei ",     "planen",   "\u00E6",  "\u00F8",   "\u00E5",   "\u00C5",
      "\u00A0",   "\u2014",   "\u2026",   "a\u030A", "\u030A",   "\u212B",   "\xF0\x9F\x98\x80",
      "\x80",     "\xC3",     "\xC0\xAF", "\xFF",    "\xC3\xC3", "\xE2\x80", "\xED\xA0\x80",
      "\xC2\x80", "\xC3\xBF", "\r\n"};
  const auto reference_valid = [](std::string_view s) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto n = static_cast<std::int64_t>(s.size());
    for (std::int64_t i = 0; i < n;) {
      UChar32 c = 0;
      U8_NEXT(p, i, n, c);
      if (c < 0) return false;
    }
    return true;
  };
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* norm = icu::Normalizer2::getNFCInstance(status);
  REQUIRE(U_SUCCESS(status));
  std::uint64_t state = 42;
  const auto next = [&state](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  // Mostly plain pieces, as in a transcript, a rare odd one.
  const std::size_t plain = 10;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const auto count = next(40);
    for (std::uint64_t k = 0; k < count; ++k) {
      const bool odd = next(8) == 0;
      s += pieces[odd ? plain + next(pieces.size() - plain) : next(plain)];
    }
    if (next(8) == 0) s.insert(0, "\xEF\xBB\xBF");  // a byte-order mark now and then
    INFO(s);
    // decode_owned() takes the string over where decode() copies: the same result.
    const auto viewed = text::decode(s);
    const auto owned = text::decode_owned(std::string(s));
    REQUIRE(owned.utf8 == viewed.utf8);
    REQUIRE(owned.had_bom == viewed.had_bom);
    REQUIRE(owned.from_cp1252 == viewed.from_cp1252);
    REQUIRE(owned.damaged_utf8 == viewed.damaged_utf8);
    REQUIRE(owned.first_odd == viewed.first_odd);
    if (s.starts_with("\xEF\xBB\xBF")) s.erase(0, 3);
    const bool valid = reference_valid(s);
    REQUIRE(text::is_valid_utf8(s) == valid);
    if (!valid) continue;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    UErrorCode st = U_ZERO_ERROR;
    std::string expected;
    norm->normalize(u, st).toUTF8String(expected);
    REQUIRE(U_SUCCESS(st));
    REQUIRE(text::nfc(s) == expected);
    REQUIRE(text::nfc_owned(std::string(s)) == expected);
  }
}
