// `ipcode init DIR [--example]`: a new study skeleton, or a copy of the worked example.
#include "cli/common.hpp"
#include "cli/embedded.hpp"
#include "cli/schema.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/study/manifest.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

namespace ipcode::cli {
namespace {

namespace stdfs = std::filesystem;

struct InitOptions {
  std::string dir;
  bool example = false;
};

std::string_view embedded(std::string_view path) {
  for (const auto& f : embedded_files()) {
    if (f.path == path) return f.bytes;
  }
  return {};
}

// The shipped template's first paragraph tells a reader to copy it into a study and point
// ipcode.yaml at it; init has done both, so the study's copy says that instead.
std::string study_codebook(const std::string& lang) {
  std::string text(
      embedded(lang == "en" ? "codebooks/stc-template.yaml" : "codebooks/stc-mal.yaml"));
  if (const auto end = text.find("\n#\n"); end != std::string::npos) text.erase(0, end + 1);
  if (lang == "nn") {
    if (const auto at = text.find("\nlanguage: nb "); at != std::string::npos) text[at + 12] = 'n';
  }
  return i18n::tr_in(lang,
                     "# The codebook of this study (systematic text condensation, Malterud).\n"
                     "# 'ipcode init' wrote it; ipcode.yaml points to it with "
                     "\"codebook: codebook.yaml\".\n") +
         text;
}

std::map<std::string, std::string> skeleton(const std::string& lang) {
  std::map<std::string, std::string> files;
  files["codebook.yaml"] = study_codebook(lang);
  files["ipcode.yaml"] =
      "ipcode: 1\n"
      "title: " +
      i18n::tr_in(lang, "My study") +
      "\n"
      "language: " +
      lang +
      "\n"
      "codebook: codebook.yaml\n"
      "output: out\n"
      "informants: []\n"
      "rounds:\n"
      "  - id: r1\n"
      "    title: " +
      i18n::tr_in(lang, "First round") +
      "\n"
      "    transcripts: transcripts/r1/*.txt\n"
      "    coding: coding/r1/*.yaml\n"
      "    condensation: condensation/r1.yaml\n"
      "report:\n"
      "  attribution: role\n";
  files["condensation/r1.yaml"] = "round: r1\nsubgroups: {}\ngroups: {}\n";
  files["transcripts/r1/.keep"] = "";
  files["coding/r1/.keep"] = "";
  files["README.md"] = i18n::tr_in(
      lang,
      "# Your ipcode study\n\n"
      "What to do next:\n\n"
      "1. Put your anonymised interview transcripts in `transcripts/r1/` as `.txt` files, one per "
      "interview (for example `B1.txt`), with speaker labels like `I:` and `B1:`.\n"
      "2. Write your themes, code groups and subgroups in `codebook.yaml`.\n"
      "3. Mark meaning units in `coding/r1/B1.yaml` (one file per transcript).\n"
      "4. Run `ipcode check` after every change; it tells you exactly what to correct.\n"
      "5. Write condensates in `condensation/r1.yaml`, then run `ipcode condense` and open "
      "`out/r1/report.html`.\n\n"
      "`ipcode status` shows what is left to do. `man ipcode-formats` describes every file.\n");
  return files;
}

std::map<std::string, std::string> example() {
  std::map<std::string, std::string> files;
  const std::string prefix = "examples/individuell-plan/";
  for (const auto& f : embedded_files()) {
    if (f.path.starts_with(prefix))
      files[std::string(f.path.substr(prefix.size()))] = std::string(f.bytes);
  }
  return files;
}

// The schema a YAML file of a new study follows, by where init puts it; nullopt for others.
std::optional<SchemaKind> schema_of(const std::string& path) {
  if (!path.ends_with(".yaml") && !path.ends_with(".yml")) return std::nullopt;
  if (path == study::kManifestName) return SchemaKind::manifest;
  if (path.starts_with("coding/")) return SchemaKind::coding;
  if (path.starts_with("condensation/")) return SchemaKind::condensation;
  if (path.starts_with("codebook")) return SchemaKind::codebook;
  return std::nullopt;
}

// The study's editors get the schemas (in the message language) and every YAML file a first
// line naming its schema, so that a YAML extension checks and completes it while the student
// types. A comment changes nothing ipcode reads (line numbers of the file's own text move
// down by one).
void add_schemas(std::map<std::string, std::string>& files) {
  constexpr const char* kDir = "schemas";
  for (auto& [path, bytes] : files) {
    if (const auto kind = schema_of(path)) bytes = schema_modeline(path, kDir, *kind) + bytes;
  }
  for (auto& [name, bytes] : json_schemas()) files[std::string(kDir) + "/" + name] = bytes;
}

int run_init(const Globals& g, const InitOptions& o) {
  const stdfs::path target = stdfs::path(g.dir) / o.dir;
  std::error_code ec;
  if (stdfs::exists(target, ec) &&
      !(stdfs::is_directory(target, ec) && stdfs::is_empty(target, ec))) {
    print_error(format(tr("'{1}' already exists and is not empty; ipcode init never overwrites "
                          "anything. Choose a new folder name."),
                       {target.string()}));
    return kCantCreate;
  }
  auto files = o.example ? example() : skeleton(i18n::language());
  add_schemas(files);
  if (auto st = fs::fill_folder(target, files); !st) {
    print_error(st.error().message);
    return kCantCreate;
  }
  if (!g.quiet) {
    std::cout << format(tr("Created {1}. Next: cd {1} && ipcode check"), {target.string()}) << '\n';
    if (!o.example) std::cout << tr("README.md in the new folder says what to do next.") << '\n';
  }
  return kOk;
}

}  // namespace

void setup_init(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<InitOptions>();
  auto* cmd =
      app.add_subcommand("init", tr("Create a new study folder (or a copy of the worked example)"));
  cmd->add_option(tr("FOLDER"), opts->dir, tr("The new study folder"))->required()->type_name("");
  cmd->add_flag("--example", opts->example, tr("Copy the worked example study instead"));
  cmd->callback(
      [&ctx, opts] { ctx.action = [&ctx, opts] { return run_init(ctx.globals, *opts); }; });
}

}  // namespace ipcode::cli
