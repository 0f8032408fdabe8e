//! Physical activity: the General Practice Physical Activity Questionnaire
//! (GPPAQ) and weekly minutes against the UK Chief Medical Officers'
//! guidelines for adults and for children and young people
//! (CLINICAL-REFERENCE §4, §8.4).
//!
//! Either measure, or both, may be answered. [`score`] turns the [`Answers`]
//! and the contact's age into an [`Finding`] holding, for each measure,
//! whether it was asked, whether it applies at this age, and its result:
//!
//! - GPPAQ (§4.1): the [`PhysicalActivityIndex`], the combined
//!   exercise-and-cycling [`HoursBand`] it was read from, and the occupation as
//!   scored. Valid for ages 16 to 74.
//! - Weekly minutes (§4.2): moderate-equivalent minutes (vigorous minutes count
//!   double), Sport England's Active Lives band, and whether the adult aerobic
//!   and muscle-strengthening guidelines are met (from 19).
//! - Weekly minutes for children and young people (§8.4, ages 5 to 18):
//!   moderate-to-vigorous minutes, their daily average across the week,
//!   whether the guideline of an average of 60 minutes a day is met, and the
//!   Active Lives Children and Young People band ([`CypActivityBand`]).
//!
//! ```
//! use mecc::context::Contact;
//! use mecc::instruments::Reply;
//! use mecc::instruments::activity::{self, *};
//!
//! let contact: Contact = serde_json::from_value(serde_json::json!({
//!     "age": 52, "sex": "female", "pregnant": "no", "family_background": "white",
//!     "setting": "general_practice", "time_available": "brief",
//!     "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
//!     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
//!                       "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
//! }))?;
//! let answers = Answers {
//!     gppaq: Reply::Answered(GppaqAnswers::scored_only(
//!         Occupation::Sedentary,
//!         ExerciseAndCycling::Bands(ExerciseAndCyclingBands {
//!             exercise: HoursBand::SomeButLessThan1,
//!             cycling: HoursBand::None,
//!         }),
//!     )),
//!     weekly: Reply::Answered(WeeklyActivity::try_new(90, 30, Reply::Answered(StrengthDays::new(1)?))?),
//! };
//! let finding = activity::score(&answers, &contact);
//! assert_eq!(finding.index(), Some(PhysicalActivityIndex::ModeratelyInactive));
//! assert_eq!(finding.weekly_band(), Some(ActiveLivesBand::Active)); // 90 + 2 × 30 = 150
//! assert_eq!(finding.meets_aerobic_guideline(), Some(true));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use super::Reply;
use crate::context::Person;
use crate::outcome::{Outcome, OutcomeSet};
use crate::provenance::Source;

mod gppaq;
mod weekly;

pub use gppaq::{
    COMBINED_POINTS_CAP, ExerciseAndCycling, ExerciseAndCyclingBands, ExerciseAndCyclingMinutes,
    ExerciseAndCyclingMinutesFields, GPPAQ_INDEX_OBSERVABLE_SNOMED_CT, GPPAQ_MAX_AGE,
    GPPAQ_MIN_AGE, GppaqAnswers, GppaqOutcome, GppaqResult, HOURS_BAND_NONE_MINUTES,
    HOURS_BAND_ONE_HOUR_MINUTES, HOURS_BAND_THREE_HOURS_MINUTES, HoursBand, MissingGppaqAnswers,
    Occupation, PHYSICAL_ACTIVITY_INDEX_TABLE, PhysicalActivityIndex, ScoredOccupation,
    WalkingPace, combined_exercise_and_cycling, physical_activity_index,
};
pub use weekly::{
    ACTIVE_LIVES_ACTIVE_MIN_MINUTES, ACTIVE_LIVES_FAIRLY_ACTIVE_MIN_MINUTES, ACTIVE_LIVES_MIN_AGE,
    ADULT_GUIDELINE_MIN_AGE, ActiveLivesBand, ActiveLivesOutcome,
    CHILDREN_GUIDELINE_AVERAGE_MINUTES_PER_DAY, CYP_FAIRLY_ACTIVE_MIN_MINUTES_PER_DAY,
    CYP_FAIRLY_ACTIVE_MIN_WEEKLY_MINUTES, CYP_GUIDELINE_MAX_AGE, CYP_GUIDELINE_MIN_AGE,
    CYP_GUIDELINE_WEEKLY_MINUTES, CypActivityBand, CypWeeklyOutcome, CypWeeklyResult, DAYS_IN_WEEK,
    GUIDELINE_MODERATE_EQUIVALENT_MINUTES, Guideline, STRENGTH_DAYS, STRENGTH_GUIDELINE_DAYS,
    StrengthDays, VIGOROUS_WEIGHT, WeeklyActivity, WeeklyActivityFields, WeeklyOutcome,
    WeeklyResult,
};

