// The detectors of SPEC §9 over one text: one pass over its words, each detector looking at
// most a few words ahead (no regular expressions, so no backtracking on hostile input).
#include "anon/words.hpp"
#include "ipcode/anon/anon.hpp"
#include "ipcode/text/text.hpp"

#include <array>
#include <map>

namespace ipcode::anon {
namespace {

using detail::all_digits;
using detail::capitalised;
using detail::fold;
using detail::Token;

struct Match {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t tokens = 0;  // 0: no match
  Category category = Category::name;
  int known = -1;
};

class Scanner {
 public:
  Scanner(std::string_view text, const Rules& rules)
      : text_(text), rules_(rules), toks_(detail::tokenise(text)) {
    for (std::size_t k = 0; k < rules.known.size(); ++k) {
      const auto& real = rules.known[k].real;
      // Keyed by the first word as the scanner sees it: "3. mars 1951" under "3".
      std::string key = real.substr(0, real.find_first_of(" \t\n"));
      while (!key.empty() && std::string_view(".,;:!?").find(key.back()) != std::string_view::npos)
        key.pop_back();
      if (!key.empty()) by_first_word_[key].push_back(static_cast<int>(k));
    }
  }

  std::vector<Finding> run() {
    std::vector<Finding> out;
    std::size_t i = 0;
    while (i < toks_.size()) {
      const Match m = at(i);
      if (m.tokens == 0) {
        ++i;
        continue;
      }
      if (rules_.allow.find(text_.substr(m.begin, m.end - m.begin)) == rules_.allow.end())
        out.push_back({m.begin, m.end, m.category, m.known});
      i += m.tokens;
    }
    return out;
  }

 private:
  std::string_view core(std::size_t i) const {
    if (i >= toks_.size()) return {};
    const auto& t = toks_[i];
    return text_.substr(t.core_begin, t.core_end - t.core_begin);
  }
  std::string_view raw(std::size_t i) const {
    if (i >= toks_.size()) return {};
    return text_.substr(toks_[i].begin, toks_[i].end - toks_[i].begin);
  }
  // Punctuation after the word: a number or a name does not go on past it.
  bool closed(std::size_t i) const { return toks_[i].core_end != toks_[i].end; }
  bool opened(std::size_t i) const { return toks_[i].core_begin != toks_[i].begin; }

  bool sentence_start(std::size_t i) const {
    if (i == 0 || toks_[i].blank_before || opened(i)) return true;
    const std::string_view prev = raw(i - 1);
    if (prev == "-" || prev == "–" || prev == "—") return true;
    for (std::string_view end : {".", "!", "?", ":", "…", "»", "\"", "”"}) {
      if (prev.ends_with(end)) return true;
    }
    return false;
  }

  Match at(std::size_t i) const {
    using Detector = Match (Scanner::*)(std::size_t) const;
    static constexpr std::array<Detector, 9> kOrder = {
        &Scanner::known,     &Scanner::url,        &Scanner::email,
        &Scanner::id_number, &Scanner::birth_date, &Scanner::phone,
        &Scanner::address,   &Scanner::postcode,   &Scanner::name};
    if (by_first_word_.empty() && !toks_[i].has_at && cannot_start(core(i))) return {};
    for (const Detector detector : kOrder) {
      const Match m = (this->*detector)(i);
      if (m.tokens > 0) return m;
    }
    return {};
  }

  // Most words: every detector but `known` needs its first word to start with a digit, '+',
  // a capital letter or "http"/"www", or to hold an '@' (which the tokeniser notes). A word
  // in lower case without '@' is passed by in one look.
  static bool cannot_start(std::string_view w) {
    if (w.empty()) return true;
    const auto c = static_cast<unsigned char>(w[0]);
    return (c >= 'a' && c <= 'z' && c != 'h' && c != 'w') ||
           (c == 0xC3 && w.size() > 1 && static_cast<unsigned char>(w[1]) >= 0x9F &&
            static_cast<unsigned char>(w[1]) <= 0xBF);
  }

