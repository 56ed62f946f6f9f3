#!/usr/bin/env bash
# Runs one libFuzzer target (IPCODE_FUZZ build) for a bounded time on a seed corpus collected
# from the repository (the ctest fuzz/libfuzzer/<target>, README "Fuzzing"):
#   tests/fuzz/run_fuzzer.sh BINARY TARGET SOURCE_DIR WORK_DIR SECONDS [libFuzzer options...]
# Seeds go to WORK_DIR/seeds/ (collected once), new inputs to WORK_DIR/corpus/TARGET/, crashes
# to WORK_DIR/artifacts/TARGET/. One job: the machine's cores are shared.
set -eu
bin=$1 name=$2 src=$3 work=$4 seconds=$5
shift 5
# Collected once per WORK_DIR (ctest's fuzz/seeds does it before the targets run side by side).
if [ ! -d "$work/seeds" ]; then
  python3 "$src/tests/fuzz/collect_seeds.py" "$src" "$work/seeds"
fi
mkdir -p "$work/seeds/$name" "$work/corpus/$name" "$work/artifacts/$name"
dict=()
case $name in
  yaml | codebook | coding | condensation | manifest) dict=(-dict="$src/tests/fuzz/yaml.dict") ;;
  transcript | match) dict=(-dict="$src/tests/fuzz/transcript.dict") ;;
esac
exec "$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$work/artifacts/$name/" "${dict[@]}" "$@" "$work/corpus/$name" "$work/seeds/$name"
