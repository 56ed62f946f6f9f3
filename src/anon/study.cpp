// `ipcode anon` over a study: which files are read, where a finding stands (line:col), and
// the pseudonymised copy (SPEC §9).
#include "ipcode/anon/study.hpp"

#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/parallel.hpp"
#include "ipcode/base/yaml.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace ipcode::anon {
namespace {

// Offsets of the start of every line of `text`.
std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> out{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') out.push_back(i + 1);
  }
  return out;
}

int columns(std::string_view s) {
  int n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

void add_places(const std::string& file, std::string_view text, const std::vector<Finding>& found,
                std::vector<Place>& out) {
  if (found.empty()) return;
  const auto starts = line_starts(text);
  for (const auto& f : found) {
    const auto it = std::upper_bound(starts.begin(), starts.end(), f.begin);
    const auto line = static_cast<std::size_t>(it - starts.begin());  // 1-based
    const std::size_t begin = starts[line - 1];
    out.push_back({file,
                   static_cast<int>(line),
                   columns(text.substr(begin, f.begin - begin)) + 1,
                   f.category,
                   std::string(text.substr(f.begin, f.end - f.begin)),
                   {}});
  }
}

// A study file other than a transcript, as text (NFC; Windows-1252 decoded).
std::optional<std::string> read_text(const loader::Study& study, const std::string& path) {
  auto bytes = fs::read_inside(study.root, path);
  if (!bytes) return std::nullopt;
  return text::nfc(text::decode(*bytes).utf8);
}

// The files scanned, in order: per round its transcripts, coding files and condensation file,
// then the log. A file named by two rounds is scanned once.
struct Source {
  std::string path;
  const transcript::Transcript* transcript = nullptr;
  bool coding = false;
};

std::vector<Source> sources(const loader::Study& study) {
  std::vector<Source> out;
  std::set<std::string> seen;
  const auto add = [&](Source s) {
    if (!s.path.empty() && seen.insert(s.path).second) out.push_back(std::move(s));
  };
  for (const auto& round : study.rounds) {
    for (const auto& t : round.transcripts) add({t.path, &t, false});
    for (const auto& c : round.coding) add({c.path, nullptr, true});
    add({round.condensation.path, nullptr, false});
  }
  if (study.has_log) add({"log.md", nullptr, false});
  return out;
}

// The key a line of YAML text is under: the nearest `key:` at or above it.
std::string yaml_key_at(std::string_view text, const std::vector<std::size_t>& starts,
                        std::size_t line) {
  for (std::size_t l = line + 1; l-- > 0;) {
    std::string_view s = text.substr(starts[l]);
    s = s.substr(0, s.find('\n'));
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i + 1 < s.size() && s[i] == '-' && s[i + 1] == ' ') i += 2;
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t k = i;
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_')) ++i;
    if (i > k && i < s.size() && s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' '))
      return std::string(s.substr(k, i - k));
  }
  return {};
}

// Replaces findings in a YAML file's text so that it stays valid YAML and, in a coding file,
// every quote still matches its pseudonymised transcript: there a placeholder becomes the gap
// mark "(…)" (SPEC §5: words left out), since "[navn]" in a quote is the researcher's
// clarification and is not matched. A placeholder that would start a plain value ("key:
// [navn] sa") would read as a YAML list, so it is written "(navn)" there.
std::string replace_yaml(std::string_view text, const std::vector<Finding>& found,
                         const Rules& rules, bool coding) {
  const auto starts = line_starts(text);
  std::string out;
  std::size_t at = 0;
  for (const auto& f : found) {
    out += text.substr(at, f.begin - at);
    const auto line = static_cast<std::size_t>(
        std::upper_bound(starts.begin(), starts.end(), f.begin) - starts.begin() - 1);
    std::string with;
    const std::string pseudonym =
        f.known >= 0 ? rules.known[static_cast<std::size_t>(f.known)].pseudonym : std::string();
    const bool in_quote = coding && yaml_key_at(text, starts, line) == "quote";
    if (!pseudonym.empty() && !(in_quote && pseudonym.front() == '[')) {
      with = pseudonym;
    } else if (in_quote) {
      with = "(…)";
    } else {
      with = placeholder(f.category);
      std::string_view before = text.substr(starts[line], f.begin - starts[line]);
      while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
      if (before.ends_with(':') || before.ends_with('-') || before.empty()) {
        with.front() = '(';
        with.back() = ')';
      }
    }
    out += with;
    at = f.end;
  }
  out += text.substr(at);
  return out;
}

