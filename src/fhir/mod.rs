//! FHIR R4 in and out (feature `fhir`): the question bank as one
//! `Questionnaire` per instrument, a `QuestionnaireResponse` read back into
//! [`Answers`](crate::Answers), and an [`Assessment`](crate::Assessment)
//! written as a `Bundle` of `Observation`, `ServiceRequest` and `Task`
//! resources.
//!
//! The resource types here are the crate's own: only the elements it writes
//! or reads, with FHIR's JSON names. They follow FHIR's JSON rules rather than
//! the crate's (CLINICAL-REFERENCE §11.14): an absent element is left out, never
//! `null`, and elements the crate does not read are ignored when a response is
//! read, except `modifierExtension`, which changes the meaning of what it sits
//! on and so is refused.
//!
//! # Canonical URLs
//!
//! A questionnaire's `url`, the code system of the answer codes and the
//! systems of the provenance tags are built on a base URL the host owns and
//! passes in ([`CanonicalBase`]): `{base}/Questionnaire/mecc-audit`,
//! `{base}/CodeSystem/mecc-answer`. [`CanonicalBase::example`] gives
//! `https://mecc.example/fhir`, for examples and tests only.
//!
//! # From a response to a plan
//!
//! ```
//! use mecc::fhir::{self, CanonicalBase, QuestionnaireResponse, Reference};
//! use mecc::policy::Policy;
//!
//! let base = CanonicalBase::example();
//! let questionnaire = fhir::questionnaire("audit", &base).ok_or("the AUDIT")?;
//! assert_eq!(questionnaire.url, "https://mecc.example/fhir/Questionnaire/mecc-audit");
//!
//! // Two answers of the AUDIT-C, as a form filler returns them.
//! let response = QuestionnaireResponse::from_json(r#"{
//!   "resourceType": "QuestionnaireResponse",
//!   "questionnaire": "https://mecc.example/fhir/Questionnaire/mecc-audit",
//!   "status": "completed",
//!   "item": [
//!     {"linkId": "audit.frequency", "answer": [{"valueCoding": {
//!       "system": "https://mecc.example/fhir/CodeSystem/mecc-answer",
//!       "code": "four_or_more_times_per_week"}}]},
//!     {"linkId": "audit.typical_day", "answer": [{"valueCoding": {
//!       "system": "https://mecc.example/fhir/CodeSystem/mecc-answer",
//!       "code": "five_to_six"}}]}
//!   ]
//! }"#)?;
//! let answers = fhir::answers_from_response(&response, &base)?;
//!
//! let contact = mecc::context::Contact::from_json(r#"{"age": 50, "sex": "female",
//!     "pregnant": "no", "setting": "general_practice", "time_available": "brief"}"#)?;
//! let assessment = mecc::assess(&contact, &answers, &Policy::national_default()?)?;
//! let bundle = fhir::bundle(&assessment, &Reference::to("Patient/example"), &base);
//! assert_eq!(bundle.type_, "collection");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A mistake in a response is refused with [`Error::Json`]
//! whose pointer is into the response (`/item/0/answer/0`) and whose message
//! names the item's `linkId`:
//!
//! ```
//! use mecc::fhir::{self, CanonicalBase, QuestionnaireResponse};
//!
//! let response = QuestionnaireResponse::from_json(r#"{
//!   "resourceType": "QuestionnaireResponse",
//!   "questionnaire": "https://mecc.example/fhir/Questionnaire/mecc-audit",
//!   "status": "completed",
//!   "item": [{"linkId": "audit.frequency", "answer": [{"valueCoding": {"code": "weekly"}}]}]
//! }"#)?;
//! let err = fhir::answers_from_response(&response, &CanonicalBase::example()).unwrap_err();
//! assert_eq!(err.pointer(), Some("/item/0/answer/0/valueCoding/code"));
//! assert!(err.to_string().starts_with("linkId \"audit.frequency\""));
//! # Ok::<(), mecc::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::Error;

mod bundle;
mod questionnaire;
mod response;

pub use bundle::{
    Bundle, BundleEntry, Observation, ObservationComponent, Resource, ServiceRequest, Task, bundle,
};
pub use questionnaire::{
    AnswerOption, EnableWhen, ItemType, Questionnaire, QuestionnaireItem, questionnaire,
    questionnaires,
};
pub use response::{
    QuestionnaireResponse, ResponseAnswer, ResponseItem, answers_from_json, answers_from_response,
    answers_from_responses,
};

/// The FHIR version the resources are written for.
pub const FHIR_VERSION: &str = "4.0.1";

/// The UCUM code system, for units.
pub const UCUM: &str = "http://unitsofmeasure.org";
/// SNOMED CT.
pub const SNOMED_CT: &str = "http://snomed.info/sct";
/// LOINC.
pub const LOINC: &str = "http://loinc.org";

/// The core R4 extension giving the unit of an `integer` or `decimal` item
/// (a `valueCoding`).
pub const EXT_QUESTIONNAIRE_UNIT: &str =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
/// The core R4 extension giving a unit a `quantity` item accepts (a
/// `valueCoding`, one extension per unit).
pub const EXT_QUESTIONNAIRE_UNIT_OPTION: &str =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption";
/// The core R4 extension giving the least value an item accepts.
pub const EXT_MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
/// The core R4 extension giving the greatest value an item accepts.
pub const EXT_MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";

/// The base URL the crate's canonical URLs and code systems are built on:
/// one the host owns, such as `https://fhir.example.org/mecc`.
///
/// ```
/// use mecc::fhir::CanonicalBase;
///
/// let base = CanonicalBase::new("https://fhir.example.org/mecc/")?;
/// assert_eq!(base.questionnaire_url("child_bmi"), "https://fhir.example.org/mecc/Questionnaire/mecc-child-bmi");
/// assert!(CanonicalBase::new("fhir.example.org").is_err());
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CanonicalBase {
    base: String,
}

