//! AUDIT-C (UK version) and the full AUDIT: thresholds, unit bands, routing,
//! errors, golden vectors and properties (CLINICAL-REFERENCE §5.2, §5.3).
mod common;

use common::arb::*;
use mecc::Error;
use mecc::context::*;
use mecc::instruments::Reply;
use mecc::instruments::audit::{self, *};
use mecc::instruments::pat::{CustomDrink, Drink, DrinkCount};
use mecc::units::{ALCOHOL_UNITS, AlcoholUnits};
use proptest::prelude::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------- allocation counter

// ---------------------------------------------------------------- helpers

fn base_contact_json() -> Value {
    common::fixtures::with(json!({"age": 40, "time_available": "brief"}))
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

fn contact(sex: Sex) -> Contact {
    contact_with(&json!({ "sex": sex }))
}

fn freq(score: u32) -> Reply<DrinkingFrequency> {
    Reply::Answered(DrinkingFrequency::from_score(score).unwrap())
}

fn units(u: f64) -> Reply<TypicalDay> {
    Reply::Answered(TypicalDay::from_units(u).unwrap())
}

fn band(score: u32) -> Reply<TypicalDay> {
    Reply::Answered(TypicalDay::from_band(
        TypicalDayBand::from_score(score).unwrap(),
    ))
}

fn how(score: u32) -> Reply<HowOften> {
    Reply::Answered(HowOften::from_score(score, Question::Guilt).unwrap())
}

fn occ(score: u32) -> Reply<Occurrence> {
    Reply::Answered(Occurrence::from_score(score, Question::Injury).unwrap())
}

fn audit_c(f: Reply<DrinkingFrequency>, t: Reply<TypicalDay>, h: Reply<HowOften>) -> AuditCAnswers {
    AuditCAnswers::new(AuditCAnswersFields {
        frequency: f,
        typical_day: t,
        heavy_drinking: h,
    })
    .unwrap()
}

/// Full AUDIT answers from ten scores (`None` for not asked).
fn full(scores: [Option<u32>; 10]) -> Answers {
    let [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10] = scores;
    let reply = |s: Option<u32>| s.map_or(Reply::NotAsked, how);
    Answers::new(AnswersFields {
        audit_c: audit_c(
            s1.map_or(Reply::NotAsked, freq),
            s2.map_or(Reply::NotAsked, band),
            reply(s3),
        ),
        unable_to_stop: reply(s4),
        failed_expectations: reply(s5),
        morning_drink: reply(s6),
        guilt: reply(s7),
        memory_loss: reply(s8),
        injury: s9.map_or(Reply::NotAsked, occ),
        others_concerned: s10.map_or(Reply::NotAsked, occ),
    })
    .unwrap()
}

// ---------------------------------------------------------------- provenance and constants

#[test]
fn provenance_names_ohid_and_who() {
    assert!(
        audit::SOURCE
            .citation
            .contains("Alcohol use screening tests")
    );
    assert!(audit::SOURCE.citation.contains("2020"));
    assert!(audit::SOURCE_WHO.citation.contains("Babor TF"));
    assert!(audit::SOURCE_WHO.citation.contains("2001"));
    assert_eq!(audit::SOURCES, &[audit::SOURCE, audit::SOURCE_WHO]);
    for s in audit::SOURCES {
        assert!(s.url.unwrap().starts_with("https://"));
    }
    assert!(audit::VERSION.contains("UK"));
    let c = score_audit_c(&AuditCAnswers::NOT_STARTED, &contact(Sex::Male));
    assert_eq!(c.source.source(), audit::SOURCE);
    let f = score(&Answers::NOT_STARTED, &contact(Sex::Male));
    let j = serde_json::to_value(f).unwrap();
    assert_eq!(j["source"]["citation"], audit::SOURCE.citation);
    assert_eq!(j["audit_c"]["source"]["url"], audit::SOURCE.url.unwrap());
}

// CLINICAL-REFERENCE §5.2: 5 or more positive; bands 0–4, 5–7, 8–10, 11–12.
#[test]
fn audit_c_cut_offs_section_5_2() {
    assert_eq!(AUDIT_C_POSITIVE_FROM, 5);
    assert_eq!(AUDIT_C_INCREASING_RISK_FROM, 5);
    assert_eq!(AUDIT_C_HIGHER_RISK_FROM, 8);
    assert_eq!(AUDIT_C_POSSIBLE_DEPENDENCE_FROM, 11);
    assert_eq!(AUDIT_C_MAX, 12);
    let expected = [
        (0, AuditCBand::LowerRisk),
        (4, AuditCBand::LowerRisk),
        (5, AuditCBand::IncreasingRisk),
        (7, AuditCBand::IncreasingRisk),
        (8, AuditCBand::HigherRisk),
        (10, AuditCBand::HigherRisk),
        (11, AuditCBand::PossibleDependence),
        (12, AuditCBand::PossibleDependence),
    ];
    for (total, b) in expected {
        assert_eq!(AuditCBand::for_total(total), b, "{total}");
    }
}

// CLINICAL-REFERENCE §5.2: each band edge on both sides, through scoring.
#[test]
fn audit_c_band_edges_through_score_section_5_2() {
    let cases = [
        ((2, 1, 1), 4, AuditCBand::LowerRisk, YesNoNotKnown::No),
        ((2, 1, 2), 5, AuditCBand::IncreasingRisk, YesNoNotKnown::Yes),
        ((3, 2, 2), 7, AuditCBand::IncreasingRisk, YesNoNotKnown::Yes),
        ((3, 2, 3), 8, AuditCBand::HigherRisk, YesNoNotKnown::Yes),
        ((4, 3, 3), 10, AuditCBand::HigherRisk, YesNoNotKnown::Yes),
        (
            (4, 3, 4),
            11,
            AuditCBand::PossibleDependence,
            YesNoNotKnown::Yes,
        ),
    ];
    for ((f, t, h), total, b, positive) in cases {
        let finding = score_audit_c(&audit_c(freq(f), band(t), how(h)), &contact(Sex::Female));
        assert_eq!(finding.result, AuditCResult::Band(b), "total {total}");
        assert_eq!(finding.total, total);
        assert_eq!(finding.positive, positive);
        assert_eq!(finding.ask_full_audit, positive == YesNoNotKnown::Yes);
        assert!(finding.complete);
    }
}

// CLINICAL-REFERENCE §5.2: Q2 bands 1–2 → 0, 3–4 → 1, 5–6 → 2, 7–9 → 3, 10+ → 4,
// each edge on both sides, and the rounding decision at every half unit.
#[test]
fn typical_day_unit_edges_both_sides_section_5_2() {
    assert_eq!(
        [
            TYPICAL_DAY_SCORE_1_FROM_UNITS,
            TYPICAL_DAY_SCORE_2_FROM_UNITS,
            TYPICAL_DAY_SCORE_3_FROM_UNITS,
            TYPICAL_DAY_SCORE_4_FROM_UNITS
        ],
        [3, 5, 7, 10]
    );
    let cases = [
        (0.0, 0),
        (0.49, 0),
        (1.0, 0),
        (2.0, 0),
        (2.49, 0),
        (2.5, 1),
        (3.0, 1),
        (4.0, 1),
        (4.49, 1),
        (4.5, 2),
        (5.0, 2),
        (6.0, 2),
        (6.49, 2),
        (6.5, 3),
        (7.0, 3),
        (9.0, 3),
        (9.49, 3),
        (9.5, 4),
        (10.0, 4),
        (300.0, 4),
    ];
    for (u, s) in cases {
        let t = TypicalDay::from_units(u).unwrap();
        assert_eq!(t.score(), s, "{u} units");
        assert_eq!(t.band().score(), s);
        assert_eq!(t.units().unwrap().units(), u);
    }
}

#[test]
fn typical_day_from_drinks_uses_the_pat_calculator() {
    let t = TypicalDay::from_drinks(&[
        DrinkCount::new(Drink::PintOrdinaryStrength, 2).unwrap(),
        DrinkCount::new(Drink::Custom(CustomDrink::new(25.0, 40.0).unwrap()), 1).unwrap(),
    ])
    .unwrap();
    assert_eq!(t.units().unwrap().centi_units(), 500);
    assert_eq!(t.band(), TypicalDayBand::FiveToSix);
    // Written back as the amount.
    assert_eq!(
        serde_json::to_value(t).unwrap(),
        json!({"kind": "units", "value": 5.0})
    );
    common::assert_json_contract(&t);
}

// CLINICAL-REFERENCE §5.2, §0: Q3 names 8 units for men, 6 for women and for not_known.
#[test]
fn question_3_wording_depends_on_sex_section_5_2() {
    assert_eq!(HEAVY_OCCASION_MALE_UNITS, 8);
    assert_eq!(HEAVY_OCCASION_FEMALE_UNITS, 6);
    assert_eq!(
        Question::HeavyDrinking.text(Sex::Male),
        "In the last year, how often have you had 8 or more units of alcohol on a single occasion?"
    );
    assert_eq!(
        Question::HeavyDrinking.text(Sex::Female),
        "In the last year, how often have you had 6 or more units of alcohol on a single occasion?"
    );
    assert_eq!(
        Question::HeavyDrinking.text(Sex::NotKnown),
        Question::HeavyDrinking.text(Sex::Female)
    );
    assert_eq!(
        Question::HeavyDrinking.text_for(&contact(Sex::NotKnown)),
        Question::HeavyDrinking.text(Sex::Female)
    );
    // The other questions read the same for everyone.
    for q in Question::ALL {
        if q != Question::HeavyDrinking {
            assert_eq!(q.text(Sex::Male), q.text(Sex::Female), "{q:?}");
        }
    }
    for (sex, units, assumed) in [
        (Sex::Male, 8, false),
        (Sex::Female, 6, false),
        (Sex::NotKnown, 6, true),
    ] {
        let f = score_audit_c(&AuditCAnswers::NOT_STARTED, &contact(sex));
        assert_eq!((f.heavy_occasion_units, f.sex_assumed), (units, assumed));
        assert_eq!(heavy_occasion_units(sex), units);
    }
}

// CLINICAL-REFERENCE §5.3: zones 0–7, 8–15, 16–19, 20+.
#[test]
fn audit_zone_edges_section_5_3() {
    assert_eq!(AUDIT_INCREASING_RISK_FROM, 8);
    assert_eq!(AUDIT_HIGHER_RISK_FROM, 16);
    assert_eq!(AUDIT_POSSIBLE_DEPENDENCE_FROM, 20);
    assert_eq!(AUDIT_MAX, 40);
    let cases = [
        (0, AuditZone::LowerRisk),
        (7, AuditZone::LowerRisk),
        (8, AuditZone::IncreasingRisk),
        (15, AuditZone::IncreasingRisk),
        (16, AuditZone::HigherRisk),
        (19, AuditZone::HigherRisk),
        (20, AuditZone::PossibleDependence),
        (40, AuditZone::PossibleDependence),
    ];
    for (total, zone) in cases {
        assert_eq!(AuditZone::for_total(total), zone, "{total}");
    }
    // Through scoring: 7/8, 15/16, 19/20 and 40.
    let at = |s: [u32; 10]| score(&full(s.map(Some)), &contact(Sex::Male));
    let f = at([2, 1, 1, 0, 1, 0, 2, 0, 0, 0]);
    assert_eq!((f.total, f.zone()), (7, Some(AuditZone::LowerRisk)));
    let f = at([2, 1, 1, 0, 1, 0, 2, 1, 0, 0]);
    assert_eq!((f.total, f.zone()), (8, Some(AuditZone::IncreasingRisk)));
    let f = at([3, 2, 2, 1, 1, 0, 2, 2, 2, 0]);
    assert_eq!((f.total, f.zone()), (15, Some(AuditZone::IncreasingRisk)));
    let f = at([3, 2, 2, 1, 1, 1, 2, 2, 2, 0]);
    assert_eq!((f.total, f.zone()), (16, Some(AuditZone::HigherRisk)));
    let f = at([4, 3, 3, 1, 1, 1, 2, 2, 2, 0]);
    assert_eq!((f.total, f.zone()), (19, Some(AuditZone::HigherRisk)));
    let f = at([4, 3, 3, 1, 1, 1, 2, 3, 2, 0]);
    assert_eq!(
        (f.total, f.zone()),
        (20, Some(AuditZone::PossibleDependence))
    );
    let f = at([4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    assert_eq!(
        (f.total, f.zone()),
        (40, Some(AuditZone::PossibleDependence))
    );
    assert!(f.complete);
    assert_eq!(f.total_at_most, 40);
}

// CLINICAL-REFERENCE §5.3: items 9–10 score 0, 2 or 4.
#[test]
fn items_9_and_10_accept_only_0_2_4_section_5_3() {
    assert_eq!(ZERO_TWO_FOUR, [0, 2, 4]);
    for (s, o) in [
        (0, Occurrence::No),
        (2, Occurrence::YesButNotInTheLastYear),
        (4, Occurrence::YesDuringTheLastYear),
    ] {
        assert_eq!(Occurrence::from_score(s, Question::Injury).unwrap(), o);
        assert_eq!(u32::from(o.score()), s);
    }
    for bad in [1, 3, 5, 6, 100, u32::MAX] {
        for item in [Question::Injury, Question::OthersConcerned] {
            let err = Occurrence::from_score(bad, item).unwrap_err();
            assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
            assert_eq!(err.field(), item.as_str());
            assert!(
                err.to_string()
                    .starts_with(&format!("{} is {bad}: expected 0, 2 or 4", item.as_str())),
                "{err}"
            );
        }
    }
}

// ------------------------------------------------ errors, one exact message per variant

#[test]
fn invalid_item_9_message() {
    let err = Occurrence::from_score(3, Question::Injury).unwrap_err();
    assert_eq!(
        err.to_string(),
        "injury is 3: expected 0, 2 or 4 (no; yes, but not in the last year; yes, during the last year)"
    );
    // The same through JSON, for item 10.
    let mut fields = serde_json::to_value(AnswersFields::NOT_STARTED).unwrap();
    fields["others_concerned"] = json!({"kind": "score", "value": 1});
    let err = serde_json::from_value::<Answers>(fields).unwrap_err();
    assert_eq!(
        err.to_string(),
        "others_concerned is 1: expected 0, 2 or 4 (no; yes, but not in the last year; \
         yes, during the last year)"
    );
}

#[test]
fn out_of_range_item_messages() {
    let err = HowOften::from_score(5, Question::MorningDrink).unwrap_err();
    assert_eq!(
        err.to_string(),
        "morning_drink is 5: expected a score from 0 to 4 \
         (give the score printed beside the answer on the form, or the answer's name)"
    );
    assert!(err.is_out_of_range());
    let err = DrinkingFrequency::from_score(7).unwrap_err();
    assert_eq!(err.field(), "frequency");
    assert!(
        err.to_string()
            .starts_with("frequency is 7: expected a score from 0 to 4")
    );
    let err = TypicalDayBand::from_score(12).unwrap_err();
    assert_eq!(
        err.to_string(),
        "typical_day is 12: expected a score from 0 to 4 \
         (this is the band's score; for 12 units give {\"kind\": \"units\", \"value\": 12})"
    );
    for s in 0..=4 {
        assert_eq!(
            u32::from(DrinkingFrequency::from_score(s).unwrap().score()),
            s
        );
        assert_eq!(u32::from(TypicalDayBand::from_score(s).unwrap().score()), s);
        assert_eq!(
            u32::from(HowOften::from_score(s, Question::Guilt).unwrap().score()),
            s
        );
    }
}

#[test]
fn not_finite_and_out_of_range_units_messages() {
    let err = TypicalDay::from_units(f64::NAN).unwrap_err();
    assert_eq!(
        err.to_string(),
        "units is NaN, which is not a finite number: expected from 0 to 300 UK units"
    );
    let err = TypicalDay::from_units(-0.5).unwrap_err();
    assert_eq!(
        err.to_string(),
        "units is -0.5: expected from 0 to 300 UK units"
    );
    let err = TypicalDay::from_drinks(&[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "drinks is an empty list: expected at least one drink; for none give {\"kind\": \"units\", \"value\": 0}, \
         or leave typical_day not_asked"
    );
    let err = TypicalDay::from_drinks(&[
        DrinkCount::new(Drink::BottleOfSpirits, 10).unwrap(),
        DrinkCount::new(Drink::GlassOfWine, 1).unwrap(),
    ])
    .unwrap_err();
    assert_eq!(err.field(), "drinks");
}

#[test]
fn inconsistent_answers_messages() {
    let err = AuditCAnswers::new(AuditCAnswersFields {
        frequency: freq(0),
        typical_day: band(1),
        heavy_drinking: Reply::NotAsked,
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "typical_day is three_to_four, which contradicts frequency = never: the UK AUDIT-C skips \
         questions 2 and 3 for a person who never drinks; correct the frequency, or record the \
         later questions as not_asked"
    );
    let err = AuditCAnswers::new(AuditCAnswersFields {
        frequency: freq(2),
        typical_day: units(0.0),
        heavy_drinking: Reply::NotAsked,
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "typical_day is 0 units, which contradicts frequency = two_to_four_times_per_month: \
         0 units on a typical drinking day fits only frequency never; give the units on a day \
         when they do drink (under 3 scores 0)"
    );
    let err = AuditCAnswers::new(AuditCAnswersFields {
        frequency: Reply::NotAsked,
        typical_day: units(0.0),
        heavy_drinking: how(1),
    })
    .unwrap_err();
    assert!(
        err.to_string().starts_with(
            "heavy_drinking is less_than_monthly, which contradicts typical_day = 0 units"
        ),
        "{err}"
    );
    let never = audit_c(freq(0), Reply::NotAsked, Reply::NotAsked);
    let err = Answers::new(AnswersFields {
        guilt: how(2),
        ..AnswersFields::from_audit_c(never)
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "guilt is monthly, which contradicts frequency = never: items 4 to 8 ask about drinking \
         in the last year and are skipped for a person who never drinks; correct the frequency, \
         or record these items as not_asked"
    );
    assert!(err.is_inconsistent());
    // What agrees with never is accepted, and a tiny amount is not "none".
    assert!(
        AuditCAnswers::new(AuditCAnswersFields {
            frequency: freq(0),
            typical_day: units(0.0),
            heavy_drinking: how(0),
        })
        .is_ok()
    );
    assert!(
        AuditCAnswers::new(AuditCAnswersFields {
            frequency: freq(1),
            typical_day: units(0.01),
            heavy_drinking: how(0),
        })
        .is_ok()
    );
    assert!(
        Answers::new(AnswersFields {
            injury: occ(4),
            unable_to_stop: how(0),
            ..AnswersFields::from_audit_c(never)
        })
        .is_ok()
    );
}

#[test]
fn json_errors_name_the_field_and_what_it_accepts() {
    let ac = |f: Value, t: Value, h: Value| {
        serde_json::from_value::<AuditCAnswers>(
            json!({"frequency": f, "typical_day": t, "heavy_drinking": h}),
        )
    };
    let err = ac(
        json!({"kind": "answered", "value": "weeky"}),
        json!({"kind": "not_asked"}),
        json!({"kind": "not_asked"}),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "frequency is \"weeky\": expected one of never, monthly_or_less, \
         two_to_four_times_per_month, two_to_three_times_per_week, four_or_more_times_per_week, \
         or {\"kind\": \"score\", \"value\": n} with n from 0 to 4"
    );
    let err = ac(
        json!({"kind": "not_asked"}),
        json!({"kind": "not_asked"}),
        json!({"kind": "score", "value": 5}),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("heavy_drinking is 5: expected a score from 0 to 4"),
        "{err}"
    );
    // A bare number for the typical day is refused: units or score?
    let err = ac(
        json!({"kind": "not_asked"}),
        json!({"kind": "answered", "value": 4}),
        json!({"kind": "not_asked"}),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "typical_day is 4: expected {\"kind\": \"units\", \"value\": n}, {\"kind\": \"band\", \"value\": name}, \
         {\"kind\": \"drinks\", \"value\": [...]} or {\"kind\": \"score\", \"value\": n}; a bare number \
         could be read as units or as a score"
    );
    // A bare number for an item is refused too: give {"kind": "score", "value": n}.
    let err = ac(
        json!({"kind": "answered", "value": 2}),
        json!({"kind": "not_asked"}),
        json!({"kind": "not_asked"}),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("{\"kind\": \"score\", \"value\": n}"),
        "{err}"
    );
    let err = ac(
        json!({"kind": "score", "value": 1, "note": "x"}),
        json!({"kind": "not_asked"}),
        json!({"kind": "not_asked"}),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("invalid value: string \"note\", expected \"kind\" or \"value\""),
        "{err}"
    );
    let err = ac(
        json!({"kind": "score", "value": -1}),
        json!({"kind": "not_asked"}),
        json!({"kind": "not_asked"}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("-1"), "{err}");
    // Missing fields are refused: unknown is a value, not a default.
    let err = serde_json::from_value::<AuditCAnswers>(json!({"frequency": {"kind": "not_asked"}}))
        .unwrap_err();
    assert!(err.to_string().contains("missing field"), "{err}");
    let err = serde_json::from_value::<AuditCAnswers>(
        json!({"frequency": {"kind": "not_asked"}, "typical_day": {"kind": "not_asked"}, "heavy_drinking": {"kind": "not_asked"}, "q4": 1}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("unknown field `q4`"), "{err}");
}

// ---------------------------------------------------------------- JSON forms

#[test]
fn answers_are_read_as_names_or_scores_and_written_as_names() {
    let by_score: Answers = serde_json::from_value(json!({
        "audit_c": {
            "frequency": {"kind": "score", "value": 3},
            "typical_day": {"kind": "answered", "value": {"kind": "score", "value": 2}},
            "heavy_drinking": {"kind": "score", "value": 1}
        },
        "unable_to_stop": {"kind": "score", "value": 0},
        "failed_expectations": {"kind": "score", "value": 1},
        "morning_drink": {"kind": "not_asked"},
        "guilt": {"kind": "score", "value": 4},
        "memory_loss": {"kind": "score", "value": 2},
        "injury": {"kind": "score", "value": 2},
        "others_concerned": {"kind": "score", "value": 4}
    }))
    .unwrap();
    let by_name: Answers = serde_json::from_value(json!({
        "audit_c": {
            "frequency": {"kind": "answered", "value": "two_to_three_times_per_week"},
            "typical_day": {"kind": "answered", "value": {"kind": "band", "value": "five_to_six"}},
            "heavy_drinking": {"kind": "answered", "value": "less_than_monthly"}
        },
        "unable_to_stop": {"kind": "answered", "value": "never"},
        "failed_expectations": {"kind": "answered", "value": "less_than_monthly"},
        "morning_drink": {"kind": "not_asked"},
        "guilt": {"kind": "answered", "value": "daily_or_almost_daily"},
        "memory_loss": {"kind": "answered", "value": "monthly"},
        "injury": {"kind": "answered", "value": "yes_but_not_in_the_last_year"},
        "others_concerned": {"kind": "answered", "value": "yes_during_the_last_year"}
    }))
    .unwrap();
    assert_eq!(by_score, by_name);
    let written = serde_json::to_value(by_score).unwrap();
    assert_eq!(
        written["audit_c"]["frequency"],
        json!({"kind": "answered", "value": "two_to_three_times_per_week"})
    );
    assert_eq!(
        written["audit_c"]["typical_day"],
        json!({"kind": "answered", "value": {"kind": "band", "value": "five_to_six"}})
    );
    assert_eq!(
        written["injury"],
        json!({"kind": "answered", "value": "yes_but_not_in_the_last_year"})
    );
    common::assert_json_contract(&by_name);
    common::assert_json_contract(&Answers::NOT_STARTED);
    common::assert_json_contract(&AuditCAnswers::NOT_STARTED);
}

#[cfg(feature = "schema")]
#[test]
fn answers_given_as_scores_validate_against_the_schema() {
    let schema = common::schema_of::<Answers>();
    let by_score_json = json!({
        "audit_c": {
            "frequency": {"kind": "score", "value": 3},
            "typical_day": {"kind": "answered", "value": {"kind": "drinks", "value": [{"drink": {"kind": "glass_of_wine"}, "count": 2}]}},
            "heavy_drinking": {"kind": "score", "value": 1}
        },
        "unable_to_stop": {"kind": "not_asked"}, "failed_expectations": {"kind": "not_asked"},
        "morning_drink": {"kind": "not_asked"}, "guilt": {"kind": "not_asked"}, "memory_loss": {"kind": "not_asked"},
        "injury": {"kind": "score", "value": 2}, "others_concerned": {"kind": "not_asked"}
    });
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&by_score_json));
    let mut bad = by_score_json.clone();
    bad["injury"] = json!({"kind": "score", "value": 3});
    assert!(!validator.is_valid(&bad), "the schema refuses item 9 = 3");
    bad["injury"] = json!({"kind": "score", "value": 2});
    bad["guilt"] = json!({"kind": "score", "value": 5});
    assert!(
        !validator.is_valid(&bad),
        "the schema refuses a 0–4 item at 5"
    );
}

#[test]
fn the_module_documentation_example_reads() {
    let a: Answers = serde_json::from_value(json!({
      "audit_c": {
        "frequency": {"kind": "answered", "value": "two_to_three_times_per_week"},
        "typical_day": {"kind": "answered", "value": {"kind": "units", "value": 4.5}},
        "heavy_drinking": {"kind": "score", "value": 1}
      },
      "unable_to_stop": {"kind": "answered", "value": "never"},
      "failed_expectations": {"kind": "answered", "value": "less_than_monthly"},
      "morning_drink": {"kind": "answered", "value": "never"},
      "guilt": {"kind": "score", "value": 2},
      "memory_loss": {"kind": "not_asked"},
      "injury": {"kind": "answered", "value": "yes_but_not_in_the_last_year"},
      "others_concerned": {"kind": "score", "value": 0}
    }))
    .unwrap();
    let f = score(&a, &contact(Sex::Male));
    // 3 + 2 + 1 + 0 + 1 + 0 + 2 + ? + 2 + 0: 11 to 15, increasing risk either way.
    assert_eq!((f.total, f.total_at_most), (11, 15));
    assert_eq!(f.result, AuditResult::Zone(AuditZone::IncreasingRisk));
    assert!(!f.complete);
    assert_eq!(next_step(&a), Step::Ask(Question::MemoryLoss));
}

#[cfg(feature = "schema")]
#[test]
fn schema_bounds_are_the_constructor_bounds() {
    let s = common::schema_of::<AuditCAnswers>();
    let text = s.to_string();
    assert!(
        text.contains(&format!("\"maximum\":{}", ITEM_SCORE.max())),
        "{text}"
    );
    assert_eq!((ITEM_SCORE.min(), ITEM_SCORE.max()), (0.0, 4.0));
    let s = common::schema_of::<TypicalDay>();
    let units = s["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["properties"]["kind"]["const"] == "units")
        .unwrap();
    assert_eq!(units["properties"]["value"]["maximum"], ALCOHOL_UNITS.max());
    let text = common::schema_of::<Answers>().to_string();
    assert!(text.contains("\"enum\":[0,2,4]"), "{text}");
}

#[cfg(feature = "schema")]
#[test]
fn the_schema_accepts_what_the_answers_accept_and_refuses_the_rest() {
    let schema = common::schema_of::<AuditCAnswers>();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let valid = serde_json::to_value(audit_c(freq(2), band(1), how(1))).unwrap();
    assert!(validator.is_valid(&valid), "{valid}");
    let key = valid
        .as_object()
        .unwrap()
        .keys()
        .find(|k| k.contains("frequency"))
        .unwrap()
        .clone();
    for bad in [
        json!("hourly"),
        json!({"kind": "score", "value": 5}),
        json!(true),
    ] {
        let mut doc = valid.clone();
        doc[&key] = json!({ "kind": "answered", "value": bad });
        assert!(serde_json::from_value::<AuditCAnswers>(doc.clone()).is_err());
        assert!(!validator.is_valid(&doc), "{doc}");
    }
}

#[test]
fn item_scores_are_read_only_from_answered_items() {
    assert_eq!(ItemScore::Scored(3).score(), Some(3));
    assert_eq!(ItemScore::Scored(0).score(), Some(0));
    assert_eq!(ItemScore::Skipped.score(), None);
    assert_eq!(ItemScore::NotAsked.score(), None);
}

#[test]
fn a_typical_day_of_the_wrong_json_type_says_what_it_accepts() {
    let err = serde_json::from_value::<TypicalDay>(json!(true)).unwrap_err();
    assert!(
        err.to_string()
            .contains("{\"kind\": \"band\", \"value\": name}"),
        "{err}"
    );
}

#[test]
fn finding_json_shape() {
    let a = audit_c(freq(3), units(4.5), how(1));
    let f = score_audit_c(&a, &contact(Sex::NotKnown));
    assert_eq!(
        serde_json::to_value(f).unwrap(),
        json!({
            "result": {"kind": "band", "value": "increasing_risk"},
            "total": 6,
            "complete": true,
            "positive": "yes",
            "ask_full_audit": true,
            "item_scores": [{"kind": "scored", "value": 3}, {"kind": "scored", "value": 2}, {"kind": "scored", "value": 1}],
            "typical_day": {"kind": "answered", "value": {"kind": "units", "value": 4.5}},
            "heavy_occasion_units": 6,
            "sex_assumed": true,
            "source": {"citation": audit::SOURCE.citation, "url": audit::SOURCE.url},
        })
    );
    common::assert_json_contract(&f);
    let g = score(&Answers::from_audit_c(a), &contact(Sex::NotKnown));
    let j = serde_json::to_value(g).unwrap();
    assert_eq!(
        j["result"],
        json!({"kind": "incomplete", "value": {"next": "unable_to_stop"}})
    );
    assert_eq!(j["total"], 6);
    assert_eq!(j["total_at_most"], 34);
    assert_eq!(j["item_scores"][3], json!({"kind": "not_asked"}));
    assert_eq!(j["audit_c"], serde_json::to_value(f).unwrap());
    common::assert_json_contract(&g);
    assert_eq!(
        serde_json::to_value(AuditResult::Zone(AuditZone::PossibleDependence)).unwrap(),
        json!({"kind": "zone", "value": "possible_dependence"})
    );
    assert_eq!(
        serde_json::to_value(Step::Complete(AuditResult::Zone(AuditZone::LowerRisk))).unwrap(),
        json!({"kind": "complete", "value": {"kind": "zone", "value": "lower_risk"}})
    );
    assert_eq!(
        serde_json::to_value(AuditCStep::Ask(Question::TypicalDay)).unwrap(),
        json!({"kind": "ask", "value": "typical_day"})
    );
}

#[test]
fn recorded_findings_refuse_another_source() {
    let err =
        serde_json::from_value::<AuditSource>(json!({"citation": "PAT", "url": null})).unwrap_err();
    assert!(
        err.to_string()
            .contains("expected the AUDIT (UK version, OHID 2020) source"),
        "{err}"
    );
    assert_eq!(
        serde_json::from_value::<AuditSource>(serde_json::to_value(audit::SOURCE).unwrap())
            .unwrap(),
        AuditSource
    );
}

#[test]
fn questions_have_numbers_names_and_text() {
    for (i, q) in Question::ALL.into_iter().enumerate() {
        assert_eq!(usize::from(q.number()), i + 1);
        assert_eq!(serde_json::to_value(q).unwrap(), json!(q.as_str()));
        assert!(q.text(Sex::Male).ends_with('?'), "{q:?}");
    }
    assert_eq!(
        Question::AUDIT_C,
        [
            Question::Frequency,
            Question::TypicalDay,
            Question::HeavyDrinking
        ]
    );
}

// ---------------------------------------------------------------- flow

// CLINICAL-REFERENCE §5.2: never → total 0, Q2 and Q3 skipped.
#[test]
fn never_skips_questions_2_and_3_section_5_2() {
    let never = audit_c(freq(0), Reply::NotAsked, Reply::NotAsked);
    let f = score_audit_c(&never, &contact(Sex::Male));
    assert_eq!(f.result, AuditCResult::Band(AuditCBand::LowerRisk));
    assert_eq!(f.total, 0);
    assert!(f.complete);
    assert_eq!(f.positive, YesNoNotKnown::No);
    assert!(!f.ask_full_audit);
    assert_eq!(
        f.item_scores,
        [ItemScore::Scored(0), ItemScore::Skipped, ItemScore::Skipped]
    );
    // The full AUDIT skips items 4–8 too, and asks 9 and 10.
    let a = Answers::from_audit_c(never);
    assert_eq!(next_step(&a), Step::Ask(Question::Injury));
    let f = score(&a, &contact(Sex::Male));
    assert_eq!(
        f.result,
        AuditResult::Incomplete {
            next: Question::Injury
        }
    );
    assert_eq!(f.total_at_most, 8);
}

#[test]
fn a_form_driven_by_next_step_asks_every_item_once() {
    let mut fields = AnswersFields::NOT_STARTED;
    let mut asked = Vec::new();
    loop {
        let a = Answers::new(fields).unwrap();
        match next_step(&a) {
            Step::Ask(q) => {
                asked.push(q);
                let mut c = *fields.audit_c.fields();
                match q {
                    Question::Frequency => c.frequency = freq(4),
                    Question::TypicalDay => c.typical_day = units(6.0),
                    Question::HeavyDrinking => c.heavy_drinking = how(3),
                    Question::UnableToStop => fields.unable_to_stop = how(1),
                    Question::FailedExpectations => fields.failed_expectations = how(1),
                    Question::MorningDrink => fields.morning_drink = how(0),
                    Question::Guilt => fields.guilt = how(2),
                    Question::MemoryLoss => fields.memory_loss = how(1),
                    Question::Injury => fields.injury = occ(0),
                    Question::OthersConcerned => fields.others_concerned = occ(2),
                }
                fields.audit_c = AuditCAnswers::new(c).unwrap();
            }
            Step::Complete(r) => {
                assert_eq!(r, AuditResult::Zone(AuditZone::HigherRisk)); // 4+2+3+1+1+0+2+1+0+2 = 16
                break;
            }
        }
    }
    assert_eq!(asked, Question::ALL);
    // The AUDIT-C flow asks the first three and completes.
    let c = audit_c(freq(4), units(6.0), how(3));
    assert_eq!(
        next_step_audit_c(&c),
        AuditCStep::Complete(AuditCResult::Band(AuditCBand::HigherRisk))
    );
}

#[test]
fn scoring_allocates_nothing() {
    let answers = full([
        Some(4),
        Some(3),
        Some(2),
        Some(1),
        None,
        Some(0),
        Some(1),
        None,
        Some(2),
        Some(4),
    ]);
    let contact = contact(Sex::NotKnown);
    assert!(common::alloc::allocations_during(|| drop(std::hint::black_box(vec![1u8]))) > 0);
    let n = common::alloc::allocations_during(|| {
        let f = std::hint::black_box(score(std::hint::black_box(&answers), &contact));
        let c = score_audit_c(answers.audit_c(), &contact);
        let s = next_step(&answers);
        let t = next_step_audit_c(answers.audit_c());
        std::hint::black_box((f, c, s, t));
    });
    assert_eq!(n, 0);
}

// ---------------------------------------------------------------- golden vectors

#[test]
fn golden_vectors() {
    let cases = common::golden::cases(
        include_str!("data/audit.json"),
        80,
        &["CLINICAL-REFERENCE §5.2", "CLINICAL-REFERENCE §5.3"],
    );
    fn json<T: serde::Serialize>(v: T) -> Value {
        serde_json::to_value(v).unwrap()
    }
    let mut seen = [0usize; 2];
    for case in &cases {
        let contact = contact_with(&case.contact);
        match case.instrument.as_deref() {
            Some("audit_c") => {
                seen[0] += 1;
                let Some(answers) = case.answers::<AuditCAnswers>() else {
                    continue;
                };
                let finding = score_audit_c(&answers, &contact);
                case.check(&json(finding), &json(next_step_audit_c(&answers)));
                common::assert_json_contract(&finding);
                common::assert_json_contract(&answers);
            }
            Some("audit") => {
                seen[1] += 1;
                let Some(answers) = case.answers::<Answers>() else {
                    continue;
                };
                let finding = score(&answers, &contact);
                case.check(&json(finding), &json(next_step(&answers)));
                common::assert_json_contract(&finding);
                common::assert_json_contract(&answers);
            }
            other => panic!("{}: unknown instrument {other:?}", case.name),
        }
    }
    assert!(
        seen[0] >= 40 && seen[1] >= 30,
        "cases per instrument: {seen:?}"
    );
}

// ---------------------------------------------------------------- property tests

fn sex() -> impl Strategy<Value = Sex> {
    prop_oneof![Just(Sex::Male), Just(Sex::Female), Just(Sex::NotKnown)]
}

fn any_contact() -> impl Strategy<Value = Contact> {
    (0u32..=120, sex()).prop_map(|(age, sex)| {
        Contact::new(ContactFields {
            age: Age::new(age).unwrap(),
            age_in_months: None,
            age_confirmed: false,
            sex,
            pregnant: Pregnancy::NotKnown,
            family_background: Some(FamilyBackground::NotStated),
            setting: Setting::GeneralPractice,
            time_available: TimeAvailable::Brief,
            presenting_condition: None,
            intoxicated: Some(YesNoNotKnown::NotKnown),
            priority_groups: Some(PriorityGroups::NONE),
            comorbidities: Some(Comorbidities::NOT_KNOWN),
        })
        .unwrap()
    })
}

fn typical_day() -> impl Strategy<Value = TypicalDay> {
    prop_oneof![
        (0u32..=4).prop_map(|s| TypicalDay::from_band(TypicalDayBand::from_score(s).unwrap())),
        (0u32..=30_000)
            .prop_map(|c| TypicalDay::from_amount(AlcoholUnits::from_centi_units(c).unwrap())),
        // Concentrated around the band edges, where mistakes would be.
        (200u32..=1100)
            .prop_map(|c| TypicalDay::from_amount(AlcoholUnits::from_centi_units(c).unwrap())),
        prop::collection::vec((drink(), 1u32..=5), 1..4).prop_filter_map(
            "plausible total",
            |list| {
                let list: Vec<DrinkCount> = list
                    .into_iter()
                    .map(|(d, n)| DrinkCount::new(d, n).unwrap())
                    .collect();
                TypicalDay::from_drinks(&list).ok()
            }
        ),
    ]
}

fn how_often() -> impl Strategy<Value = HowOften> {
    (0u32..=4).prop_map(|s| HowOften::from_score(s, Question::Guilt).unwrap())
}

fn occurrence() -> impl Strategy<Value = Occurrence> {
    prop::sample::select(Occurrence::ALL.to_vec())
}

fn audit_c_fields() -> impl Strategy<Value = AuditCAnswersFields> {
    (
        reply((0u32..=4).prop_map(|s| DrinkingFrequency::from_score(s).unwrap())),
        reply(typical_day()),
        reply(how_often()),
    )
        .prop_map(|(f, t, h)| AuditCAnswersFields {
            frequency: f,
            typical_day: t,
            heavy_drinking: h,
        })
}

fn valid_audit_c() -> impl Strategy<Value = AuditCAnswers> {
    audit_c_fields().prop_filter_map("consistent answers", |f| AuditCAnswers::new(f).ok())
}

fn audit_fields() -> impl Strategy<Value = AnswersFields> {
    (
        valid_audit_c(),
        prop::array::uniform5(reply(how_often())),
        reply(occurrence()),
        reply(occurrence()),
    )
        .prop_map(|(c, [a4, a5, a6, a7, a8], a9, a10)| AnswersFields {
            audit_c: c,
            unable_to_stop: a4,
            failed_expectations: a5,
            morning_drink: a6,
            guilt: a7,
            memory_loss: a8,
            injury: a9,
            others_concerned: a10,
        })
}

fn valid_audit() -> impl Strategy<Value = Answers> {
    audit_fields().prop_filter_map("consistent answers", |f| Answers::new(f).ok())
}

/// Complete scores for the ten items, question 1 not `never` (so nothing is
/// skipped); items 9–10 as 0, 2 or 4.
fn complete_scores() -> impl Strategy<Value = [u32; 10]> {
    (
        1u32..=4,
        prop::array::uniform7(0u32..=4),
        prop::sample::select(vec![0u32, 2, 4]),
        prop::sample::select(vec![0u32, 2, 4]),
    )
        .prop_map(|(q1, [a, b, c, d, e, f, g], q9, q10)| [q1, a, b, c, d, e, f, g, q9, q10])
}

/// Arbitrary JSON, with keys and strings drawn mostly from the module's own
/// vocabulary so that deserializers are exercised beyond their first check.
fn json_value() -> impl Strategy<Value = Value> {
    common::json::arb_json_with(vec![
        "not_asked",
        "answered",
        "kind",
        "value",
        "score",
        "band",
        "units",
        "drinks",
        "drink",
        "count",
        "glass_of_wine",
        "custom",
        "volume_ml",
        "abv_percent",
        "frequency",
        "typical_day",
        "heavy_drinking",
        "unable_to_stop",
        "guilt",
        "injury",
        "others_concerned",
        "audit_c",
        "never",
        "monthly_or_less",
        "weekly",
        "daily_or_almost_daily",
        "no",
        "yes_during_the_last_year",
        "three_to_four",
        "ten_or_more",
        "result",
        "zone",
        "incomplete",
        "next",
        "total",
        "complete",
        "positive",
        "item_scores",
        "scored",
        "skipped",
        "source",
        "citation",
        "url",
        "ask",
        "lower_risk",
        "possible_dependence",
    ])
}

/// The answers with `q` answered by score `n`, if that is consistent.
fn with_answer(answers: &Answers, q: Question, n: u32) -> Option<Answers> {
    let mut fields = *answers.fields();
    let mut c = *fields.audit_c.fields();
    let h = HowOften::from_score(n, q).ok().map(Reply::Answered);
    let o = Occurrence::from_score(n, q).ok().map(Reply::Answered);
    match q {
        Question::Frequency => {
            c.frequency = Reply::Answered(DrinkingFrequency::from_score(n).ok()?)
        }
        Question::TypicalDay => c.typical_day = band(n),
        Question::HeavyDrinking => c.heavy_drinking = h?,
        Question::UnableToStop => fields.unable_to_stop = h?,
        Question::FailedExpectations => fields.failed_expectations = h?,
        Question::MorningDrink => fields.morning_drink = h?,
        Question::Guilt => fields.guilt = h?,
        Question::MemoryLoss => fields.memory_loss = h?,
        Question::Injury => fields.injury = o?,
        Question::OthersConcerned => fields.others_concerned = o?,
    }
    fields.audit_c = AuditCAnswers::new(c).ok()?;
    Answers::new(fields).ok()
}

fn feed_every_deserializer(v: &Value) {
    let _ = serde_json::from_value::<AuditCAnswers>(v.clone());
    let _ = serde_json::from_value::<AuditCAnswersFields>(v.clone());
    let _ = serde_json::from_value::<Answers>(v.clone());
    let _ = serde_json::from_value::<AnswersFields>(v.clone());
    let _ = serde_json::from_value::<TypicalDay>(v.clone());
    let _ = serde_json::from_value::<TypicalDayInput>(v.clone());
    let _ = serde_json::from_value::<TypicalDayBand>(v.clone());
    let _ = serde_json::from_value::<DrinkingFrequency>(v.clone());
    let _ = serde_json::from_value::<HowOften>(v.clone());
    let _ = serde_json::from_value::<Occurrence>(v.clone());
    let _ = serde_json::from_value::<ItemScore>(v.clone());
    let _ = serde_json::from_value::<AuditCFinding>(v.clone());
    let _ = serde_json::from_value::<AuditCResult>(v.clone());
    let _ = serde_json::from_value::<AuditCBand>(v.clone());
    let _ = serde_json::from_value::<AuditCStep>(v.clone());
    let _ = serde_json::from_value::<Finding>(v.clone());
    let _ = serde_json::from_value::<AuditResult>(v.clone());
    let _ = serde_json::from_value::<AuditZone>(v.clone());
    let _ = serde_json::from_value::<Step>(v.clone());
    let _ = serde_json::from_value::<AuditSource>(v.clone());
    let _ = serde_json::from_value::<Question>(v.clone());
}

proptest! {
    // CLINICAL-REFERENCE §5.2: a higher item score never lowers the AUDIT-C
    // band or turns positive to negative.
    #[test]
    fn audit_c_is_monotone(
        q in (1u32..=4, 0u32..=4, 0u32..=4),
        item in 0usize..3,
        c in any_contact(),
    ) {
        let (f, t, h) = q;
        let mut up = [f, t, h];
        up[item] = (up[item] + 1).min(4);
        let low = score_audit_c(&audit_c(freq(f), band(t), how(h)), &c);
        let high = score_audit_c(&audit_c(freq(up[0]), band(up[1]), how(up[2])), &c);
        prop_assert!(high.total >= low.total);
        prop_assert!(high.band().unwrap() >= low.band().unwrap());
        if low.positive == YesNoNotKnown::Yes {
            prop_assert_eq!(high.positive, YesNoNotKnown::Yes);
        }
        prop_assert!(high.ask_full_audit >= low.ask_full_audit);
    }

    // CLINICAL-REFERENCE §5.2: more units on a typical day never lowers the band.
    #[test]
    fn more_units_never_lower_the_band(a in 0u32..=30_000, b in 0u32..=30_000) {
        let (lo, hi) = (a.min(b), a.max(b));
        let band_of = |c: u32| TypicalDayBand::for_units(AlcoholUnits::from_centi_units(c).unwrap());
        prop_assert!(band_of(hi) >= band_of(lo));
    }

    // CLINICAL-REFERENCE §5.3: a higher item score never lowers the AUDIT zone.
    #[test]
    fn audit_is_monotone(s in complete_scores(), item in 0usize..10, c in any_contact()) {
        let mut up = s;
        up[item] = if item >= 8 { (up[item] + 2).min(4) } else { (up[item] + 1).min(4) };
        let low = score(&full(s.map(Some)), &c);
        let high = score(&full(up.map(Some)), &c);
        prop_assert!(low.complete && high.complete);
        prop_assert_eq!(u32::from(low.total), s.iter().sum::<u32>());
        prop_assert!(high.total >= low.total);
        prop_assert!(high.zone().unwrap() >= low.zone().unwrap());
    }

    // CLINICAL-REFERENCE §5.3: a zone reported early is the zone of every
    // completion of the answers.
    #[test]
    fn early_zone_holds_for_every_completion(
        s in complete_scores(),
        hidden in prop::array::uniform10(any::<bool>()),
        c in any_contact(),
    ) {
        let mut partial = s.map(Some);
        for (slot, hide) in partial.iter_mut().zip(hidden) {
            if hide { *slot = None; }
        }
        let early = score(&full(partial), &c);
        let late = score(&full(s.map(Some)), &c);
        prop_assert!(early.total <= late.total && late.total <= early.total_at_most);
        if let Some(zone) = early.zone() {
            prop_assert_eq!(late.zone(), Some(zone));
        }
        let early_c = score_audit_c(full(partial).audit_c(), &c);
        let late_c = score_audit_c(full(s.map(Some)).audit_c(), &c);
        if let Some(b) = early_c.band() {
            prop_assert_eq!(late_c.band(), Some(b));
        }
        match early_c.positive {
            YesNoNotKnown::Yes => prop_assert_eq!(late_c.positive, YesNoNotKnown::Yes),
            YesNoNotKnown::No => prop_assert_eq!(late_c.positive, YesNoNotKnown::No),
            YesNoNotKnown::NotKnown => {}
        }
    }

    // CLINICAL-REFERENCE §0, §5.2: sex changes only the wording of question 3
    // and what the finding records, never a score.
    #[test]
    fn sex_changes_wording_not_scores(answers in valid_audit(), c in any_contact()) {
        let with_sex = |sex: Sex| Contact::new(ContactFields { sex, ..c.fields() }).unwrap();
        let male = score(&answers, &with_sex(Sex::Male));
        let unknown = score(&answers, &with_sex(Sex::NotKnown));
        prop_assert_eq!(male.result, unknown.result);
        prop_assert_eq!(male.total, unknown.total);
        prop_assert!(unknown.audit_c.sex_assumed && !male.audit_c.sex_assumed);
        prop_assert_eq!(unknown.audit_c.heavy_occasion_units, 6);
        prop_assert_eq!(male.audit_c.heavy_occasion_units, 8);
    }

    // Score and next_step agree, and next_step never asks what is answered.
    #[test]
    fn score_and_next_step_agree(answers in valid_audit(), c in any_contact()) {
        let f = score(&answers, &c);
        match next_step(&answers) {
            Step::Ask(q) => {
                prop_assert!(!answers.is_answered(q));
                prop_assert!(!f.complete);
                if let AuditResult::Incomplete { next } = f.result {
                    prop_assert_eq!(q, next);
                }
            }
            Step::Complete(r) => {
                prop_assert!(f.complete);
                prop_assert_eq!(r, f.result);
                prop_assert!(matches!(r, AuditResult::Zone(_)));
                prop_assert_eq!(f.total, f.total_at_most);
            }
        }
        let fc = score_audit_c(answers.audit_c(), &c);
        prop_assert_eq!(f.audit_c, fc);
        match next_step_audit_c(answers.audit_c()) {
            AuditCStep::Ask(q) => {
                prop_assert!(!answers.is_answered(q));
                if let AuditCResult::Incomplete { next } = fc.result {
                    prop_assert_eq!(q, next);
                }
            }
            AuditCStep::Complete(r) => {
                prop_assert!(fc.complete);
                prop_assert_eq!(r, fc.result);
            }
        }
        prop_assert_eq!(fc.ask_full_audit, fc.positive == YesNoNotKnown::Yes);
        prop_assert!(f.total <= AUDIT_MAX && fc.total <= AUDIT_C_MAX);
    }

    // A form that answers whatever it is asked finishes within the ten items,
    // and every question it asks has an answer consistent with those given.
    #[test]
    fn following_next_step_finishes(start in valid_audit(), s in complete_scores()) {
        let mut answers = start;
        for _ in 0..=10 {
            let Step::Ask(q) = next_step(&answers) else { return Ok(()); };
            let preferred = s[usize::from(q.number() - 1)];
            let next = [preferred, 0, 1, 2, 3, 4]
                .into_iter()
                .find_map(|n| with_answer(&answers, q, n));
            prop_assert!(next.is_some(), "no consistent answer to {:?}", q);
            answers = next.unwrap();
        }
        prop_assert!(false, "the form did not finish within ten questions");
    }

    #[test]
    fn answers_and_findings_round_trip_and_match_schema(answers in valid_audit(), c in any_contact()) {
        common::assert_json_contract(&answers);
        common::assert_json_contract(answers.audit_c());
        common::assert_json_contract(&score(&answers, &c));
        common::assert_json_contract(&score_audit_c(answers.audit_c(), &c));
        common::assert_json_contract(&next_step(&answers));
        common::assert_json_contract(&next_step_audit_c(answers.audit_c()));
    }

    #[test]
    fn typical_day_round_trips(t in typical_day()) {
        common::assert_json_contract(&t);
    }

    #[test]
    fn constructors_never_panic(
        n in any::<u32>(),
        u in proptest::num::f64::ANY,
        q in prop::sample::select(Question::ALL.to_vec()),
        d in drink(),
        counts in prop::collection::vec(any::<u32>(), 0..8),
    ) {
        if let Ok(f) = DrinkingFrequency::from_score(n) { prop_assert!(u32::from(f.score()) == n); }
        if let Ok(h) = HowOften::from_score(n, q) { prop_assert!(u32::from(h.score()) == n); }
        if let Ok(o) = Occurrence::from_score(n, q) { prop_assert!(u32::from(o.score()) == n); }
        if let Ok(b) = TypicalDayBand::from_score(n) { prop_assert!(u32::from(b.score()) == n); }
        if let Ok(t) = TypicalDay::from_units(u) { common::assert_json_contract(&t); }
        let list: Vec<DrinkCount> =
            counts.into_iter().filter_map(|c| DrinkCount::new(d, c).ok()).collect();
        if let Ok(t) = TypicalDay::from_drinks(&list) {
            prop_assert!(t.units().unwrap().units() <= ALCOHOL_UNITS.max());
        }
    }

    #[test]
    fn consistency_checks_never_panic(fields in audit_c_fields(), more in audit_fields()) {
        let _ = AuditCAnswers::new(fields);
        let _ = Answers::new(more);
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
            "frequency": {"kind": "answered", "value": v.clone()},
            "typical_day": {"kind": "answered", "value": v.clone()},
            "heavy_drinking": {"kind": "not_asked"}
        }));
    }
}

#[test]
fn full_audit_reports_which_of_its_ten_questions_are_answered() {
    let score_for = |q: Question| match q {
        Question::Injury | Question::OthersConcerned => 2,
        _ => 1,
    };
    for (i, asked) in Question::ALL.into_iter().enumerate() {
        let mut scores = [None; 10];
        scores[i] = Some(score_for(asked));
        let one = full(scores);
        for q in Question::ALL {
            assert_eq!(one.is_answered(q), q == asked, "{asked:?} answered, {q:?}");
        }
    }
    let all = full(Question::ALL.map(|q| Some(score_for(q))));
    assert!(Question::ALL.into_iter().all(|q| all.is_answered(q)));
}

// Mutation testing showed these two could be broken unnoticed.
#[test]
fn audit_c_reports_which_of_its_questions_are_answered() {
    let none = audit_c(Reply::NotAsked, Reply::NotAsked, Reply::NotAsked);
    let all = audit_c(freq(2), band(1), how(1));
    for q in [
        Question::Frequency,
        Question::TypicalDay,
        Question::HeavyDrinking,
    ] {
        assert!(!none.is_answered(q), "{q:?}");
        assert!(all.is_answered(q), "{q:?}");
    }
    let first_only = audit_c(freq(2), Reply::NotAsked, Reply::NotAsked);
    assert!(first_only.is_answered(Question::Frequency));
    assert!(!first_only.is_answered(Question::TypicalDay));
    assert!(!first_only.is_answered(Question::HeavyDrinking));
    let last_only = audit_c(Reply::NotAsked, Reply::NotAsked, how(1));
    assert!(last_only.is_answered(Question::HeavyDrinking));
    assert!(!last_only.is_answered(Question::Frequency));
    assert!(
        !all.is_answered(Question::Guilt),
        "AUDIT-C holds only the first three questions"
    );
}

#[test]
fn audit_band_and_zone_names_are_their_json_names() {
    let bands = [
        AuditCBand::LowerRisk,
        AuditCBand::IncreasingRisk,
        AuditCBand::HigherRisk,
        AuditCBand::PossibleDependence,
    ]
    .map(|b| (b.as_str(), serde_json::to_value(b).unwrap()));
    let zones = [
        AuditZone::LowerRisk,
        AuditZone::IncreasingRisk,
        AuditZone::HigherRisk,
        AuditZone::PossibleDependence,
    ]
    .map(|z| (z.as_str(), serde_json::to_value(z).unwrap()));
    for (name, json) in bands.into_iter().chain(zones) {
        assert_eq!(json!(name), json);
    }
}

/// Most record systems store the questions skipped after `never` as 0: a
/// never-drinker's all-zero AUDIT is accepted and scores 0, lower risk
/// (CLINICAL-REFERENCE §5.2, Decision).
#[test]
fn a_never_drinkers_all_zero_audit_as_record_systems_store_it_is_accepted() {
    let a = full([Some(0); 10]);
    let f = score(&a, &contact(Sex::Male));
    assert_eq!(f.total, 0);
    assert_eq!(f.result, AuditResult::Zone(AuditZone::LowerRisk));
    assert!(f.complete);
    // A non-zero answer after `never` still contradicts it.
    let err = AuditCAnswers::new(AuditCAnswersFields {
        frequency: Reply::Answered(DrinkingFrequency::Never),
        typical_day: Reply::Answered(TypicalDay::from_units(3.0).unwrap()),
        heavy_drinking: Reply::NotAsked,
    })
    .unwrap_err();
    assert!(err.is_inconsistent(), "{err}");
}
