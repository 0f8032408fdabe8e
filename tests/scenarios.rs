//! Scenarios for the national default policy: each asserts the exact actions,
//! their order and the rule behind each (CLINICAL-REFERENCE §1.5, §2.4, §3.4,
//! §4.3, §6).
mod common;

use mecc::policy::{
    ActionKind, Adjustment, Outcome, Policy, PolicyDocument, PolicyOverlay, ReferralMode, Urgency,
};
use mecc::{Answers, Assessment, assess};
use serde_json::{Value, json};

fn base_contact() -> Value {
    json!({
        "age": 45, "sex": "male", "pregnant": "no", "family_background": "white",
        "setting": "general_practice", "time_available": "extended",
        "presenting_condition": null, "intoxicated": "no", "priority_groups": [],
        "comorbidities": {"diabetes": "none", "hypertension": "no",
                          "eating_disorder": "no", "bariatric_surgery": "none"}
    })
}

fn ed_contact() -> Value {
    with(
        base_contact(),
        json!({"setting": "emergency_department", "presenting_condition": "fall", "time_available": "very_brief"}),
    )
}

fn with(mut base: Value, changes: Value) -> Value {
    for (k, v) in changes.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

fn run_with(policy: &Policy, contact: Value, answers: Value) -> Assessment {
    let contact = serde_json::from_value(contact).unwrap();
    let answers: Answers = serde_json::from_value(answers).unwrap();
    let a = assess(&contact, &answers, policy).unwrap();
    common::assert_json_contract(&a);
    a
}

fn run(contact: Value, answers: Value) -> Assessment {
    run_with(&Policy::national_default().unwrap(), contact, answers)
}

fn local(overlay: Value) -> Policy {
    let overlay: PolicyOverlay = serde_json::from_value(overlay).unwrap();
    Policy::compile(
        PolicyDocument::national_default()
            .unwrap()
            .with_overlay(&overlay)
            .unwrap(),
    )
    .unwrap()
}

/// Each action as `kind rule [pathway urgency] [adjustments]`.
fn lines(a: &Assessment) -> Vec<String> {
    a.plan
        .iter()
        .map(|x| {
            let mut s = format!(
                "{} {}",
                serde_json::to_value(x.kind).unwrap().as_str().unwrap(),
                x.reason.rule
            );
            if let Some(p) = &x.pathway {
                s.push_str(&format!(" -> {}", p.id));
            }
            if let Some(u) = x.urgency {
                s.push_str(&format!(
                    " {}",
                    serde_json::to_value(u).unwrap().as_str().unwrap()
                ));
            }
            for adj in x.reason.adjustments.iter() {
                s.push_str(&format!(
                    " +{}",
                    serde_json::to_value(adj).unwrap().as_str().unwrap()
                ));
            }
            s
        })
        .collect()
}

fn pat(units: f64, frequency: Value, related: bool, willing: Value) -> Value {
    json!({"pat": {
        "drinks_alcohol": {"answered": true},
        "most_in_one_day": {"answered": {"units": units}},
        "frequency": frequency,
        "attendance_related": {"answered": related},
        "willing_to_see_specialist": willing
    }})
}

fn weekly(n: u32) -> Value {
    json!({"answered": {"times_per_week": n}})
}

fn yes() -> Value {
    json!({"answered": true})
}

fn smoker() -> Value {
    json!({"smoking": {
        "status": {"current_smoker": {"products": ["manufactured_cigarettes"],
            "cigarettes_per_day": {"answered": 15},
            "minutes_to_first_cigarette": {"answered": 20},
            "years_smoked": {"answered": 20}}},
        "vaping": "not_asked", "co_ppm": "not_asked"}})
}

fn smoking_status(status: Value, co: Value) -> Value {
    json!({"smoking": {"status": status, "vaping": "not_asked", "co_ppm": co}})
}

fn bmi(cm: f64, kg: f64) -> Value {
    json!({"bmi": {"height": {"cm": cm}, "weight": {"kg": kg}, "waist": "not_asked"}})
}

fn gppaq(occupation: &str, exercise: &str) -> Value {
    json!({"activity": {"gppaq": {"answered": {
        "occupation": {"answered": occupation},
        "exercise_and_cycling": {"answered": {"bands": {"exercise": exercise, "cycling": "none"}}},
        "walking": "not_asked", "housework_and_childcare": "not_asked",
        "gardening_and_diy": "not_asked", "walking_pace": "not_asked"}},
        "weekly": "not_asked"}})
}

// ---------------------------------------------------------------- alcohol (§1.5)

#[test]
fn pat_positive_sober_and_service_available_now_refers_now() {
    let a = run(ed_contact(), pat(12.0, weekly(2), false, yes()));
    assert_eq!(
        lines(&a),
        [
            "referral alcohol.specialist_now -> alcohol_liaison now",
            "advice alcohol.brief_advice",
            "leaflet alcohol.leaflet",
            "follow_up alcohol.notify_gp",
        ]
    );
    let referral = &a.plan[0];
    assert_eq!(
        referral.reason.relied_on.iter().collect::<Vec<_>>(),
        [Outcome::PatPositive, Outcome::PatWillingToSeeSpecialist]
    );
    assert!(
        referral.reason.source.contains("St Mary's"),
        "{}",
        referral.reason.source
    );
    assert!(
        a.plan[1].text.contains("14 units a week"),
        "advice quotes the CMO 2016 guideline"
    );
    assert!(referral.reason.adjustments.is_empty());
    // The readable form names what a person needs to act on.
    let shown = referral.to_string();
    assert!(shown.starts_with("[referral · alcohol] "), "{shown}");
    assert!(shown.contains(referral.text.as_ref()), "{shown}");
    let service = &referral.pathway.as_ref().unwrap().name;
    assert!(shown.contains(&format!("to: {service}")), "{shown}");
    assert!(
        shown.contains(
            "rule: alcohol.specialist_now, on pat_positive, pat_willing_to_see_specialist"
        ),
        "{shown}"
    );
}

#[test]
fn pat_positive_when_the_service_is_not_available_now_refers_within_24_hours() {
    let night = local(json!({"id": "night", "version": "1",
        "pathways": [{"id": "alcohol_liaison", "available_now": false}]}));
    let a = run_with(&night, ed_contact(), pat(12.0, weekly(2), false, yes()));
    assert_eq!(
        lines(&a)[0],
        "referral alcohol.specialist_within_24_hours -> alcohol_liaison within_24_hours"
    );
}

#[test]
fn pat_positive_while_intoxicated_defers_advice_but_keeps_leaflet_and_offer() {
    let a = run(
        with(ed_contact(), json!({"intoxicated": "yes"})),
        pat(12.0, weekly(2), false, yes()),
    );
    assert_eq!(
        lines(&a),
        [
            "referral alcohol.specialist_within_24_hours -> alcohol_liaison within_24_hours",
            "defer alcohol.defer_while_intoxicated",
            "leaflet alcohol.leaflet",
            "follow_up alcohol.notify_gp",
        ]
    );
    assert!(a.plan.iter().all(|x| x.kind != ActionKind::Advice));
}

#[test]
fn pat_offer_not_yet_made_is_asked() {
    let a = run(
        ed_contact(),
        pat(12.0, weekly(2), false, json!("not_asked")),
    );
    assert_eq!(
        lines(&a),
        [
            "advice alcohol.brief_advice",
            "ask alcohol.offer_specialist",
            "leaflet alcohol.leaflet",
            "follow_up alcohol.notify_gp",
        ]
    );
}

#[test]
fn possible_dependence_puts_the_safety_alert_first_and_never_advises_drink_free_days() {
    let a = run(
        ed_contact(),
        pat(10.0, json!({"answered": "every_day"}), false, yes()),
    );
    assert_eq!(
        lines(&a),
        [
            "safety_alert alcohol.possible_dependence_alert",
            "referral alcohol.specialist_now -> alcohol_liaison now",
            "advice alcohol.brief_advice_possible_dependence",
            "leaflet alcohol.leaflet",
            "follow_up alcohol.notify_gp",
        ]
    );
    assert!(a.plan[0].text.contains("thiamine"));
    assert!(
        a.plan[0]
            .text
            .contains("do not advise stopping drinking abruptly")
    );
}

#[test]
fn a_light_daily_drinker_gets_drink_free_days_advice_and_no_alert() {
    // Positive by attendance only; 4 units every day is not above 8.
    let a = run(
        ed_contact(),
        pat(
            4.0,
            json!({"answered": "every_day"}),
            true,
            json!({"answered": false}),
        ),
    );
    assert_eq!(
        lines(&a),
        [
            "advice alcohol.brief_advice",
            "advice alcohol.drink_free_days",
            "signpost alcohol.signpost_after_declining -> community_alcohol_service",
            "leaflet alcohol.leaflet",
            "follow_up alcohol.notify_gp",
        ]
    );
}

#[test]
fn unknown_frequency_above_threshold_raises_the_alert_asks_and_gives_dependence_safe_advice() {
    // Not known is not read as no (CLINICAL-REFERENCE §0, §1.5): they may
    // drink every day, so the withdrawal alert stands until that is ruled out.
    let a = run(ed_contact(), pat(12.0, json!("not_asked"), false, yes()));
    assert!(a.outcomes.contains(Outcome::PatDependenceNotKnown));
    assert_eq!(
        lines(&a),
        [
            "safety_alert alcohol.dependence_not_ruled_out_alert",
            "referral alcohol.specialist_now -> alcohol_liaison now",
            "advice alcohol.brief_advice_possible_dependence",
            "ask alcohol.ask_frequency",
            "leaflet alcohol.leaflet",
            "follow_up alcohol.notify_gp",
        ]
    );
    assert!(a.plan[0].text.contains("thiamine"));
}

#[test]
fn a_daily_drinker_with_most_in_one_day_not_known_is_asked_it_and_not_told_to_skip_days() {
    // Positive by attendance, every day, Q2 not asked: dependence is not ruled
    // out, so the missing question is Q2 (not Q3, already answered), and
    // drink-free days (stopping abruptly on some days) are not advised
    // (CLINICAL-REFERENCE §1.5).
    let mut answers = pat(0.0, json!({"answered": "every_day"}), true, yes());
    answers["pat"]["most_in_one_day"] = json!("not_asked");
    let a = run(ed_contact(), answers);
    assert!(a.outcomes.contains(Outcome::PatDependenceNotKnown));
    assert_eq!(
        lines(&a),
        [
            "safety_alert alcohol.dependence_not_ruled_out_alert",
            "referral alcohol.specialist_now -> alcohol_liaison now",
            "advice alcohol.brief_advice_possible_dependence",
            "ask alcohol.ask_most_in_one_day",
            "leaflet alcohol.leaflet",
            "follow_up alcohol.notify_gp",
        ]
    );
}

#[test]
fn an_unfinished_pat_gives_no_drink_free_days_advice() {
    // Q1 yes, Q3 every day, Q2 not yet asked: the form goes on to Q2, and a
    // daily drinker who may be dependent is not told to have drink-free days.
    let answers = json!({"pat": {
        "drinks_alcohol": {"answered": true}, "most_in_one_day": "not_asked",
        "frequency": {"answered": "every_day"}, "attendance_related": "not_asked",
        "willing_to_see_specialist": "not_asked"}});
    let a = run(ed_contact(), answers);
    assert!(a.outcomes.contains(Outcome::PatIncomplete));
    assert!(a.plan.is_empty(), "{:?}", lines(&a));
}

#[test]
fn a_pat_negative_daily_drinker_is_still_advised_drink_free_days() {
    // 4 units every day, not related: negative, dependence ruled out (§1.5 Decision).
    let a = run(
        ed_contact(),
        pat(
            4.0,
            json!({"answered": "every_day"}),
            false,
            json!("not_asked"),
        ),
    );
    assert_eq!(lines(&a), ["advice alcohol.drink_free_days"]);
}

#[test]
fn alcohol_advice_gives_the_whole_cmo_guideline_including_pregnancy() {
    // CLINICAL-REFERENCE §1.5 advice quotes §5.1, which says not to drink at
    // all in pregnancy: 14 units a week is not the advice for a pregnant woman.
    let contact = with(ed_contact(), json!({"sex": "female", "pregnant": "yes"}));
    let a = run(contact, pat(8.0, weekly(2), false, yes()));
    let advice = a
        .plan
        .iter()
        .find(|x| x.reason.rule.as_ref() == "alcohol.brief_advice")
        .unwrap();
    assert!(advice.text.contains("14 units a week"));
    assert!(
        advice.text.contains(
            "pregnant or planning a pregnancy, the safest approach is not to drink at all"
        ),
        "{}",
        advice.text
    );
}

#[test]
fn pat_negative_gives_no_alcohol_action() {
    let a = run(ed_contact(), pat(8.0, weekly(1), false, json!("not_asked")));
    assert!(a.plan.is_empty(), "{:?}", lines(&a));
}

#[test]
fn declining_in_a_priority_group_becomes_an_active_referral() {
    let groups = with(
        ed_contact(),
        json!({"priority_groups": ["experiencing_homelessness"]}),
    );
    let a = run(
        groups,
        pat(12.0, weekly(2), false, json!({"answered": false})),
    );
    assert_eq!(
        lines(&a)[0],
        "referral alcohol.signpost_after_declining -> community_alcohol_service routine +priority_group_active_referral"
    );
    let a = run(
        ed_contact(),
        pat(12.0, weekly(2), false, json!({"answered": false})),
    );
    assert!(lines(&a).contains(
        &"signpost alcohol.signpost_after_declining -> community_alcohol_service".to_string()
    ));
}

// ---------------------------------------------------------------- tobacco (§2.4)

#[test]
fn current_smoker_in_general_practice_gets_very_brief_advice_and_an_opt_in_referral() {
    let a = run(base_contact(), smoker());
    assert_eq!(
        lines(&a),
        [
            "referral tobacco.offer_stop_smoking_service -> stop_smoking_service routine",
            "advice tobacco.very_brief_advice",
            "record tobacco.record_smoker",
        ]
    );
    assert_eq!(a.plan[0].mode, Some(mecc::policy::ReferralMode::OptIn));
    assert_eq!(
        a.plan[0].code.as_ref().unwrap().snomed_ct.as_ref(),
        "871661000000106"
    );
    assert_eq!(
        a.plan[2].code.as_ref().unwrap().snomed_ct.as_ref(),
        "77176002"
    );
}

#[test]
fn inpatients_and_maternity_get_opt_out_referral() {
    for setting in ["hospital_inpatient", "maternity"] {
        let contact = with(base_contact(), json!({"setting": setting, "sex": "female"}));
        let a = run(contact, smoker());
        assert_eq!(
            lines(&a)[0],
            "referral tobacco.opt_out_referral -> tobacco_dependence_treatment routine",
            "{setting}"
        );
        assert_eq!(a.plan[0].mode, Some(mecc::policy::ReferralMode::OptOut));
        assert!(
            !lines(&a).iter().any(|l| l.contains("stop_smoking_service")),
            "{setting}: one referral only"
        );
    }
}

#[test]
fn pregnant_woman_who_stopped_last_week_gets_opt_out_referral() {
    let contact = with(base_contact(), json!({"sex": "female", "pregnant": "yes"}));
    let a = run(
        contact,
        smoking_status(
            json!({"ex_smoker": {"quit": {"days": 7}}}),
            json!("not_asked"),
        ),
    );
    assert_eq!(
        lines(&a),
        [
            "referral tobacco.opt_out_referral -> tobacco_dependence_treatment routine",
            "advice tobacco.very_brief_advice",
            "record tobacco.record_ex_smoker",
        ]
    );
}

#[test]
fn pregnant_non_smoker_with_co_5_is_referred_opt_out_and_helped_to_find_the_source() {
    let contact = with(
        base_contact(),
        json!({"sex": "female", "pregnant": "yes", "setting": "maternity"}),
    );
    let a = run(
        contact,
        smoking_status(json!("never_smoked"), json!({"answered": 5})),
    );
    assert_eq!(
        lines(&a),
        [
            "referral tobacco.co_pregnancy_referral -> tobacco_dependence_treatment routine",
            "advice tobacco.co_identify_source",
            "record tobacco.record_never_smoked",
        ]
    );
}

#[test]
fn pregnant_non_smoker_with_co_3_is_helped_to_find_the_source_only() {
    let contact = with(
        base_contact(),
        json!({"sex": "female", "pregnant": "yes", "setting": "maternity"}),
    );
    let a = run(
        contact,
        smoking_status(json!("never_smoked"), json!({"answered": 3})),
    );
    assert_eq!(
        lines(&a),
        [
            "advice tobacco.co_identify_source",
            "record tobacco.record_never_smoked"
        ]
    );
}

#[test]
fn non_smoker_with_co_above_10_gets_the_poisoning_alert_first() {
    let a = run(
        base_contact(),
        smoking_status(json!("never_smoked"), json!({"answered": 11})),
    );
    assert_eq!(
        lines(&a),
        [
            "safety_alert general.co_poisoning_alert",
            "record tobacco.record_never_smoked"
        ]
    );
    assert!(a.plan[0].text.contains("gas safety advice line"));
    let a = run(
        base_contact(),
        smoking_status(json!("never_smoked"), json!({"answered": 10})),
    );
    assert_eq!(lines(&a), ["record tobacco.record_never_smoked"]);
}

#[test]
fn pre_operative_assessment_frames_stopping_as_surgical_preparation() {
    let a = run(
        with(
            base_contact(),
            json!({"setting": "pre_operative_assessment"}),
        ),
        smoker(),
    );
    assert!(
        lines(&a).contains(&"advice tobacco.surgery_teachable_moment".to_string()),
        "{:?}",
        lines(&a)
    );
}

#[test]
fn ex_smokers_are_congratulated_and_recent_ones_offered_relapse_support() {
    let a = run(
        base_contact(),
        smoking_status(
            json!({"ex_smoker": {"quit": {"months": 6}}}),
            json!("not_asked"),
        ),
    );
    assert_eq!(
        lines(&a),
        [
            "advice tobacco.congratulate_ex_smoker",
            "record tobacco.record_ex_smoker",
            "signpost tobacco.relapse_prevention -> stop_smoking_service",
        ]
    );
    let a = run(
        base_contact(),
        smoking_status(
            json!({"ex_smoker": {"quit": {"years": 3}}}),
            json!("not_asked"),
        ),
    );
    assert_eq!(
        lines(&a),
        [
            "advice tobacco.congratulate_ex_smoker",
            "record tobacco.record_ex_smoker"
        ]
    );
}

#[test]
fn never_smoked_is_recorded_only() {
    let a = run(
        base_contact(),
        smoking_status(json!("never_smoked"), json!("not_asked")),
    );
    assert_eq!(lines(&a), ["record tobacco.record_never_smoked"]);
    assert_eq!(
        a.plan[0].code.as_ref().unwrap().snomed_ct.as_ref(),
        "266919005"
    );
}

// ---------------------------------------------------------------- weight (§3.4)

const WEIGHT_TAIL: [&str; 2] = ["ask weight.ask_permission", "record weight.record_bmi"];

fn with_tail(head: &[&str]) -> Vec<String> {
    head.iter()
        .chain(WEIGHT_TAIL.iter())
        .map(|s| s.to_string())
        .collect()
}

#[test]
fn underweight_gets_advice_and_a_signpost_to_the_gp() {
    let a = run(base_contact(), bmi(200.0, 72.0)); // 18.0
    assert_eq!(
        lines(&a),
        [
            "advice weight.underweight",
            "ask weight.ask_permission",
            "record weight.record_bmi",
            "signpost weight.underweight -> gp",
        ]
    );
}

#[test]
fn overweight_gets_brief_advice() {
    let a = run(base_contact(), bmi(200.0, 100.0)); // 25.0
    assert_eq!(lines(&a), with_tail(&["advice weight.overweight"]));
}

#[test]
fn obesity_without_conditions_is_offered_tier_2() {
    let a = run(base_contact(), bmi(200.0, 120.0)); // 30.0
    assert_eq!(
        lines(&a),
        with_tail(&[
            "referral weight.tier_2_referral -> tier_2_weight_management routine",
            "advice weight.obesity_advice"
        ])
    );
}

#[test]
fn obesity_with_diabetes_in_general_practice_goes_to_the_digital_programme_instead() {
    let mut contact = base_contact();
    contact["comorbidities"]["diabetes"] = json!({"type_2": {"diagnosed": {"years": 12}}});
    let a = run(contact, bmi(200.0, 120.0));
    assert_eq!(
        lines(&a),
        with_tail(&[
            "referral weight.digital_weight_management -> digital_weight_management routine",
            "advice weight.obesity_advice"
        ])
    );
}

#[test]
fn the_digital_programme_needs_every_criterion() {
    let obese = bmi(200.0, 120.0);
    let eligible = {
        let mut c = base_contact();
        c["comorbidities"]["hypertension"] = json!("yes");
        c
    };
    let first = |c: Value| lines(&run(c, obese.clone()))[0].clone();
    assert!(first(eligible.clone()).contains("digital_weight_management"));
    let mut c = eligible.clone();
    c["comorbidities"]["eating_disorder"] = json!("not_known");
    assert!(
        first(c).contains("tier_2"),
        "an eating disorder that is not known excludes"
    );
    let mut c = eligible.clone();
    c["comorbidities"]["bariatric_surgery"] = json!({"had": {"when": {"years": 1}}});
    assert!(
        first(c).contains("tier_2"),
        "bariatric surgery within 2 years excludes"
    );
    // "Within 2 years" is fewer than 2 whole years ago: 2 is outside it.
    for years in [2, 3] {
        let mut c = eligible.clone();
        c["comorbidities"]["bariatric_surgery"] = json!({"had": {"when": {"years": years}}});
        assert!(
            first(c).contains("digital_weight_management"),
            "bariatric surgery {years} years ago"
        );
    }
    assert!(
        first(with(eligible.clone(), json!({"setting": "dental"}))).contains("tier_2"),
        "referrers are GP and pharmacy"
    );
    assert!(
        first(with(
            eligible.clone(),
            json!({"setting": "community_pharmacy"})
        ))
        .contains("digital")
    );
    assert!(
        first(with(
            eligible.clone(),
            json!({"sex": "female", "pregnant": "not_known"})
        ))
        .contains("tier_2")
    );
}

#[test]
fn weight_loss_advice_when_pregnancy_is_not_known_asks_to_confirm_it_first() {
    // The BMI finding classifies a possible pregnancy as not pregnant and
    // records that pregnancy must be confirmed before weight-loss advice or
    // referral (CLINICAL-REFERENCE §0, §3.1); the plan must say so.
    let contact = with(
        base_contact(),
        json!({"sex": "female", "pregnant": "not_known", "age": 30}),
    );
    let a = run(contact, bmi(200.0, 120.0));
    assert!(
        lines(&a).contains(&"ask weight.confirm_not_pregnant".to_string()),
        "{:?}",
        lines(&a)
    );
    // Not asked when pregnancy is recorded, or for a man.
    for changes in [
        json!({"sex": "female", "pregnant": "no"}),
        json!({"sex": "male", "pregnant": "not_known"}),
    ] {
        let a = run(with(base_contact(), changes), bmi(200.0, 120.0));
        assert!(
            !lines(&a).iter().any(|l| l.contains("confirm_not_pregnant")),
            "{:?}",
            lines(&a)
        );
    }
    // Nor for a healthy weight, where there is no weight-loss advice.
    let a = run(
        with(
            base_contact(),
            json!({"sex": "female", "pregnant": "not_known"}),
        ),
        bmi(200.0, 88.0),
    );
    assert_eq!(lines(&a), ["record weight.record_bmi"]);
}

#[test]
fn pregnancy_gets_no_weight_loss_referral() {
    let contact = with(base_contact(), json!({"sex": "female", "pregnant": "yes"}));
    let a = run(contact, bmi(200.0, 140.0));
    assert_eq!(lines(&a), ["record weight.record_bmi"]);
}

#[test]
fn bmi_40_is_considered_for_specialist_assessment() {
    let a = run(base_contact(), bmi(200.0, 160.0)); // 40.0
    assert_eq!(
        lines(&a)[..2],
        [
            "referral weight.tier_2_referral -> tier_2_weight_management routine",
            "referral weight.specialist_assessment -> specialist_weight_management routine",
        ]
    );
}

#[test]
fn bmi_35_with_recent_type_2_diabetes_gets_expedited_assessment() {
    let mut c = with(base_contact(), json!({"setting": "hospital_outpatient"}));
    c["comorbidities"]["diabetes"] = json!({"type_2": {"diagnosed": {"years": 3}}});
    let a = run(c, bmi(200.0, 140.0)); // 35.0
    assert_eq!(
        lines(&a)[..2],
        [
            "referral weight.tier_2_referral -> tier_2_weight_management routine",
            "referral weight.expedited_bariatric_assessment -> specialist_weight_management routine",
        ]
    );
}

#[test]
fn type_2_diabetes_diagnosed_10_whole_years_ago_is_not_within_the_last_10_years() {
    // CLINICAL-REFERENCE §3.4: expedited assessment at BMI >= 35 with type 2
    // diabetes diagnosed in the last 10 years. `{"years": n}` means n whole
    // years ago, so 10 is at least 10 years: not within the last 10.
    let at = |years: u32| {
        let mut c = with(base_contact(), json!({"setting": "hospital_outpatient"}));
        c["comorbidities"]["diabetes"] = json!({"type_2": {"diagnosed": {"years": years}}});
        lines(&run(c, bmi(200.0, 140.0)))[1].clone() // 35.0
    };
    assert_eq!(
        at(9),
        "referral weight.expedited_bariatric_assessment -> specialist_weight_management routine"
    );
    assert_eq!(
        at(10),
        "referral weight.specialist_assessment -> specialist_weight_management routine"
    );
}

#[test]
fn type_2_diabetes_diagnosed_at_an_unknown_time_is_read_as_recent() {
    // CLINICAL-REFERENCE §3.4: when the diagnosis date is not known, the
    // expedited assessment is the conservative reading.
    let mut c = with(base_contact(), json!({"setting": "hospital_outpatient"}));
    c["comorbidities"]["diabetes"] = json!({"type_2": {"diagnosed": "not_known"}});
    assert_eq!(
        lines(&run(c, bmi(200.0, 140.0)))[1],
        "referral weight.expedited_bariatric_assessment -> specialist_weight_management routine"
    );
}

#[test]
fn adjusted_thresholds_make_bmi_28_obesity_for_a_south_asian_background() {
    let c = with(base_contact(), json!({"family_background": "south_asian"}));
    let a = run(c, bmi(200.0, 112.0)); // 28.0
    assert_eq!(
        lines(&a)[0],
        "referral weight.tier_2_referral -> tier_2_weight_management routine"
    );
    let a = run(base_contact(), bmi(200.0, 112.0));
    assert_eq!(lines(&a)[0], "advice weight.overweight");
}

// ---------------------------------------------------------------- activity (§4.3)

#[test]
fn inactive_without_a_condition_gets_advice_and_follow_up_but_no_exercise_referral() {
    let a = run(base_contact(), gppaq("sedentary", "none"));
    assert_eq!(
        lines(&a),
        [
            "advice activity.inactive",
            "record activity.record_index",
            "follow_up activity.inactive"
        ]
    );
}

#[test]
fn inactive_with_hypertension_is_offered_exercise_referral() {
    let mut c = base_contact();
    c["comorbidities"]["hypertension"] = json!("yes");
    let a = run(c, gppaq("sedentary", "none"));
    assert_eq!(
        lines(&a)[0],
        "referral activity.exercise_referral -> exercise_referral routine"
    );
}

#[test]
fn moderately_inactive_and_moderately_active_are_encouraged_to_build_up() {
    for (occupation, exercise) in [
        ("sedentary", "some_but_less_than_1"),
        ("standing", "some_but_less_than_1"),
    ] {
        let a = run(base_contact(), gppaq(occupation, exercise));
        assert_eq!(
            lines(&a),
            ["advice activity.build_up", "record activity.record_index"]
        );
    }
}

#[test]
fn active_is_affirmed() {
    let a = run(base_contact(), gppaq("heavy_manual", "none"));
    assert_eq!(
        lines(&a),
        ["advice activity.affirm", "record activity.record_index"]
    );
}

// ---------------------------------------------------------------- the engine (§6)

#[test]
fn short_time_turns_brief_advice_into_a_follow_up_and_drops_nothing() {
    let long = run(base_contact(), bmi(200.0, 100.0));
    let short = run(
        with(base_contact(), json!({"time_available": "very_brief"})),
        bmi(200.0, 100.0),
    );
    assert_eq!(long.plan.len(), short.plan.len());
    assert_eq!(
        lines(&short),
        [
            "ask weight.ask_permission",
            "record weight.record_bmi",
            "follow_up weight.overweight +needs_more_time"
        ]
    );
    assert_eq!(short.plan[2].text, long.plan[0].text);
}

#[test]
fn short_time_turns_advice_with_a_pathway_into_a_referral() {
    // A local rule asks for extended support that has a service behind it.
    let policy = local(json!({"id": "x", "version": "1", "add_rules": [{
        "id": "local.extended_weight_support", "source": "local commissioning (CLINICAL-REFERENCE §6.3)",
        "topic": "weight", "when": {"outcome": "bmi_overweight"},
        "actions": [{"kind": "signpost", "intensity": "extended", "text": "Talk through the local weight support offer.",
                     "pathway": "tier_2_weight_management", "mode": null, "urgency": null, "concept": null}]}]}));
    let a = run_with(
        &policy,
        with(base_contact(), json!({"time_available": "brief"})),
        bmi(200.0, 100.0),
    );
    assert!(
        lines(&a).contains(&"referral local.extended_weight_support -> tier_2_weight_management routine +needs_more_time".to_string()),
        "{:?}",
        lines(&a)
    );
}

#[test]
fn a_local_condition_that_repeats_a_value_still_matches_it() {
    // A hand-written overlay may list a setting or sex twice; the repeat must
    // neither cancel the value out nor change what the rule matches.
    let policy = local(json!({"id": "x", "version": "1", "add_rules": [{
        "id": "local.repeated_values", "source": "local commissioning (CLINICAL-REFERENCE §6.5)",
        "topic": "weight",
        "when": {"all": [{"outcome": "bmi_overweight"},
                         {"setting": ["general_practice", "general_practice"]},
                         {"sex": ["male", "male"]}]},
        "actions": [{"kind": "advice", "intensity": "very_brief", "text": "Local weight advice.",
                     "pathway": null, "mode": null, "urgency": null, "concept": null}]}]}));
    let fired = |contact: Value| {
        run_with(&policy, contact, bmi(180.0, 90.0))
            .plan
            .iter()
            .any(|x| x.reason.rule.as_ref() == "local.repeated_values")
    };
    assert!(fired(base_contact()));
    assert!(!fired(with(base_contact(), json!({"sex": "female"}))));
    assert!(!fired(with(
        base_contact(),
        json!({"setting": "community_pharmacy"})
    )));
}

#[test]
fn a_priority_group_condition_matches_its_groups_and_an_empty_list_matches_any() {
    let rule = |id: &str, groups: Value| {
        json!({"id": id, "source": "local commissioning (CLINICAL-REFERENCE §6.4)",
            "topic": "weight",
            "when": {"all": [{"outcome": "bmi_overweight"}, {"priority_group": groups}]},
            "actions": [{"kind": "advice", "intensity": "very_brief", "text": format!("Offer for {id}."),
                         "pathway": null, "mode": null, "urgency": null, "concept": null}]})
    };
    let policy = local(json!({"id": "x", "version": "1", "add_rules": [
        rule("local.any_group", json!([])),
        rule("local.homelessness", json!(["experiencing_homelessness"]))]}));
    let fired = |groups: Value| -> Vec<String> {
        run_with(
            &policy,
            with(base_contact(), json!({"priority_groups": groups})),
            bmi(180.0, 90.0),
        )
        .plan
        .iter()
        .map(|x| x.reason.rule.to_string())
        .filter(|r| r.starts_with("local."))
        .collect()
    };
    assert!(fired(json!([])).is_empty());
    assert_eq!(fired(json!(["severe_mental_illness"])), ["local.any_group"]);
    assert_eq!(
        fired(json!(["learning_disability", "experiencing_homelessness"])),
        ["local.any_group", "local.homelessness"]
    );
}

#[test]
fn an_overlay_can_add_a_local_service_and_a_rule_that_uses_it() {
    let policy = local(json!({"id": "x", "version": "1",
        "pathways": [{"id": "local_walking_group", "name": "Riverside walking group",
                      "exists_locally": true, "self_referral": true, "available_now": true,
                      "mode": "opt_in", "fallback": null}],
        "add_rules": [{"id": "local.walking_group", "source": "local commissioning (CLINICAL-REFERENCE §6.5)",
            "topic": "physical_activity", "when": {"outcome": "activity_inactive"},
            "actions": [{"kind": "signpost", "intensity": "very_brief", "text": "Join the walking group.",
                         "pathway": "local_walking_group", "mode": null, "urgency": null, "concept": null}]}]}));
    let a = run_with(&policy, base_contact(), gppaq("sedentary", "none"));
    let signpost = a
        .plan
        .iter()
        .find(|x| x.reason.rule.as_ref() == "local.walking_group")
        .unwrap();
    let pathway = signpost.pathway.as_ref().unwrap();
    assert_eq!(pathway.id.as_ref(), "local_walking_group");
    assert_eq!(pathway.name.as_ref(), "Riverside walking group");
}

#[test]
fn priority_groups_turn_signposts_into_active_referrals() {
    let c = with(
        base_contact(),
        json!({"priority_groups": ["severe_mental_illness"]}),
    );
    let a = run(
        c,
        smoking_status(
            json!({"ex_smoker": {"quit": {"months": 6}}}),
            json!("not_asked"),
        ),
    );
    let relapse = a
        .plan
        .iter()
        .find(|x| x.reason.rule.as_ref() == "tobacco.relapse_prevention")
        .unwrap();
    assert_eq!(relapse.kind, ActionKind::Referral);
    assert_eq!(relapse.urgency, Some(Urgency::Routine));
    assert!(
        relapse
            .reason
            .adjustments
            .contains(Adjustment::PriorityGroupActiveReferral)
    );
    assert!(!relapse.reason.adjustments.is_empty());
    assert_eq!(
        a.plan[0].reason.rule.as_ref(),
        "tobacco.relapse_prevention",
        "referrals come first"
    );
}

#[test]
fn a_service_without_self_referral_is_referred_to_not_signposted() {
    let policy = local(json!({"id": "x", "version": "1",
        "pathways": [{"id": "stop_smoking_service", "self_referral": false}]}));
    let a = run_with(
        &policy,
        base_contact(),
        smoking_status(
            json!({"ex_smoker": {"quit": {"months": 6}}}),
            json!("not_asked"),
        ),
    );
    assert_eq!(
        lines(&a)[0],
        "referral tobacco.relapse_prevention -> stop_smoking_service routine +no_self_referral"
    );
}

#[test]
fn an_absent_service_falls_back_and_an_exhausted_chain_becomes_a_follow_up() {
    let policy = local(json!({"id": "x", "version": "1",
        "pathways": [{"id": "tier_2_weight_management", "exists_locally": false}]}));
    let a = run_with(&policy, base_contact(), bmi(200.0, 120.0));
    let referral = &a.plan[0];
    assert_eq!(
        lines(&a)[0],
        "referral weight.tier_2_referral -> gp routine +fell_back_to_another_pathway"
    );
    assert_eq!(
        referral
            .reason
            .requested_pathway
            .as_ref()
            .unwrap()
            .id
            .as_ref(),
        "tier_2_weight_management"
    );
    assert!(
        referral.code.is_none(),
        "the weight-management code does not describe a GP referral"
    );

    let policy = local(json!({"id": "x", "version": "1", "pathways": [
        {"id": "tier_2_weight_management", "exists_locally": false},
        {"id": "gp", "exists_locally": false}]}));
    let a = run_with(&policy, base_contact(), bmi(200.0, 120.0));
    let kept = a
        .plan
        .iter()
        .find(|x| x.reason.rule.as_ref() == "weight.tier_2_referral")
        .unwrap();
    assert_eq!(kept.kind, ActionKind::FollowUp);
    assert!(kept.pathway.is_none());
    assert!(kept.reason.adjustments.contains(Adjustment::NoLocalService));
}

#[test]
fn referrals_that_differ_only_in_mode_are_both_kept() {
    // A local rule makes the stop smoking referral opt-out for people with a
    // severe mental illness, with the same wording as the national opt-in
    // one. Merging the two as duplicates would silently drop the opt-out
    // (CLINICAL-REFERENCE §6.4, §6.5).
    let policy = local(json!({"id": "x", "version": "1", "add_rules": [{
        "id": "local.smi_opt_out", "source": "local commissioning (CLINICAL-REFERENCE §6.4)",
        "topic": "tobacco",
        "when": {"all": [{"outcome": "current_smoker"}, {"priority_group": ["severe_mental_illness"]}]},
        "actions": [{"kind": "referral", "intensity": "very_brief",
                     "text": "Offer a referral to the local stop smoking service, and refer them if they accept.",
                     "pathway": "stop_smoking_service", "mode": "opt_out", "urgency": "routine",
                     "concept": "referral_to_smoking_cessation_service"}]}]}));
    let c = with(
        base_contact(),
        json!({"priority_groups": ["severe_mental_illness"]}),
    );
    let a = run_with(&policy, c, smoker());
    let modes: Vec<_> = a
        .plan
        .iter()
        .filter(|x| x.kind == ActionKind::Referral)
        .map(|x| (x.reason.rule.to_string(), x.mode))
        .collect();
    assert_eq!(
        modes,
        [
            (
                "tobacco.offer_stop_smoking_service".to_string(),
                Some(ReferralMode::OptIn)
            ),
            ("local.smi_opt_out".to_string(), Some(ReferralMode::OptOut)),
        ]
    );
}

#[test]
fn identical_actions_from_two_rules_are_merged_with_both_reasons() {
    // The same advice from a second rule adds its outcomes to the first.
    let policy = local(json!({"id": "x", "version": "1", "add_rules": [{
        "id": "local.smoker_leaflet_again", "source": "local (CLINICAL-REFERENCE §6.2)",
        "topic": "tobacco", "when": {"outcome": "current_vaper"},
        "actions": [{"kind": "advice", "intensity": "very_brief",
                     "text": "Advise that the most effective way to stop smoking is with support from a stop smoking service together with stop-smoking medicines, including nicotine replacement therapy and, as an option, a nicotine vape.",
                     "pathway": null, "mode": null, "urgency": null, "concept": null}]}]}));
    let mut answers = smoker();
    answers["smoking"]["vaping"] = json!({"answered": "current"});
    let a = run_with(&policy, base_contact(), answers);
    let advice: Vec<_> = a
        .plan
        .iter()
        .filter(|x| x.kind == ActionKind::Advice)
        .collect();
    assert_eq!(advice.len(), 1, "{:?}", lines(&a));
    assert!(advice[0].reason.relied_on.contains(Outcome::CurrentVaper));
    assert!(advice[0].reason.relied_on.contains(Outcome::CurrentSmoker));
}

#[test]
fn now_becomes_within_24_hours_when_a_rule_asks_for_an_unavailable_service() {
    let policy = local(json!({"id": "x", "version": "1",
        "pathways": [{"id": "alcohol_liaison", "available_now": false}],
        "replace_rules": [{
            "id": "alcohol.specialist_now", "source": "local (CLINICAL-REFERENCE §1.5)", "topic": "alcohol",
            "when": {"all": [{"outcome": "pat_positive"}, {"outcome": "pat_willing_to_see_specialist"}]},
            "actions": [{"kind": "referral", "intensity": "very_brief", "text": "See the alcohol worker now.",
                         "pathway": "alcohol_liaison", "mode": "opt_in", "urgency": "now", "concept": null}]}]}));
    let a = run_with(&policy, ed_contact(), pat(12.0, weekly(2), false, yes()));
    assert!(
        lines(&a).contains(&"referral alcohol.specialist_now -> alcohol_liaison within_24_hours +not_available_now".to_string()),
        "{:?}",
        lines(&a)
    );
}

#[test]
fn a_full_contact_is_ordered_safety_referrals_advice_then_the_rest() {
    let mut answers = pat(10.0, json!({"answered": "every_day"}), false, yes());
    answers["smoking"] = smoker()["smoking"].clone();
    answers["bmi"] = bmi(200.0, 120.0)["bmi"].clone();
    answers["activity"] = gppaq("sedentary", "none")["activity"].clone();
    let a = run(
        with(
            base_contact(),
            json!({"setting": "emergency_department", "presenting_condition": "collapse"}),
        ),
        answers,
    );
    let ranks: Vec<u8> = a.plan.iter().map(|x| x.kind.rank()).collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted);
    assert_eq!(a.plan[0].kind, ActionKind::SafetyAlert);
    // Ties keep the policy's rule order.
    let doc = PolicyDocument::national_default().unwrap();
    let position = |id: &str| doc.rules.iter().position(|r| r.id == id).unwrap();
    for pair in a.plan.windows(2) {
        if pair[0].kind.rank() == pair[1].kind.rank() {
            assert!(
                position(&pair[0].reason.rule) <= position(&pair[1].reason.rule),
                "{:?}",
                lines(&a)
            );
        }
    }
    assert_eq!(a.policy.id.as_ref(), "mecc-national-default");
    assert_eq!(a.mecc_version.as_ref(), env!("CARGO_PKG_VERSION"));
}

