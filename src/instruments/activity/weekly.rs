//! Weekly minutes of activity against the UK CMO guidelines and Sport England's
//! Active Lives bands: for adults (CLINICAL-REFERENCE §4.2) and for children
//! and young people aged 5 to 18 (§8.4).

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
/// (CLINICAL-REFERENCE §4.2: "adults 19–64 and older adults"; §8.4: "the
/// adult guideline of §4.2 starts at 19"; UK CMO 2019).
///
/// Under 19 the adult guidelines are reported as `not_applicable` with
/// [`NotApplicableReason::AgeBelowAdultGuideline`]: from 5 to 18 the children
/// and young people's guideline is judged instead (see
/// [`CypWeeklyOutcome`]), and judging a 16-year-old by the adult 150 minutes
/// would apply the wrong guideline. The adult Active Lives band is still
/// given from [`ACTIVE_LIVES_MIN_AGE`], as Sport England's adult survey
/// reports it.
pub const ADULT_GUIDELINE_MIN_AGE: u32 = 19;

/// The youngest age, in whole years, of the children and young people's
/// guideline (CLINICAL-REFERENCE §8.4: "children and young people 5–18";
/// UK CMO 2019).
pub const CYP_GUIDELINE_MIN_AGE: u32 = 5;

/// The oldest age, in whole years, of the children and young people's
/// guideline (CLINICAL-REFERENCE §8.4: the adult guideline starts at 19).
pub const CYP_GUIDELINE_MAX_AGE: u32 = ADULT_GUIDELINE_MIN_AGE - 1;

/// The days in the week over which the children and young people's daily
/// average is taken (CLINICAL-REFERENCE §8.4: "an average ... a day across
/// the week").
pub const DAYS_IN_WEEK: u32 = 7;

/// The children and young people's guideline (ages 5 to 18): an average of at
/// least this many minutes of moderate-to-vigorous activity a day across the
/// week (CLINICAL-REFERENCE §8.4; UK CMO Physical activity guidelines 2019).
/// It is also the lower edge of the Active Lives `active` band for children
/// and young people.
pub const CHILDREN_GUIDELINE_AVERAGE_MINUTES_PER_DAY: u32 = 60;

/// The children and young people's guideline as a weekly total: an average of
/// [`CHILDREN_GUIDELINE_AVERAGE_MINUTES_PER_DAY`] minutes a day across the
/// week is 420 minutes a week (CLINICAL-REFERENCE §8.4).
pub const CYP_GUIDELINE_WEEKLY_MINUTES: u32 =
    CHILDREN_GUIDELINE_AVERAGE_MINUTES_PER_DAY * DAYS_IN_WEEK;

/// The lower edge of Sport England's Active Lives Children and Young People
/// `fairly_active` band: a daily average under this many minutes is
/// `less_active` (CLINICAL-REFERENCE §8.4).
pub const CYP_FAIRLY_ACTIVE_MIN_MINUTES_PER_DAY: u32 = 30;

/// [`CYP_FAIRLY_ACTIVE_MIN_MINUTES_PER_DAY`] as a weekly total: 210 minutes a
/// week (CLINICAL-REFERENCE §8.4).
pub const CYP_FAIRLY_ACTIVE_MIN_WEEKLY_MINUTES: u32 =
    CYP_FAIRLY_ACTIVE_MIN_MINUTES_PER_DAY * DAYS_IN_WEEK;

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

    /// Moderate plus vigorous minutes, each counted once: the minutes of
    /// moderate-to-vigorous activity that the children and young people's
    /// guideline and bands are read on (CLINICAL-REFERENCE §8.4). At most
    /// 10 080, the minutes in a week.
    ///
    /// **Decision:** vigorous minutes are not doubled here. §8.4 states the
    /// guideline as minutes of moderate-to-vigorous activity (an average of
    /// 60 a day, 420 a week), and the CMO 2019 chapter for children and young
    /// people and Sport England's Active Lives Children and Young People
    /// survey both count those minutes as they are; the rule that a vigorous
    /// minute counts as two moderate ones belongs to the adult guideline
    /// (§4.2). Doubling would call a child who runs for 30 minutes a day
    /// `active` and leave them without the advice the guideline gives.
    #[must_use]
    pub const fn moderate_to_vigorous_minutes(self) -> u32 {
        self.moderate.get() + self.vigorous.get()
    }

    /// The Active Lives Children and Young People band of the
    /// moderate-to-vigorous minutes, whatever the person's age.
    #[must_use]
    pub const fn cyp_band(self) -> CypActivityBand {
        CypActivityBand::from_weekly_minutes(self.moderate_to_vigorous_minutes())
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

/// Sport England's Active Lives Children and Young People activity level, on
/// the daily average of moderate-to-vigorous minutes across the week, ordered
/// from least to most active (CLINICAL-REFERENCE §8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CypActivityBand {
    /// An average of under 30 minutes a day (under 210 minutes a week).
    LessActive,
    /// An average of 30 to 59 minutes a day (210 to 419 minutes a week).
    FairlyActive,
    /// An average of 60 minutes a day or more (420 minutes a week or more):
    /// the children and young people's guideline is met.
    Active,
}

