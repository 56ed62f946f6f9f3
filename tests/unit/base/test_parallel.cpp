// base/parallel.hpp: the one parallel_for, and IPCODE_THREADS.
#include "../support/threads_env.hpp"
#include "ipcode/base/parallel.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace ipcode;
using ipcode::testing::ThreadsEnv;

TEST_CASE("IPCODE_THREADS=1 runs every call on the calling thread, in order", "[base][parallel]") {
  const ThreadsEnv env("1");
  CHECK(worker_count() == 1);
  std::vector<std::size_t> order;
  std::vector<std::thread::id> threads;
  parallel_for(100, [&](std::size_t i) {
    order.push_back(i);  // no lock: serial, or the sanitizer build would see the race
    threads.push_back(std::this_thread::get_id());
  });
  REQUIRE(order.size() == 100);
  for (std::size_t i = 0; i < order.size(); ++i) CHECK(order[i] == i);
  for (const auto& id : threads) CHECK(id == std::this_thread::get_id());
}

TEST_CASE("parallel_for: every index once, at most max_workers threads", "[base][parallel]") {
  const ThreadsEnv env("4");
  CHECK(worker_count() == 4);
  std::vector<int> hits(1000, 0);
  std::mutex m;
  std::vector<std::thread::id> seen;
  parallel_for(
      hits.size(),
      [&](std::size_t i) {
        ++hits[i];
        const std::lock_guard lock(m);
        if (std::find(seen.begin(), seen.end(), std::this_thread::get_id()) == seen.end()) {
          seen.push_back(std::this_thread::get_id());
        }
      },
      2);
  for (int h : hits) CHECK(h == 1);
  CHECK(seen.size() <= 2);
}

TEST_CASE("parallel_for rethrows the first failure by index", "[base][parallel]") {
  const ThreadsEnv env("3");
  CHECK_THROWS_WITH(parallel_for(50,
                                 [](std::size_t i) {
                                   if (i == 7 || i == 30) {
                                     throw std::runtime_error("at " + std::to_string(i));
                                   }
                                 }),
                    "at 7");
}
