/// File-system edge of ipcode: reading inputs, writing outputs atomically, and keeping every
/// path inside the study folder. Paths handed to users are relative to the study with '/'.
#pragma once

#include "ipcode/base/result.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipcode::fs {

namespace stdfs = std::filesystem;

/// The largest input file ipcode reads (a transcript, a YAML file, log.md): a larger one is
/// refused before it is read (docs/decisions.md).
inline constexpr std::uint64_t kMaxInputBytes = std::uint64_t{64} << 20;

/// Why read_file() or read_inside() gave no bytes.
enum class ReadProblem { none, missing, unreadable, not_a_file, too_large, leaves_study };

/// Reads a whole file as bytes. Only an ordinary file is read: a folder, named pipe, socket
/// or device is refused without ever blocking on it (opened with O_NONBLOCK, then fstat), and
/// so is a file larger than `limit`. missing_input on failure, with a message naming the file
/// and saying what it is; `problem` (if given) tells why.
Result<std::string> read_file(const stdfs::path& path, ReadProblem* problem = nullptr,
                              std::uint64_t limit = kMaxInputBytes);

/// Reads `relative` (a study-relative path) like read_file(), and refuses it (leaves_study,
/// naming the symbolic link) when the path leaves the study folder `root`: `..`, an absolute
/// path, or a symlink on the way pointing outside. The check is made on the real path of the
/// file actually opened (/proc/self/fd), so a link swapped in between cannot fool it.
Result<std::string> read_inside(const stdfs::path& root, std::string_view relative,
                                ReadProblem* problem = nullptr,
                                std::uint64_t limit = kMaxInputBytes);

/// The first symbolic link on `relative` (inside `root`) that leads out of the study folder,
/// as {study-relative link, where it points}; nothing when every link stays inside.
std::optional<std::pair<std::string, std::string>> escaping_link(const stdfs::path& root,
                                                                 std::string_view relative);

/// Whether ipcode may write to `relative` inside `root` (an output folder or file): not
/// absolute, no `..` leaving the study, and no symbolic link on the way leading out of it.
/// cannot_write naming the link otherwise.
Status check_output(const stdfs::path& root, std::string_view relative);

/// Writes bytes to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file. The temporary file gets a fresh name and is created
/// exclusively (O_EXCL: a symlink planted at a temporary name is never followed). Creates
/// missing parent folders. cannot_write on failure.
Status write_atomic(const stdfs::path& path, std::string_view bytes);

/// Replaces a whole folder (`target`, e.g. the study's out/) with a new one in one step, so a
/// reader sees the old folder or the new one, never a mix (SPEC §7). Every file goes into a
/// fresh temporary folder beside the target (`.NAME.tmp-<pid>-<random>`) as soon as it is
/// handed over: add() whole, or begin(), append() piece by piece, end(), for a file too large
/// to hold. commit() syncs the files and folders to disk, swaps the new folder in with one
/// rename (Linux renameat2(RENAME_EXCHANGE); elsewhere: the old folder is renamed aside, the
/// new one renamed in) and removes the old tree. The new folder holds exactly the files added
/// and kept: anything else in the old folder goes. Until commit() swaps, nothing in `target`
/// is touched; a batch destroyed without a successful commit() removes its temporary folder.
/// A `target` that exists and is not a folder, or an old folder that cannot be removed (a
/// read-only subfolder), is refused before anything changes. Not safe against a second
/// writer of the same target: hold an OutputLock.
class AtomicBatch {
 public:
  /// How commit() swaps: one exchange where the file system has it (else it falls back to
  /// renaming aside); rename_aside forces the fallback (for tests of it).
  enum class Swap { exchange, rename_aside };

  explicit AtomicBatch(stdfs::path target, Swap swap = Swap::exchange);
  AtomicBatch(const AtomicBatch&) = delete;
  AtomicBatch& operator=(const AtomicBatch&) = delete;
  ~AtomicBatch();

