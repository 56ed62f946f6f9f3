// Outputs as one transaction (SPEC §7): AtomicBatch builds a new folder beside the target and
// swaps it in at once; fill_folder for `ipcode init`; OutputLock keeps a second writer out.
#include "fs_private.hpp"
#include "ipcode/base/fs.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace ipcode::fs {

namespace {

// The target's name for its temporary folders: `.out.tmp-` for out/.
std::string temp_prefix(const stdfs::path& target) {
  return "." + target.filename().string() + ".tmp-";
}

Error not_a_folder(const stdfs::path& target) {
  return {ErrorKind::cannot_write,
          format(tr("'{1}' is not a folder but a file or a link; move it away or name another "
                    "output folder in ipcode.yaml"),
                 {target.string()})};
}

stdfs::path fresh_temp(const stdfs::path& target) {
  std::random_device random;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%08x", random());
  return target.parent_path() / (temp_prefix(target) + std::to_string(::getpid()) + "-" + suffix);
}

// Writes what the kernel holds of a file or folder to disk (a crash after the swap must not
// leave empty files behind a new name).
bool sync_path(const stdfs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0 || errno == EINVAL;  // some file systems cannot sync folders
  ::close(fd);
  return ok;
}

// The first folder under `dir` (itself included) whose entries cannot be removed: a
// read-only subfolder of the old out/ would otherwise be found only after the swap.
std::optional<stdfs::path> unremovable(const stdfs::path& dir) {
  if (::access(dir.c_str(), W_OK | X_OK) != 0) return dir;
  std::error_code ec;
  for (auto it = stdfs::recursive_directory_iterator(dir, ec);
       !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec) &&
        ::access(it->path().c_str(), W_OK | X_OK) != 0) {
      return it->path();
    }
  }
  if (ec) return dir;
  return std::nullopt;
}

Status copy_tree(const stdfs::path& from, const stdfs::path& to,
                 std::vector<stdfs::path>& folders) {
  std::error_code ec;
  // A link in the old output is not ipcode's: it is not carried over (nor what it points to).
  if (stdfs::is_symlink(from, ec)) return Ok{};
  if (stdfs::is_directory(from, ec) && !stdfs::is_symlink(from, ec)) {
    stdfs::create_directories(to, ec);
    if (ec) return write_error(to, ec.message());
    folders.push_back(to);
    for (const auto& entry : stdfs::directory_iterator(from, ec)) {
      if (auto st = copy_tree(entry.path(), to / entry.path().filename(), folders); !st) return st;
    }
    if (ec) return write_error(from, ec.message());
    return Ok{};
  }
  stdfs::create_directories(to.parent_path(), ec);
  if (ec) return write_error(to.parent_path(), ec.message());
  // A hard link costs nothing and the old name goes with the old tree; files are only ever
  // replaced, never changed in place, so sharing them is safe.
  stdfs::create_hard_link(from, to, ec);
  if (ec) {
    ec.clear();
    stdfs::copy_file(from, to, ec);
    if (ec) return write_error(to, ec.message());
    if (!sync_path(to)) return write_error(to, std::strerror(errno));
  }
  return Ok{};
}

}  // namespace

AtomicBatch::AtomicBatch(stdfs::path target, Swap swap) : target_(std::move(target)), swap_(swap) {
  // "out/" and "out" are the same target; the temporary folder goes beside it.
  if (!target_.has_filename()) target_ = target_.parent_path();
  // A symlink is refused too: swapping would replace the link, not the folder it points to.
  std::error_code ec;
  const auto status = stdfs::symlink_status(target_, ec);
  if (stdfs::is_symlink(status)) {
    failed_ = Error{ErrorKind::cannot_write,
                    format(tr("'{1}' is a symbolic link (to '{2}'); ipcode writes its output "
                              "only into a real folder inside the study: remove the link (what "
                              "it points to is not touched)"),
                           {target_.string(), stdfs::read_symlink(target_, ec).string()})};
    return;
  }
  if (stdfs::exists(status) && !stdfs::is_directory(status)) {
    failed_ = not_a_folder(target_);
    return;
  }
  stdfs::create_directories(target_.parent_path().empty() ? "." : target_.parent_path(), ec);
  // mkdir never follows a link: a name already taken (a planted link) just means another.
  bool made = false;
  int why = EEXIST;
  for (int attempt = 0; !ec && !made && why == EEXIST && attempt < 100; ++attempt) {
    temp_ = fresh_temp(target_);
    made = ::mkdir(temp_.c_str(), 0777) == 0;
    if (!made) why = errno;
  }
  if (!made) {
    failed_ = write_error(temp_, ec ? ec.message() : std::strerror(why));
    temp_.clear();
    return;
  }
  folders_.push_back(temp_);
}

AtomicBatch::~AtomicBatch() {
  if (open_ != nullptr) std::fclose(open_);
  if (!done_) remove_temp();
}

