//! FHIR in and out: a general-practice contact answers the AUDIT-C on a
//! FHIR form; the `QuestionnaireResponse` is read into answers, assessed,
//! and the result printed as a FHIR `Bundle`.
//!
//! Run with `cargo run --features fhir --example fhir`.
//!
//! With `-- --out DIR` it writes instead, for a FHIR client to check: every
//! questionnaire, this response, and a bundle for it and for every sample
//! screening document in `examples/data/`.

use std::path::{Path, PathBuf};

use mecc::fhir::{self, CanonicalBase, QuestionnaireResponse, Reference};
use mecc::policy::Policy;
use mecc::{Screening, assess};
use serde_json::json;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = CanonicalBase::example();
    let subject = Reference::to("Patient/example");
    let system = base.answer_system();

    // What a form filler returns for the first three AUDIT questions.
    let response: QuestionnaireResponse = serde_json::from_value(json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": format!("{}|{}", base.questionnaire_url("audit"), mecc::questions::BANK_VERSION),
        "status": "completed",
        "subject": {"reference": "Patient/example"},
        "item": [
            {"linkId": "audit.frequency", "answer": [{"valueCoding": {"system": system, "code": "two_to_three_times_per_week"}}]},
            {"linkId": "audit.typical_day", "answer": [{"valueCoding": {"system": system, "code": "five_to_six"}}]},
            {"linkId": "audit.heavy_drinking", "answer": [{"valueCoding": {"system": system, "code": "monthly"}}]}
        ]
    }))?;
    let contact = mecc::context::Contact::from_json(
        r#"{"age": 44, "sex": "male", "pregnant": "no", "setting": "general_practice",
            "time_available": "brief"}"#,
    )?;
    let answers = fhir::answers_from_response(&response, &base)?;
    let policy = Policy::national_default()?;
    let assessment = assess(&contact, &answers, &policy)?;
    let bundle = fhir::bundle(&assessment, &subject, &base);

    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next()) {
        (None, _) => println!("{}", serde_json::to_string_pretty(&bundle)?),
        (Some("--out"), Some(dir)) => {
            write_all(Path::new(&dir), &base, &subject, &response, &bundle)?
        }
        _ => return Err("usage: fhir [--out DIR]".into()),
    }
    Ok(())
}

/// Writes every questionnaire, the response, its bundle, and a bundle for
/// every sample screening document.
fn write_all(
    dir: &Path,
    base: &CanonicalBase,
    subject: &Reference,
    response: &QuestionnaireResponse,
    bundle: &fhir::Bundle,
) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let write = |name: String, value: serde_json::Value| -> std::io::Result<()> {
        let path: PathBuf = dir.join(name);
        std::fs::write(path, format!("{value:#}\n"))
    };
    for q in fhir::questionnaires(base) {
        write(
            format!("Questionnaire-{}.json", q.id),
            serde_json::to_value(&q)?,
        )?;
    }
    write(
        "QuestionnaireResponse-audit.json".into(),
        serde_json::to_value(response)?,
    )?;
    write(
        "Bundle-audit-response.json".into(),
        serde_json::to_value(bundle)?,
    )?;
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let mut names: Vec<PathBuf> = std::fs::read_dir(samples)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    for path in names {
        let screening = Screening::from_json(&std::fs::read_to_string(&path)?)?;
        let assessment = screening.run()?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("sample");
        let bundle = fhir::bundle(&assessment, subject, base);
        write(
            format!("Bundle-{stem}.json"),
            serde_json::to_value(&bundle)?,
        )?;
    }
    Ok(())
}
