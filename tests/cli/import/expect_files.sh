#!/usr/bin/env bash
# Used by the `check` scripts of tests/cli/import/*: run inside the study copy, it compares the
# study's transcripts/ and coding/ folders with the case's expected_files/ (a folder missing
# there must be missing or empty in the study: nothing was written).
# IPCODE_UPDATE_FILES=1 copies them into expected_files/ instead (review the diff!).
set -u
case_dir=$1 fail=0
for folder in transcripts coding; do
  if [ "${IPCODE_UPDATE_FILES:-}" = 1 ]; then
    rm -rf "$case_dir/expected_files/$folder"
    if [ -d "$folder" ] && [ -n "$(ls -A "$folder")" ]; then
      mkdir -p "$case_dir/expected_files" && cp -r "$folder" "$case_dir/expected_files/"
    fi
    continue
  fi
  if [ -d "$case_dir/expected_files/$folder" ]; then
    diff -r -u "$case_dir/expected_files/$folder" "$folder" || fail=1
  elif [ -d "$folder" ] && [ -n "$(find "$folder" -type f)" ]; then
    echo "unexpected files in $folder/:"; find "$folder" -type f; fail=1
  fi
done
exit $fail
