//! The General Practice Physical Activity Questionnaire (CLINICAL-REFERENCE §4.1).

use serde::{Deserialize, Serialize};

use super::NotApplicableReason;
use crate::bounded::{checked_wrapper, named_enum, names_round_trip_tests};
use crate::error::Error;
use crate::instruments::Reply;
use crate::units::{WEEKLY_MINUTES, WeeklyMinutes};

/// The youngest age GPPAQ is validated for, in whole years
/// (CLINICAL-REFERENCE §4.1; Department of Health, GPPAQ, May 2009).
pub const GPPAQ_MIN_AGE: u32 = 16;

/// The oldest age GPPAQ is validated for, in whole years
/// (CLINICAL-REFERENCE §4.1; Department of Health, GPPAQ, May 2009).
pub const GPPAQ_MAX_AGE: u32 = 74;

/// Minutes in the `none` hours band: exactly zero
/// (CLINICAL-REFERENCE §4.1; GPPAQ hours bands).
pub const HOURS_BAND_NONE_MINUTES: u32 = 0;

/// The lower edge, in minutes, of the `1_to_less_than_3` band; anything from 1
/// minute up to this is `some_but_less_than_1`
/// (CLINICAL-REFERENCE §4.1; GPPAQ hours bands).
pub const HOURS_BAND_ONE_HOUR_MINUTES: u32 = 60;

/// The lower edge, in minutes, of the `3_or_more` band
/// (CLINICAL-REFERENCE §4.1; GPPAQ hours bands).
pub const HOURS_BAND_THREE_HOURS_MINUTES: u32 = 180;

/// The most points the combined exercise-and-cycling answer can score; the sum
/// of the two answers' points is capped here
/// (CLINICAL-REFERENCE §4.1 **Decision**).
pub const COMBINED_POINTS_CAP: u8 = 3;

/// The §7 SNOMED CT concept for the GPPAQ physical activity index (observable
/// entity), under which a host can record [`PhysicalActivityIndex`]
/// (CLINICAL-REFERENCE §7, confirmed).
///
/// The codes for the four index values are marked "to verify" in the clinical
/// reference (two sets of ids circulate), so none is given here.
pub const GPPAQ_INDEX_OBSERVABLE_SNOMED_CT: &str = "1086511000000107";

named_enum! {
    /// The type and amount of physical activity involved in the person's work
    /// (CLINICAL-REFERENCE §4.1).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Occupation {
        /// Not in employment, for whatever reason. Scored as [`ScoredOccupation::Sedentary`].
        NotInEmployment = "not_in_employment",
        /// Most of the working time spent sitting, as in an office.
        Sedentary = "sedentary",
        /// Most of the working time spent standing or walking, with little
        /// physical effort.
        Standing = "standing",
        /// Work needing definite physical effort, such as using tools or handling
        /// heavy objects.
        Physical = "physical",
        /// Vigorous work, such as handling very heavy objects.
        HeavyManual = "heavy_manual",
    }
}

impl Occupation {
    /// The column of the index table this answer is scored in: not in
    /// employment is scored as sedentary (CLINICAL-REFERENCE §4.1).
    #[must_use]
    pub const fn as_scored(self) -> ScoredOccupation {
        match self {
            Occupation::NotInEmployment | Occupation::Sedentary => ScoredOccupation::Sedentary,
            Occupation::Standing => ScoredOccupation::Standing,
            Occupation::Physical => ScoredOccupation::Physical,
            Occupation::HeavyManual => ScoredOccupation::HeavyManual,
        }
    }
}

named_enum! {
    /// An occupation as GPPAQ scores it, ordered from least to most active.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum ScoredOccupation {
        /// Sedentary work, or not in employment.
        Sedentary = "sedentary",
        /// Standing work.
        Standing = "standing",
        /// Physical work.
        Physical = "physical",
        /// Heavy manual work.
        HeavyManual = "heavy_manual",
    }
}

