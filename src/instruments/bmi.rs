//! Body mass index and waist-to-height ratio (CLINICAL-REFERENCE §3.1–§3.3).
//!
//! [`score`] turns a measured [`Height`], [`Weight`] and optional [`Waist`] into a
//! [`Finding`]: the BMI as shown (one decimal place) and unrounded, its adult
//! category on the thresholds that apply to the person's family background, and
//! the waist-to-height ratio (`WHtR`) with its band and whether it applies.
//!
//! All the arithmetic that decides a category is done on whole numbers (grams
//! and millimetres), so a value on a boundary is classified the same way on every
//! machine.
//!
//! ```
//! use mecc::context::Contact;
//! use mecc::instruments::bmi::{self, Answers, BmiCategory, ThresholdSet};
//!
//! let answers: Answers = serde_json::from_str(r#"{
//!     "height": {"kind": "cm", "value": 172},
//!     "weight": {"kind": "stones_and_pounds", "value": {"stones": 13, "pounds": 2}},
//!     "waist": {"kind": "not_asked"}
//! }"#)?;
//! let contact: Contact = serde_json::from_str(r#"{
//!     "age": 52, "sex": "male", "pregnant": "no", "family_background": "south_asian",
//!     "setting": "general_practice", "time_available": "brief",
//!     "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
//!     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
//!                       "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
//! }"#)?;
//!
//! let finding = bmi::score(&answers, &contact);
//! assert_eq!(finding.bmi_display().to_string(), "28.2"); // 83.461 kg / (1.72 m)²
//! let adult = finding.classification.adult().ok_or("not classified")?;
//! assert_eq!(adult.thresholds, ThresholdSet::Adjusted);
//! assert_eq!(adult.category, BmiCategory::ObesityClass1); // 27.5 and over on adjusted thresholds
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::bounded::{named_enum, names_round_trip_tests};
use crate::context::{FamilyBackground, Person, Pregnancy};
use crate::instruments::Reply;
use crate::outcome::{Outcome, OutcomeSet};
use crate::provenance::Source;
use crate::units::{Height, Waist, Weight};

// ---------------------------------------------------------------- provenance

/// NICE NG246, the source of the thresholds for adjusted family backgrounds, of
/// the waist-to-height ratio bands and of the rule that `WHtR` is used below BMI 35.
pub const SOURCE_NICE_NG246: Source = Source::with_url(
    "NICE NG246. Overweight and obesity management. National Institute for Health and Care Excellence, 2025",
    "https://www.nice.org.uk/guidance/ng246",
);

/// The WHO adult BMI classification, the source of the standard categories.
pub const SOURCE_WHO_BMI: Source = Source::cite(
    "World Health Organization. Obesity: preventing and managing the global epidemic. WHO Technical Report Series 894, 2000 (adult BMI classification)",
);

/// The main source of this instrument: NICE NG246 (2025).
pub const SOURCE: Source = SOURCE_NICE_NG246;

/// Every source this instrument implements (CLINICAL-REFERENCE §3).
pub const SOURCES: &[Source] = &[SOURCE_NICE_NG246, SOURCE_WHO_BMI];

/// The version of this instrument's rules, recorded in every finding (as
/// [`BmiInstrument`]). It changes whenever a threshold or rule changes.
pub const VERSION: &str = "bmi_whtr_1";

// ---------------------------------------------------------------- thresholds

/// Adult BMI classification applies from this age in whole years; under it the
/// finding is `not_applicable`, because children need BMI centiles
/// (CLINICAL-REFERENCE §3.1; NICE NG246).
pub const ADULT_FROM_AGE_YEARS: u32 = 18;

/// Standard thresholds: `healthy_weight` from BMI 18.5, in tenths
/// (CLINICAL-REFERENCE §3.2; WHO adult BMI classification).
pub const STANDARD_HEALTHY_WEIGHT_FROM_TENTHS: u16 = 185;
/// Standard thresholds: `overweight` from BMI 25.0, in tenths
/// (CLINICAL-REFERENCE §3.2; WHO adult BMI classification).
pub const STANDARD_OVERWEIGHT_FROM_TENTHS: u16 = 250;
/// An adult BMI at or below 17.5 (in tenths) prompts prompt medical
/// assessment (CLINICAL-REFERENCE §10: the ICD-10 weight criterion for
/// anorexia nervosa; NICE NG69 warns against relying on BMI alone, so this is
/// a prompt, never a diagnosis).
pub const VERY_LOW_BMI_TENTHS: u16 = 175;

