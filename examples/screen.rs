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
        return fail(&serde_json::json!({"kind": "unreadable_input", "message": e.to_string()}));
    }
    // Refusals are data: the error's JSON form carries its kind, a JSON
    // Pointer to the refused value, the value, what was expected, a hint and
    // the message for a person.
    let screening = match Screening::from_json(&input) {
        Ok(s) => s,
        Err(e) => return fail_with(&e),
    };
    match screening.run() {
        Ok(assessment) => match serde_json::to_string_pretty(&assessment) {
            Ok(json) => {
                let mut out = std::io::stdout().lock();
                match writeln!(out, "{json}") {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => fail(
                        &serde_json::json!({"kind": "unwritable_output", "message": e.to_string()}),
                    ),
                }
            }
            Err(e) => fail(
                &serde_json::json!({"kind": "unserializable_assessment", "message": e.to_string()}),
            ),
        },
        Err(e) => fail_with(&e),
    }
}

/// Writes `mecc`'s error as JSON, with its message.
fn fail_with(error: &mecc::Error) -> ExitCode {
    let mut detail = serde_json::to_value(error)
        .unwrap_or_else(|_| serde_json::json!({"kind": "unserializable_error"}));
    if let Some(fields) = detail.as_object_mut() {
        fields
            .entry("message")
            .or_insert_with(|| serde_json::Value::from(error.to_string()));
    }
    fail(&detail)
}

fn fail(error: &serde_json::Value) -> ExitCode {
    eprintln!("{}", serde_json::json!({ "error": error }));
    ExitCode::FAILURE
}
