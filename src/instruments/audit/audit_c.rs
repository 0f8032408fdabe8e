//! AUDIT-C, UK version: answers, scoring and question flow
//! (CLINICAL-REFERENCE §5.2).

use serde::{Deserialize, Deserializer, Serialize};

use super::items::{ItemScore, Tally, deserialize_item, item_score};
use super::{
    AUDIT_C_HIGHER_RISK_FROM, AUDIT_C_INCREASING_RISK_FROM, AUDIT_C_POSITIVE_FROM,
    AUDIT_C_POSSIBLE_DEPENDENCE_FROM, AuditSource, DrinkingFrequency, HowOften, Question,
    TypicalDay, heavy_occasion_units,
};
use crate::bounded::{checked_wrapper, named_enum, names_round_trip_tests};
use crate::context::{Person, Sex, YesNoNotKnown};
use crate::error::Error;
use crate::instruments::Reply;

// ---------------------------------------------------------------- answers

/// The answers to the three AUDIT-C questions, checked against each other.
///
/// In JSON every question is present, as `{"kind": "not_asked"}` or `{"kind":
/// "answered", "value": ...}` (see the [module documentation](super) for the
/// answer forms):
///
/// ```json
/// {
///   "frequency": {"kind": "answered", "value": "monthly_or_less"},
///   "typical_day": {"kind": "answered", "value": {"kind": "band", "value": "three_to_four"}},
///   "heavy_drinking": {"kind": "score", "value": 0}
/// }
/// ```
///
/// ```
/// use mecc::instruments::Reply;
/// use mecc::instruments::audit::{AuditCAnswers, AuditCAnswersFields, DrinkingFrequency, HowOften};
///
/// let never = AuditCAnswers::new(AuditCAnswersFields {
///     frequency: Reply::Answered(DrinkingFrequency::Never),
///     ..AuditCAnswersFields::NOT_STARTED
/// })?;
/// assert_eq!(never.frequency(), Reply::Answered(DrinkingFrequency::Never));
///
/// let contradiction = AuditCAnswers::new(AuditCAnswersFields {
///     frequency: Reply::Answered(DrinkingFrequency::Never),
///     heavy_drinking: Reply::Answered(HowOften::Weekly),
///     ..AuditCAnswersFields::NOT_STARTED
/// });
/// assert!(contradiction.unwrap_err().is_inconsistent());
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// The schema of the fields, keeping their description.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "AuditCAnswersFields", description = "")
)]
pub struct AuditCAnswers(AuditCAnswersFields);

checked_wrapper!(AuditCAnswers(AuditCAnswersFields));

/// The fields of [`AuditCAnswers`], before they are checked against each
/// other; also their JSON form. Every field is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AuditCAnswersFields {
    /// Question 1: how often the person has a drink containing alcohol.
    #[serde(deserialize_with = "de_frequency")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "super::items::schema::frequency_reply")
    )]
    pub frequency: Reply<DrinkingFrequency>,
    /// Question 2: units on a typical drinking day.
    pub typical_day: Reply<TypicalDay>,
    /// Question 3: how often 6 (woman, or sex not known) or 8 (man) or more
    /// units on a single occasion in the last year.
    #[serde(deserialize_with = "de_heavy_drinking")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "super::items::schema::how_often_reply")
    )]
    pub heavy_drinking: Reply<HowOften>,
}

fn de_frequency<'de, D: Deserializer<'de>>(d: D) -> Result<Reply<DrinkingFrequency>, D::Error> {
    deserialize_item(d, Question::Frequency.as_str())
}

fn de_heavy_drinking<'de, D: Deserializer<'de>>(d: D) -> Result<Reply<HowOften>, D::Error> {
    deserialize_item(d, Question::HeavyDrinking.as_str())
}

impl AuditCAnswersFields {
    /// No question asked yet.
    pub const NOT_STARTED: AuditCAnswersFields = AuditCAnswersFields {
        frequency: Reply::NotAsked,
        typical_day: Reply::NotAsked,
        heavy_drinking: Reply::NotAsked,
    };
}

/// Why answers after `never` to question 1 are refused.
const AFTER_NEVER: &str = "the UK AUDIT-C skips questions 2 and 3 for a person who never \
     drinks; correct the frequency, or record the later questions as not_asked";

impl AuditCAnswers {
    /// No question asked yet.
    pub const NOT_STARTED: AuditCAnswers = AuditCAnswers(AuditCAnswersFields::NOT_STARTED);

