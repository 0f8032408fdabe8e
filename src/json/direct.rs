//! The first attempt of [`from_json`](super::from_json): a reader for the
//! usual document, straight from its text to the crate's types.
//!
//! Reading a screening document through `serde_json` costs about 28 000
//! instructions, two thirds of them in `serde_json`'s general machinery
//! (strings scanned for escapes and copied through a scratch buffer, every
//! position tracked for its messages) rather than in the crate's types. This
//! reader implements serde's `Deserializer` over the text for the forms the
//! crate's input types are written in, and hands each value to the same
//! `Deserialize` implementations, so every check and conversion is the one
//! `serde_json` would run.
//!
//! It gives up (an error carrying nothing) on anything it does not read
//! exactly as `serde_json` through [`Strict`](super::Strict) would:
//! - a string with an escape or a control character;
//! - a number other than a whole number of at most 19 digits without a
//!   leading zero, which is handed to `serde_json` to read alone, so that
//!   decimals, exponents and negative numbers are read by its code;
//! - a single-precision or 128-bit number, which `serde_json` may read by
//!   other rules (none of the crate's types has one);
//! - a struct given as a list, a field left to be ignored, bytes, a
//!   character, an enum variant with data given as its name alone;
//! - nesting deeper than [`MAX_DEPTH`];
//! - any error at all, the crate's own checks included.
//!
//! [`from_json`](super::from_json) then reads the document through
//! `serde_json`, which gives the value or the error, with its pointer, as
//! before. So a value this reader returns is the value `serde_json` would
//! return, and every refusal is `serde_json`'s; the unit tests below and the
//! `screen_document` fuzz target compare the two.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Visitor};

/// The error: `serde_json`'s, so that a number handed to it reads through
/// the same visitor. Its text is never shown: any error means giving up.
type Error = serde_json::Error;

/// The deepest nesting read here; a deeper document is read by `serde_json`,
/// whose limit (128) and messages then apply. A screening document nests
/// about seven deep, a local overlay's conditions a few more.
const MAX_DEPTH: u8 = 32;

/// Reads `T` from the whole of `text`, or `None` where `serde_json` must
/// read it.
pub(super) fn read<'de, T: de::Deserialize<'de>>(text: &'de str) -> Option<T> {
    let mut reader = Direct {
        text,
        at: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut reader).ok()?;
    (reader.peek().is_none()).then_some(value)
}

/// The place of the quote that ends a string whose text starts at `start`,
/// or `None` if a backslash or a control character comes first. Eight bytes
/// are read at a time, tested as strings are when written.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let text = bytes.get(start..)?;
    let mut words = text.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let word: &[u8; 8] = word.try_into().ok()?;
        let mask = crate::json_out::escape_mask(u64::from_le_bytes(*word));
        if mask != 0 {
            // The lowest bit set is in the first byte that ends the text.
            at += (mask.trailing_zeros() / 8) as usize;
            return (text.get(at) == Some(&b'"')).then_some(start + at);
        }
        at += 8;
    }
    // Fewer than eight bytes are left.
    let end = at
        + words
            .remainder()
            .iter()
            .position(|&b| crate::json_out::byte_needs_escape(b))?;
    (text.get(end) == Some(&b'"')).then_some(start + end)
}

/// Giving up: the reason is not kept, since `serde_json` will say it.
fn give_up() -> Error {
    de::Error::custom("")
}

/// The text and the reading position in it.
struct Direct<'de> {
    text: &'de str,
    /// The byte offset of the next byte to read.
    at: usize,
    /// How many objects, lists and enums enclose the position.
    depth: u8,
}

