//! FAST, the Fast Alcohol Screening Test (CLINICAL-REFERENCE §5.4).
//!
//! FAST takes four of the ten AUDIT items and screens in two stages. Question
//! 1 asks how often the person has had 8 or more units (a man) or 6 or more
//! (a woman, or when sex is `not_known`) on one occasion; for more than half
//! of people it settles the result alone:
//!
//! | question 1 | result |
//! |---|---|
//! | `never` | `negative`; stop |
//! | `weekly`, `daily_or_almost_daily` | `positive`; stop |
//! | `less_than_monthly`, `monthly` | ask questions 2–4, then score all four: **3 or more is positive** |
//!
//! Questions 1–3 score 0–4 ([`HowOften`]); question 4 scores 0, 2 or 4
//! ([`ConcernRaised`]). [`score`] gives a [`Finding`]; [`next_step`]
//! drives a form.
//!
//! **Decision (settled early):** in the second stage scores only add, so once
//! the scores given reach 3 ([`POSITIVE_FROM`]) the result is `positive`
//! whatever follows, and [`score`] says so; `negative` waits for every
//! question. [`next_step`] still asks the rest, as the form does, so the
//! total is complete.
//!
//! **Decision (answers after a short-cut):** the test stops at question 1 on
//! `never`, `weekly` or daily. Answers to questions 2–4 given anyway do not
//! contradict question 1, so they are accepted, but they are not scored: the
//! finding lists them as `skipped` and the short-cut decides.
//!
//! # Answers
//!
//! Every answer is a [`Reply`]; an answer is the option's name (`{"kind":
//! "answered", "value": name}`) or the score on the form (`{"kind": "score",
//! "value": n}`), as for the AUDIT:
//!
//! ```json
//! {
//!   "heavy_drinking": {"kind": "answered", "value": "monthly"},
//!   "failed_expectations": {"kind": "answered", "value": "never"},
//!   "memory_loss": {"kind": "score", "value": 1},
//!   "others_concerned": {"kind": "not_asked"}
//! }
//! ```
//!
//! ```
//! use mecc::context::Contact;
//! use mecc::instruments::fast::{self, Answers, FastResult, FastShortCut};
//!
//! let contact: Contact = serde_json::from_value(serde_json::json!({
//!     "age": 29, "sex": "male", "pregnant": "no", "family_background": "white",
//!     "setting": "emergency_department", "time_available": "very_brief",
//!     "presenting_condition": "assault", "intoxicated": "no", "priority_groups": [],
//!     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
//!         "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
//! }))?;
//! let answers: Answers = serde_json::from_value(serde_json::json!({
//!     "heavy_drinking": {"kind": "answered", "value": "weekly"},
//!     "failed_expectations": {"kind": "not_asked"},
//!     "memory_loss": {"kind": "not_asked"},
//!     "others_concerned": {"kind": "not_asked"}
//! }))?;
//! let finding = fast::score(&answers, &contact);
//! assert_eq!(finding.result, FastResult::Positive);
//! assert_eq!(finding.short_cut, Some(FastShortCut::Weekly));
//! assert_eq!(finding.heavy_occasion_units, 8);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Reply`]: crate::instruments::Reply

use serde::{Deserialize, Deserializer, Serialize};

use crate::bounded::{named_enum, names_round_trip_tests};
use crate::context::{Person, Sex};
use crate::error::Error;
use crate::instruments::Reply;
use crate::instruments::audit::{
    self, HowOften, ItemScore, check_zero_two_four, deserialize_item, heavy_occasion_units,
    item_score, scored_option, source_marker,
};
use crate::outcome::{Outcome, OutcomeSet};
use crate::provenance::Source;

/// The paper FAST implements.
pub const SOURCE: Source = Source::with_url(
    "Hodgson R, Alwyn T, John B, Thom B, Smith A. The FAST Alcohol Screening Test. \
     Alcohol and Alcoholism 2002;37(1):61–66",
    "https://doi.org/10.1093/alcalc/37.1.61",
);

/// Every source: the paper, and the UK version with UK units (OHID 2020).
pub const SOURCES: &[Source] = &[SOURCE, audit::SOURCE];

/// The version of the instrument implemented.
pub const VERSION: &str = "FAST (Hodgson et al. 2002), UK units";

