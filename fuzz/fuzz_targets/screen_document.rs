//! A whole screening request as JSON, as a host would pass it through: it
//! either parses or is refused by serde; a parsed one either runs or is refused
//! with a typed error; an assessment round-trips through JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mecc::Screening;
use mecc_fuzz::{accepted, check_plan, round_trip};

fuzz_target!(|data: &[u8]| {
    let Ok(screening) = serde_json::from_slice::<Screening>(data) else {
        return;
    };
    round_trip(&screening);
    let Some(assessment) = accepted(screening.run()) else {
        return;
    };
    round_trip(&assessment);
    assert_eq!(assessment.outcomes, assessment.findings.outcomes());
    check_plan(&assessment.plan);
    assert!(!assessment.to_string().is_empty());
});
