//! Placeholder.
/// Placeholder.
pub const SOURCE: crate::Source = crate::Source::cite("Touquet R, Brown A. PAT (2009)");
