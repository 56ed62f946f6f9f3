#!/usr/bin/env bash
# ctest bench/benchgen: the benchmark's generator is deterministic, keeps the default study's
# bytes, and every shape of run.sh (made tiny) gives a study that `ipcode check` accepts.
#   benchgen_test.sh BENCHGEN IPCODE SOURCE_DIR
set -euo pipefail
export LC_ALL=C
benchgen="$1" ipcode="$2" src="$3"
run_sh="$src/tests/bench/run.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
digest() { (cd "$1" && find . -type f | sort | xargs cat | sha256sum | cut -c1-64); }

# 1. The default study is the one the benchmark measured before the shape options existed:
# the SHA-256 of this tiny study's files (in path order) as ipcode_benchgen wrote it then.
"$benchgen" "$tmp/default" --transcripts 3 --words-per-transcript 2000 \
  --units-per-transcript 20 --nodes 50 2>/dev/null
[ "$(digest "$tmp/default")" = 06d7845279ea2b35202a4295b342348b401ddc88d11005b3bfb7b8f396079077 ] ||
  fail "the default study's bytes changed (shape options must not move the default stream)"

# 2. Every shape, tiny: the same bytes twice, and a valid study.
for shape in $("$run_sh" --list-shapes | cut -d' ' -f1); do
  args="$("$run_sh" --shape-args "$shape")"
  for k in 1 2; do
    # shellcheck disable=SC2086  # the options are words
    "$benchgen" "$tmp/$shape-$k" $args --transcripts 3 --words-per-transcript 3000 \
      --units-per-transcript 30 2>/dev/null || fail "$shape: ipcode_benchgen failed"
  done
  diff -r "$tmp/$shape-1" "$tmp/$shape-2" >/dev/null || fail "$shape: two runs differ"
  "$ipcode" -q --lang en -C "$tmp/$shape-1" check >"$tmp/check.out" 2>&1 ||
    { cat "$tmp/check.out" >&2; fail "$shape: ipcode check rejects the generated study"; }
done

# 3. The options do what they say (the long shape mixes every kind of unit).
coding="$tmp/long-1/coding/r1"
grep -q 'quote: ".* (…) .*"' "$coding"/*.yaml || fail "long: no quote with a (…) gap"
# A unit without lines (id then quote) and one without a quote (lines then codes).
# (Into files first: with pipefail, `grep | grep -q` fails when -q stops reading early.)
grep -h -A1 -- '- id:' "$coding"/*.yaml >"$tmp/after-id1"
grep -h -A2 -- '- id:' "$coding"/*.yaml >"$tmp/after-id2"
grep -q -- '^    quote:' "$tmp/after-id1" || fail "long: no quote-only unit"
grep -B1 -- '^    codes:' "$tmp/after-id2" | grep -c -- '^    lines:' >"$tmp/n" || true
[ "$(cat "$tmp/n")" -gt 0 ] || fail "long: no lines-only unit"
if grep -q 'quote:' "$tmp/lines-1/coding/r1/"*.yaml; then fail "lines: a unit has a quote"; fi
patterns=$(grep -o 'keywords: \[.*\]' "$tmp/long-1/codebook.yaml" | grep -o '"[^"]*"' | wc -l)
[ "$patterns" = 1000 ] || fail "long: $patterns keyword patterns, want 1000"

# 4. Files as Word and Macs write them: CRLF, a byte-order mark, NFD (å = a + U+030A); a
# second coder on every transcript; answers split by the interviewer's back-channel.
"$benchgen" "$tmp/enc" --transcripts 2 --words-per-transcript 2000 --units-per-transcript 20 \
  --nodes 50 --crlf 1 --bom 1 --nfd 1 --quote-only 0.5 --gap-share 0.5 --second-coder 1 \
  --backchannel 0.5 2>/dev/null
grep -q '^coder: bench2$' "$tmp/enc/coding/r1/B2-k2.yaml" || fail "--second-coder: no B2-k2.yaml"
b1="$tmp/enc/transcripts/r1/B1.txt"
[ "$(head -c 3 "$b1" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "--bom: no byte-order mark"
grep -q $'\r$' "$b1" || fail "--crlf: no CRLF"
grep -Eq $'^I: (Mm|Ja|Mhm|Ja vel|Hm)\.\r$' "$b1" || fail "--backchannel: no 'I: Mm.' turn"
grep -q $'a\xcc\x8a' "$b1" || fail "--nfd: no decomposed å"
if grep -q $'\xc3\xa5' "$b1"; then fail "--nfd: a precomposed å is left"; fi
"$ipcode" -q --lang en -C "$tmp/enc" check >"$tmp/check.out" 2>&1 ||
  { cat "$tmp/check.out" >&2; fail "CRLF/BOM/NFD/two coders/back-channels: ipcode check rejects it"; }

# 5. A share outside 0..1 and a reversed range are usage errors (exit 2).
for bad in "--line-units 1.5" "--gap-share -0.1" "--turn-words 200-20"; do
  # shellcheck disable=SC2086
  if "$benchgen" "$tmp/bad" $bad 2>/dev/null; then fail "accepted $bad"; else
    [ $? = 2 ] || fail "$bad: exit code not 2"; fi
done
echo "ok"
