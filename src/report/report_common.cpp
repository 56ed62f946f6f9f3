// Shared pieces of the report module: the document model's builders, escaping for both
// formats, node colours and counts in words.

#include "report_common.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace ipcode::report::detail {
namespace {

// Okabe–Ito: eight colours that stay distinct for the common forms of colour blindness.
constexpr std::array<const char*, 8> kPalette = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                                 "#56b4e9", "#d55e00", "#f0e442", "#000000"};

bool valid_color(std::string_view c) {
  if (c.size() != 7 || c[0] != '#') return false;
  for (std::size_t i = 1; i < c.size(); ++i) {
    if (std::isxdigit(static_cast<unsigned char>(c[i])) == 0) return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Where a line starting at `i` needs a backslash so that it is not read as Markdown block
// syntax (a heading, list item, ordered list "1.", setext underline); npos when it does not.
std::size_t block_marker_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return std::string_view::npos;
  const char c = s[i];
  if (c == '#' || c == '+' || c == '-' || c == '=') return i;
  std::size_t j = i;
  while (j < s.size() && is_digit(s[j])) ++j;
  if (j > i && j < s.size() && (s[j] == '.' || s[j] == ')')) return j;
  return std::string_view::npos;
}

// find_first_of with a table: std::string_view::find_first_of calls memchr once per byte.
class ByteSet {
 public:
  constexpr explicit ByteSet(std::string_view bytes) {
    for (const char c : bytes) in_[static_cast<unsigned char>(c)] = true;
  }
  std::size_t find(std::string_view s, std::size_t from) const {
    for (std::size_t i = from; i < s.size(); ++i) {
      if (in_[static_cast<unsigned char>(s[i])]) return i;
    }
    return std::string_view::npos;
  }

 private:
  std::array<bool, 256> in_{};
};

constexpr ByteSet kHtmlSpecial("&<>\"'");
constexpr ByteSet kMdSpecial("\\`*_[]<>|~&\n");

}  // namespace

Pieces::Pieces(Write write, std::size_t piece_size)
    : write_(std::move(write)), piece_size_(piece_size) {
  // A block or an excerpt is small: a piece seldom outgrows this, so it is seldom copied.
  text_.reserve(piece_size_ + piece_size_ / 8);
}

void Pieces::flush() {
  if (!failed_ && !text_.empty()) {
    if (auto st = write_(text_); !st) failed_ = st.error();
  }
  text_.clear();  // keeps its capacity for the next piece
}

Status Pieces::finish() {
  flush();
  if (failed_) return *failed_;
  return Ok{};
}

std::string joined(const std::function<void(Pieces&)>& render) {
  std::string all;
  Pieces out([&all](std::string_view piece) {
    all += piece;
    return Status(Ok{});
  });
  render(out);
  (void)out.finish();  // appending to a string cannot fail
  return all;
}

std::string excerpt_text(const ExcerptLine& l) {
  std::string out;
  for_each_excerpt_part(l, [&out](std::string_view part) { out += part; });
  return out;
}

Span plain(std::string s) { return {Span::Kind::plain, std::move(s), {}}; }
Span strong(std::string s) { return {Span::Kind::strong, std::move(s), {}}; }
Span em(std::string s) { return {Span::Kind::em, std::move(s), {}}; }
Span code(std::string s) { return {Span::Kind::code, std::move(s), {}}; }

void Doc::heading(int level, std::string text, std::string anchor, std::string color,
                  std::string cls) {
  Block b;
  b.kind = Block::Kind::heading;
  b.level = level;
  b.text = std::move(text);
  b.anchor = std::move(anchor);
  b.color = std::move(color);
  b.cls = std::move(cls);
  blocks.push_back(std::move(b));
}

void Doc::paragraph(Inline inlines, std::string cls) {
  Block b;
  b.kind = Block::Kind::paragraph;
  b.inlines = std::move(inlines);
  b.cls = std::move(cls);
  blocks.push_back(std::move(b));
}

void Doc::text(std::string_view text, std::string cls) {
  // Paragraphs are separated by blank lines, as in Markdown and YAML block scalars.
  std::string para;
  const auto flush = [&] {
    if (!para.empty()) paragraph({plain(para)}, cls);
    para.clear();
  };
  for (std::string_view line : split(text, '\n')) {
    line = trim(line);
    if (line.empty()) {
      flush();
      continue;
    }
    if (!para.empty()) para += '\n';
    para += line;
  }
  flush();
}

void Doc::quote(std::string text, Inline attribution) {
  Block b;
  b.kind = Block::Kind::quote;
  b.text = std::move(text);
  b.inlines = std::move(attribution);
  blocks.push_back(std::move(b));
}

void Doc::norm(std::string heading_text, std::string text) {
  Block b;
  b.kind = Block::Kind::norm;
  b.title = std::move(heading_text);
  b.text = std::move(text);
  blocks.push_back(std::move(b));
}

void Doc::toc() {
  Block b;
  b.kind = Block::Kind::toc;
  blocks.push_back(std::move(b));
}