named_enum! {
    /// Hours of an activity in the last week, in GPPAQ's four bands, ordered from
    /// least to most (CLINICAL-REFERENCE §4.1).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum HoursBand {
        /// None.
        None = "none",
        /// Some, but less than 1 hour.
        SomeButLessThan1 = "some_but_less_than_1",
        /// 1 hour, but less than 3 hours.
        OneToLessThan3 = "1_to_less_than_3",
        /// 3 hours or more.
        ThreeOrMore = "3_or_more",
    }
}

impl HoursBand {
    /// The band's points for combining exercise and cycling: `none` 0,
    /// `some_but_less_than_1` 1, `1_to_less_than_3` 2, `3_or_more` 3
    /// (CLINICAL-REFERENCE §4.1).
    #[must_use]
    pub const fn points(self) -> u8 {
        match self {
            HoursBand::None => 0,
            HoursBand::SomeButLessThan1 => 1,
            HoursBand::OneToLessThan3 => 2,
            HoursBand::ThreeOrMore => 3,
        }
    }

    /// The band with `points` points; anything above
    /// [`COMBINED_POINTS_CAP`] is `3_or_more`.
    #[must_use]
    pub const fn from_points(points: u8) -> HoursBand {
        match points {
            0 => HoursBand::None,
            1 => HoursBand::SomeButLessThan1,
            2 => HoursBand::OneToLessThan3,
            _ => HoursBand::ThreeOrMore,
        }
    }

    /// The band that `minutes` in the last week fall in: 0 is `none`, under
    /// [`HOURS_BAND_ONE_HOUR_MINUTES`] is `some_but_less_than_1`, under
    /// [`HOURS_BAND_THREE_HOURS_MINUTES`] is `1_to_less_than_3`, and more is
    /// `3_or_more` (CLINICAL-REFERENCE §4.1).
    ///
    /// ```
    /// use mecc::instruments::activity::HoursBand;
    ///
    /// assert_eq!(HoursBand::from_minutes(59), HoursBand::SomeButLessThan1);
    /// assert_eq!(HoursBand::from_minutes(60), HoursBand::OneToLessThan3);
    /// ```
    #[must_use]
    pub const fn from_minutes(minutes: u32) -> HoursBand {
        if minutes == HOURS_BAND_NONE_MINUTES {
            HoursBand::None
        } else if minutes < HOURS_BAND_ONE_HOUR_MINUTES {
            HoursBand::SomeButLessThan1
        } else if minutes < HOURS_BAND_THREE_HOURS_MINUTES {
            HoursBand::OneToLessThan3
        } else {
            HoursBand::ThreeOrMore
        }
    }
}

/// Combines the physical-exercise and cycling answers into the one band the
/// Physical Activity Index is read from (CLINICAL-REFERENCE §4.1).
///
/// Each band scores points (`none` 0, `some_but_less_than_1` 1,
/// `1_to_less_than_3` 2, `3_or_more` 3); the combined band is the one whose
/// points equal the sum of the two, capped at [`COMBINED_POINTS_CAP`].
///
/// **Decision** (CLINICAL-REFERENCE §4.1): the GPPAQ guidance's Annex 1c,
/// "Combining responses for physical exercise and cycling", could not be
/// retrieved. The sum-of-points rule is the one used by the NHS Digital NHS
/// Health Check implementation and in practitioner guidance ("add up the
/// points"). Some implementations take the larger of the two bands instead. The
/// two rules differ only when both answers are non-zero: for example, some but
/// less than an hour of each is `1_to_less_than_3` here, and
/// `some_but_less_than_1` by the larger band. This function is the one place
/// the rule lives.
///
/// ```
/// use mecc::instruments::activity::{HoursBand, combined_exercise_and_cycling};
///
/// assert_eq!(
///     combined_exercise_and_cycling(HoursBand::SomeButLessThan1, HoursBand::SomeButLessThan1),
///     HoursBand::OneToLessThan3,
/// );
/// assert_eq!(
///     combined_exercise_and_cycling(HoursBand::OneToLessThan3, HoursBand::OneToLessThan3),
///     HoursBand::ThreeOrMore, // 4 points, capped at 3
/// );
/// ```
#[must_use]
pub const fn combined_exercise_and_cycling(exercise: HoursBand, cycling: HoursBand) -> HoursBand {
    let sum = exercise.points() + cycling.points();
    let capped = if sum > COMBINED_POINTS_CAP {
        COMBINED_POINTS_CAP
    } else {
        sum
    };
    HoursBand::from_points(capped)
}

