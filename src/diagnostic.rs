//! Problems found in a policy document, as data.
//!
//! Diagnostics live beside the error type rather than inside the rules
//! engine, so that [`crate::Error`] needs nothing from the engine; the engine
//! produces them and [`crate::policy`] re-exports them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bounded::{named_enum, names_round_trip_tests};

named_enum! {
    /// A stable code for each kind of problem a policy can have.
    ///
    /// Codes never change meaning; new ones may be added.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum DiagnosticCode {
        /// The document is not valid JSON or does not have the policy's shape.
        MalformedDocument = "malformed_document",
        /// The policy id or version is empty.
        MissingIdentity = "missing_identity",
        /// Two pathways share an id.
        DuplicatePathwayId = "duplicate_pathway_id",
        /// Two rules share an id.
        DuplicateRuleId = "duplicate_rule_id",
        /// A rule or condition names a pathway the policy does not define.
        UnknownPathway = "unknown_pathway",
        /// A pathway's fallback names a pathway the policy does not define.
        UnknownFallback = "unknown_fallback",
        /// Following fallbacks from a pathway comes back to it.
        FallbackCycle = "fallback_cycle",
        /// A rule has no source.
        MissingSource = "missing_source",
        /// A rule has no actions.
        RuleWithoutActions = "rule_without_actions",
        /// A referral or signpost names no pathway, or another kind of action names one.
        PathwayMismatch = "pathway_mismatch",
        /// A referral has no urgency, or an action that is not a referral has a mode or urgency.
        ReferralFieldsMismatch = "referral_fields_mismatch",
        /// An action has no text.
        EmptyText = "empty_text",
        /// A rule's condition can never hold, so the rule can never fire.
        ConditionNeverHolds = "condition_never_holds",
        /// An outcome that calls for action has no rule acting on it in some contact,
        /// and the policy does not say it deliberately takes no action.
        UncoveredOutcome = "uncovered_outcome",
        /// An overlay names a rule or pathway that the base policy does not have.
        OverlayTargetMissing = "overlay_target_missing",
        /// An overlay adds a rule or pathway whose id the base policy already has.
        OverlayDuplicate = "overlay_duplicate",
        /// A rule that raises a built-in safety alert is missing, with no recorded override.
        SafetyRuleRemoved = "safety_rule_removed",
        /// A rule that raises a built-in safety alert differs from the national
        /// default, with no recorded override.
        SafetyRuleChanged = "safety_rule_changed",
        /// A safety override names a rule that is not protected, or lacks its
        /// reason or approver.
        SafetyOverrideInvalid = "safety_override_invalid",
        /// The policy's topics do not list every topic exactly once.
        TopicsMismatch = "topics_mismatch",
        /// A text uses a `{placeholder}` that is neither a policy value nor one
        /// the engine fills there.
        UnresolvedPlaceholder = "unresolved_placeholder",
        /// An action a person reads (advice, leaflet, signpost) has no text for
        /// them, or a practitioner-only action has one.
        PersonTextMismatch = "person_text_mismatch",
        /// A rule that relies on a declined offer makes a referral.
        ReferralAfterDecline = "referral_after_decline",
    }
}

/// One problem in a policy: its code, a message for a person, and the rule
/// (or pathway) it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// What kind of problem.
    pub code: DiagnosticCode,
    /// What is wrong and what to do about it.
    pub message: String,
    /// The rule concerned, if any.
    pub rule_id: Option<String>,
    /// The pathway concerned, if any.
    pub pathway_id: Option<String>,
}

impl Diagnostic {
    pub(crate) fn rule(code: DiagnosticCode, rule_id: &str, message: String) -> Diagnostic {
        Diagnostic {
            code,
            message,
            rule_id: Some(rule_id.to_string()),
            pathway_id: None,
        }
    }

    pub(crate) fn pathway(code: DiagnosticCode, pathway_id: &str, message: String) -> Diagnostic {
        Diagnostic {
            code,
            message,
            rule_id: None,
            pathway_id: Some(pathway_id.to_string()),
        }
    }

    pub(crate) fn policy(code: DiagnosticCode, message: String) -> Diagnostic {
        Diagnostic {
            code,
            message,
            rule_id: None,
            pathway_id: None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code.as_str())?;
        if let Some(rule) = &self.rule_id {
            write!(f, " in rule {rule}")?;
        }
        if let Some(pathway) = &self.pathway_id {
            write!(f, " in pathway {pathway}")?;
        }
        write!(f, ": {}", self.message)
    }
}

names_round_trip_tests!(
    diagnostic_code_names_round_trip: DiagnosticCode,
);
