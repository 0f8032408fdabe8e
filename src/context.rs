//! The context of a contact: who the person is and where the contact happens
//! (CLINICAL-REFERENCE §0).
//!
//! Every instrument reads the parts of the context it needs (age and sex for
//! thresholds, pregnancy for applicability, family background for BMI), and the
//! rules engine reads the rest (setting, time available, priority groups).

use serde::{Deserialize, Serialize};

use crate::bounded::{bounded_int, checked_wrapper, named_enum, names_round_trip_tests};
use crate::error::Error;
use crate::units::{Bounds, bounds};

/// Accepted ages, in whole years (CLINICAL-REFERENCE §0).
pub const AGE_YEARS: Bounds = bounds!("an age", from 0 to 120 "whole years");

/// Below this age, in whole years, answers to an alcohol or tobacco
/// instrument or to the adult activity questionnaire (GPPAQ) are refused
/// unless the contact sets `age_confirmed` (CLINICAL-REFERENCE §8.5): an age
/// of 0 is the value most often left at a form's default, and screening
/// answers at 0 to 9 are almost always a data-entry error. Measurements
/// (BMI, the children's centile) and weekly activity minutes are accepted at
/// any age, since they are right for young children.
pub const CONFIRM_AGE_BELOW: u32 = 10;

bounded_int! {
    /// A person's age in whole years, from 0 to 120.
    ///
    /// ```
    /// use mecc::context::Age;
    ///
    /// assert_eq!(Age::new(45)?.years(), 45);
    /// assert!(Age::new(121).is_err());
    /// # Ok::<(), mecc::Error>(())
    /// ```
    pub struct Age(u8) in AGE_YEARS, field "age";
    /// An age in whole years.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 120 ([`AGE_YEARS`]); a value from 1900 up is
    /// reported as probably a year of birth.
    fn new;
    /// The age in whole years.
    fn years;
    schema "age in whole years";
    hint |years| (1900..=2200)
        .contains(&years)
        .then(|| "this looks like a year of birth: give the age in years".to_string());
}

/// The first age, in whole years, of the young person's band
/// (CLINICAL-REFERENCE §8: child under 16, young person 16–17).
pub const YOUNG_PERSON_MIN_AGE: u32 = 16;

/// The first age, in whole years, of the adult band (CLINICAL-REFERENCE §8:
/// adult 18 and over). The adult physical activity guideline starts at 19
/// (§8.4), which the activity rules say for themselves.
pub const ADULT_MIN_AGE: u32 = 18;

named_enum! {
    /// The age bands a policy's rules are written for (CLINICAL-REFERENCE
    /// §8): no adult guidance is given to a child or young person, and policy
    /// coverage is checked at an age in each band.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum AgeBand {
        /// Under 16.
        Child = "child",
        /// 16 or 17.
        YoungPerson = "young_person",
        /// 18 and over.
        Adult = "adult",
    }
}

impl Age {
    /// The age band of this age (CLINICAL-REFERENCE §8).
    ///
    /// ```
    /// use mecc::context::{Age, AgeBand};
    ///
    /// assert_eq!(Age::new(15)?.band(), AgeBand::Child);
    /// assert_eq!(Age::new(16)?.band(), AgeBand::YoungPerson);
    /// assert_eq!(Age::new(18)?.band(), AgeBand::Adult);
    /// # Ok::<(), mecc::Error>(())
    /// ```
    #[must_use]
    pub const fn band(self) -> AgeBand {
        let years = self.years();
        if years < YOUNG_PERSON_MIN_AGE {
            AgeBand::Child
        } else if years < ADULT_MIN_AGE {
            AgeBand::YoungPerson
        } else {
            AgeBand::Adult
        }
    }
}

named_enum! {
    /// A person's sex, as recorded for choosing sex-specific thresholds.
    ///
    /// `not_known` selects the more sensitive threshold wherever thresholds differ
    /// by sex, and findings record that assumption.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Sex {
        /// Male.
        Male = "male",
        /// Female.
        Female = "female",
        /// Not known or not recorded.
        NotKnown = "not_known",
    }
}

named_enum! {
    /// An answer that may be yes, no, or not known.
    ///
    /// "Not known" is never read as "no": each consumer says how it reads it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum YesNoNotKnown {
        /// Yes.
        Yes = "yes",
        /// No.
        No = "no",
        /// Not known, not asked, or not recorded.
        NotKnown = "not_known",
    }
}

