// Private to src/cli: JSON Schemas (draft 2020-12) of the study's YAML files, for editors that
// validate and complete keys while a student types (`ipcode schema`, `ipcode init`).
//
// The keys and their Norwegian aliases come from the tables the loaders read with
// (study::manifest_keys, codebook::codebook_keys/node_keys_of, coding::coding_keys), so a key
// or alias added to a loader appears in the schemas; what the schemas add is the type, the
// enum or pattern and a description of each key, in the message language. Keys that SPEC
// lists but no loader reads yet are included too. Every map the loader checks with read_keys
// gets `additionalProperties: false`.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::cli {

enum class SchemaKind { manifest, codebook, coding, condensation };

/// The file name of a kind's schema: ipcode.schema.json, codebook.schema.json,
/// coding.schema.json, condensation.schema.json.
std::string schema_file_name(SchemaKind kind);

/// Every schema, file name -> bytes: JSON with sorted keys, two-space indent, UTF-8, ending
/// in a newline; descriptions in the message language. The same bytes for the same language.
std::map<std::string, std::string> json_schemas();

/// The comment line an editor's YAML extension reads (yaml-language-server), with the path
/// of the schema relative to the YAML file: for `coding/r1/B1.yaml` and the folder
/// `schemas`, "# yaml-language-server: $schema=../../schemas/coding.schema.json\n". Both
/// paths are study-relative and '/'-separated.
std::string schema_modeline(std::string_view yaml_path, std::string_view schema_dir,
                            SchemaKind kind);

/// Whether `bytes` is a schema file `ipcode schema` wrote (any version, any language): such a
/// file is ipcode's to replace.
bool written_by_ipcode(std::string_view bytes);

/// For tests: the loader keys (canonical names, "map.key") that the schemas do not describe.
/// Empty unless a key was added to a loader without a description here.
std::vector<std::string> undescribed_schema_keys();

}  // namespace ipcode::cli
