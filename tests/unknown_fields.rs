//! Hazard H14: a deserializer that accepted unknown fields would let a
//! misspelt answer ("pregant": "yes") vanish silently. Every object anywhere in
//! every input document must refuse a field it does not know.
use mecc::policy::{PolicyDocument, PolicyOverlay};
use mecc::{Assessment, Screening};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Paths to every object in `v`.
fn object_paths(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(map) => {
            out.push(path.clone());
            for (k, child) in map {
                path.push(json!(k));
                object_paths(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(json!(i));
                object_paths(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |node, step| match step {
        Value::String(k) => &mut node[k.as_str()],
        Value::Number(i) => &mut node[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

fn assert_every_object_refuses_unknown_fields<T: DeserializeOwned>(doc: Value) {
    serde_json::from_value::<T>(doc.clone()).expect("the document is valid as given");
    let mut paths = Vec::new();
    object_paths(&doc, &mut Vec::new(), &mut paths);
    assert!(paths.len() > 5);
    // The policy's named values are a map whose keys the author chooses.
    let free_form = |path: &[Value]| path.last() == Some(&json!("values"));
    for path in paths.into_iter().filter(|p| !free_form(p)) {
        let mut bad = doc.clone();
        at(&mut bad, &path)
            .as_object_mut()
            .unwrap()
            .insert("pregant".into(), json!("yes"));
        assert!(
            serde_json::from_value::<T>(bad).is_err(),
            "an unknown field at {path:?} was accepted"
        );
    }
}

fn screening() -> Value {
    let mut doc: Value =
        serde_json::from_str(include_str!("../examples/data/screen.json")).unwrap();
    doc["answers"]["bmi"] = json!({"height": {"kind": "feet_and_inches", "value": {"feet": 5, "inches": 9}},
        "weight": {"kind": "stones_and_pounds", "value": {"stones": 12, "pounds": 3}}, "waist": {"kind": "answered", "value": {"kind": "cm", "value": 90}}});
    doc["answers"]["activity"] = json!({
        "gppaq": {"kind": "answered", "value": {"occupation": {"kind": "answered", "value": "standing"},
            "exercise_and_cycling": {"kind": "answered", "value": {"kind": "minutes", "value": {"exercise": 30, "cycling": 10}}},
            "walking": {"kind": "answered", "value": "1_to_less_than_3"}, "housework_and_childcare": {"kind": "not_asked"},
            "gardening_and_diy": {"kind": "not_asked"}, "walking_pace": {"kind": "answered", "value": "brisk"}}},
        "weekly": {"kind": "answered", "value": {"moderate_minutes_per_week": 90, "vigorous_minutes_per_week": 20,
            "strength_days_per_week": {"kind": "answered", "value": 2}}}});
    doc["answers"]["pat"]["most_in_one_day"] = json!({"kind": "answered", "value": {"kind": "drinks", "value": [
        {"drink": {"kind": "pint_strong"}, "count": 2},
        {"drink": {"kind": "custom", "value": {"volume_ml": 500, "abv_percent": 5.2}}, "count": 1}]}});
    doc["answers"]["smoking"]["status"] =
        json!({"kind": "ex_smoker", "value": {"quit": {"kind": "weeks", "value": 3}}});
    doc["contact"]["comorbidities"]["diabetes"] =
        json!({"kind": "type_2", "value": {"diagnosed": {"kind": "years", "value": 2}}});
    doc["contact"]["comorbidities"]["bariatric_surgery"] =
        json!({"kind": "had", "value": {"when": {"kind": "not_known"}}});
    doc
}

#[test]
fn the_screening_document_refuses_unknown_fields_everywhere() {
    assert_every_object_refuses_unknown_fields::<Screening>(screening());
    let mut smoker = screening();
    smoker["answers"]["smoking"]["status"] = json!({"kind": "current_smoker", "value": {"products": ["cigars"],
        "cigarettes_per_day": {"kind": "answered", "value": 0}, "minutes_to_first_cigarette": {"kind": "not_asked"},
        "years_smoked": {"kind": "answered", "value": 4}}});
    assert_every_object_refuses_unknown_fields::<Screening>(smoker);
}

#[test]
fn the_assessment_refuses_unknown_fields_everywhere() {
    let screening: Screening = serde_json::from_value(screening()).unwrap();
    let assessment = screening.run().unwrap();
    assert_every_object_refuses_unknown_fields::<Assessment>(
        serde_json::to_value(&assessment).unwrap(),
    );
}

#[test]
fn policy_documents_and_overlays_refuse_unknown_fields_everywhere() {
    let doc = serde_json::to_value(PolicyDocument::national_default().unwrap()).unwrap();
    assert_every_object_refuses_unknown_fields::<PolicyDocument>(doc);
    let overlay = json!({
        "id": "local", "version": "1",
        "pathways": [{"id": "gp", "available_now": true}],
        "add_rules": [{"id": "local.x", "source": "s", "topic": "general", "when": {"kind": "all", "value": [{"kind": "outcome", "value": "pat_positive"}, {"kind": "not", "value": {"kind": "setting", "value": ["dental"]}}]},
            "actions": [{"kind": "advice", "intensity": "brief", "text": "t", "person_text": "t", "pathway": null, "mode": null, "urgency": null, "concept": null}]}],
        "no_action": [{"outcome": "whtr_high", "reason": "r"}],
        "codes": [{"concept": "smoker", "snomed_ct": "77176002"}],
        "safety_overrides": [{"rule_id": "general.co_poisoning_alert", "reason": "r", "approved_by": "a"}]
    });
    assert_every_object_refuses_unknown_fields::<PolicyOverlay>(overlay);
}
