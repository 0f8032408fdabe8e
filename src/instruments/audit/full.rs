//! The full 10-item AUDIT: answers, scoring and question flow
//! (CLINICAL-REFERENCE §5.3).

use serde::{Deserialize, Deserializer, Serialize};

use super::audit_c::{AuditCTally, tally};
use super::items::{ItemScore, Tally, deserialize_item, item_score};
use super::{
    AUDIT_HIGHER_RISK_FROM, AUDIT_INCREASING_RISK_FROM, AUDIT_POSSIBLE_DEPENDENCE_FROM,
    AuditCAnswers, AuditCFinding, AuditSource, HowOften, Occurrence, Question, score_audit_c,
};
use crate::bounded::{checked_wrapper, named_enum, names_round_trip_tests};
use crate::context::Person;
use crate::error::Error;
use crate::instruments::Reply;

// ---------------------------------------------------------------- answers

/// The answers to all ten AUDIT questions: the AUDIT-C answers, so the first
/// three are never asked twice, and items 4–10. Checked against each other.
///
/// In JSON the AUDIT-C answers are nested under `audit_c` and every other item
/// is present, as `{"kind": "not_asked"}` or `{"kind": "answered", "value": ...}`; see the [module
/// documentation](super) for an example.
///
/// ```
/// use mecc::instruments::Reply;
/// use mecc::instruments::audit::{self, *};
///
/// let screen = AuditCAnswers::new(AuditCAnswersFields {
///     frequency: Reply::Answered(DrinkingFrequency::TwoToThreeTimesPerWeek),
///     typical_day: Reply::Answered(TypicalDay::from_band(TypicalDayBand::FiveToSix)),
///     heavy_drinking: Reply::Answered(HowOften::Monthly),
/// })?;
/// // AUDIT-C is 7: go on with the other seven, starting from the screen.
/// let mut fields = AnswersFields::from_audit_c(screen);
/// fields.unable_to_stop = Reply::Answered(HowOften::from_score(1, Question::UnableToStop)?);
/// fields.injury = Reply::Answered(Occurrence::from_score(4, Question::Injury)?);
/// let answers = Answers::new(fields)?;
/// assert!(answers.is_answered(Question::HeavyDrinking));
/// assert!(!answers.is_answered(Question::Guilt));
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// The schema of the fields, keeping their description.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "AnswersFields", rename = "AuditAnswers", description = "")
)]
pub struct Answers(AnswersFields);

checked_wrapper!(Answers(AnswersFields));

/// The fields of [`Answers`], before they are checked against each
/// other; also their JSON form. Every field is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswersFields {
    /// Items 1–3: the AUDIT-C answers.
    pub audit_c: AuditCAnswers,
    /// Item 4: how often unable to stop drinking once started.
    #[serde(deserialize_with = "de_unable_to_stop")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "super::items::schema::how_often_reply")
    )]
    pub unable_to_stop: Reply<HowOften>,
    /// Item 5: how often failed to do what was expected because of drinking.
    #[serde(deserialize_with = "de_failed_expectations")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "super::items::schema::how_often_reply")
    )]
    pub failed_expectations: Reply<HowOften>,
    /// Item 6: how often needed a drink in the morning after a heavy session.
    #[serde(deserialize_with = "de_morning_drink")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "super::items::schema::how_often_reply")
    )]
    pub morning_drink: Reply<HowOften>,
    /// Item 7: how often felt guilt or remorse after drinking.
    #[serde(deserialize_with = "de_guilt")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "super::items::schema::how_often_reply")
    )]
    pub guilt: Reply<HowOften>,
    /// Item 8: how often unable to remember the night before.
    #[serde(deserialize_with = "de_memory_loss")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "super::items::schema::how_often_reply")
    )]
    pub memory_loss: Reply<HowOften>,
    /// Item 9: injury to the person or someone else because of their drinking.
    #[serde(deserialize_with = "de_injury")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "super::items::schema::occurrence_reply")
    )]
    pub injury: Reply<Occurrence>,
    /// Item 10: others concerned about their drinking.
    #[serde(deserialize_with = "de_others_concerned")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "super::items::schema::occurrence_reply")
    )]
    pub others_concerned: Reply<Occurrence>,
}

