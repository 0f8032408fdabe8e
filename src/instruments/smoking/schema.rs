//! JSON Schemas for the types whose values are checked, written from the same
//! [`Bounds`] constants the constructors use so the two cannot drift.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::{PACK_YEARS, PackYears, QUIT_DAYS, QUIT_MONTHS, QUIT_WEEKS, QUIT_YEARS, QuitTime};
use crate::units::{integer_schema, number_schema, one_key_schema};

// Hand-written (as is `PackYears`): the bounds come from `Bounds` constants,
// which a derive cannot read.
impl JsonSchema for QuitTime {
    fn schema_name() -> Cow<'static, str> {
        "QuitTime".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "how long ago they stopped: {\"days\": n}, {\"weeks\": n}, {\"months\": n}, {\"years\": n} or \"not_known\"",
            "oneOf": [
                { "type": "string", "const": "not_known" },
                one_key_schema("days", integer_schema(&QUIT_DAYS, "whole days ago")),
                one_key_schema("weeks", integer_schema(&QUIT_WEEKS, "whole weeks ago")),
                one_key_schema("months", integer_schema(&QUIT_MONTHS, "whole months ago")),
                one_key_schema("years", integer_schema(&QUIT_YEARS, "whole years ago")),
            ]
        })
    }
}

impl JsonSchema for PackYears {
    fn schema_name() -> Cow<'static, str> {
        "PackYears".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        number_schema(
            &PACK_YEARS,
            "pack-years: (cigarettes per day / 20) x years smoked, to the hundredth",
        )
    }
}
