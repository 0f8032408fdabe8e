//! Children's BMI centiles and waist-to-height ratio, ages 2 to 17
//! (CLINICAL-REFERENCE §8.3).
//!
//! [`score`] turns a measured [`ChildHeight`], [`ChildWeight`] and optional
//! [`ChildWaist`] (the adult forms, with a child's ranges), with the child's
//! sex and age in months from the [`Person`], into a [`Finding`]: the BMI,
//! its z-score and centile on the RCPCH UK-WHO reference
//! ([`reference`](mod@reference)), the clinical category read from the
//! centile lines of the UK charts, and, from age 5, whether the
//! waist-to-height ratio shows increased health risk.
//!
//! The adult instrument ([`crate::instruments::bmi`]) gives no category under
//! 18 and says why; this one gives none from 18. For anyone, at most one of
//! the two classifies.
//!
//! ```
//! use mecc::context::*;
//! use mecc::instruments::{Reply, child_bmi};
//! use mecc::instruments::child_bmi::{ChildHeight, ChildWeight};
//!
//! // A boy of 10 years 6 months, 140 cm and 45 kg: BMI 23.0.
//! let person = Person::new(PersonFields {
//!     age: Age::new(10)?,
//!     age_in_months: Some(AgeInMonths::new(126)?),
//!     sex: Sex::Male,
//!     pregnant: Pregnancy::No,
//!     family_background: FamilyBackground::NotStated,
//! })?;
//! let answers = child_bmi::Answers::new(
//!     ChildHeight::from_cm(140.0)?,
//!     ChildWeight::from_kg(45.0)?,
//!     Reply::NotAsked,
//! );
//! let finding = child_bmi::score(&answers, &person);
//! let centile = finding.classification.centile().ok_or("no centile")?;
//! assert_eq!(centile.category, child_bmi::ChildBmiCategory::Obesity);
//! assert_eq!(finding.z_display().ok_or("no z")?.to_string(), "2.19");
//! assert_eq!(finding.centile_display().ok_or("no centile")?.to_string(), "98.6");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod measurements;
pub mod reference;

pub use measurements::{
    CHILD_HEIGHT_CM, CHILD_WAIST_CM, CHILD_WEIGHT_KG, ChildHeight, ChildWaist, ChildWeight,
};

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::bounded::{named_enum, names_round_trip_tests};
use crate::context::{Person, Sex};
use crate::instruments::{Reply, bmi};
use crate::outcome::{Outcome, OutcomeSet};
use crate::provenance::Source;
use reference::{Reference, ReferenceSex};

// ---------------------------------------------------------------- provenance

/// The UK 1990 BMI reference, used from 4 years.
pub const SOURCE_UK90: Source = Source::cite(
    "Cole TJ, Freeman JV, Preece MA. Body mass index reference curves for the UK, 1990. Archives of Disease in Childhood 1995;73(1):25-29",
);

/// The WHO Child Growth Standards, used from 2 to under 4 years.
pub const SOURCE_WHO_2006: Source = Source::with_url(
    "WHO Multicentre Growth Reference Study Group. WHO Child Growth Standards: length/height-for-age, weight-for-age, weight-for-length, weight-for-height and body mass index-for-age. World Health Organization, 2006",
    "https://www.who.int/tools/child-growth-standards",
);

/// The RCPCH UK-WHO growth charts, which join the two references and draw the
/// centile lines the categories are read from, and the RCPCH `rcpchgrowth`
/// package the table and the interpolation follow.
pub const SOURCE_RCPCH_UK_WHO: Source = Source::with_url(
    "Royal College of Paediatrics and Child Health. UK-WHO growth charts (2 to 18 years) and the rcpchgrowth reference implementation",
    "https://www.rcpch.ac.uk/resources/uk-who-growth-charts-2-18-years",
);

/// The main source of this instrument: the RCPCH UK-WHO charts.
pub const SOURCE: Source = SOURCE_RCPCH_UK_WHO;

/// Every source this instrument implements (CLINICAL-REFERENCE §8.3): the
/// categories and the waist-to-height ratio follow NICE NG246.
pub const SOURCES: &[Source] = &[
    SOURCE_RCPCH_UK_WHO,
    SOURCE_UK90,
    SOURCE_WHO_2006,
    bmi::SOURCE_NICE_NG246,
];

/// The version of this instrument's rules, recorded in every finding (as
/// [`ChildBmiInstrument`]). It changes whenever a threshold, a rule or the
/// reference table changes.
pub const VERSION: &str = "child_bmi_centile_1";

