/// REFI-QDA export (SPEC §12): the codebook as a `.qdc` (Codebook.xsd) and the study as a
/// `.qdpx` (a zip of `project.qde`, Project.xsd, and `sources/<guid>.txt`), for NVivo,
/// ATLAS.ti, MAXQDA and QualCoder. Every GUID is a name-based UUID (version 5) of a stable
/// string in ipcode's own namespace ("code:<codebook>:<node id>", "source:<round>:<transcript
/// id>", ...), the XML is written in a fixed order and the zip has fixed dates, so two exports
/// of the same study are byte-identical and a node keeps its GUID from round to round.
/// Text positions are Unicode code points, [start, end), into the exported source text: the
/// transcript as ipcode reads it (NFC, LF line ends, no BOM, front matter included).
#pragma once

#include "ipcode/base/result.hpp"
#include "ipcode/codebook/codebook.hpp"
#include "ipcode/loader/study.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace ipcode::refi {

/// ipcode's namespace for every GUID it writes: uuid5(NAMESPACE_URL,
/// "https://github.com/ipcode/ipcode#refi-qda") (docs/decisions.md).
inline constexpr const char* kNamespace = "726f4d45-197f-5323-8a19-0622e287cde8";

/// The GUID of a stable key ("code:individuell-plan:samtykke"): uuid5(kNamespace, key).
std::string guid(std::string_view key);

/// How many Unicode code points the UTF-8 text has before byte offset `at` (clamped to the
/// text): a REFI-QDA text position. Counts lead bytes, so a character outside the BMP (an
/// emoji) counts one, as in the standard, not two as in UTF-16.
std::size_t code_points(std::string_view utf8, std::size_t at);

/// Which coder gave which code to a span, when several coders' units with the same span were
/// merged into one (SPEC §5): (round id, transcript id, span begin, span end) → (coder, code
/// id) pairs. Empty when the study has one coder: each unit's own coder is used.
using CoderCodes = std::map<std::tuple<std::string, std::string, std::uint32_t, std::uint32_t>,
                            std::vector<std::pair<std::string, std::string>>>;

/// Loads the study once per coder (as `--coder` does) to learn who gave which code to a
/// merged unit. Nothing when the study has fewer than two coders.
CoderCodes coder_codes(const loader::Study& study, const loader::Options& options);

struct Options {
  std::string origin = "ipcode";  // the `origin` attribute: "ipcode 1.2.0"
  std::string lang = "nb";        // the language of note titles (the study's report language)
  const CoderCodes* coders = nullptr;
};

/// The `.qdc` of one codebook: themes → groups → subgroups as nested Codes, every one codable
/// (SPEC §1: a unit may be coded with any node), with colour and description. Empty when the
/// codebook has no nodes (Codebook.xsd needs at least one Code).
std::string codebook_qdc(const codebook::Codebook& codebook, const Options& options);

/// One exported source text.
struct Source {
  std::string guid;
  std::string name;  // the transcript id
  std::string text;  // what sources/<guid>.txt holds
};

/// The sources of the loaded rounds, in round and transcript order.
std::vector<Source> sources(const loader::Study& study);

/// project.qde for the loaded rounds.
std::string project_qde(const loader::Study& study, const Options& options);

/// The `.qdpx`: project.qde, then sources/<guid>.txt in source order.
Result<std::string> project_qdpx(const loader::Study& study, const Options& options);

}  // namespace ipcode::refi
