//! The compiled stage: a [`Policy`], the evaluator built from a
//! [`CheckedPolicy`] and reused for every contact. Checking lives in the
//! `check` module and evaluation in `evaluate`.

use std::sync::{Arc, OnceLock};

use crate::json_out::needs_no_escape;
use crate::policy::Diagnostic;
use crate::policy::check::{CheckedPathway, CheckedPolicy, CheckedRule};
use crate::policy::condition::Conditions;
use crate::policy::document::PolicyDocument;
use crate::policy::evaluate::FixedSteps;
use crate::policy::index::RuleIndex;

/// A checked, compiled policy, ready to evaluate many contacts.
///
/// It is built from a [`CheckedPolicy`], which finds every problem at once, so
/// a `Policy` that exists has none. It is `Send + Sync` and cheap to share
/// across threads (wrap it in an `Arc`).
///
/// ```
/// use mecc::policy::Policy;
///
/// let policy = Policy::national_default()?;
/// assert_eq!(policy.id(), "mecc-national-default");
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Policy {
    pub(crate) id: Arc<str>,
    pub(crate) version: Arc<str>,
    pub(crate) mecc_version: Arc<str>,
    /// What every assessment records of this policy, built once.
    pub(crate) stamp: crate::PolicyStamp,
    pub(super) pathways: Vec<CheckedPathway>,
    pub(super) rules: Vec<CheckedRule>,
    /// The rules by the outcomes they need, so planning visits only those
    /// that can fire.
    pub(super) rule_index: RuleIndex,
    /// The actions that are the same in every contact, made once.
    pub(super) fixed_steps: FixedSteps,
    pub(super) conditions: Conditions,
    pub(super) topics: Vec<crate::policy::check::TopicRouting>,
    /// Each topic's place in `topics`, by the topic's discriminant
    /// (`Topic::ALL[i] as usize == i`); a topic not listed comes last.
    pub(super) topic_ranks: [usize; crate::outcome::Topic::ALL.len()],
    pub(super) gp: usize,
    pub(super) templates: crate::policy::Templates,
    /// Whether nothing the engine can write a plan's text from has anything
    /// to escape in JSON: every wording, template and pathway name, and the
    /// topics' words. Then the engine's texts, written around a rule's, are
    /// copied into JSON as they are written out.
    pub(super) texts_need_no_escape: bool,
    /// Whether every id and code a plan names from the policy has nothing to
    /// escape in JSON: the rules' and actions' ids (which the ids the engine
    /// makes after a decline extend by a constant suffix), the pathways' ids
    /// and names, and the recording codes. Then they are copied into JSON.
    pub(super) ids_need_no_escape: bool,
    document: PolicyDocument,
}

impl Policy {
    /// The root of every condition the policy reads: each rule's, then each
    /// wording variant's.
    #[cfg(test)]
    pub(crate) fn condition_roots(&self) -> Vec<u32> {
        let rules = self.rules.iter().map(|r| r.root);
        let variants = self
            .rules
            .iter()
            .flat_map(|r| &r.actions)
            .flat_map(|a| a.variants.iter().map(|(root, _)| *root));
        rules.chain(variants).collect()
    }

    /// Checks `document` and compiles it.
    ///
    /// # Errors
    /// [`crate::Error::Policy`] with every diagnostic found (see
    /// [`DiagnosticCode`](crate::policy::DiagnosticCode)) when the document
    /// has any problem.
    pub fn compile(document: PolicyDocument) -> Result<Policy, crate::Error> {
        CheckedPolicy::new(document)
            .map(Policy::from_checked)
            .map_err(crate::Error::policy)
    }

    /// Compiles a policy that has already passed its checks. Nothing can fail
    /// here: every problem was found by [`CheckedPolicy::new`].
    #[must_use]
    pub fn from_checked(checked: CheckedPolicy) -> Policy {
        let CheckedPolicy {
            pathways,
            rules,
            conditions,
            topics,
            gp,
            templates,
            document,
        } = checked;
        let id: Arc<str> = document.id.as_str().into();
        let version: Arc<str> = document.version.as_str().into();
        let texts_need_no_escape = texts_need_no_escape(&pathways, &rules, &templates);
        let ids_need_no_escape = ids_need_no_escape(&pathways, &rules);
        Policy {
            stamp: crate::PolicyStamp {
                id: id.clone(),
                version: version.clone(),
                based_on: document.based_on.clone().map(Arc::new),
                safety_overrides: document.safety_overrides.as_slice().into(),
            },
            id,
            version,
            mecc_version: crate::VERSION.into(),
            pathways,
            rule_index: RuleIndex::new(&rules, &conditions),
            fixed_steps: FixedSteps::new(&rules),
            rules,
            conditions,
            topic_ranks: crate::outcome::Topic::ALL.map(|topic| {
                topics
                    .iter()
                    .position(|t| t.topic == topic)
                    .unwrap_or(topics.len())
            }),
            topics,
            gp,
            templates,
            texts_need_no_escape,
            ids_need_no_escape,
            document,
        }
    }

