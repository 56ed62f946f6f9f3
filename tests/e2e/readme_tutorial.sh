#!/usr/bin/env bash
# Runs every step of the READMEs' tutorials and compares the output they show with the real one.
#   usage: readme_tutorial.sh IPCODE SRC_DIR
#
# The convention, in README.md, README.nb.md and examples/individuell-plan/README.md:
#   ```console        a block that is run: each line starting with "$ " is a command; the lines
#   $ ipcode check    after it, up to the next "$ " or the end of the block, are its output
#   ...output...      (stdout and stderr together, as a terminal shows them)
#   ```               A line holding only "…" stands for any number of lines.
#   <!-- $ COMMAND -->  (a line of its own, outside blocks) runs COMMAND without showing it: what
#                       the text asks the reader to do by hand, such as editing a file. It must
#                       exit 0.
#   ```sh blocks are not run (set-up, installation, examples of syntax).
# All commands of one README run in one bash session (so `cd` carries over), in a fresh empty
# folder, with `ipcode` on PATH and an English environment (LANG=C.UTF-8, no LC_ALL); a README
# that wants Norwegian says so in its commands. examples/individuell-plan/README.md runs inside
# a fresh `ipcode init --example` copy, since that is where a reader finds it.
#
# IPCODE_UPDATE_GOLDEN=1 rewrites the output shown in each block from the real run (blocks that
# use "…" are left alone; their diff is printed to copy by hand). Read `git diff` before you
# commit it.
set -u
ipcode=$(realpath "$1") src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
# Line-buffered stdout, so that stdout and stderr interleave in a file as on a terminal
# (stdbuf preloads a library, which a sanitizer build refuses: then stdout comes last).
buffer=""
if stdbuf -oL "$ipcode" --version > /dev/null 2>&1; then buffer="stdbuf -oL"; fi
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$buffer" "$ipcode" > "$work/bin/ipcode"
chmod +x "$work/bin/ipcode"
passed=0 failed=0

# Splits a README into steps: N.cmd (the command), N.kind (shown | hidden), N.exp (output shown).
split_steps() {
  local readme=$1 dir=$2
  awk -v dir="$dir" '
    function start(kind, cmd) {
      n++; f = dir "/" n
      print cmd > (f ".cmd"); close(f ".cmd")
      print kind > (f ".kind"); close(f ".kind")
      printf "" > (f ".exp"); close(f ".exp")
    }
    !inblock && /^```console[ \t]*$/ { inblock = 1; cur = ""; next }
    inblock && /^```[ \t]*$/ { inblock = 0; if (cur != "") close(cur); cur = ""; next }
    inblock && /^\$ / { if (cur != "") close(cur); start("shown", substr($0, 3)); cur = f ".exp"; next }
    inblock { if (cur != "") print >> cur; next }
    /^<!-- \$ .* -->[ \t]*$/ {
      c = $0; sub(/^<!-- \$ /, "", c); sub(/ -->[ \t]*$/, "", c); start("hidden", c); next
    }
  ' "$readme"
}

# Runs the steps in one bash session; N.act gets each command's output, N.rc its exit code.
run_steps() {
  local dir=$1 home=$2
  (
    cd "$home" || exit 1
    unset LC_ALL LC_MESSAGES LANGUAGE SOURCE_DATE_EPOCH IPCODE_THREADS
    export LANG=C.UTF-8 PATH="$work/bin:$PATH" HOME="$home"
    n=1
    while [ -f "$dir/$n.cmd" ]; do
      cmd=$(cat "$dir/$n.cmd")
      { eval "$cmd"; } > "$dir/$n.act" 2>&1 < /dev/null
      echo $? > "$dir/$n.rc"
      n=$((n + 1))
    done
  )
}

