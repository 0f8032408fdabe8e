//! A plan held as references into its compiled policy, in a buffer a host
//! can reuse: planning into it allocates nothing once the buffer has grown to
//! the size of a plan, and nothing is copied out of the policy until asked.
//!
//! [`Policy::plan_into`] fills a [`PlanBuffer`] and returns a [`PlanView`]
//! over it. Each [`ActionView`] reads the same fields an owned [`Action`]
//! has, serializes to the same JSON, and becomes one with
//! [`ActionView::to_action`]. The texts the engine writes around a rule's
//! text (held, deferred, moved, declined, the consent reminder) are kept as
//! the template and the words that fill it, and written out only when read
//! ([`Text`]).

use std::fmt;
use std::sync::Arc;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::outcome::{OutcomeSet, Topic};
use crate::policy::check::CheckedTexts;
use crate::policy::document::TemplateText;
use crate::policy::plan::{Action, Adjustments, PathwayRef, Reason, RecordingCode};
use crate::policy::{ActionKind, Intensity, Policy, ReferralMode, ResponseStatus, Urgency};

/// A rule the engine applies itself, with no rule in the policy behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EngineRule {
    /// The question asked in the emergency department when intoxication is
    /// not recorded (CLINICAL-REFERENCE §6.10).
    CheckSoberEnough,
    /// The note given elsewhere when intoxication is not recorded (§6.10).
    IntoxicationNotRecorded,
    /// The question asked when pregnancy is not known and changes the plan
    /// (§6.11).
    PregnancyAsk,
}

impl EngineRule {
    /// The rule's id.
    pub(super) const fn id(self) -> &'static str {
        match self {
            EngineRule::CheckSoberEnough => "general.check_sober_enough",
            EngineRule::IntoxicationNotRecorded => "general.intoxication_not_recorded",
            EngineRule::PregnancyAsk => "general.pregnancy_ask",
        }
    }

    /// The id of the rule's one action: the rule's id and `#1`.
    pub(super) const fn action_id(self) -> &'static str {
        match self {
            EngineRule::CheckSoberEnough => "general.check_sober_enough#1",
            EngineRule::IntoxicationNotRecorded => "general.intoxication_not_recorded#1",
            EngineRule::PregnancyAsk => "general.pregnancy_ask#1",
        }
    }

    /// What the rule implements.
    pub(super) const fn source(self) -> &'static str {
        match self {
            EngineRule::CheckSoberEnough | EngineRule::IntoxicationNotRecorded => {
                "CLINICAL-REFERENCE §6.10; PAT 2009"
            }
            EngineRule::PregnancyAsk => "CLINICAL-REFERENCE §6.11",
        }
    }

    /// Every engine rule.
    pub(super) const ALL: [EngineRule; 3] = [
        EngineRule::CheckSoberEnough,
        EngineRule::IntoxicationNotRecorded,
        EngineRule::PregnancyAsk,
    ];
}

/// The rule behind an action: one of the policy's, by index, or the engine's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RuleRef {
    Policy(u32),
    Engine(EngineRule),
}

/// An action's id: a policy action's, an engine rule's action's, or one the
/// engine made for what replaces a declined offer (held in the buffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum IdRef {
    Policy { rule: u32, action: u16 },
    Engine(EngineRule),
    Made(u32),
}

/// The texts the engine writes, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Template {
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

/// One of an action's texts, as a reference: nothing is written until it is
/// read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TextRef {
    /// No text (an absent person's text; the empty string where filled in).
    None,
    /// A text of a policy action: its own wording or variant `variant`, as
    /// written for pathway `pathway` when the wording names the pathway.
    Rule {
        rule: u32,
        action: u16,
        variant: Option<u16>,
        pathway: Option<u32>,
        person: bool,
    },
    /// An engine template's text (the person's when `person`), filled with
    /// the buffer's words at `words`.
    Template {
        template: Template,
        person: bool,
        words: u32,
    },
    /// The words' text, a space, and the under-16 consent reminder filled
    /// with those words (CLINICAL-REFERENCE §6.4).
    WithConsentReminder { words: u32 },
}

