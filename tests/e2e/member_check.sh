#!/usr/bin/env bash
# condense --member-check (SPEC §10): out/R/member-check/<informant>.md and .docx hold one
# informant's own units and the researcher's condensates, and no other informant's words.
# tests/data/member-check plants a word in every informant's units (B1 tyttebær, B2 multebær,
# B3 krøkebær); B2's word is also in an analysis text, an illustrative quote and a condensate,
# a draft is made of everyone's words, and one of B1's units runs into B3's turn in a focus
# group. A condensate in words both B1 and B2 said reaches both.
set -u
ipcode=$(realpath "$1") src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH= LC_ALL=C.UTF-8
cp -r "$src/tests/data/member-check" "$work/m"
"$ipcode" -q -C "$work/m" condense --member-check 2>/dev/null || bad "condense --member-check"
dir="$work/m/out/r1/member-check"
[ "$(ls "$dir" | tr '\n' ' ')" = "B1.docx B1.md B2.docx B2.md B3.docx B3.md " ] && ok \
  || bad "letters: $(ls "$dir" | tr '\n' ' ')"
# The whole report holds every word, so the words are there to leak.
for w in tyttebær multebær krøkebær; do
  grep -q "$w" "$work/m/out/r1/report.md" && ok || bad "$w not in report.md: the test would prove nothing"
done

declare -A word=([B1]=tyttebær [B2]=multebær [B3]=krøkebær)
for who in B1 B2 B3; do
  # Every XML part of the .docx, unzipped, and the Markdown letter.
  python3 -m zipfile -t "$dir/$who.docx" >/dev/null && ok || bad "$who.docx is not a sound zip"
  python3 "$src/tests/e2e/docx_check.py" "$dir/$who.docx" parts >/dev/null && ok || bad "$who.docx: an XML part does not parse"
  mkdir -p "$work/x/$who" && (cd "$work/x/$who" && unzip -q "$dir/$who.docx")
  xml=$(cat "$work/x/$who"/word/*.xml "$work/x/$who"/docProps/*.xml)
  grep -q "${word[$who]}" "$dir/$who.md" && ok || bad "$who.md lacks $who's own word ${word[$who]}"
  echo "$xml" | grep -q "${word[$who]}" && ok || bad "$who.docx lacks $who's own word"
  for other in B1 B2 B3; do
    [ "$other" = "$who" ] && continue
    ! grep -q "${word[$other]}" "$dir/$who.md" && ok || bad "$who.md holds $other's word ${word[$other]}"
    ! echo "$xml" | grep -q "${word[$other]}" && ok || bad "$who.docx holds $other's word ${word[$other]}"
    ! grep -qw "$other" "$dir/$who.md" && ok || bad "$who.md names $other"
  done
done

b1="$dir/B1.md"
grep -q "^# Har jeg forstått deg riktig?" "$b1" && ok || bad "B1.md: no title: $(cat "$b1")"
grep -q "Har jeg forstått deg riktig" "$b1" && grep -q "Takk for at du var med" "$b1" && ok || bad "B1.md: no intro"
# The researcher's condensate of a subgroup shared with B2, in words both said: as written.
grep -q "^Møtene er lange, og jeg blir trøtt.$" "$b1" && grep -q "ut fra det du og andre fortalte" "$b1" \
  && ok || bad "B1.md: the shared condensate of lange-moter is missing"
# The condensate built partly from B2's words: not for B1, said so; B2 gets it.
grep -q "Det jeg har skrevet om dette, bruker også andre deltakeres ord" "$b1" && ok || bad "B1.md: no note for the condensate left out"
grep -q "^Jeg skrev under på alt, men multebær betyr mer for meg.$" "$dir/B2.md" && ok || bad "B2.md lacks the condensate in B2's own words"
# B1-02 (lines 10-11, page 2) with its place in plain words; B1 is quoted from an interview
# and a focus group, so each place names its conversation.
grep -q "— intervju, side 2, linje 10–11" "$b1" && grep -q "Og å bo for meg selv" "$b1" && ok || bad "B1.md: B1-02 or its place is missing"
grep -q "— fokusgruppe, side 1, linje 8" "$b1" && ok || bad "B1.md: F-01 without its conversation"
grep -q "— side 1, linje 7" "$dir/B2.md" && ok || bad "B2.md: one conversation, no name needed"
# No draft (egne-maal has no condensate), no analysis text, no unit ids.
! grep -q "B2 snakket om" "$b1" && ! grep -qE "B1-0[12]|F-0[1-4]" "$b1" && ok || bad "B1.md holds an analysis text or unit ids"
grep -q "1 del av en samtale der også andre deltakere snakker, er ikke tatt med her." "$b1" && ok \
  || bad "B1.md does not say that F-02 was left out"

# Listed in manifest.json; verify passes and remembers --member-check; the same bytes again,
# and with one thread.
grep -q '"r1/member-check/B1.docx": "' "$work/m/out/manifest.json" && grep -q '"member_check": true' "$work/m/out/manifest.json" \
  && ok || bad "manifest.json does not list the letters"
"$ipcode" -q -C "$work/m" verify 2>/dev/null && ok || bad "verify after --member-check"
before=$(cd "$dir" && sha256sum *)
"$ipcode" -q -C "$work/m" condense --member-check 2>/dev/null || bad "second condense --member-check"
[ "$before" = "$(cd "$dir" && sha256sum *)" ] && ok || bad "the letters differ between two runs"
cp -r "$src/tests/data/member-check" "$work/one"
IPCODE_THREADS=1 "$ipcode" -q -C "$work/one" condense --member-check 2>/dev/null || bad "condense with one thread"
[ "$before" = "$(cd "$work/one/out/r1/member-check" && sha256sum *)" ] && ok || bad "the letters differ with IPCODE_THREADS=1"

# English letters in an English study.
sed -i 's/^language: nb/language: en/' "$work/one/ipcode.yaml"
"$ipcode" -q -C "$work/one" condense --member-check 2>/dev/null || bad "condense --member-check (en)"
grep -q "^# Did I understand you correctly?" "$work/one/out/r1/member-check/B1.md" \
  && grep -q "interview, page 2, lines 10–11" "$work/one/out/r1/member-check/B1.md" && ok || bad "English letter: $(cat "$work/one/out/r1/member-check/B1.md")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
