#include "cli/cli.hpp"

#ifdef IPCODE_MIMALLOC
#include <mimalloc.h>
#endif

int main(int argc, char** argv) {
#ifdef IPCODE_MIMALLOC
  // Small (4 KiB) pages, never huge ones, whatever the environment says: on a virtual
  // machine that hands freed memory back to its host, each fresh huge page cost a fault in
  // the host, and huge pages raised the peak (docs/decisions.md, "The memory allocator").
  mi_option_disable(mi_option_large_os_pages);
#endif
  return ipcode::cli::run(argc, argv);
}
