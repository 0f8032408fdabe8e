//! Properties of every plan, over generated contacts (every setting, every
//! pregnancy state) and answers (CLINICAL-REFERENCE §6): a declined offer is
//! never a referral, kinds, pathways and texts agree, the contact keeps to
//! its time, what the person reads is plain and addressed to them, the same
//! input gives the same plan, and nobody who cannot be pregnant is told
//! what to do if they are.
//!
//! A plain test at the end reads every person text the national default
//! policy can give, rule texts, their variants and the engine's templates.
mod common;

use common::documents::{any_answers_json, any_contact_json};
use mecc::context::{Contact, Pregnancy, SettingClass, Sex, TimeAvailable};
use mecc::outcome::Outcome;
use mecc::policy::{
    ActionKind, Adjustment, Policy, PolicyDocument, ReferralMode, Response, ResponseStatus,
    Templates, Urgency,
};
use mecc::{Answers, Assessment, assess_with};
use proptest::prelude::*;
use serde_json::Value;

fn national() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| Policy::national_default().unwrap())
}

/// The contact and answers, when they read and agree (generated answers can
/// contradict each other or the contact, and those are refused by design).
fn read(contact: &Value, answers: &Value) -> Option<(Contact, Answers)> {
    let contact: Contact = serde_json::from_value(contact.clone()).ok()?;
    let answers: Answers = serde_json::from_value(answers.clone()).ok()?;
    mecc::assess(&contact, &answers, national()).ok()?;
    Some((contact, answers))
}

fn plan_with(contact: &Contact, answers: &Answers, responses: &[Response]) -> Assessment {
    assess_with(contact, answers, national(), responses)
        .unwrap_or_else(|e| panic!("responses {responses:?} refused: {e}"))
}

/// Whether `x` is a second offer of the declined service that the first plan
/// already had, in some form, under its own id: a referral from another rule
/// on the same topic, to the same service, in another mode or with another
/// urgency (so not merged with the declined one), or a signpost made an
/// active offer for a priority group (which a very brief contact may have
/// moved out in the first plan, and which returns once the decline frees the
/// time). The engine keeps these after the decline of the other: for example
/// a pregnant ex-smoker in a community pharmacy who declines the stop smoking
/// service offered after a CO reading of 4 ppm is still offered
/// relapse-prevention referral to the same service, and the other way round.
/// They are let through here so that the property checks everything else;
/// once a decline covers every offer of the service on its topic, this
/// exception goes.
fn second_offer_already_there(x: &mecc::policy::Action, first: &Assessment) -> bool {
    first.plan.iter().any(|y| y.id == x.id)
}

fn declined(id: &str) -> Response {
    Response {
        action: id.to_string(),
        status: ResponseStatus::Declined,
        reason: None,
    }
}

/// Each action as `id kind rule [-> pathway]`, for failure messages.
fn lines(a: &Assessment) -> Vec<String> {
    a.plan
        .iter()
        .map(|x| {
            let to = x
                .pathway
                .as_ref()
                .map_or(String::new(), |p| format!(" -> {}", p.id));
            format!("{} {:?} {}{to}", x.id, x.kind, x.reason.rule)
        })
        .collect()
}

/// The budget of CLINICAL-REFERENCE §6.3, in seconds.
fn budget_s(time: TimeAvailable) -> u32 {
    match time {
        TimeAvailable::VeryBrief => 120,
        TimeAvailable::Brief => 600,
        _ => 1_800,
    }
}

/// Whether the time budget may move the action (CLINICAL-REFERENCE §6.3):
/// advice, non-urgent opt-in referrals, signposts and asks, unless the engine
/// already moved them. Safety alerts, records, opt-out and urgent referrals,
/// follow-ups, deferrals and leaflets (the fallback for moved advice) stay.
fn movable(x: &mecc::policy::Action) -> bool {
    let kind = match x.kind {
        ActionKind::Advice | ActionKind::Signpost | ActionKind::Ask => true,
        ActionKind::Referral => {
            x.mode != Some(ReferralMode::OptOut)
                && !matches!(x.urgency, Some(Urgency::Now | Urgency::Within24Hours))
        }
        _ => false,
    };
    kind && !x.reason.adjustments.contains(Adjustment::NeedsMoreTime)
}

/// Words a person's text never has: clinical jargon and instrument names
/// (CLINICAL-REFERENCE §6.7). Matched case-insensitively, as parts of words
/// (so "assess" also finds "assessment").
const JARGON: [&str; 11] = [
    "thiamine",
    "withdrawal",
    "assess",
    "opt-out",
    "opt out",
    "dependence",
    "dependent",
    "intervention",
    "practitioner",
    "the patient",
    "clinician",
];

/// Names a person's text never has, matched as whole words with their case:
/// the instruments, the Chief Medical Officers and the service tiers.
const NAMES: [&str; 6] = ["AUDIT", "PAT", "FAST", "GPPAQ", "CMO", "tier"];

/// Words that speak about the person to a member of staff, where a person's
/// text speaks to them ("you"): third-person pronouns for the person, matched
/// as whole words, case-insensitively. "they", "them" and "their" alone are
/// allowed, since a person's text uses them for a service ("Here are their
/// details") or for other people ("to help them stop"); [`STAFF_PHRASES`]
/// catches them where they stand for the person.
const TO_STAFF: [&str; 5] = ["she", "her", "he", "him", "his"];

