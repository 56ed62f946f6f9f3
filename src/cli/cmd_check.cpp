// `ipcode check` (SPEC §8): every problem of the study at once; exit 1 on any error.
#include "cli/anon_findings.hpp"
#include "cli/common.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/condense/analysis.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace ipcode::cli {
namespace {

struct CheckOptions {
  loader::Options load;
};

// Vocabulary check (SPEC §10): condensate words found in none of the subgroup's units.
void vocabulary_warnings(const loader::Study& study, const loader::Options& options,
                         Diagnostics& diags) {
  for (const auto& round : study.rounds) {
    const auto analysis = condense::analyse(round, options, condense::Texts::vocabulary);
    for (const auto& [node, words] : analysis.foreign_words) {
      if (words.empty()) continue;
      const auto& id = round.codebook.nodes[static_cast<std::size_t>(node)].id;
      const auto& s = round.condensation.subgroups.at(id);
      diags.warning(round.condensation.path, s.condensate_at.line, s.condensate_at.col,
                    format(tr("the condensate of '{1}' uses words found in none of its units: "
                              "{2} (Malterud: use the informants' own words)"),
                           {id, join(words, ", ")}));
    }
  }
}

int run_check(const Globals& g, const CheckOptions& o) {
  if (!round_exists(g, o.load.round)) return kUsage;
  Diagnostics diags;
  loader::Options load = o.load;
  load.hash_inputs = false;  // nothing is written: no manifest to hash for
  const auto study = loader::load(g.dir, load, diags);
  if (!diags.has_errors()) vocabulary_warnings(study, o.load, diags);
  if (!diags.has_errors()) anon_warnings(study, diags);  // SPEC §8: anon findings warn
  print_diagnostics(diags, g);
  // -q: errors only, so no summary line when there is nothing wrong.
  if (!g.quiet || diags.has_errors()) std::cerr << summary(diags) << '\n';
  // A manifest missing or unreadable (a folder, a named pipe, a link out of the study) means
  // there is no study to check at all (66); every other problem, YAML syntax included, is a
  // finding of the check (1).
  if (!fs::read_inside(g.dir, study::kManifestName)) return kNoInput;
  if (diags.has_errors()) return kProblems;
  if (!g.quiet) {
    std::size_t units = 0, transcripts = 0;
    for (const auto& r : study.rounds) {
      // The units that count, as status and the reports count them (docs/decisions.md).
      units += static_cast<std::size_t>(
          std::count_if(r.units.begin(), r.units.end(),
                        [&](const auto& u) { return loader::counts(u, o.load); }));
      transcripts += r.transcripts.size();
    }
    std::cout << format(trn("The study is valid: {1} round", "The study is valid: {1} rounds",
                            static_cast<long>(study.rounds.size())),
                        {std::to_string(study.rounds.size())})
              << ", "
              << format(trn("{1} transcript", "{1} transcripts", static_cast<long>(transcripts)),
                        {std::to_string(transcripts)})
              << ", "
              << format(trn("{1} meaning unit.", "{1} meaning units.", static_cast<long>(units)),
                        {std::to_string(units)})
              << '\n';
  }
  return kOk;
}

}  // namespace

void setup_check(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand("check", tr("Check the whole study and print every problem"));
  cmd->add_option("--round", opts->load.round, tr("Check only this round"));
  cmd->add_option("--coder", opts->load.coder, tr("Use only this coder's coding files"));
  cmd->add_flag("--include-interviewer", opts->load.include_interviewer,
                tr("Count units in interviewer turns too"));
  cmd->callback(
      [&ctx, opts] { ctx.action = [&ctx, opts] { return run_check(ctx.globals, *opts); }; });
}

}  // namespace ipcode::cli
