//! Macros that write the repetitive parts of the crate's types, so that each
//! type states only what is particular to it: a bounded number its range,
//! field name and hint; a checked type its fields and check; an enum its
//! variants and their serialized names.

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
            ::serde::Serialize,
        )]
        #[serde(into = "u32")]
        pub struct $name($repr);

        // The bounds must fit the representation, so that no value within them
        // is refused for its size; this fails to compile otherwise.
        const _: () = assert!($bounds.max() <= <$repr>::MAX as f64);

        impl $name {
            $(#[$new_meta])*
            pub fn new(value: u32) -> Result<$name, $crate::Error> {
                Self::named($field, value)
            }

            /// As `new`, naming `field` as the input in any error.
            pub(crate) fn named(field: &'static str, value: u32) -> Result<$name, $crate::Error> {
                let checked: $repr = $bounds.check_into(field, value)
                    $(.map_err(|e| match ($hint)(value) {
                        Some(hint) => e.with_hint(hint),
                        None => e,
                    }))?
                    ?;
                Ok($name(checked))
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

        // Read as any whole number, so that a negative or oversized one is
        // refused as out of range, naming the field and its range, rather
        // than as not fitting a `u32`.
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let given = <i64 as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                let checked = match u32::try_from(given) {
                    Ok(value) => $name::new(value),
                    Err(_) if given < 0 => Err($bounds
                        .out_of_range($field, given)
                        .with_hint(format!("{} cannot be negative", $field))),
                    Err(_) => Err($bounds.out_of_range($field, given)),
                };
                checked.map_err($crate::json::refused)
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

/// Writes the conversions of a checked type built from an unchecked `Fields`
/// type: `TryFrom<Fields>` (the check), `From<Checked> for Fields`, and serde
/// through the fields, as `#[serde(try_from, into)]` would.
///
/// `checked_wrapper!(Contact(ContactFields));` is for a newtype over its
/// fields checked by `Contact::new(fields)`, and also writes `fields()`. A
/// type that keeps its values in another form names the conversions:
/// `checked_wrapper! { X from XFields, check |f| .., fields |x| .. }`.
///
/// The JSON Schema is derived on the type itself, with
/// `#[schemars(with = "XFields", description = "")]`: the fields' schema under
/// the checked type's name, the empty description keeping the checked type's
/// documentation from replacing the fields' one.
macro_rules! checked_wrapper {
    ($name:ident($fields:ty)) => {
        impl $name {
            /// The fields, as given.
            pub const fn fields(&self) -> &$fields {
                &self.0
            }
        }
        $crate::bounded::checked_wrapper!(
            $name from $fields,
            check $name::new,
            fields |checked: $name| checked.0
        );
    };
    (
        $name:ident from $fields:ty,
        check $check:expr,
        fields $into:expr $(,)?
    ) => {
        impl TryFrom<$fields> for $name {
            type Error = $crate::Error;
            fn try_from(fields: $fields) -> Result<$name, $crate::Error> {
                ($check)(fields)
            }
        }

        impl From<$name> for $fields {
            fn from(checked: $name) -> $fields {
                ($into)(checked)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&<$fields>::from(*self), serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let fields = <$fields as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                $name::try_from(fields).map_err($crate::json::refused)
            }
        }
    };
}
pub(crate) use checked_wrapper;

/// Declares a fieldless enum with each variant's serialized name written
/// once, beside the variant: `Male = "male"`. From that one list it writes
/// the `#[serde(rename)]` of each variant, `ALL` (every variant, in
/// declaration order) and `as_str` (the serialized name), so the three cannot
/// drift apart, and a variant added to the enum is in `ALL` by construction.
/// An optional `expected "one of " .. "or ...";` after the enum writes
/// `EXPECTED`, the names as a message lists them.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $serial:literal
            ),+ $(,)?
        }
        expected $before:literal .. $after:literal;
    ) => {
        $crate::bounded::named_enum! {
            $(#[$meta])*
            pub enum $name {
                $(
                    $(#[$variant_meta])*
                    $variant = $serial
                ),+
            }
        }

        impl $name {
            /// What a field of this type accepts, for messages: the names,
            /// each followed by a comma, between `before` and `after`.
            pub(crate) const EXPECTED: &'static str =
                concat!($before, $($serial, ", ",)+ $after);
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $serial:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $serial)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($serial),+].len()] = [$($name::$variant),+];

            /// The serialized name, as in JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $serial,)+
                }
            }
        }
    };
}
pub(crate) use named_enum;

