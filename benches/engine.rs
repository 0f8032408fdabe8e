//! The rules engine: policy checking and compilation, one full contact, and a
//! batch of varied contacts.
//!
//! Run with `cargo bench --bench engine`.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use mecc::context::Contact;
use mecc::policy::{PlanBuffer, Policy, PolicyDocument};
use mecc::{Answers, assess, assess_into};

mod common;
use common::{answers, contact};

fn engine(c: &mut Criterion) {
    let document = PolicyDocument::national_default().expect("the shipped policy parses");
    let policy = Policy::compile(document.clone()).expect("the shipped policy compiles");

    let mut group = c.benchmark_group("policy");
    group.bench_function("parse_national_default_json", |b| {
        b.iter(|| PolicyDocument::from_json(black_box(mecc::policy::NATIONAL_DEFAULT_JSON)))
    });
    group.bench_function("check_and_compile_national_default", |b| {
        b.iter_batched(
            || document.clone(),
            |d| Policy::compile(black_box(d)),
            BatchSize::SmallInput,
        )
    });
    group.finish();

    // The ED contact from the README: four instruments, a long plan.
    let (one_contact, one_answers) = (contact(0), answers(0));
    let mut group = c.benchmark_group("assess");
    group.bench_function("full_contact_four_instruments", |b| {
        b.iter(|| {
            assess(
                black_box(&one_contact),
                black_box(&one_answers),
                black_box(&policy),
            )
        })
    });
    // The same through a reused plan buffer, as a host on the fast path
    // keeps one per thread.
    let mut buffer = PlanBuffer::new();
    group.bench_function("full_contact_four_instruments_into_buffer", |b| {
        b.iter(|| {
            assess_into(
                black_box(&one_contact),
                black_box(&one_answers),
                black_box(&policy),
                &[],
                &mut buffer,
            )
            .map(|a| a.plan.len())
        })
    });
    let outcomes = mecc::Findings::score(&one_answers, &one_contact).outcomes();
    group.bench_function("plan_only", |b| {
        b.iter(|| policy.plan(black_box(outcomes), black_box(&one_contact)))
    });
    group.bench_function("plan_only_into_buffer", |b| {
        b.iter(|| {
            policy
                .plan_into(
                    black_box(outcomes),
                    black_box(&one_contact),
                    &[],
                    &mut buffer,
                )
                .len()
        })
    });
    group.bench_function("findings_only", |b| {
        b.iter(|| {
            mecc::Findings::score(black_box(&one_answers), black_box(&one_contact)).outcomes()
        })
    });
    group.finish();

    // The 40-rule decision (a PAT result, a smoking status and an activity
    // category to one action), through the engine and written by hand.
    let decision = common::decision_policy();
    let decision_outcomes = common::decision_outcomes(0, 4, 1);
    let mut group = c.benchmark_group("decision");
    group.bench_function("forty_rules_plan_from_outcomes", |b| {
        b.iter(|| decision.plan(black_box(decision_outcomes), black_box(&one_contact)))
    });
    group.bench_function("forty_rules_plan_into_buffer", |b| {
        b.iter(|| {
            decision
                .plan_into(
                    black_box(decision_outcomes),
                    black_box(&one_contact),
                    &[],
                    &mut buffer,
                )
                .len()
        })
    });
    group.bench_function("forty_arm_match_by_hand", |b| {
        b.iter(|| common::decision_by_hand(black_box(0), black_box(4), black_box(1)))
    });
    group.finish();

    // What a rule costs when the outcomes it tests were not found: the
    // national default's plan, then the same with rules added up to 640.
    let mut group = c.benchmark_group("rules");
    let national_rules = document.rules.len();
    for extra in [0, 640 - national_rules] {
        let policy = common::national_with_rules_that_cannot_fire(extra);
        group.bench_function(format!("plan_with_{}_rules", national_rules + extra), |b| {
            b.iter(|| policy.plan(black_box(outcomes), black_box(&one_contact)))
        });
        group.bench_function(
            format!("plan_into_buffer_with_{}_rules", national_rules + extra),
            |b| {
                b.iter(|| {
                    policy
                        .plan_into(
                            black_box(outcomes),
                            black_box(&one_contact),
                            &[],
                            &mut buffer,
                        )
                        .len()
                })
            },
        );
    }
    group.finish();

    let batch: Vec<(Contact, Answers)> = (0..100_000).map(|i| (contact(i), answers(i))).collect();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(batch.len() as u64));
    for threads in [1, 2] {
        group.bench_function(format!("100000_varied_contacts_{threads}_threads"), |b| {
            b.iter(|| assess_in_parallel(&batch, &policy, threads))
        });
        group.bench_function(
            format!("100000_varied_contacts_{threads}_threads_into_buffers"),
            |b| b.iter(|| assess_in_parallel_into_buffers(&batch, &policy, threads)),
        );
    }
    group.finish();

    // The JSON path a non-Rust host takes: a document in, an assessment
    // string out, through a policy compiled once. The README's document
    // carries a local overlay: the host compiles it into its policy once
    // and sends documents without it.
    let mut readme: serde_json::Value =
        serde_json::from_str(include_str!("../examples/data/screen.json"))
            .expect("the sample is JSON");
    let overlay = readme
        .as_object_mut()
        .and_then(|d| d.remove("overlay"))
        .expect("the sample has an overlay");
    let overlay: mecc::policy::PolicyOverlay =
        serde_json::from_value(overlay).expect("a valid overlay");
    let policy = Policy::compile(
        document
            .with_overlay(&overlay)
            .expect("the overlay applies"),
    )
    .expect("the overlay compiles");
    let document = readme.to_string();
    let document = document.as_str();
    let mut group = c.benchmark_group("json");
    group.bench_function("parse_screening_document", |b| {
        b.iter(|| mecc::Screening::from_json(black_box(document)))
    });
    let screening = mecc::Screening::from_json(document).expect("the sample is valid");
    let assessment = screening.run_with(&policy).expect("the sample assesses");
    group.bench_function("serialize_assessment", |b| {
        b.iter(|| serde_json::to_string(black_box(&assessment)))
    });
    group.bench_function("serialize_compact_assessment", |b| {
        b.iter(|| {
            let compact = policy.compact(black_box(&assessment)).ok()?;
            serde_json::to_string(&compact).ok()
        })
    });
    group.bench_function("document_to_compact_assessment_string", |b| {
        b.iter(|| {
            let screening = mecc::Screening::from_json(black_box(document)).ok()?;
            let assessment = screening.run_with(&policy).ok()?;
            serde_json::to_string(&policy.compact(&assessment).ok()?).ok()
        })
    });
    group.bench_function("document_to_assessment_string", |b| {
        b.iter(|| {
            let screening = mecc::Screening::from_json(black_box(document)).ok()?;
            let assessment = screening.run_with(&policy).ok()?;
            serde_json::to_string(&assessment).ok()
        })
    });
    // As a host on the fast path: one plan buffer and one output buffer,
    // reused for every document.
    let mut out = Vec::new();
    group.bench_function("document_to_assessment_string_through_buffers", |b| {
        b.iter(|| {
            let screening = mecc::Screening::from_json(black_box(document)).ok()?;
            let assessment = screening.run_into(&policy, &mut buffer).ok()?;
            out.clear();
            assessment.write_json(&mut out).ok()?;
            Some(out.len())
        })
    });
    group.bench_function("serialize_assessment_view", |b| {
        let view = screening
            .run_into(&policy, &mut buffer)
            .expect("the sample assesses");
        b.iter(|| {
            out.clear();
            black_box(&view).write_json(&mut out).map(|()| out.len())
        })
    });
    group.finish();
}

