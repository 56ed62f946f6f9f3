// The study's manifest (SPEC §2) and the condensation file for steps 3–4 (SPEC §6).
#include "benchgen.hpp"

namespace benchgen {
namespace {

constexpr std::size_t kUnitsPerCondensate = 3;
constexpr std::size_t kCondensateWords = 70;

const char* const kRoles[] = {"bruker", "bruker", "bruker", "ansatt", "pårørende"};
const char* const kAges[] = {"20-29", "30-39", "40-49", "50-59", "60-69"};

const char* const kAnalysis[] = {
    "Informantene beskrev dette som noe som skjedde med dem, ikke noe de selv var med på å "
    "bestemme.",
    "Flere fortalte at det tok lang tid før noen hørte på dem, og at de måtte gjenta det samme "
    "til nye ansatte.",
    "Erfaringene spriker: noen opplevde støtte og trygghet, mens andre følte seg alene med "
    "ansvaret.",
    "Det går igjen at planen ble opplevd som et papir for tjenestene mer enn som et verktøy for "
    "brukeren.",
};

template <std::size_t N>
std::size_t count_of(const char* const (&)[N]) {
  return N;
}

}  // namespace

void Condensation::add(const Unit& u) {
  // A condensate is the researcher's own words: a gap mark is not part of them.
  std::string text = u.quote;
  for (auto at = text.find(" (…)"); at != std::string::npos; at = text.find(" (…)"))
    text.erase(at, std::string_view(" (…)").size());
  for (const int c : u.codes) {
    auto& e = by_node[static_cast<std::size_t>(c)];
    if (e.unit_ids.size() < kUnitsPerCondensate) {
      e.unit_ids.push_back(u.id);
      e.quotes.push_back(text);
    }
  }
}

std::string render_manifest(const Options& o) {
  std::string out =
      "# Syntetisk studie for ytelsestesten (SPEC §13), laget av ipcode_benchgen.\n"
      "# Alt innhold er generert: ingen virkelige personer eller intervjuer.\n"
      "ipcode: 1\n"
      "title: \"Ytelsestest: syntetiske intervjuer om individuell plan og brukermedvirkning\"\n"
      "language: nb\ncodebook: codebook.yaml\noutput: out\ninformants:\n";
  for (int n = 1; n <= o.transcripts; ++n) {
    Rng rng(stream_seed(o.seed, 0x1000000ULL + static_cast<std::uint64_t>(n)));
    out += "  - id: B" + std::to_string(n) + "\n    role: " + kRoles[rng.below(count_of(kRoles))] +
           "\n    attributes: {kjønn: " + (rng.chance(50) ? "K" : "M") +
           ", alder: " + kAges[rng.below(count_of(kAges))] + "}\n";
  }
  out +=
      "rounds:\n"
      "  - id: r1\n"
      "    title: Første runde\n"
      "    period: 2024-01..2024-06\n"
      "    transcripts: transcripts/r1/*.txt\n"
      "    coding: coding/r1/*.yaml\n"
      "    condensation: condensation/r1.yaml\n"
      "report:\n  attribution: role\n";
  return out;
}

// Step 3 (condensates, built only from the subgroup's own units, as Malterud asks) for about
// half the subgroups, and step 4 analysis texts for about half the code groups.
std::string render_condensation(const Codebook& cb, const Condensation& c, Rng& rng) {
  std::string out = "# Trinn 3–4 for runde 1 (syntetisk).\nround: r1\nsubgroups:\n";
  bool any = false;
  for (const int s : cb.subgroups) {
    const auto& e = c.by_node[static_cast<std::size_t>(s)];
    if (e.unit_ids.empty() || !rng.chance(50)) continue;
    std::string text;
    std::size_t words = 0;
    for (const auto& q : e.quotes) {
      std::size_t pos = 0;
      while (pos < q.size() && words < kCondensateWords) {
        auto sp = q.find(' ', pos);
        if (sp == std::string::npos) sp = q.size();
        text += (text.empty() ? "" : " ") + q.substr(pos, sp - pos);
        ++words;
        pos = sp + 1;
      }
      if (!text.empty() && text.back() != '.' && text.back() != '?') text += '.';
    }
    out += "  " + cb.nodes[static_cast<std::size_t>(s)].id + ":\n";
    out += "    condensate: " + yaml_quote(capitalise(text)) + "\n";
    out += "    quote: " + e.unit_ids.front() + "\n";
    out += "    analysis: " + yaml_quote(kAnalysis[rng.below(count_of(kAnalysis))]) + "\n";
    any = true;
  }
  if (!any) out += "  {}\n";
  out += "groups:\n";
  any = false;
  for (const int g : cb.groups) {
    if (!rng.chance(50)) continue;
    out += "  " + cb.nodes[static_cast<std::size_t>(g)].id + ":\n";
    out += "    analysis: " + yaml_quote(kAnalysis[rng.below(count_of(kAnalysis))]) + "\n";
    any = true;
  }
  if (!any) out.resize(out.size() - 8);  // drop the empty "groups:" key
  return out;
}

}  // namespace benchgen
