//! Drinks and the units they hold (CLINICAL-REFERENCE §1.6).
//!
//! The PAT form lists guide values for common drinks so the most drunk in one
//! day (question 2) can be totted up at the bedside. [`Drink`] names each of
//! them, [`CustomDrink`] covers anything else from its volume and strength, and
//! [`total_units`] adds up a list of [`DrinkCount`]s.

use serde::{Deserialize, Serialize};

use crate::bounded::checked_wrapper;
use crate::error::Error;
use crate::units::{ALCOHOL_UNITS, AlcoholUnits, Bounds, bounds};

/// How many of one drink a single entry may count (CLINICAL-REFERENCE §1.6).
///
/// **Decision:** counts are whole numbers. The form counts drinks, and a half
/// pint is better entered as its own drink (a [`CustomDrink`] of 284 ml) than as
/// half a count. An entry of 0 is refused: leave out drinks not drunk. 100 of
/// even the smallest drink is beyond a plausible day, so more is taken to be a
/// typing error.
pub const DRINK_COUNT: Bounds = bounds!("a whole number of drinks", from 1 to 100);

/// The largest amount [`AlcoholUnits`] accepts, in hundredths of a unit.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the bound is a whole, positive number of units"
)]
const MAX_CENTI_UNITS: u32 = (ALCOHOL_UNITS.max() * 100.0) as u32;

/// Millionths of a unit in one hundredth. A custom drink's units are exactly
/// `tenths of a ml × hundredths of a percent` millionths, so amounts are added
/// in millionths and rounded to hundredths once, at the end.
const MICRO_PER_CENTI: u64 = 10_000;

/// Millionths of a unit to the nearest hundredth, halves up (as
/// [`AlcoholUnits::from_units`] rounds), saturating rather than wrapping.
const fn micro_to_centi(micro: u64) -> u64 {
    micro.saturating_add(MICRO_PER_CENTI / 2) / MICRO_PER_CENTI
}

/// An amount fixed in this module's source, such as a guide value or a cut-off.
///
/// `AlcoholUnits` has no `const` constructor, so fixed amounts are written in
/// hundredths of a unit and converted here. Every caller passes a constant that
/// the compile-time checks below keep within [`ALCOHOL_UNITS`], so the
/// conversion cannot fail; the fallback exists only so that no path can panic.
pub(super) fn known_units(centi: u32) -> AlcoholUnits {
    AlcoholUnits::from_centi_units(centi).unwrap_or(AlcoholUnits::ZERO)
}

/// One kind of drink: a guide value from the PAT (2009) form, or a custom drink.
///
/// In JSON a guide drink is tagged with its name (`{"kind":
/// "pint_ordinary_strength"}`) and a custom drink carries its volume and
/// strength: `{"kind": "custom", "value": {"volume_ml": 500, "abv_percent":
/// 5.2}}`.
///
/// ```
/// use mecc::instruments::pat::{CustomDrink, Drink};
///
/// assert_eq!(Drink::PintOrdinaryStrength.units().units(), 2.0);
/// assert_eq!(Drink::BottleOfWine.units().units(), 9.0);
/// let half = Drink::Custom(CustomDrink::new(284.0, 4.0)?);
/// assert_eq!(half.units().centi_units(), 114); // 1.136 units
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Drink {
    /// A pint of ordinary-strength beer, lager or cider: 2 units.
    PintOrdinaryStrength,
    /// A can of ordinary-strength beer, lager or cider: 1.5 units.
    CanOrdinaryStrength,
    /// A litre bottle of ordinary-strength beer, lager or cider: 4.5 units.
    LitreBottleOrdinaryStrength,
    /// A pint of strong beer, lager or cider: 5 units.
    PintStrong,
    /// A can of strong beer, lager or cider: 4 units.
    CanStrong,
    /// A litre bottle of strong beer, lager or cider: 10 units.
    LitreBottleStrong,
    /// A glass of wine: 1.5 units.
    GlassOfWine,
    /// A 75 cl bottle of wine: 9 units.
    BottleOfWine,
    /// A glass of fortified wine (sherry, port, martini): 1 unit.
    GlassOfFortifiedWine,
    /// A 75 cl bottle of fortified wine: 12 units.
    BottleOfFortifiedWine,
    /// A 330 ml bottle of alcopop: 1.5 units.
    Alcopop,
    /// A single pub measure of spirits: 1 unit.
    SingleMeasureOfSpirits,
    /// A 75 cl bottle of spirits: 30 units.
    BottleOfSpirits,
    /// Any other drink, from its volume and strength.
    Custom(CustomDrink),
}

