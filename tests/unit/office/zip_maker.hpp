// A minimal zip writer for tests: stored entries with a right CRC, or entries whose headers
// claim whatever a test needs (a zip bomb's sizes), so hostile archives are made in the test.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ipcode::test {

struct ZipEntry {
  std::string name;
  std::string data;
  std::uint16_t method = 0;   // 0 stored, 8 deflated (data then taken as is)
  std::uint64_t claimed = 0;  // uncompressed size to claim (0: data's size)
};

inline std::uint32_t crc32(const std::string& s) {
  std::uint32_t c = 0xffffffffu;
  for (const unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
  }
  return ~c;
}

inline std::string make_zip(const std::vector<ZipEntry>& entries) {
  std::string out, central;
  const auto u16 = [](std::string& s, std::uint32_t v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
  };
  const auto u32 = [&](std::string& s, std::uint32_t v) {
    u16(s, v & 0xffff);
    u16(s, v >> 16);
  };
  for (const auto& e : entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = crc32(e.data);
    const auto size = static_cast<std::uint32_t>(e.claimed != 0 ? e.claimed : e.data.size());
    const auto packed = static_cast<std::uint32_t>(e.data.size());
    const auto header = [&](std::string& s, bool central_entry) {
      u32(s, central_entry ? 0x02014b50u : 0x04034b50u);
      if (central_entry) u16(s, 20);
      u16(s, 20);
      u16(s, 0);
      u16(s, e.method);
      u16(s, 0);
      u16(s, 0x21);  // 1980-01-01
      u32(s, crc);
      u32(s, packed);
      u32(s, size);
      u16(s, static_cast<std::uint32_t>(e.name.size()));
      u16(s, 0);
      if (central_entry) {
        u16(s, 0);
        u16(s, 0);
        u16(s, 0);
        u32(s, 0);
        u32(s, offset);
      }
      s += e.name;
    };
    header(out, false);
    out += e.data;
    header(central, true);
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  u32(out, 0x06054b50u);
  u16(out, 0);
  u16(out, 0);
  u16(out, static_cast<std::uint32_t>(entries.size()));
  u16(out, static_cast<std::uint32_t>(entries.size()));
  u32(out, static_cast<std::uint32_t>(central.size()));
  u32(out, cd_offset);
  u16(out, 0);
  return out;
}

}  // namespace ipcode::test
