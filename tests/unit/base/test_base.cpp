#include "ipcode/base/diagnostic.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/hash.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace ipcode;
namespace stdfs = std::filesystem;

TEST_CASE("natural order puts B2 before B10", "[base]") {
  CHECK(natural_less("B2", "B10"));
  CHECK_FALSE(natural_less("B10", "B2"));
  CHECK(natural_less("A1", "B1"));
  CHECK(natural_less("r1-B9", "r1-B10"));
  CHECK_FALSE(natural_less("B1", "B1"));
  std::vector<std::string> ids = {"B10", "B2", "B1", "A3"};
  std::sort(ids.begin(), ids.end(),
            [](const auto& a, const auto& b) { return natural_less(a, b); });
  CHECK(ids == std::vector<std::string>{"A3", "B1", "B2", "B10"});
}

TEST_CASE("edit distance counts a swap of neighbours as one", "[base]") {
  CHECK(edit_distance("quote", "qoute") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("mål", "mal") == 1);  // code points, not bytes
  CHECK(edit_distance("æøå", "åøæ") == 2);
  CHECK(edit_distance("\x80\xC3", "a") ==
        2);  // broken UTF-8: bytes count, nothing is read past the end
  CHECK(closest("psevdonym", {"id", "role", "pseudonym"}) ==
        std::optional<std::string>("pseudonym"));
  CHECK_FALSE(closest("xyz", {"pseudonym", "role"}).has_value());
}

