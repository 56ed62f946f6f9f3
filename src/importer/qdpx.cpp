// `ipcode import --qdpx`: a REFI-QDA project as the files of a new study (qdpx.hpp).
#include "ipcode/importer/qdpx.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/match.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <algorithm>
#include <tuple>

namespace ipcode::importer::qdpx {
namespace {

using office::qde::Code;
using office::qde::Project;

constexpr const char* kRound = "r1";

struct Node {
  std::string id;
  std::string label;
  std::string description;
  std::string color;
  std::vector<Node> children;
};

// The code tree as themes → groups → subgroups; deeper codes point at their subgroup.
class Tree {
 public:
  std::vector<Node> roots;
  std::map<std::string, std::string> id_of_guid;  // lower-case guid → node id
  int counts[3] = {0, 0, 0};
  int flattened = 0;

  void add(const std::vector<Code>& codes, std::vector<Node>& out, int depth,
           const std::string& origin, Diagnostics& diags) {
    for (const auto& c : codes) {
      Node n;
      n.label = c.name.empty() ? tr("(code without a name)") : text::nfc(c.name);
      n.id = ids_(c.name, "code");
      n.description = text::nfc(c.description);
      n.color = valid_color(c.color) ? ascii_lower(c.color) : std::string();
      ++counts[depth];
      id_of_guid[ascii_lower(c.guid)] = n.id;
      if (depth == 2) {
        std::vector<std::string> below;
        flatten(c.children, n.id, n.label, below);
        if (!below.empty()) {
          flattened += static_cast<int>(below.size());
          diags.warning(origin, 0, 0,
                        format(trn("ipcode has three levels (theme, group, subgroup): the "
                                   "code below '{2}' is flattened into it, and its codings count "
                                   "for it: {3}",
                                   "ipcode has three levels (theme, group, subgroup): the {1} "
                                   "codes below '{2}' are flattened into it, and their codings "
                                   "count for it: {3}",
                                   static_cast<long>(below.size())),
                               {std::to_string(below.size()), n.label, join(below, ", ")}));
        }
      } else {
        add(c.children, n.children, depth + 1, origin, diags);
      }
      out.push_back(std::move(n));
    }
  }

 private:
  static bool valid_color(std::string_view c) {
    if (c.size() != 7 || c.front() != '#') return false;
    return std::all_of(c.begin() + 1, c.end(),
                       [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; });
  }

  void flatten(const std::vector<Code>& codes, const std::string& into, const std::string& label,
               std::vector<std::string>& names) {
    for (const auto& c : codes) {
      id_of_guid[ascii_lower(c.guid)] = into;
      names.push_back(c.name.empty() ? tr("(code without a name)") : text::nfc(c.name));
      flatten(c.children, into, label, names);
    }
  }

