//! An assessment as a FHIR `Bundle` of type `collection`: an `Observation`
//! per instrument's finding, a `ServiceRequest` per referral and a `Task`
//! per other action of the plan (follow-ups, advice, safety alerts, ...), so
//! that no action is left out.
//!
//! Codes are only those confirmed (CLINICAL-REFERENCE §7, §11.14): a
//! finding or service without one is named in `text` alone.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    Annotation, CanonicalBase, CodeableConcept, Coding, Identifier, LOINC, Meta, Quantity,
    Reference, SNOMED_CT,
};
use crate::Assessment;
use crate::policy::{Action, ActionKind, Concept, ResponseStatus};

/// A FHIR `Bundle` of type `collection`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// Always `"Bundle"`.
    pub resource_type: String,
    /// What produced it: the crate and policy versions.
    pub meta: Meta,
    /// Always `"collection"`: a set of resources for the host to store,
    /// with no instruction to a server.
    #[serde(rename = "type")]
    pub type_: String,
    /// The resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<BundleEntry>,
}

/// One entry of a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BundleEntry {
    /// The resource.
    pub resource: Resource,
}

/// A resource in a bundle, tagged in JSON by `resourceType`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "resourceType")]
pub enum Resource {
    /// A finding.
    Observation(Observation),
    /// A referral.
    ServiceRequest(ServiceRequest),
    /// Any other action of the plan.
    Task(Task),
}

/// A FHIR `Observation`: what one instrument found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    /// `observation-` and the instrument's key.
    pub id: String,
    /// What produced it.
    pub meta: Meta,
    /// `final`, or `preliminary` while the instrument is incomplete.
    pub status: String,
    /// What was observed.
    pub code: CodeableConcept,
    /// The person.
    pub subject: Reference,
    /// A score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// A measurement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    /// A result in words or codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_codeable_concept: Option<CodeableConcept>,
    /// How the value is read (a BMI's classification).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interpretation: Vec<CodeableConcept>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    /// The parts (a BMI's height and weight).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub component: Vec<ObservationComponent>,
}

/// One part of an observation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ObservationComponent {
    /// What the part is.
    pub code: CodeableConcept,
    /// A measurement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    /// A score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
}

/// A FHIR `ServiceRequest`: a referral of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ServiceRequest {
    /// `referral-` and the action's place in the plan, from 1.
    pub id: String,
    /// What produced it.
    pub meta: Meta,
    /// The action's id in the plan.
    pub identifier: Vec<Identifier>,
    /// `draft` until accepted, `active` once accepted, `completed` once
    /// sent, `revoked` when declined or not done.
    pub status: String,
    /// `proposal` until accepted, then `order`.
    pub intent: String,
    /// The service, with its confirmed SNOMED CT code where there is one.
    pub code: CodeableConcept,
    /// The person.
    pub subject: Reference,
    /// The service's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performer_type: Option<CodeableConcept>,
    /// Why: the rule and the outcomes it relied on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reason_code: Vec<CodeableConcept>,
    /// What the practitioner does, how soon, and what became of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

/// A FHIR `Task`: an action of the plan other than a referral.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Task {
    /// `action-` and the action's place in the plan, from 1.
    pub id: String,
    /// What produced it.
    pub meta: Meta,
    /// The action's id in the plan.
    pub identifier: Vec<Identifier>,
    /// `requested`, `accepted`, `rejected`, `cancelled` or `completed`, as
    /// the host reported.
    pub status: String,
    /// Always `"plan"`: the plan proposes it to the practitioner.
    pub intent: String,
    /// `urgent` for a safety alert; `routine` otherwise.
    pub priority: String,
    /// The kind of action (`follow_up`, `safety_alert`, ...).
    pub code: CodeableConcept,
    /// What the practitioner does.
    pub description: String,
    /// The person.
    #[serde(rename = "for")]
    pub for_: Reference,
    /// Why, what to record, and what became of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

