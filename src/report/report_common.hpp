/// Private to the report module: a neutral document model that the round reports (Markdown
/// and HTML) and the cross-round report are built as, so the two formats can never disagree
/// about what a report says; plus the helpers every report needs (node colours, prevalence in
/// words, references, quote attribution). All words a reader sees are translated here, in the
/// report language (the study's `language`), never in the message language.
///
/// Text in the model is plain UTF-8; each renderer escapes it for its format (HTML entities,
/// Markdown backslashes), so nothing taken from a study can inject markup.
#pragma once

#include "ipcode/condense/analysis.hpp"
#include "ipcode/loader/study.hpp"
#include "ipcode/report/report.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::report::detail {

// --- the document model ------------------------------------------------------------------

/// A run of inline text. `swatch` is a node colour: a coloured square in HTML, its words
/// (`text`, e.g. "farge #1b9e77") in Markdown.
struct Span {
  enum class Kind { plain, strong, em, code, swatch } kind = Kind::plain;
  std::string text;
  std::string color;
};
using Inline = std::vector<Span>;

struct ExcerptLine {
  int number = 0;
  std::string_view text;  // into the transcript, which outlives the document
  bool marked = false;    // one of the unit's own lines
  // A long context line is shortened towards the unit (round_sections.cpp): `label` is its
  // speaker label, kept, and text is the part shown; "…" marks where words were left out.
  std::string_view label;
  bool cut_start = false;
  bool cut_end = false;
};

/// The line as an excerpt shows it: "B3: … last words", "first words …", or whole; each
/// part through `add` (plain text, or escaped for HTML), with no copy of the whole line.
template <typename Add>
void for_each_excerpt_part(const ExcerptLine& l, Add&& add) {
  if (!l.label.empty()) add(l.label);
  if (l.cut_start) add(std::string_view("\u2026 "));
  add(l.text);
  if (l.cut_end) add(std::string_view(" \u2026"));
}
std::string excerpt_text(const ExcerptLine& l);

/// The informant × theme matrix (SPEC §10): counts of units, rows × columns.
struct Heatmap {
  std::string caption;
  std::string corner;  // header of the row-label column
  std::vector<std::string> rows;
  std::vector<std::string> columns;
  std::vector<std::vector<int>> counts;  // counts[row][column]
  std::string legend;                    // "number of meaning units"
};

struct Block {
  enum class Kind {
    heading,    // level 1-4; `anchor` for the table of contents; `color` for the node
    paragraph,  // `inlines`; `cls` names its role (meta, condensate, draft, warning, note)
    quote,      // `text` is the quote, `inlines` the attribution (may be empty)
    norm,       // ideal practice beside the finding: `title` (label + source), `text`
    table,      // `header`, `rows`
    list,       // `items`
    heatmap,    // `heatmap`
    excerpt,    // `inlines` is the caption, `lines` the transcript lines
    markdown,   // `text` is Markdown written by the researcher (the project log)
    toc,        // where the HTML table of contents goes (nothing in Markdown)
    appendix,   // one excerpt per unit of `round`, made one at a time by for_each_excerpt()
  } kind = Kind::paragraph;
  int level = 0;
  std::string anchor;
  std::string color;
  std::string cls;
  std::string title;
  std::string text;
  Inline inlines;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<Inline> items;
  std::vector<ExcerptLine> lines;
  std::shared_ptr<const Heatmap> heatmap;    // only the heat map block has one
  const loader::RoundData* round = nullptr;  // only the appendix block has one
};

struct Doc {
  std::string lang = "nb";
  std::string title;
  std::vector<Block> blocks;

  void heading(int level, std::string text, std::string anchor = {}, std::string color = {},
               std::string cls = {});
  void paragraph(Inline inlines, std::string cls = {});
  /// Researcher-written text: one paragraph per blank-line separated part.
  void text(std::string_view text, std::string cls = {});
  void quote(std::string text, Inline attribution);
  void norm(std::string heading_text, std::string text);
  void toc();
  void table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows,
             std::string cls = {});
  void list(std::vector<Inline> items);
};

Span plain(std::string s);
Span strong(std::string s);
Span em(std::string s);
Span code(std::string s);

// --- renderers ---------------------------------------------------------------------------

/// Where a renderer writes: it appends to text() and calls cut() after each block; cut()
/// hands the text on to `write` once it is about a piece long, so a report as large as the
/// corpus is never held whole (SPEC §13). After the first error of `write` the text is
/// dropped; finish() hands on the rest and returns that error.
class Pieces {
 public:
  using Write = std::function<Status(std::string_view)>;
  explicit Pieces(Write write, std::size_t piece_size = kPieceSize);

  std::string& text() { return text_; }
  void cut() {
    if (text_.size() >= piece_size_) flush();
  }
  /// `write` has failed: the rest of the rendering is of no use.
  bool failed() const { return failed_.has_value(); }
  Status finish();

 private:
  void flush();

  Write write_;
  std::size_t piece_size_;
  std::string text_;
  std::optional<Error> failed_;
};

/// What `render` writes into its Pieces, joined into one string (tests, and the small
/// cross-round report).
std::string joined(const std::function<void(Pieces&)>& render);

/// The report rendered into `out` (finish() is the caller's).
void render_markdown(const Doc& doc, Pieces& out);
void render_html(const Doc& doc, Pieces& out);
/// out/<round>/units.csv, row by row (report::units_csv() joins it into one string).
void units_csv(const loader::RoundData& round, const condense::RoundAnalysis& a, Pieces& out);
/// The same, joined into one string (tests, and the small cross-round report).
std::string render_markdown(const Doc& doc);
std::string render_html(const Doc& doc);
/// The informant × theme heat map as an inline <svg> element (no external resources).
std::string heatmap_svg(const Heatmap& h);

