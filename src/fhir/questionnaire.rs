//! The question bank as FHIR `Questionnaire`s: one per instrument, one item
//! per question, `linkId` = the question's id.
//!
//! How each of the bank's answer formats becomes an item (and how an item's
//! answer becomes the value written at the question's pointer) is decided
//! once, in [`plan`], which both directions use.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{
    CanonicalBase, Coding, EXT_MAX_VALUE, EXT_MIN_VALUE, EXT_QUESTIONNAIRE_UNIT,
    EXT_QUESTIONNAIRE_UNIT_OPTION, Extension, Meta, UCUM, questionnaire_id, ucum_code,
};
use crate::questions::{
    AnswerForm, AnswerFormat, BankQuestion, FormValue, InstrumentQuestions, Measure, QuestionId,
    Recording, Wording, bank,
};

/// A FHIR `Questionnaire`: one instrument's questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// Always `"Questionnaire"`.
    pub resource_type: String,
    /// `mecc-` and the instrument's key (`mecc-audit`, `mecc-child-bmi`).
    pub id: String,
    /// What produced it: the crate version.
    pub meta: Meta,
    /// Its canonical URL (see [`CanonicalBase::questionnaire_url`]).
    pub url: String,
    /// The bank's version ([`BANK_VERSION`](crate::questions::BANK_VERSION)).
    pub version: String,
    /// A computer-friendly name: `Mecc` and the key in upper camel case.
    pub name: String,
    /// The instrument's name.
    pub title: String,
    /// Always `"active"`.
    pub status: String,
    /// Always `["Patient"]`: the answers are about a person.
    pub subject_type: Vec<String>,
    /// One item per question, in the order asked.
    pub item: Vec<QuestionnaireItem>,
}

/// The type of a questionnaire item (FHIR `Questionnaire.item.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ItemType {
    /// Text shown, not a question.
    Display,
    /// Yes or no.
    Boolean,
    /// A number with a fraction.
    Decimal,
    /// A whole number.
    Integer,
    /// One (or, with `repeats`, several) of the `answerOption`s.
    Choice,
    /// An amount with a unit.
    Quantity,
}

/// One item of a questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireItem {
    /// The unit, range and similar of the item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The question's id ([`QuestionId`]); for a display item, the id of its
    /// question and `.male`.
    pub link_id: String,
    /// The question's number on the published form, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// The words to put to the person.
    pub text: String,
    /// What the answer is.
    #[serde(rename = "type")]
    pub type_: ItemType,
    /// Shown only when this holds (a follow-up question).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<EnableWhen>,
    /// Whether the instrument cannot be scored without the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Whether several answers may be given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    /// The answers to choose from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    /// Items inside this one: the words for a man, where they differ.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
}

/// When an item is shown: another item's answer is this code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct EnableWhen {
    /// The `linkId` of the other item.
    pub question: String,
    /// Always `"="`.
    pub operator: String,
    /// The answer that shows this item.
    pub answer_coding: Coding,
}

/// One answer to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    /// The option's code (system [`CanonicalBase::answer_system`]) and label.
    pub value_coding: Coding,
}

/// Every instrument's questionnaire, in the order of the bank.
#[must_use]
pub fn questionnaires(base: &CanonicalBase) -> Vec<Questionnaire> {
    bank().instruments.iter().map(|i| build(i, base)).collect()
}

/// The questionnaire of the instrument with this key (as in
/// [`Answers`](crate::Answers)), if there is one.
#[must_use]
pub fn questionnaire(instrument: &str, base: &CanonicalBase) -> Option<Questionnaire> {
    bank()
        .instruments
        .iter()
        .find(|i| i.key == instrument)
        .map(|i| build(i, base))
}

fn build(instrument: &InstrumentQuestions, base: &CanonicalBase) -> Questionnaire {
    Questionnaire {
        resource_type: "Questionnaire".to_owned(),
        id: questionnaire_id(instrument.key),
        meta: Meta {
            profile: Vec::new(),
            tag: vec![super::bundle::tag(base, "crate-version", crate::VERSION)],
        },
        url: base.questionnaire_url(instrument.key),
        version: crate::questions::BANK_VERSION.to_owned(),
        name: computable_name(instrument.key),
        title: instrument.name.to_owned(),
        status: "active".to_owned(),
        subject_type: vec!["Patient".to_owned()],
        item: instrument.questions.iter().map(|q| item(q, base)).collect(),
    }
}

