// report.md: the round report as GitHub-flavoured Markdown, rendered from the same document
// model as report.html. Nothing external is linked or embedded: the heat map becomes a table.

#include "ipcode/base/strings.hpp"
#include "report_common.hpp"

#include <algorithm>

namespace ipcode::report::detail {
namespace {

std::string one_line(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

std::size_t longest_run(std::string_view s, char c) {
  const std::size_t first = s.find(c);  // most texts have none: one memchr
  if (first == std::string_view::npos) return 0;
  std::size_t best = 0;
  std::size_t run = 0;
  for (const char x : s.substr(first)) {
    run = x == c ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

// Emphasis markers must touch the text, so surrounding spaces go outside them.
std::string delimit(std::string_view text, std::string_view mark) {
  const std::string_view inner = trim(text);
  if (inner.empty()) return std::string(text);
  const std::size_t lead = text.find(inner);
  return std::string(text.substr(0, lead)) + std::string(mark) + md_escape(inner, false) +
         std::string(mark) + std::string(text.substr(lead + inner.size()));
}

std::string code_span(std::string_view text) {
  const std::string fence(longest_run(text, '`') + 1, '`');
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  return fence + (pad ? " " : "") + one_line(text) + (pad ? " " : "") + fence;
}

std::string inlines(const Inline& spans) {
  std::string out;
  for (const Span& s : spans) {
    const bool line_start = out.empty() || out.back() == '\n';
    switch (s.kind) {
      case Span::Kind::plain:
        out += md_escape(s.text, line_start);
        break;
      case Span::Kind::strong:
        out += delimit(s.text, "**");
        break;
      case Span::Kind::em:
        out += delimit(s.text, "*");
        break;
      case Span::Kind::code:
        out += code_span(s.text);
        break;
      case Span::Kind::swatch:
        if (!s.text.empty()) out += md_escape(s.text, line_start) + " \u00b7 ";
        break;
    }
  }
  return out;
}

// Prefixes every line (a blockquote's "> ", a list item's continuation indent).
std::string prefixed(std::string_view text, std::string_view first, std::string_view rest) {
  std::string out(first);
  for (const char c : text) {
    out += c;
    if (c == '\n') out += rest;
  }
  return out;
}

std::string cell(std::string_view s) {
  const std::string escaped = md_escape(one_line(s));
  return escaped.empty() ? " " : escaped;
}

std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  std::string rule = "|";
  for (const std::string& h : header) {
    out += " " + cell(h) + " |";
    rule += " --- |";
  }
  out += "\n" + rule + "\n";
  for (const auto& row : rows) {
    out += "|";
    for (std::size_t i = 0; i < header.size(); ++i) {
      out += " " + cell(i < row.size() ? row[i] : std::string()) + " |";
    }
    out += "\n";
  }
  return out;
}

std::string heatmap_table(const Heatmap& h) {
  std::vector<std::string> header = {h.corner};
  header.insert(header.end(), h.columns.begin(), h.columns.end());
  std::vector<std::vector<std::string>> rows;
  for (std::size_t r = 0; r < h.rows.size(); ++r) {
    std::vector<std::string> row = {h.rows[r]};
    for (const int n : h.counts[r]) row.push_back(std::to_string(n));
    rows.push_back(std::move(row));
  }
  return delimit(h.caption + " (" + h.legend + ")", "*") + "\n\n" + table(header, rows);
}

std::string excerpt(const Block& b) {
  std::string body;
  int width = 1;
  for (const ExcerptLine& l : b.lines)
    width = std::max(width, static_cast<int>(std::to_string(l.number).size()));
  for (const ExcerptLine& l : b.lines) {
    const std::string n = std::to_string(l.number);
    body += l.marked ? "\u25b6 " : "  ";
    body.append(static_cast<std::size_t>(width) - n.size(), ' ');
    body += n;
    body += "  ";
    for_each_excerpt_part(l, [&body](std::string_view part) { body += part; });
    body += '\n';
  }
  std::string out = inlines(b.inlines) + "\n";
  if (b.lines.empty()) return out;
  out += "\n";
  const std::string fence(std::max<std::size_t>(3, longest_run(body, '`') + 1), '`');
  out.reserve(out.size() + 2 * fence.size() + body.size() + 6);  // the body is copied once
  out += fence;
  out += "text\n";
  out += body;
  out += fence;
  out += '\n';
  return out;
}

std::string block(const Block& b) {
  switch (b.kind) {
    case Block::Kind::heading:
      return std::string(static_cast<std::size_t>(std::clamp(b.level, 1, 6)), '#') + " " +
             md_escape(one_line(b.text)) + "\n";
    case Block::Kind::paragraph:
      return inlines(b.inlines) + "\n";
    case Block::Kind::quote: {
      std::string out = prefixed(md_escape(b.text), "> ", "> ") + "\n";
      if (!b.inlines.empty()) out += ">\n> \u2014 " + inlines(b.inlines) + "\n";
      return out;
    }
    case Block::Kind::norm:
      return "> " + delimit(one_line(b.title), "**") + "\n>\n" +
             prefixed(md_escape(b.text), "> ", "> ") + "\n";
    case Block::Kind::table:
      return table(b.header, b.rows);
    case Block::Kind::list: {
      std::string out;
      for (const Inline& item : b.items) out += prefixed(inlines(item), "- ", "  ") + "\n";
      return out;
    }
    case Block::Kind::heatmap:
      return b.heatmap ? heatmap_table(*b.heatmap) : std::string();
    case Block::Kind::excerpt:
      return excerpt(b);
    case Block::Kind::markdown: {
      // The project log is the researcher's own Markdown, included as written except that its
      // headings move two levels down, under the report's "Project log" heading (as in HTML).
      std::string out;
      for (const auto line : split(trim(b.text), '\n')) {
        if (line.starts_with("#")) out += "##";
        out += std::string(line) + "\n";
      }
      return trim(out).empty() ? std::string() : out;
    }
    case Block::Kind::toc:
    case Block::Kind::appendix:  // rendered unit by unit in render_markdown()
      return {};
  }
  return {};
}

}  // namespace

void render_markdown(const Doc& doc, Pieces& out) {
  // Blocks are separated by a blank line; the text already handed on counts as written.
  bool started = false;
  const auto add = [&out, &started](const std::string& text) {
    if (text.empty()) return;
    if (started) out.text() += "\n";
    started = true;
    out.text() += text;
    out.cut();
  };
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::appendix) {
      for_each_excerpt_text(
          doc.lang, b, [](const Block& e, std::string& text) { text = excerpt(e); },
          [&add, &out](std::string& text) {
            add(text);
            return !out.failed();
          });
    } else {
      add(block(b));
    }
  }
}

std::string render_markdown(const Doc& doc) {
  return joined([&](Pieces& out) { render_markdown(doc, out); });
}

}  // namespace ipcode::report::detail

namespace ipcode::report {

std::string report_md(const loader::Study& study, const loader::RoundData& round,
                      const condense::RoundAnalysis& a, const Options& options) {
  return detail::render_markdown(detail::round_doc(study, round, a, options));
}

}  // namespace ipcode::report