/// What the engine's placeholders stand for in one template application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Words {
    pub(super) pathway: Option<u32>,
    pub(super) requested: Option<u32>,
    pub(super) topic: Topic,
    pub(super) text: TextRef,
    pub(super) person_text: TextRef,
}

/// The rule and the outcomes behind an action, and the key of the rules
/// merged into it, as merging needs them.
#[derive(Debug, Clone, Copy)]
pub(super) struct ReasonRef {
    pub(super) rule: RuleRef,
    pub(super) also: u32,
    pub(super) relied_on: OutcomeSet,
}

/// An action in the making, or made: every field of an [`Action`], as
/// references into the policy and the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Step {
    pub(super) id: IdRef,
    pub(super) kind: ActionKind,
    pub(super) topic: Topic,
    pub(super) intensity: Intensity,
    pub(super) text: TextRef,
    pub(super) person_text: TextRef,
    pub(super) duration_s: u32,
    /// The pathway used, by index.
    pub(super) pathway: Option<u32>,
    pub(super) mode: Option<ReferralMode>,
    pub(super) urgency: Option<Urgency>,
    /// The policy action whose recording code the action carries.
    pub(super) code: Option<(u32, u16)>,
    pub(super) response: Option<ResponseStatus>,
    pub(super) rule: RuleRef,
    /// The key of this action's merged rules in [`PlanBuffer::also`].
    pub(super) also: u32,
    pub(super) relied_on: OutcomeSet,
    pub(super) adjustments: Adjustments,
    /// The pathway the rule asked for, when another is used, by index.
    pub(super) requested: Option<u32>,
    /// For someone other than the person (§6.8): never replaced.
    pub(super) for_others: bool,
    /// Right only in, or only outside, pregnancy, which is not known: to be
    /// held as a follow-up worded by this template (§6.11).
    pub(super) held: Option<Template>,
}

impl Step {
    /// What merging another action into this one needs of it.
    pub(super) const fn reason(&self) -> ReasonRef {
        ReasonRef {
            rule: self.rule,
            also: self.also,
            relied_on: self.relied_on,
        }
    }

    /// The words of the action as it stands, for a template written
    /// around it.
    pub(super) const fn words(&self) -> Words {
        Words {
            pathway: self.pathway,
            requested: None,
            topic: self.topic,
            text: self.text,
            person_text: self.person_text,
        }
    }
}

/// A reusable place to make plans in ([`Policy::plan_into`]).
///
/// Planning into a buffer that has held a plan as long before allocates
/// nothing in the common case; only what replaces a declined offer makes a
/// new action id. One buffer serves any number of plans, one at a time, from
/// any policy; keep one per thread.
///
/// ```
/// use mecc::policy::{PlanBuffer, Policy};
/// use mecc::{Findings, Screening};
///
/// let policy = Policy::national_default()?;
/// let mut buffer = PlanBuffer::new();
/// for document in [
///     include_str!("../../examples/data/community_pharmacy_smoking_co.json"),
///     include_str!("../../examples/data/housing_fast_smoking.json"),
/// ] {
///     let screening = Screening::from_json(document)?;
///     let outcomes = Findings::score(&screening.answers, &screening.contact).outcomes();
///     let plan = policy.plan_into(outcomes, &screening.contact, &[], &mut buffer);
///     // The same plan as the owned one, action for action.
///     assert_eq!(plan.to_actions(), policy.plan(outcomes, &screening.contact));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct PlanBuffer {
    pub(super) steps: Vec<Step>,
    /// The rules merged into actions, each with the key of the action it
    /// was merged into, in the order they were merged.
    pub(super) also: Vec<(u32, RuleRef)>,
    /// The words of every template application in the plan.
    pub(super) words: Vec<Words>,
    /// The ids the engine made, for what replaces a declined offer.
    pub(super) made_ids: Vec<Box<str>>,
    /// The plan's order: indices into `steps`, each with its sort key.
    pub(super) order: Vec<u64>,
    /// The next key for an action's merged rules.
    pub(super) next_key: u32,
    /// A bit for each kind and topic of the actions added so far, so that an
    /// action with no other of its kind and topic is not compared with each.
    pub(super) kinds_and_topics: u64,
    /// Room to write a text out to compare another with it.
    pub(super) scratch: String,
}