    /// Checks the answers against each other.
    ///
    /// Answers that contradict each other are refused. After `never` to
    /// question 1 the form skips questions 2 and 3, but most record systems
    /// store them as 0 for a non-drinker: an answer to either that scores 0
    /// (a typical day in the lowest band, or of 0 units; `never` to question
    /// 3) agrees with `never` and is accepted (CLINICAL-REFERENCE §5.2).
    ///
    /// # Errors
    /// [`Error::Inconsistent`], checked in this order, when:
    /// - `frequency` is `never` and `typical_day` is answered with a band or
    ///   amount that scores above 0 (3 units or more; field `typical_day`);
    /// - `typical_day` is exactly 0 units and `frequency` is answered other
    ///   than `never` (field `typical_day`): 0 units on a drinking day fits
    ///   only a person who never drinks;
    /// - `heavy_drinking` is answered other than `never` while `frequency` is
    ///   `never` or `typical_day` is 0 units (field `heavy_drinking`).
    pub fn new(fields: AuditCAnswersFields) -> Result<AuditCAnswers, Error> {
        let never = fields.frequency == Reply::Answered(DrinkingFrequency::Never);
        if let Reply::Answered(day) = fields.typical_day {
            if never && day.score() != 0 {
                return Err(Error::Inconsistent {
                    field: "typical_day",
                    value: day.describe(),
                    other: "frequency = never".to_string(),
                    reason: AFTER_NEVER,
                });
            }
            if let Reply::Answered(frequency) = fields.frequency
                && day.is_zero()
                && frequency != DrinkingFrequency::Never
            {
                return Err(Error::Inconsistent {
                    field: "typical_day",
                    value: day.describe(),
                    other: format!("frequency = {}", frequency.as_str()),
                    reason: "0 units on a typical drinking day fits only frequency never; \
                             give the units on a day when they do drink (under 3 scores 0)",
                });
            }
        }
        if let Reply::Answered(heavy) = fields.heavy_drinking
            && heavy != HowOften::Never
        {
            let zero_day = matches!(fields.typical_day, Reply::Answered(day) if day.is_zero());
            if never || zero_day {
                return Err(Error::Inconsistent {
                    field: "heavy_drinking",
                    value: heavy.as_str().to_string(),
                    other: if never {
                        "frequency = never".to_string()
                    } else {
                        "typical_day = 0 units".to_string()
                    },
                    reason: AFTER_NEVER,
                });
            }
        }
        Ok(AuditCAnswers(fields))
    }
    /// Question 1.
    #[must_use]
    pub const fn frequency(&self) -> Reply<DrinkingFrequency> {
        self.0.frequency
    }
    /// Question 2.
    #[must_use]
    pub const fn typical_day(&self) -> Reply<TypicalDay> {
        self.0.typical_day
    }
    /// Question 3.
    #[must_use]
    pub const fn heavy_drinking(&self) -> Reply<HowOften> {
        self.0.heavy_drinking
    }

    /// Whether one of the three AUDIT-C questions has been answered; `false`
    /// for the other seven AUDIT questions.
    #[must_use]
    pub const fn is_answered(&self, question: Question) -> bool {
        match question {
            Question::Frequency => !self.0.frequency.is_not_asked(),
            Question::TypicalDay => !self.0.typical_day.is_not_asked(),
            Question::HeavyDrinking => !self.0.heavy_drinking.is_not_asked(),
            _ => false,
        }
    }

    /// Whether question 1 was answered `never`, so the rest of AUDIT-C (and
    /// AUDIT items 4–8) is skipped.
    pub(crate) fn never_drinks(&self) -> bool {
        self.0.frequency == Reply::Answered(DrinkingFrequency::Never)
    }
}

// ---------------------------------------------------------------- finding

named_enum! {
    /// The AUDIT-C risk band used on NHS leaflets (CLINICAL-REFERENCE §5.2).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum AuditCBand {
        /// 0–4: lower risk; AUDIT-C negative.
        LowerRisk = "lower_risk",
        /// 5–7 ([`AUDIT_C_INCREASING_RISK_FROM`]): increasing risk.
        IncreasingRisk = "increasing_risk",
        /// 8–10 ([`AUDIT_C_HIGHER_RISK_FROM`]): higher risk.
        HigherRisk = "higher_risk",
        /// 11–12 ([`AUDIT_C_POSSIBLE_DEPENDENCE_FROM`]): possible dependence.
        PossibleDependence = "possible_dependence",
    }
}

