// Checks of one loaded round (SPEC §8) that look across files.
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "resolve.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <vector>

namespace ipcode::loader {
namespace {

using codebook::Level;

// Every informant of the round: non-interviewer speaker labels, front-matter informants, and the
// file-stem informant of transcripts that have no informant labels at all.
void collect_informants(const Study& study, RoundData& round, Diagnostics& diags) {
  std::map<std::string, std::pair<std::string, int>> first_seen;  // id -> (file, line)
  for (const auto& t : round.transcripts) {
    const auto labels = t.informant_labels();
    for (const auto& label : labels) {
      int line = 0;
      for (const auto& turn : t.turns) {
        if (turn.speaker == label) {
          line = turn.first_line;
          break;
        }
      }
      first_seen.emplace(label, std::make_pair(t.path, line));
    }
    if (t.informant_explicit || labels.empty())
      first_seen.emplace(t.informant, std::make_pair(t.path, 0));
  }
  for (const auto& [id, where] : first_seen) {
    round.informants.push_back(id);
    if (!study.manifest.informants.empty() && study.manifest.informant(id) == nullptr) {
      diags.warning(where.first, where.second, 1,
                    format(tr("informant '{1}' is not listed under 'informants' in {2}"),
                           {id, study.manifest.file}));
    }
  }
  std::sort(round.informants.begin(), round.informants.end(),
            [](const auto& a, const auto& b) { return natural_less(a, b); });
}

// At most this many overlap warnings per coding file; the rest are counted in one line.
constexpr std::size_t kMaxOverlapWarnings = 100;

// A unit that overlaps an earlier unit of the same coder in the same transcript with the same
// codes is reported once, naming the earlier unit that reaches furthest. Units with the same
// codes are grouped, so the check is linear after sorting, however many units overlap.
void check_overlaps(const RoundData& round, Diagnostics& diags) {
  // Grouped by sorting pointers (no key copied per unit): transcript, coder, codes, then the
  // first line; equal ones keep the order of the round's units.
  std::vector<const Unit*> sorted;
  sorted.reserve(round.units.size());
  for (const auto& u : round.units) sorted.push_back(&u);
  const auto same_group = [](const Unit* a, const Unit* b) {
    return a->transcript == b->transcript && a->coder == b->coder && a->codes == b->codes;
  };
  std::stable_sort(sorted.begin(), sorted.end(), [](const Unit* a, const Unit* b) {
    if (a->transcript != b->transcript) return a->transcript < b->transcript;
    if (const int c = a->coder.compare(b->coder); c != 0) return c < 0;
    if (a->codes != b->codes) return a->codes < b->codes;
    return a->line_start < b->line_start;
  });
  struct Hit {
    const Unit* unit;
    const Unit* earlier;
  };
  std::vector<Hit> hits;
  const Unit* reach = nullptr;  // in the current group, the earlier unit that ends last
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Unit* u = sorted[i];
    if (i > 0 && !same_group(sorted[i - 1], u)) reach = nullptr;
    if (reach != nullptr && u->line_start <= reach->line_end) hits.push_back({u, reach});
    if (reach == nullptr || u->line_end > reach->line_end) reach = u;
  }
  // Per coding file, in the order of the file: the first hundred, then a count.
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.unit->file() != b.unit->file()) return a.unit->file() < b.unit->file();
    return std::tie(a.unit->at.line, a.unit->at.col) < std::tie(b.unit->at.line, b.unit->at.col);
  });
  for (std::size_t i = 0; i < hits.size();) {
    std::size_t end = i;
    while (end < hits.size() && hits[end].unit->file() == hits[i].unit->file()) ++end;
    for (std::size_t k = i; k < end && k - i < kMaxOverlapWarnings; ++k) {
      const Unit& b = *hits[k].unit;
      diags.warning(b.file(), b.at.line, b.at.col,
                    format(tr("unit '{1}' overlaps unit '{2}' and has the same codes; merge "
                              "them or give them different codes"),
                           {b.id, hits[k].earlier->id}));
    }
    if (end - i > kMaxOverlapWarnings) {
      const Unit& b = *hits[i + kMaxOverlapWarnings].unit;
      diags.warning(b.file(), b.at.line, b.at.col,
                    format(tr("{1} more units in this file overlap a unit with the same codes "
                              "(only the first {2} are listed)"),
                           {std::to_string(end - i - kMaxOverlapWarnings),
                            std::to_string(kMaxOverlapWarnings)}));
    }
    i = end;
  }
}

