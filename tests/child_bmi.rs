//! Children's BMI centiles and waist-to-height ratio: agreement with RCPCH's
//! own implementation, the reference table, the category thresholds, the
//! findings and their JSON (CLINICAL-REFERENCE §8.3).
mod common;

use mecc::context::{
    Age, AgeInMonths, Comorbidities, Contact, ContactFields, FamilyBackground, Pregnancy,
    PriorityGroups, Setting, Sex, TimeAvailable, YesNoNotKnown,
};
use mecc::instruments::child_bmi::reference::{
    self, LmsRow, Reference, ReferenceSex, UK90_FEMALE, UK90_MALE, WHO_2006_FEMALE, WHO_2006_MALE,
};
use mecc::instruments::child_bmi::*;
use mecc::instruments::{Reply, bmi};
use mecc::outcome::Outcome;
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::json;

fn contact(years: u32, months: Option<u16>, sex: Sex, pregnant: Pregnancy) -> Contact {
    Contact::new(ContactFields {
        age: Age::new(years).unwrap(),
        age_in_months: months.map(|m| AgeInMonths::new(u32::from(m)).unwrap()),
        age_confirmed: false,
        sex,
        pregnant,
        family_background: Some(FamilyBackground::NotStated),
        setting: Setting::GeneralPractice,
        time_available: TimeAvailable::Brief,
        presenting_condition: None,
        intoxicated: Some(YesNoNotKnown::No),
        priority_groups: Some(PriorityGroups::NONE),
        comorbidities: Some(Comorbidities::NONE),
    })
    .unwrap()
}

/// A child of `months` months, not pregnant.
fn child(months: u16, sex: Sex) -> Contact {
    contact(u32::from(months / 12), Some(months), sex, Pregnancy::No)
}

fn measured(height_mm: u32, weight_g: u32, waist_mm: Option<u32>) -> Answers {
    Answers::new(
        ChildHeight::from_mm(height_mm).unwrap(),
        ChildWeight::from_grams(weight_g).unwrap(),
        match waist_mm {
            Some(mm) => Reply::Answered(ChildWaist::from_mm(mm).unwrap()),
            None => Reply::NotAsked,
        },
    )
}

fn reference_sex(sex: Sex) -> ReferenceSex {
    match sex {
        Sex::Male => ReferenceSex::Male,
        _ => ReferenceSex::Female,
    }
}

// ---------------------------------------------------------------- RCPCH vectors

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vectors {
    source: String,
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    sex: ReferenceSex,
    age_years: f64,
    bmi: f64,
    z: f64,
    centile: f64,
    category: ChildBmiCategory,
}

/// The most a z-score may differ from RCPCH's (CLINICAL-REFERENCE §8.3).
const Z_TOLERANCE: f64 = 0.01;

// CLINICAL-REFERENCE §8.3: z-scores, centiles and categories agree with
// RCPCH's `rcpchgrowth` on vectors it generated (scripts/centiles/generate.py):
// ages 2 to 17.99 either side of the WHO 2006 / UK90 join at 4 years, both
// sexes, and BMIs 0.005 either side of every category threshold.
#[test]
fn agrees_with_rcpchgrowth_section_8_3() {
    let file: Vectors = serde_json::from_str(include_str!("data/child_bmi_vectors.json")).unwrap();
    assert!(file.source.starts_with("rcpchgrowth"), "{}", file.source);
    let mut worst: (f64, usize) = (0.0, 0);
    let mut worst_centile: f64 = 0.0;
    let mut categories_agree = 0;
    for (i, v) in file.vectors.iter().enumerate() {
        let z = reference::z_score(v.sex, v.age_years, v.bmi)
            .unwrap_or_else(|| panic!("vector {i}: no z at {} years", v.age_years));
        let diff = (z - v.z).abs();
        if diff > worst.0 {
            worst = (diff, i);
        }
        assert!(
            diff <= Z_TOLERANCE,
            "vector {i}: z {z}, rcpchgrowth {}",
            v.z
        );
        // Φ itself agrees with scipy's to far better than the one decimal shown.
        let centile = reference::normal_cdf(v.z) * 100.0;
        worst_centile = worst_centile.max((centile - v.centile).abs());
        assert_eq!(
            ChildBmiCategory::of_z(z),
            v.category,
            "vector {i}: z {z}, rcpchgrowth {}",
            v.z
        );
        categories_agree += 1;
    }
    // The vectors reach every category, both references and both sexes.
    for category in ChildBmiCategory::ALL {
        assert!(
            file.vectors.iter().any(|v| v.category == category),
            "{category:?}"
        );
    }
    for sex in [ReferenceSex::Male, ReferenceSex::Female] {
        for r in [Reference::Who2006, Reference::Uk90] {
            assert!(
                file.vectors
                    .iter()
                    .any(|v| v.sex == sex && Reference::at(v.age_years) == Some(r))
            );
        }
    }
    assert!(
        file.vectors.len() >= 2000,
        "only {} vectors",
        file.vectors.len()
    );
    println!(
        "{} vectors; categories agree on {categories_agree}; worst |z - z_rcpch| = {:.3e} (vector {}); worst difference of Φ(z_rcpch) from its centile {:.3e} percentage points",
        file.vectors.len(),
        worst.0,
        worst.1,
        worst_centile
    );
    assert!(worst_centile < 1e-8, "{worst_centile}");
    // The same algorithm on the same table: agreement is far inside the tolerance.
    assert!(worst.0 < 1e-6, "{worst:?}");
}