/// Assesses a batch on `threads` threads, each taking an equal share, the
/// pattern the crate documentation gives; returns the number of actions.
fn assess_in_parallel(batch: &[(Contact, Answers)], policy: &Policy, threads: usize) -> usize {
    let share = batch.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = batch
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|(c, a)| assess(c, a, policy).ok())
                        .map(|assessment| assessment.plan.len())
                        .sum::<usize>()
                })
            })
            .collect();
        workers.into_iter().filter_map(|w| w.join().ok()).sum()
    })
}

/// As [`assess_in_parallel`], each thread assessing into one plan buffer
/// it reuses, the pattern the crate documentation gives for speed.
fn assess_in_parallel_into_buffers(
    batch: &[(Contact, Answers)],
    policy: &Policy,
    threads: usize,
) -> usize {
    let share = batch.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = batch
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut buffer = PlanBuffer::new();
                    chunk
                        .iter()
                        .filter_map(|(c, a)| {
                            assess_into(c, a, policy, &[], &mut buffer)
                                .ok()
                                .map(|a| a.plan.len())
                        })
                        .sum::<usize>()
                })
            })
            .collect();
        workers.into_iter().filter_map(|w| w.join().ok()).sum()
    })
}

criterion_group!(benches, engine);
criterion_main!(benches);
