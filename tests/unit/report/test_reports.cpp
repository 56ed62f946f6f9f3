// Unit tests for the round reports (report.md, report.html) and the cross-round report
// (SPEC §10 "Report contents"). The study, round data and analysis are built by hand, so the
// tests do not depend on the loader or on condense.

#include "../support/codebook_builder.hpp"
#include "ipcode/base/diagnostic.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/report/report.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace report = ipcode::report;
namespace loader = ipcode::loader;
namespace condense = ipcode::condense;
namespace cb = ipcode::codebook;
using cb::Level;

namespace {

bool has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

int node(cb::Codebook& book, const std::string& id, const std::string& label, Level level,
         int parent = -1, const std::string& color = {}) {
  return ipcode::test::add_node(book, id, label, level, parent, color);
}

// 0 inngaaelse → 1 samtykke → 2 underskrift, 3 brosjyre; 4 samarbeid → 5 koordinering → 6 bakgrunn
cb::Codebook codebook() {
  cb::Codebook book;
  book.name = "individuell-plan";
  book.version = "3";
  const int t1 = node(book, "inngaaelse", "Inngåelse", Level::theme);
  const int g1 = node(book, "samtykke", "Samtykke <viktig>", Level::group, t1, "#1b9e77");
  node(book, "underskrift", "Skriver under", Level::subgroup, g1);
  node(book, "brosjyre", "Brosjyren", Level::subgroup, g1);
  const int t2 = node(book, "samarbeid", "Samarbeid | koordinering", Level::theme);
  const int g2 = node(book, "koordinering", "Koordinering", Level::group, t2);
  node(book, "bakgrunn", "Fra møtereferat", Level::subgroup, g2);
  return book;
}

ipcode::transcript::Transcript transcript(const std::string& text, const std::string& path,
                                          bool background) {
  ipcode::Diagnostics diags;
  auto t = ipcode::transcript::parse_transcript(text, path, "r1", diags);
  t.background = background;
  return t;
}

loader::Unit unit(const std::string& id, int t, const std::string& informant, int page, int from,
                  int to, std::vector<int> codes, const std::string& text) {
  loader::Unit u;
  u.id = id;
  u.transcript = t;
  u.informant = informant;
  u.page_start = u.page_end = page;
  u.line_start = from;
  u.line_end = to;
  u.codes = std::move(codes);
  u.text = text;
  u.has_quote = true;
  return u;
}

loader::RoundData round_data() {
  loader::RoundData r;
  r.spec.id = "r1";
  r.spec.title = "Første runde";
  r.spec.period = "2006-01..2006-02";
  r.codebook = codebook();
  r.transcripts.push_back(transcript(
      "---\ninformant: B1\n---\nI: Hvordan ble planen laget?\nB1: Jeg bare skriver under på "
      "alt, men jeg vet ikke hva.\nDet er de som skriver den.\n[side 2]\nI: Og så?\nB1: Jeg fikk "
      "en brosjyre.\n",
      "transcripts/r1/B1.txt", false));
  r.transcripts.push_back(transcript("I: Hva skjedde?\nB2: Jeg skrev under jeg også.\nI: Ja.\n",
                                     "transcripts/r1/B2.txt", false));
  r.transcripts.push_back(
      transcript("B3: Koordinatoren ringte aldri tilbake.\n", "transcripts/r1/B3.txt", true));
  r.units = {
      unit("B1-01", 0, "B1", 1, 5, 6, {2}, "Jeg bare skriver under på alt, men jeg vet ikke hva"),
      unit("B1-02", 0, "B1", 2, 9, 9, {3}, "Jeg fikk en brosjyre."),
      unit("B2-01", 1, "B2", 1, 2, 2, {2}, "Jeg skrev under jeg også."),
      unit("B2-02", 1, "B2", 1, 2, 2, {1}, "skrev under"),
      unit("B3-01", 2, "B3", 1, 1, 1, {6}, "Koordinatoren ringte aldri tilbake.")};
  r.informants = {"B1", "B2", "B3"};
  ipcode::coding::SubgroupText s;
  s.condensate = "Jeg skriver under fordi de ber meg om det, men jeg vet egentlig ikke hva.";
  s.quote = "B1-01";
  s.analysis = "Brukerne beskrev underskriften som en formalitet.";
  s.norms = {{"Forskrift om individuell plan § 5", "Planen skal ikke utarbeides uten samtykke."}};
  r.condensation.subgroups["underskrift"] = s;
  ipcode::coding::SubgroupText b;
  b.quote = "B3-01";
  r.condensation.subgroups["bakgrunn"] = b;
  r.condensation.groups["samtykke"].analysis = "Informert samtykke var sjelden informert.";
  return r;
}

condense::RoundAnalysis analysis(const loader::RoundData& r) {
  condense::RoundAnalysis a;
  a.round = &r;
  a.informants = {"B1", "B2", "B3"};
  a.counted = {0, 1, 2, 3, 4};
  a.nodes = {{{0, 1, 2, 3}, {"B1", "B2"}},
             {{0, 1, 2, 3}, {"B1", "B2"}},
             {{0, 2}, {"B1", "B2"}},
             {{1}, {"B1"}},
             {{4}, {"B3"}},
             {{4}, {"B3"}},
             {{4}, {"B3"}}};
  a.cells = {{{0, 1}, {0, 1}, {0}, {1}, {}, {}, {}},
             {{2, 3}, {2, 3}, {2}, {}, {}, {}, {}},
             {{}, {}, {}, {}, {4}, {4}, {4}}};
  a.unsorted[1] = {3};
  a.weakly_anchored = {3, 6};
  a.drafts[3] = {"Jeg fikk en brosjyre.", {"B1-02"}};
  a.foreign_words[2] = {"egentlig"};
  return a;
}

struct Fixture {
  loader::Study study;
  std::vector<condense::RoundAnalysis> analyses;

