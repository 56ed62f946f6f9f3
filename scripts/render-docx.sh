#!/usr/bin/env bash
# Renders every .docx under OUT_DIR (e.g. a study's out/) to PNG pages for a human look at
# what Word users will get: LibreOffice headless makes a PDF of each, pdftoppm its pages.
# Not run by CI (LibreOffice is large). Usage: scripts/render-docx.sh OUT_DIR [PNG_DIR]
# PNGs go to PNG_DIR (default OUT_DIR/../docx-png), one folder per document.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 OUT_DIR [PNG_DIR]" >&2; exit 2; }
out=$(realpath "$1")
png=$(realpath -m "${2:-$out/../docx-png}")
command -v soffice >/dev/null || { echo "soffice (LibreOffice) is not installed" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "pdftoppm (poppler-utils) is not installed" >&2; exit 1; }
# A private LibreOffice profile: no clash with a running LibreOffice, nothing left in $HOME.
profile=$(mktemp -d); pdfs=$(mktemp -d); trap 'rm -rf "$profile" "$pdfs"' EXIT
n=0
while IFS= read -r -d '' f; do
  rel=${f#"$out"/}
  name=${rel%.docx}; name=${name//\//_}
  mkdir -p "$pdfs/$name" "$png/$name"
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf \
    --outdir "$pdfs/$name" "$f" >/dev/null 2>&1 || { echo "cannot convert $rel" >&2; continue; }
  pdftoppm -png -r 60 "$pdfs/$name"/*.pdf "$png/$name/page"
  echo "$rel: $(ls "$png/$name" | wc -l) pages in $png/$name/"
  n=$((n + 1))
done < <(find "$out" -name '*.docx' -print0 | sort -z)
echo "$n documents rendered"
