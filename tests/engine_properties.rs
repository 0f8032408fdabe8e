//! Properties of the rules engine over generated contacts and answers
//! (CLINICAL-REFERENCE §6).
mod common;

use common::documents::{answers_json, contact_json, pick};

use mecc::context::Contact;
use mecc::instruments::smoking::PregnancyReading;
use mecc::outcome::Outcome;
use mecc::policy::{ActionKind, Policy, PolicyDocument, PolicyOverlay};
use mecc::{Answers, Assessment, Findings, assess};
use proptest::prelude::*;
use serde_json::{Value, json};

fn ids(a: &Assessment) -> Vec<String> {
    a.plan.iter().map(|x| x.id.to_string()).collect()
}

/// The national default with one more rule, first in the document, that fires
/// for every contact with an action of its own.
fn with_a_rule_that_always_fires() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        let mut doc = PolicyDocument::national_default().unwrap();
        let mut rule = doc.rules[0].clone();
        rule.id = "local.always".into();
        rule.when = mecc::policy::Condition::Always;
        rule.actions.truncate(1);
        rule.actions[0].kind = ActionKind::Record;
        rule.actions[0].pathway = None;
        rule.actions[0].mode = None;
        rule.actions[0].urgency = None;
        rule.actions[0].concept = None;
        rule.actions[0].text = "Record that the contact took place.".into();
        doc.rules.insert(0, rule);
        Policy::compile(doc).unwrap()
    })
}

fn national() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| Policy::national_default().unwrap())
}

fn assessed(policy: &Policy, contact: &Value, answers: &Value) -> Option<Assessment> {
    let contact: Contact = serde_json::from_value(contact.clone()).ok()?;
    // Generated AUDIT answers can contradict each other (never drinks, yet
    // drinks 10 units); those are refused by design and skipped here.
    let answers: Answers = serde_json::from_value(answers.clone()).ok()?;
    assess(&contact, &answers, policy).ok()
}

/// The national default with every rule's condition wrapped in `not` twice
/// (but for the protected safety rules, which may not be changed).
fn double_negated() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        let mut doc: Value = serde_json::from_str(mecc::policy::NATIONAL_DEFAULT_JSON).unwrap();
        let rules = doc["rules"].as_array_mut().unwrap();
        let protected =
            |r: &Value| mecc::policy::PROTECTED_RULES.contains(&r["id"].as_str().unwrap());
        for rule in rules.iter_mut().filter(|r| !protected(r)) {
            let when = rule["when"].take();
            rule["when"] = json!({"kind": "not", "value": {"kind": "not", "value": when}});
        }
        // Compiling checks coverage again: the outcomes must still count as
        // the ones each rule relies on.
        Policy::from_json(&doc.to_string()).unwrap()
    })
}

