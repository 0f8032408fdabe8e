//! Conditions compiled to a flat, allocation-free form, and their evaluation.

use crate::context::{
    ADULT_MIN_AGE, AGE_YEARS, AgeBand, Contact, Diabetes, Pregnancy, PresentingCondition,
    PriorityGroup, Setting, SettingClass, Sex, YOUNG_PERSON_MIN_AGE, YesNoNotKnown,
};
use crate::outcome::{ExclusiveGroup, Outcome, OutcomeSet};
use crate::policy::document::{Condition, DiabetesIs};
use crate::policy::masks::{
    FactWords, Form, Masks, Numeric, SingleTerm, bariatric_within, type_2_within,
};

/// The oldest age a contact can hold, from the one bound that checks it.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "the bound is a whole, positive number of years"
)]
pub(crate) const MAX_AGE: u32 = AGE_YEARS.max() as u32;

/// The first age of each band after the first: where an age-band condition
/// can change.
#[expect(clippy::cast_possible_truncation, reason = "band ages are under 20")]
const AGE_BAND_STARTS: [u8; 2] = [YOUNG_PERSON_MIN_AGE as u8, ADULT_MIN_AGE as u8];

/// What a condition is evaluated against: the outcomes found and the contact.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts<'a> {
    pub outcomes: OutcomeSet,
    pub contact: &'a Contact,
    /// Intoxication as every decision reads it (CLINICAL-REFERENCE §6.10).
    pub intoxicated: YesNoNotKnown,
    /// All of these, as compiled conditions read them.
    words: FactWords,
}

impl Facts<'_> {
    /// The facts as compiled conditions read them.
    pub(crate) const fn words(&self) -> &FactWords {
        &self.words
    }

    /// The same contact's facts with `outcomes` found instead: only the
    /// outcomes' words change, so checking many sets of outcomes against one
    /// contact reads the contact once.
    pub(crate) fn with_outcomes(self, outcomes: OutcomeSet) -> Self {
        let [low, high] = crate::policy::masks::outcome_words(outcomes);
        let mut words = self.words;
        words[0] = low;
        words[1] = high;
        Facts {
            outcomes,
            words,
            ..self
        }
    }
}

/// Intoxication as every decision reads it (CLINICAL-REFERENCE §6.10): in the
/// emergency department `not_known` is read as `yes` (advice deferred,
/// referrals within 24 hours), since intoxication is common there and a wrong
/// "sober" gives advice that cannot land; elsewhere it is rarely recorded and
/// `not_known` is read as `no`, with a note in the plan on what to do if the
/// person seems intoxicated.
pub(crate) fn intoxication_as_read(contact: &Contact) -> YesNoNotKnown {
    match (contact.intoxicated(), contact.setting()) {
        (YesNoNotKnown::NotKnown, Setting::EmergencyDepartment) => YesNoNotKnown::Yes,
        (YesNoNotKnown::NotKnown, _) => YesNoNotKnown::No,
        (known, _) => known,
    }
}

/// One node of a compiled condition. Children of `All` and `Any` are a range in
/// the policy's child-index list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Node {
    Const(bool),
    /// A fact about a pathway, fixed when the policy is compiled. Local service
    /// state (a service absent or closed now) is configuration, not a defect,
    /// so it never makes a condition "never hold".
    PathwayState(bool),
    All {
        start: u32,
        len: u32,
    },
    Any {
        start: u32,
        len: u32,
    },
    Not(u32),
    AnyOutcome(OutcomeSet),
    Setting(u16),
    SettingClass(u8),
    TimeAtLeast(u8),
    Pregnant(u8),
    Intoxicated(u8),
    IntoxicationRecorded(u8),
    Sex(u8),
    AgeAtLeast(u8),
    AgeBelow(u8),
    AgeBand(u8),
    Presenting(u16),
    PriorityGroup(u8),
    Diabetes(u8),
    Type2Within(u8),
    Hypertension(u8),
    EatingDisorder(u8),
    BariatricWithin(u8),
}