impl AuditCBand {
    /// The band of an AUDIT-C total.
    ///
    /// ```
    /// use mecc::instruments::audit::AuditCBand;
    ///
    /// assert_eq!(AuditCBand::for_total(4), AuditCBand::LowerRisk);
    /// assert_eq!(AuditCBand::for_total(5), AuditCBand::IncreasingRisk);
    /// assert_eq!(AuditCBand::for_total(11), AuditCBand::PossibleDependence);
    /// ```
    #[must_use]
    pub const fn for_total(total: u8) -> AuditCBand {
        if total >= AUDIT_C_POSSIBLE_DEPENDENCE_FROM {
            AuditCBand::PossibleDependence
        } else if total >= AUDIT_C_HIGHER_RISK_FROM {
            AuditCBand::HigherRisk
        } else if total >= AUDIT_C_INCREASING_RISK_FROM {
            AuditCBand::IncreasingRisk
        } else {
            AuditCBand::LowerRisk
        }
    }
}

/// What AUDIT-C concludes (CLINICAL-REFERENCE §5.2).
///
/// In JSON `{"kind": "band", "value": "increasing_risk"}` or `{"kind":
/// "incomplete", "value": {"next": "typical_day"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum AuditCResult {
    /// The band, settled: no answer to a question still unanswered could
    /// change it.
    Band(AuditCBand),
    /// Not yet determined: `next` is the question to ask.
    Incomplete {
        /// The next question to ask.
        next: Question,
    },
}

impl AuditCResult {
    /// The band, once settled.
    #[must_use]
    pub const fn band(self) -> Option<AuditCBand> {
        match self {
            AuditCResult::Band(band) => Some(band),
            AuditCResult::Incomplete { .. } => None,
        }
    }
}

/// What AUDIT-C found for one contact: everything the policy needs
/// (CLINICAL-REFERENCE §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AuditCFinding {
    /// The band, or the next question while it is not settled.
    pub result: AuditCResult,
    /// The sum of the scores given so far (0–12); the AUDIT-C score once
    /// `complete`.
    pub total: u8,
    /// Whether every question is answered or skipped, so `total` is final.
    pub complete: bool,
    /// Whether AUDIT-C is positive: a total of 5 or more
    /// ([`AUDIT_C_POSITIVE_FROM`]). `yes` as soon as the scores given reach 5,
    /// `no` once the highest total still possible is under 5, `not_known`
    /// otherwise.
    pub positive: YesNoNotKnown,
    /// Whether the remaining seven AUDIT questions should follow: true exactly
    /// when `positive` is `yes` (CLINICAL-REFERENCE §5.2).
    pub ask_full_audit: bool,
    /// What each question contributed, in order.
    pub item_scores: [ItemScore; 3],
    /// The answer to question 2 as given (band or amount), so that the banding
    /// of an amount can be checked.
    pub typical_day: Reply<TypicalDay>,
    /// The units on one occasion that question 3 asked about: 8 for a man, 6
    /// for a woman or when sex is `not_known`.
    pub heavy_occasion_units: u8,
    /// True when sex was `not_known` and question 3 was taken to ask about 6
    /// units, the more sensitive reading.
    pub sex_assumed: bool,
    /// The source scored against.
    pub source: AuditSource,
}

impl AuditCFinding {
    /// The band, once settled.
    #[must_use]
    pub const fn band(&self) -> Option<AuditCBand> {
        self.result.band()
    }
}

/// The item scores, the totals still possible, and the next question, shared
/// by AUDIT-C and the full AUDIT.
pub(crate) struct AuditCTally {
    pub(crate) items: [ItemScore; 3],
    pub(crate) tally: Tally,
    pub(crate) next: Option<Question>,
}

/// Tallies the three AUDIT-C answers, following the routing: after `never`
/// to question 1, questions 2 and 3 are skipped unless answered (when they
/// can only score 0).
pub(crate) fn tally(answers: &AuditCAnswers) -> AuditCTally {
    let a = answers.fields();
    let after_never = |item: ItemScore| match item {
        ItemScore::NotAsked if answers.never_drinks() => ItemScore::Skipped,
        other => other,
    };
    let items = [
        item_score(a.frequency, DrinkingFrequency::score),
        after_never(item_score(a.typical_day, TypicalDay::score)),
        after_never(item_score(a.heavy_drinking, HowOften::score)),
    ];
    let next = Question::AUDIT_C
        .into_iter()
        .zip(items)
        .find_map(|(q, item)| item.is_not_asked().then_some(q));
    AuditCTally {
        items,
        tally: Tally::of(&items),
        next,
    }
}

