//! Smoking status, the Heaviness of Smoking Index, pack-years and the
//! carbon-monoxide reading (CLINICAL-REFERENCE §2.1–§2.3).
//!
//! The host records what the person says ([`SmokingStatus`], [`Vaping`]) and,
//! where a monitor is used, an exhaled CO reading ([`CoPpm`]). [`score`] turns
//! those answers and the [`Person`] into a [`Finding`]: the status in
//! summary, how long ago an ex-smoker stopped, whether to treat the person as a
//! smoker for referral, the HSI and pack-years, what the CO reading means, the
//! assumptions made where something was not known, and a SNOMED CT concept to
//! record. The default policy (§2.4) reads the finding; this module knows
//! nothing of plans.
//!
//! ```
//! use mecc::context::Contact;
//! use mecc::instruments::smoking::{self, Answers, DependenceBand, Hsi};
//!
//! let contact: Contact = serde_json::from_value(serde_json::json!({
//!     "age": 42, "sex": "female", "pregnant": "no", "family_background": "white",
//!     "setting": "general_practice", "time_available": "brief",
//!     "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
//!     "comorbidities": { "diabetes": {"kind": "none"}, "hypertension": "no",
//!                        "eating_disorder": "no", "bariatric_surgery": {"kind": "none"} }
//! }))?;
//! let answers: Answers = serde_json::from_str(r#"{
//!     "status": { "kind": "current_smoker", "value": {
//!         "products": ["hand_rolled"],
//!         "cigarettes_per_day": { "kind": "answered", "value": 25 },
//!         "minutes_to_first_cigarette": { "kind": "answered", "value": 5 },
//!         "years_smoked": { "kind": "answered", "value": 20 }
//!     } },
//!     "vaping": {"kind": "not_asked"},
//!     "co_ppm": { "kind": "answered", "value": 18 }
//! }"#)?;
//! answers.validate_against(&contact)?;
//!
//! let finding = smoking::score(&answers, &contact);
//! assert!(finding.treat_as_smoker_for_referral);
//! let Hsi::Computed(hsi) = finding.hsi else { return Err("HSI not computed".into()) };
//! assert_eq!((hsi.total, hsi.band), (5, DependenceBand::High)); // 2 + 3
//! assert_eq!(finding.pack_years.computed().map(|p| p.hundredths()), Some(2500));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Decisions
//!
//! Where the clinical reference leaves a choice, the choice and its reason are
//! written beside the item it governs. In brief:
//!
//! - **The status must be given.** Asking is the first step of very brief
//!   advice, so [`Answers::status`] is not a [`Reply`]: without it there is
//!   nothing to score and nothing to record.
//! - **Not known is read the cautious way, and recorded.** An ex-smoker whose
//!   quit date is not known may have stopped within 2 weeks, so is treated as a
//!   smoker for referral; a contact whose pregnancy is not known, and who could
//!   be pregnant, gets the pregnancy CO thresholds. Each appears in
//!   [`Finding::assumptions`].
//! - **Cross-checks against the contact are separate.** [`score`] is total, so
//!   checks that need the contact (years smoked against age) live in
//!   [`Answers::validate_against`], which a host calls before scoring.
//! - The remaining decisions (HSI bands, non-daily smokers, recent quitters and
//!   CO, possible pregnancy, pack-years precision) are on [`DependenceBand`],
//!   [`CigarettesPerDay`], [`co_interpretation`], [`PregnancyReading::of`] and
//!   [`PackYears`].

use crate::Source;
use crate::context::Person;
use crate::instruments::Reply;
use crate::outcome::{Outcome, OutcomeSet};
use crate::units::CoPpm;

mod answers;
mod finding;
#[cfg(feature = "schema")]
mod schema;

pub use answers::{
    Answers, CIGARETTES_PER_DAY, CigarettesPerDay, CurrentSmoking, CurrentSmokingFields,
    MINUTES_TO_FIRST_CIGARETTE, MinutesToFirstCigarette, Product, Products, QUIT_DAYS, QUIT_MONTHS,
    QUIT_WEEKS, QUIT_YEARS, QuitTime, QuitTimeInput, SmokingStatus, Vaping, YEARS_SMOKED,
    YearsSmoked,
};
pub use finding::{
    Assumption, Assumptions, CoFlag, CoFlags, CoInterpretation, CoReading, DependenceBand, Finding,
    Hsi, HsiMissing, HsiScore, InstrumentId, NotApplicableReason, PACK_YEARS, PackYears,
    PackYearsMissing, PackYearsResult, PregnancyReading, QuitRecency, SmokingConcept,
    StatusSummary,
};