/// A BMI of 30.0 or more in pregnancy (in tenths) carries care
/// recommendations for the maternity team (CLINICAL-REFERENCE §9; NICE NG3,
/// NG201). **Decision:** the standard threshold for everyone, since the
/// maternity guidance states 30 without an adjustment for family background.
pub const PREGNANCY_BMI_CARE_FROM_TENTHS: u16 = 300;

/// Standard thresholds: `obesity_class_1` from BMI 30.0, in tenths
/// (CLINICAL-REFERENCE §3.2; WHO adult BMI classification).
pub const STANDARD_OBESITY_CLASS_1_FROM_TENTHS: u16 = 300;
/// Standard thresholds: `obesity_class_2` from BMI 35.0, in tenths
/// (CLINICAL-REFERENCE §3.2; WHO adult BMI classification).
pub const STANDARD_OBESITY_CLASS_2_FROM_TENTHS: u16 = 350;
/// Standard thresholds: `obesity_class_3` from BMI 40.0, in tenths
/// (CLINICAL-REFERENCE §3.2; WHO adult BMI classification).
pub const STANDARD_OBESITY_CLASS_3_FROM_TENTHS: u16 = 400;

/// Adjusted thresholds: `healthy_weight` from BMI 18.5, in tenths; the
/// underweight threshold is not lowered (CLINICAL-REFERENCE §3.2; NICE NG246).
pub const ADJUSTED_HEALTHY_WEIGHT_FROM_TENTHS: u16 = 185;
/// Adjusted thresholds: `overweight` from BMI 23.0, in tenths
/// (CLINICAL-REFERENCE §3.2; NICE NG246).
pub const ADJUSTED_OVERWEIGHT_FROM_TENTHS: u16 = 230;
/// Adjusted thresholds: `obesity_class_1` from BMI 27.5, in tenths
/// (CLINICAL-REFERENCE §3.2; NICE NG246).
pub const ADJUSTED_OBESITY_CLASS_1_FROM_TENTHS: u16 = 275;
/// Adjusted thresholds: `obesity_class_2` from BMI 32.5, in tenths
/// (CLINICAL-REFERENCE §3.2; NICE NG246).
pub const ADJUSTED_OBESITY_CLASS_2_FROM_TENTHS: u16 = 325;
/// Adjusted thresholds: `obesity_class_3` from BMI 37.5, in tenths
/// (CLINICAL-REFERENCE §3.2; NICE NG246).
pub const ADJUSTED_OBESITY_CLASS_3_FROM_TENTHS: u16 = 375;

/// `WHtR` band `healthy` from 0.40, in hundredths; below it is `below_0_4`
/// (CLINICAL-REFERENCE §3.3; NICE NG246).
pub const WHTR_HEALTHY_FROM_HUNDREDTHS: u16 = 40;
/// `WHtR` band `increased` from 0.50, in hundredths (CLINICAL-REFERENCE §3.3;
/// NICE NG246).
pub const WHTR_INCREASED_FROM_HUNDREDTHS: u16 = 50;
/// `WHtR` band `high` from 0.60, in hundredths (CLINICAL-REFERENCE §3.3; NICE
/// NG246).
pub const WHTR_HIGH_FROM_HUNDREDTHS: u16 = 60;
/// `WHtR` is used for adults whose shown BMI is below 35.0, in tenths
/// (CLINICAL-REFERENCE §3.3; NICE NG246).
///
/// This is the same on both threshold sets: NICE states it in kg/m² without an
/// adjustment for family background.
pub const WHTR_USED_BELOW_BMI_TENTHS: u16 = 350;

// ---------------------------------------------------------------- answers

/// The measurements taken (CLINICAL-REFERENCE §3.1).
///
/// Each measurement is already checked for plausibility by its own type, so any
/// combination can be scored. In JSON:
///
/// ```json
/// {"height": {"kind": "cm", "value": 172},
///  "weight": {"kind": "stones_and_pounds", "value": {"stones": 13, "pounds": 2}},
///  "waist": {"kind": "not_asked"}}
/// ```
///
/// `waist` is `{"kind": "not_asked"}` or `{"kind": "answered", "value":
/// {"kind": "cm", "value": 86}}`; heights, weights and waists take any of the
/// forms described in [`crate::units`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "BmiAnswers")
)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Height.
    pub height: Height,
    /// Weight.
    pub weight: Weight,
    /// Waist circumference, if it was measured.
    pub waist: Reply<Waist>,
}

