//! The checked stage: a policy document validated as a whole, with every
//! problem reported as a [`Diagnostic`], and its parts resolved into the
//! indexed form the evaluator runs on.
//!
//! Each check is its own function; [`CheckedPolicy::new`] runs them in a fixed
//! order (identity, pathways, fallbacks, rules and their actions and
//! conditions, safety rules, then coverage), so diagnostics come out in the same
//! order every time.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::context::{Comorbidities, Contact, Settings};
use crate::json_out::needs_no_escape;
use crate::outcome::{Outcome, OutcomeSet, Topic};
use crate::policy::condition::{Conditions, PathwayFacts, Reads};
use crate::policy::coverage;
use crate::policy::document::{ActionSpec, PolicyDocument, Rule, TemplateText, Templates};
use crate::policy::plan::{PathwayRef, RecordingCode};
use crate::policy::text::{ENGINE_PLACEHOLDERS, fill_values, placeholders};
use crate::policy::{
    ActionKind, Concept, Diagnostic, DiagnosticCode, Intensity, ReferralMode, Urgency,
};

/// A policy document that has passed every check, with its pathways, rules and
/// conditions resolved: fallback chains followed, pathway names turned into
/// indices, recording codes looked up and conditions compiled into one arena.
///
/// This is the middle of the three stages (document → checked → compiled
/// [`Policy`](crate::policy::Policy)). A `CheckedPolicy` that exists has no
/// problems; turn it into an evaluator with
/// [`Policy::from_checked`](crate::policy::Policy::from_checked).
///
/// ```
/// use mecc::policy::{CheckedPolicy, DiagnosticCode, Policy, PolicyDocument};
///
/// let mut document = PolicyDocument::national_default()?;
/// let checked = CheckedPolicy::new(document.clone()).expect("the shipped policy passes");
/// let policy = Policy::from_checked(checked);
/// assert_eq!(policy.id(), "mecc-national-default");
///
/// document.version.clear();
/// let diagnostics = CheckedPolicy::new(document).unwrap_err();
/// assert_eq!(diagnostics[0].code, DiagnosticCode::MissingIdentity);
/// # Ok::<(), mecc::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CheckedPolicy {
    pub(super) pathways: Vec<CheckedPathway>,
    pub(super) rules: Vec<CheckedRule>,
    pub(super) conditions: Conditions,
    /// The topics in plan order, each with its self-referral pathways.
    pub(super) topics: Vec<TopicRouting>,
    /// The GP pathway: where a referral the setting cannot make is signposted.
    pub(super) gp: usize,
    /// The engine's texts, with the policy's values filled in.
    pub(super) templates: Templates,
    pub(super) document: PolicyDocument,
}

/// A pathway with its fallback and what it accepts resolved.
#[derive(Debug, Clone)]
pub(super) struct CheckedPathway {
    pub(super) reference: PathwayRef,
    pub(super) exists_locally: bool,
    pub(super) self_referral: bool,
    pub(super) available_now: bool,
    pub(super) mode: ReferralMode,
    /// The next pathway to try, by index.
    pub(super) fallback: Option<usize>,
    /// The settings that may refer to it.
    pub(super) referred_from: Settings,
    /// The youngest age it accepts.
    pub(super) min_age: Option<u8>,
    /// The pathways a referral here replaces on the same topic.
    pub(super) supersedes: Vec<usize>,
}

/// A rule with its condition compiled and its actions resolved.
#[derive(Debug, Clone)]
pub(super) struct CheckedRule {
    pub(super) id: Arc<str>,
    pub(super) source: Arc<str>,
    /// Whether the source has nothing to escape in JSON.
    pub(super) plain_source: bool,
    pub(super) topic: Topic,
    /// The root of the rule's condition in the policy's arena.
    pub(super) root: u32,
    /// At least one of these outcomes must be found for the rule to fire
    /// (`None`: it can fire on the contact alone); see
    /// `Conditions::needs`.
    pub(super) needs: Option<OutcomeSet>,
    /// Outcomes that must all be found for the rule to fire; see
    /// `Conditions::requires_all`.
    pub(super) requires: OutcomeSet,
    pub(super) relies_on: OutcomeSet,
    pub(super) pregnancy: Option<crate::policy::PregnancyDependence>,
    pub(super) actions: Vec<CheckedAction>,
}