impl<'de> Direct<'de> {
    /// The next byte after any whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.at) {
            if !matches!(byte, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(byte);
            }
            self.at += 1;
        }
        None
    }

    /// Consumes `byte`, after any whitespace, or gives up.
    fn consume(&mut self, byte: u8) -> Result<(), Error> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(give_up())
        }
    }

    /// Consumes `word` (`true`, `false`, `null`) at the position.
    fn word(&mut self, word: &[u8]) -> Result<(), Error> {
        let end = self.at + word.len();
        if self.text.as_bytes().get(self.at..end) == Some(word) {
            self.at = end;
            Ok(())
        } else {
            Err(give_up())
        }
    }

    /// The string starting at the position (its opening quote), borrowed
    /// from the text; gives up on an escape or a control character, which
    /// `serde_json` unescapes or refuses.
    fn string(&mut self) -> Result<&'de str, Error> {
        let bytes = self.text.as_bytes();
        let start = self.at + 1;
        let end = string_end(bytes, start).ok_or_else(give_up)?;
        self.at = end + 1;
        // Both ends are at quotes, so on character boundaries.
        self.text.get(start..end).ok_or_else(give_up)
    }

    /// The number starting at the position, to `visitor`: a plain whole
    /// number here, as `serde_json` reads it (`visit_u64`); any other to
    /// `serde_json` alone.
    fn number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let mut end = start;
        let mut value: u64 = 0;
        let mut whole = true;
        while let Some(&byte) = bytes.get(end) {
            match byte {
                b'0'..=b'9' => value = value.wrapping_mul(10).wrapping_add(u64::from(byte - b'0')),
                b'-' | b'+' | b'.' | b'e' | b'E' => whole = false,
                _ => break,
            }
            end += 1;
        }
        self.at = end;
        let digits = end - start;
        // 19 digits always fit a u64; a leading zero is refused by serde_json.
        if whole && digits <= 19 && (digits == 1 || bytes.get(start) != Some(&b'0')) {
            return visitor.visit_u64(value);
        }
        let token = self.text.get(start..end).ok_or_else(give_up)?;
        let mut alone = serde_json::Deserializer::from_str(token);
        let value = de::Deserializer::deserialize_any(&mut alone, visitor)?;
        alone.end()?;
        Ok(value)
    }

    /// Steps into an object, a list or an enum's object.
    fn enter(&mut self) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Err(give_up());
        }
        self.depth += 1;
        self.at += 1;
        Ok(())
    }

    /// Reads the object at the position through `visitor`.
    fn object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        let value = visitor.visit_map(Entries {
            reader: self,
            first: true,
        })?;
        self.consume(b'}')?;
        self.depth -= 1;
        Ok(value)
    }

    /// Reads the list at the position through `visitor`.
    fn list<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        let value = visitor.visit_seq(Elements {
            reader: self,
            first: true,
        })?;
        self.consume(b']')?;
        self.depth -= 1;
        Ok(value)
    }
}

/// Number methods: `serde_json` reads every number the same way, whatever
/// type is asked for, and the visitor converts.
macro_rules! numbers {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                match self.peek() {
                    Some(b'-' | b'0'..=b'9') => self.number(visitor),
                    _ => Err(give_up()),
                }
            }
        )*
    };
}

/// Methods for forms the crate's types are never read from.
macro_rules! not_read {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
                Err(give_up())
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut Direct<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'"') => visitor.visit_borrowed_str(self.string()?),
            Some(b'{') => self.object(visitor),
            Some(b'[') => self.list(visitor),
            Some(b't') => self.word(b"true").and_then(|()| visitor.visit_bool(true)),
            Some(b'f') => self.word(b"false").and_then(|()| visitor.visit_bool(false)),
            Some(b'n') => self.word(b"null").and_then(|()| visitor.visit_unit()),
            Some(b'-' | b'0'..=b'9') => self.number(visitor),
            _ => Err(give_up()),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b't') => self.word(b"true").and_then(|()| visitor.visit_bool(true)),
            Some(b'f') => self.word(b"false").and_then(|()| visitor.visit_bool(false)),
            _ => Err(give_up()),
        }
    }

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_f64
    }

    // `serde_json` may read an `f32` straight to single precision (with its
    // `float_roundtrip` feature, which another crate can turn on), and
    // 128-bit integers through their own visits; none of the crate's types
    // asks for them.
    not_read! {
        deserialize_f32 deserialize_i128 deserialize_u128
        deserialize_char deserialize_bytes deserialize_byte_buf deserialize_ignored_any
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'"') => visitor.visit_borrowed_str(self.string()?),
            _ => Err(give_up()),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek() == Some(b'n') {
            self.word(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'n') => self.word(b"null").and_then(|()| visitor.visit_unit()),
            _ => Err(give_up()),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'[') => self.list(visitor),
            _ => Err(give_up()),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'{') => self.object(visitor),
            _ => Err(give_up()),
        }
    }

    /// An object only: a struct given as a list is [`Strict`](super::Strict)'s
    /// to refuse.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// A variant by its name, or as an object of one key, as `serde_json`
    /// reads an enum.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'"') => visitor.visit_enum(Named(self.string()?)),
            Some(b'{') => {
                self.enter()?;
                let value = visitor.visit_enum(&mut *self)?;
                self.consume(b'}')?;
                self.depth -= 1;
                Ok(value)
            }
            _ => Err(give_up()),
        }
    }
}

