// `ipcode status`: the one-screen overview a student checks every evening (SPEC §7).
#include "cli/common.hpp"
#include "cli/table.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/condense/analysis.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <sstream>

namespace ipcode::cli {
namespace {

using codebook::Level;

std::string unit_list(const loader::RoundData& round, const std::vector<int>& units) {
  std::vector<std::string> ids;
  ids.reserve(units.size());
  for (const int u : units) ids.push_back(round.units[static_cast<std::size_t>(u)].id);
  return join(ids, ", ");
}

void print_round(const loader::Study& study, const loader::RoundData& round,
                 const loader::Options& options, std::ostream& out) {
  // The overview needs counts only; drafts and the vocabulary check are condense's work.
  const auto a = condense::analyse(round, options, condense::Texts::no);
  const auto& cb = round.codebook;
  out << format(tr("Round {1}"), {round.spec.id});
  if (!round.spec.title.empty()) out << " — " << round.spec.title;
  if (!round.spec.period.empty()) out << " (" << round.spec.period << ")";
  out << '\n'
      << format(
             tr("transcripts: {1}, meaning units: {2}, informants: {3}; codebook {4}, version {5}"),
             {std::to_string(round.transcripts.size()), std::to_string(a.counted.size()),
              std::to_string(a.informants.size()), cb.name, cb.version.empty() ? "-" : cb.version})
      << '\n';
  // Units in interviewer turns are listed in units.csv but counted nowhere without the flag:
  // say so, so that the two numbers can be told apart (docs/decisions.md).
  const auto left_out = static_cast<long>(round.units.size() - a.counted.size());
  if (left_out > 0) {
    out << format(trn("not counted: {1} unit in an interviewer's turn (--include-interviewer "
                      "counts it)",
                      "not counted: {1} units in interviewer turns (--include-interviewer "
                      "counts them)",
                      left_out),
                  {std::to_string(left_out)})
        << '\n';
  }
  out << '\n';

  Table table;
  // Level names are the project's own terms, so they follow the study's language.
  const auto& lang = study.manifest.language;
  std::vector<std::string> header = {cb.level_name(Level::theme, lang) + " / " +
                                         cb.level_name(Level::group, lang) + " / " +
                                         cb.level_name(Level::subgroup, lang),
                                     tr("units"), tr("informants")};
  for (const auto& inf : a.informants) header.push_back(inf);
  table.add(header);
  for (std::size_t n = 0; n < cb.nodes.size(); ++n) {
    const auto& node = cb.nodes[n];
    const std::string indent(2 * static_cast<std::size_t>(node.level), ' ');
    std::vector<std::string> row = {indent + node.id + "  " + node.label,
                                    std::to_string(a.nodes[n].units.size()),
                                    std::to_string(a.nodes[n].informants.size())};
    for (std::size_t i = 0; i < a.informants.size(); ++i) {
      const auto c = a.cells[i][n].size();
      row.push_back(c == 0 ? "." : std::to_string(c));
    }
    table.add(row);
  }
  table.print(out, 2);

  std::vector<std::string> lines;
  for (const auto& [group, units] : a.unsorted) {
    if (units.empty()) continue;
    lines.push_back(cb.nodes[static_cast<std::size_t>(group)].id + ": " + unit_list(round, units));
  }
  if (!lines.empty()) {
    out << '\n' << tr("Not yet sorted into subgroups (coded with a code group only):") << '\n';
    for (const auto& l : lines) out << "  " << l << '\n';
  }
  std::vector<std::string> without, weak, uncoded;
  for (const int node : cb.of_level(Level::subgroup)) {
    const auto& id = cb.nodes[static_cast<std::size_t>(node)].id;
    const auto it = round.condensation.subgroups.find(id);
    const bool written =
        it != round.condensation.subgroups.end() && !trim(it->second.condensate).empty();
    if (!a.nodes[static_cast<std::size_t>(node)].units.empty() && !written) without.push_back(id);
  }
  for (const int node : a.weakly_anchored) {
    weak.push_back(cb.nodes[static_cast<std::size_t>(node)].id + " (" +
                   a.nodes[static_cast<std::size_t>(node)].informants.front() + ")");
  }
  for (std::size_t t = 0; t < round.transcripts.size(); ++t) {
    bool coded = false;
    for (const auto& f : round.coding) coded = coded || f.transcript == round.transcripts[t].id;
    if (!coded) uncoded.push_back(round.transcripts[t].path);
  }
  if (!without.empty())
    out << '\n'
        << tr("Subgroups with units but no condensate:") << ' ' << join(without, ", ") << '\n';
  if (!weak.empty())
    out << '\n'
        << tr("Weakly anchored subgroups (units from one informant only):") << ' '
        << join(weak, ", ") << '\n';
  if (!uncoded.empty())
    out << '\n' << tr("Transcripts without coding:") << ' ' << join(uncoded, ", ") << '\n';
  // Analytic questions no counted unit answers yet (SPEC §4).
  std::vector<std::string> unanswered;
  for (std::size_t q = 0; q < cb.questions.size(); ++q) {
    const bool answered = std::any_of(a.counted.begin(), a.counted.end(), [&](int u) {
      const auto& answers = round.units[static_cast<std::size_t>(u)].answers();
      return std::find(answers.begin(), answers.end(), static_cast<int>(q)) != answers.end();
    });
    if (!answered) unanswered.push_back(cb.questions[q].id);
  }
  if (!unanswered.empty())
    out << '\n' << tr("Questions no unit answers yet:") << ' ' << join(unanswered, ", ") << '\n';
}

int run_status(const Globals& g, const loader::Options& o) {
  if (!round_exists(g, o.round)) return kUsage;
  int code = kOk;
  loader::Options load = o;
  load.hash_inputs = false;  // status writes nothing
  const auto study = load_valid(g, load, code);
  if (!study) return code;
  std::ostringstream out;
  if (!study->manifest.title.empty()) out << study->manifest.title << "\n\n";
  for (std::size_t r = 0; r < study->rounds.size(); ++r) {
    if (r > 0) out << '\n';
    print_round(*study, study->rounds[r], o, out);
  }
  std::cout << out.str();
  return kOk;
}

}  // namespace

void setup_status(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<loader::Options>();
  auto* cmd =
      app.add_subcommand("status", tr("Show units per code and informant, and what is left to do"));
  cmd->add_option("--round", opts->round, tr("Show only this round"));
  cmd->add_option("--coder", opts->coder, tr("Use only this coder's coding files"));
  cmd->add_flag("--include-interviewer", opts->include_interviewer,
                tr("Count units in interviewer turns too"));
  cmd->callback(
      [&ctx, opts] { ctx.action = [&ctx, opts] { return run_status(ctx.globals, *opts); }; });
}

}  // namespace ipcode::cli
