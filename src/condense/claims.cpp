// Prevalence claims in analysis texts, read and checked against the counts (SPEC §8).

#include "ipcode/condense/claims.hpp"

#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <tuple>
#include <utility>

namespace ipcode::condense {
namespace {

// Number words up to twenty, bokmål and nynorsk, folded. "én"/"éin" are folded forms too.
constexpr std::array<std::pair<std::string_view, int>, 28> kNumberWords = {{
    {"en", 1},       {"én", 1},      {"ett", 1},      {"ei", 1},      {"ein", 1},
    {"eitt", 1},     {"éin", 1},     {"to", 2},       {"tre", 3},     {"fire", 4},
    {"fem", 5},      {"seks", 6},    {"sju", 7},      {"syv", 7},     {"åtte", 8},
    {"ni", 9},       {"ti", 10},     {"elleve", 11},  {"tolv", 12},   {"tretten", 13},
    {"fjorten", 14}, {"femten", 15}, {"seksten", 16}, {"sytten", 17}, {"atten", 18},
    {"nitten", 19},  {"tjue", 20},   {"tyve", 20},
}};

// Words between "av" and M that keep the phrase a count: "to av de fire brukerne".
constexpr std::array<std::string_view, 7> kDeterminers = {"de",   "dei",  "disse", "desse",
                                                          "våre", "vore", "totalt"};

// Nouns (folded prefixes) that name the participants as such, whatever their role.
constexpr std::array<std::string_view, 8> kParticipantNouns = {
    "deltak",     "informant", "intervjuobjekt", "intervjuperson",
    "respondent", "person",    "intervjuede",    "intervjua"};

std::optional<int> number_of(std::string_view word) {
  if (word.empty()) return std::nullopt;
  if (std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (word.size() > 4) return std::nullopt;
    return std::stoi(std::string(word));
  }
  const std::string f = text::fold(word);
  for (const auto& [w, n] : kNumberWords) {
    if (f == w) return n;
  }
  return std::nullopt;
}

// Only spaces (a line break included) between two words: "tre. Av fem" is no phrase.
bool adjacent(std::string_view s, const text::Span& a, const text::Span& b) {
  for (std::size_t i = a.end; i < b.begin; ++i) {
    if (s[i] == '\xC2' && i + 1 < b.begin && s[i + 1] == '\xA0') {  // U+00A0 from Word
      ++i;
      continue;
    }
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return false;
  }
  return true;
}

std::string_view piece(std::string_view s, const text::Span& w) {
  return s.substr(w.begin, w.end - w.begin);
}

// Whether the clause ends right after `end`: punctuation or the end of the text.
bool clause_ends(std::string_view s, std::size_t end) {
  std::size_t i = end;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i >= s.size()) return true;
  const char c = s[i];
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == '\n';
}

bool names_participants(std::string_view noun) {
  const std::string f = text::fold(noun);
  return std::any_of(kParticipantNouns.begin(), kParticipantNouns.end(),
                     [&](std::string_view p) { return f.starts_with(p); });
}

// Whether `noun` is an inflected form of `role` as a manifest writes it ("brukerne",
// "brukere", nynorsk "brukarane" for "bruker"; "ansatte" for "ansatt"). Snowball's stems do
// not serve here: "bruker" and "brukerne" stem differently.
bool names_role(std::string_view noun, std::string_view role) {
  static constexpr std::array<std::string_view, 13> kEndings = {
      "", "e", "en", "et", "a", "ene", "er", "ere", "erne", "ne", "ar", "ane", "arane"};
  const std::string n = text::fold(noun);
  const std::string r = text::fold(trim(role));
  if (r.empty()) return false;
  std::vector<std::string> bases = {r};
  if (r.ends_with('e')) bases.push_back(r.substr(0, r.size() - 1));
  if (r.ends_with("er")) bases.push_back(r.substr(0, r.size() - 2) + "ar");
  for (const std::string& base : bases) {
    if (!n.starts_with(base)) continue;
    const std::string_view rest = std::string_view(n).substr(base.size());
    if (std::find(kEndings.begin(), kEndings.end(), rest) != kEndings.end()) return true;
  }
  return false;
}

}  // namespace