/// The compiled conditions of a whole policy.
#[derive(Debug, Clone, Default)]
pub(crate) struct Conditions {
    nodes: Vec<Node>,
    children: Vec<u32>,
    /// How each condition is read, by its root's index: only roots are set.
    forms: Vec<Form>,
    /// The conditions compiled to masks over the facts.
    masks: Masks,
}

/// What a set of conditions looks at, so that coverage checking can enumerate
/// just the facts that can change whether they hold.
#[derive(Debug, Clone, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "one flag per contact fact a condition can read; coverage varies each on its own"
)]
pub(crate) struct Reads {
    /// Every setting mask tested.
    pub setting_masks: Vec<u16>,
    pub pregnant: bool,
    pub intoxicated: bool,
    pub time: bool,
    pub sex: bool,
    pub groups: bool,
    /// Ages at which some condition changes.
    pub age_breaks: Vec<u8>,
    /// Every presenting-condition mask tested.
    pub presenting_masks: Vec<u16>,
    pub diabetes: bool,
    /// Years used by `type_2_diabetes_within_years`.
    pub type_2_years: Vec<u8>,
    pub hypertension: bool,
    pub eating_disorder: bool,
    /// Years used by `bariatric_surgery_within_years`.
    pub bariatric_years: Vec<u8>,
    /// Outcomes tested under a `not`: finding one of them as well can stop a
    /// condition from holding.
    pub negated: OutcomeSet,
}

/// Resolves pathway names to facts known when the policy is compiled.
pub(crate) trait PathwayFacts {
    /// `None` when the pathway is unknown; otherwise (exists, available now).
    fn pathway(&self, id: &str) -> Option<(bool, bool)>;
}

/// The settings, as a mask of setting bits, in the classes of mask `classes`.
fn settings_in_classes(classes: u8) -> u16 {
    Setting::ALL
        .iter()
        .filter(|s| classes & (1 << (s.class() as u8)) != 0)
        .fold(0, |m, s| m | (1 << (*s as u8)))
}

fn mask<T: Copy>(items: &[T], index: impl Fn(T) -> u8) -> u32 {
    items.iter().fold(0, |m, i| m | (1 << index(*i)))
}

const fn yes_no(v: YesNoNotKnown) -> u8 {
    v as u8
}

const fn diabetes_is(d: DiabetesIs) -> u8 {
    d as u8
}

impl Conditions {
    /// Compiles `c`, returning its root index. Unknown pathways are reported
    /// through `unknown` and compile to a pathway that does not exist.
    pub(crate) fn compile(
        &mut self,
        c: &Condition,
        pathways: &dyn PathwayFacts,
        unknown: &mut dyn FnMut(&str),
    ) -> u32 {
        let root = self.compile_node(c, pathways, unknown);
        let (nodes, children) = (&self.nodes, &self.children);
        let node = |i: u32| nodes.get(i as usize).copied().unwrap_or(Node::Const(false));
        let kids = |start: u32, len: u32| {
            let (s, e) = (start as usize, start as usize + len as usize);
            children.get(s..e).unwrap_or(&[]).to_vec()
        };
        let form = self.masks.compile(root, &node, &kids);
        self.forms.resize(self.nodes.len(), Form::Tree);
        if let Some(f) = self.forms.get_mut(root as usize) {
            *f = form;
        }
        root
    }

