//! Macros that write the repetitive parts of checked types, so that each type
//! states only what is particular to it: its range, its field name, its hint
//! and its documentation.

/// Declares a whole-number newtype whose every value lies in a
/// [`Bounds`](crate::units::Bounds) constant.
///
/// It writes the struct, `new` (checked against the bounds, naming `field` in
/// the error), `named` (the same check naming another field), the getter,
/// `TryFrom<u32>` and `From<_> for u32`, serde through those, and the JSON
/// Schema, whose minimum and maximum are read from the same bounds. An
/// optional `hint` maps the refused value to a hint on the likely mistake.
macro_rules! bounded_int {
    (
        $(#[$meta:meta])*
        pub struct $name:ident($repr:ty) in $bounds:path, field $field:literal;
        $(#[$new_meta:meta])*
        fn new;
        $(#[$get_meta:meta])*
        fn $get:ident;
        schema $description:literal;
        $(hint $hint:expr;)?
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            ::serde::Serialize, ::serde::Deserialize,
        )]
        #[serde(try_from = "u32", into = "u32")]
        pub struct $name($repr);

        // The bounds must fit the representation, which makes the cast in
        // `named` lossless; this fails to compile otherwise.
        const _: () = assert!($bounds.max() <= <$repr>::MAX as f64);

        impl $name {
            $(#[$new_meta])*
            pub fn new(value: u32) -> Result<$name, $crate::Error> {
                Self::named($field, value)
            }

            /// As `new`, naming `field` as the input in any error.
            pub(crate) fn named(field: &'static str, value: u32) -> Result<$name, $crate::Error> {
                let checked = $bounds.check_int(field, value)
                    $(.map_err(|e| match ($hint)(value) {
                        Some(hint) => e.with_hint(hint),
                        None => e,
                    }))?
                    ?;
                // Lossless: checked against bounds that fit the representation.
                Ok($name(checked as $repr))
            }

            $(#[$get_meta])*
            pub const fn $get(self) -> u32 {
                self.0 as u32
            }
        }

        impl TryFrom<u32> for $name {
            type Error = $crate::Error;
            fn try_from(value: u32) -> Result<$name, $crate::Error> {
                $name::new(value)
            }
        }

        impl From<$name> for u32 {
            fn from(value: $name) -> u32 {
                value.$get()
            }
        }

        // Hand-written: a derive cannot read the range from a `Bounds` constant.
        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                $crate::units::integer_schema(&$bounds, $description)
            }
        }
    };
}
pub(crate) use bounded_int;
