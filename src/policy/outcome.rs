//! Outcomes: the finite vocabulary of instrument results that policies act on.
//!
//! The rules engine never looks inside an instrument's finding. Each finding is
//! reduced once to a set of [`Outcome`]s, and conditions test that set. Because
//! the set of outcomes is a finite enum, a policy can be checked for coverage by
//! enumerating it.

use serde::{Deserialize, Serialize};

macro_rules! outcomes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $topic:ident, $group:ident, $actionable:literal; )*) => {
        /// One thing an instrument can find, by its serialized name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum Outcome {
            $( $(#[$doc])* #[serde(rename = $name)] $variant, )*
        }

        impl Outcome {
            /// Every outcome, in declaration order.
            pub const ALL: &'static [Outcome] = &[ $( Outcome::$variant, )* ];

            /// The serialized name.
            pub const fn as_str(self) -> &'static str {
                match self { $( Outcome::$variant => $name, )* }
            }

            /// The topic the outcome belongs to.
            pub const fn topic(self) -> crate::policy::Topic {
                match self { $( Outcome::$variant => crate::policy::Topic::$topic, )* }
            }

            /// The group of mutually exclusive outcomes this one belongs to, if any.
            pub const fn exclusive_group(self) -> Option<ExclusiveGroup> {
                match self { $( Outcome::$variant => outcomes!(@group $group), )* }
            }

            /// Whether this outcome calls for action: a valid policy must act on it
            /// (or say explicitly that it takes no action).
            pub const fn calls_for_action(self) -> bool {
                match self { $( Outcome::$variant => $actionable, )* }
            }
        }
    };
    (@group none) => { None };
    (@group $g:ident) => { Some(ExclusiveGroup::$g) };
}

/// Groups of outcomes of which at most one can hold for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExclusiveGroup {
    /// The PAT result.
    PatResult,
    /// The AUDIT-C band.
    AuditCBand,
    /// The full AUDIT zone (or incomplete).
    AuditZone,
    /// The FAST result.
    FastResult,
    /// Smoking status.
    SmokingStatus,
    /// Adult BMI category.
    BmiCategory,
    /// Waist-to-height band.
    WhtrBand,
    /// GPPAQ Physical Activity Index.
    ActivityIndex,
    /// Active Lives weekly band.
    WeeklyBand,
}

