//! The sample screening documents in `examples/data/`: each is a complete,
//! realistic document that matches the published JSON Schema, reads, runs,
//! and gives a plan that acts on every finding that calls for action.

mod common;

use std::path::{Path, PathBuf};

use mecc::Screening;
use serde_json::Value;

fn samples() -> Vec<(PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let json =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, json)
        })
        .collect()
}

#[cfg(feature = "schema")]
#[test]
fn every_sample_matches_the_screening_schema() {
    let validator = jsonschema::validator_for(&common::schema_of::<Screening>()).unwrap();
    for (path, json) in samples() {
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn every_sample_runs_and_acts_on_what_it_finds() {
    for (path, json) in samples() {
        let name = path.display();
        let screening: Screening =
            serde_json::from_value(json).unwrap_or_else(|e| panic!("{name}: {e}"));
        let assessment = screening
            .run()
            .unwrap_or_else(|e| panic!("{name} is refused: {e}"));
        let needing_action: Vec<_> = assessment
            .outcomes
            .iter()
            .filter(|o| o.calls_for_action())
            .collect();
        assert!(
            needing_action.is_empty() || !assessment.plan.is_empty(),
            "{name}: {needing_action:?} call for action but the plan is empty"
        );
        for outcome in needing_action {
            assert!(
                assessment.plan.iter().any(|a| a.topic == outcome.topic()),
                "{name}: {outcome:?} calls for action but the plan has nothing on {:?}",
                outcome.topic()
            );
        }
        common::assert_json_contract(&assessment);
    }
}

// The samples cover every instrument and every setting, so a host has a
// complete document to start from for each.
#[test]
fn the_samples_cover_every_instrument_and_setting() {
    let samples = samples();
    assert!(samples.len() >= 10, "only {} samples", samples.len());
    for instrument in [
        "pat",
        "audit",
        "fast",
        "smoking",
        "bmi",
        "child_bmi",
        "activity",
    ] {
        assert!(
            samples
                .iter()
                .any(|(_, json)| json["answers"].get(instrument).is_some()),
            "no sample answers {instrument}"
        );
    }
    for setting in [
        "emergency_department",
        "general_practice",
        "maternity",
        "pre_operative_assessment",
        "hospital_inpatient",
        "hospital_outpatient",
        "community_pharmacy",
        "dental",
        "optometry",
        "housing",
        "community_and_voluntary",
        "workplace_health",
    ] {
        assert!(
            samples
                .iter()
                .any(|(_, json)| json["contact"]["setting"] == setting),
            "no sample is set in {setting}"
        );
    }
    // The full AUDIT: a sample answers items 4 to 10 after a positive AUDIT-C.
    assert!(samples.iter().any(|(_, json)| {
        json["answers"]["audit"]
            .as_object()
            .is_some_and(|audit| audit.values().all(|reply| reply["kind"] != "not_asked"))
    }));
}

/// The direct reader's tests (`src/json/direct.rs`) build every sample in,
/// so that they read no files: a sample added here must be listed there.
#[test]
fn every_sample_is_listed_for_the_direct_readers_tests() {
    let tests = include_str!("../src/json/direct.rs");
    for (path, _) in samples() {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a file name");
        assert!(
            tests.contains(&format!("sample!(\"{name}\")")),
            "{name} is not listed in src/json/direct.rs's SAMPLES"
        );
    }
}