impl Answers {
    /// Measurements for scoring.
    #[must_use]
    pub const fn new(height: Height, weight: Weight, waist: Reply<Waist>) -> Answers {
        Answers {
            height,
            weight,
            waist,
        }
    }
}

// ---------------------------------------------------------------- categories

/// Which set of BMI thresholds applies (CLINICAL-REFERENCE §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ThresholdSet {
    /// The WHO thresholds: overweight from 25.0, obesity from 30.0.
    Standard,
    /// The lower thresholds NICE uses for South Asian, Chinese, other Asian,
    /// Middle Eastern, Black African and African-Caribbean family backgrounds:
    /// overweight from 23.0 and each obesity class 2.5 lower than standard.
    ///
    /// §3.2 summarises these as "2.5 lower above healthy weight", but its own
    /// table (and NICE) start overweight at 23.0, which is 2.0 lower; the table
    /// is followed.
    Adjusted,
}

impl ThresholdSet {
    /// The thresholds for a family background (CLINICAL-REFERENCE §3.2).
    ///
    /// `mixed`, `other` and `not_stated` use the standard thresholds; see
    /// [`lower_thresholds_may_apply`] for the note they carry.
    #[must_use]
    pub const fn for_background(background: FamilyBackground) -> ThresholdSet {
        match background {
            FamilyBackground::SouthAsian
            | FamilyBackground::Chinese
            | FamilyBackground::OtherAsian
            | FamilyBackground::MiddleEastern
            | FamilyBackground::BlackAfrican
            | FamilyBackground::AfricanCaribbean => ThresholdSet::Adjusted,
            FamilyBackground::White
            | FamilyBackground::Mixed
            | FamilyBackground::Other
            | FamilyBackground::NotStated => ThresholdSet::Standard,
        }
    }

    /// The lowest shown BMI, in tenths, that falls in `category` on these
    /// thresholds (0 for `underweight`).
    ///
    /// A policy can use this to state a rule such as "BMI 30 or more (27.5 on
    /// adjusted thresholds)" as "at least `obesity_class_1`".
    #[must_use]
    pub const fn from_tenths(self, category: BmiCategory) -> u16 {
        match (self, category) {
            (_, BmiCategory::Underweight) => 0,
            (ThresholdSet::Standard, BmiCategory::HealthyWeight) => {
                STANDARD_HEALTHY_WEIGHT_FROM_TENTHS
            }
            (ThresholdSet::Standard, BmiCategory::Overweight) => STANDARD_OVERWEIGHT_FROM_TENTHS,
            (ThresholdSet::Standard, BmiCategory::ObesityClass1) => {
                STANDARD_OBESITY_CLASS_1_FROM_TENTHS
            }
            (ThresholdSet::Standard, BmiCategory::ObesityClass2) => {
                STANDARD_OBESITY_CLASS_2_FROM_TENTHS
            }
            (ThresholdSet::Standard, BmiCategory::ObesityClass3) => {
                STANDARD_OBESITY_CLASS_3_FROM_TENTHS
            }
            (ThresholdSet::Adjusted, BmiCategory::HealthyWeight) => {
                ADJUSTED_HEALTHY_WEIGHT_FROM_TENTHS
            }
            (ThresholdSet::Adjusted, BmiCategory::Overweight) => ADJUSTED_OVERWEIGHT_FROM_TENTHS,
            (ThresholdSet::Adjusted, BmiCategory::ObesityClass1) => {
                ADJUSTED_OBESITY_CLASS_1_FROM_TENTHS
            }
            (ThresholdSet::Adjusted, BmiCategory::ObesityClass2) => {
                ADJUSTED_OBESITY_CLASS_2_FROM_TENTHS
            }
            (ThresholdSet::Adjusted, BmiCategory::ObesityClass3) => {
                ADJUSTED_OBESITY_CLASS_3_FROM_TENTHS
            }
        }
    }

