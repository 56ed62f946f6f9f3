// `ipcode import --qdpx`: ids from names, and REFI-QDA positions mapped into the transcript's
// normalised text (qdpx.hpp).
#include "ipcode/base/strings.hpp"
#include "ipcode/importer/qdpx.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>

namespace ipcode::importer::qdpx {
namespace {

// The ASCII a folded (lower-case) Latin letter is written with in an id.
const char* ascii_of(char32_t c) {
  switch (c) {
    case U'æ':
      return "ae";
    case U'ø':
    case U'ö':
    case U'ò':
    case U'ó':
    case U'ô':
    case U'õ':
    case U'ő':
      return "o";
    case U'å':
    case U'ä':
    case U'à':
    case U'á':
    case U'â':
    case U'ã':
    case U'ā':
      return "a";
    case U'é':
    case U'è':
    case U'ê':
    case U'ë':
    case U'ē':
    case U'ę':
      return "e";
    case U'í':
    case U'ì':
    case U'î':
    case U'ï':
      return "i";
    case U'ú':
    case U'ù':
    case U'û':
    case U'ü':
    case U'ű':
      return "u";
    case U'ý':
    case U'ÿ':
      return "y";
    case U'ñ':
    case U'ń':
      return "n";
    case U'ç':
    case U'č':
    case U'ć':
      return "c";
    case U'š':
    case U'ś':
      return "s";
    case U'ž':
    case U'ź':
    case U'ż':
      return "z";
    case U'ł':
      return "l";
    case U'ð':
    case U'đ':
      return "d";
    case U'þ':
      return "th";
    case U'ß':
      return "ss";
    case U'œ':
      return "oe";
    default:
      return nullptr;
  }
}

}  // namespace

std::string make_id(std::string_view name, Case letter_case) {
  const std::string whole = text::nfc(name);
  std::string out;
  for (std::size_t i = 0; i < whole.size();) {
    const auto cp = text::decode_at(whole, i);
    i += cp.size;
    std::string lower;
    text::append_utf8(lower, cp.value);
    lower = text::fold(lower);
    const char32_t c = text::decode_at(lower, 0).value;
    const bool capital = letter_case == Case::keep && text::is_capital(cp.value);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      out += capital ? static_cast<char>(c - 'a' + 'A') : static_cast<char>(c);
    } else if (const char* a = ascii_of(c)) {
      out += capital ? static_cast<char>(a[0] - 'a' + 'A') : a[0];
      out += a + 1;
    } else if (c >= 0x300 && c <= 0x36f) {
      // a combining accent left over: the letter carries on without it
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  const auto first = out.find_first_not_of("-_");
  if (first == std::string::npos) return {};
  out.erase(0, first);
  while (!out.empty() && (out.back() == '-' || out.back() == '_')) out.pop_back();
  return out;
}

IdMaker::IdMaker(Case letter_case) : case_(letter_case) {}

std::string IdMaker::operator()(std::string_view name, std::string_view fallback) {
  std::string base = make_id(name, case_);
  if (base.empty()) base = fallback;
  std::string id = base;
  // Compared without case: B1 and b1 are one file on macOS and Windows.
  for (int n = 2; !taken_.insert(ascii_lower(id)).second; ++n) id = base + "-" + std::to_string(n);
  return id;
}

Normalised::Normalised(std::string_view bytes) {
  const std::string s = text::decode(bytes).utf8;
  // Chunks that NFC treats on their own: a code point below U+0300 never joins the one
  // before it, so each starts a chunk; the marks after it stay in its chunk.
  std::vector<std::pair<std::size_t, std::size_t>> cps;  // byte offset, value
  for (std::size_t i = 0; i < s.size();) {
    const auto cp = text::decode_at(s, i);
    cps.emplace_back(i, cp.value);
    i += cp.size;
  }
  const std::size_t n = cps.size();
  start_.assign(n + 1, 0);
  end_.assign(n + 1, 0);
  auto offset = [&](std::size_t k) { return k < n ? cps[k].first : s.size(); };
  std::size_t k = 0;
  while (k < n) {
    std::size_t j = k + 1;
    const bool cr = cps[k].second == '\r';
    if (!cr && cps[k].second != '\n') {
      while (j < n && cps[j].second >= 0x300) ++j;
    }
    const auto at = static_cast<std::uint32_t>(text_.size());
    if (cr) {
      // CR LF and a lone CR both become LF; a position between CR and LF is the LF's.
      text_ += '\n';
      start_[k] = end_[k] = at;
      if (j < n && cps[j].second == '\n') {
        start_[j] = at;
        end_[j] = at + 1;
        ++j;
      }
    } else {
      const std::string_view chunk(s.data() + cps[k].first, offset(j) - cps[k].first);
      const std::string norm = text::nfc(chunk);
      const bool same = norm == chunk;
      for (std::size_t m = k; m < j; ++m) {
        const auto inside = static_cast<std::uint32_t>(cps[m].first - cps[k].first);
        start_[m] = same ? at + inside : at;
        end_[m] = same || m == k ? start_[m] : at + static_cast<std::uint32_t>(norm.size());
      }
      text_ += norm;
    }
    k = j;
  }
  start_[n] = end_[n] = static_cast<std::uint32_t>(text_.size());
  // UTF-16 units: one per code point, two beyond U+FFFF.
  for (std::size_t m = 0; m < n; ++m) {
    cp_of_utf16_.push_back(static_cast<std::uint32_t>(m));
    mid_pair_.push_back(false);
    if (cps[m].second > 0xFFFF) {
      non_bmp_ = true;
      cp_of_utf16_.push_back(static_cast<std::uint32_t>(m));
      mid_pair_.push_back(true);
    }
  }
  cp_of_utf16_.push_back(static_cast<std::uint32_t>(n));
  mid_pair_.push_back(false);
}

std::int64_t Normalised::length(Counting c) const {
  return static_cast<std::int64_t>(c == Counting::utf16 ? cp_of_utf16_.size() : start_.size()) - 1;
}

std::optional<std::int64_t> Normalised::code_point(std::int64_t pos, Counting c,
                                                   bool as_end) const {
  if (pos < 0 || pos > length(c)) return std::nullopt;
  if (c == Counting::code_points) return pos;
  const auto u = static_cast<std::size_t>(pos);
  // Inside a surrogate pair: a start goes before the character, an end after it.
  return static_cast<std::int64_t>(cp_of_utf16_[u]) + (mid_pair_[u] && as_end ? 1 : 0);
}

std::optional<std::size_t> Normalised::start(std::int64_t pos, Counting c) const {
  const auto cp = code_point(pos, c, false);
  if (!cp) return std::nullopt;
  return start_[static_cast<std::size_t>(*cp)];
}

std::optional<std::size_t> Normalised::end(std::int64_t pos, Counting c) const {
  const auto cp = code_point(pos, c, true);
  if (!cp) return std::nullopt;
  return end_[static_cast<std::size_t>(*cp)];
}

Counting detect_counting(const Normalised& n, const std::vector<office::qde::Selection>& sels) {
  if (!n.has_non_bmp()) return Counting::code_points;
  bool fits_cp = true;
  bool fits_16 = true;
  for (const auto& s : sels) {
    fits_cp = fits_cp && s.end <= n.length(Counting::code_points);
    fits_16 = fits_16 && s.end <= n.length(Counting::utf16);
  }
  if (!fits_cp) return fits_16 ? Counting::utf16 : Counting::code_points;
  // Both fit: the counting that puts more selection edges between words is the tool's.
  const std::string& t = n.text();
  auto clean = [&](std::optional<std::size_t> at) {
    if (!at) return 0;
    if (*at == 0 || *at >= t.size()) return 1;
    const char32_t before = text::decode_at(t, text::previous_start(t, *at)).value;
    const char32_t after = text::decode_at(t, *at).value;
    return text::is_word_char(before) && text::is_word_char(after) ? 0 : 1;
  };
  int score_cp = 0;
  int score_16 = 0;
  for (const auto& s : sels) {
    score_cp +=
        clean(n.start(s.start, Counting::code_points)) + clean(n.end(s.end, Counting::code_points));
    score_16 += clean(n.start(s.start, Counting::utf16)) + clean(n.end(s.end, Counting::utf16));
  }
  return score_16 > score_cp ? Counting::utf16 : Counting::code_points;
}

}  // namespace ipcode::importer::qdpx
