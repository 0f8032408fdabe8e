//! The Paddington Alcohol Test, PAT (2009): thresholds, routing, drinks, errors,
//! golden vectors and properties (CLINICAL-REFERENCE §1).
mod common;

use common::arb::*;
use mecc::Error;
use mecc::context::*;
use mecc::instruments::Reply;
use mecc::instruments::pat::{self, *};
use mecc::units::{ALCOHOL_UNITS, AlcoholUnits};
use proptest::prelude::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------- allocation counter

// ---------------------------------------------------------------- helpers

fn base_contact_json() -> Value {
    common::fixtures::with(json!({
        "age": 40, "setting": "emergency_department", "time_available": "very_brief",
        "presenting_condition": "fall"
    }))
}

fn contact_with(overrides: &Value) -> Contact {
    let mut base = base_contact_json();
    if let Value::Object(o) = overrides {
        for (k, v) in o {
            base[k] = v.clone();
        }
    }
    serde_json::from_value(base).unwrap()
}

fn ed_contact(sex: Sex) -> Contact {
    contact_with(&json!({ "sex": sex }))
}

fn units(u: f64) -> Reply<MostInOneDay> {
    Reply::Answered(MostInOneDay::from_units(u).unwrap())
}

fn answers(
    q1: Reply<bool>,
    q2: Reply<MostInOneDay>,
    q3: Reply<Frequency>,
    q4: Reply<bool>,
    q5: Reply<bool>,
) -> Answers {
    Answers::new(AnswersFields {
        drinks_alcohol: q1,
        most_in_one_day: q2,
        frequency: q3,
        attendance_related: q4,
        willing_to_see_specialist: q5,
    })
    .unwrap()
}

const YES: Reply<bool> = Reply::Answered(true);
const NO: Reply<bool> = Reply::Answered(false);
const NA_B: Reply<bool> = Reply::NotAsked;
const DAILY: Reply<Frequency> = Reply::Answered(Frequency::EveryDay);
const RARELY: Reply<Frequency> = Reply::Answered(Frequency::LessThanWeekly);

// ---------------------------------------------------------------- provenance and constants

#[test]
fn provenance_names_the_2009_paper_and_version() {
    assert!(pat::SOURCE.citation.contains("Touquet R, Brown A"));
    assert!(
        pat::SOURCE
            .citation
            .contains("Alcohol and Alcoholism 2009;44(3):284–286")
    );
    assert_eq!(pat::VERSION, "PAT 2009");
    assert_eq!(pat::MIN_AGE_YEARS, 16);
    let finding = score(&Answers::NOT_STARTED, &ed_contact(Sex::Male));
    assert_eq!(finding.source.source(), pat::SOURCE);
    let json = serde_json::to_value(finding).unwrap();
    assert_eq!(json["source"]["citation"], pat::SOURCE.citation);
}

// CLINICAL-REFERENCE §1.3: more than 8 units (men) / 6 units (women); not_known uses 6.
#[test]
fn thresholds_are_8_and_6_units_section_1_3() {
    assert_eq!(THRESHOLD_MALE_CENTI_UNITS, 800);
    assert_eq!(THRESHOLD_FEMALE_CENTI_UNITS, 600);
    assert_eq!(threshold_for(Sex::Male).centi_units(), 800);
    assert_eq!(threshold_for(Sex::Female).centi_units(), 600);
    assert_eq!(threshold_for(Sex::NotKnown).centi_units(), 600);
}

// CLINICAL-REFERENCE §1.3: 8 and 6 themselves are negative.
#[test]
fn threshold_boundaries_by_sex_section_1_3() {
    let cases = [
        (Sex::Male, 7.99, false),
        (Sex::Male, 8.0, false),
        (Sex::Male, 8.01, true),
        (Sex::Female, 5.99, false),
        (Sex::Female, 6.0, false),
        (Sex::Female, 6.01, true),
        (Sex::NotKnown, 5.99, false),
        (Sex::NotKnown, 6.0, false),
        (Sex::NotKnown, 6.01, true),
    ];
    for (sex, u, positive) in cases {
        let a = answers(YES, units(u), RARELY, NO, NA_B);
        let f = score(&a, &ed_contact(sex));
        let expected = if positive {
            PatResult::Positive
        } else {
            PatResult::Negative
        };
        assert_eq!(f.result, expected, "{sex:?} at {u} units");
        assert_eq!(f.sex_assumed, sex == Sex::NotKnown);
        assert_eq!(f.reasons.consumption_above_threshold().is_some(), positive);
    }
}

#[test]
fn consumption_reason_records_units_and_threshold() {
    let a = answers(YES, units(8.5), RARELY, YES, NA_B);
    let f = score(&a, &ed_contact(Sex::Male));
    let c = f.reasons.consumption_above_threshold().unwrap();
    assert_eq!(c.units.centi_units(), 850);
    assert_eq!(c.threshold, f.threshold);
    assert!(f.reasons.attendance_related());
    assert_eq!(f.reasons.len(), 2);
    assert_eq!(
        serde_json::to_value(f.reasons).unwrap(),
        json!([{"kind": "consumption_above_threshold", "value": {"units": 8.5, "threshold": 8.0}}, {"kind": "attendance_related"}])
    );
}

// CLINICAL-REFERENCE §1.3: a positive on consumption alone does not claim the
// attendance was alcohol-related.
#[test]
fn consumption_alone_does_not_report_an_alcohol_related_attendance() {
    let a = answers(YES, units(8.5), RARELY, NO, NA_B);
    let f = score(&a, &ed_contact(Sex::Male));
    assert!(f.result.is_positive());
    assert!(f.reasons.consumption_above_threshold().is_some());
    assert!(!f.reasons.attendance_related());
    assert_eq!(f.reasons.len(), 1);
}

