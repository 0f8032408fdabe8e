//! BMI and waist-to-height ratio: thresholds, the one-decimal rule, applicability,
//! golden vectors and properties (CLINICAL-REFERENCE §3.1–§3.3).
mod common;

use mecc::Error;
use mecc::context::{
    Age, Comorbidities, Contact, ContactFields, FamilyBackground, Pregnancy, PriorityGroups,
    Setting, Sex, TimeAvailable, YesNoNotKnown,
};
use mecc::instruments::Reply;
use mecc::instruments::bmi::*;
use mecc::units::{Height, Waist, Weight};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};

const ALL_BACKGROUNDS: [FamilyBackground; 10] = [
    FamilyBackground::White,
    FamilyBackground::Mixed,
    FamilyBackground::SouthAsian,
    FamilyBackground::Chinese,
    FamilyBackground::OtherAsian,
    FamilyBackground::MiddleEastern,
    FamilyBackground::BlackAfrican,
    FamilyBackground::AfricanCaribbean,
    FamilyBackground::Other,
    FamilyBackground::NotStated,
];

fn contact(age: u32, pregnant: Pregnancy, background: FamilyBackground) -> Contact {
    Contact::new(ContactFields {
        age: Age::new(age).unwrap(),
        age_in_months: None,
        age_confirmed: false,
        sex: Sex::Female,
        pregnant,
        family_background: Some(background),
        setting: Setting::GeneralPractice,
        time_available: TimeAvailable::Brief,
        presenting_condition: None,
        intoxicated: Some(YesNoNotKnown::No),
        priority_groups: Some(PriorityGroups::NONE),
        comorbidities: Some(Comorbidities::NONE),
    })
    .unwrap()
}

fn adult_contact(background: FamilyBackground) -> Contact {
    contact(40, Pregnancy::No, background)
}

/// Measurements at 2.000 m, where BMI × 10 is exactly grams / 400.
fn at_two_metres(bmi_tenths: u32, waist_mm: Option<u32>) -> Answers {
    Answers::new(
        Height::from_mm(2000).unwrap(),
        Weight::from_grams(bmi_tenths * 400).unwrap(),
        match waist_mm {
            Some(mm) => Reply::Answered(Waist::from_mm(mm).unwrap()),
            None => Reply::NotAsked,
        },
    )
}

// ---------------------------------------------------------------- thresholds

/// Checks one threshold at, just below and just above, on the shown value.
fn assert_threshold(set: ThresholdSet, threshold: u16, spec_value: u16, category: BmiCategory) {
    assert_eq!(threshold, spec_value, "{set:?} {category:?}");
    assert_eq!(set.classify(threshold), category, "{set:?} at {threshold}");
    assert_eq!(
        set.classify(threshold + 1),
        category,
        "{set:?} above {threshold}"
    );
    assert!(
        set.classify(threshold - 1) < category,
        "{set:?} below {threshold}"
    );
    assert_eq!(set.from_tenths(category), threshold);
}

// CLINICAL-REFERENCE §3.2; WHO adult BMI classification.
#[test]
fn standard_thresholds_at_and_either_side_section_3_2() {
    use BmiCategory::*;
    let set = ThresholdSet::Standard;
    assert_threshold(set, STANDARD_HEALTHY_WEIGHT_FROM_TENTHS, 185, HealthyWeight);
    assert_threshold(set, STANDARD_OVERWEIGHT_FROM_TENTHS, 250, Overweight);
    assert_threshold(
        set,
        STANDARD_OBESITY_CLASS_1_FROM_TENTHS,
        300,
        ObesityClass1,
    );
    assert_threshold(
        set,
        STANDARD_OBESITY_CLASS_2_FROM_TENTHS,
        350,
        ObesityClass2,
    );
    assert_threshold(
        set,
        STANDARD_OBESITY_CLASS_3_FROM_TENTHS,
        400,
        ObesityClass3,
    );
    assert_eq!(set.classify(0), Underweight);
    assert_eq!(set.classify(u16::MAX), ObesityClass3);
}

// CLINICAL-REFERENCE §3.2; NICE NG246. The underweight threshold is unchanged,
// overweight starts at 23.0 (2.0 below 25.0: the table in §3.2 is followed) and
// each obesity class starts 2.5 below the standard one.
#[test]
fn adjusted_thresholds_at_and_either_side_section_3_2() {
    use BmiCategory::*;
    let set = ThresholdSet::Adjusted;
    assert_threshold(set, ADJUSTED_HEALTHY_WEIGHT_FROM_TENTHS, 185, HealthyWeight);
    assert_threshold(set, ADJUSTED_OVERWEIGHT_FROM_TENTHS, 230, Overweight);
    assert_threshold(
        set,
        ADJUSTED_OBESITY_CLASS_1_FROM_TENTHS,
        275,
        ObesityClass1,
    );
    assert_threshold(
        set,
        ADJUSTED_OBESITY_CLASS_2_FROM_TENTHS,
        325,
        ObesityClass2,
    );
    assert_threshold(
        set,
        ADJUSTED_OBESITY_CLASS_3_FROM_TENTHS,
        375,
        ObesityClass3,
    );
    for category in [ObesityClass1, ObesityClass2, ObesityClass3] {
        assert_eq!(
            ThresholdSet::Standard.from_tenths(category) - set.from_tenths(category),
            25,
            "2.5 lower for {category:?}"
        );
    }
}