    /// The facts of one plan, from the outcomes found and the contact.
    pub(crate) fn facts<'a>(&self, outcomes: OutcomeSet, contact: &'a Contact) -> Facts<'a> {
        let intoxicated = intoxication_as_read(contact);
        Facts {
            outcomes,
            contact,
            intoxicated,
            words: self.masks.facts(outcomes, contact, intoxicated),
        }
    }

    #[expect(
        clippy::cast_possible_truncation,
        reason = "node indices fit u32 (a policy is far smaller), and enum discriminants and checked ages fit u8 or u16"
    )]
    fn compile_node(
        &mut self,
        c: &Condition,
        pathways: &dyn PathwayFacts,
        unknown: &mut dyn FnMut(&str),
    ) -> u32 {
        let node = match c {
            Condition::Always => Node::Const(true),
            Condition::All(items) | Condition::Any(items) => {
                let kids: Vec<u32> = items
                    .iter()
                    .map(|i| self.compile_node(i, pathways, unknown))
                    .collect();
                let start = self.children.len() as u32;
                self.children.extend(kids);
                let len = items.len() as u32;
                if matches!(c, Condition::All(_)) {
                    Node::All { start, len }
                } else {
                    Node::Any { start, len }
                }
            }
            Condition::Not(inner) => Node::Not(self.compile_node(inner, pathways, unknown)),
            Condition::Outcome(o) => Node::AnyOutcome(OutcomeSet::of(*o)),
            Condition::AnyOutcome(os) => Node::AnyOutcome(os.iter().copied().collect()),
            Condition::Setting(s) => Node::Setting(mask(s, |x: Setting| x as u8) as u16),
            Condition::SettingClass(c) => {
                Node::SettingClass(mask(c, |x: SettingClass| x as u8) as u8)
            }
            Condition::TimeAvailableAtLeast(t) => Node::TimeAtLeast(*t as u8),
            Condition::Pregnant(v) => Node::Pregnant(mask(v, |x: Pregnancy| x as u8) as u8),
            Condition::Intoxicated(v) => Node::Intoxicated(mask(v, yes_no) as u8),
            Condition::IntoxicationRecorded(v) => Node::IntoxicationRecorded(mask(v, yes_no) as u8),
            Condition::Sex(v) => Node::Sex(mask(v, |x: Sex| x as u8) as u8),
            Condition::AgeAtLeast(a) => Node::AgeAtLeast(*a),
            Condition::AgeBelow(a) => Node::AgeBelow(*a),
            Condition::AgeBand(b) => Node::AgeBand(mask(b, |x: AgeBand| x as u8) as u8),
            Condition::PresentingCondition(p) => {
                Node::Presenting(mask(p, |x: PresentingCondition| x as u8) as u16)
            }
            Condition::PriorityGroup(g) => {
                Node::PriorityGroup(mask(g, |x: PriorityGroup| x as u8) as u8)
            }
            Condition::PathwayExists(id) | Condition::PathwayAvailableNow(id) => {
                if let Some((exists, now)) = pathways.pathway(id) {
                    Node::PathwayState(if matches!(c, Condition::PathwayExists(_)) {
                        exists
                    } else {
                        exists && now
                    })
                } else {
                    // Reported as `unknown_pathway`; compiled as a service
                    // that is absent, so it is not also reported as a
                    // condition that can never hold.
                    unknown(id);
                    Node::PathwayState(false)
                }
            }
            Condition::Diabetes(v) => Node::Diabetes(mask(v, diabetes_is) as u8),
            Condition::Type2DiabetesWithinYears(y) => Node::Type2Within(*y),
            Condition::Hypertension(v) => Node::Hypertension(mask(v, yes_no) as u8),
            Condition::EatingDisorder(v) => {
                Node::EatingDisorder(mask(v, |x: crate::context::EatingDisorder| x as u8) as u8)
            }
            Condition::BariatricSurgeryWithinYears(y) => Node::BariatricWithin(*y),
        };
        self.nodes.push(node);
        (self.nodes.len() - 1) as u32
    }

    fn node(&self, i: u32) -> Node {
        // Indices come only from `compile`, so they are always in range; an
        // impossible miss reads as a condition that does not hold.
        self.nodes
            .get(i as usize)
            .copied()
            .unwrap_or(Node::Const(false))
    }

    fn kids(&self, start: u32, len: u32) -> &[u32] {
        let (s, e) = (start as usize, start as usize + len as usize);
        self.children.get(s..e).unwrap_or(&[])
    }

    /// Evaluates the condition rooted at `root`: by its masks when it was
    /// compiled to them, else by walking its tree.
    pub(crate) fn eval(&self, root: u32, facts: &Facts<'_>) -> bool {
        let by_masks = match self.forms.get(root as usize) {
            Some(Form::Single(i)) => self.masks.single(*i).map(|t| t.holds(&facts.words)),
            Some(Form::Terms { start, len }) => Some(self.masks.holds(*start, *len, &facts.words)),
            _ => None,
        };
        match by_masks {
            Some(holds) => {
                // Every test run in a debug build checks the masks against
                // the tree they were compiled from.
                debug_assert_eq!(
                    holds,
                    self.eval_tree(root, facts),
                    "condition {root} reads differently by its masks"
                );
                holds
            }
            _ => self.eval_tree(root, facts),
        }
    }

    /// The condition rooted at `root` as a [`SingleTerm`], when it is read
    /// by one.
    pub(crate) fn single_term(&self, root: u32) -> Option<SingleTerm> {
        match self.forms.get(root as usize) {
            Some(Form::Single(i)) => self.masks.single(*i).copied(),
            _ => None,
        }
    }

    /// Whether the condition rooted at `root` is read by its masks.
    #[cfg(test)]
    pub(crate) fn is_compiled_to_masks(&self, root: u32) -> bool {
        matches!(
            self.forms.get(root as usize),
            Some(Form::Terms { .. } | Form::Single(_))
        )
    }

    /// Evaluates the condition rooted at `root` by walking its tree.
    pub(crate) fn eval_tree(&self, root: u32, facts: &Facts<'_>) -> bool {
        let contact = facts.contact;
        let has = |m: u8, v: u8| m & (1 << v) != 0;
        match self.node(root) {
            Node::Const(b) | Node::PathwayState(b) => b,
            Node::All { start, len } => self
                .kids(start, len)
                .iter()
                .all(|k| self.eval_tree(*k, facts)),
            Node::Any { start, len } => self
                .kids(start, len)
                .iter()
                .any(|k| self.eval_tree(*k, facts)),
            Node::Not(k) => !self.eval_tree(k, facts),
            Node::AnyOutcome(s) => facts.outcomes.intersects(s),
            Node::Setting(m) => m & (1 << (contact.setting() as u8)) != 0,
            Node::TimeAtLeast(t) => contact.time_available() as u8 >= t,
            Node::Pregnant(m) => has(m, contact.pregnant() as u8),
            Node::SettingClass(m) => has(m, contact.setting().class() as u8),
            Node::Intoxicated(m) => has(m, yes_no(facts.intoxicated)),
            Node::IntoxicationRecorded(m) => has(m, yes_no(contact.intoxicated())),
            Node::Sex(m) => has(m, contact.sex() as u8),
            Node::AgeAtLeast(a) => Numeric::AgeAtLeast(a).holds(contact),
            Node::AgeBelow(a) => !Numeric::AgeAtLeast(a).holds(contact),
            Node::AgeBand(m) => has(m, contact.age().band() as u8),
            Node::Presenting(m) => contact
                .presenting_condition()
                .is_some_and(|p| m & (1 << (p as u16)) != 0),
            Node::PriorityGroup(m) => {
                let groups = contact.priority_groups();
                if m == 0 {
                    !groups.is_empty()
                } else {
                    groups.iter().any(|g| has(m, g as u8))
                }
            }
            Node::Diabetes(m) => has(
                m,
                diabetes_is(diabetes_kind(contact.comorbidities().diabetes)),
            ),
            Node::Type2Within(y) => type_2_within(contact, y),
            Node::Hypertension(m) => has(m, yes_no(contact.comorbidities().hypertension)),
            Node::EatingDisorder(m) => has(m, contact.comorbidities().eating_disorder as u8),
            Node::BariatricWithin(y) => bariatric_within(contact, y),
        }
    }

    /// Outcomes of which at least one must be found for the condition rooted
    /// at `i` to hold, or `None` when it can hold with none of them (it reads
    /// only the contact, or an outcome under `not`). Planning skips a rule
    /// with one mask test when none of these outcomes was found, so rules
    /// about what was not found cost nothing.
    pub(crate) fn needs(&self, i: u32) -> Option<OutcomeSet> {
        match self.node(i) {
            Node::AnyOutcome(s) => Some(s),
            Node::Const(false) => Some(OutcomeSet::EMPTY),
            // Every child must hold: the narrowest child's need will do.
            Node::All { start, len } => self
                .kids(start, len)
                .iter()
                .filter_map(|k| self.needs(*k))
                .min_by_key(|s| s.len()),
            // Some child must hold: each child needs something, or nothing
            // is needed.
            Node::Any { start, len } => self
                .kids(start, len)
                .iter()
                .try_fold(OutcomeSet::EMPTY, |acc, k| {
                    self.needs(*k).map(|s| acc.union(s))
                }),
            _ => None,
        }
    }

    /// Outcomes that must all be found for the condition rooted at `i` to
    /// hold: each outcome the condition tests alone on the way down through
    /// `all`, and those every branch of an `any` requires. Planning skips a
    /// rule whose required outcomes were not all found with one mask test,
    /// before reading its condition.
    pub(crate) fn requires_all(&self, i: u32) -> OutcomeSet {
        match self.node(i) {
            Node::AnyOutcome(s) if s.len() == 1 => s,
            Node::All { start, len } => self
                .kids(start, len)
                .iter()
                .fold(OutcomeSet::EMPTY, |acc, k| acc.union(self.requires_all(*k))),
            Node::Any { start, len } => {
                let mut kids = self.kids(start, len).iter();
                let first = kids
                    .next()
                    .map_or(OutcomeSet::EMPTY, |k| self.requires_all(*k));
                kids.fold(first, |acc, k| acc.intersection(self.requires_all(*k)))
            }
            _ => OutcomeSet::EMPTY,
        }
    }

    /// The outcomes the condition rooted at `i` refers to, anywhere in it.
    pub(crate) fn outcomes_referenced(&self, i: u32) -> OutcomeSet {
        match self.node(i) {
            Node::All { start, len } | Node::Any { start, len } => self
                .kids(start, len)
                .iter()
                .fold(OutcomeSet::EMPTY, |s, k| {
                    s.union(self.outcomes_referenced(*k))
                }),
            Node::Not(k) => self.outcomes_referenced(k),
            Node::AnyOutcome(s) => s,
            _ => OutcomeSet::EMPTY,
        }
    }

    /// Adds to `reads` what the condition rooted at `i` looks at.
    pub(crate) fn reads(&self, i: u32, reads: &mut Reads) {
        self.walk_reads(i, false, reads);
    }

    fn walk_reads(&self, i: u32, negated: bool, r: &mut Reads) {
        match self.node(i) {
            Node::All { start, len } | Node::Any { start, len } => {
                for k in self.kids(start, len) {
                    self.walk_reads(*k, negated, r);
                }
            }
            Node::Not(k) => self.walk_reads(k, true, r),
            Node::AnyOutcome(s) if negated => r.negated = r.negated.union(s),
            Node::Setting(m) => r.setting_masks.push(m),
            Node::SettingClass(m) => r.setting_masks.push(settings_in_classes(m)),
            Node::Pregnant(_) => r.pregnant = true,
            Node::Intoxicated(_) | Node::IntoxicationRecorded(_) => r.intoxicated = true,
            Node::TimeAtLeast(_) => r.time = true,
            Node::Sex(_) => r.sex = true,
            Node::PriorityGroup(_) => r.groups = true,
            Node::AgeAtLeast(a) | Node::AgeBelow(a) => r.age_breaks.push(a),
            Node::AgeBand(_) => r.age_breaks.extend(AGE_BAND_STARTS),
            Node::Presenting(m) => r.presenting_masks.push(m),
            Node::Diabetes(_) => r.diabetes = true,
            Node::Type2Within(y) => {
                r.diabetes = true;
                r.type_2_years.push(y);
            }
            Node::Hypertension(_) => r.hypertension = true,
            Node::EatingDisorder(_) => r.eating_disorder = true,
            Node::BariatricWithin(y) => r.bariatric_years.push(y),
            Node::Const(_) | Node::PathwayState(_) | Node::AnyOutcome(_) => {}
        }
    }

    /// Whether the condition rooted at `i` can be shown never to hold.
    ///
    /// This is a sound but incomplete check: a `true` answer is always right,
    /// while some impossible conditions (most under `not`) go unnoticed.
    pub(crate) fn never_holds(&self, i: u32) -> bool {
        match self.node(i) {
            Node::Const(b) => !b,
            Node::Any { start, len } => self.kids(start, len).iter().all(|k| self.never_holds(*k)),
            Node::Not(k) => matches!(self.node(k), Node::Const(true)),
            Node::All { start, len } => {
                let kids = self.kids(start, len);
                kids.iter().any(|k| self.never_holds(*k)) || self.contradictory(kids)
            }
            Node::AnyOutcome(s) => s.is_empty(),
            Node::Setting(m) | Node::Presenting(m) => m == 0,
            Node::SettingClass(m) => settings_in_classes(m) == 0,
            Node::Pregnant(m)
            | Node::Intoxicated(m)
            | Node::IntoxicationRecorded(m)
            | Node::Sex(m)
            | Node::Diabetes(m)
            | Node::Hypertension(m)
            | Node::EatingDisorder(m)
            | Node::AgeBand(m) => m == 0,
            Node::AgeBelow(a) => a == 0,
            Node::AgeAtLeast(a) => u32::from(a) > MAX_AGE,
            _ => false,
        }
    }

    /// Whether sibling conditions under `all` contradict each other.
    fn contradictory(&self, kids: &[u32]) -> bool {
        let mut setting = u16::MAX;
        let (mut pregnant, mut intoxicated, mut sex) = (u8::MAX, u8::MAX, u8::MAX);
        let (mut diabetes, mut hypertension, mut eating) = (u8::MAX, u8::MAX, u8::MAX);
        let (mut age_min, mut age_below) = (0u32, u32::MAX);
        let mut outcome_sets: Vec<OutcomeSet> = Vec::new();
        for k in kids {
            match self.node(*k) {
                Node::Setting(m) => setting &= m,
                Node::SettingClass(m) => setting &= settings_in_classes(m),
                Node::Pregnant(m) => pregnant &= m,
                Node::Intoxicated(m) => intoxicated &= m,
                Node::Sex(m) => sex &= m,
                Node::Diabetes(m) => diabetes &= m,
                Node::Hypertension(m) => hypertension &= m,
                Node::EatingDisorder(m) => eating &= m,
                Node::AgeAtLeast(a) => age_min = age_min.max(u32::from(a)),
                Node::AgeBelow(a) => age_below = age_below.min(u32::from(a)),
                Node::AnyOutcome(s) => outcome_sets.push(s),
                _ => {}
            }
        }
        // Pregnancy and male sex cannot both be recorded (Contact::new refuses it).
        let male_only = sex == 1 << (Sex::Male as u8);
        let pregnant_only =
            pregnant & !((1 << (Pregnancy::Yes as u8)) | (1 << (Pregnancy::Possible as u8))) == 0;
        setting == 0
            || pregnant == 0
            || intoxicated == 0
            || sex == 0
            || diabetes == 0
            || hypertension == 0
            || eating == 0
            || age_min >= age_below
            || (male_only && pregnant_only)
            || exclusive_clash(&outcome_sets)
    }
}

/// Whether two required outcome sets lie wholly in one exclusive group and share
/// nothing, so both cannot hold for one person.
fn exclusive_clash(sets: &[OutcomeSet]) -> bool {
    let group_of = |s: OutcomeSet| -> Option<ExclusiveGroup> {
        let mut groups = s.iter().map(Outcome::exclusive_group);
        let first = groups.next()??;
        groups.all(|g| g == Some(first)).then_some(first)
    };
    sets.iter().enumerate().any(|(i, a)| {
        sets.iter().skip(i + 1).any(|b| {
            matches!((group_of(*a), group_of(*b)), (Some(x), Some(y)) if x == y)
                && !a.intersects(*b)
        })
    })
}

pub(crate) fn diabetes_kind(d: Diabetes) -> DiabetesIs {
    match d {
        Diabetes::None => DiabetesIs::None,
        Diabetes::Type1 => DiabetesIs::Type1,
        Diabetes::Type2 { .. } => DiabetesIs::Type2,
        Diabetes::NotKnown => DiabetesIs::NotKnown,
    }
}
