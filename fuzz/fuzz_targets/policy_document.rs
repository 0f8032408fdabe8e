//! Policy documents and overlays, as a local service would write them: every
//! problem is reported as diagnostics, never a panic, and the three ways in
//! (`Policy::from_json`, `Policy::check`, `Policy::compile`) agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mecc::Error;
use mecc::policy::{DiagnosticCode, Policy, PolicyDocument, PolicyOverlay};
use mecc::outcome::{Outcome, OutcomeSet};
use mecc_fuzz::{
    accepted, check_error, check_plan, contacts, national_default_document, round_trip,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    let from_json = accepted(Policy::from_json(&text));
    match PolicyDocument::from_json(&text) {
        Err(e) => {
            check_error(&e);
            assert!(
                from_json.is_none(),
                "from_json compiled what does not parse"
            );
            assert!(
                e.diagnostics()
                    .iter()
                    .all(|d| d.code == DiagnosticCode::MalformedDocument),
                "a parse failure reported as {e}"
            );
        }
        Ok(document) => {
            round_trip(&document);
            let diagnostics = Policy::check(&document);
            match Policy::compile(document) {
                Ok(policy) => {
                    assert!(diagnostics.is_empty(), "compiled despite {diagnostics:?}");
                    assert!(
                        from_json.is_some(),
                        "compile accepted what from_json refused"
                    );
                    exercise(&policy);
                }
                Err(e) => {
                    check_error(&e);
                    assert!(matches!(e, Error::Policy { .. }), "not a policy error: {e}");
                    assert_eq!(e.diagnostics(), diagnostics, "check and compile disagree");
                    assert!(
                        from_json.is_none(),
                        "from_json accepted what compile refused"
                    );
                }
            }
        }
    }

    // The same bytes as a local overlay on the national default.
    let Some(overlay) = accepted(PolicyOverlay::from_json(&text)) else {
        return;
    };
    round_trip(&overlay);
    let base = national_default_document();
    let Some(document) = accepted(base.with_overlay(&overlay)) else {
        return;
    };
    assert_eq!(document.id, overlay.id);
    assert_eq!(document.version, overlay.version);
    round_trip(&document);
    if let Some(policy) = accepted(Policy::compile(document)) {
        assert_eq!(
            policy.based_on(),
            Some((base.id.as_str(), base.version.as_str()))
        );
        exercise(&policy);
    }
});

/// Plans for each fixed contact: nothing found, everything found at once, and
/// each outcome alone.
fn exercise(policy: &Policy) {
    round_trip(policy.document());
    let all: OutcomeSet = Outcome::ALL.iter().copied().collect();
    for contact in contacts() {
        check_plan(&policy.plan(OutcomeSet::EMPTY, contact));
        check_plan(&policy.plan(all, contact));
    }
    let contact = &contacts()[0];
    for &outcome in Outcome::ALL {
        check_plan(&policy.plan(OutcomeSet::of(outcome), contact));
    }
}