impl PlanBuffer {
    /// An empty buffer; it grows to the size of the first plan made in it.
    #[must_use]
    pub fn new() -> PlanBuffer {
        PlanBuffer::default()
    }

    /// Empties the buffer for a new plan, keeping its room.
    pub(super) fn clear(&mut self) {
        self.steps.clear();
        self.also.clear();
        self.words.clear();
        self.made_ids.clear();
        self.order.clear();
        self.next_key = 0;
        self.kinds_and_topics = 0;
    }

    /// A fresh key for an action's merged rules.
    pub(super) fn key(&mut self) -> u32 {
        let key = self.next_key;
        self.next_key = self.next_key.wrapping_add(1);
        key
    }

    /// Keeps `words` and returns where.
    pub(super) fn keep_words(&mut self, words: Words) -> u32 {
        let at = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.words.push(words);
        at
    }

    /// A template's texts filled with `words`: the practitioner's, and the
    /// person's when the template has one.
    pub(super) fn apply(
        &mut self,
        policy: &Policy,
        template: Template,
        words: Words,
    ) -> (TextRef, TextRef) {
        let words = self.keep_words(words);
        let text = TextRef::Template {
            template,
            person: false,
            words,
        };
        let person = if policy.template(template).person_text.is_some() {
            TextRef::Template {
                template,
                person: true,
                words,
            }
        } else {
            TextRef::None
        };
        (text, person)
    }

    /// Adds the rules behind `other` to the rules merged into `into`, each
    /// once and never the action's own rule (§6.8).
    pub(super) fn merge_rules(&mut self, policy: &Policy, into: (RuleRef, u32), other: ReasonRef) {
        let (own, key) = into;
        let known = self.also.len();
        let add = |also: &mut Vec<(u32, RuleRef)>, rule: RuleRef| {
            let id = policy.rule_id(rule);
            let listed = policy.rule_id(own) == id
                || also
                    .iter()
                    .any(|(k, r)| *k == key && policy.rule_id(*r) == id);
            if !listed {
                also.push((key, rule));
            }
        };
        add(&mut self.also, other.rule);
        for i in 0..known {
            if let Some((k, rule)) = self.also.get(i).copied()
                && k == other.also
            {
                add(&mut self.also, rule);
            }
        }
    }

    /// Gives the action with key `to` the same merged rules as the one with
    /// key `from`.
    pub(super) fn copy_rules(&mut self, from: u32, to: u32) {
        for i in 0..self.also.len() {
            if let Some((k, rule)) = self.also.get(i).copied()
                && k == from
            {
                self.also.push((to, rule));
            }
        }
    }

    /// Whether two texts read the same, writing them out only when their
    /// references differ.
    pub(super) fn same_text(&mut self, policy: &Policy, a: TextRef, b: TextRef) -> bool {
        if a == b {
            return true;
        }
        if (a == TextRef::None) != (b == TextRef::None) {
            return false;
        }
        if let (TextRef::Rule { .. }, TextRef::Rule { .. }) = (a, b) {
            // Two of the policy's own strings: compared as they are, with
            // nothing to write out.
            let own = |t| policy.policy_text(t).map_or("", |t| &**t);
            return own(a) == own(b);
        }
        // One written out, the other compared with it as it is written.
        let mut left = std::mem::take(&mut self.scratch);
        left.clear();
        let same = write_text(&mut left, policy, self, a).is_ok() && {
            let mut rest = Some(left.as_str());
            write_text(&mut Compare(&mut rest), policy, self, b).is_ok() && rest == Some("")
        };
        self.scratch = left;
        same
    }
}

impl Policy {
    /// A rule's id.
    pub(super) fn rule_id(&self, rule: RuleRef) -> &str {
        match rule {
            RuleRef::Policy(i) => self.rules.get(i as usize).map_or("", |r| &r.id),
            RuleRef::Engine(e) => e.id(),
        }
    }

