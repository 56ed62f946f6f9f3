#!/usr/bin/env bash
# Mutation fuzzing of `ipcode check` over the worked example (issue 7):
#   tests/fuzz/mutate_check.sh BINARY SOURCE_DIR [--iterations N] [--seed S] [--jobs J]
#                              [--timeout SECONDS] [--full-every N] [--out DIR] [--only I]
# Each iteration mutates a copy of examples/individuell-plan (1-4 byte flips, deletions,
# duplications, tabs, NULs, invalid UTF-8, long lines, truncations in its YAML files and
# transcripts) and runs `check` on it; every --full-every'th iteration also runs status,
# condense and verify. A signal, a sanitizer report, exit 70 (or any code outside 0/1/65/66/73)
# or a timeout is a failure; its study is kept in OUT/crashes/<seed>-<iteration>/ with the
# command to reproduce it. Ends with "N passed, M failed" and exits 1 if any failed.
# The same seed gives the same mutations, whatever --jobs is. Needs python3.
set -eu
if ! command -v python3 >/dev/null; then
  echo "mutate_check: python3 is needed (Debian: apt-get install python3)" >&2
  exit 2
fi
exec python3 "$(dirname "$0")/mutate_check.py" "$@"
