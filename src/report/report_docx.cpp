// report.docx (`condense --format docx`): the round report as a Word document, rendered from
// the same document model as report.md and report.html, so the three can never disagree
// about what the report says. Word has no form of the heat map's SVG: its matrix becomes a
// table, as in Markdown.

#include "docx_render.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/office/docx_writer.hpp"

#include <algorithm>

namespace ipcode::report::detail {
namespace {

using office::DocxRun;
using office::DocxRuns;

DocxRuns runs_of(const Inline& spans) {
  DocxRuns out;
  for (const Span& s : spans) {
    switch (s.kind) {
      case Span::Kind::plain:
        out.push_back({DocxRun::Style::plain, s.text, {}});
        break;
      case Span::Kind::strong:
        out.push_back({DocxRun::Style::bold, s.text, {}});
        break;
      case Span::Kind::em:
        out.push_back({DocxRun::Style::italic, s.text, {}});
        break;
      case Span::Kind::code:
        out.push_back({DocxRun::Style::code, s.text, {}});
        break;
      case Span::Kind::swatch:
        // The node's colour as a coloured square, as in HTML.
        if (!s.color.empty()) out.push_back({DocxRun::Style::plain, "\u25a0 ", s.color});
        break;
    }
  }
  return out;
}

std::string word_language(const std::string& lang) {
  if (lang == "nn") return "nn-NO";
  if (lang == "en") return "en-GB";
  return "nb-NO";
}

void excerpt(office::DocxWriter& w, const Block& b) {
  w.paragraph(runs_of(b.inlines), "Caption");
  if (b.lines.empty()) return;
  int width = 1;
  for (const ExcerptLine& l : b.lines)
    width = std::max(width, static_cast<int>(std::to_string(l.number).size()));
  std::vector<DocxRuns> lines;
  for (const ExcerptLine& l : b.lines) {
    const std::string n = std::to_string(l.number);
    const std::string text = (l.marked ? "\u25b6 " : "  ") +
                             std::string(static_cast<std::size_t>(width) - n.size(), ' ') + n +
                             "  " + excerpt_text(l);
    lines.push_back({{l.marked ? DocxRun::Style::bold : DocxRun::Style::plain, text, {}}});
  }
  w.excerpt(lines);
}

// The project log is the researcher's Markdown: its headings two levels down (as in the
// other formats), "- " items as list items, every other paragraph as plain text.
void markdown(office::DocxWriter& w, std::string_view text) {
  std::string para;
  const auto flush = [&] {
    if (!trim(para).empty()) w.paragraph({{DocxRun::Style::plain, std::string(trim(para)), {}}});
    para.clear();
  };
  for (const auto line : split(trim(text), '\n')) {
    const std::string_view l = trim(line);
    if (l.empty()) {
      flush();
    } else if (l.starts_with("#")) {
      flush();
      const std::size_t hashes = l.find_first_not_of('#');
      w.heading(static_cast<int>(std::min<std::size_t>(hashes, 4)) + 2,
                trim(l.substr(std::min(hashes, l.size()))));
    } else if (l.starts_with("- ") || l.starts_with("* ")) {
      flush();
      w.bullet({{DocxRun::Style::plain, std::string(trim(l.substr(2))), {}}});
    } else {
      if (!para.empty()) para += ' ';
      para += l;
    }
  }
  flush();
}

void block(office::DocxWriter& w, const std::string& lang, const Block& b) {
  switch (b.kind) {
    case Block::Kind::heading:
      w.heading(b.level, b.text);
      break;
    case Block::Kind::paragraph:
      w.paragraph(runs_of(b.inlines), b.cls == "meta" || b.cls == "note" ? "Note" : "");
      break;
    case Block::Kind::quote: {
      DocxRuns attribution;
      if (!b.inlines.empty()) {
        attribution.push_back({DocxRun::Style::plain, "\u2014 ", {}});
        for (DocxRun& r : runs_of(b.inlines)) attribution.push_back(std::move(r));
      }
      w.quote(b.text, attribution);
      break;
    }
    case Block::Kind::norm:
      w.side(b.title, b.text);
      break;
    case Block::Kind::table:
      w.table(b.header, b.rows);
      break;
    case Block::Kind::list:
      for (const Inline& item : b.items) w.bullet(runs_of(item));
      break;
    case Block::Kind::heatmap:
      if (b.heatmap) {
        const Heatmap& h = *b.heatmap;
        w.paragraph({{DocxRun::Style::plain, h.caption + " (" + h.legend + ")", {}}}, "Caption");
        std::vector<std::string> header = {h.corner};
        header.insert(header.end(), h.columns.begin(), h.columns.end());
        std::vector<std::vector<std::string>> rows;
        for (std::size_t r = 0; r < h.rows.size(); ++r) {
          std::vector<std::string> row = {h.rows[r]};
          for (const int n : h.counts[r]) row.push_back(std::to_string(n));
          rows.push_back(std::move(row));
        }
        w.table(header, rows);
      }
      break;
    case Block::Kind::excerpt:
      excerpt(w, b);
      break;
    case Block::Kind::markdown:
      markdown(w, b.text);
      break;
    case Block::Kind::toc:
      break;  // Word makes its own from the heading styles (References → Table of contents)
    case Block::Kind::appendix:
      for_each_excerpt(lang, b, [&w](const Block& e) { excerpt(w, e); });
      break;
  }
}

}  // namespace

Result<std::string> render_docx(const Doc& doc, const std::string& date) {
  office::DocxWriter w({doc.title, word_language(doc.lang), date});
  for (const Block& b : doc.blocks) block(w, doc.lang, b);
  return w.bytes();
}

}  // namespace ipcode::report::detail
