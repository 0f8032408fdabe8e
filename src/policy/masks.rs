//! Conditions compiled to masks over the facts of one plan.
//!
//! Planning reads the conditions of a few dozen rules and wordings for each
//! contact. Rather than walk each condition's tree, reading the contact again
//! at every leaf, every fact a condition can read is set out once per plan as
//! bits in a few words ([`FactWords`]), and each condition is compiled to a
//! short list of [`Term`]s, any one of which makes it hold. A term holds when
//! the bits it requires are all set, the bits it forbids are all clear, and
//! each of its "at least one of" masks meets a set bit: a few word operations
//! whatever the condition's depth.
//!
//! A condition whose list would be long (an `all` of many `any`s multiplies
//! out) keeps its tree, and so does one that needs more numeric facts than
//! the words hold; both give the same answer, only slower. In debug builds
//! every compiled condition is checked against its tree on every reading.

use crate::context::{
    AgeBand, BariatricSurgery, Contact, Diabetes, EatingDisorder, Pregnancy, PresentingCondition,
    PriorityGroup, Setting, SettingClass, Sex, TimeAvailable, YearsAgo, YesNoNotKnown,
};
use crate::outcome::OutcomeSet;
use crate::policy::condition::{Node, diabetes_kind};

/// How many words the facts of one plan take.
pub(crate) const WORDS: usize = 4;

/// The facts of one plan as bits: the outcomes found (words 0 and 1), then
/// one field of bits for each fact about the contact a condition can read.
pub(crate) type FactWords = [u64; WORDS];

/// The outcomes found, as words 0 and 1 of the facts.
pub(crate) const fn outcome_words(outcomes: OutcomeSet) -> [u64; 2] {
    let bits = outcomes.bits();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "the outcome bits are split into two words on purpose"
    )]
    [bits as u64, (bits >> 64) as u64]
}

/// Where one fact's bits lie: `width` bits from `shift` in word `word`.
#[derive(Debug, Clone, Copy)]
struct Field {
    word: usize,
    shift: u32,
    width: u32,
}

impl Field {
    /// The field that follows `self` in the same word, `width` bits wide.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "every field is narrower than a word, checked below"
    )]
    const fn then(self, width: usize) -> Field {
        Field {
            word: self.word,
            shift: self.shift + self.width,
            width: width as u32,
        }
    }

    const fn end(self) -> u32 {
        self.shift + self.width
    }

    /// Every bit of the field.
    const fn all(self) -> u64 {
        ((1u64 << self.width) - 1) << self.shift
    }

    /// The bit for value `v`, whose values are numbered from 0.
    const fn bit(self, v: u32) -> u64 {
        match 1u64.checked_shl(v) {
            Some(b) => (b << self.shift) & self.all(),
            None => 0,
        }
    }

    /// The bits for mask `m` over the field's values.
    const fn of(self, m: u64) -> u64 {
        (m << self.shift) & self.all()
    }

    /// The field's bits in word order.
    fn in_words(self, bits: u64) -> FactWords {
        let mut w = [0; WORDS];
        if let Some(word) = w.get_mut(self.word) {
            *word = bits & self.all();
        }
        w
    }
}

/// A value for each of these is always set (one bit of its field exactly),
/// so "one of these values" is also "none of the others".
const SETTING: Field = Field {
    word: 2,
    shift: 0,
    width: 0,
}
.then(Setting::ALL.len());
const SETTING_CLASS: Field = SETTING.then(SettingClass::ALL.len());
const TIME: Field = SETTING_CLASS.then(TimeAvailable::ALL.len());
const PREGNANT: Field = TIME.then(Pregnancy::ALL.len());
/// Intoxication as decisions read it (CLINICAL-REFERENCE §6.10).
const INTOXICATED: Field = PREGNANT.then(YesNoNotKnown::ALL.len());
/// Intoxication as recorded.
const INTOXICATION_RECORDED: Field = INTOXICATED.then(YesNoNotKnown::ALL.len());
const SEX: Field = INTOXICATION_RECORDED.then(Sex::ALL.len());
const AGE_BAND: Field = SEX.then(AgeBand::ALL.len());
/// The presenting condition, with a last bit for none.
const PRESENTING: Field = Field {
    word: 3,
    shift: 0,
    width: 0,
}
.then(PresentingCondition::ALL.len() + 1);
/// Diabetes as conditions name it: none, type 1, type 2, not known.
const DIABETES: Field = PRESENTING.then(4);
const HYPERTENSION: Field = DIABETES.then(YesNoNotKnown::ALL.len());
const EATING_DISORDER: Field = HYPERTENSION.then(EatingDisorder::ALL.len());
/// Not one value but a set: none, one or several may be set.
const PRIORITY_GROUPS: Field = EATING_DISORDER.then(PriorityGroup::ALL.len());
/// The rest of word 3: one bit for each numeric test the policy makes (an
/// age, or years since a diagnosis or an operation).
const NUMERIC: Field = PRIORITY_GROUPS.then(MAX_NUMERIC);
/// How many numeric tests a policy's compiled conditions can make.
const MAX_NUMERIC: usize = (64 - PRIORITY_GROUPS.end()) as usize;

const _: () = assert!(AGE_BAND.end() < 64 && PRIORITY_GROUPS.end() <= 48);

/// A test of a number on the contact, at a threshold the policy chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numeric {
    AgeAtLeast(u8),
    Type2Within(u8),
    BariatricWithin(u8),
}

impl Numeric {
    pub(crate) fn holds(self, contact: &Contact) -> bool {
        match self {
            Numeric::AgeAtLeast(a) => contact.age().years() >= u32::from(a),
            Numeric::Type2Within(y) => type_2_within(contact, y),
            Numeric::BariatricWithin(y) => bariatric_within(contact, y),
        }
    }
}