/// An action with its pathway as an index and its recording code looked up.
#[derive(Debug, Clone)]
pub(super) struct CheckedAction {
    /// The action's stable id: its rule's id and its place in the rule.
    pub(super) id: Arc<str>,
    pub(super) kind: ActionKind,
    pub(super) intensity: Intensity,
    /// The texts.
    pub(super) texts: CheckedTexts,
    /// Other wordings, each with the root of its condition: the first that
    /// holds is used.
    pub(super) variants: Vec<(u32, CheckedTexts)>,
    pub(super) duration_s: u32,
    pub(super) pathway: Option<usize>,
    pub(super) mode: Option<ReferralMode>,
    pub(super) urgency: Option<Urgency>,
    pub(super) code: Option<RecordingCode>,
    /// For someone other than the person: never replaced by the person's
    /// own referral or signpost.
    pub(super) for_others: bool,
}

/// An action's texts with the policy's values filled in, and with
/// `{pathway}` filled in for each pathway when they use it.
#[derive(Debug, Clone)]
pub(super) struct CheckedTexts {
    pub(super) text: Arc<str>,
    pub(super) person_text: Option<Arc<str>>,
    /// By pathway index; empty when the texts do not name the pathway.
    pub(super) by_pathway: Vec<(Arc<str>, Option<Arc<str>>)>,
    /// Whether none of these texts has anything to escape in JSON, so that
    /// each is written as it is.
    pub(super) plain: bool,
}

