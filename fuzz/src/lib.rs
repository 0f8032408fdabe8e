//! The contract every fuzz target checks, shared so all of them check it the
//! same way: a refusal is a typed [`mecc::Error`] a person can read, and
//! whatever is accepted or produced survives a JSON round trip unchanged.

use std::fmt::Debug;
use std::sync::OnceLock;

use mecc::Error;
use mecc::context::Contact;
use mecc::policy::{Action, Policy, PolicyDocument};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Asserts that a refusal says what was wrong: a non-empty message, a named
/// field, a JSON form for hosts, for a JSON refusal a JSON Pointer, and for a
/// policy at least one diagnostic, each with a message.
pub fn check_error(e: &Error) {
    assert!(!e.to_string().is_empty(), "empty error message: {e:?}");
    assert!(!e.field().is_empty(), "error names no field: {e:?}");
    if let Err(err) = serde_json::to_string(e) {
        panic!("error {e:?} does not serialize: {err}");
    }
    if let Error::Json { .. } = e {
        let pointer = e.pointer().unwrap_or_default();
        assert!(
            pointer.is_empty() || pointer.starts_with('/'),
            "not a JSON Pointer: {pointer:?} in {e:?}"
        );
    }
    if let Error::Policy { diagnostics } = e {
        assert!(
            !diagnostics.is_empty(),
            "a policy error with no diagnostics"
        );
        for d in diagnostics {
            assert!(!d.message.is_empty(), "diagnostic without message: {d:?}");
            assert!(!d.to_string().is_empty());
            round_trip(d);
        }
    }
}

/// The value, if accepted; a refusal is checked with [`check_error`].
pub fn accepted<T>(result: Result<T, Error>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            check_error(&e);
            None
        }
    }
}

/// As [`accepted`], and an accepted value must round-trip through JSON.
pub fn accepted_round_trip<T>(result: Result<T, Error>) -> Option<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let value = accepted(result)?;
    round_trip(&value);
    Some(value)
}

/// Asserts that `value` serializes and deserializes back equal.
pub fn round_trip<T>(value: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let json = match serde_json::to_string(value) {
        Ok(json) => json,
        Err(e) => panic!("{value:?} does not serialize: {e}"),
    };
    let back: T = match serde_json::from_str(&json) {
        Ok(back) => back,
        Err(e) => panic!("{json} does not deserialize again: {e}"),
    };
    assert_eq!(&back, value, "round trip through {json}");
}

/// Contacts chosen to reach every branch that reads the contact: each sex,
/// pregnancy, children and older adults (PAT, GPPAQ and Active Lives age
/// limits), the South Asian BMI thresholds, comorbidities, priority groups,
/// and settings with and without a presenting condition. The child of 9 is
/// a real child, so the age is confirmed (CLINICAL-REFERENCE §8.5) and every
/// instrument is scored and planned for; the instrument target still reaches
/// the refusal, by giving the other contacts ages from 0 to 9.
const CONTACTS_JSON: &str = r#"[
  {"age": 58, "sex": "male", "pregnant": "no", "family_background": "white",
   "setting": "emergency_department", "time_available": "very_brief",
   "presenting_condition": "fall", "intoxicated": "no", "priority_groups": [],
   "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
                     "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}},
  {"age": 29, "sex": "female", "pregnant": "yes", "family_background": "south_asian",
   "setting": "maternity", "time_available": "brief",
   "presenting_condition": null, "intoxicated": "no", "priority_groups": ["most_deprived_quintile"],
   "comorbidities": {"diabetes": {"kind": "type_1"}, "hypertension": "not_known",
                     "eating_disorder": "not_known", "bariatric_surgery": {"kind": "not_known"}}},
  {"age": 16, "sex": "not_known", "pregnant": "not_known", "family_background": "not_stated",
   "setting": "general_practice", "time_available": "extended",
   "presenting_condition": null, "intoxicated": "not_known", "priority_groups": [],
   "comorbidities": {"diabetes": {"kind": "type_2", "value": {"diagnosed": {"kind": "years", "value": 2}}}, "hypertension": "yes",
                     "eating_disorder": "no", "bariatric_surgery": {"kind": "had", "value": {"when": {"kind": "not_known"}}}}},
  {"age": 81, "sex": "female", "pregnant": "no", "family_background": "black_african",
   "setting": "community_pharmacy", "time_available": "very_brief",
   "presenting_condition": null, "intoxicated": "yes",
   "priority_groups": ["experiencing_homelessness", "severe_mental_illness"],
   "comorbidities": {"diabetes": {"kind": "not_known"}, "hypertension": "no",
                     "eating_disorder": "diagnosed", "bariatric_surgery": {"kind": "had", "value": {"when": {"kind": "years", "value": 1}}}}},
  {"age": 9, "age_confirmed": true, "sex": "male", "pregnant": "no", "family_background": "chinese",
   "setting": "emergency_department", "time_available": "brief",
   "presenting_condition": "head_injury", "intoxicated": "no", "priority_groups": [],
   "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
                     "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}}
]"#;

/// The fixed contacts every target scores against.
pub fn contacts() -> &'static [Contact] {
    static CONTACTS: OnceLock<Vec<Contact>> = OnceLock::new();
    CONTACTS.get_or_init(|| match serde_json::from_str(CONTACTS_JSON) {
        Ok(contacts) => contacts,
        Err(e) => panic!("the fuzzers' fixed contacts do not parse: {e}"),
    })
}

/// The national default document, parsed once.
pub fn national_default_document() -> &'static PolicyDocument {
    static DOCUMENT: OnceLock<PolicyDocument> = OnceLock::new();
    DOCUMENT.get_or_init(|| match PolicyDocument::national_default() {
        Ok(document) => document,
        Err(e) => panic!("the national default policy does not parse: {e}"),
    })
}

/// The national default policy, compiled once.
pub fn national_default_policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(
        || match Policy::compile(national_default_document().clone()) {
            Ok(policy) => policy,
            Err(e) => panic!("the national default policy does not compile: {e}"),
        },
    )
}

/// Asserts that every action of a plan reads as text and round-trips.
pub fn check_plan(plan: &[Action]) {
    for action in plan {
        assert!(
            !action.to_string().is_empty(),
            "action without text: {action:?}"
        );
        round_trip(action);
    }
}
