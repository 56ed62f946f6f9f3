#include "ipcode/coding/coding.hpp"
#include "ipcode/study/manifest.hpp"

#include <catch2/catch.hpp>

using namespace ipcode;

TEST_CASE("coding file with aliases, ranges and both unit forms", "[coding]") {
  Diagnostics d;
  const auto f = coding::parse_coding(R"(transcript: r1-B1
koder: KH
meningsenheter:
  - id: B1-01
    linjer: 5–6
    sitat: Jeg bare skriver under
    koder: [underskrift]
  - lines: 9
    codes: samtykke
  - quote: bare quote
    codes: []
  - id: B1-04
    lines: 9-3
    codes: [x]
)",
                                      "coding/r1/B1.yaml", d);
  CHECK(f.transcript == "r1-B1");
  CHECK(f.coder == "KH");
  REQUIRE(f.units.size() == 3);  // B1-04 has no usable place and is left out
  CHECK(f.unplaced_ids == std::vector<std::string>{"B1-04"});
  CHECK(f.units[0].line_from == 5);
  CHECK(f.units[0].line_to == 6);
  CHECK(f.units[1].codes == std::vector<std::string>{"samtykke"});
  REQUIRE(d.error_count() == 2);  // no codes; a backwards range
  CHECK(d.items()[0].line == 10);
  CHECK(d.items()[1].line == 13);
}

TEST_CASE("condensation file", "[coding]") {
  Diagnostics d;
  const auto c = coding::parse_condensation(R"(runde: r1
subgrupper:
  underskrift:
    kondensat: Jeg skriver under.
    quote: B1-01
    norms:
      - source: Forskrift § 5
        text: Samtykke.
groups:
  samtykke:
    analysis: Tekst.
)",
                                            "condensation/r1.yaml", d);
  CHECK(d.items().empty());
  CHECK(c.round == "r1");
  REQUIRE(c.subgroups.count("underskrift") == 1);
  CHECK(c.subgroups.at("underskrift").condensate == "Jeg skriver under.");
  CHECK(c.subgroups.at("underskrift").norms.size() == 1);
  CHECK(c.groups.at("samtykke").analysis == "Tekst.");
}

TEST_CASE("condensation file: 'norms:' or 'feedback:' left empty is none, a text is an error",
          "[coding]") {
  Diagnostics d;
  const auto c = coding::parse_condensation(R"(round: r1
subgroups:
  underskrift:
    condensate: Jeg skriver under.
    norms:
    feedback:
groups:
  samtykke:
    analysis: Tekst.
    norms:
)",
                                            "condensation/r1.yaml", d);
  CHECK(d.items().empty());
  REQUIRE(c.subgroups.count("underskrift") == 1);
  CHECK(c.subgroups.at("underskrift").norms.empty());
  CHECK(c.subgroups.at("underskrift").feedback.empty());
  CHECK(c.groups.at("samtykke").norms.empty());
  Diagnostics d2;
  coding::parse_condensation(
      "round: r1\nsubgroups:\n  underskrift:\n    norms: Forskrift § 5\n    feedback: enig\n",
      "condensation/r1.yaml", d2);
  REQUIRE(d2.error_count() == 2);
  CHECK(d2.items()[0].line == 4);
  CHECK(d2.items()[0].message.find("'norms' must be a list") != std::string::npos);
  CHECK(d2.items()[1].line == 5);
  CHECK(d2.items()[1].message.find("'feedback' must be a list") != std::string::npos);
}

TEST_CASE("manifest: rounds, informants, implicit round, attribution", "[study]") {
  Diagnostics d;
  const auto m = study::parse_manifest(R"(ipcode: 1
title: T
language: nn
informanter:
  - id: B1
    rolle: bruker
    attributes: {kjønn: K}
report: {attribution: pseudonym}
)",
                                       "ipcode.yaml", d);
  CHECK(d.items().empty());
  CHECK(m.language == "nn");
  CHECK(m.implicit_round);
  REQUIRE(m.rounds.size() == 1);
  CHECK(m.rounds[0].id == "r1");
  CHECK(m.rounds[0].transcripts == std::vector<std::string>{"transcripts/**"});
  CHECK(m.informant("B1")->role == "bruker");
  CHECK(m.attribution == study::Attribution::pseudonym);
  Diagnostics d2;
  study::parse_manifest(
      "ipcode: 2\nlanguage: de\nrounds:\n  - id: r1\n  - id: r1\n    transcripts: t/*\n",
      "ipcode.yaml", d2);
  CHECK(d2.error_count() == 4);  // version, language, r1 without transcripts, duplicate r1
}

