//! One screening document through the national default, an overlay, or a
//! policy the host compiled once.
mod common;

use mecc::policy::{Policy, PolicyDocument, PolicyOverlay};
use mecc::{Error, Screening, assess};
use serde_json::json;

fn ed_document(overlay: Option<serde_json::Value>) -> Screening {
    let mut doc = json!({
        "contact": common::fixtures::with(json!({
            "setting": "emergency_department", "presenting_condition": "fall",
            "time_available": "very_brief"})),
        "answers": {"pat": {
            "drinks_alcohol": {"kind": "answered", "value": true},
            "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": 12}},
            "frequency": {"kind": "answered", "value": {"kind": "times_per_week", "value": 2}},
            "attendance_related": {"kind": "answered", "value": false},
            "willing_to_see_specialist": {"kind": "answered", "value": true}}},
    });
    if let Some(o) = overlay {
        doc["overlay"] = o;
    }
    serde_json::from_value(doc).unwrap()
}

fn night_shift() -> serde_json::Value {
    json!({"id": "night", "version": "1",
           "pathways": [{"id": "alcohol_liaison", "available_now": false}]})
}

#[test]
fn without_an_overlay_the_shared_national_default_is_used() {
    let s = ed_document(None);
    let national = Policy::national_default().unwrap();
    let expected = assess(&s.contact, &s.answers, &national).unwrap();
    assert_eq!(s.run().unwrap(), expected);
    assert_eq!(s.run_with(&national).unwrap(), expected);
}

#[test]
fn a_host_compiles_its_overlay_once_and_reuses_it() {
    let overlay: PolicyOverlay = serde_json::from_value(night_shift()).unwrap();
    let local = Policy::compile(
        PolicyDocument::national_default()
            .unwrap()
            .with_overlay(&overlay)
            .unwrap(),
    )
    .unwrap();
    let with_overlay = ed_document(Some(night_shift())).run().unwrap();
    let reused = ed_document(None).run_with(&local).unwrap();
    assert_eq!(reused.plan, with_overlay.plan);
    assert_eq!(reused.policy.id.as_ref(), "night");
    // The service cannot see him now, so the referral is within 24 hours.
    assert!(
        reused
            .plan
            .iter()
            .any(|a| a.reason.rule.as_ref() == "alcohol.specialist_within_24_hours")
    );
}

#[test]
fn a_document_with_its_own_overlay_is_not_run_against_another_policy() {
    let national = Policy::national_default().unwrap();
    let err = ed_document(Some(night_shift()))
        .run_with(&national)
        .unwrap_err();
    // Found after reading, it still points at the field, as a parse error does.
    assert_eq!(err.pointer(), Some("/overlay"), "{err}");
    assert!(err.is_inconsistent(), "{err}");
    assert!(
        matches!(
            &err,
            Error::Json { cause: Some(c), .. } if matches!(**c, Error::Inconsistent { field: "overlay", .. })
        ),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("apply the overlay to the policy once"),
        "{err}"
    );
}

proptest::proptest! {
    /// However a valid document is laid out, `from_json` reads it (most
    /// documents straight from the text, not through `serde_json`) as
    /// `serde_json` reads it (hazard H37).
    #[test]
    fn a_document_is_read_as_serde_json_reads_it(
        contact in common::documents::any_contact_json(),
        answers in common::documents::any_answers_json(),
        pretty in proptest::prelude::any::<bool>(),
    ) {
        let document = json!({"contact": contact, "answers": answers});
        let text = if pretty {
            serde_json::to_string_pretty(&document)
        } else {
            serde_json::to_string(&document)
        }
        .expect("a document is written");
        let by_serde_json = serde_json::from_str::<Screening>(&text);
        match (Screening::from_json(&text), by_serde_json) {
            (Ok(read), Ok(expected)) => proptest::prop_assert_eq!(read, expected),
            (Err(_), Err(_)) => {}
            (read, expected) => proptest::prop_assert!(false, "from_json {read:?}, serde_json {expected:?}"),
        }
    }
}

/// A woman of 29 at an optometrist, pregnancy not known, who smokes and
/// whose BMI is 32.3 (obesity class 1).
fn optometry_pregnancy_not_known() -> Screening {
    serde_json::from_value(json!({
        "contact": common::fixtures::with(json!({
            "age": 29, "sex": "female", "pregnant": "not_known",
            "setting": "optometry", "time_available": "brief"})),
        "answers": {
            "smoking": {
                "status": {"kind": "current_smoker", "value": {
                    "products": ["hand_rolled"],
                    "cigarettes_per_day": {"kind": "answered", "value": 15},
                    "minutes_to_first_cigarette": {"kind": "answered", "value": 20},
                    "years_smoked": {"kind": "answered", "value": 12}}},
                "vaping": {"kind": "answered", "value": "never"},
                "co_ppm": {"kind": "not_asked"}},
            "bmi": {"height": {"kind": "cm", "value": 165},
                    "weight": {"kind": "kg", "value": 88},
                    "waist": {"kind": "not_asked"}}},
    }))
    .unwrap()
}

#[test]
fn a_held_referral_reads_as_the_service_asked_for_not_one_used_instead() {
    let a = optometry_pregnancy_not_known().run().unwrap();
    let held = a
        .plan
        .iter()
        .find(|x| x.reason.rule.as_ref() == "weight.tier_2_referral")
        .expect("the weight programme, held until pregnancy is known");
    assert!(held.pathway.is_none(), "{held}");
    let text = held.to_string();
    assert!(
        text.contains("\n    asked for: a local weight management programme"),
        "{text}"
    );
    assert!(!text.contains("instead of"), "{text}");
}

#[test]
fn a_referral_sent_elsewhere_reads_as_instead_of_the_one_asked_for() {
    let s: Screening = serde_json::from_str(include_str!("../examples/data/screen.json")).unwrap();
    let a = s.run().unwrap();
    let routed = a
        .plan
        .iter()
        .find(|x| x.pathway.is_some() && x.reason.requested_pathway.is_some())
        .expect("the sample's signpost that fell back to the GP");
    let (used, asked) = (
        routed.pathway.as_ref().unwrap(),
        routed.reason.requested_pathway.as_ref().unwrap(),
    );
    assert_ne!(used.id, asked.id);
    let text = routed.to_string();
    assert!(text.contains(&format!("\n    to: {}", used.name)), "{text}");
    assert!(
        text.contains(&format!("\n    instead of: {}", asked.name)),
        "{text}"
    );
}

#[test]
fn a_declined_referral_reads_as_declined_in_what_replaces_it() {
    let offer = "tobacco.offer_stop_smoking_service#1";
    let first = optometry_pregnancy_not_known().run().unwrap();
    let declined = first
        .plan
        .iter()
        .find(|x| x.id.as_ref() == offer)
        .expect("the stop smoking offer");
    let service = declined.pathway.as_ref().unwrap().name.clone();

    let mut again = optometry_pregnancy_not_known();
    again.responses = serde_json::from_value(json!([
        {"action": offer, "status": "declined"}
    ]))
    .unwrap();
    let a = again.run().unwrap();
    let record = a
        .plan
        .iter()
        .find(|x| x.id.as_ref() == format!("{offer}/declined_record"))
        .expect("the decline recorded");
    let text = record.to_string();
    assert!(
        text.contains(&format!("\n    declined: {service}")),
        "{text}"
    );
    assert!(
        !text.contains("asked for") && !text.contains("instead of"),
        "{text}"
    );
}
