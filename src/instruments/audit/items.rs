//! The answer options, the scores they carry, and their JSON forms
//! (CLINICAL-REFERENCE §5.2–§5.4).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, de};

use crate::bounded::{named_enum, names_round_trip_tests};

use super::{
    ITEM_SCORE, Question, TYPICAL_DAY_SCORE_1_FROM_UNITS, TYPICAL_DAY_SCORE_2_FROM_UNITS,
    TYPICAL_DAY_SCORE_3_FROM_UNITS, TYPICAL_DAY_SCORE_4_FROM_UNITS,
};
use crate::error::Error;
use crate::instruments::Reply;
use crate::instruments::pat::{DrinkCount, total_units};
use crate::units::AlcoholUnits;

// ---------------------------------------------------------------- shared machinery

/// An answer option that carries a fixed score, read from JSON as its name
/// (`{"kind": "answered", "value": name}`) or as its score (`{"kind":
/// "score", "value": n}`).
pub(crate) trait ScoredOption: Copy + 'static {
    /// Every option, in score order.
    const ALL: &'static [Self];
    /// What the field accepts, for messages.
    const EXPECTED: &'static str;
    /// The serialized name.
    fn name(self) -> &'static str;
    /// The option a score stands for, or the error naming `field`.
    fn from_score_for(field: &'static str, score: u32) -> Result<Self, Error>;
}

/// Checks a 0–4 item score ([`ITEM_SCORE`]) for `field`.
fn check_item_score(field: &'static str, score: u32) -> Result<u8, Error> {
    let n = ITEM_SCORE.check_into(field, score).map_err(|e| {
        e.with_hint(
            "give the score printed beside the answer on the form, or the answer's name"
                .to_string(),
        )
    })?;
    Ok(n)
}

/// Checks a score that must be 0, 2 or 4 ([`super::ZERO_TWO_FOUR`]) for
/// `field`; `expected` names the options.
pub(crate) fn check_zero_two_four(
    field: &'static str,
    score: u32,
    expected: &'static str,
) -> Result<u8, Error> {
    match score {
        0 => Ok(0),
        2 => Ok(2),
        4 => Ok(4),
        _ => Err(Error::Invalid {
            field,
            value: score.to_string(),
            expected,
        }),
    }
}

/// One item's reply as written in JSON, before its answer is matched to an
/// option: a [`Reply`] whose answer is the option's name, or the score
/// printed beside it on the form.
#[derive(Deserialize)]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum RawReply {
    NotAsked,
    Answered(OptionName),
    Score(u32),
}

/// An option's name as written in JSON, before it is matched to an option.
struct OptionName(String);

// A visitor rather than a derive, so that a number given as the answer is
// refused with a message that says how to give a score.
impl<'de> Deserialize<'de> for OptionName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OptionName, D::Error> {
        deserializer.deserialize_str(OptionNameVisitor)
    }
}

struct OptionNameVisitor;

impl de::Visitor<'_> for OptionNameVisitor {
    type Value = OptionName;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "an answer's name, such as \"never\"; for a score give {\"kind\": \"score\", \"value\": n}",
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<OptionName, E> {
        Ok(OptionName(v.to_string()))
    }
}

/// Reads one item's [`Reply`], accepting `{"kind": "answered", "value":
/// name}` or `{"kind": "score", "value": n}`, and names `field` in any error.
pub(crate) fn deserialize_item<'de, D, T>(
    deserializer: D,
    field: &'static str,
) -> Result<Reply<T>, D::Error>
where
    D: Deserializer<'de>,
    T: ScoredOption,
{
    let answer = match RawReply::deserialize(deserializer)? {
        RawReply::NotAsked => return Ok(Reply::NotAsked),
        RawReply::Answered(OptionName(name)) => T::ALL
            .iter()
            .copied()
            .find(|option| option.name() == name)
            .ok_or_else(|| Error::Invalid {
                field,
                value: format!("{name:?}"),
                expected: T::EXPECTED,
            }),
        RawReply::Score(score) => T::from_score_for(field, score),
    };
    answer.map(Reply::Answered).map_err(crate::json::refused)
}

