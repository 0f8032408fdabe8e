//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod alloc;
pub mod arb;
pub mod documents;
pub mod fixtures;
pub mod golden;
pub mod json;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Serialize, de::DeserializeOwned};

/// The JSON Schema of `T` (its deserialization contract), as a JSON value.
#[cfg(feature = "schema")]
pub fn schema_of<T: JsonSchema>() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(T)).expect("a schema serializes")
}

/// Asserts that `value`, serialized, validates against `T`'s JSON Schema.
#[cfg(feature = "schema")]
pub fn assert_matches_schema<T: JsonSchema + Serialize>(value: &T) {
    let schema = schema_of::<T>();
    let json = serde_json::to_value(value).expect("value serializes");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{json} does not match its schema: {errors:?}\nschema: {schema}"
    );
}

/// Asserts that `value` survives a JSON round trip unchanged.
pub fn assert_round_trips<T>(value: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).expect("value serializes");
    let back: T = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{json} does not deserialize again: {e}"));
    assert_eq!(&back, value, "round trip through {json}");
}

/// Asserts that `value` round-trips through JSON and matches its schema.
#[cfg(feature = "schema")]
pub fn assert_json_contract<T>(value: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug + JsonSchema,
{
    assert_round_trips(value);
    assert_matches_schema(value);
}

/// Asserts that `value` round-trips through JSON; without the `schema`
/// feature there is no schema to match.
#[cfg(not(feature = "schema"))]
pub fn assert_json_contract<T>(value: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_round_trips(value);
}
