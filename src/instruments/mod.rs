//! The screening instruments, one module each.
//!
//! Every instrument has typed answers that can hold only valid values, named
//! thresholds citing their source, a pure scoring function that cannot fail and
//! allocates nothing, and a typed finding.

use serde::{Deserialize, Serialize};

pub mod activity;
pub mod audit;
pub mod bmi;
pub mod fast;
pub mod pat;
pub mod smoking;

/// One answer to one question: either given, or not (yet) asked.
///
/// "Not asked" and "answered no" are different answers, so an answer is never
/// optional with a silent default. In JSON an answer is `"not_asked"` or
/// `{"answered": value}`.
///
/// ```
/// use mecc::instruments::Reply;
///
/// let r: Reply<bool> = serde_json::from_str(r#"{"answered": false}"#)?;
/// assert_eq!(r, Reply::Answered(false));
/// assert_eq!(r.answered(), Some(&false));
/// let n: Reply<bool> = serde_json::from_str(r#""not_asked""#)?;
/// assert!(n.is_not_asked());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reply<T> {
    /// The question has not been asked, or its answer was not recorded.
    NotAsked,
    /// The answer given.
    Answered(T),
}

impl<T> Reply<T> {
    /// The answer, if one was given.
    pub const fn answered(&self) -> Option<&T> {
        match self {
            Reply::Answered(v) => Some(v),
            Reply::NotAsked => None,
        }
    }

    /// Whether the question is still to be asked.
    pub const fn is_not_asked(&self) -> bool {
        matches!(self, Reply::NotAsked)
    }
}

impl<T: Copy> Reply<T> {
    /// The answer, if one was given, by value.
    pub const fn get(self) -> Option<T> {
        match self {
            Reply::Answered(v) => Some(v),
            Reply::NotAsked => None,
        }
    }
}