/// The entries of an object.
struct Entries<'a, 'de> {
    reader: &'a mut Direct<'de>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match (self.reader.peek(), self.first) {
            (Some(b'}'), _) => return Ok(None),
            (Some(b'"'), true) => {}
            (Some(b','), false) => {
                self.reader.at += 1;
                if self.reader.peek() != Some(b'"') {
                    return Err(give_up());
                }
            }
            _ => return Err(give_up()),
        }
        self.first = false;
        let key = self.reader.string()?;
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        self.reader.consume(b':')?;
        seed.deserialize(&mut *self.reader)
    }
}

/// The elements of a list.
struct Elements<'a, 'de> {
    reader: &'a mut Direct<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        match (self.reader.peek(), self.first) {
            (Some(b']'), _) => return Ok(None),
            (Some(b','), false) => self.reader.at += 1,
            (_, true) => {}
            _ => return Err(give_up()),
        }
        self.first = false;
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

/// An enum's variant given by its name alone.
struct Named<'de>(&'de str);

impl<'de> de::EnumAccess<'de> for Named<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let variant = seed.deserialize(BorrowedStrDeserializer::new(self.0))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Named<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _: S) -> Result<S::Value, Error> {
        Err(give_up())
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Error> {
        Err(give_up())
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Error> {
        Err(give_up())
    }
}

/// An enum given as an object of one key, the variant's name, whose value
/// holds the variant's data.
impl<'de> de::EnumAccess<'de> for &mut Direct<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        if self.peek() != Some(b'"') {
            return Err(give_up());
        }
        let variant = seed.deserialize(BorrowedStrDeserializer::new(self.string()?))?;
        self.consume(b':')?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Direct<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Err(give_up())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Error> {
        Err(give_up())
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::Contact;
    use crate::policy::{NATIONAL_DEFAULT_JSON, PolicyDocument};
    use crate::{Answers, Screening};
    use proptest::prelude::*;
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    /// `T` as `serde_json` reads it through [`Strict`](super::super::Strict):
    /// the reading the direct reader must agree with.
    fn by_serde_json<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let value = T::deserialize(super::super::Strict(&mut deserializer))?;
        deserializer.end().map(|()| value)
    }

    /// Asserts that what the direct reader returns for `text`, if anything,
    /// is what `serde_json` returns; says whether it returned anything.
    fn agrees<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> bool {
        let Some(direct) = read::<T>(text) else {
            return false;
        };
        match by_serde_json::<T>(text) {
            Ok(value) => assert_eq!(direct, value, "{text}"),
            Err(e) => panic!("read directly, refused by serde_json ({e}): {text}"),
        }
        true
    }

    /// A sample document, by name, as the crate is built with it.
    macro_rules! sample {
        ($name:literal) => {
            ($name, include_str!(concat!("../../examples/data/", $name)))
        };
    }

    /// Every sample document in `examples/data/`, built in so that the
    /// tests read no files; `tests/samples.rs` checks that the list is
    /// whole.
    const SAMPLES: &[(&str, &str)] = &[
        sample!("community_and_voluntary_activity_bmi.json"),
        sample!("community_pharmacy_smoking_co.json"),
        sample!("dental_smoking_audit_c.json"),
        sample!("emergency_department_pat.json"),
        sample!("general_practice_audit.json"),
        sample!("general_practice_bmi_waist_diabetes.json"),
        sample!("general_practice_child_bmi.json"),
        sample!("hospital_inpatient_audit_c_smoking.json"),
        sample!("hospital_outpatient_fast.json"),
        sample!("housing_fast_smoking.json"),
        sample!("maternity_smoking_co.json"),
        sample!("optometry_smoking.json"),
        sample!("pre_operative_assessment_smoking_bmi_audit_c.json"),
        sample!("screen.json"),
        sample!("workplace_health_activity.json"),
    ];

    #[test]
    fn every_sample_document_is_read_directly_as_serde_json_reads_it() {
        for (name, text) in SAMPLES {
            assert!(agrees::<Screening>(text), "{name} was not read directly");
            assert!(
                agrees::<Value>(text),
                "{name} was not read directly as JSON"
            );
        }
    }