// ---------------------------------------------------------------- the table

fn tables() -> [(&'static str, &'static [LmsRow], usize, f64, f64); 4] {
    // (name, rows, rows expected, first age, last age): WHO 2006 daily from
    // 731 days, through 4 years and two more days; UK90 monthly from 48 to
    // 240 months.
    [
        (
            "WHO 2006 boys",
            &WHO_2006_MALE,
            732,
            731.0 / 365.25,
            1462.0 / 365.25,
        ),
        (
            "WHO 2006 girls",
            &WHO_2006_FEMALE,
            732,
            731.0 / 365.25,
            1462.0 / 365.25,
        ),
        ("UK90 boys", &UK90_MALE, 193, 4.0, 20.0),
        ("UK90 girls", &UK90_FEMALE, 193, 4.0, 20.0),
    ]
}

// CLINICAL-REFERENCE §8.3: every row of the reference is present, in order,
// for both sexes, with L, M and S usable.
#[test]
fn the_reference_table_is_whole_section_8_3() {
    for (name, rows, count, first, last) in tables() {
        assert_eq!(rows.len(), count, "{name}");
        assert!(
            (rows[0].age_years - first).abs() < 1e-9,
            "{name} starts at {}",
            rows[0].age_years
        );
        assert!(
            (rows[rows.len() - 1].age_years - last).abs() < 1e-9,
            "{name} ends at {}",
            rows[rows.len() - 1].age_years
        );
        for pair in rows.windows(2) {
            assert!(pair[0].age_years < pair[1].age_years, "{name}: {pair:?}");
        }
        // One row a day, or one a month: no row is missing.
        let step = if name.starts_with("WHO") {
            1.0 / 365.25
        } else {
            1.0 / 12.0
        };
        for pair in rows.windows(2) {
            let gap = pair[1].age_years - pair[0].age_years;
            assert!(
                (gap - step).abs() < 1e-6,
                "{name}: a gap of {gap} after {}",
                pair[0].age_years
            );
        }
        for r in rows {
            assert!(
                r.l.is_finite() && r.m.is_finite() && r.s.is_finite(),
                "{name}: {r:?}"
            );
            assert!(r.m > 0.0 && r.s > 0.0, "{name}: {r:?}");
            // Plausible medians and spreads for a child's BMI.
            assert!(
                (12.0..25.0).contains(&r.m) && r.s < 0.25 && r.l.abs() < 4.0,
                "{name}: {r:?}"
            );
        }
    }
    // The two sexes differ (a copy of one table for both would pass the rest).
    assert_ne!(UK90_MALE[100].m, UK90_FEMALE[100].m);
    assert_ne!(WHO_2006_MALE[100].m, WHO_2006_FEMALE[100].m);
    assert!(!reference::RCPCHGROWTH_VERSION.is_empty());
}

