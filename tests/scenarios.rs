//! Plan scenarios for the national default policy, read from the data files in
//! `tests/scenarios/`. Each scenario names the guideline and the
//! CLINICAL-REFERENCE section it checks, and gives the exact plan: each action
//! as `kind rule [-> pathway] [urgency] [+adjustment...]`, in order.
//!
//! A scenario has:
//! - `name` (unique across all files) and `source`;
//! - `contact`: a full contact document, or `{"base": ..., "changes": ...}`
//!   with `changes` merged over a named base contact (`tests/common/fixtures.rs`);
//! - `answers`, and optionally `overlay`, a local policy overlay on the
//!   national default, and `responses`, what the host reported became of
//!   actions of an earlier plan (by action id);
//! - `expected`, the plan lines, or `error`, what `assess` must refuse with;
//! - optionally `outcomes` (`present` and `absent`), `assessment` (JSON
//!   pointers into the assessment and the value each must have) and
//!   `actions`: checks on one action, chosen by `rule` (and `kind` when the
//!   rule gives more than one), see [`ActionCheck`].
//!
//! Every assessment is also checked against its JSON contract, and for the
//! record of the policy and crate that made it (hazard H13).
//!
//! The runner runs every scenario and reports every one that fails.
mod common;

use common::fixtures;
use mecc::policy::{ActionKind, Policy, PolicyDocument, PolicyOverlay};
use mecc::{Answers, Assessment, assess};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// The scenarios the files held when they were written: a file that goes
/// missing or loses scenarios fails the run rather than passing quietly.
const AT_LEAST: usize = 200;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// What the file covers.
    about: String,
    scenarios: Vec<Scenario>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    source: String,
    contact: Value,
    answers: Value,
    #[serde(default)]
    overlay: Option<Value>,
    /// What the host reported became of actions of an earlier plan.
    #[serde(default)]
    responses: Vec<mecc::policy::Response>,
    #[serde(default)]
    expected: Option<Vec<String>>,
    #[serde(default)]
    error: Option<ExpectedError>,
    #[serde(default)]
    outcomes: Outcomes,
    #[serde(default)]
    assessment: Map<String, Value>,
    #[serde(default)]
    actions: Vec<ActionCheck>,
}

/// `assess` refuses the scenario.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedError {
    /// The answers contradict the contact.
    inconsistent: bool,
    /// The start of the error message.
    starts_with: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Outcomes {
    #[serde(default)]
    present: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
}

/// Checks on the one action from `rule` (of `kind`, when given).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionCheck {
    rule: String,
    #[serde(default)]
    kind: Option<String>,
    /// JSON pointers into the action's JSON form and the value each must have
    /// (`"/mode": "opt_out"`, `"/code": null`, `"/reason/relied_on": [...]`).
    #[serde(default)]
    fields: Map<String, Value>,
    /// Outcomes the action's reason must include.
    #[serde(default)]
    relied_on_includes: Vec<String>,
    #[serde(default)]
    text_contains: Vec<String>,
    /// Words the practitioner's text must not have.
    #[serde(default)]
    text_excludes: Vec<String>,
    /// What the person reads must have these.
    #[serde(default)]
    person_text_contains: Vec<String>,
    /// What the person reads must not have these.
    #[serde(default)]
    person_text_excludes: Vec<String>,
    #[serde(default)]
    source_contains: Vec<String>,
    /// The readable form (`Display`).
    #[serde(default)]
    display_starts_with: Option<String>,
    #[serde(default)]
    display_contains: Vec<String>,
    /// The action's text is that of the action from `rule` in `scenario`.
    #[serde(default)]
    text_same_as: Option<SameAs>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SameAs {
    scenario: String,
    rule: String,
}

/// Each action as `kind rule [-> pathway] [urgency] [+adjustment...]`.
fn lines(a: &Assessment) -> Vec<String> {
    a.plan
        .iter()
        .map(|x| {
            let mut s = format!("{} {}", name_of(&x.kind), x.reason.rule);
            if let Some(p) = &x.pathway {
                s.push_str(&format!(" -> {}", p.id));
            }
            if let Some(u) = x.urgency {
                s.push_str(&format!(" {}", name_of(&u)));
            }
            for adj in x.reason.adjustments.iter() {
                s.push_str(&format!(" +{}", name_of(&adj)));
            }
            s
        })
        .collect()
}

