// A host program that uses only the types generated from the published JSON
// Schemas: it builds the README's emergency-department screening document as
// a typed object, sends it through the `screen` example, and reads the
// assessment back as a typed value.
//
// Usage: node build/main.js REPO_DIR
// The command that runs `screen` can be replaced with MECC_SCREEN (a command
// line run by the shell, reading the document on standard input).

import { spawnSync } from "node:child_process";

import type { Screening } from "./generated/screening.js";
import type { Action, Assessment } from "./generated/assessment.js";

// A man of 58 in the emergency department after a fall. PAT: 4 pints of
// strong beer on his heaviest day, 3 times a week, not related to this
// attendance, willing to see the alcohol specialist. 5 ft 10 in, 16 st 0 lb.
const screening: Screening = {
  contact: {
    age: 58,
    sex: "male",
    pregnant: "no",
    family_background: "white",
    setting: "emergency_department",
    time_available: "brief",
    presenting_condition: "fall",
    intoxicated: "no",
    priority_groups: [],
    comorbidities: {
      diabetes: { kind: "none" },
      hypertension: "no",
      eating_disorder: "no",
      bariatric_surgery: { kind: "none" },
    },
  },
  answers: {
    pat: {
      drinks_alcohol: { kind: "answered", value: true },
      most_in_one_day: {
        kind: "answered",
        value: {
          kind: "drinks",
          value: [{ drink: { kind: "pint_strong" }, count: 4 }],
        },
      },
      frequency: {
        kind: "answered",
        value: { kind: "times_per_week", value: 3 },
      },
      attendance_related: { kind: "answered", value: false },
      willing_to_see_specialist: { kind: "answered", value: true },
    },
    bmi: {
      height: { kind: "feet_and_inches", value: { feet: 5, inches: 10 } },
      weight: { kind: "stones_and_pounds", value: { stones: 16, pounds: 0 } },
      waist: { kind: "not_asked" },
    },
  },
};

function fail(message: string): never {
  console.error(`typescript client: ${message}`);
  process.exit(1);
}

const repo = process.argv[2] ?? fail("usage: main.js REPO_DIR");
const command =
  process.env["MECC_SCREEN"] ?? "cargo run --quiet --example screen";
const run = spawnSync(command, {
  cwd: repo,
  shell: true,
  input: JSON.stringify(screening),
  encoding: "utf8",
  stdio: ["pipe", "pipe", "inherit"],
  maxBuffer: 16 * 1024 * 1024,
});
if (run.error !== undefined) fail(`could not run screen: ${run.error.message}`);
if (run.status !== 0) fail(`screen exited with status ${run.status}`);

// JSON.parse gives `any`; the checks below make sure that what the program
// reads through the generated types is really there before trusting them.
const assessment: Assessment = JSON.parse(run.stdout) as Assessment;
if (!Array.isArray(assessment.plan)) fail("the assessment has no plan list");
const first: Action | undefined = assessment.plan[0];
if (first === undefined) fail("the plan is empty");
if (typeof first.kind !== "string" || typeof first.text !== "string") {
  fail(`the first action does not have the generated shape: ${JSON.stringify(first)}`);
}

// An exhaustive switch over the generated union: a kind added to or removed
// from the schema breaks the build here.
function label(kind: Action["kind"]): string {
  switch (kind) {
    case "advice": return "Advice";
    case "leaflet": return "Leaflet";
    case "referral": return "Referral";
    case "signpost": return "Signpost";
    case "safety_alert": return "Safety alert";
    case "follow_up": return "Follow-up";
    case "record": return "Record";
    case "ask": return "Ask";
    case "defer": return "Defer";
  }
}

console.log(`${label(first.kind)} (${first.kind}, rule ${first.reason.rule}): ${first.text}`);

// The PAT finding: every union is tagged with `kind`, and testing it narrows
// the reply to the variant that carries a value.
const pat = assessment.findings.pat;
if (pat === undefined || pat === null) fail("no PAT finding");
const units =
  pat.most_in_one_day.kind === "answered" ? `${pat.most_in_one_day.value} units` : "not asked";
const result = pat.result.kind;
console.log(`PAT ${result}: most in one day ${units}, threshold ${pat.threshold}`);

// Alcohol leads in the order of the conversation: advice, then the referral.
if (first.kind !== "advice") fail(`expected brief advice first, got ${first.kind}`);
const referral = assessment.plan.find((a) => a.kind === "referral");
if (referral === undefined || referral.reason.rule !== "alcohol.specialist_now") {
  fail("expected the referral to the alcohol health worker now");
}
if (result !== "positive") fail(`expected PAT positive, got ${result}`);
