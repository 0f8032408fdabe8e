//! The published JSON Schemas name each definition after its public type, so
//! that hosts generating code from them get stable, meaningful names.
mod common;

use std::collections::BTreeSet;

use mecc::{Assessment, Screening};

fn definitions(schema: &serde_json::Value) -> BTreeSet<String> {
    schema["$defs"]
        .as_object()
        .map(|defs| defs.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn hand_written_schemas_are_published_under_their_type_names() {
    let mut names = definitions(&common::schema_of::<Screening>());
    names.extend(definitions(&common::schema_of::<Assessment>()));
    for name in [
        "Age",
        "Contact",
        "PriorityGroups",
        "Height",
        "Weight",
        "Waist",
        "AlcoholUnits",
        "WeeklyMinutes",
        "CoPpm",
        "AuditCAnswers",
        "ExerciseAndCyclingMinutes",
        "StrengthDays",
        "WeeklyActivity",
        "OutcomeSet",
        "Adjustments",
    ] {
        assert!(names.contains(name), "no definition {name} in {names:?}");
    }
    assert!(
        names
            .iter()
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')),
        "{names:?}"
    );
}