impl YesNoNotKnown {
    /// True for `yes` and for `not_known`: the conservative reading where a wrong
    /// "no" could do harm.
    #[must_use]
    pub const fn possibly(self) -> bool {
        !matches!(self, YesNoNotKnown::No)
    }
}

named_enum! {
    /// Whether the person is pregnant (CLINICAL-REFERENCE §0, §6.11).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Pregnancy {
        /// Pregnant.
        Yes = "yes",
        /// Not pregnant.
        No = "no",
        /// She could be, or is not sure: treated as pregnant for every
        /// exclusion (no weight-loss advice, no alcohol), but what is started
        /// only in a pregnancy waits until it is confirmed (§6.11).
        Possible = "possible",
        /// Not asked or not recorded.
        NotKnown = "not_known",
    }
}

impl Pregnancy {
    /// True unless pregnancy is recorded as `no`: the conservative reading
    /// where a wrong "no" could do harm.
    #[must_use]
    pub const fn possibly(self) -> bool {
        !matches!(self, Pregnancy::No)
    }

    /// True for `yes` and `possible`: what every exclusion that applies in
    /// pregnancy reads (§6.11).
    #[must_use]
    pub const fn excludes_as_pregnant(self) -> bool {
        matches!(self, Pregnancy::Yes | Pregnancy::Possible)
    }
}

named_enum! {
    /// An active eating disorder (CLINICAL-REFERENCE §10).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum EatingDisorder {
        /// Diagnosed.
        Diagnosed = "diagnosed",
        /// Suspected, not (yet) diagnosed: treated as recorded for every
        /// exclusion, and a reason to refer without waiting.
        Suspected = "suspected",
        /// None.
        No = "no",
        /// Not known.
        NotKnown = "not_known",
    }
}

impl EatingDisorder {
    /// Diagnosed or suspected: no weight-loss advice or referral of any kind
    /// (§10).
    #[must_use]
    pub const fn is_recorded(self) -> bool {
        matches!(self, EatingDisorder::Diagnosed | EatingDisorder::Suspected)
    }
}

named_enum! {
    /// Family background, which chooses the BMI thresholds (CLINICAL-REFERENCE §3.2).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum FamilyBackground {
        /// White.
        White = "white",
        /// Mixed.
        Mixed = "mixed",
        /// South Asian.
        SouthAsian = "south_asian",
        /// Chinese.
        Chinese = "chinese",
        /// Other Asian.
        OtherAsian = "other_asian",
        /// Middle Eastern.
        MiddleEastern = "middle_eastern",
        /// Black African.
        BlackAfrican = "black_african",
        /// African-Caribbean.
        AfricanCaribbean = "african_caribbean",
        /// Another background.
        Other = "other",
        /// Not stated.
        NotStated = "not_stated",
    }
}

named_enum! {
    /// Where the contact happens.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum Setting {
        /// An emergency department.
        EmergencyDepartment = "emergency_department",
        /// General practice.
        GeneralPractice = "general_practice",
        /// A community pharmacy.
        CommunityPharmacy = "community_pharmacy",
        /// A dental practice.
        Dental = "dental",
        /// An optometrist.
        Optometry = "optometry",
        /// Maternity services.
        Maternity = "maternity",
        /// A pre-operative assessment.
        PreOperativeAssessment = "pre_operative_assessment",
        /// A hospital ward.
        HospitalInpatient = "hospital_inpatient",
        /// A hospital outpatient clinic.
        HospitalOutpatient = "hospital_outpatient",
        /// Community and voluntary-sector services.
        CommunityAndVoluntary = "community_and_voluntary",
        /// Housing services.
        Housing = "housing",
        /// Workplace health.
        WorkplaceHealth = "workplace_health",
    }
}

impl Setting {
    const fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// Who is in the room, and so what a plan may ask of them
    /// (CLINICAL-REFERENCE §6.6).
    #[must_use]
    pub const fn class(self) -> SettingClass {
        match self {
            Setting::EmergencyDepartment
            | Setting::GeneralPractice
            | Setting::HospitalInpatient
            | Setting::HospitalOutpatient
            | Setting::Maternity
            | Setting::PreOperativeAssessment => SettingClass::Clinical,
            Setting::CommunityPharmacy | Setting::Dental | Setting::Optometry => {
                SettingClass::PrimaryCareContractor
            }
            Setting::Housing | Setting::CommunityAndVoluntary | Setting::WorkplaceHealth => {
                SettingClass::WiderWorkforce
            }
        }
    }

