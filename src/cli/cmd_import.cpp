// `ipcode import FILE... --round R [--codings] [--coder C] [--force]`: Word, OpenDocument,
// subtitle and text files as SPEC §3 transcripts in the round's transcript folder; with
// --codings, the comments and highlights of a Word/ODF file as a SPEC §5 coding file; with
// --qdpx, a REFI-QDA project as a new study in the folder -C names.
#include "cli/common.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/importer/importer.hpp"
#include "ipcode/importer/qdpx.hpp"
#include "ipcode/loader/study.hpp"
#include "ipcode/office/qde.hpp"
#include "ipcode/text/text.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>

namespace ipcode::cli {
namespace {

namespace stdfs = std::filesystem;

struct ImportArgs {
  std::vector<std::string> files;
  std::string round;
  std::string coder;
  std::string qdpx;
  bool codings = false;
  bool force = false;
};

// The fixed folder a glob starts with ("transcripts/r1/*.txt" → "transcripts/r1").
std::string fixed_folder(std::string_view glob) {
  std::string out;
  for (const auto part : split(glob, '/')) {
    if (part.find_first_of("*?[") != std::string_view::npos) break;
    if (!out.empty()) out += '/';
    out.append(part);
  }
  // A glob without wildcards names a file: its folder.
  if (out == glob) {
    const auto slash = out.rfind('/');
    out = slash == std::string::npos ? std::string() : out.substr(0, slash);
  }
  return out;
}

// Where a file of the round goes: the folder of the first glob that would take `name`.
std::optional<std::string> place(const std::vector<std::string>& globs, const std::string& name) {
  for (const auto& g : globs) {
    const std::string folder = fixed_folder(g);
    const std::string path = folder.empty() ? name : folder + "/" + name;
    if (fs::glob_match(g, path)) return path;
  }
  return std::nullopt;
}

struct Plan {
  std::string input;       // as given
  std::string file_name;   // its name
  std::string transcript;  // study-relative output
  std::string coding;      // study-relative output, with --codings
  importer::Format format{};
  std::string bytes;
};

std::string speakers_text(const transcript::Transcript& t) {
  std::vector<std::string> seen;
  for (const auto& turn : t.turns) {
    if (std::find(seen.begin(), seen.end(), turn.speaker) == seen.end()) {
      seen.push_back(turn.speaker);
    }
  }
  return seen.empty() ? tr("no speaker labels") : format(tr("speakers {1}"), {join(seen, ", ")});
}

// `--qdpx FILE`: the study folder -C names is new (missing or empty); every file goes in at
// once (fill_folder: a temporary folder, then renames), or none.
int run_import_qdpx(const Globals& g, const ImportArgs& a) {
  if (!a.files.empty() || a.codings || !a.round.empty() || !a.coder.empty()) {
    print_error(
        tr("--qdpx imports a whole REFI-QDA project into a new study: give no other "
           "files and no --round, --codings or --coder"));
    return kUsage;
  }
  const stdfs::path target = g.dir;
  std::error_code ec;
  if (stdfs::exists(target, ec) &&
      !(stdfs::is_directory(target, ec) && stdfs::is_empty(target, ec))) {
    print_error(format(tr("'{1}' already exists and is not empty; ipcode import --qdpx makes a "
                          "new study there and never overwrites anything. Name a new folder "
                          "with -C"),
                       {target.string()}));
    return kCantCreate;
  }
  auto bytes = fs::read_file(a.qdpx);
  if (!bytes) {
    print_error(bytes.error().message);
    return kNoInput;
  }
  auto project = office::qde::read_qdpx(*bytes, a.qdpx);
  std::string().swap(*bytes);
  if (!project) {
    print_error(project.error().message);
    return kDataErr;
  }
  Diagnostics diags;
  auto study = importer::qdpx::build(*project, a.qdpx, i18n::language(), diags);
  print_diagnostics(diags, g);
  if (diags.has_errors()) {
    std::cerr << tr("nothing was written") << '\n';
    return kDataErr;
  }
  if (auto st = fs::fill_folder(target, study.files); !st) {
    print_error(st.error().message);
    return kCantCreate;
  }
  if (!g.quiet) {
    std::cout << format(tr("{1} → new study {2}"), {a.qdpx, target.string()}) << '\n';
    for (const auto& l : study.summary) std::cout << l << '\n';
    std::cout << format(tr("Next: cd {1} && ipcode check"), {target.string()}) << '\n';
  }
  return kOk;
}

int run_import(const Globals& g, const ImportArgs& a) {
  if (!a.qdpx.empty()) return run_import_qdpx(g, a);
  if (a.files.empty()) {
    print_error(tr("name the files to import: ipcode import FILE... --round ROUND"));
    return kUsage;
  }
  Diagnostics diags;
  const auto manifest = read_manifest(g, diags);
  if (!manifest) {
    print_error(tr("no study here (ipcode.yaml is missing); use -C to name the study folder"));
    return kNoInput;
  }
  const study::Round* round = nullptr;
  std::vector<std::string> ids;
  for (const auto& r : manifest->rounds) {
    ids.push_back(r.id);
    if (r.id == a.round || (a.round.empty() && manifest->rounds.size() == 1)) round = &r;
  }
  if (round == nullptr) {
    print_error(a.round.empty()
                    ? format(tr("name the round to import into with --round (the study has: {1})"),
                             {join(ids, ", ")})
                    : format(tr("there is no round '{1}'; the study has: {2}"),
                             {a.round, join(ids, ", ")}));
    return kUsage;
  }
  const stdfs::path root = g.dir;

  // Plan every file first: nothing is written unless every file can be.
  std::vector<Plan> plans;
  std::set<std::string> targets;
  for (const auto& input : a.files) {
    Plan p;
    p.input = input;
    p.file_name = stdfs::path(input).filename().string();
    const auto f = importer::format_of(p.file_name);
    if (!f) {
      print_error(
          format(tr("{1}: ipcode imports .docx, .odt, .vtt, .srt and .txt files"), {input}));
      return kUsage;
    }
    p.format = *f;
    auto bytes = fs::read_file(input);
    if (!bytes) {
      print_error(bytes.error().message);
      return kNoInput;
    }
    p.bytes = std::move(*bytes);
    if (a.codings && *f != importer::Format::docx && *f != importer::Format::odt) {
      print_error(format(tr("{1}: --codings reads the comments and highlights of a .docx or "
                            ".odt file; this file has none"),
                         {input}));
      return kUsage;
    }
    const std::string stem = text::nfc(stdfs::path(p.file_name).stem().string());
    const auto where = place(round->transcripts, stem + ".txt");
    if (!where) {
      print_error(format(tr("round {1} takes transcripts matching {2}, which {3}.txt does not: "
                            "change 'transcripts:' in ipcode.yaml"),
                         {round->id, join(round->transcripts, ", "), stem}));
      return kUsage;
    }
    p.transcript = *where;
    if (a.codings) {
      const auto c = place(round->coding, stem + ".yaml");
      if (!c) {
        print_error(format(tr("round {1} takes coding files matching {2}, which {3}.yaml does "
                              "not: change 'coding:' in ipcode.yaml"),
                           {round->id, join(round->coding, ", "), stem}));
        return kUsage;
      }
      p.coding = *c;
    }
    for (const auto* out : {&p.transcript, &p.coding}) {
      if (out->empty()) continue;
      if (!targets.insert(*out).second) {
        print_error(format(tr("two of the files given would both become {1}: import them one "
                              "at a time, or rename one"),
                           {*out}));
        return kUsage;
      }
      if (auto st = fs::check_output(root, *out); !st) {
        print_error(st.error().message);
        return kCantCreate;
      }
      std::error_code ec;
      if (!a.force && stdfs::exists(stdfs::symlink_status(root / *out, ec))) {
        print_error(format(tr("{1} exists already; ipcode import never overwrites a file "
                              "without --force (nothing was written)"),
                           {*out}));
        return kCantCreate;
      }
    }
    plans.push_back(std::move(p));
  }

  std::optional<codebook::Codebook> cb;
  if (a.codings) {
    const auto& files = round->codebooks.empty() ? manifest->codebooks : round->codebooks;
    cb = loader::load_codebook(root, files, diags);
    if (diags.has_errors()) {
      print_diagnostics(diags, g);
      return exit_for(diags);
    }
  }

  std::map<std::string, std::string> outputs;  // study-relative path → bytes
  std::vector<std::string> lines;
  for (auto& p : plans) {
    auto imported = importer::convert(p.bytes, p.format, p.file_name);
    std::string().swap(p.bytes);
    if (!imported) {
      print_error(imported.error().message);
      return kDataErr;
    }
    Diagnostics ignored;  // `ipcode check` reports what the transcript itself has
    const auto t = transcript::parse_transcript(imported->text, p.transcript, round->id, ignored);
    int pages = 1;
    for (const auto& l : t.lines) pages = std::max(pages, static_cast<int>(l.page));
    std::string line = format(
        tr("{1} → {2}: {3}, {4}, {5}"),
        {p.input, p.transcript,
         format(trn("{1} turn", "{1} turns", static_cast<long>(t.turns.size())),
                {std::to_string(t.turns.size())}),
         format(trn("{1} page", "{1} pages", pages), {std::to_string(pages)}), speakers_text(t)});
    if (imported->from_cp1252) line += tr(" (read as Windows-1252)");
    if (a.codings) {
      std::string coding = importer::codings(*imported, t, *cb, a.coder, p.file_name, diags);
      if (!coding.empty() && coding.find("\n  - ") == std::string::npos) {
        line += tr("; no comments or highlights, so no coding file");
      } else if (!coding.empty()) {
        std::size_t units = 0;
        for (std::size_t at = coding.find("\n  - "); at != std::string::npos;
             at = coding.find("\n  - ", at + 1)) {
          ++units;
        }
        line += format(trn("; {1} unit → {2}", "; {1} units → {2}", static_cast<long>(units)),
                       {std::to_string(units), p.coding});
        outputs[p.coding] = std::move(coding);
      }
    }
    outputs[p.transcript] = std::move(imported->text);
    lines.push_back(std::move(line));
  }
  if (diags.has_errors()) {
    print_diagnostics(diags, g);
    std::cerr << tr("nothing was written") << '\n';
    return kDataErr;
  }
  print_diagnostics(diags, g);
  for (const auto& [path, bytes] : outputs) {
    if (auto st = fs::write_atomic(root / path, bytes); !st) {
      print_error(st.error().message);
      return kCantCreate;
    }
  }
  if (!g.quiet) {
    for (const auto& l : lines) std::cout << l << '\n';
  }
  return kOk;
}

}  // namespace

void setup_import(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ImportArgs>();
  auto* cmd = app.add_subcommand(
      "import", tr("Convert .docx, .odt, .vtt, .srt and .txt files into transcripts of a round; "
                   "the comments and highlights of a Word file can become meaning units"));
  // Not required() for CLI11: a later `import --qdpx FILE` (REFI-QDA) takes no files.
  cmd->add_option("files", args->files, tr("The files to import (they are only read)"))
      ->type_name(tr("FILE"));
  cmd->add_option("--round", args->round,
                  tr("The round whose transcript folder gets the files (needed when the study "
                     "has several rounds)"));
  cmd->add_flag("--codings", args->codings,
                tr("Also write a coding file from the comments and highlights of each .docx or "
                   ".odt file"));
  cmd->add_option("--coder", args->coder,
                  tr("The coder of the units (default: the comment author's initials)"));
  cmd->add_option("--qdpx", args->qdpx,
                  tr("A REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder) to "
                     "import as a new study in the folder -C names"))
      ->type_name(tr("FILE"));
  cmd->add_flag("--force", args->force, tr("Replace transcripts and coding files that exist"));
  cmd->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return run_import(ctx.globals, *args); }; });
}

}  // namespace ipcode::cli