const PATHWAYS: [&str; 10] = [
    "alcohol_liaison",
    "community_alcohol_service",
    "stop_smoking_service",
    "tobacco_dependence_treatment",
    "tier_2_weight_management",
    "digital_weight_management",
    "specialist_weight_management",
    "exercise_referral",
    "social_prescribing",
    "gp",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_same_input_always_gives_the_same_plan(contact in contact_json(), answers in answers_json()) {
        let first = assessed(national(), &contact, &answers);
        let copy = national().clone();
        let second = assessed(&copy, &contact, &answers);
        prop_assert_eq!(first, second);
    }

    #[test]
    fn negating_every_condition_twice_changes_no_plan(contact in contact_json(), answers in answers_json()) {
        let plain = assessed(national(), &contact, &answers).map(|a| a.plan);
        let twice = assessed(double_negated(), &contact, &answers).map(|a| a.plan);
        prop_assert_eq!(plain, twice);
    }

    #[test]
    fn outcome_sets_behave_as_sets_of_outcomes(
        a in proptest::sample::subsequence(Outcome::ALL.to_vec(), 0..=Outcome::ALL.len()),
        b in proptest::sample::subsequence(Outcome::ALL.to_vec(), 0..=Outcome::ALL.len()),
    ) {
        use mecc::outcome::OutcomeSet;
        let model = |v: &[Outcome]| v.iter().map(|o| o.as_str()).collect::<std::collections::BTreeSet<_>>();
        let (ma, mb) = (model(&a), model(&b));
        let set = |v: &[Outcome]| v.iter().fold(OutcomeSet::EMPTY, |s, o| s.with(*o));
        let (sa, sb) = (set(&a), set(&b));
        let names = |s: OutcomeSet| s.iter().map(|o| o.as_str()).collect::<std::collections::BTreeSet<_>>();
        prop_assert_eq!(names(sa), ma.clone());
        prop_assert_eq!(a.iter().fold(sa, |s, o| s.with(*o)), sa, "adding again changes nothing");
        prop_assert_eq!(names(sa.union(sb)), ma.union(&mb).copied().collect());
        prop_assert_eq!(names(sa.intersection(sb)), ma.intersection(&mb).copied().collect());
        prop_assert_eq!(sa.intersects(sb), !ma.is_disjoint(&mb));
        prop_assert_eq!(sa.is_subset(sb), ma.is_subset(&mb));
        prop_assert_eq!(sa.is_empty(), ma.is_empty());
        let mut inserted = OutcomeSet::EMPTY;
        for o in &a {
            inserted.insert(*o);
            prop_assert!(inserted.contains(*o));
        }
        prop_assert_eq!(inserted, sa);
    }

    /// Every action has a stable id (CLINICAL-REFERENCE §6.1): its rule's id
    /// and place, unique in the plan, the same for the same input, and
    /// unchanged when another rule is added to the policy, even one that fires
    /// first for everyone.
    #[test]
    fn action_ids_are_stable_and_unique(contact in contact_json(), answers in answers_json()) {
        let Some(a) = assessed(national(), &contact, &answers) else { return Ok(()) };
        let mut seen = std::collections::BTreeSet::new();
        for action in &a.plan {
            prop_assert!(seen.insert(action.id.clone()), "{} twice", action.id);
            let expected_prefix = format!("{}#", action.reason.rule);
            prop_assert!(action.id.starts_with(&expected_prefix), "{}", action.id);
        }
        let again = assessed(national(), &contact, &answers).unwrap();
        prop_assert_eq!(ids(&again), ids(&a));
        let extended = assessed(with_a_rule_that_always_fires(), &contact, &answers).unwrap();
        let extended_ids: Vec<String> = ids(&extended)
            .into_iter()
            .filter(|id| !id.starts_with("local.always#"))
            .collect();
        prop_assert_eq!(extended_ids, ids(&a));
    }

    /// The readable plan a practitioner sees is in plain words: none of the
    /// Rust names of the vocabulary (`SafetyAlert`, `OptIn`,
    /// `Within24Hours`, ...) reaches it.
    #[test]
    fn the_readable_plan_uses_plain_words(contact in contact_json(), answers in answers_json()) {
        let Some(a) = assessed(national(), &contact, &answers) else { return Ok(()) };
        let shown = a.to_string();
        for name in ["SafetyAlert", "FollowUp", "OptIn", "OptOut", "Within24Hours", "VeryBrief",
            "PhysicalActivity", "FellBackToAnotherPathway", "NoLocalService", "NotAvailableNow",
            "PriorityGroupActiveReferral", "NoSelfReferral", "NeedsMoreTime", "Some(", "None"] {
            prop_assert!(!shown.contains(name), "{name} in {shown}");
        }
    }

    /// The outcome table is the one statement of what each outcome means
    /// (DESIGN: one contract): what the instruments actually give must agree
    /// with it. Every outcome found brings the outcomes it implies, at most
    /// one of each exclusive group holds, and each is given only at the ages,
    /// settings and pregnancy states the table declares.
    #[test]
    fn findings_agree_with_the_outcome_table(contact in contact_json(), answers in answers_json()) {
        let (Ok(contact), Ok(answers)) = (
            serde_json::from_value::<Contact>(contact),
            serde_json::from_value::<Answers>(answers),
        ) else {
            return Ok(());
        };
        let found = Findings::score(&answers, &contact).outcomes();
        let reading = PregnancyReading::of(&contact);
        let pregnancy_possible = !matches!(reading, PregnancyReading::NotPregnant);
        let mut groups = Vec::new();
        for o in found.iter() {
            prop_assert!(o.implies().is_subset(found), "{o:?} without what it implies in {found:?}");
            if let Some(g) = o.exclusive_group() {
                prop_assert!(!groups.contains(&g), "two outcomes of {g:?} in {found:?}");
                groups.push(g);
            }
            prop_assert!(
                o.can_occur(contact.age().years(), contact.setting(), contact.pregnant(), pregnancy_possible),
                "{o:?} found where the table says it cannot occur: {contact:?}"
            );
        }
    }

    #[test]
    fn every_outcome_that_calls_for_action_gets_an_action(contact in contact_json(), answers in answers_json()) {
        if let Some(a) = assessed(national(), &contact, &answers) {
            for outcome in a.outcomes.iter().filter(|o| o.calls_for_action()) {
                prop_assert!(
                    a.plan.iter().any(|x| x.reason.relied_on.contains(outcome)
                        && !matches!(x.kind, ActionKind::Record | ActionKind::Ask)),
                    "{:?} has no action in {:?}", outcome, a.plan
                );
            }
        }
    }

    #[test]
    fn a_pathway_marked_absent_is_never_a_target(
        contact in contact_json(),
        answers in answers_json(),
        absent in proptest::sample::subsequence(PATHWAYS.to_vec(), 0..=10),
    ) {
        let overlay: PolicyOverlay = serde_json::from_value(json!({
            "id": "local", "version": "1",
            "pathways": absent.iter().map(|id| json!({"id": id, "exists_locally": false})).collect::<Vec<_>>(),
        })).unwrap();
        let policy = Policy::compile(PolicyDocument::national_default().unwrap().with_overlay(&overlay).unwrap()).unwrap();
        if let Some(a) = assessed(&policy, &contact, &answers) {
            for action in &a.plan {
                if let Some(p) = &action.pathway {
                    prop_assert!(!absent.contains(&p.id.as_ref()), "{} is absent but targeted", p.id);
                }
            }
            // Needs are kept even when no service exists: every rule in the
            // full plan is still there, in some form (two referrals that fall
            // back to the same service merge, and a referral whose
            // superseding service is absent stays).
            let full = assessed(national(), &contact, &answers).unwrap();
            // `alcohol.specialist_now` asks whether the service can see them
            // now; when it is absent, the 24-hour rule fires instead.
            for need in full.plan.iter().filter(|n| &*n.reason.rule != "alcohol.specialist_now") {
                prop_assert!(
                    a.plan.iter().any(|x| x.reason.rule == need.reason.rule || x.reason.also_from.contains(&need.reason.rule)),
                    "{} dropped when {:?} are absent", need.reason.rule, absent
                );
            }
        }
    }

    #[test]
    fn a_shorter_time_never_removes_a_need(contact in contact_json(), answers in answers_json()) {
        let mut long = contact.clone();
        long["time_available"] = json!("extended");
        for shorter in ["brief", "very_brief"] {
            let mut short = contact.clone();
            short["time_available"] = json!(shorter);
            if let (Some(l), Some(s)) = (assessed(national(), &long, &answers), assessed(national(), &short, &answers)) {
                // What does not fit moves to a follow-up or a signpost
                // (CLINICAL-REFERENCE §6.3), so the same rules are there,
                // in some form; only the extended intervention is chosen by
                // the time itself, and a follow-up to arrange it replaces it.
                for need in l.plan.iter().filter(|n| &*n.reason.rule != "alcohol.audit_extended_brief_intervention") {
                    prop_assert!(
                        s.plan.iter().any(|x| x.reason.rule == need.reason.rule || x.reason.also_from.contains(&need.reason.rule)),
                        "{} dropped at {}", need.reason.rule, shorter
                    );
                }
            }
        }
    }

    #[test]
    fn assessments_round_trip_and_match_their_schema(contact in contact_json(), answers in answers_json()) {
        if let Some(a) = assessed(national(), &contact, &answers) {
            common::assert_json_contract(&a);
        }
    }

    #[test]
    fn arbitrary_policy_json_gives_a_policy_or_diagnostics(doc in arb_json()) {
        check_policy_text(&doc.to_string());
    }

    #[test]
    fn arbitrary_json_screenings_and_overlays_give_a_value_or_an_error(doc in arb_json()) {
        if let Ok(overlay) = serde_json::from_value::<PolicyOverlay>(doc.clone())
            && let Ok(d) = PolicyDocument::national_default().unwrap().with_overlay(&overlay)
        {
            check_policy_text(&serde_json::to_string(&d).unwrap());
        }
        if let Ok(screening) = serde_json::from_value::<mecc::Screening>(doc) {
            let _ = screening.run();
        }
    }

    #[test]
    fn mutated_national_policies_give_a_policy_or_diagnostics(
        drop_rules in proptest::collection::vec(0usize..40, 0..6),
        flags in proptest::collection::vec((0usize..10, any::<bool>(), any::<bool>()), 0..6),
        fallback in proptest::option::of((0usize..10, 0usize..10)),
    ) {
        let mut doc: Value = serde_json::from_str(mecc::policy::NATIONAL_DEFAULT_JSON).unwrap();
        let rules = doc["rules"].as_array_mut().unwrap();
        for i in drop_rules {
            if i < rules.len() { rules.remove(i); }
        }
        for (i, exists, now) in flags {
            doc["pathways"][i]["exists_locally"] = json!(exists);
            doc["pathways"][i]["available_now"] = json!(now);
        }
        if let Some((from, to)) = fallback {
            let target = doc["pathways"][to]["id"].clone();
            doc["pathways"][from]["fallback"] = target;
        }
        check_policy_text(&doc.to_string());
    }
}

