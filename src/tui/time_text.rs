//! Durations in words for the screen: "token valid 2d 3h", "9:41 left".

use time::{Duration, OffsetDateTime};

/// A coarse duration: the two largest units, e.g. "2d 3h", "5h 12m", "3m", "40s".
pub fn coarse(d: Duration) -> String {
    let secs = d.whole_seconds().max(0);
    let (days, hours, mins) = (secs / 86_400, secs % 86_400 / 3_600, secs % 3_600 / 60);
    match (days, hours, mins) {
        (0, 0, 0) => format!("{secs}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

/// The token part of the status bar.
pub fn token_validity(
    expires_at: Option<OffsetDateTime>,
    needs_sign_in: bool,
    now: OffsetDateTime,
) -> String {
    if needs_sign_in {
        return "needs sign-in".into();
    }
    match expires_at {
        None => "API key".into(),
        Some(at) if at <= now => "token expired (refresh on next call)".into(),
        Some(at) => format!("token valid {}", coarse(at - now)),
    }
}

/// A countdown as m:ss, e.g. "9:41".
pub fn countdown(until: OffsetDateTime, now: OffsetDateTime) -> String {
    let secs = (until - now).whole_seconds().max(0);
    format!("{}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn formats_token_validity() {
        let now = datetime!(2026-01-01 00:00 UTC);
        let in_ = |s: i64| Some(now + Duration::seconds(s));
        assert_eq!(
            token_validity(in_(2 * 86_400 + 3 * 3_600 + 59), false, now),
            "token valid 2d 3h"
        );
        assert_eq!(
            token_validity(in_(5 * 3_600 + 12 * 60), false, now),
            "token valid 5h 12m"
        );
        assert_eq!(token_validity(in_(40), false, now), "token valid 40s");
        // Under a minute reads in seconds, never "0m".
        assert_eq!(token_validity(in_(59), false, now), "token valid 59s");
        assert_eq!(token_validity(in_(60), false, now), "token valid 1m");
        assert_eq!(countdown(now + Duration::seconds(59), now), "0:59");
        assert_eq!(
            token_validity(in_(-1), false, now),
            "token expired (refresh on next call)"
        );
        assert_eq!(token_validity(None, false, now), "API key");
        assert_eq!(token_validity(in_(100), true, now), "needs sign-in");
        assert_eq!(countdown(now + Duration::seconds(581), now), "9:41");
    }
}
