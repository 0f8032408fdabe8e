//! FHIR in and out (feature `fhir`): every question is one item of one
//! questionnaire; any answers a form filler can give read back into the same
//! answers, and their assessment becomes a bundle with one observation per
//! finding, one service request per referral and one task per other
//! action; every refusal names the item's `linkId` and points into the
//! response; the questionnaires are as published (snapshots in
//! `tests/fhir/`, rewritten with `MECC_FHIR_SNAPSHOT_UPDATE=1`).
#![cfg(feature = "fhir")]

use std::collections::BTreeMap;
use std::path::Path;

use mecc::context::Contact;
use mecc::fhir::{
    self, CanonicalBase, ItemType, Questionnaire, QuestionnaireItem, QuestionnaireResponse,
    Reference, Resource,
};
use mecc::policy::{ActionKind, Policy, Response, ResponseStatus};
use mecc::questions::{QuestionId, Recording, bank};
use mecc::{Answers, Error, assess, assess_with};
use proptest::prelude::*;
use serde_json::{Value, json};

fn base() -> CanonicalBase {
    CanonicalBase::example()
}

fn system() -> String {
    base().answer_system()
}

fn response(instrument: &str, items: Value) -> Value {
    json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": base().questionnaire_url(instrument),
        "status": "completed",
        "item": items
    })
}

fn coding(code: &str) -> Value {
    json!({"valueCoding": {"system": system(), "code": code}})
}

fn read(doc: &Value) -> Result<Answers, Error> {
    fhir::answers_from_json(&doc.to_string(), &base())
}

fn refused(doc: &Value) -> Error {
    match read(doc) {
        Ok(answers) => panic!("accepted {doc}: {answers:?}"),
        Err(e) => e,
    }
}

fn contact(age: u32, sex: &str) -> Contact {
    Contact::from_json(
        &json!({"age": age, "sex": sex, "pregnant": if sex == "female" { "no" } else { "not_known" },
                "setting": "general_practice", "time_available": "extended"})
        .to_string(),
    )
    .unwrap()
}

// ---------------------------------------------------------------- ids and items

/// The question items of a questionnaire (nested display items left out).
fn question_items(q: &Questionnaire) -> Vec<&QuestionnaireItem> {
    q.item
        .iter()
        .filter(|i| i.type_ != ItemType::Display)
        .collect()
}

#[test]
fn every_question_id_is_one_item_of_one_questionnaire_and_back() {
    let all = fhir::questionnaires(&base());
    assert_eq!(all.len(), bank().instruments.len());
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for q in &all {
        for item in question_items(q) {
            let id = QuestionId::ALL
                .iter()
                .find(|id| id.as_str() == item.link_id)
                .unwrap_or_else(|| panic!("{} in {} is no question", item.link_id, q.id));
            assert_eq!(q.id, format!("mecc-{}", id.instrument().replace('_', "-")));
            assert!(
                seen.insert(id.as_str(), &q.id).is_none(),
                "{} twice",
                item.link_id
            );
            // Display items are only a man's wording of a question.
            for nested in &item.item {
                assert_eq!(nested.type_, ItemType::Display);
                assert_eq!(nested.link_id, format!("{}.male", item.link_id));
            }
        }
    }
    assert_eq!(seen.len(), QuestionId::ALL.len());
}

#[test]
fn every_questionnaire_names_its_version_and_canonical_url() {
    for q in fhir::questionnaires(&base()) {
        assert_eq!(q.version, mecc::questions::BANK_VERSION);
        assert_eq!(q.status, "active");
        assert!(
            q.url
                .starts_with("https://mecc.example/fhir/Questionnaire/mecc-")
        );
        assert!(
            q.meta
                .tag
                .iter()
                .any(|t| t.code.as_deref() == Some(&format!("crate-version:{}", mecc::VERSION)))
        );
    }
    assert!(fhir::questionnaire("no_such_instrument", &base()).is_none());
}

#[test]
fn a_base_url_must_be_absolute_and_plain() {
    for bad in [
        "",
        "fhir.example.org",
        "ftp://x",
        "https://",
        "https://x/a b",
        "https://x?q",
        "https://x#f",
    ] {
        let err = CanonicalBase::new(bad).unwrap_err();
        assert_eq!(err.field(), "base", "{bad}");
    }
    assert_eq!(
        CanonicalBase::new("http://x.org/fhir//").unwrap().as_str(),
        "http://x.org/fhir"
    );
}

// ---------------------------------------------------------------- snapshots

