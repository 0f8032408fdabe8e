//! Reading the crate's input documents from JSON, with errors as data.
//!
//! Every `from_json` entry point goes through [`from_json`], which:
//! - strips a leading UTF-8 byte-order mark, which Windows tools often write;
//! - refuses a struct given as a list (serde's derive accepts structs as
//!   sequences, so fields given by position would be assigned silently to
//!   the wrong questions), at every depth, through [`Strict`], a deserializer
//!   wrapping `serde_json`'s;
//! - tracks the path to the value being read (`serde_path_to_error`), so
//!   that every refusal carries a JSON Pointer;
//! - turns the failure into [`Error::Json`]: pointer, the value as given,
//!   what was expected and a hint, in plain words rather than serde's.
//!
//! Checks that run inside deserialization (`Age::new`, `Contact::new`,
//! `Height::from_cm`, ...) return a structured [`Error`], but serde's
//! `de::Error::custom` carries only text. The crate's own conversions hand
//! the structured error to [`noted`] on its way to `custom`, which keeps a
//! copy in a thread-local slot; [`from_json`] takes it back right after the
//! failure. A slot rather than parsing the text back: the text is for
//! people, and parsing it would tie the structure to its wording. A
//! thread-local because deserialization runs synchronously on the calling
//! thread, so concurrent readers on other threads never see each other's
//! errors; no locking, no I/O. The slot is cleared before each read, and the
//! copy is used only when its message is the one serde reports, so an error
//! that serde swallowed (none of the crate's types does) or one left by a
//! conversion used outside [`from_json`] is never mistaken for the cause.
//! [`Strict`] sees every struct that serde asks `serde_json` for. A type
//! that serde reads through its buffered content instead (an internally
//! tagged or untagged enum, or `#[serde(flatten)]`) asks for its structs
//! from that buffer, out of [`Strict`]'s sight; none of the crate's input
//! types does, and `tests/json_errors.rs` replaces every object of every
//! sample document by a list, so a type that did would fail there.
//!
//! The usual document (strings without escapes, no deeper than a few
//! levels) is read first by [`direct`], a reader straight from the text to
//! the crate's types that gives up on anything else; what it gives up on is
//! read as above. It returns only what `serde_json` through [`Strict`]
//! would.
//!
//! Tracking the path costs stack at every level of nesting, so a document
//! is read first without it, and only a refused one is read again to say
//! where.
//!
//! [`Strict`] records in a second slot what the innermost failing call asked
//! for (an enum's variants, a struct variant's fields), which `serde_json`'s
//! messages do not say, for the `expected` text and the hints.

mod direct;

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};
use serde_json::Value;

use crate::Error;

/// How an answer is written in JSON, from the shape of
/// [`Reply`](crate::instruments::Reply): kept here, once, for the messages;
/// a unit test fails if `Reply`'s JSON form changes without it.
pub(crate) const REPLY_FORM: &str =
    r#"{"kind": "answered", "value": ...} or {"kind": "not_asked"}"#;

/// How every other union is written in JSON: an object naming its form in
/// `kind`, with the form's details, if it has any, in `value`.
const TAGGED_FORM: &str = r#"an object {"kind": ..., "value": ...} naming one of its forms"#;

/// The variant of [`Reply`](crate::instruments::Reply) that carries an answer,
/// by which an enum is recognised as a reply in messages.
const REPLY_ANSWERED: &str = "answered";

/// Why a list is refused where an object with named fields is expected.
const LIST_REFUSED: &str = "fields given by position could be assigned to the wrong questions";

/// The `custom` message [`Strict`] raises for a list in place of an object.
const LIST_REFUSED_MESSAGE: &str = "expected an object with named fields, not a list: fields given by position could be assigned to the wrong questions";

/// What `serde_json`'s "expected value" says, in plain words.
const NOT_A_VALUE: &str = "what is written here is not a JSON value";

/// The longest value text kept in an error, in characters.
const VALUE_TEXT_MAX: usize = 80;

thread_local! {
    /// The structured error behind the last `custom` error the crate raised.
    static REFUSED: RefCell<Option<Error>> = const { RefCell::new(None) };
    /// What the innermost failing [`Strict`] call expected.
    static EXPECTATION: RefCell<Option<Expectation>> = const { RefCell::new(None) };
}

