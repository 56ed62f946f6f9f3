// CSV outputs of `ipcode condense` (SPEC §10): the decontextualised meaning units (step 2),
// the informant × node matrices, the STC overview (steps 3–4) and the co-occurrence of code
// groups. Every file is UTF-8 without BOM, RFC 4180 quoting, '\n' line ends, a header row.

#include "ipcode/base/strings.hpp"
#include "ipcode/condense/split.hpp"
#include "ipcode/report/report.hpp"
#include "report_common.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::report {
namespace {

using codebook::Level;

std::size_t at(int i) { return static_cast<std::size_t>(i); }

const codebook::Node& node(const loader::RoundData& round, int n) {
  return round.codebook.nodes[at(n)];
}

/// The size of a list of unit indices, or 0 when the analysis has no such entry (an analysis
/// built for another codebook must not crash a writer).
std::string count_at(const std::vector<std::vector<int>>& row, int n) {
  if (n < 0 || at(n) >= row.size()) return "0";
  return std::to_string(row[at(n)].size());
}

/// A unit by id, looked up here rather than through RoundData::find_unit so that the writers
/// depend on nothing but the data they are given.
const loader::Unit* unit_by_id(const loader::RoundData& round, std::string_view id) {
  if (id.empty()) return nullptr;
  // An id written for a unit merged into another coder's unit (SPEC §5) names that unit.
  const auto alias = round.unit_aliases.find(std::string(id));
  if (alias != round.unit_aliases.end()) id = alias->second;
  for (const auto& u : round.units) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

/// Theme, group and subgroup ids of a node (empty below the node's own level).
std::vector<std::string> id_path(const loader::RoundData& round, int n) {
  std::vector<std::string> ids(3);
  for (int k : round.codebook.lineage(n)) {
    ids[static_cast<std::size_t>(node(round, k).level)] = node(round, k).id;
  }
  return ids;
}

std::vector<std::string> overview_row(const loader::RoundData& round,
                                      const condense::RoundAnalysis& a, int n) {
  std::vector<std::string> row = id_path(round, n);
  std::size_t units = 0, informants = 0;
  if (at(n) < a.nodes.size()) {
    units = a.nodes[at(n)].units.size();
    informants = a.nodes[at(n)].informants.size();
  }
  row.push_back(std::to_string(units));
  row.push_back(std::to_string(informants));
  // Step 3: only the researcher's own condensate goes into the overview; a machine draft is
  // a working aid shown in the report, never a finding.
  std::string condensate, quote_unit, quote;
  const auto& texts = round.condensation.subgroups;
  if (auto it = texts.find(node(round, n).id); it != texts.end()) {
    condensate = it->second.condensate;
    quote_unit = it->second.quote;
    // Background material is never quoted (SPEC §3): the unit is named, its text is not.
    if (const auto* u = unit_by_id(round, quote_unit)) {
      quote_unit = u->id;  // as units.csv names it
      const bool background = u->transcript >= 0 && at(u->transcript) < round.transcripts.size() &&
                              round.transcripts[at(u->transcript)].background;
      // The layer the final report shows: the written-bokmål rendering where there is one.
      if (!background) quote = u->normalised().empty() ? u->text : u->normalised();
    }
  }
  row.push_back(condensate);
  row.push_back(quote_unit);
  row.push_back(quote);
  return row;
}

/// One row of rounds.csv: a node of the union of the rounds' codebooks.
struct CrossRow {
  std::string id;
  Level level = Level::theme;
  std::vector<std::string> ids;  // theme, group, subgroup columns
};

/// Where a node that only an earlier round's codebook has goes into the merged order: after
/// the subtree of its nearest earlier sibling that is already there, else first under its
/// parent, else (a theme with no such sibling) first of all.
std::size_t insertion_point(const std::vector<CrossRow>& rows, const codebook::Codebook& cb,
                            int n) {
  const auto position = [&](const std::string& id) {
    for (std::size_t p = 0; p < rows.size(); ++p) {
      if (rows[p].id == id) return static_cast<long>(p);
    }
    return -1L;
  };
  const int parent = cb.nodes[at(n)].parent;
  const std::vector<int> siblings =
      parent >= 0 ? cb.nodes[at(parent)].children : cb.of_level(Level::theme);
  const auto self = std::find(siblings.begin(), siblings.end(), n);
  for (auto it = self; it != siblings.begin();) {
    --it;
    const long p = position(cb.nodes[at(*it)].id);
    if (p < 0) continue;
    const auto start = static_cast<std::size_t>(p);
    std::size_t end = start + 1;
    while (end < rows.size() && rows[end].level > rows[start].level) ++end;
    return end;
  }
  if (parent >= 0) {
    const long p = position(cb.nodes[at(parent)].id);
    return p < 0 ? rows.size() : static_cast<std::size_t>(p) + 1;
  }
  return 0;
}

CrossRow cross_row(const loader::RoundData& round, int n) {
  return {node(round, n).id, node(round, n).level, id_path(round, n)};
}

/// The union of the nodes of every round's codebook (rule in report.hpp, rounds_csv).
std::vector<CrossRow> merged_nodes(const std::vector<const loader::RoundData*>& rounds) {
  std::vector<CrossRow> rows;
  if (rounds.empty()) return rows;
  const loader::RoundData& last = *rounds.back();
  for (std::size_t n = 0; n < last.codebook.nodes.size(); ++n) {
    rows.push_back(cross_row(last, static_cast<int>(n)));
  }
  for (std::size_t r = rounds.size() - 1; r-- > 0;) {
    const loader::RoundData& round = *rounds[r];
    // Pre-order: a parent is always placed before its children are looked at.
    for (std::size_t n = 0; n < round.codebook.nodes.size(); ++n) {
      const std::string& id = round.codebook.nodes[n].id;
      const bool known =
          std::any_of(rows.begin(), rows.end(), [&](const CrossRow& row) { return row.id == id; });
      if (known) continue;
      const std::size_t p = insertion_point(rows, round.codebook, static_cast<int>(n));
      rows.insert(rows.begin() + static_cast<long>(p), cross_row(round, static_cast<int>(n)));
    }
  }
  return rows;
}

}  // namespace

void append_csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (std::size_t from = 0;;) {  // each '"' doubled, the runs between copied whole
    const std::size_t quote = s.find('"', from);
    if (quote == std::string_view::npos) {
      out.append(s.substr(from));
      break;
    }
    out.append(s.substr(from, quote + 1 - from));
    out += '"';
    from = quote + 1;
  }
  out += '"';
}