    /// A rule's id as an owned action holds it: the policy's own string,
    /// shared, for one of its rules.
    fn shared_rule_id(&self, rule: RuleRef) -> Arc<str> {
        match rule {
            RuleRef::Policy(i) => self
                .rules
                .get(i as usize)
                .map_or_else(|| Arc::from(""), |r| r.id.clone()),
            RuleRef::Engine(e) => Arc::from(e.id()),
        }
    }

    /// An action's id, as a string.
    pub(super) fn action_id<'a>(&'a self, buffer: &'a PlanBuffer, id: IdRef) -> &'a str {
        match id {
            IdRef::Policy { rule, action } => self
                .rules
                .get(rule as usize)
                .and_then(|r| r.actions.get(usize::from(action)))
                .map_or("", |a| &a.id),
            IdRef::Engine(e) => e.action_id(),
            IdRef::Made(i) => buffer.made_ids.get(i as usize).map_or("", |s| s),
        }
    }

    /// What a rule implements.
    fn rule_source(&self, rule: RuleRef) -> &str {
        self.rule_source_for_json(rule).0
    }

    /// The source a rule cites, and whether it has nothing to escape in
    /// JSON (the engine's own sources never do).
    pub(super) fn rule_source_for_json(&self, rule: RuleRef) -> (&str, bool) {
        match rule {
            RuleRef::Policy(i) => self
                .rules
                .get(i as usize)
                .map_or(("", true), |r| (&r.source, r.plain_source)),
            RuleRef::Engine(e) => (e.source(), true),
        }
    }

    /// A policy wording's text, when `text` is one and it has nothing to
    /// escape in JSON: written as it is.
    pub(super) fn plain_policy_text(&self, text: TextRef) -> Option<&str> {
        let TextRef::Rule {
            rule,
            action,
            variant,
            ..
        } = text
        else {
            return None;
        };
        if !self.wording(rule, action, variant)?.plain {
            return None;
        }
        self.policy_text(text).map(|t| &**t)
    }

    /// A policy action's wording `variant` (its own when `None`).
    pub(super) fn wording(
        &self,
        rule: u32,
        action: u16,
        variant: Option<u16>,
    ) -> Option<&CheckedTexts> {
        let spec = self
            .rules
            .get(rule as usize)?
            .actions
            .get(usize::from(action))?;
        match variant {
            None => Some(&spec.texts),
            Some(v) => spec.variants.get(usize::from(v)).map(|(_, t)| t),
        }
    }

    /// The policy's own string for a text that is one of its wordings
    /// ([`TextRef::Rule`]); `None` for a text the engine writes.
    fn policy_text(&self, text: TextRef) -> Option<&Arc<str>> {
        let TextRef::Rule {
            rule,
            action,
            variant,
            pathway,
            person,
        } = text
        else {
            return None;
        };
        let texts = self.wording(rule, action, variant)?;
        let (text, person_text) = pathway
            .and_then(|q| texts.by_pathway.get(q as usize))
            .map_or((&texts.text, &texts.person_text), |(t, p)| (t, p));
        if person {
            person_text.as_ref()
        } else {
            Some(text)
        }
    }

    /// The pathway at `q` as a plan names it. Indices come from the checked
    /// policy, so a miss cannot happen; it would read as the GP.
    pub(super) fn pathway_ref(&self, q: u32) -> &PathwayRef {
        static GP: std::sync::OnceLock<PathwayRef> = std::sync::OnceLock::new();
        self.pathways
            .get(q as usize)
            .or_else(|| self.pathways.get(self.gp))
            .map_or_else(
                || {
                    GP.get_or_init(|| PathwayRef {
                        id: "gp".into(),
                        name: "the GP".into(),
                    })
                },
                |p| &p.reference,
            )
    }

    /// The name of the pathway at `q`.
    pub(super) fn name(&self, q: u32) -> &str {
        self.pathways
            .get(q as usize)
            .map_or("the GP", |p| &p.reference.name)
    }

