//! Policy validation: one test per diagnostic code, each seeding one defect
//! into the national default policy and expecting exactly that code.
mod common;

use mecc::outcome::Outcome;
use mecc::policy::*;
use serde_json::{Value, json};

fn base() -> Value {
    serde_json::from_str(NATIONAL_DEFAULT_JSON).unwrap()
}

fn diagnostics(doc: Value) -> Vec<Diagnostic> {
    match Policy::from_json(&doc.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics().to_vec(),
    }
}

fn codes(doc: Value) -> Vec<DiagnosticCode> {
    diagnostics(doc).into_iter().map(|d| d.code).collect()
}

/// Records overrides of the protected safety rules, for tests that change them
/// to exercise something else.
fn allow_safety_changes(doc: &mut Value) {
    doc["safety_overrides"] = PROTECTED_RULES
        .iter()
        .map(|id| json!({"rule_id": id, "reason": "test of another check", "approved_by": "test"}))
        .collect();
}

fn rule_mut<'a>(doc: &'a mut Value, id: &str) -> &'a mut Value {
    doc["rules"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

fn pathway_mut<'a>(doc: &'a mut Value, id: &str) -> &'a mut Value {
    doc["pathways"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no pathway {id}"))
}

#[test]
fn the_national_default_has_no_diagnostics() {
    let doc = PolicyDocument::national_default().unwrap();
    assert_eq!(Policy::check(&doc), Vec::<Diagnostic>::new());
}

#[test]
fn every_rule_in_the_national_default_cites_a_source() {
    let doc = PolicyDocument::national_default().unwrap();
    assert!(doc.rules.len() >= 30);
    for rule in &doc.rules {
        assert!(
            rule.source.contains("CLINICAL-REFERENCE")
                || rule.source.contains("clinical reference"),
            "rule {} does not cite the clinical reference section: {}",
            rule.id,
            rule.source
        );
    }
}

#[test]
fn malformed_document() {
    let d = diagnostics(json!({"id": "x"}));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, DiagnosticCode::MalformedDocument);
    assert!(
        d[0].message.contains("version is missing"),
        "{}",
        d[0].message
    );
    let err = Policy::from_json(&json!({"id": "x"}).to_string()).unwrap_err();
    assert_eq!(err.pointer(), Some("/version"));
    let d = Policy::from_json("not json").unwrap_err();
    assert_eq!(d.diagnostics()[0].code, DiagnosticCode::MalformedDocument);
}

#[test]
fn missing_identity() {
    let mut doc = base();
    doc["version"] = json!(" ");
    assert_eq!(codes(doc), vec![DiagnosticCode::MissingIdentity]);
}

#[test]
fn duplicate_pathway_id() {
    let mut doc = base();
    let copy = doc["pathways"][0].clone();
    doc["pathways"].as_array_mut().unwrap().push(copy);
    let d = diagnostics(doc);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, DiagnosticCode::DuplicatePathwayId);
    assert_eq!(d[0].pathway_id.as_deref(), Some("alcohol_liaison"));
}

#[test]
fn duplicate_rule_id() {
    let mut doc = base();
    let copy = rule_mut(&mut doc, "alcohol.offer_specialist").clone();
    doc["rules"].as_array_mut().unwrap().push(copy);
    let d = diagnostics(doc);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, DiagnosticCode::DuplicateRuleId);
    assert_eq!(d[0].rule_id.as_deref(), Some("alcohol.offer_specialist"));
    assert_eq!(
        d[0].to_string(),
        "duplicate_rule_id in rule alcohol.offer_specialist: rule id alcohol.offer_specialist is used more than once; give each rule its own id"
    );
}

#[test]
fn unknown_pathway_in_an_action_and_in_a_condition() {
    let mut doc = base();
    rule_mut(&mut doc, "tobacco.offer_stop_smoking_service")["actions"][0]["pathway"] =
        json!("quit_line");
    rule_mut(&mut doc, "alcohol.leaflet")["when"] = json!({"kind": "all", "value": [{"kind": "outcome", "value": "pat_positive"}, {"kind": "pathway_exists", "value": "nowhere"}]});
    let d = diagnostics(doc);
    let unknown: Vec<_> = d
        .iter()
        .filter(|d| d.code == DiagnosticCode::UnknownPathway)
        .collect();
    assert_eq!(unknown.len(), 2, "{d:?}");
    assert!(unknown[0].message.contains("nowhere"));
    assert!(unknown[1].message.contains("quit_line"));
    // The unknown pathway is the problem; the condition is not also reported
    // as one that can never hold.
    assert_eq!(d.len(), 2, "{d:?}");
}

#[test]
fn unknown_fallback() {
    let mut doc = base();
    pathway_mut(&mut doc, "gp")["fallback"] = json!("nhs_111");
    let d = diagnostics(doc);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, DiagnosticCode::UnknownFallback);
    assert!(d[0].message.contains("nhs_111"));
}

#[test]
fn fallback_cycle() {
    let mut doc = base();
    pathway_mut(&mut doc, "gp")["fallback"] = json!("social_prescribing");
    pathway_mut(&mut doc, "gp")["exists_locally"] = json!(false);
    pathway_mut(&mut doc, "social_prescribing")["exists_locally"] = json!(false);
    let c = codes(doc);
    assert!(c.contains(&DiagnosticCode::FallbackCycle), "{c:?}");
}

