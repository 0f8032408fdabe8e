//! Physical activity: GPPAQ and weekly minutes (CLINICAL-REFERENCE §4.1–§4.2),
//! and weekly minutes for children and young people aged 5 to 18 (§8.4).
mod common;

use mecc::Error;
use mecc::context::Contact;
use mecc::instruments::Reply;
use mecc::instruments::activity::{self, *};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};

fn contact(age: u32) -> Contact {
    common::fixtures::contact_with(json!({
        "age": age, "sex": "not_known", "pregnant": "not_known",
        "family_background": "not_stated", "time_available": "brief"
    }))
}

fn bands(exercise: HoursBand, cycling: HoursBand) -> ExerciseAndCycling {
    ExerciseAndCycling::Bands(ExerciseAndCyclingBands { exercise, cycling })
}

fn gppaq_only(occupation: Occupation, ec: ExerciseAndCycling) -> Answers {
    Answers {
        gppaq: Reply::Answered(GppaqAnswers::scored_only(occupation, ec)),
        weekly: Reply::NotAsked,
    }
}

fn weekly_only(moderate: u32, vigorous: u32, strength: Option<u32>) -> Answers {
    let strength = match strength {
        Some(d) => Reply::Answered(StrengthDays::new(d).unwrap()),
        None => Reply::NotAsked,
    };
    Answers {
        gppaq: Reply::NotAsked,
        weekly: Reply::Answered(WeeklyActivity::try_new(moderate, vigorous, strength).unwrap()),
    }
}

fn index_at(age: u32, occupation: Occupation, ec: ExerciseAndCycling) -> GppaqOutcome {
    activity::score(&gppaq_only(occupation, ec), &contact(age)).gppaq
}

fn weekly_at(age: u32, moderate: u32, vigorous: u32, strength: Option<u32>) -> WeeklyResult {
    match activity::score(&weekly_only(moderate, vigorous, strength), &contact(age)).weekly {
        WeeklyOutcome::Assessed(r) => r,
        WeeklyOutcome::NotAsked => panic!("weekly minutes were answered"),
    }
}

fn scored_index(outcome: GppaqOutcome) -> PhysicalActivityIndex {
    match outcome {
        GppaqOutcome::Scored(r) => r.index,
        other => panic!("expected a scored GPPAQ, got {other:?}"),
    }
}

// ---------------------------------------------------------------- allocation

// Scoring reads a table and compares whole numbers: it allocates nothing, on
// every path (scored by bands or minutes, incomplete, outside 16 to 74, weekly
// minutes for adults and under 19, nothing asked).
#[test]
fn scoring_allocates_nothing() {
    // The counter does see allocations.
    assert!(common::alloc::allocations_during(|| drop(std::hint::black_box(vec![1u8]))) > 0);
    let minutes = ExerciseAndCycling::Minutes(ExerciseAndCyclingMinutes::try_new(45, 30).unwrap());
    let both = Answers {
        gppaq: Reply::Answered(GppaqAnswers::scored_only(
            Occupation::NotInEmployment,
            bands(HoursBand::SomeButLessThan1, HoursBand::SomeButLessThan1),
        )),
        weekly: Reply::Answered(
            WeeklyActivity::try_new(90, 30, Reply::Answered(StrengthDays::new(2).unwrap()))
                .unwrap(),
        ),
    };
    let incomplete = Answers {
        gppaq: Reply::Answered(GppaqAnswers {
            occupation: Reply::NotAsked,
            ..GppaqAnswers::scored_only(Occupation::Standing, minutes)
        }),
        weekly: Reply::NotAsked,
    };
    let cases = [
        (both, 40),
        (both, 17),
        (both, 15),
        (both, 75),
        (gppaq_only(Occupation::HeavyManual, minutes), 30),
        (incomplete, 50),
        (weekly_only(10, 5, None), 10),
        (Answers::NOT_ASKED, 40),
    ];
    for (answers, age) in &cases {
        let contact = contact(*age);
        let n = common::alloc::allocations_during(|| {
            std::hint::black_box(activity::score(
                std::hint::black_box(answers),
                std::hint::black_box(&contact),
            ));
        });
        assert_eq!(n, 0, "score allocated at age {age} for {answers:?}");
    }
}

// ---------------------------------------------------------------- golden vectors

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Golden {
    name: String,
    source: String,
    age: u32,
    answers: Value,
    expected: Option<Expected>,
    expected_error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    gppaq: GppaqOutcome,
    weekly: WeeklyOutcome,
}

/// Every case in `tests/data/activity.json`: the 80 GPPAQ band combinations
/// (expected index worked out by hand from the §4.1 table and combination
/// rule), the age, minutes and guideline edges, and refused inputs.
#[test]
fn golden_vectors() {
    let cases: Vec<Golden> = serde_json::from_str(include_str!("data/activity.json")).unwrap();
    assert!(cases.len() >= 150, "only {} golden cases", cases.len());
    let all_gppaq_bands = cases
        .iter()
        .filter(|c| c.name.starts_with("gppaq ") && c.name.contains(", exercise "))
        .count();
    assert_eq!(
        all_gppaq_bands, 80,
        "5 occupations × 4 exercise × 4 cycling"
    );
    #[cfg(feature = "schema")]
    let validator = jsonschema::validator_for(&common::schema_of::<Answers>()).unwrap();
    for case in &cases {
        assert!(
            case.source.starts_with("CLINICAL-REFERENCE §4"),
            "{}: source {:?} should cite the clinical reference",
            case.name,
            case.source
        );
        let parsed = serde_json::from_value::<Answers>(case.answers.clone());
        match (&case.expected, &case.expected_error) {
            (Some(expected), None) => {
                let answers = parsed.unwrap_or_else(|e| panic!("{}: {e}", case.name));
                #[cfg(feature = "schema")]
                assert!(
                    validator.is_valid(&case.answers),
                    "{}: answers do not match the schema",
                    case.name
                );
                let finding = activity::score(&answers, &contact(case.age));
                assert_eq!(finding.gppaq, expected.gppaq, "{}", case.name);
                assert_eq!(finding.weekly, expected.weekly, "{}", case.name);
                assert_eq!(finding.source, ActivitySource::Gppaq2009Cmo2019);
            }
            (None, Some(message)) => {
                let err = parsed.expect_err(&case.name).to_string();
                assert!(err.contains(message.as_str()), "{}: {err}", case.name);
            }
            _ => panic!(
                "{}: give exactly one of expected, expected_error",
                case.name
            ),
        }
    }
}

// ---------------------------------------------------------------- provenance and constants

