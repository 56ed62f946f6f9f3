#include "cli/cli.hpp"

#ifdef IPCODE_MIMALLOC
#include <mimalloc.h>
#endif

int main(int argc, char** argv) {
#ifdef IPCODE_MIMALLOC
  // Huge pages for the allocator's memory where the kernel allows them: ipcode fills
  // hundreds of megabytes once, and each fresh page costs a fault (docs/decisions.md,
  // "The memory allocator").
  mi_option_enable(mi_option_large_os_pages);
#endif
  return ipcode::cli::run(argc, argv);
}