#[test]
fn the_questionnaires_are_as_published() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fhir");
    let update = std::env::var_os("MECC_FHIR_SNAPSHOT_UPDATE").is_some_and(|v| v == "1");
    let mut changed = Vec::new();
    for q in fhir::questionnaires(&base()) {
        let path = dir.join(format!("Questionnaire-{}.json", q.id));
        // The crate's version is written as a placeholder, so that a release
        // alone does not change what is published.
        let now: Value = serde_json::from_str(
            &serde_json::to_string(&q)
                .unwrap()
                .replace(
                    &format!("crate-version:{}", mecc::VERSION),
                    "crate-version:CRATE_VERSION",
                )
                .replace(
                    &format!("crate-version {}", mecc::VERSION),
                    "crate-version CRATE_VERSION",
                ),
        )
        .unwrap();
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, format!("{now:#}\n")).unwrap();
            continue;
        }
        let stored: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!(
                    "{}: {e} (MECC_FHIR_SNAPSHOT_UPDATE=1 writes it)",
                    path.display()
                )
            }))
            .unwrap();
        if stored != now {
            changed.push(path.display().to_string());
        }
        // And it reads back as the crate's own type.
        let back: Questionnaire = serde_json::from_value(stored).unwrap();
        assert_eq!(back.id, q.id);
    }
    assert!(
        changed.is_empty(),
        "changed: {changed:?}; if intended, rerun with MECC_FHIR_SNAPSHOT_UPDATE=1 and review the diff"
    );
}

// ---------------------------------------------------------------- round trip

/// An answer to `item` chosen by `pick`, as a form filler gives it, or
/// `None` to leave it unanswered (never for a required item).
fn answer(item: &QuestionnaireItem, pick: usize) -> Option<Vec<Value>> {
    if item.required != Some(true) && pick % 5 == 4 {
        return None;
    }
    let ext = |url: &str| {
        item.extension
            .iter()
            .find(|e| e.url.ends_with(url))
            .map(|e| {
                e.value_integer
                    .map_or_else(|| e.value_decimal.unwrap(), |i| i as f64)
            })
            .unwrap()
    };
    Some(match item.type_ {
        ItemType::Boolean => vec![json!({"valueBoolean": pick.is_multiple_of(2)})],
        ItemType::Choice => {
            let option = &item.answer_option[pick % item.answer_option.len()];
            let first = json!({"valueCoding": option.value_coding});
            if item.repeats == Some(true) && item.answer_option.len() > 1 {
                let other = &item.answer_option[(pick + 1) % item.answer_option.len()];
                vec![first, json!({"valueCoding": other.value_coding})]
            } else {
                vec![first]
            }
        }
        ItemType::Integer => {
            let (min, max) = (ext("minValue"), ext("maxValue"));
            let n = [min, max, ((min + max) / 2.0).floor()][pick % 3];
            vec![json!({"valueInteger": n as i64})]
        }
        ItemType::Decimal => {
            let (min, max) = (ext("minValue"), ext("maxValue"));
            let x = [min, max, (min + max) / 2.0][pick % 3];
            vec![json!({ "valueDecimal": x })]
        }
        ItemType::Quantity => {
            // The first unit's middling values.
            let (value, code) = match item.link_id.rsplit('.').next().unwrap() {
                "height" => (150.0, "cm"),
                "weight" => (60.0, "kg"),
                "waist" => (80.0, "cm"),
                "quit" => (3.0, "a"),
                other => panic!("no quantity for {other}"),
            };
            vec![
                json!({"valueQuantity": {"value": value, "system": "http://unitsofmeasure.org", "code": code}}),
            ]
        }
        ItemType::Display => return None,
    })
}

/// A response to `q` answering as `picks` say, following `enableWhen`.
fn filled(q: &Questionnaire, picks: &[usize]) -> Value {
    let mut items = Vec::new();
    let mut given: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (n, item) in question_items(q).into_iter().enumerate() {
        let shown = item.enable_when.iter().all(|w| {
            given.get(&w.question).is_some_and(|answers| {
                answers
                    .iter()
                    .any(|a| a["valueCoding"]["code"] == json!(w.answer_coding.code))
            })
        });
        if !shown {
            continue;
        }
        if let Some(answers) = answer(item, picks.get(n).copied().unwrap_or(0)) {
            given.insert(item.link_id.clone(), answers.clone());
            items.push(json!({"linkId": item.link_id, "answer": answers}));
        }
    }
    response(&q.id["mecc-".len()..].replace('-', "_"), json!(items))
}

