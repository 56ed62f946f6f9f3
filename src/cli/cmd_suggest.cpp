// `ipcode suggest`: candidate meaning units from the codebook's keywords, one coding file per
// transcript for the researcher to review (SPEC §7, step 2).
#include "cli/common.hpp"
#include "cli/table.hpp"
#include "ipcode/aids/suggest.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/parallel.hpp"
#include "ipcode/base/strings.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::cli {
namespace {

namespace stdfs = std::filesystem;

struct SuggestArgs {
  std::string round;
  std::string out;
  std::string unit = "sentence";
};

// Writes `bytes` to `path`; an error message, empty on success. Not synced to disk, like
// write_atomic: suggestions can be made again, and a study of a thousand interviews may get
// more suggested text than it has transcript text.
std::string write_file(const stdfs::path& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return std::strerror(errno);
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const int why = errno;
  if (std::fclose(f) != 0) return std::strerror(errno);
  return ok ? std::string() : std::strerror(why);
}

// Moves every file written to `staging` (study-relative names) into place, or none: each is
// hard-linked to its place (link() never replaces a file, so a reader never sees half a file
// and nothing is overwritten); a failure removes what was linked and the folders made for it.
// The staging folder goes in any case.
Status link_into_place(const stdfs::path& root, const stdfs::path& staging,
                       const std::vector<std::string>& names) {
  std::error_code ec;
  std::vector<stdfs::path> linked;
  std::vector<stdfs::path> made;  // folders made, parents first
  const auto undo = [&](const stdfs::path& at, const std::string& why) -> Status {
    for (const auto& p : linked) stdfs::remove(p, ec);
    for (auto it = made.rbegin(); it != made.rend(); ++it) stdfs::remove(*it, ec);
    stdfs::remove_all(staging, ec);
    return Error{ErrorKind::cannot_write, format(tr("cannot write {1}: {2}; nothing was written"),
                                                 {fs::relative_to(root, at), why})};
  };
  for (const auto& rel : names) {
    const stdfs::path to = root / rel;
    std::vector<stdfs::path> missing;
    for (stdfs::path p = to.parent_path(); !p.empty() && !stdfs::exists(p, ec);
         p = p.parent_path()) {
      missing.push_back(p);
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      if (!stdfs::create_directory(*it, ec)) return undo(*it, ec.message());
      made.push_back(*it);
    }
    if (::link((staging / rel).c_str(), to.c_str()) != 0) {
      return undo(to, std::strerror(errno));
    }
    linked.push_back(to);
  }
  stdfs::remove_all(staging, ec);
  return Ok{};
}

struct RoundPlan {
  const loader::RoundData* round;
  std::unique_ptr<aids::Suggester> suggester;
  std::vector<std::vector<aids::CodedSpan>> coded;  // by transcript
  std::string dir;                                  // study-relative, no trailing '/'
  std::vector<std::string> node_ids;
};

int run_suggest(const Globals& g, const SuggestArgs& a) {
  if (!round_exists(g, a.round)) return kUsage;
  std::optional<std::string> out_dir;
  if (!a.out.empty()) {
    out_dir = inside_study(g.dir, a.out);
    if (!out_dir) {
      print_error(format(tr("-o {1} is outside the study: ipcode writes only inside the study "
                            "folder; name a folder in it, such as suggestions"),
                         {a.out}));
      return kUsage;
    }
  }
  // The codebook and the coding files are needed: what is coded already is not suggested.
  loader::Options load;
  load.round = a.round;
  load.hash_inputs = false;
  int code = kOk;
  const auto study = load_valid(g, load, code);
  if (!study) return code;
  if (out_dir && study->rounds.size() > 1) {
    print_error(
        tr("-o needs --round when the study has several rounds (each round's "
           "suggestions are written to a folder of their own)"));
    return kUsage;
  }
  const auto unit = a.unit == "turn" ? aids::SuggestUnit::turn : aids::SuggestUnit::sentence;

  std::vector<RoundPlan> plans;
  struct Job {
    std::size_t plan;
    std::size_t transcript;
  };
  std::vector<Job> jobs;
  bool any_keyword = false;
  for (const auto& round : study->rounds) {
    RoundPlan plan;
    plan.round = &round;
    const auto& cb = round.codebook;
    std::vector<aids::Keyword> keywords;
    for (std::size_t n = 0; n < cb.nodes.size(); ++n) {
      for (const auto& source : cb.nodes[n].keywords) {
        std::string error;  // the loader has reported a keyword that does not compile
        if (auto p = aids::compile(source, error))
          keywords.push_back({static_cast<int>(n), source, std::move(*p)});
      }
    }
    any_keyword = any_keyword || !keywords.empty();
    plan.suggester = std::make_unique<aids::Suggester>(std::move(keywords));
    plan.coded.resize(round.transcripts.size());
    for (const auto& u : round.units) {
      if (u.transcript < 0) continue;
      aids::CodedSpan span{u.span_begin, u.span_end, {}};
      for (const int c : u.codes) {
        for (const int n : cb.lineage(c)) span.nodes.push_back(n);
      }
      plan.coded[static_cast<std::size_t>(u.transcript)].push_back(std::move(span));
    }
    plan.dir = out_dir ? *out_dir : "suggestions/" + round.spec.id;
    for (std::size_t t = 0; t < round.transcripts.size(); ++t) jobs.push_back({plans.size(), t});
    plans.push_back(std::move(plan));
  }
  if (!any_keyword) {
    if (!g.quiet)
      std::cerr << tr("the codebook has no keywords, so there is nothing to suggest: give its "
                      "nodes keywords (keywords: [plan, signer*])")
                << '\n';
    return kOk;
  }

  const std::string& lang = study->manifest.language;
  const std::string header =
      i18n::tr_in(lang,
                  "Meaning units suggested by ipcode suggest from the codebook's keywords.\n"
                  "Read each one: delete what does not fit, adjust lines, quote and codes,\n"
                  "then move the file into the round's coding folder.");
  for (auto& p : plans) {
    for (const auto& node : p.round->codebook.nodes) p.node_ids.push_back(node.id);
  }
  // File names: the transcript's file name; a second transcript of the round with the same
  // one (in another folder) by its id.
  std::vector<std::string> names(jobs.size());
  {
    std::set<std::string> used;
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      const RoundPlan& p = plans[jobs[j].plan];
      const auto& t = p.round->transcripts[jobs[j].transcript];
      const std::string dir = p.dir.empty() ? "" : p.dir + "/";
      std::string name = dir + stdfs::path(t.path).stem().string() + ".suggested.yaml";
      if (!used.insert(name).second) name = dir + t.id + ".suggested.yaml";
      used.insert(name);
      names[j] = name;
    }
  }
  // Each file goes to a hidden folder in the study as soon as it is made (a study may get
  // more suggested text than it has transcripts: it is never all held at once); only when
  // all are there, and none of them exists already, are they put in place.
  const stdfs::path staging = study->root / (".suggest.tmp-" + std::to_string(::getpid()));
  std::error_code ec;
  stdfs::remove_all(staging, ec);
  for (const auto& p : plans) stdfs::create_directories(staging / p.dir, ec);