/// Keeps a copy of `error` for [`from_json`] and returns it, for the crate's
/// conversions that serde turns into `custom` errors.
pub(crate) fn noted(error: Error) -> Error {
    REFUSED.with(|slot| *slot.borrow_mut() = Some(error.clone()));
    error
}

/// As [`noted`], then as serde's `custom` error: for `map_err` in the crate's
/// own `Deserialize` implementations.
pub(crate) fn refused<E: de::Error>(error: Error) -> E {
    E::custom(noted(error))
}

/// What a failing [`Strict`] call expected, beyond `serde_json`'s message.
#[derive(Debug, Clone)]
enum Expectation {
    /// One of an enum's variants.
    Variant(&'static [&'static str]),
    /// A struct variant's fields, where the variant was named alone.
    Details(&'static [&'static str]),
    /// An object, where a list was given.
    Object,
    /// Nothing beyond `serde_json`'s message; noted so that an outer call does
    /// not take the failure for its own.
    Plain,
}

fn expect(expectation: Expectation) {
    EXPECTATION.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            *slot = Some(expectation);
        }
    });
}

/// Reads `T` from JSON `text` as the module documentation describes.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The usual document is read directly; anything else, every refusal
    // among it, through `serde_json` as below.
    if let Some(value) = direct::read(text) {
        return Ok(value);
    }
    // Tracking the path costs stack at every level of nesting, and hosts may
    // read on small stacks, so a document is first read without it; only a
    // refused one is read again, tracking the path, to say where. A document
    // nested past `serde_json`'s limit is not read again: it is refused for
    // its depth wherever it goes.
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let first = T::deserialize(Strict(&mut deserializer));
    let first = first.and_then(|value| deserializer.end().map(|()| value));
    match first {
        Ok(value) => return Ok(value),
        Err(e) if e.to_string().starts_with("recursion limit exceeded") => {
            return Err(translate(text, &[], &e, None, None));
        }
        Err(_) => {}
    }
    REFUSED.with(|slot| slot.borrow_mut().take());
    EXPECTATION.with(|slot| slot.borrow_mut().take());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let read: Result<T, _> = serde_path_to_error::deserialize(Strict(&mut deserializer));
    let refused = REFUSED.with(|slot| slot.borrow_mut().take());
    let expectation = EXPECTATION.with(|slot| slot.borrow_mut().take());
    match read {
        Ok(_) => match deserializer.end() {
            Ok(()) => Err(translate(
                text,
                &[],
                &de::Error::custom("the document could not be read"),
                None,
                None,
            )),
            Err(e) => Err(translate(text, &[], &e, None, None)),
        },
        Err(e) => {
            let segments: Vec<String> = e
                .path()
                .iter()
                .filter_map(|segment| match segment {
                    serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                    serde_path_to_error::Segment::Map { key }
                    | serde_path_to_error::Segment::Enum { variant: key } => Some(key.clone()),
                    serde_path_to_error::Segment::Unknown => None,
                })
                .collect();
            let inner = e.inner();
            let message = inner.to_string();
            let refused = refused.filter(|r| message.starts_with(&r.to_string()));
            Err(translate(text, &segments, inner, refused, expectation))
        }
    }
}

/// Escapes one segment of a JSON Pointer (RFC 6901).
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn pointer_of(segments: &[String]) -> String {
    segments.iter().fold(String::new(), |mut pointer, segment| {
        pointer.push('/');
        pointer.push_str(&escape(segment));
        pointer
    })
}

/// A value as JSON text, shortened to [`VALUE_TEXT_MAX`] characters.
fn value_text(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= VALUE_TEXT_MAX {
        text
    } else {
        let short: String = text.chars().take(VALUE_TEXT_MAX).collect();
        format!("{short}…")
    }
}

/// `serde_json`'s message without its position, which the error carries as data.
fn bare_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    message
        .strip_suffix(&suffix)
        .map_or_else(|| message.clone(), str::to_string)
}