#[test]
fn fallback_cycle_between_services_that_exist() {
    // Which services exist is local configuration; a cycle is a defect even
    // while every pathway on it exists, or the first overlay that marks them
    // absent would fail.
    let mut doc = base();
    pathway_mut(&mut doc, "gp")["fallback"] = json!("social_prescribing");
    let d = diagnostics(doc);
    let cycles: Vec<_> = d
        .iter()
        .filter(|d| d.code == DiagnosticCode::FallbackCycle)
        .map(|d| d.pathway_id.as_deref().unwrap())
        .collect();
    // Reported by the two pathways on the cycle, not by every pathway whose
    // chain runs into it.
    assert_eq!(cycles, ["social_prescribing", "gp"], "{d:?}");
    assert_eq!(d.len(), 2, "{d:?}");
}

#[test]
fn missing_source() {
    let mut doc = base();
    rule_mut(&mut doc, "alcohol.leaflet")["source"] = json!("");
    assert_eq!(codes(doc), vec![DiagnosticCode::MissingSource]);
}

#[test]
fn rule_without_actions() {
    let mut doc = base();
    rule_mut(&mut doc, "activity.affirm")["actions"] = json!([]);
    assert_eq!(codes(doc), vec![DiagnosticCode::RuleWithoutActions]);
}

#[test]
fn pathway_mismatch() {
    let mut doc = base();
    rule_mut(&mut doc, "tobacco.relapse_prevention")["actions"][0]["pathway"] = json!(null);
    assert_eq!(codes(doc), vec![DiagnosticCode::PathwayMismatch]);
}

#[test]
fn pathway_on_an_action_that_goes_nowhere() {
    // Only referrals and signposts name a pathway. A safety alert naming one
    // would become a follow-up at the end of the plan when the service is
    // absent (CLINICAL-REFERENCE §6.2, §6.5).
    let mut doc = base();
    allow_safety_changes(&mut doc);
    rule_mut(&mut doc, "alcohol.possible_dependence_alert")["actions"][0]["pathway"] = json!("gp");
    let d = diagnostics(doc);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, DiagnosticCode::PathwayMismatch);
    assert_eq!(
        d[0].to_string(),
        "pathway_mismatch in rule alcohol.possible_dependence_alert: rule alcohol.possible_dependence_alert gives pathway gp to a SafetyAlert action; only referrals and signposts name a pathway"
    );
}

#[test]
fn referral_fields_mismatch() {
    let mut doc = base();
    rule_mut(&mut doc, "alcohol.leaflet")["actions"][0]["urgency"] = json!("now");
    rule_mut(&mut doc, "weight.tier_2_referral")["actions"][0]["urgency"] = json!(null);
    assert_eq!(
        codes(doc),
        vec![
            DiagnosticCode::ReferralFieldsMismatch,
            DiagnosticCode::ReferralFieldsMismatch
        ]
    );
}

#[test]
fn empty_text() {
    let mut doc = base();
    rule_mut(&mut doc, "alcohol.leaflet")["actions"][0]["text"] = json!("  ");
    assert_eq!(codes(doc), vec![DiagnosticCode::EmptyText]);
}

#[test]
fn condition_never_holds() {
    let contradictions = [
        json!({"kind": "all", "value": [{"kind": "setting", "value": ["dental"]}, {"kind": "setting", "value": ["maternity"]}]}),
        json!({"kind": "any", "value": []}),
        json!({"kind": "setting", "value": []}),
        json!({"kind": "all", "value": [{"kind": "outcome", "value": "bmi_overweight"}, {"kind": "outcome", "value": "bmi_underweight"}]}),
        json!({"kind": "all", "value": [{"kind": "age_at_least", "value": 65}, {"kind": "age_below", "value": 18}]}),
        json!({"kind": "all", "value": [{"kind": "sex", "value": ["male"]}, {"kind": "pregnant", "value": ["yes"]}]}),
        json!({"kind": "not", "value": {"kind": "always"}}),
        // An empty list of values matches nothing, whichever field it reads.
        json!({"kind": "any_outcome", "value": []}),
        json!({"kind": "pregnant", "value": []}),
        json!({"kind": "intoxicated", "value": []}),
        json!({"kind": "sex", "value": []}),
        json!({"kind": "diabetes", "value": []}),
        json!({"kind": "hypertension", "value": []}),
        json!({"kind": "eating_disorder", "value": []}),
        // No age is below 0 or above 120 (the contact's limit).
        json!({"kind": "age_below", "value": 0}),
        json!({"kind": "age_at_least", "value": 121}),
        // The same field required to take two values that do not overlap.
        json!({"kind": "all", "value": [{"kind": "pregnant", "value": ["yes"]}, {"kind": "pregnant", "value": ["no", "not_known"]}]}),
        json!({"kind": "all", "value": [{"kind": "intoxicated", "value": ["yes"]}, {"kind": "intoxicated", "value": ["no"]}]}),
        json!({"kind": "all", "value": [{"kind": "sex", "value": ["female"]}, {"kind": "sex", "value": ["male", "not_known"]}]}),
        json!({"kind": "all", "value": [{"kind": "diabetes", "value": ["type_1"]}, {"kind": "diabetes", "value": ["type_2"]}]}),
        json!({"kind": "all", "value": [{"kind": "hypertension", "value": ["yes"]}, {"kind": "hypertension", "value": ["not_known"]}]}),
        json!({"kind": "all", "value": [{"kind": "eating_disorder", "value": ["no"]}, {"kind": "eating_disorder", "value": ["diagnosed"]}]}),
        json!({"kind": "all", "value": [{"kind": "age_at_least", "value": 40}, {"kind": "age_below", "value": 40}]}),
        // Two lists of outcomes from one exclusive group that share none.
        json!({"kind": "all", "value": [{"kind": "any_outcome", "value": ["bmi_overweight", "bmi_obesity_class_1"]},
                       {"kind": "any_outcome", "value": ["bmi_underweight", "bmi_healthy_weight"]}]}),
    ];
    for (i, when) in contradictions.into_iter().enumerate() {
        let mut doc = base();
        let mut rule = rule_mut(&mut doc, "alcohol.leaflet").clone();
        rule["id"] = json!(format!("local.never_{i}"));
        rule["when"] = when.clone();
        doc["rules"].as_array_mut().unwrap().push(rule);
        let d = diagnostics(doc);
        assert_eq!(d.len(), 1, "{when}: {d:?}");
        assert_eq!(d[0].code, DiagnosticCode::ConditionNeverHolds, "{when}");
        assert_eq!(
            d[0].rule_id.as_deref(),
            Some(format!("local.never_{i}").as_str())
        );
    }
}