    /// The policy's wording of an engine template.
    pub(super) fn template(&self, t: Template) -> &TemplateText {
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
}

/// Writes a text out. A template is filled as `text::fill` fills it: each
/// `{name}` the engine knows is replaced by its value, written once and never
/// read again for placeholders; any other brace is kept as it is.
pub(super) fn write_text(
    out: &mut dyn fmt::Write,
    policy: &Policy,
    buffer: &PlanBuffer,
    text: TextRef,
) -> fmt::Result {
    match text {
        TextRef::None => Ok(()),
        TextRef::Rule { .. } => out.write_str(policy.policy_text(text).map_or("", |t| t)),
        TextRef::Template {
            template,
            person,
            words,
        } => {
            let Some(words) = buffer.words.get(words as usize) else {
                return Ok(());
            };
            let wording = policy.template(template);
            let source = if person {
                wording.person_text.as_deref().unwrap_or("")
            } else {
                &wording.text
            };
            fill_into(out, source, |placeholder, out| {
                let name = |q: Option<u32>| q.map(|q| policy.name(q));
                match placeholder {
                    "pathway" => Some(
                        out.write_str(
                            name(words.pathway)
                                .or_else(|| name(words.requested))
                                .unwrap_or("the GP"),
                        ),
                    ),
                    "requested" => Some(
                        out.write_str(
                            name(words.requested)
                                .or_else(|| name(words.pathway))
                                .unwrap_or("the service"),
                        ),
                    ),
                    "topic" => Some(out.write_str(words.topic.in_plain_words())),
                    "text" => Some(write_text(out, policy, buffer, words.text)),
                    "person_text" => Some(write_text(out, policy, buffer, words.person_text)),
                    _ => None,
                }
            })
        }
        TextRef::WithConsentReminder { words } => {
            let Some(inner) = buffer.words.get(words as usize) else {
                return Ok(());
            };
            write_text(out, policy, buffer, inner.text)?;
            out.write_char(' ')?;
            write_text(
                out,
                policy,
                buffer,
                TextRef::Template {
                    template: Template::Under16Consent,
                    person: false,
                    words,
                },
            )
        }
    }
}

/// `template` written out with each `{name}` that `value` writes replaced;
/// the same scan as `text::fill`.
fn fill_into(
    out: &mut dyn fmt::Write,
    template: &str,
    value: impl Fn(&str, &mut dyn fmt::Write) -> Option<fmt::Result>,
) -> fmt::Result {
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.write_str(before)?;
        let filled = after
            .split_once('}')
            .and_then(|(name, tail)| Some((value(name, out)?, tail)));
        if let Some((written, tail)) = filled {
            written?;
            rest = tail;
        } else {
            out.write_char('{')?;
            rest = after;
        }
    }
    out.write_str(rest)
}

/// A plan made in a [`PlanBuffer`] ([`Policy::plan_into`]), in the order a
/// practitioner works through it. It borrows the policy and the buffer and
/// reads each action from them; it serializes to the same JSON as the owned
/// plan ([`Policy::plan`]) and becomes one with [`PlanView::to_actions`].
#[derive(Clone, Copy)]
pub struct PlanView<'a> {
    pub(super) policy: &'a Policy,
    pub(super) buffer: &'a PlanBuffer,
}

impl fmt::Debug for PlanView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> PlanView<'a> {
    /// The policy that made the plan.
    #[must_use]
    pub fn policy(&self) -> &'a Policy {
        self.policy
    }

    /// How many actions the plan has.
    #[must_use]
    pub fn len(&self) -> usize {
        self.buffer.order.len()
    }

    /// Whether the plan has no action.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.buffer.order.is_empty()
    }

    /// The action at place `i` (from 0), if the plan has one there.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<ActionView<'a>> {
        let at = self.buffer.order.get(i)?;
        // The low 32 bits of an order entry are the step's index.
        let step = self
            .buffer
            .steps
            .get(usize::try_from(*at & u64::from(u32::MAX)).ok()?)?;
        Some(ActionView {
            policy: self.policy,
            buffer: self.buffer,
            step,
        })
    }

    /// The actions, in order.
    pub fn iter(&self) -> impl Iterator<Item = ActionView<'a>> + 'a {
        let view = *self;
        (0..self.len()).filter_map(move |i| view.get(i))
    }

    /// The plan as owned actions, as [`Policy::plan`] returns it.
    #[must_use]
    pub fn to_actions(&self) -> Vec<Action> {
        let mut actions = Vec::with_capacity(self.len());
        // One string for every text the engine writes, rather than one
        // grown piece by piece for each.
        let mut scratch = String::new();
        actions.extend(self.iter().map(|a| a.owned_action_with(&mut scratch)));
        actions
    }
}