  explicit Fixture(const std::string& lang = "nb",
                   ipcode::study::Attribution style = ipcode::study::Attribution::role) {
    ipcode::i18n::set_catalog_dir(IPCODE_CATALOG_DIR);
    study.manifest.title = "Individuell plan & brukermedvirkning";
    study.manifest.language = lang;
    study.manifest.attribution = style;
    ipcode::study::Round spec;
    spec.id = "r1";
    spec.title = "Første runde";
    study.manifest.rounds = {spec};
    study.manifest.informants = {
        {"B1", "bruker", "Morten", {{"kjønn", "K"}, {"alder", "40-49"}}, 0},
        {"B2", "", "", {{"kjønn", "M"}}, 0},
        {"B3", "ansatt", "", {}, 0}};
    study.rounds.push_back(round_data());
    study.log = "# Logg\n\n## 2006-03-01\n\n- Slo sammen to koder <a>\n- Ny subgruppe\n";
    study.has_log = true;
    analyses.push_back(analysis(study.rounds[0]));
  }

  std::string md(report::Stage stage, std::string date = {}) const {
    report::Options o;
    o.stage = stage;
    o.date = std::move(date);
    return report::report_md(study, study.rounds[0], analyses[0], o);
  }
  std::string html(report::Stage stage) const {
    report::Options o;
    o.stage = stage;
    return report::report_html(study, study.rounds[0], analyses[0], o);
  }
};

}  // namespace

TEST_CASE("working report has every part of SPEC §10", "[report][reports]") {
  const Fixture f;
  const std::string md = f.md(report::Stage::working, "2024-05-01");
  CHECK(has(md, "# Individuell plan & brukermedvirkning"));
  CHECK(has(md, "Runde 1 (r1): Første runde"));
  CHECK(has(md, "Periode: 2006-01..2006-02"));
  CHECK(has(md, "Dato: 2024-05-01"));
  CHECK(has(md, "Kodebok: individuell-plan, versjon 3"));
  // Sample table: role, attributes, rounds; "deltaker" for an informant without a role.
  CHECK(has(md, "| Deltaker | Rolle | Kjønn | Alder | Runder |"));
  CHECK(has(md, "| B1 | bruker | K | 40-49 | 1 |"));
  CHECK(has(md, "| B2 | deltaker | M |   | 1 |"));
  // Level names, counts and prevalence in words; the group's colour is no text.
  CHECK(has(md, "### Kodegruppe: Samtykke \\<viktig\\>"));
  CHECK_FALSE(has(md, "#1b9e77"));
  CHECK_FALSE(has(md, "farge"));
  CHECK(has(md, "2 meningsenheter · 2 av 3 deltakere"));
  CHECK(has(md, "**Kondensat:** Jeg skriver under"));
  CHECK(has(md, "UTKAST (maskinelt, ikke skrevet av forskeren)"));
  CHECK(has(md, "Svakt forankret:"));
  CHECK(has(md, "Ikke sortert i subgruppe (1 meningsenhet):"));
  CHECK(has(md, "> **Ideell praksis: Forskrift om individuell plan § 5**"));
  CHECK(has(md, "Informert samtykke var sjelden informert."));
  CHECK(has(md, "Brukerne beskrev underskriften som en formalitet."));
  // The matrix as a table in Markdown, nothing embedded.
  CHECK(has(md, "| Deltaker | Inngåelse | Samarbeid \\| koordinering |"));
  CHECK(has(md, "| B1 | 2 | 0 |"));
  CHECK_FALSE(has(md, "<svg"));
  // Validation, vocabulary check, appendix with context and marks, the log verbatim.
  CHECK(has(md, "Alle 5 sitater er funnet ordrett i transkripsjonene."));
  CHECK(has(md, "**Skriver under**: egentlig"));
  CHECK(has(md, "▶ 5  B1: Jeg bare skriver under"));
  CHECK(has(md, "  4  I: Hvordan ble planen laget?"));
  CHECK(has(md, "  8  I: Og så?"));
  CHECK_FALSE(has(md, "informant: B1"));  // context never reaches into the front matter
  CHECK(has(md, "## 2006-03-01\n\n- Slo sammen to koder <a>"));
}

