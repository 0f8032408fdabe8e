//! Which rules can fire for the outcomes found, found without visiting the
//! others: rules are indexed by the outcomes they need, so a rule that tests
//! only outcomes that were not found costs nothing, however many such rules
//! a policy has.

use crate::outcome::{Outcome, OutcomeSet};
use crate::policy::check::CheckedRule;
use crate::policy::condition::Conditions;
use crate::policy::masks::{FactWords, SingleTerm};

/// Rules by the outcomes they need, as bit sets over rules in policy order.
#[derive(Debug, Clone, Default)]
pub(super) struct RuleIndex {
    /// 64-bit words per set of rules.
    words: usize,
    /// For each outcome (bit `i` of an [`OutcomeSet`] is `Outcome::ALL[i]`),
    /// the rules that need it: outcome `i`'s set is the `words` words from
    /// `i * words`.
    by_outcome: Vec<u64>,
    /// The rules that can fire with no outcome found (they read only the
    /// contact, or an outcome under `not`).
    always: Vec<u64>,
    /// For each rule whose condition is read by one term, that term: most
    /// rules are, and then whether a candidate fires is two or three mask
    /// tests, made without reading the rule. A rule read by its condition
    /// has [`SingleTerm::ANY`] here, and its bit in `by_condition`.
    single_terms: Vec<SingleTerm>,
    /// The rules read by their condition rather than a single term, as bits
    /// over rules in policy order.
    by_condition: Vec<u64>,
}

impl RuleIndex {
    /// The index of `rules`, from what each requires
    /// (`CheckedRule::requires`) or, when it requires nothing, needs
    /// (`CheckedRule::needs`), and how each is tested, from `conditions`.
    pub(super) fn new(rules: &[CheckedRule], conditions: &Conditions) -> RuleIndex {
        let words = rules.len().div_ceil(64);
        let mut index = RuleIndex {
            words,
            by_outcome: vec![0; Outcome::ALL.len() * words],
            always: vec![0; words],
            // A rule fires when it has every outcome it requires and its
            // condition holds; the outcomes it requires are read off that
            // condition, so its term requires them too.
            single_terms: Vec::with_capacity(rules.len()),
            by_condition: vec![0; words],
        };
        // How many rules each outcome's set holds so far.
        let mut filed = vec![0usize; Outcome::ALL.len()];
        for (r, rule) in rules.iter().enumerate() {
            let (word, bit) = (r / 64, 1u64 << (r % 64));
            if let Some(term) = conditions.single_term(rule.root) {
                index.single_terms.push(term);
            } else {
                index.single_terms.push(SingleTerm::ANY);
                if let Some(w) = index.by_condition.get_mut(word) {
                    *w |= bit;
                }
            }
            // A rule that requires outcomes all found is filed under one of
            // them, the one with the fewest rules so far: it is a candidate
            // only when that outcome is found, which it needs, so fewer
            // rules are visited than if it were filed under each outcome it
            // may fire on.
            let key = rule
                .requires
                .iter()
                .min_by_key(|o| filed.get(*o as usize).copied().unwrap_or(0));
            let under = match (key, rule.needs) {
                (Some(key), _) => OutcomeSet::of(key),
                (None, Some(needs)) => needs,
                (None, None) => {
                    if let Some(w) = index.always.get_mut(word) {
                        *w |= bit;
                    }
                    continue;
                }
            };
            for outcome in under.iter() {
                if let Some(n) = filed.get_mut(outcome as usize) {
                    *n += 1;
                }
                if let Some(w) = index.by_outcome.get_mut(outcome as usize * words + word) {
                    *w |= bit;
                }
            }
        }
        index
    }