TEST_CASE("'lines' values: what is accepted and what each mistake says", "[coding]") {
  struct Case {
    const char* lines;
    int from;  // 0: rejected
    int to;
    const char* message;  // part of the error when rejected
  };
  const Case cases[] = {
      {"5", 5, 5, ""},
      {"5-6", 5, 6, ""},
      {"5–6", 5, 6, ""},
      {"5 - 6", 5, 6, ""},
      {"7-7", 7, 7, ""},
      {"0", 0, 0, "lines are counted from 1"},
      {"0-3", 0, 0, "lines are counted from 1"},
      {"-3", 0, 0, "lines are counted from 1"},
      {"9-5", 0, 0, "'lines: 9-5' runs backwards; write the first line first (5-9)"},
      {"fem", 0, 0, "not 'fem'"},
      {"5-6-7", 0, 0, "not '5-6-7'"},
      {"100000000", 100000000, 100000000, ""},
      {"99999999999", 0, 0, "'lines: 99999999999' is beyond the end of any transcript"},
      {"4294967305", 0, 0, "'lines: 4294967305' is beyond the end of any transcript"},
      {"1-2000000000", 0, 0, "'lines: 1-2000000000' is beyond the end of any transcript"},
      {"100000001", 0, 0, "line numbers go up to 100000000 at most"},
      {"99999999999999999999999", 0, 0, "is beyond the end of any transcript"},
      {"[5, 6]", 0, 0, "a line number or a range"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.lines);
    Diagnostics d;
    const auto f =
        coding::parse_coding(std::string("transcript: r1-B1\nunits:\n  - id: U\n    lines: ") +
                                 c.lines + "\n    codes: [x]\n",
                             "coding/B1.yaml", d);
    if (c.from > 0) {
      CHECK(d.items().empty());
      REQUIRE(f.units.size() == 1);
      CHECK(f.units[0].has_lines);
      CHECK(f.units[0].line_from == c.from);
      CHECK(f.units[0].line_to == c.to);
    } else {
      // Without a quote the unit has no place: reported once (at 'lines') and left out.
      REQUIRE(d.error_count() == 1);
      CHECK(d.items()[0].line == 4);
      CHECK(d.items()[0].message.find(c.message) != std::string::npos);
      CHECK(f.units.empty());
      CHECK(f.unplaced_ids == std::vector<std::string>{"U"});
    }
  }
}

TEST_CASE("only units with a place to be found are handed on", "[coding]") {
  Diagnostics d;
  const auto f = coding::parse_coding(R"(transcript: r1-B1
units:
  - id: B1-01
    qoute: Jeg bare skriver under
    codes: [x]
  - quote: ''
    codes: [x]
  - id: B1-03
    lines: fem
    quote: Jeg bare skriver under
    codes: [x]
  - quote: "  "
    lines: 4
    codes: [x]
)",
                                      "coding/r1/B1.yaml", d);
  // B1-03 keeps its quote (its 'lines' is reported); the last one keeps its lines.
  REQUIRE(f.units.size() == 2);
  CHECK(f.units[0].id == "B1-03");
  CHECK_FALSE(f.units[0].has_lines);
  CHECK(f.units[1].has_lines);
  CHECK(f.units[1].quote.empty());
  CHECK(f.unplaced_ids == std::vector<std::string>{"B1-01"});
  d.sort();
  std::vector<std::string> messages;
  for (const auto& item : d.items())
    messages.push_back(std::to_string(item.line) + ": " + item.message);
  CHECK(messages == std::vector<std::string>{
                        "3: 'B1-01' needs 'lines', 'quote' or both",
                        "4: unknown key 'qoute' in a meaning unit; did you mean 'quote'?",
                        "6: the unit at line 6 needs 'lines', 'quote' or both",
                        "9: 'lines' must be a line number or a range like 12-14, not 'fem'",
                    });
}