bool is_text_file(const std::string& path) {
  for (std::string_view ext : {".txt", ".md", ".yaml", ".yml", ".csv"}) {
    if (path.ends_with(ext)) return true;
  }
  return false;
}

bool is_yaml(const std::string& path) { return path.ends_with(".yaml") || path.ends_with(".yml"); }

// Every file of the study a copy would hold: not the output folder, not hidden entries
// (.git, .ipcode.lock), not symlinks (they could lead out of the study). Sorted.
std::vector<std::string> study_files(const loader::Study& study) {
  namespace stdfs = std::filesystem;
  std::vector<std::string> out;
  std::error_code ec;
  const std::string output = study.manifest.output;
  for (auto it = stdfs::recursive_directory_iterator(study.root, ec);
       !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string rel = fs::relative_to(study.root, it->path());
    const std::string name = it->path().filename().string();
    if (name.starts_with(".") || rel == output || it->is_symlink(ec)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A YAML list item: plain when that is safe, else double-quoted.
std::string yaml_item(const std::string& s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!(u >= 0x80 || std::isalnum(u) || c == ' ' || c == '-' || c == '.')) return yaml::quote(s);
  }
  return s;
}

// The copy's manifest with `words` added to `anon: allow:` (the map's pseudonyms are names
// too, and `ipcode anon` on the copy must not flag them). A flow list `allow: [a, b]` gets
// them at its end; a block list gets them after `allow:`; without `anon:`, it is added.
std::string with_allowed(std::string text, const std::vector<std::string>& words) {
  if (words.empty()) return text;
  std::vector<std::string> items;
  items.reserve(words.size());
  for (const auto& w : words) items.push_back(yaml_item(w));
  const auto starts = line_starts(text);
  bool in_anon = false;
  for (std::size_t l = 0; l < starts.size(); ++l) {
    const std::size_t b = starts[l];
    const std::size_t e = std::min(text.find('\n', b), text.size());
    const std::string_view line = std::string_view(text).substr(b, e - b);
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_anon = line.starts_with("anon:");
    const auto a = line.find("allow:");
    if (!in_anon || a == std::string_view::npos || line.find_first_not_of(' ') != a) continue;
    const auto close = line.rfind(']');
    if (line.find('[') != std::string_view::npos && close != std::string_view::npos) {
      std::string joined;
      for (const auto& i : items) joined += ", " + i;
      if (line.substr(0, close).find_last_not_of(" [") < a + 6) joined = joined.substr(2);
      text.insert(b + close, joined);
    } else {
      std::string lines;
      for (const auto& i : items) lines += std::string(a + 2, ' ') + "- " + i + "\n";
      text.insert(std::min(e + 1, text.size()), lines);
    }
    return text;
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  std::string joined;
  for (const auto& i : items) joined += (joined.empty() ? "" : ", ") + i;
  return text + "anon:\n  allow: [" + joined + "]\n";
}

}  // namespace

std::vector<Known> parse_map(std::string_view text, std::string_view origin, Diagnostics& diags) {
  std::vector<Known> out;
  yaml::Node root;
  const std::string file(origin);
  if (!yaml::parse(text, origin, root, diags)) return out;
  if (root.is_null()) return out;
  if (!root.is_map()) {
    diags.error(file, root.mark.line, root.mark.col,
                tr("the map must be a list of 'real: pseudonym' lines"));
    return out;
  }
  for (const auto& e : root.entries) {
    if (!e.key.is_scalar() || e.key.scalar.empty() || !(e.value.is_scalar() || e.value.is_null())) {
      diags.error(file, e.key.mark.line, e.key.mark.col,
                  tr("each line of the map is 'real: pseudonym', both plain text"));
      continue;
    }
    out.push_back({text::nfc(e.key.scalar), text::nfc(e.value.scalar), Category::known});
  }
  return out;
}

Rules rules_for(const loader::Study& study, std::vector<Known> known) {
  Rules rules;
  for (const auto& a : study.manifest.anon_allow) rules.allow.insert(text::nfc(a));
  for (const auto& inf : study.manifest.informants) {
    if (!inf.pseudonym.empty()) rules.allow.insert(inf.pseudonym);
    rules.allow.insert(inf.id);
  }
  // Informant ids and speaker labels are the study's keys (B1, I): replacing one would break
  // every reference to it, so they are never flagged (docs/decisions.md: name them B1, not Kari).
  for (const auto& round : study.rounds) {
    for (const auto& t : round.transcripts) {
      rules.allow.insert(t.informant);
      for (const auto& turn : t.turns) rules.allow.insert(turn.speaker);
    }
  }
  // A pseudonym of the map is not an identifier either, wherever it appears.
  for (const auto& k : known) {
    if (!k.pseudonym.empty()) rules.allow.insert(k.pseudonym);
  }
  rules.known = std::move(known);
  return rules;
}

std::vector<Place> scan_study(const loader::Study& study, const Rules& rules) {
  // One file per call, each into its own slot: the order never depends on the threads.
  const auto files = sources(study);
  std::vector<std::vector<Place>> slots(files.size());
  parallel_for(files.size(), [&](std::size_t k) {
    const auto& s = files[k];
    if (s.transcript != nullptr) {
      add_places(s.path, s.transcript->text, detect(s.transcript->text, rules), slots[k]);
    } else if (auto content = read_text(study, s.path)) {
      add_places(s.path, *content, detect(*content, rules), slots[k]);
    }
  });
  std::vector<Place> out;
  for (auto& slot : slots) out.insert(out.end(), slot.begin(), slot.end());
  return out;
}

std::vector<Place> scan_final_quotes(const loader::Study& study, const Rules& rules) {
  std::vector<Place> out;
  for (const auto& round : study.rounds) {
    // Findings per transcript, found once, over the whole text (a name at the start of a
    // quote is still a name).
    std::map<int, std::vector<Finding>> found;
    for (const auto& [subgroup, s] : round.condensation.subgroups) {
      if (s.quote.empty()) continue;
      const int u = round.find_unit(s.quote);
      if (u < 0) continue;
      const auto& unit = round.units[static_cast<std::size_t>(u)];
      if (unit.transcript < 0) continue;
      const auto& t = round.transcripts[static_cast<std::size_t>(unit.transcript)];
      if (t.background) continue;  // never quoted (SPEC §3)
      if (!unit.normalised().empty()) {
        // The final report shows the written-bokmål layer (SPEC §5): that text is checked,
        // at the unit in its coding file.
        for (const Finding& f : detect(unit.normalised(), rules)) {
          out.push_back({unit.file(), unit.at.line, unit.at.col, f.category,
                         unit.normalised().substr(f.begin, f.end - f.begin), unit.id});
        }
        continue;
      }
      auto it = found.find(unit.transcript);
      if (it == found.end()) it = found.emplace(unit.transcript, detect(t.text, rules)).first;
      std::vector<Finding> inside;
      for (const auto& f : it->second) {
        if (f.begin < unit.span_end && f.end > unit.span_begin) inside.push_back(f);
      }
      const auto first = out.size();
      add_places(t.path, t.text, inside, out);
      for (auto k = first; k < out.size(); ++k) out[k].unit = unit.id;
    }
  }
  std::sort(out.begin(), out.end(), [](const Place& a, const Place& b) {
    return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Place& a, const Place& b) {
                          return a.file == b.file && a.line == b.line && a.col == b.col;
                        }),
            out.end());
  return out;
}