    /// Whether the same service will see the person again, so that what does
    /// not fit this contact can wait for the next one (CLINICAL-REFERENCE
    /// §6.3). Where there may be no next contact, it is given now as a
    /// signpost instead.
    #[must_use]
    pub const fn has_continuity_of_care(self) -> bool {
        matches!(
            self,
            Setting::GeneralPractice
                | Setting::Maternity
                | Setting::HospitalInpatient
                | Setting::HospitalOutpatient
                | Setting::PreOperativeAssessment
        )
    }
}

named_enum! {
    /// A class of settings: who is in the room (CLINICAL-REFERENCE §6.6).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum SettingClass {
        /// Emergency department, general practice, hospital, maternity and
        /// pre-operative assessment: the full clinical plan.
        Clinical = "clinical",
        /// Community pharmacy, dental practice and optometry: brief advice,
        /// leaflets, signposting, and referral only to services that take
        /// referrals from them.
        PrimaryCareContractor = "primary_care_contractor",
        /// Housing, community and voluntary services and workplace health:
        /// very brief advice, leaflets and signposting, with no clinical
        /// instructions.
        WiderWorkforce = "wider_workforce",
    }
}

named_enum! {
    /// How much time the practitioner has, which caps the intensity of what a plan
    /// asks of them.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum TimeAvailable {
        /// About 30 seconds to 2 minutes.
        VeryBrief = "very_brief",
        /// A few minutes.
        Brief = "brief",
        /// 20 minutes or more.
        Extended = "extended",
    }
}

named_enum! {
    /// Why someone came to the emergency department (CLINICAL-REFERENCE §1.1).
    ///
    /// The first ten are the PAT conditions; `other` is any other presentation.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum PresentingCondition {
        /// A fall, including a trip.
        Fall = "fall",
        /// A collapse, including fits.
        Collapse = "collapse",
        /// A head injury.
        HeadInjury = "head_injury",
        /// An assault.
        Assault = "assault",
        /// An accident.
        Accident = "accident",
        /// Feeling unwell.
        Unwell = "unwell",
        /// A gastrointestinal problem.
        Gastrointestinal = "gastrointestinal",
        /// A cardiac problem, including chest pain.
        Cardiac = "cardiac",
        /// A psychiatric problem, including self-harm and overdose.
        Psychiatric = "psychiatric",
        /// Someone who attends repeatedly.
        RepeatAttender = "repeat_attender",
        /// Any other presentation.
        Other = "other",
    }
}

impl PresentingCondition {
    /// Whether this is one of the ten conditions for which PAT is indicated.
    #[must_use]
    pub const fn indicates_pat(self) -> bool {
        !matches!(self, PresentingCondition::Other)
    }
}

named_enum! {
    /// A group that proportionate universalism offers more active help to
    /// (CLINICAL-REFERENCE §6.4).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum PriorityGroup {
        /// Experiencing homelessness.
        ExperiencingHomelessness = "experiencing_homelessness",
        /// Gypsy, Roma and Traveller communities.
        GypsyRomaTraveller = "gypsy_roma_traveller",
        /// Living in the most deprived fifth of areas.
        MostDeprivedQuintile = "most_deprived_quintile",
        /// Severe mental illness.
        SevereMentalIllness = "severe_mental_illness",
        /// Learning disability.
        LearningDisability = "learning_disability",
        /// Sex workers.
        SexWorker = "sex_worker",
        /// Recently released from prison.
        RecentPrisonRelease = "recent_prison_release",
    }
}

crate::bounded::list_set! {
    /// A set of priority groups, held as bits so a context stays `Copy`.
    ///
    /// In JSON it is a list of group names; an empty list means the person is in
    /// none of the groups.
    ///
    /// ```
    /// use mecc::context::{PriorityGroup, PriorityGroups};
    ///
    /// let groups = PriorityGroups::from_iter([PriorityGroup::SexWorker]);
    /// assert!(groups.contains(PriorityGroup::SexWorker));
    /// assert!(!groups.is_empty());
    /// ```
    #[cfg_attr(
        feature = "schema",
        derive(schemars::JsonSchema),
        schemars(with = "Vec<PriorityGroup>", extend("uniqueItems" = true), description = "the priority groups the person is in; empty for none")
    )]
    pub struct PriorityGroups of PriorityGroup;
}

