//! The kinds of contact and the sets of outcomes coverage is checked over.
//!
//! A policy covers an outcome that calls for action when, for every contact in
//! which the outcome can be found and whatever else is found with it, some rule
//! relying on the outcome fires. Contacts and outcome sets are finite, so this
//! is checked by enumeration. To keep that small, only the facts that the rules
//! relying on the outcome actually read are varied ([`Reads`]); a fact no such
//! rule reads cannot change whether one of them fires.

use crate::context::{
    Age, BariatricSurgery, Comorbidities, Contact, ContactFields, Diabetes, EatingDisorder,
    FamilyBackground, Pregnancy, PresentingCondition, PriorityGroup, PriorityGroups, Setting, Sex,
    TimeAvailable, YearsAgo, YesNoNotKnown,
};
use crate::instruments::smoking::PregnancyReading;
use crate::outcome::{Outcome, OutcomeSet};
use crate::policy::condition::{MAX_AGE, Reads};

/// An age in each band below the adult one, at which every outcome is
/// checked whether or not a rule reads age (CLINICAL-REFERENCE §8: no adult
/// plan for a child or young person, so a child's outcome must be covered by
/// rules that hold for a child).
const BAND_AGES: [u32; 2] = [12, 16];

/// The age used when no rule reads age.
const TYPICAL_AGE: u32 = 40;

/// Above this many outcomes tested under `not`, each is tried alone rather
/// than in every combination.
const MAX_COMBINED_COMPANIONS: usize = 6;

/// At most this many pairs of contact and outcome set are checked for one
/// outcome, so that a policy reading very many ages or years cannot make
/// checking it run for ever. The national default needs at most about 16 000.
/// Beyond the budget, each numeric fact (age, each comorbidity) is varied on
/// its own rather than in every combination, and what is still too many is
/// cut.
pub(crate) const MAX_CASES: usize = 1 << 15;

/// The settings of each class of setting, as masks of setting bits.
pub(crate) const SETTING_CLASS_MASKS: [u16; 3] = {
    let mut masks = [0u16; 3];
    let mut i = 0;
    while i < Setting::ALL.len() {
        let s = Setting::ALL[i];
        masks[s.class() as usize] |= 1 << (s as u16);
        i += 1;
    }
    masks
};

/// Every answer of a yes/no/not known fact, from the type itself.
const ANSWERS: [YesNoNotKnown; 3] = YesNoNotKnown::ALL;

/// Whether an instrument can give `o` for `contact`, as the outcome table
/// declares ([`Outcome::can_occur`]).
pub(crate) fn possible(o: Outcome, contact: &Contact) -> bool {
    let pregnancy_possible =
        !matches!(PregnancyReading::of(contact), PregnancyReading::NotPregnant);
    o.can_occur(
        contact.age().years(),
        contact.setting(),
        contact.pregnant(),
        pregnancy_possible,
    )
}

/// Whether no two outcomes in `s` belong to the same exclusive group.
fn consistent(s: OutcomeSet) -> bool {
    let mut groups = Vec::new();
    s.iter().filter_map(Outcome::exclusive_group).all(|g| {
        let new = !groups.contains(&g);
        groups.push(g);
        new
    })
}

/// The sets of outcomes to check `o` in: `o` with what it implies, alone and
/// together with the outcomes that the rules relying on it test under `not`.
pub(crate) fn outcome_sets(o: Outcome, reads: &Reads) -> Vec<OutcomeSet> {
    let base = OutcomeSet::of(o).union(o.implies());
    let companions: Vec<Outcome> = reads
        .negated
        .iter()
        .filter(|c| !base.contains(*c) && consistent(base.with(*c)))
        .collect();
    let choices: Vec<OutcomeSet> = if companions.len() <= MAX_COMBINED_COMPANIONS {
        (0u32..1 << companions.len())
            .map(|bits| {
                companions
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .map(|(_, c)| *c)
                    .collect()
            })
            .collect()
    } else {
        std::iter::once(OutcomeSet::EMPTY)
            .chain(companions.iter().map(|c| OutcomeSet::of(*c)))
            .collect()
    };
    choices
        .into_iter()
        .map(|extra| {
            extra
                .iter()
                .fold(base.union(extra), |s, c| s.union(c.implies()))
        })
        .filter(|s| consistent(*s))
        .collect()
}