/// `Mecc` and the key in upper camel case: `MeccChildBmi`.
fn computable_name(key: &str) -> String {
    let mut name = String::from("Mecc");
    for part in key.split('_') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            name.extend(first.to_uppercase());
            name.push_str(chars.as_str());
        }
    }
    name
}

fn item(q: &BankQuestion, base: &CanonicalBase) -> QuestionnaireItem {
    let plan = plan(q);
    let system = base.answer_system();
    let (type_, repeats, answer_option, extension) = match &plan {
        Plan::Boolean => (ItemType::Boolean, None, Vec::new(), Vec::new()),
        Plan::Choice { options, repeats } => (
            ItemType::Choice,
            repeats.then_some(true),
            options
                .iter()
                .map(|o| AnswerOption {
                    value_coding: Coding::new(&system, &o.code, &o.label),
                })
                .collect(),
            Vec::new(),
        ),
        Plan::Number { measure, .. } => (
            if measure.whole {
                ItemType::Integer
            } else {
                ItemType::Decimal
            },
            None,
            Vec::new(),
            number_extensions(measure),
        ),
        Plan::Quantity { units, .. } => (
            ItemType::Quantity,
            None,
            Vec::new(),
            units
                .iter()
                .map(|u| Extension {
                    url: EXT_QUESTIONNAIRE_UNIT_OPTION.to_owned(),
                    value_coding: Some(Coding::new(UCUM, u.ucum, u.unit)),
                    value_integer: None,
                    value_decimal: None,
                })
                .collect(),
        ),
    };
    // The words for a woman, or when sex is not known, are the more sensitive
    // reading (the lower number of units); a man's words follow as a display
    // item, since the form cannot know the person's sex.
    let (text, male) = match q.wording {
        Wording::Same(text) => (text, None),
        Wording::BySex(w) => (w.female_or_not_known, Some(w.male)),
    };
    let item = male
        .map(|male| QuestionnaireItem {
            extension: Vec::new(),
            link_id: format!("{}.male", q.id.as_str()),
            prefix: None,
            text: format!("For a man: {male}"),
            type_: ItemType::Display,
            enable_when: Vec::new(),
            required: None,
            repeats: None,
            answer_option: Vec::new(),
            item: Vec::new(),
        })
        .into_iter()
        .collect();
    QuestionnaireItem {
        extension,
        link_id: q.id.as_str().to_owned(),
        prefix: q.number.map(|n| format!("{n}.")),
        text: text.to_owned(),
        type_,
        enable_when: enabled_by(q.id)
            .map(|(parent, kind)| EnableWhen {
                question: parent.id.as_str().to_owned(),
                operator: "=".to_owned(),
                answer_coding: Coding {
                    system: Some(system.clone()),
                    code: Some(kind.to_owned()),
                    display: None,
                },
            })
            .collect(),
        required: Some(is_required(q)),
        repeats,
        answer_option,
        item,
    }
}

fn number_extensions(measure: &Measure) -> Vec<Extension> {
    let bound = |url: &str, x: f64| {
        let mut e = Extension {
            url: url.to_owned(),
            value_coding: None,
            value_integer: None,
            value_decimal: None,
        };
        if measure.whole {
            e.value_integer = Some(whole(x));
        } else {
            e.value_decimal = Some(x);
        }
        e
    };
    let mut out = Vec::new();
    if let Some(code) = ucum_code(measure.unit) {
        out.push(Extension {
            url: EXT_QUESTIONNAIRE_UNIT.to_owned(),
            value_coding: Some(Coding::new(UCUM, code, measure.unit)),
            value_integer: None,
            value_decimal: None,
        });
    }
    out.push(bound(EXT_MIN_VALUE, measure.min));
    out.push(bound(EXT_MAX_VALUE, measure.max));
    out
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "the ends of the bank's whole-number ranges: small whole numbers"
)]
fn whole(x: f64) -> i64 {
    x.round() as i64
}

// ---------------------------------------------------------------- the plan