void AtomicBatch::remove_temp() {
  if (temp_.empty()) return;
  std::error_code ec;
  stdfs::remove_all(temp_, ec);
  temp_.clear();
}

std::size_t AtomicBatch::remove_stale(const stdfs::path& target_in) {
  stdfs::path target = target_in;
  if (!target.has_filename()) target = target.parent_path();
  const std::string prefix = temp_prefix(target);
  const stdfs::path parent = target.parent_path().empty() ? "." : target.parent_path();
  std::vector<stdfs::path> stale;
  std::error_code ec;
  for (const auto& entry : stdfs::directory_iterator(parent, ec)) {
    if (entry.path().filename().string().starts_with(prefix)) stale.push_back(entry.path());
  }
  std::size_t removed = 0;
  for (const auto& path : stale) {
    if (stdfs::remove_all(path, ec) > 0 && !ec) ++removed;
  }
  return removed;
}

// A file that cannot be written: the batch cannot be committed.
Status AtomicBatch::fail(const Error& error) {
  if (open_ != nullptr) std::fclose(open_);
  open_ = nullptr;
  open_failed_ = error;
  if (!failed_) failed_ = error;
  return error;
}

Status AtomicBatch::add(const std::string& relative, std::string_view bytes) {
  if (auto st = begin(relative); !st) return st;
  if (auto st = append(bytes); !st) return st;
  return end();
}

Status AtomicBatch::begin(const std::string& relative) {
  if (open_ != nullptr || open_failed_) (void)end();
  if (temp_.empty()) return fail(*failed_);
  open_path_ = temp_ / relative;
  if (std::find(files_.begin(), files_.end(), relative) == files_.end()) files_.push_back(relative);
  // Each folder on the way is made (and later synced) once.
  std::error_code ec;
  for (stdfs::path dir = open_path_.parent_path(); dir != temp_ && !stdfs::exists(dir, ec);
       dir = dir.parent_path()) {
    folders_.push_back(dir);
  }
  stdfs::create_directories(open_path_.parent_path(), ec);
  if (ec) return fail(write_error(target_ / stdfs::path(relative).parent_path(), ec.message()));
  // O_NOFOLLOW: a link planted in the temporary folder is never written through.
  const int fd =
      ::open(open_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd >= 0) open_ = ::fdopen(fd, "wb");
  unsynced_ = 0;
  if (open_ == nullptr) {
    const int why = errno;
    if (fd >= 0) ::close(fd);
    return fail(write_error(target_ / relative, std::strerror(why)));
  }
  return Ok{};
}

Status AtomicBatch::append(std::string_view bytes) {
  if (open_failed_) return *open_failed_;
  if (open_ == nullptr) return fail(write_error(target_, std::strerror(EBADF)));  // no begin()
  if (std::fwrite(bytes.data(), 1, bytes.size(), open_) != bytes.size()) {
    return fail(write_error(open_path_, std::strerror(errno)));
  }
#if defined(__linux__)
  // end() syncs the file; a large report starts going to the disk every 8 MB while the rest is
  // rendered, so that the sync waits only for the last part (writing back, not waiting: errors
  // show at the sync). On 1,000 interviews the syncs took 0.1 s of condense, on 10,000 more.
  unsynced_ += bytes.size();
  if (unsynced_ >= (std::size_t{8} << 20)) {
    unsynced_ = 0;
    if (std::fflush(open_) == 0) {
      (void)::sync_file_range(::fileno(open_), 0, 0, SYNC_FILE_RANGE_WRITE);
    }
  }
#endif
  return Ok{};
}

Status AtomicBatch::end() {
  if (open_failed_) {
    const Error error = *open_failed_;
    open_failed_.reset();
    return error;
  }
  if (open_ == nullptr) return Ok{};
  const bool flushed = std::fflush(open_) == 0 && ::fsync(::fileno(open_)) == 0;
  const int why = errno;
  const bool closed = std::fclose(open_) == 0;
  open_ = nullptr;
  if (!flushed || !closed) {
    const Error error = write_error(open_path_, std::strerror(flushed ? errno : why));
    (void)fail(error);
    open_failed_.reset();  // reported here; the next file starts clean
    return error;
  }
  return Ok{};
}

Status AtomicBatch::keep(const std::string& relative) {
  if (failed_) return *failed_;
  std::error_code ec;
  const auto from = target_ / relative;
  if (!stdfs::exists(stdfs::symlink_status(from, ec))) return Ok{};
  if (auto st = copy_tree(from, temp_ / relative, folders_); !st) {
    failed_ = st.error();
    return st;
  }
  return Ok{};
}

