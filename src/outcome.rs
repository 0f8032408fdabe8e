//! Outcomes: the finite vocabulary that joins the instruments to the policy.
//!
//! Each instrument's finding reduces itself to a set of [`Outcome`]s (see
//! [`crate::instruments::Instrument::outcomes`]); the rules engine's conditions,
//! its coverage checking and its plans read nothing else. Every fact about an
//! outcome is declared once, in the table below: its serialized name, its
//! [`Topic`], the [`ExclusiveGroup`] it belongs to, whether it calls for action,
//! the outcomes it always comes with, and the ages, settings and pregnancy
//! states in which an instrument can give it. Neither half restates the table.

use serde::{Deserialize, Serialize};

use crate::context::{AGE_YEARS, Pregnancy, Setting, Settings};
use crate::instruments::{activity, bmi, child_bmi};

/// The lifestyle risk an outcome or an action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Topic {
    /// Safeguarding children and young people (CLINICAL-REFERENCE §8.1):
    /// prompts to the practitioner, first in a plan with the safety alerts.
    Safeguarding,
    /// Alcohol.
    Alcohol,
    /// Tobacco and nicotine.
    Tobacco,
    /// Weight and diet.
    Weight,
    /// Physical activity.
    PhysicalActivity,
    /// Anything else, such as carbon-monoxide safety.
    General,
}

impl Topic {
    /// Every topic, in the default order of a plan (CLINICAL-REFERENCE §6.2).
    pub const ALL: [Topic; 6] = [
        Topic::Safeguarding,
        Topic::Alcohol,
        Topic::Tobacco,
        Topic::Weight,
        Topic::PhysicalActivity,
        Topic::General,
    ];

    /// The topic as the person would say it, for text shown to them
    /// (CLINICAL-REFERENCE §6.7): what `{topic}` becomes in a policy text.
    #[must_use]
    pub const fn in_plain_words(self) -> &'static str {
        match self {
            Topic::Safeguarding => "keeping safe",
            Topic::Alcohol => "drinking",
            Topic::Tobacco => "smoking or vaping",
            Topic::Weight => "weight",
            Topic::PhysicalActivity => "being more active",
            Topic::General => "your health",
        }
    }
}

/// Groups of outcomes of which at most one can hold for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
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
    /// Children's BMI centile category, or why there is none.
    ChildBmiCentile,
    /// GPPAQ Physical Activity Index.
    ActivityIndex,
    /// Active Lives weekly band.
    WeeklyBand,
    /// Active Lives Children and Young People band on weekly minutes.
    CypWeeklyBand,
}

/// The ages, in whole years, at which an instrument can give an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ages {
    /// The youngest age.
    pub from: u32,
    /// The oldest age.
    pub to: u32,
}

impl Ages {
    /// Whether `years` is in the range.
    #[must_use]
    pub const fn contains(self, years: u32) -> bool {
        years >= self.from && years <= self.to
    }
}

