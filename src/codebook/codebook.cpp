#include "ipcode/codebook/codebook.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>
#include <map>

namespace ipcode::codebook {
namespace {

using yaml::Key;

const std::vector<Key> kTopKeys = {
    {"codebook", {"kodebok", "name", "navn"}},
    {"version", {"versjon"}},
    {"language", {"språk"}},
    {"description", {"beskrivelse"}},
    {"themes", {"temaer", "tema", "hovedkategorier", "hovedkategori"}},
    {"levels", {"nivåer", "nivaer"}},
    {"questions", {"spørsmål", "sporsmal", "analytiske spørsmål"}},
};
const std::vector<Key> kQuestionKeys = {
    {"id"},
    {"text", {"tekst", "spørsmål", "sporsmal"}},
    {"nodes", {"noder", "koder", "codes"}},
};
const std::vector<Key> kLevelKeys = {
    {"theme", {"tema", "hovedkategori"}},
    {"group", {"kodegruppe", "kategori", "underkategori"}},
    {"subgroup", {"subgruppe", "undergruppe"}},
};
const Key kGroupsKey = {
    "groups",
    {"kodegrupper", "kodegruppe", "kategorier", "kategori", "underkategorier", "underkategori"}};
const Key kSubgroupsKey = {"subgroups", {"subgrupper", "subgruppe", "undergrupper", "undergruppe"}};

std::vector<Key> node_keys(Level level) {
  std::vector<Key> keys = {
      {"id"},
      {"label", {"etikett", "navn"}},
      {"description", {"beskrivelse"}},
      {"include", {"inklusjon", "ta med"}},
      {"exclude", {"eksklusjon", "utelat"}},
      {"examples", {"eksempler"}},
      {"color", {"colour", "farge"}},
      {"keywords", {"nøkkelord", "stikkord"}},
      {"highlight", {"markering", "utheving"}},
  };
  if (level == Level::theme) keys.push_back(kGroupsKey);
  if (level == Level::group) keys.push_back(kSubgroupsKey);
  return keys;
}

std::string level_text(Level level) {
  switch (level) {
    case Level::theme:
      return tr("a theme");
    case Level::group:
      return tr("a code group");
    case Level::subgroup:
      return tr("a subgroup");
  }
  return {};
}

}  // namespace

const std::vector<std::string>& highlight_names() {
  static const std::vector<std::string> kNames = {
      "yellow",   "green",     "cyan",        "magenta", "blue",       "red",      "darkBlue",
      "darkCyan", "darkGreen", "darkMagenta", "darkRed", "darkYellow", "darkGray", "lightGray"};
  return kNames;
}

namespace {

bool valid_color(std::string_view c) {
  if (c.size() != 7 || c[0] != '#') return false;
  return std::all_of(c.begin() + 1, c.end(),
                     [](char x) { return std::isxdigit(static_cast<unsigned char>(x)) != 0; });
}

struct Reader {
  Codebook& cb;
  const std::string file;
  Diagnostics& diags;
  std::map<std::string, int> seen;

  void read_list(const yaml::Node& list, Level level, int parent) {
    if (!list.is_sequence()) {
      diags.error(file, list.mark.line, list.mark.col,
                  tr("expected a list of nodes here (each starting with '- id: ...')"));
      return;
    }
    for (const auto& item : list.items) read_node(item, level, parent);
  }

  // `highlight: yellow` (a Word highlight colour, any case) or `highlight: "#ffff00"`.
  void read_highlight(const yaml::Node& node, Node& n) {
    const std::string value = yaml::as_string(&node, file, diags);
    if (value.empty()) return;
    if (value[0] == '#') {
      if (valid_color(value)) {
        n.highlight = ascii_lower(value);
      } else {
        diags.error(file, node.mark.line, node.mark.col,
                    format(tr("highlight '{1}' is not of the form \"#ffff00\""), {value}));
      }
      return;
    }
    for (const auto& name : highlight_names()) {
      if (ascii_lower(name) == ascii_lower(value)) {
        n.highlight = name;
        return;
      }
    }
    const auto near = closest(value, highlight_names());
    diags.error(file, node.mark.line, node.mark.col,
                near ? format(tr("highlight '{1}' is not one of Word's highlight colours; did you "
                                 "mean '{2}'?"),
                              {value, *near})
                     : format(tr("highlight '{1}' is not one of Word's highlight colours ({2}) "
                                 "nor a shading of the form \"#ffff00\""),
                              {value, join(highlight_names(), ", ")}));
  }