#[test]
fn answers_that_contradict_the_contact_are_refused() {
    let contact = serde_json::from_value(with(base_contact(), json!({"age": 30}))).unwrap();
    let mut answers = smoker();
    answers["smoking"]["status"]["current_smoker"]["years_smoked"] = json!({"answered": 40});
    let answers: Answers = serde_json::from_value(answers).unwrap();
    let err = assess(&contact, &answers, &Policy::national_default().unwrap()).unwrap_err();
    assert!(err.is_inconsistent());
    assert!(err.to_string().starts_with("years_smoked is 40"), "{err}");
}

#[test]
fn a_smoker_who_may_be_pregnant_with_co_4_or_more_gets_opt_out_referral() {
    // Pregnancy not known is read as possibly pregnant (CLINICAL-REFERENCE §2.3, §0).
    let contact = with(
        base_contact(),
        json!({"sex": "female", "pregnant": "not_known", "age": 30}),
    );
    let mut answers = smoker();
    answers["smoking"]["co_ppm"] = json!({"answered": 4});
    let a = run(contact.clone(), answers.clone());
    assert_eq!(
        lines(&a)[0],
        "referral tobacco.opt_out_referral -> tobacco_dependence_treatment routine"
    );
    assert!(
        a.plan[0]
            .reason
            .relied_on
            .contains(Outcome::CoPregnancyReferral)
    );
    answers["smoking"]["co_ppm"] = json!({"answered": 3});
    let a = run(contact, answers);
    assert_eq!(
        lines(&a)[0],
        "referral tobacco.offer_stop_smoking_service -> stop_smoking_service routine"
    );
}