/// Scores AUDIT-C (CLINICAL-REFERENCE §5.2). Total and allocation-free: it
/// scores whatever has been answered, reports the band once no remaining
/// answer could change it, and otherwise returns
/// [`AuditCResult::Incomplete`] with the next question.
///
/// ```
/// use mecc::context::Contact;
/// use mecc::context::YesNoNotKnown;
/// use mecc::instruments::Reply;
/// use mecc::instruments::audit::{self, *};
///
/// # let contact: Contact = serde_json::from_value(serde_json::json!({
/// #     "age": 52, "sex": "not_known", "pregnant": "not_known", "family_background": "not_stated",
/// #     "setting": "community_pharmacy", "time_available": "brief",
/// #     "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
/// #     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
/// #         "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
/// # }))?;
/// // `contact` has sex not_known: question 3 asks about 6 units.
/// let answers = AuditCAnswers::new(AuditCAnswersFields {
///     frequency: Reply::Answered(DrinkingFrequency::FourOrMoreTimesPerWeek),
///     typical_day: Reply::Answered(TypicalDay::from_units(3.0)?),
///     heavy_drinking: Reply::NotAsked,
/// })?;
/// let finding = audit::score_audit_c(&answers, &contact);
/// // 4 + 1 so far: positive already, but the band waits for question 3.
/// assert_eq!(finding.positive, YesNoNotKnown::Yes);
/// assert_eq!(finding.result, AuditCResult::Incomplete { next: Question::HeavyDrinking });
/// assert!(finding.sex_assumed);
/// assert_eq!(finding.heavy_occasion_units, 6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_audit_c(answers: &AuditCAnswers, person: &impl AsRef<Person>) -> AuditCFinding {
    let sex = person.as_ref().sex();
    let AuditCTally { items, tally, next } = tally(answers);
    let lowest = AuditCBand::for_total(tally.at_least);
    let highest = AuditCBand::for_total(tally.at_most);
    let result = match next {
        Some(next) if lowest != highest => AuditCResult::Incomplete { next },
        // Every question answered or skipped leaves one possible total.
        _ => AuditCResult::Band(lowest),
    };
    let positive = if tally.at_least >= AUDIT_C_POSITIVE_FROM {
        YesNoNotKnown::Yes
    } else if tally.at_most < AUDIT_C_POSITIVE_FROM {
        YesNoNotKnown::No
    } else {
        YesNoNotKnown::NotKnown
    };
    AuditCFinding {
        result,
        total: tally.at_least,
        complete: next.is_none(),
        positive,
        ask_full_audit: positive == YesNoNotKnown::Yes,
        item_scores: items,
        typical_day: answers.typical_day(),
        heavy_occasion_units: heavy_occasion_units(sex),
        sex_assumed: sex == Sex::NotKnown,
        source: AuditSource,
    }
}

/// What an AUDIT-C form should do next.
///
/// In JSON `{"kind": "ask", "value": "typical_day"}` or `{"kind": "complete",
/// "value": {"kind": "band", "value": "lower_risk"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum AuditCStep {
    /// Ask this question next.
    Ask(Question),
    /// Every question is answered or skipped; this is the result, never
    /// `incomplete`.
    Complete(AuditCResult),
}

/// The next AUDIT-C question to ask, or the final result: questions 1, 2, 3
/// in order, stopping after `never` to question 1.
///
/// Whenever [`score_audit_c`] returns `incomplete { next }`, this returns
/// `Ask(next)`. It asks every question still unanswered even when the band is
/// settled, since the total is what is recorded. The flow does not depend on
/// the contact; ask question 3 in the words of [`Question::text`] for the
/// person's sex.
///
/// ```
/// use mecc::instruments::Reply;
/// use mecc::instruments::audit::{self, *};
///
/// assert_eq!(next_step_audit_c(&AuditCAnswers::NOT_STARTED), AuditCStep::Ask(Question::Frequency));
/// let never = AuditCAnswers::new(AuditCAnswersFields {
///     frequency: Reply::Answered(DrinkingFrequency::Never),
///     ..AuditCAnswersFields::NOT_STARTED
/// })?;
/// assert_eq!(
///     next_step_audit_c(&never),
///     AuditCStep::Complete(AuditCResult::Band(AuditCBand::LowerRisk))
/// );
/// # Ok::<(), mecc::Error>(())
/// ```
#[must_use]
pub fn next_step_audit_c(answers: &AuditCAnswers) -> AuditCStep {
    let AuditCTally { tally, next, .. } = tally(answers);
    match next {
        Some(next) => AuditCStep::Ask(next),
        None => AuditCStep::Complete(AuditCResult::Band(AuditCBand::for_total(tally.at_least))),
    }
}

names_round_trip_tests!(
    audit_c_band_names_round_trip: AuditCBand,
);
