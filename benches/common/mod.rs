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
