// Unit tests for the report module's file writers (SPEC §10): CSV quoting, units.csv,
// the matrices, overview, co-occurrence, matrix-refs.md, rounds.csv, manifest.json and
// matrices.xlsx. Round data and analyses are built by hand, independent of the loader.

#include "../support/codebook_builder.hpp"
#include "ipcode/base/hash.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/report/report.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace report = ipcode::report;
namespace loader = ipcode::loader;
namespace condense = ipcode::condense;
namespace cb = ipcode::codebook;
using cb::Level;

namespace {

using ipcode::test::add_node;

// inngaaelse(0) → samtykke(1) → underskrift(2), informasjon(3); brosjyre(4, no subgroups)
// samarbeid(5) → koordinator(6) → fast-person(7)
cb::Codebook sample_codebook() {
  cb::Codebook book;
  book.name = "individuell-plan";
  book.version = "3";
  const int t1 = add_node(book, "inngaaelse", "Inngåelse", Level::theme);
  const int g1 = add_node(book, "samtykke", "Samtykke", Level::group, t1);
  add_node(book, "underskrift", "Skriver under", Level::subgroup, g1);
  add_node(book, "informasjon", "Informasjon", Level::subgroup, g1);
  add_node(book, "brosjyre", "Brosjyre", Level::group, t1);
  const int t2 = add_node(book, "samarbeid", "Samarbeid | koordinering", Level::theme);
  const int g3 = add_node(book, "koordinator", "Koordinator", Level::group, t2);
  add_node(book, "fast-person", "Én fast person", Level::subgroup, g3);
  return book;
}

loader::Unit make_unit(const std::string& id, int transcript, const std::string& informant,
                       int page_start, int page_end, int first, int last, std::vector<int> codes,
                       const std::string& text) {
  loader::Unit u;
  u.id = id;
  u.transcript = transcript;
  u.informant = informant;
  u.page_start = page_start;
  u.page_end = page_end;
  u.line_start = first;
  u.line_end = last;
  u.codes = std::move(codes);
  u.text = text;
  return u;
}

loader::RoundData sample_round() {
  loader::RoundData r;
  r.spec.id = "r1";
  r.spec.title = "Første runde";
  r.codebook = sample_codebook();
  r.transcripts.resize(2);
  r.transcripts[0].id = "r1-B2";
  r.transcripts[1].id = "r1-B10";
  r.units.push_back(
      make_unit("B2-01", 0, "B2", 1, 1, 3, 4, {2}, "Jeg bare skrev under, men jeg vet ikke hva."));
  // Two themes, codes given out of codebook order.
  r.units.push_back(make_unit("B2-02", 0, "B2", 2, 2, 12, 12, {7, 4}, "Han sa \"vent litt\""));
  loader::Unit asked = make_unit("I-01", 0, "I", 2, 2, 13, 13, {3}, "Fikk du informasjon?");
  asked.interviewer = true;
  r.units.push_back(asked);
  r.units.push_back(make_unit("B10-01", 1, "B10", 1, 1, 5, 7, {1}, "Æ veit ikkje\nkva det var"));
  r.units.push_back(make_unit("B10-02", 1, "B10", 1, 2, 8, 10, {7}, "Vi har én person."));
  r.informants = {"B2", "B10"};
  ipcode::coding::SubgroupText s;
  s.condensate = "Jeg skriver under, men vet ikke hva.";
  s.quote = "B2-01";
  r.condensation.subgroups["underskrift"] = s;
  return r;
}

condense::NodeStats stats(std::vector<int> units, std::vector<std::string> informants) {
  return {std::move(units), std::move(informants)};
}

condense::RoundAnalysis sample_analysis(const loader::RoundData& r) {
  condense::RoundAnalysis a;
  a.round = &r;
  a.informants = {"B2", "B10"};
  a.counted = {0, 1, 3, 4};  // the interviewer's unit does not count
  a.nodes = {stats({0, 1, 3}, {"B2", "B10"}),
             stats({0, 3}, {"B2", "B10"}),
             stats({0}, {"B2"}),
             stats({}, {}),
             stats({1}, {"B2"}),
             stats({1, 4}, {"B2", "B10"}),
             stats({1, 4}, {"B2", "B10"}),
             stats({1, 4}, {"B2", "B10"})};
  a.cells = {{{0, 1}, {0}, {0}, {}, {1}, {1}, {1}, {1}}, {{3}, {3}, {}, {}, {}, {4}, {4}, {4}}};
  a.unsorted[1] = {3};
  a.cooccurrence = {{2, 0, 0}, {0, 1, 1}, {0, 1, 2}};
  a.drafts[7] = {"Vi har én person.", {"B10-02"}};
  return a;
}

}  // namespace

