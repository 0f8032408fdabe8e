//! Evaluating a compiled policy: which rules fire for the outcomes found and
//! the contact, and what each of their actions becomes in this contact.

use std::sync::Arc;

use crate::context::{Contact, TimeAvailable};
use crate::outcome::{OutcomeSet, Topic};
use crate::policy::check::{CheckedAction, CheckedPathway, CheckedRule};
use crate::policy::condition::Facts;
use crate::policy::plan::{Action, Adjustment, Adjustments, PathwayRef, Reason};
use crate::policy::{ActionKind, Intensity, Policy, ReferralMode, Urgency};

impl Policy {
    /// Evaluates the policy against the outcomes found and the contact, and
    /// returns the plan, ordered as CLINICAL-REFERENCE §6.2 requires.
    ///
    /// When several rules ask for the same action (every realised field equal) it
    /// appears once: its [`Reason::rule`] is the first of them in policy order
    /// and [`Reason::also_from`] lists the others (§6.8).
    #[must_use]
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
                    merge(existing, &rule.id, relied_on);
                } else {
                    plan.push(action);
                }
            }
        }
        order(&mut plan);
        plan
    }

    /// Turns one action of a fired rule into a plan action, applying pathway
    /// fallback (§6.5), availability, self-referral, priority groups (§6.4) and
    /// time available (§6.3).
    fn realise(
        &self,
        rule: &CheckedRule,
        spec: &CheckedAction,
        relied_on: OutcomeSet,
        contact: &Contact,
    ) -> Action {
        let mut draft = Draft {
            kind: spec.kind,
            intensity: spec.intensity,
            mode: spec.mode,
            urgency: spec.urgency,
            pathway: None,
            requested_pathway: None,
            adjustments: Adjustments::NONE,
        };
        if let Some(p) = spec.pathway.and_then(|i| self.pathways.get(i)) {
            draft.route(p, self.pathways.as_slice());
        }
        if let Some(q) = draft.pathway {
            draft.activate(q, contact);
            draft.settle_referral(q);
        }
        draft.fit_time(contact.time_available());
        draft.into_action(rule, spec, relied_on)
    }
}

/// Puts a plan in the order a practitioner works through it
/// (CLINICAL-REFERENCE §6.2):
/// 1. safety alerts and safeguarding prompts;
/// 2. asks about facts that change the whole plan (`general` asks);
/// 3. topic by topic: a topic with a referral `now` first, then one with a
///    referral within 24 hours, then the rest in the default topic order
///    (alcohol, tobacco, weight, physical activity, general);
/// 4. within a topic, the order of the conversation ([`ActionKind::rank`]).
///
/// The sort is stable, so ties keep the policy's rule order and the same input
/// always gives the same plan.
fn order(plan: &mut [Action]) {
    let topic_index = |t: Topic| {
        Topic::ALL
            .iter()
            .position(|x| *x == t)
            .unwrap_or(Topic::ALL.len())
    };
    let mut urgency = [2u8; Topic::ALL.len() + 1];
    for a in plan.iter() {
        let rank = match a.urgency {
            Some(Urgency::Now) => 0,
            Some(Urgency::Within24Hours) => 1,
            _ => 2,
        };
        if let Some(slot) = urgency.get_mut(topic_index(a.topic)) {
            *slot = (*slot).min(rank);
        }
    }
    plan.sort_by_key(|a| {
        let section = match (a.kind, a.topic) {
            (ActionKind::SafetyAlert, _) => 0,
            (ActionKind::Ask, Topic::General) => 1,
            _ => 2,
        };
        let topic = topic_index(a.topic);
        let topic_urgency = urgency.get(topic).copied().unwrap_or(2);
        (section, topic_urgency, topic, a.kind.rank())
    });
}

/// An action being realised: the fields the engine may change, and what it
/// changed and why.
struct Draft<'p> {
    kind: ActionKind,
    intensity: Intensity,
    mode: Option<ReferralMode>,
    urgency: Option<Urgency>,
    /// The pathway used, once fallback has been applied.
    pathway: Option<&'p CheckedPathway>,
    requested_pathway: Option<PathwayRef>,
    adjustments: Adjustments,
}

