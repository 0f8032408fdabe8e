//! The crate's one error type.
//!
//! Every constructor that validates caller data returns [`Error`]. Messages are
//! lowercase, name the field and the value that was given, say what was
//! expected, and where a likely mistake can be guessed (metres given as
//! centimetres, for example) they say so.

use std::fmt;

use serde::Serialize;

/// Why a value given to `mecc` was refused.
///
/// Match on the variant (or use [`Error::field`]) to tell callers which input to
/// correct. The `Display` text is meant to be shown to a person.
///
/// ```
/// use mecc::units::Height;
///
/// let err = Height::from_cm(1.75).unwrap_err();
/// assert_eq!(err.field(), "height_cm");
/// assert!(err.to_string().contains("looks like metres"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Error {
    /// A number was NaN or infinite.
    #[error("{field} is {value}, which is not a finite number: expected {expected}")]
    NotFinite {
        /// The input field, by its serialized name.
        field: &'static str,
        /// The value given, as text.
        value: String,
        /// What a valid value looks like.
        expected: &'static str,
    },
    /// A number lay outside the range this field accepts.
    #[error("{field} is {value}: expected {expected}{}", hint_suffix(.hint))]
    OutOfRange {
        /// The input field, by its serialized name.
        field: &'static str,
        /// The value given, as text.
        value: String,
        /// The accepted range, with its unit.
        expected: &'static str,
        /// The likely mistake, when one can be guessed.
        hint: Option<String>,
    },
    /// A value was of the right type but not one this field accepts.
    #[error("{field} is {value}: expected {expected}")]
    Invalid {
        /// The input field, by its serialized name.
        field: &'static str,
        /// The value given, as text.
        value: String,
        /// What the field accepts.
        expected: &'static str,
    },
    /// Two answers that cannot both be true.
    #[error("{field} is {value}, which contradicts {other}: {reason}")]
    Inconsistent {
        /// The field that was refused.
        field: &'static str,
        /// The value given, as text.
        value: String,
        /// The other field it contradicts, with its value.
        other: String,
        /// Why the two cannot both hold, and what to check.
        reason: &'static str,
    },
    /// A policy document has problems; every one found is listed.
    #[error("the policy is not valid: {}", DiagnosticList(.diagnostics))]
    Policy {
        /// Every problem found, each with a stable code.
        diagnostics: Vec<crate::diagnostic::Diagnostic>,
    },
}

struct DiagnosticList<'a>(&'a [crate::diagnostic::Diagnostic]);

impl fmt::Display for DiagnosticList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} problem(s)", self.0.len())?;
        for d in self.0 {
            write!(f, "; {d}")?;
        }
        Ok(())
    }
}

#[expect(
    clippy::ref_option,
    reason = "thiserror's format arguments pass the field by reference"
)]
fn hint_suffix(hint: &Option<String>) -> HintSuffix<'_> {
    HintSuffix(hint.as_deref())
}

struct HintSuffix<'a>(Option<&'a str>);

impl fmt::Display for HintSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(hint) => write!(f, " ({hint})"),
            None => Ok(()),
        }
    }
}

impl Error {
    /// The serialized name of the input field that was refused.
    #[must_use]
    pub fn field(&self) -> &'static str {
        match self {
            Error::NotFinite { field, .. }
            | Error::OutOfRange { field, .. }
            | Error::Invalid { field, .. }
            | Error::Inconsistent { field, .. } => field,
            Error::Policy { .. } => "policy",
        }
    }

    /// Whether the value was refused for lying outside a plausible range.
    #[must_use]
    pub fn is_out_of_range(&self) -> bool {
        matches!(self, Error::OutOfRange { .. })
    }

    /// Whether the value was refused because it contradicts another answer.
    #[must_use]
    pub fn is_inconsistent(&self) -> bool {
        matches!(self, Error::Inconsistent { .. })
    }

    /// The policy diagnostics, when a policy was refused.
    #[must_use]
    pub fn diagnostics(&self) -> &[crate::diagnostic::Diagnostic] {
        match self {
            Error::Policy { diagnostics } => diagnostics,
            _ => &[],
        }
    }

    pub(crate) fn policy(diagnostics: Vec<crate::diagnostic::Diagnostic>) -> Error {
        Error::Policy { diagnostics }
    }

    /// Replaces the value in an out-of-range error with the value as the caller
    /// typed it (for example `12 st 6 lb` rather than its conversion).
    pub(crate) fn given_as(self, given: String) -> Error {
        match self {
            Error::OutOfRange {
                field,
                expected,
                hint,
                ..
            } => Error::OutOfRange {
                field,
                value: given,
                expected,
                hint,
            },
            other => other,
        }
    }

    /// Adds a hint to an out-of-range error; other errors are returned unchanged.
    pub(crate) fn with_hint(self, new_hint: String) -> Error {
        match self {
            Error::OutOfRange {
                field,
                value,
                expected,
                ..
            } => Error::OutOfRange {
                field,
                value,
                expected,
                hint: Some(new_hint),
            },
            other => other,
        }
    }
}
