#include "resolve.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/match.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <tuple>

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
void take_match(const Transcript& t, transcript::QuoteMatch&& m, Unit& u) {
  u.line_start = m.line_start;
  u.line_end = m.line_end;
  set_span(t, m.begin, m.end, u);
  // SPEC §5: outputs show the transcript's own text, never the quote as typed.
  u.text = std::move(m.text);
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
    auto found = lines.find(spec.quote, spec.line_from, spec.line_to);
    if (found.size() == 1) {
      take_match(t, std::move(found[0]), u);
      return true;
    }
  }
  // Not found once in its lines, or no lines: the whole transcript, for the message too.
  auto& index = indexes.whole;
  if (!index) index = std::make_unique<transcript::MatchIndex>(t);
  auto matches = spec.has_lines ? index->find(spec.quote, spec.line_from, spec.line_to)
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
  take_match(t, std::move(matches[0]), u);
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
    if (!spec.note.empty()) u.extras().note = spec.note;
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
        if (std::find(u.answers().begin(), u.answers().end(), q) == u.answers().end())
          u.extras().answers.push_back(q);
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
    if (std::string normalised = text::collapse_space(spec.normalised); !normalised.empty())
      u.extras().normalised = std::move(normalised);
    if (!place_unit(file, spec, t, indexes, u, diags) || !codes_ok) {
      if (!spec.id.empty())
        out.failed_ids.push_back(spec.id);
      else
        out.unnamed_failed = true;
      continue;
    }
    u.codes.assign(code_set.begin(), code_set.end());
    u.id = spec.id;
    out.units.push_back({std::move(u)});
  }
  return out;
}

}  // namespace ipcode::loader
