// `ipcode agree`: agreement between two coders (SPEC §11). The two sides are two coding files,
// two folders of coding files, or two coders (--coder); transcripts are paired by id, and a
// transcript only one side coded is named in a warning, never dropped in silence.
#include "cli/agree_print.hpp"
#include "cli/common.hpp"
#include "ipcode/agree/agree.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ipcode::cli {
namespace {

namespace stdfs = std::filesystem;

struct AgreeArgs {
  std::vector<std::string> paths;
  std::vector<std::string> coders;
  std::string round;
  std::string unit = "sentence";
  std::string level = "subgroup";
  std::string format = "text";
  bool disagreements = false;
};

// One side of the comparison: the coding files (study-relative paths) it consists of.
struct Side {
  std::string name;
  std::set<std::string> files;
};

// A path from the command line as the study names it: relative to the study folder. A path
// that exists from the current folder is taken from there (inside the study), else it is
// read as study-relative already.
std::string study_relative(const Globals& g, const std::string& given) {
  std::error_code ec;
  const stdfs::path root = stdfs::weakly_canonical(g.dir, ec);
  if (stdfs::exists(given, ec)) {
    const auto full = stdfs::weakly_canonical(given, ec);
    const auto rel = full.lexically_relative(root);
    if (!ec && !rel.empty() && *rel.begin() != "..") return rel.generic_string();
  }
  std::string rel = stdfs::path(given).lexically_normal().generic_string();
  while (rel.ends_with("/")) rel.pop_back();
  return rel;
}

// The side a FILE or FOLDER argument names; false (with `code` set) when it names none.
bool side_from_path(const Globals& g, const loader::Study& study, const std::string& given,
                    Side& side, int& code) {
  const std::string rel = study_relative(g, given);
  std::error_code ec;
  const bool folder = stdfs::is_directory(stdfs::path(g.dir) / rel, ec);
  std::set<std::string> coders;
  for (const auto& round : study.rounds) {
    for (const auto& f : round.coding) {
      const bool in = folder ? (rel == "." || f.path.starts_with(rel + "/")) : f.path == rel;
      if (!in) continue;
      side.files.insert(f.path);
      coders.insert(f.coder);
    }
  }
  if (!side.files.empty()) {
    side.name = coders.size() == 1 ? *coders.begin() : given;
    return true;
  }
  if (!folder && !stdfs::exists(stdfs::path(g.dir) / rel, ec)) {
    print_error(format(tr("the file '{1}' does not exist or cannot be read"), {given}));
    code = kNoInput;
    return false;
  }
  print_error(format(folder
                         ? tr("the folder '{1}' holds no coding file of the study (of the round "
                              "chosen); a coding file must match a round's 'coding:' pattern in "
                              "ipcode.yaml")
                         : tr("'{1}' is not a coding file of the study (of the round chosen): no "
                              "round's 'coding:' pattern in ipcode.yaml matches it; move it into "
                              "the round's coding folder"),
                     {given}));
  code = kUsage;
  return false;
}

bool side_from_coder(const loader::Study& study, const std::string& coder, Side& side) {
  std::set<std::string> all;
  for (const auto& round : study.rounds) {
    for (const auto& f : round.coding) {
      all.insert(f.coder);
      if (f.coder == coder) side.files.insert(f.path);
    }
  }
  side.name = coder;
  if (!side.files.empty()) return true;
  print_error(format(tr("no coding file says 'coder: {1}'; the coders in the study are: {2}"),
                     {coder, join(std::vector<std::string>(all.begin(), all.end()), ", ")}));
  return false;
}

// What the two sides wrote for one transcript.
struct Coded {
  std::vector<const loader::Unit*> units[2];
  std::vector<const coding::CodingFile*> files[2];
};

int run_agree(const Globals& g, const AgreeArgs& a) {
  const bool by_coder = !a.coders.empty();
  if ((by_coder && (a.coders.size() != 2 || !a.paths.empty())) ||
      (!by_coder && a.paths.size() != 2)) {
    print_error(
        tr("name the two sides to compare: two coding files, two folders, or "
           "'--coder A --coder B'"));
    return kUsage;
  }
  if (!round_exists(g, a.round)) return kUsage;
  loader::Options options;
  options.round = a.round;
  options.hash_inputs = false;
  int code = kOk;
  const auto study = load_valid(g, options, code);
  if (!study) return code;

  Side sides[2];
  for (int s = 0; s < 2; ++s) {
    const bool ok = by_coder ? side_from_coder(*study, a.coders[s], sides[s])
                             : side_from_path(g, *study, a.paths[s], sides[s], code);
    if (!ok) return by_coder ? kUsage : code;
  }
  for (const auto& f : sides[0].files) {
    if (sides[1].files.count(f) != 0) {
      print_error(format(tr("'{1}' is on both sides; compare two different codings"), {f}));
      return kUsage;
    }
  }
  if (sides[0].name == sides[1].name) {
    sides[0].name = a.paths.empty() ? "A" : a.paths[0];
    sides[1].name = a.paths.empty() ? "B" : a.paths[1];
  }

  // Units merge across coders in a loaded study (SPEC §5): each coder's units come from a
  // load of that coder alone, and are told apart by the file they were written in.
  std::map<std::string, loader::Study> by_coder_study;
  for (const auto& round : study->rounds) {
    for (const auto& f : round.coding) {
      if (sides[0].files.count(f.path) == 0 && sides[1].files.count(f.path) == 0) continue;
      if (by_coder_study.count(f.coder) != 0) continue;
      loader::Options one = options;
      one.coder = f.coder;
      Diagnostics ignored;  // the whole study loaded cleanly above
      by_coder_study.emplace(f.coder, loader::load(g.dir, one, ignored));
    }
  }

  std::map<std::pair<std::size_t, int>, Coded> coded;  // (round, transcript) -> both sides
  for (std::size_t r = 0; r < study->rounds.size(); ++r) {
    const auto& round = study->rounds[r];
    for (const auto& f : round.coding) {
      for (int s = 0; s < 2; ++s) {
        if (sides[s].files.count(f.path) == 0) continue;
        const int t = round.find_transcript(f.transcript);
        if (t < 0) continue;  // reported by the loader
        auto& c = coded[{r, t}];
        c.files[s].push_back(&f);
        for (const auto& u : by_coder_study.at(f.coder).rounds[r].units) {
          if (u.file() == f.path) c.units[s].push_back(&u);
        }
      }
    }
  }

  Diagnostics diags;
  AgreeReport report;
  report.names = {sides[0].name, sides[1].name};
  std::vector<agree::Pair> pairs;
  for (const auto& [key, c] : coded) {
    const auto& round = study->rounds[key.first];
    const auto& t = round.transcripts[static_cast<std::size_t>(key.second)];
    const int missing = c.files[0].empty() ? 0 : c.files[1].empty() ? 1 : -1;
    if (missing >= 0) {
      const int present = 1 - missing;
      for (const auto* f : c.files[present]) {
        diags.warning(f->path, f->transcript_at.line, f->transcript_at.col,
                      format(tr("the transcript '{1}' is coded only by {2}, not by {3}; it is "
                                "left out of the agreement"),
                             {t.id, sides[present].name, sides[missing].name}));
      }
      report.one_sided.push_back(t.id + " (" + sides[present].name + ")");
      continue;
    }
    report.transcripts.push_back(t.id);
    pairs.push_back({&t, &round.codebook, c.units[0], c.units[1]});
  }
  print_diagnostics(diags, g);
  if (pairs.empty()) {
    print_error(format(tr("no transcript is coded by both {1} and {2}: there is nothing to "
                          "compare"),
                       {sides[0].name, sides[1].name}));
    return kDataErr;
  }
  report.unit = a.unit == "character" ? agree::UnitKind::character : agree::UnitKind::sentence;
  report.level = a.level == "theme"   ? codebook::Level::theme
                 : a.level == "group" ? codebook::Level::group
                                      : codebook::Level::subgroup;
  report.result = agree::compare(pairs, report.unit, report.level);
  report.report_language = i18n::normalise_language(study->manifest.language);
  if (a.format == "csv") {
    std::cout << (a.disagreements ? agree_disagreements_csv(report) : agree_csv(report));
  } else {
    std::cout << agree_text(report);
  }
  return kOk;
}

}  // namespace

