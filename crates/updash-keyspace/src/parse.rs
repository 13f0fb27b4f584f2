//! Argument parsing with Redis's exact acceptance rules.

use crate::reply::{Reply, errs};

/// Parses like Redis's `string2ll`: optional `-`, no `+`, no spaces, no
/// leading zeros, at most 20 characters.
pub(crate) fn parse_i64(s: &[u8]) -> Option<i64> {
    if s.is_empty() || s.len() > 20 {
        return None;
    }
    if s == b"0" {
        return Some(0);
    }
    let (neg, digits) = match s[0] {
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !(b'1'..=b'9').contains(&digits[0]) {
        return None;
    }
    let mut v: u64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add((c - b'0') as u64)?;
    }
    if neg {
        if v > i64::MAX as u64 + 1 {
            None
        } else {
            Some((v as i64).wrapping_neg())
        }
    } else {
        i64::try_from(v).ok()
    }
}

/// `parse_i64` with Redis's "not an integer" error.
pub(crate) fn int_arg(s: &[u8]) -> Result<i64, Reply> {
    parse_i64(s).ok_or_else(|| Reply::err(errs::NOT_INT))
}

/// Checks strtod's grammar: sign, digits with one optional point (at least
/// one digit), optional exponent; or `inf`/`infinity`. Hex floats and NaN
/// are refused (Redis refuses NaN; hex scores are not supported here).
fn strtod_grammar(s: &[u8]) -> bool {
    let body = match s.first() {
        Some(b'+') | Some(b'-') => &s[1..],
        _ => s,
    };
    let lower = body.to_ascii_lowercase();
    if lower == b"inf" || lower == b"infinity" {
        return true;
    }
    let mut i = 0;
    let mut digits = 0;
    while i < body.len() && body[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < body.len() && body[i] == b'.' {
        i += 1;
        while i < body.len() && body[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return false;
    }
    if i < body.len() && (body[i] == b'e' || body[i] == b'E') {
        i += 1;
        if i < body.len() && (body[i] == b'+' || body[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < body.len() && body[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == body.len()
}

fn mantissa_is_zero(s: &[u8]) -> bool {
    s.iter()
        .take_while(|c| !matches!(c, b'e' | b'E'))
        .all(|c| !c.is_ascii_digit() || *c == b'0')
}

/// Parses a double like Redis's `getDoubleFromObject` (strtod, whole text,
/// no leading space, no NaN, no overflow or underflow to zero).
pub(crate) fn parse_f64(s: &[u8]) -> Option<f64> {
    if !strtod_grammar(s) {
        return None;
    }
    let text = std::str::from_utf8(s).ok()?;
    let v: f64 = text.parse().ok()?;
    let lower = text.to_ascii_lowercase();
    if v.is_infinite() && !lower.contains("inf") {
        return None; // ERANGE overflow
    }
    if v == 0.0 && !mantissa_is_zero(s) {
        return None; // ERANGE underflow to zero
    }
    Some(v)
}

/// `parse_f64` with Redis's "not a valid float" error.
pub(crate) fn float_arg(s: &[u8]) -> Result<f64, Reply> {
    parse_f64(s).ok_or_else(|| Reply::err(errs::NOT_FLOAT))
}

/// Parses like a bare `strtod` whose end must be the text's end (as
/// `zslParseRange` does): leading spaces allowed, the empty text is 0,
/// overflow gives infinity. NaN is refused.
pub(crate) fn parse_f64_loose(s: &[u8]) -> Option<f64> {
    let trimmed = s.trim_ascii_start();
    if trimmed.is_empty() {
        return if s.is_empty() { Some(0.0) } else { None };
    }
    if !strtod_grammar(trimmed) {
        return None;
    }
    std::str::from_utf8(trimmed).ok()?.parse().ok()
}

/// Parses a SCAN cursor like Redis 7.0 (`strtoul`): an optional sign, then
/// decimal digits; `-n` wraps as C does; overflow is invalid; the empty text
/// is cursor 0.
pub(crate) fn parse_cursor(s: &[u8]) -> Result<u64, Reply> {
    let bad = || Reply::err(errs::INVALID_CURSOR);
    if s.is_empty() {
        return Ok(0);
    }
    let (neg, digits) = match s[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    let mut v: u64 = 0;
    for &c in digits {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add((c - b'0') as u64))
            .ok_or_else(bad)?;
    }
    Ok(if neg { v.wrapping_neg() } else { v })
}

/// ASCII case-insensitive comparison of an argument with a keyword.
pub(crate) fn is(arg: &[u8], word: &str) -> bool {
    arg.eq_ignore_ascii_case(word.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_follow_string2ll() {
        assert_eq!(parse_i64(b"0"), Some(0));
        assert_eq!(parse_i64(b"-5"), Some(-5));
        assert_eq!(parse_i64(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_i64(b"-9223372036854775808"), Some(i64::MIN));
        for bad in [
            &b"-0"[..],
            b"+1",
            b" 1",
            b"01",
            b"",
            b"-",
            b"9223372036854775808",
            b"1a",
        ] {
            assert_eq!(parse_i64(bad), None, "{:?}", bad);
        }
    }

    #[test]
    fn doubles_follow_strtod() {
        assert_eq!(parse_f64(b"1.5"), Some(1.5));
        assert_eq!(parse_f64(b"+inf"), Some(f64::INFINITY));
        assert_eq!(parse_f64(b"-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_f64(b".5"), Some(0.5));
        assert_eq!(parse_f64(b"5."), Some(5.0));
        assert_eq!(parse_f64(b"1e3"), Some(1000.0));
        for bad in [
            &b"nan"[..],
            b"",
            b" 1",
            b"1e",
            b"1e400",
            b"1e-400",
            b"abc",
            b".",
        ] {
            assert_eq!(parse_f64(bad), None, "{:?}", bad);
        }
        assert_eq!(parse_f64(b"0e10"), Some(0.0));
    }

    #[test]
    fn cursors_follow_strtoul() {
        assert_eq!(parse_cursor(b"0").ok(), Some(0));
        assert_eq!(parse_cursor(b"-1").ok(), Some(u64::MAX));
        assert!(parse_cursor(b"18446744073709551616").is_err());
        assert!(parse_cursor(b"abc").is_err());
        assert!(parse_cursor(b"1 ").is_err());
    }
}
