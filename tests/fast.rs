//! FAST, the Fast Alcohol Screening Test: short-cuts, the sum cut-off,
//! routing, errors, golden vectors and properties (CLINICAL-REFERENCE §5.4).
mod common;

use common::arb::*;
use mecc::Error;
use mecc::context::*;
use mecc::instruments::Reply;
use mecc::instruments::audit::{self, HowOften, ItemScore};
use mecc::instruments::fast::{self, *};
use proptest::prelude::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------- allocation counter

// ---------------------------------------------------------------- helpers

fn contact_with(overrides: &Value) -> Contact {
    let mut base = common::fixtures::with(json!({
        "age": 33, "setting": "emergency_department", "time_available": "very_brief",
        "presenting_condition": "fall"
    }));
    if let Value::Object(o) = overrides {
        for (k, v) in o {
            base[k] = v.clone();
        }
    }
    serde_json::from_value(base).unwrap()
}

fn contact(sex: Sex) -> Contact {
    contact_with(&json!({ "sex": sex }))
}

fn how(score: u32) -> Reply<HowOften> {
    Reply::Answered(HowOften::from_score(score, audit::Question::MemoryLoss).unwrap())
}

fn concern(score: u32) -> Reply<ConcernRaised> {
    Reply::Answered(ConcernRaised::from_score(score).unwrap())
}

fn answers(q1: Option<u32>, q2: Option<u32>, q3: Option<u32>, q4: Option<u32>) -> Answers {
    Answers {
        heavy_drinking: q1.map_or(Reply::NotAsked, how),
        failed_expectations: q2.map_or(Reply::NotAsked, how),
        memory_loss: q3.map_or(Reply::NotAsked, how),
        others_concerned: q4.map_or(Reply::NotAsked, concern),
    }
}

// ---------------------------------------------------------------- provenance and constants

#[test]
fn provenance_names_hodgson_2002() {
    assert!(fast::SOURCE.citation.contains("Hodgson R"));
    assert!(
        fast::SOURCE
            .citation
            .contains("Alcohol and Alcoholism 2002;37(1):61–66")
    );
    assert_eq!(
        fast::SOURCE.url,
        Some("https://doi.org/10.1093/alcalc/37.1.61")
    );
    assert_eq!(fast::SOURCES, &[fast::SOURCE, audit::SOURCE]);
    assert!(fast::VERSION.contains("FAST"));
    let f = score(&Answers::NOT_STARTED, &contact(Sex::Male));
    assert_eq!(f.source.source(), fast::SOURCE);
    let j = serde_json::to_value(f).unwrap();
    assert_eq!(j["source"]["citation"], fast::SOURCE.citation);
    let err = serde_json::from_value::<FastSource>(serde_json::to_value(audit::SOURCE).unwrap())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("expected the FAST (Hodgson et al. 2002) source"),
        "{err}"
    );
}

// CLINICAL-REFERENCE §5.4: 3 or more is positive in the second stage.
#[test]
fn sum_cut_off_is_3_section_5_4() {
    assert_eq!(POSITIVE_FROM, 3);
    assert_eq!(MAX_TOTAL, 16);
    let c = contact(Sex::Female);
    let cases = [
        ((1, 0, 1, 0), 2, FastResult::Negative),
        ((1, 1, 1, 0), 3, FastResult::Positive),
        ((2, 0, 0, 0), 2, FastResult::Negative),
        ((2, 1, 0, 0), 3, FastResult::Positive),
        ((1, 0, 0, 2), 3, FastResult::Positive),
        ((1, 0, 0, 0), 1, FastResult::Negative),
        ((2, 4, 4, 4), 14, FastResult::Positive),
    ];
    for ((a, b, d, e), total, result) in cases {
        let f = score(&answers(Some(a), Some(b), Some(d), Some(e)), &c);
        assert_eq!((f.result, f.total), (result, total), "{a} {b} {d} {e}");
        assert_eq!(f.result.is_positive(), result == FastResult::Positive);
        assert_eq!(f.short_cut, None);
        assert!(f.complete);
    }
}

