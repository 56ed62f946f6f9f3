#!/usr/bin/env bash
# `ipcode suggest` end to end on the worked example (three rounds, three codebooks): the files
# are the same bytes whatever the thread count; `ipcode check` accepts them as they are once
# moved into the rounds' coding folders; nothing is proposed again after that; an existing
# file is refused with nothing written; -o stays inside the study.
# Usage: bash tests/e2e/suggest_check.sh <path-to-ipcode-binary> <repo-source-dir>
set -u
ipcode=$(realpath "$1") src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export LC_ALL=C.UTF-8
cp -r "$src/examples/individuell-plan" "$work/s" && rm -rf "$work/s/out"
s=$work/s

# Byte-identical with one and two threads (results merged in transcript order).
IPCODE_THREADS=1 "$ipcode" -C "$s" suggest >"$work/out1" 2>"$work/err1" && ok || bad "suggest failed: $(cat "$work/err1")"
mv "$s/suggestions" "$work/one"
IPCODE_THREADS=2 "$ipcode" -C "$s" suggest >"$work/out2" 2>"$work/err2" && ok || bad "suggest with 2 threads failed"
diff -r "$work/one" "$s/suggestions" >/dev/null && cmp -s "$work/out1" "$work/out2" && ok \
  || bad "the output depends on the number of threads"
n=$(find "$s/suggestions" -name '*.suggested.yaml' | wc -l)
[ "$n" -ge 10 ] && ok || bad "expected a file for most transcripts of the three rounds, got $n"
grep -q '^Round r2: ' "$work/out1" && ok || bad "no summary for round r2: $(cat "$work/out1")"

# Every unit has a comment naming the keyword and its node, lines, codes; coder: suggest.
for f in "$s"/suggestions/*/*.suggested.yaml; do
  units=$(grep -c '^  - lines: ' "$f"); comments=$(grep -c '^  # .* ← ' "$f")
  codes=$(grep -c '^    codes: \[' "$f")
  { [ "$units" -gt 0 ] && [ "$units" = "$comments" ] && [ "$units" = "$codes" ] &&
    grep -q '^coder: "suggest"$' "$f"; } || { bad "$f is not as expected"; break; }
done && ok

# Running again refuses: every file exists. Nothing is written (the files are unchanged).
before=$(cd "$s" && find suggestions -type f | sort | xargs sha256sum)
"$ipcode" -C "$s" suggest >/dev/null 2>"$work/err3"
[ $? = 73 ] && ok || bad "a second run must exit 73"
grep -q 'suggestions/r1/B1.suggested.yaml exists already' "$work/err3" && ok || bad "the error names no file: $(cat "$work/err3")"
[ "$before" = "$(cd "$s" && find suggestions -type f | sort | xargs sha256sum)" ] && ok || bad "files changed"
# One file missing: still nothing written (all or none).
rm "$s/suggestions/r2/A1.suggested.yaml"
"$ipcode" -q -C "$s" suggest 2>/dev/null; [ $? = 73 ] && [ ! -e "$s/suggestions/r2/A1.suggested.yaml" ] && ok \
  || bad "a partly existing set must be refused as a whole"
cp "$work/one/r2/A1.suggested.yaml" "$s/suggestions/r2/"

# -o: inside the study only; with several rounds it needs --round.
"$ipcode" -q -C "$s" suggest -o "$work/elsewhere" 2>/dev/null; [ $? = 2 ] && [ ! -e "$work/elsewhere" ] && ok || bad "-o outside the study"
ln -s "$work" "$s/link-out"
"$ipcode" -q -C "$s" suggest --round r1 -o "$s/link-out/x" 2>/dev/null; [ $? = 2 ] && [ ! -e "$work/x" ] && ok || bad "-o through a symlink out of the study"
"$ipcode" -q -C "$s" suggest -o "$s/forslag" 2>/dev/null; [ $? = 2 ] && ok || bad "-o without --round in a study of three rounds"
"$ipcode" -q -C "$s" suggest --round r3 -o "$s/forslag" && cmp -s "$s/forslag/B1.suggested.yaml" "$work/one/r3/B1.suggested.yaml" \
  && ok || bad "--round r3 -o forslag must write the same file as the default"
rm -rf "$s/forslag" "$s/link-out"

# check accepts the files as they are once moved into the coding folders; no new error.
for r in r1 r2 r3; do mv "$s/suggestions/$r/"*.suggested.yaml "$s/coding/$r/"; done
"$ipcode" -C "$s" check >"$work/check" 2>&1 && ok || bad "check rejects the suggestions: $(grep error "$work/check")"
! grep -q 'suggested.yaml.*\(error\|overlaps\)' "$work/check" && ok || bad "check complains: $(grep suggested "$work/check")"
# Coded now: nothing is proposed again.
"$ipcode" -C "$s" suggest >"$work/out4" 2>"$work/err4" && grep -q '^no suggestions' "$work/err4" && [ ! -s "$work/out4" ] \
  && ok || bad "coded units were proposed again: $(cat "$work/out4" "$work/err4")"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
