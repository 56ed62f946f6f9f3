/// Writers for everything `ipcode condense` produces (SPEC §10). Each function returns the
/// bytes of one file; render_each() hands every output, one file at a time and the large
/// reports in pieces, to a writer, so that `condense` can write them atomically and `verify`
/// can compare them without writing, and neither holds every output, nor a whole large
/// report, at once. No clock time: the only date that may appear comes from
/// SOURCE_DATE_EPOCH (Options::date).
#pragma once

#include "ipcode/base/result.hpp"
#include "ipcode/condense/analysis.hpp"
#include "ipcode/loader/study.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::report {

enum class Stage { working, final };

struct Options {
  Stage stage = Stage::working;
  bool xlsx = false;
  /// condense --split-by: informant attributes (`role` or a manifest attribute) to compare
  /// groups by: out/R/prevalence-by-ATTR.csv each, and the prevalence per value in the report.
  std::vector<std::string> split_by;
  std::string date;     // YYYY-MM-DD from SOURCE_DATE_EPOCH, or empty
  std::string version;  // ipcode version for manifest.json
  loader::Options load;
  /// --format docx: out/R/report.docx; --member-check: out/R/member-check/<informant>.md
  /// and .docx.
  bool docx = false;
  bool member_check = false;
};

/// RFC 4180 field: quoted when it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& s);
/// The same field appended to `out`.
void append_csv_field(std::string& out, std::string_view s);
/// A CSV row ending in '\n'.
std::string csv_row(const std::vector<std::string>& fields);

// Per round: out/<round>/...
/// units.csv lists every meaning unit of the round (SPEC §10), interviewer units too, so that
/// every matrix count can be traced to its rows.
std::string units_csv(const loader::RoundData& round, const condense::RoundAnalysis& a);
std::string matrix_csv(const loader::RoundData& round, const condense::RoundAnalysis& a,
                       codebook::Level level);
std::string matrix_refs_md(const loader::Study& study, const loader::RoundData& round,
                           const condense::RoundAnalysis& a);
std::string overview_csv(const loader::RoundData& round, const condense::RoundAnalysis& a);
std::string cooccurrence_csv(const loader::RoundData& round, const condense::RoundAnalysis& a);
/// prevalence-by-ATTR.csv (SPEC §10): header `theme,group,subgroup,<values>`; a row `n` with
/// the round's participants per value; one row per node in codebook order, cells = distinct
/// informants with that value who have units under the node.
std::string prevalence_csv(const loader::Study& study, const loader::RoundData& round,
                           const condense::RoundAnalysis& a, const std::string& attr);
std::string report_md(const loader::Study& study, const loader::RoundData& round,
                      const condense::RoundAnalysis& a, const Options& options);
std::string report_html(const loader::Study& study, const loader::RoundData& round,
                        const condense::RoundAnalysis& a, const Options& options);
/// matrices.xlsx (libxlsxwriter): one sheet per matrix, header row frozen, readable widths.
/// Deterministic bytes (fixed creation time). Throws std::runtime_error (translated message)
/// when its temporary file cannot be written or read.
std::string matrices_xlsx(const loader::RoundData& round, const condense::RoundAnalysis& a);

// Across rounds: out/...
/// rounds.csv rows: the union of every round's codebook nodes, matched by id. Order: the last
/// round's codebook order; then, going back round by round, each node only an earlier round
/// has is put after the subtree of its nearest earlier sibling (in that round's codebook) that
/// is already placed, else first under its parent, else (a theme) first of all. The
/// theme/group/subgroup columns come from the newest codebook that has the node.
std::string rounds_csv(const loader::Study& study,
                       const std::vector<condense::RoundAnalysis>& analyses);
std::string cross_report_html(const loader::Study& study,
                              const std::vector<condense::RoundAnalysis>& analyses,
                              const Options& options);
/// manifest.json: ipcode version, codebook name/version per round, sha256 of every input
/// file and of every other output file. `output_hashes`: path relative to the output folder
/// -> sha256_hex of its bytes (an entry for manifest.json itself is left out).
std::string manifest_json(const loader::Study& study,
                          const std::map<std::string, std::string>& output_hashes,
                          const Options& options);

/// Takes one rendered output file: its path relative to the output folder and its bytes
/// (the sink owns them, and may let them go before the next file is rendered).
using Sink = std::function<Status(const std::string& path, std::string bytes)>;

/// Takes the output files one at a time, each as a sequence of pieces: begin(path) with the
/// path relative to the output folder, write() with each next piece of its bytes (none, one
/// or many), end(). A failed call ends the rendering: no further call follows it.
class OutputWriter {
 public:
  OutputWriter() = default;
  OutputWriter(const OutputWriter&) = delete;
  OutputWriter& operator=(const OutputWriter&) = delete;
  virtual ~OutputWriter() = default;

  virtual Status begin(const std::string& path) = 0;
  virtual Status write(std::string_view bytes) = 0;
  virtual Status end() = 0;
};

/// About how large the pieces of a large report are: a report of 100 MB is never held whole
/// (SPEC §13).
inline constexpr std::size_t kPieceSize = std::size_t{1} << 20;

/// Renders every output file one at a time and hands it to `writer` as it is rendered: small
/// files in one piece, the round reports (report.md, report.html) in pieces of about
/// kPieceSize bytes, so that no whole report is held; manifest.json comes last, from the
/// sha256 of the others. Stops at the first error of the writer and returns it.
Status render_each(const loader::Study& study, const std::vector<condense::RoundAnalysis>& analyses,
                   const Options& options, OutputWriter& writer);

/// The same with each file handed whole to `sink` (its pieces joined first).
Status render_each(const loader::Study& study, const std::vector<condense::RoundAnalysis>& analyses,
                   const Options& options, const Sink& sink);

/// Every output file, path relative to the output folder ("r1/units.csv", "manifest.json"),
/// held at once (render_each into a map; for tests and small studies).
std::map<std::string, std::string> render_all(const loader::Study& study,
                                              const std::vector<condense::RoundAnalysis>& analyses,
                                              const Options& options);

}  // namespace ipcode::report