#[test]
fn answers_report_which_of_the_four_questions_are_answered() {
    for (i, asked) in Question::ALL.into_iter().enumerate() {
        let mut scores = [None; 4];
        scores[i] = Some(if asked == Question::OthersConcerned {
            2
        } else {
            1
        });
        let one = answers(scores[0], scores[1], scores[2], scores[3]);
        for q in Question::ALL {
            assert_eq!(one.is_answered(q), q == asked, "{asked:?} answered, {q:?}");
        }
    }
}

// CLINICAL-REFERENCE §5.4: never → negative; weekly or daily → positive; stop.
#[test]
fn question_1_short_cuts_section_5_4() {
    let c = contact(Sex::Male);
    for (q1, short, result, total) in [
        (0, FastShortCut::Never, FastResult::Negative, 0),
        (3, FastShortCut::Weekly, FastResult::Positive, 3),
        (4, FastShortCut::DailyOrAlmostDaily, FastResult::Positive, 4),
    ] {
        // With nothing else asked, and with the rest answered anyway.
        for rest in [None, Some(4)] {
            let f = score(&answers(Some(q1), rest, rest, rest), &c);
            assert_eq!(f.result, result, "{q1}");
            assert_eq!(f.short_cut, Some(short));
            assert_eq!(f.total, total);
            assert!(f.complete);
            assert_eq!(f.item_scores[1..], [ItemScore::Skipped; 3]);
            assert_eq!(
                next_step(&answers(Some(q1), rest, rest, rest)),
                Step::Complete(result)
            );
        }
        assert_eq!(short.result(), result);
    }
    for q1 in [1, 2] {
        let a = answers(Some(q1), None, None, None);
        assert_eq!(
            FastShortCut::for_answer(
                HowOften::from_score(q1, audit::Question::HeavyDrinking).unwrap()
            ),
            None
        );
        assert_eq!(
            score(&a, &c).result,
            FastResult::Incomplete {
                next: Question::FailedExpectations
            }
        );
        assert_eq!(next_step(&a), Step::Ask(Question::FailedExpectations));
    }
}

// CLINICAL-REFERENCE §5.4, §0: 8 units for men, 6 for women and not_known.
#[test]
fn question_1_wording_depends_on_sex_section_5_4() {
    assert_eq!(
        Question::HeavyDrinking.text(Sex::Male),
        "In the last year, how often have you had 8 or more units of alcohol on a single occasion?"
    );
    assert_eq!(
        Question::HeavyDrinking.text(Sex::NotKnown),
        "In the last year, how often have you had 6 or more units of alcohol on a single occasion?"
    );
    assert_eq!(
        Question::HeavyDrinking.text(Sex::Female),
        Question::HeavyDrinking.text(Sex::NotKnown)
    );
    assert_eq!(
        Question::HeavyDrinking.text_for(&contact(Sex::Male)),
        Question::HeavyDrinking.text(Sex::Male)
    );
    for (sex, units, assumed) in [
        (Sex::Male, 8, false),
        (Sex::Female, 6, false),
        (Sex::NotKnown, 6, true),
    ] {
        let f = score(&Answers::NOT_STARTED, &contact(sex));
        assert_eq!((f.heavy_occasion_units, f.sex_assumed), (units, assumed));
    }
}

#[test]
fn questions_are_audit_items() {
    let items: Vec<u8> = Question::ALL
        .iter()
        .map(|q| q.audit_item().number())
        .collect();
    assert_eq!(items, [3, 5, 8, 10]);
    for (i, q) in Question::ALL.into_iter().enumerate() {
        assert_eq!(usize::from(q.number()), i + 1);
        assert_eq!(serde_json::to_value(q).unwrap(), json!(q.as_str()));
        assert!(q.text(Sex::Female).ends_with('?'));
    }
    assert!(
        Question::OthersConcerned
            .text(Sex::Male)
            .starts_with("In the last year")
    );
}

// ------------------------------------------------ errors, one exact message per variant