outcomes! {
    /// PAT positive (CLINICAL-REFERENCE §1.3).
    PatPositive = "pat_positive", Alcohol, PatResult, true;
    /// PAT negative.
    PatNegative = "pat_negative", Alcohol, PatResult, false;
    /// PAT: does not drink alcohol.
    PatNonDrinker = "pat_non_drinker", Alcohol, PatResult, false;
    /// PAT not yet determined: questions remain.
    PatIncomplete = "pat_incomplete", Alcohol, PatResult, false;
    /// Drinks every day (PAT question 3).
    PatDailyDrinker = "pat_daily_drinker", Alcohol, none, false;
    /// Drinks every day and above the PAT threshold: possible dependence (§1.5).
    PatPossibleDependence = "pat_possible_dependence", Alcohol, none, true;
    /// PAT positive, but how often they drink (or, for a daily drinker, the
    /// most in one day) is not known, so possible dependence cannot be ruled
    /// out. It calls for action: not known is not read as no (§0, §1.5).
    PatDependenceNotKnown = "pat_dependence_not_known", Alcohol, none, true;
    /// Accepted the offer of the alcohol nurse specialist (PAT question 5).
    PatWillingToSeeSpecialist = "pat_willing_to_see_specialist", Alcohol, none, false;
    /// Declined the offer of the alcohol nurse specialist.
    PatDeclinedSpecialist = "pat_declined_specialist", Alcohol, none, false;
    /// The specialist appointment has not been offered yet.
    PatSpecialistNotOffered = "pat_specialist_not_offered", Alcohol, none, false;
    /// AUDIT-C answered in full, so its score can be recorded.
    AuditCScored = "audit_c_scored", Alcohol, none, false;
    /// AUDIT-C 0–4: lower risk (CLINICAL-REFERENCE §5.2). The AUDIT-C bands are
    /// given only while the full AUDIT zone is not settled: once it is, the
    /// zone decides.
    AuditCLowerRisk = "audit_c_lower_risk", Alcohol, AuditCBand, false;
    /// AUDIT-C 5–7: increasing risk; positive.
    AuditCIncreasingRisk = "audit_c_increasing_risk", Alcohol, AuditCBand, true;
    /// AUDIT-C 8–10: higher risk; positive.
    AuditCHigherRisk = "audit_c_higher_risk", Alcohol, AuditCBand, true;
    /// AUDIT-C 11–12: possible dependence; positive.
    AuditCPossibleDependence = "audit_c_possible_dependence", Alcohol, AuditCBand, true;
    /// The full AUDIT has questions left that could change its zone.
    AuditIncomplete = "audit_incomplete", Alcohol, AuditZone, false;
    /// AUDIT 0–7: lower risk (CLINICAL-REFERENCE §5.3).
    AuditLowerRisk = "audit_lower_risk", Alcohol, AuditZone, false;
    /// AUDIT 8–15: increasing risk.
    AuditIncreasingRisk = "audit_increasing_risk", Alcohol, AuditZone, true;
    /// AUDIT 16–19: higher risk.
    AuditHigherRisk = "audit_higher_risk", Alcohol, AuditZone, true;
    /// AUDIT 20 or more: possible dependence.
    AuditPossibleDependence = "audit_possible_dependence", Alcohol, AuditZone, true;
    /// FAST positive (CLINICAL-REFERENCE §5.4).
    FastPositive = "fast_positive", Alcohol, FastResult, true;
    /// FAST negative.
    FastNegative = "fast_negative", Alcohol, FastResult, false;
    /// Never smoked.
    NeverSmoked = "never_smoked", Tobacco, SmokingStatus, false;
    /// Ex-smoker who stopped 12 months ago or more.
    ExSmoker = "ex_smoker", Tobacco, SmokingStatus, false;
    /// Ex-smoker who stopped from 2 weeks to under 12 months ago.
    ExSmokerWithin12Months = "ex_smoker_within_12_months", Tobacco, SmokingStatus, true;
    /// Stopped less than 2 weeks ago (or when is not known): treated as a smoker for referral (§2.1).
    QuitWithin2Weeks = "quit_within_2_weeks", Tobacco, SmokingStatus, true;
    /// Smokes now.
    CurrentSmoker = "current_smoker", Tobacco, SmokingStatus, true;
    /// Uses nicotine vapes now.
    CurrentVaper = "current_vaper", Tobacco, none, false;
    /// Pregnant (or possibly pregnant) with CO at or above the referral threshold (§2.3).
    CoPregnancyReferral = "co_pregnancy_referral", Tobacco, none, true;
    /// Pregnant non-smoker with a raised CO reading: help identify the source (§2.3).
    CoIdentifySource = "co_identify_source", Tobacco, none, true;
    /// Non-smoker with CO above 10 ppm: possible carbon-monoxide poisoning (§2.3).
    CoPossiblePoisoning = "co_possible_poisoning", General, none, true;
    /// BMI calculated (any category, or in pregnancy).
    BmiCalculated = "bmi_calculated", Weight, none, false;
    /// Underweight.
    BmiUnderweight = "bmi_underweight", Weight, BmiCategory, true;
    /// Healthy weight.
    BmiHealthyWeight = "bmi_healthy_weight", Weight, BmiCategory, false;
    /// Overweight.
    BmiOverweight = "bmi_overweight", Weight, BmiCategory, true;
    /// Obesity class 1.
    BmiObesityClass1 = "bmi_obesity_class_1", Weight, BmiCategory, true;
    /// Obesity class 2.
    BmiObesityClass2 = "bmi_obesity_class_2", Weight, BmiCategory, true;
    /// Obesity class 3.
    BmiObesityClass3 = "bmi_obesity_class_3", Weight, BmiCategory, true;
    /// Waist-to-height ratio below 0.4.
    WhtrBelow04 = "whtr_below_0_4", Weight, WhtrBand, false;
    /// Healthy waist-to-height ratio.
    WhtrHealthy = "whtr_healthy", Weight, WhtrBand, false;
    /// Increased waist-to-height ratio (0.50–0.59).
    WhtrIncreased = "whtr_increased", Weight, WhtrBand, true;
    /// High waist-to-height ratio (0.60 or more).
    WhtrHigh = "whtr_high", Weight, WhtrBand, true;
    /// GPPAQ index calculated.
    ActivityIndexCalculated = "activity_index_calculated", PhysicalActivity, none, false;
    /// GPPAQ: inactive.
    ActivityInactive = "activity_inactive", PhysicalActivity, ActivityIndex, true;
    /// GPPAQ: moderately inactive.
    ActivityModeratelyInactive = "activity_moderately_inactive", PhysicalActivity, ActivityIndex, true;
    /// GPPAQ: moderately active.
    ActivityModeratelyActive = "activity_moderately_active", PhysicalActivity, ActivityIndex, true;
    /// GPPAQ: active.
    ActivityActive = "activity_active", PhysicalActivity, ActivityIndex, false;
    /// Weekly minutes: inactive (under 30).
    WeeklyInactive = "weekly_inactive", PhysicalActivity, WeeklyBand, true;
    /// Weekly minutes: fairly active (30–149).
    WeeklyFairlyActive = "weekly_fairly_active", PhysicalActivity, WeeklyBand, true;
    /// Weekly minutes: active (150 or more).
    WeeklyActive = "weekly_active", PhysicalActivity, WeeklyBand, false;
}