#[test]
fn a_satisfiable_condition_is_not_reported() {
    let satisfiable = [
        json!({"kind": "all", "value": [{"kind": "outcome", "value": "bmi_overweight"}, {"kind": "any_outcome", "value": ["bmi_overweight", "bmi_underweight"]}, {"kind": "age_at_least", "value": 18}, {"kind": "age_below", "value": 19}]}),
        // The edges of the contact's age range, 0 to 120, can be met.
        json!({"kind": "age_at_least", "value": 120}),
        json!({"kind": "age_below", "value": 1}),
        json!({"kind": "all", "value": [{"kind": "age_at_least", "value": 39}, {"kind": "age_below", "value": 40}]}),
        json!({"kind": "all", "value": [{"kind": "intoxicated", "value": ["yes", "not_known"]}, {"kind": "intoxicated", "value": ["not_known"]}]}),
        // Men can be recorded as not pregnant, and women as pregnant.
        json!({"kind": "all", "value": [{"kind": "sex", "value": ["male"]}, {"kind": "pregnant", "value": ["no", "not_known"]}]}),
        json!({"kind": "all", "value": [{"kind": "sex", "value": ["female"]}, {"kind": "pregnant", "value": ["yes"]}]}),
        // Outcomes from different groups, or lists that overlap, can meet.
        json!({"kind": "all", "value": [{"kind": "any_outcome", "value": ["bmi_overweight", "current_smoker"]}, {"kind": "outcome", "value": "bmi_underweight"}]}),
        json!({"kind": "all", "value": [{"kind": "any_outcome", "value": ["bmi_overweight", "bmi_obesity_class_1"]},
                       {"kind": "any_outcome", "value": ["bmi_obesity_class_1", "bmi_underweight"]}]}),
    ];
    for when in satisfiable {
        let mut doc = base();
        let mut rule = rule_mut(&mut doc, "alcohol.leaflet").clone();
        rule["id"] = json!("local.fine");
        rule["when"] = when.clone();
        doc["rules"].as_array_mut().unwrap().push(rule);
        assert_eq!(codes(doc), vec![], "{when}");
    }
}

#[test]
fn a_condition_on_local_service_state_is_not_a_defect() {
    // The GP is never "available now" in the default policy, but that is local
    // configuration that an overlay may change, not a contradiction.
    let mut doc = base();
    let mut rule = rule_mut(&mut doc, "alcohol.leaflet").clone();
    rule["id"] = json!("local.gp_now");
    rule["when"] = json!({"kind": "all", "value": [{"kind": "outcome", "value": "pat_positive"}, {"kind": "pathway_available_now", "value": "gp"}]});
    doc["rules"].as_array_mut().unwrap().push(rule);
    assert_eq!(codes(doc), vec![]);
}

#[test]
fn uncovered_outcome() {
    let mut doc = base();
    doc["rules"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["id"] != "weight.underweight");
    let d = diagnostics(doc.clone());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, DiagnosticCode::UncoveredOutcome);
    assert!(
        d[0].message
            .starts_with("no rule acts on outcome bmi_underweight"),
        "{}",
        d[0].message
    );

    // Saying so explicitly is accepted.
    doc["no_action"] = json!([{"outcome": "bmi_underweight", "reason": "handled by the local eating-disorder pathway outside this policy"}]);
    assert_eq!(codes(doc), vec![]);
}

#[test]
fn coverage_checks_every_setting() {
    // Restricting smoking advice to general practice leaves other settings uncovered.
    let mut doc = base();
    for id in [
        "tobacco.very_brief_advice",
        "tobacco.offer_stop_smoking_service",
        "tobacco.opt_out_referral",
    ] {
        let when = rule_mut(&mut doc, id)["when"].clone();
        rule_mut(&mut doc, id)["when"] = json!({"kind": "all", "value": [when, {"kind": "setting", "value": ["general_practice"]}]});
    }
    let d = diagnostics(doc);
    assert!(
        d.iter()
            .any(|d| d.code == DiagnosticCode::UncoveredOutcome
                && d.message.contains("current_smoker")),
        "{d:?}"
    );
}

/// The national default with `extra` added to the condition of each rule
/// acting on current smokers.
fn smoking_rules_restricted_by(extra: Value) -> Value {
    let mut doc = base();
    for id in [
        "tobacco.very_brief_advice",
        "tobacco.offer_stop_smoking_service",
        "tobacco.opt_out_referral",
        "tobacco.surgery_teachable_moment",
    ] {
        let when = rule_mut(&mut doc, id)["when"].clone();
        rule_mut(&mut doc, id)["when"] = json!({"kind": "all", "value": [when, extra.clone()]});
    }
    doc
}

