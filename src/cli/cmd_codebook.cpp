// `ipcode codebook show|diff`: the codebook tree, and what changed between two versions.
#include "cli/common.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <sstream>

namespace ipcode::cli {
namespace {

using codebook::Codebook;
using codebook::Level;

struct CodebookOptions {
  std::vector<std::string> files;
  std::string round;
  bool sorted = false;
  std::string a, b;
};

// Files named on the command line are relative to the current folder, as in any shell tool.
std::optional<Codebook> read_codebook_files(const std::vector<std::string>& files,
                                            Diagnostics& diags) {
  std::vector<Codebook> parts;
  for (const auto& f : files) {
    auto bytes = fs::read_file(f);
    if (!bytes) {
      diags.missing(f, format(tr("the file '{1}' does not exist or cannot be read"), {f}));
      continue;
    }
    parts.push_back(codebook::parse_codebook(text::decode(*bytes).utf8, f, diags));
  }
  auto cb = codebook::merge(std::move(parts), diags);
  if (diags.has_errors()) return std::nullopt;
  return cb;
}

std::optional<Codebook> study_codebook(const Globals& g, const std::string& round,
                                       Diagnostics& diags) {
  const auto m = read_manifest(g, diags);
  if (!m) {
    diags.missing(study::kManifestName,
                  tr("no study here (ipcode.yaml is missing); name a codebook "
                     "file or use -C to name the study folder"));
    return std::nullopt;
  }
  if (diags.has_errors()) return std::nullopt;
  const std::vector<std::string>* files = &m->codebooks;
  for (const auto& r : m->rounds) {
    if (r.id == round) files = &m->codebooks_of(r);
  }
  auto cb = loader::load_codebook(g.dir, *files, diags);
  if (diags.has_errors()) return std::nullopt;
  return cb;
}

void print_tree(const Codebook& cb, std::ostream& out) {
  const std::string& lang = i18n::language();
  out << cb.name;
  if (!cb.version.empty()) out << ", " << format(tr("version {1}"), {cb.version});
  out << " (" << join(cb.files, ", ") << ")\n";
  std::vector<std::string> counts;
  for (const auto level : {Level::theme, Level::group, Level::subgroup}) {
    counts.push_back(cb.level_name(level, lang) + ": " + std::to_string(cb.of_level(level).size()));
  }
  out << join(counts, ", ") << "\n\n";
  for (const auto& n : cb.nodes) {
    out << std::string(2 * static_cast<std::size_t>(n.level), ' ') << n.id << "  " << n.label;
    if (!n.color.empty()) out << "  " << n.color;
    out << '\n';
  }
}

void print_sorted(const Codebook& cb, std::ostream& out) {
  std::vector<std::string> labels;
  for (const auto& n : cb.nodes) labels.push_back(n.label + "  (" + n.id + ")");
  text::sort_collated(labels);
  for (const auto& l : labels) out << l << '\n';
}

int run_show(const Globals& g, const CodebookOptions& o) {
  if (!round_exists(g, o.round)) return kUsage;
  Diagnostics diags;
  auto cb =
      o.files.empty() ? study_codebook(g, o.round, diags) : read_codebook_files(o.files, diags);
  print_diagnostics(diags, g);
  if (!cb) return exit_for(diags);
  std::ostringstream out;
  if (o.sorted)
    print_sorted(*cb, out);
  else
    print_tree(*cb, out);
  std::cout << out.str();
  return kOk;
}

std::string describe(const codebook::Change& c, const Codebook& a, const Codebook& b) {
  using Kind = codebook::Change::Kind;
  const auto label_of = [](const Codebook& cb, const std::string& id) {
    const int i = cb.find(id);
    return i < 0 ? id : cb.nodes[static_cast<std::size_t>(i)].label;
  };
  switch (c.kind) {
    case Kind::added:
      return format(tr("+ added    {1}  «{2}»"), {c.id, c.after});
    case Kind::removed:
      return format(tr("- removed  {1}  «{2}»"), {c.id, c.before});
    case Kind::relabelled:
      return format(tr("~ renamed  {1}  «{2}» → «{3}»"), {c.id, c.before, c.after});
    case Kind::moved:
      return format(tr("> moved    {1}  from {2} to {3}"),
                    {c.id, c.before.empty() ? "-" : c.before + " «" + label_of(a, c.before) + "»",
                     c.after.empty() ? "-" : c.after + " «" + label_of(b, c.after) + "»"});
    case Kind::level_changed:
      return format(tr("^ level    {1}  {2} → {3}"), {c.id, c.before, c.after});
  }
  return {};
}

int run_diff(const Globals& g, const CodebookOptions& o) {
  Diagnostics diags;
  auto a = read_codebook_files({o.a}, diags);
  auto b = read_codebook_files({o.b}, diags);
  print_diagnostics(diags, g);
  if (!a || !b) return exit_for(diags);
  const auto changes = codebook::diff(*a, *b);
  std::ostringstream out;
  out << "--- " << o.a << "  (" << a->name << (a->version.empty() ? "" : " " + a->version) << ")\n"
      << "+++ " << o.b << "  (" << b->name << (b->version.empty() ? "" : " " + b->version) << ")\n";
  for (const auto& c : changes) out << describe(c, *a, *b) << '\n';
  if (changes.empty()) out << tr("No differences in ids, labels or structure.") << '\n';
  std::cout << out.str();
  return kOk;
}

}  // namespace

void setup_codebook(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<CodebookOptions>();
  auto* cmd = app.add_subcommand("codebook", tr("Show the codebook, or compare two versions"));
  cmd->require_subcommand(1);
  auto* show = cmd->add_subcommand("show", tr("Print the codebook tree with labels and counts"));
  show->add_option(tr("FILE"), opts->files, tr("Codebook files (default: the study's codebook)"))
      ->type_name("");
  show->add_option("--round", opts->round, tr("Show the codebook of this round"));
  show->add_flag("--sorted", opts->sorted, tr("List the labels alphabetically (Norwegian order)"));
  show->callback(
      [&ctx, opts] { ctx.action = [&ctx, opts] { return run_show(ctx.globals, *opts); }; });
  auto* diff = cmd->add_subcommand(
      "diff", tr("Compare two codebook versions: added, removed, renamed, moved"));
  diff->add_option(tr("OLD"), opts->a, tr("The older codebook file"))->required()->type_name("");
  diff->add_option(tr("NEW"), opts->b, tr("The newer codebook file"))->required()->type_name("");
  diff->callback(
      [&ctx, opts] { ctx.action = [&ctx, opts] { return run_diff(ctx.globals, *opts); }; });
}

}  // namespace ipcode::cli