/// Department of Health, *The General Practice Physical Activity Questionnaire
/// (GPPAQ)*, updated May 2009: the questions, the occupation and hours bands,
/// and the Physical Activity Index (CLINICAL-REFERENCE §4.1).
pub const GPPAQ_SOURCE: Source = Source::with_url(
    "Department of Health. The General Practice Physical Activity Questionnaire (GPPAQ): a screening tool to assess adult physical activity levels within primary care. Updated May 2009",
    "https://www.gov.uk/government/publications/general-practice-physical-activity-questionnaire-gppaq",
);

/// NICE public health guideline PH44, *Physical activity: brief advice for
/// adults in primary care* (2013), which recommends a validated tool such as
/// GPPAQ to identify inactive adults (CLINICAL-REFERENCE §4).
pub const NICE_PH44_SOURCE: Source = Source::with_url(
    "NICE. Physical activity: brief advice for adults in primary care (PH44). 2013",
    "https://www.nice.org.uk/guidance/ph44",
);

/// UK Chief Medical Officers' *Physical activity guidelines* (2019): 150
/// moderate-equivalent minutes a week and muscle strengthening on 2 days for
/// adults; an average of 60 minutes a day for children and young people
/// (CLINICAL-REFERENCE §4.2).
pub const CMO_2019_SOURCE: Source = Source::with_url(
    "UK Chief Medical Officers' Physical Activity Guidelines. Department of Health and Social Care, 2019",
    "https://www.gov.uk/government/publications/physical-activity-guidelines-uk-chief-medical-officers-report",
);

/// Sport England, *Active Lives* adult survey: the `inactive` (under 30),
/// `fairly_active` (30 to 149) and `active` (150 or more) bands of weekly
/// moderate-equivalent minutes, for people aged 16 and over
/// (CLINICAL-REFERENCE §4.2).
pub const ACTIVE_LIVES_SOURCE: Source = Source::with_url(
    "Sport England. Active Lives Adult Survey: activity levels (inactive, fairly active, active)",
    "https://www.sportengland.org/research-and-data/data/active-lives",
);

/// Sport England, *Active Lives Children and Young People* survey: the
/// `less_active` (an average of under 30 minutes a day), `fairly_active` (30
/// to 59) and `active` (60 or more) bands of moderate-to-vigorous activity,
/// for ages 5 to 16 in school years 1 to 11, used here to 18 with the CMO
/// guideline they are built on (CLINICAL-REFERENCE §8.4).
pub const ACTIVE_LIVES_CYP_SOURCE: Source = Source::with_url(
    "Sport England. Active Lives Children and Young People Survey: activity levels (less active, fairly active, active)",
    "https://www.sportengland.org/research-and-data/data/active-lives",
);

/// The instrument's primary source: the GPPAQ guidance.
pub const SOURCE: Source = GPPAQ_SOURCE;

