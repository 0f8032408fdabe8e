//! Quantities with their plausible ranges and conversions.
//!
//! Each quantity is a small newtype over a canonical whole number (height in
//! millimetres, weight in grams, alcohol in hundredths of a UK unit), so values
//! compare exactly, hash, and can never be NaN. Every bound is defined once, as a
//! [`Bounds`] constant, and that one constant drives the check, the error message
//! and the JSON Schema.
//!
//! In JSON a quantity is tagged with its unit as `kind`, the amount in
//! `value`, for example `{"kind": "cm", "value": 175.5}` or `{"kind":
//! "stones_and_pounds", "value": {"stones": 12, "pounds": 6}}`; it is written
//! back in its canonical unit (`{"kind": "mm", "value": 1755}`).

use serde::{Deserialize, Serialize};

use crate::bounded::bounded_int;
use crate::error::Error;

/// An inclusive range that a quantity must lie in, with the words that
/// describe it in messages.
///
/// A `Bounds` is declared once, with its ends, noun and unit, and its message
/// text ([`Bounds::text`], also its `Display`) is written from those same
/// tokens, so the numbers in a message cannot disagree with the check or the
/// JSON Schema.
///
/// ```
/// use mecc::units::HEIGHT_CM;
///
/// assert_eq!(HEIGHT_CM.min(), 100.0);
/// assert_eq!(HEIGHT_CM.max(), 250.0);
/// assert_eq!(HEIGHT_CM.unit(), "cm");
/// assert_eq!(HEIGHT_CM.to_string(), "a height from 100 to 250 cm");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    min: f64,
    max: f64,
    noun: &'static str,
    unit: &'static str,
    text: &'static str,
}

/// Declares a [`Bounds`]: `bounds!("a height", from 100 to 250 "cm")`, with an
/// optional noun (with its article), an optional unit and an optional note in
/// brackets. The message text is concatenated at compile time from the same
/// literals as the ends, because [`Error`] carries it as a `&'static str`.
macro_rules! bounds {
    (@or $default:literal) => { $default };
    (@or $default:literal $given:literal) => { $given };
    ($($noun:literal,)? from $min:literal to $max:literal $($unit:literal)? $(($note:literal))?) => {
        $crate::units::Bounds::declared(
            $min as f64,
            $max as f64,
            $crate::units::bounds!(@or "" $($noun)?),
            $crate::units::bounds!(@or "" $($unit)?),
            concat!(
                $($noun, " ",)? "from ", $min, " to ", $max
                $(, " ", $unit)? $(, " (", $note, ")")?
            ),
        )
    };
}
pub(crate) use bounds;

impl Bounds {
    /// Used by `bounds!` only, which writes `text` from the same tokens.
    #[doc(hidden)]
    pub(crate) const fn declared(
        min: f64,
        max: f64,
        noun: &'static str,
        unit: &'static str,
        text: &'static str,
    ) -> Bounds {
        Bounds {
            min,
            max,
            noun,
            unit,
            text,
        }
    }

    /// The smallest accepted value.
    #[must_use]
    pub const fn min(&self) -> f64 {
        self.min
    }

    /// The largest accepted value.
    #[must_use]
    pub const fn max(&self) -> f64 {
        self.max
    }

    /// What the quantity is, with its article (`"a height"`); empty when the
    /// unit says it (`"from 0 to 300 UK units"`).
    #[must_use]
    pub const fn noun(&self) -> &'static str {
        self.noun
    }

    /// The unit the ends are in (`"cm"`); empty for a bare count or score.
    #[must_use]
    pub const fn unit(&self) -> &'static str {
        self.unit
    }

    /// How the range reads in an error message, with its unit: the same text
    /// as `Display`.
    #[must_use]
    pub const fn text(&self) -> &'static str {
        self.text
    }

    /// Whether `value` lies within these bounds.
    pub(crate) fn contains(&self, value: f64) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// Checks that `value` is finite and lies within these bounds; `field` names
    /// the input in the error.
    pub(crate) fn check_f64(&self, field: &'static str, value: f64) -> Result<f64, Error> {
        if !value.is_finite() {
            return Err(self.not_finite(field, value));
        }
        if value < self.min || value > self.max {
            return Err(self.out_of_range(field, value));
        }
        Ok(value)
    }

    /// Checks that a whole number lies within these bounds; `field` names the
    /// input in the error.
    pub(crate) fn check_int(&self, field: &'static str, value: u32) -> Result<u32, Error> {
        // Integer bounds are whole numbers, so the comparison in f64 is exact.
        if f64::from(value) < self.min || f64::from(value) > self.max {
            return Err(self.out_of_range(field, value));
        }
        Ok(value)
    }

    /// Checks a whole number as [`Bounds::check_int`] does, and returns it in
    /// the smaller type that holds it. Bounds chosen to fit the type make the
    /// conversion lossless; were one not to fit, the value is refused as out
    /// of range rather than truncated.
    pub(crate) fn check_into<T: TryFrom<u32>>(
        &self,
        field: &'static str,
        value: u32,
    ) -> Result<T, Error> {
        let value = self.check_int(field, value)?;
        T::try_from(value).map_err(|_| self.out_of_range(field, value))
    }

    /// The error for a NaN or infinite value given for `field`.
    pub(crate) fn not_finite(&self, field: &'static str, value: f64) -> Error {
        Error::NotFinite {
            field,
            value: value.to_string(),
            expected: self.text,
        }
    }

    /// The error for `value`, given for `field`, lying outside these bounds.
    #[expect(
        clippy::needless_pass_by_value,
        reason = "callers pass the number they were given; it is only formatted"
    )]
    pub(crate) fn out_of_range(&self, field: &'static str, value: impl ToString) -> Error {
        Error::OutOfRange {
            field,
            value: value.to_string(),
            expected: self.text,
            hint: None,
        }
    }
}

