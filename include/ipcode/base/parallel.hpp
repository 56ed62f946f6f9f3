/// parallel_for: runs fn(0) … fn(n-1) on a few threads. Each call must write only its own
/// slot of a pre-sized result, so the outcome never depends on the number of threads or on
/// timing (reproducibility: same inputs, same bytes). Exceptions are rethrown in the caller
/// (the first by index).
#pragma once

#include <cstddef>
#include <functional>

namespace ipcode {

/// Threads used: the machine's cores, at most 8; IPCODE_THREADS=N overrides (1 = serial).
unsigned worker_count();

void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn);

}  // namespace ipcode