    /// Parses a policy document from JSON, checks it and compiles it.
    ///
    /// # Errors
    /// As [`PolicyDocument::from_json`] when the JSON does not have the
    /// policy's shape ([`crate::Error::Json`], whose diagnostics are one
    /// `malformed_document`); otherwise [`crate::Error::Policy`] with every
    /// problem found.
    pub fn from_json(json: &str) -> Result<Policy, crate::Error> {
        let document = PolicyDocument::from_json(json)?;
        Policy::compile(document)
    }

    /// Checks `document` and returns every problem found, without compiling:
    /// the same list, in the same order, as [`CheckedPolicy::new`] gives.
    #[must_use]
    pub fn check(document: &PolicyDocument) -> Vec<Diagnostic> {
        CheckedPolicy::new(document.clone())
            .err()
            .unwrap_or_default()
    }

    /// The national default policy, checked and compiled once per process and
    /// shared: checking it includes the coverage enumeration, which is far
    /// dearer than borrowing the result.
    ///
    /// # Errors
    /// Only if the shipped document were invalid, which the crate's tests rule out.
    pub fn national_default_shared() -> Result<&'static Policy, crate::Error> {
        static NATIONAL: OnceLock<Result<Policy, crate::Error>> = OnceLock::new();
        NATIONAL
            .get_or_init(|| Policy::compile(PolicyDocument::national_default()?))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The national default policy, checked and compiled (a copy of the one
    /// [`Policy::national_default_shared`] keeps).
    ///
    /// # Errors
    /// Only if the shipped document were invalid, which the crate's tests rule out.
    pub fn national_default() -> Result<Policy, crate::Error> {
        Policy::national_default_shared().cloned()
    }

    /// The policy's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The policy's version.
    #[must_use]
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The policy this one was derived from by an overlay, as (id, version).
    #[must_use]
    pub fn based_on(&self) -> Option<(&str, &str)> {
        self.stamp
            .based_on
            .as_deref()
            .map(|b| (b.id.as_str(), b.version.as_str()))
    }

    /// The recorded overrides of protected safety rules, if any.
    #[must_use]
    pub fn safety_overrides(&self) -> &[crate::policy::SafetyOverride] {
        &self.stamp.safety_overrides
    }

    /// How many rules the policy has.
    #[must_use]
    pub fn rules_len(&self) -> usize {
        self.rules.len()
    }

    /// The document the policy was compiled from.
    #[must_use]
    pub fn document(&self) -> &PolicyDocument {
        &self.document
    }
}

/// Whether every piece a plan's texts are written from has nothing to
/// escape in JSON (`Policy::texts_need_no_escape`). The templates are
/// read through their JSON form, so that a template added to
/// [`Templates`](crate::policy::Templates) is checked with the others.
fn texts_need_no_escape(
    pathways: &[CheckedPathway],
    rules: &[CheckedRule],
    templates: &crate::policy::Templates,
) -> bool {
    fn strings_need_no_escape(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(s) => needs_no_escape(s),
            serde_json::Value::Array(items) => items.iter().all(strings_need_no_escape),
            serde_json::Value::Object(fields) => fields.values().all(strings_need_no_escape),
            _ => true,
        }
    }
    let wordings = rules
        .iter()
        .flat_map(|r| &r.actions)
        .all(|a| a.texts.plain && a.variants.iter().all(|(_, texts)| texts.plain));
    let names = pathways.iter().all(|p| needs_no_escape(&p.reference.name));
    let topics = crate::outcome::Topic::ALL
        .iter()
        .all(|t| needs_no_escape(t.in_plain_words()));
    let templates = serde_json::to_value(templates).is_ok_and(|t| strings_need_no_escape(&t));
    wordings && names && topics && templates
}

