//! What scoring says: the instrument's outputs (CLINICAL-REFERENCE §2.1–§2.3,
//! §7).

use serde::{Deserialize, Serialize, Serializer};

use super::{
    CigarettesPerDay, POSSIBLE_PREGNANCY_MAX_AGE, POSSIBLE_PREGNANCY_MIN_AGE, Products, SOURCES,
    VERSION, Vaping, YearsSmoked,
};
use crate::Source;
use crate::bounded::{named_enum, names_round_trip_tests};
use crate::context::{Person, Pregnancy, Sex};
use crate::error::Error;
use crate::instruments::Reply;
use crate::units::{Bounds, CoPpm, bounds};

// ---------------------------------------------------------------- status and quitting

/// The smoking status in summary (CLINICAL-REFERENCE §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusSummary {
    /// Has never smoked tobacco.
    NeverSmoked,
    /// Used to smoke and has stopped.
    ExSmoker,
    /// Smokes now.
    CurrentSmoker,
}

/// How long ago an ex-smoker stopped, in the bands the policy uses
/// (CLINICAL-REFERENCE §2.1, §2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum QuitRecency {
    /// Fewer than 14 days ago: still treated as a smoker for referral.
    #[serde(rename = "less_than_2_weeks")]
    LessThan2Weeks,
    /// From 14 days to 12 months (365 days) ago: relapse-prevention support is
    /// offered.
    #[serde(rename = "2_weeks_to_12_months")]
    TwoWeeksTo12Months,
    /// More than 12 months ago.
    #[serde(rename = "more_than_12_months")]
    MoreThan12Months,
    /// Not known: read as possibly within 2 weeks for referral.
    #[serde(rename = "not_known")]
    NotKnown,
}

// ---------------------------------------------------------------- HSI

/// Nicotine dependence as banded by the HSI total (CLINICAL-REFERENCE §2.2).
///
/// **Decision (bands):** 0–1 `low`, 2–4 `moderate`, 5–6 `high`, as the clinical
/// reference gives them (the bands used by NIDA and the `PhenX` toolkit). Some
/// sources band 0–2 low and 3–4 moderate instead; the two differ only for a
/// total of 2. We follow the clinical reference, which is this crate's
/// authority, and because reading a total of 2 as moderate is the more
/// sensitive choice for offering support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DependenceBand {
    /// HSI 0–1.
    Low,
    /// HSI 2–4.
    Moderate,
    /// HSI 5–6.
    High,
}

/// A computed Heaviness of Smoking Index (CLINICAL-REFERENCE §2.2; Heatherton et
/// al. 1989).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HsiScore {
    /// The index, 0 to 6: the sum of the two parts.
    pub total: u8,
    /// Points for cigarettes per day, 0 to 3.
    pub cigarettes_per_day_points: u8,
    /// Points for the time to the first cigarette, 0 to 3.
    pub time_to_first_cigarette_points: u8,
    /// The dependence band of the total.
    pub band: DependenceBand,
}

/// Which HSI answers were not asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HsiMissing {
    /// Cigarettes per day.
    CigarettesPerDay,
    /// Minutes to the first cigarette.
    MinutesToFirstCigarette,
    /// Both.
    Both,
}

/// Why a measure does not apply to this person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "SmokingNotApplicableReason")
)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicableReason {
    /// The person does not smoke now.
    NotACurrentSmoker,
    /// The person smokes, but neither manufactured nor hand-rolled cigarettes.
    NoCigaretteProducts,
}

/// The Heaviness of Smoking Index, or why there is none.
///
/// In JSON: `{"kind": "computed", "value": {...}}`, `{"kind": "not_computable",
/// "value": {"missing": ...}}` or `{"kind": "not_applicable", "value":
/// {"reason": ...}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Hsi {
    /// Both answers were given.
    Computed(HsiScore),
    /// A current cigarette smoker, but an answer was not asked: no score is
    /// guessed.
    NotComputable {
        /// The answers still to ask.
        missing: HsiMissing,
    },
    /// The HSI is for current smokers of cigarettes only.
    NotApplicable {
        /// Why it does not apply.
        reason: NotApplicableReason,
    },
}

