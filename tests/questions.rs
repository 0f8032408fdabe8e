//! The question bank and the next-question flow: every id names exactly one
//! answer field and every field has one id; every option code is read by
//! the field it maps to and scores as the instrument scores it; the flow
//! stops where each instrument's own rule decides, never asks a question
//! twice, and always comes to an end.
mod common;

use std::collections::BTreeSet;

use mecc::context::{Contact, TimeAvailable};
use mecc::instruments::audit::ItemScore;
use mecc::questions::{
    AnswerFormat, AskReason, BankQuestion, FormValue, NextQuestion, QuestionId, Recording, bank,
    next_questions,
};
use mecc::{Answers, Findings};
use proptest::prelude::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------- documents

fn not_asked() -> Value {
    json!({"kind": "not_asked"})
}

/// Every instrument started, nothing optional answered.
fn base() -> Value {
    let n = not_asked();
    json!({
        "pat": {"drinks_alcohol": n, "most_in_one_day": n, "frequency": n,
                "attendance_related": n, "willing_to_see_specialist": n},
        "audit": {"audit_c": {"frequency": n, "typical_day": n, "heavy_drinking": n},
                  "unable_to_stop": n, "failed_expectations": n, "morning_drink": n,
                  "guilt": n, "memory_loss": n, "injury": n, "others_concerned": n},
        "fast": {"heavy_drinking": n, "failed_expectations": n, "memory_loss": n,
                 "others_concerned": n},
        "smoking": {"status": {"kind": "never_smoked"}, "vaping": n, "co_ppm": n},
        "bmi": {"height": {"kind": "cm", "value": 170}, "weight": {"kind": "kg", "value": 70},
                "waist": n},
        "activity": {
            "gppaq": {"kind": "answered", "value": {
                "occupation": n, "exercise_and_cycling": n, "walking": n,
                "housework_and_childcare": n, "gardening_and_diy": n, "walking_pace": n}},
            "weekly": {"kind": "answered", "value": {
                "moderate_minutes_per_week": 0, "vigorous_minutes_per_week": 0,
                "strength_days_per_week": n}}
        },
        "child_bmi": {"height": {"kind": "cm", "value": 120},
                      "weight": {"kind": "kg", "value": 25}, "waist": n}
    })
}

fn contact(sex: &str, pregnant: &str, setting: &str, time: &str) -> Contact {
    serde_json::from_value(json!({
        "age": 40, "sex": sex, "pregnant": pregnant, "setting": setting,
        "time_available": time
    }))
    .unwrap_or_else(|e| panic!("contact {sex} {pregnant} {setting} {time}: {e}"))
}

/// How many different answers [`answer`] can give to `q`.
fn choices(q: &BankQuestion) -> usize {
    match q.answer {
        AnswerFormat::YesNo => 2,
        AnswerFormat::Choice(o) | AnswerFormat::Several(o) => o.len(),
        AnswerFormat::Forms(f) => f
            .iter()
            .map(|f| match f.value {
                FormValue::Choice(o) => o.len(),
                FormValue::Number(_) | FormValue::Compound(_) => 3,
                _ => 1,
            })
            .sum(),
        AnswerFormat::Number(_) => 3,
    }
}

/// A number from the range: its least, its greatest, or one between.
fn number(min: f64, max: f64, whole: bool, pick: usize) -> Value {
    let x = match pick % 3 {
        0 => min,
        1 => max,
        _ => (min + max) / 2.0,
    };
    if whole {
        json!(x.round() as u64)
    } else {
        json!(x)
    }
}

