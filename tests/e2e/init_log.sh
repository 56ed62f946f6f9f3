#!/usr/bin/env bash
# `ipcode init` (skeleton and --example) and `ipcode log`, as a new user would use them.
set -u
ipcode=$(realpath "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
export LC_ALL=C.UTF-8 LANG=C.UTF-8 SOURCE_DATE_EPOCH=
. "$(dirname "$0")/lib.bash"

# A fresh skeleton passes check with no errors, in both languages.
for lang in en nb nn; do
  "$ipcode" --lang $lang init "studie-$lang" >/dev/null || bad "init ($lang) failed"
  [ -f "studie-$lang/ipcode.yaml" ] && [ -f "studie-$lang/codebook.yaml" ] && [ -f "studie-$lang/README.md" ] \
    && [ -d "studie-$lang/transcripts/r1" ] && [ -d "studie-$lang/coding/r1" ] && ok || bad "skeleton ($lang) incomplete"
  grep -q "^language: $lang" "studie-$lang/ipcode.yaml" && ok || bad "skeleton ($lang) has the wrong language"
  "$ipcode" -C "studie-$lang" check >"$work/out" 2>"$work/err" && ok || { bad "check on fresh skeleton ($lang)"; cat "$work/err"; }
  grep -q "0 errors\|0 feil" "$work/err" && ok || bad "check summary ($lang): $(tail -1 "$work/err")"
done
grep -q "Hva du gjør nå\|Neste steg\|Slik går du videre\|Dette gjør du nå" studie-nb/README.md && ok || bad "nb skeleton README is not in Norwegian"

# init never overwrites: exit non-zero and nothing touched.
echo "min tekst" > studie-en/notes.txt
before=$(find studie-en -type f -exec sha256sum {} + | sort)
"$ipcode" init studie-en >/dev/null 2>"$work/err"; code=$?
[ $code -eq 73 ] && ok || bad "init on an existing study exited $code, expected 73"
after=$(find studie-en -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] && ok || bad "init touched an existing study"

# --example copies the worked example, which checks and condenses cleanly.
"$ipcode" init eksempel --example >/dev/null || bad "init --example failed"
"$ipcode" -C eksempel check >/dev/null 2>"$work/err" && ok || { bad "check on the example"; cat "$work/err"; }
"$ipcode" -q -C eksempel condense && [ -f eksempel/out/r1/report.html ] && ok || bad "condense on the example"
"$ipcode" -q -C eksempel verify && ok || bad "verify right after condense"

# init . in an empty folder that is the current one (the folder itself is never renamed).
mkdir tom && (cd tom && "$ipcode" init --example . >/dev/null 2>"$work/err") && [ -f tom/ipcode.yaml ] &&
  [ -z "$(find tom -name '.ipcode-init*')" ] && ok || { bad "init . in an empty current folder"; cat "$work/err"; }

# The project log: add dated entries, list them.
"$ipcode" -C studie-en log >"$work/out" && grep -q "empty" "$work/out" && ok || bad "log on an empty study"
"$ipcode" -q -C studie-en log add "Slo sammen to koder: tillit og relasjon." --category kodebok || bad "log add"
"$ipcode" -q -C studie-en log add "Andre koder begynte." || bad "log add 2"
today=$(date +%Y-%m-%d)
grep -q "^## $today — kodebok$" studie-en/log.md && ok || bad "log heading: $(cat studie-en/log.md)"
[ "$(grep -c '^## ' studie-en/log.md)" = 2 ] && ok || bad "log should have 2 entries"
"$ipcode" -C studie-en log | grep -q "Slo sammen to koder" && ok || bad "log listing"
"$ipcode" -C studie-en log add "   " 2>/dev/null; [ $? -eq 2 ] && ok || bad "empty log entry should be a usage error"
"$ipcode" -C nowhere log add "x" 2>/dev/null; [ $? -eq 66 ] && ok || bad "log add outside a study should exit 66"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