TEST_CASE("csv_field quotes as RFC 4180 asks", "[report]") {
  CHECK(report::csv_field("plain") == "plain");
  CHECK(report::csv_field("") == "");
  CHECK(report::csv_field("æøå ÆØÅ") == "æøå ÆØÅ");
  CHECK(report::csv_field("a,b") == "\"a,b\"");
  CHECK(report::csv_field("si \"ja\"") == "\"si \"\"ja\"\"\"");
  CHECK(report::csv_field("to\nlinjer") == "\"to\nlinjer\"");
  CHECK(report::csv_field("cr\rhere") == "\"cr\rhere\"");
  CHECK(report::csv_field("bløt; semikolon") == "bløt; semikolon");
  // Quotation marks first, last and side by side.
  CHECK(report::csv_field("\"") == "\"\"\"\"");
  CHECK(report::csv_field("\"\"a\"") == "\"\"\"\"\"a\"\"\"");
  CHECK(report::csv_field("a\"") == "\"a\"\"\"");
  CHECK(report::csv_field("\"a") == "\"\"\"a\"");
}

TEST_CASE("csv_row joins fields and ends in a newline", "[report]") {
  CHECK(report::csv_row({"a", "b,c", ""}) == "a,\"b,c\",\n");
  CHECK(report::csv_row({"én"}) == "én\n");
}

TEST_CASE("units.csv lists every unit, interviewer units too, with codes in codebook order",
          "[report]") {
  const auto r = sample_round();
  const auto a = sample_analysis(r);
  const std::string expected =
      "unit,informant,transcript,page,line_start,line_end,codes,text\n"
      "B2-01,B2,r1-B2,1,3,4,underskrift,\"Jeg bare skrev under, men jeg vet ikke hva.\"\n"
      "B2-02,B2,r1-B2,2,12,12,brosjyre;fast-person,\"Han sa \"\"vent litt\"\"\"\n"
      "I-01,I,r1-B2,2,13,13,informasjon,Fikk du informasjon?\n"
      "B10-01,B10,r1-B10,1,5,7,samtykke,\"Æ veit ikkje\nkva det var\"\n"
      "B10-02,B10,r1-B10,1,8,10,fast-person,Vi har én person.\n";
  CHECK(report::units_csv(r, a) == expected);
}

TEST_CASE("matrices have node ids as columns and informants in the analysis order", "[report]") {
  const auto r = sample_round();
  const auto a = sample_analysis(r);
  CHECK(report::matrix_csv(r, a, Level::theme) ==
        "informant,inngaaelse,samarbeid\nB2,2,1\nB10,1,1\n");
  CHECK(report::matrix_csv(r, a, Level::group) ==
        "informant,samtykke,brosjyre,koordinator\nB2,1,1,1\nB10,1,0,1\n");
  CHECK(report::matrix_csv(r, a, Level::subgroup) ==
        "informant,underskrift,informasjon,fast-person\nB2,1,0,1\nB10,0,0,1\n");
}

TEST_CASE("overview.csv: one row per subgroup, childless groups too, no drafts", "[report]") {
  const auto r = sample_round();
  const auto a = sample_analysis(r);
  const std::string expected =
      "theme,group,subgroup,units,informants,condensate,quote_unit,quote\n"
      "inngaaelse,samtykke,underskrift,1,1,\"Jeg skriver under, men vet ikke hva.\",B2-01,"
      "\"Jeg bare skrev under, men jeg vet ikke hva.\"\n"
      "inngaaelse,samtykke,informasjon,0,0,,,\n"
      "inngaaelse,brosjyre,,1,1,,,\n"
      "samarbeid,koordinator,fast-person,2,2,,,\n";
  CHECK(report::overview_csv(r, a) == expected);
}

