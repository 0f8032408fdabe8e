"""A host program that uses only the pydantic models generated from the
published JSON Schemas: it builds the README's emergency-department screening
document with the models, sends it through the `screen` example, and reads
the assessment back with the generated Assessment model.

Usage: python main.py REPO_DIR
The command that runs `screen` can be replaced with MECC_SCREEN (a command
line run by the shell, reading the document on standard input).
"""

import os
import subprocess
import sys
from typing import NoReturn

from generated import assessment as out
from generated import screening as doc

def yes() -> doc.BooleanReplyAnswered:
    return doc.BooleanReplyAnswered(kind="answered", value=True)


def no() -> doc.BooleanReplyAnswered:
    return doc.BooleanReplyAnswered(kind="answered", value=False)


def fail(message: str) -> NoReturn:
    print(f"python client: {message}", file=sys.stderr)
    sys.exit(1)


def main() -> None:
    if len(sys.argv) != 2:
        fail("usage: main.py REPO_DIR")
    repo = sys.argv[1]

    # A man of 58 in the emergency department after a fall. PAT: 4 pints of
    # strong beer on his heaviest day, 3 times a week, not related to this
    # attendance, willing to see the alcohol specialist. 5 ft 10 in, 16 st 0 lb.
    screening = doc.Screening(
        contact=doc.Contact(
            age=58,
            sex="male",
            pregnant="no",
            family_background="white",
            setting="emergency_department",
            time_available="brief",
            presenting_condition="fall",
            intoxicated="no",
            priority_groups=doc.PriorityGroups([]),
            comorbidities=doc.Comorbidities(
                diabetes=doc.DiabetesNone(kind="none"),
                hypertension="no",
                eating_disorder="no",
                bariatric_surgery=doc.BariatricSurgeryNone(kind="none"),
            ),
        ),
        answers=doc.Answers(
            pat=doc.PatAnswers(
                drinks_alcohol=yes(),
                most_in_one_day=doc.MostInOneDayReplyAnswered(
                    kind="answered",
                    value=doc.MostInOneDayDrinks(
                        kind="drinks",
                        value=[
                            doc.DrinkCount(
                                drink=doc.DrinkPintStrong(kind="pint_strong"), count=4
                            )
                        ],
                    ),
                ),
                frequency=doc.FrequencyReplyAnswered(
                    kind="answered",
                    value=doc.FrequencyTimesPerWeek(kind="times_per_week", value=3),
                ),
                attendance_related=no(),
                willing_to_see_specialist=yes(),
            ),
            bmi=doc.BmiAnswers(
                height=doc.HeightFeetAndInches(
                    kind="feet_and_inches",
                    value=doc.HeightFeetAndInchesValue(feet=5, inches=10),
                ),
                weight=doc.WeightStonesAndPounds(
                    kind="stones_and_pounds",
                    value=doc.WeightStonesAndPoundsValue(stones=16, pounds=0),
                ),
                waist=doc.WaistReplyNotAsked(kind="not_asked"),
            ),
        ),
    )

    command = os.environ.get("MECC_SCREEN", "cargo run --quiet --example screen")
    run = subprocess.run(
        command,
        shell=True,
        cwd=repo,
        # Optional fields left unset are left out, as the schema allows.
        input=screening.model_dump_json(exclude_unset=True),
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        fail(f"screen exited with status {run.returncode}: {run.stderr.strip()}")

    # Validates every field against the generated models (unknown fields are
    # refused), so an output that no longer matches the schema fails here.
    assessment = out.Assessment.model_validate_json(run.stdout)
    if not assessment.plan:
        fail("the plan is empty")
    first = assessment.plan[0]
    print(f"{first.kind} (rule {first.reason.rule}): {first.text}")

    pat = assessment.findings.pat
    if pat is None:
        fail("no PAT finding")
    # Every union is tagged with `kind`: matching on it narrows the reply
    # and the result to the variant's class.
    match pat.most_in_one_day:
        case out.AlcoholUnitsReplyAnswered(value=units):
            amount = f"{units} units"
        case out.AlcoholUnitsReplyNotAsked():
            amount = "not asked"
    result = pat.result.kind
    print(f"PAT {result}: most in one day {amount}, threshold {pat.threshold}")

    # Alcohol leads in the order of the conversation: advice, then referral.
    if first.kind != "advice":
        fail(f"expected brief advice first, got {first.kind}")
    referral = next((a for a in assessment.plan if a.kind == "referral"), None)
    if referral is None or referral.reason.rule != "alcohol.specialist_now":
        fail("expected the referral to the alcohol health worker now")
    if result != "positive":
        fail(f"expected PAT positive, got {result}")


if __name__ == "__main__":
    main()
