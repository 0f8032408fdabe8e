//! Writing JSON strings fast, byte for byte as `serde_json` writes them.
//!
//! An assessment's JSON is mostly text: each action's wording and the
//! source it cites. `serde_json` looks every byte of a string up in a table
//! to find what needs escaping; here eight bytes are tested at once, and the
//! rare byte that needs escaping is escaped as `serde_json` escapes it:
//! `"` and `\` with a backslash, the control characters below U+0020 as
//! `\b`, `\t`, `\n`, `\f`, `\r` or `\u00XX` (lower-case hex), and nothing
//! else.

use std::fmt;

mod writer;

pub(crate) use writer::to_json_into;

/// Eight copies of a byte.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// Whether any of the eight bytes in `word` needs escaping: a control
/// character, a quote or a backslash. A byte of 0x80 or more (part of a
/// multi-byte character) never does.
///
/// `x - 0x01` in a byte sets its high bit when `x` is zero (and perhaps,
/// by the borrow, in the bytes above a zero); `w - 0x20` likewise when the
/// byte is below 0x20. A byte with its own high bit set is excluded by
/// `!word`, which serves for all three tests: a quote or a backslash
/// (below 0x80) leaves a byte's high bit as it was when it is xored in. So
/// the three tests share one mask, exact for whether any byte needs
/// escaping, in about ten instructions.
const fn needs_escape(word: u64) -> bool {
    escape_mask(word) != 0
}

/// The high bit of each byte of `word` that may need escaping, as
/// [`needs_escape`] tests them. A borrow runs only upwards, from a byte that
/// needs escaping, so the lowest bit set (in the word read little-endian,
/// the first byte in the text) marks a byte that does.
pub(crate) const fn escape_mask(word: u64) -> u64 {
    let quote = (word ^ splat(b'"')).wrapping_sub(splat(0x01));
    let backslash = (word ^ splat(b'\\')).wrapping_sub(splat(0x01));
    let control = word.wrapping_sub(splat(0x20));
    (quote | backslash | control) & !word & splat(0x80)
}

/// The escape for one byte, if it needs one.
fn escape(byte: u8) -> Option<&'static [u8]> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // Every control character's `\u00XX` form, built once.
    const CONTROL: [[u8; 6]; 32] = {
        let mut table = [[0u8; 6]; 32];
        let mut b = 0;
        while b < 32 {
            table[b] = [b'\\', b'u', b'0', b'0', HEX[b >> 4], HEX[b & 0xF]];
            b += 1;
        }
        table
    };
    match byte {
        b'"' => Some(b"\\\""),
        b'\\' => Some(b"\\\\"),
        0x08 => Some(b"\\b"),
        0x09 => Some(b"\\t"),
        0x0A => Some(b"\\n"),
        0x0C => Some(b"\\f"),
        0x0D => Some(b"\\r"),
        0x00..=0x1F => CONTROL.get(usize::from(byte)).map(<[u8; 6]>::as_slice),
        _ => None,
    }
}

/// Whether one byte needs escaping.
pub(crate) const fn byte_needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// A text of fewer than eight bytes as one word holding every byte of it
/// (some twice) and spaces, which never need escaping: four bytes from each
/// end, overlapping, for four to seven bytes; the first, middle and last for
/// one to three.
fn short_word(text: &[u8]) -> u64 {
    let n = text.len();
    let byte = |i: usize| text.get(i).copied().unwrap_or(b' ');
    if n >= 4 {
        let first = [byte(0), byte(1), byte(2), byte(3)];
        let last = [byte(n - 4), byte(n - 3), byte(n - 2), byte(n - 1)];
        u64::from(u32::from_ne_bytes(first)) | (u64::from(u32::from_ne_bytes(last)) << 32)
    } else {
        let ends = [byte(0), byte(n / 2), byte(n.wrapping_sub(1))];
        u64::from_ne_bytes([ends[0], ends[1], ends[2], b' ', b' ', b' ', b' ', b' '])
    }
}

/// The place of the first byte from `from` on that needs escaping: eight
/// bytes are passed over at a time while none of them does (the word test
/// is exact: it flags a word only when one of its bytes needs escaping).
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    let mut rest = bytes.get(from..)?;
    while let Some((word, tail)) = rest.split_first_chunk::<8>() {
        if needs_escape(u64::from_ne_bytes(*word)) {
            break;
        }
        at += 8;
        rest = tail;
    }
    // Fewer than eight bytes are left. In a text of eight bytes or more, its
    // last eight hold them all; a shorter text is tested as one word of its
    // own. When that word needs no escaping, nor do they.
    // (With eight or more left, the loop stopped at a word that needs it.)
    let clear = rest.len() < 8
        && match bytes.last_chunk::<8>() {
            Some(last) => !needs_escape(u64::from_ne_bytes(*last)),
            None => !needs_escape(short_word(bytes)),
        };
    if clear {
        return None;
    }
    rest.iter()
        .position(|b| byte_needs_escape(*b))
        .map(|i| at + i)
}

