// The round report (SPEC §10 "Report contents") as a document model: what both report.md
// and report.html say, in codebook order. Stage::final leaves out condensates, drafts, unit
// ids, unsorted lists, the vocabulary check, the appendix and the log, so a student can paste
// the text into a thesis without leaking internal keys.

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/condense/claims.hpp"
#include "ipcode/condense/split.hpp"
#include "report_common.hpp"

#include <algorithm>

namespace ipcode::report::detail {
namespace {

using codebook::Level;

struct Ctx {
  const loader::Study& study;
  const loader::RoundData& round;
  const condense::RoundAnalysis& a;
  const Options& options;
  std::string lang;
  int participants = 0;  // denominator of every prevalence: the analysis' matrix rows
  std::vector<condense::FalseClaim> claims;  // in the analysis texts (working stage only)
  std::vector<condense::Split> splits;       // --split-by, in the order given
  RoleNames names;                           // role_names(), made once for every quote

  bool working() const { return options.stage == Stage::working; }
  const codebook::Codebook& cb() const { return round.codebook; }
  const codebook::Node& node(int n) const { return cb().nodes[static_cast<std::size_t>(n)]; }
  const condense::NodeStats* stats(int n) const {
    return n < static_cast<int>(a.nodes.size()) ? &a.nodes[static_cast<std::size_t>(n)] : nullptr;
  }
  const loader::Unit& unit(int u) const { return round.units[static_cast<std::size_t>(u)]; }
  bool background(const loader::Unit& u) const {
    return u.transcript >= 0 && u.transcript < static_cast<int>(round.transcripts.size()) &&
           round.transcripts[static_cast<std::size_t>(u.transcript)].background;
  }
};

std::string anchor_of(const codebook::Node& n) {
  static constexpr const char* kPrefix[] = {"theme-", "group-", "sub-"};
  return kPrefix[static_cast<int>(n.level)] + n.id;
}

std::string node_heading(const Ctx& c, int n) {
  return c.cb().level_name(c.node(n).level, c.lang) + ": " + c.node(n).label;
}

// Step 2 in numbers: how many units and how many of the round's informants carry the node.
void add_counts(Doc& doc, const Ctx& c, int n) {
  const condense::NodeStats* s = c.stats(n);
  const int units = s ? static_cast<int>(s->units.size()) : 0;
  const int informants = s ? static_cast<int>(s->informants.size()) : 0;
  Inline meta;
  if (const std::string color = node_color(c.cb(), n); !color.empty()) {
    // A coloured square in HTML; a colour code is no text for a reader (nothing in Markdown).
    meta.push_back({Span::Kind::swatch, "", color});
  }
  std::string counts =
      units_text(c.lang, units) + " \u00b7 " + prevalence(c.lang, informants, c.participants);
  // --split-by: the prevalence per group of informants beside the total ("· bruker: 3 av 4,
  // ansatt: 1 av 3").
  for (const condense::Split& split : c.splits) {
    std::vector<std::string> parts;
    for (std::size_t v = 0; v < split.values.size(); ++v) {
      const std::string& value = split.values[v];
      const int with = static_cast<std::size_t>(n) < split.cells.size()
                           ? split.cells[static_cast<std::size_t>(n)][v]
                           : 0;
      parts.push_back(tf(c.lang, "{1}: {2} of {3}",
                         {value == condense::kNoValue ? i18n::tr_in(c.lang, "not given") : value,
                          std::to_string(with), std::to_string(split.participants[v])}));
    }
    counts += " \u00b7 " + join(parts, ", ");
  }
  meta.push_back(plain(std::move(counts)));
  doc.paragraph(std::move(meta), "meta");
}

void add_norms(Doc& doc, const Ctx& c, const std::vector<coding::Norm>& norms) {
  for (const coding::Norm& norm : norms) {
    const std::string source(trim(norm.source));
    doc.norm(source.empty() ? i18n::tr_in(c.lang, "Ideal practice")
                            : tf(c.lang, "Ideal practice: {1}", {source}),
             std::string(trim(norm.text)));
  }
}

// Working stage: how the final report will attribute quotes, said once rather than under
// every quote.
void add_attribution_note(Doc& doc, const Ctx& c) {
  std::string text;
  switch (c.study.manifest.attribution) {
    case study::Attribution::id:
      text = i18n::tr_in(c.lang,
                         "Each quote is followed by its unit id and its place in the transcript; "
                         "the final report attributes quotes by that place "
                         "(report.attribution: id).");
      break;
    case study::Attribution::role:
    case study::Attribution::pseudonym:
      text = tf(c.lang,
                "Each quote is followed by its unit id, its place in the transcript and, "
                "last, the attribution the final report prints (report.attribution: {1}).",
                {std::string(study::attribution_name(c.study.manifest.attribution))});
      break;
    case study::Attribution::none:
      text = i18n::tr_in(c.lang,
                         "Each quote is followed by its unit id and its place in the transcript; "
                         "the final report prints quotes without attribution "
                         "(report.attribution: none).");
      break;
  }
  doc.paragraph({plain(text)}, "note");
}

void add_header(Doc& doc, const Ctx& c) {
  doc.heading(1, doc.title);
  doc.paragraph({strong(round_caption(c.study, c.round.spec, c.options.stage))}, "meta");
  if (!c.round.spec.period.empty()) {
    doc.paragraph({plain(tf(c.lang, "Period: {1}", {c.round.spec.period}))}, "meta");
  }
  if (!c.options.date.empty()) {
    doc.paragraph({plain(tf(c.lang, "Date: {1}", {c.options.date}))}, "meta");
  }
  const std::string version = c.cb().version.empty() ? "\u2013" : c.cb().version;
  doc.paragraph({plain(tf(c.lang, "Codebook: {1}, version {2}", {c.cb().name, version}))}, "meta");
  if (c.working()) {
    doc.paragraph({strong(i18n::tr_in(c.lang, "Working version:")),
                   plain(" " + i18n::tr_in(c.lang,
                                           "contains unit ids, drafts and internal notes. Use "
                                           "--stage final for text to publish."))},
                  "note");
    add_attribution_note(doc, c);
  }
  doc.toc();
}

std::string rounds_taken_part(const Ctx& c, const std::string& id) {
  std::vector<std::string> rounds;
  for (const loader::RoundData& r : c.study.rounds) {
    if (std::find(r.informants.begin(), r.informants.end(), id) != r.informants.end()) {
      rounds.push_back(std::to_string(round_position(c.study, r.spec.id)));
    }
  }
  return join(rounds, ", ");
}

// The sample (utvalg) as theses describe it: role, attributes, rounds taken part in.
void add_sample(Doc& doc, const Ctx& c) {
  doc.heading(2, i18n::tr_in(c.lang, "Sample"), "sample");
  const auto& informants = c.a.informants;  // the participants every prevalence counts
  std::vector<std::string> keys;
  for (const std::string& id : informants) {
    if (const study::Informant* inf = c.study.manifest.informant(id)) {
      for (const auto& [key, value] : inf->attributes) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
      }
    }
  }
  const bool named = c.working() || c.study.manifest.attribution == study::Attribution::id ||
                     c.study.manifest.attribution == study::Attribution::pseudonym;
  std::vector<std::string> header;
  if (named) header.push_back(i18n::tr_in(c.lang, "Participant"));
  header.push_back(i18n::tr_in(c.lang, "Role"));
  // Attribute keys are written in lower case in ipcode.yaml ("kjønn"); a column header
  // starts with a capital like every other header.
  for (const std::string& key : keys) header.push_back(capitalised(key));
  header.push_back(i18n::tr_in(c.lang, "Rounds"));
  std::vector<std::vector<std::string>> rows;
  const RoleNames names = role_names(c.study, c.lang);
  for (const std::string& id : informants) {
    std::vector<std::string> row;
    if (named) row.push_back(informant_name(c.study, id, c.options.stage, &names));
    row.push_back(role_of(c.study, c.lang, id));
    const study::Informant* inf = c.study.manifest.informant(id);
    for (const std::string& key : keys) {
      std::string value;
      if (inf != nullptr) {
        for (const auto& [k, v] : inf->attributes) {
          if (k == key) value = v;
        }
      }
      row.push_back(value);
    }
    row.push_back(rounds_taken_part(c, id));
    rows.push_back(std::move(row));
  }
  doc.paragraph(
      {plain(tfn(c.lang, "{1} participant in this round.", "{1} participants in this round.",
                 c.participants, {std::to_string(c.participants)}))});
  if (!rows.empty()) doc.table(std::move(header), std::move(rows));
}

// The quote in the manifest's typography (report.quotes): an indented block without marks,
// or a paragraph in «…» or ”…” with the attribution after it.
void add_quote_text(Doc& doc, const Ctx& c, const std::string& text, const Inline& attribution) {
  const study::QuoteStyle style = c.study.manifest.quotes;
  if (style == study::QuoteStyle::block) {
    doc.quote(text, attribution);
    return;
  }
  const bool guillemets = style == study::QuoteStyle::guillemets;
  Inline line = {
      plain((guillemets ? "\u00ab" : "\u201d") + text + (guillemets ? "\u00bb" : "\u201d"))};
  if (!attribution.empty()) {
    line.push_back(plain(" \u2014 "));
    line.insert(line.end(), attribution.begin(), attribution.end());
  }
  doc.paragraph(std::move(line), "quote");
}

void add_quote(Doc& doc, const Ctx& c, const coding::SubgroupText* text, bool has_units) {
  const int q = text != nullptr && !text->quote.empty() ? c.round.find_unit(text->quote) : -1;
  if (q < 0) {
    if (c.working() && has_units) {
      doc.paragraph({em(i18n::tr_in(c.lang, "No illustrative quote chosen yet."))}, "note");
    }
    return;
  }
  const loader::Unit& u = c.unit(q);
  const Inline attribution = quote_attribution(c.study, c.round, u, c.options.stage, &c.names);
  if (c.background(u)) {
    // Background material may be coded and counted but is never quoted (SPEC §3); the final
    // report says nothing, the working report says why the quote is missing.
    if (c.working()) {
      Inline note = attribution;
      note.push_back(plain(": "));
      note.push_back(em(i18n::tr_in(c.lang,
                                    "the quote is left out because its transcript is "
                                    "background material (background: true), which is "
                                    "never quoted.")));
      doc.paragraph(std::move(note), "note");
    }
    return;
  }
  // The written-bokmål layer (SPEC §5 `normalised`): the final report shows it; the working
  // report shows it under the verbatim quote, so that a supervisor can judge the rendering.
  const std::string& shown = !c.working() && !u.normalised().empty() ? u.normalised() : u.text;
  add_quote_text(doc, c, shown, attribution);
  if (!c.working() && !u.normalised().empty()) return;
  if (c.working() && !u.normalised().empty()) {
    doc.paragraph({strong(i18n::tr_in(c.lang, "Written rendering (final report):")),
                   plain(" " + u.normalised())},
                  "note");
  }
}

// The analysis text, and in the working stage a note under it for each "N av M" claim the
// counts do not bear out (the same finding as `ipcode check`).
void add_analysis(Doc& doc, const Ctx& c, int n, bool group_text, const std::string& text,
                  const std::vector<coding::Feedback>& feedback) {
  doc.text(text, "analysis");
  // Member checking, beside the finding (working stage).
  if (c.working()) {
    for (const coding::Feedback& f : feedback) doc.paragraph(feedback_line(c.lang, f), "feedback");
  }
  for (const condense::FalseClaim& f : c.claims) {
    if (f.node != n || f.group_text != group_text) continue;
    const std::string counts =
        f.role.empty() ? tf(c.lang, "{1} of {2} participants have units here",
                            {std::to_string(f.actual), std::to_string(f.of)})
                       : tf(c.lang, "{1} of {2} informants with the role '{3}' have units here",
                            {std::to_string(f.actual), std::to_string(f.of), f.role});
    doc.paragraph(
        {strong(i18n::tr_in(c.lang, "Check the number:")),
         plain(" " + tf(c.lang, "the analysis says '{1}', but {2}.", {f.phrase, counts}))},
        "warning");
  }
}

// Steps 3–4 for one subgroup: condensate (or draft), quote, norms, analysis.
void add_subgroup(Doc& doc, const Ctx& c, int n) {
  const codebook::Node& node = c.node(n);
  doc.heading(4, node_heading(c, n), anchor_of(node), node_color(c.cb(), n));
  add_counts(doc, c, n);
  const condense::NodeStats* s = c.stats(n);
  const bool has_units = s != nullptr && !s->units.empty();
  // A working note for step 4 (drop or strengthen the subgroup), not a sentence for a thesis.
  if (c.working() && std::find(c.a.weakly_anchored.begin(), c.a.weakly_anchored.end(), n) !=
                         c.a.weakly_anchored.end()) {
    doc.paragraph({strong(i18n::tr_in(c.lang, "Weakly anchored:")),
                   plain(" " + i18n::tr_in(c.lang, "all units come from one participant."))},
                  "warning");
  }
  const auto it = c.round.condensation.subgroups.find(node.id);
  const coding::SubgroupText* text =
      it == c.round.condensation.subgroups.end() ? nullptr : &it->second;
  if (text != nullptr) add_norms(doc, c, text->norms);
  if (c.working() && has_units) {
    std::vector<std::string> ids;
    for (const int u : s->units) ids.push_back(c.unit(u).id);
    doc.paragraph({plain(i18n::tr_in(c.lang, "Units:") + " "), code(join(ids, ", "))}, "meta");
  }
  if (c.working() && text != nullptr && !trim(text->condensate).empty()) {
    doc.paragraph({strong(i18n::tr_in(c.lang, "Condensate:")),
                   plain(" " + std::string(trim(text->condensate)))},
                  "condensate");
  } else if (c.working()) {
    if (const auto d = c.a.drafts.find(n); d != c.a.drafts.end() && d->second.text.empty()) {
      doc.paragraph({em(i18n::tr_in(c.lang,
                                    "No draft: the units of this subgroup are in background "
                                    "material or have no words, and background material is "
                                    "never quoted."))},
                    "note");
    } else if (d != c.a.drafts.end()) {
      doc.paragraph({strong(i18n::tr_in(c.lang,
                                        "DRAFT (machine-made, not written by the "
                                        "researcher):")),
                     plain(" " + d->second.text)},
                    "draft");
      if (!d->second.unit_ids.empty()) {
        doc.blocks.back().inlines.push_back(em(" (" + join(d->second.unit_ids, ", ") + ")"));
      }
    }
  }
  add_quote(doc, c, text, has_units);
  if (text != nullptr) add_analysis(doc, c, n, false, text->analysis, text->feedback);
}

// Whether the node has anything to show in the final stage: units, or text the researcher
// wrote for it, or a child that has. A heading over nothing but "0 meningsenheter" is not
// a finding a thesis reports. The working stage shows every node (the empty ones are work
// still to do).
bool shown(const Ctx& c, int n) {
  if (c.working()) return true;
  const codebook::Node& node = c.node(n);
  const condense::NodeStats* s = c.stats(n);
  if (s != nullptr && !s->units.empty()) return true;
  if (node.level == Level::subgroup) {
    const auto it = c.round.condensation.subgroups.find(node.id);
    if (it != c.round.condensation.subgroups.end() &&
        (!trim(it->second.analysis).empty() || !it->second.norms.empty())) {
      return true;
    }
  } else if (node.level == Level::group) {
    const auto it = c.round.condensation.groups.find(node.id);
    if (it != c.round.condensation.groups.end() &&
        (!trim(it->second.analysis).empty() || !it->second.norms.empty())) {
      return true;
    }
  }
  return std::any_of(node.children.begin(), node.children.end(),
                     [&](int child) { return shown(c, child); });
}

void add_unsorted(Doc& doc, const Ctx& c, int group) {
  const auto it = c.a.unsorted.find(group);
  if (it == c.a.unsorted.end() || it->second.empty()) return;
  doc.paragraph(
      {strong(tfn(c.lang, "Not sorted into a subgroup ({1} unit):",
                  "Not sorted into a subgroup ({1} units):", static_cast<long>(it->second.size()),
                  {std::to_string(it->second.size())}))},
      "unsorted");
  std::vector<Inline> items;
  const std::string pattern = reference_pattern(c.lang);
  const std::string background = "(" + i18n::tr_in(c.lang, "background material, not quoted") + ")";
  for (const int u : it->second) {
    const loader::Unit& unit = c.unit(u);
    if (c.background(unit)) {  // never quoted (SPEC §3): the reference only
      items.push_back(
          {code(unit.id), plain(" \u00b7 " + reference_with(pattern, unit) + " "), em(background)});
      continue;
    }
    items.push_back(
        {code(unit.id), plain(" \u00b7 " + reference_with(pattern, unit) + ": " + unit.text)});
  }
  doc.list(std::move(items));
}

void add_group(Doc& doc, const Ctx& c, int g) {
  const codebook::Node& node = c.node(g);
  doc.heading(3, node_heading(c, g), anchor_of(node), node_color(c.cb(), g));
  add_counts(doc, c, g);
  const auto it = c.round.condensation.groups.find(node.id);
  if (it != c.round.condensation.groups.end()) {
    add_norms(doc, c, it->second.norms);
    add_analysis(doc, c, g, true, it->second.analysis, it->second.feedback);
  }
  for (const int child : node.children) {
    if (shown(c, child)) add_subgroup(doc, c, child);
  }
  if (c.working()) add_unsorted(doc, c, g);
}

// The codebook's analytic questions (working stage): for each, the units that answer it
// grouped by the codes they carry (codebook order), and the participants silent on it.
void add_questions(Doc& doc, const Ctx& c) {
  const auto& questions = c.cb().questions;
  if (questions.empty()) return;
  doc.heading(2, i18n::tr_in(c.lang, "Analytic questions"), "questions");
  const std::string pattern = reference_pattern(c.lang);
  const std::string background = "(" + i18n::tr_in(c.lang, "background material, not quoted") + ")";
  for (std::size_t q = 0; q < questions.size(); ++q) {
    const codebook::Question& question = questions[q];
    doc.heading(3, question.id + ": " + question.text, "question-" + question.id);
    std::vector<std::string> belongs;
    for (const std::string& id : question.nodes) {
      if (const int n = c.cb().find(id); n >= 0) belongs.push_back(c.node(n).label);
    }
    if (!belongs.empty()) {
      doc.paragraph({plain(i18n::tr_in(c.lang, "Belongs to:") + " " + join(belongs, ", "))},
                    "meta");
    }
    std::vector<int> answering;  // counted units that answer it, unit order
    for (const int u : c.a.counted) {
      const auto& answers = c.unit(u).answers();
      if (std::find(answers.begin(), answers.end(), static_cast<int>(q)) != answers.end())
        answering.push_back(u);
    }
    if (answering.empty()) {
      doc.paragraph({em(i18n::tr_in(c.lang, "No unit answers this question yet."))}, "note");
    }
    for (std::size_t n = 0; n < c.cb().nodes.size(); ++n) {
      std::vector<Inline> items;
      for (const int u : answering) {
        const loader::Unit& unit = c.unit(u);
        if (std::find(unit.codes.begin(), unit.codes.end(), static_cast<int>(n)) ==
            unit.codes.end())
          continue;
        if (c.background(unit)) {  // never quoted (SPEC §3): the reference only
          items.push_back({code(unit.id), plain(" \u00b7 " + reference_with(pattern, unit) + " "),
                           em(background)});
          continue;
        }
        items.push_back(
            {code(unit.id), plain(" \u00b7 " + reference_with(pattern, unit) + ": " + unit.text)});
      }
      if (items.empty()) continue;
      doc.paragraph({strong(node_heading(c, static_cast<int>(n)))});
      doc.list(std::move(items));
    }
    std::vector<std::string> silent;
    for (const std::string& informant : c.a.informants) {
      const bool spoke = std::any_of(answering.begin(), answering.end(),
                                     [&](int u) { return c.unit(u).informant == informant; });
      if (!spoke) silent.push_back(informant);
    }
    if (!silent.empty()) {
      doc.paragraph({strong(i18n::tr_in(c.lang, "Silent on it:")), plain(" " + join(silent, ", "))},
                    "meta");
    }
  }
}

void add_themes(Doc& doc, const Ctx& c) {
  for (const int t : c.cb().of_level(Level::theme)) {
    if (!shown(c, t)) continue;
    doc.heading(2, node_heading(c, t), anchor_of(c.node(t)), node_color(c.cb(), t), "theme");
    add_counts(doc, c, t);
    for (const int g : c.node(t).children) {
      if (shown(c, g)) add_group(doc, c, g);
    }
  }
}

}  // namespace

Doc round_doc(const loader::Study& study, const loader::RoundData& round,
              const condense::RoundAnalysis& a, const Options& options) {
  Ctx c{study,
        round,
        a,
        options,
        i18n::normalise_language(study.manifest.language),
        static_cast<int>(a.informants.size()),
        {},
        {},
        {}};
  c.names = role_names(study, c.lang);
  if (c.working()) c.claims = condense::check_claims(a, study.manifest.informants);
  for (const std::string& attr : options.split_by) {
    c.splits.push_back(condense::split_by(a, study.manifest.informants, attr));
  }
  Doc doc;
  doc.lang = c.lang;
  doc.title = study.manifest.title.empty() ? i18n::tr_in(c.lang, "Systematic text condensation")
                                           : study.manifest.title;
  add_header(doc, c);
  add_sample(doc, c);
  add_themes(doc, c);
  if (c.working()) add_questions(doc, c);
  add_matrix(doc, study, round, a, options.stage);
  add_validation(doc, study, round, a, options.stage);
  if (c.working()) {
    add_appendix(doc, study, round);
    if (study.has_log) add_log(doc, study);
  }
  return doc;
}

}  // namespace ipcode::report::detail
