// Steps 2–4 in numbers (SPEC §10): which units count under which codebook node and
// informant, what is still unsorted, which code groups co-occur, which subgroups rest on one
// informant, and the drafts and vocabulary check of the condensates (draft.cpp,
// vocabulary.cpp). One pass over the units fills every count, so the cost grows with the
// number of units times the (small) number of nodes each unit is under.

#include "ipcode/condense/analysis.hpp"

#include "corpus.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ipcode::condense {
namespace {

using codebook::Level;

// Each node with its ancestors, node first. Walks at most as many steps as there are nodes,
// so a broken parent chain cannot loop.
std::vector<std::vector<int>> lineages(const codebook::Codebook& cb) {
  const int count = static_cast<int>(cb.nodes.size());
  std::vector<std::vector<int>> out(cb.nodes.size());
  for (int n = 0; n < count; ++n) {
    for (int i = n, steps = 0; i >= 0 && i < count && steps < count; ++steps) {
      out[static_cast<std::size_t>(n)].push_back(i);
      i = cb.nodes[static_cast<std::size_t>(i)].parent;
    }
  }
  return out;
}

// The nodes a unit counts under (SPEC §1: a unit coded with a subgroup counts for its group
// and theme): its codes and all their ancestors, sorted and distinct, so a unit coded with
// two subgroups of one theme counts once for that theme.
std::vector<int> nodes_under(const loader::Unit& unit, const std::vector<std::vector<int>>& up) {
  std::vector<int> out;
  for (int code : unit.codes) {
    if (code < 0 || static_cast<std::size_t>(code) >= up.size()) {
      continue;
    }
    const auto& line = up[static_cast<std::size_t>(code)];
    out.insert(out.end(), line.begin(), line.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Matrix rows, and so the participants that every prevalence ("3 av 4 deltakere") counts
// against: the round's informants, plus the speaker of any counted unit not among them, all in
// natural order (B2 before B10). With include_interviewer the interviewer labels speaking in
// the round's transcripts are participants too, units or not, so that numerator and
// denominator always count the same people.
std::vector<std::string> matrix_rows(const loader::RoundData& round,
                                     const std::vector<int>& counted,
                                     const loader::Options& options) {
  std::vector<std::string> rows = round.informants;
  std::set<std::string> known(rows.begin(), rows.end());
  if (options.include_interviewer) {
    for (const auto& t : round.transcripts) {
      for (const auto& turn : t.turns) {
        if (turn.interviewer && known.insert(turn.speaker).second) {
          rows.push_back(turn.speaker);
        }
      }
    }
  }
  for (int u : counted) {
    const std::string& who = round.units[static_cast<std::size_t>(u)].informant;
    if (known.insert(who).second) {
      rows.push_back(who);
    }
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const std::string& a, const std::string& b) { return natural_less(a, b); });
  return rows;
}

// Step 3 bookkeeping: is the unit coded with this group and with none of its subgroups?
bool unsorted_in(const loader::Unit& unit, int group, const codebook::Codebook& cb) {
  return std::none_of(unit.codes.begin(), unit.codes.end(), [&](int code) {
    return code >= 0 && static_cast<std::size_t>(code) < cb.nodes.size() &&
           cb.nodes[static_cast<std::size_t>(code)].parent == group &&
           cb.nodes[static_cast<std::size_t>(code)].level == Level::subgroup;
  });
}

// One pass over the counted units: node units, cells, unsorted units and co-occurrence.
void fill_counts(RoundAnalysis& a, const loader::RoundData& round) {
  const codebook::Codebook& cb = round.codebook;
  const auto up = lineages(cb);
  std::map<std::string, std::size_t> row_of;
  for (std::size_t i = 0; i < a.informants.size(); ++i) {
    row_of.emplace(a.informants[i], i);
  }
  const std::vector<int> groups = cb.of_level(Level::group);
  std::vector<int> group_pos(cb.nodes.size(), -1);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    group_pos[static_cast<std::size_t>(groups[g])] = static_cast<int>(g);
  }
  a.cooccurrence.assign(groups.size(), std::vector<int>(groups.size(), 0));
  std::vector<int> unit_groups;
  for (int u : a.counted) {
    const loader::Unit& unit = round.units[static_cast<std::size_t>(u)];
    auto& row = a.cells[row_of.at(unit.informant)];
    unit_groups.clear();
    for (int n : nodes_under(unit, up)) {
      a.nodes[static_cast<std::size_t>(n)].units.push_back(u);
      row[static_cast<std::size_t>(n)].push_back(u);
      if (group_pos[static_cast<std::size_t>(n)] >= 0) {
        unit_groups.push_back(group_pos[static_cast<std::size_t>(n)]);
      }
    }
    for (int g : unit_groups) {
      auto& line = a.cooccurrence[static_cast<std::size_t>(g)];
      for (int h : unit_groups) {
        ++line[static_cast<std::size_t>(h)];
      }
    }
    for (int code : unit.codes) {
      const bool group = code >= 0 && static_cast<std::size_t>(code) < group_pos.size() &&
                         group_pos[static_cast<std::size_t>(code)] >= 0;
      if (group && unsorted_in(unit, code, cb)) {
        a.unsorted[code].push_back(u);
      }
    }
  }
}

// A node's informants are the rows with a non-empty cell, already in natural order.
void fill_informants(RoundAnalysis& a) {
  for (std::size_t n = 0; n < a.nodes.size(); ++n) {
    for (std::size_t i = 0; i < a.informants.size(); ++i) {
      if (!a.cells[i][n].empty()) {
        a.nodes[n].informants.push_back(a.informants[i]);
      }
    }
  }
}

// Step 3 validation: words of each written condensate found in none of its subgroup's units.
void check_vocabulary(RoundAnalysis& a, detail::Corpus& corpus,
                      const std::vector<std::pair<int, const std::string*>>& written) {
  std::vector<char> in_units;  // by term id: occurs in the subgroup's units
  for (const auto& [n, condensate] : written) {
    std::vector<int> terms;
    for (int u : a.nodes[static_cast<std::size_t>(n)].units) {
      const std::vector<int> more = corpus.terms_of(u);
      terms.insert(terms.end(), more.begin(), more.end());
    }
    in_units.resize(static_cast<std::size_t>(corpus.term_count()), 0);
    for (int t : terms) {
      in_units[static_cast<std::size_t>(t)] = 1;
    }
    a.foreign_words[n] = detail::foreign_words(*condensate, [&](const std::string& stem) {
      const int term = corpus.find_term(stem);
      return term >= 0 && in_units[static_cast<std::size_t>(term)] != 0;
    });
    for (int t : terms) {
      in_units[static_cast<std::size_t>(t)] = 0;
    }
  }
}

// The vocabulary check alone (`ipcode check`, no drafts): the same answer as check_vocabulary
// without splitting and stemming every unit. A condensate stem is looked for first in the
// units whose folded text holds it (a Snowball stem is the start of its folded word), which
// usually finds it in the first unit looked at; only a stem found there in no unit's words is
// looked for in every unit, as check_vocabulary does, so the answer never rests on that rule.
void check_vocabulary_alone(RoundAnalysis& a, const loader::RoundData& round,
                            detail::Corpus& corpus,
                            const std::vector<std::pair<int, const std::string*>>& written) {
  std::vector<std::string> folded(round.units.size());
  std::vector<char> has_folded(round.units.size(), 0);
  std::map<int, std::vector<int>> terms_of;  // unit -> its terms, sorted
  const auto terms = [&](int u) -> const std::vector<int>& {
    auto it = terms_of.find(u);
    if (it == terms_of.end()) {
      std::vector<int> t = corpus.terms_of(u);
      std::sort(t.begin(), t.end());
      it = terms_of.emplace(u, std::move(t)).first;
    }
    return it->second;
  };
  const auto has_term = [&](int u, const std::string& stem) {
    const auto& t = terms(u);  // first: splitting the unit may be what gives the stem its id
    const int term = corpus.find_term(stem);
    return term >= 0 && std::binary_search(t.begin(), t.end(), term);
  };
  for (const auto& [n, condensate] : written) {
    const std::vector<int> units =
        detail::clean_units(a.nodes[static_cast<std::size_t>(n)].units, round.units.size());
    a.foreign_words[n] = detail::foreign_words(*condensate, [&](const std::string& stem) {
      for (int u : units) {
        const auto k = static_cast<std::size_t>(u);
        if (has_folded[k] == 0) {
          folded[k] = text::fold(round.units[k].own_words());
          has_folded[k] = 1;
        }
        if (folded[k].find(stem) != std::string::npos && has_term(u, stem)) return true;
      }
      return std::any_of(units.begin(), units.end(), [&](int u) { return has_term(u, stem); });
    });
  }
}

// Step 3 texts: a draft for each subgroup with units but no condensate; the vocabulary
// check for each subgroup with one. The IDF of a draft is taken over the counted units of the
// subgroup's code group: words every unit of the group shares (the group's own topic) then
// weigh less than the words that set this subgroup apart. Only the units these texts need are
// split and stemmed, once each.
void fill_texts(RoundAnalysis& a, const loader::RoundData& round, bool with_drafts) {
  const codebook::Codebook& cb = round.codebook;
  std::vector<std::pair<int, const std::string*>> written;
  std::vector<int> drafted;
  std::vector<int> needed;  // units whose texts are split and stemmed
  const auto units_of = [&](int n) -> const std::vector<int>& {
    return a.nodes[static_cast<std::size_t>(n)].units;
  };
  const auto group_of = [&](int n) {
    const int parent = cb.nodes[static_cast<std::size_t>(n)].parent;
    return parent >= 0 ? parent : n;
  };
  for (int n : cb.of_level(Level::subgroup)) {
    const auto it = round.condensation.subgroups.find(cb.nodes[static_cast<std::size_t>(n)].id);
    if (it != round.condensation.subgroups.end() && !trim(it->second.condensate).empty()) {
      written.emplace_back(n, &it->second.condensate);
      needed.insert(needed.end(), units_of(n).begin(), units_of(n).end());
    } else if (with_drafts && !units_of(n).empty()) {
      drafted.push_back(n);
      needed.insert(needed.end(), units_of(group_of(n)).begin(), units_of(group_of(n)).end());
    }
  }
  detail::Corpus corpus(round);
  if (!with_drafts) {
    check_vocabulary_alone(a, round, corpus, written);
    return;
  }
  corpus.prepare(needed);
  std::map<int, detail::Idf> idf_of_group;
  for (int n : drafted) {
    auto idf = idf_of_group.find(group_of(n));
    if (idf == idf_of_group.end()) {
      idf = idf_of_group.emplace(group_of(n), corpus.idf(units_of(group_of(n)))).first;
    }
    a.drafts[n] = corpus.draft(units_of(n), idf->second);
  }
  check_vocabulary(a, corpus, written);
}

}  // namespace

RoundAnalysis analyse(const loader::RoundData& round, const loader::Options& options, Texts texts) {
  RoundAnalysis a;
  a.round = &round;
  for (std::size_t u = 0; u < round.units.size(); ++u) {
    if (loader::counts(round.units[u], options)) {
      a.counted.push_back(static_cast<int>(u));
    }
  }
  a.informants = matrix_rows(round, a.counted, options);
  a.nodes.resize(round.codebook.nodes.size());
  a.cells.assign(a.informants.size(), std::vector<std::vector<int>>(round.codebook.nodes.size()));
  fill_counts(a, round);
  fill_informants(a);
  for (int n : round.codebook.of_level(Level::subgroup)) {
    if (a.nodes[static_cast<std::size_t>(n)].informants.size() == 1) {
      a.weakly_anchored.push_back(n);
    }
  }
  if (texts != Texts::no) fill_texts(a, round, texts == Texts::yes);
  return a;
}

}  // namespace ipcode::condense