TEST_CASE("overview.csv names a background quote without its text", "[report]") {
  auto r = sample_round();
  const auto a = sample_analysis(r);
  r.transcripts[0].background = true;  // B2-01's transcript
  CHECK(report::overview_csv(r, a).find("\"Jeg skriver under, men vet ikke hva.\",B2-01,\n") !=
        std::string::npos);
}

TEST_CASE("cooccurrence.csv is a square table over groups", "[report]") {
  const auto r = sample_round();
  const auto a = sample_analysis(r);
  CHECK(report::cooccurrence_csv(r, a) ==
        "group,samtykke,brosjyre,koordinator\n"
        "samtykke,2,0,0\nbrosjyre,0,1,1\nkoordinator,0,1,2\n");
}

TEST_CASE("matrix-refs.md lists page and line references per informant and theme", "[report]") {
  const auto r = sample_round();
  const auto a = sample_analysis(r);
  loader::Study study;
  study.manifest.language = "en";
  const std::string en = report::matrix_refs_md(study, r, a);
  CHECK(en.rfind("# ", 0) == 0);
  CHECK(en.find("| Participant | Inngåelse | Samarbeid \\| koordinering |\n") != std::string::npos);
  CHECK(en.find("| --- | --- | --- |\n") != std::string::npos);
  CHECK(en.find("| B2 | p.1 l.3\u20134; p.2 l.12 | p.2 l.12 |\n") != std::string::npos);
  CHECK(en.find("| B10 | p.1 l.5\u20137 | p.1\u20132 l.8\u201310 |\n") != std::string::npos);

  ipcode::i18n::set_catalog_dir(IPCODE_CATALOG_DIR);
  study.manifest.language = "nb";
  const std::string nb = report::matrix_refs_md(study, r, a);
  CHECK(nb.find("| B2 | s.1 l.3\u20134; s.2 l.12 | s.2 l.12 |\n") != std::string::npos);
  CHECK(nb.find("Referanser") != std::string::npos);
  // "Deltaker" as in every report, not "Informant".
  CHECK(nb.find("| Deltaker | Inngåelse") != std::string::npos);
  CHECK(nb.find("nformant") == std::string::npos);
}

TEST_CASE("matrix-refs.md leaves a cell without units empty", "[report]") {
  auto r = sample_round();
  auto a = sample_analysis(r);
  a.cells[1][0].clear();
  loader::Study study;
  study.manifest.language = "en";
  CHECK(report::matrix_refs_md(study, r, a).find("| B10 | | p.1\u20132 l.8\u201310 |\n") !=
        std::string::npos);
}

TEST_CASE("matrix-refs.md lists a place once and names transcripts when needed", "[report]") {
  auto r = sample_round();
  auto a = sample_analysis(r);
  // A second unit of B10 at the same place, under another node of the same theme.
  r.units.push_back(make_unit("B10-03", 1, "B10", 1, 2, 8, 10, {6}, "Vi har én person."));
  a.counted.push_back(5);
  a.cells[1][5] = {4, 5};
  loader::Study study;
  study.manifest.language = "en";
  std::string md = report::matrix_refs_md(study, r, a);
  CHECK(md.find("| B10 | p.1 l.5\u20137 | p.1\u20132 l.8\u201310 |\n") != std::string::npos);
  CHECK(md.find("transcript id") == std::string::npos);

  // B2 also speaks in B10's transcript: every reference of B2 names its transcript.
  r.units[4].informant = "B2";
  a.cells[0][5] = {1, 4};
  md = report::matrix_refs_md(study, r, a);
  CHECK(md.find("| B2 | r1-B2 p.1 l.3\u20134; r1-B2 p.2 l.12 | r1-B2 p.2 l.12; r1-B10 p.1\u20132 "
                "l.8\u201310 |\n") != std::string::npos);
  CHECK(md.find("transcript id") != std::string::npos);
}

