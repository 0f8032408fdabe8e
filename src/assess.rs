//! One call for the common case: answers and contact in, findings and plan out.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::context::{Contact, ContactAssumptions};
use crate::instruments::{Answers, Findings};
use crate::outcome::OutcomeSet;
use crate::policy::{Action, PlanBuffer, PlanView, Policy, PolicyOverlay, PolicyRef, Response};

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
    // Shared with the compiled policy, as are the overrides, so that
    // stamping an assessment allocates nothing.
    pub based_on: Option<Arc<PolicyRef>>,
    /// Any recorded override of a protected safety rule in that policy.
    pub safety_overrides: Arc<[crate::policy::SafetyOverride]>,
}

/// Assesses one contact: scores every instrument answered and evaluates the
/// policy.
///
/// # Errors
/// [`Error::Inconsistent`] when answers contradict the contact, for example more
/// years of smoking than years of age; and (field `age`) when the age is 0 to
/// 9, not confirmed (`age_confirmed`), and the answers include an alcohol
/// instrument, the smoking questions or the GPPAQ, which at that age are most
/// likely an age left at a form's default of 0 (CLINICAL-REFERENCE §8.5,
/// [`Answers::check_age_plausible`]).
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
    assess_with(contact, answers, policy, &[])
}

/// As [`assess`], taking into account what the host reported became of
/// actions of an earlier plan for the same contact (CLINICAL-REFERENCE §6.4):
/// a declined offer is recorded, signposted and offered again later, never
/// made a referral; other responses are marked on their actions.
///
/// # Errors
/// As [`assess`]; and [`Error::Inconsistent`] (field `action`) when a
/// response names an action id the policy does not have.
///
/// ```
/// use mecc::policy::{ActionKind, Policy, Response, ResponseStatus};
/// use mecc::{Answers, Screening, assess_with};
///
/// let screening = Screening::from_json(include_str!("../examples/data/community_pharmacy_smoking_co.json"))?;
/// let policy = Policy::national_default()?;
/// let first = assess_with(&screening.contact, &screening.answers, &policy, &[])?;
/// let offer = first.plan.iter().find(|a| a.kind == ActionKind::Referral).ok_or("an offer")?;
///
/// // They said no: the plan records it, tells them how to get in touch
/// // themselves, and offers again at a later contact.
/// let declined = [Response { action: offer.id.to_string(), status: ResponseStatus::Declined, reason: None }];
/// let second = assess_with(&screening.contact, &screening.answers, &policy, &declined)?;
/// assert!(!second.plan.iter().any(|a| a.kind == ActionKind::Referral));
/// assert!(second.plan.iter().any(|a| a.kind == ActionKind::Record && a.id.ends_with("/declined_record")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess_with(
    contact: &Contact,
    answers: &Answers,
    policy: &Policy,
    responses: &[Response],
) -> Result<Assessment, Error> {
    let mut buffer = PlanBuffer::new();
    assess_into(contact, answers, policy, responses, &mut buffer).map(|a| a.to_assessment())
}

/// As [`assess_with`], with the plan made in `buffer`, which a host reuses
/// from one contact to the next: the assessment borrows the policy and the
/// buffer, serializes to the same JSON as the owned [`Assessment`], and
/// becomes one with [`AssessmentView::to_assessment`]. Once the buffer has
/// held a plan as long, assessing allocates nothing (CLINICAL-REFERENCE §6;
/// the plan is [`Policy::plan_into`]'s).
///
/// # Errors
/// As [`assess_with`].
///
/// ```
/// use mecc::policy::{PlanBuffer, Policy};
/// use mecc::{Screening, assess_into, assess_with};
///
/// let policy = Policy::national_default()?;
/// let mut buffer = PlanBuffer::new();
/// let mut json = Vec::new();
/// for document in [
///     include_str!("../examples/data/emergency_department_pat.json"),
///     include_str!("../examples/data/maternity_smoking_co.json"),
/// ] {
///     let s = Screening::from_json(document)?;
///     let assessment = assess_into(&s.contact, &s.answers, &policy, &s.responses, &mut buffer)?;
///     json.clear();
///     serde_json::to_writer(&mut json, &assessment)?;
///     // The same JSON as the owned assessment's.
///     let owned = assess_with(&s.contact, &s.answers, &policy, &s.responses)?;
///     assert_eq!(json, serde_json::to_vec(&owned)?);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess_into<'a>(
    contact: &Contact,
    answers: &Answers,
    policy: &'a Policy,
    responses: &[Response],
    buffer: &'a mut PlanBuffer,
) -> Result<AssessmentView<'a>, Error> {
    answers.check_age_plausible(contact)?;
    answers.check(contact.person())?;
    policy.check_responses(responses)?;
    let findings = Findings::score(answers, contact);
    let outcomes = findings.outcomes();
    Ok(AssessmentView {
        mecc_version: &policy.mecc_version,
        policy: &policy.stamp,
        contact: *contact,
        contact_assumptions: contact.assumptions(),
        findings,
        outcomes,
        plan: policy.plan_into(outcomes, contact, responses, buffer),
    })
}

