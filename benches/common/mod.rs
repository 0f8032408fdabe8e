//! The varied contacts and answers the benches assess, shared by the
//! criterion and instruction-count benches so both measure the same work.

use mecc::Answers;
use mecc::context::Contact;
use serde_json::json;

/// The `i`th of a family of varied contacts: six settings, three sexes,
/// four family backgrounds, every time budget and intoxication state, some
/// in a priority group, some with diabetes or hypertension.
pub fn contact(i: u32) -> Contact {
    const SETTINGS: [&str; 6] = [
        "emergency_department",
        "general_practice",
        "community_pharmacy",
        "maternity",
        "hospital_inpatient",
        "dental",
    ];
    let setting = SETTINGS[(i % 6) as usize];
    let sex = if setting == "maternity" {
        "female"
    } else {
        ["male", "female", "not_known"][(i % 3) as usize]
    };
    let background = ["white", "south_asian", "black_african", "mixed"][(i % 4) as usize];
    let time = ["very_brief", "brief", "extended"][(i / 7 % 3) as usize];
    let intoxicated = ["no", "yes", "not_known"][(i / 5 % 3) as usize];
    let hypertension = ["no", "yes"][(i / 3 % 2) as usize];
    serde_json::from_value(json!({
        "age": 18 + i % 60,
        "sex": sex,
        "pregnant": if setting == "maternity" { "yes" } else { "no" },
        "family_background": background,
        "setting": setting,
        "time_available": time,
        "presenting_condition": if setting == "emergency_department" { json!("fall") } else { json!(null) },
        "intoxicated": intoxicated,
        "priority_groups": if i.is_multiple_of(11) { json!(["most_deprived_quintile"]) } else { json!([]) },
        "comorbidities": {
            "diabetes": if i.is_multiple_of(9) { json!({"kind": "type_2", "value": {"diagnosed": {"kind": "years", "value": i % 15}}}) } else { json!({"kind": "none"}) },
            "hypertension": hypertension,
            "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    }))
    .expect("a valid contact")
}

/// The `i`th of a family of varied answers to PAT, smoking, BMI and waist,
/// and physical activity (GPPAQ and weekly minutes).
pub fn answers(i: u32) -> Answers {
    let occupation = ["sedentary", "standing", "physical", "not_in_employment"][(i % 4) as usize];
    let exercise = ["none", "some_but_less_than_1", "1_to_less_than_3"][(i % 3) as usize];
    let cycling = ["none", "some_but_less_than_1"][(i / 2 % 2) as usize];
    serde_json::from_value(json!({
        "pat": {
            "drinks_alcohol": {"kind": "answered", "value": true},
            "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": (i % 16) as f64 * 0.75}},
            "frequency": {"kind": "answered", "value": if i.is_multiple_of(4) { json!({"kind": "every_day"}) } else { json!({"kind": "times_per_week", "value": 1 + i % 6}) }},
            "attendance_related": {"kind": "answered", "value": i.is_multiple_of(5)},
            "willing_to_see_specialist": {"kind": "answered", "value": i.is_multiple_of(2)}
        },
        "smoking": {
            "status": match i % 3 {
                0 => json!({"kind": "never_smoked"}),
                1 => json!({"kind": "ex_smoker", "value": {"quit": {"kind": "days", "value": i % 700}}}),
                _ => json!({"kind": "current_smoker", "value": {"products": ["manufactured_cigarettes"],
                    "cigarettes_per_day": {"kind": "answered", "value": 5 + i % 30},
                    "minutes_to_first_cigarette": {"kind": "answered", "value": i % 90},
                    "years_smoked": {"kind": "answered", "value": i % 15}}}),
            },
            "vaping": {"kind": "not_asked"},
            "co_ppm": {"kind": "answered", "value": i % 14}
        },
        "bmi": {"height": {"kind": "mm", "value": 1500 + i % 450}, "weight": {"kind": "g", "value": 45_000 + (i * 7919) % 100_000},
                "waist": {"kind": "answered", "value": {"kind": "mm", "value": 650 + i % 500}}},
        "activity": {
            "gppaq": {"kind": "answered", "value": {
                "occupation": {"kind": "answered", "value": occupation},
                "exercise_and_cycling": {"kind": "answered", "value": {"kind": "bands", "value": {
                    "exercise": exercise, "cycling": cycling}}},
                "walking": {"kind": "not_asked"}, "housework_and_childcare": {"kind": "not_asked"},
                "gardening_and_diy": {"kind": "not_asked"}, "walking_pace": {"kind": "not_asked"}}},
            "weekly": {"kind": "answered", "value": {"moderate_minutes_per_week": i % 300, "vigorous_minutes_per_week": i % 40,
                                    "strength_days_per_week": {"kind": "answered", "value": i % 4}}}
        }
    }))
    .expect("valid answers")
}

/// The PAT results, smoking statuses and activity index categories the
/// 40-rule decision reads: 4 × 5 × 2 = 40 combinations, one rule each.
pub const DECISION_PAT: [&str; 4] = [
    "pat_positive",
    "pat_negative",
    "pat_non_drinker",
    "pat_incomplete",
];
/// See [`DECISION_PAT`].
pub const DECISION_SMOKING: [&str; 5] = [
    "never_smoked",
    "ex_smoker",
    "ex_smoker_within_12_months",
    "quit_within_2_weeks",
    "current_smoker",
];
/// See [`DECISION_PAT`].
pub const DECISION_ACTIVITY: [&str; 2] = ["activity_inactive", "activity_moderately_inactive"];

/// A record action with its own text, the simplest action a rule can give.
fn record(text: &str) -> serde_json::Value {
    json!({"kind": "record", "intensity": "very_brief", "text": text})
}

/// The national default with its rules replaced by a 40-rule decision: one
/// rule for each combination of a PAT result, a smoking status and an
/// activity index category, each recording which combination it was. Every
/// other outcome that acts is listed as having no action, so the policy
/// checks.
pub fn decision_policy() -> mecc::policy::Policy {
    use mecc::outcome::Outcome;
    use mecc::policy::{Policy, PolicyDocument};
    let national = PolicyDocument::national_default().expect("the shipped policy parses");
    let mut document = serde_json::to_value(&national).expect("a policy serializes");
    let mut rules = Vec::new();
    for pat in DECISION_PAT {
        for smoking in DECISION_SMOKING {
            for activity in DECISION_ACTIVITY {
                rules.push(json!({
                    "id": format!("decision.{pat}.{smoking}.{activity}"),
                    "source": "benchmark",
                    "topic": "general",
                    "when": {"kind": "all", "value": [
                        {"kind": "outcome", "value": pat},
                        {"kind": "outcome", "value": smoking},
                        {"kind": "outcome", "value": activity}
                    ]},
                    "actions": [record(&format!("{pat}, {smoking}, {activity}"))]
                }));
            }
        }
    }
    let named: Vec<&str> = DECISION_PAT
        .iter()
        .chain(&DECISION_SMOKING)
        .chain(&DECISION_ACTIVITY)
        .copied()
        .collect();
    let no_action: Vec<serde_json::Value> = Outcome::ALL
        .iter()
        .map(|o| o.as_str())
        .map(|o| {
            let reason = if named.contains(&o) {
                // A rule acts only when all three are found.
                "acted on only with the other two groups"
            } else {
                "outside the benchmark's decision"
            };
            json!({"outcome": o, "reason": reason})
        })
        .collect();
    document["id"] = json!("decision-40");
    document["rules"] = json!(rules);
    document["no_action"] = json!(no_action);
    // A benchmark's decision, not a policy for people: the built-in safety
    // rules it leaves out are recorded as overridden, as the checks require.
    let overrides: Vec<serde_json::Value> = national
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| mecc::policy::PROTECTED_RULES.contains(id))
        .map(|id| json!({"rule_id": id, "reason": "a benchmark", "approved_by": "nobody"}))
        .collect();
    document["safety_overrides"] = json!(overrides);
    let document: PolicyDocument = serde_json::from_value(document).expect("a policy document");
    Policy::compile(document).expect("the 40-rule decision compiles")
}

/// The 40-rule decision written by hand: the action's index for a PAT
/// result, a smoking status and an activity category (each an index into
/// the lists above), or `None` for a combination no rule covers.
pub fn decision_by_hand(pat: u8, smoking: u8, activity: u8) -> Option<u8> {
    // Forty arms, as a hand-written decision table would have them.
    Some(match (pat, smoking, activity) {
        (0, 0, 0) => 0,
        (0, 0, 1) => 1,
        (0, 1, 0) => 2,
        (0, 1, 1) => 3,
        (0, 2, 0) => 4,
        (0, 2, 1) => 5,
        (0, 3, 0) => 6,
        (0, 3, 1) => 7,
        (0, 4, 0) => 8,
        (0, 4, 1) => 9,
        (1, 0, 0) => 10,
        (1, 0, 1) => 11,
        (1, 1, 0) => 12,
        (1, 1, 1) => 13,
        (1, 2, 0) => 14,
        (1, 2, 1) => 15,
        (1, 3, 0) => 16,
        (1, 3, 1) => 17,
        (1, 4, 0) => 18,
        (1, 4, 1) => 19,
        (2, 0, 0) => 20,
        (2, 0, 1) => 21,
        (2, 1, 0) => 22,
        (2, 1, 1) => 23,
        (2, 2, 0) => 24,
        (2, 2, 1) => 25,
        (2, 3, 0) => 26,
        (2, 3, 1) => 27,
        (2, 4, 0) => 28,
        (2, 4, 1) => 29,
        (3, 0, 0) => 30,
        (3, 0, 1) => 31,
        (3, 1, 0) => 32,
        (3, 1, 1) => 33,
        (3, 2, 0) => 34,
        (3, 2, 1) => 35,
        (3, 3, 0) => 36,
        (3, 3, 1) => 37,
        (3, 4, 0) => 38,
        (3, 4, 1) => 39,
        _ => return None,
    })
}

/// The outcomes of one decision: a PAT result, a smoking status and an
/// activity category, by index into the lists above.
pub fn decision_outcomes(pat: usize, smoking: usize, activity: usize) -> mecc::outcome::OutcomeSet {
    [
        DECISION_PAT[pat % 4],
        DECISION_SMOKING[smoking % 5],
        DECISION_ACTIVITY[activity % 2],
    ]
    .iter()
    .map(|name| serde_json::from_value(json!(name)).expect("an outcome"))
    .collect()
}

/// The national default with `extra` more rules that cannot fire for the
/// first contact's outcomes: each needs FAST positive (no FAST was asked)
/// and gives a record. The difference from the national default's own plan
/// time is what each added rule costs when the outcomes it tests were not
/// found.
pub fn national_with_rules_that_cannot_fire(extra: usize) -> mecc::policy::Policy {
    use mecc::policy::{Policy, PolicyDocument};
    let national = PolicyDocument::national_default().expect("the shipped policy parses");
    let mut document = serde_json::to_value(&national).expect("a policy serializes");
    let rules = document["rules"].as_array_mut().expect("rules are a list");
    for i in 0..extra {
        rules.push(json!({
            "id": format!("extra.fast_{i}"),
            "source": "benchmark",
            "topic": "alcohol",
            "when": {"kind": "all", "value": [
                {"kind": "outcome", "value": "fast_positive"},
                {"kind": "age_below", "value": 18 + i % 60}
            ]},
            "actions": [record(&format!("extra rule {i}"))]
        }));
    }
    let document: PolicyDocument = serde_json::from_value(document).expect("a policy document");
    Policy::compile(document).expect("the extended policy compiles")
}
