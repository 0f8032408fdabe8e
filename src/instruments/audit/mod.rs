//! AUDIT-C (UK version) and the full 10-item AUDIT (CLINICAL-REFERENCE §5.2,
//! §5.3).
//!
//! The Alcohol Use Disorders Identification Test has ten questions
//! ([`Question`]). The first three are AUDIT-C, the consumption questions
//! used on their own as a screen: [`score_audit_c`] scores them into an
//! [`AuditCFinding`]. When AUDIT-C is positive, the remaining seven follow: an
//! [`Answers`] is built *from* the AUDIT-C answers plus items 4–10, so the
//! first three are never asked twice, and [`score`] turns it into an
//! [`Finding`]. [`next_step_audit_c`] and [`next_step`] drive a form.
//!
//! # Answers
//!
//! Every answer is a [`Reply`]: `{"kind": "not_asked"}` or `{"kind":
//! "answered", "value": ...}`. An item's answer is given as the option's name
//! (`{"kind": "answered", "value": "weekly"}`) or as the score printed on the
//! form (`{"kind": "score", "value": 3}`); it is written back as the name.
//! Question 2, units on a typical drinking day, is given as the form's band
//! (`{"kind": "band", "value": "three_to_four"}`), a number of UK units
//! (`{"kind": "units", "value": 3.5}`), a list of drinks added up with the PAT
//! calculator (`{"kind": "drinks", "value": [{"drink": {"kind":
//! "glass_of_wine"}, "count": 3}]}`), or the score (`{"kind": "score", "value":
//! 1}`); a bare number is refused, since it could be read as either units or a
//! score.
//!
//! ```json
//! {
//!   "audit_c": {
//!     "frequency": {"kind": "answered", "value": "two_to_three_times_per_week"},
//!     "typical_day": {"kind": "answered", "value": {"kind": "units", "value": 4.5}},
//!     "heavy_drinking": {"kind": "score", "value": 1}
//!   },
//!   "unable_to_stop": {"kind": "answered", "value": "never"},
//!   "failed_expectations": {"kind": "answered", "value": "less_than_monthly"},
//!   "morning_drink": {"kind": "answered", "value": "never"},
//!   "guilt": {"kind": "score", "value": 2},
//!   "memory_loss": {"kind": "not_asked"},
//!   "injury": {"kind": "answered", "value": "yes_but_not_in_the_last_year"},
//!   "others_concerned": {"kind": "score", "value": 0}
//! }
//! ```
//!
//! # Scoring
//!
//! AUDIT-C (CLINICAL-REFERENCE §5.2): each question scores 0–4, total 0–12,
//! **positive at 5 or more** ([`AUDIT_C_POSITIVE_FROM`]), bands
//! [`AuditCBand`]. Question 3 asks about 6 or more units for a woman and 8 or
//! more for a man ([`heavy_occasion_units`]); when sex is `not_known` the
//! question is asked with 6, and the finding records the assumption.
//!
//! AUDIT (CLINICAL-REFERENCE §5.3): items 1–8 score 0–4, items 9–10 score 0, 2
//! or 4; total 0–40, zones [`AuditZone`].
//!
//! **Decision (never drinks):** when question 1 is `never`, the total is 0 and
//! questions 2 and 3 are skipped, as the UK form instructs; in the full AUDIT
//! items 4–8, which ask about drinking in the last year, are skipped too (the
//! WHO form's "skip to questions 9 and 10"). Answers that contradict `never`
//! are refused ([`AuditCAnswers::new`], [`Answers::new`]); answers that
//! agree with it (0 units, `never`) are accepted and score 0.
//!
//! **Decision (settled early):** scores only add, so the lowest total still
//! possible is the sum of the scores given, and the highest adds each
//! unanswered item's top score. When both fall in the same band (or zone),
//! no answer to the remaining items can change it, and [`score`] reports it
//! at once; otherwise the result is `incomplete` with the next question. The
//! finding's `complete` says whether the total is final. [`next_step`] still
//! asks every remaining item, because the total is what is recorded and fed
//! back, and items 9–10 carry the harm history.
//!
//! ```
//! use mecc::context::Contact;
//! use mecc::instruments::audit::{self, AuditCAnswers, AuditCBand, AuditCResult, Question};
//!
//! let contact: Contact = serde_json::from_value(serde_json::json!({
//!     "age": 45, "sex": "female", "pregnant": "no", "family_background": "white",
//!     "setting": "general_practice", "time_available": "brief",
//!     "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
//!     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
//!         "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
//! }))?;
//! let answers: AuditCAnswers = serde_json::from_value(serde_json::json!({
//!     "frequency": {"kind": "answered", "value": "two_to_three_times_per_week"},
//!     "typical_day": {"kind": "answered", "value": {"kind": "drinks", "value": [{"drink": {"kind": "glass_of_wine"}, "count": 3}]}},
//!     "heavy_drinking": {"kind": "answered", "value": "less_than_monthly"}
//! }))?;
//! let finding = audit::score_audit_c(&answers, &contact);
//! // 3 + 2 (4.5 units rounds to 5: the 5–6 band) + 1 = 6
//! assert_eq!(finding.result, AuditCResult::Band(AuditCBand::IncreasingRisk));
//! assert_eq!(finding.total, 6);
//! assert!(finding.ask_full_audit);
//! assert_eq!(
//!     Question::HeavyDrinking.text(contact.sex()),
//!     "In the last year, how often have you had 6 or more units of alcohol on a single occasion?"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Reply`]: crate::instruments::Reply

