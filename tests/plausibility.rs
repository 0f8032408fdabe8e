//! Screening answers at an implausible age (CLINICAL-REFERENCE §8.5): at ages
//! 0 to 9, unless the contact sets `age_confirmed: true`, answers to an
//! alcohol instrument, the smoking questions or the GPPAQ are refused as
//! inconsistent, naming the age, the instruments and the likeliest mistake;
//! measurements and weekly minutes are not. Hazard H25.
mod common;

use common::fixtures;
use mecc::context::{CONFIRM_AGE_BELOW, Contact};
use mecc::policy::Policy;
use mecc::{Answers, Error, Screening, assess};
use serde_json::{Value, json};

fn national() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| Policy::national_default().unwrap())
}

/// The fixture contact at `age`, with `age_confirmed` when given, and any
/// other `changes`.
fn contact_json(age: u32, confirmed: Option<bool>, changes: Value) -> Value {
    let mut c = fixtures::with(changes);
    c["age"] = json!(age);
    if let Some(confirmed) = confirmed {
        c["age_confirmed"] = json!(confirmed);
    }
    c
}

fn contact(age: u32, confirmed: Option<bool>) -> Contact {
    serde_json::from_value(contact_json(age, confirmed, json!({}))).unwrap()
}

fn not_asked() -> Value {
    json!({"kind": "not_asked"})
}

fn pat() -> Value {
    json!({"pat": {
        "drinks_alcohol": {"kind": "answered", "value": true},
        "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": 12}},
        "frequency": {"kind": "answered", "value": {"kind": "times_per_week", "value": 2}},
        "attendance_related": {"kind": "answered", "value": false},
        "willing_to_see_specialist": {"kind": "answered", "value": true}}})
}

fn audit_c() -> Value {
    json!({"audit": {
        "audit_c": {"frequency": {"kind": "answered", "value": "two_to_four_times_per_month"},
                    "typical_day": {"kind": "answered", "value": {"kind": "band", "value": "five_to_six"}},
                    "heavy_drinking": {"kind": "answered", "value": "monthly"}},
        "unable_to_stop": not_asked(), "failed_expectations": not_asked(), "morning_drink": not_asked(),
        "guilt": not_asked(), "memory_loss": not_asked(), "injury": not_asked(),
        "others_concerned": not_asked()}})
}

fn fast() -> Value {
    json!({"fast": {
        "heavy_drinking": {"kind": "answered", "value": "weekly"},
        "failed_expectations": {"kind": "answered", "value": "less_than_monthly"},
        "memory_loss": {"kind": "answered", "value": "monthly"},
        "others_concerned": {"kind": "answered", "value": "yes_on_one_occasion"}}})
}

fn smoking() -> Value {
    json!({"smoking": {"status": {"kind": "never_smoked"}, "vaping": not_asked(), "co_ppm": not_asked()}})
}

fn gppaq() -> Value {
    json!({"activity": {
        "gppaq": {"kind": "answered", "value": {
            "occupation": {"kind": "answered", "value": "not_in_employment"},
            "exercise_and_cycling": {"kind": "answered", "value": {"kind": "bands", "value": {"exercise": "none", "cycling": "none"}}},
            "walking": not_asked(), "housework_and_childcare": not_asked(),
            "gardening_and_diy": not_asked(), "walking_pace": not_asked()}},
        "weekly": not_asked()}})
}

fn weekly_minutes() -> Value {
    json!({"activity": {"gppaq": not_asked(), "weekly": {"kind": "answered", "value": {
        "moderate_minutes_per_week": 200, "vigorous_minutes_per_week": 60,
        "strength_days_per_week": {"kind": "answered", "value": 3}}}}})
}

fn bmi() -> Value {
    json!({"bmi": {"height": {"kind": "cm", "value": 100.0}, "weight": {"kind": "kg", "value": 20.0},
                   "waist": not_asked()}})
}

