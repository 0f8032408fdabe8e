//! Errors from the `from_json` entry points: every refusal points to the
//! value (RFC 6901), gives it as written, says what was expected and, where
//! a likely mistake can be guessed, a hint, in plain words (CLINICAL-REFERENCE
//! §0: input documents are objects, without unknown fields or repeated keys).

mod common;

use mecc::policy::{PolicyDocument, PolicyOverlay};
use mecc::{Answers, Error, Screening, context::Contact};
use proptest::prelude::*;
use serde_json::{Value, json};

fn screening() -> Value {
    serde_json::from_str(include_str!("../examples/data/screen.json")).unwrap()
}

fn with(change: impl FnOnce(&mut Value)) -> String {
    let mut doc = screening();
    change(&mut doc);
    doc.to_string()
}

fn bmi_screening(height: Value) -> String {
    with(|d| {
        d["answers"] = json!({"bmi": {"height": height,
                                      "weight": {"kind": "kg", "value": 71.5},
                                      "waist": {"kind": "not_asked"}}});
    })
}

/// The error's JSON form, as a host reads it.
fn json_of(error: &Error) -> Value {
    serde_json::to_value(error).unwrap()
}

/// What each bad document gives: pointer, value, expected, message.
struct Case {
    name: &'static str,
    text: String,
    pointer: &'static str,
    value: Option<&'static str>,
    expected: &'static str,
    message: &'static str,
}