impl Hsi {
    /// The score, when computed.
    #[must_use]
    pub const fn computed(self) -> Option<HsiScore> {
        match self {
            Hsi::Computed(s) => Some(s),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------- pack-years

/// Accepted pack-years: up to 200 a day for 110 years.
pub const PACK_YEARS: Bounds = bounds!(from 0 to 1_100 "pack-years");

/// Pack-years: (cigarettes per day ÷ 20) × years smoked (CLINICAL-REFERENCE
/// §2.2), held exactly in hundredths.
///
/// **Decision (precision):** cigarettes per day and years are whole numbers,
/// so pack-years × 100 = cigarettes × years × 5 is always a whole number: held
/// in hundredths, the value is exact, needs no rounding rule, and compares with
/// `Eq`. In JSON it is a number of pack-years (`12.35`), exact to the hundredth
/// on the way back.
///
/// ```
/// use mecc::instruments::smoking::{CigarettesPerDay, PackYears, YearsSmoked};
///
/// let p = PackYears::from_smoking(CigarettesPerDay::new(15)?, YearsSmoked::new(7)?);
/// assert_eq!(p.hundredths(), 525); // 0.75 × 7 = 5.25
/// assert_eq!(p.pack_years(), 5.25);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "crate::units::Number")]
pub struct PackYears {
    hundredths: u32,
}

impl PackYears {
    /// Pack-years from the two answers.
    #[must_use]
    pub const fn from_smoking(cigarettes: CigarettesPerDay, years: YearsSmoked) -> PackYears {
        // At most 200 × 110 × 5 = 110 000: no overflow.
        PackYears {
            hundredths: cigarettes.get() * years.get() * (100 / super::CIGARETTES_PER_PACK),
        }
    }

    /// A number of pack-years, kept to the hundredth.
    ///
    /// # Errors
    /// - [`Error::NotFinite`] for NaN or infinity.
    /// - [`Error::OutOfRange`] outside [`PACK_YEARS`].
    pub fn from_pack_years(pack_years: f64) -> Result<PackYears, Error> {
        let p = PACK_YEARS.check_f64("pack_years", pack_years)?;
        // Range-checked above: at most 110 000 hundredths.
        Ok(PackYears {
            hundredths: crate::units::round_u32(p * 100.0),
        })
    }

    /// Pack-years × 100, exact.
    #[must_use]
    pub const fn hundredths(self) -> u32 {
        self.hundredths
    }

    /// Pack-years.
    #[must_use]
    pub fn pack_years(self) -> f64 {
        f64::from(self.hundredths) / 100.0
    }
}

impl TryFrom<f64> for PackYears {
    type Error = Error;
    fn try_from(p: f64) -> Result<PackYears, Error> {
        PackYears::from_pack_years(p)
    }
}

impl TryFrom<crate::units::Number> for PackYears {
    type Error = Error;
    fn try_from(p: crate::units::Number) -> Result<PackYears, Error> {
        PackYears::from_pack_years(p.0)
    }
}

impl Serialize for PackYears {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.pack_years())
    }
}

/// Which pack-year answers were not asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PackYearsMissing {
    /// Cigarettes per day.
    CigarettesPerDay,
    /// Years smoked.
    YearsSmoked,
    /// Both.
    Both,
}

/// Pack-years, or why there are none.
///
/// Pack-years count cigarettes only: cigars, pipes, shisha and smokeless
/// tobacco have no agreed conversion in the clinical reference, so a smoker of
/// those alone gets `not_applicable`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum PackYearsResult {
    /// Both answers were given.
    Computed(PackYears),
    /// A current cigarette smoker, but an answer was not asked.
    NotComputable {
        /// The answers still to ask.
        missing: PackYearsMissing,
    },
    /// Not a current smoker of cigarettes.
    NotApplicable {
        /// Why it does not apply.
        reason: NotApplicableReason,
    },
}

impl PackYearsResult {
    /// The pack-years, when computed.
    #[must_use]
    pub const fn computed(self) -> Option<PackYears> {
        match self {
            PackYearsResult::Computed(p) => Some(p),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------- CO

named_enum! {
    /// Something a CO reading calls for (CLINICAL-REFERENCE §2.3; NICE NG209 §1.18).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum CoFlag {
        /// Safety alert: a non-smoker above 10 ppm may have carbon-monoxide
        /// poisoning; advise contacting the gas safety advice line.
        PossibleCoPoisoning = "possible_co_poisoning",
        /// Pregnancy thresholds apply and the reading is 4 ppm or more: opt-out
        /// referral.
        PregnancyReferral = "pregnancy_referral",
        /// Pregnancy thresholds apply and a non-smoker reads 3 ppm or more: help
        /// identify the source (second-hand smoke, heating appliances, traffic).
        IdentifySource = "identify_source",
    }
}

impl CoFlag {
    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`CoFlag`]s, held as bits. In JSON a list, possibly empty.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "Vec<CoFlag>", extend("minItems" = 0, "uniqueItems" = true), description = "what the CO reading calls for; empty when nothing")
)]
#[serde(from = "Vec<CoFlag>")]
pub struct CoFlags(u8);

impl CoFlags {
    /// No flag.
    pub const NONE: CoFlags = CoFlags(0);

    /// The set with `flag` added.
    #[must_use]
    pub const fn with(self, flag: CoFlag) -> CoFlags {
        CoFlags(self.0 | flag.bit())
    }

