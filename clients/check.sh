#!/usr/bin/env bash
# Generates TypeScript and Python types from the published JSON Schemas with
# json-schema-to-typescript and datamodel-code-generator, builds and runs a
# small host program with each, and runs every sample document through the
# screen example. Fails if a schema change breaks a generated client.
#
# Needs Node 20 with npm, Python 3.11, a Rust toolchain, and network access
# to the npm and PyPI registries. Generated code goes to git-ignored folders.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
cd "$repo"

echo "-- build the schema and screen examples"
cargo build --quiet --example schema --example screen
schemas="$here/schemas"
rm -rf "$schemas"
cargo run --quiet --example schema -- --out "$schemas"

echo "-- every sample document through screen"
for sample in examples/data/*.json; do
  if ! cargo run --quiet --example screen <"$sample" >/dev/null; then
    echo "screen refused $sample" >&2
    exit 1
  fi
done

echo "-- TypeScript (json-schema-to-typescript, tsc --strict)"
(
  cd "$here/typescript"
  npm ci --no-audit --no-fund --loglevel=error
  rm -rf src/generated build
  node generate.mjs "$schemas" src/generated
  npx --no-install tsc -p tsconfig.json
  node build/main.js "$repo"
)

echo "-- Python (datamodel-code-generator, pydantic v2, mypy --strict)"
(
  cd "$here/python"
  if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  rm -rf generated
  ./generate.sh "$schemas" generated
  .venv/bin/mypy main.py
  .venv/bin/python main.py "$repo"
)
