//! A `serde` serializer writing compact JSON into a byte buffer, byte for
//! byte as `serde_json::to_writer` writes it, for the parts of an assessment
//! that are written through their `Serialize` impls (the contact, the
//! findings, the outcomes, the policy it was made under).
//!
//! `serde_json` looks every byte of every string up in a table, object keys
//! included; most of what these parts write is keys and short names. Here
//! the names the types' `Serialize` impls give (field and variant names) are
//! copied, as the crate's own names need no escaping ([`to_json_into`]); a
//! string that is data is tested eight bytes at a time ([`string_into`]);
//! numbers are written as `serde_json` writes them: integers through `itoa`,
//! which `serde_json` uses, and floating-point numbers and byte strings by
//! `serde_json` itself, so that its choice of float formatting is followed
//! whatever its version. A map key that is not a string or a unit variant is
//! written by `serde_json` too, the one place that may allocate.
//!
//! `serde_json` writes its own `Number` and `RawValue` in forms of their own
//! when its `arbitrary_precision` or `raw_value` features are on, which a
//! host's build may turn on; this serializer does not know those forms, and
//! none of the types it writes holds one.

use serde::ser::{self, Serialize};

use super::{needs_no_escape, plain_string_into, string_into};

/// Appends `value` to `out` as compact JSON: the bytes
/// `serde_json::to_writer(out, value)` writes, for the crate's own types.
///
/// The names a type's `Serialize` impl gives (its fields' and variants'
/// `&'static str`s) are copied, not tested for escaping: every one of the
/// crate's is an identifier or a `rename` to one. The tests check every name
/// in the output schemas and compare the bytes written for any assessment
/// with `serde_json`'s; in debug builds each name is checked as it is
/// written. Strings that are data (and map keys) are escaped as
/// `serde_json` escapes them.
///
/// # Errors
/// As `serde_json::to_writer` fails on the value (a map whose keys are not
/// strings, a `Serialize` impl that fails); `out` may then hold part of it.
pub(crate) fn to_json_into<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(Writer(out))
}

/// Appends a field's or a variant's name, which needs no escaping, as a JSON
/// string.
fn name_into(out: &mut Vec<u8>, name: &'static str) {
    debug_assert!(
        needs_no_escape(name),
        "a name that needs escaping: {name:?}"
    );
    plain_string_into(out, name);
}

/// Writes one value into the buffer.
struct Writer<'a>(&'a mut Vec<u8>);

impl<'a> Writer<'a> {
    /// Hands one value to `serde_json`, for the forms whose text is its own
    /// choice (floating-point numbers) or rare (byte strings).
    fn by_serde_json(
        self,
        write: impl FnOnce(&mut serde_json::Serializer<&mut Vec<u8>>) -> serde_json::Result<()>,
    ) -> serde_json::Result<()> {
        write(&mut serde_json::Serializer::new(self.0))
    }

    fn integer(self, value: impl itoa::Integer) {
        self.0
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// Opens `{"variant":`, the wrapper `serde_json` writes around a variant
    /// with contents.
    fn open_variant(&mut self, variant: &'static str) {
        self.0.push(b'{');
        name_into(self.0, variant);
        self.0.push(b':');
    }

    /// Opens a variant's list or object of `len` items inside its wrapper,
    /// which closes after it.
    fn variant_compound(
        mut self,
        variant: &'static str,
        len: usize,
        brackets: [u8; 2],
    ) -> Compound<'a> {
        self.open_variant(variant);
        Compound::open(self.0, Some(len), brackets, true)
    }
}

/// Where a list or an object is: empty (already closed), before its first
/// item, or past it. `serde_json` closes a list or object declared empty at
/// once, and writes nothing more when it ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Empty,
    First,
    Rest,
}

/// A list or an object being written; `variant` when it is wrapped in a
/// variant's `{"name": ...}`, closed after it.
pub(crate) struct Compound<'a> {
    out: &'a mut Vec<u8>,
    state: State,
    variant: bool,
}