/// The person's usual walking pace. Recorded, not scored
/// (CLINICAL-REFERENCE §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WalkingPace {
    /// Slow.
    Slow,
    /// Steady.
    Steady,
    /// Brisk.
    Brisk,
    /// Fast.
    Fast,
}

/// Physical exercise and cycling in the last week, each as a GPPAQ band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExerciseAndCyclingBands {
    /// Physical exercise, such as sport or a gym session.
    pub exercise: HoursBand,
    /// Cycling, for travel or for leisure.
    pub cycling: HoursBand,
}

/// Exact minutes of physical exercise and of cycling in the last week.
///
/// The two together cannot exceed the minutes in a week. Their combined band
/// is the band of their sum (CLINICAL-REFERENCE §4.1).
///
/// ```
/// use mecc::instruments::activity::{ExerciseAndCyclingMinutes, HoursBand};
///
/// let m = ExerciseAndCyclingMinutes::try_new(45, 30)?;
/// assert_eq!(m.combined_band(), HoursBand::OneToLessThan3); // 75 minutes
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// The schema of the fields, keeping their description.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "ExerciseAndCyclingMinutesFields", description = "")
)]
pub struct ExerciseAndCyclingMinutes {
    exercise: WeeklyMinutes,
    cycling: WeeklyMinutes,
}

/// The JSON form of [`ExerciseAndCyclingMinutes`], before it is checked:
/// `{"exercise": 45, "cycling": 30}`, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExerciseAndCyclingMinutesFields {
    /// Minutes of physical exercise in the last week.
    #[cfg_attr(feature = "schema", schemars(with = "WeeklyMinutes"))]
    pub exercise: u32,
    /// Minutes of cycling in the last week.
    #[cfg_attr(feature = "schema", schemars(with = "WeeklyMinutes"))]
    pub cycling: u32,
}

checked_wrapper! {
    ExerciseAndCyclingMinutes from ExerciseAndCyclingMinutesFields,
    check |f: ExerciseAndCyclingMinutesFields| ExerciseAndCyclingMinutes::try_new(f.exercise, f.cycling),
    fields |m: ExerciseAndCyclingMinutes| ExerciseAndCyclingMinutesFields {
        exercise: m.exercise.get(),
        cycling: m.cycling.get(),
    },
}

impl ExerciseAndCyclingMinutes {
    /// Minutes of physical exercise and of cycling in the last week.
    ///
    /// # Errors
    /// - [`Error::OutOfRange`] for `minutes.exercise` or `minutes.cycling`
    ///   above 10 080 ([`WEEKLY_MINUTES`]).
    /// - [`Error::Inconsistent`] when the two together exceed 10 080, the
    ///   minutes in one week.
    pub fn try_new(exercise: u32, cycling: u32) -> Result<ExerciseAndCyclingMinutes, Error> {
        let exercise = WeeklyMinutes::named("minutes.exercise", exercise)?;
        let cycling = WeeklyMinutes::named("minutes.cycling", cycling)?;
        if f64::from(exercise.get() + cycling.get()) > WEEKLY_MINUTES.max() {
            return Err(Error::Inconsistent {
                field: "minutes.cycling",
                value: cycling.get().to_string(),
                other: format!("minutes.exercise = {}", exercise.get()),
                reason: "exercise and cycling together cannot take more than the 10080 minutes in one week; check both are minutes in the last week",
            });
        }
        Ok(ExerciseAndCyclingMinutes { exercise, cycling })
    }

    /// Minutes of physical exercise.
    #[must_use]
    pub const fn exercise(self) -> WeeklyMinutes {
        self.exercise
    }

    /// Minutes of cycling.
    #[must_use]
    pub const fn cycling(self) -> WeeklyMinutes {
        self.cycling
    }

    /// Exercise and cycling minutes together (at most 10 080).
    #[must_use]
    pub const fn total(self) -> u32 {
        self.exercise.get() + self.cycling.get()
    }

