#!/usr/bin/env bash
# Runs one golden CLI case: tests/cli/<command>/<case>/
#   args             the arguments, one line; {study} stands for a fresh copy of the study
#   study            (optional) a folder under tests/data/ (or a repo path like examples/x)
#                    copied to a temporary place first (without its out/)
#   env              (optional) lines VAR=value added to the environment
#   setup            (optional) bash run in the study copy before ipcode (to break things)
#   expected_exit    the exit code (required)
#   expected_stdout  (optional) exact stdout; {study} is replaced in it
#   expected_stderr  (optional) exact stderr; {study} is replaced in it
#   expected_out/    (optional) every file the run must leave in the study's output folder
#   check            (optional) bash -e run in the study copy after ipcode; must exit 0
#                    (every line counts: write a negation as [ "$(grep -c X f)" = 0 ])
# IPCODE_UPDATE_GOLDEN=1 rewrites the expected files from the actual run (review the diff!).
set -u
ipcode=$(realpath "$1") case_dir=$(cd "$2" && pwd) src=$(cd "$3" && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
study=$work/study
if [ -f "$case_dir/study" ]; then
  name=$(tr -d '\n' < "$case_dir/study")
  case $name in */*) cp -r "$src/$name" "$study" ;; *) cp -r "$src/tests/data/$name" "$study" ;; esac
  rm -rf "$study/out"
else
  mkdir -p "$study"
fi
args=$(sed "s|{study}|$study|g" "$case_dir/args")
[ -f "$case_dir/setup" ] && (cd "$study" && bash "$case_dir/setup")
env_args=(LC_ALL=C.UTF-8 LANG=C.UTF-8 LC_MESSAGES= LANGUAGE= SOURCE_DATE_EPOCH=)
if [ -f "$case_dir/env" ]; then
  while IFS= read -r line; do [ -n "$line" ] && env_args+=("$line"); done < "$case_dir/env"
fi
cd "$work"
eval "set -- $args"
env "${env_args[@]}" "$ipcode" "$@" > "$work/stdout" 2> "$work/stderr"
code=$?
sed -i "s|$study|{study}|g" "$work/stdout" "$work/stderr"
fail=0
if [ "${IPCODE_UPDATE_GOLDEN:-}" = 1 ]; then
  echo "$code" > "$case_dir/expected_exit"
  cp "$work/stdout" "$case_dir/expected_stdout"
  cp "$work/stderr" "$case_dir/expected_stderr"
  if [ -d "$case_dir/expected_out" ]; then
    rm -rf "$case_dir/expected_out" && cp -r "$study/out" "$case_dir/expected_out"
  fi
  exit 0
fi
expected=$(tr -d '\n' < "$case_dir/expected_exit")
if [ "$code" != "$expected" ]; then
  echo "exit code: expected $expected, got $code"; fail=1
fi
for stream in stdout stderr; do
  if [ -f "$case_dir/expected_$stream" ] && ! diff -u "$case_dir/expected_$stream" "$work/$stream"; then
    echo "($stream differs)"; fail=1
  fi
done
if [ -d "$case_dir/expected_out" ] && ! diff -r -u "$case_dir/expected_out" "$study/out"; then
  echo "(output files differ)"; fail=1
fi
if [ -f "$case_dir/check" ] && ! (cd "$study" && bash -e "$case_dir/check"); then
  echo "(check script failed)"; fail=1
fi
if [ $fail -ne 0 ]; then
  echo "--- stderr was:"; cat "$work/stderr"
fi
exit $fail