    /// Whether the set holds `flag`.
    #[must_use]
    pub const fn contains(self, flag: CoFlag) -> bool {
        self.0 & flag.bit() != 0
    }

    /// Whether the set is empty.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every flag in `self` is also in `other`.
    #[must_use]
    pub const fn is_subset(self, other: CoFlags) -> bool {
        self.0 & !other.0 == 0
    }

    /// The flags, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = CoFlag> {
        CoFlag::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl FromIterator<CoFlag> for CoFlags {
    fn from_iter<I: IntoIterator<Item = CoFlag>>(iter: I) -> CoFlags {
        iter.into_iter().fold(CoFlags::NONE, CoFlags::with)
    }
}

impl From<Vec<CoFlag>> for CoFlags {
    fn from(flags: Vec<CoFlag>) -> CoFlags {
        flags.into_iter().collect()
    }
}

impl std::fmt::Debug for CoFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for CoFlags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// What one CO reading means for this person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CoReading {
    /// The reading.
    pub ppm: CoPpm,
    /// Whether the pregnancy thresholds were applied: pregnant, or pregnancy not
    /// known and possible (see [`Finding::pregnancy`]).
    pub pregnancy_thresholds_applied: bool,
    /// Whether the person counted as a non-smoker: never smoked, or any
    /// ex-smoker (see [`super::co_interpretation`] for why recent quitters count).
    pub counted_as_non_smoker: bool,
    /// What the reading calls for; empty when nothing.
    pub flags: CoFlags,
}

/// The CO reading, interpreted, or that none was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum CoInterpretation {
    /// No reading was taken.
    NotMeasured,
    /// A reading was taken.
    Measured(CoReading),
}

impl CoInterpretation {
    /// The flags raised; empty when no reading was taken.
    #[must_use]
    pub const fn flags(self) -> CoFlags {
        match self {
            CoInterpretation::Measured(r) => r.flags,
            CoInterpretation::NotMeasured => CoFlags::NONE,
        }
    }
}

// ---------------------------------------------------------------- pregnancy

/// How the instrument read the contact's pregnancy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PregnancyReading {
    /// Recorded as pregnant.
    Pregnant,
    /// Recorded as not pregnant, or pregnancy not known but not possible (male,
    /// or outside the ages of possible pregnancy).
    NotPregnant,
    /// Pregnancy not known, and the person could be pregnant: the pregnancy
    /// thresholds are applied and the assumption is recorded.
    PossiblyPregnant,
}

impl PregnancyReading {
    /// Reads the contact's pregnancy.
    ///
    /// **Decision:** when pregnancy is `not_known`, the person is read as
    /// possibly pregnant if their sex is `female` or `not_known` and their age is
    /// from [`POSSIBLE_PREGNANCY_MIN_AGE`] to [`POSSIBLE_PREGNANCY_MAX_AGE`].
    /// Missing a pregnancy could miss CO harm to a baby, while reading one in
    /// error costs only a more sensitive CO threshold, so the cautious reading
    /// wins (CLINICAL-REFERENCE §0: `not_known` selects the more sensitive
    /// threshold). A recorded `yes` is taken at any age.
    pub fn of(person: &impl AsRef<Person>) -> PregnancyReading {
        let person = person.as_ref();
        match person.pregnant() {
            Pregnancy::Yes => PregnancyReading::Pregnant,
            Pregnancy::No => PregnancyReading::NotPregnant,
            // She could be pregnant: the more sensitive thresholds (§6.11).
            Pregnancy::Possible => PregnancyReading::PossiblyPregnant,
            Pregnancy::NotKnown => {
                let age = person.age().years();
                let could_be_pregnant = !matches!(person.sex(), Sex::Male)
                    && (POSSIBLE_PREGNANCY_MIN_AGE..=POSSIBLE_PREGNANCY_MAX_AGE).contains(&age);
                if could_be_pregnant {
                    PregnancyReading::PossiblyPregnant
                } else {
                    PregnancyReading::NotPregnant
                }
            }
        }
    }
}

// ---------------------------------------------------------------- assumptions

named_enum! {
    /// An assumption scoring made because something was not known.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum Assumption {
        /// An ex-smoker's quit time is not known: read as possibly within 2 weeks,
        /// so they are treated as a smoker for referral.
        QuitTimeNotKnownReadAsWithin2Weeks = "quit_time_not_known_read_as_within_2_weeks",
        /// Pregnancy is not known and the person could be pregnant: the pregnancy
        /// thresholds apply.
        PregnancyNotKnownReadAsPossible = "pregnancy_not_known_read_as_possible",
    }
}

impl Assumption {
    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`Assumption`]s, held as bits. In JSON a list, possibly empty.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "Vec<Assumption>", extend("minItems" = 0, "uniqueItems" = true), description = "what scoring assumed where something was not known")
)]
#[serde(from = "Vec<Assumption>")]
pub struct Assumptions(u8);

