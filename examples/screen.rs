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
use mecc::policy::{PlanBuffer, Policy};
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

/// Many documents, one per line; blank lines are skipped. Each assessment
/// under the national default is planned in one reused buffer and written
/// straight out, as a host screening a stream would.
fn ndjson() -> ExitCode {
    let policy = match Policy::national_default_shared() {
        Ok(policy) => policy,
        Err(e) => return fail(&error_json(&e)),
    };
    let mut buffer = PlanBuffer::new();
    let mut reply = Vec::new();
    let stdin = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    let mut refused = false;
    for line in stdin.lines() {
        reply.clear();
        let written = match line {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => write_assessment(&line, policy, &mut buffer, &mut reply),
            Err(e) => Err(json!({"kind": "unreadable_input", "message": e.to_string()})),
        };
        if let Err(error) = written {
            refused = true;
            reply.clear();
            reply.extend_from_slice(json!({ "error": error }).to_string().as_bytes());
        }
        reply.push(b'\n');
        if let Err(e) = out.write_all(&reply) {
            return fail(&json!({"kind": "unwritable_output", "message": e.to_string()}));
        }
    }
    if refused {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// One line's reply, `{"assessment": ...}`, written into `reply`; a document
/// with an overlay has its own policy compiled for it.
fn write_assessment(
    text: &str,
    policy: &Policy,
    buffer: &mut PlanBuffer,
    reply: &mut Vec<u8>,
) -> Result<(), Value> {
    let screening = Screening::from_json(text).map_err(|e| error_json(&e))?;
    reply.extend_from_slice(b"{\"assessment\":");
    let written = if screening.overlay.is_some() {
        let assessment = screening.run().map_err(|e| error_json(&e))?;
        serde_json::to_writer(&mut *reply, &assessment)
    } else {
        let assessment = screening
            .run_into(policy, buffer)
            .map_err(|e| error_json(&e))?;
        serde_json::to_writer(&mut *reply, &assessment)
    };
    written.map_err(|e| json!({"kind": "unserializable_assessment", "message": e.to_string()}))?;
    reply.push(b'}');
    Ok(())
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
