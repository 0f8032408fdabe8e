//! Answers as JSON, for all instruments together and for each alone: whatever
//! parses round-trips, scores against every fixed contact without panicking,
//! and the findings and assessment round-trip too. Answers read through
//! `Answers::from_json` (most are read directly, not through `serde_json`)
//! are read as `serde_json` reads them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mecc::context::Contact;
use mecc::instruments::{activity, audit, bmi, fast, pat, smoking};
use mecc::{Answers, Findings, assess};
use mecc_fuzz::{
    accepted, accepted_round_trip, check_plan, contacts, national_default_policy, round_trip,
};

fuzz_target!(|data: &[u8]| {
    let text = std::str::from_utf8(data).ok();
    if let Some((text, answers)) = text.and_then(|t| accepted(Answers::from_json(t)).map(|a| (t, a))) {
        let by_serde_json: Answers =
            serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
                .expect("answers read are read by serde_json");
        assert_eq!(answers, by_serde_json);
        round_trip(&answers);
        for contact in contacts() {
            score_all(&answers, contact);
        }
    }
    if let Ok(answers) = serde_json::from_slice::<pat::Answers>(data) {
        round_trip(&answers);
        for contact in contacts() {
            round_trip(&pat::score(&answers, contact));
            round_trip(&pat::indication(contact));
            round_trip(&pat::next_step(&answers, contact));
        }
    }
    if let Ok(answers) = serde_json::from_slice::<smoking::Answers>(data) {
        round_trip(&answers);
        for contact in contacts() {
            accepted(answers.validate_against(contact));
            round_trip(&smoking::score(&answers, contact));
        }
    }
    if let Ok(answers) = serde_json::from_slice::<bmi::Answers>(data) {
        round_trip(&answers);
        for contact in contacts() {
            let finding = bmi::score(&answers, contact);
            round_trip(&finding);
            assert!(!finding.bmi_display().to_string().is_empty());
        }
    }
    if let Ok(answers) = serde_json::from_slice::<activity::Answers>(data) {
        round_trip(&answers);
        for contact in contacts() {
            round_trip(&activity::score(&answers, contact));
        }
    }
    if let Ok(answers) = serde_json::from_slice::<audit::Answers>(data) {
        round_trip(&answers);
        round_trip(&audit::next_step(&answers));
        for contact in contacts() {
            round_trip(&audit::score(&answers, contact));
        }
    }
    if let Ok(answers) = serde_json::from_slice::<audit::AuditCAnswers>(data) {
        round_trip(&answers);
        round_trip(&audit::next_step_audit_c(&answers));
        for contact in contacts() {
            round_trip(&audit::score_audit_c(&answers, contact));
        }
    }
    if let Ok(answers) = serde_json::from_slice::<fast::Answers>(data) {
        round_trip(&answers);
        round_trip(&fast::next_step(&answers));
        for contact in contacts() {
            round_trip(&fast::score(&answers, contact));
        }
    }
    if let Some(contact) = text.and_then(|t| accepted(Contact::from_json(t))) {
        round_trip(&contact);
        round_trip(&pat::indication(&contact));
    }
});

fn score_all(answers: &Answers, contact: &Contact) {
    let findings = Findings::score(answers, contact);
    round_trip(&findings);
    round_trip(&findings.outcomes());
    if let Some(assessment) =
        accepted_round_trip(assess(contact, answers, national_default_policy()))
    {
        assert_eq!(assessment.findings, findings);
        check_plan(&assessment.plan);
    }
}