fn check_policy_text(text: &str) {
    match Policy::from_json(text) {
        Ok(p) => assert!(!p.id().is_empty()),
        // A document of the wrong shape is refused where it goes wrong; one
        // of the right shape is checked as a whole.
        Err(e) if e.pointer().is_some() => assert!(!e.to_string().is_empty()),
        Err(e) => {
            assert!(!e.diagnostics().is_empty(), "{e}");
            for d in e.diagnostics() {
                assert!(!d.message.is_empty());
            }
            assert!(e.to_string().starts_with("the policy is not valid"));
        }
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-z_]{0,10}".prop_map(Value::from),
        pick(&[
            "pat_positive",
            "always",
            "gp",
            "referral",
            "opt_in",
            "now",
            "alcohol",
            "brief"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::btree_map(
                pick(&[
                    "id",
                    "version",
                    "based_on",
                    "pathways",
                    "rules",
                    "no_action",
                    "codes",
                    "when",
                    "actions",
                    "outcome",
                    "all",
                    "any",
                    "not",
                    "kind",
                    "value",
                    "text",
                    "pathway",
                    "source",
                    "topic",
                    "add_rules",
                    "replace_rules",
                    "remove_rules",
                    "exists_locally",
                    "contact",
                    "answers",
                    "overlay"
                ])
                .prop_map(String::from),
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

// An outcome always comes with certain others (a BMI category with
// `bmi_calculated`, for example), so a rule that also requires them still
// covers it.
#[test]
fn a_rule_may_rely_on_the_outcomes_an_outcome_always_comes_with() {
    for (outcome, with) in [
        (
            Outcome::PatPossibleDependence,
            &["pat_positive", "pat_daily_drinker"][..],
        ),
        (Outcome::PatDependenceNotKnown, &["pat_positive"]),
        (
            Outcome::AuditCHigherRisk,
            &["audit_incomplete", "audit_c_scored"],
        ),
        // Not an AUDIT zone with `audit_c_scored`: items 4–10 alone can settle
        // the zone while an AUDIT-C item is still unanswered.
        (Outcome::BmiOverweight, &["bmi_calculated"]),
        (Outcome::ActivityInactive, &["activity_index_calculated"]),
    ] {
        let when = json!({"kind": "all", "value": [{"kind": "outcome", "value": outcome}, {"kind": "all", "value": with.iter().map(|o| json!({"kind": "outcome", "value": o})).collect::<Vec<_>>()}]});
        let doc = one_rule_policy_acting_on(&when, Some(outcome));
        assert_eq!(Policy::check(&doc), Vec::new(), "{outcome:?} with {with:?}");
        // Requiring anything more leaves the outcome uncovered.
        let stricter =
            json!({"kind": "all", "value": [when, {"kind": "outcome", "value": "current_vaper"}]});
        let codes: Vec<_> = Policy::check(&one_rule_policy_acting_on(&stricter, Some(outcome)))
            .into_iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(
            codes,
            [mecc::policy::DiagnosticCode::UncoveredOutcome],
            "{outcome:?}"
        );
    }
}

// Coverage asks for an action only at the ages an instrument gives the
// outcome: adult BMI from 18 (§3.1), GPPAQ 16 to 74 and the adult weekly
// bands from 19 (§4.1, §4.2; from 5 to 18 the weekly minutes give the
// children and young people's bands instead, §8.4). A rule covering exactly
// those ages is complete; one that misses the first or last of them is not.
#[test]
fn coverage_asks_for_an_action_at_exactly_the_ages_an_outcome_is_given() {
    use mecc::instruments::{activity, bmi};
    let uncovered = |outcome: Outcome, from: u32, below: u32| {
        let when = json!({"kind": "all", "value": [{"kind": "outcome", "value": outcome}, {"kind": "age_at_least", "value": from}, {"kind": "age_below", "value": below}]});
        Policy::check(&one_rule_policy_acting_on(&when, Some(outcome)))
            .into_iter()
            .map(|d| d.code)
            .collect::<Vec<_>>()
    };
    let gap = [mecc::policy::DiagnosticCode::UncoveredOutcome];
    for (outcome, first, last) in [
        (Outcome::BmiOverweight, bmi::ADULT_FROM_AGE_YEARS, 120),
        (
            Outcome::ActivityInactive,
            activity::GPPAQ_MIN_AGE,
            activity::GPPAQ_MAX_AGE,
        ),
        (
            Outcome::WeeklyInactive,
            activity::ADULT_GUIDELINE_MIN_AGE,
            120,
        ),
    ] {
        assert_eq!(uncovered(outcome, first, last + 1), [], "{outcome:?}");
        assert_eq!(uncovered(outcome, first + 1, last + 1), gap, "{outcome:?}");
        assert_eq!(uncovered(outcome, first, last), gap, "{outcome:?}");
    }
    // The children and young people's bands end at 18 (§8.4).
    let (outcome, first, last) = (
        Outcome::CypLessActive,
        activity::CYP_GUIDELINE_MIN_AGE,
        activity::CYP_GUIDELINE_MAX_AGE,
    );
    assert_eq!(uncovered(outcome, first, last + 1), [], "{outcome:?}");
    assert_eq!(uncovered(outcome, first, last), gap, "{outcome:?}");
}

// Adult BMI categories are not given in pregnancy (§3.1), so a weight rule
// need not act then; every other outcome still needs an action.
#[test]
fn coverage_does_not_expect_weight_outcomes_in_pregnancy() {
    let codes = |outcome: Outcome, pregnant: Value| {
        let when = json!({"kind": "all", "value": [{"kind": "outcome", "value": outcome}, {"kind": "pregnant", "value": pregnant}]});
        Policy::check(&one_rule_policy_acting_on(&when, Some(outcome)))
            .into_iter()
            .map(|d| d.code)
            .collect::<Vec<_>>()
    };
    let gap = [mecc::policy::DiagnosticCode::UncoveredOutcome];
    assert_eq!(
        codes(Outcome::BmiOverweight, json!(["no", "not_known"])),
        []
    );
    assert_eq!(codes(Outcome::WhtrHigh, json!(["no", "not_known"])), []);
    assert_eq!(codes(Outcome::BmiOverweight, json!(["yes"])), gap);
    assert_eq!(codes(Outcome::BmiOverweight, json!(["no"])), gap);
    assert_eq!(
        codes(Outcome::CurrentSmoker, json!(["no", "not_known"])),
        gap
    );
}

#[test]
fn every_outcome_has_a_unique_name() {
    let names: std::collections::BTreeSet<_> = Outcome::ALL.iter().map(|o| o.as_str()).collect();
    assert_eq!(names.len(), Outcome::ALL.len());
    for o in Outcome::ALL {
        assert_eq!(serde_json::to_value(o).unwrap(), json!(o.as_str()));
    }
}

#[test]
fn a_compiled_policy_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Policy>();
    let policy = std::sync::Arc::new(Policy::national_default().unwrap());
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let p = policy.clone();
            std::thread::spawn(move || p.rules_len())
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap() > 30);
    }
}

// ------------------------------------------------ never_holds is sound

const CONDITION_OUTCOMES: [&str; 7] = [
    "pat_positive",
    "pat_negative",
    "pat_daily_drinker",
    "bmi_overweight",
    "bmi_underweight",
    "current_smoker",
    "never_smoked",
];

fn arb_condition() -> impl Strategy<Value = Value> {
    let answers = || proptest::sample::subsequence(vec!["yes", "no", "not_known"], 0..=3);
    let leaf = prop_oneof![
        Just(json!({"kind": "always"})),
        pick(&CONDITION_OUTCOMES).prop_map(|o| json!({"kind": "outcome", "value": o})),
        proptest::sample::subsequence(CONDITION_OUTCOMES.to_vec(), 0..=3)
            .prop_map(|v| json!({"kind": "any_outcome", "value": v})),
        proptest::sample::subsequence(
            vec!["emergency_department", "general_practice", "maternity"],
            0..=3
        )
        .prop_map(|v| json!({"kind": "setting", "value": v})),
        answers().prop_map(|v| json!({"kind": "pregnant", "value": v})),
        answers().prop_map(|v| json!({"kind": "hypertension", "value": v})),
        proptest::sample::subsequence(vec!["male", "female", "not_known"], 0..=3)
            .prop_map(|v| json!({"kind": "sex", "value": v})),
        pick(&[0u8, 16, 18, 65, 120, 121, 255])
            .prop_map(|a| json!({"kind": "age_at_least", "value": a})),
        pick(&[0u8, 16, 18, 65, 120, 121]).prop_map(|a| json!({"kind": "age_below", "value": a})),
        pick(&["gp", "absent"]).prop_map(|p| json!({"kind": "pathway_exists", "value": p})),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|v| json!({"kind": "all", "value": v})),
            proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|v| json!({"kind": "any", "value": v})),
            inner.prop_map(|c| json!({"kind": "not", "value": c})),
        ]
    })
}