/// Bytes set aside at once for writing an owned plan's engine texts: more
/// than twice the longest text in the plans of the sample documents (about
/// 400 bytes), so that most plans never grow it.
const SCRATCH_CAPACITY: usize = 1024;

impl Serialize for PlanView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for action in self.iter() {
            seq.serialize_element(&action)?;
        }
        seq.end()
    }
}

/// One action of a [`PlanView`]: the fields of an [`Action`], read from the
/// policy and the buffer.
#[derive(Clone, Copy)]
pub struct ActionView<'a> {
    pub(super) policy: &'a Policy,
    pub(super) buffer: &'a PlanBuffer,
    pub(super) step: &'a Step,
}

impl fmt::Debug for ActionView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_action(), f)
    }
}

impl<'a> ActionView<'a> {
    /// The action's stable id ([`Action::id`]).
    #[must_use]
    pub fn id(&self) -> &'a str {
        self.policy.action_id(self.buffer, self.step.id)
    }

    /// What kind of action.
    #[must_use]
    pub fn kind(&self) -> ActionKind {
        self.step.kind
    }

    /// What it is about.
    #[must_use]
    pub fn topic(&self) -> Topic {
        self.step.topic
    }

    /// How much of the practitioner's time it needs.
    #[must_use]
    pub fn intensity(&self) -> Intensity {
        self.step.intensity
    }

    /// What the practitioner does or says ([`Action::text`]).
    #[must_use]
    pub fn text(&self) -> Text<'a> {
        self.text_of(self.step.text)
    }

    /// What the person reads, on the kinds they read ([`Action::person_text`]).
    #[must_use]
    pub fn person_text(&self) -> Option<Text<'a>> {
        (self.step.person_text != TextRef::None).then(|| self.text_of(self.step.person_text))
    }

    fn text_of(&self, text: TextRef) -> Text<'a> {
        Text {
            policy: self.policy,
            buffer: self.buffer,
            reference: text,
        }
    }

    /// How long the action takes in the contact, in seconds.
    #[must_use]
    pub fn duration_s(&self) -> u32 {
        self.step.duration_s
    }

    /// For referrals and signposts: the service.
    #[must_use]
    pub fn pathway(&self) -> Option<&'a PathwayRef> {
        self.step.pathway.map(|q| self.policy.pathway_ref(q))
    }

    /// For referrals: opt-in or opt-out.
    #[must_use]
    pub fn mode(&self) -> Option<ReferralMode> {
        self.step.mode
    }

    /// For referrals: how soon.
    #[must_use]
    pub fn urgency(&self) -> Option<Urgency> {
        self.step.urgency
    }

    /// What to record, with its confirmed code, when there is one.
    #[must_use]
    pub fn code(&self) -> Option<&'a RecordingCode> {
        let (rule, action) = self.step.code?;
        self.policy
            .rules
            .get(rule as usize)?
            .actions
            .get(usize::from(action))?
            .code
            .as_ref()
    }

    /// What the host reported became of the action.
    #[must_use]
    pub fn response(&self) -> Option<ResponseStatus> {
        self.step.response
    }

    /// The id of the rule that produced the action ([`Reason::rule`]).
    #[must_use]
    pub fn rule(&self) -> &'a str {
        self.policy.rule_id(self.step.rule)
    }

    /// The other rules merged into the action, in policy order
    /// ([`Reason::also_from`]).
    pub fn also_from(&self) -> impl Iterator<Item = &'a str> + 'a {
        let policy = self.policy;
        self.also_rules().map(move |r| policy.rule_id(r))
    }

    /// The other rules merged into this action.
    fn also_rules(&self) -> impl Iterator<Item = RuleRef> + 'a {
        let key = self.step.also;
        self.buffer
            .also
            .iter()
            .filter(move |(k, _)| *k == key)
            .map(|(_, r)| *r)
    }

    /// The outcomes found that the rule's condition relied on.
    #[must_use]
    pub fn relied_on(&self) -> OutcomeSet {
        self.step.relied_on
    }

    /// The guideline the rule implements.
    #[must_use]
    pub fn source(&self) -> &'a str {
        self.policy.rule_source(self.step.rule)
    }

    /// What the engine changed, and why.
    #[must_use]
    pub fn adjustments(&self) -> Adjustments {
        self.step.adjustments
    }

    /// The pathway the rule asked for, when the engine used another or,
    /// for a follow-up (held, or with no local service), none yet.
    #[must_use]
    pub fn requested_pathway(&self) -> Option<&'a PathwayRef> {
        self.step.requested.map(|q| self.policy.pathway_ref(q))
    }

    /// The action as an owned [`Action`], as [`Policy::plan`] gives it.
    #[must_use]
    pub fn to_action(&self) -> Action {
        self.owned_action_with(&mut String::new())
    }

    /// [`ActionView::to_action`], writing the engine's texts in `scratch`
    /// ([`Text::shared_with`]).
    fn owned_action_with(&self, scratch: &mut String) -> Action {
        let rule = match self.step.rule {
            RuleRef::Policy(i) => self.policy.rules.get(i as usize),
            RuleRef::Engine(_) => None,
        };
        // The policy's own strings are shared, not copied.
        let id: Arc<str> = match (self.step.id, rule) {
            (IdRef::Policy { action, .. }, Some(r)) => r
                .actions
                .get(usize::from(action))
                .map_or_else(|| self.id().into(), |a| a.id.clone()),
            _ => self.id().into(),
        };
        let (rule, source): (Arc<str>, Arc<str>) = match rule {
            Some(r) => (r.id.clone(), r.source.clone()),
            None => (self.rule().into(), self.source().into()),
        };
        Action {
            id,
            kind: self.step.kind,
            topic: self.step.topic,
            intensity: self.step.intensity,
            text: self.text().shared_with(scratch),
            person_text: self.person_text().map(|t| t.shared_with(scratch)),
            duration_s: self.step.duration_s,
            pathway: self.pathway().cloned(),
            mode: self.step.mode,
            urgency: self.step.urgency,
            code: self.code().cloned(),
            response: self.step.response,
            reason: Reason {
                rule,
                also_from: self
                    .also_rules()
                    .map(|r| self.policy.shared_rule_id(r))
                    .collect(),
                relied_on: self.step.relied_on,
                source,
                adjustments: self.step.adjustments,
                requested_pathway: self.requested_pathway().cloned(),
            },
        }
    }
}