impl Drink {
    /// Every drink with a guide value on the PAT (2009) form, in the form's order.
    pub const GUIDE: [Drink; 13] = [
        Drink::PintOrdinaryStrength,
        Drink::CanOrdinaryStrength,
        Drink::LitreBottleOrdinaryStrength,
        Drink::PintStrong,
        Drink::CanStrong,
        Drink::LitreBottleStrong,
        Drink::GlassOfWine,
        Drink::BottleOfWine,
        Drink::GlassOfFortifiedWine,
        Drink::BottleOfFortifiedWine,
        Drink::Alcopop,
        Drink::SingleMeasureOfSpirits,
        Drink::BottleOfSpirits,
    ];

    /// The units in one of this drink, in hundredths of a unit.
    #[must_use]
    #[expect(
        clippy::match_same_arms,
        reason = "one guide value per drink, as the form lists them"
    )]
    pub const fn centi_units(self) -> u32 {
        match self {
            Drink::PintOrdinaryStrength => 200,
            Drink::CanOrdinaryStrength => 150,
            Drink::LitreBottleOrdinaryStrength => 450,
            Drink::PintStrong => 500,
            Drink::CanStrong => 400,
            Drink::LitreBottleStrong => 1000,
            Drink::GlassOfWine => 150,
            Drink::BottleOfWine => 900,
            Drink::GlassOfFortifiedWine => 100,
            Drink::BottleOfFortifiedWine => 1200,
            Drink::Alcopop => 150,
            Drink::SingleMeasureOfSpirits => 100,
            Drink::BottleOfSpirits => 3000,
            Drink::Custom(custom) => custom.units.centi_units(),
        }
    }

    /// The units in one of this drink, exactly, in millionths of a unit.
    const fn micro_units(self) -> u64 {
        match self {
            Drink::Custom(custom) => custom.micro_units(),
            guide => guide.centi_units() as u64 * MICRO_PER_CENTI,
        }
    }

    /// The units in one of this drink.
    #[must_use]
    pub fn units(self) -> AlcoholUnits {
        match self {
            Drink::Custom(custom) => custom.units,
            guide => known_units(guide.centi_units()),
        }
    }

    /// How the drink reads to a person, for example "pint of strong beer, lager
    /// or cider".
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            Drink::PintOrdinaryStrength => "pint of ordinary-strength beer, lager or cider",
            Drink::CanOrdinaryStrength => "can of ordinary-strength beer, lager or cider",
            Drink::LitreBottleOrdinaryStrength => {
                "litre bottle of ordinary-strength beer, lager or cider"
            }
            Drink::PintStrong => "pint of strong beer, lager or cider",
            Drink::CanStrong => "can of strong beer, lager or cider",
            Drink::LitreBottleStrong => "litre bottle of strong beer, lager or cider",
            Drink::GlassOfWine => "glass of wine",
            Drink::BottleOfWine => "75 cl bottle of wine",
            Drink::GlassOfFortifiedWine => "glass of fortified wine",
            Drink::BottleOfFortifiedWine => "75 cl bottle of fortified wine",
            Drink::Alcopop => "330 ml bottle of alcopop",
            Drink::SingleMeasureOfSpirits => "single measure of spirits",
            Drink::BottleOfSpirits => "75 cl bottle of spirits",
            Drink::Custom(_) => "drink of a given volume and strength",
        }
    }
}

// The largest guide value must be a valid amount, so `known_units` never falls back.
const _: () = assert!(Drink::BottleOfSpirits.centi_units() <= MAX_CENTI_UNITS);

/// A drink not on the form's list, from its volume and its strength.
///
/// The volume is kept to a tenth of a millilitre and the strength to a hundredth
/// of a percent, so a drink written back to JSON reads the same when read again;
/// its units (`volume_ml × abv_percent / 1000`) are computed from those kept
/// values. [`CustomDrink::units`] gives them to a hundredth of a unit; a tally
/// ([`total_units`]) adds the exact amounts and rounds only the total.
///
/// ```
/// use mecc::instruments::pat::CustomDrink;
///
/// let craft = CustomDrink::new(440.0, 6.5)?; // 2.86 units
/// assert_eq!(craft.units().centi_units(), 286);
/// assert_eq!(craft.volume_ml(), 440.0);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// Written by hand in `schema::custom_drink`: the fields are plain numbers whose ranges
// and wording come from `Bounds` constants.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(schema_with = "schema::custom_drink", description = "")
)]
pub struct CustomDrink {
    deci_ml: u32,
    centi_abv: u32,
    units: AlcoholUnits,
}