/// What the answers hold for each answered question, with the reply unwrapped.
fn written(answers: &Answers, id: QuestionId) -> Option<Value> {
    let doc = serde_json::to_value(answers).unwrap();
    let q = id.question();
    let v = doc.pointer(q.pointer)?.clone();
    match q.recorded_as {
        Recording::Reply if v["kind"] == "answered" => Some(v["value"].clone()),
        Recording::Reply => None,
        Recording::Value => Some(v),
    }
}

/// Checks that each answered item's answer is in `answers` as it was given.
fn survives(doc: &Value, answers: &Answers) -> Result<(), TestCaseError> {
    for item in doc["item"].as_array().unwrap() {
        let id = *QuestionId::ALL
            .iter()
            .find(|id| id.as_str() == item["linkId"])
            .unwrap();
        let held = written(answers, id);
        prop_assert!(held.is_some(), "{} lost", id.as_str());
        let held = held.unwrap();
        let first = &item["answer"][0];
        if let Some(b) = first.get("valueBoolean") {
            prop_assert_eq!(&held, b, "{}", id.as_str());
        } else if let Some(c) = first.get("valueCoding") {
            // The code is the answer, or its form's kind, or inside the form.
            let code = c["code"].as_str().unwrap();
            let text = held.to_string();
            let form = code.rsplit_once('_').map_or(code, |(k, _)| k);
            prop_assert!(
                text.contains(&format!("\"{code}\"")) || text.contains(&format!("\"{form}\"")),
                "{}: {} not in {}",
                id.as_str(),
                code,
                text
            );
        } else if let Some(n) = first
            .get("valueInteger")
            .or_else(|| first.get("valueDecimal"))
        {
            let x = held.get("value").unwrap_or(&held).as_f64().unwrap();
            prop_assert!(
                (x - n.as_f64().unwrap()).abs() < 1e-9,
                "{}: {} for {}",
                id.as_str(),
                x,
                n
            );
        }
    }
    Ok(())
}

/// Checks the bundle of an assessment: one observation per finding, one
/// service request per referral, one task per other action, all tagged.
fn check_bundle(assessment: &mecc::Assessment) -> Result<(), TestCaseError> {
    let bundle = fhir::bundle(assessment, &Reference::to("Patient/p"), &base());
    prop_assert_eq!(&bundle.type_, "collection");
    let findings = serde_json::to_value(assessment.findings).unwrap();
    let found = findings
        .as_object()
        .unwrap()
        .values()
        .filter(|v| !v.is_null())
        .count();
    let (mut observations, mut requests, mut tasks) = (0, 0, 0);
    for entry in &bundle.entry {
        let meta = match &entry.resource {
            Resource::Observation(o) => {
                observations += 1;
                &o.meta
            }
            Resource::ServiceRequest(s) => {
                requests += 1;
                &s.meta
            }
            Resource::Task(t) => {
                tasks += 1;
                &t.meta
            }
        };
        let codes: Vec<&str> = meta.tag.iter().filter_map(|t| t.code.as_deref()).collect();
        for wanted in [
            format!("crate-version:{}", assessment.mecc_version),
            format!("policy-id:{}", assessment.policy.id),
            format!("policy-version:{}", assessment.policy.version),
        ] {
            prop_assert!(
                codes.contains(&wanted.as_str()),
                "{} not in {:?}",
                wanted,
                codes
            );
        }
    }
    let referrals = assessment
        .plan
        .iter()
        .filter(|a| a.kind == ActionKind::Referral)
        .count();
    prop_assert_eq!(observations, found);
    prop_assert_eq!(requests, referrals);
    prop_assert_eq!(tasks, assessment.plan.len() - referrals);
    // The whole bundle reads back as the crate's own type.
    let back: fhir::Bundle =
        serde_json::from_value(serde_json::to_value(&bundle).unwrap()).unwrap();
    prop_assert_eq!(back, bundle);
    Ok(())
}

/// How far a generated response got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reached {
    Refused,
    Read,
    Bundled,
}