#[test]
fn answers_report_which_of_the_five_questions_are_answered() {
    let only = |q: Question| {
        let pick = |x: Question| x == q;
        answers(
            if pick(Question::DrinksAlcohol) {
                YES
            } else {
                NA_B
            },
            if pick(Question::MostInOneDay) {
                units(3.0)
            } else {
                Reply::NotAsked
            },
            if pick(Question::Frequency) {
                RARELY
            } else {
                Reply::NotAsked
            },
            if pick(Question::AttendanceRelated) {
                NO
            } else {
                NA_B
            },
            if pick(Question::WillingToSeeSpecialist) {
                YES
            } else {
                NA_B
            },
        )
    };
    for asked in Question::ALL {
        let a = only(asked);
        for q in Question::ALL {
            assert_eq!(a.is_answered(q), q == asked, "{asked:?} answered, {q:?}");
        }
    }
}

// ------------------------------------------------ drinks (CLINICAL-REFERENCE §1.6)

// CLINICAL-REFERENCE §1.6: the PAT (2009) form's guide values.
#[test]
fn every_guide_drink_has_the_form_value_section_1_6() {
    let expected = [
        (Drink::PintOrdinaryStrength, 2.0),
        (Drink::CanOrdinaryStrength, 1.5),
        (Drink::LitreBottleOrdinaryStrength, 4.5),
        (Drink::PintStrong, 5.0),
        (Drink::CanStrong, 4.0),
        (Drink::LitreBottleStrong, 10.0),
        (Drink::GlassOfWine, 1.5),
        (Drink::BottleOfWine, 9.0),
        (Drink::GlassOfFortifiedWine, 1.0),
        (Drink::BottleOfFortifiedWine, 12.0),
        (Drink::Alcopop, 1.5),
        (Drink::SingleMeasureOfSpirits, 1.0),
        (Drink::BottleOfSpirits, 30.0),
    ];
    assert_eq!(Drink::GUIDE.len(), expected.len());
    for ((drink, u), listed) in expected.into_iter().zip(Drink::GUIDE) {
        assert_eq!(drink, listed);
        assert_eq!(drink.units().units(), u, "{drink:?}");
        assert_eq!(f64::from(drink.centi_units()) / 100.0, u);
        // The description says what the form's name says, in words.
        let name = serde_json::to_value(drink).unwrap();
        for word in name["kind"].as_str().unwrap().split('_') {
            assert!(
                drink.description().contains(word),
                "{drink:?}: {}",
                drink.description()
            );
        }
    }
    let descriptions: std::collections::BTreeSet<_> =
        Drink::GUIDE.iter().map(|d| d.description()).collect();
    assert_eq!(
        descriptions.len(),
        Drink::GUIDE.len(),
        "descriptions differ"
    );
    assert_eq!(
        serde_json::to_string(&Drink::PintOrdinaryStrength).unwrap(),
        r#"{"kind":"pint_ordinary_strength"}"#
    );
}

// CLINICAL-REFERENCE §1.6: units = volume_ml × ABV% / 1000.
#[test]
fn custom_drink_units_section_1_6() {
    let d = CustomDrink::new(500.0, 5.2).unwrap();
    assert_eq!(d.units().centi_units(), 260);
    assert_eq!(d.volume_ml(), 500.0);
    assert_eq!(d.abv_percent(), 5.2);
    let j = serde_json::to_value(Drink::Custom(d)).unwrap();
    assert_eq!(
        j,
        json!({"kind": "custom", "value": {"volume_ml": 500.0, "abv_percent": 5.2}})
    );
    // Kept to a tenth of a ml and a hundredth of a percent.
    let fine = CustomDrink::new(568.26, 4.125).unwrap();
    assert_eq!(fine.volume_ml(), 568.3);
    assert_eq!(fine.abv_percent(), 4.13);
    common::assert_json_contract(&Drink::Custom(fine));
    // Alcohol-free drinks are drinks too.
    assert_eq!(
        CustomDrink::new(330.0, 0.0).unwrap().units(),
        AlcoholUnits::ZERO
    );
}

#[test]
fn total_units_adds_counts() {
    let list = [
        DrinkCount::new(Drink::PintStrong, 2).unwrap(),
        DrinkCount::new(Drink::Custom(CustomDrink::new(25.0, 40.0).unwrap()), 3).unwrap(),
    ];
    assert_eq!(total_units(&list).unwrap().centi_units(), 1300);
    assert_eq!(total_units(&[]).unwrap(), AlcoholUnits::ZERO);
    let ten_bottles = [DrinkCount::new(Drink::BottleOfSpirits, 10).unwrap()];
    assert_eq!(
        total_units(&ten_bottles).unwrap().units(),
        ALCOHOL_UNITS.max()
    );
}

// CLINICAL-REFERENCE §1.3, §1.6: a tally is added exactly and rounded once, so
// rounding each drink first cannot pull a total above the cut-off down onto it.
#[test]
fn drinks_are_added_before_rounding_section_1_3() {
    // 440 ml at 4.55% is 2.002 units, kept for display as 2.00.
    let can = Drink::Custom(CustomDrink::new(440.0, 4.55).unwrap());
    assert_eq!(can.units().centi_units(), 200);
    // Four are 8.008 units: more than 8, so positive for a man.
    let four = [DrinkCount::new(can, 4).unwrap()];
    assert_eq!(four[0].centi_units(), 801);
    assert_eq!(total_units(&four).unwrap().centi_units(), 801);
    let a = answers(
        YES,
        Reply::Answered(MostInOneDay::from_drinks(&four).unwrap()),
        RARELY,
        NO,
        NA_B,
    );
    assert_eq!(
        score(&a, &ed_contact(Sex::Male)).result,
        PatResult::Positive
    );
    // Three are 6.006 units: more than 6, so positive for a woman; and the same
    // three listed one by one add up the same.
    let three_apart = [DrinkCount::new(can, 1).unwrap(); 3];
    assert_eq!(total_units(&three_apart).unwrap().centi_units(), 601);
    let a = answers(
        YES,
        Reply::Answered(MostInOneDay::from_drinks(&three_apart).unwrap()),
        RARELY,
        NO,
        NA_B,
    );
    assert_eq!(
        score(&a, &ed_contact(Sex::Female)).result,
        PatResult::Positive
    );
    // Exact halves of a hundredth round up, as a single amount does.
    let half = CustomDrink::new(125.0, 1.0).unwrap(); // 0.125 units
    assert_eq!(half.units().centi_units(), 13);
    assert_eq!(
        total_units(&[DrinkCount::new(Drink::Custom(half), 2).unwrap()])
            .unwrap()
            .centi_units(),
        25
    );
}