  IdMaker ids_;
};

void render_nodes(std::string& out, const std::vector<Node>& nodes, int depth) {
  static const char* const kChildKey[] = {"groups", "subgroups", ""};
  const std::string pad(static_cast<std::size_t>(2 + depth * 4), ' ');
  for (const auto& n : nodes) {
    out.append(pad).append("- id: ").append(n.id).append("\n");
    out.append(pad).append("  label: ").append(yaml::quote(n.label)).append("\n");
    if (!n.description.empty()) {
      out.append(pad).append("  description: ").append(yaml::quote(n.description)).append("\n");
    }
    if (!n.color.empty()) out.append(pad).append("  color: \"").append(n.color).append("\"\n");
    if (!n.children.empty() && depth < 2) {
      out.append(pad).append("  ").append(kChildKey[depth]).append(":\n");
      render_nodes(out, n.children, depth + 1);
    }
  }
}

std::string render_codebook(const Tree& tree, const Project& p, const std::string& origin,
                            const std::string& lang) {
  std::string out = "# Imported by ipcode import --qdpx from " + origin;
  if (!p.origin.empty()) out += " (written by " + p.origin + ")";
  out += "\ncodebook: " + (make_id(p.name).empty() ? std::string("imported") : make_id(p.name));
  out += "\nversion: 1\nlanguage: " + lang + "\n";
  if (tree.roots.empty()) return out + "themes: []\n";
  out += "themes:\n";
  render_nodes(out, tree.roots, 0);
  return out;
}

std::string render_manifest(const Project& p, const std::string& lang) {
  const std::string title = p.name.empty() ? i18n::tr_in(lang, "My study") : text::nfc(p.name);
  return "ipcode: 1\ntitle: " + yaml::quote(title) + "\nlanguage: " + lang +
         "\ncodebook: codebook.yaml\noutput: out\ninformants: []\nrounds:\n  - id: r1\n"
         "    title: " +
         yaml::quote(i18n::tr_in(lang, "First round")) +
         "\n    transcripts: transcripts/r1/*.txt\n    coding: coding/r1/*.yaml\n"
         "    condensation: condensation/r1.yaml\nreport:\n  attribution: role\n";
}

struct Unit {
  std::size_t begin = 0;
  std::size_t end = 0;
  int line_from = 0;
  int line_to = 0;
  std::vector<std::string> codes;
};

// The line holding byte `at` of the transcript's text.
int line_at(const transcript::Transcript& t, std::size_t at) {
  const auto it =
      std::upper_bound(t.lines.begin(), t.lines.end(), at,
                       [](std::size_t v, const transcript::Line& l) { return v < l.begin; });
  return static_cast<int>(it - t.lines.begin());
}

// The selected text as a quote: the spoken part of each line (labels out), white space
// collapsed to single spaces.
std::string quote_of(const transcript::Transcript& t, const Unit& u) {
  std::string out;
  for (int n = u.line_from; n <= u.line_to; ++n) {
    const auto* line = t.line(n);
    if (line == nullptr || line->kind != transcript::LineKind::text) continue;
    std::size_t b = std::max<std::size_t>(line->speech_begin, u.begin);
    std::size_t e = std::min<std::size_t>(line->end, u.end);
    if (b >= e) continue;
    out += ' ';
    out.append(t.text, b, e - b);
  }
  return text::collapse_space(out);
}

// Speaker labels used only once are not labels of this text ("Note: ..."): when there are
// some, the labels used more often are declared, so the others stay text.
std::string speakers_line(std::string_view body) {
  Diagnostics ignored;
  const auto t = transcript::parse_transcript(std::string(body), "x.txt", kRound, ignored);
  std::map<std::string, int> uses;
  for (const auto& turn : t.turns) ++uses[turn.speaker];
  std::vector<std::string> kept;
  bool once = false;
  for (const auto& turn : t.turns) {
    if (uses[turn.speaker] == 1) once = true;
    if (uses[turn.speaker] > 1 && std::find(kept.begin(), kept.end(), turn.speaker) == kept.end()) {
      kept.push_back(turn.speaker);
    }
  }
  if (!once) return {};
  if (kept.empty()) kept.push_back("I");
  return "speakers: [" + join(kept, ", ") + "]\n";
}

struct Counts {
  std::size_t selections = 0;
  std::size_t units = 0;
  std::size_t quoted = 0;
  std::size_t lines_only = 0;
  std::size_t dropped_empty = 0;
  std::size_t dropped_uncoded = 0;
  std::size_t dropped_bad = 0;
  std::size_t other_kinds = 0;
};

class Builder {
 public:
  Builder(const Project& p, const std::string& origin, Diagnostics& diags)
      : p_(p), origin_(origin), diags_(diags) {
    IdMaker coder_ids(Case::keep);
    for (const auto& u : p.users) {
      const std::string name = !u.id.empty() ? u.id : !u.name.empty() ? u.name : u.guid;
      coder_of_[ascii_lower(u.guid)] = {text::nfc(name), coder_ids(name, "coder")};
      user_lines_.push_back(format(tr("{1} → coder {2}"),
                                   {u.name.empty() ? u.guid : text::nfc(u.name), text::nfc(name)}));
    }
    coder_of_[""] = {"-", coder_ids("", "coder")};
    std::set<std::string> used;
    for (const auto& s : p.sources) {
      for (const auto& sel : s.selections) {
        for (const auto& c : sel.codings) {
          used.insert(coder_key(sel.creating_user, c.creating_user));
        }
      }
    }
    several_coders_ = used.size() > 1;
  }

