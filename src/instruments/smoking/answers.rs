//! What the person says, and the CO reading: the instrument's inputs
//! (CLINICAL-REFERENCE §2.1).

use serde::{Deserialize, Serialize, Serializer};

use super::{DAYS_PER_WEEK, DAYS_PER_YEAR, QuitRecency};
use crate::bounded::{bounded_int, checked_wrapper, named_enum, names_round_trip_tests};
use crate::context::Person;
use crate::error::Error;
use crate::instruments::Reply;
use crate::units::{Bounds, CoPpm, bounds};

// ---------------------------------------------------------------- bounds

/// Accepted cigarettes smoked per day.
///
/// **Decision:** 200 a day (ten packs) is beyond any reported habit, so a larger
/// number is taken to be a typing error or a weekly count.
pub const CIGARETTES_PER_DAY: Bounds = bounds!(from 0 to 200 "cigarettes a day");
/// Accepted minutes from waking to the first cigarette: at most one day.
pub const MINUTES_TO_FIRST_CIGARETTE: Bounds = bounds!(from 0 to 1440 "minutes" ("one day"));
/// Accepted years of smoking.
///
/// **Decision:** 110 years, just under the oldest accepted age (120), so that
/// only impossible values are refused here; [`Answers::validate_against`]
/// checks the answer against the person's age.
pub const YEARS_SMOKED: Bounds = bounds!(from 0 to 110 "years");
/// Accepted days since stopping smoking: up to 100 years.
pub const QUIT_DAYS: Bounds = bounds!(from 0 to 36_500 "days" ("100 years"));
/// Accepted weeks since stopping smoking: the whole weeks in [`QUIT_DAYS`].
pub const QUIT_WEEKS: Bounds = bounds!(from 0 to 5_214 "weeks" ("100 years"));
/// Accepted months since stopping smoking: 100 years.
pub const QUIT_MONTHS: Bounds = bounds!(from 0 to 1_200 "months" ("100 years"));
/// Accepted years since stopping smoking.
pub const QUIT_YEARS: Bounds = bounds!(from 0 to 100 "years");

/// A value from 1900 to 2200 given where a count of years was expected is
/// probably a calendar year.
fn looks_like_a_year(value: u32) -> bool {
    (1900..=2200).contains(&value)
}

// ---------------------------------------------------------------- counts

bounded_int! {
    /// Cigarettes smoked on a typical day, 0 to 200.
    ///
    /// **Decision (non-daily smokers):** 0 is accepted for someone who smokes
    /// cigarettes but fewer than one a day on average. The HSI scores it like any
    /// count up to 10 (0 points), and pack-years come out as 0. A person who smokes
    /// no cigarettes at all lists no cigarette product, and a count above 0 is then
    /// refused (see [`CurrentSmoking::new`]).
    ///
    /// ```
    /// use mecc::instruments::smoking::CigarettesPerDay;
    ///
    /// assert_eq!(CigarettesPerDay::new(20)?.get(), 20);
    /// let err = CigarettesPerDay::new(210).unwrap_err();
    /// assert!(err.to_string().contains("per week"));
    /// # Ok::<(), mecc::Error>(())
    /// ```
    pub struct CigarettesPerDay(u8) in CIGARETTES_PER_DAY, field "cigarettes_per_day";
    /// A count of cigarettes a day.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 200 ([`CIGARETTES_PER_DAY`]); a value up to
    /// 1400 gets a hint that it may be a weekly count.
    fn new;
    /// The count.
    fn get;
    schema "cigarettes on a typical day; 0 for fewer than one a day";
    hint |cigarettes: u32| (cigarettes <= 1400).then(|| {
        format!(
            "if this is cigarettes per week, that is about {} a day",
            (cigarettes + 3) / 7
        )
    });
}

bounded_int! {
    /// Minutes from waking to the first cigarette of the day, 0 to 1440.
    ///
    /// ```
    /// use mecc::instruments::smoking::MinutesToFirstCigarette;
    ///
    /// assert_eq!(MinutesToFirstCigarette::new(30)?.get(), 30);
    /// assert!(MinutesToFirstCigarette::new(1441).is_err());
    /// # Ok::<(), mecc::Error>(())
    /// ```
    pub struct MinutesToFirstCigarette(u16) in MINUTES_TO_FIRST_CIGARETTE, field "minutes_to_first_cigarette";
    /// A time in whole minutes.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 1440 ([`MINUTES_TO_FIRST_CIGARETTE`]).
    fn new;
    /// The minutes.
    fn get;
    schema "minutes from waking to the first cigarette";
}