/// The answer number `pick` (modulo [`choices`]) to `q`, as written at its
/// pointer, before any `Reply` wrapping.
fn answer(q: &BankQuestion, pick: usize) -> Value {
    let pick = pick % choices(q);
    match q.answer {
        AnswerFormat::YesNo => json!(pick == 0),
        AnswerFormat::Choice(o) => json!(o[pick].code),
        AnswerFormat::Several(o) => json!([o[pick].code]),
        AnswerFormat::Number(m) => number(m.min, m.max, m.whole, pick),
        AnswerFormat::Forms(forms) => {
            let mut left = pick;
            for f in forms {
                let n = match f.value {
                    FormValue::Choice(o) => o.len(),
                    FormValue::Number(_) | FormValue::Compound(_) => 3,
                    _ => 1,
                };
                if left >= n {
                    left -= n;
                    continue;
                }
                return match f.value {
                    FormValue::Nothing => json!({"kind": f.kind}),
                    FormValue::Number(m) => {
                        json!({"kind": f.kind, "value": number(m.min, m.max, m.whole, left)})
                    }
                    FormValue::Choice(o) => json!({"kind": f.kind, "value": o[left].code}),
                    FormValue::Compound(c) => {
                        let total = number(c.total.min, c.total.max, false, left)
                            .as_f64()
                            .unwrap();
                        let per = f64::from(c.per);
                        let whole = (total / per).floor();
                        // Inward, as the range is: up at the least, down otherwise.
                        let hundredths = (total - whole * per) * 100.0;
                        let part = if left == 0 {
                            hundredths.ceil()
                        } else {
                            hundredths.floor()
                        } / 100.0;
                        let (whole, part) = if part >= per {
                            (whole + 1.0, 0.0)
                        } else {
                            (whole, part)
                        };
                        json!({"kind": f.kind, "value": {c.first: whole as u64, c.second: part}})
                    }
                    FormValue::Drinks => json!({"kind": f.kind, "value": [
                        {"drink": {"kind": "pint_ordinary_strength"}, "count": 3}
                    ]}),
                    FormValue::FollowUps(ids) => {
                        let mut value = serde_json::Map::new();
                        for id in ids {
                            let follow = id.question();
                            let field = follow.pointer.rsplit('/').next().unwrap();
                            let v = match follow.recorded_as {
                                Recording::Value => answer(follow, 0),
                                Recording::Reply => not_asked(),
                            };
                            value.insert(field.to_owned(), v);
                        }
                        json!({"kind": f.kind, "value": value})
                    }
                };
            }
            unreachable!("pick is under the number of choices")
        }
    }
}

/// The question (and form) whose follow-ups include `id`.
fn parent_of(id: QuestionId) -> Option<(&'static BankQuestion, usize)> {
    for q in bank().questions() {
        if let AnswerFormat::Forms(forms) = q.answer {
            let mut pick = 0;
            for f in forms {
                if let FormValue::FollowUps(ids) = f.value
                    && ids.contains(&id)
                {
                    return Some((q, pick));
                }
                pick += match f.value {
                    FormValue::Choice(o) => o.len(),
                    FormValue::Number(_) | FormValue::Compound(_) => 3,
                    _ => 1,
                };
            }
        }
    }
    None
}

/// Writes answer `pick` to `q` into `doc`, creating what holds it.
fn write(doc: &mut Value, q: &BankQuestion, pick: usize) {
    let (parent, field) = q.pointer.rsplit_once('/').unwrap();
    if doc.pointer(parent).is_none() {
        if let Some((holder, form)) = parent_of(q.id) {
            write(doc, holder, form);
        } else if parent.ends_with("/exercise_and_cycling/value/value") {
            *doc.pointer_mut("/activity/gppaq/value/exercise_and_cycling")
                .unwrap() = json!({
                "kind": "answered",
                "value": {"kind": "bands", "value": {"exercise": "none", "cycling": "none"}}
            });
        }
    }
    let value = match q.recorded_as {
        Recording::Reply => json!({"kind": "answered", "value": answer(q, pick)}),
        Recording::Value => answer(q, pick),
    };
    let shown = doc.to_string();
    let holder = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("{}: no {parent} in {shown}", q.id.as_str()));
    holder[field] = value;
}

fn read(doc: &Value) -> Answers {
    serde_json::from_value(doc.clone()).unwrap_or_else(|e| panic!("{doc}: {e}"))
}