// ---------------------------------------------------------------- provenance

/// NICE NG209, the primary source: status, referral, and CO in pregnancy.
pub const SOURCE: Source = Source::with_url(
    "NICE. Tobacco: preventing uptake, promoting quitting and treating dependence. NICE guideline NG209, 2021 (updated)",
    "https://www.nice.org.uk/guidance/ng209",
);

/// The NCSCT's very brief advice (Ask, Advise, Act), which frames the status
/// questions.
pub const NCSCT_VBA: Source = Source::cite(
    "National Centre for Smoking Cessation and Training (NCSCT). Very Brief Advice on smoking",
);

/// The Heaviness of Smoking Index (CLINICAL-REFERENCE §2.2).
pub const HEATHERTON_1989: Source = Source::cite(
    "Heatherton TF, Kozlowski LT, Frecker RC, Rickert W, Robinson J. Measuring the heaviness of smoking: using self-reported time to the first cigarette of the day and number of cigarettes smoked per day. Br J Addict 1989;84(7):791-799",
);

/// Every source this instrument implements, primary first.
pub const SOURCES: &[Source] = &[SOURCE, NCSCT_VBA, HEATHERTON_1989];

/// The version of this instrument's scoring rules. It changes whenever a
/// threshold or a decision changes, so a recorded finding can be re-read under
/// the rules it was made with.
pub const VERSION: &str = "smoking_status_v1";

// ---------------------------------------------------------------- HSI thresholds

/// Up to this many cigarettes a day score 0 HSI points (CLINICAL-REFERENCE §2.2;
/// Heatherton et al. 1989).
pub const HSI_CIGARETTES_0_POINTS_MAX: u32 = 10;
/// Up to this many cigarettes a day (from 11) score 1 HSI point
/// (CLINICAL-REFERENCE §2.2; Heatherton et al. 1989).
pub const HSI_CIGARETTES_1_POINT_MAX: u32 = 20;
/// Up to this many cigarettes a day (from 21) score 2 HSI points; 31 or more
/// score 3 (CLINICAL-REFERENCE §2.2; Heatherton et al. 1989).
pub const HSI_CIGARETTES_2_POINTS_MAX: u32 = 30;

/// A first cigarette within this many minutes of waking scores 3 HSI points
/// (CLINICAL-REFERENCE §2.2; Heatherton et al. 1989).
pub const HSI_MINUTES_3_POINTS_MAX: u32 = 5;
/// A first cigarette 6 to this many minutes after waking scores 2 HSI points
/// (CLINICAL-REFERENCE §2.2; Heatherton et al. 1989).
pub const HSI_MINUTES_2_POINTS_MAX: u32 = 30;
/// A first cigarette 31 to this many minutes after waking scores 1 HSI point;
/// later scores 0 (CLINICAL-REFERENCE §2.2; Heatherton et al. 1989).
pub const HSI_MINUTES_1_POINT_MAX: u32 = 60;

/// The highest HSI total: 3 + 3 (CLINICAL-REFERENCE §2.2).
pub const HSI_MAX: u8 = 6;
/// HSI totals up to this are `low` dependence (CLINICAL-REFERENCE §2.2; bands as
/// used by NIDA and the `PhenX` toolkit).
pub const HSI_LOW_MAX: u8 = 1;
/// HSI totals from 2 up to this are `moderate` dependence; from 5 they are
/// `high` (CLINICAL-REFERENCE §2.2; bands as used by NIDA and the `PhenX` toolkit).
pub const HSI_MODERATE_MAX: u8 = 4;

/// Cigarettes in one pack, for pack-years (CLINICAL-REFERENCE §2.2).
pub const CIGARETTES_PER_PACK: u32 = 20;

// ---------------------------------------------------------------- quit thresholds

/// Someone who stopped fewer than this many days ago (2 weeks) is treated as a
/// smoker for referral (CLINICAL-REFERENCE §2.1 and §2.4; NICE NG209).
pub const QUIT_RECENT_BELOW_DAYS: u32 = 14;

/// Someone who stopped at most this many days ago (12 months) is offered
/// relapse-prevention support (CLINICAL-REFERENCE §2.4; NICE NG209).
///
/// **Decision:** 12 months is counted as 365 days, and the boundary belongs to
/// the 12-month band: "stopped within the last 12 months" read inclusively
/// errs towards offering support, which costs little.
pub const QUIT_WITHIN_12_MONTHS_MAX_DAYS: u32 = 365;

