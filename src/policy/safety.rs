//! The built-in safety alerts, and the explicit override needed to change them.
//!
//! Three kinds of alert protect people from direct harm: possible alcohol
//! dependence (advice to stop abruptly can bring on withdrawal; raised when
//! dependence is found and while it is not ruled out), possible
//! carbon-monoxide poisoning, and the safeguarding prompts for children and
//! young people (CLINICAL-REFERENCE §8.1). A policy that removes or changes a
//! rule that raises one is refused unless it names that rule in `safety_overrides`,
//! with the reason and who approved it; the override is then recorded in every
//! assessment made with the policy.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::policy::document::{PolicyDocument, Rule};
use crate::policy::{Diagnostic, DiagnosticCode, NATIONAL_DEFAULT_JSON};

/// The ids of the national default rules that raise the built-in safety alerts.
pub const PROTECTED_RULES: [&str; 7] = [
    "safeguarding.under_18_alcohol",
    "safeguarding.pregnancy_under_16",
    "alcohol.possible_dependence_alert",
    "alcohol.possible_dependence_alert_non_clinical",
    "alcohol.dependence_not_ruled_out_alert",
    "alcohol.dependence_not_ruled_out_alert_non_clinical",
    "general.co_poisoning_alert",
];

/// An explicit, recorded decision to remove or change a protected safety rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SafetyOverride {
    /// The protected rule removed or changed.
    pub rule_id: String,
    /// Why, in words a clinical safety officer would sign.
    pub reason: String,
    /// Who approved it (a name or role), for the safety record.
    pub approved_by: String,
}

/// Checks that every protected rule is present and unchanged from the national
/// default, unless an override names it; and that every override is complete.
pub(crate) fn check(document: &PolicyDocument, diags: &mut Vec<Diagnostic>) {
    for o in &document.safety_overrides {
        if !PROTECTED_RULES.contains(&o.rule_id.as_str()) {
            diags.push(Diagnostic::rule(
                DiagnosticCode::SafetyOverrideInvalid,
                &o.rule_id,
                format!(
                    "safety override names rule {}, which is not a protected safety rule; protected rules are {}",
                    o.rule_id,
                    PROTECTED_RULES.join(" and ")
                ),
            ));
        } else if o.reason.trim().is_empty() || o.approved_by.trim().is_empty() {
            diags.push(Diagnostic::rule(
                DiagnosticCode::SafetyOverrideInvalid,
                &o.rule_id,
                format!(
                    "safety override of rule {} needs a reason and who approved it",
                    o.rule_id
                ),
            ));
        }
    }
    let national = national_rules();
    for id in PROTECTED_RULES {
        if document.safety_overrides.iter().any(|o| o.rule_id == id) {
            continue;
        }
        let built_in = national.iter().find(|r| r.id == id);
        match document.rules.iter().find(|r| r.id == id) {
            None => diags.push(Diagnostic::rule(
                DiagnosticCode::SafetyRuleRemoved,
                id,
                format!(
                    "the policy has no rule {id}, which raises a built-in safety alert; keep it, or record a safety_overrides entry with the reason and approver"
                ),
            )),
            Some(rule) if Some(rule) != built_in => diags.push(Diagnostic::rule(
                DiagnosticCode::SafetyRuleChanged,
                id,
                format!(
                    "rule {id} raises a built-in safety alert and differs from the national default; restore it, or record a safety_overrides entry with the reason and approver"
                ),
            )),
            Some(_) => {}
        }
    }
}

/// The protected rules as the shipped national default has them, parsed once
/// per process: the document is constant, and parsing all of it on every check
/// cost more than the rest of checking a small policy.
///
/// Should the shipped document not parse (the crate's tests rule it out), the
/// list is empty and every protected rule present reads as changed, so a
/// policy is refused rather than let through unchecked.
fn national_rules() -> &'static [Rule] {
    static NATIONAL: OnceLock<Vec<Rule>> = OnceLock::new();
    NATIONAL.get_or_init(|| {
        PolicyDocument::from_json(NATIONAL_DEFAULT_JSON)
            .map(|d| {
                d.rules
                    .into_iter()
                    .filter(|r| PROTECTED_RULES.contains(&r.id.as_str()))
                    .collect()
            })
            .unwrap_or_default()
    })
}
