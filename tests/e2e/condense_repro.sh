#!/usr/bin/env bash
# Reproducibility of `ipcode condense` (SPEC §7, §10): same inputs give the same bytes whatever
# the machine's locale, time zone, working folder or clock; `verify` names what changed; a
# failed write leaves the previous out/ intact; files marked anonymised: false are refused.
set -u
ipcode=$(realpath "$1") src=$2
work=$(mktemp -d); trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=

for study in mini condense-two-rounds; do
  [ -d "$src/tests/data/$study" ] || continue
  cp -r "$src/tests/data/$study" "$work/a"; cp -r "$src/tests/data/$study" "$work/b"
  (cd "$work/a" && LC_ALL=C.UTF-8 TZ=UTC "$ipcode" -q condense --format xlsx) || bad "$study: condense a"
  (cd / && LC_ALL=nb_NO.UTF-8 LANG=nb_NO.UTF-8 TZ=Pacific/Auckland "$ipcode" -q -C "$work/b" condense --format xlsx) \
    || bad "$study: condense b"
  diff -r "$work/a/out" "$work/b/out" >/dev/null && ok || bad "$study: outputs differ between two runs"
  sleep 1
  (cd "$work/a" && "$ipcode" -q condense --format xlsx) && diff -r "$work/a/out" "$work/b/out" >/dev/null \
    && ok || bad "$study: a second run a second later differs"
  ! grep -rqs "$(date +%Y-%m-%d)" "$work/a/out" && ok || bad "$study: today's date appears in an output"
  (cd "$work/a" && "$ipcode" -q verify --format xlsx) && ok || bad "$study: verify right after condense"
  rm -rf "$work/a" "$work/b"
done

# The number of threads never shows in the outputs (the worked example has many files to share).
cp -r "$src/examples/individuell-plan" "$work/t1"; rm -rf "$work/t1/out"; cp -r "$work/t1" "$work/t4"
IPCODE_THREADS=1 "$ipcode" -q -C "$work/t1" condense && IPCODE_THREADS=4 "$ipcode" -q -C "$work/t4" condense \
  && diff -r "$work/t1/out" "$work/t4/out" >/dev/null && ok || bad "outputs depend on the number of threads"
IPCODE_THREADS=1 "$ipcode" -C "$work/t1" check >/dev/null 2>"$work/e1"; IPCODE_THREADS=4 "$ipcode" -C "$work/t4" check >/dev/null 2>"$work/e4"
cmp -s "$work/e1" "$work/e4" && ok || bad "check's messages depend on the number of threads"
rm -rf "$work/t1" "$work/t4"
# The appendix is rendered a batch of 2,048 units at a time on the worker threads: a study of
# 2,500 units crosses a batch boundary.
benchgen=$(dirname "$ipcode")/tests/bench/ipcode_benchgen
if "$benchgen" "$work/g1" --transcripts 25 --units-per-transcript 100 --words-per-transcript 2500 >/dev/null 2>&1; then
  cp -r "$work/g1" "$work/g3"
  IPCODE_THREADS=1 "$ipcode" -q -C "$work/g1" condense && IPCODE_THREADS=3 "$ipcode" -q -C "$work/g3" condense \
    && diff -r "$work/g1/out" "$work/g3/out" >/dev/null && ok || bad "a large appendix depends on the number of threads"
  units=$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline=""))))-1)' "$work/g1/out/r1/units.csv")
  [ "$units" -gt 2048 ] && [ "$(grep -c 'class="excerpt"' "$work/g1/out/r1/report.html")" = "$units" ] \
    && ok || bad "the large appendix does not hold every unit ($units units)"
else
  bad "cannot generate a study with $benchgen"
fi
rm -rf "$work/g1" "$work/g3"

# SOURCE_DATE_EPOCH may set a date.
cp -r "$src/tests/data/mini" "$work/s"
SOURCE_DATE_EPOCH=1735689600 "$ipcode" -q -C "$work/s" condense && grep -q '"date": "2025-01-01"' "$work/s/out/manifest.json" \
  && ok || bad "SOURCE_DATE_EPOCH does not set the manifest's date"
