#include "ipcode/base/parallel.hpp"

#include "ipcode/base/strings.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace ipcode {

unsigned worker_count() {
  if (const char* env = std::getenv("IPCODE_THREADS"); env != nullptr) {
    if (const auto n = parse_int(env); n && *n >= 1)
      return static_cast<unsigned>(std::min(*n, 64L));
  }
  return std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
}

void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn, unsigned max_workers) {
  std::size_t workers = std::min<std::size_t>(worker_count(), n);
  if (max_workers > 0) workers = std::min<std::size_t>(workers, max_workers);
  if (workers <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(n);
  const auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        fn(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < workers; ++t) {
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no thread to be had: the calling thread does the rest
    }
  }
  work();
  for (auto& t : threads) t.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace ipcode