// CLINICAL-REFERENCE §3.3; NICE NG246: WHtR bands on the shown two-decimal value.
#[test]
fn whtr_bands_at_and_either_side_section_3_3() {
    assert_eq!(WHTR_HEALTHY_FROM_HUNDREDTHS, 40);
    assert_eq!(WHTR_INCREASED_FROM_HUNDREDTHS, 50);
    assert_eq!(WHTR_HIGH_FROM_HUNDREDTHS, 60);
    assert_eq!(WhtrBand::classify(39), WhtrBand::Below0Point4);
    assert_eq!(WhtrBand::classify(40), WhtrBand::Healthy);
    assert_eq!(WhtrBand::classify(41), WhtrBand::Healthy);
    assert_eq!(WhtrBand::classify(49), WhtrBand::Healthy);
    assert_eq!(WhtrBand::classify(50), WhtrBand::Increased);
    assert_eq!(WhtrBand::classify(51), WhtrBand::Increased);
    assert_eq!(WhtrBand::classify(59), WhtrBand::Increased);
    assert_eq!(WhtrBand::classify(60), WhtrBand::High);
    assert_eq!(WhtrBand::classify(61), WhtrBand::High);
    assert_eq!(WhtrBand::classify(0), WhtrBand::Below0Point4);
}

// CLINICAL-REFERENCE §3.3; NICE NG246: WHtR is used below BMI 35 (shown).
#[test]
fn whtr_applies_below_bmi_35_section_3_3() {
    assert_eq!(WHTR_USED_BELOW_BMI_TENTHS, 350);
    for background in [FamilyBackground::White, FamilyBackground::SouthAsian] {
        let c = adult_contact(background);
        let below = score(&at_two_metres(349, Some(1000)), &c)
            .whtr
            .get()
            .unwrap();
        assert!(below.applies);
        assert_eq!(below.applicability, WhtrApplicability::AdultBmiBelow35);
        let at = score(&at_two_metres(350, Some(1000)), &c)
            .whtr
            .get()
            .unwrap();
        assert!(!at.applies);
        assert_eq!(at.applicability, WhtrApplicability::Bmi35OrMore);
        assert_eq!(at.ratio_hundredths, 50, "still computed");
        assert_eq!(at.band, WhtrBand::Increased);
    }
}

// CLINICAL-REFERENCE §3.1: adult classification from 18.
#[test]
fn adult_from_18_section_3_1() {
    assert_eq!(ADULT_FROM_AGE_YEARS, 18);
    let answers = at_two_metres(300, None);
    let child = score(
        &answers,
        &contact(17, Pregnancy::No, FamilyBackground::White),
    );
    assert_eq!(
        child.classification,
        BmiClassification::NotApplicable {
            reason: NotApplicableReason::Under18
        }
    );
    assert_eq!(child.bmi_tenths, 300, "BMI is still computed");
    let adult = score(
        &answers,
        &contact(18, Pregnancy::No, FamilyBackground::White),
    );
    assert_eq!(
        adult.classification.category(),
        Some(BmiCategory::ObesityClass1)
    );
}

// CLINICAL-REFERENCE §3.1: in pregnancy BMI is computed but not classified.
#[test]
fn pregnancy_is_not_classified_section_3_1() {
    let finding = score(
        &at_two_metres(300, Some(1000)),
        &contact(30, Pregnancy::Yes, FamilyBackground::White),
    );
    assert_eq!(
        finding.classification,
        BmiClassification::NotApplicableInPregnancy
    );
    assert_eq!(finding.classification.category(), None);
    assert_eq!(finding.bmi_tenths, 300);
    let whtr = finding.whtr.get().unwrap();
    assert!(!whtr.applies);
    assert_eq!(whtr.applicability, WhtrApplicability::Pregnant);
}

// CLINICAL-REFERENCE §0: pregnancy `not_known` is classified, and the
// assumption recorded, so weight-loss advice is confirmed first.
#[test]
fn pregnancy_not_known_is_classified_and_recorded_section_0() {
    let finding = score(
        &at_two_metres(300, None),
        &contact(30, Pregnancy::NotKnown, FamilyBackground::White),
    );
    let adult = finding.classification.adult().unwrap();
    assert_eq!(adult.category, BmiCategory::ObesityClass1);
    assert!(adult.pregnancy_not_known);
    let known = score(
        &at_two_metres(300, None),
        &adult_contact(FamilyBackground::White),
    );
    assert!(!known.classification.adult().unwrap().pregnancy_not_known);
}

