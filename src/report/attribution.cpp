// How quotes and informants are named in reports (SPEC §2 `report.attribution`, §10 stages).
// Step 4 publishes authentic illustrative quotes; the final stage must never leak internal
// keys the researcher did not choose, so every name an informant gets in a report comes from
// here.

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "report_common.hpp"

#include <algorithm>
#include <map>

namespace ipcode::report::detail {
namespace {

const study::Informant* find_informant(const loader::Study& study, const std::string& id) {
  return study.manifest.informant(id);
}

// Whether the study has more than one round ("runde 1" tells nothing when there is one).
bool several_rounds(const loader::Study& study) {
  return std::max(study.manifest.rounds.size(), study.rounds.size()) > 1;
}

std::string role_attribution(const loader::Study& study, const loader::RoundData& round,
                             const loader::Unit& unit, const std::string& lang,
                             const RoleNames* names) {
  const std::string role = unit.interviewer ? i18n::tr_in(lang, "interviewer")
                                            : numbered_role(study, lang, unit.informant, names);
  if (!several_rounds(study)) return role;
  return tf(lang, "{1}, round {2}", {role, std::to_string(round_position(study, round.spec.id))});
}

}  // namespace

int round_position(const loader::Study& study, const std::string& round_id) {
  const auto& listed = study.manifest.rounds;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    if (listed[i].id == round_id) return static_cast<int>(i) + 1;
  }
  for (std::size_t i = 0; i < study.rounds.size(); ++i) {
    if (study.rounds[i].spec.id == round_id) return static_cast<int>(i) + 1;
  }
  return 1;
}

std::string round_caption(const loader::Study& study, const study::Round& round, Stage stage) {
  const std::string lang = i18n::normalise_language(study.manifest.language);
  const std::string n = std::to_string(round_position(study, round.id));
  std::string caption = stage == Stage::final ? tf(lang, "Round {1}", {n})
                                              : tf(lang, "Round {1} ({2})", {n, round.id});
  if (!round.title.empty()) caption += ": " + round.title;
  return caption;
}

std::string reference_pattern(const std::string& lang) {
  return i18n::tr_in(lang, "{1} p.{2} l.{3}");
}

std::string reference_with(const std::string& pattern, const loader::Unit& unit) {
  return format(pattern, {unit.informant, range_text(unit.page_start, unit.page_end),
                          range_text(unit.line_start, unit.line_end)});
}

std::string reference(const std::string& lang, const loader::Unit& unit) {
  return reference_with(reference_pattern(lang), unit);
}

std::string role_of(const loader::Study& study, const std::string& lang, const std::string& id) {
  const study::Informant* inf = find_informant(study, id);
  if (inf != nullptr && !trim(inf->role).empty()) return std::string(trim(inf->role));
  return i18n::tr_in(lang, "participant");
}

RoleNames role_names(const loader::Study& study, const std::string& lang) {
  // Everyone the study knows: the manifest's informants and every round's, so that an
  // informant keeps the same number in every round and every output. One pass over the
  // manifest (its lookup by id is linear) and one sort: a study may have a thousand people.
  std::map<std::string, std::string> role;  // id -> role as written, or "deltaker"
  const std::string none = i18n::tr_in(lang, "participant");
  for (const study::Informant& inf : study.manifest.informants) {
    const std::string_view r = trim(inf.role);
    role.emplace(inf.id, r.empty() ? none : std::string(r));
  }
  for (const loader::RoundData& r : study.rounds) {
    for (const std::string& id : r.informants) role.emplace(id, none);
  }
  std::map<std::string, std::vector<std::string>> sharing;  // role -> ids
  for (const auto& [id, r] : role) sharing[r].push_back(id);
  RoleNames names;
  for (auto& [r, ids] : sharing) {
    std::sort(ids.begin(), ids.end(),
              [](const std::string& a, const std::string& b) { return natural_less(a, b); });
    for (std::size_t i = 0; i < ids.size(); ++i) {
      names[ids[i]] = ids.size() < 2 ? r : r + " " + std::to_string(i + 1);
    }
  }
  return names;
}

std::string numbered_role(const loader::Study& study, const std::string& lang,
                          const std::string& id, const RoleNames* names) {
  if (names == nullptr) {
    const RoleNames made = role_names(study, lang);
    return numbered_role(study, lang, id, &made);
  }
  const auto it = names->find(id);
  return it != names->end() ? it->second : role_of(study, lang, id);
}

std::string chosen_attribution(const loader::Study& study, const loader::RoundData& round,
                               const loader::Unit& unit, const RoleNames* names) {
  const std::string lang = i18n::normalise_language(study.manifest.language);
  switch (study.manifest.attribution) {
    case study::Attribution::id:
      return reference(lang, unit);
    case study::Attribution::role:
      return role_attribution(study, round, unit, lang, names);
    case study::Attribution::pseudonym: {
      const study::Informant* inf = find_informant(study, unit.informant);
      if (unit.interviewer || inf == nullptr || trim(inf->pseudonym).empty()) {
        return role_attribution(study, round, unit, lang, names);
      }
      const std::string name(trim(inf->pseudonym));
      if (trim(inf->role).empty()) return tf(lang, "\u201c{1}\u201d", {name});
      return tf(lang, "\u201c{1}\u201d, {2}", {name, std::string(trim(inf->role))});
    }
    case study::Attribution::none:
      return {};
  }
  return {};
}

Inline quote_attribution(const loader::Study& study, const loader::RoundData& round,
                         const loader::Unit& unit, Stage stage, const RoleNames* names) {
  const std::string lang = i18n::normalise_language(study.manifest.language);
  const std::string chosen = chosen_attribution(study, round, unit, names);
  if (stage == Stage::final) {
    if (chosen.empty()) return {};
    return {plain(chosen)};
  }
  // Working stage: the researcher needs the way back to the transcript (unit id and
  // reference) and a preview of what the final report will print; what that preview is, is
  // said once at the top of the report.
  Inline out = {code(unit.id), plain(" \u00b7 " + reference(lang, unit))};
  if (study.manifest.attribution == study::Attribution::role ||
      study.manifest.attribution == study::Attribution::pseudonym) {
    out.push_back(plain(" \u00b7 " + chosen));
  }
  return out;
}

std::string informant_name(const loader::Study& study, const std::string& id, Stage stage,
                           const RoleNames* names) {
  if (stage == Stage::working) return id;
  const std::string lang = i18n::normalise_language(study.manifest.language);
  const auto role = [&]() { return numbered_role(study, lang, id, names); };
  switch (study.manifest.attribution) {
    case study::Attribution::id:
      return id;
    case study::Attribution::pseudonym: {
      const study::Informant* inf = find_informant(study, id);
      if (inf != nullptr && !trim(inf->pseudonym).empty()) return std::string(trim(inf->pseudonym));
      return role();
    }
    case study::Attribution::role:
      return role();
    case study::Attribution::none:
      return {};
  }
  return {};
}

}  // namespace ipcode::report::detail
