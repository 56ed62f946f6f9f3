# Shared by the scripts in tests/e2e/ (sourced, so not itself a test: CTest runs *.sh):
#   . "$(dirname "$0")/lib.bash"
# ok / bad count the checks; each script ends by printing "N passed, M failed".
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
