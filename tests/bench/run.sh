#!/usr/bin/env bash
# The SPEC §13 benchmark: generates a synthetic study (once) and times ipcode against wc -w.
#
#   tests/bench/run.sh [--scale small|full] [--scaling] [--regenerate]
#
#   --scale small   100 transcripts (about 1 million words): a quick run
#   --scale full    1,000 transcripts (about 10 million words, 65 MB): the SPEC §13 size
#   --scaling       also time condense on ten times the transcripts (full: 10,000, slow)
#   --regenerate    generate the study again even if a matching one exists
#
# Builds nothing. Takes the binaries from the environment:
#   IPCODE    ipcode binary            (default: <repo>/build/ipcode)
#   BENCHGEN  the study generator      (default: <repo>/build/tests/bench/ipcode_benchgen)
#   BENCH_DIR where studies are kept   (default: /tmp; studies go to $BENCH_DIR/ipcode-bench-<scale>)
#   RUNS      timed runs per command, the best one counts (default: 3)
# Prints each ratio on its own line (`condense/wc: 2.7`) after the absolute numbers.
set -euo pipefail
export LC_ALL=C  # the script's own numbers use a decimal point

scale=small
scaling=no
regenerate=no
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="${2:-}"; shift; [ $# -gt 0 ] && shift ;;
    --scale=*) scale="${1#--scale=}"; shift ;;
    --scaling) scaling=yes; shift ;;
    --regenerate) regenerate=yes; shift ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

case "$scale" in
  small) transcripts=100 ;;
  full) transcripts=1000 ;;
  *) echo "run.sh: --scale must be small or full" >&2; exit 2 ;;
esac

repo="$(cd "$(dirname "$0")/../.." && pwd)"
ipcode="${IPCODE:-$repo/build/ipcode}"
benchgen="${BENCHGEN:-$repo/build/tests/bench/ipcode_benchgen}"
bench_dir="${BENCH_DIR:-/tmp}"
runs="${RUNS:-3}"
nodes=200
units=100
seed=1

for bin in "$ipcode" "$benchgen"; do
  if [ ! -x "$bin" ]; then
    echo "run.sh: '$bin' is not an executable; build it first, e.g." >&2
    echo "  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C build ipcode ipcode_benchgen" >&2
    exit 2
  fi
done
have_time=no
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
  have_time=yes
else
  echo "run.sh: GNU time not found (/usr/bin/time); peak memory is not measured." >&2
  echo "        Install it with 'apt-get install time'." >&2
fi

# ---- helpers ---------------------------------------------------------------------------------

now() { date +%s.%N; }
# calc EXPR: floating-point arithmetic (awk, so bc is not needed).
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

# study_dir TRANSCRIPTS: where the study of that size is kept.
study_dir() {
  case "$1" in
    100) echo "$bench_dir/ipcode-bench-small" ;;
    1000) echo "$bench_dir/ipcode-bench-full" ;;
    10000) echo "$bench_dir/ipcode-bench-full10x" ;;
    *) echo "$bench_dir/ipcode-bench-$1" ;;
  esac
}

# generate DIR TRANSCRIPTS: the study, unless DIR holds one made with the same parameters and
# the same generator binary.
generate() {
  local dir="$1" n="$2"
  local params="transcripts=$n nodes=$nodes units=$units seed=$seed generator=$(sha256sum "$benchgen" | cut -c1-16)"
  if [ "$regenerate" = no ] && [ -f "$dir/.benchgen-params" ] && [ "$(cat "$dir/.benchgen-params")" = "$params" ]; then
    echo "study:        $dir (reused)"
    return
  fi
  rm -rf "$dir"
  local t0 t1
  t0=$(now)
  "$benchgen" "$dir" --transcripts "$n" --nodes "$nodes" --units-per-transcript "$units" --seed "$seed"
  t1=$(now)
  echo "$params" > "$dir/.benchgen-params"
  printf 'study:        %s (generated in %.1f s)\n' "$dir" "$(calc "$t1 - $t0")"
}

# best_of LABEL CMD...: runs CMD $runs times (stdout/stderr discarded) and sets $best (seconds,
# fastest run), $peak_kb (largest max-RSS in KiB, if GNU time exists) and $status (exit code of
# the last run).
best_of() {
  local label="$1"; shift
  best="" peak_kb=0 status=0
  local i t0 t1 dt mem
  for ((i = 1; i <= runs; i++)); do
    t0=$(now)
    if [ "$have_time" = yes ]; then
      /usr/bin/time -f %M -o "$tmp/mem" "$@" >/dev/null 2>"$tmp/stderr" && status=0 || status=$?
      mem=$(tail -n 1 "$tmp/mem")
      case "$mem" in ''|*[!0-9]*) mem=0 ;; esac
      [ "$mem" -gt "$peak_kb" ] && peak_kb=$mem
    else
      "$@" >/dev/null 2>"$tmp/stderr" && status=0 || status=$?
    fi
    t1=$(now)
    dt=$(calc "$t1 - $t0")
    if [ -z "$best" ] || [ "$(awk "BEGIN { print ($dt < $best) }")" = 1 ]; then best=$dt; fi
  done
  printf '%-13s %.3f s (best of %d)' "$label:" "$best" "$runs"
  [ "$status" = 0 ] || printf ', exit code %s' "$status"
  printf '\n'
}

ratio() { printf '%s: %.1f\n' "$1" "$(calc "($2) / ($3)")"; }

