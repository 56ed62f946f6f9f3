#!/usr/bin/env bash
# Reads and writes stay in the study, and nothing blocks (issue 9, "Hardening"): symbolic links
# leading out of the study, links planted at temporary names, named pipes as inputs, output
# folders that are the study or hold its inputs, manifests that are folders or lists.
set -u
ipcode=$(realpath "$1") src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH= LC_ALL=C.UTF-8
fresh() { rm -rf "$work/$1"; cp -r "$src/tests/data/mini" "$work/$1"; rm -rf "$work/$1/out"; }
run() { timeout 10 "$ipcode" "$@" >"$work/out" 2>"$work/err"; code=$?; }

# A symlinked out/r1 (left by hand in out/): the round's files go into a real folder of the
# study, never through the link.
fresh s; mkdir -p "$work/s/out" "$work/ext"; ln -s ../../ext "$work/s/out/r1"
run -q -C "$work/s" condense
[ $code -eq 0 ] && [ -z "$(ls -A "$work/ext")" ] && [ -d "$work/s/out/r1" ] && [ ! -L "$work/s/out/r1" ] \
  && ok || bad "symlinked out/r1: exit $code, $(ls "$work/ext")"

# out itself a link out of the study: exit 73 naming the link, nothing written there.
fresh s; ln -s ../ext "$work/s/out"
run -q -C "$work/s" condense
[ $code -eq 73 ] && grep -q "'out' is a symbolic link" "$work/err" && [ -z "$(ls -A "$work/ext")" ] \
  && ok || bad "symlinked out: exit $code, $(cat "$work/err")"

# A link planted at a temporary name: the file it points to is never overwritten.
fresh s; echo victim >"$work/victim"
ln -s ../victim "$work/s/.log.md.ipcode-tmp"
mkdir -p "$work/s/condensation"; ln -s ../../victim "$work/s/condensation/.r1-utkast.yaml.ipcode-tmp"
run -q -C "$work/s" log add "Første notat"
[ $code -eq 0 ] && [ "$(cat "$work/victim")" = victim ] && grep -q "Første notat" "$work/s/log.md" \
  && ok || bad "planted temporary link (log): exit $code, victim: $(cat "$work/victim")"
run -q -C "$work/s" condense --write-drafts
[ $code -eq 0 ] && [ "$(cat "$work/victim")" = victim ] && ok || bad "planted temporary link (drafts): exit $code"

# A link planted at the lock's name: refused (73), its target not truncated.
fresh s; ln -s ../victim "$work/s/.ipcode.lock"
run -q -C "$work/s" condense
[ $code -eq 73 ] && [ "$(cat "$work/victim")" = victim ] && ok || bad "planted lock link: exit $code, victim: $(cat "$work/victim")"

# log.md a link to a file outside the study: not read, not printed, not put in a report.
fresh s; echo "HEMMELIG" >"$work/secret.md"; ln -s ../secret.md "$work/s/log.md"
run -C "$work/s" log
[ $code -eq 66 ] && ! grep -q HEMMELIG "$work/out" && grep -q "'log.md' is a symbolic link" "$work/err" \
  && ok || bad "log list through a link: exit $code"
run -q -C "$work/s" log add "ny"
[ $code -eq 66 ] && [ "$(cat "$work/secret.md")" = HEMMELIG ] && [ -L "$work/s/log.md" ] \
  && ok || bad "log add through a link: exit $code"
run -C "$work/s" check
[ $code -eq 1 ] && grep -q "^log.md:1:1: error: 'log.md' is a symbolic link leading out" "$work/err" \
  && ok || bad "check with log.md a link out: exit $code, $(cat "$work/err")"

# A transcript or codebook linked from outside: an error naming it (it was silently skipped).
fresh s; cp "$work/s/transcripts/r1/B1.txt" "$work/B9.txt"; ln -s ../../../B9.txt "$work/s/transcripts/r1/B9.txt"
run -C "$work/s" check
[ $code -eq 1 ] && grep -q "ipcode.yaml:[0-9]*:1: error: 'transcripts/r1/B9.txt' is a symbolic link leading out of the study folder (to '../../../B9.txt')" "$work/err" \
  && ok || bad "transcript linked from outside: exit $code, $(cat "$work/err")"
fresh s; mv "$work/s/codebook.yaml" "$work/cb.yaml"; ln -s ../cb.yaml "$work/s/codebook.yaml"
run -C "$work/s" check
[ $code -eq 1 ] && grep -q "'codebook.yaml' is a symbolic link leading out" "$work/err" \
  && ok || bad "codebook linked from outside: exit $code"