  Match span(std::size_t first, std::size_t last, Category c) const {
    return {toks_[first].core_begin, toks_[last].core_end, last - first + 1, c};
  }

  // The study's own identifiers, as written, whole words; white space in them matches any.
  Match known(std::size_t i) const {
    if (by_first_word_.empty()) return {};
    const std::string_view word = core(i);
    const auto it = by_first_word_.find(word);
    if (it == by_first_word_.end()) return {};
    Match best;
    for (const int k : it->second) {
      const std::string& real = rules_.known[static_cast<std::size_t>(k)].real;
      std::size_t p = toks_[i].core_begin, r = 0;
      while (r < real.size() && p < text_.size()) {
        if (real[r] == ' ') {
          if (text_[p] != ' ' && text_[p] != '\n' && text_[p] != '\t') break;
          while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\n' || text_[p] == '\t')) ++p;
          ++r;
          continue;
        }
        if (real[r] != text_[p]) break;
        ++p, ++r;
      }
      if (r < real.size()) continue;
      // A whole word: what follows is not a letter or digit.
      if (p < text_.size()) {
        const auto c = static_cast<unsigned char>(text_[p]);
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80)
          continue;
      }
      if (p - toks_[i].core_begin <= best.end - best.begin) continue;  // the longest wins
      std::size_t n = i;
      while (n < toks_.size() && toks_[n].begin < p) ++n;
      best = {toks_[i].core_begin, p, n - i, rules_.known[static_cast<std::size_t>(k)].category, k};
    }
    return best;
  }

  Match url(std::size_t i) const {
    const std::string_view w = core(i);
    if (w.size() < 8 || (w[0] != 'h' && w[0] != 'H' && w[0] != 'w' && w[0] != 'W')) return {};
    const std::string f = fold(w.substr(0, 8));
    for (std::string_view p : {"http://", "https://", "www."}) {
      if (f.starts_with(p) && w.size() > p.size() + 3) return span(i, i, Category::url);
    }
    return {};
  }