    /// The band of the total: when exact minutes are given, the band of their
    /// sum decides (CLINICAL-REFERENCE §4.1).
    #[must_use]
    pub const fn combined_band(self) -> HoursBand {
        HoursBand::from_minutes(self.total())
    }
}

/// Physical exercise and cycling in the last week, as bands or as exact minutes.
///
/// In JSON: `{"kind": "bands", "value": {"exercise": "none", "cycling": "3_or_more"}}` or
/// `{"kind": "minutes", "value": {"exercise": 45, "cycling": 30}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum ExerciseAndCycling {
    /// Each answered as a GPPAQ band; combined by
    /// [`combined_exercise_and_cycling`].
    Bands(ExerciseAndCyclingBands),
    /// Each given in exact minutes; the band of their sum decides.
    Minutes(ExerciseAndCyclingMinutes),
}

impl ExerciseAndCycling {
    /// The combined band the Physical Activity Index is read from
    /// (CLINICAL-REFERENCE §4.1).
    #[must_use]
    pub const fn combined_band(self) -> HoursBand {
        match self {
            ExerciseAndCycling::Bands(b) => combined_exercise_and_cycling(b.exercise, b.cycling),
            ExerciseAndCycling::Minutes(m) => m.combined_band(),
        }
    }
}

/// The answers to the GPPAQ (CLINICAL-REFERENCE §4.1).
///
/// Occupation and exercise-and-cycling are scored. Walking, housework and
/// childcare, gardening and DIY, and walking pace are recorded but not scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GppaqAnswers {
    /// The type and amount of physical activity in the person's work.
    pub occupation: Reply<Occupation>,
    /// Physical exercise and cycling in the last week.
    pub exercise_and_cycling: Reply<ExerciseAndCycling>,
    /// Walking in the last week, for any purpose. Not scored.
    pub walking: Reply<HoursBand>,
    /// Housework and childcare in the last week. Not scored.
    pub housework_and_childcare: Reply<HoursBand>,
    /// Gardening and DIY in the last week. Not scored.
    pub gardening_and_diy: Reply<HoursBand>,
    /// Usual walking pace. Not scored.
    pub walking_pace: Reply<WalkingPace>,
}

impl GppaqAnswers {
    /// The two scored answers, with the unscored questions not asked.
    #[must_use]
    pub const fn scored_only(
        occupation: Occupation,
        exercise_and_cycling: ExerciseAndCycling,
    ) -> GppaqAnswers {
        GppaqAnswers {
            occupation: Reply::Answered(occupation),
            exercise_and_cycling: Reply::Answered(exercise_and_cycling),
            walking: Reply::NotAsked,
            housework_and_childcare: Reply::NotAsked,
            gardening_and_diy: Reply::NotAsked,
            walking_pace: Reply::NotAsked,
        }
    }
}

/// The GPPAQ Physical Activity Index, ordered from least to most active
/// (CLINICAL-REFERENCE §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PhysicalActivityIndex {
    /// Inactive.
    Inactive,
    /// Moderately inactive.
    ModeratelyInactive,
    /// Moderately active.
    ModeratelyActive,
    /// Active.
    Active,
}

/// The Physical Activity Index table (CLINICAL-REFERENCE §4.1; Department of
/// Health, GPPAQ, May 2009), indexed as
/// `[combined band as usize][scored occupation as usize]`: rows `none`,
/// `some_but_less_than_1`, `1_to_less_than_3`, `3_or_more`; columns sedentary,
/// standing, physical, heavy manual.
pub const PHYSICAL_ACTIVITY_INDEX_TABLE: [[PhysicalActivityIndex; 4]; 4] = {
    use PhysicalActivityIndex::{Active, Inactive, ModeratelyActive, ModeratelyInactive};
    [
        [Inactive, ModeratelyInactive, ModeratelyActive, Active],
        [ModeratelyInactive, ModeratelyActive, Active, Active],
        [ModeratelyActive, Active, Active, Active],
        [Active, Active, Active, Active],
    ]
};