TEST_CASE("working quotes show unit id, reference and the chosen style", "[report][reports]") {
  const Fixture f;
  const std::string md = f.md(report::Stage::working);
  CHECK(has(md,
            "> Jeg bare skriver under på alt, men jeg vet ikke hva\n>\n> — `B1-01` · B1 s.1 "
            "l.5–6 · bruker\n"));
  // What the last part is, is said once, at the top, not under every quote.
  CHECK_FALSE(has(md, "endelig rapport:"));
  CHECK(occurrences(md, "(report.attribution: role)") == 1);
  CHECK(has(Fixture("nb", ipcode::study::Attribution::none).md(report::Stage::working),
            "i endelig rapport står sitatene uten kildeangivelse (report.attribution: none)"));
  CHECK_FALSE(has(Fixture("nb", ipcode::study::Attribution::none).md(report::Stage::working),
                  "uten kildeangivelse i endelig rapport"));
}

TEST_CASE("final stage leaves out internal keys and working material", "[report][reports]") {
  const Fixture f;
  for (const std::string& out : {f.md(report::Stage::final), f.html(report::Stage::final)}) {
    for (const char* id : {"B1-01", "B1-02", "B2-01", "B2-02", "B3-01"}) CHECK_FALSE(has(out, id));
    CHECK_FALSE(has(out, "UTKAST"));
    CHECK_FALSE(has(out, "Kondensat"));
    CHECK_FALSE(has(out, "Jeg skriver under fordi"));
    CHECK_FALSE(has(out, "Vedlegg"));
    CHECK_FALSE(has(out, "Ikke sortert"));
    CHECK_FALSE(has(out, "Prosjektlogg"));
    CHECK_FALSE(has(out, "Kontroll av ordbruk"));
    CHECK_FALSE(has(out, "(r1)"));
    CHECK(has(out, "bruker"));
    CHECK_FALSE(has(out, "runde 1"));  // one round: "runde 1" says nothing
    CHECK(has(out, "Alle 5 sitater er funnet ordrett i transkripsjonene."));
  }
  const std::string md = f.md(report::Stage::final);
  // Role style: no informant ids in the sample table or the matrix.
  CHECK(has(md, "| Rolle | Kjønn | Alder | Runder |"));
  CHECK_FALSE(has(md, "| B1 |"));
}