/// An [`Assessment`] whose plan is read from a [`PlanBuffer`]
/// ([`assess_into`]): the same fields, with the plan as a [`PlanView`]. It
/// serializes to the same JSON as the owned assessment.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename = "Assessment")]
#[non_exhaustive]
pub struct AssessmentView<'a> {
    /// The version of `mecc` that produced the assessment.
    pub mecc_version: &'a str,
    /// The policy that produced the plan.
    pub policy: &'a PolicyStamp,
    /// The contact assessed.
    pub contact: Contact,
    /// The contact facts that were not given, and how each was read.
    pub contact_assumptions: ContactAssumptions,
    /// What each instrument found.
    pub findings: Findings,
    /// The outcomes the policy read.
    pub outcomes: OutcomeSet,
    /// The plan, ordered as [`Assessment::plan`] is.
    pub plan: PlanView<'a>,
}

// The same JSON as the owned assessment, so the same schema, under the same
// name and id: a generator holding both writes one definition.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for AssessmentView<'_> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Assessment::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        Assessment::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Assessment::json_schema(generator)
    }
}

impl AssessmentView<'_> {
    /// Appends the assessment to `out` as JSON: the same bytes as
    /// `serde_json::to_writer(out, &assessment)`, written faster, since an
    /// assessment's JSON is mostly its plan's texts
    /// ([`PlanView::write_json`]). A host reuses `out` as it reuses the plan
    /// buffer.
    ///
    /// # Errors
    /// Only as `serde_json` would fail on the assessment, which it does not.
    ///
    /// ```
    /// use mecc::policy::{PlanBuffer, Policy};
    /// use mecc::Screening;
    ///
    /// let policy = Policy::national_default()?;
    /// let mut buffer = PlanBuffer::new();
    /// let mut json = Vec::new();
    /// let screening = Screening::from_json(include_str!("../examples/data/optometry_smoking.json"))?;
    /// let assessment = screening.run_into(&policy, &mut buffer)?;
    /// assessment.write_json(&mut json)?;
    /// assert_eq!(json, serde_json::to_vec(&assessment)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        out.extend_from_slice(b"{\"mecc_version\":");
        crate::json_out::string_into(out, self.mecc_version);
        out.extend_from_slice(b",\"policy\":");
        crate::json_out::to_json_into(out, self.policy)?;
        out.extend_from_slice(b",\"contact\":");
        crate::json_out::to_json_into(out, &self.contact)?;
        out.extend_from_slice(b",\"contact_assumptions\":");
        crate::json_out::to_json_into(out, &self.contact_assumptions)?;
        out.extend_from_slice(b",\"findings\":");
        crate::json_out::to_json_into(out, &self.findings)?;
        out.extend_from_slice(b",\"outcomes\":");
        crate::json_out::to_json_into(out, &self.outcomes)?;
        out.extend_from_slice(b",\"plan\":");
        self.plan.write_json(out)?;
        out.push(b'}');
        Ok(())
    }

    /// The owned assessment, as [`assess_with`] returns it.
    #[must_use]
    pub fn to_assessment(&self) -> Assessment {
        Assessment {
            mecc_version: self.plan.policy().mecc_version.clone(),
            policy: self.policy.clone(),
            contact: self.contact,
            contact_assumptions: self.contact_assumptions,
            findings: self.findings,
            outcomes: self.outcomes,
            plan: self.plan.to_actions(),
        }
    }
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
    /// What became of actions of an earlier plan for this contact, by action
    /// id (CLINICAL-REFERENCE §6.4); may be left out.
    #[serde(default)]
    pub responses: Vec<Response>,
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
        self.run_unlocated().map_err(|e| self.locate(e))
    }

    fn run_unlocated(&self) -> Result<Assessment, Error> {
        match &self.overlay {
            None => assess_with(
                &self.contact,
                &self.answers,
                Policy::national_default_shared()?,
                &self.responses,
            ),
            Some(overlay) => {
                let document =
                    crate::policy::PolicyDocument::national_default()?.with_overlay(overlay)?;
                assess_with(
                    &self.contact,
                    &self.answers,
                    &Policy::compile(document)?,
                    &self.responses,
                )
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
        self.run_with_unlocated(policy).map_err(|e| self.locate(e))
    }

    fn run_with_unlocated(&self, policy: &Policy) -> Result<Assessment, Error> {
        self.no_overlay_with(policy)?;
        assess_with(&self.contact, &self.answers, policy, &self.responses)
    }

    /// As [`Screening::run_with`], with the plan made in `buffer`
    /// ([`assess_into`]): the path for a host that screens many documents
    /// with one compiled policy and writes each assessment as JSON.
    ///
    /// # Errors
    /// As [`Screening::run_with`].
    ///
    /// ```
    /// use mecc::policy::{PlanBuffer, Policy};
    /// use mecc::Screening;
    ///
    /// let policy = Policy::national_default()?;
    /// let mut buffer = PlanBuffer::new();
    /// let screening = Screening::from_json(include_str!("../examples/data/dental_smoking_audit_c.json"))?;
    /// let json = serde_json::to_string(&screening.run_into(&policy, &mut buffer)?)?;
    /// assert_eq!(json, serde_json::to_string(&screening.run_with(&policy)?)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run_into<'a>(
        &self,
        policy: &'a Policy,
        buffer: &'a mut PlanBuffer,
    ) -> Result<AssessmentView<'a>, Error> {
        self.no_overlay_with(policy)
            .and_then(|()| {
                assess_into(
                    &self.contact,
                    &self.answers,
                    policy,
                    &self.responses,
                    buffer,
                )
            })
            .map_err(|e| self.locate(e))
    }

    /// Refuses a document that carries an overlay when a compiled policy is
    /// given.
    fn no_overlay_with(&self, policy: &Policy) -> Result<(), Error> {
        match &self.overlay {
            None => Ok(()),
            Some(overlay) => Err(Error::Inconsistent {
                field: "overlay",
                value: format!("{} {}", overlay.id, overlay.version),
                other: format!("the compiled policy {} {}", policy.id(), policy.version()),
                reason: "a document given with a compiled policy must not carry an overlay: apply the overlay to the policy once, or leave it out of the document",
            }),
        }
    }
}