/// Reads, assesses and bundles one generated response. A refusal must name
/// one of the response's `linkId`s.
fn round_trip(instrument: usize, picks: &[usize], sex: &str) -> Result<Reached, TestCaseError> {
    let questionnaires = fhir::questionnaires(&base());
    let q = &questionnaires[instrument % questionnaires.len()];
    let doc = filled(q, picks);
    let answers = match read(&doc) {
        Ok(answers) => answers,
        Err(e) => {
            let message = e.to_string();
            prop_assert!(message.starts_with("linkId \""), "{message}");
            let named = message.split('"').nth(1).unwrap();
            prop_assert!(
                QuestionId::ALL.iter().any(|id| id.as_str() == named),
                "{message}"
            );
            return Ok(Reached::Refused);
        }
    };
    survives(&doc, &answers)?;
    // The same answers from the response read twice.
    prop_assert_eq!(read(&doc).unwrap(), answers);
    let age = if q.id == "mecc-child-bmi" { 10 } else { 80 };
    // Answers may contradict the contact (more years smoked than lived).
    match assess(
        &contact(age, sex),
        &answers,
        &Policy::national_default().unwrap(),
    ) {
        Ok(assessment) => {
            check_bundle(&assessment)?;
            Ok(Reached::Bundled)
        }
        Err(_) => Ok(Reached::Read),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn answers_survive_the_round_trip_and_the_bundle_matches_the_plan(
        instrument in 0usize..7,
        picks in prop::collection::vec(0usize..40, 12),
        sex in prop::sample::select(vec!["male", "female"]),
    ) {
        round_trip(instrument, &picks, sex)?;
    }
}

/// The property above lets through refusals; most generated responses must
/// be read, or it would hold vacuously.
#[test]
fn most_generated_responses_are_read() {
    let (mut read, mut bundled) = (0, 0);
    for instrument in 0..7 {
        for seed in 0..40usize {
            let picks: Vec<usize> = (0..12).map(|n| (seed * 7 + n * 3) % 40).collect();
            let reached = round_trip(instrument, &picks, "female").unwrap();
            read += usize::from(reached >= Reached::Read);
            bundled += usize::from(reached == Reached::Bundled);
        }
    }
    assert!(read >= 200, "only {read} of 280 responses read");
    assert!(bundled >= 150, "only {bundled} of 280 responses assessed");
}

// ---------------------------------------------------------------- reading

#[test]
fn questions_not_answered_are_not_asked() {
    let answers = read(&response(
        "pat",
        json!([{"linkId": "pat.drinks_alcohol", "answer": [{"valueBoolean": false}]}]),
    ))
    .unwrap();
    let pat = serde_json::to_value(answers.pat.unwrap()).unwrap();
    assert_eq!(
        pat["drinks_alcohol"],
        json!({"kind": "answered", "value": false})
    );
    assert_eq!(pat["frequency"], json!({"kind": "not_asked"}));
    assert_eq!(
        pat["willing_to_see_specialist"],
        json!({"kind": "not_asked"})
    );
}

#[test]
fn amounts_in_other_units_are_read_as_their_forms() {
    let ucum = |value: f64, code: &str| json!([{"valueQuantity": {"value": value, "system": "http://unitsofmeasure.org", "code": code}}]);
    let answers = read(&response(
        "bmi",
        json!([
            {"linkId": "bmi.height", "answer": ucum(70.0, "[in_i]")},
            {"linkId": "bmi.weight", "answer": ucum(154.0, "[lb_av]")},
            {"linkId": "bmi.waist", "answer": ucum(34.0, "[in_i]")}
        ]),
    ))
    .unwrap();
    let bmi = serde_json::to_value(answers.bmi.unwrap()).unwrap();
    // 5 ft 10 in; 154 lb; 34 in.
    assert_eq!(bmi["height"], json!({"kind": "mm", "value": 1778}));
    assert_eq!(bmi["weight"]["value"], json!(69853));
    assert_eq!(bmi["waist"]["value"]["value"], json!(864));

    // An ex-smoker who does not know when they stopped.
    let answers = read(&response(
        "smoking",
        json!([{"linkId": "smoking.status", "answer": [coding("ex_smoker")]}]),
    ))
    .unwrap();
    let smoking = serde_json::to_value(answers.smoking.unwrap()).unwrap();
    assert_eq!(
        smoking["status"]["value"]["quit"],
        json!({"kind": "not_known"})
    );
}

#[test]
fn follow_ups_may_be_nested_under_the_answer_that_shows_them() {
    let answers = read(&response(
        "smoking",
        json!([{"linkId": "smoking.status", "answer": [{
            "valueCoding": {"system": system(), "code": "current_smoker"},
            "item": [{"linkId": "smoking.products", "answer": [coding("hand_rolled")]},
                     {"linkId": "smoking.cigarettes_per_day", "answer": [{"valueInteger": 15}]}]
        }]}]),
    ))
    .unwrap();
    let smoking = serde_json::to_value(answers.smoking.unwrap()).unwrap();
    assert_eq!(
        smoking["status"]["value"]["products"],
        json!(["hand_rolled"])
    );
    assert_eq!(
        smoking["status"]["value"]["cigarettes_per_day"],
        json!({"kind": "answered", "value": 15})
    );
}

// ---------------------------------------------------------------- refusals

/// The refusal's pointer, and that its message starts by naming `link_id`.
fn refusal(doc: &Value, link_id: &str) -> (String, String) {
    let err = refused(doc);
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("linkId \"{link_id}\"")),
        "{message}"
    );
    (err.pointer().unwrap().to_owned(), message)
}