/// One setting for each group of settings that the conditions cannot tell
/// apart.
fn settings(masks: &[u16]) -> Vec<Setting> {
    one_per_group(Setting::ALL, masks, |s| 1 << (s as u16))
}

/// No presenting condition, and one condition for each group of conditions
/// that the conditions cannot tell apart.
fn presenting(masks: &[u16]) -> Vec<Option<PresentingCondition>> {
    let each = PresentingCondition::ALL.into_iter().map(Some);
    one_per_group(std::iter::once(None).chain(each), masks, |p| {
        p.map_or(0, |p| 1 << (p as u16))
    })
}

/// The first of `items` in each group that every mask in `masks` treats
/// alike, `bit` giving an item's bit in the masks.
fn one_per_group<T: Copy>(
    items: impl IntoIterator<Item = T>,
    masks: &[u16],
    bit: impl Fn(T) -> u16,
) -> Vec<T> {
    let mut seen: Vec<Vec<bool>> = Vec::new();
    let mut out = Vec::new();
    for item in items {
        let signature: Vec<bool> = masks.iter().map(|m| m & bit(item) != 0).collect();
        if !seen.contains(&signature) {
            seen.push(signature);
            out.push(item);
        }
    }
    out
}

/// Each age at which a condition changes, and the year before it, with a
/// typical adult age and an age in each younger band.
fn ages_read(breaks: &[u8]) -> Vec<u32> {
    let mut out = vec![TYPICAL_AGE];
    out.extend(BAND_AGES);
    for b in breaks {
        for a in [u32::from(*b).saturating_sub(1), u32::from(*b)] {
            if a <= MAX_AGE && !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

/// Each year a `within_years` condition changes at, and the year before it.
fn years_around(years: &[u8]) -> impl Iterator<Item = YearsAgo> + '_ {
    years
        .iter()
        .flat_map(|y| [y.saturating_sub(1), *y])
        .map(YearsAgo::Years)
}

fn push_new<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn comorbidities(reads: &Reads, limit: usize) -> Vec<Comorbidities> {
    let none = Comorbidities::NONE;
    let mut diabetes = vec![none.diabetes];
    if reads.diabetes {
        // Each kind, and a type 2 diagnosis this year.
        for d in Diabetes::EACH_KIND
            .into_iter()
            .chain([Diabetes::Type2 {
                diagnosed: YearsAgo::Years(0),
            }])
            .chain(years_around(&reads.type_2_years).map(|diagnosed| Diabetes::Type2 { diagnosed }))
        {
            push_new(&mut diabetes, d);
        }
    }
    let answers = |read: bool| {
        if read {
            ANSWERS.to_vec()
        } else {
            vec![YesNoNotKnown::No]
        }
    };
    let hypertension = answers(reads.hypertension);
    let eating = if reads.eating_disorder {
        EatingDisorder::ALL.to_vec()
    } else {
        vec![EatingDisorder::No]
    };
    let mut bariatric = vec![none.bariatric_surgery];
    if !reads.bariatric_years.is_empty() {
        for b in BariatricSurgery::EACH_KIND
            .into_iter()
            .chain(years_around(&reads.bariatric_years).map(|when| BariatricSurgery::Had { when }))
        {
            push_new(&mut bariatric, b);
        }
    }
    let every = diabetes
        .len()
        .saturating_mul(hypertension.len())
        .saturating_mul(eating.len())
        .saturating_mul(bariatric.len());
    let mut out = Vec::new();
    if every <= limit {
        for &diabetes in &diabetes {
            for &hypertension in &hypertension {
                for &eating_disorder in &eating {
                    for &bariatric_surgery in &bariatric {
                        out.push(Comorbidities {
                            diabetes,
                            hypertension,
                            eating_disorder,
                            bariatric_surgery,
                        });
                    }
                }
            }
        }
    } else {
        // One condition at a time, the others absent.
        out.extend(
            diabetes
                .iter()
                .map(|&diabetes| Comorbidities { diabetes, ..none }),
        );
        out.extend(hypertension.iter().map(|&hypertension| Comorbidities {
            hypertension,
            ..none
        }));
        out.extend(eating.iter().map(|&eating_disorder| Comorbidities {
            eating_disorder,
            ..none
        }));
        out.extend(bariatric.iter().map(|&bariatric_surgery| Comorbidities {
            bariatric_surgery,
            ..none
        }));
    }
    out
}

/// The contacts to check an outcome over: every combination of the values of
/// the facts in `reads` (every setting group, pregnancy answer, and so on),
/// with the facts no rule reads held at one value, up to `limit` of them.
pub(crate) fn contacts(reads: &Reads, limit: usize) -> Vec<Contact> {
    let sexes: &[Sex] = if reads.sex {
        &Sex::ALL
    } else {
        &[Sex::NotKnown]
    };
    let intoxicated: &[YesNoNotKnown] = if reads.intoxicated {
        &ANSWERS
    } else {
        &[YesNoNotKnown::No]
    };
    let times: &[TimeAvailable] = if reads.time {
        &TimeAvailable::ALL
    } else {
        &[TimeAvailable::VeryBrief]
    };
    let groups: Vec<PriorityGroups> = if reads.groups {
        std::iter::once(PriorityGroups::NONE)
            .chain(
                PriorityGroup::ALL
                    .iter()
                    .map(|g| PriorityGroups::NONE.with(*g)),
            )
            .collect()
    } else {
        vec![PriorityGroups::NONE]
    };
    let ages: Vec<Age> = ages_read(&reads.age_breaks)
        .into_iter()
        .filter_map(|a| Age::new(a).ok())
        .collect();
    let comorbidities = comorbidities(reads, limit);
    // Every age with every profile of conditions, or, when that is too many,
    // every age without conditions and every profile at a typical age.
    let people: Vec<(Age, Comorbidities)> =
        if ages.len().saturating_mul(comorbidities.len()) <= limit {
            ages.iter()
                .flat_map(|a| comorbidities.iter().map(move |c| (*a, *c)))
                .collect()
        } else {
            let typical = Age::new(TYPICAL_AGE).ok();
            ages.iter()
                .map(|a| (*a, Comorbidities::NONE))
                .chain(
                    typical
                        .into_iter()
                        .flat_map(|a| comorbidities.iter().map(move |c| (a, *c))),
                )
                .collect()
        };
    let settings = settings(&reads.setting_masks);
    let presenting = presenting(&reads.presenting_masks);

    let mut out = Vec::new();
    for &(age, comorbidities) in &people {
        for &setting in &settings {
            for pregnant in Pregnancy::ALL {
                for &sex in sexes {
                    for &intoxicated in intoxicated {
                        for &time_available in times {
                            for &priority_groups in &groups {
                                for &presenting_condition in &presenting {
                                    if out.len() >= limit {
                                        return out;
                                    }
                                    let fields = ContactFields {
                                        age,
                                        age_in_months: None,
                                        age_confirmed: true,
                                        sex,
                                        pregnant,
                                        family_background: Some(FamilyBackground::NotStated),
                                        setting,
                                        time_available,
                                        presenting_condition,
                                        intoxicated: Some(intoxicated),
                                        priority_groups: Some(priority_groups),
                                        comorbidities: Some(comorbidities),
                                    };
                                    if let Ok(c) = Contact::new(fields) {
                                        out.push(c);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
}