/// How long ago something happened, in whole years, or not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum YearsAgo {
    /// This many whole years ago (0 means within the last year).
    Years(u8),
    /// When is not known.
    NotKnown,
}

/// Diabetes status (CLINICAL-REFERENCE §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Diabetes {
    /// No diagnosed diabetes.
    None,
    /// Type 1 diabetes.
    #[serde(rename = "type_1")]
    Type1,
    /// Type 2 diabetes, with how long ago it was diagnosed.
    #[serde(rename = "type_2")]
    Type2 {
        /// Years since diagnosis.
        diagnosed: YearsAgo,
    },
    /// Not known.
    NotKnown,
}

/// Bariatric surgery history (CLINICAL-REFERENCE §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum BariatricSurgery {
    /// Never had bariatric surgery.
    None,
    /// Had bariatric surgery.
    Had {
        /// How long ago.
        when: YearsAgo,
    },
    /// Not known.
    NotKnown,
}

impl Diabetes {
    /// One value of each kind, for enumerating contacts (coverage checking);
    /// a unit test fails if a kind is added without one.
    pub(crate) const EACH_KIND: [Diabetes; 4] = [
        Diabetes::None,
        Diabetes::Type1,
        Diabetes::Type2 {
            diagnosed: YearsAgo::NotKnown,
        },
        Diabetes::NotKnown,
    ];
}

impl BariatricSurgery {
    /// One value of each kind, for enumerating contacts (coverage checking);
    /// a unit test fails if a kind is added without one.
    pub(crate) const EACH_KIND: [BariatricSurgery; 3] = [
        BariatricSurgery::None,
        BariatricSurgery::Had {
            when: YearsAgo::NotKnown,
        },
        BariatricSurgery::NotKnown,
    ];
}

/// The health conditions the default policy reads (CLINICAL-REFERENCE §3.4).
///
/// Every field is required: "not known" is an explicit answer, never a default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Comorbidities {
    /// Diagnosed diabetes.
    pub diabetes: Diabetes,
    /// Diagnosed hypertension.
    pub hypertension: YesNoNotKnown,
    /// An active eating disorder, diagnosed or suspected
    /// (CLINICAL-REFERENCE §10).
    pub eating_disorder: EatingDisorder,
    /// Bariatric surgery.
    pub bariatric_surgery: BariatricSurgery,
}

impl Comorbidities {
    /// Nothing known about any of the conditions.
    pub const NOT_KNOWN: Comorbidities = Comorbidities {
        diabetes: Diabetes::NotKnown,
        hypertension: YesNoNotKnown::NotKnown,
        eating_disorder: EatingDisorder::NotKnown,
        bariatric_surgery: BariatricSurgery::NotKnown,
    };

    /// None of the conditions.
    pub const NONE: Comorbidities = Comorbidities {
        diabetes: Diabetes::None,
        hypertension: YesNoNotKnown::No,
        eating_disorder: EatingDisorder::No,
        bariatric_surgery: BariatricSurgery::None,
    };
}

