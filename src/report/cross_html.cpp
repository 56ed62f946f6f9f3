// out/report.html: all research rounds side by side (action research compares rounds in the
// same structure: "in round 1 no user remembered the brochure; in round 3 all but one did").
// Codebooks change between rounds, so nodes are matched by id; a node missing from a round's
// codebook is "not in the codebook" there, never zero.

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "report_common.hpp"

#include <map>
#include <set>

namespace ipcode::report::detail {
namespace {

struct MergedNode {
  int ref = -1;  // the latest round whose codebook has the node: its label, level, parent
  int index = -1;
  std::string parent;  // parent id in that round ("" for a theme)
};

struct Cross {
  const loader::Study& study;
  std::vector<const loader::RoundData*> rounds;
  std::vector<const condense::RoundAnalysis*> analyses;
  const Options& options;
  std::string lang;
  std::map<std::string, MergedNode> nodes;
  std::map<std::string, std::vector<std::string>> children;  // by parent id, "" = root

  const codebook::Codebook& cb(int k) const {
    return rounds[static_cast<std::size_t>(k)]->codebook;
  }
  const codebook::Node& node(const std::string& id) const {
    const MergedNode& m = nodes.at(id);
    return cb(m.ref).nodes[static_cast<std::size_t>(m.index)];
  }
  int participants(int k) const {
    return static_cast<int>(analyses[static_cast<std::size_t>(k)]->informants.size());
  }
  /// "Runde 1 (r1)" in a table, "runde 1 (r1)" in a sentence; no round id in the final stage.
  std::string round_label(int k, bool in_sentence = false) const {
    const std::string& id = rounds[static_cast<std::size_t>(k)]->spec.id;
    const std::string n = std::to_string(round_position(study, id));
    if (options.stage == Stage::final) {
      return in_sentence ? tf(lang, "round {1}", {n}) : tf(lang, "Round {1}", {n});
    }
    return in_sentence ? tf(lang, "round {1} ({2})", {n, id})
                       : tf(lang, "Round {1} ({2})", {n, id});
  }
};

// The union of the rounds' codebooks: the latest round's order first, then nodes that only
// earlier rounds have, each under its parent.
void merge_codebooks(Cross& x) {
  const int count = static_cast<int>(x.rounds.size());
  for (int k = 0; k < count; ++k) {
    const auto& nodes = x.cb(k).nodes;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const int parent = nodes[i].parent;
      x.nodes[nodes[i].id] = {
          k, static_cast<int>(i),
          parent < 0 ? std::string() : nodes[static_cast<std::size_t>(parent)].id};
    }
  }
  for (int k = count - 1; k >= 0; --k) {
    for (const codebook::Node& n : x.cb(k).nodes) {
      const MergedNode& m = x.nodes[n.id];
      if (m.ref == k) x.children[m.parent].push_back(n.id);
    }
  }
}

struct Cell {
  bool present = false;
  int units = 0;
  int informants = 0;
  int of = 0;
};

Cell cell_of(const Cross& x, int k, const std::string& id) {
  Cell c;
  const int n = x.cb(k).find(id);
  if (n < 0) return c;
  c.present = true;
  c.of = x.participants(k);
  const auto& stats = x.analyses[static_cast<std::size_t>(k)]->nodes;
  if (n < static_cast<int>(stats.size())) {
    c.units = static_cast<int>(stats[static_cast<std::size_t>(n)].units.size());
    c.informants = static_cast<int>(stats[static_cast<std::size_t>(n)].informants.size());
  }
  return c;
}

std::string change_words(const Cross& x, const Cell& before, const Cell& now);

// "100 %" (nb, nn: a no-break space before the sign, as Norwegian typography has it) or "100%".
std::string percent(const Cross& x, long n, long of) {
  const long p = of == 0 ? 0 : (200 * n + of) / (2 * of);  // rounded half up, integers only
  return std::to_string(p) + (x.lang == "en" ? "%" : "\u00a0%");
}

// The change from one round to the next, in words, by the share of participants. The shares
// are printed too: "fell" with more participants than before needs them to make sense.
std::string change(const Cross& x, const Cell& before, const Cell& now) {
  std::string words = change_words(x, before, now);
  const bool same_share = static_cast<long>(now.informants) * before.of ==
                          static_cast<long>(before.informants) * now.of;
  if (before.present && now.present && before.of > 0 && now.of > 0 && !same_share) {
    words += " (" + percent(x, before.informants, before.of) + " \u2192 " +
             percent(x, now.informants, now.of) + ")";
  }
  return words;
}

std::string change_words(const Cross& x, const Cell& before, const Cell& now) {
  if (!now.present) return "\u2013";
  if (!before.present) return i18n::tr_in(x.lang, "new in this round's codebook");
  const std::vector<std::string> args = {std::to_string(before.informants),
                                         std::to_string(before.of), std::to_string(now.informants),
                                         std::to_string(now.of)};
  const long a = static_cast<long>(now.informants) * before.of;
  const long b = static_cast<long>(before.informants) * now.of;
  const bool same_counts = before.informants == now.informants && before.of == now.of;
  if (same_counts || (a == b && before.of > 0 && now.of > 0)) {
    if (same_counts) {
      return tfn(x.lang, "unchanged ({3} of {4} participant)",
                 "unchanged ({3} of {4} participants)", now.of, args);
    }
    return tfn(x.lang, "same share, from {1} of {2} to {3} of {4} participant",
               "same share, from {1} of {2} to {3} of {4} participants", now.of, args);
  }
  const bool rose = before.of == 0 || now.of == 0 ? now.informants > before.informants : a > b;
  if (rose) {
    return tfn(x.lang, "rose from {1} of {2} to {3} of {4} participant",
               "rose from {1} of {2} to {3} of {4} participants", now.of, args);
  }
  return tfn(x.lang, "fell from {1} of {2} to {3} of {4} participant",
             "fell from {1} of {2} to {3} of {4} participants", now.of, args);
}

void add_node(Doc& doc, const Cross& x, const std::string& id, std::set<std::string>& done);

// Codebooks change between rounds: say where a node was called something else.
void add_renames(Doc& doc, const Cross& x, const std::string& id) {
  const std::string& label = x.node(id).label;
  for (int k = 0; k < static_cast<int>(x.rounds.size()); ++k) {
    const int n = x.cb(k).find(id);
    if (n < 0) continue;
    const std::string& then = x.cb(k).nodes[static_cast<std::size_t>(n)].label;
    if (then != label) {
      doc.paragraph(
          {em(tf(x.lang, "Called \u201c{1}\u201d in {2}.", {then, x.round_label(k, true)}))},
          "note");
    }
  }
}

void add_node_body(Doc& doc, const Cross& x, const std::string& id) {
  add_renames(doc, x, id);
  std::vector<std::vector<std::string>> rows;
  Cell before;
  for (int k = 0; k < static_cast<int>(x.rounds.size()); ++k) {
    const Cell c = cell_of(x, k, id);
    std::vector<std::string> row = {x.round_label(k)};
    if (c.present) {
      row.push_back(std::to_string(c.units));
      row.push_back(prevalence(x.lang, c.informants, c.of));
    } else {
      row.push_back("\u2013");
      row.push_back(i18n::tr_in(x.lang, "not in the codebook"));
    }
    row.push_back(k == 0 ? "\u2013" : change(x, before, c));
    rows.push_back(std::move(row));
    before = c;
  }
  doc.table({i18n::tr_in(x.lang, "Round"), i18n::tr_in(x.lang, "Meaning units"),
             i18n::tr_in(x.lang, "Participants"), i18n::tr_in(x.lang, "Change")},
            std::move(rows), "rounds");
  if (x.options.stage == Stage::final) return;
  for (int k = 0; k < static_cast<int>(x.rounds.size()); ++k) {
    const auto& subgroups = x.rounds[static_cast<std::size_t>(k)]->condensation.subgroups;
    const auto it = subgroups.find(id);
    if (it == subgroups.end()) continue;
    if (!trim(it->second.condensate).empty()) {
      doc.paragraph({strong(tf(x.lang, "{1}, condensate:", {x.round_label(k)})),
                     plain(" " + std::string(trim(it->second.condensate)))},
                    "condensate");
    }
    // What the informants said of the finding, in the round it was taken back: the next
    // round's condensate shows how it changed after.
    for (const coding::Feedback& f : it->second.feedback) {
      Inline line = {strong(x.round_label(k) + ": ")};
      for (Span& sp : feedback_line(x.lang, f)) line.push_back(std::move(sp));
      doc.paragraph(std::move(line), "feedback");
    }
  }
}

void add_node(Doc& doc, const Cross& x, const std::string& id, std::set<std::string>& done) {
  if (!done.insert(id).second) return;
  const MergedNode& m = x.nodes.at(id);
  const codebook::Node& n = x.node(id);
  static constexpr const char* kPrefix[] = {"theme-", "group-", "sub-"};
  const int level = static_cast<int>(n.level);
  doc.heading(level + 2, x.cb(m.ref).level_name(n.level, x.lang) + ": " + n.label,
              kPrefix[level] + n.id, node_color(x.cb(m.ref), m.index),
              n.level == codebook::Level::theme ? "theme" : "");
  add_node_body(doc, x, id);
  if (const auto it = x.children.find(id); it != x.children.end()) {
    for (const std::string& child : it->second) add_node(doc, x, child, done);
  }
}

void add_rounds_table(Doc& doc, const Cross& x) {
  doc.heading(2, i18n::tr_in(x.lang, "Rounds"), "rounds");
  std::vector<std::vector<std::string>> rows;
  for (int k = 0; k < static_cast<int>(x.rounds.size()); ++k) {
    const loader::RoundData& r = *x.rounds[static_cast<std::size_t>(k)];
    const std::string version = r.codebook.version.empty() ? "\u2013" : r.codebook.version;
    rows.push_back({x.round_label(k), r.spec.title, r.spec.period,
                    std::to_string(x.participants(k)),
                    tf(x.lang, "{1}, version {2}", {r.codebook.name, version})});
  }
  doc.table(
      {i18n::tr_in(x.lang, "Round"), i18n::tr_in(x.lang, "Title"), i18n::tr_in(x.lang, "Period"),
       i18n::tr_in(x.lang, "Participants"), i18n::tr_in(x.lang, "Codebook")},
      std::move(rows));
}

}  // namespace

}  // namespace ipcode::report::detail

