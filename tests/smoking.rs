//! Smoking status, HSI, pack-years and CO interpretation (CLINICAL-REFERENCE
//! §2.1–§2.3): thresholds, errors, golden vectors and properties.
mod common;

use mecc::Error;
use mecc::context::{Contact, ContactFields};
use mecc::instruments::Reply;
use mecc::instruments::smoking::*;
use mecc::units::CoPpm;
use proptest::prelude::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------- helpers

/// A contact with every field given; `overrides` replaces the named fields.
fn contact_json(overrides: &Value) -> Value {
    let mut base =
        common::fixtures::with(json!({"age": 40, "sex": "female", "time_available": "brief"}));
    if let (Some(base), Some(over)) = (base.as_object_mut(), overrides.as_object()) {
        for (k, v) in over {
            base.insert(k.clone(), v.clone());
        }
    }
    base
}

fn contact(overrides: Value) -> Contact {
    serde_json::from_value(contact_json(&overrides)).unwrap()
}

fn pregnant() -> Contact {
    contact(json!({"sex": "female", "age": 30, "pregnant": "yes"}))
}

fn not_pregnant() -> Contact {
    contact(json!({"sex": "female", "age": 30, "pregnant": "no"}))
}

fn cpd(n: u32) -> CigarettesPerDay {
    CigarettesPerDay::new(n).unwrap()
}

fn mins(n: u32) -> MinutesToFirstCigarette {
    MinutesToFirstCigarette::new(n).unwrap()
}

fn years(n: u32) -> YearsSmoked {
    YearsSmoked::new(n).unwrap()
}

fn ppm(n: u32) -> CoPpm {
    CoPpm::new(n).unwrap()
}

fn cigarette_smoker(
    c: Reply<CigarettesPerDay>,
    m: Reply<MinutesToFirstCigarette>,
    y: Reply<YearsSmoked>,
) -> SmokingStatus {
    SmokingStatus::CurrentSmoker(
        CurrentSmoking::new(CurrentSmokingFields {
            products: Products::single(Product::ManufacturedCigarettes),
            cigarettes_per_day: c,
            minutes_to_first_cigarette: m,
            years_smoked: y,
        })
        .unwrap(),
    )
}

fn answers(status: SmokingStatus, co: Option<u32>) -> Answers {
    Answers {
        status,
        vaping: Reply::NotAsked,
        co_ppm: co.map_or(Reply::NotAsked, |n| Reply::Answered(ppm(n))),
    }
}

fn co_flags(status: SmokingStatus, co: u32, contact: &Contact) -> CoFlags {
    score(&answers(status, Some(co)), contact).co.flags()
}

fn flags(list: &[CoFlag]) -> CoFlags {
    list.iter().copied().collect()
}

#[test]
fn co_flags_behave_as_a_set() {
    use CoFlag::*;
    let poisoning = CoFlags::NONE.with(PossibleCoPoisoning);
    assert!(CoFlags::NONE.is_empty());
    assert!(!poisoning.is_empty());
    // Adding a flag already held leaves the set as it was.
    assert_eq!(poisoning.with(PossibleCoPoisoning), poisoning);
    let two = flags(&[PregnancyReferral, IdentifySource]);
    assert!(CoFlags::NONE.is_subset(two));
    assert!(flags(&[IdentifySource]).is_subset(two));
    assert!(two.is_subset(two));
    assert!(!poisoning.is_subset(two));
    assert!(!two.is_subset(flags(&[IdentifySource])));
    assert_eq!(format!("{two:?}"), "{PregnancyReferral, IdentifySource}");
    assert_eq!(
        serde_json::from_value::<CoFlags>(json!(["identify_source", "identify_source"])).unwrap(),
        flags(&[IdentifySource])
    );
}

#[test]
fn assumptions_behave_as_a_set() {
    use Assumption::*;
    let one = Assumptions::NONE.with(PregnancyNotKnownReadAsPossible);
    assert!(Assumptions::NONE.is_empty());
    assert!(!one.is_empty());
    assert_eq!(one.with(PregnancyNotKnownReadAsPossible), one);
    let both = one.with(QuitTimeNotKnownReadAsWithin2Weeks);
    assert_eq!(
        both.iter().collect::<Vec<_>>(),
        [
            QuitTimeNotKnownReadAsWithin2Weeks,
            PregnancyNotKnownReadAsPossible
        ]
    );
    assert!(
        both.contains(PregnancyNotKnownReadAsPossible)
            && !Assumptions::NONE.contains(PregnancyNotKnownReadAsPossible)
    );
    assert_eq!(
        format!("{both:?}"),
        "{QuitTimeNotKnownReadAsWithin2Weeks, PregnancyNotKnownReadAsPossible}"
    );
}

// ---------------------------------------------------------------- provenance and constants

#[test]
fn sources_and_version_are_declared() {
    assert_eq!(SOURCES.len(), 3);
    assert_eq!(SOURCES[0], SOURCE);
    assert!(SOURCE.citation.contains("NG209"));
    assert!(SOURCE.url.is_some());
    assert!(SOURCES.iter().any(|s| s.citation.contains("NCSCT")));
    assert!(
        SOURCES
            .iter()
            .any(|s| s.citation.contains("Heatherton") && s.citation.contains("1989"))
    );
    assert!(!VERSION.is_empty());
    assert_eq!(InstrumentId::SmokingStatusV1.sources(), SOURCES);
    assert_eq!(InstrumentId::SmokingStatusV1.version(), VERSION);
}

// CLINICAL-REFERENCE §2.2, §2.3, §2.1: the named thresholds carry the spec's numbers.
#[test]
fn thresholds_are_the_clinical_reference_numbers() {
    assert_eq!(
        (
            HSI_CIGARETTES_0_POINTS_MAX,
            HSI_CIGARETTES_1_POINT_MAX,
            HSI_CIGARETTES_2_POINTS_MAX
        ),
        (10, 20, 30)
    );
    assert_eq!(
        (
            HSI_MINUTES_3_POINTS_MAX,
            HSI_MINUTES_2_POINTS_MAX,
            HSI_MINUTES_1_POINT_MAX
        ),
        (5, 30, 60)
    );
    assert_eq!((HSI_LOW_MAX, HSI_MODERATE_MAX, HSI_MAX), (1, 4, 6));
    assert_eq!(CO_PREGNANCY_REFERRAL_MIN_PPM, 4);
    assert_eq!(CO_PREGNANCY_NON_SMOKER_SOURCE_MIN_PPM, 3);
    assert_eq!(CO_POISONING_ABOVE_PPM, 10);
    assert_eq!(QUIT_RECENT_BELOW_DAYS, 14);
    assert_eq!(QUIT_WITHIN_12_MONTHS_MAX_DAYS, 365);
    assert_eq!(CIGARETTES_PER_PACK, 20);
}