    /// The category of a shown BMI, in tenths, on these thresholds.
    ///
    /// ```
    /// use mecc::instruments::bmi::{BmiCategory, ThresholdSet};
    ///
    /// assert_eq!(ThresholdSet::Standard.classify(249), BmiCategory::HealthyWeight);
    /// assert_eq!(ThresholdSet::Standard.classify(250), BmiCategory::Overweight);
    /// assert_eq!(ThresholdSet::Adjusted.classify(230), BmiCategory::Overweight);
    /// ```
    #[must_use]
    pub const fn classify(self, bmi_tenths: u16) -> BmiCategory {
        // Highest first, so the first threshold reached names the category.
        let descending = [
            BmiCategory::ObesityClass3,
            BmiCategory::ObesityClass2,
            BmiCategory::ObesityClass1,
            BmiCategory::Overweight,
            BmiCategory::HealthyWeight,
        ];
        let mut i = 0;
        while i < descending.len() {
            if bmi_tenths >= self.from_tenths(descending[i]) {
                return descending[i];
            }
            i += 1;
        }
        BmiCategory::Underweight
    }
}

/// Whether the finding notes that lower thresholds may apply: `mixed`, `other`
/// and `not_stated` family backgrounds are classified on the standard
/// thresholds, but the person may belong to a group for whom NICE uses the
/// adjusted ones (CLINICAL-REFERENCE §3.2).
#[must_use]
pub const fn lower_thresholds_may_apply(background: FamilyBackground) -> bool {
    matches!(
        background,
        FamilyBackground::Mixed | FamilyBackground::Other | FamilyBackground::NotStated
    )
}

named_enum! {
    /// An adult BMI category (CLINICAL-REFERENCE §3.2).
    ///
    /// Ordered from lightest to heaviest, so a policy can ask for "at least
    /// `obesity_class_1`" with `>=`.
    ///
    /// ```
    /// use mecc::instruments::bmi::BmiCategory;
    ///
    /// assert!(BmiCategory::ObesityClass2 >= BmiCategory::ObesityClass1);
    /// assert!(BmiCategory::Underweight < BmiCategory::HealthyWeight);
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum BmiCategory {
        /// Below 18.5.
        Underweight = "underweight",
        /// 18.5 to 24.9 (22.9 on adjusted thresholds).
        HealthyWeight = "healthy_weight",
        /// 25.0 to 29.9 (23.0 to 27.4 adjusted).
        Overweight = "overweight",
        /// 30.0 to 34.9 (27.5 to 32.4 adjusted).
        ObesityClass1 = "obesity_class_1",
        /// 35.0 to 39.9 (32.5 to 37.4 adjusted).
        ObesityClass2 = "obesity_class_2",
        /// 40.0 and over (37.5 and over adjusted).
        ObesityClass3 = "obesity_class_3",
    }
}

impl BmiCategory {
    /// Whether this is one of the three obesity classes.
    #[must_use]
    pub const fn is_obesity(self) -> bool {
        matches!(
            self,
            BmiCategory::ObesityClass1 | BmiCategory::ObesityClass2 | BmiCategory::ObesityClass3
        )
    }
}

/// An adult classification and how it was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AdultClassification {
    /// The category of the shown BMI on `thresholds`.
    pub category: BmiCategory,
    /// The thresholds used, chosen by family background.
    pub thresholds: ThresholdSet,
    /// True for `mixed`, `other` and `not_stated` family backgrounds: the
    /// standard thresholds were used, but lower ones may apply to this person.
    pub lower_thresholds_may_apply: bool,
    /// True when pregnancy is `not_known`.
    ///
    /// **Decision:** the person is classified as an adult who is not pregnant,
    /// so that a raised BMI is not hidden, and this flag records the assumption:
    /// pregnancy must be confirmed before any weight-loss advice or referral,
    /// because weight loss is not advised in pregnancy (CLINICAL-REFERENCE §0,
    /// §3.1). Reading `not_known` as `yes` instead would withhold the finding
    /// from everyone whose pregnancy status was not recorded.
    pub pregnancy_not_known: bool,
}

/// Why adult BMI classification does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "BmiNotApplicableReason")
)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicableReason {
    /// Under 18: children and young people need BMI centiles for their age and
    /// sex, not the adult categories (CLINICAL-REFERENCE §3.1). From 2 to 17
    /// the centile is given by [`crate::instruments::child_bmi`].
    #[serde(rename = "under_18")]
    Under18,
}

