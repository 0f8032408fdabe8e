//! The Paddington Alcohol Test, PAT (2009) (CLINICAL-REFERENCE §1).
//!
//! PAT is the emergency department's two-minute check for alcohol misuse. It is
//! used, once the patient's own reason for attending has been dealt with, for
//! adults presenting with one of ten conditions ([`indication`]). Five
//! questions ([`Question`]) are asked in order; [`score`] turns the answers so
//! far into a [`Finding`], and [`next_step`] tells a form what to ask next.
//!
//! # Scoring (CLINICAL-REFERENCE §1.3)
//!
//! PAT is positive when the most drunk in one day is **more than** 8 units for
//! a man or 6 for a woman ([`THRESHOLD_MALE_CENTI_UNITS`],
//! [`THRESHOLD_FEMALE_CENTI_UNITS`]; 8 and 6 themselves are negative), or when
//! the patient feels the attendance is related to alcohol. A person whose sex
//! is `not_known` is held to the lower, female cut-off, and the finding says so
//! ([`Finding::sex_assumed`]). The finding lists every reason that applies.
//! Amounts are held to a hundredth of a unit ([`AlcoholUnits`]), so 8.004 units
//! counts as 8 and is negative for a man, while 8.01 is positive.
//!
//! # Routing (CLINICAL-REFERENCE §1.2, §1.4)
//!
//! Questions: Q1 [`drinks_alcohol`](Question::DrinksAlcohol), Q2
//! [`most_in_one_day`](Question::MostInOneDay), Q3
//! [`frequency`](Question::Frequency), Q4
//! [`attendance_related`](Question::AttendanceRelated), Q5
//! [`willing_to_see_specialist`](Question::WillingToSeeSpecialist).
//!
//! | answers so far | [`score`] result | [`next_step`] |
//! |---|---|---|
//! | Q1 no | `non_drinker` | complete |
//! | Q2 above the threshold, or Q4 yes | `positive` | ask Q1–Q4 still unanswered, then Q5, then complete |
//! | otherwise, Q1 not asked | `incomplete { next: Q1 }` | ask Q1 |
//! | otherwise, Q2 not asked | `incomplete { next: Q2 }` | ask Q2 |
//! | otherwise, Q4 not asked | `incomplete { next: Q3 or Q4 }` (Q3 first while unanswered) | ask that question |
//! | Q1 yes, Q2 at or below the threshold, Q4 no | `negative` | ask Q3 if unanswered, then complete |
//!
//! **Decision:** once Q2 has made the result positive, the form still asks Q3
//! and Q4. Q3 decides the daily-drinker advice and the possible-dependence
//! alert (CLINICAL-REFERENCE §1.5), and Q4 can add a second reason: the finding
//! lists every reason, although the result cannot change. Q5 is asked only when
//! the result is positive, because it is the offer that a positive result
//! leads to, not part of scoring.
//!
//! Answers may be recorded out of order: a positive answer to Q2 or Q4 makes the
//! result positive even before Q1 is asked, since a person who answers either
//! that way drinks. [`next_step`] still asks Q1 first.
//!
//! ```
//! use mecc::context::Contact;
//! use mecc::instruments::pat::{self, Answers, PatResult, Question, Step};
//!
//! let contact: Contact = serde_json::from_value(serde_json::json!({
//!     "age": 34, "sex": "male", "pregnant": "no", "family_background": "white",
//!     "setting": "emergency_department", "time_available": "very_brief",
//!     "presenting_condition": "head_injury", "intoxicated": "no",
//!     "priority_groups": [], "comorbidities": {
//!         "diabetes": {"kind": "none"}, "hypertension": "no",
//!         "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}
//!     }
//! }))?;
//! let answers: Answers = serde_json::from_value(serde_json::json!({
//!     "drinks_alcohol": {"kind": "answered", "value": true},
//!     "most_in_one_day": {"kind": "answered", "value": {"kind": "drinks", "value": [
//!         {"drink": {"kind": "pint_ordinary_strength"}, "count": 4},
//!         {"drink": {"kind": "single_measure_of_spirits"}, "count": 1}
//!     ]}},
//!     "frequency": {"kind": "not_asked"},
//!     "attendance_related": {"kind": "not_asked"},
//!     "willing_to_see_specialist": {"kind": "not_asked"}
//! }))?;
//!
//! let finding = pat::score(&answers, &contact);
//! assert_eq!(finding.result, PatResult::Positive); // 9 units > 8
//! assert!(finding.indication.is_indicated());
//! // The result is settled, but the form still asks how often they drink.
//! assert_eq!(pat::next_step(&answers, &contact), Step::Ask(Question::Frequency));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::bounded::{bounded_int, checked_wrapper, named_enum, names_round_trip_tests};
use crate::context::{Contact, Person, PresentingCondition, Setting, Sex, YesNoNotKnown};
use crate::error::Error;
use crate::instruments::Reply;
use crate::instruments::audit::source_marker;
use crate::outcome::{Outcome, OutcomeSet};
use crate::provenance::Source;
use crate::units::{AlcoholUnits, Bounds, bounds};

mod drinks;

pub use drinks::{
    CustomDrink, CustomDrinkFields, DRINK_COUNT, Drink, DrinkCount, DrinkCountFields, total_units,
};

/// The paper PAT (2009) implements.
pub const SOURCE: Source = Source::with_url(
    "Touquet R, Brown A. PAT (2009): revisions to the Paddington Alcohol Test for early \
     identification of alcohol misuse and brief advice to reduce emergency department \
     re-attendance. Alcohol and Alcoholism 2009;44(3):284–286",
    "https://doi.org/10.1093/alcalc/agp016",
);