#[test]
fn sources_and_version_are_recorded() {
    assert_eq!(activity::SOURCES.len(), 5);
    assert_eq!(activity::SOURCE, activity::GPPAQ_SOURCE);
    for source in activity::SOURCES {
        assert!(!source.citation.is_empty());
        assert!(source.url.is_some_and(|u| u.starts_with("https://")));
    }
    assert!(activity::GPPAQ_SOURCE.citation.contains("May 2009"));
    assert!(activity::NICE_PH44_SOURCE.citation.contains("PH44"));
    assert!(activity::CMO_2019_SOURCE.citation.contains("2019"));
    assert!(
        activity::ACTIVE_LIVES_SOURCE
            .citation
            .contains("Active Lives")
    );
    assert!(
        activity::ACTIVE_LIVES_CYP_SOURCE
            .citation
            .contains("Children and Young People")
    );
    let id = ActivitySource::Gppaq2009Cmo2019;
    assert_eq!(serde_json::to_value(id).unwrap(), json!(activity::VERSION));
    assert_eq!(id.version(), activity::VERSION);
    assert_eq!(id.sources(), activity::SOURCES);
    let finding = activity::score(&Answers::NOT_ASKED, &contact(40));
    assert_eq!(finding.source, id);
}

// CLINICAL-REFERENCE §4.1, §4.2, §7: the named thresholds hold the spec's values.
#[test]
fn thresholds_are_the_spec_values() {
    assert_eq!((GPPAQ_MIN_AGE, GPPAQ_MAX_AGE), (16, 74));
    assert_eq!(
        (
            HOURS_BAND_NONE_MINUTES,
            HOURS_BAND_ONE_HOUR_MINUTES,
            HOURS_BAND_THREE_HOURS_MINUTES
        ),
        (0, 60, 180)
    );
    assert_eq!(COMBINED_POINTS_CAP, 3);
    assert_eq!(GUIDELINE_MODERATE_EQUIVALENT_MINUTES, 150);
    assert_eq!(ADULT_GUIDELINE_MIN_AGE, 19);
    assert_eq!(CHILDREN_GUIDELINE_AVERAGE_MINUTES_PER_DAY, 60);
    assert_eq!(VIGOROUS_WEIGHT, 2);
    assert_eq!(
        (
            ACTIVE_LIVES_FAIRLY_ACTIVE_MIN_MINUTES,
            ACTIVE_LIVES_ACTIVE_MIN_MINUTES
        ),
        (30, 150)
    );
    assert_eq!(ACTIVE_LIVES_MIN_AGE, 16);
    assert_eq!(STRENGTH_GUIDELINE_DAYS, 2);
    assert_eq!((STRENGTH_DAYS.min(), STRENGTH_DAYS.max()), (0.0, 7.0));
    assert_eq!(GPPAQ_INDEX_OBSERVABLE_SNOMED_CT, "1086511000000107");
    // §8.4: 5 to 18; an average of 60 minutes a day across the week is 420 a
    // week; Active Lives Children and Young People bands at 30 and 60 a day.
    assert_eq!((CYP_GUIDELINE_MIN_AGE, CYP_GUIDELINE_MAX_AGE), (5, 18));
    assert_eq!(CYP_GUIDELINE_MAX_AGE + 1, ADULT_GUIDELINE_MIN_AGE);
    assert_eq!(DAYS_IN_WEEK, 7);
    assert_eq!(CYP_GUIDELINE_WEEKLY_MINUTES, 420);
    assert_eq!(CYP_FAIRLY_ACTIVE_MIN_MINUTES_PER_DAY, 30);
    assert_eq!(CYP_FAIRLY_ACTIVE_MIN_WEEKLY_MINUTES, 210);
}

// ---------------------------------------------------------------- GPPAQ (§4.1)

// CLINICAL-REFERENCE §4.1: points none 0, some 1, 1–<3 2, 3+ 3.
#[test]
fn band_points_section_4_1() {
    let points: Vec<u8> = HoursBand::ALL.iter().map(|b| b.points()).collect();
    assert_eq!(points, [0, 1, 2, 3]);
    for band in HoursBand::ALL {
        assert_eq!(HoursBand::from_points(band.points()), band);
    }
    assert_eq!(HoursBand::from_points(6), HoursBand::ThreeOrMore);
}

// CLINICAL-REFERENCE §4.1 Decision: the sum of the two bands' points, capped at 3.
#[test]
fn combination_is_the_capped_sum_of_points_section_4_1() {
    use HoursBand::*;
    let some = SomeButLessThan1;
    assert_eq!(combined_exercise_and_cycling(None, None), None);
    assert_eq!(combined_exercise_and_cycling(some, None), some);
    assert_eq!(combined_exercise_and_cycling(None, some), some);
    assert_eq!(combined_exercise_and_cycling(some, some), OneToLessThan3);
    assert_eq!(
        combined_exercise_and_cycling(some, OneToLessThan3),
        ThreeOrMore
    );
    assert_eq!(
        combined_exercise_and_cycling(OneToLessThan3, OneToLessThan3),
        ThreeOrMore
    );
    assert_eq!(
        combined_exercise_and_cycling(ThreeOrMore, ThreeOrMore),
        ThreeOrMore
    );
}

// CLINICAL-REFERENCE §4.1 Decision: the sum rule and the larger-band rule differ
// only when both answers are non-zero.
#[test]
fn sum_rule_differs_from_larger_band_only_when_both_non_zero() {
    for e in HoursBand::ALL {
        for c in HoursBand::ALL {
            let larger = e.max(c);
            let sum = combined_exercise_and_cycling(e, c);
            if e == HoursBand::None || c == HoursBand::None {
                assert_eq!(sum, larger, "{e:?} + {c:?}");
            } else {
                assert!(sum >= larger, "{e:?} + {c:?}");
            }
        }
    }
    // Some of each: 1 + 1 = 2 points.
    assert_ne!(
        combined_exercise_and_cycling(HoursBand::SomeButLessThan1, HoursBand::SomeButLessThan1),
        HoursBand::SomeButLessThan1
    );
}

// CLINICAL-REFERENCE §4.1: hours bands by minutes, at and on both sides of 0, 60, 180.
#[test]
fn hours_band_minute_edges_section_4_1() {
    let cases = [
        (0, HoursBand::None),
        (1, HoursBand::SomeButLessThan1),
        (59, HoursBand::SomeButLessThan1),
        (60, HoursBand::OneToLessThan3),
        (61, HoursBand::OneToLessThan3),
        (179, HoursBand::OneToLessThan3),
        (180, HoursBand::ThreeOrMore),
        (181, HoursBand::ThreeOrMore),
        (u32::MAX, HoursBand::ThreeOrMore),
    ];
    for (minutes, band) in cases {
        assert_eq!(HoursBand::from_minutes(minutes), band, "{minutes} min");
    }
}