impl Assumptions {
    /// No assumption.
    pub const NONE: Assumptions = Assumptions(0);

    /// The set with `assumption` added.
    #[must_use]
    pub const fn with(self, assumption: Assumption) -> Assumptions {
        Assumptions(self.0 | assumption.bit())
    }

    /// Whether the set holds `assumption`.
    #[must_use]
    pub const fn contains(self, assumption: Assumption) -> bool {
        self.0 & assumption.bit() != 0
    }

    /// Whether the set is empty.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The assumptions, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = Assumption> {
        Assumption::ALL
            .into_iter()
            .filter(move |a| self.contains(*a))
    }
}

impl FromIterator<Assumption> for Assumptions {
    fn from_iter<I: IntoIterator<Item = Assumption>>(iter: I) -> Assumptions {
        iter.into_iter().fold(Assumptions::NONE, Assumptions::with)
    }
}

impl From<Vec<Assumption>> for Assumptions {
    fn from(a: Vec<Assumption>) -> Assumptions {
        a.into_iter().collect()
    }
}

impl std::fmt::Debug for Assumptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for Assumptions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

// ---------------------------------------------------------------- recording

/// The SNOMED CT concept for recording the status (CLINICAL-REFERENCE §7, the
/// confirmed codes). In JSON, the concept id as a string, e.g. `"77176002"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum SmokingConcept {
    /// Smoker (finding), `77176002`.
    #[serde(rename = "77176002")]
    Smoker,
    /// Ex-smoker (finding), `8517006`.
    #[serde(rename = "8517006")]
    ExSmoker,
    /// Never smoked tobacco (finding), `266919005`.
    #[serde(rename = "266919005")]
    NeverSmokedTobacco,
}

impl SmokingConcept {
    /// The SNOMED CT concept id.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            SmokingConcept::Smoker => "77176002",
            SmokingConcept::ExSmoker => "8517006",
            SmokingConcept::NeverSmokedTobacco => "266919005",
        }
    }

    /// The concept's term.
    #[must_use]
    pub const fn term(self) -> &'static str {
        match self {
            SmokingConcept::Smoker => "Smoker",
            SmokingConcept::ExSmoker => "Ex-smoker",
            SmokingConcept::NeverSmokedTobacco => "Never smoked tobacco",
        }
    }
}

// ---------------------------------------------------------------- provenance

/// Which instrument, at which version of its rules, made a finding.
///
/// A finding carries this rather than the [`Source`] itself so that it can be
/// read back from JSON; [`InstrumentId::sources`] gives the citations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InstrumentId {
    /// This module's rules, version 1 ([`VERSION`]).
    SmokingStatusV1,
}

impl InstrumentId {
    /// The published sources the instrument implements.
    #[must_use]
    pub const fn sources(self) -> &'static [Source] {
        match self {
            InstrumentId::SmokingStatusV1 => SOURCES,
        }
    }

    /// The version of the instrument's rules.
    #[must_use]
    pub const fn version(self) -> &'static str {
        match self {
            InstrumentId::SmokingStatusV1 => VERSION,
        }
    }
}

// ---------------------------------------------------------------- finding

/// The result of scoring the smoking answers for one contact: everything the
/// default policy (CLINICAL-REFERENCE §2.4) needs, as typed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "SmokingFinding"))]
pub struct Finding {
    /// The status in summary.
    pub status: StatusSummary,
    /// For an ex-smoker, how long ago they stopped; `null` otherwise.
    pub quit_recency: Option<QuitRecency>,
    /// Current smokers, and ex-smokers who stopped less than 2 weeks ago or at
    /// a time not known (CLINICAL-REFERENCE §2.1, §2.4). The CO reading's own
    /// referral in pregnancy is in [`Finding::co`].
    pub treat_as_smoker_for_referral: bool,
    /// For a current smoker, the products used; `null` otherwise.
    pub products: Option<Products>,
    /// The Heaviness of Smoking Index (§2.2).
    pub hsi: Hsi,
    /// Pack-years (§2.2).
    pub pack_years: PackYearsResult,
    /// Vaping, as answered.
    pub vaping: Reply<Vaping>,
    /// The CO reading and what it calls for (§2.3).
    pub co: CoInterpretation,
    /// How pregnancy was read from the contact.
    pub pregnancy: PregnancyReading,
    /// What was assumed where something was not known.
    pub assumptions: Assumptions,
    /// The SNOMED CT concept to record (§7).
    pub snomed_ct: SmokingConcept,
    /// The instrument and rules version that made the finding.
    pub source: InstrumentId,
}

names_round_trip_tests!(
    co_flag_names_round_trip: CoFlag,
    assumption_names_round_trip: Assumption,
);
