//! Weekly minutes of activity against the UK CMO guidelines and Sport England's
//! Active Lives bands (CLINICAL-REFERENCE §4.2).

use serde::{Deserialize, Serialize};

use super::NotApplicableReason;
use crate::bounded::{bounded_int, checked_wrapper};
use crate::error::Error;
use crate::instruments::Reply;
use crate::units::{Bounds, WEEKLY_MINUTES, WeeklyMinutes, bounds};

/// Moderate-equivalent minutes a week that meet the adult aerobic guideline
/// (CLINICAL-REFERENCE §4.2; UK CMO Physical activity guidelines 2019).
pub const GUIDELINE_MODERATE_EQUIVALENT_MINUTES: u32 = 150;

/// The age, in whole years, from which the adult guidelines apply
/// (CLINICAL-REFERENCE §4.2: "adults 19–64 and older adults"; UK CMO 2019).
///
/// **Decision:** under 19 the CMO guideline for children and young people
/// applies instead: an average of at least
/// [`CHILDREN_GUIDELINE_AVERAGE_MINUTES_PER_DAY`] minutes of
/// moderate-to-vigorous activity a day across the week. A weekly total cannot
/// tell whether that daily average is met (60 × 7 = 420 is not the same rule),
/// and judging a 16-year-old by the adult 150 minutes would silently apply the
/// wrong guideline. So for ages under 19 both guidelines are reported as
/// `not_applicable` with [`NotApplicableReason::AgeBelowAdultGuideline`]; the
/// Active Lives band is still given from age 16.
pub const ADULT_GUIDELINE_MIN_AGE: u32 = 19;

/// The children and young people's guideline (ages 5 to 18): an average of at
/// least this many minutes of moderate-to-vigorous activity a day across the
/// week (UK CMO Physical activity guidelines 2019). Named in the reason given
/// when the adult guideline does not apply; not used to judge.
pub const CHILDREN_GUIDELINE_AVERAGE_MINUTES_PER_DAY: u32 = 60;

/// How many moderate minutes one vigorous minute counts as
/// (CLINICAL-REFERENCE §4.2: "vigorous minutes count double"; UK CMO 2019).
pub const VIGOROUS_WEIGHT: u32 = 2;

/// The lower edge of Sport England's `fairly_active` band: fewer
/// moderate-equivalent minutes a week than this is `inactive`
/// (CLINICAL-REFERENCE §4.2; Sport England Active Lives).
pub const ACTIVE_LIVES_FAIRLY_ACTIVE_MIN_MINUTES: u32 = 30;

/// The lower edge of Sport England's `active` band, in moderate-equivalent
/// minutes a week (CLINICAL-REFERENCE §4.2; Sport England Active Lives).
pub const ACTIVE_LIVES_ACTIVE_MIN_MINUTES: u32 = 150;

/// The youngest age, in whole years, the Active Lives adult bands describe
/// (Sport England Active Lives Adult Survey, ages 16 and over).
pub const ACTIVE_LIVES_MIN_AGE: u32 = 16;

/// Muscle-strengthening days a week that meet the adult guideline
/// (CLINICAL-REFERENCE §4.2: "2 or more"; UK CMO 2019).
pub const STRENGTH_GUIDELINE_DAYS: u8 = 2;

/// Days a week on which muscle-strengthening activity can be done.
pub const STRENGTH_DAYS: Bounds = bounds!(from 0 to 7 "days" ("the days in one week"));

bounded_int! {
    /// Days in a usual week with muscle-strengthening activity, from 0 to 7.
    ///
    /// ```
    /// use mecc::instruments::activity::StrengthDays;
    ///
    /// assert_eq!(StrengthDays::new(2)?.get(), 2);
    /// assert!(StrengthDays::new(8).is_err());
    /// # Ok::<(), mecc::Error>(())
    /// ```
    pub struct StrengthDays(u8) in STRENGTH_DAYS, field "strength_days_per_week";
    /// A number of days in one week.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 7 ([`STRENGTH_DAYS`]).
    fn new;
    /// The number of days.
    fn get;
    schema "days in a usual week with muscle-strengthening activity";
}

/// Activity in a usual week: moderate and vigorous minutes, and
/// muscle-strengthening days (CLINICAL-REFERENCE §4.2).
///
/// Moderate and vigorous minutes are separate parts of the same week, so
/// together they cannot exceed the 10 080 minutes in it.
///
/// ```
/// use mecc::instruments::Reply;
/// use mecc::instruments::activity::{ActiveLivesBand, WeeklyActivity};
///
/// let week = WeeklyActivity::try_new(0, 75, Reply::NotAsked)?;
/// assert_eq!(week.moderate_equivalent_minutes(), 150);
/// assert_eq!(week.active_lives_band(), ActiveLivesBand::Active);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// The schema of the fields, keeping their description.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "WeeklyActivityFields", description = "")
)]
pub struct WeeklyActivity {
    moderate: WeeklyMinutes,
    vigorous: WeeklyMinutes,
    strength_days: Reply<StrengthDays>,
}

