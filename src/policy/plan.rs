//! Plans: the actions a policy asks for, each with the reasons it fired.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::bounded::{named_enum, names_round_trip_tests};
use crate::outcome::{OutcomeSet, Topic};
use crate::policy::{ActionKind, Concept, Intensity, ReferralMode, Urgency};

/// One thing the practitioner should do, with why (CLINICAL-REFERENCE §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Action {
    /// The action's stable id: the id of the rule that produced it and its
    /// place among that rule's actions (`alcohol.specialist_now#1`). The same
    /// input always gives the same ids, and adding an unrelated rule changes
    /// none, so a host can record what became of an action against it
    /// (CLINICAL-REFERENCE §6.1). A merged action keeps the id of the first
    /// rule's action.
    pub id: Arc<str>,
    /// What kind of action.
    pub kind: ActionKind,
    /// What it is about.
    pub topic: Topic,
    /// How much of the practitioner's time it needs.
    pub intensity: Intensity,
    /// What the practitioner does or says.
    pub text: Arc<str>,
    /// What the person reads, in plain words: present on `advice`, `leaflet`
    /// and `signpost` actions, absent on the practitioner-only kinds
    /// (CLINICAL-REFERENCE §6.7).
    pub person_text: Option<Arc<str>>,
    /// How long the action takes in the contact, in seconds (0 for what is
    /// done outside the conversation: records, follow-ups, deferrals and
    /// safety alerts by default) (CLINICAL-REFERENCE §6.3).
    pub duration_s: u32,
    /// For referrals and signposts: the service.
    pub pathway: Option<PathwayRef>,
    /// For referrals: opt-in or opt-out.
    pub mode: Option<ReferralMode>,
    /// For referrals: how soon.
    pub urgency: Option<Urgency>,
    /// What to record, with its confirmed code, when there is one.
    pub code: Option<RecordingCode>,
    /// What the host reported became of the action, when it did
    /// ([`crate::policy::Response`]); a declined offer is replaced by its
    /// record, signpost and follow-up instead.
    pub response: Option<crate::policy::ResponseStatus>,
    /// Why the action is in the plan.
    pub reason: Reason,
}

/// A pathway named in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PathwayRef {
    /// The pathway's id in the policy.
    pub id: Arc<str>,
    /// Its display name.
    pub name: Arc<str>,
}

/// A concept to record and its SNOMED CT code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordingCode {
    /// The concept.
    pub concept: Concept,
    /// The SNOMED CT code (the confirmed one, or the policy's override).
    pub snomed_ct: Arc<str>,
}

/// Why an action is in a plan: the rule, the findings it relied on, the source
/// it implements, and anything the engine changed and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Reason {
    /// The id of the rule that produced the action: when several did, the
    /// first of them in policy order.
    pub rule: Arc<str>,
    /// The other rules, in policy order, that produced the same action and
    /// were merged into it (CLINICAL-REFERENCE §6.8), each once; empty when
    /// only [`Reason::rule`] did. Always serialized, as a list.
    pub also_from: Vec<Arc<str>>,
    /// The outcomes found that the rule's condition relied on.
    pub relied_on: OutcomeSet,
    /// The guideline the rule implements.
    pub source: Arc<str>,
    /// What the engine changed, and why.
    pub adjustments: Adjustments,
    /// The pathway the rule asked for, when the engine used another or,
    /// for a follow-up (held, or with no local service), none yet.
    pub requested_pathway: Option<PathwayRef>,
}

named_enum! {
    /// Something the engine changed in an action, and why.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum Adjustment {
        /// The pathway does not exist locally: the policy's fallback was used (§6.5).
        /// The rule's recording code is not carried over, since it names the
        /// service the rule asked for.
        FellBackToAnotherPathway = "fell_back_to_another_pathway",
        /// No pathway on the fallback chain exists locally: the need became a
        /// follow-up rather than being dropped (§6.5).
        NoLocalService = "no_local_service",
        /// The service cannot see the person now: `now` became `within_24_hours`.
        NotAvailableNow = "not_available_now",
        /// The person is in a priority group: a signpost became an active referral (§6.4).
        PriorityGroupActiveReferral = "priority_group_active_referral",
        /// The service does not take self-referral: a signpost became a referral.
        NoSelfReferral = "no_self_referral",
        /// The action did not fit the time available: it became a follow-up at
        /// the next contact, or a signpost given now where there may be no next
        /// contact (§6.3).
        NeedsMoreTime = "needs_more_time",
        /// The topic's advice did not fit the time, where there may be no next
        /// contact: the service this action offers or signposts gives it, and the
        /// advice's rule is listed among this action's (§6.3).
        AdviceLeftToTheService = "advice_left_to_the_service",
        /// The person declined the offer: it was recorded, and they were told
        /// how to contact a service themselves and offered it again later (§6.4).
        DeclinedOffer = "declined_offer",
        /// This setting cannot refer to the service: the next service on its
        /// fallbacks that this setting can refer to is used, or the person is told
        /// to see their GP (§6.5, §6.6).
        SettingCannotRefer = "setting_cannot_refer",
        /// The person is younger than the service accepts: the policy's fallback
        /// was used (§6.5).
        BelowMinimumAge = "below_minimum_age",
        /// The person is, or may be, intoxicated: advice is deferred and offers
        /// wait until they are sober (§6.10).
        Intoxicated = "intoxicated",
        /// Right only if the person is (or only if they are not) pregnant, which
        /// is not known: held as a follow-up until it is (§6.11).
        HeldUntilPregnancyKnown = "held_until_pregnancy_known",
        /// The policy asked for an opt-out referral, which only a clinical
        /// setting the service takes referrals from makes: elsewhere a
        /// referral is made on the person's behalf only with their
        /// agreement, so it became an offer (§6.4, §6.6).
        OfferedRatherThanOptOut = "offered_rather_than_opt_out",
    }
}