/// Days counted in one year when converting a quit time given in years.
pub const DAYS_PER_YEAR: u32 = 365;
/// Days in one week.
pub const DAYS_PER_WEEK: u32 = 7;

// ---------------------------------------------------------------- CO thresholds

/// In pregnancy, a CO reading at or above this (ppm) leads to an opt-out
/// referral, whatever the smoking status (CLINICAL-REFERENCE §2.3; NICE NG209
/// §1.18).
pub const CO_PREGNANCY_REFERRAL_MIN_PPM: u32 = 4;

/// In pregnancy, a non-smoker with a CO reading at or above this (ppm) is helped
/// to identify the source: second-hand smoke, heating appliances, traffic
/// (CLINICAL-REFERENCE §2.3; NICE NG209 §1.18).
pub const CO_PREGNANCY_NON_SMOKER_SOURCE_MIN_PPM: u32 = 3;

/// A non-smoker with a CO reading above this (ppm), pregnant or not, raises a
/// safety alert for possible carbon-monoxide poisoning (CLINICAL-REFERENCE §2.3;
/// NICE NG209 §1.18). The threshold itself does not raise the alert: 10 ppm does
/// not, 11 ppm does.
pub const CO_POISONING_ABOVE_PPM: u32 = 10;

// ---------------------------------------------------------------- pregnancy

/// The youngest age at which a contact whose pregnancy is `not_known` is read as
/// possibly pregnant.
///
/// **Decision:** the clinical reference asks for the cautious reading where
/// pregnancy is not known, without saying for whom. Pregnancy is recorded from
/// about age 10; reading a child as possibly pregnant costs only a more
/// sensitive CO threshold, while missing a pregnancy could miss CO harm to the
/// baby, so the range is wide.
pub const POSSIBLE_PREGNANCY_MIN_AGE: u32 = 10;
/// The oldest age at which a contact whose pregnancy is `not_known` is read as
/// possibly pregnant (see [`POSSIBLE_PREGNANCY_MIN_AGE`] for the reason).
pub const POSSIBLE_PREGNANCY_MAX_AGE: u32 = 55;

// ---------------------------------------------------------------- scoring

/// The HSI points for cigarettes smoked per day: ≤10 → 0, 11–20 → 1, 21–30 → 2,
/// ≥31 → 3 (CLINICAL-REFERENCE §2.2; Heatherton et al. 1989).
///
/// ```
/// use mecc::instruments::smoking::{CigarettesPerDay, cigarettes_per_day_points};
///
/// assert_eq!(cigarettes_per_day_points(CigarettesPerDay::new(10)?), 0);
/// assert_eq!(cigarettes_per_day_points(CigarettesPerDay::new(11)?), 1);
/// # Ok::<(), mecc::Error>(())
/// ```
#[must_use]
pub const fn cigarettes_per_day_points(cigarettes: CigarettesPerDay) -> u8 {
    match cigarettes.get() {
        n if n <= HSI_CIGARETTES_0_POINTS_MAX => 0,
        n if n <= HSI_CIGARETTES_1_POINT_MAX => 1,
        n if n <= HSI_CIGARETTES_2_POINTS_MAX => 2,
        _ => 3,
    }
}

/// The HSI points for the time from waking to the first cigarette: ≤5 min → 3,
/// 6–30 → 2, 31–60 → 1, >60 → 0 (CLINICAL-REFERENCE §2.2; Heatherton et al.
/// 1989).
///
/// ```
/// use mecc::instruments::smoking::{MinutesToFirstCigarette, time_to_first_cigarette_points};
///
/// assert_eq!(time_to_first_cigarette_points(MinutesToFirstCigarette::new(5)?), 3);
/// assert_eq!(time_to_first_cigarette_points(MinutesToFirstCigarette::new(61)?), 0);
/// # Ok::<(), mecc::Error>(())
/// ```
#[must_use]
pub const fn time_to_first_cigarette_points(minutes: MinutesToFirstCigarette) -> u8 {
    match minutes.get() {
        m if m <= HSI_MINUTES_3_POINTS_MAX => 3,
        m if m <= HSI_MINUTES_2_POINTS_MAX => 2,
        m if m <= HSI_MINUTES_1_POINT_MAX => 1,
        _ => 0,
    }
}

