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
        "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
                          "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    }))?;
    let audit_c = json!({
        "frequency": {"kind": "answered", "value": "two_to_three_times_per_week"},
        "typical_day": {"kind": "answered", "value": {"kind": "drinks", "value": [{"drink": {"kind": "glass_of_wine"}, "count": 3}]}},
        "heavy_drinking": {"kind": "answered", "value": "monthly"}
    });
    let not_asked = json!({"kind": "not_asked"});
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
        "unable_to_stop": {"kind": "answered", "value": "monthly"},
        "failed_expectations": {"kind": "answered", "value": "monthly"},
        "morning_drink": {"kind": "answered", "value": "never"},
        "guilt": {"kind": "answered", "value": "weekly"},
        "memory_loss": {"kind": "answered", "value": "less_than_monthly"},
        "injury": {"kind": "answered", "value": "no"},
        "others_concerned": {"kind": "answered", "value": "yes_during_the_last_year"}
    }}))?;
    let second = assess(&contact, &answers, &policy)?;
    if let Some(audit) = &second.findings.audit {
        println!("AUDIT total {} ({:?})", audit.total, audit.result);
    }
    println!("{second}");
    Ok(())
}