TEST_CASE("each attribution style renders as specified", "[report][reports]") {
  using ipcode::study::Attribution;
  const std::string quote = "Jeg bare skriver under på alt, men jeg vet ikke hva\n>\n> — ";
  SECTION("id") {
    const std::string md = Fixture("nb", Attribution::id).md(report::Stage::final);
    CHECK(has(md, quote + "B1 s.1 l.5–6\n"));
  }
  SECTION("role") {
    const std::string md = Fixture("nb", Attribution::role).md(report::Stage::final);
    CHECK(has(md, quote + "bruker\n"));
  }
  SECTION("role in a study of several rounds") {
    Fixture f("nb", Attribution::role);
    ipcode::study::Round r2;
    r2.id = "r2";
    f.study.manifest.rounds.push_back(r2);
    CHECK(has(f.md(report::Stage::final), quote + "bruker, runde 1\n"));
  }
  SECTION("role without a role in the manifest") {
    Fixture f("nb", Attribution::role);
    f.study.manifest.informants[0].role.clear();
    CHECK(has(f.md(report::Stage::final), quote + "deltaker 1\n"));  // B2 has none either
  }
  SECTION("pseudonym") {
    const std::string md = Fixture("nb", Attribution::pseudonym).md(report::Stage::final);
    CHECK(has(md, quote + "«Morten», bruker\n"));
  }
  SECTION("pseudonym falls back to role") {
    Fixture f("nb", Attribution::pseudonym);
    f.study.manifest.informants[0].pseudonym.clear();
    CHECK(has(f.md(report::Stage::final), quote + "bruker\n"));
  }
  SECTION("none") {
    const std::string md = Fixture("nb", Attribution::none).md(report::Stage::final);
    CHECK(has(md, "> Jeg bare skriver under på alt, men jeg vet ikke hva\n\n"));
    CHECK_FALSE(has(md, "> — "));
    CHECK_FALSE(has(md, "runde 1\n"));
  }
}

TEST_CASE("background material is never quoted", "[report][reports]") {
  Fixture f;
  // B3's transcript is background material: B3-01 is the illustrative quote of 'bakgrunn';
  // a second unit of it is not sorted into a subgroup.
  f.study.rounds[0].units.push_back(unit("B3-02", 2, "B3", 1, 1, 1, {5}, "ringte aldri"));
  f.analyses[0] = analysis(f.study.rounds[0]);
  f.analyses[0].unsorted[5] = {5};
  for (const auto stage : {report::Stage::working, report::Stage::final}) {
    for (const std::string& out : {f.md(stage), f.html(stage)}) {
      CHECK_FALSE(has(out, "Koordinatoren ringte aldri tilbake"));  // not in the appendix either
      CHECK_FALSE(has(out, "ringte aldri"));
    }
  }
  const std::string working = f.md(report::Stage::working);
  CHECK(has(working,
            "`B3-01` · B3 s.1 l.1 · ansatt: *sitatet er utelatt fordi transkripsjonen er "
            "bakgrunnsmateriale (background: true), som aldri siteres.*"));
  // The appendix and the unsorted list give the reference only.
  CHECK(has(working,
            "`B3-01` · B3 · r1-B3 · s. 1 · l. 1 · koder: `bakgrunn` *(bakgrunnsmateriale, "
            "ikke sitert)*\n\n`"));
  CHECK(has(working, "- `B3-02` · B3 s.1 l.1 *(bakgrunnsmateriale, ikke sitert)*"));
  // The final report says nothing about a quote it does not print.
  CHECK_FALSE(has(f.md(report::Stage::final), "bakgrunnsmateriale"));
}

TEST_CASE("a draft without sentences says why", "[report][reports]") {
  Fixture f;
  f.analyses[0].drafts[3] = {"", {}};
  const std::string md = f.md(report::Stage::working);
  CHECK(has(md, "*Ikke noe utkast: meningsenhetene i denne subgruppen står i bakgrunnsmateriale"));
  CHECK_FALSE(has(md, "UTKAST (maskinelt, ikke skrevet av forskeren):** \n"));
}

TEST_CASE("final stage tells informants with the same role apart", "[report][reports]") {
  using ipcode::study::Attribution;
  Fixture f("nb", Attribution::role);
  // B2 and B10 are both coordinators; natural id order numbers B2 before B10. B1 is the only
  // user and keeps the bare role. B10 takes part in no round: numbering is over the study.
  f.study.manifest.informants[1].role = "koordinator";
  f.study.manifest.informants.push_back({"B10", "koordinator", "", {}, 0});
  const std::string md = f.md(report::Stage::final);
  CHECK(has(md, "| bruker | 2 | 0 |"));
  CHECK(has(md, "| koordinator 1 | 2 | 0 |"));
  CHECK(has(md, "Jeg bare skriver under på alt, men jeg vet ikke hva\n>\n> — bruker\n"));
  CHECK_FALSE(has(md, "koordinator 2"));  // B10 is in no row of this round
  // The same number in the working report's preview of the final attribution.
  f.study.rounds[0].condensation.subgroups["underskrift"].quote = "B2-01";
  CHECK(has(f.md(report::Stage::final), "> Jeg skrev under jeg også.\n>\n> — koordinator 1\n"));
  CHECK(has(f.md(report::Stage::working), "`B2-01` · B2 s.1 l.2 · koordinator 1\n"));
  // B10's units: the second coordinator.
  f.study.rounds[0].units[2].informant = "B10";
  CHECK(has(f.md(report::Stage::final), "> — koordinator 2\n"));
  // Pseudonym style falls back to the numbered role.
  f.study.manifest.attribution = Attribution::pseudonym;
  CHECK(has(f.md(report::Stage::final), "> — koordinator 2\n"));
}

