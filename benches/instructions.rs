//! Instruction counts, with valgrind's callgrind, for the cases whose speed
//! matters most: one full contact, a plan from outcomes, and the JSON path
//! from a screening document to an assessment string through a policy
//! compiled once. Counts do not depend on what else the machine is doing,
//! so they catch a regression that wall-clock benches on a shared machine
//! would hide; the baselines are in `benches/README.md`.
//!
//! Needs valgrind and the runner of the same version as the library:
//! `cargo install iai-callgrind-runner --version 0.16.1`, then
//! `cargo bench --bench instructions`.
//!
//! Counts are taken of the optimized build only. `cargo test --all-targets`
//! builds this bench with debug assertions, unoptimized: there it checks that
//! the bench compiles and exits, rather than counting a debug build's
//! instructions or needing valgrind and the runner.
// Unoptimized, the benchmarks are compiled but not run.
#![cfg_attr(debug_assertions, allow(dead_code, unused_imports))]

use std::hint::black_box;

use iai_callgrind::{library_benchmark, library_benchmark_group, main};
use mecc::context::Contact;
use mecc::outcome::OutcomeSet;
use mecc::policy::{Action, PlanBuffer, Policy, PolicyDocument, PolicyOverlay};
use mecc::{Answers, Assessment, Findings, Screening, assess, assess_into};

mod common;

/// The national default, compiled before measuring (as a host compiles it
/// once per process).
fn policy() -> &'static Policy {
    Policy::national_default_shared().expect("the shipped policy compiles")
}

/// The first of the benches' varied contacts: an emergency department
/// visit with PAT, smoking, BMI and activity answered.
fn ed_contact() -> (Contact, Answers, &'static Policy) {
    (common::contact(0), common::answers(0), policy())
}

fn ed_outcomes() -> (OutcomeSet, Contact, &'static Policy) {
    let (contact, answers, policy) = ed_contact();
    let outcomes = Findings::score(&answers, &contact).outcomes();
    (outcomes, contact, policy)
}

/// The README's emergency department document, as a host sends it, and the
/// policy its overlay makes, compiled once as a host holding a local policy
/// compiles it; the document then goes through that policy without its
/// overlay. The policy lives for the process, as a host's does, so that
/// dropping it is not counted.
fn readme_document() -> (String, &'static Policy) {
    let mut document: serde_json::Value =
        serde_json::from_str(include_str!("../examples/data/screen.json"))
            .expect("the sample is JSON");
    let overlay = document
        .as_object_mut()
        .and_then(|d| d.remove("overlay"))
        .expect("the sample has an overlay");
    let overlay: PolicyOverlay = serde_json::from_value(overlay).expect("a valid overlay");
    let local = PolicyDocument::national_default()
        .and_then(|national| national.with_overlay(&overlay))
        .and_then(Policy::compile)
        .expect("the overlay compiles");
    (document.to_string(), Box::leak(Box::new(local)))
}

