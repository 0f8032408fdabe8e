//! A child's height, weight and waist, with ranges that fit ages 2 to 17.
//!
//! They are given in the same JSON forms as an adult's ([`HeightInput`],
//! [`WeightInput`], [`WaistInput`]) and converted by the same code, with the
//! same unit-mistake hints, but the adult
//! ranges of [`crate::units`] (from 100 cm and 20 kg) would refuse most
//! children under 6, whom the centile reference covers from age 2.
//!
//! **Decision:** CLINICAL-REFERENCE §3.1 gives plausible ranges for adults
//! only. For ages 2 to 17: height [`CHILD_HEIGHT_CM`] (50 to 220 cm), weight
//! [`CHILD_WEIGHT_KG`] (5 to 250 kg), waist [`CHILD_WAIST_CM`] (30 to 200
//! cm): wide enough for any child on a growth chart, including the smallest
//! two-year-olds and the heaviest adolescents, narrow enough to catch a
//! height in metres or a weight in grams.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::units::{self, Bounds, HeightInput, WaistInput, WeightInput, bounds};

/// Plausible height of a child aged 2 to 17, in centimetres.
pub const CHILD_HEIGHT_CM: Bounds = bounds!("a child's height", from 50 to 220 "cm");
/// [`CHILD_HEIGHT_CM`] in whole millimetres.
const CHILD_HEIGHT_MM: Bounds = bounds!("a child's height", from 500 to 2200 "mm");
/// Plausible weight of a child aged 2 to 17, in kilograms.
pub const CHILD_WEIGHT_KG: Bounds = bounds!("a child's weight", from 5 to 250 "kg");
/// [`CHILD_WEIGHT_KG`] in whole grams.
#[expect(
    clippy::unreadable_literal,
    reason = "the literals are also the message text, which reads without separators"
)]
const CHILD_WEIGHT_G: Bounds = bounds!("a child's weight", from 5000 to 250000 "g");
/// Plausible waist of a child aged 2 to 17, in centimetres.
pub const CHILD_WAIST_CM: Bounds = bounds!("a child's waist", from 30 to 200 "cm");
/// [`CHILD_WAIST_CM`] in whole millimetres.
const CHILD_WAIST_MM: Bounds = bounds!("a child's waist", from 300 to 2000 "mm");

/// A child's height, held in whole millimetres.
///
/// ```
/// use mecc::instruments::child_bmi::ChildHeight;
///
/// assert_eq!(ChildHeight::from_cm(88.5)?.mm(), 885); // a two-year-old
/// assert!(ChildHeight::from_cm(1.2).is_err()); // metres
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "HeightInput", into = "HeightInput")]
pub struct ChildHeight {
    mm: u16,
}

impl ChildHeight {
    /// A height in centimetres.
    ///
    /// # Errors
    /// [`Error::NotFinite`], or [`Error::OutOfRange`] outside
    /// [`CHILD_HEIGHT_CM`]; a value that would fit in metres or millimetres
    /// is reported as probably that.
    pub fn from_cm(cm: f64) -> Result<ChildHeight, Error> {
        units::length_from_cm(&CHILD_HEIGHT_CM, "height_cm", cm, true).map(|mm| ChildHeight { mm })
    }

    /// A height in whole millimetres.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside 500 to 2200 mm.
    pub fn from_mm(mm: u32) -> Result<ChildHeight, Error> {
        units::height_from_mm(&CHILD_HEIGHT_MM, mm).map(|mm| ChildHeight { mm })
    }

    /// A height in feet and inches (1 in = 2.54 cm).
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::OutOfRange`] when `inches` is not from
    /// 0 to under 12, or the total lies outside [`CHILD_HEIGHT_CM`].
    pub fn from_feet_and_inches(feet: u32, inches: f64) -> Result<ChildHeight, Error> {
        units::height_from_feet_and_inches(&CHILD_HEIGHT_CM, feet, inches)
            .map(|mm| ChildHeight { mm })
    }

    /// The height in whole millimetres.
    #[must_use]
    pub const fn mm(self) -> u32 {
        self.mm as u32
    }
}

impl TryFrom<HeightInput> for ChildHeight {
    type Error = Error;
    fn try_from(input: HeightInput) -> Result<ChildHeight, Error> {
        units::height_from_input(&CHILD_HEIGHT_CM, &CHILD_HEIGHT_MM, input)
            .map(|mm| ChildHeight { mm })
    }
}

impl From<ChildHeight> for HeightInput {
    fn from(h: ChildHeight) -> HeightInput {
        HeightInput::Mm(h.mm())
    }
}

/// A child's weight, held in whole grams.
///
/// ```
/// use mecc::instruments::child_bmi::ChildWeight;
///
/// assert_eq!(ChildWeight::from_kg(12.4)?.grams(), 12_400); // a two-year-old
/// assert_eq!(ChildWeight::from_stones_and_pounds(2, 0.0)?.grams(), 12_701);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "WeightInput", into = "WeightInput")]
pub struct ChildWeight {
    grams: u32,
}

impl ChildWeight {
    /// A weight in kilograms.
    ///
    /// # Errors
    /// [`Error::NotFinite`], or [`Error::OutOfRange`] outside
    /// [`CHILD_WEIGHT_KG`]; a value that would fit in pounds, grams or stones
    /// is reported as probably that.
    pub fn from_kg(kg: f64) -> Result<ChildWeight, Error> {
        units::weight_from_kg(&CHILD_WEIGHT_KG, kg).map(|grams| ChildWeight { grams })
    }

