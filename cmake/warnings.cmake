# Warnings for every target of ours; errors only when CI asks (IPCODE_WERROR), never for users.
add_library(ipcode_warnings INTERFACE)
target_compile_options(ipcode_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 at -O2 reports impossible overlaps inside libstdc++ for `"text" + std::string`
  # (GCC bug 105329); the code is fine, and -Werror must not trip over it.
  target_compile_options(ipcode_warnings INTERFACE -Wno-restrict)
endif()
if(IPCODE_WERROR)
  target_compile_options(ipcode_warnings INTERFACE -Werror)
endif()