std::vector<Claim> find_claims(std::string_view text) {
  std::vector<Claim> out;
  const std::vector<text::Span> w = text::words(text);
  for (std::size_t i = 0; i + 2 < w.size(); ++i) {
    const auto n = number_of(piece(text, w[i]));
    if (!n || text::fold(piece(text, w[i + 1])) != "av" || !adjacent(text, w[i], w[i + 1])) {
      continue;
    }
    std::size_t k = i + 2;
    if (std::find(kDeterminers.begin(), kDeterminers.end(), text::fold(piece(text, w[k]))) !=
            kDeterminers.end() &&
        k + 1 < w.size() && adjacent(text, w[k - 1], w[k])) {
      ++k;
    }
    if (!adjacent(text, w[k - 1], w[k])) continue;
    const auto m = number_of(piece(text, w[k]));
    if (!m || *n < 1 || *n > *m) continue;
    Claim c;
    c.begin = w[i].begin;
    c.end = w[k].end;
    c.n = *n;
    c.m = *m;
    c.ends_clause = clause_ends(text, w[k].end);
    if (!c.ends_clause && k + 1 < w.size() && adjacent(text, w[k], w[k + 1])) {
      c.noun = std::string(piece(text, w[k + 1]));
      c.end = w[k + 1].end;
    }
    out.push_back(std::move(c));
    i = k;
  }
  return out;
}

std::vector<FalseClaim> check_claims(const RoundAnalysis& analysis,
                                     const std::vector<study::Informant>& informants) {
  std::vector<FalseClaim> out;
  if (analysis.round == nullptr) return out;
  const loader::RoundData& round = *analysis.round;
  // The role of each participant as counted, and its stem.
  const auto role_of = [&](const std::string& id) -> std::string {
    for (const study::Informant& inf : informants) {
      if (inf.id == id) return std::string(trim(inf.role));
    }
    return {};
  };
  const auto check = [&](int node, bool group_text, const std::string& text) {
    if (node < 0 || static_cast<std::size_t>(node) >= analysis.nodes.size()) return;
    for (const Claim& c : find_claims(text)) {
      std::string role;
      if (c.noun.empty() && !c.ends_clause) continue;  // "tre av fem – ...": cannot tell
      if (!c.noun.empty() && !names_participants(c.noun)) {
        // The noun must name a role of the round's participants; else it counts other things.
        for (const std::string& id : analysis.informants) {
          const std::string r = role_of(id);
          if (names_role(c.noun, r)) {
            role = r;
            break;
          }
        }
        if (role.empty()) continue;
      }
      const auto with_role = [&](const std::vector<std::string>& ids) {
        if (role.empty()) return static_cast<int>(ids.size());
        const std::string folded = text::fold(role);
        return static_cast<int>(std::count_if(ids.begin(), ids.end(), [&](const std::string& id) {
          return text::fold(role_of(id)) == folded;
        }));
      };
      const int of = with_role(analysis.informants);
      if (c.m != of) continue;  // not about this round's participants (or that role)
      const int actual = with_role(analysis.nodes[static_cast<std::size_t>(node)].informants);
      if (actual == c.n) continue;
      FalseClaim f;
      f.node = node;
      f.group_text = group_text;
      f.claim = c;
      f.phrase = text.substr(c.begin, c.end - c.begin);
      f.role = role;
      f.actual = actual;
      f.of = of;
      out.push_back(std::move(f));
    }
  };
  for (const auto& [id, s] : round.condensation.subgroups)
    check(round.codebook.find(id), false, s.analysis);
  for (const auto& [id, g] : round.condensation.groups)
    check(round.codebook.find(id), true, g.analysis);
  // Codebook order, then place in the text: the order a reader meets them.
  std::stable_sort(out.begin(), out.end(), [](const FalseClaim& a, const FalseClaim& b) {
    return std::tie(a.node, a.claim.begin) < std::tie(b.node, b.claim.begin);
  });
  return out;
}

}  // namespace ipcode::condense
