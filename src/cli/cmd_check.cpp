// `ipcode check` (SPEC §8): every problem of the study at once; exit 1 on any error.
#include "cli/anon_findings.hpp"
#include "cli/common.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/parallel.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/condense/analysis.hpp"
#include "ipcode/condense/claims.hpp"

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

// Where the words of `phrase` (any spaces between them, line breaks included, as a folded
// YAML text has them) first stand in `source` at or after line:col; `from` itself when they
// cannot be found as written (an escaped or NFD text).
coding::Where locate(std::string_view source, coding::Where from, std::string_view phrase) {
  std::size_t start = 0;
  for (int line = 1; line < from.line && start < source.size(); ++line) {
    const std::size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) return from;
    start = nl + 1;
  }
  start += static_cast<std::size_t>(std::max(from.col, 1) - 1);
  // Bytes of a space: ' ', tab, line break, or U+00A0 (2 bytes); 0 for anything else.
  const auto space_at = [](std::string_view s, std::size_t i) -> std::size_t {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') return 1;
    return s.compare(i, 2, "\xC2\xA0") == 0 ? 2 : 0;
  };
  std::vector<std::string_view> words;
  for (std::size_t i = 0, b = 0; i <= phrase.size();) {
    const std::size_t n = i < phrase.size() ? space_at(phrase, i) : 1;
    if (n == 0) {
      ++i;
      continue;
    }
    if (i > b) words.push_back(phrase.substr(b, i - b));
    i += n;
    b = i;
  }
  if (words.empty()) return from;
  for (std::size_t at = source.find(words[0], start); at != std::string_view::npos;
       at = source.find(words[0], at + 1)) {
    std::size_t i = at + words[0].size();
    bool all = true;
    for (std::size_t k = 1; k < words.size() && all; ++k) {
      const std::size_t before = i;
      while (i < source.size() && space_at(source, i) > 0) i += space_at(source, i);
      all = i > before && source.compare(i, words[k].size(), words[k]) == 0;
      i += words[k].size();
    }
    if (!all) continue;
    const std::size_t nl = source.rfind('\n', at == 0 ? 0 : at - 1);
    const std::size_t line_start = nl == std::string_view::npos || at == 0 ? 0 : nl + 1;
    const auto line = 1 + std::count(source.begin(), source.begin() + static_cast<long>(at), '\n');
    return {static_cast<int>(line), static_cast<int>(at - line_start) + 1};
  }
  return from;
}

// Prevalence claims ("tre av fem deltakere") that the counts do not bear out (SPEC §8).
void claim_warnings(const loader::Study& study, const loader::Options& options,
                    Diagnostics& diags) {
  for (const auto& round : study.rounds) {
    if (round.condensation.path.empty()) continue;
    // The counts are needed only when some analysis text has an "N av M" phrase at all.
    const auto has_claim = [](const auto& texts) {
      return std::any_of(texts.begin(), texts.end(), [](const auto& entry) {
        return !condense::find_claims(entry.second.analysis).empty();
      });
    };
    if (!has_claim(round.condensation.subgroups) && !has_claim(round.condensation.groups)) continue;
    const auto analysis = condense::analyse(round, options, condense::Texts::no);
    const auto claims = condense::check_claims(analysis, study.manifest.informants);
    if (claims.empty()) continue;
    const auto source = fs::read_inside(study.root, round.condensation.path);
    for (const auto& c : claims) {
      const auto& node = round.codebook.nodes[static_cast<std::size_t>(c.node)];
      coding::Where from;
      if (c.group_text) {
        from = round.condensation.groups.at(node.id).analysis_at;
      } else {
        from = round.condensation.subgroups.at(node.id).analysis_at;
      }
      const coding::Where at = source ? locate(*source, from, c.phrase) : from;
      const std::string counts =
          c.role.empty()
              ? format(tr("{1} of {2} participants have units in '{3}' in round {4}"),
                       {std::to_string(c.actual), std::to_string(c.of), node.id, round.spec.id})
              : format(tr("{1} of {2} informants with the role '{3}' have units in '{4}' in "
                          "round {5}"),
                       {std::to_string(c.actual), std::to_string(c.of), c.role, node.id,
                        round.spec.id});
      diags.warning(round.condensation.path, at.line, at.col,
                    format(tr("the analysis says '{1}', but {2}: correct the number, or the "
                              "coding if a unit is missing"),
                           {c.phrase, counts}));
    }
  }
}

int run_check(const Globals& g, const CheckOptions& o) {
  if (!round_exists(g, o.load.round)) return kUsage;
  Diagnostics diags;
  loader::Options load = o.load;
  load.hash_inputs = false;  // nothing is written: no manifest to hash for
  const auto study = loader::load(g.dir, load, diags);
  if (!diags.has_errors()) {
    // The anonymity scan (SPEC §8: its findings warn) only reads the texts: it runs beside
    // the vocabulary and claim checks, which take one core, and its warnings come after
    // theirs, as when the three ran in turn.
    Diagnostics anon_diags;
    parallel_for(
        2,
        [&](std::size_t job) {
          if (job == 0) {
            anon_warnings(study, anon_diags);
          } else {
            vocabulary_warnings(study, o.load, diags);
            claim_warnings(study, o.load, diags);
          }
        },
        2);
    diags.append(anon_diags);
  }
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
