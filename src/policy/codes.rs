//! Recording codes (SNOMED CT) for what a plan asks to be recorded (CLINICAL-REFERENCE §7).
//!
//! Only codes the clinical reference lists as confirmed are here. An action
//! whose concept has no confirmed code carries none: codes are never invented.
//! A policy may override any code (`codes` in the policy document).

use serde::{Deserialize, Serialize};

use crate::Source;

/// A concept a host may record, named independently of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Concept {
    /// Smoker.
    Smoker,
    /// Ex-smoker.
    ExSmoker,
    /// Never smoked tobacco.
    NeverSmokedTobacco,
    /// Referral to smoking cessation service.
    ReferralToSmokingCessationService,
    /// AUDIT-C score.
    AuditCScore,
    /// GPPAQ physical activity index (observable entity).
    GppaqPhysicalActivityIndex,
    /// Body mass index (observable entity).
    BodyMassIndex,
    /// Referral to weight management programme.
    ReferralToWeightManagementProgramme,
}

/// Where the codes in [`CONFIRMED_CODES`] come from.
pub const CODES_SOURCE: Source =
    Source::cite("SNOMED CT UK Edition, as confirmed in the mecc clinical reference §7");

/// The confirmed SNOMED CT code for each concept (CLINICAL-REFERENCE §7).
pub const CONFIRMED_CODES: [(Concept, &str); 8] = [
    (Concept::Smoker, "77176002"),
    (Concept::ExSmoker, "8517006"),
    (Concept::NeverSmokedTobacco, "266919005"),
    (
        Concept::ReferralToSmokingCessationService,
        "871661000000106",
    ),
    (Concept::AuditCScore, "763256006"),
    (Concept::GppaqPhysicalActivityIndex, "1086511000000107"),
    (Concept::BodyMassIndex, "60621009"),
    (Concept::ReferralToWeightManagementProgramme, "408289007"),
];

impl Concept {
    /// The confirmed SNOMED CT code for this concept, if there is one.
    ///
    /// ```
    /// use mecc::policy::Concept;
    ///
    /// assert_eq!(Concept::Smoker.snomed_ct(), Some("77176002"));
    /// ```
    #[must_use]
    pub fn snomed_ct(self) -> Option<&'static str> {
        CONFIRMED_CODES
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, code)| *code)
    }
}

impl std::fmt::Display for Concept {
    /// The concept's term, in the words of its SNOMED CT description.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Concept::Smoker => "smoker",
            Concept::ExSmoker => "ex-smoker",
            Concept::NeverSmokedTobacco => "never smoked tobacco",
            Concept::ReferralToSmokingCessationService => "referral to smoking cessation service",
            Concept::AuditCScore => "AUDIT-C score",
            Concept::GppaqPhysicalActivityIndex => "GPPAQ physical activity index",
            Concept::BodyMassIndex => "body mass index",
            Concept::ReferralToWeightManagementProgramme => {
                "referral to weight management programme"
            }
        })
    }
}