  void source(const office::qde::Source& s, const Tree& tree,
              std::map<std::string, std::string>& files) {
    const std::string shown = !s.name.empty()              ? s.name
                              : !s.plain_text_path.empty() ? s.plain_text_path
                                                           : s.guid;
    counts_.other_kinds += static_cast<std::size_t>(s.other_selections);
    if (s.kind != "TextSource" || !s.has_text) {
      skip(s, shown, s.kind != "TextSource" ? tr("not a text source") : s.why_no_text);
      return;
    }
    const Normalised n(s.text);
    if (trim(n.text()).empty()) {
      skip(s, shown,
           tr("its plain text is empty (the text may be only in the rich-text "
              "document: import that with ipcode import)"));
      return;
    }
    // The transcript's name: the source's name without a file extension.
    std::string stem_name = !s.name.empty() ? s.name : s.plain_text_path;
    if (const auto slash = stem_name.rfind('/'); slash != std::string::npos) {
      stem_name.erase(0, slash + 1);
    }
    if (const auto dot = stem_name.rfind('.');
        dot != std::string::npos && dot > 0 && stem_name.size() - dot <= 5) {
      stem_name.resize(dot);
    }
    const std::string stem = stems_(stem_name, "source");
    const std::string path = std::string("transcripts/r1/") + stem + ".txt";
    const Counting counting = detect_counting(n, s.selections);
    if (counting == Counting::utf16) {
      diags_.warning(origin_, 0, 0,
                     format(tr("{1}: the selections' positions match the text when counted in "
                               "UTF-16 units (as some tools count), not in characters as "
                               "REFI-QDA prescribes: ipcode read them as UTF-16; check a few "
                               "quotes"),
                            {shown}));
    }
    std::string body = n.text();
    if (!body.ends_with('\n')) body += '\n';
    // A text that starts with its own front matter (a transcript ipcode exported) keeps it as
    // it is; any other gets one naming the source.
    const bool has_front =
        body.starts_with("---\n") && body.find("\n---\n", 3) != std::string::npos;
    const std::string front = has_front ? std::string()
                                        : "---\nsource: " + yaml::quote(text::nfc(shown)) + "\n" +
                                              speakers_line(body) + "---\n";
    const std::string whole = front + body;
    Diagnostics ignored;
    const auto t = transcript::parse_transcript(whole, path, kRound, ignored);
    files[path] = whole;
    imported_.push_back(format(tr("{1} → {2}"), {shown, path}));
    const transcript::MatchIndex index(t);

    std::map<std::string, std::vector<Unit>> by_coder;
    for (const auto& sel : s.selections) {
      ++counts_.selections;
      auto unit = place(sel, n, counting, t, front.size(), shown);
      if (!unit) continue;
      std::map<std::string, std::vector<std::string>> codes;
      for (const auto& c : sel.codings) {
        const auto it = tree.id_of_guid.find(ascii_lower(c.code_guid));
        if (it == tree.id_of_guid.end()) {
          diags_.error(origin_, 0, 0,
                       format(tr("{1}: the selection '{2}' ({3}) is coded with {4}, which is no "
                                 "code of the project's code book"),
                              {shown, sel.name, sel.guid, c.code_guid}));
          continue;
        }
        auto& list = codes[coder_key(sel.creating_user, c.creating_user)];
        if (std::find(list.begin(), list.end(), it->second) == list.end()) {
          list.push_back(it->second);
        }
      }
      if (codes.empty()) {
        ++counts_.dropped_uncoded;
        continue;
      }
      for (auto& [coder, list] : codes) {
        Unit u = *unit;
        u.codes = std::move(list);
        by_coder[coder].push_back(std::move(u));
      }
    }
    for (auto& [coder, units] : by_coder) {
      const auto& [name, file_id] = coder_of_.at(coder);
      const std::string file = std::string("coding/r1/") + stem +
                               (several_coders_ ? "-" + file_id : std::string()) + ".yaml";
      files[file] = render_units(t, index, units, name, shown);
    }
  }