std::string csv_field(const std::string& s) {
  std::string out;
  append_csv_field(out, s);
  return out;
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    append_csv_field(out, fields[i]);
  }
  out += '\n';
  return out;
}

// Step 2, decontextualised: the meaning units of the round with their place in the
// transcript. SPEC §10: every meaning unit, so units in interviewer turns are listed too (their
// informant column is the interviewer's label, which is never a matrix row unless the run
// used --include-interviewer), and every matrix count can be traced to rows of this file.
void detail::units_csv(const loader::RoundData& round, const condense::RoundAnalysis& /*a*/,
                       Pieces& out) {
  std::string& text = out.text();
  text += csv_row(
      {"unit", "informant", "transcript", "page", "line_start", "line_end", "codes", "text"});
  // Row by row into the piece (no row or field copied first): the file is as large as the
  // coded text, and this runs once per unit.
  std::vector<int> codes;
  for (const loader::Unit& u : round.units) {
    codes.assign(u.codes.begin(), u.codes.end());
    std::sort(codes.begin(), codes.end());  // node indices are codebook order
    append_csv_field(text, u.id);
    text += ',';
    append_csv_field(text, u.informant);
    text += ',';
    if (u.transcript >= 0 && at(u.transcript) < round.transcripts.size()) {
      append_csv_field(text, round.transcripts[at(u.transcript)].id);
    }
    for (const int number : {u.page_start, u.line_start, u.line_end}) {
      text += ',';
      text += std::to_string(number);
    }
    text += ',';
    std::string ids;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      if (i > 0) ids += ';';
      ids += node(round, codes[i]).id;
    }
    append_csv_field(text, ids);
    text += ',';
    append_csv_field(text, u.text);
    text += '\n';
    out.cut();
    if (out.failed()) return;
  }
}

std::string units_csv(const loader::RoundData& round, const condense::RoundAnalysis& a) {
  return detail::joined([&](detail::Pieces& out) { detail::units_csv(round, a, out); });
}