// ---------------------------------------------------------------- thresholds

/// Centiles are given from this age, in whole years; under it the finding is
/// `not_applicable` (CLINICAL-REFERENCE §8.3: "not for children under 2").
pub const MIN_AGE_YEARS: u32 = 2;
/// Centiles are given up to this age, in whole years; from 18 the adult
/// categories apply ([`bmi::ADULT_FROM_AGE_YEARS`]).
pub const MAX_AGE_YEARS: u32 = bmi::ADULT_FROM_AGE_YEARS - 1;

/// `underweight` at or below this z: the 2nd centile line
/// (CLINICAL-REFERENCE §8.3; NICE NG246; RCPCH).
pub const UNDERWEIGHT_AT_OR_BELOW_Z: f64 = -2.0;
/// `overweight` from this z: the 91st centile line, 4/3 (CLINICAL-REFERENCE
/// §8.3). The UK chart lines are drawn two-thirds of a standard deviation
/// apart, so the line a clinician reads as the 91st is at z = 4/3.
pub const OVERWEIGHT_FROM_Z: f64 = 4.0 / 3.0;
/// `obesity` from this z: the 98th centile line (CLINICAL-REFERENCE §8.3).
pub const OBESITY_FROM_Z: f64 = 2.0;
/// `severe_obesity` from this z: the 99.6th centile line, 8/3
/// (CLINICAL-REFERENCE §8.3).
pub const SEVERE_OBESITY_FROM_Z: f64 = 8.0 / 3.0;

/// The waist-to-height ratio is used from this age, in whole years
/// (CLINICAL-REFERENCE §8.3; NICE NG246: ages 5 to 17).
pub const WHTR_FROM_AGE_YEARS: u32 = 5;
/// A waist-to-height ratio of 0.50 or more, in hundredths, indicates increased
/// health risk from 5 to 17 (CLINICAL-REFERENCE §8.3; NICE NG246).
pub const WHTR_INCREASED_HEALTH_RISK_FROM_HUNDREDTHS: u16 = 50;

// ---------------------------------------------------------------- answers

/// The measurements taken (CLINICAL-REFERENCE §8.3), in the same JSON forms
/// as for adults ([`bmi::Answers`]) but with a child's plausible ranges
/// ([`ChildHeight`], [`ChildWeight`], [`ChildWaist`]).
///
/// ```json
/// {"height": {"kind": "cm", "value": 140},
///  "weight": {"kind": "kg", "value": 45},
///  "waist": {"kind": "not_asked"}}
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ChildBmiAnswers")
)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Height.
    pub height: ChildHeight,
    /// Weight.
    pub weight: ChildWeight,
    /// Waist circumference, if it was measured.
    pub waist: Reply<ChildWaist>,
}

impl Answers {
    /// Measurements for scoring.
    #[must_use]
    pub const fn new(
        height: ChildHeight,
        weight: ChildWeight,
        waist: Reply<ChildWaist>,
    ) -> Answers {
        Answers {
            height,
            weight,
            waist,
        }
    }
}

// ---------------------------------------------------------------- categories

named_enum! {
    /// A clinical BMI category for ages 2 to 17 (CLINICAL-REFERENCE §8.3;
    /// NICE NG246; RCPCH), read on the unrounded z-score.
    ///
    /// Ordered from lightest to heaviest, so a policy can ask for "at least
    /// `overweight`" with `>=`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum ChildBmiCategory {
        /// At or below the 2nd centile line (z ≤ −2).
        Underweight = "underweight",
        /// Between the 2nd and 91st centile lines.
        HealthyWeight = "healthy_weight",
        /// At or above the 91st centile line (z ≥ 4/3), below the 98th.
        Overweight = "overweight",
        /// At or above the 98th centile line (z ≥ 2), below the 99.6th.
        Obesity = "obesity",
        /// At or above the 99.6th centile line (z ≥ 8/3).
        SevereObesity = "severe_obesity",
    }
}