/// Type 2 diabetes diagnosed within `y` years, or at a time not known.
pub(crate) fn type_2_within(contact: &Contact, y: u8) -> bool {
    match contact.comorbidities().diabetes {
        // `n` whole years ago means at least `n` years ago, so "within `y`
        // years" is `n < y`, as for bariatric surgery below.
        Diabetes::Type2 {
            diagnosed: YearsAgo::Years(n),
        } => n < y,
        Diabetes::Type2 {
            diagnosed: YearsAgo::NotKnown,
        } => true,
        _ => false,
    }
}

/// Bariatric surgery within `y` years, or whether or when not known.
pub(crate) fn bariatric_within(contact: &Contact, y: u8) -> bool {
    match contact.comorbidities().bariatric_surgery {
        BariatricSurgery::None => false,
        BariatricSurgery::Had {
            when: YearsAgo::Years(n),
        } => n < y,
        BariatricSurgery::Had {
            when: YearsAgo::NotKnown,
        }
        | BariatricSurgery::NotKnown => true,
    }
}

/// The facts a term requires and forbids, as the bits it reads (`mask`)
/// and the value they must have (`value`): the term's facts hold when
/// `facts & mask == value` in every word, which reads a required and a
/// forbidden bit in one operation.
fn mask_and_value(require: FactWords, forbid: FactWords) -> (FactWords, FactWords) {
    let (mut mask, mut value) = ([0; WORDS], [0; WORDS]);
    for k in 0..WORDS {
        let (r, x) = (require[k], forbid[k]);
        (mask[k], value[k]) = if r & x == 0 {
            (r | x, r)
        } else {
            // A bit both required and forbidden: never holds, as no bit read
            // through an empty mask can be set.
            (0, 1)
        };
    }
    (mask, value)
}

/// Whether `facts` has the value `value` in the bits of
/// `mask`.
#[inline]
fn words_hold(facts: &FactWords, mask: &FactWords, value: &FactWords) -> bool {
    let [f0, f1, f2, f3] = *facts;
    let ([m0, m1, m2, m3], [v0, v1, v2, v3]) = (*mask, *value);
    // Written out word by word: this is the engine's innermost test.
    ((f0 & m0) ^ v0) | ((f1 & m1) ^ v1) | ((f2 & m2) ^ v2) | ((f3 & m3) ^ v3) == 0
}

/// One way for a compiled condition to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Term {
    /// The bits it requires or forbids, and the value they must have (see
    /// [`mask_and_value`]).
    mask: FactWords,
    value: FactWords,
    /// Masks each of which must meet a set bit: `any_len` of them from
    /// `any_start` in the policy's list.
    any_start: u32,
    any_len: u32,
}

impl Term {
    fn new(require: FactWords, forbid: FactWords, any_start: u32, any_len: u32) -> Term {
        let (mask, value) = mask_and_value(require, forbid);
        Term {
            mask,
            value,
            any_start,
            any_len,
        }
    }
}

/// A condition that is one [`Term`] with at most one "at least one of"
/// mask, as most rules' conditions are: testing it is a few word operations,
/// made without looking the condition up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SingleTerm {
    mask: FactWords,
    value: FactWords,
    any: FactWords,
    /// Whether `any` must meet a set bit (else it is empty).
    any_needed: bool,
}

impl SingleTerm {
    /// The term that holds for any facts: it requires, forbids and needs
    /// nothing.
    pub(crate) const ANY: SingleTerm = SingleTerm {
        mask: [0; WORDS],
        value: [0; WORDS],
        any: [0; WORDS],
        any_needed: false,
    };

    fn new(require: FactWords, forbid: FactWords, any: Option<FactWords>) -> SingleTerm {
        let (mask, value) = mask_and_value(require, forbid);
        SingleTerm {
            mask,
            value,
            any: any.unwrap_or_default(),
            any_needed: any.is_some(),
        }
    }

    /// Whether the condition holds for `facts`.
    pub(crate) fn holds(&self, facts: &FactWords) -> bool {
        let ([m0, m1, m2, m3], [v0, v1, v2, v3]) = (self.mask, self.value);
        let [a0, a1, a2, a3] = self.any;
        let [f0, f1, f2, f3] = *facts;
        // The outcomes first: a candidate rule most often lacks one it
        // requires, and then the contact's words are never read.
        ((f0 & m0) ^ v0) | ((f1 & m1) ^ v1) == 0
            && ((f2 & m2) ^ v2) | ((f3 & m3) ^ v3) == 0
            && (!self.any_needed || (a0 & f0) | (a1 & f1) | (a2 & f2) | (a3 & f3) != 0)
    }
}

/// A term as it is built, before its "at least one of" masks are filed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Draft {
    require: FactWords,
    forbid: FactWords,
    any: Vec<FactWords>,
}

impl Draft {
    /// Both `self` and `other`; `None` when they cannot both hold.
    fn and(&self, other: &Draft) -> Option<Draft> {
        let mut d = self.clone();
        for k in 0..WORDS {
            d.require[k] |= other.require[k];
            d.forbid[k] |= other.forbid[k];
            if d.require[k] & d.forbid[k] != 0 {
                return None;
            }
        }
        d.any.extend(other.any.iter().copied());
        Some(d)
    }
}

/// A leaf of a condition as bits: it holds when `mask` meets a set bit.
/// `one_hot` gives the field's bits when exactly one of them is always set.
struct Leaf {
    mask: FactWords,
    one_hot: Option<Field>,
}