/// Phrases, in lower case, that give staff an instruction about the person
/// or speak of the person in the third person. ("they are" alone is not one:
/// "They are not for young people" speaks of vapes.)
const STAFF_PHRASES: [&str; 13] = [
    "offer them",
    "advise them",
    "refer them",
    "ask them",
    "tell them",
    "give them",
    "the person",
    "their gp",
    "their health",
    "their drinking",
    "their smoking",
    "their weight",
    "if they are pregnant",
];

/// The words of `text`, split on anything but letters, digits, `'` and `-`.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
}

/// What is wrong with a text a person reads (CLINICAL-REFERENCE §6.7): its
/// sentences are at most 25 words, it has no jargon or instrument names, and
/// it speaks to the person, not about them.
fn unreadable(text: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    if text.trim().is_empty() {
        wrong.push("empty".to_string());
    }
    for sentence in text.split(['.', '!', '?', ':', ';']) {
        let n = words(sentence).count();
        if n > 25 {
            wrong.push(format!("a sentence of {n} words: {sentence:?}"));
        }
    }
    let lower = text.to_lowercase();
    for j in JARGON {
        if lower.contains(j) {
            wrong.push(format!("jargon {j:?}"));
        }
    }
    for w in words(text) {
        if NAMES.contains(&w) {
            wrong.push(format!("the name {w:?}"));
        }
        let w = w.to_lowercase();
        if TO_STAFF.contains(&w.as_str()) {
            wrong.push(format!("{w:?}, said to staff"));
        }
    }
    let spaced = format!(" {} ", words(&lower).collect::<Vec<_>>().join(" "));
    for phrase in STAFF_PHRASES {
        if spaced.contains(&format!(" {phrase} ")) {
            wrong.push(format!("{phrase:?}, said to staff"));
        }
    }
    wrong
}

