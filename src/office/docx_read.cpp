// Reading a .docx (Office Open XML WordprocessingML) into the neutral model (document.hpp).
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/office/archive.hpp"
#include "ipcode/office/document.hpp"
#include "xml.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace ipcode::office {

std::string_view Document::palette(std::string_view highlight) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kPalette = {{
      {"black", "#000000"},
      {"blue", "#0000ff"},
      {"cyan", "#00ffff"},
      {"green", "#00ff00"},
      {"magenta", "#ff00ff"},
      {"red", "#ff0000"},
      {"yellow", "#ffff00"},
      {"white", "#ffffff"},
      {"darkblue", "#000080"},
      {"darkcyan", "#008080"},
      {"darkgreen", "#008000"},
      {"darkmagenta", "#800080"},
      {"darkred", "#800000"},
      {"darkyellow", "#808000"},
      {"darkgray", "#808080"},
      {"lightgray", "#c0c0c0"},
  }};
  const std::string key = ascii_lower(highlight);
  for (const auto& [name, hex] : kPalette) {
    if (name == key) return hex;
  }
  return {};
}

namespace {

using detail::attr;
using detail::kMaxDepth;
using detail::local;

struct Props {
  int bold = -1;  // -1: not said here
  std::string highlight;
  std::string shading;
};

// "#rrggbb" from a w:fill / fo:background-color value, or "" for auto, none or anything else.
std::string hex_colour(std::string_view v) {
  if (!v.empty() && v.front() == '#') v.remove_prefix(1);
  if (v.size() != 6) return {};
  for (const char c : v) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return {};
  }
  return "#" + ascii_lower(v);
}

bool on(std::string_view val) { return val != "0" && val != "false" && val != "off"; }

void read_rpr(const pugi::xml_node& rpr, Props& p) {
  for (const auto& c : rpr.children()) {
    const auto n = local(c.name());
    if (n == "b") p.bold = on(attr(c, "val")) ? 1 : 0;
    if (n == "highlight") {
      const std::string v(attr(c, "val"));
      p.highlight = v == "none" ? std::string() : v;
    }
    if (n == "shd") p.shading = hex_colour(attr(c, "fill"));
  }
}

void merge(Props& into, const Props& from) {
  if (from.bold >= 0) into.bold = from.bold;
  if (!from.highlight.empty()) into.highlight = from.highlight;
  if (!from.shading.empty()) into.shading = from.shading;
}

struct Style {
  std::string based_on;
  Props props;
};

class Reader {
 public:
  Document doc;
  std::map<std::string, Style> styles;