/// Writes a `names` test module with one test per `named_enum!` enum, each
/// checking with [`assert_names_round_trip`] that its variants round-trip
/// through serde under their `as_str` names; further test items may follow.
macro_rules! names_round_trip_tests {
    ($($test:ident: $ty:ident),+ $(,)? $(; $($extra:item)*)?) => {
        #[cfg(test)]
        mod names {
            use super::*;

            $(
                #[test]
                fn $test() {
                    $crate::bounded::assert_names_round_trip(&$ty::ALL, $ty::as_str);
                }
            )+
            $($($extra)*)?
        }
    };
}
pub(crate) use names_round_trip_tests;

/// Asserts that each of `all` serializes to its `as_str` name and reads back as
/// itself, that no two share a name, and that no name needs escaping in JSON.
#[cfg(test)]
pub(crate) fn assert_names_round_trip<T>(all: &[T], as_str: fn(T) -> &'static str)
where
    T: Copy + PartialEq + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
{
    let mut seen = std::collections::BTreeSet::new();
    for &value in all {
        let json = serde_json::to_value(value).expect("a fieldless variant serializes");
        assert_eq!(json, serde_json::Value::from(as_str(value)), "{value:?}");
        let back: T = serde_json::from_value(json).expect("its name reads back");
        assert_eq!(back, value);
        assert!(seen.insert(as_str(value)), "{value:?} shares its name");
        // Names are copied into JSON as they are, unescaped.
        assert!(
            crate::json_out::needs_no_escape(as_str(value)),
            "{value:?}'s name needs escaping"
        );
    }
}

/// Declares a set of a `named_enum!` enum's variants, held as the bits of a
/// `u32` (checked at compile time) and written in JSON as a list of names: the
/// struct, `NONE`, `contains`, `with`, `insert`, `is_empty`, `iter` (in the
/// enum's declaration order), `FromIterator`, and the list conversions serde
/// reads and writes through. The struct's attributes, its schema among them,
/// are given with it.
macro_rules! list_set {
    ($(#[$meta:meta])* pub struct $set:ident of $item:ident;) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $set(u32);

        // Written as the list of its members, as `#[serde(into)]` would (a
        // serde attribute cannot name the macro's item type).
        impl ::serde::Serialize for $set {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.iter())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $set {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<$set, D::Error> {
                <Vec<$item> as ::serde::Deserialize<'de>>::deserialize(deserializer).map($set::from)
            }
        }

        // Every member must have a bit of its own.
        const _: () = assert!($item::ALL.len() <= u32::BITS as usize);

        impl $set {
            /// The empty set.
            pub const NONE: $set = $set(0);

            /// The set as bits, `1 << member` for each member: how compiled
            /// conditions read it.
            #[allow(dead_code, reason = "not every set is read by conditions")]
            pub(crate) const fn bits(self) -> u32 {
                self.0
            }

            /// Whether the set holds `member`.
            #[must_use]
            pub const fn contains(self, member: $item) -> bool {
                self.0 & (1 << member as u32) != 0
            }

            /// The set with `member` added.
            #[must_use]
            pub const fn with(self, member: $item) -> $set {
                $set(self.0 | (1 << member as u32))
            }

            /// Adds `member`.
            pub fn insert(&mut self, member: $item) {
                *self = self.with(member);
            }

            /// Removes `member`.
            pub fn remove(&mut self, member: $item) {
                self.0 &= !(1 << member as u32);
            }

            /// Whether the set is empty.
            #[must_use]
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// The members, in declaration order.
            pub fn iter(self) -> impl Iterator<Item = $item> {
                $item::ALL.into_iter().filter(move |m| self.contains(*m))
            }
        }

        impl FromIterator<$item> for $set {
            fn from_iter<I: IntoIterator<Item = $item>>(iter: I) -> $set {
                iter.into_iter().fold($set::NONE, $set::with)
            }
        }

        impl From<Vec<$item>> for $set {
            fn from(list: Vec<$item>) -> $set {
                list.into_iter().collect()
            }
        }

        impl From<$set> for Vec<$item> {
            fn from(set: $set) -> Vec<$item> {
                set.iter().collect()
            }
        }
    };
}
pub(crate) use list_set;
