//! The three policy stages (document → checked → compiled) agree with each
//! other, and an action several rules ask for lists every one of them
//! (CLINICAL-REFERENCE §6.8).
mod common;

use mecc::policy::{
    Action, CheckedPolicy, Diagnostic, DiagnosticCode, NATIONAL_DEFAULT_JSON, Policy,
    PolicyDocument,
};
use mecc::{Answers, Assessment, assess};
use serde_json::{Value, json};

const ADVICE: &str = "alcohol.brief_advice";

fn base() -> Value {
    serde_json::from_str(NATIONAL_DEFAULT_JSON).unwrap()
}

fn compile(doc: &Value) -> Policy {
    Policy::from_json(&doc.to_string()).unwrap()
}

/// A copy of the national brief-advice rule under another id, so that it asks
/// for exactly the same action.
fn copy_of_advice(doc: &Value, id: &str) -> Value {
    let mut rule = doc["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == ADVICE)
        .unwrap()
        .clone();
    rule["id"] = json!(id);
    rule
}

fn ed_contact() -> Value {
    json!({
        "age": 45, "sex": "male", "pregnant": "no", "family_background": "white",
        "setting": "emergency_department", "time_available": "very_brief",
        "presenting_condition": "fall", "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
                          "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    })
}

/// PAT positive: a man who drinks 9 units twice a week and is willing to see
/// the specialist; brief advice is in his plan.
fn pat_positive() -> Value {
    json!({"pat": {
        "drinks_alcohol": {"kind": "answered", "value": true},
        "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": 9.0}},
        "frequency": {"kind": "answered", "value": {"kind": "times_per_week", "value": 2}},
        "attendance_related": {"kind": "answered", "value": false},
        "willing_to_see_specialist": {"kind": "answered", "value": true}
    }})
}

fn run(policy: &Policy) -> Assessment {
    let contact = serde_json::from_value(ed_contact()).unwrap();
    let answers: Answers = serde_json::from_value(pat_positive()).unwrap();
    let a = assess(&contact, &answers, policy).unwrap();
    common::assert_json_contract(&a);
    a
}

/// The plan's actions whose text is the brief advice's.
fn advice_actions(a: &Assessment, doc: &Value) -> Vec<Action> {
    let text = copy_of_advice(doc, ADVICE)["actions"][0]["text"].clone();
    a.plan
        .iter()
        .filter(|x| json!(x.text.as_ref()) == text)
        .cloned()
        .collect()
}

fn ids(list: &[std::sync::Arc<str>]) -> Vec<&str> {
    list.iter().map(|s| s.as_ref()).collect()
}

#[test]
fn two_rules_with_the_same_action_merge_into_one_action_listing_both() {
    let mut doc = base();
    let copy = copy_of_advice(&doc, "local.same_advice");
    doc["rules"].as_array_mut().unwrap().push(copy);
    let a = run(&compile(&doc));

    let advice = advice_actions(&a, &doc);
    assert_eq!(advice.len(), 1, "{:#?}", a.plan);
    assert_eq!(advice[0].reason.rule.as_ref(), ADVICE);
    assert_eq!(ids(&advice[0].reason.also_from), ["local.same_advice"]);
    assert!(
        advice[0]
            .to_string()
            .contains("rule: alcohol.brief_advice (also local.same_advice)"),
        "{}",
        advice[0]
    );
}

#[test]
fn the_first_rule_in_policy_order_names_the_action_and_the_rest_follow_in_order() {
    let mut doc = base();
    let first = copy_of_advice(&doc, "local.first");
    let mut last = copy_of_advice(&doc, "local.last");
    // One rule asking twice for the same action is listed once, and not as
    // merged into itself.
    let action = last["actions"][0].clone();
    last["actions"].as_array_mut().unwrap().push(action);
    let rules = doc["rules"].as_array_mut().unwrap();
    rules.insert(0, first);
    rules.push(last);
    let a = run(&compile(&doc));

    let advice = advice_actions(&a, &doc);
    assert_eq!(advice.len(), 1, "{:#?}", a.plan);
    assert_eq!(advice[0].reason.rule.as_ref(), "local.first");
    assert_eq!(ids(&advice[0].reason.also_from), [ADVICE, "local.last"]);
    assert!(
        advice[0]
            .to_string()
            .contains("rule: local.first (also alcohol.brief_advice, local.last)"),
        "{}",
        advice[0]
    );
}

#[test]
fn the_same_action_twice_at_the_start_of_a_plan_is_one_action() {
    // The leaflet rule first and a copy of it second, so that the plan's
    // first two actions are the same leaflet, with nothing between them;
    // a leaflet is not folded later as a second advice would be (§6.8).
    let mut doc = base();
    let rules = doc["rules"].as_array_mut().unwrap();
    let at = rules
        .iter()
        .position(|r| r["id"] == "alcohol.leaflet")
        .unwrap();
    let leaflet = rules.remove(at);
    let mut copy = leaflet.clone();
    copy["id"] = json!("local.same_leaflet");
    rules.insert(0, copy);
    rules.insert(0, leaflet);
    let a = run(&compile(&doc));

    let leaflets: Vec<&Action> = a
        .plan
        .iter()
        .filter(|x| x.reason.rule.as_ref() == "alcohol.leaflet")
        .collect();
    assert_eq!(leaflets.len(), 1, "{:#?}", a.plan);
    assert_eq!(ids(&leaflets[0].reason.also_from), ["local.same_leaflet"]);
    assert!(
        a.plan
            .iter()
            .all(|x| x.reason.rule.as_ref() != "local.same_leaflet"),
        "{:#?}",
        a.plan
    );
}

#[test]
fn an_action_from_one_rule_has_an_empty_also_from_in_json() {
    let a = run(&Policy::national_default().unwrap());
    let json = serde_json::to_value(&a).unwrap();
    let plan = json["plan"].as_array().unwrap();
    assert!(!plan.is_empty());
    for (action, value) in a.plan.iter().zip(plan) {
        let listed: Vec<&str> = value["reason"]["also_from"]
            .as_array()
            .unwrap_or_else(|| panic!("also_from is always a list: {value}"))
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(listed, ids(&action.reason.also_from));
    }
    let advice = advice_actions(&a, &base());
    assert_eq!(advice.len(), 1);
    assert!(advice[0].reason.also_from.is_empty());
    assert!(!advice[0].to_string().contains("(also"), "{}", advice[0]);
}

/// Documents with one defect each, and the national default with none.
fn documents() -> Vec<PolicyDocument> {
    let mut cases = vec![base()];
    let mut doc = base();
    doc["version"] = json!(" ");
    cases.push(doc);
    let mut doc = base();
    let copy = doc["rules"][3].clone();
    doc["rules"].as_array_mut().unwrap().push(copy);
    cases.push(doc);
    let mut doc = base();
    doc["pathways"][0]["fallback"] = doc["pathways"][0]["id"].clone();
    cases.push(doc);
    let mut doc = base();
    doc["rules"]
        .as_array_mut()
        .unwrap()
        .retain(|r| !r["id"].as_str().unwrap().starts_with("activity."));
    cases.push(doc);
    cases
        .into_iter()
        .map(|d| PolicyDocument::from_json(&d.to_string()).unwrap())
        .collect()
}

#[test]
fn checked_policy_diagnostics_equal_policy_check_and_compile() {
    let mut seen = Vec::new();
    for doc in documents() {
        let checked: Vec<Diagnostic> = CheckedPolicy::new(doc.clone()).err().unwrap_or_default();
        assert_eq!(checked, Policy::check(&doc));
        let compiled = match Policy::compile(doc) {
            Ok(_) => Vec::new(),
            Err(e) => e.diagnostics().to_vec(),
        };
        assert_eq!(checked, compiled);
        seen.extend(checked.iter().map(|d| d.code));
    }
    // The cases reach the identity, rule, pathway and coverage checks.
    for code in [
        DiagnosticCode::MissingIdentity,
        DiagnosticCode::DuplicateRuleId,
        DiagnosticCode::FallbackCycle,
        DiagnosticCode::UncoveredOutcome,
    ] {
        assert!(seen.contains(&code), "{code:?} not reached: {seen:?}");
    }
}

#[test]
fn a_checked_policy_keeps_its_document() {
    let doc = PolicyDocument::national_default().unwrap();
    let checked = CheckedPolicy::new(doc.clone()).unwrap();
    assert_eq!(checked.document(), &doc);
    assert_eq!(checked.rules_len(), doc.rules.len());
    let policy = Policy::from_checked(checked);
    assert_eq!(policy.document(), &doc);
    assert_eq!(policy.rules_len(), doc.rules.len());
}

#[test]
fn compiling_twice_gives_equal_plans() {
    let doc = PolicyDocument::national_default().unwrap();
    let once = Policy::compile(doc.clone()).unwrap();
    let twice = Policy::from_checked(CheckedPolicy::new(doc).unwrap());
    let shared = Policy::national_default_shared().unwrap();
    let copied = Policy::national_default().unwrap();
    let contact = serde_json::from_value(ed_contact()).unwrap();
    let answers: Answers = serde_json::from_value(pat_positive()).unwrap();
    let first = assess(&contact, &answers, &once).unwrap();
    for policy in [&twice, shared, &copied] {
        assert_eq!(assess(&contact, &answers, policy).unwrap(), first);
    }
    assert!(std::ptr::eq(
        shared,
        Policy::national_default_shared().unwrap()
    ));
}
