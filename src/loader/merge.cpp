// Step 2's end for one round (SPEC §5): the units of several coders with one span merged,
// default ids given, duplicate ids reported, then the checks across files (check.cpp).
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/parallel.hpp"
#include "ipcode/base/strings.hpp"
#include "resolve.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

namespace ipcode::loader {
namespace {

// A unit after the coders are merged, with every id written for it.
struct Written {
  std::string id;
  std::shared_ptr<const std::string> file;  // shared with the unit
  coding::Where at;
};
struct Merged {
  Unit* unit = nullptr;  // the first unit (by coding-file path), in place in its pending list:
                         // the others' codes are merged into it there; its id is the one
                         // written for it, empty if none
  std::vector<Written> other_ids;  // the ids written for the others, distinct, none the first's
                                   // (most units have no other: no allocation, peak memory)

  bool first_written() const { return !unit->id.empty(); }
  bool has_id(const std::string& id) const {
    return unit->id == id || std::any_of(other_ids.begin(), other_ids.end(),
                                         [&](const Written& w) { return w.id == id; });
  }
};

// Merging coders (SPEC §5): units of different coders with an identical span (same first and
// last character in the transcript) become one unit carrying the union of their codes; the first by
// coding-file path gives the id (written, or else the default one), text, note and place, and the
// ids written for the others become aliases. Units of one coder are never merged with each other.
// `pending` is one transcript's units sorted by span, coding-file order within a span; the
// merged units stay in it, each entry of the result points at one.
std::vector<Merged> merge_coders(std::vector<Pending>& pending) {
  std::vector<Merged> out;
  out.reserve(pending.size());
  std::size_t span_begin = 0;  // first entry of `out` with the current span
  // Within a span, a coder's k-th unit goes into the span's k-th entry (the entries holding a
  // coder are always the first ones), so no entry is searched: one coder's million units on
  // one line stay linear.
  std::map<std::string, std::size_t> per_coder;  // units of each coder in the current span
  for (auto& p : pending) {
    const bool same_span = !out.empty() && out.back().unit->line_start == p.unit.line_start &&
                           out.back().unit->line_end == p.unit.line_end &&
                           out.back().unit->span_begin == p.unit.span_begin &&
                           out.back().unit->span_end == p.unit.span_end;
    if (!same_span) {
      span_begin = out.size();
      per_coder.clear();
    }
    const std::size_t k = span_begin + per_coder[p.unit.coder]++;
    Merged* into = k < out.size() ? &out[k] : nullptr;
    if (into == nullptr) {
      Merged m;
      m.unit = &p.unit;
      out.push_back(std::move(m));
      continue;
    }
    std::vector<int> codes;
    Unit& unit = *into->unit;
    std::set_union(unit.codes.begin(), unit.codes.end(), p.unit.codes.begin(), p.unit.codes.end(),
                   std::back_inserter(codes));
    unit.codes = std::move(codes);
    // The questions answered too; the first coder's written-bokmål layer stays, another's
    // fills in only where the first gave none.
    for (const int q : p.unit.answers()) {
      const auto& answers = unit.answers();
      if (std::find(answers.begin(), answers.end(), q) == answers.end())
        unit.extras().answers.push_back(q);
    }
    if (unit.normalised().empty() && !p.unit.normalised().empty())
      unit.extras().normalised = p.unit.normalised();
    if (!p.unit.id.empty() && !into->has_id(p.unit.id)) {
      into->other_ids.push_back({std::move(p.unit.id), p.unit.shared_file(), p.unit.at});
    }
  }
  return out;
}

// Unit ids are unique within a round (SPEC §5); the error points at the place an id is
// written the second time and names the first. Default ids never collide (they skip taken
// ids), so every id here was written by hand.
void report_duplicate_ids(const RoundData& round, const std::vector<Written>& written,
                          Diagnostics& diags) {
  // By id, then in the order the ids are written (coding files by path, then line by line):
  // the first of a run of equal ids is where it was written first. Sorting pointers keeps
  // the peak memory of a study with a hundred thousand ids low (no map of copies).
  std::vector<const Written*> all;
  all.reserve(written.size());
  for (const auto& w : written) all.push_back(&w);
  std::sort(all.begin(), all.end(), [](const Written* a, const Written* b) {
    if (a->id != b->id) return a->id < b->id;
    if (*a->file != *b->file) return natural_less(*a->file, *b->file);
    return std::tie(a->at.line, a->at.col) < std::tie(b->at.line, b->at.col);
  });
  for (std::size_t i = 1; i < all.size(); ++i) {
    if (all[i]->id != all[i - 1]->id) continue;
    std::size_t first = i - 1;
    while (first > 0 && all[first - 1]->id == all[i]->id) --first;
    const Written* w = all[i];
    diags.error(
        *w->file, w->at.line, w->at.col,
        format(tr("duplicate unit id '{1}' in round '{2}' (also {3}:{4})"),
               {w->id, round.spec.id, *all[first]->file, std::to_string(all[first]->at.line)}));
  }
}

}  // namespace

void Resolver::finish(const Study& study, std::vector<Placed> placed, Diagnostics& diags) {
  RoundData& round = round_;
  std::map<int, std::vector<Pending>> per_transcript;
  std::map<int, std::size_t> pending_count;
  for (const auto& p : placed) {
    if (p.transcript >= 0) pending_count[p.transcript] += p.units.size();
  }
  for (auto& p : placed) {
    if (p.unreadable) round.coding_failed = true;
    round.failed_unit_ids.insert(round.failed_unit_ids.end(), p.failed_ids.begin(),
                                 p.failed_ids.end());
    if (p.transcript < 0) continue;
    if (p.unnamed_failed) {
      // Default ids are numbered over the units that could be placed: with one missing, the
      // later ones may be shifted, so an illustrative quote naming one is not checked.
      round.shifted_id_prefixes.push_back(
          round.transcripts[static_cast<std::size_t>(p.transcript)].informant + "-");
    }
    auto& list = per_transcript[p.transcript];
    if (list.empty() && p.units.size() == pending_count[p.transcript]) {
      list = std::move(p.units);  // the transcript's one coding file (the usual case): no copy
      continue;
    }
    list.reserve(pending_count[p.transcript]);
    for (auto& pending : p.units) list.push_back(std::move(pending));
    std::vector<Pending>().swap(p.units);  // let the moved-from slot go now (peak memory)
  }

  // Merge the coders per transcript, then give default ids. Every id written in the round,
  // placed or not, is taken: a default id never takes one of them.
  // The set is made only when some unit needs a default id (most studies write every id).
  // Each transcript on its own, on the worker threads, into its own slot (transcript order).
  std::vector<std::pair<int, std::vector<Merged>>> merged;
  std::vector<std::vector<Pending>*> lists;
  for (auto& [t_index, pending] : per_transcript) {
    merged.emplace_back(t_index, std::vector<Merged>());
    lists.push_back(&pending);
  }
  parallel_for(lists.size(), [&](std::size_t k) {
    std::vector<Pending>& pending = *lists[k];
    std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
      return std::tie(a.unit.line_start, a.unit.line_end, a.unit.span_begin, a.unit.span_end) <
             std::tie(b.unit.line_start, b.unit.line_end, b.unit.span_begin, b.unit.span_end);
    });
    merged[k].second = merge_coders(pending);
  });
  bool defaults = false;
  for (const auto& [t_index, units] : merged) {
    for (const auto& m : units) defaults = defaults || !m.first_written();
  }
  std::unordered_set<std::string> taken;
  if (defaults) {
    taken.insert(round.failed_unit_ids.begin(), round.failed_unit_ids.end());
    for (const auto& [t_index, units] : merged) {
      for (const auto& m : units) {
        if (m.first_written()) taken.insert(m.unit->id);
        for (const auto& w : m.other_ids) taken.insert(w.id);
      }
    }
  }
  std::size_t total = 0;
  for (const auto& [t_index, units] : merged) total += units.size();
  round.units.reserve(round.units.size() + total);
  std::vector<Written> written;
  written.reserve(total);  // one id per unit, as a rule
  // Default numbers go up per informant, so two transcripts of one informant never share one.
  std::map<std::string, int> next_number;
  for (std::size_t k = 0; k < merged.size(); ++k) {
    auto& [t_index, units] = merged[k];
    const auto& t = round.transcripts[static_cast<std::size_t>(t_index)];
    int& next = next_number.try_emplace(t.informant, 1).first->second;
    for (std::size_t i = 0; i < units.size(); ++i) {
      auto& m = units[i];
      if (m.first_written()) {
        written.push_back({m.unit->id, m.unit->shared_file(), m.unit->at});
      } else {
        // Numbered by position in the transcript, skipping ids written anywhere in the round.
        next = std::max(next, static_cast<int>(i) + 1);
        std::string id;
        do {
          id = t.informant + "-" + (next < 10 ? "0" : "") + std::to_string(next);
          ++next;
        } while (taken.count(id) != 0);
        m.unit->id = std::move(id);
      }
      for (auto& w : m.other_ids) {
        round.unit_aliases.emplace(w.id, m.unit->id);
        written.push_back(std::move(w));
      }
      round.units.push_back(std::move(*m.unit));
    }
    std::vector<Merged>().swap(units);  // this transcript's units go now (peak memory)
    std::vector<Pending>().swap(*lists[k]);
  }
  per_transcript.clear();
  round.index_units();
  report_duplicate_ids(round, written, diags);
  check_round(study, round, options_, diags);
}

}  // namespace ipcode::loader