/// Appends `text` to `out` escaped as the contents of a JSON string.
pub(crate) fn escape_into(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    // The start of the run not yet copied.
    let mut run = 0;
    while let Some(at) = next_escape(bytes, run) {
        out.extend_from_slice(bytes.get(run..at).unwrap_or_default());
        out.extend_from_slice(bytes.get(at).copied().and_then(escape).unwrap_or_default());
        run = at + 1;
    }
    out.extend_from_slice(bytes.get(run..).unwrap_or_default());
}

/// Whether `text` is written into a JSON string as it is, with nothing to
/// escape: checked once for a policy's texts when it is compiled, so that
/// writing them is a copy.
pub(crate) fn needs_no_escape(text: &str) -> bool {
    next_escape(text.as_bytes(), 0).is_none()
}

/// Appends `text`, which needs no escaping ([`needs_no_escape`]), to `out`
/// as a JSON string.
pub(crate) fn plain_string_into(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// Appends `text` to `out` as a JSON string.
pub(crate) fn string_into(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    escape_into(out, text);
    out.push(b'"');
}

/// Writes what is formatted into it as the escaped contents of a JSON
/// string, so that a text written out piece by piece is never built whole.
pub(crate) struct Escaping<'a>(pub(crate) &'a mut Vec<u8>);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        escape_into(self.0, piece);
        Ok(())
    }
}

/// Writes what is formatted into it as it is: for the contents of a JSON
/// string written from pieces already known to have nothing to escape.
pub(crate) struct Verbatim<'a>(pub(crate) &'a mut Vec<u8>);

impl fmt::Write for Verbatim<'_> {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        debug_assert!(needs_no_escape(piece), "{piece:?}");
        self.0.extend_from_slice(piece.as_bytes());
        Ok(())
    }
}

/// The name a unit enum variant serializes as (`"advice"` for
/// `ActionKind::Advice`), read from its `Serialize` impl without writing
/// anything; `None` for a value that is not a unit variant.
pub(crate) fn variant_name<T: serde::Serialize + ?Sized>(value: &T) -> Option<&'static str> {
    value.serialize(VariantName).ok()
}

/// A serializer that accepts only a unit variant, and gives its name.
struct VariantName;

/// What [`VariantName`] refuses: anything but a unit variant.
#[derive(Debug)]
struct NotAUnitVariant;

impl fmt::Display for NotAUnitVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotAUnitVariant {}

impl serde::ser::Error for NotAUnitVariant {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotAUnitVariant
    }
}

/// Every method but `serialize_unit_variant` refuses.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self $(, _: $arg)*) -> Result<$ok, NotAUnitVariant> {
            Err(NotAUnitVariant)
        })*
    };
}

impl serde::Serializer for VariantName {
    type Ok = &'static str;
    type Error = NotAUnitVariant;
    type SerializeSeq = serde::ser::Impossible<&'static str, NotAUnitVariant>;
    type SerializeTuple = serde::ser::Impossible<&'static str, NotAUnitVariant>;
    type SerializeTupleStruct = serde::ser::Impossible<&'static str, NotAUnitVariant>;
    type SerializeTupleVariant = serde::ser::Impossible<&'static str, NotAUnitVariant>;
    type SerializeMap = serde::ser::Impossible<&'static str, NotAUnitVariant>;
    type SerializeStruct = serde::ser::Impossible<&'static str, NotAUnitVariant>;
    type SerializeStructVariant = serde::ser::Impossible<&'static str, NotAUnitVariant>;

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<&'static str, NotAUnitVariant> {
        Ok(variant)
    }

    refuse! {
        serialize_bool(bool) -> &'static str;
        serialize_i8(i8) -> &'static str;
        serialize_i16(i16) -> &'static str;
        serialize_i32(i32) -> &'static str;
        serialize_i64(i64) -> &'static str;
        serialize_u8(u8) -> &'static str;
        serialize_u16(u16) -> &'static str;
        serialize_u32(u32) -> &'static str;
        serialize_u64(u64) -> &'static str;
        serialize_f32(f32) -> &'static str;
        serialize_f64(f64) -> &'static str;
        serialize_char(char) -> &'static str;
        serialize_str(&str) -> &'static str;
        serialize_bytes(&[u8]) -> &'static str;
        serialize_none() -> &'static str;
        serialize_unit() -> &'static str;
        serialize_unit_struct(&'static str) -> &'static str;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: serde::Serialize + ?Sized>(
        self,
        value: &T,
    ) -> Result<&'static str, NotAUnitVariant> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotAUnitVariant> {
        Err(NotAUnitVariant)
    }

    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotAUnitVariant> {
        Err(NotAUnitVariant)
    }
}