// CLINICAL-REFERENCE §4.1: with exact minutes the band of the sum decides, so
// 30 + 30 minutes is 1 to less than 3 hours.
#[test]
fn exact_minutes_use_the_band_of_their_sum_section_4_1() {
    let cases = [
        (0, 0, HoursBand::None),
        (1, 0, HoursBand::SomeButLessThan1),
        (30, 29, HoursBand::SomeButLessThan1),
        (30, 30, HoursBand::OneToLessThan3),
        (100, 79, HoursBand::OneToLessThan3),
        (100, 80, HoursBand::ThreeOrMore),
    ];
    for (e, c, band) in cases {
        let m = ExerciseAndCyclingMinutes::try_new(e, c).unwrap();
        assert_eq!(m.total(), e + c);
        assert_eq!(m.combined_band(), band, "{e} + {c}");
        assert_eq!(ExerciseAndCycling::Minutes(m).combined_band(), band);
        match index_at(45, Occupation::Sedentary, ExerciseAndCycling::Minutes(m)) {
            GppaqOutcome::Scored(r) => assert_eq!(r.combined_band, band),
            other => panic!("{other:?}"),
        }
    }
}

// CLINICAL-REFERENCE §4.1: the Physical Activity Index table, corner by corner.
#[test]
fn index_table_section_4_1() {
    use PhysicalActivityIndex::*;
    let t = |o, b| physical_activity_index(o, b);
    assert_eq!(t(Occupation::Sedentary, HoursBand::None), Inactive);
    assert_eq!(t(Occupation::Standing, HoursBand::None), ModeratelyInactive);
    assert_eq!(t(Occupation::Physical, HoursBand::None), ModeratelyActive);
    assert_eq!(t(Occupation::HeavyManual, HoursBand::None), Active);
    assert_eq!(
        t(Occupation::Sedentary, HoursBand::SomeButLessThan1),
        ModeratelyInactive
    );
    assert_eq!(
        t(Occupation::Standing, HoursBand::SomeButLessThan1),
        ModeratelyActive
    );
    assert_eq!(t(Occupation::Physical, HoursBand::SomeButLessThan1), Active);
    assert_eq!(
        t(Occupation::Sedentary, HoursBand::OneToLessThan3),
        ModeratelyActive
    );
    assert_eq!(t(Occupation::Standing, HoursBand::OneToLessThan3), Active);
    assert_eq!(t(Occupation::Sedentary, HoursBand::ThreeOrMore), Active);
    assert!(Inactive < ModeratelyInactive && ModeratelyInactive < ModeratelyActive);
    assert!(ModeratelyActive < Active);
}

// CLINICAL-REFERENCE §4.1: not in employment is scored as sedentary.
#[test]
fn not_in_employment_is_scored_as_sedentary_section_4_1() {
    assert_eq!(
        Occupation::NotInEmployment.as_scored(),
        ScoredOccupation::Sedentary
    );
    for band in HoursBand::ALL {
        assert_eq!(
            physical_activity_index(Occupation::NotInEmployment, band),
            physical_activity_index(Occupation::Sedentary, band)
        );
    }
    match index_at(
        30,
        Occupation::NotInEmployment,
        bands(HoursBand::None, HoursBand::None),
    ) {
        GppaqOutcome::Scored(r) => {
            assert_eq!(r.occupation, Occupation::NotInEmployment);
            assert_eq!(r.occupation_as_scored, ScoredOccupation::Sedentary);
            assert_eq!(r.index, PhysicalActivityIndex::Inactive);
        }
        other => panic!("{other:?}"),
    }
}

// CLINICAL-REFERENCE §4.1: valid for ages 16–74; outside, not applicable.
#[test]
fn gppaq_age_edges_section_4_1() {
    let ec = bands(HoursBand::None, HoursBand::None);
    assert_eq!(
        index_at(15, Occupation::Sedentary, ec),
        GppaqOutcome::NotApplicable {
            reason: NotApplicableReason::AgeBelowGppaqRange
        }
    );
    assert_eq!(
        scored_index(index_at(16, Occupation::Sedentary, ec)),
        PhysicalActivityIndex::Inactive
    );
    assert_eq!(
        scored_index(index_at(74, Occupation::Sedentary, ec)),
        PhysicalActivityIndex::Inactive
    );
    assert_eq!(
        index_at(75, Occupation::Sedentary, ec),
        GppaqOutcome::NotApplicable {
            reason: NotApplicableReason::AgeAboveGppaqRange
        }
    );
}

#[test]
fn incomplete_gppaq_names_what_is_missing() {
    let mut answers = GppaqAnswers::scored_only(
        Occupation::Standing,
        bands(HoursBand::None, HoursBand::None),
    );
    answers.occupation = Reply::NotAsked;
    let finding = activity::score(
        &Answers {
            gppaq: Reply::Answered(answers),
            weekly: Reply::NotAsked,
        },
        &contact(40),
    );
    assert_eq!(
        finding.gppaq,
        GppaqOutcome::Incomplete {
            missing: MissingGppaqAnswers::Occupation
        }
    );
    assert_eq!(finding.index(), None);
}

// ---------------------------------------------------------------- weekly minutes (§4.2)

// CLINICAL-REFERENCE §4.2; Sport England Active Lives: inactive < 30, fairly active 30–149, active ≥ 150.
#[test]
fn active_lives_band_edges_section_4_2() {
    let cases = [
        (29, ActiveLivesBand::Inactive),
        (30, ActiveLivesBand::FairlyActive),
        (31, ActiveLivesBand::FairlyActive),
        (149, ActiveLivesBand::FairlyActive),
        (150, ActiveLivesBand::Active),
        (151, ActiveLivesBand::Active),
    ];
    for (minutes, band) in cases {
        assert_eq!(
            ActiveLivesBand::from_moderate_equivalent_minutes(minutes),
            band
        );
        let r = weekly_at(40, minutes, 0, None);
        assert_eq!(r.active_lives, ActiveLivesOutcome::Band(band), "{minutes}");
    }
}

// CLINICAL-REFERENCE §4.2; UK CMO 2019: vigorous minutes count double.
#[test]
fn vigorous_minutes_count_double_section_4_2() {
    let r = weekly_at(40, 0, 74, None);
    assert_eq!(r.moderate_equivalent_minutes, 148);
    assert_eq!(r.aerobic_guideline, Guideline::NotMet);
    assert_eq!(
        r.active_lives,
        ActiveLivesOutcome::Band(ActiveLivesBand::FairlyActive)
    );
    let r = weekly_at(40, 0, 75, None);
    assert_eq!(r.moderate_equivalent_minutes, 150);
    assert_eq!(r.aerobic_guideline, Guideline::Met);
    assert_eq!(weekly_at(40, 0, 14, None).moderate_equivalent_minutes, 28);
    assert_eq!(
        weekly_at(40, 0, 15, None).active_lives,
        ActiveLivesOutcome::Band(ActiveLivesBand::FairlyActive)
    );
    // The moderate-equivalent total may exceed the minutes in a week.
    let week = WeeklyActivity::try_new(0, 10_080, Reply::NotAsked).unwrap();
    assert_eq!(week.moderate_equivalent_minutes(), 20_160);
}

