//! The compact form of an assessment: the plan's actions refer to the
//! policy for what the policy already holds (each action's wording, the
//! source each rule cites, each pathway's name), so a host that stores or
//! sends many assessments need not repeat them. The policy that produced an
//! assessment turns it into the compact form ([`Policy::compact`]) and back
//! ([`Policy::expand`]), losing nothing.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::assess::{Assessment, PolicyStamp};
use crate::context::{Contact, ContactAssumptions};
use crate::instruments::Findings;
use crate::outcome::{OutcomeSet, Topic};
use crate::policy::check::{CheckedAction, CheckedRule};
use crate::policy::plan::{Action, Adjustments, Reason, RecordingCode};
use crate::policy::{ActionKind, Intensity, Policy, ReferralMode, ResponseStatus, Urgency};

/// An [`Assessment`] in compact form: everything but what its policy holds.
///
/// Built by [`Policy::compact`] from an assessment that policy produced,
/// and read back into the full assessment by [`Policy::expand`] with the
/// same policy (the same id and version). It borrows from the assessment,
/// so building it allocates only its list of actions.
///
/// In JSON, absent fields mean `null`, an empty list or, for an action's
/// texts, the policy's wording named by `wording`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CompactAssessment<'a> {
    /// The version of `mecc` that produced the assessment.
    pub mecc_version: Cow<'a, str>,
    /// The policy that produced the plan, and so the one that expands it.
    pub policy: Cow<'a, PolicyStamp>,
    /// The contact assessed.
    pub contact: Contact,
    /// The contact facts that were not given, and how each was read.
    pub contact_assumptions: ContactAssumptions,
    /// What each instrument found.
    pub findings: Cow<'a, Findings>,
    /// The outcomes the policy read.
    pub outcomes: OutcomeSet,
    /// The plan, in the assessment's order.
    pub plan: Vec<CompactAction<'a>>,
}

/// One action of a compact plan ([`Action`] without what the policy holds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CompactAction<'a> {
    /// The action's stable id ([`Action::id`]).
    pub id: Cow<'a, str>,
    /// What kind of action.
    pub kind: ActionKind,
    /// What it is about.
    pub topic: Topic,
    /// How much of the practitioner's time it needs.
    pub intensity: Intensity,
    /// How long it takes in the contact, in seconds.
    pub duration_s: u32,
    /// Which of the policy action's wordings the texts are, for the pathway
    /// used: 0 for its own texts, `n` for its `n`th variant. Absent when the
    /// engine wrote the texts itself (a decline, a move for time, a held or
    /// deferred action, a fallback, the consent reminder under 16); `text`
    /// and `person_text` then carry them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<u8>,
    /// The practitioner's text, when it is not one of the policy's wordings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Cow<'a, str>>,
    /// The person's text, when the practitioner's is given here and the
    /// action has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_text: Option<Cow<'a, str>>,
    /// For referrals and signposts: the id of the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pathway: Option<Cow<'a, str>>,
    /// For referrals: opt-in or opt-out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ReferralMode>,
    /// For referrals: how soon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// What to record, with its code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Cow<'a, RecordingCode>>,
    /// What the host reported became of the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseStatus>,
    /// The rule that produced it ([`Reason::rule`]).
    pub rule: Cow<'a, str>,
    /// The other rules merged into it ([`Reason::also_from`]).
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub also_from: Cow<'a, [Arc<str>]>,
    /// The outcomes found that the rule relied on.
    pub relied_on: OutcomeSet,
    /// The source cited, when it is not the rule's own (an action the
    /// engine adds, such as the pregnancy question).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Cow<'a, str>>,
    /// What the engine changed, and why.
    #[serde(default, skip_serializing_if = "no_adjustments")]
    pub adjustments: Adjustments,
    /// The id of the service the rule asked for, when another was used or,
    /// for a follow-up (held, or with no local service), none yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_pathway: Option<Cow<'a, str>>,
}

