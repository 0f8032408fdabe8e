//! Placeholders in policy texts: `{name}` stands for a policy value, or for
//! something the engine knows only when it writes the action (the pathway
//! actually used, the topic, the original text).

use std::collections::BTreeMap;

/// The placeholders the engine fills when it writes an action: `pathway` (the
/// service actually used), `requested` (the service asked for or declined),
/// `topic` (in plain words), `text` and `person_text` (the original action's
/// texts).
pub(crate) const ENGINE_PLACEHOLDERS: [&str; 5] =
    ["pathway", "requested", "topic", "text", "person_text"];

/// The names of the `{name}` placeholders in `text`, in order.
pub(crate) fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
}

/// `text` with each `{name}` that `lookup` knows replaced by its value; any
/// other braces are left as they are.
pub(crate) fn fill<'a>(text: &str, lookup: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        if let Some((value, tail)) = after
            .split_once('}')
            .and_then(|(name, tail)| Some((lookup(name)?, tail)))
        {
            out.push_str(value);
            rest = tail;
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `text` with the policy's named values filled in, leaving the engine's own
/// placeholders for later.
pub(crate) fn fill_values(text: &str, values: &BTreeMap<String, String>) -> String {
    fill(text, |name| values.get(name).map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_in_order() {
        let names: Vec<_> = placeholders("call {pathway} on {number} {").collect();
        assert_eq!(names, ["pathway", "number"]);
    }

    #[test]
    fn only_known_names_are_filled() {
        let filled = fill("see {pathway} about {other}", |n| {
            (n == "pathway").then_some("the GP")
        });
        assert_eq!(filled, "see the GP about {other}");
    }

    #[test]
    fn values_are_filled_and_engine_placeholders_kept() {
        let mut values = BTreeMap::new();
        values.insert(
            "gas_emergency_number".to_string(),
            "0800 111 999".to_string(),
        );
        assert_eq!(
            fill_values("call {gas_emergency_number}, then {pathway}", &values),
            "call 0800 111 999, then {pathway}"
        );
    }
}