/// Whether `q` has an answer in `doc`.
fn answered(doc: &Value, q: &BankQuestion) -> bool {
    match doc.pointer(q.pointer) {
        None => false,
        Some(v) => q.recorded_as == Recording::Value || v != &not_asked(),
    }
}

// ---------------------------------------------------------------- ids and fields

#[test]
fn every_id_has_one_entry_in_its_instrument_and_names_its_field() {
    let ids: Vec<QuestionId> = bank().questions().map(|q| q.id).collect();
    assert_eq!(
        ids,
        QuestionId::ALL,
        "the bank lists every id once, in order"
    );
    let mut pointers = BTreeSet::new();
    for group in bank().instruments {
        for q in group.questions {
            assert_eq!(q.id.instrument(), group.key, "{}", q.id.as_str());
            assert_eq!(q.id.question().id, q.id);
            let field = q.id.as_str().split_once('.').unwrap().1;
            assert!(
                q.pointer.starts_with(&format!("/{}/", group.key)),
                "{}",
                q.pointer
            );
            assert_eq!(
                q.pointer.rsplit('/').next(),
                Some(field),
                "{}",
                q.id.as_str()
            );
            assert!(pointers.insert(q.pointer), "two ids write {}", q.pointer);
        }
    }
    let keys: Vec<&str> = mecc::instruments::REGISTRY.iter().map(|r| r.key).collect();
    let grouped: Vec<&str> = bank().instruments.iter().map(|i| i.key).collect();
    assert_eq!(
        grouped, keys,
        "one group per registered instrument, in order"
    );
}

/// The keys of the object at `pointer` in `doc`, as pointers.
fn fields(doc: &Value, pointer: &str) -> Vec<String> {
    doc.pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("no object at {pointer}"))
        .keys()
        .map(|k| format!("{pointer}/{k}"))
        .collect()
}

#[test]
fn every_answer_field_has_exactly_one_question() {
    let mut doc = base();
    let current = QuestionId::SmokingProducts.question();
    write(&mut doc, current, 0);
    let mut ex = base();
    write(&mut ex, QuestionId::SmokingQuit.question(), 0);
    write(&mut doc, QuestionId::ActivityExercise.question(), 0);

    let mut all = Vec::new();
    for p in [
        "/pat",
        "/audit/audit_c",
        "/fast",
        "/smoking",
        "/bmi",
        "/child_bmi",
    ] {
        all.extend(fields(&doc, p));
    }
    all.extend(
        fields(&doc, "/audit")
            .into_iter()
            .filter(|f| f != "/audit/audit_c"),
    );
    all.extend(fields(&doc, "/smoking/status/value"));
    all.extend(fields(&ex, "/smoking/status/value"));
    all.extend(
        fields(&doc, "/activity/gppaq/value")
            .into_iter()
            .filter(|f| !f.ends_with("/exercise_and_cycling")),
    );
    all.extend(fields(
        &doc,
        "/activity/gppaq/value/exercise_and_cycling/value/value",
    ));
    all.extend(fields(&doc, "/activity/weekly/value"));
    // Every field of every instrument's answers, serialized as a host sends them.
    let answers = serde_json::to_value(read(&doc)).unwrap();
    for instrument in answers.as_object().unwrap().keys() {
        assert!(
            doc.get(instrument).is_some(),
            "{instrument} is not in the test document"
        );
    }
    for field in &all {
        let n = bank().questions().filter(|q| q.pointer == field).count();
        assert_eq!(n, 1, "field {field} has {n} questions");
    }
    assert_eq!(all.len(), QuestionId::ALL.len(), "{all:?}");
}

// ---------------------------------------------------------------- codes and scores

#[test]
fn every_answer_the_bank_describes_is_read_by_its_field() {
    for q in bank().questions() {
        for pick in 0..choices(q) {
            let mut doc = base();
            write(&mut doc, q, pick);
            let answers = read(&doc);
            // And it is written back at the same place.
            let back = serde_json::to_value(answers).unwrap();
            assert!(back.pointer(q.pointer).is_some(), "{} in {back}", q.pointer);
        }
    }
}

