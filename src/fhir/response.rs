//! A FHIR `QuestionnaireResponse` read back into [`Answers`].
//!
//! Each answered item's answer is written at its question's pointer in an
//! answers document (wrapped as a reply where the bank says so), questions
//! not answered are written `not_asked` where the instrument allows it, and
//! the document is read by [`Answers::from_json`], so every check the crate
//! makes of answers is made here too. Any refusal is then moved back to the
//! item: its pointer is into the response and its message names the
//! `linkId`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::questionnaire::{Plan, UNION_CONTAINERS, enabled_by, plan};
use super::{CanonicalBase, Coding, Meta, Quantity, Reference, UCUM};
use crate::questions::{BANK_VERSION, BankQuestion, FormValue, QuestionId, Recording, bank};
use crate::{Answers, Error};

/// A FHIR `QuestionnaireResponse`: the answers to one questionnaire.
///
/// Elements not listed here are ignored when read, except
/// `modifierExtension`, which is refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    /// Always `"QuestionnaireResponse"`.
    pub resource_type: String,
    /// The resource's id, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// Extensions that change the meaning of the response: refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modifier_extension: Vec<Value>,
    /// The canonical URL of the questionnaire answered, optionally with
    /// `|` and its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire: Option<String>,
    /// `in-progress`, `completed`, `amended`, `entered-in-error` or
    /// `stopped`.
    pub status: String,
    /// The person the answers are about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// When the answers were given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    /// The answered items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// One item of a response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResponseItem {
    /// Extensions that change the meaning of the item: refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modifier_extension: Vec<Value>,
    /// The question's id.
    pub link_id: String,
    /// The words the question was put in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The answers: one, or several for a question that takes several.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<ResponseAnswer>,
    /// Items nested in this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// One answer: exactly one of the `value` elements.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResponseAnswer {
    /// Extensions that change the meaning of the answer: refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modifier_extension: Vec<Value>,
    /// For a `boolean` item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_boolean: Option<bool>,
    /// For a `decimal` item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_decimal: Option<f64>,
    /// For an `integer` item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// For a `choice` item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    /// For a `quantity` item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    /// Free text: no item of the crate's questionnaires takes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    /// Items nested under this answer (follow-up questions may be given
    /// here or beside the item).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