TEST_CASE("did you mean: bounded for very long words, same answers for ids", "[base]") {
  // A pasted paragraph as an id: no suggestion, and no length-squared comparison (a
  // 40,000-character id against a 40,000-character candidate took seconds).
  const std::string pasted(40'000, 'a');
  std::string near = pasted;
  near[20'000] = 'b';
  CHECK_FALSE(closest(pasted, {near, "B3-01"}).has_value());
  // Up to 256 characters, a near candidate is still suggested.
  const std::string long_id(256, 'x');
  std::string long_near = long_id;
  long_near[100] = 'y';
  CHECK(closest(long_id, {long_near}) == std::optional<std::string>(long_near));
  // Candidates much longer or shorter are skipped, except one that starts with the word.
  CHECK(closest("sub", {"subgroups", "s"}) == std::optional<std::string>("subgroups"));
  CHECK(closest("B3-å", {"B3-a", "B3-åååååååå"}) == std::optional<std::string>("B3-a"));
  CHECK(closest("medvirkning", {"medvirkningsprosess", "medvirknin"}) ==
        std::optional<std::string>("medvirknin"));
}

TEST_CASE("format fills numbered placeholders", "[base]") {
  CHECK(format("{2} av {1}", {"4", "3"}) == "3 av 4");
  CHECK(format("{1} and {3}", {"a"}) == "a and {3}");
}

TEST_CASE("diagnostics print GNU style and sort by place", "[base]") {
  Diagnostics d;
  d.warning("b.yaml", 3, 1, "w");
  d.error("a.yaml", 12, 5, "duplicate id 'samtykke'");
  d.missing("c.txt", "gone");
  d.sort();
  CHECK(format_diagnostic(d.items()[0]) == "a.yaml:12:5: error: duplicate id 'samtykke'");
  CHECK(format_diagnostic(d.items()[1]) == "b.yaml:3:1: warning: w");
  CHECK(format_diagnostic(d.items()[2]) == "c.txt:1:1: error: gone");
  CHECK(d.error_count() == 2);
  CHECK(d.has_missing());
}

TEST_CASE("YAML keeps 1-based marks and reports syntax errors with file:line:col", "[base]") {
  Diagnostics d;
  yaml::Node root;
  REQUIRE(yaml::parse("a: 1\nb:\n  - x\n  - æøå\n", "f.yaml", root, d));
  REQUIRE(root.is_map());
  const auto* b = root.find("b");
  REQUIRE(b != nullptr);
  CHECK(b->items[1].scalar == "æøå");
  CHECK(b->items[1].mark.line == 4);
  CHECK(b->items[1].mark.col == 5);
  yaml::Node bad;
  CHECK_FALSE(yaml::parse("a: [1, 2\n", "bad.yaml", bad, d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].file == "bad.yaml");
  CHECK(d.items()[0].line >= 1);
}

TEST_CASE("YAML keys: aliases, unknown keys with a suggestion, duplicates", "[base]") {
  Diagnostics d;
  yaml::Node root;
  REQUIRE(yaml::parse("tema: x\nlabl: y\ntheme: z\n", "f.yaml", root, d));
  const auto keys = yaml::read_keys(root, {{"theme", {"tema"}}, {"label"}}, "a node", "f.yaml", d);
  CHECK(keys.count("theme") == 1);
  CHECK(keys.at("theme")->scalar == "x");
  REQUIRE(d.error_count() == 2);
  CHECK(d.items()[0].message.find("did you mean 'label'") != std::string::npos);
  CHECK(d.items()[1].message.find("twice") != std::string::npos);
}

TEST_CASE("paths may not leave the study", "[base]") {
  const auto root = stdfs::temp_directory_path() / "ipcode-test-inside";
  stdfs::remove_all(root);
  stdfs::create_directories(root / "transcripts");
  CHECK(fs::check_inside(root, "transcripts/a.txt") == fs::PathProblem::none);
  CHECK(fs::check_inside(root, "transcripts/../codebook.yaml") == fs::PathProblem::none);
  CHECK(fs::check_inside(root, "../x.yaml") == fs::PathProblem::escapes);
  CHECK(fs::check_inside(root, "/etc/passwd") == fs::PathProblem::absolute);
  stdfs::create_directory_symlink("/tmp", root / "link");
  CHECK(fs::check_inside(root, "link/x.txt") == fs::PathProblem::symlink_escapes);
  stdfs::remove_all(root);
}

TEST_CASE("glob matches segments, ** and skips the output folder", "[base]") {
  CHECK(fs::glob_match("transcripts/r1/*.txt", "transcripts/r1/B1.txt"));
  CHECK_FALSE(fs::glob_match("transcripts/r1/*.txt", "transcripts/r1/sub/B1.txt"));
  CHECK(fs::glob_match("transcripts/**", "transcripts/r1/sub/B1.txt"));
  CHECK(fs::glob_match("coding/r[12]/B?.yaml", "coding/r2/B3.yaml"));
  const auto root = stdfs::temp_directory_path() / "ipcode-test-glob";
  stdfs::remove_all(root);
  stdfs::create_directories(root / "t" / "r1");
  stdfs::create_directories(root / "out");
  for (const auto* f : {"t/r1/B2.txt", "t/r1/B10.txt", "t/r1/.hidden.txt", "out/x.txt"}) {
    std::ofstream(root / f) << "x";
  }
  CHECK(fs::glob(root, "t/**", "out") == std::vector<std::string>{"t/r1/B10.txt", "t/r1/B2.txt"});
  CHECK(fs::glob(root, "**/*.txt", "out").size() == 2);
  stdfs::remove_all(root);
}

TEST_CASE("sha256 of a known string", "[base]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha1 and name-based UUIDs (version 5) give the known values", "[base][uuid]") {
  // FIPS 180 test vector.
  const auto abc = sha1_bytes("abc");
  CHECK(abc[0] == 0xa9);
  CHECK(abc[1] == 0x99);
  CHECK(abc[19] == 0x9d);
  Uuid dns{};
  REQUIRE(parse_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8", dns));  // RFC 4122 NameSpace_DNS
  // Python's uuid.uuid5(uuid.NAMESPACE_DNS, ...), an independent implementation.
  CHECK(uuid_v5(dns, "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  CHECK(uuid_v5(dns, "ærlig.no") == "3eca280e-409e-5106-bc0d-f125a3ea205c");
  Uuid url{};
  REQUIRE(parse_uuid("6BA7B811-9DAD-11D1-80B4-00C04FD430C8", url));  // NameSpace_URL
  CHECK(uuid_v5(url, "https://github.com/ipcode/ipcode#refi-qda") ==
        "726f4d45-197f-5323-8a19-0622e287cde8");
  Uuid bad{};
  CHECK_FALSE(parse_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c", bad));
  CHECK_FALSE(parse_uuid("6ba7b810x9dad-11d1-80b4-00c04fd430c8", bad));
  CHECK_FALSE(parse_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430cg", bad));
}

TEST_CASE("Sha256 in pieces gives the digest of the whole", "[base]") {
  Sha256 sha;
  CHECK(sha.hex() == sha256_hex(""));
  sha.update("a");
  sha.update("");
  sha.update("bc");
  CHECK(sha.hex() == sha256_hex("abc"));
  // hex() starts anew.
  std::string big;
  for (int i = 0; i < 10000; ++i) big += "linje " + std::to_string(i) + "\n";
  for (std::size_t at = 0; at < big.size(); at += 4093) {
    sha.update(std::string_view(big).substr(at, 4093));
  }
  CHECK(sha.hex() == sha256_hex(big));
}

TEST_CASE("messages are translated from the catalogs", "[base][i18n]") {
  i18n::set_catalog_dir(IPCODE_CATALOG_DIR);
  CHECK(i18n::normalise_language("nb_NO.UTF-8") == "nb");
  CHECK(i18n::normalise_language("no") == "nb");
  CHECK(i18n::normalise_language("nn_NO") == "nn");
  CHECK(i18n::normalise_language("C.UTF-8") == "en");
  CHECK(i18n::tr_in("en", "Theme") == "Theme");
  CHECK(i18n::tr_in("nb", "Theme") == "Tema");
  CHECK(i18n::tr_in("nb", "Code group") == "Kodegruppe");
}

TEST_CASE("translations are remembered, and forgotten when the catalogs change", "[base][i18n]") {
  i18n::set_catalog_dir("/nonexistent-ipcode-catalogs");
  CHECK(i18n::tr_in("nb", "Theme") == "Theme");  // no catalog: the English text
  CHECK(i18n::tr_in("nb", "Theme") == "Theme");
  i18n::set_catalog_dir(IPCODE_CATALOG_DIR);
  CHECK(i18n::tr_in("nb", "Theme") == "Tema");
  CHECK(i18n::tr_in("nb", "Theme") == "Tema");
  CHECK(i18n::tr_in("en", "Theme") == "Theme");  // one cache entry per language
  CHECK(i18n::tr_in("nn", "Theme") == "Tema");
}

TEST_CASE("range_text: one number, or a range with an en dash", "[base]") {
  CHECK(ipcode::range_text(14, 14) == "14");
  CHECK(ipcode::range_text(14, 16) == "14\u201316");
}