/// FAST is positive at this total of questions 1–4 or more, in the second
/// stage (CLINICAL-REFERENCE §5.4; Hodgson et al. 2002).
pub const POSITIVE_FROM: u8 = 3;

/// The highest FAST total: three 0–4 questions and one 0/2/4
/// (CLINICAL-REFERENCE §5.4).
pub const MAX_TOTAL: u8 = 16;

// ---------------------------------------------------------------- questions

named_enum! {
    /// The four FAST questions, in the order asked (CLINICAL-REFERENCE §5.4).
    ///
    /// The serialized names are also the answer fields' names, and match the AUDIT
    /// items they are ([`Question::audit_item`]).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "FastQuestion"))]
    pub enum Question {
        /// 1: how often 8 (man) or 6 (woman) or more units on one occasion.
        HeavyDrinking = "heavy_drinking",
        /// 2: how often failed to do what was expected because of drinking.
        FailedExpectations = "failed_expectations",
        /// 3: how often unable to remember the night before because of drinking.
        MemoryLoss = "memory_loss",
        /// 4: whether others have been concerned or suggested cutting down.
        OthersConcerned = "others_concerned",
    }
}

impl Question {
    /// The question's number on the form, 1 to 4.
    #[must_use]
    pub const fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The AUDIT item this question is: 3, 5, 8 and 10.
    #[must_use]
    pub const fn audit_item(self) -> audit::Question {
        match self {
            Question::HeavyDrinking => audit::Question::HeavyDrinking,
            Question::FailedExpectations => audit::Question::FailedExpectations,
            Question::MemoryLoss => audit::Question::MemoryLoss,
            Question::OthersConcerned => audit::Question::OthersConcerned,
        }
    }

    /// A wording of the question to put to the person in `contact`
    /// ([`Question::text`] for their sex).
    pub fn text_for(self, person: &impl AsRef<Person>) -> &'static str {
        self.text(person.as_ref().sex())
    }

    /// A wording of the question to put to a person of this sex. Question 1
    /// names 8 units for a man, and 6 for a woman or when sex is `not_known`
    /// ([`heavy_occasion_units`]).
    #[must_use]
    pub const fn text(self, sex: Sex) -> &'static str {
        match self {
            Question::OthersConcerned => {
                "In the last year, has a relative, friend, doctor or other health worker \
                 been concerned about your drinking, or suggested that you cut down?"
            }
            other => other.audit_item().text(sex),
        }
    }
}

// ---------------------------------------------------------------- answers

named_enum! {
    /// The answer to FAST question 4, scored 0, 2 or 4 (CLINICAL-REFERENCE §5.4;
    /// Hodgson et al. 2002).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum ConcernRaised {
        /// No: 0.
        No = "no",
        /// Yes, on one occasion: 2.
        YesOnOneOccasion = "yes_on_one_occasion",
        /// Yes, on more than one occasion: 4.
        YesOnMoreThanOneOccasion = "yes_on_more_than_one_occasion",
    }
    expected "one of " .. "or {\"kind\": \"score\", \"value\": n} with n 0, 2 or 4";
}

/// What question 4 accepts, for messages.
const CONCERN_EXPECTED: &str =
    "0, 2 or 4 (no; yes, on one occasion; yes, on more than one occasion)";

impl ConcernRaised {
    /// The score: 0, 2 or 4.
    #[must_use]
    pub const fn score(self) -> u8 {
        self as u8 * 2
    }

    /// The option that scores `score`.
    ///
    /// ```
    /// use mecc::instruments::fast::ConcernRaised;
    ///
    /// assert_eq!(ConcernRaised::from_score(4)?, ConcernRaised::YesOnMoreThanOneOccasion);
    /// assert_eq!(ConcernRaised::from_score(1).unwrap_err().field(), "others_concerned");
    /// # Ok::<(), mecc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Invalid`] (field `others_concerned`) for any score but 0, 2 or
    /// 4 ([`audit::ZERO_TWO_FOUR`]).
    pub fn from_score(score: u32) -> Result<ConcernRaised, Error> {
        Self::checked(Question::OthersConcerned.as_str(), score)
    }

    fn checked(field: &'static str, score: u32) -> Result<ConcernRaised, Error> {
        let n = check_zero_two_four(field, score, CONCERN_EXPECTED)?;
        Ok(Self::ALL[usize::from(n.min(4) / 2)])
    }
}

scored_option!(ConcernRaised);

