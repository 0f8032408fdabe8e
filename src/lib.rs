//! # mecc: brief-intervention screening for every contact
//!
//! `mecc` turns a person's answers to the screening questions about the four
//! big lifestyle risks (alcohol, tobacco, weight and physical inactivity) into
//! typed findings, and turns those findings and the context of the contact into
//! a plan of actions, each saying why it is there. It does no I/O: everything
//! comes in as arguments and goes out as values that serialize with serde and
//! describe themselves with JSON Schema.
//!
//! ## From answers to a plan
//!
//! 1. Describe the contact: who the person is and where they are seen
//!    ([`context::Contact`]).
//! 2. Collect the answers to whichever instruments were used ([`Answers`]);
//!    questions not asked are explicitly `not_asked`, never a silent "no".
//! 3. Choose a policy: the built-in national default, or it with a local
//!    overlay ([`policy::Policy`]). Compile it once and reuse it.
//! 4. Call [`assess`]. The [`Assessment`] holds the findings, the outcomes the
//!    policy read, the plan, and the crate and policy versions for audit.
//!
//! ```
//! use mecc::policy::{ActionKind, Policy};
//! use mecc::{Answers, assess};
//!
//! // 1. A man of 58 in the emergency department after a fall.
//! let contact = serde_json::from_str(r#"{
//!     "age": 58, "sex": "male", "pregnant": "no", "family_background": "white",
//!     "setting": "emergency_department", "time_available": "very_brief",
//!     "presenting_condition": "fall", "intoxicated": "no", "priority_groups": [],
//!     "comorbidities": {"diabetes": {"kind": "none"}, "hypertension": "no",
//!                       "eating_disorder": "no", "bariatric_surgery": {"kind": "none"}}
//! }"#)?;
//!
//! // 2. His Paddington Alcohol Test answers: five pints a day, every day.
//! let answers: Answers = serde_json::from_str(r#"{"pat": {
//!     "drinks_alcohol": {"kind": "answered", "value": true},
//!     "most_in_one_day": {"kind": "answered", "value": {"kind": "drinks", "value": [{"drink": {"kind": "pint_ordinary_strength"}, "count": 5}]}},
//!     "frequency": {"kind": "answered", "value": {"kind": "every_day"}},
//!     "attendance_related": {"kind": "answered", "value": true},
//!     "willing_to_see_specialist": {"kind": "answered", "value": true}
//! }}"#)?;
//!
//! // 3. The national default policy.
//! let policy = Policy::national_default()?;
//!
//! // 4. The plan: the possible-dependence safety alert comes first; then the
//! //    alcohol topic in the order of the conversation: advice that is safe
//! //    if he is dependent, then the referral to the alcohol health worker,
//! //    who can see him now.
//! let assessment = assess(&contact, &answers, &policy)?;
//! assert!(assessment.findings.pat.ok_or("scored")?.result.is_positive());
//! assert_eq!(assessment.plan[0].kind, ActionKind::SafetyAlert);
//! assert_eq!(assessment.plan[1].kind, ActionKind::Advice);
//! assert_eq!(assessment.plan[2].kind, ActionKind::Referral);
//! assert_eq!(assessment.plan[2].reason.rule.as_ref(), "alcohol.specialist_now");
//! // `Display` gives a numbered, readable plan to show a practitioner.
//! assert!(assessment.to_string().contains(" 1. [safety alert · alcohol]"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Asking the questions
//!
//! [`questions::bank`] lists every question of every instrument: a stable id
//! (`audit.frequency`, usable as a FHIR `linkId`), its wording and source,
//! its answer codes, scores and ranges as the instruments define them, and
//! the JSON Pointer of its field in [`Answers`]. [`questions::next_questions`]
//! says what to ask next, and why: PAT's routing, the rest of the AUDIT after
//! a positive AUDIT-C when there is time, FAST's second stage only when its
//! first question does not decide, and nothing whose answer could not change
//! the plan.
//!
//! With the `fhir` feature, the module `mecc::fhir` gives the bank as FHIR R4
//! `Questionnaire`s, reads a `QuestionnaireResponse` back into [`Answers`]
//! through the same checks, and writes an [`Assessment`] as a `Bundle`.
//!
//! ```
//! use mecc::questions::{AskReason, QuestionId, next_questions};
//! use mecc::Answers;
//!
//! let contact: mecc::context::Contact = serde_json::from_value(serde_json::json!({
//!     "age": 30, "sex": "male", "pregnant": "no",
//!     "setting": "emergency_department", "time_available": "very_brief"
//! }))?;
//! let answers: Answers = serde_json::from_value(serde_json::json!({"fast": {
//!     "heavy_drinking": {"kind": "answered", "value": "monthly"},
//!     "failed_expectations": {"kind": "not_asked"},
//!     "memory_loss": {"kind": "not_asked"},
//!     "others_concerned": {"kind": "not_asked"}
//! }}))?;
//! let next = next_questions(&contact, &answers, contact.time_available());
//! assert_eq!(next[0].question, QuestionId::FastFailedExpectations);
//! assert_eq!(next[0].reason, AskReason::FastSecondStage);
//! assert_eq!(next[0].question.question().pointer, "/fast/failed_expectations");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## The two halves, and the one contract between them
//!
//! ```text
//! answers + person ──► instruments (pure scoring) ──► findings ──► outcomes
//! outcomes + contact + policy ──► rules engine ──► plan
//! ```
//!
//! - **Instruments** ([`instruments`]) know nothing of plans. Each has typed
//!   answers that can hold only valid values, named thresholds citing their
//!   source, and a pure scoring function that cannot fail and allocates
//!   nothing: [`instruments::pat`], [`instruments::audit`],
//!   [`instruments::fast`], [`instruments::smoking`], [`instruments::bmi`],
//!   [`instruments::activity`]. They score against a [`context::Person`] (age,
//!   sex, pregnancy, family background), so scoring a BMI alone needs nothing
//!   about the setting; a [`context::Contact`] holds a person and can be passed
//!   instead. Each implements [`instruments::Instrument`], and one line of the
//!   registry in [`instruments`] adds it to [`Answers`] and [`Findings`].
//! - **Outcomes** ([`outcome`]) are the contract: a finite vocabulary, each
//!   outcome declared once with its name, topic, exclusive group, whether it
//!   calls for action, what it implies, and where it can occur. Findings reduce
//!   themselves to an [`outcome::OutcomeSet`]; the engine reads nothing else.
//! - **The rules engine** ([`policy`]) is data: a JSON document of pathways
//!   (local services) and rules, checked all at once into
//!   [`diagnostic::Diagnostic`]s and compiled into a reusable, `Send + Sync`
//!   evaluator. Coverage checking walks the outcome table to prove that every
//!   outcome calling for action gets an action wherever it can occur. A local
//!   service changes the policy with a small [`policy::PolicyOverlay`],
//!   without code.
//!
//! Citations such as "CLINICAL-REFERENCE §2.3" in this documentation, the tests
//! and the default policy refer to the sections of `docs/clinical-reference.md`
//! in the repository, which gives each threshold and rule with its published
//! source and says which parts are not yet implemented.
//!
//! ## JSON shapes
//!
//! Every type serializes with serde in one of three shapes, the same across
//! the crate:
//!
//! - a struct is an object with a key per field, all required (`null` for an
//!   absent optional value);
//! - an enum that is only a list of names is a string: `"sex": "male"`;
//! - every other enum (a union whose variants carry data) is an object tagged
//!   with `kind`, naming the variant, and holding the variant's data, if it
//!   has any, in `value`: `{"kind": "not_asked"}`, `{"kind": "answered",
//!   "value": true}`, `{"kind": "cm", "value": 175.5}`, `{"kind":
//!   "feet_and_inches", "value": {"feet": 5, "inches": 10}}`, `{"kind":
//!   "incomplete", "value": {"next": "frequency"}}`, `{"kind": "outcome",
//!   "value": "pat_positive"}`. No other key is accepted beside them.
//!
//! In the JSON Schemas (feature `schema`) each union is a `oneOf` of its
//! variants, each titled `{Type}{Kind}` (`HeightCm`, `BooleanReplyAnswered`),
//! so code generated from them gets one named class per variant,
//! discriminated by `kind`.
//!
//! ```
//! use mecc::instruments::Reply;
//! use mecc::units::Height;
//!
//! let asked: Reply<Height> = serde_json::from_str(
//!     r#"{"kind": "answered", "value": {"kind": "feet_and_inches", "value": {"feet": 5, "inches": 10}}}"#,
//! )?;
//! assert_eq!(asked.get().map(Height::mm), Some(1778));
//! assert_eq!(
//!     serde_json::to_string(&asked)?,
//!     r#"{"kind":"answered","value":{"kind":"mm","value":1778}}"#
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Errors
//!
//! Every refusal is a [`Error`] whose message names the field, the value given,
//! what was expected and, where it can be guessed, the likely mistake:
//!
//! ```
//! let err = mecc::units::Height::from_cm(1.72).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "height_cm is 1.72: expected a height from 100 to 250 cm \
//!      (this looks like metres: did you mean 172 cm?)"
//! );
//! ```
//!
//! ## Many contacts at once
//!
//! A compiled [`policy::Policy`] is `Send + Sync` and assessing borrows it,
//! so a batch (a population-health run over a practice list) shares one
//! policy across threads with no locking. The crate starts no threads of
//! its own; a host splits the batch, for example with
//! [`std::thread::scope`] (or a thread pool it already has).
//!
//! For speed, each thread keeps one [`policy::PlanBuffer`] and assesses
//! into it with [`assess_into`]: the plan is made as references into the
//! policy, and once the buffer has held a plan as long, assessing allocates
//! nothing. The [`AssessmentView`] it returns reads and serializes as the
//! owned [`Assessment`] does, and becomes one with
//! [`AssessmentView::to_assessment`] when the host keeps it.
//!
//! ```
//! use mecc::policy::{PlanBuffer, Policy};
//! use mecc::{Answers, assess_into};
//! # use mecc::context::Contact;
//! # fn batch() -> Result<Vec<(Contact, Answers)>, mecc::Error> {
//! #     let contact = Contact::from_json(r#"{"age": 40, "sex": "female",
//! #         "pregnant": "no", "family_background": "white",
//! #         "setting": "general_practice", "time_available": "brief"}"#)?;
//! #     Ok(vec![(contact, Answers::default()); 8])
//! # }
//!
//! let policy = Policy::national_default_shared()?;
//! let contacts: Vec<(Contact, Answers)> = batch()?;
//! let threads = 2;
//! let share = contacts.len().div_ceil(threads);
//! let assessed: usize = std::thread::scope(|scope| {
//!     let workers: Vec<_> = contacts
//!         .chunks(share)
//!         .map(|chunk| {
//!             scope.spawn(move || {
//!                 // One buffer per thread, reused for every contact.
//!                 let mut buffer = PlanBuffer::new();
//!                 chunk
//!                     .iter()
//!                     .filter(|(c, a)| assess_into(c, a, policy, &[], &mut buffer).is_ok())
//!                     .count()
//!             })
//!         })
//!         .collect();
//!     workers.into_iter().filter_map(|w| w.join().ok()).sum()
//! });
//! assert_eq!(assessed, 8);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## What it is not
//!
//! Decision support for trained staff: not a diagnosis, not a medical device
//! by itself, and no substitute for clinical judgement.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod assess;
mod bounded;
pub mod context;
pub mod diagnostic;
pub mod error;
#[cfg(feature = "fhir")]
pub mod fhir;
pub mod instruments;
mod json;
mod json_out;
pub mod outcome;
pub mod policy;
pub mod provenance;
pub mod questions;
pub mod units;

pub use assess::{
    Assessment, AssessmentView, PolicyStamp, Screening, assess, assess_into, assess_with,
};
pub use error::Error;
pub use instruments::{Answers, Findings};
pub use provenance::Source;

// The README's examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The version of this crate, recorded in results so they can be audited later.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
