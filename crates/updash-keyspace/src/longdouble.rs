//! Software x87 80-bit `long double`, just enough for INCRBYFLOAT and
//! HINCRBYFLOAT: Redis parses both operands with `strtold`, adds them in
//! long double and prints `%.17Lf` with trailing zeros removed. Doing the
//! same in f64 would print `10.6` as `10.59999999999999964`, so the engine
//! rounds exactly as the x87 format does (64-bit mantissa).

use crate::bigint::BigUint;

/// A finite long double: `(-1)^neg * mant * 2^exp`, `mant` normalized so
/// bit 63 is set (or zero).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LongDouble {
    neg: bool,
    mant: u64,
    exp: i32,
}

// Largest binary exponent (of the value's top bit) a long double holds.
const MAX_TOP_EXP: i64 = 16383;
// Smallest top-bit exponent of a subnormal; below it the value is zero.
const MIN_TOP_EXP: i64 = -16445;
// Redis's MAX_LONG_DOUBLE_CHARS: longer text is not a float.
const MAX_CHARS: usize = 5 * 1024;
// Significant decimal digits kept when parsing; the rest only feeds the
// sticky bit, which is all correct rounding needs from them.
const KEEP_DIGITS: usize = 40;

/// Why a text is not a usable long double.
#[derive(Debug, PartialEq)]
pub(crate) enum Parsed {
    Finite(LongDouble),
    Infinite,
}

impl LongDouble {
    const ZERO: LongDouble = LongDouble {
        neg: false,
        mant: 0,
        exp: 0,
    };

    /// Rounds `v * 2^exp` (plus a sticky remainder) to 64 bits, half-even.
    fn round_big(neg: bool, v: &BigUint, exp: i64, sticky: bool) -> Option<LongDouble> {
        if v.is_zero() {
            return Some(LongDouble {
                neg,
                ..LongDouble::ZERO
            });
        }
        let len = v.bit_len();
        let (mant, mut e) = if len <= 64 {
            let m = v.shr_to_u128(0) as u64;
            (m << (64 - len), exp - (64 - len as i64))
        } else {
            let shift = len - 64;
            let mut m = v.shr_to_u128(shift) as u64;
            let half = v.bit(shift - 1);
            let rest = sticky || v.any_below(shift - 1);
            let mut e = exp + shift as i64;
            if half && (rest || m & 1 == 1) {
                let (n, overflow) = m.overflowing_add(1);
                m = if overflow {
                    e += 1;
                    1 << 63
                } else {
                    n
                };
            }
            (m, e)
        };
        let top = e + 63;
        if top > MAX_TOP_EXP {
            return None;
        }
        if top < MIN_TOP_EXP {
            return Some(LongDouble {
                neg,
                ..LongDouble::ZERO
            });
        }
        if e < i32::MIN as i64 {
            e = i32::MIN as i64;
        }
        Some(LongDouble {
            neg,
            mant,
            exp: e as i32,
        })
    }

    fn is_zero(&self) -> bool {
        self.mant == 0
    }

