// Reading zip archives from memory with libzip (archive.hpp), refusing hostile archives.
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/office/archive.hpp"

#include <zip.h>

#include <algorithm>

namespace ipcode::office {

struct Archive::Impl {
  std::string bytes;  // the archive; libzip reads it in place
  std::string origin;
  Limits limits;
  zip_t* zip = nullptr;
  std::vector<std::uint64_t> sizes;  // claimed uncompressed size per entry
  ~Impl() {
    if (zip != nullptr) zip_discard(zip);
  }
};

namespace {

Error bad(const std::string& origin, const std::string& why) {
  return Error{ErrorKind::invalid_data, origin + ": " + why};
}

std::string mib(std::uint64_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20); }

}  // namespace

std::string unsafe_name(std::string_view name) {
  if (name.empty()) return tr("an entry has no name");
  if (name.find('\\') != std::string_view::npos) return tr("a backslash in an entry name");
  if (name.front() == '/') return tr("an absolute entry name");
  if (name.size() >= 2 && name[1] == ':') return tr("an entry name with a drive letter");
  if (name.find('\0') != std::string_view::npos) return tr("a NUL byte in an entry name");
  for (const auto part : split(name, '/')) {
    if (part == "..") return tr("an entry name that climbs out with '..'");
  }
  return {};
}

Archive::Archive() : impl_(std::make_unique<Impl>()) {}
Archive::Archive(Archive&&) noexcept = default;
Archive& Archive::operator=(Archive&&) noexcept = default;
Archive::~Archive() = default;

Result<Archive> Archive::open(std::string_view bytes, std::string origin, Limits limits) {
  const std::string not_zip =
      tr("not a zip archive (a .docx or .odt file is one), or a damaged or truncated one");
  if (bytes.empty()) return bad(origin, tr("the file is empty"));
  Archive a;
  a.impl_->bytes.assign(bytes);
  a.impl_->origin = origin;
  a.impl_->limits = limits;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src =
      zip_source_buffer_create(a.impl_->bytes.data(), a.impl_->bytes.size(), 0, &error);
  if (src == nullptr) {
    zip_error_fini(&error);
    return bad(origin, not_zip);
  }
  a.impl_->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  zip_error_fini(&error);
  if (a.impl_->zip == nullptr) {
    zip_source_free(src);
    return bad(origin, not_zip);
  }
  const zip_int64_t count = zip_get_num_entries(a.impl_->zip, 0);
  if (count < 0) return bad(origin, not_zip);
  if (static_cast<std::uint64_t>(count) > limits.max_entries) {
    return bad(origin, format(tr("the archive has {1} entries, more than the {2} ipcode reads"),
                              {std::to_string(count), std::to_string(limits.max_entries)}));
  }
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(a.impl_->zip, static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        (st.valid & ZIP_STAT_NAME) == 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
      return bad(origin, not_zip);
    }
    std::string name = st.name;
    if (const auto why = unsafe_name(name); !why.empty()) {
      return bad(origin, format(tr("refused: {1} ('{2}')"), {why, name}));
    }
    const std::uint64_t size = st.size;
    const std::uint64_t packed = (st.valid & ZIP_STAT_COMP_SIZE) != 0 ? st.comp_size : size;
    if (size > limits.max_entry_bytes) {
      return bad(origin, format(tr("refused: entry '{1}' would unpack to {2} MiB, more than the "
                                   "{3} MiB ipcode allows (a zip bomb?)"),
                                {name, mib(size), mib(limits.max_entry_bytes)}));
    }
    total += size;
    if (total > limits.max_total_bytes) {
      return bad(origin, format(tr("refused: the archive would unpack to more than {1} MiB (a zip "
                                   "bomb?)"),
                                {mib(limits.max_total_bytes)}));
    }
    if (size > (std::uint64_t{1} << 20) &&
        size / std::max<std::uint64_t>(packed, 1) > limits.max_ratio) {
      return bad(origin, format(tr("refused: entry '{1}' is compressed more than {2} to 1 (a zip "
                                   "bomb?)"),
                                {name, std::to_string(limits.max_ratio)}));
    }
    a.names_.push_back(std::move(name));
    a.impl_->sizes.push_back(size);
  }
  return a;
}

bool Archive::has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

Result<std::string> Archive::read(std::string_view name) const {
  const auto it = std::find(names_.begin(), names_.end(), name);
  const std::string& origin = impl_->origin;
  if (it == names_.end()) {
    return bad(origin, format(tr("the archive has no '{1}'"), {std::string(name)}));
  }
  const auto index = static_cast<std::size_t>(it - names_.begin());
  const std::uint64_t size = impl_->sizes[index];
  zip_file_t* f = zip_fopen_index(impl_->zip, index, 0);
  const std::string damaged = format(tr("entry '{1}' is damaged"), {std::string(name)});
  if (f == nullptr) return bad(origin, damaged);
  std::string out(static_cast<std::size_t>(size), '\0');
  std::uint64_t got = 0;
  bool ok = true;
  while (got < size) {
    const zip_int64_t n = zip_fread(f, out.data() + got, size - got);
    if (n < 0) ok = false;
    if (n <= 0) break;
    got += static_cast<std::uint64_t>(n);
  }
  // Anything beyond the size the header claims is refused, not read.
  char extra = 0;
  if (ok && got == size && zip_fread(f, &extra, 1) != 0) ok = false;
  zip_fclose(f);
  if (!ok || got != size) return bad(origin, damaged);
  return out;
}

}  // namespace ipcode::office
