#!/usr/bin/env bash
# examples/coding-in-word: the README's three commands work on a copy, and the units made from
# the Word file's highlights and comments are counted (issue 10, "Coding in Word").
set -u
ipcode=$(realpath "$1") src=$(cd "$2" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH= LC_ALL=C.UTF-8
cp -r "$src/examples/coding-in-word" "$work/s"; cd "$work/s"
"$ipcode" --lang nb import B3-intervju.docx --round r1 --codings >/dev/null && ok || bad "import"
[ -f transcripts/r1/B3-intervju.txt ] && [ -f coding/r1/B3-intervju.yaml ] && ok || bad "files"
"$ipcode" -q check && ok || bad "check"
"$ipcode" -q condense && ok || bad "condense"
# Four units: two highlights, two comments (the second comment names two codes).
[ "$(tail -n +2 out/r1/units.csv | wc -l)" = 4 ] && ok || bad "units: $(tail -n +2 out/r1/units.csv | wc -l)"
cmp -s "$src/examples/coding-in-word/B3-intervju.docx" B3-intervju.docx && ok || bad "the Word file was changed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
