// `ipcode agree` numbers in the message language (SPEC §11: 0,82 in nb) and its CSV.
#include "cli/agree_print.hpp"
#include "ipcode/base/i18n.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace ipcode;

TEST_CASE("agree writes numbers in the message language", "[agree]") {
  i18n::set_catalog_dir(IPCODE_CATALOG_DIR);
  struct Row {
    const char* lang;
    double value;
    int places;
    const char* expected;
  };
  const Row rows[] = {
      {"nb", 0.8234, 2, "0,82"},   {"nn", 0.8251, 2, "0,83"},   {"en", 0.8234, 2, "0.82"},
      {"nb", -0.001, 2, "0,00"},  // never "-0,00"
      {"en", -0.0253, 2, "-0.03"}, {"nb", 97.05882, 1, "97,1"}, {"en", 1.0, 2, "1.00"},
  };
  for (const auto& r : rows) {
    i18n::set_language(r.lang);
    INFO(r.lang << " " << r.value);
    CHECK(cli::decimal(r.value, r.places) == r.expected);
  }
  i18n::set_language("en");
}

TEST_CASE("agree CSV: dot decimals whatever the language, undefined empty", "[agree]") {
  i18n::set_catalog_dir(IPCODE_CATALOG_DIR);
  i18n::set_language("nb");
  cli::AgreeReport r;
  r.result.codes.push_back({"underskrift", "Skriver under, uten å vite hva", {3, 3, 0, 96}});
  r.result.codes.push_back({"alle", "Overalt", {5, 0, 0, 0}});
  for (const auto& c : r.result.codes) r.result.pooled += c.counts;
  CHECK(cli::agree_csv(r) ==
        "code,label,units,both,only_a,only_b,neither,agreement,kappa,alpha\n"
        "underskrift,\"Skriver under, uten å vite hva\",102,3,3,0,96,0.9706,0.6531,0.6530\n"
        "alle,Overalt,5,5,0,0,0,1.0000,,\n"
        "(pooled),,107,8,3,0,96,0.9720,0.8271,0.8275\n");
  i18n::set_language("en");
}