/// Defines the deserializer of one item field, which names the field in its
/// errors.
macro_rules! item_field {
    ($name:ident, $ty:ty, $question:expr) => {
        fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<Reply<$ty>, D::Error> {
            deserialize_item(d, $question.as_str())
        }
    };
}
item_field!(de_unable_to_stop, HowOften, Question::UnableToStop);
item_field!(
    de_failed_expectations,
    HowOften,
    Question::FailedExpectations
);
item_field!(de_morning_drink, HowOften, Question::MorningDrink);
item_field!(de_guilt, HowOften, Question::Guilt);
item_field!(de_memory_loss, HowOften, Question::MemoryLoss);
item_field!(de_injury, Occurrence, Question::Injury);
item_field!(de_others_concerned, Occurrence, Question::OthersConcerned);

impl AnswersFields {
    /// No question asked yet.
    pub const NOT_STARTED: AnswersFields = AnswersFields::from_audit_c(AuditCAnswers::NOT_STARTED);

    /// The AUDIT-C answers, with items 4–10 still to ask.
    #[must_use]
    pub const fn from_audit_c(audit_c: AuditCAnswers) -> AnswersFields {
        AnswersFields {
            audit_c,
            unable_to_stop: Reply::NotAsked,
            failed_expectations: Reply::NotAsked,
            morning_drink: Reply::NotAsked,
            guilt: Reply::NotAsked,
            memory_loss: Reply::NotAsked,
            injury: Reply::NotAsked,
            others_concerned: Reply::NotAsked,
        }
    }

    /// Items 4–8, which ask how often in the last year, with their questions.
    const fn last_year_items(&self) -> [(Question, Reply<HowOften>); 5] {
        [
            (Question::UnableToStop, self.unable_to_stop),
            (Question::FailedExpectations, self.failed_expectations),
            (Question::MorningDrink, self.morning_drink),
            (Question::Guilt, self.guilt),
            (Question::MemoryLoss, self.memory_loss),
        ]
    }
}

impl Answers {
    /// No question asked yet.
    pub const NOT_STARTED: Answers = Answers(AnswersFields::NOT_STARTED);

    /// The AUDIT-C answers, with items 4–10 still to ask. Infallible: the
    /// AUDIT-C answers were checked when built.
    #[must_use]
    pub const fn from_audit_c(audit_c: AuditCAnswers) -> Answers {
        Answers(AnswersFields::from_audit_c(audit_c))
    }

    /// Checks the answers against each other (the AUDIT-C answers were
    /// checked when built).
    ///
    /// **Decision:** items 4–8 ask about drinking in the last year, and the
    /// WHO form skips them after `never` to question 1; an answer other than
    /// `never` to any of them is refused then. Items 9 and 10 are asked
    /// whatever question 1 says, since either may have happened before the
    /// last year.
    ///
    /// # Errors
    /// [`Error::Inconsistent`] when `frequency` is `never` (or `typical_day` is
    /// exactly 0 units, which fits only `never`) and any of items 4–8 is
    /// answered other than `never`; the error names the first such item.
    pub fn new(fields: AnswersFields) -> Result<Answers, Error> {
        let no_drinking = if fields.audit_c.never_drinks() {
            Some("frequency = never")
        } else if matches!(fields.audit_c.typical_day(), Reply::Answered(day) if day.is_zero()) {
            Some("typical_day = 0 units")
        } else {
            None
        };
        if let Some(other) = no_drinking {
            let contradiction = fields
                .last_year_items()
                .into_iter()
                .find(|(_, reply)| matches!(reply, Reply::Answered(h) if *h != HowOften::Never));
            if let Some((question, Reply::Answered(answer))) = contradiction {
                return Err(Error::Inconsistent {
                    field: question.as_str(),
                    value: answer.as_str().to_string(),
                    other: other.to_string(),
                    reason: "items 4 to 8 ask about drinking in the last year and are \
                             skipped for a person who never drinks; correct the frequency, \
                             or record these items as not_asked",
                });
            }
        }
        Ok(Answers(fields))
    }

    /// Items 1–3.
    #[must_use]
    pub const fn audit_c(&self) -> &AuditCAnswers {
        &self.0.audit_c
    }

    /// Whether `question` has been answered.
    #[must_use]
    pub const fn is_answered(&self, question: Question) -> bool {
        let a = &self.0;
        match question {
            Question::Frequency | Question::TypicalDay | Question::HeavyDrinking => {
                a.audit_c.is_answered(question)
            }
            Question::UnableToStop => !a.unable_to_stop.is_not_asked(),
            Question::FailedExpectations => !a.failed_expectations.is_not_asked(),
            Question::MorningDrink => !a.morning_drink.is_not_asked(),
            Question::Guilt => !a.guilt.is_not_asked(),
            Question::MemoryLoss => !a.memory_loss.is_not_asked(),
            Question::Injury => !a.injury.is_not_asked(),
            Question::OthersConcerned => !a.others_concerned.is_not_asked(),
        }
    }
}

