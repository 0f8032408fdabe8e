//! The screening instruments, one module each.
//!
//! Every instrument has typed answers that can hold only valid values, named
//! thresholds citing their source, a pure scoring function that cannot fail and
//! allocates nothing, and a typed finding that reduces itself to the
//! [`Outcome`](crate::outcome::Outcome)s the policy reads.
//!
//! Each module implements [`Instrument`] for one marker type ([`pat::Pat`],
//! [`audit::Audit`], ...), and one line of the registry at the end of this
//! file adds it to [`Answers`], [`Findings`] and [`REGISTRY`]. Adding an
//! instrument is its own module plus that one line: the answers and findings
//! documents, scoring, outcomes and the provenance check follow from it.

use serde::{Deserialize, Serialize};

use crate::context::{Contact, Person};
use crate::error::Error;
use crate::outcome::OutcomeSet;
use crate::provenance::Source;

pub mod activity;
pub mod audit;
pub mod bmi;
pub mod child_bmi;
pub mod fast;
pub mod pat;
pub mod smoking;

/// One answer to one question: either given, or not (yet) asked.
///
/// "Not asked" and "answered no" are different answers, so an answer is never
/// optional with a silent default. In JSON an answer is `{"kind": "not_asked"}` or
/// `{"kind": "answered", "value": value}`.
///
/// ```
/// use mecc::instruments::Reply;
///
/// let r: Reply<bool> = serde_json::from_str(r#"{"kind": "answered", "value": false}"#)?;
/// assert_eq!(r, Reply::Answered(false));
/// assert_eq!(r.answered(), Some(&false));
/// let n: Reply<bool> = serde_json::from_str(r#"{"kind": "not_asked"}"#)?;
/// assert!(n.is_not_asked());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "{T}Reply")
)]
#[serde(
    tag = "kind",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", schemars(transform = crate::units::title_variants::<Self>))]
pub enum Reply<T> {
    /// The question has not been asked, or its answer was not recorded.
    NotAsked,
    /// The answer given.
    Answered(T),
}

impl<T> Reply<T> {
    /// The answer, if one was given.
    pub const fn answered(&self) -> Option<&T> {
        match self {
            Reply::Answered(v) => Some(v),
            Reply::NotAsked => None,
        }
    }

    /// Whether the question is still to be asked.
    pub const fn is_not_asked(&self) -> bool {
        matches!(self, Reply::NotAsked)
    }
}

impl<T: Copy> Reply<T> {
    /// The answer, if one was given, by value.
    pub const fn get(self) -> Option<T> {
        match self {
            Reply::Answered(v) => Some(v),
            Reply::NotAsked => None,
        }
    }
}

/// What every instrument provides: its answers, its finding, its provenance,
/// a pure scoring function and the outcomes its finding means to a policy.
pub trait Instrument {
    /// The instrument's key in [`Answers`] and [`Findings`] (and their JSON).
    const KEY: &'static str;
    /// Its name, as a practitioner knows it.
    const NAME: &'static str;
    /// The version of the instrument implemented, recorded for audit.
    const VERSION: &'static str;
    /// The published sources it implements.
    const SOURCES: &'static [Source];
    /// Its answers, valid by construction.
    type Answers;
    /// What it finds.
    type Finding;

    /// Checks the answers against the person, where they can contradict each
    /// other (more years of smoking than years of age, for example).
    ///
    /// # Errors
    /// [`Error::Inconsistent`] naming the contradiction.
    fn check(answers: &Self::Answers, person: &Person) -> Result<(), Error> {
        let _ = (answers, person);
        Ok(())
    }

    /// Scores the answers for the person in `contact`. Pure and total: it
    /// cannot fail and allocates nothing.
    fn score(answers: &Self::Answers, contact: &Contact) -> Self::Finding;

    /// The outcomes the finding means to a policy.
    fn outcomes(finding: &Self::Finding) -> OutcomeSet;
}

