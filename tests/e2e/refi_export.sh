#!/usr/bin/env bash
# ipcode export (SPEC §12): the worked example and tests/data/condense-two-rounds exported as
# .qdpx and .qdc; every file validates against the REFI-QDA schemas (xmllint); two exports are
# byte-identical; and an independent computation (Python, from the study's own files) checks
# that every PlainTextSelection's [start, end) in code points of its source text is the unit's
# text: the quote's words in order (gaps allowed), or the spoken words of its lines.
set -u
ipcode=$(realpath "$1") src=$(cd "$2" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH= LC_ALL=C.UTF-8
project_xsd=$src/tests/data/refi/Project.xsd
codebook_xsd=$src/tests/data/refi/Codebook.xsd

# Unzips a .qdpx into a folder and validates its project.qde and names.
check_qdpx() {  # FILE DIR
  rm -rf "$2" && mkdir -p "$2"
  python3 -m zipfile -e "$1" "$2" || { bad "$1 is not a zip"; return; }
  xmllint --noout --schema "$project_xsd" "$2/project.qde" 2>"$work/xmllint.err" && ok \
    || bad "$1: project.qde does not validate: $(head -5 "$work/xmllint.err")"
  # project.qde first, then only sources/<guid>.txt; every entry dated 1980-01-01 00:00.
  python3 - "$1" <<'EOF' && ok || bad "$1: entries out of order or dated"
import re, sys, zipfile
infos = zipfile.ZipFile(sys.argv[1]).infolist()
assert infos[0].filename == "project.qde", infos[0].filename
assert all(re.fullmatch(r"sources/[0-9a-f-]{36}\.txt", i.filename) for i in infos[1:]), [i.filename for i in infos]
assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos), [i.date_time for i in infos]
EOF
}

