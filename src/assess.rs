//! One call for the common case: answers and contact in, findings and plan out.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::context::{Contact, YesNoNotKnown};
use crate::instruments::{Reply, activity, audit, bmi, fast, pat, smoking};
use crate::policy::{Action, Outcome, OutcomeSet, Policy, PolicyOverlay, PolicyRef};

/// The answers to whichever instruments were used at a contact.
///
/// An instrument left out (or `null` in JSON) was not used; any subset may be
/// given. Within an instrument, unanswered questions are explicit
/// ([`Reply::NotAsked`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Paddington Alcohol Test answers.
    pub pat: Option<pat::Answers>,
    /// AUDIT answers: AUDIT-C alone (items 4–10 not asked) or the full AUDIT.
    pub audit: Option<audit::AuditAnswers>,
    /// FAST answers.
    pub fast: Option<fast::Answers>,
    /// Smoking status answers.
    pub smoking: Option<smoking::Answers>,
    /// Height, weight and waist.
    pub bmi: Option<bmi::Answers>,
    /// Physical activity answers.
    pub activity: Option<activity::Answers>,
}

impl Answers {
    /// No instrument used.
    pub const NONE: Answers = Answers {
        pat: None,
        audit: None,
        fast: None,
        smoking: None,
        bmi: None,
        activity: None,
    };
}

/// What each instrument used found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Findings {
    /// The Paddington Alcohol Test.
    pub pat: Option<pat::PatFinding>,
    /// AUDIT-C and, when answered, the full AUDIT.
    pub audit: Option<audit::AuditFinding>,
    /// FAST.
    pub fast: Option<fast::FastFinding>,
    /// Smoking status.
    pub smoking: Option<smoking::SmokingFinding>,
    /// BMI and waist-to-height ratio.
    pub bmi: Option<bmi::BmiFinding>,
    /// Physical activity.
    pub activity: Option<activity::ActivityFinding>,
}

impl Findings {
    /// Scores every instrument that was answered. Pure, and allocates nothing.
    pub fn score(answers: &Answers, contact: &Contact) -> Findings {
        Findings {
            pat: answers.pat.as_ref().map(|a| pat::score(a, contact)),
            audit: answers.audit.as_ref().map(|a| audit::score(a, contact)),
            fast: answers.fast.as_ref().map(|a| fast::score(a, contact)),
            smoking: answers.smoking.as_ref().map(|a| smoking::score(a, contact)),
            bmi: answers.bmi.as_ref().map(|a| bmi::score(a, contact)),
            activity: answers
                .activity
                .as_ref()
                .map(|a| activity::score(a, contact)),
        }
    }

    /// Reduces the findings to the outcomes a policy reads.
    ///
    /// Two readings here are deliberately conservative: an ex-smoker whose quit
    /// date is not known counts as having stopped within 2 weeks (treated as a
    /// smoker for referral, CLINICAL-REFERENCE §2.1), and a positive PAT for
    /// which possible dependence cannot be ruled out (frequency, or a daily
    /// drinker's most in one day, not known) is marked
    /// `pat_dependence_not_known`, so the default policy raises the
    /// possible-dependence safety alert, gives advice that is safe if they are
    /// dependent, and asks the missing question.
    pub fn outcomes(&self) -> OutcomeSet {
        let mut o = OutcomeSet::EMPTY;
        if let Some(f) = &self.pat {
            pat_outcomes(f, &mut o);
        }
        if let Some(f) = &self.audit {
            audit_outcomes(f, &mut o);
        }
        if let Some(f) = &self.fast {
            match f.result {
                fast::FastResult::Positive => o.insert(Outcome::FastPositive),
                fast::FastResult::Negative => o.insert(Outcome::FastNegative),
                fast::FastResult::Incomplete { .. } => {}
            }
        }
        if let Some(f) = &self.smoking {
            smoking_outcomes(f, &mut o);
        }
        if let Some(f) = &self.bmi {
            bmi_outcomes(f, &mut o);
        }
        if let Some(f) = &self.activity {
            activity_outcomes(f, &mut o);
        }
        o
    }
}

fn pat_outcomes(f: &pat::PatFinding, o: &mut OutcomeSet) {
    let positive = matches!(f.result, pat::PatResult::Positive);
    o.insert(match f.result {
        pat::PatResult::Positive => Outcome::PatPositive,
        pat::PatResult::Negative => Outcome::PatNegative,
        pat::PatResult::NonDrinker => Outcome::PatNonDrinker,
        pat::PatResult::Incomplete { .. } => Outcome::PatIncomplete,
    });
    if f.daily_drinker == YesNoNotKnown::Yes {
        o.insert(Outcome::PatDailyDrinker);
    }
    match f.possible_dependence {
        YesNoNotKnown::Yes => o.insert(Outcome::PatPossibleDependence),
        YesNoNotKnown::NotKnown if positive => o.insert(Outcome::PatDependenceNotKnown),
        _ => {}
    }
    if positive {
        o.insert(match f.willing_to_see_specialist {
            Reply::Answered(true) => Outcome::PatWillingToSeeSpecialist,
            Reply::Answered(false) => Outcome::PatDeclinedSpecialist,
            Reply::NotAsked => Outcome::PatSpecialistNotOffered,
        });
    }
}