/// Implements [`ScoredOption`] for an option enum with inherent `ALL`,
/// `EXPECTED`, `as_str` and a `checked` helper.
macro_rules! scored_option {
    ($ty:ty) => {
        impl $crate::instruments::audit::ScoredOption for $ty {
            const ALL: &'static [Self] = &<$ty>::ALL;
            const EXPECTED: &'static str = <$ty>::EXPECTED;
            fn name(self) -> &'static str {
                self.as_str()
            }
            fn from_score_for(
                field: &'static str,
                score: u32,
            ) -> Result<Self, $crate::error::Error> {
                <$ty>::checked(field, score)
            }
        }
    };
}
pub(crate) use scored_option;

// ---------------------------------------------------------------- question 1

named_enum! {
    /// The answer to AUDIT question 1, how often the person has a drink containing
    /// alcohol (CLINICAL-REFERENCE §5.2). Each option's score is its position, 0
    /// to 4.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum DrinkingFrequency {
        /// Never: scores 0, and questions 2 and 3 are skipped.
        Never = "never",
        /// Monthly or less: 1.
        MonthlyOrLess = "monthly_or_less",
        /// 2 to 4 times a month: 2.
        TwoToFourTimesPerMonth = "two_to_four_times_per_month",
        /// 2 to 3 times a week: 3.
        TwoToThreeTimesPerWeek = "two_to_three_times_per_week",
        /// 4 or more times a week: 4.
        FourOrMoreTimesPerWeek = "four_or_more_times_per_week",
    }
    expected "one of " .. "or {\"kind\": \"score\", \"value\": n} with n from 0 to 4";
}

impl DrinkingFrequency {
    /// The score, 0 to 4.
    #[must_use]
    pub const fn score(self) -> u8 {
        self as u8
    }

    /// The option that scores `score`.
    ///
    /// ```
    /// use mecc::instruments::audit::DrinkingFrequency;
    ///
    /// assert_eq!(DrinkingFrequency::from_score(3)?, DrinkingFrequency::TwoToThreeTimesPerWeek);
    /// assert!(DrinkingFrequency::from_score(5).is_err());
    /// # Ok::<(), mecc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::OutOfRange`] (field `frequency`) above 4 ([`ITEM_SCORE`]).
    pub fn from_score(score: u32) -> Result<DrinkingFrequency, Error> {
        Self::checked(Question::Frequency.as_str(), score)
    }

    fn checked(field: &'static str, score: u32) -> Result<DrinkingFrequency, Error> {
        let n = check_item_score(field, score)?;
        Ok(Self::ALL[usize::from(n.min(4))])
    }
}

scored_option!(DrinkingFrequency);

// ---------------------------------------------------------------- how often

named_enum! {
    /// How often something happened in the last year: the answer to AUDIT
    /// questions 3–8 and FAST questions 1–3 (CLINICAL-REFERENCE §5.2–§5.4). Each
    /// option's score is its position, 0 to 4.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum HowOften {
        /// Never: 0.
        Never = "never",
        /// Less than monthly: 1.
        LessThanMonthly = "less_than_monthly",
        /// Monthly: 2.
        Monthly = "monthly",
        /// Weekly: 3.
        Weekly = "weekly",
        /// Daily or almost daily: 4.
        DailyOrAlmostDaily = "daily_or_almost_daily",
    }
    expected "one of " .. "or {\"kind\": \"score\", \"value\": n} with n from 0 to 4";
}

impl HowOften {
    /// The score, 0 to 4.
    #[must_use]
    pub const fn score(self) -> u8 {
        self as u8
    }

    /// The option that scores `score` as the answer to `item`, which the error
    /// names. (FAST questions 1–3 are AUDIT items 3, 5 and 8.)
    ///
    /// ```
    /// use mecc::instruments::audit::{HowOften, Question};
    ///
    /// assert_eq!(HowOften::from_score(3, Question::Guilt)?, HowOften::Weekly);
    /// let err = HowOften::from_score(7, Question::Guilt).unwrap_err();
    /// assert_eq!(err.field(), "guilt");
    /// # Ok::<(), mecc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::OutOfRange`] (field: `item`'s name) above 4 ([`ITEM_SCORE`]).
    pub fn from_score(score: u32, item: Question) -> Result<HowOften, Error> {
        Self::checked(item.as_str(), score)
    }