// CLINICAL-REFERENCE §8.3: WHO 2006 below 4 years, UK90 from 4; the join is
// where the reference changes, not a smoothing of the two.
#[test]
fn the_reference_changes_at_4_years_section_8_3() {
    for sex in [ReferenceSex::Male, ReferenceSex::Female] {
        let before = reference::lms_at(sex, 4.0 - 1e-9).unwrap();
        let at = reference::lms_at(sex, 4.0).unwrap();
        assert_eq!(before.reference, Reference::Who2006);
        assert_eq!(at.reference, Reference::Uk90);
        let uk90 = Reference::Uk90.rows(sex)[0];
        assert_eq!((at.l, at.m, at.s), (uk90.l, uk90.m, uk90.s));
        assert!(reference::lms_at(sex, 2.0).is_some());
        assert!(reference::lms_at(sex, 1.999).is_none());
        assert!(reference::lms_at(sex, 20.0).is_some());
        assert!(reference::lms_at(sex, 20.001).is_none());
    }
    // Through the instrument: 47 months is WHO, 48 months UK90.
    let answers = measured(1030, 20_000, None);
    for (months, expected) in [(47, Reference::Who2006), (48, Reference::Uk90)] {
        let f = score(&answers, &child(months, Sex::Female));
        assert_eq!(f.classification.centile().unwrap().reference, expected);
    }
}

// CLINICAL-REFERENCE §8.3: cubic interpolation, as RCPCH does, differs from a
// straight line between the rows; at the table's edges it is a straight line.
#[test]
fn interpolation_is_cubic_inside_and_linear_at_the_edges_section_8_3() {
    let rows = &UK90_MALE;
    // Between months 120 and 121 (four rows available): not the straight line.
    let (a, b) = (rows[72], rows[73]);
    let mid = reference::lms_at(ReferenceSex::Male, (a.age_years + b.age_years) / 2.0).unwrap();
    let straight = (a.m + b.m) / 2.0;
    let (r0, r3) = (rows[71], rows[74]);
    let cubic = (-r0.m + 9.0 * a.m + 9.0 * b.m - r3.m) / 16.0;
    assert!((mid.m - cubic).abs() < 1e-12, "{} vs {cubic}", mid.m);
    assert!((mid.m - straight).abs() > 0.0 || r0.m - a.m == b.m - r3.m);
    // In the first interval of UK90 (4.0 to 4 years 1 month): the straight line.
    let (a, b) = (rows[0], rows[1]);
    let mid = reference::lms_at(ReferenceSex::Male, (a.age_years + b.age_years) / 2.0).unwrap();
    assert!((mid.m - (a.m + b.m) / 2.0).abs() < 1e-12);
    assert!((mid.l - (a.l + b.l) / 2.0).abs() < 1e-12);
}

// ---------------------------------------------------------------- thresholds

// CLINICAL-REFERENCE §8.3: the thresholds are the chart lines, on z.
#[test]
fn thresholds_are_the_chart_lines_section_8_3() {
    assert_eq!(UNDERWEIGHT_AT_OR_BELOW_Z, -2.0);
    assert_eq!(OVERWEIGHT_FROM_Z, 4.0 / 3.0);
    assert_eq!(OBESITY_FROM_Z, 2.0);
    assert_eq!(SEVERE_OBESITY_FROM_Z, 8.0 / 3.0);
    // The lines are the 2nd, 91st, 98th and 99.6th centiles.
    for (z, centile) in [
        (-2.0, 2.0),
        (4.0 / 3.0, 91.0),
        (2.0, 98.0),
        (8.0 / 3.0, 99.6),
    ] {
        let p = reference::normal_cdf(z) * 100.0;
        assert!((p - centile).abs() < 0.3, "Φ({z}) = {p}");
    }
}