# A link that stays inside the study is followed (docs/decisions.md).
fresh s; mkdir "$work/s/arkiv"; mv "$work/s/codebook.yaml" "$work/s/arkiv/"; ln -s arkiv/codebook.yaml "$work/s/codebook.yaml"
run -q -C "$work/s" check
[ $code -eq 0 ] && ok || bad "a link inside the study: exit $code, $(cat "$work/err")"

# A folder link inside transcripts/ to /usr: never walked (it took seconds), named instead.
fresh s; sed -i 's#transcripts/r1/\*.txt#transcripts/r1/**/*.txt#' "$work/s/ipcode.yaml"
ln -s /usr "$work/s/transcripts/r1/usr"
strace_ok=$(command -v strace >/dev/null && echo yes)
if [ -n "$strace_ok" ]; then
  timeout 20 strace -f -e trace=openat,open -o "$work/trace" "$ipcode" -C "$work/s" check >/dev/null 2>"$work/err"; code=$?
  ! grep -q '"/usr/share\|/usr/usr\|transcripts/r1/usr/' "$work/trace" && ok || bad "the glob walked into /usr"
else
  run -C "$work/s" check
fi
[ $code -eq 1 ] && grep -q "'transcripts/r1/usr' is a symbolic link leading out of the study folder (to '/usr')" "$work/err" \
  && ok || bad "folder link to /usr: exit $code, $(cat "$work/err")"

# The output folder is the study, or holds inputs: refused at the manifest's line:col, and
# nothing of the study is replaced (condense used to delete every input).
for output in '""' '.' 'transcripts' 'coding/' 'condensation'; do
  fresh s; echo "output: $output" >>"$work/s/ipcode.yaml"
  line=$(wc -l <"$work/s/ipcode.yaml")
  run -q -C "$work/s" condense
  [ $code -eq 65 ] && grep -q "^ipcode.yaml:$line:9: error: the output folder" "$work/err" \
    && [ -f "$work/s/transcripts/r1/B1.txt" ] && [ -f "$work/s/codebook.yaml" ] \
    && ok || bad "output: $output: exit $code, $(cat "$work/err")"
done

# Named pipes as inputs never block: each is refused saying what it is.
for file in ipcode.yaml log.md codebook.yaml coding/r1/B1.yaml transcripts/r1/B7.txt; do
  fresh s; rm -f "$work/s/$file"; mkfifo "$work/s/$file"
  run -C "$work/s" check
  [ $code -eq 66 ] || [ $code -eq 1 ] && grep -q "is a named pipe (FIFO), not a file" "$work/err" \
    && ok || bad "FIFO as $file: exit $code (124 means it blocked), $(cat "$work/err")"
done
fresh s; rm "$work/s/ipcode.yaml"; mkfifo "$work/s/ipcode.yaml"
run -q -C "$work/s" condense
[ $code -eq 66 ] && ok || bad "condense with a FIFO manifest: exit $code"

# verify reads out/: a named pipe there is a changed file, never a wait.
fresh s; run -q -C "$work/s" condense
rm "$work/s/out/r1/units.csv"; mkfifo "$work/s/out/r1/units.csv"
run -C "$work/s" verify
[ $code -eq 1 ] && grep -q "units.csv" "$work/out" "$work/err" && ok || bad "verify with a FIFO in out/: exit $code"

# A manifest that is a folder: 66 like a missing one, saying so.
fresh s; rm "$work/s/ipcode.yaml"; mkdir "$work/s/ipcode.yaml"
for cmd in check condense status; do
  run -C "$work/s" $cmd
  [ $code -eq 66 ] && grep -q "'ipcode.yaml' is a folder, not a file" "$work/err" \
    && ok || bad "$cmd with a folder as manifest: exit $code, $(cat "$work/err")"
done

# A manifest that is a list or a lone value: one error and nothing else.
for body in '- a\n- b\n' 'hei\n'; do
  fresh s; printf -- "$body" >"$work/s/ipcode.yaml"
  run -C "$work/s" check
  [ $code -eq 1 ] && [ "$(grep -c ': error: ' "$work/err")" -eq 1 ] && ! grep -q warning: "$work/err" \
    && ok || bad "manifest $body: exit $code, $(cat "$work/err")"
done

# A transcript past the size limit (64 MB) is refused before it is read.
fresh s; truncate -s 65M "$work/s/transcripts/r1/B8.txt"
run -C "$work/s" check
[ $code -eq 1 ] && grep -q "'transcripts/r1/B8.txt' is 65 MB, more than the 64 MB" "$work/err" \
  && ok || bad "a 65 MB transcript: exit $code, $(cat "$work/err")"

echo "study_boundary: $passed passed, $failed failed"
[ $failed -eq 0 ]