/// The oldest age a contact can hold, from the one bound that checks it.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the bound is a whole, positive number of years"
)]
const MAX_AGE: u32 = AGE_YEARS.max() as u32;
/// Outcomes an instrument gives at any age. PAT, AUDIT, FAST and smoking
/// status score at every age; what the policy does for children is its own
/// concern (CLINICAL-REFERENCE §8).
const ANY_AGE: Ages = Ages {
    from: 0,
    to: MAX_AGE,
};
/// Adult BMI categories and waist bands (CLINICAL-REFERENCE §3.1).
const ADULT_BMI: Ages = Ages {
    from: bmi::ADULT_FROM_AGE_YEARS,
    to: MAX_AGE,
};
/// Children's BMI centiles (CLINICAL-REFERENCE §8.3).
const CHILD_BMI: Ages = Ages {
    from: child_bmi::MIN_AGE_YEARS,
    to: child_bmi::MAX_AGE_YEARS,
};
/// The children's waist-to-height flag (CLINICAL-REFERENCE §8.3).
const CHILD_WHTR: Ages = Ages {
    from: child_bmi::WHTR_FROM_AGE_YEARS,
    to: child_bmi::MAX_AGE_YEARS,
};
/// The GPPAQ index (CLINICAL-REFERENCE §4.1).
const GPPAQ: Ages = Ages {
    from: activity::GPPAQ_MIN_AGE,
    to: activity::GPPAQ_MAX_AGE,
};
/// The adult Active Lives bands on weekly minutes (CLINICAL-REFERENCE §4.2):
/// given as outcomes from 19, where the adult guideline starts; from 5 to 18
/// the weekly minutes give the children and young people's outcomes instead
/// (§8.4; see [`activity::Finding::outcomes`]).
const ACTIVE_LIVES: Ages = Ages {
    from: activity::ADULT_GUIDELINE_MIN_AGE,
    to: MAX_AGE,
};
/// The children and young people's bands on weekly minutes, ages 5 to 18
/// (CLINICAL-REFERENCE §8.4).
const CYP_ACTIVITY: Ages = Ages {
    from: activity::CYP_GUIDELINE_MIN_AGE,
    to: activity::CYP_GUIDELINE_MAX_AGE,
};
/// Every instrument can be used in every setting.
const ANY_SETTING: Settings = Settings::ALL;

/// Which pregnancy states an instrument can give an outcome in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InPregnancy {
    /// Whatever the pregnancy state.
    Always,
    /// Not when pregnancy is recorded as `yes`: adult BMI categories and waist
    /// bands are not given in pregnancy (CLINICAL-REFERENCE §3.1).
    NotInPregnancy,
    /// Only when the person could be pregnant: the CO pregnancy outcomes
    /// (CLINICAL-REFERENCE §2.3).
    WhenPregnancyPossible,
    /// Only when pregnancy is recorded as `yes` or `possible`: the booking
    /// BMI (CLINICAL-REFERENCE §9).
    InPregnancy,
}

/// Everything declared about one outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutcomeInfo {
    /// The serialized name.
    pub name: &'static str,
    /// The topic.
    pub topic: Topic,
    /// The group of mutually exclusive outcomes it belongs to, if any.
    pub exclusive_group: Option<ExclusiveGroup>,
    /// Whether it calls for action: a valid policy must act on it (or say
    /// explicitly that it takes no action).
    pub calls_for_action: bool,
    /// The outcomes always found with it (a possible dependence is always a
    /// positive PAT, for example), so that a rule may rely on them too.
    pub implies: OutcomeSet,
    /// The ages at which an instrument can give it.
    pub ages: Ages,
    /// The settings in which an instrument can give it.
    pub settings: Settings,
    /// The pregnancy states in which an instrument can give it.
    pub pregnancy: InPregnancy,
}

macro_rules! outcomes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal {
        topic: $topic:ident, group: $group:ident, acts: $acts:literal,
        implies: [$($implied:ident),*], ages: $ages:ident, settings: $settings:ident,
        pregnancy: $pregnancy:ident $(,)?
    } )*) => {
        /// One thing an instrument can find, by its serialized name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[non_exhaustive]
        pub enum Outcome {
            $( $(#[$doc])* #[serde(rename = $name)] $variant, )*
        }

        impl Outcome {
            /// Every outcome, in declaration order.
            pub const ALL: &'static [Outcome] = &[ $( Outcome::$variant, )* ];

            /// Everything declared about the outcome.
            #[must_use]
            pub const fn info(self) -> &'static OutcomeInfo {
                // The table has one entry per variant, in declaration order.
                &OUTCOME_TABLE[self as usize]
            }
        }

        /// The declarations, in the order of [`Outcome::ALL`].
        static OUTCOME_TABLE: [OutcomeInfo; Outcome::ALL.len()] = [
            $( OutcomeInfo {
                name: $name,
                topic: Topic::$topic,
                exclusive_group: outcomes!(@group $group),
                calls_for_action: $acts,
                implies: OutcomeSet::EMPTY $( .with(Outcome::$implied) )*,
                ages: $ages,
                settings: $settings,
                pregnancy: InPregnancy::$pregnancy,
            }, )*
        ];
    };
    (@group none) => { None };
    (@group $g:ident) => { Some(ExclusiveGroup::$g) };
}

