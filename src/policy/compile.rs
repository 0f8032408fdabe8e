//! Checking a policy document and compiling it into a reusable evaluator.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::context::{Comorbidities, Contact};
use crate::policy::condition::{Conditions, Facts, PathwayFacts, Reads};
use crate::policy::coverage;
use crate::policy::document::{ActionSpec, PolicyDocument};
use crate::policy::plan::{Action, Adjustment, Adjustments, PathwayRef, Reason, RecordingCode};
use crate::policy::{
    ActionKind, Concept, Diagnostic, DiagnosticCode, Intensity, Outcome, OutcomeSet, ReferralMode,
    Topic, Urgency,
};

/// A checked, compiled policy, ready to evaluate many contacts.
///
/// Compiling checks everything at once and returns every problem; a `Policy`
/// that exists has no error-level problems. It is `Send + Sync` and cheap to
/// share across threads (wrap it in an `Arc`).
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
    pub(crate) based_on: Option<(Arc<str>, Arc<str>)>,
    pub(crate) mecc_version: Arc<str>,
    pathways: Vec<CompiledPathway>,
    rules: Vec<CompiledRule>,
    conditions: Conditions,
    document: PolicyDocument,
}

#[derive(Debug, Clone)]
struct CompiledPathway {
    reference: PathwayRef,
    self_referral: bool,
    available_now: bool,
    mode: ReferralMode,
    /// The first pathway on the fallback chain (itself included) that exists
    /// locally, if any.
    resolved: Option<usize>,
}

#[derive(Debug, Clone)]
struct CompiledRule {
    id: Arc<str>,
    source: Arc<str>,
    topic: Topic,
    root: u32,
    relies_on: OutcomeSet,
    actions: Vec<CompiledAction>,
}

#[derive(Debug, Clone)]
struct CompiledAction {
    kind: ActionKind,
    intensity: Intensity,
    text: Arc<str>,
    pathway: Option<usize>,
    mode: Option<ReferralMode>,
    urgency: Option<Urgency>,
    code: Option<RecordingCode>,
}

struct PathwayTable<'a>(&'a HashMap<&'a str, (usize, bool, bool)>);

impl PathwayFacts for PathwayTable<'_> {
    fn pathway(&self, id: &str) -> Option<(bool, bool)> {
        self.0.get(id).map(|(_, exists, now)| (*exists, *now))
    }
}

impl Policy {
    /// Checks `document` and compiles it.
    ///
    /// # Errors
    /// [`crate::Error::Policy`] with every diagnostic found (see
    /// [`DiagnosticCode`]) when the document has any problem.
    pub fn compile(document: PolicyDocument) -> Result<Policy, crate::Error> {
        let mut diagnostics = Vec::new();
        let policy = Self::compile_collecting(document, &mut diagnostics);
        match policy {
            Some(p) if diagnostics.is_empty() => Ok(p),
            _ => Err(crate::Error::policy(diagnostics)),
        }
    }

    /// Parses a policy document from JSON, checks it and compiles it.
    ///
    /// # Errors
    /// [`crate::Error::Policy`] with a `malformed_document` diagnostic when the
    /// JSON does not have the policy's shape, or every problem found otherwise.
    pub fn from_json(json: &str) -> Result<Policy, crate::Error> {
        let document = PolicyDocument::from_json(json)?;
        Policy::compile(document)
    }

