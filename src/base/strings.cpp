#include "ipcode/base/strings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace ipcode {

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }
bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string format(std::string_view pattern, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(pattern.size() + 16);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      const auto close = pattern.find('}', i);
      if (close != std::string_view::npos && close > i + 1) {
        const auto n = parse_int(pattern.substr(i + 1, close - i - 1));
        if (n && *n >= 1 && static_cast<std::size_t>(*n) <= args.size()) {
          out += args[static_cast<std::size_t>(*n) - 1];
          i = close;
          continue;
        }
      }
    }
    out += pattern[i];
  }
  return out;
}

namespace {

// The characters of s as byte sequences, without decoding them (base sits below text, where
// the one UTF-8 decoder lives): a character is a byte that is not a UTF-8 continuation byte
// plus the continuation bytes after it. Equal sequences are equal code points; a stray
// continuation byte is a character of its own. Enough for an edit distance.
std::vector<std::string_view> characters(std::string_view s) {
  std::vector<std::string_view> out;
  const auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; };
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i + 1;
    if (!continuation(s[i])) {
      while (j < s.size() && j - i < 4 && continuation(s[j])) ++j;
    }
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto x = characters(a);
  const auto y = characters(b);
  // Optimal string alignment: like Levenshtein, and a swap of two neighbours costs 1
  // ("qoute" -> "quote"), the most common typing slip.
  std::vector<std::size_t> before(y.size() + 1), prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    before = prev;
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  // No id or key is this long: a longer word is pasted text, and comparing it with every
  // candidate would cost its length squared (a 40,000-character id took seconds).
  constexpr std::size_t kMaxLength = 256;
  const std::size_t length = characters(word).size();
  if (length > kMaxLength) return std::nullopt;
  const std::size_t limit = std::max<std::size_t>(1, length / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  const std::string lowered = ascii_lower(word);
  for (const auto& c : candidates) {
    const std::string other = ascii_lower(c);
    // A candidate that starts with the word ("sub" -> "subgroups") is a fair suggestion too.
    const bool prefix = lowered.size() >= 3 && other.starts_with(lowered);
    // The distance is at least the difference in length: beyond the limit, no need to compute.
    const std::size_t other_length = characters(other).size();
    const std::size_t gap = other_length > length ? other_length - length : length - other_length;
    std::size_t d = gap > limit ? limit + 1 : edit_distance(lowered, other);
    if (d > limit && prefix) d = limit;
    if (d < best_distance || (d == best_distance && best && c < *best)) {
      best_distance = d;
      best = c;
    }
  }
  if (best_distance > limit) return std::nullopt;
  return best;
}

bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && digit(a[ie])) ++ie;
      while (je < b.size() && digit(b[je])) ++je;
      auto na = a.substr(i, ie - i), nb = b.substr(j, je - j);
      while (na.size() > 1 && na.front() == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb.front() == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ie;
      j = je;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
  return a < b;  // "B01" vs "B1": stable, deterministic tie-break
}

std::optional<long> parse_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  long value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || value < 0) return std::nullopt;
  return value;
}

std::string range_text(int first, int last) {
  if (first == last) return std::to_string(first);
  return std::to_string(first) + "\u2013" + std::to_string(last);
}

}  // namespace ipcode