/// The JSON name of a unit variant.
fn name_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .expect("a unit variant")
        .to_string()
}

/// Every scenario in `tests/scenarios/`, with the file it came from.
fn load() -> Vec<(String, Scenario)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    let mut all = Vec::new();
    let mut names = BTreeSet::new();
    for path in paths {
        let file_name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        all.extend(read_file(&file_name, &text, &mut names));
    }
    all
}

/// The scenarios in one file, after checking that it is a JSON file that
/// describes itself and has scenarios, that each cites CLINICAL-REFERENCE,
/// and that no name is already in `names`.
fn read_file(file_name: &str, text: &str, names: &mut BTreeSet<String>) -> Vec<(String, Scenario)> {
    assert!(
        file_name.ends_with(".json"),
        "{file_name}: scenario files are JSON"
    );
    let file: File = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file_name}: {e}"));
    assert!(
        !file.about.is_empty(),
        "{file_name} does not say what it covers"
    );
    assert!(!file.scenarios.is_empty(), "{file_name} has no scenarios");
    let mut all = Vec::new();
    for scenario in file.scenarios {
        assert!(
            names.insert(scenario.name.clone()),
            "{file_name}: scenario name {:?} is used twice",
            scenario.name
        );
        assert!(
            scenario.source.contains("CLINICAL-REFERENCE §"),
            "{file_name}: {}: the source must cite CLINICAL-REFERENCE",
            scenario.name
        );
        all.push((file_name.to_string(), scenario));
    }
    all
}

fn policy_for(overlay: Option<&Value>) -> Result<(Policy, Option<PolicyOverlay>), String> {
    let national = PolicyDocument::national_default().map_err(|e| e.to_string())?;
    let Some(overlay) = overlay else {
        return Ok((Policy::compile(national).map_err(|e| e.to_string())?, None));
    };
    let overlay: PolicyOverlay =
        serde_json::from_value(overlay.clone()).map_err(|e| format!("overlay: {e}"))?;
    let document = national
        .with_overlay(&overlay)
        .map_err(|e| format!("overlay: {e}"))?;
    let policy = Policy::compile(document).map_err(|e| format!("overlay: {e}"))?;
    Ok((policy, Some(overlay)))
}

/// Runs one scenario: the assessment, or the reasons it fails.
fn run(scenario: &Scenario) -> Result<Option<Assessment>, Vec<String>> {
    let contact = fixtures::from_spec(&scenario.contact).map_err(|e| vec![e])?;
    let contact =
        serde_json::from_value(contact).map_err(|e| vec![format!("contact does not read: {e}")])?;
    let answers: Answers = serde_json::from_value(scenario.answers.clone())
        .map_err(|e| vec![format!("answers do not read: {e}")])?;
    let (policy, overlay) = policy_for(scenario.overlay.as_ref()).map_err(|e| vec![e])?;
    let result = mecc::assess_with(&contact, &answers, &policy, &scenario.responses);
    match (&scenario.error, &scenario.expected) {
        (Some(want), None) => {
            let err = match result {
                Ok(a) => return Err(vec![format!("assessed, as {:?}", lines(&a))]),
                Err(err) => err,
            };
            let mut failures = Vec::new();
            if err.is_inconsistent() != want.inconsistent {
                failures.push(format!(
                    "error {err}: is_inconsistent is {}",
                    err.is_inconsistent()
                ));
            }
            if !err.to_string().starts_with(&want.starts_with) {
                failures.push(format!(
                    "error {err:?} does not start with {:?}",
                    want.starts_with
                ));
            }
            if failures.is_empty() {
                Ok(None)
            } else {
                Err(failures)
            }
        }
        (None, Some(expected)) => {
            let a = result.map_err(|e| vec![format!("refused: {e}")])?;
            let failures = check(scenario, expected, overlay.as_ref(), &a);
            if failures.is_empty() {
                Ok(Some(a))
            } else {
                Err(failures)
            }
        }
        _ => Err(vec!["give exactly one of expected and error".into()]),
    }
}

