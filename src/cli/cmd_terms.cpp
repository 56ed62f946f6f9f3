// `ipcode terms`: the most distinctive words per transcript, informant, round or role (SPEC §7,
// a step 1 aid).
#include "cli/common.hpp"
#include "ipcode/aids/terms.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/report/report.hpp"
#include "ipcode/text/text.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace ipcode::cli {
namespace {

struct TermsArgs {
  std::string by = "transcript";
  std::string format = "text";
  int top = 10;
  int min_count = 3;
  bool include_interviewer = false;
  loader::Options load;
};

// G² with `decimals` decimals and the given decimal sign.
std::string number(double v, int decimals, char point) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  std::ranges::replace(s, '.', point);
  return s;
}

// The group a turn counts in, for --by.
aids::GroupOf grouping(const std::string& by, const loader::Study& study) {
  if (by == "round") return [](const transcript::Transcript& t, int) { return t.round; };
  const auto speaker = [](const transcript::Transcript& t, int turn) {
    return turn >= 0 ? t.turns[static_cast<std::size_t>(turn)].speaker : t.informant;
  };
  if (by == "informant") return speaker;
  if (by == "role") {
    // Roles from the manifest, named in the report language like the reports' attribution:
    // an informant without a role is a "deltaker", an interviewer an "intervjuer".
    const std::string lang = i18n::normalise_language(study.manifest.language);
    std::map<std::string, std::string, std::less<>> roles;
    for (const auto& inf : study.manifest.informants) {
      if (!inf.role.empty()) roles[inf.id] = inf.role;
    }
    return [roles = std::move(roles), speaker, none = i18n::tr_in(lang, "participant"),
            interviewer = i18n::tr_in(lang, "interviewer")](const transcript::Transcript& t,
                                                            int turn) {
      if (turn >= 0 && t.turns[static_cast<std::size_t>(turn)].interviewer) return interviewer;
      const auto it = roles.find(speaker(t, turn));
      return it != roles.end() ? it->second : none;
    };
  }
  return [](const transcript::Transcript& t, int) { return t.id; };
}

void order_groups(const std::string& by, std::vector<aids::TermGroup>& groups) {
  // --by transcript and round keep the study's order (rounds as in the manifest, transcripts
  // in natural order of file name).
  if (by == "informant") {
    std::ranges::stable_sort(
        groups, [](const auto& a, const auto& b) { return natural_less(a.name, b.name); });
  } else if (by == "role") {
    std::ranges::stable_sort(groups, [](const auto& a, const auto& b) {
      const int c = text::collate(a.name, b.name);
      return c != 0 ? c < 0 : a.name < b.name;
    });
  }
}

void print_text(const std::vector<aids::TermGroup>& groups, std::ostream& out) {
  const char point = i18n::language() == "en" ? '.' : ',';
  std::vector<std::vector<std::string>> rows = {
      {tr("group"), tr("term"), tr("count"), tr("rest"), "G\u00b2", tr("transcripts")}};
  for (const auto& g : groups) {
    for (const auto& t : g.terms) {
      rows.push_back({g.name, t.word, std::to_string(t.count), std::to_string(t.rest),
                      number(t.g2, 1, point), std::to_string(t.transcripts)});
    }
  }
  std::vector<std::size_t> width(rows[0].size(), 0);
  for (const auto& r : rows) {
    for (std::size_t k = 0; k < r.size(); ++k)
      width[k] = std::max(width[k], text::display_width(r[k]));
  }
  // Words left-aligned, numbers right-aligned, two spaces between columns.
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t k = 0; k < r.size(); ++k) {
      const std::string pad(width[k] - text::display_width(r[k]), ' ');
      if (k > 0) line += "  ";
      line += k < 2 ? r[k] + (k + 1 < r.size() ? pad : "") : pad + r[k];
    }
    out << line << '\n';
  }
}

int run_terms(const Globals& g, const TermsArgs& a) {
  if (a.top < 1) {
    print_error(format(tr("--top must be 1 or more, not {1}"), {std::to_string(a.top)}));
    return kUsage;
  }
  if (a.min_count < 1) {
    print_error(
        format(tr("--min-count must be 1 or more, not {1}"), {std::to_string(a.min_count)}));
    return kUsage;
  }
  if (!round_exists(g, a.load.round)) return kUsage;
  int code = kOk;
  const auto study = load_transcripts(g, a.load, code);
  if (!study) return code;

  std::vector<const transcript::Transcript*> transcripts;
  for (const auto& round : study->rounds) {
    for (const auto& t : round.transcripts) transcripts.push_back(&t);
  }
  aids::TermsOptions options;
  options.include_interviewer = a.include_interviewer;
  options.top = static_cast<std::size_t>(a.top);
  options.min_count = static_cast<std::uint64_t>(a.min_count);
  auto groups = aids::terms(transcripts, grouping(a.by, *study), options);
  std::erase_if(groups, [](const auto& gr) { return gr.terms.empty(); });
  order_groups(a.by, groups);
  if (groups.empty()) {
    if (!g.quiet) {
      std::cerr << format(tr("no terms: no word occurs {1} times or more in a group"),
                          {std::to_string(a.min_count)});
      // A handful of short interviews: the student's likely case, and what to do about it.
      if (a.min_count > 1) {
        std::cerr << format(tr(" (a small study: try --min-count {1})"),
                            {a.min_count > 2 ? "2" : "1"});
      }
      std::cerr << '\n';
    }
    return kOk;
  }
  if (a.format == "csv") {
    std::string out =
        report::csv_row({"group", "rank", "term", "stem", "count", "rest", "g2", "transcripts"});
    for (const auto& gr : groups) {
      for (std::size_t k = 0; k < gr.terms.size(); ++k) {
        const auto& t = gr.terms[k];
        out += report::csv_row({gr.name, std::to_string(k + 1), t.word, t.stem,
                                std::to_string(t.count), std::to_string(t.rest),
                                number(t.g2, 2, '.'), std::to_string(t.transcripts)});
      }
    }
    std::cout << out;
    return kOk;
  }
  print_text(groups, std::cout);
  return kOk;
}

}  // namespace

void setup_terms(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<TermsArgs>();
  auto* cmd = app.add_subcommand(
      "terms", tr("Show the most distinctive words of each transcript, informant, round or role"));
  cmd->add_option("--round", args->load.round, tr("Only this round"));
  cmd->add_option("--top", args->top, tr("Words per group (default: 10)"))->type_name(tr("NUMBER"));
  one_of(cmd->add_option("--by", args->by, tr("Groups to compare (default: transcript)")),
         {"transcript", "informant", "round", "role"});
  cmd->add_option("--min-count", args->min_count,
                  tr("Times a word must occur in a group to be listed (default: 3)"))
      ->type_name(tr("NUMBER"));
  cmd->add_flag("--include-interviewer", args->include_interviewer,
                tr("Count the interviewer's turns too"));
  one_of(cmd->add_option("--format", args->format, tr("Output format: text or csv")),
         {"text", "csv"});
  cmd->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return run_terms(ctx.globals, *args); }; });
}

}  // namespace ipcode::cli
