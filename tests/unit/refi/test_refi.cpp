// REFI-QDA export (SPEC §12): stable GUIDs, code-point positions into the exported text (NFC,
// LF, no BOM), and the codebook and project XML.
#include "ipcode/base/diagnostic.hpp"
#include "ipcode/loader/study.hpp"
#include "ipcode/refi/refi.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

using namespace ipcode;
namespace stdfs = std::filesystem;

namespace {

// A study whose one transcript is saved with a BOM, CRLF line ends, "på" in NFD (a + U+030A)
// and emoji (outside the BMP) before and inside the units.
class RefiStudy {
 public:
  RefiStudy() {
    root_ = stdfs::temp_directory_path() / ("ipcode-refi-test-" + std::to_string(::getpid()));
    stdfs::remove_all(root_);
    write("ipcode.yaml",
          "ipcode: 1\ntitle: Møter & planer\ninformants:\n  - id: B1\n"
          "    role: bruker\n    attributes: {kjønn: K}\n");
    write("codebook.yaml",
          "codebook: test\nthemes:\n  - id: tema\n    label: Tema\n"
          "    color: \"#1b9e77\"\n    groups:\n      - id: samtykke\n"
          "        label: Samtykke <å>\n        description: Når «planen» "
          "signeres.\n        include: Utsagn om å skrive under.\n"
          "        subgroups:\n          - id: underskrift\n"
          "            label: Underskrift\n");
    const std::string nfd_paa = "pa\xCC\x8A";
    write("transcripts/B1.txt",
          "\xEF\xBB\xBFI: Hvordan var møtet? 😀\r\nB1: Det var fint, og jeg "
          "følte meg hørt " +
              nfd_paa +
              " møtet.\r\nI: Og planen?\r\n"
              "B1: Planen ble skrevet " +
              nfd_paa + " et møte 🙂 i går.\r\n");
    write("coding/B1.yaml",
          "transcript: r1-B1\ncoder: KH\nunits:\n  - id: B1-01\n"
          "    quote: jeg følte meg hørt på møtet\n    codes: [samtykke]\n"
          "    note: Sier det tydelig.\n  - id: B1-02\n    lines: 4\n"
          "    codes: [underskrift, tema]\n");
  }
  ~RefiStudy() { stdfs::remove_all(root_); }
  const stdfs::path& root() const { return root_; }

