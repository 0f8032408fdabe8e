//! Reads one screening document (contact, answers and an optional policy
//! overlay) as JSON on standard input, and writes the assessment as JSON on
//! standard output. On bad input it writes a JSON error to standard error and
//! exits with status 1.
//!
//! Run with `cargo run --example screen < examples/data/screen.json`.
//! The document's shape is `mecc::Screening`; `cargo run --example schema`
//! prints its JSON Schema.

use std::io::{Read, Write};
use std::process::ExitCode;

use mecc::Screening;

fn main() -> ExitCode {
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        return fail("unreadable_input", &e.to_string(), None);
    }
    let screening: Screening = match serde_json::from_str(&input) {
        Ok(s) => s,
        Err(e) => return fail("invalid_document", &e.to_string(), None),
    };
    match screening.run() {
        Ok(assessment) => match serde_json::to_string_pretty(&assessment) {
            Ok(json) => {
                let mut out = std::io::stdout().lock();
                match writeln!(out, "{json}") {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => fail("unwritable_output", &e.to_string(), None),
                }
            }
            Err(e) => fail("unserializable_assessment", &e.to_string(), None),
        },
        Err(e) => fail("rejected", &e.to_string(), serde_json::to_value(&e).ok()),
    }
}

fn fail(kind: &str, message: &str, detail: Option<serde_json::Value>) -> ExitCode {
    let error = serde_json::json!({"error": {"kind": kind, "message": message, "detail": detail}});
    eprintln!("{error}");
    ExitCode::FAILURE
}