impl ChildBmiCategory {
    /// The category of an unrounded z-score (CLINICAL-REFERENCE §8.3).
    ///
    /// A z that is not a number is read as the heaviest category, so that a
    /// fault is never reported as a healthy weight; [`score`] never passes one.
    ///
    /// ```
    /// use mecc::instruments::child_bmi::ChildBmiCategory;
    ///
    /// assert_eq!(ChildBmiCategory::of_z(-2.0), ChildBmiCategory::Underweight);
    /// assert_eq!(ChildBmiCategory::of_z(-1.999), ChildBmiCategory::HealthyWeight);
    /// assert_eq!(ChildBmiCategory::of_z(2.0), ChildBmiCategory::Obesity);
    /// ```
    #[must_use]
    pub fn of_z(z: f64) -> ChildBmiCategory {
        if z.is_nan() || z >= SEVERE_OBESITY_FROM_Z {
            ChildBmiCategory::SevereObesity
        } else if z >= OBESITY_FROM_Z {
            ChildBmiCategory::Obesity
        } else if z >= OVERWEIGHT_FROM_Z {
            ChildBmiCategory::Overweight
        } else if z <= UNDERWEIGHT_AT_OR_BELOW_Z {
            ChildBmiCategory::Underweight
        } else {
            ChildBmiCategory::HealthyWeight
        }
    }
}

/// A centile and what it means (CLINICAL-REFERENCE §8.3).
///
/// The shown values are whole numbers of hundredths (z) and tenths (centile),
/// so a recorded finding reads back from JSON exactly; the unrounded values
/// follow from the finding's measurements ([`Finding::z_unrounded`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CentileFinding {
    /// The category, read on the unrounded z.
    pub category: ChildBmiCategory,
    /// The z-score as shown, to two decimal places, in hundredths (`-200` is
    /// −2.00).
    pub z_hundredths: i16,
    /// The centile as shown, to one decimal place, in tenths (`915` is the
    /// 91.5th centile); from 1 to 999 (see [`centile_tenths`]).
    pub centile_tenths: u16,
    /// The reference used at the child's age.
    pub reference: Reference,
    /// The sex whose reference was used.
    pub sex: ReferenceSex,
    /// The age used, in total months.
    pub age_in_months: u16,
}

/// Why no centile is given at this age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ChildBmiNotApplicableReason")
)]
pub enum NotApplicableReason {
    /// Under 2: BMI centiles are not used below 2 years (CLINICAL-REFERENCE
    /// §8.3); infants' growth is followed on weight and length charts.
    #[serde(rename = "under_2")]
    Under2,
    /// 18 or over: the adult categories apply ([`bmi`], CLINICAL-REFERENCE
    /// §3.1).
    #[serde(rename = "aged_18_or_over")]
    Aged18OrOver,
}

/// What the BMI means for a child or young person (CLINICAL-REFERENCE §8.3).
///
/// In JSON: `{"kind": "centile", "value": {...}}`, `{"kind":
/// "not_applicable", "value": {"reason": "under_2"}}`, or one of `{"kind":
/// "not_applicable_in_pregnancy"}`, `{"kind": "needs_age_in_months"}` and
/// `{"kind": "sex_not_known"}`.
///
/// Checked in that order: age, pregnancy, sex, then the age in months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ChildBmiClassification")
)]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Classification {
    /// The centile and its category.
    Centile(CentileFinding),
    /// No centile at this age, for the reason given.
    NotApplicable {
        /// Why not.
        reason: NotApplicableReason,
    },
    /// Pregnant: no centile.
    ///
    /// **Decision:** §8.3 is silent. The reference describes children who
    /// are not pregnant, and a category would lead a policy to give weight
    /// advice in pregnancy, which §9 forbids; as for adults (§3.1) the
    /// measurements are kept and not classified.
    NotApplicableInPregnancy,
    /// Only the age in whole years is known: a centile needs the age in
    /// months, and is never guessed (CLINICAL-REFERENCE §8.3).
    NeedsAgeInMonths,
    /// Sex `not_known`: the reference differs for boys and girls, so no
    /// centile is given (CLINICAL-REFERENCE §8.3).
    ///
    /// **Decision:** checked before the age in months, since no age would
    /// give a centile without it.
    SexNotKnown,
}

impl Classification {
    /// The centile, if one was given.
    #[must_use]
    pub const fn centile(&self) -> Option<&CentileFinding> {
        match self {
            Classification::Centile(c) => Some(c),
            _ => None,
        }
    }

