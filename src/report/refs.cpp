// matrix-refs.md (SPEC §10): the informant × theme table whose cells list where the meaning
// units are, as theses print it (step 2: "B3 s. 12"), so that every unit can be found again
// in its transcript.

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/report/report.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ipcode::report {
namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

/// Text safe inside a Markdown table cell: `|` escaped, line breaks as spaces.
std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

/// "s.2 l.14–16" (nb/nn) or "p.2 l.14–16" (en); the page part spans pages when the unit does.
std::string reference(const std::string& lang, const loader::Unit& u) {
  return format(i18n::tr_in(lang, "p.{1} l.{2}"),
                {range_text(u.page_start, u.page_end), range_text(u.line_start, u.line_end)});
}

/// Informants whose counted units come from more than one transcript (an interview and a
/// dialogue session, say): their references need the transcript id to be found again.
std::set<std::string> in_several_transcripts(const loader::RoundData& round,
                                             const condense::RoundAnalysis& a) {
  std::set<std::string> several;
  std::map<std::string, int> first_transcript;  // informant -> transcript of its first unit
  for (int i : a.counted) {
    const loader::Unit& u = round.units[at(i)];
    const auto [it, fresh] = first_transcript.emplace(u.informant, u.transcript);
    if (!fresh && it->second != u.transcript) several.insert(u.informant);
  }
  return several;
}

std::string cell(const std::string& lang, const loader::RoundData& round,
                 const std::vector<int>& units, bool with_transcript) {
  std::vector<std::string> refs;
  for (int i : units) {
    const loader::Unit& u = round.units[at(i)];
    std::string ref = reference(lang, u);
    if (with_transcript && u.transcript >= 0 && at(u.transcript) < round.transcripts.size()) {
      ref.insert(0, round.transcripts[at(u.transcript)].id + " ");
    }
    // Two units at the same place (coded under different nodes of the column) are one
    // place to look up: list it once.
    if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(std::move(ref));
  }
  return join(refs, "; ");
}

std::string table_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += c.empty() ? " |" : " " + c + " |";
  return out + "\n";
}

}  // namespace

std::string matrix_refs_md(const loader::Study& study, const loader::RoundData& round,
                           const condense::RoundAnalysis& a) {
  const std::string lang = i18n::normalise_language(study.manifest.language);
  const std::vector<int> themes = round.codebook.of_level(codebook::Level::theme);
  const std::string level = round.codebook.level_name(codebook::Level::theme, lang);
  const std::string name = round.spec.title.empty() ? round.spec.id : round.spec.title;

  const std::string heading =
      i18n::tr_in(lang, "References to meaning units: participant × {1} ({2})");
  std::string out = "# " + format(heading, {level, name}) + "\n\n";
  out += i18n::tr_in(lang,
                     "Each cell lists where the participant's meaning units under that column are "
                     "in the transcript: p. = page, l. = line (p.2 l.14–16 is page 2, lines 14 "
                     "to 16). An empty cell means no units.");
  const std::set<std::string> several = in_several_transcripts(round, a);
  if (!several.empty()) {
    out += " " + i18n::tr_in(lang,
                             "For a participant who speaks in more than one transcript, each "
                             "reference starts with the transcript id.");
  }
  out += "\n\n";

  std::vector<std::string> header = {i18n::tr_in(lang, "Participant")};
  for (int t : themes) header.push_back(md_cell(round.codebook.nodes[at(t)].label));
  out += table_row(header);
  out += table_row(std::vector<std::string>(header.size(), "---"));
  for (std::size_t i = 0; i < a.informants.size(); ++i) {
    const std::string& informant = a.informants[i];
    std::vector<std::string> row = {md_cell(informant)};
    for (int t : themes) {
      const bool known = i < a.cells.size() && at(t) < a.cells[i].size();
      row.push_back(known ? cell(lang, round, a.cells[i][at(t)], several.count(informant) > 0)
                          : std::string());
    }
    out += table_row(row);
  }
  return out;
}

}  // namespace ipcode::report
