/// A small builder of Word documents (WordprocessingML, ECMA-376): headings with the standard
/// style ids Heading1..Heading4 (a Norwegian Word shows them as "Overskrift 1–4", and a table
/// of contents picks them up), paragraphs of bold/italic/code runs, block quotes as indented
/// paragraphs, tables with a repeated header row, a shaded side paragraph, monospaced
/// excerpts and page breaks. bytes() gives the .docx: the same calls always give the same
/// bytes (no clock time, no generated ids; `date` in the document properties only when given).
#pragma once

#include "ipcode/base/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ipcode::office {

/// A run of text in one style. `color`: "#rrggbb" (or empty) for the text's colour.
struct DocxRun {
  enum class Style { plain, bold, italic, code } style = Style::plain;
  std::string text;
  std::string color;
};
using DocxRuns = std::vector<DocxRun>;

struct DocxInfo {
  std::string title;
  std::string language = "nb-NO";  // BCP 47 tag for spelling and hyphenation
  std::string date;                // YYYY-MM-DD (SOURCE_DATE_EPOCH) or empty: no date
};

class DocxWriter {
 public:
  explicit DocxWriter(DocxInfo info);

  /// A heading, level 1-4 (clamped), in style HeadingN.
  void heading(int level, std::string_view text);
  /// A paragraph; `style` is "" (Normal) or one of the styles in styles.xml
  /// ("Subtitle", "Caption", "Note").
  void paragraph(const DocxRuns& runs, std::string_view style = {});
  /// A block quote: the text indented on both sides (style "Quote"), one paragraph per line
  /// break in it, then the attribution (if any) right-aligned under it.
  void quote(std::string_view text, const DocxRuns& attribution = {});
  /// A shaded side paragraph (style "Side"): a bold title, then the text.
  void side(std::string_view title, std::string_view text);
  /// A bulleted list item (style "ListItem": "•" and a hanging indent).
  void bullet(const DocxRuns& runs);
  /// A table with a header row (bold, repeated on each page) and the rows under it.
  void table(const std::vector<std::string>& header,
             const std::vector<std::vector<std::string>>& rows);
  /// Lines in a monospaced font (style "Excerpt"); each line with its own runs.
  void excerpt(const std::vector<DocxRuns>& lines);
  void page_break();

  /// The .docx: [Content_Types].xml, _rels/.rels, word/document.xml, word/styles.xml,
  /// word/settings.xml, word/_rels/document.xml.rels, docProps/core.xml, docProps/app.xml.
  Result<std::string> bytes() const;
  /// word/document.xml as it is so far (closed), for tests.
  std::string document_xml() const;

  /// Text made safe for XML character data: & < > " escaped; characters XML 1.0 does not
  /// allow (control characters other than tab, newline and carriage return) left out; bytes
  /// that are not UTF-8 replaced by U+FFFD.
  static std::string escape(std::string_view s);

 private:
  DocxInfo info_;
  std::string body_;
};

}  // namespace ipcode::office
