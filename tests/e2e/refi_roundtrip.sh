#!/usr/bin/env bash
# REFI-QDA both ways (SPEC §12, issue 11): export → import → export gives the same codings
# (each coding's selected text, code name and coder, compared in Python from the two archives)
# and the same source texts; one more import and export gives the same bytes (a fixpoint).
# On the worked example (two coders, three rounds) and tests/data/condense-two-rounds.
set -u
ipcode=$(realpath "$1") src=$(cd "$2" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"

cat > "$work/codings.py" <<'PY'
# Prints what two .qdpx archives hold that the other does not: codings as (selected text,
# code name, coder), and the source texts.
import sys, zipfile, xml.etree.ElementTree as ET
NS = '{urn:QDA-XML:project:1.0}'
def read(path):
    z = zipfile.ZipFile(path)
    root = ET.fromstring(z.read([n for n in z.namelist() if n.lower().endswith('.qde')][0]))
    names = {}
    def walk(c):
        names[c.get('guid')] = c.get('name')
        for ch in c.findall(NS + 'Code'):
            walk(ch)
    for codes in root.iter(NS + 'Codes'):
        for c in codes.findall(NS + 'Code'):
            walk(c)
    users = {u.get('guid'): u.get('name') for u in root.iter(NS + 'User')}
    codings, texts = [], []
    for s in root.iter(NS + 'TextSource'):
        text = z.read(s.get('plainTextPath').replace('internal://', 'sources/')).decode('utf-8')
        texts.append(text)
        for sel in s.findall(NS + 'PlainTextSelection'):
            b, e = int(sel.get('startPosition')), int(sel.get('endPosition'))
            for c in sel.findall(NS + 'Coding'):
                codings.append((text[b:e], names[c.find(NS + 'CodeRef').get('targetGUID')],
                                users.get(c.get('creatingUser'))))
    return sorted(codings), sorted(texts)
(ca, ta), (cb, tb) = read(sys.argv[1]), read(sys.argv[2])
print(len(ca), len(cb), len(set(ca) ^ set(cb)), len(ta), len(tb), sum(x != y for x, y in zip(ta, tb)))
PY

for study in examples/individuell-plan tests/data/condense-two-rounds; do
  name=$(basename "$study")
  cp -r "$src/$study" "$work/a"; rm -rf "$work/a/out"
  "$ipcode" -q -C "$work/a" export --qdpx "$work/a.qdpx" || bad "$name: export"
  "$ipcode" -q import --qdpx "$work/a.qdpx" -C "$work/b" 2>/dev/null || bad "$name: import of the export"
  "$ipcode" -q -C "$work/b" check 2>/dev/null && ok || bad "$name: the imported study does not pass check"
  "$ipcode" -q -C "$work/b" export --qdpx "$work/b.qdpx" || bad "$name: export of the imported study"
  read -r na nb differ sa sb texts_differ < <(python3 "$work/codings.py" "$work/a.qdpx" "$work/b.qdpx")
  [ "$na" -gt 0 ] && [ "$na" = "$nb" ] && [ "$differ" = 0 ] && ok \
    || bad "$name: the codings differ after export → import → export ($na and $nb, $differ not shared)"
  [ "$sa" -gt 0 ] && [ "$sa" = "$sb" ] && [ "$texts_differ" = 0 ] && ok \
    || bad "$name: the source texts differ ($sa and $sb sources, $texts_differ differ)"
  # The units as check counts them: the same number in both studies.
  ua=$("$ipcode" -C "$work/a" check 2>&1 | grep -o '[0-9]* meaning units' | awk '{s+=$1} END {print s}')
  ub=$("$ipcode" -C "$work/b" check 2>&1 | grep -o '[0-9]* meaning units')
  [ "$ua meaning units" = "$ub" ] && ok || bad "$name: $ua units before, $ub after"
  "$ipcode" -q import --qdpx "$work/b.qdpx" -C "$work/c" 2>/dev/null && "$ipcode" -q -C "$work/c" export --qdpx "$work/c.qdpx" \
    && cmp -s "$work/b.qdpx" "$work/c.qdpx" && ok || bad "$name: a second round trip changes the archive"
  rm -rf "$work/a" "$work/b" "$work/c" "$work"/*.qdpx
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