/// The dependence band of an HSI total: 0–1 `low`, 2–4 `moderate`, 5–6 `high`
/// (CLINICAL-REFERENCE §2.2). A total above 6 cannot arise from scoring and is
/// banded `high`.
#[must_use]
pub const fn dependence_band(total: u8) -> DependenceBand {
    if total <= HSI_LOW_MAX {
        DependenceBand::Low
    } else if total <= HSI_MODERATE_MAX {
        DependenceBand::Moderate
    } else {
        DependenceBand::High
    }
}

/// The Heaviness of Smoking Index from its two answers (CLINICAL-REFERENCE
/// §2.2; Heatherton et al. 1989).
///
/// ```
/// use mecc::instruments::smoking::*;
///
/// let s = hsi(CigarettesPerDay::new(20)?, MinutesToFirstCigarette::new(30)?);
/// assert_eq!((s.cigarettes_per_day_points, s.time_to_first_cigarette_points), (1, 2));
/// assert_eq!((s.total, s.band), (3, DependenceBand::Moderate));
/// # Ok::<(), mecc::Error>(())
/// ```
#[must_use]
pub const fn hsi(cigarettes: CigarettesPerDay, minutes: MinutesToFirstCigarette) -> HsiScore {
    let cigarettes_per_day_points = cigarettes_per_day_points(cigarettes);
    let time_to_first_cigarette_points = time_to_first_cigarette_points(minutes);
    let total = cigarettes_per_day_points + time_to_first_cigarette_points;
    HsiScore {
        total,
        cigarettes_per_day_points,
        time_to_first_cigarette_points,
        band: dependence_band(total),
    }
}

/// What a CO reading means for this person (CLINICAL-REFERENCE §2.3; NICE NG209
/// §1.18).
///
/// The pregnancy thresholds apply unless pregnancy is read as
/// [`PregnancyReading::NotPregnant`], so a possible pregnancy counts.
///
/// - `pregnancy_referral`: pregnancy thresholds apply and the reading is
///   ≥ [`CO_PREGNANCY_REFERRAL_MIN_PPM`], whatever the smoking status.
/// - `identify_source`: pregnancy thresholds apply, the person counts as a
///   non-smoker, and the reading is ≥ [`CO_PREGNANCY_NON_SMOKER_SOURCE_MIN_PPM`].
/// - `possible_co_poisoning`: the person counts as a non-smoker and the reading
///   is above [`CO_POISONING_ABOVE_PPM`], pregnant or not.
///
/// **Decision (who counts as a non-smoker):** never-smokers and every
/// ex-smoker, including those who stopped less than 2 weeks ago or at a time not
/// known. CO from tobacco clears from the body within about two days of the
/// last cigarette, so a raised reading in someone who says they have stopped
/// cannot safely be put down to their smoking; for these safety flags the
/// cautious reading is the one that raises them. Recent quitters are still
/// treated as smokers for referral ([`Finding::treat_as_smoker_for_referral`]),
/// which is a different question. Current smokers never get the non-smoker
/// flags, as the clinical reference limits them to non-smokers; a smoker's CO
/// above 10 ppm is expected.
///
/// ```
/// use mecc::instruments::smoking::{co_interpretation, CoFlag, PregnancyReading, StatusSummary};
/// use mecc::units::CoPpm;
///
/// let r = co_interpretation(CoPpm::new(11)?, StatusSummary::ExSmoker, PregnancyReading::NotPregnant);
/// assert!(r.flags.contains(CoFlag::PossibleCoPoisoning));
/// let r = co_interpretation(CoPpm::new(3)?, StatusSummary::NeverSmoked, PregnancyReading::Pregnant);
/// assert!(r.flags.contains(CoFlag::IdentifySource));
/// assert!(!r.flags.contains(CoFlag::PregnancyReferral));
/// let r = co_interpretation(CoPpm::new(30)?, StatusSummary::CurrentSmoker, PregnancyReading::NotPregnant);
/// assert!(r.flags.is_empty());
/// # Ok::<(), mecc::Error>(())
/// ```
#[must_use]
pub const fn co_interpretation(
    ppm: CoPpm,
    status: StatusSummary,
    pregnancy: PregnancyReading,
) -> CoReading {
    let counted_as_non_smoker = !matches!(status, StatusSummary::CurrentSmoker);
    let pregnancy_thresholds_applied = !matches!(pregnancy, PregnancyReading::NotPregnant);
    let reading = ppm.get();
    let mut flags = CoFlags::NONE;
    if counted_as_non_smoker && reading > CO_POISONING_ABOVE_PPM {
        flags = flags.with(CoFlag::PossibleCoPoisoning);
    }
    if pregnancy_thresholds_applied && reading >= CO_PREGNANCY_REFERRAL_MIN_PPM {
        flags = flags.with(CoFlag::PregnancyReferral);
    }
    if pregnancy_thresholds_applied
        && counted_as_non_smoker
        && reading >= CO_PREGNANCY_NON_SMOKER_SOURCE_MIN_PPM
    {
        flags = flags.with(CoFlag::IdentifySource);
    }
    CoReading {
        ppm,
        pregnancy_thresholds_applied,
        counted_as_non_smoker,
        flags,
    }
}

