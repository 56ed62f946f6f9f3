// Member-check letters (`condense --member-check`, SPEC §10): for one informant, in plain
// language, the passages of their own interview that the analysis uses and what the
// researcher wrote about each subgroup they contributed to, with a short request to say
// whether the researcher understood them right. Nothing another informant said may be in
// it: only the informant's own units (and none whose lines reach into another informant's
// turn, as in a focus group), and of the researcher's texts only the condensate as written —
// never a draft (made of units' sentences), an illustrative quote or an analysis text
// (docs/decisions.md, "Member check").

#include "docx_render.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <algorithm>
#include <set>

namespace ipcode::report::detail {
namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

// Whether a line of the unit is in another informant's turn.
bool reaches_others(const transcript::Transcript& t, const loader::Unit& u,
                    const std::string& informant) {
  for (int n = u.line_start; n <= u.line_end; ++n) {
    const std::string_view speaker = t.speaker_of(n);
    if (!speaker.empty() && speaker != informant && !t.interviewer_at(n)) return true;
  }
  return false;
}

enum class Shown { yes, not_theirs, shared_lines };

// A unit the letter may show: the informant's own, not the interviewer's, not from background
// material (never quoted), and every line of it in the informant's turns (or an
// interviewer's, or in no turn).
Shown shows(const loader::RoundData& round, const loader::Unit& u, const std::string& informant) {
  if (u.informant != informant || u.interviewer) return Shown::not_theirs;
  if (u.transcript < 0 || u.transcript >= static_cast<int>(round.transcripts.size()))
    return Shown::not_theirs;
  const transcript::Transcript& t = round.transcripts[at(u.transcript)];
  if (t.background) return Shown::not_theirs;
  return reaches_others(t, u, informant) ? Shown::shared_lines : Shown::yes;
}

// "side 2, linje 14–16": plain words, no abbreviations. When the letter quotes more than one
// conversation (an interview and a focus group), each place names its conversation first:
// the transcript's `source` (else "interview") and its date ("fokusgruppe 2025-03-02, side 1,
// linje 8").
std::string place(const std::string& lang, const loader::RoundData& round, const loader::Unit& u,
                  bool name_conversation) {
  const std::string page = std::to_string(u.page_start);
  std::string out = u.line_end <= u.line_start
                        ? tf(lang, "page {1}, line {2}", {page, std::to_string(u.line_start)})
                        : tf(lang, "page {1}, lines {2}\u2013{3}",
                             {page, std::to_string(u.line_start), std::to_string(u.line_end)});
  if (!name_conversation) return out;
  const transcript::Transcript& t = round.transcripts[at(u.transcript)];
  std::string what(trim(t.source));
  if (what.empty()) what = i18n::tr_in(lang, "interview");
  if (!trim(t.date).empty()) what += " " + std::string(trim(t.date));
  return what + ", " + out;
}

using Stems = std::set<std::string>;

void add_stems(Stems& into, std::string_view text) {
  for (std::string& s : text::content_stems(text)) into.insert(std::move(s));
}

// Whether the condensate holds a word (content word, by stem) of a unit of the subgroup that
// the letter does not show (another informant's, or one running into another informant's
// turn) and of none of the units it shows: a condensate is often an artificial quotation
// built from several informants' sentences, and those words must not reach this informant.
bool holds_others_words(const loader::RoundData& round, const condense::NodeStats& stats,
                        const std::string& informant, const Stems& own,
                        std::string_view condensate) {
  Stems others;
  for (const int u : stats.units) {
    const loader::Unit& unit = round.units[at(u)];
    if (shows(round, unit, informant) != Shown::yes) add_stems(others, unit.own_words());
  }
  for (const std::string& s : text::content_stems(condensate)) {
    if (others.count(s) != 0 && own.count(s) == 0) return true;
  }
  return false;
}

}  // namespace

std::string member_check_file(const std::string& informant) {
  std::string out;
  for (const char c : informant) {
    const auto b = static_cast<unsigned char>(c);
    out += (c == '/' || c == '\\' || b < 0x20 || b == 0x7f) ? '_' : c;
  }
  if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
  return out;
}

std::vector<std::string> member_check_informants(const loader::Study& /*study*/,
                                                 const loader::RoundData& round,
                                                 const condense::RoundAnalysis& a) {
  std::vector<std::string> out;
  for (const std::string& id : a.informants) {
    const bool any = std::any_of(round.units.begin(), round.units.end(), [&](const auto& u) {
      return !u.codes.empty() && shows(round, u, id) == Shown::yes;
    });
    if (any) out.push_back(id);
  }
  return out;
}

