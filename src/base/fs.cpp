#include "ipcode/base/fs.hpp"

#include "fs_private.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <set>
#include <utility>

namespace ipcode::fs {

Error write_error(const stdfs::path& path, const std::string& why) {
  return {ErrorKind::cannot_write, format(tr("cannot write '{1}': {2}"), {path.string(), why})};
}

namespace {

bool segment_match(std::string_view pat, std::string_view s) {
  // Iterative wildcard matching with backtracking on the last '*'.
  std::size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (p < pat.size() && pat[p] == '[') {
      const auto close = pat.find(']', p + 1);
      if (close != std::string_view::npos) {
        bool negate = p + 1 < close && (pat[p + 1] == '!' || pat[p + 1] == '^');
        bool hit = false;
        for (std::size_t k = p + 1 + (negate ? 1 : 0); k < close; ++k) {
          if (k + 2 < close && pat[k + 1] == '-') {
            hit = hit || (s[i] >= pat[k] && s[i] <= pat[k + 2]);
            k += 2;
          } else {
            hit = hit || s[i] == pat[k];
          }
        }
        if (hit != negate) {
          p = close + 1;
          ++i;
          continue;
        }
      }
    } else if (p < pat.size() && (pat[p] == '?' || pat[p] == s[i])) {
      ++p;
      ++i;
      continue;
    } else if (p < pat.size() && pat[p] == '*') {
      star = p++;
      mark = i;
      continue;
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    i = ++mark;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

bool match_segments(const std::vector<std::string_view>& pat, std::size_t pi,
                    const std::vector<std::string_view>& path, std::size_t si) {
  if (pi == pat.size()) return si == path.size();
  if (pat[pi] == "**") {
    for (std::size_t k = si; k <= path.size(); ++k) {
      if (match_segments(pat, pi + 1, path, k)) return true;
    }
    return false;
  }
  if (si == path.size()) return false;
  return segment_match(pat[pi], path[si]) && match_segments(pat, pi + 1, path, si + 1);
}

bool has_wildcard(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

}  // namespace

namespace {

// check_inside() without looking at the disk: absolute, or a `..` leaving the root. The
// readers and writers ask only this, and follow the links themselves (escaping_link(), and
// the file actually opened): two weakly_canonical() calls a file were a dozen system calls.
PathProblem lexical_problem(std::string_view relative) {
  const stdfs::path rel(relative);
  if (rel.is_absolute()) return PathProblem::absolute;
  int depth = 0;
  for (const auto& part : rel.lexically_normal()) {
    if (part == "..")
      --depth;
    else if (part != "." && !part.empty())
      ++depth;
    if (depth < 0) return PathProblem::escapes;
  }
  return PathProblem::none;
}

// Whether the real path `real` is the real root or below it.
bool is_inside(const stdfs::path& real_root, const stdfs::path& real) {
  const auto r = real.lexically_relative(real_root);
  return !r.empty() && *r.begin() != "..";
}

stdfs::path real_path(const stdfs::path& path) {
  std::error_code ec;
  auto real = stdfs::weakly_canonical(path, ec);
  return ec ? stdfs::absolute(path, ec).lexically_normal() : real;
}

// The study folder's real path, worked out again only when the folder behind `root` changes
// (every input file is checked against it: thousands of files, each path component a system
// call); one stat() tells.
const stdfs::path& real_root_of(const stdfs::path& root) {
  thread_local stdfs::path last_root;
  thread_local stdfs::path last_real;
  thread_local dev_t last_dev = 0;
  thread_local ino_t last_ino = 0;
  struct stat st {};
  const bool found = ::stat(root.c_str(), &st) == 0;
  if (!found || root != last_root || st.st_dev != last_dev || st.st_ino != last_ino ||
      last_real.empty()) {
    last_root = root;
    last_real = real_path(root);
    last_dev = found ? st.st_dev : 0;
    last_ino = found ? st.st_ino : 0;
  }
  return last_real;
}

// What a file that is not an ordinary file is, in a sentence naming it.
std::string not_a_file_message(const std::string& shown, mode_t mode) {
  if (S_ISDIR(mode)) return format(tr("'{1}' is a folder, not a file"), {shown});
  if (S_ISFIFO(mode)) {
    return format(tr("'{1}' is a named pipe (FIFO), not a file; ipcode reads only ordinary files"),
                  {shown});
  }
  if (S_ISSOCK(mode)) {
    return format(tr("'{1}' is a socket, not a file; ipcode reads only ordinary files"), {shown});
  }
  if (S_ISCHR(mode) || S_ISBLK(mode)) {
    return format(tr("'{1}' is a device, not a file; ipcode reads only ordinary files"), {shown});
  }
  return format(tr("'{1}' is not an ordinary file; ipcode reads only ordinary files"), {shown});
}

std::string escaping_message(const std::string& shown, const std::string& link,
                             const std::string& target) {
  if (link == shown) {
    return format(tr("'{1}' is a symbolic link leading out of the study folder (to '{2}'); "
                     "ipcode reads only what is inside the study folder: copy the files into it"),
                  {shown, target});
  }
  return format(tr("'{1}' leads out of the study folder through the symbolic link '{2}' (to "
                   "'{3}'); keep every file inside the study folder"),
                {shown, link, target});
}

// Reads `path` (shown to the user as `shown`): an ordinary file of at most `limit` bytes,
// and, when `root` is given, whose real path is inside the study folder `root`.
Result<std::string> read_checked(const stdfs::path& path, const std::string& shown,
                                 const stdfs::path* root, std::string_view relative,
                                 ReadProblem* problem, std::uint64_t limit) {
  const auto fail = [problem](ReadProblem why, std::string message) -> Result<std::string> {
    if (problem != nullptr) *problem = why;
    return Error{ErrorKind::missing_input, std::move(message)};
  };
  const auto cannot = [&](int why) {
    if (why == ENOENT || why == ENOTDIR) {
      return fail(ReadProblem::missing, format(tr("cannot read '{1}'"), {shown}));
    }
    return fail(ReadProblem::unreadable,
                format(tr("cannot read '{1}': {2}"), {shown, std::strerror(why)}));
  };
  const auto leaves = [&]() -> std::optional<Result<std::string>> {
    if (root == nullptr) return std::nullopt;
    if (const auto link = escaping_link(*root, relative)) {
      return fail(ReadProblem::leaves_study, escaping_message(shown, link->first, link->second));
    }
    return std::nullopt;
  };
  // Look before opening: a device is not even opened, and a link out of the study not read.
  if (auto refused = leaves()) return std::move(*refused);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return cannot(errno);
  if (!S_ISREG(st.st_mode))
    return fail(ReadProblem::not_a_file, not_a_file_message(shown, st.st_mode));
  // O_NONBLOCK: should a named pipe have been swapped in since, opening it does not wait.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return cannot(errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::fstat(fd, &st) != 0) return cannot(errno);
  if (!S_ISREG(st.st_mode))
    return fail(ReadProblem::not_a_file, not_a_file_message(shown, st.st_mode));
  const auto too_large = [&](std::uint64_t size) {
    const auto mb = [](std::uint64_t n) { return std::to_string((n + (1 << 20) - 1) >> 20); };
    return fail(ReadProblem::too_large,
                format(tr("'{1}' is {2} MB, more than the {3} MB ipcode reads from one file; "
                          "check that it is the right file, or split it"),
                       {shown, mb(size), mb(limit)}));
  };
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > limit) return too_large(size);
  // The file actually opened must be inside the study, whatever was swapped in meanwhile.
  if (root != nullptr) {
    char buf[4096];
    const std::string fd_link = "/proc/self/fd/" + std::to_string(fd);
    const auto n = ::readlink(fd_link.c_str(), buf, sizeof buf - 1);
    const stdfs::path real =
        n > 0 ? stdfs::path(std::string(buf, static_cast<std::size_t>(n))) : real_path(path);
    if (!is_inside(real_root_of(*root), real)) {
      if (auto refused = leaves()) return std::move(*refused);
      return fail(ReadProblem::leaves_study, escaping_message(shown, shown, real.string()));
    }
  }
  // Read into a string of the file's size: a stringstream would grow by doubling and then
  // copy, three times a transcript's size at the peak, on several threads at once.
  std::string out;
  out.reserve(static_cast<std::size_t>(size));
  char chunk[1 << 16];
  for (;;) {
    const auto got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return cannot(errno);
    if (got == 0) break;
    out.append(chunk, static_cast<std::size_t>(got));
    if (out.size() > limit) return too_large(out.size());  // it grew while being read
  }
  return out;
}

}  // namespace

Result<std::string> read_file(const stdfs::path& path, ReadProblem* problem, std::uint64_t limit) {
  if (problem != nullptr) *problem = ReadProblem::none;
  return read_checked(path, path.string(), nullptr, {}, problem, limit);
}

Result<std::string> read_inside(const stdfs::path& root, std::string_view relative,
                                ReadProblem* problem, std::uint64_t limit) {
  if (problem != nullptr) *problem = ReadProblem::none;
  const std::string shown(relative);
  const auto lexical = lexical_problem(relative);
  if (lexical == PathProblem::absolute || lexical == PathProblem::escapes) {
    if (problem != nullptr) *problem = ReadProblem::leaves_study;
    return Error{ErrorKind::missing_input,
                 format(tr("the path '{1}' leads out of the study folder; keep every file "
                           "inside it"),
                        {shown})};
  }
  return read_checked(root / stdfs::path(relative), shown, &root, relative, problem, limit);
}

std::optional<std::pair<std::string, std::string>> escaping_link(const stdfs::path& root,
                                                                 std::string_view relative) {
  stdfs::path here = root;
  std::string shown;
  std::error_code ec;
  for (const auto& part : stdfs::path(relative).lexically_normal()) {
    if (part.empty() || part == ".") continue;
    here /= part;
    shown += (shown.empty() ? "" : "/") + part.string();
    const auto status = stdfs::symlink_status(here, ec);
    if (ec || !stdfs::exists(status)) return std::nullopt;
    if (stdfs::is_symlink(status) && !is_inside(real_root_of(root), real_path(here))) {
      return std::pair{shown, stdfs::read_symlink(here, ec).string()};
    }
  }
  return std::nullopt;
}

Status check_output(const stdfs::path& root, std::string_view relative) {
  const auto lexical = lexical_problem(relative);
  if (lexical == PathProblem::absolute || lexical == PathProblem::escapes) {
    return write_error(root / stdfs::path(relative), tr("the path leads out of the study folder"));
  }
  if (const auto link = escaping_link(root, relative)) {
    return Error{ErrorKind::cannot_write,
                 format(tr("'{1}' is a symbolic link leading out of the study folder (to '{2}'); "
                           "ipcode writes only inside the study: remove the link"),
                        {link->first, link->second})};
  }
  return Ok{};
}

Status write_atomic(const stdfs::path& path, std::string_view bytes) {
  std::error_code ec;
  stdfs::create_directories(path.parent_path().empty() ? "." : path.parent_path(), ec);
  if (ec) return write_error(path.parent_path(), ec.message());
  // A fresh name, created exclusively (O_EXCL also refuses a symlink planted at the name).
  std::random_device random;
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%08x", random());
    tmp =
        (path.parent_path() / ("." + path.filename().string() + ".ipcode-tmp-" + suffix)).string();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) return write_error(path, std::strerror(errno));
  }
  if (fd < 0) return write_error(path, std::strerror(EEXIST));
  const auto fail = [&](int why) {
    ::unlink(tmp.c_str());
    return write_error(path, std::strerror(why));
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int why = errno;
      ::close(fd);
      return fail(why);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return fail(errno);
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail(errno);
  return Ok{};
}

PathProblem check_inside(const stdfs::path& root, std::string_view relative) {
  if (const auto lexical = lexical_problem(relative); lexical != PathProblem::none) return lexical;
  const stdfs::path rel(relative);
  // Follow symlinks on the existing part of the path and compare real locations.
  std::error_code ec;
  const auto real_root = stdfs::weakly_canonical(root, ec);
  const auto real = stdfs::weakly_canonical(root / rel, ec);
  if (ec) return PathProblem::none;
  const auto r = real.lexically_relative(real_root);
  if (r.empty() || *r.begin() == "..") return PathProblem::symlink_escapes;
  return PathProblem::none;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  return match_segments(split(pattern, '/'), 0, split(path, '/'), 0);
}

namespace {

// Whether some path below the folder `path` could match the pattern (so the walk goes in).
bool could_match_below(const std::vector<std::string_view>& pat, std::size_t pi,
                       const std::vector<std::string_view>& path, std::size_t si) {
  if (si == path.size()) return pi < pat.size();
  if (pi == pat.size()) return false;
  if (pat[pi] == "**") return true;
  return segment_match(pat[pi], path[si]) && could_match_below(pat, pi + 1, path, si + 1);
}

struct Walk {
  std::string pattern;
  std::vector<std::string_view> pat;
  std::string skip;  // the output folder with a final '/', or empty
  stdfs::path real_root;
  std::set<std::pair<dev_t, ino_t>> seen;  // real folders walked: a link loop ends here
  std::vector<std::string> out;
  std::vector<std::string>* escaping = nullptr;