// CLINICAL-REFERENCE §3.2: family background chooses the thresholds; mixed,
// other and not stated carry the note that lower thresholds may apply.
#[test]
fn every_family_background_section_3_2() {
    use FamilyBackground::*;
    for background in ALL_BACKGROUNDS {
        let expected_set = match background {
            SouthAsian | Chinese | OtherAsian | MiddleEastern | BlackAfrican | AfricanCaribbean => {
                ThresholdSet::Adjusted
            }
            White | Mixed | Other | NotStated => ThresholdSet::Standard,
        };
        let expected_note = matches!(background, Mixed | Other | NotStated);
        assert_eq!(ThresholdSet::for_background(background), expected_set);
        assert_eq!(lower_thresholds_may_apply(background), expected_note);
        let finding = score(&at_two_metres(280, None), &adult_contact(background));
        let adult = finding.classification.adult().unwrap();
        assert_eq!(adult.thresholds, expected_set, "{background:?}");
        assert_eq!(adult.lower_thresholds_may_apply, expected_note);
    }
}

// ---------------------------------------------------------------- arithmetic

// CLINICAL-REFERENCE §3.2 Decision: classified on the shown one-decimal value.
#[test]
fn the_shown_value_is_classified_section_3_2() {
    let h = Height::from_mm(2000).unwrap();
    let w = |g| Weight::from_grams(g).unwrap();
    // 24.96 → 25.0, overweight although the unrounded value is below 25.
    assert_eq!(bmi_tenths(h, w(99_840)), 250);
    // 24.949 → 24.9.
    assert_eq!(bmi_tenths(h, w(99_796)), 249);
    // Exactly 24.95 rounds half up.
    assert_eq!(bmi_tenths(h, w(99_800)), 250);
    assert_eq!(bmi_tenths(h, w(99_799)), 249);
    let finding = score(
        &Answers::new(h, w(99_840), Reply::NotAsked),
        &adult_contact(FamilyBackground::White),
    );
    assert!(finding.bmi_unrounded() < 25.0);
    assert_eq!(finding.bmi_display().to_string(), "25.0");
    assert_eq!(
        finding.classification.category(),
        Some(BmiCategory::Overweight)
    );
}

// CLINICAL-REFERENCE §3.3: WHtR to two decimal places, rounded half up.
#[test]
fn whtr_rounds_half_up_section_3_3() {
    let h = Height::from_mm(2000).unwrap();
    let w = |mm| Waist::from_mm(mm).unwrap();
    assert_eq!(whtr_hundredths(w(789), h), 39); // 0.3945
    assert_eq!(whtr_hundredths(w(790), h), 40); // 0.395
    assert_eq!(whtr_hundredths(w(990), h), 50); // 0.495
    assert_eq!(whtr_hundredths(w(1190), h), 60); // 0.595
    let f = score(
        &at_two_metres(200, Some(990)),
        &adult_contact(FamilyBackground::White),
    )
    .whtr
    .get()
    .unwrap();
    assert_eq!(f.ratio_display().to_string(), "0.50");
    assert!((f.ratio_unrounded() - 0.495).abs() < 1e-12);
    assert_eq!(f.band, WhtrBand::Increased);
}

#[test]
fn display_helpers_write_the_shown_value() {
    let f = score(
        &Answers::new(
            Height::from_mm(2500).unwrap(),
            Weight::from_kg(20.0).unwrap(),
            Reply::Answered(Waist::from_mm(500).unwrap()),
        ),
        &adult_contact(FamilyBackground::White),
    );
    assert_eq!(f.bmi_display().to_string(), "3.2");
    assert_eq!(f.whtr.get().unwrap().ratio_display().to_string(), "0.20");
    let f = score(
        &Answers::new(
            Height::from_mm(1000).unwrap(),
            Weight::from_kg(350.0).unwrap(),
            Reply::Answered(Waist::from_mm(2500).unwrap()),
        ),
        &adult_contact(FamilyBackground::White),
    );
    assert_eq!(f.bmi_display().to_string(), "350.0");
    assert_eq!(f.whtr.get().unwrap().ratio_display().to_string(), "2.50");
}

#[test]
fn categories_are_ordered_lightest_first() {
    let mut sorted = BmiCategory::ALL;
    sorted.sort();
    assert_eq!(sorted, BmiCategory::ALL);
    assert!(BmiCategory::ObesityClass1.is_obesity());
    assert!(!BmiCategory::Overweight.is_obesity());
    assert!(WhtrBand::Below0Point4 < WhtrBand::Healthy);
    assert!(WhtrBand::Increased < WhtrBand::High);
}

// ---------------------------------------------------------------- provenance and JSON

#[test]
fn findings_name_their_instrument_version_and_sources() {
    assert_eq!(VERSION, "bmi_whtr_1");
    let f = score(
        &at_two_metres(250, None),
        &adult_contact(FamilyBackground::White),
    );
    assert_eq!(serde_json::to_value(f.instrument).unwrap(), json!(VERSION));
    assert_eq!(f.instrument.version(), VERSION);
    assert_eq!(f.instrument.sources(), SOURCES);
    assert!(SOURCE.citation.contains("NG246"));
    assert!(SOURCES.iter().any(|s| s.citation.contains("NICE NG246")));
    assert!(
        SOURCES
            .iter()
            .any(|s| s.citation.contains("World Health Organization"))
    );
    assert!(SOURCES.iter().all(|s| !s.citation.is_empty()));
}

