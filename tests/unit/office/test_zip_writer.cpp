// ZipWriter: the archive's bytes read back field by field (PKWARE APPNOTE 4.3): entries in
// the order added, every entry dated 1980-01-01 00:00, no extra fields, `store` kept as it is,
// the same entries always the same bytes.

#include "ipcode/office/zip_writer.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace office = ipcode::office;

namespace {

std::uint32_t le(const std::string& z, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(z.at(at + static_cast<std::size_t>(i)));
  }
  return v;
}

struct Local {
  std::string name;
  std::uint32_t method, time, date, crc, compressed, size, extra;
  std::string data;
};

// Every local file header, in archive order.
std::vector<Local> locals(const std::string& z) {
  std::vector<Local> out;
  std::size_t at = 0;
  while (at + 30 <= z.size() && le(z, at, 4) == 0x04034b50) {
    Local l;
    l.method = le(z, at + 8, 2);
    l.time = le(z, at + 10, 2);
    l.date = le(z, at + 12, 2);
    l.crc = le(z, at + 14, 4);
    l.compressed = le(z, at + 18, 4);
    l.size = le(z, at + 22, 4);
    const std::uint32_t name_len = le(z, at + 26, 2);
    l.extra = le(z, at + 28, 2);
    l.name = z.substr(at + 30, name_len);
    l.data = z.substr(at + 30 + name_len + l.extra, l.compressed);
    out.push_back(l);
    at += 30 + name_len + l.extra + l.compressed;
  }
  return out;
}

// The central directory's entries: name, extra field length, time, date.
std::vector<std::string> central_names(const std::string& z, std::uint32_t& extras) {
  std::vector<std::string> out;
  extras = 0;
  for (std::size_t at = 0; at + 46 <= z.size(); ++at) {
    if (le(z, at, 4) != 0x02014b50) continue;
    const std::uint32_t name_len = le(z, at + 28, 2);
    extras += le(z, at + 30, 2) + le(z, at + 32, 2);  // extra field and comment
    out.push_back(z.substr(at + 46, name_len));
    at += 45 + name_len;
  }
  return out;
}

}  // namespace

TEST_CASE("the zip writer keeps the order, a fixed date and no extra fields", "[office][zip]") {
  office::ZipWriter zip;
  zip.add("mimetype", "application/vnd.oasis.opendocument.text", office::ZipWriter::Method::store);
  zip.add("b/second.xml", std::string(5000, 'x'));
  zip.add("a/første æøå.txt", "Blåbærsyltetøy\n");
  const auto bytes = zip.finish();
  REQUIRE(bytes);
  const std::string& z = *bytes;
  const auto entries = locals(z);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].name == "mimetype");
  CHECK(entries[1].name == "b/second.xml");
  CHECK(entries[2].name == "a/første æøå.txt");
  for (const auto& e : entries) {
    INFO(e.name);
    CHECK(e.time == 0);                             // 00:00:00
    CHECK(e.date == ((0U << 9) | (1U << 5) | 1U));  // 1980-01-01
    CHECK(e.extra == 0);
  }
  // mimetype stored as it is, first, at offset 30 + 8: what an ODF reader checks.
  CHECK(entries[0].method == 0);
  CHECK(entries[0].data == "application/vnd.oasis.opendocument.text");
  CHECK(z.substr(38, 39) == "application/vnd.oasis.opendocument.text");
  // A compressible entry is deflated.
  CHECK(entries[1].method == 8);
  CHECK(entries[1].size == 5000);
  CHECK(entries[1].compressed < 5000);
  std::uint32_t extras = 1;
  CHECK(central_names(z, extras) ==
        std::vector<std::string>{"mimetype", "b/second.xml", "a/første æøå.txt"});
  CHECK(extras == 0);
}

TEST_CASE("the zip writer gives the same bytes for the same entries", "[office][zip]") {
  const auto make = [](const std::string& last) {
    office::ZipWriter zip;
    zip.add("a.xml", "<a/>");
    zip.add("b.xml", last);
    return zip.finish();
  };
  const auto one = make("<b>Øl og brød</b>");
  const auto two = make("<b>Øl og brød</b>");
  const auto other = make("<b>Øl og brod</b>");
  REQUIRE(one);
  REQUIRE(two);
  REQUIRE(other);
  CHECK(*one == *two);
  CHECK(*one != *other);
}

TEST_CASE("the zip writer stores the CRC-32 of each entry", "[office][zip]") {
  office::ZipWriter zip;
  zip.add("t.txt", "123456789", office::ZipWriter::Method::store);
  const auto bytes = zip.finish();
  REQUIRE(bytes);
  const auto entries = locals(*bytes);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].crc == 0xCBF43926U);  // the standard check value of CRC-32
  CHECK(entries[0].data == "123456789");
}

TEST_CASE("an empty zip archive is the end record alone", "[office][zip]") {
  const auto bytes = office::ZipWriter().finish();
  REQUIRE(bytes);
  CHECK(*bytes == std::string("PK\x05\x06", 4) + std::string(18, '\0'));
}