impl ResponseAnswer {
    /// The names of the `value` elements given.
    fn given(&self) -> Vec<&'static str> {
        [
            ("valueBoolean", self.value_boolean.is_some()),
            ("valueDecimal", self.value_decimal.is_some()),
            ("valueInteger", self.value_integer.is_some()),
            ("valueCoding", self.value_coding.is_some()),
            ("valueQuantity", self.value_quantity.is_some()),
            ("valueString", self.value_string.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }
}

impl QuestionnaireResponse {
    /// Reads a response from a JSON document, with the crate's JSON errors.
    ///
    /// # Errors
    /// [`Error::Json`], with a JSON Pointer to the refused value, what was
    /// expected and a hint.
    ///
    /// ```
    /// let err = mecc::fhir::QuestionnaireResponse::from_json(r#"{"status": 1}"#).unwrap_err();
    /// assert_eq!(err.pointer(), Some("/status"));
    /// ```
    pub fn from_json(text: &str) -> Result<QuestionnaireResponse, Error> {
        crate::json::from_json(text)
    }
}

/// The answers several responses give together, one instrument each, as at
/// a contact where more than one questionnaire was used.
///
/// # Errors
/// As [`answers_from_response`], for the first response refused (its
/// pointer is into that response); and [`Error::Invalid`] (field
/// `questionnaire`) when two responses answer the same questionnaire, since
/// which to believe cannot be known.
///
/// ```
/// use mecc::fhir::{self, CanonicalBase, QuestionnaireResponse};
///
/// let base = CanonicalBase::example();
/// let response = |key: &str, item: &str| QuestionnaireResponse::from_json(&format!(
///     r#"{{"resourceType": "QuestionnaireResponse", "status": "completed",
///         "questionnaire": "{}", "item": [{item}]}}"#,
///     base.questionnaire_url(key)));
/// let pat = response("pat", r#"{"linkId": "pat.drinks_alcohol", "answer": [{"valueBoolean": false}]}"#)?;
/// let smoking = response("smoking", &format!(
///     r#"{{"linkId": "smoking.status", "answer": [{{"valueCoding": {{"system": "{}", "code": "never_smoked"}}}}]}}"#,
///     base.answer_system()))?;
/// let answers = fhir::answers_from_responses(&[pat, smoking], &base)?;
/// assert!(answers.pat.is_some() && answers.smoking.is_some());
/// # Ok::<(), mecc::Error>(())
/// ```
pub fn answers_from_responses(
    responses: &[QuestionnaireResponse],
    base: &CanonicalBase,
) -> Result<Answers, Error> {
    let mut together = serde_json::Map::new();
    for response in responses {
        let answers = answers_from_response(response, base)?;
        let Ok(Value::Object(fields)) = serde_json::to_value(answers) else {
            continue;
        };
        for (key, value) in fields {
            if value.is_null() {
                continue;
            }
            if together.contains_key(&key) {
                return Err(Error::Invalid {
                    field: "questionnaire",
                    value: format!("{:?}", base.questionnaire_url(&key)),
                    expected: "one response to each questionnaire",
                });
            }
            together.insert(key, value);
        }
    }
    Answers::from_json(&Value::Object(together).to_string())
}

/// Reads a `QuestionnaireResponse` from JSON and its answers from it: as
/// [`QuestionnaireResponse::from_json`] then [`answers_from_response`].
///
/// # Errors
/// As those two.
pub fn answers_from_json(text: &str, base: &CanonicalBase) -> Result<Answers, Error> {
    answers_from_response(&QuestionnaireResponse::from_json(text)?, base)
}

/// The answers a response gives, for the one instrument whose questionnaire
/// it answers (its `questionnaire` names one of the crate's, built on
/// `base`).
///
/// Questions not answered are `not_asked` where the instrument allows it; a
/// follow-up is read only when the answer that shows it was given.
///
/// # Errors
/// [`Error::Json`] with a pointer into the response and a message naming
/// the item's `linkId`, for: a response of another resource type, an
/// unknown questionnaire or version, a `modifierExtension`, an
/// `entered-in-error` response; an unknown `linkId` or one of another
/// instrument, an item given twice; an answer of the wrong type, a code not
/// among the options or of another system, a unit not accepted, two answers
/// to a question that takes one; a follow-up answered when the answer that
/// shows it was not given; a required question not answered; and any answer
/// the crate's own checks refuse (out of range, contradicting another), with
/// that check's error as its cause.
pub fn answers_from_response(
    response: &QuestionnaireResponse,
    base: &CanonicalBase,
) -> Result<Answers, Error> {
    let key = check_header(response, base)?;
    let mut items = Vec::new();
    flatten(&response.item, "/item", &mut items);

    // The answered questions, in the order of the bank, so that an answer
    // that a follow-up depends on is written before it.
    let mut answered: Vec<(usize, &'static BankQuestion, String, &ResponseItem)> = Vec::new();
    for (path, item) in items {
        check_modifiers(item, &path)?;
        let link_pointer = format!("{path}/linkId");
        let Some(id) = QuestionId::ALL
            .iter()
            .copied()
            .find(|q| q.as_str() == item.link_id)
        else {
            if item.answer.is_empty() && is_display(&item.link_id) {
                continue;
            }
            return Err(unknown_link_id(&item.link_id, &link_pointer, key));
        };
        if id.instrument() != key {
            return Err(item_error(
                &item.link_id,
                &link_pointer,
                Some(json!(item.link_id)),
                &format!(
                    "a question of the {key} questionnaire (this one belongs to the {} questionnaire)",
                    id.instrument()
                ),
                Some("answer each instrument's questions in a response to its own questionnaire"),
                invalid(
                    "linkId",
                    &item.link_id,
                    "a question of the questionnaire answered",
                ),
            ));
        }
        if let Some((_, _, first, _)) = answered.iter().find(|(_, q, _, _)| q.id == id) {
            return Err(item_error(
                &item.link_id,
                &link_pointer,
                Some(json!(item.link_id)),
                &format!("each question once (it is answered already at {first})"),
                Some("give several answers to one question in one item's answer list"),
                invalid("linkId", &item.link_id, "each question once"),
            ));
        }
        let index = bank().questions().position(|q| q.id == id).unwrap_or(0);
        answered.push((index, id.question(), path, item));
    }
    answered.sort_by_key(|(index, ..)| *index);

    let mut doc = json!({ key: {} });
    let mut written: Vec<(&'static BankQuestion, String)> = Vec::new();
    for (_, q, path, item) in &answered {
        let Some(value) = read_answer(q, item, path, base)? else {
            continue;
        };
        let value = match q.recorded_as {
            Recording::Reply => json!({"kind": "answered", "value": value}),
            Recording::Value => value,
        };
        check_shown(q, &doc, path)?;
        write(&mut doc, q.pointer, value);
        written.push((q, format!("{path}/answer")));
    }
    fill(&mut doc, key)?;
    Answers::from_json(&doc.to_string()).map_err(|e| relocate(e, &written))
}

/// Checks the resource type, status, modifiers and questionnaire, and gives
/// the key of the instrument answered.
fn check_header(
    response: &QuestionnaireResponse,
    base: &CanonicalBase,
) -> Result<&'static str, Error> {
    if response.resource_type != "QuestionnaireResponse" {
        return Err(plain_error(
            "/resourceType",
            Some(json!(response.resource_type)),
            "\"QuestionnaireResponse\"",
            None,
            invalid(
                "resourceType",
                &response.resource_type,
                "\"QuestionnaireResponse\"",
            ),
        ));
    }
    if !response.modifier_extension.is_empty() {
        return Err(plain_error(
            "/modifierExtension",
            None,
            "no modifierExtension: one changes the meaning of the answers in a way the crate cannot know",
            Some("remove it, or read the answers in the host"),
            invalid("modifierExtension", "present", "none"),
        ));
    }
    if response.status == "entered-in-error" {
        return Err(plain_error(
            "/status",
            Some(json!(response.status)),
            "a response that stands (in-progress, completed, amended or stopped)",
            Some("a response entered in error must not be assessed"),
            invalid("status", &response.status, "a response that stands"),
        ));
    }
    let canonical = response.questionnaire.as_deref().unwrap_or_default();
    let (url, version) = canonical
        .split_once('|')
        .map_or((canonical, None), |(url, version)| (url, Some(version)));
    let Some(key) = bank()
        .instruments
        .iter()
        .map(|i| i.key)
        .find(|key| base.questionnaire_url(key) == url)
    else {
        return Err(plain_error(
            "/questionnaire",
            response.questionnaire.as_ref().map(|q| json!(q)),
            &format!(
                "the canonical URL of one of the crate's questionnaires, such as \"{}\"",
                base.questionnaire_url("audit")
            ),
            Some("is the base URL the one the questionnaires were made with?"),
            invalid(
                "questionnaire",
                canonical,
                "one of the crate's questionnaires",
            ),
        ));
    };
    if let Some(version) = version
        && version != BANK_VERSION
    {
        return Err(plain_error(
            "/questionnaire",
            Some(json!(canonical)),
            &format!("version {BANK_VERSION} of the questionnaire"),
            Some("the codes may have changed since that version: make the form again"),
            invalid("questionnaire", canonical, "the bank's version"),
        ));
    }
    Ok(key)
}

/// Refuses a `modifierExtension` on an item or one of its answers: it
/// changes their meaning in a way the crate cannot know.
fn check_modifiers(item: &ResponseItem, path: &str) -> Result<(), Error> {
    let at = if item.modifier_extension.is_empty() {
        item.answer
            .iter()
            .position(|a| !a.modifier_extension.is_empty())
            .map(|j| format!("{path}/answer/{j}/modifierExtension"))
    } else {
        Some(format!("{path}/modifierExtension"))
    };
    match at {
        None => Ok(()),
        Some(pointer) => Err(item_error(
            &item.link_id,
            &pointer,
            None,
            "no modifierExtension: one changes the meaning of the answer in a way the crate cannot know",
            Some("remove it, or read this answer in the host"),
            invalid("modifierExtension", "present", "none"),
        )),
    }
}

/// Every item, nested ones too, with its pointer in the response.
fn flatten<'a>(items: &'a [ResponseItem], at: &str, out: &mut Vec<(String, &'a ResponseItem)>) {
    for (i, item) in items.iter().enumerate() {
        let path = format!("{at}/{i}");
        out.push((path.clone(), item));
        flatten(&item.item, &format!("{path}/item"), out);
        for (j, answer) in item.answer.iter().enumerate() {
            flatten(&answer.item, &format!("{path}/answer/{j}/item"), out);
        }
    }
}

/// Whether `link_id` is one of the questionnaires' display items (a man's
/// wording), which carry no answer.
fn is_display(link_id: &str) -> bool {
    link_id
        .strip_suffix(".male")
        .is_some_and(|id| QuestionId::ALL.iter().any(|q| q.as_str() == id))
}

/// The value the item's answers write at the question's pointer, before any
/// reply wrapping; `None` when the item has no answer.
fn read_answer(
    q: &BankQuestion,
    item: &ResponseItem,
    path: &str,
    base: &CanonicalBase,
) -> Result<Option<Value>, Error> {
    let id = q.id.as_str();
    let first = match item.answer.as_slice() {
        [] => return Ok(None),
        [first] => first,
        [first, second, ..] => {
            if !matches!(plan(q), Plan::Choice { repeats: true, .. }) {
                return Err(item_error(
                    id,
                    &format!("{path}/answer/1"),
                    serde_json::to_value(second).ok(),
                    "one answer: the question takes one",
                    Some("give the one answer that holds, or ask again"),
                    invalid("answer", "two or more answers", "one answer"),
                ));
            }
            first
        }
    };
    let at = |j: usize| format!("{path}/answer/{j}");
    for (j, answer) in item.answer.iter().enumerate() {
        let given = answer.given();
        if given.len() != 1 {
            return Err(item_error(
                id,
                &at(j),
                serde_json::to_value(answer).ok(),
                &format!("exactly one value, {}", expected_value(q)),
                None,
                invalid("answer", &given.join(", "), "exactly one value"),
            ));
        }
    }
    let wrong_type = |j: usize, answer: &ResponseAnswer| {
        let given = answer.given().join("");
        item_error(
            id,
            &format!("{}/{given}", at(j)),
            serde_json::to_value(answer).ok(),
            &expected_value(q),
            Some(&format!("this item is of type {}", type_name(q))),
            invalid("answer", &given, "the value type of the item"),
        )
    };
    let value = match plan(q) {
        Plan::Boolean => match first.value_boolean {
            Some(b) => json!(b),
            None => return Err(wrong_type(0, first)),
        },
        Plan::Choice { options, repeats } => read_choice(q, item, path, base, &options, repeats)?,
        Plan::Number { measure, form } => {
            let number = if measure.whole {
                match first.value_integer {
                    Some(n) => json!(n),
                    None => return Err(wrong_type(0, first)),
                }
            } else {
                match first.value_decimal {
                    Some(x) => json!(x),
                    None => return Err(wrong_type(0, first)),
                }
            };
            match form {
                Some(kind) => json!({"kind": kind, "value": number}),
                None => number,
            }
        }
        Plan::Quantity { units, .. } => match &first.value_quantity {
            Some(quantity) => {
                read_quantity(id, quantity, &format!("{}/valueQuantity", at(0)), &units)?
            }
            None => return Err(wrong_type(0, first)),
        },
    };
    Ok(Some(value))
}

/// The option values the codings of a `choice` item's answers write.
fn read_choice(
    q: &BankQuestion,
    item: &ResponseItem,
    path: &str,
    base: &CanonicalBase,
    options: &[super::questionnaire::ChoiceOption],
    repeats: bool,
) -> Result<Value, Error> {
    let id = q.id.as_str();
    let mut chosen = Vec::new();
    for (j, answer) in item.answer.iter().enumerate() {
        let pointer = format!("{path}/answer/{j}/valueCoding");
        let Some(coding) = &answer.value_coding else {
            let given = answer.given().join("");
            return Err(item_error(
                id,
                &format!("{path}/answer/{j}/{given}"),
                serde_json::to_value(answer).ok(),
                &expected_value(q),
                Some("this item is of type choice"),
                invalid("answer", &given, "the value type of the item"),
            ));
        };
        if let Some(system) = &coding.system
            && *system != base.answer_system()
        {
            return Err(item_error(
                id,
                &format!("{pointer}/system"),
                Some(json!(system)),
                &format!("the answer codes' system, \"{}\"", base.answer_system()),
                Some("is the base URL the one the questionnaire was made with?"),
                invalid("valueCoding", system, "the answer codes' system"),
            ));
        }
        let code = coding.code.as_deref().unwrap_or_default();
        let Some(option) = options.iter().find(|o| o.code == code) else {
            let codes: Vec<String> = options.iter().map(|o| format!("\"{}\"", o.code)).collect();
            return Err(item_error(
                id,
                &format!("{pointer}/code"),
                coding.code.as_ref().map(|c| json!(c)),
                &format!("one of the item's answer codes: {}", codes.join(", ")),
                near_miss(code, options.iter().map(|o| o.code.as_str())).as_deref(),
                invalid("valueCoding", code, "one of the item's answer codes"),
            ));
        };
        if chosen.contains(&option.value) {
            return Err(item_error(
                id,
                &format!("{pointer}/code"),
                Some(json!(code)),
                "each option once",
                None,
                invalid("valueCoding", code, "each option once"),
            ));
        }
        chosen.push(option.value.clone());
    }
    Ok(if repeats {
        Value::Array(chosen)
    } else {
        chosen.into_iter().next().unwrap_or(Value::Null)
    })
}

/// The form a `quantity` answer writes, by its UCUM unit.
fn read_quantity(
    id: &str,
    quantity: &Quantity,
    pointer: &str,
    units: &[super::questionnaire::QuantityUnit],
) -> Result<Value, Error> {
    let accepted: Vec<String> = units.iter().map(|u| format!("\"{}\"", u.ucum)).collect();
    let expected = format!(
        "a value with a UCUM unit code, one of {}",
        accepted.join(", ")
    );
    let Some(value) = quantity.value else {
        return Err(item_error(
            id,
            &format!("{pointer}/value"),
            None,
            &expected,
            None,
            invalid("valueQuantity", "no value", "a value"),
        ));
    };
    let unit = units.iter().find(|u| {
        quantity.code.as_deref() == Some(u.ucum)
            && quantity.system.as_deref().is_none_or(|s| s == UCUM)
    });
    let Some(unit) = unit else {
        return Err(item_error(
            id,
            &format!("{pointer}/code"),
            serde_json::to_value(quantity).ok(),
            &expected,
            Some("the unit goes in code, with system http://unitsofmeasure.org"),
            invalid(
                "valueQuantity",
                quantity.code.as_deref().unwrap_or("no code"),
                "an accepted UCUM unit",
            ),
        ));
    };
    Ok(match unit.form.value {
        // Feet and inches, or stones and pounds, from the total in the
        // smaller unit; hundredths, as the bank's ranges are.
        FormValue::Compound(c) => {
            let per = f64::from(c.per);
            let wholes = (value / per).floor();
            let part = ((value - wholes * per) * 100.0).round() / 100.0;
            json!({"kind": unit.form.kind, "value": {c.first: whole_number(wholes), c.second: part}})
        }
        _ => json!({"kind": unit.form.kind, "value": value}),
    })
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "a whole number of feet or stones: out-of-range values saturate and are then refused by the range check"
)]
fn whole_number(x: f64) -> i64 {
    x as i64
}

/// What an answer to `q` holds, in words.
fn expected_value(q: &BankQuestion) -> String {
    match plan(q) {
        Plan::Boolean => "a valueBoolean".to_owned(),
        Plan::Choice { repeats: false, .. } => {
            "a valueCoding with one of the item's answer codes".to_owned()
        }
        Plan::Choice { repeats: true, .. } => {
            "valueCodings with the item's answer codes, one an answer".to_owned()
        }
        Plan::Number { measure, .. } if measure.whole => "a valueInteger".to_owned(),
        Plan::Number { .. } => "a valueDecimal".to_owned(),
        Plan::Quantity { .. } => "a valueQuantity".to_owned(),
    }
}

fn type_name(q: &BankQuestion) -> &'static str {
    match plan(q) {
        Plan::Boolean => "boolean",
        Plan::Choice { .. } => "choice",
        Plan::Number { measure, .. } if measure.whole => "integer",
        Plan::Number { .. } => "decimal",
        Plan::Quantity { .. } => "quantity",
    }
}

