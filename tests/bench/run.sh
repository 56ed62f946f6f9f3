#!/usr/bin/env bash
# The SPEC §13 benchmark: generates synthetic studies of several shapes (once each) and times
# ipcode against wc -w (and suggest against rg) in paired runs.
#
#   tests/bench/run.sh [--scale tiny|small|full] [--shape NAME]... [--shapes all] [--scaling]
#                      [--regenerate] [--list-shapes] [--shape-args NAME]
#
#   --scale tiny    3 transcripts a shape: checks the script (ctest bench/run_sh), no figures
#   --scale small   100 transcripts a shape: a quick run
#   --scale full    1,000 transcripts a shape: the SPEC §13 size
#   --shape NAME    measure this shape (repeatable; default: default). --list-shapes names them
#   --shapes all    measure every shape
#   --scaling       also time condense on ten times the transcripts (full: 10,000, slow)
#   --regenerate    generate the studies again even if matching ones exist
#   --list-shapes   print each shape with its generator options, and exit
#   --shape-args NAME  print the generator options of a shape, and exit (used by the tests)
#
# Builds nothing. Takes the binaries and settings from the environment:
#   IPCODE    ipcode binary            (default: <repo>/build/ipcode)
#   BENCHGEN  the study generator      (default: <repo>/build/tests/bench/ipcode_benchgen)
#   BENCH_DIR where studies are kept   (default: /tmp; $BENCH_DIR/ipcode-bench-<shape>-<N>)
#   RUNS      timed pairs per ratio; the median of the pairs' ratios counts (default: 5)
# Prints each ratio on its own line, prefixed by the shape (`default condense/wc: 2.7`),
# after the absolute numbers.
set -euo pipefail
export LC_ALL=C  # the script's own numbers use a decimal point

# ---- shapes -----------------------------------------------------------------------------------
# Each shape is a set of ipcode_benchgen options; the transcript count comes from --scale.
# Why these three (tests/bench/README.md): they span what a study of 1,000 interviews looks like.
all_shapes=(default lines long)
shape_args() {
  case "$1" in
    # 1-hour interviews (10,000 words, ~65 KB), 100 units each, every unit a quote with its
    # lines, a codebook of 200 nodes and ~500 keywords: the study SPEC §13 describes.
    default) echo "--words-per-transcript 10000 --units-per-transcript 100 --nodes 200" ;;
    # Coded by line numbers only (as when units are marked in a word processor and imported):
    # ~12,000 words (~78 MB at 1,000), 100,000 units given by `lines:` of 1-6 lines, no quote.
    lines) echo "--words-per-transcript 12000 --units-per-transcript 100 --nodes 200 --line-units 1" ;;
    # Long interviews or focus groups (16,000 words, long turns of 50-400 words), 150 units of
    # every kind: 20 % by lines only, of the quotes 30 % without lines and 40 % with a (…)
    # gap, quotes of 10-40 words; a big codebook (500 nodes, 1,000 keyword patterns); files
    # as they come from Word and Macs (30 % CRLF, 10 % with a byte-order mark, 10 % NFD);
    # 20 % of the transcripts also coded by a second coder (condense merges the coders);
    # 30 % of the answers split by the interviewer's "Mm." (quotes may run across it).
    long) echo "--words-per-transcript 16000 --units-per-transcript 150 --turn-words 50-400" \
               "--quote-words 10-40 --line-units 0.2 --quote-only 0.3 --gap-share 0.4" \
               "--nodes 500 --keywords 1000 --crlf 0.3 --bom 0.1 --nfd 0.1 --second-coder 0.2" \
               "--backchannel 0.3" ;;
    *) return 1 ;;
  esac
}

scale=small
scaling=no
regenerate=no
shapes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="${2:-}"; shift; [ $# -gt 0 ] && shift ;;
    --scale=*) scale="${1#--scale=}"; shift ;;
    --shape) shapes+=("${2:-}"); shift; [ $# -gt 0 ] && shift ;;
    --shape=*) shapes+=("${1#--shape=}"); shift ;;
    --shapes) [ "${2:-}" = all ] || { echo "run.sh: --shapes takes 'all'" >&2; exit 2; }
              shapes+=("${all_shapes[@]}"); shift 2 ;;
    --shapes=all) shapes+=("${all_shapes[@]}"); shift ;;
    --scaling) scaling=yes; shift ;;
    --regenerate) regenerate=yes; shift ;;
    --list-shapes)
      for s in "${all_shapes[@]}"; do printf '%-8s %s\n' "$s" "$(shape_args "$s")"; done; exit 0 ;;
    --shape-args)
      shape_args "${2:-}" || { echo "run.sh: unknown shape '${2:-}'" >&2; exit 2; }; exit 0 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#shapes[@]} -gt 0 ] || shapes=(default)
