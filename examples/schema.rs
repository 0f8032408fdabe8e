//! Prints the JSON Schemas of the screening document (the input of the
//! `screen` example), the assessment and its compact form, the policy
//! document and overlay, and the question bank.
//!
//! Run with `cargo run --example schema`: one JSON object with the six
//! schemas as `screening`, `assessment`, `compact_assessment`, `policy`,
//! `policy_overlay` and `question_bank`.
//!
//! Run with `cargo run --example schema -- --out DIR` to write each schema to
//! its own file instead (`screening.schema.json`, `assessment.schema.json`,
//! `compact_assessment.schema.json`, `policy.schema.json`, `policy_overlay.schema.json`,
//! `question_bank.schema.json`), the form code
//! generators for other languages read.

use std::path::PathBuf;

use mecc::policy::{CompactAssessment, PolicyDocument, PolicyOverlay};
use mecc::questions::QuestionBank;
use mecc::{Assessment, Screening};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let schemas = [
        ("screening", schemars::schema_for!(Screening)),
        ("assessment", schemars::schema_for!(Assessment)),
        (
            "compact_assessment",
            schemars::schema_for!(CompactAssessment<'static>),
        ),
        ("policy", schemars::schema_for!(PolicyDocument)),
        ("policy_overlay", schemars::schema_for!(PolicyOverlay)),
        ("question_bank", schemars::schema_for!(QuestionBank)),
    ];
    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next(), args.next()) {
        (None, _, _) => {
            let all: serde_json::Map<String, serde_json::Value> = schemas
                .into_iter()
                .map(|(name, schema)| Ok((name.to_owned(), serde_json::to_value(schema)?)))
                .collect::<Result<_, serde_json::Error>>()?;
            println!("{}", serde_json::to_string_pretty(&all)?);
        }
        (Some("--out"), Some(dir), None) => {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir)?;
            for (name, schema) in schemas {
                let path = dir.join(format!("{name}.schema.json"));
                std::fs::write(&path, serde_json::to_string_pretty(&schema)? + "\n")?;
            }
        }
        _ => return Err("usage: schema [--out DIR]".into()),
    }
    Ok(())
}