impl CanonicalBase {
    /// The example base, `https://mecc.example/fhir`: for examples and tests
    /// only (`.example` is a reserved name that no real server has).
    #[must_use]
    pub fn example() -> CanonicalBase {
        CanonicalBase {
            base: "https://mecc.example/fhir".to_owned(),
        }
    }

    /// A base URL: absolute `http` or `https`, without spaces, query or
    /// fragment. A trailing `/` is dropped.
    ///
    /// # Errors
    /// [`Error::Invalid`] (field `base`) for anything else.
    pub fn new(base: &str) -> Result<CanonicalBase, Error> {
        let trimmed = base.trim_end_matches('/');
        let rest = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"));
        let ok = rest.is_some_and(|rest| {
            !rest.is_empty()
                && !rest.starts_with('/')
                && !rest.contains(|c: char| c.is_whitespace() || c == '?' || c == '#' || c == '|')
        });
        if ok {
            Ok(CanonicalBase {
                base: trimmed.to_owned(),
            })
        } else {
            Err(Error::Invalid {
                field: "base",
                value: format!("{base:?}"),
                expected: "an absolute http or https URL the host owns, without spaces, \
                           query or fragment, such as \"https://fhir.example.org/mecc\"",
            })
        }
    }

    /// The base URL itself.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// The canonical URL of the questionnaire of the instrument with this key
    /// (as in [`Answers`](crate::Answers)).
    #[must_use]
    pub fn questionnaire_url(&self, instrument: &str) -> String {
        format!(
            "{}/Questionnaire/{}",
            self.base,
            questionnaire_id(instrument)
        )
    }

    /// The code system of the answer codes: a code means what the bank says
    /// for the question whose item it answers.
    #[must_use]
    pub fn answer_system(&self) -> String {
        format!("{}/CodeSystem/mecc-answer", self.base)
    }

    /// The code system of the provenance tags: `crate-version`,
    /// `policy-id` and `policy-version` are each tagged with a code `name:value`.
    #[must_use]
    pub fn provenance_system(&self) -> String {
        format!("{}/CodeSystem/mecc-provenance", self.base)
    }

    /// The identifier system of a plan's action ids.
    #[must_use]
    pub fn action_system(&self) -> String {
        format!("{}/NamingSystem/mecc-action", self.base)
    }
}

/// The resource id of an instrument's questionnaire: `mecc-` and the key,
/// with `-` for `_` (a FHIR id has no underscores).
pub(crate) fn questionnaire_id(instrument: &str) -> String {
    format!("mecc-{}", instrument.replace('_', "-"))
}

// ---------------------------------------------------------------- data types

/// A code from a code system (FHIR `Coding`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Coding {
    /// The code system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What the code means, for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Coding {
    /// A code of `system`, with its display.
    #[must_use]
    pub fn new(system: &str, code: &str, display: &str) -> Coding {
        Coding {
            system: Some(system.to_owned()),
            code: Some(code.to_owned()),
            display: Some(display.to_owned()),
        }
    }
}

/// Codes and text for one concept (FHIR `CodeableConcept`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CodeableConcept {
    /// Codes for the concept, in several systems where it has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    /// The concept in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl CodeableConcept {
    /// A concept with no confirmed code: text only.
    #[must_use]
    pub fn text(text: &str) -> CodeableConcept {
        CodeableConcept {
            coding: Vec::new(),
            text: Some(text.to_owned()),
        }
    }
}

/// A measured amount (FHIR `Quantity`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Quantity {
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The unit, for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The unit's code system: UCUM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The unit's UCUM code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl Quantity {
    /// `value` in the UCUM unit `code`.
    #[must_use]
    pub fn ucum(value: f64, code: &str) -> Quantity {
        Quantity {
            value: Some(value),
            unit: Some(code.to_owned()),
            system: Some(UCUM.to_owned()),
            code: Some(code.to_owned()),
        }
    }
}

/// An extension (FHIR `Extension`), with the value types the crate writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    /// What the extension is.
    pub url: String,
    /// Its value, when a code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    /// Its value, when a whole number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// Its value, when a number with a fraction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_decimal: Option<f64>,
}

/// Metadata about a resource (FHIR `Meta`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Meta {
    /// The profiles the resource claims to meet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profile: Vec<String>,
    /// Tags: here, what produced the resource (crate and policy versions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tag: Vec<Coding>,
}

/// A reference to another resource (FHIR `Reference`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reference {
    /// A literal reference: `Patient/123`, an absolute URL or a `urn:uuid:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Text for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Reference {
    /// A literal reference, such as `Patient/123` or `urn:uuid:...`.
    #[must_use]
    pub fn to(reference: &str) -> Reference {
        Reference {
            reference: Some(reference.to_owned()),
            display: None,
        }
    }
}

/// A business identifier (FHIR `Identifier`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Identifier {
    /// The namespace of the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A note (FHIR `Annotation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Annotation {
    /// The note.
    pub text: String,
}

/// The UCUM code for a unit of the bank, where it has one. The bank's
/// other units ("UK units", "times a week", "cigarettes a day") are not UCUM
/// units and go without.
pub(crate) fn ucum_code(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "cm" => "cm",
        "kg" => "kg",
        "in" => "[in_i]",
        "lb" => "[lb_av]",
        "days" => "d",
        "weeks" => "wk",
        "months" => "mo",
        "years" => "a",
        "minutes" => "min",
        "ppm" => "[ppm]",
        _ => return None,
    })
}