#[test]
fn finding_json_uses_the_spec_names() {
    let f = score(
        &at_two_metres(250, Some(1000)),
        &adult_contact(FamilyBackground::Mixed),
    );
    assert_eq!(
        serde_json::to_value(f).unwrap(),
        json!({
            "instrument": "bmi_whtr_1",
            "bmi_tenths": 250,
            "height_mm": 2000,
            "weight_g": 100_000,
            "classification": {"kind": "adult", "value": {
                "category": "overweight",
                "thresholds": "standard",
                "lower_thresholds_may_apply": true,
                "pregnancy_not_known": false,
            }},
            "whtr": {"kind": "answered", "value": {
                "ratio_hundredths": 50,
                "waist_mm": 1000,
                "height_mm": 2000,
                "band": "increased",
                "applies": true,
                "applicability": "adult_bmi_below_35",
            }},
        })
    );
    let names: Vec<Value> = BmiCategory::ALL
        .iter()
        .map(|c| serde_json::to_value(c).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "underweight",
            "healthy_weight",
            "overweight",
            "obesity_class_1",
            "obesity_class_2",
            "obesity_class_3"
        ]
    );
    assert_eq!(
        serde_json::to_value(WhtrBand::Below0Point4).unwrap(),
        "below_0_4"
    );
    assert_eq!(
        serde_json::to_value(BmiClassification::NotApplicableInPregnancy).unwrap(),
        json!({"kind": "not_applicable_in_pregnancy"})
    );
    assert_eq!(
        serde_json::to_value(BmiClassification::NotApplicable {
            reason: NotApplicableReason::Under18
        })
        .unwrap(),
        json!({"kind": "not_applicable", "value": {"reason": "under_18"}})
    );
    for (a, name) in [
        (WhtrApplicability::AdultBmiBelow35, "adult_bmi_below_35"),
        (WhtrApplicability::Bmi35OrMore, "bmi_35_or_more"),
        (WhtrApplicability::Under18, "under_18"),
        (WhtrApplicability::Pregnant, "pregnant"),
    ] {
        assert_eq!(serde_json::to_value(a).unwrap(), name);
    }
}

#[test]
fn answers_json_accepts_the_documented_forms() {
    let a: Answers = serde_json::from_value(json!({
        "height": {"kind": "cm", "value": 172},
        "weight": {"kind": "stones_and_pounds", "value": {"stones": 13, "pounds": 2}},
        "waist": {"kind": "not_asked"},
    }))
    .unwrap();
    assert_eq!(a.height.mm(), 1720);
    assert_eq!(a.weight.grams(), 83_461);
    assert!(a.waist.is_not_asked());
    let a: Answers = serde_json::from_value(json!({
        "height": {"kind": "feet_and_inches", "value": {"feet": 5, "inches": 9}},
        "weight": {"kind": "pounds", "value": 184},
        "waist": {"kind": "answered", "value": {"kind": "inches", "value": 34}},
    }))
    .unwrap();
    assert_eq!(a.waist.get().unwrap().mm(), 864);
    // Written back in canonical units.
    assert_eq!(
        serde_json::to_value(a).unwrap(),
        json!({"height": {"kind": "mm", "value": 1753}, "weight": {"kind": "g", "value": 83461}, "waist": {"kind": "answered", "value": {"kind": "mm", "value": 864}}})
    );
}

#[test]
fn answers_json_has_no_silent_defaults() {
    // The waist must be answered or explicitly not asked.
    let err = serde_json::from_value::<Answers>(json!({
        "height": {"kind": "cm", "value": 172}, "weight": {"kind": "kg", "value": 80},
    }))
    .unwrap_err();
    assert_eq!(err.to_string(), "missing field `waist`");
    let err = serde_json::from_value::<Answers>(json!({
        "height": {"kind": "cm", "value": 172}, "weight": {"kind": "kg", "value": 80}, "waist": {"kind": "not_asked"}, "hip": {"kind": "cm", "value": 90},
    }))
    .unwrap_err();
    assert!(err.to_string().contains("unknown field `hip`"), "{err}");
    assert!(
        serde_json::from_value::<Answers>(json!({
            "height": 172, "weight": {"kind": "kg", "value": 80}, "waist": {"kind": "not_asked"},
        }))
        .is_err(),
        "a bare number has no unit"
    );
}

// ---------------------------------------------------------------- errors

fn answers_error(value: Value) -> String {
    serde_json::from_value::<Answers>(value)
        .unwrap_err()
        .to_string()
}

