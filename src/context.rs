//! The context of a contact: who the person is and where the contact happens
//! (CLINICAL-REFERENCE §0).
//!
//! Every instrument reads the parts of the context it needs (age and sex for
//! thresholds, pregnancy for applicability, family background for BMI), and the
//! rules engine reads the rest (setting, time available, priority groups).

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::units::Bounds;

/// Accepted ages, in whole years (CLINICAL-REFERENCE §0).
pub const AGE_YEARS: Bounds = Bounds {
    min: 0.0,
    max: 120.0,
    text: "an age from 0 to 120 whole years",
};

/// A person's age in whole years, from 0 to 120.
///
/// ```
/// use mecc::context::Age;
///
/// assert_eq!(Age::new(45)?.years(), 45);
/// assert!(Age::new(121).is_err());
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Age(u8);

impl Age {
    /// An age in whole years.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 120 ([`AGE_YEARS`]); a value from 1900 up is
    /// reported as probably a year of birth.
    pub fn new(years: u32) -> Result<Age, Error> {
        let y = Error::check_int("age", u64::from(years), &AGE_YEARS).map_err(|e| {
            if (1900..=2200).contains(&years) {
                e.with_hint("this looks like a year of birth: give the age in years".to_string())
            } else {
                e
            }
        })?;
        // Range-checked above: at most 120.
        Ok(Age(y as u8))
    }

    /// The age in whole years.
    pub const fn years(self) -> u32 {
        self.0 as u32
    }
}

impl TryFrom<u32> for Age {
    type Error = Error;
    fn try_from(years: u32) -> Result<Age, Error> {
        Age::new(years)
    }
}

impl From<Age> for u32 {
    fn from(a: Age) -> u32 {
        a.years()
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Age {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Age".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": AGE_YEARS.min,
            "maximum": AGE_YEARS.max,
            "description": "age in whole years",
        })
    }
}

/// A person's sex, as recorded for choosing sex-specific thresholds.
///
/// `not_known` selects the more sensitive threshold wherever thresholds differ
/// by sex, and findings record that assumption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Male.
    Male,
    /// Female.
    Female,
    /// Not known or not recorded.
    NotKnown,
}

/// An answer that may be yes, no, or not known.
///
/// "Not known" is never read as "no": each consumer says how it reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum YesNoNotKnown {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Not known, not asked, or not recorded.
    NotKnown,
}

impl YesNoNotKnown {
    /// True for `yes` and for `not_known`: the conservative reading where a wrong
    /// "no" could do harm.
    pub const fn possibly(self) -> bool {
        !matches!(self, YesNoNotKnown::No)
    }
}

/// Family background, which chooses the BMI thresholds (CLINICAL-REFERENCE §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FamilyBackground {
    /// White.
    White,
    /// Mixed.
    Mixed,
    /// South Asian.
    SouthAsian,
    /// Chinese.
    Chinese,
    /// Other Asian.
    OtherAsian,
    /// Middle Eastern.
    MiddleEastern,
    /// Black African.
    BlackAfrican,
    /// African-Caribbean.
    AfricanCaribbean,
    /// Another background.
    Other,
    /// Not stated.
    NotStated,
}

/// Where the contact happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Setting {
    /// An emergency department.
    EmergencyDepartment,
    /// General practice.
    GeneralPractice,
    /// A community pharmacy.
    CommunityPharmacy,
    /// A dental practice.
    Dental,
    /// An optometrist.
    Optometry,
    /// Maternity services.
    Maternity,
    /// A pre-operative assessment.
    PreOperativeAssessment,
    /// A hospital ward.
    HospitalInpatient,
    /// A hospital outpatient clinic.
    HospitalOutpatient,
    /// Community and voluntary-sector services.
    CommunityAndVoluntary,
    /// Housing services.
    Housing,
    /// Workplace health.
    WorkplaceHealth,
}

impl Setting {
    /// Every setting, in declaration order.
    pub const ALL: [Setting; 12] = [
        Setting::EmergencyDepartment,
        Setting::GeneralPractice,
        Setting::CommunityPharmacy,
        Setting::Dental,
        Setting::Optometry,
        Setting::Maternity,
        Setting::PreOperativeAssessment,
        Setting::HospitalInpatient,
        Setting::HospitalOutpatient,
        Setting::CommunityAndVoluntary,
        Setting::Housing,
        Setting::WorkplaceHealth,
    ];

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// The serialized name, for messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            Setting::EmergencyDepartment => "emergency_department",
            Setting::GeneralPractice => "general_practice",
            Setting::CommunityPharmacy => "community_pharmacy",
            Setting::Dental => "dental",
            Setting::Optometry => "optometry",
            Setting::Maternity => "maternity",
            Setting::PreOperativeAssessment => "pre_operative_assessment",
            Setting::HospitalInpatient => "hospital_inpatient",
            Setting::HospitalOutpatient => "hospital_outpatient",
            Setting::CommunityAndVoluntary => "community_and_voluntary",
            Setting::Housing => "housing",
            Setting::WorkplaceHealth => "workplace_health",
        }
    }
}