    /// The category, if a centile was given.
    #[must_use]
    pub const fn category(&self) -> Option<ChildBmiCategory> {
        match self {
            Classification::Centile(c) => Some(c.category),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------- WHtR

/// Whether the waist-to-height ratio is used for this child, and why
/// (CLINICAL-REFERENCE §8.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ChildWhtrApplicability {
    /// Aged 5 to 17, not pregnant: the ratio is used.
    #[serde(rename = "aged_5_to_17")]
    Aged5To17,
    /// Under 5: NICE NG246 gives no threshold.
    #[serde(rename = "under_5")]
    Under5,
    /// 18 or over: the adult bands apply ([`bmi::WhtrBand`]).
    #[serde(rename = "aged_18_or_over")]
    Aged18OrOver,
    /// Pregnant: the waist grows with the pregnancy (as for adults,
    /// [`bmi::WhtrApplicability::Pregnant`]).
    #[serde(rename = "pregnant")]
    Pregnant,
}

impl ChildWhtrApplicability {
    /// Whether the ratio is used.
    #[must_use]
    pub const fn applies(self) -> bool {
        matches!(self, ChildWhtrApplicability::Aged5To17)
    }
}

/// The waist-to-height ratio of a child or young person (CLINICAL-REFERENCE
/// §8.3): not classified in bands under 18, only flagged at 0.5 or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChildWhtrFinding {
    /// The ratio as shown, to two decimal places, in hundredths (`50` is 0.50).
    ///
    /// **Decision:** the flag is read on this shown value, as the adult bands
    /// are (§3.3), so a ratio shown as 0.50 is always flagged.
    pub ratio_hundredths: u16,
    /// The waist measured, in millimetres.
    pub waist_mm: u32,
    /// The height measured, in millimetres.
    pub height_mm: u32,
    /// Whether the ratio indicates increased health risk: it applies and is
    /// 0.50 or more.
    pub whtr_increased_health_risk: bool,
    /// Whether the ratio is used for this person; always
    /// `applicability.applies()`.
    pub applies: bool,
    /// Why the ratio is or is not used.
    pub applicability: ChildWhtrApplicability,
}

// ---------------------------------------------------------------- finding

/// Names the instrument and the version of its rules in a recorded finding.
///
/// Serializes as [`VERSION`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ChildBmiInstrument {
    /// Version 1: CLINICAL-REFERENCE §8.3, on the table of
    /// [`reference::RCPCHGROWTH_VERSION`].
    #[serde(rename = "child_bmi_centile_1")]
    ChildBmiCentile1,
}

impl ChildBmiInstrument {
    /// The sources this version implements.
    #[must_use]
    pub const fn sources(self) -> &'static [Source] {
        SOURCES
    }

    /// The version's name, as serialized.
    #[must_use]
    pub const fn version(self) -> &'static str {
        match self {
            ChildBmiInstrument::ChildBmiCentile1 => VERSION,
        }
    }
}

/// The result of scoring a child's BMI and waist (CLINICAL-REFERENCE §8.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ChildBmiFinding")
)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The instrument and version that produced this finding.
    pub instrument: ChildBmiInstrument,
    /// The BMI as shown, to one decimal place, in tenths (`230` is 23.0). The
    /// centile is worked out from the unrounded BMI.
    pub bmi_tenths: u16,
    /// The height measured, in millimetres.
    pub height_mm: u32,
    /// The weight measured, in grams.
    pub weight_g: u32,
    /// The centile and category, or why there is none.
    pub classification: Classification,
    /// The waist-to-height ratio, or `not_asked` when no waist was given.
    pub whtr: Reply<ChildWhtrFinding>,
}

impl Finding {
    /// The BMI in kg/m² before rounding: the value the centile is worked out
    /// from.
    #[must_use]
    pub fn bmi_unrounded(&self) -> f64 {
        bmi::bmi_unrounded_of(self.height_mm, self.weight_g)
    }

    /// The z-score before rounding, the value the category was read on;
    /// `None` when no centile was given.
    #[must_use]
    pub fn z_unrounded(&self) -> Option<f64> {
        let c = self.classification.centile()?;
        reference::z_score(c.sex, age_years(c.age_in_months), self.bmi_unrounded())
    }

    /// The centile before rounding, as a percentage; `None` when no centile
    /// was given.
    #[must_use]
    pub fn centile_unrounded(&self) -> Option<f64> {
        self.z_unrounded().map(|z| reference::normal_cdf(z) * 100.0)
    }

    /// The BMI as shown, for example `23.0`, without allocating.
    #[must_use]
    pub fn bmi_display(&self) -> impl fmt::Display + use<> {
        Fixed {
            scaled: i32::from(self.bmi_tenths),
            places: 1,
        }
    }