impl Serialize for ActionView<'_> {
    /// The same JSON as the owned [`Action`].
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Action", 13)?;
        s.serialize_field("id", self.id())?;
        s.serialize_field("kind", &self.step.kind)?;
        s.serialize_field("topic", &self.step.topic)?;
        s.serialize_field("intensity", &self.step.intensity)?;
        s.serialize_field("text", &self.text())?;
        s.serialize_field("person_text", &self.person_text())?;
        s.serialize_field("duration_s", &self.step.duration_s)?;
        s.serialize_field("pathway", &self.pathway())?;
        s.serialize_field("mode", &self.step.mode)?;
        s.serialize_field("urgency", &self.step.urgency)?;
        s.serialize_field("code", &self.code())?;
        s.serialize_field("response", &self.step.response)?;
        s.serialize_field("reason", &ReasonView(*self))?;
        s.end()
    }
}

// A view writes the same JSON as the owned type, so it has the same schema,
// under the same name and id: a generator holding both writes one definition.
#[cfg(feature = "schema")]
mod schema {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator};

    use super::{Action, ActionView, PlanView};

    impl JsonSchema for ActionView<'_> {
        fn schema_name() -> Cow<'static, str> {
            Action::schema_name()
        }
        fn schema_id() -> Cow<'static, str> {
            Action::schema_id()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            Action::json_schema(generator)
        }
    }

    impl JsonSchema for PlanView<'_> {
        fn schema_name() -> Cow<'static, str> {
            <Vec<Action>>::schema_name()
        }
        fn schema_id() -> Cow<'static, str> {
            <Vec<Action>>::schema_id()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            <Vec<Action>>::json_schema(generator)
        }
    }
}

