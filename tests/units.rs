//! Quantities: ranges, conversions, hints and their JSON contract.
mod common;

use mecc::Error;
use mecc::units::*;
use proptest::prelude::*;

// CLINICAL-REFERENCE §3.1: plausible adult height 100–250 cm.
#[test]
fn height_range_boundaries_section_3_1() {
    assert!(Height::from_cm(99.9).is_err());
    assert_eq!(Height::from_cm(100.0).unwrap().mm(), 1000);
    assert_eq!(Height::from_cm(250.0).unwrap().mm(), 2500);
    assert!(Height::from_cm(250.1).is_err());
}

// CLINICAL-REFERENCE §3.1: plausible adult weight 20–350 kg.
#[test]
fn weight_range_boundaries_section_3_1() {
    assert!(Weight::from_kg(19.999).is_err());
    assert_eq!(Weight::from_kg(20.0).unwrap().grams(), 20_000);
    assert_eq!(Weight::from_kg(350.0).unwrap().grams(), 350_000);
    assert!(Weight::from_kg(350.001).is_err());
}

#[test]
fn height_in_metres_is_named_in_the_error() {
    let err = Height::from_cm(1.72).unwrap_err();
    assert_eq!(
        err.to_string(),
        "height_cm is 1.72: expected a height from 100 to 250 cm \
         (this looks like metres: did you mean 172 cm?)"
    );
    assert!(err.is_out_of_range());
}

#[test]
fn height_in_millimetres_given_as_cm_is_named() {
    let err = Height::from_cm(1720.0).unwrap_err();
    assert!(
        err.to_string()
            .contains("looks like millimetres: did you mean 172 cm?")
    );
}

#[test]
fn non_finite_values_are_refused_with_field_and_value() {
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let err = Height::from_cm(v).unwrap_err();
        assert!(matches!(
            err,
            Error::NotFinite {
                field: "height_cm",
                ..
            }
        ));
        assert!(err.to_string().starts_with(&format!("height_cm is {v}")));
        assert!(matches!(
            Weight::from_kg(v),
            Err(Error::NotFinite {
                field: "weight_kg",
                ..
            })
        ));
        assert!(matches!(
            Waist::from_cm(v),
            Err(Error::NotFinite {
                field: "waist_cm",
                ..
            })
        ));
        assert!(matches!(
            AlcoholUnits::from_units(v),
            Err(Error::NotFinite { field: "units", .. })
        ));
    }
}

#[test]
fn zero_and_negative_values_are_refused() {
    for v in [0.0, -0.0, -1.0, -175.0] {
        assert!(Height::from_cm(v).is_err());
        assert!(Weight::from_kg(v).is_err());
        assert!(Waist::from_cm(v).is_err());
    }
    assert!(AlcoholUnits::from_units(-0.5).is_err());
}

#[test]
fn whole_unit_forms_report_the_value_and_range_as_given() {
    assert_eq!(
        Height::from_mm(172).unwrap_err().to_string(),
        "height_mm is 172: expected a height from 1000 to 2500 mm \
         (this looks like centimetres: did you mean 1720 mm?)"
    );
    assert_eq!(
        Weight::from_grams(80).unwrap_err().to_string(),
        "weight_g is 80: expected a weight from 20000 to 350000 g"
    );
    assert_eq!(
        Waist::from_mm(39).unwrap_err().to_string(),
        "waist_mm is 39: expected a waist from 400 to 2500 mm"
    );
    assert_eq!(Height::from_mm(1000).unwrap().mm(), 1000);
    assert!(Height::from_mm(999).is_err());
    assert_eq!(Weight::from_grams(350_000).unwrap().grams(), 350_000);
    assert!(Weight::from_grams(350_001).is_err());
}

#[test]
fn weight_in_pounds_given_as_kg_is_named() {
    let err = Weight::from_kg(400.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "weight_kg is 400: expected a weight from 20 to 350 kg (this may be pounds: 400 lb is 181.4 kg)"
    );
}

#[test]
fn weight_in_grams_given_as_kg_is_named() {
    let err = Weight::from_kg(80_000.0).unwrap_err();
    assert!(
        err.to_string()
            .contains("looks like grams: did you mean 80 kg?"),
        "{err}"
    );
}

#[test]
fn weight_in_stones_given_as_kg_is_named() {
    let err = Weight::from_kg(12.0).unwrap_err();
    assert!(err.to_string().contains("stones"), "{err}");
}

// CLINICAL-REFERENCE §3.1: 1 in = 2.54 cm; 1 lb = 0.45359237 kg; 1 st = 14 lb.
#[test]
fn imperial_conversions_section_3_1() {
    assert_eq!(Height::from_feet_and_inches(6, 0.0).unwrap().mm(), 1829); // 1828.8
    assert_eq!(Height::from_feet_and_inches(5, 6.0).unwrap().mm(), 1676); // 1676.4
    assert_eq!(
        Weight::from_stones_and_pounds(10, 0.0).unwrap().grams(),
        63_503
    ); // 63.50293
    assert_eq!(Weight::from_pounds(200.0).unwrap().grams(), 90_718); // 90.718474
    assert_eq!(Waist::from_inches(40.0).unwrap().mm(), 1016);
    assert!(Height::from_feet_and_inches(5, 12.0).is_err());
    assert!(Weight::from_stones_and_pounds(10, 14.0).is_err());
    let err = Height::from_feet_and_inches(2, 0.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "height_feet_and_inches is 2 ft 0 in: expected a height from 100 to 250 cm (2 ft 0 in is 61.0 cm)"
    );
    let err = Weight::from_stones_and_pounds(60, 0.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "weight_stones_and_pounds is 60 st 0 lb: expected a weight from 20 to 350 kg (60 st 0 lb is 381.0 kg)"
    );
    let err = Weight::from_pounds(800.0).unwrap_err();
    assert!(
        err.to_string().starts_with("weight_pounds is 800 lb: "),
        "{err}"
    );
    let err = Waist::from_inches(10.0).unwrap_err();
    assert!(
        err.to_string().starts_with("waist_inches is 10 in: "),
        "{err}"
    );
}