/// The JSON form of [`WeeklyActivity`], before it is checked:
/// `{"moderate_minutes_per_week": 120, "vigorous_minutes_per_week": 20,
/// "strength_days_per_week": {"kind": "answered", "value": 2}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WeeklyActivityFields {
    /// Minutes of moderate-intensity activity in a usual week.
    #[cfg_attr(feature = "schema", schemars(with = "WeeklyMinutes"))]
    pub moderate_minutes_per_week: u32,
    /// Minutes of vigorous-intensity activity in a usual week.
    #[cfg_attr(feature = "schema", schemars(with = "WeeklyMinutes"))]
    pub vigorous_minutes_per_week: u32,
    /// Days in a usual week with muscle-strengthening activity.
    pub strength_days_per_week: Reply<StrengthDays>,
}

checked_wrapper! {
    WeeklyActivity from WeeklyActivityFields,
    check |f: WeeklyActivityFields| WeeklyActivity::try_new(
        f.moderate_minutes_per_week,
        f.vigorous_minutes_per_week,
        f.strength_days_per_week,
    ),
    fields |w: WeeklyActivity| WeeklyActivityFields {
        moderate_minutes_per_week: w.moderate.get(),
        vigorous_minutes_per_week: w.vigorous.get(),
        strength_days_per_week: w.strength_days,
    },
}

impl WeeklyActivity {
    /// A usual week's moderate and vigorous minutes and muscle-strengthening
    /// days.
    ///
    /// # Errors
    /// - [`Error::OutOfRange`] for `moderate_minutes_per_week` or
    ///   `vigorous_minutes_per_week` above 10 080 ([`WEEKLY_MINUTES`]).
    /// - [`Error::Inconsistent`] when moderate and vigorous minutes together
    ///   exceed 10 080, the minutes in one week.
    ///
    /// Strength days are checked by [`StrengthDays::new`].
    pub fn try_new(
        moderate_minutes: u32,
        vigorous_minutes: u32,
        strength_days: Reply<StrengthDays>,
    ) -> Result<WeeklyActivity, Error> {
        let moderate = WeeklyMinutes::named("moderate_minutes_per_week", moderate_minutes)?;
        let vigorous = WeeklyMinutes::named("vigorous_minutes_per_week", vigorous_minutes)?;
        if f64::from(moderate.get() + vigorous.get()) > WEEKLY_MINUTES.max() {
            return Err(Error::Inconsistent {
                field: "vigorous_minutes_per_week",
                value: vigorous.get().to_string(),
                other: format!("moderate_minutes_per_week = {}", moderate.get()),
                reason: "moderate and vigorous minutes are separate parts of one week and together cannot exceed its 10080 minutes; check both are minutes per week",
            });
        }
        Ok(WeeklyActivity {
            moderate,
            vigorous,
            strength_days,
        })
    }

    /// Moderate-intensity minutes.
    #[must_use]
    pub const fn moderate(self) -> WeeklyMinutes {
        self.moderate
    }

    /// Vigorous-intensity minutes.
    #[must_use]
    pub const fn vigorous(self) -> WeeklyMinutes {
        self.vigorous
    }

    /// Muscle-strengthening days, if asked.
    #[must_use]
    pub const fn strength_days(self) -> Reply<StrengthDays> {
        self.strength_days
    }

    /// Moderate minutes plus [`VIGOROUS_WEIGHT`] × vigorous minutes
    /// (CLINICAL-REFERENCE §4.2). At most 20 160, so it may exceed the minutes
    /// in a week.
    #[must_use]
    pub const fn moderate_equivalent_minutes(self) -> u32 {
        self.moderate.get() + VIGOROUS_WEIGHT * self.vigorous.get()
    }

    /// The Active Lives band of the moderate-equivalent minutes, whatever the
    /// person's age.
    #[must_use]
    pub const fn active_lives_band(self) -> ActiveLivesBand {
        ActiveLivesBand::from_moderate_equivalent_minutes(self.moderate_equivalent_minutes())
    }
}

/// Sport England's Active Lives activity level, ordered from least to most
/// active (CLINICAL-REFERENCE §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActiveLivesBand {
    /// Fewer than 30 moderate-equivalent minutes a week.
    Inactive,
    /// 30 to 149 moderate-equivalent minutes a week.
    FairlyActive,
    /// 150 or more moderate-equivalent minutes a week.
    Active,
}