/// The answers to FAST, one [`Reply`] per question.
///
/// No two answers can contradict each other (see the module's **Decision
/// (answers after a short-cut)**), so the fields are public; each answer is
/// checked as it is read. Every field is required in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "FastAnswers")
)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Question 1: how often 8 (man) or 6 (woman, or sex not known) or more
    /// units on one occasion.
    #[serde(deserialize_with = "de_heavy_drinking")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::instruments::audit::items_schema::how_often_reply")
    )]
    pub heavy_drinking: Reply<HowOften>,
    /// Question 2: how often failed to do what was expected because of
    /// drinking.
    #[serde(deserialize_with = "de_failed_expectations")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::instruments::audit::items_schema::how_often_reply")
    )]
    pub failed_expectations: Reply<HowOften>,
    /// Question 3: how often unable to remember the night before.
    #[serde(deserialize_with = "de_memory_loss")]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::instruments::audit::items_schema::how_often_reply")
    )]
    pub memory_loss: Reply<HowOften>,
    /// Question 4: whether others have been concerned about their drinking.
    #[serde(deserialize_with = "de_others_concerned")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::concern_reply"))]
    pub others_concerned: Reply<ConcernRaised>,
}

fn de_heavy_drinking<'de, D: Deserializer<'de>>(d: D) -> Result<Reply<HowOften>, D::Error> {
    deserialize_item(d, Question::HeavyDrinking.as_str())
}
fn de_failed_expectations<'de, D: Deserializer<'de>>(d: D) -> Result<Reply<HowOften>, D::Error> {
    deserialize_item(d, Question::FailedExpectations.as_str())
}
fn de_memory_loss<'de, D: Deserializer<'de>>(d: D) -> Result<Reply<HowOften>, D::Error> {
    deserialize_item(d, Question::MemoryLoss.as_str())
}
fn de_others_concerned<'de, D: Deserializer<'de>>(d: D) -> Result<Reply<ConcernRaised>, D::Error> {
    deserialize_item(d, Question::OthersConcerned.as_str())
}

impl Answers {
    /// No question asked yet.
    pub const NOT_STARTED: Answers = Answers {
        heavy_drinking: Reply::NotAsked,
        failed_expectations: Reply::NotAsked,
        memory_loss: Reply::NotAsked,
        others_concerned: Reply::NotAsked,
    };

    /// Whether `question` has been answered.
    #[must_use]
    pub const fn is_answered(&self, question: Question) -> bool {
        match question {
            Question::HeavyDrinking => !self.heavy_drinking.is_not_asked(),
            Question::FailedExpectations => !self.failed_expectations.is_not_asked(),
            Question::MemoryLoss => !self.memory_loss.is_not_asked(),
            Question::OthersConcerned => !self.others_concerned.is_not_asked(),
        }
    }
}

// ---------------------------------------------------------------- finding

/// What FAST concludes (CLINICAL-REFERENCE §5.4).
///
/// In JSON `{"kind": "negative"}`, `{"kind": "positive"}` or `{"kind":
/// "incomplete", "value": {"next": "memory_loss"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum FastResult {
    /// Not a hazardous drinker.
    Negative,
    /// FAST positive: hazardous or harmful drinking.
    Positive,
    /// Not yet determined: `next` is the question to ask.
    Incomplete {
        /// The next question to ask.
        next: Question,
    },
}

impl FastResult {
    /// Whether FAST is positive.
    #[must_use]
    pub const fn is_positive(self) -> bool {
        matches!(self, FastResult::Positive)
    }
}

/// The answer to question 1 that settled FAST alone (CLINICAL-REFERENCE §5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FastShortCut {
    /// Never: negative.
    Never,
    /// Weekly: positive.
    Weekly,
    /// Daily or almost daily: positive.
    DailyOrAlmostDaily,
}

impl FastShortCut {
    /// The short-cut an answer to question 1 takes, if any.
    #[must_use]
    pub const fn for_answer(answer: HowOften) -> Option<FastShortCut> {
        match answer {
            HowOften::Never => Some(FastShortCut::Never),
            HowOften::Weekly => Some(FastShortCut::Weekly),
            HowOften::DailyOrAlmostDaily => Some(FastShortCut::DailyOrAlmostDaily),
            HowOften::LessThanMonthly | HowOften::Monthly => None,
        }
    }

