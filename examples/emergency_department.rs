//! A fall in the emergency department, PAT positive: the plan when the alcohol
//! health worker is available now, when they are not, and when the patient is
//! intoxicated.
//!
//! Run with `cargo run --example emergency_department`.

use mecc::context::{Contact, YesNoNotKnown};
use mecc::policy::{Policy, PolicyDocument, PolicyOverlay};
use mecc::{Answers, Assessment, assess};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contact: Contact = serde_json::from_str(
        r#"{
        "age": 58, "sex": "male", "pregnant": "no", "family_background": "white",
        "setting": "emergency_department", "time_available": "very_brief",
        "presenting_condition": "fall", "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
                          "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    }"#,
    )?;
    // PAT: ten units on his heaviest day, every day, and he accepts the offer
    // of the alcohol health worker.
    let answers: Answers = serde_json::from_str(
        r#"{"pat": {
        "drinks_alcohol": {"kind": "answered", "value": true},
        "most_in_one_day": {"kind": "answered", "value": {"kind": "drinks", "value": [{"drink": {"kind": "pint_ordinary_strength"}, "count": 5}]}},
        "frequency": {"kind": "answered", "value": {"kind": "every_day"}},
        "attendance_related": {"kind": "answered", "value": true},
        "willing_to_see_specialist": {"kind": "answered", "value": true}
    }}"#,
    )?;

    let national = Policy::national_default()?;
    show(
        "The alcohol health worker is available now, and he is sober",
        &assess(&contact, &answers, &national)?,
    );

    let overlay: PolicyOverlay = serde_json::from_str(
        r#"{"id": "night-shift", "version": "1",
            "pathways": [{"id": "alcohol_liaison", "available_now": false}]}"#,
    )?;
    let night = Policy::compile(PolicyDocument::national_default()?.with_overlay(&overlay)?)?;
    show(
        "The alcohol health worker is not available now",
        &assess(&contact, &answers, &night)?,
    );

    let mut fields = contact.fields();
    fields.intoxicated = Some(YesNoNotKnown::Yes);
    let intoxicated = Contact::new(fields)?;
    show(
        "He is intoxicated",
        &assess(&intoxicated, &answers, &national)?,
    );
    Ok(())
}

fn show(title: &str, assessment: &Assessment) {
    println!("== {title}\n{assessment}\n");
}
