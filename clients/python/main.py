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

# "not_asked" or {"answered": value}: each instance of the schema's Reply<T>
# is its own numbered class (Reply1 for a yes/no answer, Reply21 for the PAT
# Q2 amount, Reply31 for the PAT Q3 frequency), named by the order the
# generator met them in.
YesNo = doc.Reply1


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
            time_available="very_brief",
            presenting_condition="fall",
            intoxicated="no",
            priority_groups=doc.PriorityGroups([]),
            comorbidities=doc.Comorbidities(
                diabetes="none",
                hypertension="no",
                eating_disorder="no",
                bariatric_surgery="none",
            ),
        ),
        answers=doc.Answers(
            pat=doc.PatAnswers(
                drinks_alcohol=YesNo(answered=True),
                most_in_one_day=doc.Reply21(
                    answered=doc.MostInOneDay2(
                        drinks=[doc.DrinkCount(drink="pint_strong", count=4)]
                    )
                ),
                frequency=doc.Reply31(answered=doc.Frequency2(times_per_week=3)),
                attendance_related=YesNo(answered=False),
                willing_to_see_specialist=YesNo(answered=True),
            ),
            bmi=doc.Answers4(
                height=doc.Height3(feet_and_inches=doc.FeetAndInches(feet=5, inches=10)),
                weight=doc.Weight4(
                    stones_and_pounds=doc.StonesAndPounds(stones=16, pounds=0)
                ),
                waist="not_asked",
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
    # The finding's Q2 reply: the string "not_asked" or an object.
    units = (
        "not asked"
        if pat.most_in_one_day == "not_asked"
        else f"{pat.most_in_one_day.answered} units"
    )
    result = pat.result if isinstance(pat.result, str) else "incomplete"
    print(f"PAT {result}: most in one day {units}, threshold {pat.threshold}")

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
