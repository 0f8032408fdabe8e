//! The crate's one error type.
//!
//! Every constructor that validates caller data returns [`Error`]. Messages are
//! lowercase, name the field and the value that was given, say what was
//! expected, and where a likely mistake can be guessed (metres given as
//! centimetres, for example) they say so. A JSON document read by a
//! `from_json` entry point is refused with [`Error::Json`], which also says
//! where, as a JSON Pointer.

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
    /// A JSON document was refused by one of the `from_json` entry points
    /// (for example [`Screening::from_json`](crate::Screening::from_json)):
    /// it is not valid JSON, does not have the expected shape, or holds a value
    /// that a check refused.
    ///
    /// `pointer` says where, so that a form can highlight the field; `message`
    /// says the same in plain words.
    #[error("{message}")]
    Json {
        /// A JSON Pointer (RFC 6901) to the offending value: `""` is the whole
        /// document. For a missing field it points to where the field belongs,
        /// inside an object that exists.
        pointer: Box<str>,
        /// The value as given, as JSON text (shortened if long); `None` when
        /// there is none, as for a missing field or JSON that does not parse.
        value: Option<Box<str>>,
        /// What was expected there, in plain words.
        expected: Box<str>,
        /// The likely mistake, when one can be guessed.
        hint: Option<Box<str>>,
        /// The whole problem in plain words, for a person.
        message: Box<str>,
        /// The line of the document, counted from 1, where reading stopped;
        /// 0 when not known.
        line: usize,
        /// The column on that line, counted from 1, where reading stopped;
        /// 0 when not known.
        column: usize,
        /// The check that refused the value, when the JSON had the right shape
        /// but a value was refused (out of range, or contradicting another
        /// answer), with its field, value, expected and hint. For a policy
        /// document that could not be read, a [`Error::Policy`] with one
        /// `malformed_document` diagnostic saying the same as `message`.
        cause: Option<Box<Error>>,
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
    /// The serialized name of the input field that was refused: for a JSON
    /// error, the field its cause names, or `"document"` when the document's
    /// shape was refused ([`Error::pointer`] says where).
    #[must_use]
    pub fn field(&self) -> &'static str {
        match self {
            Error::NotFinite { field, .. }
            | Error::OutOfRange { field, .. }
            | Error::Invalid { field, .. }
            | Error::Inconsistent { field, .. } => field,
            Error::Json {
                cause: Some(cause), ..
            } => cause.field(),
            Error::Json { cause: None, .. } => "document",
            Error::Policy { .. } => "policy",
        }
    }

    /// Where in a JSON document the refused value is, as a JSON Pointer
    /// (RFC 6901), for errors from the `from_json` entry points.
    ///
    /// ```
    /// let err = mecc::context::Contact::from_json(r#"{"age": -5}"#).unwrap_err();
    /// assert_eq!(err.pointer(), Some("/age"));
    /// ```
    #[must_use]
    pub fn pointer(&self) -> Option<&str> {
        match self {
            Error::Json { pointer, .. } => Some(pointer),
            _ => None,
        }
    }

    /// Whether the value was refused for lying outside a plausible range,
    /// directly or as the cause of a JSON error.
    #[must_use]
    pub fn is_out_of_range(&self) -> bool {
        match self {
            Error::OutOfRange { .. } => true,
            Error::Json { cause, .. } => cause.as_deref().is_some_and(Error::is_out_of_range),
            _ => false,
        }
    }

    /// Whether the value was refused because it contradicts another answer,
    /// directly or as the cause of a JSON error.
    #[must_use]
    pub fn is_inconsistent(&self) -> bool {
        match self {
            Error::Inconsistent { .. } => true,
            Error::Json { cause, .. } => cause.as_deref().is_some_and(Error::is_inconsistent),
            _ => false,
        }
    }

    /// The policy diagnostics, when a policy was refused; for a policy
    /// document that could not be read, one `malformed_document`.
    #[must_use]
    pub fn diagnostics(&self) -> &[crate::diagnostic::Diagnostic] {
        match self {
            Error::Policy { diagnostics } => diagnostics,
            Error::Json {
                cause: Some(cause), ..
            } => cause.diagnostics(),
            _ => &[],
        }
    }

    /// For a policy document that could not be read: gives a JSON error
    /// without a cause one `code` diagnostic with its message, so that the
    /// document's diagnostics say it too.
    pub(crate) fn with_diagnostic(self, code: crate::diagnostic::DiagnosticCode) -> Error {
        match self {
            Error::Json {
                pointer,
                value,
                expected,
                hint,
                message,
                line,
                column,
                cause: None,
            } => {
                let diagnostic = crate::diagnostic::Diagnostic::policy(code, message.to_string());
                Error::Json {
                    pointer,
                    value,
                    expected,
                    hint,
                    message,
                    line,
                    column,
                    cause: Some(Box::new(Error::policy(vec![diagnostic]))),
                }
            }
            other => other,
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