/// An action's reason, serialized as [`Reason`] is.
struct ReasonView<'a>(ActionView<'a>);

impl Serialize for ReasonView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = &self.0;
        let mut s = serializer.serialize_struct("Reason", 6)?;
        s.serialize_field("rule", a.rule())?;
        s.serialize_field("also_from", &AlsoFrom(*a))?;
        s.serialize_field("relied_on", &a.step.relied_on)?;
        s.serialize_field("source", a.source())?;
        s.serialize_field("adjustments", &a.step.adjustments)?;
        s.serialize_field("requested_pathway", &a.requested_pathway())?;
        s.end()
    }
}

/// The rules merged into an action, as a list.
struct AlsoFrom<'a>(ActionView<'a>);

impl Serialize for AlsoFrom<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for rule in self.0.also_from() {
            seq.serialize_element(rule)?;
        }
        seq.end()
    }
}

/// One of an action's texts, written out when it is read: shown with
/// `Display`, serialized as a string, or made an owned string
/// ([`Text::to_shared`]).
#[derive(Clone, Copy)]
pub struct Text<'a> {
    policy: &'a Policy,
    buffer: &'a PlanBuffer,
    reference: TextRef,
}

impl Text<'_> {
    /// The text as a shared string, as an owned [`Action`] holds it: the
    /// policy's own string when the text is one, without copying it.
    #[must_use]
    pub fn to_shared(&self) -> Arc<str> {
        match self.policy.policy_text(self.reference) {
            Some(t) => t.clone(),
            None => self.to_string().into(),
        }
    }

    /// [`Text::to_shared`], writing a text the engine writes in `scratch`
    /// first: a string reused for every text of a plan, set aside once at
    /// [`SCRATCH_CAPACITY`] rather than grown piece by piece for each.
    fn shared_with(&self, scratch: &mut String) -> Arc<str> {
        if let Some(t) = self.policy.policy_text(self.reference) {
            return t.clone();
        }
        if scratch.capacity() == 0 {
            // Set aside when a plan first has a text to write.
            scratch.reserve(SCRATCH_CAPACITY);
        }
        scratch.clear();
        // Writing into a string cannot fail.
        let _ = write_text(scratch, self.policy, self.buffer, self.reference);
        Arc::from(scratch.as_str())
    }

    /// The text as the policy holds it, when it is one of the policy's own
    /// wordings; `None` when the engine writes it (then use `Display` or
    /// [`Text::to_shared`]).
    #[must_use]
    pub fn as_policy_str(&self) -> Option<&str> {
        self.policy.policy_text(self.reference).map(|t| &**t)
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_text(f, self.policy, self.buffer, self.reference)
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_policy_str() {
            Some(t) => serializer.serialize_str(t),
            None => serializer.collect_str(self),
        }
    }
}

impl PartialEq<str> for Text<'_> {
    fn eq(&self, other: &str) -> bool {
        if let Some(t) = self.as_policy_str() {
            return t == other;
        }
        // Compared as it is written out, without building a string.
        let mut rest = Some(other);
        let written = fmt::write(&mut Compare(&mut rest), format_args!("{self}"));
        written.is_ok() && rest == Some("")
    }
}

/// Writes by checking each piece against what is left of a string: `None`
/// once a piece differs.
struct Compare<'s, 'o>(&'s mut Option<&'o str>);

impl fmt::Write for Compare<'_, '_> {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        *self.0 = self.0.and_then(|rest| rest.strip_prefix(piece));
        if self.0.is_some() {
            Ok(())
        } else {
            Err(fmt::Error)
        }
    }
}
