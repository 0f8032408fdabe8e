//! Evaluating a compiled policy: which rules fire for the outcomes found and
//! the contact, what each of their actions becomes in this contact, and how
//! the plan as a whole is made to fit the person, the setting and the time
//! (CLINICAL-REFERENCE §6).
//!
//! The steps, in order:
//! 1. every rule that fires adds its actions, each routed to a service that
//!    exists, accepts the person's age and can be referred to from this
//!    setting ([`Draft`]), a referral offer to someone under 16 with the
//!    consent reminder (§6.4); identical actions merge;
//! 2. only what applies, once: one advice per topic, and a referral replaces
//!    those it supersedes (§6.8);
//! 3. the host's responses: a declined offer becomes a record, a signpost and
//!    a follow-up, never a referral (§6.4);
//! 4. intoxication: advice deferred and offers held until they are sober
//!    (§6.10), with one question or note where it is not recorded;
//! 5. the time budget: what does not fit moves to a follow-up or a signpost
//!    (§6.3);
//! 6. the order a practitioner works through (§6.2).

use std::sync::Arc;

use crate::context::{Contact, SettingClass, YesNoNotKnown};
use crate::outcome::{OutcomeSet, Topic};
use crate::policy::check::{CheckedAction, CheckedPathway, CheckedRule};
use crate::policy::condition::{Facts, intoxication_as_read};
use crate::policy::document::TemplateText;
use crate::policy::plan::{Action, Adjustment, Adjustments, PathwayRef, Reason};
use crate::policy::text::fill;
use crate::policy::{
    ActionKind, Intensity, Policy, ReferralMode, Response, ResponseStatus, Urgency,
};

/// The engine's rule for the general question asked when intoxication is not
/// recorded in the emergency department; its action's id adds `#1`.
pub(crate) const CHECK_SOBER_ENOUGH: &str = "general.check_sober_enough";
/// The engine's rule for the general note given when intoxication is not
/// recorded elsewhere; its action's id adds `#1`.
pub(crate) const INTOXICATION_NOT_RECORDED: &str = "general.intoxication_not_recorded";
/// The engine's rule for the general question asked when pregnancy is not
/// known and changes the plan; its action's id adds `#1`.
pub(crate) const PREGNANCY_ASK: &str = "general.pregnancy_ask";

/// The ages, in whole years, at which a screening contact asks whether a
/// woman (or someone whose sex is not recorded) could be pregnant
/// (CLINICAL-REFERENCE §6.11). Under 16 it is not asked.
const ASKED_ABOUT_PREGNANCY: std::ops::RangeInclusive<u32> = 16..=50;

/// Under this age, in whole years (a child, CLINICAL-REFERENCE §8), every
/// referral offer reminds the practitioner of the young person's consent and
/// confidentiality (§6.4; NICE PH24 covers ages 10 to 15).
const CONSENT_REMINDER_BELOW: u32 = 16;

/// The suffixes of the ids of the three actions that replace a declined offer.
const DECLINED_SUFFIXES: [&str; 3] = ["/declined_record", "/declined_signpost", "/offer_again"];

/// An action in the making, with the index of the pathway it uses.
struct Planned {
    action: Action,
    pathway: Option<usize>,
    /// For someone other than the person (§6.8): never replaced.
    for_others: bool,
    /// Right only in, or only outside, pregnancy, which is not known: to be
    /// held as a follow-up worded by this template (§6.11).
    held: Option<Template>,
}

impl Policy {
    /// Evaluates the policy against the outcomes found and the contact, and
    /// returns the plan, ordered as CLINICAL-REFERENCE §6.2 requires.
    ///
    /// When several rules ask for the same action (every realised field equal) it
    /// appears once: its [`Reason::rule`] is the first of them in policy order
    /// and [`Reason::also_from`] lists the others (§6.8).
    #[must_use]
    pub fn plan(&self, outcomes: OutcomeSet, contact: &Contact) -> Vec<Action> {
        self.plan_with(outcomes, contact, &[])
    }

    /// As [`Policy::plan`], taking into account what the host reported
    /// became of actions of an earlier plan for the same contact (§6.4).
    /// Responses naming an action the plan does not have are ignored here;
    /// [`Policy::check_responses`] finds them.
    #[must_use]
    pub fn plan_with(
        &self,
        outcomes: OutcomeSet,
        contact: &Contact,
        responses: &[Response],
    ) -> Vec<Action> {
        let facts = Facts::new(outcomes, contact);
        // Allocated on the first action, so an empty plan allocates nothing.
        let mut plan: Vec<Planned> = Vec::new();
        let mut asked_about_pregnancy = false;
        for rule in self.rule_index.candidates(outcomes) {
            let Some(rule) = self.rules.get(rule) else {
                continue;
            };
            if !rule.requires.is_subset(outcomes) || !self.conditions.eval(rule.root, &facts) {
                continue;
            }
            let relied_on = rule.relies_on.intersection(outcomes);
            let holding = rule.pregnancy.map(|d| pregnancy_holds(d, contact));
            if matches!(holding, Some(Holding::Drop)) {
                continue;
            }
            for spec in &rule.actions {
                let mut planned = self.realise(rule, spec, relied_on, &facts);
                if let Some(Holding::Hold(template, ask)) = holding {
                    planned.held = Some(template);
                    asked_about_pregnancy |= ask;
                }
                if let Some(existing) = plan
                    .iter_mut()
                    .find(|p| same_action(&p.action, &planned.action))
                {
                    merge(&mut existing.action, &planned.action.reason);
                } else {
                    if plan.capacity() == 0 {
                        // Room for a long plan at once, rather than growing.
                        plan.reserve_exact(16);
                    }
                    plan.push(planned);
                }
            }
        }
        if asked_about_pregnancy {
            plan.push(self.general_ask(
                PREGNANCY_ASK,
                Template::PregnancyAsk,
                15,
                "CLINICAL-REFERENCE §6.11",
            ));
        }
        // Referrals merge and supersede before any is held, so that two
        // held offers of the same service are one.
        self.supersede(&mut plan);
        for p in &mut plan {
            if let Some(template) = p.held.take() {
                self.hold(p, template);
            }
        }
        one_advice_per_topic(&mut plan);
        self.respond(&mut plan, responses, contact);
        if facts.intoxicated == YesNoNotKnown::Yes {
            self.hold_while_intoxicated(&mut plan);
        }
        self.note_intoxication_not_recorded(&mut plan, contact);
        self.fit_time(&mut plan, contact);
        let mut plan: Vec<Action> = plan.into_iter().map(|p| p.action).collect();
        self.order(&mut plan);
        plan
    }

