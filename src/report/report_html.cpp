// report.html: one self-contained file (no scripts, fonts, images or links to the network),
// rendered from the same document model as report.md, readable on screen and in print.

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "report_common.hpp"

#include <algorithm>
#include <string>

namespace ipcode::report::detail {
namespace {

constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
body { font-family: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia,
       "Times New Roman", serif; font-size: 1.05rem; line-height: 1.5; color: #1d1d1d;
       background: #fff; max-width: 48rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3, h4 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
       "DejaVu Sans", sans-serif; line-height: 1.25; clear: both; }
h1 { font-size: 1.9rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.45rem; margin-top: 2.5rem; border-bottom: 1px solid #bbb; padding-bottom: 0.2rem; }
h3 { font-size: 1.2rem; margin-top: 2rem; }
h4 { font-size: 1.05rem; margin-top: 1.5rem; }
.node { border-left: 0.4rem solid #888; padding-left: 0.5rem; }
h2.node { border-bottom: 1px solid #bbb; }
p.meta { margin: 0.2rem 0; color: #444; font-size: 0.95rem; }
p.note { color: #555; font-size: 0.95rem; }
p.warning { background: #fff4e5; border-left: 0.3rem solid #d55e00; padding: 0.3rem 0.6rem; }
p.condensate { font-style: italic; }
p.condensate strong { font-style: normal; }
p.draft { border: 1px dashed #b35900; background: #fffaf2; padding: 0.4rem 0.6rem; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border: 1px solid #555;
          vertical-align: -0.05rem; margin-right: 0.4rem; }
figure.quote { margin: 1rem 0 1rem 1.5rem; }
figure.quote blockquote { margin: 0; padding-left: 0.9rem; border-left: 0.2rem solid #999; }
figure.quote blockquote p { margin: 0; }
figure.quote figcaption { margin-top: 0.3rem; padding-left: 0.9rem; color: #444;
                          font-size: 0.95rem; }
aside.norm { float: right; clear: right; width: 38%; margin: 0.3rem 0 0.8rem 1.2rem;
             padding: 0.5rem 0.7rem; background: #f3f6f9; border: 1px solid #9fb3c8;
             font-size: 0.9rem; }
aside.norm p { margin: 0.2rem 0; }
aside.norm .norm-title { font-weight: bold; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.95rem; }
th, td { border: 1px solid #888; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
table.rounds { width: 100%; }
table.rounds td:first-child { white-space: nowrap; }
nav.toc ul { list-style: none; padding-left: 1.2rem; }
nav.toc > ul { padding-left: 0; }
a { color: #0b4f8a; }
figure.heatmap { margin: 1rem 0; overflow-x: auto; }
figure.heatmap svg { max-width: 100%; height: auto; }
figure.heatmap figcaption { font-size: 0.95rem; color: #444; }
div.excerpt { margin: 1rem 0; break-inside: avoid; }
div.excerpt p { margin: 0 0 0.2rem; font-size: 0.95rem; }
pre { background: #f6f6f6; border: 1px solid #ccc; padding: 0.4rem 0.6rem; overflow-x: auto;
      font-size: 0.85rem; white-space: pre-wrap; }
pre .own { background: #fff0a8; }
pre .ln { color: #777; }
pre .mk { display: inline-block; width: 1ch; overflow: visible; }
@media (max-width: 40rem) { aside.norm { float: none; width: auto; margin: 0.5rem 0; } }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  h2.theme { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  nav.toc { break-after: page; }
  figure, table, aside, .excerpt { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  pre { white-space: pre-wrap; }
}
)css";

std::string inlines(const Inline& spans) {
  std::string out;
  for (const Span& s : spans) {
    switch (s.kind) {
      case Span::Kind::plain:
        out += html_escape(s.text);
        break;
      case Span::Kind::strong:
        out += "<strong>" + html_escape(s.text) + "</strong>";
        break;
      case Span::Kind::em:
        out += "<em>" + html_escape(s.text) + "</em>";
        break;
      case Span::Kind::code:
        out += "<code>" + html_escape(s.text) + "</code>";
        break;
      case Span::Kind::swatch:
        out += "<span class=\"swatch\" style=\"background:" + html_escape(s.color) + "\"" +
               (s.text.empty() ? "" : " title=\"" + html_escape(s.text) + "\"") + "></span>";
        break;
    }
  }
  return out;
}

std::string paragraphs(std::string_view text) {
  std::string out;
  std::string para;
  const auto flush = [&] {
    if (!para.empty()) out += "<p>" + html_escape(para) + "</p>\n";
    para.clear();
  };
  for (std::string_view line : split(text, '\n')) {
    line = trim(line);
    if (line.empty()) {
      flush();
    } else {
      para += (para.empty() ? "" : "\n") + std::string(line);
    }
  }
  flush();
  return out;
}

std::string heading(const Block& b) {
  const std::string tag = "h" + std::to_string(std::clamp(b.level, 1, 6));
  std::string cls = b.cls;
  if (!b.color.empty()) cls += cls.empty() ? "node" : " node";
  std::string out = "<" + tag;
  if (!b.anchor.empty()) out += " id=\"" + html_escape(b.anchor) + "\"";
  if (!cls.empty()) out += " class=\"" + cls + "\"";
  if (!b.color.empty()) out += " style=\"border-left-color:" + html_escape(b.color) + "\"";
  return out + ">" + html_escape(b.text) + "</" + tag + ">\n";
}

std::string table(const Block& b) {
  std::string out = b.cls.empty() ? "<table>\n" : "<table class=\"" + html_escape(b.cls) + "\">\n";
  out += "<thead><tr>";
  for (const std::string& h : b.header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : b.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < b.header.size(); ++i) {
      out += "<td>" + html_escape(i < row.size() ? row[i] : std::string()) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// A unit in its transcript: the hot loop of a large report (one per unit), so it appends to
// the report itself.
void append_excerpt(std::string& out, const Block& b) {
  out += "<div class=\"excerpt\">\n<p>";
  out += inlines(b.inlines);
  out += "</p>\n";
  if (b.lines.empty()) {
    out += "</div>\n";
    return;
  }
  int width = 1;
  for (const ExcerptLine& l : b.lines) {
    width = std::max(width, static_cast<int>(std::to_string(l.number).size()));
  }
  out += "<pre>";
  for (const ExcerptLine& l : b.lines) {
    const std::string n = std::to_string(l.number);
    if (l.marked) out += "<span class=\"own\">";
    // The mark sits in a box one character wide: ▶ is not monospaced in every font.
    out += l.marked ? "<span class=\"ln\"><span class=\"mk\">\u25b6</span> "
                    : "<span class=\"ln\"><span class=\"mk\"></span> ";
    out.append(static_cast<std::size_t>(width) - n.size(), ' ');
    out += n;
    out += "</span>  ";
    for_each_excerpt_part(l, [&out](std::string_view part) { append_html_escaped(out, part); });
    if (l.marked) out += "</span>";
    out += '\n';
  }
  out += "</pre>\n</div>\n";
}

// Inline Markdown of the log: `code`, **strong** and *emphasis*; everything else escaped.
std::string log_inline(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::string_view mark;
    const char* tag = nullptr;
    if (s[i] == '`') {
      mark = "`";
      tag = "code";
    } else if (s.substr(i, 2) == "**") {
      mark = "**";
      tag = "strong";
    } else if (s[i] == '*' && i + 1 < s.size() && s[i + 1] != ' ') {
      mark = "*";
      tag = "em";
    }
    const std::size_t close =
        tag == nullptr ? std::string_view::npos : s.find(mark, i + mark.size());
    if (close == std::string_view::npos || close == i + mark.size()) {
      out += html_escape(s.substr(i, 1));
      ++i;
      continue;
    }
    const std::string_view inner = s.substr(i + mark.size(), close - i - mark.size());
    out += "<" + std::string(tag) + ">" + (mark == "`" ? html_escape(inner) : log_inline(inner)) +
           "</" + tag + ">";
    i = close + mark.size();
  }
  return out;
}

// The project log is the researcher's Markdown; HTML gets its simple parts (headings,
// paragraphs, lists), all text escaped. Its headings sit below the report's "Project log".
class LogRenderer {
 public:
  std::string render(std::string_view text) {
    for (std::string_view raw : split(text, '\n')) line(raw);
    close_all();
    return out_;
  }

 private:
  void line(std::string_view raw) {
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    const std::string_view s = trim(raw);
    if (s.empty()) return close_all();
    std::size_t hashes = 0;
    while (hashes < s.size() && s[hashes] == '#') ++hashes;
    if (hashes >= 1 && hashes <= 6 && hashes < s.size() && s[hashes] == ' ') {
      close_all();
      const std::string tag = "h" + std::to_string(std::min<std::size_t>(hashes + 2, 6));
      out_ += "<" + tag + ">" + log_inline(trim(s.substr(hashes))) + "</" + tag + ">\n";
      return;
    }
    if (const std::size_t item = item_start(s); item != 0) {
      const std::string kind = s[0] >= '0' && s[0] <= '9' ? "ol" : "ul";
      flush_para();
      if (list_ != kind) {
        close_list();
        out_ += "<" + kind + ">\n";
        list_ = kind;
      }
      flush_item();
      item_ = std::string(trim(s.substr(item)));
      return;
    }
    if (!list_.empty() && raw.front() == ' ') {  // continuation of a list item
      item_ += "\n" + std::string(s);
      return;
    }
    close_list();
    para_ += (para_.empty() ? "" : "\n") + std::string(s);
  }

  // Length of a list marker ("- ", "* ", "+ ", "12. "), or 0.
  static std::size_t item_start(std::string_view s) {
    if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') return 2;
    std::size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i > 0 && i + 1 < s.size() && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ') return i + 2;
    return 0;
  }
  void flush_para() {
    if (!para_.empty()) out_ += "<p>" + log_inline(para_) + "</p>\n";
    para_.clear();
  }
  void flush_item() {
    if (!item_.empty()) out_ += "<li>" + log_inline(item_) + "</li>\n";
    item_.clear();
  }
  void close_list() {
    flush_item();
    if (!list_.empty()) out_ += "</" + list_ + ">\n";
    list_.clear();
  }
  void close_all() {
    flush_para();
    close_list();
  }

  std::string out_;
  std::string para_;
  std::string item_;
  std::string list_;  // "ul", "ol" or empty
};

// The table of contents: level-2 sections with their level-3 headings nested.
std::string toc(const Doc& doc) {
  std::string out = "<nav class=\"toc\">\n<h2>" + html_escape(i18n::tr_in(doc.lang, "Contents")) +
                    "</h2>\n<ul>\n";
  bool open_item = false;
  bool open_sub = false;
  for (const Block& b : doc.blocks) {
    if (b.kind != Block::Kind::heading || b.anchor.empty() || b.level < 2 || b.level > 3) continue;
    const std::string link =
        "<a href=\"#" + html_escape(b.anchor) + "\">" + html_escape(b.text) + "</a>";
    if (b.level == 2) {
      if (open_sub) out += "</ul>";
      if (open_item) out += "</li>\n";
      out += "<li>" + link;
      open_item = true;
      open_sub = false;
    } else {
      if (!open_sub) out += "\n<ul>\n";
      out += "<li>" + link + "</li>\n";
      open_sub = true;
    }
  }
  if (open_sub) out += "</ul>";
  if (open_item) out += "</li>\n";
  return out + "</ul>\n</nav>\n";
}

std::string block(const Doc& doc, const Block& b) {
  switch (b.kind) {
    case Block::Kind::heading:
      return heading(b);
    case Block::Kind::paragraph:
      return (b.cls.empty() ? "<p>" : "<p class=\"" + html_escape(b.cls) + "\">") +
             inlines(b.inlines) + "</p>\n";
    case Block::Kind::quote: {
      std::string out =
          "<figure class=\"quote\">\n<blockquote>" + paragraphs(b.text) + "</blockquote>\n";
      if (!b.inlines.empty()) out += "<figcaption>\u2014 " + inlines(b.inlines) + "</figcaption>\n";
      return out + "</figure>\n";
    }
    case Block::Kind::norm:
      return "<aside class=\"norm\">\n<p class=\"norm-title\">" + html_escape(b.title) + "</p>\n" +
             paragraphs(b.text) + "</aside>\n";
    case Block::Kind::table:
      return table(b);
    case Block::Kind::list: {
      std::string out = "<ul>\n";
      for (const Inline& item : b.items) out += "<li>" + inlines(item) + "</li>\n";
      return out + "</ul>\n";
    }
    case Block::Kind::heatmap:
      if (!b.heatmap) return {};
      return "<figure class=\"heatmap\">\n" + heatmap_svg(*b.heatmap) + "<figcaption>" +
             html_escape(b.heatmap->caption) + "</figcaption>\n</figure>\n";
    case Block::Kind::excerpt: {
      std::string out;
      append_excerpt(out, b);
      return out;
    }
    case Block::Kind::markdown:
      return "<div class=\"log\">\n" + LogRenderer().render(b.text) + "</div>\n";
    case Block::Kind::toc:
      return toc(doc);
    case Block::Kind::appendix:
      return {};  // rendered unit by unit in render_html()
  }
  return {};
}

}  // namespace

void render_html(const Doc& doc, Pieces& out) {
  std::string& text = out.text();
  text += "<!DOCTYPE html>\n<html lang=\"" + html_escape(doc.lang) + "\">\n<head>\n";
  text += "<meta charset=\"utf-8\">\n";
  text += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  text += "<title>" + html_escape(doc.title) + "</title>\n";
  text += "<style>";
  text += kStyle;
  text += "</style>\n</head>\n<body>\n<main>\n";
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::appendix) {
      for_each_excerpt_text(
          doc.lang, b, [](const Block& e, std::string& piece) { append_excerpt(piece, e); },
          [&out](std::string& piece) {
            out.text() += piece;
            out.cut();
            return !out.failed();
          });
    } else {
      text += block(doc, b);
      out.cut();
    }
  }
  text += "</main>\n</body>\n</html>\n";
}

std::string render_html(const Doc& doc) {
  return joined([&](Pieces& out) { render_html(doc, out); });
}

}  // namespace ipcode::report::detail

namespace ipcode::report {

std::string report_html(const loader::Study& study, const loader::RoundData& round,
                        const condense::RoundAnalysis& a, const Options& options) {
  return detail::render_html(detail::round_doc(study, round, a, options));
}

}  // namespace ipcode::report
