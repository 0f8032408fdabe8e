//! Golden vectors: cases worked out from the published tables, kept in
//! `tests/data/*.json`, each citing its source.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

/// One case: the contact and answers, and either the fields the finding must
/// have or the error the answers must give.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    pub source: String,
    /// Which instrument, where one file holds more than one.
    #[serde(default)]
    pub instrument: Option<String>,
    /// Changes to the test file's base contact; none when absent.
    #[serde(default)]
    pub contact: Value,
    pub answers: Value,
    #[serde(default)]
    pub expect: Option<Map<String, Value>>,
    #[serde(default)]
    pub next_step: Option<Value>,
    #[serde(default)]
    pub error: Option<String>,
}

/// Reads the cases in `json`, checking that there are at least `min` and that
/// each cites one of `sections`.
pub fn cases(json: &str, min: usize, sections: &[&str]) -> Vec<Case> {
    let cases: Vec<Case> = serde_json::from_str(json).expect("golden vectors parse");
    assert!(cases.len() >= min, "only {} golden vectors", cases.len());
    for case in &cases {
        assert!(
            sections.iter().any(|s| case.source.starts_with(s)),
            "{}: source {}",
            case.name,
            case.source
        );
    }
    cases
}

impl Case {
    /// The answers read as `T`; `None` when the case expects an error, after
    /// checking that reading fails with a message containing it.
    pub fn answers<T: DeserializeOwned>(&self) -> Option<T> {
        let parsed = serde_json::from_value::<T>(self.answers.clone());
        if let Some(message) = &self.error {
            let err = parsed
                .err()
                .unwrap_or_else(|| panic!("{}: accepted", self.name));
            assert!(
                err.to_string().contains(message.as_str()),
                "{}: error {err} does not contain {message}",
                self.name
            );
            return None;
        }
        Some(parsed.unwrap_or_else(|e| panic!("{}: {e}", self.name)))
    }

    /// Checks the finding `got` against every expected field (a key, or a
    /// JSON pointer starting with `/`), and `step` against the expected next
    /// step when the case gives one.
    pub fn check(&self, got: &Value, step: &Value) {
        let expect = self.expect.as_ref().expect("expect or error");
        assert!(!expect.is_empty(), "{}: nothing expected", self.name);
        for (key, want) in expect {
            let have = if key.starts_with('/') {
                got.pointer(key)
            } else {
                got.get(key)
            }
            .unwrap_or_else(|| panic!("{}: no field {key}", self.name));
            assert_eq!(normalize(have), normalize(want), "{}: {key}", self.name);
        }
        if let Some(want) = &self.next_step {
            assert_eq!(step, want, "{}: next_step", self.name);
        }
    }
}

/// Numbers compared by value, so `8` in a data file equals `8.0` from serde.
pub fn normalize(v: &Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(a) => Value::Array(a.iter().map(normalize).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), normalize(v))).collect())
        }
        other => other.clone(),
    }
}
