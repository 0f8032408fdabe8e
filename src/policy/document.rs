//! The policy as a serde document: what a local service writes and reads.
//!
//! A document is only data. [`crate::policy::Policy::compile`] checks it, returns
//! every problem at once as [`crate::policy::Diagnostic`]s, and compiles it into
//! an evaluator.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::context::{
    Pregnancy, PriorityGroup, Setting, SettingClass, Sex, TimeAvailable, YesNoNotKnown,
};
use crate::outcome::{Outcome, Topic};
use crate::policy::{ActionKind, Concept, Intensity, ReferralMode, Urgency};

/// A whole policy: pathways, rules, and the outcomes it deliberately leaves alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyDocument {
    /// A stable identifier, recorded with every assessment.
    pub id: String,
    /// The version, recorded with every assessment.
    pub version: String,
    /// The policy this one was derived from by an overlay, if any.
    pub based_on: Option<PolicyRef>,
    /// The services a plan can refer or signpost to.
    pub pathways: Vec<Pathway>,
    /// The rules, in priority order: ties in a plan keep this order.
    pub rules: Vec<Rule>,
    /// Outcomes that call for action but that this policy deliberately does not
    /// act on, each with the reason. Coverage checking accepts these.
    pub no_action: Vec<NoAction>,
    /// Recording codes that replace the built-in confirmed codes.
    pub codes: Vec<CodeOverride>,
    /// Recorded decisions to remove or change a protected safety rule (see
    /// [`crate::policy::PROTECTED_RULES`]); empty in the national default.
    pub safety_overrides: Vec<crate::policy::SafetyOverride>,
    /// The pathway id of the person's GP: where a referral this setting
    /// cannot make is signposted instead (CLINICAL-REFERENCE §6.6). Absent:
    /// `gp`.
    #[serde(default = "default_gp")]
    pub gp: String,
    /// The topics in the order a plan takes them (CLINICAL-REFERENCE §6.2),
    /// each with the service a person can contact themselves about it; when
    /// given, every topic is listed once. Absent or empty: the default order
    /// (alcohol, tobacco, weight, physical activity, general), each routed
    /// to the GP.
    #[serde(default)]
    pub topics: Vec<TopicRoute>,
    /// Named values that texts use as `{name}` placeholders, such as
    /// `gas_emergency_number`, so that a number or a local name is written
    /// once and a local policy can change it.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// The texts of the actions the engine writes itself: when an offer is
    /// declined, a referral cannot be made from this setting, an action does
    /// not fit the time, the person may be intoxicated, or pregnancy is not
    /// known; and the consent reminder it adds to every referral offer
    /// under 16. Absent: the built-in texts ([`Templates::default`]).
    #[serde(default)]
    pub templates: Templates,
}

fn default_gp() -> String {
    "gp".to_string()
}

/// A topic's place in a plan and its self-referral route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TopicRoute {
    /// The topic.
    pub topic: Topic,
    /// The pathway a person can contact themselves about this topic: where a
    /// declined offer's signpost points when the declined service takes no
    /// self-referral, and where help is signposted when advice does not fit
    /// a contact with no next one (CLINICAL-REFERENCE §6.3, §6.4). Its
    /// fallbacks apply, so for alcohol it is the community alcohol service,
    /// or the GP where there is none.
    pub self_referral: String,
    /// The route for anyone under 18, where it differs (CLINICAL-REFERENCE
    /// §6.4: for alcohol, the young people's substance misuse service).
    /// Absent: `self_referral` at every age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under_18_self_referral: Option<String>,
}

/// A text the engine writes, for the practitioner and, where the action is
/// one a person reads, for the person (CLINICAL-REFERENCE §6.7).
///
/// Texts may use these placeholders: `{pathway}` (the service actually
/// used), `{requested}` (the service asked for or declined), `{topic}` (the
/// topic in plain words), `{text}` (the original action's practitioner
/// text), `{person_text}` (its text for the person) and any of the policy's
/// named values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TemplateText {
    /// What the practitioner reads.
    pub text: String,
    /// What the person reads; required where the action is a signpost,
    /// advice or leaflet, absent otherwise.
    pub person_text: Option<String>,
}

