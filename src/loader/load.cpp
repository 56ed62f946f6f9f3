// Reading a whole study: manifest → per round codebook, transcripts, coding, condensation.
#include "ipcode/base/fs.hpp"
#include "ipcode/base/hash.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/parallel.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/loader/study.hpp"
#include "ipcode/text/text.hpp"
#include "resolve.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace ipcode::loader {
namespace {

namespace stdfs = std::filesystem;

// Reads a study-relative file: only an ordinary file inside the study (fs::read_inside). A
// file that is not there is `missing`; a link leading out of the study is invalid input; a
// named pipe, a folder, a file too large or unreadable cannot be read (exit 66).
std::optional<std::string> read_input(const stdfs::path& root, const std::string& rel,
                                      const std::string& named_in, int line, Diagnostics& diags,
                                      std::string* hash, fs::ReadProblem* why = nullptr) {
  fs::ReadProblem problem = fs::ReadProblem::none;
  auto bytes = fs::read_inside(root, rel, &problem);
  if (why != nullptr) *why = problem;
  if (!bytes) {
    if (problem == fs::ReadProblem::missing) {
      diags.add({named_in, line, 0, Severity::error,
                 format(tr("the file '{1}' does not exist or cannot be read"), {rel}),
                 Problem::missing});
    } else if (problem == fs::ReadProblem::leaves_study) {
      diags.error(named_in, line, 0, bytes.error().message);
    } else {
      diags.add({named_in, line, 0, Severity::error, bytes.error().message, Problem::missing});
    }
    return std::nullopt;
  }
  if (hash != nullptr) *hash = sha256_hex(*bytes);
  return std::move(*bytes);
}

std::optional<std::string> read_input(const stdfs::path& root, const std::string& rel,
                                      const std::string& named_in, int line, Diagnostics& diags,
                                      std::map<std::string, std::string>& hashes,
                                      fs::ReadProblem* why = nullptr) {
  std::string hash;
  auto bytes = read_input(root, rel, named_in, line, diags, &hash, why);
  if (bytes) hashes[rel] = hash;
  return bytes;
}

// Reads and parses many files on a few threads; every file's result and diagnostics go to its
// own slot and are merged in path order, so nothing depends on the number of threads.
template <class T, class Parse>
std::vector<T> load_all(const stdfs::path& root, const std::vector<std::string>& paths,
                        const std::string& named_in, int line, Study& study, Diagnostics& diags,
                        bool hash, Parse parse) {
  struct Slot {
    std::optional<T> value;
    Diagnostics diags;
    std::string hash;
  };
  std::vector<Slot> slots(paths.size());
  parallel_for(paths.size(), [&](std::size_t i) {
    auto& slot = slots[i];
    if (auto bytes =
            read_input(root, paths[i], named_in, line, slot.diags, hash ? &slot.hash : nullptr)) {
      slot.value = parse(*bytes, paths[i], slot.diags);  // may take the bytes over
    }
  });
  std::vector<T> out;
  out.reserve(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    diags.append(slots[i].diags);
    if (!slots[i].value) continue;
    if (hash) study.input_hashes[paths[i]] = slots[i].hash;
    out.push_back(std::move(*slots[i].value));
  }
  return out;
}

// The codebook files of one round, merged. A codebook that cannot be read (missing, or not
// YAML) makes every code of the round unknown for that one reason: it is said once, first
// (Diagnostic::cause), where the manifest names the file or where its YAML breaks, and
// `failed` tells the resolver to stay quiet about the codes.
struct RoundCodebook {
  codebook::Codebook codebook;
  bool failed = false;
};

RoundCodebook read_codebooks(const stdfs::path& root, const study::Round& spec, Study& study,
                             Diagnostics& diags) {
  const auto& m = study.manifest;
  const bool own = !spec.codebooks.empty();
  const int line = own ? spec.codebook_line : m.codebook_line;
  const int col = own ? spec.codebook_col : m.codebook_col;
  RoundCodebook out;
  std::vector<codebook::Codebook> parts;
  for (const auto& f : m.codebooks_of(spec)) {
    Diagnostics local;
    fs::ReadProblem why = fs::ReadProblem::none;
    auto text = read_input(root, f, m.file, line, local, study.input_hashes, &why);
    if (text) {
      parts.push_back(codebook::parse_codebook(text::decode(*text).utf8, f, local));
      if (!local.has_errors() || !parts.back().nodes.empty()) {
        diags.append(local);
        continue;
      }
    }
    out.failed = true;
    for (auto d : local.items()) {
      if (d.severity == Severity::error) d.cause = true;
      if (!text && d.file == m.file) {
        d.line = line > 0 ? line : 1;
        d.col = line > 0 ? col : 1;
        if (why == fs::ReadProblem::missing) {
          d.message =
              line > 0
                  ? format(tr("the codebook '{1}' does not exist or cannot be read; the codes in "
                              "the coding files are checked once it can be read"),
                           {f})
                  : format(tr("the codebook '{1}' does not exist or cannot be read (the manifest "
                              "names no 'codebook:', so ipcode looks for '{1}'); the codes in the "
                              "coding files are checked once it can be read"),
                           {f});
        }
      }
      diags.add(std::move(d));
    }
  }
  out.codebook = codebook::merge(std::move(parts), diags);
  return out;
}

std::vector<std::string> expand(const stdfs::path& root, const std::vector<std::string>& globs,
                                const Study& study, int line, Diagnostics& diags) {
  std::set<std::string> found;
  for (const auto& g : globs) {
    const auto problem = fs::check_inside(root, g.substr(0, g.find_first_of("*?[")));
    if (stdfs::path(g).is_absolute() || problem == fs::PathProblem::escapes ||
        problem == fs::PathProblem::absolute) {
      diags.error(study.manifest.file, line, 0,
                  format(tr("the pattern '{1}' leads out of the study folder; keep every file "
                            "inside it"),
                         {g}));
      continue;
    }
    // A link leading out of the study is kept in the list: reading it says what it is.
    std::vector<std::string> escaping;
    for (auto& p : fs::glob(root, g, study.manifest.output, &escaping)) found.insert(std::move(p));
    for (auto& p : escaping) found.insert(std::move(p));
  }
  std::vector<std::string> out(found.begin(), found.end());
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return natural_less(a, b); });
  return out;
}