fn child_bmi() -> Value {
    json!({"child_bmi": {"height": {"kind": "cm", "value": 100.0}, "weight": {"kind": "kg", "value": 16.0},
                         "waist": not_asked()}})
}

fn answers(doc: Value) -> Answers {
    serde_json::from_value(doc).unwrap()
}

/// The instruments refused at ages 0 to 9, each with its name in the error.
fn refused_instruments() -> [(&'static str, Value, &'static str); 5] {
    [
        ("pat", pat(), "the Paddington Alcohol Test (pat)"),
        ("audit", audit_c(), "AUDIT-C or AUDIT (audit)"),
        ("fast", fast(), "FAST (fast)"),
        ("smoking", smoking(), "the smoking questions (smoking)"),
        ("gppaq", gppaq(), "the GPPAQ (activity.gppaq)"),
    ]
}

// CLINICAL-REFERENCE §8.5: each boundary, for each instrument: 0 and 9
// refused, 10 accepted, 0 and 9 accepted once the age is confirmed.
#[test]
fn alcohol_tobacco_and_gppaq_answers_are_refused_from_0_to_9_unless_the_age_is_confirmed() {
    assert_eq!(CONFIRM_AGE_BELOW, 10);
    for (key, doc, name) in refused_instruments() {
        let a = answers(doc);
        for age in [0, 1, 5, 9] {
            let err = assess(&contact(age, None), &a, national()).unwrap_err();
            assert!(err.is_inconsistent(), "{key} at {age}: {err}");
            assert_eq!(err.field(), "age", "{key} at {age}: {err}");
            let text = err.to_string();
            assert!(
                text.starts_with(&format!(
                    "age is {age}, which contradicts answers to {name}"
                )),
                "{key} at {age}: {text}"
            );
            // Said false is the same as left out.
            let said_false = assess(&contact(age, Some(false)), &a, national()).unwrap_err();
            assert_eq!(said_false, err, "{key} at {age}");
            // Confirmed: scored as any other contact.
            let confirmed = contact(age, Some(true));
            let assessment = assess(&confirmed, &a, national())
                .unwrap_or_else(|e| panic!("{key} at {age}, confirmed: {e}"));
            assert!(assessment.contact.age_confirmed());
            assert_eq!(
                assessment.findings,
                mecc::Findings::score(&a, &confirmed),
                "{key} at {age}"
            );
        }
        for age in [10, 11, 16, 45] {
            assess(&contact(age, None), &a, national())
                .unwrap_or_else(|e| panic!("{key} at {age}: {e}"));
        }
    }
}

// CLINICAL-REFERENCE §8.3, §8.4, §8.5: measurements and weekly minutes are
// right for young children and are never refused.
#[test]
fn measurements_and_weekly_minutes_are_accepted_at_any_age() {
    let mut three = contact_json(3, None, json!({"sex": "female"}));
    three["age_in_months"] = json!(40);
    let three: Contact = serde_json::from_value(three).unwrap();
    for doc in [bmi(), child_bmi()] {
        let a = answers(doc.clone());
        let assessment =
            assess(&three, &a, national()).unwrap_or_else(|e| panic!("{doc} at 3: {e}"));
        assert!(!assessment.contact.age_confirmed());
    }
    let centile = assess(&three, &answers(child_bmi()), national()).unwrap();
    assert!(centile.findings.child_bmi.is_some());
    for age in [0, 5, 9] {
        assess(&contact(age, None), &answers(weekly_minutes()), national())
            .unwrap_or_else(|e| panic!("weekly minutes at {age}: {e}"));
    }
    // A GPPAQ given but with every question not asked still counts: the plan
    // would otherwise ask its first question.
    let mut empty_gppaq = gppaq();
    for (_, reply) in empty_gppaq["activity"]["gppaq"]["value"]
        .as_object_mut()
        .unwrap()
    {
        *reply = not_asked();
    }
    let err = assess(&contact(5, None), &answers(empty_gppaq), national()).unwrap_err();
    assert_eq!(err.field(), "age", "{err}");
}