Doc member_check_doc(const loader::Study& study, const loader::RoundData& round,
                     const condense::RoundAnalysis& a, const std::string& informant) {
  Doc doc;
  doc.lang = i18n::normalise_language(study.manifest.language);
  const std::string& lang = doc.lang;
  const codebook::Codebook& cb = round.codebook;
  const std::string title = i18n::tr_in(lang, "Did I understand you correctly?");
  doc.title = title + " \u2013 " + informant;
  doc.heading(1, title);
  doc.paragraph({plain(informant + " \u00b7 " + round_caption(study, round.spec, Stage::final))},
                "meta");
  doc.text(i18n::tr_in(lang,
                       "Thank you for taking part in the interview. I have read through what you "
                       "told me and picked out the parts I use in my analysis. Below you find "
                       "them, sorted under the topics I have grouped them in, and after each "
                       "topic what I have written about it. I would like to know whether I have "
                       "understood you correctly: is something wrong, is something missing, or "
                       "would you put it differently?"));

  // Each node the informant's units are coded with, in codebook order; under it their units.
  std::vector<std::vector<int>> by_node(cb.nodes.size());
  long left_out = 0;
  for (std::size_t i = 0; i < round.units.size(); ++i) {
    const loader::Unit& u = round.units[i];
    const Shown s = shows(round, u, informant);
    if (s == Shown::shared_lines && !u.codes.empty()) ++left_out;
    if (s != Shown::yes) continue;
    for (const int n : u.codes) {
      if (n >= 0 && at(n) < by_node.size()) by_node[at(n)].push_back(static_cast<int>(i));
    }
  }
  std::set<int> conversations;
  for (const auto& units : by_node) {
    for (const int u : units) conversations.insert(round.units[at(u)].transcript);
  }
  // The informant's own words: those of the units the letter shows (a unit of theirs that
  // runs into another informant's turn holds that informant's words too).
  Stems own;
  for (const loader::Unit& u : round.units) {
    if (shows(round, u, informant) == Shown::yes) add_stems(own, u.own_words());
  }
  for (std::size_t n = 0; n < cb.nodes.size(); ++n) {
    if (by_node[n].empty()) continue;
    const codebook::Node& node = cb.nodes[n];
    doc.heading(2, node.label);
    doc.paragraph({strong(i18n::tr_in(lang, "What you said"))});
    for (const int u : by_node[n]) {
      const loader::Unit& unit = round.units[at(u)];
      doc.quote(unit.text, {plain(place(lang, round, unit, conversations.size() > 1))});
    }
    // The condensate as the researcher wrote it (never a draft: its sentences are units,
    // possibly another informant's).
    if (node.level != codebook::Level::subgroup) continue;
    const auto it = round.condensation.subgroups.find(node.id);
    if (it == round.condensation.subgroups.end()) continue;
    const std::string_view condensate = trim(it->second.condensate);
    if (condensate.empty()) continue;
    const bool shared = n < a.nodes.size() &&
                        std::any_of(a.nodes[n].informants.begin(), a.nodes[n].informants.end(),
                                    [&](const auto& i) { return i != informant; });
    if (shared && holds_others_words(round, a.nodes[n], informant, own, condensate)) {
      doc.paragraph({em(i18n::tr_in(lang,
                                    "What I have written about this also uses other "
                                    "participants' words, so it is not shown here."))},
                    "note");
      continue;
    }
    doc.paragraph({strong(shared ? i18n::tr_in(lang,
                                               "What I have written about this, from what you "
                                               "and others told me")
                                 : i18n::tr_in(lang,
                                               "What I have written about this, from what you "
                                               "told me"))});
    doc.text(condensate, "condensate");
  }
  if (left_out > 0) {
    doc.paragraph({plain(tfn(lang,
                             "{1} part of a conversation where other participants speak too is "
                             "not included here.",
                             "{1} parts of a conversation where other participants speak too are "
                             "not included here.",
                             left_out, {std::to_string(left_out)}))},
                  "note");
  }
  doc.text(i18n::tr_in(lang,
                       "You can write your comments straight into this document, or tell me "
                       "when we talk. Thank you for your help!"));
  return doc;
}

}  // namespace ipcode::report::detail