    /// A weight in whole grams.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside 5 000 to 250 000 g.
    pub fn from_grams(grams: u32) -> Result<ChildWeight, Error> {
        Ok(ChildWeight {
            grams: CHILD_WEIGHT_G.check_int("weight_g", grams)?,
        })
    }

    /// A weight in pounds (1 lb = 0.45359237 kg).
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::OutOfRange`] when the weight lies
    /// outside [`CHILD_WEIGHT_KG`] once converted.
    pub fn from_pounds(pounds: f64) -> Result<ChildWeight, Error> {
        units::weight_from_pounds(&CHILD_WEIGHT_KG, pounds).map(|grams| ChildWeight { grams })
    }

    /// A weight in stones and pounds (1 st = 14 lb).
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::OutOfRange`] when `pounds` is not from
    /// 0 to under 14, or the total lies outside [`CHILD_WEIGHT_KG`].
    pub fn from_stones_and_pounds(stones: u32, pounds: f64) -> Result<ChildWeight, Error> {
        units::weight_from_stones_and_pounds(&CHILD_WEIGHT_KG, stones, pounds)
            .map(|grams| ChildWeight { grams })
    }

    /// The weight in whole grams.
    #[must_use]
    pub const fn grams(self) -> u32 {
        self.grams
    }
}

impl TryFrom<WeightInput> for ChildWeight {
    type Error = Error;
    fn try_from(input: WeightInput) -> Result<ChildWeight, Error> {
        units::weight_from_input(&CHILD_WEIGHT_KG, &CHILD_WEIGHT_G, input)
            .map(|grams| ChildWeight { grams })
    }
}

impl From<ChildWeight> for WeightInput {
    fn from(w: ChildWeight) -> WeightInput {
        WeightInput::G(w.grams)
    }
}

/// A child's waist circumference, held in whole millimetres.
///
/// ```
/// use mecc::instruments::child_bmi::ChildWaist;
///
/// assert_eq!(ChildWaist::from_cm(52.0)?.mm(), 520);
/// assert_eq!(ChildWaist::from_inches(20.0)?.mm(), 508);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "WaistInput", into = "WaistInput")]
pub struct ChildWaist {
    mm: u16,
}

impl ChildWaist {
    /// A waist in centimetres.
    ///
    /// # Errors
    /// [`Error::NotFinite`], or [`Error::OutOfRange`] outside
    /// [`CHILD_WAIST_CM`]; a value that would fit in metres is reported as
    /// probably metres.
    pub fn from_cm(cm: f64) -> Result<ChildWaist, Error> {
        units::length_from_cm(&CHILD_WAIST_CM, "waist_cm", cm, false).map(|mm| ChildWaist { mm })
    }

    /// A waist in whole millimetres.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside 300 to 2000 mm.
    pub fn from_mm(mm: u32) -> Result<ChildWaist, Error> {
        Ok(ChildWaist {
            mm: CHILD_WAIST_MM.check_into("waist_mm", mm)?,
        })
    }