impl Outcome {
    /// The serialized name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        self.info().name
    }

    /// The topic the outcome belongs to.
    #[must_use]
    pub const fn topic(self) -> Topic {
        self.info().topic
    }

    /// The group of mutually exclusive outcomes this one belongs to, if any.
    #[must_use]
    pub const fn exclusive_group(self) -> Option<ExclusiveGroup> {
        self.info().exclusive_group
    }

    /// Whether this outcome calls for action: a valid policy must act on it (or
    /// say explicitly that it takes no action).
    #[must_use]
    pub const fn calls_for_action(self) -> bool {
        self.info().calls_for_action
    }

    /// The outcomes always found with this one.
    #[must_use]
    pub const fn implies(self) -> OutcomeSet {
        self.info().implies
    }

    /// Whether an instrument can give this outcome for a person of this age,
    /// in this setting, with this pregnancy state and reading of it.
    ///
    /// `pregnancy_possible` is the instruments' reading of whether the person
    /// could be pregnant (see
    /// [`crate::instruments::smoking::PregnancyReading`]).
    #[must_use]
    pub const fn can_occur(
        self,
        age_years: u32,
        setting: Setting,
        pregnant: Pregnancy,
        pregnancy_possible: bool,
    ) -> bool {
        let info = self.info();
        info.ages.contains(age_years)
            && info.settings.contains(setting)
            && match info.pregnancy {
                InPregnancy::Always => true,
                InPregnancy::NotInPregnancy => !pregnant.excludes_as_pregnant(),
                InPregnancy::WhenPregnancyPossible => pregnancy_possible,
                InPregnancy::InPregnancy => pregnant.excludes_as_pregnant(),
            }
    }
}