  Match email(std::size_t i) const {
    if (!toks_[i].has_at) return {};
    std::string_view w = core(i);
    if (w.find('@') == std::string_view::npos) return {};
    if (fold(w.substr(0, 7)) == "mailto:") w.remove_prefix(7);
    const auto at = w.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= w.size()) return {};
    const auto ok = [](char ch, bool local) {
      const auto c = static_cast<unsigned char>(ch);
      return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
             c >= 0x80 || c == '.' || c == '-' || c == '_' || (local && (c == '+' || c == '%'));
    };
    for (std::size_t k = 0; k < at; ++k) {
      if (!ok(w[k], true)) return {};
    }
    const std::string_view domain = w.substr(at + 1);
    for (char c : domain) {
      if (!ok(c, false) || c == '_') return {};
    }
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3) return {};
    return span(i, i, Category::email);
  }

  Match id_number(std::size_t i) const {
    const std::string_view w = core(i);
    if (w.size() != 11 && w.size() != 6) return {};
    if (w.size() == 11 && all_digits(w) && valid_id_number(w))
      return span(i, i, Category::id_number);
    // Written with a space after the date part: "170398 12346".
    if (w.size() == 6 && all_digits(w) && !closed(i) && i + 1 < toks_.size() && !opened(i + 1)) {
      const std::string_view rest = core(i + 1);
      if (rest.size() == 5 && all_digits(rest) &&
          valid_id_number(std::string(w) + std::string(rest)))
        return span(i, i + 1, Category::id_number);
    }
    return {};
  }

  bool amount_word(std::size_t i) const {
    if (i >= toks_.size()) return false;
    const std::string f = fold(raw(i));
    return f == "kr" || f == "kr." || f == "kr," || f == "kroner" || f == "kroner." ||
           f == "kroner," || f == "nok" || f == ",-" || f.starts_with("kr.") ||
           f.starts_with("kroner");
  }

  // 8 digits, as people write them: 91234567, 912 34 567, 41 23 45 67, 4123 4567, with or
  // without +47 / 0047 in front.
  Match phone(std::size_t i) const {
    std::size_t j = i;
    std::string_view first = core(i);
    if (first.empty() || ((first[0] < '0' || first[0] > '9') && first[0] != '+')) return {};
    bool prefixed = false;
    if (first == "+47" || first == "0047") {
      if (closed(i) || i + 1 >= toks_.size()) return {};
      prefixed = true;
      j = i + 1;
      first = core(j);
    } else if (first.starts_with("+47") && all_digits(first.substr(3))) {
      prefixed = true;
      first.remove_prefix(3);
    } else if (first.starts_with("0047") && all_digits(first.substr(4)) && first.size() == 12) {
      prefixed = true;
      first.remove_prefix(4);
    }
    std::string digits;
    std::array<std::size_t, 4> groups{};
    std::size_t count = 0;
    std::size_t last = j;
    for (std::size_t k = j; k < toks_.size() && count < 4; ++k) {
      const std::string_view g = k == j ? first : core(k);
      if (!all_digits(g) || (k > j && opened(k))) break;
      digits += g;
      groups[count++] = g.size();
      last = k;
      if (digits.size() >= 8 || closed(k)) break;
    }
    if (digits.size() != 8 || digits[0] < '2') return {};
    // A longer number goes on after it.
    if (!closed(last) && last + 1 < toks_.size() && all_digits(core(last + 1))) return {};
    if (!prefixed) {
      const bool ok = (count == 1) || (count == 3 && groups[0] == 3 && groups[1] == 2) ||
                      (count == 4 && groups[0] == 2 && groups[1] == 2 && groups[2] == 2) ||
                      (count == 2 && groups[0] == 4 &&
                       !(year_like(digits.substr(0, 4)) && year_like(digits.substr(4, 4))));
      if (!ok) return {};
      // An amount in kroner is not a phone number.
      if ((i > 0 && amount_word(i - 1)) || (!closed(last) && amount_word(last + 1))) return {};
    }
    return span(i, last, Category::phone);
  }

  static bool year_like(std::string_view y) { return y.starts_with("19") || y.starts_with("20"); }

  static int number(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
  }

  static int month_number(const std::string& f) {
    static const std::map<std::string, int, std::less<>> months = {
        {"januar", 1},    {"jan", 1},   {"februar", 2},   {"feb", 2},      {"mars", 3},
        {"mar", 3},       {"april", 4}, {"apr", 4},       {"mai", 5},      {"juni", 6},
        {"jun", 6},       {"juli", 7},  {"jul", 7},       {"august", 8},   {"aug", 8},
        {"september", 9}, {"sep", 9},   {"sept", 9},      {"oktober", 10}, {"okt", 10},
        {"november", 11}, {"nov", 11},  {"desember", 12}, {"des", 12}};
    const auto it = months.find(f);
    return it == months.end() ? 0 : it->second;
  }

  // A full date at token i: how many tokens it takes, 0 if none.
  std::size_t date_at(std::size_t i) const {
    const std::string_view w = core(i);
    if (w.empty() || w[0] < '0' || w[0] > '9') return 0;
    const auto valid = [](int d, int m, int y) {
      return d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1900 && y <= 2099;
    };
    // 1980-03-12
    if (w.size() == 10 && w[4] == '-' && w[7] == '-' && all_digits(w.substr(0, 4)) &&
        all_digits(w.substr(5, 2)) && all_digits(w.substr(8, 2))) {
      return valid(number(w.substr(8, 2)), number(w.substr(5, 2)), number(w.substr(0, 4))) ? 1 : 0;
    }
    // 12.03.1980, 12/3/1980, 12-03-1980
    for (char sep : {'.', '/', '-'}) {
      const auto a = w.find(sep);
      if (a == std::string_view::npos) continue;
      const auto b = w.find(sep, a + 1);
      if (b == std::string_view::npos) continue;
      const auto d = w.substr(0, a), m = w.substr(a + 1, b - a - 1), y = w.substr(b + 1);
      if (d.size() <= 2 && m.size() <= 2 && y.size() == 4 && all_digits(d) && all_digits(m) &&
          all_digits(y))
        return valid(number(d), number(m), number(y)) ? 1 : 0;
    }
    // 12. mars 1980
    if (w.size() <= 2 && all_digits(w) && i + 2 < toks_.size()) {
      const int m = month_number(fold(core(i + 1)));
      const std::string_view y = core(i + 2);
      if (m > 0 && y.size() == 4 && all_digits(y) && valid(number(w), m, number(y))) return 3;
    }
    return 0;
  }

  // Step 1 of anonymising: a date is a date of birth when "født" (or the like) is just before
  // it; other dates (of the interview, of a meeting) are left alone (docs/decisions.md).
  Match birth_date(std::size_t i) const {
    const std::size_t n = date_at(i);
    if (n == 0) return {};
    for (std::size_t back = 1; back <= 4 && back <= i; ++back) {
      const std::string f = fold(core(i - back));
      if (f.starts_with("født") || f.starts_with("fødd") || f.starts_with("fødsel") || f == "f")
        return span(i, i + n - 1, Category::birth_date);
    }
    return {};
  }

  static bool house_number(std::string_view s) {
    std::size_t d = 0;
    while (d < s.size() && s[d] >= '0' && s[d] <= '9') ++d;
    if (d == 0 || d > 4) return false;
    if (d == s.size()) return true;
    if (s.size() - d != 1) return false;
    const char c = s[d];
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  // Whether fold(w) ends with (or, alone, is) a street word. The words are ASCII and fold
  // keeps every byte's length, so the last bytes of `w` are compared in ASCII lower case, with
  // no string made (address() asks it of every capitalised word).
  static bool street_word(std::string_view w, bool alone) {
    const auto ends_with = [w](std::string_view suffix) {
      if (w.size() < suffix.size()) return false;
      const std::string_view tail = w.substr(w.size() - suffix.size());
      for (std::size_t k = 0; k < suffix.size(); ++k) {
        auto c = static_cast<unsigned char>(tail[k]);
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
        if (c != static_cast<unsigned char>(suffix[k])) return false;
      }
      return true;
    };
    for (std::string_view suffix :
         {"gata", "gate", "veien", "vegen", "vei", "veg", "plass", "bakken", "stien"}) {
      if (alone ? w.size() == suffix.size() && ends_with(suffix)
                : w.size() > suffix.size() + 1 && ends_with(suffix))
        return true;
    }
    return false;
  }

  // Storgata 5, Kirkeveien 12B, Kong Oscars gate 3.
  Match address(std::size_t i) const {
    const std::string_view w = core(i);
    if (closed(i) || w.empty()) return {};
    // The house number one or two words on first: it is rare, and the word tests cost more.
    const bool number_next = i + 1 < toks_.size() && house_number(core(i + 1)) && !opened(i + 1);
    const bool number_after =
        i + 2 < toks_.size() && !closed(i + 1) && house_number(core(i + 2)) && !opened(i + 2);
    if ((!number_next && !number_after) || !capitalised_part(w)) return {};
    if (number_next && street_word(w, false)) return span(i, i + 1, Category::address);
    if (number_after && street_word(core(i + 1), true)) return span(i, i + 2, Category::address);
    return {};
  }

  // "Storgata", "Kong", "Oscars": capitalised; a hyphenated name by its first part.
  static bool capitalised_part(std::string_view w) { return capitalised(w.substr(0, w.find('-'))); }

  // 0150 Oslo, 9008 Tromsø: not after a word that makes the digits a year or an amount, and
  // not before a word such as "Jeg" (a stop word).
  Match postcode(std::size_t i) const {
    const std::string_view w = core(i);
    if (w.size() != 4 || !all_digits(w) || closed(i) || i + 1 >= toks_.size() || opened(i + 1))
      return {};
    if (!capitalised(core(i + 1)) || text::is_stopword(text::fold(core(i + 1)))) return {};
    if (i > 0) {
      static const std::array<std::string_view, 18> kYearWords = {
          "år",    "året", "kr",  "kr.",   "fra",    "til",   "siden",    "før",      "etter",
          "rundt", "ca",   "ca.", "innen", "høsten", "våren", "sommeren", "vinteren", "nok"};
      const std::string prev = fold(raw(i - 1));
      for (auto y : kYearWords) {
        if (prev == y) return {};
      }
    }
    return span(i, i + 1, Category::postcode);
  }

  bool is_name(std::string_view w) const {
    if (detail::in_names(w)) return true;
    // Genitive: "Karis", "Hansens".
    return w.size() > 3 && w.back() == 's' && detail::in_names(w.substr(0, w.size() - 1));
  }

  bool name_word(std::string_view w) const {
    if (w.empty()) return false;
    std::size_t start = 0;
    while (true) {
      const auto dash = w.find('-', start);
      const auto part = w.substr(start, dash == std::string_view::npos ? dash : dash - start);
      if (!capitalised(part) || !is_name(part)) return false;
      if (dash == std::string_view::npos) return true;
      start = dash + 1;
    }
  }

  Match name(std::size_t i) const {
    const std::string_view w = core(i);
    if (!name_word(w)) return {};
    // "Per", "Liv", "Tor" begin sentences as words: there they count as names only when a
    // name follows ("Per Hansen") or a comma makes them a form of address ("Per, kan du ...").
    const std::string f = fold(w);
    const bool word = detail::in_common_words(f) ||
                      (f.size() > 3 && f.back() == 's' &&
                       detail::in_common_words(std::string_view(f).substr(0, f.size() - 1)));
    if (sentence_start(i) && word) {
      const bool addressed = raw(i).size() == w.size() + 1 && raw(i).back() == ',' && !opened(i);
      const bool full_name = !closed(i) && i + 1 < toks_.size() && name_word(core(i + 1));
      if (!addressed && !full_name) return {};
    }
    return span(i, i, Category::name);
  }

  std::string_view text_;
  const Rules& rules_;
  std::vector<Token> toks_;
  std::map<std::string, std::vector<int>, std::less<>> by_first_word_;
};

}  // namespace