// CLINICAL-REFERENCE §4.2; UK CMO 2019: 150 moderate-equivalent minutes meets the guideline.
#[test]
fn aerobic_guideline_edges_section_4_2() {
    assert_eq!(
        weekly_at(40, 149, 0, None).aerobic_guideline,
        Guideline::NotMet
    );
    assert_eq!(
        weekly_at(40, 150, 0, None).aerobic_guideline,
        Guideline::Met
    );
    assert_eq!(
        weekly_at(40, 100, 24, None).aerobic_guideline,
        Guideline::NotMet
    );
    assert_eq!(
        weekly_at(40, 100, 25, None).aerobic_guideline,
        Guideline::Met
    );
}

// CLINICAL-REFERENCE §4.2; UK CMO 2019: muscle strengthening on 2 or more days.
#[test]
fn strength_guideline_edges_section_4_2() {
    assert_eq!(
        weekly_at(40, 0, 0, Some(1)).strength_guideline,
        Guideline::NotMet
    );
    assert_eq!(
        weekly_at(40, 0, 0, Some(2)).strength_guideline,
        Guideline::Met
    );
    assert_eq!(
        weekly_at(40, 0, 0, Some(7)).strength_guideline,
        Guideline::Met
    );
    assert_eq!(
        weekly_at(40, 0, 0, None).strength_guideline,
        Guideline::NotAsked
    );
}

// CLINICAL-REFERENCE §4.2 (adults 19–64 and older adults); UK CMO 2019: the
// adult guideline does not judge people under 19.
#[test]
fn adult_guideline_from_age_19_section_4_2() {
    let under = Guideline::NotApplicable {
        reason: NotApplicableReason::AgeBelowAdultGuideline,
    };
    let r = weekly_at(18, 150, 0, Some(2));
    assert_eq!(r.aerobic_guideline, under);
    assert_eq!(r.strength_guideline, under);
    assert_eq!(
        r.active_lives,
        ActiveLivesOutcome::Band(ActiveLivesBand::Active)
    );
    let r = weekly_at(19, 150, 0, Some(2));
    assert_eq!(r.aerobic_guideline, Guideline::Met);
    assert_eq!(r.strength_guideline, Guideline::Met);
    assert_eq!(
        weekly_at(120, 150, 0, None).aerobic_guideline,
        Guideline::Met
    );
    assert!(
        NotApplicableReason::AgeBelowAdultGuideline
            .description()
            .contains("60 minutes")
    );
}

// ---------------------------------------------------------------- children and young people (§8.4)

/// The children and young people's result at `age`, which must apply.
fn cyp_at(age: u32, moderate: u32, vigorous: u32) -> CypWeeklyResult {
    match weekly_at(age, moderate, vigorous, None).children_and_young_people {
        CypWeeklyOutcome::Assessed(r) => r,
        other => panic!("at {age}: {other:?}"),
    }
}

// CLINICAL-REFERENCE §8.4: `less_active` under 30 minutes a day (under 210 a
// week), `fairly_active` 30–59 (210–419), `active` 60 or more (420 or more),
// and the guideline met at an average of 60 a day, 420 a week.
#[test]
fn cyp_band_edges_section_8_4() {
    use CypActivityBand::{Active, FairlyActive, LessActive};
    for (minutes, band, average) in [
        (0, LessActive, 0),
        (1, LessActive, 0),
        (209, LessActive, 29),
        (210, FairlyActive, 30),
        (211, FairlyActive, 30),
        (419, FairlyActive, 59),
        (420, Active, 60),
        (421, Active, 60),
        (10_080, Active, 1_440),
    ] {
        let r = cyp_at(12, minutes, 0);
        assert_eq!(r.band, band, "{minutes} minutes");
        assert_eq!(r.average_minutes_per_day, average, "{minutes} minutes");
        assert_eq!(r.moderate_to_vigorous_minutes, minutes);
        assert_eq!(r.meets_guideline, minutes >= 420, "{minutes} minutes");
        assert_eq!(CypActivityBand::from_weekly_minutes(minutes), band);
    }
}

// CLINICAL-REFERENCE §8.4: the guideline is for ages 5 to 18; the adult one
// starts at 19 (§4.2). Either side of each edge.
#[test]
fn cyp_guideline_ages_5_to_18_section_8_4() {
    let below = CypWeeklyOutcome::NotApplicable {
        reason: NotApplicableReason::AgeBelowChildrenAndYoungPeopleRange,
    };
    let above = CypWeeklyOutcome::NotApplicable {
        reason: NotApplicableReason::AgeAboveChildrenAndYoungPeopleRange,
    };
    for age in [0, 4] {
        assert_eq!(
            weekly_at(age, 420, 0, None).children_and_young_people,
            below
        );
    }
    for age in [5, 10, 15, 16, 17, 18] {
        assert_eq!(cyp_at(age, 209, 0).band, CypActivityBand::LessActive);
        assert_eq!(cyp_at(age, 420, 0).band, CypActivityBand::Active);
    }
    for age in [19, 40, 120] {
        assert_eq!(
            weekly_at(age, 420, 0, None).children_and_young_people,
            above
        );
    }
    // The adult parts keep their own ages: at 18 the adult guideline does not
    // apply and the adult Active Lives band is still reported; at 19 the
    // adult guideline is judged.
    let r = weekly_at(18, 149, 0, Some(2));
    assert_eq!(
        r.aerobic_guideline,
        Guideline::NotApplicable {
            reason: NotApplicableReason::AgeBelowAdultGuideline
        }
    );
    assert_eq!(
        r.active_lives,
        ActiveLivesOutcome::Band(ActiveLivesBand::FairlyActive)
    );
    assert_eq!(
        weekly_at(19, 149, 0, Some(2)).aerobic_guideline,
        Guideline::NotMet
    );
    for reason in [
        NotApplicableReason::AgeBelowChildrenAndYoungPeopleRange,
        NotApplicableReason::AgeAboveChildrenAndYoungPeopleRange,
    ] {
        assert!(reason.description().contains("children and young people"));
    }
}

