//! The rules engine: a policy, held as data, turns findings and the contact
//! into a plan of actions, each with the reasons it fired.
//!
//! Three layers, each a separate type:
//! 1. [`PolicyDocument`]: the serde model a local service reads and writes
//!    (with [`PolicyOverlay`] for local changes).
//! 2. [`Policy::check`] / [`Policy::compile`]: every problem at once, as
//!    [`Diagnostic`]s with stable [`DiagnosticCode`]s.
//! 3. [`Policy`]: the compiled evaluator, `Send + Sync`, reused for every
//!    contact. [`Policy::plan`] is synchronous and deterministic.
//!
//! The engine reads findings only through [`Outcome`]s, a finite vocabulary, so
//! coverage can be checked by enumeration.

mod codes;
mod compile;
mod condition;
mod coverage;
mod document;
mod overlay;
mod plan;
mod safety;
mod vocabulary;

pub use crate::diagnostic::{Diagnostic, DiagnosticCode};
pub use crate::outcome::{ExclusiveGroup, Outcome, OutcomeSet, Topic};
pub use codes::{CODES_SOURCE, CONFIRMED_CODES, Concept};
pub use compile::Policy;
pub use document::{
    ActionSpec, CodeOverride, Condition, DiabetesIs, NoAction, Pathway, PolicyDocument, PolicyRef,
    Rule,
};
pub use overlay::{PathwayPatch, PolicyOverlay};
pub use plan::{Action, Adjustment, Adjustments, PathwayRef, Reason, RecordingCode};
pub use safety::{PROTECTED_RULES, SafetyOverride};
pub use vocabulary::{ActionKind, Intensity, ReferralMode, Urgency};

/// The national default policy, as shipped in the crate (JSON).
pub const NATIONAL_DEFAULT_JSON: &str = include_str!("national_default.json");

impl PolicyDocument {
    /// Parses a policy document from JSON.
    ///
    /// # Errors
    /// [`crate::Error::Policy`] with one `malformed_document` diagnostic saying
    /// where the JSON went wrong.
    pub fn from_json(json: &str) -> Result<PolicyDocument, crate::Error> {
        serde_json::from_str(json).map_err(|e| {
            crate::Error::policy(vec![Diagnostic::policy(
                DiagnosticCode::MalformedDocument,
                format!("the policy document is not valid: {e}"),
            )])
        })
    }

    /// The national default policy document (CLINICAL-REFERENCE §1.5, §2.4,
    /// §3.4, §4.3, §6–§7).
    ///
    /// # Errors
    /// Only if the shipped document were malformed, which the crate's tests rule out.
    pub fn national_default() -> Result<PolicyDocument, crate::Error> {
        PolicyDocument::from_json(NATIONAL_DEFAULT_JSON)
    }
}

impl Policy {
    /// The national default policy, checked and compiled.
    ///
    /// # Errors
    /// Only if the shipped document were invalid, which the crate's tests rule out.
    pub fn national_default() -> Result<Policy, crate::Error> {
        Policy::compile(PolicyDocument::national_default()?)
    }
}