/// The Physical Activity Index for an occupation and a combined
/// exercise-and-cycling band, read from [`PHYSICAL_ACTIVITY_INDEX_TABLE`]; not
/// in employment is scored as sedentary (CLINICAL-REFERENCE §4.1).
///
/// ```
/// use mecc::instruments::activity::*;
///
/// assert_eq!(
///     physical_activity_index(Occupation::NotInEmployment, HoursBand::OneToLessThan3),
///     PhysicalActivityIndex::ModeratelyActive,
/// );
/// ```
#[must_use]
pub const fn physical_activity_index(
    occupation: Occupation,
    combined: HoursBand,
) -> PhysicalActivityIndex {
    // Both enums have exactly four variants numbered 0 to 3, matching the
    // table's 4 × 4 shape, so the lookup cannot go out of bounds.
    PHYSICAL_ACTIVITY_INDEX_TABLE[combined as usize][occupation.as_scored() as usize]
}

/// Which scored GPPAQ answers are still to be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MissingGppaqAnswers {
    /// The occupation question.
    Occupation,
    /// The exercise-and-cycling questions.
    ExerciseAndCycling,
    /// Both.
    OccupationAndExerciseAndCycling,
}

/// A scored GPPAQ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GppaqResult {
    /// The Physical Activity Index.
    pub index: PhysicalActivityIndex,
    /// The combined exercise-and-cycling band the index was read from.
    pub combined_band: HoursBand,
    /// The occupation as answered.
    pub occupation: Occupation,
    /// The occupation as scored (not in employment counts as sedentary).
    pub occupation_as_scored: ScoredOccupation,
}

/// The GPPAQ outcome (CLINICAL-REFERENCE §4.1).
///
/// In JSON: `{"kind": "not_asked"}`, `{"kind": "not_applicable", "value": {"reason": ...}}`,
/// `{"kind": "incomplete", "value": {"missing": ...}}` or `{"kind": "scored", "value": {...}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum GppaqOutcome {
    /// GPPAQ was not asked.
    NotAsked,
    /// GPPAQ does not apply at this age: it is validated for 16 to 74.
    NotApplicable {
        /// Why.
        reason: NotApplicableReason,
    },
    /// GPPAQ was started but a scored question is still unanswered, so there
    /// is no index yet.
    Incomplete {
        /// What is still to be asked.
        missing: MissingGppaqAnswers,
    },
    /// GPPAQ was scored.
    Scored(GppaqResult),
}

/// Scores answered GPPAQ answers at `age` (whole years).
pub(super) const fn score(answers: &GppaqAnswers, age: u32) -> GppaqOutcome {
    if age < GPPAQ_MIN_AGE {
        return GppaqOutcome::NotApplicable {
            reason: NotApplicableReason::AgeBelowGppaqRange,
        };
    }
    if age > GPPAQ_MAX_AGE {
        return GppaqOutcome::NotApplicable {
            reason: NotApplicableReason::AgeAboveGppaqRange,
        };
    }
    match (answers.occupation, answers.exercise_and_cycling) {
        (Reply::Answered(occupation), Reply::Answered(exercise_and_cycling)) => {
            let combined_band = exercise_and_cycling.combined_band();
            GppaqOutcome::Scored(GppaqResult {
                index: physical_activity_index(occupation, combined_band),
                combined_band,
                occupation,
                occupation_as_scored: occupation.as_scored(),
            })
        }
        (Reply::NotAsked, Reply::Answered(_)) => GppaqOutcome::Incomplete {
            missing: MissingGppaqAnswers::Occupation,
        },
        (Reply::Answered(_), Reply::NotAsked) => GppaqOutcome::Incomplete {
            missing: MissingGppaqAnswers::ExerciseAndCycling,
        },
        (Reply::NotAsked, Reply::NotAsked) => GppaqOutcome::Incomplete {
            missing: MissingGppaqAnswers::OccupationAndExerciseAndCycling,
        },
    }
}

names_round_trip_tests!(
    occupation_names_round_trip: Occupation,
    scored_occupation_names_round_trip: ScoredOccupation,
    hours_band_names_round_trip: HoursBand,
);
