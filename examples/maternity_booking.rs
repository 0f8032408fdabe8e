//! A maternity booking appointment: a pregnant woman who has never smoked,
//! with a carbon-monoxide reading of 5 ppm.
//!
//! Run with `cargo run --example maternity_booking`.

use mecc::policy::Policy;
use mecc::{Answers, assess};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contact = serde_json::from_str(
        r#"{
        "age": 29, "sex": "female", "pregnant": "yes", "family_background": "black_african",
        "setting": "maternity", "time_available": "brief",
        "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
                          "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    }"#,
    )?;
    let answers: Answers = serde_json::from_str(
        r#"{"smoking": {"status": {"kind": "never_smoked"}, "vaping": {"kind": "answered", "value": "never"},
                        "co_ppm": {"kind": "answered", "value": 5}}}"#,
    )?;
    let policy = Policy::national_default()?;
    let assessment = assess(&contact, &answers, &policy)?;
    if let Some(smoking) = &assessment.findings.smoking {
        println!("CO reading: {:?}\n", smoking.co);
    }
    println!("{assessment}");
    Ok(())
}
