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
    for path in paths {
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
    doc["answers"]["bmi"] = json!({"height": {"feet_and_inches": {"feet": 5, "inches": 9}},
        "weight": {"stones_and_pounds": {"stones": 12, "pounds": 3}}, "waist": {"answered": {"cm": 90}}});
    doc["answers"]["activity"] = json!({
        "gppaq": {"answered": {"occupation": {"answered": "standing"},
            "exercise_and_cycling": {"answered": {"minutes": {"exercise": 30, "cycling": 10}}},
            "walking": {"answered": "1_to_less_than_3"}, "housework_and_childcare": "not_asked",
            "gardening_and_diy": "not_asked", "walking_pace": {"answered": "brisk"}}},
        "weekly": {"answered": {"moderate_minutes_per_week": 90, "vigorous_minutes_per_week": 20,
            "strength_days_per_week": {"answered": 2}}}});
    doc["answers"]["pat"]["most_in_one_day"] = json!({"answered": {"drinks": [
        {"drink": "pint_strong", "count": 2},
        {"drink": {"custom": {"volume_ml": 500, "abv_percent": 5.2}}, "count": 1}]}});
    doc["answers"]["smoking"]["status"] = json!({"ex_smoker": {"quit": {"weeks": 3}}});
    doc["contact"]["comorbidities"]["diabetes"] = json!({"type_2": {"diagnosed": {"years": 2}}});
    doc["contact"]["comorbidities"]["bariatric_surgery"] = json!({"had": {"when": "not_known"}});
    doc
}

#[test]
fn the_screening_document_refuses_unknown_fields_everywhere() {
    assert_every_object_refuses_unknown_fields::<Screening>(screening());
    let mut smoker = screening();
    smoker["answers"]["smoking"]["status"] = json!({"current_smoker": {"products": ["cigars"],
        "cigarettes_per_day": {"answered": 0}, "minutes_to_first_cigarette": "not_asked",
        "years_smoked": {"answered": 4}}});
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
        "add_rules": [{"id": "local.x", "source": "s", "topic": "general", "when": {"all": [{"outcome": "pat_positive"}, {"not": {"setting": ["dental"]}}]},
            "actions": [{"kind": "advice", "intensity": "brief", "text": "t", "pathway": null, "mode": null, "urgency": null, "concept": null}]}],
        "no_action": [{"outcome": "whtr_high", "reason": "r"}],
        "codes": [{"concept": "smoker", "snomed_ct": "77176002"}],
        "safety_overrides": [{"rule_id": "general.co_poisoning_alert", "reason": "r", "approved_by": "a"}]
    });
    assert_every_object_refuses_unknown_fields::<PolicyOverlay>(overlay);
}
