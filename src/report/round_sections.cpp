// The round report's sections after the codebook tree: the informant × theme matrix, the
// validation status (step 4: recontextualisation), the traceability appendix and the project
// log.

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/parallel.hpp"
#include "ipcode/base/strings.hpp"
#include "report_common.hpp"

#include <algorithm>
#include <utility>

namespace ipcode::report::detail {
namespace {

std::string lang_of(const loader::Study& study) {
  return i18n::normalise_language(study.manifest.language);
}

// The transcript a unit is in, or null when it is not known.
const transcript::Transcript* transcript_of(const loader::RoundData& round, const loader::Unit& u) {
  const bool known = u.transcript >= 0 && u.transcript < static_cast<int>(round.transcripts.size());
  return known ? &round.transcripts[static_cast<std::size_t>(u.transcript)] : nullptr;
}

// Two lines of context before and after the unit, never into the front matter; no lines
// when the unit's lines are not in its transcript.
std::pair<int, int> excerpt_span(const transcript::Transcript* t, const loader::Unit& u) {
  if (t == nullptr || u.line_start < 1 || u.line_end > t->line_count()) return {1, 0};
  return {std::max({1, t->front_matter_end + 1, u.line_start - 2}),
          std::min(t->line_count(), u.line_end + 2)};
}

std::string codes_of(const loader::RoundData& round, const loader::Unit& u) {
  std::vector<std::string> ids;
  for (const int code : u.codes) {
    if (code >= 0 && code < static_cast<int>(round.codebook.nodes.size())) {
      ids.push_back(round.codebook.nodes[static_cast<std::size_t>(code)].id);
    }
  }
  return join(ids, ", ");
}

}  // namespace

// Step 2's overview matrix, as the theses drew it by hand: informants × themes.
void add_matrix(Doc& doc, const loader::Study& study, const loader::RoundData& round,
                const condense::RoundAnalysis& a, Stage stage) {
  const std::string lang = lang_of(study);
  const std::string theme_name = round.codebook.level_name(codebook::Level::theme, lang);
  doc.heading(2, tf(lang, "Matrix: participants \u00d7 {1}", {ascii_lower(theme_name)}), "matrix");
  Heatmap h;
  h.caption = tf(lang, "Meaning units per participant and {1}", {ascii_lower(theme_name)});
  h.corner = i18n::tr_in(lang, "Participant");
  h.legend = i18n::tr_in(lang, "number of meaning units");
  const std::vector<int> themes = round.codebook.of_level(codebook::Level::theme);
  for (const int t : themes)
    h.columns.push_back(round.codebook.nodes[static_cast<std::size_t>(t)].label);
  const RoleNames names = role_names(study, lang);  // once, not once per row
  for (std::size_t i = 0; i < a.informants.size(); ++i) {
    std::string name = informant_name(study, a.informants[i], stage, &names);
    if (name.empty()) name = tf(lang, "participant {1}", {std::to_string(i + 1)});
    h.rows.push_back(std::move(name));
    std::vector<int> counts;
    for (const int t : themes) {
      int n = 0;
      if (i < a.cells.size() && static_cast<std::size_t>(t) < a.cells[i].size()) {
        n = static_cast<int>(a.cells[i][static_cast<std::size_t>(t)].size());
      }
      counts.push_back(n);
    }
    h.counts.push_back(std::move(counts));
  }
  Block b;
  b.kind = Block::Kind::heatmap;
  b.heatmap = std::make_shared<const Heatmap>(std::move(h));
  doc.blocks.push_back(std::move(b));
}

// Step 4, recontextualisation: every quote was found verbatim (the loader refuses a study
// where one is not), and condensates keep to the informants' own words.
void add_validation(Doc& doc, const loader::Study& study, const loader::RoundData& round,
                    const condense::RoundAnalysis& a, Stage stage) {
  const std::string lang = lang_of(study);
  doc.heading(2, i18n::tr_in(lang, "Validation"), "validation");
  const long quotes = std::count_if(round.units.begin(), round.units.end(),
                                    [](const loader::Unit& u) { return u.has_quote; });
  if (quotes == 0) {
    doc.paragraph({plain(i18n::tr_in(lang,
                                     "No meaning unit has a written quote; the units are "
                                     "given by line numbers only."))});
  } else {
    doc.paragraph({plain(tfn(lang, "The {1} quote was found verbatim in the transcripts.",
                             "All {1} quotes were found verbatim in the transcripts.", quotes,
                             {std::to_string(quotes)}))});
  }
  // Member checking as the manifest records it (SPEC §2), in both stages: a methods chapter
  // reports it either way.
  if (const std::string_view mc = trim(study.manifest.member_check); !mc.empty()) {
    doc.paragraph({strong(i18n::tr_in(lang, "Member checking:")), plain(" " + std::string(mc))});
  }
  if (stage == Stage::final) return;
  doc.heading(3, i18n::tr_in(lang, "Vocabulary check"), "vocabulary");
  doc.paragraph({plain(i18n::tr_in(lang,
                                   "Words in a condensate that occur in none of the "
                                   "subgroup's meaning units (condensates should use the "
                                   "participants' own words):"))});
  std::vector<Inline> items;
  for (const auto& [node, words] : a.foreign_words) {
    if (words.empty() || node < 0 || node >= static_cast<int>(round.codebook.nodes.size())) {
      continue;
    }
    items.push_back({strong(round.codebook.nodes[static_cast<std::size_t>(node)].label),
                     plain(": " + join(words, ", "))});
  }
  if (items.empty()) {
    doc.paragraph({em(i18n::tr_in(lang, "None found."))});
  } else {
    doc.list(std::move(items));
  }
}

// Traceability: every unit back to informant, transcript, page and line, with context. The
// excerpts themselves are made when the report is rendered (for_each_excerpt).
void add_appendix(Doc& doc, const loader::Study& study, const loader::RoundData& round) {
  const std::string lang = lang_of(study);
  doc.heading(2, i18n::tr_in(lang, "Appendix: traceability"), "appendix");
  doc.paragraph({plain(i18n::tr_in(lang,
                                   "Every meaning unit with two lines of context before "
                                   "and after; the unit's own lines are marked \u25b6."))});
  Block b;
  b.kind = Block::Kind::appendix;
  b.round = &round;
  doc.blocks.push_back(std::move(b));
}

namespace {

// What every excerpt of a round shares: its labels, translated once (the loops below run
// once per unit of the round).
struct ExcerptLabels {
  explicit ExcerptLabels(const std::string& lang)
      : page(i18n::tr_in(lang, "p. {1}")),
        lines(i18n::tr_in(lang, "l. {1}")),
        codes(" \u00b7 " + i18n::tr_in(lang, "codes:") + " "),
        background(" (" + i18n::tr_in(lang, "background material, not quoted") + ")") {}
  std::string page, lines, codes, background;
};

// A context line of more words than this is shortened towards the unit: a transcript typed with
// a paragraph per turn would otherwise put whole turns around every unit (docs/decisions.md).
constexpr std::size_t kContextWords = 40;

// Context line `n` before (or after) the unit: whole, or its speaker label and its last (or
// first) kContextWords words, the words split at spaces and tabs.
ExcerptLine context_line(const transcript::Transcript& t, int n, bool before) {
  ExcerptLine l{n, t.line_text(n), false, {}, false, false};
  const transcript::Line* line = t.line(n);
  const auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  const std::string_view all(t.text);
  const std::size_t speech = std::clamp<std::size_t>(line->speech_begin, line->begin, line->end);
  const std::string_view words = all.substr(speech, line->end - speech);
  // Most lines are short: more than kContextWords words take at least 2 * kContextWords + 1
  // bytes, and fewer blanks than words kept means nothing to cut either.
  if (words.size() <= 2 * kContextWords) return l;
  if (std::count(words.begin(), words.end(), ' ') + std::count(words.begin(), words.end(), '\t') <
      static_cast<std::ptrdiff_t>(kContextWords))
    return l;
  // The word starts, up to one more than are kept, from the end kept.
  std::size_t count = 0;
  std::size_t cut = std::string_view::npos;
  if (before) {
    for (std::size_t i = words.size(); i > 0; --i) {
      if (!is_blank(words[i - 1]) && (i == 1 || is_blank(words[i - 2]))) {
        if (++count > kContextWords) break;
        cut = i - 1;
      }
    }
  } else {
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (!is_blank(words[i]) && (i == 0 || is_blank(words[i - 1]))) {
        if (++count > kContextWords) {
          cut = i;
          break;
        }
      }
    }
  }
  if (count <= kContextWords) return l;
  l.label = all.substr(line->begin, speech - line->begin);
  if (before) {
    l.text = words.substr(cut);
    l.cut_start = true;
  } else {
    std::size_t end = cut;
    while (end > 0 && is_blank(words[end - 1])) --end;
    l.text = words.substr(0, end);
    l.cut_end = true;
  }
  return l;
}

// Fills `b` (an excerpt block, reused) for unit `u`.
void fill_excerpt(const loader::RoundData& round, const loader::Unit& u, const ExcerptLabels& l,
                  Block& b) {
  const transcript::Transcript* t = transcript_of(round, u);
  std::string where = " \u00b7 " + u.informant;
  if (t != nullptr) where += " \u00b7 " + t->id;
  where += " \u00b7 " + format(l.page, {range_text(u.page_start, u.page_end)});
  where += " \u00b7 " + format(l.lines, {range_text(u.line_start, u.line_end)}) + l.codes;
  b.inlines = {code(u.id), plain(std::move(where)), code(codes_of(round, u))};
  if (t != nullptr && t->background) b.inlines.push_back(em(l.background));
  b.lines.clear();
  if (t != nullptr && t->background) return;  // never quoted (SPEC §3): the reference only
  const auto [first, last] = excerpt_span(t, u);
  for (int n = first; n <= last; ++n) {
    if (n >= u.line_start && n <= u.line_end) {
      b.lines.push_back({n, t->line_text(n), true, {}, false, false});  // the unit's own: whole
    } else {
      b.lines.push_back(context_line(*t, n, n < u.line_start));
    }
  }
}

}  // namespace

