// manifest.json (SPEC §10): what a reviewer needs to reproduce an analysis byte for byte —
// the ipcode version, each round's codebook name and version, and the sha256 of every input
// and of every other output. Keys come in a fixed order; paths are sorted byte-wise.

#include "ipcode/base/strings.hpp"
#include "ipcode/report/report.hpp"

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace ipcode::report {
namespace {

/// A JSON string: `"` and `\` escaped, control characters as \u00XX, UTF-8 kept as it is.
std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", byte);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

/// A flat object of strings at the given indentation (its own braces included).
std::string json_object(const std::map<std::string, std::string>& entries,
                        const std::string& indent) {
  if (entries.empty()) return "{}";
  std::string out = "{\n";
  std::size_t i = 0;
  for (const auto& [key, value] : entries) {
    out += indent + "  " + json_string(key) + ": " + json_string(value);
    out += ++i < entries.size() ? ",\n" : "\n";
  }
  return out + indent + "}";
}

std::string json_rounds(const loader::Study& study) {
  if (study.rounds.empty()) return "[]";
  std::string out = "[\n";
  for (std::size_t i = 0; i < study.rounds.size(); ++i) {
    const loader::RoundData& r = study.rounds[i];
    out += "    {\n";
    out += "      \"id\": " + json_string(r.spec.id) + ",\n";
    out += "      \"codebook\": {\n";
    out += "        \"name\": " + json_string(r.codebook.name) + ",\n";
    out += "        \"version\": " + json_string(r.codebook.version) + "\n";
    out += "      }\n";
    out += i + 1 < study.rounds.size() ? "    },\n" : "    }\n";
  }
  return out + "  ]";
}

}  // namespace

std::string manifest_json(const loader::Study& study,
                          const std::map<std::string, std::string>& hashes,
                          const Options& options) {
  // The manifest cannot hash itself.
  std::map<std::string, std::string> output_hashes = hashes;
  output_hashes.erase("manifest.json");
  std::string out = "{\n";
  out += "  \"ipcode\": " + json_string(options.version) + ",\n";
  out += "  \"title\": " + json_string(study.manifest.title) + ",\n";
  if (!options.date.empty()) out += "  \"date\": " + json_string(options.date) + ",\n";
  out += "  \"rounds\": " + json_rounds(study) + ",\n";
  // The options of the run, so that `verify` re-computes exactly what `condense` wrote.
  out += "  \"options\": {\n";
  out +=
      "    \"stage\": " + json_string(options.stage == Stage::final ? "final" : "working") + ",\n";
  out += "    \"xlsx\": " + std::string(options.xlsx ? "true" : "false") + ",\n";
  // Written only when asked for, so that manifests of runs without them stay as they were.
  if (options.docx) out += "    \"docx\": true,\n";
  if (options.member_check) out += "    \"member_check\": true,\n";
  if (!options.split_by.empty()) {  // only then: older manifests stay as they were
    std::vector<std::string> attrs;
    for (const std::string& a : options.split_by) attrs.push_back(json_string(a));
    out += "    \"split_by\": [" + join(attrs, ", ") + "],\n";
  }
  out += "    \"round\": " + json_string(options.load.round) + ",\n";
  out += "    \"coder\": " + json_string(options.load.coder) + ",\n";
  out += "    \"include_interviewer\": " +
         std::string(options.load.include_interviewer ? "true" : "false") + "\n";
  out += "  },\n";
  out += "  \"inputs\": " + json_object(study.input_hashes, "  ") + ",\n";
  out += "  \"outputs\": " + json_object(output_hashes, "  ") + "\n";
  out += "}\n";
  return out;
}

}  // namespace ipcode::report