/// The fields of a [`Contact`], before they are checked against each other.
///
/// This is also the contact's JSON form. The facts that change a safety
/// threshold or what a plan may say (age, sex, pregnancy, setting and time
/// available) are required. The facts a host may not have (family background,
/// the presenting condition outside the emergency department, intoxication,
/// priority groups and comorbidities) may be left out: each is then read
/// conservatively, as not known (or, for priority groups, as none), and the
/// contact records the assumption ([`Contact::assumptions`]), which every
/// assessment reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactFields {
    /// Age in whole years.
    pub age: Age,
    /// Age in total months, when known (for example 126 for 10 years and 6
    /// months); it must agree with `age`. Left out when not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_in_months: Option<AgeInMonths>,
    /// Whether the age has been checked and is right, so that an age under
    /// 10 ([`CONFIRM_AGE_BELOW`]) is accepted with alcohol, tobacco or adult
    /// activity answers (CLINICAL-REFERENCE §8.5). Left out, it is `false`:
    /// [`assess`](crate::assess) then refuses such answers at ages 0 to 9,
    /// which are most often an age left at a form's default of 0. It is
    /// written only when `true`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    // schemars leaves out a default that serde would not write.
    #[cfg_attr(feature = "schema", schemars(extend("default" = false)))]
    pub age_confirmed: bool,
    /// Sex.
    pub sex: Sex,
    /// Whether the person is pregnant.
    pub pregnant: Pregnancy,
    /// Family background; left out when not recorded, and then read as
    /// `not_stated` (CLINICAL-REFERENCE §3.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_background: Option<FamilyBackground>,
    /// Where the contact happens.
    pub setting: Setting,
    /// How much time the practitioner has.
    pub time_available: TimeAvailable,
    /// The emergency-department presenting condition; left out (or `null`)
    /// when the contact is not an emergency-department attendance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenting_condition: Option<PresentingCondition>,
    /// Whether the person is intoxicated now; left out when not recorded, and
    /// then read as `not_known`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intoxicated: Option<YesNoNotKnown>,
    /// The priority groups the person is in; left out when not recorded, and
    /// then read as none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_groups: Option<PriorityGroups>,
    /// The health conditions the policy reads; left out when not recorded, and
    /// then every one is read as `not_known`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comorbidities: Option<Comorbidities>,
}

impl ContactFields {
    /// The required fields, with every optional one left out (not recorded).
    #[must_use]
    pub const fn new(
        age: Age,
        sex: Sex,
        pregnant: Pregnancy,
        setting: Setting,
        time_available: TimeAvailable,
    ) -> ContactFields {
        ContactFields {
            age,
            age_in_months: None,
            age_confirmed: false,
            sex,
            pregnant,
            family_background: None,
            setting,
            time_available,
            presenting_condition: None,
            intoxicated: None,
            priority_groups: None,
            comorbidities: None,
        }
    }
}

named_enum! {
    /// A contact fact that was not given, and how it was read.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[non_exhaustive]
    pub enum ContactAssumption {
        /// No family background: read as `not_stated`, so the BMI thresholds
        /// that may be lower are flagged (CLINICAL-REFERENCE §3.2).
        FamilyBackgroundNotGiven = "family_background_not_given_read_as_not_stated",
        /// No intoxication recorded: read as `not_known` (CLINICAL-REFERENCE §6.10).
        IntoxicationNotGiven = "intoxicated_not_given_read_as_not_known",
        /// No priority groups recorded: read as none.
        PriorityGroupsNotGiven = "priority_groups_not_given_read_as_none",
        /// No comorbidities recorded: each read as `not_known`.
        ComorbiditiesNotGiven = "comorbidities_not_given_read_as_not_known",
    }
}

crate::bounded::list_set! {
    /// The assumptions made about a contact, held as bits; a list in JSON.
    #[cfg_attr(
        feature = "schema",
        derive(schemars::JsonSchema),
        schemars(with = "Vec<ContactAssumption>", extend("uniqueItems" = true), description = "the contact facts that were not given, and how each was read")
    )]
    pub struct ContactAssumptions of ContactAssumption;
}

/// The checked context of one contact: the [`Person`] the instruments read,
/// and the circumstances of the contact that the policy reads.
///
/// Built from [`ContactFields`] by [`Contact::new`], which also runs when a
/// contact is deserialized, so a `Contact` that exists is consistent.
///
/// ```
/// use mecc::context::*;
///
/// let contact = Contact::new(ContactFields {
///     age: Age::new(34)?,
///     age_in_months: None,
///     age_confirmed: false,
///     sex: Sex::Female,
///     pregnant: Pregnancy::Yes,
///     family_background: Some(FamilyBackground::White),
///     setting: Setting::Maternity,
///     time_available: TimeAvailable::Brief,
///     presenting_condition: None,
///     intoxicated: Some(YesNoNotKnown::No),
///     priority_groups: Some(PriorityGroups::NONE),
///     comorbidities: Some(Comorbidities::NONE),
/// })?;
/// assert!(contact.pregnant().possibly());
/// assert_eq!(contact.person().age().years(), 34);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// The schema of the fields, keeping their description.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "ContactFields", description = "")
)]
pub struct Contact {
    person: Person,
    age_confirmed: bool,
    circumstances: Circumstances,
    assumptions: ContactAssumptions,
}

