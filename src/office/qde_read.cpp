// Reading a REFI-QDA project (.qdpx archive, project.qde XML) into the neutral model (qde.hpp).
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/office/archive.hpp"
#include "ipcode/office/qde.hpp"
#include "xml.hpp"

#include <set>

namespace ipcode::office::qde {
namespace {

using detail::attr;
using detail::kMaxDepth;
using detail::local;

// Positions above this are nonsense for a text (a transcript is far below 4 GiB).
constexpr std::int64_t kMaxPosition = std::int64_t{1} << 40;

Error bad(const std::string& origin, const std::string& why) {
  return Error{ErrorKind::invalid_data, origin + ": " + why};
}

// The text of the first child element with this local name, or "".
std::string child_text(const pugi::xml_node& node, std::string_view name) {
  for (const auto& c : node.children()) {
    if (c.type() == pugi::node_element && local(c.name()) == name) return c.child_value();
  }
  return {};
}

class Reader {
 public:
  explicit Reader(Project& p) : p_(p) {}

  // An empty string when all is well, else a translated message (without the origin).
  std::string read(const pugi::xml_node& root) {
    for (const auto& part : root.children()) {
      if (part.type() != pugi::node_element) continue;
      const auto n = local(part.name());
      if (n == "Users") {
        for (const auto& u : part.children()) {
          if (local(u.name()) != "User") continue;
          p_.users.push_back(User{std::string(attr(u, "guid")), std::string(attr(u, "id")),
                                  std::string(attr(u, "name"))});
        }
      } else if (n == "CodeBook") {
        for (const auto& codes : part.children()) {
          if (local(codes.name()) != "Codes") continue;
          if (auto why = read_codes(codes, p_.codes, 1); !why.empty()) return why;
        }
      } else if (n == "Sources") {
        for (const auto& s : part.children()) {
          if (s.type() != pugi::node_element) continue;
          if (auto why = read_source(s); !why.empty()) return why;
        }
      } else if (n == "Notes") {
        for (const auto& note : part.children()) {
          if (local(note.name()) != "Note") continue;
          p_.notes.push_back(
              Note{std::string(attr(note, "guid")), std::string(attr(note, "name"))});
        }
      } else if (n == "Sets") {
        p_.sets += count(part, "Set");
      } else if (n == "Cases") {
        p_.cases += count(part, "Case");
      } else if (n == "Variables") {
        p_.variables += count(part, "Variable");
      } else if (n == "Graphs") {
        p_.graphs += count(part, "Graph");
      } else if (n == "Links") {
        p_.links += count(part, "Link");
      }
    }
    return {};
  }

 private:
  static int count(const pugi::xml_node& list, std::string_view name) {
    int n = 0;
    for (const auto& c : list.children()) n += local(c.name()) == name ? 1 : 0;
    return n;
  }

  std::string read_codes(const pugi::xml_node& parent, std::vector<Code>& out, int depth) {
    for (const auto& c : parent.children()) {
      if (local(c.name()) != "Code") continue;
      if (depth > kMaxDepth) {
        return format(tr("the code tree is nested deeper than {1} levels"),
                      {std::to_string(kMaxDepth)});
      }
      Code code;
      code.guid = attr(c, "guid");
      code.name = attr(c, "name");
      code.codable = attr(c, "isCodable") != "false" && attr(c, "isCodable") != "0";
      code.color = attr(c, "color");
      code.description = child_text(c, "Description");
      if (!code.guid.empty() && !guids_.insert(ascii_lower(code.guid)).second) {
        return format(tr("two codes have the guid {1} (a code inside itself, or a copy): the code "
                         "tree cannot be read"),
                      {code.guid});
      }
      if (auto why = read_codes(c, code.children, depth + 1); !why.empty()) return why;
      out.push_back(std::move(code));
    }
    return {};
  }

  std::string position(const pugi::xml_node& sel, std::string_view name, std::int64_t& out) {
    const std::string_view v = attr(sel, name);
    std::int64_t n = 0;
    bool ok = !v.empty();
    for (const char c : v) {
      if (c < '0' || c > '9' || n > kMaxPosition) {
        ok = false;
        break;
      }
      n = n * 10 + (c - '0');
    }
    if (!ok || n > kMaxPosition) {
      return format(tr("the selection '{1}' ({2}) has {3}=\"{4}\", which is not a position (a "
                       "whole number from 0)"),
                    {std::string(attr(sel, "name")), std::string(attr(sel, "guid")),
                     std::string(name), std::string(v)});
    }
    out = n;
    return {};
  }