    /// Whether every response names an action this policy can put in a plan:
    /// a rule's action, or one the engine writes in its place.
    ///
    /// # Errors
    /// [`crate::Error::Inconsistent`] (field `action`) naming the first
    /// unknown id: a response
    /// to an action the policy does not have is a host's mistake (an id from
    /// another policy, or mistyped), and ignoring it could lose a decline.
    pub fn check_responses(&self, responses: &[Response]) -> Result<(), crate::Error> {
        for r in responses {
            let base = DECLINED_SUFFIXES
                .iter()
                .find_map(|s| r.action.strip_suffix(s))
                .unwrap_or(&r.action);
            let engine_rule = base.strip_suffix("#1");
            let known = engine_rule == Some(CHECK_SOBER_ENOUGH)
                || engine_rule == Some(INTOXICATION_NOT_RECORDED)
                || engine_rule == Some(PREGNANCY_ASK)
                || self
                    .rules
                    .iter()
                    .flat_map(|rule| &rule.actions)
                    .any(|a| &*a.id == base);
            if !known {
                return Err(crate::Error::Inconsistent {
                    field: "action",
                    value: r.action.clone(),
                    other: format!("the actions of policy {} {}", self.id, self.version),
                    reason: "a response must name an action id from a plan of the same policy (for example tobacco.offer_stop_smoking_service#1); check the id and the policy version",
                });
            }
        }
        Ok(())
    }

    /// Turns one action of a fired rule into a plan action: routed along the
    /// pathway's fallbacks (§6.5), made an active offer for a priority group
    /// (§6.4), and given to the GP as a signpost when this setting cannot make
    /// the referral (§6.6).
    fn realise(
        &self,
        rule: &CheckedRule,
        spec: &CheckedAction,
        relied_on: OutcomeSet,
        facts: &Facts<'_>,
    ) -> Planned {
        let contact = facts.contact;
        let mut draft = Draft {
            kind: spec.kind,
            intensity: spec.intensity,
            duration_s: spec.duration_s,
            mode: spec.mode,
            urgency: spec.urgency,
            pathway: None,
            requested: None,
            adjustments: Adjustments::NONE,
            template: None,
        };
        if let Some(p) = spec.pathway {
            self.route(&mut draft, p, contact);
        }
        if let Some(q) = draft.pathway {
            // A signpost after a declined offer stays a signpost (§6.4), and
            // so does one for someone else, who is not there to agree to a
            // referral.
            if !relied_on.intersects(OutcomeSet::DECLINED_OFFERS) && !spec.for_others {
                self.activate(&mut draft, q, contact);
            }
            self.refer_from_setting(&mut draft, contact);
            draft.settle_referral(&self.pathways);
            self.offer_unless_clinical_referrer(&mut draft, contact);
        }
        let (mut text, person_text) = self.texts(spec, &draft, rule.topic, facts);
        if draft.kind == ActionKind::Referral && contact.age().years() < CONSENT_REMINDER_BELOW {
            text = self.with_consent_reminder(&text, &draft, rule.topic);
        }
        let code = if draft.requested.is_some() {
            // A recording code names the service the rule asked for; it would
            // misdescribe a referral that went elsewhere.
            None
        } else {
            spec.code.clone()
        };
        Planned {
            action: Action {
                id: spec.id.clone(),
                kind: draft.kind,
                topic: rule.topic,
                intensity: draft.intensity,
                text,
                person_text: if draft.kind.is_read_by_person() {
                    person_text
                } else {
                    None
                },
                duration_s: draft.duration_s,
                pathway: draft.pathway.map(|q| self.reference(q)),
                mode: draft.mode,
                urgency: draft.urgency,
                code,
                response: None,
                reason: Reason {
                    rule: rule.id.clone(),
                    also_from: Vec::new(),
                    relied_on,
                    source: rule.source.clone(),
                    adjustments: draft.adjustments,
                    requested_pathway: draft.requested.map(|r| self.reference(r)),
                },
            },
            pathway: draft.pathway,
            for_others: spec.for_others,
            held: None,
        }
    }

    /// The first pathway from `start` along its fallbacks that exists locally
    /// and accepts the person's age (§6.5); with none, the need is kept as a
    /// follow-up rather than dropped.
    fn route(&self, draft: &mut Draft, start: usize, contact: &Contact) {
        let age = contact.age().years();
        let mut at = Some(start);
        // A fallback chain is checked to have no cycle; the bound is a guard.
        for _ in 0..=self.pathways.len() {
            let Some(i) = at else { break };
            let Some(q) = self.pathways.get(i) else { break };
            if !q.exists_locally {
                draft
                    .adjustments
                    .insert(Adjustment::FellBackToAnotherPathway);
            } else if q.min_age.is_some_and(|m| age < u32::from(m)) {
                draft.adjustments.insert(Adjustment::BelowMinimumAge);
            } else {
                if i != start {
                    draft.requested = Some(start);
                }
                draft.pathway = Some(i);
                return;
            }
            at = q.fallback;
        }
        draft
            .adjustments
            .remove(Adjustment::FellBackToAnotherPathway);
        draft.adjustments.insert(Adjustment::NoLocalService);
        draft.requested = Some(start);
        draft.kind = ActionKind::FollowUp;
        draft.duration_s = 0;
        draft.mode = None;
        draft.urgency = None;
        draft.template = Some(Template::NoLocalService);
    }

    /// A signpost becomes an active referral when the service takes no
    /// self-referral, or an offer to refer when the person is in a priority
    /// group (§6.4).
    fn activate(&self, draft: &mut Draft, q: usize, contact: &Contact) {
        let Some(p) = self.pathways.get(q) else {
            return;
        };
        if draft.kind != ActionKind::Signpost {
            return;
        }
        let active = if !p.self_referral {
            Adjustment::NoSelfReferral
        } else if !contact.priority_groups().is_empty() {
            draft.template = Some(Template::ActiveReferralOffer);
            Adjustment::PriorityGroupActiveReferral
        } else {
            return;
        };
        draft.adjustments.insert(active);
        draft.kind = ActionKind::Referral;
        draft.mode = Some(ReferralMode::OptIn);
        draft.urgency = Some(Urgency::Routine);
    }

