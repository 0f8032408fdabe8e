//! The contact context: its JSON form, its checks and its messages (CLINICAL-REFERENCE §0).
mod common;

use mecc::context::*;
use proptest::prelude::*;
use serde_json::json;

/// Every field given, most of them changed from the shared fixture.
fn fields() -> serde_json::Value {
    common::fixtures::with(json!({
        "age": 52,
        "sex": "not_known",
        "family_background": "south_asian",
        "setting": "emergency_department",
        "time_available": "very_brief",
        "presenting_condition": "fall",
        "intoxicated": "not_known",
        "priority_groups": ["most_deprived_quintile", "experiencing_homelessness"],
        "comorbidities": {
            "diabetes": {"kind": "type_2", "value": {"diagnosed": {"kind": "years", "value": 3}}},
            "hypertension": "yes"
        }
    }))
}

#[test]
fn a_contact_reads_from_json_and_round_trips() {
    let contact: Contact = serde_json::from_value(fields()).unwrap();
    assert_eq!(contact.age().years(), 52);
    assert_eq!(contact.setting(), Setting::EmergencyDepartment);
    assert!(
        contact
            .priority_groups()
            .contains(PriorityGroup::ExperiencingHomelessness)
    );
    assert!(!contact.priority_groups().contains(PriorityGroup::SexWorker));
    assert_eq!(
        contact.comorbidities().diabetes,
        Diabetes::Type2 {
            diagnosed: YearsAgo::Years(3)
        }
    );
    common::assert_json_contract(&contact);
}

/// The facts that change a threshold or what a plan may say are required
/// (CLINICAL-REFERENCE §0): age, sex, pregnancy, setting, time available.
#[test]
fn facts_that_change_thresholds_are_required() {
    let full = fields();
    for key in ["age", "sex", "pregnant", "setting", "time_available"] {
        let mut partial = full.clone();
        partial.as_object_mut().unwrap().remove(key);
        let err = serde_json::from_value::<Contact>(partial).unwrap_err();
        assert!(
            err.to_string().contains(&format!("missing field `{key}`")),
            "{err}"
        );
    }
}

/// A host that does not record a fact may leave it out; it is then read
/// conservatively and the assumption is recorded, never silently defaulted.
#[test]
fn facts_a_host_may_not_have_can_be_left_out_and_are_recorded_as_assumed() {
    use mecc::context::ContactAssumption as A;
    let full = fields();
    for (key, assumption) in [
        ("family_background", Some(A::FamilyBackgroundNotGiven)),
        ("intoxicated", Some(A::IntoxicationNotGiven)),
        ("priority_groups", Some(A::PriorityGroupsNotGiven)),
        ("comorbidities", Some(A::ComorbiditiesNotGiven)),
        ("presenting_condition", None),
    ] {
        let mut partial = full.clone();
        partial.as_object_mut().unwrap().remove(key);
        let contact: Contact = serde_json::from_value(partial.clone()).unwrap();
        let recorded: Vec<A> = contact.assumptions().iter().collect();
        assert_eq!(
            recorded,
            assumption.into_iter().collect::<Vec<_>>(),
            "{key}"
        );
        // Left out stays left out: the contact writes back what was given.
        let written = serde_json::to_value(contact).unwrap();
        assert!(written.get(key).is_none(), "{key} written back: {written}");
        common::assert_json_contract(&contact);
    }
    let mut bare = full.clone();
    for key in [
        "family_background",
        "intoxicated",
        "priority_groups",
        "comorbidities",
    ] {
        bare.as_object_mut().unwrap().remove(key);
    }
    let contact: Contact = serde_json::from_value(bare).unwrap();
    assert_eq!(contact.family_background(), FamilyBackground::NotStated);
    assert_eq!(contact.intoxicated(), YesNoNotKnown::NotKnown);
    assert!(contact.priority_groups().is_empty());
    assert_eq!(*contact.comorbidities(), Comorbidities::NOT_KNOWN);
    assert_eq!(contact.assumptions().iter().count(), 4);
}

#[test]
fn unknown_fields_are_refused() {
    let mut doc = fields();
    doc["smoker"] = json!(true);
    let err = serde_json::from_value::<Contact>(doc).unwrap_err();
    assert!(err.to_string().contains("unknown field `smoker`"), "{err}");
}