// CLINICAL-REFERENCE §8.4 **Decision** (docs §11.10): children's minutes are
// minutes of moderate-to-vigorous activity, each counted once; the adult
// doubling of vigorous minutes (§4.2) is not applied.
#[test]
fn vigorous_minutes_are_not_doubled_for_children_section_8_4() {
    let r = cyp_at(12, 0, 210);
    assert_eq!(r.moderate_to_vigorous_minutes, 210);
    assert_eq!(r.band, CypActivityBand::FairlyActive);
    assert!(!r.meets_guideline);
    assert_eq!(weekly_at(12, 0, 210, None).moderate_equivalent_minutes, 420);
    assert_eq!(cyp_at(12, 0, 209).band, CypActivityBand::LessActive);
    assert_eq!(cyp_at(12, 100, 110).band, CypActivityBand::FairlyActive);
    assert_eq!(cyp_at(12, 300, 120).band, CypActivityBand::Active);
    let week = WeeklyActivity::try_new(300, 119, Reply::NotAsked).unwrap();
    assert_eq!(week.moderate_to_vigorous_minutes(), 419);
    assert_eq!(week.cyp_band(), CypActivityBand::FairlyActive);
}

// CLINICAL-REFERENCE §8.4 **Decision** (docs §11.10): from 5 to 18 the weekly
// minutes give the children and young people's outcomes only, never the
// adult `weekly_*` ones; from 19 the adult ones only. GPPAQ's index is
// still given from 16 (§4.1).
#[test]
fn weekly_outcomes_by_age_section_8_4() {
    use mecc::outcome::Outcome::*;
    let outcomes = |age: u32, minutes: u32| {
        activity::score(&weekly_only(minutes, 0, Some(2)), &contact(age))
            .outcomes()
            .iter()
            .collect::<Vec<_>>()
    };
    assert_eq!(outcomes(4, 0), []);
    for age in [5, 12, 15, 16, 17, 18] {
        assert_eq!(outcomes(age, 209), [CypLessActive], "at {age}");
        assert_eq!(outcomes(age, 210), [CypFairlyActive], "at {age}");
        assert_eq!(outcomes(age, 419), [CypFairlyActive], "at {age}");
        assert_eq!(outcomes(age, 420), [CypActive], "at {age}");
    }
    for age in [19, 40, 120] {
        assert_eq!(outcomes(age, 29), [WeeklyInactive], "at {age}");
        assert_eq!(outcomes(age, 209), [WeeklyActive], "at {age}");
    }
    let both = Answers {
        gppaq: gppaq_only(
            Occupation::Sedentary,
            bands(HoursBand::None, HoursBand::None),
        )
        .gppaq,
        weekly: weekly_only(20, 0, None).weekly,
    };
    let f = activity::score(&both, &contact(17));
    assert_eq!(
        f.outcomes().iter().collect::<Vec<_>>(),
        [ActivityIndexCalculated, ActivityInactive, CypLessActive]
    );
    assert_eq!(f.cyp_band(), Some(CypActivityBand::LessActive));
    assert_eq!(f.weekly_band(), Some(ActiveLivesBand::Inactive));
    let f = activity::score(&both, &contact(40));
    assert_eq!(f.cyp_band(), None);
    assert_eq!(
        activity::score(&Answers::NOT_ASKED, &contact(12)).cyp_band(),
        None
    );
}

// The JSON names of the children and young people's result (§8.4): tagged
// objects, snake_case, unknown fields refused.
#[test]
fn cyp_json_shape_section_8_4() {
    let json = serde_json::to_value(weekly_at(12, 280, 0, None).children_and_young_people).unwrap();
    assert_eq!(
        json,
        json!({"kind": "assessed", "value": {"moderate_to_vigorous_minutes": 280,
            "average_minutes_per_day": 40, "meets_guideline": false, "band": "fairly_active"}})
    );
    let json = serde_json::to_value(weekly_at(19, 280, 0, None).children_and_young_people).unwrap();
    assert_eq!(
        json,
        json!({"kind": "not_applicable", "value": {"reason": "age_above_children_and_young_people_range"}})
    );
    assert_eq!(
        serde_json::to_value(weekly_at(4, 280, 0, None).children_and_young_people).unwrap()["value"]
            ["reason"],
        "age_below_children_and_young_people_range"
    );
    for (band, name) in [
        (CypActivityBand::LessActive, "less_active"),
        (CypActivityBand::FairlyActive, "fairly_active"),
        (CypActivityBand::Active, "active"),
    ] {
        assert_eq!(serde_json::to_value(band).unwrap(), name);
    }
    let extra = json!({"kind": "assessed", "value": {"moderate_to_vigorous_minutes": 280,
        "average_minutes_per_day": 40, "meets_guideline": false, "band": "fairly_active", "x": 1}});
    assert!(serde_json::from_value::<CypWeeklyOutcome>(extra).is_err());
}

// Sport England Active Lives adult bands: from age 16.
#[test]
fn active_lives_band_from_age_16() {
    assert_eq!(
        weekly_at(15, 150, 0, None).active_lives,
        ActiveLivesOutcome::NotApplicable {
            reason: NotApplicableReason::AgeBelowActiveLivesRange
        }
    );
    assert_eq!(
        weekly_at(16, 150, 0, None).active_lives,
        ActiveLivesOutcome::Band(ActiveLivesBand::Active)
    );
}

#[test]
fn finding_helpers_read_the_outcomes() {
    let answers = Answers {
        gppaq: gppaq_only(
            Occupation::Physical,
            bands(HoursBand::None, HoursBand::None),
        )
        .gppaq,
        weekly: weekly_only(10, 10, Some(0)).weekly,
    };
    let f = activity::score(&answers, &contact(30));
    assert_eq!(f.index(), Some(PhysicalActivityIndex::ModeratelyActive));
    assert_eq!(f.weekly_band(), Some(ActiveLivesBand::FairlyActive));
    assert_eq!(f.meets_aerobic_guideline(), Some(false));
    let f = activity::score(&answers, &contact(17));
    assert_eq!(f.meets_aerobic_guideline(), None);
    let f = activity::score(&Answers::NOT_ASKED, &contact(30));
    assert_eq!(
        (f.index(), f.weekly_band(), f.meets_aerobic_guideline()),
        (None, None, None)
    );
    assert_eq!(f.gppaq, GppaqOutcome::NotAsked);
    assert_eq!(f.weekly, WeeklyOutcome::NotAsked);
}

// ---------------------------------------------------------------- errors

#[test]
fn out_of_range_minutes_name_the_field_and_value() {
    let err = WeeklyActivity::try_new(10_081, 0, Reply::NotAsked).unwrap_err();
    assert_eq!(
        err.to_string(),
        "moderate_minutes_per_week is 10081: expected from 0 to 10080 minutes (the minutes in one week)"
    );
    assert!(err.is_out_of_range());
    let err = WeeklyActivity::try_new(0, 20_000, Reply::NotAsked).unwrap_err();
    assert_eq!(err.field(), "vigorous_minutes_per_week");
    assert!(
        err.to_string()
            .starts_with("vigorous_minutes_per_week is 20000")
    );
    let err = ExerciseAndCyclingMinutes::try_new(10_081, 0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "minutes.exercise is 10081: expected from 0 to 10080 minutes (the minutes in one week)"
    );
    let err = ExerciseAndCyclingMinutes::try_new(0, u32::MAX).unwrap_err();
    assert_eq!(err.field(), "minutes.cycling");
    assert!(err.to_string().contains("4294967295"));
}