  std::vector<std::string> summary(const Tree& tree) const {
    std::vector<std::string> out;
    out.push_back(format(tr("codes → themes: {1}, groups: {2}, subgroups: {3}; deeper codes "
                            "flattened into their subgroup: {4}"),
                         {std::to_string(tree.counts[0]), std::to_string(tree.counts[1]),
                          std::to_string(tree.counts[2]), std::to_string(tree.flattened)}));
    out.push_back(format(tr("sources imported: {1}"), {std::to_string(imported_.size())}));
    for (const auto& l : imported_) out.push_back("  " + l);
    out.push_back(format(tr("sources skipped: {1}"), {std::to_string(skipped_.size())}));
    for (const auto& l : skipped_) out.push_back("  " + l);
    out.push_back(
        format(tr("selections read: {1}; units written: {2} (with quote: {3}; lines only, "
                  "their text being no quote check can find there: {4}); dropped: empty or "
                  "only white space: {5}, without a code: {6}"),
               {std::to_string(counts_.selections), std::to_string(counts_.units),
                std::to_string(counts_.quoted), std::to_string(counts_.lines_only),
                std::to_string(counts_.dropped_empty), std::to_string(counts_.dropped_uncoded)}));
    out.push_back(tr("users → coders:"));
    for (const auto& l : user_lines_) out.push_back("  " + l);
    std::vector<std::string> left;
    auto add = [&](std::size_t n, const std::string& pattern) {
      if (n > 0) left.push_back(format(pattern, {std::to_string(n)}));
    };
    const auto count = [](auto n) { return static_cast<long>(n); };
    add(p_.notes.size(), trn("{1} note", "{1} notes", count(p_.notes.size())));
    add(static_cast<std::size_t>(p_.sets), trn("{1} set", "{1} sets", p_.sets));
    add(static_cast<std::size_t>(p_.cases), trn("{1} case", "{1} cases", p_.cases));
    add(static_cast<std::size_t>(p_.variables), trn("{1} variable", "{1} variables", p_.variables));
    add(static_cast<std::size_t>(p_.graphs), trn("{1} graph", "{1} graphs", p_.graphs));
    add(static_cast<std::size_t>(p_.links), trn("{1} link", "{1} links", p_.links));
    add(counts_.other_kinds,
        trn("{1} selection in a source not imported or of another kind (picture, audio, PDF)",
            "{1} selections in sources not imported or of other kinds (picture, audio, PDF)",
            count(counts_.other_kinds)));
    out.push_back(
        format(tr("not carried over: {1}"), {left.empty() ? tr("nothing") : join(left, ", ")}));
    return out;
  }

  std::size_t units() const { return counts_.units; }

 private:
  std::string coder_key(const std::string& selection_user, const std::string& coding_user) const {
    std::string key = ascii_lower(!coding_user.empty() ? coding_user : selection_user);
    return coder_of_.count(key) != 0 ? key : std::string();
  }

  void skip(const office::qde::Source& s, const std::string& shown, const std::string& why) {
    skipped_.push_back(format(tr("{1} ({2}): {3}"), {shown, s.kind, why}));
    counts_.other_kinds += s.selections.size();
  }