impl CheckedTexts {
    fn new(
        document: &PolicyDocument,
        pathways: &[CheckedPathway],
        text: &str,
        person_text: Option<&str>,
    ) -> CheckedTexts {
        let text = fill_values(text, &document.values);
        let person_text = person_text.map(|p| fill_values(p, &document.values));
        let uses_pathway = |t: &str| placeholders(t).any(|n| n == "pathway");
        let by_pathway = if uses_pathway(&text) || person_text.as_deref().is_some_and(uses_pathway)
        {
            pathways
                .iter()
                .map(|q| {
                    let name = |n: &str| (n == "pathway").then_some(&*q.reference.name);
                    (
                        crate::policy::text::fill(&text, name).into(),
                        person_text
                            .as_deref()
                            .map(|p| crate::policy::text::fill(p, name).into()),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let plain = needs_no_escape(&text)
            && person_text.as_deref().is_none_or(needs_no_escape)
            && by_pathway
                .iter()
                .all(|(t, p): &(Arc<str>, Option<Arc<str>>)| {
                    needs_no_escape(t) && p.as_deref().is_none_or(needs_no_escape)
                });
        CheckedTexts {
            text: text.into(),
            person_text: person_text.map(Into::into),
            by_pathway,
            plain,
        }
    }

    /// The texts for an action that uses pathway `q`, if any.
    pub(super) fn for_pathway(&self, q: Option<usize>) -> (Arc<str>, Option<Arc<str>>) {
        match q.and_then(|q| self.by_pathway.get(q)) {
            Some((t, p)) => (t.clone(), p.clone()),
            None => (self.text.clone(), self.person_text.clone()),
        }
    }
}

/// Pathway ids to (index, exists locally, available now).
type Index<'a> = HashMap<&'a str, (usize, bool, bool)>;

struct PathwayTable<'a>(&'a Index<'a>);

impl PathwayFacts for PathwayTable<'_> {
    fn pathway(&self, id: &str) -> Option<(bool, bool)> {
        self.0.get(id).map(|(_, exists, now)| (*exists, *now))
    }
}

impl CheckedPolicy {
    /// Checks `document` as a whole and resolves it.
    ///
    /// # Errors
    /// Every problem found, in a fixed order, as [`Diagnostic`]s (see
    /// [`DiagnosticCode`]); never an empty list. Coverage
    /// ([`DiagnosticCode::UncoveredOutcome`]) is checked only when nothing else
    /// is wrong, since a broken rule would make its gaps meaningless.
    pub fn new(document: PolicyDocument) -> Result<CheckedPolicy, Vec<Diagnostic>> {
        let mut diags = Vec::new();
        let checked = Self::collecting(document, &mut diags);
        if diags.is_empty() {
            Ok(checked)
        } else {
            Err(diags)
        }
    }

    /// The document the policy was checked from.
    #[must_use]
    pub fn document(&self) -> &PolicyDocument {
        &self.document
    }

    /// How many rules the policy has.
    #[must_use]
    pub fn rules_len(&self) -> usize {
        self.rules.len()
    }

    /// Runs every check, pushing what it finds to `diags`, and returns the
    /// resolved form whether or not anything was found.
    fn collecting(document: PolicyDocument, diags: &mut Vec<Diagnostic>) -> CheckedPolicy {
        check_identity(&document, diags);
        let index = index_pathways(&document, diags);
        check_fallbacks_known(&document, &index, diags);
        let pathways = resolve_pathways(&document, &index, diags);
        let mut conditions = Conditions::default();
        let rules = check_rules(&document, &index, &pathways, &mut conditions, diags);
        let topics = check_topics(&document, &index, diags);
        let gp = known_pathway(&index, &document.gp, "gp", diags);
        let templates = check_templates(&document, diags);
        let checked = CheckedPolicy {
            pathways,
            rules,
            conditions,
            topics,
            gp,
            templates,
            document,
        };
        crate::policy::safety::check(&checked.document, diags);
        if diags.is_empty() {
            checked.check_coverage(diags);
        }
        checked
    }

    /// For every outcome that calls for action, checks that in every kind of
    /// contact where it can be found, and whatever is found with it, some rule
    /// relying on it fires, unless the policy lists it under `no_action`.
    /// Outcome spaces and contact fields are finite, so this enumerates them
    /// (see [`coverage`]).
    fn check_coverage(&self, diags: &mut Vec<Diagnostic>) {
        let excused: OutcomeSet = self.document.no_action.iter().map(|n| n.outcome).collect();
        for &outcome in Outcome::ALL {
            if !outcome.calls_for_action() || excused.contains(outcome) {
                continue;
            }
            if let Some((c, found)) = self.coverage_gap(outcome) {
                diags.push(Diagnostic::policy(
                    DiagnosticCode::UncoveredOutcome,
                    uncovered_message(outcome, &c, found),
                ));
            }
        }
    }

    /// A contact, and the outcomes found in it, where `outcome` is found but
    /// no rule relying on it fires; `None` when there is none.
    fn coverage_gap(&self, outcome: Outcome) -> Option<(Contact, OutcomeSet)> {
        let acting = self.acting_on(outcome);
        let mut reads = Reads::default();
        for r in &acting {
            self.conditions.reads(r.root, &mut reads);
        }
        // Every class of setting is checked, whatever the rules read: what a
        // clinical setting does, a pharmacy or a housing officer may not
        // (CLINICAL-REFERENCE §6.6).
        reads.setting_masks.extend(coverage::SETTING_CLASS_MASKS);
        let sets: Vec<(OutcomeSet, Vec<Outcome>)> = coverage::outcome_sets(outcome, &reads)
            .into_iter()
            .map(|s| (s, s.iter().collect()))
            .collect();
        let limit = coverage::MAX_CASES / sets.len().max(1);
        coverage::contacts(&reads, limit).into_iter().find_map(|c| {
            // The contact's facts are read once, and each set of outcomes
            // put in them in turn.
            let contact_facts = self.conditions.facts(OutcomeSet::EMPTY, &c);
            sets.iter()
                .find(|(s, members)| {
                    members.iter().all(|o| coverage::possible(*o, &c)) && {
                        let facts = contact_facts.with_outcomes(*s);
                        !acting.iter().any(|r| self.conditions.eval(r.root, &facts))
                    }
                })
                .map(|(s, _)| (c, *s))
        })
    }

    /// The rules that rely on `outcome` and do something about it: recording
    /// it or asking a question does not act on it.
    fn acting_on(&self, outcome: Outcome) -> Vec<&CheckedRule> {
        self.rules
            .iter()
            .filter(|r| {
                r.relies_on.contains(outcome)
                    && r.actions
                        .iter()
                        .any(|a| !matches!(a.kind, ActionKind::Record | ActionKind::Ask))
            })
            .collect()
    }
}

/// The id and version are recorded with every assessment, so both must say something.
fn check_identity(document: &PolicyDocument, diags: &mut Vec<Diagnostic>) {
    if document.id.trim().is_empty() || document.version.trim().is_empty() {
        diags.push(Diagnostic::policy(
            DiagnosticCode::MissingIdentity,
            "the policy needs a non-empty id and version, which are recorded with every assessment"
                .into(),
        ));
    }
}

/// Indexes the pathways by id, reporting ids used twice (the later one wins
/// the index, as before, so later checks still have something to resolve).
fn index_pathways<'a>(document: &'a PolicyDocument, diags: &mut Vec<Diagnostic>) -> Index<'a> {
    let mut index = Index::new();
    for (i, p) in document.pathways.iter().enumerate() {
        if index
            .insert(p.id.as_str(), (i, p.exists_locally, p.available_now))
            .is_some()
        {
            diags.push(Diagnostic::pathway(
                DiagnosticCode::DuplicatePathwayId,
                &p.id,
                format!(
                    "pathway id {} is used more than once; give each pathway its own id",
                    p.id
                ),
            ));
        }
    }
    index
}

/// Every fallback must name a pathway the policy defines.
fn check_fallbacks_known(
    document: &PolicyDocument,
    index: &Index<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    for p in &document.pathways {
        if let Some(f) = &p.fallback
            && !index.contains_key(f.as_str())
        {
            diags.push(Diagnostic::pathway(
                DiagnosticCode::UnknownFallback,
                &p.id,
                format!(
                    "pathway {} falls back to {f}, which the policy does not define",
                    p.id
                ),
            ));
        }
    }
}

/// Resolves every pathway's fallback chain, reporting cycles.
fn resolve_pathways(
    document: &PolicyDocument,
    index: &Index<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<CheckedPathway> {
    document
        .pathways
        .iter()
        .enumerate()
        .map(|(i, p)| {
            follow_fallbacks(document, index, i, diags);
            let supersedes = p
                .supersedes
                .iter()
                .flatten()
                .map(|id| {
                    known_pathway(index, id, &format!("superseded by pathway {}", p.id), diags)
                })
                .collect();
            CheckedPathway {
                reference: PathwayRef {
                    id: p.id.as_str().into(),
                    name: p.name.as_str().into(),
                },
                exists_locally: p.exists_locally,
                self_referral: p.self_referral,
                available_now: p.available_now,
                mode: p.mode,
                fallback: p
                    .fallback
                    .as_deref()
                    .and_then(|f| index.get(f).map(|(k, _, _)| *k)),
                referred_from: p.referred_from.as_ref().map_or(Settings::ALL, |list| {
                    list.iter().fold(Settings::NONE, |set, s| set.with(*s))
                }),
                min_age: p.min_age,
                supersedes,
            }
        })
        .collect()
}

/// The index of pathway `id`, reporting it when the policy does not define
/// it (`what` says where it was named). An unknown pathway resolves to index
/// 0 so checking can go on; the policy is refused anyway.
fn known_pathway(index: &Index<'_>, id: &str, what: &str, diags: &mut Vec<Diagnostic>) -> usize {
    if let Some((i, _, _)) = index.get(id) {
        *i
    } else {
        diags.push(Diagnostic::pathway(
            DiagnosticCode::UnknownPathway,
            id,
            format!("pathway {id} ({what}) is not defined by the policy"),
        ));
        0
    }
}

/// A topic with its self-referral pathway, and the one for under-18s where it
/// differs, as indices.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TopicRouting {
    pub(crate) topic: Topic,
    pub(crate) self_referral: usize,
    pub(crate) under_18: Option<usize>,
}

/// Every topic listed once, in plan order, each with a self-referral pathway
/// the policy defines.
fn check_topics(
    document: &PolicyDocument,
    index: &Index<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<TopicRouting> {
    if document.topics.is_empty() {
        let gp = known_pathway(index, &document.gp, "gp", &mut Vec::new());
        return Topic::ALL
            .iter()
            .map(|t| TopicRouting {
                topic: *t,
                self_referral: gp,
                under_18: None,
            })
            .collect();
    }
    for topic in Topic::ALL {
        let listed = document.topics.iter().filter(|t| t.topic == topic).count();
        if listed != 1 {
            diags.push(Diagnostic::policy(
                DiagnosticCode::TopicsMismatch,
                format!(
                    "topic {topic} is listed {listed} times in topics; list every topic once, in the order a plan takes them"
                ),
            ));
        }
    }
    document
        .topics
        .iter()
        .map(|t| {
            let what = format!("the self-referral route for {}", t.topic);
            let under_18 = t.under_18_self_referral.as_ref().map(|p| {
                let what = format!("the self-referral route for {} under 18", t.topic);
                known_pathway(index, p, &what, diags)
            });
            TopicRouting {
                topic: t.topic,
                self_referral: known_pathway(index, &t.self_referral, &what, diags),
                under_18,
            }
        })
        .collect()
}

/// The engine's texts with the values filled in; every placeholder must be
/// one the engine fills or a value, and the kinds a person reads need a
/// person's text.
fn check_templates(document: &PolicyDocument, diags: &mut Vec<Diagnostic>) -> Templates {
    let t = &document.templates;
    // (name, template, whether the action it writes is one a person reads)
    let all: [(&str, &TemplateText, bool); 20] = [
        ("active_referral_offer", &t.active_referral_offer, false),
        ("declined_record", &t.declined_record, false),
        ("declined_signpost", &t.declined_signpost, true),
        ("declined_follow_up", &t.declined_follow_up, false),
        ("declined_topic_record", &t.declined_topic_record, false),
        (
            "declined_topic_follow_up",
            &t.declined_topic_follow_up,
            false,
        ),
        ("setting_cannot_refer", &t.setting_cannot_refer, true),
        (
            "opt_out_not_from_this_setting",
            &t.opt_out_not_from_this_setting,
            false,
        ),
        ("moved_to_follow_up", &t.moved_to_follow_up, false),
        ("moved_to_signpost", &t.moved_to_signpost, true),
        ("no_local_service", &t.no_local_service, false),
        (
            "deferred_while_intoxicated",
            &t.deferred_while_intoxicated,
            false,
        ),
        ("offer_when_sober", &t.offer_when_sober, false),
        ("check_sober_enough", &t.check_sober_enough, false),
        (
            "intoxication_not_recorded",
            &t.intoxication_not_recorded,
            false,
        ),
        ("pregnancy_ask", &t.pregnancy_ask, false),
        ("if_pregnant", &t.if_pregnant, false),
        ("if_not_pregnant", &t.if_not_pregnant, false),
        ("if_pregnancy_confirmed", &t.if_pregnancy_confirmed, false),
        ("under_16_consent", &t.under_16_consent, false),
    ];
    for (name, template, read_by_person) in all {
        let here = format!("template {name}");
        check_placeholders(document, &here, &template.text, true, diags);
        if let Some(p) = &template.person_text {
            check_placeholders(document, &here, p, true, diags);
        }
        if template.person_text.is_some() != read_by_person {
            diags.push(Diagnostic::policy(
                DiagnosticCode::PersonTextMismatch,
                if read_by_person {
                    format!("{here} writes an action the person reads: give it a person_text in plain words")
                } else {
                    format!("{here} writes an action for the practitioner only: remove its person_text")
                },
            ));
        }
    }
    let fill = |x: &TemplateText| TemplateText {
        text: fill_values(&x.text, &document.values),
        person_text: x
            .person_text
            .as_ref()
            .map(|p| fill_values(p, &document.values)),
    };
    Templates {
        active_referral_offer: fill(&t.active_referral_offer),
        declined_record: fill(&t.declined_record),
        declined_signpost: fill(&t.declined_signpost),
        declined_follow_up: fill(&t.declined_follow_up),
        declined_topic_record: fill(&t.declined_topic_record),
        declined_topic_follow_up: fill(&t.declined_topic_follow_up),
        setting_cannot_refer: fill(&t.setting_cannot_refer),
        opt_out_not_from_this_setting: fill(&t.opt_out_not_from_this_setting),
        moved_to_follow_up: fill(&t.moved_to_follow_up),
        moved_to_signpost: fill(&t.moved_to_signpost),
        no_local_service: fill(&t.no_local_service),
        deferred_while_intoxicated: fill(&t.deferred_while_intoxicated),
        offer_when_sober: fill(&t.offer_when_sober),
        check_sober_enough: fill(&t.check_sober_enough),
        intoxication_not_recorded: fill(&t.intoxication_not_recorded),
        pregnancy_ask: fill(&t.pregnancy_ask),
        if_pregnant: fill(&t.if_pregnant),
        if_not_pregnant: fill(&t.if_not_pregnant),
        if_pregnancy_confirmed: fill(&t.if_pregnancy_confirmed),
        under_16_consent: fill(&t.under_16_consent),
    }
}

/// Every `{name}` in `text` must be a policy value or, where `engine` allows
/// (`{pathway}` on an action with a pathway, every engine placeholder in a
/// template), one the engine fills.
fn check_placeholders(
    document: &PolicyDocument,
    here: &str,
    text: &str,
    engine: bool,
    diags: &mut Vec<Diagnostic>,
) {
    for name in placeholders(text) {
        let known =
            document.values.contains_key(name) || (engine && ENGINE_PLACEHOLDERS.contains(&name));
        if !known {
            diags.push(Diagnostic::policy(
                DiagnosticCode::UnresolvedPlaceholder,
                format!(
                    "{here} uses {{{name}}}, which is neither a value the policy defines nor a placeholder the engine fills there"
                ),
            ));
        }
    }
}

/// The first pathway from `start` along its fallback chain that exists locally.
///
/// The chain is followed to its end whatever exists locally: which services
/// exist is local configuration that an overlay may change, so a cycle is a
/// defect even while some pathway on it exists.
fn follow_fallbacks(
    document: &PolicyDocument,
    index: &Index<'_>,
    start: usize,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen = HashSet::new();
    let mut at = Some(start);
    while let Some(j) = at {
        if !seen.insert(j) {
            // Reported by the pathways on the cycle, not by every pathway
            // whose chain runs into it.
            if j == start
                && let Some(p) = document.pathways.get(start)
            {
                diags.push(Diagnostic::pathway(
                    DiagnosticCode::FallbackCycle,
                    &p.id,
                    format!("following fallbacks from pathway {} comes back to it; end the chain at a pathway with no fallback", p.id),
                ));
            }
            break;
        }
        let Some(q) = document.pathways.get(j) else {
            break;
        };
        at = q
            .fallback
            .as_deref()
            .and_then(|f| index.get(f).map(|(k, _, _)| *k));
    }
}

/// Checks every rule and resolves it, compiling its condition into `conditions`.
fn check_rules(
    document: &PolicyDocument,
    index: &Index<'_>,
    pathways: &[CheckedPathway],
    conditions: &mut Conditions,
    diags: &mut Vec<Diagnostic>,
) -> Vec<CheckedRule> {
    let mut seen = HashSet::new();
    document
        .rules
        .iter()
        .map(|rule| {
            check_rule_fields(rule, &mut seen, diags);
            let root = check_condition(rule, index, conditions, diags);
            let relies_on = conditions.outcomes_referenced(root);
            let needs = conditions.needs(root);
            let requires = conditions.requires_all(root);
            let actions = rule
                .actions
                .iter()
                .enumerate()
                .map(|(n, a)| {
                    let variants = check_variants(document, rule, a, index, pathways, conditions, diags);
                    let mut checked = check_action(document, &rule.id, n, a, index, pathways, diags);
                    checked.variants = variants;
                    checked
                })
                .collect();
            if relies_on.intersects(OutcomeSet::DECLINED_OFFERS)
                && rule.actions.iter().any(|a| a.kind == ActionKind::Referral)
            {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::ReferralAfterDecline,
                    &rule.id,
                    format!("rule {} relies on a declined offer but makes a referral; a declined offer is never made a referral: record it, signpost and follow up", rule.id),
                ));
            }
            CheckedRule {
                id: rule.id.as_str().into(),
                source: rule.source.as_str().into(),
                plain_source: needs_no_escape(&rule.source),
                topic: rule.topic,
                root,
                needs,
                requires,
                relies_on,
                pregnancy: rule.pregnancy,
                actions,
            }
        })
        .collect()
}