void for_each_excerpt(const std::string& lang, const Block& appendix,
                      const std::function<void(const Block&)>& take) {
  if (appendix.round == nullptr) return;
  const loader::RoundData& round = *appendix.round;
  const ExcerptLabels labels(lang);
  Block b;  // one block, refilled for every unit
  b.kind = Block::Kind::excerpt;
  for (const loader::Unit& u : round.units) {
    fill_excerpt(round, u, labels, b);
    take(b);
  }
}

void for_each_excerpt_text(const std::string& lang, const Block& appendix,
                           const std::function<void(const Block&, std::string&)>& render,
                           const std::function<bool(std::string&)>& take) {
  if (appendix.round == nullptr) return;
  const loader::RoundData& round = *appendix.round;
  const ExcerptLabels labels(lang);
  // A batch's texts are held until handed on: a few megabytes at most.
  constexpr std::size_t kBatch = 2048;
  constexpr std::size_t kSlice = 64;  // units a worker takes at a time
  std::vector<std::string> texts(std::min(kBatch, round.units.size()));       // reused: no new
  for (std::size_t first = 0; first < round.units.size(); first += kBatch) {  // allocation
    const std::size_t count = std::min(kBatch, round.units.size() - first);
    for (std::size_t i = 0; i < count; ++i) texts[i].clear();
    parallel_for((count + kSlice - 1) / kSlice, [&](std::size_t slice) {
      Block b;
      b.kind = Block::Kind::excerpt;
      const std::size_t end = std::min(count, (slice + 1) * kSlice);
      for (std::size_t i = slice * kSlice; i < end; ++i) {
        fill_excerpt(round, round.units[first + i], labels, b);
        render(b, texts[i]);
      }
    });
    for (std::size_t i = 0; i < count; ++i) {
      if (!take(texts[i])) return;
    }
  }
}

void add_log(Doc& doc, const loader::Study& study) {
  doc.heading(2, i18n::tr_in(lang_of(study), "Project log"), "log");
  Block b;
  b.kind = Block::Kind::markdown;
  b.text = study.log;
  doc.blocks.push_back(std::move(b));
}

}  // namespace ipcode::report::detail
