//! Which rules can fire for the outcomes found, found without visiting the
//! others: rules are indexed by the outcomes they need, so a rule that tests
//! only outcomes that were not found costs nothing, however many such rules
//! a policy has.

use crate::outcome::{Outcome, OutcomeSet};
use crate::policy::check::CheckedRule;
use crate::policy::condition::Conditions;
use crate::policy::masks::SingleTerm;

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
    /// tests, made without reading the rule.
    single_terms: Vec<Option<SingleTerm>>,
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
            single_terms: rules
                .iter()
                .map(|rule| conditions.single_term(rule.root))
                .collect(),
        };
        // How many rules each outcome's set holds so far.
        let mut filed = vec![0usize; Outcome::ALL.len()];
        for (r, rule) in rules.iter().enumerate() {
            let (word, bit) = (r / 64, 1u64 << (r % 64));
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
        // Where each outcome found starts in `by_outcome`, worked out once
        // rather than for every word of a long policy.
        let mut starts = [0u32; 16];
        let mut found = 0u8;
        let mut more = OutcomeSet::EMPTY;
        for outcome in outcomes.iter() {
            let start = u32::try_from(outcome as usize * self.words).unwrap_or(u32::MAX);
            match starts.get_mut(usize::from(found)) {
                Some(slot) => {
                    *slot = start;
                    found += 1;
                }
                // Rarely more than 16 outcomes at once: the rest are read
                // as the set.
                None => more.insert(outcome),
            }
        }
        let mut candidates = Candidates {
            index: self,
            starts,
            found,
            more,
            word: 0,
            bits: 0,
        };
        candidates.bits = candidates.word_bits();
        candidates
    }

    /// The single term rule `r` fires by, when its condition is read by one
    /// term: testing it is the whole test.
    pub(super) fn single_term(&self, r: usize) -> Option<&SingleTerm> {
        self.single_terms.get(r).and_then(Option::as_ref)
    }
}

/// The rules that may fire for a set of outcomes, as
/// [`RuleIndex::candidates`] finds them, a word of rules at a time.
pub(super) struct Candidates<'a> {
    index: &'a RuleIndex,
    /// Where the first 16 outcomes found start in `by_outcome`, and the
    /// rest of the outcomes found.
    starts: [u32; 16],
    found: u8,
    more: OutcomeSet,
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
        for start in self.starts.iter().take(usize::from(self.found)) {
            bits |= index
                .by_outcome
                .get(*start as usize + word)
                .copied()
                .unwrap_or(0);
        }
        for outcome in self.more.iter() {
            bits |= index
                .by_outcome
                .get(outcome as usize * index.words + word)
                .copied()
                .unwrap_or(0);
        }
        bits
    }
}

impl Iterator for Candidates<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.bits == 0 {
            self.word += 1;
            if self.word >= self.index.words {
                return None;
            }
            self.bits = self.word_bits();
        }
        let bit = self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(self.word * 64 + bit)
    }
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

    fn outcome_sets() -> impl Strategy<Value = OutcomeSet> {
        // Up to 24, so that sets of more than the 16 outcomes whose places
        // the candidates keep are tried too.
        proptest::collection::vec(proptest::sample::select(Outcome::ALL), 0..24)
            .prop_map(|os| os.into_iter().collect())
    }

    proptest! {
        /// Skipping rules by the index never skips one that fires: every
        /// rule of the national default whose condition holds is a
        /// candidate, with all its required outcomes found, and the
        /// candidates come once each, in policy order. A rule tested by
        /// its single term fires exactly when it has its required outcomes
        /// and its condition's tree holds.
        #[test]
        fn the_index_never_skips_a_rule_that_fires(outcomes in outcome_sets()) {
            let policy = Policy::national_default_shared().expect("the shipped policy compiles");
            let candidates: Vec<usize> = policy.rule_index.candidates(outcomes).collect();
            prop_assert!(candidates.windows(2).all(|w| w[0] < w[1]));
            for json in CONTACTS {
                let contact = Contact::from_json(json).expect("a valid contact");
                let facts = policy.conditions.facts(outcomes, &contact);
                for (r, rule) in policy.rules.iter().enumerate() {
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
        let none: Vec<usize> = policy.rule_index.candidates(OutcomeSet::EMPTY).collect();
        for (r, rule) in policy.rules.iter().enumerate() {
            assert_eq!(none.contains(&r), rule.needs.is_none(), "rule {}", rule.id);
        }
        let smoker: Vec<usize> = policy
            .rule_index
            .candidates(OutcomeSet::of(Outcome::CurrentSmoker))
            .collect();
        let stop_smoking = policy
            .rules
            .iter()
            .position(|r| r.requires.contains(Outcome::CurrentSmoker))
            .expect("the national default acts on current smoking");
        assert!(smoker.contains(&stop_smoking));
        assert!(!none.contains(&stop_smoking));
    }
}