/// Whether every id and code a plan names from the policy has nothing to
/// escape in JSON (`Policy::ids_need_no_escape`).
fn ids_need_no_escape(pathways: &[CheckedPathway], rules: &[CheckedRule]) -> bool {
    let pathways = pathways
        .iter()
        .all(|p| needs_no_escape(&p.reference.id) && needs_no_escape(&p.reference.name));
    let rules = rules.iter().all(|r| {
        needs_no_escape(&r.id)
            && r.actions.iter().all(|a| {
                needs_no_escape(&a.id)
                    && a.code
                        .as_ref()
                        .is_none_or(|c| needs_no_escape(&c.snomed_ct))
            })
    });
    pathways && rules
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(change: impl FnOnce(&mut PolicyDocument)) -> Policy {
        let mut document = PolicyDocument::national_default().expect("the shipped policy reads");
        change(&mut document);
        Policy::compile(document).expect("the changed policy compiles")
    }

    /// The national default's texts are copied into JSON; a quote in any
    /// one template, or in any one pathway's name, has every text escaped.
    #[test]
    fn texts_are_copied_only_when_nothing_they_are_written_from_needs_escaping() {
        assert!(compiled(|_| {}).texts_need_no_escape);
        let quoted_template = compiled(|d| d.templates.under_16_consent.text.push_str(" \"ok\""));
        assert!(!quoted_template.texts_need_no_escape);
        let quoted_person_text = compiled(|d| {
            if let Some(p) = &mut d.templates.declined_signpost.person_text {
                p.push('\\');
            }
        });
        assert!(!quoted_person_text.texts_need_no_escape);
        let quoted_name = compiled(|d| {
            if let Some(p) = d.pathways.last_mut() {
                p.name.push_str(" \"local\"");
            }
        });
        assert!(!quoted_name.texts_need_no_escape);
        // A name is written into a wording that names its pathway, but also
        // into the engine's templates when no wording does.
        let quoted_name_in_templates_only = compiled(|d| {
            fn unname(value: &mut serde_json::Value) {
                match value {
                    serde_json::Value::String(s) => *s = s.replace("{pathway}", "the service"),
                    serde_json::Value::Array(items) => items.iter_mut().for_each(unname),
                    serde_json::Value::Object(fields) => fields.values_mut().for_each(unname),
                    _ => {}
                }
            }
            let mut rules = serde_json::to_value(&d.rules).expect("rules serialize");
            unname(&mut rules);
            d.rules = serde_json::from_value(rules).expect("rules read back");
            for p in &mut d.pathways {
                p.name.push_str(" \"local\"");
            }
        });
        assert!(!quoted_name_in_templates_only.texts_need_no_escape);
    }

    /// The national default's ids, pathway names and codes are copied into
    /// JSON; a quote or a backslash in any one rule's id, pathway's id or
    /// recording code has them all escaped.
    #[test]
    fn ids_are_copied_only_when_none_needs_escaping() {
        assert!(compiled(|_| {}).ids_need_no_escape);
        let quoted_rule = compiled(|d| {
            // A rule the engine does not require by its id.
            if let Some(r) = d.rules.iter_mut().find(|r| r.id.starts_with("tobacco.")) {
                r.id.push_str("\"local\"");
            }
        });
        assert!(!quoted_rule.ids_need_no_escape);
        let quoted_pathway = compiled(|d| {
            // The id, and every reference to it.
            fn rename(value: &mut serde_json::Value) {
                match value {
                    serde_json::Value::String(s) if s == "stop_smoking_service" => s.push('"'),
                    serde_json::Value::Array(items) => items.iter_mut().for_each(rename),
                    serde_json::Value::Object(fields) => fields.values_mut().for_each(rename),
                    _ => {}
                }
            }
            let mut document = serde_json::to_value(&*d).expect("the policy serializes");
            rename(&mut document);
            *d = serde_json::from_value(document).expect("the policy reads back");
        });
        assert!(!quoted_pathway.ids_need_no_escape);
        let quoted_code = compiled(|d| {
            d.codes.push(crate::policy::CodeOverride {
                concept: crate::policy::Concept::AuditCScore,
                snomed_ct: "123\\".into(),
            });
        });
        assert!(!quoted_code.ids_need_no_escape);
    }
}