/// How a question is asked in FHIR, and what its answer writes.
#[derive(Debug, Clone)]
pub(crate) enum Plan {
    /// `boolean`: writes `true` or `false`.
    Boolean,
    /// `choice`: writes the chosen option's value (a list of them with
    /// `repeats`).
    Choice {
        options: Vec<ChoiceOption>,
        repeats: bool,
    },
    /// `integer` or `decimal`: writes the number, or `{"kind": form,
    /// "value": n}` when `form` is given.
    Number {
        measure: Measure,
        form: Option<&'static str>,
    },
    /// `quantity`: writes the form whose unit the answer is in; when not
    /// answered, `unanswered` if the question has such a form.
    Quantity {
        units: Vec<QuantityUnit>,
        unanswered: Option<&'static str>,
    },
}

/// One option of a `choice` item.
#[derive(Debug, Clone)]
pub(crate) struct ChoiceOption {
    pub(crate) code: String,
    pub(crate) label: String,
    /// What the option writes at the question's pointer.
    pub(crate) value: Value,
}

/// One unit a `quantity` item accepts, and the form it writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QuantityUnit {
    pub(crate) ucum: &'static str,
    /// The bank's name for the unit.
    pub(crate) unit: &'static str,
    pub(crate) form: &'static AnswerForm,
}

/// The most values a whole-number form may take to be offered as options
/// (PAT's "on some days each week": 1 to 6).
const MOST_EXPANDED: f64 = 7.0;

/// How `q` is asked (CLINICAL-REFERENCE §11.14):
///
/// - yes or no: `boolean`; one or several options: `choice`;
/// - a number: `integer` or `decimal`, with its range and UCUM unit;
/// - one of several forms: `choice` when a form is a list of options, a
///   follow-up or a word alone (a band, a status, "every day"), with a small
///   whole-number form offered one option per number; else `quantity` when
///   the forms are amounts in UCUM units (a height in cm or inches, a time
///   in days to years); else the number of its first numeric form (PAT's
///   most in one day, in UK units). A list of drinks and the other forms not
///   offered are for hosts that write the answers document themselves.
pub(crate) fn plan(q: &BankQuestion) -> Plan {
    match q.answer {
        AnswerFormat::YesNo => Plan::Boolean,
        AnswerFormat::Choice(options) | AnswerFormat::Several(options) => Plan::Choice {
            options: options
                .iter()
                .map(|o| ChoiceOption {
                    code: o.code.to_owned(),
                    label: o.label.to_owned(),
                    value: json!(o.code),
                })
                .collect(),
            repeats: matches!(q.answer, AnswerFormat::Several(_)),
        },
        AnswerFormat::Number(measure) => Plan::Number {
            measure,
            form: None,
        },
        AnswerFormat::Forms(forms) => forms_plan(forms),
    }
}