TEST_CASE("final stage has no heading over nothing", "[report][reports]") {
  Fixture f;
  // A subgroup and a whole theme without units or text; a subgroup without units but with
  // an analysis stays.
  auto& book = f.study.rounds[0].codebook;
  node(book, "tom", "Tom subgruppe", Level::subgroup, 1);
  const int t = node(book, "tomt-tema", "Tomt tema", Level::theme);
  const int g = node(book, "tom-gruppe", "Tom gruppe", Level::group, t);
  node(book, "tom-under", "Tom under", Level::subgroup, g);
  node(book, "skrevet", "Med analyse", Level::subgroup, g);
  f.study.rounds[0].condensation.subgroups["skrevet"].analysis = "Ingen sa det.";
  f.analyses[0].nodes.resize(book.nodes.size());
  for (const std::string& out : {f.md(report::Stage::final), f.html(report::Stage::final)}) {
    CHECK_FALSE(has(out, "Subgruppe: Tom subgruppe"));
    CHECK_FALSE(has(out, "Subgruppe: Tom under"));
    CHECK(has(out, "Tema: Tomt tema"));
    CHECK(has(out, "Kodegruppe: Tom gruppe"));
    CHECK(has(out, "Subgruppe: Med analyse"));
    CHECK(has(out, "Ingen sa det."));
  }
  f.study.rounds[0].condensation.subgroups.erase("skrevet");
  const std::string md = f.md(report::Stage::final);
  CHECK_FALSE(has(md, "Tema: Tomt tema"));
  CHECK_FALSE(has(md, "Kodegruppe: Tom gruppe"));
  CHECK(has(md, "| Deltaker | Inngåelse | Samarbeid \\| koordinering | Tomt tema |"));  // a count
  // The working report shows every node: empty ones are work still to do.
  CHECK(has(f.md(report::Stage::working), "#### Subgruppe: Tom subgruppe"));
}

TEST_CASE("table headers start with a capital in every language", "[report][reports]") {
  for (const char* lang : {"nb", "nn", "en"}) {
    Fixture f(lang);
    f.study.manifest.informants[0].attributes.push_back({"ørn", "x"});
    for (const auto stage : {report::Stage::working, report::Stage::final}) {
      for (const std::string& out : {f.md(stage), f.html(stage)}) {
        CHECK_FALSE(has(out, "| kjønn"));
        CHECK_FALSE(has(out, "<th>kjønn"));
        CHECK((has(out, "| Kjønn | Alder | Ørn |") ||
               has(out, "<th>Kjønn</th><th>Alder</th><th>Ørn</th>")));
      }
    }
  }
}

TEST_CASE("html is self-contained, escaped and has a table of contents", "[report][reports]") {
  const Fixture f;
  for (const auto stage : {report::Stage::working, report::Stage::final}) {
    const std::string html = f.html(stage);
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"nb\">", 0) == 0);
    CHECK(has(html, "<meta charset=\"utf-8\">"));
    CHECK(has(html, "@media print"));
    CHECK_FALSE(has(html, "<script"));
    CHECK_FALSE(has(html, "http"));
    CHECK_FALSE(has(html, "<link"));
    CHECK_FALSE(has(html, "<img"));
    CHECK(has(html, "Samtykke &lt;viktig&gt;"));
    CHECK_FALSE(has(html, "<viktig>"));
    CHECK(has(html, "Individuell plan &amp; brukermedvirkning"));
    CHECK(has(html, "<nav class=\"toc\">"));
    CHECK(has(html, "<a href=\"#group-samtykke\">"));
    CHECK(has(html, "id=\"group-samtykke\""));
    CHECK(has(html, "border-left-color:#1b9e77"));
    CHECK(has(html, "<aside class=\"norm\">"));
  }
  const std::string working = f.html(report::Stage::working);
  CHECK(has(working, "<h3>Logg</h3>"));
  CHECK(has(working, "<li>Slo sammen to koder &lt;a&gt;</li>"));
  CHECK(has(working, "<span class=\"own\">"));
}