#[library_benchmark]
#[bench::ed(ed_contact())]
fn full_contact((contact, answers, policy): (Contact, Answers, &'static Policy)) -> Assessment {
    black_box(assess(&contact, &answers, policy).expect("the contact is valid"))
}

/// The emergency department contact, with a plan buffer that has already
/// held its plan, as a host's reused buffer has.
fn ed_contact_warm_buffer() -> (Contact, Answers, &'static Policy, &'static mut PlanBuffer) {
    let (contact, answers, policy) = ed_contact();
    let buffer = Box::leak(Box::new(PlanBuffer::new()));
    black_box(
        policy
            .plan_into(
                Findings::score(&answers, &contact).outcomes(),
                &contact,
                &[],
                buffer,
            )
            .len(),
    );
    (contact, answers, policy, buffer)
}

#[library_benchmark]
#[bench::ed(ed_contact_warm_buffer())]
fn full_contact_into_buffer(
    (contact, answers, policy, buffer): (
        Contact,
        Answers,
        &'static Policy,
        &'static mut PlanBuffer,
    ),
) -> usize {
    black_box(
        assess_into(&contact, &answers, policy, &[], buffer)
            .expect("the contact is valid")
            .plan
            .len(),
    )
}

#[library_benchmark]
#[bench::ed(ed_outcomes())]
fn plan_from_outcomes(
    (outcomes, contact, policy): (OutcomeSet, Contact, &'static Policy),
) -> Vec<Action> {
    black_box(policy.plan(outcomes, &contact))
}

#[library_benchmark]
#[bench::ed(ed_contact())]
fn findings_and_outcomes((contact, answers, _): (Contact, Answers, &'static Policy)) -> OutcomeSet {
    black_box(Findings::score(&answers, &contact).outcomes())
}

/// The 40-rule decision policy, compiled once, with the outcomes of one
/// decision (PAT positive, current smoker, moderately inactive).
fn decision() -> (OutcomeSet, Contact, &'static Policy) {
    let policy = Box::leak(Box::new(common::decision_policy()));
    (
        common::decision_outcomes(0, 4, 1),
        common::contact(0),
        policy,
    )
}

/// The same, in a process that has already made one plan, as a host's
/// has: the allocator has set up its bins, so the count is the decision's
/// own.
fn decision_warm() -> (OutcomeSet, Contact, &'static Policy) {
    let (outcomes, contact, policy) = decision();
    drop(black_box(policy.plan(outcomes, &contact)));
    (outcomes, contact, policy)
}

/// The emergency department outcomes, and the national default with rules
/// added that cannot fire for them, up to 640 rules.
fn ed_outcomes_640_rules() -> (OutcomeSet, Contact, &'static Policy) {
    let (outcomes, contact, national) = ed_outcomes();
    let extra = 640 - national.document().rules.len();
    let policy = Box::leak(Box::new(common::national_with_rules_that_cannot_fire(
        extra,
    )));
    (outcomes, contact, policy)
}

#[library_benchmark]
#[bench::forty_rules(decision())]
#[bench::forty_rules_warm(decision_warm())]
#[bench::national_640_rules(ed_outcomes_640_rules())]
fn plan_of_policy(
    (outcomes, contact, policy): (OutcomeSet, Contact, &'static Policy),
) -> Vec<Action> {
    black_box(policy.plan(outcomes, &contact))
}

/// A plan buffer that has already held the plan, as a host's reused buffer
/// has; it lives for the process, so that freeing it is not counted.
fn warm_buffer(
    (outcomes, contact, policy): (OutcomeSet, Contact, &'static Policy),
) -> (
    OutcomeSet,
    Contact,
    &'static Policy,
    &'static mut PlanBuffer,
) {
    let buffer = Box::leak(Box::new(PlanBuffer::new()));
    black_box(policy.plan_into(outcomes, &contact, &[], buffer).len());
    (outcomes, contact, policy, buffer)
}

#[library_benchmark]
#[bench::ed(warm_buffer(ed_outcomes()))]
#[bench::forty_rules(warm_buffer(decision()))]
#[bench::national_640_rules(warm_buffer(ed_outcomes_640_rules()))]
fn plan_into_buffer(
    (outcomes, contact, policy, buffer): (
        OutcomeSet,
        Contact,
        &'static Policy,
        &'static mut PlanBuffer,
    ),
) -> usize {
    black_box(policy.plan_into(outcomes, &contact, &[], buffer).len())
}

#[library_benchmark]
#[bench::pat_positive_current_smoker_moderately_inactive((0, 4, 1))]
fn forty_arm_match_by_hand((pat, smoking, activity): (u8, u8, u8)) -> Option<u8> {
    black_box(common::decision_by_hand(
        black_box(pat),
        black_box(smoking),
        black_box(activity),
    ))
}

#[library_benchmark]
#[bench::readme(readme_document())]
fn json_document_to_assessment((text, policy): (String, &'static Policy)) -> String {
    let screening = Screening::from_json(&text).expect("the document is valid");
    let assessment = screening.run_with(policy).expect("the contact is valid");
    black_box(serde_json::to_string(&assessment).expect("an assessment serializes"))
}

/// The README's document and its policy, with a plan buffer and an output
/// buffer that have already held its assessment, as a host's have.
fn readme_document_warm_buffers() -> (
    String,
    &'static Policy,
    &'static mut PlanBuffer,
    &'static mut Vec<u8>,
) {
    let (text, policy) = readme_document();
    let buffer = Box::leak(Box::new(PlanBuffer::new()));
    let out = Box::leak(Box::new(Vec::new()));
    let screening = Screening::from_json(&text).expect("the document is valid");
    let assessment = screening
        .run_into(policy, buffer)
        .expect("the contact is valid");
    serde_json::to_writer(&mut *out, &assessment).expect("an assessment serializes");
    (text, policy, buffer, out)
}

#[library_benchmark]
#[bench::readme(readme_document_warm_buffers())]
fn json_document_through_buffers(
    (text, policy, buffer, out): (
        String,
        &'static Policy,
        &'static mut PlanBuffer,
        &'static mut Vec<u8>,
    ),
) -> usize {
    let screening = Screening::from_json(&text).expect("the document is valid");
    let assessment = screening
        .run_into(policy, buffer)
        .expect("the contact is valid");
    out.clear();
    assessment
        .write_json(out)
        .expect("an assessment is written");
    black_box(out.len())
}

#[library_benchmark]
#[bench::readme(readme_document())]
fn json_document_to_compact_assessment((text, policy): (String, &'static Policy)) -> String {
    let screening = Screening::from_json(&text).expect("the document is valid");
    let assessment = screening.run_with(policy).expect("the contact is valid");
    let compact = policy.compact(&assessment).expect("the policy made it");
    black_box(serde_json::to_string(&compact).expect("a compact assessment serializes"))
}

library_benchmark_group!(
    name = engine;
    benchmarks = full_contact, full_contact_into_buffer, plan_from_outcomes, findings_and_outcomes, json_document_to_assessment,
        json_document_to_compact_assessment, json_document_through_buffers, plan_of_policy, plan_into_buffer, forty_arm_match_by_hand
);

#[cfg(not(debug_assertions))]
main!(library_benchmark_groups = engine);

#[cfg(debug_assertions)]
fn main() {
    eprintln!(
        "instruction counts are taken of the optimized build: cargo bench --bench instructions"
    );
}
