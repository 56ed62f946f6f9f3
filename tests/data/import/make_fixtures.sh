#!/usr/bin/env bash
# Builds the Word and OpenDocument fixtures of tests/data/import (see README). Run by hand when
# a source changes; the generated files are committed, so the tests never need LibreOffice.
#   *.fodt      hand-written flat ODF  → *.docx and *.odt by LibreOffice headless
#   B4-word/    hand-written OOXML parts, shaped as Word writes them → B4-word.docx (zipped with
#               fixed timestamps, [Content_Types].xml first, as Word orders it)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for src in "$here"/*.fodt; do
  for fmt in docx odt; do
    # A private profile: the user's LibreOffice settings never change the output.
    soffice -env:UserInstallation=file://"$work"/profile --headless --convert-to "$fmt" \
      --outdir "$work" "$src" > /dev/null
    cp "$work/$(basename "${src%.fodt}").$fmt" "$here/"
  done
done
python3 - "$here/B4-word" "$here/B4-word.docx" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
names = []
for folder, _, files in os.walk(src):
    for f in files:
        names.append(os.path.relpath(os.path.join(folder, f), src))
names.sort(key=lambda n: (n != "[Content_Types].xml", n))
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for n in names:
        info = zipfile.ZipInfo(n, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(src, n), "rb") as f:
            z.writestr(info, f.read())
PY
echo "fixtures written to $here"
