//! Generated contact and answers documents, as JSON, for the property tests
//! of the engine and of plans (CLINICAL-REFERENCE §6).

use proptest::prelude::*;
use serde_json::{Value, json};

/// One of `items`.
pub fn pick<T: Clone + std::fmt::Debug + 'static>(items: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(items)
}

prop_compose! {
    pub fn contact_json()(
        age in 0u32..=120,
        sex in pick(&["male", "female", "not_known"]),
        pregnant in pick(&["yes", "no", "not_known"]),
        background in pick(&["white", "south_asian", "black_african", "mixed", "not_stated"]),
        setting in pick(&["emergency_department", "general_practice", "community_pharmacy", "dental",
            "maternity", "pre_operative_assessment", "hospital_inpatient", "housing"]),
        time in pick(&["very_brief", "brief", "extended"]),
        intoxicated in pick(&["yes", "no", "not_known"]),
        groups in proptest::sample::subsequence(vec!["experiencing_homelessness", "severe_mental_illness", "sex_worker"], 0..=2),
        diabetes in prop_oneof![Just(json!({"kind": "none"})), Just(json!({"kind": "type_1"})), Just(json!({"kind": "not_known"})),
            (0u8..30).prop_map(|y| json!({"kind": "type_2", "value": {"diagnosed": {"kind": "years", "value": y}}}))],
        hypertension in pick(&["yes", "no", "not_known"]),
        eating in pick(&["diagnosed", "suspected", "no", "not_known"]),
    ) -> Value {
        let sex = if pregnant == "yes" && sex == "male" { "female" } else { sex };
        json!({
            "age": age, "sex": sex, "pregnant": pregnant, "family_background": background,
            "setting": setting, "time_available": time,
            "presenting_condition": if setting == "emergency_department" { json!("fall") } else { json!(null) },
            "intoxicated": intoxicated, "priority_groups": groups,
            "comorbidities": {"diabetes": diabetes, "hypertension": hypertension,
                              "eating_disorder": eating, "bariatric_surgery": {"kind": "none"}}
        })
    }
}

pub fn reply(v: Option<Value>) -> Value {
    match v {
        Some(v) => json!({"kind": "answered", "value": v}),
        None => json!({"kind": "not_asked"}),
    }
}

prop_compose! {
    pub fn answers_json()(
        use_pat in any::<bool>(),
        units in 0u32..40,
        frequency in proptest::option::of(prop_oneof![Just(json!({"kind": "every_day"})), Just(json!({"kind": "less_than_weekly"})),
            (1u32..=6).prop_map(|n| json!({"kind": "times_per_week", "value": n}))]),
        related in proptest::option::of(any::<bool>()),
        willing in proptest::option::of(any::<bool>()),
        smoking in proptest::option::of(prop_oneof![
            Just(json!({"kind": "never_smoked"})),
            (0u32..2000).prop_map(|d| json!({"kind": "ex_smoker", "value": {"quit": {"kind": "days", "value": d}}})),
            (1u32..60, 0u32..120).prop_map(|(c, m)| json!({"kind": "current_smoker", "value": {"products": ["hand_rolled"],
                "cigarettes_per_day": {"kind": "answered", "value": c}, "minutes_to_first_cigarette": {"kind": "answered", "value": m},
                "years_smoked": {"kind": "not_asked"}}})),
        ]),
        co in proptest::option::of(0u32..30),
        body in proptest::option::of((1400u32..2000, 40u32..200, proptest::option::of(600u32..1400))),
        audit in proptest::option::of((
            proptest::collection::vec(proptest::option::of(0u32..=4), 8),
            proptest::collection::vec(proptest::option::of(prop_oneof![Just(0u32), Just(2), Just(4)]), 2),
        )),
        fast in proptest::option::of((0u32..=4, proptest::collection::vec(proptest::option::of(0u32..=4), 2), proptest::option::of(prop_oneof![Just(0u32), Just(2), Just(4)]))),
        activity in proptest::option::of((
            pick(&["not_in_employment", "sedentary", "standing", "physical", "heavy_manual"]),
            pick(&["none", "some_but_less_than_1", "1_to_less_than_3", "3_or_more"]),
            proptest::option::of((0u32..400, 0u32..200)),
        )),
    ) -> Value {
        let mut a = json!({});
        if use_pat {
            a["pat"] = json!({
                "drinks_alcohol": {"kind": "answered", "value": true},
                "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": units}},
                "frequency": reply(frequency),
                "attendance_related": reply(related.map(Value::from)),
                "willing_to_see_specialist": reply(willing.map(Value::from)),
            });
        }
        if let Some((items, last)) = audit {
            // A scored item's reply is the score itself; the typical day's
            // answer is a band or the band's score, inside `answered`.
            let score = |v: &Option<u32>| v.map_or(json!({"kind": "not_asked"}), |n| json!({"kind": "score", "value": n}));
            let band_score = |v: &Option<u32>| reply(v.map(|n| json!({"kind": "score", "value": n})));
            let names = ["unable_to_stop", "failed_expectations", "morning_drink", "guilt", "memory_loss", "injury", "others_concerned"];
            let mut doc = json!({"audit_c": {
                "frequency": score(&items[0]), "typical_day": band_score(&items[1]), "heavy_drinking": score(&items[2])}});
            for (i, name) in names.iter().enumerate() {
                doc[*name] = if i < 5 { score(&items[3 + i]) } else { score(&last[i - 5]) };
            }
            a["audit"] = doc;
        }
        if let Some((first, middle, last)) = fast {
            let score = |v: Option<u32>| v.map_or(json!({"kind": "not_asked"}), |n| json!({"kind": "score", "value": n}));
            a["fast"] = json!({"heavy_drinking": score(Some(first)), "failed_expectations": score(middle[0]),
                "memory_loss": score(middle[1]), "others_concerned": score(last)});
        }
        if let Some(status) = smoking {
            a["smoking"] = json!({"status": status, "vaping": {"kind": "not_asked"}, "co_ppm": reply(co.map(Value::from))});
        }
        if let Some((mm, kg, waist)) = body {
            a["bmi"] = json!({"height": {"kind": "mm", "value": mm}, "weight": {"kind": "kg", "value": kg}, "waist": reply(waist.map(|w| json!({"kind": "mm", "value": w})))});
        }
        if let Some((occupation, exercise, minutes)) = activity {
            a["activity"] = json!({
                "gppaq": {"kind": "answered", "value": {"occupation": {"kind": "answered", "value": occupation},
                    "exercise_and_cycling": {"kind": "answered", "value": {"kind": "bands", "value": {"exercise": exercise, "cycling": "none"}}},
                    "walking": {"kind": "not_asked"}, "housework_and_childcare": {"kind": "not_asked"},
                    "gardening_and_diy": {"kind": "not_asked"}, "walking_pace": {"kind": "not_asked"}}},
                "weekly": reply(minutes.map(|(m, v)| json!({"moderate_minutes_per_week": m,
                    "vigorous_minutes_per_week": v, "strength_days_per_week": {"kind": "not_asked"}}))),
            });
        }
        a
    }
}