    fn checked(field: &'static str, score: u32) -> Result<HowOften, Error> {
        let n = check_item_score(field, score)?;
        Ok(Self::ALL[usize::from(n.min(4))])
    }
}

scored_option!(HowOften);

// ---------------------------------------------------------------- items 9 and 10

named_enum! {
    /// Whether something has happened, and when: the answer to AUDIT items 9
    /// (injury) and 10 (others concerned), scored 0, 2 or 4 (CLINICAL-REFERENCE
    /// §5.3; Babor et al. 2001).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Occurrence {
        /// No: 0.
        No = "no",
        /// Yes, but not in the last year: 2.
        YesButNotInTheLastYear = "yes_but_not_in_the_last_year",
        /// Yes, during the last year: 4.
        YesDuringTheLastYear = "yes_during_the_last_year",
    }
    expected "one of " .. "or {\"kind\": \"score\", \"value\": n} with n 0, 2 or 4";
}

/// What items 9 and 10 accept, for messages.
const OCCURRENCE_EXPECTED: &str = "0, 2 or 4 (no; yes, but not in the last year; \
     yes, during the last year)";

impl Occurrence {
    /// The score: 0, 2 or 4.
    #[must_use]
    pub const fn score(self) -> u8 {
        self as u8 * 2
    }

    /// The option that scores `score` as the answer to `item`, which the error
    /// names.
    ///
    /// ```
    /// use mecc::instruments::audit::{Occurrence, Question};
    ///
    /// assert_eq!(Occurrence::from_score(2, Question::Injury)?, Occurrence::YesButNotInTheLastYear);
    /// let err = Occurrence::from_score(3, Question::Injury).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "injury is 3: expected 0, 2 or 4 (no; yes, but not in the last year; yes, during the last year)"
    /// );
    /// # Ok::<(), mecc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Invalid`] (field: `item`'s name) for any score but 0, 2 or 4
    /// ([`super::ZERO_TWO_FOUR`]).
    pub fn from_score(score: u32, item: Question) -> Result<Occurrence, Error> {
        Self::checked(item.as_str(), score)
    }

    fn checked(field: &'static str, score: u32) -> Result<Occurrence, Error> {
        let n = check_zero_two_four(field, score, OCCURRENCE_EXPECTED)?;
        Ok(Self::ALL[usize::from(n.min(4) / 2)])
    }
}

scored_option!(Occurrence);

// ---------------------------------------------------------------- question 2

named_enum! {
    /// A band of UK units on a typical drinking day, as printed on the UK AUDIT-C
    /// form, with its score (CLINICAL-REFERENCE §5.2; OHID 2020).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum TypicalDayBand {
        /// 1–2 units (and anything that rounds to under 3): 0.
        OneToTwo = "one_to_two",
        /// 3–4 units: 1.
        ThreeToFour = "three_to_four",
        /// 5–6 units: 2.
        FiveToSix = "five_to_six",
        /// 7–9 units: 3.
        SevenToNine = "seven_to_nine",
        /// 10 or more units: 4.
        TenOrMore = "ten_or_more",
    }
}

impl TypicalDayBand {
    /// The score, 0 to 4.
    #[must_use]
    pub const fn score(self) -> u8 {
        self as u8
    }

    /// The band that scores `score`.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] (field `typical_day`) above 4 ([`ITEM_SCORE`]);
    /// the hint says how to give a number of units.
    pub fn from_score(score: u32) -> Result<TypicalDayBand, Error> {
        Self::checked(Question::TypicalDay.as_str(), score)
    }

    fn checked(field: &'static str, score: u32) -> Result<TypicalDayBand, Error> {
        let n = ITEM_SCORE.check_int(field, score).map_err(|e| {
            e.with_hint(format!(
                "this is the band's score; for {score} units give {{\"kind\": \"units\", \"value\": {score}}}"
            ))
        })?;
        // Range-checked above: at most 4.
        Ok(Self::ALL[(n as usize).min(4)])
    }