    /// A referral this setting cannot make goes to the next service on the
    /// pathway's fallbacks that it can refer to, and where there is none
    /// but the GP, becomes a signpost to the GP (§6.5, §6.6). Any setting
    /// may refer, with agreement, to a service that takes self-referral.
    fn refer_from_setting(&self, draft: &mut Draft, contact: &Contact) {
        let setting = contact.setting();
        let age = contact.age().years();
        let can_refer = |p: &CheckedPathway| p.self_referral || p.referred_from.contains(setting);
        let Some(p) = draft.pathway.and_then(|q| self.pathways.get(q)) else {
            return;
        };
        if draft.kind != ActionKind::Referral || can_refer(p) {
            return;
        }
        draft.adjustments.insert(Adjustment::SettingCannotRefer);
        draft.requested = draft.requested.or(draft.pathway);
        let mut at = p.fallback;
        for _ in 0..=self.pathways.len() {
            let Some(i) = at.filter(|i| *i != self.gp) else {
                break;
            };
            let Some(q) = self.pathways.get(i) else { break };
            if q.exists_locally && q.min_age.is_none_or(|m| age >= u32::from(m)) && can_refer(q) {
                draft.pathway = Some(i);
                return;
            }
            at = q.fallback;
        }
        draft.pathway = None;
        draft.kind = ActionKind::Signpost;
        draft.mode = None;
        draft.urgency = None;
        draft.intensity = Intensity::VeryBrief;
        draft.template = Some(Template::SettingCannotRefer);
        let requested = draft.requested;
        self.route(draft, self.gp, contact);
        // The referral asked for stays the one named, even when the GP
        // signpost itself had to fall back.
        if draft.kind == ActionKind::Signpost {
            draft.requested = requested;
        }
    }

    /// An opt-out referral (made unless the person declines) is kept only
    /// in a clinical setting that the service takes referrals from. A
    /// pharmacy, dental practice or optometrist, and the wider workforce,
    /// refer on the person's behalf only with their agreement (§6.6), and
    /// opt-out referral is a clinical pathway (§6.4: tobacco dependence
    /// treatment for inpatients and in pregnancy), so there the referral
    /// becomes an offer and its text says so: a housing officer does not
    /// refer a pregnant smoker unless she declines.
    fn offer_unless_clinical_referrer(&self, draft: &mut Draft, contact: &Contact) {
        let Some(p) = draft.pathway.and_then(|q| self.pathways.get(q)) else {
            return;
        };
        let setting = contact.setting();
        if draft.kind != ActionKind::Referral
            || draft.mode != Some(ReferralMode::OptOut)
            || (setting.class() == SettingClass::Clinical && p.referred_from.contains(setting))
        {
            return;
        }
        draft.mode = Some(ReferralMode::OptIn);
        draft
            .adjustments
            .insert(Adjustment::OfferedRatherThanOptOut);
        draft.template = Some(Template::OptOutNotFromThisSetting);
    }

    /// The action's texts: the engine's template when it changed the action,
    /// otherwise the rule's texts with the pathway used filled in.
    fn texts(
        &self,
        spec: &CheckedAction,
        draft: &Draft,
        topic: Topic,
        facts: &Facts<'_>,
    ) -> (Arc<str>, Option<Arc<str>>) {
        let texts = spec
            .variants
            .iter()
            .find(|(root, _)| self.conditions.eval(*root, facts))
            .map_or(&spec.texts, |(_, t)| t);
        let (text, person_text) = texts.for_pathway(draft.pathway);
        match draft.template {
            None => (text, person_text),
            Some(t) => {
                let words = Words {
                    pathway: draft.pathway.map(|q| self.name(q)),
                    requested: draft.requested.map(|q| self.name(q)),
                    topic,
                    text: &text,
                    person_text: person_text.as_deref(),
                };
                words.write(self.template(t))
            }
        }
    }

    /// A referral offer's practitioner text with the under-16 reminder after
    /// it (§6.4): competence to consent (Gillick), a parent or carer, and
    /// the limits of confidentiality. Added after the text rather than
    /// written around it, so that a policy's wording of the reminder cannot
    /// lose the referral's own words; any text written around the referral
    /// later (held, deferred, moved) keeps it. The person's text is not
    /// touched.
    fn with_consent_reminder(&self, text: &str, draft: &Draft, topic: Topic) -> Arc<str> {
        let words = Words {
            pathway: draft.pathway.map(|q| self.name(q)),
            requested: draft.requested.map(|q| self.name(q)),
            topic,
            text,
            person_text: None,
        };
        let (reminder, _) = words.write(self.template(Template::Under16Consent));
        format!("{text} {reminder}").into()
    }

    /// The pathway as a plan names it. Indices come from the checked policy,
    /// so a miss cannot happen; it would read as the GP.
    fn reference(&self, q: usize) -> PathwayRef {
        self.pathways
            .get(q)
            .or_else(|| self.pathways.get(self.gp))
            .map_or_else(
                || PathwayRef {
                    id: "gp".into(),
                    name: "the GP".into(),
                },
                |p| p.reference.clone(),
            )
    }

    fn name(&self, q: usize) -> &str {
        self.pathways.get(q).map_or("the GP", |p| &p.reference.name)
    }