/// Every setting, in its class (CLINICAL-REFERENCE §0, §6.6).
pub const SETTINGS: [&str; 12] = [
    "emergency_department",
    "general_practice",
    "hospital_inpatient",
    "hospital_outpatient",
    "maternity",
    "pre_operative_assessment",
    "community_pharmacy",
    "dental",
    "optometry",
    "housing",
    "community_and_voluntary",
    "workplace_health",
];

prop_compose! {
    /// A contact in any setting, with every pregnancy state (`possible`
    /// included), every time available and any priority group; mostly adults.
    pub fn any_contact_json()(
        age in prop_oneof![3 => 16u32..=80, 1 => 0u32..=120],
        sex in pick(&["male", "female", "not_known"]),
        pregnant in pick(&["yes", "no", "possible", "not_known"]),
        background in pick(&["white", "south_asian", "black_african", "mixed", "not_stated"]),
        setting in pick(&SETTINGS),
        time in pick(&["very_brief", "brief", "extended"]),
        intoxicated in pick(&["yes", "no", "not_known"]),
        groups in proptest::sample::subsequence(vec!["experiencing_homelessness", "severe_mental_illness", "sex_worker", "most_deprived_quintile"], 0..=2),
        diabetes in prop_oneof![Just(json!({"kind": "none"})), Just(json!({"kind": "type_1"})), Just(json!({"kind": "not_known"})),
            (0u8..30).prop_map(|y| json!({"kind": "type_2", "value": {"diagnosed": {"kind": "years", "value": y}}}))],
        hypertension in pick(&["yes", "no", "not_known"]),
        eating in pick(&["diagnosed", "suspected", "no", "not_known"]),
    ) -> Value {
        let sex = if matches!(pregnant, "yes" | "possible") && sex == "male" { "female" } else { sex };
        json!({
            "age": age, "sex": sex, "pregnant": pregnant, "family_background": background,
            "setting": setting, "time_available": time,
            "presenting_condition": if setting == "emergency_department" { json!("fall") } else { json!(null) },
            "intoxicated": intoxicated, "priority_groups": groups,
            "comorbidities": {"diabetes": diabetes, "hypertension": hypertension,
                              "eating_disorder": eating, "bariatric_surgery": {"kind": "none"}}
        })
    }
}

/// [`answers_json`] with vaping recorded, when smoking is, one time in two.
pub fn any_answers_json() -> impl Strategy<Value = Value> {
    (
        answers_json(),
        proptest::option::of(pick(&["never", "current", "ex"])),
    )
        .prop_map(|(mut a, vaping)| {
            if let (Some(smoking), Some(v)) = (a.get_mut("smoking"), vaping) {
                smoking["vaping"] = json!({"kind": "answered", "value": v});
            }
            a
        })
}