  // Step 2 over every transcript on a few threads; each result in its own slot.
  std::vector<std::vector<aids::Suggestion>> results(jobs.size());
  std::vector<char> exists(jobs.size(), 0);
  std::vector<std::string> failed(jobs.size());
  parallel_for(jobs.size(), [&](std::size_t j) {
    const RoundPlan& p = plans[jobs[j].plan];
    const auto& t = p.round->transcripts[jobs[j].transcript];
    auto& found = results[j];
    found = p.suggester->suggest(t, p.coded[jobs[j].transcript], unit);
    if (found.empty()) return;
    std::error_code e;
    exists[j] = stdfs::exists(stdfs::symlink_status(study->root / names[j], e)) ? 1 : 0;
    // One buffer per thread, kept from file to file: a file can be several megabytes, and a
    // new one for each would be fresh memory from the kernel each time.
    thread_local std::string bytes;
    bytes.clear();
    aids::render_suggestions(bytes, t, found, p.suggester->keywords(), p.node_ids, "suggest",
                             header);
    failed[j] = write_file(staging / names[j], bytes);
    for (auto& sg : found) std::string().swap(sg.quote);  // the summary needs the codes only
  });

  std::vector<std::string> to_place;
  bool refused = false;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (results[j].empty()) continue;
    to_place.push_back(names[j]);
    // Never overwrite: a file from an earlier run may hold the researcher's edits.
    if (exists[j]) {
      print_error(format(tr("{1} exists already; ipcode suggest never overwrites a file: move "
                            "it away or name another folder with -o (nothing was written)"),
                         {names[j]}));
      refused = true;
    }
  }
  if (!refused) {
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      if (failed[j].empty()) continue;
      print_error(format(tr("cannot write {1}: {2}; nothing was written"), {names[j], failed[j]}));
      refused = true;
      break;
    }
  }
  if (refused || to_place.empty()) stdfs::remove_all(staging, ec);
  if (refused) return kCantCreate;
  if (to_place.empty()) {
    if (!g.quiet)
      std::cerr << tr("no suggestions: no keyword occurs in informants' speech that is not "
                      "coded with its node already")
                << '\n';
    return kOk;
  }
  if (auto st = link_into_place(study->root, staging, to_place); !st) {
    print_error(st.error().message);
    return kCantCreate;
  }
  if (g.quiet) return kOk;

  // Per round and node (codebook order, nodes with keywords): units suggested, transcripts.
  std::size_t j = 0;
  for (const RoundPlan& p : plans) {
    const auto& cb = p.round->codebook;
    std::vector<std::size_t> units(cb.nodes.size(), 0), transcripts(cb.nodes.size(), 0);
    std::size_t written = 0;
    for (; j < jobs.size() && &plans[jobs[j].plan] == &p; ++j) {
      std::vector<bool> seen(cb.nodes.size(), false);
      for (const auto& sg : results[j]) {
        for (const int n : sg.nodes) {
          ++units[static_cast<std::size_t>(n)];
          seen[static_cast<std::size_t>(n)] = true;
        }
      }
      for (std::size_t n = 0; n < seen.size(); ++n) transcripts[n] += seen[n] ? 1 : 0;
      written += results[j].empty() ? 0 : 1;
    }
    std::cout << format(trn("Round {1}: {2} file written to {3}/",
                            "Round {1}: {2} files written to {3}/", static_cast<long>(written)),
                        {p.round->spec.id, std::to_string(written), p.dir.empty() ? "." : p.dir})
              << '\n';
    Table table;
    table.add({tr("node"), tr("units"), tr("transcripts")});
    for (std::size_t n = 0; n < cb.nodes.size(); ++n) {
      if (cb.nodes[n].keywords.empty()) continue;
      const std::string indent(2 * static_cast<std::size_t>(cb.nodes[n].level), ' ');
      table.add(
          {indent + cb.nodes[n].id, std::to_string(units[n]), std::to_string(transcripts[n])});
    }
    table.print(std::cout, 2);
  }
  return kOk;
}

}  // namespace

void setup_suggest(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SuggestArgs>();
  auto* cmd = app.add_subcommand(
      "suggest", tr("Suggest meaning units from the codebook's keywords, as coding files to "
                    "review"));
  cmd->add_option("--round", args->round, tr("Only this round"));
  cmd->add_option("-o", args->out,
                  tr("Folder for the suggested files, inside the study (default: "
                     "suggestions/<round>)"))
      ->type_name(tr("FOLDER"));
  one_of(cmd->add_option("--unit", args->unit,
                         tr("A suggested unit is a sentence (default) or a whole turn")),
         {"sentence", "turn"});
  cmd->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return run_suggest(ctx.globals, *args); }; });
}

}  // namespace ipcode::cli
