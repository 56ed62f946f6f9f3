#include "ipcode/coding/coding.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>
#include <optional>

namespace ipcode::coding {
namespace {

using yaml::Key;

const std::vector<Key> kCodingKeys = {
    {"transcript", {"transkripsjon", "intervju"}},
    {"coder", {"koder"}},
    {"units",
     {"meningsenheter", "meningsenhet", "meningsbærende enheter", "meningsbærende enhet",
      "enheter"}},
};
const std::vector<Key> kUnitKeys = {
    {"id"},
    {"lines", {"linjer", "line", "linje"}},
    {"quote", {"sitat"}},
    {"codes", {"koder", "code", "kode"}},
    {"note", {"notat", "merknad"}},
    {"answers", {"svarer", "svarer på", "svar"}},
    {"normalised", {"normalized", "normalisert", "normalisert sitat", "skriftlig"}},
};
const std::vector<Key> kCondensationKeys = {
    {"round", {"runde"}},
    {"subgroups", {"subgrupper", "undergrupper", "subgruppe", "undergruppe"}},
    {"groups", {"kodegrupper", "kategorier", "underkategorier", "kodegruppe", "kategori"}},
};
const std::vector<Key> kSubgroupKeys = {
    {"condensate", {"kondensat", "kunstig sitat"}},
    {"quote", {"sitat"}},
    {"analysis", {"analyse"}},
    {"norms", {"normer", "idealpraksis"}},
    {"feedback", {"tilbakemelding", "tilbakemeldinger"}},
};
const std::vector<Key> kGroupKeys = {{"analysis", {"analyse"}},
                                     {"norms", {"normer", "idealpraksis"}},
                                     {"feedback", {"tilbakemelding", "tilbakemeldinger"}}};
const std::vector<Key> kFeedbackKeys = {
    {"from", {"fra"}}, {"date", {"dato"}}, {"verdict", {"vurdering", "svar"}}, {"text", {"tekst"}}};
const std::vector<Key> kNormKeys = {{"source", {"kilde"}}, {"text", {"tekst"}}};

Where at(const yaml::Node& n) { return {n.mark.line, n.mark.col}; }

// "5-6", "5–6", "5" or a number. On failure, the message says what is wrong with the value, so
// that no unit with an unusable line number (0, negative, backwards) goes on to the loader.
std::string parse_lines(const yaml::Node& n, UnitSpec& u) {
  const std::string written = n.is_scalar() ? n.scalar : std::string();
  std::string generic =
      format(tr("'lines' must be a line number or a range like 12-14, not '{1}'"), {written});
  if (!n.is_scalar()) return generic;
  std::string s(trim(n.scalar));
  for (const std::string dash : {"–", "—"}) {
    if (auto p = s.find(dash); p != std::string::npos) s.replace(p, dash.size(), "-");
  }
  if (!s.empty() && s.front() == '-') {
    return format(tr("'lines: {1}' is not a line number: lines are counted from 1"), {written});
  }
  const auto parts = split(s, '-');
  if (parts.size() > 2) return generic;
  const auto a = parse_int(trim(parts[0]));
  const auto b = parts.size() == 2 ? parse_int(trim(parts[1])) : a;
  constexpr long kMax = 100'000'000;  // far beyond any transcript; keeps the value in an int
  const auto too_large = [&](std::string_view part, const std::optional<long>& v) {
    part = trim(part);
    const bool digits = !part.empty() && std::all_of(part.begin(), part.end(),
                                                     [](char c) { return c >= '0' && c <= '9'; });
    return digits && (!v || *v > kMax);
  };
  if (too_large(parts[0], a) || (parts.size() == 2 && too_large(parts[1], b))) {
    return format(tr("'lines: {1}' is beyond the end of any transcript; line numbers go up to "
                     "{2} at most"),
                  {written, std::to_string(kMax)});
  }
  if (!a || !b) return generic;
  if (*a < 1 || *b < 1) {
    return format(tr("'lines: {1}' is not a line number: lines are counted from 1"), {written});
  }
  if (*b < *a) {
    return format(tr("'lines: {1}' runs backwards; write the first line first ({2}-{3})"),
                  {written, std::to_string(*b), std::to_string(*a)});
  }
  u.line_from = static_cast<int>(*a);
  u.line_to = static_cast<int>(*b);
  u.has_lines = true;
  return {};
}

// The ideal practice a finding is held against (SPEC §6): a list of {source, text}. A key left
// empty (`norms:` with nothing under it) means no norms, as for feedback.
std::vector<Norm> read_norms(const yaml::Node& n, const std::string& file, Diagnostics& diags) {
  std::vector<Norm> out;
  if (n.is_null()) return out;
  if (!n.is_sequence()) {
    diags.error(file, n.mark.line, n.mark.col,
                tr("'norms' must be a list of {source: ..., text: ...}"));
    return out;
  }
  for (const auto& item : n.items) {
    const auto k = yaml::read_keys(item, kNormKeys, tr("a norm"), file, diags);
    Norm norm;
    norm.source = yaml::as_string(k.count("source") ? k.at("source") : nullptr, file, diags);
    norm.text = yaml::as_string(k.count("text") ? k.at("text") : nullptr, file, diags);
    if (item.is_map() && norm.text.empty()) {
      diags.error(file, item.mark.line, item.mark.col, tr("a norm needs a 'text'"));
    }
    out.push_back(std::move(norm));
  }
  return out;
}

// Member checking, recorded (SPEC §6): who, when, agrees | disagrees | nuances, what.
std::vector<Feedback> read_feedback(const yaml::Node& n, const std::string& file,
                                    Diagnostics& diags) {
  std::vector<Feedback> out;
  if (n.is_null()) return out;
  if (!n.is_sequence()) {
    diags.error(file, n.mark.line, n.mark.col,
                tr("'feedback' must be a list of {from: ..., date: ..., verdict: ..., text: ...}"));
    return out;
  }
  for (const auto& item : n.items) {
    const auto k = yaml::read_keys(item, kFeedbackKeys, tr("a feedback entry"), file, diags);
    if (!item.is_map()) continue;
    const auto get = [&](const char* key) { return k.count(key) ? k.at(key) : nullptr; };
    Feedback f;
    f.at = at(item);
    f.from = yaml::as_string(get("from"), file, diags);
    f.date = yaml::as_string(get("date"), file, diags);
    f.text = yaml::as_string(get("text"), file, diags);
    const std::string verdict = yaml::as_string(get("verdict"), file, diags);
    if (trim(f.from).empty()) {
      diags.error(file, f.at.line, f.at.col,
                  tr("a feedback entry needs 'from': an informant id or a session such as "
                     "dialogsamling-2"));
    }
    if (verdict == "agrees" || verdict == "enig") {
      f.verdict = Feedback::Verdict::agrees;
    } else if (verdict == "disagrees" || verdict == "uenig") {
      f.verdict = Feedback::Verdict::disagrees;
    } else if (verdict == "nuances" || verdict == "nyanserer") {
      f.verdict = Feedback::Verdict::nuances;
    } else {
      const auto& mark = get("verdict") ? get("verdict")->mark : item.mark;
      diags.error(
          file, mark.line, mark.col,
          format(tr("verdict '{1}' is not known; use agrees, disagrees or nuances"), {verdict}));
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

CodingFile parse_coding(std::string_view raw, std::string_view origin, Diagnostics& diags) {
  // Unit ids, codes and quotes are compared after NFC: "B3-å" typed two ways is one id.
  const std::string normalized = text::nfc(raw);
  const std::string_view text = normalized;
  CodingFile f;
  f.path = std::string(origin);
  const std::string& file = f.path;
  yaml::Node root;
  if (!yaml::parse(text, origin, root, diags)) return f;
  if (root.is_null()) {
    diags.error(file, 1, 1, tr("the coding file is empty; it needs 'transcript:' and 'units:'"));
    return f;
  }
  const auto k = yaml::read_keys(root, kCodingKeys, tr("a coding file"), file, diags);
  if (!root.is_map()) return f;
  if (k.count("transcript")) {
    f.transcript = yaml::as_string(k.at("transcript"), file, diags);
    f.transcript_at = at(*k.at("transcript"));
  } else {
    diags.error(file, 1, 1,
                tr("the coding file needs 'transcript:' (the transcript's id, e.g. r1-B1)"));
  }
  f.coder = yaml::as_string(k.count("coder") ? k.at("coder") : nullptr, file, diags, "-");
  if (!k.count("units")) return f;
  const auto& units = *k.at("units");
  if (units.is_null()) return f;
  if (!units.is_sequence()) {
    diags.error(file, units.mark.line, units.mark.col, tr("'units' must be a list"));
    return f;
  }
  const std::string a_unit = tr("a meaning unit");
  for (const auto& item : units.items) {
    const auto uk = yaml::read_keys(item, kUnitKeys, a_unit, file, diags);
    if (!item.is_map()) continue;
    const auto get = [&](const char* key) { return uk.count(key) ? uk.at(key) : nullptr; };
    UnitSpec u;
    u.at = at(item);
    u.id = yaml::as_string(get("id"), file, diags);
    const auto* lines = get("lines");
    if (lines != nullptr) {
      u.lines_at = at(*lines);
      if (const std::string problem = parse_lines(*lines, u); !problem.empty()) {
        diags.error(file, lines->mark.line, lines->mark.col, problem);
      }
    }
    if (const auto* q = get("quote")) {
      u.quote = yaml::as_string(q, file, diags);
      if (trim(u.quote).empty()) u.quote.clear();
      u.quote_at = at(*q);
    }
    if (const auto* codes = get("codes")) {
      u.codes = yaml::as_string_list(codes, file, diags);
      if (codes->is_sequence()) {
        for (const auto& c : codes->items) u.code_marks.push_back(at(c));
      } else {
        u.code_marks.push_back(at(*codes));
      }
    }
    u.note = yaml::as_string(get("note"), file, diags);
    if (const auto* answers = get("answers")) {
      u.answers = yaml::as_string_list(answers, file, diags);
      if (answers->is_sequence()) {
        for (const auto& a : answers->items) u.answer_marks.push_back(at(a));
      } else {
        u.answer_marks.push_back(at(*answers));
      }
    }
    u.normalised = std::string(trim(yaml::as_string(get("normalised"), file, diags)));
    // A unit without an id is named by where it is written (made only for a message).
    const auto name = [&u] {
      return u.id.empty() ? format(tr("the unit at line {1}"), {std::to_string(u.at.line)})
                          : "'" + u.id + "'";
    };
    if (u.codes.empty()) {
      diags.error(file, u.at.line, u.at.col,
                  format(tr("{1} has no 'codes'; add at least one code id"), {name()}));
    }
    // Only a unit with a place to be found goes on to the loader. An unusable 'lines' has
    // its own message above; a unit without it needs a quote.
    if (!u.has_lines && u.quote.empty()) {
      if (lines == nullptr) {
        diags.error(file, u.at.line, u.at.col,
                    format(tr("{1} needs 'lines', 'quote' or both"), {name()}));
      }
      if (!u.id.empty())
        f.unplaced_ids.push_back(u.id);
      else
        f.unplaced_unnamed = true;
      continue;
    }
    f.units.push_back(std::move(u));
  }
  return f;
}

Condensation parse_condensation(std::string_view raw, std::string_view origin, Diagnostics& diags) {
  const std::string normalized = text::nfc(raw);
  const std::string_view text = normalized;
  Condensation c;
  c.path = std::string(origin);
  const std::string& file = c.path;
  yaml::Node root;
  if (!yaml::parse(text, origin, root, diags) || root.is_null()) return c;
  const auto k = yaml::read_keys(root, kCondensationKeys, tr("a condensation file"), file, diags);
  if (!root.is_map()) return c;
  c.round = yaml::as_string(k.count("round") ? k.at("round") : nullptr, file, diags);
  if (k.count("subgroups") && !k.at("subgroups")->is_null()) {
    const auto& subs = *k.at("subgroups");
    if (!subs.is_map()) {
      diags.error(file, subs.mark.line, subs.mark.col,
                  tr("'subgroups' must map subgroup ids to their texts"));
    } else {
      for (const auto& [key, value] : subs.entries) {
        const auto sk = yaml::read_keys(value, kSubgroupKeys, "'" + key.scalar + "'", file, diags);
        const auto get = [&](const char* name) { return sk.count(name) ? sk.at(name) : nullptr; };
        SubgroupText s;
        s.at = at(key);
        s.condensate = yaml::as_string(get("condensate"), file, diags);
        if (get("condensate")) s.condensate_at = at(*get("condensate"));
        s.quote = yaml::as_string(get("quote"), file, diags);
        if (get("quote")) s.quote_at = at(*get("quote"));
        s.analysis = yaml::as_string(get("analysis"), file, diags);
        if (get("analysis")) s.analysis_at = at(*get("analysis"));
        if (get("norms")) s.norms = read_norms(*get("norms"), file, diags);
        if (get("feedback")) s.feedback = read_feedback(*get("feedback"), file, diags);
        if (!c.subgroups.emplace(key.scalar, std::move(s)).second) {
          diags.error(file, key.mark.line, key.mark.col,
                      format(tr("subgroup '{1}' is given twice"), {key.scalar}));
        }
      }
    }
  }
  if (k.count("groups") && !k.at("groups")->is_null()) {
    const auto& groups = *k.at("groups");
    if (!groups.is_map()) {
      diags.error(file, groups.mark.line, groups.mark.col,
                  tr("'groups' must map code group ids to their texts"));
    } else {
      for (const auto& [key, value] : groups.entries) {
        const auto gk = yaml::read_keys(value, kGroupKeys, "'" + key.scalar + "'", file, diags);
        GroupText g;
        g.at = at(key);
        g.analysis =
            yaml::as_string(gk.count("analysis") ? gk.at("analysis") : nullptr, file, diags);
        if (gk.count("analysis")) g.analysis_at = at(*gk.at("analysis"));
        if (gk.count("norms")) g.norms = read_norms(*gk.at("norms"), file, diags);
        if (gk.count("feedback")) g.feedback = read_feedback(*gk.at("feedback"), file, diags);
        if (!c.groups.emplace(key.scalar, std::move(g)).second) {
          diags.error(file, key.mark.line, key.mark.col,
                      format(tr("code group '{1}' is given twice"), {key.scalar}));
        }
      }
    }
  }
  return c;
}

const std::vector<yaml::Key>& coding_keys(CodingMap map) {
  switch (map) {
    case CodingMap::unit:
      return kUnitKeys;
    case CodingMap::condensation:
      return kCondensationKeys;
    case CodingMap::subgroup_text:
      return kSubgroupKeys;
    case CodingMap::group_text:
      return kGroupKeys;
    case CodingMap::norm:
      return kNormKeys;
    case CodingMap::feedback:
      return kFeedbackKeys;
    case CodingMap::coding_file:
      break;
  }
  return kCodingKeys;
}

}  // namespace ipcode::coding