/// The most terms a condition compiles to; a longer list stays a tree.
const MAX_TERMS: usize = 16;

/// The deepest nesting of `all` and `any` compiled to terms; a deeper
/// condition stays a tree, which keeps compiling within a small stack.
const MAX_DEPTH: u8 = 16;

/// How a compiled condition is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// By walking its tree.
    Tree,
    /// By its terms: `len` of them from `start`.
    Terms { start: u32, len: u32 },
    /// By one term with at most one "at least one of" mask, as most
    /// conditions are: the `i`th [`SingleTerm`].
    Single(u32),
}

/// The masks of every condition of a policy.
#[derive(Debug, Clone, Default)]
pub(crate) struct Masks {
    terms: Vec<Term>,
    singles: Vec<SingleTerm>,
    any: Vec<FactWords>,
    numeric: Vec<Numeric>,
}

impl Masks {
    /// The facts of one plan, from the outcomes found and the contact, with
    /// intoxication as decisions read it.
    pub(crate) fn facts(
        &self,
        outcomes: OutcomeSet,
        contact: &Contact,
        intoxicated: YesNoNotKnown,
    ) -> FactWords {
        let [low, high] = outcome_words(outcomes);
        let setting = contact.setting();
        let contact_facts = SETTING.bit(setting as u32)
            | SETTING_CLASS.bit(setting.class() as u32)
            | TIME.bit(contact.time_available() as u32)
            | PREGNANT.bit(contact.pregnant() as u32)
            | INTOXICATED.bit(intoxicated as u32)
            | INTOXICATION_RECORDED.bit(contact.intoxicated() as u32)
            | SEX.bit(contact.sex() as u32)
            | AGE_BAND.bit(contact.age().band() as u32);
        let comorbidities = contact.comorbidities();
        #[expect(
            clippy::cast_possible_truncation,
            reason = "the none bit is the field's last, below 64"
        )]
        let presenting = contact
            .presenting_condition()
            .map_or(PresentingCondition::ALL.len() as u32, |p| p as u32);
        let mut health_facts = PRESENTING.bit(presenting)
            | DIABETES.bit(diabetes_kind(comorbidities.diabetes) as u32)
            | HYPERTENSION.bit(comorbidities.hypertension as u32)
            | EATING_DISORDER.bit(comorbidities.eating_disorder as u32)
            | PRIORITY_GROUPS.of(u64::from(contact.priority_groups().bits()));
        for (i, n) in (0..).zip(&self.numeric) {
            if n.holds(contact) {
                health_facts |= NUMERIC.bit(i);
            }
        }
        [low, high, contact_facts, health_facts]
    }

    /// Whether any of the `len` terms from `start` holds for `facts`.
    pub(crate) fn holds(&self, start: u32, len: u32, facts: &FactWords) -> bool {
        let (s, e) = (start as usize, start as usize + len as usize);
        self.terms.get(s..e).unwrap_or(&[]).iter().any(|t| {
            words_hold(facts, &t.mask, &t.value) && (t.any_len == 0 || self.any_met(t, facts))
        })
    }

    /// The `i`th condition read by a [`SingleTerm`].
    pub(crate) fn single(&self, i: u32) -> Option<&SingleTerm> {
        self.singles.get(i as usize)
    }

    /// Whether each "at least one of" mask of term `t` meets a set bit.
    fn any_met(&self, t: &Term, facts: &FactWords) -> bool {
        let (s, e) = (
            t.any_start as usize,
            t.any_start as usize + t.any_len as usize,
        );
        self.any
            .get(s..e)
            .unwrap_or(&[])
            .iter()
            .all(|m| facts.iter().zip(m).any(|(f, m)| f & m != 0))
    }

    /// Compiles the condition rooted at `root`, read through `node` and
    /// `kids`, to terms; `Form::Tree` when it would take too many.
    pub(crate) fn compile(
        &mut self,
        root: u32,
        node: &dyn Fn(u32) -> Node,
        kids: &dyn Fn(u32, u32) -> Vec<u32>,
    ) -> Form {
        let numeric_before = self.numeric.len();
        let Some(drafts) = self.drafts(root, false, MAX_DEPTH, node, kids) else {
            self.numeric.truncate(numeric_before);
            return Form::Tree;
        };
        if let [d] = drafts.as_slice()
            && d.any.len() <= 1
            && let Ok(i) = u32::try_from(self.singles.len())
        {
            self.singles
                .push(SingleTerm::new(d.require, d.forbid, d.any.first().copied()));
            return Form::Single(i);
        }
        let (Ok(start), Ok(len)) = (u32::try_from(self.terms.len()), u32::try_from(drafts.len()))
        else {
            return Form::Tree;
        };
        for d in drafts {
            let (Ok(any_start), Ok(any_len)) =
                (u32::try_from(self.any.len()), u32::try_from(d.any.len()))
            else {
                return Form::Tree;
            };
            self.any.extend(d.any);
            self.terms
                .push(Term::new(d.require, d.forbid, any_start, any_len));
        }
        Form::Terms { start, len }
    }

    /// The terms of node `i`, or of its negation; `None` when there would be
    /// too many, too many numeric tests, or `all`s and `any`s nested deeper
    /// than `depth`.
    fn drafts(
        &mut self,
        mut i: u32,
        mut negated: bool,
        depth: u8,
        node: &dyn Fn(u32) -> Node,
        kids: &dyn Fn(u32, u32) -> Vec<u32>,
    ) -> Option<Vec<Draft>> {
        let constant = |holds: bool| {
            Some(if holds {
                vec![Draft::default()]
            } else {
                vec![]
            })
        };
        // A chain of `not`s is read without recursing, however long.
        while let Node::Not(k) = node(i) {
            (i, negated) = (k, !negated);
        }
        let n = node(i);
        let depth = match n {
            Node::All { .. } | Node::Any { .. } => depth.checked_sub(1)?,
            _ => depth,
        };
        match n {
            Node::Const(b) | Node::PathwayState(b) => constant(b != negated),
            // `all`, or the negation of `any`: every child (negated) holds.
            Node::All { start, len } | Node::Any { start, len }
                if matches!(n, Node::All { .. }) != negated =>
            {
                let mut product = vec![Draft::default()];
                for k in kids(start, len) {
                    let next = self.drafts(k, negated, depth, node, kids)?;
                    let mut joined = Vec::new();
                    for a in &product {
                        for b in &next {
                            if let Some(d) = a.and(b)
                                && !joined.contains(&d)
                            {
                                joined.push(d);
                            }
                        }
                        if joined.len() > MAX_TERMS {
                            return None;
                        }
                    }
                    product = joined;
                }
                Some(product)
            }
            // `any`, or the negation of `all`: some child (negated) holds.
            Node::All { start, len } | Node::Any { start, len } => {
                let mut sum: Vec<Draft> = Vec::new();
                for k in kids(start, len) {
                    for d in self.drafts(k, negated, depth, node, kids)? {
                        if !sum.contains(&d) {
                            sum.push(d);
                        }
                    }
                    if sum.len() > MAX_TERMS {
                        return None;
                    }
                }
                Some(sum)
            }
            // Below the threshold is the negation of "at least".
            Node::AgeBelow(a) => self.numeric_draft(Numeric::AgeAtLeast(a), !negated),
            Node::AgeAtLeast(a) => self.numeric_draft(Numeric::AgeAtLeast(a), negated),
            Node::Type2Within(y) => self.numeric_draft(Numeric::Type2Within(y), negated),
            Node::BariatricWithin(y) => self.numeric_draft(Numeric::BariatricWithin(y), negated),
            leaf => {
                let leaf = fact_leaf(leaf)?;
                Some(vec![literal(&leaf, negated)])
            }
        }
    }

    /// The term for numeric test `n`, or for its negation.
    fn numeric_draft(&mut self, n: Numeric, negated: bool) -> Option<Vec<Draft>> {
        let i = match self.numeric.iter().position(|m| *m == n) {
            Some(i) => i,
            None if self.numeric.len() < MAX_NUMERIC => {
                self.numeric.push(n);
                self.numeric.len() - 1
            }
            None => return None,
        };
        let bit = NUMERIC.in_words(NUMERIC.bit(u32::try_from(i).ok()?));
        Some(vec![literal(
            &Leaf {
                mask: bit,
                one_hot: None,
            },
            negated,
        )])
    }
}