impl std::fmt::Display for Bounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text)
    }
}

/// Plausible adult height in centimetres (CLINICAL-REFERENCE §3.1).
pub const HEIGHT_CM: Bounds = bounds!("a height", from 100 to 250 "cm");
/// [`HEIGHT_CM`] in whole millimetres, for heights given in millimetres.
///
/// The same range as its metric parent, scaled; a unit test keeps the two
/// in step.
const HEIGHT_MM: Bounds = bounds!("a height", from 1000 to 2500 "mm");
/// Plausible adult weight in kilograms (CLINICAL-REFERENCE §3.1).
pub const WEIGHT_KG: Bounds = bounds!("a weight", from 20 to 350 "kg");
/// [`WEIGHT_KG`] in whole grams, for weights given in grams.
///
/// The same range as its metric parent, scaled; a unit test keeps the two
/// in step.
#[expect(
    clippy::unreadable_literal,
    reason = "the literals are also the message text, which reads without separators"
)]
const WEIGHT_G: Bounds = bounds!("a weight", from 20000 to 350000 "g");
/// Plausible waist circumference in centimetres.
///
/// **Decision:** the clinical reference gives no range for the waist; 40 to
/// 250 cm admits every adult on record while catching a waist given in metres or
/// inches.
pub const WAIST_CM: Bounds = bounds!("a waist", from 40 to 250 "cm");
/// [`WAIST_CM`] in whole millimetres, for waists given in millimetres.
///
/// The same range as its metric parent, scaled; a unit test keeps the two
/// in step.
const WAIST_MM: Bounds = bounds!("a waist", from 400 to 2500 "mm");
/// UK units of alcohol drunk in one day.
///
/// **Decision:** 300 units (ten 75 cl bottles of spirits) is beyond any survivable
/// day's drinking, so a larger number is taken to be a typing error.
pub const ALCOHOL_UNITS: Bounds = bounds!(from 0 to 300 "UK units");
/// Minutes of activity in one week: there are 10 080 minutes in a week.
pub const WEEKLY_MINUTES: Bounds = bounds!(from 0 to 10_080 "minutes" ("the minutes in one week"));
/// Exhaled carbon monoxide in parts per million.
///
/// **Decision:** hand-held CO monitors read up to about 100 to 500 ppm; 500 is the
/// top of the widest common range, and a larger reading is taken to be an error.
pub const CO_PPM: Bounds = bounds!("a reading", from 0 to 500 "ppm");

pub(crate) const MM_PER_INCH: f64 = 25.4;
pub(crate) const GRAMS_PER_POUND: f64 = 453.592_37;
pub(crate) const POUNDS_PER_STONE: f64 = 14.0;

/// Rounds a finite, non-negative, range-checked value to the nearest whole number.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "callers have range-checked the value to a non-negative whole number well within u32"
)]
pub(crate) fn round_u32(value: f64) -> u32 {
    value.round() as u32
}

// ---------------------------------------------------------------- height

/// A person's height, held in whole millimetres.
///
/// ```
/// use mecc::units::Height;
///
/// let h = Height::from_cm(175.5)?;
/// assert_eq!(h.mm(), 1755);
/// let imperial = Height::from_feet_and_inches(5, 9.0)?;
/// assert_eq!(imperial.mm(), 1753); // 69 in × 25.4 = 1752.6 mm
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "HeightInput", into = "HeightInput")]
pub struct Height {
    mm: u16,
}

/// The forms a height can be given in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum HeightInput {
    /// Centimetres, for example `{"kind": "cm", "value": 175.5}`.
    Cm(#[serde(deserialize_with = "number")] f64),
    /// Whole millimetres, the canonical form: `{"kind": "mm", "value": 1755}`.
    Mm(u32),
    /// Feet and inches: `{"kind": "feet_and_inches", "value": {"feet": 5, "inches": 9.5}}`.
    FeetAndInches {
        /// Whole feet.
        feet: u32,
        /// Inches, under 12.
        #[serde(deserialize_with = "number")]
        inches: f64,
    },
}

impl Height {
    /// A height in centimetres.
    ///
    /// # Errors
    /// - [`Error::NotFinite`] for NaN or infinity.
    /// - [`Error::OutOfRange`] outside [`HEIGHT_CM`]; a value from 1.0 to 2.5 is
    ///   reported as probably metres, and one from 1000 to 2500 as probably
    ///   millimetres.
    pub fn from_cm(cm: f64) -> Result<Height, Error> {
        length_from_cm(&HEIGHT_CM, "height_cm", cm, true).map(|mm| Height { mm })
    }

