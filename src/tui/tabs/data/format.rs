//! Numbers and times as the Data tab shows them: sizes ("1.2 KB"), counts ("1,000,000"),
//! time left ("29m 59s") and when a countdown next changes, expiry times.

use time::OffsetDateTime;
use time::macros::format_description;

/// Bytes in the largest unit that keeps a number ≥ 1: "312 B", "64 KB", "5.2 MB".
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value >= 10.0 || value.fract() < 0.05 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A count with thousands separators: "1,000,000".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

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
