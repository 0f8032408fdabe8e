//! What to ask next, and why.

use serde::{Deserialize, Serialize};

use crate::Answers;
use crate::bounded::{named_enum, names_round_trip_tests};
use crate::context::{Contact, Pregnancy, Setting, TimeAvailable};
use crate::instruments::Reply;
use crate::instruments::audit::{self, AuditCResult, AuditResult};
use crate::instruments::fast::{self, FastResult};
use crate::instruments::pat::{self, Step};

use super::QuestionId;

named_enum! {
    /// Why a question is to be asked next.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum AskReason {
        /// The next of PAT questions 1 to 4, in PAT's own order
        /// ([`pat::next_step`]).
        PatRouting = "pat_routing",
        /// PAT is positive: question 5 is the offer it leads to.
        PatPositiveOffer = "pat_positive_offer",
        /// The next AUDIT-C question, while its band is not settled.
        AuditCScreen = "audit_c_screen",
        /// AUDIT-C is positive and the time available allows the rest of the
        /// AUDIT (brief, about 2 minutes), while its zone is not settled.
        AuditCPositive = "audit_c_positive",
        /// FAST question 1, which alone settles most results.
        FastFirstQuestion = "fast_first_question",
        /// FAST question 1 was `less_than_monthly` or `monthly`: the second
        /// stage, while its result is not settled.
        FastSecondStage = "fast_second_stage",
        /// Vaping changes the advice for smokers, ex-smokers and
        /// never-smokers alike.
        Vaping = "vaping",
        /// A CO reading is part of every pregnancy contact, and a raised one
        /// leads to a referral or a safety alert.
        CoReadingInPregnancy = "co_reading_in_pregnancy",
        /// The waist, with the height, gives the waist-to-height ratio.
        WaistToHeightRatio = "waist_to_height_ratio",
        /// Occupation, exercise and cycling give the GPPAQ's Physical
        /// Activity Index.
        GppaqIndex = "gppaq_index",
    }
}

/// A question to ask next, and why.
///
/// In JSON `{"question": "audit.unable_to_stop", "reason": "audit_c_positive"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NextQuestion {
    /// The question.
    pub question: QuestionId,
    /// Why it is asked.
    pub reason: AskReason,
}