/// The diagnostics that report current smokers as uncovered.
fn uncovered_current_smoker(d: &[Diagnostic]) -> Vec<&Diagnostic> {
    d.iter()
        .filter(|d| {
            d.code == DiagnosticCode::UncoveredOutcome && d.message.contains("current_smoker")
        })
        .collect()
}

/// Asserts that restricting the smoking rules by `extra` leaves exactly one
/// gap for current smokers, and that its message mentions `gap`.
fn assert_smoker_gap(extra: Value, gap: &str) {
    let d = diagnostics(smoking_rules_restricted_by(extra.clone()));
    let uncovered = uncovered_current_smoker(&d);
    assert_eq!(uncovered.len(), 1, "{extra}: {d:?}");
    assert!(
        uncovered[0].message.contains(gap),
        "{extra}: {}",
        uncovered[0].message
    );
}

#[test]
fn coverage_checks_sex_age_conditions_and_what_else_is_found() {
    // Each restriction leaves some smokers with nothing: men, people of 65 and
    // over, people with hypertension, smokers who also vape.
    for (extra, gap) in [
        (
            json!({"kind": "sex", "value": ["female", "not_known"]}),
            "sex Male",
        ),
        (json!({"kind": "age_below", "value": 65}), "age 65"),
        (
            json!({"kind": "hypertension", "value": ["no", "not_known"]}),
            "hypertension: Yes",
        ),
        (
            json!({"kind": "not", "value": {"kind": "outcome", "value": "current_vaper"}}),
            "with current_vaper",
        ),
    ] {
        assert_smoker_gap(extra, gap);
    }
    // Coverage checks an age in each band (CLINICAL-REFERENCE §8), so rules
    // written only for people of 16 and over leave children out.
    assert_smoker_gap(json!({"kind": "age_at_least", "value": 16}), "age 12");
    assert_smoker_gap(
        json!({"kind": "age_band", "value": ["young_person", "adult"]}),
        "age 12",
    );
    // A restriction that leaves no one out is accepted.
    let d = diagnostics(smoking_rules_restricted_by(
        json!({"kind": "age_band", "value": ["child", "young_person", "adult"]}),
    ));
    assert_eq!(d, vec![]);
}

#[test]
fn coverage_combines_outcomes_tested_under_not_even_beside_many_tested_positively() {
    // The smoking rules stay silent for a smoker who is also PAT positive and
    // overweight. Only the two together expose the gap, and a further rule
    // that tests six other outcomes positively must not crowd them out of the
    // combinations the check tries.
    let mut doc = smoking_rules_restricted_by(
        json!({"kind": "not", "value": {"kind": "all", "value": [{"kind": "outcome", "value": "pat_positive"}, {"kind": "outcome", "value": "bmi_overweight"}]}}),
    );
    let mut extra = rule_mut(&mut doc, "tobacco.very_brief_advice").clone();
    extra["id"] = json!("local.smokers_with_other_risks");
    extra["when"] = json!({"kind": "all", "value": [{"kind": "outcome", "value": "current_smoker"}, {"kind": "any_outcome", "value": [
        "fast_positive", "audit_c_higher_risk", "audit_higher_risk",
        "whtr_high", "activity_inactive", "weekly_inactive"]}]});
    doc["rules"].as_array_mut().unwrap().push(extra);
    let d = diagnostics(doc);
    let uncovered = uncovered_current_smoker(&d);
    assert_eq!(uncovered.len(), 1, "{d:?}");
    assert!(
        uncovered[0].message.contains("pat_positive")
            && uncovered[0].message.contains("bmi_overweight"),
        "{}",
        uncovered[0].message
    );
}

#[test]
fn coverage_finds_one_setting_left_out_whichever_it_is() {
    let all = [
        "emergency_department",
        "general_practice",
        "community_pharmacy",
        "dental",
        "optometry",
        "maternity",
        "pre_operative_assessment",
        "hospital_inpatient",
        "hospital_outpatient",
        "community_and_voluntary",
        "housing",
        "workplace_health",
    ];
    for left_out in all {
        let others: Vec<_> = all.iter().filter(|s| **s != left_out).collect();
        let d = diagnostics(smoking_rules_restricted_by(
            json!({"kind": "setting", "value": others}),
        ));
        let uncovered = uncovered_current_smoker(&d);
        assert_eq!(uncovered.len(), 1, "{left_out}: {d:?}");
        let plain = |t: &str| t.replace('_', "").to_lowercase();
        assert!(
            plain(&uncovered[0].message).contains(&plain(left_out)),
            "{left_out}: {}",
            uncovered[0].message
        );
    }
}

#[test]
fn outcomes_that_cannot_accompany_do_not_crowd_out_combinations() {
    // Smoking statuses other than current smoking can never be found with it,
    // so testing them under `not` must not count against the combinations the
    // check tries: the gap needs three outcomes together.
    let doc = smoking_rules_restricted_by(json!({"kind": "all", "value": [
        {"kind": "not", "value": {"kind": "all", "value": [{"kind": "outcome", "value": "pat_positive"}, {"kind": "outcome", "value": "bmi_overweight"}, {"kind": "outcome", "value": "activity_inactive"}]}},
        {"kind": "not", "value": {"kind": "any_outcome", "value": ["never_smoked", "ex_smoker", "ex_smoker_within_12_months", "quit_within_2_weeks"]}}]}));
    let d = diagnostics(doc);
    let uncovered = uncovered_current_smoker(&d);
    assert_eq!(uncovered.len(), 1, "{d:?}");
    for o in ["pat_positive", "bmi_overweight", "activity_inactive"] {
        assert!(uncovered[0].message.contains(o), "{}", uncovered[0].message);
    }
}