for s in "${shapes[@]}"; do
  shape_args "$s" >/dev/null || {
    echo "run.sh: unknown shape '$s' (known: ${all_shapes[*]})" >&2; exit 2; }
done

case "$scale" in
  tiny) transcripts=3 ;;
  small) transcripts=100 ;;
  full) transcripts=1000 ;;
  *) echo "run.sh: --scale must be tiny, small or full" >&2; exit 2 ;;
esac

repo="$(cd "$(dirname "$0")/../.." && pwd)"
ipcode="${IPCODE:-$repo/build/ipcode}"
benchgen="${BENCHGEN:-$repo/build/tests/bench/ipcode_benchgen}"
bench_dir="${BENCH_DIR:-/tmp}"
runs="${RUNS:-5}"
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
# stamp VAR: sets VAR to the wall-clock seconds. With bash 5's EPOCHREALTIME this costs no
# process; `$(date)` costs a fork and an exec on each side of every timed run (tens of ms on a
# busy machine), which would inflate a fast `wc -w` more than ipcode and flatter the ratios.
stamp() {
  if [ -n "${EPOCHREALTIME:-}" ]; then printf -v "$1" '%s' "${EPOCHREALTIME/,/.}"
  else printf -v "$1" '%s' "$(date +%s.%N)"; fi
}
# calc EXPR: floating-point arithmetic (awk, so bc is not needed).
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
# median of the numbers given as arguments (the mean of the middle two for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
  if (NR % 2) printf "%.6f", v[(NR + 1) / 2]; else printf "%.6f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# generate DIR SHAPE TRANSCRIPTS: the study, unless DIR holds one made with the same options
# and the same generator binary.
generate() {
  local dir="$1" shape="$2" n="$3"
  local args
  args="$(shape_args "$shape") --transcripts $n --seed $seed"
  local params
  params="$args generator=$(sha256sum "$benchgen" | cut -c1-16)"
  if [ "$regenerate" = no ] && [ -f "$dir/.benchgen-params" ] && [ "$(cat "$dir/.benchgen-params")" = "$params" ]; then
    echo "study:        $dir (reused)"
    return
  fi
  rm -rf "$dir"
  local t0 t1
  t0=$(now)
  # shellcheck disable=SC2086  # the options are words
  "$benchgen" "$dir" $args 2>"$tmp/benchgen"
  t1=$(now)
  echo "$params" > "$dir/.benchgen-params"
  printf 'study:        %s (generated in %.1f s)\n' "$dir" "$(calc "$t1 - $t0")"
  sed 's/^ipcode_benchgen: /generator:    /' "$tmp/benchgen"
}

# timed NAME_OF_ARRAY RUN: runs the command in the array once (an argument @OUT@ becomes a
# fresh, missing folder inside the study, as ipcode writes only there), output discarded; sets $dt (wall seconds), $kb (max RSS in KiB, 0
# without GNU time) and $status.
timed() {
  local -n cmd_ref="$1"
  local cmd=("${cmd_ref[@]}") k out="$study/bench-out-$1-$2" t0 t1
  for k in "${!cmd[@]}"; do [ "${cmd[$k]}" = @OUT@ ] && cmd[$k]="$out"; done
  rm -rf "$out"
  kb=0
  stamp t0
  if [ "$have_time" = yes ]; then
    /usr/bin/time -f %M -o "$tmp/mem" "${cmd[@]}" >/dev/null 2>"$tmp/stderr" && status=0 || status=$?
    kb=$(tail -n 1 "$tmp/mem")
    case "$kb" in ''|*[!0-9]*) kb=0 ;; esac
  else
    "${cmd[@]}" >/dev/null 2>"$tmp/stderr" && status=0 || status=$?
  fi
  stamp t1
  dt=$(calc "$t1 - $t0")
  rm -rf "$out"
}

