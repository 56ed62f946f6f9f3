// A Word/ODF document or a .txt file as a SPEC §3 transcript (importer.hpp).
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"
#include "ipcode/importer/importer.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>

namespace ipcode::importer {
namespace {

constexpr char kCell = '\x1f';  // a table cell's end, while a row is assembled

// A line as it is assembled: its bytes and, for each byte, the run it came from (-1: none).
struct Line {
  std::string text;
  std::vector<int> run;
  void append(std::string_view s, int r) {
    text.append(s);
    run.insert(run.end(), s.size(), r);
  }
};

// The length of a speaker label at the start of `s` (SPEC §3: a capital letter, then up to 23
// letters, digits or '-'), or 0.
std::size_t label_at(std::string_view s) {
  const auto first = text::decode_at(s, 0);
  if (first.size == 0 || !text::is_capital(first.value)) return 0;
  std::size_t i = first.size;
  for (int count = 0; i < s.size() && count < 23; ++count) {
    const auto c = text::decode_at(s, i);
    if (!text::is_word_char(c.value) && c.value != '-') break;
    i += c.size;
  }
  return i;
}

bool blank(char c) { return c == ' ' || c == '\t'; }

// The speaker label that starts a paragraph's first line, and how many bytes it takes there
// (the label, its colon and the white space after it); {"", 0} when there is none.
std::pair<std::string, std::size_t> speaker(const Line& line,
                                            const std::vector<office::Run>& runs) {
  const std::string& s = line.text;
  std::size_t at = 0;
  while (at < s.size() && blank(s[at])) ++at;
  const std::size_t n = label_at(std::string_view(s).substr(at));
  if (n == 0) return {"", 0};
  std::size_t end = at + n;
  const auto skip = [&](std::size_t i) {
    while (i < s.size() && (blank(s[i]) || s[i] == kCell)) ++i;
    return i;
  };
  if (end < s.size() && s[end] == ':') {  // `B1: ...`, `B1:` at the end, `B1:\t...`
    if (end + 1 == s.size() || blank(s[end + 1]) || s[end + 1] == kCell)
      return {s.substr(at, n), skip(end + 1)};
    return {"", 0};
  }
  // A label alone in the first cell of a table row.
  if (end < s.size() && s[end] == kCell && s.find(kCell) == end)
    return {s.substr(at, n), skip(end)};
  // A bold label without a colon: the whole bold stretch is the label.
  if (end < s.size() && blank(s[end])) {
    for (std::size_t i = at; i < end; ++i) {
      const int r = line.run[i];
      if (r < 0 || !runs[static_cast<std::size_t>(r)].bold) return {"", 0};
    }
    const int after = line.run[end];
    if (after >= 0 && runs[static_cast<std::size_t>(after)].bold) return {"", 0};
    return {s.substr(at, n), skip(end)};
  }
  return {"", 0};
}

class Builder {
 public:
  explicit Builder(int first_line) : first_line_(first_line) {}

  void paragraph(const office::Paragraph& p) {
    Line line;
    bool first = true;  // no line of this paragraph written yet: a label may start it
    bool paged = false;
    for (std::size_t i = 0; i < p.runs.size(); ++i) {
      const auto& r = p.runs[i];
      const int index = static_cast<int>(i);
      switch (r.kind) {
        case office::RunKind::text:
          line.append(text::nfc(r.text), index);
          break;
        case office::RunKind::cell_break:
          line.append(std::string(1, kCell), -1);
          break;
        case office::RunKind::line_break:
          emit(line, p.runs, first);
          first = false;
          line = {};
          break;
        case office::RunKind::page_break:
          if (!line.text.empty()) {
            emit(line, p.runs, first);
            first = false;
          }
          line = {};
          paged = true;
          page();
          break;
      }
    }
    // An empty rest after a page break (Word's break in a paragraph of its own) is no line.
    if (!line.text.empty() || (first && !paged)) emit(line, p.runs, first);
  }

  void page() { pending_pages_ += 1; }

  std::vector<std::string> lines;
  std::vector<Mark> marks;

 private:
  int first_line_;
  int page_ = 1;
  int pending_pages_ = 0;

