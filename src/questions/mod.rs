//! The question bank: every question the instruments ask, with a stable id,
//! its wording, its source, its answer options and their scores, and the
//! field of [`Answers`](crate::Answers) its answer goes in; and the flow that
//! says which question to ask next, and why.
//!
//! - [`bank`] gives the bank, static data built from the instruments' own
//!   enums, wordings and [`Bounds`], so each option's
//!   code and score, and each range, is stated in one place only.
//!   [`bank_json`] gives it as one JSON document.
//! - [`next_questions`] gives the next question of each instrument in
//!   progress, each with an [`AskReason`].
//!
//! # Ids
//!
//! A question's id ([`QuestionId`]) is the instrument's key in
//! [`Answers`](crate::Answers) and the name of the answer field, joined by a
//! dot: `pat.drinks_alcohol`, `audit.typical_day`, `smoking.vaping`. Ids are
//! stable: a question keeps its id for as long as its answer field keeps its
//! name, so they serve as the `linkId` of a FHIR questionnaire item. Each id
//! names exactly one field, given as a JSON Pointer into the answers document
//! ([`BankQuestion::pointer`]): `audit.frequency` is
//! `/audit/audit_c/frequency`.
//!
//! # Answers
//!
//! [`BankQuestion::answer`] says what the value at the pointer holds, and
//! [`BankQuestion::recorded_as`] whether that value is wrapped as a
//! [`Reply`](crate::instruments::Reply) (`{"kind": "answered", "value":
//! ...}`) or given directly (the fields an instrument cannot be scored
//! without, such as a height).
//!
//! ```
//! use mecc::questions::{self, AnswerFormat, QuestionId};
//!
//! let q = QuestionId::AuditFrequency.question();
//! assert_eq!(q.pointer, "/audit/audit_c/frequency");
//! let AnswerFormat::Choice(options) = q.answer else { panic!("a choice") };
//! assert_eq!((options[4].code, options[4].score), ("four_or_more_times_per_week", Some(4)));
//! // One JSON document for a form builder.
//! let json = questions::bank_json();
//! assert!(json.contains("\"id\":\"pat.drinks_alcohol\""));
//! ```

use serde::Serialize;

use crate::bounded::{named_enum, names_round_trip_tests};
use crate::provenance::Source;
use crate::units::Bounds;

mod bank;
mod flow;

pub use bank::bank;
pub use flow::{AskReason, NextQuestion, next_questions};

/// The version of the bank's document, recorded with the questions a form
/// was built from. It changes whenever an id, a code or a score changes.
pub const BANK_VERSION: &str = "question_bank_v1";

/// The bank as one JSON document (the serde form of [`QuestionBank`]).
#[must_use]
pub fn bank_json() -> String {
    // Serializing static strings, numbers and options cannot fail.
    serde_json::to_string(bank()).unwrap_or_default()
}

