// ZipWriter: libzip writes the archive into a memory buffer. Every entry gets the same DOS
// date (1980-01-01 00:00, set as DOS fields, so the time zone cannot shift it) and the same
// Unix attributes (a plain file, rw-r--r--); libzip adds no extra fields to new entries, so
// the bytes depend only on the entries and their order.

#include "ipcode/office/zip_writer.hpp"

#include <zip.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace ipcode::office {
namespace {

// 1980-01-01 00:00:00 as MS-DOS date and time fields.
constexpr std::uint16_t kDosTime = 0;
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr std::uint32_t kFileAttributes = 0100644U << 16;

Error failed(const std::string& what, zip_error_t* error) {
  return Error{ErrorKind::internal, "zip: " + what + ": " + zip_error_strerror(error)};
}

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
using Source = std::unique_ptr<zip_source_t, SourceFree>;

// The bytes of a buffer source after the archive was closed into it.
Result<std::string> read_all(zip_source_t* src) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(src, &st) < 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
    return failed("stat", zip_source_error(src));
  }
  if (zip_source_open(src) < 0) return failed("open", zip_source_error(src));
  std::string out(static_cast<std::size_t>(st.size), '\0');
  std::size_t done = 0;
  while (done < out.size()) {
    const zip_int64_t n = zip_source_read(src, out.data() + done, out.size() - done);
    if (n < 0) {
      zip_source_close(src);
      return failed("read", zip_source_error(src));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  zip_source_close(src);
  out.resize(done);
  return out;
}

}  // namespace

void ZipWriter::add(std::string name, std::string bytes, Method method) {
  entries_.push_back({std::move(name), std::move(bytes), method});
}

Result<std::string> ZipWriter::finish() const {
  // libzip writes nothing at all for an archive without entries; a zip reader wants the end
  // record.
  if (entries_.empty()) return std::string("PK\x05\x06", 4) + std::string(18, '\0');
  zip_error_t error;
  zip_error_init(&error);
  Source src(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!src) {
    Error e = failed("buffer", &error);
    zip_error_fini(&error);
    return e;
  }
  zip_t* za = zip_open_from_source(src.get(), ZIP_TRUNCATE, &error);
  if (za == nullptr) {
    Error e = failed("open", &error);
    zip_error_fini(&error);
    return e;
  }
  zip_error_fini(&error);
  zip_source_keep(src.get());  // the archive's close frees one reference; we read it after
  for (const Entry& e : entries_) {
    // The entry's bytes stay with this writer until zip_close() has read them.
    zip_source_t* data = zip_source_buffer(za, e.bytes.data(), e.bytes.size(), 0);
    const zip_int64_t index =
        data == nullptr ? -1 : zip_file_add(za, e.name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (data != nullptr) zip_source_free(data);
      Error err = failed("add " + e.name, zip_get_error(za));
      zip_discard(za);
      return err;
    }
    const auto i = static_cast<zip_uint64_t>(index);
    const zip_int32_t method = e.method == Method::store ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
    if (zip_set_file_compression(za, i, method, 0) < 0 ||
        zip_file_set_dostime(za, i, kDosTime, kDosDate, 0) < 0 ||
        zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_UNIX, kFileAttributes) < 0) {
      Error err = failed("entry " + e.name, zip_get_error(za));
      zip_discard(za);
      return err;
    }
  }
  if (zip_close(za) < 0) {
    Error err = failed("close", zip_get_error(za));
    zip_discard(za);
    return err;
  }
  return read_all(src.get());
}

}  // namespace ipcode::office