/// What the shown BMI means for this person (CLINICAL-REFERENCE §3.1–§3.2).
///
/// In JSON: `{"kind": "adult", "value": {"category": ..., "thresholds": ..., ...}}`,
/// `{"kind": "not_applicable", "value": {"reason": "under_18"}}` or
/// `{"kind": "not_applicable_in_pregnancy"}`.
///
/// Age is checked before pregnancy: under 18 the adult categories never apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum BmiClassification {
    /// An adult category.
    Adult(AdultClassification),
    /// The adult categories do not apply, for the reason given.
    NotApplicable {
        /// Why not.
        reason: NotApplicableReason,
    },
    /// Pregnant: the BMI is computed but not classified, since weight in
    /// pregnancy is not judged on the adult categories (CLINICAL-REFERENCE §3.1).
    NotApplicableInPregnancy,
}

impl BmiClassification {
    /// The adult classification, if there is one.
    #[must_use]
    pub const fn adult(&self) -> Option<&AdultClassification> {
        match self {
            BmiClassification::Adult(adult) => Some(adult),
            _ => None,
        }
    }

    /// The adult category, if there is one.
    #[must_use]
    pub const fn category(&self) -> Option<BmiCategory> {
        match self {
            BmiClassification::Adult(adult) => Some(adult.category),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------- WHtR

/// A waist-to-height ratio band (CLINICAL-REFERENCE §3.3; NICE NG246).
///
/// Ordered from lowest to highest ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WhtrBand {
    /// Below 0.40.
    #[serde(rename = "below_0_4")]
    Below0Point4,
    /// 0.40 to 0.49: no increased health risk.
    Healthy,
    /// 0.50 to 0.59: increased health risk.
    Increased,
    /// 0.60 and over: high health risk.
    High,
}

impl WhtrBand {
    /// The band of a shown ratio, in hundredths.
    #[must_use]
    pub const fn classify(ratio_hundredths: u16) -> WhtrBand {
        if ratio_hundredths >= WHTR_HIGH_FROM_HUNDREDTHS {
            WhtrBand::High
        } else if ratio_hundredths >= WHTR_INCREASED_FROM_HUNDREDTHS {
            WhtrBand::Increased
        } else if ratio_hundredths >= WHTR_HEALTHY_FROM_HUNDREDTHS {
            WhtrBand::Healthy
        } else {
            WhtrBand::Below0Point4
        }
    }
}

/// Whether the `WHtR` is used for this person, and why (CLINICAL-REFERENCE §3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WhtrApplicability {
    /// An adult, not known to be pregnant, with a shown BMI below 35.0: the
    /// ratio is used.
    #[serde(rename = "adult_bmi_below_35")]
    AdultBmiBelow35,
    /// Shown BMI 35.0 or more: the ratio is not used, because waist measurement
    /// adds little at that BMI (CLINICAL-REFERENCE §3.3; NICE NG246).
    #[serde(rename = "bmi_35_or_more")]
    Bmi35OrMore,
    /// Under 18: these bands are the adult ones. From 5 to 17,
    /// [`crate::instruments::child_bmi`] flags a ratio of 0.5 or more instead.
    #[serde(rename = "under_18")]
    Under18,
    /// Pregnant: the waist grows with the pregnancy.
    ///
    /// **Decision:** §3.3 says only "used for adults with BMI below 35"; NICE
    /// notes that waist measurement is not accurate in pregnancy, and applying the
    /// bands would lead a policy to give weight advice in pregnancy.
    Pregnant,
}

impl WhtrApplicability {
    /// Whether the ratio is used.
    #[must_use]
    pub const fn applies(self) -> bool {
        matches!(self, WhtrApplicability::AdultBmiBelow35)
    }
}

/// The waist-to-height ratio and its band (CLINICAL-REFERENCE §3.3).
///
/// It is computed whenever a waist is given; `applies` says whether a policy
/// should act on it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WhtrFinding {
    /// The ratio as shown, to two decimal places, in hundredths (`50` is 0.50).
    pub ratio_hundredths: u16,
    /// The waist measured, in millimetres: with `height_mm`, the exact
    /// ratio ([`WhtrFinding::ratio_unrounded`]).
    pub waist_mm: u32,
    /// The height measured, in millimetres.
    pub height_mm: u32,
    /// The band of the shown ratio.
    pub band: WhtrBand,
    /// Whether the ratio is used for this person; always
    /// `applicability.applies()`, kept as a field so a reader of the JSON need
    /// not know the reasons.
    pub applies: bool,
    /// Why the ratio is or is not used.
    pub applicability: WhtrApplicability,
}