fn check(
    scenario: &Scenario,
    expected: &[String],
    overlay: Option<&PolicyOverlay>,
    a: &Assessment,
) -> Vec<String> {
    let mut failures = Vec::new();
    if let Err(panic) = catch_unwind(AssertUnwindSafe(|| common::assert_json_contract(a))) {
        failures.push(format!("JSON contract: {}", panic_message(&panic)));
    }
    let got = lines(a);
    // To review a deliberate change of plans: every scenario's actual plan,
    // one JSON line each, written where this variable points.
    if let Some(path) = std::env::var_os("MECC_SCENARIO_ACTUAL") {
        use std::io::Write;
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = writeln!(
                f,
                "{}",
                serde_json::json!({"name": scenario.name, "actual": got})
            );
        }
    }
    if got != expected {
        failures.push(format!(
            "plan differs (- expected, + actual):\n{}\n    actual as JSON: {}",
            diff(expected, &got),
            serde_json::to_string(&got).unwrap()
        ));
    }
    failures.extend(check_stamp(overlay, a));
    let outcomes = serde_json::to_value(a.outcomes).unwrap();
    let outcomes: Vec<&str> = outcomes
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for want in &scenario.outcomes.present {
        if !outcomes.contains(&want.as_str()) {
            failures.push(format!("outcome {want} missing from {outcomes:?}"));
        }
    }
    for unwanted in &scenario.outcomes.absent {
        if outcomes.contains(&unwanted.as_str()) {
            failures.push(format!("outcome {unwanted} present in {outcomes:?}"));
        }
    }
    let json = serde_json::to_value(a).unwrap();
    failures.extend(check_pointers("assessment", &json, &scenario.assessment));
    for action in &scenario.actions {
        failures.extend(check_action(action, a));
    }
    failures
}

/// The assessment records the policy that made it, and the crate version.
fn check_stamp(overlay: Option<&PolicyOverlay>, a: &Assessment) -> Vec<String> {
    let national = PolicyDocument::national_default().unwrap();
    let mut failures = Vec::new();
    if a.mecc_version.as_ref() != env!("CARGO_PKG_VERSION") {
        failures.push(format!("mecc_version is {}", a.mecc_version));
    }
    let stamp = &a.policy;
    let based_on = stamp
        .based_on
        .as_ref()
        .map(|b| (b.id.as_str(), b.version.as_str()));
    let (id, version, want_based_on) = match overlay {
        None => (national.id.as_str(), national.version.as_str(), None),
        Some(o) => (
            o.id.as_str(),
            o.version.as_str(),
            Some((national.id.as_str(), national.version.as_str())),
        ),
    };
    if (stamp.id.as_ref(), stamp.version.as_ref(), based_on) != (id, version, want_based_on) {
        failures.push(format!(
            "policy recorded as {stamp:?}, not {id} {version} based on {want_based_on:?}"
        ));
    }
    failures
}

fn check_pointers(what: &str, json: &Value, want: &Map<String, Value>) -> Vec<String> {
    want.iter()
        .filter_map(|(pointer, want)| match json.pointer(pointer) {
            None => Some(format!("{what}: no {pointer} in {json}")),
            Some(have) if common::golden::normalize(have) != common::golden::normalize(want) => {
                Some(format!("{what}: {pointer} is {have}, not {want}"))
            }
            Some(_) => None,
        })
        .collect()
}

fn check_action(check: &ActionCheck, a: &Assessment) -> Vec<String> {
    let chosen: Vec<_> = a
        .plan
        .iter()
        .filter(|x| x.reason.rule.as_ref() == check.rule)
        .filter(|x| check.kind.as_ref().is_none_or(|k| name_of(&x.kind) == *k))
        .collect();
    let what = match &check.kind {
        Some(kind) => format!("{kind} {}", check.rule),
        None => check.rule.clone(),
    };
    let [action] = chosen[..] else {
        return vec![format!("{} actions from {what}, not one", chosen.len())];
    };
    let json = serde_json::to_value(action).unwrap();
    let mut failures = check_pointers(&what, &json, &check.fields);
    let relied_on = serde_json::to_value(action.reason.relied_on).unwrap();
    for outcome in &check.relied_on_includes {
        if !relied_on
            .as_array()
            .unwrap()
            .contains(&Value::from(outcome.as_str()))
        {
            failures.push(format!("{what}: relies on {relied_on}, not {outcome}"));
        }
    }
    for part in &check.text_contains {
        if !action.text.contains(part.as_str()) {
            failures.push(format!("{what}: text {:?} lacks {part:?}", action.text));
        }
    }
    for part in &check.text_excludes {
        if action.text.contains(part.as_str()) {
            failures.push(format!("{what}: text {:?} has {part:?}", action.text));
        }
    }
    let person = action.person_text.as_deref().unwrap_or("");
    for part in &check.person_text_contains {
        if !person.contains(part.as_str()) {
            failures.push(format!("{what}: person text {person:?} lacks {part:?}"));
        }
    }
    for part in &check.person_text_excludes {
        if person.contains(part.as_str()) {
            failures.push(format!("{what}: person text {person:?} has {part:?}"));
        }
    }
    for part in &check.source_contains {
        if !action.reason.source.contains(part.as_str()) {
            failures.push(format!(
                "{what}: source {:?} lacks {part:?}",
                action.reason.source
            ));
        }
    }
    let shown = action.to_string();
    if let Some(start) = &check.display_starts_with
        && !shown.starts_with(start.as_str())
    {
        failures.push(format!(
            "{what}: shown as {shown:?}, not starting {start:?}"
        ));
    }
    for part in &check.display_contains {
        if !shown.contains(part.as_str()) {
            failures.push(format!("{what}: shown as {shown:?}, lacking {part:?}"));
        }
    }
    if !shown.contains(action.text.as_ref()) {
        failures.push(format!("{what}: shown as {shown:?}, without its text"));
    }
    failures
}