/// What `serde_json`'s message says, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plain {
    /// What was expected.
    pub(crate) expected: String,
    /// The problem, for the message.
    pub(crate) problem: String,
    /// The likely mistake.
    pub(crate) hint: Option<String>,
    /// The name of a field that is missing, when that is the problem.
    pub(crate) missing: Option<String>,
    /// The name of a field given twice, when that is the problem.
    pub(crate) twice: Option<String>,
}

/// The table that puts `serde_json`'s messages (without their position) into
/// plain words: serde's type names (`u32`, `map`, `struct variant`) never
/// reach a person.
#[expect(
    clippy::too_many_lines,
    reason = "one table of messages, read top to bottom, is clearer whole than split"
)]
pub(crate) fn plain(message: &str) -> Plain {
    let plain = |problem: String, expected: String| Plain {
        expected,
        problem,
        hint: None,
        missing: None,
        twice: None,
    };
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((given, expected)) = rest.split_once(", expected ")
    {
        let mut out = plain(
            format!("{} is not accepted here", given_words(given)),
            expected_words(expected),
        );
        if given.starts_with("sequence") {
            out.hint = Some(LIST_REFUSED.to_string());
        }
        return out;
    }
    if let Some(rest) = message.strip_prefix("invalid value: ")
        && let Some((given, expected)) = rest.split_once(", expected ")
    {
        let mut out = plain(
            format!("{} is not accepted here", given_words(given)),
            expected_words(expected),
        );
        if given.starts_with("integer `-") {
            out.hint = Some("a negative number was given where only 0 or more is accepted".into());
        }
        return out;
    }
    if let Some(rest) = message.strip_prefix("invalid length ")
        && let Some((length, expected)) = rest.split_once(", expected ")
    {
        return plain(
            format!("a list of {length} was given"),
            expected_words(expected),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, expected) = name_and_expected(rest);
        return plain(
            format!("{name} is not a field here"),
            one_of(expected).map_or_else(
                || "no fields here".into(),
                |names| format!("a field named {names}"),
            ),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, expected) = name_and_expected(rest);
        return plain(
            format!("{name} is not one of the accepted values"),
            one_of(expected).unwrap_or_else(|| "nothing here".into()),
        );
    }
    if let Some(name) = message.strip_prefix("missing field ") {
        let name = unquote(name);
        let mut out = plain(
            format!("{name} is missing"),
            format!("a value for {name}: this field is required"),
        );
        out.missing = Some(name.to_string());
        return out;
    }
    if let Some(name) = message.strip_prefix("duplicate field ") {
        let name = unquote(name);
        let mut out = plain(
            format!("{name} is given more than once"),
            "each field once".into(),
        );
        out.hint = Some("the document may have been joined from two: keep one of them".into());
        out.twice = Some(name.to_string());
        return out;
    }
    if message == LIST_REFUSED_MESSAGE {
        let mut out = plain(
            "a list was given".into(),
            "an object with named fields, not a list".into(),
        );
        out.hint = Some(LIST_REFUSED.to_string());
        return out;
    }
    if message == "trailing characters" {
        return plain(
            "there is more text after the end of the document".into(),
            "the end of the document".into(),
        );
    }
    if let Some(what) = message.strip_prefix("EOF while parsing ") {
        let problem = match what {
            "a list" => "the document ends in the middle of a list",
            "an object" => "the document ends in the middle of an object",
            "a string" => "the document ends in the middle of a text in quotes",
            _ => "the document ends before it is complete",
        };
        return plain(problem.into(), "the rest of the document".into());
    }
    if message == "expected value" {
        return plain(NOT_A_VALUE.into(), "a value".into());
    }
    plain(
        format!("the document is not valid JSON ({message})"),
        "valid JSON".into(),
    )
}

/// Splits serde's "`name`, expected ..." (or "`name`, there are no ...") at
/// the end of the name, which may itself hold a comma.
fn name_and_expected(rest: &str) -> (&str, &str) {
    ["`, expected ", "`, there are no "]
        .iter()
        .find_map(|sep| rest.rfind(sep).map(|at| (&rest[..at], &rest[at + 3..])))
        .map_or((unquote(rest), ""), |(name, expected)| {
            (name.strip_prefix('`').unwrap_or(name), expected)
        })
}

