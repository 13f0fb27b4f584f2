//! A minimal unsigned big integer, only what `longdouble` needs to round
//! decimal text to an 80-bit float exactly and to print one in full.

use std::cmp::Ordering;

/// Little-endian 64-bit limbs, no trailing zero limbs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BigUint(Vec<u64>);

impl BigUint {
    pub fn from_u128(v: u128) -> BigUint {
        let mut b = BigUint(vec![v as u64, (v >> 64) as u64]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    pub fn bit_len(&self) -> u64 {
        match self.0.last() {
            None => 0,
            Some(top) => (self.0.len() as u64 - 1) * 64 + (64 - top.leading_zeros() as u64),
        }
    }

    pub fn bit(&self, i: u64) -> bool {
        let limb = (i / 64) as usize;
        limb < self.0.len() && (self.0[limb] >> (i % 64)) & 1 == 1
    }

    /// True if any bit below position `i` is set.
    pub fn any_below(&self, i: u64) -> bool {
        let full = (i / 64) as usize;
        if self.0.iter().take(full).any(|&l| l != 0) {
            return true;
        }
        let rem = i % 64;
        rem > 0 && full < self.0.len() && self.0[full] & ((1u64 << rem) - 1) != 0
    }

    pub fn mul_small(&mut self, m: u64) {
        let mut carry: u128 = 0;
        for limb in &mut self.0 {
            let v = (*limb as u128) * (m as u128) + carry;
            *limb = v as u64;
            carry = v >> 64;
        }
        if carry > 0 {
            self.0.push(carry as u64);
        }
        self.trim();
    }

    pub fn add_small(&mut self, a: u64) {
        let mut carry = a;
        for limb in &mut self.0 {
            let (v, c) = limb.overflowing_add(carry);
            *limb = v;
            if !c {
                return;
            }
            carry = 1;
        }
        if carry > 0 {
            self.0.push(carry);
        }
    }

    pub fn shl(&self, bits: u64) -> BigUint {
        if self.is_zero() {
            return self.clone();
        }
        let limbs = (bits / 64) as usize;
        let rem = bits % 64;
        let mut out = vec![0u64; limbs];
        if rem == 0 {
            out.extend_from_slice(&self.0);
        } else {
            let mut carry = 0u64;
            for &l in &self.0 {
                out.push((l << rem) | carry);
                carry = l >> (64 - rem);
            }
            out.push(carry);
        }
        let mut b = BigUint(out);
        b.trim();
        b
    }

    /// The bits from position `from` upwards, as long as they fit in u128.
    pub fn shr_to_u128(&self, from: u64) -> u128 {
        let mut out: u128 = 0;
        for k in 0..128u64 {
            if self.bit(from + k) {
                out |= 1u128 << k;
            }
        }
        out
    }

    pub fn sub_assign(&mut self, other: &BigUint) {
        let mut borrow = false;
        for i in 0..self.0.len() {
            let o = other.0.get(i).copied().unwrap_or(0);
            let (v1, b1) = self.0[i].overflowing_sub(o);
            let (v2, b2) = v1.overflowing_sub(borrow as u64);
            self.0[i] = v2;
            borrow = b1 || b2;
        }
        self.trim();
    }

    pub fn add(&self, other: &BigUint) -> BigUint {
        let n = self.0.len().max(other.0.len());
        let mut out = Vec::with_capacity(n + 1);
        let mut carry = false;
        for i in 0..n {
            let a = self.0.get(i).copied().unwrap_or(0);
            let b = other.0.get(i).copied().unwrap_or(0);
            let (v1, c1) = a.overflowing_add(b);
            let (v2, c2) = v1.overflowing_add(carry as u64);
            out.push(v2);
            carry = c1 || c2;
        }
        if carry {
            out.push(1);
        }
        BigUint(out)
    }

    /// Divides by a small number in place and returns the remainder.
    pub fn div_small(&mut self, d: u64) -> u64 {
        let mut rem: u128 = 0;
        for limb in self.0.iter_mut().rev() {
            let cur = (rem << 64) | *limb as u128;
            *limb = (cur / d as u128) as u64;
            rem = cur % d as u128;
        }
        self.trim();
        rem as u64
    }

    pub fn pow10(e: u32) -> BigUint {
        let mut b = BigUint::from_u128(1);
        let mut left = e;
        while left >= 19 {
            b.mul_small(10_000_000_000_000_000_000);
            left -= 19;
        }
        b.mul_small(10u64.pow(left));
        b
    }

    /// Quotient (which must fit in `max_bits` bits) and whether a remainder
    /// was left, by shift-and-subtract.
    pub fn div_rem_small_quotient(&self, d: &BigUint, max_bits: u32) -> (u128, bool) {
        let mut rem = self.clone();
        let mut q: u128 = 0;
        for bit in (0..max_bits as u64).rev() {
            let shifted = d.shl(bit);
            if rem.cmp(&shifted) != Ordering::Less {
                rem.sub_assign(&shifted);
                q |= 1u128 << bit;
            }
        }
        (q, !rem.is_zero())
    }

    pub fn to_decimal(&self) -> String {
        if self.is_zero() {
            return "0".into();
        }
        let mut n = self.clone();
        let mut chunks = Vec::new();
        while !n.is_zero() {
            chunks.push(n.div_small(10_000_000_000_000_000_000));
        }
        let mut s = String::new();
        for (i, c) in chunks.iter().rev().enumerate() {
            if i == 0 {
                s.push_str(&c.to_string());
            } else {
                s.push_str(&format!("{c:019}"));
            }
        }
        s
    }
}

impl PartialOrd for BigUint {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BigUint {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}