  void refuse(const std::string& rel) {
    if (escaping != nullptr) escaping->push_back(rel);
  }

  void folder(const stdfs::path& dir, const std::string& prefix) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !seen.insert({st.st_dev, st.st_ino}).second) return;
    std::error_code ec;
    std::vector<stdfs::directory_entry> entries;
    for (auto it = stdfs::directory_iterator(dir, ec); !ec && it != stdfs::directory_iterator();
         it.increment(ec)) {
      entries.push_back(*it);
    }
    for (const auto& entry : entries) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with(".")) continue;
      const std::string rel = prefix + name;
      const bool link = entry.is_symlink(ec);
      const auto status = entry.status(ec);
      if (stdfs::is_directory(status)) {
        if (!skip.empty() && (rel + "/").starts_with(skip)) continue;
        if (!could_match_below(pat, 0, split(rel, '/'), 0)) continue;
        if (link && !is_inside(real_root, real_path(entry.path()))) {
          refuse(rel);
          continue;
        }
        folder(entry.path(), rel + "/");
        continue;
      }
      if (!glob_match(pattern, rel)) continue;
      if (link && !is_inside(real_root, real_path(entry.path()))) {
        refuse(rel);
        continue;
      }
      out.push_back(rel);  // a special file too: the reader says what it is
    }
  }
};

}  // namespace

