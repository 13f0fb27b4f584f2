//! Numbers and times as the Data tab shows them: sizes and counts (the shared ones), time
//! left ("29m 59s") and when a countdown next changes, expiry times.

use time::OffsetDateTime;
use time::macros::format_description;

pub use crate::output::{count, size};

/// Milliseconds left as people read them: "59s", "29m 59s", "2h 10m", "3d 4h".
pub fn time_left(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {}s", s / 60, s % 60),
        3600..86_400 => format!("{}h {}m", s / 3600, s % 3600 / 60),
        _ => format!("{}d {}h", s / 86_400, s % 86_400 / 3600),
    }
}

/// Milliseconds until [`time_left`] of `ms` shows something else: the countdown's next
/// step (a second under an hour, a minute above).
pub fn next_change(ms: i64) -> i64 {
    let unit = if ms < 3_600_000 { 1000 } else { 60_000 };
    match ms.rem_euclid(unit) {
        0 => unit,
        r => r,
    }
}

/// When a key expires, in UTC: "2026-03-01 12:29:59 UTC".
pub fn expiry(at: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_counts_and_times_read_naturally() {
        assert_eq!(size(312), "312 B");
        assert_eq!(size(65_536), "64 KB");
        assert_eq!(size(1_250), "1.2 KB");
        assert_eq!(size(5 * 1024 * 1024 + 200 * 1024), "5.2 MB");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(count(999), "999");
        assert_eq!(time_left(59_999), "59s");
        assert_eq!(time_left(1_799_000), "29m 59s");
        assert_eq!(time_left(7_860_000), "2h 11m");
        assert_eq!(time_left(90_000_000), "1d 1h");
        assert_eq!(next_change(1_799_400), 400);
        assert_eq!(next_change(1_799_000), 1000);
        assert_eq!(next_change(7_860_500), 500);
        assert_eq!(next_change(7_890_000), 30_000);
    }
}