/// The version of the instrument implemented.
pub const VERSION: &str = "PAT 2009";

/// The youngest age, in whole years, for which PAT is indicated
/// (CLINICAL-REFERENCE §1.1).
pub const MIN_AGE_YEARS: u32 = 16;

/// The male cut-off, in hundredths of a UK unit: **more than** 8 units in one
/// day is positive, and 8 units itself is negative (CLINICAL-REFERENCE §1.3;
/// Touquet and Brown 2009: twice the old daily limit of 4 units).
///
/// Held as hundredths because [`AlcoholUnits`] has no `const` constructor;
/// [`threshold_for`] gives it as [`AlcoholUnits`].
pub const THRESHOLD_MALE_CENTI_UNITS: u32 = 800;

/// The female cut-off, in hundredths of a UK unit: **more than** 6 units in one
/// day is positive, and 6 units itself is negative (CLINICAL-REFERENCE §1.3;
/// Touquet and Brown 2009: twice the old daily limit of 3 units).
///
/// Also used when sex is `not_known`, as the more sensitive cut-off
/// (CLINICAL-REFERENCE §0, §1.3).
pub const THRESHOLD_FEMALE_CENTI_UNITS: u32 = 600;

/// Times a week that `{"kind": "times_per_week", "value": n}` accepts (CLINICAL-REFERENCE §1.2).
pub const TIMES_PER_WEEK: Bounds = bounds!(from 1 to 6 "times a week");

/// The cut-off for a person of this sex: more units than this in one day is
/// positive (CLINICAL-REFERENCE §1.3). `not_known` gets the female cut-off.
///
/// ```
/// use mecc::context::Sex;
/// use mecc::instruments::pat::threshold_for;
///
/// assert_eq!(threshold_for(Sex::Male).units(), 8.0);
/// assert_eq!(threshold_for(Sex::Female).units(), 6.0);
/// assert_eq!(threshold_for(Sex::NotKnown).units(), 6.0);
/// ```
#[must_use]
pub fn threshold_for(sex: Sex) -> AlcoholUnits {
    drinks::known_units(threshold_centi_units(sex))
}

const fn threshold_centi_units(sex: Sex) -> u32 {
    match sex {
        Sex::Male => THRESHOLD_MALE_CENTI_UNITS,
        Sex::Female | Sex::NotKnown => THRESHOLD_FEMALE_CENTI_UNITS,
    }
}

// ---------------------------------------------------------------- questions

named_enum! {
    /// The five PAT questions, in the order they are asked (CLINICAL-REFERENCE §1.2).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "PatQuestion"))]
    pub enum Question {
        /// Q1: whether the person drinks alcohol at all.
        DrinksAlcohol = "drinks_alcohol",
        /// Q2: the most they drink in any one day, in UK units.
        MostInOneDay = "most_in_one_day",
        /// Q3: how often they drink.
        Frequency = "frequency",
        /// Q4: whether they feel this attendance is related to alcohol.
        AttendanceRelated = "attendance_related",
        /// Q5, asked only when PAT is positive: whether they would see the alcohol
        /// nurse specialist.
        WillingToSeeSpecialist = "willing_to_see_specialist",
    }
}

impl Question {
    /// The question's number on the form, 1 to 5.
    #[must_use]
    pub const fn number(self) -> u8 {
        self as u8 + 1
    }

    /// A wording of the question to put to the patient.
    #[must_use]
    pub const fn text(self) -> &'static str {
        match self {
            Question::DrinksAlcohol => "Do you ever drink alcohol?",
            Question::MostInOneDay => {
                "On your heaviest drinking day, how much do you drink? \
                 (Count it in UK units, or list the drinks.)"
            }
            Question::Frequency => {
                "How often do you have a drink: every day, on some days each week, \
                 or less than once a week?"
            }
            Question::AttendanceRelated => {
                "Do you think alcohol played a part in your coming to the emergency \
                 department today?"
            }
            Question::WillingToSeeSpecialist => {
                "Would you be willing to see our alcohol nurse specialist?"
            }
        }
    }
}

// ---------------------------------------------------------------- answers

/// The answer to Q2, the most drunk in any one day, in UK units
/// (CLINICAL-REFERENCE §1.2, §1.6).
///
/// In JSON either `{"kind": "units", "value": 9.5}` or a list of drinks,
/// `{"kind": "drinks", "value": [{"drink": {"kind": "glass_of_wine"}, "count":
/// 4}]}`, which is added up when read. It is written back as `{"kind": "units",
/// "value": n}`: the amount is what PAT scores.
///
/// ```
/// use mecc::instruments::pat::{Drink, DrinkCount, MostInOneDay};
///
/// let said = MostInOneDay::from_units(9.5)?;
/// let counted = MostInOneDay::from_drinks(&[
///     DrinkCount::new(Drink::BottleOfWine, 1)?,
///     DrinkCount::new(Drink::GlassOfFortifiedWine, 1)?,
/// ])?;
/// assert_eq!(counted.units().units(), 10.0);
/// assert!(said < counted);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
// The schema of the input forms, keeping their description.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "MostInOneDayInput", description = "")
)]
#[serde(try_from = "MostInOneDayInput", into = "MostInOneDayInput")]
pub struct MostInOneDay {
    units: AlcoholUnits,
}