// Hazard H13: a result recorded against the wrong (stale) policy version.
#[test]
fn an_assessment_records_the_policy_and_crate_that_made_it() {
    let national = run(base_contact(), smoker());
    assert_eq!(national.policy.id.as_ref(), "mecc-national-default");
    assert_eq!(
        national.policy.version.as_ref(),
        PolicyDocument::national_default().unwrap().version
    );
    assert!(national.policy.based_on.is_none());
    assert_eq!(national.mecc_version.as_ref(), env!("CARGO_PKG_VERSION"));
    let policy = local(json!({"id": "riverside", "version": "2026.2"}));
    let a = run_with(&policy, base_contact(), smoker());
    assert_eq!(
        (a.policy.id.as_ref(), a.policy.version.as_ref()),
        ("riverside", "2026.2")
    );
    let base = a.policy.based_on.as_ref().unwrap();
    assert_eq!(
        (base.id.as_str(), base.version.as_str()),
        ("mecc-national-default", national.policy.version.as_ref())
    );
}

// ---------------------------------------------------------------- AUDIT-C, AUDIT, FAST (§5.2–§5.4)

fn audit(c: [&str; 3], rest: Option<[&str; 7]>) -> Value {
    let items = [
        "unable_to_stop",
        "failed_expectations",
        "morning_drink",
        "guilt",
        "memory_loss",
        "injury",
        "others_concerned",
    ];
    let mut a = json!({"audit_c": {
        "frequency": {"answered": c[0]},
        "typical_day": {"answered": {"band": c[1]}},
        "heavy_drinking": {"answered": c[2]}}});
    for (i, item) in items.iter().enumerate() {
        a[item] = match rest {
            Some(r) => json!({"answered": r[i]}),
            None => json!("not_asked"),
        };
    }
    json!({"audit": a})
}

