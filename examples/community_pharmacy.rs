//! A community pharmacy contact: a smoker with a BMI of 31 and hypertension
//! who is inactive.
//!
//! Run with `cargo run --example community_pharmacy`.

use mecc::policy::Policy;
use mecc::{Answers, assess};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contact = serde_json::from_str(
        r#"{
        "age": 52, "sex": "female", "pregnant": "no", "family_background": "white",
        "setting": "community_pharmacy", "time_available": "brief",
        "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": "none", "hypertension": "yes",
                          "eating_disorder": "no", "bariatric_surgery": "none"}
    }"#,
    )?;
    // 165 cm and 84.4 kg: BMI 31.0, obesity class 1. Desk job, no exercise.
    let answers: Answers = serde_json::from_str(
        r#"{
        "smoking": {
            "status": {"current_smoker": {"products": ["manufactured_cigarettes"],
                "cigarettes_per_day": {"answered": 12},
                "minutes_to_first_cigarette": {"answered": 30},
                "years_smoked": {"answered": 30}}},
            "vaping": {"answered": "never"},
            "co_ppm": "not_asked"
        },
        "bmi": {"height": {"cm": 165}, "weight": {"kg": 84.4}, "waist": "not_asked"},
        "activity": {
            "gppaq": {"answered": {
                "occupation": {"answered": "sedentary"},
                "exercise_and_cycling": {"answered": {"bands": {"exercise": "none", "cycling": "none"}}},
                "walking": "not_asked", "housework_and_childcare": "not_asked",
                "gardening_and_diy": "not_asked", "walking_pace": "not_asked"}},
            "weekly": "not_asked"
        }
    }"#,
    )?;
    let policy = Policy::national_default()?;
    let assessment = assess(&contact, &answers, &policy)?;
    if let Some(bmi) = &assessment.findings.bmi {
        println!("BMI {}", bmi.bmi_display());
    }
    println!("{assessment}");
    Ok(())
}
