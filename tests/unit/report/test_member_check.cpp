// Member-check letters (SPEC §10 `--member-check`): one informant's own units and the
// researcher's condensates, nothing another informant said. Round data built by hand.

#include "../support/codebook_builder.hpp"
#include "ipcode/base/diagnostic.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/report/report.hpp"
#include "ipcode/transcript/transcript.hpp"
#include "report/docx_render.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace report = ipcode::report;
namespace loader = ipcode::loader;
namespace condense = ipcode::condense;
namespace cb = ipcode::codebook;
namespace detail = ipcode::report::detail;
using cb::Level;

namespace {

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

ipcode::transcript::Transcript transcript(const std::string& text, const std::string& path,
                                          bool background = false) {
  ipcode::Diagnostics diags;
  auto t = ipcode::transcript::parse_transcript(text, path, "r1", diags);
  t.background = background;
  return t;
}

loader::Unit unit(const std::string& id, int t, const std::string& informant, int page, int from,
                  int to, std::vector<int> codes, const std::string& text,
                  bool interviewer = false) {
  loader::Unit u;
  u.id = id;
  u.transcript = t;
  u.informant = informant;
  u.interviewer = interviewer;
  u.page_start = u.page_end = page;
  u.line_start = from;
  u.line_end = to;
  u.codes = std::move(codes);
  u.text = text;
  u.has_quote = true;
  return u;
}

// 0 planen → 1 samtykke → 2 underskrift, 3 moter
struct Fixture {
  loader::Study study;
  condense::RoundAnalysis a;

  Fixture() {
    ipcode::i18n::set_catalog_dir(IPCODE_CATALOG_DIR);
    study.manifest.title = "Deltakersjekk";
    study.manifest.language = "nb";
    ipcode::study::Round spec;
    spec.id = "r1";
    spec.title = "Første runde";
    study.manifest.rounds = {spec};
    loader::RoundData r;
    r.spec = spec;
    const int t = ipcode::test::add_node(r.codebook, "planen", "Planen", Level::theme);
    const int g = ipcode::test::add_node(r.codebook, "samtykke", "Samtykke", Level::group, t);
    ipcode::test::add_node(r.codebook, "underskrift", "Skriver under", Level::subgroup, g);
    ipcode::test::add_node(r.codebook, "moter", "Møter", Level::subgroup, g);
    r.transcripts.push_back(transcript(
        "I: Hvordan var det?\nB1: Jeg skrev under på tyttebær.\nI: Ja?\nB1: Møtene er lange.\n",
        "transcripts/r1/B1.txt"));
    r.transcripts.push_back(transcript(
        "I: Og dere?\nB1: Jeg sa ja.\nB2: Jeg sa multebær.\nB2: Møtene er lange og grå.\n",
        "transcripts/r1/gruppe.txt"));
    r.transcripts.push_back(
        transcript("B1: Bakgrunn med molte.\n", "transcripts/r1/referat.txt", true));
    r.units = {unit("B1-01", 0, "B1", 1, 2, 2, {2}, "Jeg skrev under på tyttebær."),
               unit("B1-02", 0, "B1", 2, 4, 4, {3}, "Møtene er lange."),
               unit("I-01", 0, "I", 1, 1, 1, {2}, "Hvordan var det?", true),
               unit("G-01", 1, "B1", 1, 2, 3, {2}, "Jeg sa ja. Jeg sa multebær."),
               unit("B2-01", 1, "B2", 1, 3, 3, {2}, "Jeg sa multebær."),
               unit("B2-02", 1, "B2", 1, 4, 4, {3}, "Møtene er lange og grå."),
               unit("R-01", 2, "B1", 1, 1, 1, {2}, "Bakgrunn med molte.")};
    r.informants = {"B1", "B2"};
    ipcode::coding::SubgroupText s;
    s.condensate = "Jeg sa multebær, og det var viktigere.";
    s.quote = "B2-01";
    s.analysis = "Analysen nevner grå møter.";
    r.condensation.subgroups["underskrift"] = s;
    ipcode::coding::SubgroupText m;
    m.condensate = "Møtene er lange.";
    r.condensation.subgroups["moter"] = m;
    study.rounds.push_back(std::move(r));
    a.round = &study.rounds[0];
    a.informants = {"B1", "B2"};
    a.nodes = {{{0, 1, 3, 4, 5, 6}, {"B1", "B2"}},
               {{0, 1, 3, 4, 5, 6}, {"B1", "B2"}},
               {{0, 3, 4, 6}, {"B1", "B2"}},
               {{1, 5}, {"B1", "B2"}}};
    a.drafts[3] = {"Møtene er lange og grå.", {"B2-02"}};
  }

