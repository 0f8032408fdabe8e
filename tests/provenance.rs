//! Every instrument carries its citation and version, and every finding says
//! which instrument produced it.
use mecc::Source;
use mecc::instruments::{activity, audit, bmi, fast, pat, smoking};

fn assert_cited(name: &str, sources: &[Source], version: &str) {
    assert!(!sources.is_empty(), "{name} has no source");
    for s in sources {
        assert!(
            s.citation.len() > 20,
            "{name}: citation too short to find: {s:?}"
        );
        if let Some(url) = s.url {
            assert!(url.starts_with("https://"), "{name}: {url}");
        }
    }
    assert!(!version.trim().is_empty(), "{name} has no version");
}

#[test]
fn every_registered_instrument_has_a_source_and_version() {
    for r in mecc::instruments::REGISTRY {
        assert_cited(r.key, r.sources, r.version);
        assert!(!r.name.trim().is_empty(), "{} has no name", r.key);
    }
}

#[test]
fn every_instrument_has_a_source_and_version() {
    assert_cited("pat", &[pat::SOURCE], pat::VERSION);
    assert_cited("smoking", smoking::SOURCES, smoking::VERSION);
    assert_cited("bmi", bmi::SOURCES, bmi::VERSION);
    assert_cited("activity", activity::SOURCES, activity::VERSION);
    assert_cited("audit", audit::SOURCES, audit::VERSION);
    assert_cited("fast", fast::SOURCES, fast::VERSION);
    assert!(audit::SOURCES.iter().any(|s| s.citation.contains("Babor")));
    assert!(fast::SOURCES.iter().any(|s| s.citation.contains("Hodgson")));
    assert!(pat::SOURCE.citation.contains("Touquet"));
    assert!(
        smoking::SOURCES
            .iter()
            .any(|s| s.citation.contains("NG209"))
    );
    assert!(
        smoking::SOURCES
            .iter()
            .any(|s| s.citation.contains("Heatherton"))
    );
    assert!(bmi::SOURCES.iter().any(|s| s.citation.contains("NG246")));
    assert!(
        activity::SOURCES
            .iter()
            .any(|s| s.citation.contains("Physical Activity Questionnaire"))
    );
}