// CLINICAL-REFERENCE §7: confirmed codes.
#[test]
fn snomed_ct_codes_are_the_confirmed_ones() {
    assert_eq!(SmokingConcept::Smoker.code(), "77176002");
    assert_eq!(SmokingConcept::ExSmoker.code(), "8517006");
    assert_eq!(SmokingConcept::NeverSmokedTobacco.code(), "266919005");
    for c in [
        SmokingConcept::Smoker,
        SmokingConcept::ExSmoker,
        SmokingConcept::NeverSmokedTobacco,
    ] {
        assert_eq!(serde_json::to_value(c).unwrap(), json!(c.code()));
    }
    // The SNOMED CT preferred terms of those concepts.
    assert_eq!(SmokingConcept::Smoker.term(), "Smoker");
    assert_eq!(SmokingConcept::ExSmoker.term(), "Ex-smoker");
    assert_eq!(
        SmokingConcept::NeverSmokedTobacco.term(),
        "Never smoked tobacco"
    );
}

// ---------------------------------------------------------------- HSI

// CLINICAL-REFERENCE §2.2; Heatherton 1989: ≤10 → 0, 11–20 → 1, 21–30 → 2, ≥31 → 3.
#[test]
fn cigarettes_per_day_points_at_each_boundary_section_2_2() {
    for (n, points) in [
        (0, 0),
        (10, 0),
        (11, 1),
        (20, 1),
        (21, 2),
        (30, 2),
        (31, 3),
        (200, 3),
    ] {
        assert_eq!(cigarettes_per_day_points(cpd(n)), points, "{n} a day");
    }
}

// CLINICAL-REFERENCE §2.2; Heatherton 1989: ≤5 → 3, 6–30 → 2, 31–60 → 1, >60 → 0.
#[test]
fn time_to_first_cigarette_points_at_each_boundary_section_2_2() {
    for (m, points) in [
        (0, 3),
        (5, 3),
        (6, 2),
        (30, 2),
        (31, 1),
        (60, 1),
        (61, 0),
        (1440, 0),
    ] {
        assert_eq!(time_to_first_cigarette_points(mins(m)), points, "{m} min");
    }
}

// CLINICAL-REFERENCE §2.2: 0–1 low, 2–4 moderate, 5–6 high.
#[test]
fn dependence_band_edges_section_2_2() {
    use DependenceBand::*;
    let expected = [Low, Low, Moderate, Moderate, Moderate, High, High];
    for (total, band) in expected.into_iter().enumerate() {
        assert_eq!(dependence_band(total as u8), band, "total {total}");
    }
    assert_eq!(dependence_band(200), High);
}

#[test]
fn hsi_adds_its_two_parts() {
    let s = hsi(cpd(25), mins(5));
    assert_eq!(
        s,
        HsiScore {
            total: 5,
            cigarettes_per_day_points: 2,
            time_to_first_cigarette_points: 3,
            band: DependenceBand::High,
        }
    );
}

// CLINICAL-REFERENCE §2.2: a missing answer gives no score, and says which.
#[test]
fn hsi_names_the_missing_answer() {
    let c = not_pregnant();
    let f = score(
        &answers(
            cigarette_smoker(Reply::NotAsked, Reply::Answered(mins(5)), Reply::NotAsked),
            None,
        ),
        &c,
    );
    assert_eq!(
        f.hsi,
        Hsi::NotComputable {
            missing: HsiMissing::CigarettesPerDay
        }
    );
    assert_eq!(f.hsi.computed(), None);
    let f = score(
        &answers(
            cigarette_smoker(Reply::Answered(cpd(5)), Reply::NotAsked, Reply::NotAsked),
            None,
        ),
        &c,
    );
    assert_eq!(
        f.hsi,
        Hsi::NotComputable {
            missing: HsiMissing::MinutesToFirstCigarette
        }
    );
    assert_eq!(
        f.pack_years,
        PackYearsResult::NotComputable {
            missing: PackYearsMissing::YearsSmoked
        }
    );
}

#[test]
fn hsi_and_pack_years_are_for_cigarette_smokers_only() {
    let status = SmokingStatus::CurrentSmoker(
        CurrentSmoking::new(CurrentSmokingFields {
            products: Products::single(Product::Pipe).with(Product::Cigars),
            cigarettes_per_day: Reply::Answered(cpd(0)),
            minutes_to_first_cigarette: Reply::Answered(mins(5)),
            years_smoked: Reply::Answered(years(20)),
        })
        .unwrap(),
    );
    let f = score(&answers(status, None), &not_pregnant());
    let na = NotApplicableReason::NoCigaretteProducts;
    assert_eq!(f.hsi, Hsi::NotApplicable { reason: na });
    assert_eq!(f.pack_years, PackYearsResult::NotApplicable { reason: na });
    assert!(f.treat_as_smoker_for_referral);
}

// Decision: 0 a day is a non-daily cigarette smoker, scored like ≤10.
#[test]
fn a_non_daily_cigarette_smoker_is_accepted() {
    let f = score(
        &answers(
            cigarette_smoker(
                Reply::Answered(cpd(0)),
                Reply::Answered(mins(120)),
                Reply::Answered(years(3)),
            ),
            None,
        ),
        &not_pregnant(),
    );
    assert_eq!(f.hsi.computed().map(|s| s.total), Some(0));
    assert_eq!(f.pack_years.computed().map(PackYears::hundredths), Some(0));
}

// ---------------------------------------------------------------- pack-years

