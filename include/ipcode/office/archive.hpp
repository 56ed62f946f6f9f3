/// Reading a zip archive (a .docx or .odt file) from memory, with limits against hostile files.
/// Opening checks every entry of the central directory before anything is read: more than
/// `max_entries` entries, an entry that claims more than `max_entry_bytes` uncompressed, a sum
/// of claims over `max_total_bytes`, or a compression ratio over `max_ratio` (a zip bomb) is
/// refused, and so is a name with a `..` segment, a leading `/`, a drive letter or a
/// backslash. read() checks the sizes again on the bytes actually inflated (a lying header
/// gains nothing) and verifies the CRC. Errors are translated messages naming `origin`.
/// Empty input, input that is not a zip and a truncated zip are refused the same way.
#pragma once

#include "ipcode/base/result.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::office {

struct Limits {
  std::size_t max_entries = 10'000;
  std::uint64_t max_entry_bytes = std::uint64_t{64} << 20;   // one XML part
  std::uint64_t max_total_bytes = std::uint64_t{512} << 20;  // the whole archive, inflated
  std::uint64_t max_ratio = 200;  // uncompressed : compressed, for entries over 1 MiB
};

class Archive {
 public:
  /// Opens `bytes` (copied) as a zip archive.
  static Result<Archive> open(std::string_view bytes, std::string origin, Limits limits = {});

  Archive(Archive&&) noexcept;
  Archive& operator=(Archive&&) noexcept;
  ~Archive();

  /// The entry names, in archive order.
  const std::vector<std::string>& names() const { return names_; }
  bool has(std::string_view name) const;
  /// The inflated bytes of one entry; invalid_data when it is missing, too large or damaged.
  Result<std::string> read(std::string_view name) const;

 private:
  struct Impl;
  Archive();
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> names_;
};

/// Why an entry name is unsafe (empty when it is fine): `..`, absolute, backslash, drive.
std::string unsafe_name(std::string_view name);

}  // namespace ipcode::office
