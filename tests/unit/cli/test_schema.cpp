// The JSON Schemas of `ipcode schema` follow the loaders: every key and alias they accept is in
// the schemas, and the enums hold exactly the values the loaders take.
#include "cli/schema.hpp"
#include "ipcode/codebook/codebook.hpp"
#include "ipcode/coding/coding.hpp"
#include "ipcode/study/manifest.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace ipcode;
using nlohmann::json;

namespace {

json schema(const std::string& name) { return json::parse(cli::json_schemas().at(name)); }

// The properties of a map: the root, or a $defs entry.
const json& props(const json& s, const std::string& def) {
  return def.empty() ? s.at("properties") : s.at("$defs").at(def).at("properties");
}

void check_keys(const json& s, const std::string& def, const std::vector<yaml::Key>& keys) {
  INFO("map " << (def.empty() ? "(root)" : def));
  const auto& p = props(s, def);
  for (const auto& k : keys) {
    CHECK(p.contains(k.name));
    for (const auto& alias : k.aliases) {
      INFO("alias " << alias << " of " << k.name);
      CHECK(p.contains(alias));
      // An alias takes the same values as its key.
      json a = p.at(alias), c = p.at(k.name);
      a.erase("description");
      c.erase("description");
      CHECK(a == c);
    }
  }
  // Nothing the loader would call an unknown key.
  CHECK(s.at(def.empty() ? json::json_pointer("/additionalProperties")
                         : json::json_pointer("/$defs/" + def + "/additionalProperties")) == false);
}

}  // namespace

TEST_CASE("schema: every loader key has a description", "[cli][schema]") {
  CHECK(cli::undescribed_schema_keys().empty());
}

TEST_CASE("schema: every key and alias the loaders accept, and no other", "[cli][schema]") {
  using codebook::Level;
  using coding::CodingMap;
  using study::ManifestMap;
  const auto manifest = schema("ipcode.schema.json");
  check_keys(manifest, "", study::manifest_keys(ManifestMap::top));
  check_keys(manifest, "informant", study::manifest_keys(ManifestMap::informant));
  check_keys(manifest, "round", study::manifest_keys(ManifestMap::round));
  check_keys(manifest, "report", study::manifest_keys(ManifestMap::report));
  check_keys(manifest, "anon", study::manifest_keys(ManifestMap::anon));
  const auto cb = schema("codebook.schema.json");
  check_keys(cb, "", codebook::codebook_keys());
  check_keys(cb, "levels", codebook::level_name_keys());
  check_keys(cb, "theme", codebook::node_keys_of(Level::theme));
  check_keys(cb, "group", codebook::node_keys_of(Level::group));
  check_keys(cb, "subgroup", codebook::node_keys_of(Level::subgroup));
  const auto coding = schema("coding.schema.json");
  check_keys(coding, "", coding::coding_keys(CodingMap::coding_file));
  check_keys(coding, "unit", coding::coding_keys(CodingMap::unit));
  const auto cond = schema("condensation.schema.json");
  check_keys(cond, "", coding::coding_keys(CodingMap::condensation));
  check_keys(cond, "subgroupText", coding::coding_keys(CodingMap::subgroup_text));
  check_keys(cond, "groupText", coding::coding_keys(CodingMap::group_text));
  check_keys(cond, "norm", coding::coding_keys(CodingMap::norm));
  // Children only where the level has them: a subgroup has no subgroups.
  CHECK(props(cb, "theme").contains("groups"));
  CHECK(!props(cb, "theme").contains("subgroups"));
  CHECK(props(cb, "group").contains("subgroups"));
  CHECK(!props(cb, "subgroup").contains("subgroups"));
  CHECK(!props(cb, "subgroup").contains("groups"));
}

TEST_CASE("schema: a required key may be written under any of its names", "[cli][schema]") {
  const auto coding = schema("coding.schema.json");
  // transcript (transkripsjon, intervju) at the top; codes and lines|quote in a unit.
  const auto any = coding.at("allOf").at(0).at("anyOf");
  std::vector<std::string> names;
  for (const auto& r : any) names.push_back(r.at("required").at(0));
  CHECK(names == std::vector<std::string>{"transcript", "transkripsjon", "intervju"});
  const auto unit = coding.at("$defs").at("unit").at("allOf");
  REQUIRE(unit.size() == 2);
  CHECK(unit.at(1).at("anyOf").size() == 4 + 2);  // lines linjer line linje, quote sitat
}

// The enums of the schemas against the loader: each value parses without an error, and a value
// outside the enum is refused by both.
TEST_CASE("schema: enums hold the values the manifest loader takes", "[cli][schema]") {
  const auto manifest = schema("ipcode.schema.json");
  struct Row {
    std::string pointer;  // to the enum in the schema
    std::string yaml;     // a manifest with {} for the value
    std::string wrong;
  };
  const std::vector<Row> rows = {
      {"/$defs/report/properties/attribution/enum", "ipcode: 1\nreport:\n  attribution: {}\n",
       "navn"},
      {"/properties/language/enum", "ipcode: 1\nlanguage: {}\n", "de"},
  };
  for (const auto& row : rows) {
    const auto values = manifest.at(json::json_pointer(row.pointer));
    REQUIRE(values.size() >= 3);
    std::vector<std::string> all;
    for (const auto& v : values) all.push_back(v.get<std::string>());
    all.push_back(row.wrong);
    for (const auto& v : all) {
      INFO(row.pointer << ": " << v);
      std::string text = row.yaml;
      text.replace(text.find("{}"), 2, v);
      Diagnostics diags;
      study::parse_manifest(text, "ipcode.yaml", diags);
      CHECK(diags.error_count() == (v == row.wrong ? 1u : 0u));
    }
  }
}

TEST_CASE("schema: the same bytes every time, marked as ipcode's", "[cli][schema]") {
  const auto a = cli::json_schemas();
  const auto b = cli::json_schemas();
  CHECK(a == b);
  REQUIRE(a.size() == 4);
  for (const auto& [name, bytes] : a) {
    INFO(name);
    CHECK(cli::written_by_ipcode(bytes));
    CHECK(bytes.back() == '\n');
    CHECK(json::parse(bytes).at("$schema") == "https://json-schema.org/draft/2020-12/schema");
  }
  CHECK(!cli::written_by_ipcode("{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"}"));
}

TEST_CASE("schema: the editor's line names the schema relative to the file", "[cli][schema]") {
  using cli::SchemaKind;
  struct Row {
    std::string yaml, dir;
    SchemaKind kind;
    std::string line;
  };
  const std::vector<Row> rows = {
      {"ipcode.yaml", "schemas", SchemaKind::manifest,
       "# yaml-language-server: $schema=schemas/ipcode.schema.json\n"},
      {"codebook-r1.yaml", "schemas/", SchemaKind::codebook,
       "# yaml-language-server: $schema=schemas/codebook.schema.json\n"},
      {"coding/r1/B1-KH.yaml", "schemas", SchemaKind::coding,
       "# yaml-language-server: $schema=../../schemas/coding.schema.json\n"},
      {"condensation/r1.yaml", "editor/json", SchemaKind::condensation,
       "# yaml-language-server: $schema=../editor/json/condensation.schema.json\n"},
      {"codebook.yaml", "", SchemaKind::codebook,
       "# yaml-language-server: $schema=codebook.schema.json\n"},
  };
  for (const auto& r : rows) CHECK(cli::schema_modeline(r.yaml, r.dir, r.kind) == r.line);
}
