#include "ipcode/loader/study.hpp"

#include <catch2/catch.hpp>

using namespace ipcode;

namespace {
const std::string kMini = std::string(IPCODE_SOURCE_DIR) + "/tests/data/mini";
}

TEST_CASE("the mini study loads: NFD, CRLF+BOM and Windows-1252 transcripts", "[loader]") {
  Diagnostics d;
  const auto study = loader::load(kMini, {}, d);
  CHECK_FALSE(d.has_errors());
  REQUIRE(study.rounds.size() == 1);
  const auto& r = study.rounds[0];
  CHECK(r.informants == std::vector<std::string>{"B1", "B2", "B10"});
  CHECK(r.units.size() == 7);
  // Default ids by position; the first unit spans two lines through a (…) gap.
  const int u = r.find_unit("B1-01");
  REQUIRE(u >= 0);
  CHECK(r.units[static_cast<std::size_t>(u)].line_start == 8);
  CHECK(r.units[static_cast<std::size_t>(u)].line_end == 9);
  const int p = r.find_unit("B1-02");
  REQUIRE(p >= 0);
  CHECK(r.units[static_cast<std::size_t>(p)].page_start == 2);
  // The unit in the CRLF + BOM transcript, and the one in the Windows-1252 transcript.
  CHECK(r.find_unit("B2-02") >= 0);
  const int w = r.find_unit("B10-01");
  REQUIRE(w >= 0);
  CHECK(r.units[static_cast<std::size_t>(w)].text == "Målene skal være brukerens egne");
  CHECK(study.input_hashes.count("transcripts/r1/B10.txt") == 1);
  CHECK(study.input_hashes.size() == 9);
}

TEST_CASE("without hash_inputs the study loads the same, with only the small files hashed",
          "[loader]") {
  Diagnostics d;
  loader::Options o;
  o.hash_inputs = false;
  const auto study = loader::load(kMini, o, d);
  CHECK_FALSE(d.has_errors());
  REQUIRE(study.rounds.size() == 1);
  CHECK(study.rounds[0].units.size() == 7);
  CHECK(study.input_hashes.count("transcripts/r1/B10.txt") == 0);
  CHECK(study.input_hashes.count("ipcode.yaml") == 1);
}

TEST_CASE("a missing study is a missing-input problem", "[loader]") {
  Diagnostics d;
  loader::load(std::string(IPCODE_SOURCE_DIR) + "/tests/data/does-not-exist", {}, d);
  CHECK(d.has_missing());
}

TEST_CASE("option coder selects one coder's files", "[loader]") {
  Diagnostics d;
  loader::Options o;
  o.coder = "nobody";
  const auto study = loader::load(kMini, o, d);
  CHECK(study.rounds[0].units.empty());
}