    fn template(&self, t: Template) -> &TemplateText {
        let all = &self.templates;
        match t {
            Template::ActiveReferralOffer => &all.active_referral_offer,
            Template::DeclinedRecord => &all.declined_record,
            Template::DeclinedSignpost => &all.declined_signpost,
            Template::DeclinedFollowUp => &all.declined_follow_up,
            Template::DeclinedTopicRecord => &all.declined_topic_record,
            Template::DeclinedTopicFollowUp => &all.declined_topic_follow_up,
            Template::SettingCannotRefer => &all.setting_cannot_refer,
            Template::OptOutNotFromThisSetting => &all.opt_out_not_from_this_setting,
            Template::MovedToFollowUp => &all.moved_to_follow_up,
            Template::MovedToSignpost => &all.moved_to_signpost,
            Template::NoLocalService => &all.no_local_service,
            Template::DeferredWhileIntoxicated => &all.deferred_while_intoxicated,
            Template::OfferWhenSober => &all.offer_when_sober,
            Template::CheckSoberEnough => &all.check_sober_enough,
            Template::IntoxicationNotRecorded => &all.intoxication_not_recorded,
            Template::PregnancyAsk => &all.pregnancy_ask,
            Template::IfPregnant => &all.if_pregnant,
            Template::IfNotPregnant => &all.if_not_pregnant,
            Template::IfPregnancyConfirmed => &all.if_pregnancy_confirmed,
            Template::Under16Consent => &all.under_16_consent,
        }
    }

    /// The pathway a person can contact themselves about `topic`, routed for
    /// their age and what exists locally.
    fn self_referral_route(&self, topic: Topic, contact: &Contact) -> Option<usize> {
        let under_18 = contact.age().years() < crate::context::ADULT_MIN_AGE;
        let start = self
            .topics
            .iter()
            .find(|t| t.topic == topic)
            .map_or(self.gp, |t| {
                t.under_18.filter(|_| under_18).unwrap_or(t.self_referral)
            });
        let mut draft = Draft::empty();
        self.route(&mut draft, start, contact);
        draft.pathway
    }

    /// Referrals on one topic are not stacked (§6.8): a referral to a service
    /// that supersedes another replaces the referrals and signposts to it,
    /// and a second referral to the same service, as soon and in the same
    /// mode, or a second signpost to it, joins the first; each lists the
    /// rules it replaced among its reasons.
    fn supersede(&self, plan: &mut Vec<Planned>) {
        let mut i = 0;
        while i < plan.len() {
            let winner = plan.get(i).and_then(|loser| {
                plan.iter()
                    .enumerate()
                    .position(|(w, winner)| w != i && self.replaces(winner, loser, w < i))
            });
            match winner {
                Some(w) => {
                    let loser = plan.remove(i);
                    let w = if w > i { w - 1 } else { w };
                    if let Some(winner) = plan.get_mut(w) {
                        merge(&mut winner.action, &loser.action.reason);
                    }
                }
                None => i += 1,
            }
        }
    }

    /// Whether `winner` replaces `loser` on their topic (§6.8); `earlier`
    /// says whether the winner comes first in policy order, which breaks the
    /// tie between two referrals to the same service.
    fn replaces(&self, winner: &Planned, loser: &Planned, earlier: bool) -> bool {
        // Help for a partner or someone they live with is not the person's
        // own, whatever the person is offered.
        if loser.for_others || winner.for_others {
            return false;
        }
        let (w, l) = (&winner.action, &loser.action);
        let (Some(wp), Some(lp)) = (winner.pathway, loser.pathway) else {
            return false;
        };
        if w.topic != l.topic {
            return false;
        }
        // Two signposts to one service on one topic are one signpost.
        if w.kind == ActionKind::Signpost {
            return earlier && wp == lp && l.kind == ActionKind::Signpost;
        }
        if w.kind != ActionKind::Referral {
            return false;
        }
        let supersedes = self
            .pathways
            .get(wp)
            .is_some_and(|p| p.supersedes.contains(&lp))
            && matches!(l.kind, ActionKind::Referral | ActionKind::Signpost);
        let same_referral = earlier
            && wp == lp
            && l.kind == ActionKind::Referral
            && w.mode == l.mode
            && w.urgency == l.urgency;
        // An offer to refer to a service makes a signpost to it redundant.
        let signpost_to_it = wp == lp && l.kind == ActionKind::Signpost;
        supersedes || same_referral || signpost_to_it
    }

    /// Takes the host's responses into account (§6.4): a declined offer (a
    /// referral, a signpost, or the question or advice that opens a topic)
    /// is replaced by a record of the decline, a signpost to a service they
    /// can contact themselves, and an offer again at a later contact; every
    /// other response is marked on its action.
    fn respond(&self, plan: &mut Vec<Planned>, responses: &[Response], contact: &Contact) {
        for r in responses {
            let Some(at) = plan.iter().position(|p| *p.action.id == *r.action) else {
                continue;
            };
            let declinable = plan.get(at).is_some_and(|p| {
                matches!(
                    p.action.kind,
                    ActionKind::Referral
                        | ActionKind::Signpost
                        | ActionKind::Ask
                        | ActionKind::Advice
                )
            });
            if r.status != ResponseStatus::Declined || !declinable {
                if let Some(p) = plan.get_mut(at) {
                    p.action.response = Some(r.status);
                }
                continue;
            }
            let declined = plan.remove(at);
            let topic = declined.action.topic;
            let conversation = matches!(declined.action.kind, ActionKind::Ask | ActionKind::Advice);
            let mut replaced = Vec::new();
            plan.retain(|p| {
                let gone = if conversation {
                    // Declining to talk about a topic stops the conversation
                    // on it: what would have followed is not given now.
                    p.action.topic == topic
                        && matches!(
                            p.action.kind,
                            ActionKind::Ask
                                | ActionKind::Advice
                                | ActionKind::Referral
                                | ActionKind::Signpost
                                | ActionKind::Leaflet
                        )
                } else {
                    // A declined service is declined on this topic, whichever
                    // rule offered it.
                    p.action.topic == topic
                        && p.pathway.is_some()
                        && p.pathway == declined.pathway
                        && matches!(p.action.kind, ActionKind::Referral | ActionKind::Signpost)
                };
                if gone {
                    replaced.push(p.action.reason.clone());
                }
                !gone
            });
            let mut after = self.after_decline(&declined, conversation, contact);
            if let Some(first) = after.first_mut() {
                for reason in &replaced {
                    merge(&mut first.action, reason);
                }
            }
            plan.extend(after);
        }
    }