use serde::{Deserialize, Serialize};

use crate::bounded::{named_enum, names_round_trip_tests};
use crate::context::{Person, Sex};
use crate::outcome::{Outcome, OutcomeSet};
use crate::provenance::Source;
use crate::units::{Bounds, bounds};

mod audit_c;
mod full;
mod items;

pub use audit_c::{
    AuditCAnswers, AuditCAnswersFields, AuditCBand, AuditCFinding, AuditCResult, AuditCStep,
    next_step_audit_c, score_audit_c,
};
pub use full::{Answers, AnswersFields, AuditResult, AuditZone, Finding, Step, next_step, score};
#[cfg(feature = "schema")]
pub(crate) use items::schema as items_schema;
pub use items::{
    DrinkingFrequency, HowOften, ItemScore, Occurrence, TypicalDay, TypicalDayBand, TypicalDayInput,
};
pub(crate) use items::{
    ScoredOption, check_zero_two_four, deserialize_item, item_score, scored_option,
};

// ---------------------------------------------------------------- provenance

/// The UK version implemented: the AUDIT-C and AUDIT forms with UK units.
pub const SOURCE: Source = Source::with_url(
    "Office for Health Improvement and Disparities. Alcohol use screening tests \
     (AUDIT-C, AUDIT and FAST, UK version). GOV.UK, 2020",
    "https://www.gov.uk/government/publications/alcohol-use-screening-tests",
);

/// The AUDIT itself, whose items, scoring and zones the UK version keeps.
pub const SOURCE_WHO: Source = Source::with_url(
    "Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT: the Alcohol Use \
     Disorders Identification Test. Guidelines for use in primary care. 2nd ed. \
     World Health Organization, 2001 (WHO/MSD/MSB/01.6a)",
    "https://www.who.int/publications/i/item/WHO-MSD-MSB-01.6a",
);

/// Every source this module implements: the UK version first.
pub const SOURCES: &[Source] = &[SOURCE, SOURCE_WHO];

/// The version of the instruments implemented.
pub const VERSION: &str = "AUDIT-C and AUDIT, UK version (OHID 2020) of WHO AUDIT (2001)";

// ---------------------------------------------------------------- thresholds

/// The score each 0–4 item accepts (CLINICAL-REFERENCE §5.2, §5.3): AUDIT items
/// 1–8 and FAST questions 1–3.
pub const ITEM_SCORE: Bounds = bounds!("a score", from 0 to 4);

/// The only scores AUDIT items 9 and 10 (and FAST question 4) accept
/// (CLINICAL-REFERENCE §5.3, §5.4; Babor et al. 2001).
pub const ZERO_TWO_FOUR: [u8; 3] = [0, 2, 4];

/// Units on a single occasion that AUDIT-C question 3 (and FAST question 1)
/// asks about for a man: 8 or more (CLINICAL-REFERENCE §5.2, §5.4; OHID 2020).
pub const HEAVY_OCCASION_MALE_UNITS: u8 = 8;

