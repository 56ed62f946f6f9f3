#!/usr/bin/env bash
# `cmake --install` puts the binary, the man pages, the catalogs, codebooks and the example in
# place, and the installed binary finds its catalogs relative to itself.
set -u
ipcode=$(realpath "$1") src=$2
build=$(dirname "$ipcode")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
cmake --install "$build" --prefix "$work/prefix" >/dev/null || { echo "cmake --install failed"; exit 1; }
for f in bin/ipcode share/man/man1/ipcode.1 share/man/man1/ipcode-condense.1 share/man/man5/ipcode-formats.5 \
         share/locale/nb/LC_MESSAGES/ipcode.mo share/ipcode/codebooks/stc-mal.yaml \
         share/ipcode/examples/individuell-plan/ipcode.yaml; do
  [ -f "$work/prefix/$f" ] && ok || bad "not installed: $f"
done
cp -r "$src/tests/data/mini" "$work/study"
sed -i 's/codes: \[egne-maal\]/codes: [egne-mal]/' "$work/study/coding/r1/B10.yaml"
(cd / && "$work/prefix/bin/ipcode" --lang nb -C "$work/study" check 2>"$work/err")
grep -q "mente du 'egne-maal'" "$work/err" && ok || bad "the installed binary does not speak Norwegian: $(cat "$work/err")"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