/// Every source this instrument implements, primary first.
pub const SOURCES: &[Source] = &[
    GPPAQ_SOURCE,
    NICE_PH44_SOURCE,
    CMO_2019_SOURCE,
    ACTIVE_LIVES_SOURCE,
    ACTIVE_LIVES_CYP_SOURCE,
];

/// The version of this instrument's rules: GPPAQ as updated in May 2009 and the
/// CMO guidelines of 2019. Recorded in every finding as [`ActivitySource`].
pub const VERSION: &str = "gppaq-2009+cmo-2019";

/// Which version of the instrument produced a finding, so a recorded result can
/// be traced to its sources. Serializes as [`VERSION`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ActivitySource {
    /// GPPAQ (Department of Health, May 2009), NICE PH44 (2013), the UK CMO
    /// guidelines (2019) and Sport England's Active Lives bands.
    #[serde(rename = "gppaq-2009+cmo-2019")]
    Gppaq2009Cmo2019,
}

impl ActivitySource {
    /// The version text, equal to [`VERSION`].
    #[must_use]
    pub const fn version(self) -> &'static str {
        match self {
            ActivitySource::Gppaq2009Cmo2019 => VERSION,
        }
    }

    /// The published sources this version implements.
    #[must_use]
    pub const fn sources(self) -> &'static [Source] {
        match self {
            ActivitySource::Gppaq2009Cmo2019 => SOURCES,
        }
    }
}

/// Why a measure, or part of one, does not apply to this person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ActivityNotApplicableReason")
)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicableReason {
    /// Under 16: GPPAQ is validated for ages 16 to 74 ([`GPPAQ_MIN_AGE`]).
    AgeBelowGppaqRange,
    /// Over 74: GPPAQ is validated for ages 16 to 74 ([`GPPAQ_MAX_AGE`]).
    AgeAboveGppaqRange,
    /// Under 19: the adult guidelines (150 minutes a week, strength on 2 days)
    /// start at [`ADULT_GUIDELINE_MIN_AGE`]; from 5 to 18 the children and
    /// young people's guideline, an average of
    /// [`CHILDREN_GUIDELINE_AVERAGE_MINUTES_PER_DAY`] minutes a day across the
    /// week, is judged instead ([`CypWeeklyOutcome`]).
    AgeBelowAdultGuideline,
    /// Under 16: the Active Lives adult bands are defined from
    /// [`ACTIVE_LIVES_MIN_AGE`].
    AgeBelowActiveLivesRange,
    /// Under 5: the children and young people's guideline starts at
    /// [`CYP_GUIDELINE_MIN_AGE`] (CLINICAL-REFERENCE §8.4).
    AgeBelowChildrenAndYoungPeopleRange,
    /// Over 18: the children and young people's guideline ends at
    /// [`CYP_GUIDELINE_MAX_AGE`]; the adult guideline applies from 19
    /// (CLINICAL-REFERENCE §8.4).
    AgeAboveChildrenAndYoungPeopleRange,
}

impl NotApplicableReason {
    /// The reason, in words a practitioner can be shown.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            NotApplicableReason::AgeBelowGppaqRange => {
                "GPPAQ is validated for adults aged 16 to 74; this person is younger"
            }
            NotApplicableReason::AgeAboveGppaqRange => {
                "GPPAQ is validated for adults aged 16 to 74; this person is older"
            }
            NotApplicableReason::AgeBelowAdultGuideline => {
                "the adult guideline applies from age 19; children and young people should average at least 60 minutes of moderate-to-vigorous activity a day across the week"
            }
            NotApplicableReason::AgeBelowActiveLivesRange => {
                "the Active Lives adult activity bands apply from age 16"
            }
            NotApplicableReason::AgeBelowChildrenAndYoungPeopleRange => {
                "the children and young people's guideline applies from age 5; this child is younger"
            }
            NotApplicableReason::AgeAboveChildrenAndYoungPeopleRange => {
                "the children and young people's guideline applies up to age 18; the adult guideline applies from 19"
            }
        }
    }
}

