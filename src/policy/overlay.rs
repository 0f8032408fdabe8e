//! Local overlays: how a service changes the national policy without code.
//!
//! An overlay names the resulting policy and lists only what changes: pathways
//! to update or add, rules to add, replace or remove, outcomes deliberately left
//! alone, and recording codes. Every list may be left out.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::context::Setting;
use crate::policy::document::{CodeOverride, NoAction, Pathway, PolicyDocument, PolicyRef, Rule};
use crate::policy::{Diagnostic, DiagnosticCode, ReferralMode};

/// A small document of local changes to a policy.
///
/// ```
/// use mecc::policy::{PolicyDocument, PolicyOverlay, Policy};
///
/// let overlay: PolicyOverlay = serde_json::from_str(r#"{
///     "id": "my-area", "version": "2026.1",
///     "pathways": [{"id": "tier_2_weight_management", "exists_locally": false}]
/// }"#)?;
/// let policy = Policy::compile(PolicyDocument::national_default()?.with_overlay(&overlay)?)?;
/// assert_eq!(policy.id(), "my-area");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyOverlay {
    /// The id of the resulting policy.
    pub id: String,
    /// The version of the resulting policy.
    pub version: String,
    /// Pathways to change (by id) or add.
    #[serde(default)]
    pub pathways: Vec<PathwayPatch>,
    /// Rules to add after the base policy's rules.
    #[serde(default)]
    pub add_rules: Vec<Rule>,
    /// Rules that replace base rules with the same id, in place.
    #[serde(default)]
    pub replace_rules: Vec<Rule>,
    /// Ids of base rules to remove.
    #[serde(default)]
    pub remove_rules: Vec<String>,
    /// Further outcomes deliberately left alone.
    #[serde(default)]
    pub no_action: Vec<NoAction>,
    /// Recording codes to use instead of the built-in ones.
    #[serde(default)]
    pub codes: Vec<CodeOverride>,
    /// Recorded decisions to remove or change a protected safety rule. Without
    /// one, an overlay that touches a safety rule is refused.
    #[serde(default)]
    pub safety_overrides: Vec<crate::policy::SafetyOverride>,
    /// Named values to set or add, such as a local service's phone number.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
}

/// Changes to one pathway. For a pathway the base policy has, only the fields
/// given change; a new pathway must give every field but `fallback`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PathwayPatch {
    /// The pathway's id.
    pub id: String,
    /// A new display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether the service exists locally.
    #[serde(default)]
    pub exists_locally: Option<bool>,
    /// Whether it takes self-referral.
    #[serde(default)]
    pub self_referral: Option<bool>,
    /// Whether it can see someone now.
    #[serde(default)]
    pub available_now: Option<bool>,
    /// How referrals are made.
    #[serde(default)]
    pub mode: Option<ReferralMode>,
    /// The pathway to fall back to.
    #[serde(default)]
    pub fallback: Option<String>,
    /// The settings that may refer to it.
    #[serde(default)]
    pub referred_from: Option<Vec<Setting>>,
    /// The youngest age it accepts.
    #[serde(default)]
    pub min_age: Option<u8>,
    /// The services a referral to it replaces.
    #[serde(default)]
    pub supersedes: Option<Vec<String>>,
}

impl PolicyDocument {
    /// The document with `overlay` applied; the result records this document as
    /// the one it is based on.
    ///
    /// # Errors
    /// [`crate::Error::Policy`] with `overlay_target_missing` for a replaced or
    /// removed rule the base lacks, or a new pathway missing fields, and
    /// `overlay_duplicate` for an added rule whose id the base already has. The
    /// result is not checked here: compile it to check it.
    pub fn with_overlay(&self, overlay: &PolicyOverlay) -> Result<PolicyDocument, crate::Error> {
        let mut doc = self.clone();
        let mut diags = Vec::new();
        doc.id.clone_from(&overlay.id);
        doc.version.clone_from(&overlay.version);
        doc.based_on = Some(PolicyRef {
            id: self.id.clone(),
            version: self.version.clone(),
        });

        for patch in &overlay.pathways {
            if let Some(p) = doc.pathways.iter_mut().find(|p| p.id == patch.id) {
                patch_pathway(p, patch);
            } else if let Some(p) = new_pathway(patch) {
                doc.pathways.push(p);
            } else {
                diags.push(Diagnostic::pathway(
                    DiagnosticCode::OverlayTargetMissing,
                    &patch.id,
                    format!("pathway {} is not in the base policy; to add it give name, exists_locally, self_referral, available_now and mode", patch.id),
                ));
            }
        }
        for id in &overlay.remove_rules {
            let before = doc.rules.len();
            doc.rules.retain(|r| &r.id != id);
            if doc.rules.len() == before {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::OverlayTargetMissing,
                    id,
                    format!("the overlay removes rule {id}, which the base policy does not have"),
                ));
            }
        }
        for rule in &overlay.replace_rules {
            match doc.rules.iter_mut().find(|r| r.id == rule.id) {
                Some(r) => *r = rule.clone(),
                None => diags.push(Diagnostic::rule(
                    DiagnosticCode::OverlayTargetMissing,
                    &rule.id,
                    format!("the overlay replaces rule {}, which the base policy does not have; use add_rules", rule.id),
                )),
            }
        }
        for rule in &overlay.add_rules {
            if self.rules.iter().any(|r| r.id == rule.id) {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::OverlayDuplicate,
                    &rule.id,
                    format!("the overlay adds rule {}, which the base policy already has; use replace_rules", rule.id),
                ));
            } else {
                doc.rules.push(rule.clone());
            }
        }
        for (name, value) in &overlay.values {
            doc.values.insert(name.clone(), value.clone());
        }
        doc.no_action.extend(overlay.no_action.iter().cloned());
        doc.codes.extend(overlay.codes.iter().cloned());
        doc.safety_overrides
            .extend(overlay.safety_overrides.iter().cloned());
        if diags.is_empty() {
            Ok(doc)
        } else {
            Err(crate::Error::policy(diags))
        }
    }
}

fn patch_pathway(p: &mut Pathway, patch: &PathwayPatch) {
    if let Some(v) = &patch.name {
        p.name.clone_from(v);
    }
    if let Some(v) = patch.exists_locally {
        p.exists_locally = v;
    }
    if let Some(v) = patch.self_referral {
        p.self_referral = v;
    }
    if let Some(v) = patch.available_now {
        p.available_now = v;
    }
    if let Some(v) = patch.mode {
        p.mode = v;
    }
    if let Some(v) = &patch.fallback {
        p.fallback = Some(v.clone());
    }
    if let Some(v) = &patch.referred_from {
        p.referred_from = Some(v.clone());
    }
    if let Some(v) = patch.min_age {
        p.min_age = Some(v);
    }
    if let Some(v) = &patch.supersedes {
        p.supersedes = Some(v.clone());
    }
}

fn new_pathway(patch: &PathwayPatch) -> Option<Pathway> {
    Some(Pathway {
        id: patch.id.clone(),
        name: patch.name.clone()?,
        exists_locally: patch.exists_locally?,
        self_referral: patch.self_referral?,
        available_now: patch.available_now?,
        mode: patch.mode?,
        fallback: patch.fallback.clone(),
        referred_from: patch.referred_from.clone(),
        min_age: patch.min_age,
        supersedes: patch.supersedes.clone(),
    })
}