/// A code differing from one of `codes` only in case, spaces or hyphens:
/// the likely mistake.
fn near_miss<'a>(code: &str, codes: impl Iterator<Item = &'a str>) -> Option<String> {
    let fold = |s: &str| s.to_lowercase().replace([' ', '-'], "_");
    let folded = fold(code);
    codes
        .into_iter()
        .find(|c| fold(c) == folded)
        .map(|c| format!("did you mean \"{c}\"?"))
}

/// Refuses a follow-up answered when the answer that shows it was not given.
fn check_shown(q: &BankQuestion, doc: &Value, path: &str) -> Result<(), Error> {
    let shown_by: Vec<(&BankQuestion, &str)> = enabled_by(q.id).collect();
    let Some((parent, _)) = shown_by.first() else {
        return Ok(());
    };
    let given = doc
        .pointer(parent.pointer)
        .and_then(|v| v.get("kind"))
        .and_then(Value::as_str);
    if given.is_some_and(|kind| shown_by.iter().any(|(_, k)| *k == kind)) {
        return Ok(());
    }
    let kinds: Vec<String> = shown_by.iter().map(|(_, k)| format!("\"{k}\"")).collect();
    Err(item_error(
        q.id.as_str(),
        &format!("{path}/answer"),
        None,
        &format!(
            "no answer unless linkId \"{}\" is answered {}",
            parent.id.as_str(),
            kinds.join(" or ")
        ),
        Some(&match given {
            Some(kind) => format!("\"{}\" is answered \"{kind}\"", parent.id.as_str()),
            None => format!("\"{}\" is not answered", parent.id.as_str()),
        }),
        invalid("answer", "given", "no answer to a question not shown"),
    ))
}