    /// A height in whole millimetres.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside 1000 to 2500 mm ([`HEIGHT_CM`] in millimetres).
    pub fn from_mm(mm: u32) -> Result<Height, Error> {
        height_from_mm(&HEIGHT_MM, mm).map(|mm| Height { mm })
    }

    /// A height in feet and inches (1 in = 2.54 cm).
    ///
    /// # Errors
    /// - [`Error::NotFinite`] or [`Error::OutOfRange`] when `inches` is not from 0
    ///   to under 12.
    /// - [`Error::OutOfRange`] when the total lies outside [`HEIGHT_CM`].
    pub fn from_feet_and_inches(feet: u32, inches: f64) -> Result<Height, Error> {
        height_from_feet_and_inches(&HEIGHT_CM, feet, inches).map(|mm| Height { mm })
    }

    /// The height in whole millimetres.
    #[must_use]
    pub const fn mm(self) -> u32 {
        self.mm as u32
    }

    /// The height in centimetres.
    #[must_use]
    pub fn cm(self) -> f64 {
        f64::from(self.mm) / 10.0
    }
}

impl TryFrom<HeightInput> for Height {
    type Error = Error;
    fn try_from(input: HeightInput) -> Result<Height, Error> {
        height_from_input(&HEIGHT_CM, &HEIGHT_MM, input).map(|mm| Height { mm })
    }
}

/// A height in millimetres from any of its forms, within `cm` (and `mm`, the
/// same range in millimetres), noted for the JSON reader.
pub(crate) fn height_from_input(
    cm: &Bounds,
    mm: &Bounds,
    input: HeightInput,
) -> Result<u16, Error> {
    match input {
        HeightInput::Cm(value) => length_from_cm(cm, "height_cm", value, true),
        HeightInput::Mm(value) => height_from_mm(mm, value),
        HeightInput::FeetAndInches { feet, inches } => {
            height_from_feet_and_inches(cm, feet, inches)
        }
    }
    .map_err(crate::json::noted)
}

/// A height in whole millimetres within `bounds`; a value that would fit in
/// centimetres is reported as probably centimetres.
pub(crate) fn height_from_mm(bounds: &Bounds, mm: u32) -> Result<u16, Error> {
    bounds.check_into("height_mm", mm).map_err(|e| {
        if bounds.contains(f64::from(mm) * 10.0) {
            e.with_hint(format!(
                "this looks like centimetres: did you mean {} mm?",
                mm * 10
            ))
        } else {
            e
        }
    })
}

/// A height in feet and inches, in millimetres within `cm`.
pub(crate) fn height_from_feet_and_inches(
    cm: &Bounds,
    feet: u32,
    inches: f64,
) -> Result<u16, Error> {
    check_part("height.inches", inches, 12.0, "inches from 0 to under 12")?;
    let total = (f64::from(feet) * 12.0 + inches) * MM_PER_INCH / 10.0;
    checked_cm(cm, "height_feet_and_inches", total).map_err(|e| {
        e.given_as(format!("{feet} ft {inches} in"))
            .with_hint(format!("{feet} ft {inches} in is {total:.1} cm"))
    })
}

/// A length in centimetres, in whole millimetres within `bounds`: a value
/// that would fit in metres is reported as probably metres, and, when
/// `millimetres_hint`, one that would fit in millimetres as probably those.
pub(crate) fn length_from_cm(
    bounds: &Bounds,
    field: &'static str,
    cm: f64,
    millimetres_hint: bool,
) -> Result<u16, Error> {
    checked_cm(bounds, field, cm).map_err(|e| {
        if bounds.contains(cm * 100.0) {
            e.with_hint(format!(
                "this looks like metres: did you mean {} cm?",
                cm * 100.0
            ))
        } else if millimetres_hint && bounds.contains(cm / 10.0) {
            e.with_hint(format!(
                "this looks like millimetres: did you mean {} cm?",
                cm / 10.0
            ))
        } else {
            e
        }
    })
}

/// Centimetres checked against `bounds`, as whole millimetres.
fn checked_cm(bounds: &Bounds, field: &'static str, cm: f64) -> Result<u16, Error> {
    let cm = bounds.check_f64(field, cm)?;
    // Range-checked above: every length bound is well within u16 millimetres.
    u16::try_from(round_u32(cm * 10.0)).map_err(|_| bounds.out_of_range(field, cm))
}

impl From<Height> for HeightInput {
    fn from(h: Height) -> HeightInput {
        HeightInput::Mm(h.mm())
    }
}

/// Checks the smaller part of an imperial measure: finite, from 0 to under `limit`.
fn check_part(
    field: &'static str,
    value: f64,
    limit: f64,
    expected: &'static str,
) -> Result<(), Error> {
    if !value.is_finite() {
        return Err(Error::NotFinite {
            field,
            value: value.to_string(),
            expected,
        });
    }
    if !(0.0..limit).contains(&value) {
        return Err(Error::OutOfRange {
            field,
            value: value.to_string(),
            expected,
            hint: None,
        });
    }
    Ok(())
}