void setup_agree(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<AgreeArgs>();
  auto* cmd = app.add_subcommand(
      "agree", tr("Agreement between two coders: percent, Cohen's kappa, Krippendorff's alpha"));
  cmd->add_option("SIDES", args->paths,
                  tr("Two coding files, or two folders of coding files, to compare"))
      ->type_name(tr("FILE_A FILE_B"));
  cmd->add_option("--coder", args->coders,
                  tr("Compare two coders' coding files (give it twice: --coder A --coder B)"))
      ->type_name(tr("CODER"));
  cmd->add_option("--round", args->round, tr("Compare only this round"));
  one_of(cmd->add_option("--unit", args->unit,
                         tr("Units of analysis: the sentences of informant speech (default) or "
                            "its characters, as NVivo counts")),
         {"sentence", "character"});
  one_of(cmd->add_option("--level", args->level,
                         tr("Compare codes at this level: a subgroup also counts for its group "
                            "and theme (default: subgroup)")),
         {"subgroup", "group", "theme"});
  one_of(cmd->add_option("--format", args->format, tr("Output format: text or csv")),
         {"text", "csv"});
  cmd->add_flag("--disagreements", args->disagreements,
                tr("With --format csv: list the sentences the two coded differently instead of "
                   "the table per code"));
  cmd->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return run_agree(ctx.globals, *args); }; });
}

}  // namespace ipcode::cli
