/// Small string helpers shared by every module: trimming, splitting, joining, edit distance
/// and "did you mean" suggestions. Byte-based and locale-independent; for Unicode-aware work
/// (case folding, collation, word breaks) use ipcode/text.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode {

/// Hashes a std::string by its bytes, so that an unordered map or set of strings (with
/// std::equal_to<>) is looked up by a std::string_view without making a string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
/// A page or line range as theses print it: "14" or "14–16" (en dash).
std::string range_text(int first, int last);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
/// ASCII lower case only.
std::string ascii_lower(std::string_view s);
/// Replaces every `{1}`, `{2}`, ... in `pattern` with the given arguments.
std::string format(std::string_view pattern, const std::vector<std::string>& args);
/// Levenshtein distance in code points (UTF-8 aware, no normalisation).
std::size_t edit_distance(std::string_view a, std::string_view b);
/// The closest candidate within a distance that scales with the word's length, if any.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);
/// Natural order for ids: digit runs compare as numbers (B2 < B10), the rest byte-wise.
bool natural_less(std::string_view a, std::string_view b);
/// Parses a non-negative decimal integer; nullopt on anything else.
std::optional<long> parse_int(std::string_view s);

}  // namespace ipcode