#[test]
fn an_unknown_link_id_is_refused_with_the_likely_one() {
    let (pointer, message) = refusal(
        &response(
            "audit",
            json!([{"linkId": "audit.Frequency", "answer": [coding("never")]}]),
        ),
        "audit.Frequency",
    );
    assert_eq!(pointer, "/item/0/linkId");
    assert!(
        message.contains("did you mean \"audit.frequency\"?"),
        "{message}"
    );
}

#[test]
fn a_question_of_another_instrument_is_refused() {
    let (pointer, message) = refusal(
        &response(
            "audit",
            json!([{"linkId": "fast.heavy_drinking", "answer": [coding("never")]}]),
        ),
        "fast.heavy_drinking",
    );
    assert_eq!(pointer, "/item/0/linkId");
    assert!(
        message.contains("belongs to the fast questionnaire"),
        "{message}"
    );
}

#[test]
fn an_answer_of_the_wrong_type_is_refused() {
    let (pointer, message) = refusal(
        &response(
            "audit",
            json!([{"linkId": "audit.frequency", "answer": [{"valueBoolean": true}]}]),
        ),
        "audit.frequency",
    );
    assert_eq!(pointer, "/item/0/answer/0/valueBoolean");
    assert!(message.contains("expected a valueCoding"), "{message}");
    assert!(message.contains("of type choice"), "{message}");
}

#[test]
fn a_code_not_among_the_options_is_refused_with_the_options() {
    let (pointer, message) = refusal(
        &response(
            "audit",
            json!([{"linkId": "audit.frequency", "answer": [coding("Monthly-or-less")]}]),
        ),
        "audit.frequency",
    );
    assert_eq!(pointer, "/item/0/answer/0/valueCoding/code");
    assert!(message.contains("\"monthly_or_less\""), "{message}");
    assert!(
        message.contains("did you mean \"monthly_or_less\"?"),
        "{message}"
    );
    // A code of another system is refused too.
    let (pointer, _) = refusal(
        &response(
            "audit",
            json!([{"linkId": "audit.frequency", "answer": [{"valueCoding": {"system": "http://snomed.info/sct", "code": "never"}}]}]),
        ),
        "audit.frequency",
    );
    assert_eq!(pointer, "/item/0/answer/0/valueCoding/system");
}

#[test]
fn two_answers_to_a_single_answer_question_are_refused() {
    let (pointer, message) = refusal(
        &response(
            "audit",
            json!([{"linkId": "audit.heavy_drinking", "answer": [coding("never"), coding("weekly")]}]),
        ),
        "audit.heavy_drinking",
    );
    assert_eq!(pointer, "/item/0/answer/1");
    assert!(message.contains("expected one answer"), "{message}");
    // And one item twice.
    let (pointer, _) = refusal(
        &response(
            "audit",
            json!([{"linkId": "audit.guilt", "answer": [coding("never")]},
                   {"linkId": "audit.guilt", "answer": [coding("weekly")]}]),
        ),
        "audit.guilt",
    );
    assert_eq!(pointer, "/item/1/linkId");
}

#[test]
fn a_required_question_not_answered_is_refused() {
    let (pointer, message) = refusal(
        &response(
            "bmi",
            json!([{"linkId": "bmi.weight", "answer": [{"valueQuantity": {"value": 70, "code": "kg"}}]}]),
        ),
        "bmi.height",
    );
    assert_eq!(pointer, "/item");
    assert!(message.contains("cannot be scored without it"), "{message}");
    // GPPAQ's exercise and cycling are scored together.
    let (_, message) = refusal(
        &response(
            "activity",
            json!([{"linkId": "activity.exercise", "answer": [coding("none")]}]),
        ),
        "activity.cycling",
    );
    assert!(message.contains("scored together"), "{message}");
}

#[test]
fn a_follow_up_not_shown_is_refused() {
    let (_, message) = refusal(
        &response(
            "smoking",
            json!([{"linkId": "smoking.status", "answer": [coding("never_smoked")]},
                   {"linkId": "smoking.quit", "answer": [{"valueQuantity": {"value": 2, "code": "a"}}]}]),
        ),
        "smoking.quit",
    );
    assert!(message.contains("\"ex_smoker\""), "{message}");
    assert!(
        message.contains("\"smoking.status\" is answered \"never_smoked\""),
        "{message}"
    );
}