// CLINICAL-REFERENCE §5.4: question 4 scores 0, 2 or 4.
#[test]
fn invalid_question_4_scores_section_5_4() {
    for (s, c) in [
        (0, ConcernRaised::No),
        (2, ConcernRaised::YesOnOneOccasion),
        (4, ConcernRaised::YesOnMoreThanOneOccasion),
    ] {
        assert_eq!(ConcernRaised::from_score(s).unwrap(), c);
        assert_eq!(u32::from(c.score()), s);
    }
    for bad in [1, 3, 5, 7, u32::MAX] {
        let err = ConcernRaised::from_score(bad).unwrap_err();
        assert!(matches!(
            err,
            Error::Invalid {
                field: "others_concerned",
                ..
            }
        ));
    }
    assert_eq!(
        ConcernRaised::from_score(3).unwrap_err().to_string(),
        "others_concerned is 3: expected 0, 2 or 4 (no; yes, on one occasion; yes, on more than one occasion)"
    );
}

#[test]
fn out_of_range_question_2_message() {
    let err = serde_json::from_value::<Answers>(json!({
        "heavy_drinking": {"kind": "answered", "value": "monthly"},
        "failed_expectations": {"kind": "score", "value": 5},
        "memory_loss": {"kind": "not_asked"},
        "others_concerned": {"kind": "not_asked"}
    }))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "failed_expectations is 5: expected a score from 0 to 4 \
         (give the score printed beside the answer on the form, or the answer's name)"
    );
    let err = HowOften::from_score(6, Question::MemoryLoss.audit_item()).unwrap_err();
    assert!(err.is_out_of_range());
    assert_eq!(err.field(), "memory_loss");
}

#[test]
fn json_errors_name_the_field() {
    let err = serde_json::from_value::<Answers>(json!({
        "heavy_drinking": {"kind": "answered", "value": "sometimes"},
        "failed_expectations": {"kind": "not_asked"},
        "memory_loss": {"kind": "not_asked"},
        "others_concerned": {"kind": "not_asked"}
    }))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "heavy_drinking is \"sometimes\": expected one of never, less_than_monthly, monthly, \
         weekly, daily_or_almost_daily, or {\"kind\": \"score\", \"value\": n} with n from 0 to 4"
    );
    // AUDIT item 10's options are not FAST question 4's.
    let err = serde_json::from_value::<Answers>(json!({
        "heavy_drinking": {"kind": "not_asked"},
        "failed_expectations": {"kind": "not_asked"},
        "memory_loss": {"kind": "not_asked"},
        "others_concerned": {"kind": "answered", "value": "yes_during_the_last_year"}
    }))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("others_concerned is \"yes_during_the_last_year\": expected one of no, yes_on_one_occasion"),
        "{err}"
    );
    let err = serde_json::from_value::<Answers>(json!({"heavy_drinking": {"kind": "not_asked"}}))
        .unwrap_err();
    assert!(err.to_string().contains("missing field"), "{err}");
}

// ---------------------------------------------------------------- JSON forms

#[test]
fn finding_json_shape() {
    let a = answers(Some(2), Some(1), None, None);
    let f = score(&a, &contact(Sex::NotKnown));
    assert_eq!(
        serde_json::to_value(f).unwrap(),
        json!({
            "result": {"kind": "positive"},
            "short_cut": null,
            "total": 3,
            "complete": false,
            "item_scores": [{"kind": "scored", "value": 2}, {"kind": "scored", "value": 1}, {"kind": "not_asked"}, {"kind": "not_asked"}],
            "heavy_occasion_units": 6,
            "sex_assumed": true,
            "source": {"citation": fast::SOURCE.citation, "url": fast::SOURCE.url},
        })
    );
    common::assert_json_contract(&f);
    let s = score(&answers(Some(4), None, None, None), &contact(Sex::Male));
    assert_eq!(
        serde_json::to_value(s.short_cut).unwrap(),
        json!("daily_or_almost_daily")
    );
    assert_eq!(
        serde_json::to_value(FastResult::Incomplete {
            next: Question::MemoryLoss
        })
        .unwrap(),
        json!({"kind": "incomplete", "value": {"next": "memory_loss"}})
    );
    assert_eq!(
        serde_json::to_value(Step::Complete(FastResult::Negative)).unwrap(),
        json!({"kind": "complete", "value": {"kind": "negative"}})
    );
}