/// A provenance tag: `name:value` in the crate's provenance system.
pub(crate) fn tag(base: &CanonicalBase, name: &str, value: &str) -> Coding {
    // A FHIR code has no runs of whitespace; the display keeps the value as given.
    let code: String = value
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    Coding::new(
        &base.provenance_system(),
        &format!("{name}:{code}"),
        &format!("{name} {value}"),
    )
}

fn provenance(assessment: &Assessment, base: &CanonicalBase) -> Meta {
    Meta {
        profile: Vec::new(),
        tag: vec![
            tag(base, "crate-version", &assessment.mecc_version),
            tag(base, "policy-id", &assessment.policy.id),
            tag(base, "policy-version", &assessment.policy.version),
        ],
    }
}

/// The assessment as a `collection` bundle about `subject` (a reference the
/// host gives, such as `Patient/123`): an `Observation` per finding, a
/// `ServiceRequest` per referral and a `Task` per other action, in the
/// plan's order, each tagged with the crate and policy versions.
#[must_use]
pub fn bundle(assessment: &Assessment, subject: &Reference, base: &CanonicalBase) -> Bundle {
    let meta = provenance(assessment, base);
    let mut entry: Vec<BundleEntry> = observations(assessment, subject, &meta)
        .into_iter()
        .map(|o| BundleEntry {
            resource: Resource::Observation(o),
        })
        .collect();
    for (i, action) in assessment.plan.iter().enumerate() {
        let resource = if action.kind == ActionKind::Referral {
            Resource::ServiceRequest(service_request(i + 1, action, subject, &meta, base))
        } else {
            Resource::Task(task(i + 1, action, subject, &meta, base))
        };
        entry.push(BundleEntry { resource });
    }
    Bundle {
        resource_type: "Bundle".to_owned(),
        meta,
        type_: "collection".to_owned(),
        entry,
    }
}

// ---------------------------------------------------------------- observations

/// The name a value serializes as: the string, or an object's `kind`.
/// A finding's result as words: the code itself, or for a tagged result
/// (`{"kind": "band", "value": "higher_risk"}`, `{"kind": "adult", "value":
/// {"category": "obesity_class_1", ...}}`) the value it carries (its
/// category or index where it has one), never the tag alone, which names
/// only the kind of result.
fn kind_of<T: Serialize>(value: &T) -> String {
    fn words(v: &Value) -> Option<&str> {
        match v {
            Value::String(s) => Some(s),
            Value::Object(o) => match o.get("value") {
                Some(Value::String(s)) => Some(s),
                Some(Value::Object(inner)) => ["category", "index"]
                    .iter()
                    .find_map(|k| inner.get(*k).and_then(Value::as_str))
                    .or_else(|| o.get("kind").and_then(Value::as_str)),
                _ => o.get("kind").and_then(Value::as_str),
            },
            _ => None,
        }
    }
    serde_json::to_value(value)
        .ok()
        .as_ref()
        .and_then(words)
        .unwrap_or_default()
        .replace('_', " ")
}

fn coded(codes: &[(&str, &str, &str)], text: &str) -> CodeableConcept {
    CodeableConcept {
        coding: codes
            .iter()
            .map(|(system, code, display)| Coding::new(system, code, display))
            .collect(),
        text: Some(text.to_owned()),
    }
}

/// The confirmed code of a concept, as a SNOMED CT coding triple.
fn snomed(concept: Concept) -> Option<(&'static str, &'static str, String)> {
    concept
        .snomed_ct()
        .map(|code| (SNOMED_CT, code, concept.to_string()))
}

fn with_snomed(concept: Concept, loinc: Option<(&str, &str)>, text: &str) -> CodeableConcept {
    let mut coding = Vec::new();
    if let Some((system, code, display)) = snomed(concept) {
        coding.push(Coding::new(system, code, &display));
    }
    if let Some((code, display)) = loinc {
        coding.push(Coding::new(LOINC, code, display));
    }
    CodeableConcept {
        coding,
        text: Some(text.to_owned()),
    }
}

