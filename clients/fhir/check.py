"""Parses every FHIR resource the crate wrote with fhir.resources (its R4B
models, which refuse unknown elements, missing required elements and values
of the wrong type or form; they do not check codes against value sets) and
fails if any does not parse, or does not read back the same.

R4B is the release fhir.resources 7 carries beside R5; the elements the
crate writes are the same in R4 and R4B.

Usage: check.py DIR
"""

import json
import sys
from pathlib import Path

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

MODELS = {
    "Bundle": Bundle,
    "Questionnaire": Questionnaire,
    "QuestionnaireResponse": QuestionnaireResponse,
}


def main() -> int:
    directory = Path(sys.argv[1])
    files = sorted(directory.glob("*.json"))
    if not files:
        print(f"no resources in {directory}", file=sys.stderr)
        return 1
    seen = {name: 0 for name in MODELS}
    failed = 0
    for path in files:
        document = json.loads(path.read_text())
        kind = document.get("resourceType")
        model = MODELS.get(kind)
        if model is None:
            print(f"{path.name}: unexpected resourceType {kind!r}", file=sys.stderr)
            failed += 1
            continue
        try:
            parsed = model.parse_obj(document)
        except Exception as error:  # pydantic's ValidationError, or any other refusal
            print(f"{path.name}: {error}", file=sys.stderr)
            failed += 1
            continue
        # Reading it back must give the same document: nothing dropped.
        again = json.loads(parsed.json())
        if again != document:
            print(f"{path.name}: not the same once read back", file=sys.stderr)
            failed += 1
            continue
        seen[kind] += 1
    print(", ".join(f"{count} {kind}" for kind, count in seen.items()) + " parsed")
    if any(count == 0 for count in seen.values()):
        print("a resource type was not checked at all", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