#[test]
fn coverage_is_checked_only_where_an_outcome_can_be_found() {
    // CO pregnancy outcomes are only found when pregnancy is possible (§2.3),
    // a possible dependence is always a positive PAT (§1.5), and adult BMI
    // categories start at 18 (§3.1): rules that say so are not gaps.
    let mut doc = base();
    let when = rule_mut(&mut doc, "tobacco.co_pregnancy_referral")["when"].clone();
    rule_mut(&mut doc, "tobacco.co_pregnancy_referral")["when"] = json!({"kind": "all", "value": [when, {"kind": "pregnant", "value": ["yes", "possible", "not_known"]}, {"kind": "sex", "value": ["female", "not_known"]}]});
    allow_safety_changes(&mut doc);
    rule_mut(&mut doc, "alcohol.possible_dependence_alert")["when"] = json!({"kind": "all", "value": [{"kind": "outcome", "value": "pat_possible_dependence"}, {"kind": "outcome", "value": "pat_positive"}, {"kind": "outcome", "value": "pat_daily_drinker"}]});
    let when = rule_mut(&mut doc, "weight.underweight")["when"].clone();
    rule_mut(&mut doc, "weight.underweight")["when"] =
        json!({"kind": "all", "value": [when, {"kind": "age_at_least", "value": 18}]});
    assert_eq!(diagnostics(doc), vec![]);
}

#[test]
fn a_rule_reading_every_age_and_year_is_checked_in_bounded_time() {
    // Coverage enumerates the facts rules read; a rule reading every age and
    // every number of years must not make that product astronomically large.
    let mut atoms: Vec<Value> = (0..=121)
        .map(|a| json!({"kind": "age_at_least", "value": a}))
        .collect();
    atoms.extend((0..=255).map(|y| json!({"kind": "type_2_diabetes_within_years", "value": y})));
    atoms.extend((0..=255).map(|y| json!({"kind": "bariatric_surgery_within_years", "value": y})));
    atoms.extend([
        json!({"kind": "hypertension", "value": ["yes"]}),
        json!({"kind": "eating_disorder", "value": ["diagnosed"]}),
        json!({"kind": "sex", "value": ["male"]}),
        json!({"kind": "intoxicated", "value": ["yes"]}),
        json!({"kind": "time_available_at_least", "value": "extended"}),
        json!({"kind": "priority_group", "value": ["sex_worker"]}),
    ]);
    let mut doc = base();
    doc["rules"].as_array_mut().unwrap().push(json!({
        "id": "local.everything", "source": "test (CLINICAL-REFERENCE §6)", "topic": "tobacco",
        "when": {"kind": "all", "value": [{"kind": "outcome", "value": "current_smoker"}, {"kind": "not", "value": {"kind": "any", "value": atoms}}]},
        "actions": [{"kind": "advice", "intensity": "very_brief", "text": "Say something.", "person_text": "Something.",
                     "pathway": null, "mode": null, "urgency": null, "concept": null}]}));
    assert_eq!(diagnostics(doc), vec![]);
}