// CLINICAL-REFERENCE §8.3: each threshold at, just below and just above,
// classified on the unrounded z. `underweight` is at or below −2; the others
// start at their line.
#[test]
fn each_category_threshold_at_and_either_side_section_8_3() {
    use ChildBmiCategory::*;
    let d = 1e-9;
    let cases = [
        (
            UNDERWEIGHT_AT_OR_BELOW_Z,
            Underweight,
            Underweight,
            HealthyWeight,
        ),
        (OVERWEIGHT_FROM_Z, HealthyWeight, Overweight, Overweight),
        (OBESITY_FROM_Z, Overweight, Obesity, Obesity),
        (SEVERE_OBESITY_FROM_Z, Obesity, SevereObesity, SevereObesity),
    ];
    for (z, below, at, above) in cases {
        assert_eq!(ChildBmiCategory::of_z(z - d), below, "below {z}");
        assert_eq!(ChildBmiCategory::of_z(z), at, "at {z}");
        assert_eq!(ChildBmiCategory::of_z(z + d), above, "above {z}");
    }
    assert_eq!(ChildBmiCategory::of_z(0.0), HealthyWeight);
    assert_eq!(ChildBmiCategory::of_z(f64::NEG_INFINITY), Underweight);
    assert_eq!(ChildBmiCategory::of_z(f64::INFINITY), SevereObesity);
    assert_eq!(ChildBmiCategory::of_z(f64::NAN), SevereObesity);
}

// CLINICAL-REFERENCE §8.3: the category is read on the unrounded z, even where
// the shown z rounds onto the line.
#[test]
fn the_category_is_read_on_the_unrounded_z_section_8_3() {
    assert_eq!(z_hundredths(-1.996), -200);
    assert_eq!(
        ChildBmiCategory::of_z(-1.996),
        ChildBmiCategory::HealthyWeight
    );
    assert_eq!(z_hundredths(1.995), 200);
    assert_eq!(ChildBmiCategory::of_z(1.995), ChildBmiCategory::Overweight);
    assert_eq!(z_hundredths(-0.004), 0);
    assert_eq!(z_hundredths(1e9), i16::MAX);
    assert_eq!(centile_tenths(0.9155), 916);
    assert_eq!(centile_tenths(0.999_99), 999);
    assert_eq!(centile_tenths(1e-9), 1);
    assert_eq!(centile_tenths(f64::NAN), 999);
}

// ---------------------------------------------------------------- findings

// CLINICAL-REFERENCE §8.3 worked through the instrument: a boy of 10 years 6
// months, 140 cm and 45 kg.
#[test]
fn a_worked_example_section_8_3() {
    let f = score(&measured(1400, 45_000, Some(730)), &child(126, Sex::Male));
    assert_eq!(f.bmi_display().to_string(), "23.0");
    let c = f.classification.centile().unwrap();
    assert_eq!(c.reference, Reference::Uk90);
    assert_eq!(c.age_in_months, 126);
    let z = f.z_unrounded().unwrap();
    assert_eq!(
        z,
        reference::z_score(ReferenceSex::Male, 10.5, f.bmi_unrounded()).unwrap()
    );
    assert_eq!(c.z_hundredths, z_hundredths(z));
    assert_eq!(c.category, ChildBmiCategory::of_z(z));
    assert_eq!(
        f.centile_display().unwrap().to_string(),
        format!("{:.1}", f.centile_unrounded().unwrap())
    );
    let w = f.whtr.get().unwrap();
    assert_eq!(w.ratio_hundredths, 52);
    assert!(w.whtr_increased_health_risk);
    let o = f.outcomes();
    assert!(o.contains(Outcome::ChildBmiCentileCalculated));
    assert!(o.contains(Outcome::ChildWhtrIncreasedHealthRisk));
}

// CLINICAL-REFERENCE §8.3: no centile under 2 or from 18 (the adult categories
// apply from 18, §3.1), and the two instruments never both classify.
#[test]
fn ages_2_to_17_only_and_never_both_instruments_section_8_3() {
    let answers = measured(1700, 60_000, Some(800));
    let adult_answers = bmi::Answers::new(
        mecc::units::Height::from_mm(1700).unwrap(),
        mecc::units::Weight::from_grams(60_000).unwrap(),
        Reply::Answered(mecc::units::Waist::from_mm(800).unwrap()),
    );
    for years in 0..=30 {
        let months = (years * 12 + 5).min(1451);
        let c = contact(years, Some(months as u16), Sex::Female, Pregnancy::No);
        let child = score(&answers, &c);
        let adult = bmi::score(&adult_answers, &c);
        let expected = match years {
            0 | 1 => Some(NotApplicableReason::Under2),
            2..=17 => None,
            _ => Some(NotApplicableReason::Aged18OrOver),
        };
        match (child.classification, expected) {
            (Classification::NotApplicable { reason }, Some(r)) => assert_eq!(reason, r),
            (Classification::Centile(_), None) => {}
            (other, _) => panic!("{years}: {other:?}"),
        }
        assert!(
            child.classification.category().is_none() || adult.classification.category().is_none(),
            "{years}: both classify"
        );
        let w = child.whtr.get().unwrap();
        assert_eq!(w.applies, (5..=17).contains(&years), "{years}");
    }
}

