/// The study manifest `ipcode.yaml` (SPEC §2): title, language, codebooks, informants, rounds
/// and report options. A manifest without `rounds:` has one implicit round `r1` with
/// `transcripts/**` and `coding/**`. Paths stay as written (study-relative); the loader
/// checks that they do not leave the study.
#pragma once

#include "ipcode/base/diagnostic.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ipcode::study {

inline constexpr const char* kManifestName = "ipcode.yaml";

struct Informant {
  std::string id;
  std::string role;
  std::string pseudonym;
  std::vector<std::pair<std::string, std::string>> attributes;  // in file order
  int line = 0;
};

struct Round {
  std::string id;
  std::string title;
  std::string period;
  std::vector<std::string> transcripts;  // globs
  std::vector<std::string> coding;       // globs
  std::string condensation;              // optional path
  std::vector<std::string> codebooks;    // this round's codebook files; empty: the study's
  int line = 0;
  int codebook_line = 0;  // where its `codebook:` key is (0: none)
  int codebook_col = 0;
};

/// How quotes are attributed in final reports.
enum class Attribution { id, role, pseudonym, none };

/// How the reports print an illustrative quote (`report.quotes`): «…», ”…”, or an indented
/// block without marks (the default, as before the key existed).
enum class QuoteStyle { block, guillemets, curly };

struct Manifest {
  std::string file = kManifestName;
  int format = 1;
  std::string title;
  std::string language = "nb";  // nb | nn | en
  std::vector<std::string> codebooks = {"codebook.yaml"};
  int codebook_line = 0;  // where the `codebook:` key is (0: not written, the default applies)
  int codebook_col = 0;
  std::string output = "out";
  int output_line = 0;  // where the `output:` value is (0: not written)
  int output_col = 0;
  std::vector<Informant> informants;
  std::vector<Round> rounds;
  bool implicit_round = false;
  Attribution attribution = Attribution::role;
  QuoteStyle quotes = QuoteStyle::block;
  /// `member_check:` as written ("not done: tidspress"): shown in the report's validation
  /// section. Empty when not given.
  std::string member_check;
  /// `anon: {allow: [...]}`: words `ipcode anon` never flags (a place or a public service
  /// that is not identifying, a name that is also a word in this study).
  std::vector<std::string> anon_allow;

  /// Where each informant id first stands in `informants`, made by parse_manifest. A study may
  /// list thousands of informants, and reports look each one up: informant() finds an id
  /// here, checking that its place still holds it, and searches `informants` itself for an
  /// id it does not find so, so a manifest built or changed without the index still answers.
  std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> informant_index;

  /// The first informant with this id, or nullptr.
  const Informant* informant(std::string_view id) const;
  /// The codebook files of a round: its own, else the study's.
  const std::vector<std::string>& codebooks_of(const Round& round) const;
};

/// Parses the manifest text; every problem goes to `diags` (file = `origin`).
Manifest parse_manifest(std::string_view text, std::string_view origin, Diagnostics& diags);

std::string_view attribution_name(Attribution a);

/// The maps of a manifest whose keys parse_manifest() checks.
enum class ManifestMap { top, informant, round, report, anon };
/// The keys parse_manifest() accepts in each map, with their Norwegian aliases: the table it
/// reads with, so that `ipcode schema` cannot drift from it.
const std::vector<yaml::Key>& manifest_keys(ManifestMap map);

}  // namespace ipcode::study
