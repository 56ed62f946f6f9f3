#!/usr/bin/env bash
# `ipcode anon --apply --to DIR` (SPEC §9): the pseudonymised copy passes `ipcode check`, holds
# none of the planted identifiers (tests/data/anon/answers.tsv) and never the map, the study is
# not changed, and `condense --stage final` refuses the original but runs on the copy.
set -u
ipcode=$(realpath "$1") src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export LC_ALL=C.UTF-8
cp -r "$src/tests/data/anon/corpus" "$work/s"
# The map inside the study (a researcher's mistake): it must still never be copied.
printf 'Ingrid: Randi\nkommunen: Bygda\nNAV: "[etat]"\n' > "$work/s/navneliste.yaml"
tree_sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(tree_sum "$work/s")

"$ipcode" -C "$work/s" anon --map "$work/s/navneliste.yaml" --apply --to "$work/copy" > "$work/out" 2>&1 \
  && ok || bad "anon --apply failed: $(cat "$work/out")"
[ "$before" = "$(tree_sum "$work/s")" ] && ok || bad "the study was changed"
[ ! -e "$work/copy/navneliste.yaml" ] && ok || bad "the map was copied"

# The copy is a valid study, and has nothing left for anon to flag.
"$ipcode" -C "$work/copy" check > "$work/check" 2>&1 && ok || bad "check on the copy: $(cat "$work/check")"
grep -q "possible" "$work/check" && bad "check on the copy still warns: $(grep possible "$work/check")" || ok
"$ipcode" -q -C "$work/copy" anon > "$work/anon" 2>&1 && ok || bad "anon on the copy finds: $(cat "$work/anon")"

# No planted identifier anywhere in the copy, and no real text of the map.
while IFS=$'\t' read -r file line col category text; do
  case $file in '#'*|'') continue ;; esac
  grep -rqwF -- "$text" "$work/copy" && bad "'$text' ($category, $file:$line) is in the copy" || ok
done < "$src/tests/data/anon/answers.tsv"
for real in Ingrid kommunen; do
  grep -rqw -- "$real" "$work/copy" && bad "map entry '$real' is in the copy" || ok
done
grep -q "Randi" "$work/copy/transcripts/r1/B1.txt" && ok || bad "the map's pseudonym was not used"
# The map's pseudonyms are names too: the copy's manifest allows them.
grep -q "allow: \[Lund, Randi, Bygda\]" "$work/copy/ipcode.yaml" && ok \
  || bad "the copy's allow list: $(grep allow "$work/copy/ipcode.yaml")"
# The map's pseudonym "[etat]" is a clarification in a quote: there it becomes a gap.
grep -q "\[etat\]" "$work/copy/transcripts/r1/B1.txt" && ok || bad "NAV was not replaced by [etat]"

# Negatives are left as written.
# ("Kari var snill" is not kept: Kari is a name elsewhere, so it is replaced everywhere.)
for kept in "Storgata til" "kr 12345678" "12345678901" "12.05.2021" "Per dag" "Hans mor" \
  "Dag og natt" "Else fikk" "Lund"; do
  grep -rqF -- "$kept" "$work/copy/transcripts" && ok || bad "'$kept' was changed"
done

# condense --stage final: refused on the original (exit 1, nothing written), runs on the copy.
"$ipcode" -C "$work/s" condense --stage final > "$work/final" 2>&1
[ $? -eq 1 ] && ok || bad "condense --stage final on the original must exit 1: $(cat "$work/final")"
[ ! -e "$work/s/out" ] && ok || bad "condense --stage final wrote out/ although it refused"
"$ipcode" -q -C "$work/copy" condense --stage final && ok || bad "condense --stage final on the copy"
grep -rqF "Kari" "$work/copy/out" && bad "a name is in the copy's report" || ok

# A second --apply to the same (now full) folder is refused, and nothing in it changes.
copy_sum=$(tree_sum "$work/copy")
"$ipcode" -C "$work/s" anon --apply --to "$work/copy" > /dev/null 2>&1
[ $? -eq 2 ] && ok || bad "--apply to a non-empty folder must exit 2"
[ "$copy_sum" = "$(tree_sum "$work/copy")" ] && ok || bad "the existing folder was changed"
# An empty folder that exists is filled.
mkdir "$work/empty"
"$ipcode" -q -C "$work/s" anon --apply --to "$work/empty" && [ -f "$work/empty/ipcode.yaml" ] && ok \
  || bad "--apply to an existing empty folder"

# A file that is not text is left out with a warning, never copied.
printf 'PK\003\004binary' > "$work/s/notater.docx"
"$ipcode" -C "$work/s" anon --apply --to "$work/copy2" > /dev/null 2> "$work/err"
[ ! -e "$work/copy2/notater.docx" ] && grep -q "notater.docx: warning: not copied" "$work/err" && ok \
  || bad "a .docx was copied or not named: $(cat "$work/err")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