// CLINICAL-REFERENCE §8.3: with whole years only, no guess; with sex not
// known, no centile; in pregnancy, no centile (decision).
#[test]
fn what_the_centile_needs_section_8_3() {
    let answers = measured(1400, 45_000, Some(600));
    let years_only = contact(10, None, Sex::Male, Pregnancy::No);
    let f = score(&answers, &years_only);
    assert_eq!(f.classification, Classification::NeedsAgeInMonths);
    assert!(f.outcomes().contains(Outcome::ChildBmiNeedsAgeInMonths));
    assert_eq!(f.z_unrounded(), None);
    assert!(f.z_display().is_none() && f.centile_display().is_none());

    let sex_not_known = contact(10, Some(126), Sex::NotKnown, Pregnancy::No);
    let f = score(&answers, &sex_not_known);
    assert_eq!(f.classification, Classification::SexNotKnown);
    assert!(f.outcomes().contains(Outcome::ChildBmiSexNotKnown));
    // Sex not known and no months: sex is reported, since months would not help.
    let neither = contact(10, None, Sex::NotKnown, Pregnancy::No);
    assert_eq!(
        score(&answers, &neither).classification,
        Classification::SexNotKnown
    );

    let pregnant = contact(16, Some(200), Sex::Female, Pregnancy::Yes);
    let f = score(&answers, &pregnant);
    assert_eq!(f.classification, Classification::NotApplicableInPregnancy);
    assert_eq!(
        f.whtr.get().unwrap().applicability,
        ChildWhtrApplicability::Pregnant
    );
    assert!(f.outcomes().is_empty());
}

// CLINICAL-REFERENCE §8.3: WHtR 0.5 or more from 5 to 17, read on the shown
// two decimals; no bands.
#[test]
fn whtr_flag_at_and_either_side_section_8_3() {
    // At 2.000 m, the ratio in hundredths is waist_mm / 20.
    for (waist_mm, flagged) in [
        (980, false),
        (989, false),
        (990, true),
        (1000, true),
        (1400, true),
    ] {
        let f = score(
            &measured(2000, 80_000, Some(waist_mm)),
            &child(150, Sex::Female),
        );
        let w = f.whtr.get().unwrap();
        assert_eq!(w.whtr_increased_health_risk, flagged, "{waist_mm}");
        assert_eq!(
            f.outcomes().contains(Outcome::ChildWhtrIncreasedHealthRisk),
            flagged
        );
    }
    // Under 5: not used, whatever the ratio.
    let f = score(&measured(1000, 20_000, Some(700)), &child(59, Sex::Male));
    let w = f.whtr.get().unwrap();
    assert_eq!(w.applicability, ChildWhtrApplicability::Under5);
    assert!(!w.whtr_increased_health_risk);
}

#[test]
fn findings_name_their_instrument_version_and_sources() {
    let f = score(&measured(1400, 45_000, None), &child(126, Sex::Male));
    assert_eq!(f.instrument.version(), VERSION);
    assert_eq!(f.instrument.sources(), SOURCES);
    assert!(SOURCES.iter().any(|s| s.citation.contains("Cole TJ")));
    assert!(SOURCES.iter().any(|s| s.citation.contains("WHO")));
    let registered = mecc::instruments::REGISTRY
        .iter()
        .find(|r| r.key == "child_bmi")
        .unwrap();
    assert_eq!(registered.version, VERSION);
}