#[test]
fn a_value_the_crate_refuses_is_moved_back_to_its_item() {
    // A height of 1.75 cm: metres given as centimetres.
    let doc = response(
        "bmi",
        json!([
            {"linkId": "bmi.weight", "answer": [{"valueQuantity": {"value": 70, "code": "kg"}}]},
            {"linkId": "bmi.height", "answer": [{"valueQuantity": {"value": 1.75, "code": "cm"}}]}
        ]),
    );
    let (pointer, message) = refusal(&doc, "bmi.height");
    assert_eq!(pointer, "/item/1/answer");
    assert!(message.contains("looks like metres"), "{message}");
    assert!(refused(&doc).is_out_of_range());
    // A unit the item does not take.
    let (pointer, message) = refusal(
        &response(
            "bmi",
            json!([{"linkId": "bmi.height", "answer": [{"valueQuantity": {"value": 1.75, "code": "m"}}]}]),
        ),
        "bmi.height",
    );
    assert_eq!(pointer, "/item/0/answer/0/valueQuantity/code");
    assert!(message.contains("\"cm\", \"[in_i]\""), "{message}");
}

#[test]
fn a_response_to_another_questionnaire_or_version_is_refused() {
    let mut doc = response("audit", json!([]));
    doc["questionnaire"] = json!("https://elsewhere.example/Questionnaire/audit");
    assert_eq!(refused(&doc).pointer(), Some("/questionnaire"));
    doc["questionnaire"] = json!(format!(
        "{}|question_bank_v0",
        base().questionnaire_url("audit")
    ));
    assert!(refused(&doc).to_string().contains("make the form again"));
    let mut doc = response("audit", json!([]));
    doc["modifierExtension"] = json!([{"url": "http://x.example/negated", "valueBoolean": true}]);
    assert_eq!(refused(&doc).pointer(), Some("/modifierExtension"));
    // On an item or an answer too, named by its linkId.
    let (pointer, _) = refusal(
        &response(
            "audit",
            json!([{"linkId": "audit.guilt", "answer": [{
                "modifierExtension": [{"url": "http://x.example/negated", "valueBoolean": true}],
                "valueCoding": {"system": system(), "code": "never"}}]}]),
        ),
        "audit.guilt",
    );
    assert_eq!(pointer, "/item/0/answer/0/modifierExtension");
    let mut doc = response("audit", json!([]));
    doc["status"] = json!("entered-in-error");
    assert_eq!(refused(&doc).pointer(), Some("/status"));
    let mut doc = response("audit", json!([]));
    doc["resourceType"] = json!("Questionnaire");
    assert_eq!(refused(&doc).pointer(), Some("/resourceType"));
}

// ---------------------------------------------------------------- the bundle

fn smoker() -> (Contact, Answers) {
    let answers = read(&response(
        "smoking",
        json!([{"linkId": "smoking.status", "answer": [coding("current_smoker")]},
               {"linkId": "smoking.products", "answer": [coding("manufactured_cigarettes")]},
               {"linkId": "smoking.cigarettes_per_day", "answer": [{"valueInteger": 20}]}]),
    ))
    .unwrap();
    (contact(45, "male"), answers)
}

