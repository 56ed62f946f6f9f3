#!/usr/bin/env bash
# `ipcode import --codings` end to end: a Word transcript made by LibreOffice (B3, comments and
# highlights saved as shading) and one in Word's own shape (B4, w:highlight) become transcripts
# and coding files that `ipcode check` accepts as they are, and `ipcode condense` counts them
# into the matrices worked out by hand from the fixtures (tests/data/import/README.md):
#   B3: yellow l.5 underskrift; comment l.7 underskrift; green l.10-11 egne-maal;
#       comment l.14 forstaar + egne-maal
#   B4: yellow l.5 underskrift; comment l.7 underskrift; comment l.10-11 forstaar + egne-maal;
#       green + shading 00FF00 l.13 egne-maal (one unit)
# The .odt of B3 gives the same coding file as its .docx. A second import is refused (73) and
# leaves the files as they were; a comment naming an unknown code writes nothing (65).
# Usage: bash tests/e2e/import_codings.sh <path-to-ipcode-binary> <repo-source-dir>
set -u
ipcode=$(realpath "$1") src=$(cd "$2" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export LC_ALL=C.UTF-8
data=$src/tests/data/import
cp -r "$src/tests/data/import-study" "$work/s"
s=$work/s

"$ipcode" -C "$s" import "$data/B3-intervju.docx" "$data/B4-word.docx" --round r1 --codings \
  >"$work/out" 2>"$work/err" && ok || bad "import failed: $(cat "$work/err")"
grep -q '4 units → coding/r1/B3-intervju.yaml' "$work/out" && ok || bad "report line: $(cat "$work/out")"
"$ipcode" -C "$s" check >"$work/check" 2>&1 && ok || bad "check refused the imported units: $(cat "$work/check")"
grep -q ': error:' "$work/check" && bad "check reports errors: $(cat "$work/check")" || ok
grep -q '2 transcripts, 8 meaning units' "$work/check" && ok || bad "check counts: $(cat "$work/check")"

"$ipcode" -q -C "$s" condense && ok || bad "condense failed"
expect() {  # file, expected content
  [ "$(cat "$s/out/r1/$1")" = "$2" ] && ok || bad "$1 is: $(cat "$s/out/r1/$1")"
}
expect matrix-informant-subgroup.csv $'informant,underskrift,forstaar,egne-maal\nB3,2,1,2\nB4,2,1,2'
expect matrix-informant-group.csv $'informant,samtykke,maal\nB3,3,2\nB4,3,2'
expect matrix-informant-theme.csv $'informant,inngaaelse,medvirkning\nB3,3,2\nB4,3,2'

# The .odt of the same document: the same coding file but for its source line.
mkdir -p "$work/o" && cp -r "$src/tests/data/import-study/." "$work/o/"
"$ipcode" -q -C "$work/o" import "$data/B3-intervju.odt" --codings && ok || bad "odt import failed"
diff <(tail -n +2 "$s/coding/r1/B3-intervju.yaml") <(tail -n +2 "$work/o/coding/r1/B3-intervju.yaml") \
  && ok || bad "the .odt gives other units than the .docx"

# A second import without --force: refused, nothing changed.
before=$(cd "$s" && find transcripts coding -type f | sort | xargs sha256sum)
"$ipcode" -q -C "$s" import "$data/B3-intervju.docx" --codings 2>/dev/null
[ $? = 73 ] && ok || bad "a second import must exit 73"
[ "$before" = "$(cd "$s" && find transcripts coding -type f | sort | xargs sha256sum)" ] && ok || bad "files changed"

# An unknown code in a comment: exit 65, nothing written (not even the transcript).
mkdir -p "$work/u" && cp -r "$src/tests/data/import-study/." "$work/u/"
sed -i 's/id: forstaar/id: forstar/' "$work/u/codebook.yaml"
"$ipcode" -C "$work/u" import "$data/B4-word.docx" --codings >/dev/null 2>"$work/err"
[ $? = 65 ] && ok || bad "an unknown code must exit 65"
grep -q "names 'forstaar'.*did you mean 'forstar'" "$work/err" && ok || bad "message: $(cat "$work/err")"
[ ! -e "$work/u/transcripts" ] && [ ! -e "$work/u/coding" ] && ok || bad "something was written"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