impl<'a> Compound<'a> {
    /// Opens a list (`[`, `]`) or an object (`{`, `}`) of `len` items.
    fn open(out: &'a mut Vec<u8>, len: Option<usize>, brackets: [u8; 2], variant: bool) -> Self {
        out.push(brackets[0]);
        let state = if len == Some(0) {
            out.push(brackets[1]);
            State::Empty
        } else {
            State::First
        };
        Compound {
            out,
            state,
            variant,
        }
    }

    /// The comma before every item but the first.
    fn separate(&mut self) {
        if self.state != State::First {
            self.out.push(b',');
        }
        self.state = State::Rest;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> serde_json::Result<()> {
        self.separate();
        value.serialize(Writer(self.out))
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> serde_json::Result<()> {
        self.separate();
        name_into(self.out, key);
        self.out.push(b':');
        value.serialize(Writer(self.out))
    }

    fn close(self, bracket: u8) {
        if self.state != State::Empty {
            self.out.push(bracket);
        }
        if self.variant {
            self.out.push(b'}');
        }
    }
}

/// The integer methods, each written as `serde_json` writes integers.
macro_rules! integers {
    ($($method:ident($ty:ty)),+ $(,)?) => {
        $(fn $method(self, value: $ty) -> serde_json::Result<()> {
            self.integer(value);
            Ok(())
        })+
    };
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, value: bool) -> serde_json::Result<()> {
        self.0
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    integers! {
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_i128(i128), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_u128(u128),
    }

    fn serialize_f32(self, value: f32) -> serde_json::Result<()> {
        self.by_serde_json(|json| ser::Serializer::serialize_f32(json, value))
    }

    fn serialize_f64(self, value: f64) -> serde_json::Result<()> {
        self.by_serde_json(|json| ser::Serializer::serialize_f64(json, value))
    }

    fn serialize_char(self, value: char) -> serde_json::Result<()> {
        string_into(self.0, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> serde_json::Result<()> {
        string_into(self.0, value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> serde_json::Result<()> {
        self.by_serde_json(|json| ser::Serializer::serialize_bytes(json, value))
    }

    fn serialize_none(self) -> serde_json::Result<()> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> serde_json::Result<()> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> serde_json::Result<()> {
        self.0.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> serde_json::Result<()> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> serde_json::Result<()> {
        name_into(self.0, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> serde_json::Result<()> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> serde_json::Result<()> {
        self.open_variant(variant);
        value.serialize(Writer(&mut *self.0))?;
        self.0.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, len: Option<usize>) -> serde_json::Result<Compound<'a>> {
        Ok(Compound::open(self.0, len, *b"[]", false))
    }

    fn serialize_tuple(self, len: usize) -> serde_json::Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> serde_json::Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> serde_json::Result<Compound<'a>> {
        Ok(self.variant_compound(variant, len, *b"[]"))
    }

    fn serialize_map(self, len: Option<usize>) -> serde_json::Result<Compound<'a>> {
        Ok(Compound::open(self.0, len, *b"{}", false))
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> serde_json::Result<Compound<'a>> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> serde_json::Result<Compound<'a>> {
        Ok(self.variant_compound(variant, len, *b"{}"))
    }
}

/// The list forms: items written in turn, closed by `]`.
macro_rules! list_forms {
    ($($form:ident::$method:ident),+ $(,)?) => {
        $(impl ser::$form for Compound<'_> {
            type Ok = ();
            type Error = serde_json::Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> serde_json::Result<()> {
                self.element(value)
            }

            fn end(self) -> serde_json::Result<()> {
                self.close(b']');
                Ok(())
            }
        })+
    };
}

list_forms! {
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> serde_json::Result<()> {
        self.separate();
        match key.serialize(KeyWriter(self.out)) {
            Ok(()) => Ok(()),
            Err(KeyError::Json(e)) => Err(e),
            Err(KeyError::NotAString) => key_by_serde_json(self.out, key),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> serde_json::Result<()> {
        self.out.push(b':');
        value.serialize(Writer(self.out))
    }

    fn end(self) -> serde_json::Result<()> {
        self.close(b'}');
        Ok(())
    }
}

/// The struct forms: fields written as an object's keys and values,
/// closed by `}`.
macro_rules! struct_forms {
    ($($form:ident),+ $(,)?) => {
        $(impl ser::$form for Compound<'_> {
            type Ok = ();
            type Error = serde_json::Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> serde_json::Result<()> {
                self.field(key, value)
            }

            fn end(self) -> serde_json::Result<()> {
                self.close(b'}');
                Ok(())
            }
        })+
    };
}

struct_forms!(SerializeStruct, SerializeStructVariant);

/// A map key written as `serde_json` writes it, by `serde_json`: the first
/// key of a map it opens (`{` then the key, with no comma), without the `{`.
/// `serde_json` quotes integer and boolean keys and refuses others; this
/// follows it, whatever its version decides.
fn key_by_serde_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, key: &T) -> serde_json::Result<()> {
    use ser::{SerializeMap as _, Serializer as _};
    let mut written = Vec::new();
    let mut json = serde_json::Serializer::new(&mut written);
    // The map is left open: only its first key is wanted.
    json.serialize_map(None)?.serialize_key(key)?;
    out.extend_from_slice(written.get(1..).unwrap_or_default());
    Ok(())
}

/// Writes a map key that is a string (or a unit variant, written as its
/// name); refuses, having written nothing, any other key, for
/// [`key_by_serde_json`].
struct KeyWriter<'a>(&'a mut Vec<u8>);

/// Why [`KeyWriter`] did not write a key.
#[derive(Debug)]
enum KeyError {
    /// The key is not a string: `serde_json` is to write it or refuse it.
    NotAString,
    /// The key's `Serialize` impl failed.
    Json(serde_json::Error),
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyError::NotAString => f.write_str("a map key that is not a string"),
            KeyError::Json(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for KeyError {}

impl ser::Error for KeyError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        KeyError::Json(serde_json::Error::custom(message))
    }
}

/// The key forms [`KeyWriter`] leaves to `serde_json`.
macro_rules! not_a_string {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self $(, _: $arg)*) -> Result<$ok, KeyError> {
            Err(KeyError::NotAString)
        })*
    };
}

type NoCompound = ser::Impossible<(), KeyError>;

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = KeyError;
    type SerializeSeq = NoCompound;
    type SerializeTuple = NoCompound;
    type SerializeTupleStruct = NoCompound;
    type SerializeTupleVariant = NoCompound;
    type SerializeMap = NoCompound;
    type SerializeStruct = NoCompound;
    type SerializeStructVariant = NoCompound;

    fn serialize_str(self, value: &str) -> Result<(), KeyError> {
        string_into(self.0, value);
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), KeyError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), KeyError> {
        value.serialize(self)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), KeyError> {
        Err(KeyError::NotAString)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), KeyError> {
        Err(KeyError::NotAString)
    }

