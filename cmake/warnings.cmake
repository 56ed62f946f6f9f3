# Warnings for every target of ours; errors only when CI asks (IPCODE_WERROR), never for users.
add_library(ipcode_warnings INTERFACE)
target_compile_options(ipcode_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(IPCODE_WERROR)
  target_compile_options(ipcode_warnings INTERFACE -Werror)
endif()