fn referrals(assessment: &mecc::Assessment) -> Vec<fhir::ServiceRequest> {
    fhir::bundle(assessment, &Reference::to("Patient/p"), &base())
        .entry
        .into_iter()
        .filter_map(|e| match e.resource {
            Resource::ServiceRequest(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// Only an accepted referral is an active order; an offer is a draft
/// proposal, and a declined one is never exported as a referral (H30).
#[test]
fn a_referral_is_an_order_only_once_accepted() {
    let (c, answers) = smoker();
    let policy = Policy::national_default().unwrap();
    let first = assess(&c, &answers, &policy).unwrap();
    let offer = first
        .plan
        .iter()
        .find(|a| a.kind == ActionKind::Referral)
        .expect("a referral to stop-smoking support");
    let made = referrals(&first);
    assert_eq!(made.len(), 1);
    assert_eq!(
        (made[0].status.as_str(), made[0].intent.as_str()),
        ("draft", "proposal")
    );
    // The confirmed SNOMED CT code of the referral.
    assert_eq!(
        made[0].code.coding[0].code.as_deref(),
        Some("871661000000106")
    );

    let with = |status| {
        let responses = [Response {
            action: offer.id.to_string(),
            status,
            reason: None,
        }];
        referrals(&assess_with(&c, &answers, &policy, &responses).unwrap())
    };
    let accepted = with(ResponseStatus::Accepted);
    assert_eq!(
        (accepted[0].status.as_str(), accepted[0].intent.as_str()),
        ("active", "order")
    );
    let offered = with(ResponseStatus::Offered);
    assert_eq!(
        (offered[0].status.as_str(), offered[0].intent.as_str()),
        ("draft", "proposal")
    );
    assert!(
        with(ResponseStatus::Declined).is_empty(),
        "a declined offer is no referral"
    );
}

#[test]
fn a_finding_without_a_confirmed_code_has_text_only() {
    let answers = read(&response(
        "fast",
        json!([{"linkId": "fast.heavy_drinking", "answer": [coding("weekly")]}]),
    ))
    .unwrap();
    let assessment = assess(
        &contact(40, "male"),
        &answers,
        &Policy::national_default().unwrap(),
    )
    .unwrap();
    let bundle = fhir::bundle(&assessment, &Reference::to("Patient/p"), &base());
    let Resource::Observation(o) = &bundle.entry[0].resource else {
        panic!("an observation first")
    };
    assert!(o.code.coding.is_empty());
    assert_eq!(o.code.text.as_deref(), Some("FAST score"));
    assert_eq!(o.value_integer, Some(3));
}

/// Every code the bundles carry is one confirmed in CLINICAL-REFERENCE §7
/// or §11.14.
#[test]
fn every_code_in_a_bundle_is_a_confirmed_one() {
    const CONFIRMED: [&str; 12] = [
        "77176002",
        "8517006",
        "266919005",
        "763256006",
        "1086511000000107",
        "60621009",
        "871661000000106",
        "408289007",
        "39156-5",
        "8302-2",
        "29463-7",
        "75626-2",
    ];
    for sample in
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data")).unwrap()
    {
        let path = sample.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let screening =
            mecc::Screening::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let bundle = fhir::bundle(
            &screening.run().unwrap(),
            &Reference::to("Patient/p"),
            &base(),
        );
        let text = serde_json::to_value(&bundle).unwrap();
        let mut stack = vec![&text];
        while let Some(v) = stack.pop() {
            match v {
                Value::Object(o) => {
                    if let (Some(Value::String(system)), Some(Value::String(code))) =
                        (o.get("system"), o.get("code"))
                        && (system == fhir::SNOMED_CT || system == fhir::LOINC)
                    {
                        assert!(
                            CONFIRMED.contains(&code.as_str()),
                            "{}: {code}",
                            path.display()
                        );
                    }
                    stack.extend(o.values());
                }
                Value::Array(a) => stack.extend(a),
                _ => {}
            }
        }
    }
}

#[test]
fn a_response_reads_as_the_crate_type_and_back() {
    let doc = response(
        "audit",
        json!([{"linkId": "audit.frequency", "answer": [coding("never")]}]),
    );
    let r = QuestionnaireResponse::from_json(&doc.to_string()).unwrap();
    assert_eq!(serde_json::to_value(&r).unwrap(), doc);
}

#[test]
fn elements_the_crate_does_not_read_are_ignored() {
    let mut doc = response(
        "audit",
        json!([{"linkId": "audit.frequency", "text": "How often?",
                "extension": [{"url": "http://x.example/e", "valueString": "s"}],
                "answer": [coding("never")]}]),
    );
    doc["meta"] = json!({"versionId": "3", "lastUpdated": "2026-12-01T10:00:00Z"});
    doc["text"] = json!({"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>"});
    doc["identifier"] = json!({"system": "urn:ietf:rfc:3986", "value": "urn:uuid:1"});
    doc["authored"] = json!("2026-12-01T10:00:00Z");
    doc["author"] = json!({"reference": "Practitioner/1"});
    let answers = read(&doc).unwrap();
    assert_eq!(
        serde_json::to_value(answers.audit.unwrap()).unwrap()["audit_c"]["frequency"],
        json!({"kind": "answered", "value": "never"})
    );
    // A value of a type no item takes is no value.
    let (pointer, message) = refusal(
        &response(
            "audit",
            json!([{"linkId": "audit.guilt", "answer": [{"valueDate": "2026-12-01"}]}]),
        ),
        "audit.guilt",
    );
    assert_eq!(pointer, "/item/0/answer/0");
    assert!(message.contains("exactly one value"), "{message}");
}

// ---------------------------------------------------------------- robustness

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z_ ]{0,12}".prop_map(Value::from),
        prop::sample::select(vec!["never", "current_smoker", "kg", "[in_i]", "cm", "a"])
            .prop_map(Value::from),
    ]
}

/// An answer of any value type, with any value, for any question.
fn any_answer() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec![
            "valueBoolean",
            "valueInteger",
            "valueDecimal",
            "valueString",
            "valueCoding",
            "valueQuantity",
        ]),
        any_value(),
        any_value(),
    )
        .prop_map(|(kind, a, b)| match kind {
            "valueCoding" => json!({kind: {"system": system(), "code": a}}),
            "valueQuantity" => json!({kind: {"value": a, "code": b}}),
            _ => json!({ kind: a }),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever a response holds, reading it never panics, and a refusal
    /// points into the response.
    #[test]
    fn any_response_is_read_or_refused_with_a_pointer(
        instrument in prop::sample::select(vec!["pat", "audit", "fast", "smoking", "bmi", "activity", "child_bmi"]),
        items in prop::collection::vec(
            (0..QuestionId::ALL.len(), prop::collection::vec(any_answer(), 0..3)),
            0..8,
        ),
    ) {
        let items: Vec<Value> = items
            .into_iter()
            .map(|(i, answers)| json!({"linkId": QuestionId::ALL[i].as_str(), "answer": answers}))
            .collect();
        let doc = response(instrument, json!(items));
        if let Err(e) = read(&doc) {
            let pointer = e.pointer().unwrap_or_default().to_owned();
            prop_assert!(pointer.starts_with('/'), "{}: {}", pointer, e);
            prop_assert!(doc.pointer(&pointer).is_some() || pointer == "/item", "{} not in {}", pointer, doc);
        }
    }
}

/// The fuzzer's seed responses are read, so that it starts from documents
/// that reach the assessment.
#[test]
fn the_fuzz_seeds_are_read() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/fhir_response");
    let mut read_count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let answers = fhir::answers_from_json(&text, &base())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assess(
            &contact(45, "male"),
            &answers,
            &Policy::national_default().unwrap(),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        read_count += 1;
    }
    assert!(read_count >= 5, "only {read_count} seeds");
}