// CLINICAL-REFERENCE §0: age in whole years, 0–120.
#[test]
fn age_boundaries_section_0() {
    assert_eq!(Age::new(0).unwrap().years(), 0);
    assert_eq!(Age::new(120).unwrap().years(), 120);
    let err = Age::new(121).unwrap_err();
    assert_eq!(
        err.to_string(),
        "age is 121: expected an age from 0 to 120 whole years"
    );
    let err = Age::new(1974).unwrap_err();
    assert_eq!(
        err.to_string(),
        "age is 1974: expected an age from 0 to 120 whole years \
         (this looks like a year of birth: give the age in years)"
    );
    let mut doc = fields();
    doc["age"] = json!(-1);
    assert!(serde_json::from_value::<Contact>(doc).is_err());
}

#[test]
fn pregnant_male_is_inconsistent() {
    let mut doc = fields();
    doc["sex"] = json!("male");
    doc["pregnant"] = json!("yes");
    let err = serde_json::from_value::<Contact>(doc).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("pregnant is yes, which contradicts sex = male"),
        "{err}"
    );
    let f: ContactFields = serde_json::from_value({
        let mut d = fields();
        d["sex"] = json!("male");
        d["pregnant"] = json!("yes");
        d
    })
    .unwrap();
    let err = Contact::new(f).unwrap_err();
    assert!(err.is_inconsistent());
    assert_eq!(err.field(), "pregnant");
}

#[test]
fn presenting_condition_outside_the_ed_is_inconsistent() {
    let mut doc = fields();
    doc["setting"] = json!("general_practice");
    let err = serde_json::from_value::<Contact>(doc).unwrap_err();
    assert!(
        err.to_string()
            .contains("presenting_condition is fall, which contradicts setting = general_practice"),
        "{err}"
    );
    assert!(err.to_string().contains("use null elsewhere"), "{err}");
    let mut doc = fields();
    doc["setting"] = json!("general_practice");
    doc["presenting_condition"] = json!(null);
    assert!(serde_json::from_value::<Contact>(doc).is_ok());
}

#[test]
fn yes_no_not_known_reads_unknown_conservatively() {
    assert!(YesNoNotKnown::Yes.possibly());
    assert!(YesNoNotKnown::NotKnown.possibly());
    assert!(!YesNoNotKnown::No.possibly());
}

// CLINICAL-REFERENCE §1.1: ten presenting conditions indicate PAT; `other` does not.
#[test]
fn pat_indications_section_1_1() {
    let indicated: Vec<PresentingCondition> = serde_json::from_value(json!([
        "fall",
        "collapse",
        "head_injury",
        "assault",
        "accident",
        "unwell",
        "gastrointestinal",
        "cardiac",
        "psychiatric",
        "repeat_attender"
    ]))
    .unwrap();
    assert_eq!(indicated.len(), 10);
    assert!(indicated.iter().all(|c| c.indicates_pat()));
    assert!(!PresentingCondition::Other.indicates_pat());
}

#[cfg(feature = "schema")]
#[test]
fn contact_schema_validates_a_contact() {
    let contact: Contact = serde_json::from_value(fields()).unwrap();
    common::assert_matches_schema(&contact);
    let schema = common::schema_of::<Contact>();
    assert!(schema.to_string().contains("\"maximum\":120"), "{schema}");
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        proptest::num::f64::NORMAL.prop_map(serde_json::Value::from),
        "[a-z_]{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_json_never_panics(v in arb_json()) {
        let _ = serde_json::from_value::<Contact>(v.clone());
        let _ = serde_json::from_value::<PriorityGroups>(v.clone());
        let _ = serde_json::from_value::<Comorbidities>(v);
    }

    #[test]
    fn ages_never_panic(years in any::<u32>()) {
        match Age::new(years) {
            Ok(a) => prop_assert!(a.years() <= 120),
            Err(e) => {
                prop_assert_eq!(e.field(), "age");
                prop_assert!(e.is_out_of_range());
            }
        }
    }

    #[test]
    fn priority_groups_round_trip(bits in prop::collection::vec(0usize..7, 0..10)) {
        let groups: PriorityGroups = bits.iter().map(|i| PriorityGroup::ALL[*i]).collect();
        common::assert_json_contract(&groups);
        for i in &bits {
            prop_assert!(groups.contains(PriorityGroup::ALL[*i]));
        }
    }
}
