//! The documents of the contract go through CBOR, a second self-describing
//! format, and come back equal: screenings (contact, answers, overlay),
//! answers, the national default policy and assessments. JSON is the format
//! the crate documents, but nothing in the types should depend on JSON's
//! specifics (how numbers, maps or enums are written).
//!
//! The documents are the plan scenarios (`tests/scenarios/*.json`), the
//! golden vectors of every instrument (`tests/data/*.json`) and the screen
//! example, so every instrument and its alternative answer forms are covered.
mod common;

use common::fixtures;
use mecc::policy::{Policy, PolicyDocument, PolicyOverlay};
use mecc::{Answers, Assessment, Screening, assess};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::fmt::Debug;
use std::path::Path;

/// Writes `value` as CBOR and reads it back: the reason when it fails or
/// comes back different.
fn round_trip<T>(value: &T) -> Result<(), String>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let mut bytes = Vec::new();
    ciborium::into_writer(value, &mut bytes).map_err(|e| format!("does not write: {e}"))?;
    let back: T =
        ciborium::from_reader(bytes.as_slice()).map_err(|e| format!("does not read back: {e}"))?;
    if &back != value {
        return Err(format!("reads back as\n{back:?}\nnot\n{value:?}"));
    }
    Ok(())
}

/// Round-trips every named value and fails listing each one that does not
/// come back, after checking there were at least `min`.
fn assert_all_round_trip<T>(what: &str, values: &[(String, T)], min: usize)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    assert!(
        values.len() >= min,
        "only {} {what}, expected at least {min}",
        values.len()
    );
    let failures: Vec<String> = values
        .iter()
        .filter_map(|(name, value)| round_trip(value).err().map(|e| format!("{name}: {e}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} {what} do not round-trip through CBOR:\n\n{}",
        failures.len(),
        values.len(),
        failures.join("\n\n")
    );
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files_in(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
}

/// The screenings of the plan scenarios that `assess` accepts.
fn scenario_screenings() -> Vec<(String, Screening)> {
    let mut out = Vec::new();
    for path in files_in("tests/scenarios") {
        for s in read_json(&path)["scenarios"].as_array().unwrap() {
            if s.get("error").is_some() {
                continue;
            }
            let name = s["name"].as_str().unwrap().to_string();
            let contact = fixtures::from_spec(&s["contact"]).unwrap();
            let document = json!({
                "contact": contact,
                "answers": s["answers"],
                "overlay": s.get("overlay").cloned().unwrap_or(Value::Null),
            });
            let screening: Screening =
                serde_json::from_value(document).unwrap_or_else(|e| panic!("scenario {name}: {e}"));
            out.push((format!("scenario {name}"), screening));
        }
    }
    out
}

/// The answers of the golden vectors that read, each wrapped as the
/// instrument's part of the answers, with the contact each was scored for.
fn golden_answers() -> Vec<(String, Value, Answers)> {
    let mut out = Vec::new();
    for (file, key) in [
        ("pat.json", "pat"),
        ("audit.json", "audit"),
        ("fast.json", "fast"),
        ("smoking.json", "smoking"),
        ("bmi.json", "bmi"),
        ("activity.json", "activity"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(file);
        let before = out.len();
        for case in read_json(&path).as_array().unwrap() {
            // Cases that expect an error have answers that do not read.
            let Ok(answers) = serde_json::from_value::<Answers>(json!({key: case["answers"]}))
            else {
                continue;
            };
            let mut changes = case.get("contact").cloned().unwrap_or(json!({}));
            if let Some(age) = case.get("age") {
                changes["age"] = age.clone();
            }
            let name = format!("{file} {}", case["name"].as_str().unwrap());
            out.push((name, fixtures::with(changes), answers));
        }
        assert!(
            out.len() - before >= 20,
            "{file}: only {} read",
            out.len() - before
        );
    }
    out
}

#[test]
fn the_national_default_policy_round_trips() {
    let document = PolicyDocument::national_default().unwrap();
    assert_all_round_trip(
        "policy documents",
        &[("national default".to_string(), document)],
        1,
    );
}

#[test]
fn screenings_round_trip() {
    let mut screenings = scenario_screenings();
    let example: Screening =
        serde_json::from_str(include_str!("../examples/data/screen.json")).unwrap();
    assert!(example.overlay.is_some());
    screenings.push(("examples/data/screen.json".into(), example));
    assert!(
        screenings.iter().any(|(_, s)| s.overlay.is_some()),
        "some screenings carry an overlay"
    );
    assert_all_round_trip("screenings", &screenings, 80);
    let overlays: Vec<(String, PolicyOverlay)> = screenings
        .into_iter()
        .filter_map(|(name, s)| s.overlay.map(|o| (name, o)))
        .collect();
    assert_all_round_trip("overlays", &overlays, 10);
}

#[test]
fn answers_round_trip() {
    let mut answers: Vec<(String, Answers)> = golden_answers()
        .into_iter()
        .map(|(name, _, answers)| (name, answers))
        .collect();
    answers.extend(
        scenario_screenings()
            .into_iter()
            .map(|(name, s)| (name, s.answers)),
    );
    assert_all_round_trip("answers", &answers, 400);
}

#[test]
fn assessments_round_trip() {
    let mut assessments: Vec<(String, Assessment)> = scenario_screenings()
        .into_iter()
        .map(|(name, s)| {
            let a = s.run().unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, a)
        })
        .collect();
    let national = Policy::national_default().unwrap();
    for (name, contact, answers) in golden_answers() {
        // A contact the answers contradict (a child's golden vector, say) is
        // refused, and there is then no assessment to write.
        let Ok(contact) = serde_json::from_value(contact) else {
            continue;
        };
        if let Ok(a) = assess(&contact, &answers, &national) {
            assessments.push((name, a));
        }
    }
    assert!(
        assessments.iter().any(|(_, a)| a.policy.based_on.is_some()),
        "some assessments come from a local policy"
    );
    assert_all_round_trip("assessments", &assessments, 400);
}

/// The keys whose numbers `mecc` reads as floats (the quantities in units,
/// centimetres, inches, kilograms, pounds, millilitres and percent).
const FLOAT_QUANTITIES: [&str; 7] = [
    "units",
    "cm",
    "inches",
    "kg",
    "pounds",
    "volume_ml",
    "abv_percent",
];

/// `json` with every whole number under a [`FLOAT_QUANTITIES`] key written
/// as a float, as a CBOR encoder writes a float quantity.
fn floats_for_quantities(json: &Value) -> Value {
    match json {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    // A quantity is a field (`"inches": 10`) or a tagged form
                    // whose kind names the unit (`{"kind": "cm", "value": 170}`).
                    let quantity = FLOAT_QUANTITIES.contains(&k.as_str())
                        || (k == "value"
                            && map
                                .get("kind")
                                .and_then(Value::as_str)
                                .is_some_and(|kind| FLOAT_QUANTITIES.contains(&kind)));
                    let v = match v {
                        Value::Number(n) if quantity => json!(n.as_f64().unwrap()),
                        other => floats_for_quantities(other),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(floats_for_quantities).collect()),
        other => other.clone(),
    }
}

/// `json`, transcoded to CBOR, reads as the same `T` as from JSON: the
/// reason when it does not.
fn reads_alike<T>(json: &Value) -> Result<(), String>
where
    T: DeserializeOwned + PartialEq + Debug,
{
    let from_json: T = serde_json::from_value(json.clone()).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    ciborium::into_writer(json, &mut bytes).map_err(|e| format!("does not write: {e}"))?;
    let from_cbor: T =
        ciborium::from_reader(bytes.as_slice()).map_err(|e| format!("CBOR does not read: {e}"))?;
    if from_cbor != from_json {
        return Err(format!("reads as\n{from_cbor:?}\nnot\n{from_json:?}"));
    }
    Ok(())
}

/// A JSON document and the name of the case it comes from.
type Named = (String, Value);

/// Every input document the tests hold, as written: the scenarios' screenings
/// and the screen example (as `Screening`), and the golden vectors' answers
/// (as `Answers`).
fn input_documents() -> (Vec<Named>, Vec<Named>) {
    let mut screenings: Vec<Named> = Vec::new();
    for path in files_in("tests/scenarios") {
        for s in read_json(&path)["scenarios"].as_array().unwrap() {
            let name = s["name"].as_str().unwrap();
            let document = json!({
                "contact": fixtures::from_spec(&s["contact"]).unwrap(),
                "answers": s["answers"],
                "overlay": s.get("overlay").cloned().unwrap_or(Value::Null),
            });
            screenings.push((format!("scenario {name}"), document));
        }
    }
    screenings.push((
        "examples/data/screen.json".into(),
        serde_json::from_str(include_str!("../examples/data/screen.json")).unwrap(),
    ));
    let mut answers = Vec::new();
    for (file, key) in [
        ("pat.json", "pat"),
        ("audit.json", "audit"),
        ("fast.json", "fast"),
        ("smoking.json", "smoking"),
        ("bmi.json", "bmi"),
        ("activity.json", "activity"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(file);
        for case in read_json(&path).as_array().unwrap() {
            let json = json!({key: case["answers"]});
            if serde_json::from_value::<Answers>(json.clone()).is_ok() {
                answers.push((format!("{file} {}", case["name"]), json));
            }
        }
    }
    (screenings, answers)
}

/// Reads every input document from CBOR after `transcode`, and fails listing
/// each one that reads differently from its JSON.
fn assert_inputs_read_alike(transcode: fn(&Value) -> Value) {
    let (screenings, answers) = input_documents();
    assert!(
        screenings.len() >= 80,
        "only {} screenings",
        screenings.len()
    );
    assert!(
        answers.len() >= 400,
        "only {} golden answers",
        answers.len()
    );
    let mut failures: Vec<String> = screenings
        .iter()
        .filter_map(|(name, doc)| {
            reads_alike::<Screening>(&transcode(doc))
                .err()
                .map(|e| format!("{name}: {e}"))
        })
        .collect();
    failures.extend(answers.iter().filter_map(|(name, doc)| {
        reads_alike::<Answers>(&transcode(doc))
            .err()
            .map(|e| format!("{name}: {e}"))
    }));
    let policy = serde_json::to_value(PolicyDocument::national_default().unwrap()).unwrap();
    if let Err(e) = reads_alike::<PolicyDocument>(&transcode(&policy)) {
        failures.push(format!("national default policy: {e}"));
    }
    assert!(
        failures.is_empty(),
        "{} documents read differently from CBOR:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

// The round trips above write each value in its canonical form; hosts may
// send the other forms the JSON accepts (scores for AUDIT and FAST answers,
// drinks for units, imperial measures), so the documents as written are also
// read from CBOR, with float quantities written as CBOR floats.
#[test]
fn documents_as_written_read_alike_from_cbor() {
    assert_inputs_read_alike(floats_for_quantities);
}

// JSON has one kind of number; CBOR has integers and floats, and encoders
// write a whole number such as 7.0 as the integer 7. Every float quantity
// (the fields and kinds in FLOAT_QUANTITIES) is read through a visitor that takes either,
// so `{"kind": "units", "value": 7}` or `{"kind": "cm", "value": 170}`
// written as CBOR integers reads as JSON
// does.
#[test]
fn whole_number_quantities_read_alike_from_cbor_integers() {
    assert_inputs_read_alike(Value::clone);
}
