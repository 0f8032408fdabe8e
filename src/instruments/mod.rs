//! The screening instruments, one module each.
//!
//! Every instrument has typed answers that can hold only valid values, named
//! thresholds citing their source, a pure scoring function that cannot fail and
//! allocates nothing, and a typed finding.

pub mod activity;
pub mod bmi;
pub mod pat;
pub mod smoking;