/// What the policy reads about a contact beyond the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Circumstances {
    setting: Setting,
    time_available: TimeAvailable,
    presenting_condition: Option<PresentingCondition>,
    intoxicated: YesNoNotKnown,
    priority_groups: PriorityGroups,
    comorbidities: Comorbidities,
}

checked_wrapper! {
    Contact from ContactFields,
    check Contact::new,
    fields |c: Contact| c.fields(),
}

impl Contact {
    /// Checks the fields against each other.
    ///
    /// # Errors
    /// - as [`Person::new`], for the fields about the person;
    /// - [`Error::Inconsistent`] when a `presenting_condition` is given for a
    ///   setting other than the emergency department.
    pub fn new(fields: ContactFields) -> Result<Contact, Error> {
        let mut assumptions = ContactAssumptions::NONE;
        let mut read = |given: bool, a: ContactAssumption| {
            if !given {
                assumptions = assumptions.with(a);
            }
        };
        read(
            fields.family_background.is_some(),
            ContactAssumption::FamilyBackgroundNotGiven,
        );
        read(
            fields.intoxicated.is_some(),
            ContactAssumption::IntoxicationNotGiven,
        );
        read(
            fields.priority_groups.is_some(),
            ContactAssumption::PriorityGroupsNotGiven,
        );
        read(
            fields.comorbidities.is_some(),
            ContactAssumption::ComorbiditiesNotGiven,
        );
        let person = Person::new(PersonFields {
            age: fields.age,
            age_in_months: fields.age_in_months,
            sex: fields.sex,
            pregnant: fields.pregnant,
            family_background: fields
                .family_background
                .unwrap_or(FamilyBackground::NotStated),
        })?;
        if let (Some(condition), setting) = (fields.presenting_condition, fields.setting)
            && setting != Setting::EmergencyDepartment
        {
            return Err(Error::Inconsistent {
                field: "presenting_condition",
                value: condition.as_str().to_string(),
                other: format!("setting = {}", setting.as_str()),
                reason: "a presenting condition is recorded only for emergency-department contacts; use null elsewhere",
            });
        }
        Ok(Contact {
            person,
            age_confirmed: fields.age_confirmed,
            circumstances: Circumstances {
                setting: fields.setting,
                time_available: fields.time_available,
                presenting_condition: fields.presenting_condition,
                intoxicated: fields.intoxicated.unwrap_or(YesNoNotKnown::NotKnown),
                priority_groups: fields.priority_groups.unwrap_or(PriorityGroups::NONE),
                comorbidities: fields.comorbidities.unwrap_or(Comorbidities::NOT_KNOWN),
            },
            assumptions,
        })
    }

    /// The fields, as given: a fact that was left out is left out here too.
    #[must_use]
    pub const fn fields(&self) -> ContactFields {
        let p = &self.person.0;
        let c = &self.circumstances;
        let a = self.assumptions;
        ContactFields {
            age: p.age,
            age_in_months: p.age_in_months,
            age_confirmed: self.age_confirmed,
            sex: p.sex,
            pregnant: p.pregnant,
            family_background: if a.contains(ContactAssumption::FamilyBackgroundNotGiven) {
                None
            } else {
                Some(p.family_background)
            },
            setting: c.setting,
            time_available: c.time_available,
            presenting_condition: c.presenting_condition,
            intoxicated: if a.contains(ContactAssumption::IntoxicationNotGiven) {
                None
            } else {
                Some(c.intoxicated)
            },
            priority_groups: if a.contains(ContactAssumption::PriorityGroupsNotGiven) {
                None
            } else {
                Some(c.priority_groups)
            },
            comorbidities: if a.contains(ContactAssumption::ComorbiditiesNotGiven) {
                None
            } else {
                Some(c.comorbidities)
            },
        }
    }

