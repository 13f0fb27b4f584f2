//! The simple JSON paths the engine supports: RedisJSON's JSONPath form
//! (`$`, `$.a.b`, `$.a[0]`, `$['a']`, `$.*`, `$[*]`) and its legacy form
//! (`.`, `.a.b`, `a.b`, `a[0]`).

use serde_json::Value;

/// One path segment.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Seg {
    Key(String),
    Index(i64),
    Wild,
}

/// One concrete step to a value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Step {
    Key(String),
    Idx(usize),
}

/// A parsed path.
#[derive(Clone, Debug)]
pub(crate) struct Path {
    pub legacy: bool,
    pub segs: Vec<Seg>,
}

impl Path {
    pub fn is_root(&self) -> bool {
        self.segs.is_empty()
    }

    pub fn parse(text: &[u8]) -> Option<Path> {
        let text = std::str::from_utf8(text).ok()?;
        let (legacy, rest) = match text.strip_prefix('$') {
            Some(r) => (false, r),
            None => (true, text),
        };
        let b = rest.as_bytes();
        let mut segs = Vec::new();
        let mut i = 0;
        // A legacy path may start with a bare key (`a.b`).
        if legacy && !b.is_empty() && b[0] != b'.' && b[0] != b'[' {
            let end = key_end(b, 0);
            segs.push(Seg::Key(rest[..end].to_string()));
            i = end;
        }
        while i < b.len() {
            match b[i] {
                b'.' => {
                    if legacy && i == 0 && b.len() == 1 {
                        break; // "." is the root
                    }
                    i += 1;
                    if i < b.len() && b[i] == b'.' {
                        return None; // recursive descent is not supported
                    }
                    if i < b.len() && b[i] == b'*' {
                        segs.push(Seg::Wild);
                        i += 1;
                        continue;
                    }
                    let end = key_end(b, i);
                    if end == i {
                        return None;
                    }
                    segs.push(Seg::Key(rest[i..end].to_string()));
                    i = end;
                }
                b'[' => {
                    let close = i + rest[i..].find(']')?;
                    let inner = rest[i + 1..close].trim();
                    if inner == "*" {
                        segs.push(Seg::Wild);
                    } else if let Some(q) = inner
                        .strip_prefix('\'')
                        .and_then(|s| s.strip_suffix('\''))
                        .or_else(|| inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')))
                    {
                        segs.push(Seg::Key(q.to_string()));
                    } else {
                        segs.push(Seg::Index(inner.parse().ok()?));
                    }
                    i = close + 1;
                }
                _ => return None,
            }
        }
        Some(Path { legacy, segs })
    }

    /// Every concrete location the path matches in `root`.
    pub fn resolve(&self, root: &Value) -> Vec<Vec<Step>> {
        let mut out = vec![(Vec::new(), root)];
        for seg in &self.segs {
            let mut next = Vec::new();
            for (steps, v) in out {
                match (seg, v) {
                    (Seg::Key(k), Value::Object(m)) => {
                        if let Some(child) = m.get(k) {
                            next.push((push(&steps, Step::Key(k.clone())), child));
                        }
                    }
                    (Seg::Index(i), Value::Array(a)) => {
                        let idx = if *i < 0 { a.len() as i64 + i } else { *i };
                        if idx >= 0 && (idx as usize) < a.len() {
                            next.push((push(&steps, Step::Idx(idx as usize)), &a[idx as usize]));
                        }
                    }
                    (Seg::Wild, Value::Object(m)) => {
                        for (k, child) in m {
                            next.push((push(&steps, Step::Key(k.clone())), child));
                        }
                    }
                    (Seg::Wild, Value::Array(a)) => {
                        for (i, child) in a.iter().enumerate() {
                            next.push((push(&steps, Step::Idx(i)), child));
                        }
                    }
                    _ => {}
                }
            }
            out = next;
        }
        out.into_iter().map(|(s, _)| s).collect()
    }
}

fn key_end(b: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < b.len() && b[end] != b'.' && b[end] != b'[' {
        end += 1;
    }
    end
}

fn push(steps: &[Step], s: Step) -> Vec<Step> {
    let mut v = steps.to_vec();
    v.push(s);
    v
}

/// The value at a concrete location.
pub(crate) fn get<'a>(root: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    steps.iter().try_fold(root, |v, s| match (s, v) {
        (Step::Key(k), Value::Object(m)) => m.get(k),
        (Step::Idx(i), Value::Array(a)) => a.get(*i),
        _ => None,
    })
}

/// The value at a concrete location, mutably.
pub(crate) fn get_mut<'a>(root: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    steps.iter().try_fold(root, |v, s| match (s, v) {
        (Step::Key(k), Value::Object(m)) => m.get_mut(k),
        (Step::Idx(i), Value::Array(a)) => a.get_mut(*i),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        let p = Path::parse(b"$.a.b[0]").unwrap_or(Path {
            legacy: true,
            segs: vec![],
        });
        assert!(!p.legacy);
        assert_eq!(
            p.segs,
            vec![Seg::Key("a".into()), Seg::Key("b".into()), Seg::Index(0)]
        );
        assert!(Path::parse(b".").is_some_and(|p| p.legacy && p.is_root()));
        assert!(Path::parse(b"$").is_some_and(|p| !p.legacy && p.is_root()));
        assert!(Path::parse(b"a.b").is_some_and(|p| p.segs.len() == 2));
        assert!(Path::parse(b"$['x y']").is_some_and(|p| p.segs == vec![Seg::Key("x y".into())]));
        assert!(Path::parse(b"$..a").is_none());
        assert!(Path::parse(b"$[").is_none());
    }
}
