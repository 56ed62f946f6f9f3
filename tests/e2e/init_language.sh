#!/usr/bin/env bash
# `ipcode init DIR` makes the study in the message language (--lang, else LC_ALL/LC_MESSAGES/
# LANG), and the codebook template's comments say what init did (docs/decisions.md).
set -u
ipcode=$(realpath "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
clean_env=(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG)

# locale variables -> expected language, and the words the codebook header starts with
while read -r vars lang header; do
  dir=$work/$lang-$RANDOM
  "${clean_env[@]}" $vars "$ipcode" -q init "$dir" || bad "init with $vars"
  grep -q "^language: $lang$" "$dir/ipcode.yaml" && ok || bad "$vars: ipcode.yaml should say language: $lang"
  # Line 1 names the schema for the editor (ipcode schema); the template's header follows.
  head -1 "$dir/codebook.yaml" | grep -qx '# yaml-language-server: $schema=schemas/codebook.schema.json' \
    && ok || bad "$vars: codebook line 1: $(head -1 "$dir/codebook.yaml")"
  sed -n 2p "$dir/codebook.yaml" | grep -q "^# $header" && ok || bad "$vars: codebook header: $(sed -n 2p "$dir/codebook.yaml")"
  grep -q "ipcode init" "$dir/codebook.yaml" && ! grep -qi "Kopier filen\|Copy this file" "$dir/codebook.yaml" \
    && ok || bad "$vars: the template still tells the reader to copy it"
  "${clean_env[@]}" LC_ALL=C.UTF-8 "$ipcode" -C "$dir" check >/dev/null 2>"$work/err"
  ! grep -q "codebook.yaml.*error" "$work/err" && ok || bad "$vars: the codebook init wrote has errors: $(cat "$work/err")"
done <<'TABLE'
LANG=nb_NO.UTF-8 nb Kodeboka
LC_MESSAGES=nn_NO.UTF-8 nn Kodeboka
LC_ALL=nb_NO.UTF-8 nb Kodeboka
LANG=C.UTF-8 en The
LANG=de_DE.UTF-8 en The
TABLE
grep -q "^language: nn " "$(ls -d "$work"/nn-*)/codebook.yaml" && ok || bad "nn: the codebook's language"

# --lang wins over the environment.
"${clean_env[@]}" LANG=en_US.UTF-8 "$ipcode" -q --lang nb init "$work/lang-nb"
grep -q "^language: nb$" "$work/lang-nb/ipcode.yaml" && ok || bad "--lang nb with LANG=en_US"
"${clean_env[@]}" LANG=nb_NO.UTF-8 "$ipcode" -q --lang en init "$work/lang-en"
grep -q "^language: en$" "$work/lang-en/ipcode.yaml" && ok || bad "--lang en with LANG=nb_NO"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
