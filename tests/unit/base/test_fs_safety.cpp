// fs reads and writes stay in the study and never block (issue 9, "Hardening"): symlinks out
// of the study, special files, planted temporary names, oversized files, glob walks.
#include "ipcode/base/fs.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace ipcode;
namespace stdfs = std::filesystem;

namespace {

// A fresh folder holding a study folder `s` and, beside it, a folder `outside`.
stdfs::path fresh(const std::string& name) {
  const auto dir = stdfs::temp_directory_path() / ("ipcode-safety-" + name);
  stdfs::remove_all(dir);
  stdfs::create_directories(dir / "s" / "transcripts" / "r1");
  stdfs::create_directories(dir / "outside");
  return dir;
}

void write(const stdfs::path& path, const std::string& text) { std::ofstream(path) << text; }

std::string slurp(const stdfs::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("read_inside refuses a symlink leading out of the study, naming it", "[fs][safety]") {
  const auto dir = fresh("link-out");
  write(dir / "outside" / "secret.md", "SECRET");
  stdfs::create_symlink("../outside/secret.md", dir / "s" / "log.md");
  fs::ReadProblem why = fs::ReadProblem::none;
  const auto r = fs::read_inside(dir / "s", "log.md", &why);
  REQUIRE_FALSE(r);
  CHECK(why == fs::ReadProblem::leaves_study);
  CHECK(r.error().message.find("'log.md' is a symbolic link") != std::string::npos);
  CHECK(r.error().message.find("../outside/secret.md") != std::string::npos);
  // Through a linked folder: the link is named, not only the file.
  stdfs::create_symlink("../../outside", dir / "s" / "transcripts" / "ext");
  write(dir / "outside" / "B1.txt", "Hei");
  const auto t = fs::read_inside(dir / "s", "transcripts/ext/B1.txt", &why);
  REQUIRE_FALSE(t);
  CHECK(why == fs::ReadProblem::leaves_study);
  CHECK(t.error().message.find("'transcripts/ext'") != std::string::npos);
  // `..` and absolute paths too.
  CHECK_FALSE(fs::read_inside(dir / "s", "../outside/B1.txt", &why));
  CHECK(why == fs::ReadProblem::leaves_study);
  CHECK_FALSE(fs::read_inside(dir / "s", (dir / "outside" / "B1.txt").string(), &why));
  CHECK(why == fs::ReadProblem::leaves_study);
  stdfs::remove_all(dir);
}

TEST_CASE("read_inside follows a symlink that stays inside the study", "[fs][safety]") {
  const auto dir = fresh("link-in");
  write(dir / "s" / "transcripts" / "r1" / "B1.txt", "Hei på deg");
  stdfs::create_symlink("r1", dir / "s" / "transcripts" / "alias");
  fs::ReadProblem why = fs::ReadProblem::none;
  const auto r = fs::read_inside(dir / "s", "transcripts/alias/B1.txt", &why);
  REQUIRE(r);
  CHECK(*r == "Hei på deg");
  CHECK(why == fs::ReadProblem::none);
  stdfs::remove_all(dir);
}

TEST_CASE("read_file reads only ordinary files, never blocking, and says what it is",
          "[fs][safety]") {
  const auto dir = fresh("special");
  const auto fifo = dir / "s" / "ipcode.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  fs::ReadProblem why = fs::ReadProblem::none;
  // Without O_NONBLOCK and a stat first, this would wait forever for a writer.
  const auto r = fs::read_file(fifo, &why);
  REQUIRE_FALSE(r);
  CHECK(why == fs::ReadProblem::not_a_file);
  CHECK(r.error().kind == ErrorKind::missing_input);
  CHECK(r.error().message.find("is a named pipe (FIFO), not a file") != std::string::npos);
  const auto d = fs::read_inside(dir / "s", "transcripts", &why);
  REQUIRE_FALSE(d);
  CHECK(why == fs::ReadProblem::not_a_file);
  CHECK(d.error().message == "'transcripts' is a folder, not a file");
  const auto dev = fs::read_file("/dev/null", &why);
  REQUIRE_FALSE(dev);
  CHECK(why == fs::ReadProblem::not_a_file);
  CHECK(dev.error().message.find("is a device") != std::string::npos);
  CHECK_FALSE(fs::read_file(dir / "s" / "none.txt", &why));
  CHECK(why == fs::ReadProblem::missing);
  stdfs::remove_all(dir);
}

TEST_CASE("read_file refuses a file past the size limit before reading it", "[fs][safety]") {
  const auto dir = fresh("large");
  const auto path = dir / "s" / "big.txt";
  write(path, std::string(3000, 'a'));
  fs::ReadProblem why = fs::ReadProblem::none;
  const auto r = fs::read_file(path, &why, 2048);
  REQUIRE_FALSE(r);
  CHECK(why == fs::ReadProblem::too_large);
  CHECK(r.error().message.find("more than the 1 MB") != std::string::npos);
  CHECK(fs::read_file(path, &why, 3000));  // exactly the limit is fine
  CHECK(fs::kMaxInputBytes == 64ull * 1024 * 1024);
  stdfs::remove_all(dir);
}

TEST_CASE("write_atomic never writes through a link planted at a temporary name", "[fs][safety]") {
  const auto dir = fresh("planted");
  write(dir / "outside" / "victim.txt", "victim");
  // The fixed temporary name of earlier versions, and a few guesses at the new ones.
  stdfs::create_symlink("../outside/victim.txt", dir / "s" / ".log.md.ipcode-tmp");
  stdfs::create_symlink("../outside/victim.txt", dir / "s" / ".log.md.ipcode-tmp-00000000");
  REQUIRE(fs::write_atomic(dir / "s" / "log.md", "# Prosjektlogg\n"));
  CHECK(slurp(dir / "outside" / "victim.txt") == "victim");
  CHECK(slurp(dir / "s" / "log.md") == "# Prosjektlogg\n");
  CHECK(stdfs::is_symlink(dir / "s" / ".log.md.ipcode-tmp"));  // not ours: left alone
  // The new file is readable like any other (0666 less the umask), not 0600.
  struct stat st {};
  REQUIRE(::stat((dir / "s" / "log.md").c_str(), &st) == 0);
  const mode_t mask = ::umask(022);
  ::umask(mask);
  CHECK((st.st_mode & 0777) == (0666 & ~mask));
  stdfs::remove_all(dir);
}

TEST_CASE("check_output refuses a link leading out of the study, naming it", "[fs][safety]") {
  const auto dir = fresh("output");
  stdfs::create_symlink("../outside", dir / "s" / "out");
  const auto st = fs::check_output(dir / "s", "out");
  REQUIRE_FALSE(st);
  CHECK(st.error().kind == ErrorKind::cannot_write);
  CHECK(st.error().message.find("'out' is a symbolic link") != std::string::npos);
  CHECK_FALSE(fs::check_output(dir / "s", "out/r1"));
  CHECK_FALSE(fs::check_output(dir / "s", "../x"));
  CHECK(fs::check_output(dir / "s", "resultater"));
  stdfs::remove(dir / "s" / "out");
  stdfs::create_directories(dir / "s" / "real");
  stdfs::create_symlink("real", dir / "s" / "out");  // stays inside
  CHECK(fs::check_output(dir / "s", "out"));
  stdfs::remove_all(dir);
}

TEST_CASE("AtomicBatch refuses a symlinked target and writes nothing through it", "[fs][safety]") {
  const auto dir = fresh("batch-link");
  stdfs::create_symlink("../outside", dir / "s" / "out");
  fs::AtomicBatch batch(dir / "s" / "out");
  (void)batch.add("r1/a.csv", "x");
  const auto st = batch.commit();
  REQUIRE_FALSE(st);
  CHECK(st.error().kind == ErrorKind::cannot_write);
  CHECK(st.error().message.find("is a symbolic link (to '../outside')") != std::string::npos);
  CHECK(stdfs::is_empty(dir / "outside"));
  CHECK(stdfs::is_symlink(dir / "s" / "out"));
  stdfs::remove_all(dir);
}

TEST_CASE("AtomicBatch::keep does not carry a link of the old output over", "[fs][safety]") {
  const auto dir = fresh("batch-keep");
  stdfs::create_directories(dir / "s" / "out");
  write(dir / "outside" / "secret.csv", "SECRET");
  stdfs::create_symlink("../../outside", dir / "s" / "out" / "r2");
  fs::AtomicBatch batch(dir / "s" / "out");
  REQUIRE(batch.add("r1/a.csv", "x"));
  REQUIRE(batch.keep("r2"));
  REQUIRE(batch.commit());
  CHECK_FALSE(stdfs::exists(stdfs::symlink_status(dir / "s" / "out" / "r2")));
  CHECK(slurp(dir / "outside" / "secret.csv") == "SECRET");
  stdfs::remove_all(dir);
}

TEST_CASE("glob does not walk out of the study through a linked folder", "[fs][safety][glob]") {
  const auto dir = fresh("glob");
  const auto s = dir / "s";
  write(s / "transcripts" / "r1" / "B1.txt", "Hei");
  write(dir / "outside" / "B9.txt", "Hei");
  stdfs::create_symlink("../../../outside", s / "transcripts" / "r1" / "ut");  // leaves
  stdfs::create_symlink("../../../outside/B9.txt", s / "transcripts" / "r1" / "B8.txt");
  stdfs::create_directories(s / "arkiv");
  write(s / "arkiv" / "B2.txt", "Hei");
  stdfs::create_symlink("../../arkiv", s / "transcripts" / "r1" / "arkiv");  // stays inside
  stdfs::create_symlink("..", s / "transcripts" / "r1" / "loop");            // a loop
  std::vector<std::string> escaping;
  const auto found = fs::glob(s, "transcripts/r1/**/*.txt", "out", &escaping);
  CHECK(found == std::vector<std::string>{"transcripts/r1/B1.txt", "transcripts/r1/arkiv/B2.txt"});
  std::sort(escaping.begin(), escaping.end());
  CHECK(escaping == std::vector<std::string>{"transcripts/r1/B8.txt", "transcripts/r1/ut"});
  // A pattern that cannot match below the link does not name it.
  escaping.clear();
  CHECK(fs::glob(s, "transcripts/r1/B*.txt", "out", &escaping) ==
        std::vector<std::string>{"transcripts/r1/B1.txt"});
  CHECK(escaping == std::vector<std::string>{"transcripts/r1/B8.txt"});
  // The pattern's fixed folder itself a link out (to /usr): refused, not walked.
  stdfs::create_symlink("/usr", s / "transcripts" / "r2");
  escaping.clear();
  CHECK(fs::glob(s, "transcripts/r2/**/*.txt", "out", &escaping).empty());
  CHECK(escaping == std::vector<std::string>{"transcripts/r2"});
  // A named pipe matching the pattern is listed: reading it says what it is.
  REQUIRE(::mkfifo((s / "transcripts" / "r1" / "B7.txt").c_str(), 0600) == 0);
  CHECK(fs::glob(s, "transcripts/r1/*.txt", "out").size() == 2);
  stdfs::remove_all(dir);
}

TEST_CASE("OutputLock never truncates the target of a link planted at its name", "[fs][safety]") {
  const auto dir = fresh("lock-link");
  write(dir / "outside" / "victim.txt", "victim");
  stdfs::create_symlink("../outside/victim.txt", dir / "s" / ".ipcode.lock");
  {
    fs::OutputLock lock;
    const auto st = lock.acquire(dir / "s");
    CHECK_FALSE(st);
  }
  CHECK(slurp(dir / "outside" / "victim.txt") == "victim");
  stdfs::remove_all(dir);
}