std::vector<std::string> glob(const stdfs::path& root, std::string_view pattern,
                              std::string_view skip_dir, std::vector<std::string>* escaping) {
  std::string pat(pattern);
  while (pat.starts_with("./")) pat.erase(0, 2);
  std::error_code ec;
  if (!has_wildcard(pat)) {
    const auto status = stdfs::symlink_status(root / pat, ec);
    if (ec || !stdfs::exists(status)) return {};
    if (escaping_link(root, pat)) {
      if (escaping != nullptr) escaping->push_back(pat);
      return {};
    }
    if (stdfs::is_directory(stdfs::status(root / pat, ec))) return {};
    return {pat};
  }
  // The fixed folder part in front of the first wildcard is where the walk starts.
  std::string base;
  for (const auto seg : split(pat, '/')) {
    if (has_wildcard(seg)) break;
    base += std::string(seg) + "/";
  }
  if (!base.empty() && escaping_link(root, base)) {
    if (escaping != nullptr) escaping->push_back(base.substr(0, base.size() - 1));
    return {};
  }
  if (!stdfs::is_directory(root / base, ec)) return {};
  Walk walk;
  walk.pattern = pat;
  walk.pat = split(walk.pattern, '/');
  if (!skip_dir.empty()) walk.skip = std::string(skip_dir) + "/";
  walk.real_root = real_path(root);
  walk.escaping = escaping;
  walk.folder(root / base, base);
  std::sort(walk.out.begin(), walk.out.end());
  return std::move(walk.out);
}

std::string relative_to(const stdfs::path& root, const stdfs::path& path) {
  return path.lexically_relative(root).generic_string();
}

stdfs::path executable_dir() {
  std::error_code ec;
  const auto exe = stdfs::read_symlink("/proc/self/exe", ec);
  if (ec) return stdfs::current_path(ec);
  return exe.parent_path();
}

}  // namespace ipcode::fs