TEST_CASE("heat map has one cell per informant and theme", "[report][reports]") {
  const Fixture f;
  const std::string html = f.html(report::Stage::working);
  CHECK(occurrences(html, "<svg") == 1);
  CHECK(occurrences(html, "<rect class=\"cell\"") == 3 * 2);
  CHECK(has(html, "Samarbeid | koordinering"));
  // The legend explains the shading.
  CHECK(has(html, "antall meningsenheter"));
}

TEST_CASE("nynorsk and English wording", "[report][reports]") {
  const std::string nn = Fixture("nn").md(report::Stage::working);
  CHECK(has(nn, "2 av 3 deltakarar"));
  CHECK(has(nn, "UTKAST (maskinelt, ikkje skrive av forskaren)"));
  CHECK(has(nn, "bakgrunnsmateriale, ikkje sitert"));
  const Fixture en_fixture("en");
  const std::string en = en_fixture.md(report::Stage::working);
  CHECK(has(en, "2 of 3 participants"));
  CHECK(has(en, "DRAFT (machine-made, not written by the researcher)"));
  CHECK(has(en, "B1 p.1 l.5–6"));
  CHECK(has(en, "All 5 quotes were found verbatim in the transcripts."));
  CHECK(has(en_fixture.html(report::Stage::final), "<html lang=\"en\">"));
  CHECK(has(Fixture("nn").html(report::Stage::final), "<html lang=\"nn\">"));
}

TEST_CASE("reports are deterministic", "[report][reports]") {
  const Fixture f;
  CHECK(f.md(report::Stage::working) == f.md(report::Stage::working));
  CHECK(f.html(report::Stage::working) == f.html(report::Stage::working));
  CHECK_FALSE(has(f.md(report::Stage::working), "Dato:"));
}

TEST_CASE("cross-round report compares rounds by node id", "[report][reports]") {
  Fixture f;
  // Round 2: the codebook lost 'brosjyre'; B3 took part in 'underskrift' too.
  loader::RoundData r2 = round_data();
  r2.spec.id = "r2";
  r2.spec.title = "Andre runde";
  r2.codebook.nodes[3].id = "brosjyre-gammel";
  r2.condensation.subgroups["underskrift"].condensate = "Nå vet jeg hva jeg skriver under på.";
  f.study.manifest.rounds.push_back(r2.spec);
  f.study.rounds.push_back(r2);
  f.analyses.clear();
  f.analyses.push_back(analysis(f.study.rounds[0]));
  f.analyses.push_back(analysis(f.study.rounds[1]));
  f.analyses[1].nodes[2].informants = {"B1", "B2", "B3"};
  report::Options o;
  const std::string html = report::cross_report_html(f.study, f.analyses, o);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_FALSE(has(html, "<script"));
  CHECK_FALSE(has(html, "http"));
  CHECK(has(html, "økte fra 2 av 3 til 3 av 3 deltakere"));
  CHECK(has(html, "uendret (2 av 3 deltakere)"));
  CHECK(has(html, "ikke i kodeboken"));
  CHECK(has(html, "ny i kodeboken denne runden"));
  CHECK(has(html, "Nå vet jeg hva jeg skriver under på."));
  CHECK(has(html, "Samtykke &lt;viktig&gt;"));
  o.stage = report::Stage::final;
  const std::string final_html = report::cross_report_html(f.study, f.analyses, o);
  CHECK_FALSE(has(final_html, "Nå vet jeg hva jeg skriver under på."));
  CHECK_FALSE(has(final_html, "(r2)"));
}

TEST_CASE("researcher text cannot become Markdown or HTML syntax", "[report][reports]") {
  Fixture f;
  f.study.rounds[0].condensation.groups["samtykke"].analysis =
      "- ikke en liste\n# ikke en overskrift\n1. ikke nummerert *ikke kursiv* <b>";
  const std::string md = f.md(report::Stage::final);
  CHECK(has(md,
            "\\- ikke en liste\n\\# ikke en overskrift\n1\\. ikke nummerert \\*ikke kursiv\\* "
            "\\<b\\>"));
  const std::string html = f.html(report::Stage::final);
  CHECK(has(html,
            "<p class=\"analysis\">- ikke en liste\n# ikke en overskrift\n1. ikke "
            "nummerert *ikke kursiv* &lt;b&gt;</p>"));
  f.study.manifest.informants[0].role = "bruker's \"egen\"";
  CHECK(has(f.html(report::Stage::final), "— bruker&#39;s &quot;egen&quot;</figcaption>"));
}