/// The JSON forms of [`MostInOneDay`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = most_in_one_day_titles))]
pub enum MostInOneDayInput {
    /// An amount in UK units: `{"kind": "units", "value": 9.5}`.
    Units(AlcoholUnits),
    /// The drinks, to be added up: `{"kind": "drinks", "value": [{"drink": ..., "count": n}]}`;
    /// at least one, as [`MostInOneDay::from_drinks`] requires.
    Drinks(#[cfg_attr(feature = "schema", schemars(length(min = 1)))] Vec<DrinkCount>),
}

impl MostInOneDay {
    /// An amount in UK units.
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::OutOfRange`] (field `units`) outside
    /// 0 to 300 units ([`crate::units::ALCOHOL_UNITS`]).
    pub fn from_units(units: f64) -> Result<MostInOneDay, Error> {
        Ok(MostInOneDay {
            units: AlcoholUnits::from_units(units)?,
        })
    }

    /// An amount already held as [`AlcoholUnits`].
    #[must_use]
    pub const fn from_amount(units: AlcoholUnits) -> MostInOneDay {
        MostInOneDay { units }
    }

    /// The total of a list of drinks.
    ///
    /// # Errors
    /// - [`Error::Invalid`] (field `drinks`) for an empty list, which cannot be
    ///   told apart from a tally not filled in: give `{"kind": "units", "value": 0}` for none, or
    ///   leave the question `not_asked`.
    /// - [`Error::OutOfRange`] (field `drinks`) when the drinks add up to more
    ///   than 300 units.
    pub fn from_drinks(drinks: &[DrinkCount]) -> Result<MostInOneDay, Error> {
        if drinks.is_empty() {
            return Err(Error::Invalid {
                field: "drinks",
                value: "an empty list".to_string(),
                expected: "at least one drink; for none give {\"kind\": \"units\", \"value\": 0}, \
                           or leave most_in_one_day not_asked",
            });
        }
        Ok(MostInOneDay {
            units: total_units(drinks)?,
        })
    }

    /// The amount.
    #[must_use]
    pub const fn units(self) -> AlcoholUnits {
        self.units
    }
}

impl From<AlcoholUnits> for MostInOneDay {
    fn from(units: AlcoholUnits) -> MostInOneDay {
        MostInOneDay::from_amount(units)
    }
}

/// Titles the variants of [`MostInOneDayInput`] after the name its schema is
/// published under, `MostInOneDay`.
#[cfg(feature = "schema")]
fn most_in_one_day_titles(schema: &mut schemars::Schema) {
    crate::units::title_variants_of("MostInOneDay", schema);
}

impl TryFrom<MostInOneDayInput> for MostInOneDay {
    type Error = Error;
    fn try_from(input: MostInOneDayInput) -> Result<MostInOneDay, Error> {
        match input {
            MostInOneDayInput::Units(units) => Ok(MostInOneDay::from_amount(units)),
            MostInOneDayInput::Drinks(drinks) => MostInOneDay::from_drinks(&drinks),
        }
        .map_err(crate::json::noted)
    }
}

impl From<MostInOneDay> for MostInOneDayInput {
    fn from(m: MostInOneDay) -> MostInOneDayInput {
        MostInOneDayInput::Units(m.units)
    }
}

bounded_int! {
    /// A number of drinking days a week, from 1 to 6 ([`TIMES_PER_WEEK`]).
    ///
    /// Seven is [`Frequency::EveryDay`] and less than one is
    /// [`Frequency::LessThanWeekly`], so neither is accepted here.
    ///
    /// ```
    /// use mecc::instruments::pat::TimesPerWeek;
    ///
    /// assert_eq!(TimesPerWeek::new(3)?.get(), 3);
    /// let err = TimesPerWeek::new(7).unwrap_err();
    /// assert!(err.to_string().contains("use every_day"));
    /// # Ok::<(), mecc::Error>(())
    /// ```
    pub struct TimesPerWeek(u8) in TIMES_PER_WEEK, field "times_per_week";
    /// Drinking on `times` days a week.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] (field `times_per_week`) outside 1 to 6
    /// ([`TIMES_PER_WEEK`]); the hint points 0 to `less_than_weekly` and 7 to
    /// `every_day`.
    fn new;
    /// The number of days a week.
    fn get;
    schema "drinking days a week; 7 is every_day";
    hint |times| Some(match times {
        0 => "for less than once a week use less_than_weekly".to_string(),
        7 => "7 times a week is every day: use every_day".to_string(),
        _ => "count the days a week with a drink, not the drinks; \
              for every day use every_day"
            .to_string(),
    });
}

/// The answer to Q3, how often the person drinks (CLINICAL-REFERENCE §1.2).
///
/// In JSON: `{"kind": "every_day"}`, `{"kind": "times_per_week", "value": 3}`
/// or `{"kind": "less_than_weekly"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Frequency {
    /// Every day: a daily drinker (CLINICAL-REFERENCE §1.5).
    EveryDay,
    /// On some days each week, from 1 to 6.
    TimesPerWeek(TimesPerWeek),
    /// Less than once a week.
    LessThanWeekly,
}

impl Frequency {
    /// Drinking on `times` days a week.
    ///
    /// # Errors
    /// As [`TimesPerWeek::new`].
    pub fn times_per_week(times: u32) -> Result<Frequency, Error> {
        TimesPerWeek::new(times).map(Frequency::TimesPerWeek)
    }
}

