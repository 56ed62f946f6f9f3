// REFI-QDA export (SPEC §12): the codebook as .qdc, the study as .qdpx. The XML is written as
// text, in the schemas' element order, with attributes in a fixed order, so that the same
// study always gives the same bytes.
#include "codes.hpp"
#include "ipcode/base/hash.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/office/docx_writer.hpp"
#include "ipcode/office/zip_writer.hpp"
#include "ipcode/refi/refi.hpp"

#include <algorithm>
#include <set>

namespace ipcode::refi {
namespace {

using codebook::Codebook;
using loader::RoundData;
using loader::Study;
using namespace detail;

struct Note {
  std::string guid;
  std::string name;
  std::string content;
};

std::string verdict_name(std::string_view lang, coding::Feedback::Verdict v) {
  switch (v) {
    case coding::Feedback::Verdict::agrees:
      return i18n::tr_in(lang, "agrees");
    case coding::Feedback::Verdict::disagrees:
      return i18n::tr_in(lang, "disagrees");
    case coding::Feedback::Verdict::nuances:
      return i18n::tr_in(lang, "nuances");
  }
  return {};
}

// The notes of one node in one round: condensate, analysis, norms, feedback.
void node_notes(const RoundData& round, const codebook::Node& node, std::string_view lang,
                std::vector<Note>& notes, std::vector<std::string>& refs) {
  const std::string where = node.label.empty() ? node.id : node.label;
  const std::string rid = round.spec.id;
  const std::string suffix = " (" + where + ", " + rid + ")";
  const auto add = [&](const std::string& key, const std::string& name,
                       const std::string& content) {
    if (content.empty()) return;
    notes.push_back({guid(key), name + suffix, content});
    refs.push_back(notes.back().guid);
  };
  const std::vector<coding::Norm>* norms = nullptr;
  const std::vector<coding::Feedback>* feedback = nullptr;
  const auto& c = round.condensation;
  if (const auto s = c.subgroups.find(node.id); s != c.subgroups.end()) {
    std::string condensate = s->second.condensate;
    if (!condensate.empty() && !s->second.quote.empty()) {
      condensate +=
          "\n\n" + format(i18n::tr_in(lang, "Illustrative quote: unit {1}"), {s->second.quote});
    }
    add("note:condensate:" + rid + ":" + node.id, i18n::tr_in(lang, "Condensate"), condensate);
    add("note:analysis:" + rid + ":" + node.id, i18n::tr_in(lang, "Analysis"), s->second.analysis);
    norms = &s->second.norms;
    feedback = &s->second.feedback;
  } else if (const auto g = c.groups.find(node.id); g != c.groups.end()) {
    add("note:analysis:" + rid + ":" + node.id, i18n::tr_in(lang, "Analysis"), g->second.analysis);
    norms = &g->second.norms;
    feedback = &g->second.feedback;
  }
  if (norms != nullptr) {
    for (std::size_t i = 0; i < norms->size(); ++i) {
      const auto& n = (*norms)[i];
      std::string content = n.source.empty() ? n.text : n.source + "\n\n" + n.text;
      add("note:norm:" + rid + ":" + node.id + ":" + std::to_string(i + 1),
          i18n::tr_in(lang, "Norm"), content);
    }
  }
  if (feedback != nullptr) {
    for (std::size_t i = 0; i < feedback->size(); ++i) {
      const auto& f = (*feedback)[i];
      std::string head = f.from;
      if (!f.date.empty()) head += ", " + f.date;
      head += ": " + verdict_name(lang, f.verdict);
      add("note:feedback:" + rid + ":" + node.id + ":" + std::to_string(i + 1),
          i18n::tr_in(lang, "Feedback"), f.text.empty() ? head : head + "\n\n" + f.text);
    }
  }
}

std::string source_key(const RoundData& r, const transcript::Transcript& t) {
  return "source:" + r.spec.id + ":" + t.id;
}

// A running count of code points, for positions that mostly go forward.
class Positions {
 public:
  explicit Positions(std::string_view s) : s_(s) {}
  std::size_t at(std::size_t byte) {
    byte = std::min(byte, s_.size());
    if (byte < byte_) {
      byte_ = 0;
      cp_ = 0;
    }
    cp_ += code_points(s_.substr(byte_), byte - byte_);
    byte_ = byte;
    return cp_;
  }

