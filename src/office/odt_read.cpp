// Reading an .odt (OpenDocument text) into the neutral model (document.hpp).
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/office/archive.hpp"
#include "ipcode/office/document.hpp"
#include "xml.hpp"

#include <algorithm>
#include <map>

namespace ipcode::office {
namespace {

using detail::attr;
using detail::kMaxDepth;
using detail::local;

struct Style {
  std::string parent;
  int bold = -1;
  std::string background;  // "#rrggbb", "none" for transparent, "" not said
  bool break_before = false;
  bool break_after = false;
  bool master_page = false;
};

std::string background(std::string_view v) {
  if (v == "transparent") return "none";
  if (v.size() != 7 || v.front() != '#') return {};
  for (const char c : v.substr(1)) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return {};
  }
  return ascii_lower(v);
}

void read_styles(const pugi::xml_node& list, std::map<std::string, Style>& styles) {
  for (const auto& s : list.children()) {
    if (local(s.name()) != "style") continue;
    Style st;
    st.parent = attr(s, "parent-style-name");
    st.master_page = !attr(s, "master-page-name").empty();
    for (const auto& c : s.children()) {
      const auto n = local(c.name());
      if (n == "paragraph-properties") {
        st.break_before = attr(c, "break-before") == "page";
        st.break_after = attr(c, "break-after") == "page";
      } else if (n == "text-properties") {
        const auto w = attr(c, "font-weight");
        if (!w.empty())
          st.bold = (w == "bold" || w == "600" || w == "700" || w == "800" || w == "900") ? 1 : 0;
        st.background = background(attr(c, "background-color"));
      }
    }
    styles[std::string(attr(s, "name"))] = std::move(st);
  }
}

struct Props {
  bool bold = false;
  std::string shading;
};

class Reader {
 public:
  Document doc;
  std::map<std::string, Style> styles;

  void body(const pugi::xml_node& node, int depth) {
    if (depth > kMaxDepth) return;
    for (const auto& c : node.children()) {
      const auto n = local(c.name());
      if (n == "p" || n == "h") {
        paragraph(c, depth + 1);
      } else if (n == "list" || n == "list-item" || n == "list-header" || n == "section" ||
                 n == "table-cell") {
        body(c, depth + 1);
      } else if (n == "table") {
        table(c, depth + 1);
      }
      // text:tracked-changes (the deleted text lives there), forms, declarations: left out.
    }
  }

 private:
  Paragraph* target_ = nullptr;
  std::vector<std::string> open_;
  int generated_ = 0;
  bool any_paragraph_ = false;

  // The style's own property and its parents', nearest first.
  template <class F>
  auto lookup(std::string name, F get) const -> decltype(get(Style{})) {
    for (int guard = 0; guard < 32 && !name.empty(); ++guard) {
      const auto it = styles.find(name);
      if (it == styles.end()) break;
      if (auto v = get(it->second); v != decltype(v){}) return v;
      name = it->second.parent;
    }
    return {};
  }

  Props apply(Props p, const std::string& style) const {
    const int b = lookup(style, [](const Style& s) { return s.bold + 1; });
    if (b != 0) p.bold = b == 2;
    const std::string bg = lookup(style, [](const Style& s) { return s.background; });
    if (!bg.empty()) p.shading = bg == "none" ? std::string() : bg;
    return p;
  }

  void add(Paragraph& p, RunKind kind) {
    Run r;
    r.kind = kind;
    r.comments = open_;
    p.runs.push_back(std::move(r));
  }

  void paragraph(const pugi::xml_node& node, int depth) {
    Paragraph own;
    Paragraph& p = target_ != nullptr ? *target_ : own;
    if (target_ != nullptr && !p.runs.empty() && p.runs.back().kind != RunKind::cell_break) {
      add(p, RunKind::line_break);
    }
    const std::string style(attr(node, "style-name"));
    const bool before =
        lookup(style, [](const Style& s) { return s.break_before; }) ||
        (any_paragraph_ && lookup(style, [](const Style& s) { return s.master_page; }));
    any_paragraph_ = true;
    if (before) add(p, RunKind::page_break);
    const std::size_t first = p.runs.size();
    std::vector<std::string> point;  // annotations without a range: they cover the paragraph
    bool space = true;               // white space at the start of a paragraph is dropped
    inline_content(node, apply({}, style), p, point, space, depth + 1);
    for (auto i = first; i < p.runs.size(); ++i) {
      for (const auto& id : point) p.runs[i].comments.push_back(id);
    }
    if (lookup(style, [](const Style& s) { return s.break_after; })) add(p, RunKind::page_break);
    if (target_ == nullptr) doc.paragraphs.push_back(std::move(own));
  }

  void table(const pugi::xml_node& node, int depth) {
    if (depth > kMaxDepth) return;
    for (const auto& row : node.children()) {
      const auto n = local(row.name());
      if (n == "table-header-rows" || n == "table-rows" || n == "table-row-group") {
        table(row, depth + 1);
        continue;
      }
      if (n != "table-row") continue;
      Paragraph line;
      Paragraph* outer = target_;
      if (outer == nullptr) target_ = &line;
      bool first = true;
      for (const auto& cell : row.children()) {
        if (local(cell.name()) != "table-cell") continue;
        if (!first) add(*target_, RunKind::cell_break);
        first = false;
        body(cell, depth + 2);
      }
      if (outer == nullptr) {
        target_ = nullptr;
        doc.paragraphs.push_back(std::move(line));
      }
    }
  }

