#include "cli/cli.hpp"

int main(int argc, char** argv) { return ipcode::cli::run(argc, argv); }