    /// The result it gives: negative for `never`, positive otherwise.
    #[must_use]
    pub const fn result(self) -> FastResult {
        match self {
            FastShortCut::Never => FastResult::Negative,
            FastShortCut::Weekly | FastShortCut::DailyOrAlmostDaily => FastResult::Positive,
        }
    }
}

source_marker!(
    /// The source a FAST finding was scored against: [`SOURCE`], written out
    /// in full as `{"citation": ..., "url": ...}`. It holds no data, and
    /// reading any other source is refused.
    FastSource,
    SOURCE,
    "FAST (Hodgson et al. 2002)"
);

/// What FAST found for one contact: everything the policy needs
/// (CLINICAL-REFERENCE §5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "FastFinding"))]
pub struct Finding {
    /// The result.
    pub result: FastResult,
    /// The answer to question 1 that settled the result alone, or `null` when
    /// no short-cut applied (the second stage, or question 1 not yet asked).
    pub short_cut: Option<FastShortCut>,
    /// The sum of the scores counted so far (0–16): question 1 alone after a
    /// short-cut, otherwise every question answered.
    pub total: u8,
    /// Whether no question is left to ask: a short-cut applied, or all four
    /// are answered.
    pub complete: bool,
    /// What each question contributed, in order; `skipped` after a short-cut.
    pub item_scores: [ItemScore; 4],
    /// The units on one occasion that question 1 asked about: 8 for a man, 6
    /// for a woman or when sex is `not_known`.
    pub heavy_occasion_units: u8,
    /// True when sex was `not_known` and question 1 was taken to ask about 6
    /// units, the more sensitive reading.
    pub sex_assumed: bool,
    /// The source scored against.
    pub source: FastSource,
}

struct FastTally {
    items: [ItemScore; 4],
    short_cut: Option<FastShortCut>,
    at_least: u8,
    at_most: u8,
    next: Option<Question>,
}

fn fast_tally(a: Answers) -> FastTally {
    let short_cut = a.heavy_drinking.get().and_then(FastShortCut::for_answer);
    let scored = |item: ItemScore| match item {
        _ if short_cut.is_some() => ItemScore::Skipped,
        other => other,
    };
    let items = [
        item_score(a.heavy_drinking, HowOften::score),
        scored(item_score(a.failed_expectations, HowOften::score)),
        scored(item_score(a.memory_loss, HowOften::score)),
        scored(item_score(a.others_concerned, ConcernRaised::score)),
    ];
    let (mut at_least, mut at_most) = (0u8, 0u8);
    for item in items {
        match item {
            ItemScore::Scored(n) => {
                at_least = at_least.saturating_add(n);
                at_most = at_most.saturating_add(n);
            }
            ItemScore::NotAsked => at_most = at_most.saturating_add(4),
            ItemScore::Skipped => {}
        }
    }
    let next = Question::ALL
        .into_iter()
        .zip(items)
        .find_map(|(q, item)| item.is_not_asked().then_some(q));
    FastTally {
        items,
        short_cut,
        at_least,
        at_most,
        next,
    }
}

/// The result from a tally, following the table in the module documentation.
fn result_of(t: &FastTally) -> FastResult {
    if let Some(short_cut) = t.short_cut {
        return short_cut.result();
    }
    match t.next {
        // Question 1 decides which stage applies, so nothing is settled without it.
        Some(Question::HeavyDrinking) => FastResult::Incomplete {
            next: Question::HeavyDrinking,
        },
        _ if t.at_least >= POSITIVE_FROM => FastResult::Positive,
        Some(next) if t.at_most >= POSITIVE_FROM => FastResult::Incomplete { next },
        _ => FastResult::Negative,
    }
}

