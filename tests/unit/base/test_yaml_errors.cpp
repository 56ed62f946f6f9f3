// YAML syntax errors as a student meets them: each case is a small file with one mistake, the
// place ipcode must point at (the line of the mistake, not the line where yaml-cpp noticed it)
// and the explanation, in English and in bokmål.
#include "ipcode/base/diagnostic.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ipcode;

namespace {

enum class Why {
  tab,
  quote,
  indent,
  list_item,
  no_colon,
  open_list,
  open_map,
  after_quote,
  escape,
  unclosed,
  duplicate,
  quote_label
};

struct Text {
  const char* en;
  const char* nb;
};

Text text_of(Why why) {
  switch (why) {
    case Why::tab:
      return {"tab characters are not allowed for indentation in YAML; use spaces",
              "tabulatortegn kan ikke brukes til innrykk i YAML; bruk mellomrom"};
    case Why::quote:
      return {
          "a text that starts with [, {, *, &, !, |, >, @ or ` or contains ': ' must be in "
          "quotes or written as a block (write 'quote: >-' and the text on the next lines, "
          "indented)",
          "en tekst som begynner med [, {, *, &, !, |, >, @ eller `, eller som inneholder "
          "': ', må stå i anførselstegn eller skrives som en blokk (skriv 'quote: >-' og "
          "teksten på linjene under, med innrykk)"};
    case Why::indent:
      return {
          "this line's indentation does not match the lines above: keys of one map start in "
          "the same column, and what belongs to a key is indented further than the key",
          "innrykket på denne linjen passer ikke med linjene over: nøklene i samme blokk må "
          "begynne i samme kolonne, og det som hører til en nøkkel, må ha større innrykk enn "
          "nøkkelen"};
    case Why::list_item:
      return {
          "a list item '- ' where a key was expected: indent it under the key whose list it "
          "belongs to, or remove the '- '",
          "et listepunkt '- ' der det skulle stått en nøkkel: rykk det inn under nøkkelen "
          "som listen hører til, eller fjern '- '"};
    case Why::no_colon:
      return {"this line has no ':' after its key; write 'key: value'",
              "denne linjen mangler ':' etter nøkkelen; skriv 'nøkkel: verdi'"};
    case Why::open_list:
      return {
          "'[' starts a list that is not closed with ']' on this line; close it, or put a "
          "text that starts with '[' in quotes",
          "'[' starter en liste som ikke lukkes med ']' på denne linjen; lukk den, eller sett "
          "en tekst som begynner med '[', i anførselstegn"};
    case Why::open_map:
      return {
          "'{' starts a mapping that is not closed with '}' on this line; close it, or put a "
          "text that starts with '{' in quotes",
          "'{' starter en blokk med nøkler som ikke lukkes med '}' på denne linjen; lukk den, "
          "eller sett en tekst som begynner med '{', i anførselstegn"};
    case Why::after_quote:
      return {
          "the text in quotes ends at the second quote mark, but more follows; inside '...' "
          "write an apostrophe as '' (two), inside \"...\" write \\\", or write the text as "
          "a block (quote: >-)",
          "teksten i anførselstegn slutter ved det andre anførselstegnet, men det kommer mer "
          "etter; inne i '...' skriver du en apostrof som '' (to), inne i \"...\" som \\\", "
          "eller så skriver du teksten som en blokk (quote: >-)"};
    case Why::escape:
      return {
          "a backslash in a text in double quotes starts an escape such as \\n; write \\\\ "
          "for a backslash, or use single quotes",
          "en omvendt skråstrek i en tekst i doble anførselstegn starter en kode som \\n; "
          "skriv \\\\ for en omvendt skråstrek, eller bruk enkle anførselstegn"};
    case Why::quote_label:
      return {
          "a text that starts with [, {, *, &, !, |, >, @ or ` or contains ': ' must be in "
          "quotes or written as a block (write 'label: >-' and the text on the next lines, "
          "indented)",
          "en tekst som begynner med [, {, *, &, !, |, >, @ eller `, eller som inneholder "
          "': ', må stå i anførselstegn eller skrives som en blokk (skriv 'label: >-' og "
          "teksten på linjene under, med innrykk)"};
    case Why::unclosed:
      return {"unclosed quote: the text in quotes that starts here has no closing quote mark",
              "anførselstegnet lukkes ikke: teksten i anførselstegn som begynner her, har ikke "
              "noe avsluttende anførselstegn"};
    case Why::duplicate:
      return {"key 'quote' is given twice (first on line 2)",
              "nøkkelen 'quote' står to ganger (første gang på linje 2)"};
  }
  return {"", ""};
}

struct Case {
  const char* yaml;
  int line;
  int col;
  Why why;
};

const std::vector<Case> kCases = {
    // A tab where the codebook expects spaces: yaml-cpp reports the column after the tab.
    {"themes:\n\t- id: inngaaelse\n    label: Inngåelse\n", 2, 1, Why::tab},
    {"a:\n\tb: 1\n", 2, 1, Why::tab},
    {"themes:\n  - id: x\n\t  label: y\n", 3, 1, Why::tab},
    {"units:\n  - id: B1-01\n  \tlines: 3\n", 3, 3, Why::tab},
    // Quotes that YAML reads as something else.
    {"units:\n  - quote: [ja] sa hun\n    codes: [a]\n", 2, 12, Why::quote},
    {"units:\n  - quote: Hun sa: nei\n    codes: [a]\n", 2, 12, Why::quote},
    {"quote: *ja, sa hun\n", 1, 8, Why::quote},
    {"quote: &ja nei\n", 1, 8, Why::quote},
    {"quote: !ja nei\n", 1, 8, Why::quote},
    {"quote: | nei\n", 1, 8, Why::quote},
    {"quote: > nei\n", 1, 8, Why::quote},
    {"quote: @ja\n", 1, 8, Why::quote},
    {"quote: `ja\n", 1, 8, Why::quote},
    {"quote: {ja} nei\n", 1, 8, Why::quote},
    {"quote: Hun sa:\n  nei\n", 1, 8, Why::quote},
    {"a: \"hei\" du\n", 1, 4, Why::after_quote},
    {"quote: 'det er'n'\n", 1, 8, Why::after_quote},
    // Indentation.
    {"a: 1\n  b: 2\n", 2, 3, Why::indent},
    {"a:\n    b: 1\n  c: 2\n", 3, 3, Why::indent},
    {"units:\n  - id: 1\n     lines: 2\n", 3, 6, Why::indent},
    {"units:\n  - id: 1\n   lines: 2\n", 3, 4, Why::indent},
    // A list item or a line without ':' where a key was expected.
    {"a: 1\n- b\n", 2, 1, Why::list_item},
    {"units:\n  - id: 1\n    codes: x\n    - y\n", 4, 5, Why::list_item},
    {"units:\n  - id: 1\n    codes [a]\n    lines: 2\n", 3, 5, Why::no_colon},
    // Brackets not closed: yaml-cpp notices on the next line.
    {"codes: [a, b\nnext: 1\n", 1, 8, Why::open_list},
    {"attributes: {kjønn: K\nnext: 1\n", 1, 13, Why::open_map},
    {"a: \"C:\\q\"\n", 1, 7, Why::escape},
    // A quote never closed: at the end of the file yaml-cpp accepts it silently; before
    // another quote it complains at that one.
    {"units:\n  - quote: \"Jeg bare skrev under\n    codes: [a]\n", 2, 12, Why::unclosed},
    {"units:\n  - quote: 'Jeg bare skrev under\n    codes: [a]\n", 2, 12, Why::unclosed},
    {"units:\n  - quote: \"Jeg bare skrev under\n    codes: [a]\n  - quote: \"Hei\"\n", 2, 12,
     Why::unclosed},
    {"units:\n  - quote: \"Jeg bare\n      skrev under\"\n  - quote: \"Hei\" du\n", 4, 12,
     Why::after_quote},
    {"quote: Det er'n som sa: nei\n", 1, 8, Why::quote},
    {"themes:\n  - id: a\n    label: Skriver under: uten å vite\n", 3, 12, Why::quote_label},
    // Not a syntax error for YAML, but the same key twice in one map.
    {"units:\n  - quote: ja\n    quote: nei\n", 3, 5, Why::duplicate},
};

// Parses one case; for a map inside the first list (or the root), reads its keys as allowed,
// so that a repeated key is found as the loaders find it.
Diagnostics diagnose(const Case& c) {
  Diagnostics d;
  yaml::Node root;
  if (!yaml::parse(c.yaml, "f.yaml", root, d)) return d;
  const yaml::Node* map = &root;
  if (root.is_map() && !root.entries.empty() && root.entries[0].value.is_sequence()) {
    map = &root.entries[0].value.items.at(0);
  }
  std::vector<yaml::Key> keys;
  for (const auto& [k, v] : map->entries) keys.push_back({k.scalar});
  yaml::read_keys(*map, keys, "a unit", "f.yaml", d);
  return d;
}

void check_cases(const char* lang) {
  i18n::set_catalog_dir(IPCODE_CATALOG_DIR);
  i18n::set_language(lang);
  const bool nb = std::string(lang) == "nb";
  for (const auto& c : kCases) {
    INFO("language " << lang << ", YAML:\n" << c.yaml);
    const auto d = diagnose(c);
    REQUIRE(d.items().size() == 1);
    const auto& item = d.items()[0];
    CHECK(item.line == c.line);
    CHECK(item.col == c.col);
    const auto t = text_of(c.why);
    const std::string why = nb ? t.nb : t.en;
    const std::string expected =
        c.why == Why::duplicate ? why : format(i18n::tr("YAML syntax error: {1}"), {why});
    CHECK(item.message == expected);
  }
  i18n::set_language("en");
}

}  // namespace