/// The JSON form of a [`CustomDrink`]: `{"volume_ml": 500, "abv_percent": 5.2}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomDrinkFields {
    /// The volume of one drink, in millilitres.
    #[serde(deserialize_with = "crate::units::number")]
    pub volume_ml: f64,
    /// Its strength, in percent alcohol by volume.
    #[serde(deserialize_with = "crate::units::number")]
    pub abv_percent: f64,
}

checked_wrapper! {
    CustomDrink from CustomDrinkFields,
    check |f: CustomDrinkFields| CustomDrink::new(f.volume_ml, f.abv_percent),
    fields |drink: CustomDrink| CustomDrinkFields {
        volume_ml: drink.volume_ml(),
        abv_percent: drink.abv_percent(),
    },
}

impl CustomDrink {
    /// A drink of `volume_ml` millilitres at `abv_percent` % alcohol by volume.
    ///
    /// # Errors
    /// - [`Error::NotFinite`] or [`Error::OutOfRange`] when `volume_ml` lies
    ///   outside [`DRINK_VOLUME_ML`](crate::units::DRINK_VOLUME_ML) (field
    ///   `volume_ml`) or `abv_percent` outside
    ///   [`ABV_PERCENT`](crate::units::ABV_PERCENT) (field `abv_percent`).
    /// - [`Error::OutOfRange`] (field `units`) when one drink would hold more
    ///   than [`ALCOHOL_UNITS`] allows.
    pub fn new(volume_ml: f64, abv_percent: f64) -> Result<CustomDrink, Error> {
        // Checked on the values as given, so an error quotes what the caller typed.
        AlcoholUnits::from_volume(volume_ml, abv_percent)?;
        // Both are finite and in range now: at most 100 000 and 10 000.
        let deci_ml = crate::units::round_u32(volume_ml * 10.0);
        let centi_abv = crate::units::round_u32(abv_percent * 100.0);
        // Whole-number arithmetic on the kept values, rounded as a total would be.
        let micro = u64::from(deci_ml) * u64::from(centi_abv);
        let centi = u32::try_from(micro_to_centi(micro)).unwrap_or(u32::MAX);
        let units = AlcoholUnits::from_centi_units(centi)?;
        Ok(CustomDrink {
            deci_ml,
            centi_abv,
            units,
        })
    }

    /// The units in one drink, exactly, in millionths of a unit.
    const fn micro_units(self) -> u64 {
        self.deci_ml as u64 * self.centi_abv as u64
    }

    /// The volume of one drink, in millilitres.
    #[must_use]
    pub fn volume_ml(self) -> f64 {
        f64::from(self.deci_ml) / 10.0
    }

    /// The strength, in percent alcohol by volume.
    #[must_use]
    pub fn abv_percent(self) -> f64 {
        f64::from(self.centi_abv) / 100.0
    }

    /// The units in one drink.
    #[must_use]
    pub const fn units(self) -> AlcoholUnits {
        self.units
    }
}

/// A number of one drink, as one line of the tally for question 2.
///
/// In JSON: `{"drink": {"kind": "pint_ordinary_strength"}, "count": 3}`.
///
/// ```
/// use mecc::instruments::pat::{Drink, DrinkCount};
///
/// let three_pints = DrinkCount::new(Drink::PintOrdinaryStrength, 3)?;
/// assert_eq!(three_pints.centi_units(), 600);
/// assert!(DrinkCount::new(Drink::GlassOfWine, 0).is_err());
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// Written by hand in `schema::drink_count`: the fields are plain numbers whose ranges
// and wording come from `Bounds` constants.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(schema_with = "schema::drink_count", description = "")
)]
pub struct DrinkCount {
    drink: Drink,
    count: u8,
}

/// The JSON form of a [`DrinkCount`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DrinkCountFields {
    /// The drink.
    pub drink: Drink,
    /// How many of it, a whole number.
    pub count: u32,
}

checked_wrapper! {
    DrinkCount from DrinkCountFields,
    check |f: DrinkCountFields| DrinkCount::new(f.drink, f.count),
    fields |entry: DrinkCount| DrinkCountFields {
        drink: entry.drink,
        count: entry.count(),
    },
}

impl DrinkCount {
    /// `count` of `drink`.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] (field `count`) when `count` lies outside
    /// [`DRINK_COUNT`] (0, or more than 100).
    pub fn new(drink: Drink, count: u32) -> Result<DrinkCount, Error> {
        let count = DRINK_COUNT.check_into("count", count).map_err(|e| {
            if count == 0 {
                e.with_hint("leave out drinks that were not drunk".to_string())
            } else {
                e
            }
        })?;
        Ok(DrinkCount { drink, count })
    }