    /// What replaces a declined action: for an offer, a record of the
    /// decline, a signpost to a service they can contact themselves and an
    /// offer again later; for a conversation declined (a question or advice),
    /// a record and a question again later, with no signpost pressed on them.
    fn after_decline(
        &self,
        declined: &Planned,
        conversation: bool,
        contact: &Contact,
    ) -> Vec<Planned> {
        let a = &declined.action;
        let offered = declined.pathway.filter(|q| {
            self.pathways
                .get(*q)
                .is_some_and(|p| p.self_referral && p.exists_locally)
        });
        let signpost_to = offered.or_else(|| self.self_referral_route(a.topic, contact));
        let requested = declined.pathway.or(signpost_to);
        let make = |suffix: &str, kind: ActionKind, template: Template, to: Option<usize>| {
            let words = Words {
                pathway: to.map(|q| self.name(q)),
                requested: requested.map(|q| self.name(q)),
                topic: a.topic,
                text: &a.text,
                person_text: a.person_text.as_deref(),
            };
            let (text, person_text) = words.write(self.template(template));
            let mut reason = a.reason.clone();
            reason.adjustments.insert(Adjustment::DeclinedOffer);
            // The service declined, where this action does not go to it.
            reason.requested_pathway = requested
                .filter(|q| Some(*q) != to)
                .map(|q| self.reference(q));
            Planned {
                action: Action {
                    id: format!("{}{suffix}", a.id).into(),
                    kind,
                    topic: a.topic,
                    intensity: Intensity::VeryBrief,
                    text,
                    person_text: if kind.is_read_by_person() {
                        person_text
                    } else {
                        None
                    },
                    duration_s: if kind == ActionKind::Signpost { 30 } else { 0 },
                    pathway: to.map(|q| self.reference(q)),
                    mode: None,
                    urgency: None,
                    code: None,
                    response: None,
                    reason,
                },
                pathway: to,
                held: None,
                for_others: false,
            }
        };
        let [record, signpost, again] = DECLINED_SUFFIXES;
        if conversation {
            return vec![
                make(
                    record,
                    ActionKind::Record,
                    Template::DeclinedTopicRecord,
                    None,
                ),
                make(
                    again,
                    ActionKind::FollowUp,
                    Template::DeclinedTopicFollowUp,
                    None,
                ),
            ];
        }
        vec![
            make(record, ActionKind::Record, Template::DeclinedRecord, None),
            make(
                signpost,
                ActionKind::Signpost,
                Template::DeclinedSignpost,
                signpost_to,
            ),
            make(
                again,
                ActionKind::FollowUp,
                Template::DeclinedFollowUp,
                None,
            ),
        ]
    }

    /// While the person is, or may be, intoxicated (§6.10): advice on every
    /// topic is deferred; offers on topics other than alcohol (where PAT's
    /// appointment offer is the point of the contact) and questions on them
    /// wait until they are sober. Opt-out referrals, safety alerts, records
    /// and leaflets stay.
    fn hold_while_intoxicated(&self, plan: &mut [Planned]) {
        for p in plan.iter_mut() {
            let a = &p.action;
            let template = match a.kind {
                ActionKind::Advice => Template::DeferredWhileIntoxicated,
                ActionKind::Referral if a.mode == Some(ReferralMode::OptOut) => continue,
                ActionKind::Referral | ActionKind::Signpost | ActionKind::Ask
                    if !matches!(a.topic, Topic::Alcohol | Topic::General) =>
                {
                    Template::OfferWhenSober
                }
                _ => continue,
            };
            let kind = if template == Template::DeferredWhileIntoxicated {
                ActionKind::Defer
            } else {
                ActionKind::FollowUp
            };
            self.rewrite(&mut p.action, kind, template, Adjustment::Intoxicated);
        }
    }

    /// When intoxication is not recorded (§6.10): in the emergency
    /// department, where it is read as `yes`, one question first: are they
    /// sober enough for a conversation; elsewhere, where it is read as `no`,
    /// one note on what to do if they seem intoxicated. Each only when the
    /// plan has something it changes.
    fn note_intoxication_not_recorded(&self, plan: &mut Vec<Planned>, contact: &Contact) {
        if contact.intoxicated() != YesNoNotKnown::NotKnown {
            return;
        }
        let (rule, template, duration_s, affected) =
            if intoxication_as_read(contact) == YesNoNotKnown::Yes {
                (
                    CHECK_SOBER_ENOUGH,
                    Template::CheckSoberEnough,
                    15,
                    plan.iter().any(|p| {
                        p.action.kind == ActionKind::Defer
                            || p.action
                                .reason
                                .adjustments
                                .contains(Adjustment::Intoxicated)
                            || p.action.urgency == Some(Urgency::Within24Hours)
                    }),
                )
            } else {
                (
                    INTOXICATION_NOT_RECORDED,
                    Template::IntoxicationNotRecorded,
                    // A note to bear in mind, not a question to ask.
                    0,
                    plan.iter().any(|p| p.action.kind == ActionKind::Advice),
                )
            };
        if !affected {
            return;
        }
        plan.push(self.general_ask(
            rule,
            template,
            duration_s,
            "CLINICAL-REFERENCE §6.10; PAT 2009",
        ));
    }

    /// A `general` question (or note) the engine adds once, straight after
    /// the safety alerts (§6.2): its rule is the engine's `rule` and its id
    /// that rule's first action.
    fn general_ask(
        &self,
        rule: &str,
        template: Template,
        duration_s: u32,
        source: &str,
    ) -> Planned {
        let words = Words {
            pathway: None,
            requested: None,
            topic: Topic::General,
            text: "",
            person_text: None,
        };
        let (text, _) = words.write(self.template(template));
        Planned {
            action: Action {
                id: format!("{rule}#1").into(),
                kind: ActionKind::Ask,
                topic: Topic::General,
                intensity: Intensity::VeryBrief,
                text,
                person_text: None,
                duration_s,
                pathway: None,
                mode: None,
                urgency: None,
                code: None,
                response: None,
                reason: Reason {
                    rule: rule.into(),
                    also_from: Vec::new(),
                    relied_on: OutcomeSet::EMPTY,
                    source: source.into(),
                    adjustments: Adjustments::NONE,
                    requested_pathway: None,
                },
            },
            pathway: None,
            held: None,
            for_others: false,
        }
    }

    /// Holds an action until pregnancy is known (§6.11): a follow-up that says
    /// on which answer to do it, keeping the rule's text.
    fn hold(&self, p: &mut Planned, template: Template) {
        let action = &mut p.action;
        self.rewrite(
            action,
            ActionKind::FollowUp,
            template,
            Adjustment::HeldUntilPregnancyKnown,
        );
        action.intensity = Intensity::VeryBrief;
        if let Some(q) = action.pathway.take() {
            action.reason.requested_pathway.get_or_insert(q);
        }
        p.pathway = None;
    }