#[test]
fn plain_enum_codes_are_their_serde_names() {
    use mecc::instruments::activity::WalkingPace;
    use mecc::instruments::smoking::Vaping;
    for (id, names) in [
        (
            QuestionId::SmokingVaping,
            [Vaping::Never, Vaping::Current, Vaping::Ex]
                .map(|v| serde_json::to_value(v).unwrap())
                .to_vec(),
        ),
        (
            QuestionId::ActivityWalkingPace,
            [
                WalkingPace::Slow,
                WalkingPace::Steady,
                WalkingPace::Brisk,
                WalkingPace::Fast,
            ]
            .map(|v| serde_json::to_value(v).unwrap())
            .to_vec(),
        ),
    ] {
        let AnswerFormat::Choice(options) = id.question().answer else {
            panic!()
        };
        let codes: Vec<Value> = options.iter().map(|o| json!(o.code)).collect();
        assert_eq!(codes, names, "{}", id.as_str());
    }
}

/// The item score the instrument gives the answer to `q` in `doc`.
fn item_score(doc: &Value, q: &BankQuestion) -> Option<u8> {
    let c = contact("male", "no", "general_practice", "brief");
    let findings = Findings::score(&read(doc), &c);
    let number = usize::from(q.number.unwrap()) - 1;
    let score = match q.id.instrument() {
        "audit" => findings.audit.unwrap().item_scores[number],
        "fast" => findings.fast.unwrap().item_scores[number],
        other => panic!("{other} has no item scores"),
    };
    match score {
        ItemScore::Scored(n) => Some(n),
        other => panic!("{} not scored: {other:?}", q.id.as_str()),
    }
}

#[test]
fn every_scored_option_scores_as_the_instrument_scores_it() {
    let mut checked = 0;
    for q in bank().questions() {
        let options = match q.answer {
            AnswerFormat::Choice(o) => o,
            AnswerFormat::Forms(f) => match f.iter().find_map(|f| match f.value {
                FormValue::Choice(o) => Some((f.kind, o)),
                _ => None,
            }) {
                Some((_, o)) => o,
                None => continue,
            },
            _ => continue,
        };
        if options.iter().all(|o| o.score.is_none()) {
            continue;
        }
        for (pick, option) in options.iter().enumerate() {
            let mut doc = base();
            // An earlier answer that lets the item be scored, not skipped.
            if q.id.instrument() == "audit" && q.id != QuestionId::AuditFrequency {
                doc["audit"]["audit_c"]["frequency"] =
                    json!({"kind": "answered", "value": "monthly_or_less"});
            }
            if q.id.instrument() == "fast" && q.id != QuestionId::FastHeavyDrinking {
                doc["fast"]["heavy_drinking"] = json!({"kind": "answered", "value": "monthly"});
            }
            write(&mut doc, q, pick);
            assert_eq!(
                item_score(&doc, q),
                option.score,
                "{} {}",
                q.id.as_str(),
                option.code
            );
            checked += 1;
        }
    }
    // AUDIT: questions 1 to 8 with five options each (question 2 as its
    // bands), 9 and 10 with three; FAST: questions 1 to 3 with five, 4 with three.
    assert_eq!(checked, 8 * 5 + 2 * 3 + 3 * 5 + 3);
}

// ---------------------------------------------------------------- the flow at its thresholds

fn next(c: &Contact, doc: &Value, time: TimeAvailable) -> Vec<NextQuestion> {
    next_questions(c, &read(doc), time)
}

fn only(doc: &Value, instrument: &str) -> Value {
    json!({instrument: doc[instrument].clone()})
}

fn reply(v: Value) -> Value {
    json!({"kind": "answered", "value": v})
}