    /// The drink.
    #[must_use]
    pub const fn drink(self) -> Drink {
        self.drink
    }

    /// How many of it.
    #[must_use]
    pub const fn count(self) -> u32 {
        self.count as u32
    }

    /// The units in all of them, to the nearest hundredth of a unit: the exact
    /// amount of one drink times the count, rounded once. This may exceed what
    /// [`AlcoholUnits`] accepts; [`total_units`] checks the total.
    #[must_use]
    pub fn centi_units(self) -> u32 {
        // At most 100 × 30 000 hundredths (one drink holds at most 300 units),
        // well within u32; the saturation is never reached.
        u32::try_from(micro_to_centi(self.micro_units())).unwrap_or(u32::MAX)
    }

    /// The units in all of them, exactly, in millionths of a unit.
    const fn micro_units(self) -> u64 {
        self.drink.micro_units() * self.count as u64
    }
}

/// Adds up the units in a list of drinks.
///
/// The drinks are added exactly and only the total is rounded to a hundredth
/// of a unit, so rounding each drink cannot move a total across the PAT
/// cut-off: four 440 ml cans at 4.55% (2.002 units each) are 8.01 units, more
/// than 8, not 4 × 2.00 (CLINICAL-REFERENCE §1.3, §1.6).
///
/// An empty list adds up to zero; [`MostInOneDay::from_drinks`] refuses one.
///
/// ```
/// use mecc::instruments::pat::{Drink, DrinkCount, total_units};
///
/// let night = [
///     DrinkCount::new(Drink::PintStrong, 2)?,
///     DrinkCount::new(Drink::SingleMeasureOfSpirits, 3)?,
/// ];
/// assert_eq!(total_units(&night)?.units(), 13.0);
/// # Ok::<(), mecc::Error>(())
/// ```
///
/// # Errors
/// [`Error::OutOfRange`] (field `drinks`) when the total exceeds
/// [`ALCOHOL_UNITS`].
///
/// [`MostInOneDay::from_drinks`]: super::MostInOneDay::from_drinks
#[expect(
    clippy::cast_precision_loss,
    reason = "the total is converted to a float only to quote it in an error message"
)]
pub fn total_units(drinks: &[DrinkCount]) -> Result<AlcoholUnits, Error> {
    // Each entry is at most 3 × 10^10 millionths; saturating keeps even an
    // absurdly long list total.
    let micro = drinks
        .iter()
        .fold(0u64, |sum, d| sum.saturating_add(d.micro_units()));
    let total = micro_to_centi(micro);
    match u32::try_from(total) {
        Ok(centi) if centi <= MAX_CENTI_UNITS => AlcoholUnits::from_centi_units(centi),
        _ => Err(Error::OutOfRange {
            field: "drinks",
            value: format!("{} units", total as f64 / 100.0),
            expected: ALCOHOL_UNITS.text(),
            hint: Some(
                "the drinks add up to more than anyone could drink in one day: check the counts"
                    .to_string(),
            ),
        }),
    }
}

#[cfg(feature = "schema")]
mod schema {
    use schemars::{Schema, SchemaGenerator, json_schema};

    use super::{DRINK_COUNT, Drink};
    use crate::units::{ABV_PERCENT, DRINK_VOLUME_ML};

    // Hand-written: the fields are plain numbers, and a derive cannot read
    // their ranges and wording from the `Bounds` constants.
    pub(super) fn custom_drink(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a drink from its volume and strength",
            "type": "object",
            "properties": {
                "volume_ml": {
                    "type": "number",
                    "minimum": DRINK_VOLUME_ML.min(),
                    "maximum": DRINK_VOLUME_ML.max(),
                    "description": DRINK_VOLUME_ML.text(),
                },
                "abv_percent": {
                    "type": "number",
                    "minimum": ABV_PERCENT.min(),
                    "maximum": ABV_PERCENT.max(),
                    "description": ABV_PERCENT.text(),
                },
            },
            "required": ["volume_ml", "abv_percent"],
            "additionalProperties": false,
        })
    }

    // Hand-written for the same reason as `custom_drink`.
    pub(super) fn drink_count(generator: &mut SchemaGenerator) -> Schema {
        let drink = generator.subschema_for::<Drink>();
        json_schema!({
            "description": "a number of one drink",
            "type": "object",
            "properties": {
                "drink": drink,
                "count": {
                    "type": "integer",
                    "minimum": DRINK_COUNT.min(),
                    "maximum": DRINK_COUNT.max(),
                    "description": DRINK_COUNT.text(),
                },
            },
            "required": ["drink", "count"],
            "additionalProperties": false,
        })
    }
}