/// Strips serde's backquotes from a name.
fn unquote(name: &str) -> &str {
    name.trim_matches('`')
}

/// The names in serde's "expected one of `a`, `b`" or "expected `a` or `b`".
fn one_of(expected: &str) -> Option<String> {
    let names = expected
        .strip_prefix("expected one of ")
        .or_else(|| expected.strip_prefix("expected "))?;
    let names: Vec<&str> = names
        .split(", ")
        .flat_map(|part| part.split(" or "))
        .map(unquote)
        .filter(|n| !n.is_empty())
        .collect();
    match names.as_slice() {
        [] => None,
        [one] => Some((*one).to_string()),
        _ => Some(format!("one of {}", names.join(", "))),
    }
}

/// serde's description of a value given (an integer with its value, `map`)
/// in plain words.
fn given_words(given: &str) -> String {
    let (kind, shown) = match given.split_once(' ') {
        Some((kind, shown)) => (kind, Some(shown)),
        None => (given, None),
    };
    let kind = match kind {
        "integer" | "floating" => "the number",
        "boolean" => "the answer",
        "string" => "the text",
        "sequence" => return "a list".into(),
        "unit" if given.starts_with("unit variant") => return "a name alone".into(),
        "unit" | "null" => return "null".into(),
        "map" | "newtype" | "struct" | "tuple" => return "an object".into(),
        _ => return "this value".into(),
    };
    match shown {
        Some(shown) => format!(
            "{kind} {}",
            shown.trim_start_matches("point ").trim_matches('`')
        ),
        None => kind.into(),
    }
}

/// serde's description of what was expected (`u32`, `struct ContactFields`,
/// `unit variant`) in plain words.
pub(crate) fn expected_words(expected: &str) -> String {
    let words = match expected {
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" | "a number" => "a number",
        "a boolean" | "bool" => "true or false",
        "a string" | "a borrowed string" | "string" | "a character" => "text in quotes",
        "a sequence" | "a list" | "tuple variant" => "a list",
        "a map" | "map" => "an object",
        "unit variant" => "a name alone",
        "struct variant" | "newtype variant" => "an object naming one value with its details",
        "variant identifier" | "field identifier" => "a name in quotes",
        "unit" => "null",
        "option" => "a value or null",
        other if other.starts_with("struct ") => "an object with named fields",
        other if other.starts_with("tuple") || other.starts_with("a tuple") => "a list",
        other if other.starts_with("enum ") => "one of its named values",
        "adjacently tagged enum Reply" => return REPLY_FORM.to_string(),
        other if other.starts_with("adjacently tagged enum ") => TAGGED_FORM,
        other => {
            return other
                .trim_start_matches("a ")
                .to_string()
                .replace("sequence", "list");
        }
    };
    words.to_string()
}