namespace {

// r1: forarbeid → kartlegging; inngaaelse → samtykke → underskrift, gammel; brosjyre
// r2: inngaaelse → samtykke → underskrift, ny; brosjyre
loader::RoundData cross_round(const std::string& id, bool first) {
  loader::RoundData r;
  r.spec.id = id;
  auto& book = r.codebook;
  if (first) {
    const int t0 = add_node(book, "forarbeid", "Forarbeid", Level::theme);
    add_node(book, "kartlegging", "Kartlegging", Level::group, t0);
  }
  const int t = add_node(book, "inngaaelse", "Inngåelse", Level::theme);
  const int g =
      add_node(book, "samtykke", first ? "Samtykke" : "Informert samtykke", Level::group, t);
  add_node(book, "underskrift", "Skriver under", Level::subgroup, g);
  add_node(book, first ? "gammel" : "ny", "Gammel eller ny", Level::subgroup, g);
  add_node(book, "brosjyre", "Brosjyre", Level::group, t);
  return r;
}

condense::RoundAnalysis counts(const loader::RoundData& r, const std::vector<int>& sizes) {
  condense::RoundAnalysis a;
  a.round = &r;
  for (int size : sizes) a.nodes.push_back(stats(std::vector<int>(size, 0), {}));
  return a;
}

}  // namespace

TEST_CASE("rounds.csv: absent nodes are empty, zero counts are 0", "[report]") {
  loader::Study study;
  study.rounds = {cross_round("r1", true), cross_round("r2", false)};
  const std::vector<condense::RoundAnalysis> analyses = {
      counts(study.rounds[0], {1, 1, 3, 3, 1, 2, 0}), counts(study.rounds[1], {2, 1, 0, 1, 1})};
  const std::string expected =
      "theme,group,subgroup,r1,r2\n"
      "forarbeid,,,1,\n"
      "forarbeid,kartlegging,,1,\n"
      "inngaaelse,,,3,2\n"
      "inngaaelse,samtykke,,3,1\n"
      "inngaaelse,samtykke,underskrift,1,0\n"
      "inngaaelse,samtykke,gammel,2,\n"
      "inngaaelse,samtykke,ny,,1\n"
      "inngaaelse,brosjyre,,0,1\n";
  CHECK(report::rounds_csv(study, analyses) == expected);
}

TEST_CASE("manifest.json has fixed key order and hashes every other output", "[report]") {
  loader::Study study;
  study.manifest.title = "Plan \"A\"\n\\";
  study.rounds.resize(1);
  study.rounds[0].spec.id = "r1";
  study.rounds[0].codebook.name = "individuell-plan";
  study.rounds[0].codebook.version = "3";
  study.input_hashes = {{"transcripts/r1/B1.txt", "abc"}, {"ipcode.yaml", "def"}};
  // Output path -> sha256 of its bytes; an entry for the manifest itself is left out.
  const std::map<std::string, std::string> outputs = {{"r1/units.csv", ipcode::sha256_hex("x")},
                                                      {"manifest.json", ipcode::sha256_hex("old")},
                                                      {"rounds.csv", ipcode::sha256_hex("y")}};
  report::Options options;
  options.version = "0.1.0";
  const std::string expected =
      "{\n"
      "  \"ipcode\": \"0.1.0\",\n"
      "  \"title\": \"Plan \\\"A\\\"\\u000a\\\\\",\n"
      "  \"rounds\": [\n"
      "    {\n"
      "      \"id\": \"r1\",\n"
      "      \"codebook\": {\n"
      "        \"name\": \"individuell-plan\",\n"
      "        \"version\": \"3\"\n"
      "      }\n"
      "    }\n"
      "  ],\n"
      "  \"options\": {\n"
      "    \"stage\": \"working\",\n"
      "    \"xlsx\": false,\n"
      "    \"round\": \"\",\n"
      "    \"coder\": \"\",\n"
      "    \"include_interviewer\": false\n"
      "  },\n"
      "  \"inputs\": {\n"
      "    \"ipcode.yaml\": \"def\",\n"
      "    \"transcripts/r1/B1.txt\": \"abc\"\n"
      "  },\n"
      "  \"outputs\": {\n"
      "    \"r1/units.csv\": "
      "\"2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881\",\n"
      "    \"rounds.csv\": \"a1fce4363854ff888cff4b8e7875d600c2682390412a8cf79b37d0b11148b0fa\"\n"
      "  }\n"
      "}\n";
  CHECK(report::manifest_json(study, outputs, options) == expected);

  options.date = "2024-05-01";
  const std::string dated = report::manifest_json(study, outputs, options);
  CHECK(dated.find("\\\\\",\n  \"date\": \"2024-05-01\",\n  \"rounds\": [") != std::string::npos);
}

