//! Deserializers that accept the encodings the Developer API really sends, not only the
//! ones the OpenAPI document promises (booleans as strings, floats for integers, nulls).

use crate::secret::Secret;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// A JSON scalar as the API may send it; anything else (arrays, objects) is `Other`.
/// Read with a visitor rather than `#[serde(untagged)]`, which would buffer every value.
enum Scalar {
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Unsigned(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(u64::try_from(v).map_or(Scalar::Signed(v), Scalar::Unsigned))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Scalar::Other)
    }
}

/// A flag that may be `true`, `"true"`, `1` or `"1"`; anything unreadable is `None`.
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<Scalar>::deserialize(d)? {
        Some(Scalar::Bool(b)) => Some(b),
        Some(Scalar::Unsigned(n)) => Some(n != 0),
        Some(Scalar::Signed(n)) => Some(n != 0),
        Some(Scalar::Float(f)) => Some(f != 0.0),
        Some(Scalar::Text(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Some(true),
            "false" | "0" | "no" | "off" => Some(false),
            _ => None,
        },
        Some(Scalar::Other) | None => None,
    })
}

/// A non-negative integer that may arrive as a float or a numeric string; negative or
/// unreadable values are `None`, values above `u64::MAX` saturate.
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Option::<Scalar>::deserialize(d)? {
        Some(Scalar::Unsigned(n)) => Some(n),
        Some(Scalar::Signed(_)) => None,
        Some(Scalar::Float(f)) => float_to_u64(f),
        Some(Scalar::Text(s)) => text_to_u64(&s),
        Some(Scalar::Bool(_)) | Some(Scalar::Other) | None => None,
    })
}

/// A signed integer (timestamps) that may arrive as a float or a numeric string.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Option::<Scalar>::deserialize(d)? {
        Some(Scalar::Unsigned(n)) => Some(i64::try_from(n).unwrap_or(i64::MAX)),
        Some(Scalar::Signed(n)) => Some(n),
        Some(Scalar::Float(f)) if f.is_finite() => Some(f as i64),
        Some(Scalar::Text(s)) => s.trim().parse::<i64>().ok(),
        _ => None,
    })
}

/// A number that may arrive as an integer, a float or a numeric string.
pub fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match Option::<Scalar>::deserialize(d)? {
        Some(Scalar::Unsigned(n)) => Some(n as f64),
        Some(Scalar::Signed(n)) => Some(n as f64),
        Some(Scalar::Float(f)) => Some(f),
        Some(Scalar::Text(s)) => s.trim().parse::<f64>().ok(),
        _ => None,
    })
}

/// A number where `null` or garbage reads as 0 (time-series points).
pub fn f64_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    opt_f64(d).map(|v| v.unwrap_or(0.0))
}

/// A text field that may be `null` or a number; numbers are kept as their text.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Scalar>::deserialize(d)? {
        Some(Scalar::Text(s)) => Some(s),
        Some(Scalar::Unsigned(n)) => Some(n.to_string()),
        Some(Scalar::Signed(n)) => Some(n.to_string()),
        Some(Scalar::Float(f)) => Some(f.to_string()),
        Some(Scalar::Bool(b)) => Some(b.to_string()),
        Some(Scalar::Other) | None => None,
    })
}

/// A text field that must be present but may be `null` (read as empty).
pub fn string_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    opt_string(d).map(Option::unwrap_or_default)
}

/// A list of strings where `null` is an empty list and non-string items are skipped.
pub fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(StringListVisitor)
}

struct StringListVisitor;

impl<'de> Visitor<'de> for StringListVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of strings")
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element::<Scalar>()? {
            if let Scalar::Text(s) = item {
                out.push(s);
            }
        }
        Ok(out)
    }

    // A single string where a list was expected: keep it rather than lose it.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
        Ok(if v.is_empty() {
            Vec::new()
        } else {
            vec![v.to_owned()]
        })
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Vec::new())
    }
}

/// A credential that may be missing, `null` or empty (all read as `None`).
pub fn opt_secret<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
    Ok(match Option::<Scalar>::deserialize(d)? {
        Some(Scalar::Text(s)) if !s.is_empty() => Some(Secret::new(s)),
        _ => None,
    })
}

