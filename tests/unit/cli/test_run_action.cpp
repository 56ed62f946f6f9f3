// cli::run_action: whatever a command throws is exit 70 with one line, never a stack trace.
#include "cli/common.hpp"

#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>
#include <stdexcept>

using namespace ipcode;

namespace {

// What `action` prints to stderr, and its exit code.
std::pair<int, std::string> run_captured(const std::function<int()>& action) {
  std::ostringstream err;
  auto* old = std::cerr.rdbuf(err.rdbuf());
  const int code = cli::run_action(action);
  std::cerr.rdbuf(old);
  return {code, err.str()};
}

}  // namespace

TEST_CASE("run_action: exit 70 with the message for anything thrown", "[cli]") {
  CHECK(run_captured([] { return 0; }).first == 0);
  CHECK(run_captured([] { return 65; }).first == 65);
  const auto [code, err] = run_captured([]() -> int { throw std::runtime_error("boom"); });
  CHECK(code == 70);
  CHECK(err.find("internal error") != std::string::npos);
  CHECK(err.find("boom") != std::string::npos);
  // Not a std::exception: before, it left main() and ended in std::terminate.
  const auto [code2, err2] = run_captured([]() -> int { throw 42; });
  CHECK(code2 == 70);
  CHECK(err2.find("an unknown exception") != std::string::npos);
}