// ---------------------------------------------------------------- weight

/// A person's weight, held in whole grams.
///
/// ```
/// use mecc::units::Weight;
///
/// assert_eq!(Weight::from_kg(80.25)?.grams(), 80_250);
/// // 12 st 6 lb = 174 lb = 78.925 kg
/// assert_eq!(Weight::from_stones_and_pounds(12, 6.0)?.grams(), 78_925);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "WeightInput", into = "WeightInput")]
pub struct Weight {
    grams: u32,
}

/// The forms a weight can be given in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum WeightInput {
    /// Kilograms: `{"kind": "kg", "value": 80.5}`.
    Kg(#[serde(deserialize_with = "number")] f64),
    /// Whole grams, the canonical form: `{"kind": "g", "value": 80500}`.
    G(u32),
    /// Pounds alone: `{"kind": "pounds", "value": 177.5}`.
    Pounds(#[serde(deserialize_with = "number")] f64),
    /// Stones and pounds (1 st = 14 lb): `{"kind": "stones_and_pounds",
    /// "value": {"stones": 12, "pounds": 6}}`.
    StonesAndPounds {
        /// Whole stones.
        stones: u32,
        /// Pounds, under 14.
        #[serde(deserialize_with = "number")]
        pounds: f64,
    },
}

impl Weight {
    /// A weight in kilograms.
    ///
    /// # Errors
    /// - [`Error::NotFinite`] for NaN or infinity.
    /// - [`Error::OutOfRange`] outside [`WEIGHT_KG`]; a value that would be
    ///   plausible in pounds or grams is reported as probably that.
    pub fn from_kg(kg: f64) -> Result<Weight, Error> {
        weight_from_kg(&WEIGHT_KG, kg).map(|grams| Weight { grams })
    }

    /// A weight in whole grams.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside 20 000 to 350 000 g ([`WEIGHT_KG`] in grams).
    pub fn from_grams(grams: u32) -> Result<Weight, Error> {
        let grams = WEIGHT_G.check_int("weight_g", grams)?;
        Ok(Weight { grams })
    }

    /// A weight in pounds (1 lb = 0.45359237 kg).
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::OutOfRange`] when the weight lies outside
    /// [`WEIGHT_KG`] once converted.
    pub fn from_pounds(pounds: f64) -> Result<Weight, Error> {
        weight_from_pounds(&WEIGHT_KG, pounds).map(|grams| Weight { grams })
    }

    /// A weight in stones and pounds (1 st = 14 lb, 1 lb = 0.45359237 kg).
    ///
    /// # Errors
    /// - [`Error::NotFinite`] or [`Error::OutOfRange`] when `pounds` is not from 0
    ///   to under 14.
    /// - [`Error::OutOfRange`] when the total lies outside [`WEIGHT_KG`].
    pub fn from_stones_and_pounds(stones: u32, pounds: f64) -> Result<Weight, Error> {
        weight_from_stones_and_pounds(&WEIGHT_KG, stones, pounds).map(|grams| Weight { grams })
    }

    /// The weight in whole grams.
    #[must_use]
    pub const fn grams(self) -> u32 {
        self.grams
    }

    /// The weight in kilograms.
    #[must_use]
    pub fn kg(self) -> f64 {
        f64::from(self.grams) / 1000.0
    }
}

impl TryFrom<WeightInput> for Weight {
    type Error = Error;
    fn try_from(input: WeightInput) -> Result<Weight, Error> {
        weight_from_input(&WEIGHT_KG, &WEIGHT_G, input).map(|grams| Weight { grams })
    }
}

/// A weight in grams from any of its forms, within `kg` (and `g`, the same
/// range in grams), noted for the JSON reader.
pub(crate) fn weight_from_input(kg: &Bounds, g: &Bounds, input: WeightInput) -> Result<u32, Error> {
    match input {
        WeightInput::Kg(value) => weight_from_kg(kg, value),
        WeightInput::G(value) => g.check_int("weight_g", value),
        WeightInput::Pounds(lb) => weight_from_pounds(kg, lb),
        WeightInput::StonesAndPounds { stones, pounds } => {
            weight_from_stones_and_pounds(kg, stones, pounds)
        }
    }
    .map_err(crate::json::noted)
}

/// A weight in kilograms, in grams within `bounds`; a value that would fit in
/// pounds, grams or stones is reported as probably that.
pub(crate) fn weight_from_kg(bounds: &Bounds, kg: f64) -> Result<u32, Error> {
    checked_kg(bounds, "weight_kg", kg).map_err(|e| {
        let as_pounds = kg * GRAMS_PER_POUND / 1000.0;
        if kg > bounds.max() && as_pounds <= bounds.max() {
            e.with_hint(format!("this may be pounds: {kg} lb is {as_pounds:.1} kg"))
        } else if bounds.contains(kg / 1000.0) {
            e.with_hint(format!(
                "this looks like grams: did you mean {} kg?",
                kg / 1000.0
            ))
        } else if (bounds.min() / 6.35..bounds.min()).contains(&kg) {
            e.with_hint("if this is in stones, give stones and pounds".to_string())
        } else {
            e
        }
    })
}

/// A weight in pounds, in grams within `bounds`.
pub(crate) fn weight_from_pounds(bounds: &Bounds, pounds: f64) -> Result<u32, Error> {
    if !pounds.is_finite() {
        return Err(bounds.not_finite("weight_pounds", pounds));
    }
    let kg = pounds * GRAMS_PER_POUND / 1000.0;
    checked_kg(bounds, "weight_pounds", kg).map_err(|e| {
        e.given_as(format!("{pounds} lb"))
            .with_hint(format!("{pounds} lb is {kg:.1} kg"))
    })
}

/// A weight in stones and pounds, in grams within `bounds`.
pub(crate) fn weight_from_stones_and_pounds(
    bounds: &Bounds,
    stones: u32,
    pounds: f64,
) -> Result<u32, Error> {
    check_part(
        "weight.pounds",
        pounds,
        POUNDS_PER_STONE,
        "pounds from 0 to under 14",
    )?;
    let kg = (f64::from(stones) * POUNDS_PER_STONE + pounds) * GRAMS_PER_POUND / 1000.0;
    checked_kg(bounds, "weight_stones_and_pounds", kg).map_err(|e| {
        e.given_as(format!("{stones} st {pounds} lb"))
            .with_hint(format!("{stones} st {pounds} lb is {kg:.1} kg"))
    })
}

/// Kilograms checked against `bounds`, as whole grams.
fn checked_kg(bounds: &Bounds, field: &'static str, kg: f64) -> Result<u32, Error> {
    let kg = bounds.check_f64(field, kg)?;
    Ok(round_u32(kg * 1000.0))
}

impl From<Weight> for WeightInput {
    fn from(w: Weight) -> WeightInput {
        WeightInput::G(w.grams)
    }
}

// ---------------------------------------------------------------- waist

/// A waist circumference, held in whole millimetres.
///
/// ```
/// use mecc::units::Waist;
///
/// assert_eq!(Waist::from_cm(86.4)?.mm(), 864);
/// assert_eq!(Waist::from_inches(34.0)?.mm(), 864);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "WaistInput", into = "WaistInput")]
pub struct Waist {
    mm: u16,
}

/// The forms a waist circumference can be given in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum WaistInput {
    /// Centimetres: `{"kind": "cm", "value": 86.5}`.
    Cm(#[serde(deserialize_with = "number")] f64),
    /// Whole millimetres, the canonical form: `{"kind": "mm", "value": 865}`.
    Mm(u32),
    /// Inches: `{"kind": "inches", "value": 34}`.
    Inches(#[serde(deserialize_with = "number")] f64),
}

impl Waist {
    /// A waist circumference in centimetres.
    ///
    /// # Errors
    /// - [`Error::NotFinite`] for NaN or infinity.
    /// - [`Error::OutOfRange`] outside [`WAIST_CM`]; a value under 2.5 is
    ///   reported as probably metres.
    pub fn from_cm(cm: f64) -> Result<Waist, Error> {
        length_from_cm(&WAIST_CM, "waist_cm", cm, false).map(|mm| Waist { mm })
    }

    /// A waist circumference in whole millimetres.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside 400 to 2500 mm ([`WAIST_CM`] in millimetres).
    pub fn from_mm(mm: u32) -> Result<Waist, Error> {
        let mm = WAIST_MM.check_into("waist_mm", mm)?;
        Ok(Waist { mm })
    }

    /// A waist circumference in inches (1 in = 2.54 cm).
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::OutOfRange`] when the converted value lies
    /// outside [`WAIST_CM`].
    pub fn from_inches(inches: f64) -> Result<Waist, Error> {
        waist_from_inches(&WAIST_CM, inches).map(|mm| Waist { mm })
    }

    /// The waist in whole millimetres.
    #[must_use]
    pub const fn mm(self) -> u32 {
        self.mm as u32
    }

    /// The waist in centimetres.
    #[must_use]
    pub fn cm(self) -> f64 {
        f64::from(self.mm) / 10.0
    }
}

impl TryFrom<WaistInput> for Waist {
    type Error = Error;
    fn try_from(input: WaistInput) -> Result<Waist, Error> {
        waist_from_input(&WAIST_CM, &WAIST_MM, input).map(|mm| Waist { mm })
    }
}

/// A waist in millimetres from any of its forms, within `cm` (and `mm`, the
/// same range in millimetres), noted for the JSON reader.
pub(crate) fn waist_from_input(cm: &Bounds, mm: &Bounds, input: WaistInput) -> Result<u16, Error> {
    match input {
        WaistInput::Cm(value) => length_from_cm(cm, "waist_cm", value, false),
        WaistInput::Mm(value) => mm.check_into("waist_mm", value),
        WaistInput::Inches(inches) => waist_from_inches(cm, inches),
    }
    .map_err(crate::json::noted)
}

/// A waist in inches, in whole millimetres within `cm`.
pub(crate) fn waist_from_inches(cm: &Bounds, inches: f64) -> Result<u16, Error> {
    if !inches.is_finite() {
        return Err(cm.not_finite("waist_inches", inches));
    }
    let total = inches * MM_PER_INCH / 10.0;
    checked_cm(cm, "waist_inches", total).map_err(|e| {
        e.given_as(format!("{inches} in"))
            .with_hint(format!("{inches} in is {total:.1} cm"))
    })
}

impl From<Waist> for WaistInput {
    fn from(w: Waist) -> WaistInput {
        WaistInput::Mm(w.mm())
    }
}

// ---------------------------------------------------------------- alcohol

/// An amount of alcohol in UK units, held in hundredths of a unit.
///
/// One UK unit is 10 ml (8 g) of pure alcohol, so `units = volume_ml × ABV% /
/// 1000` (CLINICAL-REFERENCE §1.6).
///
/// ```
/// use mecc::units::AlcoholUnits;
///
/// let pint = AlcoholUnits::from_volume(568.0, 4.0)?; // 2.272 units
/// assert_eq!(pint.centi_units(), 227);
/// assert_eq!(AlcoholUnits::from_units(8.0)?.centi_units(), 800);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "Number", into = "f64")]
pub struct AlcoholUnits {
    centi: u32,
}

impl AlcoholUnits {
    /// No alcohol.
    pub const ZERO: AlcoholUnits = AlcoholUnits { centi: 0 };

    /// An amount in UK units, kept to a hundredth of a unit.
    ///
    /// # Errors
    /// - [`Error::NotFinite`] for NaN or infinity.
    /// - [`Error::OutOfRange`] outside [`ALCOHOL_UNITS`] (negative, or more than
    ///   300).
    pub fn from_units(units: f64) -> Result<AlcoholUnits, Error> {
        let units = ALCOHOL_UNITS.check_f64("units", units)?;
        Ok(AlcoholUnits {
            centi: round_u32(units * 100.0),
        })
    }

    /// An amount in hundredths of a UK unit.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 30 000 (300 units, [`ALCOHOL_UNITS`]).
    pub fn from_centi_units(centi: u32) -> Result<AlcoholUnits, Error> {
        ALCOHOL_UNITS.check_f64("units", f64::from(centi) / 100.0)?;
        Ok(AlcoholUnits { centi })
    }

    /// The units in a volume of drink of a given strength:
    /// `volume_ml × abv_percent / 1000`.
    ///
    /// # Errors
    /// - [`Error::NotFinite`] or [`Error::OutOfRange`] when `volume_ml` is not from
    ///   0 to 10 000 ml, or `abv_percent` not from 0 to 100.
    /// - [`Error::OutOfRange`] when the result exceeds [`ALCOHOL_UNITS`].
    pub fn from_volume(volume_ml: f64, abv_percent: f64) -> Result<AlcoholUnits, Error> {
        DRINK_VOLUME_ML.check_f64("volume_ml", volume_ml)?;
        ABV_PERCENT.check_f64("abv_percent", abv_percent)?;
        Self::from_units(volume_ml * abv_percent / 1000.0)
    }

    /// The amount in hundredths of a unit.
    #[must_use]
    pub const fn centi_units(self) -> u32 {
        self.centi
    }

    /// The amount in UK units.
    #[must_use]
    pub fn units(self) -> f64 {
        f64::from(self.centi) / 100.0
    }

    /// The sum of two amounts, capped at the largest plausible amount.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] when the sum exceeds [`ALCOHOL_UNITS`].
    pub fn checked_add(self, other: AlcoholUnits) -> Result<AlcoholUnits, Error> {
        Self::from_centi_units(self.centi.saturating_add(other.centi))
    }
}

/// The volume of one drink, in millilitres.
pub const DRINK_VOLUME_ML: Bounds = bounds!("a volume", from 0 to 10_000 "ml");
/// Alcohol by volume, in percent.
pub const ABV_PERCENT: Bounds = bounds!("a strength", from 0 to 100 "% ABV");

impl TryFrom<f64> for AlcoholUnits {
    type Error = Error;
    fn try_from(units: f64) -> Result<AlcoholUnits, Error> {
        AlcoholUnits::from_units(units)
    }
}

impl TryFrom<Number> for AlcoholUnits {
    type Error = Error;
    fn try_from(units: Number) -> Result<AlcoholUnits, Error> {
        AlcoholUnits::from_units(units.0).map_err(crate::json::noted)
    }
}

impl From<AlcoholUnits> for f64 {
    fn from(u: AlcoholUnits) -> f64 {
        u.units()
    }
}

// ---------------------------------------------------------------- numbers

/// A number as any self-describing format writes it. JSON has one kind of
/// number, but CBOR, `MessagePack` and others write a whole number such as `7.0`
/// as the integer 7, so every quantity read as a float also accepts integers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Number(pub(crate) f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Number, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Number;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Number, E> {
                Ok(Number(v))
            }
            // Precision is lost only beyond 2^53, far outside every bound.
            #[allow(clippy::cast_precision_loss)]
            fn visit_u64<E>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_i64<E>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Reads a float field through [`Number`], for `#[serde(deserialize_with)]`.
pub(crate) fn number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    Number::deserialize(deserializer).map(|n| n.0)
}

// ---------------------------------------------------------------- minutes

bounded_int! {
    /// Minutes of activity in one week.
    ///
    /// ```
    /// use mecc::units::WeeklyMinutes;
    ///
    /// assert_eq!(WeeklyMinutes::new(150)?.get(), 150);
    /// assert!(WeeklyMinutes::new(20_000).is_err());
    /// # Ok::<(), mecc::Error>(())
    /// ```
    #[derive(Default)]
    pub struct WeeklyMinutes(u16) in WEEKLY_MINUTES, field "minutes_per_week";
    /// A number of minutes in one week.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 10 080 ([`WEEKLY_MINUTES`]).
    fn new;
    /// The number of minutes.
    fn get;
    schema "minutes in one week";
}

// ---------------------------------------------------------------- carbon monoxide

bounded_int! {
    /// An exhaled carbon-monoxide reading in whole parts per million, as CO
    /// monitors display it.
    ///
    /// ```
    /// use mecc::units::CoPpm;
    ///
    /// assert_eq!(CoPpm::new(4)?.get(), 4);
    /// # Ok::<(), mecc::Error>(())
    /// ```
    pub struct CoPpm(u16) in CO_PPM, field "co_ppm";
    /// A reading in ppm.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 500 ppm ([`CO_PPM`]).
    fn new;
    /// The reading in ppm.
    fn get;
    schema "exhaled carbon monoxide, parts per million";
}

// ---------------------------------------------------------------- schemas

// Schemas whose bounds come from `Bounds` constants, which derives cannot read.

/// The JSON Schema of a whole number within `bounds`.
#[cfg(feature = "schema")]
pub(crate) fn integer_schema(bounds: &Bounds, description: &str) -> schemars::Schema {
    bounded_schema("integer", bounds, description)
}

/// The JSON Schema of a number within `bounds`.
#[cfg(feature = "schema")]
pub(crate) fn number_schema(bounds: &Bounds, description: &str) -> schemars::Schema {
    bounded_schema("number", bounds, description)
}

#[cfg(feature = "schema")]
fn bounded_schema(kind: &str, bounds: &Bounds, description: &str) -> schemars::Schema {
    schemars::json_schema!({
        "type": kind,
        "minimum": bounds.min(),
        "maximum": bounds.max(),
        "description": description,
    })
}

/// The JSON Schema of one variant of a tagged union, as serde writes an
/// adjacently tagged enum: `{"kind": kind, "value": value}`.
#[cfg(feature = "schema")]
#[expect(
    clippy::needless_pass_by_value,
    reason = "the schema is built for the call and only placed in the result"
)]
pub(crate) fn tagged_schema(kind: &str, value: schemars::Schema) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "properties": {
            "kind": { "type": "string", "const": kind },
            "value": value,
        },
        "required": ["kind", "value"],
        "additionalProperties": false,
    })
}

