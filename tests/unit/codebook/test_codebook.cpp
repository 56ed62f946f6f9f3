#include "ipcode/codebook/codebook.hpp"

#include <catch2/catch.hpp>

using namespace ipcode;
using namespace ipcode::codebook;

namespace {
const char* kBook = R"(codebook: ip
version: 2
levels: {theme: Hovedkategori, subgruppe: Kode}
tema:
  - id: inngaaelse
    label: Inngåelse
    kodegrupper:
      - id: samtykke
        label: Informert samtykke
        color: "#1b9e77"
        keywords: [samtykke, "skriv* under", "=IP"]
        subgrupper:
          - id: underskrift
            label: Skriver under
  - id: medvirkning
    label: Medvirkning
)";
}

TEST_CASE("codebook with Norwegian key aliases, levels and order", "[codebook]") {
  Diagnostics d;
  const auto cb = parse_codebook(kBook, "codebook.yaml", d);
  INFO((d.items().empty() ? "" : d.items()[0].message));
  CHECK(d.items().empty());
  CHECK(cb.name == "ip");
  CHECK(cb.version == "2");
  REQUIRE(cb.nodes.size() == 4);
  CHECK(cb.nodes[2].id == "underskrift");
  CHECK(cb.nodes[2].level == Level::subgroup);
  CHECK(cb.lineage(2) == std::vector<int>{2, 1, 0});
  CHECK(cb.theme_of(2) == 0);
  CHECK(cb.level_name(Level::theme, "en") == "Hovedkategori");
  CHECK(cb.level_name(Level::subgroup, "en") == "Kode");
  CHECK(cb.level_name(Level::group, "en") == "Code group");
  CHECK(cb.nodes[1].keywords.size() == 3);
}

TEST_CASE("codebook errors: bad ids, duplicates, colours, keywords, missing label", "[codebook]") {
  Diagnostics d;
  parse_codebook(R"Y(codebook: x
themes:
  - id: Inngåelse
    label: A
  - id: a
    label: B
    groups:
      - id: a
        label: C
        color: red
        keywords: ["sign*er", "(x)"]
      - id: b
)Y",
                 "cb.yaml", d);
  std::vector<std::string> messages;
  for (const auto& i : d.items()) messages.push_back(std::to_string(i.line) + " " + i.message);
  INFO(messages.size());
  REQUIRE(d.error_count() == 6);
  CHECK(d.items()[0].line == 3);  // Inngåelse: not ASCII
}

TEST_CASE("merging codebook files keeps ids unique across them", "[codebook]") {
  Diagnostics d;
  auto a = parse_codebook("codebook: a\nthemes:\n  - id: x\n    label: X\n", "a.yaml", d);
  auto b = parse_codebook(
      "codebook: b\nthemes:\n  - id: x\n    label: X2\n  - id: y\n    label: Y\n", "b.yaml", d);
  const auto m = merge({a, b}, d);
  CHECK(m.nodes.size() == 3);
  REQUIRE(d.error_count() == 1);
  CHECK(d.items()[0].file == "b.yaml");
  CHECK(d.items()[0].message.find("a.yaml:3") != std::string::npos);
}

TEST_CASE("codebook diff: added, removed, renamed, moved", "[codebook]") {
  Diagnostics d;
  const auto a = parse_codebook(R"(codebook: ip
themes:
  - id: t1
    label: T1
    groups:
      - id: g1
        label: Gammel
      - id: g2
        label: G2
  - id: t2
    label: T2
)",
                                "a.yaml", d);
  const auto b = parse_codebook(R"(codebook: ip
themes:
  - id: t1
    label: T1
    groups:
      - id: g1
        label: Ny
  - id: t2
    label: T2
    groups:
      - id: g3
        label: G3
)",
                                "b.yaml", d);
  REQUIRE(d.items().empty());
  const auto changes = diff(a, b);
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].kind == Change::Kind::relabelled);
  CHECK(changes[0].before == "Gammel");
  CHECK(changes[1].kind == Change::Kind::added);
  CHECK(changes[1].id == "g3");
  CHECK(changes[2].kind == Change::Kind::removed);
  CHECK(changes[2].id == "g2");
}

TEST_CASE("keyword syntax", "[codebook]") {
  CHECK(keyword_problem("signer*").empty());
  CHECK(keyword_problem("skriv* under").empty());
  CHECK(keyword_problem("=IP").empty());
  CHECK_FALSE(keyword_problem("si*gner").empty());
  CHECK_FALSE(keyword_problem("").empty());
  CHECK_FALSE(keyword_problem("a|b").empty());
}

