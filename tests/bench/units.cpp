// Step 2 of STC, simulated: K meaning units per transcript, spread evenly over the informant's
// speech, never overlapping, each with a verbatim quote that occurs exactly once in its lines
// (SPEC §5), coded with one or two subgroup or group ids.
#include "benchgen.hpp"

namespace benchgen {
namespace {

bool is_word_cp(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7;
}

char32_t decode_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return c;
  const int len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  char32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
  }
  return cp;
}

char32_t decode_before(std::string_view s, std::size_t i) {
  std::size_t k = i - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return decode_at(s, k);
}

// How often `needle` occurs in `hay` starting and ending at word boundaries, as ipcode
// matches quotes (both already lower-cased, white space single spaces).
int occurrences(std::string_view hay, std::string_view needle) {
  int n = 0;
  for (auto at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) {
    const std::size_t end = at + needle.size();
    const bool before =
        at == 0 || !is_word_cp(decode_at(hay, at)) || !is_word_cp(decode_before(hay, at));
    const bool after = end >= hay.size() || !is_word_cp(decode_before(hay, end)) ||
                       !is_word_cp(decode_at(hay, end));
    if (before && after) ++n;
  }
  return n;
}

std::string range_text(const Transcript& t, int from, int to) {
  std::string s;
  for (int n = from; n <= to; ++n) {
    const auto& line = t.lines[static_cast<std::size_t>(n - 1)];
    if (line.kind != LineKind::interviewer && line.kind != LineKind::informant) continue;
    for (const auto& tok : line.tokens) {
      if (!s.empty()) s += ' ';
      s += tok;
    }
  }
  return lower(s);
}

void strip_trailing_punctuation(std::string& w) {
  for (;;) {
    if (!w.empty() && (w.back() == '.' || w.back() == ',' || w.back() == '?' || w.back() == '!')) {
      w.pop_back();
    } else if (w.ends_with("…")) {
      w.resize(w.size() - 3);
    } else {
      return;
    }
  }
}

// Tries one quote starting in informant line informant_lines[p]; false if it does not fit.
bool try_quote(const Transcript& t, const std::vector<int>& informant_lines, std::size_t p,
               std::size_t limit, Unit& u, Rng& rng) {
  const auto& first = t.lines[static_cast<std::size_t>(informant_lines[p] - 1)];
  if (first.tokens.empty()) return false;
  std::size_t start = rng.below(first.tokens.size());
  const std::size_t want = static_cast<std::size_t>(rng.between(5, 15));
  std::vector<std::string> words;
  int last_line = informant_lines[p];
  for (std::size_t q = p; q < limit && words.size() < want; ++q) {
    const auto& line = t.lines[static_cast<std::size_t>(informant_lines[q] - 1)];
    if (line.turn != first.turn) break;
    for (std::size_t k = start; k < line.tokens.size() && words.size() < want; ++k) {
      if (line.tokens[k].front() == '(') return false;  // no transcription marks in quotes
      words.push_back(line.tokens[k]);
      last_line = informant_lines[q];
    }
    start = 0;
  }
  if (words.size() < want) return false;
  strip_trailing_punctuation(words.back());
  if (words.back().empty()) return false;
  std::string quote;
  for (const auto& w : words) quote += (quote.empty() ? "" : " ") + w;
  if (occurrences(range_text(t, informant_lines[p], last_line), lower(quote)) != 1) return false;
  u.line_start = informant_lines[p];
  u.line_end = last_line;
  u.quote = std::move(quote);
  return true;
}

std::vector<int> pick_codes(const Codebook& cb, Rng& rng) {
  std::vector<int> codes;
  const int n = rng.chance(30) ? 2 : 1;
  while (static_cast<int>(codes.size()) < n) {
    // Most units are sorted into a subgroup (step 3); some stay at group level ("ikke sortert").
    const int c = rng.chance(85) ? cb.subgroups[rng.below(cb.subgroups.size())]
                                 : cb.groups[rng.below(cb.groups.size())];
    if (codes.empty() || codes.front() != c) codes.push_back(c);
  }
  return codes;
}

}  // namespace

std::vector<Unit> make_units(const Transcript& t, const Codebook& cb, int count, Rng& rng) {
  std::vector<int> informant_lines;
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    if (t.lines[i].kind == LineKind::informant) informant_lines.push_back(static_cast<int>(i + 1));
  }
  std::vector<Unit> units;
  const std::size_t k = std::min(static_cast<std::size_t>(count), informant_lines.size());
  const std::string prefix = "B" + std::to_string(t.number) + "-";
  // One unit per bucket of consecutive informant lines, so units never overlap.
  for (std::size_t b = 0; b < k; ++b) {
    const std::size_t lo = b * informant_lines.size() / k;
    const std::size_t hi = (b + 1) * informant_lines.size() / k;
    Unit u;
    bool ok = false;
    for (int attempt = 0; attempt < 40 && !ok; ++attempt) {
      ok = try_quote(t, informant_lines, lo + rng.below(hi - lo), hi, u, rng);
    }
    if (!ok) continue;
    u.id = prefix + std::to_string(units.size() + 1);
    u.codes = pick_codes(cb, rng);
    units.push_back(std::move(u));
  }
  return units;
}

std::string render_coding(const Transcript& t, const Codebook& cb, const std::vector<Unit>& units) {
  std::string out = "transcript: r1-B" + std::to_string(t.number) + "\ncoder: bench\nunits:\n";
  for (const auto& u : units) {
    out += "  - id: " + u.id + "\n    lines: " + std::to_string(u.line_start);
    if (u.line_end != u.line_start) out += "-" + std::to_string(u.line_end);
    out += "\n    quote: " + yaml_quote(u.quote) + "\n    codes: [";
    for (std::size_t i = 0; i < u.codes.size(); ++i) {
      out += (i > 0 ? ", " : "") + cb.nodes[static_cast<std::size_t>(u.codes[i])].id;
    }
    out += "]\n";
  }
  return out;
}

}  // namespace benchgen