    not_a_string! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_i128(i128) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_u128(u128) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_seq(Option<usize>) -> NoCompound;
        serialize_tuple(usize) -> NoCompound;
        serialize_tuple_struct(&'static str, usize) -> NoCompound;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> NoCompound;
        serialize_map(Option<usize>) -> NoCompound;
        serialize_struct(&'static str, usize) -> NoCompound;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> NoCompound;
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Serialize;

    use super::to_json_into;

    fn written<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
        let mut out = Vec::new();
        to_json_into(&mut out, value).map_err(|e| e.to_string())?;
        String::from_utf8(out).map_err(|e| e.to_string())
    }

    fn by_serde_json<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
        serde_json::to_string(value).map_err(|e| e.to_string())
    }

    fn same_as_serde_json<T: Serialize + std::fmt::Debug + ?Sized>(value: &T) {
        assert_eq!(written(value), by_serde_json(value), "{value:?}");
    }

    #[derive(Debug, Serialize)]
    struct Unit;

    #[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
    struct Newtype(u8);

    #[derive(Debug, Serialize)]
    struct Pair(i8, &'static str);

    #[derive(Debug, Serialize)]
    #[allow(dead_code)] // read through Serialize
    struct Empty {
        #[serde(skip_serializing_if = "Option::is_none")]
        gone: Option<u8>,
    }

    /// Every form of serde's data model, with the names the crate's derives
    /// give (renamed, skipped, flattened).
    #[derive(Debug, Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Form {
        Named,
        Wrapped(f64),
        Tuple(u8, Option<bool>),
        Fields {
            #[serde(rename = "renamed-field")]
            quoted: char,
            #[serde(skip_serializing_if = "Option::is_none")]
            maybe: Option<u32>,
            bytes: &'static [u8],
        },
    }

