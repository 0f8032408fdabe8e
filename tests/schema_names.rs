//! The published JSON Schemas name each definition after its public type, so
//! that hosts generating code from them get stable, meaningful names, and no
//! definition is left empty (an empty schema would accept anything).
#![cfg(feature = "schema")]
mod common;

use std::collections::BTreeMap;

use mecc::policy::{CompactAssessment, PolicyDocument, PolicyOverlay};
use mecc::questions::{NextQuestion, QuestionBank};
use mecc::{Assessment, Screening};
use serde_json::Value;

/// Every definition published in the schemas of the crate's documents.
fn definitions() -> BTreeMap<String, Value> {
    let mut defs = BTreeMap::new();
    for schema in [
        common::schema_of::<Screening>(),
        common::schema_of::<Assessment>(),
        common::schema_of::<CompactAssessment<'static>>(),
        common::schema_of::<PolicyDocument>(),
        common::schema_of::<PolicyOverlay>(),
        common::schema_of::<QuestionBank>(),
        common::schema_of::<NextQuestion>(),
    ] {
        if let Some(d) = schema["$defs"].as_object() {
            defs.extend(d.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    defs
}

#[test]
fn hand_written_schemas_are_published_under_their_type_names() {
    let defs = definitions();
    for name in [
        // context and units
        "Age",
        "AgeInMonths",
        "Contact",
        "PriorityGroups",
        "Height",
        "Weight",
        "Waist",
        "AlcoholUnits",
        "WeeklyMinutes",
        "CoPpm",
        // PAT
        "PatAnswers",
        "PatQuestion",
        "MostInOneDay",
        "TimesPerWeek",
        "PatPositiveReasons",
        "PatPositiveReason",
        "PatNotIndicatedReasons",
        "PatSource",
        "CustomDrink",
        "DrinkCount",
        // AUDIT
        "AuditCAnswers",
        "AuditAnswers",
        "AuditQuestion",
        "FastAnswers",
        "FastQuestion",
        "SmokingAnswers",
        "BmiAnswers",
        "ActivityAnswers",
        "booleanReply",
        "TypicalDay",
        "DrinkingFrequency",
        "HowOften",
        "Occurrence",
        // smoking
        "CurrentSmoking",
        "Products",
        "CigarettesPerDay",
        "MinutesToFirstCigarette",
        "YearsSmoked",
        "QuitTime",
        "PackYears",
        "CoFlags",
        "Assumptions",
        // activity
        "ExerciseAndCyclingMinutes",
        "StrengthDays",
        "WeeklyActivity",
        // question bank
        "InstrumentQuestions",
        "BankQuestion",
        "QuestionId",
        "Wording",
        "AnswerFormat",
        "AnswerOption",
        "AnswerForm",
        "FormValue",
        "Measure",
        "AskReason",
        // engine
        "OutcomeSet",
        "Adjustments",
    ] {
        assert!(
            defs.contains_key(name),
            "no definition {name} in {:?}",
            defs.keys()
        );
    }
    for (name, schema) in &defs {
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "definition name {name:?}"
        );
        let empty = schema == &Value::Bool(true)
            || schema.as_object().is_some_and(|o| {
                o.keys()
                    .all(|k| matches!(k.as_str(), "description" | "title" | "$schema"))
            });
        assert!(!empty, "definition {name} accepts anything: {schema}");
    }
}

#[test]
fn no_definition_name_is_numbered() {
    let defs = definitions();
    let mut by_stem: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for name in defs.keys() {
        assert!(
            !name.ends_with(|c: char| c.is_ascii_digit()),
            "definition {name} ends in a digit: a generator would number it, not name it"
        );
        let stem: String = name.chars().filter(|c| !c.is_ascii_digit()).collect();
        by_stem.entry(stem).or_default().push(name);
    }
    for (stem, names) in by_stem {
        assert!(
            names.len() == 1,
            "definitions {names:?} differ only by digits (stem {stem})"
        );
    }
}

/// Every variant of a tagged union has a title of its own, so generators
/// name its class rather than numbering it.
#[test]
fn every_union_variant_is_titled_once() {
    fn variants<'a>(schema: &'a Value, out: &mut Vec<&'a Value>) {
        match schema {
            Value::Object(o) => {
                for key in ["oneOf", "anyOf"] {
                    if let Some(vs) = o.get(key).and_then(Value::as_array) {
                        out.extend(
                            vs.iter()
                                .filter(|v| v.pointer("/properties/kind/const").is_some()),
                        );
                    }
                }
                o.values().for_each(|v| variants(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| variants(v, out)),
            _ => {}
        }
    }
    let defs = definitions();
    let mut titles: BTreeMap<String, String> = BTreeMap::new();
    for (name, schema) in &defs {
        let mut found = Vec::new();
        variants(schema, &mut found);
        for variant in found {
            let title = variant["title"]
                .as_str()
                .unwrap_or_else(|| panic!("a variant of {name} has no title: {variant}"));
            assert!(
                !defs.contains_key(title),
                "variant title {title} is also a definition"
            );
            if let Some(other) = titles.insert(title.to_owned(), name.clone()) {
                assert_eq!(&other, name, "variant title {title} is used twice");
            }
        }
    }
    assert!(titles.contains_key("BooleanReplyNotAsked"), "{titles:?}");
    assert!(titles.contains_key("ConditionAlways"), "{titles:?}");
}

/// Every name a host reads as an object key or a variant name (each property
/// of every definition, and each `enum` or `const` string) is written into
/// JSON as it is: the crate's serializer copies these names rather than
/// testing them for escaping, so none may hold a quote, a backslash or a
/// control character.
#[test]
fn every_name_in_the_schemas_needs_no_escaping_in_json() {
    fn names<'a>(schema: &'a Value, out: &mut Vec<&'a str>) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    out.extend(properties.keys().map(String::as_str));
                }
                if let Some(Value::String(c)) = map.get("const") {
                    out.push(c);
                }
                if let Some(Value::Array(values)) = map.get("enum") {
                    out.extend(values.iter().filter_map(Value::as_str));
                }
                for v in map.values() {
                    names(v, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| names(v, out)),
            _ => {}
        }
    }
    let defs = definitions();
    let mut found = Vec::new();
    for schema in defs.values() {
        names(schema, &mut found);
    }
    // The walk reaches the names hosts see most (a sanity check on it).
    for expected in [
        "setting",
        "kind",
        "value",
        "pat_positive",
        "emergency_department",
    ] {
        assert!(
            found.contains(&expected),
            "{expected} not found in the schemas"
        );
    }
    let needs_escaping: Vec<&str> = found
        .into_iter()
        .filter(|n| n.chars().any(|c| c == '"' || c == '\\' || c < ' '))
        .collect();
    assert!(needs_escaping.is_empty(), "{needs_escaping:?}");
}
