//! A community pharmacy contact: a smoker with a BMI of 31 and hypertension
//! who is inactive. The plan first, then the plan again after she declines
//! the stop smoking referral: the pharmacy's system sends back what became of
//! the offer by its action id, and the decline is recorded, she is told how
//! to get in touch herself, and the offer is to be made again later.
//!
//! Run with `cargo run --example community_pharmacy`.

use mecc::policy::{ActionKind, Policy, Response, ResponseStatus};
use mecc::{Answers, assess, assess_with};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contact: mecc::context::Contact = serde_json::from_str(
        r#"{
        "age": 52, "sex": "female", "pregnant": "no", "family_background": "white",
        "setting": "community_pharmacy", "time_available": "brief",
        "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "yes",
                          "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    }"#,
    )?;
    // 165 cm and 84.4 kg: BMI 31.0, obesity class 1. Desk job, no exercise.
    let answers: Answers = serde_json::from_str(
        r#"{
        "smoking": {
            "status": {"kind": "current_smoker", "value": {"products": ["manufactured_cigarettes"],
                "cigarettes_per_day": {"kind": "answered", "value": 12},
                "minutes_to_first_cigarette": {"kind": "answered", "value": 30},
                "years_smoked": {"kind": "answered", "value": 30}}},
            "vaping": {"kind": "answered", "value": "never"},
            "co_ppm": {"kind": "not_asked"}
        },
        "bmi": {"height": {"kind": "cm", "value": 165}, "weight": {"kind": "kg", "value": 84.4}, "waist": {"kind": "not_asked"}},
        "activity": {
            "gppaq": {"kind": "answered", "value": {
                "occupation": {"kind": "answered", "value": "sedentary"},
                "exercise_and_cycling": {"kind": "answered", "value": {"kind": "bands", "value": {"exercise": "none", "cycling": "none"}}},
                "walking": {"kind": "not_asked"}, "housework_and_childcare": {"kind": "not_asked"},
                "gardening_and_diy": {"kind": "not_asked"}, "walking_pace": {"kind": "not_asked"}}},
            "weekly": {"kind": "not_asked"}
        }
    }"#,
    )?;
    let policy = Policy::national_default()?;
    let assessment = assess(&contact, &answers, &policy)?;
    if let Some(bmi) = &assessment.findings.bmi {
        println!("BMI {}", bmi.bmi_display());
    }
    println!("{assessment}");

    // She says no to the stop smoking service.
    let offer = assessment
        .plan
        .iter()
        .find(|a| a.kind == ActionKind::Referral && a.topic == mecc::outcome::Topic::Tobacco)
        .ok_or("a stop smoking offer")?;
    let declined = [Response {
        action: offer.id.to_string(),
        status: ResponseStatus::Declined,
        reason: None,
    }];
    println!("\n== After she declines {}", offer.id);
    println!("{}", assess_with(&contact, &answers, &policy, &declined)?);
    Ok(())
}
