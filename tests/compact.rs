//! The compact form of an assessment: it refers to its policy for texts,
//! sources and pathway names, and the same policy reads it back into the
//! whole assessment, losing nothing, whatever the plan (declines, moves for
//! time, held and deferred actions, fallbacks, the consent reminder).

mod common;

use common::documents::{any_answers_json, any_contact_json};
use mecc::context::Contact;
use mecc::policy::{CompactAssessment, Policy, PolicyDocument, Response};
use mecc::{Answers, Assessment, Screening, assess_with};
use proptest::prelude::*;
use serde_json::{Value, json};

fn national() -> &'static Policy {
    Policy::national_default_shared().expect("the shipped policy compiles")
}

/// The assessment through its compact JSON and back.
fn through_compact(policy: &Policy, assessment: &Assessment) -> (Assessment, usize) {
    let compact = policy.compact(assessment).expect("the policy made it");
    let json = serde_json::to_string(&compact).expect("a compact assessment serializes");
    let read: CompactAssessment<'static> =
        serde_json::from_str(&json).expect("a compact assessment reads back");
    let expanded = policy
        .expand(&read)
        .unwrap_or_else(|e| panic!("{json} did not expand: {e}"));
    (expanded, json.len())
}

fn full_len(assessment: &Assessment) -> usize {
    serde_json::to_string(assessment)
        .expect("an assessment serializes")
        .len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any assessment, and the same contact's plan after every offer in it
    /// is declined, comes back whole from its compact form, which is
    /// smaller.
    #[test]
    fn any_assessment_comes_back_whole(contact in any_contact_json(), answers in any_answers_json()) {
        let Ok(contact) = serde_json::from_value::<Contact>(contact) else { return Ok(()) };
        let Ok(answers) = serde_json::from_value::<Answers>(answers) else { return Ok(()) };
        let Ok(first) = assess_with(&contact, &answers, national(), &[]) else { return Ok(()) };
        let declined: Vec<Response> = first
            .plan
            .iter()
            .map(|a| serde_json::from_value(json!({"action": &*a.id, "status": "declined"})).expect("a response"))
            .collect();
        let second = assess_with(&contact, &answers, national(), &declined).expect("responses to its own actions");
        for assessment in [first, second] {
            let (expanded, compact_len) = through_compact(national(), &assessment);
            prop_assert_eq!(&expanded, &assessment);
            if !assessment.plan.is_empty() {
                prop_assert!(compact_len < full_len(&assessment), "{} bytes compact, {} full", compact_len, full_len(&assessment));
            }
        }
    }
}

/// The README's emergency department document (8.6 KB in full, 5.0 KB
/// compact; most of what is left is the findings and the texts the engine
/// wrote for an intoxicated man): the compact form refers to rules and
/// wordings, and still says what the engine wrote itself.
#[test]
fn the_readme_example_refers_to_its_policy() {
    let screening = Screening::from_json(include_str!("../examples/data/screen.json")).unwrap();
    let overlay = screening.overlay.clone().unwrap();
    let policy = Policy::compile(
        PolicyDocument::national_default()
            .unwrap()
            .with_overlay(&overlay)
            .unwrap(),
    )
    .unwrap();
    let assessment = screening.run().unwrap();
    let (expanded, compact_len) = through_compact(&policy, &assessment);
    assert_eq!(expanded, assessment);
    let full = full_len(&assessment);
    assert!(
        compact_len * 3 < full * 2,
        "{compact_len} bytes compact, {full} full"
    );

    let compact = serde_json::to_value(policy.compact(&assessment).unwrap()).unwrap();
    let plan = compact["plan"].as_array().unwrap();
    // No source is repeated where the rule's own is meant.
    assert!(plan.iter().all(|a| a.get("source").is_none()), "{plan:?}");
    // An action the engine rewrote (advice deferred while intoxicated)
    // carries its text; one in the policy's words names its wording.
    let deferred = plan.iter().find(|a| a["kind"] == "defer").unwrap();
    assert!(deferred["text"].as_str().unwrap().contains("intoxicated"));
    assert!(deferred.get("wording").is_none());
    let record = plan.iter().find(|a| a["kind"] == "record").unwrap();
    assert_eq!(record["wording"], json!(0));
    assert!(record.get("text").is_none());
}

/// A compact assessment is the JSON contract of its type: it round-trips
/// and matches its schema.
#[test]
fn a_compact_assessment_keeps_its_json_contract() {
    let screening = Screening::from_json(include_str!(
        "../examples/data/emergency_department_pat.json"
    ))
    .unwrap();
    let assessment = screening.run_with(national()).unwrap();
    let compact = national().compact(&assessment).unwrap();
    let owned: CompactAssessment<'static> =
        serde_json::from_str(&serde_json::to_string(&compact).unwrap()).unwrap();
    common::assert_json_contract(&owned);
}

/// Another policy, or another version, cannot expand it: its texts would be
/// the wrong ones.
#[test]
fn only_the_policy_that_produced_it_compacts_and_expands_it() {
    let screening = Screening::from_json(include_str!(
        "../examples/data/emergency_department_pat.json"
    ))
    .unwrap();
    let assessment = screening.run_with(national()).unwrap();
    let mut document = PolicyDocument::national_default().unwrap();
    document.version = "2099.1".into();
    let other = Policy::compile(document).unwrap();
    let err = other.compact(&assessment).unwrap_err();
    assert!(
        err.to_string()
            .contains("made compact, and expanded, by the policy that produced it"),
        "{err}"
    );
    let compact = national().compact(&assessment).unwrap();
    let err = other.expand(&compact).unwrap_err();
    assert!(err.to_string().contains("2099.1"), "{err}");
}

/// A wording, rule or pathway the policy does not have is refused, naming
/// the action.
#[test]
fn an_unknown_wording_or_pathway_is_refused_naming_the_action() {
    let screening = Screening::from_json(include_str!(
        "../examples/data/emergency_department_pat.json"
    ))
    .unwrap();
    let assessment = screening.run_with(national()).unwrap();
    let mut compact: Value =
        serde_json::to_value(national().compact(&assessment).unwrap()).unwrap();
    let plan = compact["plan"].as_array_mut().unwrap();
    let i = plan
        .iter()
        .position(|a| a.get("wording").is_some())
        .unwrap();
    let id = plan[i]["id"].as_str().unwrap().to_string();
    plan[i]["wording"] = json!(9);
    let read: CompactAssessment = serde_json::from_value(compact.clone()).unwrap();
    let err = national().expand(&read).unwrap_err();
    assert!(err.to_string().contains(&id), "{err}");
    assert!(
        err.to_string()
            .contains("names a wording its rule does not have"),
        "{err}"
    );

    let plan = compact["plan"].as_array_mut().unwrap();
    plan[i]["wording"] = json!(0);
    plan[i]["pathway"] = json!("no_such_service");
    let read: CompactAssessment = serde_json::from_value(compact).unwrap();
    let err = national().expand(&read).unwrap_err();
    assert!(
        err.to_string()
            .contains("names a pathway the policy does not have"),
        "{err}"
    );
}
