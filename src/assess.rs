//! One call for the common case: answers and contact in, findings and plan out.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::context::{Contact, ContactAssumptions};
use crate::instruments::{Answers, Findings};
use crate::outcome::OutcomeSet;
use crate::policy::{Action, Policy, PolicyOverlay, PolicyRef};

/// Everything known about one contact after assessment: what was found, the
/// plan, and what produced it (crate and policy versions), so that a recorded
/// result can be audited later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Assessment {
    /// The version of `mecc` that produced the assessment.
    pub mecc_version: Arc<str>,
    /// The policy that produced the plan.
    pub policy: PolicyStamp,
    /// The contact assessed.
    pub contact: Contact,
    /// The contact facts that were not given, and how each was read.
    pub contact_assumptions: ContactAssumptions,
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
#[non_exhaustive]
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
///     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
///                       "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
/// }))?;
/// let answers: Answers = serde_json::from_value(serde_json::json!({
///     "pat": {"drinks_alcohol": {"kind": "answered", "value": true},
///             "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": 12}},
///             "frequency": {"kind": "answered", "value": {"kind": "times_per_week", "value": 2}},
///             "attendance_related": {"kind": "answered", "value": false},
///             "willing_to_see_specialist": {"kind": "answered", "value": true}}
/// }))?;
/// let policy = Policy::national_default()?;
/// let assessment = assess(&contact, &answers, &policy)?;
/// // Brief advice, then the referral to the alcohol health worker.
/// assert_eq!(assessment.plan[1].reason.rule.as_ref(), "alcohol.specialist_now");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess(contact: &Contact, answers: &Answers, policy: &Policy) -> Result<Assessment, Error> {
    answers.check(contact.person())?;
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
        contact_assumptions: contact.assumptions(),
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
    /// Assesses the contact against the national default policy, or against it
    /// with this document's overlay.
    ///
    /// Without an overlay the national default is compiled once per process
    /// and shared, never per document. With one, the overlay is applied and
    /// the result checked and compiled for this document: a host that screens
    /// many documents under one local overlay should compile it once and call
    /// [`Screening::run_with`].
    ///
    /// # Errors
    /// [`Error::Policy`] when the overlay does not apply or the result is not a
    /// valid policy; otherwise as [`assess`].
    pub fn run(&self) -> Result<Assessment, Error> {
        match &self.overlay {
            None => assess(
                &self.contact,
                &self.answers,
                Policy::national_default_shared()?,
            ),
            Some(overlay) => {
                let document =
                    crate::policy::PolicyDocument::national_default()?.with_overlay(overlay)?;
                assess(&self.contact, &self.answers, &Policy::compile(document)?)
            }
        }
    }

    /// Assesses the contact against `policy`, compiled once by the host (the
    /// national default, or it with the host's local overlay).
    ///
    /// # Errors
    /// [`Error::Inconsistent`] (field `overlay`) when the document carries an
    /// overlay of its own: which policy applies would be ambiguous, and
    /// silently dropping a local overlay could drop a local safety rule, so
    /// the host applies the overlay to its policy once, or leaves it out of
    /// the document. Otherwise as [`assess`].
    pub fn run_with(&self, policy: &Policy) -> Result<Assessment, Error> {
        if let Some(overlay) = &self.overlay {
            return Err(Error::Inconsistent {
                field: "overlay",
                value: format!("{} {}", overlay.id, overlay.version),
                other: format!("the compiled policy {} {}", policy.id(), policy.version()),
                reason: "a document given with a compiled policy must not carry an overlay: apply the overlay to the policy once, or leave it out of the document",
            });
        }
        assess(&self.contact, &self.answers, policy)
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
        let mut assumed = self.contact_assumptions.iter();
        if let Some(first) = assumed.next() {
            write!(f, "\n  assumed: {}", first.as_str())?;
            for a in assumed {
                write!(f, ", {}", a.as_str())?;
            }
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