/// Units on a single occasion that AUDIT-C question 3 (and FAST question 1)
/// asks about for a woman: 6 or more (CLINICAL-REFERENCE §5.2, §5.4; OHID
/// 2020). Also used when sex is `not_known`, as the more sensitive question
/// (CLINICAL-REFERENCE §0).
pub const HEAVY_OCCASION_FEMALE_UNITS: u8 = 6;

/// Question 2: from this many units (after rounding, see
/// [`TypicalDayBand::for_units`]) the band is 3–4, score 1
/// (CLINICAL-REFERENCE §5.2; OHID 2020). Below it, 1–2 scores 0.
pub const TYPICAL_DAY_SCORE_1_FROM_UNITS: u32 = 3;
/// Question 2: from this many units the band is 5–6, score 2
/// (CLINICAL-REFERENCE §5.2; OHID 2020).
pub const TYPICAL_DAY_SCORE_2_FROM_UNITS: u32 = 5;
/// Question 2: from this many units the band is 7–9, score 3
/// (CLINICAL-REFERENCE §5.2; OHID 2020).
pub const TYPICAL_DAY_SCORE_3_FROM_UNITS: u32 = 7;
/// Question 2: from this many units the band is 10 or more, score 4
/// (CLINICAL-REFERENCE §5.2; OHID 2020).
pub const TYPICAL_DAY_SCORE_4_FROM_UNITS: u32 = 10;

/// AUDIT-C is positive at this total or more, and the remaining seven AUDIT
/// questions follow (CLINICAL-REFERENCE §5.2; OHID 2020).
pub const AUDIT_C_POSITIVE_FROM: u8 = 5;
/// AUDIT-C `increasing_risk` from this total (CLINICAL-REFERENCE §5.2); below
/// it, `lower_risk`.
pub const AUDIT_C_INCREASING_RISK_FROM: u8 = 5;
/// AUDIT-C `higher_risk` from this total (CLINICAL-REFERENCE §5.2).
pub const AUDIT_C_HIGHER_RISK_FROM: u8 = 8;
/// AUDIT-C `possible_dependence` from this total (CLINICAL-REFERENCE §5.2).
pub const AUDIT_C_POSSIBLE_DEPENDENCE_FROM: u8 = 11;
/// The highest AUDIT-C total (CLINICAL-REFERENCE §5.2).
pub const AUDIT_C_MAX: u8 = 12;

/// AUDIT `increasing_risk` from this total (CLINICAL-REFERENCE §5.3; Babor et
/// al. 2001); below it, `lower_risk`.
pub const AUDIT_INCREASING_RISK_FROM: u8 = 8;
/// AUDIT `higher_risk` from this total (CLINICAL-REFERENCE §5.3).
pub const AUDIT_HIGHER_RISK_FROM: u8 = 16;
/// AUDIT `possible_dependence` from this total (CLINICAL-REFERENCE §5.3).
pub const AUDIT_POSSIBLE_DEPENDENCE_FROM: u8 = 20;
/// The highest AUDIT total (CLINICAL-REFERENCE §5.3).
pub const AUDIT_MAX: u8 = 40;

// The edges must rise, and the AUDIT-C cut-off is the edge of its second band.
const _: () = assert!(
    TYPICAL_DAY_SCORE_1_FROM_UNITS < TYPICAL_DAY_SCORE_2_FROM_UNITS
        && TYPICAL_DAY_SCORE_2_FROM_UNITS < TYPICAL_DAY_SCORE_3_FROM_UNITS
        && TYPICAL_DAY_SCORE_3_FROM_UNITS < TYPICAL_DAY_SCORE_4_FROM_UNITS
        && AUDIT_C_POSITIVE_FROM == AUDIT_C_INCREASING_RISK_FROM
        && AUDIT_C_INCREASING_RISK_FROM < AUDIT_C_HIGHER_RISK_FROM
        && AUDIT_C_HIGHER_RISK_FROM < AUDIT_C_POSSIBLE_DEPENDENCE_FROM
        && AUDIT_C_POSSIBLE_DEPENDENCE_FROM <= AUDIT_C_MAX
        && AUDIT_INCREASING_RISK_FROM < AUDIT_HIGHER_RISK_FROM
        && AUDIT_HIGHER_RISK_FROM < AUDIT_POSSIBLE_DEPENDENCE_FROM
        && AUDIT_POSSIBLE_DEPENDENCE_FROM <= AUDIT_MAX
);

