# ASan + UBSan for the CI build that runs every test under them; libstdc++'s assertions turn
# an out-of-range operator[] on a vector or string into a failed test instead of a silent read.
if(IPCODE_SANITIZE)
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