named_enum! {
    /// The stable id of a question in the bank: the instrument's key and the
    /// answer field's name, joined by a dot. Usable as a FHIR `linkId`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum QuestionId {
        /// PAT question 1: does the person drink alcohol.
        PatDrinksAlcohol = "pat.drinks_alcohol",
        /// PAT question 2: the most drunk in any one day.
        PatMostInOneDay = "pat.most_in_one_day",
        /// PAT question 3: how often the person drinks.
        PatFrequency = "pat.frequency",
        /// PAT question 4: is this attendance related to alcohol.
        PatAttendanceRelated = "pat.attendance_related",
        /// PAT question 5: would they see the alcohol specialist.
        PatWillingToSeeSpecialist = "pat.willing_to_see_specialist",
        /// AUDIT question 1 (AUDIT-C): how often a drink containing alcohol.
        AuditFrequency = "audit.frequency",
        /// AUDIT question 2 (AUDIT-C): units on a typical drinking day.
        AuditTypicalDay = "audit.typical_day",
        /// AUDIT question 3 (AUDIT-C): how often 6 or 8 units or more on one occasion.
        AuditHeavyDrinking = "audit.heavy_drinking",
        /// AUDIT question 4: unable to stop once started.
        AuditUnableToStop = "audit.unable_to_stop",
        /// AUDIT question 5: failed to do what was expected.
        AuditFailedExpectations = "audit.failed_expectations",
        /// AUDIT question 6: a drink first thing in the morning.
        AuditMorningDrink = "audit.morning_drink",
        /// AUDIT question 7: guilt or remorse after drinking.
        AuditGuilt = "audit.guilt",
        /// AUDIT question 8: unable to remember the night before.
        AuditMemoryLoss = "audit.memory_loss",
        /// AUDIT question 9: injury because of drinking.
        AuditInjury = "audit.injury",
        /// AUDIT question 10: others concerned about their drinking.
        AuditOthersConcerned = "audit.others_concerned",
        /// FAST question 1: how often 6 or 8 units or more on one occasion.
        FastHeavyDrinking = "fast.heavy_drinking",
        /// FAST question 2: failed to do what was expected.
        FastFailedExpectations = "fast.failed_expectations",
        /// FAST question 3: unable to remember the night before.
        FastMemoryLoss = "fast.memory_loss",
        /// FAST question 4: others concerned about their drinking.
        FastOthersConcerned = "fast.others_concerned",
        /// Smoking status: never, ex-smoker or current smoker.
        SmokingStatus = "smoking.status",
        /// For a current smoker: the tobacco products used.
        SmokingProducts = "smoking.products",
        /// For a current smoker: cigarettes a day.
        SmokingCigarettesPerDay = "smoking.cigarettes_per_day",
        /// For a current smoker: minutes from waking to the first cigarette.
        SmokingMinutesToFirstCigarette = "smoking.minutes_to_first_cigarette",
        /// For a current smoker: years smoked.
        SmokingYearsSmoked = "smoking.years_smoked",
        /// For an ex-smoker: how long ago they stopped.
        SmokingQuit = "smoking.quit",
        /// Nicotine vaping.
        SmokingVaping = "smoking.vaping",
        /// The exhaled carbon monoxide reading.
        SmokingCoPpm = "smoking.co_ppm",
        /// An adult's height.
        BmiHeight = "bmi.height",
        /// An adult's weight.
        BmiWeight = "bmi.weight",
        /// An adult's waist circumference.
        BmiWaist = "bmi.waist",
        /// GPPAQ: the physical activity of the person's work.
        ActivityOccupation = "activity.occupation",
        /// GPPAQ: hours of physical exercise in the last week.
        ActivityExercise = "activity.exercise",
        /// GPPAQ: hours of cycling in the last week.
        ActivityCycling = "activity.cycling",
        /// GPPAQ: walking in the last week.
        ActivityWalking = "activity.walking",
        /// GPPAQ: housework and childcare in the last week.
        ActivityHouseworkAndChildcare = "activity.housework_and_childcare",
        /// GPPAQ: gardening and DIY in the last week.
        ActivityGardeningAndDiy = "activity.gardening_and_diy",
        /// GPPAQ: usual walking pace.
        ActivityWalkingPace = "activity.walking_pace",
        /// Weekly activity: minutes of moderate activity in a usual week.
        ActivityModerateMinutesPerWeek = "activity.moderate_minutes_per_week",
        /// Weekly activity: minutes of vigorous activity in a usual week.
        ActivityVigorousMinutesPerWeek = "activity.vigorous_minutes_per_week",
        /// Weekly activity: days with muscle-strengthening activity.
        ActivityStrengthDaysPerWeek = "activity.strength_days_per_week",
        /// A child's height.
        ChildBmiHeight = "child_bmi.height",
        /// A child's weight.
        ChildBmiWeight = "child_bmi.weight",
        /// A child's waist circumference.
        ChildBmiWaist = "child_bmi.waist",
    }
}