/// Scores FAST (CLINICAL-REFERENCE §5.4). Total and allocation-free: it
/// applies question 1's short-cuts, reports `positive` as soon as the second
/// stage's scores reach 3, and otherwise returns [`FastResult::Incomplete`]
/// with the next question until all four are answered.
///
/// ```
/// use mecc::context::Contact;
/// use mecc::instruments::Reply;
/// use mecc::instruments::audit::HowOften;
/// use mecc::instruments::fast::{self, Answers, ConcernRaised, FastResult};
///
/// # let contact: Contact = serde_json::from_value(serde_json::json!({
/// #     "age": 61, "sex": "female", "pregnant": "no", "family_background": "white",
/// #     "setting": "dental", "time_available": "very_brief",
/// #     "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
/// #     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
/// #         "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
/// # }))?;
/// let answers = Answers {
///     heavy_drinking: Reply::Answered(HowOften::LessThanMonthly),
///     failed_expectations: Reply::Answered(HowOften::Never),
///     memory_loss: Reply::Answered(HowOften::LessThanMonthly),
///     others_concerned: Reply::Answered(ConcernRaised::No),
/// };
/// let finding = fast::score(&answers, &contact);
/// assert_eq!((finding.result, finding.total), (FastResult::Negative, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score(answers: &Answers, person: &impl AsRef<Person>) -> Finding {
    let sex = person.as_ref().sex();
    let t = fast_tally(*answers);
    Finding {
        result: result_of(&t),
        short_cut: t.short_cut,
        total: t.at_least,
        complete: t.short_cut.is_some() || t.next.is_none(),
        item_scores: t.items,
        heavy_occasion_units: heavy_occasion_units(sex),
        sex_assumed: sex == Sex::NotKnown,
        source: FastSource,
    }
}

/// What a FAST form should do next.
///
/// In JSON `{"kind": "ask", "value": "memory_loss"}` or `{"kind": "complete",
/// "value": "positive"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Step {
    /// Ask this question next.
    Ask(Question),
    /// No question is left to ask; this is the result, never `incomplete`.
    Complete(FastResult),
}

/// The next FAST question to ask, or the final result: question 1, then
/// (without a short-cut) questions 2–4 in order.
///
/// Whenever [`score`] returns `incomplete { next }`, this returns `Ask(next)`.
/// It asks questions 2–4 even once the result is settled `positive`, as the
/// form does. The flow does not depend on the contact; ask question 1 in the
/// words of [`Question::text`] for the person's sex.
///
/// ```
/// use mecc::instruments::Reply;
/// use mecc::instruments::audit::HowOften;
/// use mecc::instruments::fast::{self, Answers, FastResult, Question, Step};
///
/// assert_eq!(fast::next_step(&Answers::NOT_STARTED), Step::Ask(Question::HeavyDrinking));
/// let never = Answers { heavy_drinking: Reply::Answered(HowOften::Never), ..Answers::NOT_STARTED };
/// assert_eq!(fast::next_step(&never), Step::Complete(FastResult::Negative));
/// let monthly = Answers { heavy_drinking: Reply::Answered(HowOften::Monthly), ..Answers::NOT_STARTED };
/// assert_eq!(fast::next_step(&monthly), Step::Ask(Question::FailedExpectations));
/// ```
#[must_use]
pub fn next_step(answers: &Answers) -> Step {
    let t = fast_tally(*answers);
    match (t.short_cut, t.next) {
        (None, Some(next)) => Step::Ask(next),
        _ => Step::Complete(result_of(&t)),
    }
}

#[cfg(feature = "schema")]
mod schema {
    use schemars::{Schema, SchemaGenerator};

    use super::ConcernRaised;
    use crate::instruments::audit::items_schema::{ItemOption, ItemReply, zero_two_four};

    impl ItemOption for ConcernRaised {
        fn score() -> Schema {
            zero_two_four()
        }
    }

    pub(super) fn concern_reply(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<ItemReply<ConcernRaised>>()
    }
}

impl Finding {
    /// The outcomes the policy reads from this finding: its result, once
    /// settled (CLINICAL-REFERENCE §5.4).
    #[must_use]
    pub fn outcomes(&self) -> OutcomeSet {
        match self.result {
            FastResult::Positive => OutcomeSet::of(Outcome::FastPositive),
            FastResult::Negative => OutcomeSet::of(Outcome::FastNegative),
            FastResult::Incomplete { .. } => OutcomeSet::EMPTY,
        }
    }
}

crate::instruments::instrument! {
    /// FAST as an [`Instrument`](super::Instrument).
    Fast {
        key: "fast",
        name: "Fast Alcohol Screening Test (FAST)",
        version: VERSION,
        sources: SOURCES,
        step: Step = |a, _| next_step(a),
    }
}

names_round_trip_tests!(
    question_names_round_trip: Question,
    concern_raised_names_round_trip: ConcernRaised;
    /// The answer fields are named as the AUDIT items they are.
    #[test]
    fn question_names_are_the_audit_items_names() {
        for q in Question::ALL {
            assert_eq!(q.as_str(), q.audit_item().as_str());
        }
    }
);