/// How much time the practitioner has, which caps the intensity of what a plan
/// asks of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeAvailable {
    /// About 30 seconds to 2 minutes.
    VeryBrief,
    /// A few minutes.
    Brief,
    /// 20 minutes or more.
    Extended,
}

/// Why someone came to the emergency department (CLINICAL-REFERENCE §1.1).
///
/// The first ten are the PAT conditions; `other` is any other presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PresentingCondition {
    /// A fall, including a trip.
    Fall,
    /// A collapse, including fits.
    Collapse,
    /// A head injury.
    HeadInjury,
    /// An assault.
    Assault,
    /// An accident.
    Accident,
    /// Feeling unwell.
    Unwell,
    /// A gastrointestinal problem.
    Gastrointestinal,
    /// A cardiac problem, including chest pain.
    Cardiac,
    /// A psychiatric problem, including self-harm and overdose.
    Psychiatric,
    /// Someone who attends repeatedly.
    RepeatAttender,
    /// Any other presentation.
    Other,
}

impl PresentingCondition {
    /// The serialized name, for messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            PresentingCondition::Fall => "fall",
            PresentingCondition::Collapse => "collapse",
            PresentingCondition::HeadInjury => "head_injury",
            PresentingCondition::Assault => "assault",
            PresentingCondition::Accident => "accident",
            PresentingCondition::Unwell => "unwell",
            PresentingCondition::Gastrointestinal => "gastrointestinal",
            PresentingCondition::Cardiac => "cardiac",
            PresentingCondition::Psychiatric => "psychiatric",
            PresentingCondition::RepeatAttender => "repeat_attender",
            PresentingCondition::Other => "other",
        }
    }

    /// Whether this is one of the ten conditions for which PAT is indicated.
    pub const fn indicates_pat(self) -> bool {
        !matches!(self, PresentingCondition::Other)
    }
}

/// A group that proportionate universalism offers more active help to
/// (CLINICAL-REFERENCE §6.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PriorityGroup {
    /// Experiencing homelessness.
    ExperiencingHomelessness,
    /// Gypsy, Roma and Traveller communities.
    GypsyRomaTraveller,
    /// Living in the most deprived fifth of areas.
    MostDeprivedQuintile,
    /// Severe mental illness.
    SevereMentalIllness,
    /// Learning disability.
    LearningDisability,
    /// Sex workers.
    SexWorker,
    /// Recently released from prison.
    RecentPrisonRelease,
}

impl PriorityGroup {
    /// Every priority group, in declaration order.
    pub const ALL: [PriorityGroup; 7] = [
        PriorityGroup::ExperiencingHomelessness,
        PriorityGroup::GypsyRomaTraveller,
        PriorityGroup::MostDeprivedQuintile,
        PriorityGroup::SevereMentalIllness,
        PriorityGroup::LearningDisability,
        PriorityGroup::SexWorker,
        PriorityGroup::RecentPrisonRelease,
    ];

    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(from = "Vec<PriorityGroup>", into = "Vec<PriorityGroup>")]
pub struct PriorityGroups(u8);

// Every priority group must have a bit of its own.
const _: () = assert!(PriorityGroup::ALL.len() <= u8::BITS as usize);

impl PriorityGroups {
    /// No priority group.
    pub const NONE: PriorityGroups = PriorityGroups(0);

    /// Whether the set holds `group`.
    pub const fn contains(self, group: PriorityGroup) -> bool {
        self.0 & group.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The set with `group` added.
    pub const fn with(self, group: PriorityGroup) -> PriorityGroups {
        PriorityGroups(self.0 | group.bit())
    }

    /// The groups in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = PriorityGroup> {
        PriorityGroup::ALL
            .into_iter()
            .filter(move |g| self.contains(*g))
    }
}

impl FromIterator<PriorityGroup> for PriorityGroups {
    fn from_iter<I: IntoIterator<Item = PriorityGroup>>(iter: I) -> PriorityGroups {
        iter.into_iter()
            .fold(PriorityGroups::NONE, PriorityGroups::with)
    }
}

impl From<Vec<PriorityGroup>> for PriorityGroups {
    fn from(groups: Vec<PriorityGroup>) -> PriorityGroups {
        groups.into_iter().collect()
    }
}

