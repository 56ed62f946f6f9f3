// `ipcode log [add TEXT]`: the project log (prosjektlogg), log.md in the study folder.
#include "cli/common.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

#include <CLI/CLI.hpp>

#include <ctime>
#include <filesystem>
#include <iostream>

namespace ipcode::cli {
namespace {

struct LogOptions {
  std::string text;
  std::string category;
};

std::string today() {
  // The log is an input written by people, so the system clock is the right source here.
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

int run_list(const Globals& g) {
  const auto dir = std::filesystem::path(g.dir);
  if (!std::filesystem::exists(dir / study::kManifestName)) {
    print_error(tr("no study here (ipcode.yaml is missing); use -C to name the study folder"));
    return kNoInput;
  }
  fs::ReadProblem why = fs::ReadProblem::none;
  auto log = fs::read_inside(dir, "log.md", &why);
  if (!log && why != fs::ReadProblem::missing) {
    print_error(log.error().message);
    return kNoInput;
  }
  if (!log) {
    if (!g.quiet)
      std::cout << tr("The project log is empty. Add an entry with: ipcode log add \"text\"")
                << '\n';
    return kOk;
  }
  std::cout << *log;
  return kOk;
}

int run_add(const Globals& g, const LogOptions& o) {
  const auto dir = std::filesystem::path(g.dir);
  if (!std::filesystem::exists(dir / study::kManifestName)) {
    print_error(tr("no study here (ipcode.yaml is missing); use -C to name the study folder"));
    return kNoInput;
  }
  if (trim(o.text).empty()) {
    print_error(tr("the log entry is empty; write what you decided and why"));
    return kUsage;
  }
  std::string log;
  fs::ReadProblem why = fs::ReadProblem::none;
  if (auto existing = fs::read_inside(dir, "log.md", &why)) {
    log = *existing;
  } else if (why != fs::ReadProblem::missing) {
    // A log that is there but cannot be read is never replaced by a new one.
    print_error(existing.error().message);
    return kNoInput;
  } else {
    log = "# " + tr("Project log") + "\n";
  }
  if (!log.empty() && log.back() != '\n') log += '\n';
  std::string heading = "## " + today();
  if (!o.category.empty()) heading += " — " + o.category;
  log += "\n" + heading + "\n\n" + std::string(trim(o.text)) + "\n";
  if (auto st = fs::write_atomic(dir / "log.md", log); !st) {
    print_error(st.error().message);
    return kCantCreate;
  }
  if (!g.quiet) std::cout << format(tr("Added to log.md: {1}"), {heading.substr(3)}) << '\n';
  return kOk;
}

}  // namespace

void setup_log(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<LogOptions>();
  auto* cmd = app.add_subcommand("log", tr("List the project log, or add a dated entry"));
  cmd->callback([&ctx, cmd] {
    if (cmd->get_subcommands().empty()) ctx.action = [&ctx] { return run_list(ctx.globals); };
  });
  auto* add = cmd->add_subcommand("add", tr("Add a dated entry to log.md"));
  add->add_option(tr("TEXT"), opts->text, tr("What you decided, and why"))
      ->required()
      ->type_name("");
  add->add_option("--category", opts->category, tr("A category, e.g. beslutning, koding, kodebok"));
  add->callback(
      [&ctx, opts] { ctx.action = [&ctx, opts] { return run_add(ctx.globals, *opts); }; });
}

}  // namespace ipcode::cli
