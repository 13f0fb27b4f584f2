//! A time left (or gone) in words for the command line: "in 59 s", "in 12 min",
//! "in 3 h 5 min", "in 2 d 4 h"; never "in 0 min".

use time::Duration;

/// `d` in its two largest units, e.g. "59 s", "12 min", "3 h 5 min", "2 d 4 h".
pub fn span(d: Duration) -> String {
    let secs = d.whole_seconds().unsigned_abs();
    let (days, hours, mins) = (secs / 86_400, secs % 86_400 / 3_600, secs % 3_600 / 60);
    match (days, hours, mins) {
        (0, 0, 0) => format!("{secs} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

/// "in 59 s" for a time ahead, "expired 3 min ago" for one behind.
pub fn until(left: Duration) -> String {
    if left.is_negative() {
        format!("expired {} ago", span(left))
    } else {
        format!("in {}", span(left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_a_minute_reads_in_seconds() {
        assert_eq!(until(Duration::seconds(59)), "in 59 s");
        assert_eq!(until(Duration::milliseconds(59_900)), "in 59 s");
        assert_eq!(until(Duration::seconds(0)), "in 0 s");
        assert_eq!(until(Duration::seconds(60)), "in 1 min");
        assert_eq!(
            until(Duration::seconds(3 * 3_600 + 5 * 60 + 9)),
            "in 3 h 5 min"
        );
        assert_eq!(until(Duration::seconds(7_200)), "in 2 h");
        assert_eq!(
            until(Duration::seconds(2 * 86_400 + 4 * 3_600)),
            "in 2 d 4 h"
        );
        assert_eq!(until(Duration::seconds(-180)), "expired 3 min ago");
    }
}