impl ActiveLivesBand {
    /// The band of a week's moderate-equivalent minutes: under
    /// [`ACTIVE_LIVES_FAIRLY_ACTIVE_MIN_MINUTES`] is `inactive`, under
    /// [`ACTIVE_LIVES_ACTIVE_MIN_MINUTES`] is `fairly_active`, and more is
    /// `active` (CLINICAL-REFERENCE §4.2).
    #[must_use]
    pub const fn from_moderate_equivalent_minutes(minutes: u32) -> ActiveLivesBand {
        if minutes < ACTIVE_LIVES_FAIRLY_ACTIVE_MIN_MINUTES {
            ActiveLivesBand::Inactive
        } else if minutes < ACTIVE_LIVES_ACTIVE_MIN_MINUTES {
            ActiveLivesBand::FairlyActive
        } else {
            ActiveLivesBand::Active
        }
    }
}

/// The Active Lives band, or why it does not apply.
///
/// In JSON: `{"kind": "band", "value": "fairly_active"}` or
/// `{"kind": "not_applicable", "value": {"reason": "age_below_active_lives_range"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum ActiveLivesOutcome {
    /// The band.
    Band(ActiveLivesBand),
    /// The adult bands do not apply at this age.
    NotApplicable {
        /// Why.
        reason: NotApplicableReason,
    },
}

/// Whether a guideline is met.
///
/// In JSON: `{"kind": "met"}`, `{"kind": "not_met"}`, `{"kind": "not_asked"}` or
/// `{"kind": "not_applicable", "value": {"reason": ...}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Guideline {
    /// The guideline is met.
    Met,
    /// The guideline is not met.
    NotMet,
    /// The question it depends on was not asked (muscle-strengthening days
    /// only; the aerobic guideline is always judged when minutes are given).
    NotAsked,
    /// The guideline does not apply at this age.
    NotApplicable {
        /// Why.
        reason: NotApplicableReason,
    },
}

impl Guideline {
    /// `Some(true)` when met, `Some(false)` when not, `None` when not asked or
    /// not applicable.
    #[must_use]
    pub const fn is_met(self) -> Option<bool> {
        match self {
            Guideline::Met => Some(true),
            Guideline::NotMet => Some(false),
            Guideline::NotAsked | Guideline::NotApplicable { .. } => None,
        }
    }

    const fn judged(met: bool) -> Guideline {
        if met {
            Guideline::Met
        } else {
            Guideline::NotMet
        }
    }
}

/// The weekly-minutes result (CLINICAL-REFERENCE §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WeeklyResult {
    /// Moderate minutes plus twice the vigorous minutes (0 to 20 160).
    pub moderate_equivalent_minutes: u32,
    /// Sport England's Active Lives band, from age 16.
    pub active_lives: ActiveLivesOutcome,
    /// The adult aerobic guideline: at least 150 moderate-equivalent minutes a
    /// week, from age 19.
    pub aerobic_guideline: Guideline,
    /// The adult muscle-strengthening guideline: at least 2 days a week, from
    /// age 19.
    pub strength_guideline: Guideline,
}

/// The weekly-minutes outcome.
///
/// In JSON: `{"kind": "not_asked"}` or `{"kind": "assessed", "value": {...}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum WeeklyOutcome {
    /// The weekly questions were not asked.
    NotAsked,
    /// The weekly minutes were given. Parts that do not apply at this age say
    /// so inside the result.
    Assessed(WeeklyResult),
}

/// Judges a week's activity at `age` (whole years).
pub(super) const fn score(week: WeeklyActivity, age: u32) -> WeeklyResult {
    let minutes = week.moderate_equivalent_minutes();
    let active_lives = if age < ACTIVE_LIVES_MIN_AGE {
        ActiveLivesOutcome::NotApplicable {
            reason: NotApplicableReason::AgeBelowActiveLivesRange,
        }
    } else {
        ActiveLivesOutcome::Band(ActiveLivesBand::from_moderate_equivalent_minutes(minutes))
    };
    let adult = age >= ADULT_GUIDELINE_MIN_AGE;
    let under_adult_age = Guideline::NotApplicable {
        reason: NotApplicableReason::AgeBelowAdultGuideline,
    };
    let aerobic_guideline = if adult {
        Guideline::judged(minutes >= GUIDELINE_MODERATE_EQUIVALENT_MINUTES)
    } else {
        under_adult_age
    };
    let strength_guideline = match week.strength_days {
        _ if !adult => under_adult_age,
        Reply::NotAsked => Guideline::NotAsked,
        Reply::Answered(days) => Guideline::judged(days.get() >= STRENGTH_GUIDELINE_DAYS as u32),
    };
    WeeklyResult {
        moderate_equivalent_minutes: minutes,
        active_lives,
        aerobic_guideline,
        strength_guideline,
    }
}
