/// `ipcode import` (SPEC §3): a .docx, .odt, .vtt, .srt or .txt file becomes a SPEC §3
/// transcript (UTF-8, NFC, LF), with front matter naming the original file (`source:`).
/// - .docx/.odt: each paragraph is a line, a soft line break starts a new line, a manual page
///   or section break writes `[side N]` on a line of its own; a table row is one line (its
///   cells joined by a space); a speaker label at the start of a paragraph, plain (`B1: ...`)
///   or bold with or without the colon (**B1** ...), or alone in a table row's first cell,
///   is written `B1: `; a tab after a label becomes a space. Footnotes, endnotes, tracked
///   deletions, headers, footers and drawings are left out (see office/document.hpp).
/// - .vtt/.srt: one line per cue; a voice tag `<v Kari Hansen>` or a `Name:` prefix names the
///   speaker (spaces in a name become '-'); consecutive cues of one speaker are one turn,
///   whose first line starts with the cue's time `[hh:mm:ss]` after the label; other tags are
///   dropped and the entities &amp; &lt; &gt; &nbsp; decoded.
/// - .txt: decoded as transcripts are (UTF-8 with or without BOM, UTF-16, else Windows-1252),
///   CRLF → LF, otherwise as written; a file with front matter keeps it as it is.
/// For a Word or ODF document, every piece of text that was highlighted, shaded or commented
/// is remembered with the place it landed in the written transcript, for `--codings`.
#pragma once

#include "ipcode/base/diagnostic.hpp"
#include "ipcode/base/result.hpp"
#include "ipcode/codebook/codebook.hpp"
#include "ipcode/office/document.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::importer {

enum class Format { docx, odt, vtt, srt, txt };

/// The format from the file name's extension (any case); nullopt for another one.
std::optional<Format> format_of(std::string_view file_name);

/// Where one piece of marked text landed: physical line (1-based, front matter counted) and
/// byte columns [begin, end) in that line of Imported::text.
struct Mark {
  int line = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string highlight;  // Word highlight name as written, or empty
  std::string shading;    // "#rrggbb" or empty
  std::vector<std::string> comments;
};

struct Imported {
  std::string text;  // the transcript file's bytes
  std::vector<Mark> marks;
  std::vector<office::Comment> comments;
  bool from_cp1252 = false;  // a .txt read as Windows-1252
};

/// Converts one file's bytes. `file_name` is the original file's name (for `source:` and
/// messages). invalid_data with a translated message when the file cannot be read as `format`.
Result<Imported> convert(std::string_view bytes, Format format, std::string_view file_name);

/// Turns a document (already read) into the transcript text and marks.
Imported from_document(const office::Document& doc, std::string_view file_name);

/// Turns subtitles (.vtt or .srt, decoded UTF-8) into transcript text.
std::string from_subtitles(std::string_view text, std::string_view file_name);

/// The SPEC §5 coding file for an imported Word/ODF document (`--codings`): each comment is a
/// unit coded with the nodes its text names (ids or labels, any case, separated by `,` `;` or
/// line breaks; what follows `--` or `//` is the unit's note); each stretch of highlighted or
/// shaded text (adjacent stretches of one colour across line breaks within a turn joined) is a
/// unit coded with the node whose `highlight` names that colour (a named colour also matches
/// its palette shade). Units in order of position, each with `lines` and, when quote matching
/// finds it there exactly once, `quote` as it stands in the transcript. `coder`: given, else
/// the first comment's author initials (from the name when the file has none), else "-".
/// Unknown codes or colours are errors in `diags` (at the place in the transcript `t`, naming
/// the comment's author and first words, with a "did you mean"); the result is then empty.
std::string codings(const Imported& imported, const transcript::Transcript& t,
                    const codebook::Codebook& cb, std::string coder, std::string_view file_name,
                    Diagnostics& diags);

}  // namespace ipcode::importer