check_selections() {  # STUDY DIR [ROUND]
  python3 - "$1" "$2" "${3:-}" <<'EOF' || bad "selections of $2 do not match the units (see above)"
import glob, os, re, sys, unicodedata
import xml.etree.ElementTree as ET
import yaml

study, folder, only = sys.argv[1], sys.argv[2], sys.argv[3]
ns = {"q": "urn:QDA-XML:project:1.0"}
manifest = yaml.safe_load(open(os.path.join(study, "ipcode.yaml"), encoding="utf-8"))
rounds = manifest.get("rounds") or [{"id": "r1", "transcripts": "transcripts/**", "coding": "coding/**"}]
if only:
    rounds = [r for r in rounds if r["id"] == only]

def globs(v):
    return v if isinstance(v, list) else [v]

def read_text(path):
    b = open(path, "rb").read()
    try:
        t = b.decode("utf-8")
    except UnicodeDecodeError:
        t = b.decode("cp1252")  # as ipcode reads a file that is not UTF-8 (SPEC §3)
    if t.startswith("\ufeff"):
        t = t[1:]
    return unicodedata.normalize("NFC", t.replace("\r\n", "\n").replace("\r", "\n"))

# The study's own units, by (round, unit id), and its transcripts' text by (round, id).
units, texts, speakers = {}, {}, {}
for r in rounds:
    for g in globs(r["transcripts"]):
        for p in sorted(glob.glob(os.path.join(study, g), recursive=True)):
            if not os.path.isfile(p):
                continue
            t = read_text(p)
            m = re.match(r"---\n(.*?)\n---\n", t, re.S)
            front = yaml.safe_load(m.group(1)) if m else {}
            tid = (front or {}).get("id") or r["id"] + "-" + os.path.splitext(os.path.basename(p))[0]
            texts[(r["id"], tid)] = t
            speakers[(r["id"], tid)] = (front or {}).get("speakers")
    for g in globs(r["coding"]):
        for p in sorted(glob.glob(os.path.join(study, g), recursive=True)):
            if not p.endswith(".yaml"):
                continue
            c = yaml.safe_load(open(p, encoding="utf-8"))
            for u in c.get("units") or []:
                if "id" in u:
                    units[(r["id"], u["id"])] = u

BACK = {"ja", "mm", "mhm", "hm", "ok", "jaha", "nettopp", "ja vel"}
LABEL = re.compile(r"^[A-ZÆØÅ][A-Za-zÆØÅæøå0-9-]{0,23}: ")
MARK = re.compile(r"^\s*(\[(side|s\.|page|p\.) \d+\]|\f)\s*$")

def spoken(lines, labels):
    out = []
    for line in lines:
        if MARK.match(line):
            continue
        m = LABEL.match(line)
        if m and (labels is None or m.group(0)[:-2] in labels):
            rest = line[m.end():]
            if m.group(0)[:-2] in ("I", "Intervjuer", "Forsker", "F") and \
               rest.strip(" .,!").lower() in BACK:
                continue  # a back-channel a quote may run across (SPEC §5)
            line = rest
        out.append(line)
    return " ".join(out)

def norm(s):
    s = unicodedata.normalize("NFC", s)
    s = s.replace("…", "...").replace("–", "-").replace("—", "-")
    for a, b in (("“", '"'), ("”", '"'), ("«", '"'), ("»", '"'), ("’", "'"), ("‘", "'")):
        s = s.replace(a, b)
    return " ".join(s.split()).casefold()

def words(s):
    return re.findall(r"\w+", s)

project = ET.parse(os.path.join(folder, "project.qde")).getroot()
checked = skipped = 0
for src in project.iterfind(".//q:Sources/q:TextSource", ns):
    guid = src.get("guid")
    assert src.get("plainTextPath") == "internal://" + guid + ".txt", src.get("plainTextPath")
    body = open(os.path.join(folder, "sources", guid + ".txt"), "rb").read()
    assert not body.startswith(b"\xef\xbb\xbf"), "a BOM in " + guid
    text = body.decode("utf-8")
    rid = next(k[0] for k in texts if k[1] == src.get("name"))
    assert text == texts[(rid, src.get("name"))], "source text of %s differs from the transcript" % src.get("name")
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]  # code point offsets
    for sel in src.iterfind("q:PlainTextSelection", ns):
        a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
        assert 0 <= a < b <= len(text), (sel.get("name"), a, b)
        got = text[a:b]
        u = units.get((rid, sel.get("name")))
        if u is None:
            skipped += 1
            continue
        # The selection's first and last line, 1-based, counted in the exported text.
        first = max(i for i, s in enumerate(starts) if s <= a) + 1
        last = max(i for i, s in enumerate(starts) if s < b) + 1
        if "lines" in u:
            lo, _, hi = str(u["lines"]).partition("-")
            lo, hi = int(lo), int(hi or lo)
            assert lo <= first and last <= hi, "%s: lines %d-%d, selection on %d-%d" % (sel.get("name"), lo, hi, first, last)
        seen = norm(spoken(got.split("\n"), speakers[(rid, src.get("name"))]))
        if "quote" in u:
            q = re.sub(r"\[(?!\.\.\.\]|…\])[^\]]*\]", " ", str(u["quote"]))  # clarifications out
            pieces = [norm(p) for p in re.split(r"\(\.\.\.\)|\(…\)|\[\.\.\.\]|\[…\]", q)]
            pieces = [p for p in pieces if words(p)]
            w = words(seen)
            assert w[:len(words(pieces[0]))] == words(pieces[0])[:len(w)], "%s starts with %r, not %r" % (sel.get("name"), seen[:40], pieces[0][:40])
            assert w[-len(words(pieces[-1])):] == words(pieces[-1]), "%s ends with %r, not %r" % (sel.get("name"), seen[-40:], pieces[-1][-40:])
            at = 0
            for p in pieces:
                k = seen.find(p.strip(" .,;:!?\"'"), at)
                assert k >= 0, "%s: %r not in %r" % (sel.get("name"), p, seen)
                at = k + len(p.strip(" .,;:!?\"'"))
        else:
            lo, _, hi = str(u["lines"]).partition("-")
            whole = norm(spoken(text.split("\n")[int(lo) - 1:int(hi or lo)], speakers[(rid, src.get("name"))]))
            assert words(seen) == words(whole), "%s: %r is not the text of its lines %r" % (sel.get("name"), seen, whole)
        checked += 1
assert checked > 0, "no selection checked"
print("selections checked: %d, without a written id: %d" % (checked, skipped))
EOF
  ok
}

# --- the worked example ------------------------------------------------------------------
"$ipcode" init "$work/ex" --example >/dev/null 2>&1 || bad "init --example"
"$ipcode" -q -C "$work/ex" export --qdpx "$work/a.qdpx" --qdc "$work/a.qdc" || bad "export the example"
"$ipcode" -q -C "$work/ex" export --qdpx "$work/b.qdpx" --qdc "$work/b.qdc" || bad "export the example again"
cmp -s "$work/a.qdpx" "$work/b.qdpx" && ok || bad "two .qdpx exports differ"
cmp -s "$work/a.qdc" "$work/b.qdc" && ok || bad "two .qdc exports differ"
xmllint --noout --schema "$codebook_xsd" "$work/a.qdc" 2>"$work/xmllint.err" && ok \
  || bad "a.qdc does not validate: $(head -5 "$work/xmllint.err")"
