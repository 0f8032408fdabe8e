//! Prints the JSON Schemas of the screening document (the input of the
//! `screen` example), the assessment, and the policy document and overlay.
//!
//! Run with `cargo run --example schema`.

use mecc::policy::{PolicyDocument, PolicyOverlay};
use mecc::{Assessment, Screening};

fn main() -> Result<(), serde_json::Error> {
    let schemas = serde_json::json!({
        "screening": schemars::schema_for!(Screening),
        "assessment": schemars::schema_for!(Assessment),
        "policy": schemars::schema_for!(PolicyDocument),
        "policy_overlay": schemars::schema_for!(PolicyOverlay),
    });
    println!("{}", serde_json::to_string_pretty(&schemas)?);
    Ok(())
}
