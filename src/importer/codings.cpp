// `ipcode import --codings`: comments and highlights of a Word/ODF transcript as meaning units
// (step 2 done in Word), written as a SPEC §5 coding file (importer.hpp).
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"
#include "ipcode/importer/importer.hpp"
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/match.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace ipcode::importer {
namespace {

struct Unit {
  int line_from = 0;
  std::uint32_t col_from = 0;
  int line_to = 0;
  std::uint32_t col_to = 0;
  std::vector<std::string> codes;
  std::string note;
  std::string origin;  // for the comment line above the unit
};

// The first few words of a text, for messages.
std::string first_words(std::string_view s, std::size_t words = 5) {
  std::string flat(s);
  for (char& c : flat) c = c == '\n' || c == '\t' || c == '\r' ? ' ' : c;
  std::string out;
  std::size_t n = 0;
  for (const auto w : split(flat, ' ')) {
    const auto t = trim(w);
    if (t.empty()) continue;
    if (n++ == words) return out + " …";
    if (!out.empty()) out += ' ';
    out.append(t);
  }
  return out;
}

std::string initials_of(const office::Comment& c) {
  if (!c.initials.empty()) return c.initials;
  std::string out;
  for (const auto w : split(c.author, ' ')) {
    const auto t = trim(w);
    if (t.empty()) continue;
    const auto cp = text::decode_at(t, 0);
    out.append(t.substr(0, cp.size));
  }
  return out;
}

// Bytes [b, e) of `s`, clamped to it: the transcript as parsed may be shorter than the text
// the marks were taken from (NFC joining a letter and an accent from two runs).
std::string_view slice(std::string_view s, std::size_t b, std::size_t e = std::string_view::npos) {
  b = std::min(b, s.size());
  return s.substr(b, e < b ? 0 : e - b);
}

// The hex of a colour a node's `highlight` or a run names (a Word name via its palette).
std::string hex_of(std::string_view colour) {
  if (colour.starts_with("#")) return ascii_lower(colour);
  return std::string(office::Document::palette(colour));
}

// The text of the transcript between two places, as one line: the spoken part of each line
// (labels out), white space collapsed.
std::string span_text(const transcript::Transcript& t, const Unit& u) {
  std::string out;
  for (int n = u.line_from; n <= u.line_to; ++n) {
    const auto* line = t.line(n);
    if (line == nullptr || line->kind != transcript::LineKind::text) continue;
    const std::string_view whole = t.line_text(n);
    std::size_t b = line->speech_begin - line->begin;
    std::size_t e = whole.size();
    if (n == u.line_from) b = std::max<std::size_t>(b, u.col_from);
    if (n == u.line_to) e = std::min<std::size_t>(e, u.col_to);
    if (b >= e) continue;
    if (!out.empty()) out += ' ';
    out.append(whole.substr(b, e - b));
  }
  return text::collapse_space(out);
}

class Resolver {
 public:
  Resolver(const codebook::Codebook& cb) : cb_(cb) {
    for (const auto& n : cb.nodes) {
      candidates_.push_back(n.id);
      candidates_.push_back(n.label);
    }
  }

  // The node id a comment's word names (id or label, any case), or "" with `near` set.
  std::string find(std::string_view name, std::string& near) const {
    const std::string folded = text::fold(text::nfc(name));
    for (const auto& n : cb_.nodes) {
      if (text::fold(n.id) == folded || text::fold(text::nfc(n.label)) == folded) return n.id;
    }
    near = closest(name, candidates_).value_or("");
    return {};
  }

 private:
  const codebook::Codebook& cb_;
  std::vector<std::string> candidates_;
};

std::string render(const transcript::Transcript& t, const std::vector<Unit>& units,
                   const std::string& coder) {
  std::string out;
  out.append("# Meaning units imported by ipcode import --codings from ").append(t.source);
  out.append("\ntranscript: ").append(yaml::quote(t.id)).append("\n");
  out.append("coder: ").append(yaml::quote(coder)).append("\nunits:\n");
  transcript::MatchIndex index(t);
  for (const auto& u : units) {
    out.append("  # ").append(u.origin).append("\n");
    out.append("  - lines: ").append(std::to_string(u.line_from));
    if (u.line_to != u.line_from) out.append("-").append(std::to_string(u.line_to));
    out.append("\n");
    // The quote only when `ipcode check` finds it at this very place and nowhere else within
    // the lines: otherwise the lines alone carry the unit.
    const std::string quote = span_text(t, u);
    const auto found = index.find(quote, u.line_from, u.line_to);
    if (!quote.empty() && found.size() == 1) {
      out.append("    quote: ").append(yaml::quote(quote)).append("\n");
    }
    out.append("    codes: [").append(join(u.codes, ", ")).append("]\n");
    if (!u.note.empty()) out.append("    note: ").append(yaml::quote(u.note)).append("\n");
  }
  return out;
}

}  // namespace

std::string codings(const Imported& imported, const transcript::Transcript& t,
                    const codebook::Codebook& cb, std::string coder, std::string_view file_name,
                    Diagnostics& diags) {
  const Resolver resolver(cb);
  const std::string origin(file_name);
  std::vector<Unit> units;
  const std::size_t errors_before = diags.error_count();

  // Comments: one unit each, over the text they span.
  for (const auto& c : imported.comments) {
    Unit u;
    bool any = false;
    for (const auto& m : imported.marks) {
      if (std::find(m.comments.begin(), m.comments.end(), c.id) == m.comments.end()) continue;
      if (!any) u.line_from = m.line, u.col_from = m.begin;
      u.line_to = m.line, u.col_to = m.end;
      any = true;
    }
    const std::string who = c.author.empty() ? tr("an unnamed author") : c.author;
    const std::string said = first_words(c.text);
    if (!any) {
      diags.warning(t.path, 0, 0,
                    format(tr("{1}: the comment by {2} «{3}» is over no text of the transcript "
                              "(over a footnote, a deletion or an empty place): left out"),
                           {origin, who, said}));
      continue;
    }
    std::string codes = c.text;
    for (const char* sep : {"--", "//"}) {
      if (const auto at = codes.find(sep); at != std::string::npos) {
        u.note = std::string(trim(std::string_view(codes).substr(at + 2)));
        codes.resize(at);
      }
    }
    for (char& ch : u.note) ch = ch == '\n' ? ' ' : ch;
    for (char& ch : codes) ch = ch == ';' || ch == '\n' ? ',' : ch;
    for (const auto part : split(codes, ',')) {
      const auto name = trim(part);
      if (name.empty()) continue;
      std::string near;
      const std::string id = resolver.find(name, near);
      if (id.empty()) {
        const std::string base =
            format(tr("{1}: the comment by {2} «{3}» names '{4}', which is neither an id nor a "
                      "label in the codebook"),
                   {origin, who, said, std::string(name)});
        diags.error(t.path, u.line_from, static_cast<int>(u.col_from) + 1,
                    near.empty() ? base : base + format(tr("; did you mean '{1}'?"), {near}));
        continue;
      }
      if (std::find(u.codes.begin(), u.codes.end(), id) == u.codes.end()) u.codes.push_back(id);
    }
    if (u.codes.empty() && diags.error_count() == errors_before) {
      diags.error(t.path, u.line_from, static_cast<int>(u.col_from) + 1,
                  format(tr("{1}: the comment by {2} «{3}» names no code: write code ids or "
                            "labels in it, separated by ',' or ';'"),
                         {origin, who, said}));
    }
    // Initials, not the name: a coding file is quoted and shared (`ipcode anon` looks at it).
    u.origin = "comment " + (initials_of(c).empty() ? c.id : initials_of(c));
    if (!c.initials.empty() || !c.author.empty()) {
      if (coder.empty()) coder = initials_of(c);
    }
    units.push_back(std::move(u));
  }

  // Highlights and shading: each stretch of one colour, joined across line breaks within a turn.
  std::map<std::string, std::string> by_colour;  // hex → node id
  std::vector<std::string> used;
  for (const auto& n : cb.nodes) {
    if (n.highlight.empty()) continue;
    by_colour.emplace(hex_of(n.highlight), n.id);
    used.push_back(n.highlight);
  }
  std::string last_hex;
  std::map<std::string, bool> reported;
  for (const auto& m : imported.marks) {
    const std::string hex = !m.highlight.empty() ? hex_of(m.highlight) : m.shading;
    // A shade of Word's palette is named as Word names it (LibreOffice saves a highlight so).
    std::string name = !m.highlight.empty() ? m.highlight : m.shading;
    for (const auto& word : codebook::highlight_names()) {
      if (m.highlight.empty() && hex_of(word) == hex) name = word + " (" + hex + ")";
    }
    if (hex.empty() || hex == "#ffffff") {
      last_hex.clear();
      continue;
    }
    const auto it = by_colour.find(hex);
    if (it == by_colour.end()) {
      if (!reported[hex]) {
        reported[hex] = true;
        const std::string passage = first_words(slice(t.line_text(m.line), m.begin, m.end));
        diags.error(
            t.path, m.line, static_cast<int>(m.begin) + 1,
            format(tr("{1}: «{2}» is marked {3}, but no node in the codebook has "
                      "'highlight: {5}'{4}"),
                   {origin, passage, name,
                    used.empty() ? tr(" (no node has a highlight yet)")
                                 : format(tr(" (the codebook's colours: {1})"), {join(used, ", ")}),
                    name.substr(0, name.find(' '))}));
      }
      continue;
    }
    // The same colour going on: only white space between, on the same or the next line of
    // one turn.
    if (!units.empty() && last_hex == hex) {
      Unit& prev = units.back();
      bool joined = false;
      if (prev.line_to == m.line) {
        joined = trim(slice(t.line_text(m.line), prev.col_to, m.begin)).empty();
      } else if (prev.line_to + 1 == m.line && t.line(m.line) && t.line(prev.line_to) &&
                 t.line(m.line)->turn == t.line(prev.line_to)->turn &&
                 t.line(m.line)->speech_begin == t.line(m.line)->begin) {
        joined = trim(slice(t.line_text(prev.line_to), prev.col_to)).empty() &&
                 trim(slice(t.line_text(m.line), 0, m.begin)).empty();
      }
      if (joined) {
        prev.line_to = m.line;
        prev.col_to = m.end;
        continue;
      }
    }
    Unit u;
    u.line_from = u.line_to = m.line;
    u.col_from = m.begin;
    u.col_to = m.end;
    u.codes = {it->second};
    u.origin = "highlight " + cb.nodes[static_cast<std::size_t>(cb.find(it->second))].highlight;
    units.push_back(std::move(u));
    last_hex = hex;
  }
  if (diags.error_count() > errors_before) return {};
  if (coder.empty()) coder = "-";
  std::stable_sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) {
    return std::tie(a.line_from, a.col_from) < std::tie(b.line_from, b.col_from);
  });
  return render(t, units, coder);
}

}  // namespace ipcode::importer
