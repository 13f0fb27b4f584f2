//! Quotas that the API reports as a number, or as int64 max (or more) for "unlimited".

use super::lenient::{LimitRaw, limit_raw};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The value the API uses for "no limit": int64 max. Anything at or above it is unlimited.
pub const UNLIMITED_SENTINEL: u64 = i64::MAX as u64;

/// A quota: a number, or no limit at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// No limit (the API sent int64 max or larger, or a negative number).
    Unlimited,
    /// A finite limit.
    Value(u64),
}

impl Limit {
    /// Reads a raw number the way the API means it.
    pub fn from_u64(n: u64) -> Self {
        if n >= UNLIMITED_SENTINEL {
            Self::Unlimited
        } else {
            Self::Value(n)
        }
    }

    /// The finite value, or `None` for unlimited.
    pub fn value(self) -> Option<u64> {
        match self {
            Self::Unlimited => None,
            Self::Value(n) => Some(n),
        }
    }

    /// Whether this is "no limit".
    pub fn is_unlimited(self) -> bool {
        self == Self::Unlimited
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unlimited => f.write_str("unlimited"),
            Self::Value(n) => write!(f, "{n}"),
        }
    }
}

impl Serialize for Limit {
    /// Unlimited writes back as the API's own sentinel so the value round-trips.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Unlimited => s.serialize_u64(UNLIMITED_SENTINEL),
            Self::Value(n) => s.serialize_u64(*n),
        }
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match limit_raw(d)? {
            LimitRaw::Number(n) => Ok(Self::from_u64(n)),
            LimitRaw::Negative => Ok(Self::Unlimited),
            LimitRaw::Missing => Err(serde::de::Error::custom("expected a number for a limit")),
        }
    }
}

/// For `Option<Limit>` fields: missing, `null` or unreadable values are `None`.
pub fn opt_limit<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Limit>, D::Error> {
    Ok(match limit_raw(d)? {
        LimitRaw::Number(n) => Some(Limit::from_u64(n)),
        LimitRaw::Negative => Some(Limit::Unlimited),
        LimitRaw::Missing => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(json: &str) -> Limit {
        match serde_json::from_str(json) {
            Ok(l) => l,
            Err(e) => panic!("{json}: {e}"),
        }
    }

    #[test]
    fn sentinel_and_beyond_are_unlimited() {
        assert_eq!(limit("9223372036854775807"), Limit::Unlimited);
        assert_eq!(limit("9223372036854775808"), Limit::Unlimited);
        assert_eq!(limit("18446744073709551615"), Limit::Unlimited);
        assert_eq!(limit("1e25"), Limit::Unlimited);
        assert_eq!(limit("-1"), Limit::Unlimited);
        assert_eq!(
            limit("9223372036854775806"),
            Limit::Value(9_223_372_036_854_775_806)
        );
        assert_eq!(limit("10000.0"), Limit::Value(10_000));
        assert_eq!(limit("\"500\""), Limit::Value(500));
    }

    #[test]
    fn round_trips_and_displays() {
        assert_eq!(
            serde_json::to_string(&Limit::Unlimited).ok().as_deref(),
            Some("9223372036854775807")
        );
        assert_eq!(Limit::Unlimited.to_string(), "unlimited");
        assert_eq!(Limit::Value(3).to_string(), "3");
        assert_eq!(Limit::Value(3).value(), Some(3));
    }
}