TEST_CASE("names: ids are compared after NFC", "[coding][names]") {
  const std::string nfc = "B3-\xC3\xA5";   // "B3-å", precomposed
  const std::string nfd = "B3-a\xCC\x8A";  // "B3-å", a + combining ring
  Diagnostics d;
  const auto f = coding::parse_coding(
      "transcript: r1-B3\nunits:\n  - id: " + nfd + "\n    lines: 4\n    codes: [x]\n",
      "coding/B3.yaml", d);
  REQUIRE(f.units.size() == 1);
  CHECK(f.units[0].id == nfc);
  const auto c = coding::parse_condensation(
      "subgroups:\n  x:\n    condensate: Tekst.\n    quote: " + nfc + "\n", "c.yaml", d);
  REQUIRE(c.subgroups.count("x") == 1);
  CHECK(c.subgroups.at("x").quote == f.units[0].id);
  CHECK(d.items().empty());
  const auto m =
      study::parse_manifest("ipcode: 1\ninformants:\n  - id: " + nfd + "\nrounds:\n  - id: r1-" +
                                nfd + "\n    transcripts: t/*.txt\n",
                            "ipcode.yaml", d);
  for (const auto& item : d.items()) CHECK(item.message.find("may only use") == std::string::npos);
  REQUIRE(m.informants.size() == 1);
  CHECK(m.informants[0].id == nfc);
  CHECK(m.informant(nfc) != nullptr);
  REQUIRE(m.rounds.size() == 1);
  CHECK(m.rounds[0].id == "r1-" + nfc);
}

TEST_CASE("names: round and informant ids that become folder names", "[study][names]") {
  struct Case {
    const char* id;
    bool ok;
  };
  const Case cases[] = {
      {"r1", true},
      {"runde-\xC3\xA6\xC3\xB8\xC3\xA5", true},  // æøå
      {"r1\xE2\x80\xAE", false},                 // U+202E RIGHT-TO-LEFT OVERRIDE
      {"r\xE2\x81\xA6"
       "1",
       false},  // U+2066 LEFT-TO-RIGHT ISOLATE
      {"r\xE2\x80\x8B"
       "1",
       false},  // U+200B ZERO WIDTH SPACE
      {"r\xE2\x80\x8D"
       "1",
       false},  // U+200D ZERO WIDTH JOINER
      {"\xEF\xBB\xBF"
       "r1",
       false},  // U+FEFF
      {"\"r1/../x\"", false},
      {"\"..\"", false},
      {"\"r1\\\\x\"", false},
      {"\"r 1\"", false},
      {"r1\xC2\xA0", false},  // no-break space
  };
  for (const auto& c : cases) {
    CAPTURE(c.id);
    for (const std::string where : {"rounds", "informants"}) {
      Diagnostics d;
      study::parse_manifest(std::string("ipcode: 1\n") + where + ":\n  - id: " + c.id + "\n",
                            "ipcode.yaml", d);
      std::vector<Diagnostic> bad;
      for (const auto& item : d.items()) {
        if (item.message.find("may only use letters, digits, '-' and '_'") != std::string::npos)
          bad.push_back(item);
      }
      REQUIRE(bad.size() == (c.ok ? 0U : 1U));
      if (!c.ok) {
        CHECK(bad[0].line == 3);
        CHECK(bad[0].col == 9);
      }
    }
  }
}

TEST_CASE("manifest: an informant is found by its index, and without it as with it", "[study]") {
  Diagnostics d;
  auto m = study::parse_manifest(
      "ipcode: 1\ninformants:\n  - id: B1\n    role: bruker\n  - id: B2\n    role: "
      "pårørende\n  - id: B3\n    role: bruker\n",
      "ipcode.yaml", d);
  REQUIRE(m.informants.size() == 3);
  CHECK(m.informant_index.size() == 3);
  CHECK(m.informant("B2") == &m.informants[1]);
  CHECK(m.informant("B4") == nullptr);
  // Changed after parsing: the index is out of date, the answers are not.
  m.informants[0].id = "B9";
  std::swap(m.informants[1], m.informants[2]);
  CHECK(m.informant("B1") == nullptr);
  CHECK(m.informant("B9") == &m.informants[0]);
  CHECK(m.informant("B2") == &m.informants[2]);
  CHECK(m.informant("B3") == &m.informants[1]);
  // Built without parse_manifest: no index, found all the same.
  study::Manifest built;
  built.informants.push_back({});
  built.informants.back().id = "B5";
  CHECK(built.informant("B5") == &built.informants[0]);
}

TEST_CASE("manifest: a format version too large for an int is not version 1", "[study]") {
  for (const char* v : {"4294967297", "99999999999", "2"}) {
    CAPTURE(v);
    Diagnostics d;
    study::parse_manifest(std::string("ipcode: ") + v + "\n", "ipcode.yaml", d);
    bool said = false;
    for (const auto& item : d.items())
      said = said || item.message.find("is not supported") != std::string::npos;
    CHECK(said);
  }
}
