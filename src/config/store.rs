//! `[store]`: how the secrets of credentials.toml are protected at rest.

use crate::store::ProtectionKind;
use serde::{Deserialize, Deserializer};
use std::time::Duration;

/// How long `updash unlock` keeps the key unlocked when `unlock_for` is not set.
pub const DEFAULT_UNLOCK_FOR: Duration = Duration::from_secs(60 * 60);
/// The longest unlock accepted (a week).
pub const MAX_UNLOCK_FOR: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// `[store]` of config.toml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoreConfig {
    /// Where the data key lives: `keyfile` (default), `keyring` or `passphrase`. Applies when
    /// the file is first sealed; `updash store protect` switches an existing file.
    pub protection: ProtectionKind,
    /// How long `updash unlock` keeps a passphrase-protected key unlocked.
    #[serde(deserialize_with = "duration")]
    pub unlock_for: Duration,
}

impl Default for StoreConfig {
    fn default() -> Self {
        Self {
            protection: ProtectionKind::Keyfile,
            unlock_for: DEFAULT_UNLOCK_FOR,
        }
    }
}

fn duration<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_duration(&text).map_err(serde::de::Error::custom)
}

/// Parses a duration such as `90s`, `15m`, `1h`, `1h30m` or `2d` (at most a week).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    const HINT: &str = "use a duration such as 15m, 1h, 1h30m or 1d (at most 7d)";
    let text = text.trim();
    if text.is_empty() {
        return Err(HINT.into());
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 60 * 60,
            'd' => 24 * 60 * 60,
            _ => return Err(HINT.into()),
        };
        let n: u64 = number.parse().map_err(|_| HINT.to_owned())?;
        total = n
            .checked_mul(unit)
            .and_then(|s| total.checked_add(s))
            .ok_or_else(|| HINT.to_owned())?;
        number.clear();
    }
    if !number.is_empty() || total == 0 || Duration::from_secs(total) > MAX_UNLOCK_FOR {
        return Err(HINT.into());
    }
    Ok(Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("7d"), Ok(MAX_UNLOCK_FOR));
        for bad in ["", "0m", "8d", "15", "1x", "m", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