/// The answers to PAT, one [`Reply`] per question; checked against each other.
///
/// In JSON every question is present, as `{"kind": "not_asked"}` or `{"kind":
/// "answered", "value": ...}`:
///
/// ```json
/// {
///   "drinks_alcohol": {"kind": "answered", "value": true},
///   "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": 9.5}},
///   "frequency": {"kind": "answered", "value": {"kind": "times_per_week", "value": 2}},
///   "attendance_related": {"kind": "answered", "value": false},
///   "willing_to_see_specialist": {"kind": "not_asked"}
/// }
/// ```
///
/// ```
/// use mecc::instruments::Reply;
/// use mecc::instruments::pat::{Answers, AnswersFields};
///
/// let no = Answers::new(AnswersFields {
///     drinks_alcohol: Reply::Answered(false),
///     ..AnswersFields::NOT_STARTED
/// })?;
/// assert_eq!(no.drinks_alcohol(), Reply::Answered(false));
///
/// let contradiction = Answers::new(AnswersFields {
///     drinks_alcohol: Reply::Answered(false),
///     attendance_related: Reply::Answered(true),
///     ..AnswersFields::NOT_STARTED
/// });
/// assert!(contradiction.unwrap_err().is_inconsistent());
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// The schema of the fields, keeping their description.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "AnswersFields", rename = "PatAnswers", description = "")
)]
pub struct Answers(AnswersFields);

checked_wrapper!(Answers(AnswersFields));

/// The fields of [`Answers`], before they are checked against each other; also
/// their JSON form. Every field is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswersFields {
    /// Q1: does the person drink alcohol?
    pub drinks_alcohol: Reply<bool>,
    /// Q2: the most drunk in any one day.
    pub most_in_one_day: Reply<MostInOneDay>,
    /// Q3: how often.
    pub frequency: Reply<Frequency>,
    /// Q4: do they feel the attendance is related to alcohol?
    pub attendance_related: Reply<bool>,
    /// Q5: would they see the alcohol nurse specialist?
    pub willing_to_see_specialist: Reply<bool>,
}

impl AnswersFields {
    /// No question asked yet.
    pub const NOT_STARTED: AnswersFields = AnswersFields {
        drinks_alcohol: Reply::NotAsked,
        most_in_one_day: Reply::NotAsked,
        frequency: Reply::NotAsked,
        attendance_related: Reply::NotAsked,
        willing_to_see_specialist: Reply::NotAsked,
    };
}

fn yes_no(answer: bool) -> &'static str {
    if answer { "yes" } else { "no" }
}

impl Answers {
    /// No question asked yet.
    pub const NOT_STARTED: Answers = Answers(AnswersFields::NOT_STARTED);

    /// Checks the answers against each other.
    ///
    /// **Decision:** the only contradiction refused is an answer to a later
    /// question after "no" to Q1, where the test stops. An answer to Q5 when PAT
    /// is not positive is kept and carried into the finding: whether PAT is
    /// positive depends on the contact's sex as well as the answers, and the
    /// policy acts on Q5 only after a positive result.
    ///
    /// # Errors
    /// [`Error::Inconsistent`] when `drinks_alcohol` is answered no and any of
    /// `most_in_one_day`, `frequency`, `attendance_related` or
    /// `willing_to_see_specialist` is answered; the error names the first such
    /// field.
    pub fn new(fields: AnswersFields) -> Result<Answers, Error> {
        if fields.drinks_alcohol == Reply::Answered(false) {
            let later: Option<(&'static str, String)> =
                if let Reply::Answered(m) = fields.most_in_one_day {
                    Some(("most_in_one_day", format!("{} units", m.units().units())))
                } else if let Reply::Answered(f) = fields.frequency {
                    Some(("frequency", frequency_text(f)))
                } else if let Reply::Answered(a) = fields.attendance_related {
                    Some(("attendance_related", yes_no(a).to_string()))
                } else if let Reply::Answered(w) = fields.willing_to_see_specialist {
                    Some(("willing_to_see_specialist", yes_no(w).to_string()))
                } else {
                    None
                };
            if let Some((field, value)) = later {
                return Err(Error::Inconsistent {
                    field,
                    value,
                    other: "drinks_alcohol = no".to_string(),
                    reason: "the test stops after no to drinks_alcohol; correct that answer, \
                             or record the later questions as not_asked",
                });
            }
        }
        Ok(Answers(fields))
    }
    /// Q1.
    #[must_use]
    pub const fn drinks_alcohol(&self) -> Reply<bool> {
        self.0.drinks_alcohol
    }
    /// Q2.
    #[must_use]
    pub const fn most_in_one_day(&self) -> Reply<MostInOneDay> {
        self.0.most_in_one_day
    }
    /// Q3.
    #[must_use]
    pub const fn frequency(&self) -> Reply<Frequency> {
        self.0.frequency
    }
    /// Q4.
    #[must_use]
    pub const fn attendance_related(&self) -> Reply<bool> {
        self.0.attendance_related
    }
    /// Q5.
    #[must_use]
    pub const fn willing_to_see_specialist(&self) -> Reply<bool> {
        self.0.willing_to_see_specialist
    }

    /// Whether `question` has been answered.
    #[must_use]
    pub const fn is_answered(&self, question: Question) -> bool {
        match question {
            Question::DrinksAlcohol => !self.0.drinks_alcohol.is_not_asked(),
            Question::MostInOneDay => !self.0.most_in_one_day.is_not_asked(),
            Question::Frequency => !self.0.frequency.is_not_asked(),
            Question::AttendanceRelated => !self.0.attendance_related.is_not_asked(),
            Question::WillingToSeeSpecialist => !self.0.willing_to_see_specialist.is_not_asked(),
        }
    }
}

fn frequency_text(f: Frequency) -> String {
    match f {
        Frequency::EveryDay => "every_day".to_string(),
        Frequency::TimesPerWeek(n) => format!("{} times a week", n.get()),
        Frequency::LessThanWeekly => "less_than_weekly".to_string(),
    }
}

// ---------------------------------------------------------------- finding

/// What PAT concludes (CLINICAL-REFERENCE §1.2–§1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum PatResult {
    /// The person does not drink alcohol (Q1 no).
    NonDrinker,
    /// PAT negative.
    Negative,
    /// PAT positive: brief advice and the offer of the alcohol nurse specialist.
    Positive,
    /// Not yet determined: `next` is the question to ask.
    Incomplete {
        /// The next question to ask.
        next: Question,
    },
}