#[test]
fn answers_read_names_or_scores_and_write_names() {
    let by_score: Answers = serde_json::from_value(json!({
        "heavy_drinking": {"kind": "score", "value": 1},
        "failed_expectations": {"kind": "score", "value": 0},
        "memory_loss": {"kind": "score", "value": 2},
        "others_concerned": {"kind": "score", "value": 4}
    }))
    .unwrap();
    let by_name: Answers = serde_json::from_value(json!({
        "heavy_drinking": {"kind": "answered", "value": "less_than_monthly"},
        "failed_expectations": {"kind": "answered", "value": "never"},
        "memory_loss": {"kind": "answered", "value": "monthly"},
        "others_concerned": {"kind": "answered", "value": "yes_on_more_than_one_occasion"}
    }))
    .unwrap();
    assert_eq!(by_score, by_name);
    assert_eq!(
        serde_json::to_value(by_score).unwrap()["others_concerned"],
        json!({"kind": "answered", "value": "yes_on_more_than_one_occasion"})
    );
    common::assert_json_contract(&by_name);
    common::assert_json_contract(&Answers::NOT_STARTED);
}

#[cfg(feature = "schema")]
#[test]
fn answers_given_as_scores_validate_against_the_schema() {
    let schema = common::schema_of::<Answers>();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut j = json!({
        "heavy_drinking": {"kind": "score", "value": 1},
        "failed_expectations": {"kind": "not_asked"},
        "memory_loss": {"kind": "not_asked"},
        "others_concerned": {"kind": "score", "value": 2}
    });
    assert!(validator.is_valid(&j));
    j["others_concerned"] = json!({"kind": "score", "value": 3});
    assert!(!validator.is_valid(&j), "the schema refuses question 4 = 3");
    assert!(
        schema
            .to_string()
            .contains(&format!("\"maximum\":{}", audit::ITEM_SCORE.max()))
    );
}

// ---------------------------------------------------------------- flow

#[test]
fn a_form_driven_by_next_step_asks_in_order() {
    let mut a = Answers::NOT_STARTED;
    let mut asked = Vec::new();
    loop {
        match next_step(&a) {
            Step::Ask(q) => {
                asked.push(q);
                match q {
                    Question::HeavyDrinking => a.heavy_drinking = how(2),
                    Question::FailedExpectations => a.failed_expectations = how(1),
                    Question::MemoryLoss => a.memory_loss = how(0),
                    Question::OthersConcerned => a.others_concerned = concern(0),
                }
                // Settled positive after question 2, but the form goes on.
                if asked.len() == 2 {
                    assert_eq!(score(&a, &contact(Sex::Male)).result, FastResult::Positive);
                }
            }
            Step::Complete(r) => {
                assert_eq!(r, FastResult::Positive);
                break;
            }
        }
    }
    assert_eq!(asked, Question::ALL);
}

#[test]
fn later_answers_without_question_1_wait_for_it() {
    let a = answers(None, Some(4), Some(4), Some(4));
    let f = score(&a, &contact(Sex::Male));
    assert_eq!(
        f.result,
        FastResult::Incomplete {
            next: Question::HeavyDrinking
        }
    );
    assert_eq!(f.total, 12);
    assert_eq!(next_step(&a), Step::Ask(Question::HeavyDrinking));
}

#[test]
fn scoring_allocates_nothing() {
    let a = answers(Some(1), Some(0), Some(1), None);
    let c = contact(Sex::NotKnown);
    assert!(common::alloc::allocations_during(|| drop(std::hint::black_box(vec![1u8]))) > 0);
    let n = common::alloc::allocations_during(|| {
        let f = std::hint::black_box(score(std::hint::black_box(&a), &c));
        let s = next_step(&a);
        std::hint::black_box((f, s));
    });
    assert_eq!(n, 0);
}

// ---------------------------------------------------------------- golden vectors