#[test]
fn audit_c_of_five_leads_to_the_rest_of_the_audit_and_four_does_not() {
    let c = contact("female", "no", "general_practice", "brief");
    for (heavy, total, rest) in [
        ("less_than_monthly", 4, false),
        ("monthly", 5, true),
        ("weekly", 6, true),
    ] {
        let mut doc = only(&base(), "audit");
        doc["audit"]["audit_c"] = json!({
            "frequency": reply(json!("two_to_four_times_per_month")),
            "typical_day": reply(json!({"kind": "band", "value": "three_to_four"})),
            "heavy_drinking": reply(json!(heavy)),
        });
        let asked = next(&c, &doc, TimeAvailable::Brief);
        let expected = rest.then_some(NextQuestion {
            question: QuestionId::AuditUnableToStop,
            reason: AskReason::AuditCPositive,
        });
        assert_eq!(asked.first().copied(), expected, "AUDIT-C {total}");
        // In 2 minutes or less the rest waits.
        assert!(
            next(&c, &doc, TimeAvailable::VeryBrief).is_empty(),
            "AUDIT-C {total}"
        );
        assert_eq!(
            next(&c, &doc, TimeAvailable::Extended).is_empty(),
            !rest,
            "AUDIT-C {total}"
        );
    }
}

#[test]
fn fast_question_one_decides_unless_less_than_monthly_or_monthly() {
    let c = contact("male", "no", "emergency_department", "very_brief");
    for (q1, goes_on) in [
        ("never", false),
        ("less_than_monthly", true),
        ("monthly", true),
        ("weekly", false),
        ("daily_or_almost_daily", false),
    ] {
        let mut doc = only(&base(), "fast");
        assert_eq!(
            next(&c, &doc, TimeAvailable::VeryBrief)[0].reason,
            AskReason::FastFirstQuestion
        );
        doc["fast"]["heavy_drinking"] = reply(json!(q1));
        let asked = next(&c, &doc, TimeAvailable::VeryBrief);
        let expected = goes_on.then_some(NextQuestion {
            question: QuestionId::FastFailedExpectations,
            reason: AskReason::FastSecondStage,
        });
        assert_eq!(asked.first().copied(), expected, "{q1}");
    }
}

#[test]
fn fast_second_stage_stops_once_positive() {
    let c = contact("male", "no", "emergency_department", "very_brief");
    let mut doc = only(&base(), "fast");
    doc["fast"]["heavy_drinking"] = reply(json!("monthly")); // 2
    doc["fast"]["failed_expectations"] = reply(json!("never")); // 0: 2, unsettled
    assert_eq!(
        next(&c, &doc, TimeAvailable::VeryBrief)[0].question,
        QuestionId::FastMemoryLoss
    );
    doc["fast"]["failed_expectations"] = reply(json!("less_than_monthly")); // 3: positive
    assert!(next(&c, &doc, TimeAvailable::VeryBrief).is_empty());
}

#[test]
fn pat_asks_question_five_only_above_the_threshold() {
    for (sex, units, positive) in [
        ("male", 7.99, false),
        ("male", 8.0, false),
        ("male", 8.01, true),
        ("female", 5.99, false),
        ("female", 6.0, false),
        ("female", 6.01, true),
        ("not_known", 6.0, false),
        ("not_known", 6.01, true),
    ] {
        let c = contact(sex, "no", "emergency_department", "very_brief");
        let mut doc = only(&base(), "pat");
        doc["pat"]["drinks_alcohol"] = reply(json!(true));
        doc["pat"]["most_in_one_day"] = reply(json!({"kind": "units", "value": units}));
        doc["pat"]["frequency"] = reply(json!({"kind": "less_than_weekly"}));
        doc["pat"]["attendance_related"] = reply(json!(false));
        let asked = next(&c, &doc, TimeAvailable::VeryBrief);
        let expected = positive.then_some(NextQuestion {
            question: QuestionId::PatWillingToSeeSpecialist,
            reason: AskReason::PatPositiveOffer,
        });
        assert_eq!(asked.first().copied(), expected, "{sex}, {units} units");
    }
    let c = contact("male", "no", "emergency_department", "very_brief");
    let mut doc = only(&base(), "pat");
    doc["pat"]["drinks_alcohol"] = reply(json!(false));
    assert!(
        next(&c, &doc, TimeAvailable::VeryBrief).is_empty(),
        "a non-drinker"
    );
}

