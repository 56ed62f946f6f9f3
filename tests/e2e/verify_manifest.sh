#!/usr/bin/env bash
# verify (SPEC §7, §10) reads out/manifest.json with a JSON parser, names files in out/ that the
# manifest does not list, and says when only SOURCE_DATE_EPOCH differs; condense --round R
# keeps the other rounds and the cross-round files as they were (docs/decisions.md); -q prints
# errors only.
set -u
ipcode=$(realpath "$1") src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH= LC_ALL=C.UTF-8
snapshot() { (cd "$1" && find . -type f -exec sha256sum {} + | sort); }

# A `"` in an input's file name comes back from manifest.json as it was written.
cp -r "$src/tests/data/mini" "$work/q"; rm -rf "$work/q/out"
first=$(ls "$work/q/coding/r1/" | head -1)
mv "$work/q/coding/r1/$first" "$work/q/coding/r1/${first%.yaml} \"KH\".yaml"
"$ipcode" -q -C "$work/q" condense || bad "condense with a quote in a file name"
out=$("$ipcode" -C "$work/q" verify 2>&1); code=$?
[ $code -eq 0 ] && ok || bad "verify with a quote in a file name: exit $code, $out"

# A file in out/ that manifest.json does not list: named, exit 1.
cp "$work/q/out/r1/units.csv" "$work/q/out/r1/matrices.xlsx"
out=$("$ipcode" -C "$work/q" verify 2>/dev/null); code=$?
[ $code -eq 1 ] && echo "$out" | grep -q "manifest.json does not list it): out/r1/matrices.xlsx" \
  && ok || bad "unlisted file: exit $code, $out"
rm "$work/q/out/r1/matrices.xlsx"
echo '{"inputs": [' > "$work/q/out/manifest.json"
out=$("$ipcode" -C "$work/q" verify 2>/dev/null); code=$?
[ $code -eq 1 ] && echo "$out" | grep -q "out/manifest.json is not a manifest" && ok || bad "broken manifest: exit $code, $out"

# Only the date differs: said so, with what to do.
cp -r "$src/tests/data/mini" "$work/d"; rm -rf "$work/d/out"
SOURCE_DATE_EPOCH=1735689600 "$ipcode" -q -C "$work/d" condense || bad "condense with a date"
out=$("$ipcode" -C "$work/d" verify 2>/dev/null); code=$?
[ $code -eq 1 ] && echo "$out" | grep -q "differ only in the date: SOURCE_DATE_EPOCH was set to a time on 2025-01-01 for condense and is not set now" \
  && [ "$(echo "$out" | wc -l)" -eq 1 ] && ok || bad "date only: exit $code, $out"
SOURCE_DATE_EPOCH=1735689600 "$ipcode" -q -C "$work/d" verify && ok || bad "verify with the same date"
sed -i 's/Egne mål/Brukerens egne mål/' "$work/d/codebook.yaml"
out=$(SOURCE_DATE_EPOCH=1767225600 "$ipcode" -C "$work/d" verify 2>/dev/null); code=$?
[ $code -eq 1 ] && echo "$out" | grep -q "codebook.yaml" && echo "$out" | grep -q "the date differs too" \
  && ok || bad "date and a change: exit $code, $out"

# condense --round r1 after a full run: out/r2/ and the cross-round files stay as they were,
# stderr says so; verify checks r1 and says what it did not check.
cp -r "$src/tests/data/condense-two-rounds" "$work/r"; rm -rf "$work/r/out"
"$ipcode" -q -C "$work/r" condense || bad "full condense"
kept=$(cd "$work/r/out" && sha256sum rounds.csv report.html r2/*)
sed -i '0,/label: /s/label: \(.*\)/label: \1 (endret)/' "$work/r/codebook-r1.yaml"
"$ipcode" -C "$work/r" condense --round r1 >"$work/stdout" 2>"$work/err"; code=$?
[ $code -eq 0 ] && grep -q "cross-round files (rounds.csv, report.html) were left as they were" "$work/err" \
  && ok || bad "condense --round r1: exit $code, $(cat "$work/err")"
[ "$kept" = "$(cd "$work/r/out" && sha256sum rounds.csv report.html r2/*)" ] && ok || bad "--round r1 changed r2 or the cross-round files"
grep -q '"round": "r1"' "$work/r/out/manifest.json" && ! grep -q '"rounds.csv"' "$work/r/out/manifest.json" \
  && ok || bad "the manifest should record the round and list only this run's outputs"
"$ipcode" -C "$work/r" verify >"$work/stdout" 2>"$work/err"; code=$?
[ $code -eq 0 ] && grep -q "condense ran with --round r1" "$work/err" && ok || bad "verify after --round: exit $code, $(cat "$work/stdout" "$work/err")"
"$ipcode" -q -C "$work/r" condense --round r1 >"$work/stdout" 2>"$work/err"
[ ! -s "$work/stdout" ] && [ ! -s "$work/err" ] && ok || bad "-q condense --round printed: $(cat "$work/stdout" "$work/err")"
# A first run with --round writes no cross-round files and says that too.
rm -rf "$work/r/out"
"$ipcode" -C "$work/r" condense --round r2 >/dev/null 2>"$work/err"
[ ! -e "$work/r/out/rounds.csv" ] && [ -d "$work/r/out/r2" ] && [ ! -e "$work/r/out/r1" ] \
  && grep -q "were not written" "$work/err" && ok || bad "first --round run: $(cat "$work/err")"

# -q prints errors only: nothing at all on success.
for cmd in check condense verify; do
  "$ipcode" -q -C "$work/q" $cmd >"$work/stdout" 2>"$work/err"
  [ ! -s "$work/stdout" ] && [ ! -s "$work/err" ] && ok || bad "-q $cmd printed: $(cat "$work/stdout" "$work/err")"
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
