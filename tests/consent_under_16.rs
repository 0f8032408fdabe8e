//! Under 16, every referral offer reminds the practitioner to assess the
//! young person's competence to consent (Gillick), to involve a parent or
//! carer unless that would put them at risk, and that confidentiality has
//! limits where there is a safeguarding concern (CLINICAL-REFERENCE §6.4;
//! NICE PH24). The reminder is the policy's `under_16_consent` template,
//! added after the referral's own text, for the practitioner only. The plans
//! themselves are in `tests/scenarios/consent_under_16.json`.
mod common;

use common::documents::{any_answers_json, any_contact_json};
use common::fixtures;
use mecc::context::Contact;
use mecc::policy::{ActionKind, DiagnosticCode, Policy, PolicyDocument, Templates};
use mecc::{Answers, Assessment, assess};
use proptest::prelude::*;
use serde_json::{Value, json};

fn national() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| Policy::national_default().unwrap())
}

fn reminder() -> String {
    Templates::default().under_16_consent.text
}

fn smoker() -> Answers {
    serde_json::from_value(json!({"smoking": {
        "status": {"kind": "current_smoker", "value": {"products": ["manufactured_cigarettes"],
            "cigarettes_per_day": {"kind": "answered", "value": 10},
            "minutes_to_first_cigarette": {"kind": "answered", "value": 20},
            "years_smoked": {"kind": "answered", "value": 2}}},
        "vaping": {"kind": "not_asked"}, "co_ppm": {"kind": "not_asked"}}}))
    .unwrap()
}

fn offer(a: &Assessment) -> &mecc::policy::Action {
    a.plan
        .iter()
        .find(|x| x.kind == ActionKind::Referral)
        .unwrap_or_else(|| panic!("no referral in {:?}", a.plan))
}

/// The national default as a JSON document, with the engine's templates
/// written out so that a test can change one.
fn document_with_templates() -> Value {
    let mut doc: Value = serde_json::from_str(mecc::policy::NATIONAL_DEFAULT_JSON).unwrap();
    doc["templates"] = serde_json::to_value(Templates::default()).unwrap();
    doc
}

fn codes(doc: &Value) -> Vec<DiagnosticCode> {
    let document: PolicyDocument = serde_json::from_value(doc.clone()).unwrap();
    Policy::check(&document)
        .into_iter()
        .map(|d| d.code)
        .collect()
}

// CLINICAL-REFERENCE §6.4: at 15 the offer carries the reminder after its
// own words; at 16 it does not.
#[test]
fn the_reminder_follows_the_offer_at_15_and_not_at_16() {
    let fifteen = assess(
        &fixtures::contact_with(json!({"age": 15})),
        &smoker(),
        national(),
    )
    .unwrap();
    let x = offer(&fifteen);
    let own = "Offer a referral to the local stop smoking service, and refer them if they accept.";
    assert_eq!(*x.text, format!("{own} {}", reminder()));
    assert_eq!(x.person_text, None);
    for words in [
        "under 16",
        "Gillick competence",
        "parent or carer",
        "put them at risk",
        "safeguarding concern",
    ] {
        assert!(reminder().contains(words), "{words}");
    }
    let sixteen = assess(
        &fixtures::contact_with(json!({"age": 16})),
        &smoker(),
        national(),
    )
    .unwrap();
    assert_eq!(&*offer(&sixteen).text, own);
}

// CLINICAL-REFERENCE §6.4: the template is the policy's; its placeholders are
// filled like the engine's other texts.
#[test]
fn a_policy_may_reword_the_reminder() {
    let mut doc = document_with_templates();
    doc["templates"]["under_16_consent"]["text"] =
        json!("Under 16: see the local consent policy before referring to {pathway}.");
    let policy = Policy::from_json(&doc.to_string()).unwrap();
    let a = assess(
        &fixtures::contact_with(json!({"age": 14})),
        &smoker(),
        &policy,
    )
    .unwrap();
    assert!(
        offer(&a).text.ends_with(
            "refer them if they accept. Under 16: see the local consent policy before referring to the local stop smoking service."
        ),
        "{}",
        offer(&a).text
    );
}

// CLINICAL-REFERENCE §6.4, §6.7: checked like the engine's other texts: its
// placeholders must be known, and it may not have text for the person.
#[test]
fn the_reminder_template_is_checked_like_the_others() {
    let doc = document_with_templates();
    assert_eq!(codes(&doc), vec![]);
    let mut doc = document_with_templates();
    doc["templates"]["under_16_consent"]["text"] = json!("Under 16: ask {guardian}.");
    assert_eq!(codes(&doc), vec![DiagnosticCode::UnresolvedPlaceholder]);
    let mut doc = document_with_templates();
    doc["templates"]["under_16_consent"]["person_text"] = json!("You are under 16.");
    assert_eq!(codes(&doc), vec![DiagnosticCode::PersonTextMismatch]);
    // A policy that writes out its templates must give this one.
    let mut doc = document_with_templates();
    doc["templates"]
        .as_object_mut()
        .unwrap()
        .remove("under_16_consent");
    let err = Policy::from_json(&doc.to_string()).unwrap_err();
    assert!(err.to_string().contains("under_16_consent"), "{err}");
}

fn read(contact: &Value, answers: &Value) -> Option<Assessment> {
    let contact: Contact = serde_json::from_value(contact.clone()).ok()?;
    let answers: Answers = serde_json::from_value(answers.clone()).ok()?;
    assess(&contact, &answers, national()).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// CLINICAL-REFERENCE §6.4, §6.7: under 16 every referral offer (opt-in,
    /// opt-out, or a signpost made an active offer) ends with the reminder;
    /// from 16 none has it; no other kind of action has it unless it keeps a
    /// referral's text for later (held, deferred or moved); and what the
    /// person reads never has it.
    #[test]
    fn every_offer_under_16_and_none_from_16_carries_the_reminder(
        contact in any_contact_json(),
        young in 0u32..=17,
        answers in any_answers_json(),
    ) {
        // Mostly children and young people; the generated adults stay in.
        let mut contact = contact;
        if contact["age"].as_u64().is_some_and(|a| a % 2 == 0) {
            contact["age"] = json!(young);
            contact["age_confirmed"] = json!(true);
        }
        let Some(a) = read(&contact, &answers) else { return Ok(()) };
        let reminder = reminder();
        let under_16 = a.contact.age().years() < 16;
        for x in &a.plan {
            if x.kind == ActionKind::Referral {
                prop_assert_eq!(x.text.ends_with(&reminder), under_16, "{}: {}", x.id, x.text);
            } else if x.text.contains(&reminder) {
                prop_assert!(under_16, "{}: {}", x.id, x.text);
                prop_assert!(!x.reason.adjustments.is_empty(), "{} not changed from a referral: {}", x.id, x.text);
            }
            let person = x.person_text.as_deref().unwrap_or("");
            prop_assert!(!person.contains("Gillick"), "{}: {}", x.id, person);
            prop_assert!(!person.contains("under 16"), "{}: {}", x.id, person);
        }
    }
}