outcomes! {
    /// PAT positive (CLINICAL-REFERENCE §1.3).
    PatPositive = "pat_positive" { topic: Alcohol, group: PatResult, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// PAT negative.
    PatNegative = "pat_negative" { topic: Alcohol, group: PatResult, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// PAT: does not drink alcohol.
    PatNonDrinker = "pat_non_drinker" { topic: Alcohol, group: PatResult, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// PAT not yet determined: questions remain.
    PatIncomplete = "pat_incomplete" { topic: Alcohol, group: PatResult, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Drinks every day (PAT question 3).
    PatDailyDrinker = "pat_daily_drinker" { topic: Alcohol, group: none, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Drinks every day and above the PAT threshold: possible dependence (§1.5).
    PatPossibleDependence = "pat_possible_dependence" { topic: Alcohol, group: none, acts: true, implies: [PatPositive, PatDailyDrinker], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// PAT positive, but how often they drink (or, for a daily drinker, the
    /// most in one day) is not known, so possible dependence cannot be ruled
    /// out. It calls for action: not known is not read as no (§0, §1.5).
    PatDependenceNotKnown = "pat_dependence_not_known" { topic: Alcohol, group: none, acts: true, implies: [PatPositive], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Accepted the offer of the alcohol nurse specialist (PAT question 5).
    PatWillingToSeeSpecialist = "pat_willing_to_see_specialist" { topic: Alcohol, group: none, acts: false, implies: [PatPositive], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Declined the offer of the alcohol nurse specialist.
    PatDeclinedSpecialist = "pat_declined_specialist" { topic: Alcohol, group: none, acts: false, implies: [PatPositive], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// The specialist appointment has not been offered yet.
    PatSpecialistNotOffered = "pat_specialist_not_offered" { topic: Alcohol, group: none, acts: false, implies: [PatPositive], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// PAT question 4: the person says this attendance is related to alcohol
    /// (CLINICAL-REFERENCE §1.1, §8.1: for anyone under 18, a safeguarding
    /// prompt).
    PatAttendanceRelated = "pat_attendance_related" { topic: Alcohol, group: none, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// AUDIT-C answered in full, so its score can be recorded.
    AuditCScored = "audit_c_scored" { topic: Alcohol, group: none, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// AUDIT-C 0–4: lower risk (CLINICAL-REFERENCE §5.2). The AUDIT-C bands are
    /// given only while the full AUDIT zone is not settled: once it is, the
    /// zone decides.
    AuditCLowerRisk = "audit_c_lower_risk" { topic: Alcohol, group: AuditCBand, acts: false, implies: [AuditIncomplete, AuditCScored], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// AUDIT-C 5–7: increasing risk; positive.
    AuditCIncreasingRisk = "audit_c_increasing_risk" { topic: Alcohol, group: AuditCBand, acts: true, implies: [AuditIncomplete, AuditCScored], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// AUDIT-C 8–10: higher risk; positive.
    AuditCHigherRisk = "audit_c_higher_risk" { topic: Alcohol, group: AuditCBand, acts: true, implies: [AuditIncomplete, AuditCScored], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// AUDIT-C 11–12: possible dependence; positive.
    AuditCPossibleDependence = "audit_c_possible_dependence" { topic: Alcohol, group: AuditCBand, acts: true, implies: [AuditIncomplete, AuditCScored], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// The full AUDIT has questions left that could change its zone.
    AuditIncomplete = "audit_incomplete" { topic: Alcohol, group: AuditZone, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// AUDIT 0–7: lower risk (CLINICAL-REFERENCE §5.3).
    AuditLowerRisk = "audit_lower_risk" { topic: Alcohol, group: AuditZone, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// AUDIT 8–15: increasing risk.
    AuditIncreasingRisk = "audit_increasing_risk" { topic: Alcohol, group: AuditZone, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// AUDIT 16–19: higher risk.
    AuditHigherRisk = "audit_higher_risk" { topic: Alcohol, group: AuditZone, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// AUDIT 20 or more: possible dependence.
    AuditPossibleDependence = "audit_possible_dependence" { topic: Alcohol, group: AuditZone, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// FAST positive (CLINICAL-REFERENCE §5.4).
    FastPositive = "fast_positive" { topic: Alcohol, group: FastResult, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// FAST negative.
    FastNegative = "fast_negative" { topic: Alcohol, group: FastResult, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Never smoked.
    NeverSmoked = "never_smoked" { topic: Tobacco, group: SmokingStatus, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Ex-smoker who stopped 12 months ago or more.
    ExSmoker = "ex_smoker" { topic: Tobacco, group: SmokingStatus, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Ex-smoker who stopped from 2 weeks to under 12 months ago.
    ExSmokerWithin12Months = "ex_smoker_within_12_months" { topic: Tobacco, group: SmokingStatus, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Stopped less than 2 weeks ago (or when is not known): treated as a smoker for referral (§2.1).
    QuitWithin2Weeks = "quit_within_2_weeks" { topic: Tobacco, group: SmokingStatus, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Smokes now.
    CurrentSmoker = "current_smoker" { topic: Tobacco, group: SmokingStatus, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Uses nicotine vapes now.
    CurrentVaper = "current_vaper" { topic: Tobacco, group: none, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Pregnant (or possibly pregnant) with CO at or above the referral threshold (§2.3).
    CoPregnancyReferral = "co_pregnancy_referral" { topic: Tobacco, group: none, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: WhenPregnancyPossible }
    /// Pregnant non-smoker with a raised CO reading: help identify the source (§2.3).
    CoIdentifySource = "co_identify_source" { topic: Tobacco, group: none, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: WhenPregnancyPossible }
    /// Non-smoker with CO above 10 ppm: possible carbon-monoxide poisoning (§2.3).
    CoPossiblePoisoning = "co_possible_poisoning" { topic: General, group: none, acts: true, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// BMI calculated (any category, or in pregnancy).
    BmiCalculated = "bmi_calculated" { topic: Weight, group: none, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// Underweight.
    BmiUnderweight = "bmi_underweight" { topic: Weight, group: BmiCategory, acts: true, implies: [BmiCalculated], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Healthy weight.
    BmiHealthyWeight = "bmi_healthy_weight" { topic: Weight, group: BmiCategory, acts: false, implies: [BmiCalculated], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Overweight.
    BmiOverweight = "bmi_overweight" { topic: Weight, group: BmiCategory, acts: true, implies: [BmiCalculated], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Obesity class 1.
    BmiObesityClass1 = "bmi_obesity_class_1" { topic: Weight, group: BmiCategory, acts: true, implies: [BmiCalculated], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Obesity class 2.
    BmiObesityClass2 = "bmi_obesity_class_2" { topic: Weight, group: BmiCategory, acts: true, implies: [BmiCalculated], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Obesity class 3.
    BmiObesityClass3 = "bmi_obesity_class_3" { topic: Weight, group: BmiCategory, acts: true, implies: [BmiCalculated], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Adult BMI 17.5 or below: a prompt for prompt medical assessment
    /// (CLINICAL-REFERENCE §10; the ICD-10 weight criterion for anorexia
    /// nervosa, a prompt and never a diagnosis).
    BmiVeryLow = "bmi_17_5_or_below" { topic: Weight, group: none, acts: true, implies: [BmiUnderweight, BmiCalculated], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// BMI 30 or more in pregnancy, as at the booking appointment: care
    /// recommendations for the maternity team, never weight-loss advice
    /// (CLINICAL-REFERENCE §9).
    PregnancyBmi30OrMore = "pregnancy_bmi_30_or_more" { topic: Weight, group: none, acts: true, implies: [BmiCalculated], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: InPregnancy }
    /// Waist-to-height ratio below 0.4.
    WhtrBelow04 = "whtr_below_0_4" { topic: Weight, group: WhtrBand, acts: false, implies: [], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Healthy waist-to-height ratio.
    WhtrHealthy = "whtr_healthy" { topic: Weight, group: WhtrBand, acts: false, implies: [], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Increased waist-to-height ratio (0.50–0.59).
    WhtrIncreased = "whtr_increased" { topic: Weight, group: WhtrBand, acts: true, implies: [], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// High waist-to-height ratio (0.60 or more).
    WhtrHigh = "whtr_high" { topic: Weight, group: WhtrBand, acts: true, implies: [], ages: ADULT_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Children's BMI centile worked out, ages 2 to 17 (any category, §8.3).
    ChildBmiCentileCalculated = "child_bmi_centile_calculated" { topic: Weight, group: none, acts: false, implies: [], ages: CHILD_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Child: at or below the 2nd centile line.
    ChildBmiUnderweight = "child_bmi_underweight" { topic: Weight, group: ChildBmiCentile, acts: true, implies: [ChildBmiCentileCalculated], ages: CHILD_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Child: between the 2nd and 91st centile lines.
    ChildBmiHealthyWeight = "child_bmi_healthy_weight" { topic: Weight, group: ChildBmiCentile, acts: false, implies: [ChildBmiCentileCalculated], ages: CHILD_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Child: at or above the 91st centile line.
    ChildBmiOverweight = "child_bmi_overweight" { topic: Weight, group: ChildBmiCentile, acts: true, implies: [ChildBmiCentileCalculated], ages: CHILD_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Child: at or above the 98th centile line.
    ChildBmiObesity = "child_bmi_obesity" { topic: Weight, group: ChildBmiCentile, acts: true, implies: [ChildBmiCentileCalculated], ages: CHILD_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Child: at or above the 99.6th centile line.
    ChildBmiSevereObesity = "child_bmi_severe_obesity" { topic: Weight, group: ChildBmiCentile, acts: true, implies: [ChildBmiCentileCalculated], ages: CHILD_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Child measured, but only the age in whole years is known: no centile
    /// until the age in months is given. Asking for it is not acting on it.
    ChildBmiNeedsAgeInMonths = "child_bmi_needs_age_in_months" { topic: Weight, group: ChildBmiCentile, acts: false, implies: [], ages: CHILD_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Child measured, but sex not known: no centile.
    ChildBmiSexNotKnown = "child_bmi_sex_not_known" { topic: Weight, group: ChildBmiCentile, acts: false, implies: [], ages: CHILD_BMI, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// Aged 5 to 17 with a waist-to-height ratio of 0.50 or more.
    ChildWhtrIncreasedHealthRisk = "child_whtr_increased_health_risk" { topic: Weight, group: none, acts: true, implies: [], ages: CHILD_WHTR, settings: ANY_SETTING, pregnancy: NotInPregnancy }
    /// GPPAQ index calculated.
    ActivityIndexCalculated = "activity_index_calculated" { topic: PhysicalActivity, group: none, acts: false, implies: [], ages: ANY_AGE, settings: ANY_SETTING, pregnancy: Always }
    /// GPPAQ: inactive.
    ActivityInactive = "activity_inactive" { topic: PhysicalActivity, group: ActivityIndex, acts: true, implies: [ActivityIndexCalculated], ages: GPPAQ, settings: ANY_SETTING, pregnancy: Always }
    /// GPPAQ: moderately inactive.
    ActivityModeratelyInactive = "activity_moderately_inactive" { topic: PhysicalActivity, group: ActivityIndex, acts: true, implies: [ActivityIndexCalculated], ages: GPPAQ, settings: ANY_SETTING, pregnancy: Always }
    /// GPPAQ: moderately active.
    ActivityModeratelyActive = "activity_moderately_active" { topic: PhysicalActivity, group: ActivityIndex, acts: true, implies: [ActivityIndexCalculated], ages: GPPAQ, settings: ANY_SETTING, pregnancy: Always }
    /// GPPAQ: active.
    ActivityActive = "activity_active" { topic: PhysicalActivity, group: ActivityIndex, acts: false, implies: [ActivityIndexCalculated], ages: GPPAQ, settings: ANY_SETTING, pregnancy: Always }
    /// Weekly minutes, 19 or over: inactive (under 30).
    WeeklyInactive = "weekly_inactive" { topic: PhysicalActivity, group: WeeklyBand, acts: true, implies: [], ages: ACTIVE_LIVES, settings: ANY_SETTING, pregnancy: Always }
    /// Weekly minutes, 19 or over: fairly active (30–149).
    WeeklyFairlyActive = "weekly_fairly_active" { topic: PhysicalActivity, group: WeeklyBand, acts: true, implies: [], ages: ACTIVE_LIVES, settings: ANY_SETTING, pregnancy: Always }
    /// Weekly minutes, 19 or over: active (150 or more).
    WeeklyActive = "weekly_active" { topic: PhysicalActivity, group: WeeklyBand, acts: false, implies: [], ages: ACTIVE_LIVES, settings: ANY_SETTING, pregnancy: Always }
    /// Weekly minutes, 5 to 18: less active, an average of under 30 minutes a
    /// day (§8.4).
    CypLessActive = "cyp_less_active" { topic: PhysicalActivity, group: CypWeeklyBand, acts: true, implies: [], ages: CYP_ACTIVITY, settings: ANY_SETTING, pregnancy: Always }
    /// Weekly minutes, 5 to 18: fairly active, an average of 30 to 59 minutes
    /// a day (§8.4).
    CypFairlyActive = "cyp_fairly_active" { topic: PhysicalActivity, group: CypWeeklyBand, acts: true, implies: [], ages: CYP_ACTIVITY, settings: ANY_SETTING, pregnancy: Always }
    /// Weekly minutes, 5 to 18: active, an average of 60 minutes a day or
    /// more, meeting the children and young people's guideline (§8.4).
    CypActive = "cyp_active" { topic: PhysicalActivity, group: CypWeeklyBand, acts: false, implies: [], ages: CYP_ACTIVITY, settings: ANY_SETTING, pregnancy: Always }
}

/// A set of outcomes, held as bits so it is `Copy` and costs nothing to build.
///
/// In JSON it is a list of outcome names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "Vec<Outcome>", extend("uniqueItems" = true), description = "a set of outcomes, each named once")
)]
#[serde(from = "Vec<Outcome>")]
pub struct OutcomeSet(u128);

// Written straight from the bits, as the list `Vec<Outcome>` would give,
// without building the list (an assessment writes a set for every action).
impl Serialize for OutcomeSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

// Every outcome must have a bit of its own.
const _: () = assert!(
    Outcome::ALL.len() <= u128::BITS as usize,
    "OutcomeSet holds at most 128 outcomes"
);

// An outcome's bit is its place in `Outcome::ALL`, which `OutcomeSet::iter`
// relies on to list a set in declaration order from its bits alone.
const _: () = {
    let mut i = 0;
    while i < Outcome::ALL.len() {
        assert!(
            Outcome::ALL[i] as usize == i,
            "Outcome::ALL is in bit order"
        );
        i += 1;
    }
};

impl OutcomeSet {
    /// The empty set.
    pub const EMPTY: OutcomeSet = OutcomeSet(0);

    /// Outcomes that record an offer the person declined. A rule that relies
    /// on one never makes a referral: its signposts stay signposts, even for
    /// a priority group (CLINICAL-REFERENCE §6.4).
    pub const DECLINED_OFFERS: OutcomeSet = OutcomeSet::of(Outcome::PatDeclinedSpecialist);

    const fn bit(o: Outcome) -> u128 {
        1 << (o as u32)
    }

    /// The set as bits, one per outcome: how compiled conditions read it.
    pub(crate) const fn bits(self) -> u128 {
        self.0
    }

    /// The set holding just `o`.
    #[must_use]
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
    #[must_use]
    pub const fn contains(self, o: Outcome) -> bool {
        self.0 & Self::bit(o) != 0
    }

    /// Whether the two sets share an outcome.
    #[must_use]
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

    /// How many outcomes the set holds.
    #[must_use]
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// Whether the set is empty.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every outcome in `self` is in `other`.
    #[must_use]
    pub const fn is_subset(self, other: OutcomeSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// The outcomes in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = Outcome> {
        // Bit `i` is `Outcome::ALL[i]` (checked below), so only the set bits
        // are visited, lowest first.
        let mut bits = self.0;
        std::iter::from_fn(move || {
            let i = bits.trailing_zeros();
            bits &= bits.wrapping_sub(1);
            Outcome::ALL.get(usize::try_from(i).ok()?).copied()
        })
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

impl std::fmt::Display for Topic {
    /// The topic in plain words, as a practitioner reads it in a plan.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Topic::Safeguarding => "safeguarding",
            Topic::Alcohol => "alcohol",
            Topic::Tobacco => "tobacco",
            Topic::Weight => "weight",
            Topic::PhysicalActivity => "physical activity",
            Topic::General => "general",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An exhaustive match, which only this crate can write for a
    /// `#[non_exhaustive]` enum: adding a topic fails to compile here until it
    /// is placed in [`Topic::ALL`].
    #[test]
    fn every_topic_is_enumerated() {
        fn position(t: Topic) -> usize {
            match t {
                Topic::Safeguarding => 0,
                Topic::Alcohol => 1,
                Topic::Tobacco => 2,
                Topic::Weight => 3,
                Topic::PhysicalActivity => 4,
                Topic::General => 5,
            }
        }
        for (i, t) in Topic::ALL.iter().enumerate() {
            assert_eq!(position(*t), i, "{t:?}");
        }
    }

    #[test]
    fn the_table_has_one_entry_per_outcome_in_order() {
        for (i, o) in Outcome::ALL.iter().enumerate() {
            assert_eq!(*o as usize, i);
            assert_eq!(OUTCOME_TABLE[i].name, o.as_str());
            // Copied into JSON as it is, unescaped.
            assert!(crate::json_out::needs_no_escape(o.as_str()), "{o:?}");
        }
    }
}
