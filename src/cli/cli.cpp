#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <cstring>
#include <iostream>

#include "cli/common.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

namespace ipcode::cli {
namespace {

// --lang must be known before any help text or message is built, so it is read first.
std::string language_from_args(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--lang" && i + 1 < argc) return argv[i + 1];
    if (a.starts_with("--lang=")) return std::string(a.substr(7));
  }
  return {};
}

}  // namespace

int run(int argc, char** argv) {
  const std::string lang = language_from_args(argc, argv);
  i18n::set_language(lang.empty() ? i18n::language_from_environment() : lang);

  CLI::App app(tr("ipcode: systematic text condensation (Malterud) of interview transcripts"),
               "ipcode");
  Context ctx;
  // CLI11's own words in --help, in the message language too. Subcommands inherit the
  // formatter and the option group when they are created, so this comes first.
  auto formatter = std::make_shared<CLI::Formatter>();
  formatter->label("Usage", tr("Usage"));
  formatter->label("OPTIONS", tr("OPTIONS"));
  formatter->label("SUBCOMMAND", tr("COMMAND"));
  formatter->label("SUBCOMMANDS", tr("COMMANDS"));
  formatter->label("Positionals", tr("Positionals"));
  formatter->label("REQUIRED", tr("REQUIRED"));
  formatter->label("TEXT", tr("TEXT"));
  formatter->label("INT", tr("NUMBER"));
  app.formatter(formatter);
  app.option_defaults()->group(tr("Options"));
  app.set_version_flag("--version", std::string("ipcode ") + IPCODE_VERSION,
                       tr("Print the version and exit"));
  app.set_help_flag("-h,--help", tr("Print this help and exit"));
  app.add_option("-C", ctx.globals.dir, tr("Study folder (default: the current folder)"))
      ->type_name(tr("FOLDER"));
  app.add_option("--lang", ctx.globals.lang, tr("Language of messages: nb, nn or en"))
      ->check(CLI::IsMember({"nb", "nn", "en"}));
  app.add_flag("-q,--quiet", ctx.globals.quiet, tr("Print errors only"));
  app.add_flag("-v,--verbose", ctx.globals.verbose, tr("Print more, also warnings"));
  app.require_subcommand(1);
  app.fallthrough();

  setup_init(app, ctx);
  setup_check(app, ctx);
  setup_status(app, ctx);
  setup_codebook(app, ctx);
  setup_condense(app, ctx);
  setup_verify(app, ctx);
  setup_log(app, ctx);
  for (auto* sub : app.get_subcommands({})) {
    sub->group(tr("Subcommands"));
    for (auto* nested : sub->get_subcommands({})) nested->group(tr("Subcommands"));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    app.exit(e);
    return kOk;
  } catch (const CLI::CallForAllHelp& e) {
    app.exit(e);
    return kOk;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e);
    return kOk;
  } catch (const CLI::ParseError& e) {
    print_error(format(tr("the command line is not right: {1}"), {e.what()}));
    std::cerr << tr("Run 'ipcode --help' to see the commands and options.") << '\n';
    return kUsage;
  }
  if (!ctx.action) {
    std::cout << app.help();
    return kUsage;
  }
  try {
    return ctx.action();
  } catch (const std::exception& e) {
    print_error(format(tr("internal error (a bug in ipcode, not in your files): {1}. Please "
                          "report it with the command you ran."), {e.what()}));
    return kSoftware;
  }
}

}  // namespace ipcode::cli
