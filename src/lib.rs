//! # mecc: brief-intervention screening for every contact
//!
//! `mecc` scores the screening questions a health or care practitioner asks
//! about the four big lifestyle risks (alcohol, tobacco, weight and physical
//! inactivity) and returns typed findings that a host system can show, record
//! and audit. It does no I/O: everything comes in as arguments and goes out as
//! values that serialize with serde and describe themselves with JSON Schema.
//!
//! The clinical content follows the crate's clinical reference; each threshold
//! is a named constant whose documentation cites its source, and each instrument
//! carries its citation as a [`Source`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod context;
pub mod error;
pub mod instruments;
pub mod provenance;
pub mod units;

pub use error::Error;
pub use provenance::Source;

// The README's examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The version of this crate, recorded in results so they can be audited later.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