 private:
  void write(const std::string& rel, const std::string& text) {
    stdfs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << text;
  }
  stdfs::path root_;
};

// UTF-8 to code points and back, by hand, independent of ipcode's own helpers.
std::u32string decode(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t v = n == 1 ? c : c & (0x7F >> n);
    for (int k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += v;
    i += static_cast<std::size_t>(n);
  }
  return out;
}
std::string encode(const std::u32string& s) {
  std::string out;
  for (const char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("REFI GUIDs are UUIDv5 of stable keys in ipcode's namespace", "[refi]") {
  // Values from Python's uuid.uuid5(UUID(refi::kNamespace), key).
  CHECK(refi::guid("code:test:samtykke") == "8a243ebd-5c49-5396-9fe8-6009f644b9f9");
  CHECK(refi::guid("source:r1:r1-B1") == "4079f50d-ad59-53e9-9946-b6dd52ed310f");
  CHECK(refi::guid("selection:r1:B1-01") == "c86a1ae4-ff5d-5004-8e36-fa0a6cea79a3");
  CHECK(refi::guid("user:KH") == "3c10d02a-1845-5408-b80d-cd79b4da7f01");
}

TEST_CASE("REFI positions count code points, not bytes or UTF-16 units", "[refi]") {
  const std::string s = "æøå🙂x";
  CHECK(refi::code_points(s, 0) == 0);
  CHECK(refi::code_points(s, 6) == 3);   // æøå: two bytes each
  CHECK(refi::code_points(s, 10) == 4);  // the emoji: four bytes, one code point
  CHECK(refi::code_points(s, s.size()) == 5);
  CHECK(refi::code_points(s, s.size() + 9) == 5);  // clamped
}

TEST_CASE("REFI export: sources are the NFC LF text and selections point into it", "[refi]") {
  RefiStudy s;
  Diagnostics diags;
  const auto study = loader::load(s.root(), {}, diags);
  REQUIRE_FALSE(diags.has_errors());
  const auto sources = refi::sources(study);
  REQUIRE(sources.size() == 1);
  const std::string expected =
      "I: Hvordan var møtet? 😀\nB1: Det var fint, og jeg følte meg hørt på møtet.\n"
      "I: Og planen?\nB1: Planen ble skrevet på et møte 🙂 i går.\n";
  CHECK(sources[0].text == expected);  // no BOM, LF, "på" composed
  CHECK(sources[0].guid == refi::guid("source:r1:r1-B1"));

  refi::Options o;
  o.origin = "ipcode test";
  const std::string qde = refi::project_qde(study, o);
  CHECK(qde == refi::project_qde(study, o));
  const std::regex sel(
      R"re(<PlainTextSelection guid="[^"]+" name="([^"]+)" startPosition="(\d+)" endPosition="(\d+)")re");
  std::map<std::string, std::pair<int, int>> spans;
  for (auto it = std::sregex_iterator(qde.begin(), qde.end(), sel); it != std::sregex_iterator();
       ++it) {
    spans[(*it)[1]] = {std::stoi((*it)[2]), std::stoi((*it)[3])};
  }
  REQUIRE(spans.size() == 2);
  // Counted by hand (and by Python): UTF-16 would give 46 for the first start (the emoji on
  // line 1 is two UTF-16 units), bytes 50.
  CHECK(spans["B1-01"] == std::pair{45, 72});
  CHECK(spans["B1-02"] == std::pair{92, 129});
  const auto text = decode(sources[0].text);
  CHECK(encode(text.substr(45, 72 - 45)) == "jeg følte meg hørt på møtet");
  CHECK(encode(text.substr(92, 129 - 92)) == "Planen ble skrevet på et møte 🙂 i går");

  // Codings with the coder as user, the code tree, the unit's note, the case's value.
  CHECK(qde.find("<User guid=\"" + refi::guid("user:KH") + "\" name=\"KH\"/>") !=
        std::string::npos);
  CHECK(qde.find("<CodeRef targetGUID=\"" + refi::guid("code:test:samtykke") + "\"/>") !=
        std::string::npos);
  CHECK(qde.find("name=\"Samtykke &lt;å&gt;\" isCodable=\"true\"") != std::string::npos);
  CHECK(qde.find("<PlainTextContent>Sier det tydelig.</PlainTextContent>") != std::string::npos);
  CHECK(qde.find("<TextValue>K</TextValue>") != std::string::npos);
  // The inclusion criterion: a note linked from its code (the .qdc has no place for it).
  const std::string include = refi::guid("note:include:code:test:samtykke");
  CHECK(qde.find("<NoteRef targetGUID=\"" + include + "\"/>") != std::string::npos);
  CHECK(qde.find("<Note guid=\"" + include + "\"") != std::string::npos);
  CHECK(qde.find("<PlainTextContent>Utsagn om å skrive under.</PlainTextContent>") !=
        std::string::npos);
  CHECK(qde.find("name=\"Møter &amp; planer\"") != std::string::npos);
}

TEST_CASE("REFI codebook: nested codes, colour, description, no empty Sets", "[refi]") {
  RefiStudy s;
  Diagnostics diags;
  const auto study = loader::load(s.root(), {}, diags);
  REQUIRE_FALSE(diags.has_errors());
  refi::Options o;
  o.origin = "ipcode test";
  const std::string qdc = refi::codebook_qdc(study.rounds[0].codebook, o);
  const std::string g_tema = refi::guid("code:test:tema");
  const std::string g_samtykke = refi::guid("code:test:samtykke");
  const std::string g_under = refi::guid("code:test:underskrift");
  CHECK(qdc ==
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"ipcode test\">\n"
        "  <Codes>\n"
        "    <Code guid=\"" +
            g_tema +
            "\" name=\"Tema\" isCodable=\"true\" color=\"#1b9e77\">\n"
            "      <Code guid=\"" +
            g_samtykke +
            "\" name=\"Samtykke &lt;å&gt;\" isCodable=\"true\">\n"
            "        <Description>Når «planen» signeres.</Description>\n"
            "        <Code guid=\"" +
            g_under +
            "\" name=\"Underskrift\" isCodable=\"true\"/>\n"
            "      </Code>\n"
            "    </Code>\n"
            "  </Codes>\n"
            "</CodeBook>\n");
  CHECK(refi::codebook_qdc(codebook::Codebook{}, o).empty());
}