  void read_node(const yaml::Node& item, Level level, int parent) {
    const auto k = yaml::read_keys(item, node_keys(level), level_text(level), file, diags);
    if (!item.is_map()) return;
    const auto get = [&](const char* key) { return k.count(key) ? k.at(key) : nullptr; };
    Node n;
    n.level = level;
    n.parent = parent;
    n.file = file;
    n.line = item.mark.line;
    n.col = item.mark.col;
    n.id = yaml::as_string(get("id"), file, diags);
    n.label = yaml::as_string(get("label"), file, diags);
    if (n.id.empty()) {
      diags.error(file, n.line, n.col, format(tr("{1} needs an 'id'"), {level_text(level)}));
      return;
    }
    const auto* id_node = get("id");
    if (!valid_id(n.id)) {
      diags.error(file, id_node->mark.line, id_node->mark.col,
                  format(tr("id '{1}' is not allowed: use lower-case ASCII letters, digits, '-' "
                            "and '_' (write æ as ae, ø as o, å as aa); the label carries the "
                            "Norwegian text"),
                         {n.id}));
    }
    if (n.label.empty()) {
      diags.error(file, n.line, n.col, format(tr("'{1}' needs a 'label'"), {n.id}));
    }
    n.description = yaml::as_string(get("description"), file, diags);
    n.include = yaml::as_string(get("include"), file, diags);
    n.exclude = yaml::as_string(get("exclude"), file, diags);
    n.examples = yaml::as_string_list(get("examples"), file, diags);
    n.color = yaml::as_string(get("color"), file, diags);
    if (!n.color.empty() && !valid_color(n.color)) {
      diags.error(file, get("color")->mark.line, get("color")->mark.col,
                  format(tr("colour '{1}' is not of the form \"#1b9e77\""), {n.color}));
      n.color.clear();
    }
    if (const auto* hl = get("highlight")) read_highlight(*hl, n);
    if (const auto* kw = get("keywords")) {
      n.keywords = yaml::as_string_list(kw, file, diags);
      for (std::size_t i = 0; i < n.keywords.size(); ++i) {
        const auto problem = keyword_problem(n.keywords[i]);
        if (problem.empty()) continue;
        const auto& mark = kw->is_sequence() && i < kw->items.size() ? kw->items[i].mark : kw->mark;
        diags.error(file, mark.line, mark.col,
                    format(tr("keyword '{1}': {2}"), {n.keywords[i], problem}));
      }
    }
    if (auto it = seen.find(n.id); it != seen.end()) {
      diags.error(
          file, id_node->mark.line, id_node->mark.col,
          format(tr("duplicate id '{1}' (first used on line {2})"),
                 {n.id, std::to_string(cb.nodes[static_cast<std::size_t>(it->second)].line)}));
      return;
    }
    const int index = static_cast<int>(cb.nodes.size());
    seen[n.id] = index;
    if (parent >= 0) cb.nodes[static_cast<std::size_t>(parent)].children.push_back(index);
    cb.nodes.push_back(std::move(n));
    if (level == Level::theme && get("groups")) read_list(*get("groups"), Level::group, index);
    if (level == Level::group && get("subgroups"))
      read_list(*get("subgroups"), Level::subgroup, index);
  }
};

void read_questions(const yaml::Node& list, Codebook& cb, const std::string& file,
                    Diagnostics& diags) {
  if (list.is_null()) return;
  if (!list.is_sequence()) {
    diags.error(file, list.mark.line, list.mark.col,
                tr("'questions' must be a list (each starting with '- id: ...')"));
    return;
  }
  for (const auto& item : list.items) {
    const auto k = yaml::read_keys(item, kQuestionKeys, tr("a question"), file, diags);
    if (!item.is_map()) continue;
    const auto get = [&](const char* key) { return k.count(key) ? k.at(key) : nullptr; };
    Question q;
    q.file = file;
    q.line = item.mark.line;
    q.col = item.mark.col;
    q.id = yaml::as_string(get("id"), file, diags);
    q.text = yaml::as_string(get("text"), file, diags);
    if (q.id.empty()) {
      diags.error(file, q.line, q.col, tr("a question needs an 'id' (such as q1)"));
      continue;
    }
    if (!valid_id(q.id)) {
      diags.error(file, get("id")->mark.line, get("id")->mark.col,
                  format(tr("question id '{1}' is not allowed: use lower-case ASCII letters, "
                            "digits, '-' and '_'"),
                         {q.id}));
    }
    if (trim(q.text).empty()) {
      diags.error(
          file, q.line, q.col,
          format(tr("question '{1}' needs a 'text': the question you ask of the units"), {q.id}));
    }
    if (const auto* nodes = get("nodes")) {
      q.nodes = yaml::as_string_list(nodes, file, diags);
      if (nodes->is_sequence()) {
        for (const auto& n : nodes->items) q.node_marks.emplace_back(n.mark.line, n.mark.col);
      } else {
        q.node_marks.emplace_back(nodes->mark.line, nodes->mark.col);
      }
    }
    cb.questions.push_back(std::move(q));
  }
}

}  // namespace

bool valid_id(std::string_view id) {
  if (id.empty() || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
    return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string keyword_problem(std::string_view pattern) {
  const auto p = trim(pattern);
  if (p.empty()) return tr("a keyword may not be empty");
  if (p.front() == '=') {
    if (p.size() < 2) return tr("'=' must be followed by the exact word");
    return {};
  }
  for (const auto word : split(p, ' ')) {
    if (word.empty()) continue;
    const auto star = word.find('*');
    if (star != std::string_view::npos && star + 1 != word.size()) {
      return tr("'*' may only stand at the end of a word (signer*)");
    }
    if (word == "*") return tr("'*' needs at least one letter in front of it");
    if (word.find_first_of("?[]{}()|\\^$+") != std::string_view::npos) {
      return tr("only letters, digits and a final '*' are allowed in a keyword");
    }
  }
  return {};
}

std::string_view level_key(Level level) {
  switch (level) {
    case Level::theme:
      return "theme";
    case Level::group:
      return "group";
    case Level::subgroup:
      return "subgroup";
  }
  return "theme";
}

int Codebook::find(std::string_view id) const {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::vector<int> Codebook::lineage(int index) const {
  std::vector<int> out;
  for (int i = index; i >= 0; i = nodes[static_cast<std::size_t>(i)].parent) out.push_back(i);
  return out;
}

std::vector<int> Codebook::of_level(Level level) const {
  std::vector<int> out;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].level == level) out.push_back(static_cast<int>(i));
  }
  return out;
}

int Codebook::theme_of(int index) const { return lineage(index).back(); }

std::string Codebook::level_name(Level level, std::string_view lang) const {
  const auto& own = level_names[static_cast<std::size_t>(level)];
  if (!own.empty()) return own;
  switch (level) {
    case Level::theme:
      return i18n::tr_in(lang, "Theme");
    case Level::group:
      return i18n::tr_in(lang, "Code group");
    case Level::subgroup:
      return i18n::tr_in(lang, "Subgroup");
  }
  return {};
}

Codebook parse_codebook(std::string_view raw, std::string_view origin, Diagnostics& diags) {
  // Ids are compared after NFC, like the transcripts' text.
  const std::string normalized = text::nfc(raw);
  const std::string_view text = normalized;
  Codebook cb;
  const std::string file(origin);
  cb.files.push_back(file);
  yaml::Node root;
  if (!yaml::parse(text, origin, root, diags)) return cb;
  if (root.is_null()) {
    diags.error(file, 1, 1,
                tr("the codebook is empty; it needs 'codebook:' (a name) and 'themes:'"));
    return cb;
  }
  const auto k = yaml::read_keys(root, kTopKeys, tr("the codebook"), file, diags);
  if (!root.is_map()) return cb;
  const auto get = [&](const char* key) { return k.count(key) ? k.at(key) : nullptr; };
  cb.name = yaml::as_string(get("codebook"), file, diags);
  if (cb.name.empty())
    diags.error(file, 1, 1, tr("the codebook needs a name: 'codebook: my-codebook'"));
  cb.version = yaml::as_string(get("version"), file, diags);
  cb.language = yaml::as_string(get("language"), file, diags, "nb");
  if (const auto* levels = get("levels")) {
    const auto lk = yaml::read_keys(*levels, kLevelKeys, tr("'levels'"), file, diags);
    for (int l = 0; l < 3; ++l) {
      const auto key = std::string(level_key(static_cast<Level>(l)));
      if (lk.count(key))
        cb.level_names[static_cast<std::size_t>(l)] = yaml::as_string(lk.at(key), file, diags);
    }
  }
  Reader reader{cb, file, diags, {}};
  if (const auto* themes = get("themes")) {
    reader.read_list(*themes, Level::theme, -1);
  } else {
    diags.error(file, 1, 1, tr("the codebook has no 'themes:'"));
  }
  if (const auto* questions = get("questions")) read_questions(*questions, cb, file, diags);
  return cb;
}

Codebook merge(std::vector<Codebook> parts, Diagnostics& diags) {
  if (parts.empty()) return {};
  Codebook out = std::move(parts.front());
  for (std::size_t p = 1; p < parts.size(); ++p) {
    auto& part = parts[p];
    out.files.insert(out.files.end(), part.files.begin(), part.files.end());
    const int offset = static_cast<int>(out.nodes.size());
    for (auto& n : part.nodes) {
      if (const int prev = out.find(n.id); prev >= 0) {
        const auto& first = out.nodes[static_cast<std::size_t>(prev)];
        diags.error(n.file, n.line, n.col,
                    format(tr("duplicate id '{1}' (also in {2}:{3}); ids must be unique across "
                              "all codebook files"),
                           {n.id, first.file, std::to_string(first.line)}));
      }
      if (n.parent >= 0) n.parent += offset;
      for (auto& c : n.children) c += offset;
      out.nodes.push_back(std::move(n));
    }
    for (auto& q : part.questions) out.questions.push_back(std::move(q));
  }
  // Questions: ids unique across the files; `nodes` name nodes of the whole codebook.
  std::vector<std::string> node_ids;
  for (const auto& n : out.nodes) node_ids.push_back(n.id);
  for (std::size_t i = 0; i < out.questions.size(); ++i) {
    const Question& q = out.questions[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (out.questions[j].id != q.id) continue;
      diags.error(q.file, q.line, q.col,
                  format(tr("duplicate question id '{1}' (also in {2}:{3})"),
                         {q.id, out.questions[j].file, std::to_string(out.questions[j].line)}));
      break;
    }
    for (std::size_t k = 0; k < q.nodes.size(); ++k) {
      if (out.find(q.nodes[k]) >= 0) continue;
      const auto [line, col] = k < q.node_marks.size() ? q.node_marks[k] : std::pair{q.line, q.col};
      std::string msg =
          format(tr("question '{1}' names '{2}', which is not a node of the codebook"),
                 {q.id, q.nodes[k]});
      if (const auto near = closest(q.nodes[k], node_ids); near) {
        msg += format(tr("; did you mean '{1}'?"), {*near});
      }
      diags.error(q.file, line, col, msg);
    }
  }
  return out;
}

int Codebook::find_question(std::string_view id) const {
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (questions[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::vector<Change> diff(const Codebook& a, const Codebook& b) {
  std::vector<Change> out;
  const auto parent_id = [](const Codebook& cb, const Node& n) {
    return n.parent < 0 ? std::string() : cb.nodes[static_cast<std::size_t>(n.parent)].id;
  };
  for (const auto& nb : b.nodes) {
    const int ia = a.find(nb.id);
    if (ia < 0) {
      out.push_back({Change::Kind::added, nb.id, {}, nb.label});
      continue;
    }
    const auto& na = a.nodes[static_cast<std::size_t>(ia)];
    if (na.level != nb.level) {
      out.push_back({Change::Kind::level_changed, nb.id, std::string(level_key(na.level)),
                     std::string(level_key(nb.level))});
    }
    if (parent_id(a, na) != parent_id(b, nb)) {
      out.push_back({Change::Kind::moved, nb.id, parent_id(a, na), parent_id(b, nb)});
    }
    if (na.label != nb.label) out.push_back({Change::Kind::relabelled, nb.id, na.label, nb.label});
  }
  for (const auto& na : a.nodes) {
    if (b.find(na.id) < 0) out.push_back({Change::Kind::removed, na.id, na.label, {}});
  }
  return out;
}

const std::vector<yaml::Key>& codebook_keys() { return kTopKeys; }
const std::vector<yaml::Key>& level_name_keys() { return kLevelKeys; }
std::vector<yaml::Key> node_keys_of(Level level) { return node_keys(level); }

}  // namespace ipcode::codebook