#[test]
fn out_of_range_strength_days_name_the_field_and_value() {
    let err = StrengthDays::new(8).unwrap_err();
    assert_eq!(
        err.to_string(),
        "strength_days_per_week is 8: expected from 0 to 7 days (the days in one week)"
    );
    assert!(matches!(
        err,
        Error::OutOfRange {
            field: "strength_days_per_week",
            ..
        }
    ));
    assert_eq!(StrengthDays::new(7).unwrap().get(), 7);
    assert_eq!(StrengthDays::new(0).unwrap().get(), 0);
}

#[test]
fn minutes_beyond_one_week_together_are_inconsistent() {
    let err = WeeklyActivity::try_new(6_000, 4_081, Reply::NotAsked).unwrap_err();
    assert_eq!(
        err.to_string(),
        "vigorous_minutes_per_week is 4081, which contradicts moderate_minutes_per_week = 6000: \
         moderate and vigorous minutes are separate parts of one week and together cannot exceed \
         its 10080 minutes; check both are minutes per week"
    );
    assert!(err.is_inconsistent());
    assert!(WeeklyActivity::try_new(6_000, 4_080, Reply::NotAsked).is_ok());
    let err = ExerciseAndCyclingMinutes::try_new(10_000, 81).unwrap_err();
    assert_eq!(
        err.to_string(),
        "minutes.cycling is 81, which contradicts minutes.exercise = 10000: exercise and cycling \
         together cannot take more than the 10080 minutes in one week; check both are minutes in \
         the last week"
    );
    assert!(ExerciseAndCyclingMinutes::try_new(10_000, 80).is_ok());
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_names_are_the_spec_names() {
    let names: Vec<Value> = HoursBand::ALL
        .iter()
        .map(|b| serde_json::to_value(b).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "none",
            "some_but_less_than_1",
            "1_to_less_than_3",
            "3_or_more"
        ]
    );
    let names: Vec<Value> = Occupation::ALL
        .iter()
        .map(|o| serde_json::to_value(o).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "not_in_employment",
            "sedentary",
            "standing",
            "physical",
            "heavy_manual"
        ]
    );
    assert_eq!(
        serde_json::to_value(PhysicalActivityIndex::ModeratelyInactive).unwrap(),
        "moderately_inactive"
    );
    assert_eq!(
        serde_json::to_value(ActiveLivesBand::FairlyActive).unwrap(),
        "fairly_active"
    );
    assert_eq!(serde_json::to_value(WalkingPace::Brisk).unwrap(), "brisk");
}

#[test]
fn answers_json_shape() {
    let answers: Answers = serde_json::from_value(json!({
        "gppaq": {"kind": "answered", "value": {
            "occupation": {"kind": "answered", "value": "standing"},
            "exercise_and_cycling": {"kind": "answered", "value": {"kind": "minutes", "value": {"exercise": 45, "cycling": 30}}},
            "walking": {"kind": "answered", "value": "1_to_less_than_3"}, "housework_and_childcare": {"kind": "not_asked"},
            "gardening_and_diy": {"kind": "not_asked"}, "walking_pace": {"kind": "answered", "value": "steady"}
        }},
        "weekly": {"kind": "answered", "value": {"moderate_minutes_per_week": 120, "vigorous_minutes_per_week": 20,
                                "strength_days_per_week": {"kind": "answered", "value": 2}}}
    }))
    .unwrap();
    let f = activity::score(&answers, &contact(40));
    assert_eq!(f.index(), Some(PhysicalActivityIndex::Active));
    assert_eq!(f.weekly_band(), Some(ActiveLivesBand::Active));
    let json = serde_json::to_value(f).unwrap();
    assert_eq!(json["source"], activity::VERSION);
    assert_eq!(json["gppaq"]["kind"], "scored");
    assert_eq!(json["gppaq"]["value"]["combined_band"], "1_to_less_than_3");
    assert_eq!(json["weekly"]["value"]["moderate_equivalent_minutes"], 160);
    assert_eq!(json["weekly"]["kind"], "assessed");
    assert_eq!(
        json["weekly"]["value"]["strength_guideline"],
        json!({"kind": "met"})
    );
    common::assert_json_contract(&answers);
    common::assert_json_contract(&f);
}

#[test]
fn unknown_fields_and_missing_answers_are_refused() {
    let weekly = json!({"moderate_minutes_per_week": 1, "vigorous_minutes_per_week": 1,
                        "strength_days_per_week": {"kind": "not_asked"}, "light_minutes": 3});
    assert!(serde_json::from_value::<WeeklyActivity>(weekly).is_err());
    // Unknown is a value: a missing answer is an error, not a default.
    let weekly = json!({"moderate_minutes_per_week": 1, "vigorous_minutes_per_week": 1});
    assert!(serde_json::from_value::<WeeklyActivity>(weekly).is_err());
    assert!(serde_json::from_value::<Answers>(json!({"gppaq": {"kind": "not_asked"}})).is_err());
    let minutes = json!({"exercise": 1, "cycling": 1, "walking": 1});
    assert!(serde_json::from_value::<ExerciseAndCyclingMinutes>(minutes).is_err());
    let b = json!({"kind": "bands", "value": {"exercise": "none", "cycling": "none", "walking": "none"}});
    assert!(serde_json::from_value::<ExerciseAndCycling>(b).is_err());
    let err = serde_json::from_value::<StrengthDays>(json!(9)).unwrap_err();
    assert!(
        err.to_string().contains("strength_days_per_week is 9"),
        "{err}"
    );
}

/// Resolves a `$ref` into the root schema's `$defs`.
#[cfg(feature = "schema")]
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => &root["$defs"][r.trim_start_matches("#/$defs/")],
        None => schema,
    }
}

#[cfg(feature = "schema")]
#[test]
fn schema_bounds_are_the_constructor_bounds() {
    use mecc::units::WEEKLY_MINUTES;
    let s = common::schema_of::<StrengthDays>();
    assert_eq!(s["minimum"], STRENGTH_DAYS.min());
    assert_eq!(s["maximum"], STRENGTH_DAYS.max());
    let s = common::schema_of::<WeeklyActivity>();
    for field in ["moderate_minutes_per_week", "vigorous_minutes_per_week"] {
        let m = resolve(&s, &s["properties"][field]);
        assert_eq!(m["maximum"], WEEKLY_MINUTES.max(), "{field}");
    }
    let s = common::schema_of::<ExerciseAndCyclingMinutes>();
    for field in ["exercise", "cycling"] {
        let m = resolve(&s, &s["properties"][field]);
        assert_eq!(m["maximum"], WEEKLY_MINUTES.max(), "{field}");
    }
}

