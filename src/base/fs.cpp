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
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

namespace ipcode::fs {

Error write_error(const stdfs::path& path, const std::string& why) {
  return {ErrorKind::cannot_write, format(tr("cannot write '{1}': {2}"), {path.string(), why})};
}

namespace {

stdfs::path temp_name(const stdfs::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".ipcode-tmp");
}

Status write_plain(const stdfs::path& path, std::string_view bytes) {
  std::error_code ec;
  stdfs::create_directories(path.parent_path(), ec);
  if (ec) return write_error(path.parent_path(), ec.message());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return write_error(path, std::strerror(errno));
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const bool flushed = std::fflush(f) == 0;
  const bool closed = std::fclose(f) == 0;
  if (!written || !flushed || !closed) return write_error(path, std::strerror(errno));
  return Ok{};
}

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

Result<std::string> read_file(const stdfs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  if (!in || stdfs::is_directory(path, ec)) {
    return Error{ErrorKind::missing_input, format(tr("cannot read '{1}'"), {path.string()})};
  }
  // Read into a string of the file's size: a stringstream would grow by doubling and then
  // copy, three times a transcript's size at the peak, on several threads at once.
  std::string out;
  const auto size = stdfs::file_size(path, ec);
  if (!ec) out.reserve(static_cast<std::size_t>(size));
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    out.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    return Error{ErrorKind::missing_input, format(tr("cannot read '{1}'"), {path.string()})};
  }
  return out;
}

Status write_atomic(const stdfs::path& path, std::string_view bytes) {
  const auto tmp = temp_name(path);
  if (auto st = write_plain(tmp, bytes); !st) return st;
  std::error_code ec;
  stdfs::rename(tmp, path, ec);
  if (ec) {
    stdfs::remove(tmp, ec);
    return write_error(path, ec.message());
  }
  return Ok{};
}

PathProblem check_inside(const stdfs::path& root, std::string_view relative) {
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

std::vector<std::string> glob(const stdfs::path& root, std::string_view pattern,
                              std::string_view skip_dir) {
  std::vector<std::string> out;
  std::string pat(pattern);
  while (pat.starts_with("./")) pat.erase(0, 2);
  // The fixed folder part in front of the first wildcard is where the walk starts.
  std::string base;
  for (const auto seg : split(pat, '/')) {
    if (has_wildcard(seg)) break;
    base += std::string(seg) + "/";
  }
  if (!has_wildcard(pat)) {
    std::error_code ec;
    if (stdfs::is_regular_file(root / pat, ec) && check_inside(root, pat) == PathProblem::none) {
      out.push_back(pat);
    }
    return out;
  }
  std::error_code ec;
  const auto start = root / base;
  if (!stdfs::is_directory(start, ec)) return out;
  const std::string skip = std::string(skip_dir) + "/";
  for (auto it = stdfs::recursive_directory_iterator(start, ec);
       !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string rel = relative_to(root, it->path());
    const std::string name = it->path().filename().string();
    if (it->is_directory(ec)) {
      if (name.starts_with(".") || (!skip_dir.empty() && (rel + "/").starts_with(skip))) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (name.starts_with(".") || !it->is_regular_file(ec)) continue;
    if (glob_match(pat, rel) && check_inside(root, rel) == PathProblem::none) out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
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
