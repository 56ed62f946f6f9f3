// `ipcode anon` (SPEC §9): identifying data in the study, and a pseudonymised copy of it.
#include "cli/anon_findings.hpp"
#include "cli/common.hpp"
#include "ipcode/anon/study.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace ipcode::cli {
namespace {

namespace stdfs = std::filesystem;

struct AnonArgs {
  std::string map;
  bool apply = false;
  std::string to;
};

std::string category_label(anon::Category c) { return tr(anon::category_name(c)); }

// "possible phone number: 912*****7": the finding itself is never printed.
std::string finding_message(const anon::Place& p) {
  return format(tr("possible {1}: {2}"), {category_label(p.category), anon::mask(p.text)});
}

// The summary per category, in the fixed order of the categories: "name: 3".
std::string per_category(const std::map<anon::Category, std::size_t>& counts) {
  std::string out;
  for (const auto c : anon::kCategories) {
    const auto it = counts.find(c);
    if (it == counts.end()) continue;
    out += "  " + category_label(c) + ": " + std::to_string(it->second) + "\n";
  }
  return out;
}

// Whether `inner` is `outer` or inside it (both made absolute and canonical as far as they
// exist).
bool inside(const stdfs::path& outer, const stdfs::path& inner) {
  std::error_code ec;
  const auto o = stdfs::weakly_canonical(stdfs::absolute(outer, ec), ec);
  const auto i = stdfs::weakly_canonical(stdfs::absolute(inner, ec), ec);
  auto oi = o.begin();
  auto ii = i.begin();
  for (; oi != o.end(); ++oi, ++ii) {
    if (oi->empty()) continue;  // a trailing '/'
    if (ii == i.end() || *oi != *ii) return false;
  }
  return true;
}

int apply(const Globals& g, const AnonArgs& a, const loader::Study& study,
          const anon::Rules& rules) {
  const stdfs::path to(a.to);
  if (inside(study.root, to)) {
    print_error(format(tr("--to {1} is inside the study folder; the copy must go to a folder "
                          "outside it (the study is never changed)"),
                       {a.to}));
    return kUsage;
  }
  std::error_code ec;
  const bool exists = stdfs::exists(to, ec);
  if (exists && (!stdfs::is_directory(to, ec) || !stdfs::is_empty(to, ec))) {
    print_error(
        format(tr("--to {1} exists and is not an empty folder; name a new folder"), {a.to}));
    return kUsage;
  }
  // The map never goes into the copy, even when it is kept in the study folder.
  std::vector<std::string> leave_out;
  if (!a.map.empty() && inside(study.root, a.map)) {
    leave_out.push_back(fs::relative_to(stdfs::weakly_canonical(stdfs::absolute(study.root), ec),
                                        stdfs::weakly_canonical(stdfs::absolute(a.map), ec)));
  }
  std::vector<std::string> skipped;
  std::map<anon::Category, std::size_t> counts;
  const auto files = anon::pseudonymise(study, rules, leave_out, skipped, counts);
  // One transaction: the whole copy or nothing (an existing empty folder is filled in place).
  const auto st = exists ? fs::fill_folder(to, files) : fs::write_all_atomic(to, files);
  if (!st) {
    print_error(st.error().message);
    return kCantCreate;
  }
  for (const auto& s : skipped) {
    std::cerr << s << ": warning: "
              << tr("not copied: ipcode reads only text files, so it cannot pseudonymise this "
                    "one; copy it yourself once it holds no identifying data")
              << '\n';
  }
  if (!g.quiet) {
    std::size_t total = 0;
    for (const auto& [c, n] : counts) total += n;
    std::cout << format(tr("Wrote a pseudonymised copy of the study to {1}: {2} files, {3} "
                           "replacements"),
                        {a.to, std::to_string(files.size()), std::to_string(total)})
              << '\n'
              << per_category(counts);
  }
  return kOk;
}

int run_anon(const Globals& g, const AnonArgs& a) {
  if (a.apply != !a.to.empty()) {
    print_error(tr("--apply and --to go together: ipcode anon --apply --to FOLDER"));
    return kUsage;
  }
  std::vector<anon::Known> known;
  if (!a.map.empty()) {
    const auto bytes = fs::read_file(a.map);
    if (!bytes) {
      print_error(format(tr("cannot read the map {1}"), {a.map}));
      return kNoInput;
    }
    Diagnostics diags;
    known = anon::parse_map(text::decode(*bytes).utf8, a.map, diags);
    if (diags.has_errors()) {
      print_diagnostics(diags, g);
      return kDataErr;
    }
  }
  int code = kOk;
  loader::Options load;
  load.hash_inputs = false;  // the copy is written from the files, not from these hashes
  const auto study = load_valid(g, load, code);
  if (!study) return code;
  const auto rules = anon::rules_for(*study, std::move(known));
  if (a.apply) return apply(g, a, *study, rules);

  const auto places = anon::scan_study(*study, rules);
  std::map<anon::Category, std::size_t> counts;
  for (const auto& p : places) {
    std::cout << p.file << ':' << p.line << ':' << p.col << ": warning: " << finding_message(p)
              << '\n';
    ++counts[p.category];
  }
  if (!g.quiet) {
    if (places.empty()) {
      std::cerr << tr("No identifying data found.") << '\n';
    } else {
      std::cerr << format(trn("{1} finding:", "{1} findings:", static_cast<long>(places.size())),
                          {std::to_string(places.size())})
                << '\n'
                << per_category(counts)
                << tr("Anonymise them (ipcode anon --apply --to FOLDER), or add words that do "
                      "not identify anyone to anon: allow: in ipcode.yaml.")
                << '\n';
    }
  }
  return places.empty() ? kOk : kProblems;
}

}  // namespace

void anon_warnings(const loader::Study& study, Diagnostics& diags) {
  for (const auto& p : anon::scan_study(study, anon::rules_for(study, {}))) {
    diags.warning(p.file, p.line, p.col,
                  finding_message(p) + " " + tr("(ipcode anon; anonymise it or allow it)"));
  }
}

bool anon_blocks_final(const loader::Study& study) {
  const auto places = anon::scan_final_quotes(study, anon::rules_for(study, {}));
  for (const auto& p : places) {
    std::cerr << p.file << ':' << p.line << ':' << p.col << ": error: "
              << format(tr("possible {1} {2} in the quote of unit {3}, which the final report "
                           "shows"),
                        {category_label(p.category), anon::mask(p.text), p.unit})
              << '\n';
  }
  if (!places.empty()) {
    print_error(
        tr("the final report would show identifying data; anonymise the transcripts "
           "(ipcode anon --apply --to FOLDER), add words that identify no one to anon: "
           "allow: in ipcode.yaml, or run with --allow-anon if you are sure"));
  }
  return !places.empty();
}

void setup_anon(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<AnonArgs>();
  auto* cmd = app.add_subcommand(
      "anon", tr("Find identifying data (names, phone numbers, id numbers...) in the study"));
  cmd->add_option("--map", args->map,
                  tr("A YAML file of the study's own identifiers, 'real: pseudonym' a line"))
      ->type_name(tr("FILE"));
  cmd->add_flag("--apply", args->apply,
                tr("Write a pseudonymised copy of the study (needs --to); the study is not "
                   "changed"));
  cmd->add_option("--to", args->to, tr("The new folder for the copy, outside the study"))
      ->type_name(tr("FOLDER"));
  cmd->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return run_anon(ctx.globals, *args); }; });
}

}  // namespace ipcode::cli
