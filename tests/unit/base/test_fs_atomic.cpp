// fs::AtomicBatch and fs::OutputLock: out/ changes in one step or not at all (SPEC §7).
#include "ipcode/base/fs.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

using namespace ipcode;
namespace stdfs = std::filesystem;

namespace {

// A fresh study folder with an old out/.
stdfs::path fresh_study(const std::string& name) {
  const auto root = stdfs::temp_directory_path() / ("ipcode-test-" + name);
  stdfs::remove_all(root);
  stdfs::create_directories(root / "out" / "r1");
  std::ofstream(root / "out" / "r1" / "a.csv") << "old";
  std::ofstream(root / "out" / "notes.txt") << "a note";
  return root;
}

// Every file under `dir`, relative, with '/'.
std::set<std::string> files_under(const stdfs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : stdfs::recursive_directory_iterator(dir)) {
    if (!e.is_directory()) out.insert(fs::relative_to(dir, e.path()));
  }
  return out;
}

// The temporary folders beside out/.
std::size_t temp_folders(const stdfs::path& root) {
  std::size_t n = 0;
  for (const auto& e : stdfs::directory_iterator(root)) {
    if (e.path().filename().string().starts_with(".out.tmp-")) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("AtomicBatch builds a new folder beside out/ and swaps it in at commit", "[base][fs]") {
  const auto root = fresh_study("batch-swap");
  const auto out = root / "out";
  {
    // Left without a commit (a later file failed to render): out/ stays, the new folder goes.
    fs::AtomicBatch batch(out);
    REQUIRE(batch.add("r1/a.csv", "new").ok());
    REQUIRE(batch.add("r2/b.csv", "b").ok());
    CHECK(temp_folders(root) == 1);
    CHECK(*fs::read_file(out / "r1" / "a.csv") == "old");
  }
  CHECK(files_under(out) == std::set<std::string>{"notes.txt", "r1/a.csv"});
  CHECK(temp_folders(root) == 0);
  {
    fs::AtomicBatch batch(out);
    REQUIRE(batch.add("r1/a.csv", "first").ok());
    REQUIRE(batch.add("r2/b.csv", "b").ok());
    REQUIRE(batch.add("r1/a.csv", "new").ok());  // the same file again: the last bytes count
    CHECK(batch.size() == 2);
    REQUIRE(batch.commit().ok());
    CHECK(batch.leftover().empty());
  }
  // Exactly this run's files: what the old out/ held besides them is gone.
  CHECK(files_under(out) == std::set<std::string>{"r1/a.csv", "r2/b.csv"});
  CHECK(*fs::read_file(out / "r1" / "a.csv") == "new");
  CHECK(temp_folders(root) == 0);
  stdfs::remove_all(root);
}

TEST_CASE("AtomicBatch: an old folder where a file goes does not stop the swap half-way",
          "[base][fs]") {
  // File by file, r1/a.csv was replaced before the rename onto the folder r2/b.csv failed.
  const auto root = fresh_study("batch-folder-named-like-file");
  const auto out = root / "out";
  stdfs::create_directories(out / "r2" / "b.csv" / "inside");
  fs::AtomicBatch batch(out);
  REQUIRE(batch.add("r1/a.csv", "new").ok());
  REQUIRE(batch.add("r2/b.csv", "b").ok());
  REQUIRE(batch.commit().ok());
  CHECK(*fs::read_file(out / "r1" / "a.csv") == "new");
  CHECK(*fs::read_file(out / "r2" / "b.csv") == "b");
  CHECK(temp_folders(root) == 0);
  stdfs::remove_all(root);
}

TEST_CASE("AtomicBatch: a failed write refuses the commit and leaves out/ as it was",
          "[base][fs]") {
  const auto root = fresh_study("batch-failure");
  const auto out = root / "out";
  {
    fs::AtomicBatch batch(out);
    REQUIRE(batch.add("r1/a.csv", "newer").ok());
    REQUIRE(batch.add("r9", "a file where a folder must go").ok());
    CHECK_FALSE(batch.add("r9/c.csv", "x").ok());
    REQUIRE(batch.add("r2/b.csv", "bb").ok());
    const auto commit = batch.commit();
    REQUIRE_FALSE(commit.ok());
    CHECK(commit.error().kind == ErrorKind::cannot_write);
    CHECK(temp_folders(root) == 0);
  }
  CHECK(files_under(out) == std::set<std::string>{"notes.txt", "r1/a.csv"});
  CHECK(*fs::read_file(out / "r1" / "a.csv") == "old");
  CHECK(temp_folders(root) == 0);
  {
    // The same in pieces: a file that cannot be begun fails its pieces too.
    fs::AtomicBatch batch(out);
    REQUIRE(batch.add("r9", "x").ok());
    CHECK_FALSE(batch.begin("r9/c.md").ok());
    CHECK_FALSE(batch.append("x").ok());
    CHECK_FALSE(batch.end().ok());
    CHECK_FALSE(batch.commit().ok());
  }
  CHECK(*fs::read_file(out / "r1" / "a.csv") == "old");
  CHECK(temp_folders(root) == 0);
  stdfs::remove_all(root);
}

TEST_CASE("AtomicBatch writes a file in pieces", "[base][fs]") {
  const auto root = fresh_study("batch-pieces");
  const auto out = root / "out";
  {
    fs::AtomicBatch batch(out);
    REQUIRE(batch.begin("r1/a.md").ok());
    REQUIRE(batch.append("first ").ok());
    REQUIRE(batch.append("").ok());
    REQUIRE(batch.append("second").ok());
    REQUIRE(batch.end().ok());
    REQUIRE(batch.begin("r2/b.md").ok());  // left open: commit() ends it
    REQUIRE(batch.append("b").ok());
    CHECK(batch.size() == 2);
    REQUIRE(batch.commit().ok());
  }
  CHECK(*fs::read_file(out / "r1" / "a.md") == "first second");
  CHECK(*fs::read_file(out / "r2" / "b.md") == "b");
  {
    // Left open without a commit: nothing changes.
    fs::AtomicBatch batch(out);
    REQUIRE(batch.begin("r1/a.md").ok());
    REQUIRE(batch.append("half").ok());
  }
  CHECK(*fs::read_file(out / "r1" / "a.md") == "first second");
  CHECK(temp_folders(root) == 0);
  stdfs::remove_all(root);
}

TEST_CASE("AtomicBatch keeps chosen parts of the old folder unchanged", "[base][fs]") {
  const auto root = fresh_study("batch-keep");
  const auto out = root / "out";
  stdfs::create_directories(out / "r2" / "sub");
  std::ofstream(out / "r2" / "units.csv") << "r2 units";
  std::ofstream(out / "r2" / "sub" / "x.md") << "x";
  std::ofstream(out / "rounds.csv") << "old rounds";
  fs::AtomicBatch batch(out);
  REQUIRE(batch.add("r1/a.csv", "new").ok());
  REQUIRE(batch.keep("r2").ok());
  REQUIRE(batch.keep("rounds.csv").ok());
  REQUIRE(batch.keep("r3").ok());  // not there: nothing to keep
  CHECK(batch.size() == 1);
  REQUIRE(batch.commit().ok());
  CHECK(files_under(out) ==
        std::set<std::string>{"r1/a.csv", "r2/sub/x.md", "r2/units.csv", "rounds.csv"});
  CHECK(*fs::read_file(out / "r2" / "units.csv") == "r2 units");
  CHECK(*fs::read_file(out / "rounds.csv") == "old rounds");
  stdfs::remove_all(root);
}

TEST_CASE("AtomicBatch: a first out/, a file named out, stale temporary folders", "[base][fs]") {
  const auto root = stdfs::temp_directory_path() / "ipcode-test-batch-edges";
  stdfs::remove_all(root);
  stdfs::create_directories(root);
  {
    fs::AtomicBatch batch(root / "out");  // no out/ yet
    REQUIRE(batch.add("manifest.json", "{}").ok());
    REQUIRE(batch.commit().ok());
  }
  CHECK(*fs::read_file(root / "out" / "manifest.json") == "{}");
  stdfs::remove_all(root / "out");
  std::ofstream(root / "out") << "not a folder";
  {
    fs::AtomicBatch batch(root / "out");
    CHECK_FALSE(batch.add("manifest.json", "{}").ok());
    const auto st = batch.commit();
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().kind == ErrorKind::cannot_write);
    CHECK(st.error().message.find("not a folder") != std::string::npos);
  }
  CHECK(*fs::read_file(root / "out") == "not a folder");
  CHECK(temp_folders(root) == 0);
  stdfs::remove(root / "out");
  {
    // A link: swapping would replace the link, not the folder it points to.
    stdfs::create_directories(root / "elsewhere");
    stdfs::create_directory_symlink("elsewhere", root / "out");
    fs::AtomicBatch batch(root / "out");
    (void)batch.add("manifest.json", "{}");
    CHECK_FALSE(batch.commit().ok());
    CHECK(stdfs::is_symlink(root / "out"));
    CHECK(stdfs::is_empty(root / "elsewhere"));
    stdfs::remove(root / "out");
  }
  // What a killed run leaves: its temporary folder. Only those go; nothing else.
  stdfs::create_directories(root / ".out.tmp-99999-0badcafe" / "r1");
  std::ofstream(root / ".out.tmp-99999-0badcafe" / "r1" / "a.csv") << "half";
  std::ofstream(root / ".outside") << "keep";
  CHECK(fs::AtomicBatch::remove_stale(root / "out") == 1);
  CHECK(temp_folders(root) == 0);
  CHECK(stdfs::exists(root / ".outside"));
  stdfs::remove_all(root);
}

TEST_CASE("write_all_atomic makes a folder with exactly the files given", "[base][fs]") {
  const auto root = stdfs::temp_directory_path() / "ipcode-test-write-all";
  stdfs::remove_all(root);
  stdfs::create_directories(root / "new");  // init accepts an empty folder
  REQUIRE(fs::write_all_atomic(root / "new", {{"a/b.txt", "b"}, {"c.txt", "c"}}).ok());
  CHECK(files_under(root / "new") == std::set<std::string>{"a/b.txt", "c.txt"});
  stdfs::remove_all(root);
}

TEST_CASE("OutputLock lets one writer in and names the one holding it", "[base][fs]") {
  const auto root = stdfs::temp_directory_path() / "ipcode-test-lock";
  stdfs::remove_all(root);
  stdfs::create_directories(root);
  {
    fs::OutputLock first;
    REQUIRE(first.acquire(root).ok());
    CHECK(stdfs::exists(root / ".ipcode.lock"));
    fs::OutputLock second;  // flock: a second open file conflicts, even in one process
    const auto st = second.acquire(root);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().kind == ErrorKind::cannot_write);
    CHECK(st.error().message.find(std::to_string(::getpid())) != std::string::npos);
  }
  CHECK_FALSE(stdfs::exists(root / ".ipcode.lock"));  // let go: the file goes too
  {
    // A lock file left by a killed process holds no lock: it is free.
    std::ofstream(root / ".ipcode.lock") << "99999\n";
    fs::OutputLock again;
    CHECK(again.acquire(root).ok());
  }
  stdfs::remove_all(root);
}