    /// Parses like Redis's `string2ld`: all of the text must be a `strtold`
    /// number; NaN, overflow and underflow to zero are refused.
    pub fn parse(s: &[u8]) -> Option<Parsed> {
        if s.is_empty() || s.len() >= MAX_CHARS || s[0].is_ascii_whitespace() {
            return None;
        }
        let (neg, body) = match s[0] {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let lower = body.to_ascii_lowercase();
        if lower == b"inf" || lower == b"infinity" {
            return Some(Parsed::Infinite);
        }
        if lower.starts_with(b"0x") {
            return parse_hex(neg, &body[2..]);
        }
        parse_decimal(neg, body)
    }

    /// Exact sum rounded once to long double; None on overflow.
    pub fn add(a: LongDouble, b: LongDouble) -> Option<LongDouble> {
        if a.is_zero() {
            return Some(if b.is_zero() {
                LongDouble {
                    neg: a.neg && b.neg,
                    ..b
                }
            } else {
                b
            });
        }
        if b.is_zero() {
            return Some(a);
        }
        let (hi, lo) = if a.exp >= b.exp { (a, b) } else { (b, a) };
        let gap = hi.exp as i64 - lo.exp as i64;
        if gap > 140 {
            // The smaller operand sits far below the rounding point.
            return Some(hi);
        }
        let big_hi = BigUint::from_u128(hi.mant as u128).shl(gap as u64);
        let big_lo = BigUint::from_u128(lo.mant as u128);
        if hi.neg == lo.neg {
            return LongDouble::round_big(hi.neg, &big_hi.add(&big_lo), lo.exp as i64, false);
        }
        let (mut larger, smaller, neg) = if big_hi >= big_lo {
            (big_hi, big_lo, hi.neg)
        } else {
            (big_lo, big_hi, lo.neg)
        };
        larger.sub_assign(&smaller);
        if larger.is_zero() {
            return Some(LongDouble::ZERO);
        }
        LongDouble::round_big(neg, &larger, lo.exp as i64, false)
    }

    /// `%.17Lf` with trailing zeros (and a bare point) removed, `-0` as `0`:
    /// Redis's `ld2string(…, LD_STR_HUMAN)`.
    pub fn to_human(self) -> String {
        let mut s = String::new();
        if self.neg {
            s.push('-');
        }
        if self.exp >= 0 {
            let int = BigUint::from_u128(self.mant as u128).shl(self.exp as u64);
            s.push_str(&int.to_decimal());
        } else {
            // mant * 10^17 < 2^121, so u128 holds the scaled value.
            let scaled = self.mant as u128 * 100_000_000_000_000_000u128;
            let k = (-(self.exp as i64)) as u32;
            let q = if k >= 128 {
                0
            } else {
                let q = scaled >> k;
                let rem = scaled & ((1u128 << k) - 1);
                let half = 1u128 << (k - 1);
                if rem > half || (rem == half && q & 1 == 1) {
                    q + 1
                } else {
                    q
                }
            };
            let int = q / 100_000_000_000_000_000;
            let frac = q % 100_000_000_000_000_000;
            s.push_str(&int.to_string());
            let frac = format!("{frac:017}");
            let frac = frac.trim_end_matches('0');
            if !frac.is_empty() {
                s.push('.');
                s.push_str(frac);
            }
        }
        if s == "-0" {
            s = "0".into();
        }
        s
    }
}

fn parse_decimal(neg: bool, body: &[u8]) -> Option<Parsed> {
    let mut digits: Vec<u8> = Vec::new();
    let mut sticky = false;
    let mut exp10: i64 = 0;
    let mut seen_digit = false;
    let mut i = 0;
    let mut after_point = false;
    while i < body.len() {
        let c = body[i];
        if c.is_ascii_digit() {
            seen_digit = true;
            if digits.is_empty() && c == b'0' {
                if after_point {
                    exp10 -= 1;
                }
            } else if digits.len() < KEEP_DIGITS {
                digits.push(c - b'0');
                if after_point {
                    exp10 -= 1;
                }
            } else {
                sticky |= c != b'0';
                if !after_point {
                    exp10 += 1;
                }
            }
        } else if c == b'.' && !after_point {
            after_point = true;
        } else {
            break;
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if i < body.len() {
        if body[i] != b'e' && body[i] != b'E' {
            return None;
        }
        let rest = &body[i + 1..];
        let (eneg, edigits) = match rest.first() {
            Some(b'-') => (true, &rest[1..]),
            Some(b'+') => (false, &rest[1..]),
            _ => (false, rest),
        };
        if edigits.is_empty() || !edigits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut e: i64 = 0;
        for &d in edigits {
            e = (e * 10 + (d - b'0') as i64).min(1_000_000);
        }
        exp10 += if eneg { -e } else { e };
    }
    if digits.is_empty() {
        return Some(Parsed::Finite(LongDouble {
            neg,
            ..LongDouble::ZERO
        }));
    }
    let magnitude = digits.len() as i64 + exp10;
    if magnitude > 4934 {
        return None; // ERANGE overflow
    }
    if magnitude < -4952 {
        return None; // ERANGE underflow to zero
    }
    let mut d = BigUint::from_u128(0);
    for &x in &digits {
        d.mul_small(10);
        d.add_small(x as u64);
    }
    let ld = if exp10 >= 0 {
        let mut v = d;
        let mut left = exp10;
        while left >= 19 {
            v.mul_small(10_000_000_000_000_000_000);
            left -= 19;
        }
        v.mul_small(10u64.pow(left as u32));
        LongDouble::round_big(neg, &v, 0, sticky)?
    } else {
        let b = BigUint::pow10((-exp10) as u32);
        let s = (b.bit_len() as i64 - d.bit_len() as i64 + 68).max(0) as u64;
        let a = d.shl(s);
        let (q, rem) = a.div_rem_small_quotient(&b, 72);
        LongDouble::round_big(neg, &BigUint::from_u128(q), -(s as i64), sticky || rem)?
    };
    if ld.is_zero() {
        return None; // underflow to zero is ERANGE for strtold
    }
    Some(Parsed::Finite(ld))
}

fn parse_hex(neg: bool, body: &[u8]) -> Option<Parsed> {
    let mut v: u128 = 0;
    let mut exp2: i64 = 0;
    let mut sticky = false;
    let mut seen = false;
    let mut after_point = false;
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if let Some(d) = (c as char).to_digit(16) {
            seen = true;
            if v >> 120 == 0 {
                v = (v << 4) | d as u128;
                if after_point {
                    exp2 -= 4;
                }
            } else {
                sticky |= d != 0;
                if !after_point {
                    exp2 += 4;
                }
            }
        } else if c == b'.' && !after_point {
            after_point = true;
        } else {
            break;
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    if i < body.len() {
        if body[i] != b'p' && body[i] != b'P' {
            return None;
        }
        let rest = &body[i + 1..];
        let (eneg, digits) = match rest.first() {
            Some(b'-') => (true, &rest[1..]),
            Some(b'+') => (false, &rest[1..]),
            _ => (false, rest),
        };
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut e: i64 = 0;
        for &d in digits {
            e = (e * 10 + (d - b'0') as i64).min(1_000_000);
        }
        exp2 += if eneg { -e } else { e };
    }
    let ld = LongDouble::round_big(neg, &BigUint::from_u128(v), exp2, sticky)?;
    if ld.is_zero() && v != 0 {
        return None;
    }
    Some(Parsed::Finite(ld))
}

/// Adds the increment text to the current text as Redis's INCRBYFLOAT
/// does: Err(true) if either is not a float, Err(false) on NaN/infinity.
pub(crate) fn incr_by_float(current: &[u8], incr: &[u8]) -> Result<String, bool> {
    let a = LongDouble::parse(current).ok_or(true)?;
    let b = LongDouble::parse(incr).ok_or(true)?;
    match (a, b) {
        (Parsed::Finite(a), Parsed::Finite(b)) => {
            LongDouble::add(a, b).map(LongDouble::to_human).ok_or(false)
        }
        _ => Err(false),
    }
}

#[cfg(test)]
mod tests {
    use super::incr_by_float as add;

    #[test]
    fn matches_redis_7_0() {
        // Each line was read off redis-server 7.0.15.
        assert_eq!(add(b"10.5", b"0.1"), Ok("10.6".into()));
        assert_eq!(add(b"1000.1", b"0"), Ok("1000.09999999999999998".into()));
        assert_eq!(add(b"0", b"0.1"), Ok("0.1".into()));
        assert_eq!(add(b"0.1", b"0.2"), Ok("0.3".into()));
        assert_eq!(add(b"0", b"1e20"), Ok("100000000000000000000".into()));
        assert_eq!(add(b"0", b"5.0e3"), Ok("5000".into()));
        assert_eq!(
            add(b"0", b"123456.789"),
            Ok("123456.78900000000000148".into())
        );
        assert_eq!(add(b"16", b"1.5e3"), Ok("1516".into()));
        assert_eq!(add(b"0", b"0x10"), Ok("16".into()));
        assert_eq!(add(b"10", b"0x1p3"), Ok("18".into()));
        assert_eq!(add(b"0", b"-0.0"), Ok("0".into()));
        assert_eq!(
            add(b"0", b"3.0000000000000004"),
            Ok("3.0000000000000004".into())
        );
        assert_eq!(add(b"0", b"0.1e-10"), Ok("0.00000000001".into()));
        assert_eq!(add(b"0", b"1e5000"), Err(true));
        assert_eq!(add(b"0", b"1e-5000"), Err(true));
        assert_eq!(add(b"0", b"inf"), Err(false));
        assert_eq!(add(b"0", b"nan"), Err(true));
        assert_eq!(add(b"0", b" 1"), Err(true));
        assert_eq!(add(b"0", b""), Err(true));
        assert_eq!(add(b"0", b"1e"), Err(true));
        assert_eq!(add(b"0", b"."), Err(true));
        assert_eq!(add(b"0", b"-.5"), Ok("-0.5".into()));
    }

    #[test]
    fn huge_values_print_in_full() {
        // Read off redis-server 7.0.15.
        let max = "179769313486231569995921046774104434048386446944329178485314420765176628523124396354701868608387085564428793419425520689308708363451136055357897278026477617073498977686288394835618163294045594434929537447290627480669417384648879122776218333598953852832103282504751611691208117720159985926376802466863339536384";
        assert_eq!(add(b"0", b"1.7976931348623157e308"), Ok(max.into()));
        let more = "279769313486231570002352240441350078789299929179619934003987695617693370918830364684014944221042050987341155710361544171686148029276505307138777262321877129888036065002204239033812550598509174132739480498569620043582760541189365866551522561741435317031294527744011878159793174665688773926186886103199182225408";
        assert_eq!(add(max.as_bytes(), b"1e308"), Ok(more.into()));
        assert_eq!(add(b"1e4932", b"1e4932"), Err(false));
    }
}
