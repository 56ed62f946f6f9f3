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

// The whole transcript's spoken text (header and both speakers, page markers and back-channel
// turns left out), lower-cased, lines joined with a space: what ipcode searches for a quote
// without `lines` (it joins turns as this does), so "exactly once here" is "exactly once" there.
std::string whole_text(const Transcript& t) {
  std::string s;
  for (const auto& line : t.lines) {
    if (line.kind == LineKind::front_matter || line.kind == LineKind::page_marker || line.aside)
      continue;
    for (const auto& tok : line.tokens) {
      if (!s.empty()) s += ' ';
      s += tok;
    }
  }
  return lower(s);
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

// What one quote attempt asks for: a gap or not, and whether it is checked against its lines
// or the whole transcript (`whole` non-null: a quote without `lines`).
struct QuoteRequest {
  Span words;
  bool gap = false;
  int gap_words = 0;    // words left out by the gap
  int after_words = 0;  // words quoted after the gap
  const std::string* whole = nullptr;
};

// Tries one quote starting in informant line informant_lines[p]; false if it does not fit.
// Without a gap the random numbers drawn are those of the generator before the shape options,
// so the default study keeps its bytes.
bool try_quote(const Transcript& t, const std::vector<int>& informant_lines, std::size_t p,
               std::size_t limit, const QuoteRequest& req, Unit& u, Rng& rng) {
  const auto& first = t.lines[static_cast<std::size_t>(informant_lines[p] - 1)];
  if (first.tokens.empty()) return false;
  std::size_t start = rng.below(first.tokens.size());
  const std::size_t want = static_cast<std::size_t>(rng.between(req.words.min, req.words.max));
  const std::size_t gap_end = want + static_cast<std::size_t>(req.gap_words);
  const std::size_t total = req.gap ? gap_end + static_cast<std::size_t>(req.after_words) : want;
  std::vector<std::string> words;
  int last_line = informant_lines[p];
  for (std::size_t q = p; q < limit && words.size() < total; ++q) {
    const auto& line = t.lines[static_cast<std::size_t>(informant_lines[q] - 1)];
    if (line.turn != first.turn) break;  // a quote (and a gap) stays in one turn
    for (std::size_t k = start; k < line.tokens.size() && words.size() < total; ++k) {
      const bool quoted = words.size() < want || words.size() >= gap_end;
      // No transcription marks in the quoted words (they may fall in the gap).
      if (quoted && line.tokens[k].front() == '(') return false;
      words.push_back(line.tokens[k]);
      last_line = informant_lines[q];
    }
    start = 0;
  }
  if (words.size() < total) return false;
  std::vector<std::string> parts{join(words, 0, want)};
  if (req.gap) parts.push_back(join(words, gap_end, total));
  for (auto& part : parts) {
    strip_trailing_punctuation(part);
    if (part.empty() || part.back() == ' ') return false;
  }
  // Each part whole-word exactly once where ipcode looks: then the quote has one match.
  const std::string hay =
      req.whole != nullptr ? *req.whole : range_text(t, informant_lines[p], last_line);
  for (const auto& part : parts) {
    if (occurrences(hay, lower(part)) != 1) return false;
  }
  u.line_start = informant_lines[p];
  u.line_end = last_line;
  u.quote = req.gap ? parts[0] + " (…) " + parts[1] : parts[0];
  return true;
}

// A unit given by `lines:` only: a few consecutive lines of one informant turn.
bool try_lines(const Transcript& t, const std::vector<int>& informant_lines, std::size_t p,
               std::size_t limit, Span lines, Unit& u, Rng& rng) {
  const auto& first = t.lines[static_cast<std::size_t>(informant_lines[p] - 1)];
  const std::size_t want = static_cast<std::size_t>(rng.between(lines.min, lines.max));
  std::size_t q = p;
  while (q + 1 < limit && q + 1 - p < want &&
         t.lines[static_cast<std::size_t>(informant_lines[q + 1] - 1)].turn == first.turn) {
    ++q;
  }
  u.line_start = informant_lines[p];
  u.line_end = informant_lines[q];
  std::string text;
  for (std::size_t k = p; k <= q; ++k) {
    for (const auto& tok : t.lines[static_cast<std::size_t>(informant_lines[k] - 1)].tokens) {
      text += (text.empty() ? "" : " ") + tok;
    }
  }
  u.quote = std::move(text);
  u.kind = UnitKind::lines_only;
  return !u.quote.empty();
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

std::vector<Unit> make_units(const Transcript& t, const Codebook& cb, const Options& o, Rng& rng,
                             Rng& shape_rng) {
  std::vector<int> informant_lines;
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    if (t.lines[i].kind == LineKind::informant) informant_lines.push_back(static_cast<int>(i + 1));
  }
  std::vector<Unit> units;
  const std::size_t k =
      std::min(static_cast<std::size_t>(o.units_per_transcript), informant_lines.size());
  const std::string prefix = "B" + std::to_string(t.number) + "-";
  const std::string whole = o.quote_only > 0 ? whole_text(t) : std::string();
  // One unit per bucket of consecutive informant lines, so units never overlap.
  for (std::size_t b = 0; b < k; ++b) {
    const std::size_t lo = b * informant_lines.size() / k;
    const std::size_t hi = (b + 1) * informant_lines.size() / k;
    Unit u;
    bool ok = false;
    if (o.line_units > 0 && shape_rng.chance_permille(o.line_units)) {
      ok = try_lines(t, informant_lines, lo + rng.below(hi - lo), hi, o.unit_lines, u, rng);
    } else {
      QuoteRequest req{o.quote_words};
      if (o.quote_only > 0 && shape_rng.chance_permille(o.quote_only)) req.whole = &whole;
      if (o.gap_share > 0 && shape_rng.chance_permille(o.gap_share)) {
        req.gap = true;
        // Omitted words: a few to a long stretch; the part after the gap is at least 4 words
        // so that it can be unique in the whole transcript.
        req.gap_words = shape_rng.between(1, 40);
        req.after_words = shape_rng.between(std::max(4, o.quote_words.min / 2),
                                            std::max(4, o.quote_words.max / 2));
      }
      for (int attempt = 0; attempt < 40 && !ok; ++attempt) {
        ok = try_quote(t, informant_lines, lo + rng.below(hi - lo), hi, req, u, rng);
      }
      if (req.whole != nullptr) u.kind = UnitKind::quote_only;
    }
    if (!ok) continue;
    u.id = prefix + std::to_string(units.size() + 1);
    u.codes = pick_codes(cb, rng);
    units.push_back(std::move(u));
  }
  return units;
}

std::vector<Unit> second_coder_units(const Transcript& t, const Codebook& cb,
                                     const std::vector<Unit>& first, int agreement, Rng& rng) {
  std::vector<Unit> out;
  const std::string prefix = "B" + std::to_string(t.number) + "-k2-";
  for (const Unit& u : first) {
    Unit v = u;
    if (rng.chance_permille(agreement)) {
      if (rng.chance(25)) v.codes = pick_codes(cb, rng);  // same passage, other codes
    } else if (rng.chance(50)) {
      continue;  // not a meaning unit to this coder
    } else {
      v.kind = UnitKind::lines_only;  // the whole lines: a wider span
      v.codes = pick_codes(cb, rng);
    }
    v.id = prefix + std::to_string(out.size() + 1);
    out.push_back(std::move(v));
  }
  return out;
}

std::string render_coding(const Transcript& t, const Codebook& cb, const std::vector<Unit>& units,
                          std::string_view coder) {
  std::string out = "transcript: r1-B" + std::to_string(t.number) +
                    "\ncoder: " + std::string(coder) + "\nunits:\n";
  for (const auto& u : units) {
    out += "  - id: " + u.id + "\n";
    if (u.kind != UnitKind::quote_only) {
      out += "    lines: " + std::to_string(u.line_start);
      if (u.line_end != u.line_start) out += "-" + std::to_string(u.line_end);
      out += "\n";
    }
    if (u.kind != UnitKind::lines_only) out += "    quote: " + yaml_quote(u.quote) + "\n";
    out += "    codes: [";
    for (std::size_t i = 0; i < u.codes.size(); ++i) {
      out += (i > 0 ? ", " : "") + cb.nodes[static_cast<std::size_t>(u.codes[i])].id;
    }
    out += "]\n";
  }
  return out;
}

}  // namespace benchgen