/// Words that tell someone what to do if they are pregnant
/// (CLINICAL-REFERENCE §6.7), in lower case.
const IF_PREGNANT: [&str; 3] = [
    "if they are pregnant",
    "if you are pregnant",
    "if she is pregnant",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// (a) A declined offer is never turned into a referral
    /// (CLINICAL-REFERENCE §6.4), in any setting and in priority groups
    /// too. For each referral of a plan, declined by its id: no action keeps
    /// that id, no referral on its topic goes to its service, and the plan
    /// records the decline (`<id>/declined_record`), gives a signpost
    /// (`<id>/declined_signpost`; a follow-up when it was moved for time or
    /// held while they may be intoxicated) and
    /// offers it again later (`<id>/offer_again`). Declining every referral at
    /// once leaves none of them. And when PAT's own offer was refused (Q5
    /// no), nothing refers to the alcohol health worker.
    #[test]
    fn a_declined_offer_is_never_a_referral(contact in any_contact_json(), answers in any_answers_json()) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        let first = plan_with(&contact, &answers, &[]);
        // PAT Q5 no: the alcohol health worker is not referred to, by any
        // rule. (A full AUDIT of 20 or more in the same contact still offers
        // the community alcohol service, a service they were not asked about.)
        if first.outcomes.contains(Outcome::PatDeclinedSpecialist) {
            prop_assert!(
                !first.plan.iter().any(|x| x.kind == ActionKind::Referral
                    && (x.pathway.as_ref().is_some_and(|p| &*p.id == "alcohol_liaison")
                        || x.reason.rule.starts_with("alcohol.specialist_"))),
                "PAT Q5 no, yet {:?}", lines(&first)
            );
        }
        let offers: Vec<_> = first.plan.iter().filter(|x| x.kind == ActionKind::Referral).collect();
        for offer in &offers {
            let then = plan_with(&contact, &answers, &[declined(&offer.id)]);
            let to = offer.pathway.as_ref().map(|p| p.id.clone());
            prop_assert!(!then.plan.iter().any(|x| x.id == offer.id), "{} still there: {:?}", offer.id, lines(&then));
            prop_assert!(
                !then.plan.iter().any(|x| x.kind == ActionKind::Referral && x.topic == offer.topic
                    && x.pathway.as_ref().map(|p| p.id.clone()) == to
                    && !(x.id != offer.id && second_offer_already_there(x, &first))),
                "declined {} yet referred: {:?}", offer.id, lines(&then)
            );
            for (suffix, kind) in [
                ("/declined_record", ActionKind::Record),
                ("/declined_signpost", ActionKind::Signpost),
                ("/offer_again", ActionKind::FollowUp),
            ] {
                let id = format!("{}{suffix}", offer.id);
                let found = then.plan.iter().find(|x| *x.id == id);
                prop_assert!(found.is_some(), "no {} in {:?}", id, lines(&then));
                let found = found.unwrap();
                // A signpost that does not fit a very brief contact becomes a
                // follow-up where there is continuity of care, and one on a
                // topic other than alcohol waits until they are sober.
                let held = found.reason.adjustments.contains(Adjustment::NeedsMoreTime)
                    || found.reason.adjustments.contains(Adjustment::Intoxicated);
                prop_assert!(found.kind == kind || (held && found.kind == ActionKind::FollowUp),
                    "{} is {:?}", id, found.kind);
                prop_assert!(found.reason.adjustments.contains(Adjustment::DeclinedOffer), "{} not marked declined", id);
            }
        }
        if offers.len() > 1 {
            let all: Vec<Response> = offers.iter().map(|x| declined(&x.id)).collect();
            let then = plan_with(&contact, &answers, &all);
            for offer in &offers {
                let to = offer.pathway.as_ref().map(|p| p.id.clone());
                prop_assert!(
                    !then.plan.iter().any(|x| x.id == offer.id || (x.kind == ActionKind::Referral
                        && x.topic == offer.topic && x.pathway.as_ref().map(|p| p.id.clone()) == to)),
                    "{} declined with the others, yet {:?}", offer.id, lines(&then)
                );
            }
        }
    }

    /// (b) Kind, pathway and text agree (CLINICAL-REFERENCE §6.1, §6.4):
    /// - every referral and signpost has a pathway, and its practitioner
    ///   text names that pathway (its display name), but for the signpost to
    ///   the GP written when the setting cannot refer (`setting_cannot_refer`,
    ///   the template says "their GP"); a signpost's person text names the
    ///   pathway too (with the same exception, and that of the GP, who is
    ///   "your GP" to the person);
    /// - only referrals have a mode and an urgency, and every referral has
    ///   both;
    /// - advice, leaflets, asks, deferrals, records and safety alerts have no
    ///   pathway;
    /// - a follow-up has a pathway only when it is an offer held while the
    ///   person may be intoxicated (`intoxicated`), and its text then names it
    ///   (with the same exception for the GP signpost it may hold);
    ///   follow-ups held for pregnancy or moved for time name the service
    ///   asked for in `reason.requested_pathway` instead.
    #[test]
    fn kind_pathway_and_text_agree(contact in any_contact_json(), answers in any_answers_json()) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        let a = plan_with(&contact, &answers, &[]);
        for x in &a.plan {
            let adjusted = |adj| x.reason.adjustments.contains(adj);
            match x.kind {
                ActionKind::Referral | ActionKind::Signpost => {
                    let p = x.pathway.as_ref();
                    prop_assert!(p.is_some(), "{} has no pathway", x.id);
                    let p = p.unwrap();
                    let gp_template = x.kind == ActionKind::Signpost
                        && adjusted(Adjustment::SettingCannotRefer) && &*p.id == "gp";
                    if !gp_template {
                        prop_assert!(x.text.contains(&*p.name), "{}: {:?} does not name {}", x.id, x.text, p.name);
                        if x.kind == ActionKind::Signpost && &*p.id != "gp" {
                            let person = x.person_text.as_deref().unwrap_or("");
                            prop_assert!(person.contains(&*p.name), "{}: {:?} does not name {}", x.id, person, p.name);
                        }
                    }
                }
                ActionKind::FollowUp => {
                    if let Some(p) = &x.pathway {
                        prop_assert!(adjusted(Adjustment::Intoxicated), "{} follow-up to {}", x.id, p.id);
                        let gp_template = adjusted(Adjustment::SettingCannotRefer) && &*p.id == "gp";
                        prop_assert!(gp_template || x.text.contains(&*p.name), "{}: {:?} does not name {}", x.id, x.text, p.name);
                    }
                }
                _ => prop_assert!(x.pathway.is_none(), "{} {:?} has a pathway", x.id, x.kind),
            }
            let referral = x.kind == ActionKind::Referral;
            prop_assert_eq!(x.mode.is_some(), referral, "{} mode", &x.id);
            prop_assert_eq!(x.urgency.is_some(), referral, "{} urgency", &x.id);
        }
    }

    /// (c) The contact keeps to its time (CLINICAL-REFERENCE §6.3): the sum of
    /// `duration_s` is within the budget (120, 600 or 1 800 s), unless every
    /// action still in the contact is one that cannot move (safety alerts,
    /// records, leaflets, follow-ups, deferrals, opt-out and urgent referrals,
    /// and what was already moved: `needs_more_time`), so that those alone are
    /// over it. And nothing more intense than the time allows stays in the
    /// contact unless it cannot move.
    #[test]
    fn the_contact_keeps_to_its_time(contact in any_contact_json(), answers in any_answers_json()) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        let a = plan_with(&contact, &answers, &[]);
        let time = contact.time_available();
        let total: u32 = a.plan.iter().map(|x| x.duration_s).sum();
        let movable_s: u32 = a.plan.iter().filter(|x| movable(x)).map(|x| x.duration_s).sum();
        prop_assert!(
            total <= budget_s(time) || movable_s == 0,
            "{total} s in a {time:?} contact, {movable_s} s of it movable: {:?}", lines(&a)
        );
        for x in a.plan.iter().filter(|x| movable(x)) {
            prop_assert!(x.intensity.fits(time), "{} is {:?} in a {:?} contact", x.id, x.intensity, time);
        }
        for x in &a.plan {
            if matches!(x.kind, ActionKind::FollowUp | ActionKind::Record | ActionKind::Defer | ActionKind::SafetyAlert) {
                prop_assert_eq!(x.duration_s, 0, "{} takes time", &x.id);
            }
        }
    }

    /// (d) What the person reads (CLINICAL-REFERENCE §6.7): present, and not
    /// empty, exactly on advice, leaflets and signposts; in sentences of at
    /// most 25 words; without jargon or instrument names ([`JARGON`],
    /// [`NAMES`]); and spoken to the person, not about them to staff
    /// ([`TO_STAFF`], [`STAFF_PHRASES`]). Also once every offer is declined,
    /// for the engine's texts that replace them.
    #[test]
    fn person_texts_are_plain_and_only_where_a_person_reads(contact in any_contact_json(), answers in any_answers_json()) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        let a = plan_with(&contact, &answers, &[]);
        // And once every offer is declined, for the texts that replace them.
        let offers: Vec<Response> = a.plan.iter()
            .filter(|x| matches!(x.kind, ActionKind::Referral | ActionKind::Signpost))
            .map(|x| declined(&x.id))
            .collect();
        let then = plan_with(&contact, &answers, &offers);
        for x in a.plan.iter().chain(&then.plan) {
            let read_by_person = matches!(x.kind, ActionKind::Advice | ActionKind::Leaflet | ActionKind::Signpost);
            prop_assert_eq!(x.person_text.is_some(), read_by_person, "{} {:?}", &x.id, x.kind);
            if let Some(text) = &x.person_text {
                let wrong = unreadable(text);
                prop_assert!(wrong.is_empty(), "{}: {:?}: {:?}", x.id, text, wrong);
            }
        }
    }

    /// (e) The same input gives the same plan, byte for byte, with the same
    /// ids, with or without responses (CLINICAL-REFERENCE §6.1, §6.2).
    #[test]
    fn the_same_input_gives_byte_identical_plans(contact in any_contact_json(), answers in any_answers_json()) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        let first = plan_with(&contact, &answers, &[]);
        let again = plan_with(&contact, &answers, &[]);
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&again).unwrap());
        let responses: Vec<Response> = first.plan.iter().enumerate().filter_map(|(i, x)| {
            let status = [ResponseStatus::Declined, ResponseStatus::Accepted, ResponseStatus::Delivered][i % 3];
            matches!(x.kind, ActionKind::Referral | ActionKind::Advice | ActionKind::Signpost)
                .then(|| Response { action: x.id.to_string(), status, reason: None })
        }).collect();
        let one = plan_with(&contact, &answers, &responses);
        let two = plan_with(&contact, &answers, &responses);
        prop_assert_eq!(serde_json::to_string(&one).unwrap(), serde_json::to_string(&two).unwrap());
        let ids = |a: &Assessment| a.plan.iter().map(|x| x.id.to_string()).collect::<Vec<_>>();
        let mut unique = ids(&one);
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), one.plan.len(), "ids repeat: {:?}", ids(&one));
    }

    /// (f) Nobody who cannot be pregnant (a male contact, or pregnancy `no`)
    /// is told what to do if they are (CLINICAL-REFERENCE §6.7), in what the
    /// practitioner or the person reads; nor asked about pregnancy.
    #[test]
    fn nobody_who_cannot_be_pregnant_is_told_what_to_do_if_they_are(contact in any_contact_json(), answers in any_answers_json()) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        if contact.sex() != Sex::Male && contact.pregnant() != Pregnancy::No {
            return Ok(());
        }
        let a = plan_with(&contact, &answers, &[]);
        for x in &a.plan {
            for text in std::iter::once(&*x.text).chain(x.person_text.as_deref()) {
                let lower = text.to_lowercase();
                for phrase in IF_PREGNANT {
                    prop_assert!(!lower.contains(phrase), "{}: {:?}", x.id, text);
                }
            }
            prop_assert!(&*x.reason.rule != "general.pregnancy_ask", "asked about pregnancy: {:?}", lines(&a));
            prop_assert!(!x.reason.adjustments.contains(Adjustment::HeldUntilPregnancyKnown), "{} held", x.id);
        }
    }
}

