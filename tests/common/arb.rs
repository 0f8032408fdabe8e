//! Strategies for typed answers shared by the instrument property tests.

use mecc::instruments::Reply;
use mecc::instruments::pat::{CustomDrink, Drink};
use proptest::prelude::*;

/// "Not asked" one time in four, otherwise an answer from `inner`.
pub fn reply<T: std::fmt::Debug + Clone>(
    inner: impl Strategy<Value = T>,
) -> impl Strategy<Value = Reply<T>> {
    prop_oneof![1 => Just(Reply::NotAsked), 3 => inner.prop_map(Reply::Answered)]
}

/// A guide drink from the PAT form, or a custom drink of any valid volume and
/// strength.
pub fn drink() -> impl Strategy<Value = Drink> {
    prop_oneof![
        prop::sample::select(Drink::GUIDE.to_vec()),
        (0.0f64..=1000.0, 0.0f64..=60.0)
            .prop_map(|(ml, abv)| Drink::Custom(CustomDrink::new(ml, abv).unwrap())),
    ]
}
