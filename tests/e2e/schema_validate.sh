#!/usr/bin/env bash
# The JSON Schemas of `ipcode schema` / `ipcode init` against every valid YAML file of the
# repository's studies, a study written with Norwegian key aliases, and broken files that must
# fail (python3-jsonschema and python3-yaml, Debian; scripts/setup-debian installs them).
# The checks are in schema_validate.py.
set -u
ipcode=$(realpath "$1") src=$(cd "$2" && pwd)
if ! python3 -c "import yaml, jsonschema" 2>/dev/null; then
  echo "FAIL: python3-yaml and python3-jsonschema are needed (scripts/setup-debian)"
  echo "0 passed, 1 failed"
  exit 1
fi
exec python3 "$src/tests/e2e/schema_validate.py" "$ipcode" "$src"