// The output folder is replaced whole at every run (SPEC §7): it must be a folder of its own
// inside the study, never the study itself nor a folder holding its inputs. A symbolic link
// on the way out of the study is refused when writing (exit 73), not here.
void check_output_folder(const stdfs::path& root, const study::Manifest& m, Diagnostics& diags) {
  const int line = m.output_line > 0 ? m.output_line : 1;
  const int col = m.output_line > 0 ? m.output_col : 1;
  const auto lexical = fs::check_inside(root, m.output);
  if (lexical == fs::PathProblem::absolute || lexical == fs::PathProblem::escapes) {
    diags.error(m.file, line, col,
                format(tr("the output folder '{1}' must be inside the study folder"), {m.output}));
    return;
  }
  std::string out = stdfs::path(m.output).lexically_normal().generic_string();
  while (out.ends_with("/")) out.pop_back();
  if (out.empty() || out == ".") {
    diags.error(m.file, line, col,
                format(tr("the output folder '{1}' is the study folder itself; ipcode replaces "
                          "the whole output folder at every run, which would delete your files: "
                          "name a folder of its own, such as 'out'"),
                       {m.output}));
    return;
  }
  // Where each input lies: a file, or the fixed folder in front of a pattern's first wildcard.
  std::vector<std::string> inputs = {study::kManifestName, "log.md"};
  for (const auto& c : m.codebooks) inputs.push_back(c);
  for (const auto& r : m.rounds) {
    for (const auto& c : r.codebooks) inputs.push_back(c);
    if (!r.condensation.empty()) inputs.push_back(r.condensation);
    for (const auto* globs : {&r.transcripts, &r.coding}) {
      for (const auto& g : *globs) {
        std::string fixed;
        for (const auto seg : split(g, '/')) {
          if (seg.find_first_of("*?[") != std::string_view::npos) break;
          fixed += (fixed.empty() ? "" : "/") + std::string(seg);
        }
        inputs.push_back(fixed);
      }
    }
  }
  for (const auto& input : inputs) {
    const std::string in = stdfs::path(input).lexically_normal().generic_string();
    if (in == out || in.starts_with(out + "/")) {
      diags.error(m.file, line, col,
                  format(tr("the output folder '{1}' holds inputs of the study ({2}); ipcode "
                            "replaces the whole output folder at every run, which would delete "
                            "them: name a folder of its own, such as 'out'"),
                         {m.output, input}));
      return;
    }
  }
}

}  // namespace

