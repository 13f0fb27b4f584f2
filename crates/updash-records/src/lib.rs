//! Records as the API sent them, for `--json`: every field in its order and with its type
//! (string booleans stay strings, unknown fields stay), borrowed from the response body
//! instead of decoded and written again; secrets masked unless the operator asks.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

mod list_reader;
pub use list_reader::{ListReader, WriteRecord};

/// The fields of a database record that hold credentials.
pub const SECRET_FIELDS: &[&str] = &["password", "rest_token", "read_only_rest_token"];

/// The fields of a Vector index, Search index or QStash record that hold credentials.
pub const PRODUCT_SECRET_FIELDS: &[&str] = &["token", "read_only_token"];

/// What a masked secret reads as.
pub const MASK: &str = "********";

/// One record: its fields in the order the API sent them, values untouched.
#[derive(Debug)]
pub struct RawRecord<'a> {
    fields: Vec<(Cow<'a, str>, &'a RawValue)>,
    masked: &'static [&'static str],
    /// Every byte of the text the record came from is below DEL (checked once for a whole
    /// list instead of field by field).
    text_below_del: bool,
}

impl<'a> RawRecord<'a> {
    /// This record with the values of `fields` written as [`MASK`] (a null or empty value
    /// stays as sent: there is nothing to hide).
    pub fn masking(mut self, fields: &'static [&'static str]) -> Self {
        self.masked = fields;
        self
    }

    /// The value of `key` as sent (raw JSON text).
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    fn hides(&self, key: &str, value: &RawValue) -> bool {
        self.masked.contains(&key) && !matches!(value.get(), "null" | "\"\"")
    }
}

/// The records of a body that is a JSON array of objects.
pub fn records(body: &[u8]) -> Result<Vec<RawRecord<'_>>, serde_json::Error> {
    serde_json::from_slice::<Records<'_>>(body).map(|r| r.0)
}

/// The record of a body that is one JSON object.
pub fn record(body: &[u8]) -> Result<RawRecord<'_>, serde_json::Error> {
    serde_json::from_slice(body)
}

/// The records of a body that is a JSON array, each masked, written one by one as they are
/// read: apart from the body, only the record being written is held.
pub struct StreamedList<'a> {
    body: &'a [u8],
    masked: &'static [&'static str],
}

impl<'a> StreamedList<'a> {
    /// The records of `body`, with the values of `masked` written as [`MASK`].
    pub fn new(body: &'a [u8], masked: &'static [&'static str]) -> Self {
        Self { body, masked }
    }
}

impl StreamedList<'_> {
    /// Hands each record, masked, to `write` as it is read: the body's failure outside, the
    /// writer's inside.
    pub fn for_each(
        &self,
        write: &mut dyn FnMut(&RawRecord<'_>) -> std::io::Result<()>,
    ) -> Result<std::io::Result<()>, serde_json::Error> {
        let mut reader = ListReader::new(self.masked);
        match reader.push(self.body, write)? {
            Ok(()) => reader.finish(write),
            Err(e) => Ok(Err(e)),
        }
    }
}

/// Whether every byte is below DEL: in JSON text (which holds no other control character
/// raw than whitespace between tokens), nothing a terminal acts on. Branch-free so a long
/// text is scanned in words.
pub fn below_del(text: &[u8]) -> bool {
    text.iter().fold(true, |plain, &b| plain & (b < 0x7f))
}

/// Reads one record's fields into a list, replacing what it held.
struct FieldsOf<'v, 'de>(&'v mut Vec<(Cow<'de, str>, &'de RawValue)>);

impl<'de> de::DeserializeSeed<'de> for FieldsOf<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldsOf<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        self.0.clear();
        while let Some(entry) = map.next_entry::<Key<'de>, &'de RawValue>()? {
            self.0.push((entry.0.0, entry.1));
        }
        Ok(())
    }
}

impl RawRecord<'_> {
    /// Writes the record as the pretty formatter would at the depth of a list item, straight
    /// from its text, when every key and value is printable ASCII (nothing a terminal acts
    /// on); `false`, with nothing written, otherwise.
    #[inline(never)]
    pub fn write_plain_item(&self, out: &mut Vec<u8>) -> bool {
        let all_plain = self.fields.iter().all(|(key, value)| {
            matches!(key, Cow::Borrowed(_))
                && (self.text_below_del
                    || below_del(key.as_bytes()) && below_del(value.get().as_bytes()))
        });
        if !all_plain {
            return false;
        }
        if self.fields.is_empty() {
            out.extend_from_slice(b"{}");
            return true;
        }
        let fields = self.fields.iter();
        out.reserve(
            fields
                .map(|(k, v)| k.len() + v.get().len() + 16)
                .sum::<usize>(),
        );
        let mut separator: &[u8] = b"{\n    \"";
        for (key, value) in &self.fields {
            out.extend_from_slice(separator);
            separator = b",\n    \"";
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\": ");
            if self.hides(key, value) {
                out.extend_from_slice(b"\"");
                out.extend_from_slice(MASK.as_bytes());
                out.extend_from_slice(b"\"");
            } else {
                out.extend_from_slice(value.get().as_bytes());
            }
        }
        out.extend_from_slice(b"\n  }");
        true
    }
}

impl Serialize for RawRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.fields.len()))?;
        for (key, value) in &self.fields {
            if self.hides(key, value) {
                map.serialize_entry(key, MASK)?;
            } else {
                map.serialize_entry(key, &Verbatim(value))?;
            }
        }
        map.end()
    }
}

/// A value written as sent when it is plain ASCII (JSON escapes keep control characters out
/// of it); anything else is decoded and written again, so the output formatter sees every
/// string and can escape what must not reach a terminal raw.
struct Verbatim<'a>(&'a RawValue);