impl<'p> Draft<'p> {
    /// Uses the first pathway on `p`'s fallback chain that exists locally
    /// (§6.5); with none, keeps the need as a follow-up rather than dropping it.
    fn route(&mut self, p: &'p CheckedPathway, pathways: &'p [CheckedPathway]) {
        if let Some(q) = p.resolved.and_then(|r| pathways.get(r)) {
            if !std::ptr::eq(p, q) {
                self.adjustments
                    .insert(Adjustment::FellBackToAnotherPathway);
                self.requested_pathway = Some(p.reference.clone());
            }
            self.pathway = Some(q);
        } else {
            self.adjustments.insert(Adjustment::NoLocalService);
            self.requested_pathway = Some(p.reference.clone());
            self.kind = ActionKind::FollowUp;
            self.mode = None;
            self.urgency = None;
        }
    }

    /// A signpost becomes an active referral when the service takes no
    /// self-referral, or the person is in a priority group (§6.4).
    fn activate(&mut self, q: &CheckedPathway, contact: &Contact) {
        if self.kind != ActionKind::Signpost {
            return;
        }
        let active = if !q.self_referral {
            Some(Adjustment::NoSelfReferral)
        } else if !contact.priority_groups().is_empty() {
            Some(Adjustment::PriorityGroupActiveReferral)
        } else {
            None
        };
        if let Some(a) = active {
            self.adjustments.insert(a);
            self.kind = ActionKind::Referral;
            self.mode = Some(q.mode);
            self.urgency = Some(Urgency::Routine);
        }
    }

    /// A referral takes the service's mode unless the rule gave one, and `now`
    /// becomes `within_24_hours` when the service cannot see the person now.
    fn settle_referral(&mut self, q: &CheckedPathway) {
        if self.kind != ActionKind::Referral {
            return;
        }
        if self.mode.is_none() {
            self.mode = Some(q.mode);
        }
        if self.urgency == Some(Urgency::Now) && !q.available_now {
            self.adjustments.insert(Adjustment::NotAvailableNow);
            self.urgency = Some(Urgency::Within24Hours);
        }
    }

    /// An action that needs more time than the contact has becomes a referral
    /// to its pathway, or a follow-up (§6.3).
    fn fit_time(&mut self, time: TimeAvailable) {
        // A deferral is an instruction not to act now; moving it to a
        // follow-up would turn it into a task.
        let movable = !matches!(
            self.kind,
            ActionKind::SafetyAlert
                | ActionKind::Referral
                | ActionKind::FollowUp
                | ActionKind::Record
                | ActionKind::Defer
        );
        if !movable || self.intensity.fits(time) {
            return;
        }
        self.adjustments.insert(Adjustment::NeedsMoreTime);
        if let Some(q) = self.pathway {
            self.kind = ActionKind::Referral;
            self.mode = Some(q.mode);
            self.urgency = Some(Urgency::Routine);
            self.intensity = Intensity::VeryBrief;
        } else {
            self.kind = ActionKind::FollowUp;
        }
    }

    fn into_action(
        self,
        rule: &CheckedRule,
        spec: &CheckedAction,
        relied_on: OutcomeSet,
    ) -> Action {
        Action {
            id: spec.id.clone(),
            kind: self.kind,
            topic: rule.topic,
            intensity: self.intensity,
            text: spec.text.clone(),
            pathway: self.pathway.map(|q| q.reference.clone()),
            mode: self.mode,
            urgency: self.urgency,
            // A recording code names the service the rule asked for; it would
            // misdescribe a referral that went elsewhere.
            code: if self.requested_pathway.is_some() {
                None
            } else {
                spec.code.clone()
            },
            reason: Reason {
                rule: rule.id.clone(),
                also_from: Vec::new(),
                relied_on,
                source: rule.source.clone(),
                adjustments: self.adjustments,
                requested_pathway: self.requested_pathway,
            },
        }
    }
}

/// Folds a later rule's identical action into `existing`: the outcomes it
/// relied on join, and the rule is listed once, so the record shows every
/// rule that asked for the action (§6.8).
fn merge(existing: &mut Action, rule: &Arc<str>, relied_on: OutcomeSet) {
    let reason = &mut existing.reason;
    reason.relied_on = reason.relied_on.union(relied_on);
    if reason.rule != *rule && !reason.also_from.contains(rule) {
        reason.also_from.push(rule.clone());
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