 private:
  std::string_view s_;
  std::size_t byte_ = 0;
  std::size_t cp_ = 0;
};

// The coders in order of first appearance (rounds in order, coding files by path).
std::vector<std::string> coders_of(const Study& study) {
  std::vector<std::string> out;
  for (const auto& r : study.rounds) {
    for (const auto& f : r.coding) {
      if (std::find(out.begin(), out.end(), f.coder) == out.end()) out.push_back(f.coder);
    }
    for (const auto& u : r.units) {
      if (std::find(out.begin(), out.end(), u.coder) == out.end()) out.push_back(u.coder);
    }
  }
  return out;
}

std::string user_guid(const std::string& coder) { return guid("user:" + coder); }

}  // namespace

CoderCodes coder_codes(const Study& study, const loader::Options& options) {
  CoderCodes out;
  const auto coders = coders_of(study);
  if (coders.size() < 2) return out;
  for (const auto& coder : coders) {
    loader::Options one = options;
    one.coder = coder;
    one.hash_inputs = false;
    Diagnostics ignored;
    const Study s = loader::load(study.root, one, ignored);
    for (const auto& r : s.rounds) {
      for (const auto& u : r.units) {
        if (u.transcript < 0 || u.transcript >= static_cast<int>(r.transcripts.size())) continue;
        auto& list = out[{r.spec.id, r.transcripts[u.transcript].id, u.span_begin, u.span_end}];
        for (const int c : u.codes) {
          std::pair<std::string, std::string> given{u.coder, r.codebook.nodes[c].id};
          if (std::find(list.begin(), list.end(), given) == list.end()) list.push_back(given);
        }
      }
    }
  }
  return out;
}

std::vector<Source> sources(const Study& study) {
  std::vector<Source> out;
  for (const auto& r : study.rounds) {
    for (const auto& t : r.transcripts) out.push_back({guid(source_key(r, t)), t.id, t.text});
  }
  return out;
}

// Notes, and the NoteRefs of the codes and units they belong to (the codes' refs go into
// `tree`).
struct Notes {
  std::vector<Note> notes;
  std::map<std::string, std::vector<std::string>> unit_notes;  // selection GUID -> notes
  std::string log_guid;
};

Notes collect_notes(const Study& study, const std::string& lang, CodeTree& tree) {
  Notes result;
  auto& notes = result.notes;
  auto& unit_notes = result.unit_notes;
  auto& log_guid = result.log_guid;
  // A code's inclusion and exclusion criteria: QDA-XML has no place for them but a note.
  for (auto& e : tree.entries) {
    const auto criterion = [&](const char* what, const std::string& name,
                               const std::string& content) {
      if (content.empty()) return;
      notes.push_back(
          {guid("note:" + std::string(what) + ":" + e.key), name + " (" + e.name + ")", content});
      e.notes.push_back(notes.back().guid);
    };
    criterion("include", i18n::tr_in(lang, "Inclusion criterion"), e.include);
    criterion("exclude", i18n::tr_in(lang, "Exclusion criterion"), e.exclude);
  }
  for (const auto& r : study.rounds) {
    for (const auto& n : r.codebook.nodes) {
      const auto it = tree.by_guid.find(guid(code_key(r.codebook, n)));
      if (it == tree.by_guid.end()) continue;
      node_notes(r, n, lang, notes, tree.entries[it->second].notes);
    }
  }
  for (const auto& r : study.rounds) {
    for (const auto& u : r.units) {
      if (u.note().empty()) continue;
      const std::string g = guid("note:unit:" + r.spec.id + ":" + u.id);
      notes.push_back({g, format(i18n::tr_in(lang, "Note on unit {1}"), {u.id}), u.note()});
      unit_notes[guid("selection:" + r.spec.id + ":" + u.id)].push_back(g);
    }
  }
  if (study.has_log && !study.log.empty()) {
    log_guid = guid("note:log");
    notes.push_back({log_guid, i18n::tr_in(lang, "Project log"), study.log});
  }

  return result;
}

// Variables: the informants' role and attributes (manifest order of first appearance).
void write_variables(const study::Manifest& manifest, const std::string& lang, std::string& out) {
  struct Variable {
    std::string key;
    std::string name;
  };
  std::vector<Variable> variables;
  const bool any_role = std::any_of(manifest.informants.begin(), manifest.informants.end(),
                                    [](const study::Informant& i) { return !i.role.empty(); });
  if (any_role) variables.push_back({"variable:informant-role", i18n::tr_in(lang, "role")});
  for (const auto& i : manifest.informants) {
    for (const auto& [k, v] : i.attributes) {
      const std::string key = "variable:" + k;
      const bool known = std::any_of(variables.begin(), variables.end(),
                                     [&](const Variable& x) { return x.key == key; });
      if (!known) variables.push_back({key, k});
    }
  }
  if (!variables.empty()) {
    out += "  <Variables>\n";
    for (const auto& v : variables) {
      out += "    <Variable guid=\"" + guid(v.key) + "\" name=\"" + attr(v.name) +
             "\" typeOfVariable=\"Text\"/>\n";
    }
    out += "  </Variables>\n";
  }
}

// Cases: one per informant (the manifest's, then those only seen in transcripts), with its
// values, its own transcripts, and its units in other transcripts (a focus group).
void write_cases(const Study& study, std::string& out) {
  const auto& manifest = study.manifest;
  std::vector<std::string> informants;
  for (const auto& i : manifest.informants) informants.push_back(i.id);
  for (const auto& r : study.rounds) {
    for (const auto& id : r.informants) {
      if (std::find(informants.begin(), informants.end(), id) == informants.end())
        informants.push_back(id);
    }
  }
  if (!informants.empty()) {
    out += "  <Cases>\n";
    for (const auto& id : informants) {
      out += "    <Case guid=\"" + guid("case:" + id) + "\" name=\"" + attr(id) + "\">\n";
      if (const auto* inf = manifest.informant(id)) {
        const auto value = [&](const std::string& key, const std::string& v) {
          out += "      <VariableValue>\n        <VariableRef targetGUID=\"" + guid(key) +
                 "\"/>\n        <TextValue>" + text(v) + "</TextValue>\n      </VariableValue>\n";
        };
        if (!inf->role.empty()) value("variable:informant-role", inf->role);
        for (const auto& [k, v] : inf->attributes) value("variable:" + k, v);
      }
      for (const auto& r : study.rounds) {
        for (const auto& t : r.transcripts) {
          if (t.informant == id) {
            out += "      <SourceRef targetGUID=\"" + guid(source_key(r, t)) + "\"/>\n";
          }
        }
      }
      for (const auto& r : study.rounds) {
        for (const auto& u : r.units) {
          if (u.informant != id || u.interviewer) continue;
          if (r.transcripts[u.transcript].informant == id) continue;
          out += "      <SelectionRef targetGUID=\"" + guid("selection:" + r.spec.id + ":" + u.id) +
                 "\"/>\n";
        }
      }
      out += "    </Case>\n";
    }
    out += "  </Cases>\n";
  }
}

// Sources: each transcript, its units as selections with their codings; whether there is one.
bool write_sources(const Study& study, const Options& options,
                   const std::map<std::string, std::vector<std::string>>& unit_notes,
                   std::string& out) {
  bool any_source = false;
  for (const auto& r : study.rounds) any_source = any_source || !r.transcripts.empty();
  if (any_source) {
    out += "  <Sources>\n";
    for (const auto& r : study.rounds) {
      // Units are by transcript, then position.
      std::vector<std::vector<const loader::Unit*>> by_transcript(r.transcripts.size());
      for (const auto& u : r.units) {
        if (u.transcript >= 0 && u.transcript < static_cast<int>(r.transcripts.size()))
          by_transcript[u.transcript].push_back(&u);
      }
      for (std::size_t ti = 0; ti < r.transcripts.size(); ++ti) {
        const auto& t = r.transcripts[ti];
        const std::string g = guid(source_key(r, t));
        out += "    <TextSource guid=\"" + g + "\" name=\"" + attr(t.id) +
               "\" plainTextPath=\"internal://" + g + ".txt\"";
        if (by_transcript[ti].empty()) {
          out += "/>\n";
          continue;
        }
        out += ">\n";
        Positions pos(t.text);
        for (const auto* u : by_transcript[ti]) {
          const std::string sel = guid("selection:" + r.spec.id + ":" + u->id);
          const std::size_t start = pos.at(u->span_begin);
          const std::size_t end = pos.at(u->span_end);
          out += "      <PlainTextSelection guid=\"" + sel + "\" name=\"" + attr(u->id) +
                 "\" startPosition=\"" + std::to_string(start) + "\" endPosition=\"" +
                 std::to_string(end) + "\" creatingUser=\"" + user_guid(u->coder) + "\">\n";
          const std::vector<std::pair<std::string, std::string>>* given = nullptr;
          if (options.coders != nullptr) {
            const auto it = options.coders->find({r.spec.id, t.id, u->span_begin, u->span_end});
            if (it != options.coders->end()) given = &it->second;
          }
          for (const int c : u->codes) {
            const auto& node = r.codebook.nodes[c];
            std::vector<std::string> who;
            if (given != nullptr) {
              for (const auto& [coder, code] : *given) {
                if (code == node.id && std::find(who.begin(), who.end(), coder) == who.end())
                  who.push_back(coder);
              }
            }
            if (who.empty()) who.push_back(u->coder);
            for (const auto& coder : who) {
              out += "        <Coding guid=\"" +
                     guid("coding:" + r.spec.id + ":" + u->id + ":" + node.id + ":" + coder) +
                     "\" creatingUser=\"" + user_guid(coder) +
                     "\">\n          <CodeRef targetGUID=\"" + guid(code_key(r.codebook, node)) +
                     "\"/>\n        </Coding>\n";
            }
          }
          if (const auto it = unit_notes.find(sel); it != unit_notes.end()) {
            for (const auto& n : it->second) out += "        <NoteRef targetGUID=\"" + n + "\"/>\n";
          }
          out += "      </PlainTextSelection>\n";
        }
        out += "    </TextSource>\n";
      }
    }
    out += "  </Sources>\n";
  }

  return any_source;
}

// Sets: the rounds, each with its transcripts.
void write_sets(const Study& study, std::string& out) {
  out += "  <Sets>\n";
  for (const auto& r : study.rounds) {
    if (r.transcripts.empty()) continue;
    const std::string name = r.spec.title.empty() ? r.spec.id : r.spec.id + ": " + r.spec.title;
    out += "    <Set guid=\"" + guid("set:" + r.spec.id) + "\" name=\"" + attr(name) + "\">\n";
    if (!r.spec.period.empty()) {
      out += "      <Description>" + text(r.spec.period) + "</Description>\n";
    }
    for (const auto& t : r.transcripts) {
      out += "      <MemberSource targetGUID=\"" + guid(source_key(r, t)) + "\"/>\n";
    }
    out += "    </Set>\n";
  }
  out += "  </Sets>\n";
}

std::string project_qde(const Study& study, const Options& options) {
  const std::string& lang = options.lang;
  const auto& manifest = study.manifest;

  // Codes: the last round's codebook first, so its labels and places win.
  CodeTree tree;
  for (auto r = study.rounds.rbegin(); r != study.rounds.rend(); ++r) tree.add(r->codebook);

  const Notes collected = collect_notes(study, lang, tree);
  const auto& notes = collected.notes;
  const auto& unit_notes = collected.unit_notes;
  const auto& log_guid = collected.log_guid;

  const auto coders = coders_of(study);
  const std::string default_user = "ipcode";
  const std::string first_user = user_guid(coders.empty() ? default_user : coders.front());

  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"" +
         attr(manifest.title.empty() ? std::string("ipcode") : manifest.title) + "\" origin=\"" +
         attr(options.origin) + "\" creatingUserGUID=\"" + first_user + "\">\n";

  // Users: the coders.
  out += "  <Users>\n";
  if (coders.empty()) {
    out += "    <User guid=\"" + first_user + "\" name=\"" + attr(default_user) + "\"/>\n";
  }
  for (const auto& c : coders) {
    out += "    <User guid=\"" + user_guid(c) + "\" name=\"" + attr(c) + "\"/>\n";
  }
  out += "  </Users>\n";

  if (!tree.entries.empty()) {
    out += "  <CodeBook>\n";
    write_codes(tree, 2, true, out);
    out += "  </CodeBook>\n";
  }

  write_variables(manifest, lang, out);

  write_cases(study, out);

  const bool any_source = write_sources(study, options, unit_notes, out);

  if (!notes.empty()) {
    out += "  <Notes>\n";
    for (const auto& n : notes) {
      out += "    <Note guid=\"" + n.guid + "\" name=\"" + attr(n.name) +
             "\">\n      <PlainTextContent>" + text(n.content) +
             "</PlainTextContent>\n    </Note>\n";
    }
    out += "  </Notes>\n";
  }

  if (any_source) write_sets(study, out);
  if (!log_guid.empty()) out += "  <NoteRef targetGUID=\"" + log_guid + "\"/>\n";
  out += "</Project>\n";
  return out;
}

Result<std::string> project_qdpx(const Study& study, const Options& options) {
  office::ZipWriter zip;
  zip.add("project.qde", project_qde(study, options));
  for (auto& s : sources(study)) zip.add("sources/" + s.guid + ".txt", std::move(s.text));
  return zip.finish();
}

}  // namespace ipcode::refi