    /// Checks `document` and returns every problem found, without compiling.
    pub fn check(document: &PolicyDocument) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let _ = Self::compile_collecting(document.clone(), &mut diagnostics);
        diagnostics
    }

    fn compile_collecting(document: PolicyDocument, diags: &mut Vec<Diagnostic>) -> Option<Policy> {
        if document.id.trim().is_empty() || document.version.trim().is_empty() {
            diags.push(Diagnostic::policy(
                DiagnosticCode::MissingIdentity,
                "the policy needs a non-empty id and version, which are recorded with every assessment".into(),
            ));
        }

        // Pathways: ids, fallbacks, cycles.
        let mut index: HashMap<&str, (usize, bool, bool)> = HashMap::new();
        for (i, p) in document.pathways.iter().enumerate() {
            if index
                .insert(p.id.as_str(), (i, p.exists_locally, p.available_now))
                .is_some()
            {
                diags.push(Diagnostic::pathway(
                    DiagnosticCode::DuplicatePathwayId,
                    &p.id,
                    format!(
                        "pathway id {} is used more than once; give each pathway its own id",
                        p.id
                    ),
                ));
            }
        }
        for p in &document.pathways {
            if let Some(f) = &p.fallback
                && !index.contains_key(f.as_str())
            {
                diags.push(Diagnostic::pathway(
                    DiagnosticCode::UnknownFallback,
                    &p.id,
                    format!(
                        "pathway {} falls back to {f}, which the policy does not define",
                        p.id
                    ),
                ));
            }
        }
        // Each chain is followed to its end whatever exists locally: which
        // services exist is local configuration that an overlay may change, so
        // a cycle is a defect even while some pathway on it exists.
        let mut resolved = Vec::with_capacity(document.pathways.len());
        for (i, p) in document.pathways.iter().enumerate() {
            let mut seen = HashSet::new();
            let mut at = Some(i);
            let mut found = None;
            while let Some(j) = at {
                if !seen.insert(j) {
                    // Reported by the pathways on the cycle, not by every
                    // pathway whose chain runs into it.
                    if j == i {
                        diags.push(Diagnostic::pathway(
                            DiagnosticCode::FallbackCycle,
                            &p.id,
                            format!("following fallbacks from pathway {} comes back to it; end the chain at a pathway with no fallback", p.id),
                        ));
                    }
                    break;
                }
                let Some(q) = document.pathways.get(j) else {
                    break;
                };
                if q.exists_locally && found.is_none() {
                    found = Some(j);
                }
                at = q
                    .fallback
                    .as_deref()
                    .and_then(|f| index.get(f).map(|(k, _, _)| *k));
            }
            resolved.push(found);
        }
        let pathways: Vec<CompiledPathway> = document
            .pathways
            .iter()
            .zip(resolved)
            .map(|(p, resolved)| CompiledPathway {
                reference: PathwayRef {
                    id: p.id.as_str().into(),
                    name: p.name.as_str().into(),
                },
                self_referral: p.self_referral,
                available_now: p.available_now,
                mode: p.mode,
                resolved,
            })
            .collect();

        // Codes, with the policy's overrides.
        let code_for = |concept: Concept| -> Option<Arc<str>> {
            document
                .codes
                .iter()
                .rev()
                .find(|o| o.concept == concept)
                .map(|o| Arc::from(o.snomed_ct.as_str()))
                .or_else(|| concept.snomed_ct().map(Arc::from))
        };

        // Rules.
        let mut conditions = Conditions::default();
        let mut rule_ids = HashSet::new();
        let mut rules = Vec::with_capacity(document.rules.len());
        let table = PathwayTable(&index);
        for rule in &document.rules {
            let rid = rule.id.as_str();
            if !rule_ids.insert(rid) {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::DuplicateRuleId,
                    rid,
                    format!("rule id {rid} is used more than once; give each rule its own id"),
                ));
            }
            if rule.source.trim().is_empty() {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::MissingSource,
                    rid,
                    format!("rule {rid} has no source; cite the guideline it implements"),
                ));
            }
            if rule.actions.is_empty() {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::RuleWithoutActions,
                    rid,
                    format!("rule {rid} has no actions; add one or remove the rule"),
                ));
            }
            let mut unknown = Vec::new();
            let root =
                conditions.compile(&rule.when, &table, &mut |id| unknown.push(id.to_string()));
            for id in unknown {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::UnknownPathway,
                    rid,
                    format!("rule {rid} has a condition on pathway {id}, which the policy does not define"),
                ));
            }
            if conditions.never_holds(root) {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::ConditionNeverHolds,
                    rid,
                    format!("the condition of rule {rid} can never hold, so the rule can never fire; check for contradictory or empty parts"),
                ));
            }
            let actions = rule
                .actions
                .iter()
                .map(|a| compile_action(rid, a, &index, &code_for, diags))
                .collect();
            rules.push(CompiledRule {
                id: rid.into(),
                source: rule.source.as_str().into(),
                topic: rule.topic,
                root,
                relies_on: conditions.outcomes_referenced(root),
                actions,
            });
        }

        let policy = Policy {
            id: document.id.as_str().into(),
            version: document.version.as_str().into(),
            based_on: document
                .based_on
                .as_ref()
                .map(|b| (b.id.as_str().into(), b.version.as_str().into())),
            mecc_version: crate::VERSION.into(),
            pathways,
            rules,
            conditions,
            document,
        };
        crate::policy::safety::check(&policy.document, diags);
        if diags.is_empty() {
            policy.check_coverage(diags);
        }
        Some(policy)
    }

    /// For every outcome that calls for action, checks that in every kind of
    /// contact where it can be found, and whatever is found with it, some rule
    /// relying on it fires, unless the policy lists it under `no_action`.
    /// Outcome spaces and contact fields are finite, so this enumerates them
    /// (see [`coverage`]).
    fn check_coverage(&self, diags: &mut Vec<Diagnostic>) {
        let excused: OutcomeSet = self.document.no_action.iter().map(|n| n.outcome).collect();
        for &outcome in Outcome::ALL {
            if !outcome.calls_for_action() || excused.contains(outcome) {
                continue;
            }
            let acting: Vec<&CompiledRule> = self
                .rules
                .iter()
                .filter(|r| {
                    r.relies_on.contains(outcome)
                        && r.actions
                            .iter()
                            .any(|a| !matches!(a.kind, ActionKind::Record | ActionKind::Ask))
                })
                .collect();
            let mut reads = Reads::default();
            for r in &acting {
                self.conditions.reads(r.root, &mut reads);
            }
            let sets: Vec<(OutcomeSet, Vec<Outcome>)> = coverage::outcome_sets(outcome, &reads)
                .into_iter()
                .map(|s| (s, s.iter().collect()))
                .collect();
            let limit = coverage::MAX_CASES / sets.len().max(1);
            let gap = coverage::contacts(&reads, limit).into_iter().find_map(|c| {
                sets.iter()
                    .find(|(s, members)| {
                        members.iter().all(|o| coverage::possible(*o, &c))
                            && !acting.iter().any(|r| {
                                let facts = Facts {
                                    outcomes: *s,
                                    contact: &c,
                                };
                                self.conditions.eval(r.root, &facts)
                            })
                    })
                    .map(|(s, _)| (c, *s))
            });
            if let Some((c, found)) = gap {
                diags.push(Diagnostic::policy(
                    DiagnosticCode::UncoveredOutcome,
                    uncovered_message(outcome, &c, found),
                ));
            }
        }
    }

    /// The policy's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The policy's version.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The policy this one was derived from by an overlay, as (id, version).
    pub fn based_on(&self) -> Option<(&str, &str)> {
        self.based_on.as_ref().map(|(i, v)| (&**i, &**v))
    }

    /// The recorded overrides of protected safety rules, if any.
    pub fn safety_overrides(&self) -> &[crate::policy::SafetyOverride] {
        &self.document.safety_overrides
    }

    /// How many rules the policy has.
    pub fn rules_len(&self) -> usize {
        self.rules.len()
    }

    /// The document the policy was compiled from.
    pub fn document(&self) -> &PolicyDocument {
        &self.document
    }

    /// Evaluates the policy against the outcomes found and the contact, and
    /// returns the plan, ordered as CLINICAL-REFERENCE §6.2 requires.
    pub fn plan(&self, outcomes: OutcomeSet, contact: &Contact) -> Vec<Action> {
        let facts = Facts { outcomes, contact };
        let mut plan = Vec::with_capacity(16);
        for rule in &self.rules {
            if !self.conditions.eval(rule.root, &facts) {
                continue;
            }
            let relied_on = rule.relies_on.intersection(outcomes);
            for spec in &rule.actions {
                let action = self.realise(rule, spec, relied_on, contact);
                if let Some(existing) = plan
                    .iter_mut()
                    .find(|a: &&mut Action| same_action(a, &action))
                {
                    existing.reason.relied_on = existing.reason.relied_on.union(relied_on);
                } else {
                    plan.push(action);
                }
            }
        }
        // Stable: ties keep the policy's rule order.
        plan.sort_by_key(|a| a.kind.rank());
        plan
    }

    /// Turns one action of a fired rule into a plan action, applying pathway
    /// fallback (§6.5), availability, self-referral, priority groups (§6.4) and
    /// time available (§6.3).
    fn realise(
        &self,
        rule: &CompiledRule,
        spec: &CompiledAction,
        relied_on: OutcomeSet,
        contact: &Contact,
    ) -> Action {
        let mut adjustments = Adjustments::NONE;
        let mut kind = spec.kind;
        let mut intensity = spec.intensity;
        let mut mode = spec.mode;
        let mut urgency = spec.urgency;
        let mut pathway = None;
        let mut requested_pathway = None;

        if let Some(p) = spec.pathway.and_then(|i| self.pathways.get(i)) {
            match p
                .resolved
                .and_then(|r| self.pathways.get(r).map(|q| (r, q)))
            {
                Some((_, q)) => {
                    if !std::ptr::eq(p, q) {
                        adjustments.insert(Adjustment::FellBackToAnotherPathway);
                        requested_pathway = Some(p.reference.clone());
                    }
                    pathway = Some(q);
                }
                None => {
                    // Nothing on the chain exists: keep the need as a follow-up.
                    adjustments.insert(Adjustment::NoLocalService);
                    requested_pathway = Some(p.reference.clone());
                    kind = ActionKind::FollowUp;
                    mode = None;
                    urgency = None;
                }
            }
        }

        if let Some(q) = pathway {
            if kind == ActionKind::Signpost {
                let active = if !q.self_referral {
                    Some(Adjustment::NoSelfReferral)
                } else if !contact.priority_groups().is_empty() {
                    Some(Adjustment::PriorityGroupActiveReferral)
                } else {
                    None
                };
                if let Some(a) = active {
                    adjustments.insert(a);
                    kind = ActionKind::Referral;
                    mode = Some(q.mode);
                    urgency = Some(Urgency::Routine);
                }
            }
            if kind == ActionKind::Referral {
                if mode.is_none() {
                    mode = Some(q.mode);
                }
                if urgency == Some(Urgency::Now) && !q.available_now {
                    adjustments.insert(Adjustment::NotAvailableNow);
                    urgency = Some(Urgency::Within24Hours);
                }
            }
        }

        let time = contact.time_available();
        // A deferral is an instruction not to act now; moving it to a
        // follow-up would turn it into a task.
        let movable = !matches!(
            kind,
            ActionKind::SafetyAlert
                | ActionKind::Referral
                | ActionKind::FollowUp
                | ActionKind::Record
                | ActionKind::Defer
        );
        if movable && !intensity.fits(time) {
            adjustments.insert(Adjustment::NeedsMoreTime);
            if let Some(q) = pathway {
                kind = ActionKind::Referral;
                mode = Some(q.mode);
                urgency = Some(Urgency::Routine);
                intensity = Intensity::VeryBrief;
            } else {
                kind = ActionKind::FollowUp;
            }
        }

        Action {
            kind,
            topic: rule.topic,
            intensity,
            text: spec.text.clone(),
            pathway: pathway.map(|q| q.reference.clone()),
            mode,
            urgency,
            // A recording code names the service the rule asked for; it would
            // misdescribe a referral that went elsewhere.
            code: if requested_pathway.is_some() {
                None
            } else {
                spec.code.clone()
            },
            reason: Reason {
                rule: rule.id.clone(),
                relied_on,
                source: rule.source.clone(),
                adjustments,
                requested_pathway,
            },
        }
    }
}