/// Builds the error for a failure at `segments`.
fn translate(
    text: &str,
    segments: &[String],
    error: &serde_json::Error,
    refused: Option<Error>,
    expectation: Option<Expectation>,
) -> Error {
    let document: Option<Value> = serde_json::from_str(text).ok();
    let resolve = |segments: &[String]| -> Option<&Value> {
        document.as_ref()?.pointer(&pointer_of(segments))
    };
    let mut plain = match &refused {
        Some(_) => None,
        None => Some(plain(&bare_message(error))),
    };
    // The path names where serde was when it failed, which may be one step
    // past the value (the variant of an enum written as a name alone):
    // shorten it to the deepest point that exists in the document, and for
    // a missing field point to where it belongs.
    let mut segments = segments.to_vec();
    if document.is_some() {
        while !segments.is_empty() && resolve(&segments).is_none() {
            segments.pop();
        }
    }
    if let Some(missing) = plain.as_ref().and_then(|p| p.missing.clone()) {
        segments.push(missing);
    }
    // A key given twice: point to it (the document, read as a value, keeps
    // its last occurrence).
    if let Some(twice) = plain.as_ref().and_then(|p| p.twice.clone())
        && let Some(Value::Object(members)) = resolve(&segments)
        && members.contains_key(&twice)
    {
        segments.push(twice);
    }
    // A refused check names its field: point to it when it is a member of
    // the object refused, or to the number of a tagged form such as
    // `{"kind": "cm", "value": 1.72}`.
    if let Some(cause) = &refused
        && let Some(Value::Object(members)) = resolve(&segments)
    {
        if members.contains_key(cause.field()) {
            segments.push(cause.field().to_string());
        } else if members.len() == 2
            && members.contains_key("kind")
            && matches!(members.get("value"), Some(Value::Number(_)))
        {
            segments.push("value".to_string());
        }
    }
    let given = resolve(&segments);
    let value = given.map(value_text);
    let pointer = pointer_of(&segments);
    let (expected, problem, hint) = match (&refused, plain.take()) {
        (Some(cause), _) => {
            let (expected, hint) = match cause {
                Error::NotFinite { expected, .. } | Error::Invalid { expected, .. } => {
                    ((*expected).to_string(), None)
                }
                Error::OutOfRange { expected, hint, .. } => ((*expected).to_string(), hint.clone()),
                Error::Inconsistent { other, reason, .. } => (
                    format!("a value consistent with {other}"),
                    Some((*reason).to_string()),
                ),
                other => (other.to_string(), None),
            };
            (expected, cause.to_string(), hint)
        }
        (None, Some(plain)) => with_expectation(plain, expectation, given),
        (None, None) => (String::new(), String::new(), None),
    };
    let place = match (document.is_some(), pointer.is_empty()) {
        (true, true) => "at the top level".to_string(),
        (true, false) => format!("at {pointer}"),
        (false, true) => format!("at line {} column {}", error.line(), error.column()),
        (false, false) => format!(
            "at line {} column {}, in {pointer}",
            error.line(),
            error.column()
        ),
    };
    let message = match (&refused, &hint) {
        (Some(_), _) => format!("{place}: {problem}"),
        // A hint that says what is expected says it once.
        (None, Some(hint)) if hint.contains(&expected) => format!("{place}: {problem} ({hint})"),
        (None, Some(hint)) => format!("{place}: {problem}: expected {expected} ({hint})"),
        (None, None) => format!("{place}: {problem}: expected {expected}"),
    };
    Error::Json {
        pointer: pointer.into(),
        value: value.map(String::into_boxed_str),
        expected: expected.into(),
        hint: hint.map(String::into_boxed_str),
        message: message.into(),
        line: error.line(),
        column: error.column(),
        cause: refused.map(Box::new),
    }
}

/// A union given as a bare word (`"type_2"`, `"not_measured"`): when the
/// word is one of its forms, how to write that form; when it is not, the
/// forms there are, rather than a form that does not exist.
fn union_named_as_text(
    mut plain: Plain,
    forms: Option<&[&str]>,
    name: &str,
) -> (String, String, Option<String>) {
    let is_a_form = if plain.expected == REPLY_FORM {
        name == REPLY_ANSWERED || name == "not_asked"
    } else {
        forms.is_none_or(|f| f.contains(&name))
    };
    plain.hint = Some(if is_a_form {
        plain.problem = format!("{name} is given as text, not as an object naming it");
        format!(
            "write it as {{\"kind\": \"{name}\"}}, with the details of that form, if it has any, under \"value\""
        )
    } else if plain.expected == REPLY_FORM {
        // Not a form an answer has (`"not_measured"`): pointing to it as
        // one would send the writer round again.
        plain.problem = format!("{name} is given as text, and is not a form of answer");
        format!(
            "for a question not asked or a measurement not taken, write {{\"kind\": \"not_asked\"}}; for an answer, {{\"kind\": \"{REPLY_ANSWERED}\", \"value\": ...}}"
        )
    } else {
        plain.problem = format!("{name} is given as text, and is not one of its forms");
        format!(
            "write an object naming one of {}, with the details of that form, if it has any, under \"value\"",
            forms.map_or_else(String::new, |f| f.join(", "))
        )
    });
    (plain.expected, plain.problem, plain.hint)
}