/// The AUDIT-C band is an outcome only while the full AUDIT zone is unsettled:
/// once the zone is known it decides, so advice is not given twice.
fn audit_outcomes(f: &audit::AuditFinding, o: &mut OutcomeSet) {
    use audit::{AuditCBand, AuditCResult, AuditResult, AuditZone};
    if let AuditCResult::Band(_) = f.audit_c.result {
        o.insert(Outcome::AuditCScored);
    }
    if let (AuditCResult::Band(band), AuditResult::Incomplete { .. }) = (f.audit_c.result, f.result)
    {
        o.insert(match band {
            AuditCBand::LowerRisk => Outcome::AuditCLowerRisk,
            AuditCBand::IncreasingRisk => Outcome::AuditCIncreasingRisk,
            AuditCBand::HigherRisk => Outcome::AuditCHigherRisk,
            AuditCBand::PossibleDependence => Outcome::AuditCPossibleDependence,
        });
    }
    o.insert(match f.result {
        AuditResult::Zone(AuditZone::LowerRisk) => Outcome::AuditLowerRisk,
        AuditResult::Zone(AuditZone::IncreasingRisk) => Outcome::AuditIncreasingRisk,
        AuditResult::Zone(AuditZone::HigherRisk) => Outcome::AuditHigherRisk,
        AuditResult::Zone(AuditZone::PossibleDependence) => Outcome::AuditPossibleDependence,
        AuditResult::Incomplete { .. } => Outcome::AuditIncomplete,
    });
}

fn smoking_outcomes(f: &smoking::SmokingFinding, o: &mut OutcomeSet) {
    use smoking::{CoFlag, QuitRecency, StatusSummary};
    o.insert(match (f.status, f.quit_recency) {
        (StatusSummary::NeverSmoked, _) => Outcome::NeverSmoked,
        (StatusSummary::CurrentSmoker, _) => Outcome::CurrentSmoker,
        (StatusSummary::ExSmoker, Some(QuitRecency::TwoWeeksTo12Months)) => {
            Outcome::ExSmokerWithin12Months
        }
        (StatusSummary::ExSmoker, Some(QuitRecency::MoreThan12Months)) => Outcome::ExSmoker,
        // Less than 2 weeks, or not known: treated as a smoker for referral.
        (StatusSummary::ExSmoker, _) => Outcome::QuitWithin2Weeks,
    });
    if f.vaping == Reply::Answered(smoking::Vaping::Current) {
        o.insert(Outcome::CurrentVaper);
    }
    let flags = f.co.flags();
    for (flag, outcome) in [
        (CoFlag::PossibleCoPoisoning, Outcome::CoPossiblePoisoning),
        (CoFlag::PregnancyReferral, Outcome::CoPregnancyReferral),
        (CoFlag::IdentifySource, Outcome::CoIdentifySource),
    ] {
        if flags.contains(flag) {
            o.insert(outcome);
        }
    }
}

fn bmi_outcomes(f: &bmi::BmiFinding, o: &mut OutcomeSet) {
    use bmi::{BmiCategory, BmiClassification, WhtrBand};
    match f.classification {
        BmiClassification::Adult(a) => {
            o.insert(Outcome::BmiCalculated);
            o.insert(match a.category {
                BmiCategory::Underweight => Outcome::BmiUnderweight,
                BmiCategory::HealthyWeight => Outcome::BmiHealthyWeight,
                BmiCategory::Overweight => Outcome::BmiOverweight,
                BmiCategory::ObesityClass1 => Outcome::BmiObesityClass1,
                BmiCategory::ObesityClass2 => Outcome::BmiObesityClass2,
                BmiCategory::ObesityClass3 => Outcome::BmiObesityClass3,
            });
        }
        BmiClassification::NotApplicableInPregnancy => o.insert(Outcome::BmiCalculated),
        BmiClassification::NotApplicable { .. } => {}
    }
    if let Reply::Answered(w) = f.whtr
        && w.applies
    {
        o.insert(match w.band {
            WhtrBand::Below0Point4 => Outcome::WhtrBelow04,
            WhtrBand::Healthy => Outcome::WhtrHealthy,
            WhtrBand::Increased => Outcome::WhtrIncreased,
            WhtrBand::High => Outcome::WhtrHigh,
        });
    }
}

fn activity_outcomes(f: &activity::ActivityFinding, o: &mut OutcomeSet) {
    use activity::{ActiveLivesBand, PhysicalActivityIndex};
    if let Some(index) = f.index() {
        o.insert(Outcome::ActivityIndexCalculated);
        o.insert(match index {
            PhysicalActivityIndex::Inactive => Outcome::ActivityInactive,
            PhysicalActivityIndex::ModeratelyInactive => Outcome::ActivityModeratelyInactive,
            PhysicalActivityIndex::ModeratelyActive => Outcome::ActivityModeratelyActive,
            PhysicalActivityIndex::Active => Outcome::ActivityActive,
        });
    }
    if let Some(band) = f.weekly_band() {
        o.insert(match band {
            ActiveLivesBand::Inactive => Outcome::WeeklyInactive,
            ActiveLivesBand::FairlyActive => Outcome::WeeklyFairlyActive,
            ActiveLivesBand::Active => Outcome::WeeklyActive,
        });
    }
}

