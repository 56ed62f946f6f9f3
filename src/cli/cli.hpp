/// The command line: the only place that knows argv, CLI11, stdout/stderr and exit codes.
#pragma once

namespace ipcode::cli {

int run(int argc, char** argv);

}  // namespace ipcode::cli