bounded_int! {
    /// Whole years the person has smoked, 0 to 110.
    ///
    /// ```
    /// use mecc::instruments::smoking::YearsSmoked;
    ///
    /// assert_eq!(YearsSmoked::new(15)?.get(), 15);
    /// let err = YearsSmoked::new(1998).unwrap_err();
    /// assert!(err.to_string().contains("year they started"));
    /// # Ok::<(), mecc::Error>(())
    /// ```
    pub struct YearsSmoked(u8) in YEARS_SMOKED, field "years_smoked";
    /// A number of whole years.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 110 ([`YEARS_SMOKED`]); a value from 1900 to
    /// 2200 is reported as probably the year they started.
    fn new;
    /// The years.
    fn get;
    schema "whole years smoked";
    hint |years| looks_like_a_year(years).then(|| {
        "this looks like the year they started: give how many years they have smoked"
            .to_string()
    });
}

// ---------------------------------------------------------------- quit time

/// How long ago an ex-smoker stopped: whole days from 0 to 36 500, or not known.
///
/// A quit time not known is a value, not a missing answer: it is read as
/// "may have stopped within the last 2 weeks" for the treat-as-smoker rule, and
/// the finding records that assumption.
///
/// **Decision (conversions):** a year is counted as 365 days and a month as a
/// twelfth of that, rounded to the nearest day, so 12 months and 1 year are both
/// exactly the 12-month threshold ([`super::QUIT_WITHIN_12_MONTHS_MAX_DAYS`]).
///
/// In JSON: `{"kind": "days", "value": n}`, `{"kind": "weeks", "value": n}`,
/// `{"kind": "months", "value": n}`, `{"kind": "years", "value": n}` or
/// `{"kind": "not_known"}`; written back as `{"kind": "days", "value": n}` or
/// `{"kind": "not_known"}`.
///
/// ```
/// use mecc::instruments::smoking::{QuitRecency, QuitTime};
///
/// assert_eq!(QuitTime::from_weeks(2)?.days(), Some(14));
/// assert_eq!(QuitTime::from_months(6)?.days(), Some(183));
/// assert_eq!(QuitTime::from_years(1)?.recency(), QuitRecency::TwoWeeksTo12Months);
/// assert_eq!(QuitTime::NOT_KNOWN.recency(), QuitRecency::NotKnown);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "QuitTimeInput", into = "QuitTimeInput")]
pub struct QuitTime {
    days: Option<u16>,
}

/// The forms a quit time can be given in. Each count is checked when it
/// becomes a [`QuitTime`], whose schema carries the bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum QuitTimeInput {
    /// Whole days ago, the canonical form: `{"kind": "days", "value": 30}`.
    Days(u32),
    /// Whole weeks ago: `{"kind": "weeks", "value": 3}`.
    Weeks(u32),
    /// Whole months ago: `{"kind": "months", "value": 6}`.
    Months(u32),
    /// Whole years ago: `{"kind": "years", "value": 2}`.
    Years(u32),
    /// When they stopped is not known: `{"kind": "not_known"}`.
    NotKnown,
}

impl QuitTime {
    /// When they stopped is not known.
    pub const NOT_KNOWN: QuitTime = QuitTime { days: None };

    /// Stopped this many whole days ago (0 is today).
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 36 500 ([`QUIT_DAYS`]).
    pub fn from_days(days: u32) -> Result<QuitTime, Error> {
        Self::checked_days("quit_days", days)
    }

    /// Stopped this many whole weeks ago (7 days each).
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 5214 ([`QUIT_WEEKS`]).
    pub fn from_weeks(weeks: u32) -> Result<QuitTime, Error> {
        let w = QUIT_WEEKS.check_int("quit_weeks", weeks)?;
        // Range-checked above: at most 5214 × 7 = 36 498 days.
        Self::checked_days("quit_weeks", w * DAYS_PER_WEEK)
    }

    /// Stopped this many whole months ago (365/12 days each, to the nearest day).
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 1200 ([`QUIT_MONTHS`]).
    pub fn from_months(months: u32) -> Result<QuitTime, Error> {
        let m = QUIT_MONTHS.check_int("quit_months", months)?;
        // Range-checked above: at most 1200 months, which is 36 500 days.
        Self::checked_days("quit_months", (m * DAYS_PER_YEAR + 6) / 12)
    }