#[test]
fn golden_vectors() {
    let cases = common::golden::cases(
        include_str!("data/fast.json"),
        25,
        &["CLINICAL-REFERENCE §5.4"],
    );
    for case in &cases {
        let contact = contact_with(&case.contact);
        let Some(answers) = case.answers::<Answers>() else {
            continue;
        };
        let finding = score(&answers, &contact);
        case.check(
            &serde_json::to_value(finding).unwrap(),
            &serde_json::to_value(next_step(&answers)).unwrap(),
        );
        common::assert_json_contract(&finding);
        common::assert_json_contract(&answers);
    }
}

// ---------------------------------------------------------------- property tests

fn any_contact() -> impl Strategy<Value = Contact> {
    prop_oneof![Just(Sex::Male), Just(Sex::Female), Just(Sex::NotKnown)].prop_map(contact)
}

fn any_answers() -> impl Strategy<Value = Answers> {
    (
        reply(
            (0u32..=4)
                .prop_map(|s| HowOften::from_score(s, audit::Question::HeavyDrinking).unwrap()),
        ),
        reply((0u32..=4).prop_map(|s| HowOften::from_score(s, audit::Question::Guilt).unwrap())),
        reply((0u32..=4).prop_map(|s| HowOften::from_score(s, audit::Question::Guilt).unwrap())),
        reply(
            prop::sample::select(vec![0u32, 2, 4])
                .prop_map(|s| ConcernRaised::from_score(s).unwrap()),
        ),
    )
        .prop_map(|(a, b, c, d)| Answers {
            heavy_drinking: a,
            failed_expectations: b,
            memory_loss: c,
            others_concerned: d,
        })
}

fn json_value() -> impl Strategy<Value = Value> {
    common::json::arb_json_with(vec![
        "not_asked",
        "answered",
        "kind",
        "value",
        "score",
        "heavy_drinking",
        "failed_expectations",
        "memory_loss",
        "others_concerned",
        "never",
        "monthly",
        "weekly",
        "no",
        "yes_on_one_occasion",
        "result",
        "positive",
        "negative",
        "incomplete",
        "next",
        "short_cut",
        "total",
        "complete",
        "item_scores",
        "scored",
        "skipped",
        "heavy_occasion_units",
        "sex_assumed",
        "source",
        "citation",
        "url",
        "ask",
    ])
}

fn feed_every_deserializer(v: &Value) {
    let _ = serde_json::from_value::<Answers>(v.clone());
    let _ = serde_json::from_value::<ConcernRaised>(v.clone());
    let _ = serde_json::from_value::<Finding>(v.clone());
    let _ = serde_json::from_value::<FastResult>(v.clone());
    let _ = serde_json::from_value::<FastShortCut>(v.clone());
    let _ = serde_json::from_value::<FastSource>(v.clone());
    let _ = serde_json::from_value::<Step>(v.clone());
    let _ = serde_json::from_value::<Question>(v.clone());
}

