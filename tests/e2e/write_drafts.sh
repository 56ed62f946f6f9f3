#!/usr/bin/env bash
# `condense --write-drafts` (SPEC §6): drafts go to a new file, never over a person's text, and
# every draft is made of the informants' own words.
set -u
ipcode=$(realpath "$1") src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
cp -r "$src/tests/data/mini" "$work/s"
before=$(sha256sum "$work/s/condensation/r1.yaml")
LC_ALL=C.UTF-8 "$ipcode" -C "$work/s" condense --write-drafts >"$work/out" || bad "condense --write-drafts failed"
f="$work/s/condensation/r1-utkast.yaml"
[ -f "$f" ] && ok || bad "no drafts file written: $(cat "$work/out")"
grep -q "^  forstaar:" "$f" && ok || bad "the draft for forstaar is missing: $(cat "$f")"
! grep -q "^  underskrift:" "$f" && ok || bad "a subgroup with a condensate got a draft"
grep -q "Jeg forstår at planen er min" "$f" && ok || bad "the draft is not made of the unit's words: $(cat "$f")"
[ "$before" = "$(sha256sum "$work/s/condensation/r1.yaml")" ] && ok || bad "the condensation file was changed"
"$ipcode" -q -C "$work/s" condense --write-drafts && [ -f "$work/s/condensation/r1-utkast-2.yaml" ] && ok \
  || bad "a second run must write r1-utkast-2.yaml, not overwrite r1-utkast.yaml"
cmp -s "$f" "$work/s/condensation/r1-utkast-2.yaml" && ok || bad "the two draft files differ"
# A subgroup whose units are all background material has nothing to quote: no empty
# condensate (it would read as one a person wrote), a comment saying why.
cp -r "$src/tests/data/mini" "$work/b"
sed -i 's/^informant: B2\(\r\?\)$/informant: B2\1\nbackground: true\1/' "$work/b/transcripts/r1/B2.txt"
sed -i 's/^    lines: 8$/    lines: 9/' "$work/b/coding/r1/B2.yaml"  # the new front-matter line
LC_ALL=C.UTF-8 "$ipcode" -q -C "$work/b" condense --write-drafts || bad "condense --write-drafts with background material"
g="$work/b/condensation/r1-utkast.yaml"
if [ -f "$g" ]; then
  ! grep -q '^  forstaar:' "$g" && grep -q '^  # forstaar: ikke noe utkast' "$g" && ok ||
    bad "a background-only subgroup got a condensate: $(cat "$g")"
else
  ok  # no drafts at all is right too
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