// The informant × node matrix that theses draw by hand (step 2 overview): one row per
// informant of the round, in natural order, one column per node of the level.
std::string matrix_csv(const loader::RoundData& round, const condense::RoundAnalysis& a,
                       codebook::Level level) {
  const std::vector<int> columns = round.codebook.of_level(level);
  std::vector<std::string> header = {"informant"};
  for (int n : columns) header.push_back(node(round, n).id);
  std::string out = csv_row(header);
  for (std::size_t i = 0; i < a.informants.size(); ++i) {
    std::vector<std::string> row = {a.informants[i]};
    for (int n : columns) {
      row.push_back(i < a.cells.size() ? count_at(a.cells[i], n) : "0");
    }
    out += csv_row(row);
  }
  return out;
}

// The STC overview (Malterud's "oversikt": theme → group → subgroup → condensate → quote).
// One row per subgroup in codebook order; a group without subgroups gets one row of its own
// (subgroup empty), and so does a theme without groups (group and subgroup empty), so that no
// node of the codebook is left out.
std::string overview_csv(const loader::RoundData& round, const condense::RoundAnalysis& a) {
  std::string out = csv_row(
      {"theme", "group", "subgroup", "units", "informants", "condensate", "quote_unit", "quote"});
  const auto& nodes = round.codebook.nodes;
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    const bool leaf = nodes[n].children.empty();
    if (nodes[n].level == Level::subgroup || leaf) {
      out += csv_row(overview_row(round, a, static_cast<int>(n)));
    }
  }
  return out;
}

std::string prevalence_csv(const loader::Study& study, const loader::RoundData& round,
                           const condense::RoundAnalysis& a, const std::string& attr) {
  const condense::Split split = condense::split_by(a, study.manifest.informants, attr);
  std::vector<std::string> header = {"theme", "group", "subgroup"};
  header.insert(header.end(), split.values.begin(), split.values.end());
  std::string out = csv_row(header);
  std::vector<std::string> n = {"n", "", ""};
  for (const int count : split.participants) n.push_back(std::to_string(count));
  out += csv_row(n);
  for (std::size_t node = 0; node < round.codebook.nodes.size(); ++node) {
    std::vector<std::string> row = id_path(round, static_cast<int>(node));
    for (std::size_t v = 0; v < split.values.size(); ++v) {
      row.push_back(std::to_string(node < split.cells.size() ? split.cells[node][v] : 0));
    }
    out += csv_row(row);
  }
  return out;
}

// Which code groups share meaning units: a check on whether two groups are really one
// (step 2, sorting units into groups).
std::string cooccurrence_csv(const loader::RoundData& round, const condense::RoundAnalysis& a) {
  const std::vector<int> groups = round.codebook.of_level(Level::group);
  std::vector<std::string> header = {"group"};
  for (int g : groups) header.push_back(node(round, g).id);
  std::string out = csv_row(header);
  for (std::size_t r = 0; r < groups.size(); ++r) {
    std::vector<std::string> row = {node(round, groups[r]).id};
    for (std::size_t c = 0; c < groups.size(); ++c) {
      int value = 0;
      if (r < a.cooccurrence.size() && c < a.cooccurrence[r].size()) value = a.cooccurrence[r][c];
      row.push_back(std::to_string(value));
    }
    out += csv_row(row);
  }
  return out;
}

}  // namespace ipcode::report

namespace ipcode::report {

// Comparing rounds (action research): the same codebook node across rounds, matched by id.
// A node a round's codebook lacks is absent (empty cell), never zero.
std::string rounds_csv(const loader::Study& study,
                       const std::vector<condense::RoundAnalysis>& analyses) {
  std::vector<const loader::RoundData*> rounds;
  std::vector<const condense::RoundAnalysis*> counts;
  for (std::size_t i = 0; i < analyses.size(); ++i) {
    const loader::RoundData* r = analyses[i].round;
    if (r == nullptr && i < study.rounds.size()) r = &study.rounds[i];
    if (r == nullptr) continue;
    rounds.push_back(r);
    counts.push_back(&analyses[i]);
  }
  std::vector<std::string> header = {"theme", "group", "subgroup"};
  for (const auto* r : rounds) header.push_back(r->spec.id);
  std::string out = csv_row(header);
  for (const CrossRow& row : merged_nodes(rounds)) {
    std::vector<std::string> fields = row.ids;
    for (std::size_t i = 0; i < rounds.size(); ++i) {
      const int n = rounds[i]->codebook.find(row.id);
      const auto& nodes = counts[i]->nodes;
      if (n < 0) {
        fields.emplace_back();
      } else {
        fields.push_back(at(n) < nodes.size() ? std::to_string(nodes[at(n)].units.size()) : "0");
      }
    }
    out += csv_row(fields);
  }
  return out;
}

}  // namespace ipcode::report