impl WhtrFinding {
    /// The ratio before rounding, from the exact measurements.
    #[must_use]
    pub fn ratio_unrounded(&self) -> f64 {
        f64::from(self.waist_mm) / f64::from(self.height_mm.max(1))
    }

    /// The ratio as shown, for example `0.50`, without allocating.
    #[must_use]
    pub fn ratio_display(&self) -> impl fmt::Display + use<> {
        Fixed {
            scaled: self.ratio_hundredths,
            places: 2,
        }
    }
}

// ---------------------------------------------------------------- finding

/// Names the instrument and the version of its rules in a recorded finding.
///
/// Serializes as [`VERSION`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum BmiInstrument {
    /// Version 1: CLINICAL-REFERENCE §3.1–§3.3.
    #[serde(rename = "bmi_whtr_1")]
    BmiWhtr1,
}

impl BmiInstrument {
    /// The sources this version implements.
    #[must_use]
    pub const fn sources(self) -> &'static [Source] {
        SOURCES
    }

    /// The version's name, as serialized.
    #[must_use]
    pub const fn version(self) -> &'static str {
        match self {
            BmiInstrument::BmiWhtr1 => VERSION,
        }
    }
}

/// The result of scoring BMI and `WHtR` (CLINICAL-REFERENCE §3.1–§3.3).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "BmiFinding"))]
pub struct Finding {
    /// The instrument and version that produced this finding.
    pub instrument: BmiInstrument,
    /// The BMI as shown, to one decimal place, in tenths (`250` is 25.0). This
    /// is the value that was classified.
    pub bmi_tenths: u16,
    /// The height measured, in millimetres. With `weight_g` it gives the
    /// exact BMI ([`Finding::bmi_unrounded`]), kept as whole numbers so the
    /// finding reads back from JSON exactly.
    pub height_mm: u32,
    /// The weight measured, in grams.
    pub weight_g: u32,
    /// What the BMI means for this person.
    pub classification: BmiClassification,
    /// The waist-to-height ratio, or `not_asked` when no waist was given.
    pub whtr: Reply<WhtrFinding>,
}

impl Finding {
    /// The BMI in kg/m² before rounding, for display or research; never used
    /// to classify.
    #[must_use]
    pub fn bmi_unrounded(&self) -> f64 {
        let mm = f64::from(self.height_mm.max(1));
        f64::from(self.weight_g) * 1000.0 / (mm * mm)
    }

    /// The BMI as shown, for example `25.0`, without allocating.
    #[must_use]
    pub fn bmi_display(&self) -> impl fmt::Display + use<> {
        Fixed {
            scaled: self.bmi_tenths,
            places: 1,
        }
    }
}

/// A whole number of tenths or hundredths, written with its decimal point.
struct Fixed {
    scaled: u16,
    places: u8,
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.places {
            1 => write!(f, "{}.{}", self.scaled / 10, self.scaled % 10),
            _ => write!(f, "{}.{:02}", self.scaled / 100, self.scaled % 100),
        }
    }
}

// ---------------------------------------------------------------- arithmetic

/// `numerator / denominator` rounded to the nearest whole number, halves up.
fn div_round_half_up(numerator: u64, denominator: u64) -> u64 {
    // Doubling both sides turns "add a half" into whole-number arithmetic.
    numerator.saturating_mul(2).saturating_add(denominator) / denominator.saturating_mul(2).max(1)
}

/// The BMI as shown, to one decimal place, in tenths (CLINICAL-REFERENCE §3.1).
///
/// `BMI × 10 = grams × 10 000 / mm²`, rounded half up in whole-number
/// arithmetic, so the result is exact: 99.8 kg at 2.000 m is BMI 24.95, shown
/// as 25.0.
///
/// **Decision (CLINICAL-REFERENCE §3.2):** this shown value is the one
/// classified, so a BMI shown as 25.0 is never labelled healthy, whatever the
/// digits after it. Classifying the unrounded value would put a person shown
/// 25.0 in `healthy_weight`, which contradicts what they and the practitioner
/// read.
///
/// ```
/// use mecc::instruments::bmi;
/// use mecc::units::{Height, Weight};
///
/// let h = Height::from_cm(200.0)?;
/// assert_eq!(bmi::bmi_tenths(h, Weight::from_kg(99.8)?), 250); // 24.95 → 25.0
/// assert_eq!(bmi::bmi_tenths(h, Weight::from_kg(99.796)?), 249); // 24.949 → 24.9
/// # Ok::<(), mecc::Error>(())
/// ```
#[must_use]
pub fn bmi_tenths(height: Height, weight: Weight) -> u16 {
    bmi_tenths_of(height.mm(), weight.grams())
}