std::vector<Finding> detect(std::string_view text, const Rules& rules) {
  return Scanner(text, rules).run();
}

bool valid_id_number(std::string_view d) {
  if (d.size() != 11 || !all_digits(d)) return false;
  const auto n = [&](std::size_t k) { return d[k] - '0'; };
  static constexpr std::array<int, 9> kW1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
  static constexpr std::array<int, 10> kW2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
  int s1 = 0, s2 = 0;
  for (std::size_t k = 0; k < 9; ++k) s1 += kW1[k] * n(k);
  for (std::size_t k = 0; k < 10; ++k) s2 += kW2[k] * n(k);
  int k1 = 11 - s1 % 11, k2 = 11 - s2 % 11;
  if (k1 == 11) k1 = 0;
  if (k2 == 11) k2 = 0;
  if (k1 == 10 || k2 == 10 || k1 != n(9) || k2 != n(10)) return false;
  // Day: 1-31, or + 40 for a D-nummer; month 1-12, or + 40 / + 80 for the test numbers of
  // the population register (Tenor, synthetic).
  int day = n(0) * 10 + n(1), month = n(2) * 10 + n(3);
  if (day > 40) day -= 40;
  if (month > 80) month -= 80;
  if (month > 40) month -= 40;
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

}  // namespace ipcode::anon
