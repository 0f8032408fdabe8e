//! A plan made in a reusable buffer ([`Policy::plan_into`]) is the owned plan
//! ([`Policy::plan_with`]): the same actions, the same texts, the same JSON,
//! whatever the buffer held before, and the same bytes from the fast JSON
//! writer; and once the buffer has held a plan, making it again allocates
//! nothing (hazard H35).

mod common;

use std::cell::RefCell;

use common::documents::{any_answers_json, any_contact_json};
use mecc::context::Contact;
use mecc::outcome::{Outcome, OutcomeSet};
use mecc::policy::{PlanBuffer, PlanView, Policy, Response, ResponseStatus};
use mecc::{Answers, Findings, Screening};
use proptest::prelude::*;

thread_local! {
    /// One buffer for every case on this thread, so that each plan is made
    /// over whatever the one before it left.
    static BUFFER: RefCell<PlanBuffer> = RefCell::new(PlanBuffer::new());
}

fn policy() -> &'static Policy {
    Policy::national_default_shared().expect("the shipped policy compiles")
}

/// Every way the plan in the buffer can differ from the owned plan, as
/// lines naming the action and the field.
fn differences(view: &PlanView<'_>, owned: &[mecc::policy::Action]) -> Vec<String> {
    let mut wrong = Vec::new();
    if view.len() != owned.len() {
        wrong.push(format!("{} actions, not {}", view.len(), owned.len()));
    }
    for (a, b) in view.iter().zip(owned) {
        if a.id() != &*b.id {
            wrong.push(format!("id {} for {}", a.id(), b.id));
        }
        let written = a.text().to_string();
        if a.text() != *b.text || written != *b.text {
            wrong.push(format!("{}: text {:?} for {:?}", b.id, a.text(), b.text));
        }
        let person = a.person_text().map(|t| t.to_string());
        if person.as_deref() != b.person_text.as_deref() {
            wrong.push(format!("{}: person text {person:?}", b.id));
        }
        if a.rule() != &*b.reason.rule || a.source() != &*b.reason.source {
            wrong.push(format!("{}: rule {} ({})", b.id, a.rule(), a.source()));
        }
        let also: Vec<&str> = a.also_from().collect();
        let want: Vec<&str> = b.reason.also_from.iter().map(|r| &**r).collect();
        if also != want {
            wrong.push(format!("{}: also from {also:?}, not {want:?}", b.id));
        }
    }
    if view.to_actions() != owned {
        wrong.push("to_actions differs from the owned plan".into());
    }
    let json = serde_json::to_value(view).expect("a plan serializes");
    let want = serde_json::to_value(owned).expect("a plan serializes");
    if json != want {
        wrong.push(format!("JSON {json} for {want}"));
    }
    let mut written = Vec::new();
    view.write_json(&mut written).expect("a plan is written");
    let serialized = serde_json::to_vec(owned).expect("a plan serializes");
    if written != serialized {
        wrong.push(format!(
            "write_json gives {}",
            String::from_utf8_lossy(&written)
        ));
    }
    wrong
}

fn responses_to(plan: &[mecc::policy::Action], picks: &[(usize, usize)]) -> Vec<Response> {
    let statuses = [
        ResponseStatus::Offered,
        ResponseStatus::Accepted,
        ResponseStatus::Declined,
        ResponseStatus::Delivered,
        ResponseStatus::NotDone,
    ];
    picks
        .iter()
        .filter_map(|(i, s)| {
            let action = plan.get(i % plan.len().max(1))?;
            Some(Response {
                action: action.id.to_string(),
                status: statuses[s % statuses.len()],
                reason: None,
            })
        })
        .collect()
}

/// Every sample document shipped with the examples.
const SAMPLES: [&str; 14] = [
    include_str!("../examples/data/community_and_voluntary_activity_bmi.json"),
    include_str!("../examples/data/community_pharmacy_smoking_co.json"),
    include_str!("../examples/data/dental_smoking_audit_c.json"),
    include_str!("../examples/data/emergency_department_pat.json"),
    include_str!("../examples/data/general_practice_audit.json"),
    include_str!("../examples/data/general_practice_bmi_waist_diabetes.json"),
    include_str!("../examples/data/general_practice_child_bmi.json"),
    include_str!("../examples/data/hospital_inpatient_audit_c_smoking.json"),
    include_str!("../examples/data/hospital_outpatient_fast.json"),
    include_str!("../examples/data/housing_fast_smoking.json"),
    include_str!("../examples/data/maternity_smoking_co.json"),
    include_str!("../examples/data/optometry_smoking.json"),
    include_str!("../examples/data/pre_operative_assessment_smoking_bmi_audit_c.json"),
    include_str!("../examples/data/workplace_health_activity.json"),
];