/// The engine's own texts (see [`PolicyDocument::templates`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Templates {
    /// A priority-group signpost made an offer to refer (a `referral`).
    pub active_referral_offer: TemplateText,
    /// Recording that an offer was declined (a `record`).
    pub declined_record: TemplateText,
    /// After a decline, how to contact a service themselves (a `signpost`).
    pub declined_signpost: TemplateText,
    /// After a decline, offering again at a later contact (a `follow_up`).
    pub declined_follow_up: TemplateText,
    /// Recording that they did not want to talk about a topic (a declined
    /// question or advice; a `record`).
    pub declined_topic_record: TemplateText,
    /// Asking again at a later contact whether they would like to talk about
    /// the topic (a `follow_up`).
    pub declined_topic_follow_up: TemplateText,
    /// A referral this setting cannot make, given as a signpost to the GP.
    pub setting_cannot_refer: TemplateText,
    /// An opt-out referral asked for outside a clinical setting that the
    /// service takes referrals from, made an offer instead (a `referral`,
    /// opt-in): there a referral is made only with the person's agreement
    /// (CLINICAL-REFERENCE §6.4, §6.6).
    pub opt_out_not_from_this_setting: TemplateText,
    /// An action that did not fit the time, kept for the next contact (a
    /// `follow_up`), where there is continuity of care.
    pub moved_to_follow_up: TemplateText,
    /// An action that did not fit the time, given as a signpost now, where
    /// there may be no next contact.
    pub moved_to_signpost: TemplateText,
    /// A service that does not exist locally: the need kept as a `follow_up`.
    pub no_local_service: TemplateText,
    /// Advice held back while the person may be intoxicated (a `defer`).
    pub deferred_while_intoxicated: TemplateText,
    /// An offer held back while the person may be intoxicated (a `follow_up`).
    pub offer_when_sober: TemplateText,
    /// In the emergency department, when intoxication is not recorded: check
    /// first whether the person is sober enough (a `general` `ask`).
    pub check_sober_enough: TemplateText,
    /// Elsewhere, when intoxication is not recorded: what to do if the
    /// person seems intoxicated (a `general` `ask`).
    pub intoxication_not_recorded: TemplateText,
    /// Pregnancy not known where it changes the plan: ask once (a `general`
    /// `ask`).
    pub pregnancy_ask: TemplateText,
    /// An action right only in pregnancy, held until pregnancy is known (a
    /// `follow_up`).
    pub if_pregnant: TemplateText,
    /// An action right only outside pregnancy, held until pregnancy is known
    /// (a `follow_up`).
    pub if_not_pregnant: TemplateText,
    /// An action right only in a confirmed pregnancy, held while pregnancy is
    /// only possible (a `follow_up`).
    pub if_pregnancy_confirmed: TemplateText,
    /// Under 16, what the practitioner must bear in mind before any referral
    /// offer (CLINICAL-REFERENCE §6.4; NICE PH24, ages 10 to 15): whether
    /// the young person is competent to consent themselves (Gillick), a
    /// parent or carer involved unless that would put them at risk, and the
    /// limits of confidentiality where there is a safeguarding concern. The
    /// engine adds it after the practitioner text of every `referral`
    /// (opt-in or opt-out, and the active offers made for priority groups),
    /// so the referral's own words are never lost; it is for the
    /// practitioner only, never in the person's text.
    pub under_16_consent: TemplateText,
}

/// A policy's identity, as recorded in an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyRef {
    /// The policy's id.
    pub id: String,
    /// The policy's version.
    pub version: String,
}