/// Restrictions on current smokers' rules that leave out people with some
/// recorded condition or history, each only at the values named.
fn comorbidity_restrictions() -> [(Value, &'static str); 5] {
    [
        (
            json!({"kind": "diabetes", "value": ["none", "not_known"]}),
            "diabetes",
        ),
        (
            // Only a diagnosis exactly 4 whole years ago is left out.
            json!({"kind": "any", "value": [{"kind": "not", "value": {"kind": "diabetes", "value": ["type_2"]}},
                           {"kind": "not", "value": {"kind": "type_2_diabetes_within_years", "value": 5}},
                           {"kind": "type_2_diabetes_within_years", "value": 4}]}),
            "diabetes",
        ),
        (
            json!({"kind": "not", "value": {"kind": "bariatric_surgery_within_years", "value": 2}}),
            "bariatric",
        ),
        (
            json!({"kind": "hypertension", "value": ["no", "not_known"]}),
            "hypertension",
        ),
        (
            json!({"kind": "eating_disorder", "value": ["no", "not_known"]}),
            "eating",
        ),
    ]
}

#[test]
fn coverage_checks_each_recorded_condition_and_history() {
    for (extra, gap) in comorbidity_restrictions() {
        assert_smoker_gap(extra, gap);
    }
    // A gap that needs two conditions together, or a condition at a given
    // age, is found too.
    for both in [
        json!({"kind": "not", "value": {"kind": "all", "value": [{"kind": "hypertension", "value": ["yes"]}, {"kind": "eating_disorder", "value": ["diagnosed"]}]}}),
        json!({"kind": "not", "value": {"kind": "all", "value": [{"kind": "hypertension", "value": ["yes"]}, {"kind": "age_at_least", "value": 65}]}}),
    ] {
        assert_smoker_gap(both, "no rule acts on outcome current_smoker");
    }
}

#[test]
fn coverage_still_checks_each_condition_when_there_are_too_many_to_combine() {
    // Reading every number of years makes the profiles too many to combine;
    // each condition is then checked one at a time, and none is skipped.
    let mut years: Vec<Value> = (0..=255)
        .map(|y| json!({"kind": "type_2_diabetes_within_years", "value": y}))
        .collect();
    years.extend((0..=255).map(|y| json!({"kind": "bariatric_surgery_within_years", "value": y})));
    let unreachable = json!({"kind": "all", "value": [{"kind": "age_below", "value": 0}, {"kind": "any", "value": years}]});
    for (extra, gap) in comorbidity_restrictions() {
        assert_smoker_gap(
            json!({"kind": "any", "value": [extra, unreachable.clone()]}),
            gap,
        );
    }
}

#[test]
fn deeply_nested_conditions_are_refused_without_overflowing_the_stack() {
    // serde_json refuses nesting beyond its recursion limit, so a hostile
    // document cannot make compiling or evaluating recurse without bound.
    let nots = |depth: usize| {
        "{\"kind\":\"not\",\"value\":".repeat(depth) + "{\"kind\":\"always\"}" + &"}".repeat(depth)
    };
    let with_rule_condition = |when: String| {
        let mut doc = base();
        allow_safety_changes(&mut doc);
        rule_mut(&mut doc, "alcohol.possible_dependence_alert")["when"] = json!("PLACEHOLDER");
        doc.to_string().replace("\"PLACEHOLDER\"", &when)
    };
    let d = Policy::from_json(&with_rule_condition(nots(100_000))).unwrap_err();
    assert_eq!(d.diagnostics().len(), 1);
    assert_eq!(d.diagnostics()[0].code, DiagnosticCode::MalformedDocument);
    assert!(
        d.diagnostics()[0]
            .message
            .contains("recursion limit exceeded"),
        "{d}"
    );
    let overlay = format!(
        r#"{{"id": "x", "version": "1", "add_rules": [{{"id": "local.deep", "source": "s", "topic": "general", "when": {}, "actions": []}}]}}"#,
        nots(100_000)
    );
    assert!(serde_json::from_str::<PolicyOverlay>(&overlay).is_err());
    // The deepest nesting JSON allows compiles and evaluates on a small stack.
    // An even number of `not`s around `always` always holds. It is read on
    // the test's own stack: serde's tagged-enum reader takes more stack per
    // level in unoptimised builds than the engine, which is under test here.
    let text = with_rule_condition(format!(
        r#"{{"kind": "all", "value": [{{"kind": "outcome", "value": "pat_possible_dependence"}}, {}]}}"#,
        nots(120)
    ));
    let document = PolicyDocument::from_json(&text).unwrap();
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let policy = Policy::compile(document).unwrap();
            let contact = common::fixtures::contact();
            let outcomes = [Outcome::PatPositive, Outcome::PatPossibleDependence]
                .into_iter()
                .collect();
            let plan = policy.plan(outcomes, &contact);
            assert_eq!(plan[0].kind, ActionKind::SafetyAlert);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut doc = base();
    rule_mut(&mut doc, "alcohol.leaflet")["source"] = json!("");
    rule_mut(&mut doc, "activity.affirm")["actions"] = json!([]);
    pathway_mut(&mut doc, "gp")["fallback"] = json!("nhs_111");
    let c = codes(doc);
    assert_eq!(c.len(), 3, "{c:?}");
}

#[test]
fn overlay_target_missing_and_duplicate() {
    let base = PolicyDocument::national_default().unwrap();
    let overlay: PolicyOverlay = serde_json::from_value(json!({
        "id": "local", "version": "1",
        "remove_rules": ["no.such.rule"],
        "pathways": [{"id": "brand_new", "exists_locally": true}],
        "add_rules": [serde_json::to_value(&base.rules[0]).unwrap()],
    }))
    .unwrap();
    let err = base.with_overlay(&overlay).unwrap_err();
    let c: Vec<_> = err.diagnostics().iter().map(|d| d.code).collect();
    assert_eq!(
        c,
        vec![
            DiagnosticCode::OverlayTargetMissing,
            DiagnosticCode::OverlayTargetMissing,
            DiagnosticCode::OverlayDuplicate
        ]
    );
    assert!(
        err.to_string()
            .starts_with("the policy is not valid: 3 problem(s); "),
        "{err}"
    );
}

#[test]
fn policy_documents_round_trip_and_match_their_schema() {
    let doc = PolicyDocument::national_default().unwrap();
    common::assert_json_contract(&doc);
}

fn overlay(v: Value) -> Result<PolicyDocument, mecc::Error> {
    let overlay: PolicyOverlay = serde_json::from_value(v).unwrap();
    PolicyDocument::national_default()
        .unwrap()
        .with_overlay(&overlay)
}

fn overlay_codes(v: Value) -> Vec<DiagnosticCode> {
    let doc = overlay(v).unwrap();
    Policy::check(&doc).into_iter().map(|d| d.code).collect()
}

// Hazard H12: a policy overlay removes a safety rule.
#[test]
fn safety_rule_removed_by_an_overlay_is_refused() {
    for id in PROTECTED_RULES {
        let c = overlay_codes(json!({"id": "local", "version": "1", "remove_rules": [id]}));
        assert_eq!(c, vec![DiagnosticCode::SafetyRuleRemoved], "{id}");
    }
}

// Hazard H12: a policy overlay weakens a safety rule.
#[test]
fn safety_rule_changed_by_an_overlay_is_refused() {
    let mut rule = serde_json::to_value(
        PolicyDocument::national_default()
            .unwrap()
            .rules
            .iter()
            .find(|r| r.id == "general.co_poisoning_alert")
            .unwrap(),
    )
    .unwrap();
    rule["actions"][0]["text"] = json!("Consider mentioning carbon monoxide.");
    let c = overlay_codes(json!({"id": "local", "version": "1", "replace_rules": [rule.clone()]}));
    assert_eq!(c, vec![DiagnosticCode::SafetyRuleChanged]);
    rule["actions"][0]["kind"] = json!("advice");
    rule["actions"][0]["person_text"] = json!("Carbon monoxide can harm you.");
    let c = overlay_codes(json!({"id": "local", "version": "1", "replace_rules": [rule]}));
    assert_eq!(c, vec![DiagnosticCode::SafetyRuleChanged]);
}

#[test]
fn safety_override_invalid() {
    let c = overlay_codes(json!({"id": "local", "version": "1",
        "safety_overrides": [{"rule_id": "alcohol.leaflet", "reason": "r", "approved_by": "a"}]}));
    assert_eq!(c, vec![DiagnosticCode::SafetyOverrideInvalid]);
    let c = overlay_codes(json!({"id": "local", "version": "1",
        "remove_rules": ["general.co_poisoning_alert"],
        "safety_overrides": [{"rule_id": "general.co_poisoning_alert", "reason": " ", "approved_by": "CSO"}]}));
    assert_eq!(c, vec![DiagnosticCode::SafetyOverrideInvalid]);
}

#[test]
fn an_explicit_safety_override_is_accepted_and_recorded_in_every_assessment() {
    let mut rule = serde_json::to_value(
        PolicyDocument::national_default()
            .unwrap()
            .rules
            .iter()
            .find(|r| r.id == "general.co_poisoning_alert")
            .unwrap(),
    )
    .unwrap();
    rule["actions"][0]["text"] =
        json!("Possible CO poisoning: follow the local gas-safety protocol GS-4.");
    let doc = overlay(json!({"id": "local", "version": "1", "replace_rules": [rule],
        "safety_overrides": [{"rule_id": "general.co_poisoning_alert",
            "reason": "local protocol replaces the national wording", "approved_by": "Clinical safety officer"}]}))
    .unwrap();
    let policy = Policy::compile(doc).unwrap();
    let contact = common::fixtures::contact_with(json!({
        "age": 40, "sex": "female", "time_available": "brief"
    }));
    let answers: mecc::Answers = serde_json::from_value(json!({"smoking": {
        "status": {"kind": "never_smoked"}, "vaping": {"kind": "not_asked"}, "co_ppm": {"kind": "answered", "value": 15}}}))
    .unwrap();
    let a = mecc::assess(&contact, &answers, &policy).unwrap();
    assert_eq!(a.plan[0].kind, ActionKind::SafetyAlert);
    assert!(a.plan[0].text.contains("GS-4"));
    assert_eq!(a.policy.safety_overrides.len(), 1);
    assert_eq!(
        a.policy.safety_overrides[0].approved_by,
        "Clinical safety officer"
    );
    assert!(
        a.to_string().contains(
            "safety rule general.co_poisoning_alert overridden by Clinical safety officer"
        )
    );
    common::assert_json_contract(&a);

    // The stamp (the base policy and the recorded override) is shared with
    // the compiled policy: a local policy costs no more per assessment than
    // the national default does.
    let national = Policy::national_default_shared().unwrap();
    let with_overlay =
        common::alloc::allocations_during(|| drop(mecc::assess(&contact, &answers, &policy)));
    let without =
        common::alloc::allocations_during(|| drop(mecc::assess(&contact, &answers, national)));
    assert_eq!(
        with_overlay, without,
        "a local policy allocates more per assessment"
    );
}

#[test]
fn screenings_and_overlays_round_trip_and_match_their_schema() {
    let screening: mecc::Screening =
        serde_json::from_str(include_str!("../examples/data/screen.json")).unwrap();
    common::assert_json_contract(&screening);
    common::assert_json_contract(screening.overlay.as_ref().unwrap());
    common::assert_json_contract(&screening.run().unwrap());

    // Every list in an overlay may be left out, and so may the overlay; the
    // schema says the same as serde.
    let minimal = json!({"id": "x", "version": "1"});
    let overlay: PolicyOverlay = serde_json::from_value(minimal.clone()).unwrap();
    assert_eq!(overlay.pathways, vec![]);
    #[cfg(feature = "schema")]
    assert!(
        jsonschema::validator_for(&common::schema_of::<PolicyOverlay>())
            .unwrap()
            .is_valid(&minimal)
    );
    let mut without = serde_json::to_value(&screening).unwrap();
    without.as_object_mut().unwrap().remove("overlay");
    #[cfg(feature = "schema")]
    assert!(
        jsonschema::validator_for(&common::schema_of::<mecc::Screening>())
            .unwrap()
            .is_valid(&without)
    );
    let plain: mecc::Screening = serde_json::from_value(without).unwrap();
    assert_eq!(plain.overlay, None);
    assert_eq!(
        plain.run().unwrap().policy.id.as_ref(),
        "mecc-national-default"
    );
}

#[test]
fn a_compiled_policy_reports_its_identity() {
    let doc = PolicyDocument::national_default().unwrap();
    let policy = Policy::compile(doc.clone()).unwrap();
    assert_eq!(policy.id(), doc.id);
    assert_eq!(policy.version(), doc.version);
    assert_eq!(policy.id(), "mecc-national-default");
    assert!(!policy.version().is_empty());
    assert!(policy.based_on().is_none());
    let local =
        Policy::compile(overlay(json!({"id": "riverside", "version": "2026.2"})).unwrap()).unwrap();
    assert_eq!((local.id(), local.version()), ("riverside", "2026.2"));
    assert_eq!(
        local.based_on(),
        Some((doc.id.as_str(), doc.version.as_str()))
    );
}

// CLINICAL-REFERENCE §7: a host may override recording codes; only the named
// concept changes.
#[test]
fn a_code_override_replaces_only_its_own_concept() {
    let policy = Policy::compile(
        overlay(json!({"id": "local", "version": "1",
            "codes": [{"concept": "smoker", "snomed_ct": "999999999"}]}))
        .unwrap(),
    )
    .unwrap();
    let contact = common::fixtures::contact_with(json!({
        "age": 40, "sex": "female", "time_available": "brief"
    }));
    let answers: mecc::Answers = serde_json::from_value(json!({"smoking": {
        "status": {"kind": "current_smoker", "value": {"products": ["hand_rolled"], "cigarettes_per_day": {"kind": "answered", "value": 10},
            "minutes_to_first_cigarette": {"kind": "not_asked"}, "years_smoked": {"kind": "not_asked"}}},
        "vaping": {"kind": "not_asked"}, "co_ppm": {"kind": "not_asked"}}}))
    .unwrap();
    let a = mecc::assess(&contact, &answers, &policy).unwrap();
    let code = |concept: Concept| {
        a.plan
            .iter()
            .find_map(|x| x.code.as_ref().filter(|c| c.concept == concept))
            .map(|c| c.snomed_ct.to_string())
    };
    assert_eq!(code(Concept::Smoker).as_deref(), Some("999999999"));
    assert_eq!(
        code(Concept::ReferralToSmokingCessationService).as_deref(),
        Some("871661000000106")
    );
}

#[test]
fn coverage_checks_every_class_of_setting_section_6_6() {
    // A rule for clinical settings only leaves the same finding without an
    // action in a pharmacy or a housing office, though the rule reads no
    // particular setting.
    let mut doc = base();
    let when = rule_mut(&mut doc, "weight.underweight")["when"].clone();
    rule_mut(&mut doc, "weight.underweight")["when"] =
        json!({"kind": "all", "value": [when, {"kind": "setting_class", "value": ["clinical"]}]});
    let d = diagnostics(doc);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, DiagnosticCode::UncoveredOutcome);
    assert!(d[0].message.contains("bmi_underweight"), "{}", d[0].message);
    assert!(
        [
            "community_pharmacy",
            "dental",
            "optometry",
            "housing",
            "community_and_voluntary",
            "workplace_health"
        ]
        .iter()
        .any(|s| d[0].message.contains(&format!("contact in {s} "))),
        "{}",
        d[0].message
    );
}

