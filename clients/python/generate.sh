#!/usr/bin/env bash
# Generates pydantic v2 models from the mecc JSON Schemas.
# Usage: generate.sh SCHEMA_DIR OUT_DIR (OUT_DIR becomes a Python package).
set -euo pipefail
schemas=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
: >"$out/__init__.py"
for name in screening assessment; do
  # --use-title-as-name names each variant of a tagged union after its
  # title (HeightCm, BooleanReplyAnswered) instead of numbering it;
  # --collapse-root-models inlines the constrained numbers (Age, CoPpm, ...)
  # instead of wrapping each in a RootModel; --enum-field-as-literal keeps the
  # JSON strings ("male", "referral") as Literal types.
  PYTHONWARNINGS=ignore "$here/.venv/bin/datamodel-codegen" \
    --input "$schemas/$name.schema.json" \
    --input-file-type jsonschema \
    --output-model-type pydantic_v2.BaseModel \
    --target-python-version 3.11 \
    --use-annotated \
    --use-title-as-name \
    --collapse-root-models \
    --enum-field-as-literal all \
    --extra-fields forbid \
    --disable-timestamp \
    --formatters builtin \
    --output "$out/$name.py"
done
