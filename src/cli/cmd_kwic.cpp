// `ipcode kwic`: keyword in context over the transcripts, with references (SPEC §7).
#include "cli/common.hpp"
#include "ipcode/aids/kwic.hpp"
#include "ipcode/aids/pattern.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/report/report.hpp"
#include "ipcode/text/text.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace ipcode::cli {
namespace {

struct KwicArgs {
  std::string pattern;
  std::string format = "text";
  int width = 40;
  aids::KwicOptions kwic;
  loader::Options load;
};

struct Row {
  std::string ref;
  const aids::Hit* hit;
};

std::string pad(std::size_t n) { return std::string(n, ' '); }

void print_text(const std::vector<Row>& rows, bool bold, std::ostream& out) {
  std::size_t ref_w = 0, left_w = 0, match_w = 0;
  for (const auto& r : rows) {
    ref_w = std::max(ref_w, text::display_width(r.ref));
    left_w = std::max(left_w, text::display_width(r.hit->left));
    match_w = std::max(match_w, text::display_width(r.hit->match));
  }
  for (const auto& r : rows) {
    const aids::Hit& h = *r.hit;
    std::string line = r.ref + pad(ref_w - text::display_width(r.ref)) + "  ";
    line += pad(left_w - text::display_width(h.left)) + h.left + "  ";
    line += bold ? "\x1b[1m" + h.match + "\x1b[0m" : h.match;
    if (!h.right.empty()) line += pad(match_w - text::display_width(h.match)) + "  " + h.right;
    out << line << '\n';
  }
}

int run_kwic(const Globals& g, const KwicArgs& a) {
  // Wider than any screen or spreadsheet cell is read: a bound, so that a long turn's hits
  // cannot each carry megabytes of context.
  constexpr int kMaxWidth = 1000;
  if (a.width < 0 || a.width > kMaxWidth) {
    print_error(format(tr("--width must be from 0 to {1}, not {2}"),
                       {std::to_string(kMaxWidth), std::to_string(a.width)}));
    return kUsage;
  }
  std::string error;
  const auto pattern = aids::compile(a.pattern, error);
  if (!pattern) {
    print_error(error);
    return kUsage;
  }
  if (!round_exists(g, a.load.round)) return kUsage;
  int code = kOk;
  const auto study = load_transcripts(g, a.load, code);
  if (!study) return code;

  // A speaker no turn has is a typo ("b1" for "B1"), not a search without hits.
  if (!a.kwic.speaker.empty()) {
    std::vector<std::string> labels;  // every label of the transcripts searched, first seen first
    std::set<std::string, std::less<>> seen;
    for (const auto& round : study->rounds) {
      for (const auto& t : round.transcripts) {
        for (const auto& turn : t.turns) {
          if (seen.insert(turn.speaker).second) labels.push_back(turn.speaker);
        }
      }
    }
    if (!seen.contains(a.kwic.speaker)) {
      const auto guess = closest(a.kwic.speaker, labels);
      const std::size_t shown = std::min<std::size_t>(labels.size(), 12);
      std::string list =
          join(std::vector<std::string>(labels.begin(), labels.begin() + static_cast<long>(shown)),
               ", ");
      if (shown < labels.size()) list += ", …";
      print_error(format(tr("no turn in the transcripts has the speaker '{1}' (their speakers: "
                            "{2})"),
                         {a.kwic.speaker, list}) +
                  (guess ? format(tr("; did you mean '{1}'?"), {*guess}) : std::string()));
      return kUsage;
    }
  }
  // Hits in round order, then transcript (natural order of path), then line.
  aids::KwicOptions options = a.kwic;
  options.width = static_cast<std::size_t>(a.width);
  std::vector<aids::Hit> hits;
  std::vector<const transcript::Transcript*> transcripts;
  for (const auto& round : study->rounds) {
    for (const auto& t : round.transcripts) {
      auto found = aids::kwic(t, transcripts.size(), *pattern, options);
      transcripts.push_back(&t);
      hits.insert(hits.end(), std::make_move_iterator(found.begin()),
                  std::make_move_iterator(found.end()));
    }
  }
  if (hits.empty()) {
    if (!g.quiet) std::cerr << tr("no matches") << '\n';
    return kOk;
  }
  std::string out;
  if (a.format == "csv") {
    out += report::csv_row(
        {"transcript", "informant", "speaker", "page", "line", "left", "match", "right"});
    for (const auto& h : hits) {
      const auto& t = *transcripts[h.transcript];
      out += report::csv_row({t.id, t.informant, h.speaker, std::to_string(h.page),
                              std::to_string(h.line), h.left, h.match, h.right});
    }
    std::cout << out;
    return kOk;
  }
  // References as the reports write them: the informant and the page and line in the
  // study's report language ("B3 s.2 l.14"), and the speaker where someone else speaks
  // ("B3 s.1 l.7 (I)"), so that the interviewer's words are never read as the informant's.
  const std::string lang = i18n::normalise_language(study->manifest.language);
  std::vector<Row> rows;
  rows.reserve(hits.size());
  for (const auto& h : hits) {
    const std::string& informant = transcripts[h.transcript]->informant;
    std::string ref = informant + " " + aids::reference(lang, h);
    if (!h.speaker.empty() && h.speaker != informant) ref += " (" + h.speaker + ")";
    rows.push_back({std::move(ref), &h});
  }
  print_text(rows, isatty(STDOUT_FILENO) == 1, std::cout);
  return kOk;
}

}  // namespace

void setup_kwic(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<KwicArgs>();
  auto* cmd = app.add_subcommand(
      "kwic", tr("Show every place a word or phrase occurs in the transcripts, in context"));
  cmd->add_option("PATTERN", args->pattern,
                  tr("A codebook keyword: a word (inflected forms too), a phrase, prefix* or "
                     "\"=Exact\""))
      ->required()
      ->type_name(tr("PATTERN"));
  cmd->add_option("--round", args->load.round, tr("Search only this round"));
  cmd->add_option("--width", args->width, tr("Characters of context on each side (default: 40)"))
      ->type_name(tr("NUMBER"));
  cmd->add_option("--speaker", args->kwic.speaker,
                  tr("Only this speaker's turns (a label such as B1 or I)"))
      ->type_name(tr("LABEL"));
  one_of(cmd->add_option("--format", args->format, tr("Output format: text or csv")),
         {"text", "csv"});
  cmd->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return run_kwic(ctx.globals, *args); }; });
}

}  // namespace ipcode::cli