/// Gives each variant of the tagged union `schema` the title `{name}{Kind}`
/// (`HeightCm`, `BooleanReplyNotAsked`), and the fields of a struct variant
/// the title `{name}{Kind}Value`, so that code generators name their classes
/// after them rather than numbering them.
#[cfg(feature = "schema")]
pub(crate) fn title_variants_of(name: &str, schema: &mut schemars::Schema) {
    fn capitalized(word: &str) -> String {
        let mut chars = word.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }
    let prefix = capitalized(name);
    for key in ["oneOf", "anyOf"] {
        let Some(variants) = schema.get_mut(key).and_then(|v| v.as_array_mut()) else {
            continue;
        };
        for variant in variants {
            let Some(kind) = variant
                .pointer("/properties/kind/const")
                .and_then(serde_json::Value::as_str)
            else {
                continue;
            };
            let mut title: String = std::iter::once(prefix.clone())
                .chain(kind.split('_').map(capitalized))
                .collect();
            // A variant holding a type of the same name (`TypicalDay::Band`
            // holds a `TypicalDayBand`) must not take that type's name.
            let holds = variant
                .pointer("/properties/value/$ref")
                .and_then(serde_json::Value::as_str)
                .and_then(|r| r.rsplit('/').next());
            if holds == Some(title.as_str()) {
                title.push_str("Variant");
            }
            // A struct variant's fields are an object of their own: name it
            // after the variant too.
            if let Some(value) = variant.pointer_mut("/properties/value")
                && value.get("properties").is_some()
                && let Some(object) = value.as_object_mut()
            {
                object.insert("title".to_owned(), format!("{title}Value").into());
            }
            if let Some(object) = variant.as_object_mut() {
                object.insert("title".to_owned(), title.into());
            }
        }
    }
}

