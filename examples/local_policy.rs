//! A local overlay on the national default policy: this area has no tier 2
//! weight management service, and has its own social-prescribing pathway to
//! fall back to. Shows the plan for the same person before and after.
//!
//! Run with `cargo run --example local_policy`.

use mecc::policy::{Policy, PolicyDocument, PolicyOverlay};
use mecc::{Answers, assess};

const OVERLAY: &str = r#"{
    "id": "riverside-icb",
    "version": "2026.2",
    "pathways": [
        {"id": "tier_2_weight_management", "exists_locally": false,
         "fallback": "riverside_healthy_lives"},
        {"id": "riverside_healthy_lives", "name": "Riverside Healthy Lives social prescribing",
         "exists_locally": true, "self_referral": true, "available_now": false,
         "mode": "opt_in", "fallback": "gp"}
    ]
}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contact = serde_json::from_str(
        r#"{
        "age": 44, "sex": "male", "pregnant": "no", "family_background": "white",
        "setting": "general_practice", "time_available": "brief",
        "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
                          "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    }"#,
    )?;
    // 180 cm and 110 kg: BMI 34.0, obesity class 1, no diabetes or hypertension.
    let answers: Answers = serde_json::from_str(
        r#"{"bmi": {"height": {"kind": "cm", "value": 180}, "weight": {"kind": "kg", "value": 110}, "waist": {"kind": "not_asked"}}}"#,
    )?;

    let national = Policy::national_default()?;
    println!(
        "== National default\n{}\n",
        assess(&contact, &answers, &national)?
    );

    let overlay: PolicyOverlay = serde_json::from_str(OVERLAY)?;
    let local = Policy::compile(PolicyDocument::national_default()?.with_overlay(&overlay)?)?;
    println!(
        "== With the local overlay\n{}",
        assess(&contact, &answers, &local)?
    );
    Ok(())
}