/// The answers to the physical-activity questions.
///
/// Either measure, or both, may be answered; in JSON each is `{"kind": "not_asked"}` or
/// `{"kind": "answered", "value": ...}`:
///
/// ```json
/// {
///   "gppaq": {"kind": "answered", "value": {
///     "occupation": {"kind": "answered", "value": "standing"},
///     "exercise_and_cycling": {"kind": "answered", "value": {"kind": "bands", "value": {"exercise": "none", "cycling": "3_or_more"}}},
///     "walking": {"kind": "not_asked"}, "housework_and_childcare": {"kind": "not_asked"},
///     "gardening_and_diy": {"kind": "not_asked"}, "walking_pace": {"kind": "answered", "value": "brisk"}
///   }},
///   "weekly": {"kind": "answered", "value": {"moderate_minutes_per_week": 120, "vigorous_minutes_per_week": 20,
///                           "strength_days_per_week": {"kind": "answered", "value": 2}}}
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ActivityAnswers")
)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// The GPPAQ (CLINICAL-REFERENCE §4.1).
    pub gppaq: Reply<GppaqAnswers>,
    /// Moderate and vigorous minutes in a usual week and muscle-strengthening
    /// days (CLINICAL-REFERENCE §4.2, and for ages 5 to 18 §8.4).
    pub weekly: Reply<WeeklyActivity>,
}

impl Answers {
    /// Nothing asked yet.
    pub const NOT_ASKED: Answers = Answers {
        gppaq: Reply::NotAsked,
        weekly: Reply::NotAsked,
    };
}

/// What the physical-activity answers show.
///
/// Each measure is reported separately, as a typed outcome: not asked, not
/// applicable at this age (with the reason), or its result. The helpers
/// [`index`](Finding::index), [`weekly_band`](Finding::weekly_band),
/// [`meets_aerobic_guideline`](Finding::meets_aerobic_guideline) and
/// [`cyp_band`](Finding::cyp_band) give the values a policy reads most often.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(rename = "ActivityFinding"))]
pub struct Finding {
    /// The GPPAQ outcome (CLINICAL-REFERENCE §4.1).
    pub gppaq: GppaqOutcome,
    /// The weekly-minutes outcome (CLINICAL-REFERENCE §4.2, §8.4).
    pub weekly: WeeklyOutcome,
    /// The version of the rules that produced this finding.
    pub source: ActivitySource,
}

impl Finding {
    /// The GPPAQ Physical Activity Index, when GPPAQ was scored.
    #[must_use]
    pub const fn index(&self) -> Option<PhysicalActivityIndex> {
        match self.gppaq {
            GppaqOutcome::Scored(result) => Some(result.index),
            _ => None,
        }
    }

    /// The Active Lives band of the weekly minutes, when they were given and
    /// the band applies at this age.
    #[must_use]
    pub const fn weekly_band(&self) -> Option<ActiveLivesBand> {
        match self.weekly {
            WeeklyOutcome::Assessed(WeeklyResult {
                active_lives: ActiveLivesOutcome::Band(band),
                ..
            }) => Some(band),
            _ => None,
        }
    }

    /// Whether the adult aerobic guideline (150 moderate-equivalent minutes a
    /// week) is met, when the weekly minutes were given and the guideline
    /// applies at this age.
    #[must_use]
    pub const fn meets_aerobic_guideline(&self) -> Option<bool> {
        match self.weekly {
            WeeklyOutcome::Assessed(result) => result.aerobic_guideline.is_met(),
            WeeklyOutcome::NotAsked => None,
        }
    }

    /// The Active Lives Children and Young People band of the weekly
    /// minutes, when they were given and the person is aged 5 to 18
    /// (CLINICAL-REFERENCE §8.4).
    #[must_use]
    pub const fn cyp_band(&self) -> Option<CypActivityBand> {
        match self.weekly {
            WeeklyOutcome::Assessed(result) => result.children_and_young_people.band(),
            WeeklyOutcome::NotAsked => None,
        }
    }
}