/// Writes `value` at `pointer`, creating the objects (and the unions of
/// [`UNION_CONTAINERS`]) that hold it.
fn write(doc: &mut Value, pointer: &str, value: Value) {
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut at = String::new();
    for segment in segments.iter().take(segments.len().saturating_sub(1)) {
        at.push('/');
        at.push_str(segment);
        if doc.pointer(&at).is_none() {
            let holder = UNION_CONTAINERS.iter().find(|(c, _)| *c == at).map_or_else(
                || json!({}),
                |(_, kinds)| {
                    kinds.iter().rev().fold(
                        json!({}),
                        |inner, kind| json!({"kind": kind, "value": inner}),
                    )
                },
            );
            set(doc, &at, holder);
        }
    }
    set(doc, pointer, value);
}

/// Sets the value at `pointer`, whose parent is an object.
fn set(doc: &mut Value, pointer: &str, value: Value) {
    let Some((parent, field)) = pointer.rsplit_once('/') else {
        return;
    };
    if let Some(Value::Object(holder)) = doc.pointer_mut(parent) {
        holder.insert(field.to_owned(), value);
    }
}

fn not_asked() -> Value {
    json!({"kind": "not_asked"})
}

/// Writes what the questions of `key` not answered take: `not_asked`, the
/// form for "not known", or nothing for a follow-up not shown; refuses a
/// required question not answered.
fn fill(doc: &mut Value, key: &str) -> Result<(), Error> {
    let Some(instrument) = bank().instruments.iter().find(|i| i.key == key) else {
        return Ok(());
    };
    'questions: for q in instrument.questions {
        if doc.pointer(q.pointer).is_some() {
            continue;
        }
        for (container, _) in &UNION_CONTAINERS {
            if !q.pointer.starts_with(&format!("{container}/")) {
                continue;
            }
            match doc.pointer(container) {
                // Nothing asked inside it: the whole union was not asked,
                // where what holds it exists.
                None => {
                    let parent = container.rsplit_once('/').map_or("", |(p, _)| p);
                    if doc.pointer(parent).is_some() {
                        set(doc, container, not_asked());
                    }
                    continue 'questions;
                }
                Some(v) if *v == not_asked() => continue 'questions,
                Some(_) => {}
            }
        }
        let shown_by: Vec<(&BankQuestion, &str)> = enabled_by(q.id).collect();
        if let Some((parent, _)) = shown_by.first() {
            let given = doc
                .pointer(parent.pointer)
                .and_then(|v| v.get("kind"))
                .and_then(Value::as_str);
            if !given.is_some_and(|kind| shown_by.iter().any(|(_, k)| *k == kind)) {
                continue;
            }
        }
        let value = match (q.recorded_as, plan(q)) {
            (Recording::Reply, _) => not_asked(),
            (
                Recording::Value,
                Plan::Quantity {
                    unanswered: Some(kind),
                    ..
                },
            ) => json!({"kind": kind}),
            (Recording::Value, _) => {
                // Inside a part that may be left out (GPPAQ's exercise and
                // cycling, the weekly minutes), a sibling was answered.
                let in_part = UNION_CONTAINERS
                    .iter()
                    .any(|(c, _)| q.pointer.starts_with(&format!("{c}/")));
                let (expected, hint) = if in_part {
                    (
                        "an answer: it is scored together with the other questions of its part, and one of them is answered",
                        "answer it too, or leave the whole part unanswered",
                    )
                } else {
                    (
                        "an answer: the instrument cannot be scored without it",
                        "answer it, or leave the instrument out",
                    )
                };
                return Err(item_error(
                    q.id.as_str(),
                    "/item",
                    None,
                    expected,
                    Some(hint),
                    invalid("linkId", q.id.as_str(), "an answer to a required question"),
                ));
            }
        };
        write(doc, q.pointer, value);
    }
    Ok(())
}

