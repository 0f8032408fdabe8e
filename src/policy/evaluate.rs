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
//!
//! The plan is worked on as [`Step`]s in a [`PlanBuffer`]: every field of an
//! action as a reference into the policy or the buffer, so that no text is
//! copied or written while the plan is made.

use crate::context::{Contact, SettingClass, YesNoNotKnown};
use crate::outcome::{OutcomeSet, Topic};
use crate::policy::check::{CheckedAction, CheckedPathway, CheckedRule, CheckedTexts};
use crate::policy::condition::{Facts, intoxication_as_read};
use crate::policy::index::rules_in;
use crate::policy::plan::{Action, Adjustment, Adjustments};
use crate::policy::plan_buffer::{
    EngineRule, IdRef, PlanBuffer, PlanView, ReasonRef, RuleRef, Step, Template, TextRef, Words,
};
use crate::policy::{
    ActionKind, Intensity, Policy, ReferralMode, Response, ResponseStatus, Urgency,
};

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

/// A plan's place for a step: indices are kept in 32 bits.
fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Policy {
    /// Evaluates the policy against the outcomes found and the contact, and
    /// returns the plan, ordered as CLINICAL-REFERENCE §6.2 requires.
    ///
    /// When several rules ask for the same action (every realised field equal) it
    /// appears once: its [`Reason::rule`](crate::policy::Reason::rule) is the
    /// first of them in policy order and
    /// [`Reason::also_from`](crate::policy::Reason::also_from) lists the others
    /// (§6.8).
    ///
    /// Each action is owned; [`Policy::plan_into`] makes the same plan in a
    /// reusable buffer, without copying the policy's texts.
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
        let mut buffer = PlanBuffer::new();
        self.plan_into(outcomes, contact, responses, &mut buffer)
            .to_actions()
    }

    /// The plan [`Policy::plan_with`] makes, made in `buffer` and read from
    /// it: the same actions, in the same order, serializing to the same
    /// JSON. Nothing is copied out of the policy, and once `buffer` has held
    /// a plan as long, nothing is allocated (only what replaces a declined
    /// offer makes a new id). The buffer's previous plan is discarded.
    ///
    /// ```
    /// use mecc::policy::{ActionKind, PlanBuffer, Policy};
    /// use mecc::Screening;
    ///
    /// let screening = Screening::from_json(include_str!("../../examples/data/emergency_department_pat.json"))?;
    /// let policy = Policy::national_default()?;
    /// let outcomes = mecc::Findings::score(&screening.answers, &screening.contact).outcomes();
    ///
    /// let mut buffer = PlanBuffer::new();
    /// let plan = policy.plan_into(outcomes, &screening.contact, &[], &mut buffer);
    /// let first = plan.get(0).ok_or("a first action")?;
    /// assert_eq!(first.kind(), ActionKind::Advice);
    /// // Read as the owned plan reads, written out only when asked.
    /// assert_eq!(first.text().to_string(), &*policy.plan(outcomes, &screening.contact)[0].text);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plan_into<'a>(
        &'a self,
        outcomes: OutcomeSet,
        contact: &Contact,
        responses: &[Response],
        buffer: &'a mut PlanBuffer,
    ) -> PlanView<'a> {
        buffer.clear();
        let facts = self.conditions.facts(outcomes, contact);
        let mut holds = Holds::default();
        for (first, bits) in self.rule_index.candidates(outcomes) {
            let (passing, by_condition) = self.rule_index.passing(first, bits, facts.words());
            // In every debug build, each candidate fires here exactly when
            // it has its required outcomes and its condition holds.
            debug_assert!(
                rules_in(first, bits).all(|r| {
                    let bit = 1 << (r - first);
                    let fires_here =
                        passing & bit != 0 && (by_condition & bit == 0 || self.fires(r, &facts));
                    fires_here == self.fires(r, &facts)
                }),
                "a rule in the word from {first} reads differently by its term"
            );
            for r in rules_in(first, passing) {
                // A rule that passes by its single term fires; one read by
                // its condition is tested now.
                if by_condition & (1 << (r - first)) != 0 && !self.fires(r, &facts) {
                    continue;
                }
                if let Some(rule) = self.rules.get(r) {
                    self.add_actions(buffer, (r, rule), outcomes, &facts, &mut holds);
                }
            }
        }
        let Holds {
            asked_about_pregnancy,
            any_held,
        } = holds;
        if asked_about_pregnancy {
            let step =
                self.general_ask(buffer, EngineRule::PregnancyAsk, Template::PregnancyAsk, 15);
            buffer.steps.push(step);
        }
        // Referrals merge and supersede before any is held, so that two
        // held offers of the same service are one.
        self.supersede(buffer);
        if any_held {
            for i in 0..buffer.steps.len() {
                let held = buffer.steps.get_mut(i).and_then(|s| s.held.take());
                if let Some(template) = held {
                    self.hold(buffer, i, template);
                }
            }
        }
        self.one_advice_per_topic(buffer);
        self.respond(buffer, responses, contact);
        if facts.intoxicated == YesNoNotKnown::Yes {
            self.hold_while_intoxicated(buffer);
        }
        self.note_intoxication_not_recorded(buffer, contact);
        self.fit_time(buffer, contact);
        self.order(buffer);
        PlanView {
            policy: self,
            buffer,
        }
    }

    /// Adds the actions of rule `r`, which fires, at the end of the plan,
    /// each merged into an earlier one that is the same action; an action
    /// right only in, or only outside, pregnancy is left out or marked to
    /// be held (§6.11), as `holds` records.
    fn add_actions(
        &self,
        buffer: &mut PlanBuffer,
        (r, rule): (usize, &CheckedRule),
        outcomes: OutcomeSet,
        facts: &Facts<'_>,
        holds: &mut Holds,
    ) {
        let relied_on = rule.relies_on.intersection(outcomes);
        let holding = rule.pregnancy.map(|d| pregnancy_holds(d, facts.contact));
        if matches!(holding, Some(Holding::Drop)) {
            return;
        }
        for (a, spec) in rule.actions.iter().enumerate() {
            let action = u16::try_from(a).unwrap_or(u16::MAX);
            self.realise(buffer, (index(r), rule), (action, spec), relied_on, facts);
            if let Some(Holding::Hold(template, ask)) = holding {
                if let Some(step) = buffer.steps.last_mut() {
                    step.held = Some(template);
                }
                holds.asked_about_pregnancy |= ask;
                holds.any_held = true;
            }
            self.merge_last(buffer);
        }
    }

    /// Whether rule `r` fires for `facts`: it has every outcome it requires
    /// and its condition holds.
    fn fires(&self, r: usize, facts: &Facts<'_>) -> bool {
        self.rules.get(r).is_some_and(|rule| {
            rule.requires.is_subset(facts.outcomes) && self.conditions.eval(rule.root, facts)
        })
    }

    /// Merges the step just added into an earlier one that is the same
    /// action, adding its reasons to that one and taking it out of the plan.
    fn merge_last(&self, buffer: &mut PlanBuffer) {
        let Some((step, earlier)) = buffer.steps.split_last() else {
            return;
        };
        // The same action has the same kind and topic: with none of those
        // yet in the plan, there is nothing to compare.
        let kind_and_topic = kind_and_topic_bit(step);
        if buffer.kinds_and_topics & kind_and_topic == 0 {
            buffer.kinds_and_topics |= kind_and_topic;
            return;
        }
        let (last, reason, texts) = (earlier.len(), step.reason(), (step.text, step.person_text));
        for i in 0..last {
            let (text, person_text) = match (buffer.steps.get(i), buffer.steps.get(last)) {
                (Some(existing), Some(step)) if self.same_fields(existing, step) => {
                    (existing.text, existing.person_text)
                }
                _ => continue,
            };
            if buffer.same_text(self, text, texts.0) && buffer.same_text(self, person_text, texts.1)
            {
                buffer.steps.truncate(last);
                self.merge(buffer, i, reason);
                return;
            }
        }
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
            let known = EngineRule::ALL.iter().any(|e| e.action_id() == base)
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

    /// Turns action `action` of a fired rule into a step, added at the end of
    /// the plan: copied as it is fixed in the policy when nothing about the
    /// contact can change it ([`FixedSteps`]), otherwise realised in full.
    fn realise(
        &self,
        buffer: &mut PlanBuffer,
        (r, rule): (u32, &CheckedRule),
        (action, spec): (u16, &CheckedAction),
        relied_on: OutcomeSet,
        facts: &Facts<'_>,
    ) {
        let reason = (buffer.key(), relied_on);
        let Some(fixed) = self.fixed_steps.get(r, action) else {
            self.realise_in_full(buffer, (r, rule), (action, spec), reason, facts);
            return;
        };
        if cfg!(debug_assertions) {
            // Every test run in a debug build checks the copy against the
            // action realised in full.
            self.realise_in_full(buffer, (r, rule), (action, spec), reason, facts);
            let realised = buffer.steps.pop();
            self.copy_fixed(buffer, fixed, (r, rule), (action, spec), reason, facts);
            debug_assert_eq!(
                realised.as_ref(),
                buffer.steps.last(),
                "action {action} of rule {r} is fixed differently from how it is realised"
            );
            return;
        }
        self.copy_fixed(buffer, fixed, (r, rule), (action, spec), reason, facts);
    }

    /// Adds `fixed`, action `action` of rule `r` as the policy fixes it, at
    /// the end of the plan, in the wording that holds for the contact.
    fn copy_fixed(
        &self,
        buffer: &mut PlanBuffer,
        fixed: &Step,
        (r, rule): (u32, &CheckedRule),
        (action, spec): (u16, &CheckedAction),
        reason: (u32, OutcomeSet),
        facts: &Facts<'_>,
    ) {
        let texts = if spec.variants.is_empty() {
            None
        } else {
            // Which wording is used is the one thing about the action that
            // the contact can change.
            Some(self.texts(
                buffer,
                (r, rule.topic),
                (action, spec),
                &Draft::of(spec),
                facts,
            ))
        };
        // Copied once, into its place, and only what differs set there.
        push(buffer, *fixed, reason);
        set_texts(buffer, texts);
    }

    /// Realises an action whatever it is: routed along the pathway's
    /// fallbacks (§6.5), made an active offer for a priority group (§6.4),
    /// and given to the GP as a signpost when this setting cannot make the
    /// referral (§6.6). The step is added at the end of the plan.
    fn realise_in_full(
        &self,
        buffer: &mut PlanBuffer,
        (r, rule): (u32, &CheckedRule),
        (action, spec): (u16, &CheckedAction),
        reason: (u32, OutcomeSet),
        facts: &Facts<'_>,
    ) {
        let relied_on = reason.1;
        let contact = facts.contact;
        let mut draft = Draft::of(spec);
        if let Some(p) = spec.pathway {
            self.route(&mut draft, index(p), contact);
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
        let (mut text, person_text) =
            self.texts(buffer, (r, rule.topic), (action, spec), &draft, facts);
        if draft.kind == ActionKind::Referral && contact.age().years() < CONSENT_REMINDER_BELOW {
            // Added after the text rather than written around it, so that a
            // policy's wording of the reminder cannot lose the referral's own
            // words; any text written around the referral later (held,
            // deferred, moved) keeps it. The person's text is not touched.
            let words = buffer.keep_words(Words {
                pathway: draft.pathway,
                requested: draft.requested,
                topic: rule.topic,
                text,
                person_text: TextRef::None,
            });
            text = TextRef::WithConsentReminder { words };
        }
        push(
            buffer,
            step_of((r, rule.topic), (action, spec), &draft, (text, person_text)),
            reason,
        );
    }

    /// The action's texts: the first of its wordings whose condition holds,
    /// for the pathway used, or the engine's template around it when the
    /// engine changed the action so that the rule's text would no longer be
    /// true.
    fn texts(
        &self,
        buffer: &mut PlanBuffer,
        (r, topic): (u32, Topic),
        (action, spec): (u16, &CheckedAction),
        draft: &Draft,
        facts: &Facts<'_>,
    ) -> (TextRef, TextRef) {
        // The first wording whose condition holds, for the pathway used.
        let (variant, wording) = spec
            .variants
            .iter()
            .enumerate()
            .find(|(_, (root, _))| self.conditions.eval(*root, facts))
            .map_or((None, &spec.texts), |(v, (_, texts))| {
                (Some(u16::try_from(v).unwrap_or(u16::MAX)), texts)
            });
        let (text, person_text) = rule_texts((r, action), variant, wording, draft.pathway);
        match draft.template {
            None => (text, person_text),
            Some(t) => buffer.apply(
                self,
                t,
                Words {
                    pathway: draft.pathway,
                    requested: draft.requested,
                    topic,
                    text,
                    person_text,
                },
            ),
        }
    }

    /// The first pathway from `start` along its fallbacks that exists locally
    /// and accepts the person's age (§6.5); with none, the need is kept as a
    /// follow-up rather than dropped.
    fn route(&self, draft: &mut Draft, start: u32, contact: &Contact) {
        let age = contact.age().years();
        let mut at = Some(start as usize);
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
                if index(i) != start {
                    draft.requested = Some(start);
                }
                draft.pathway = Some(index(i));
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
    fn activate(&self, draft: &mut Draft, q: u32, contact: &Contact) {
        let Some(p) = self.pathways.get(q as usize) else {
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
        let Some(p) = draft.pathway.and_then(|q| self.pathways.get(q as usize)) else {
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
                draft.pathway = Some(index(i));
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
        self.route(draft, index(self.gp), contact);
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
        let Some(p) = draft.pathway.and_then(|q| self.pathways.get(q as usize)) else {
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

    /// The pathway a person can contact themselves about `topic`, routed for
    /// their age and what exists locally.
    fn self_referral_route(&self, topic: Topic, contact: &Contact) -> Option<u32> {
        let under_18 = contact.age().years() < crate::context::ADULT_MIN_AGE;
        let start = self
            .topics
            .iter()
            .find(|t| t.topic == topic)
            .map_or(self.gp, |t| {
                t.under_18.filter(|_| under_18).unwrap_or(t.self_referral)
            });
        let mut draft = Draft::empty();
        self.route(&mut draft, index(start), contact);
        draft.pathway
    }

    /// Whether pathway `q` takes self-referral and exists here.
    fn open_to_self_referral(&self, q: u32) -> bool {
        self.pathways
            .get(q as usize)
            .is_some_and(|p| p.self_referral && p.exists_locally)
    }

    /// Removes step `i` and merges its reasons into step `into` (an index
    /// before the removal); returns where `into` is now.
    fn fold_into(&self, buffer: &mut PlanBuffer, i: usize, into: usize) -> usize {
        let gone = buffer.steps.remove(i);
        let into = if into > i { into - 1 } else { into };
        self.merge(buffer, into, gone.reason());
        into
    }

    /// Referrals on one topic are not stacked (§6.8): a referral to a service
    /// that supersedes another replaces the referrals and signposts to it,
    /// and a second referral to the same service, as soon and in the same
    /// mode, or a second signpost to it, joins the first; each lists the
    /// rules it replaced among its reasons.
    fn supersede(&self, buffer: &mut PlanBuffer) {
        // Only offers on one topic replace one another: with at most one
        // offer on each topic, there is nothing to do.
        let mut offered = 0u32;
        let mut offered_twice = 0u32;
        for s in buffer.steps.iter().filter(|s| offers_a_service(s)) {
            let bit = 1u32 << (s.topic as u32);
            offered_twice |= offered & bit;
            offered |= bit;
        }
        if offered_twice == 0 {
            return;
        }
        let mut i = 0;
        while i < buffer.steps.len() {
            let steps = &buffer.steps;
            // Only the person's own referrals and signposts to a service
            // take part: most of a plan is passed over with one test.
            let winner = steps
                .get(i)
                .filter(|s| offers_a_service(s))
                .and_then(|loser| {
                    steps.iter().enumerate().position(|(w, winner)| {
                        w != i && offers_a_service(winner) && self.replaces(winner, loser, w < i)
                    })
                });
            match winner {
                Some(w) => {
                    self.fold_into(buffer, i, w);
                }
                None => i += 1,
            }
        }
    }

    /// Whether `w` replaces `l` on their topic (§6.8); `earlier` says whether
    /// the winner comes first in policy order, which breaks the tie between
    /// two referrals to the same service.
    fn replaces(&self, w: &Step, l: &Step, earlier: bool) -> bool {
        // Help for a partner or someone they live with is not the person's
        // own, whatever the person is offered.
        if l.for_others || w.for_others {
            return false;
        }
        let (Some(wp), Some(lp)) = (w.pathway, l.pathway) else {
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
            .get(wp as usize)
            .is_some_and(|p| p.supersedes.contains(&(lp as usize)))
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
    fn respond(&self, buffer: &mut PlanBuffer, responses: &[Response], contact: &Contact) {
        for r in responses {
            let Some(at) = buffer
                .steps
                .iter()
                .position(|s| self.action_id(buffer, s.id) == r.action)
            else {
                continue;
            };
            let declinable = buffer.steps.get(at).is_some_and(|s| {
                matches!(
                    s.kind,
                    ActionKind::Referral
                        | ActionKind::Signpost
                        | ActionKind::Ask
                        | ActionKind::Advice
                )
            });
            if r.status != ResponseStatus::Declined || !declinable {
                if let Some(s) = buffer.steps.get_mut(at) {
                    s.response = Some(r.status);
                }
                continue;
            }
            let declined = buffer.steps.remove(at);
            let topic = declined.topic;
            let conversation = matches!(declined.kind, ActionKind::Ask | ActionKind::Advice);
            let mut replaced = Vec::new();
            buffer.steps.retain(|s| {
                let gone = if conversation {
                    // Declining to talk about a topic stops the conversation
                    // on it: what would have followed is not given now.
                    s.topic == topic
                        && matches!(
                            s.kind,
                            ActionKind::Ask
                                | ActionKind::Advice
                                | ActionKind::Referral
                                | ActionKind::Signpost
                                | ActionKind::Leaflet
                        )
                } else {
                    // A declined service is declined on this topic, whichever
                    // rule offered it.
                    s.topic == topic
                        && s.pathway.is_some()
                        && s.pathway == declined.pathway
                        && matches!(s.kind, ActionKind::Referral | ActionKind::Signpost)
                };
                if gone {
                    replaced.push(s.reason());
                }
                !gone
            });
            let first = buffer.steps.len();
            self.after_decline(buffer, &declined, conversation, contact);
            if first < buffer.steps.len() {
                for reason in replaced {
                    self.merge(buffer, first, reason);
                }
            }
        }
    }

    /// What replaces a declined action, added at the end of the plan: for an
    /// offer, a record of the decline, a signpost to a service they can
    /// contact themselves and an offer again later; for a conversation
    /// declined (a question or advice), a record and a question again later,
    /// with no signpost pressed on them.
    fn after_decline(
        &self,
        buffer: &mut PlanBuffer,
        declined: &Step,
        conversation: bool,
        contact: &Contact,
    ) {
        let a = declined;
        let offered = a.pathway.filter(|q| self.open_to_self_referral(*q));
        let signpost_to = offered.or_else(|| self.self_referral_route(a.topic, contact));
        let requested = a.pathway.or(signpost_to);
        let base = self.action_id(buffer, a.id).to_owned();
        let mut make = |suffix: &str, kind: ActionKind, template: Template, to: Option<u32>| {
            let (text, person_text) = buffer.apply(
                self,
                template,
                Words {
                    pathway: to,
                    requested,
                    topic: a.topic,
                    text: a.text,
                    person_text: a.person_text,
                },
            );
            let id = index(buffer.made_ids.len());
            buffer.made_ids.push(format!("{base}{suffix}").into());
            let also = buffer.key();
            buffer.copy_rules(a.also, also);
            let mut adjustments = a.adjustments;
            adjustments.insert(Adjustment::DeclinedOffer);
            buffer.steps.push(Step {
                id: IdRef::Made(id),
                kind,
                topic: a.topic,
                intensity: Intensity::VeryBrief,
                text,
                person_text: if kind.is_read_by_person() {
                    person_text
                } else {
                    TextRef::None
                },
                duration_s: if kind == ActionKind::Signpost { 30 } else { 0 },
                pathway: to,
                mode: None,
                urgency: None,
                code: None,
                response: None,
                rule: a.rule,
                also,
                relied_on: a.relied_on,
                adjustments,
                // The service declined, where this action does not go to it.
                requested: requested.filter(|q| Some(*q) != to),
                for_others: false,
                held: None,
            });
        };
        let [record, signpost, again] = DECLINED_SUFFIXES;
        if conversation {
            make(
                record,
                ActionKind::Record,
                Template::DeclinedTopicRecord,
                None,
            );
            make(
                again,
                ActionKind::FollowUp,
                Template::DeclinedTopicFollowUp,
                None,
            );
            return;
        }
        make(record, ActionKind::Record, Template::DeclinedRecord, None);
        make(
            signpost,
            ActionKind::Signpost,
            Template::DeclinedSignpost,
            signpost_to,
        );
        make(
            again,
            ActionKind::FollowUp,
            Template::DeclinedFollowUp,
            None,
        );
    }

    /// While the person is, or may be, intoxicated (§6.10): advice on every
    /// topic is deferred; offers on topics other than alcohol (where PAT's
    /// appointment offer is the point of the contact) and questions on them
    /// wait until they are sober. Opt-out referrals, safety alerts, records
    /// and leaflets stay.
    fn hold_while_intoxicated(&self, buffer: &mut PlanBuffer) {
        for i in 0..buffer.steps.len() {
            let Some(s) = buffer.steps.get(i) else { break };
            let template = match s.kind {
                ActionKind::Advice => Template::DeferredWhileIntoxicated,
                ActionKind::Referral if s.mode == Some(ReferralMode::OptOut) => continue,
                ActionKind::Referral | ActionKind::Signpost | ActionKind::Ask
                    if !matches!(s.topic, Topic::Alcohol | Topic::General) =>
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
            self.rewrite(buffer, i, kind, template, Adjustment::Intoxicated);
        }
    }

    /// When intoxication is not recorded (§6.10): in the emergency
    /// department, where it is read as `yes`, one question first: are they
    /// sober enough for a conversation; elsewhere, where it is read as `no`,
    /// one note on what to do if they seem intoxicated. Each only when the
    /// plan has something it changes.
    fn note_intoxication_not_recorded(&self, buffer: &mut PlanBuffer, contact: &Contact) {
        if contact.intoxicated() != YesNoNotKnown::NotKnown {
            return;
        }
        let steps = &buffer.steps;
        let (rule, template, duration_s, affected) =
            if intoxication_as_read(contact) == YesNoNotKnown::Yes {
                (
                    EngineRule::CheckSoberEnough,
                    Template::CheckSoberEnough,
                    15,
                    steps.iter().any(|s| {
                        s.kind == ActionKind::Defer
                            || s.adjustments.contains(Adjustment::Intoxicated)
                            || s.urgency == Some(Urgency::Within24Hours)
                    }),
                )
            } else {
                (
                    EngineRule::IntoxicationNotRecorded,
                    Template::IntoxicationNotRecorded,
                    // A note to bear in mind, not a question to ask.
                    0,
                    steps.iter().any(|s| s.kind == ActionKind::Advice),
                )
            };
        if !affected {
            return;
        }
        let step = self.general_ask(buffer, rule, template, duration_s);
        buffer.steps.push(step);
    }

    /// A `general` question (or note) the engine adds once, straight after
    /// the safety alerts (§6.2): its rule is the engine's `rule` and its id
    /// that rule's first action.
    fn general_ask(
        &self,
        buffer: &mut PlanBuffer,
        rule: EngineRule,
        template: Template,
        duration_s: u32,
    ) -> Step {
        let (text, _) = buffer.apply(
            self,
            template,
            Words {
                pathway: None,
                requested: None,
                topic: Topic::General,
                text: TextRef::None,
                person_text: TextRef::None,
            },
        );
        Step {
            id: IdRef::Engine(rule),
            kind: ActionKind::Ask,
            topic: Topic::General,
            intensity: Intensity::VeryBrief,
            text,
            person_text: TextRef::None,
            duration_s,
            pathway: None,
            mode: None,
            urgency: None,
            code: None,
            response: None,
            rule: RuleRef::Engine(rule),
            also: buffer.key(),
            relied_on: OutcomeSet::EMPTY,
            adjustments: Adjustments::NONE,
            requested: None,
            for_others: false,
            held: None,
        }
    }

    /// Holds step `i` until pregnancy is known (§6.11): a follow-up that says
    /// on which answer to do it, keeping the rule's text.
    fn hold(&self, buffer: &mut PlanBuffer, i: usize, template: Template) {
        self.rewrite(
            buffer,
            i,
            ActionKind::FollowUp,
            template,
            Adjustment::HeldUntilPregnancyKnown,
        );
        if let Some(s) = buffer.steps.get_mut(i) {
            s.intensity = Intensity::VeryBrief;
            if let Some(q) = s.pathway.take() {
                s.requested.get_or_insert(q);
            }
        }
    }

    /// Turns step `i` into a practitioner-only action of `kind` that takes no
    /// time in the contact, worded by `template` around the rule's text, and
    /// says why. Its recording code goes: it coded the action the rule gave.
    fn rewrite(
        &self,
        buffer: &mut PlanBuffer,
        i: usize,
        kind: ActionKind,
        template: Template,
        why: Adjustment,
    ) {
        let Some(words) = buffer.steps.get(i).map(Step::words) else {
            return;
        };
        let (text, _) = buffer.apply(self, template, words);
        if let Some(s) = buffer.steps.get_mut(i) {
            s.kind = kind;
            s.text = text;
            s.person_text = TextRef::None;
            s.duration_s = 0;
            s.mode = None;
            s.urgency = None;
            s.code = None;
            s.adjustments.insert(why);
        }
    }

    /// Makes the plan fit the time available (§6.3). An action more intense
    /// than the time allows always moves; then, while what is done in the
    /// contact takes longer than the budget, advice moves first (the longest
    /// first; its topic's leaflet stays, in its place), then non-urgent
    /// offers, then questions, the later topic first within a kind. Safety
    /// alerts, records, opt-out and urgent referrals never move.
    fn fit_time(&self, buffer: &mut PlanBuffer, contact: &Contact) {
        let time = contact.time_available();
        // The wider workforce gives very brief advice only, whatever the time
        // (§6.6).
        let intensity_allowed = if contact.setting().class() == SettingClass::WiderWorkforce {
            time.min(crate::context::TimeAvailable::VeryBrief)
        } else {
            time
        };
        let mut i = 0;
        while i < buffer.steps.len() {
            let too_intense = buffer
                .steps
                .get(i)
                .is_some_and(|s| !s.intensity.fits(intensity_allowed) && movable(s));
            if too_intense && self.move_out(buffer, i, contact) {
                // Merged into the topic's offer: the next action is now at `i`.
                continue;
            }
            i += 1;
        }
        let budget = budget_s(time);
        while in_contact_s(&buffer.steps) > budget {
            let Some(i) = self.next_to_move(&buffer.steps) else {
                break;
            };
            self.move_out(buffer, i, contact);
        }
    }

    /// The next action to move out of a contact that is over its budget.
    fn next_to_move(&self, steps: &[Step]) -> Option<usize> {
        let stage = |s: &Step| match s.kind {
            ActionKind::Advice => Some(0),
            ActionKind::Referral | ActionKind::Signpost => Some(1),
            ActionKind::Ask => Some(2),
            _ => None,
        };
        steps
            .iter()
            .enumerate()
            .filter(|(_, s)| movable(s) && s.duration_s > 0)
            .filter_map(|(i, s)| stage(s).map(|k| (i, k, s)))
            .min_by_key(|(i, k, s)| {
                (
                    *k,
                    std::cmp::Reverse(if *k == 0 { s.duration_s } else { 0 }),
                    std::cmp::Reverse(self.topic_rank(s.topic)),
                    std::cmp::Reverse(*i),
                )
            })
            .map(|(i, _, _)| i)
    }

    /// An action for someone else that does not fit the time (§6.3, §6.8)
    /// is never taken into the person's own offer or signpost. Where there
    /// may be no next contact, a signpost keeps its own words, which say
    /// whom the service is for, and is handed over in seconds; otherwise it
    /// moves as any other action does. Returns whether it left the plan
    /// (never).
    fn move_for_others(&self, buffer: &mut PlanBuffer, i: usize, contact: &Contact) -> bool {
        let Some(kind) = buffer.steps.get(i).map(|s| s.kind) else {
            return false;
        };
        if contact.setting().has_continuity_of_care() || kind != ActionKind::Signpost {
            // Carried to the next contact in the practitioner's words, which
            // name the service and whom it is for.
            self.rewrite(
                buffer,
                i,
                ActionKind::FollowUp,
                Template::MovedToFollowUp,
                Adjustment::NeedsMoreTime,
            );
            if let Some(s) = buffer.steps.get_mut(i) {
                if let Some(q) = s.pathway.take() {
                    s.requested = Some(q);
                }
                s.intensity = Intensity::VeryBrief;
            }
            return false;
        }
        if let Some(s) = buffer.steps.get_mut(i) {
            s.intensity = Intensity::VeryBrief;
            // Giving the details of a service takes seconds, like a leaflet.
            s.duration_s = 10;
            s.adjustments.insert(Adjustment::NeedsMoreTime);
        }
        false
    }

    /// Moves action `i` out of the contact: to a follow-up at the next
    /// contact where there is continuity of care, otherwise to a signpost
    /// given now, to where the person can get the help themselves. Where
    /// there may be no next contact and the topic already has an offer or a
    /// signpost, a moved advice joins it instead of adding a second signpost
    /// (the service offered gives the advice); returns whether it did, in
    /// which case the action is gone from the plan.
    fn move_out(&self, buffer: &mut PlanBuffer, i: usize, contact: &Contact) -> bool {
        let Some(a) = buffer.steps.get(i).copied() else {
            return false;
        };
        if a.for_others {
            return self.move_for_others(buffer, i, contact);
        }
        let continuity = contact.setting().has_continuity_of_care();
        if !continuity && a.kind == ActionKind::Advice {
            let offer = buffer.steps.iter().position(|o| {
                o.topic == a.topic
                    && matches!(o.kind, ActionKind::Referral | ActionKind::Signpost)
                    && o.response != Some(ResponseStatus::Declined)
            });
            if let Some(o) = offer {
                let o = self.fold_into(buffer, i, o);
                if let Some(offer) = buffer.steps.get_mut(o) {
                    offer.adjustments.insert(Adjustment::AdviceLeftToTheService);
                }
                return true;
            }
        }
        let (kind, template, to) = if continuity {
            (ActionKind::FollowUp, Template::MovedToFollowUp, None)
        } else {
            let own = a.pathway.filter(|q| self.open_to_self_referral(*q));
            let to = own.or_else(|| self.self_referral_route(a.topic, contact));
            // The topic already points the person to that service: one
            // signpost to it is enough.
            let same = buffer.steps.iter().enumerate().position(|(j, o)| {
                j != i
                    && o.topic == a.topic
                    && matches!(o.kind, ActionKind::Referral | ActionKind::Signpost)
                    && o.pathway.is_some()
                    && o.pathway == to
            });
            if let Some(o) = same {
                self.fold_into(buffer, i, o);
                return true;
            }
            (ActionKind::Signpost, Template::MovedToSignpost, to)
        };
        let (text, person_text) = buffer.apply(
            self,
            template,
            Words {
                pathway: to,
                requested: a.pathway,
                topic: a.topic,
                text: a.text,
                person_text: a.person_text,
            },
        );
        let Some(s) = buffer.steps.get_mut(i) else {
            return false;
        };
        s.kind = kind;
        s.intensity = Intensity::VeryBrief;
        s.text = text;
        s.person_text = if kind.is_read_by_person() {
            person_text
        } else {
            TextRef::None
        };
        // Giving the details of a service takes seconds, like a leaflet.
        s.duration_s = if kind == ActionKind::Signpost { 10 } else { 0 };
        s.mode = None;
        s.urgency = None;
        s.code = None;
        s.pathway = to;
        if let Some(r) = a.pathway.filter(|q| Some(*q) != to) {
            s.requested = Some(r);
        }
        s.adjustments.insert(Adjustment::NeedsMoreTime);
        false
    }

    /// A topic's place in the policy's topic order.
    fn topic_rank(&self, topic: Topic) -> usize {
        self.topic_ranks
            .get(topic as usize)
            .copied()
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
    /// Ties keep the order the steps were made in (the policy's rule order),
    /// so the same input always gives the same plan.
    fn order(&self, buffer: &mut PlanBuffer) {
        let rank = |t: Topic| self.topic_rank(t);
        // One slot per topic, and one for a topic the policy does not list.
        let mut urgency = [2u8; Topic::ALL.len() + 1];
        for s in &buffer.steps {
            let soonest = match s.urgency {
                Some(Urgency::Now) => 0,
                Some(Urgency::Within24Hours) => 1,
                _ => 2,
            };
            if let Some(slot) = urgency.get_mut(rank(s.topic)) {
                *slot = (*slot).min(soonest);
            }
        }
        // Each key holds, from the top: section, topic urgency, topic rank
        // and kind rank, one byte each, then the step's index, which makes
        // the sort stable.
        for (i, s) in buffer.steps.iter().enumerate() {
            let section: u64 = match (s.kind, s.topic) {
                (ActionKind::SafetyAlert, _) => 0,
                (ActionKind::Ask, Topic::General) => 1,
                _ => 2,
            };
            let topic = rank(s.topic);
            let topic_urgency = urgency.get(topic).copied().unwrap_or(2);
            let topic = u64::try_from(topic).unwrap_or(u64::from(u8::MAX)).min(0xFF);
            buffer.order.push(
                (section << 56)
                    | (u64::from(topic_urgency) << 48)
                    | (topic << 40)
                    | (u64::from(s.kind.rank()) << 32)
                    | u64::from(index(i)),
            );
        }
        // A plan is most often made in its order already: the policy's
        // rules follow its topic order, and each rule's actions the
        // conversation's.
        if !buffer.order.is_sorted() {
            buffer.order.sort_unstable();
        }
    }

    /// One advice action per topic (§6.8): the first in policy order (the
    /// more specific rule) stays, and the others' rules and outcomes join its
    /// reasons.
    fn one_advice_per_topic(&self, buffer: &mut PlanBuffer) {
        // The topics with an advice so far: only a second advice on one of
        // them is looked for among the earlier actions.
        let mut advised = 0u32;
        let mut i = 0;
        while i < buffer.steps.len() {
            let steps = &buffer.steps;
            let topic = steps
                .get(i)
                .and_then(|s| (s.kind == ActionKind::Advice).then_some(s.topic));
            let earlier = topic.and_then(|topic| {
                let bit = 1u32 << (topic as u32);
                if advised & bit == 0 {
                    advised |= bit;
                    return None;
                }
                steps
                    .iter()
                    .take(i)
                    .position(|q| q.kind == ActionKind::Advice && q.topic == topic)
            });
            match earlier {
                Some(e) => {
                    self.fold_into(buffer, i, e);
                }
                None => i += 1,
            }
        }
    }

    /// Folds a later action's reasons into step `into`: the outcomes it
    /// relied on join, and its rules are listed once, so the record shows
    /// every rule that asked for the action (§6.8).
    fn merge(&self, buffer: &mut PlanBuffer, into: usize, other: ReasonRef) {
        let Some(s) = buffer.steps.get_mut(into) else {
            return;
        };
        s.relied_on = s.relied_on.union(other.relied_on);
        let own = (s.rule, s.also);
        buffer.merge_rules(self, own, other);
    }

    /// Whether two actions are the same thing to do in every field but
    /// their texts (compared after, as written), so that the second adds only
    /// its reasons. Every realised field must agree: two referrals that
    /// differ only in urgency, mode or recording code are two different
    /// needs, and merging them would silently lose the more urgent or the
    /// opt-out one.
    fn same_fields(&self, a: &Step, b: &Step) -> bool {
        let code = |s: &Step| {
            s.code.and_then(|(r, i)| {
                self.rules
                    .get(r as usize)?
                    .actions
                    .get(usize::from(i))?
                    .code
                    .as_ref()
            })
        };
        a.kind == b.kind
            && a.topic == b.topic
            && a.intensity == b.intensity
            && a.pathway == b.pathway
            && a.mode == b.mode
            && a.urgency == b.urgency
            && a.adjustments == b.adjustments
            && a.requested == b.requested
            && code(a) == code(b)
    }
}

// A topic's rank is looked up by its discriminant, and sets of topics are
// kept as bits of a `u32`.
const _: () = {
    assert!(Topic::ALL.len() <= 32);
    let mut i = 0;
    while i < Topic::ALL.len() {
        assert!(Topic::ALL[i] as usize == i);
        i += 1;
    }
};

/// What the rules that fired left to be held in pregnancy (§6.11).
#[derive(Default)]
struct Holds {
    /// Whether the person is to be asked whether she could be pregnant.
    asked_about_pregnancy: bool,
    /// Whether any step is marked to be held.
    any_held: bool,
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

/// An action being realised: the fields the engine may change, and what it
/// changed and why.
struct Draft {
    kind: ActionKind,
    intensity: Intensity,
    duration_s: u32,
    mode: Option<ReferralMode>,
    urgency: Option<Urgency>,
    /// The pathway used, once fallback has been applied.
    pathway: Option<u32>,
    /// The pathway the rule asked for, when another is used.
    requested: Option<u32>,
    adjustments: Adjustments,
    /// The engine's text, when it changed the action so that the rule's text
    /// would no longer be true.
    template: Option<Template>,
}

impl Draft {
    /// The action as the policy gives it, before anything is changed.
    const fn of(spec: &CheckedAction) -> Draft {
        Draft {
            kind: spec.kind,
            intensity: spec.intensity,
            duration_s: spec.duration_s,
            mode: spec.mode,
            urgency: spec.urgency,
            pathway: None,
            requested: None,
            adjustments: Adjustments::NONE,
            template: None,
        }
    }

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
        let Some(q) = self.pathway.and_then(|q| pathways.get(q as usize)) else {
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
fn movable(s: &Step) -> bool {
    let fixed_kind = matches!(
        s.kind,
        ActionKind::SafetyAlert | ActionKind::Record | ActionKind::FollowUp | ActionKind::Defer
    );
    let fixed_referral = s.kind == ActionKind::Referral
        && (s.mode == Some(ReferralMode::OptOut)
            || matches!(s.urgency, Some(Urgency::Now | Urgency::Within24Hours)));
    // A question about the whole plan (sober enough, could she be pregnant)
    // decides what the rest of the plan means.
    let whole_plan_question = s.kind == ActionKind::Ask && s.topic == Topic::General;
    // What replaces a declined offer is the person's own route, given as the
    // answer to their decline.
    let after_decline = s.adjustments.contains(Adjustment::DeclinedOffer);
    !fixed_kind
        && !fixed_referral
        && !whole_plan_question
        && !after_decline
        && !s.adjustments.contains(Adjustment::NeedsMoreTime)
}

/// A bit for a step's kind and topic, as [`PlanBuffer::kinds_and_topics`]
/// holds them: nine kinds of six topics fit a word. Were there more, the
/// pairs past the last bit would share it, which only means comparing more.
fn kind_and_topic_bit(s: &Step) -> u64 {
    let pair = (s.kind as usize) * Topic::ALL.len() + s.topic as usize;
    1u64 << pair.min(63)
}

/// The step for action `action` of rule `r`, as realised in `draft` with
/// `texts`, before it has a key for its merged rules or the outcomes it
/// relies on ([`push`] gives it both).
fn step_of(
    (r, topic): (u32, Topic),
    (action, spec): (u16, &CheckedAction),
    draft: &Draft,
    (text, person_text): (TextRef, TextRef),
) -> Step {
    let code = if draft.requested.is_some() || spec.code.is_none() {
        // A recording code names the service the rule asked for; it would
        // misdescribe a referral that went elsewhere.
        None
    } else {
        Some((r, action))
    };
    Step {
        id: IdRef::Policy { rule: r, action },
        kind: draft.kind,
        topic,
        intensity: draft.intensity,
        text,
        person_text: if draft.kind.is_read_by_person() {
            person_text
        } else {
            TextRef::None
        },
        duration_s: draft.duration_s,
        pathway: draft.pathway,
        mode: draft.mode,
        urgency: draft.urgency,
        code,
        response: None,
        rule: RuleRef::Policy(r),
        also: 0,
        relied_on: OutcomeSet::EMPTY,
        adjustments: draft.adjustments,
        requested: draft.requested,
        for_others: spec.for_others,
        held: None,
    }
}

/// Gives the last step of the plan `texts`, when given: the person's only
/// when the person reads the action.
fn set_texts(buffer: &mut PlanBuffer, texts: Option<(TextRef, TextRef)>) {
    if let (Some((text, person_text)), Some(step)) = (texts, buffer.steps.last_mut()) {
        step.text = text;
        step.person_text = if step.kind.is_read_by_person() {
            person_text
        } else {
            TextRef::None
        };
    }
}

/// Adds `step` at the end of the plan, with the key of its merged rules and
/// the outcomes it relies on.
fn push(buffer: &mut PlanBuffer, step: Step, (also, relied_on): (u32, OutcomeSet)) {
    if buffer.steps.capacity() == 0 {
        // Room for a long plan at once, rather than growing.
        buffer.steps.reserve_exact(16);
    }
    buffer.steps.push(step);
    if let Some(step) = buffer.steps.last_mut() {
        step.also = also;
        step.relied_on = relied_on;
    }
}

/// The step each action of a policy becomes in every contact, when nothing
/// about the contact can change it: it names no pathway (so nothing is
/// routed, made an active offer or given to the GP, §6.4 to §6.6) and is
/// not a referral (so no child's consent reminder is added). Most of a
/// plan's actions are such (advice, leaflets, records, asks, alerts), and
/// each is then copied rather than realised; only a wording variant is
/// still chosen for the contact.
#[derive(Debug, Clone, Default)]
pub(super) struct FixedSteps {
    /// Where each rule's actions start in `steps`.
    first: Vec<u32>,
    /// Each action's fixed step, rule by rule; `None` when it is realised in
    /// full.
    steps: Vec<Option<Step>>,
}

impl FixedSteps {
    /// The fixed steps of `rules`' actions.
    pub(super) fn new(rules: &[CheckedRule]) -> FixedSteps {
        let mut fixed = FixedSteps::default();
        for (r, rule) in (0u32..).zip(rules) {
            fixed.first.push(index(fixed.steps.len()));
            for (a, spec) in rule.actions.iter().enumerate() {
                let is_fixed = spec.pathway.is_none() && spec.kind != ActionKind::Referral;
                let action = u16::try_from(a).ok().filter(|_| is_fixed);
                fixed.steps.push(action.map(|action| {
                    let texts = rule_texts((r, action), None, &spec.texts, None);
                    step_of((r, rule.topic), (action, spec), &Draft::of(spec), texts)
                }));
            }
        }
        fixed
    }

    /// Action `action` of rule `r`'s fixed step, when it has one.
    fn get(&self, r: u32, action: u16) -> Option<&Step> {
        let first = self.first.get(r as usize)?;
        self.steps
            .get(*first as usize + usize::from(action))?
            .as_ref()
    }
}

/// The texts of a rule's action in `wording` (its variant `variant`, or its
/// own), as written for `pathway` when the wording names the pathway; no
/// person's text when the wording has none.
fn rule_texts(
    (r, action): (u32, u16),
    variant: Option<u16>,
    wording: &CheckedTexts,
    pathway: Option<u32>,
) -> (TextRef, TextRef) {
    let by_pathway = pathway.and_then(|q| Some(q).zip(wording.by_pathway.get(q as usize)));
    let pathway = by_pathway.map(|(q, _)| q);
    let rule_text = |person| TextRef::Rule {
        rule: r,
        action,
        variant,
        pathway,
        person,
    };
    let has_person_text =
        by_pathway.map_or(wording.person_text.is_some(), |(_, (_, p))| p.is_some());
    (
        rule_text(false),
        if has_person_text {
            rule_text(true)
        } else {
            TextRef::None
        },
    )
}

/// Whether a step is the person's own referral or signpost to a service:
/// only these replace one another (§6.8).
fn offers_a_service(s: &Step) -> bool {
    matches!(s.kind, ActionKind::Referral | ActionKind::Signpost)
        && s.pathway.is_some()
        && !s.for_others
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
fn in_contact_s(steps: &[Step]) -> u32 {
    steps.iter().map(|s| s.duration_s).sum()
}

#[cfg(test)]
mod tests {
    use super::{DECLINED_SUFFIXES, EngineRule};
    use crate::context::Contact;
    use crate::json_out::needs_no_escape;
    use crate::outcome::{Outcome, OutcomeSet};
    use crate::policy::{ActionKind, PlanBuffer, Policy};

    /// Contacts whose actions are realised differently: a child (age
    /// limits, the consent reminder), a pregnant woman, an intoxicated man in
    /// the emergency department, someone in a priority group at a pharmacy
    /// (active offers), and a housing officer's visit (the wider workforce,
    /// which cannot refer).
    const CONTACTS: [&str; 5] = [
        r#"{"age": 12, "age_confirmed": true, "sex": "female", "pregnant": "no", "setting": "emergency_department", "time_available": "brief", "presenting_condition": "head_injury"}"#,
        r#"{"age": 29, "sex": "female", "pregnant": "yes", "setting": "maternity", "time_available": "brief"}"#,
        r#"{"age": 58, "sex": "male", "pregnant": "no", "setting": "emergency_department", "time_available": "very_brief", "presenting_condition": "fall", "intoxicated": "yes"}"#,
        r#"{"age": 44, "sex": "not_known", "pregnant": "not_known", "setting": "community_pharmacy", "time_available": "very_brief", "priority_groups": ["severe_mental_illness"]}"#,
        r#"{"age": 67, "sex": "male", "pregnant": "no", "setting": "housing", "time_available": "extended"}"#,
    ];

    /// Only an action that names no pathway and is not a referral is fixed,
    /// and each fixed action, copied with the wording that holds, is field
    /// for field the action realised in full, for every action of the
    /// national default, the contacts above, and no outcome, every outcome
    /// or each one alone found (the outcomes a wording's condition reads).
    #[test]
    fn a_fixed_action_is_the_action_realised_in_full() {
        let policy = Policy::national_default_shared().expect("the shipped policy compiles");
        let mut outcome_sets = vec![OutcomeSet::EMPTY, Outcome::ALL.iter().copied().collect()];
        outcome_sets.extend(Outcome::ALL.iter().map(|o| OutcomeSet::of(*o)));
        let (mut realised, mut copied) = (PlanBuffer::new(), PlanBuffer::new());
        let mut compared = 0;
        for json in CONTACTS {
            let contact = Contact::from_json(json).expect("a valid contact");
            for outcomes in &outcome_sets {
                let facts = policy.conditions.facts(*outcomes, &contact);
                for (r, rule) in (0u32..).zip(&policy.rules) {
                    let reason = (7, rule.relies_on.intersection(*outcomes));
                    for (action, spec) in (0u16..).zip(&rule.actions) {
                        let fixed = policy.fixed_steps.get(r, action);
                        assert_eq!(
                            fixed.is_some(),
                            spec.pathway.is_none() && spec.kind != ActionKind::Referral,
                            "{}",
                            spec.id
                        );
                        let Some(fixed) = fixed else { continue };
                        realised.clear();
                        copied.clear();
                        policy.realise_in_full(
                            &mut realised,
                            (r, rule),
                            (action, spec),
                            reason,
                            &facts,
                        );
                        policy.copy_fixed(
                            &mut copied,
                            fixed,
                            (r, rule),
                            (action, spec),
                            reason,
                            &facts,
                        );
                        assert_eq!(realised.steps, copied.steps, "{} for {json}", spec.id);
                        compared += 1;
                    }
                }
            }
        }
        // Most of the national default's actions are fixed.
        assert!(compared > CONTACTS.len() * 50, "{compared} compared");
    }

    /// The ids the engine writes itself (its rules' and their actions', and
    /// the suffixes of the ids it makes after a decline) are copied into
    /// JSON when the policy's own ids are: none may need escaping.
    #[test]
    fn the_engines_ids_need_no_escaping() {
        for e in EngineRule::ALL {
            assert!(needs_no_escape(e.id()), "{}", e.id());
            assert!(needs_no_escape(e.action_id()), "{}", e.action_id());
        }
        for suffix in DECLINED_SUFFIXES {
            assert!(needs_no_escape(suffix), "{suffix}");
        }
    }
}