    /// The band an amount falls in.
    ///
    /// **Decision (fractional units):** the UK form's bands are whole-unit
    /// ranges (1–2, 3–4, 5–6, 7–9, 10+), so an amount is first rounded to the
    /// nearest whole unit, halves rounding up, and that whole number is
    /// banded with [`TYPICAL_DAY_SCORE_1_FROM_UNITS`] and the other edges.
    /// Reasons: the question asks for a count of units, and a person
    /// answering it in whole units would round to the nearest; a total that
    /// is not whole falls in the gap between two printed bands (4.5 is
    /// neither "3–4" nor "5–6"), and the nearest band is the better reading;
    /// and an exact half is resolved upwards, to the higher score, as the
    /// more sensitive reading. So 2.49 units is band 1–2 (score 0) and 2.5 is
    /// band 3–4 (score 1); 9.49 is 7–9 and 9.5 is 10 or more. Amounts held
    /// to a hundredth of a unit ([`AlcoholUnits`]) make this exact.
    ///
    /// ```
    /// use mecc::instruments::audit::TypicalDayBand;
    /// use mecc::units::AlcoholUnits;
    ///
    /// let band = |u: f64| AlcoholUnits::from_units(u).map(TypicalDayBand::for_units);
    /// assert_eq!(band(2.49)?, TypicalDayBand::OneToTwo);
    /// assert_eq!(band(2.5)?, TypicalDayBand::ThreeToFour);
    /// assert_eq!(band(9.5)?, TypicalDayBand::TenOrMore);
    /// # Ok::<(), mecc::Error>(())
    /// ```
    #[must_use]
    pub const fn for_units(units: AlcoholUnits) -> TypicalDayBand {
        // At most 30 000 hundredths, so the sum cannot overflow.
        let whole = (units.centi_units() + 50) / 100;
        if whole >= TYPICAL_DAY_SCORE_4_FROM_UNITS {
            TypicalDayBand::TenOrMore
        } else if whole >= TYPICAL_DAY_SCORE_3_FROM_UNITS {
            TypicalDayBand::SevenToNine
        } else if whole >= TYPICAL_DAY_SCORE_2_FROM_UNITS {
            TypicalDayBand::FiveToSix
        } else if whole >= TYPICAL_DAY_SCORE_1_FROM_UNITS {
            TypicalDayBand::ThreeToFour
        } else {
            TypicalDayBand::OneToTwo
        }
    }
}

/// The answer to AUDIT question 2, UK units on a typical drinking day
/// (CLINICAL-REFERENCE §5.2): either the form's band, or an amount.
///
/// In JSON one of `{"kind": "band", "value": "three_to_four"}`, `{"kind":
/// "units", "value": 3.5}`, `{"kind": "drinks", "value": [{"drink": {"kind":
/// "pint_ordinary_strength"}, "count": 2}]}` (added up with the PAT calculator,
/// [`total_units`]) or `{"kind": "score", "value": 1}` (the band with that
/// score). It is written back as `{"kind": "band", "value": ...}` or `{"kind":
/// "units", "value": n}`.
///
/// An amount of exactly 0 units fits only a person who never drinks
/// ([`DrinkingFrequency::Never`]); [`super::AuditCAnswers::new`] checks that.
///
/// ```
/// use mecc::instruments::audit::{TypicalDay, TypicalDayBand};
/// use mecc::instruments::pat::{Drink, DrinkCount};
///
/// let wine = TypicalDay::from_drinks(&[DrinkCount::new(Drink::GlassOfWine, 3)?])?;
/// assert_eq!(wine.units().map(|u| u.units()), Some(4.5));
/// assert_eq!(wine.band(), TypicalDayBand::FiveToSix); // 4.5 rounds to 5
/// assert_eq!(wine.score(), 2);
/// assert_eq!(TypicalDay::from_band(TypicalDayBand::ThreeToFour).score(), 1);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "TypicalDayInput")]
pub struct TypicalDay(Amount);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Amount {
    Band(TypicalDayBand),
    Units(AlcoholUnits),
}