#[test]
fn drink_count_bounds() {
    assert!(DrinkCount::new(Drink::GlassOfWine, 1).is_ok());
    assert_eq!(
        DrinkCount::new(Drink::GlassOfWine, 100).unwrap().count(),
        100
    );
    assert!(DrinkCount::new(Drink::GlassOfWine, 101).is_err());
    assert_eq!(DRINK_COUNT.min(), 1.0);
    assert_eq!(DRINK_COUNT.max(), 100.0);
}

// ------------------------------------------------ errors, one exact message per variant

#[test]
fn out_of_range_count_message() {
    let err = DrinkCount::new(Drink::GlassOfWine, 0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "count is 0: expected a whole number of drinks from 1 to 100 \
         (leave out drinks that were not drunk)"
    );
    assert!(err.is_out_of_range());
    assert_eq!(err.field(), "count");
    let err = DrinkCount::new(Drink::GlassOfWine, 101).unwrap_err();
    assert_eq!(
        err.to_string(),
        "count is 101: expected a whole number of drinks from 1 to 100"
    );
}

#[test]
fn out_of_range_times_per_week_messages() {
    let err = TimesPerWeek::new(7).unwrap_err();
    assert_eq!(
        err.to_string(),
        "times_per_week is 7: expected from 1 to 6 times a week \
         (7 times a week is every day: use every_day)"
    );
    let err = Frequency::times_per_week(0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "times_per_week is 0: expected from 1 to 6 times a week \
         (for less than once a week use less_than_weekly)"
    );
    let err = TimesPerWeek::new(14).unwrap_err();
    assert_eq!(
        err.to_string(),
        "times_per_week is 14: expected from 1 to 6 times a week \
         (count the days a week with a drink, not the drinks; for every day use every_day)"
    );
    for n in 1..=6 {
        assert_eq!(TimesPerWeek::new(n).unwrap().get(), n);
    }
}

#[test]
fn out_of_range_total_units_message() {
    let list = [
        DrinkCount::new(Drink::BottleOfSpirits, 10).unwrap(),
        DrinkCount::new(Drink::GlassOfWine, 1).unwrap(),
    ];
    let err = total_units(&list).unwrap_err();
    assert_eq!(
        err.to_string(),
        "drinks is 301.5 units: expected from 0 to 300 UK units \
         (the drinks add up to more than anyone could drink in one day: check the counts)"
    );
    let huge = [DrinkCount::new(Drink::BottleOfSpirits, 100).unwrap(); 64];
    assert_eq!(total_units(&huge).unwrap_err().field(), "drinks");
}

#[test]
fn out_of_range_and_not_finite_units_messages() {
    let err = MostInOneDay::from_units(300.5).unwrap_err();
    assert_eq!(
        err.to_string(),
        "units is 300.5: expected from 0 to 300 UK units"
    );
    let err = MostInOneDay::from_units(-1.0).unwrap_err();
    assert_eq!(err.field(), "units");
    let err = MostInOneDay::from_units(f64::NAN).unwrap_err();
    assert_eq!(
        err.to_string(),
        "units is NaN, which is not a finite number: expected from 0 to 300 UK units"
    );
    assert!(matches!(err, Error::NotFinite { field: "units", .. }));
}

#[test]
fn custom_drink_errors_name_their_field() {
    let err = CustomDrink::new(25.0, 140.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "abv_percent is 140: expected a strength from 0 to 100 % ABV"
    );
    let err = CustomDrink::new(f64::INFINITY, 5.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "volume_ml is inf, which is not a finite number: expected a volume from 0 to 10000 ml"
    );
    let err = CustomDrink::new(-5.0, 5.0).unwrap_err();
    assert_eq!(err.field(), "volume_ml");
    // Ten litres of pure alcohol is a thousand units: one drink too many.
    let err = CustomDrink::new(10_000.0, 100.0).unwrap_err();
    assert_eq!(err.field(), "units");
    assert_eq!(
        err.to_string(),
        "units is 1000: expected from 0 to 300 UK units"
    );
}