/// A set of outcomes, held as bits so it is `Copy` and costs nothing to build.
///
/// In JSON it is a list of outcome names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(from = "Vec<Outcome>", into = "Vec<Outcome>")]
pub struct OutcomeSet(u64);

const _: () = assert!(
    Outcome::ALL.len() <= 64,
    "OutcomeSet holds at most 64 outcomes"
);

impl OutcomeSet {
    /// The empty set.
    pub const EMPTY: OutcomeSet = OutcomeSet(0);

    const fn bit(o: Outcome) -> u64 {
        1 << (o as u8)
    }

    /// The set holding just `o`.
    pub const fn of(o: Outcome) -> OutcomeSet {
        OutcomeSet(Self::bit(o))
    }

    /// The set with `o` added.
    #[must_use]
    pub const fn with(self, o: Outcome) -> OutcomeSet {
        OutcomeSet(self.0 | Self::bit(o))
    }

    /// Adds `o` to the set.
    pub fn insert(&mut self, o: Outcome) {
        self.0 |= Self::bit(o);
    }

    /// Whether the set holds `o`.
    pub const fn contains(self, o: Outcome) -> bool {
        self.0 & Self::bit(o) != 0
    }

    /// Whether the two sets share an outcome.
    pub const fn intersects(self, other: OutcomeSet) -> bool {
        self.0 & other.0 != 0
    }

    /// The outcomes in both sets.
    #[must_use]
    pub const fn intersection(self, other: OutcomeSet) -> OutcomeSet {
        OutcomeSet(self.0 & other.0)
    }

    /// The outcomes in either set.
    #[must_use]
    pub const fn union(self, other: OutcomeSet) -> OutcomeSet {
        OutcomeSet(self.0 | other.0)
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every outcome in `self` is in `other`.
    pub const fn is_subset(self, other: OutcomeSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// The outcomes in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = Outcome> {
        Outcome::ALL
            .iter()
            .copied()
            .filter(move |o| self.contains(*o))
    }
}

impl FromIterator<Outcome> for OutcomeSet {
    fn from_iter<I: IntoIterator<Item = Outcome>>(iter: I) -> OutcomeSet {
        iter.into_iter().fold(OutcomeSet::EMPTY, OutcomeSet::with)
    }
}

impl From<Vec<Outcome>> for OutcomeSet {
    fn from(v: Vec<Outcome>) -> OutcomeSet {
        v.into_iter().collect()
    }
}

impl From<OutcomeSet> for Vec<Outcome> {
    fn from(s: OutcomeSet) -> Vec<Outcome> {
        s.iter().collect()
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for OutcomeSet {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OutcomeSet".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let item = generator.subschema_for::<Outcome>();
        schemars::json_schema!({ "type": "array", "items": item, "uniqueItems": true })
    }
}