/// The JSON forms of [`TypicalDay`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum TypicalDayInput {
    /// The band ticked on the form: `{"kind": "band", "value": "five_to_six"}`.
    Band(TypicalDayBand),
    /// An amount in UK units: `{"kind": "units", "value": 4.5}`.
    Units(AlcoholUnits),
    /// The drinks, to be added up: `{"kind": "drinks", "value": [{"drink":
    /// ..., "count": n}]}`.
    Drinks(Vec<DrinkCount>),
    /// The band's score, 0 to 4: `{"kind": "score", "value": 2}`.
    Score(u32),
}

impl TypicalDay {
    /// The band ticked on the form.
    #[must_use]
    pub const fn from_band(band: TypicalDayBand) -> TypicalDay {
        TypicalDay(Amount::Band(band))
    }

    /// An amount already held as [`AlcoholUnits`].
    #[must_use]
    pub const fn from_amount(units: AlcoholUnits) -> TypicalDay {
        TypicalDay(Amount::Units(units))
    }

    /// An amount in UK units.
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::OutOfRange`] (field `units`) outside 0
    /// to 300 units ([`crate::units::ALCOHOL_UNITS`]).
    pub fn from_units(units: f64) -> Result<TypicalDay, Error> {
        AlcoholUnits::from_units(units).map(TypicalDay::from_amount)
    }

    /// The total of a list of drinks, added up with the PAT calculator
    /// ([`total_units`]).
    ///
    /// # Errors
    /// - [`Error::Invalid`] (field `drinks`) for an empty list, which cannot be
    ///   told apart from a tally not filled in.
    /// - [`Error::OutOfRange`] (field `drinks`) when the drinks add up to more
    ///   than 300 units.
    pub fn from_drinks(drinks: &[DrinkCount]) -> Result<TypicalDay, Error> {
        if drinks.is_empty() {
            return Err(Error::Invalid {
                field: "drinks",
                value: "an empty list".to_string(),
                expected: "at least one drink; for none give {\"kind\": \"units\", \"value\": 0}, \
                           or leave typical_day not_asked",
            });
        }
        total_units(drinks).map(TypicalDay::from_amount)
    }

    /// The band the answer falls in ([`TypicalDayBand::for_units`] for an
    /// amount).
    #[must_use]
    pub const fn band(self) -> TypicalDayBand {
        match self.0 {
            Amount::Band(band) => band,
            Amount::Units(units) => TypicalDayBand::for_units(units),
        }
    }

    /// The amount, when one was given rather than a band.
    #[must_use]
    pub const fn units(self) -> Option<AlcoholUnits> {
        match self.0 {
            Amount::Band(_) => None,
            Amount::Units(units) => Some(units),
        }
    }

    /// The score, 0 to 4.
    #[must_use]
    pub const fn score(self) -> u8 {
        self.band().score()
    }

    /// Whether the answer is an amount of exactly 0 units: no drinking day.
    #[must_use]
    pub const fn is_zero(self) -> bool {
        matches!(self.0, Amount::Units(units) if units.centi_units() == 0)
    }

    /// How the answer reads in a message, for example `4.5 units` or
    /// `three_to_four`.
    pub(crate) fn describe(self) -> String {
        match self.0 {
            Amount::Band(band) => band.as_str().to_string(),
            Amount::Units(units) => format!("{} units", units.units()),
        }
    }
}

impl TryFrom<TypicalDayInput> for TypicalDay {
    type Error = Error;
    fn try_from(input: TypicalDayInput) -> Result<TypicalDay, Error> {
        match input {
            TypicalDayInput::Band(band) => Ok(TypicalDay::from_band(band)),
            TypicalDayInput::Units(units) => Ok(TypicalDay::from_amount(units)),
            TypicalDayInput::Drinks(drinks) => TypicalDay::from_drinks(&drinks),
            TypicalDayInput::Score(score) => {
                TypicalDayBand::from_score(score).map(TypicalDay::from_band)
            }
        }
        .map_err(crate::json::noted)
    }
}

/// What question 2 accepts, for messages.
const TYPICAL_DAY_EXPECTED: &str = "{\"kind\": \"units\", \"value\": n}, {\"kind\": \"band\", \"value\": name}, \
     {\"kind\": \"drinks\", \"value\": [...]} or {\"kind\": \"score\", \"value\": n}; a bare number \
     could be read as units or as a score";

// A visitor rather than a derive on `TypicalDayInput`, so that a bare number
// is refused with a message saying it could be units or a score.
impl<'de> Deserialize<'de> for TypicalDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TypicalDay, D::Error> {
        deserializer.deserialize_any(TypicalDayVisitor)
    }
}

/// Reads a [`TypicalDayInput`] and checks it, refusing a bare number with a
/// message that says why.
struct TypicalDayVisitor;

impl TypicalDayVisitor {
    fn bare_number<E: de::Error>(value: String) -> E {
        crate::json::refused(Error::Invalid {
            field: "typical_day",
            value,
            expected: TYPICAL_DAY_EXPECTED,
        })
    }
}

impl<'de> de::Visitor<'de> for TypicalDayVisitor {
    type Value = TypicalDay;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(TYPICAL_DAY_EXPECTED)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<TypicalDay, A::Error> {
        let input = TypicalDayInput::deserialize(de::value::MapAccessDeserializer::new(map))?;
        TypicalDay::try_from(input).map_err(de::Error::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<TypicalDay, E> {
        Err(Self::bare_number(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<TypicalDay, E> {
        Err(Self::bare_number(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<TypicalDay, E> {
        Err(Self::bare_number(v.to_string()))
    }
}

impl From<TypicalDay> for TypicalDayInput {
    fn from(answer: TypicalDay) -> TypicalDayInput {
        match answer.0 {
            Amount::Band(band) => TypicalDayInput::Band(band),
            Amount::Units(units) => TypicalDayInput::Units(units),
        }
    }
}

// ---------------------------------------------------------------- item scores

/// What one item contributed to a total.
///
/// In JSON `{"kind": "scored", "value": 3}`, `{"kind": "skipped"}` or
/// `{"kind": "not_asked"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum ItemScore {
    /// Answered, with this score.
    Scored(u8),
    /// Not asked because the routing skips it; it counts as 0.
    Skipped,
    /// Not asked yet: it may still add to the total.
    NotAsked,
}

impl ItemScore {
    /// The score, when the item was answered.
    #[must_use]
    pub const fn score(self) -> Option<u8> {
        match self {
            ItemScore::Scored(n) => Some(n),
            ItemScore::Skipped | ItemScore::NotAsked => None,
        }
    }

    /// Whether the item still waits for an answer.
    #[must_use]
    pub const fn is_not_asked(self) -> bool {
        matches!(self, ItemScore::NotAsked)
    }
}

/// The lowest and highest totals the items still allow: scores only add, so
/// an unanswered item adds from 0 to its top score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Tally {
    pub(crate) at_least: u8,
    pub(crate) at_most: u8,
}

impl Tally {
    /// Adds one item, whose top score is `max`.
    pub(crate) const fn add(self, item: ItemScore, max: u8) -> Tally {
        match item {
            ItemScore::Scored(n) => Tally {
                at_least: self.at_least.saturating_add(n),
                at_most: self.at_most.saturating_add(n),
            },
            ItemScore::Skipped => self,
            ItemScore::NotAsked => Tally {
                at_least: self.at_least,
                at_most: self.at_most.saturating_add(max),
            },
        }
    }

