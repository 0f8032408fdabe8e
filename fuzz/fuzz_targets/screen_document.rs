//! A whole screening request as JSON, as a host would pass it through
//! `Screening::from_json`: it either parses or is refused with a typed error
//! that points into the document; a parsed one either runs or is refused with
//! a typed error; an assessment round-trips through JSON. A document read
//! (most are read directly, not through `serde_json`) is read as
//! `serde_json` reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mecc::Screening;
use mecc_fuzz::{accepted, check_plan, round_trip};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(screening) = accepted(Screening::from_json(text)) else {
        return;
    };
    let by_serde_json: Screening =
        serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
            .expect("a document read is read by serde_json");
    assert_eq!(screening, by_serde_json);
    round_trip(&screening);
    let Some(assessment) = accepted(screening.run()) else {
        return;
    };
    round_trip(&assessment);
    assert_eq!(assessment.outcomes, assessment.findings.outcomes());
    check_plan(&assessment.plan);
    assert!(!assessment.to_string().is_empty());
});