fn observation(key: &str, meta: &Meta, subject: &Reference, code: CodeableConcept) -> Observation {
    Observation {
        id: format!("observation-{}", key.replace('_', "-")),
        meta: meta.clone(),
        status: "final".to_owned(),
        code,
        subject: subject.clone(),
        value_integer: None,
        value_quantity: None,
        value_codeable_concept: None,
        interpretation: Vec::new(),
        note: Vec::new(),
        component: Vec::new(),
    }
}

/// Confirmed LOINC codes (CLINICAL-REFERENCE §11.14).
const LOINC_AUDIT_C: (&str, &str) = ("75626-2", "Total score [AUDIT-C]");
const LOINC_BMI: (&str, &str) = ("39156-5", "Body mass index (BMI) [Ratio]");
const LOINC_HEIGHT: (&str, &str) = ("8302-2", "Body height");
const LOINC_WEIGHT: (&str, &str) = ("29463-7", "Body weight");

fn status(complete: bool) -> String {
    if complete { "final" } else { "preliminary" }.to_owned()
}

fn bmi_observation(
    key: &str,
    meta: &Meta,
    subject: &Reference,
    bmi_tenths: u16,
    height_mm: u32,
    weight_g: u32,
    classification: &str,
) -> Observation {
    let mut o = observation(
        key,
        meta,
        subject,
        with_snomed(Concept::BodyMassIndex, Some(LOINC_BMI), "Body mass index"),
    );
    o.value_quantity = Some(Quantity::ucum(f64::from(bmi_tenths) / 10.0, "kg/m2"));
    o.interpretation = vec![CodeableConcept::text(classification)];
    o.component = vec![
        ObservationComponent {
            code: coded(&[(LOINC, LOINC_HEIGHT.0, LOINC_HEIGHT.1)], "Body height"),
            value_quantity: Some(Quantity::ucum(f64::from(height_mm) / 10.0, "cm")),
            value_integer: None,
        },
        ObservationComponent {
            code: coded(&[(LOINC, LOINC_WEIGHT.0, LOINC_WEIGHT.1)], "Body weight"),
            value_quantity: Some(Quantity::ucum(f64::from(weight_g) / 1000.0, "kg")),
            value_integer: None,
        },
    ];
    o
}

fn observations(a: &Assessment, subject: &Reference, meta: &Meta) -> Vec<Observation> {
    let f = &a.findings;
    let mut out = alcohol_observations(a, subject, meta);
    if let Some(s) = &f.smoking {
        out.push(smoking_observation(s, subject, meta));
    }
    if let Some(b) = &f.bmi {
        out.push(bmi_observation(
            "bmi",
            meta,
            subject,
            b.bmi_tenths,
            b.height_mm,
            b.weight_g,
            &kind_of(&b.classification),
        ));
    }
    if let Some(act) = &f.activity {
        out.push(activity_observation(act, subject, meta));
    }
    if let Some(c) = &f.child_bmi {
        out.push(bmi_observation(
            "child_bmi",
            meta,
            subject,
            c.bmi_tenths,
            c.height_mm,
            c.weight_g,
            &kind_of(&c.classification),
        ));
    }
    out
}