/// A service a plan can send someone to (CLINICAL-REFERENCE §6.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    /// A stable identifier, such as `stop_smoking_service`.
    pub id: String,
    /// The name shown to practitioners.
    pub name: String,
    /// Whether the service exists in this area. When it does not, plans fall
    /// back to `fallback`.
    pub exists_locally: bool,
    /// Whether people can refer themselves. A signpost to a service that does
    /// not take self-referral becomes a referral.
    pub self_referral: bool,
    /// Whether the service can see someone now. A referral asked for `now`
    /// becomes `within_24_hours` when it cannot.
    pub available_now: bool,
    /// How referrals to this service are made unless a rule says otherwise.
    pub mode: ReferralMode,
    /// The pathway to use instead when this one does not exist locally, when
    /// the person is younger than it accepts, or when the setting cannot
    /// refer to it.
    pub fallback: Option<String>,
    /// The settings that may refer to the service (CLINICAL-REFERENCE §6.6);
    /// absent: every setting. Any setting may refer, with the person's
    /// agreement, to a service that takes self-referral.
    pub referred_from: Option<Vec<Setting>>,
    /// The youngest age, in whole years, the service accepts; absent: any.
    pub min_age: Option<u8>,
    /// The services a referral here replaces on the same topic
    /// (CLINICAL-REFERENCE §6.8): specialist weight management supersedes
    /// tier 2 and the digital programme.
    pub supersedes: Option<Vec<String>>,
}

/// A rule: when its condition holds, its actions join the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A stable identifier, recorded in every action the rule produces.
    pub id: String,
    /// The guideline the rule implements.
    pub source: String,
    /// The topic the rule is about.
    pub topic: Topic,
    /// When the rule fires.
    pub when: Condition,
    /// Whether the rule's actions are right only in pregnancy (an opt-out
    /// referral to maternity tobacco treatment) or only outside it (weight-loss
    /// advice and referrals); absent: either way. Where pregnancy is not known
    /// or only possible, such actions are held as follow-ups until it is
    /// (CLINICAL-REFERENCE §6.11).
    #[serde(default)]
    pub pregnancy: Option<PregnancyDependence>,
    /// What the rule adds to the plan, in order.
    pub actions: Vec<ActionSpec>,
}

crate::bounded::named_enum! {
    /// When a rule's actions are right, as far as pregnancy goes
    /// (CLINICAL-REFERENCE §6.11).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum PregnancyDependence {
        /// Only in pregnancy: held while pregnancy is not known or only
        /// possible.
        OnlyInPregnancy = "only_in_pregnancy",
        /// Only outside pregnancy: held while pregnancy is not known (for
        /// someone who could be pregnant) or possible; never given in
        /// pregnancy.
        OnlyOutsidePregnancy = "only_outside_pregnancy",
    }
}

/// One action a rule adds to a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionSpec {
    /// What kind of action.
    pub kind: ActionKind,
    /// How much time it needs.
    pub intensity: Intensity,
    /// What the practitioner does or says. It may use `{pathway}` (the
    /// service actually used, after any fallback) and the policy's named
    /// values as placeholders.
    pub text: String,
    /// What the person reads, in plain words: required for `advice`,
    /// `leaflet` and `signpost` actions and absent for the others, which are
    /// for the practitioner only (CLINICAL-REFERENCE §6.7). The same
    /// placeholders as `text`.
    pub person_text: Option<String>,
    /// Other wordings for particular people, tried in order: the first whose
    /// condition holds gives the texts instead of `text` and `person_text`
    /// (for example the alcohol guideline's pregnancy sentence only for
    /// someone who could be pregnant, CLINICAL-REFERENCE §6.7).
    pub variants: Option<Vec<TextVariant>>,
    /// How long the action takes in the contact, in seconds; absent: the
    /// default for its kind and intensity (CLINICAL-REFERENCE §6.3).
    pub duration_s: Option<u32>,
    /// For referrals and signposts: the pathway.
    pub pathway: Option<String>,
    /// For referrals: opt-in or opt-out; the pathway's own mode when absent.
    pub mode: Option<ReferralMode>,
    /// For referrals: how soon.
    pub urgency: Option<Urgency>,
    /// What to record, when the action is recorded with a code.
    pub concept: Option<Concept>,
    /// The action is for someone else in the person's life (a partner or
    /// someone they live with): no referral or signpost of the person
    /// themselves to the same service replaces it or takes it in
    /// (CLINICAL-REFERENCE §6.8), since that help is for another. Absent:
    /// `false`, an action for the person.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub for_others: bool,
}

