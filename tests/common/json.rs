//! Arbitrary JSON for the deserializer property tests.

use proptest::prelude::*;
use serde_json::{Value, json};

/// Arbitrary JSON values, up to four levels deep, whose keys and strings are
/// often one of `words` (the names a deserializer looks for) so that the
/// values get past the first check and exercise the deeper ones.
pub fn arb_json_with(words: Vec<&'static str>) -> impl Strategy<Value = Value> {
    let words = prop::sample::select(words);
    let key = prop_oneof![3 => words.clone().prop_map(String::from), 1 => ".{0,8}"];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (0u32..=6).prop_map(|n| json!(n)),
        (-1000.0f64..1000.0).prop_map(|x| json!(x)),
        words.prop_map(|w| json!(w)),
        ".{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
