//! The policy as a serde document: what a local service writes and reads.
//!
//! A document is only data. [`crate::policy::Policy::compile`] checks it, returns
//! every problem at once as [`crate::policy::Diagnostic`]s, and compiles it into
//! an evaluator.

use serde::{Deserialize, Serialize};

use crate::context::{PriorityGroup, Setting, Sex, TimeAvailable, YesNoNotKnown};
use crate::outcome::{Outcome, Topic};
use crate::policy::{ActionKind, Concept, Intensity, ReferralMode, Urgency};

/// A whole policy: pathways, rules, and the outcomes it deliberately leaves alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyDocument {
    /// A stable identifier, recorded with every assessment.
    pub id: String,
    /// The version, recorded with every assessment.
    pub version: String,
    /// The policy this one was derived from by an overlay, if any.
    pub based_on: Option<PolicyRef>,
    /// The services a plan can refer or signpost to.
    pub pathways: Vec<Pathway>,
    /// The rules, in priority order: ties in a plan keep this order.
    pub rules: Vec<Rule>,
    /// Outcomes that call for action but that this policy deliberately does not
    /// act on, each with the reason. Coverage checking accepts these.
    pub no_action: Vec<NoAction>,
    /// Recording codes that replace the built-in confirmed codes.
    pub codes: Vec<CodeOverride>,
    /// Recorded decisions to remove or change a protected safety rule (see
    /// [`crate::policy::PROTECTED_RULES`]); empty in the national default.
    pub safety_overrides: Vec<crate::policy::SafetyOverride>,
}

/// A policy's identity, as recorded in an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyRef {
    /// The policy's id.
    pub id: String,
    /// The policy's version.
    pub version: String,
}

/// A service a plan can send someone to (CLINICAL-REFERENCE §6.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    /// A stable identifier, such as `stop_smoking_service`.
    pub id: String,
    /// The name shown to practitioners.
    pub name: String,
    /// Whether the service exists in this area. When it does not, plans fall
    /// back to `fallback`.
    pub exists_locally: bool,
    /// Whether people can refer themselves. A signpost to a service that does
    /// not take self-referral becomes a referral.
    pub self_referral: bool,
    /// Whether the service can see someone now. A referral asked for `now`
    /// becomes `within_24_hours` when it cannot.
    pub available_now: bool,
    /// How referrals to this service are made unless a rule says otherwise.
    pub mode: ReferralMode,
    /// The pathway to use instead when this one does not exist locally.
    pub fallback: Option<String>,
}

/// A rule: when its condition holds, its actions join the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A stable identifier, recorded in every action the rule produces.
    pub id: String,
    /// The guideline the rule implements.
    pub source: String,
    /// The topic the rule is about.
    pub topic: Topic,
    /// When the rule fires.
    pub when: Condition,
    /// What the rule adds to the plan, in order.
    pub actions: Vec<ActionSpec>,
}

/// One action a rule adds to a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionSpec {
    /// What kind of action.
    pub kind: ActionKind,
    /// How much time it needs.
    pub intensity: Intensity,
    /// What the practitioner does or says.
    pub text: String,
    /// For referrals and signposts: the pathway.
    pub pathway: Option<String>,
    /// For referrals: opt-in or opt-out; the pathway's own mode when absent.
    pub mode: Option<ReferralMode>,
    /// For referrals: how soon.
    pub urgency: Option<Urgency>,
    /// What to record, when the action is recorded with a code.
    pub concept: Option<Concept>,
}

/// An outcome the policy deliberately does not act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NoAction {
    /// The outcome.
    pub outcome: Outcome,
    /// Why no action is taken.
    pub reason: String,
}

/// A recording code that replaces the built-in one for a concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CodeOverride {
    /// The concept.
    pub concept: Concept,
    /// The SNOMED CT code to record.
    pub snomed_ct: String,
}

/// A typed predicate over the findings and the contact. There is no expression
/// language: each condition is one of these, combined with `all`, `any` and
/// `not`.
///
/// In JSON each condition is tagged with its `kind`, with its operand (if
/// any) in `value`, for example `{"kind": "outcome", "value":
/// "pat_positive"}`, `{"kind": "setting", "value": ["maternity"]}` or
/// `{"kind": "always"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Condition {
    /// Always holds.
    Always,
    /// Holds when every condition holds (an empty list always holds).
    All(Vec<Condition>),
    /// Holds when at least one condition holds (an empty list never holds).
    Any(Vec<Condition>),
    /// Holds when the condition does not.
    Not(Box<Condition>),
    /// The findings include this outcome.
    Outcome(Outcome),
    /// The findings include at least one of these outcomes.
    AnyOutcome(Vec<Outcome>),
    /// The setting is one of these.
    Setting(Vec<Setting>),
    /// At least this much time is available.
    TimeAvailableAtLeast(TimeAvailable),
    /// Pregnancy is recorded as one of these.
    Pregnant(Vec<YesNoNotKnown>),
    /// Intoxication is recorded as one of these.
    Intoxicated(Vec<YesNoNotKnown>),
    /// Sex is recorded as one of these.
    Sex(Vec<Sex>),
    /// Age is at least this many years.
    AgeAtLeast(u8),
    /// Age is below this many years.
    AgeBelow(u8),
    /// The person is in at least one of these priority groups (an empty list:
    /// in any priority group).
    PriorityGroup(Vec<PriorityGroup>),
    /// The pathway exists locally.
    PathwayExists(String),
    /// The pathway exists locally and can see someone now.
    PathwayAvailableNow(String),
    /// Diabetes is recorded as one of these.
    Diabetes(Vec<DiabetesIs>),
    /// Type 2 diabetes diagnosed within this many years: fewer than this many
    /// whole years ago, so `10` holds for a diagnosis 9 whole years ago but
    /// not 10. A diagnosis date that is not known counts, so that the
    /// possibility is considered.
    #[serde(rename = "type_2_diabetes_within_years")]
    Type2DiabetesWithinYears(u8),
    /// Hypertension is recorded as one of these.
    Hypertension(Vec<YesNoNotKnown>),
    /// An active eating disorder is recorded as one of these.
    EatingDisorder(Vec<YesNoNotKnown>),
    /// Bariatric surgery within this many years: fewer than this many whole
    /// years ago. Surgery at an unknown time, or a history that is not known,
    /// counts.
    BariatricSurgeryWithinYears(u8),
}

/// Diabetes status, as a condition reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiabetesIs {
    /// No diagnosed diabetes.
    None,
    /// Type 1.
    #[serde(rename = "type_1")]
    Type1,
    /// Type 2.
    #[serde(rename = "type_2")]
    Type2,
    /// Not known.
    NotKnown,
}