void check_condensation(RoundData& round, Diagnostics& diags) {
  const auto& c = round.condensation;
  if (c.path.empty()) return;
  const auto& cb = round.codebook;
  std::vector<std::string> subgroup_ids, group_ids;
  for (const auto& n : cb.nodes) {
    if (n.level == Level::subgroup) subgroup_ids.push_back(n.id);
    if (n.level == Level::group) group_ids.push_back(n.id);
  }
  const auto suggestion = [](const std::string& w, const std::vector<std::string>& list) {
    const auto g = closest(w, list);
    return g ? format(tr("; did you mean '{1}'?"), {*g}) : std::string();
  };
  if (!c.round.empty() && c.round != round.spec.id) {
    diags.warning(c.path, 1, 1,
                  format(tr("this file says 'round: {1}' but is used for round '{2}'"),
                         {c.round, round.spec.id}));
  }
  // A codebook that could not be read is reported once, first; its subgroups and
  // groups are unknown for that reason, so the condensation file's entries are not flagged.
  if (round.codebook_failed) return;
  for (const auto& [id, s] : c.subgroups) {
    const int n = cb.find(id);
    if (n < 0 || cb.nodes[static_cast<std::size_t>(n)].level != Level::subgroup) {
      diags.error(c.path, s.at.line, s.at.col,
                  (n < 0 ? format(tr("unknown subgroup '{1}' (not in the codebook of round '{2}')"),
                                  {id, round.spec.id}) +
                               suggestion(id, subgroup_ids)
                         : format(tr("'{1}' is not a subgroup; texts for code groups go under "
                                     "'groups:'"),
                                  {id})));
      continue;
    }
    if (s.quote.empty()) continue;
    if (std::any_of(
            round.shifted_id_prefixes.begin(), round.shifted_id_prefixes.end(),
            [&quote = s.quote](const std::string& prefix) { return quote.starts_with(prefix); })) {
      continue;  // a default id that may be shifted by a unit with an error (reported there)
    }
    const int u = round.find_unit(s.quote);
    const auto& failed = round.failed_unit_ids;
    if (u < 0 &&
        (round.coding_failed || std::find(failed.begin(), failed.end(), s.quote) != failed.end())) {
      continue;  // the unit itself has an error, reported where it is written
    }
    if (u < 0) {
      diags.error(c.path, s.quote_at.line, s.quote_at.col,
                  format(tr("the illustrative quote '{1}' is not a unit id of round '{2}'"),
                         {s.quote, round.spec.id}));
      continue;
    }
    const auto& unit = round.units[static_cast<std::size_t>(u)];
    if (std::find(unit.codes.begin(), unit.codes.end(), n) == unit.codes.end()) {
      diags.error(c.path, s.quote_at.line, s.quote_at.col,
                  format(tr("the illustrative quote '{1}' is not coded with subgroup '{2}'"),
                         {s.quote, id}));
    }
    // SPEC §3: background material may be coded and counted, but is never quoted.
    const auto& t = round.transcripts[static_cast<std::size_t>(unit.transcript)];
    if (t.background) {
      // A warning, not an error: the reports leave the quote out, so nothing leaks, and a
      // transcript marked as background later does not stop condense.
      diags.warning(c.path, s.quote_at.line, s.quote_at.col,
                    format(tr("the illustrative quote '{1}' is from {2}, which is marked "
                              "'background: true' and is never quoted: the reports leave it "
                              "out; choose a unit from an interview"),
                           {s.quote, t.path}));
    }
  }
  for (const auto& [id, g] : c.groups) {
    const int n = cb.find(id);
    if (n < 0 || cb.nodes[static_cast<std::size_t>(n)].level != Level::group) {
      diags.error(c.path, g.at.line, g.at.col,
                  format(tr("unknown code group '{1}' (not in the codebook of round '{2}')"),
                         {id, round.spec.id}) +
                      suggestion(id, group_ids));
    }
  }
}

// SPEC §5: a unit that starts in an interviewer turn counts only with --include-interviewer.
// units.csv lists it either way, so say so where it is written rather than drop it silently.
void check_interviewer_units(const RoundData& round, const Options& options, Diagnostics& diags) {
  if (options.include_interviewer) return;
  for (const auto& u : round.units) {
    if (!u.interviewer) continue;
    diags.warning(u.file(), u.at.line, u.at.col,
                  format(tr("unit '{1}' starts in the interviewer's turn ({2}); it is listed in "
                            "units.csv but counts in matrices and reports only with "
                            "--include-interviewer"),
                         {u.id, u.informant}));
  }
}

void check_missing_condensates(const RoundData& round, const Options& options, Diagnostics& diags) {
  const auto& cb = round.codebook;
  std::vector<char> with_units(cb.nodes.size(), 0);
  for (const auto& u : round.units) {
    if (!counts(u, options)) continue;
    for (const int c : u.codes) {
      if (c >= 0 && static_cast<std::size_t>(c) < with_units.size())
        with_units[static_cast<std::size_t>(c)] = 1;
    }
  }
  for (std::size_t n = 0; n < cb.nodes.size(); ++n) {
    if (with_units[n] == 0) continue;
    const auto& node = cb.nodes[n];
    if (node.level != Level::subgroup) continue;
    auto it = round.condensation.subgroups.find(node.id);
    if (it == round.condensation.subgroups.end() || trim(it->second.condensate).empty()) {
      // Where the subgroup is: its blank entry in the condensation file, else the codebook.
      const bool listed = it != round.condensation.subgroups.end();
      diags.warning(listed ? round.condensation.path : node.file,
                    listed ? it->second.at.line : node.line, listed ? it->second.at.col : node.col,
                    format(tr("subgroup '{1}' has units but no condensate in round '{2}'; the "
                              "report shows a draft"),
                           {node.id, round.spec.id}));
    }
  }
}

}  // namespace

void check_round(const Study& study, RoundData& round, const Options& options, Diagnostics& diags) {
  collect_informants(study, round, diags);
  std::set<int> coded;
  for (const auto& f : round.coding) {
    const int t = round.find_transcript(f.transcript);
    if (t >= 0) coded.insert(t);
  }
  for (std::size_t i = 0; i < round.transcripts.size() && !round.coding_failed; ++i) {
    if (coded.count(static_cast<int>(i)) == 0) {
      diags.warning(round.transcripts[i].path, 0, 0,
                    tr("this transcript has no coding file yet (no meaning units)"));
    }
  }
  check_overlaps(round, diags);
  check_interviewer_units(round, options, diags);
  check_condensation(round, diags);
  check_missing_condensates(round, options, diags);
}

}  // namespace ipcode::loader
