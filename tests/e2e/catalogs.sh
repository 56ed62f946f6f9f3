#!/usr/bin/env bash
# Every message a user can see exists in both languages: each string marked for translation in
# src/ (tr, trn, tr_in, trn_in) has a non-empty Norwegian bokmål translation in po/nb/*.po.
set -u
src=$2
command -v xgettext >/dev/null || { echo "xgettext (gettext) is not installed"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
find "$src/src" -name '*.cpp' | sort > "$work/files"
xgettext --from-code=UTF-8 -c++ --keyword=tr --keyword=trn:1,2 --keyword=tr_in:2 \
  --keyword=trn_in:2,3 --no-location -f "$work/files" -o "$work/all.pot" || exit 1
msgcat --use-first -o "$work/nb.po" "$src"/po/nb/*.po || exit 1
# msgmerge keeps the template's messages and fills in what nb.po has; untranslated ones stay empty.
msgmerge -q --no-fuzzy-matching -o "$work/merged.po" "$work/nb.po" "$work/all.pot" || exit 1
missing=$(msgattrib --untranslated --no-obsolete "$work/merged.po" | grep -c '^msgid "[^"]' || true)
total=$(grep -c '^msgid "[^"]' "$work/all.pot" || true)
if [ "$missing" != 0 ]; then
  echo "messages without a bokmål translation in po/nb/:"
  msgattrib --untranslated --no-obsolete "$work/merged.po" | grep '^msgid "[^"]'
  echo "0 passed, 1 failed"
  exit 1
fi
echo "all $total messages have a bokmål translation"
echo "1 passed, 0 failed"