  Props style_props(const std::string& id) const {
    std::vector<const Style*> chain;
    std::string at = id;
    for (int guard = 0; guard < 32 && !at.empty(); ++guard) {
      const auto it = styles.find(at);
      if (it == styles.end()) break;
      chain.push_back(&it->second);
      at = it->second.based_on;
    }
    Props p;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) merge(p, (*it)->props);
    return p;
  }

  void body(const pugi::xml_node& node, int depth) {
    if (depth > kMaxDepth) return;
    for (const auto& c : node.children()) {
      const auto n = local(c.name());
      if (n == "p") {
        paragraph(c, depth + 1);
      } else if (n == "tbl") {
        table(c, depth + 1);
      } else if (n == "sdt" || n == "sdtContent" || n == "customXml" || n == "ins" ||
                 n == "moveTo") {
        body(c, depth + 1);
      } else if (n == "commentRangeStart" || n == "commentRangeEnd") {
        comment_mark(c, n);
      }
    }
  }

 private:
  Paragraph* target_ = nullptr;  // inside a table row: the row's paragraph
  std::vector<std::string> open_;

  void comment_mark(const pugi::xml_node& c, std::string_view n) {
    const std::string id(attr(c, "id"));
    if (n == "commentRangeStart") {
      if (std::find(open_.begin(), open_.end(), id) == open_.end()) open_.push_back(id);
    } else {
      open_.erase(std::remove(open_.begin(), open_.end(), id), open_.end());
    }
  }

  void add(Paragraph& p, RunKind kind) {
    Run r;
    r.kind = kind;
    p.runs.push_back(std::move(r));
  }

  void paragraph(const pugi::xml_node& node, int depth) {
    Paragraph own;
    Paragraph& p = target_ != nullptr ? *target_ : own;
    if (target_ != nullptr && !p.runs.empty() && p.runs.back().kind != RunKind::cell_break) {
      add(p, RunKind::line_break);  // the next paragraph of one table cell
    }
    Props base;
    bool section_end = false;
    if (const auto ppr = node.child("w:pPr")) {
      for (const auto& c : ppr.children()) {
        const auto n = local(c.name());
        if (n == "pStyle") base = style_props(std::string(attr(c, "val")));
        if (n == "pageBreakBefore" && on(attr(c, "val"))) add(p, RunKind::page_break);
        if (n == "sectPr") section_end = true;
      }
    }
    inline_content(node, base, p, depth + 1);
    if (section_end) add(p, RunKind::page_break);
    if (target_ == nullptr) doc.paragraphs.push_back(std::move(own));
  }

  void table(const pugi::xml_node& node, int depth) {
    if (depth > kMaxDepth) return;
    for (const auto& row : node.children()) {
      const auto n = local(row.name());
      if (n == "sdt" || n == "sdtContent" || n == "customXml") {
        table(row, depth + 1);
        continue;
      }
      if (n != "tr") continue;
      Paragraph line;
      Paragraph* outer = target_;
      if (outer == nullptr) target_ = &line;
      bool first = true;
      for (const auto& cell : row.children()) {
        if (local(cell.name()) != "tc") continue;
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

  void inline_content(const pugi::xml_node& node, const Props& base, Paragraph& p, int depth) {
    if (depth > kMaxDepth) return;
    for (const auto& c : node.children()) {
      const auto n = local(c.name());
      if (n == "r") {
        run(c, base, p);
      } else if (n == "ins" || n == "moveTo" || n == "hyperlink" || n == "smartTag" ||
                 n == "fldSimple" || n == "customXml" || n == "sdt" || n == "sdtContent" ||
                 n == "dir" || n == "bdo") {
        inline_content(c, base, p, depth + 1);
      } else if (n == "commentRangeStart" || n == "commentRangeEnd") {
        comment_mark(c, n);
      }
      // w:del, w:moveFrom (tracked deletions), w:pPr and anything else: left out.
    }
  }

  void run(const pugi::xml_node& r, const Props& base, Paragraph& p) {
    Props props = base;
    if (const auto rpr = r.child("w:rPr")) {
      if (const auto rs = rpr.child("w:rStyle")) {
        merge(props, style_props(std::string(attr(rs, "val"))));
      }
      read_rpr(rpr, props);
    }
    Run proto;
    proto.bold = props.bold == 1;
    proto.highlight = props.highlight;
    proto.shading = props.shading;
    proto.comments = open_;
    const auto text = [&](std::string_view s) {
      if (!p.runs.empty() && p.runs.back().kind == RunKind::text &&
          p.runs.back().bold == proto.bold && p.runs.back().highlight == proto.highlight &&
          p.runs.back().shading == proto.shading && p.runs.back().comments == proto.comments) {
        p.runs.back().text.append(s);
        return;
      }
      Run x = proto;
      x.text.assign(s);
      p.runs.push_back(std::move(x));
    };
    const auto brk = [&](RunKind kind) {
      Run x = proto;
      x.kind = kind;
      p.runs.push_back(std::move(x));
    };
    for (const auto& c : r.children()) {
      const auto n = local(c.name());
      if (n == "t") {
        text(c.text().get());
      } else if (n == "tab" || n == "ptab") {
        text("\t");
      } else if (n == "noBreakHyphen") {
        text("-");
      } else if (n == "br") {
        brk(attr(c, "type") == "page" ? RunKind::page_break : RunKind::line_break);
      } else if (n == "cr") {
        brk(RunKind::line_break);
      }
      // w:delText, w:instrText, footnote and endnote references, drawings: left out.
    }
  }
};

Result<std::string> read_part(const Archive& zip, const std::string& name) {
  return zip.read(name);
}

// The directory part of a part name ("word/document.xml" → "word/").
std::string folder_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// Targets of the relationships in `rels_part` whose type ends with `type`.
std::vector<std::string> targets(const Archive& zip, const std::string& rels_part,
                                 const std::string& base, std::string_view type,
                                 std::string_view origin) {
  std::vector<std::string> out;
  if (!zip.has(rels_part)) return out;
  auto bytes = zip.read(rels_part);
  if (!bytes) return out;
  pugi::xml_document rels;
  std::string error;
  if (!detail::parse_xml(rels, *bytes, origin, rels_part, error)) return out;
  for (const auto& r : rels.document_element().children()) {
    if (local(r.name()) != "Relationship") continue;
    if (!ends_with(attr(r, "Type"), type) || attr(r, "TargetMode") == "External") continue;
    std::string t(attr(r, "Target"));
    out.push_back(!t.empty() && t.front() == '/' ? t.substr(1) : base + t);
  }
  return out;
}

}  // namespace

Result<Document> read_docx(std::string_view bytes, std::string_view origin) {
  auto zip = Archive::open(bytes, std::string(origin));
  if (!zip) return zip.error();
  std::string main = "word/document.xml";
  if (auto t = targets(*zip, "_rels/.rels", "", "/officeDocument", origin); !t.empty()) {
    main = t.front();
  }
  if (!zip->has(main)) {
    return Error{ErrorKind::invalid_data,
                 format(tr("{1}: not a Word document (.docx): it has no '{2}'"),
                        {std::string(origin), main})};
  }
  const std::string base = folder_of(main);
  const std::string rels = base + "_rels/" + main.substr(base.size()) + ".rels";
  Reader reader;
  std::string error;
  auto parse = [&](pugi::xml_document& doc, const std::string& part) -> Status {
    auto b = read_part(*zip, part);
    if (!b) return b.error();
    if (!detail::parse_xml(doc, *b, origin, part, error)) {
      return Error{ErrorKind::invalid_data, error};
    }
    return Ok{};
  };
  for (const auto& part : targets(*zip, rels, base, "/styles", origin)) {
    if (!zip->has(part)) continue;
    pugi::xml_document doc;
    if (auto st = parse(doc, part); !st) return st.error();
    for (const auto& s : doc.document_element().children()) {
      if (local(s.name()) != "style") continue;
      Style style;
      if (const auto b = s.child("w:basedOn")) style.based_on = attr(b, "val");
      if (const auto rpr = s.child("w:rPr")) read_rpr(rpr, style.props);
      reader.styles[std::string(attr(s, "styleId"))] = std::move(style);
    }
  }
  {
    pugi::xml_document doc;
    if (auto st = parse(doc, main); !st) return st.error();
    const auto body = doc.document_element().child("w:body");
    if (!body) {
      return Error{ErrorKind::invalid_data,
                   format(tr("{1}: not a Word document (.docx): '{2}' has no body"),
                          {std::string(origin), main})};
    }
    reader.body(body, 0);
  }
  for (const auto& part : targets(*zip, rels, base, "/comments", origin)) {
    if (!zip->has(part)) continue;
    pugi::xml_document doc;
    if (auto st = parse(doc, part); !st) return st.error();
    for (const auto& c : doc.document_element().children()) {
      if (local(c.name()) != "comment") continue;
      Comment com{std::string(attr(c, "id")),
                  std::string(attr(c, "author")),
                  std::string(attr(c, "initials")),
                  {}};
      bool first = true;
      for (const auto& p : c.select_nodes(".//*[local-name()='p']")) {
        if (!first) com.text += '\n';
        first = false;
        for (const auto& t : p.node().select_nodes(".//*[local-name()='t']")) {
          com.text += t.node().text().get();
        }
      }
      reader.doc.comments.push_back(std::move(com));
    }
  }
  return std::move(reader.doc);
}

}  // namespace ipcode::office
