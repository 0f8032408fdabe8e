//! A fall in the emergency department, PAT positive: the plan when the alcohol
//! health worker can see him now, when they cannot, when nobody has recorded
//! whether he is intoxicated, and when he declines the appointment although
//! he is homeless (a priority group).
//!
//! Each action shows the practitioner's text and, for advice, leaflets and
//! signposts, what he reads ("for them").
//!
//! Run with `cargo run --example emergency_department`.

use mecc::context::{Contact, PriorityGroup, PriorityGroups, YesNoNotKnown};
use mecc::policy::{Policy, PolicyDocument, PolicyOverlay};
use mecc::{Answers, Assessment, assess};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contact: Contact = serde_json::from_str(
        r#"{
        "age": 58, "sex": "male", "pregnant": "no", "family_background": "white",
        "setting": "emergency_department", "time_available": "brief",
        "presenting_condition": "fall", "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
                          "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    }"#,
    )?;
    // PAT: ten units on his heaviest day, twice a week, the fall linked to
    // drink, and he accepts the offer of the alcohol health worker.
    let accepts = pat(true)?;

    let national = Policy::national_default()?;
    show(
        "The alcohol health worker can see him now, and he is sober",
        &assess(&contact, &accepts, &national)?,
    );

    let overlay: PolicyOverlay = serde_json::from_str(
        r#"{"id": "night-shift", "version": "1",
            "pathways": [{"id": "alcohol_liaison", "available_now": false}]}"#,
    )?;
    let night = Policy::compile(PolicyDocument::national_default()?.with_overlay(&overlay)?)?;
    show(
        "The alcohol health worker cannot see him now: within 24 hours",
        &assess(&contact, &accepts, &night)?,
    );

    // In the emergency department an intoxication nobody recorded is read as
    // intoxicated: advice waits, and the first step is to check.
    let mut fields = contact.fields();
    fields.intoxicated = Some(YesNoNotKnown::NotKnown);
    show(
        "Nobody has recorded whether he is intoxicated",
        &assess(&Contact::new(fields)?, &accepts, &national)?,
    );

    // He declines (PAT question 5), and he is homeless: the decline stands.
    // It is recorded, he is told how to get in touch himself, and the offer is
    // made again later; it is never turned into a referral.
    let declines = pat(false)?;
    let mut fields = contact.fields();
    fields.priority_groups = Some(PriorityGroups::from_iter([
        PriorityGroup::ExperiencingHomelessness,
    ]));
    show(
        "He declines the appointment; he is homeless",
        &assess(&Contact::new(fields)?, &declines, &national)?,
    );
    Ok(())
}

/// His PAT answers, with his answer to the offer of the alcohol health worker.
fn pat(willing: bool) -> Result<Answers, serde_json::Error> {
    serde_json::from_value(serde_json::json!({"pat": {
        "drinks_alcohol": {"kind": "answered", "value": true},
        "most_in_one_day": {"kind": "answered", "value": {"kind": "drinks", "value": [{"drink": {"kind": "pint_ordinary_strength"}, "count": 5}]}},
        "frequency": {"kind": "answered", "value": {"kind": "times_per_week", "value": 2}},
        "attendance_related": {"kind": "answered", "value": true},
        "willing_to_see_specialist": {"kind": "answered", "value": willing}
    }}))
}

fn show(title: &str, assessment: &Assessment) {
    println!("== {title}\n{assessment}\n");
}
