#!/usr/bin/env bash
# The man pages (man/*.1, man/*.5) against the real CLI (SPEC §7: every command has a man
# page and --help). Checks that:
#   1. every page is clean roff: `groff -man -ww -z` prints nothing and exits 0;
#   2. every page has the sections a reader looks for (NAME, SYNOPSIS, ..., SEE ALSO);
#   3. every command that `ipcode --help` lists (and every subcommand those list, such as
#      `codebook show` and `log add`) has its page, man/ipcode-<command>.1, and every long
#      option its --help prints appears in that page (for `ipcode --help`: man/ipcode.1);
#   4. every ipcode page named in a page (ipcode-check(1), ...) exists.
# Usage: bash tests/e2e/man_pages.sh <path-to-ipcode-binary> <repo-source-dir>
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 <path-to-ipcode-binary> <repo-source-dir>" >&2
  exit 2
fi
bin=$1
man_dir=$2/man
if [ ! -x "$bin" ]; then
  echo "FAIL: $bin is not an executable" >&2
  exit 1
fi
# --help must be in English whatever the caller's locale is.
export LC_ALL=C LC_MESSAGES=C LANG=C

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL  $1"
  if [ -n "${2:-}" ]; then printf '%s\n' "$2" | sed 's/^/        /'; fi
}

# The roff source as plain text, enough to search it for option and page names:
# \- becomes -, and font changes, \& and \c go away.
plain() {
  sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' -e 's/\\f\[[^]]*\]//g' \
      -e 's/\\&//g' -e 's/\\c//g' "$1"
}

# The subcommands a --help text lists, one per line.
subcommands() {
  awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^[^ ]/ { on = 0 }'
}

# --- 1 and 2: every page is clean roff and has the usual sections -------------------------
pages=$(find "$man_dir" -maxdepth 1 \( -name '*.1' -o -name '*.5' \) | sort)
if [ -z "$pages" ]; then
  fail "no man pages in $man_dir"
fi

if command -v groff >/dev/null 2>&1; then
  for page in $pages; do
    out=$(groff -man -ww -z "$page" 2>&1)
    rc=$?
    if [ $rc -eq 0 ] && [ -z "$out" ]; then
      pass "groff -man -ww -z man/$(basename "$page")"
    else
      fail "groff -man -ww -z man/$(basename "$page") (exit $rc)" "$out"
    fi
  done
else
  fail "groff is not installed, so the man pages cannot be checked (apt-get install groff)"
fi

for page in $pages; do
  name=$(basename "$page")
  sections="NAME SYNOPSIS DESCRIPTION OPTIONS EXIT_STATUS FILES EXAMPLES SEE_ALSO"
  # Section 5 describes files: no options, no exit status.
  case $name in *.5) sections="NAME SYNOPSIS DESCRIPTION FILES EXAMPLES SEE_ALSO" ;; esac
  missing=""
  for s in $sections; do
    title=${s//_/ }
    grep -qE "^\.SH +\"?$title\"?[[:space:]]*$" "$page" || missing="$missing $title,"
  done
  if [ -z "$missing" ]; then
    pass "man/$name has its sections"
  else
    fail "man/$name lacks the sections:${missing%,}"
  fi
done

# --- 3: every command has a page that documents every long option of its --help ------------
# check_options LABEL PAGE HELP-ARGS...: the long options that `ipcode HELP-ARGS --help` prints
# must all appear in PAGE.
check_options() {
  local label=$1 page=$2
  shift 2
  local help rc
  help=$("$bin" "$@" --help 2>&1)
  rc=$?
  if [ $rc -ne 0 ]; then
    fail "'$label --help' exits $rc" "$help"
    return
  fi
  if [ ! -f "$man_dir/$page" ]; then
    fail "'$label' has no man page man/$page"
    return
  fi
  local text options missing=""
  text=$(plain "$man_dir/$page")
  options=$(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
  for opt in $options; do
    printf '%s\n' "$text" | grep -qE -- "(^|[^a-zA-Z0-9-])$opt([^a-zA-Z0-9-]|$)" ||
      missing="$missing $opt"
  done
  if [ -z "$missing" ]; then
    pass "man/$page documents the options of '$label' ($(echo $options | wc -w))"
  else
    fail "man/$page does not mention these options of '$label':$missing"
  fi
}

top_help=$("$bin" --help 2>&1)
commands=$(printf '%s\n' "$top_help" | subcommands)
if [ -z "$commands" ]; then
  fail "'ipcode --help' lists no commands" "$top_help"
fi
check_options "ipcode" ipcode.1
for cmd in $commands; do
  check_options "ipcode $cmd" "ipcode-$cmd.1" "$cmd"
  for sub in $("$bin" "$cmd" --help 2>&1 | subcommands); do
    check_options "ipcode $cmd $sub" "ipcode-$cmd.1" "$cmd" "$sub"
  done
done

# --- 4: every ipcode page that a page names exists -----------------------------------------
for page in $pages; do
  name=$(basename "$page")
  missing=""
  refs=$(plain "$page" | grep -oE 'ipcode(-[a-z]+)? *\(([15])\)' | tr -d ' ' | sort -u)
  for ref in $refs; do
    section=${ref##*(}
    file="${ref%(*}.${section%)}"
    [ -f "$man_dir/$file" ] || missing="$missing $ref"
  done
  if [ -z "$missing" ]; then
    pass "man/$name names only pages that exist"
  else
    fail "man/$name names pages that do not exist:$missing"
  fi
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