/// Another wording of an action, for the people its condition picks out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TextVariant {
    /// Who this wording is for.
    pub when: Condition,
    /// The practitioner text.
    pub text: String,
    /// The person's text; given exactly where the action's own is.
    pub person_text: Option<String>,
}

impl Default for Templates {
    /// The built-in texts, in the national default's words.
    fn default() -> Templates {
        let text = |text: &str, person_text: Option<String>| TemplateText {
            text: text.into(),
            person_text,
        };
        Templates {
            active_referral_offer: text("They are in a priority group: offer to make the referral to {pathway} for them, rather than only giving the details, and make it if they agree.", None),
            declined_record: text("Record that they declined {requested}.", None),
            declined_signpost: text("They declined {requested}: give them the details of {pathway} so they can get in touch themselves if they change their mind.", Some("If you change your mind, you can contact {pathway} yourself. Here are their details.".into())),
            declined_follow_up: text("Offer {requested} again at a later contact.", None),
            declined_topic_record: text("Record that they did not want to talk about {topic} today.", None),
            declined_topic_follow_up: text("At a later contact, ask again whether they would like to talk about {topic}.", None),
            setting_cannot_refer: text("A referral to {requested} cannot be made from this setting: suggest they see their GP about it.", Some("Your GP can help you with {topic}. Please book an appointment to talk about it.".into())),
            opt_out_not_from_this_setting: text("Offer to refer them to {pathway} for help with {topic}: from this setting, make the referral only if they agree.", None),
            moved_to_follow_up: text("Carry over to the next contact (not enough time in this one): {text}", None),
            moved_to_signpost: text("Not enough time in this contact: give them the details of {pathway} for help with {topic}.", Some("For help with {topic}, you can contact {pathway}. Here are their details.".into())),
            no_local_service: text("No local service can take this ({requested}): follow it up at a later contact or with their GP.", None),
            deferred_while_intoxicated: text("Do not give this advice while they may be intoxicated: give it when they are sober or at the next contact. {text}", None),
            offer_when_sober: text("Wait until they are sober to offer this, since agreement given while intoxicated is not reliable: {text}", None),
            check_sober_enough: text("Intoxication is not recorded: first check whether they are sober enough for a conversation. Until you know, advice is held back and any appointment is offered within 24 hours.", None),
            intoxication_not_recorded: text("If they seem intoxicated, leave the advice for another time, and give them any leaflet in this plan to take away.", None),
            pregnancy_ask: text("Ask whether she is, or could be, pregnant: parts of this plan depend on the answer (see the follow-ups).", None),
            if_pregnant: text("If she is pregnant: {text}", None),
            if_not_pregnant: text("If she is not pregnant: {text}", None),
            if_pregnancy_confirmed: text("If the pregnancy is confirmed: {text}", None),
            under_16_consent: text("They are under 16: before referring, check that they are competent to agree to it themselves (Gillick competence); involve a parent or carer unless that would put them at risk; and tell them that what they say stays private unless there is a safeguarding concern, when it may have to be shared to keep them safe.", None),
        }
    }
}

/// An outcome the policy deliberately does not act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NoAction {
    /// The outcome.
    pub outcome: Outcome,
    /// Why no action is taken.
    pub reason: String,
}

