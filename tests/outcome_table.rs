//! The outcome table and the enumerations it is checked over are each stated
//! once; these tests make the places that must agree agree.
use mecc::context::{Setting, Settings};
use mecc::instruments::{REGISTRY, activity, audit, bmi, fast, pat, smoking};
use mecc::outcome::{Outcome, OutcomeSet, Topic};

#[test]
fn every_outcome_serializes_as_its_declared_name() {
    for &o in Outcome::ALL {
        let json = serde_json::to_value(o).unwrap();
        assert_eq!(json, o.as_str(), "{o:?}");
        let back: Outcome = serde_json::from_value(json).unwrap();
        assert_eq!(back, o);
    }
}

#[test]
fn every_outcome_fits_in_an_outcome_set() {
    let all: OutcomeSet = Outcome::ALL.iter().copied().collect();
    assert_eq!(all.iter().count(), Outcome::ALL.len());
}

#[test]
fn implications_stay_within_a_topic_and_never_imply_themselves() {
    for &o in Outcome::ALL {
        assert!(!o.implies().contains(o), "{o:?} implies itself");
        for i in o.implies().iter() {
            assert_eq!(i.topic(), o.topic(), "{o:?} implies {i:?} on another topic");
        }
    }
}

#[test]
fn declared_ages_follow_the_instruments_limits() {
    // CLINICAL-REFERENCE §3.1: adult BMI categories from 18; §4.1: GPPAQ 16–74.
    let (o, i) = (Outcome::BmiObesityClass1, Outcome::ActivityInactive);
    assert_eq!(o.info().ages.from, bmi::ADULT_FROM_AGE_YEARS);
    assert!(!o.can_occur(
        17,
        Setting::GeneralPractice,
        mecc::context::Pregnancy::No,
        false
    ));
    assert!(o.can_occur(
        18,
        Setting::GeneralPractice,
        mecc::context::Pregnancy::No,
        false
    ));
    assert_eq!(
        (i.info().ages.from, i.info().ages.to),
        (activity::GPPAQ_MIN_AGE, activity::GPPAQ_MAX_AGE)
    );
    assert!(!i.can_occur(
        75,
        Setting::GeneralPractice,
        mecc::context::Pregnancy::No,
        false
    ));
    assert!(i.can_occur(
        74,
        Setting::GeneralPractice,
        mecc::context::Pregnancy::No,
        false
    ));
    assert!(!i.can_occur(
        15,
        Setting::GeneralPractice,
        mecc::context::Pregnancy::No,
        false
    ));
}

#[test]
fn pregnancy_limits_are_declared_once() {
    use mecc::context::Pregnancy::{No, NotKnown, Possible, Yes};
    let gp = Setting::GeneralPractice;
    // §3.1: no adult BMI category in pregnancy, but BMI is still calculated.
    assert!(!Outcome::BmiOverweight.can_occur(30, gp, Yes, true));
    // §6.11: `possible` is read as pregnant for every exclusion.
    assert!(!Outcome::BmiOverweight.can_occur(30, gp, Possible, true));
    assert!(Outcome::BmiOverweight.can_occur(30, gp, NotKnown, true));
    assert!(Outcome::BmiCalculated.can_occur(30, gp, Yes, true));
    // §2.3: the CO pregnancy outcomes only where she could be pregnant.
    assert!(!Outcome::CoPregnancyReferral.can_occur(30, gp, No, false));
    assert!(Outcome::CoPregnancyReferral.can_occur(30, gp, NotKnown, true));
}

#[test]
fn every_setting_is_in_the_set_of_all_settings() {
    for s in Setting::ALL {
        assert!(Settings::ALL.contains(s));
        assert!(!Settings::NONE.contains(s));
        assert!(Settings::NONE.with(s).contains(s));
    }
}

#[test]
fn every_outcome_has_a_topic_in_the_plan_order() {
    for &o in Outcome::ALL {
        assert!(Topic::ALL.contains(&o.topic()), "{o:?}");
    }
}

#[test]
fn the_registry_matches_the_answers_document() {
    let keys: Vec<&str> = REGISTRY.iter().map(|r| r.key).collect();
    for key in ["pat", "audit", "fast", "smoking", "bmi", "activity"] {
        assert!(keys.contains(&key), "{key} is not registered");
    }
    let answers = serde_json::to_value(mecc::Answers::NONE).unwrap();
    let fields: Vec<&str> = answers
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    let mut fields_sorted = fields.clone();
    fields_sorted.sort_unstable();
    assert_eq!(sorted, fields_sorted);
    assert_eq!(REGISTRY[0].version, pat::VERSION);
    assert_eq!(REGISTRY[1].sources, audit::SOURCES);
    assert_eq!(REGISTRY[2].sources, fast::SOURCES);
    assert_eq!(REGISTRY[3].sources, smoking::SOURCES);
}