impl From<PriorityGroups> for Vec<PriorityGroup> {
    fn from(groups: PriorityGroups) -> Vec<PriorityGroup> {
        groups.iter().collect()
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for PriorityGroups {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PriorityGroups".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let item = generator.subschema_for::<PriorityGroup>();
        schemars::json_schema!({
            "type": "array",
            "items": item,
            "uniqueItems": true,
            "description": "the priority groups the person is in; empty for none",
        })
    }
}

/// How long ago something happened, in whole years, or not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum YearsAgo {
    /// This many whole years ago (0 means within the last year).
    Years(u8),
    /// When is not known.
    NotKnown,
}

/// Diabetes status (CLINICAL-REFERENCE §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
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
#[serde(rename_all = "snake_case", deny_unknown_fields)]
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
    /// An active eating disorder.
    pub eating_disorder: YesNoNotKnown,
    /// Bariatric surgery.
    pub bariatric_surgery: BariatricSurgery,
}

impl Comorbidities {
    /// Nothing known about any of the conditions.
    pub const NOT_KNOWN: Comorbidities = Comorbidities {
        diabetes: Diabetes::NotKnown,
        hypertension: YesNoNotKnown::NotKnown,
        eating_disorder: YesNoNotKnown::NotKnown,
        bariatric_surgery: BariatricSurgery::NotKnown,
    };

    /// None of the conditions.
    pub const NONE: Comorbidities = Comorbidities {
        diabetes: Diabetes::None,
        hypertension: YesNoNotKnown::No,
        eating_disorder: YesNoNotKnown::No,
        bariatric_surgery: BariatricSurgery::None,
    };
}

/// The fields of a [`Contact`], before they are checked against each other.
///
/// This is also the contact's JSON form: every field is required.
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
    /// Sex.
    pub sex: Sex,
    /// Whether the person is pregnant.
    pub pregnant: YesNoNotKnown,
    /// Family background.
    pub family_background: FamilyBackground,
    /// Where the contact happens.
    pub setting: Setting,
    /// How much time the practitioner has.
    pub time_available: TimeAvailable,
    /// The emergency-department presenting condition, or `null` when the
    /// contact is not an emergency-department attendance.
    pub presenting_condition: Option<PresentingCondition>,
    /// Whether the person is intoxicated now.
    pub intoxicated: YesNoNotKnown,
    /// The priority groups the person is in.
    pub priority_groups: PriorityGroups,
    /// The health conditions the policy reads.
    pub comorbidities: Comorbidities,
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
///     sex: Sex::Female,
///     pregnant: YesNoNotKnown::Yes,
///     family_background: FamilyBackground::White,
///     setting: Setting::Maternity,
///     time_available: TimeAvailable::Brief,
///     presenting_condition: None,
///     intoxicated: YesNoNotKnown::No,
///     priority_groups: PriorityGroups::NONE,
///     comorbidities: Comorbidities::NONE,
/// })?;
/// assert!(contact.pregnant().possibly());
/// assert_eq!(contact.person().age().years(), 34);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ContactFields", into = "ContactFields")]
pub struct Contact {
    person: Person,
    circumstances: Circumstances,
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

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Contact {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Contact".into()
    }
    // The JSON form is the fields' form; the checks run on deserializing.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        ContactFields::json_schema(generator)
    }
}

impl Contact {
    /// Checks the fields against each other.
    ///
    /// # Errors
    /// - as [`Person::new`], for the fields about the person;
    /// - [`Error::Inconsistent`] when a `presenting_condition` is given for a
    ///   setting other than the emergency department.
    pub fn new(fields: ContactFields) -> Result<Contact, Error> {
        let person = Person::new(PersonFields {
            age: fields.age,
            age_in_months: fields.age_in_months,
            sex: fields.sex,
            pregnant: fields.pregnant,
            family_background: fields.family_background,
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
            circumstances: Circumstances {
                setting: fields.setting,
                time_available: fields.time_available,
                presenting_condition: fields.presenting_condition,
                intoxicated: fields.intoxicated,
                priority_groups: fields.priority_groups,
                comorbidities: fields.comorbidities,
            },
        })
    }

