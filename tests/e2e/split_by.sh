#!/usr/bin/env bash
# condense --split-by (issue 12, SPEC §10): prevalence-by-ATTR.csv on two attributes of the
# worked example, checked against files computed independently from units.csv and the
# manifest (tests/e2e/split_by/); the report's prevalence per value; verify re-runs the split
# from manifest.json; an unknown attribute is a usage error with a "did you mean".
set -u
ipcode=$(realpath "$1") src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH= LC_ALL=C.UTF-8

s=$work/s
cp -r "$src/examples/individuell-plan" "$s"; rm -rf "$s/out"
"$ipcode" -q -C "$s" condense --split-by rolle,kjønn || bad "condense --split-by rolle,kjønn"
for f in prevalence-by-kjønn.csv prevalence-by-role.csv; do
  cmp -s "$src/tests/e2e/split_by/$f" "$s/out/r2/$f" && ok || bad "out/r2/$f differs"
done
[ -f "$s/out/r1/prevalence-by-role.csv" ] && [ -f "$s/out/r3/prevalence-by-kjønn.csv" ] \
  && ok || bad "every round gets its files"
# underskrift in r2 (its row in the two files above): 5 units from 4 of the 7 participants.
grep -A2 '^#### Kode: Skriver under uten å vite hva$' "$s/out/r2/report.md" \
  | grep -q '^5 meningsenheter · 4 av 7 deltakere · ansatt: 1 av 3, bruker: 3 av 4 · K: 3 av 4, M: 1 av 3$' \
  && ok || bad "report.md shows the prevalence per value"
grep -q '"split_by": \["role", "kjønn"\]' "$s/out/manifest.json" && ok || bad "manifest.json records the split"
"$ipcode" -q -C "$s" verify && ok || bad "verify re-runs the split from manifest.json"
echo "x" >> "$s/out/r2/prevalence-by-role.csv"
"$ipcode" -q -C "$s" verify >/dev/null 2>&1; code=$?
[ $code -eq 1 ] && ok || bad "verify finds a changed prevalence file: exit $code"

# Same bytes with one thread or two.
cp -r "$s" "$work/t"; rm -rf "$work/t/out"
IPCODE_THREADS=1 "$ipcode" -q -C "$work/t" condense --split-by rolle,kjønn
"$ipcode" -q -C "$s" condense --split-by rolle,kjønn
diff -r "$s/out" "$work/t/out" >/dev/null && ok || bad "outputs differ with IPCODE_THREADS=1"

# Unknown attribute: exit 2, a "did you mean", nothing written.
before=$(cd "$s/out" && find . -type f -exec sha256sum {} + | sort)
out=$("$ipcode" -C "$s" condense --split-by kjonn 2>&1); code=$?
[ $code -eq 2 ] && echo "$out" | grep -q "has the attribute 'kjonn'; did you mean 'kjønn'?" \
  && ok || bad "unknown attribute: exit $code, $out"
out=$("$ipcode" --lang nb -C "$s" condense --split-by ../x 2>&1); code=$?
[ $code -eq 2 ] && echo "$out" | grep -q "ingen informant i ipcode.yaml har egenskapen «../x»" \
  && ok || bad "a path as attribute: exit $code, $out"
after=$(cd "$s/out" && find . -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] && ok || bad "a refused run changed out/"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
