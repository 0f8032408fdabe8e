//! Hazard H17: arbitrary JSON fed to every public deserializer, and arbitrary
//! answers fed to `assess`, never panic; every refusal is a typed error with a
//! message a person can read.
use mecc::context::{Comorbidities, Contact, ContactFields, PriorityGroups};
use mecc::instruments::{activity, audit, bmi, fast, pat, smoking};
use mecc::policy::{Policy, PolicyDocument, PolicyOverlay};
use mecc::{Answers, Assessment, Error, Findings, Screening, assess};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// JSON values shaped like the crate's documents often enough to reach deep
/// into them: keys and strings come from the crate's own vocabulary.
fn arb_json() -> impl Strategy<Value = Value> {
    const WORDS: &[&str] = &[
        "answered",
        "kind",
        "value",
        "not_asked",
        "not_known",
        "yes",
        "no",
        "never",
        "every_day",
        "units",
        "drinks",
        "drink",
        "count",
        "cm",
        "mm",
        "kg",
        "g",
        "feet_and_inches",
        "stones_and_pounds",
        "score",
        "band",
        "pat",
        "audit",
        "audit_c",
        "fast",
        "smoking",
        "bmi",
        "activity",
        "contact",
        "answers",
        "overlay",
        "status",
        "current_smoker",
        "ex_smoker",
        "quit",
        "days",
        "products",
        "hand_rolled",
        "height",
        "weight",
        "waist",
        "gppaq",
        "weekly",
        "age",
        "sex",
        "male",
        "female",
        "setting",
        "maternity",
        "emergency_department",
        "id",
        "version",
        "pathways",
        "rules",
        "when",
        "actions",
        "outcome",
        "all",
        "any",
        "not",
        "kind",
        "referral",
    ];
    let word = proptest::sample::select(WORDS).prop_map(String::from);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-5i64..300).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        proptest::num::f64::ANY
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        word.clone().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::btree_map(word.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn never_panics<T: DeserializeOwned>(v: &Value) {
    if let Err(e) = serde_json::from_value::<T>(v.clone()) {
        assert!(!e.to_string().is_empty());
    }
}

fn contact() -> Contact {
    Contact::new(ContactFields {
        age: mecc::context::Age::new(40).unwrap(),
        age_in_months: None,
        age_confirmed: false,
        sex: mecc::context::Sex::NotKnown,
        pregnant: mecc::context::Pregnancy::NotKnown,
        family_background: Some(mecc::context::FamilyBackground::NotStated),
        setting: mecc::context::Setting::GeneralPractice,
        time_available: mecc::context::TimeAvailable::Brief,
        presenting_condition: None,
        intoxicated: Some(mecc::context::YesNoNotKnown::NotKnown),
        priority_groups: Some(PriorityGroups::NONE),
        comorbidities: Some(Comorbidities::NOT_KNOWN),
    })
    .unwrap()
}

fn policy() -> &'static Policy {
    static P: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    P.get_or_init(|| Policy::national_default().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_public_deserializer_survives_arbitrary_json(v in arb_json()) {
        never_panics::<Screening>(&v);
        never_panics::<Answers>(&v);
        never_panics::<Findings>(&v);
        never_panics::<Assessment>(&v);
        never_panics::<Contact>(&v);
        never_panics::<pat::Answers>(&v);
        never_panics::<pat::MostInOneDay>(&v);
        never_panics::<audit::Answers>(&v);
        never_panics::<audit::AuditCAnswers>(&v);
        never_panics::<fast::Answers>(&v);
        never_panics::<smoking::Answers>(&v);
        never_panics::<bmi::Answers>(&v);
        never_panics::<activity::Answers>(&v);
        never_panics::<PolicyDocument>(&v);
        never_panics::<PolicyOverlay>(&v);
    }

    #[test]
    fn screening_documents_that_parse_run_or_give_a_typed_error(v in arb_json()) {
        let doc = json!({"contact": serde_json::to_value(contact()).unwrap(), "answers": v, "overlay": null});
        if let Ok(s) = serde_json::from_value::<Screening>(doc) {
            match s.run() {
                Ok(a) => prop_assert!(a.plan.len() < 100),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }

    #[test]
    fn overlays_that_parse_compile_or_give_diagnostics(v in arb_json()) {
        if let Ok(overlay) = serde_json::from_value::<PolicyOverlay>(v) {
            let result = PolicyDocument::national_default().unwrap().with_overlay(&overlay).and_then(Policy::compile);
            if let Err(e) = result {
                let is_policy_error = matches!(e, Error::Policy { .. });
                prop_assert!(is_policy_error);
                prop_assert!(!e.diagnostics().is_empty());
                prop_assert!(e.diagnostics().iter().all(|d| !d.message.is_empty()));
            }
        }
    }

    #[test]
    fn arbitrary_typed_answers_assess_or_give_a_typed_error(
        units in proptest::num::f64::ANY,
        cigarettes in any::<u32>(),
        years in any::<u32>(),
        cm in proptest::num::f64::ANY,
        kg in proptest::num::f64::ANY,
        moderate in any::<u32>(),
        vigorous in any::<u32>(),
        age in any::<u32>(),
    ) {
        // Constructors refuse what they must; whatever they accept is assessed.
        let mut answers = Answers::NONE;
        if let Ok(most) = pat::MostInOneDay::from_units(units) {
            let fields = pat::AnswersFields {
                drinks_alcohol: mecc::instruments::Reply::Answered(true),
                most_in_one_day: mecc::instruments::Reply::Answered(most),
                ..pat::AnswersFields::NOT_STARTED
            };
            answers.pat = pat::Answers::new(fields).ok();
        }
        if let (Ok(h), Ok(w)) = (mecc::units::Height::from_cm(cm), mecc::units::Weight::from_kg(kg)) {
            answers.bmi = Some(bmi::Answers::new(h, w, mecc::instruments::Reply::NotAsked));
        }
        if let (Ok(c), Ok(y)) = (smoking::CigarettesPerDay::new(cigarettes), smoking::YearsSmoked::new(years)) {
            let current = smoking::CurrentSmoking::new(smoking::CurrentSmokingFields {
                products: smoking::Products::single(smoking::Product::ManufacturedCigarettes),
                cigarettes_per_day: mecc::instruments::Reply::Answered(c),
                minutes_to_first_cigarette: mecc::instruments::Reply::NotAsked,
                years_smoked: mecc::instruments::Reply::Answered(y),
            });
            if let Ok(current) = current {
                answers.smoking = Some(smoking::Answers {
                    status: smoking::SmokingStatus::CurrentSmoker(current),
                    vaping: mecc::instruments::Reply::NotAsked,
                    co_ppm: mecc::instruments::Reply::NotAsked,
                });
            }
        }
        if let Ok(w) = activity::WeeklyActivity::try_new(moderate, vigorous, mecc::instruments::Reply::NotAsked) {
            answers.activity = Some(activity::Answers { gppaq: mecc::instruments::Reply::NotAsked, weekly: mecc::instruments::Reply::Answered(w) });
        }
        let mut fields = contact().fields();
        if let Ok(a) = mecc::context::Age::new(age) {
            fields.age = a;
        }
        let contact = Contact::new(fields).unwrap();
        match assess(&contact, &answers, policy()) {
            Ok(a) => prop_assert_eq!(a.contact, contact),
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                prop_assert!(!e.field().is_empty());
            }
        }
    }
}

#[test]
fn deeply_nested_json_is_refused_not_a_crash() {
    let mut text = String::new();
    for _ in 0..100_000 {
        text.push_str(r#"{"kind":"not","value":"#);
    }
    text.push_str(r#"{"kind": "always"}"#);
    for _ in 0..100_000 {
        text.push('}');
    }
    let err = Policy::from_json(&format!(
        r#"{{"id":"x","version":"1","based_on":null,"pathways":[],"rules":[{{"id":"r","source":"s","topic":"general","when":{text},"actions":[]}}],"no_action":[],"codes":[],"safety_overrides":[]}}"#
    ))
    .unwrap_err();
    assert!(!err.diagnostics().is_empty());
}

/// Inputs the fuzzers found, kept as regression tests. Both are findings whose
/// unrounded BMI, once held as a float, did not read back from JSON to the same
/// bits; the finding now keeps the exact measurements as whole numbers, so it
/// reads back exactly with any JSON parser.
#[test]
fn fuzz_regressions_round_trip() {
    let answers: bmi::Answers = serde_json::from_str(include_str!(
        "../fuzz/regressions/answers_json/bmi_unrounded_float_round_trip.json"
    ))
    .unwrap();
    let finding = bmi::score(&answers, &contact());
    let text = serde_json::to_string(&finding).unwrap();
    assert_eq!(
        serde_json::from_str::<bmi::Finding>(&text).unwrap(),
        finding,
        "{text}"
    );

    let screening: Screening = serde_json::from_str(include_str!(
        "../fuzz/regressions/screen_document/bmi_unrounded_float_round_trip.json"
    ))
    .unwrap();
    let assessment = screening.run().unwrap();
    let text = serde_json::to_string(&assessment).unwrap();
    assert_eq!(
        serde_json::from_str::<Assessment>(&text).unwrap(),
        assessment
    );
}
