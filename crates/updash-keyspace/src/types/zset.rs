//! The sorted-set value: a member → score map plus a (score, member) order.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::ops::Bound;

use crate::scanmap::ScanMap;

/// A score that is never NaN, ordered numerically (-0 equals 0).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Score(pub f64);

impl PartialEq for Score {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Score {}
impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.partial_cmp(&other.0).unwrap_or(Ordering::Equal)
    }
}

/// A score interval as ZRANGEBYSCORE takes it (`(` = exclusive).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ScoreRange {
    pub min: f64,
    pub min_ex: bool,
    pub max: f64,
    pub max_ex: bool,
}

impl ScoreRange {
    pub fn above_min(&self, s: f64) -> bool {
        if self.min_ex {
            s > self.min
        } else {
            s >= self.min
        }
    }

    pub fn below_max(&self, s: f64) -> bool {
        if self.max_ex {
            s < self.max
        } else {
            s <= self.max
        }
    }
}

/// A lexicographic bound as ZRANGEBYLEX takes it.
#[derive(Clone, Debug)]
pub(crate) enum LexBound {
    NegInf,
    PosInf,
    Incl(Vec<u8>),
    Excl(Vec<u8>),
}

impl LexBound {
    pub fn parse(s: &[u8]) -> Option<LexBound> {
        match s.first() {
            Some(b'-') if s.len() == 1 => Some(LexBound::NegInf),
            Some(b'+') if s.len() == 1 => Some(LexBound::PosInf),
            Some(b'[') => Some(LexBound::Incl(s[1..].to_vec())),
            Some(b'(') => Some(LexBound::Excl(s[1..].to_vec())),
            _ => None,
        }
    }

    pub fn allows_above(&self, m: &[u8]) -> bool {
        match self {
            LexBound::NegInf => true,
            LexBound::PosInf => false,
            LexBound::Incl(b) => m >= &b[..],
            LexBound::Excl(b) => m > &b[..],
        }
    }

    pub fn allows_below(&self, m: &[u8]) -> bool {
        match self {
            LexBound::NegInf => false,
            LexBound::PosInf => true,
            LexBound::Incl(b) => m <= &b[..],
            LexBound::Excl(b) => m < &b[..],
        }
    }
}

/// A sorted set.
#[derive(Default)]
pub(crate) struct ZSet {
    dict: ScanMap<f64>,
    order: BTreeSet<(Score, Box<[u8]>)>,
}

impl ZSet {
    pub fn len(&self) -> usize {
        self.dict.len()
    }

    pub fn score(&self, m: &[u8]) -> Option<f64> {
        self.dict.get(m).copied()
    }

    /// Sets a member's score; true if the member is new. -0 is stored as 0,
    /// as Redis's listpack encoding does.
    pub fn insert(&mut self, m: &[u8], score: f64) -> bool {
        let score = score + 0.0;
        match self.dict.insert(m, score) {
            Some(old) => {
                self.order.remove(&(Score(old), m.into()));
                self.order.insert((Score(score), m.into()));
                false
            }
            None => {
                self.order.insert((Score(score), m.into()));
                true
            }
        }
    }

    pub fn remove(&mut self, m: &[u8]) -> bool {
        match self.dict.remove(m) {
            Some(old) => {
                self.order.remove(&(Score(old), m.into()));
                true
            }
            None => false,
        }
    }

    pub fn iter_asc(&self) -> impl DoubleEndedIterator<Item = (&[u8], f64)> {
        self.order.iter().map(|(s, m)| (&**m, s.0))
    }

    /// 0-based rank in ascending order.
    pub fn rank(&self, m: &[u8]) -> Option<usize> {
        let s = self.score(m)?;
        Some(self.order.range(..(Score(s), Box::<[u8]>::from(m))).count())
    }

    /// Members in the score range, ascending or descending.
    pub fn by_score(
        &self,
        r: ScoreRange,
        rev: bool,
    ) -> Box<dyn Iterator<Item = (&[u8], f64)> + '_> {
        let empty: Box<[u8]> = Box::from(&[][..]);
        if rev {
            let upper = if r.max.is_infinite() && r.max > 0.0 {
                Bound::Unbounded
            } else {
                Bound::Excluded((Score(r.max.next_up()), empty))
            };
            Box::new(
                self.order
                    .range((Bound::Unbounded, upper))
                    .rev()
                    .map(|(s, m)| (&**m, s.0))
                    .skip_while(move |(_, s)| !r.below_max(*s))
                    .take_while(move |(_, s)| r.above_min(*s)),
            )
        } else {
            let lower = if r.min.is_infinite() && r.min < 0.0 {
                Bound::Unbounded
            } else {
                Bound::Included((Score(r.min), empty))
            };
            Box::new(
                self.order
                    .range((lower, Bound::Unbounded))
                    .map(|(s, m)| (&**m, s.0))
                    .skip_while(move |(_, s)| !r.above_min(*s))
                    .take_while(move |(_, s)| r.below_max(*s)),
            )
        }
    }

    /// Members in the lex range (meaningful when all scores are equal).
    pub fn by_lex<'a>(
        &'a self,
        min: &'a LexBound,
        max: &'a LexBound,
        rev: bool,
    ) -> Box<dyn Iterator<Item = (&'a [u8], f64)> + 'a> {
        if rev {
            Box::new(
                self.iter_asc()
                    .rev()
                    .skip_while(move |(m, _)| !max.allows_below(m))
                    .take_while(move |(m, _)| min.allows_above(m)),
            )
        } else {
            Box::new(
                self.iter_asc()
                    .skip_while(move |(m, _)| !min.allows_above(m))
                    .take_while(move |(m, _)| max.allows_below(m)),
            )
        }
    }

    pub fn scan(&self, cursor: u64, budget: usize, visit: impl FnMut(&[u8], &f64)) -> u64 {
        self.dict.scan(cursor, budget, visit)
    }

    pub fn duplicate(&self) -> ZSet {
        let mut out = ZSet::default();
        for (m, s) in self.iter_asc() {
            out.insert(m, s);
        }
        out
    }
}
