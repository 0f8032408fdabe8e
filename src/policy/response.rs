//! What became of an action: the host's feedback on a plan, by action id
//! (CLINICAL-REFERENCE §6.1, §6.4).
//!
//! A host records what happened to each action it showed (offered, accepted,
//! declined, delivered, not done) against the action's stable id, and passes
//! those responses back when it assesses the contact again. The plan then
//! takes them into account: a declined offer is never made a referral, but
//! recorded, signposted and offered again later; the others are marked on the
//! action they answer.

use serde::{Deserialize, Serialize};

use crate::bounded::{named_enum, names_round_trip_tests};

named_enum! {
    /// What happened to an action.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum ResponseStatus {
        /// The offer was made; the person has not answered yet.
        Offered = "offered",
        /// The person accepted the offer.
        Accepted = "accepted",
        /// The person declined the offer.
        Declined = "declined",
        /// The action was carried out (advice given, leaflet handed over,
        /// referral sent).
        Delivered = "delivered",
        /// The action was not carried out; the response says why.
        NotDone = "not_done",
    }
}

/// The host's feedback on one action of an earlier plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The action's id, as the plan gave it (for example
    /// `tobacco.offer_stop_smoking_service#1`).
    pub action: String,
    /// What happened.
    pub status: ResponseStatus,
    /// Why, in the practitioner's words; expected with `not_done`.
    #[serde(default)]
    pub reason: Option<String>,
}

names_round_trip_tests!(
    response_status_names_round_trip: ResponseStatus,
);