#[test]
fn smoking_asks_vaping_then_co_only_in_pregnancy_and_never_the_details() {
    let not_pregnant = contact("female", "no", "general_practice", "brief");
    let pregnant = contact("female", "yes", "general_practice", "brief");
    for pick in 0..choices(QuestionId::SmokingStatus.question()) {
        let mut doc = only(&base(), "smoking");
        write(&mut doc, QuestionId::SmokingStatus.question(), pick);
        let first = next(&not_pregnant, &doc, TimeAvailable::Extended);
        assert_eq!(
            first.iter().map(|n| n.question).collect::<Vec<_>>(),
            [QuestionId::SmokingVaping]
        );
        doc["smoking"]["vaping"] = reply(json!("never"));
        assert!(next(&not_pregnant, &doc, TimeAvailable::Extended).is_empty());
        assert_eq!(
            next(&pregnant, &doc, TimeAvailable::Extended)[0],
            NextQuestion {
                question: QuestionId::SmokingCoPpm,
                reason: AskReason::CoReadingInPregnancy
            }
        );
    }
}

// ---------------------------------------------------------------- never twice, always ends

fn any_contact() -> impl Strategy<Value = Contact> {
    (
        prop::sample::select(vec![
            ("male", "no"),
            ("female", "no"),
            ("female", "yes"),
            ("not_known", "not_known"),
        ]),
        prop::sample::select(vec![
            "emergency_department",
            "general_practice",
            "maternity",
            "housing",
        ]),
        prop::sample::select(vec!["very_brief", "brief", "extended"]),
    )
        .prop_map(|((sex, pregnant), setting, time)| contact(sex, pregnant, setting, time))
}

/// A contact, the instruments started, answers recorded (in any order)
/// before the flow is asked, and the choices made while following it.
type Scenario = (
    Contact,
    Vec<&'static str>,
    Vec<(usize, usize)>,
    Vec<(usize, usize)>,
);

fn any_scenario() -> impl Strategy<Value = Scenario> {
    (
        any_contact(),
        prop::sample::subsequence(
            vec![
                "pat",
                "audit",
                "fast",
                "smoking",
                "bmi",
                "activity",
                "child_bmi",
            ],
            1..=7,
        ),
        prop::collection::vec((0..QuestionId::ALL.len(), 0usize..40), 0..12),
        prop::collection::vec((0usize..4, 0usize..40), 60),
    )
}

/// The document the scenario starts from, if its answers are read (answers
/// that contradict each other are refused by design).
fn start(instruments: &[&str], first: &[(usize, usize)]) -> Option<Value> {
    let full = base();
    let mut doc = json!({});
    for key in instruments {
        doc[*key] = full[*key].clone();
    }
    for &(i, pick) in first {
        let q = QuestionId::ALL[i].question();
        if doc.get(q.id.instrument()).is_some() {
            write(&mut doc, q, pick);
        }
    }
    serde_json::from_value::<Answers>(doc.clone())
        .ok()
        .map(|_| doc)
}