impl Serialize for Verbatim<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.0.get();
        // Raw JSON holds no control character but whitespace between tokens; DEL is the one
        // ASCII character a JSON string may carry raw that a terminal must not get.
        if below_del(text.as_bytes()) {
            return self.0.serialize(s);
        }
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => value.serialize(s),
            Err(e) => Err(serde::ser::Error::custom(e)),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawRecord<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = RawRecord<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(32));
                while let Some(entry) = map.next_entry::<Key<'de>, &'de RawValue>()? {
                    fields.push((entry.0.0, entry.1));
                }
                Ok(RawRecord {
                    fields,
                    masked: &[],
                    text_below_del: false,
                })
            }
        }
        d.deserialize_map(Fields)
    }
}

/// A key, borrowed unless it holds escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

struct Records<'a>(Vec<RawRecord<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for Records<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Items;
        impl<'de> Visitor<'de> for Items {
            type Value = Records<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON array of objects")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element::<RawRecord<'de>>()? {
                    items.push(item);
                }
                Ok(Records(items))
            }
        }
        d.deserialize_seq(Items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list as compact JSON, each record masked; the body's fault as the error.
    fn compact(list: &StreamedList<'_>) -> Result<String, serde_json::Error> {
        let mut items = Vec::new();
        let written = list.for_each(&mut |r| {
            items.push(serde_json::to_string(r).map_err(std::io::Error::other)?);
            Ok(())
        })?;
        written.map_err(serde_json::Error::io)?;
        Ok(format!("[{}]", items.join(",")))
    }

    #[test]
    fn fields_keep_their_order_types_and_unknown_ones() {
        let body = br#"[{"database_id":"a","db_acl_enabled":"false","new_field":{"x":[1,2]},
            "password":"pw","rest_token":null,"read_only_rest_token":""}]"#;
        assert_eq!(records(body).expect("records").len(), 1);
        let text = compact(&StreamedList::new(body, SECRET_FIELDS)).expect("JSON");
        assert_eq!(
            text,
            r#"[{"database_id":"a","db_acl_enabled":"false","new_field":{"x":[1,2]},"password":"********","rest_token":null,"read_only_rest_token":""}]"#
        );
        let shown = record(br#"{"password":"pw","k\u00e9y":"caf\u00e9 \u202e"}"#).expect("one");
        assert_eq!(shown.get("password").map(RawValue::get), Some("\"pw\""));
        let text = serde_json::to_string(&shown).expect("JSON");
        // The value came escaped (plain ASCII): written as sent.
        assert_eq!(
            text,
            "{\"password\":\"pw\",\"k\u{e9}y\":\"caf\\u00e9 \\u202e\"}"
        );
    }

    #[test]
    fn a_streamed_list_is_the_list_masked() {
        let body = br#"[{"a":1,"password":"pw"},{"a":2,"password":null}]"#;
        let text = compact(&StreamedList::new(body, SECRET_FIELDS)).expect("JSON");
        assert_eq!(
            text,
            r#"[{"a":1,"password":"********"},{"a":2,"password":null}]"#
        );
        let empty = compact(&StreamedList::new(b" [ ] ", &[])).expect("JSON");
        assert_eq!(empty, "[]");
        for bad in [
            &b"[{\"a\":1},"[..],
            b"{}",
            b"[1]",
            b"[] x",
            b"[{\"a\":\"\xff\"}]",
        ] {
            let list = StreamedList::new(bad, &[]);
            assert!(compact(&list).is_err());
            assert!(
                list.for_each(&mut |_| Ok(())).is_err(),
                "the body's fault, said as such"
            );
        }
    }

    #[test]
    fn a_plain_record_is_written_as_the_pretty_formatter_writes_a_list_item() {
        let body = br#"[{"a":1,"password":"pw","b":["x","y"],"c":null},{}]"#;
        let mut plain = Vec::new();
        let list = StreamedList::new(body, SECRET_FIELDS);
        let written = list.for_each(&mut |r| {
            plain.extend_from_slice(b"|");
            assert!(r.write_plain_item(&mut plain));
            Ok(())
        });
        assert!(matches!(written, Ok(Ok(()))));
        assert_eq!(
            String::from_utf8_lossy(&plain),
            "|{\n    \"a\": 1,\n    \"password\": \"********\",\n    \"b\": [\"x\",\"y\"],\n    \"c\": null\n  }|{}"
        );
        let shown = record("{\"name\":\"pay\u{202e}txt\"}".as_bytes()).expect("one");
        let mut out = Vec::new();
        assert!(!shown.write_plain_item(&mut out));
        assert!(
            out.is_empty(),
            "nothing written for a record that is not plain"
        );
        let escaped = record(br#"{"k\"ey":1}"#).expect("one");
        assert!(!escaped.write_plain_item(&mut out));
        assert!(
            StreamedList::new(b"[1]", &[])
                .for_each(&mut |_| Ok(()))
                .is_err()
        );
    }

    #[test]
    fn non_ascii_values_are_written_again_through_the_formatter() {
        let shown = record("{\"name\":\"pay\u{202e}txt\"}".as_bytes()).expect("one");
        let text = serde_json::to_string(&shown).expect("JSON");
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid");
        assert_eq!(back["name"], "pay\u{202e}txt");
    }

    #[test]
    fn a_body_of_another_shape_is_an_error() {
        assert!(records(b"{\"a\":1}").is_err());
        assert!(records(b"[1, 2]").is_err());
        assert!(record(b"[]").is_err());
        assert!(records(b"[{\"a\":").is_err());
    }
}