// CLINICAL-REFERENCE §8.5: the message names the age and every instrument,
// says the likeliest mistake and how to accept a real age.
#[test]
fn the_refusal_names_the_age_the_instruments_the_likely_mistake_and_the_way_to_confirm() {
    let mut doc = pat();
    doc["smoking"] = smoking()["smoking"].clone();
    doc["activity"] = gppaq()["activity"].clone();
    doc["bmi"] = bmi()["bmi"].clone();
    let err = assess(&contact(0, None), &answers(doc), national()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "age is 0, which contradicts answers to the Paddington Alcohol Test (pat), \
         the smoking questions (smoking) and the GPPAQ (activity.gppaq): alcohol, tobacco \
         or adult activity screening answers at an age from 0 to 9 are almost always a \
         data-entry error, most often an age left at a form's default of 0; correct the \
         age, or, if the person really is this young, set age_confirmed: true to accept \
         the answers"
    );
    let Error::Inconsistent {
        field,
        value,
        other,
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!((*field, value.as_str()), ("age", "0"));
    assert!(!other.contains("bmi"), "{other}");
    assert!(!err.to_string().contains("safeguarding"), "{err}");
}

// CLINICAL-REFERENCE §8.1, §8.5: what in a child calls for the safeguarding
// prompt is named, and the message says a confirmed age brings the prompt.
#[test]
fn the_refusal_says_a_confirmed_age_brings_the_safeguarding_prompt_the_contact_calls_for() {
    let ed = json!({"setting": "emergency_department", "presenting_condition": "fall"});
    let cases = [
        (json!({"intoxicated": "yes"}), pat(), "intoxicated = yes"),
        (
            json!({"presenting_condition": "assault"}),
            smoking(),
            "presenting_condition = assault",
        ),
        (
            json!({"intoxicated": "yes", "presenting_condition": "assault"}),
            fast(),
            "intoxicated = yes and presenting_condition = assault",
        ),
        (
            json!({}),
            {
                let mut p = pat();
                p["pat"]["attendance_related"] = json!({"kind": "answered", "value": true});
                p
            },
            "pat.attendance_related = yes",
        ),
    ];
    for (changes, doc, facts) in cases {
        let c: Contact =
            serde_json::from_value(contact_json(7, None, fixtures::merge(ed.clone(), &changes)))
                .unwrap();
        let a = answers(doc);
        let err = assess(&c, &a, national()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("age is 7, which contradicts answers to "),
            "{text}"
        );
        assert!(text.contains(&format!(", with {facts}: ")), "{text}");
        assert!(text.contains("form's default of 0"), "{text}");
        assert!(
            text.ends_with(
                "set age_confirmed: true to accept the answers; in a child, intoxication, an \
                 alcohol-related attendance or an assault calls for a safeguarding prompt, and \
                 with the age confirmed the plan gives it"
            ),
            "{text}"
        );
        // Confirmed, the same contact is assessed.
        let mut confirmed = serde_json::to_value(c).unwrap();
        confirmed["age_confirmed"] = json!(true);
        let confirmed: Contact = serde_json::from_value(confirmed).unwrap();
        assess(&confirmed, &a, national()).unwrap_or_else(|e| panic!("{facts}: {e}"));
    }
    // Intoxication not known is not named: only what the contact records.
    let c: Contact = serde_json::from_value(contact_json(
        7,
        None,
        fixtures::merge(ed, &json!({"intoxicated": "not_known"})),
    ))
    .unwrap();
    let err = assess(&c, &answers(pat()), national()).unwrap_err();
    assert!(!err.to_string().contains("safeguarding"), "{err}");
}

// CLINICAL-REFERENCE §8.5; hazard H18: through a screening document, the
// refusal points to the age, as a parse error points to its value.
#[test]
fn a_screening_document_refused_for_its_age_points_to_the_age() {
    let doc = json!({"contact": contact_json(0, None, json!({})), "answers": pat()});
    let screening = Screening::from_json(&doc.to_string()).unwrap();
    let err = screening.run().unwrap_err();
    assert_eq!(err.pointer(), Some("/contact/age"), "{err}");
    assert!(err.is_inconsistent(), "{err}");
    assert_eq!(err.field(), "age");
    let Error::Json {
        value,
        expected,
        message,
        cause: Some(cause),
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(value.as_deref(), Some("0"));
    assert!(expected.contains("age_confirmed: true"), "{expected}");
    assert!(
        message.starts_with("at /contact/age: age is 0, which contradicts answers to the Paddington Alcohol Test (pat)"),
        "{message}"
    );
    assert!(
        matches!(**cause, Error::Inconsistent { field: "age", .. }),
        "{cause:?}"
    );
    // The same through a compiled policy.
    let err = screening.run_with(national()).unwrap_err();
    assert_eq!(err.pointer(), Some("/contact/age"), "{err}");
    // Confirmed, the document runs.
    let mut doc = doc;
    doc["contact"]["age_confirmed"] = json!(true);
    Screening::from_json(&doc.to_string())
        .unwrap()
        .run()
        .unwrap();
}

// CLINICAL-REFERENCE §0, §8.5: `age_confirmed` is optional, false when left
// out, written back only when true, in the JSON Schema, and read strictly.
#[test]
fn age_confirmed_is_optional_round_trips_and_is_read_strictly() {
    let left_out = contact(4, None);
    assert!(!left_out.age_confirmed());
    assert!(left_out.age_needs_confirming());
    let written = serde_json::to_value(left_out).unwrap();
    assert!(written.get("age_confirmed").is_none(), "{written}");
    assert_eq!(contact(4, Some(false)), left_out);
    common::assert_json_contract(&left_out);

    let confirmed = contact(4, Some(true));
    assert!(confirmed.age_confirmed());
    assert!(!confirmed.age_needs_confirming());
    assert!(confirmed.fields().age_confirmed);
    assert_eq!(
        serde_json::to_value(confirmed).unwrap()["age_confirmed"],
        json!(true)
    );
    assert_eq!(Contact::new(confirmed.fields()).unwrap(), confirmed);
    common::assert_json_contract(&confirmed);
    // From 10 the flag changes nothing that is checked.
    assert!(!contact(10, None).age_needs_confirming());

    // Only a boolean; given once.
    for bad in [json!("yes"), json!(1), json!(null)] {
        let mut doc = contact_json(4, None, json!({}));
        doc["age_confirmed"] = bad.clone();
        let err = Contact::from_json(&doc.to_string()).unwrap_err();
        assert_eq!(err.pointer(), Some("/age_confirmed"), "{bad}: {err}");
    }
    let doc = contact_json(4, Some(true), json!({})).to_string();
    let twice = doc.replacen(
        "\"age_confirmed\":true",
        "\"age_confirmed\":true,\"age_confirmed\":true",
        1,
    );
    assert_ne!(twice, doc);
    let err = Contact::from_json(&twice).unwrap_err();
    assert_eq!(err.pointer(), Some("/age_confirmed"), "{err}");
}

#[cfg(feature = "schema")]
#[test]
fn age_confirmed_is_in_the_published_schema() {
    let schema = common::schema_of::<Screening>();
    let def = &schema["$defs"]["Contact"];
    let property = &def["properties"]["age_confirmed"];
    assert_eq!(property["type"], json!("boolean"), "{def}");
    assert_eq!(property["default"], json!(false), "{def}");
    assert!(
        property["description"]
            .as_str()
            .is_some_and(|d| d.contains("CLINICAL-REFERENCE §8.5")),
        "{property}"
    );
    let required = def["required"].as_array().unwrap();
    assert!(!required.contains(&json!("age_confirmed")), "{def}");
    common::assert_matches_schema(&contact(0, Some(true)));
}
