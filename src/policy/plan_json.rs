//! A plan made in a buffer, written as JSON straight into a host's byte
//! buffer: the same bytes as `serde_json::to_writer` writes for it, with the
//! texts escaped eight bytes at a time and the engine's texts escaped as
//! they are written out, never built whole.

use crate::json_out::{
    Escaping, Verbatim, name_into, plain_string_into, string_into, to_json_into,
};
use crate::policy::plan_buffer::{ActionView, PlanView, TextRef, write_text};
use crate::policy::{PathwayRef, Policy};

/// Appends an id or a code of the policy's as a JSON string: copied when
/// the policy found none of them needs escaping when it was compiled.
fn id_into(out: &mut Vec<u8>, policy: &Policy, id: &str) {
    if policy.ids_need_no_escape {
        debug_assert!(crate::json_out::needs_no_escape(id), "{id}");
        plain_string_into(out, id);
    } else {
        string_into(out, id);
    }
}

/// Appends a pathway as `{"id": ..., "name": ...}`, or `null`.
fn pathway_into(out: &mut Vec<u8>, policy: &Policy, pathway: Option<&PathwayRef>) {
    match pathway {
        None => out.extend_from_slice(b"null"),
        Some(p) => {
            out.extend_from_slice(b"{\"id\":");
            id_into(out, policy, &p.id);
            out.extend_from_slice(b",\"name\":");
            id_into(out, policy, &p.name);
            out.push(b'}');
        }
    }
}

/// Appends a name as a JSON string, or `null`.
fn optional_name_into(out: &mut Vec<u8>, name: Option<&str>) {
    match name {
        None => out.extend_from_slice(b"null"),
        Some(name) => string_into(out, name),
    }
}

/// Appends the names of outcomes or adjustments as a JSON list of strings.
/// They are identifiers, with nothing to escape (the tests of
/// `Outcome::ALL` and of every `named_enum!` check each), so each is copied.
fn names_into(out: &mut Vec<u8>, names: impl Iterator<Item = &'static str>) {
    out.push(b'[');
    for (i, name) in names.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        debug_assert!(crate::json_out::needs_no_escape(name), "{name}");
        plain_string_into(out, name);
    }
    out.push(b']');
}

impl PlanView<'_> {
    /// Appends the plan to `out` as JSON: the same bytes as
    /// `serde_json::to_writer(out, &plan)`, written faster, since a plan's
    /// JSON is mostly its texts.
    ///
    /// # Errors
    /// Only as `serde_json` would fail on the plan's names and sets, which it
    /// does not.
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        out.push(b'[');
        for (i, action) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            action.write_json(out)?;
        }
        out.push(b']');
        Ok(())
    }
}

impl ActionView<'_> {
    /// Appends the action to `out` as JSON, as [`PlanView::write_json`] does.
    ///
    /// # Errors
    /// As [`PlanView::write_json`].
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let step = self.step;
        out.extend_from_slice(b"{\"id\":");
        id_into(out, self.policy, self.id());
        out.extend_from_slice(b",\"kind\":");
        name_into(out, &step.kind)?;
        out.extend_from_slice(b",\"topic\":");
        name_into(out, &step.topic)?;
        out.extend_from_slice(b",\"intensity\":");
        name_into(out, &step.intensity)?;
        out.extend_from_slice(b",\"text\":");
        self.text_into(out, step.text)?;
        out.extend_from_slice(b",\"person_text\":");
        if step.person_text == TextRef::None {
            out.extend_from_slice(b"null");
        } else {
            self.text_into(out, step.person_text)?;
        }
        out.extend_from_slice(b",\"duration_s\":");
        to_json_into(out, &step.duration_s)?;
        out.extend_from_slice(b",\"pathway\":");
        pathway_into(out, self.policy, self.pathway());
        out.extend_from_slice(b",\"mode\":");
        name_into(out, &step.mode)?;
        out.extend_from_slice(b",\"urgency\":");
        name_into(out, &step.urgency)?;
        out.extend_from_slice(b",\"code\":");
        match self.code() {
            None => out.extend_from_slice(b"null"),
            Some(code) => {
                out.extend_from_slice(b"{\"concept\":");
                name_into(out, &code.concept)?;
                out.extend_from_slice(b",\"snomed_ct\":");
                id_into(out, self.policy, &code.snomed_ct);
                out.push(b'}');
            }
        }
        out.extend_from_slice(b",\"response\":");
        optional_name_into(
            out,
            step.response.map(crate::policy::ResponseStatus::as_str),
        );
        out.extend_from_slice(b",\"reason\":{\"rule\":");
        id_into(out, self.policy, self.rule());
        out.extend_from_slice(b",\"also_from\":[");
        for (i, rule) in self.also_from().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            id_into(out, self.policy, rule);
        }
        out.extend_from_slice(b"],\"relied_on\":");
        names_into(
            out,
            step.relied_on.iter().map(crate::outcome::Outcome::as_str),
        );
        out.extend_from_slice(b",\"source\":");
        match self.policy.rule_source_for_json(step.rule) {
            (source, true) => plain_string_into(out, source),
            (source, false) => string_into(out, source),
        }
        out.extend_from_slice(b",\"adjustments\":");
        names_into(
            out,
            step.adjustments
                .iter()
                .map(crate::policy::Adjustment::as_str),
        );
        out.extend_from_slice(b",\"requested_pathway\":");
        pathway_into(out, self.policy, self.requested_pathway());
        out.extend_from_slice(b"}}");
        Ok(())
    }

    /// One of the action's texts as a JSON string, escaped as it is written.
    fn text_into(&self, out: &mut Vec<u8>, text: TextRef) -> serde_json::Result<()> {
        if let Some(plain) = self.policy.plain_policy_text(text) {
            plain_string_into(out, plain);
            return Ok(());
        }
        out.push(b'"');
        let written = if self.policy.texts_need_no_escape {
            write_text(&mut Verbatim(out), self.policy, self.buffer, text)
        } else {
            write_text(&mut Escaping(out), self.policy, self.buffer, text)
        };
        written.map_err(|_| serde::ser::Error::custom("a text could not be written"))?;
        out.push(b'"');
        Ok(())
    }
}