#[test]
fn every_sample_document_plans_the_same_in_a_reused_buffer() {
    let samples = SAMPLES;
    let policy = policy();
    let mut buffer = PlanBuffer::new();
    let mut planned = 0;
    for (i, sample) in samples.iter().enumerate() {
        let screening = Screening::from_json(sample).expect("the sample reads");
        let (contact, answers) = (&screening.contact, &screening.answers);
        let outcomes = Findings::score(answers, contact).outcomes();
        let owned = policy.plan(outcomes, contact);
        // Every offer declined, then the plan again: the declines' records,
        // signposts and follow-ups are made in the buffer too.
        let declines: Vec<(usize, usize)> = (0..owned.len()).map(|a| (a, 2)).collect();
        for responses in [Vec::new(), responses_to(&owned, &declines)] {
            let owned = policy.plan_with(outcomes, contact, &responses);
            let view = policy.plan_into(outcomes, contact, &responses, &mut buffer);
            let wrong = differences(&view, &owned);
            assert!(wrong.is_empty(), "sample {i}: {wrong:#?}");
            planned += 1;
        }
    }
    assert_eq!(planned, 2 * samples.len());
}

#[test]
fn an_assessment_made_in_a_reused_buffer_writes_the_owned_assessments_json() {
    let policy = policy();
    let mut buffer = PlanBuffer::new();
    let mut json = Vec::new();
    for sample in SAMPLES {
        let screening = Screening::from_json(sample).expect("the sample reads");
        let (contact, answers) = (&screening.contact, &screening.answers);
        let view = mecc::assess_into(contact, answers, policy, &[], &mut buffer)
            .expect("the sample assesses");
        let owned = mecc::assess(contact, answers, policy).expect("the sample assesses");
        let want = serde_json::to_string(&owned).expect("an assessment serializes");
        json.clear();
        serde_json::to_writer(&mut json, &view).expect("an assessment serializes");
        assert_eq!(String::from_utf8_lossy(&json), want);
        // The fast writer, into the same buffer again.
        json.clear();
        view.write_json(&mut json)
            .expect("an assessment is written");
        assert_eq!(String::from_utf8_lossy(&json), want);
        assert_eq!(view.to_assessment(), owned);
    }
}