impl Policy {
    /// The compact form of `assessment`, which this policy produced.
    ///
    /// ```
    /// use mecc::policy::Policy;
    ///
    /// let screening = mecc::Screening::from_json(include_str!("../../examples/data/emergency_department_pat.json"))?;
    /// let policy = Policy::national_default_shared()?;
    /// let assessment = screening.run_with(policy)?;
    /// let compact = policy.compact(&assessment)?;
    /// let json = serde_json::to_string(&compact)?;
    /// assert!(json.len() < serde_json::to_string(&assessment)?.len() / 2);
    /// // The same policy reads it back into the whole assessment.
    /// let read: mecc::policy::CompactAssessment = serde_json::from_str(&json)?;
    /// assert_eq!(policy.expand(&read)?, assessment);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Inconsistent`] (field `policy`) when the assessment
    /// records another policy, or another version of this one: its texts
    /// could not be found here.
    pub fn compact<'a>(
        &self,
        assessment: &'a Assessment,
    ) -> Result<CompactAssessment<'a>, crate::Error> {
        self.check_stamp(&assessment.policy)?;
        Ok(CompactAssessment {
            mecc_version: Cow::Borrowed(&assessment.mecc_version),
            policy: Cow::Borrowed(&assessment.policy),
            contact: assessment.contact,
            contact_assumptions: assessment.contact_assumptions,
            findings: Cow::Borrowed(&assessment.findings),
            outcomes: assessment.outcomes,
            plan: assessment
                .plan
                .iter()
                .map(|a| self.compact_action(a))
                .collect(),
        })
    }

    /// The whole assessment `compact` stands for, with each action's texts,
    /// source and pathway names taken from this policy.
    ///
    /// # Errors
    /// [`crate::Error::Inconsistent`] (field `policy`) when `compact` was
    /// produced by another policy or version; (field `action`) when an
    /// action names a wording, a rule or a pathway this policy does not
    /// have, or has neither a wording nor its own text.
    pub fn expand(&self, compact: &CompactAssessment<'_>) -> Result<Assessment, crate::Error> {
        self.check_stamp(&compact.policy)?;
        let plan = compact
            .plan
            .iter()
            .map(|a| self.expand_action(a))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Assessment {
            mecc_version: compact.mecc_version.as_ref().into(),
            policy: compact.policy.clone().into_owned(),
            contact: compact.contact,
            contact_assumptions: compact.contact_assumptions,
            findings: compact.findings.clone().into_owned(),
            outcomes: compact.outcomes,
            plan,
        })
    }

    fn check_stamp(&self, stamp: &PolicyStamp) -> Result<(), crate::Error> {
        if *stamp.id == *self.id && *stamp.version == *self.version {
            return Ok(());
        }
        Err(crate::Error::Inconsistent {
            field: "policy",
            value: format!("{} {}", stamp.id, stamp.version),
            other: format!("the policy {} {}", self.id, self.version),
            reason: "an assessment is made compact, and expanded, by the policy that produced it (the same id and version)",
        })
    }

    fn compact_action<'a>(&self, a: &'a Action) -> CompactAction<'a> {
        let rule = self.rule(&a.reason.rule);
        let wording = self.spec(&a.id).and_then(|spec| {
            let pathway = a.pathway.as_ref().and_then(|p| self.pathway_index(&p.id));
            std::iter::once(&spec.texts)
                .chain(spec.variants.iter().map(|(_, t)| t))
                .position(|t| {
                    let (text, person_text) = t.for_pathway(pathway);
                    text == a.text && person_text == a.person_text
                })
                .and_then(|n| u8::try_from(n).ok())
        });
        let texts_given = wording.is_none();
        CompactAction {
            id: Cow::Borrowed(&a.id),
            kind: a.kind,
            topic: a.topic,
            intensity: a.intensity,
            duration_s: a.duration_s,
            wording,
            text: texts_given.then_some(Cow::Borrowed(&*a.text)),
            person_text: a
                .person_text
                .as_deref()
                .filter(|_| texts_given)
                .map(Cow::Borrowed),
            pathway: a.pathway.as_ref().map(|p| Cow::Borrowed(&*p.id)),
            mode: a.mode,
            urgency: a.urgency,
            code: a.code.as_ref().map(Cow::Borrowed),
            response: a.response,
            rule: Cow::Borrowed(&a.reason.rule),
            also_from: Cow::Borrowed(&a.reason.also_from),
            relied_on: a.reason.relied_on,
            source: (rule.map(|r| &r.source) != Some(&a.reason.source))
                .then_some(Cow::Borrowed(&*a.reason.source)),
            adjustments: a.reason.adjustments,
            requested_pathway: a
                .reason
                .requested_pathway
                .as_ref()
                .map(|p| Cow::Borrowed(&*p.id)),
        }
    }

    fn expand_action(&self, a: &CompactAction<'_>) -> Result<Action, crate::Error> {
        let unknown = |what: &'static str| crate::Error::Inconsistent {
            field: "action",
            value: a.id.to_string(),
            other: format!("the policy {} {}", self.id, self.version),
            reason: what,
        };
        let pathway = |id: &str| {
            self.pathway_index(id)
                .and_then(|q| self.pathways.get(q))
                .map(|p| p.reference.clone())
                .ok_or_else(|| unknown("a compact action names a pathway the policy does not have"))
        };
        let (text, person_text) = match (a.wording, &a.text) {
            (Some(n), _) => {
                let spec = self.spec(&a.id).ok_or_else(|| {
                    unknown("a compact action with a wording must be a rule's action in the policy")
                })?;
                let texts = match usize::from(n).checked_sub(1) {
                    None => Some(&spec.texts),
                    Some(v) => spec.variants.get(v).map(|(_, t)| t),
                }
                .ok_or_else(|| {
                    unknown("a compact action names a wording its rule does not have")
                })?;
                let q = a.pathway.as_deref().and_then(|p| self.pathway_index(p));
                texts.for_pathway(q)
            }
            (None, Some(text)) => (Arc::from(&**text), a.person_text.as_deref().map(Arc::from)),
            (None, None) => {
                return Err(unknown(
                    "a compact action needs either a wording or its own text",
                ));
            }
        };
        let source = match &a.source {
            Some(s) => Arc::from(&**s),
            None => self
                .rule(&a.rule)
                .map(|r| r.source.clone())
                .ok_or_else(|| {
                    unknown("a compact action without a source must name a rule of the policy")
                })?,
        };
        Ok(Action {
            id: Arc::from(&*a.id),
            kind: a.kind,
            topic: a.topic,
            intensity: a.intensity,
            text,
            person_text,
            duration_s: a.duration_s,
            pathway: a.pathway.as_deref().map(pathway).transpose()?,
            mode: a.mode,
            urgency: a.urgency,
            code: a.code.as_ref().map(|c| c.clone().into_owned()),
            response: a.response,
            reason: Reason {
                rule: Arc::from(&*a.rule),
                also_from: a.also_from.to_vec(),
                relied_on: a.relied_on,
                source,
                adjustments: a.adjustments,
                requested_pathway: a.requested_pathway.as_deref().map(pathway).transpose()?,
            },
        })
    }

    fn rule(&self, id: &str) -> Option<&CheckedRule> {
        self.rules.iter().find(|r| &*r.id == id)
    }

    /// The rule's action an action id names (`rule#n`, counting from 1).
    fn spec(&self, action_id: &str) -> Option<&CheckedAction> {
        let (rule, n) = action_id.rsplit_once('#')?;
        let n: usize = n.parse().ok()?;
        self.rule(rule)?.actions.get(n.checked_sub(1)?)
    }

    fn pathway_index(&self, id: &str) -> Option<usize> {
        self.pathways.iter().position(|p| &*p.reference.id == id)
    }
}

/// Whether an action has no adjustments (serde passes a reference).
#[allow(clippy::trivially_copy_pass_by_ref)]
fn no_adjustments(a: &Adjustments) -> bool {
    a.is_empty()
}
