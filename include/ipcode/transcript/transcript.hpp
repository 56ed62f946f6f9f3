/// A transcript (SPEC §3): one interview, its front matter, speaker turns, pages and physical
/// lines. Text is decoded (UTF-8 with or without BOM, else Windows-1252 with a warning), CRLF
/// is accepted, and everything is normalised to NFC before it is matched or hashed.
/// Line numbers are the file's physical lines, 1-based, counting the front matter.
/// Pages: `[side N]`, `[s. N]`, `[page N]`, `[p. N]` on a line of its own start page N; a form
/// feed before a line's text starts the next page on that line, one after the text on the
/// next line; a form feed and a marker on one line (`\f[side 5]`) are one break, to page N.
#pragma once

#include "ipcode/base/diagnostic.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::transcript {

enum class LineKind : std::uint8_t { front_matter, page_marker, text };

/// One physical line. Offsets are 32-bit (a transcript is far below 4 GiB; parse_transcript
/// refuses larger ones): a 1,000-interview study has over a million lines in memory.
struct Line {
  std::uint32_t begin = 0;         // byte offset of the line in Transcript::text
  std::uint32_t end = 0;           // end of the line, without the line break
  std::uint32_t speech_begin = 0;  // after the speaker label, if the line starts a turn
  std::int32_t page = 1;
  std::int32_t turn = -1;  // index into Transcript::turns; -1 before the first label
  LineKind kind = LineKind::text;
};

struct Turn {
  std::string speaker;  // the label as written (B1, I, Intervjuer)
  bool interviewer = false;
  int first_line = 0;
};

struct Transcript {
  std::string path;  // study-relative
  std::string round;
  std::string id;         // front matter `id`, default <round>-<file stem>
  std::string informant;  // front matter `informant`, default the file stem
  bool informant_explicit = false;
  std::string date;
  std::string source;
  bool anonymised = true;
  bool background = false;
  std::vector<std::string> speakers;  // declared labels, empty when not declared
  int front_matter_end = 0;           // last physical line of the front matter (0: none)
  bool from_cp1252 = false;
  bool had_bom = false;

  std::string text;         // NFC, line ends as '\n'
  std::vector<Line> lines;  // lines[n - 1] is physical line n
  std::vector<Turn> turns;

  int line_count() const { return static_cast<int>(lines.size()); }
  /// Every accessor below is checked: a line number outside [1, line_count()] (they come
  /// from user input) gives nullptr / empty text / no speaker / page 1, never a read out of
  /// bounds.
  const Line* line(int n) const;
  std::string_view line_text(int n) const;
  /// The spoken text of line n: without the speaker label; empty for markers/front matter.
  std::string_view spoken(int n) const;
  /// The speaker of line n, or empty when it belongs to no turn.
  std::string_view speaker_of(int n) const;
  bool interviewer_at(int n) const;
  int page_of(int n) const;
  /// Non-interviewer speaker labels in order of first appearance.
  std::vector<std::string> informant_labels() const;
};

/// Whether a speaker label is the interviewer's (I, Intervjuer, Forsker, F).
bool is_interviewer_label(std::string_view label);

/// Parses a transcript from the file's bytes. `path` is study-relative (used in diagnostics
/// and for the default id and informant); `round` is the round id. The bytes are taken over
/// (moved in, a file's text is not copied).
Transcript parse_transcript(std::string bytes, std::string path, std::string round,
                            Diagnostics& diags);

}  // namespace ipcode::transcript