void Doc::table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows,
                std::string cls) {
  Block b;
  b.kind = Block::Kind::table;
  b.header = std::move(header);
  b.rows = std::move(rows);
  b.cls = std::move(cls);
  blocks.push_back(std::move(b));
}

void Doc::list(std::vector<Inline> items) {
  Block b;
  b.kind = Block::Kind::list;
  b.items = std::move(items);
  blocks.push_back(std::move(b));
}

void append_html_escaped(std::string& out, std::string_view s) {
  // Runs without special characters are copied whole: reports are mostly plain text.
  std::size_t from = 0;
  while (from < s.size()) {
    const std::size_t at = kHtmlSpecial.find(s, from);
    if (at == std::string_view::npos) break;
    out.append(s.data() + from, at - from);
    switch (s[at]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += "&#39;";
        break;
    }
    from = at + 1;
  }
  if (from < s.size()) out.append(s.data() + from, s.size() - from);
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  append_html_escaped(out, s);
  return out;
}

std::string md_escape(std::string_view s, bool line_start) {
  std::string out;
  out.reserve(s.size() + 16);
  std::size_t i = 0;
  while (i < s.size()) {
    if (line_start) {
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;  // no indented code blocks
      if (i >= s.size()) break;
      line_start = false;
      if (const std::size_t marker = block_marker_at(s, i); marker != std::string_view::npos) {
        out.append(s.substr(i, marker - i));
        out += '\\';
        i = marker;
      }
    }
    const std::size_t at = kMdSpecial.find(s, i);
    out.append(s.substr(i, (at == std::string_view::npos ? s.size() : at) - i));
    if (at == std::string_view::npos) break;
    const char c = s[at];
    if (c == '\n') {
      line_start = true;
    } else if (c != '&' ||
               (at + 1 < s.size() &&
                (std::isalpha(static_cast<unsigned char>(s[at + 1])) != 0 || s[at + 1] == '#'))) {
      // '&' only where it could start an entity (&amp; &#38;): keeps ordinary text readable.
      out += '\\';
    }
    out += c;
    i = at + 1;
  }
  return out;
}

std::string tf(const std::string& lang, const char* msgid, const std::vector<std::string>& args) {
  return format(i18n::tr_in(lang, msgid), args);
}

std::string tfn(const std::string& lang, const char* singular, const char* plural, long n,
                const std::vector<std::string>& args) {
  return format(i18n::trn_in(lang, singular, plural, n), args);
}

std::string node_color(const codebook::Codebook& cb, int node) {
  if (node < 0 || node >= static_cast<int>(cb.nodes.size())) return {};
  const codebook::Node& n = cb.nodes[static_cast<std::size_t>(node)];
  if (valid_color(n.color)) return ascii_lower(n.color);
  switch (n.level) {
    case codebook::Level::theme:
      return {};
    case codebook::Level::subgroup:
      return node_color(cb, n.parent);
    case codebook::Level::group: {
      const std::vector<int> groups = cb.of_level(codebook::Level::group);
      for (std::size_t i = 0; i < groups.size(); ++i) {
        if (groups[i] == node) return kPalette[i % kPalette.size()];
      }
      return kPalette[0];
    }
  }
  return {};
}

std::string prevalence(const std::string& lang, int count, int of) {
  return tfn(lang, "{1} of {2} participant", "{1} of {2} participants", of,
             {std::to_string(count), std::to_string(of)});
}

std::string units_text(const std::string& lang, int count) {
  return tfn(lang, "{1} meaning unit", "{1} meaning units", count, {std::to_string(count)});
}

}  // namespace ipcode::report::detail

namespace ipcode::report::detail {

std::string capitalised(std::string_view s) {
  std::string out(s);
  if (out.empty()) return out;
  const auto b0 = static_cast<unsigned char>(out[0]);
  if (b0 >= 'a' && b0 <= 'z') {
    out[0] = static_cast<char>(b0 - 'a' + 'A');
  } else if (b0 == 0xC3 && out.size() > 1) {
    // U+00E0–U+00FE (à…þ, æ ø å among them) but U+00F7 (÷): the capital is 0x20 lower.
    const auto b1 = static_cast<unsigned char>(out[1]);
    if (b1 >= 0xA0 && b1 <= 0xBE && b1 != 0xB7) out[1] = static_cast<char>(b1 - 0x20);
  }
  return out;
}

Inline feedback_line(const std::string& lang, const coding::Feedback& f) {
  const char* verdict = f.verdict == coding::Feedback::Verdict::agrees      ? "agrees"
                        : f.verdict == coding::Feedback::Verdict::disagrees ? "disagrees"
                                                                            : "nuances";
  const std::string who =
      std::string(trim(f.date)).empty()
          ? tf(lang, "Feedback from {1}", {f.from})
          : tf(lang, "Feedback from {1} ({2})", {f.from, std::string(trim(f.date))});
  Inline line = {strong(who + ", " + i18n::tr_in(lang, verdict) + ":")};
  if (!trim(f.text).empty()) line.push_back(plain(" " + std::string(trim(f.text))));
  return line;
}

}  // namespace ipcode::report::detail
