#include <catch2/catch.hpp>

#include "ipcode/coding/coding.hpp"
#include "ipcode/study/manifest.hpp"

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
)", "coding/r1/B1.yaml", d);
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
)", "condensation/r1.yaml", d);
  CHECK(d.items().empty());
  CHECK(c.round == "r1");
  REQUIRE(c.subgroups.count("underskrift") == 1);
  CHECK(c.subgroups.at("underskrift").condensate == "Jeg skriver under.");
  CHECK(c.subgroups.at("underskrift").norms.size() == 1);
  CHECK(c.groups.at("samtykke").analysis == "Tekst.");
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
)", "ipcode.yaml", d);
  CHECK(d.items().empty());
  CHECK(m.language == "nn");
  CHECK(m.implicit_round);
  REQUIRE(m.rounds.size() == 1);
  CHECK(m.rounds[0].id == "r1");
  CHECK(m.rounds[0].transcripts == std::vector<std::string>{"transcripts/**"});
  CHECK(m.informant("B1")->role == "bruker");
  CHECK(m.attribution == study::Attribution::pseudonym);
  Diagnostics d2;
  study::parse_manifest("ipcode: 2\nlanguage: de\nrounds:\n  - id: r1\n  - id: r1\n    transcripts: t/*\n", "ipcode.yaml", d2);
  CHECK(d2.error_count() == 4);  // version, language, r1 without transcripts, duplicate r1
}