/// Follows the flow, answering as `picks` says, and returns the questions
/// asked in order; fails if one is offered answered, asked twice, or the flow
/// does not end.
fn follow(
    contact: &Contact,
    mut doc: Value,
    picks: &[(usize, usize)],
) -> Result<Vec<QuestionId>, TestCaseError> {
    let time = contact.time_available();
    let mut asked = Vec::new();
    loop {
        let offered = next(contact, &doc, time);
        if offered.is_empty() {
            return Ok(asked);
        }
        let Some(&(which, pick)) = picks.get(asked.len()) else {
            return Err(TestCaseError::fail(format!(
                "not finished after {} questions: {offered:?}",
                asked.len()
            )));
        };
        for n in &offered {
            prop_assert!(
                !answered(&doc, n.question.question()),
                "{n:?} is answered: {doc}"
            );
        }
        let chosen = offered[which % offered.len()];
        prop_assert!(!asked.contains(&chosen.question), "{chosen:?} asked twice");
        asked.push(chosen.question);
        prop_assert!(asked.len() <= QuestionId::ALL.len());
        write(&mut doc, chosen.question.question(), pick);
        if serde_json::from_value::<Answers>(doc.clone()).is_err() {
            // An answer that contradicts an earlier one is refused.
            return Ok(asked);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever is answered first, in whatever order, and whichever answers
    /// are then given, the flow offers only unanswered questions, never one
    /// twice, and ends within as many steps as there are questions.
    #[test]
    fn the_flow_never_asks_twice_and_always_ends(
        (contact, instruments, first, picks) in any_scenario()
    ) {
        if let Some(doc) = start(&instruments, &first) {
            follow(&contact, doc, &picks)?;
        }
    }
}

/// The property above skips refused starting answers; most of those it
/// generates must be read, and the flow must ask questions, or it would hold
/// vacuously.
#[test]
fn most_generated_scenarios_are_followed() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = any_scenario();
    let (mut read, mut asked) = (0, 0);
    for _ in 0..300 {
        let (contact, instruments, first, picks) =
            strategy.new_tree(&mut runner).unwrap().current();
        if let Some(doc) = start(&instruments, &first) {
            read += 1;
            asked += follow(&contact, doc, &picks).unwrap().len();
        }
    }
    assert!(read >= 150, "only {read} of 300 starting documents read");
    assert!(
        asked >= 300,
        "only {asked} questions asked in {read} scenarios"
    );
}

// ---------------------------------------------------------------- one entry, as published

#[test]
fn the_fast_first_question_is_published_as_it_reads() {
    let entry = serde_json::to_value(QuestionId::FastHeavyDrinking.question()).unwrap();
    let expected = json!({
        "id": "fast.heavy_drinking",
        "number": 1,
        "wording": {"kind": "by_sex", "value": {
            "male": mecc::instruments::fast::Question::HeavyDrinking.text(mecc::context::Sex::Male),
            "female_or_not_known": mecc::instruments::fast::Question::HeavyDrinking.text(mecc::context::Sex::Female)
        }},
        "help": "Never: negative, stop. Weekly or daily: positive, stop. Less than monthly or monthly: go on to questions 2 to 4.",
        "answer": {"kind": "choice", "value": [
            {"code": "never", "label": "Never", "score": 0},
            {"code": "less_than_monthly", "label": "Less than monthly", "score": 1},
            {"code": "monthly", "label": "Monthly", "score": 2},
            {"code": "weekly", "label": "Weekly", "score": 3},
            {"code": "daily_or_almost_daily", "label": "Daily or almost daily", "score": 4}
        ]},
        "pointer": "/fast/heavy_drinking",
        "recorded_as": "reply"
    });
    assert_eq!(entry, expected);
    assert!(
        entry["wording"]["value"]["male"]
            .as_str()
            .unwrap()
            .contains('8')
    );
}

#[test]
fn the_imperial_ranges_are_the_metric_ranges_converted_inward() {
    let AnswerFormat::Forms(forms) = QuestionId::BmiHeight.question().answer else {
        panic!()
    };
    let FormValue::Compound(feet) = forms[1].value else {
        panic!()
    };
    assert_eq!((feet.total.min, feet.total.max), (39.38, 98.42));
    let AnswerFormat::Forms(forms) = QuestionId::BmiWeight.question().answer else {
        panic!()
    };
    let FormValue::Number(pounds) = forms[1].value else {
        panic!()
    };
    assert_eq!((pounds.min, pounds.max), (44.1, 771.61));
}

#[cfg(feature = "schema")]
#[test]
fn the_bank_matches_its_schema() {
    common::assert_matches_schema(bank());
    let doc = mecc::questions::bank_json();
    assert_eq!(
        serde_json::from_str::<Value>(&doc).unwrap(),
        serde_json::to_value(bank()).unwrap()
    );
}