has_command() { "$ipcode" --help 2>/dev/null | grep -qE "^  +$1( |$)"; }

# ---- run --------------------------------------------------------------------------------------

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

study="$(study_dir "$transcripts")"
echo "ipcode:       $ipcode ($("$ipcode" --version 2>/dev/null | head -n 1))"
echo "machine:      $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
generate "$study" "$transcripts"
files=("$study"/transcripts/r1/*.txt)
corpus_bytes=$(cat "${files[@]}" | wc -c)
corpus_words=$(cat "${files[@]}" | LC_ALL=C wc -w)
printf 'corpus:       %d transcripts, %d words, %.1f MB\n' "${#files[@]}" "$corpus_words" \
  "$(calc "$corpus_bytes / 1000000")"

cat "${files[@]}" >/dev/null  # warm the page cache so no measurement pays for the disk

# wc -w counts words in a UTF-8 locale, as on a researcher's machine; the C-locale time is
# printed for reference only (GNU wc 9.1 is no faster there on this text).
best_of "wc -w" env LC_ALL=C.UTF-8 wc -w "${files[@]}"; wc_time=$best
best_of "wc -w (C)" env LC_ALL=C wc -w "${files[@]}"; wc_c_time=$best

best_of "check" "$ipcode" -q -C "$study" check; check_time=$best
if [ "$status" != 0 ]; then
  echo "run.sh: 'ipcode check' exited with $status on the generated study:" >&2
  grep -m 20 ': error: ' "$tmp/stderr" >&2 || head -n 20 "$tmp/stderr" >&2
fi
# The generated study must be valid: print check's own summary (errors and warnings).
echo "check says:   $("$ipcode" --lang en -C "$study" check 2>&1 | grep -E '^[0-9]+ errors?' | tail -n 1)"
best_of "condense" "$ipcode" -q -C "$study" condense; condense_time=$best; condense_kb=$peak_kb
[ "$status" = 0 ] || { echo "run.sh: 'ipcode condense' failed:" >&2; head -n 20 "$tmp/stderr" >&2; }
if [ "$have_time" = yes ]; then
  printf 'condense peak memory: %.1f MB\n' "$(calc "$condense_kb * 1024 / 1000000")"
  /usr/bin/time -f %M -o "$tmp/mem" "$ipcode" --version >/dev/null 2>&1 || true
  printf 'ipcode --version peak memory: %.1f MB (fixed overhead)\n' \
    "$(calc "$(tail -n 1 "$tmp/mem") * 1024 / 1000000")"
fi

kwic_time="" suggest_time="" rg_time=""
if has_command kwic; then
  best_of "kwic" "$ipcode" -q -C "$study" kwic planen; kwic_time=$best
fi
if has_command suggest; then
  # rg gets the codebook's keyword patterns as fixed strings (trailing '*' dropped).
  grep -E '^ *keywords:' "$study/codebook.yaml" | sed -e 's/^ *keywords: *\[//' -e 's/\]$//' |
    tr ',' '\n' | sed -e 's/^ *"//' -e 's/"$//' -e 's/\*$//' | sort -u > "$tmp/patterns"
  echo "patterns:     $(wc -l < "$tmp/patterns") keyword patterns"
  best_of "rg" rg -c -i -F -f "$tmp/patterns" "${files[@]}"; rg_time=$best
  # suggest writes only inside the study and never overwrites: a new folder for every run.
  best_of "suggest" bash -c 'exec "$1" -q -C "$2" suggest -o "$(mktemp -u -d -p "$2" .bench-suggest.XXXXXX)"' \
    _ "$ipcode" "$study"; suggest_time=$best
  rm -rf "$study"/.bench-suggest.*
fi

# The 10x test: the same generator at ten times the transcripts (the first N are identical).
# With --scale full that is 10,000 transcripts (650 MB, slow: one timed run); with --scale small
# it is the full study, a quick look at how condense grows.
scale10_time=""
if [ "$scaling" = yes ]; then
  big="$(study_dir $((transcripts * 10)))"
  generate "$big" $((transcripts * 10))
  saved_runs=$runs
  [ "$scale" = full ] && runs=1
  best_of "condense 10x" "$ipcode" -q -C "$big" condense; scale10_time=$best; scale10_kb=$peak_kb
  runs=$saved_runs
  [ "$have_time" = yes ] && printf 'condense 10x peak memory: %.1f MB\n' "$(calc "$scale10_kb * 1024 / 1000000")"
fi

echo
echo "# SPEC §13 ratios (targets: condense/wc <= 5, check/wc <= 3, kwic/wc <= 3,"
echo "# condense-peak-memory/corpus < 4, suggest/rg <= 3, condense-10x/condense <= 11)"
ratio "condense/wc" "$condense_time" "$wc_time"
ratio "check/wc" "$check_time" "$wc_time"
if [ "$have_time" = yes ]; then
  ratio "condense-peak-memory/corpus" "$condense_kb * 1024" "$corpus_bytes"
else
  echo "condense-peak-memory/corpus: not measured (GNU time missing)"
fi
if [ -n "$kwic_time" ]; then ratio "kwic/wc" "$kwic_time" "$wc_time"; else
  echo "kwic/wc: not measured (command not implemented yet)"; fi
if [ -n "$suggest_time" ]; then ratio "suggest/rg" "$suggest_time" "$rg_time"; else
  echo "suggest/rg: not measured (command not implemented yet)"; fi
if [ -n "$scale10_time" ]; then ratio "condense-10x/condense" "$scale10_time" "$condense_time"; fi