// ---------------------------------------------------------------- finding

named_enum! {
    /// The AUDIT risk zone (CLINICAL-REFERENCE §5.3; Babor et al. 2001).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum AuditZone {
        /// 0–7: lower risk; positive feedback.
        LowerRisk = "lower_risk",
        /// 8–15 ([`AUDIT_INCREASING_RISK_FROM`]): increasing risk; brief advice.
        IncreasingRisk = "increasing_risk",
        /// 16–19 ([`AUDIT_HIGHER_RISK_FROM`]): higher risk; brief advice, extended
        /// brief intervention where time allows.
        HigherRisk = "higher_risk",
        /// 20–40 ([`AUDIT_POSSIBLE_DEPENDENCE_FROM`]): possible dependence;
        /// referral for specialist assessment and the possible-dependence safety
        /// alert.
        PossibleDependence = "possible_dependence",
    }
}

impl AuditZone {
    /// The zone of an AUDIT total.
    ///
    /// ```
    /// use mecc::instruments::audit::AuditZone;
    ///
    /// assert_eq!(AuditZone::for_total(7), AuditZone::LowerRisk);
    /// assert_eq!(AuditZone::for_total(8), AuditZone::IncreasingRisk);
    /// assert_eq!(AuditZone::for_total(20), AuditZone::PossibleDependence);
    /// ```
    #[must_use]
    pub const fn for_total(total: u8) -> AuditZone {
        if total >= AUDIT_POSSIBLE_DEPENDENCE_FROM {
            AuditZone::PossibleDependence
        } else if total >= AUDIT_HIGHER_RISK_FROM {
            AuditZone::HigherRisk
        } else if total >= AUDIT_INCREASING_RISK_FROM {
            AuditZone::IncreasingRisk
        } else {
            AuditZone::LowerRisk
        }
    }
}

/// What the AUDIT concludes (CLINICAL-REFERENCE §5.3).
///
/// In JSON `{"kind": "zone", "value": "higher_risk"}` or `{"kind":
/// "incomplete", "value": {"next": "guilt"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum AuditResult {
    /// The zone, settled: no answer to an item still unanswered could change
    /// it. See [`Finding::complete`] for whether the total is final.
    Zone(AuditZone),
    /// Not yet determined: `next` is the question to ask.
    Incomplete {
        /// The next question to ask.
        next: Question,
    },
}

impl AuditResult {
    /// The zone, once settled.
    #[must_use]
    pub const fn zone(self) -> Option<AuditZone> {
        match self {
            AuditResult::Zone(zone) => Some(zone),
            AuditResult::Incomplete { .. } => None,
        }
    }
}

/// What the AUDIT found for one contact: everything the policy needs
/// (CLINICAL-REFERENCE §5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "AuditFinding"))]
pub struct Finding {
    /// The zone, or the next question while it is not settled.
    pub result: AuditResult,
    /// The sum of the scores given so far (0–40); the AUDIT score once
    /// `complete`.
    pub total: u8,
    /// The highest total the unanswered items still allow; equal to `total`
    /// once `complete`.
    pub total_at_most: u8,
    /// Whether every item is answered or skipped, so `total` is final.
    pub complete: bool,
    /// What each item contributed, in order: items 9 and 10 score 0, 2 or 4.
    pub item_scores: [ItemScore; 10],
    /// The AUDIT-C part, scored on its own (band, positive, question 3's
    /// units and the sex assumption).
    pub audit_c: AuditCFinding,
    /// The source scored against.
    pub source: AuditSource,
}

impl Finding {
    /// The zone, once settled.
    #[must_use]
    pub const fn zone(&self) -> Option<AuditZone> {
        self.result.zone()
    }
}

/// Item scores, totals still possible and the next question, in form order.
struct AuditTally {
    items: [ItemScore; 10],
    tally: Tally,
    next: Option<Question>,
}