std::string no_transcript_message(const std::string& id, const study::Round& round,
                                  const std::vector<std::string>& ids) {
  // Ids are `<round>-<stem>` by default: compare what follows the round's prefix, and never
  // offer an interview with another number (r1-B6 is not a typo for r1-B5).
  const std::string prefix = ascii_lower(round.id) + "-";
  const auto own = [&](const std::string& x) {
    std::string l = ascii_lower(x);
    return l.starts_with(prefix) ? l.substr(prefix.size()) : l;
  };
  const auto numbers = [](const std::string& x) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < x.size();) {
      if (x[i] < '0' || x[i] > '9') {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < x.size() && x[j] >= '0' && x[j] <= '9') ++j;
      const auto digits = x.substr(i, j - i);
      const auto nz = digits.find_first_not_of('0');
      out.push_back(nz == std::string::npos ? "0" : digits.substr(nz));
      i = j;
    }
    return out;
  };
  const std::string want = own(id);
  std::optional<std::string> guess;
  std::size_t best = std::max<std::size_t>(1, want.size() / 4) + 1;
  for (const auto& c : ids) {
    const std::string have = own(c);
    if (have == want) {
      guess = c;
      break;
    }
    if (numbers(have) != numbers(want)) continue;
    if (const auto d = edit_distance(want, have); d < best) {
      best = d;
      guess = c;
    }
  }
  // Which file would hold it: the round's only pattern with one '*', filled with the stem.
  std::string file;
  if (round.transcripts.size() == 1 && ascii_lower(id).starts_with(prefix)) {
    const auto& g = round.transcripts.front();
    const auto star = g.find('*');
    if (star != std::string::npos && g.find_first_of("*?[", star + 1) == std::string::npos &&
        g.find_first_of("?[") == std::string::npos) {
      file = g.substr(0, star) + id.substr(prefix.size()) + g.substr(star + 1);
    }
  }
  std::string msg =
      file.empty()
          ? format(tr("there is no transcript '{1}' in round '{2}': no file matching {3} has this "
                      "id (a transcript's id is the round, '-' and its file name, unless its front "
                      "matter says 'id:')"),
                   {id, round.id, join(round.transcripts, ", ")})
          : format(tr("there is no transcript '{1}' in round '{2}': the file {3} does not exist"),
                   {id, round.id, file});
  if (guess) msg += format(tr("; did you mean '{1}'?"), {*guess});
  return msg;
}