/// A rule needs its own id, a source to cite and something to do.
fn check_rule_fields<'a>(rule: &'a Rule, seen: &mut HashSet<&'a str>, diags: &mut Vec<Diagnostic>) {
    let rid = rule.id.as_str();
    if !seen.insert(rid) {
        diags.push(Diagnostic::rule(
            DiagnosticCode::DuplicateRuleId,
            rid,
            format!("rule id {rid} is used more than once; give each rule its own id"),
        ));
    }
    if rule.source.trim().is_empty() {
        diags.push(Diagnostic::rule(
            DiagnosticCode::MissingSource,
            rid,
            format!("rule {rid} has no source; cite the guideline it implements"),
        ));
    }
    if rule.actions.is_empty() {
        diags.push(Diagnostic::rule(
            DiagnosticCode::RuleWithoutActions,
            rid,
            format!("rule {rid} has no actions; add one or remove the rule"),
        ));
    }
}

/// Compiles a rule's condition, reporting pathways it names that the policy
/// does not define and conditions that can never hold; returns its root.
fn check_condition(
    rule: &Rule,
    index: &Index<'_>,
    conditions: &mut Conditions,
    diags: &mut Vec<Diagnostic>,
) -> u32 {
    let rid = rule.id.as_str();
    let mut unknown = Vec::new();
    let root = conditions.compile(&rule.when, &PathwayTable(index), &mut |id| {
        unknown.push(id.to_string());
    });
    for id in unknown {
        diags.push(Diagnostic::rule(
            DiagnosticCode::UnknownPathway,
            rid,
            format!("rule {rid} has a condition on pathway {id}, which the policy does not define"),
        ));
    }
    if conditions.never_holds(root) {
        diags.push(Diagnostic::rule(
            DiagnosticCode::ConditionNeverHolds,
            rid,
            format!("the condition of rule {rid} can never hold, so the rule can never fire; check for contradictory or empty parts"),
        ));
    }
    root
}