proptest! {
    // CLINICAL-REFERENCE §5.4: a higher score on any question never turns
    // positive to negative, once all four are answered.
    #[test]
    fn fast_is_monotone(
        s in (0u32..=4, 0u32..=4, 0u32..=4, prop::sample::select(vec![0u32, 2, 4])),
        item in 0usize..4,
        c in any_contact(),
    ) {
        let mut up = [s.0, s.1, s.2, s.3];
        up[item] = if item == 3 { (up[item] + 2).min(4) } else { (up[item] + 1).min(4) };
        let low = score(&answers(Some(s.0), Some(s.1), Some(s.2), Some(s.3)), &c);
        let high = score(&answers(Some(up[0]), Some(up[1]), Some(up[2]), Some(up[3])), &c);
        prop_assert!(low.complete && high.complete);
        if low.result.is_positive() {
            prop_assert!(high.result.is_positive());
        }
    }

    // CLINICAL-REFERENCE §5.4: a result reported before every question is
    // answered holds for every completion.
    #[test]
    fn early_result_holds_for_every_completion(
        s in (0u32..=4, 0u32..=4, 0u32..=4, prop::sample::select(vec![0u32, 2, 4])),
        hidden in prop::array::uniform4(any::<bool>()),
        c in any_contact(),
    ) {
        let full = [Some(s.0), Some(s.1), Some(s.2), Some(s.3)];
        let mut partial = full;
        for (slot, hide) in partial.iter_mut().zip(hidden) {
            if hide { *slot = None; }
        }
        let early = score(&answers(partial[0], partial[1], partial[2], partial[3]), &c);
        let late = score(&answers(full[0], full[1], full[2], full[3]), &c);
        if !matches!(early.result, FastResult::Incomplete { .. }) {
            prop_assert_eq!(early.result, late.result);
        }
        // The rule, stated directly.
        let expected = match s.0 {
            0 => FastResult::Negative,
            3 | 4 => FastResult::Positive,
            _ if s.0 + s.1 + s.2 + s.3 >= 3 => FastResult::Positive,
            _ => FastResult::Negative,
        };
        prop_assert_eq!(late.result, expected);
    }

    // Score and next_step agree, and next_step never asks what is answered.
    #[test]
    fn score_and_next_step_agree(a in any_answers(), c in any_contact()) {
        let f = score(&a, &c);
        match next_step(&a) {
            Step::Ask(q) => {
                prop_assert!(!a.is_answered(q));
                prop_assert!(!f.complete);
                if let FastResult::Incomplete { next } = f.result {
                    prop_assert_eq!(q, next);
                }
            }
            Step::Complete(r) => {
                prop_assert!(f.complete);
                prop_assert_eq!(r, f.result);
                let settled = !matches!(r, FastResult::Incomplete { .. });
                prop_assert!(settled);
            }
        }
        prop_assert_eq!(f.short_cut.is_some(), f.item_scores[1..] == [ItemScore::Skipped; 3]);
        prop_assert!(f.total <= MAX_TOTAL);
        prop_assert_eq!(f.sex_assumed, c.sex() == Sex::NotKnown);
    }

    // A form that answers whatever it is asked finishes within four questions.
    #[test]
    fn following_next_step_finishes(start in any_answers(), given in any_answers()) {
        let mut a = start;
        for _ in 0..=4 {
            let Step::Ask(q) = next_step(&a) else { return Ok(()); };
            match q {
                Question::HeavyDrinking => a.heavy_drinking = Reply::Answered(given.heavy_drinking.get().unwrap_or(HowOften::Monthly)),
                Question::FailedExpectations => a.failed_expectations = Reply::Answered(given.failed_expectations.get().unwrap_or(HowOften::Never)),
                Question::MemoryLoss => a.memory_loss = Reply::Answered(given.memory_loss.get().unwrap_or(HowOften::Never)),
                Question::OthersConcerned => a.others_concerned = Reply::Answered(given.others_concerned.get().unwrap_or(ConcernRaised::No)),
            }
        }
        prop_assert!(false, "the form did not finish within four questions");
    }

    #[test]
    fn answers_and_findings_round_trip_and_match_schema(a in any_answers(), c in any_contact()) {
        common::assert_json_contract(&a);
        common::assert_json_contract(&score(&a, &c));
        common::assert_json_contract(&next_step(&a));
    }

    #[test]
    fn constructors_never_panic(n in any::<u32>()) {
        if let Ok(c) = ConcernRaised::from_score(n) { prop_assert_eq!(u32::from(c.score()), n); }
        for q in Question::ALL {
            if let Ok(h) = HowOften::from_score(n, q.audit_item()) {
                prop_assert_eq!(u32::from(h.score()), n);
            }
        }
    }

    #[test]
    fn arbitrary_json_text_never_panics(s in ".{0,64}") {
        if let Ok(v) = serde_json::from_str::<Value>(&s) {
            feed_every_deserializer(&v);
        }
        let _ = serde_json::from_str::<Answers>(&s);
        let _ = serde_json::from_str::<Finding>(&s);
    }

    #[test]
    fn arbitrary_json_values_never_panic(v in json_value()) {
        feed_every_deserializer(&v);
        feed_every_deserializer(&json!({ "kind": "answered", "value": v.clone() }));
        feed_every_deserializer(&json!({
            "heavy_drinking": {"kind": "answered", "value": v.clone()},
            "failed_expectations": {"kind": "not_asked"},
            "memory_loss": {"kind": "answered", "value": v.clone()},
            "others_concerned": {"kind": "answered", "value": v.clone()}
        }));
    }
}