/// Moves an error about the answers document back to the item whose answer
/// was written where it points.
fn relocate(error: Error, written: &[(&'static BankQuestion, String)]) -> Error {
    let at = error.pointer().unwrap_or_default().to_owned();
    // The question whose field holds the refused value, or failing that the
    // first answered inside the refused part.
    let found = written
        .iter()
        .filter(|(q, _)| at == q.pointer || at.starts_with(&format!("{}/", q.pointer)))
        .max_by_key(|(q, _)| q.pointer.len())
        .or_else(|| {
            written
                .iter()
                .find(|(q, _)| q.pointer.starts_with(&format!("{at}/")))
        });
    let Error::Json {
        value,
        expected,
        hint,
        message,
        cause,
        ..
    } = &error
    else {
        return error;
    };
    let (link_id, pointer) = match found {
        Some((q, path)) => (q.id.as_str(), path.as_str()),
        None => ("", "/item"),
    };
    let cause = cause.clone().unwrap_or_else(|| Box::new(error.clone()));
    let message = if link_id.is_empty() {
        format!("the answers at {pointer} were refused: {message}")
    } else {
        format!("linkId \"{link_id}\" at {pointer}: the answer was refused: {message}")
    };
    Error::Json {
        pointer: pointer.into(),
        value: value.clone(),
        expected: expected.clone(),
        hint: hint.clone(),
        message: message.into(),
        line: 0,
        column: 0,
        cause: Some(cause),
    }
}

fn invalid(field: &'static str, value: &str, expected: &'static str) -> Error {
    Error::Invalid {
        field,
        value: format!("{value:?}"),
        expected,
    }
}

/// An error about one item, named by its `linkId`, at `pointer` in the
/// response.
fn item_error(
    link_id: &str,
    pointer: &str,
    value: Option<Value>,
    expected: &str,
    hint: Option<&str>,
    cause: Error,
) -> Error {
    refusal(
        &format!("linkId \"{link_id}\" at {pointer}"),
        pointer,
        value.map(|v| short(&v)),
        expected,
        hint,
        cause,
    )
}

/// An error about the response as a whole.
fn plain_error(
    pointer: &str,
    value: Option<Value>,
    expected: &str,
    hint: Option<&str>,
    cause: Error,
) -> Error {
    refusal(
        pointer,
        pointer,
        value.map(|v| short(&v)),
        expected,
        hint,
        cause,
    )
}

/// A JSON error at `pointer`, its message starting with `subject`.
fn refusal(
    subject: &str,
    pointer: &str,
    shown: Option<String>,
    expected: &str,
    hint: Option<&str>,
    cause: Error,
) -> Error {
    let message = format!(
        "{subject}{}: expected {expected}{}",
        shown
            .as_ref()
            .map(|v| format!(" is {v}"))
            .unwrap_or_default(),
        hint.map(|h| format!(" ({h})")).unwrap_or_default(),
    );
    Error::Json {
        pointer: pointer.into(),
        value: shown.map(Into::into),
        expected: expected.into(),
        hint: hint.map(Into::into),
        message: message.into(),
        line: 0,
        column: 0,
        cause: Some(Box::new(cause)),
    }
}

fn unknown_link_id(link_id: &str, pointer: &str, key: &str) -> Error {
    let ids: Vec<&str> = QuestionId::ALL
        .iter()
        .filter(|q| q.instrument() == key)
        .map(|q| q.as_str())
        .collect();
    let hint = near_miss(link_id, ids.iter().copied());
    item_error(
        link_id,
        pointer,
        Some(json!(link_id)),
        &format!(
            "the linkId of one of the questionnaire's items: {}",
            ids.join(", ")
        ),
        Some(
            hint.as_deref()
                .unwrap_or("is it from another questionnaire?"),
        ),
        invalid(
            "linkId",
            link_id,
            "a question id of the questionnaire answered",
        ),
    )
}

/// A value as JSON text, shortened.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 80 {
        text
    } else {
        let cut: String = text.chars().take(80).collect();
        format!("{cut}…")
    }
}
