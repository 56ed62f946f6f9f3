#!/usr/bin/env bash
# ctest bench/run_sh: run.sh over every shape at --scale tiny (3 transcripts, one pair a
# ratio) prints every SPEC §13 ratio on its own line for each shape, as a number or as
# "not measured (command not implemented yet)", and no ipcode run fails. It measures nothing.
#   run_sh_test.sh BENCHGEN IPCODE SOURCE_DIR
set -euo pipefail
export LC_ALL=C
benchgen="$1" ipcode="$2" src="$3"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; sed 's/^/  | /' "$tmp/out" >&2; exit 1; }

RUNS=1 IPCODE="$ipcode" BENCHGEN="$benchgen" BENCH_DIR="$tmp" \
  "$src/tests/bench/run.sh" --scale tiny --shapes all --scaling >"$tmp/out" 2>&1 ||
  fail "run.sh exited with $?"
shapes=$("$src/tests/bench/run.sh" --list-shapes | cut -d' ' -f1)
[ "$(echo "$shapes" | wc -l)" -ge 3 ] || fail "fewer than three shapes"
number='[0-9]+\.[0-9]{2}'
later='not measured \(command not implemented yet\)'
for shape in $shapes; do
  for name in condense/wc check/wc condense-10x/condense; do
    grep -Eq "^$shape $name: $number\$" "$tmp/out" || fail "no '$shape $name: N.NN' line"
  done
  for name in kwic/wc terms/wc suggest/rg; do
    grep -Eq "^$shape $name: ($number|$later)\$" "$tmp/out" || fail "no '$shape $name:' line"
  done
  if [ -x /usr/bin/time ]; then
    grep -Eq "^$shape condense-peak-memory/corpus: $number\$" "$tmp/out" ||
      fail "no '$shape condense-peak-memory/corpus: N.NN' line"
  fi
done
if grep -q 'exited with' "$tmp/out"; then fail "an ipcode run failed"; fi
# Every ratio line once, in the summary at the end: 7 a shape.
[ "$(grep -Ec '^[a-z]+ [a-z0-9-]+/[a-z]+: ' "$tmp/out")" = $((7 * $(echo "$shapes" | wc -l))) ] ||
  fail "not 7 ratio lines a shape"
echo ok