/// A policy whose one rule fires when `when` holds, acting on no outcome.
fn one_rule_policy(when: &Value) -> PolicyDocument {
    one_rule_policy_acting_on(when, None)
}

/// A policy whose one rule fires when `when` holds; every outcome but `acting`
/// is excused from needing an action.
fn one_rule_policy_acting_on(when: &Value, acting: Option<Outcome>) -> PolicyDocument {
    let no_action: Vec<Value> = Outcome::ALL
        .iter()
        .filter(|o| o.calls_for_action() && Some(**o) != acting)
        .map(|o| json!({"outcome": o, "reason": "not under test"}))
        .collect();
    let pathway = |id: &str, exists: bool| {
        json!({"id": id, "name": id, "exists_locally": exists, "self_referral": true,
               "available_now": true, "mode": "opt_in", "fallback": null})
    };
    serde_json::from_value(json!({
        "id": "test", "version": "1", "based_on": null,
        "pathways": [pathway("gp", true), pathway("absent", false)],
        "rules": [{"id": "r", "source": "test", "topic": "general", "when": when,
                   "actions": [{"kind": "advice", "intensity": "very_brief", "text": "fired", "person_text": "fired",
                                "pathway": null, "mode": null, "urgency": null, "concept": null}]}],
        "no_action": no_action, "codes": [],
        "safety_overrides": mecc::policy::PROTECTED_RULES.iter()
            .map(|id| json!({"rule_id": id, "reason": "not under test", "approved_by": "test"}))
            .collect::<Vec<_>>()
    }))
    .unwrap()
}