/// Whether two actions are the same thing to do, so the second adds only its
/// reasons. Every realised field must agree: two referrals that differ only in
/// urgency, mode or recording code are two different needs, and merging them
/// would silently lose the more urgent or the opt-out one.
fn same_action(a: &Action, b: &Action) -> bool {
    a.kind == b.kind
        && a.topic == b.topic
        && a.intensity == b.intensity
        && a.text == b.text
        && a.pathway == b.pathway
        && a.mode == b.mode
        && a.urgency == b.urgency
        && a.code == b.code
        && a.reason.adjustments == b.reason.adjustments
        && a.reason.requested_pathway == b.reason.requested_pathway
}

/// Says which outcome has no action, in which contact, and what else was
/// found, so the gap can be found and closed.
fn uncovered_message(outcome: Outcome, c: &Contact, found: OutcomeSet) -> String {
    let mut with = String::new();
    for o in found.iter().filter(|o| *o != outcome) {
        with.push_str(if with.is_empty() { ", with " } else { ", " });
        with.push_str(o.as_str());
    }
    let comorbidities = if *c.comorbidities() == Comorbidities::NONE {
        String::new()
    } else {
        format!(", comorbidities {:?}", c.comorbidities())
    };
    format!(
        "no rule acts on outcome {} for a contact in {} (pregnant {:?}, intoxicated {:?}, time {:?}, priority group {}, sex {:?}, age {}{comorbidities}{with}); add a rule or list it under no_action with the reason",
        outcome.as_str(),
        c.setting().as_str(),
        c.pregnant(),
        c.intoxicated(),
        c.time_available(),
        if c.priority_groups().is_empty() {
            "none"
        } else {
            "yes"
        },
        c.sex(),
        c.age().years(),
    )
}