/// [`bmi_tenths`] from a height in millimetres and a weight in grams, for
/// measurements with other plausible ranges (children's).
pub(crate) fn bmi_tenths_of(height_mm: u32, weight_g: u32) -> u16 {
    let mm = u64::from(height_mm.max(1));
    let tenths = div_round_half_up(u64::from(weight_g) * 10_000, mm * mm);
    // Plausible ranges bound this by 350 kg / (1 m)² = 3500 tenths.
    u16::try_from(tenths).unwrap_or(u16::MAX)
}

/// The BMI in kg/m² before rounding.
#[must_use]
pub fn bmi_unrounded(height: Height, weight: Weight) -> f64 {
    bmi_unrounded_of(height.mm(), weight.grams())
}

/// [`bmi_unrounded`] from a height in millimetres and a weight in grams.
pub(crate) fn bmi_unrounded_of(height_mm: u32, weight_g: u32) -> f64 {
    let mm = f64::from(height_mm.max(1));
    f64::from(weight_g) * 1000.0 / (mm * mm)
}

/// The waist-to-height ratio as shown, to two decimal places, in hundredths
/// (CLINICAL-REFERENCE §3.3): `waist_mm × 100 / height_mm`, rounded half up in
/// whole-number arithmetic.
///
/// ```
/// use mecc::instruments::bmi;
/// use mecc::units::{Height, Waist};
///
/// let h = Height::from_cm(200.0)?;
/// assert_eq!(bmi::whtr_hundredths(Waist::from_cm(99.0)?, h), 50); // 0.495 → 0.50
/// # Ok::<(), mecc::Error>(())
/// ```
#[must_use]
pub fn whtr_hundredths(waist: Waist, height: Height) -> u16 {
    whtr_hundredths_of(waist.mm(), height.mm())
}

/// [`whtr_hundredths`] from a waist and a height in millimetres.
pub(crate) fn whtr_hundredths_of(waist_mm: u32, height_mm: u32) -> u16 {
    let hundredths = div_round_half_up(u64::from(waist_mm) * 100, u64::from(height_mm.max(1)));
    // Plausible ranges bound this by 2500 mm / 1000 mm = 250 hundredths.
    u16::try_from(hundredths).unwrap_or(u16::MAX)
}

// ---------------------------------------------------------------- scoring