/// The expected and actual lines side by side, position by position.
fn diff(expected: &[String], actual: &[String]) -> String {
    let mut out = Vec::new();
    for i in 0..expected.len().max(actual.len()) {
        match (expected.get(i), actual.get(i)) {
            (Some(e), Some(a)) if e == a => out.push(format!("      {e}")),
            (e, a) => {
                if let Some(e) = e {
                    out.push(format!("    - {e}"));
                }
                if let Some(a) = a {
                    out.push(format!("    + {a}"));
                }
            }
        }
    }
    out.join("\n")
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "panicked".into())
}

#[test]
fn every_scenario_gives_its_expected_plan() {
    let scenarios = load();
    assert!(
        scenarios.len() >= AT_LEAST,
        "{} scenarios, fewer than the {AT_LEAST} written",
        scenarios.len()
    );
    let mut failures = Vec::new();
    let mut assessed = BTreeMap::new();
    for (file, scenario) in &scenarios {
        match catch_unwind(AssertUnwindSafe(|| run(scenario))) {
            Ok(Ok(Some(a))) => {
                assessed.insert(scenario.name.as_str(), a);
            }
            Ok(Ok(None)) => {}
            Ok(Err(why)) => failures.push((file, &scenario.name, why)),
            Err(panic) => failures.push((file, &scenario.name, vec![panic_message(&panic)])),
        }
    }
    // Texts compared across scenarios, once every scenario has run.
    for (file, scenario) in &scenarios {
        for check in &scenario.actions {
            let Some(same) = &check.text_same_as else {
                continue;
            };
            let text_of = |name: &str, rule: &str| {
                assessed.get(name).and_then(|a| {
                    a.plan
                        .iter()
                        .find(|x| x.reason.rule.as_ref() == rule)
                        .map(|x| x.text.clone())
                })
            };
            let here = text_of(&scenario.name, &check.rule);
            let there = text_of(&same.scenario, &same.rule);
            if here.is_none() || here != there {
                failures.push((
                    file,
                    &scenario.name,
                    vec![format!(
                        "{} text {here:?} is not that of {} in {:?}: {there:?}",
                        check.rule, same.rule, same.scenario
                    )],
                ));
            }
        }
    }
    let report: Vec<String> = failures
        .iter()
        .map(|(file, name, why)| format!("{file}: {name}\n  {}", why.join("\n  ")))
        .collect();
    assert!(
        report.is_empty(),
        "{} of {} scenarios failed:\n\n{}",
        report.len(),
        scenarios.len(),
        report.join("\n\n")
    );
}