/// The units on one occasion that question 3 asks about for a person of this
/// sex (CLINICAL-REFERENCE §5.2): 8 for a man, 6 for a woman, and 6 when sex
/// is `not_known`, the more sensitive question (CLINICAL-REFERENCE §0).
///
/// ```
/// use mecc::context::Sex;
/// use mecc::instruments::audit::heavy_occasion_units;
///
/// assert_eq!(heavy_occasion_units(Sex::Male), 8);
/// assert_eq!(heavy_occasion_units(Sex::Female), 6);
/// assert_eq!(heavy_occasion_units(Sex::NotKnown), 6);
/// ```
#[must_use]
pub const fn heavy_occasion_units(sex: Sex) -> u8 {
    match sex {
        Sex::Male => HEAVY_OCCASION_MALE_UNITS,
        Sex::Female | Sex::NotKnown => HEAVY_OCCASION_FEMALE_UNITS,
    }
}

// ---------------------------------------------------------------- questions

named_enum! {
    /// The ten AUDIT questions, in the order asked; the first three are AUDIT-C
    /// (CLINICAL-REFERENCE §5.2, §5.3).
    ///
    /// The serialized names are also the answer fields' names.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "AuditQuestion"))]
    pub enum Question {
        /// 1: how often the person has a drink containing alcohol.
        Frequency = "frequency",
        /// 2: how many units on a typical day when drinking.
        TypicalDay = "typical_day",
        /// 3: how often 6 (woman) or 8 (man) or more units on a single occasion in
        /// the last year.
        HeavyDrinking = "heavy_drinking",
        /// 4: how often unable to stop drinking once started.
        UnableToStop = "unable_to_stop",
        /// 5: how often failed to do what was normally expected because of drinking.
        FailedExpectations = "failed_expectations",
        /// 6: how often needed a drink in the morning after a heavy session.
        MorningDrink = "morning_drink",
        /// 7: how often felt guilt or remorse after drinking.
        Guilt = "guilt",
        /// 8: how often unable to remember the night before because of drinking.
        MemoryLoss = "memory_loss",
        /// 9: whether the person or someone else has been injured because of their
        /// drinking.
        Injury = "injury",
        /// 10: whether a relative, friend, doctor or other health worker has been
        /// concerned about their drinking or suggested they cut down.
        OthersConcerned = "others_concerned",
    }
}

impl Question {
    /// The three AUDIT-C questions.
    pub const AUDIT_C: [Question; 3] = [
        Question::Frequency,
        Question::TypicalDay,
        Question::HeavyDrinking,
    ];

    /// The question's number on the form, 1 to 10.
    #[must_use]
    pub const fn number(self) -> u8 {
        self as u8 + 1
    }

    /// A wording of the question to put to the person in `contact`
    /// ([`Question::text`] for their sex).
    pub fn text_for(self, person: &impl AsRef<Person>) -> &'static str {
        self.text(person.as_ref().sex())
    }

    /// A wording of the question to put to a person of this sex. Only question
    /// 3 depends on sex: it names 8 units for a man and 6 for a woman or when
    /// sex is `not_known` ([`heavy_occasion_units`]).
    #[must_use]
    pub const fn text(self, sex: Sex) -> &'static str {
        match self {
            Question::Frequency => "How often do you have a drink that contains alcohol?",
            Question::TypicalDay => {
                "On a typical day when you are drinking, how many units of alcohol do you have?"
            }
            Question::HeavyDrinking => match sex {
                Sex::Male => {
                    "In the last year, how often have you had 8 or more units of alcohol \
                     on a single occasion?"
                }
                Sex::Female | Sex::NotKnown => {
                    "In the last year, how often have you had 6 or more units of alcohol \
                     on a single occasion?"
                }
            },
            Question::UnableToStop => {
                "In the last year, how often have you found that you could not stop drinking \
                 once you had started?"
            }
            Question::FailedExpectations => {
                "In the last year, how often have you failed to do what was normally expected \
                 of you because of your drinking?"
            }
            Question::MorningDrink => {
                "In the last year, how often have you needed a drink in the morning to get \
                 yourself going after a heavy drinking session?"
            }
            Question::Guilt => {
                "In the last year, how often have you felt guilt or remorse after drinking?"
            }
            Question::MemoryLoss => {
                "In the last year, how often have you been unable to remember what happened \
                 the night before because you had been drinking?"
            }
            Question::Injury => "Have you or anyone else been injured because of your drinking?",
            Question::OthersConcerned => {
                "Has a relative, friend, doctor or other health worker been concerned about \
                 your drinking, or suggested that you cut down?"
            }
        }
    }
}