# paired LABEL_A ARRAY_A LABEL_B ARRAY_B [PAIRS]: one warm-up run of each, then PAIRS (default
# $runs) pairs run in turn A B A B ..., so a machine that slows down slows both sides of a pair
# alike. Sets $ratio (median over the pairs of B's time / A's time), $med_a, $med_b (median
# times), $peak_b (largest max RSS of B in KiB) and $status_b (B's worst exit code); prints
# one line for B with its median and range and A's median.
paired() {
  local label_a="$1" arr_a="$2" label_b="$3" arr_b="$4" pairs="${5:-$runs}" warmup="${6:-1}"
  local i ta=() tb=() ratios=()
  peak_b=0 status_b=0
  for ((i = 0; i < warmup; ++i)); do timed "$arr_a" w; timed "$arr_b" w; done
  for ((i = 1; i <= pairs; ++i)); do
    timed "$arr_a" "$i"; ta+=("$dt")
    timed "$arr_b" "$i"; tb+=("$dt")
    [ "$kb" -gt "$peak_b" ] && peak_b=$kb
    [ "$status" = 0 ] || status_b=$status
    ratios+=("$(calc "${tb[-1]} / ${ta[-1]}")")
  done
  med_a=$(median "${ta[@]}")
  med_b=$(median "${tb[@]}")
  ratio=$(median "${ratios[@]}")
  local sorted
  mapfile -t sorted < <(printf '%s\n' "${tb[@]}" | sort -g)
  printf '%-14s %.3f s median of %d (%.3f..%.3f), paired with %s %.3f s; ratio %.2f\n' \
    "$label_b:" "$med_b" "$pairs" "${sorted[0]}" "${sorted[-1]}" "$label_a" "$med_a" "$ratio"
  if [ "$status_b" != 0 ]; then
    ratio=failed  # a failed run proves nothing about speed
    echo "  $label_b exited with $status_b:"
    head -n 5 "$tmp/stderr" | sed 's/^/  /'
  fi
  return 0
}

# (The help is read once into a variable: `cmd | grep -q` can fail under pipefail.)
help_text="$("$ipcode" --help 2>/dev/null || true)"
has_command() { grep -qE "^  +$1( |$)" <<<"$help_text"; }

# ---- run --------------------------------------------------------------------------------------

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "ipcode:       $ipcode ($("$ipcode" --version 2>/dev/null | head -n 1))"
echo "machine:      $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs:         $runs pairs a ratio after one warm-up pair; the median of the pairs' ratios counts"
if [ "$have_time" = yes ]; then
  /usr/bin/time -f %M -o "$tmp/mem" "$ipcode" --version >/dev/null 2>&1 || true
  printf 'ipcode --version peak memory: %.1f MB (fixed overhead, in every peak below)\n' \
    "$(calc "$(tail -n 1 "$tmp/mem") * 1024 / 1000000")"