impl PatResult {
    /// Whether PAT is positive.
    #[must_use]
    pub const fn is_positive(self) -> bool {
        matches!(self, PatResult::Positive)
    }
}

/// The consumption reason: the most drunk in one day was above the cut-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsumptionAboveThreshold {
    /// The most drunk in one day.
    pub units: AlcoholUnits,
    /// The cut-off it was above.
    pub threshold: AlcoholUnits,
}

/// One reason PAT is positive (CLINICAL-REFERENCE §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "PatPositiveReason"))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum PositiveReason {
    /// Q2 was above the cut-off:
    /// `{"kind": "consumption_above_threshold", "value": {"units": 9, "threshold": 8}}`.
    ConsumptionAboveThreshold(ConsumptionAboveThreshold),
    /// Q4 was yes: the person made the connection between alcohol and this
    /// attendance.
    AttendanceRelated,
}

/// Every reason that applies, held without allocating.
///
/// In JSON a list of [`PositiveReason`]s, consumption first, at most one of each kind;
/// empty unless PAT is positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "Vec<PositiveReason>", rename = "PatPositiveReasons", extend("maxItems" = 2, "uniqueItems" = true), description = "every reason PAT is positive; empty otherwise")
)]
#[serde(try_from = "Vec<PositiveReason>")]
pub struct PositiveReasons {
    consumption: Option<ConsumptionAboveThreshold>,
    attendance_related: bool,
}

impl PositiveReasons {
    /// No reason.
    pub const NONE: PositiveReasons = PositiveReasons {
        consumption: None,
        attendance_related: false,
    };

    /// The consumption reason, when Q2 was above the cut-off.
    #[must_use]
    pub const fn consumption_above_threshold(self) -> Option<ConsumptionAboveThreshold> {
        self.consumption
    }

    /// Whether Q4 was yes.
    #[must_use]
    pub const fn attendance_related(self) -> bool {
        self.attendance_related
    }

    /// Whether no reason applies.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.consumption.is_none() && !self.attendance_related
    }

    /// How many reasons apply, 0 to 2.
    #[must_use]
    pub const fn len(self) -> usize {
        self.consumption.is_some() as usize + self.attendance_related as usize
    }

    /// The reasons, consumption first.
    pub fn iter(self) -> impl Iterator<Item = PositiveReason> {
        let attendance = self
            .attendance_related
            .then_some(PositiveReason::AttendanceRelated);
        self.consumption
            .map(PositiveReason::ConsumptionAboveThreshold)
            .into_iter()
            .chain(attendance)
    }
}

impl Serialize for PositiveReasons {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl TryFrom<Vec<PositiveReason>> for PositiveReasons {
    type Error = Error;
    fn try_from(list: Vec<PositiveReason>) -> Result<PositiveReasons, Error> {
        let mut reasons = PositiveReasons::NONE;
        for reason in list {
            let repeated = match reason {
                PositiveReason::ConsumptionAboveThreshold(c) => {
                    if c.units <= c.threshold {
                        return Err(Error::Inconsistent {
                            field: "reasons",
                            value: format!("{} units", c.units.units()),
                            other: format!("threshold = {} units", c.threshold.units()),
                            reason: "consumption is a reason only when above the threshold",
                        });
                    }
                    reasons.consumption.replace(c).is_some()
                }
                PositiveReason::AttendanceRelated => {
                    std::mem::replace(&mut reasons.attendance_related, true)
                }
            };
            if repeated {
                return Err(Error::Invalid {
                    field: "reasons",
                    value: "a repeated reason".to_string(),
                    expected: "each reason at most once",
                });
            }
        }
        Ok(reasons)
    }
}

named_enum! {
    /// Why PAT is not indicated for a contact (CLINICAL-REFERENCE §1.1).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum NotIndicatedReason {
        /// The contact is not in an emergency department.
        NotEmergencyDepartment = "not_emergency_department",
        /// The person is under [`MIN_AGE_YEARS`].
        Under16 = "under_16",
        /// The presenting condition is `other`, not one of the ten.
        PresentingConditionOther = "presenting_condition_other",
        /// An emergency-department contact with no presenting condition recorded.
        NoPresentingCondition = "no_presenting_condition",
    }
}

impl NotIndicatedReason {
    const fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The serialized name, for messages.
    const fn name(self) -> &'static str {
        match self {
            NotIndicatedReason::NotEmergencyDepartment => "not_emergency_department",
            NotIndicatedReason::Under16 => "under_16",
            NotIndicatedReason::PresentingConditionOther => "presenting_condition_other",
            NotIndicatedReason::NoPresentingCondition => "no_presenting_condition",
        }
    }
}

/// A non-empty set of [`NotIndicatedReason`]s, held as bits; a JSON list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
// The list form, with the set's constraints; `description = ""` keeps the
// type's documentation out of the schema.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "Vec<NotIndicatedReason>", rename = "PatNotIndicatedReasons", extend("minItems" = 1, "uniqueItems" = true), description = "")
)]
#[serde(try_from = "Vec<NotIndicatedReason>", into = "Vec<NotIndicatedReason>")]
pub struct NotIndicatedReasons(u8);

