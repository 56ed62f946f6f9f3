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

/// At most `max_workers` threads (0: no limit beyond worker_count()), the calling thread
/// included; with one worker every call runs on the calling thread, in index order. When no
/// thread can be started, the calling thread does the rest.
void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn,
                  unsigned max_workers = 0);

}  // namespace ipcode
