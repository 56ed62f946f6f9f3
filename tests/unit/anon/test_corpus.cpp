// Precision and recall of `ipcode anon` on a synthetic Norwegian corpus (tests/data/anon/):
// interview text with planted identifiers (answers.tsv, written by hand) and tricky negatives
// (case numbers with bad check digits, "Per" and "Kari" starting sentences, years, prices,
// "Strand" as a place (a surname too: the one false positive, kept to keep the measure honest),
// "Storgata" without a number, 8-digit amounts in kroner, dates that are no birth dates).
// Fails below recall 1.0 or precision 0.9.
#include "ipcode/anon/study.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/loader/study.hpp"

#include <catch2/catch.hpp>

#include <iostream>
#include <set>
#include <sstream>
#include <string>

using namespace ipcode;

namespace {

const char* key(anon::Category c) {
  switch (c) {
    case anon::Category::id_number:
      return "id number";
    case anon::Category::phone:
      return "phone";
    case anon::Category::email:
      return "email";
    case anon::Category::url:
      return "url";
    case anon::Category::address:
      return "address";
    case anon::Category::postcode:
      return "postcode";
    case anon::Category::birth_date:
      return "birth date";
    case anon::Category::name:
      return "name";
    case anon::Category::known:
      return "known";
  }
  return "";
}

}  // namespace

TEST_CASE("precision and recall on the planted corpus", "[anon][corpus]") {
  const std::string dir = std::string(IPCODE_SOURCE_DIR) + "/tests/data/anon";
  Diagnostics diags;
  const auto study = loader::load(dir + "/corpus", {}, diags);
  REQUIRE_FALSE(diags.has_errors());

  // file \t line \t col \t category \t text
  std::set<std::string> answers;
  const auto tsv = fs::read_file(dir + "/answers.tsv");
  REQUIRE(tsv);
  std::istringstream in(*tsv);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    REQUIRE(f.size() == 5);
    answers.insert(std::string(f[0]) + ":" + std::string(f[1]) + ":" + std::string(f[2]) + " " +
                   std::string(f[3]) + " " + std::string(f[4]));
  }
  REQUIRE(answers.size() == 36);

  std::set<std::string> found;
  for (const auto& p : anon::scan_study(study, anon::rules_for(study, {}))) {
    found.insert(p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) + " " +
                 key(p.category) + " " + p.text);
  }
  std::size_t hits = 0;
  for (const auto& a : answers) {
    INFO("missed: " << a);
    CHECK(found.count(a) == 1);
    hits += found.count(a);
  }
  for (const auto& f : found) {
    if (answers.count(f) == 0) WARN("not planted: " << f);
  }
  const double recall = static_cast<double>(hits) / static_cast<double>(answers.size());
  const double precision =
      found.empty() ? 1.0 : static_cast<double>(hits) / static_cast<double>(found.size());
  std::cout << "anon corpus: recall " << recall << ", precision " << precision << " (" << hits
            << " of " << answers.size() << " planted, " << found.size() << " found)\n";
  CHECK(recall == 1.0);
  CHECK(precision >= 0.9);
}