  // Where a selection lands in the transcript, white space at its edges left out.
  std::optional<Unit> place(const office::qde::Selection& sel, const Normalised& n, Counting c,
                            const transcript::Transcript& t, std::size_t shift,
                            const std::string& shown) {
    const std::string what =
        format(tr("{1}: the selection '{2}' ({3}) from {4} to {5}"),
               {shown, sel.name, sel.guid, std::to_string(sel.start), std::to_string(sel.end)});
    if (sel.end < sel.start) {
      diags_.error(origin_, 0, 0, what + tr(" ends before it starts"));
      ++counts_.dropped_bad;
      return std::nullopt;
    }
    const auto b = n.start(sel.start, c);
    const auto e = n.end(sel.end, c);
    if (!b || !e) {
      diags_.error(origin_, 0, 0,
                   what + format(tr(" goes past the end of the text ({1} characters)"),
                                 {std::to_string(n.length(c))}));
      ++counts_.dropped_bad;
      return std::nullopt;
    }
    Unit u;
    u.begin = shift + *b;
    u.end = shift + *e;
    const std::string_view all = t.text;
    while (u.begin < u.end && text::is_space(text::decode_at(all, u.begin).value)) {
      u.begin += text::decode_at(all, u.begin).size;
    }
    while (u.end > u.begin &&
           text::is_space(text::decode_at(all, text::previous_start(all, u.end)).value)) {
      u.end = text::previous_start(all, u.end);
    }
    if (u.begin >= u.end) {
      ++counts_.dropped_empty;
      diags_.warning(origin_, 0, 0, what + tr(" holds no text: left out"));
      return std::nullopt;
    }
    u.line_from = line_at(t, u.begin);
    u.line_to = line_at(t, u.end - 1);
    return u;
  }

  std::string render_units(const transcript::Transcript& t, const transcript::MatchIndex& index,
                           std::vector<Unit>& units, const std::string& coder,
                           const std::string& shown) {
    std::stable_sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) {
      return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
    });
    std::string out = "# Meaning units imported by ipcode import --qdpx from " + origin_ +
                      ", source " + text::nfc(shown) + "\ntranscript: " + yaml::quote(t.id) +
                      "\ncoder: " + yaml::quote(coder) + "\nunits:\n";
    for (const auto& u : units) {
      out += "  - lines: " + std::to_string(u.line_from) +
             (u.line_to != u.line_from ? "-" + std::to_string(u.line_to) : std::string()) + "\n";
      const std::string quote = quote_of(t, u);
      if (!quote.empty() && index.find(quote, u.line_from, u.line_to).size() == 1) {
        out += "    quote: " + yaml::quote(quote) + "\n";
        ++counts_.quoted;
      } else {
        out += "    # the selected text is not a quote check finds here: lines only\n";
        ++counts_.lines_only;
      }
      out += "    codes: [" + join(u.codes, ", ") + "]\n";
      ++counts_.units;
    }
    return out;
  }

  const Project& p_;
  const std::string& origin_;
  Diagnostics& diags_;
  std::map<std::string, std::pair<std::string, std::string>> coder_of_;  // guid → name, file id
  bool several_coders_ = false;
  IdMaker stems_{Case::keep};
  Counts counts_;
  std::vector<std::string> imported_;
  std::vector<std::string> skipped_;
  std::vector<std::string> user_lines_;
};

}  // namespace

Study build(const Project& p, const std::string& origin, const std::string& lang,
            Diagnostics& diags) {
  Study study;
  Tree tree;
  tree.add(p.codes, tree.roots, 0, origin, diags);
  study.files["ipcode.yaml"] = render_manifest(p, lang);
  study.files["codebook.yaml"] = render_codebook(tree, p, origin, lang);
  study.files["condensation/r1.yaml"] = "round: r1\nsubgroups: {}\ngroups: {}\n";
  Builder builder(p, origin, diags);
  for (const auto& s : p.sources) builder.source(s, tree, study.files);
  if (study.files.count("transcripts/r1/.keep") == 0 &&
      std::none_of(study.files.begin(), study.files.end(),
                   [](const auto& f) { return f.first.starts_with("transcripts/"); })) {
    study.files["transcripts/r1/.keep"] = "";
    study.files["coding/r1/.keep"] = "";
  }
  study.summary = builder.summary(tree);
  study.units = builder.units();
  return study;
}

}  // namespace ipcode::importer::qdpx
