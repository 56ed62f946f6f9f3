/// A word-processor document reduced to what a transcript needs, read from a .docx (Office
/// Open XML, ECMA-376) or an .odt (OpenDocument) held in memory:
/// - paragraphs of runs: text with its bold, Word highlight colour, character shading and the
///   comments open over it; soft line breaks and page breaks as runs of their own;
/// - manual page breaks (`w:br w:type="page"`, `w:pageBreakBefore`, `fo:break-before/after`)
///   and section breaks become page-break runs;
/// - tables flattened row by row: one paragraph per row, the cells joined by a tab run (the
///   paragraphs inside one cell by line breaks);
/// - footnotes, endnotes and tracked deletions are left out, tracked insertions kept;
///   headers, footers, text boxes and drawings are left out;
/// - comments (Word comments, ODF annotations) with id, author, initials and text.
/// Text is as stored (UTF-8; not normalised). Errors are translated messages naming `origin`.
#pragma once

#include "ipcode/base/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ipcode::office {

enum class RunKind { text, line_break, page_break, cell_break };

struct Run {
  RunKind kind = RunKind::text;
  std::string text;  // RunKind::text only; a tab is kept as '\t'
  bool bold = false;
  std::string highlight;  // Word's named highlight colour as written ("yellow"), or empty
  std::string shading;    // character shading / background as "#rrggbb" (lower case), or empty
  std::vector<std::string> comments;  // ids of the comments open over this run

  bool operator==(const Run&) const = default;
};

struct Paragraph {
  std::vector<Run> runs;
};

struct Comment {
  std::string id;
  std::string author;
  std::string initials;  // empty when the file has none
  std::string text;      // its paragraphs joined by '\n'
};

struct Document {
  std::vector<Paragraph> paragraphs;
  std::vector<Comment> comments;  // in the order the file lists them
  /// Word's named highlight colours → their palette shade ("yellow" → "#ffff00"); empty for
  /// a name that is not one of them. Case-insensitive.
  static std::string_view palette(std::string_view highlight);
};

/// Reads a .docx (the main part found through _rels/.rels; comments and styles through its
/// relationships).
Result<Document> read_docx(std::string_view bytes, std::string_view origin);
/// Reads an .odt (content.xml; styles.xml for named styles).
Result<Document> read_odt(std::string_view bytes, std::string_view origin);

}  // namespace ipcode::office