TEST_CASE("manifest.json writes empty lists as {} and []", "[report]") {
  loader::Study study;
  study.manifest.title = "Tom";
  report::Options options;
  options.version = "1";
  CHECK(report::manifest_json(study, {}, options) ==
        "{\n  \"ipcode\": \"1\",\n  \"title\": \"Tom\",\n  \"rounds\": [],\n"
        "  \"options\": {\n    \"stage\": \"working\",\n    \"xlsx\": false,\n"
        "    \"round\": \"\",\n    \"coder\": \"\",\n    \"include_interviewer\": false\n  },\n"
        "  \"inputs\": {},\n  \"outputs\": {}\n}\n");
}

TEST_CASE("matrices.xlsx is a zip file with the same bytes every time", "[report]") {
  auto r = sample_round();
  const auto a = sample_analysis(r);
  const std::string first = report::matrices_xlsx(r, a);
  const std::string second = report::matrices_xlsx(r, a);
  REQUIRE(first.size() > 100);
  CHECK(first.rfind("PK", 0) == 0);
  CHECK(first == second);

  // Level names Excel cannot take as sheet names are cleaned, and duplicates made unique.
  r.codebook.level_names = {"Hoved/kategori [A]: en svært lang beskrivelse av nivået",
                            "'Under*kategori?'", "under*kategori"};
  const std::string odd = report::matrices_xlsx(r, a);
  CHECK(odd.rfind("PK", 0) == 0);
}

TEST_CASE("render_all writes every output and a manifest of them", "[report]") {
  loader::Study study;
  study.manifest.title = "Studie";
  study.manifest.language = "en";
  study.rounds = {sample_round()};
  const std::vector<condense::RoundAnalysis> analyses = {sample_analysis(study.rounds[0])};
  report::Options options;
  options.version = "0.1.0";
  options.xlsx = true;
  const auto files = report::render_all(study, analyses, options);
  for (const char* name :
       {"r1/units.csv", "r1/matrix-informant-theme.csv", "r1/matrix-informant-group.csv",
        "r1/matrix-informant-subgroup.csv", "r1/matrix-refs.md", "r1/overview.csv",
        "r1/cooccurrence.csv", "r1/report.md", "r1/report.html", "r1/matrices.xlsx", "rounds.csv",
        "report.html", "manifest.json"}) {
    CHECK(files.count(name) == 1);
  }
  CHECK(files.size() == 13);
  const std::string& manifest = files.at("manifest.json");
  for (const auto& [path, bytes] : files) {
    if (path == "manifest.json") continue;
    CHECK(manifest.find("\"" + path + "\": \"" + ipcode::sha256_hex(bytes) + "\"") !=
          std::string::npos);
  }
  CHECK(manifest.find("\"manifest.json\"") == std::string::npos);
}

TEST_CASE("render_each hands over the files of render_all in order and stops at an error",
          "[report]") {
  loader::Study study;
  study.manifest.title = "Studie";
  study.rounds = {sample_round()};
  const std::vector<condense::RoundAnalysis> analyses = {sample_analysis(study.rounds[0])};
  report::Options options;
  options.version = "0.1.0";
  const auto all = report::render_all(study, analyses, options);
  std::vector<std::string> order;
  std::map<std::string, std::string> seen;
  const auto st = report::render_each(study, analyses, options,
                                      [&](const std::string& path, std::string bytes) {
                                        order.push_back(path);
                                        seen[path] = std::move(bytes);
                                        return ipcode::Status(ipcode::Ok{});
                                      });
  REQUIRE(st.ok());
  CHECK(seen == all);
  REQUIRE(order.size() == 12);
  CHECK(order.front() == "r1/units.csv");
  CHECK(order[7] == "r1/report.md");
  CHECK(order[8] == "r1/report.html");
  CHECK(order.back() == "manifest.json");

  int calls = 0;
  const auto failed = report::render_each(
      study, analyses, options, [&](const std::string& path, std::string) -> ipcode::Status {
        ++calls;
        if (path == "r1/overview.csv") {
          return ipcode::Error{ipcode::ErrorKind::cannot_write, "disk full"};
        }
        return ipcode::Ok{};
      });
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message == "disk full");
  CHECK(calls == 6);
}

