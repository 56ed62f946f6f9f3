// `ipcode schema [DIR]`: JSON Schemas of the study's YAML files, for editors (SPEC §7).
#include "cli/common.hpp"
#include "cli/schema.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/study/manifest.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace ipcode::cli {
namespace {

namespace stdfs = std::filesystem;

struct SchemaArgs {
  std::string dir;
  bool force = false;
};

int run_schema(const Globals& g, const SchemaArgs& a) {
  const stdfs::path root = g.dir;
  std::error_code ec;
  if (!stdfs::is_regular_file(root / study::kManifestName, ec)) {
    print_error(format(tr("there is no ipcode.yaml in {1}: 'ipcode schema' writes into a study "
                          "folder (make one with 'ipcode init', or name it with -C)"),
                       {g.dir}));
    return kNoInput;
  }
  std::string rel = "schemas";
  if (!a.dir.empty()) {
    const auto inside = inside_study(g.dir, a.dir);
    if (!inside) {
      print_error(format(tr("{1} is outside the study: ipcode writes only inside the study "
                            "folder; name a folder in it, such as schemas"),
                         {a.dir}));
      return kUsage;
    }
    rel = *inside;
  }
  if (auto st = fs::check_output(root, rel); !st) {
    print_error(st.error().message);
    return kCantCreate;
  }
  const auto shown = [&](const std::string& name) { return rel.empty() ? name : rel + "/" + name; };

  // Look at every file first: all are written, or none.
  const auto schemas = json_schemas();
  std::vector<std::string> to_write;
  std::vector<std::string> refused;
  for (const auto& [name, bytes] : schemas) {
    const stdfs::path path = root / shown(name);
    if (!stdfs::exists(stdfs::symlink_status(path, ec))) {
      to_write.push_back(name);
      continue;
    }
    std::optional<std::string> old;
    if (stdfs::is_regular_file(stdfs::symlink_status(path, ec))) {
      if (auto read = fs::read_file(path)) old = std::move(*read);
    }
    if (old && *old == bytes) continue;
    if (old && (a.force || written_by_ipcode(*old))) {
      to_write.push_back(name);
    } else if (!old) {
      print_error(format(tr("{1} is there and is not a file ipcode can replace"), {shown(name)}));
      refused.push_back(name);
    } else {
      print_error(format(tr("{1} is there and was not written by 'ipcode schema'; move it away, "
                            "or give --force to replace it"),
                         {shown(name)}));
      refused.push_back(name);
    }
  }
  if (!refused.empty()) {
    print_error(tr("nothing was written"));
    return kCantCreate;
  }
  for (const auto& name : to_write) {
    if (auto st = fs::write_atomic(root / shown(name), schemas.at(name)); !st) {
      print_error(st.error().message);
      return kCantCreate;
    }
  }
  if (!g.quiet) {
    for (const auto& [name, bytes] : schemas) {
      const bool wrote = std::find(to_write.begin(), to_write.end(), name) != to_write.end();
      std::cout << format(wrote ? tr("Wrote {1}") : tr("{1} is up to date"), {shown(name)}) << '\n';
    }
    std::cout << format(tr("An editor with a YAML extension (VS Code: \"YAML\" by Red Hat) checks "
                           "a file and completes its keys when a line of the file names its "
                           "schema, as 'ipcode init' writes it: for codebook.yaml, \"{1}\""),
                        {std::string(
                            trim(schema_modeline("codebook.yaml", rel, SchemaKind::codebook)))})
              << '\n';
  }
  return kOk;
}

}  // namespace

void setup_schema(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SchemaArgs>();
  auto* cmd = app.add_subcommand(
      "schema", tr("Write JSON Schemas of the study's YAML files, for editors that check and "
                   "complete keys while you type"));
  cmd->add_option(tr("FOLDER"), args->dir,
                  tr("Folder for the schemas, inside the study (default: schemas)"))
      ->type_name("");
  cmd->add_flag("--force", args->force,
                tr("Also replace schema files that 'ipcode schema' did not write"));
  cmd->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return run_schema(ctx.globals, *args); }; });
}

}  // namespace ipcode::cli