TEST_CASE("YAML syntax errors point at the mistake and say what to do (English)", "[base][yaml]") {
  check_cases("en");
}

TEST_CASE("YAML syntax errors point at the mistake and say what to do (bokmål)", "[base][yaml]") {
  check_cases("nb");
}

TEST_CASE("YAML syntax errors in front matter count lines from the top of the file",
          "[base][yaml]") {
  Diagnostics d;
  yaml::Node root;
  CHECK_FALSE(yaml::parse("id: r1-B1\n\tinformant: B1\n", "t.txt", root, d, 1));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].line == 3);
  CHECK(d.items()[0].col == 1);
}

TEST_CASE("YAML alias bombs are refused before they expand", "[yaml]") {
  // "Billion laughs": nine levels of nine aliases, 9^9 values from a few hundred bytes.
  std::string bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const std::string prev(1, static_cast<char>(c - 1));
    bomb += std::string(1, c) + ": &" + std::string(1, c) + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ", *" : "*") + prev;
    bomb += "]\n";
  }
  for (const int offset : {0, 1}) {  // a file of its own, or a transcript's front matter
    Diagnostics d;
    yaml::Node root;
    CHECK_FALSE(yaml::parse(bomb, "codebook.yaml", root, d, offset));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message.find("expand to more than " + std::to_string(bomb.size() * 100) +
                                    " values from " + std::to_string(bomb.size()) + " bytes") !=
          std::string::npos);
    CHECK(d.items()[0].line >= 5 + offset);
    CHECK(root.is_null());
  }
  // A few aliases stay within the limit: the anchor itself is what is reported.
  Diagnostics d;
  yaml::Node root;
  CHECK_FALSE(yaml::parse("a: &x [1, 2]\nb: *x\n", "t.yaml", root, d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].message.find("expand") == std::string::npos);
}