/// Scores the physical-activity answers for one contact.
///
/// Pure and total: it cannot fail and allocates nothing. Only the contact's age
/// is read: GPPAQ applies from [`GPPAQ_MIN_AGE`] to [`GPPAQ_MAX_AGE`], the
/// Active Lives adult bands from [`ACTIVE_LIVES_MIN_AGE`], the adult
/// guidelines from [`ADULT_GUIDELINE_MIN_AGE`], and the children and young
/// people's guideline and bands from [`CYP_GUIDELINE_MIN_AGE`] to
/// [`CYP_GUIDELINE_MAX_AGE`].
///
/// Age is checked before completeness: an answered GPPAQ outside 16 to 74 is
/// `not_applicable` even if a scored question is still unanswered.
pub fn score(answers: &Answers, person: &impl AsRef<Person>) -> Finding {
    let age = person.as_ref().age().years();
    Finding {
        gppaq: match answers.gppaq {
            Reply::NotAsked => GppaqOutcome::NotAsked,
            Reply::Answered(gppaq) => gppaq::score(&gppaq, age),
        },
        weekly: match answers.weekly {
            Reply::NotAsked => WeeklyOutcome::NotAsked,
            Reply::Answered(weekly) => WeeklyOutcome::Assessed(weekly::score(weekly, age)),
        },
        source: ActivitySource::Gppaq2009Cmo2019,
    }
}

impl Finding {
    /// The outcomes the policy reads from this finding: the GPPAQ index and the
    /// Active Lives band on weekly minutes, where each applies
    /// (CLINICAL-REFERENCE §4, §8.4).
    ///
    /// **Decision:** from 5 to 18 the weekly minutes give only the children
    /// and young people's outcomes (`cyp_*`), never the adult `weekly_*`
    /// ones, though the adult Active Lives band is still reported in the
    /// finding from 16. §8.4 says that for 5 to 18 the weekly minutes are read
    /// against the children and young people's guideline, "never the adult
    /// 150-minute guideline"; an adult band as well would ask the policy for
    /// two verdicts on one week, one of them on the wrong guideline. The adult
    /// `weekly_*` outcomes are given from 19. GPPAQ's index is given from 16
    /// as before (§4.1); the policy answers it with the young people's advice
    /// under 19.
    #[must_use]
    pub fn outcomes(&self) -> OutcomeSet {
        let mut o = OutcomeSet::EMPTY;
        if let Some(index) = self.index() {
            o.insert(Outcome::ActivityIndexCalculated);
            o.insert(match index {
                PhysicalActivityIndex::Inactive => Outcome::ActivityInactive,
                PhysicalActivityIndex::ModeratelyInactive => Outcome::ActivityModeratelyInactive,
                PhysicalActivityIndex::ModeratelyActive => Outcome::ActivityModeratelyActive,
                PhysicalActivityIndex::Active => Outcome::ActivityActive,
            });
        }
        if let Some(band) = self.cyp_band() {
            o.insert(match band {
                CypActivityBand::LessActive => Outcome::CypLessActive,
                CypActivityBand::FairlyActive => Outcome::CypFairlyActive,
                CypActivityBand::Active => Outcome::CypActive,
            });
        } else if let Some(band) = self.weekly_band() {
            // No children and young people's band, yet an adult one: 19 or
            // over.
            o.insert(match band {
                ActiveLivesBand::Inactive => Outcome::WeeklyInactive,
                ActiveLivesBand::FairlyActive => Outcome::WeeklyFairlyActive,
                ActiveLivesBand::Active => Outcome::WeeklyActive,
            });
        }
        o
    }
}

crate::instruments::instrument! {
    /// GPPAQ and weekly minutes as an [`Instrument`](super::Instrument).
    Activity {
        key: "activity",
        name: "Physical activity (GPPAQ and weekly minutes)",
        version: VERSION,
        sources: SOURCES,
    }
}
