#!/usr/bin/env bash
# `ipcode import --qdpx FILE -C DIR` end to end (SPEC §12):
# - the four sample projects (tests/data/refi/samples/) each become a study `ipcode check`
#   accepts: the ATLAS.ti ones (no sources) a codebook and no transcripts, NVivo's (.docx
#   sources with empty text) its codebook with both sources listed as skipped, qc_demo all of
#   its 158 coded selections as units (counted here in the YAML, and each quote compared with
#   the selected text taken from the archive by python), and `condense` runs on it;
# - a hand-written project (æøå, CRLF and a BOM in the text, a 4-level code tree, `Sources/`,
#   an odd .qde name, two coders) zipped here: every unit's quote is the one expected;
# - a folder that is not empty is refused (73), hostile or broken archives and bad selections
#   are refused (65) naming the file and what is wrong, and nothing is written.
# Usage: bash tests/e2e/refi_import.sh <path-to-ipcode-binary> <repo-source-dir>
set -u
ipcode=$(realpath "$1") src=$(cd "$2" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export LC_ALL=C.UTF-8
samples=$src/tests/data/refi/samples
cd "$work" || exit 1

import() {  # name, archive: imports into $work/name, output in name.out / name.err
  "$ipcode" -C "$1" import --qdpx "$2" >"$1.out" 2>"$1.err"
}

for name in blank-atlas-project target-atlas-project nvivo_project qc_demo; do
  import "$name" "$samples/$name.qdpx" && ok || bad "$name: import failed: $(cat "$name.err")"
  "$ipcode" -C "$name" check >"$name.check" 2>&1 && ok || bad "$name: check: $(cat "$name.check")"
done

# ATLAS.ti: users and codes only.
grep -q 'themes: \[\]' blank-atlas-project/codebook.yaml && ok || bad "blank: codebook"
grep -q '0 transcripts, 0 meaning units' blank-atlas-project.check && ok || bad "blank: check"
grep -q 'codes → themes: 1, groups: 2, subgroups: 0;' target-atlas-project.out && ok || bad "target: $(cat target-atlas-project.out)"
grep -q -- '- id: 2022-05-10t02-05-59z-19e4dce' target-atlas-project/codebook.yaml && ok ||
  bad "target: ids: $(cat target-atlas-project/codebook.yaml)"

# NVivo: the .txt of both sources is empty: skipped, said so; the deep tree flattened.
grep -q 'sources skipped: 2' nvivo_project.out && ok || bad "nvivo: $(cat nvivo_project.out)"
[ "$(grep -c '(TextSource): its plain text is empty' nvivo_project.out)" = 2 ] && ok || bad "nvivo: reasons"
[ ! -e nvivo_project/transcripts/r1/66653866-6334-3535-3435-366637306566.txt ] && ok || bad "nvivo: empty transcript written"
grep -q "the 25 codes below 'computational_identity' are flattened" nvivo_project.err && ok ||
  bad "nvivo: flattening warning: $(head -3 nvivo_project.err)"
grep -q 'codes → themes: 3, groups: 18, subgroups: 112; deeper codes flattened into their subgroup: 129' nvivo_project.out && ok || bad "nvivo: code counts"

# qc_demo: 158 selections → 158 units, each quote the selected text.
units=$(cat qc_demo/coding/r1/*.yaml | grep -c '^  - lines: ')
[ "$units" = 158 ] && ok || bad "qc_demo: $units units, not 158"
grep -q '2 transcripts, 158 meaning units' qc_demo.check && ok || bad "qc_demo: check: $(tail -2 qc_demo.check)"
grep -q ': error:' qc_demo.check && bad "qc_demo: check errors" || ok
python3 - "$samples/qc_demo.qdpx" qc_demo/coding/r1/board_2017.yaml <<'EOF' && ok || bad "qc_demo: quotes"
import json, re, sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
root = ET.fromstring(z.read('project.qde'))
text = z.read('sources/board_2017.txt').decode('utf-8')
ns = '{urn:QDA-XML:project:1.0}'
selected = [' '.join(text[int(s.get('startPosition')):int(s.get('endPosition'))].split())
            for s in root.iter(ns + 'PlainTextSelection')]
quotes = [json.loads(q) for q in re.findall(r'^    quote: (".*")$', open(sys.argv[2]).read(), re.M)]
# Each quote is a selected text (a speaker label at its start left out); 155 of 158 have one.
missing = [q for q in quotes if not any(q == s or s.endswith(': ' + q) for s in selected)]
if len(quotes) != 155 or missing:
    sys.exit(f'{len(quotes)} quotes; not selected: {missing[:3]}')
EOF
"$ipcode" -q -C qc_demo condense >qc_demo.condense 2>&1 && ok || bad "qc_demo: condense: $(tail -3 qc_demo.condense)"
[ -s qc_demo/out/r1/matrix-informant-subgroup.csv ] && ok || bad "qc_demo: no matrix"

# A project written by hand: the text has a BOM and CRLF, æøå; the tree four levels deep.
mkdir hand
python3 - hand/prosjekt.qdpx <<'EOF'
import sys, zipfile
text = '\ufeffI: Hvordan ble planen laget?\r\nB1: Jeg skrev bare under på alt.\r\nDet var de som skrev den, ikke jeg.\r\nI: Og så?\r\nB1: Så fikk jeg være med på møtene. Æresord!\r\n'
body = text[1:]
def sel(guid, phrase, code, user, nth=0):
    start = body.index(phrase)
    return (f'<PlainTextSelection guid="{guid}" name="{guid}" startPosition="{start}" '
            f'endPosition="{start + len(phrase)}"><Coding guid="k{guid}" creatingUser="{user}">'
            f'<CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>')
s4 = sel('S4', 'Jeg skrev bare under på alt.\r\nDet var de som skrev den', 'C2', 'U2')
qde = f'''<?xml version="1.0" encoding="utf-8"?>
<Project name="Håndskrevet prosjekt" origin="hånd" xmlns="urn:QDA-XML:project:1.0">
<Users><User guid="U1" name="Kari Hansen" id="KH"/><User guid="U2" name="Tor Sæther"/></Users>
<CodeBook><Codes>
 <Code guid="C1" name="Inngåelse" isCodable="false">
  <Code guid="C2" name="Samtykke" color="#1B9E77"><Description>Hva brukeren vet.</Description>
   <Code guid="C3" name="Skriver under"><Code guid="C4" name="Uten å vite"/></Code>
  </Code>
 </Code>
 <Code guid="C5" name="Medvirkning"><Code guid="C6" name="Møter"/></Code>
</Codes></CodeBook>
<Sources><TextSource guid="T1" name="Intervju med Åse.docx" plainTextPath="internal://t1.txt">
{sel('S1', 'Jeg skrev bare under på alt.', 'C4', 'U1')}
{sel('S2', 'Det var de som skrev den, ikke jeg.', 'C3', 'U1')}
{sel('S3', 'Så fikk jeg være med på møtene.', 'C6', 'U1')}
{s4}
{sel('S5', 'Æresord!', 'C5', 'U2')}
</TextSource></Sources>
<Notes><Note guid="N1" name="Memo"/></Notes></Project>'''
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('Mitt Prosjekt.QDE', qde)
    z.writestr('Sources/t1.txt', text.encode('utf-8'))
EOF
import hand/study hand/prosjekt.qdpx && ok || bad "hand: import: $(cat hand/study.err)"
t=hand/study/transcripts/r1/Intervju-med-Ase.txt
[ -f "$t" ] && ok || bad "hand: transcript name: $(ls hand/study/transcripts/r1)"
grep -q $'\r' "$t" && bad "hand: CR left in the transcript" || ok
head -c 3 "$t" | grep -q $'\xef\xbb\xbf' && bad "hand: BOM left" || ok
expect_units() {  # file, expected "lines|quote|codes" lines
  got=$(python3 - "$1" <<'EOF'
import json, re, sys
for m in re.finditer(r'  - lines: (\S+)\n(?:    quote: (".*")\n)?    codes: \[(.*)\]', open(sys.argv[1]).read()):
    print(m.group(1), json.loads(m.group(2)) if m.group(2) else '-', m.group(3), sep='|')
EOF
)
  [ "$got" = "$2" ] && ok || bad "$1: units are:"$'\n'"$got"
}
expect_units hand/study/coding/r1/Intervju-med-Ase-KH.yaml \
'5|Jeg skrev bare under på alt.|skriver-under
6|Det var de som skrev den, ikke jeg.|skriver-under
8|Så fikk jeg være med på møtene.|moter'
expect_units hand/study/coding/r1/Intervju-med-Ase-Tor-Saether.yaml \
'5-6|Jeg skrev bare under på alt. Det var de som skrev den|samtykke
8|Æresord!|medvirkning'
grep -q 'coder: "Tor Sæther"' hand/study/coding/r1/Intervju-med-Ase-Tor-Saether.yaml && ok || bad "hand: coder name"
grep -q "the code below 'Skriver under' is flattened into it.*Uten å vite" hand/study.err && ok || bad "hand: warning: $(cat hand/study.err)"
grep -q 'not carried over: 1 note' hand/study.out && ok || bad "hand: summary: $(cat hand/study.out)"
"$ipcode" -C hand/study check >hand/check 2>&1 && ok || bad "hand: check: $(cat hand/check)"
grep -q '1 transcript, 5 meaning units' hand/check && ok || bad "hand: check counts: $(tail -2 hand/check)"
"$ipcode" -q -C hand/study condense >/dev/null 2>&1 && ok || bad "hand: condense"

# A study folder that is not empty: refused, untouched.
mkdir full && echo keep >full/notes.txt
import full "$samples/qc_demo.qdpx"; [ $? = 73 ] && ok || bad "not-empty folder: exit"
grep -q 'not empty' full.err && ok || bad "not-empty folder: $(cat full.err)"
[ "$(ls full)" = notes.txt ] && ok || bad "not-empty folder changed"
# An empty folder is fine.
mkdir empty && import empty "$samples/target-atlas-project.qdpx" && ok || bad "empty folder: $(cat empty.err)"
import nofile "$work/missing.qdpx"; [ $? = 66 ] && ok || bad "missing input: exit"
"$ipcode" -C other import a.docx --qdpx "$samples/qc_demo.qdpx" >/dev/null 2>&1; [ $? = 2 ] && ok || bad "--qdpx with files: not a usage error"
[ ! -e other ] && ok || bad "--qdpx with files wrote something"
# Units whose text is no quote say so in the coding file (qc_demo has 3).
[ "$(grep -c '# the selected text is not a quote' qc_demo/coding/r1/board_2017.yaml)" = 3 ] && ok || bad "lines-only comment"

# Hostile and broken archives, bad selections: 65, a message naming the file, nothing written.
python3 - <<'EOF'
import zipfile, zlib
project = '<Project name="p" xmlns="urn:QDA-XML:project:1.0"><CodeBook><Codes><Code guid="C" name="k"/></Codes></CodeBook><Sources>{}</Sources></Project>'
def src(start, end, code='C'):
    return (f'<TextSource guid="T" name="B1"><PlainTextContent>Hei på deg.</PlainTextContent>'
            f'<PlainTextSelection guid="S" name="sel" startPosition="{start}" endPosition="{end}">'
            f'<Coding guid="K"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection></TextSource>')
def make(name, entries, method=zipfile.ZIP_STORED):
    with zipfile.ZipFile(name, 'w', method) as z:
        for n, data in entries:
            z.writestr(zipfile.ZipInfo(n), data)
make('escape.qdpx', [('project.qde', project.format('')), ('../../evil.txt', 'x')])
make('doctype.qdpx', [('project.qde', '<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>')])
make('noqde.qdpx', [('sources/a.txt', 'hei')])
make('range.qdpx', [('project.qde', project.format(src(4, 99)))])
make('reversed.qdpx', [('project.qde', project.format(src(7, 4)))])
make('dangling.qdpx', [('project.qde', project.format(src(0, 3, 'NOWHERE')))])
make('cycle.qdpx', [('project.qde', '<Project name="p"><CodeBook><Codes><Code guid="A" name="a"><Code guid="A" name="a"/></Code></Codes></CodeBook></Project>')])
with zipfile.ZipFile('bomb.qdpx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('project.qde', b'<Project name="p"/>' + b' ' * (10 << 20))
data = open('range.qdpx', 'rb').read()
open('truncated.qdpx', 'wb').write(data[: len(data) // 2])
EOF
refused() {  # archive, text the message must hold
  import "h-$1" "$work/$1.qdpx"; code=$?
  [ "$code" = 65 ] && ok || bad "$1: exit $code"
  grep -q "$1.qdpx" "h-$1.err" && grep -q -- "$2" "h-$1.err" && ok || bad "$1: message: $(cat "h-$1.err")"
  [ ! -e "h-$1" ] && ok || bad "$1: something was written"
}
refused escape "climbs out with '..'"
refused doctype 'DOCTYPE'
refused noqde 'no .qde file'
refused range "the selection 'sel' (S) from 4 to 99 goes past the end of the text (11 characters)"
refused reversed 'ends before it starts'
refused dangling 'is coded with NOWHERE, which is no code'
refused cycle 'two codes have the guid A'
refused bomb 'zip bomb'
refused truncated 'not a zip archive'

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
