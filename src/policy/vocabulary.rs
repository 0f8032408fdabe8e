//! The words plans are made of: kinds of action, intensities, urgency.

use serde::{Deserialize, Serialize};

use crate::context::TimeAvailable;

/// What kind of thing an action asks the practitioner to do (CLINICAL-REFERENCE §6.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
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
    /// Where actions of this kind stand in a plan (CLINICAL-REFERENCE §6.2):
    /// safety alerts first, then referrals, then advice, then the rest.
    pub const fn rank(self) -> u8 {
        match self {
            ActionKind::SafetyAlert => 0,
            ActionKind::Referral => 1,
            ActionKind::Advice => 2,
            _ => 3,
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
