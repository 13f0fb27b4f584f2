//! Which audit log entries `updash audit` shows: a time window, an action and a count.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The longest duration accepted (ten years): past it a typo is likelier than intent.
const MAX_AGO_SECS: i64 = 10 * 365 * 86_400;

/// How `--since` and `--until` are written.
pub const WHEN_HINT: &str = "use a duration back from now such as 30m, 24h, 7d or 2w, \
    or an RFC 3339 time such as 2026-11-30T12:00:00Z (a date such as 2026-11-30 means its midnight UTC)";

/// The entries to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// At or after this Unix second.
    pub since: Option<i64>,
    /// At or before this Unix second.
    pub until: Option<i64>,
    /// Action words that must appear (lower-cased).
    pub action: Option<String>,
}

impl Filter {
    /// The filter of the flags, times relative to `now`; a bad value says how to write it.
    pub fn new(
        since: Option<&str>,
        until: Option<&str>,
        action: Option<&str>,
        now: i64,
    ) -> Result<Self, String> {
        let since = since.map(|s| when(s, now)).transpose()?;
        let until = until.map(|s| when(s, now)).transpose()?;
        if let (Some(s), Some(u)) = (since, until)
            && s > u
        {
            return Err("--since is later than --until; swap them".into());
        }
        let action = action
            .map(|a| a.trim().to_lowercase())
            .filter(|a| !a.is_empty());
        Ok(Self {
            since,
            until,
            action,
        })
    }

    /// Whether an entry made at `timestamp` doing `action` is shown. An entry without a
    /// time is shown only when no window is asked for.
    pub fn matches(&self, timestamp: Option<i64>, action: &str) -> bool {
        let in_window = match timestamp {
            Some(t) => self.since.is_none_or(|s| t >= s) && self.until.is_none_or(|u| t <= u),
            None => self.since.is_none() && self.until.is_none(),
        };
        in_window
            && self
                .action
                .as_deref()
                .is_none_or(|a| action.to_lowercase().contains(a))
    }
}

/// A moment: a duration back from `now` (`90s`, `30m`, `24h`, `7d`, `2w`, combined as
/// `1d12h`), an RFC 3339 time, or a date (its midnight UTC).
pub fn when(text: &str, now: i64) -> Result<i64, String> {
    let text = text.trim();
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(at.unix_timestamp());
    }
    if let Some(day) = date(text) {
        return Ok(day);
    }
    ago(text).map(|secs| now - secs).ok_or_else(|| {
        format!(
            "{:?} is neither a duration nor a time; {WHEN_HINT}",
            crate::output::sanitize(text)
        )
    })
}

/// `YYYY-MM-DD` as its midnight UTC.
fn date(text: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let day = time::Date::parse(text, &format).ok()?;
    Some(day.midnight().assume_utc().unix_timestamp())
}

/// Seconds of a duration such as `24h` or `1d12h`.
fn ago(text: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => return None,
        };
        let n: i64 = number.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        number.clear();
    }
    (number.is_empty() && total > 0 && total <= MAX_AGO_SECS).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_764_633_600; // 2025-12-02T00:00:00Z

    #[test]
    fn durations_times_and_dates() {
        assert_eq!(when("24h", NOW), Ok(NOW - 86_400));
        assert_eq!(when("7d", NOW), Ok(NOW - 7 * 86_400));
        assert_eq!(when("1d12h", NOW), Ok(NOW - 36 * 3_600));
        assert_eq!(when(" 2w ", NOW), Ok(NOW - 14 * 86_400));
        assert_eq!(when("2025-12-01T00:00:00Z", NOW), Ok(NOW - 86_400));
        assert_eq!(when("2025-12-01T02:00:00+02:00", NOW), Ok(NOW - 86_400));
        assert_eq!(when("2025-12-01", NOW), Ok(NOW - 86_400));
        for bad in [
            "",
            "h",
            "24",
            "-1h",
            "0h",
            "yesterday",
            "99999d",
            "2025-13-01",
        ] {
            let err = when(bad, NOW).expect_err(bad);
            assert!(err.contains("RFC 3339"), "{err}");
        }
    }

    #[test]
    fn window_and_action() {
        let f = Filter::new(Some("2d"), Some("1d"), Some(" Delete "), NOW).expect("filter");
        assert!(f.matches(Some(NOW - 36 * 3_600), "Delete Database"));
        assert!(!f.matches(Some(NOW - 36 * 3_600), "Rename Database"));
        assert!(!f.matches(Some(NOW - 3_600), "Delete Database"));
        assert!(!f.matches(Some(NOW - 3 * 86_400), "Delete Database"));
        assert!(!f.matches(None, "Delete Database"));
        let all = Filter::new(None, None, Some(""), NOW).expect("filter");
        assert!(all.matches(None, "anything"));
        let err = Filter::new(Some("1d"), Some("2d"), None, NOW).expect_err("swapped");
        assert!(err.contains("swap"), "{err}");
    }
}