// CLINICAL-REFERENCE §3.1: implausible measurements are refused before any BMI
// is computed, naming the field and the value, with the likely unit mistake.
#[test]
fn out_of_range_measurements_are_refused_section_3_1() {
    assert_eq!(
        answers_error(
            json!({"height": {"kind": "cm", "value": 1.72}, "weight": {"kind": "kg", "value": 80}, "waist": {"kind": "not_asked"}})
        ),
        "height_cm is 1.72: expected a height from 100 to 250 cm \
         (this looks like metres: did you mean 172 cm?)"
    );
    assert_eq!(
        answers_error(
            json!({"height": {"kind": "cm", "value": 172}, "weight": {"kind": "kg", "value": 400}, "waist": {"kind": "not_asked"}})
        ),
        "weight_kg is 400: expected a weight from 20 to 350 kg \
         (this may be pounds: 400 lb is 181.4 kg)"
    );
    assert_eq!(
        answers_error(
            json!({"height": {"kind": "cm", "value": 172}, "weight": {"kind": "kg", "value": 80}, "waist": {"kind": "answered", "value": {"kind": "cm", "value": 0.85}}})
        ),
        "waist_cm is 0.85: expected a waist from 40 to 250 cm \
         (this looks like metres: did you mean 85 cm?)"
    );
    // The hint names the likely mistake, in the unit the caller used.
    assert_eq!(
        answers_error(
            json!({"height": {"kind": "mm", "value": 172}, "weight": {"kind": "kg", "value": 80}, "waist": {"kind": "not_asked"}})
        ),
        "height_mm is 172: expected a height from 1000 to 2500 mm \
         (this looks like centimetres: did you mean 1720 mm?)"
    );
    assert_eq!(
        answers_error(json!({
            "height": {"kind": "feet_and_inches", "value": {"feet": 5, "inches": 12}},
            "weight": {"kind": "kg", "value": 80}, "waist": {"kind": "not_asked"},
        })),
        "height.inches is 12: expected inches from 0 to under 12"
    );
    assert_eq!(
        answers_error(json!({
            "height": {"kind": "cm", "value": 172},
            "weight": {"kind": "stones_and_pounds", "value": {"stones": 60, "pounds": 0}},
            "waist": {"kind": "not_asked"},
        })),
        "weight_stones_and_pounds is 60 st 0 lb: expected a weight from 20 to 350 kg \
         (60 st 0 lb is 381.0 kg)"
    );
    for (json, field) in [
        (
            json!({"height": {"kind": "cm", "value": 0}, "weight": {"kind": "kg", "value": 80}, "waist": {"kind": "not_asked"}}),
            "height_cm",
        ),
        (
            json!({"height": {"kind": "cm", "value": -172}, "weight": {"kind": "kg", "value": 80}, "waist": {"kind": "not_asked"}}),
            "height_cm",
        ),
        (
            json!({"height": {"kind": "cm", "value": 172}, "weight": {"kind": "kg", "value": 0}, "waist": {"kind": "not_asked"}}),
            "weight_kg",
        ),
        (
            json!({"height": {"kind": "cm", "value": 172}, "weight": {"kind": "kg", "value": -80}, "waist": {"kind": "not_asked"}}),
            "weight_kg",
        ),
    ] {
        let message = answers_error(json.clone());
        assert!(message.starts_with(field), "{json}: {message}");
    }
}