    #[derive(Debug, Serialize)]
    #[serde(tag = "kind", content = "value", rename_all = "snake_case")]
    enum Tagged {
        NotAsked,
        Answered(Form),
    }

    #[derive(Debug, Serialize)]
    struct Outer {
        unit: Unit,
        newtype: Newtype,
        pair: Pair,
        empty: Empty,
        forms: Vec<Form>,
        tagged: [Tagged; 2],
        #[serde(flatten)]
        inner: Inner,
        big: (i128, u128),
        floats: (f32, f32, f64, f64, f64),
        none: Option<()>,
        empty_list: Vec<u8>,
    }

    #[derive(Debug, Serialize)]
    struct Inner {
        flattened: &'static str,
    }

    #[test]
    fn every_form_of_the_data_model_is_written_as_serde_json_writes_it() {
        let outer = Outer {
            unit: Unit,
            newtype: Newtype(7),
            pair: Pair(-3, "a\tb"),
            empty: Empty { gone: None },
            forms: vec![
                Form::Named,
                Form::Wrapped(27.5),
                Form::Tuple(1, None),
                Form::Fields {
                    quoted: '"',
                    maybe: Some(3),
                    bytes: b"\x00ok",
                },
                Form::Fields {
                    quoted: '\u{1F6AD}',
                    maybe: None,
                    bytes: b"",
                },
            ],
            tagged: [Tagged::NotAsked, Tagged::Answered(Form::Wrapped(-0.0))],
            inner: Inner { flattened: "yes" },
            big: (i128::MIN, u128::MAX),
            floats: (f32::NAN, 0.1, f64::INFINITY, 1e300, 3.0),
            none: None,
            empty_list: vec![],
        };
        same_as_serde_json(&outer);
    }

    /// A name is copied, not escaped: a type of the crate's whose field or
    /// variant is renamed to a name that needs escaping is caught in debug
    /// builds (and by the tests comparing whole assessments with
    /// `serde_json`), rather than written as invalid JSON.
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "a name that needs escaping")]
    fn a_name_that_needs_escaping_is_caught_in_debug_builds() {
        #[derive(Serialize)]
        struct Misnamed {
            #[serde(rename = "with \"quote\"")]
            field: u8,
        }
        let _ = written(&Misnamed { field: 1 });
    }

    #[test]
    fn map_keys_are_written_or_refused_as_serde_json_does() {
        same_as_serde_json(&BTreeMap::from([("b\n", 1), ("a", 2)]));
        same_as_serde_json(&BTreeMap::from([(3u8, "three"), (1, "one")]));
        same_as_serde_json(&BTreeMap::from([(-3i64, ()), (9, ())]));
        same_as_serde_json(&BTreeMap::from([(true, 1), (false, 0)]));
        same_as_serde_json(&BTreeMap::from([('x', 1)]));
        same_as_serde_json(&BTreeMap::from([(Newtype(4), 1)]));
        same_as_serde_json(&BTreeMap::<u8, u8>::new());
        // serde_json refuses these keys, and so does the writer.
        let refused = written(&BTreeMap::from([((1, 2), 3)]));
        assert!(refused.is_err(), "{refused:?}");
        same_as_serde_json(&BTreeMap::from([((1, 2), 3)]));
        same_as_serde_json(&BTreeMap::from([(vec![1u8], 3)]));
        same_as_serde_json(&BTreeMap::from([(Some(1u8), 3)]));
    }

    fn any_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::from),
                proptest::collection::btree_map(any::<String>(), inner, 0..8)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_value_is_written_as_serde_json_writes_it(value in any_json()) {
            prop_assert_eq!(written(&value), by_serde_json(&value));
        }

        #[test]
        fn any_numbers_are_written_as_serde_json_writes_them(
            a in any::<f32>(), b in any::<f64>(), c in any::<i64>(), d in any::<u16>(),
        ) {
            let value = (a, b, c, d, Some(b), [a]);
            prop_assert_eq!(written(&value), by_serde_json(&value));
        }
    }
}
