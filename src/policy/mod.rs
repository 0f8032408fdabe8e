//! The rules engine: a policy, held as data, turns findings and the contact
//! into a plan of actions, each with the reasons it fired.
//!
//! Three stages, each a separate type in its own module:
//! 1. Raw: [`PolicyDocument`] (`document`), the serde model a local service
//!    reads and writes, with [`PolicyOverlay`] (`overlay`) for local changes.
//!    Parsing checks only its shape.
//! 2. Checked: [`CheckedPolicy`] (`check`), made by [`CheckedPolicy::new`],
//!    which checks the document as a whole and returns every problem at once
//!    as [`Diagnostic`]s with stable [`DiagnosticCode`]s: identity, pathways
//!    and their fallback cycles, rules, actions, conditions that can never
//!    hold, the protected safety rules, and coverage. What passes is held
//!    resolved: fallback chains followed, pathways as indices, recording codes
//!    looked up, conditions compiled into one arena.
//! 3. Compiled: [`Policy`] (`compile`), the evaluator made by
//!    [`Policy::from_checked`], `Send + Sync` and reused for every contact.
//!    [`Policy::plan`] (`evaluate`) is synchronous and deterministic.
//!
//! [`Policy::compile`] runs stages 2 and 3 in one call, and [`Policy::check`]
//! returns stage 2's diagnostics alone.
//!
//! An assessment can be stored or sent in a compact form that refers to its
//! policy for the texts, sources and names the policy holds
//! ([`Policy::compact`], [`Policy::expand`], [`CompactAssessment`]).
//!
//! The engine reads findings only through [`Outcome`](crate::outcome::Outcome)s, a finite vocabulary, so
//! coverage can be checked by enumeration.

mod check;
mod codes;
mod compact;
mod compile;
mod condition;
mod coverage;
mod document;
mod evaluate;
mod index;
mod masks;
mod overlay;
mod plan;
mod plan_buffer;
mod plan_json;
mod response;
mod safety;
mod text;
mod vocabulary;

pub use crate::diagnostic::{Diagnostic, DiagnosticCode};
pub use check::CheckedPolicy;
pub use codes::{CODES_SOURCE, CONFIRMED_CODES, Concept};
pub use compact::{CompactAction, CompactAssessment};
pub use compile::Policy;
pub use document::{
    ActionSpec, CodeOverride, Condition, DiabetesIs, NoAction, Pathway, PolicyDocument, PolicyRef,
    PregnancyDependence, Rule, TemplateText, Templates, TextVariant, TopicRoute,
};
pub use overlay::{PathwayPatch, PolicyOverlay};
pub use plan::{Action, Adjustment, Adjustments, PathwayRef, Reason, RecordingCode};
pub use plan_buffer::{ActionView, PlanBuffer, PlanView, Text};
pub use response::{Response, ResponseStatus};
pub use safety::{PROTECTED_RULES, SafetyOverride};
pub use vocabulary::{ActionKind, Intensity, ReferralMode, Urgency};

/// The national default policy, as shipped in the crate (JSON).
pub const NATIONAL_DEFAULT_JSON: &str = include_str!("national_default.json");

impl PolicyDocument {
    /// Parses a policy document from JSON.
    ///
    /// A leading UTF-8 byte-order mark is tolerated and ignored. Objects
    /// only: a part given as a list (fields by position) is refused, as are
    /// unknown fields and a key given twice.
    ///
    /// # Errors
    /// [`crate::Error::Json`], with a JSON Pointer to the refused value
    /// ([`crate::Error::pointer`]), the value as given, what was expected and
    /// a hint; its [`diagnostics`](crate::Error::diagnostics) are one
    /// `malformed_document` saying the same. A document of the right shape is checked as a whole later, by
    /// [`CheckedPolicy::new`], whose problems are [`crate::Error::Policy`].
    ///
    /// ```
    /// use mecc::policy::PolicyDocument;
    ///
    /// let err = PolicyDocument::from_json(r#"{"id": "local", "rules": [["r1"]]}"#).unwrap_err();
    /// assert_eq!(err.pointer(), Some("/rules/0"));
    /// ```
    pub fn from_json(json: &str) -> Result<PolicyDocument, crate::Error> {
        crate::json::from_json(json)
            .map_err(|e| e.with_diagnostic(DiagnosticCode::MalformedDocument))
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
