//! A 15-year-old brought to the emergency department after a fall, intoxicated,
//! who says the attendance is related to drinking (PAT).
//!
//! The plan starts with the safeguarding prompt, defers the Chief Medical
//! Officer's advice for children until they are sober, offers the young
//! people's drug and alcohol service (with the reminder about consent under
//! 16), and never gives the adult 14-unit guideline or the adult alcohol
//! health worker (CLINICAL-REFERENCE §8.1). Each action prints the
//! practitioner's text and, where the young person reads one, theirs.
//!
//! Run with `cargo run --example paediatric_emergency`.

use mecc::policy::Policy;
use mecc::{Answers, assess};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contact = serde_json::from_str(
        r#"{
        "age": 15, "sex": "female", "pregnant": "not_known", "family_background": "white",
        "setting": "emergency_department", "time_available": "brief",
        "presenting_condition": "fall", "intoxicated": "yes", "priority_groups": []
    }"#,
    )?;
    let answers: Answers = serde_json::from_str(
        r#"{"pat": {
        "drinks_alcohol": {"kind": "answered", "value": true},
        "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": 9.0}},
        "frequency": {"kind": "answered", "value": {"kind": "less_than_weekly"}},
        "attendance_related": {"kind": "answered", "value": true},
        "willing_to_see_specialist": {"kind": "not_asked"}
    }}"#,
    )?;
    let policy = Policy::national_default()?;
    let assessment = assess(&contact, &answers, &policy)?;
    println!("{assessment}");
    Ok(())
}