// CLINICAL-REFERENCE §2.2: pack-years = (cigarettes per day ÷ 20) × years smoked.
#[test]
fn pack_years_examples_section_2_2() {
    for (c, y, hundredths) in [
        (20, 10, 1000),
        (15, 7, 525),
        (1, 1, 5),
        (10, 30, 1500),
        (30, 25, 3750),
        (200, 110, 110_000),
        (0, 40, 0),
    ] {
        let p = PackYears::from_smoking(cpd(c), years(y));
        assert_eq!(p.hundredths(), hundredths, "{c} a day for {y} years");
        assert_eq!(p.pack_years(), f64::from(c) / 20.0 * f64::from(y));
    }
}

#[test]
fn pack_years_serialize_as_a_number_and_come_back_exact() {
    let p = PackYears::from_smoking(cpd(13), years(19)); // 12.35
    assert_eq!(serde_json::to_string(&p).unwrap(), "12.35");
    common::assert_round_trips(&p);
    assert_eq!(PackYears::from_pack_years(12.35).unwrap(), p);
}

// ---------------------------------------------------------------- quitting

// CLINICAL-REFERENCE §2.1: stopped less than 2 weeks ago → treated as a smoker.
#[test]
fn quit_bands_at_13_14_15_days_section_2_1() {
    let c = not_pregnant();
    for (days, band, treat) in [
        (13, QuitRecency::LessThan2Weeks, true),
        (14, QuitRecency::TwoWeeksTo12Months, false),
        (15, QuitRecency::TwoWeeksTo12Months, false),
    ] {
        let quit = QuitTime::from_days(days).unwrap();
        assert_eq!(quit.recency(), band, "{days} days");
        let f = score(&answers(SmokingStatus::ExSmoker { quit }, None), &c);
        assert_eq!(f.quit_recency, Some(band));
        assert_eq!(f.treat_as_smoker_for_referral, treat, "{days} days");
        assert!(f.assumptions.is_empty());
    }
}

// CLINICAL-REFERENCE §2.4: relapse prevention within the last 12 months (365 days, inclusive).
#[test]
fn quit_bands_about_12_months_section_2_4() {
    let band = |q: QuitTime| q.recency();
    assert_eq!(
        band(QuitTime::from_days(364).unwrap()),
        QuitRecency::TwoWeeksTo12Months
    );
    assert_eq!(
        band(QuitTime::from_days(365).unwrap()),
        QuitRecency::TwoWeeksTo12Months
    );
    assert_eq!(
        band(QuitTime::from_days(366).unwrap()),
        QuitRecency::MoreThan12Months
    );
    assert_eq!(QuitTime::from_months(12).unwrap().days(), Some(365));
    assert_eq!(QuitTime::from_years(1).unwrap().days(), Some(365));
    assert_eq!(
        band(QuitTime::from_months(13).unwrap()),
        QuitRecency::MoreThan12Months
    );
    assert_eq!(QuitTime::from_weeks(2).unwrap().days(), Some(14));
    assert_eq!(QuitTime::from_months(1).unwrap().days(), Some(30));
    assert_eq!(QuitTime::from_months(1200).unwrap().days(), Some(36_500));
}

// CLINICAL-REFERENCE §2.1 and the brief's rule: not known reads as possibly within 2 weeks.
#[test]
fn quit_time_not_known_is_read_as_recent_and_recorded() {
    let f = score(
        &answers(
            SmokingStatus::ExSmoker {
                quit: QuitTime::NOT_KNOWN,
            },
            None,
        ),
        &not_pregnant(),
    );
    assert_eq!(f.quit_recency, Some(QuitRecency::NotKnown));
    assert!(f.treat_as_smoker_for_referral);
    assert!(
        f.assumptions
            .contains(Assumption::QuitTimeNotKnownReadAsWithin2Weeks)
    );
    assert_eq!(f.snomed_ct, SmokingConcept::ExSmoker);
}

// The raw quit-time forms are a public input too: they round-trip and carry
// a schema, while the bounds are checked (and given in the schema) by QuitTime.
#[test]
fn quit_time_input_has_a_json_contract() {
    for input in [
        QuitTimeInput::Days(3),
        QuitTimeInput::Weeks(2),
        QuitTimeInput::Months(6),
        QuitTimeInput::Years(1),
        QuitTimeInput::NotKnown,
    ] {
        common::assert_json_contract(&input);
        let quit = QuitTime::try_from(input).unwrap();
        assert_eq!(
            QuitTimeInput::from(quit).eq(&input),
            matches!(input, QuitTimeInput::Days(_) | QuitTimeInput::NotKnown)
        );
    }
    assert_eq!(
        serde_json::to_value(QuitTimeInput::Weeks(2)).unwrap(),
        json!({"kind": "weeks", "value": 2})
    );
}