impl QuestionId {
    /// The question's entry in the bank.
    #[must_use]
    pub fn question(self) -> &'static BankQuestion {
        bank::question(self)
    }

    /// The key of the instrument the question belongs to, as in
    /// [`Answers`](crate::Answers): the part of the id before the dot.
    #[must_use]
    pub fn instrument(self) -> &'static str {
        let id = self.as_str();
        id.split_once('.').map_or(id, |(key, _)| key)
    }
}

/// Every question, grouped by instrument.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuestionBank {
    /// The version of the bank ([`BANK_VERSION`]).
    pub version: &'static str,
    /// The version of the crate that gives it.
    pub crate_version: &'static str,
    /// The instruments, in the order of [`Answers`](crate::Answers).
    pub instruments: &'static [InstrumentQuestions],
}

impl QuestionBank {
    /// Every question, instrument by instrument, in the order asked.
    pub fn questions(&self) -> impl Iterator<Item = &'static BankQuestion> + use<> {
        self.instruments.iter().flat_map(|i| i.questions.iter())
    }
}

/// One instrument's questions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InstrumentQuestions {
    /// The instrument's key in [`Answers`](crate::Answers).
    pub key: &'static str,
    /// Its name, as a practitioner knows it.
    pub name: &'static str,
    /// The edition implemented.
    pub version: &'static str,
    /// The published sources of the questions, options and scores.
    pub sources: &'static [Source],
    /// The questions, in the order asked.
    pub questions: &'static [BankQuestion],
}

/// One question: its id, wording, answer options and where its answer goes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BankQuestion {
    /// Its stable id.
    pub id: QuestionId,
    /// Its number on the published form, where the form numbers it.
    pub number: Option<u8>,
    /// The words to put to the person.
    pub wording: Wording,
    /// A note for the practitioner asking it, where one helps.
    pub help: Option<&'static str>,
    /// What the answer is.
    pub answer: AnswerFormat,
    /// A JSON Pointer (RFC 6901) into the [`Answers`](crate::Answers)
    /// document, to the field the answer is written to.
    pub pointer: &'static str,
    /// How the value at the pointer is written.
    pub recorded_as: Recording,
}

/// How an answer is written at its pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Recording {
    /// As a [`Reply`](crate::instruments::Reply): `{"kind": "answered",
    /// "value": answer}`, or `{"kind": "not_asked"}` until asked.
    Reply,
    /// As the answer itself: the instrument cannot be scored without it.
    Value,
}

/// The words of a question.
///
/// In JSON `{"kind": "same", "value": "..."}` or `{"kind": "by_sex",
/// "value": {"male": "...", "female_or_not_known": "..."}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Wording {
    /// The same words for everyone.
    Same(&'static str),
    /// Words that depend on the person's sex (the units of a heavy
    /// drinking occasion).
    BySex(SexWording),
}

impl Wording {
    /// The words for a person of this sex.
    #[must_use]
    pub const fn for_sex(self, sex: crate::context::Sex) -> &'static str {
        match self {
            Wording::Same(text) => text,
            Wording::BySex(w) => match sex {
                crate::context::Sex::Male => w.male,
                crate::context::Sex::Female | crate::context::Sex::NotKnown => {
                    w.female_or_not_known
                }
            },
        }
    }
}

/// A question's words for a man, and for a woman or when sex is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SexWording {
    /// For a man.
    pub male: &'static str,
    /// For a woman, or when sex is `not_known` (the more sensitive reading).
    pub female_or_not_known: &'static str,
}

