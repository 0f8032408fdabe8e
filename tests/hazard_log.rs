//! The hazard log names the tests that enforce each control; this test fails
//! when a named test (a test function, or a scenario in `tests/scenarios/`)
//! does not exist, or a hazard names none.
use std::collections::BTreeMap;

const LOG: &str = include_str!("../docs/clinical-safety/hazard-log.md");

/// `tests/<file>.rs::<name>` and `tests/scenarios/<file>.json::<name>`
/// references, grouped by the hazard section they are in.
fn references() -> BTreeMap<String, Vec<(String, String)>> {
    let mut by_hazard: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut current = None;
    for line in LOG.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            current = heading.split_whitespace().next().map(str::to_string);
            if let Some(h) = &current {
                by_hazard.entry(h.clone()).or_default();
            }
            continue;
        }
        let Some(hazard) = &current else { continue };
        for chunk in line.split('`') {
            if let Some((file, name)) = chunk.split_once("::")
                && file.starts_with("tests/")
                && (file.ends_with(".rs") || file.ends_with(".json"))
            {
                by_hazard
                    .entry(hazard.clone())
                    .or_default()
                    .push((file.to_string(), name.to_string()));
            }
        }
    }
    by_hazard
}

fn source_of(file: &str) -> String {
    let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file} named in the hazard log: {e}"))
}

/// The names of the scenarios in a scenario file.
fn scenario_names(file: &str, source: &str) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(source).unwrap_or_else(|e| panic!("{file}: {e}"));
    json["scenarios"]
        .as_array()
        .unwrap_or_else(|| panic!("{file} has no scenarios"))
        .iter()
        .filter_map(|s| s["name"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn every_control_names_a_test_that_exists() {
    let refs = references();
    assert!(
        refs.len() >= 14,
        "the hazard log should cover at least 14 hazards, has {}",
        refs.len()
    );
    for (hazard, tests) in &refs {
        assert!(!tests.is_empty(), "{hazard} names no test");
        for (file, name) in tests {
            let source = source_of(file);
            let defined = if file.ends_with(".json") {
                scenario_names(file, &source).contains(name)
            } else {
                source.contains(&format!("fn {name}(")) || source.contains(&format!("fn {name}<"))
            };
            assert!(defined, "{hazard}: {file}::{name} does not exist");
        }
    }
}

#[test]
fn the_required_hazards_are_logged() {
    for title in [
        "Unit mismatch",
        "Implausible value accepted",
        "\"Not asked\" read as \"no\"",
        "Sex or pregnancy unknown",
        "Threshold off by one",
        "Rounding shows one category and classifies another",
        "Wrong threshold set for family background",
        "Child scored on adult thresholds",
        "Possible alcohol dependence given advice to stop abruptly",
        "Referral to a service that does not exist locally",
        "A need silently dropped when time is short",
        "Policy overlay removes or weakens a safety rule",
        "Stale policy version recorded against a result",
        "A deserializer accepting unknown fields",
    ] {
        assert!(LOG.contains(title), "hazard log lacks: {title}");
    }
    for field in [
        "**Description:**",
        "**Cause:**",
        "**Effect:**",
        "**Initial risk:**",
        "**Controls:**",
        "**Tests:**",
        "**Residual risk:**",
    ] {
        let count = LOG.matches(field).count();
        assert_eq!(count, references().len(), "every hazard needs {field}");
    }
}