impl CypActivityBand {
    /// The band of a week's moderate-to-vigorous minutes. The bands are
    /// stated on the daily average, the weekly minutes divided by
    /// [`DAYS_IN_WEEK`]; an average under 30 is a week under 210
    /// ([`CYP_FAIRLY_ACTIVE_MIN_WEEKLY_MINUTES`]) and an average under 60 a
    /// week under 420 ([`CYP_GUIDELINE_WEEKLY_MINUTES`]), so the weekly total
    /// is compared exactly, with no rounding (CLINICAL-REFERENCE §8.4).
    #[must_use]
    pub const fn from_weekly_minutes(minutes: u32) -> CypActivityBand {
        if minutes < CYP_FAIRLY_ACTIVE_MIN_WEEKLY_MINUTES {
            CypActivityBand::LessActive
        } else if minutes < CYP_GUIDELINE_WEEKLY_MINUTES {
            CypActivityBand::FairlyActive
        } else {
            CypActivityBand::Active
        }
    }
}

/// The children and young people's guideline and Active Lives band, for ages
/// 5 to 18 (CLINICAL-REFERENCE §8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CypWeeklyResult {
    /// Moderate plus vigorous minutes in the week, each counted once (0 to
    /// 10 080; see [`WeeklyActivity::moderate_to_vigorous_minutes`]).
    pub moderate_to_vigorous_minutes: u32,
    /// The daily average across the week, in whole minutes, rounded down, so
    /// that it reads against the bands as they are judged (209 minutes a week
    /// is 29, `less_active`; 210 is 30, `fairly_active`).
    pub average_minutes_per_day: u32,
    /// Whether the guideline is met: an average of at least 60 minutes a day
    /// across the week, 420 minutes a week.
    pub meets_guideline: bool,
    /// Sport England's Active Lives Children and Young People band.
    pub band: CypActivityBand,
}

/// The children and young people's result, or why it does not apply.
///
/// In JSON: `{"kind": "assessed", "value": {"moderate_to_vigorous_minutes":
/// 280, "average_minutes_per_day": 40, "meets_guideline": false, "band":
/// "fairly_active"}}` or `{"kind": "not_applicable", "value": {"reason":
/// "age_above_children_and_young_people_range"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum CypWeeklyOutcome {
    /// Aged 5 to 18: judged against the children and young people's
    /// guideline.
    Assessed(CypWeeklyResult),
    /// Under 5 or over 18: the children and young people's guideline does not
    /// apply.
    NotApplicable {
        /// Why.
        reason: NotApplicableReason,
    },
}

impl CypWeeklyOutcome {
    /// The band, when the guideline applies at this age.
    #[must_use]
    pub const fn band(self) -> Option<CypActivityBand> {
        match self {
            CypWeeklyOutcome::Assessed(result) => Some(result.band),
            CypWeeklyOutcome::NotApplicable { .. } => None,
        }
    }
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

/// The weekly-minutes result (CLINICAL-REFERENCE §4.2, §8.4): each guideline
/// and band, or why it does not apply at this age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WeeklyResult {
    /// Moderate minutes plus twice the vigorous minutes (0 to 20 160).
    pub moderate_equivalent_minutes: u32,
    /// Sport England's Active Lives adult band, from age 16. From 16 to 18 it
    /// is reported but the plan reads [`Self::children_and_young_people`]
    /// instead (CLINICAL-REFERENCE §8.4).
    pub active_lives: ActiveLivesOutcome,
    /// The adult aerobic guideline: at least 150 moderate-equivalent minutes a
    /// week, from age 19.
    pub aerobic_guideline: Guideline,
    /// The adult muscle-strengthening guideline: at least 2 days a week, from
    /// age 19.
    pub strength_guideline: Guideline,
    /// The children and young people's guideline and Active Lives band, ages
    /// 5 to 18 (CLINICAL-REFERENCE §8.4).
    pub children_and_young_people: CypWeeklyOutcome,
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
        children_and_young_people: score_cyp(week, age),
    }
}

/// Judges a week's activity against the children and young people's
/// guideline at `age` (whole years): assessed from 5 to 18, not applicable
/// outside (CLINICAL-REFERENCE §8.4).
const fn score_cyp(week: WeeklyActivity, age: u32) -> CypWeeklyOutcome {
    if age < CYP_GUIDELINE_MIN_AGE {
        return CypWeeklyOutcome::NotApplicable {
            reason: NotApplicableReason::AgeBelowChildrenAndYoungPeopleRange,
        };
    }
    if age > CYP_GUIDELINE_MAX_AGE {
        return CypWeeklyOutcome::NotApplicable {
            reason: NotApplicableReason::AgeAboveChildrenAndYoungPeopleRange,
        };
    }
    let minutes = week.moderate_to_vigorous_minutes();
    CypWeeklyOutcome::Assessed(CypWeeklyResult {
        moderate_to_vigorous_minutes: minutes,
        average_minutes_per_day: minutes / DAYS_IN_WEEK,
        meets_guideline: minutes >= CYP_GUIDELINE_WEEKLY_MINUTES,
        band: week.cyp_band(),
    })
}