    /// The tally of a list of items, each with a top score of 4.
    pub(crate) fn of(items: &[ItemScore]) -> Tally {
        items
            .iter()
            .fold(Tally::default(), |tally, item| tally.add(*item, 4))
    }
}

/// The item score of an answer, or `NotAsked`.
pub(crate) fn item_score<T: Copy>(reply: Reply<T>, score: impl Fn(T) -> u8) -> ItemScore {
    match reply {
        Reply::Answered(answer) => ItemScore::Scored(score(answer)),
        Reply::NotAsked => ItemScore::NotAsked,
    }
}

#[cfg(feature = "schema")]
pub(crate) mod schema {
    use std::borrow::Cow;
    use std::marker::PhantomData;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use super::{
        DrinkCount, DrinkingFrequency, HowOften, ITEM_SCORE, Occurrence, TypicalDay, TypicalDayBand,
    };
    use crate::units::{
        ALCOHOL_UNITS, integer_schema, number_schema, tagged_schema, title_variants_of,
        unit_tagged_schema,
    };

    // Hand-written: the forms are read by a visitor rather than a derived
    // enum, and their bounds come from `Bounds` constants.
    impl JsonSchema for TypicalDay {
        fn schema_name() -> Cow<'static, str> {
            "TypicalDay".into()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            let band = generator.subschema_for::<TypicalDayBand>();
            let drink = generator.subschema_for::<DrinkCount>();
            let mut schema = json_schema!({
                "description": "units on a typical drinking day: the band, an amount, \
                                the drinks, or the band's score",
                "oneOf": [
                    tagged_schema("band", band),
                    tagged_schema("units", number_schema(&ALCOHOL_UNITS, ALCOHOL_UNITS.text())),
                    tagged_schema("drinks", json_schema!({
                        "type": "array", "items": drink, "minItems": 1,
                    })),
                    tagged_schema("score", json_schema!({
                        "type": "integer",
                        "minimum": ITEM_SCORE.min(),
                        "maximum": ITEM_SCORE.max(),
                    })),
                ]
            });
            crate::units::title_variants_of(&Self::schema_name(), &mut schema);
            schema
        }
    }