/// [`title_variants_of`] with the name `T` is published under: the
/// `transform` of every tagged union's derived schema.
#[cfg(feature = "schema")]
pub(crate) fn title_variants<T: schemars::JsonSchema>(schema: &mut schemars::Schema) {
    title_variants_of(&T::schema_name(), schema);
}

/// The JSON Schema of a variant of a tagged union that carries no value:
/// `{"kind": kind}`.
#[cfg(feature = "schema")]
pub(crate) fn unit_tagged_schema(kind: &str) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "properties": { "kind": { "type": "string", "const": kind } },
        "required": ["kind"],
        "additionalProperties": false,
    })
}

#[cfg(feature = "schema")]
mod schema {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use super::{
        ALCOHOL_UNITS, AlcoholUnits, GRAMS_PER_POUND, HEIGHT_CM, HEIGHT_MM, Height, MM_PER_INCH,
        POUNDS_PER_STONE, WAIST_CM, WAIST_MM, WEIGHT_G, WEIGHT_KG, Waist, Weight, integer_schema,
        number_schema, tagged_schema,
    };

    fn imperial(key: &str, big: &str, small: &str, small_limit: f64) -> Schema {
        let inner = json_schema!({
            "type": "object",
            "properties": {
                big: { "type": "integer", "minimum": 0 },
                small: { "type": "number", "minimum": 0, "exclusiveMaximum": small_limit },
            },
            "required": [big, small],
            "additionalProperties": false,
        });
        tagged_schema(key, inner)
    }