/// Everything known about one contact after assessment: what was found, the
/// plan, and what produced it (crate and policy versions), so that a recorded
/// result can be audited later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The version of `mecc` that produced the assessment.
    pub mecc_version: Arc<str>,
    /// The policy that produced the plan.
    pub policy: PolicyStamp,
    /// The contact assessed.
    pub contact: Contact,
    /// What each instrument found.
    pub findings: Findings,
    /// The outcomes the policy read.
    pub outcomes: OutcomeSet,
    /// The plan, ordered: safety alerts, referrals, advice, then the rest.
    pub plan: Vec<Action>,
}

/// The policy behind a plan, as recorded in an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyStamp {
    /// The policy's id.
    pub id: Arc<str>,
    /// The policy's version.
    pub version: Arc<str>,
    /// The policy it was derived from by an overlay, if any.
    pub based_on: Option<PolicyRef>,
    /// Any recorded override of a protected safety rule in that policy.
    pub safety_overrides: Vec<crate::policy::SafetyOverride>,
}

/// Assesses one contact: scores every instrument answered and evaluates the
/// policy.
///
/// # Errors
/// [`Error::Inconsistent`] when answers contradict the contact, for example more
/// years of smoking than years of age.
///
/// ```
/// use mecc::{Answers, assess, policy::Policy};
///
/// let contact = serde_json::from_value(serde_json::json!({
///     "age": 45, "sex": "male", "pregnant": "no", "family_background": "white",
///     "setting": "emergency_department", "time_available": "very_brief",
///     "presenting_condition": "fall", "intoxicated": "no", "priority_groups": [],
///     "comorbidities": {"diabetes": "none", "hypertension": "no",
///                       "eating_disorder": "no", "bariatric_surgery": "none"}
/// }))?;
/// let answers: Answers = serde_json::from_value(serde_json::json!({
///     "pat": {"drinks_alcohol": {"answered": true},
///             "most_in_one_day": {"answered": {"units": 12}},
///             "frequency": {"answered": {"times_per_week": 2}},
///             "attendance_related": {"answered": false},
///             "willing_to_see_specialist": {"answered": true}}
/// }))?;
/// let policy = Policy::national_default()?;
/// let assessment = assess(&contact, &answers, &policy)?;
/// assert_eq!(assessment.plan[0].reason.rule.as_ref(), "alcohol.specialist_now");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess(contact: &Contact, answers: &Answers, policy: &Policy) -> Result<Assessment, Error> {
    if let Some(s) = &answers.smoking {
        s.validate_against(contact)?;
    }
    let findings = Findings::score(answers, contact);
    let outcomes = findings.outcomes();
    Ok(Assessment {
        mecc_version: policy.mecc_version.clone(),
        policy: PolicyStamp {
            id: policy.id.clone(),
            version: policy.version.clone(),
            based_on: policy.based_on().map(|(id, version)| PolicyRef {
                id: id.to_string(),
                version: version.to_string(),
            }),
            safety_overrides: policy.safety_overrides().to_vec(),
        },
        contact: *contact,
        findings,
        outcomes,
        plan: policy.plan(outcomes, contact),
    })
}

/// One screening request as a single JSON document: the contact, the answers,
/// and optionally a local overlay on the national default policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Screening {
    /// The contact.
    pub contact: Contact,
    /// The answers.
    pub answers: Answers,
    /// Local changes to the national default policy.
    pub overlay: Option<PolicyOverlay>,
}

impl Screening {
    /// Builds the policy (the national default, with the overlay if any) and
    /// assesses the contact.
    ///
    /// # Errors
    /// [`Error::Policy`] when the overlay does not apply or the result is not a
    /// valid policy; otherwise as [`assess`].
    pub fn run(&self) -> Result<Assessment, Error> {
        let mut document = crate::policy::PolicyDocument::national_default()?;
        if let Some(overlay) = &self.overlay {
            document = document.with_overlay(overlay)?;
        }
        let policy = Policy::compile(document)?;
        assess(&self.contact, &self.answers, &policy)
    }
}

impl std::fmt::Display for Assessment {
    /// The plan as a numbered list for a person, headed by the policy and
    /// crate versions that produced it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "policy {} {} (mecc {})",
            self.policy.id, self.policy.version, self.mecc_version
        )?;
        if let Some(base) = &self.policy.based_on {
            write!(f, ", based on {} {}", base.id, base.version)?;
        }
        for o in &self.policy.safety_overrides {
            write!(
                f,
                "\n  safety rule {} overridden by {}: {}",
                o.rule_id, o.approved_by, o.reason
            )?;
        }
        if self.plan.is_empty() {
            write!(f, "\n  no action")?;
        }
        for (i, action) in self.plan.iter().enumerate() {
            write!(f, "\n{:>2}. {action}", i + 1)?;
        }
        Ok(())
    }
}
