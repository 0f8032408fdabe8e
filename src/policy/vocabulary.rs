//! The words plans are made of: kinds of action, intensities, urgency.

use serde::{Deserialize, Serialize};

use crate::context::TimeAvailable;

/// What kind of thing an action asks the practitioner to do (CLINICAL-REFERENCE §6.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActionKind {
    /// Say something: feedback, information, encouragement.
    Advice,
    /// Give written information.
    Leaflet,
    /// Refer to a pathway (opt-in or opt-out, with urgency).
    Referral,
    /// Point the person to a service they can contact themselves.
    Signpost,
    /// A risk the practitioner must act on now.
    SafetyAlert,
    /// Come back to this later, at a follow-up or the next appropriate contact.
    FollowUp,
    /// Record something in the person's record, with a code where one exists.
    Record,
    /// A question to ask next.
    Ask,
    /// Something not to do now, with the reason.
    Defer,
}

impl ActionKind {
    /// Whether the person reads the action too, so that it carries text for
    /// them in plain words (CLINICAL-REFERENCE §6.7): advice, leaflets and
    /// signposts. The other kinds are for the practitioner only.
    #[must_use]
    pub const fn is_read_by_person(self) -> bool {
        matches!(
            self,
            ActionKind::Advice | ActionKind::Leaflet | ActionKind::Signpost
        )
    }

    /// Where actions of this kind stand within their topic, in the order of
    /// the conversation (CLINICAL-REFERENCE §6.2; NCSCT very brief advice: Ask,
    /// Advise, Act; NICE NG246: ask permission before discussing weight): ask,
    /// then advice or a deferral of it, then the act (referral or signpost,
    /// straight after the advice), the leaflet, the follow-up and the record.
    /// Safety alerts stand before every topic.
    #[must_use]
    pub const fn rank(self) -> u8 {
        match self {
            ActionKind::SafetyAlert => 0,
            ActionKind::Ask => 1,
            ActionKind::Advice | ActionKind::Defer => 2,
            ActionKind::Referral | ActionKind::Signpost => 3,
            ActionKind::Leaflet => 4,
            ActionKind::FollowUp => 5,
            ActionKind::Record => 6,
        }
    }
}

/// How much of the practitioner's time an action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Intensity {
    /// About 30 seconds to 2 minutes.
    VeryBrief,
    /// A few minutes.
    Brief,
    /// 20 minutes or more.
    Extended,
}

impl Intensity {
    /// Whether an action of this intensity fits in the time available.
    #[must_use]
    pub const fn fits(self, time: TimeAvailable) -> bool {
        (self as u8) <= (time as u8)
    }
}

/// Whether a referral waits for the person to accept it, or is made unless they decline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReferralMode {
    /// Offered: made if the person accepts.
    OptIn,
    /// Made unless the person declines.
    OptOut,
}

/// How soon a referral should be seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Straight away, during this contact.
    Now,
    /// Within 24 hours.
    #[serde(rename = "within_24_hours")]
    Within24Hours,
    /// Routinely.
    Routine,
}

impl std::fmt::Display for ActionKind {
    /// The kind in plain words, as a practitioner reads it in a plan.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ActionKind::Advice => "advice",
            ActionKind::Leaflet => "leaflet",
            ActionKind::Referral => "referral",
            ActionKind::Signpost => "signpost",
            ActionKind::SafetyAlert => "safety alert",
            ActionKind::FollowUp => "follow-up",
            ActionKind::Record => "record",
            ActionKind::Ask => "ask",
            ActionKind::Defer => "defer",
        })
    }
}

impl std::fmt::Display for Intensity {
    /// The intensity in plain words.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Intensity::VeryBrief => "very brief",
            Intensity::Brief => "brief",
            Intensity::Extended => "extended",
        })
    }
}

impl std::fmt::Display for ReferralMode {
    /// What the mode means for the person, in plain words.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ReferralMode::OptIn => "offered (made if they agree)",
            ReferralMode::OptOut => "made unless they decline",
        })
    }
}

impl std::fmt::Display for Urgency {
    /// How soon, in plain words.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Urgency::Now => "now",
            Urgency::Within24Hours => "within 24 hours",
            Urgency::Routine => "routine",
        })
    }
}