/// Scores the answers for one contact. Total and allocation-free: every
/// combination of valid answers and contact gives a finding.
///
/// Cross-checks that need the contact (years smoked against age) are not made
/// here: call [`Answers::validate_against`] first.
///
/// ```
/// use mecc::context::Contact;
/// use mecc::instruments::smoking::*;
/// use mecc::instruments::Reply;
/// use mecc::units::CoPpm;
///
/// let contact: Contact = serde_json::from_value(serde_json::json!({
///     "age": 29, "sex": "female", "pregnant": "yes", "family_background": "not_stated",
///     "setting": "maternity", "time_available": "very_brief",
///     "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
///     "comorbidities": { "diabetes": {"kind": "not_known"}, "hypertension": "not_known",
///                        "eating_disorder": "not_known", "bariatric_surgery": {"kind": "not_known"} }
/// }))?;
/// let answers = Answers {
///     status: SmokingStatus::ExSmoker { quit: QuitTime::from_days(10)? },
///     vaping: Reply::Answered(Vaping::Current),
///     co_ppm: Reply::Answered(CoPpm::new(4)?),
/// };
/// let finding = score(&answers, &contact);
/// assert_eq!(finding.quit_recency, Some(QuitRecency::LessThan2Weeks));
/// assert!(finding.treat_as_smoker_for_referral);
/// let CoInterpretation::Measured(co) = finding.co else { return Err("CO not measured".into()) };
/// assert!(co.flags.contains(CoFlag::PregnancyReferral));
/// assert!(co.flags.contains(CoFlag::IdentifySource));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score(answers: &Answers, person: &impl AsRef<Person>) -> Finding {
    let pregnancy = PregnancyReading::of(person);
    let mut assumptions = Assumptions::NONE;
    if pregnancy == PregnancyReading::PossiblyPregnant {
        assumptions = assumptions.with(Assumption::PregnancyNotKnownReadAsPossible);
    }

    let (status, quit_recency, products, hsi_result, pack_years, snomed_ct) = match answers.status {
        SmokingStatus::NeverSmoked => (
            StatusSummary::NeverSmoked,
            None,
            None,
            Hsi::NotApplicable {
                reason: NotApplicableReason::NotACurrentSmoker,
            },
            PackYearsResult::NotApplicable {
                reason: NotApplicableReason::NotACurrentSmoker,
            },
            SmokingConcept::NeverSmokedTobacco,
        ),
        SmokingStatus::ExSmoker { quit } => {
            let recency = quit.recency();
            if recency == QuitRecency::NotKnown {
                assumptions = assumptions.with(Assumption::QuitTimeNotKnownReadAsWithin2Weeks);
            }
            (
                StatusSummary::ExSmoker,
                Some(recency),
                None,
                Hsi::NotApplicable {
                    reason: NotApplicableReason::NotACurrentSmoker,
                },
                PackYearsResult::NotApplicable {
                    reason: NotApplicableReason::NotACurrentSmoker,
                },
                SmokingConcept::ExSmoker,
            )
        }
        SmokingStatus::CurrentSmoker(current) => (
            StatusSummary::CurrentSmoker,
            None,
            Some(current.products()),
            current_hsi(&current),
            current_pack_years(&current),
            SmokingConcept::Smoker,
        ),
    };

    let treat_as_smoker_for_referral = match status {
        StatusSummary::CurrentSmoker => true,
        StatusSummary::NeverSmoked => false,
        StatusSummary::ExSmoker => matches!(
            quit_recency,
            Some(QuitRecency::LessThan2Weeks | QuitRecency::NotKnown)
        ),
    };

    let co = match answers.co_ppm {
        Reply::NotAsked => CoInterpretation::NotMeasured,
        Reply::Answered(ppm) => {
            CoInterpretation::Measured(co_interpretation(ppm, status, pregnancy))
        }
    };

    Finding {
        status,
        quit_recency,
        treat_as_smoker_for_referral,
        products,
        hsi: hsi_result,
        pack_years,
        vaping: answers.vaping,
        co,
        pregnancy,
        assumptions,
        snomed_ct,
        source: InstrumentId::SmokingStatusV1,
    }
}