fn float_to_u64(f: f64) -> Option<u64> {
    if !f.is_finite() || f < 0.0 {
        return None;
    }
    // `as` saturates at u64::MAX, which is what "larger than anything" should mean.
    Some(f as u64)
}

fn text_to_u64(s: &str) -> Option<u64> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u64>() {
        return Some(n);
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(u64::MAX); // all digits but too long for u64
    }
    s.parse::<f64>().ok().and_then(float_to_u64)
}

/// Shared by `Limit` (the limit module): reads any scalar into a saturating u64, with negative
/// numbers reported separately (some APIs send -1 for "unlimited").
pub(crate) enum LimitRaw {
    Number(u64),
    Negative,
    Missing,
}

pub(crate) fn limit_raw<'de, D: Deserializer<'de>>(d: D) -> Result<LimitRaw, D::Error> {
    Ok(match Option::<Scalar>::deserialize(d)? {
        Some(Scalar::Unsigned(n)) => LimitRaw::Number(n),
        Some(Scalar::Signed(_)) => LimitRaw::Negative,
        Some(Scalar::Float(f)) if f.is_finite() && f < 0.0 => LimitRaw::Negative,
        Some(Scalar::Float(f)) => float_to_u64(f).map_or(LimitRaw::Missing, LimitRaw::Number),
        Some(Scalar::Text(s)) if s.trim().starts_with('-') => LimitRaw::Negative,
        Some(Scalar::Text(s)) => text_to_u64(&s).map_or(LimitRaw::Missing, LimitRaw::Number),
        _ => LimitRaw::Missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "opt_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "opt_u64")]
        n: Option<u64>,
        #[serde(default, deserialize_with = "string_list")]
        l: Vec<String>,
        #[serde(default, deserialize_with = "opt_secret")]
        s: Option<Secret>,
    }

    fn probe(json: &str) -> Probe {
        match serde_json::from_str(json) {
            Ok(p) => p,
            Err(e) => panic!("{json}: {e}"),
        }
    }

    #[test]
    fn booleans_in_every_encoding() {
        assert_eq!(probe(r#"{"b":true}"#).b, Some(true));
        assert_eq!(probe(r#"{"b":"false"}"#).b, Some(false));
        assert_eq!(probe(r#"{"b":"TRUE"}"#).b, Some(true));
        assert_eq!(probe(r#"{"b":1}"#).b, Some(true));
        assert_eq!(probe(r#"{"b":null}"#).b, None);
        assert_eq!(probe(r#"{"b":"maybe"}"#).b, None);
        assert_eq!(probe(r#"{}"#).b, None);
    }

    #[test]
    fn integers_from_floats_strings_and_huge_values() {
        assert_eq!(probe(r#"{"n":42}"#).n, Some(42));
        assert_eq!(probe(r#"{"n":42.9}"#).n, Some(42));
        assert_eq!(probe(r#"{"n":"17"}"#).n, Some(17));
        assert_eq!(probe(r#"{"n":-1}"#).n, None);
        assert_eq!(probe(r#"{"n":1e30}"#).n, Some(u64::MAX));
        assert_eq!(
            probe(r#"{"n":"99999999999999999999999"}"#).n,
            Some(u64::MAX)
        );
        assert_eq!(
            probe(r#"{"n":9223372036854775808}"#).n,
            Some(9_223_372_036_854_775_808)
        );
    }

    #[test]
    fn lists_and_secrets_tolerate_null_and_empty() {
        assert!(probe(r#"{"l":null}"#).l.is_empty());
        assert_eq!(probe(r#"{"l":["a",1,"b"]}"#).l, vec!["a", "b"]);
        assert!(probe(r#"{"s":""}"#).s.is_none());
        assert!(probe(r#"{"s":null}"#).s.is_none());
        assert_eq!(
            probe(r#"{"s":"x"}"#).s.map(|s| s.expose().to_owned()),
            Some("x".into())
        );
    }
}