namespace {

// Checks the writer protocol (begin, writes, end; nothing after a failure) and joins the pieces.
class RecordingWriter final : public report::OutputWriter {
 public:
  ipcode::Status begin(const std::string& path) override {
    CHECK(open_.empty());
    CHECK_FALSE(failed_);
    open_ = path;
    files[path];
    pieces[path] = 0;
    return ipcode::Ok{};
  }
  ipcode::Status write(std::string_view bytes) override {
    REQUIRE_FALSE(open_.empty());
    CHECK_FALSE(failed_);
    files[open_] += bytes;
    ++pieces[open_];
    if (open_.find("report.") != std::string::npos) largest = std::max(largest, bytes.size());
    if (open_ == fail_at && pieces[open_] == 2) {
      failed_ = true;
      return ipcode::Error{ipcode::ErrorKind::cannot_write, "disk full"};
    }
    return ipcode::Ok{};
  }
  ipcode::Status end() override {
    REQUIRE_FALSE(open_.empty());
    CHECK_FALSE(failed_);
    open_.clear();
    return ipcode::Ok{};
  }

  std::string fail_at;  // fails at this file's second piece
  std::map<std::string, std::string> files;
  std::map<std::string, int> pieces;
  std::size_t largest = 0;  // the largest piece of a report

 private:
  std::string open_;
  bool failed_ = false;
};

// A round whose reports are a few MB: enough units for the appendix to come in pieces.
loader::RoundData large_round() {
  loader::RoundData r = sample_round();
  for (int i = 0; i < 20000; ++i) {
    r.units.push_back(make_unit("B2-" + std::to_string(1000 + i), 0, "B2", 3, 3, 20, 21, {2},
                                "Jeg skrev under & visste <ikke> hva."));
  }
  return r;
}

}  // namespace

TEST_CASE("render_each hands the round reports over in pieces, byte for byte", "[report]") {
  loader::Study study;
  study.manifest.title = "Studie";
  study.rounds = {large_round()};
  const std::vector<condense::RoundAnalysis> analyses = {sample_analysis(study.rounds[0])};
  report::Options options;
  options.version = "0.1.0";
  const auto all = report::render_all(study, analyses, options);
  RecordingWriter writer;
  REQUIRE(report::render_each(study, analyses, options, writer).ok());
  CHECK(writer.files == all);
  REQUIRE(all.at("r1/report.html").size() > 2 * report::kPieceSize);
  CHECK(writer.pieces.at("r1/report.md") >= 2);
  CHECK(writer.pieces.at("r1/report.html") >= 3);
  // units.csv is as large as the coded text: in pieces too; the small files are whole.
  CHECK(writer.pieces.at("r1/units.csv") >= 2);
  CHECK(all.at("r1/units.csv") == report::units_csv(study.rounds[0], analyses[0]));
  CHECK(writer.pieces.at("r1/overview.csv") == 1);
  // Pieces are cut after whole blocks: a little over kPieceSize, never a whole large report.
  CHECK(writer.largest >= report::kPieceSize);
  CHECK(writer.largest < 2 * report::kPieceSize);
  CHECK(all.at("r1/report.md") == report::report_md(study, study.rounds[0], analyses[0], options));
  CHECK(all.at("r1/report.html") ==
        report::report_html(study, study.rounds[0], analyses[0], options));
  // The manifest's hash of a report hashed piece by piece is the hash of its bytes.
  CHECK(all.at("manifest.json").find(ipcode::sha256_hex(all.at("r1/report.html"))) !=
        std::string::npos);

  RecordingWriter failing;
  failing.fail_at = "r1/report.html";
  const auto st = report::render_each(study, analyses, options, failing);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message == "disk full");
  CHECK(failing.files.count("rounds.csv") == 0);
  CHECK(failing.pieces.at("r1/report.html") == 2);
}