fn current_hsi(current: &CurrentSmoking) -> Hsi {
    if !current.products().includes_cigarettes() {
        return Hsi::NotApplicable {
            reason: NotApplicableReason::NoCigaretteProducts,
        };
    }
    match (
        current.cigarettes_per_day(),
        current.minutes_to_first_cigarette(),
    ) {
        (Reply::Answered(cigarettes), Reply::Answered(minutes)) => {
            Hsi::Computed(hsi(cigarettes, minutes))
        }
        (Reply::NotAsked, Reply::Answered(_)) => Hsi::NotComputable {
            missing: HsiMissing::CigarettesPerDay,
        },
        (Reply::Answered(_), Reply::NotAsked) => Hsi::NotComputable {
            missing: HsiMissing::MinutesToFirstCigarette,
        },
        (Reply::NotAsked, Reply::NotAsked) => Hsi::NotComputable {
            missing: HsiMissing::Both,
        },
    }
}

fn current_pack_years(current: &CurrentSmoking) -> PackYearsResult {
    if !current.products().includes_cigarettes() {
        return PackYearsResult::NotApplicable {
            reason: NotApplicableReason::NoCigaretteProducts,
        };
    }
    match (current.cigarettes_per_day(), current.years_smoked()) {
        (Reply::Answered(cigarettes), Reply::Answered(years)) => {
            PackYearsResult::Computed(PackYears::from_smoking(cigarettes, years))
        }
        (Reply::NotAsked, Reply::Answered(_)) => PackYearsResult::NotComputable {
            missing: PackYearsMissing::CigarettesPerDay,
        },
        (Reply::Answered(_), Reply::NotAsked) => PackYearsResult::NotComputable {
            missing: PackYearsMissing::YearsSmoked,
        },
        (Reply::NotAsked, Reply::NotAsked) => PackYearsResult::NotComputable {
            missing: PackYearsMissing::Both,
        },
    }
}

impl Finding {
    /// The outcomes the policy reads from this finding.
    ///
    /// An ex-smoker whose quit date is not known counts as having stopped
    /// within 2 weeks: treated as a smoker for referral, the conservative
    /// reading (CLINICAL-REFERENCE §2.1).
    #[must_use]
    pub fn outcomes(&self) -> OutcomeSet {
        let mut o = OutcomeSet::of(match (self.status, self.quit_recency) {
            (StatusSummary::NeverSmoked, _) => Outcome::NeverSmoked,
            (StatusSummary::CurrentSmoker, _) => Outcome::CurrentSmoker,
            (StatusSummary::ExSmoker, Some(QuitRecency::TwoWeeksTo12Months)) => {
                Outcome::ExSmokerWithin12Months
            }
            (StatusSummary::ExSmoker, Some(QuitRecency::MoreThan12Months)) => Outcome::ExSmoker,
            // Less than 2 weeks, or not known: treated as a smoker for referral.
            (StatusSummary::ExSmoker, _) => Outcome::QuitWithin2Weeks,
        });
        if self.vaping == Reply::Answered(Vaping::Current) {
            o.insert(Outcome::CurrentVaper);
        }
        let flags = self.co.flags();
        for (flag, outcome) in [
            (CoFlag::PossibleCoPoisoning, Outcome::CoPossiblePoisoning),
            (CoFlag::PregnancyReferral, Outcome::CoPregnancyReferral),
            (CoFlag::IdentifySource, Outcome::CoIdentifySource),
        ] {
            if flags.contains(flag) {
                o.insert(outcome);
            }
        }
        o
    }
}

crate::instruments::instrument! {
    /// Smoking status, vaping and the CO reading as an
    /// [`Instrument`](super::Instrument).
    Smoking {
        key: "smoking",
        name: "Smoking status",
        version: VERSION,
        sources: SOURCES,
        check: |a: &Answers, p| a.validate_against(p),
    }
}