    // Hand-written: the forms and their bounds come from `Bounds` constants and conversion factors, which a derive cannot read.
    impl JsonSchema for Height {
        fn schema_name() -> Cow<'static, str> {
            "Height".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            let mut schema = json_schema!({
                "description": "A height: {\"kind\": \"cm\", \"value\": n}, {\"kind\": \"mm\", \"value\": n} or {\"kind\": \"feet_and_inches\", \"value\": {\"feet\": n, \"inches\": n}}.",
                "oneOf": [
                    tagged_schema("cm", number_schema(&HEIGHT_CM, "centimetres")),
                    tagged_schema("mm", integer_schema(&HEIGHT_MM, "millimetres")),
                    imperial("feet_and_inches", "feet", "inches", 12.0),
                ]
            });
            crate::units::title_variants_of(&Self::schema_name(), &mut schema);
            schema
        }
    }

    // Hand-written: as for `Height`.
    impl JsonSchema for Weight {
        fn schema_name() -> Cow<'static, str> {
            "Weight".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            let max_lb = WEIGHT_KG.max() * 1000.0 / GRAMS_PER_POUND;
            let min_lb = WEIGHT_KG.min() * 1000.0 / GRAMS_PER_POUND;
            let mut schema = json_schema!({
                "description": "A weight: {\"kind\": \"kg\", \"value\": n}, with kind \"g\" or \"pounds\" likewise, or {\"kind\": \"stones_and_pounds\", \"value\": {\"stones\": n, \"pounds\": n}}.",
                "oneOf": [
                    tagged_schema("kg", number_schema(&WEIGHT_KG, "kilograms")),
                    tagged_schema("g", integer_schema(&WEIGHT_G, "grams")),
                    tagged_schema("pounds", json_schema!({"type": "number", "minimum": min_lb, "maximum": max_lb})),
                    imperial("stones_and_pounds", "stones", "pounds", POUNDS_PER_STONE),
                ]
            });
            crate::units::title_variants_of(&Self::schema_name(), &mut schema);
            schema
        }
    }

    // Hand-written: as for `Height`.
    impl JsonSchema for Waist {
        fn schema_name() -> Cow<'static, str> {
            "Waist".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            let inch = MM_PER_INCH / 10.0;
            let mut schema = json_schema!({
                "description": "A waist circumference: {\"kind\": \"cm\", \"value\": n}, with kind \"mm\" or \"inches\" likewise.",
                "oneOf": [
                    tagged_schema("cm", number_schema(&WAIST_CM, "centimetres")),
                    tagged_schema("mm", integer_schema(&WAIST_MM, "millimetres")),
                    tagged_schema("inches", json_schema!({"type": "number", "minimum": WAIST_CM.min() / inch, "maximum": WAIST_CM.max() / inch})),
                ]
            });
            crate::units::title_variants_of(&Self::schema_name(), &mut schema);
            schema
        }
    }

    // Hand-written: the bounds come from a `Bounds` constant, which a derive cannot read.
    impl JsonSchema for AlcoholUnits {
        fn schema_name() -> Cow<'static, str> {
            "AlcoholUnits".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            number_schema(
                &ALCOHOL_UNITS,
                "UK units of alcohol (10 ml of pure alcohol each)",
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The millimetre and gram ranges are their metric parents scaled, declared
    /// separately only because their message text is built at compile time.
    #[test]
    fn scaled_bounds_match_their_parents() {
        for (scaled, parent, factor) in [
            (HEIGHT_MM, HEIGHT_CM, 10.0),
            (WAIST_MM, WAIST_CM, 10.0),
            (WEIGHT_G, WEIGHT_KG, 1000.0),
        ] {
            assert_eq!(scaled.min(), parent.min() * factor, "{scaled}");
            assert_eq!(scaled.max(), parent.max() * factor, "{scaled}");
            assert_eq!(scaled.noun(), parent.noun(), "{scaled}");
        }
    }

    #[test]
    fn display_is_the_message_text() {
        assert_eq!(HEIGHT_CM.to_string(), "a height from 100 to 250 cm");
        assert_eq!(
            WEEKLY_MINUTES.text(),
            "from 0 to 10080 minutes (the minutes in one week)"
        );
        assert_eq!(ALCOHOL_UNITS.noun(), "");
        assert_eq!(ALCOHOL_UNITS.unit(), "UK units");
    }
}