#[test]
fn person_text_mismatch_section_6_7() {
    // Advice, leaflets and signposts are read by the person: they need text
    // for them.
    let mut doc = base();
    rule_mut(&mut doc, "activity.affirm")["actions"][0]["person_text"] = json!(null);
    assert_eq!(codes(doc), vec![DiagnosticCode::PersonTextMismatch]);
    // A record is for the practitioner only: text for the person is refused.
    let mut doc = base();
    rule_mut(&mut doc, "weight.record_bmi")["actions"][0]["person_text"] = json!("Your BMI.");
    assert_eq!(codes(doc), vec![DiagnosticCode::PersonTextMismatch]);
}

#[test]
fn unresolved_placeholder_section_6_4() {
    // `{pathway}` only where the action has a pathway; other names must be
    // values the policy defines.
    let mut doc = base();
    rule_mut(&mut doc, "activity.affirm")["actions"][0]["text"] =
        json!("Tell {pathway} they are active.");
    assert_eq!(codes(doc), vec![DiagnosticCode::UnresolvedPlaceholder]);
    let mut doc = base();
    allow_safety_changes(&mut doc);
    doc["values"] = json!({});
    // The CO alert names the gas emergency number as a value.
    assert_eq!(codes(doc), vec![DiagnosticCode::UnresolvedPlaceholder]);
    let mut doc = base();
    doc["templates"] = serde_json::to_value(Templates::default()).unwrap();
    doc["templates"]["declined_signpost"]["text"] = json!("They declined {service}.");
    assert_eq!(codes(doc), vec![DiagnosticCode::UnresolvedPlaceholder]);
}