    /// Turns an action into a practitioner-only one of `kind` that takes no
    /// time in the contact, worded by `template` around the rule's text, and
    /// says why. Its recording code goes: it coded the action the rule gave.
    fn rewrite(&self, action: &mut Action, kind: ActionKind, template: Template, why: Adjustment) {
        let (text, _) = Words::of(action).write(self.template(template));
        action.kind = kind;
        action.text = text;
        action.person_text = None;
        action.duration_s = 0;
        action.mode = None;
        action.urgency = None;
        action.code = None;
        action.reason.adjustments.insert(why);
    }

    /// Makes the plan fit the time available (§6.3). An action more intense
    /// than the time allows always moves; then, while what is done in the
    /// contact takes longer than the budget, advice moves first (the longest
    /// first; its topic's leaflet stays, in its place), then non-urgent
    /// offers, then questions, the later topic first within a kind. Safety
    /// alerts, records, opt-out and urgent referrals never move.
    fn fit_time(&self, plan: &mut Vec<Planned>, contact: &Contact) {
        let time = contact.time_available();
        // The wider workforce gives very brief advice only, whatever the time
        // (§6.6).
        let intensity_allowed = if contact.setting().class() == SettingClass::WiderWorkforce {
            time.min(crate::context::TimeAvailable::VeryBrief)
        } else {
            time
        };
        let mut i = 0;
        while i < plan.len() {
            let too_intense = plan
                .get(i)
                .is_some_and(|p| movable(&p.action) && !p.action.intensity.fits(intensity_allowed));
            if too_intense && self.move_out(plan, i, contact) {
                // Merged into the topic's offer: the next action is now at `i`.
                continue;
            }
            i += 1;
        }
        let budget = budget_s(time);
        while in_contact_s(plan) > budget {
            let Some(i) = self.next_to_move(plan) else {
                break;
            };
            self.move_out(plan, i, contact);
        }
    }

    /// The next action to move out of a contact that is over its budget.
    fn next_to_move(&self, plan: &[Planned]) -> Option<usize> {
        let stage = |a: &Action| match a.kind {
            ActionKind::Advice => Some(0),
            ActionKind::Referral | ActionKind::Signpost => Some(1),
            ActionKind::Ask => Some(2),
            _ => None,
        };
        plan.iter()
            .enumerate()
            .filter(|(_, p)| movable(&p.action) && p.action.duration_s > 0)
            .filter_map(|(i, p)| stage(&p.action).map(|s| (i, s, &p.action)))
            .min_by_key(|(i, s, a)| {
                (
                    *s,
                    std::cmp::Reverse(if *s == 0 { a.duration_s } else { 0 }),
                    std::cmp::Reverse(self.topic_rank(a.topic)),
                    std::cmp::Reverse(*i),
                )
            })
            .map(|(i, _, _)| i)
    }

    /// Moves action `i` out of the contact: to a follow-up at the next
    /// contact where there is continuity of care, otherwise to a signpost
    /// given now, to where the person can get the help themselves. Where
    /// there may be no next contact and the topic already has an offer or a
    /// signpost, a moved advice joins it instead of adding a second signpost
    /// (the service offered gives the advice); returns whether it did, in
    /// which case the action is gone from the plan.
    /// An action for someone else that does not fit the time (§6.3, §6.8)
    /// is never taken into the person's own offer or signpost. Where there
    /// may be no next contact, a signpost keeps its own words, which say
    /// whom the service is for, and is handed over in seconds; otherwise it
    /// moves as any other action does. Returns whether it left the plan
    /// (never).
    fn move_for_others(&self, plan: &mut [Planned], i: usize, contact: &Contact) -> bool {
        let Some(p) = plan.get_mut(i) else {
            return false;
        };
        if contact.setting().has_continuity_of_care() || p.action.kind != ActionKind::Signpost {
            // Carried to the next contact in the practitioner's words, which
            // name the service and whom it is for.
            self.rewrite(
                &mut p.action,
                ActionKind::FollowUp,
                Template::MovedToFollowUp,
                Adjustment::NeedsMoreTime,
            );
            if let Some(q) = p.pathway.take() {
                p.action.reason.requested_pathway = Some(self.reference(q));
            }
            p.action.pathway = None;
            p.action.intensity = Intensity::VeryBrief;
            return false;
        }
        let action = &mut p.action;
        action.intensity = Intensity::VeryBrief;
        // Giving the details of a service takes seconds, like a leaflet.
        action.duration_s = 10;
        action.reason.adjustments.insert(Adjustment::NeedsMoreTime);
        false
    }