/// Services for adults only (CLINICAL-REFERENCE §8: no adult services for a
/// child or young person).
const ADULT_SERVICES: [&str; 6] = [
    "alcohol_liaison",
    "community_alcohol_service",
    "tier_2_weight_management",
    "digital_weight_management",
    "specialist_weight_management",
    "exercise_referral",
];

/// Words that give adult guidance: the adult drinking guideline, a vape as a
/// quit aid, bariatric surgery.
const ADULT_WORDS: [&str; 3] = ["14 units", "nicotine vape", "bariatric"];

/// Words of a weight-loss action (CLINICAL-REFERENCE §9, §10).
const WEIGHT_LOSS_WORDS: [&str; 3] = ["losing weight", "losing some weight", "lose weight"];

/// Services that help people lose weight (CLINICAL-REFERENCE §9, §10).
const WEIGHT_LOSS_SERVICES: [&str; 3] = [
    "tier_2_weight_management",
    "digital_weight_management",
    "specialist_weight_management",
];

/// Whether `text`, lower-cased, has any of `words`, except where it says
/// that the thing is not to be done.
fn mentions(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| {
        lower.contains(w)
            && !lower.contains(&format!("never {w}"))
            && !lower.contains(&format!("never give the adult {w}"))
            && !lower.contains("never the 14-unit")
            && !lower.contains("not to diet")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// (g) No plan for anyone under 18 has an adult-only action
    /// (CLINICAL-REFERENCE §8): no adult service, no 14-unit guideline, no
    /// vape as a quit aid, no bariatric assessment, whatever the setting and
    /// answers.
    #[test]
    fn nobody_under_18_gets_an_adult_plan(contact in any_contact_json(), answers in any_answers_json(), age in 0u32..18) {
        let mut contact = contact;
        contact["age"] = serde_json::json!(age);
        contact["age_confirmed"] = serde_json::json!(true);
        if contact.get("age_in_months").is_some() {
            contact["age_in_months"] = serde_json::Value::Null;
        }
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        let a = plan_with(&contact, &answers, &[]);
        for x in &a.plan {
            if let Some(p) = &x.pathway {
                prop_assert!(!ADULT_SERVICES.contains(&&*p.id), "{} at {age}: {:?}", x.id, lines(&a));
            }
            for text in std::iter::once(&*x.text).chain(x.person_text.as_deref()) {
                prop_assert!(!mentions(text, &ADULT_WORDS), "{} at {age}: {text:?}", x.id);
            }
        }
    }

    /// (h) No plan for a woman who is or could be pregnant has the 14-unit
    /// guideline or a weight-loss action (CLINICAL-REFERENCE §9, §6.11); and
    /// no plan with an eating disorder recorded has a weight-loss action
    /// (§10).
    #[test]
    fn no_weight_loss_or_14_units_in_pregnancy_and_no_weight_loss_with_an_eating_disorder(contact in any_contact_json(), answers in any_answers_json()) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        let pregnant = contact.pregnant().excludes_as_pregnant();
        let eating_disorder = matches!(
            contact.comorbidities().eating_disorder,
            mecc::context::EatingDisorder::Diagnosed | mecc::context::EatingDisorder::Suspected
        );
        if !pregnant && !eating_disorder {
            return Ok(());
        }
        let a = plan_with(&contact, &answers, &[]);
        for x in &a.plan {
            if let Some(p) = &x.pathway {
                prop_assert!(!WEIGHT_LOSS_SERVICES.contains(&&*p.id), "{}: {:?}", x.id, lines(&a));
            }
            for text in std::iter::once(&*x.text).chain(x.person_text.as_deref()) {
                prop_assert!(!mentions(text, &WEIGHT_LOSS_WORDS), "{}: {text:?}", x.id);
                if pregnant {
                    prop_assert!(!mentions(text, &["14 units"]), "{}: {text:?}", x.id);
                }
            }
        }
    }
}

