//! Glob matching exactly like Redis's `stringmatchlen` (util.c), used by
//! SCAN, KEYS, HSCAN, SSCAN and ZSCAN.

/// True if `string` matches the Redis glob `pattern` (case-sensitive).
pub fn glob_match(pattern: &[u8], string: &[u8]) -> bool {
    let mut skip_longer = false;
    match_impl(pattern, string, false, &mut skip_longer, 0)
}

/// True if `string` matches `pattern`, ignoring ASCII case.
pub fn glob_match_nocase(pattern: &[u8], string: &[u8]) -> bool {
    let mut skip_longer = false;
    match_impl(pattern, string, true, &mut skip_longer, 0)
}

fn fold(c: u8, nocase: bool) -> u8 {
    if nocase { c.to_ascii_lowercase() } else { c }
}

// A port of stringmatchlen_impl. `skip_longer` is Redis's
// skipLongerMatches: once a `*` suffix failed against the whole rest of the
// string, shorter suffixes cannot match either, which keeps patterns such as
// `a*a*a*a*b` from going exponential. `nesting` caps the recursion like
// Redis 7.0.9+ (CVE-2022-36021).
fn match_impl(
    mut p: &[u8],
    mut s: &[u8],
    nocase: bool,
    skip_longer: &mut bool,
    nesting: u32,
) -> bool {
    if nesting > 1000 {
        return false;
    }
    while !p.is_empty() && !s.is_empty() {
        match p[0] {
            b'*' => {
                while p.len() > 1 && p[1] == b'*' {
                    p = &p[1..];
                }
                if p.len() == 1 {
                    return true;
                }
                while !s.is_empty() {
                    if match_impl(&p[1..], s, nocase, skip_longer, nesting + 1) {
                        return true;
                    }
                    if *skip_longer {
                        return false;
                    }
                    s = &s[1..];
                }
                *skip_longer = true;
                return false;
            }
            b'?' => s = &s[1..],
            b'[' => {
                p = &p[1..];
                let not = p.first() == Some(&b'^');
                if not {
                    p = &p[1..];
                }
                let mut matched = false;
                loop {
                    if p.is_empty() {
                        // Unterminated class: Redis steps back so the outer
                        // loop's advance lands on the end.
                        break;
                    }
                    if p[0] == b'\\' && p.len() >= 2 {
                        p = &p[1..];
                        if p[0] == s[0] {
                            matched = true;
                        }
                    } else if p[0] == b']' {
                        break;
                    } else if p.len() >= 3 && p[1] == b'-' {
                        let (mut start, mut end) = (p[0], p[2]);
                        let c = fold(s[0], nocase);
                        if start > end {
                            std::mem::swap(&mut start, &mut end);
                        }
                        start = fold(start, nocase);
                        end = fold(end, nocase);
                        p = &p[2..];
                        if c >= start && c <= end {
                            matched = true;
                        }
                    } else if fold(p[0], nocase) == fold(s[0], nocase) {
                        matched = true;
                    }
                    p = &p[1..];
                }
                if not {
                    matched = !matched;
                }
                if !matched {
                    return false;
                }
                s = &s[1..];
                // p stands on ']' (or is empty); the shared advance below
                // steps over it.
                if p.is_empty() {
                    return s.is_empty() && p.is_empty();
                }
            }
            b'\\' if p.len() >= 2 => {
                p = &p[1..];
                if fold(p[0], nocase) != fold(s[0], nocase) {
                    return false;
                }
                s = &s[1..];
            }
            c => {
                if fold(c, nocase) != fold(s[0], nocase) {
                    return false;
                }
                s = &s[1..];
            }
        }
        p = &p[1..];
        if s.is_empty() {
            while !p.is_empty() && p[0] == b'*' {
                p = &p[1..];
            }
            break;
        }
    }
    p.is_empty() && s.is_empty()
}

#[cfg(test)]
mod tests {
    use super::glob_match as m;

    #[test]
    fn basics() {
        // Like stringmatchlen, a lone `*` does not match the empty string;
        // SCAN/KEYS skip matching altogether for `*`, as Redis does.
        assert!(!m(b"*", b""));
        assert!(m(b"*", b"anything"));
        assert!(m(b"h?llo", b"hello"));
        assert!(!m(b"h?llo", b"hllo"));
        assert!(m(b"h*llo", b"heeeello"));
        assert!(m(b"h[ae]llo", b"hallo"));
        assert!(!m(b"h[ae]llo", b"hillo"));
        assert!(m(b"h[^e]llo", b"hallo"));
        assert!(!m(b"h[^e]llo", b"hello"));
        assert!(m(b"h[a-b]llo", b"hbllo"));
        assert!(m(b"h[b-a]llo", b"hallo"));
        assert!(m(b"h\\*llo", b"h*llo"));
        assert!(!m(b"h\\*llo", b"hello"));
        assert!(m(b"user:*", b"user:42"));
        assert!(!m(b"user:*", b"users"));
        assert!(m(b"a*", b"a"));
        assert!(m(b"a**", b"a"));
        assert!(!m(b"", b"a"));
        assert!(m(b"", b""));
    }

    #[test]
    fn odd_patterns_do_not_panic() {
        for p in [
            &b"["[..],
            b"[^",
            b"[a-",
            b"\\",
            b"[\\",
            b"a[",
            b"*[",
            b"[]",
            b"[]]",
        ] {
            for s in [&b""[..], b"a", b"]", b"\\", b"[", b"ab"] {
                let _ = m(p, s);
            }
        }
        assert!(!m(b"a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", &[b'a'; 60]));
    }
}
