/// Codebook keyword patterns (SPEC §4), compiled for a word-by-word scan: a word or a phrase
/// of words; `*` at the end of a word matches any ending (`signer*`); a word without `*` also
/// matches its inflected forms by Norwegian Snowball stemming (`plan`: planen, planene, plans);
/// `"=IP"` or `=IP` is exact and case-sensitive. Words are the project's one notion of a word
/// (text::is_word_char); any other character in a pattern only separates words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::aids {

enum class WordRule : std::uint8_t {
  stem,          // key: the Snowball stem of the folded word
  prefix,        // key: the folded word before `*`
  exact,         // key: the word as written (NFC)
  exact_prefix,  // key: the word as written before `*`, case-sensitive
};

struct PatternWord {
  WordRule rule = WordRule::stem;
  std::string key;
};

struct Pattern {
  std::vector<PatternWord> words;  // 1 to kMaxWords
  static constexpr std::size_t kMaxWords = 32;
};

/// Compiles a pattern; nullopt with `error` set (a message in the message language) when it
/// holds no word, has `*` anywhere but at the end of a word, or has more than kMaxWords words.
std::optional<Pattern> compile(std::string_view pattern, std::string& error);

/// Matches transcript words against the words of one pattern. Keeps its buffers between calls,
/// so that a scan allocates nothing per word (a stem is computed only for a word that starts
/// with the stem it is compared with: a Snowball stem is always a prefix of the folded word).
class WordMatcher {
 public:
  explicit WordMatcher(const Pattern& pattern);
  /// Bit j is set when `word` (NFC, as written) matches the pattern's word j.
  std::uint32_t match(std::string_view word);

 private:
  const Pattern* pattern_;
  bool needs_fold_ = false;
  std::string folded_;
};

}  // namespace ipcode::aids
