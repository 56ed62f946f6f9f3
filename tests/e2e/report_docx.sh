#!/usr/bin/env bash
# condense --format docx (SPEC §10): out/R/report.docx is a real Word document of the round
# report — Heading1..3 in order, the sample table and the informant × theme matrix as Word
# tables (the matrix's counts as in matrix-informant-theme.csv), quotes as indented Quote
# paragraphs, norms as shaded side paragraphs, no unit ids in --stage final — listed in
# manifest.json so that verify passes, and the same bytes on every run and thread count.
set -u
ipcode=$(realpath "$1") src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH= LC_ALL=C.UTF-8
check() { python3 "$src/tests/e2e/docx_check.py" "$@"; }

cp -r "$src/examples/individuell-plan" "$work/ex"; rm -rf "$work/ex/out"
"$ipcode" -q -C "$work/ex" condense --format docx --stage final || bad "condense --format docx --stage final"
f="$work/ex/out/r1/report.docx"
for r in r1 r2 r3; do
  python3 -m zipfile -t "$work/ex/out/$r/report.docx" >/dev/null && ok || bad "$r/report.docx is not a sound zip"
  check "$work/ex/out/$r/report.docx" parts >/dev/null && ok || bad "$r/report.docx: an XML part does not parse"
done
parts=$(check "$f" parts)
for p in '[Content_Types].xml' _rels/.rels word/document.xml word/styles.xml docProps/core.xml; do
  echo "$parts" | grep -qxF "$p" && ok || bad "no $p in report.docx: $parts"
done

# Headings: Heading1, then Heading2, then Heading3, in that order of first appearance; styles.xml
# names them as Word's built-in headings (shown as "Overskrift 1-3" in a Norwegian Word).
styles=$(check "$f" styles)
first() { echo "$styles" | grep -nx "$1" | head -1 | cut -d: -f1; }
h1=$(first Heading1) h2=$(first Heading2) h3=$(first Heading3)
[ -n "$h1" ] && [ -n "$h2" ] && [ -n "$h3" ] && [ "$h1" -lt "$h2" ] && [ "$h2" -lt "$h3" ] && ok \
  || bad "headings not Heading1 < Heading2 < Heading3: $h1 $h2 $h3"
unzip -p "$f" word/styles.xml > "$work/styles.xml"
for n in 1 2 3; do
  grep -q "w:styleId=\"Heading$n\"><w:name w:val=\"heading $n\"/>" "$work/styles.xml" && ok || bad "style Heading$n is not Word's heading $n"
done
# The first heading is the report's title, as in report.md.
title=$(grep -m1 '^# ' "$work/ex/out/r1/report.md" | sed 's/^# //')
[ "$(check "$f" text | sed -n "${h1}p")" = "$title" ] && ok || bad "first Heading1 is not the title '$title'"

# Quotes: indented Quote paragraphs; the Quote style indents both sides.
echo "$styles" | grep -qx Quote && ok || bad "no Quote paragraph"
check "$f" style-attr Quote ind | grep -q "left=720 right=720" && ok || bad "Quote is not indented: $(check "$f" style-attr Quote ind)"
# Norms: shaded side paragraphs.
echo "$styles" | grep -qx Side && ok || bad "no Side paragraph for the norms"
check "$f" style-attr Side shd | grep -q "fill=" && ok || bad "the Side style is not shaded"

# Tables: the sample table (a row per informant of the round) and the heat map's matrix, whose
# counts are those of matrix-informant-theme.csv, row by row.
check "$f" tables > "$work/tables"
[ "$(grep -c '^$' "$work/tables")" -ge 2 ] && ok || bad "fewer than two tables: $(cat "$work/tables")"
csv="$work/ex/out/r1/matrix-informant-theme.csv"
want=$(tail -n +2 "$csv" | cut -d, -f2- | tr ',' '\t')
got=$(python3 - "$work/tables" "$(head -1 "$csv" | tr ',' '\n' | wc -l)" <<'PY'
import re, sys
tables = open(sys.argv[1], encoding="utf-8").read().strip("\n").split("\n\n")
for t in tables:
    rows = [r.split("\t") for r in t.split("\n")]
    if len(rows[0]) == int(sys.argv[2]) and all(re.fullmatch(r"[0-9]+", c) for r in rows[1:] for c in r[1:]):
        print("\n".join("\t".join(r[1:]) for r in rows[1:]))
        break
PY
)
[ -n "$want" ] && [ "$got" = "$want" ] && ok || bad "no table with the matrix counts; want
$want
got
$got"

# --stage final: no unit id anywhere in the document.
check "$f" text > "$work/text"
leaks=$(tail -n +2 "$work/ex/out/r1/units.csv" | cut -d, -f1 | sort -u | while read -r id; do
  grep -qw -- "$id" "$work/text" && echo "$id"; done)
[ -z "$leaks" ] && ok || bad "unit ids in the final report.docx: $leaks"
grep -q "dcterms:created" <(unzip -p "$f" docProps/core.xml) && bad "a date in core.xml without SOURCE_DATE_EPOCH" || ok

# Listed in manifest.json with its hash; verify passes and remembers --format docx.
sum=$(sha256sum "$f" | cut -d' ' -f1)
grep -q "\"r1/report.docx\": \"$sum\"" "$work/ex/out/manifest.json" && ok || bad "manifest.json does not list r1/report.docx with its hash"
"$ipcode" -q -C "$work/ex" verify && ok || bad "verify after condense --format docx"

# Deterministic: a second run, and one thread, give the same bytes.
before=$(cd "$work/ex/out" && sha256sum */report.docx)
"$ipcode" -q -C "$work/ex" condense --format docx --stage final || bad "second condense"
[ "$before" = "$(cd "$work/ex/out" && sha256sum */report.docx)" ] && ok || bad "report.docx differs between two runs"
cp -r "$src/examples/individuell-plan" "$work/one"; rm -rf "$work/one/out"
IPCODE_THREADS=1 "$ipcode" -q -C "$work/one" condense --format docx --stage final || bad "condense with one thread"
[ "$before" = "$(cd "$work/one/out" && sha256sum */report.docx)" ] && ok || bad "report.docx differs with IPCODE_THREADS=1"
# SOURCE_DATE_EPOCH gives the document a date (and only then).
SOURCE_DATE_EPOCH=1735689600 "$ipcode" -q -C "$work/one" condense --format docx || bad "condense with a date"
unzip -p "$work/one/out/r1/report.docx" docProps/core.xml | grep -q "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-01-01T00:00:00Z</dcterms:created>" \
  && ok || bad "no date from SOURCE_DATE_EPOCH in core.xml"

# --stage working: the unit ids and the traceability appendix are there (the check above can fail).
"$ipcode" -q -C "$work/ex" condense --format docx || bad "condense --format docx (working)"
check "$f" text > "$work/text"
id=$(sed -n 2p "$work/ex/out/r1/units.csv" | cut -d, -f1)
grep -qw -- "$id" "$work/text" && ok || bad "the working report.docx lacks unit id $id"
check "$f" styles | grep -qx Excerpt && ok || bad "the working report.docx has no appendix excerpts"
# Without --format docx there is no report.docx, and verify says nothing is missing.
"$ipcode" -q -C "$work/ex" condense || bad "condense without docx"
[ ! -e "$f" ] && ok || bad "report.docx left over from the run before"
"$ipcode" -q -C "$work/ex" verify && ok || bad "verify after condense without docx"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