const C_POSITIVE: [&str; 3] = ["two_to_three_times_per_week", "three_to_four", "monthly"]; // 3 + 1 + 2 = 6
const C_NEGATIVE: [&str; 3] = ["monthly_or_less", "three_to_four", "less_than_monthly"]; // 1 + 1 + 1 = 3
// Items 4–10 adding 0, 6, 12 and 14 to AUDIT-C 6: totals 6, 12, 18 and 20.
const REST_0: [&str; 7] = ["never", "never", "never", "never", "never", "no", "no"];
const REST_6: [&str; 7] = [
    "monthly", "monthly", "never", "monthly", "never", "no", "no",
];
const REST_12: [&str; 7] = [
    "monthly",
    "monthly",
    "never",
    "monthly",
    "never",
    "yes_during_the_last_year",
    "yes_but_not_in_the_last_year",
];
const REST_14: [&str; 7] = [
    "weekly",
    "weekly",
    "monthly",
    "monthly",
    "never",
    "yes_during_the_last_year",
    "no",
];

#[test]
fn a_positive_audit_c_asks_for_the_rest_of_the_audit() {
    let a = run(base_contact(), audit(C_POSITIVE, None));
    assert_eq!(
        lines(&a),
        [
            "record alcohol.record_audit_c",
            "ask alcohol.audit_ask_remaining",
            "follow_up alcohol.audit_ask_remaining"
        ]
    );
    assert_eq!(
        a.plan[0].code.as_ref().unwrap().snomed_ct.as_ref(),
        "763256006"
    );
}

