#!/usr/bin/env bash
# Every codebook shipped in codebooks/ and in the example is valid (SPEC §4).
set -u
ipcode=$(realpath "$1") src=$2
passed=0 failed=0
for f in "$src"/codebooks/*.yaml "$src"/examples/*/codebook*.yaml; do
  [ -f "$f" ] || continue
  if out=$(LC_ALL=C.UTF-8 "$ipcode" codebook show "$f" 2>&1); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL: $f"; echo "$out"
  fi
done
[ $passed -ge 3 ] || { echo "FAIL: expected at least 3 codebooks, found $passed"; failed=$((failed + 1)); }
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