/// A recording code that replaces the built-in one for a concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CodeOverride {
    /// The concept.
    pub concept: Concept,
    /// The SNOMED CT code to record.
    pub snomed_ct: String,
}

/// A typed predicate over the findings and the contact. There is no expression
/// language: each condition is one of these, combined with `all`, `any` and
/// `not`.
///
/// In JSON each condition is tagged with its `kind`, with its operand (if
/// any) in `value`, for example `{"kind": "outcome", "value":
/// "pat_positive"}`, `{"kind": "setting", "value": ["maternity"]}` or
/// `{"kind": "always"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Condition {
    /// Always holds.
    Always,
    /// Holds when every condition holds (an empty list always holds).
    All(Vec<Condition>),
    /// Holds when at least one condition holds (an empty list never holds).
    Any(Vec<Condition>),
    /// Holds when the condition does not.
    Not(Box<Condition>),
    /// The findings include this outcome.
    Outcome(Outcome),
    /// The findings include at least one of these outcomes.
    AnyOutcome(Vec<Outcome>),
    /// The setting is one of these.
    Setting(Vec<Setting>),
    /// The setting is in one of these classes (CLINICAL-REFERENCE §6.6).
    SettingClass(Vec<SettingClass>),
    /// At least this much time is available.
    TimeAvailableAtLeast(TimeAvailable),
    /// Pregnancy is recorded as one of these.
    Pregnant(Vec<Pregnancy>),
    /// Intoxication, as every decision reads it, is one of these: in the
    /// emergency department `not_known` reads as `yes`, elsewhere as `no`
    /// (CLINICAL-REFERENCE §6.10).
    Intoxicated(Vec<YesNoNotKnown>),
    /// Intoxication is recorded by the host as one of these, before any
    /// reading of `not_known`: for prompts that must rest on what was seen,
    /// such as the safeguarding prompt for an intoxicated child (§8.1).
    IntoxicationRecorded(Vec<YesNoNotKnown>),
    /// Sex is recorded as one of these.
    Sex(Vec<Sex>),
    /// Age is at least this many years.
    AgeAtLeast(u8),
    /// Age is below this many years.
    AgeBelow(u8),
    /// The age is in one of these bands (CLINICAL-REFERENCE §8: child under
    /// 16, young person 16–17, adult 18 and over).
    AgeBand(Vec<crate::context::AgeBand>),
    /// The person came to the emergency department with one of these
    /// presenting conditions (none recorded never matches).
    PresentingCondition(Vec<crate::context::PresentingCondition>),
    /// The person is in at least one of these priority groups (an empty list:
    /// in any priority group).
    PriorityGroup(Vec<PriorityGroup>),
    /// The pathway exists locally.
    PathwayExists(String),
    /// The pathway exists locally and can see someone now.
    PathwayAvailableNow(String),
    /// Diabetes is recorded as one of these.
    Diabetes(Vec<DiabetesIs>),
    /// Type 2 diabetes diagnosed within this many years: fewer than this many
    /// whole years ago, so `10` holds for a diagnosis 9 whole years ago but
    /// not 10. A diagnosis date that is not known counts, so that the
    /// possibility is considered.
    #[serde(rename = "type_2_diabetes_within_years")]
    Type2DiabetesWithinYears(u8),
    /// Hypertension is recorded as one of these.
    Hypertension(Vec<YesNoNotKnown>),
    /// An active eating disorder is recorded as one of these.
    EatingDisorder(Vec<crate::context::EatingDisorder>),
    /// Bariatric surgery within this many years: fewer than this many whole
    /// years ago. Surgery at an unknown time, or a history that is not known,
    /// counts.
    BariatricSurgeryWithinYears(u8),
}

/// Diabetes status, as a condition reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiabetesIs {
    /// No diagnosed diabetes.
    None,
    /// Type 1.
    #[serde(rename = "type_1")]
    Type1,
    /// Type 2.
    #[serde(rename = "type_2")]
    Type2,
    /// Not known.
    NotKnown,
}