#[test]
fn a_negative_audit_c_gets_positive_feedback() {
    let a = run(base_contact(), audit(C_NEGATIVE, None));
    assert_eq!(
        lines(&a),
        [
            "advice alcohol.audit_positive_feedback",
            "record alcohol.record_audit_c"
        ]
    );
}

#[test]
fn audit_lower_risk_gets_positive_feedback() {
    let a = run(base_contact(), audit(C_POSITIVE, Some(REST_0)));
    assert_eq!(a.findings.audit.unwrap().total, 6);
    assert_eq!(
        lines(&a),
        [
            "advice alcohol.audit_positive_feedback",
            "record alcohol.record_audit_c"
        ]
    );
}

#[test]
fn audit_increasing_risk_gets_brief_advice() {
    let a = run(base_contact(), audit(C_POSITIVE, Some(REST_6)));
    assert_eq!(a.findings.audit.unwrap().total, 12);
    assert_eq!(
        lines(&a),
        [
            "advice alcohol.audit_brief_advice",
            "record alcohol.record_audit_c",
            "leaflet alcohol.screening_leaflet"
        ]
    );
}

#[test]
fn audit_higher_risk_gets_an_extended_intervention_when_time_allows_otherwise_a_follow_up() {
    let a = run(base_contact(), audit(C_POSITIVE, Some(REST_12)));
    assert_eq!(a.findings.audit.unwrap().total, 18);
    assert_eq!(
        lines(&a),
        [
            "advice alcohol.audit_extended_brief_intervention",
            "record alcohol.record_audit_c",
            "leaflet alcohol.screening_leaflet"
        ]
    );
    let a = run(
        with(base_contact(), json!({"time_available": "brief"})),
        audit(C_POSITIVE, Some(REST_12)),
    );
    assert_eq!(
        lines(&a),
        [
            "advice alcohol.audit_brief_advice",
            "record alcohol.record_audit_c",
            "follow_up alcohol.audit_extended_brief_intervention +needs_more_time",
            "leaflet alcohol.screening_leaflet"
        ]
    );
}