  std::string letter(const std::string& who) const {
    return detail::render_markdown(detail::member_check_doc(study, study.rounds[0], a, who));
  }
};

}  // namespace

TEST_CASE("a member-check letter holds the informant's own units only", "[report][member]") {
  const Fixture f;
  const std::string b1 = f.letter("B1");
  CHECK(has(b1, "# Har jeg forstått deg riktig?"));
  CHECK(has(b1, "> Jeg skrev under på tyttebær.\n>\n> \u2014 side 1, linje 2"));
  CHECK(has(b1, "> Møtene er lange.\n>\n> \u2014 side 2, linje 4"));
  // Not the interviewer's words, not background material, not a unit that runs into B2's
  // turn (said so), not B2's units, its illustrative quote, the analysis or a draft.
  CHECK_FALSE(has(b1, "Hvordan var det"));
  CHECK_FALSE(has(b1, "molte"));
  CHECK_FALSE(has(b1, "Jeg sa ja"));
  CHECK(has(b1, "1 del av en samtale der også andre deltakere snakker, er ikke tatt med her."));
  CHECK_FALSE(has(b1, "multebær"));
  CHECK_FALSE(has(b1, "grå"));
  CHECK_FALSE(has(b1, "B1-0"));
  // The condensate built on B2's word is left out, said so; the one in shared words is there.
  CHECK(has(b1, "bruker også andre deltakeres ord"));
  CHECK(has(b1, "ut fra det du og andre fortalte**\n\nMøtene er lange.\n"));
}

TEST_CASE("a member-check letter shows a condensate in the informant's own words",
          "[report][member]") {
  const Fixture f;
  const std::string b2 = f.letter("B2");
  CHECK(has(b2, "Jeg sa multebær, og det var viktigere."));
  CHECK(has(b2, "> Jeg sa multebær."));
  CHECK_FALSE(has(b2, "tyttebær"));
  CHECK_FALSE(has(b2, "Jeg sa ja"));
  CHECK_FALSE(has(b2, "ikke tatt med her"));
}

TEST_CASE("member-check outputs: one .md and .docx per informant with units", "[report][member]") {
  Fixture f;
  f.a.informants = {"B1", "B2", "B3"};  // B3 has no unit: no letter
  report::Options o;
  o.member_check = true;
  const auto out = report::render_all(f.study, {f.a}, o);
  CHECK(out.count("r1/member-check/B1.md") == 1);
  CHECK(out.count("r1/member-check/B1.docx") == 1);
  CHECK(out.count("r1/member-check/B2.docx") == 1);
  CHECK(out.count("r1/member-check/B3.md") == 0);
  CHECK(out.count("r1/report.docx") == 0);
  CHECK(has(out.at("manifest.json"), "\"member_check\": true"));
  CHECK_FALSE(has(out.at("manifest.json"), "\"docx\""));
  o.member_check = false;
  o.docx = true;
  const auto docx = report::render_all(f.study, {f.a}, o);
  CHECK(docx.count("r1/report.docx") == 1);
  CHECK(docx.count("r1/member-check/B1.md") == 0);
  CHECK(docx.at("r1/report.docx").substr(0, 2) == "PK");
}

TEST_CASE("member-check file names stay in their folder", "[report][member]") {
  struct Case {
    std::string id, file;
  };
  const std::vector<Case> cases = {{"B1", "B1"},
                                   {"Bjørn", "Bjørn"},
                                   {"a/b", "a_b"},
                                   {"..", "_.."},
                                   {".skjult", "_.skjult"},
                                   {"x\\y", "x_y"},
                                   {"tab\there", "tab_here"},
                                   {"", "_"}};
  for (const Case& c : cases) {
    INFO(c.id);
    CHECK(detail::member_check_file(c.id) == c.file);
  }
}