    /// The z-score as shown, for example `-2.00`, without allocating.
    #[must_use]
    pub fn z_display(&self) -> Option<impl fmt::Display + use<>> {
        self.classification.centile().map(|c| Fixed {
            scaled: i32::from(c.z_hundredths),
            places: 2,
        })
    }

    /// The centile as shown, for example `91.5`, without allocating.
    #[must_use]
    pub fn centile_display(&self) -> Option<impl fmt::Display + use<>> {
        self.classification.centile().map(|c| Fixed {
            scaled: i32::from(c.centile_tenths),
            places: 1,
        })
    }
}

/// A whole number of tenths or hundredths, written with its sign and decimal
/// point.
struct Fixed {
    scaled: i32,
    places: u8,
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.scaled < 0 { "-" } else { "" };
        let n = self.scaled.unsigned_abs();
        match self.places {
            1 => write!(f, "{sign}{}.{}", n / 10, n % 10),
            _ => write!(f, "{sign}{}.{:02}", n / 100, n % 100),
        }
    }
}

// ---------------------------------------------------------------- arithmetic

/// An age in total months as decimal years.
///
/// **Decision:** the age is taken as the completed months divided by 12
/// (126 months is 10.5 years), as a clinician plots an age given in years and
/// months; the true age is up to a month older. CLINICAL-REFERENCE §0 allows
/// dates of birth and measurement, which would give the exact age, but the
/// contact does not carry them yet.
#[must_use]
pub fn age_years(age_in_months: u16) -> f64 {
    f64::from(age_in_months) / 12.0
}

/// The z-score as shown, in hundredths, rounded half away from zero.
///
/// Every z the reference can give at a plausible BMI is far inside ±300, so
/// the conversion cannot saturate in practice; it saturates rather than wraps.
#[must_use]
#[expect(
    clippy::cast_possible_truncation,
    reason = "a float-to-int `as` saturates; the value is rounded and clamped first"
)]
pub fn z_hundredths(z: f64) -> i16 {
    (z * 100.0)
        .round()
        .clamp(f64::from(i16::MIN), f64::from(i16::MAX)) as i16
}

/// The centile as shown, in tenths of a percentage point, rounded half up.
///
/// **Decision:** the shown centile is kept from 0.1 to 99.9. §8.3 asks for
/// one decimal place, and a centile shown as 0.0 or 100.0 would read as below
/// or above every child, which no centile is; beyond these the z-score is the
/// measure to read.
#[must_use]
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the value is rounded and clamped to 1..=999 first"
)]
pub fn centile_tenths(fraction: f64) -> u16 {
    let tenths = (fraction * 1000.0).round();
    if tenths.is_nan() {
        return 999;
    }
    tenths.clamp(1.0, 999.0) as u16
}

// ---------------------------------------------------------------- scoring

/// Scores the measurements for this person (CLINICAL-REFERENCE §8.3).
///
/// - Under 2 or from 18: `not_applicable`, with the reason.
/// - Pregnant: `not_applicable_in_pregnancy`.
/// - Sex `not_known`: `sex_not_known`. No age in months: `needs_age_in_months`.
/// - Otherwise the z-score of the unrounded BMI at the age in months
///   ([`age_years`]) on the reference for the child's sex, its centile, and
///   the category read on the unrounded z ([`ChildBmiCategory::of_z`]).
/// - The waist-to-height ratio, when a waist is given, is flagged at 0.50 or
///   more from 5 to 17; it needs only the age in years.
///
/// Pure, total and allocation-free.
pub fn score(answers: &Answers, person: &impl AsRef<Person>) -> Finding {
    let person = person.as_ref();
    let years = person.age().years();
    // `possible` is read as pregnant for every exclusion (§6.11).
    let pregnant = person.pregnant().excludes_as_pregnant();
    let (height_mm, weight_g) = (answers.height.mm(), answers.weight.grams());
    let bmi = bmi::bmi_unrounded_of(height_mm, weight_g);

    let classification = if years < MIN_AGE_YEARS {
        Classification::NotApplicable {
            reason: NotApplicableReason::Under2,
        }
    } else if years > MAX_AGE_YEARS {
        Classification::NotApplicable {
            reason: NotApplicableReason::Aged18OrOver,
        }
    } else if pregnant {
        Classification::NotApplicableInPregnancy
    } else {
        match (reference_sex(person.sex()), person.age_in_months()) {
            (None, _) => Classification::SexNotKnown,
            (Some(_), None) => Classification::NeedsAgeInMonths,
            (Some(sex), Some(months)) => u16::try_from(months.months())
                .map_or(Classification::NeedsAgeInMonths, |m| centile(sex, m, bmi)),
        }
    };

    let whtr = match answers.waist {
        Reply::NotAsked => Reply::NotAsked,
        Reply::Answered(waist) => {
            let applicability = if years > MAX_AGE_YEARS {
                ChildWhtrApplicability::Aged18OrOver
            } else if years < WHTR_FROM_AGE_YEARS {
                ChildWhtrApplicability::Under5
            } else if pregnant {
                ChildWhtrApplicability::Pregnant
            } else {
                ChildWhtrApplicability::Aged5To17
            };
            let ratio_hundredths = bmi::whtr_hundredths_of(waist.mm(), height_mm);
            Reply::Answered(ChildWhtrFinding {
                ratio_hundredths,
                waist_mm: waist.mm(),
                height_mm,
                whtr_increased_health_risk: applicability.applies()
                    && ratio_hundredths >= WHTR_INCREASED_HEALTH_RISK_FROM_HUNDREDTHS,
                applies: applicability.applies(),
                applicability,
            })
        }
    };

    Finding {
        instrument: ChildBmiInstrument::ChildBmiCentile1,
        bmi_tenths: bmi::bmi_tenths_of(height_mm, weight_g),
        height_mm,
        weight_g,
        classification,
        whtr,
    }
}