#[test]
fn audit_possible_dependence_is_referred_with_the_safety_alert_and_no_brief_intervention_alone() {
    let a = run(base_contact(), audit(C_POSITIVE, Some(REST_14)));
    assert_eq!(a.findings.audit.unwrap().total, 20);
    assert_eq!(
        lines(&a),
        [
            "safety_alert alcohol.possible_dependence_alert",
            "referral alcohol.audit_specialist_referral -> community_alcohol_service routine",
            "advice alcohol.brief_advice_possible_dependence",
            "record alcohol.record_audit_c",
            "leaflet alcohol.screening_leaflet"
        ]
    );
}

#[test]
fn pat_and_audit_together_do_not_repeat_advice() {
    let mut answers = pat(12.0, weekly(2), false, yes());
    answers["audit"] = audit(C_POSITIVE, Some(REST_6))["audit"].clone();
    let a = run(ed_contact(), answers);
    let advice: Vec<_> = a
        .plan
        .iter()
        .filter(|x| x.kind == ActionKind::Advice)
        .map(|x| x.reason.rule.to_string())
        .collect();
    assert_eq!(advice, ["alcohol.brief_advice"]);
    let leaflets: Vec<_> = a
        .plan
        .iter()
        .filter(|x| x.kind == ActionKind::Leaflet)
        .collect();
    assert_eq!(
        leaflets.len(),
        1,
        "one leaflet, relied on by both instruments"
    );
    assert!(leaflets[0].reason.relied_on.contains(Outcome::PatPositive));
    assert!(
        leaflets[0]
            .reason
            .relied_on
            .contains(Outcome::AuditIncreasingRisk)
    );
}