impl NotIndicatedReasons {
    /// Whether the set holds `reason`.
    #[must_use]
    pub const fn contains(self, reason: NotIndicatedReason) -> bool {
        self.0 & reason.bit() != 0
    }

    /// The reasons, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = NotIndicatedReason> {
        NotIndicatedReason::ALL
            .into_iter()
            .filter(move |r| self.contains(*r))
    }
}

impl TryFrom<Vec<NotIndicatedReason>> for NotIndicatedReasons {
    type Error = Error;
    fn try_from(list: Vec<NotIndicatedReason>) -> Result<NotIndicatedReasons, Error> {
        let mut bits = 0u8;
        for reason in &list {
            if bits & reason.bit() != 0 {
                return Err(Error::Invalid {
                    field: "because",
                    value: format!("{} twice", reason.name()),
                    expected: "each reason at most once",
                });
            }
            bits |= reason.bit();
        }
        if bits == 0 {
            return Err(Error::Invalid {
                field: "because",
                value: "an empty list".to_string(),
                expected: "at least one reason; an indicated test is \"indicated\"",
            });
        }
        Ok(NotIndicatedReasons(bits))
    }
}

impl From<NotIndicatedReasons> for Vec<NotIndicatedReason> {
    fn from(set: NotIndicatedReasons) -> Vec<NotIndicatedReason> {
        set.iter().collect()
    }
}

/// Whether PAT is indicated for a contact (CLINICAL-REFERENCE §1.1).
///
/// In JSON `{"kind": "indicated"}` or `{"kind": "not_indicated", "value":
/// {"because": ["under_16"]}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Indication {
    /// An emergency-department attendance, aged 16 or over, with one of the ten
    /// presenting conditions.
    Indicated,
    /// Not indicated; a clinician may still run the test, and it is scored.
    NotIndicated {
        /// Every reason it is not indicated.
        because: NotIndicatedReasons,
    },
}

impl Indication {
    /// Whether PAT is indicated.
    #[must_use]
    pub const fn is_indicated(self) -> bool {
        matches!(self, Indication::Indicated)
    }
}

/// Who PAT is scored for and where: the person, the setting and, in an
/// emergency department, the presenting condition, which decide whether it is
/// indicated (CLINICAL-REFERENCE §1.1). A [`Contact`] converts into one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "PatSubject"))]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// The person.
    pub person: Person,
    /// Where the contact happens.
    pub setting: Setting,
    /// The emergency-department presenting condition, if any.
    pub presenting_condition: Option<PresentingCondition>,
}

impl From<&Contact> for Subject {
    fn from(c: &Contact) -> Subject {
        Subject {
            person: *c.person(),
            setting: c.setting(),
            presenting_condition: c.presenting_condition(),
        }
    }
}

/// Whether PAT is indicated for `subject` (CLINICAL-REFERENCE §1.1): an
/// emergency-department attendance, aged [`MIN_AGE_YEARS`] or over, presenting
/// with one of the ten conditions. Every reason that fails is listed.
///
/// ```
/// use mecc::context::Contact;
/// use mecc::instruments::pat::{self, Indication};
///
/// let contact: Contact = serde_json::from_value(serde_json::json!({
///     "age": 15, "sex": "female", "pregnant": "no", "family_background": "not_stated",
///     "setting": "emergency_department", "time_available": "brief",
///     "presenting_condition": "other", "intoxicated": "not_known",
///     "priority_groups": [], "comorbidities": {
///         "diabetes": {"kind": "not_known"}, "hypertension": "not_known",
///         "eating_disorder": "not_known", "bariatric_surgery": {"kind": "not_known"}
///     }
/// }))?;
/// // A 15-year-old presenting with `other` is not indicated, for two reasons.
/// let Indication::NotIndicated { because } = pat::indication(&contact) else {
///     return Err("expected not indicated".into());
/// };
/// assert_eq!(because.iter().count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn indication(subject: impl Into<Subject>) -> Indication {
    let subject = subject.into();
    let mut bits = 0u8;
    if subject.setting != Setting::EmergencyDepartment {
        bits |= NotIndicatedReason::NotEmergencyDepartment.bit();
    }
    if subject.person.age().years() < MIN_AGE_YEARS {
        bits |= NotIndicatedReason::Under16.bit();
    }
    match (subject.setting, subject.presenting_condition) {
        (Setting::EmergencyDepartment, None) => {
            bits |= NotIndicatedReason::NoPresentingCondition.bit();
        }
        (_, Some(PresentingCondition::Other)) => {
            bits |= NotIndicatedReason::PresentingConditionOther.bit();
        }
        _ => {}
    }
    if bits == 0 {
        Indication::Indicated
    } else {
        Indication::NotIndicated {
            because: NotIndicatedReasons(bits),
        }
    }
}

source_marker!(
    /// The source a finding was scored against: [`SOURCE`], written out in full.
    ///
    /// It holds no data; in JSON it is the source's `{"citation": ..., "url": ...}`,
    /// and reading any other source is refused, so a recorded finding cannot be
    /// mistaken for another instrument's.
    PatSource,
    SOURCE,
    "PAT (2009)"
);