const fn reference_sex(sex: Sex) -> Option<ReferenceSex> {
    match sex {
        Sex::Male => Some(ReferenceSex::Male),
        Sex::Female => Some(ReferenceSex::Female),
        Sex::NotKnown => None,
    }
}

/// The centile of `bmi` for a child of `sex` aged `months`, who is 2 to 17.
fn centile(sex: ReferenceSex, months: u16, bmi: f64) -> Classification {
    let age = age_years(months);
    match reference::lms_at(sex, age).and_then(|lms| Some((lms.reference, lms.z(bmi)?))) {
        Some((reference, z)) => Classification::Centile(CentileFinding {
            category: ChildBmiCategory::of_z(z),
            z_hundredths: z_hundredths(z),
            centile_tenths: centile_tenths(reference::normal_cdf(z)),
            reference,
            sex,
            age_in_months: months,
        }),
        // Unreachable: 24 to 215 months lie inside the reference and a
        // measured BMI is positive. Were it reached, the finding would ask
        // again for the age rather than guess.
        None => Classification::NeedsAgeInMonths,
    }
}

impl Finding {
    /// The outcomes the policy reads from this finding (CLINICAL-REFERENCE
    /// §8.3): the category with `child_bmi_centile_calculated`, or why there is
    /// no centile, and the waist flag where it applies.
    #[must_use]
    pub fn outcomes(&self) -> OutcomeSet {
        let mut o = match self.classification {
            Classification::Centile(c) => {
                OutcomeSet::of(Outcome::ChildBmiCentileCalculated).with(match c.category {
                    ChildBmiCategory::Underweight => Outcome::ChildBmiUnderweight,
                    ChildBmiCategory::HealthyWeight => Outcome::ChildBmiHealthyWeight,
                    ChildBmiCategory::Overweight => Outcome::ChildBmiOverweight,
                    ChildBmiCategory::Obesity => Outcome::ChildBmiObesity,
                    ChildBmiCategory::SevereObesity => Outcome::ChildBmiSevereObesity,
                })
            }
            Classification::NeedsAgeInMonths => OutcomeSet::of(Outcome::ChildBmiNeedsAgeInMonths),
            Classification::SexNotKnown => OutcomeSet::of(Outcome::ChildBmiSexNotKnown),
            Classification::NotApplicable { .. } | Classification::NotApplicableInPregnancy => {
                OutcomeSet::EMPTY
            }
        };
        if let Reply::Answered(w) = self.whtr
            && w.whtr_increased_health_risk
        {
            o.insert(Outcome::ChildWhtrIncreasedHealthRisk);
        }
        o
    }
}

crate::instruments::instrument! {
    /// Children's BMI centiles and waist-to-height ratio as an
    /// [`Instrument`](super::Instrument).
    ChildBmi {
        key: "child_bmi",
        name: "Children's BMI centile (UK-WHO) and waist-to-height ratio",
        version: VERSION,
        sources: SOURCES,
    }
}

names_round_trip_tests!(
    child_bmi_category_names_round_trip: ChildBmiCategory,
);
