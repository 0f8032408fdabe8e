#!/usr/bin/env bash
# Checks the crate's FHIR output with a real FHIR client: writes every
# Questionnaire, a QuestionnaireResponse and Bundles for the sample
# screenings with the fhir example, then parses each with the Python
# package fhir.resources (R4B models, strict pydantic validation).
#
# Needs Python 3.11, a Rust toolchain and access to PyPI. The virtual
# environment and the written resources go to git-ignored folders.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

out="$here/out"
rm -rf "$out"
cargo run --quiet --features fhir --example fhir -- --out "$out"

if [ ! -x "$here/.venv/bin/python" ]; then python3 -m venv "$here/.venv"; fi
"$here/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
"$here/.venv/bin/python" "$here/check.py" "$out"