/// What PAT found for one contact: everything the policy needs
/// (CLINICAL-REFERENCE §1.3–§1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "PatFinding"))]
pub struct Finding {
    /// The result.
    pub result: PatResult,
    /// Every reason the result is positive; empty otherwise.
    pub reasons: PositiveReasons,
    /// Whether PAT was indicated for this contact. It is scored either way,
    /// since a clinician may run it outside its indications.
    pub indication: Indication,
    /// The cut-off used: more than this in one day is positive.
    pub threshold: AlcoholUnits,
    /// True when sex was `not_known` and the lower, female cut-off was assumed.
    pub sex_assumed: bool,
    /// The answer to Q2, as an amount.
    pub most_in_one_day: Reply<AlcoholUnits>,
    /// The answer to Q3.
    pub frequency: Reply<Frequency>,
    /// Whether the person drinks every day, which calls for advice to have
    /// drink-free days (CLINICAL-REFERENCE §1.5). `not_known` until Q3 is
    /// answered, unless Q1 was no.
    pub daily_drinker: YesNoNotKnown,
    /// Possible alcohol dependence, for the safety alert (CLINICAL-REFERENCE
    /// §1.5): a daily drinker whose most in one day is above the cut-off.
    ///
    /// **Decision:** the PAT form notes that drinking every day may mean
    /// dependence; the alert is raised only for daily drinkers above the PAT
    /// cut-off, so that light daily drinkers (who still get the drink-free-days
    /// advice) are not alerted. `not_known` while Q2 or Q3 is unanswered and the
    /// other does not already rule it out; read it with
    /// [`YesNoNotKnown::possibly`] to err on the side of the alert.
    pub possible_dependence: YesNoNotKnown,
    /// The answer to Q5, carried through unchanged. The policy acts on it only
    /// when the result is positive.
    pub willing_to_see_specialist: Reply<bool>,
    /// The source scored against.
    pub source: PatSource,
}

impl Finding {
    /// Whether PAT was indicated for the contact.
    #[must_use]
    pub const fn indicated(&self) -> bool {
        self.indication.is_indicated()
    }
}

/// Whether Q2 is above the cut-off: strictly more than it (CLINICAL-REFERENCE
/// §1.3); `None` while Q2 is not answered.
fn above_threshold(a: &AnswersFields, threshold_centi: u32) -> Option<bool> {
    a.most_in_one_day
        .get()
        .map(|m| m.units().centi_units() > threshold_centi)
}

/// The result from the answers and the cut-off, following the routing table in
/// the module documentation.
fn result_of(a: &AnswersFields, threshold_centi: u32) -> PatResult {
    if a.drinks_alcohol == Reply::Answered(false) {
        return PatResult::NonDrinker;
    }
    let above = above_threshold(a, threshold_centi) == Some(true);
    if above || a.attendance_related == Reply::Answered(true) {
        return PatResult::Positive;
    }
    let next = if a.drinks_alcohol.is_not_asked() {
        Question::DrinksAlcohol
    } else if a.most_in_one_day.is_not_asked() {
        Question::MostInOneDay
    } else if a.attendance_related.is_not_asked() {
        // The form asks Q3 before Q4, although only Q4 can settle the result.
        if a.frequency.is_not_asked() {
            Question::Frequency
        } else {
            Question::AttendanceRelated
        }
    } else {
        // Q1 yes, Q2 at or below the cut-off, Q4 no.
        return PatResult::Negative;
    };
    PatResult::Incomplete { next }
}

/// Scores PAT (CLINICAL-REFERENCE §1.3, §1.4). Total and allocation-free: it
/// scores whatever has been answered, and returns
/// [`PatResult::Incomplete`] with the next question when the result is not yet
/// determined. It scores whether or not PAT is [indicated](indication).
///
/// ```
/// use mecc::context::Contact;
/// use mecc::instruments::Reply;
/// use mecc::instruments::pat::{self, Answers, AnswersFields, MostInOneDay, PatResult};
/// use mecc::context::YesNoNotKnown;
///
/// # let contact: Contact = serde_json::from_value(serde_json::json!({
/// #     "age": 52, "sex": "not_known", "pregnant": "not_known", "family_background": "not_stated",
/// #     "setting": "emergency_department", "time_available": "brief",
/// #     "presenting_condition": "fall", "intoxicated": "no", "priority_groups": [],
/// #     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
/// #         "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
/// # }))?;
/// // `contact` has sex not_known: the female cut-off of 6 units applies.
/// let answers = Answers::new(AnswersFields {
///     drinks_alcohol: Reply::Answered(true),
///     most_in_one_day: Reply::Answered(MostInOneDay::from_units(7.0)?),
///     frequency: Reply::Answered(pat::Frequency::EveryDay),
///     ..AnswersFields::NOT_STARTED
/// })?;
/// let finding = pat::score(&answers, &contact);
/// assert_eq!(finding.result, PatResult::Positive);
/// assert!(finding.sex_assumed);
/// assert_eq!(finding.possible_dependence, YesNoNotKnown::Yes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score(answers: &Answers, subject: impl Into<Subject>) -> Finding {
    let subject = subject.into();
    let a = answers.fields();
    let sex = subject.person.sex();
    let threshold_centi = threshold_centi_units(sex);
    let threshold = threshold_for(sex);
    let result = result_of(a, threshold_centi);
    let non_drinker = result == PatResult::NonDrinker;

    let above = above_threshold(a, threshold_centi);
    let consumption = match a.most_in_one_day {
        Reply::Answered(m) if above == Some(true) => Some(ConsumptionAboveThreshold {
            units: m.units(),
            threshold,
        }),
        _ => None,
    };
    let reasons = PositiveReasons {
        consumption,
        attendance_related: a.attendance_related == Reply::Answered(true),
    };

    let daily_drinker = match a.frequency {
        _ if non_drinker => YesNoNotKnown::No,
        Reply::Answered(Frequency::EveryDay) => YesNoNotKnown::Yes,
        Reply::Answered(_) => YesNoNotKnown::No,
        Reply::NotAsked => YesNoNotKnown::NotKnown,
    };
    let possible_dependence = match (daily_drinker, above) {
        (YesNoNotKnown::No, _) | (_, Some(false)) => YesNoNotKnown::No,
        (YesNoNotKnown::Yes, Some(true)) => YesNoNotKnown::Yes,
        _ => YesNoNotKnown::NotKnown,
    };

    Finding {
        result,
        reasons,
        indication: indication(subject),
        threshold,
        sex_assumed: sex == Sex::NotKnown,
        most_in_one_day: match a.most_in_one_day {
            Reply::Answered(m) => Reply::Answered(m.units()),
            Reply::NotAsked => Reply::NotAsked,
        },
        frequency: a.frequency,
        daily_drinker,
        possible_dependence,
        willing_to_see_specialist: a.willing_to_see_specialist,
        source: PatSource,
    }
}