fi
summary=()
say() { summary+=("$1"); }
# say_ratio SHAPE NAME: the ratio `paired` left, or why there is none.
say_ratio() {
  if [ "$ratio" = failed ]; then say "$1 $2: not measured (ipcode exited with $status_b)"
  else say "$1 $2: $(printf '%.2f' "$ratio")"; fi
}
for shape in "${shapes[@]}"; do
  echo
  echo "## shape $shape: $(shape_args "$shape")"
  study="$bench_dir/ipcode-bench-$shape-$transcripts"
  generate "$study" "$shape" "$transcripts"
  files=("$study"/transcripts/r1/*.txt)
  corpus_bytes=$(cat "${files[@]}" | wc -c)
  corpus_words=$(cat "${files[@]}" | LC_ALL=C wc -w)
  printf 'corpus:       %d transcripts, %d words, %.1f MB\n' "${#files[@]}" "$corpus_words" \
    "$(calc "$corpus_bytes / 1000000")"
  cat "${files[@]}" >/dev/null  # warm the page cache so no measurement pays for the disk
  # The generated study must be valid: print check's own summary (errors and warnings).
  echo "check says:   $("$ipcode" --lang en -C "$study" check 2>&1 | grep -E '^[0-9]+ errors?' | tail -n 1)"

  # The commands, as arrays that `paired` and `timed` reach by name. wc -w counts words in a
  # UTF-8 locale, as on a researcher's machine.
  # shellcheck disable=SC2034
  wc_cmd=(env LC_ALL=C.UTF-8 wc -w "${files[@]}")
  # shellcheck disable=SC2034
  condense_cmd=("$ipcode" -q -C "$study" condense)
  # shellcheck disable=SC2034
  check_cmd=("$ipcode" -q -C "$study" check)
  # shellcheck disable=SC2034
  kwic_cmd=("$ipcode" -q -C "$study" kwic planen)
  # shellcheck disable=SC2034
  terms_cmd=("$ipcode" -q -C "$study" terms)
  # shellcheck disable=SC2034
  suggest_cmd=("$ipcode" -q -C "$study" suggest -o @OUT@)

  paired "wc -w" wc_cmd condense condense_cmd
  say_ratio "$shape" condense/wc
  condense_kb=$peak_b
  paired "wc -w" wc_cmd check check_cmd
  say_ratio "$shape" check/wc
  if has_command kwic; then
    paired "wc -w" wc_cmd kwic kwic_cmd
    say_ratio "$shape" kwic/wc
  else
    say "$shape kwic/wc: not measured (command not implemented yet)"
  fi
  if has_command terms; then
    paired "wc -w" wc_cmd terms terms_cmd
    say_ratio "$shape" terms/wc
  else
    say "$shape terms/wc: not measured (command not implemented yet)"
  fi
  if has_command suggest; then
    # rg gets the codebook's keyword patterns as fixed strings (a trailing '*' dropped).
    grep -E '^ *keywords:' "$study/codebook.yaml" | sed -e 's/^ *keywords: *\[//' -e 's/\]$//' |
      tr ',' '\n' | sed -e 's/^ *"//' -e 's/"$//' -e 's/\*$//' | sort -u > "$tmp/patterns"
    echo "patterns:     $(wc -l < "$tmp/patterns") distinct keyword patterns for rg"
    # shellcheck disable=SC2034
    rg_cmd=(rg -c -i -F -f "$tmp/patterns" "${files[@]}")
    paired "rg" rg_cmd suggest suggest_cmd
    say_ratio "$shape" suggest/rg
  else
    say "$shape suggest/rg: not measured (command not implemented yet)"
  fi
  if [ "$have_time" = yes ]; then
    printf 'condense peak memory: %.1f MB (largest of the counted runs)\n' \
      "$(calc "$condense_kb * 1024 / 1000000")"
    say "$shape condense-peak-memory/corpus: $(printf '%.2f' "$(calc "$condense_kb * 1024 / $corpus_bytes")")"
  else
    say "$shape condense-peak-memory/corpus: not measured (GNU time missing)"
  fi

  # The 10x test: the same shape at ten times the transcripts (the first N are identical).
  # With --scale full that is 10,000 transcripts (slow: three pairs, no warm-up; one pair
  # was at the mercy of a single lucky or unlucky 1x run, ratios from 9.2 to 14.7 for one
  # build); with --scale small it is 1,000, a quick look at how condense grows, not the SPEC
  # measurement.
  if [ "$scaling" = yes ]; then
    big="$bench_dir/ipcode-bench-$shape-$((transcripts * 10))"
    generate "$big" "$shape" $((transcripts * 10))
    # shellcheck disable=SC2034
    big_cmd=("$ipcode" -q -C "$big" condense)
    if [ "$scale" = full ]; then paired condense condense_cmd "condense 10x" big_cmd 3 0
    else paired condense condense_cmd "condense 10x" big_cmd; fi
    say_ratio "$shape" condense-10x/condense
    [ "$have_time" = yes ] && printf 'condense 10x peak memory: %.1f MB\n' "$(calc "$peak_b * 1024 / 1000000")"
  fi
done

echo
echo "# SPEC §13 ratios, each the median of $runs paired runs (targets: condense/wc <= 5,"
echo "# check/wc <= 3, kwic/wc <= 3, terms/wc <= 3, suggest/rg <= 3,"
echo "# condense-peak-memory/corpus < 4, condense-10x/condense <= 11)"
printf '%s\n' "${summary[@]}"
