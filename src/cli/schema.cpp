// JSON Schemas of the study's YAML files (SPEC §2, §4–§6): what `ipcode schema` and `ipcode
// init` write for editors. See schema.hpp for where the keys come from.
#include "cli/schema.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/codebook/codebook.hpp"
#include "ipcode/coding/coding.hpp"
#include "ipcode/study/manifest.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ipcode::cli {
namespace {

using json = nlohmann::json;

// Codebook node ids, codes and question ids (SPEC §4).
constexpr const char* kNodeId = "^[a-z0-9][a-z0-9_-]*$";
// Informant and round ids: letters (Latin, with Norwegian and other accented ones, and
// combining marks for NFD), digits, '-' and '_', not starting with '-' or '_'. The loader
// takes any Unicode letter; editors' regular expressions have no \p{L}.
constexpr const char* kPersonId =
    "^[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
    "[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f_-]*$";
constexpr const char* kColor = "^#[0-9A-Fa-f]{6}$";
// SPEC §5 `lines`: one line or a range; the loader also takes an en or em dash.
constexpr const char* kLines = "^\\s*[0-9]+\\s*((-|\u2013|\u2014)\\s*[0-9]+\\s*)?$";
constexpr const char* kMarker = "Written by 'ipcode schema'; running it again replaces this file.";

// One key of a map: its value's schema, with a description.
struct Prop {
  std::string key;  // the canonical name, as in the loader's table
  json schema;
};

// A scalar the loader reads as text: YAML may type `title: 2006` as a number, and an empty
// value is allowed wherever the key is optional.
json text(const std::string& description) {
  return {{"type", {"boolean", "null", "number", "string"}}, {"description", description}};
}

// Text a key must have: no empty value (the loader reports it as missing).
json required_text(const std::string& description) {
  return {
      {"type", {"boolean", "number", "string"}}, {"minLength", 1}, {"description", description}};
}

// A value or a list of values (the loader's as_string_list).
json one_or_list(const std::string& description, json item = {{"type", "string"}}) {
  json s = item;
  s["type"] = {"array", "null", "string"};
  s["items"] = item;
  s["description"] = description;
  return s;
}

json ids(const std::string& description) {
  return one_or_list(description, {{"type", "string"}, {"pattern", kNodeId}});
}

// Codes of a unit: at least one (SPEC §5).
json codes(const std::string& description) {
  json s = ids(description);
  s["type"] = {"array", "string"};
  s["minItems"] = 1;
  return s;
}

json node_id(const std::string& description) {
  return {{"type", {"integer", "string"}},
          {"minimum", 0},
          {"pattern", kNodeId},
          {"description", description}};
}

json list_of(const std::string& def, const std::string& description) {
  return {{"type", {"array", "null"}},
          {"items", {{"$ref", "#/$defs/" + def}}},
          {"description", description}};
}

json ref(const std::string& def, const std::string& description) {
  return {{"$ref", "#/$defs/" + def}, {"description", description}};
}

json choice(std::vector<std::string> values, const std::string& description) {
  return {{"enum", std::move(values)}, {"description", description}};
}

// Loader keys without a description in the tables below, for the drift test.
std::vector<std::string>& gaps() {
  static std::vector<std::string> list;
  return list;
}

// Every name a key may be written with: the canonical one, then the loader's aliases.
std::vector<std::string> names_of(const std::vector<yaml::Key>& keys, const std::string& key) {
  for (const auto& k : keys) {
    if (k.name != key) continue;
    std::vector<std::string> names = {k.name};
    names.insert(names.end(), k.aliases.begin(), k.aliases.end());
    return names;
  }
  return {key};
}

// Requires one of the names of each key in `any` (an alias counts as the key).
json required_any(const std::vector<yaml::Key>& keys, const std::vector<std::string>& any) {
  json options = json::array();
  for (const auto& key : any) {
    for (const auto& name : names_of(keys, key)) options.push_back({{"required", {name}}});
  }
  return options;
}

// A map whose keys the loader checks with read_keys (`keys`): a property for every name of
// every key, aliases described as the key they stand for; keys SPEC lists that the loader does
// not read yet (in `props` but not in `keys`) have their canonical name only. Each key in
// `required` must be there under one of its names; `required_one` lists keys of which at least
// one must be there.
json object(const std::string& map, const std::vector<yaml::Key>& keys,
            const std::vector<Prop>& props, const std::vector<std::string>& required = {},
            const std::vector<std::string>& required_one = {}) {
  json properties = json::object();
  const auto find = [&](const std::string& key) -> const Prop* {
    for (const auto& p : props) {
      if (p.key == key) return &p;
    }
    return nullptr;
  };
  for (const auto& k : keys) {
    const Prop* p = find(k.name);
    if (p == nullptr) {
      gaps().push_back(map + "." + k.name);
      properties[k.name] = json::object();
      continue;
    }
    properties[k.name] = p->schema;
    for (const auto& alias : k.aliases) {
      json s = p->schema;
      s["description"] = format(tr("Another name for '{1}'. {2}"),
                                {k.name, p->schema.value("description", std::string())});
      properties[alias] = std::move(s);
    }
  }
  for (const auto& p : props) {
    if (!properties.contains(p.key)) properties[p.key] = p.schema;
  }
  json out = {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  json all = json::array();
  for (const auto& key : required) {
    const auto names = names_of(keys, key);
    if (names.size() == 1) {
      out["required"].push_back(key);
    } else {
      all.push_back({{"anyOf", required_any(keys, {key})}});
    }
  }
  if (!required_one.empty()) all.push_back({{"anyOf", required_any(keys, required_one)}});
  if (!all.empty()) out["allOf"] = all;
  return out;
}

json document(const std::string& title, const std::string& description, json root, json defs) {
  root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  root["$comment"] = kMarker;
  root["title"] = title;
  root["description"] = description;
  if (!defs.empty()) root["$defs"] = std::move(defs);
  return root;
}

// SPEC §2.
json manifest_schema() {
  using study::manifest_keys;
  using study::ManifestMap;
  json defs;
  defs["informant"] = object(
      "informant", manifest_keys(ManifestMap::informant),
      {{"id",
        {{"type", {"integer", "string"}},
         {"pattern", kPersonId},
         {"description", tr("The informant's id as in the transcripts' speaker labels, "
                            "e.g. B1: letters, digits, '-' and '_'.")}}},
       {"role", text(tr("The informant's role, free text (e.g. bruker): a grouping column and "
                        "part of role attributions."))},
       {"pseudonym", text(tr("The pseudonym used when quotes are attributed by pseudonym."))},
       {"attributes",
        {{"type", "object"},
         {"additionalProperties", {{"type", {"boolean", "null", "number", "string"}}}},
         {"description", tr("Attributes shown in the report's sample table, e.g. {kjønn: K, "
                            "alder: 40-49}.")}}}},
      {"id"});
  defs["round"] = object(
      "round", manifest_keys(ManifestMap::round),
      {{"id",
        {{"type", {"integer", "string"}},
         {"pattern", kPersonId},
         {"description", tr("The round's id, e.g. r1; it names the round's output "
                            "folder: letters, digits, '-' and '_'.")}}},
       {"title", text(tr("The round's title."))},
       {"period", text(tr("When the round took place, free text, e.g. 2006-01..2006-02."))},
       {"transcripts", one_or_list(tr("The round's transcripts: a glob or a list of globs, "
                                      "relative to ipcode.yaml, e.g. transcripts/r1/*.txt."))},
       {"coding", one_or_list(tr("The round's coding files: a glob or a list of globs, e.g. "
                                 "coding/r1/*.yaml."))},
       {"condensation", text(tr("The round's condensation file (steps 3–4), e.g. "
                                "condensation/r1.yaml."))},
       {"codebook", one_or_list(tr("This round's own codebook version (optional; default: "
                                   "the study's codebook)."))},
       {"description", text(tr("A description of the round, free text."))}},
      {"id", "transcripts"});
  defs["report"] = object(
      "report", manifest_keys(ManifestMap::report),
      {{"attribution",
        choice({"id", "role", "rolle", "pseudonym", "none", "ingen"},
               tr("How final reports attribute quotes: id (B1 s.2 l.14–16), role (bruker, "
                  "runde 1), pseudonym («Morten», bruker) or none. Default: role."))},
       {"quotes", choice({"guillemets", "curly", "block"},
                         tr("Quote typography: guillemets («…», the default), curly (”…”) or "
                            "block (indented, no marks)."))}});
  defs["anon"] = object("anon", manifest_keys(ManifestMap::anon),
                        {{"allow", one_or_list(tr("Words 'ipcode anon' does not flag, compared "
                                                  "as written, e.g. [NAV, Oslo]."))}});
  json root = object(
      "manifest", manifest_keys(ManifestMap::top),
      {{"ipcode",
        {{"enum", {1, "1"}}, {"description", tr("The format version of the study's files: 1.")}}},
       {"title", text(tr("The study's title, printed on the reports."))},
       {"language", choice({"nb", "nn", "en"}, tr("The language of the reports: nb (bokmål), "
                                                  "nn (nynorsk) or en (English). Default: nb."))},
       {"codebook", one_or_list(tr("The codebook file, or a list of files, relative to "
                                   "ipcode.yaml."))},
       {"output", text(tr("The folder ipcode writes its outputs to (default out). Every run "
                          "replaces it: keep nothing of your own there."))},
       {"informants", list_of("informant", tr("The informants (optional): id, role, pseudonym "
                                              "and attributes for the sample table."))},
       {"rounds", list_of("round", tr("The research rounds. Without 'rounds' the study has one "
                                      "round r1 with transcripts/** and coding/**."))},
       {"report", ref("report", tr("How the final reports quote the informants."))},
       {"description", text(tr("A description of the study, free text."))},
       {"anon", ref("anon", tr("Settings for 'ipcode anon'."))},
       {"member_check", text(tr("Whether and how the findings were checked with the informants "
                                "(member checking), e.g. 'not done: tidspress'; recorded in "
                                "the report's validation section."))}},
      {"ipcode"});
  return document(tr("ipcode study manifest (ipcode.yaml)"),
                  tr("The study's manifest: title, language, codebook, informants, rounds and "
                     "report options (man ipcode-formats)."),
                  std::move(root), std::move(defs));
}

// SPEC §4: the keys of a theme, a code group or a subgroup.
json node_schema(codebook::Level level) {
  using codebook::Level;
  std::vector<Prop> props = {
      {"id", node_id(tr("The id, unique across the codebook: lower-case ASCII letters, digits, "
                        "'-' and '_' (write æ as ae, ø as o, å as aa); the label carries the "
                        "Norwegian text."))},
      {"label", required_text(tr("The name shown in the reports."))},
      {"description", text(tr("What this node is about."))},
      {"include", text(tr("What belongs here (inclusion criterion)."))},
      {"exclude", text(tr("What does not belong here (exclusion criterion)."))},
      {"examples", one_or_list(tr("Examples of utterances that belong here."))},
      {"color",
       {{"type", {"null", "string"}},
        {"pattern", kColor},
        {"description", tr("The colour in reports and the heat map, written "
                           "\"#1b9e77\" (in quotes: # starts a comment in YAML).")}}},
      {"keywords",
       one_or_list(tr("Word patterns for 'ipcode suggest': a word (its inflected forms match), "
                      "signer* (any ending), \"=IP\" (exact, case-sensitive), or a phrase."))},
      {"highlight",
       {{"anyOf",
         {{{"enum",
            {"yellow", "green", "cyan", "magenta", "blue", "red", "darkBlue", "darkCyan",
             "darkGreen", "darkMagenta", "darkRed", "darkYellow", "darkGray", "lightGray"}}},
          {{"type", "string"}, {"pattern", kColor}}}},
        {"description", tr("The Word highlight colour (yellow, green, cyan, …) or shading "
                           "(\"#rrggbb\") that codes a passage with this node when a Word file "
                           "is imported with --codings.")}}},
      {"groups", list_of("group", tr("The theme's code groups (step 2)."))},
      {"subgroups", list_of("subgroup", tr("The code group's subgroups (step 3)."))},
  };
  // Children only where the level has them.
  std::erase_if(props, [&](const Prop& p) {
    return (p.key == "groups" && level != Level::theme) ||
           (p.key == "subgroups" && level != Level::group);
  });
  return object(std::string(codebook::level_key(level)), codebook::node_keys_of(level), props,
                {"id", "label"});
}

json codebook_schema() {
  using codebook::Level;
  json defs;
  defs["theme"] = node_schema(Level::theme);
  defs["group"] = node_schema(Level::group);
  defs["subgroup"] = node_schema(Level::subgroup);
  defs["levels"] =
      object("levels", codebook::level_name_keys(),
             {{"theme", text(tr("What the reports call a theme (default: Tema / Theme)."))},
              {"group", text(tr("What the reports call a code group (default: Kodegruppe / Code "
                                "group)."))},
              {"subgroup", text(tr("What the reports call a subgroup (default: Subgruppe / "
                                   "Subgroup)."))}});
  defs["question"] = object(
      "question", {},
      {{"id", node_id(tr("The question's id, e.g. q1: lower-case ASCII letters, digits, '-' and "
                         "'_'."))},
       {"text", required_text(tr("The analytic question."))},
       {"nodes", ids(tr("Ids of the codebook nodes the question belongs to."))}},
      {"id", "text"});
  json root = object(
      "codebook", codebook::codebook_keys(),
      {{"codebook", required_text(tr("The codebook's name (required)."))},
       {"version", text(tr("The codebook's version, a number or text; printed in the "
                           "reports."))},
       {"language", choice({"nb", "nn", "en"}, tr("The language of the labels: nb, nn or en."))},
       {"description", text(tr("A description of the codebook, free text."))},
       {"themes", list_of("theme", tr("The themes (step 1), each with its code groups (step 2) "
                                      "and their subgroups (step 3)."))},
       {"levels", ref("levels", tr("What the reports call each level, e.g. {theme: "
                                   "Hovedkategori, group: Underkategori, subgroup: Kode}."))},
       {"questions", list_of("question", tr("Analytic questions asked of the units (steps 2–3); "
                                            "a unit names those it answers in 'answers'."))}},
      {"codebook", "themes"});
  return document(tr("ipcode codebook"),
                  tr("Themes, code groups and subgroups with their ids, labels, criteria, "
                     "colours and keywords (man ipcode-formats)."),
                  std::move(root), std::move(defs));
}

// SPEC §5.
json coding_schema() {
  using coding::coding_keys;
  using coding::CodingMap;
  json defs;
  defs["unit"] = object(
      "unit", coding_keys(CodingMap::unit),
      {{"id",
        {{"type", {"integer", "string"}},
         {"description", tr("The unit's id (optional; default <informant>-<nn> in order "
                            "of position), unique within the round.")}}},
       {"lines",
        {{"type", {"integer", "string"}},
         {"minimum", 1},
         {"pattern", kLines},
         {"description", tr("A line number or a range, e.g. 5-6: the transcript "
                            "file's lines, front matter counted.")}}},
       {"quote", text(tr("The quote as in the transcript (case, white space and line breaks do "
                         "not matter); (…) stands for left-out words, [text] for your "
                         "clarification."))},
       {"codes", codes(tr("Ids of the codebook nodes the unit is coded with, e.g. "
                          "[underskrift]."))},
       {"note", text(tr("Your note on the unit."))},
       {"answers", ids(tr("Ids of the codebook's questions the unit answers."))},
       {"normalised", text(tr("The quote in written bokmål, shown in final reports; 'quote' "
                              "stays the evidence."))}},
      {"codes"}, {"lines", "quote"});
  json root = object(
      "coding", coding_keys(CodingMap::coding_file),
      {{"transcript", required_text(tr("The id of the coded transcript (required), e.g. r1-B1: "
                                       "<round>-<file name without .txt>, unless its front matter "
                                       "gives another id."))},
       {"coder", text(tr("Who coded, e.g. initials (KH); default -."))},
       {"units", list_of("unit", tr("The meaning units (step 2)."))}},
      {"transcript"});
  return document(tr("ipcode coding file"),
                  tr("The meaning units of one transcript (step 2): where each one is and the "
                     "codes it is coded with (man ipcode-formats)."),
                  std::move(root), std::move(defs));
}

// SPEC §6.
json condensation_schema() {
  using coding::coding_keys;
  using coding::CodingMap;
  json defs;
  defs["norm"] = object(
      "norm", coding_keys(CodingMap::norm),
      {{"source", text(tr("Where the norm comes from, e.g. Forskrift om individuell plan § 5."))},
       {"text", required_text(tr("What the norm says."))}},
      {"text"});
  defs["feedback"] = object(
      "feedback", coding_keys(CodingMap::feedback),
      {{"from", text(tr("An informant's id or a session, e.g. dialogsamling-2."))},
       {"date", text(tr("When, e.g. 2006-05-10."))},
       {"verdict", choice({"agrees", "disagrees", "nuances", "enig", "uenig", "nyanserer"},
                          tr("What they said of the finding: agrees, disagrees or nuances."))},
       {"text", text(tr("What was said."))}});
  const auto norms =
      list_of("norm", tr("The ideal practice the finding is held against (optional)."));
  defs["subgroupText"] = object(
      "subgroupText", coding_keys(CodingMap::subgroup_text),
      {{"condensate", text(tr("The condensate (\"kunstig sitat\"): the subgroup's units "
                              "condensed in the informants' own words (step 3)."))},
       {"quote",
        {{"type", {"integer", "string"}},
         {"description", tr("The id of the authentic illustrative unit, one of the "
                            "subgroup's units, e.g. B1-01.")}}},
       {"analysis", text(tr("The analytic text for the subgroup (step 4)."))},
       {"norms", norms},
       {"feedback", list_of("feedback", tr("Member checking: what informants or sessions said "
                                           "about the finding (optional)."))}});
  defs["groupText"] =
      object("groupText", coding_keys(CodingMap::group_text),
             {{"analysis", text(tr("The analytic text for the code group "
                                   "(step 4)."))},
              {"norms", norms},
              {"feedback", list_of("feedback", tr("Member checking: what informants or "
                                                  "sessions said about the finding "
                                                  "(optional)."))}});
  const auto by_id = [](const std::string& def, const std::string& description) {
    return json{{"type", {"null", "object"}},
                {"propertyNames", {{"pattern", kNodeId}}},
                {"additionalProperties", {{"$ref", "#/$defs/" + def}}},
                {"description", description}};
  };
  json root = object(
      "condensation", coding_keys(CodingMap::condensation),
      {{"round", text(tr("The round these texts belong to, e.g. r1."))},
       {"subgroups", by_id("subgroupText", tr("Steps 3–4 by subgroup id: the condensate, the "
                                              "illustrative quote, the analysis, norms."))},
       {"groups", by_id("groupText", tr("Step 4 by code group id: the analytic text and "
                                        "norms."))}});
  root["type"] = {"null", "object"};  // an empty condensation file is allowed
  return document(tr("ipcode condensation file"),
                  tr("Steps 3–4 of a round: condensates, illustrative quotes, analyses and "
                     "norms (man ipcode-formats)."),
                  std::move(root), std::move(defs));
}

std::string bytes(const json& j) { return j.dump(2, ' ', /*ensure_ascii=*/false) + "\n"; }

}  // namespace

std::string schema_file_name(SchemaKind kind) {
  switch (kind) {
    case SchemaKind::codebook:
      return "codebook.schema.json";
    case SchemaKind::coding:
      return "coding.schema.json";
    case SchemaKind::condensation:
      return "condensation.schema.json";
    case SchemaKind::manifest:
      break;
  }
  return "ipcode.schema.json";
}

std::map<std::string, std::string> json_schemas() {
  gaps().clear();
  return {
      {schema_file_name(SchemaKind::manifest), bytes(manifest_schema())},
      {schema_file_name(SchemaKind::codebook), bytes(codebook_schema())},
      {schema_file_name(SchemaKind::coding), bytes(coding_schema())},
      {schema_file_name(SchemaKind::condensation), bytes(condensation_schema())},
  };
}

std::string schema_modeline(std::string_view yaml_path, std::string_view schema_dir,
                            SchemaKind kind) {
  std::string up;
  for (const char c : yaml_path) {
    if (c == '/') up += "../";
  }
  std::string dir(schema_dir);
  if (!dir.empty() && dir.back() != '/') dir += '/';
  return "# yaml-language-server: $schema=" + up + dir + schema_file_name(kind) + "\n";
}

bool written_by_ipcode(std::string_view bytes) {
  return bytes.find(kMarker) != std::string_view::npos;
}

std::vector<std::string> undescribed_schema_keys() {
  json_schemas();
  auto out = gaps();
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ipcode::cli