/// Scores the measurements for this contact (CLINICAL-REFERENCE §3.1–§3.3).
///
/// - The BMI is always computed: see [`bmi_tenths`] for the rounding rule.
/// - Under 18 ([`ADULT_FROM_AGE_YEARS`]): `not_applicable` with reason
///   `under_18`. Pregnant: `not_applicable_in_pregnancy`. Otherwise the adult
///   category on the thresholds for the family background; pregnancy
///   `not_known` is classified and flagged (see
///   [`AdultClassification::pregnancy_not_known`]).
/// - The `WHtR` is computed whenever a waist is given, and applies only to adults
///   not known to be pregnant whose shown BMI is below 35.0.
///
/// Pure, total and allocation-free.
///
/// ```
/// use mecc::context::*;
/// use mecc::instruments::{Reply, bmi};
/// use mecc::units::{Height, Waist, Weight};
///
/// // BMI needs only the person: no setting or comorbidities.
/// let person = Person::new(PersonFields {
///     age: Age::new(40)?,
///     age_in_months: None,
///     sex: Sex::Female,
///     pregnant: Pregnancy::No,
///     family_background: FamilyBackground::White,
/// })?;
/// let answers = bmi::Answers::new(
///     Height::from_cm(165.0)?,
///     Weight::from_kg(70.0)?,
///     Reply::Answered(Waist::from_cm(84.0)?),
/// );
/// let finding = bmi::score(&answers, &person);
/// assert_eq!(finding.bmi_display().to_string(), "25.7");
/// assert_eq!(finding.classification.category(), Some(bmi::BmiCategory::Overweight));
/// let whtr = finding.whtr.get().ok_or("no waist")?;
/// assert_eq!(whtr.ratio_display().to_string(), "0.51");
/// assert_eq!(whtr.band, bmi::WhtrBand::Increased);
/// assert!(whtr.applies);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score(answers: &Answers, person: &impl AsRef<Person>) -> Finding {
    let person = person.as_ref();
    let bmi_tenths = bmi_tenths(answers.height, answers.weight);
    let is_adult = person.age().years() >= ADULT_FROM_AGE_YEARS;
    let pregnant = person.pregnant();

    let classification = if !is_adult {
        BmiClassification::NotApplicable {
            reason: NotApplicableReason::Under18,
        }
    } else if pregnant.excludes_as_pregnant() {
        BmiClassification::NotApplicableInPregnancy
    } else {
        let background = person.family_background();
        let thresholds = ThresholdSet::for_background(background);
        BmiClassification::Adult(AdultClassification {
            category: thresholds.classify(bmi_tenths),
            thresholds,
            lower_thresholds_may_apply: lower_thresholds_may_apply(background),
            pregnancy_not_known: pregnant == Pregnancy::NotKnown,
        })
    };

    let whtr = match answers.waist {
        Reply::NotAsked => Reply::NotAsked,
        Reply::Answered(waist) => {
            let applicability = if !is_adult {
                WhtrApplicability::Under18
            } else if pregnant.excludes_as_pregnant() {
                WhtrApplicability::Pregnant
            } else if bmi_tenths >= WHTR_USED_BELOW_BMI_TENTHS {
                WhtrApplicability::Bmi35OrMore
            } else {
                WhtrApplicability::AdultBmiBelow35
            };
            let ratio_hundredths = whtr_hundredths(waist, answers.height);
            Reply::Answered(WhtrFinding {
                ratio_hundredths,
                waist_mm: waist.mm(),
                height_mm: answers.height.mm(),
                band: WhtrBand::classify(ratio_hundredths),
                applies: applicability.applies(),
                applicability,
            })
        }
    };

    Finding {
        instrument: BmiInstrument::BmiWhtr1,
        bmi_tenths,
        height_mm: answers.height.mm(),
        weight_g: answers.weight.grams(),
        classification,
        whtr,
    }
}

impl Finding {
    /// The outcomes the policy reads from this finding: the adult category
    /// (or only that BMI was calculated, in pregnancy) and the waist band where
    /// it applies (CLINICAL-REFERENCE §3).
    #[must_use]
    pub fn outcomes(&self) -> OutcomeSet {
        let mut o = match self.classification {
            BmiClassification::Adult(a) => {
                let o = OutcomeSet::of(Outcome::BmiCalculated);
                let o = if self.bmi_tenths <= VERY_LOW_BMI_TENTHS {
                    o.with(Outcome::BmiVeryLow)
                } else {
                    o
                };
                o.with(match a.category {
                    BmiCategory::Underweight => Outcome::BmiUnderweight,
                    BmiCategory::HealthyWeight => Outcome::BmiHealthyWeight,
                    BmiCategory::Overweight => Outcome::BmiOverweight,
                    BmiCategory::ObesityClass1 => Outcome::BmiObesityClass1,
                    BmiCategory::ObesityClass2 => Outcome::BmiObesityClass2,
                    BmiCategory::ObesityClass3 => Outcome::BmiObesityClass3,
                })
            }
            BmiClassification::NotApplicableInPregnancy => {
                let o = OutcomeSet::of(Outcome::BmiCalculated);
                if self.bmi_tenths >= PREGNANCY_BMI_CARE_FROM_TENTHS {
                    o.with(Outcome::PregnancyBmi30OrMore)
                } else {
                    o
                }
            }
            BmiClassification::NotApplicable { .. } => OutcomeSet::EMPTY,
        };
        if let Reply::Answered(w) = self.whtr
            && w.applies
        {
            o.insert(match w.band {
                WhtrBand::Below0Point4 => Outcome::WhtrBelow04,
                WhtrBand::Healthy => Outcome::WhtrHealthy,
                WhtrBand::Increased => Outcome::WhtrIncreased,
                WhtrBand::High => Outcome::WhtrHigh,
            });
        }
        o
    }
}

crate::instruments::instrument! {
    /// BMI and waist-to-height ratio as an [`Instrument`](super::Instrument).
    Bmi {
        key: "bmi",
        name: "BMI and waist-to-height ratio",
        version: VERSION,
        sources: SOURCES,
    }
}

names_round_trip_tests!(
    bmi_category_names_round_trip: BmiCategory,
);