std::map<std::string, std::string> pseudonymise(const loader::Study& study, const Rules& rules,
                                                const std::vector<std::string>& leave_out,
                                                std::vector<std::string>& skipped,
                                                std::map<Category, std::size_t>& counts) {
  std::map<std::string, const transcript::Transcript*> transcripts;
  std::set<std::string> coding;
  for (const auto& s : sources(study)) {
    if (s.transcript != nullptr) transcripts[s.path] = s.transcript;
    if (s.coding) coding.insert(s.path);
  }
  std::vector<std::pair<std::string, std::string>> texts;  // path -> text, in path order
  std::vector<std::pair<std::string, std::string>> schemas;
  for (const auto& path : study_files(study)) {
    if (std::find(leave_out.begin(), leave_out.end(), path) != leave_out.end()) continue;
    // A JSON Schema `ipcode schema` wrote (its "$comment", src/cli/schema.cpp) holds ipcode's
    // own text, no study data: copied as it is, and never scanned (its examples name people).
    if (path.ends_with(".schema.json")) {
      if (auto content = read_text(study, path);
          content && content->find("\"Written by 'ipcode schema'") != std::string::npos) {
        schemas.emplace_back(path, std::move(*content));
        continue;
      }
    }
    if (!is_text_file(path)) {
      skipped.push_back(path);
      continue;
    }
    if (const auto t = transcripts.find(path); t != transcripts.end()) {
      texts.emplace_back(path, t->second->text);
    } else if (auto content = read_text(study, path)) {
      texts.emplace_back(path, std::move(*content));
    } else {
      skipped.push_back(path);
    }
  }
  // Every identifier found anywhere is replaced everywhere: "Per" found in one sentence is
  // replaced at the start of another too, and a quote keeps matching its transcript.
  Rules all = rules;
  std::set<std::string, std::less<>> seen;
  for (const auto& k : all.known) seen.insert(k.real);
  std::vector<std::vector<Finding>> first(texts.size());
  parallel_for(texts.size(), [&](std::size_t k) { first[k] = detect(texts[k].second, rules); });
  for (std::size_t k = 0; k < texts.size(); ++k) {
    const std::string& content = texts[k].second;
    for (const auto& f : first[k]) {
      std::string real(content.substr(f.begin, f.end - f.begin));
      if (seen.insert(real).second) all.known.push_back({std::move(real), "", f.category});
    }
  }
  std::vector<std::string> pseudonyms;
  for (const auto& k : rules.known) {
    if (k.category == Category::known && !k.pseudonym.empty() && k.pseudonym.front() != '[' &&
        std::find(study.manifest.anon_allow.begin(), study.manifest.anon_allow.end(),
                  k.pseudonym) == study.manifest.anon_allow.end() &&
        std::find(pseudonyms.begin(), pseudonyms.end(), k.pseudonym) == pseudonyms.end())
      pseudonyms.push_back(k.pseudonym);
  }
  std::map<std::string, std::string> out;
  for (auto& [path, content] : texts) {
    const auto found = detect(content, all);
    for (const auto& f : found) ++counts[f.category];
    if (found.empty()) {
      out[path] = std::move(content);
    } else if (is_yaml(path)) {
      out[path] = replace_yaml(content, found, all, coding.count(path) > 0);
    } else {
      out[path] = replace(content, found, all);
    }
    if (path == study::kManifestName) out[path] = with_allowed(std::move(out[path]), pseudonyms);
  }
  for (auto& [path, content] : schemas) out[path] = std::move(content);
  return out;
}

}  // namespace ipcode::anon