#[test]
fn responses_to_several_questionnaires_read_together_and_twice_is_refused() {
    let audit = QuestionnaireResponse::from_json(
        &response(
            "audit",
            json!([{"linkId": "audit.frequency", "answer": [coding("never")]}]),
        )
        .to_string(),
    )
    .unwrap();
    let bmi = QuestionnaireResponse::from_json(
        &response(
            "bmi",
            json!([
                {"linkId": "bmi.height", "answer": [{"valueQuantity": {"value": 170, "code": "cm"}}]},
                {"linkId": "bmi.weight", "answer": [{"valueQuantity": {"value": 70, "code": "kg"}}]}
            ]),
        )
        .to_string(),
    )
    .unwrap();
    let answers = fhir::answers_from_responses(&[audit.clone(), bmi], &base()).unwrap();
    assert!(answers.audit.is_some() && answers.bmi.is_some() && answers.pat.is_none());
    let err = fhir::answers_from_responses(&[audit.clone(), audit], &base()).unwrap_err();
    assert_eq!(err.field(), "questionnaire");
    assert!(err.to_string().contains("mecc-audit"), "{err}");
}

/// Each observation's interpretation says the result itself (the AUDIT-C
/// band, the BMI category, the GPPAQ index), never only the kind of result.
#[test]
fn an_observation_says_its_result_in_words() {
    let interpretations = |sample: &str| -> Vec<String> {
        let assessment = mecc::Screening::from_json(sample)
            .and_then(|s| s.run())
            .expect("the sample assesses");
        let bundle = fhir::bundle(&assessment, &Reference::to("Patient/p"), &base());
        let bundle = serde_json::to_value(&bundle).expect("a bundle serializes");
        bundle["entry"]
            .as_array()
            .expect("entries")
            .iter()
            .filter(|e| e["resource"]["resourceType"] == "Observation")
            .flat_map(|e| {
                let r = &e["resource"];
                [
                    &r["interpretation"][0]["text"],
                    &r["valueCodeableConcept"]["text"],
                ]
                .into_iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect::<Vec<_>>()
            })
            .collect()
    };
    let audit = interpretations(include_str!("../examples/data/general_practice_audit.json"));
    assert!(audit.contains(&"higher risk".to_owned()), "{audit:?}");
    let bmi = interpretations(include_str!(
        "../examples/data/general_practice_bmi_waist_diabetes.json"
    ));
    assert!(bmi.contains(&"obesity class 1".to_owned()), "{bmi:?}");
    let gppaq = interpretations(include_str!(
        "../examples/data/workplace_health_activity.json"
    ));
    assert!(
        gppaq.iter().any(|t| t.contains("moderately inactive")),
        "{gppaq:?}"
    );
    for t in audit.iter().chain(&bmi).chain(&gppaq) {
        assert!(
            !["band", "adult", "centile", "zone", "scored"].contains(&t.as_str()),
            "{t}"
        );
    }
}