#[test]
fn finding_json_uses_the_spec_names() {
    let f = score(&measured(1400, 45_000, Some(730)), &child(126, Sex::Male));
    let v = serde_json::to_value(f).unwrap();
    assert_eq!(v["instrument"], "child_bmi_centile_1");
    assert_eq!(v["classification"]["kind"], "centile");
    assert_eq!(v["classification"]["value"]["category"], "obesity");
    assert_eq!(v["classification"]["value"]["reference"], "uk90");
    assert_eq!(v["classification"]["value"]["sex"], "male");
    assert_eq!(v["whtr"]["value"]["whtr_increased_health_risk"], true);
    let years_only = score(
        &measured(1400, 45_000, None),
        &contact(10, None, Sex::Male, Pregnancy::No),
    );
    assert_eq!(
        serde_json::to_value(years_only.classification).unwrap(),
        json!({"kind": "needs_age_in_months"})
    );
    let baby = score(
        &measured(1000, 20_000, None),
        &contact(1, Some(23), Sex::Male, Pregnancy::No),
    );
    assert_eq!(
        serde_json::to_value(baby.classification).unwrap(),
        json!({"kind": "not_applicable", "value": {"reason": "under_2"}})
    );
    common::assert_json_contract(&f);
    common::assert_json_contract(&years_only);
}

// CLINICAL-REFERENCE §8.3 covers ages from 2: a two-year-old's height and
// weight, below the adult plausible ranges (§3.1), are accepted here and
// still refused by the adult instrument.
#[test]
fn the_smallest_children_can_be_measured_section_8_3() {
    let answers: Answers = serde_json::from_value(json!({
        "height": {"kind": "cm", "value": 86.0},
        "weight": {"kind": "kg", "value": 12.0},
        "waist": {"kind": "not_asked"}
    }))
    .unwrap();
    let f = score(&answers, &child(25, Sex::Male));
    let c = f.classification.centile().unwrap();
    assert_eq!(c.reference, Reference::Who2006);
    assert_eq!(c.category, ChildBmiCategory::HealthyWeight);
    assert!(mecc::units::Height::from_cm(86.0).is_err());
    assert!(mecc::units::Weight::from_kg(12.0).is_err());
    // Implausible for a child, or in the wrong unit: refused with a hint.
    let metres = ChildHeight::from_cm(1.2).unwrap_err().to_string();
    assert!(metres.contains("metres"), "{metres}");
    let grams = ChildWeight::from_kg(12_000.0).unwrap_err().to_string();
    assert!(grams.contains("grams"), "{grams}");
    assert!(ChildHeight::from_cm(230.0).is_err());
    assert!(ChildWeight::from_kg(4.0).is_err());
    assert!(ChildWaist::from_cm(25.0).is_err());
    for bad in [f64::NAN, f64::INFINITY, -1.0, 0.0] {
        assert!(ChildHeight::from_cm(bad).is_err());
        assert!(ChildWeight::from_kg(bad).is_err());
        assert!(ChildWaist::from_cm(bad).is_err());
    }
    assert_eq!(ChildHeight::from_feet_and_inches(3, 0.0).unwrap().mm(), 914);
    assert_eq!(ChildWeight::from_pounds(30.0).unwrap().grams(), 13_608);
}

#[test]
fn answers_json_has_the_adult_forms_and_no_silent_defaults() {
    let a: Answers = serde_json::from_value(json!({
        "height": {"kind": "cm", "value": 140},
        "weight": {"kind": "stones_and_pounds", "value": {"stones": 7, "pounds": 1}},
        "waist": {"kind": "not_asked"}
    }))
    .unwrap();
    assert_eq!(a.height.mm(), 1400);
    common::assert_json_contract(&a);
    for missing in ["height", "weight", "waist"] {
        let mut v = json!({
            "height": {"kind": "cm", "value": 140},
            "weight": {"kind": "kg", "value": 45},
            "waist": {"kind": "not_asked"}
        });
        v.as_object_mut().unwrap().remove(missing);
        assert!(serde_json::from_value::<Answers>(v).is_err(), "{missing}");
    }
}

// Scoring allocates nothing, on every path.
#[test]
fn scoring_allocates_nothing() {
    assert!(common::alloc::allocations_during(|| drop(std::hint::black_box(vec![1u8]))) > 0);
    let answers = measured(1400, 45_000, Some(700));
    let contacts = [
        child(126, Sex::Male),
        child(30, Sex::Female),
        child(48, Sex::Female),
        contact(10, None, Sex::Male, Pregnancy::No),
        contact(10, Some(126), Sex::NotKnown, Pregnancy::No),
        contact(16, Some(200), Sex::Female, Pregnancy::Yes),
        contact(1, Some(20), Sex::Male, Pregnancy::No),
        contact(40, None, Sex::Male, Pregnancy::No),
    ];
    for c in &contacts {
        let n = common::alloc::allocations_during(|| {
            let f = score(std::hint::black_box(&answers), std::hint::black_box(c));
            std::hint::black_box(f.outcomes());
        });
        assert_eq!(n, 0, "score allocated for {c:?}");
    }
}