    /// Stopped this many whole years ago (365 days each).
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 100 ([`QUIT_YEARS`]); a value from 1900 to
    /// 2200 is reported as probably the year they stopped.
    pub fn from_years(years: u32) -> Result<QuitTime, Error> {
        let y = QUIT_YEARS.check_int("quit_years", years).map_err(|e| {
            if looks_like_a_year(years) {
                e.with_hint(
                    "this looks like the year they stopped: give how many years ago".to_string(),
                )
            } else {
                e
            }
        })?;
        // Range-checked above: at most 100 years, which is 36 500 days.
        Self::checked_days("quit_years", y * DAYS_PER_YEAR)
    }

    fn checked_days(field: &'static str, days: u32) -> Result<QuitTime, Error> {
        let d = QUIT_DAYS.check_into(field, days)?;
        Ok(QuitTime { days: Some(d) })
    }

    /// Whole days since they stopped, or `None` when not known.
    #[must_use]
    pub const fn days(self) -> Option<u32> {
        match self.days {
            Some(d) => Some(d as u32),
            None => None,
        }
    }

    /// Whether the quit time is known.
    #[must_use]
    pub const fn is_known(self) -> bool {
        self.days.is_some()
    }

    /// The band the quit time falls in: under 14 days `less_than_2_weeks`, 14 to
    /// 365 days `2_weeks_to_12_months`, over 365 days `more_than_12_months`
    /// (CLINICAL-REFERENCE §2.1, §2.4).
    #[must_use]
    pub const fn recency(self) -> QuitRecency {
        match self.days() {
            None => QuitRecency::NotKnown,
            Some(d) if d < super::QUIT_RECENT_BELOW_DAYS => QuitRecency::LessThan2Weeks,
            Some(d) if d <= super::QUIT_WITHIN_12_MONTHS_MAX_DAYS => {
                QuitRecency::TwoWeeksTo12Months
            }
            Some(_) => QuitRecency::MoreThan12Months,
        }
    }
}

impl TryFrom<QuitTimeInput> for QuitTime {
    type Error = Error;
    fn try_from(input: QuitTimeInput) -> Result<QuitTime, Error> {
        match input {
            QuitTimeInput::Days(d) => QuitTime::from_days(d),
            QuitTimeInput::Weeks(w) => QuitTime::from_weeks(w),
            QuitTimeInput::Months(m) => QuitTime::from_months(m),
            QuitTimeInput::Years(y) => QuitTime::from_years(y),
            QuitTimeInput::NotKnown => Ok(QuitTime::NOT_KNOWN),
        }
        .map_err(crate::json::noted)
    }
}

impl From<QuitTime> for QuitTimeInput {
    fn from(q: QuitTime) -> QuitTimeInput {
        match q.days() {
            Some(d) => QuitTimeInput::Days(d),
            None => QuitTimeInput::NotKnown,
        }
    }
}

// ---------------------------------------------------------------- products

named_enum! {
    /// A tobacco product a current smoker uses (CLINICAL-REFERENCE §2.1).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Product {
        /// Manufactured (packet) cigarettes.
        ManufacturedCigarettes = "manufactured_cigarettes",
        /// Hand-rolled cigarettes.
        HandRolled = "hand_rolled",
        /// Cigars, including cigarillos.
        Cigars = "cigars",
        /// A pipe.
        Pipe = "pipe",
        /// Shisha (waterpipe).
        Shisha = "shisha",
        /// Smokeless tobacco: paan, gutka and similar.
        Smokeless = "smokeless",
    }
}

impl Product {
    /// The serialized name.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Product::ManufacturedCigarettes => "manufactured_cigarettes",
            Product::HandRolled => "hand_rolled",
            Product::Cigars => "cigars",
            Product::Pipe => "pipe",
            Product::Shisha => "shisha",
            Product::Smokeless => "smokeless",
        }
    }

    /// Whether this is a cigarette, manufactured or hand-rolled: the products
    /// the HSI and pack-years count.
    #[must_use]
    pub const fn is_cigarette(self) -> bool {
        matches!(self, Product::ManufacturedCigarettes | Product::HandRolled)
    }

    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// What [`Products`] accepts, as the error message says it.
const PRODUCTS_EXPECTED: &str = "a list of at least one of manufactured_cigarettes, hand_rolled, cigars, pipe, shisha, smokeless";

/// The tobacco products a current smoker uses: never empty. Held as bits so
/// the answers stay `Copy`.
///
/// In JSON it is a list of product names, for example
/// `["manufactured_cigarettes", "shisha"]`; an empty list is refused, and a
/// product named twice counts once.
///
/// ```
/// use mecc::instruments::smoking::{Product, Products};
///
/// let p = Products::single(Product::Pipe).with(Product::HandRolled);
/// assert!(p.includes_cigarettes());
/// assert!(Products::try_from_iter([]).is_err());
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "Vec<Product>", extend("minItems" = 1, "uniqueItems" = true), description = "the tobacco products used; at least one")
)]
#[serde(try_from = "Vec<Product>")]
pub struct Products(u8);