fn forms_plan(forms: &'static [AnswerForm]) -> Plan {
    let units: Vec<QuantityUnit> = forms
        .iter()
        .filter_map(|f| {
            let unit = match f.value {
                FormValue::Number(m) => m.unit,
                FormValue::Compound(c) => c.total.unit,
                _ => return None,
            };
            ucum_code(unit).map(|ucum| QuantityUnit {
                ucum,
                unit,
                form: f,
            })
        })
        .collect();
    let worded = forms.iter().any(|f| {
        matches!(
            f.value,
            FormValue::Choice(_) | FormValue::FollowUps(_) | FormValue::Nothing
        )
    });
    if worded && units.is_empty() {
        let mut options = Vec::new();
        for f in forms {
            match f.value {
                FormValue::Nothing => options.push(ChoiceOption {
                    code: f.kind.to_owned(),
                    label: f.label.to_owned(),
                    value: json!({"kind": f.kind}),
                }),
                FormValue::FollowUps(_) => options.push(ChoiceOption {
                    code: f.kind.to_owned(),
                    label: f.label.to_owned(),
                    value: json!({"kind": f.kind, "value": {}}),
                }),
                FormValue::Choice(inner) => options.extend(inner.iter().map(|o| ChoiceOption {
                    code: o.code.to_owned(),
                    label: o.label.to_owned(),
                    value: json!({"kind": f.kind, "value": o.code}),
                })),
                FormValue::Number(m) if m.whole && m.max - m.min < MOST_EXPANDED => {
                    let mut n = whole(m.min);
                    while n <= whole(m.max) {
                        options.push(ChoiceOption {
                            code: format!("{}_{n}", f.kind),
                            label: format!("{}: {n}", f.label),
                            value: json!({"kind": f.kind, "value": n}),
                        });
                        n += 1;
                    }
                }
                _ => {}
            }
        }
        return Plan::Choice {
            options,
            repeats: false,
        };
    }
    if !units.is_empty() {
        // A unit given by two forms (pounds, and stones and pounds) is read
        // as the plain number.
        let mut distinct: Vec<QuantityUnit> = Vec::new();
        for u in units {
            if !distinct.iter().any(|d| d.ucum == u.ucum) {
                distinct.push(u);
            }
        }
        return Plan::Quantity {
            units: distinct,
            unanswered: forms
                .iter()
                .find(|f| matches!(f.value, FormValue::Nothing))
                .map(|f| f.kind),
        };
    }
    match forms.iter().find_map(|f| match f.value {
        FormValue::Number(m) => Some((f.kind, m)),
        _ => None,
    }) {
        Some((kind, measure)) => Plan::Number {
            measure,
            form: Some(kind),
        },
        // Not in the bank: every form question has a number or a word.
        None => Plan::Choice {
            options: Vec::new(),
            repeats: false,
        },
    }
}

/// The question and form whose follow-ups include `id`, as the item that
/// enables it and the code that does.
pub(crate) fn enabled_by(
    id: QuestionId,
) -> impl Iterator<Item = (&'static BankQuestion, &'static str)> {
    bank().questions().flat_map(move |q| {
        let forms: &'static [AnswerForm] = match q.answer {
            AnswerFormat::Forms(forms) => forms,
            _ => &[],
        };
        forms.iter().filter_map(move |f| match f.value {
            FormValue::FollowUps(ids) if ids.contains(&id) => Some((q, f.kind)),
            _ => None,
        })
    })
}

/// The containers on the answers document's pointers that hold a union
/// other than a question's own: their pointer and the `kind`s written on the
/// way in when a question inside them is answered. Anything else on a
/// pointer is a plain object, or a follow-up's form (tested).
pub(crate) const UNION_CONTAINERS: [(&str, &[&str]); 3] = [
    ("/activity/gppaq", &["answered"]),
    (
        "/activity/gppaq/value/exercise_and_cycling",
        &["answered", "bands"],
    ),
    ("/activity/weekly", &["answered"]),
];

/// Whether the instrument cannot be scored without an answer to `q` (when
/// it is shown): an answer given directly, not under a union that can be
/// left `not_asked`, and with no form for "not known".
pub(crate) fn is_required(q: &BankQuestion) -> bool {
    q.recorded_as == Recording::Value
        && !UNION_CONTAINERS
            .iter()
            .any(|(c, _)| q.pointer.starts_with(&format!("{c}/")))
        && !matches!(
            plan(q),
            Plan::Quantity {
                unanswered: Some(_),
                ..
            }
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `value` on a pointer is the inside of a union: one of
    /// [`UNION_CONTAINERS`], or the form of a question with follow-ups.
    #[test]
    fn every_union_on_a_pointer_is_known() {
        for q in bank().questions() {
            let segments: Vec<&str> = q.pointer.split('/').skip(1).collect();
            for (i, segment) in segments.iter().enumerate() {
                if *segment != "value" {
                    continue;
                }
                let holder = format!("/{}", segments[..i].join("/"));
                let container = UNION_CONTAINERS.iter().any(|(c, kinds)| {
                    (1..=kinds.len())
                        .any(|depth| holder == format!("{c}{}", "/value".repeat(depth - 1)))
                });
                let follow_up = enabled_by(q.id).any(|(parent, _)| parent.pointer == holder);
                assert!(container || follow_up, "{}: {holder}", q.id.as_str());
            }
        }
    }

    #[test]
    fn names_are_upper_camel_case() {
        assert_eq!(computable_name("child_bmi"), "MeccChildBmi");
        assert_eq!(computable_name("pat"), "MeccPat");
    }
}
