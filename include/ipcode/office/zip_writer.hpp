/// A zip archive written in memory with deterministic bytes (docx, odt): the entries in the
/// order they were added, every entry dated 1980-01-01 00:00 (the earliest DOS date), no extra
/// fields, no clock time anywhere, so the same entries always give the same archive.
#pragma once

#include "ipcode/base/result.hpp"

#include <string>
#include <vector>

namespace ipcode::office {

class ZipWriter {
 public:
  /// deflate: compressed; store: as it is (an OpenDocument's `mimetype` must be stored).
  enum class Method { deflate, store };

  /// Adds an entry; `name` is its path inside the archive ("word/document.xml").
  void add(std::string name, std::string bytes, Method method = Method::deflate);
  /// The archive's bytes; an error (internal) only when libzip fails.
  Result<std::string> finish() const;

 private:
  struct Entry {
    std::string name;
    std::string bytes;
    Method method = Method::deflate;
  };
  std::vector<Entry> entries_;
};

}  // namespace ipcode::office