TEST_CASE("codebook diff: a node moved to another parent, and a changed level", "[codebook]") {
  Diagnostics d;
  const auto a = parse_codebook(R"(codebook: ip
themes:
  - id: t1
    label: T1
    groups:
      - id: g1
        label: G1
        subgroups:
          - id: s1
            label: S1
  - id: t2
    label: T2
    groups:
      - id: g2
        label: G2
)",
                                "a.yaml", d);
  const auto b = parse_codebook(R"(codebook: ip
themes:
  - id: t1
    label: T1
    groups:
      - id: g1
        label: G1
  - id: t2
    label: T2
    groups:
      - id: g2
        label: G2
        subgroups:
          - id: s1
            label: S1
      - id: s2
        label: S2
)",
                                "b.yaml", d);
  REQUIRE(d.items().empty());
  const auto changes = diff(a, b);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].kind == Change::Kind::moved);
  CHECK(changes[0].id == "s1");
  CHECK(changes[0].before == "g1");
  CHECK(changes[0].after == "g2");
  CHECK(changes[1].kind == Change::Kind::added);
  CHECK(changes[1].id == "s2");
}

TEST_CASE("a codebook with a tab or a bad indent is one error at its line and has no nodes",
          "[codebook]") {
  // The loader treats "errors and no nodes" as a codebook that cannot be read, and then stays
  // quiet about the round's unknown codes: so there must be exactly one error, at the mistake.
  struct Case {
    const char* text;
    int line;
    int col;
    const char* says;
  };
  const Case cases[] = {
      {"codebook: ip\nthemes:\n\t- id: a\n    label: A\n", 3, 1, "tab characters"},
      {"codebook: ip\nthemes:\n  - id: a\n     label: A\n", 4, 6, "indentation"},
      {"codebook: ip\nthemes:\n  - id: a\n    label: A\n    groups:\n    - id: b\n      label: "
       "B\n     subgroups: []\n",
       8, 6, "indentation"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    Diagnostics d;
    const auto cb = parse_codebook(c.text, "codebook.yaml", d);
    CHECK(cb.nodes.empty());
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].line == c.line);
    CHECK(d.items()[0].col == c.col);
    CHECK(d.items()[0].message.find(c.says) != std::string::npos);
  }
}

TEST_CASE("codebook questions: read, and checked against the nodes of every file", "[codebook]") {
  Diagnostics d;
  auto a = parse_codebook(R"(codebook: a
themes:
  - id: x
    label: X
spørsmål:
  - id: q1
    tekst: Hva vet brukerne om planen?
    noder: [x, y]
  - id: Q2
    text: Hvem tok initiativet?
  - id: q3
    nodes: z
)",
                          "a.yaml", d);
  REQUIRE(a.questions.size() == 3);
  CHECK(a.questions[0].text == "Hva vet brukerne om planen?");
  CHECK(a.questions[0].nodes == std::vector<std::string>{"x", "y"});
  CHECK(a.questions[0].node_marks[1].first == 8);
  CHECK(a.questions[0].node_marks[1].second == 16);
  // Q2: not a valid id; q3: no text.
  REQUIRE(d.error_count() == 2);
  CHECK(d.items()[0].message.find("'Q2' is not allowed") != std::string::npos);
  CHECK(d.items()[1].message.find("'q3' needs a 'text'") != std::string::npos);
  auto b = parse_codebook(
      "codebook: b\nthemes:\n  - id: y\n    label: Y\nquestions:\n  - id: q1\n    text: Igjen\n",
      "b.yaml", d);
  Diagnostics m;
  const auto merged = merge({a, b}, m);
  CHECK(merged.questions.size() == 4);
  CHECK(merged.find_question("q3") == 2);
  CHECK(merged.find_question("q9") == -1);
  // y is a node of b.yaml; z is nowhere (did you mean y? no: too far from either); q1 twice.
  REQUIRE(m.error_count() == 2);
  CHECK(m.items()[0].message.find("'q3' names 'z'") != std::string::npos);
  CHECK(m.items()[0].line == 12);
  CHECK(m.items()[1].message.find("duplicate question id 'q1' (also in a.yaml:6)") !=
        std::string::npos);
}

TEST_CASE("highlight: Word's colour names or #rrggbb, with a did you mean", "[codebook]") {
  const auto book = [](const std::string& value) {
    return "codebook: t\nthemes:\n  - id: a\n    label: A\n    highlight: " + value + "\n";
  };
  struct Case {
    const char* value;
    const char* kept;
    const char* error;
  };
  const std::vector<Case> cases = {
      {"yellow", "yellow", ""},       {"DarkBlue", "darkBlue", ""},
      {"\"#FFFF00\"", "#ffff00", ""}, {"yelow", "", "did you mean 'yellow'?"},
      {"\"#ff\"", "", "#ffff00"},     {"purple", "", "not one of Word's highlight colours"},
  };
  for (const auto& c : cases) {
    INFO(c.value);
    Diagnostics d;
    const auto cb = parse_codebook(book(c.value), "codebook.yaml", d);
    REQUIRE(cb.nodes.size() == 1);
    CHECK(cb.nodes[0].highlight == c.kept);
    if (*c.error == '\0') {
      CHECK(d.items().empty());
    } else {
      REQUIRE(d.error_count() == 1);
      CHECK(d.items()[0].line == 5);
      CHECK(d.items()[0].col == 16);
      CHECK(d.items()[0].message.find(c.error) != std::string::npos);
    }
  }
}