    /// An item's answer options, with the schema of the scores that may be
    /// given in their place.
    pub(crate) trait ItemOption: JsonSchema {
        /// The accepted scores.
        fn score() -> Schema;
    }

    /// The schema of an item's [`Reply`], published as `{T}Reply`: not
    /// asked, the option's name, or the option's score.
    pub(crate) struct ItemReply<T>(PhantomData<T>);

    // Hand-written: an item's reply is read by `deserialize_item`, which
    // accepts a score beside the option's name.
    impl<T: ItemOption> JsonSchema for ItemReply<T> {
        fn schema_name() -> Cow<'static, str> {
            format!("{}Reply", T::schema_name()).into()
        }
        fn schema_id() -> Cow<'static, str> {
            format!("mecc::ItemReply<{}>", T::schema_id()).into()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            let option = generator.subschema_for::<T>();
            let mut schema = json_schema!({
                "description": "an item's answer: not asked, the option's name, or its score",
                "oneOf": [
                    unit_tagged_schema("not_asked"),
                    tagged_schema("answered", option),
                    tagged_schema("score", T::score()),
                ]
            });
            title_variants_of(&Self::schema_name(), &mut schema);
            schema
        }
    }

    impl ItemOption for DrinkingFrequency {
        fn score() -> Schema {
            zero_to_four()
        }
    }

    impl ItemOption for HowOften {
        fn score() -> Schema {
            zero_to_four()
        }
    }

    impl ItemOption for Occurrence {
        fn score() -> Schema {
            zero_two_four()
        }
    }

    /// A score from 0 to 4 ([`ITEM_SCORE`]).
    pub(crate) fn zero_to_four() -> Schema {
        integer_schema(&ITEM_SCORE, ITEM_SCORE.text())
    }

    /// A score of 0, 2 or 4 ([`super::super::ZERO_TWO_FOUR`]).
    pub(crate) fn zero_two_four() -> Schema {
        json_schema!({ "enum": super::super::ZERO_TWO_FOUR })
    }

    /// Question 1's answer.
    pub(crate) fn frequency_reply(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<ItemReply<DrinkingFrequency>>()
    }

    /// An answer to questions 3–8.
    pub(crate) fn how_often_reply(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<ItemReply<HowOften>>()
    }

    /// An answer to items 9 and 10.
    pub(crate) fn occurrence_reply(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<ItemReply<Occurrence>>()
    }
}

names_round_trip_tests!(
    drinking_frequency_names_round_trip: DrinkingFrequency,
    how_often_names_round_trip: HowOften,
    occurrence_names_round_trip: Occurrence,
    typical_day_band_names_round_trip: TypicalDayBand,
);