/// The term for `leaf`, or for its negation.
fn literal(leaf: &Leaf, negated: bool) -> Draft {
    let mut d = Draft::default();
    let bits: u32 = leaf.mask.iter().map(|w| w.count_ones()).sum();
    match leaf.one_hot {
        // Meeting no bit of the mask.
        _ if negated => d.forbid = leaf.mask,
        _ if bits == 1 => d.require = leaf.mask,
        // Exactly one bit of the field is set: it is in the mask when none
        // of the field's other bits is.
        Some(field) => {
            let mut others = field.in_words(field.all());
            for (o, m) in others.iter_mut().zip(leaf.mask) {
                *o &= !m;
            }
            d.forbid = others;
        }
        None => d.any.push(leaf.mask),
    }
    d
}

/// A leaf testing one fact of the contact or the outcomes found, as bits;
/// `None` for a node that is not such a leaf.
fn fact_leaf(n: Node) -> Option<Leaf> {
    let one_hot = |field: Field, m: u64| Leaf {
        mask: field.in_words(field.of(m)),
        one_hot: Some(field),
    };
    Some(match n {
        Node::AnyOutcome(s) => {
            let bits = s.bits();
            #[expect(
                clippy::cast_possible_truncation,
                reason = "the outcome bits are split into two words on purpose"
            )]
            let mask = [bits as u64, (bits >> 64) as u64, 0, 0];
            Leaf {
                mask,
                one_hot: None,
            }
        }
        Node::Setting(m) => one_hot(SETTING, u64::from(m)),
        Node::SettingClass(m) => one_hot(SETTING_CLASS, u64::from(m)),
        Node::TimeAtLeast(t) => {
            // Every length of time at least `t`.
            let at_least = TimeAvailable::ALL
                .iter()
                .filter(|v| **v as u8 >= t)
                .fold(0, |m, v| m | 1 << (*v as u8));
            one_hot(TIME, at_least)
        }
        Node::Pregnant(m) => one_hot(PREGNANT, u64::from(m)),
        Node::Intoxicated(m) => one_hot(INTOXICATED, u64::from(m)),
        Node::IntoxicationRecorded(m) => one_hot(INTOXICATION_RECORDED, u64::from(m)),
        Node::Sex(m) => one_hot(SEX, u64::from(m)),
        Node::AgeBand(m) => one_hot(AGE_BAND, u64::from(m)),
        Node::Presenting(m) => one_hot(PRESENTING, u64::from(m)),
        Node::Diabetes(m) => one_hot(DIABETES, u64::from(m)),
        Node::Hypertension(m) => one_hot(HYPERTENSION, u64::from(m)),
        Node::EatingDisorder(m) => one_hot(EATING_DISORDER, u64::from(m)),
        Node::PriorityGroup(m) => {
            // No group named means any group at all.
            let groups = if m == 0 {
                PRIORITY_GROUPS.all() >> PRIORITY_GROUPS.shift
            } else {
                u64::from(m)
            };
            Leaf {
                mask: PRIORITY_GROUPS.in_words(PRIORITY_GROUPS.of(groups)),
                one_hot: None,
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{Age, Comorbidities, ContactFields, PriorityGroups};
    use crate::outcome::Outcome;
    use crate::policy::Policy;
    use crate::policy::condition::{Conditions, PathwayFacts};
    use crate::policy::document::{Condition, DiabetesIs};
    use proptest::prelude::*;
    use proptest::sample::{select, subsequence};

    /// Two pathways: one open now, one that exists but is closed.
    struct Pathways;
    impl PathwayFacts for Pathways {
        fn pathway(&self, id: &str) -> Option<(bool, bool)> {
            match id {
                "open" => Some((true, true)),
                "closed" => Some((true, false)),
                _ => None,
            }
        }
    }

    fn some_of<T: Copy + std::fmt::Debug + 'static>(all: &[T]) -> impl Strategy<Value = Vec<T>> {
        subsequence(all.to_vec(), 0..=all.len())
    }

    const DIABETES_IS: [DiabetesIs; 4] = [
        DiabetesIs::None,
        DiabetesIs::Type1,
        DiabetesIs::Type2,
        DiabetesIs::NotKnown,
    ];

    /// Any leaf a policy can write.
    fn leaf() -> impl Strategy<Value = Condition> {
        prop_oneof![
            Just(Condition::Always),
            select(Outcome::ALL).prop_map(Condition::Outcome),
            some_of(Outcome::ALL).prop_map(Condition::AnyOutcome),
            some_of(&Setting::ALL).prop_map(Condition::Setting),
            some_of(&SettingClass::ALL).prop_map(Condition::SettingClass),
            select(&TimeAvailable::ALL[..]).prop_map(Condition::TimeAvailableAtLeast),
            some_of(&Pregnancy::ALL).prop_map(Condition::Pregnant),
            some_of(&YesNoNotKnown::ALL).prop_map(Condition::Intoxicated),
            some_of(&YesNoNotKnown::ALL).prop_map(Condition::IntoxicationRecorded),
            some_of(&Sex::ALL).prop_map(Condition::Sex),
            (0u8..=125).prop_map(Condition::AgeAtLeast),
            (0u8..=125).prop_map(Condition::AgeBelow),
            some_of(&AgeBand::ALL).prop_map(Condition::AgeBand),
            some_of(&PresentingCondition::ALL).prop_map(Condition::PresentingCondition),
            some_of(&PriorityGroup::ALL).prop_map(Condition::PriorityGroup),
            select(vec!["open", "closed", "unknown"])
                .prop_map(|p| Condition::PathwayExists(p.to_owned())),
            select(vec!["open", "closed", "unknown"])
                .prop_map(|p| Condition::PathwayAvailableNow(p.to_owned())),
            some_of(&DIABETES_IS).prop_map(Condition::Diabetes),
            (0u8..=12).prop_map(Condition::Type2DiabetesWithinYears),
            some_of(&YesNoNotKnown::ALL).prop_map(Condition::Hypertension),
            some_of(&EatingDisorder::ALL).prop_map(Condition::EatingDisorder),
            (0u8..=12).prop_map(Condition::BariatricSurgeryWithinYears),
        ]
    }

    /// Any condition, nested a few levels deep.
    fn condition() -> impl Strategy<Value = Condition> {
        leaf().prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Condition::All),
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Condition::Any),
                inner.prop_map(|c| Condition::Not(Box::new(c))),
            ]
        })
    }

    fn years_ago() -> impl Strategy<Value = YearsAgo> {
        prop_oneof![
            (0u8..=12).prop_map(YearsAgo::Years),
            Just(YearsAgo::NotKnown)
        ]
    }

    /// Any contact, with ages clustered where conditions change.
    fn contact() -> impl Strategy<Value = Contact> {
        let comorbidities = (
            prop_oneof![
                Just(Diabetes::None),
                Just(Diabetes::Type1),
                years_ago().prop_map(|diagnosed| Diabetes::Type2 { diagnosed }),
                Just(Diabetes::NotKnown),
            ],
            select(&YesNoNotKnown::ALL[..]),
            select(&EatingDisorder::ALL[..]),
            prop_oneof![
                Just(BariatricSurgery::None),
                years_ago().prop_map(|when| BariatricSurgery::Had { when }),
                Just(BariatricSurgery::NotKnown),
            ],
        )
            .prop_map(
                |(diabetes, hypertension, eating_disorder, bariatric_surgery)| Comorbidities {
                    diabetes,
                    hypertension,
                    eating_disorder,
                    bariatric_surgery,
                },
            );
        (
            prop_oneof![0u32..=20, 0u32..=120],
            select(&Sex::ALL[..]),
            select(&Pregnancy::ALL[..]),
            select(&Setting::ALL[..]),
            select(&TimeAvailable::ALL[..]),
            proptest::option::of(select(&PresentingCondition::ALL[..])),
            proptest::option::of(select(&YesNoNotKnown::ALL[..])),
            proptest::option::of(some_of(&PriorityGroup::ALL)),
            proptest::option::of(comorbidities),
        )
            .prop_filter_map(
                "a contact Contact::new accepts",
                |(age, sex, pregnant, setting, time, presenting, intoxicated, groups, health)| {
                    let mut f =
                        ContactFields::new(Age::new(age).ok()?, sex, pregnant, setting, time);
                    f.presenting_condition = presenting;
                    f.intoxicated = intoxicated;
                    f.priority_groups = groups.map(|g| g.into_iter().collect::<PriorityGroups>());
                    f.comorbidities = health;
                    Contact::new(f).ok()
                },
            )
    }

    /// A woman of `age`, not pregnant, at a brief general practice contact.
    fn woman_at_general_practice(age: u32) -> Contact {
        Contact::new(ContactFields::new(
            Age::new(age).expect("an age"),
            Sex::Female,
            Pregnancy::No,
            Setting::GeneralPractice,
            TimeAvailable::Brief,
        ))
        .expect("a contact")
    }

    fn outcome_set() -> impl Strategy<Value = OutcomeSet> {
        some_of(Outcome::ALL).prop_map(|os| os.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever a condition says and whoever the contact is, reading it
        /// by its masks gives the answer its tree gives.
        #[test]
        fn masks_read_every_condition_as_its_tree_does(
            conditions in proptest::collection::vec(condition(), 1..8),
            cases in proptest::collection::vec((contact(), outcome_set()), 1..16),
        ) {
            let mut compiled = Conditions::default();
            let roots: Vec<u32> = conditions
                .iter()
                .map(|c| compiled.compile(c, &Pathways, &mut |_| {}))
                .collect();
            for (contact, outcomes) in &cases {
                let facts = compiled.facts(*outcomes, contact);
                for (root, c) in roots.iter().zip(&conditions) {
                    prop_assert_eq!(
                        compiled.eval(*root, &facts),
                        compiled.eval_tree(*root, &facts),
                        "{:?} for {:?} with {:?}", c, contact, outcomes
                    );
                }
            }
        }
    }

    /// Every condition of the national default is read by its masks, and
    /// gives the answer its tree gives for any contact (the proptest below).
    #[test]
    fn the_national_default_is_read_by_masks_throughout() {
        let policy = Policy::national_default_shared().expect("the shipped policy compiles");
        let roots = policy.condition_roots();
        assert!(roots.len() > 100, "{} roots", roots.len());
        for root in roots {
            assert!(
                policy.conditions.is_compiled_to_masks(root),
                "condition {root} is read by its tree"
            );
        }
    }

    proptest! {
        #[test]
        fn the_national_default_reads_as_its_trees(contact in contact(), outcomes in outcome_set()) {
            let policy = Policy::national_default_shared().expect("the shipped policy compiles");
            let facts = policy.conditions.facts(outcomes, &contact);
            for root in policy.condition_roots() {
                prop_assert_eq!(
                    policy.conditions.eval(root, &facts),
                    policy.conditions.eval_tree(root, &facts),
                    "condition {} for {:?} with {:?}", root, contact, outcomes
                );
            }
        }
    }

    proptest! {
        /// The policy check reads a contact's facts once and puts each set
        /// of outcomes in them: that is the same as reading the facts of the
        /// contact with those outcomes, for every condition.
        #[test]
        fn a_contacts_facts_with_other_outcomes_are_its_facts_with_them(
            contact in contact(),
            first in outcome_set(),
            then in outcome_set(),
        ) {
            let policy = Policy::national_default_shared().expect("the shipped policy compiles");
            let moved = policy.conditions.facts(first, &contact).with_outcomes(then);
            let direct = policy.conditions.facts(then, &contact);
            prop_assert_eq!(moved.outcomes, direct.outcomes);
            prop_assert_eq!(moved.intoxicated, direct.intoxicated);
            prop_assert_eq!(moved.words(), direct.words());
            for root in policy.condition_roots() {
                prop_assert_eq!(
                    policy.conditions.eval(root, &moved),
                    policy.conditions.eval(root, &direct)
                );
            }
        }
    }

    /// The conditions of `cases`, each with what the test expects of it,
    /// compiled together, and the root of each.
    fn compile_each<T>(cases: &[(Condition, T)]) -> (Conditions, Vec<u32>) {
        let mut compiled = Conditions::default();
        let roots = cases
            .iter()
            .map(|(c, _)| compiled.compile(c, &Pathways, &mut |_| {}))
            .collect();
        (compiled, roots)
    }

    /// A policy with more numeric tests than the words have bits for reads
    /// the rest by their trees, and every one correctly, at each age either
    /// side of its threshold.
    #[test]
    fn numeric_tests_past_the_bits_are_read_by_their_trees() {
        let mut compiled = Conditions::default();
        let thresholds: Vec<u8> = (1..=80).collect();
        let roots: Vec<u32> = thresholds
            .iter()
            .map(|a| compiled.compile(&Condition::AgeAtLeast(*a), &Pathways, &mut |_| {}))
            .collect();
        let by_masks = roots
            .iter()
            .filter(|r| compiled.is_compiled_to_masks(**r))
            .count();
        assert_eq!(by_masks, MAX_NUMERIC);
        for age in 0..=81 {
            let contact = woman_at_general_practice(age);
            let facts = compiled.facts(OutcomeSet::EMPTY, &contact);
            for (root, a) in roots.iter().zip(&thresholds) {
                assert_eq!(
                    compiled.eval(*root, &facts),
                    age >= u32::from(*a),
                    "aged {age}, at least {a}"
                );
            }
        }
    }

    /// The outcomes past the first 64 are in the second word of the facts:
    /// a condition that requires one, forbids it or accepts it among others
    /// is read as a single term, and holds exactly when it should, whether
    /// the outcome was found or not.
    #[test]
    fn an_outcome_in_the_second_word_is_read_as_its_tree_reads_it() {
        let first = Outcome::ALL[0];
        let last = *Outcome::ALL.last().expect("outcomes");
        assert!(last as usize >= 64, "{last:?} is in the first word");
        // Each condition, and whether it holds with the first outcome found
        // or not, and the last.
        type Holds = fn(bool, bool) -> bool;
        let cases: [(Condition, Holds); 4] = [
            (Condition::Outcome(last), |_, l| l),
            (
                Condition::All(vec![Condition::Outcome(first), Condition::Outcome(last)]),
                |f, l| f && l,
            ),
            (
                Condition::Not(Box::new(Condition::Outcome(last))),
                |_, l| !l,
            ),
            (Condition::AnyOutcome(vec![first, last]), |f, l| f || l),
        ];
        let (compiled, roots) = compile_each(&cases);
        let contact = woman_at_general_practice(40);
        for (with_first, with_last) in [(false, false), (true, false), (false, true), (true, true)]
        {
            let mut outcomes = OutcomeSet::EMPTY;
            if with_first {
                outcomes.insert(first);
            }
            if with_last {
                outcomes.insert(last);
            }
            let facts = compiled.facts(outcomes, &contact);
            for (root, (condition, expected)) in roots.iter().zip(&cases) {
                assert!(compiled.single_term(*root).is_some(), "{condition:?}");
                assert_eq!(
                    compiled.eval(*root, &facts),
                    expected(with_first, with_last),
                    "{condition:?} with {outcomes:?}"
                );
            }
        }
    }

    /// A term reads each word of the facts on its own: a fact it requires,
    /// forbids or accepts in one word is read there even when another word
    /// has the same bit required, forbidden or accepted (an outcome in the
    /// first word and one in the second, 64 apart, are different facts).
    /// Every pair of words, at the lowest, a middle and the highest bit,
    /// read as a single term and as a list of terms.
    #[test]
    fn each_word_of_a_term_is_read_on_its_own() {
        let words_with = |bit: u32, words: &[usize]| {
            let mut w = [0u64; WORDS];
            for &i in words {
                w[i] |= 1 << bit;
            }
            w
        };
        let read = |require, forbid, any: Option<FactWords>, facts: &FactWords| {
            let single = SingleTerm::new(require, forbid, any);
            let masks = Masks {
                terms: vec![Term::new(require, forbid, 0, u32::from(any.is_some()))],
                singles: Vec::new(),
                any: any.into_iter().collect(),
                numeric: Vec::new(),
            };
            let by_single = single.holds(facts);
            assert_eq!(by_single, masks.holds(0, 1, facts), "{facts:?}");
            by_single
        };
        let none = [0u64; WORDS];
        for a in 0..WORDS {
            for b in a + 1..WORDS {
                for bit in [0, 31, 63] {
                    let both = words_with(bit, &[a, b]);
                    let (only_a, only_b) = (words_with(bit, &[a]), words_with(bit, &[b]));
                    // Required in both words: holds only with both set.
                    assert!(read(both, none, None, &both));
                    assert!(!read(both, none, None, &only_a));
                    assert!(!read(both, none, None, &only_b));
                    assert!(!read(both, none, None, &none));
                    // Forbidden in both: holds only with neither set.
                    assert!(read(none, both, None, &none));
                    assert!(!read(none, both, None, &only_a));
                    assert!(!read(none, both, None, &only_b));
                    assert!(!read(none, both, None, &both));
                    // Either accepted: holds with one or both set.
                    assert!(read(none, none, Some(both), &only_a));
                    assert!(read(none, none, Some(both), &only_b));
                    assert!(read(none, none, Some(both), &both));
                    assert!(!read(none, none, Some(both), &none));
                }
            }
        }
    }

    /// A term that both requires and forbids one bit can never hold, whatever
    /// the facts, and however its other bits read: read by the bits it reads
    /// and their values, that bit must not pass for required.
    #[test]
    fn a_term_that_requires_and_forbids_a_bit_never_holds() {
        let bit = |word: usize, b: u32| {
            let mut w = [0u64; WORDS];
            w[word] = 1 << b;
            w
        };
        for word in 0..WORDS {
            let (require, forbid) = (bit(word, 5), bit(word, 5));
            let single = SingleTerm::new(require, forbid, None);
            let masks = Masks {
                terms: vec![Term::new(require, forbid, 0, 0)],
                singles: Vec::new(),
                any: Vec::new(),
                numeric: Vec::new(),
            };
            for facts in [[0u64; WORDS], [u64::MAX; WORDS], bit(word, 5), bit(word, 6)] {
                assert!(!single.holds(&facts), "word {word}, {facts:?}");
                assert!(!masks.holds(0, 1, &facts), "word {word}, {facts:?}");
            }
        }
    }

    /// The term a rule read by its condition stands in with, while the
    /// candidates of its word are tested together, holds whatever the
    /// facts: were it ever to fail, the rule would be dropped before its
    /// condition is read.
    #[test]
    fn the_stand_in_term_holds_for_any_facts() {
        let mut one_bit = [0u64; WORDS];
        one_bit[WORDS - 1] = 1 << 63;
        for facts in [
            [0u64; WORDS],
            [u64::MAX; WORDS],
            one_bit,
            [0x5555_5555_5555_5555; WORDS],
        ] {
            assert!(SingleTerm::ANY.holds(&facts), "{facts:?}");
        }
    }

    /// Every kind of leaf a policy can write is read by masks: none makes
    /// its condition fall back to the tree for want of bits.
    #[test]
    fn every_kind_of_leaf_is_read_by_masks() {
        let leaves = [
            Condition::Always,
            Condition::Outcome(Outcome::ALL[0]),
            Condition::AnyOutcome(Outcome::ALL.to_vec()),
            Condition::Setting(Setting::ALL.to_vec()),
            Condition::SettingClass(SettingClass::ALL.to_vec()),
            Condition::TimeAvailableAtLeast(TimeAvailable::Brief),
            Condition::Pregnant(Pregnancy::ALL.to_vec()),
            Condition::Intoxicated(vec![YesNoNotKnown::Yes]),
            Condition::IntoxicationRecorded(vec![YesNoNotKnown::NotKnown]),
            Condition::Sex(Sex::ALL.to_vec()),
            Condition::AgeAtLeast(16),
            Condition::AgeBelow(18),
            Condition::AgeBand(AgeBand::ALL.to_vec()),
            Condition::PresentingCondition(PresentingCondition::ALL.to_vec()),
            Condition::PriorityGroup(PriorityGroup::ALL.to_vec()),
            // No group named: any group at all.
            Condition::PriorityGroup(Vec::new()),
            Condition::PathwayExists("open".to_owned()),
            Condition::PathwayAvailableNow("closed".to_owned()),
            Condition::Diabetes(DIABETES_IS.to_vec()),
            Condition::Type2DiabetesWithinYears(10),
            Condition::Hypertension(YesNoNotKnown::ALL.to_vec()),
            Condition::EatingDisorder(EatingDisorder::ALL.to_vec()),
            Condition::BariatricSurgeryWithinYears(2),
        ];
        let mut compiled = Conditions::default();
        for leaf in &leaves {
            let root = compiled.compile(leaf, &Pathways, &mut |_| {});
            assert!(compiled.is_compiled_to_masks(root), "{leaf:?}");
        }
    }

    /// A condition is read by masks up to 16 terms and by its tree past
    /// them, whether the terms are an `any`'s or multiply out of an `all`,
    /// and however far past 16 one step takes the list. Read either way, it
    /// holds for the same outcomes.
    #[test]
    fn sixteen_terms_are_read_by_masks_and_more_by_the_tree() {
        let any = |from: usize, n: usize| {
            Condition::Any(
                Outcome::ALL[from..from + n]
                    .iter()
                    .map(|o| Condition::Outcome(*o))
                    .collect(),
            )
        };
        let cases = [
            (any(0, 16), true),
            (any(0, 17), false),
            // 9 terms, then 18.
            (Condition::Any(vec![any(0, 9), any(9, 9)]), false),
            (Condition::All(vec![any(0, 16)]), true),
            (Condition::All(vec![any(0, 17)]), false),
            // 2 × 8.
            (Condition::All(vec![any(0, 2), any(2, 8)]), true),
            // 3 × 6: 6, 12, then 18.
            (Condition::All(vec![any(0, 3), any(3, 6)]), false),
        ];
        let (compiled, roots) = compile_each(&cases);
        let contact = woman_at_general_practice(40);
        for (root, (condition, by_masks)) in roots.iter().zip(&cases) {
            assert_eq!(
                compiled.is_compiled_to_masks(*root),
                *by_masks,
                "{condition:?}"
            );
            for found in [&[0, 2][..], &[1, 5], &[8], &[16], &[17], &[3, 12], &[]] {
                let outcomes: OutcomeSet = found.iter().map(|i| Outcome::ALL[*i]).collect();
                let facts = compiled.facts(outcomes, &contact);
                assert_eq!(
                    compiled.eval(*root, &facts),
                    compiled.eval_tree(*root, &facts),
                    "{condition:?} with {outcomes:?}"
                );
            }
        }
    }

    /// `all`s and `any`s nested 16 deep are read by masks; nested deeper, a
    /// condition is read by its tree, which keeps compiling it within a
    /// small stack.
    #[test]
    fn nesting_past_sixteen_is_read_by_the_tree() {
        let nested = |depth: usize, any: bool| {
            (0..depth).fold(Condition::Outcome(Outcome::ALL[0]), |c, i| {
                if any && i % 2 == 0 {
                    Condition::Any(vec![c, Condition::Outcome(Outcome::ALL[1])])
                } else {
                    Condition::All(vec![c, Condition::Always])
                }
            })
        };
        let mut compiled = Conditions::default();
        for any in [false, true] {
            for (depth, by_masks) in [(15, true), (16, true), (17, false), (40, false)] {
                let root = compiled.compile(&nested(depth, any), &Pathways, &mut |_| {});
                assert_eq!(
                    compiled.is_compiled_to_masks(root),
                    by_masks,
                    "{depth} deep"
                );
            }
        }
    }

    /// A condition that multiplies out past the limit stays a tree, and
    /// still reads correctly.
    #[test]
    fn a_condition_too_long_for_masks_stays_a_tree() {
        let pair = |a, b| Condition::Any(vec![Condition::Outcome(a), Condition::Outcome(b)]);
        let outcomes = Outcome::ALL;
        // Five `any`s of two under an `all`: 32 terms, over the limit.
        let wide = Condition::All(
            (0..5)
                .map(|i| pair(outcomes[2 * i], outcomes[2 * i + 1]))
                .collect(),
        );
        let narrow = Condition::All(vec![pair(outcomes[0], outcomes[1])]);
        let mut compiled = Conditions::default();
        let wide_root = compiled.compile(&wide, &Pathways, &mut |_| {});
        let narrow_root = compiled.compile(&narrow, &Pathways, &mut |_| {});
        assert!(!compiled.is_compiled_to_masks(wide_root));
        assert!(compiled.is_compiled_to_masks(narrow_root));
        let contact = woman_at_general_practice(40);
        let every_other: OutcomeSet = outcomes.iter().step_by(2).take(5).copied().collect();
        let facts = compiled.facts(every_other, &contact);
        assert!(compiled.eval(wide_root, &facts));
        let facts = compiled.facts(OutcomeSet::of(outcomes[1]), &contact);
        assert!(!compiled.eval(wide_root, &facts));
        assert!(compiled.eval(narrow_root, &facts));
    }
}