// CLINICAL-REFERENCE §1.6: units = volume_ml × ABV% / 1000.
#[test]
fn units_from_volume_section_1_6() {
    assert_eq!(
        AlcoholUnits::from_volume(750.0, 12.0)
            .unwrap()
            .centi_units(),
        900
    );
    assert_eq!(
        AlcoholUnits::from_volume(25.0, 40.0).unwrap().centi_units(),
        100
    );
    assert!(AlcoholUnits::from_volume(500.0, 101.0).is_err());
    assert!(AlcoholUnits::from_volume(-1.0, 5.0).is_err());
}

#[test]
fn json_forms_are_accepted_and_written_canonically() {
    let h: Height = serde_json::from_str(r#"{"kind": "cm", "value": 175.5}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&h).unwrap(),
        r#"{"kind":"mm","value":1755}"#
    );
    let h: Height =
        serde_json::from_str(r#"{"kind": "feet_and_inches", "value": {"feet": 5, "inches": 9}}"#)
            .unwrap();
    assert_eq!(h.mm(), 1753);
    let w: Weight = serde_json::from_str(
        r#"{"kind": "stones_and_pounds", "value": {"stones": 12, "pounds": 6}}"#,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_string(&w).unwrap(),
        r#"{"kind":"g","value":78925}"#
    );
    let err = serde_json::from_str::<Height>(r#"{"kind": "cm", "value": 1.8}"#).unwrap_err();
    assert!(err.to_string().contains("looks like metres"), "{err}");
    assert!(serde_json::from_str::<Height>(r#"{"kind": "inches", "value": 70}"#).is_err());
    assert!(serde_json::from_str::<Height>(r#"175"#).is_err());
}

#[cfg(feature = "schema")]
#[test]
fn schema_bounds_are_the_constructor_bounds() {
    let s = common::schema_of::<Height>();
    assert_eq!(s["oneOf"][0]["properties"]["kind"]["const"], "cm");
    let cm = &s["oneOf"][0]["properties"]["value"];
    assert_eq!(cm["minimum"], HEIGHT_CM.min());
    assert_eq!(cm["maximum"], HEIGHT_CM.max());
    let s = common::schema_of::<Weight>();
    assert_eq!(s["oneOf"][0]["properties"]["kind"]["const"], "kg");
    let kg = &s["oneOf"][0]["properties"]["value"];
    assert_eq!(kg["minimum"], WEIGHT_KG.min());
    assert_eq!(kg["maximum"], WEIGHT_KG.max());
    let s = common::schema_of::<AlcoholUnits>();
    assert_eq!(s["maximum"], ALCOHOL_UNITS.max());
    let s = common::schema_of::<CoPpm>();
    assert_eq!(s["maximum"], CO_PPM.max());
    let s = common::schema_of::<WeeklyMinutes>();
    assert_eq!(s["maximum"], WEEKLY_MINUTES.max());
}

proptest! {
    #[test]
    fn height_never_panics_and_round_trips(cm in proptest::num::f64::ANY) {
        if let Ok(h) = Height::from_cm(cm) {
            prop_assert!((HEIGHT_CM.min()..=HEIGHT_CM.max()).contains(&h.cm()));
            common::assert_json_contract(&h);
        }
    }

    #[test]
    fn weight_never_panics_and_round_trips(kg in proptest::num::f64::ANY, st in any::<u32>(), lb in proptest::num::f64::ANY) {
        if let Ok(w) = Weight::from_kg(kg) { common::assert_json_contract(&w); }
        if let Ok(w) = Weight::from_stones_and_pounds(st, lb) { common::assert_json_contract(&w); }
        let _ = Weight::from_pounds(lb);
    }

    #[test]
    fn units_never_panic(ml in proptest::num::f64::ANY, abv in proptest::num::f64::ANY, c in any::<u32>()) {
        if let Ok(u) = AlcoholUnits::from_volume(ml, abv) { common::assert_json_contract(&u); }
        let _ = AlcoholUnits::from_centi_units(c);
    }

    #[test]
    fn arbitrary_json_never_panics(s in ".{0,64}") {
        let _ = serde_json::from_str::<Height>(&s);
        let _ = serde_json::from_str::<Weight>(&s);
        let _ = serde_json::from_str::<Waist>(&s);
        let _ = serde_json::from_str::<AlcoholUnits>(&s);
        let _ = serde_json::from_str::<CoPpm>(&s);
        let _ = serde_json::from_str::<WeeklyMinutes>(&s);
    }
}