fn compile_action(
    rid: &str,
    a: &ActionSpec,
    index: &HashMap<&str, (usize, bool, bool)>,
    code_for: &dyn Fn(Concept) -> Option<Arc<str>>,
    diags: &mut Vec<Diagnostic>,
) -> CompiledAction {
    let routed = matches!(a.kind, ActionKind::Referral | ActionKind::Signpost);
    let pathway = match (&a.pathway, routed) {
        (Some(p), true) => match index.get(p.as_str()) {
            Some((i, _, _)) => Some(*i),
            None => {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::UnknownPathway,
                    rid,
                    format!("rule {rid} refers to pathway {p}, which the policy does not define"),
                ));
                None
            }
        },
        // Only referrals and signposts go somewhere. A pathway on any other
        // kind would let fallback and time rules turn it into something else:
        // a safety alert naming a service that is absent would become a
        // follow-up at the end of the plan.
        (Some(p), false) => {
            diags.push(Diagnostic::rule(
                DiagnosticCode::PathwayMismatch,
                rid,
                format!(
                    "rule {rid} gives pathway {p} to a {:?} action; only referrals and signposts name a pathway",
                    a.kind
                ),
            ));
            None
        }
        (None, true) => {
            diags.push(Diagnostic::rule(
                DiagnosticCode::PathwayMismatch,
                rid,
                format!(
                    "rule {rid} has a {:?} action with no pathway; name the pathway",
                    a.kind
                ),
            ));
            None
        }
        (None, false) => None,
    };
    if a.kind == ActionKind::Referral && a.urgency.is_none() {
        diags.push(Diagnostic::rule(
            DiagnosticCode::ReferralFieldsMismatch,
            rid,
            format!(
                "rule {rid} has a referral with no urgency; give now, within_24_hours or routine"
            ),
        ));
    }
    if a.kind != ActionKind::Referral && (a.urgency.is_some() || a.mode.is_some()) {
        diags.push(Diagnostic::rule(
            DiagnosticCode::ReferralFieldsMismatch,
            rid,
            format!(
                "rule {rid} gives a mode or urgency to a {:?} action; only referrals have them",
                a.kind
            ),
        ));
    }
    if a.text.trim().is_empty() {
        diags.push(Diagnostic::rule(
            DiagnosticCode::EmptyText,
            rid,
            format!("rule {rid} has an action with no text; say what the practitioner should do"),
        ));
    }
    CompiledAction {
        kind: a.kind,
        intensity: a.intensity,
        text: a.text.as_str().into(),
        pathway,
        mode: a.mode,
        urgency: a.urgency,
        code: a.concept.and_then(|c| {
            code_for(c).map(|snomed_ct| RecordingCode {
                concept: c,
                snomed_ct,
            })
        }),
    }
}
