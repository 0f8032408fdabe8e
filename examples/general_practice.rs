//! A general-practice contact: AUDIT-C is positive, so the plan asks for the
//! rest of the AUDIT; once it is answered, the plan follows the AUDIT zone.
//!
//! Run with `cargo run --example general_practice`.

use mecc::policy::Policy;
use mecc::{Answers, assess};
use serde_json::json;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contact = serde_json::from_value(json!({
        "age": 39, "sex": "female", "pregnant": "no", "family_background": "mixed",
        "setting": "general_practice", "time_available": "brief",
        "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": "none", "hypertension": "no",
                          "eating_disorder": "no", "bariatric_surgery": "none"}
    }))?;
    let audit_c = json!({
        "frequency": {"answered": "two_to_three_times_per_week"},
        "typical_day": {"answered": {"drinks": [{"drink": "glass_of_wine", "count": 3}]}},
        "heavy_drinking": {"answered": "monthly"}
    });
    let not_asked = json!("not_asked");
    let policy = Policy::national_default()?;

    // First, only the three AUDIT-C questions.
    let answers: Answers = serde_json::from_value(json!({"audit": {
        "audit_c": audit_c,
        "unable_to_stop": not_asked, "failed_expectations": not_asked, "morning_drink": not_asked,
        "guilt": not_asked, "memory_loss": not_asked, "injury": not_asked, "others_concerned": not_asked
    }}))?;
    let first = assess(&contact, &answers, &policy)?;
    if let Some(audit) = &first.findings.audit {
        println!(
            "AUDIT-C total {} ({:?})",
            audit.audit_c.total, audit.audit_c.result
        );
    }
    println!("{first}\n");

    // Then the remaining seven questions.
    let answers: Answers = serde_json::from_value(json!({"audit": {
        "audit_c": audit_c,
        "unable_to_stop": {"answered": "monthly"},
        "failed_expectations": {"answered": "monthly"},
        "morning_drink": {"answered": "never"},
        "guilt": {"answered": "weekly"},
        "memory_loss": {"answered": "less_than_monthly"},
        "injury": {"answered": "no"},
        "others_concerned": {"answered": "yes_during_the_last_year"}
    }}))?;
    let second = assess(&contact, &answers, &policy)?;
    if let Some(audit) = &second.findings.audit {
        println!("AUDIT total {} ({:?})", audit.total, audit.result);
    }
    println!("{second}");
    Ok(())
}