    /// The fields, as given.
    #[must_use]
    pub const fn fields(&self) -> ContactFields {
        let p = &self.person.0;
        let c = &self.circumstances;
        ContactFields {
            age: p.age,
            age_in_months: p.age_in_months,
            sex: p.sex,
            pregnant: p.pregnant,
            family_background: p.family_background,
            setting: c.setting,
            time_available: c.time_available,
            presenting_condition: c.presenting_condition,
            intoxicated: c.intoxicated,
            priority_groups: c.priority_groups,
            comorbidities: c.comorbidities,
        }
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
    /// Sex.
    #[must_use]
    pub const fn sex(&self) -> Sex {
        self.person.sex()
    }
    /// Pregnancy.
    #[must_use]
    pub const fn pregnant(&self) -> YesNoNotKnown {
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

impl TryFrom<ContactFields> for Contact {
    type Error = Error;
    fn try_from(fields: ContactFields) -> Result<Contact, Error> {
        Contact::new(fields)
    }
}

impl From<Contact> for ContactFields {
    fn from(c: Contact) -> ContactFields {
        c.fields()
    }
}

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
pub const AGE_MONTHS: Bounds = Bounds {
    min: 0.0,
    max: 1451.0,
    text: "an age from 0 to 1451 months (120 years and 11 months)",
};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct AgeInMonths(u16);

impl AgeInMonths {
    /// An age in total months.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] above 1451 ([`AGE_MONTHS`]).
    pub fn new(months: u32) -> Result<AgeInMonths, Error> {
        let m = Error::check_int("age_in_months", u64::from(months), &AGE_MONTHS)?;
        // Range-checked above: at most 1451.
        Ok(AgeInMonths(m as u16))
    }

    /// The age in total months.
    #[must_use]
    pub const fn months(self) -> u32 {
        self.0 as u32
    }

    /// The whole years in the age.
    #[must_use]
    pub const fn whole_years(self) -> u32 {
        self.0 as u32 / 12
    }
}

impl TryFrom<u32> for AgeInMonths {
    type Error = Error;
    fn try_from(months: u32) -> Result<AgeInMonths, Error> {
        AgeInMonths::new(months)
    }
}

impl From<AgeInMonths> for u32 {
    fn from(a: AgeInMonths) -> u32 {
        a.months()
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for AgeInMonths {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AgeInMonths".into()
    }
    // The bounds come from the one constant that checks them.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": AGE_MONTHS.min,
            "maximum": AGE_MONTHS.max,
            "description": "age in total months",
        })
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
    pub pregnant: YesNoNotKnown,
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
///     pregnant: YesNoNotKnown::No,
///     family_background: FamilyBackground::SouthAsian,
/// })?;
/// assert_eq!(person.sex(), Sex::Male);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PersonFields", into = "PersonFields")]
pub struct Person(PersonFields);

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Person {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Person".into()
    }
    // The JSON form is the fields' form; the checks run on deserializing.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        PersonFields::json_schema(generator)
    }
}

impl Person {
    /// Checks the fields against each other.
    ///
    /// # Errors
    /// - [`Error::Inconsistent`] when `pregnant` is `yes` and `sex` is `male`.
    /// - [`Error::Inconsistent`] when `age_in_months` does not fall within the
    ///   year given by `age`.
    pub fn new(fields: PersonFields) -> Result<Person, Error> {
        if fields.pregnant == YesNoNotKnown::Yes && fields.sex == Sex::Male {
            return Err(Error::Inconsistent {
                field: "pregnant",
                value: "yes".to_string(),
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
    pub const fn pregnant(&self) -> YesNoNotKnown {
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

impl TryFrom<PersonFields> for Person {
    type Error = Error;
    fn try_from(fields: PersonFields) -> Result<Person, Error> {
        Person::new(fields)
    }
}

impl From<Person> for PersonFields {
    fn from(p: Person) -> PersonFields {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An exhaustive match, which only this crate can write for a
    /// `#[non_exhaustive]` enum: adding a setting fails to compile here until
    /// it is placed in [`Setting::ALL`], which coverage checking walks.
    #[test]
    fn every_setting_is_enumerated() {
        fn position(s: Setting) -> usize {
            match s {
                Setting::EmergencyDepartment => 0,
                Setting::GeneralPractice => 1,
                Setting::CommunityPharmacy => 2,
                Setting::Dental => 3,
                Setting::Optometry => 4,
                Setting::Maternity => 5,
                Setting::PreOperativeAssessment => 6,
                Setting::HospitalInpatient => 7,
                Setting::HospitalOutpatient => 8,
                Setting::CommunityAndVoluntary => 9,
                Setting::Housing => 10,
                Setting::WorkplaceHealth => 11,
            }
        }
        for (i, s) in Setting::ALL.iter().enumerate() {
            assert_eq!(position(*s), i, "{s:?}");
        }
    }

    /// As for settings: the groups coverage varies are all of them.
    #[test]
    fn every_priority_group_is_enumerated() {
        fn position(g: PriorityGroup) -> usize {
            match g {
                PriorityGroup::ExperiencingHomelessness => 0,
                PriorityGroup::GypsyRomaTraveller => 1,
                PriorityGroup::MostDeprivedQuintile => 2,
                PriorityGroup::SevereMentalIllness => 3,
                PriorityGroup::LearningDisability => 4,
                PriorityGroup::SexWorker => 5,
                PriorityGroup::RecentPrisonRelease => 6,
            }
        }
        for (i, g) in PriorityGroup::ALL.iter().enumerate() {
            assert_eq!(position(*g), i, "{g:?}");
        }
    }
}