/// Every combination of the facts the generated conditions read, including
/// each side of every age they test.
fn every_case() -> &'static [(mecc::outcome::OutcomeSet, Contact)] {
    use mecc::context::*;
    use mecc::outcome::OutcomeSet;
    static CASES: std::sync::OnceLock<Vec<(OutcomeSet, Contact)>> = std::sync::OnceLock::new();
    CASES.get_or_init(|| {
        let mut sets = Vec::new();
        for pat in [None, Some(Outcome::PatPositive), Some(Outcome::PatNegative)] {
            for daily in [None, Some(Outcome::PatDailyDrinker)] {
                for bmi in [
                    None,
                    Some(Outcome::BmiOverweight),
                    Some(Outcome::BmiUnderweight),
                ] {
                    for smoking in [
                        None,
                        Some(Outcome::CurrentSmoker),
                        Some(Outcome::NeverSmoked),
                    ] {
                        sets.push([pat, daily, bmi, smoking].into_iter().flatten().collect());
                    }
                }
            }
        }
        let answers = [
            YesNoNotKnown::Yes,
            YesNoNotKnown::No,
            YesNoNotKnown::NotKnown,
        ];
        let mut cases = Vec::new();
        for setting in [
            Setting::EmergencyDepartment,
            Setting::GeneralPractice,
            Setting::Maternity,
            Setting::Dental,
        ] {
            for sex in [Sex::Male, Sex::Female, Sex::NotKnown] {
                for pregnant in Pregnancy::ALL {
                    for age in [0, 15, 16, 17, 18, 64, 65, 119, 120] {
                        for hypertension in answers {
                            let fields = ContactFields {
                                age: Age::new(age).unwrap(),
                                age_in_months: None,
                                age_confirmed: false,
                                sex,
                                pregnant,
                                family_background: Some(FamilyBackground::White),
                                setting,
                                time_available: TimeAvailable::Brief,
                                presenting_condition: None,
                                intoxicated: Some(YesNoNotKnown::No),
                                priority_groups: Some(PriorityGroups::NONE),
                                comorbidities: Some(Comorbidities {
                                    hypertension,
                                    ..Comorbidities::NONE
                                }),
                            };
                            if let Ok(contact) = Contact::new(fields) {
                                for s in &sets {
                                    cases.push((*s, contact));
                                }
                            }
                        }
                    }
                }
            }
        }
        cases
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A condition reported as never holding must not hold for any person: a
    /// false report would make a valid local rule impossible to write.
    #[test]
    fn a_condition_reported_as_never_holding_never_holds(when in arb_condition()) {
        let reported = Policy::check(&one_rule_policy(&when))
            .iter()
            .any(|d| d.code == mecc::policy::DiagnosticCode::ConditionNeverHolds);
        if reported {
            // `not` of it compiles, and must hold for everyone.
            let negated = Policy::compile(one_rule_policy(&json!({"kind": "not", "value": when}))).unwrap();
            for (outcomes, contact) in every_case() {
                prop_assert!(
                    !negated.plan(*outcomes, contact).is_empty(),
                    "{} is reported as never holding, but holds for {:?} with {:?}",
                    when, contact, outcomes
                );
            }
        }
    }
}
