/// File-system edge of ipcode: reading inputs, writing outputs atomically, and keeping every
/// path inside the study folder. Paths handed to users are relative to the study with '/'.
#pragma once

#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ipcode/base/result.hpp"

namespace ipcode::fs {

namespace stdfs = std::filesystem;

/// Reads a whole file as bytes. missing_input when it does not exist or cannot be read.
Result<std::string> read_file(const stdfs::path& path);

/// Writes bytes to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file. Creates missing parent folders. cannot_write on failure.
Status write_atomic(const stdfs::path& path, std::string_view bytes);

/// Writes a set of files under `root` as one step, one file at a time, so that a caller can
/// render a file, hand it over and let its bytes go before rendering the next: add() writes
/// the file to a temporary name next to its target at once (or begin(), append() piece by
/// piece, end(), for a file too large to hold whole); commit() renames every temporary
/// file into place. Until commit() no existing file is touched, and a batch destroyed without
/// a successful commit() removes its temporary files, so a failed run leaves the previous
/// files intact (SPEC §7).
class AtomicBatch {
 public:
  explicit AtomicBatch(stdfs::path root);
  AtomicBatch(const AtomicBatch&) = delete;
  AtomicBatch& operator=(const AtomicBatch&) = delete;
  ~AtomicBatch();

  /// Writes `bytes` to the temporary file of `root/relative`, creating missing folders.
  /// Adding the same path again replaces its bytes. cannot_write on failure.
  Status add(const std::string& relative, std::string_view bytes);
  /// The same in pieces: begin() opens the temporary file of `root/relative` (ending a file
  /// still open), append() adds the next bytes to it, end() closes it. After a failure the
  /// file's later calls do nothing and return that failure; commit() is refused.
  Status begin(const std::string& relative);
  Status append(std::string_view bytes);
  Status end();
  /// Renames every added file into place, in the order added. Refused (with the first error)
  /// when an add() failed.
  Status commit();
  /// How many different files were added.
  std::size_t size() const { return targets_.size(); }

 private:
  void remove_temps();
  Status fail(const Error& error);

  stdfs::path root_;
  std::FILE* open_ = nullptr;         // the temporary file begin() opened, until end()
  stdfs::path open_target_;           // its target
  std::optional<Error> open_failed_;  // why the file begun last cannot be written
  std::vector<stdfs::path> targets_;  // in the order added, each once
  std::optional<Error> failed_;       // the first add() that failed
  bool done_ = false;                 // committed: nothing left to remove
};

/// Writes a set of files (relative path -> bytes) under `root` as one step (an AtomicBatch):
/// every file is first written to a temporary name, and only when all of them are written are
/// they renamed into place. A failure before the renames leaves every existing file untouched.
Status write_all_atomic(const stdfs::path& root, const std::map<std::string, std::string>& files);

/// Why a study-relative path is not acceptable, or empty when it is fine.
enum class PathProblem { none, absolute, escapes, symlink_escapes };

/// Checks that `relative` (as written in a study file) stays inside `root`: not absolute, no
/// `..` leaving the root, and no symlink on the way pointing outside the root.
PathProblem check_inside(const stdfs::path& root, std::string_view relative);

/// Expands a glob relative to `root` (`*`, `?`, `[...]` within a segment, `**` across
/// folders). Returns study-relative paths with '/' sorted byte-wise; never follows
/// symlinks out of the root; skips the output folder `skip_dir` (relative) if given.
std::vector<std::string> glob(const stdfs::path& root, std::string_view pattern,
                              std::string_view skip_dir = {});

/// Matches one path against a glob pattern (same syntax as glob()).
bool glob_match(std::string_view pattern, std::string_view path);

/// The study-relative form of `path` with '/' separators.
std::string relative_to(const stdfs::path& root, const stdfs::path& path);

/// The folder that holds the running executable (from /proc/self/exe).
stdfs::path executable_dir();

}  // namespace ipcode::fs