/// The national default with a quote, a backslash, a tab and a line break
/// in every wording and every source a rule cites: texts the fast writer
/// must escape, where the shipped policy's are written as they are.
fn national_with_texts_to_escape() -> Policy {
    fn mark(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(fields) => {
                for (key, field) in fields.iter_mut() {
                    match (key.as_str(), field) {
                        ("text" | "person_text" | "source", serde_json::Value::String(text)) => {
                            text.push_str(" \"as said\"\t\\ \n");
                        }
                        (_, field) => mark(field),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(mark),
            _ => {}
        }
    }
    common::fixtures::national_with_rules_rewritten(mark)
}

#[test]
fn texts_that_need_escaping_are_written_as_serde_json_writes_them() {
    let policy = national_with_texts_to_escape();
    let mut buffer = PlanBuffer::new();
    let mut json = Vec::new();
    for sample in SAMPLES {
        let screening = Screening::from_json(sample).expect("the sample reads");
        let (contact, answers) = (&screening.contact, &screening.answers);
        let owned = mecc::assess(contact, answers, &policy).expect("the sample assesses");
        let want = serde_json::to_string(&owned).expect("an assessment serializes");
        assert!(
            want.contains(r#"\"as said\"\t\\ \n"#),
            "the marked texts are in the plan"
        );
        let view = mecc::assess_into(contact, answers, &policy, &[], &mut buffer)
            .expect("the sample assesses");
        json.clear();
        view.write_json(&mut json)
            .expect("an assessment is written");
        assert_eq!(String::from_utf8_lossy(&json), want);
    }
}

/// The national default with `change` made to its document, compiled.
fn national_changed(change: impl Fn(&mut serde_json::Value)) -> Policy {
    let mut document = serde_json::to_value(policy().document()).expect("a policy serializes");
    change(&mut document);
    Policy::compile(serde_json::from_value(document).expect("a policy document"))
        .expect("the changed policy compiles")
}

/// The engine's own texts are written around a rule's, from the policy's
/// templates and its pathways' names: with a quote and a backslash in every
/// template, in every pathway's name, or in every rule's id, the assessment
/// of every sample is still the bytes `serde_json` writes.
#[test]
fn texts_names_and_ids_that_need_escaping_are_written_as_serde_json_writes_them() {
    let marked_templates = national_changed(|document| {
        for template in document["templates"]
            .as_object_mut()
            .expect("templates are an object")
            .values_mut()
        {
            for key in ["text", "person_text"] {
                if let Some(serde_json::Value::String(text)) = template.get_mut(key) {
                    text.push_str(" \"as said\" \\");
                }
            }
        }
    });
    let marked_names = national_changed(|document| {
        for pathway in document["pathways"]
            .as_array_mut()
            .expect("pathways are a list")
        {
            if let Some(serde_json::Value::String(name)) = pathway.get_mut("name") {
                name.push_str(" \"local\" \\");
            }
        }
    });
    // Rule ids are named in every action's id and reason (and in the ids
    // the engine makes after a decline). The engine requires its safety
    // rules (the safeguarding rules and the alerts) by their ids, so theirs
    // are left as they are.
    let marked_ids = national_changed(|document| {
        for rule in document["rules"].as_array_mut().expect("rules are a list") {
            if let Some(serde_json::Value::String(id)) = rule.get_mut("id")
                && !id.starts_with("safeguarding.")
                && !id.contains("alert")
            {
                id.push_str(" \"local\" \\");
            }
        }
    });
    let mut buffer = PlanBuffer::new();
    let mut json = Vec::new();
    for policy in [&marked_templates, &marked_names, &marked_ids] {
        let mut escaped = 0;
        for sample in SAMPLES {
            let screening = Screening::from_json(sample).expect("the sample reads");
            let (contact, answers) = (&screening.contact, &screening.answers);
            let owned = mecc::assess(contact, answers, policy).expect("the sample assesses");
            let want = serde_json::to_string(&owned).expect("an assessment serializes");
            escaped += want.matches(r#"\"local\" \\"#).count();
            escaped += want.matches(r#"\"as said\" \\"#).count();
            let view = mecc::assess_into(contact, answers, policy, &[], &mut buffer)
                .expect("the sample assesses");
            json.clear();
            view.write_json(&mut json)
                .expect("an assessment is written");
            assert_eq!(String::from_utf8_lossy(&json), want);
        }
        assert!(escaped > 0, "the marked texts are in the samples' plans");
    }
}

/// Runs `make` (which gives the length of the plan it made) once to warm its
/// buffer, then again, and checks the second run allocated nothing.
fn allocates_nothing_once_warm(mut make: impl FnMut() -> usize) {
    let first = make();
    assert!(first > 5, "the README's contact has a full plan");
    let allocations = common::alloc::allocations_during(|| {
        assert_eq!(std::hint::black_box(make()), first);
    });
    assert_eq!(allocations, 0);
}

fn readme_screening() -> Screening {
    Screening::from_json(include_str!("../examples/data/screen.json"))
        .expect("the README's document reads")
}

#[test]
fn planning_again_into_a_warm_buffer_allocates_nothing() {
    let (policy, screening) = (policy(), readme_screening());
    let outcomes = Findings::score(&screening.answers, &screening.contact).outcomes();
    let mut buffer = PlanBuffer::new();
    allocates_nothing_once_warm(|| {
        policy
            .plan_into(outcomes, &screening.contact, &[], &mut buffer)
            .len()
    });
}

/// A whole contact (the answers checked against the contact, every
/// instrument scored, the plan made) through a buffer that has held its plan
/// allocates nothing, as a host assessing contact after contact on one
/// thread does.
#[test]
fn assessing_again_into_a_warm_buffer_allocates_nothing() {
    let (policy, screening) = (policy(), readme_screening());
    let mut buffer = PlanBuffer::new();
    allocates_nothing_once_warm(|| {
        mecc::assess_into(
            &screening.contact,
            &screening.answers,
            policy,
            &[],
            &mut buffer,
        )
        .expect("the README's document assesses")
        .plan
        .len()
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any contact, any outcomes (including sets no screening could give) and
    /// any responses, declines of what replaced a decline among them: the
    /// plan in the shared buffer is the owned plan.
    #[test]
    fn a_plan_in_a_reused_buffer_is_the_owned_plan(
        contact in any_contact_json(),
        outcomes in proptest::collection::vec(0..Outcome::ALL.len(), 0..8),
        picks in proptest::collection::vec((0usize..40, 0usize..5), 0..4),
    ) {
        let contact: Contact = serde_json::from_value(contact).expect("a valid contact");
        let outcomes: OutcomeSet = outcomes.iter().map(|i| Outcome::ALL[*i]).collect();
        let policy = policy();
        let first = policy.plan(outcomes, &contact);
        let mut responses = responses_to(&first, &picks);
        let second = policy.plan_with(outcomes, &contact, &responses);
        if let Some(a) = second.iter().find(|a| a.id.ends_with("/declined_signpost")) {
            responses.push(Response {
                action: a.id.to_string(),
                status: ResponseStatus::Declined,
                reason: None,
            });
        }
        for responses in [&[][..], &responses[..]] {
            let owned = policy.plan_with(outcomes, &contact, responses);
            // Each rule merged into an action is listed once, and never the
            // action's own rule (CLINICAL-REFERENCE §6.8).
            for a in &owned {
                let also = &a.reason.also_from;
                prop_assert!(!also.contains(&a.reason.rule), "{} lists its own rule: {:?}", a.id, also);
                let once: std::collections::BTreeSet<_> = also.iter().collect();
                prop_assert_eq!(once.len(), also.len(), "{} lists a rule twice", a.id);
            }
            let wrong = BUFFER.with_borrow_mut(|buffer| {
                let view = policy.plan_into(outcomes, &contact, responses, buffer);
                differences(&view, &owned)
            });
            prop_assert!(wrong.is_empty(), "{:#?}", wrong);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any contact with any answers: the fast writer gives the bytes
    /// `serde_json` gives for the owned assessment, its contact, findings and
    /// outcomes included, written through the crate's own serializer.
    #[test]
    fn any_assessment_is_written_as_serde_json_writes_it(
        contact in any_contact_json(),
        answers in any_answers_json(),
    ) {
        let Ok(contact) = serde_json::from_value::<Contact>(contact) else { return Ok(()) };
        let Ok(answers) = serde_json::from_value::<Answers>(answers) else { return Ok(()) };
        let Ok(owned) = mecc::assess(&contact, &answers, policy()) else { return Ok(()) };
        let want = serde_json::to_string(&owned).expect("an assessment serializes");
        let written = BUFFER.with_borrow_mut(|buffer| {
            let view = mecc::assess_into(&contact, &answers, policy(), &[], buffer)
                .expect("it assessed once");
            let mut json = Vec::new();
            view.write_json(&mut json).expect("an assessment is written");
            json
        });
        prop_assert_eq!(String::from_utf8_lossy(&written), want);
    }
}

/// A view's JSON is the owned type's, so its schema is the owned type's,
/// and the view's JSON validates against it.
#[cfg(feature = "schema")]
#[test]
fn a_view_has_the_owned_types_schema_and_its_json_validates_against_it() {
    use mecc::policy::{Action, ActionView};
    use mecc::{Assessment, AssessmentView};

    assert_eq!(
        common::schema_of::<AssessmentView<'_>>(),
        common::schema_of::<Assessment>()
    );
    assert_eq!(
        common::schema_of::<PlanView<'_>>(),
        common::schema_of::<Vec<Action>>()
    );
    assert_eq!(
        common::schema_of::<ActionView<'_>>(),
        common::schema_of::<Action>()
    );
    let validator = jsonschema::validator_for(&common::schema_of::<AssessmentView<'_>>())
        .expect("the schema compiles");
    let policy = policy();
    let mut buffer = PlanBuffer::new();
    for sample in SAMPLES {
        let screening = Screening::from_json(sample).expect("the sample reads");
        let view = screening
            .run_into(policy, &mut buffer)
            .expect("the sample assesses");
        let json = serde_json::to_value(view).expect("an assessment serializes");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}
