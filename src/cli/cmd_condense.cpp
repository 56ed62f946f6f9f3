// `ipcode condense` (SPEC §10): the STC matrices and reports per round, written atomically.
#include "cli/anon_findings.hpp"
#include "cli/common.hpp"
#include "cli/condense_run.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"
#include "ipcode/condense/split.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string_view>

namespace ipcode::cli {
namespace {

namespace stdfs = std::filesystem;

// Each output goes into the new output folder piece by piece as it is rendered (SPEC §13);
// the batch swaps the folder in only at commit (SPEC §7).
class BatchWriter final : public report::OutputWriter {
 public:
  explicit BatchWriter(fs::AtomicBatch& batch) : batch_(batch) {}
  Status begin(const std::string& path) override { return batch_.begin(path); }
  Status write(std::string_view bytes) override { return batch_.append(bytes); }
  Status end() override { return batch_.end(); }

 private:
  fs::AtomicBatch& batch_;
};

// --write-drafts: step 3 help. The drafts go to a new file; a person's text is never touched.
int write_drafts(const Globals& g, const loader::Study& study,
                 const std::vector<condense::RoundAnalysis>& analyses) {
  for (const auto& a : analyses) {
    if (a.drafts.empty()) continue;
    const auto& round = *a.round;
    std::string name = "condensation/" + round.spec.id + "-utkast.yaml";
    for (int k = 2; stdfs::exists(study.root / name); ++k) {
      name = "condensation/" + round.spec.id + "-utkast-" + std::to_string(k) + ".yaml";
    }
    std::string out = "# " +
                      i18n::tr_in(study.manifest.language,
                                  "Draft condensates written by ipcode: extractive, in the "
                                  "informants' own words. Edit them, then move them into "
                                  "the round's condensation file.") +
                      "\nround: " + round.spec.id + "\nsubgroups:\n";
    for (const auto& [node, draft] : a.drafts) {
      const std::string& id = round.codebook.nodes[static_cast<std::size_t>(node)].id;
      if (draft.text.empty()) {
        // Only background material: nothing may be quoted, so there is no draft to edit (an
        // empty condensate would read as one a person wrote).
        out += "  # " + id + ": " +
               i18n::tr_in(study.manifest.language,
                           "no draft: all its units are from background material, which is "
                           "never quoted") +
               "\n";
        continue;
      }
      out += "  " + id + ":\n";
      out += "    condensate: " + yaml::quote(draft.text) + "\n";
      out += "    # " + join(draft.unit_ids, ", ") + "\n";
    }
    auto st = fs::check_output(study.root, name);
    if (st) st = fs::write_atomic(study.root / name, out);
    if (!st) {
      print_error(st.error().message);
      return kCantCreate;
    }
    if (!g.quiet) std::cout << format(tr("Drafts written to {1}"), {name}) << '\n';
  }
  return kOk;
}

// With --round R only out/R/ is rendered; the other rounds' folders of the last run are kept
// as they were, and so are the cross-round files, which need every round (docs/decisions.md).
// `kept_cross` tells whether there were cross-round files to keep.
Status keep_other_rounds(const loader::Study& study, const std::string& round,
                         fs::AtomicBatch& batch, bool& kept_cross) {
  for (const auto& spec : study.manifest.rounds) {
    if (spec.id == round) continue;
    if (auto st = batch.keep(spec.id); !st) return st;
  }
  const auto out = study.root / study.manifest.output;
  std::error_code ec;
  for (const char* name : kCrossRoundFiles) {
    if (!std::filesystem::exists(out / name, ec)) continue;
    if (auto st = batch.keep(name); !st) return st;
    kept_cross = true;
  }
  return Ok{};
}

// --split-by names `role` or an attribute some informant of the manifest has; its value ends
// up in a file name (prevalence-by-ATTR.csv), so it is a name, not a path.
bool split_attributes_known(const loader::Study& study, const std::vector<std::string>& attrs) {
  const auto& informants = study.manifest.informants;
  for (const std::string& attr : attrs) {
    if (condense::has_attribute(informants, attr) &&
        attr.find_first_of("/\\") == std::string::npos && attr != "." && attr != "..")
      continue;
    const std::vector<std::string> names = condense::attribute_names(informants);
    std::string message = format(tr("--split-by: no informant in {1} has the attribute '{2}'"),
                                 {study::kManifestName, attr});
    if (const auto near = closest(attr, names); near) {
      message += format(tr("; did you mean '{1}'?"), {*near});
    } else if (!names.empty()) {
      message += format(tr("; the informants have: {1}"), {join(names, ", ")});
    }
    print_error(message);
    return false;
  }
  return true;
}

// Said after the swap, so that it is never said of a run that changed nothing.
void note_cross_round(const std::string& round, bool kept_cross) {
  std::cerr << (kept_cross
                    ? format(tr("ipcode: the cross-round files (rounds.csv, report.html) were "
                                "left as they were, since only round {1} was condensed; run "
                                "'ipcode condense' without --round to bring them up to date"),
                             {round})
                    : format(tr("ipcode: the cross-round files (rounds.csv, report.html) were not "
                                "written, since only round {1} was condensed; run 'ipcode "
                                "condense' without --round to write them"),
                             {round}))
            << '\n';
}

int run_condense(const Globals& g, const CondenseOptions& o) {
  if (!round_exists(g, o.report.load.round)) return kUsage;
  auto options = o.report;
  options.version = IPCODE_VERSION;
  if (auto date = date_from_environment(); date) {
    options.date = *date;
  } else {
    print_error(tr("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970"));
    return kUsage;
  }
  int code = kOk;
  const auto study = load_valid(g, o.report.load, code);
  if (!study) return code;
  if (!split_attributes_known(*study, options.split_by)) return kUsage;
  // A text to paste into a thesis must not leak an identifier (SPEC §9).
  if (options.stage == report::Stage::final && !o.allow_anon && anon_blocks_final(*study))
    return kProblems;
  // One writer of out/ at a time (SPEC §7); the lock also makes it safe to remove what a
  // killed run left behind.
  fs::OutputLock lock;
  if (auto st = lock.acquire(study->root); !st) {
    print_error(st.error().message);
    return kCantCreate;
  }
  // Never a file outside the study: a link on the way out of it is refused (exit 73).
  if (auto st = fs::check_output(study->root, study->manifest.output); !st) {
    print_error(st.error().message);
    return kCantCreate;
  }
  const auto out_dir = study->root / study->manifest.output;
  fs::AtomicBatch::remove_stale(out_dir);
  const auto analyses = analyse_all(*study, options);
  release_free_memory();
  // Each file goes into a new folder as it is rendered, and its bytes are let go (SPEC §13);
  // the batch swaps the whole folder in only when every file is written, and removes it when
  // it is left without a commit (SPEC §7).
  fs::AtomicBatch batch(out_dir);
  BatchWriter writer(batch);
  auto st = report::render_each(*study, analyses, options, writer);
  const std::string& round = options.load.round;
  bool kept_cross = false;
  if (st && !round.empty()) st = keep_other_rounds(*study, round, batch, kept_cross);
  if (st) st = batch.commit();
  if (!st) {
    print_error(st.error().message);
    print_error(format(tr("nothing was changed in {1}/"), {study->manifest.output}));
    return kCantCreate;
  }
  if (!round.empty() && !g.quiet) note_cross_round(round, kept_cross);
  if (!batch.leftover().empty()) {
    std::cerr << "ipcode: warning: "
              << format(tr("the previous output could not be removed completely; it is in {1} "
                           "and goes at the next run"),
                        {fs::relative_to(study->root, batch.leftover())})
              << '\n';
  }
  if (o.write_drafts) {
    if (const int c = write_drafts(g, *study, analyses); c != kOk) return c;
  }
  if (!g.quiet) {
    std::cout << format(tr("Wrote {1} files to {2}/"),
                        {std::to_string(batch.size()), study->manifest.output})
              << '\n';
  }
  return kOk;
}

}  // namespace

void add_condense_options(CLI::App& cmd, CondenseOptions& o) {
  cmd.add_option("--round", o.report.load.round, tr("Only this round"));
  cmd.add_option("--coder", o.report.load.coder, tr("Use only this coder's coding files"));
  cmd.add_flag("--include-interviewer", o.report.load.include_interviewer,
               tr("Count units in interviewer turns too"));
  auto* format_opt = cmd.add_option_function<std::vector<std::string>>(
      "--format",
      [&o](const std::vector<std::string>& formats) {
        o.format_given = true;
        for (const auto& f : formats) {
          o.report.xlsx = o.report.xlsx || f == "xlsx";
          o.report.docx = o.report.docx || f == "docx";
        }
      },
      tr("Extra output formats: xlsx, docx (csv, md and html are always written)"));
  format_opt->delimiter(',');
  one_of(format_opt, {"csv", "md", "html", "xlsx", "docx"});
  auto* split_opt = cmd.add_option_function<std::vector<std::string>>(
      "--split-by",
      [&o](const std::vector<std::string>& attrs) {
        o.split_given = true;
        for (const auto& written : attrs) {
          // The manifest's own Norwegian key for the role (SPEC §2 aliases).
          const std::string a = written == "rolle" ? "role" : written;
          if (std::find(o.report.split_by.begin(), o.report.split_by.end(), a) ==
              o.report.split_by.end())
            o.report.split_by.push_back(a);
        }
      },
      tr("Compare groups of informants by role or an attribute: prevalence-by-ATTR.csv"));
  split_opt->delimiter(',');
  auto* stage_opt = cmd.add_option_function<std::string>(
      "--stage",
      [&o](const std::string& s) {
        o.stage_given = true;
        o.report.stage = s == "final" ? report::Stage::final : report::Stage::working;
      },
      tr("working (default): everything for the researcher; final: text for the thesis"));
  one_of(stage_opt, {"working", "final"});
  cmd.add_flag_function(
      "--member-check",
      [&o](std::int64_t) {
        o.member_check_given = true;
        o.report.member_check = true;
      },
      tr("Also write a member-check letter per informant (out/R/member-check/, .md and .docx)"));
}

void setup_condense(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<CondenseOptions>();
  auto* cmd = app.add_subcommand("condense", tr("Write the matrices and reports of every round"));
  add_condense_options(*cmd, *opts);
  cmd->add_flag("--write-drafts", opts->write_drafts,
                tr("Write draft condensates to a new file in condensation/ for you to edit"));
  cmd->add_flag("--allow-anon", opts->allow_anon,
                tr("With --stage final: write the report even if a quote holds possible "
                   "identifying data (ipcode anon)"));
  cmd->callback(
      [&ctx, opts] { ctx.action = [&ctx, opts] { return run_condense(ctx.globals, *opts); }; });
}

}  // namespace ipcode::cli