    fn move_out(&self, plan: &mut Vec<Planned>, i: usize, contact: &Contact) -> bool {
        let Some(p) = plan.get(i) else {
            return false;
        };
        let a = &p.action;
        if p.for_others {
            return self.move_for_others(plan, i, contact);
        }
        if !contact.setting().has_continuity_of_care() && a.kind == ActionKind::Advice {
            let offer = plan.iter().position(|o| {
                o.action.topic == a.topic
                    && matches!(o.action.kind, ActionKind::Referral | ActionKind::Signpost)
                    && o.action.response != Some(ResponseStatus::Declined)
            });
            if let Some(o) = offer {
                let moved = plan.remove(i);
                let o = if o > i { o - 1 } else { o };
                if let Some(offer) = plan.get_mut(o) {
                    merge(&mut offer.action, &moved.action.reason);
                    offer
                        .action
                        .reason
                        .adjustments
                        .insert(Adjustment::AdviceLeftToTheService);
                }
                return true;
            }
        }
        let (kind, template, to) = if contact.setting().has_continuity_of_care() {
            (ActionKind::FollowUp, Template::MovedToFollowUp, None)
        } else {
            let own = p.pathway.filter(|q| {
                self.pathways
                    .get(*q)
                    .is_some_and(|x| x.self_referral && x.exists_locally)
            });
            let to = own.or_else(|| self.self_referral_route(a.topic, contact));
            // The topic already points the person to that service: one
            // signpost to it is enough.
            let same = plan.iter().enumerate().position(|(j, o)| {
                j != i
                    && o.action.topic == a.topic
                    && matches!(o.action.kind, ActionKind::Referral | ActionKind::Signpost)
                    && o.pathway.is_some()
                    && o.pathway == to
            });
            if let Some(o) = same {
                let moved = plan.remove(i);
                let o = if o > i { o - 1 } else { o };
                if let Some(offer) = plan.get_mut(o) {
                    merge(&mut offer.action, &moved.action.reason);
                }
                return true;
            }
            (ActionKind::Signpost, Template::MovedToSignpost, to)
        };
        let words = Words {
            pathway: to.map(|q| self.name(q)),
            requested: p.pathway.map(|q| self.name(q)),
            topic: a.topic,
            text: &a.text,
            person_text: a.person_text.as_deref(),
        };
        let (text, person_text) = words.write(self.template(template));
        let requested = p.pathway.filter(|q| Some(*q) != to);
        let Some(p) = plan.get_mut(i) else {
            return false;
        };
        let action = &mut p.action;
        action.kind = kind;
        action.intensity = Intensity::VeryBrief;
        action.text = text;
        action.person_text = if kind.is_read_by_person() {
            person_text
        } else {
            None
        };
        // Giving the details of a service takes seconds, like a leaflet.
        action.duration_s = if kind == ActionKind::Signpost { 10 } else { 0 };
        action.mode = None;
        action.urgency = None;
        action.code = None;
        action.pathway = to.map(|q| self.reference(q));
        if let Some(r) = requested {
            action.reason.requested_pathway = Some(self.reference(r));
        }
        action.reason.adjustments.insert(Adjustment::NeedsMoreTime);
        p.pathway = to;
        false
    }

    /// A topic's place in the policy's topic order.
    fn topic_rank(&self, topic: Topic) -> usize {
        self.topics
            .iter()
            .position(|t| t.topic == topic)
            .unwrap_or(self.topics.len())
    }

    /// Puts a plan in the order a practitioner works through it
    /// (CLINICAL-REFERENCE §6.2):
    /// 1. safety alerts and safeguarding prompts;
    /// 2. asks about facts that change the whole plan (`general` asks);
    /// 3. topic by topic: a topic with a referral `now` first, then one with a
    ///    referral within 24 hours, then the rest in the policy's topic order;
    /// 4. within a topic, the order of the conversation ([`ActionKind::rank`]).
    ///
    /// The sort is stable, so ties keep the policy's rule order and the same input
    /// always gives the same plan.
    fn order(&self, plan: &mut [Action]) {
        // Each topic's rank, looked up once rather than at every comparison
        // (`Topic::ALL[i] as usize == i`, checked below).
        let ranks = Topic::ALL.map(|t| self.topic_rank(t));
        let rank = |t: Topic| ranks.get(t as usize).copied().unwrap_or(Topic::ALL.len());
        // One slot per topic, and one for a topic the policy does not list.
        let mut urgency = [2u8; Topic::ALL.len() + 1];
        for a in plan.iter() {
            let soonest = match a.urgency {
                Some(Urgency::Now) => 0,
                Some(Urgency::Within24Hours) => 1,
                _ => 2,
            };
            if let Some(slot) = urgency.get_mut(rank(a.topic)) {
                *slot = (*slot).min(soonest);
            }
        }
        plan.sort_by_key(|a| {
            let section = match (a.kind, a.topic) {
                (ActionKind::SafetyAlert, _) => 0,
                (ActionKind::Ask, Topic::General) => 1,
                _ => 2,
            };
            let topic = rank(a.topic);
            let topic_urgency = urgency.get(topic).copied().unwrap_or(2);
            (section, topic_urgency, topic, a.kind.rank())
        });
    }
}

// A topic's rank is looked up by its discriminant.
const _: () = {
    let mut i = 0;
    while i < Topic::ALL.len() {
        assert!(Topic::ALL[i] as usize == i);
        i += 1;
    }
};

/// The texts the engine writes, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Template {
    ActiveReferralOffer,
    DeclinedRecord,
    DeclinedSignpost,
    DeclinedFollowUp,
    DeclinedTopicRecord,
    DeclinedTopicFollowUp,
    SettingCannotRefer,
    OptOutNotFromThisSetting,
    MovedToFollowUp,
    MovedToSignpost,
    NoLocalService,
    DeferredWhileIntoxicated,
    OfferWhenSober,
    CheckSoberEnough,
    IntoxicationNotRecorded,
    PregnancyAsk,
    IfPregnant,
    IfNotPregnant,
    IfPregnancyConfirmed,
    Under16Consent,
}

/// What to do with an action that is right only in, or only outside,
/// pregnancy (§6.11).
enum Holding {
    Give,
    /// Held as a follow-up worded by the template; `true` when pregnancy is
    /// to be asked about.
    Hold(Template, bool),
    /// Wrong in this pregnancy state: not given.
    Drop,
}

/// Whether an action that depends on pregnancy is given, held until
/// pregnancy is known, or not given (§6.11). Pregnancy `possible` is read as
/// pregnant for every exclusion, and what is started only in a pregnancy
/// waits for it to be confirmed; `not_known` is asked about for a woman (or
/// someone whose sex is not recorded) aged 16 to 50, and otherwise read as
/// not pregnant.
fn pregnancy_holds(d: crate::policy::PregnancyDependence, contact: &Contact) -> Holding {
    use crate::context::{Pregnancy, Sex};
    use crate::policy::PregnancyDependence::{OnlyInPregnancy, OnlyOutsidePregnancy};
    let asked = contact.pregnant() == Pregnancy::NotKnown
        && contact.sex() != Sex::Male
        && ASKED_ABOUT_PREGNANCY.contains(&contact.age().years());
    match (d, contact.pregnant()) {
        (OnlyInPregnancy, Pregnancy::Yes) | (OnlyOutsidePregnancy, Pregnancy::No) => Holding::Give,
        (OnlyInPregnancy, Pregnancy::Possible) => {
            Holding::Hold(Template::IfPregnancyConfirmed, false)
        }
        (OnlyInPregnancy, _) => Holding::Hold(Template::IfPregnant, asked),
        (OnlyOutsidePregnancy, Pregnancy::Yes) => Holding::Drop,
        (OnlyOutsidePregnancy, Pregnancy::Possible) => {
            Holding::Hold(Template::IfNotPregnant, false)
        }
        (OnlyOutsidePregnancy, Pregnancy::NotKnown) if asked => {
            Holding::Hold(Template::IfNotPregnant, true)
        }
        (OnlyOutsidePregnancy, Pregnancy::NotKnown) => Holding::Give,
    }
}