/// An instrument whose questions follow a flow: it can say what to ask next,
/// and report its result as soon as no remaining answer can change it.
pub trait Flow: Instrument {
    /// What to do next: a question to ask, or the settled result.
    type Step;

    /// The next step, given the answers so far.
    fn next_step(answers: &Self::Answers, contact: &Contact) -> Self::Step;
}

/// Implements [`Instrument`] (and, given a `step`, [`Flow`]) for a marker
/// type over the module's own `Answers`, `Finding`, `score` and
/// `Finding::outcomes`, so each module states only what is its own.
macro_rules! instrument {
    (
        $(#[$doc:meta])*
        $marker:ident {
            key: $key:literal,
            name: $name:literal,
            version: $version:expr,
            sources: $sources:expr
            $(, check: $check:expr)?
            $(, step: $step:ty = $next:expr)?
            $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $marker;

        impl $crate::instruments::Instrument for $marker {
            const KEY: &'static str = $key;
            const NAME: &'static str = $name;
            const VERSION: &'static str = $version;
            const SOURCES: &'static [$crate::provenance::Source] = $sources;
            type Answers = Answers;
            type Finding = Finding;
            $(
                fn check(
                    answers: &Answers,
                    person: &$crate::context::Person,
                ) -> Result<(), $crate::error::Error> {
                    ($check)(answers, person)
                }
            )?
            fn score(answers: &Answers, contact: &$crate::context::Contact) -> Finding {
                score(answers, contact)
            }
            fn outcomes(finding: &Finding) -> $crate::outcome::OutcomeSet {
                finding.outcomes()
            }
        }

        $(
            impl $crate::instruments::Flow for $marker {
                type Step = $step;
                fn next_step(answers: &Answers, contact: &$crate::context::Contact) -> $step {
                    ($next)(answers, contact)
                }
            }
        )?
    };
}
pub(crate) use instrument;

/// What the crate records about a registered instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Registered {
    /// Its key in [`Answers`] and [`Findings`].
    pub key: &'static str,
    /// Its name.
    pub name: &'static str,
    /// The version implemented.
    pub version: &'static str,
    /// Its published sources.
    pub sources: &'static [Source],
}

impl Registered {
    const fn of<I: Instrument>() -> Registered {
        Registered {
            key: I::KEY,
            name: I::NAME,
            version: I::VERSION,
            sources: I::SOURCES,
        }
    }
}

/// Declares the registry: for each instrument, its field in [`Answers`] and
/// [`Findings`], its builder, its scoring, its outcomes and its provenance.
macro_rules! registry {
    ($( $(#[$doc:meta])* $key:ident, $with:ident: $module:ident::$marker:ident; )*) => {
        /// The answers to whichever instruments were used at a contact.
        ///
        /// An instrument left out (or `null` in JSON) was not used; any subset
        /// may be given. Within an instrument, unanswered questions are
        /// explicit ([`Reply::NotAsked`]). The struct grows as instruments are
        /// added: start from [`Answers::NONE`] and add each instrument with its
        /// `with_` method, or set its field.
        #[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        #[non_exhaustive]
        pub struct Answers {
            $( $(#[$doc])* pub $key: Option<$module::Answers>, )*
        }

        impl Answers {
            /// No instrument used.
            pub const NONE: Answers = Answers { $( $key: None, )* };

            $(
                #[doc = concat!("These answers with the `", stringify!($key), "` answers set.")]
                #[must_use]
                pub const fn $with(mut self, answers: $module::Answers) -> Answers {
                    self.$key = Some(answers);
                    self
                }
            )*

            /// Checks every instrument's answers against the person.
            ///
            /// # Errors
            /// The first instrument's [`Instrument::check`] error.
            pub fn check(&self, person: &Person) -> Result<(), Error> {
                $( if let Some(a) = &self.$key {
                    <$module::$marker as Instrument>::check(a, person)?;
                } )*
                Ok(())
            }
        }

        /// What each instrument used found.
        #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        #[non_exhaustive]
        pub struct Findings {
            $( $(#[$doc])* pub $key: Option<$module::Finding>, )*
        }

        impl Findings {
            /// Scores every instrument that was answered. Pure, and allocates
            /// nothing.
            #[must_use]
            pub fn score(answers: &Answers, contact: &Contact) -> Findings {
                Findings { $(
                    $key: answers.$key.as_ref()
                        .map(|a| <$module::$marker as Instrument>::score(a, contact)),
                )* }
            }

            /// The outcomes the findings mean to a policy: each instrument's
            /// own, together.
            #[must_use]
            pub fn outcomes(&self) -> OutcomeSet {
                let mut o = OutcomeSet::EMPTY;
                $( if let Some(f) = &self.$key {
                    o = o.union(<$module::$marker as Instrument>::outcomes(f));
                } )*
                o
            }
        }

        /// Every registered instrument, in the order of [`Answers`].
        pub const REGISTRY: &[Registered] = &[ $( Registered::of::<$module::$marker>(), )* ];
    };
}

registry! {
    /// Paddington Alcohol Test.
    pat, with_pat: pat::Pat;
    /// AUDIT-C alone (items 4–10 not asked) or the full AUDIT.
    audit, with_audit: audit::Audit;
    /// FAST.
    fast, with_fast: fast::Fast;
    /// Smoking status, vaping and the CO reading.
    smoking, with_smoking: smoking::Smoking;
    /// Height, weight and waist: BMI and waist-to-height ratio.
    bmi, with_bmi: bmi::Bmi;
    /// Physical activity: GPPAQ and weekly minutes.
    activity, with_activity: activity::Activity;
    /// Height, weight and waist of a child: BMI centile and waist-to-height ratio.
    child_bmi, with_child_bmi: child_bmi::ChildBmi;
}

impl Answers {
    /// Refuses answers that are implausible at the contact's age
    /// (CLINICAL-REFERENCE §8.5): at ages 0 to 9 (below
    /// [`CONFIRM_AGE_BELOW`](crate::context::CONFIRM_AGE_BELOW)), unless the
    /// contact sets `age_confirmed`, answers to an alcohol instrument (PAT,
    /// AUDIT-C or AUDIT, FAST), to the smoking questions or to the adult
    /// activity questionnaire (GPPAQ). An age of 0 is most often a form's
    /// default left in place, and such answers at these ages are almost
    /// always a data-entry error; scoring them would give a young child a
    /// plan about drinking or smoking, or an adult one.
    ///
    /// **Decision:** an instrument counts once it is given, even with every
    /// question `not_asked`: the plan would otherwise ask the practitioner
    /// its first question (does the child drink?). Measurements (BMI, the
    /// children's BMI centile) and weekly activity minutes are never refused,
    /// since they are right for young children (§8.3, §8.4).
    ///
    /// [`assess`](crate::assess) runs this check before any other.
    ///
    /// # Errors
    /// [`Error::Inconsistent`] with field `age`, naming the age, the
    /// instruments answered, and the likeliest mistake (an age left at a
    /// form's default of 0) and that `age_confirmed: true` accepts it. When
    /// the contact also records what calls for a safeguarding prompt in a
    /// child (`intoxicated: yes`, presenting condition `assault`, or PAT
    /// question 4 answered yes: the attendance is related to alcohol), the
    /// error names those facts and says that a confirmed age brings the
    /// prompt into the plan, so the refusal never hides it (§8.1, §8.5).
    ///
    /// ```
    /// use mecc::Answers;
    /// use mecc::context::Contact;
    ///
    /// let answers: Answers = serde_json::from_value(serde_json::json!({
    ///     "smoking": {"status": {"kind": "never_smoked"},
    ///                 "vaping": {"kind": "not_asked"}, "co_ppm": {"kind": "not_asked"}}
    /// }))?;
    /// let baby: Contact = serde_json::from_value(serde_json::json!({
    ///     "age": 0, "sex": "female", "pregnant": "no",
    ///     "setting": "general_practice", "time_available": "brief"
    /// }))?;
    /// let err = answers.check_age_plausible(&baby).unwrap_err();
    /// assert_eq!(err.field(), "age");
    /// assert!(err.to_string().contains("age_confirmed: true"));
    ///
    /// // The age is right: the answers are scored.
    /// let confirmed: Contact = serde_json::from_value(serde_json::json!({
    ///     "age": 0, "age_confirmed": true, "sex": "female", "pregnant": "no",
    ///     "setting": "general_practice", "time_available": "brief"
    /// }))?;
    /// assert!(answers.check_age_plausible(&confirmed).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_age_plausible(&self, contact: &Contact) -> Result<(), Error> {
        if !contact.age_needs_confirming() {
            return Ok(());
        }
        let gppaq = self
            .activity
            .as_ref()
            .is_some_and(|a| !a.gppaq.is_not_asked());
        let given: Vec<&str> = [
            (self.pat.is_some(), "the Paddington Alcohol Test (pat)"),
            (self.audit.is_some(), "AUDIT-C or AUDIT (audit)"),
            (self.fast.is_some(), "FAST (fast)"),
            (self.smoking.is_some(), "the smoking questions (smoking)"),
            (gppaq, "the GPPAQ (activity.gppaq)"),
        ]
        .into_iter()
        .filter_map(|(given, name)| given.then_some(name))
        .collect();
        if given.is_empty() {
            return Ok(());
        }
        let safeguarding: Vec<&str> = [
            (
                contact.intoxicated() == crate::context::YesNoNotKnown::Yes,
                "intoxicated = yes",
            ),
            (
                contact.presenting_condition()
                    == Some(crate::context::PresentingCondition::Assault),
                "presenting_condition = assault",
            ),
            (
                self.pat
                    .as_ref()
                    .is_some_and(|p| p.attendance_related() == Reply::Answered(true)),
                "pat.attendance_related = yes",
            ),
        ]
        .into_iter()
        .filter_map(|(holds, fact)| holds.then_some(fact))
        .collect();
        let mut other = format!("answers to {}", in_words(&given));
        let reason = if safeguarding.is_empty() {
            AGE_TO_CONFIRM
        } else {
            other.push_str(", with ");
            other.push_str(&in_words(&safeguarding));
            AGE_TO_CONFIRM_SAFEGUARDING
        };
        Err(Error::Inconsistent {
            field: "age",
            value: contact.age().years().to_string(),
            other,
            reason,
        })
    }
}

/// Why alcohol, tobacco or adult activity answers at ages 0 to 9 are
/// refused, and what to do (CLINICAL-REFERENCE §8.5).
const AGE_TO_CONFIRM: &str = "alcohol, tobacco or adult activity screening answers at an age from 0 to 9 are almost always a data-entry error, most often an age left at a form's default of 0; correct the age, or, if the person really is this young, set age_confirmed: true to accept the answers";

/// As [`AGE_TO_CONFIRM`], when the contact also calls for a safeguarding
/// prompt in a child (CLINICAL-REFERENCE §8.1, §8.5).
const AGE_TO_CONFIRM_SAFEGUARDING: &str = "alcohol, tobacco or adult activity screening answers at an age from 0 to 9 are almost always a data-entry error, most often an age left at a form's default of 0; correct the age, or, if the person really is this young, set age_confirmed: true to accept the answers; in a child, intoxication, an alcohol-related attendance or an assault calls for a safeguarding prompt, and with the age confirmed the plan gives it";

/// `["a"]` as `a`, `["a", "b"]` as `a and b`, `["a", "b", "c"]` as `a, b and c`.
fn in_words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