Status AtomicBatch::commit() {
  if (open_ != nullptr) {
    if (auto st = end(); !st) return st;
  }
  // A batch with a missing file must not replace the others: the output would not match.
  if (failed_) {
    remove_temp();
    return *failed_;
  }
  const auto refuse = [this](const Error& error) {
    remove_temp();
    failed_ = error;
    return Status(error);
  };
  for (auto it = folders_.rbegin(); it != folders_.rend(); ++it) {
    if (!sync_path(*it)) return refuse(write_error(*it, std::strerror(errno)));
  }
  std::error_code ec;
  const bool exists = stdfs::exists(stdfs::symlink_status(target_, ec));
  if (exists && (!stdfs::is_directory(stdfs::symlink_status(target_, ec)))) {
    return refuse(not_a_folder(target_));
  }
  if (exists) {
    if (const auto dir = unremovable(target_)) {
      return refuse(write_error(*dir, std::strerror(EACCES)));
    }
  }
  const stdfs::path parent = target_.parent_path().empty() ? "." : target_.parent_path();
  stdfs::path old;
  if (!exists) {
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
      return refuse(write_error(target_, std::strerror(errno)));
    }
  } else if (swap_ == Swap::exchange && ::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD,
                                                    target_.c_str(), RENAME_EXCHANGE) == 0) {
    old = temp_;  // the exchange left the old tree under the temporary name
  } else if (swap_ == Swap::rename_aside || errno == EINVAL || errno == ENOSYS ||
             errno == ENOTSUP) {
    // No atomic exchange on this file system: rename the old folder aside, the new one in.
    // Between the two renames there is no target at all, never a mix of the two.
    old = fresh_temp(target_);
    if (::rename(target_.c_str(), old.c_str()) != 0) {
      return refuse(write_error(target_, std::strerror(errno)));
    }
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
      const int why = errno;
      (void)::rename(old.c_str(), target_.c_str());
      return refuse(write_error(target_, std::strerror(why)));
    }
  } else {
    return refuse(write_error(target_, std::strerror(errno)));
  }
  done_ = true;
  temp_.clear();
  (void)sync_path(parent);
  if (!old.empty()) {
    stdfs::remove_all(old, ec);
    if (ec) leftover_ = old;
  }
  return Ok{};
}

Status write_all_atomic(const stdfs::path& root, const std::map<std::string, std::string>& files) {
  AtomicBatch batch(root);
  for (const auto& [rel, bytes] : files) {
    if (auto st = batch.add(rel, bytes); !st) return st;
  }
  return batch.commit();
}

Status fill_folder(const stdfs::path& root, const std::map<std::string, std::string>& files) {
  std::error_code ec;
  if (!stdfs::is_directory(root, ec)) return write_all_atomic(root, files);
  const stdfs::path staging = root / ".ipcode-init.tmp";
  stdfs::remove_all(staging, ec);
  if (auto st = write_all_atomic(staging, files); !st) return st;
  std::vector<stdfs::path> moved;
  for (const auto& entry : stdfs::directory_iterator(staging, ec)) {
    const stdfs::path to = root / entry.path().filename();
    if (::rename(entry.path().c_str(), to.c_str()) != 0) {
      const int why = errno;
      for (const auto& m : moved) stdfs::remove_all(m, ec);
      stdfs::remove_all(staging, ec);
      return write_error(to, std::strerror(why));
    }
    moved.push_back(to);
  }
  stdfs::remove_all(staging, ec);
  (void)sync_path(root);
  return Ok{};
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  // Unlinked while still held, so that nobody can lock the old file after we let go.
  ::unlink(path_.c_str());
  ::close(fd_);
}

Status OutputLock::acquire(const stdfs::path& study_root) {
  path_ = study_root / ".ipcode.lock";
  for (int attempt = 0; attempt < 10; ++attempt) {
    // O_NOFOLLOW: a link planted at the lock's name must not make ipcode truncate its target.
    const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return write_error(path_, std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int why = errno;
      char buf[32] = {};
      const auto n = ::pread(fd, buf, sizeof buf - 1, 0);
      ::close(fd);
      if (why != EWOULDBLOCK) return write_error(path_, std::strerror(why));
      const auto pid =
          parse_int(trim(std::string_view(buf, n > 0 ? static_cast<std::size_t>(n) : 0)));
      if (pid && *pid > 0) {
        return Error{ErrorKind::cannot_write,
                     format(tr("another ipcode (process {1}) is writing the output of this study; "
                               "wait until it has finished, then run the command again"),
                            {std::to_string(*pid)})};
      }
      return Error{ErrorKind::cannot_write,
                   format(tr("another program holds '{1}' and may be writing the output of this "
                             "study; wait until it has finished, then run the command again"),
                          {path_.string()})};
    }
    // The holder before us may have removed the file after we opened it: lock the file that
    // is there now, or try again.
    struct stat held {
    }, there{};
    if (::fstat(fd, &held) == 0 && ::stat(path_.c_str(), &there) == 0 &&
        held.st_ino == there.st_ino && held.st_dev == there.st_dev) {
      const std::string pid = std::to_string(::getpid()) + "\n";
      if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        ::close(fd);
        return write_error(path_, std::strerror(errno));
      }
      fd_ = fd;
      return Ok{};
    }
    ::close(fd);
  }
  return write_error(path_, std::strerror(EAGAIN));
}

}  // namespace ipcode::fs