impl Products {
    /// One product.
    #[must_use]
    pub const fn single(product: Product) -> Products {
        Products(product.bit())
    }

    /// The set with `product` added.
    #[must_use]
    pub const fn with(self, product: Product) -> Products {
        Products(self.0 | product.bit())
    }

    /// The set of the products given.
    ///
    /// # Errors
    /// [`Error::Invalid`] when no product is given.
    pub fn try_from_iter<I: IntoIterator<Item = Product>>(products: I) -> Result<Products, Error> {
        let bits = products.into_iter().fold(0, |bits, p| bits | p.bit());
        if bits == 0 {
            return Err(Error::Invalid {
                field: "products",
                value: "[]".to_string(),
                expected: PRODUCTS_EXPECTED,
            });
        }
        Ok(Products(bits))
    }

    /// Whether the set holds `product`.
    #[must_use]
    pub const fn contains(self, product: Product) -> bool {
        self.0 & product.bit() != 0
    }

    /// Whether the set holds manufactured or hand-rolled cigarettes.
    #[must_use]
    pub const fn includes_cigarettes(self) -> bool {
        self.contains(Product::ManufacturedCigarettes) || self.contains(Product::HandRolled)
    }

    /// The products, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = Product> {
        Product::ALL.into_iter().filter(move |p| self.contains(*p))
    }

    /// The product names joined for a message, for example `cigars, pipe`.
    fn names(self) -> String {
        self.iter()
            .map(Product::name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl TryFrom<Vec<Product>> for Products {
    type Error = Error;
    fn try_from(products: Vec<Product>) -> Result<Products, Error> {
        Products::try_from_iter(products).map_err(crate::json::noted)
    }
}

impl std::fmt::Debug for Products {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for Products {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

// ---------------------------------------------------------------- current smoking

/// The answers about a current smoker's smoking, before they are checked
/// against each other. This is also their JSON form: every field is required,
/// and each count is a [`Reply`] (`{"kind": "not_asked"}` or `{"kind": "answered", "value": n}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CurrentSmokingFields {
    /// The tobacco products used.
    pub products: Products,
    /// Cigarettes on a typical day.
    pub cigarettes_per_day: Reply<CigarettesPerDay>,
    /// Minutes from waking to the first cigarette.
    pub minutes_to_first_cigarette: Reply<MinutesToFirstCigarette>,
    /// Whole years smoked.
    pub years_smoked: Reply<YearsSmoked>,
}

/// A current smoker's checked answers (CLINICAL-REFERENCE §2.1).
///
/// Built from [`CurrentSmokingFields`] by [`CurrentSmoking::new`], which also
/// runs when the answers are deserialized.
///
/// ```
/// use mecc::instruments::Reply;
/// use mecc::instruments::smoking::*;
///
/// let current = CurrentSmoking::new(CurrentSmokingFields {
///     products: Products::single(Product::ManufacturedCigarettes),
///     cigarettes_per_day: Reply::Answered(CigarettesPerDay::new(15)?),
///     minutes_to_first_cigarette: Reply::NotAsked,
///     years_smoked: Reply::Answered(YearsSmoked::new(12)?),
/// })?;
/// assert!(current.products().includes_cigarettes());
///
/// let cigars_only = CurrentSmoking::new(CurrentSmokingFields {
///     products: Products::single(Product::Cigars),
///     cigarettes_per_day: Reply::Answered(CigarettesPerDay::new(15)?),
///     minutes_to_first_cigarette: Reply::NotAsked,
///     years_smoked: Reply::NotAsked,
/// });
/// assert!(cigars_only.unwrap_err().is_inconsistent());
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// The schema of the fields, keeping their description.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "CurrentSmokingFields", description = "")
)]
pub struct CurrentSmoking(CurrentSmokingFields);

checked_wrapper!(CurrentSmoking(CurrentSmokingFields));

impl CurrentSmoking {
    /// Checks the answers against each other.
    ///
    /// # Errors
    /// [`Error::Inconsistent`] when `cigarettes_per_day` is above 0 and
    /// `products` holds neither `manufactured_cigarettes` nor `hand_rolled`.
    /// (0 is accepted with any products: see [`CigarettesPerDay`].)
    pub fn new(fields: CurrentSmokingFields) -> Result<CurrentSmoking, Error> {
        if let Reply::Answered(cigarettes) = fields.cigarettes_per_day
            && cigarettes.get() > 0
            && !fields.products.includes_cigarettes()
        {
            return Err(Error::Inconsistent {
                field: "cigarettes_per_day",
                value: cigarettes.get().to_string(),
                other: format!("products = {}", fields.products.names()),
                reason: "cigarettes per day counts manufactured or hand-rolled cigarettes: add the cigarette product to products, or give 0 if they smoke none",
            });
        }
        Ok(CurrentSmoking(fields))
    }
    /// The tobacco products used.
    #[must_use]
    pub const fn products(&self) -> Products {
        self.0.products
    }
    /// Cigarettes on a typical day.
    #[must_use]
    pub const fn cigarettes_per_day(&self) -> Reply<CigarettesPerDay> {
        self.0.cigarettes_per_day
    }
    /// Minutes from waking to the first cigarette.
    #[must_use]
    pub const fn minutes_to_first_cigarette(&self) -> Reply<MinutesToFirstCigarette> {
        self.0.minutes_to_first_cigarette
    }
    /// Whole years smoked.
    #[must_use]
    pub const fn years_smoked(&self) -> Reply<YearsSmoked> {
        self.0.years_smoked
    }
}

// ---------------------------------------------------------------- status and answers

/// Whether, and how, the person smokes tobacco (CLINICAL-REFERENCE §2.1).
///
/// In JSON: `{"kind": "never_smoked"}`, `{"kind": "ex_smoker", "value":
/// {"quit": {"kind": "days", "value": 30}}}` or `{"kind": "current_smoker",
/// "value": {"products": [...], "cigarettes_per_day": ..., ...}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum SmokingStatus {
    /// Has never smoked tobacco.
    NeverSmoked,
    /// Used to smoke and has stopped.
    ExSmoker {
        /// How long ago they stopped.
        quit: QuitTime,
    },
    /// Smokes now.
    CurrentSmoker(CurrentSmoking),
}