// ---------------------------------------------------------------- property tests

fn arb_band() -> impl Strategy<Value = HoursBand> {
    proptest::sample::select(HoursBand::ALL.to_vec())
}

fn arb_occupation() -> impl Strategy<Value = Occupation> {
    proptest::sample::select(Occupation::ALL.to_vec())
}

fn arb_reply<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Reply<T>> {
    prop_oneof![Just(Reply::NotAsked), s.prop_map(Reply::Answered)]
}

/// Two minute counts whose sum fits in one week.
fn arb_week_split() -> impl Strategy<Value = (u32, u32)> {
    (0..=10_080u32).prop_flat_map(|a| (Just(a), 0..=10_080 - a))
}

fn arb_exercise_and_cycling() -> impl Strategy<Value = ExerciseAndCycling> {
    prop_oneof![
        (arb_band(), arb_band()).prop_map(|(e, c)| bands(e, c)),
        arb_week_split().prop_map(|(e, c)| ExerciseAndCycling::Minutes(
            ExerciseAndCyclingMinutes::try_new(e, c).unwrap()
        )),
    ]
}

fn arb_gppaq() -> impl Strategy<Value = GppaqAnswers> {
    (
        arb_reply(arb_occupation()),
        arb_reply(arb_exercise_and_cycling()),
        arb_reply(arb_band()),
        arb_reply(arb_band()),
        arb_reply(arb_band()),
        arb_reply(proptest::sample::select(vec![
            WalkingPace::Slow,
            WalkingPace::Steady,
            WalkingPace::Brisk,
            WalkingPace::Fast,
        ])),
    )
        .prop_map(|(o, ec, w, h, g, p)| GppaqAnswers {
            occupation: o,
            exercise_and_cycling: ec,
            walking: w,
            housework_and_childcare: h,
            gardening_and_diy: g,
            walking_pace: p,
        })
}

fn arb_weekly() -> impl Strategy<Value = WeeklyActivity> {
    (
        arb_week_split(),
        arb_reply((0..=7u32).prop_map(|d| StrengthDays::new(d).unwrap())),
    )
        .prop_map(|((m, v), s)| WeeklyActivity::try_new(m, v, s).unwrap())
}