/// What an answer holds, and so how it is written.
///
/// In JSON an object tagged with `kind`: `{"kind": "yes_no"}`, `{"kind":
/// "choice", "value": [options]}`, `{"kind": "several", "value":
/// [options]}`, `{"kind": "forms", "value": [forms]}`, `{"kind": "number",
/// "value": measure}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum AnswerFormat {
    /// Yes or no, written `true` or `false`.
    YesNo,
    /// One of the options, written as its code.
    Choice(&'static [AnswerOption]),
    /// One or more of the options, written as a list of codes.
    Several(&'static [AnswerOption]),
    /// One of several forms, written `{"kind": form, "value": ...}` as each
    /// form says (an amount in one of several units, for example).
    Forms(&'static [AnswerForm]),
    /// A number within a range.
    Number(Measure),
}

/// One answer option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// Its code: the name the answer is written as in JSON.
    pub code: &'static str,
    /// What the form shows.
    pub label: &'static str,
    /// The score it carries, where the instrument scores it.
    pub score: Option<u8>,
}

/// One form an answer can take: `{"kind": kind, "value": ...}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerForm {
    /// The form's `kind`.
    pub kind: &'static str,
    /// What the form shows.
    pub label: &'static str,
    /// What its `value` holds.
    pub value: FormValue,
}

/// What the `value` of one form of an answer holds.
///
/// In JSON an object tagged with `kind`, as [`AnswerFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum FormValue {
    /// No value: the form is `{"kind": kind}` alone.
    Nothing,
    /// A number within a range.
    Number(Measure),
    /// One of the options, written as its code.
    Choice(&'static [AnswerOption]),
    /// Two whole-and-part numbers, such as feet and inches: an object with
    /// the two keys, the second under `per` of the first.
    Compound(Compound),
    /// A list of drinks, each `{"drink": {"kind": ...}, "count": n}`, added
    /// up into UK units.
    Drinks,
    /// An object whose fields are the answers to these follow-up questions.
    FollowUps(&'static [QuestionId]),
}

/// A number within a range, in one unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The unit (`"cm"`, `"UK units"`); empty for a bare count.
    pub unit: &'static str,
    /// The smallest accepted value.
    pub min: f64,
    /// The largest accepted value.
    pub max: f64,
    /// Whether only whole numbers are accepted.
    pub whole: bool,
}

impl Measure {
    /// The range of `bounds`, in its own unit.
    #[must_use]
    pub const fn of(bounds: &Bounds, whole: bool) -> Measure {
        Measure {
            unit: bounds.unit(),
            min: bounds.min(),
            max: bounds.max(),
            whole,
        }
    }

    /// The range of `bounds`, converted to `unit` by dividing by `per`
    /// (2.54 for centimetres to inches), to two decimal places, inward so
    /// that both ends are accepted.
    #[must_use]
    pub const fn converted(bounds: &Bounds, unit: &'static str, per: f64) -> Measure {
        Measure {
            unit,
            min: hundredths_up(bounds.min() / per),
            max: hundredths_down(bounds.max() / per),
            whole: false,
        }
    }
}

/// `x` (not negative) rounded down to hundredths.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "the ends of a range in hundredths: small, not negative, and exact in f64"
)]
const fn hundredths_down(x: f64) -> f64 {
    (x * 100.0) as u64 as f64 / 100.0
}

/// `x` (not negative) rounded up to hundredths.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "the ends of a range in hundredths: small, not negative, and exact in f64"
)]
const fn hundredths_up(x: f64) -> f64 {
    let down = (x * 100.0) as u64;
    let up = if (down as f64) < x * 100.0 {
        down + 1
    } else {
        down
    };
    up as f64 / 100.0
}

/// A whole-and-part answer such as feet and inches: `{first: n, second: m}`
/// with `second` under `per`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Compound {
    /// The key of the whole part (`"feet"`), a whole number.
    pub first: &'static str,
    /// The key of the part under one whole (`"inches"`), which may have a
    /// fraction.
    pub second: &'static str,
    /// How many of the second make one of the first (12 inches to a foot).
    pub per: u8,
    /// The accepted range of the whole amount, in the second's unit.
    pub total: Measure,
}

names_round_trip_tests!(question_id_names_round_trip: QuestionId);