std::string html_escape(std::string_view s);
void append_html_escaped(std::string& out, std::string_view s);
/// Escapes Markdown syntax in running text (backslash escapes; `|` too, for table cells).
/// `line_start`: the text begins a line, so block syntax ("# ", "- ", "1. ") is escaped and
/// leading blanks are dropped there (as after every newline inside the text).
std::string md_escape(std::string_view s, bool line_start = true);

// --- shared helpers ----------------------------------------------------------------------

/// Informant id -> numbered role (see numbered_role()).
using RoleNames = std::map<std::string, std::string>;

/// tr_in / trn_in with `{1}`, `{2}` filled.
std::string tf(const std::string& lang, const char* msgid, const std::vector<std::string>& args);
std::string tfn(const std::string& lang, const char* singular, const char* plural, long n,
                const std::vector<std::string>& args);

/// The text with its first letter in upper case ("kjønn" → "Kjønn", "ørn" → "Ørn"): ASCII
/// and the Latin-1 letters, which is every letter a Norwegian table header starts with; any
/// other text is returned as it is.
std::string capitalised(std::string_view s);

/// The node's colour: its own valid "#rrggbb", a subgroup inherits its group's, a group
/// without one gets a colour-blind-safe palette colour by its position among the groups; a
/// theme without one has none (empty).
std::string node_color(const codebook::Codebook& cb, int node);
/// "3 av 4 deltakere": count of informants out of the round's informants.
std::string prevalence(const std::string& lang, int count, int of);
std::string units_text(const std::string& lang, int count);
/// 1-based position of the round in the manifest (for "runde N").
int round_position(const loader::Study& study, const std::string& round_id);
/// "Runde 1: Første runde" (final) or "Runde 1 (r1): Første runde" (working).
std::string round_caption(const loader::Study& study, const study::Round& round, Stage stage);

/// "B1 s.2 l.14–16" (nb) / "B1 p.2 l.14–16" (en).
std::string reference(const std::string& lang, const loader::Unit& unit);
/// The same with the translated pattern given (for loops over many units).
std::string reference_with(const std::string& pattern, const loader::Unit& unit);
/// The translated pattern reference() uses.
std::string reference_pattern(const std::string& lang);
/// The informant's attribution in the manifest's chosen style (SPEC §2 `report.attribution`):
/// "B1 s.2 l.14–16", "bruker 2, runde 1" (the round only when the study has several, the
/// number only when the role is shared), "«Morten», bruker", or empty for `none`.
/// `names`: role_names() made once for many units (optional).
std::string chosen_attribution(const loader::Study& study, const loader::RoundData& round,
                               const loader::Unit& unit, const RoleNames* names = nullptr);
/// What a quote is attributed with in a report: final stage only the chosen style; working
/// stage the unit id and reference as well.
Inline quote_attribution(const loader::Study& study, const loader::RoundData& round,
                         const loader::Unit& unit, Stage stage, const RoleNames* names = nullptr);
/// How an informant is named in tables: the id in working stage; in the final stage what the
/// chosen attribution allows (id, pseudonym, role), or an empty string when ids must go.
/// `names`: role_names() made once for a whole table (optional).
std::string informant_name(const loader::Study& study, const std::string& id, Stage stage,
                           const RoleNames* names = nullptr);
/// The informant's role as written, or "deltaker" when there is none.
std::string role_of(const loader::Study& study, const std::string& lang, const std::string& id);
/// The role, numbered when other informants of the study share it ("koordinator 2"): the
/// number is the informant's place, in natural id order, among every informant of the
/// study (manifest and all rounds) with that role, so it is the same in every round.
/// `names`: role_names() made once for many calls (optional).
std::string numbered_role(const loader::Study& study, const std::string& lang,
                          const std::string& id, const RoleNames* names = nullptr);
/// Every informant's numbered role at once (by id), for tables with a row per informant.
RoleNames role_names(const loader::Study& study, const std::string& lang);

// Sections of the round report after the codebook tree (round_sections.cpp).
void add_matrix(Doc& doc, const loader::Study& study, const loader::RoundData& round,
                const condense::RoundAnalysis& a, Stage stage);
void add_validation(Doc& doc, const loader::Study& study, const loader::RoundData& round,
                    const condense::RoundAnalysis& a, Stage stage);
void add_appendix(Doc& doc, const loader::Study& study, const loader::RoundData& round);
/// The excerpt blocks of an appendix block, built one at a time and handed to `take`: a
/// large round has 100,000 units, and holding them all as blocks would cost more memory than
/// the transcripts they quote (SPEC §13).
void for_each_excerpt(const std::string& lang, const Block& appendix,
                      const std::function<void(const Block&)>& take);
/// The same excerpts rendered to text by `render` on the worker threads (base/parallel.hpp),
/// a batch of units at a time, and handed to `take` in unit order: the bytes are those of
/// rendering them one by one, whatever the thread count. `render` must be a pure function of
/// its block. `take` returns false to stop early (the writer has failed).
void for_each_excerpt_text(const std::string& lang, const Block& appendix,
                           const std::function<void(const Block&, std::string&)>& render,
                           const std::function<bool(std::string&)>& take);
void add_log(Doc& doc, const loader::Study& study);

/// One recorded member check (SPEC §6) as a line of the report: "Tilbakemelding fra
/// dialogsamling-2 (2006-05-10), nyanserer: ...".
Inline feedback_line(const std::string& lang, const coding::Feedback& f);

/// The round report as a document (both formats render this).
Doc round_doc(const loader::Study& study, const loader::RoundData& round,
              const condense::RoundAnalysis& a, const Options& options);

}  // namespace ipcode::report::detail