/// PAT, AUDIT and FAST, each with its own result.
fn alcohol_observations(a: &Assessment, subject: &Reference, meta: &Meta) -> Vec<Observation> {
    let f = &a.findings;
    let mut out = Vec::new();
    if let Some(p) = &f.pat {
        let mut o = observation(
            "pat",
            meta,
            subject,
            CodeableConcept::text("Paddington Alcohol Test (PAT) result"),
        );
        o.value_codeable_concept = Some(CodeableConcept::text(&format!(
            "PAT {}",
            kind_of(&p.result)
        )));
        o.status = status(!matches!(
            p.result,
            crate::instruments::pat::PatResult::Incomplete { .. }
        ));
        out.push(o);
    }
    if let Some(audit) = &f.audit {
        let mut o = observation(
            "audit",
            meta,
            subject,
            with_snomed(Concept::AuditCScore, Some(LOINC_AUDIT_C), "AUDIT-C score"),
        );
        o.value_integer = Some(i64::from(audit.audit_c.total));
        o.interpretation = vec![CodeableConcept::text(&kind_of(&audit.audit_c.result))];
        // A total with items not yet answered may rise: never final.
        o.status = status(audit.audit_c.complete);
        if audit.complete {
            o.component.push(ObservationComponent {
                code: CodeableConcept::text("AUDIT total score (all ten questions)"),
                value_quantity: None,
                value_integer: Some(i64::from(audit.total)),
            });
        }
        out.push(o);
    }
    if let Some(fast) = &f.fast {
        let mut o = observation("fast", meta, subject, CodeableConcept::text("FAST score"));
        o.value_integer = Some(i64::from(fast.total));
        o.interpretation = vec![CodeableConcept::text(&kind_of(&fast.result))];
        o.status = status(fast.complete || fast.short_cut.is_some());
        out.push(o);
    }
    out
}

fn smoking_observation(
    s: &crate::instruments::smoking::Finding,
    subject: &Reference,
    meta: &Meta,
) -> Observation {
    use crate::instruments::smoking::SmokingConcept;
    let concept = match s.snomed_ct {
        SmokingConcept::Smoker => Concept::Smoker,
        SmokingConcept::ExSmoker => Concept::ExSmoker,
        SmokingConcept::NeverSmokedTobacco => Concept::NeverSmokedTobacco,
    };
    let mut o = observation(
        "smoking",
        meta,
        subject,
        CodeableConcept::text("Tobacco smoking status"),
    );
    o.value_codeable_concept = Some(match snomed(concept) {
        Some((system, code, display)) => coded(&[(system, code, &display)], &display),
        None => CodeableConcept::text(&concept.to_string()),
    });
    o
}

fn activity_observation(
    act: &crate::instruments::activity::Finding,
    subject: &Reference,
    meta: &Meta,
) -> Observation {
    use crate::instruments::activity::{GppaqOutcome, WeeklyOutcome};
    let mut o = if let GppaqOutcome::Scored(r) = &act.gppaq {
        let mut o = observation(
            "activity",
            meta,
            subject,
            with_snomed(
                Concept::GppaqPhysicalActivityIndex,
                None,
                "GPPAQ physical activity index",
            ),
        );
        // The four index values' codes are not confirmed (§7): text.
        o.value_codeable_concept = Some(CodeableConcept::text(&kind_of(&r.index)));
        o
    } else {
        let mut o = observation(
            "activity",
            meta,
            subject,
            CodeableConcept::text("Physical activity"),
        );
        o.value_codeable_concept = Some(CodeableConcept::text(&match &act.weekly {
            WeeklyOutcome::Assessed(w) => {
                format!("aerobic guideline {}", kind_of(&w.aerobic_guideline))
            }
            WeeklyOutcome::NotAsked => format!("GPPAQ {}", kind_of(&act.gppaq)),
        }));
        o
    };
    if let WeeklyOutcome::Assessed(w) = &act.weekly {
        o.component.push(ObservationComponent {
            code: CodeableConcept::text("Moderate-equivalent minutes of activity in a week"),
            value_quantity: Some(Quantity::ucum(
                f64::from(w.moderate_equivalent_minutes),
                "min/wk",
            )),
            value_integer: None,
        });
    }
    o
}

// ---------------------------------------------------------------- actions

fn identifier(action: &Action, base: &CanonicalBase) -> Vec<Identifier> {
    vec![Identifier {
        system: Some(base.action_system()),
        value: Some(action.id.to_string()),
    }]
}

fn why(action: &Action) -> String {
    let relied: Vec<&str> = action
        .reason
        .relied_on
        .iter()
        .map(crate::outcome::Outcome::as_str)
        .collect();
    if relied.is_empty() {
        format!("rule {}", action.reason.rule)
    } else {
        format!("rule {}, on {}", action.reason.rule, relied.join(", "))
    }
}