TEST_CASE("AtomicBatch without an exchange renames the old folder aside first", "[base][fs]") {
  const auto root = fresh_study("batch-rename-aside");
  const auto out = root / "out";
  fs::AtomicBatch batch(out, fs::AtomicBatch::Swap::rename_aside);
  REQUIRE(batch.add("r1/a.csv", "new").ok());
  REQUIRE(batch.keep("notes.txt").ok());
  REQUIRE(batch.commit().ok());
  CHECK(files_under(out) == std::set<std::string>{"notes.txt", "r1/a.csv"});
  CHECK(*fs::read_file(out / "r1" / "a.csv") == "new");
  CHECK(*fs::read_file(out / "notes.txt") == "a note");
  CHECK(temp_folders(root) == 0);
  stdfs::remove_all(root);
}

TEST_CASE("fill_folder fills an empty existing folder without renaming it (ipcode init .)",
          "[base][fs]") {
  const auto root = stdfs::temp_directory_path() / "ipcode-test-fill";
  stdfs::remove_all(root);
  stdfs::create_directories(root);
  const auto cwd = stdfs::current_path();
  stdfs::current_path(root);  // "." is the folder being filled, as in `ipcode init .`
  const auto st = fs::fill_folder(".", {{"ipcode.yaml", "ipcode: 1\n"}, {"coding/r1/.keep", ""}});
  stdfs::current_path(cwd);
  REQUIRE(st);
  CHECK(files_under(root) == std::set<std::string>{"coding/r1/.keep", "ipcode.yaml"});
  // A folder that does not exist yet is made, as write_all_atomic does.
  REQUIRE(fs::fill_folder(root / "new", {{"a.txt", "a"}}));
  CHECK(files_under(root / "new") == std::set<std::string>{"a.txt"});
  stdfs::remove_all(root);
}
