// Sets IPCODE_THREADS for one scope (tests of byte-identical output whatever the thread
// count), and puts back what was there.
#pragma once

#include <cstdlib>
#include <string>

namespace ipcode::testing {

class ThreadsEnv {
 public:
  explicit ThreadsEnv(const char* value) {
    if (const char* old = std::getenv("IPCODE_THREADS")) old_ = old;
    ::setenv("IPCODE_THREADS", value, 1);
  }
  ~ThreadsEnv() {
    if (old_.empty())
      ::unsetenv("IPCODE_THREADS");
    else
      ::setenv("IPCODE_THREADS", old_.c_str(), 1);
  }
  ThreadsEnv(const ThreadsEnv&) = delete;
  ThreadsEnv& operator=(const ThreadsEnv&) = delete;

 private:
  std::string old_;
};

}  // namespace ipcode::testing