// Kept in Rust: a property of any plan against the policy document's rule
// order, not a fixed list of lines (the data scenario
// "a full contact is ordered safety first, then topic by topic"
// gives this contact's exact plan).
#[test]
fn a_full_contact_is_ordered_safety_first_then_topic_by_topic_in_the_order_of_the_conversation() {
    let contact = fixtures::contact_with(serde_json::json!({
        "setting": "emergency_department", "presenting_condition": "collapse"
    }));
    let answers: Answers = serde_json::from_value(serde_json::json!({
        "pat": {
            "drinks_alcohol": {"kind": "answered", "value": true},
            "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": 10.0}},
            "frequency": {"kind": "answered", "value": {"kind": "every_day"}},
            "attendance_related": {"kind": "answered", "value": false},
            "willing_to_see_specialist": {"kind": "answered", "value": true}},
        "smoking": {
            "status": {"kind": "current_smoker", "value": {"products": ["manufactured_cigarettes"],
                "cigarettes_per_day": {"kind": "answered", "value": 15},
                "minutes_to_first_cigarette": {"kind": "answered", "value": 20},
                "years_smoked": {"kind": "answered", "value": 20}}},
            "vaping": {"kind": "not_asked"}, "co_ppm": {"kind": "not_asked"}},
        "bmi": {"height": {"kind": "cm", "value": 200.0}, "weight": {"kind": "kg", "value": 120.0}, "waist": {"kind": "not_asked"}},
        "activity": {"gppaq": {"kind": "answered", "value": {
            "occupation": {"kind": "answered", "value": "sedentary"},
            "exercise_and_cycling": {"kind": "answered", "value": {"kind": "bands", "value": {"exercise": "none", "cycling": "none"}}},
            "walking": {"kind": "not_asked"}, "housework_and_childcare": {"kind": "not_asked"},
            "gardening_and_diy": {"kind": "not_asked"}, "walking_pace": {"kind": "not_asked"}}},
            "weekly": {"kind": "not_asked"}}
    }))
    .unwrap();
    let a = assess(&contact, &answers, &Policy::national_default().unwrap()).unwrap();
    // Safety alerts first (CLINICAL-REFERENCE §6.2).
    let alerts = a
        .plan
        .iter()
        .take_while(|x| x.kind == ActionKind::SafetyAlert)
        .count();
    assert!(alerts >= 1, "{:?}", lines(&a));
    assert!(
        a.plan[alerts..]
            .iter()
            .all(|x| x.kind != ActionKind::SafetyAlert),
        "{:?}",
        lines(&a)
    );
    // Then topic by topic, each topic once, in the order of the conversation
    // within it; ties keep the policy's rule order.
    let rest = &a.plan[alerts..];
    let mut topics: Vec<mecc::outcome::Topic> = Vec::new();
    for x in rest {
        if topics.last() != Some(&x.topic) {
            assert!(!topics.contains(&x.topic), "topic split: {:?}", lines(&a));
            topics.push(x.topic);
        }
    }
    // The alcohol health worker can see him now: alcohol leads.
    assert_eq!(
        topics.first(),
        Some(&mecc::outcome::Topic::Alcohol),
        "{:?}",
        lines(&a)
    );
    let doc = PolicyDocument::national_default().unwrap();
    let position = |id: &str| doc.rules.iter().position(|r| r.id == id).unwrap();
    for pair in rest.windows(2) {
        if pair[0].topic != pair[1].topic {
            continue;
        }
        assert!(
            pair[0].kind.rank() <= pair[1].kind.rank(),
            "{:?}",
            lines(&a)
        );
        if pair[0].kind.rank() == pair[1].kind.rank() {
            assert!(
                position(&pair[0].reason.rule) <= position(&pair[1].reason.rule),
                "{:?}",
                lines(&a)
            );
        }
    }
}

const ONE: &str = r#"{"about": "one", "scenarios": [{"name": "a", "source": "CLINICAL-REFERENCE §6",
    "contact": {"base": "default"}, "answers": {}, "expected": []}]}"#;

#[test]
#[should_panic(expected = "empty.json has no scenarios")]
fn a_file_without_scenarios_fails_the_run() {
    read_file(
        "empty.json",
        r#"{"about": "none", "scenarios": []}"#,
        &mut BTreeSet::new(),
    );
}

#[test]
#[should_panic(expected = "scenario name \"a\" is used twice")]
fn a_scenario_name_used_twice_fails_the_run() {
    let mut names = BTreeSet::new();
    read_file("first.json", ONE, &mut names);
    read_file("second.json", ONE, &mut names);
}

#[test]
fn a_scenario_with_no_answers_gives_an_empty_plan() {
    let scenarios = read_file("one.json", ONE, &mut BTreeSet::new());
    assert!(matches!(run(&scenarios[0].1), Ok(Some(a)) if a.plan.is_empty()));
}