  void emit(Line line, const std::vector<office::Run>& runs, bool first) {
    // A page break is written only before text that follows it (none after the last line).
    for (; pending_pages_ > 0; --pending_pages_) {
      lines.push_back("[side " + std::to_string(++page_) + "]");
    }
    Line out;
    std::size_t from = 0;
    if (first) {
      const auto [label, skip] = speaker(line, runs);
      if (!label.empty()) {
        out.append(label + ": ", -1);
        from = skip;
      }
    }
    if (out.text.empty()) {  // no label: white space at the start goes
      while (from < line.text.size() && (blank(line.text[from]) || line.text[from] == kCell)) {
        ++from;
      }
    }
    for (std::size_t i = from; i < line.text.size(); ++i) {
      char c = line.text[i];
      if (c == '\t' || c == kCell || c == '\r' || c == '\f' || c == '\v') c = ' ';
      // A cell boundary next to a space, or two cell boundaries, make one space.
      if (c == ' ' && line.text[i] == kCell && !out.text.empty() && out.text.back() == ' ')
        continue;
      out.text += c;
      out.run.push_back(line.run[i]);
    }
    while (!out.text.empty() && blank(out.text.back())) {
      out.text.pop_back();
      out.run.pop_back();
    }
    const int number = first_line_ + static_cast<int>(lines.size());
    for (std::size_t i = 0; i < out.text.size();) {
      const int r = out.run[i];
      std::size_t j = i;
      while (j < out.text.size() && out.run[j] == r) ++j;
      if (r >= 0) {
        const auto& run = runs[static_cast<std::size_t>(r)];
        if (!run.highlight.empty() || !run.shading.empty() || !run.comments.empty()) {
          marks.push_back({number, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j),
                           run.highlight, run.shading, run.comments});
        }
      }
      i = j;
    }
    lines.push_back(std::move(out.text));
  }
};

std::string front_matter(std::string_view file_name) {
  return "---\nsource: " + yaml::quote(text::nfc(file_name)) + "\n---\n";
}

}  // namespace

std::optional<Format> format_of(std::string_view file_name) {
  const auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string ext = ascii_lower(file_name.substr(dot + 1));
  if (ext == "docx") return Format::docx;
  if (ext == "odt") return Format::odt;
  if (ext == "vtt") return Format::vtt;
  if (ext == "srt") return Format::srt;
  if (ext == "txt") return Format::txt;
  return std::nullopt;
}

Imported from_document(const office::Document& doc, std::string_view file_name) {
  Builder b(4);  // after the three lines of front matter
  for (const auto& p : doc.paragraphs) b.paragraph(p);
  // Empty paragraphs at the end are left out.
  while (!b.lines.empty() && b.lines.back().empty()) b.lines.pop_back();
  Imported out;
  out.text = front_matter(file_name);
  for (const auto& l : b.lines) out.text.append(l).append("\n");
  out.marks = std::move(b.marks);
  out.comments = doc.comments;
  return out;
}

Result<Imported> convert(std::string_view bytes, Format format, std::string_view file_name) {
  switch (format) {
    case Format::docx:
    case Format::odt: {
      auto doc = format == Format::docx ? office::read_docx(bytes, file_name)
                                        : office::read_odt(bytes, file_name);
      if (!doc) return doc.error();
      return from_document(*doc, file_name);
    }
    case Format::vtt:
    case Format::srt:
    case Format::txt:
      break;
  }
  const auto decoded = text::decode(bytes);
  std::string body;
  body.reserve(decoded.utf8.size());
  for (std::size_t i = 0; i < decoded.utf8.size(); ++i) {
    if (decoded.utf8[i] == '\r') {
      if (i + 1 < decoded.utf8.size() && decoded.utf8[i + 1] == '\n') continue;
      body += '\n';
      continue;
    }
    body += decoded.utf8[i];
  }
  body = text::nfc(body);
  Imported out;
  out.from_cp1252 = decoded.from_cp1252;
  if (format != Format::txt) {
    out.text = front_matter(file_name) + from_subtitles(body, file_name);
    return out;
  }
  if (body.starts_with("---\n")) {
    out.text = body;
  } else {
    out.text = front_matter(file_name) + body;
  }
  if (!out.text.empty() && out.text.back() != '\n') out.text += '\n';
  return out;
}

}  // namespace ipcode::importer
