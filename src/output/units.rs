//! Numbers as people read them, the same in the dashboard and the CLI: sizes ("1.2 KB"),
//! counts ("1,000,000"), milliseconds ("0.42 ms"), a series' min / avg / max, limits and
//! budgets.

use crate::upstash::Limit;

/// Bytes in the largest unit that keeps a number ≥ 1: "312 B", "64 KB", "5.2 MB".
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
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

/// A rate or other fractional count: separators, one decimal under 100 ("12.5", "1,204").
pub fn amount(x: f64) -> String {
    let x = x.max(0.0);
    if x < 100.0 && x.fract() != 0.0 {
        format!("{x:.1}")
    } else {
        count(x.round() as u64)
    }
}

/// Milliseconds: "0.42 ms", "12.3 ms", "1,250 ms".
pub fn millis(ms: f64) -> String {
    let ms = ms.max(0.0);
    match ms {
        m if m < 1.0 => format!("{m:.2} ms"),
        m if m < 100.0 => format!("{m:.1} ms"),
        m => format!("{} ms", count(m.round() as u64)),
    }
}

/// What a series did over its period, each value through `unit`: "min 1 KB · avg 3 KB ·
/// max 9 KB"; "—" for an empty series.
pub fn min_avg_max(values: &[f64], unit: impl Fn(f64) -> String) -> String {
    if values.is_empty() {
        return "—".into();
    }
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let avg = values.iter().sum::<f64>() / values.len() as f64;
    format!("min {} · avg {} · max {}", unit(min), unit(avg), unit(max))
}

/// Bytes given as a float (the stats' series): [`size`] of the rounded value.
pub fn size_f(bytes: f64) -> String {
    size(bytes.max(0.0).round() as u64)
}

/// A limit: "unlimited" or the count.
pub fn limit(l: Limit) -> String {
    match l {
        Limit::Unlimited => "unlimited".into(),
        Limit::Value(n) => count(n),
    }
}

/// A limit in bytes: "unlimited" or the size.
pub fn size_limit(l: Limit) -> String {
    match l {
        Limit::Unlimited => "unlimited".into(),
        Limit::Value(n) => size(n),
    }
}

/// A monthly budget in dollars; 0 is how the API says there is none.
pub fn budget(l: Limit) -> String {
    match l {
        Limit::Value(0) => "none".into(),
        Limit::Value(n) => format!("${} a month", count(n)),
        Limit::Unlimited => "unlimited".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_counts_and_millis() {
        assert_eq!(size(512), "512 B");
        assert_eq!(size(1536), "1.5 KB");
        assert_eq!(size(240_630_214), "229 MB");
        assert_eq!(size(81_815_548), "78 MB");
        assert_eq!(size(3 * 1024 * 1024 * 1024), "3 GB");
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(amount(12.46), "12.5");
        assert_eq!(amount(1204.4), "1,204");
        assert_eq!(millis(0.4213), "0.42 ms");
        assert_eq!(millis(12.34), "12.3 ms");
        assert_eq!(millis(1250.2), "1,250 ms");
        assert_eq!(min_avg_max(&[], millis), "—");
        assert_eq!(budget(Limit::Value(0)), "none");
        assert_eq!(budget(Limit::Value(360)), "$360 a month");
        assert_eq!(limit(Limit::Value(10_000)), "10,000");
        assert_eq!(size_limit(Limit::Value(1536)), "1.5 KB");
        assert_eq!(limit(Limit::Unlimited), "unlimited");
        assert_eq!(
            min_avg_max(&[1.0, 2.0, 6.0], amount),
            "min 1 · avg 3 · max 6"
        );
    }
}