    /// The rules that may fire when `outcomes` are found, in policy order:
    /// each rule that needs one of them, and each that needs none. Each must
    /// still be tested ([`RuleIndex::single_term`], or its condition).
    pub(super) fn candidates(&self, outcomes: OutcomeSet) -> Candidates<'_> {
        let bits = outcomes.bits();
        #[allow(clippy::cast_possible_truncation)] // the two halves, as meant
        let found = [bits as u64, (bits >> 64) as u64];
        let mut candidates = Candidates {
            index: self,
            found,
            word: 0,
            bits: 0,
        };
        candidates.bits = candidates.word_bits();
        candidates
    }

    /// Of the candidates `bits` in the word of rules from `first`, those
    /// that may fire for `facts`: each whose single term holds, and each
    /// read by its condition; and, of those, the ones read by their
    /// condition, which must still be tested. Testing every candidate of a
    /// word in one loop, before any is acted on, keeps that loop to a few
    /// word operations a rule.
    pub(super) fn passing(&self, first: usize, bits: u64, facts: &FactWords) -> (u64, u64) {
        let terms = self.single_terms.get(first..).unwrap_or_default();
        let mut rest = bits;
        let mut passing = 0;
        while rest != 0 {
            let bit = rest.trailing_zeros();
            rest &= rest - 1;
            let holds = terms.get(bit as usize).is_some_and(|t| t.holds(facts));
            passing |= u64::from(holds) << bit;
        }
        let by_condition = self.by_condition.get(first / 64).copied().unwrap_or(0);
        (passing, passing & by_condition)
    }

    /// The single term rule `r` fires by, when its condition is read by one
    /// term: testing it is the whole test. The plan reads the terms a word
    /// at a time ([`RuleIndex::passing`]); the tests read them one by one.
    #[cfg(test)]
    pub(super) fn single_term(&self, r: usize) -> Option<&SingleTerm> {
        let by_condition = self.by_condition.get(r / 64).copied().unwrap_or(0);
        if by_condition & (1 << (r % 64)) == 0 {
            self.single_terms.get(r)
        } else {
            None
        }
    }
}

/// The rules that may fire for a set of outcomes, as
/// [`RuleIndex::candidates`] finds them, a word of rules at a time: each
/// word as the index of its first rule and the bits of its candidates.
pub(super) struct Candidates<'a> {
    index: &'a RuleIndex,
    /// The outcomes found, as the two halves of their [`OutcomeSet`]'s bits.
    found: [u64; 2],
    /// The word of rules being read, and its candidates not yet given.
    word: usize,
    bits: u64,
}

impl Candidates<'_> {
    /// The candidates in word `self.word`.
    fn word_bits(&self) -> u64 {
        let index = self.index;
        let word = self.word;
        let mut bits = index.always.get(word).copied().unwrap_or(0);
        // Only the outcomes found are visited, by their bits.
        for (half, found) in (0..).step_by(64).zip(self.found) {
            let mut outcomes = found;
            while outcomes != 0 {
                let outcome = half + outcomes.trailing_zeros() as usize;
                outcomes &= outcomes - 1;
                bits |= index
                    .by_outcome
                    .get(outcome * index.words + word)
                    .copied()
                    .unwrap_or(0);
            }
        }
        bits
    }
}

impl Iterator for Candidates<'_> {
    type Item = (usize, u64);

    fn next(&mut self) -> Option<(usize, u64)> {
        while self.bits == 0 {
            self.word += 1;
            if self.word >= self.index.words {
                return None;
            }
            self.bits = self.word_bits();
        }
        let bits = std::mem::take(&mut self.bits);
        Some((self.word * 64, bits))
    }
}