fn arb_answers() -> impl Strategy<Value = Answers> {
    (arb_reply(arb_gppaq()), arb_reply(arb_weekly()))
        .prop_map(|(gppaq, weekly)| Answers { gppaq, weekly })
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        proptest::num::f64::NORMAL.prop_map(Value::from),
        proptest::sample::select(vec![
            "not_asked",
            "answered",
            "kind",
            "value",
            "none",
            "3_or_more",
            "sedentary",
            "bands",
            "minutes",
            "met",
            "not_met",
            "heavy_manual",
            "not_in_employment",
            "1_to_less_than_3",
            "moderately_active",
            "fairly_active",
            "brisk",
            "age_below_gppaq_range",
            "gppaq-2009+cmo-2019",
        ])
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = proptest::sample::select(vec![
            "gppaq",
            "weekly",
            "answered",
            "occupation",
            "exercise_and_cycling",
            "bands",
            "minutes",
            "exercise",
            "cycling",
            "moderate_minutes_per_week",
            "vigorous_minutes_per_week",
            "strength_days_per_week",
            "scored",
            "index",
            "combined_band",
            "occupation_as_scored",
            "incomplete",
            "missing",
            "not_applicable",
            "reason",
            "assessed",
            "moderate_equivalent_minutes",
            "active_lives",
            "band",
            "aerobic_guideline",
            "strength_guideline",
            "source",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(keys.prop_map(String::from), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn parse_every_type(value: &Value) {
    let _ = serde_json::from_value::<Answers>(value.clone());
    let _ = serde_json::from_value::<GppaqAnswers>(value.clone());
    let _ = serde_json::from_value::<ExerciseAndCycling>(value.clone());
    let _ = serde_json::from_value::<ExerciseAndCyclingMinutes>(value.clone());
    let _ = serde_json::from_value::<WeeklyActivity>(value.clone());
    let _ = serde_json::from_value::<StrengthDays>(value.clone());
    let _ = serde_json::from_value::<Finding>(value.clone());
    let _ = serde_json::from_value::<GppaqOutcome>(value.clone());
    let _ = serde_json::from_value::<WeeklyOutcome>(value.clone());
    let _ = serde_json::from_value::<ExerciseAndCyclingBands>(value.clone());
    let _ = serde_json::from_value::<ExerciseAndCyclingMinutesFields>(value.clone());
    let _ = serde_json::from_value::<WeeklyActivityFields>(value.clone());
    let _ = serde_json::from_value::<HoursBand>(value.clone());
    let _ = serde_json::from_value::<Occupation>(value.clone());
    let _ = serde_json::from_value::<ScoredOccupation>(value.clone());
    let _ = serde_json::from_value::<WalkingPace>(value.clone());
    let _ = serde_json::from_value::<PhysicalActivityIndex>(value.clone());
    let _ = serde_json::from_value::<GppaqResult>(value.clone());
    let _ = serde_json::from_value::<MissingGppaqAnswers>(value.clone());
    let _ = serde_json::from_value::<NotApplicableReason>(value.clone());
    let _ = serde_json::from_value::<ActiveLivesBand>(value.clone());
    let _ = serde_json::from_value::<ActiveLivesOutcome>(value.clone());
    let _ = serde_json::from_value::<Guideline>(value.clone());
    let _ = serde_json::from_value::<WeeklyResult>(value.clone());
    let _ = serde_json::from_value::<ActivitySource>(value.clone());
}

proptest! {
    // CLINICAL-REFERENCE §4.1: more exercise or cycling never lowers the index.
    #[test]
    fn higher_exercise_or_cycling_band_never_lowers_index(
        occ in arb_occupation(), age in 16u32..=74,
        e1 in arb_band(), e2 in arb_band(), c1 in arb_band(), c2 in arb_band(),
    ) {
        let (elo, ehi) = (e1.min(e2), e1.max(e2));
        let (clo, chi) = (c1.min(c2), c1.max(c2));
        let low = scored_index(index_at(age, occ, bands(elo, clo)));
        prop_assert!(low <= scored_index(index_at(age, occ, bands(ehi, clo))));
        prop_assert!(low <= scored_index(index_at(age, occ, bands(elo, chi))));
        prop_assert!(low <= scored_index(index_at(age, occ, bands(ehi, chi))));
    }

    // CLINICAL-REFERENCE §4.1: with exact minutes, more minutes never lowers the index.
    #[test]
    fn more_exercise_minutes_never_lowers_index(
        occ in arb_occupation(), (e, c) in arb_week_split(), extra in 0u32..=10_080,
    ) {
        let extra = extra.min(10_080 - e - c);
        let at = |e, c| scored_index(index_at(45, occ, ExerciseAndCycling::Minutes(
            ExerciseAndCyclingMinutes::try_new(e, c).unwrap())));
        prop_assert!(at(e, c) <= at(e + extra, c));
        prop_assert!(at(e, c) <= at(e, c + extra));
    }

    // CLINICAL-REFERENCE §4.1: sedentary < standing < physical < heavy manual never lowers the index.
    #[test]
    fn more_active_occupation_never_lowers_index(
        o1 in arb_occupation(), o2 in arb_occupation(), e in arb_band(), c in arb_band(),
    ) {
        let (lo, hi) = if o1.as_scored() <= o2.as_scored() { (o1, o2) } else { (o2, o1) };
        let ec = bands(e, c);
        prop_assert!(scored_index(index_at(40, lo, ec)) <= scored_index(index_at(40, hi, ec)));
    }

    // CLINICAL-REFERENCE §4.1 Decision: the combination is symmetric and never below either band.
    #[test]
    fn combination_is_symmetric_and_never_below_either_band(e in arb_band(), c in arb_band()) {
        let combined = combined_exercise_and_cycling(e, c);
        prop_assert_eq!(combined, combined_exercise_and_cycling(c, e));
        prop_assert!(combined >= e && combined >= c);
        prop_assert_eq!(combined.points(), (e.points() + c.points()).min(COMBINED_POINTS_CAP));
    }

    // CLINICAL-REFERENCE §4.2: more moderate or vigorous minutes never lowers the band or unmeets the guideline.
    #[test]
    fn more_minutes_never_lowers_weekly_band(
        (m, v) in arb_week_split(), dm in 0u32..=10_080, dv in 0u32..=10_080, age in 16u32..=120,
    ) {
        let dm = dm.min(10_080 - m - v);
        let dv = dv.min(10_080 - m - v - dm);
        let before = weekly_at(age, m, v, None);
        for after in [weekly_at(age, m + dm, v, None), weekly_at(age, m, v + dv, None),
                      weekly_at(age, m + dm, v + dv, None)] {
            let band = |r: &WeeklyResult| match r.active_lives {
                ActiveLivesOutcome::Band(b) => b,
                other => panic!("{other:?}"),
            };
            prop_assert!(band(&before) <= band(&after));
            prop_assert!(before.moderate_equivalent_minutes <= after.moderate_equivalent_minutes);
            if before.aerobic_guideline == Guideline::Met {
                prop_assert_eq!(after.aerobic_guideline, Guideline::Met);
            }
        }
    }

    // Walking, housework, gardening and pace are recorded but never scored (§4.1).
    #[test]
    fn unscored_answers_never_change_the_gppaq_outcome(g in arb_gppaq(), age in 0u32..=120) {
        let bare = GppaqAnswers {
            walking: Reply::NotAsked,
            housework_and_childcare: Reply::NotAsked,
            gardening_and_diy: Reply::NotAsked,
            walking_pace: Reply::NotAsked,
            ..g
        };
        let at = |g| activity::score(&Answers { gppaq: Reply::Answered(g), weekly: Reply::NotAsked }, &contact(age)).gppaq;
        prop_assert_eq!(at(g), at(bare));
    }

    #[test]
    fn constructors_never_panic(a in any::<u32>(), b in any::<u32>(), d in any::<u32>()) {
        match StrengthDays::new(d) {
            Ok(s) => { prop_assert!(d <= 7); common::assert_json_contract(&s); }
            Err(e) => prop_assert_eq!(e.field(), "strength_days_per_week"),
        }
        match WeeklyActivity::try_new(a, b, Reply::NotAsked) {
            Ok(w) => {
                prop_assert!(u64::from(a) + u64::from(b) <= 10_080);
                prop_assert_eq!(w.moderate_equivalent_minutes(), a + 2 * b);
                common::assert_json_contract(&w);
            }
            Err(e) => prop_assert!(e.to_string().contains("minutes_per_week is ")),
        }
        match ExerciseAndCyclingMinutes::try_new(a, b) {
            Ok(m) => { prop_assert_eq!(m.total(), a + b); common::assert_json_contract(&m); }
            Err(e) => prop_assert!(e.field().starts_with("minutes.")),
        }
    }

    // CLINICAL-REFERENCE §8.4: more minutes never lowers the children and
    // young people's band or unmeets the guideline, and the band is the one
    // of the daily average across the week.
    #[test]
    fn more_minutes_never_lowers_the_cyp_band(
        (m, v) in arb_week_split(), dm in 0u32..=10_080, dv in 0u32..=10_080, age in 5u32..=18,
    ) {
        let dm = dm.min(10_080 - m - v);
        let dv = dv.min(10_080 - m - v - dm);
        let before = cyp_at(age, m, v);
        let average = f64::from(m + v) / 7.0;
        let band = if average < 30.0 {
            CypActivityBand::LessActive
        } else if average < 60.0 {
            CypActivityBand::FairlyActive
        } else {
            CypActivityBand::Active
        };
        prop_assert_eq!(before.band, band);
        prop_assert_eq!(before.meets_guideline, average >= 60.0);
        for after in [cyp_at(age, m + dm, v), cyp_at(age, m, v + dv), cyp_at(age, m + dm, v + dv)] {
            prop_assert!(before.band <= after.band);
            prop_assert!(!before.meets_guideline || after.meets_guideline);
        }
    }

    // Round trip and schema validity of answers and findings, at any age.
    #[test]
    fn score_never_panics_and_answers_and_findings_round_trip(answers in arb_answers(), age in 0u32..=120) {
        let finding = activity::score(&answers, &contact(age));
        prop_assert_eq!(finding.source, ActivitySource::Gppaq2009Cmo2019);
        prop_assert_eq!(answers.gppaq.is_not_asked(), finding.gppaq == GppaqOutcome::NotAsked);
        prop_assert_eq!(answers.weekly.is_not_asked(), finding.weekly == WeeklyOutcome::NotAsked);
        common::assert_json_contract(&answers);
        common::assert_json_contract(&finding);
    }

    #[test]
    fn arbitrary_json_text_never_panics(s in ".{0,64}") {
        let v = serde_json::from_str::<Value>(&s).unwrap_or(Value::String(s.clone()));
        parse_every_type(&v);
        let _ = serde_json::from_str::<Answers>(&s);
        let _ = serde_json::from_str::<WeeklyActivity>(&s);
        let _ = serde_json::from_str::<Finding>(&s);
    }

    #[test]
    fn arbitrary_json_values_never_panic(v in arb_json()) {
        parse_every_type(&v);
        if let Ok(answers) = serde_json::from_value::<Answers>(v.clone()) {
            common::assert_json_contract(&answers);
            common::assert_json_contract(&activity::score(&answers, &contact(40)));
        }
    }
}