  void text(Paragraph& p, const Props& props, std::string_view s) {
    if (s.empty()) return;
    auto& runs = p.runs;
    if (!runs.empty() && runs.back().kind == RunKind::text && runs.back().bold == props.bold &&
        runs.back().shading == props.shading && runs.back().comments == open_) {
      runs.back().text.append(s);
      return;
    }
    Run r;
    r.text.assign(s);
    r.bold = props.bold;
    r.shading = props.shading;
    r.comments = open_;
    runs.push_back(std::move(r));
  }

  // ODF white space: tabs and line ends in the XML are spaces, and a run of spaces is one.
  void pcdata(Paragraph& p, const Props& props, std::string_view s, bool& space) {
    std::string out;
    for (const char c : s) {
      const bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
      if (ws) {
        if (!space) out += ' ';
        space = true;
      } else {
        out += c;
        space = false;
      }
    }
    text(p, props, out);
  }

  void annotation(const pugi::xml_node& a, std::vector<std::string>& point) {
    Comment c;
    c.id = attr(a, "name");
    if (c.id.empty()) c.id = "annotation-" + std::to_string(++generated_);
    bool first = true;
    for (const auto& x : a.children()) {
      const auto n = local(x.name());
      if (n == "creator") c.author = x.text().get();
      if (n == "creator-initials" || n == "sender-initials") c.initials = x.text().get();
      if (n == "p" || n == "h") {
        if (!first) c.text += '\n';
        first = false;
        for (const auto& t : x.select_nodes(".//text()")) c.text += t.node().value();
      }
    }
    if (attr(a, "name").empty()) {
      point.push_back(c.id);
    } else if (std::find(open_.begin(), open_.end(), c.id) == open_.end()) {
      open_.push_back(c.id);
    }
    doc.comments.push_back(std::move(c));
  }

  void inline_content(const pugi::xml_node& node, const Props& props, Paragraph& p,
                      std::vector<std::string>& point, bool& space, int depth) {
    if (depth > kMaxDepth) return;
    for (const auto& c : node.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        pcdata(p, props, c.value(), space);
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      const auto n = local(c.name());
      if (n == "span" || n == "a" || n == "meta" || n == "ruby" || n == "ruby-base") {
        const std::string style(attr(c, "style-name"));
        inline_content(c, style.empty() ? props : apply(props, style), p, point, space, depth + 1);
      } else if (n == "s") {
        const auto count = parse_int(attr(c, "c")).value_or(1);
        text(p, props, std::string(static_cast<std::size_t>(std::clamp(count, 1L, 1000L)), ' '));
        space = false;
      } else if (n == "tab") {
        text(p, props, "\t");
        space = false;
      } else if (n == "line-break") {
        add(p, RunKind::line_break);
        space = true;
      } else if (n == "annotation") {
        annotation(c, point);
      } else if (n == "annotation-end") {
        const std::string id(attr(c, "name"));
        open_.erase(std::remove(open_.begin(), open_.end(), id), open_.end());
      } else if (n == "note" || n == "frame" || n == "custom-shape" || n == "bookmark" ||
                 n == "bookmark-start" || n == "bookmark-end" || n == "change" ||
                 n == "change-start" || n == "change-end" || n == "soft-page-break" ||
                 n == "ruby-text" || n == "reference-mark" || n == "toc-mark") {
        // footnotes/endnotes, drawings, and markers without text: left out
      } else if (c.first_child()) {
        inline_content(c, props, p, point, space, depth + 1);  // fields show their text
      }
    }
  }
};

}  // namespace

Result<Document> read_odt(std::string_view bytes, std::string_view origin) {
  auto zip = Archive::open(bytes, std::string(origin));
  if (!zip) return zip.error();
  if (!zip->has("content.xml")) {
    return Error{ErrorKind::invalid_data,
                 format(tr("{1}: not an OpenDocument text (.odt): it has no 'content.xml'"),
                        {std::string(origin)})};
  }
  Reader reader;
  std::string error;
  auto parse = [&](pugi::xml_document& doc, const std::string& part) -> Status {
    auto b = zip->read(part);
    if (!b) return b.error();
    if (!detail::parse_xml(doc, *b, origin, part, error)) {
      return Error{ErrorKind::invalid_data, error};
    }
    return Ok{};
  };
  if (zip->has("styles.xml")) {
    pugi::xml_document doc;
    if (auto st = parse(doc, "styles.xml"); !st) return st.error();
    for (const auto& c : doc.document_element().children()) {
      const auto n = local(c.name());
      if (n == "styles" || n == "automatic-styles") read_styles(c, reader.styles);
    }
  }
  pugi::xml_document doc;
  if (auto st = parse(doc, "content.xml"); !st) return st.error();
  const auto root = doc.document_element();
  for (const auto& c : root.children()) {
    if (local(c.name()) == "automatic-styles") read_styles(c, reader.styles);
  }
  pugi::xml_node text;
  for (const auto& c : root.children()) {
    if (local(c.name()) != "body") continue;
    for (const auto& t : c.children()) {
      if (local(t.name()) == "text") text = t;
    }
  }
  if (!text) {
    return Error{ErrorKind::invalid_data,
                 format(tr("{1}: not an OpenDocument text (.odt): its content has no text body"),
                        {std::string(origin)})};
  }
  reader.body(text, 0);
  return std::move(reader.doc);
}

}  // namespace ipcode::office