/// What a form should do next (CLINICAL-REFERENCE §1.4).
///
/// In JSON `{"kind": "ask", "value": "frequency"}` or `{"kind": "complete", "value": "positive"}`.
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
    /// Every question the form asks has been answered; this is the result,
    /// never `incomplete`.
    Complete(PatResult),
}

/// The next question to ask, or the final result, following the routing table
/// in the module documentation.
///
/// Whenever [`score`] returns `incomplete { next }`, this returns
/// `Ask(next)`. When the result is already settled it may still ask Q3, Q4 and
/// (for a positive result) Q5, because the policy needs them.
///
/// ```
/// use mecc::context::Contact;
/// use mecc::instruments::Reply;
/// use mecc::instruments::pat::{self, Answers, AnswersFields, PatResult, Question, Step};
///
/// # let contact: Contact = serde_json::from_value(serde_json::json!({
/// #     "age": 30, "sex": "female", "pregnant": "no", "family_background": "white",
/// #     "setting": "emergency_department", "time_available": "brief",
/// #     "presenting_condition": "assault", "intoxicated": "no", "priority_groups": [],
/// #     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
/// #         "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
/// # }))?;
/// assert_eq!(pat::next_step(&Answers::NOT_STARTED, &contact), Step::Ask(Question::DrinksAlcohol));
/// let no = Answers::new(AnswersFields {
///     drinks_alcohol: Reply::Answered(false),
///     ..AnswersFields::NOT_STARTED
/// })?;
/// assert_eq!(pat::next_step(&no, &contact), Step::Complete(PatResult::NonDrinker));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn next_step(answers: &Answers, person: &impl AsRef<Person>) -> Step {
    let a = answers.fields();
    let result = result_of(a, threshold_centi_units(person.as_ref().sex()));
    match result {
        PatResult::NonDrinker => Step::Complete(result),
        PatResult::Incomplete { next } => Step::Ask(next),
        PatResult::Negative | PatResult::Positive => {
            let drinker_questions = [
                Question::DrinksAlcohol,
                Question::MostInOneDay,
                Question::Frequency,
                Question::AttendanceRelated,
            ];
            if let Some(q) = drinker_questions
                .into_iter()
                .find(|q| !answers.is_answered(*q))
            {
                Step::Ask(q)
            } else if result.is_positive() && a.willing_to_see_specialist.is_not_asked() {
                Step::Ask(Question::WillingToSeeSpecialist)
            } else {
                Step::Complete(result)
            }
        }
    }
}

names_round_trip_tests!(
    question_names_round_trip: Question,
    not_indicated_reason_names_round_trip: NotIndicatedReason,
);

impl Finding {
    /// The outcomes the policy reads from this finding.
    ///
    /// A positive PAT for which possible dependence cannot be ruled out
    /// (frequency, or a daily drinker's most in one day, not known) is marked
    /// `pat_dependence_not_known`: not known is never read as no, so the default
    /// policy raises the possible-dependence safety alert, gives advice that is
    /// safe if they are dependent, and asks the missing question
    /// (CLINICAL-REFERENCE §0, §1.5).
    #[must_use]
    pub fn outcomes(&self) -> OutcomeSet {
        let mut o = OutcomeSet::of(match self.result {
            PatResult::Positive => Outcome::PatPositive,
            PatResult::Negative => Outcome::PatNegative,
            PatResult::NonDrinker => Outcome::PatNonDrinker,
            PatResult::Incomplete { .. } => Outcome::PatIncomplete,
        });
        let positive = matches!(self.result, PatResult::Positive);
        if self.reasons.attendance_related() {
            o.insert(Outcome::PatAttendanceRelated);
        }
        if self.daily_drinker == YesNoNotKnown::Yes {
            o.insert(Outcome::PatDailyDrinker);
        }
        match self.possible_dependence {
            YesNoNotKnown::Yes => o.insert(Outcome::PatPossibleDependence),
            YesNoNotKnown::NotKnown if positive => o.insert(Outcome::PatDependenceNotKnown),
            _ => {}
        }
        if positive {
            o.insert(match self.willing_to_see_specialist {
                Reply::Answered(true) => Outcome::PatWillingToSeeSpecialist,
                Reply::Answered(false) => Outcome::PatDeclinedSpecialist,
                Reply::NotAsked => Outcome::PatSpecialistNotOffered,
            });
        }
        o
    }
}

crate::instruments::instrument! {
    /// The Paddington Alcohol Test as an [`Instrument`](super::Instrument).
    Pat {
        key: "pat",
        name: "Paddington Alcohol Test",
        version: VERSION,
        sources: &[SOURCE],
        step: Step = |a, c: &Contact| next_step(a, c),
    }
}