/// The referral's status and intent for what the host reported
/// (CLINICAL-REFERENCE §11.14): only an accepted offer is an order.
fn referral_status(response: Option<ResponseStatus>) -> (&'static str, &'static str) {
    match response {
        None | Some(ResponseStatus::Offered) => ("draft", "proposal"),
        Some(ResponseStatus::Accepted) => ("active", "order"),
        Some(ResponseStatus::Delivered) => ("completed", "order"),
        Some(ResponseStatus::Declined | ResponseStatus::NotDone) => ("revoked", "proposal"),
    }
}

fn service_request(
    place: usize,
    action: &Action,
    subject: &Reference,
    meta: &Meta,
    base: &CanonicalBase,
) -> ServiceRequest {
    let (status, intent) = referral_status(action.response);
    let service = action
        .pathway
        .as_ref()
        .map_or_else(|| action.text.to_string(), |p| p.name.to_string());
    // Only the confirmed referral codes, and only when the plan's code is
    // the confirmed one (not a policy's own, not a fallback's).
    let coding = action
        .code
        .as_ref()
        .filter(|c| {
            matches!(
                c.concept,
                Concept::ReferralToSmokingCessationService
                    | Concept::ReferralToWeightManagementProgramme
            ) && c.concept.snomed_ct() == Some(c.snomed_ct.as_ref())
        })
        .map(|c| Coding::new(SNOMED_CT, &c.snomed_ct, &c.concept.to_string()));
    let mut note = vec![Annotation {
        text: action.text.to_string(),
    }];
    let how: Vec<String> = [
        action.mode.map(|m| m.to_string()),
        action.urgency.map(|u| u.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !how.is_empty() {
        note.push(Annotation {
            text: how.join(", "),
        });
    }
    if let Some(r) = action.response {
        note.push(Annotation {
            text: format!("response: {}", r.as_str()),
        });
    }
    ServiceRequest {
        id: format!("referral-{place}"),
        meta: meta.clone(),
        identifier: identifier(action, base),
        status: status.to_owned(),
        intent: intent.to_owned(),
        code: CodeableConcept {
            coding: coding.into_iter().collect(),
            text: Some(format!("Referral: {service}")),
        },
        subject: subject.clone(),
        performer_type: action
            .pathway
            .as_ref()
            .map(|p| CodeableConcept::text(&p.name)),
        reason_code: vec![CodeableConcept::text(&why(action))],
        note,
    }
}

/// The task's status for what the host reported.
fn task_status(response: Option<ResponseStatus>) -> &'static str {
    match response {
        None | Some(ResponseStatus::Offered) => "requested",
        Some(ResponseStatus::Accepted) => "accepted",
        Some(ResponseStatus::Declined) => "rejected",
        Some(ResponseStatus::Delivered) => "completed",
        Some(ResponseStatus::NotDone) => "cancelled",
    }
}

fn task(
    place: usize,
    action: &Action,
    subject: &Reference,
    meta: &Meta,
    base: &CanonicalBase,
) -> Task {
    let mut note = vec![Annotation { text: why(action) }];
    if let Some(code) = &action.code {
        note.push(Annotation {
            text: format!("record: {}, SNOMED CT {}", code.concept, code.snomed_ct),
        });
    }
    if let Some(p) = &action.pathway {
        note.push(Annotation {
            text: format!("service: {}", p.name),
        });
    }
    Task {
        id: format!("action-{place}"),
        meta: meta.clone(),
        identifier: identifier(action, base),
        status: task_status(action.response).to_owned(),
        intent: "plan".to_owned(),
        priority: if action.kind == ActionKind::SafetyAlert {
            "urgent"
        } else {
            "routine"
        }
        .to_owned(),
        code: CodeableConcept::text(&kind_of(&action.kind)),
        description: action.text.to_string(),
        for_: subject.clone(),
        note,
    }
}
