// Snowball Norwegian stemming, and the content words of a text (what suggestions and
// condensation count: folded, stop words and numbers out, stemmed).

#include "ipcode/text/text.hpp"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipcode::text {
namespace {

// A Snowball stemmer keeps its working buffer inside, so each thread gets its own, created
// once and freed when the thread ends.
class Stemmer {
 public:
  Stemmer() : stemmer_(sb_stemmer_new("norwegian", "UTF_8")) {}
  ~Stemmer() { sb_stemmer_delete(stemmer_); }
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of an already folded word; the word itself if Snowball is unavailable.
  std::string stem(std::string_view folded) {
    if (stemmer_ == nullptr || folded.empty() || folded.size() > INT_MAX) {
      return std::string(folded);
    }
    const sb_symbol* out =
        sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded.data()),
                        static_cast<int>(folded.size()));
    if (out == nullptr) {
      return std::string(folded);  // out of memory inside Snowball
    }
    const int len = sb_stemmer_length(stemmer_);
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(len));
  }

 private:
  sb_stemmer* stemmer_;
};

Stemmer& thread_stemmer() {
  thread_local Stemmer stemmer;
  return stemmer;
}

// Numbers ("10", "2,5", "1.000") are words to ICU but carry no content.
bool has_letter(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int64_t>(s.size());
  for (std::int64_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && u_isalpha(c)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string stem(std::string_view word) {
  // Snowball's Norwegian rules are written for lower case: "Planene" would not be stemmed.
  return thread_stemmer().stem(fold(word));
}

std::vector<std::string> content_stems(std::string_view s) {
  // Stems and stop words are NFC; decomposed "å" would match neither.
  const std::string text = nfc(s);
  std::vector<std::string> out;
  Stemmer& stemmer = thread_stemmer();
  for (const Span& span : words(text)) {
    const std::string_view word(text.data() + span.begin, span.end - span.begin);
    if (!has_letter(word)) {
      continue;
    }
    const std::string folded = fold(word);
    if (is_stopword(folded)) {
      continue;
    }
    std::string stemmed = stemmer.stem(folded);
    if (!stemmed.empty()) {
      out.push_back(std::move(stemmed));
    }
  }
  return out;
}

}  // namespace ipcode::text