crate::bounded::list_set! {
    /// A set of adjustments, held as bits; a list in JSON.
    // The list form, with the set's constraints; `description = ""` keeps the
    // type's documentation out of the schema.
    #[cfg_attr(
        feature = "schema",
        derive(schemars::JsonSchema),
        schemars(with = "Vec<Adjustment>", extend("uniqueItems" = true), description = "")
    )]
    pub struct Adjustments of Adjustment;
}

impl std::fmt::Display for Adjustment {
    /// What the engine changed, in plain words.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Adjustment::FellBackToAnotherPathway => {
                "the service asked for is not available here, so the local alternative is used"
            }
            Adjustment::NoLocalService => "no local service: kept as a follow-up",
            Adjustment::NotAvailableNow => "the service cannot see them now: within 24 hours",
            Adjustment::PriorityGroupActiveReferral => {
                "priority group: offered a referral rather than a signpost"
            }
            Adjustment::NoSelfReferral => {
                "the service does not take self-referral: a referral rather than a signpost"
            }
            Adjustment::NeedsMoreTime => "needs more time than this contact has",
            Adjustment::AdviceLeftToTheService => {
                "no time for the advice here: the service offered gives it"
            }
            Adjustment::DeclinedOffer => "they declined the offer",
            Adjustment::SettingCannotRefer => "this setting cannot refer to the service asked for",
            Adjustment::BelowMinimumAge => {
                "younger than the service accepts, so the local alternative is used"
            }
            Adjustment::Intoxicated => "they may be intoxicated: held until they are sober",
            Adjustment::HeldUntilPregnancyKnown => {
                "held until it is known whether they are pregnant"
            }
            Adjustment::OfferedRatherThanOptOut => {
                "from this setting a referral needs their agreement: offered, made only if they agree"
            }
        })
    }
}

impl std::fmt::Display for Action {
    /// A readable summary for a person: kind, topic and text, then the pathway,
    /// code, rule (with any merged into it, as `rule: a (also b, c)`), outcomes
    /// relied on, the pathway asked for (`declined:`, `instead of:` the one
    /// used, or `asked for:` when none is used yet) and any adjustments, each
    /// on its own indented line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{} · {}] {}", self.kind, self.topic, self.text)?;
        if let Some(t) = &self.person_text {
            write!(f, "\n    for them: {t}")?;
        }
        if let Some(r) = self.response {
            write!(f, "\n    response: {}", r.as_str())?;
        }
        if let Some(p) = &self.pathway {
            write!(f, "\n    to: {}", p.name)?;
            if let Some(mode) = self.mode {
                write!(f, ", {mode}")?;
            }
            if let Some(urgency) = self.urgency {
                write!(f, ", {urgency}")?;
            }
        }
        if let Some(code) = &self.code {
            write!(
                f,
                "\n    record: {}, SNOMED CT {}",
                code.concept, code.snomed_ct
            )?;
        }
        write!(f, "\n    rule: {}", self.reason.rule)?;
        let mut also = self.reason.also_from.iter();
        if let Some(first) = also.next() {
            write!(f, " (also {first}")?;
            for r in also {
                write!(f, ", {r}")?;
            }
            write!(f, ")")?;
        }
        let mut relied_on = self.reason.relied_on.iter();
        if let Some(first) = relied_on.next() {
            write!(f, ", on {}", first.as_str())?;
            for o in relied_on {
                write!(f, ", {}", o.as_str())?;
            }
        }
        if let Some(p) = &self.reason.requested_pathway {
            // With no pathway, nothing was used in its place yet (the action
            // is held, or there is no local service): it is the one asked for.
            let label = if self.reason.adjustments.contains(Adjustment::DeclinedOffer) {
                "declined"
            } else if self.pathway.is_some() {
                "instead of"
            } else {
                "asked for"
            };
            write!(f, "\n    {label}: {}", p.name)?;
        }
        let mut adjustments = self.reason.adjustments.iter();
        if let Some(first) = adjustments.next() {
            write!(f, "\n    adjusted: {first}")?;
            for a in adjustments {
                write!(f, ", {a}")?;
            }
        }
        Ok(())
    }
}

names_round_trip_tests!(
    adjustment_names_round_trip: Adjustment,
);