    #[test]
    fn the_national_default_policy_is_read_directly_as_serde_json_reads_it() {
        assert!(agrees::<PolicyDocument>(NATIONAL_DEFAULT_JSON));
    }

    #[test]
    fn whitespace_anywhere_between_values_is_read() {
        let text = " {\n\t\"age\" : 40 ,\r\n \"sex\":\"female\", \"pregnant\" : \"no\" ,\
                    \"setting\":\"general_practice\",\"time_available\" :\"very_brief\"} \n";
        assert!(agrees::<Contact>(text));
        assert!(agrees::<Value>(text));
    }

    #[test]
    fn a_string_in_the_last_eight_bytes_is_read_to_its_end() {
        // Fewer than eight bytes from the opening quote to the end of the
        // text are read a byte at a time.
        for (text, read_as) in [
            (r#""a b""#, Some("a b")),
            (r#""""#, Some("")),
            ("\"\u{7f}~\"", Some("\u{7f}~")),
            (r#""a\"b""#, None),
            (r#""a\\""#, None),
            ("\"a\u{1}\"", None),
            ("\"a\u{1f}\"", None),
            (r#""ab"#, None),
        ] {
            assert_eq!(read::<String>(text).as_deref(), read_as, "{text}");
            if read_as.is_some() {
                assert!(agrees::<String>(text), "{text}");
            }
        }
        // The same strings in eight bytes or more are read eight at a time.
        assert_eq!(
            read::<String>(r#""abcdefgh ij""#).as_deref(),
            Some("abcdefgh ij")
        );
        assert!(read::<String>("\"abc\u{1}defghij\"").is_none());
        assert!(read::<String>(r#""abc\defghij""#).is_none());
    }

    #[test]
    fn numbers_read_as_serde_json_reads_them() {
        // Whole numbers are read here; the rest are handed to serde_json.
        for number in [
            "0",
            "7",
            "40",
            "9999999999999999999",
            "1.5",
            "172.50",
            "1e2",
            "2E-1",
            "-3",
            "-0",
            "-0.0",
        ] {
            assert!(agrees::<Value>(number), "{number}");
            let in_list = format!("[{number}, {number}]");
            assert!(agrees::<Value>(&in_list), "{in_list}");
        }
        assert!(agrees::<crate::units::Number>("172.5"));
        assert!(agrees::<crate::units::Number>("172"));
        assert!(agrees::<f64>("1.0000001788139343261718749"));
        // Twenty digits or more may not fit a u64, which serde_json then
        // reads as a float: they are handed to it alone.
        for number in [
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
        ] {
            assert!(agrees::<Value>(number), "{number}");
        }
        assert_eq!(
            read::<Value>("99999999999999999999"),
            Some(Value::from(1e20))
        );
        // Single precision and 128-bit integers are left to serde_json, which
        // may read them by other rules (an f32 rounded once, not twice).
        for number in ["1e39", "1.0000001788139343261718749", "7"] {
            assert!(read::<f32>(number).is_none(), "{number}");
            assert!(read::<u128>(number).is_none(), "{number}");
            assert!(read::<i128>(number).is_none(), "{number}");
        }
    }

    #[test]
    fn what_is_given_up_on_is_left_to_serde_json() {
        let contact = r#"{"age": 40, "sex": "female", "pregnant": "no", "setting": "general_practice", "time_available": "very_brief"}"#;
        assert!(agrees::<Contact>(contact));
        let given_up: &[(&str, String)] = &[
            (
                "an escape in a string",
                contact.replace("female", r"fem\u0061le"),
            ),
            (
                "a control character in a string",
                contact.replace("female", "fe\u{1}male"),
            ),
            (
                "a struct as a list",
                r#"[40, "female", "no", "general_practice", "very_brief"]"#.into(),
            ),
            (
                "a trailing comma",
                contact.replace(r#""very_brief"}"#, r#""very_brief",}"#),
            ),
            ("text after the document", format!("{contact} x")),
            ("a second document", format!("{contact}{contact}")),
            ("a leading zero", contact.replace("40", "040")),
            (
                "a number past 19 digits",
                contact.replace("40", "40000000000000000000"),
            ),
            ("a number with two points", contact.replace("40", "4.0.0")),
            ("a missing colon", contact.replace(r#""age":"#, r#""age""#)),
            ("a missing comma", contact.replace(r#"40,"#, "40")),
            ("an unknown field", contact.replace(r#""age""#, r#""agee""#)),
            (
                "a field given twice",
                contact.replace(r#""sex""#, r#""age": 41, "sex""#),
            ),
            ("an age out of range", contact.replace("40", "121")),
            ("an unknown name", contact.replace("female", "f")),
            ("a name cut short", contact.replace(r#"no""#, r#"no"#)),
            ("a document cut short", contact.trim_end_matches('}').into()),
            ("an empty document", String::new()),
        ];
        for (what, text) in given_up {
            assert!(
                read::<Contact>(text).is_none(),
                "{what} was read directly: {text}"
            );
            // And from_json reads it as serde_json does.
            match (Contact::from_json(text), by_serde_json::<Contact>(text)) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}"),
                (Err(_), Err(_)) => {}
                (a, b) => panic!("{what}: from_json {a:?}, serde_json {b:?}"),
            }
        }
        // An escape is read by serde_json: the document is accepted as before.
        assert_eq!(
            Contact::from_json(&given_up[0].1).expect("an escaped name reads"),
            Contact::from_json(contact).expect("the contact reads")
        );
    }

    #[test]
    fn null_is_read_as_nothing() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Nothing;
        assert!(agrees::<()>("null"));
        assert!(agrees::<Nothing>(" null "));
        assert!(agrees::<Option<u32>>("null"));
        assert!(read::<()>("nul").is_none());
        assert!(read::<()>("nullx").is_none());
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_left_to_serde_json() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(agrees::<Value>(&nested(usize::from(MAX_DEPTH))));
        assert!(read::<Value>(&nested(usize::from(MAX_DEPTH) + 1)).is_none());
        assert!(by_serde_json::<Value>(&nested(usize::from(MAX_DEPTH) + 1)).is_ok());
    }

    #[test]
    fn an_enum_is_read_by_its_name_or_as_an_object_of_one_key() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        enum Shape {
            Dot,
            Line(u32),
            Square { side: u32 },
        }
        for text in [
            r#""Dot""#,
            r#"{"Line": 3}"#,
            r#"{ "Square" : { "side": 2 } }"#,
        ] {
            assert!(agrees::<Shape>(text), "{text}");
        }
        // A struct variant's fields given as a list, a unit variant given
        // with a value, and a variant with data named alone are left to
        // serde_json, which refuses the last.
        for text in [
            r#"{"Square": [2]}"#,
            r#"{"Dot": null}"#,
            r#"{"Dot": }"#,
            r#""Line""#,
            r#"{"Line": 3, "Dot": 1}"#,
        ] {
            assert!(read::<Shape>(text).is_none(), "{text}");
        }
        assert!(by_serde_json::<Shape>(r#""Line""#).is_err());
        // Leaving each enum's object steps back out: many in a row are read.
        let many = format!(
            "[{}]",
            vec![r#"{"Line": 3}"#; 2 * usize::from(MAX_DEPTH)].join(",")
        );
        assert!(agrees::<Vec<Shape>>(&many));
    }

    /// Bytes an edit puts into a document: JSON's own, and a few others.
    const EDIT_BYTES: &[u8] = b"{}[]:,\"\\ \n0123456789-+.eEtrufalsn_xyz";

    /// `text` with ASCII bytes replaced, inserted or deleted at ASCII places,
    /// so that it stays UTF-8.
    fn edited(text: &str, edits: &[(usize, u8, usize)]) -> String {
        let mut bytes = text.as_bytes().to_vec();
        for &(at, byte, kind) in edits {
            if bytes.is_empty() {
                break;
            }
            let at = at % bytes.len();
            let byte = EDIT_BYTES[usize::from(byte) % EDIT_BYTES.len()];
            if !bytes[at].is_ascii() {
                continue;
            }
            match kind % 3 {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        String::from_utf8(bytes).unwrap_or_default()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        /// Whatever a sample document is edited into, the direct reader reads
        /// it as serde_json does, or leaves it to serde_json.
        #[test]
        fn an_edited_document_is_read_as_serde_json_reads_it_or_left_to_it(
            sample in 0usize..64,
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 1..4),
        ) {
            let (_, text) = SAMPLES[sample % SAMPLES.len()];
            let text = edited(text, &edits);
            agrees::<Screening>(&text);
            agrees::<Answers>(&text);
            agrees::<Value>(&text);
        }
    }
}