/// Every person text the national default policy can give, with where it
/// comes from: each rule action's text and its variants, and the engine's
/// templates, placeholders filled with the longest pathway name.
fn every_person_text() -> Vec<(String, String)> {
    let doc: Value = serde_json::from_str(mecc::policy::NATIONAL_DEFAULT_JSON).unwrap();
    let mut all = Vec::new();
    for rule in doc["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        for (i, action) in rule["actions"].as_array().unwrap().iter().enumerate() {
            if let Some(p) = action["person_text"].as_str() {
                all.push((format!("{id}#{}", i + 1), p.to_string()));
            }
            for (j, variant) in action["variants"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                collect_strings(
                    variant,
                    &format!("{id}#{} variant {}", i + 1, j + 1),
                    &mut all,
                );
            }
        }
    }
    let longest = PolicyDocument::national_default()
        .unwrap()
        .pathways
        .iter()
        .map(|p| p.name.clone())
        .max_by_key(String::len)
        .unwrap();
    let templates = serde_json::to_value(Templates::default()).unwrap();
    for (name, t) in templates.as_object().unwrap() {
        if let Some(p) = t["person_text"].as_str() {
            let filled = p
                .replace("{pathway}", &longest)
                .replace("{requested}", &longest)
                .replace("{topic}", "physical activity")
                .replace("{person_text}", "")
                .replace("{text}", "");
            all.push((format!("template {name}"), filled));
        }
    }
    all
}

/// The person texts in a variant, wherever they sit in it.
fn collect_strings(value: &Value, at: &str, all: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "person_text" {
                    if let Some(p) = v.as_str() {
                        all.push((at.to_string(), p.to_string()));
                    }
                } else {
                    collect_strings(v, at, all);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, at, all)),
        _ => {}
    }
}