  std::string read_source(const pugi::xml_node& s) {
    Source src;
    src.kind = local(s.name());
    src.guid = attr(s, "guid");
    src.name = attr(s, "name");
    src.plain_text_path = attr(s, "plainTextPath");
    for (const auto& c : s.children()) {
      if (c.type() != pugi::node_element) continue;
      const auto n = local(c.name());
      if (n == "PlainTextContent") {
        src.text = c.child_value();
        src.has_text = src.kind == "TextSource";
      } else if (n == "PlainTextSelection") {
        Selection sel;
        sel.guid = attr(c, "guid");
        sel.name = attr(c, "name");
        sel.creating_user = attr(c, "creatingUser");
        if (auto why = position(c, "startPosition", sel.start); !why.empty()) return why;
        if (auto why = position(c, "endPosition", sel.end); !why.empty()) return why;
        for (const auto& coding : c.children()) {
          if (local(coding.name()) != "Coding") continue;
          for (const auto& ref : coding.children()) {
            if (local(ref.name()) != "CodeRef") continue;
            sel.codings.push_back(Coding{std::string(attr(coding, "guid")),
                                         std::string(attr(coding, "creatingUser")),
                                         std::string(attr(ref, "targetGUID"))});
          }
        }
        src.selections.push_back(std::move(sel));
      } else if (n.ends_with("Selection")) {
        ++src.other_selections;
      }
    }
    p_.sources.push_back(std::move(src));
    return {};
  }

  Project& p_;
  std::set<std::string> guids_;
};

// The archive entry a plainTextPath names: internal:// (or no scheme) under sources/ or
// Sources/ (any case), or the name as it stands; empty when there is none.
std::string entry_for(const Archive& a, std::string_view path) {
  if (path.starts_with("internal://")) path.remove_prefix(11);
  const std::string want = ascii_lower(path);
  for (const auto& name : a.names()) {
    const std::string lower = ascii_lower(name);
    if (lower == "sources/" + want || lower == want) return name;
  }
  return {};
}

}  // namespace

Result<Project> parse_qde(std::string_view xml, const std::string& origin) {
  pugi::xml_document doc;
  std::string error;
  if (!detail::parse_xml(doc, xml, origin, ".qde", error)) {
    return Error{ErrorKind::invalid_data, error};
  }
  const auto root = doc.document_element();
  if (root.empty() || local(root.name()) != "Project") {
    return bad(origin, tr("the .qde file is not a REFI-QDA project (its root element is not "
                          "'Project')"));
  }
  Project p;
  p.name = attr(root, "name");
  p.origin = attr(root, "origin");
  Reader r(p);
  if (auto why = r.read(root); !why.empty()) return bad(origin, why);
  return p;
}

Result<Project> read_qdpx(std::string_view bytes, const std::string& origin) {
  auto archive = Archive::open(bytes, origin);
  if (!archive) return archive.error();
  std::vector<std::string> qde;
  for (const auto& name : archive->names()) {
    if (ascii_lower(name).ends_with(".qde")) qde.push_back(name);
  }
  if (qde.empty()) {
    return bad(origin, tr("the archive has no .qde file (project.qde): it is not a REFI-QDA "
                          "project (.qdpx)"));
  }
  if (qde.size() > 1) {
    return bad(origin, format(tr("the archive has several .qde files ({1}); a REFI-QDA project has "
                                 "one"),
                              {join(qde, ", ")}));
  }
  auto xml = archive->read(qde.front());
  if (!xml) return xml.error();
  auto project = parse_qde(*xml, origin);
  if (!project) return project.error();
  project->qde_entry = qde.front();
  for (auto& s : project->sources) {
    if (s.kind != "TextSource" || s.has_text) continue;
    const std::string_view path = s.plain_text_path;
    if (path.empty()) {
      s.why_no_text = tr("it has neither plainTextPath nor PlainTextContent");
    } else if (path.starts_with("relative://") || path.starts_with("absolute://")) {
      s.why_no_text = format(tr("its text is outside the archive ({1})"), {s.plain_text_path});
    } else if (const auto entry = entry_for(*archive, path); entry.empty()) {
      s.why_no_text = format(tr("the archive lacks its text {1}"), {s.plain_text_path});
    } else {
      auto text = archive->read(entry);
      if (!text) return text.error();
      s.text = std::move(*text);
      s.has_text = true;
    }
  }
  return project;
}

}  // namespace ipcode::office::qde