/// Whether the person uses nicotine vapes, recorded apart from tobacco
/// (CLINICAL-REFERENCE §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Vaping {
    /// Has never vaped.
    Never,
    /// Vapes now.
    Current,
    /// Used to vape and has stopped.
    Ex,
}

/// The answers for the smoking instrument.
///
/// The status is required (asking is the first step of very brief advice);
/// vaping and the CO reading may be `{"kind": "not_asked"}`.
///
/// ```
/// use mecc::instruments::smoking::{Answers, SmokingStatus};
///
/// let a: Answers = serde_json::from_str(
///     r#"{"status": {"kind": "never_smoked"}, "vaping": {"kind": "answered", "value": "ex"}, "co_ppm": {"kind": "not_asked"}}"#,
/// )?;
/// assert_eq!(a.status, SmokingStatus::NeverSmoked);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "SmokingAnswers")
)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Smoking status.
    pub status: SmokingStatus,
    /// Vaping.
    pub vaping: Reply<Vaping>,
    /// Exhaled carbon monoxide, when measured.
    pub co_ppm: Reply<CoPpm>,
}

impl Answers {
    /// Checks the answers against the contact. [`super::score`] does not make
    /// these checks (it cannot fail), so a host calls this first.
    ///
    /// # Errors
    /// - [`Error::Inconsistent`] when `years_smoked` is more than the age.
    /// - [`Error::Inconsistent`] when the time since quitting, in whole years
    ///   of 365 days, is more than the age.
    pub fn validate_against(&self, person: &impl AsRef<Person>) -> Result<(), Error> {
        let age = person.as_ref().age().years();
        match self.status {
            SmokingStatus::NeverSmoked => Ok(()),
            SmokingStatus::CurrentSmoker(current) => match current.years_smoked() {
                Reply::Answered(years) if years.get() > age => Err(Error::Inconsistent {
                    field: "years_smoked",
                    value: years.get().to_string(),
                    other: format!("age = {age}"),
                    reason: "nobody can have smoked for more years than their age: check both answers",
                }),
                _ => Ok(()),
            },
            SmokingStatus::ExSmoker { quit } => match quit.days() {
                Some(days) if days / DAYS_PER_YEAR > age => Err(Error::Inconsistent {
                    field: "quit_days",
                    value: days.to_string(),
                    other: format!("age = {age}"),
                    reason: "they cannot have stopped smoking before they were born: check the time since quitting and the age",
                }),
                _ => Ok(()),
            },
        }
    }
}

names_round_trip_tests!(
    product_names_round_trip: Product,
);