/// Checks one action of rule `rid` and resolves its pathway and recording code.
fn check_action(
    document: &PolicyDocument,
    rid: &str,
    position: usize,
    a: &ActionSpec,
    index: &Index<'_>,
    pathways: &[CheckedPathway],
    diags: &mut Vec<Diagnostic>,
) -> CheckedAction {
    let pathway = action_pathway(rid, a, index, diags);
    check_referral_fields(rid, a, diags);
    check_texts(
        document,
        rid,
        a.kind,
        a.pathway.is_some(),
        &a.text,
        a.person_text.as_deref(),
        diags,
    );
    CheckedAction {
        id: action_id(rid, position),
        kind: a.kind,
        intensity: a.intensity,
        texts: CheckedTexts::new(document, pathways, &a.text, a.person_text.as_deref()),
        variants: Vec::new(),
        duration_s: a
            .duration_s
            .unwrap_or_else(|| default_duration_s(a.kind, a.intensity)),
        pathway,
        mode: a.mode,
        urgency: a.urgency,
        code: a.concept.and_then(|c| {
            code_for(document, c).map(|snomed_ct| RecordingCode {
                concept: c,
                snomed_ct,
            })
        }),
        for_others: a.for_others,
    }
}

/// An action needs text for the practitioner; the kinds a person reads need
/// text for them too, and the others must not have it (CLINICAL-REFERENCE
/// §6.7); every placeholder must resolve.
fn check_texts(
    document: &PolicyDocument,
    rid: &str,
    kind: ActionKind,
    with_pathway: bool,
    text: &str,
    person_text: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    if text.trim().is_empty() {
        diags.push(Diagnostic::rule(
            DiagnosticCode::EmptyText,
            rid,
            format!("rule {rid} has an action with no text; say what the practitioner should do"),
        ));
    }
    let read_by_person = kind.is_read_by_person();
    match person_text {
        Some(_) if !read_by_person => diags.push(Diagnostic::rule(
            DiagnosticCode::PersonTextMismatch,
            rid,
            format!("rule {rid} gives a person_text to an action of kind {kind}, which is for the practitioner only; remove it"),
        )),
        Some(p) if p.trim().is_empty() => diags.push(Diagnostic::rule(
            DiagnosticCode::EmptyText,
            rid,
            format!("rule {rid} has an action with an empty person_text; say it in plain words"),
        )),
        None if read_by_person => diags.push(Diagnostic::rule(
            DiagnosticCode::PersonTextMismatch,
            rid,
            format!("rule {rid} has an action of kind {kind} with no person_text; say what the person reads, in plain words"),
        )),
        _ => {}
    }
    let here = format!("rule {rid}");
    // A referral or signpost without its pathway is reported once, as
    // `pathway_mismatch`, not again for each `{pathway}` it uses.
    let with_pathway = with_pathway || matches!(kind, ActionKind::Referral | ActionKind::Signpost);
    for t in std::iter::once(text).chain(person_text) {
        for name in placeholders(t) {
            let known = document.values.contains_key(name) || (with_pathway && name == "pathway");
            if !known {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::UnresolvedPlaceholder,
                    rid,
                    format!("{here} uses {{{name}}}, which is neither a value the policy defines nor, on an action with a pathway, {{pathway}}"),
                ));
            }
        }
    }
}