fn audit_tally(answers: &Answers) -> AuditTally {
    let a = answers.fields();
    let AuditCTally {
        items: [q1, q2, q3],
        ..
    } = tally(&a.audit_c);
    let never = a.audit_c.never_drinks();
    let last_year = |reply: Reply<HowOften>| match item_score(reply, HowOften::score) {
        ItemScore::NotAsked if never => ItemScore::Skipped,
        other => other,
    };
    let items = [
        q1,
        q2,
        q3,
        last_year(a.unable_to_stop),
        last_year(a.failed_expectations),
        last_year(a.morning_drink),
        last_year(a.guilt),
        last_year(a.memory_loss),
        item_score(a.injury, Occurrence::score),
        item_score(a.others_concerned, Occurrence::score),
    ];
    let next = Question::ALL
        .into_iter()
        .zip(items)
        .find_map(|(q, item)| item.is_not_asked().then_some(q));
    AuditTally {
        items,
        tally: Tally::of(&items),
        next,
    }
}

/// Scores the AUDIT (CLINICAL-REFERENCE §5.3). Total and allocation-free: it
/// scores whatever has been answered and reports the zone as soon as no
/// answer to the remaining items could change it (see the module's
/// **Decision (settled early)**); otherwise it returns
/// [`AuditResult::Incomplete`] with the next question.
///
/// ```
/// use mecc::context::Contact;
/// use mecc::instruments::Reply;
/// use mecc::instruments::audit::{self, *};
///
/// # let contact: Contact = serde_json::from_value(serde_json::json!({
/// #     "age": 38, "sex": "male", "pregnant": "no", "family_background": "white",
/// #     "setting": "general_practice", "time_available": "extended",
/// #     "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
/// #     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
/// #         "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
/// # }))?;
/// let daily = HowOften::DailyOrAlmostDaily;
/// let screen = AuditCAnswers::new(AuditCAnswersFields {
///     frequency: Reply::Answered(DrinkingFrequency::FourOrMoreTimesPerWeek),
///     typical_day: Reply::Answered(TypicalDay::from_units(12.0)?),
///     heavy_drinking: Reply::Answered(daily),
/// })?;
/// let answers = Answers::new(AnswersFields {
///     unable_to_stop: Reply::Answered(daily),
///     failed_expectations: Reply::Answered(daily),
///     ..AnswersFields::from_audit_c(screen)
/// })?;
/// let finding = audit::score(&answers, &contact);
/// // 20 already, and scores only add: possible dependence whatever follows.
/// assert_eq!(finding.result, AuditResult::Zone(AuditZone::PossibleDependence));
/// assert!(!finding.complete);
/// assert_eq!((finding.total, finding.total_at_most), (20, 40));
/// // The form still asks the rest, for the total.
/// assert_eq!(audit::next_step(&answers), Step::Ask(Question::MorningDrink));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score(answers: &Answers, person: &impl AsRef<Person>) -> Finding {
    let AuditTally { items, tally, next } = audit_tally(answers);
    let lowest = AuditZone::for_total(tally.at_least);
    let highest = AuditZone::for_total(tally.at_most);
    let result = match next {
        Some(next) if lowest != highest => AuditResult::Incomplete { next },
        // Every item answered or skipped leaves one possible total.
        _ => AuditResult::Zone(lowest),
    };
    Finding {
        result,
        total: tally.at_least,
        total_at_most: tally.at_most,
        complete: next.is_none(),
        item_scores: items,
        audit_c: score_audit_c(answers.audit_c(), person),
        source: AuditSource,
    }
}

/// What an AUDIT form should do next.
///
/// In JSON `{"kind": "ask", "value": "guilt"}` or `{"kind": "complete",
/// "value": {"kind": "zone", "value": "increasing_risk"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(rename = "AuditStep"))]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Step {
    /// Ask this question next.
    Ask(Question),
    /// Every item is answered or skipped; this is the result, never
    /// `incomplete`.
    Complete(AuditResult),
}

/// The next AUDIT question to ask, or the final result: the ten items in
/// order, skipping questions 2–8 after `never` to question 1.
///
/// Whenever [`score`] returns `incomplete { next }`, this returns
/// `Ask(next)`. It asks every item still unanswered even when the zone is
/// settled, because the total is what is recorded and fed back. To follow
/// the UK screen, ask AUDIT-C first ([`next_step_audit_c`]) and go on here
/// only when [`AuditCFinding::ask_full_audit`] is true.
///
/// [`next_step_audit_c`]: super::next_step_audit_c
#[must_use]
pub fn next_step(answers: &Answers) -> Step {
    let AuditTally { tally, next, .. } = audit_tally(answers);
    match next {
        Some(next) => Step::Ask(next),
        None => Step::Complete(AuditResult::Zone(AuditZone::for_total(tally.at_least))),
    }
}

names_round_trip_tests!(
    audit_zone_names_round_trip: AuditZone,
);
