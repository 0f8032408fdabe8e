//! Reads one screening document (contact, answers and an optional policy
//! overlay) as JSON on standard input, and writes the assessment as JSON on
//! standard output. On bad input it writes a JSON error to standard error and
//! exits with status 1.
//!
//! With `--ndjson` it reads many documents, one per line, and writes one line
//! for each, in order: `{"assessment": ...}` or `{"error": ...}`. Documents
//! without an overlay share the national default policy, compiled once for
//! the whole stream; the exit status is 1 if any line was refused.
//!
//! With `--text` it writes the plan as a numbered list for a person to read
//! (the practitioner's text, then what the person reads) instead of JSON.
//!
//! Run with `cargo run --example screen < examples/data/screen.json`.
//! The document's shape is `mecc::Screening`; `cargo run --example schema`
//! prints its JSON Schema.

use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

use mecc::Screening;
use serde_json::{Value, json};

fn main() -> ExitCode {
    if std::env::args().any(|a| a == "--ndjson") {
        return ndjson();
    }
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        return fail(&json!({"kind": "unreadable_input", "message": e.to_string()}));
    }
    let as_text = std::env::args().any(|a| a == "--text");
    match screen(&input) {
        Ok(assessment) if as_text => {
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{assessment}") {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&json!({"kind": "unwritable_output", "message": e.to_string()})),
            }
        }
        Ok(assessment) => match serde_json::to_string_pretty(&assessment) {
            Ok(text) => {
                let mut out = std::io::stdout().lock();
                match writeln!(out, "{text}") {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => fail(&json!({"kind": "unwritable_output", "message": e.to_string()})),
                }
            }
            Err(e) => fail(&json!({"kind": "unserializable_assessment", "message": e.to_string()})),
        },
        Err(error) => fail(&error),
    }
}

/// One document through the crate: the assessment, or the refusal as data
/// (its kind, a JSON Pointer to the refused value, the value, what was
/// expected, a hint and the message for a person).
fn screen(text: &str) -> Result<mecc::Assessment, Value> {
    let screening = Screening::from_json(text).map_err(|e| error_json(&e))?;
    screening.run().map_err(|e| error_json(&e))
}

/// Many documents, one per line; blank lines are skipped.
fn ndjson() -> ExitCode {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    let mut refused = false;
    for line in stdin.lines() {
        let reply = match line {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => match screen(&line) {
                Ok(assessment) => json!({ "assessment": assessment }),
                Err(error) => {
                    refused = true;
                    json!({ "error": error })
                }
            },
            Err(e) => {
                refused = true;
                json!({"error": {"kind": "unreadable_input", "message": e.to_string()}})
            }
        };
        if let Err(e) = writeln!(out, "{reply}") {
            return fail(&json!({"kind": "unwritable_output", "message": e.to_string()}));
        }
    }
    if refused {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `mecc`'s error as JSON, with its message.
fn error_json(error: &mecc::Error) -> Value {
    let mut detail =
        serde_json::to_value(error).unwrap_or_else(|_| json!({"kind": "unserializable_error"}));
    if let Some(fields) = detail.as_object_mut() {
        fields
            .entry("message")
            .or_insert_with(|| Value::from(error.to_string()));
    }
    detail
}

fn fail(error: &Value) -> ExitCode {
    eprintln!("{}", json!({ "error": error }));
    ExitCode::FAILURE
}