fn fast_answers(q: [&str; 4]) -> Value {
    json!({"fast": {
        "heavy_drinking": {"answered": q[0]},
        "failed_expectations": if q[1].is_empty() { json!("not_asked") } else { json!({"answered": q[1]}) },
        "memory_loss": if q[2].is_empty() { json!("not_asked") } else { json!({"answered": q[2]}) },
        "others_concerned": if q[3].is_empty() { json!("not_asked") } else { json!({"answered": q[3]}) }
    }})
}

#[test]
fn fast_positive_gets_brief_advice_and_a_leaflet_and_negative_gets_nothing() {
    let a = run(base_contact(), fast_answers(["weekly", "", "", ""]));
    assert_eq!(
        lines(&a),
        [
            "advice alcohol.fast_brief_advice",
            "leaflet alcohol.screening_leaflet"
        ]
    );
    let a = run(base_contact(), fast_answers(["never", "", "", ""]));
    assert!(a.plan.is_empty(), "{:?}", lines(&a));
}

#[test]
fn a_deferral_stays_a_deferral_however_short_the_contact() {
    let policy = local(json!({"id": "x", "version": "1", "replace_rules": [{
        "id": "alcohol.defer_while_intoxicated", "source": "local (CLINICAL-REFERENCE §1.5, §6.3)", "topic": "alcohol",
        "when": {"all": [{"outcome": "pat_positive"}, {"intoxicated": ["yes"]}]},
        "actions": [{"kind": "defer", "intensity": "brief", "text": "Do not give advice while intoxicated.",
                     "pathway": null, "mode": null, "urgency": null, "concept": null}]}]}));
    let a = run_with(
        &policy,
        with(ed_contact(), json!({"intoxicated": "yes"})),
        pat(12.0, weekly(2), false, yes()),
    );
    assert!(
        lines(&a).contains(&"defer alcohol.defer_while_intoxicated".to_string()),
        "{:?}",
        lines(&a)
    );
}