/// What the engine's placeholders stand for in one action.
struct Words<'a> {
    pathway: Option<&'a str>,
    requested: Option<&'a str>,
    topic: Topic,
    text: &'a str,
    person_text: Option<&'a str>,
}

impl<'a> Words<'a> {
    /// The words of an action as it stands, for a template written around it.
    fn of(a: &'a Action) -> Words<'a> {
        Words {
            pathway: a.pathway.as_ref().map(|q| &*q.name),
            requested: None,
            topic: a.topic,
            text: &a.text,
            person_text: a.person_text.as_deref(),
        }
    }

    /// A template's texts with the placeholders filled in.
    fn write(&self, template: &TemplateText) -> (Arc<str>, Option<Arc<str>>) {
        let lookup = |name: &str| match name {
            "pathway" => Some(self.pathway.or(self.requested).unwrap_or("the GP")),
            "requested" => Some(self.requested.or(self.pathway).unwrap_or("the service")),
            "topic" => Some(self.topic.in_plain_words()),
            "text" => Some(self.text),
            "person_text" => Some(self.person_text.unwrap_or("")),
            _ => None,
        };
        (
            fill(&template.text, lookup).into(),
            template
                .person_text
                .as_deref()
                .map(|p| fill(p, lookup).into()),
        )
    }
}

/// An action being realised: the fields the engine may change, and what it
/// changed and why.
struct Draft {
    kind: ActionKind,
    intensity: Intensity,
    duration_s: u32,
    mode: Option<ReferralMode>,
    urgency: Option<Urgency>,
    /// The pathway used, once fallback has been applied.
    pathway: Option<usize>,
    /// The pathway the rule asked for, when another is used.
    requested: Option<usize>,
    adjustments: Adjustments,
    /// The engine's text, when it changed the action so that the rule's text
    /// would no longer be true.
    template: Option<Template>,
}

impl Draft {
    const fn empty() -> Draft {
        Draft {
            kind: ActionKind::Signpost,
            intensity: Intensity::VeryBrief,
            duration_s: 0,
            mode: None,
            urgency: None,
            pathway: None,
            requested: None,
            adjustments: Adjustments::NONE,
            template: None,
        }
    }

    /// A referral takes the service's mode unless the rule gave one, and `now`
    /// becomes `within_24_hours` when the service cannot see the person now.
    fn settle_referral(&mut self, pathways: &[CheckedPathway]) {
        let Some(q) = self.pathway.and_then(|q| pathways.get(q)) else {
            return;
        };
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
}

/// Whether the time budget may move the action (§6.3): safety alerts,
/// records, follow-ups, deferrals, opt-out referrals and urgent referrals
/// never move, and neither does what the engine already moved.
fn movable(a: &Action) -> bool {
    let fixed_kind = matches!(
        a.kind,
        ActionKind::SafetyAlert | ActionKind::Record | ActionKind::FollowUp | ActionKind::Defer
    );
    let fixed_referral = a.kind == ActionKind::Referral
        && (a.mode == Some(ReferralMode::OptOut)
            || matches!(a.urgency, Some(Urgency::Now | Urgency::Within24Hours)));
    // A question about the whole plan (sober enough, could she be pregnant)
    // decides what the rest of the plan means.
    let whole_plan_question = a.kind == ActionKind::Ask && a.topic == Topic::General;
    // What replaces a declined offer is the person's own route, given as the
    // answer to their decline.
    let after_decline = a.reason.adjustments.contains(Adjustment::DeclinedOffer);
    !fixed_kind
        && !fixed_referral
        && !whole_plan_question
        && !after_decline
        && !a.reason.adjustments.contains(Adjustment::NeedsMoreTime)
}

/// The time, in seconds, for what is done in a contact (§6.3).
const fn budget_s(time: crate::context::TimeAvailable) -> u32 {
    match time {
        crate::context::TimeAvailable::VeryBrief => 120,
        crate::context::TimeAvailable::Brief => 600,
        crate::context::TimeAvailable::Extended => 1_800,
    }
}

/// The time the plan's actions take in the contact, in seconds.
fn in_contact_s(plan: &[Planned]) -> u32 {
    plan.iter().map(|p| p.action.duration_s).sum()
}

/// One advice action per topic (§6.8): the first in policy order (the more
/// specific rule) stays, and the others' rules and outcomes join its reasons.
fn one_advice_per_topic(plan: &mut Vec<Planned>) {
    let mut i = 0;
    while i < plan.len() {
        let first = plan
            .get(i)
            .and_then(|p| (p.action.kind == ActionKind::Advice).then_some(p.action.topic));
        let earlier = first.and_then(|topic| {
            plan.iter()
                .take(i)
                .position(|q| q.action.kind == ActionKind::Advice && q.action.topic == topic)
        });
        match earlier {
            Some(e) => {
                let later = plan.remove(i);
                if let Some(winner) = plan.get_mut(e) {
                    merge(&mut winner.action, &later.action.reason);
                }
            }
            None => i += 1,
        }
    }
}

/// Folds a later action's reasons into `existing`: the outcomes it relied
/// on join, and its rules are listed once, so the record shows every rule
/// that asked for the action (§6.8).
fn merge(existing: &mut Action, other: &Reason) {
    let reason = &mut existing.reason;
    reason.relied_on = reason.relied_on.union(other.relied_on);
    for rule in std::iter::once(&other.rule).chain(&other.also_from) {
        if reason.rule != *rule && !reason.also_from.contains(rule) {
            reason.also_from.push(rule.clone());
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
        && a.person_text == b.person_text
        && a.pathway == b.pathway
        && a.mode == b.mode
        && a.urgency == b.urgency
        && a.code == b.code
        && a.reason.adjustments == b.reason.adjustments
        && a.reason.requested_pathway == b.reason.requested_pathway
}