#[test]
fn invalid_empty_drinks_message() {
    let err = MostInOneDay::from_drinks(&[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "drinks is an empty list: expected at least one drink; for none give {\"kind\": \"units\", \"value\": 0}, \
         or leave most_in_one_day not_asked"
    );
    assert!(matches!(
        err,
        Error::Invalid {
            field: "drinks",
            ..
        }
    ));
}

#[test]
fn inconsistent_answers_after_no_message() {
    let fields = AnswersFields {
        drinks_alcohol: NO,
        most_in_one_day: units(3.0),
        ..AnswersFields::NOT_STARTED
    };
    let err = Answers::new(fields).unwrap_err();
    assert_eq!(
        err.to_string(),
        "most_in_one_day is 3 units, which contradicts drinks_alcohol = no: the test stops \
         after no to drinks_alcohol; correct that answer, or record the later questions as not_asked"
    );
    assert!(err.is_inconsistent());
    let later = [
        (
            AnswersFields {
                frequency: DAILY,
                ..AnswersFields::NOT_STARTED
            },
            "frequency",
            "every_day",
        ),
        (
            AnswersFields {
                frequency: Reply::Answered(Frequency::times_per_week(3).unwrap()),
                ..AnswersFields::NOT_STARTED
            },
            "frequency",
            "3 times a week",
        ),
        (
            AnswersFields {
                attendance_related: NO,
                ..AnswersFields::NOT_STARTED
            },
            "attendance_related",
            "no",
        ),
        (
            AnswersFields {
                willing_to_see_specialist: YES,
                ..AnswersFields::NOT_STARTED
            },
            "willing_to_see_specialist",
            "yes",
        ),
    ];
    for (fields, field, value) in later {
        let err = Answers::new(AnswersFields {
            drinks_alcohol: NO,
            ..fields
        })
        .unwrap_err();
        assert_eq!(err.field(), field);
        assert!(
            err.to_string()
                .starts_with(&format!("{field} is {value}, ")),
            "{err}"
        );
    }
    // Q1 yes or not asked accepts any later answer.
    for q1 in [YES, NA_B] {
        assert!(
            Answers::new(AnswersFields {
                drinks_alcohol: q1,
                most_in_one_day: units(3.0),
                frequency: DAILY,
                attendance_related: NO,
                willing_to_see_specialist: YES,
            })
            .is_ok()
        );
    }
}

#[test]
fn json_errors_carry_the_constructor_messages() {
    let err = serde_json::from_value::<Frequency>(json!({"kind": "times_per_week", "value": 7}))
        .unwrap_err();
    assert!(err.to_string().contains("use every_day"), "{err}");
    let err =
        serde_json::from_value::<MostInOneDay>(json!({"kind": "drinks", "value": []})).unwrap_err();
    assert!(err.to_string().contains("drinks is an empty list"), "{err}");
    let err = serde_json::from_value::<DrinkCount>(
        json!({"drink": {"kind": "glass_of_wine"}, "count": 1, "size": "large"}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("unknown field `size`"), "{err}");
    let err = serde_json::from_value::<CustomDrink>(json!({"volume_ml": 500})).unwrap_err();
    assert!(
        err.to_string().contains("missing field `abv_percent`"),
        "{err}"
    );
    assert!(serde_json::from_value::<Frequency>(json!("weekly")).is_err());
    assert!(serde_json::from_value::<MostInOneDay>(json!(9.5)).is_err());
}

// ---------------------------------------------------------------- finding JSON forms

#[test]
fn output_lists_refuse_what_score_never_writes() {
    let err = serde_json::from_value::<PositiveReasons>(json!([
        {"kind": "attendance_related"},
        {"kind": "attendance_related"}
    ]))
    .unwrap_err();
    assert!(
        err.to_string().contains("reasons is a repeated reason"),
        "{err}"
    );
    let err = serde_json::from_value::<PositiveReasons>(
        json!([{"kind": "consumption_above_threshold", "value": {"units": 8, "threshold": 8}}]),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("reasons is 8 units, which contradicts threshold = 8 units"),
        "{err}"
    );
    let err = serde_json::from_value::<Indication>(
        json!({"kind": "not_indicated", "value": {"because": []}}),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("because is an empty list"),
        "{err}"
    );
    let err = serde_json::from_value::<Indication>(
        json!({"kind": "not_indicated", "value": {"because": ["under_16", "under_16"]}}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("twice"), "{err}");
    let err =
        serde_json::from_value::<PatSource>(json!({"citation": "AUDIT", "url": null})).unwrap_err();
    assert!(
        err.to_string().contains("expected the PAT (2009) source"),
        "{err}"
    );
    assert_eq!(
        serde_json::from_value::<PatSource>(serde_json::to_value(pat::SOURCE).unwrap()).unwrap(),
        PatSource
    );
    // The citation and the address must both match: a record with either
    // changed is not this instrument's.
    let mut wrong_url = serde_json::to_value(pat::SOURCE).unwrap();
    wrong_url["url"] = json!("https://example.org/not-pat");
    assert!(serde_json::from_value::<PatSource>(wrong_url).is_err());
    let mut no_url = serde_json::to_value(pat::SOURCE).unwrap();
    no_url["url"] = Value::Null;
    assert!(serde_json::from_value::<PatSource>(no_url).is_err());
    let mut wrong_citation = serde_json::to_value(pat::SOURCE).unwrap();
    wrong_citation["citation"] = json!("PAT (2005)");
    assert!(serde_json::from_value::<PatSource>(wrong_citation).is_err());
}

// Each error a recorded finding's lists can raise, word for word, naming the
// field and the value by their serialized names.
#[test]
fn output_list_error_messages() {
    let err = PositiveReasons::try_from(vec![
        PositiveReason::AttendanceRelated,
        PositiveReason::AttendanceRelated,
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "reasons is a repeated reason: expected each reason at most once"
    );
    assert!(matches!(
        err,
        Error::Invalid {
            field: "reasons",
            ..
        }
    ));
    let at_threshold = ConsumptionAboveThreshold {
        units: threshold_for(Sex::Female),
        threshold: threshold_for(Sex::Female),
    };
    let err = PositiveReasons::try_from(vec![PositiveReason::ConsumptionAboveThreshold(
        at_threshold,
    )])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "reasons is 6 units, which contradicts threshold = 6 units: \
         consumption is a reason only when above the threshold"
    );
    assert!(err.is_inconsistent());
    let err = NotIndicatedReasons::try_from(vec![
        NotIndicatedReason::Under16,
        NotIndicatedReason::NotEmergencyDepartment,
        NotIndicatedReason::Under16,
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "because is under_16 twice: expected each reason at most once"
    );
    let err = NotIndicatedReasons::try_from(vec![]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "because is an empty list: expected at least one reason; an indicated test is \"indicated\""
    );
    assert!(matches!(
        err,
        Error::Invalid {
            field: "because",
            ..
        }
    ));
    // Every reason is named as it is written in JSON.
    for reason in NotIndicatedReason::ALL {
        let err = NotIndicatedReasons::try_from(vec![reason, reason]).unwrap_err();
        let name = serde_json::to_value(reason).unwrap();
        assert_eq!(
            err.to_string(),
            format!(
                "because is {} twice: expected each reason at most once",
                name.as_str().unwrap()
            )
        );
    }
}

#[test]
fn finding_json_shape() {
    let a = answers(YES, units(10.0), DAILY, YES, YES);
    let f = score(&a, &ed_contact(Sex::Male));
    let j = serde_json::to_value(f).unwrap();
    assert_eq!(
        j,
        json!({
            "result": {"kind": "positive"},
            "reasons": [
                {"kind": "consumption_above_threshold", "value": {"units": 10.0, "threshold": 8.0}},
                {"kind": "attendance_related"}
            ],
            "indication": {"kind": "indicated"},
            "threshold": 8.0,
            "sex_assumed": false,
            "most_in_one_day": {"kind": "answered", "value": 10.0},
            "frequency": {"kind": "answered", "value": {"kind": "every_day"}},
            "daily_drinker": "yes",
            "possible_dependence": "yes",
            "willing_to_see_specialist": {"kind": "answered", "value": true},
            "source": {"citation": pat::SOURCE.citation, "url": pat::SOURCE.url},
        })
    );
    common::assert_json_contract(&f);
    let incomplete = score(&Answers::NOT_STARTED, &ed_contact(Sex::Male));
    assert_eq!(
        serde_json::to_value(incomplete.result).unwrap(),
        json!({"kind": "incomplete", "value": {"next": "drinks_alcohol"}})
    );
    assert_eq!(
        serde_json::to_value(Step::Ask(Question::Frequency)).unwrap(),
        json!({"kind": "ask", "value": "frequency"})
    );
}

#[test]
fn most_in_one_day_from_drinks_is_written_as_units() {
    let m: MostInOneDay = serde_json::from_value(json!({"kind": "drinks", "value": [
        {"drink": {"kind": "can_strong"}, "count": 2},
        {"drink": {"kind": "custom", "value": {"volume_ml": 175, "abv_percent": 12}}, "count": 1}
    ]}))
    .unwrap();
    assert_eq!(m.units().centi_units(), 1010); // 8 + 2.1
    assert_eq!(
        serde_json::to_value(m).unwrap(),
        json!({"kind": "units", "value": 10.1})
    );
    common::assert_json_contract(&m);
}

#[test]
fn answers_json_round_trip_and_schema() {
    let a: Answers = serde_json::from_value(json!({
        "drinks_alcohol": {"kind": "answered", "value": true},
        "most_in_one_day": {"kind": "answered", "value": {"kind": "units", "value": 9.5}},
        "frequency": {"kind": "answered", "value": {"kind": "times_per_week", "value": 2}},
        "attendance_related": {"kind": "answered", "value": false},
        "willing_to_see_specialist": {"kind": "not_asked"}
    }))
    .unwrap();
    assert_eq!(
        a.frequency(),
        Reply::Answered(Frequency::times_per_week(2).unwrap())
    );
    common::assert_json_contract(&a);
    common::assert_json_contract(&Answers::NOT_STARTED);
}

#[cfg(feature = "schema")]
#[test]
fn schema_bounds_are_the_constructor_bounds() {
    use mecc::units::{ABV_PERCENT, DRINK_VOLUME_ML};
    let s = common::schema_of::<DrinkCount>();
    assert_eq!(s["properties"]["count"]["minimum"], DRINK_COUNT.min());
    assert_eq!(s["properties"]["count"]["maximum"], DRINK_COUNT.max());
    let s = common::schema_of::<CustomDrink>();
    assert_eq!(
        s["properties"]["volume_ml"]["maximum"],
        DRINK_VOLUME_ML.max()
    );
    assert_eq!(s["properties"]["abv_percent"]["maximum"], ABV_PERCENT.max());
    let s = common::schema_of::<TimesPerWeek>();
    assert_eq!(s["minimum"], TIMES_PER_WEEK.min());
    assert_eq!(s["maximum"], TIMES_PER_WEEK.max());
    // The schema refuses an empty tally, as `MostInOneDay::from_drinks` does.
    let s = common::schema_of::<MostInOneDay>();
    let validator = jsonschema::validator_for(&s).unwrap();
    let empty = json!({"kind": "drinks", "value": []});
    assert!(serde_json::from_value::<MostInOneDay>(empty.clone()).is_err());
    assert!(!validator.is_valid(&empty), "{s}");
    let one =
        json!({"kind": "drinks", "value": [{"drink": {"kind": "glass_of_wine"}, "count": 1}]});
    assert!(serde_json::from_value::<MostInOneDay>(one.clone()).is_ok());
    assert!(validator.is_valid(&one));
}

#[test]
fn questions_have_text_and_numbers() {
    for (i, q) in Question::ALL.into_iter().enumerate() {
        assert_eq!(usize::from(q.number()), i + 1);
        assert!(q.text().ends_with('?') || q.text().ends_with(')'), "{q:?}");
    }
}

// ------------------------------------------------ indication (CLINICAL-REFERENCE §1.1)

#[test]
fn indication_for_each_condition_section_1_1() {
    use PresentingCondition::*;
    for c in [
        Fall,
        Collapse,
        HeadInjury,
        Assault,
        Accident,
        Unwell,
        Gastrointestinal,
        Cardiac,
        Psychiatric,
        RepeatAttender,
    ] {
        let contact = contact_with(&json!({ "presenting_condition": c }));
        assert_eq!(indication(&contact), Indication::Indicated, "{c:?}");
    }
    let other = contact_with(&json!({ "presenting_condition": "other" }));
    let Indication::NotIndicated { because } = indication(&other) else {
        panic!("other is not indicated")
    };
    assert_eq!(
        because.iter().collect::<Vec<_>>(),
        [NotIndicatedReason::PresentingConditionOther]
    );
}

// CLINICAL-REFERENCE §1.1: adults, 16 and over.
#[test]
fn indication_age_boundary_section_1_1() {
    let at = |age: u32| indication(&contact_with(&json!({ "age": age })));
    assert!(!at(15).is_indicated());
    assert!(at(16).is_indicated());
    assert!(at(17).is_indicated());
    // The finding reports the same indication it was scored under.
    let scored = |age: u32| {
        score(
            &answers(YES, units(9.0), RARELY, NO, NA_B),
            &contact_with(&json!({ "age": age })),
        )
        .indicated()
    };
    assert!(!scored(15));
    assert!(scored(16));
}

#[test]
fn not_indicated_is_still_scored() {
    let contact = contact_with(&json!({
        "age": 12, "setting": "general_practice", "presenting_condition": null
    }));
    let f = score(&answers(YES, units(9.0), RARELY, NO, NA_B), &contact);
    assert_eq!(f.result, PatResult::Positive);
    assert!(!f.indicated());
    let Indication::NotIndicated { because } = f.indication else {
        panic!("not indicated")
    };
    assert!(because.contains(NotIndicatedReason::NotEmergencyDepartment));
    assert!(because.contains(NotIndicatedReason::Under16));
    assert!(!because.contains(NotIndicatedReason::NoPresentingCondition));
}

// ---------------------------------------------------------------- flow (CLINICAL-REFERENCE §1.4)

#[test]
fn a_form_driven_by_next_step_asks_in_order() {
    let contact = ed_contact(Sex::Male);
    let mut fields = AnswersFields::NOT_STARTED;
    let mut asked = Vec::new();
    loop {
        let a = Answers::new(fields).unwrap();
        match next_step(&a, &contact) {
            Step::Ask(q) => {
                asked.push(q);
                match q {
                    Question::DrinksAlcohol => fields.drinks_alcohol = YES,
                    Question::MostInOneDay => fields.most_in_one_day = units(9.0),
                    Question::Frequency => fields.frequency = RARELY,
                    Question::AttendanceRelated => fields.attendance_related = NO,
                    Question::WillingToSeeSpecialist => fields.willing_to_see_specialist = YES,
                }
            }
            Step::Complete(r) => {
                assert_eq!(r, PatResult::Positive);
                break;
            }
        }
    }
    assert_eq!(asked, Question::ALL);
}

#[test]
fn q5_is_not_asked_when_negative() {
    let contact = ed_contact(Sex::Male);
    let a = answers(YES, units(3.0), RARELY, NO, NA_B);
    assert_eq!(next_step(&a, &contact), Step::Complete(PatResult::Negative));
    // The same answers for a woman over 6 units ask Q5.
    let a = answers(YES, units(7.0), RARELY, NO, NA_B);
    assert_eq!(next_step(&a, &contact), Step::Complete(PatResult::Negative));
    assert_eq!(
        next_step(&a, &ed_contact(Sex::Female)),
        Step::Ask(Question::WillingToSeeSpecialist)
    );
}

#[test]
fn scoring_allocates_nothing() {
    let contact = ed_contact(Sex::NotKnown);
    let a = answers(YES, units(10.0), DAILY, YES, YES);
    // The counter does see allocations.
    assert!(common::alloc::allocations_during(|| drop(std::hint::black_box(vec![1u8]))) > 0);
    let n = common::alloc::allocations_during(|| {
        let f = std::hint::black_box(score(std::hint::black_box(&a), &contact));
        let s = next_step(&a, &contact);
        std::hint::black_box((f, s));
    });
    assert_eq!(n, 0);
}

// ---------------------------------------------------------------- golden vectors

#[test]
fn golden_vectors() {
    let cases = common::golden::cases(
        include_str!("data/pat.json"),
        80,
        &["CLINICAL-REFERENCE §1."],
    );
    for case in &cases {
        let contact = contact_with(&case.contact);
        let Some(answers) = case.answers::<Answers>() else {
            continue;
        };
        let finding = score(&answers, &contact);
        case.check(
            &serde_json::to_value(finding).unwrap(),
            &serde_json::to_value(next_step(&answers, &contact)).unwrap(),
        );
        common::assert_json_contract(&finding);
        common::assert_json_contract(&answers);
    }
}

// ---------------------------------------------------------------- property tests

fn sex() -> impl Strategy<Value = Sex> {
    prop_oneof![Just(Sex::Male), Just(Sex::Female), Just(Sex::NotKnown)]
}

fn condition() -> impl Strategy<Value = PresentingCondition> {
    use PresentingCondition::*;
    prop::sample::select(vec![
        Fall,
        Collapse,
        HeadInjury,
        Assault,
        Accident,
        Unwell,
        Gastrointestinal,
        Cardiac,
        Psychiatric,
        RepeatAttender,
        Other,
    ])
}

fn contact() -> impl Strategy<Value = Contact> {
    (
        0u32..=120,
        sex(),
        any::<bool>(),
        prop::option::of(condition()),
    )
        .prop_map(|(age, sex, in_ed, condition)| {
            Contact::new(ContactFields {
                age: Age::new(age).unwrap(),
                age_in_months: None,
                age_confirmed: false,
                sex,
                pregnant: Pregnancy::No,
                family_background: Some(FamilyBackground::NotStated),
                setting: if in_ed {
                    Setting::EmergencyDepartment
                } else {
                    Setting::GeneralPractice
                },
                time_available: TimeAvailable::Brief,
                presenting_condition: if in_ed { condition } else { None },
                intoxicated: Some(YesNoNotKnown::NotKnown),
                priority_groups: Some(PriorityGroups::NONE),
                comorbidities: Some(Comorbidities::NOT_KNOWN),
            })
            .unwrap()
        })
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::EveryDay),
        (1u32..=6).prop_map(|n| Frequency::times_per_week(n).unwrap()),
        Just(Frequency::LessThanWeekly),
    ]
}

fn most_in_one_day() -> impl Strategy<Value = MostInOneDay> {
    prop_oneof![
        (0u32..=30_000)
            .prop_map(|c| MostInOneDay::from_amount(AlcoholUnits::from_centi_units(c).unwrap())),
        // Concentrated around the cut-offs, where mistakes would be.
        (550u32..=850)
            .prop_map(|c| MostInOneDay::from_amount(AlcoholUnits::from_centi_units(c).unwrap())),
        prop::collection::vec((drink(), 1u32..=5), 1..4).prop_filter_map(
            "plausible total",
            |list| {
                let list: Vec<DrinkCount> = list
                    .into_iter()
                    .map(|(d, n)| DrinkCount::new(d, n).unwrap())
                    .collect();
                MostInOneDay::from_drinks(&list).ok()
            }
        ),
    ]
}

fn answers_fields() -> impl Strategy<Value = AnswersFields> {
    (
        reply(any::<bool>()),
        reply(most_in_one_day()),
        reply(frequency()),
        reply(any::<bool>()),
        reply(any::<bool>()),
    )
        .prop_map(|(q1, q2, q3, q4, q5)| AnswersFields {
            drinks_alcohol: q1,
            most_in_one_day: q2,
            frequency: q3,
            attendance_related: q4,
            willing_to_see_specialist: q5,
        })
}

fn valid_answers() -> impl Strategy<Value = Answers> {
    answers_fields().prop_filter_map("consistent answers", |f| Answers::new(f).ok())
}

/// Arbitrary JSON, with keys and strings drawn mostly from the crate's own
/// vocabulary so that deserializers are exercised beyond their first check.
fn json_value() -> impl Strategy<Value = Value> {
    common::json::arb_json_with(vec![
        "answered",
        "kind",
        "value",
        "not_asked",
        "drinks_alcohol",
        "most_in_one_day",
        "frequency",
        "attendance_related",
        "willing_to_see_specialist",
        "units",
        "drinks",
        "drink",
        "count",
        "custom",
        "volume_ml",
        "abv_percent",
        "every_day",
        "times_per_week",
        "less_than_weekly",
        "pint_strong",
        "bottle_of_spirits",
        "result",
        "positive",
        "incomplete",
        "next",
        "reasons",
        "consumption_above_threshold",
        "threshold",
        "indication",
        "indicated",
        "not_indicated",
        "because",
        "under_16",
        "source",
        "citation",
        "url",
        "ask",
        "complete",
        "sex_assumed",
        "daily_drinker",
        "yes",
        "not_emergency_department",
        "presenting_condition_other",
    ])
}

fn feed_every_deserializer(v: &Value) {
    let _ = serde_json::from_value::<Answers>(v.clone());
    let _ = serde_json::from_value::<AnswersFields>(v.clone());
    let _ = serde_json::from_value::<MostInOneDay>(v.clone());
    let _ = serde_json::from_value::<Frequency>(v.clone());
    let _ = serde_json::from_value::<TimesPerWeek>(v.clone());
    let _ = serde_json::from_value::<Drink>(v.clone());
    let _ = serde_json::from_value::<DrinkCount>(v.clone());
    let _ = serde_json::from_value::<CustomDrink>(v.clone());
    let _ = serde_json::from_value::<Finding>(v.clone());
    let _ = serde_json::from_value::<PatResult>(v.clone());
    let _ = serde_json::from_value::<PositiveReasons>(v.clone());
    let _ = serde_json::from_value::<Indication>(v.clone());
    let _ = serde_json::from_value::<PatSource>(v.clone());
    let _ = serde_json::from_value::<Step>(v.clone());
    let _ = serde_json::from_value::<Question>(v.clone());
    let _ = serde_json::from_value::<MostInOneDayInput>(v.clone());
    let _ = serde_json::from_value::<CustomDrinkFields>(v.clone());
    let _ = serde_json::from_value::<DrinkCountFields>(v.clone());
    let _ = serde_json::from_value::<PositiveReason>(v.clone());
    let _ = serde_json::from_value::<ConsumptionAboveThreshold>(v.clone());
    let _ = serde_json::from_value::<NotIndicatedReasons>(v.clone());
    let _ = serde_json::from_value::<NotIndicatedReason>(v.clone());
}

/// Records an answer to `q` as a form would, taking it from `given` when that
/// holds one.
fn answer(fields: &mut AnswersFields, q: Question, given: &AnswersFields) {
    match q {
        Question::DrinksAlcohol => {
            // "No" would contradict later answers already given out of order.
            let later_given = AnswersFields {
                drinks_alcohol: Reply::NotAsked,
                ..*fields
            } != AnswersFields::NOT_STARTED;
            let given_answer = given.drinks_alcohol.get().unwrap_or(true);
            fields.drinks_alcohol = Reply::Answered(later_given || given_answer);
        }
        Question::MostInOneDay => {
            let zero = MostInOneDay::from_amount(AlcoholUnits::ZERO);
            fields.most_in_one_day = Reply::Answered(given.most_in_one_day.get().unwrap_or(zero));
        }
        Question::Frequency => {
            let rarely = Frequency::LessThanWeekly;
            fields.frequency = Reply::Answered(given.frequency.get().unwrap_or(rarely));
        }
        Question::AttendanceRelated => {
            fields.attendance_related =
                Reply::Answered(given.attendance_related.get().unwrap_or(false));
        }
        Question::WillingToSeeSpecialist => {
            fields.willing_to_see_specialist =
                Reply::Answered(given.willing_to_see_specialist.get().unwrap_or(true));
        }
    }
}

proptest! {
    // CLINICAL-REFERENCE §1.3: more units never turns PAT from positive to negative.
    #[test]
    fn more_units_never_turns_positive_to_negative(
        fields in answers_fields(),
        contact in contact(),
        a in 0u32..=30_000,
        b in 0u32..=30_000,
    ) {
        let (lo, hi) = (a.min(b), a.max(b));
        let with = |c: u32| AnswersFields {
            drinks_alcohol: if fields.drinks_alcohol == NO { YES } else { fields.drinks_alcohol },
            most_in_one_day: Reply::Answered(MostInOneDay::from_amount(
                AlcoholUnits::from_centi_units(c).unwrap(),
            )),
            ..fields
        };
        let low = score(&Answers::new(with(lo)).unwrap(), &contact);
        let high = score(&Answers::new(with(hi)).unwrap(), &contact);
        if low.result == PatResult::Positive {
            prop_assert_eq!(high.result, PatResult::Positive);
        }
        if low.possible_dependence == YesNoNotKnown::Yes {
            prop_assert_eq!(high.possible_dependence, YesNoNotKnown::Yes);
        }
        prop_assert!(high.reasons.len() >= low.reasons.len());
    }

    // CLINICAL-REFERENCE §0, §1.3: not_known is never less sensitive than male or female.
    #[test]
    fn not_known_sex_is_the_most_sensitive(answers in valid_answers(), c in contact()) {
        let with_sex = |sex: Sex| Contact::new(ContactFields { sex, ..c.fields() }).unwrap();
        let unknown = score(&answers, &with_sex(Sex::NotKnown));
        prop_assert!(unknown.sex_assumed);
        for sex in [Sex::Male, Sex::Female] {
            let known = score(&answers, &with_sex(sex));
            prop_assert!(!known.sex_assumed);
            if known.result.is_positive() {
                prop_assert!(unknown.result.is_positive());
            }
        }
    }

    // CLINICAL-REFERENCE §1.3, §1.4, §1.5: the finding's parts agree with each other.
    #[test]
    fn finding_is_coherent(answers in valid_answers(), contact in contact()) {
        let f = score(&answers, &contact);
        prop_assert_eq!(f.result.is_positive(), !f.reasons.is_empty());
        if f.possible_dependence == YesNoNotKnown::Yes {
            prop_assert_eq!(f.daily_drinker, YesNoNotKnown::Yes);
            prop_assert!(f.result.is_positive());
        }
        prop_assert_eq!(f.willing_to_see_specialist, answers.willing_to_see_specialist());
        prop_assert_eq!(f.threshold, threshold_for(contact.sex()));
        prop_assert_eq!(f.indication, indication(&contact));
        if let Some(c) = f.reasons.consumption_above_threshold() {
            prop_assert!(c.units > c.threshold);
        }
    }

    // CLINICAL-REFERENCE §1.4: score and next_step agree, and next_step never
    // asks what is answered.
    #[test]
    fn score_and_next_step_agree(answers in valid_answers(), contact in contact()) {
        let result = score(&answers, &contact).result;
        match next_step(&answers, &contact) {
            Step::Ask(q) => {
                prop_assert!(!answers.is_answered(q));
                if let PatResult::Incomplete { next } = result {
                    prop_assert_eq!(q, next);
                }
                if q == Question::WillingToSeeSpecialist {
                    prop_assert!(result.is_positive());
                }
            }
            Step::Complete(r) => {
                prop_assert_eq!(r, result);
                let settled = !matches!(r, PatResult::Incomplete { .. });
                prop_assert!(settled);
            }
        }
    }

    // CLINICAL-REFERENCE §1.4: a form that answers whatever it is asked finishes
    // within the five questions.
    #[test]
    fn following_next_step_finishes(
        given in answers_fields(),
        start in valid_answers(),
        contact in contact(),
    ) {
        let mut fields = *start.fields();
        for _ in 0..=5 {
            let current = Answers::new(fields).unwrap();
            let Step::Ask(q) = next_step(&current, &contact) else { return Ok(()); };
            let before = fields;
            answer(&mut fields, q, &given);
            prop_assert_ne!(fields, before);
        }
        prop_assert!(false, "the form did not finish within five questions");
    }

    #[test]
    fn answers_and_findings_round_trip_and_match_schema(
        answers in valid_answers(),
        contact in contact(),
    ) {
        common::assert_json_contract(&answers);
        let f = score(&answers, &contact);
        common::assert_json_contract(&f);
        common::assert_json_contract(&next_step(&answers, &contact));
    }

    #[test]
    fn drinks_round_trip_and_match_schema(d in drink(), n in 1u32..=100, m in most_in_one_day()) {
        common::assert_json_contract(&d);
        common::assert_json_contract(&DrinkCount::new(d, n).unwrap());
        common::assert_json_contract(&m);
    }

    // CLINICAL-REFERENCE §1.3, §1.6: a tally is its exact sum, to the nearest
    // hundredth, however many drinks it lists.
    #[test]
    fn a_tally_is_its_exact_sum_rounded_once(
        // Up to 600 ml at 15%, four of each, seven lines: at most 252 units.
        entries in prop::collection::vec((0u32..=6_000, 0u32..=1_500, 1u32..=4), 1..8),
    ) {
        let mut exact_micro = 0u64;
        let mut list = Vec::new();
        for (deci_ml, centi_abv, count) in entries {
            let drink = CustomDrink::new(f64::from(deci_ml) / 10.0, f64::from(centi_abv) / 100.0)
                .unwrap();
            prop_assert_eq!(drink.volume_ml(), f64::from(deci_ml) / 10.0);
            exact_micro += u64::from(deci_ml) * u64::from(centi_abv) * u64::from(count);
            list.push(DrinkCount::new(Drink::Custom(drink), count).unwrap());
        }
        let total = total_units(&list).unwrap();
        let shown_micro = u64::from(total.centi_units()) * 10_000;
        prop_assert!(shown_micro.abs_diff(exact_micro) <= 5_000, "{total:?} vs {exact_micro}");
    }

    #[test]
    fn constructors_never_panic(
        ml in proptest::num::f64::ANY,
        abv in proptest::num::f64::ANY,
        u in proptest::num::f64::ANY,
        n in any::<u32>(),
        d in drink(),
        counts in prop::collection::vec(any::<u32>(), 0..8),
    ) {
        if let Ok(c) = CustomDrink::new(ml, abv) {
            prop_assert!(c.units().units() <= ALCOHOL_UNITS.max());
            common::assert_json_contract(&c);
        }
        if let Ok(m) = MostInOneDay::from_units(u) { common::assert_json_contract(&m); }
        let _ = TimesPerWeek::new(n);
        let _ = Frequency::times_per_week(n);
        let list: Vec<DrinkCount> =
            counts.into_iter().filter_map(|c| DrinkCount::new(d, c).ok()).collect();
        if let Ok(total) = total_units(&list) {
            prop_assert!(total.units() <= ALCOHOL_UNITS.max());
        }
        let _ = MostInOneDay::from_drinks(&list);
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
        // And wrapped where the answers expect them.
        feed_every_deserializer(&json!({ "kind": "answered", "value": v.clone() }));
        feed_every_deserializer(&json!({ "kind": "drinks", "value": [v.clone()] }));
    }
}
