#include "resolve.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/parallel.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/match.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_set>

namespace ipcode::loader {
namespace {

using transcript::Transcript;

std::string places(const std::vector<transcript::QuoteMatch>& matches) {
  std::vector<std::string> out;
  out.reserve(matches.size());
  for (const auto& m : matches) out.push_back(range_text(m.line_start, m.line_end));
  return join(out, ", ");
}

std::vector<std::string> all_ids(const codebook::Codebook& cb) {
  std::vector<std::string> out;
  for (const auto& n : cb.nodes) out.push_back(n.id);
  return out;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const auto guess = closest(word, candidates);
  return guess ? format(tr("; did you mean '{1}'?"), {*guess}) : std::string();
}

// White space runs (line breaks of a folded YAML text included) as one space, trimmed.
std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The first line in [from, to] that has speech, for units given by lines only.
int first_spoken(const Transcript& t, int from, int to) {
  for (int n = from; n <= to; ++n) {
    if (trim(t.spoken(n)).size() > 0) return n;
  }
  return from;
}

// "line 18" or "lines 18–19": the message for one line or for a range (bokmål says
// "linje 18" but "linjene 18–19", so each needs its own sentence).
std::string for_lines(int a, int b, const std::string& one, const std::string& many) {
  return a == b ? one : many;
}

// Where the closest near-match of a quote breaks off, so a student sees "skreiv" where the
// transcript has "skrev" at once; the general advice when there is none.
std::string closest_hint(const transcript::MatchIndex& index, const std::string& quote, int from,
                         int to) {
  const auto miss = index.closest(quote, from, to);
  if (!miss) return tr("; check spelling and words left out, and mark omissions with (…)");
  if (miss->transcript_word.empty()) {
    return format(tr("; closest at line {1}: the turn ends before \"{2}\""),
                  {std::to_string(miss->line), miss->quote_word});
  }
  return format(tr("; closest at line {1}: \"{2}\" where the transcript has \"{3}\""),
                {std::to_string(miss->line), miss->quote_word, miss->transcript_word});
}

// The unit's span, to the character, from its first word character to its last: the same
// passage marked by a quote without its full stop and by `lines` is one span (SPEC §5).
void set_span(const Transcript& t, std::size_t begin, std::size_t end, Unit& u) {
  const std::string_view s = t.text;
  end = std::min(end, s.size());
  while (begin < end && !text::is_word_char(text::decode_at(s, begin).value)) {
    begin += text::decode_at(s, begin).size;
  }
  while (end > begin &&
         !text::is_word_char(text::decode_at(s, text::previous_start(s, end)).value)) {
    end = text::previous_start(s, end);
  }
  u.span_begin = static_cast<std::uint32_t>(begin);
  u.span_end = static_cast<std::uint32_t>(end);
}

// The quote indexes of one transcript, made when first needed: most units give their lines,
// and their quote is looked for in an index of those lines only; the whole transcript is
// indexed for a quote without lines, or to say where a quote not found in its lines is.
struct Indexes {
  std::unique_ptr<transcript::MatchIndex> whole;
  std::unique_ptr<transcript::TurnContinuation> turns;
};

// Takes the unit's lines and text (the transcript's own words) from its one match.
void take_match(const Transcript& t, const transcript::QuoteMatch& m, Unit& u) {
  u.line_start = m.line_start;
  u.line_end = m.line_end;
  set_span(t, m.begin, m.end, u);
  // SPEC §5: outputs show the transcript's own text, never the quote as typed.
  u.text = m.text;
  u.set_own_words(transcript::strip_clarifications(u.text));
  u.has_quote = true;
}

// The quote branch of place_unit: finds the quote, reports what went wrong, and takes the
// unit's lines and text from the match.
bool place_quote(const coding::CodingFile& file, const coding::UnitSpec& spec, const Transcript& t,
                 Indexes& indexes, Unit& u, Diagnostics& diags, const std::string& name) {
  if (spec.has_lines && !indexes.whole) {
    if (!indexes.turns) {
      indexes.turns = std::make_unique<transcript::TurnContinuation>(transcript::continue_turns(t));
    }
    const transcript::MatchIndex lines(t, *indexes.turns, spec.line_from, spec.line_to);
    const auto found = lines.find(spec.quote, spec.line_from, spec.line_to);
    if (found.size() == 1) {
      take_match(t, found[0], u);
      return true;
    }
  }
  // Not found once in its lines, or no lines: the whole transcript, for the message too.
  auto& index = indexes.whole;
  if (!index) index = std::make_unique<transcript::MatchIndex>(t);
  const auto matches = spec.has_lines ? index->find(spec.quote, spec.line_from, spec.line_to)
                                      : index->find(spec.quote);
  if (matches.empty()) {
    const std::string range = range_text(spec.line_from, spec.line_to);
    std::string msg = spec.has_lines
                          ? format(for_lines(spec.line_from, spec.line_to,
                                             tr("the quote of {1} is not in {2} at line {3}"),
                                             tr("the quote of {1} is not in {2} at lines {3}")),
                                   {name, t.path, range})
                          : format(tr("the quote of {1} is not in {2}"), {name, t.path});
    const auto elsewhere = spec.has_lines ? index->find(spec.quote) : matches;
    if (!elsewhere.empty()) {
      const bool one = elsewhere.size() == 1 && elsewhere[0].line_start == elsewhere[0].line_end;
      msg += format(one ? tr(" (it is at line {1}; correct 'lines')")
                        : tr(" (it is at lines {1}; correct 'lines')"),
                    {places(elsewhere)});
    } else if (spec.has_lines) {
      msg += closest_hint(*index, spec.quote, spec.line_from, spec.line_to);
    } else {
      msg += closest_hint(*index, spec.quote, 0, 0);
    }
    diags.error(file.path, spec.quote_at.line, spec.quote_at.col, msg);
    return false;
  }
  if (matches.size() > transcript::MatchIndex::kMaxMatches) {
    std::vector<transcript::QuoteMatch> shown(matches.begin(), matches.begin() + 10);
    diags.error(
        file.path, spec.quote_at.line, spec.quote_at.col,
        format(tr("the quote of {1} occurs more than {2} times in {3}, first at lines "
                  "{4}; add 'lines' to say which one is meant"),
               {name, std::to_string(transcript::MatchIndex::kMaxMatches), t.path, places(shown)}));
    return false;
  }
  if (matches.size() > 1) {
    diags.error(file.path, spec.quote_at.line, spec.quote_at.col,
                format(tr("the quote of {1} occurs {2} times in {3}, at lines {4}; add "
                          "'lines' to say which one is meant"),
                       {name, std::to_string(matches.size()), t.path, places(matches)}));
    return false;
  }
  take_match(t, matches[0], u);
  return true;
}

// Resolves one unit spec against its transcript; false when it cannot be placed.
bool place_unit(const coding::CodingFile& file, const coding::UnitSpec& spec, const Transcript& t,
                Indexes& indexes, Unit& u, Diagnostics& diags) {
  const std::string name = spec.id.empty() ? tr("this unit") : "'" + spec.id + "'";
  // The coding parser hands on only units with a place to be found; a spec built elsewhere
  // gets the same checks, so no unchecked line number ever reaches the transcript.
  if (!spec.has_lines && spec.quote.empty()) {
    diags.error(file.path, spec.at.line, spec.at.col,
                format(tr("{1} needs 'lines', 'quote' or both"), {name}));
    return false;
  }
  if (spec.has_lines && (spec.line_from < 1 || spec.line_to < spec.line_from)) {
    diags.error(file.path, spec.lines_at.line, spec.lines_at.col,
                format(tr("'lines' must be a line number or a range like 12-14, not '{1}'"),
                       {range_text(spec.line_from, spec.line_to)}));
    return false;
  }
  const std::string range = range_text(spec.line_from, spec.line_to);
  if (spec.has_lines && (spec.line_to > t.line_count())) {
    diags.error(file.path, spec.lines_at.line, spec.lines_at.col,
                format(for_lines(spec.line_from, spec.line_to,
                                 tr("line {1} is outside the transcript {2} (it has {3} lines)"),
                                 tr("lines {1} are outside the transcript {2} (it has {3} lines)")),
                       {range, t.path, std::to_string(t.line_count())}));
    return false;
  }
  if (spec.has_lines && spec.line_to <= t.front_matter_end) {
    diags.error(
        file.path, spec.lines_at.line, spec.lines_at.col,
        format(for_lines(spec.line_from, spec.line_to,
                         tr("line {1} is in the front matter of {2}, not in the interview"),
                         tr("lines {1} are in the front matter of {2}, not in the interview")),
               {range, t.path}));
    return false;
  }
  if (!spec.quote.empty()) {
    if (!place_quote(file, spec, t, indexes, u, diags, name)) return false;
  } else {
    u.line_start = first_spoken(t, spec.line_from, spec.line_to);
    u.line_end = spec.line_to;
    u.text = transcript::spoken_text(t, spec.line_from, spec.line_to);
    const auto* first = t.line(u.line_start);
    const auto* last = t.line(u.line_end);
    if (first != nullptr && last != nullptr) set_span(t, first->speech_begin, last->end, u);
  }
  u.page_start = t.page_of(u.line_start);
  u.page_end = t.page_of(u.line_end);
  const auto speaker = t.speaker_of(u.line_start);
  u.interviewer = t.interviewer_at(u.line_start);
  u.informant = speaker.empty() ? t.informant : std::string(speaker);
  return true;
}

// A unit after the coders are merged, with every id written for it.
struct Written {
  std::string id;
  std::shared_ptr<const std::string> file;  // shared with the unit
  coding::Where at;
};
struct Merged {
  Unit unit;
  bool first_written = false;       // the first unit (by coding-file path) has an explicit id
  std::vector<Written> ids;         // explicit ids, first by coding-file path, distinct
  std::vector<std::string> coders;  // coders merged into it
};

// Merging coders (SPEC §5): units of different coders with an identical span (same first and
// last character in the transcript) become one unit carrying the union of their codes; the first by
// coding-file path gives the id (written, or else the default one), text, note and place, and the
// ids written for the others become aliases. Units of one coder are never merged with each other.
// `pending` is one transcript's units sorted by span, coding-file order within a span.
std::vector<Merged> merge_coders(std::vector<Pending> pending) {
  std::vector<Merged> out;
  out.reserve(pending.size());
  std::size_t span_begin = 0;  // first entry of `out` with the current span
  // Within a span, a coder's k-th unit goes into the span's k-th entry (the entries holding a
  // coder are always the first ones), so no entry is searched: one coder's million units on
  // one line stay linear.
  std::map<std::string, std::size_t> per_coder;  // units of each coder in the current span
  for (auto& p : pending) {
    const bool same_span = !out.empty() && out.back().unit.line_start == p.unit.line_start &&
                           out.back().unit.line_end == p.unit.line_end &&
                           out.back().unit.span_begin == p.unit.span_begin &&
                           out.back().unit.span_end == p.unit.span_end;
    if (!same_span) {
      span_begin = out.size();
      per_coder.clear();
    }
    const std::size_t k = span_begin + per_coder[p.unit.coder]++;
    Merged* into = k < out.size() ? &out[k] : nullptr;
    if (into == nullptr) {
      Merged m;
      m.coders.push_back(p.unit.coder);
      m.first_written = !p.explicit_id.empty();
      if (m.first_written) m.ids.push_back({p.explicit_id, p.unit.shared_file(), p.unit.at});
      m.unit = std::move(p.unit);
      out.push_back(std::move(m));
      continue;
    }
    into->coders.push_back(p.unit.coder);
    std::vector<int> codes;
    std::set_union(into->unit.codes.begin(), into->unit.codes.end(), p.unit.codes.begin(),
                   p.unit.codes.end(), std::back_inserter(codes));
    into->unit.codes = std::move(codes);
    // The questions answered too; the first coder's written-bokmål layer stays, another's
    // fills in only where the first gave none.
    for (const int q : p.unit.answers) {
      if (std::find(into->unit.answers.begin(), into->unit.answers.end(), q) ==
          into->unit.answers.end())
        into->unit.answers.push_back(q);
    }
    if (into->unit.normalised.empty()) into->unit.normalised = p.unit.normalised;
    const bool known = std::any_of(into->ids.begin(), into->ids.end(),
                                   [&](const Written& w) { return w.id == p.explicit_id; });
    if (!p.explicit_id.empty() && !known) {
      into->ids.push_back({p.explicit_id, p.unit.shared_file(), p.unit.at});
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

Resolver::Resolver(RoundData& round, const Options& options, Diagnostics& diags)
    : round_(round), options_(options) {
  const auto& cb = round.codebook;
  node_ids_ = all_ids(cb);
  for (std::size_t i = 0; i < cb.nodes.size(); ++i)
    node_index_[cb.nodes[i].id] = static_cast<int>(i);
  // Transcripts: unique ids, anonymity.
  for (std::size_t i = 0; i < round.transcripts.size(); ++i) {
    const auto& t = round.transcripts[i];
    if (auto [it, fresh] = transcript_index_.emplace(t.id, static_cast<int>(i)); !fresh) {
      diags.error(t.path, 0, 0,
                  format(tr("transcript id '{1}' is also used by {2}"),
                         {t.id, round.transcripts[static_cast<std::size_t>(it->second)].path}));
    }
    transcript_ids_.push_back(t.id);
    if (!t.anonymised) {
      diags.error(t.path, 1, 1,
                  tr("this transcript is marked 'anonymised: false'; anonymise it "
                     "and set 'anonymised: true' before analysing it"));
    }
  }
}

// Step 2: the meaning units of one coding file, placed in their transcript. Called on several
// threads at once: reads only what the constructor built.
Placed Resolver::place(const coding::CodingFile& file, Diagnostics& diags) const {
  Placed out;
  if (file.transcript.empty()) {
    out.unreadable = true;
    return out;
  }
  const auto it = transcript_index_.find(file.transcript);
  if (it == transcript_index_.end()) {
    diags.error(file.path, file.transcript_at.line, file.transcript_at.col,
                no_transcript_message(file.transcript, round_.spec, transcript_ids_));
    out.unreadable = true;  // its units are unknown for this reason: no follow-on errors
    out.failed_ids = file.unplaced_ids;
    for (const auto& spec : file.units) {
      if (!spec.id.empty()) out.failed_ids.push_back(spec.id);
    }
    return out;
  }
  out.transcript = it->second;
  out.failed_ids = file.unplaced_ids;
  out.unnamed_failed = file.unplaced_unnamed;
  if (!options_.coder.empty() && file.coder != options_.coder) {
    // Left out by --coder: a condensation file may still name these units as quotes.
    for (const auto& spec : file.units) {
      if (!spec.id.empty()) out.failed_ids.push_back(spec.id);
    }
    return out;
  }
  const auto& t = round_.transcripts[static_cast<std::size_t>(it->second)];
  Indexes indexes;
  const auto path = std::make_shared<const std::string>(file.path);
  out.units.reserve(file.units.size());
  for (const auto& spec : file.units) {
    Unit u;
    u.transcript = it->second;
    u.coder = file.coder;
    u.note = spec.note;
    u.set_file(path);
    u.at = spec.at;
    bool codes_ok = !spec.codes.empty();
    std::set<int> code_set;
    for (std::size_t c = 0; c < spec.codes.size(); ++c) {
      auto n = node_index_.find(spec.codes[c]);
      if (n == node_index_.end()) {
        codes_ok = false;
        // The codebook could not be read (reported once, first): every code is
        // unknown for that reason; one error per unit would only hide the cause.
        if (round_.codebook_failed) continue;
        const auto& mark = c < spec.code_marks.size() ? spec.code_marks[c] : spec.at;
        diags.error(file.path, mark.line, mark.col,
                    format(tr("unknown code '{1}' (not in the codebook of round '{2}')"),
                           {spec.codes[c], round_.spec.id}) +
                        did_you_mean(spec.codes[c], node_ids_));
        codes_ok = false;
      } else {
        code_set.insert(n->second);
      }
    }
    for (std::size_t a = 0; a < spec.answers.size(); ++a) {
      const int q = round_.codebook.find_question(spec.answers[a]);
      if (q >= 0) {
        if (std::find(u.answers.begin(), u.answers.end(), q) == u.answers.end())
          u.answers.push_back(q);
        continue;
      }
      if (round_.codebook_failed) continue;
      const auto& mark = a < spec.answer_marks.size() ? spec.answer_marks[a] : spec.at;
      std::vector<std::string> ids;
      for (const auto& question : round_.codebook.questions) ids.push_back(question.id);
      diags.error(file.path, mark.line, mark.col,
                  format(tr("unknown question '{1}' (not among the questions of the codebook of "
                            "round '{2}')"),
                         {spec.answers[a], round_.spec.id}) +
                      did_you_mean(spec.answers[a], ids));
    }
    u.normalised = collapse_spaces(spec.normalised);
    if (!place_unit(file, spec, t, indexes, u, diags) || !codes_ok) {
      if (!spec.id.empty())
        out.failed_ids.push_back(spec.id);
      else
        out.unnamed_failed = true;
      continue;
    }
    u.codes.assign(code_set.begin(), code_set.end());
    out.units.push_back({std::move(u), spec.id});
  }
  return out;
}

void Resolver::finish(const Study& study, std::vector<Placed> placed, Diagnostics& diags) {
  RoundData& round = round_;
  std::map<int, std::vector<Pending>> per_transcript;
  std::map<int, std::size_t> pending_count;
  for (const auto& p : placed) {
    if (p.transcript >= 0) pending_count[p.transcript] += p.units.size();
  }
  for (const auto& [t_index, count] : pending_count) per_transcript[t_index].reserve(count);
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
    merged[k].second = merge_coders(std::move(pending));
  });
  bool defaults = false;
  for (const auto& [t_index, units] : merged) {
    for (const auto& m : units) defaults = defaults || !m.first_written;
  }
  std::unordered_set<std::string> taken;
  if (defaults) {
    taken.insert(round.failed_unit_ids.begin(), round.failed_unit_ids.end());
    for (const auto& [t_index, units] : merged) {
      for (const auto& m : units) {
        for (const auto& w : m.ids) taken.insert(w.id);
      }
    }
  }
  per_transcript.clear();
  std::size_t total = 0;
  for (const auto& [t_index, units] : merged) total += units.size();
  round.units.reserve(round.units.size() + total);
  std::vector<Written> written;
  // Default numbers go up per informant, so two transcripts of one informant never share one.
  std::map<std::string, int> next_number;
  for (auto& [t_index, units] : merged) {
    const auto& t = round.transcripts[static_cast<std::size_t>(t_index)];
    int& next = next_number.try_emplace(t.informant, 1).first->second;
    for (std::size_t i = 0; i < units.size(); ++i) {
      auto& m = units[i];
      if (!m.first_written) {
        // Numbered by position in the transcript, skipping ids written anywhere in the round.
        next = std::max(next, static_cast<int>(i) + 1);
        std::string id;
        do {
          id = t.informant + "-" + (next < 10 ? "0" : "") + std::to_string(next);
          ++next;
        } while (taken.count(id) != 0);
        m.unit.id = std::move(id);
      } else {
        m.unit.id = m.ids.front().id;
      }
      for (auto& w : m.ids) {
        if (w.id != m.unit.id) round.unit_aliases.emplace(w.id, m.unit.id);
        written.push_back(std::move(w));
      }
      round.units.push_back(std::move(m.unit));
    }
    std::vector<Merged>().swap(units);  // this transcript's copies go now (peak memory)
  }
  round.index_units();
  report_duplicate_ids(round, written, diags);
  check_round(study, round, options_, diags);
}

}  // namespace ipcode::loader