impl Screening {
    /// A refusal found after the document was read (answers that contradict
    /// the contact, answers at an age that needs confirming, which points to
    /// `/contact/age`, a response naming an unknown action) as an
    /// [`Error::Json`] with a JSON Pointer to the refused value in this
    /// document, so that a form can highlight it as it does a parse error;
    /// the check's own error is kept as its `cause`. An error whose field
    /// cannot be found in the document is returned as it is.
    fn locate(&self, error: Error) -> Error {
        let (field, value, expected) = match &error {
            Error::Inconsistent {
                field,
                value,
                reason,
                ..
            } => (*field, value.as_str(), *reason),
            Error::OutOfRange {
                field,
                value,
                expected,
                ..
            }
            | Error::Invalid {
                field,
                value,
                expected,
            } => (*field, value.as_str(), *expected),
            _ => return error,
        };
        let Ok(document) = serde_json::to_value(self) else {
            return error;
        };
        let Some((pointer, found)) = find_field(&document, field, value) else {
            return error;
        };
        Error::Json {
            message: format!("at {pointer}: {error}").into(),
            pointer: pointer.into(),
            value: Some(found.into()),
            expected: expected.into(),
            hint: None,
            line: 0,
            column: 0,
            cause: Some(Box::new(error)),
        }
    }
}

/// Where `field` (a key, or dotted keys such as `minutes.cycling`) is in
/// `document`, preferring the place whose value reads as `value`, as a JSON
/// Pointer and the value found there, as JSON text.
fn find_field(document: &serde_json::Value, field: &str, value: &str) -> Option<(String, String)> {
    let keys: Vec<&str> = field.split('.').collect();
    let mut found = Vec::new();
    walk(document, &mut String::new(), &keys, &mut found);
    let reads_as = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s == value,
        other => serde_json::from_str::<serde_json::Value>(value).is_ok_and(|v| v == *other),
    };
    let (pointer, v) = found
        .iter()
        .find(|(_, v)| reads_as(v))
        .or_else(|| found.first())?;
    Some((pointer.clone(), v.to_string()))
}

/// Collects every place whose pointer ends with `keys`.
fn walk<'a>(
    v: &'a serde_json::Value,
    at: &mut String,
    keys: &[&str],
    found: &mut Vec<(String, &'a serde_json::Value)>,
) {
    let ends_with_keys = {
        let mut parts = at.rsplit('/');
        keys.iter().rev().all(|k| parts.next() == Some(k))
    };
    if !keys.is_empty() && ends_with_keys {
        found.push((at.clone(), v));
    }
    let len = at.len();
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                at.push('/');
                at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                walk(child, at, keys, found);
                at.truncate(len);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push('/');
                at.push_str(&i.to_string());
                walk(child, at, keys, found);
                at.truncate(len);
            }
        }
        _ => {}
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
        for o in self.policy.safety_overrides.iter() {
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