fn cases() -> Vec<Case> {
    let case = |name, text: String, pointer, value, expected, message| Case {
        name,
        text,
        pointer,
        value,
        expected,
        message,
    };
    let duplicate_top = {
        let text = with(|_| {});
        format!("{}, \"overlay\": null}}", &text[..text.len() - 1])
    };
    let duplicate_nested = with(|_| {}).replacen("\"age\":58", "\"age\":58,\"age\":59", 1);
    let truncated = with(|_| {});
    let truncated = truncated[..truncated.find("\"pathways\"").unwrap()].to_string();
    let mut policy: Value = serde_json::from_str(mecc::policy::NATIONAL_DEFAULT_JSON).unwrap();
    let rule = policy["rules"][0].clone();
    policy["rules"][0] = Value::Array(rule.as_object().unwrap().values().cloned().collect());
    vec![
        case(
            "age -5",
            with(|d| d["contact"]["age"] = json!(-5)),
            "/contact/age",
            Some(r#"-5"#),
            "an age from 0 to 120 whole years",
            "at /contact/age: age is -5: expected an age from 0 to 120 whole years (age cannot be negative)",
        ),
        case(
            "age 121",
            with(|d| d["contact"]["age"] = json!(121)),
            "/contact/age",
            Some(r#"121"#),
            "an age from 0 to 120 whole years",
            "at /contact/age: age is 121: expected an age from 0 to 120 whole years",
        ),
        case(
            "age 1975",
            with(|d| d["contact"]["age"] = json!(1975)),
            "/contact/age",
            Some(r#"1975"#),
            "an age from 0 to 120 whole years",
            "at /contact/age: age is 1975: expected an age from 0 to 120 whole years (this looks like a year of birth: give the age in years)",
        ),
        case(
            "bare answer",
            with(|d| d["answers"]["pat"]["drinks_alcohol"] = json!(true)),
            "/answers/pat/drinks_alcohol",
            Some(r#"true"#),
            r#"{"kind": "answered", "value": ...} or {"kind": "not_asked"}"#,
            r#"at /answers/pat/drinks_alcohol: true is not written as an answer (answers are given as {"kind": "answered", "value": ...} or {"kind": "not_asked"}; here, {"kind": "answered", "value": true})"#,
        ),
        case(
            "variant without details",
            with(|d| d["contact"]["comorbidities"]["diabetes"] = json!("type_2")),
            "/contact/comorbidities/diabetes",
            Some(r#""type_2""#),
            r#"an object {"kind": ..., "value": ...} naming one of its forms"#,
            r#"at /contact/comorbidities/diabetes: type_2 is given as text, not as an object naming it: expected an object {"kind": ..., "value": ...} naming one of its forms (write it as {"kind": "type_2"}, with the details of that form, if it has any, under "value")"#,
        ),
        case(
            "an answer's form given as text",
            with(|d| d["answers"]["smoking"]["co_ppm"] = json!("not_asked")),
            "/answers/smoking/co_ppm",
            Some(r#""not_asked""#),
            r#"{"kind": "answered", "value": ...} or {"kind": "not_asked"}"#,
            r#"at /answers/smoking/co_ppm: not_asked is given as text, not as an object naming it: expected {"kind": "answered", "value": ...} or {"kind": "not_asked"} (write it as {"kind": "not_asked"}, with the details of that form, if it has any, under "value")"#,
        ),
        case(
            "text that is no form of answer",
            with(|d| d["answers"]["smoking"]["co_ppm"] = json!("not_measured")),
            "/answers/smoking/co_ppm",
            Some(r#""not_measured""#),
            r#"{"kind": "answered", "value": ...} or {"kind": "not_asked"}"#,
            r#"at /answers/smoking/co_ppm: not_measured is given as text, and is not a form of answer: expected {"kind": "answered", "value": ...} or {"kind": "not_asked"} (for a question not asked or a measurement not taken, write {"kind": "not_asked"}; for an answer, {"kind": "answered", "value": ...})"#,
        ),
        case(
            "sex M",
            with(|d| d["contact"]["sex"] = json!("M")),
            "/contact/sex",
            Some(r#""M""#),
            "one of male, female, not_known",
            "at /contact/sex: M is not one of the accepted values: expected one of male, female, not_known",
        ),
        case(
            "unknown field",
            with(|d| d["contact"]["agee"] = json!(58)),
            "/contact/agee",
            Some(r#"58"#),
            "a field named one of age, age_in_months, age_confirmed, sex, pregnant, family_background, setting, time_available, presenting_condition, intoxicated, priority_groups, comorbidities",
            "at /contact/agee: agee is not a field here: expected a field named one of age, age_in_months, age_confirmed, sex, pregnant, family_background, setting, time_available, presenting_condition, intoxicated, priority_groups, comorbidities",
        ),
        case(
            "missing field",
            with(|d| {
                d["contact"].as_object_mut().unwrap().remove("sex");
            }),
            "/contact/sex",
            None,
            "a value for sex: this field is required",
            "at /contact/sex: sex is missing: expected a value for sex: this field is required",
        ),
        case(
            "pregnant and male",
            with(|d| d["contact"]["pregnant"] = json!("yes")),
            "/contact/pregnant",
            Some(r#""yes""#),
            "a value consistent with sex = male",
            "at /contact/pregnant: pregnant is yes, which contradicts sex = male: check which of the two was recorded in error; use not_known for sex if it is not recorded",
        ),
        case(
            "presenting condition outside the ED",
            with(|d| d["contact"]["setting"] = json!("general_practice")),
            "/contact/presenting_condition",
            Some(r#""assault""#),
            "a value consistent with setting = general_practice",
            "at /contact/presenting_condition: presenting_condition is assault, which contradicts setting = general_practice: a presenting condition is recorded only for emergency-department contacts; use null elsewhere",
        ),
        case(
            "height in metres",
            bmi_screening(json!({"kind": "cm", "value": 1.72})),
            "/answers/bmi/height/value",
            Some(r#"1.72"#),
            "a height from 100 to 250 cm",
            "at /answers/bmi/height/value: height_cm is 1.72: expected a height from 100 to 250 cm (this looks like metres: did you mean 172 cm?)",
        ),
        case(
            "top-level array",
            json!([
                screening()["contact"].clone(),
                screening()["answers"].clone(),
                null
            ])
            .to_string(),
            "",
            Some(
                r#"[{"age":58,"comorbidities":{"bariatric_surgery":{"kind":"none"},"diabetes":{"kin…"#,
            ),
            "an object with named fields, not a list",
            "at the top level: a list was given: expected an object with named fields, not a list (fields given by position could be assigned to the wrong questions)",
        ),
        case(
            "contact as an array",
            with(|d| {
                d["contact"] = Value::Array(
                    d["contact"]
                        .as_object()
                        .unwrap()
                        .values()
                        .cloned()
                        .collect(),
                )
            }),
            "/contact",
            Some(
                r#"[58,{"bariatric_surgery":{"kind":"none"},"diabetes":{"kind":"none"},"eating_diso…"#,
            ),
            "an object with named fields, not a list",
            "at /contact: a list was given: expected an object with named fields, not a list (fields given by position could be assigned to the wrong questions)",
        ),
        case(
            "answer object as an array",
            with(|d| {
                d["answers"]["pat"] = Value::Array(
                    d["answers"]["pat"]
                        .as_object()
                        .unwrap()
                        .values()
                        .cloned()
                        .collect(),
                )
            }),
            "/answers/pat",
            Some(
                r#"[{"kind":"answered","value":true},{"kind":"answered","value":true},{"kind":"answ…"#,
            ),
            "an object with named fields, not a list",
            "at /answers/pat: a list was given: expected an object with named fields, not a list (fields given by position could be assigned to the wrong questions)",
        ),
        case(
            "amount as an array",
            with(|d| {
                d["answers"]["pat"]["most_in_one_day"] = json!({"kind": "answered", "value": [7]})
            }),
            "/answers/pat/most_in_one_day/value",
            Some(r#"[7]"#),
            "an object with named fields, not a list",
            "at /answers/pat/most_in_one_day/value: a list was given: expected an object with named fields, not a list (fields given by position could be assigned to the wrong questions)",
        ),
        case(
            "duplicate key at top level",
            duplicate_top.clone(),
            "/overlay",
            Some(r#"null"#),
            "each field once",
            "at /overlay: overlay is given more than once: expected each field once (the document may have been joined from two: keep one of them)",
        ),
        case(
            "duplicate key nested",
            duplicate_nested.clone(),
            "/contact/age",
            Some(r#"59"#),
            "each field once",
            "at /contact/age: age is given more than once: expected each field once (the document may have been joined from two: keep one of them)",
        ),
        case(
            "trailing garbage",
            format!("{} x", with(|_| {})),
            "",
            None,
            "the end of the document",
            "at line 1 column 1135: there is more text after the end of the document: expected the end of the document",
        ),
        case(
            "truncated",
            truncated.clone(),
            "/overlay",
            None,
            "the rest of the document",
            "at line 1 column 1042, in /overlay: the document ends before it is complete: expected the rest of the document",
        ),
        case(
            "overlay with a bad pathway field",
            with(|d| d["overlay"]["pathways"][0]["exists_locally"] = json!("maybe")),
            "/overlay/pathways/0/exists_locally",
            Some(r#""maybe""#),
            "true or false",
            r#"at /overlay/pathways/0/exists_locally: the text "maybe" is not accepted here: expected true or false"#,
        ),
        case(
            "policy with a rule as an array",
            policy.to_string(),
            "/rules/0",
            Some(
                r#"[[{"concept":null,"duration_s":null,"intensity":"very_brief","kind":"safety_aler…"#,
            ),
            "an object with named fields, not a list",
            "at /rules/0: a list was given: expected an object with named fields, not a list (fields given by position could be assigned to the wrong questions)",
        ),
    ]
}

#[test]
fn each_bad_input_gives_its_pointer_value_expected_and_message() {
    for c in cases() {
        let err = if c.name.starts_with("policy") {
            PolicyDocument::from_json(&c.text).unwrap_err()
        } else {
            Screening::from_json(&c.text).unwrap_err()
        };
        let got = json_of(&err);
        assert_eq!(got["kind"], "json", "{}", c.name);
        assert_eq!(err.pointer(), Some(c.pointer), "{}", c.name);
        assert_eq!(got["pointer"], c.pointer, "{}", c.name);
        assert_eq!(got["value"].as_str(), c.value, "{}", c.name);
        assert_eq!(got["expected"], c.expected, "{}", c.name);
        assert_eq!(got["message"], c.message, "{}", c.name);
        assert_eq!(err.to_string(), c.message, "{}", c.name);
        for word in [
            "unit variant",
            "struct variant",
            "u32",
            "u8",
            "f64",
            "map",
            "sequence",
            "line 1 column 22",
        ] {
            assert!(!c.message.contains(word), "{}: {}", c.name, c.message);
        }
    }
}

#[test]
fn a_refused_check_keeps_its_structure_as_the_cause() {
    let err = Screening::from_json(&with(|d| d["contact"]["age"] = json!(121))).unwrap_err();
    assert!(err.is_out_of_range());
    assert_eq!(err.field(), "age");
    let got = json_of(&err);
    assert_eq!(
        got["cause"],
        json!({"kind": "out_of_range", "field": "age", "value": "121",
               "expected": "an age from 0 to 120 whole years", "hint": null})
    );

    let err = Screening::from_json(&with(|d| d["contact"]["pregnant"] = json!("yes"))).unwrap_err();
    assert!(err.is_inconsistent());
    assert_eq!(json_of(&err)["cause"]["other"], "sex = male");
    assert_eq!(
        json_of(&err)["hint"],
        "check which of the two was recorded in error; use not_known for sex if it is not recorded"
    );

    let err =
        Screening::from_json(&bmi_screening(json!({"kind": "cm", "value": 1.72}))).unwrap_err();
    let got = json_of(&err);
    assert_eq!(got["cause"]["field"], "height_cm");
    assert_eq!(got["cause"]["value"], "1.72");
    assert_eq!(got["hint"], "this looks like metres: did you mean 172 cm?");
    assert_eq!(got["cause"]["hint"], got["hint"]);
}

#[test]
fn parse_errors_carry_their_position_as_data() {
    let err = Screening::from_json(&format!("{} x", with(|_| {}))).unwrap_err();
    let got = json_of(&err);
    assert_eq!(got["line"], 1);
    assert!(got["column"].as_u64().unwrap() > 1);
    assert_eq!(got["cause"], Value::Null);
    assert_eq!(got["hint"], Value::Null);
}

#[test]
fn every_entry_point_points_within_its_own_document() {
    let contact = screening()["contact"].clone();
    let mut bad = contact.clone();
    bad["sex"] = json!("M");
    let err = Contact::from_json(&bad.to_string()).unwrap_err();
    assert_eq!(err.pointer(), Some("/sex"));

    let mut answers = screening()["answers"].clone();
    answers["pat"]["drinks_alcohol"] = json!(true);
    let err = Answers::from_json(&answers.to_string()).unwrap_err();
    assert_eq!(err.pointer(), Some("/pat/drinks_alcohol"));
    assert_eq!(
        json_of(&err)["hint"],
        r#"answers are given as {"kind": "answered", "value": ...} or {"kind": "not_asked"}; here, {"kind": "answered", "value": true}"#
    );

    let mut overlay = screening()["overlay"].clone();
    overlay["pathways"][0]["bogus"] = json!(1);
    let err = PolicyOverlay::from_json(&overlay.to_string()).unwrap_err();
    assert_eq!(err.pointer(), Some("/pathways/0/bogus"));

    // A policy document that cannot be read still lists one
    // malformed_document diagnostic, saying the same as the message.
    let err = PolicyDocument::from_json(r#"{"id": "x", "version": 1}"#).unwrap_err();
    assert_eq!(err.pointer(), Some("/version"));
    assert_eq!(err.diagnostics().len(), 1);
    assert_eq!(err.diagnostics()[0].message, err.to_string());
}

#[test]
fn a_leading_byte_order_mark_is_ignored_by_every_entry_point() {
    let doc = screening();
    let bom = |v: &Value| format!("\u{feff}{v}");
    let screening = Screening::from_json(&bom(&doc)).unwrap();
    assert_eq!(screening, serde_json::from_value(doc.clone()).unwrap());
    Contact::from_json(&bom(&doc["contact"])).unwrap();
    Answers::from_json(&bom(&doc["answers"])).unwrap();
    PolicyOverlay::from_json(&bom(&doc["overlay"])).unwrap();
    PolicyDocument::from_json(&format!("\u{feff}{}", mecc::policy::NATIONAL_DEFAULT_JSON)).unwrap();
    // Only one, and only at the start.
    assert!(Screening::from_json(&format!("\u{feff}{}", bom(&doc))).is_err());
}

#[test]
fn a_key_given_twice_is_refused_at_every_depth() {
    let text = with(|_| {});
    let cases = [
        ("\"answers\":{", "\"answers\":{},\"answers\":{", "/answers"),
        (
            "\"sex\":\"male\"",
            "\"sex\":\"male\",\"sex\":\"male\"",
            "/contact/sex",
        ),
        (
            r#""diabetes":{"kind":"none"}"#,
            r#""diabetes":{"kind":"none"},"diabetes":{"kind":"none"}"#,
            "/contact/comorbidities/diabetes",
        ),
        (
            r#""drinks_alcohol":{"kind":"answered","value":true}"#,
            r#""drinks_alcohol":{"kind":"answered","value":true},"drinks_alcohol":{"kind":"answered","value":true}"#,
            "/answers/pat/drinks_alcohol",
        ),
        (
            "\"exists_locally\":false",
            "\"exists_locally\":false,\"exists_locally\":false",
            "/overlay/pathways/0/exists_locally",
        ),
    ];
    for (from, to, pointer) in cases {
        assert!(text.contains(from), "{from}");
        let err = Screening::from_json(&text.replacen(from, to, 1)).unwrap_err();
        assert_eq!(err.pointer(), Some(pointer), "{err}");
        assert!(err.to_string().contains("given more than once"), "{err}");
    }
    // Inside an answer, its value given twice.
    let twice = text.replacen(
        r#"{"kind":"answered","value":true}"#,
        r#"{"kind":"answered","value":true,"value":true}"#,
        1,
    );
    let err = Screening::from_json(&twice).unwrap_err();
    assert_eq!(err.pointer(), Some("/answers/pat/attendance_related/value"));
    assert!(err.to_string().contains("given more than once"), "{err}");
    // In a policy's rule.
    let policy =
        mecc::policy::NATIONAL_DEFAULT_JSON.replacen("\"id\":", "\"id\": \"x\", \"id\":", 2);
    let err = PolicyDocument::from_json(&policy).unwrap_err();
    assert!(
        err.to_string().contains("id is given more than once"),
        "{err}"
    );
}

/// Every object in `doc`, by its pointer.
fn objects(doc: &Value, at: &str, out: &mut Vec<String>) {
    match doc {
        Value::Object(members) => {
            out.push(at.to_string());
            for (key, value) in members {
                let key = key.replace('~', "~0").replace('/', "~1");
                objects(value, &format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                objects(item, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Replaces each object of `doc` in turn by the list of its values, and
/// checks that `read` refuses the result, pointing to it.
fn assert_lists_refused(doc: &Value, read: impl Fn(&str) -> Result<(), Error>) {
    read(&doc.to_string()).expect("the document is valid");
    let mut pointers = Vec::new();
    objects(doc, "", &mut pointers);
    assert!(!pointers.is_empty());
    for pointer in pointers {
        let mut changed = doc.clone();
        let slot = changed.pointer_mut(&pointer).unwrap();
        let values: Vec<Value> = slot.as_object().unwrap().values().cloned().collect();
        *slot = Value::Array(values);
        let err = read(&changed.to_string()).expect_err(&pointer);
        assert_eq!(err.pointer(), Some(pointer.as_str()), "{err}");
    }
}

#[test]
fn a_list_in_place_of_any_object_is_refused_in_every_input_type() {
    for entry in std::fs::read_dir("examples/data").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_lists_refused(&doc, |t| Screening::from_json(t).map(drop));
            assert_lists_refused(&doc["contact"], |t| Contact::from_json(t).map(drop));
            assert_lists_refused(&doc["answers"], |t| Answers::from_json(t).map(drop));
        }
    }
    let policy: Value = serde_json::from_str(mecc::policy::NATIONAL_DEFAULT_JSON).unwrap();
    assert_lists_refused(&policy, |t| PolicyDocument::from_json(t).map(drop));
    let overlay = json!({
        "id": "local", "version": "1",
        "pathways": [{"id": "community_alcohol_service", "exists_locally": false,
                      "name": "Local service", "mode": "opt_in"}],
        "add_rules": [policy["rules"][3].clone()],
        "replace_rules": [policy["rules"][5].clone()],
        "remove_rules": [],
        "no_action": policy["no_action"].clone(),
        "codes": policy["codes"].clone(),
        "safety_overrides": [{"rule_id": "x", "reason": "r", "approved_by": "a"}]
    });
    assert_lists_refused(&overlay, |t| PolicyOverlay::from_json(t).map(drop));
}

/// Every value in `doc`, by its pointer.
fn pointers(doc: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_string());
    match doc {
        Value::Object(members) => {
            for (key, value) in members {
                let key = key.replace('~', "~0").replace('/', "~1");
                pointers(value, &format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// One change to a valid document.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the value at the chosen place.
    Replace(Value),
    /// Remove the member or item at the chosen place.
    Remove,
    /// Add a member to the object at the chosen place.
    Insert(String, Value),
    /// Give the object at the chosen place as the list of its values.
    ToList,
    /// Cut the text.
    Truncate,
    /// Put a character into the text.
    Garble(char),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    let words = vec![
        "answered",
        "not_asked",
        "age",
        "sex",
        "male",
        "type_2",
        "diagnosed",
        "cm",
        "kg",
        "units",
        "years",
        "not_known",
        "contact",
        "answers",
        "overlay",
        "pat",
        "none",
    ];
    let value = || common::json::arb_json_with(words.clone());
    prop_oneof![
        4 => value().prop_map(Mutation::Replace),
        2 => Just(Mutation::Remove),
        1 => (prop::sample::select(words.clone()), value()).prop_map(|(k, v)| Mutation::Insert(k.into(), v)),
        2 => Just(Mutation::ToList),
        1 => Just(Mutation::Truncate),
        1 => any::<char>().prop_map(Mutation::Garble),
    ]
}

/// The last character boundary at or before `at`.
fn char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(doc: &Value, changes: &[(prop::sample::Index, Mutation)]) -> String {
    let mut doc = doc.clone();
    let mut text = None;
    for (index, change) in changes {
        let mut all = Vec::new();
        pointers(&doc, "", &mut all);
        let at = index.get(&all).clone();
        let (parent, last) = at.rsplit_once('/').unwrap_or(("", ""));
        match change {
            Mutation::Replace(v) => *doc.pointer_mut(&at).unwrap() = v.clone(),
            Mutation::Remove => match doc.pointer_mut(parent) {
                Some(Value::Object(m)) if !at.is_empty() => {
                    m.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) if !at.is_empty() => {
                    if let Ok(i) = last.parse::<usize>() {
                        items.remove(i);
                    }
                }
                _ => {}
            },
            Mutation::Insert(key, v) => {
                if let Some(Value::Object(m)) = doc.pointer_mut(&at) {
                    m.insert(key.clone(), v.clone());
                }
            }
            Mutation::ToList => {
                let slot = doc.pointer_mut(&at).unwrap();
                if let Value::Object(m) = slot {
                    *slot = Value::Array(m.values().cloned().collect());
                }
            }
            Mutation::Truncate => {
                let t = doc.to_string();
                let cut = index.index(t.len());
                text = Some(t[..char_boundary(&t, cut)].to_string());
            }
            Mutation::Garble(c) => {
                let mut t = doc.to_string();
                let at = char_boundary(&t, index.index(t.len()));
                t.insert(at, *c);
                text = Some(t);
            }
        }
    }
    text.unwrap_or_else(|| doc.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever is changed in a valid screening document, reading it never
    /// panics, and a refusal points into the document as given: to a value
    /// that is there, or, for a missing field, into an object that is.
    #[test]
    fn every_refusal_points_into_the_document(
        changes in prop::collection::vec((any::<prop::sample::Index>(), arb_mutation()), 1..4)
    ) {
        for sample in [include_str!("../examples/data/screen.json"),
                       include_str!("../examples/data/general_practice_bmi_waist_diabetes.json")] {
            let doc: Value = serde_json::from_str(sample).unwrap();
            let text = mutate(&doc, &changes);
            if let Err(err) = Screening::from_json(&text) {
                let pointer = err.pointer().expect("a JSON error has a pointer");
                let got = json_of(&err);
                prop_assert!(!err.to_string().is_empty());
                if let Ok(given) = serde_json::from_str::<Value>(&text) {
                    match given.pointer(pointer) {
                        Some(value) => prop_assert!(
                            got["value"].as_str().is_some_and(|v| !v.is_empty()),
                            "{err}: {value}"
                        ),
                        None => {
                            let (parent, _) = pointer.rsplit_once('/').unwrap_or(("", ""));
                            prop_assert!(given.pointer(parent).is_some_and(Value::is_object),
                                "{pointer} is not in {text}");
                            prop_assert!(got["value"].is_null());
                        }
                    }
                }
            }
        }
    }
}