/// Checks an action's other wordings and compiles their conditions.
fn check_variants(
    document: &PolicyDocument,
    rule: &Rule,
    a: &ActionSpec,
    index: &Index<'_>,
    pathways: &[CheckedPathway],
    conditions: &mut Conditions,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(u32, CheckedTexts)> {
    let rid = rule.id.as_str();
    a.variants
        .iter()
        .flatten()
        .map(|v| {
            let mut unknown = Vec::new();
            let root = conditions.compile(&v.when, &PathwayTable(index), &mut |id| {
                unknown.push(id.to_string());
            });
            for id in unknown {
                diags.push(Diagnostic::rule(
                    DiagnosticCode::UnknownPathway,
                    rid,
                    format!("a text variant of rule {rid} has a condition on pathway {id}, which the policy does not define"),
                ));
            }
            check_texts(document, rid, a.kind, a.pathway.is_some(), &v.text, v.person_text.as_deref(), diags);
            (
                root,
                CheckedTexts::new(document, pathways, &v.text, v.person_text.as_deref()),
            )
        })
        .collect()
}

/// How long an action takes in the contact by default (CLINICAL-REFERENCE
/// §6.3): what is done outside the conversation takes none.
const fn default_duration_s(kind: ActionKind, intensity: Intensity) -> u32 {
    match (kind, intensity) {
        (ActionKind::Ask, _) => 15,
        (ActionKind::Advice, Intensity::VeryBrief)
        | (ActionKind::Referral | ActionKind::Signpost, _) => 30,
        (ActionKind::Advice, Intensity::Brief) => 120,
        (ActionKind::Advice, Intensity::Extended) => 1_200,
        (ActionKind::Leaflet, _) => 10,
        (
            ActionKind::FollowUp | ActionKind::Record | ActionKind::Defer | ActionKind::SafetyAlert,
            _,
        ) => 0,
    }
}

/// An action's stable id (CLINICAL-REFERENCE §6.1): the id of its rule and its
/// place among the rule's actions, counted from 1, as in
/// `alcohol.specialist_now#1`. It depends on nothing but the rule, so the same
/// policy gives the same ids, and adding or removing another rule changes none.
fn action_id(rule_id: &str, position: usize) -> Arc<str> {
    format!("{rule_id}#{}", position + 1).into()
}

/// The index of the pathway an action names. Only referrals and signposts go
/// somewhere, and they must say where.
fn action_pathway(
    rid: &str,
    a: &ActionSpec,
    index: &Index<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let routed = matches!(a.kind, ActionKind::Referral | ActionKind::Signpost);
    let (code, message) = match (&a.pathway, routed) {
        (Some(p), true) => match index.get(p.as_str()) {
            Some((i, _, _)) => return Some(*i),
            None => (
                DiagnosticCode::UnknownPathway,
                format!("rule {rid} refers to pathway {p}, which the policy does not define"),
            ),
        },
        // A pathway on any other kind would let fallback and time rules turn
        // it into something else: a safety alert naming a service that is
        // absent would become a follow-up at the end of the plan.
        (Some(p), false) => (
            DiagnosticCode::PathwayMismatch,
            format!(
                "rule {rid} gives pathway {p} to a {:?} action; only referrals and signposts name a pathway",
                a.kind
            ),
        ),
        (None, true) => (
            DiagnosticCode::PathwayMismatch,
            format!(
                "rule {rid} has a {:?} action with no pathway; name the pathway",
                a.kind
            ),
        ),
        (None, false) => return None,
    };
    diags.push(Diagnostic::rule(code, rid, message));
    None
}

/// A referral needs an urgency; nothing else has a mode or urgency.
fn check_referral_fields(rid: &str, a: &ActionSpec, diags: &mut Vec<Diagnostic>) {
    if a.kind == ActionKind::Referral && a.urgency.is_none() {
        diags.push(Diagnostic::rule(
            DiagnosticCode::ReferralFieldsMismatch,
            rid,
            format!(
                "rule {rid} has a referral with no urgency; give now, within_24_hours or routine"
            ),
        ));
    }
    if a.kind != ActionKind::Referral && (a.urgency.is_some() || a.mode.is_some()) {
        diags.push(Diagnostic::rule(
            DiagnosticCode::ReferralFieldsMismatch,
            rid,
            format!(
                "rule {rid} gives a mode or urgency to a {:?} action; only referrals have them",
                a.kind
            ),
        ));
    }
}

/// The code recorded for `concept`: the policy's last override for it, or the
/// confirmed code.
fn code_for(document: &PolicyDocument, concept: Concept) -> Option<Arc<str>> {
    document
        .codes
        .iter()
        .rev()
        .find(|o| o.concept == concept)
        .map(|o| Arc::from(o.snomed_ct.as_str()))
        .or_else(|| concept.snomed_ct().map(Arc::from))
}

/// Says which outcome has no action, in which contact, and what else was
/// found, so the gap can be found and closed.
fn uncovered_message(outcome: Outcome, c: &Contact, found: OutcomeSet) -> String {
    let mut with = String::new();
    for o in found.iter().filter(|o| *o != outcome) {
        with.push_str(if with.is_empty() { ", with " } else { ", " });
        with.push_str(o.as_str());
    }
    let comorbidities = if *c.comorbidities() == Comorbidities::NONE {
        String::new()
    } else {
        format!(", comorbidities {:?}", c.comorbidities())
    };
    format!(
        "no rule acts on outcome {} for a contact in {} (pregnant {:?}, intoxicated {:?}, time {:?}, priority group {}, sex {:?}, age {}{comorbidities}{with}); add a rule or list it under no_action with the reason",
        outcome.as_str(),
        c.setting().as_str(),
        c.pregnant(),
        c.intoxicated(),
        c.time_available(),
        if c.priority_groups().is_empty() {
            "none"
        } else {
            "yes"
        },
        c.sex(),
        c.age().years(),
    )
}