/// The next question of each instrument in progress in `answers`, in the
/// order of [`Answers`], each with its reason; empty when nothing is left
/// whose answer could change the plan.
///
/// Only instruments present in `answers` are followed: which instruments to
/// use is the plan's choice (its `ask` actions). Within each, a question is
/// offered only while its answer can still change a finding the plan reads,
/// and never once answered, so calling again after each answer always comes
/// to an end. Pass the contact's own time with
/// [`Contact::time_available`], or less if less is left.
///
/// - **PAT** follows [`pat::next_step`].
/// - **AUDIT** asks AUDIT-C while its band is unsettled; when AUDIT-C is
///   positive ([`audit::AUDIT_C_POSITIVE_FROM`]) and the time is `brief` or
///   `extended`, it goes on with the remaining seven questions while the
///   AUDIT zone is unsettled (CLINICAL-REFERENCE §5.2, §6.3).
/// - **FAST** asks question 1, and questions 2 to 4 only when question 1
///   does not decide, while the result is unsettled (§5.4).
/// - **Smoking**: the status is part of the answers; vaping is asked of
///   everyone, and the CO reading in pregnancy (§2.3). The details of a
///   current smoker's smoking (cigarettes a day, time to the first
///   cigarette, years smoked) are in the bank for forms that record them,
///   but no finding the plan reads depends on them, so they are not offered.
/// - **BMI** and **children's BMI**: the waist, when not yet measured.
/// - **Activity**: the GPPAQ's scored questions (occupation, then exercise
///   and cycling, asked together).
///
/// ```
/// use mecc::context::{Contact, TimeAvailable};
/// use mecc::questions::{AskReason, QuestionId, next_questions};
/// use mecc::Answers;
///
/// let contact: Contact = serde_json::from_value(serde_json::json!({
///     "age": 45, "sex": "female", "pregnant": "no",
///     "setting": "general_practice", "time_available": "brief"
/// }))?;
/// let answers: Answers = serde_json::from_value(serde_json::json!({"audit": {
///     "audit_c": {
///         "frequency": {"kind": "answered", "value": "four_or_more_times_per_week"},
///         "typical_day": {"kind": "answered", "value": {"kind": "units", "value": 4}},
///         "heavy_drinking": {"kind": "answered", "value": "monthly"}
///     },
///     "unable_to_stop": {"kind": "not_asked"}, "failed_expectations": {"kind": "not_asked"},
///     "morning_drink": {"kind": "not_asked"}, "guilt": {"kind": "not_asked"},
///     "memory_loss": {"kind": "not_asked"}, "injury": {"kind": "not_asked"},
///     "others_concerned": {"kind": "not_asked"}
/// }}))?;
/// // AUDIT-C is 4 + 1 + 2 = 7, positive: the rest of the AUDIT follows.
/// let next = next_questions(&contact, &answers, contact.time_available());
/// assert_eq!(next[0].question, QuestionId::AuditUnableToStop);
/// assert_eq!(next[0].reason, AskReason::AuditCPositive);
/// // With 2 minutes or less, it waits for another contact.
/// assert!(next_questions(&contact, &answers, TimeAvailable::VeryBrief).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn next_questions(
    contact: &Contact,
    answers: &Answers,
    time_available: TimeAvailable,
) -> Vec<NextQuestion> {
    let mut next = Vec::new();
    let mut ask = |question, reason| next.push(NextQuestion { question, reason });

    if let Some(a) = &answers.pat
        && let Step::Ask(q) = pat::next_step(a, contact)
    {
        let reason = if q == pat::Question::WillingToSeeSpecialist {
            AskReason::PatPositiveOffer
        } else {
            AskReason::PatRouting
        };
        ask(pat_id(q), reason);
    }

    if let Some(a) = &answers.audit {
        let screen = audit::score_audit_c(a.audit_c(), contact);
        if let AuditCResult::Incomplete { next } = screen.result {
            ask(audit_id(next), AskReason::AuditCScreen);
        } else if screen.ask_full_audit
            && time_available != TimeAvailable::VeryBrief
            && let AuditResult::Incomplete { next } = audit::score(a, contact).result
        {
            ask(audit_id(next), AskReason::AuditCPositive);
        }
    }

    if let Some(a) = &answers.fast
        && let FastResult::Incomplete { next } = fast::score(a, contact).result
    {
        let reason = if next == fast::Question::HeavyDrinking {
            AskReason::FastFirstQuestion
        } else {
            AskReason::FastSecondStage
        };
        ask(fast_id(next), reason);
    }

    if let Some(a) = &answers.smoking {
        if a.vaping.is_not_asked() {
            ask(QuestionId::SmokingVaping, AskReason::Vaping);
        } else if a.co_ppm.is_not_asked()
            && (contact.pregnant() == Pregnancy::Yes || contact.setting() == Setting::Maternity)
        {
            ask(QuestionId::SmokingCoPpm, AskReason::CoReadingInPregnancy);
        }
    }

    if let Some(a) = &answers.bmi
        && a.waist.is_not_asked()
    {
        ask(QuestionId::BmiWaist, AskReason::WaistToHeightRatio);
    }

    if let Some(a) = &answers.activity
        && let Reply::Answered(g) = &a.gppaq
    {
        if g.occupation.is_not_asked() {
            ask(QuestionId::ActivityOccupation, AskReason::GppaqIndex);
        } else if g.exercise_and_cycling.is_not_asked() {
            ask(QuestionId::ActivityExercise, AskReason::GppaqIndex);
            ask(QuestionId::ActivityCycling, AskReason::GppaqIndex);
        }
    }

    if let Some(a) = &answers.child_bmi
        && a.waist.is_not_asked()
    {
        ask(QuestionId::ChildBmiWaist, AskReason::WaistToHeightRatio);
    }

    next
}

const fn pat_id(q: pat::Question) -> QuestionId {
    match q {
        pat::Question::DrinksAlcohol => QuestionId::PatDrinksAlcohol,
        pat::Question::MostInOneDay => QuestionId::PatMostInOneDay,
        pat::Question::Frequency => QuestionId::PatFrequency,
        pat::Question::AttendanceRelated => QuestionId::PatAttendanceRelated,
        pat::Question::WillingToSeeSpecialist => QuestionId::PatWillingToSeeSpecialist,
    }
}

const fn audit_id(q: audit::Question) -> QuestionId {
    match q {
        audit::Question::Frequency => QuestionId::AuditFrequency,
        audit::Question::TypicalDay => QuestionId::AuditTypicalDay,
        audit::Question::HeavyDrinking => QuestionId::AuditHeavyDrinking,
        audit::Question::UnableToStop => QuestionId::AuditUnableToStop,
        audit::Question::FailedExpectations => QuestionId::AuditFailedExpectations,
        audit::Question::MorningDrink => QuestionId::AuditMorningDrink,
        audit::Question::Guilt => QuestionId::AuditGuilt,
        audit::Question::MemoryLoss => QuestionId::AuditMemoryLoss,
        audit::Question::Injury => QuestionId::AuditInjury,
        audit::Question::OthersConcerned => QuestionId::AuditOthersConcerned,
    }
}

const fn fast_id(q: fast::Question) -> QuestionId {
    match q {
        fast::Question::HeavyDrinking => QuestionId::FastHeavyDrinking,
        fast::Question::FailedExpectations => QuestionId::FastFailedExpectations,
        fast::Question::MemoryLoss => QuestionId::FastMemoryLoss,
        fast::Question::OthersConcerned => QuestionId::FastOthersConcerned,
    }
}

names_round_trip_tests!(ask_reason_names_round_trip: AskReason);