// ---------------------------------------------------------------- provenance marker

/// Defines a data-free finding field that serializes as a fixed [`Source`] and
/// refuses any other source when read, so a recorded finding cannot be
/// mistaken for another instrument's.
macro_rules! source_marker {
    ($(#[$doc:meta])* $name:ident, $source:path, $label:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $name;

        impl $name {
            /// The source.
            pub const fn source(self) -> $crate::provenance::Source {
                $source
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $source.serialize(serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                #[derive(serde::Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Recorded {
                    citation: String,
                    url: Option<String>,
                }
                let recorded = Recorded::deserialize(deserializer)?;
                if recorded.citation == $source.citation && recorded.url.as_deref() == $source.url {
                    Ok($name)
                } else {
                    Err(serde::de::Error::custom(format_args!(
                        "source is {:?}: expected the {} source, {:?}",
                        recorded.citation,
                        $label,
                        $source.citation
                    )))
                }
            }
        }

        // Hand-written: the schema holds the source's citation and URL as
        // constants, which a derive cannot read.
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "object",
                    "properties": {
                        "citation": { "const": $source.citation },
                        "url": { "const": $source.url },
                    },
                    "required": ["citation", "url"],
                    "additionalProperties": false,
                    "description": concat!("the ", $label, " source"),
                })
            }
        }
    };
}
pub(crate) use source_marker;

source_marker!(
    /// The source an AUDIT-C or AUDIT finding was scored against: [`SOURCE`],
    /// written out in full as `{"citation": ..., "url": ...}`. It holds no
    /// data, and reading any other source is refused.
    AuditSource,
    SOURCE,
    "AUDIT (UK version, OHID 2020)"
);

impl Finding {
    /// The outcomes the policy reads from this finding.
    ///
    /// The AUDIT-C band is an outcome only while the full AUDIT zone is
    /// unsettled: once the zone is known it decides, so advice is not given
    /// twice (CLINICAL-REFERENCE §5.2, §5.3).
    #[must_use]
    pub fn outcomes(&self) -> OutcomeSet {
        let mut o = OutcomeSet::of(match self.result {
            AuditResult::Zone(AuditZone::LowerRisk) => Outcome::AuditLowerRisk,
            AuditResult::Zone(AuditZone::IncreasingRisk) => Outcome::AuditIncreasingRisk,
            AuditResult::Zone(AuditZone::HigherRisk) => Outcome::AuditHigherRisk,
            AuditResult::Zone(AuditZone::PossibleDependence) => Outcome::AuditPossibleDependence,
            AuditResult::Incomplete { .. } => Outcome::AuditIncomplete,
        });
        if let AuditCResult::Band(band) = self.audit_c.result {
            o.insert(Outcome::AuditCScored);
            if let AuditResult::Incomplete { .. } = self.result {
                o.insert(match band {
                    AuditCBand::LowerRisk => Outcome::AuditCLowerRisk,
                    AuditCBand::IncreasingRisk => Outcome::AuditCIncreasingRisk,
                    AuditCBand::HigherRisk => Outcome::AuditCHigherRisk,
                    AuditCBand::PossibleDependence => Outcome::AuditCPossibleDependence,
                });
            }
        }
        o
    }
}

crate::instruments::instrument! {
    /// AUDIT-C and the full AUDIT as an [`Instrument`](super::Instrument).
    Audit {
        key: "audit",
        name: "AUDIT-C and AUDIT",
        version: VERSION,
        sources: SOURCES,
        step: Step = |a, _| next_step(a),
    }
}

names_round_trip_tests!(
    question_names_round_trip: Question,
);