  /// Writes `bytes` to `relative` in the new folder, creating missing folders. Adding the
  /// same path again replaces its bytes. cannot_write on failure.
  Status add(const std::string& relative, std::string_view bytes);
  /// The same in pieces: begin() opens `relative` in the new folder (ending a file still
  /// open), append() adds the next bytes to it, end() closes it. After a failure the file's
  /// later calls do nothing and return that failure; commit() is refused.
  Status begin(const std::string& relative);
  Status append(std::string_view bytes);
  Status end();
  /// Carries `relative` (a file or a folder) of the current target into the new folder
  /// unchanged (hard links, else copies). Nothing to do when it does not exist.
  Status keep(const std::string& relative);
  /// Swaps the new folder in. Refused (with the first error) when a write failed; on any
  /// failure the target is as it was and the temporary folder is gone.
  Status commit();
  /// How many different files were added (kept files not counted).
  std::size_t size() const { return files_.size(); }
  /// After commit(): the old tree when it could not be removed completely (empty if it was).
  const stdfs::path& leftover() const { return leftover_; }

  /// Removes the temporary folders that earlier runs left beside `target` (killed before
  /// they could clean up). Only call it holding the OutputLock. Returns how many went.
  static std::size_t remove_stale(const stdfs::path& target);

 private:
  Status fail(const Error& error);
  void remove_temp();

  stdfs::path target_;
  stdfs::path temp_;                  // the new folder, until commit() swaps it in
  std::FILE* open_ = nullptr;         // the file begin() opened, until end()
  std::size_t unsynced_ = 0;          // bytes appended to it since writing back was started
  stdfs::path open_path_;             // its path in temp_
  std::optional<Error> open_failed_;  // why the file begun last cannot be written
  std::vector<std::string> files_;    // relative paths added, each once
  std::vector<stdfs::path> folders_;  // folders made in temp_, synced at commit
  std::optional<Error> failed_;       // the first failure: commit() is refused
  stdfs::path leftover_;
  Swap swap_ = Swap::exchange;
  bool done_ = false;  // committed: nothing left to remove
};

/// Writes a set of files (relative path -> bytes) as the whole new content of the folder
/// `root`, in one step (an AtomicBatch). A failure leaves `root` as it was.
Status write_all_atomic(const stdfs::path& root, const std::map<std::string, std::string>& files);

/// Like write_all_atomic, for a folder that may already exist but must then be empty (`ipcode
/// init .`): the folder itself is never renamed (it may be the current one), so the files are
/// written to a hidden folder inside it and their top-level entries moved up; a failure removes
/// what was moved, leaving the folder empty as before.
Status fill_folder(const stdfs::path& root, const std::map<std::string, std::string>& files);

/// One writer of a study's output at a time: an advisory lock (flock) on `.ipcode.lock` in
/// the study folder, holding the pid of its owner. The file is removed when the lock is let
/// go; a lock of a killed process is free again (the kernel drops it).
class OutputLock {
 public:
  OutputLock() = default;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  ~OutputLock();
  /// Takes the lock. cannot_write when another process holds it (naming its pid when the
  /// file says it) or the lock file cannot be made.
  Status acquire(const stdfs::path& study_root);

 private:
  int fd_ = -1;
  stdfs::path path_;
};

/// Why a study-relative path is not acceptable, or empty when it is fine.
enum class PathProblem { none, absolute, escapes, symlink_escapes };

/// Checks that `relative` (as written in a study file) stays inside `root`: not absolute, no
/// `..` leaving the root, and no symlink on the way pointing outside the root.
PathProblem check_inside(const stdfs::path& root, std::string_view relative);

/// Expands a glob relative to `root` (`*`, `?`, `[...]` within a segment, `**` across
/// folders). Returns study-relative paths with '/' sorted byte-wise: the files matching (an
/// ordinary file, or a special file such as a named pipe, which read_inside() then refuses
/// saying what it is; never a folder); skips the output folder `skip_dir` (relative) if given.
/// Symbolic links (to files or folders) are followed only while they stay inside the study,
/// each real folder walked once; a link leading out of it that the pattern could match (or
/// the pattern's fixed folder itself) is never followed but added to `escaping` (if given).
std::vector<std::string> glob(const stdfs::path& root, std::string_view pattern,
                              std::string_view skip_dir = {},
                              std::vector<std::string>* escaping = nullptr);

/// Matches one path against a glob pattern (same syntax as glob()).
bool glob_match(std::string_view pattern, std::string_view path);

/// The study-relative form of `path` with '/' separators.
std::string relative_to(const stdfs::path& root, const stdfs::path& path);

/// The folder that holds the running executable (from /proc/self/exe).
stdfs::path executable_dir();

}  // namespace ipcode::fs