#[test]
fn quit_time_json_forms() {
    let q: QuitTime = serde_json::from_str(r#"{"kind": "weeks", "value": 3}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&q).unwrap(),
        r#"{"kind":"days","value":21}"#
    );
    let q: QuitTime = serde_json::from_str(r#"{"kind": "not_known"}"#).unwrap();
    assert_eq!(q, QuitTime::NOT_KNOWN);
    assert_eq!(
        serde_json::to_string(&q).unwrap(),
        r#"{"kind":"not_known"}"#
    );
    assert!(serde_json::from_str::<QuitTime>(r#"{"hours": 3}"#).is_err());
    assert!(serde_json::from_str::<QuitTime>("14").is_err());
    assert!(serde_json::from_str::<QuitTime>(r#"{"kind": "days", "value": -1}"#).is_err());
}

// ---------------------------------------------------------------- CO

// CLINICAL-REFERENCE §2.3; NICE NG209 §1.18: pregnant non-smoker, 2/3/4 ppm.
#[test]
fn co_pregnant_non_smoker_3_and_4_ppm_section_2_3() {
    let c = pregnant();
    let never = SmokingStatus::NeverSmoked;
    assert_eq!(co_flags(never, 2, &c), CoFlags::NONE);
    assert_eq!(co_flags(never, 3, &c), flags(&[CoFlag::IdentifySource]));
    assert_eq!(
        co_flags(never, 4, &c),
        flags(&[CoFlag::IdentifySource, CoFlag::PregnancyReferral])
    );
}

// CLINICAL-REFERENCE §2.3; NICE NG209 §1.18: pregnant smoker, referral from 4 ppm, never "identify source".
#[test]
fn co_pregnant_smoker_2_3_4_ppm_section_2_3() {
    let c = pregnant();
    let smoker = cigarette_smoker(Reply::Answered(cpd(10)), Reply::NotAsked, Reply::NotAsked);
    assert_eq!(co_flags(smoker, 2, &c), CoFlags::NONE);
    assert_eq!(co_flags(smoker, 3, &c), CoFlags::NONE);
    assert_eq!(co_flags(smoker, 4, &c), flags(&[CoFlag::PregnancyReferral]));
    assert_eq!(
        co_flags(smoker, 11, &c),
        flags(&[CoFlag::PregnancyReferral])
    );
}

// CLINICAL-REFERENCE §2.3: a non-smoker above 10 ppm, pregnant or not → possible CO poisoning.
#[test]
fn co_poisoning_at_10_and_11_ppm_in_and_out_of_pregnancy_section_2_3() {
    let never = SmokingStatus::NeverSmoked;
    for c in [pregnant(), not_pregnant()] {
        assert!(!co_flags(never, 10, &c).contains(CoFlag::PossibleCoPoisoning));
        assert!(co_flags(never, 11, &c).contains(CoFlag::PossibleCoPoisoning));
    }
    assert_eq!(
        co_flags(never, 11, &not_pregnant()),
        flags(&[CoFlag::PossibleCoPoisoning])
    );
    // Outside pregnancy nothing below the poisoning threshold is flagged.
    assert_eq!(co_flags(never, 4, &not_pregnant()), CoFlags::NONE);
    // A current smoker's high reading is expected from smoking.
    let smoker = cigarette_smoker(Reply::NotAsked, Reply::NotAsked, Reply::NotAsked);
    assert_eq!(co_flags(smoker, 60, &not_pregnant()), CoFlags::NONE);
}

// Decision: every ex-smoker counts as a non-smoker for the CO flags, recent quitters too.
#[test]
fn recent_quitters_get_the_non_smoker_co_flags_and_stay_smokers_for_referral() {
    let recent = SmokingStatus::ExSmoker {
        quit: QuitTime::from_days(3).unwrap(),
    };
    let f = score(&answers(recent, Some(12)), &pregnant());
    assert!(f.treat_as_smoker_for_referral);
    let CoInterpretation::Measured(r) = f.co else {
        panic!("measured")
    };
    assert!(r.counted_as_non_smoker);
    assert!(r.pregnancy_thresholds_applied);
    assert_eq!(
        r.flags,
        flags(&[
            CoFlag::PossibleCoPoisoning,
            CoFlag::PregnancyReferral,
            CoFlag::IdentifySource
        ])
    );
}

#[test]
fn co_not_measured_raises_nothing() {
    let f = score(&answers(SmokingStatus::NeverSmoked, None), &pregnant());
    assert_eq!(f.co, CoInterpretation::NotMeasured);
    assert!(f.co.flags().is_empty());
}

// ---------------------------------------------------------------- pregnancy not known

// CLINICAL-REFERENCE §0, §2.3 and the decision on possible pregnancy.
#[test]
fn pregnancy_not_known_takes_the_cautious_reading_and_records_it() {
    let read = |sex: &str, age: u32| {
        PregnancyReading::of(&contact(
            json!({"sex": sex, "age": age, "pregnant": "not_known"}),
        ))
    };
    assert_eq!(read("female", 30), PregnancyReading::PossiblyPregnant);
    assert_eq!(read("not_known", 30), PregnancyReading::PossiblyPregnant);
    assert_eq!(read("male", 30), PregnancyReading::NotPregnant);
    assert_eq!(read("female", 9), PregnancyReading::NotPregnant);
    assert_eq!(read("female", 10), PregnancyReading::PossiblyPregnant);
    assert_eq!(read("female", 55), PregnancyReading::PossiblyPregnant);
    assert_eq!(read("female", 56), PregnancyReading::NotPregnant);
    assert_eq!(
        PregnancyReading::of(&contact(json!({"sex": "not_known", "pregnant": "no"}))),
        PregnancyReading::NotPregnant
    );
    assert_eq!(
        PregnancyReading::of(&contact(json!({"age": 61, "pregnant": "yes"}))),
        PregnancyReading::Pregnant
    );

    let c = contact(json!({"sex": "female", "age": 30, "pregnant": "not_known"}));
    let f = score(&answers(SmokingStatus::NeverSmoked, Some(3)), &c);
    assert_eq!(f.pregnancy, PregnancyReading::PossiblyPregnant);
    assert!(
        f.assumptions
            .contains(Assumption::PregnancyNotKnownReadAsPossible)
    );
    assert_eq!(f.co.flags(), flags(&[CoFlag::IdentifySource]));

    let male = contact(json!({"sex": "male", "age": 30, "pregnant": "not_known"}));
    let f = score(&answers(SmokingStatus::NeverSmoked, Some(4)), &male);
    assert!(f.assumptions.is_empty());
    assert!(f.co.flags().is_empty());
}

// ---------------------------------------------------------------- errors

#[test]
fn out_of_range_messages_name_field_and_value() {
    assert_eq!(
        CigarettesPerDay::new(201).unwrap_err().to_string(),
        "cigarettes_per_day is 201: expected from 0 to 200 cigarettes a day \
         (if this is cigarettes per week, that is about 29 a day)"
    );
    assert_eq!(
        CigarettesPerDay::new(5000).unwrap_err().to_string(),
        "cigarettes_per_day is 5000: expected from 0 to 200 cigarettes a day"
    );
    assert_eq!(
        MinutesToFirstCigarette::new(1441).unwrap_err().to_string(),
        "minutes_to_first_cigarette is 1441: expected from 0 to 1440 minutes (one day)"
    );
    assert_eq!(
        YearsSmoked::new(1998).unwrap_err().to_string(),
        "years_smoked is 1998: expected from 0 to 110 years \
         (this looks like the year they started: give how many years they have smoked)"
    );
    assert_eq!(
        YearsSmoked::new(111).unwrap_err().to_string(),
        "years_smoked is 111: expected from 0 to 110 years"
    );
    assert_eq!(
        QuitTime::from_days(36_501).unwrap_err().to_string(),
        "quit_days is 36501: expected from 0 to 36500 days (100 years)"
    );
    assert_eq!(
        QuitTime::from_weeks(5215).unwrap_err().to_string(),
        "quit_weeks is 5215: expected from 0 to 5214 weeks (100 years)"
    );
    assert_eq!(
        QuitTime::from_months(1201).unwrap_err().to_string(),
        "quit_months is 1201: expected from 0 to 1200 months (100 years)"
    );
    assert_eq!(
        QuitTime::from_years(2019).unwrap_err().to_string(),
        "quit_years is 2019: expected from 0 to 100 years \
         (this looks like the year they stopped: give how many years ago)"
    );
    assert_eq!(
        PackYears::from_pack_years(1100.5).unwrap_err().to_string(),
        "pack_years is 1100.5: expected from 0 to 1100 pack-years"
    );
    for err in [
        CigarettesPerDay::new(201).unwrap_err(),
        QuitTime::from_years(101).unwrap_err(),
        PackYears::from_pack_years(-1.0).unwrap_err(),
    ] {
        assert!(err.is_out_of_range(), "{err}");
    }
}

#[test]
fn upper_bounds_are_accepted() {
    assert_eq!(cpd(200).get(), 200);
    assert_eq!(mins(1440).get(), 1440);
    assert_eq!(years(110).get(), 110);
    assert_eq!(QuitTime::from_days(36_500).unwrap().days(), Some(36_500));
    assert_eq!(QuitTime::from_weeks(5214).unwrap().days(), Some(36_498));
    assert_eq!(QuitTime::from_years(100).unwrap().days(), Some(36_500));
}

#[test]
fn not_finite_pack_years_are_refused() {
    let err = PackYears::from_pack_years(f64::NAN).unwrap_err();
    assert_eq!(
        err.to_string(),
        "pack_years is NaN, which is not a finite number: expected from 0 to 1100 pack-years"
    );
    assert!(matches!(
        PackYears::from_pack_years(f64::INFINITY),
        Err(Error::NotFinite {
            field: "pack_years",
            ..
        })
    ));
}

#[test]
fn an_empty_product_list_is_invalid() {
    let err = Products::try_from_iter([]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "products is []: expected a list of at least one of manufactured_cigarettes, \
         hand_rolled, cigars, pipe, shisha, smokeless"
    );
    assert_eq!(err.field(), "products");
    let err = serde_json::from_str::<Products>("[]").unwrap_err();
    assert!(err.to_string().contains("products is []"), "{err}");
}

#[test]
fn products_are_a_set_in_declaration_order() {
    let p: Products = serde_json::from_str(r#"["smokeless", "cigars", "cigars"]"#).unwrap();
    assert_eq!(
        p.iter().collect::<Vec<_>>(),
        vec![Product::Cigars, Product::Smokeless]
    );
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        r#"["cigars","smokeless"]"#
    );
    assert!(!p.includes_cigarettes());
    assert!(serde_json::from_str::<Products>(r#"["snuff"]"#).is_err());
    // Adding a product already held leaves the set as it was.
    let pipe = Products::single(Product::Pipe);
    assert_eq!(pipe.with(Product::Pipe), pipe);
    assert!(pipe.with(Product::Pipe).contains(Product::Pipe));
    assert_eq!(format!("{:?}", p), "{Cigars, Smokeless}");
}

// CLINICAL-REFERENCE §2.2: the HSI counts cigarettes, manufactured or
// hand-rolled, and no other product.
#[test]
fn only_manufactured_and_hand_rolled_cigarettes_are_cigarettes() {
    for product in Product::ALL {
        let expected = matches!(
            product,
            Product::ManufacturedCigarettes | Product::HandRolled
        );
        assert_eq!(product.is_cigarette(), expected, "{product:?}");
        assert_eq!(
            Products::single(product).includes_cigarettes(),
            expected,
            "{product:?}"
        );
    }
}

#[test]
fn cigarettes_without_a_cigarette_product_are_inconsistent() {
    let err = CurrentSmoking::new(CurrentSmokingFields {
        products: Products::single(Product::Cigars).with(Product::Pipe),
        cigarettes_per_day: Reply::Answered(cpd(15)),
        minutes_to_first_cigarette: Reply::NotAsked,
        years_smoked: Reply::NotAsked,
    })
    .unwrap_err();
    assert!(err.is_inconsistent());
    assert_eq!(
        err.to_string(),
        "cigarettes_per_day is 15, which contradicts products = cigars, pipe: cigarettes per day \
         counts manufactured or hand-rolled cigarettes: add the cigarette product to products, \
         or give 0 if they smoke none"
    );
}

#[test]
fn validate_against_checks_answers_against_age() {
    let c = contact(json!({"age": 30}));
    let too_long = answers(
        cigarette_smoker(Reply::NotAsked, Reply::NotAsked, Reply::Answered(years(31))),
        None,
    );
    assert_eq!(
        too_long.validate_against(&c).unwrap_err().to_string(),
        "years_smoked is 31, which contradicts age = 30: nobody can have smoked for more years \
         than their age: check both answers"
    );
    let ok = answers(
        cigarette_smoker(Reply::NotAsked, Reply::NotAsked, Reply::Answered(years(30))),
        None,
    );
    assert!(ok.validate_against(&c).is_ok());

    let before_birth = answers(
        SmokingStatus::ExSmoker {
            quit: QuitTime::from_years(31).unwrap(),
        },
        None,
    );
    let err = before_birth.validate_against(&c).unwrap_err();
    assert_eq!(err.field(), "quit_days");
    assert_eq!(
        err.to_string(),
        "quit_days is 11315, which contradicts age = 30: they cannot have stopped smoking \
         before they were born: check the time since quitting and the age"
    );
    let edge = answers(
        SmokingStatus::ExSmoker {
            quit: QuitTime::from_years(30).unwrap(),
        },
        None,
    );
    assert!(edge.validate_against(&c).is_ok());
    let unknown = answers(
        SmokingStatus::ExSmoker {
            quit: QuitTime::NOT_KNOWN,
        },
        None,
    );
    assert!(unknown.validate_against(&c).is_ok());
}

#[test]
fn json_errors_carry_the_constructor_message() {
    let err = serde_json::from_str::<Answers>(
        r#"{"status": {"kind": "ex_smoker", "value": {"quit": {"kind": "years", "value": 1990}}}, "vaping": {"kind": "not_asked"}, "co_ppm": {"kind": "not_asked"}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("quit_years is 1990"), "{err}");
    // "Not asked" is explicit: a missing field is refused, not defaulted.
    let err = serde_json::from_str::<Answers>(
        r#"{"status": {"kind": "never_smoked"}, "vaping": {"kind": "not_asked"}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("missing field `co_ppm`"), "{err}");
    let err = serde_json::from_str::<Answers>(
        r#"{"status": {"kind": "ex_smoker", "value": {"quit": {"kind": "not_known"}, "reason": "x"}}, "vaping": {"kind": "not_asked"}, "co_ppm": {"kind": "not_asked"}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("unknown field `reason`"), "{err}");
}

// ---------------------------------------------------------------- schema and shape

#[cfg(feature = "schema")]
#[test]
fn schema_bounds_are_the_constructor_bounds() {
    let s = common::schema_of::<CigarettesPerDay>();
    assert_eq!(
        (s["minimum"].clone(), s["maximum"].clone()),
        (
            json!(CIGARETTES_PER_DAY.min()),
            json!(CIGARETTES_PER_DAY.max())
        )
    );
    let s = common::schema_of::<MinutesToFirstCigarette>();
    assert_eq!(s["maximum"], json!(MINUTES_TO_FIRST_CIGARETTE.max()));
    let s = common::schema_of::<YearsSmoked>();
    assert_eq!(s["maximum"], json!(YEARS_SMOKED.max()));
    let s = common::schema_of::<PackYears>();
    assert_eq!(s["maximum"], json!(PACK_YEARS.max()));
    let s = common::schema_of::<QuitTime>();
    let forms = s["oneOf"].as_array().unwrap();
    for (key, bounds) in [
        ("days", QUIT_DAYS),
        ("weeks", QUIT_WEEKS),
        ("months", QUIT_MONTHS),
        ("years", QUIT_YEARS),
    ] {
        let form = forms
            .iter()
            .find(|f| f["properties"]["kind"]["const"] == key)
            .unwrap();
        assert_eq!(
            form["properties"]["value"]["maximum"],
            json!(bounds.max()),
            "{key}"
        );
        assert_eq!(
            form["properties"]["value"]["minimum"],
            json!(bounds.min()),
            "{key}"
        );
    }
    let s = common::schema_of::<Products>();
    assert_eq!(s["minItems"], json!(1));
}

#[test]
fn the_finding_serializes_with_the_spec_names() {
    let status = SmokingStatus::CurrentSmoker(
        CurrentSmoking::new(CurrentSmokingFields {
            products: Products::single(Product::HandRolled).with(Product::Shisha),
            cigarettes_per_day: Reply::Answered(cpd(21)),
            minutes_to_first_cigarette: Reply::Answered(mins(6)),
            years_smoked: Reply::Answered(years(10)),
        })
        .unwrap(),
    );
    let f = score(
        &Answers {
            status,
            vaping: Reply::Answered(Vaping::Current),
            co_ppm: Reply::Answered(ppm(4)),
        },
        &pregnant(),
    );
    assert_eq!(
        serde_json::to_value(f).unwrap(),
        json!({
            "status": "current_smoker",
            "quit_recency": null,
            "treat_as_smoker_for_referral": true,
            "products": ["hand_rolled", "shisha"],
            "hsi": {"kind": "computed", "value": {"total": 4, "cigarettes_per_day_points": 2,
                                 "time_to_first_cigarette_points": 2, "band": "moderate"}},
            "pack_years": {"kind": "computed", "value": 10.5},
            "vaping": {"kind": "answered", "value": "current"},
            "co": {"kind": "measured", "value": {"ppm": 4, "pregnancy_thresholds_applied": true,
                                "counted_as_non_smoker": false, "flags": ["pregnancy_referral"]}},
            "pregnancy": "pregnant",
            "assumptions": [],
            "snomed_ct": "77176002",
            "source": "smoking_status_v1"
        })
    );
    common::assert_json_contract(&f);
}

// ---------------------------------------------------------------- allocation

#[test]
fn scoring_allocates_nothing() {
    let cases = [
        (
            answers(
                cigarette_smoker(
                    Reply::Answered(cpd(25)),
                    Reply::Answered(mins(5)),
                    Reply::Answered(years(20)),
                ),
                Some(30),
            ),
            pregnant(),
        ),
        (
            answers(
                SmokingStatus::ExSmoker {
                    quit: QuitTime::NOT_KNOWN,
                },
                Some(11),
            ),
            contact(json!({"sex": "not_known", "pregnant": "not_known"})),
        ),
        (answers(SmokingStatus::NeverSmoked, None), not_pregnant()),
    ];
    for (a, c) in &cases {
        let n = common::alloc::allocations_during(|| {
            std::hint::black_box(score(std::hint::black_box(a), std::hint::black_box(c)));
        });
        assert_eq!(n, 0, "score allocated for {a:?}");
    }
}

// ---------------------------------------------------------------- golden vectors

/// Runs every case in `tests/data/smoking.json`: contact fields (merged over a
/// default contact) and answers in the crate's own JSON forms, deserialized
/// through the crate's types, checked against the contact, scored, and the
/// named parts of the finding compared as JSON. A case with `expect_error`
/// must be refused, by deserialization or by `validate_against`, with a
/// message containing that text.
#[test]
fn golden_vectors() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("data/smoking.json")).unwrap();
    assert!(cases.len() >= 90, "only {} golden vectors", cases.len());
    let mut names = std::collections::HashSet::new();
    for case in &cases {
        let name = case["name"].as_str().expect("each case has a name");
        assert!(names.insert(name), "duplicate case name {name}");
        let source = case["source"].as_str().unwrap_or_default();
        assert!(
            source.contains("CLINICAL-REFERENCE"),
            "{name}: cite the source"
        );
        let contact: Contact = serde_json::from_value(contact_json(&case["contact"]))
            .unwrap_or_else(|e| panic!("{name}: contact: {e}"));
        let answers = serde_json::from_value::<Answers>(case["answers"].clone())
            .map_err(|e| e.to_string())
            .and_then(|a| {
                a.validate_against(&contact)
                    .map(|()| a)
                    .map_err(|e| e.to_string())
            });
        if let Some(expected) = case.get("expect_error") {
            let expected = expected.as_str().unwrap();
            let err = answers.expect_err(name);
            assert!(err.contains(expected), "{name}: {err:?} lacks {expected:?}");
            continue;
        }
        let answers = answers.unwrap_or_else(|e| panic!("{name}: answers: {e}"));
        let finding = serde_json::to_value(score(&answers, &contact)).unwrap();
        let expected = case["expect"]
            .as_object()
            .unwrap_or_else(|| panic!("{name}: expect"));
        assert!(!expected.is_empty(), "{name}: expects nothing");
        for (key, want) in expected {
            assert_eq!(&finding[key], want, "{name}: {key} in {finding}");
        }
    }
}

// ---------------------------------------------------------------- properties

fn arb_reply<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Reply<T>> {
    prop_oneof![Just(Reply::NotAsked), s.prop_map(Reply::Answered)]
}

fn arb_products() -> impl Strategy<Value = Products> {
    prop::collection::vec(prop::sample::select(Product::ALL.to_vec()), 1..4)
        .prop_map(|v| Products::try_from_iter(v).unwrap())
}

fn arb_current() -> impl Strategy<Value = CurrentSmoking> {
    (
        arb_products(),
        arb_reply((0u32..=200).prop_map(cpd)),
        arb_reply((0u32..=1440).prop_map(mins)),
        arb_reply((0u32..=110).prop_map(years)),
    )
        .prop_filter_map("cigarettes need a cigarette product", |(p, c, m, y)| {
            CurrentSmoking::new(CurrentSmokingFields {
                products: p,
                cigarettes_per_day: c,
                minutes_to_first_cigarette: m,
                years_smoked: y,
            })
            .ok()
        })
}

fn arb_quit() -> impl Strategy<Value = QuitTime> {
    prop_oneof![
        Just(QuitTime::NOT_KNOWN),
        (0u32..=400).prop_map(|d| QuitTime::from_days(d).unwrap()),
        (0u32..=36_500).prop_map(|d| QuitTime::from_days(d).unwrap()),
        (0u32..=5214).prop_map(|w| QuitTime::from_weeks(w).unwrap()),
        (0u32..=1200).prop_map(|m| QuitTime::from_months(m).unwrap()),
        (0u32..=100).prop_map(|y| QuitTime::from_years(y).unwrap()),
    ]
}

fn arb_status() -> impl Strategy<Value = SmokingStatus> {
    prop_oneof![
        Just(SmokingStatus::NeverSmoked),
        arb_quit().prop_map(|quit| SmokingStatus::ExSmoker { quit }),
        arb_current().prop_map(SmokingStatus::CurrentSmoker),
    ]
}

fn arb_answers() -> impl Strategy<Value = Answers> {
    (
        arb_status(),
        arb_reply(prop::sample::select(vec![
            Vaping::Never,
            Vaping::Current,
            Vaping::Ex,
        ])),
        arb_reply((0u32..=500).prop_map(ppm)),
    )
        .prop_map(|(status, vaping, co_ppm)| Answers {
            status,
            vaping,
            co_ppm,
        })
}

fn arb_contact() -> impl Strategy<Value = Contact> {
    (
        0u32..=120,
        prop::sample::select(vec!["male", "female", "not_known"]),
        prop::sample::select(vec!["yes", "no", "not_known"]),
        prop::sample::select(vec!["maternity", "general_practice", "hospital_inpatient"]),
    )
        .prop_filter_map(
            "pregnant men are refused",
            |(age, sex, pregnant, setting)| {
                let fields: ContactFields = serde_json::from_value(contact_json(&json!({
                    "age": age, "sex": sex, "pregnant": pregnant, "setting": setting
                })))
                .ok()?;
                Contact::new(fields).ok()
            },
        )
}

/// Words of this instrument's JSON, so random values reach past the first key.
const VOCABULARY: &[&str] = &[
    "status",
    "vaping",
    "co_ppm",
    "never_smoked",
    "ex_smoker",
    "current_smoker",
    "quit",
    "days",
    "weeks",
    "months",
    "years",
    "not_known",
    "products",
    "cigarettes_per_day",
    "minutes_to_first_cigarette",
    "years_smoked",
    "answered",
    "kind",
    "value",
    "not_asked",
    "manufactured_cigarettes",
    "hand_rolled",
    "cigars",
    "current",
    "computed",
    "hsi",
    "flags",
    "co",
    "measured",
    "not_measured",
    "ppm",
    "pregnancy_thresholds_applied",
    "counted_as_non_smoker",
    "total",
    "band",
    "missing",
    "reason",
    "not_applicable",
    "not_computable",
    "pack_years",
    "possible_co_poisoning",
    "8517006",
];

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0u64..40_000).prop_map(Value::from),
        proptest::num::f64::NORMAL.prop_map(Value::from),
        prop::sample::select(VOCABULARY).prop_map(Value::from),
        "[a-z_]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(VOCABULARY).prop_map(String::from),
                    inner
                ),
                0..5
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn from_text<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_str(s).ok()
}

fn from_value<T: serde::de::DeserializeOwned>(v: &Value) -> Option<T> {
    serde_json::from_value(v.clone()).ok()
}

macro_rules! try_every_deserializer {
    ($from:ident, $input:expr) => {{
        let _ = $from::<Answers>($input);
        let _ = $from::<SmokingStatus>($input);
        let _ = $from::<CurrentSmoking>($input);
        let _ = $from::<CurrentSmokingFields>($input);
        let _ = $from::<QuitTime>($input);
        let _ = $from::<Products>($input);
        let _ = $from::<CigarettesPerDay>($input);
        let _ = $from::<MinutesToFirstCigarette>($input);
        let _ = $from::<YearsSmoked>($input);
        let _ = $from::<Vaping>($input);
        let _ = $from::<Finding>($input);
        let _ = $from::<PackYears>($input);
        let _ = $from::<CoFlags>($input);
        let _ = $from::<Assumptions>($input);
        let _ = $from::<Hsi>($input);
        let _ = $from::<QuitTimeInput>($input);
        let _ = $from::<Product>($input);
        let _ = $from::<StatusSummary>($input);
        let _ = $from::<QuitRecency>($input);
        let _ = $from::<DependenceBand>($input);
        let _ = $from::<HsiScore>($input);
        let _ = $from::<HsiMissing>($input);
        let _ = $from::<NotApplicableReason>($input);
        let _ = $from::<PackYearsResult>($input);
        let _ = $from::<PackYearsMissing>($input);
        let _ = $from::<CoFlag>($input);
        let _ = $from::<CoReading>($input);
        let _ = $from::<CoInterpretation>($input);
        let _ = $from::<PregnancyReading>($input);
        let _ = $from::<Assumption>($input);
        let _ = $from::<SmokingConcept>($input);
        let _ = $from::<InstrumentId>($input);
    }};
}

proptest! {
    // CLINICAL-REFERENCE §2.2: more cigarettes a day never lowers the HSI.
    #[test]
    fn more_cigarettes_never_lower_hsi(a in 0u32..=200, b in 0u32..=200, m in 0u32..=1440) {
        let (lo, hi) = (a.min(b), a.max(b));
        let (low, high) = (hsi(cpd(lo), mins(m)), hsi(cpd(hi), mins(m)));
        prop_assert!(high.total >= low.total);
        prop_assert!(high.band >= low.band);
        prop_assert!(high.total <= HSI_MAX);
    }

    // CLINICAL-REFERENCE §2.2: an earlier first cigarette never lowers the HSI.
    #[test]
    fn shorter_time_to_first_never_lowers_hsi(a in 0u32..=1440, b in 0u32..=1440, c in 0u32..=200) {
        let (sooner, later) = (a.min(b), a.max(b));
        let (s, l) = (hsi(cpd(c), mins(sooner)), hsi(cpd(c), mins(later)));
        prop_assert!(s.total >= l.total);
        prop_assert!(s.band >= l.band);
    }

    // CLINICAL-REFERENCE §2.3: a higher CO reading never removes a flag.
    #[test]
    fn higher_co_never_removes_a_flag(
        status in arb_status(), contact in arb_contact(), a in 0u32..=500, b in 0u32..=500,
    ) {
        let (lo, hi) = (a.min(b), a.max(b));
        let low = co_flags(status, lo, &contact);
        let high = co_flags(status, hi, &contact);
        prop_assert!(low.is_subset(high), "{lo} ppm {low:?} vs {hi} ppm {high:?}");
    }

    #[test]
    fn pack_years_are_exact(c in 0u32..=200, y in 0u32..=110) {
        let p = PackYears::from_smoking(cpd(c), years(y));
        prop_assert_eq!(p.hundredths(), c * y * 5);
        prop_assert_eq!(PackYears::from_pack_years(p.pack_years()).unwrap(), p);
    }

    #[test]
    fn constructors_never_panic(n in any::<u32>(), x in proptest::num::f64::ANY) {
        if let Ok(v) = CigarettesPerDay::new(n) { common::assert_json_contract(&v); }
        if let Ok(v) = MinutesToFirstCigarette::new(n) { common::assert_json_contract(&v); }
        if let Ok(v) = YearsSmoked::new(n) { common::assert_json_contract(&v); }
        let quits = [QuitTime::from_days(n), QuitTime::from_weeks(n), QuitTime::from_months(n), QuitTime::from_years(n)];
        for q in quits.into_iter().flatten() {
            prop_assert!(q.days().is_some_and(|d| d <= 36_500));
            common::assert_json_contract(&q);
        }
        if let Ok(p) = PackYears::from_pack_years(x) { common::assert_json_contract(&p); }
    }

    #[test]
    fn current_smoking_constructor_never_panics(
        bits in prop::collection::vec(prop::sample::select(Product::ALL.to_vec()), 0..7),
        c in any::<u32>(), m in any::<u32>(), y in any::<u32>(),
    ) {
        let Ok(products) = Products::try_from_iter(bits.clone()) else {
            prop_assert!(bits.is_empty());
            return Ok(());
        };
        let fields = CurrentSmokingFields {
            products,
            cigarettes_per_day: CigarettesPerDay::new(c).map_or(Reply::NotAsked, Reply::Answered),
            minutes_to_first_cigarette: MinutesToFirstCigarette::new(m).map_or(Reply::NotAsked, Reply::Answered),
            years_smoked: YearsSmoked::new(y).map_or(Reply::NotAsked, Reply::Answered),
        };
        if let Ok(current) = CurrentSmoking::new(fields) {
            common::assert_json_contract(&current);
        }
    }

    #[test]
    fn arbitrary_json_text_never_panics(s in ".{0,64}") {
        try_every_deserializer!(from_text, &s);
    }

    #[test]
    fn arbitrary_json_values_never_panic(v in arb_json()) {
        try_every_deserializer!(from_value, &v);
    }

    #[test]
    fn answers_and_findings_keep_their_json_contract(a in arb_answers(), c in arb_contact()) {
        common::assert_json_contract(&a);
        let _ = a.validate_against(&c);
        let f = score(&a, &c);
        common::assert_json_contract(&f);
    }

    // CLINICAL-REFERENCE §2.1, §2.4: who is treated as a smoker, and what is recorded.
    #[test]
    fn findings_are_consistent_with_the_answers(a in arb_answers(), c in arb_contact()) {
        let f = score(&a, &c);
        match a.status {
            SmokingStatus::NeverSmoked => {
                prop_assert!(!f.treat_as_smoker_for_referral);
                prop_assert_eq!(f.snomed_ct, SmokingConcept::NeverSmokedTobacco);
            }
            SmokingStatus::ExSmoker { quit } => {
                let recent = quit.days().is_none_or(|d| d < 14);
                prop_assert_eq!(f.treat_as_smoker_for_referral, recent);
                prop_assert_eq!(
                    f.assumptions.contains(Assumption::QuitTimeNotKnownReadAsWithin2Weeks),
                    !quit.is_known()
                );
            }
            SmokingStatus::CurrentSmoker(current) => {
                prop_assert!(f.treat_as_smoker_for_referral);
                prop_assert_eq!(f.products, Some(current.products()));
                prop_assert_eq!(
                    f.hsi.computed().is_some(),
                    current.products().includes_cigarettes()
                        && current.cigarettes_per_day().get().is_some()
                        && current.minutes_to_first_cigarette().get().is_some()
                );
            }
        }
        prop_assert_eq!(
            f.assumptions.contains(Assumption::PregnancyNotKnownReadAsPossible),
            f.pregnancy == PregnancyReading::PossiblyPregnant
        );
        prop_assert_eq!(f.source, InstrumentId::SmokingStatusV1);
    }
}
