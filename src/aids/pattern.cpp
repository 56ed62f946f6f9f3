#include "ipcode/aids/pattern.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

namespace ipcode::aids {
namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty()) {
    const auto c = text::decode_at(s, 0);
    if (!text::is_space(c.value)) break;
    s.remove_prefix(c.size);
  }
  while (!s.empty()) {
    const auto at = text::previous_start(s, s.size());
    if (!text::is_space(text::decode_at(s, at).value)) break;
    s.remove_suffix(s.size() - at);
  }
  return s;
}

void fold_into(std::string& out, std::string_view word) {
  out.clear();
  for (std::size_t at = 0; at < word.size();) {
    const auto c = text::decode_at(word, at);
    text::append_match_form(out, c.value);  // on word characters: simple case folding
    at += c.size;
  }
}

}  // namespace

std::optional<Pattern> compile(std::string_view pattern, std::string& error) {
  const std::string source(trim_spaces(pattern));
  std::string_view p(source);
  // "..." around the pattern (as in YAML), and "=" in front: exact and case-sensitive.
  if (p.size() >= 2 && p.front() == '"' && p.back() == '"')
    p = trim_spaces(p.substr(1, p.size() - 2));
  const bool exact = !p.empty() && p.front() == '=';
  if (exact) p.remove_prefix(1);
  const std::string normal = text::nfc(p);
  const std::string_view s(normal);

  Pattern out;
  std::string folded;
  for (std::size_t at = 0; at < s.size();) {
    auto c = text::decode_at(s, at);
    if (c.value == U'*') {
      error = format(tr("'*' may only end a word, as in 'signer*': {1}"), {source});
      return std::nullopt;
    }
    if (!text::is_word_char(c.value)) {
      at += c.size;
      continue;
    }
    const std::size_t begin = at;
    while (at < s.size() && text::is_word_char(c.value)) {
      at += c.size;
      c = text::decode_at(s, at);
    }
    const std::string_view word = s.substr(begin, at - begin);
    const bool star = at < s.size() && c.value == U'*';
    if (star) {
      at += c.size;
      if (text::is_word_char(text::decode_at(s, at).value)) {
        error = format(tr("'*' may only end a word, as in 'signer*': {1}"), {source});
        return std::nullopt;
      }
    }
    PatternWord w;
    if (exact) {
      w.rule = star ? WordRule::exact_prefix : WordRule::exact;
      w.key = std::string(word);
    } else {
      fold_into(folded, word);
      w.rule = star ? WordRule::prefix : WordRule::stem;
      w.key = star ? folded : text::stem(folded);
    }
    out.words.push_back(std::move(w));
  }
  if (out.words.empty()) {
    error = source.empty() ? tr("the pattern is empty: give a word or a phrase to search for")
                           : format(tr("the pattern has no word to search for: {1}"), {source});
    return std::nullopt;
  }
  if (out.words.size() > Pattern::kMaxWords) {
    error = format(tr("the pattern has more than {1} words"), {std::to_string(Pattern::kMaxWords)});
    return std::nullopt;
  }
  return out;
}

WordMatcher::WordMatcher(const Pattern& pattern) : pattern_(&pattern) {
  for (const auto& w : pattern.words) {
    needs_fold_ = needs_fold_ || w.rule == WordRule::stem || w.rule == WordRule::prefix;
  }
}

std::uint32_t WordMatcher::match(std::string_view word) {
  if (needs_fold_) fold_into(folded_, word);
  const std::string_view folded(folded_);
  std::uint32_t bits = 0;
  for (std::size_t j = 0; j < pattern_->words.size(); ++j) {
    const PatternWord& w = pattern_->words[j];
    bool hit = false;
    switch (w.rule) {
      case WordRule::exact:
        hit = word == w.key;
        break;
      case WordRule::exact_prefix:
        hit = word.starts_with(w.key);
        break;
      case WordRule::prefix:
        hit = folded.starts_with(w.key);
        break;
      case WordRule::stem:
        // A Snowball stem is a prefix of the folded word: compare stems only then.
        hit = folded.starts_with(w.key) &&
              (folded.size() == w.key.size() || text::stem(folded) == w.key);
        break;
    }
    if (hit) bits |= std::uint32_t{1} << j;
  }
  return bits;
}

}  // namespace ipcode::aids