/// Refines the plain reading of serde's message with what [`Strict`] saw
/// expected and the value given: the hints for the likely mistakes.
fn with_expectation(
    mut plain: Plain,
    expectation: Option<Expectation>,
    given: Option<&Value>,
) -> (String, String, Option<String>) {
    // An answer's form named wrongly, such as "notasked".
    if plain.expected == format!("one of not_asked, {REPLY_ANSWERED}") {
        plain.expected = REPLY_FORM.to_string();
        plain.hint = Some(format!("answers are given as {REPLY_FORM}"));
    }
    // A union given as a bare value: an answer without its form, or a form
    // named alone (`"type_2"`) instead of in an object.
    if plain.expected == REPLY_FORM || plain.expected == TAGGED_FORM {
        match given {
            Some(Value::String(name)) => {
                let forms = match &expectation {
                    Some(Expectation::Variant(forms)) => Some(*forms),
                    _ => None,
                };
                return union_named_as_text(plain, forms, name);
            }
            Some(given) if !given.is_object() && plain.expected == REPLY_FORM => {
                let given = value_text(given);
                plain.problem = format!("{given} is not written as an answer");
                plain.hint = Some(format!(
                    "answers are given as {REPLY_FORM}; here, {{\"kind\": \"{REPLY_ANSWERED}\", \"value\": {given}}}"
                ));
                return (plain.expected, plain.problem, plain.hint);
            }
            _ => {}
        }
    }
    match (expectation, given) {
        // serde_json's "expected value" after an enum's one member.
        (Some(Expectation::Variant(variants)), Some(Value::Object(members)))
            if plain.problem == NOT_A_VALUE =>
        {
            plain.problem = if members.len() > 1 {
                format!(
                    "the object names {} values where only one is accepted",
                    members.len()
                )
            } else {
                "the object names its value more than once".into()
            };
            plain.expected = if variants.contains(&REPLY_ANSWERED) {
                REPLY_FORM.to_string()
            } else {
                format!("an object naming one of {}", variants.join(", "))
            };
        }
        (Some(Expectation::Variant(variants)), given) if variants.contains(&REPLY_ANSWERED) => {
            plain.expected = REPLY_FORM.to_string();
            if let Some(given) = given.filter(|g| !g.is_string() && !g.is_object()) {
                let given = value_text(given);
                plain.problem = format!("{given} is not written as an answer");
                plain.hint = Some(format!(
                    "answers are given as {REPLY_FORM}; here, {{\"kind\": \"answered\", \"value\": {given}}}"
                ));
            }
        }
        (Some(Expectation::Variant(variants)), Some(given))
            if !given.is_string() && !given.is_object() =>
        {
            plain.expected = format!(
                "one of {}, as a name in quotes or an object naming one with its details",
                variants.join(", ")
            );
            plain.problem = if given.is_array() {
                "a list was given".into()
            } else {
                format!("{} is not one of the accepted values", value_text(given))
            };
        }
        (Some(Expectation::Details(fields)), Some(Value::String(variant))) => {
            let details: Vec<String> = fields.iter().map(|f| format!("\"{f}\": ...")).collect();
            plain.problem = format!("{variant} is given without its details");
            plain.expected = format!("an object naming {variant} with its details");
            plain.hint = Some(format!(
                "{variant} needs its details: {{\"{variant}\": {{{}}}}}",
                details.join(", ")
            ));
        }
        (Some(Expectation::Object), _) => {
            plain.problem = "a list was given".into();
            plain.expected = "an object with named fields, not a list".into();
            plain.hint = Some(LIST_REFUSED.to_string());
        }
        _ => {}
    }
    (plain.expected, plain.problem, plain.hint)
}

/// A deserializer that refuses a struct given as a list, at every depth: it
/// wraps every visitor, access and seed it hands on, so that what is read
/// beneath it is read through it too.
pub(crate) struct Strict<D>(pub(crate) D);

/// A visitor handed on by [`Strict`]; `object` when it reads a struct, whose
/// fields must then be named.
struct StrictVisitor<V> {
    visitor: V,
    object: bool,
}

struct StrictSeed<S>(S);
struct StrictMap<A>(A);
struct StrictSeq<A>(A);
struct StrictEnum<A>(A);
struct StrictVariant<A>(A);

