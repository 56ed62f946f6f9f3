#!/usr/bin/env bash
# `ipcode kwic` highlights the match with ANSI bold only when standard output is a terminal
# (run under script(1) for a pseudo-terminal); piped output has no escape codes.
# Usage: bash tests/e2e/kwic_terminal.sh <path-to-ipcode-binary> <repo-source-dir>
set -u
bin=$1
src=$2
export LC_ALL=C.UTF-8
passed=0
failed=0
check() {
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "ok    $1"; else failed=$((failed + 1)); echo "FAIL  $1"; fi
}
if ! command -v script >/dev/null 2>&1; then
  echo "script(1) is not installed; nothing to check"
  echo "0 passed, 0 failed"
  exit 0
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp -r "$src/tests/data/mini" "$work/study"
piped=$("$bin" -C "$work/study" kwic planene)
printf '%s' "$piped" | grep -q $'\x1b' && r=1 || r=0
check "piped output has no escape codes" $r
tty=$(script -qec "$(printf '%q ' "$bin" -C "$work/study" kwic planene)" /dev/null)
printf '%s' "$tty" | grep -q $'\x1b\[1mplanene\x1b\[0m' && r=0 || r=1
check "a terminal gets the match in bold" $r
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