// ---------------------------------------------------------------- properties

fn arb_sex() -> impl Strategy<Value = Sex> {
    prop::sample::select(vec![Sex::Male, Sex::Female])
}

fn arb_contact() -> impl Strategy<Value = Contact> {
    let pregnant = prop::sample::select(Pregnancy::ALL.to_vec());
    let sex = prop::sample::select(Sex::ALL.to_vec());
    (0u32..=25, 0u16..12, any::<bool>(), sex, pregnant).prop_filter_map(
        "consistent",
        |(years, extra, with_months, sex, pregnant)| {
            Contact::new(ContactFields {
                age: Age::new(years).ok()?,
                age_in_months: if with_months {
                    Some(AgeInMonths::new(years * 12 + u32::from(extra)).ok()?)
                } else {
                    None
                },
                age_confirmed: false,
                sex,
                pregnant,
                family_background: Some(FamilyBackground::NotStated),
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

fn arb_answers() -> impl Strategy<Value = Answers> {
    let waist = prop_oneof![
        Just(Reply::NotAsked),
        (300u32..=2000).prop_map(|mm| Reply::Answered(ChildWaist::from_mm(mm).unwrap())),
    ];
    (500u32..=2200, 5_000u32..=250_000, waist).prop_map(|(h, w, waist)| {
        Answers::new(
            ChildHeight::from_mm(h).unwrap(),
            ChildWeight::from_grams(w).unwrap(),
            waist,
        )
    })
}

proptest! {
    // CLINICAL-REFERENCE §8.3: at a fixed age and sex, more weight at the same
    // height never lowers the z-score nor the category.
    #[test]
    fn category_is_monotone_in_bmi_section_8_3(
        months in 24u16..=215,
        sex in arb_sex(),
        mm in 500u32..=2000,
        grams in 5_000u32..=150_000,
        extra in 0u32..=100_000,
    ) {
        let c = child(months, sex);
        let h = ChildHeight::from_mm(mm).unwrap();
        let lighter = score(&Answers::new(h, ChildWeight::from_grams(grams).unwrap(), Reply::NotAsked), &c);
        let heavier = score(&Answers::new(h, ChildWeight::from_grams(grams + extra).unwrap(), Reply::NotAsked), &c);
        let (a, b) = (lighter.classification.centile().unwrap(), heavier.classification.centile().unwrap());
        prop_assert!(a.category <= b.category);
        prop_assert!(lighter.z_unrounded().unwrap() <= heavier.z_unrounded().unwrap());
        prop_assert!(a.centile_tenths <= b.centile_tenths);
    }

    // CLINICAL-REFERENCE §8.3: the same monotonicity on the reference itself,
    // at any exact age from 2 to 18 (not only whole months).
    #[test]
    fn z_is_monotone_in_bmi_at_any_age_section_8_3(
        age in 2.0f64..18.0,
        sex in prop::sample::select(vec![ReferenceSex::Male, ReferenceSex::Female]),
        bmi in 8.0f64..60.0,
        extra in 0.0f64..20.0,
    ) {
        let a = reference::z_score(sex, age, bmi).unwrap();
        let b = reference::z_score(sex, age, bmi + extra).unwrap();
        prop_assert!(a <= b);
        prop_assert!(ChildBmiCategory::of_z(a) <= ChildBmiCategory::of_z(b));
    }

    // The shown values are the unrounded ones rounded, and the outcomes follow
    // the classification.
    #[test]
    fn findings_are_consistent(answers in arb_answers(), c in arb_contact()) {
        let f = score(&answers, &c);
        if let Classification::Centile(centile) = f.classification {
            let z = f.z_unrounded().unwrap();
            prop_assert_eq!(centile.category, ChildBmiCategory::of_z(z));
            prop_assert_eq!(centile.z_hundredths, z_hundredths(z));
            prop_assert_eq!(centile.sex, reference_sex(c.sex()));
            prop_assert!((2..=17).contains(&c.age().years()));
            prop_assert!(f.outcomes().contains(Outcome::ChildBmiCentileCalculated));
        } else {
            prop_assert!(!f.outcomes().contains(Outcome::ChildBmiCentileCalculated));
        }
        for o in f.outcomes().iter() {
            prop_assert!(o.can_occur(c.age().years(), c.setting(), c.pregnant(), true), "{:?}", o);
        }
    }

    // Answers and findings round-trip through JSON and match their schemas.
    #[test]
    fn json_contract_of_answers_and_findings(answers in arb_answers(), c in arb_contact()) {
        common::assert_json_contract(&answers);
        let f = score(&answers, &c);
        common::assert_json_contract(&f);
        common::assert_json_contract(&f.classification);
        if let Reply::Answered(w) = f.whtr {
            common::assert_json_contract(&w);
        }
    }

    #[test]
    fn arbitrary_json_never_panics(v in common::json::arb_json_with(vec![
        "height", "weight", "waist", "cm", "kg", "kind", "value", "centile", "category",
        "z_hundredths", "centile_tenths", "reference", "uk90", "who_2006", "sex", "male",
        "age_in_months", "not_applicable", "reason", "under_2", "needs_age_in_months",
        "sex_not_known", "instrument", "child_bmi_centile_1", "classification", "whtr",
    ])) {
        if let Ok(answers) = serde_json::from_value::<Answers>(v.clone()) {
            common::assert_json_contract(&score(&answers, &child(126, Sex::Female)));
        }
        let _ = serde_json::from_value::<Finding>(v.clone());
        let _ = serde_json::from_value::<Classification>(v.clone());
        let _ = serde_json::from_value::<CentileFinding>(v.clone());
        let _ = serde_json::from_value::<ChildWhtrFinding>(v);
    }

    #[test]
    fn the_reference_never_panics(
        age in proptest::num::f64::ANY,
        bmi in proptest::num::f64::ANY,
        z in proptest::num::f64::ANY,
    ) {
        for sex in [ReferenceSex::Male, ReferenceSex::Female] {
            if let Some(z) = reference::z_score(sex, age, bmi) {
                prop_assert!(z.is_finite());
            }
        }
        let p = reference::normal_cdf(z);
        prop_assert!(p.is_nan() == z.is_nan());
        let _ = (z_hundredths(z), centile_tenths(p), ChildBmiCategory::of_z(z));
    }

    // No constructor panics, and whatever they accept can be scored.
    #[test]
    fn measurements_never_panic_and_always_score(
        cm in proptest::num::f64::ANY,
        kg in proptest::num::f64::ANY,
        big in any::<u32>(),
        small in proptest::num::f64::ANY,
        c in arb_contact(),
    ) {
        let heights = [ChildHeight::from_cm(cm), ChildHeight::from_mm(big), ChildHeight::from_feet_and_inches(big, small)];
        let weights = [ChildWeight::from_kg(kg), ChildWeight::from_grams(big), ChildWeight::from_pounds(small),
                       ChildWeight::from_stones_and_pounds(big, small)];
        let waists = [ChildWaist::from_cm(cm), ChildWaist::from_mm(big), ChildWaist::from_inches(small)];
        for h in heights.iter().flatten() {
            for w in weights.iter().flatten() {
                for waist in waists.iter().flatten() {
                    let f = score(&Answers::new(*h, *w, Reply::Answered(*waist)), &c);
                    prop_assert!(f.bmi_unrounded().is_finite());
                    if f.classification.centile().is_some() {
                        prop_assert!(f.z_unrounded().unwrap().is_finite());
                    }
                }
            }
        }
    }
}

/// The JSON Schema names the new types so generated clients can tell them
/// from the adult ones.
#[cfg(feature = "schema")]
#[test]
fn schema_names_do_not_clash_with_the_adult_instrument() {
    let schema = common::schema_of::<mecc::instruments::Findings>();
    let defs = schema["$defs"].as_object().unwrap();
    for name in [
        "ChildBmiFinding",
        "ChildBmiClassification",
        "ChildBmiNotApplicableReason",
        "BmiFinding",
    ] {
        assert!(
            defs.contains_key(name),
            "{name} missing from {:?}",
            defs.keys().collect::<Vec<_>>()
        );
    }
}
