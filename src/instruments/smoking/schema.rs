//! JSON Schemas for the types whose values are checked, written from the same
//! [`Bounds`] constants the constructors use so the two cannot drift.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::{PACK_YEARS, PackYears, QUIT_DAYS, QUIT_MONTHS, QUIT_WEEKS, QUIT_YEARS, QuitTime};
use crate::units::{integer_schema, number_schema, tagged_schema, unit_tagged_schema};

// Hand-written (as is `PackYears`): the bounds come from `Bounds` constants,
// which a derive cannot read.
impl JsonSchema for QuitTime {
    fn schema_name() -> Cow<'static, str> {
        "QuitTime".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut schema = json_schema!({
            "description": "how long ago they stopped: {\"kind\": \"days\", \"value\": n}, with kind \"weeks\", \"months\" or \"years\" likewise, or {\"kind\": \"not_known\"}",
            "oneOf": [
                unit_tagged_schema("not_known"),
                tagged_schema("days", integer_schema(&QUIT_DAYS, "whole days ago")),
                tagged_schema("weeks", integer_schema(&QUIT_WEEKS, "whole weeks ago")),
                tagged_schema("months", integer_schema(&QUIT_MONTHS, "whole months ago")),
                tagged_schema("years", integer_schema(&QUIT_YEARS, "whole years ago")),
            ]
        });
        crate::units::title_variants_of(&Self::schema_name(), &mut schema);
        schema
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