/// Every person text the national default can give is plain
/// (CLINICAL-REFERENCE §6.7): see [`unreadable`].
#[test]
fn every_person_text_in_the_national_default_is_plain() {
    let all = every_person_text();
    assert!(all.len() > 20, "only {} person texts found", all.len());
    assert!(
        all.iter().any(|(at, _)| at.contains("variant")),
        "no variant read"
    );
    assert!(
        all.iter().any(|(at, _)| at.starts_with("template")),
        "no template read"
    );
    let wrong: Vec<String> = all
        .iter()
        .filter_map(|(at, text)| {
            let why = unreadable(text);
            (!why.is_empty()).then(|| format!("{at}: {text:?}: {why:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The readability check finds what it is meant to find.
#[test]
fn the_readability_check_finds_jargon_long_sentences_and_staff_words() {
    assert!(unreadable("Drink less. You can call the service.").is_empty());
    assert!(!unreadable("You may need thiamine.").is_empty());
    assert!(!unreadable("Your AUDIT score is high.").is_empty());
    assert!(!unreadable("Offer them a leaflet.").is_empty());
    assert!(!unreadable("Ask their GP.").is_empty());
    // "them" for other people, and "their" for a service, are the person's words.
    assert!(
        unreadable("Vapes help adults who smoke. They help them stop. Here are their details.")
            .is_empty()
    );
    assert!(!unreadable("If she is pregnant, stop.").is_empty());
    let long = vec!["word"; 26].join(" ");
    assert!(!unreadable(&long).is_empty());
    assert!(unreadable(&vec!["word"; 25].join(" ")).is_empty());
    // "fast" in a sentence is a word, not the instrument.
    assert!(unreadable("Do not stop too fast.").is_empty());
}

/// The properties above skip documents that are refused; most generated
/// documents must be assessed, or the properties would hold vacuously. And
/// the plans they give must reach what the properties are about: referrals,
/// signposts, moved and held actions, and every class of setting.
#[test]
fn most_generated_documents_are_assessed_and_reach_every_kind_of_plan() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (any_contact_json(), any_answers_json());
    let (mut assessed, mut seen) = (0, std::collections::BTreeSet::new());
    for _ in 0..500 {
        let (contact, answers) = strategy.new_tree(&mut runner).unwrap().current();
        let Some((contact, answers)) = read(&contact, &answers) else {
            continue;
        };
        assessed += 1;
        let a = plan_with(&contact, &answers, &[]);
        seen.insert(format!("{:?}", contact.setting()));
        for x in &a.plan {
            seen.insert(format!("{:?}", x.kind));
            for adj in x.reason.adjustments.iter() {
                seen.insert(format!("{adj:?}"));
            }
        }
    }
    assert!(assessed >= 250, "only {assessed} of 500 documents assessed");
    for want in [
        "Referral",
        "Signpost",
        "FollowUp",
        "Defer",
        "SafetyAlert",
        "NeedsMoreTime",
        "AdviceLeftToTheService",
        "SettingCannotRefer",
        "HeldUntilPregnancyKnown",
        "Intoxicated",
        "PriorityGroupActiveReferral",
        "Optometry",
        "WorkplaceHealth",
    ] {
        assert!(seen.contains(want), "no {want} in {seen:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A referral's practitioner text promises no more than its urgency
    /// (CLINICAL-REFERENCE §6.1, §6.4: kind, pathway and text agree): a
    /// referral that is not `now` does not ask for the person to be seen
    /// "now, before they leave". The national default asks for the alcohol
    /// health worker now only for an adult in a hospital setting, where that
    /// service takes the referral; a local rule that asks for `now` of a
    /// service that cannot see the person keeps its own words.
    /// Help for someone else in the person's life is never taken in by
    /// the person's own offer (CLINICAL-REFERENCE §6.8, §9): whenever a
    /// pregnant woman is asked whether anyone she lives with smokes, the
    /// plan also says what to do with the answer (smokefree home and car,
    /// and the stop smoking service for them), though she is offered the
    /// same service herself.
    #[test]
    fn help_for_the_household_is_kept_beside_the_persons_own_offer(contact in any_contact_json(), answers in any_answers_json()) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        let a = plan_with(&contact, &answers, &[]);
        let has = |id: &str| a.plan.iter().any(|x| &*x.id == id);
        if has("tobacco.pregnancy_household_smoking#1") {
            prop_assert!(has("tobacco.pregnancy_household_smoking#2"), "{:?}", a.plan.iter().map(|x| &*x.id).collect::<Vec<_>>());
        }
    }

    /// An opt-out referral, made unless the person declines, comes only
    /// from a clinical setting (CLINICAL-REFERENCE §6.4, §6.6): a pharmacy,
    /// dental practice or optometrist and the wider workforce refer only
    /// with the person's agreement, and no action there, held or not, tells
    /// them to refer unless she declines, or says "opt-out", a word the
    /// pharmacist or housing officer reading it need not know.
    #[test]
    fn opt_out_referrals_only_in_clinical_settings(contact in any_contact_json(), answers in any_answers_json()) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        if contact.setting().class() == SettingClass::Clinical {
            return Ok(());
        }
        let a = plan_with(&contact, &answers, &[]);
        for x in &a.plan {
            prop_assert!(x.mode != Some(ReferralMode::OptOut), "{} is opt-out in {:?}", x.id, contact.setting());
            prop_assert!(!x.text.contains("opt-out") && !x.text.contains("unless she declines"), "{} in {:?}: {:?}", x.id, contact.setting(), x.text);
        }
    }

    #[test]
    fn a_referral_text_promises_no_more_than_its_urgency(contact in any_contact_json(), answers in any_answers_json()) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        let a = plan_with(&contact, &answers, &[]);
        for x in a.plan.iter().filter(|x| x.kind == ActionKind::Referral) {
            if x.urgency != Some(Urgency::Now) {
                prop_assert!(!x.text.contains("now, before they leave"), "{} is {:?}: {:?}", x.id, x.urgency, x.text);
            }
        }
    }
}

/// What in a plan for someone under 19 would be the adult activity plan
/// (CLINICAL-REFERENCE §8.4: for 5 to 18, "never the adult 150-minute
/// guideline and never adult exercise referral"): the 150 minutes in any
/// text, the exercise referral pathway (offered, fallen back from, held or
/// moved), its rule, or one of the adult activity rules.
fn adult_activity_in(a: &Assessment) -> Vec<String> {
    const ADULT_RULES: [&str; 5] = [
        "activity.inactive",
        "activity.build_up",
        "activity.affirm",
        "activity.leaflet",
        "activity.exercise_referral",
    ];
    let mut wrong = Vec::new();
    for x in &a.plan {
        for text in std::iter::once(&*x.text).chain(x.person_text.as_deref()) {
            let lower = text.to_lowercase();
            if lower.contains("150 minutes") || lower.contains("exercise referral") {
                wrong.push(format!("{}: {text:?}", x.id));
            }
        }
        let pathways = [x.pathway.as_ref(), x.reason.requested_pathway.as_ref()];
        if pathways
            .iter()
            .flatten()
            .any(|p| &*p.id == "exercise_referral")
        {
            wrong.push(format!("{} goes to the exercise referral scheme", x.id));
        }
        for rule in std::iter::once(&x.reason.rule).chain(&x.reason.also_from) {
            if ADULT_RULES.contains(&&**rule) {
                wrong.push(format!("{} comes from the adult rule {rule}", x.id));
            }
        }
    }
    wrong
}

prop_compose! {
    /// A contact under 19, in any setting, with any pregnancy state, time and
    /// comorbidity, and answers that always include activity: weekly minutes
    /// across the young people's bands, and GPPAQ one time in two.
    fn under_19_with_activity()(
        contact in any_contact_json(),
        answers in any_answers_json(),
        age in 0u32..=18,
        moderate in 0u32..=700,
        vigorous in 0u32..=300,
        gppaq in proptest::option::of((
            common::documents::pick(&["sedentary", "standing", "physical", "heavy_manual"]),
            common::documents::pick(&["none", "some_but_less_than_1", "1_to_less_than_3", "3_or_more"]),
        )),
    ) -> (Value, Value) {
        let mut contact = contact;
        contact["age"] = Value::from(age);
        // Ages under 10 with activity answers need a confirmed age (§8.5).
        contact["age_confirmed"] = Value::from(true);
        let mut answers = answers;
        answers["activity"] = activity_answers(Some((moderate, vigorous)), gppaq);
        (contact, answers)
    }
}

/// The activity answers: weekly minutes and a GPPAQ occupation and exercise
/// band, each when given.
fn activity_answers(weekly: Option<(u32, u32)>, gppaq: Option<(&str, &str)>) -> Value {
    let not_asked = serde_json::json!({"kind": "not_asked"});
    serde_json::json!({
        "weekly": weekly.map_or(not_asked.clone(), |(m, v)| serde_json::json!({"kind": "answered", "value": {
            "moderate_minutes_per_week": m, "vigorous_minutes_per_week": v,
            "strength_days_per_week": {"kind": "not_asked"}}})),
        "gppaq": gppaq.map_or(not_asked, |(occupation, exercise)| serde_json::json!({"kind": "answered", "value": {
            "occupation": {"kind": "answered", "value": occupation},
            "exercise_and_cycling": {"kind": "answered", "value": {"kind": "bands", "value": {"exercise": exercise, "cycling": "none"}}},
            "walking": {"kind": "not_asked"}, "housework_and_childcare": {"kind": "not_asked"},
            "gardening_and_diy": {"kind": "not_asked"}, "walking_pace": {"kind": "not_asked"}}})),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// No plan for anyone under 19 has the adult activity plan
    /// (CLINICAL-REFERENCE §8.4): never "150 minutes", never the exercise
    /// referral pathway, never an adult activity rule; also once every
    /// offer is declined. And from 5 to 18 the weekly minutes are always
    /// acted on with the young people's rules.
    #[test]
    fn no_plan_under_19_has_the_adult_activity_guideline_or_exercise_referral(
        (contact, answers) in under_19_with_activity(),
    ) {
        let Some((contact, answers)) = read(&contact, &answers) else { return Ok(()) };
        let a = plan_with(&contact, &answers, &[]);
        let wrong = adult_activity_in(&a);
        prop_assert!(wrong.is_empty(), "{:?}: {:?}", wrong, lines(&a));
        let offers: Vec<Response> = a.plan.iter()
            .filter(|x| matches!(x.kind, ActionKind::Referral | ActionKind::Signpost))
            .map(|x| declined(&x.id))
            .collect();
        let then = plan_with(&contact, &answers, &offers);
        let wrong = adult_activity_in(&then);
        prop_assert!(wrong.is_empty(), "{:?}: {:?}", wrong, lines(&then));
        if (5..=18).contains(&contact.age().years()) {
            prop_assert!(
                a.plan.iter().any(|x| x.reason.rule.starts_with("activity.cyp_")
                    || x.reason.rule.starts_with("activity.record_cyp_")),
                "no young people's activity action: {:?}", lines(&a)
            );
        }
    }
}

/// Every age under 19 and from 19 on, every setting, and the young people's
/// band edges (209/210 and 419/420 minutes a week) with each GPPAQ index: no
/// adult activity plan under 19 (CLINICAL-REFERENCE §8.4), and the adult
/// guideline unchanged from 19 (§4.3).
#[test]
fn the_adult_activity_plan_starts_at_19_in_every_setting() {
    let gppaq = [
        None,
        Some(("sedentary", "none")),
        Some(("sedentary", "some_but_less_than_1")),
        Some(("standing", "some_but_less_than_1")),
        Some(("heavy_manual", "none")),
    ];
    let weekly = [
        None,
        Some((0, 0)),
        Some((209, 0)),
        Some((210, 0)),
        Some((419, 0)),
        Some((420, 0)),
    ];
    let mut adult_advice = 0;
    for age in 0u32..=20 {
        for setting in common::documents::SETTINGS {
            for g in gppaq {
                for w in weekly {
                    let contact = common::fixtures::with(serde_json::json!({
                        "age": age, "setting": setting, "time_available": "extended",
                        "presenting_condition": if setting == "emergency_department" { Value::from("fall") } else { Value::Null },
                        "comorbidities": {"hypertension": "yes", "diabetes": {"kind": "type_1"}}
                    }));
                    let answers = serde_json::json!({"activity": activity_answers(w, g)});
                    let Some((contact, answers)) = read(&contact, &answers) else {
                        // GPPAQ answers under 10 may be refused as an age
                        // left at a form's default (§8.5); nothing else is.
                        assert!(
                            age < 10 && g.is_some(),
                            "refused at {age} in {setting}: {answers}"
                        );
                        continue;
                    };
                    let a = plan_with(&contact, &answers, &[]);
                    let wrong = adult_activity_in(&a);
                    if age < 19 {
                        assert!(
                            wrong.is_empty(),
                            "at {age} in {setting}: {wrong:?}: {:?}",
                            lines(&a)
                        );
                    } else if !wrong.is_empty() {
                        adult_advice += 1;
                    }
                }
            }
        }
    }
    // From 19 the adult rules still act: every setting, with each GPPAQ
    // index or weekly band that is not silent, at 19 and 20.
    assert!(
        adult_advice > 200,
        "only {adult_advice} adult activity plans from 19"
    );
}

/// The property above skips documents that are refused; most of those it
/// generates must be assessed, or it would hold vacuously.
#[test]
fn most_generated_documents_under_19_are_assessed() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = under_19_with_activity();
    let assessed = (0..300)
        .filter(|_| {
            let (contact, answers) = strategy.new_tree(&mut runner).unwrap().current();
            read(&contact, &answers).is_some()
        })
        .count();
    assert!(assessed >= 150, "only {assessed} of 300 documents assessed");
}

/// The national default with every rule's condition written as its double
/// negation, which holds exactly when it does, but which the engine cannot
/// see through to the outcomes it needs: every rule's condition is read for
/// every plan, so its plans are what the national default's must be.
fn national_with_every_condition_read() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        common::fixtures::national_with_rules_rewritten(|rule| {
            let when = rule["when"].take();
            rule["when"] =
                serde_json::json!({"kind": "not", "value": {"kind": "not", "value": when}});
        })
    })
}

/// The national default with every condition (each rule's, and each
/// wording variant's) nested inside more `all`s than the engine compiles
/// to masks: each still holds exactly when it did, but is read by walking
/// its tree, so its plans are what the national default's, read by masks,
/// must be.
fn national_with_every_condition_read_by_its_tree() -> &'static Policy {
    fn nest(value: &mut Value) {
        match value {
            Value::Object(fields) => {
                for (key, field) in fields.iter_mut() {
                    if key == "when" && !field.is_null() {
                        let mut when = field.take();
                        for _ in 0..20 {
                            when = serde_json::json!({"kind": "all", "value": [when]});
                        }
                        *field = when;
                    } else {
                        nest(field);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(nest),
            _ => {}
        }
    }
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| common::fixtures::national_with_rules_rewritten(nest))
}

/// Whether `policy` plans as the national default does for `contact` (when
/// it reads) and `outcomes`.
fn plans_as_the_national_default(
    policy: &Policy,
    contact: Value,
    outcomes: Vec<Outcome>,
) -> Result<(), TestCaseError> {
    let Ok(contact) = serde_json::from_value::<Contact>(contact) else {
        return Ok(());
    };
    let outcomes: mecc::outcome::OutcomeSet = outcomes.into_iter().collect();
    prop_assert_eq!(
        national().plan(outcomes, &contact),
        policy.plan(outcomes, &contact)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Planning finds the rules that can fire through an index of the
    /// outcomes each needs, and skips a rule whose required outcomes were
    /// not all found without reading its condition. That shortcut never
    /// changes a plan: for any contact and any set of outcomes, even one no
    /// screening could find together, the plan is the one given when every
    /// rule's condition is read. A rule wrongly skipped would lose an
    /// action, a safety alert among them.
    #[test]
    fn skipping_rules_that_cannot_fire_never_changes_a_plan(
        contact in any_contact_json(),
        outcomes in proptest::sample::subsequence(Outcome::ALL.to_vec(), 0..=Outcome::ALL.len()),
    ) {
        plans_as_the_national_default(national_with_every_condition_read(), contact, outcomes)?;
    }

    /// Conditions are compiled to masks over the facts of each plan, and
    /// read by those rather than by walking their trees. That never changes
    /// a plan: for any contact and any set of outcomes, the plan is the one
    /// given when every condition is read by its tree (hazard H36). A
    /// condition read wrongly would put a line in the plan that is not true
    /// for this person, or leave out one that is.
    #[test]
    fn reading_conditions_by_their_masks_never_changes_a_plan(
        contact in any_contact_json(),
        outcomes in proptest::sample::subsequence(Outcome::ALL.to_vec(), 0..=Outcome::ALL.len()),
    ) {
        plans_as_the_national_default(national_with_every_condition_read_by_its_tree(), contact, outcomes)?;
    }
}