SOURCE_DATE_EPOCH=yesterday "$ipcode" -q -C "$work/s" condense 2>/dev/null; [ $? -eq 2 ] && ok || bad "a bad SOURCE_DATE_EPOCH is not a usage error"
rm -rf "$work/s"

# verify names the input that changed and the outputs that differ; exit 1.
cp -r "$src/tests/data/mini" "$work/v"
"$ipcode" -q -C "$work/v" condense
sed -i 's/Egne mål/Brukerens egne mål/' "$work/v/codebook.yaml"
out=$("$ipcode" -C "$work/v" verify 2>/dev/null); code=$?
[ $code -eq 1 ] && ok || bad "verify after an edit exited $code, expected 1"
echo "$out" | grep -q "codebook.yaml" && ok || bad "verify does not name the changed input: $out"
echo "$out" | grep -q "out/r1/report.md" && ok || bad "verify does not name a differing output: $out"
echo "x" >> "$work/v/out/r1/units.csv"
sed -i 's/Brukerens egne mål/Egne mål/' "$work/v/codebook.yaml"
out=$("$ipcode" -C "$work/v" verify 2>/dev/null); code=$?
[ $code -eq 1 ] && echo "$out" | grep -q "out/r1/units.csv" && ! echo "$out" | grep -q "codebook.yaml" \
  && ok || bad "verify after editing an output: $out"
rm -rf "$work/v"

# verify re-computes with the options condense was run with (recorded in manifest.json).
cp -r "$src/tests/data/mini" "$work/o"
"$ipcode" -q -C "$work/o" condense --stage final --format xlsx
"$ipcode" -q -C "$work/o" verify && ok || bad "verify after condense --stage final --format xlsx"
"$ipcode" -q -C "$work/o" verify --stage working >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "verify --stage working should differ"
rm -rf "$work/o"

# An output that cannot be written: exit 73, the old out/ intact, no temporary files left.
cp -r "$src/tests/data/mini" "$work/w"
"$ipcode" -q -C "$work/w" condense
before=$(cd "$work/w/out" && find . -type f -exec sha256sum {} + | sort)
sed -i 's/Egne mål/Brukerens egne mål/' "$work/w/codebook.yaml"     # the new outputs would differ
# (More failures, a concurrent run and kill -9: tests/e2e/outputs_atomic.sh.)
TMPDIR=/nonexistent "$ipcode" -q -C "$work/w" condense --format xlsx 2>"$work/err"; code=$?
[ $code -eq 73 ] && grep -q "matrices.xlsx" "$work/err" && ok || bad "no temporary folder for xlsx: exit $code, $(cat "$work/err")"
after=$(cd "$work/w/out" && find . -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] && ok || bad "a failed xlsx run changed out/"
[ -z "$(find "$work/w" -maxdepth 1 -name '.out.tmp-*')" ] && ok || bad "a failed run left its temporary folder"
if [ "$(id -u)" -ne 0 ]; then
  chmod a-w "$work/w/out/r1"
  "$ipcode" -q -C "$work/w" condense 2>/dev/null; [ $? -eq 73 ] && ok || bad "read-only out/r1 should exit 73"
  chmod u+w "$work/w/out/r1"
fi
rm -rf "$work/w"

# anonymised: false is refused with the file named (exit 65).
cp -r "$src/tests/data/mini" "$work/n"
sed -i 's/^date: 2025-01-15/anonymised: false/' "$work/n/transcripts/r1/B1.txt"
"$ipcode" -C "$work/n" condense 2>"$work/err"; code=$?
[ $code -eq 65 ] && grep -q "transcripts/r1/B1.txt" "$work/err" && [ ! -d "$work/n/out" ] \
  && ok || bad "anonymised: false: exit $code, $(cat "$work/err")"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
