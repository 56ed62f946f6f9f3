# libFuzzer targets (tests/fuzz/, README "Fuzzing"): clang only. Everything is built with
# coverage for libFuzzer (fuzzer-no-link), ASan, UBSan and libstdc++'s assertions; only the
# fuzz targets link libFuzzer's main.
if(IPCODE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "IPCODE_FUZZ needs clang: cmake -DCMAKE_CXX_COMPILER=clang++ -DIPCODE_FUZZ=ON "
                        "(Debian: apt-get install clang libclang-rt-dev)")
  endif()
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer,address,undefined")
  check_cxx_source_compiles([[
    #include <cstddef>
    #include <cstdint>
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
  ]] IPCODE_HAVE_LIBFUZZER)
  unset(CMAKE_REQUIRED_FLAGS)
  if(NOT IPCODE_HAVE_LIBFUZZER)
    message(FATAL_ERROR "clang cannot link -fsanitize=fuzzer: install libFuzzer "
                        "(Debian 12: apt-get install libclang-rt-dev)")
  endif()
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