int RoundData::find_unit(std::string_view id) const {
  if (const auto alias = unit_aliases.find(std::string(id)); alias != unit_aliases.end()) {
    id = alias->second;
  }
  if (unit_index.size() == units.size() && !units.empty()) {
    const auto it = unit_index.find(std::string(id));
    return it == unit_index.end() ? -1 : it->second;
  }
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int RoundData::find_transcript(std::string_view id) const {
  if (transcript_index.size() == transcripts.size() && !transcripts.empty()) {
    const auto it = transcript_index.find(std::string(id));
    return it == transcript_index.end() ? -1 : it->second;
  }
  for (std::size_t i = 0; i < transcripts.size(); ++i) {
    if (transcripts[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

// A table only when every id is distinct (a duplicate is an error reported elsewhere, and the
// first of equal ids must win, as the scan finds it): otherwise the scan stays.
template <typename T>
void index_ids(const std::vector<T>& items, std::unordered_map<std::string, int>& index) {
  index.clear();
  index.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!index.emplace(items[i].id, static_cast<int>(i)).second) {
      index.clear();
      return;
    }
  }
}

void RoundData::index_units() { index_ids(units, unit_index); }

void RoundData::index_transcripts() { index_ids(transcripts, transcript_index); }

codebook::Codebook load_codebook(const stdfs::path& root, const std::vector<std::string>& files,
                                 Diagnostics& diags) {
  std::vector<codebook::Codebook> parts;
  for (const auto& f : files) {
    auto text = read_input(root, f, study::kManifestName, 0, diags, nullptr);
    if (!text) continue;
    parts.push_back(codebook::parse_codebook(text::decode(*text).utf8, f, diags));
  }
  return codebook::merge(std::move(parts), diags);
}

Study load(const stdfs::path& root, const Options& options, Diagnostics& diags) {
  Study study;
  study.root = root;
  fs::ReadProblem why = fs::ReadProblem::none;
  const auto manifest_bytes = fs::read_inside(root, study::kManifestName, &why);
  if (!manifest_bytes) {
    diags.missing(study::kManifestName,
                  why == fs::ReadProblem::missing
                      ? format(tr("no study here: '{1}' is missing in '{2}'; run 'ipcode init' "
                                  "to start a study, or use -C to name the study folder"),
                               {study::kManifestName, root.string()})
                      : manifest_bytes.error().message);
    return study;
  }
  study.input_hashes[study::kManifestName] = sha256_hex(*manifest_bytes);
  study.manifest =
      study::parse_manifest(text::decode(*manifest_bytes).utf8, study::kManifestName, diags);
  const auto& m = study.manifest;
  check_output_folder(root, m, diags);

  const auto read_transcripts = [&](const study::Round& spec) {
    auto transcripts = load_all<transcript::Transcript>(
        root, expand(root, spec.transcripts, study, spec.line, diags), m.file, spec.line, study,
        diags, options.hash_inputs,
        [&spec](std::string& bytes, const std::string& path, Diagnostics& d) {
          return transcript::parse_transcript(std::move(bytes), path, spec.id, d);
        });
    if (transcripts.empty()) {
      diags.warning(m.file, spec.line, 0,
                    format(tr("round '{1}' has no transcripts: nothing matches {2}"),
                           {spec.id, join(spec.transcripts, ", ")}));
    }
    return transcripts;
  };
  std::map<std::vector<std::string>, RoundCodebook> codebooks;  // shared between rounds
  for (const auto& spec : m.rounds) {
    if (!options.round.empty() && spec.id != options.round) continue;
    RoundData round;
    round.spec = spec;
    if (options.scope == Scope::transcripts) {
      round.transcripts = read_transcripts(spec);
      round.index_transcripts();
      study.rounds.push_back(std::move(round));
      continue;
    }
    const auto& files = m.codebooks_of(spec);
    auto cached = codebooks.find(files);
    if (cached == codebooks.end()) {
      cached = codebooks.emplace(files, read_codebooks(root, spec, study, diags)).first;
    }
    round.codebook = cached->second.codebook;
    round.codebook_failed = cached->second.failed;

    round.transcripts = read_transcripts(spec);
    round.index_transcripts();
    // Each coding file is placed as soon as it is parsed, and its unit specs dropped, so that
    // a large study never holds all of them at once.
    Resolver resolver(round, options, diags);
    struct Coded {
      coding::CodingFile file;
      Placed placed;
    };
    auto coded = load_all<Coded>(
        root, expand(root, spec.coding, study, spec.line, diags), m.file, spec.line, study, diags,
        options.hash_inputs,
        [&resolver](std::string& bytes, const std::string& path, Diagnostics& d) {
          Coded c{coding::parse_coding(text::decode_owned(std::move(bytes)).utf8, path, d), {}};
          c.placed = resolver.place(c.file, d);
          std::vector<coding::UnitSpec>().swap(c.file.units);
          return c;
        });
    std::vector<Placed> placed;
    for (auto& c : coded) {
      round.coding.push_back(std::move(c.file));
      placed.push_back(std::move(c.placed));
    }
    coded.clear();
    if (!spec.condensation.empty()) {
      auto bytes =
          read_input(root, spec.condensation, m.file, spec.line, diags, study.input_hashes);
      if (bytes) {
        round.condensation =
            coding::parse_condensation(text::decode(*bytes).utf8, spec.condensation, diags);
      }
    }
    resolver.finish(study, std::move(placed), diags);
    study.rounds.push_back(std::move(round));
  }

  if (auto log = fs::read_inside(root, "log.md", &why)) {
    study.input_hashes["log.md"] = sha256_hex(*log);
    study.log = text::nfc(text::decode(*log).utf8);
    study.has_log = true;
  } else if (why == fs::ReadProblem::leaves_study) {
    diags.error("log.md", 0, 0, log.error().message);
  } else if (why != fs::ReadProblem::missing) {
    diags.add({"log.md", 0, 0, Severity::error, log.error().message, Problem::missing});
  }
  return study;
}

}  // namespace ipcode::loader