/// Appends a unit variant's name as a JSON string, or the value as
/// `serde_json` writes it when it is not one.
pub(crate) fn name_into<T: serde::Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> serde_json::Result<()> {
    match variant_name(value) {
        // Variant names are identifiers: nothing in them needs escaping.
        Some(name) => {
            out.push(b'"');
            out.extend_from_slice(name.as_bytes());
            out.push(b'"');
            Ok(())
        }
        None => to_json_into(out, value),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn as_serde_json_writes(text: &str) -> String {
        serde_json::to_string(text).expect("a string serializes")
    }

    fn as_written(text: &str) -> String {
        let mut out = Vec::new();
        string_into(&mut out, text);
        String::from_utf8(out).expect("escaping keeps UTF-8")
    }

    #[test]
    fn every_byte_that_needs_escaping_is_escaped_as_serde_json_does() {
        for c in (0u8..=0x7F).map(char::from) {
            for at in 0..12 {
                // The byte at every place in and around an eight-byte word.
                let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(11 - at));
                assert_eq!(
                    as_written(&text),
                    as_serde_json_writes(&text),
                    "{c:?} at {at}"
                );
            }
        }
    }

    /// Texts shorter than a word, and the bytes left after whole words, are
    /// tested in words of their own: a byte that needs escaping is found at
    /// every place in a text of every length to two words and a bit.
    #[test]
    fn a_byte_that_needs_escaping_is_found_at_every_place_in_texts_of_every_length() {
        for len in 0..=19 {
            let plain = "é".repeat(len / 2) + &"a".repeat(len % 2);
            assert_eq!(as_written(&plain), as_serde_json_writes(&plain));
            for at in 0..len {
                for c in ['"', '\\', '\0', '\n', '\x1f'] {
                    let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(len - at - 1));
                    assert_eq!(as_written(&text), as_serde_json_writes(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn every_name_in_a_plan_is_written_as_serde_json_writes_it() {
        use crate::outcome::Topic;
        use crate::policy::{ActionKind, Intensity, ReferralMode, Urgency};
        fn check<T: serde::Serialize>(values: impl IntoIterator<Item = T>) {
            for value in values {
                let mut out = Vec::new();
                name_into(&mut out, &value).expect("a name is written");
                let want = serde_json::to_vec(&value).expect("a name serializes");
                assert_eq!(
                    String::from_utf8_lossy(&out),
                    String::from_utf8_lossy(&want)
                );
            }
        }
        check([
            ActionKind::Advice,
            ActionKind::Leaflet,
            ActionKind::Referral,
            ActionKind::Signpost,
            ActionKind::SafetyAlert,
            ActionKind::FollowUp,
            ActionKind::Record,
            ActionKind::Ask,
            ActionKind::Defer,
        ]);
        check(Topic::ALL);
        check([Intensity::VeryBrief, Intensity::Brief, Intensity::Extended]);
        check([ReferralMode::OptIn, ReferralMode::OptOut]);
        check([Urgency::Now, Urgency::Within24Hours, Urgency::Routine]);
        check(crate::policy::CONFIRMED_CODES.map(|(concept, _)| concept));
        // Not a unit variant: written as serde_json writes it.
        check([Some(3u32)]);
        assert_eq!(variant_name(&Some(ActionKind::Advice)), Some("advice"));
        assert_eq!(variant_name(&None::<ActionKind>), None);
    }

    #[test]
    fn text_with_nothing_to_escape_is_copied() {
        let text = "Offer to refer them to the local stop smoking service — “très bien” 🚭.";
        assert_eq!(as_written(text), format!("\"{text}\""));
    }

    proptest! {
        /// The word test says of any eight bytes what testing them one by
        /// one says, bytes of every value and every place among them,
        /// including those that need escaping beside one that borrows.
        #[test]
        fn the_word_test_agrees_with_testing_each_byte(
            bytes in proptest::array::uniform8(prop_oneof![
                any::<u8>(),
                Just(b'"'),
                Just(b'\\'),
                0u8..0x21,
                0x7Fu8..=0x81,
            ]),
        ) {
            let word = u64::from_ne_bytes(bytes);
            prop_assert_eq!(needs_escape(word), bytes.iter().any(|b| byte_needs_escape(*b)));
        }

        #[test]
        fn any_text_is_written_as_serde_json_writes_it(text in any::<String>()) {
            prop_assert_eq!(as_written(&text), as_serde_json_writes(&text));
        }

        #[test]
        fn any_text_of_quotes_controls_and_letters_is_written_as_serde_json_writes_it(
            text in "[\"\\\\\\x00-\\x1fa-z\\x7f\u{80}-\u{10ffff}]{0,40}",
        ) {
            prop_assert_eq!(as_written(&text), as_serde_json_writes(&text));
        }
    }
}
