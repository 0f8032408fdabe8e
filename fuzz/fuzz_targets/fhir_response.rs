//! A FHIR `QuestionnaireResponse` as JSON: whatever is read gives answers
//! that round-trip and assess against every fixed contact without panicking,
//! and each assessment's bundle round-trips too; a refusal is checked as
//! every refusal is.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mecc::assess;
use mecc::fhir::{self, CanonicalBase, Reference};
use mecc_fuzz::{
    accepted, accepted_round_trip, check_plan, contacts, national_default_policy, round_trip,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let base = CanonicalBase::example();
    if let Some(answers) = accepted(fhir::answers_from_json(text, &base)) {
        round_trip(&answers);
        for contact in contacts() {
            if let Some(assessment) =
                accepted_round_trip(assess(contact, &answers, national_default_policy()))
            {
                check_plan(&assessment.plan);
                round_trip(&fhir::bundle(
                    &assessment,
                    &Reference::to("Patient/p"),
                    &base,
                ));
            }
        }
    }
});