! grep -q "<Sets" "$work/a.qdc" && ok || bad "the .qdc has Sets"
check_qdpx "$work/a.qdpx" "$work/a"
check_selections "$work/ex" "$work/a"
qde=$work/a/project.qde
# Every round a Set; both coders are users, and a unit both coded carries both codings.
[ "$(grep -c '<Set ' "$qde")" = 3 ] && ok || bad "not three Sets: $(grep -c '<Set ' "$qde")"
for coder in KH TS; do
  grep -q "<User guid=\"[^\"]*\" name=\"$coder\"/>" "$qde" && ok || bad "no user $coder"
done
python3 - "$qde" <<'EOF' && ok || bad "a unit coded by both coders does not carry both"
import sys, xml.etree.ElementTree as ET
ns = {"q": "urn:QDA-XML:project:1.0"}
root = ET.parse(sys.argv[1]).getroot()
users = {u.get("name"): u.get("guid") for u in root.iterfind(".//q:User", ns)}
both = [s for s in root.iterfind(".//q:PlainTextSelection", ns)
        if {c.get("creatingUser") for c in s.iterfind("q:Coding", ns)} >= {users["KH"], users["TS"]}]
assert both, "no selection with codings of both KH and TS"
# Every CodeRef, NoteRef, SourceRef, SelectionRef and VariableRef names an element that exists.
guids = {e.get("guid") for e in root.iter() if e.get("guid")}
for e in root.iter():
    t = e.get("targetGUID")
    assert t is None or t in guids, "dangling reference %s in %s" % (t, e.tag)
notes = [n.get("name") for n in root.iterfind(".//q:Note", ns)]
assert any(n.startswith("Kondensat") for n in notes), notes[:5]
assert any(n.startswith("Analyse") for n in notes), notes[:5]
assert "Prosjektlogg" in notes, notes[-3:]
assert any(n.startswith("Inklusjonskriterium") for n in notes), notes[:5]
assert root.find("q:NoteRef", ns) is not None, "the log is not the project's note"
cases = root.findall(".//q:Case", ns)
assert len(cases) >= 11 and all(c.find("q:VariableValue", ns) is not None for c in cases[:11])
EOF

# --- two rounds with their own codebooks; --round ------------------------------------------
cp -r "$src/tests/data/condense-two-rounds" "$work/two" && rm -rf "$work/two/out"
"$ipcode" -q -C "$work/two" export --qdpx "$work/two.qdpx" || bad "export two rounds"
check_qdpx "$work/two.qdpx" "$work/t"
check_selections "$work/two" "$work/t"
"$ipcode" -q -C "$work/two" export --qdpx "$work/r1.qdpx" --qdc "$work/r1.qdc" --round r1 || bad "export --round r1"
check_qdpx "$work/r1.qdpx" "$work/t1"
check_selections "$work/two" "$work/t1" r1
xmllint --noout --schema "$codebook_xsd" "$work/r1.qdc" 2>/dev/null && ok || bad "r1.qdc does not validate"
# --qdc --round r1 is r1's codebook ("Stadig nye hjelpere" only there); the whole study's
# project joins both codebooks, r2's label winning for a node in both.
grep -q 'name="Stadig nye hjelpere"' "$work/r1.qdc" && ! grep -q 'Vet ikke hva' "$work/r1.qdc" && ok \
  || bad "r1.qdc is not the codebook of r1"
grep -q 'name="Stadig nye hjelpere"' "$work/t/project.qde" && grep -q 'name="Vet ikke hva møtet skal handle om"' "$work/t/project.qde" \
  && grep -q 'name="Brosjyre og skriftlig informasjon"' "$work/t/project.qde" && ! grep -q 'name="Skriftlig informasjon"' "$work/t/project.qde" \
  && ok || bad "the two rounds' codebooks are not joined with r2's labels"
[ "$(grep -c '<Set ' "$work/t1/project.qde")" = 1 ] && [ "$(grep -c '<TextSource ' "$work/t1/project.qde")" = 3 ] && ok \
  || bad "--round r1: not one Set and three sources"
# A node in both rounds keeps its GUID; the sources of r1 are the same in both exports.
g_all=$(grep -o '<TextSource guid="[^"]*" name="r1-B1"' "$work/t/project.qde")
g_r1=$(grep -o '<TextSource guid="[^"]*" name="r1-B1"' "$work/t1/project.qde")
[ -n "$g_all" ] && [ "$g_all" = "$g_r1" ] && ok || bad "r1-B1's GUID changes with --round"
for f in "$work"/t1/sources/*.txt; do
  cmp -s "$f" "$work/t/sources/$(basename "$f")" && ok || bad "$(basename "$f") differs with --round"
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