    /// The facts that were left out, and how each was read.
    #[must_use]
    pub const fn assumptions(&self) -> ContactAssumptions {
        self.assumptions
    }
    /// The person: what the instruments read.
    #[must_use]
    pub const fn person(&self) -> &Person {
        &self.person
    }
    /// Age.
    #[must_use]
    pub const fn age(&self) -> Age {
        self.person.age()
    }
    /// Whether the age has been confirmed as right (CLINICAL-REFERENCE
    /// §8.5): see [`ContactFields::age_confirmed`].
    #[must_use]
    pub const fn age_confirmed(&self) -> bool {
        self.age_confirmed
    }
    /// Whether the age is one at which alcohol, tobacco or adult activity
    /// answers are refused (CLINICAL-REFERENCE §8.5): under
    /// [`CONFIRM_AGE_BELOW`] and not confirmed.
    #[must_use]
    pub const fn age_needs_confirming(&self) -> bool {
        self.person.age().years() < CONFIRM_AGE_BELOW && !self.age_confirmed
    }
    /// Sex.
    #[must_use]
    pub const fn sex(&self) -> Sex {
        self.person.sex()
    }
    /// Pregnancy.
    #[must_use]
    pub const fn pregnant(&self) -> Pregnancy {
        self.person.pregnant()
    }
    /// Family background.
    #[must_use]
    pub const fn family_background(&self) -> FamilyBackground {
        self.person.family_background()
    }
    /// Setting.
    #[must_use]
    pub const fn setting(&self) -> Setting {
        self.circumstances.setting
    }
    /// Time available.
    #[must_use]
    pub const fn time_available(&self) -> TimeAvailable {
        self.circumstances.time_available
    }
    /// ED presenting condition, if any.
    #[must_use]
    pub const fn presenting_condition(&self) -> Option<PresentingCondition> {
        self.circumstances.presenting_condition
    }
    /// Intoxication.
    #[must_use]
    pub const fn intoxicated(&self) -> YesNoNotKnown {
        self.circumstances.intoxicated
    }
    /// Priority groups.
    #[must_use]
    pub const fn priority_groups(&self) -> PriorityGroups {
        self.circumstances.priority_groups
    }
    /// Comorbidities.
    #[must_use]
    pub const fn comorbidities(&self) -> &Comorbidities {
        &self.circumstances.comorbidities
    }
}

impl AsRef<Person> for Contact {
    fn as_ref(&self) -> &Person {
        &self.person
    }
}

names_round_trip_tests!(
    sex_names_round_trip: Sex,
    yes_no_not_known_names_round_trip: YesNoNotKnown,
    pregnancy_names_round_trip: Pregnancy,
    eating_disorder_names_round_trip: EatingDisorder,
    family_background_names_round_trip: FamilyBackground,
    setting_names_round_trip: Setting,
    setting_class_names_round_trip: SettingClass,
    time_available_names_round_trip: TimeAvailable,
    presenting_condition_names_round_trip: PresentingCondition,
    priority_group_names_round_trip: PriorityGroup,
);

/// A set of settings, held as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Settings(u16);

// Every setting must have a bit of its own.
const _: () = assert!(Setting::ALL.len() <= u16::BITS as usize);

impl Settings {
    /// No setting.
    pub const NONE: Settings = Settings(0);

    /// Every setting.
    pub const ALL: Settings = {
        let mut bits = 0;
        let mut i = 0;
        while i < Setting::ALL.len() {
            bits |= Setting::ALL[i].bit();
            i += 1;
        }
        Settings(bits)
    };

    /// The set with `setting` added.
    #[must_use]
    pub const fn with(self, setting: Setting) -> Settings {
        Settings(self.0 | setting.bit())
    }

    /// Whether the set holds `setting`.
    #[must_use]
    pub const fn contains(self, setting: Setting) -> bool {
        self.0 & setting.bit() != 0
    }
}

/// Accepted ages in total months: up to 120 years and 11 months (CLINICAL-REFERENCE §0).
pub const AGE_MONTHS: Bounds =
    bounds!("an age", from 0 to 1451 "months" ("120 years and 11 months"));

bounded_int! {
    /// A person's age in total months, for the instruments that need more than
    /// whole years (children's BMI centiles, CLINICAL-REFERENCE §8.3).
    ///
    /// ```
    /// use mecc::context::AgeInMonths;
    ///
    /// let m = AgeInMonths::new(126)?;
    /// assert_eq!((m.months(), m.whole_years()), (126, 10));
    /// # Ok::<(), mecc::Error>(())
    /// ```
    pub struct AgeInMonths(u16) in AGE_MONTHS, field "age_in_months";
    /// An age in total months.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 1451 ([`AGE_MONTHS`]).
    fn new;
    /// The age in total months.
    fn months;
    schema "age in total months";
}

impl AgeInMonths {
    /// The whole years in the age.
    #[must_use]
    pub const fn whole_years(self) -> u32 {
        self.months() / 12
    }
}