/// The rules in a word of bits whose first rule is `first`, in policy order.
pub(super) fn rules_in(first: usize, bits: u64) -> impl Iterator<Item = usize> {
    let mut rest = bits;
    std::iter::from_fn(move || {
        let bit = rest.trailing_zeros() as usize;
        rest &= rest.checked_sub(1)?;
        Some(first + bit)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::context::Contact;
    use crate::outcome::{Outcome, OutcomeSet};
    use crate::policy::Policy;

    /// Contacts that read differently through the rules' contact tests: a
    /// child, a pregnant woman, an intoxicated adult in the emergency
    /// department, and someone in a priority group at a pharmacy.
    const CONTACTS: [&str; 4] = [
        r#"{"age": 9, "age_confirmed": true, "sex": "male", "pregnant": "no", "setting": "emergency_department", "time_available": "brief", "presenting_condition": "head_injury"}"#,
        r#"{"age": 29, "sex": "female", "pregnant": "yes", "setting": "maternity", "time_available": "brief"}"#,
        r#"{"age": 58, "sex": "male", "pregnant": "no", "setting": "emergency_department", "time_available": "very_brief", "presenting_condition": "fall", "intoxicated": "yes"}"#,
        r#"{"age": 44, "sex": "not_known", "pregnant": "not_known", "setting": "community_pharmacy", "time_available": "very_brief", "priority_groups": ["severe_mental_illness"]}"#,
    ];

    /// The candidates for `outcomes`, in the order the plan visits them.
    fn candidates(policy: &Policy, outcomes: OutcomeSet) -> Vec<usize> {
        policy
            .rule_index
            .candidates(outcomes)
            .flat_map(|(first, bits)| super::rules_in(first, bits))
            .collect()
    }

    fn outcome_sets() -> impl Strategy<Value = OutcomeSet> {
        // Up to 24 at once, more than a contact finds, from both halves of
        // the set's bits.
        proptest::collection::vec(proptest::sample::select(Outcome::ALL), 0..24)
            .prop_map(|os| os.into_iter().collect())
    }

    proptest! {
        /// Skipping rules by the index never skips one that fires: every
        /// rule of the national default whose condition holds is a
        /// candidate, with all its required outcomes found, and the
        /// candidates come once each, in policy order. A rule tested by
        /// its single term fires exactly when it has its required outcomes
        /// and its condition's tree holds. A word of candidates tested at
        /// once passes exactly those whose terms hold and those read by
        /// their conditions, and marks only the latter to be tested, so
        /// that each fires exactly when its outcomes and condition say.
        #[test]
        fn the_index_never_skips_a_rule_that_fires(outcomes in outcome_sets()) {
            let policy = Policy::national_default_shared().expect("the shipped policy compiles");
            let candidates = candidates(policy, outcomes);
            prop_assert!(candidates.windows(2).all(|w| w[0] < w[1]));
            for json in CONTACTS {
                let contact = Contact::from_json(json).expect("a valid contact");
                let facts = policy.conditions.facts(outcomes, &contact);
                // A word's candidates pass by their terms, and those read by
                // their conditions are marked to be tested.
                for (first, bits) in policy.rule_index.candidates(outcomes) {
                    let (passing, by_condition) = policy.rule_index.passing(first, bits, facts.words());
                    prop_assert_eq!(passing & !bits, 0, "only candidates pass");
                    prop_assert_eq!(by_condition & !passing, 0, "only what passes is tested");
                    for r in super::rules_in(first, bits) {
                        let bit = 1u64 << (r - first);
                        let rule = &policy.rules[r];
                        let fires = rule.requires.is_subset(outcomes)
                            && policy.conditions.eval_tree(rule.root, &facts);
                        match policy.rule_index.single_term(r) {
                            Some(term) => {
                                prop_assert_eq!(passing & bit != 0, term.holds(facts.words()), "rule {}", &rule.id);
                                prop_assert_eq!(by_condition & bit, 0, "rule {} is read by its term", &rule.id);
                            }
                            None => prop_assert_ne!(by_condition & bit, 0, "rule {} is read by its condition", &rule.id),
                        }
                        prop_assert_eq!(
                            passing & bit != 0 && (by_condition & bit == 0 || fires),
                            fires,
                            "rule {} fires as its outcomes and condition say", &rule.id
                        );
                    }
                }
                for (r, rule) in policy.rules.iter().enumerate() {
                    prop_assert_eq!(
                        policy.rule_index.single_term(r).is_some(),
                        policy.conditions.single_term(rule.root).is_some(),
                        "rule {} is read by a single term exactly when its condition is one", &rule.id
                    );
                    let fires = rule.requires.is_subset(outcomes)
                        && policy.conditions.eval_tree(rule.root, &facts);
                    if let Some(term) = policy.rule_index.single_term(r) {
                        prop_assert_eq!(term.holds(facts.words()), fires, "rule {} by its term", &rule.id);
                    }
                    if policy.conditions.eval(rule.root, &facts) {
                        prop_assert!(candidates.contains(&r), "rule {} fires but is skipped", rule.id);
                        prop_assert!(rule.requires.is_subset(outcomes), "rule {} fires without {:?}", rule.id, rule.requires);
                    }
                }
            }
        }
    }

    /// Most of the national default's rules are tested by a single term,
    /// without reading the rule: the plan's speed rests on it.
    #[test]
    fn most_rules_are_tested_by_a_single_term() {
        let policy = Policy::national_default_shared().expect("the shipped policy compiles");
        let single = (0..policy.rules.len())
            .filter(|r| policy.rule_index.single_term(*r).is_some())
            .count();
        assert!(
            single * 4 >= policy.rules.len() * 3,
            "{single} of {} rules",
            policy.rules.len()
        );
    }

    /// A rule that needs an outcome is not a candidate without it, and one
    /// that reads only the contact always is.
    #[test]
    fn rules_are_candidates_only_with_what_they_need() {
        let policy = Policy::national_default_shared().expect("the shipped policy compiles");
        let none = candidates(policy, OutcomeSet::EMPTY);
        for (r, rule) in policy.rules.iter().enumerate() {
            assert_eq!(none.contains(&r), rule.needs.is_none(), "rule {}", rule.id);
        }
        let smoker = candidates(policy, OutcomeSet::of(Outcome::CurrentSmoker));
        let stop_smoking = policy
            .rules
            .iter()
            .position(|r| r.requires.contains(Outcome::CurrentSmoker))
            .expect("the national default acts on current smoking");
        assert!(smoker.contains(&stop_smoking));
        assert!(!none.contains(&stop_smoking));
    }
}
