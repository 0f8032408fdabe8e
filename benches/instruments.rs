//! Scoring cost of each instrument on one contact.
//!
//! Run with `cargo bench --bench instruments`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mecc::context::Contact;
use mecc::instruments::{activity, audit, bmi, fast, pat, smoking};

fn contact() -> Contact {
    serde_json::from_value(serde_json::json!({
        "age": 47, "sex": "male", "pregnant": "no", "family_background": "south_asian",
        "setting": "emergency_department", "time_available": "brief",
        "presenting_condition": "fall", "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "yes",
                          "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    }))
    .expect("a valid contact")
}

fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("valid answers")
}

fn instruments(c: &mut Criterion) {
    let contact = contact();
    let pat_answers: pat::Answers = from_json(serde_json::json!({
        "drinks_alcohol": {"kind": "answered", "value": true},
        "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": 10}},
        "frequency": {"kind": "answered", "value": {"kind": "every_day"}},
        "attendance_related": {"kind": "answered", "value": true},
        "willing_to_see_specialist": {"kind": "answered", "value": true}
    }));
    let smoking_answers: smoking::Answers = from_json(serde_json::json!({
        "status": {"kind": "current_smoker", "value": {"products": ["hand_rolled"],
            "cigarettes_per_day": {"kind": "answered", "value": 15},
            "minutes_to_first_cigarette": {"kind": "answered", "value": 20},
            "years_smoked": {"kind": "answered", "value": 30}}},
        "vaping": {"kind": "answered", "value": "never"},
        "co_ppm": {"kind": "answered", "value": 18}
    }));
    let bmi_answers: bmi::Answers = from_json(serde_json::json!({
        "height": {"kind": "cm", "value": 170.2}, "weight": {"kind": "kg", "value": 83.4}, "waist": {"kind": "answered", "value": {"kind": "cm", "value": 96.5}}
    }));
    let activity_answers: activity::Answers = from_json(serde_json::json!({
        "gppaq": {"kind": "answered", "value": {
            "occupation": {"kind": "answered", "value": "sedentary"},
            "exercise_and_cycling": {"kind": "answered", "value": {"kind": "bands", "value": {"exercise": "some_but_less_than_1", "cycling": "none"}}},
            "walking": {"kind": "not_asked"}, "housework_and_childcare": {"kind": "not_asked"},
            "gardening_and_diy": {"kind": "not_asked"}, "walking_pace": {"kind": "not_asked"}}},
        "weekly": {"kind": "answered", "value": {"moderate_minutes_per_week": 60, "vigorous_minutes_per_week": 10,
                                "strength_days_per_week": {"kind": "answered", "value": 1}}}
    }));

    let audit_answers: audit::Answers = from_json(serde_json::json!({
        "audit_c": {"frequency": {"kind": "answered", "value": "two_to_three_times_per_week"},
                    "typical_day": {"kind": "answered", "value": {"kind": "units", "value": 6.5}},
                    "heavy_drinking": {"kind": "answered", "value": "monthly"}},
        "unable_to_stop": {"kind": "answered", "value": "monthly"}, "failed_expectations": {"kind": "answered", "value": "never"},
        "morning_drink": {"kind": "answered", "value": "never"}, "guilt": {"kind": "answered", "value": "monthly"},
        "memory_loss": {"kind": "answered", "value": "less_than_monthly"}, "injury": {"kind": "answered", "value": "no"},
        "others_concerned": {"kind": "answered", "value": "yes_during_the_last_year"}
    }));
    let fast_answers: fast::Answers = from_json(serde_json::json!({
        "heavy_drinking": {"kind": "answered", "value": "monthly"}, "failed_expectations": {"kind": "answered", "value": "less_than_monthly"},
        "memory_loss": {"kind": "answered", "value": "never"}, "others_concerned": {"kind": "answered", "value": "no"}
    }));

    let mut group = c.benchmark_group("score");
    group.bench_function("audit", |b| {
        b.iter(|| audit::score(black_box(&audit_answers), black_box(&contact)))
    });
    group.bench_function("fast", |b| {
        b.iter(|| fast::score(black_box(&fast_answers), black_box(&contact)))
    });
    group.bench_function("pat", |b| {
        b.iter(|| pat::score(black_box(&pat_answers), black_box(&contact)))
    });
    group.bench_function("pat_next_step", |b| {
        b.iter(|| pat::next_step(black_box(&pat_answers), black_box(&contact)))
    });
    group.bench_function("smoking", |b| {
        b.iter(|| smoking::score(black_box(&smoking_answers), black_box(&contact)))
    });
    group.bench_function("bmi", |b| {
        b.iter(|| bmi::score(black_box(&bmi_answers), black_box(&contact)))
    });
    group.bench_function("activity", |b| {
        b.iter(|| activity::score(black_box(&activity_answers), black_box(&contact)))
    });
    group.bench_function("all_four", |b| {
        b.iter(|| {
            let c = black_box(&contact);
            (
                pat::score(black_box(&pat_answers), c),
                smoking::score(black_box(&smoking_answers), c),
                bmi::score(black_box(&bmi_answers), c),
                activity::score(black_box(&activity_answers), c),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, instruments);
criterion_main!(benches);