    /// A waist in inches (1 in = 2.54 cm).
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::OutOfRange`] when the converted value
    /// lies outside [`CHILD_WAIST_CM`].
    pub fn from_inches(inches: f64) -> Result<ChildWaist, Error> {
        units::waist_from_inches(&CHILD_WAIST_CM, inches).map(|mm| ChildWaist { mm })
    }

    /// The waist in whole millimetres.
    #[must_use]
    pub const fn mm(self) -> u32 {
        self.mm as u32
    }
}

impl TryFrom<WaistInput> for ChildWaist {
    type Error = Error;
    fn try_from(input: WaistInput) -> Result<ChildWaist, Error> {
        units::waist_from_input(&CHILD_WAIST_CM, &CHILD_WAIST_MM, input).map(|mm| ChildWaist { mm })
    }
}

impl From<ChildWaist> for WaistInput {
    fn from(w: ChildWaist) -> WaistInput {
        WaistInput::Mm(w.mm())
    }
}

#[cfg(feature = "schema")]
mod schema {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use super::{
        CHILD_HEIGHT_CM, CHILD_HEIGHT_MM, CHILD_WAIST_CM, CHILD_WAIST_MM, CHILD_WEIGHT_G,
        CHILD_WEIGHT_KG, ChildHeight, ChildWaist, ChildWeight,
    };
    use crate::units::{
        GRAMS_PER_POUND, MM_PER_INCH, POUNDS_PER_STONE, integer_schema, number_schema,
        tagged_schema, title_variants_of,
    };

    /// `{"kind": key, "value": {big: n, small: n}}`, an imperial measure.
    fn imperial(key: &str, big: &str, small: &str, small_limit: f64) -> Schema {
        tagged_schema(
            key,
            json_schema!({
                "type": "object",
                "properties": {
                    big: { "type": "integer", "minimum": 0 },
                    small: { "type": "number", "minimum": 0, "exclusiveMaximum": small_limit },
                },
                "required": [big, small],
                "additionalProperties": false,
            }),
        )
    }

    // Hand-written, as `units::Height` is: the bounds are `Bounds` constants.
    impl JsonSchema for ChildHeight {
        fn schema_name() -> Cow<'static, str> {
            "ChildHeight".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            let mut schema = json_schema!({
                "description": "A child's height, in the forms of Height with a child's range.",
                "oneOf": [
                    tagged_schema("cm", number_schema(&CHILD_HEIGHT_CM, "centimetres")),
                    tagged_schema("mm", integer_schema(&CHILD_HEIGHT_MM, "millimetres")),
                    imperial("feet_and_inches", "feet", "inches", 12.0),
                ]
            });
            title_variants_of(&Self::schema_name(), &mut schema);
            schema
        }
    }

    // Hand-written, as `units::Weight` is.
    impl JsonSchema for ChildWeight {
        fn schema_name() -> Cow<'static, str> {
            "ChildWeight".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            let lb = GRAMS_PER_POUND / 1000.0;
            let mut schema = json_schema!({
                "description": "A child's weight, in the forms of Weight with a child's range.",
                "oneOf": [
                    tagged_schema("kg", number_schema(&CHILD_WEIGHT_KG, "kilograms")),
                    tagged_schema("g", integer_schema(&CHILD_WEIGHT_G, "grams")),
                    tagged_schema("pounds", json_schema!({"type": "number", "minimum": CHILD_WEIGHT_KG.min() / lb, "maximum": CHILD_WEIGHT_KG.max() / lb})),
                    imperial("stones_and_pounds", "stones", "pounds", POUNDS_PER_STONE),
                ]
            });
            title_variants_of(&Self::schema_name(), &mut schema);
            schema
        }
    }

    // Hand-written, as `units::Waist` is.
    impl JsonSchema for ChildWaist {
        fn schema_name() -> Cow<'static, str> {
            "ChildWaist".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            let inch = MM_PER_INCH / 10.0;
            let mut schema = json_schema!({
                "description": "A child's waist circumference, in the forms of Waist with a child's range.",
                "oneOf": [
                    tagged_schema("cm", number_schema(&CHILD_WAIST_CM, "centimetres")),
                    tagged_schema("mm", integer_schema(&CHILD_WAIST_MM, "millimetres")),
                    tagged_schema("inches", json_schema!({"type": "number", "minimum": CHILD_WAIST_CM.min() / inch, "maximum": CHILD_WAIST_CM.max() / inch})),
                ]
            });
            title_variants_of(&Self::schema_name(), &mut schema);
            schema
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The millimetre and gram ranges are their metric parents scaled.
    #[test]
    fn scaled_bounds_match_their_parents() {
        for (scaled, parent, factor) in [
            (CHILD_HEIGHT_MM, CHILD_HEIGHT_CM, 10.0),
            (CHILD_WAIST_MM, CHILD_WAIST_CM, 10.0),
            (CHILD_WEIGHT_G, CHILD_WEIGHT_KG, 1000.0),
        ] {
            assert_eq!(scaled.min(), parent.min() * factor, "{scaled}");
            assert_eq!(scaled.max(), parent.max() * factor, "{scaled}");
        }
    }
}
