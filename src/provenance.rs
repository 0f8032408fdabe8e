//! Where each instrument, threshold and rule comes from.

use serde::Serialize;

/// A published source that an instrument, threshold or rule implements.
///
/// Carried in findings and plans so that a recorded result can be traced to the
/// guidance it followed.
///
/// ```
/// use mecc::instruments::pat;
///
/// assert!(pat::SOURCE.citation.contains("Touquet"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Source {
    /// A citation a reader can find: authors or body, title, year.
    pub citation: &'static str,
    /// Where to read it, when it has a stable public address.
    pub url: Option<&'static str>,
}

impl Source {
    /// A source with no stable public address.
    #[must_use]
    pub const fn cite(citation: &'static str) -> Source {
        Source {
            citation,
            url: None,
        }
    }

    /// A source with a public address.
    #[must_use]
    pub const fn with_url(citation: &'static str, url: &'static str) -> Source {
        Source {
            citation,
            url: Some(url),
        }
    }
}

/// The clinical reference the crate implements, cited by section in tests and docs.
pub const CLINICAL_REFERENCE: Source =
    Source::cite("mecc clinical reference (docs/clinical-reference.md), section numbers as cited");