namespace ipcode::report {

std::string cross_report_html(const loader::Study& study,
                              const std::vector<condense::RoundAnalysis>& analyses,
                              const Options& options) {
  using namespace detail;
  Cross x{study, {}, {}, options, i18n::normalise_language(study.manifest.language), {}, {}};
  for (std::size_t k = 0; k < analyses.size(); ++k) {
    const loader::RoundData* r = analyses[k].round;
    if (r == nullptr && k < study.rounds.size()) r = &study.rounds[k];
    if (r == nullptr) continue;
    x.rounds.push_back(r);
    x.analyses.push_back(&analyses[k]);
  }
  merge_codebooks(x);
  Doc doc;
  doc.lang = x.lang;
  doc.title = (study.manifest.title.empty() ? i18n::tr_in(x.lang, "Systematic text condensation")
                                            : study.manifest.title);
  doc.heading(1, doc.title);
  doc.paragraph({strong(i18n::tr_in(x.lang, "All rounds compared"))}, "meta");
  if (!options.date.empty()) {
    doc.paragraph({plain(tf(x.lang, "Date: {1}", {options.date}))}, "meta");
  }
  doc.toc();
  add_rounds_table(doc, x);
  std::set<std::string> done;
  if (const auto it = x.children.find(""); it != x.children.end()) {
    for (const std::string& theme : it->second) add_node(doc, x, theme, done);
  }
  return render_html(doc);
}

}  // namespace ipcode::report
