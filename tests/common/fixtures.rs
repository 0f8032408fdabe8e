//! The contact the tests start from, and a way to change parts of it.

use mecc::context::Contact;
use serde_json::{Value, json};

/// A complete contact document: a 45-year-old man, not pregnant, of white
/// family background, seen in general practice with extended time, sober,
/// in no priority group and with no comorbidity.
pub fn contact_json() -> Value {
    json!({
        "age": 45, "sex": "male", "pregnant": "no", "family_background": "white",
        "setting": "general_practice", "time_available": "extended",
        "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
                          "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
    })
}

/// [`contact_json`] read as a [`Contact`].
pub fn contact() -> Contact {
    serde_json::from_value(contact_json()).expect("the fixture contact reads")
}

/// [`contact_json`] with `changes` merged over it (see [`merge`]).
pub fn with(changes: Value) -> Value {
    merge(contact_json(), &changes)
}

/// [`with`] read as a [`Contact`].
pub fn contact_with(changes: Value) -> Contact {
    let json = with(changes);
    serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"))
}

/// `base` with `changes` merged over it: objects merge key by key, at any
/// depth (so `{"comorbidities": {"hypertension": "yes"}}` changes one
/// comorbidity); anything else, `null` and arrays included, replaces.
pub fn merge(mut base: Value, changes: &Value) -> Value {
    merge_into(&mut base, changes);
    base
}

fn merge_into(base: &mut Value, changes: &Value) {
    match (base, changes) {
        (Value::Object(base), Value::Object(changes)) => {
            for (key, change) in changes {
                match base.get_mut(key) {
                    Some(slot) => merge_into(slot, change),
                    None => {
                        base.insert(key.clone(), change.clone());
                    }
                }
            }
        }
        (slot, change) => *slot = change.clone(),
    }
}

/// The contacts the scenario files name as a `base`: `default` is
/// [`contact_json`]; `emergency_department` is the same person attending the
/// emergency department after a fall, with very brief time.
pub fn named(base: &str) -> Option<Value> {
    match base {
        "default" => Some(contact_json()),
        "emergency_department" => Some(with(json!({
            "setting": "emergency_department",
            "presenting_condition": "fall",
            "time_available": "very_brief"
        }))),
        _ => None,
    }
}

/// A contact as the scenario files give it: a complete document, or
/// `{"base": name, "changes": {...}}` with the changes merged over the named
/// base contact.
pub fn from_spec(spec: &Value) -> Result<Value, String> {
    let Some(base) = spec.get("base") else {
        return Ok(spec.clone());
    };
    let object = spec.as_object().expect("an object, since it has a base");
    if let Some(extra) = object.keys().find(|k| *k != "base" && *k != "changes") {
        return Err(format!("contact: unknown key {extra:?} beside base"));
    }
    let base = base.as_str().ok_or("contact: base is not a string")?;
    let base = named(base).ok_or(format!("contact: no base contact {base:?}"))?;
    Ok(match spec.get("changes") {
        Some(changes) => merge(base, changes),
        None => base,
    })
}

/// The national default with `rewrite` applied to each of its rules,
/// compiled. The protected rules' rewrites are recorded as safety overrides,
/// as the checks require; a rewrite meant to keep every rule firing
/// whenever it did keeps them firing too.
pub fn national_with_rules_rewritten(rewrite: impl Fn(&mut Value)) -> mecc::policy::Policy {
    let national = mecc::policy::Policy::national_default_shared().expect("the shipped policy");
    let mut document = serde_json::to_value(national.document()).expect("a policy serializes");
    let mut overrides = Vec::new();
    for rule in document["rules"].as_array_mut().expect("rules are a list") {
        rewrite(rule);
        if let Some(id) = rule["id"].as_str()
            && mecc::policy::PROTECTED_RULES.contains(&id)
        {
            overrides.push(json!({
                "rule_id": id, "reason": "rewritten for a test", "approved_by": "the test"
            }));
        }
    }
    document["safety_overrides"] = Value::Array(overrides);
    mecc::policy::Policy::compile(serde_json::from_value(document).expect("a policy document"))
        .expect("the rewritten policy compiles")
}
