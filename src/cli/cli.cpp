#include "cli/cli.hpp"

#include "cli/common.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <vector>

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

// What follows "NAME: " or "...: " in a CLI11 message.
std::string after_colon(const std::string& what) {
  const auto at = what.find(": ");
  return at == std::string::npos ? what : what.substr(at + 2);
}

std::string before_colon(const std::string& what) { return what.substr(0, what.find(':')); }

// CLI11's parse errors are English; each kind gets a message in the message language.
std::string parse_error_message(const CLI::ParseError& e) {
  std::string what = e.what();
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
    if (what.starts_with("A subcommand")) {
      return tr("a command is required, for example 'ipcode check'");
    }
    if (what.ends_with(" is required")) {
      return format(tr("{1} is required"), {what.substr(0, what.size() - 12)});
    }
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    // CLI11 lists them last first.
    const std::string listed = after_colon(what);
    auto args = split(listed, ' ');
    std::reverse(args.begin(), args.end());
    std::vector<std::string> words(args.begin(), args.end());
    return format(tr("not expected here: {1}"), {join(words, " ")});
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    return format(tr("{1} needs a value"), {before_colon(what)});
  }
  // one_of() words its own message; the option's name comes first.
  if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr) return what;
  if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) {
    return format(tr("a value has the wrong form: {1}"), {what});
  }
  return what;
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
  one_of(app.add_option("--lang", ctx.globals.lang, tr("Language of messages: nb, nn or en")),
         {"nb", "nn", "en"});
  app.add_flag("-q,--quiet", ctx.globals.quiet, tr("Print errors only"));
  app.add_flag("-v,--verbose", ctx.globals.verbose, tr("Print more, also warnings"));
  app.require_subcommand(1);
  app.fallthrough();

  setup_init(app, ctx);
  setup_import(app, ctx);
  setup_export(app, ctx);
  setup_check(app, ctx);
  setup_status(app, ctx);
  setup_codebook(app, ctx);
  setup_condense(app, ctx);
  setup_verify(app, ctx);
  setup_log(app, ctx);
  setup_kwic(app, ctx);
  setup_terms(app, ctx);
  setup_anon(app, ctx);
  setup_suggest(app, ctx);
  setup_agree(app, ctx);
  setup_schema(app, ctx);
  // A subcommand makes its -h,--help before any option default applies: it would stand alone
  // under CLI11's English "Options" heading.
  const auto translate_sub = [](CLI::App* sub) {
    sub->group(tr("Subcommands"));
    if (auto* help = sub->get_help_ptr()) help->group(tr("Options"));
  };
  for (auto* sub : app.get_subcommands({})) {
    translate_sub(sub);
    for (auto* nested : sub->get_subcommands({})) translate_sub(nested);
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
    print_error(format(tr("the command line is not right: {1}"), {parse_error_message(e)}));
    std::cerr << tr("Run 'ipcode --help' to see the commands and options.") << '\n';
    return kUsage;
  }
  if (!ctx.action) {
    std::cout << app.help();
    return kUsage;
  }
  return run_action(ctx.action);
}

}  // namespace ipcode::cli