// CLINICAL-REFERENCE §3.1: non-finite values are refused (JSON cannot carry
// them, so through the constructors).
#[test]
fn non_finite_measurements_are_refused_section_3_1() {
    let err = Weight::from_kg(f64::NAN).unwrap_err();
    assert!(matches!(
        err,
        Error::NotFinite {
            field: "weight_kg",
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "weight_kg is NaN, which is not a finite number: expected a weight from 20 to 350 kg"
    );
    assert_eq!(
        Height::from_cm(f64::INFINITY).unwrap_err().to_string(),
        "height_cm is inf, which is not a finite number: expected a height from 100 to 250 cm"
    );
    assert_eq!(
        Waist::from_inches(f64::NEG_INFINITY).unwrap_err().field(),
        "waist_inches"
    );
}

#[cfg(feature = "schema")]
#[test]
fn answers_schema_bounds_are_the_quantity_bounds() {
    use mecc::units::{HEIGHT_CM, WAIST_CM, WEIGHT_KG};
    let schema = common::schema_of::<Answers>();
    let defs = &schema["$defs"];
    assert_eq!(
        defs["Height"]["oneOf"][0]["properties"]["value"]["minimum"],
        HEIGHT_CM.min()
    );
    assert_eq!(
        defs["Weight"]["oneOf"][0]["properties"]["value"]["maximum"],
        WEIGHT_KG.max()
    );
    assert_eq!(
        defs["Waist"]["oneOf"][0]["properties"]["value"]["minimum"],
        WAIST_CM.min()
    );
    assert_eq!(schema["additionalProperties"], false);
}

// ---------------------------------------------------------------- allocation

// Scoring is arithmetic on whole numbers: it allocates nothing, on every path
// (adult on either threshold set, under 18, pregnant, pregnancy not known,
// WHtR applying or not, no waist).
#[test]
fn scoring_allocates_nothing() {
    // The counter does see allocations.
    assert!(common::alloc::allocations_during(|| drop(std::hint::black_box(vec![1u8]))) > 0);
    let cases = [
        (
            at_two_metres(249, Some(1000)),
            adult_contact(FamilyBackground::White),
        ),
        (
            at_two_metres(300, Some(1200)),
            adult_contact(FamilyBackground::SouthAsian),
        ),
        (
            at_two_metres(350, Some(1200)),
            adult_contact(FamilyBackground::NotStated),
        ),
        (
            at_two_metres(200, None),
            adult_contact(FamilyBackground::Mixed),
        ),
        (
            at_two_metres(300, Some(1000)),
            contact(17, Pregnancy::No, FamilyBackground::White),
        ),
        (
            at_two_metres(300, Some(1000)),
            contact(30, Pregnancy::Yes, FamilyBackground::White),
        ),
        (
            at_two_metres(300, Some(1000)),
            contact(30, Pregnancy::NotKnown, FamilyBackground::Chinese),
        ),
    ];
    for (answers, contact) in &cases {
        let n = common::alloc::allocations_during(|| {
            std::hint::black_box(score(
                std::hint::black_box(answers),
                std::hint::black_box(contact),
            ));
        });
        assert_eq!(n, 0, "score allocated for {answers:?}");
    }
}

// ---------------------------------------------------------------- golden vectors

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldenCase {
    name: String,
    source: String,
    /// Overrides for the base contact's fields.
    contact: serde_json::Map<String, Value>,
    answers: Value,
    expect: Expected,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    bmi_tenths: u16,
    bmi_display: String,
    classification: BmiClassification,
    /// `{"kind": "not_asked"}` or `{"kind": "answered", "value": {...}}` with every WHtR field but the
    /// unrounded ratio.
    whtr: Reply<ExpectedWhtr>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(deny_unknown_fields)]
struct ExpectedWhtr {
    ratio_hundredths: u16,
    band: WhtrBand,
    applies: bool,
    applicability: WhtrApplicability,
}

const MIN_GOLDEN_CASES: usize = 80;

#[test]
fn golden_vectors() {
    let cases: Vec<GoldenCase> =
        serde_json::from_str(include_str!("data/bmi.json")).expect("golden file parses");
    assert!(
        cases.len() >= MIN_GOLDEN_CASES,
        "only {} golden cases",
        cases.len()
    );
    for case in cases {
        let name = &case.name;
        assert!(
            case.source.starts_with("CLINICAL-REFERENCE §3"),
            "{name}: source {:?}",
            case.source
        );
        let mut contact =
            common::fixtures::with(json!({"age": 40, "sex": "female", "time_available": "brief"}));
        for (key, value) in case.contact {
            assert!(
                contact.get(&key).is_some(),
                "{name}: unknown contact field {key}"
            );
            contact[&key] = value;
        }
        let contact: Contact =
            serde_json::from_value(contact).unwrap_or_else(|e| panic!("{name}: contact: {e}"));
        let answers: Answers =
            serde_json::from_value(case.answers).unwrap_or_else(|e| panic!("{name}: answers: {e}"));

        let finding = score(&answers, &contact);
        let expect = case.expect;
        assert_eq!(finding.bmi_tenths, expect.bmi_tenths, "{name}");
        assert_eq!(
            finding.bmi_display().to_string(),
            expect.bmi_display,
            "{name}"
        );
        assert_eq!(finding.classification, expect.classification, "{name}");
        let whtr = finding.whtr.get().map(|w| ExpectedWhtr {
            ratio_hundredths: w.ratio_hundredths,
            band: w.band,
            applies: w.applies,
            applicability: w.applicability,
        });
        assert_eq!(whtr, expect.whtr.get(), "{name}");
        common::assert_json_contract(&finding);
    }
}

// ---------------------------------------------------------------- properties

fn arb_height() -> impl Strategy<Value = Height> {
    prop_oneof![
        (1000u32..=2500).prop_map(|mm| Height::from_mm(mm).unwrap()),
        (3u32..=8, 0.0..12.0f64).prop_filter_map("in range", |(ft, inch)| {
            Height::from_feet_and_inches(ft, inch).ok()
        }),
    ]
}

fn arb_weight() -> impl Strategy<Value = Weight> {
    prop_oneof![
        (20_000u32..=350_000).prop_map(|g| Weight::from_grams(g).unwrap()),
        (3u32..=55, 0.0..14.0f64).prop_filter_map("in range", |(st, lb)| {
            Weight::from_stones_and_pounds(st, lb).ok()
        }),
    ]
}

fn arb_answers() -> impl Strategy<Value = Answers> {
    let waist = prop_oneof![
        Just(Reply::NotAsked),
        (400u32..=2500).prop_map(|mm| Reply::Answered(Waist::from_mm(mm).unwrap())),
    ];
    (arb_height(), arb_weight(), waist).prop_map(|(h, w, waist)| Answers::new(h, w, waist))
}

fn arb_contact() -> impl Strategy<Value = Contact> {
    let pregnant = prop::sample::select(vec![
        Pregnancy::Yes,
        Pregnancy::No,
        Pregnancy::Possible,
        Pregnancy::NotKnown,
    ]);
    let sex = prop::sample::select(vec![Sex::Male, Sex::Female, Sex::NotKnown]);
    let background = prop::sample::select(ALL_BACKGROUNDS.to_vec());
    (0u32..=120, sex, pregnant, background).prop_filter_map(
        "consistent",
        |(age, sex, pregnant, family_background)| {
            Contact::new(ContactFields {
                age: Age::new(age).ok()?,
                age_in_months: None,
                age_confirmed: false,
                sex,
                pregnant,
                family_background: Some(family_background),
                setting: Setting::CommunityPharmacy,
                time_available: TimeAvailable::VeryBrief,
                presenting_condition: None,
                intoxicated: Some(YesNoNotKnown::NotKnown),
                priority_groups: Some(PriorityGroups::NONE),
                comorbidities: Some(Comorbidities::NOT_KNOWN),
            })
            .ok()
        },
    )
}

/// Arbitrary JSON, biased towards this instrument's keys so deserializers get
/// past their first check.
fn arb_json() -> impl Strategy<Value = Value> {
    let words = prop::sample::select(vec![
        "height",
        "weight",
        "waist",
        "cm",
        "mm",
        "kg",
        "g",
        "pounds",
        "inches",
        "feet",
        "stones",
        "feet_and_inches",
        "stones_and_pounds",
        "not_asked",
        "answered",
        "kind",
        "value",
        "adult",
        "category",
        "thresholds",
        "standard",
        "adjusted",
        "overweight",
        "obesity_class_1",
        "not_applicable",
        "reason",
        "under_18",
        "not_applicable_in_pregnancy",
        "instrument",
        "bmi_whtr_1",
        "bmi_tenths",
        "height_mm",
        "weight_g",
        "classification",
        "whtr",
        "ratio_hundredths",
        "waist_mm",
        "band",
        "applies",
        "applicability",
        "lower_thresholds_may_apply",
        "pregnancy_not_known",
        "bmi_35_or_more",
        "high",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u16>().prop_map(|n| json!(n)),
        proptest::num::f64::NORMAL.prop_map(|f| json!(f)),
        words.clone().prop_map(|w| json!(w)),
        ".{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 5, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((words.clone(), inner), 0..5).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

proptest! {
    // CLINICAL-REFERENCE §3.2: more weight at the same height never lowers the
    // shown BMI nor the category, on either threshold set.
    #[test]
    fn more_weight_never_lowers_bmi_or_category(
        mm in 1000u32..=2500,
        grams in 20_000u32..=350_000,
        extra in 0u32..=330_000,
    ) {
        let h = Height::from_mm(mm).unwrap();
        let lighter = Weight::from_grams(grams).unwrap();
        let heavier = Weight::from_grams((grams + extra).min(350_000)).unwrap();
        let (t1, t2) = (bmi_tenths(h, lighter), bmi_tenths(h, heavier));
        prop_assert!(t1 <= t2);
        for set in [ThresholdSet::Standard, ThresholdSet::Adjusted] {
            prop_assert!(set.classify(t1) <= set.classify(t2));
        }
        for background in [FamilyBackground::White, FamilyBackground::BlackAfrican] {
            let c = adult_contact(background);
            let a = score(&Answers::new(h, lighter, Reply::NotAsked), &c);
            let b = score(&Answers::new(h, heavier, Reply::NotAsked), &c);
            prop_assert!(a.classification.category() <= b.classification.category());
        }
    }

    // CLINICAL-REFERENCE §3.2: the adjusted thresholds are never higher.
    #[test]
    fn adjusted_category_is_never_lower_than_standard(tenths in any::<u16>()) {
        prop_assert!(ThresholdSet::Adjusted.classify(tenths) >= ThresholdSet::Standard.classify(tenths));
    }

    // CLINICAL-REFERENCE §3.3: a larger waist never lowers the band.
    #[test]
    fn larger_waist_never_lowers_whtr_band(mm in 1000u32..=2500, w in 400u32..=2500, extra in 0u32..=2100) {
        let h = Height::from_mm(mm).unwrap();
        let a = whtr_hundredths(Waist::from_mm(w).unwrap(), h);
        let b = whtr_hundredths(Waist::from_mm((w + extra).min(2500)).unwrap(), h);
        prop_assert!(a <= b);
        prop_assert!(WhtrBand::classify(a) <= WhtrBand::classify(b));
    }

    // CLINICAL-REFERENCE §3.1–§3.3: the shown values are the unrounded ones
    // rounded; applicability follows age, pregnancy and BMI.
    #[test]
    fn findings_are_consistent(answers in arb_answers(), contact in arb_contact()) {
        let f = score(&answers, &contact);
        prop_assert!((f.bmi_unrounded() * 10.0 - f64::from(f.bmi_tenths)).abs() <= 0.5 + 1e-9);
        let shown: f64 = f.bmi_display().to_string().parse().unwrap();
        prop_assert!((shown * 10.0 - f64::from(f.bmi_tenths)).abs() < 1e-6);
        let adult = contact.age().years() >= ADULT_FROM_AGE_YEARS;
        // `possible` is read as pregnant for every exclusion (§6.11).
        let pregnant = contact.pregnant().excludes_as_pregnant();
        match f.classification {
            BmiClassification::Adult(a) => {
                prop_assert!(adult && !pregnant);
                prop_assert_eq!(a.category, a.thresholds.classify(f.bmi_tenths));
                prop_assert_eq!(a.thresholds, ThresholdSet::for_background(contact.family_background()));
                prop_assert_eq!(a.pregnancy_not_known, contact.pregnant() == Pregnancy::NotKnown);
            }
            BmiClassification::NotApplicable { .. } => prop_assert!(!adult),
            BmiClassification::NotApplicableInPregnancy => prop_assert!(adult && pregnant),
        }
        prop_assert_eq!(f.whtr.is_not_asked(), answers.waist.is_not_asked());
        if let Reply::Answered(w) = f.whtr {
            prop_assert_eq!(w.applies, w.applicability.applies());
            prop_assert_eq!(w.applies, adult && !pregnant && f.bmi_tenths < WHTR_USED_BELOW_BMI_TENTHS);
            prop_assert!((w.ratio_unrounded() * 100.0 - f64::from(w.ratio_hundredths)).abs() <= 0.5 + 1e-9);
            prop_assert_eq!(w.band, WhtrBand::classify(w.ratio_hundredths));
        }
    }

    // Answers and findings round-trip through JSON and match their schemas.
    #[test]
    fn json_contract_of_answers_and_findings(answers in arb_answers(), contact in arb_contact()) {
        common::assert_json_contract(&answers);
        let f = score(&answers, &contact);
        common::assert_json_contract(&f);
        common::assert_json_contract(&f.classification);
        if let Reply::Answered(w) = f.whtr {
            common::assert_json_contract(&w);
        }
    }

    // No constructor that feeds BMI panics, and whatever they accept can be scored.
    #[test]
    fn constructors_and_scoring_never_panic(
        cm in proptest::num::f64::ANY,
        kg in proptest::num::f64::ANY,
        waist in proptest::num::f64::ANY,
        big in any::<u32>(),
        small in proptest::num::f64::ANY,
        tenths in any::<u16>(),
        contact in arb_contact(),
    ) {
        let heights = [Height::from_cm(cm), Height::from_mm(big), Height::from_feet_and_inches(big, small)];
        let weights = [Weight::from_kg(kg), Weight::from_grams(big), Weight::from_pounds(small),
                       Weight::from_stones_and_pounds(big, small)];
        let waists = [Waist::from_cm(waist), Waist::from_mm(big), Waist::from_inches(small)];
        for h in heights.iter().flatten() {
            for w in weights.iter().flatten() {
                for waist in waists.iter().flatten() {
                    let f = score(&Answers::new(*h, *w, Reply::Answered(*waist)), &contact);
                    prop_assert!(f.bmi_unrounded().is_finite());
                }
                let _ = score(&Answers::new(*h, *w, Reply::NotAsked), &contact);
            }
        }
        let _ = ThresholdSet::Standard.classify(tenths);
        let _ = WhtrBand::classify(tenths);
    }

    #[test]
    fn arbitrary_json_text_never_panics(s in ".{0,64}") {
        let _ = serde_json::from_str::<Answers>(&s);
        let _ = serde_json::from_str::<Finding>(&s);
        let _ = serde_json::from_str::<BmiClassification>(&s);
        let _ = serde_json::from_str::<WhtrFinding>(&s);
        let _ = serde_json::from_str::<AdultClassification>(&s);
        let _ = serde_json::from_str::<Height>(&s);
        let _ = serde_json::from_str::<Weight>(&s);
        let _ = serde_json::from_str::<Waist>(&s);
    }

    #[test]
    fn arbitrary_json_values_never_panic(v in arb_json()) {
        // Whatever is accepted keeps its JSON contract and can be scored.
        if let Ok(answers) = serde_json::from_value::<Answers>(v.clone()) {
            common::assert_json_contract(&answers);
            common::assert_json_contract(&score(&answers, &adult_contact(FamilyBackground::White)));
        }
        let _ = serde_json::from_value::<Finding>(v.clone());
        let _ = serde_json::from_value::<BmiClassification>(v.clone());
        let _ = serde_json::from_value::<AdultClassification>(v.clone());
        let _ = serde_json::from_value::<WhtrFinding>(v.clone());
        let _ = serde_json::from_value::<Reply<Waist>>(v.clone());
        let _ = serde_json::from_value::<ThresholdSet>(v.clone());
        let _ = serde_json::from_value::<BmiCategory>(v.clone());
        let _ = serde_json::from_value::<NotApplicableReason>(v.clone());
        let _ = serde_json::from_value::<WhtrBand>(v.clone());
        let _ = serde_json::from_value::<WhtrApplicability>(v.clone());
        let _ = serde_json::from_value::<BmiInstrument>(v.clone());
        let _ = serde_json::from_value::<Height>(v.clone());
        let _ = serde_json::from_value::<Weight>(v.clone());
        let _ = serde_json::from_value::<Waist>(v.clone());
        // And wrapped where the answers expect a measurement.
        let _ = serde_json::from_value::<Answers>(json!({
            "height": v.clone(), "weight": v.clone(), "waist": {"kind": "answered", "value": v},
        }));
    }
}