macro_rules! forward_strict {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                let result = self.0.$method($($arg,)* StrictVisitor { visitor, object: false });
                if result.is_err() {
                    expect(Expectation::Plain);
                }
                result
            }
        )*
    };
}

impl<'de, D: de::Deserializer<'de>> de::Deserializer<'de> for Strict<D> {
    type Error = D::Error;

    forward_strict! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_identifier();
        deserialize_ignored_any();
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let result = self.0.deserialize_struct(
            name,
            fields,
            StrictVisitor {
                visitor,
                object: true,
            },
        );
        if result.is_err() {
            expect(Expectation::Plain);
        }
        result
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let result = self.0.deserialize_enum(
            name,
            variants,
            StrictVisitor {
                visitor,
                object: false,
            },
        );
        if result.is_err() {
            expect(Expectation::Variant(variants));
        }
        result
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
                self.visitor.$method(v)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StrictVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    forward_visit! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_str(&str);
        visit_borrowed_str(&'de str);
        visit_string(String);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_some<D2: de::Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.visitor.visit_some(Strict(d))
    }

    fn visit_newtype_struct<D2: de::Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.visitor.visit_newtype_struct(Strict(d))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.object {
            expect(Expectation::Object);
            return Err(de::Error::custom(LIST_REFUSED_MESSAGE));
        }
        self.visitor.visit_seq(StrictSeq(seq))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(StrictMap(map))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(StrictEnum(data))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for StrictSeed<S> {
    type Value = S::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Strict(d))
    }
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for StrictMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(StrictSeed(seed))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.0.next_value_seed(StrictSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for StrictSeq<A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        self.0.next_element_seed(StrictSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for StrictEnum<A> {
    type Error = A::Error;
    type Variant = StrictVariant<A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        self.0
            .variant_seed(StrictSeed(seed))
            .map(|(value, variant)| (value, StrictVariant(variant)))
    }
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for StrictVariant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        self.0.newtype_variant_seed(StrictSeed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(
            len,
            StrictVisitor {
                visitor,
                object: false,
            },
        )
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let result = self.0.struct_variant(
            fields,
            StrictVisitor {
                visitor,
                object: true,
            },
        );
        // serde_json reports a struct variant named alone as "invalid type:
        // unit variant, expected struct variant"; note its fields for the hint.
        if let Err(e) = &result {
            expect(if e.to_string().starts_with("invalid type: unit variant") {
                Expectation::Details(fields)
            } else {
                Expectation::Plain
            });
        }
        result
    }
}

/// Writes a `from_json` entry point for each input type, all with the same
/// contract, documented once here.
macro_rules! entry_points {
    ($($(#[$meta:meta])* $ty:ty, $name:literal;)*) => {
        $(
            impl $ty {
                #[doc = concat!("Reads ", $name, " from a JSON document.")]
                ///
                /// A leading UTF-8 byte-order mark is tolerated and ignored.
                /// Objects only: a part given as a list (fields by position)
                /// is refused, as are unknown fields and a key given twice.
                ///
                /// # Errors
                /// [`Error::Json`], with a JSON Pointer to the refused value
                /// ([`Error::pointer`]), the value as given, what was expected
                /// and a hint; when a check refused a value of the right
                /// shape (an age of 121, pregnant and male), that check's
                /// error is kept as its `cause`.
                $(#[$meta])*
                pub fn from_json(text: &str) -> Result<$ty, Error> {
                    from_json(text)
                }
            }
        )*
    };
}

entry_points! {
    ///
    /// ```
    /// let err = mecc::Screening::from_json(r#"[{"age": 40}]"#).unwrap_err();
    /// assert_eq!(err.pointer(), Some(""));
    /// ```
    crate::Screening, "a screening (contact, answers and an optional overlay)";
    ///
    /// ```
    /// let answers = mecc::Answers::from_json("{}")?;
    /// # Ok::<(), mecc::Error>(())
    /// ```
    crate::Answers, "the answers to the instruments";
    ///
    /// ```
    /// let err = mecc::context::Contact::from_json(r#"{"age": 121}"#).unwrap_err();
    /// assert_eq!(err.pointer(), Some("/age"));
    /// assert!(err.is_out_of_range());
    /// ```
    crate::context::Contact, "a contact";
    ///
    /// ```
    /// let err = mecc::policy::PolicyOverlay::from_json(r#"{"bogus": 1}"#).unwrap_err();
    /// assert_eq!(err.pointer(), Some("/bogus"));
    /// ```
    crate::policy::PolicyOverlay, "a local overlay on a policy";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_json_messages_read_in_plain_words() {
        let table: &[(&str, &str, &str)] = &[
            (
                "invalid type: string \"x\", expected u32",
                "the text \"x\" is not accepted here",
                "a whole number from 0 to 4294967295",
            ),
            (
                "invalid value: integer `-5`, expected u8",
                "the number -5 is not accepted here",
                "a whole number from 0 to 255",
            ),
            (
                "invalid type: unit variant, expected struct variant",
                "a name alone is not accepted here",
                "an object naming one value with its details",
            ),
            (
                "invalid type: map, expected f64",
                "an object is not accepted here",
                "a number",
            ),
            (
                "invalid type: sequence, expected struct ContactFields",
                "a list is not accepted here",
                "an object with named fields",
            ),
            (
                "unknown field `agee`, expected one of `age`, `sex`",
                "agee is not a field here",
                "a field named one of age, sex",
            ),
            (
                "unknown field `a, b`, expected `age`",
                "a, b is not a field here",
                "a field named age",
            ),
            (
                "unknown field `x`, there are no fields",
                "x is not a field here",
                "no fields here",
            ),
            (
                "missing field `age`",
                "age is missing",
                "a value for age: this field is required",
            ),
            (
                "unknown variant `M`, expected one of `male`, `female`, `not_known`",
                "M is not one of the accepted values",
                "one of male, female, not_known",
            ),
            (
                "unknown variant `x`, expected `not_asked` or `answered`",
                "x is not one of the accepted values",
                "one of not_asked, answered",
            ),
            (
                "invalid length 1, expected a tuple of size 2",
                "a list of 1 was given",
                "a list",
            ),
            (
                "trailing characters",
                "there is more text after the end of the document",
                "the end of the document",
            ),
            (
                "EOF while parsing an object",
                "the document ends in the middle of an object",
                "the rest of the document",
            ),
            (
                "duplicate field `age`",
                "age is given more than once",
                "each field once",
            ),
            (
                LIST_REFUSED_MESSAGE,
                "a list was given",
                "an object with named fields, not a list",
            ),
        ];
        for (message, problem, expected) in table {
            let p = plain(message);
            assert_eq!(&p.problem, problem, "{message}");
            assert_eq!(&p.expected, expected, "{message}");
            for word in [
                "unit variant",
                "struct variant",
                "u32",
                "u8",
                "f64",
                "map",
                "sequence",
            ] {
                assert!(
                    !p.problem.contains(word) && !p.expected.contains(word),
                    "{message}: {p:?}"
                );
            }
        }
        assert_eq!(plain("missing field `age`").missing.as_deref(), Some("age"));
        assert!(
            plain("invalid value: integer `-5`, expected u32")
                .hint
                .is_some()
        );
    }

    /// The messages' wording of an answer follows `Reply`'s JSON form; this
    /// fails when that form changes, so the two are changed together.
    #[test]
    fn the_reply_form_in_messages_is_replys_json_form() {
        use crate::instruments::Reply;
        let answered = serde_json::to_value(Reply::Answered(0)).unwrap();
        let not_asked = serde_json::to_value(Reply::<u8>::NotAsked).unwrap();
        assert_eq!(
            answered,
            serde_json::json!({"kind": REPLY_ANSWERED, "value": 0})
        );
        assert_eq!(not_asked, serde_json::json!({"kind": "not_asked"}));
        assert_eq!(
            REPLY_FORM,
            format!(
                "{{\"kind\": \"{REPLY_ANSWERED}\", \"value\": ...}} or {{\"kind\": \"not_asked\"}}"
            )
        );
    }

    #[test]
    fn pointers_escape_their_segments() {
        assert_eq!(
            pointer_of(&["a/b".into(), "c~d".into(), "0".into()]),
            "/a~1b/c~0d/0"
        );
        assert_eq!(pointer_of(&[]), "");
    }
}