/// The fields of a [`Person`], before they are checked against each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonFields {
    /// Age in whole years.
    pub age: Age,
    /// Age in total months, when known; it must agree with `age`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_in_months: Option<AgeInMonths>,
    /// Sex.
    pub sex: Sex,
    /// Whether the person is pregnant.
    pub pregnant: Pregnancy,
    /// Family background.
    pub family_background: FamilyBackground,
}

/// Who the person is, as far as the instruments need to know: age, sex,
/// pregnancy and family background (CLINICAL-REFERENCE §0).
///
/// Every instrument scores against a `Person`; a [`Contact`] holds one, so
/// either can be passed. Scoring a BMI alone needs nothing about the setting or
/// comorbidities:
///
/// ```
/// use mecc::context::*;
///
/// let person = Person::new(PersonFields {
///     age: Age::new(52)?,
///     age_in_months: None,
///     sex: Sex::Male,
///     pregnant: Pregnancy::No,
///     family_background: FamilyBackground::SouthAsian,
/// })?;
/// assert_eq!(person.sex(), Sex::Male);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// The schema of the fields, keeping their description.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(with = "PersonFields", description = "")
)]
pub struct Person(PersonFields);

checked_wrapper! {
    Person from PersonFields,
    check Person::new,
    fields |p: Person| p.0,
}

impl Person {
    /// Checks the fields against each other.
    ///
    /// # Errors
    /// - [`Error::Inconsistent`] when `pregnant` is `yes` or `possible` and
    ///   `sex` is `male`.
    /// - [`Error::Inconsistent`] when `age_in_months` does not fall within the
    ///   year given by `age`.
    pub fn new(fields: PersonFields) -> Result<Person, Error> {
        if fields.pregnant.excludes_as_pregnant() && fields.sex == Sex::Male {
            return Err(Error::Inconsistent {
                field: "pregnant",
                value: fields.pregnant.as_str().to_string(),
                other: "sex = male".to_string(),
                reason: "check which of the two was recorded in error; use not_known for sex if it is not recorded",
            });
        }
        if let Some(months) = fields.age_in_months
            && months.whole_years() != fields.age.years()
        {
            return Err(Error::Inconsistent {
                field: "age_in_months",
                value: months.months().to_string(),
                other: format!("age = {}", fields.age.years()),
                reason: "age_in_months is the total age in months (years × 12 + months) and must fall within the year given by age",
            });
        }
        Ok(Person(fields))
    }

    /// The fields, as given.
    #[must_use]
    pub const fn fields(&self) -> PersonFields {
        self.0
    }
    /// Age in whole years.
    #[must_use]
    pub const fn age(&self) -> Age {
        self.0.age
    }
    /// Age in total months, when known.
    #[must_use]
    pub const fn age_in_months(&self) -> Option<AgeInMonths> {
        self.0.age_in_months
    }
    /// Sex.
    #[must_use]
    pub const fn sex(&self) -> Sex {
        self.0.sex
    }
    /// Pregnancy.
    #[must_use]
    pub const fn pregnant(&self) -> Pregnancy {
        self.0.pregnant
    }
    /// Family background.
    #[must_use]
    pub const fn family_background(&self) -> FamilyBackground {
        self.0.family_background
    }
}

impl AsRef<Person> for Person {
    fn as_ref(&self) -> &Person {
        self
    }
}

#[cfg(test)]
mod each_kind {
    use super::*;

    /// An exhaustive match: adding a kind of diabetes or of bariatric history
    /// fails to compile here until `EACH_KIND` has one, so coverage checking
    /// tries it.
    #[test]
    fn every_kind_of_comorbidity_is_enumerated() {
        fn diabetes(d: Diabetes) -> usize {
            match d {
                Diabetes::None => 0,
                Diabetes::Type1 => 1,
                Diabetes::Type2 { .. } => 2,
                Diabetes::NotKnown => 3,
            }
        }
        fn bariatric(b: BariatricSurgery) -> usize {
            match b {
                BariatricSurgery::None => 0,
                BariatricSurgery::Had { .. } => 1,
                BariatricSurgery::NotKnown => 2,
            }
        }
        for (i, d) in Diabetes::EACH_KIND.into_iter().enumerate() {
            assert_eq!(diabetes(d), i);
        }
        for (i, b) in BariatricSurgery::EACH_KIND.into_iter().enumerate() {
            assert_eq!(bariatric(b), i);
        }
    }
}