# Whether ACTUAL matches EXPECTED, where a line "…" in EXPECTED matches any run of lines.
matches() {
  awk '
    FNR == NR { ex[++ne] = $0; next }
    { ac[++na] = $0 }
    function seg_at(s, e, p,   k) {  # expected lines s..e equal actual lines from p on?
      for (k = s; k <= e; k++) if (p + k - s > na || ac[p + k - s] != ex[k]) return 0
      return 1
    }
    END {
      while (ne > 0 && ex[ne] == "") ne--
      while (na > 0 && ac[na] == "") na--
      p = 1; i = 1; open = 0
      while (i <= ne) {
        if (ex[i] == "…") { open = 1; i++; continue }
        e = i; while (e + 1 <= ne && ex[e + 1] != "…") e++
        len = e - i + 1
        if (!open) { if (!seg_at(i, e, p)) exit 1; p += len }
        else if (e == ne) { q = na - len + 1; if (q < p || !seg_at(i, e, q)) exit 1; p = na + 1 }
        else { while (p <= na && !seg_at(i, e, p)) p++; if (p > na) exit 1; p += len }
        open = 0; i = e + 1
      }
      exit (open || p == na + 1) ? 0 : 1
    }
  ' "$1" "$2"
}

# Rewrites the output shown under each command with the real one (blocks without "…").
update_readme() {
  local readme=$1 dir=$2
  awk -v dir="$dir" '
    function slurp(file,   line, s) { s = ""; while ((getline line < file) > 0) s = s line "\n"; close(file); return s }
    !inblock && /^```console[ \t]*$/ { inblock = 1; keep = 1; print; next }
    inblock && /^```[ \t]*$/ { inblock = 0; print; next }
    inblock && /^\$ / {
      n++; print
      keep = index(slurp(dir "/" n ".exp"), "…\n") > 0
      if (!keep) { out = slurp(dir "/" n ".act"); sub(/\n+$/, "\n", out); if (out != "\n") printf "%s", out }
      next
    }
    inblock { if (keep) print; next }
    /^<!-- \$ .* -->[ \t]*$/ { n++; print; next }
    { print }
  ' "$readme" > "$readme.new" && mv "$readme.new" "$readme"
}

check_readme() {
  local rel=$1 setup=$2
  local readme=$src/$rel dir=$work/steps/${rel//\//_} home=$work/home/${rel//\//_}
  mkdir -p "$dir" "$home"
  split_steps "$readme" "$dir"
  if [ ! -f "$dir/1.cmd" ]; then
    echo "FAIL $rel: no \`\`\`console blocks to run"; failed=$((failed + 1)); return
  fi
  if [ -n "$setup" ]; then (cd "$home" && PATH="$work/bin:$PATH" LANG=C.UTF-8 eval "$setup") > /dev/null; fi
  run_steps "$dir" "$home"
  local n=1 bad=0
  while [ -f "$dir/$n.cmd" ]; do
    local cmd
    cmd=$(cat "$dir/$n.cmd")
    if [ "$(cat "$dir/$n.kind")" = hidden ]; then
      if [ "$(cat "$dir/$n.rc")" != 0 ]; then
        echo "FAIL $rel: hidden step \`$cmd\` exited $(cat "$dir/$n.rc")"; cat "$dir/$n.act"; bad=1
      fi
    elif ! matches "$dir/$n.exp" "$dir/$n.act"; then
      echo "FAIL $rel: \`$cmd\` does not print what the README shows:"
      diff -u --label "shown in $rel" --label actual "$dir/$n.exp" "$dir/$n.act"; bad=1
    fi
    n=$((n + 1))
  done
  if [ "${IPCODE_UPDATE_GOLDEN:-}" = 1 ] && [ $bad -ne 0 ]; then
    update_readme "$readme" "$dir"
    echo "updated $rel (blocks with … are left as they were: copy their diff above by hand)"
  fi
  if [ $bad -eq 0 ]; then
    echo "ok   $rel ($((n - 1)) steps)"; passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
}

check_readme README.md ""
check_readme README.nb.md ""
check_readme examples/individuell-plan/README.md "ipcode init --example ."
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