#[test]
fn topics_mismatch_section_6_2() {
    let mut doc = base();
    doc["topics"].as_array_mut().unwrap().pop();
    assert_eq!(codes(doc), vec![DiagnosticCode::TopicsMismatch]);
}

#[test]
fn referral_after_decline_section_6_4() {
    // A rule relying on a declined offer may not make a referral.
    let mut doc = base();
    rule_mut(&mut doc, "alcohol.signpost_after_declining")["actions"][1] = json!({
        "kind": "referral", "intensity": "very_brief", "text": "Refer to {pathway}.",
        "pathway": "community_alcohol_service", "mode": "opt_in", "urgency": "routine", "concept": null});
    assert_eq!(codes(doc), vec![DiagnosticCode::ReferralAfterDecline]);
}

#[test]
fn unknown_pathways_in_topics_supersedes_and_gp() {
    let mut doc = base();
    doc["topics"][0]["self_referral"] = json!("nowhere");
    assert_eq!(codes(doc), vec![DiagnosticCode::UnknownPathway]);
    let mut doc = base();
    pathway_mut(&mut doc, "digital_weight_management")["supersedes"] = json!(["nowhere"]);
    assert_eq!(codes(doc), vec![DiagnosticCode::UnknownPathway]);
    let mut doc = base();
    doc["gp"] = json!("nowhere");
    assert_eq!(codes(doc), vec![DiagnosticCode::UnknownPathway]);
}
