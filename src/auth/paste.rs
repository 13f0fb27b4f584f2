//! Reading a pasted sign-in answer: the address the browser ended on (even when that page did
//! not load), or just its `?code=..&state=..` part.

use super::callback::{CallbackCheck, CallbackVerdict, judge_callback};
use super::error::AuthError;

/// The most characters a paste may have.
const MAX_PASTE_LEN: usize = 16 * 1024;

/// Extracts the query string from what the operator pasted.
///
/// Tolerates surrounding whitespace, quotes and angle brackets, line breaks a terminal inserted,
/// a missing scheme, a leading `?`, and a trailing `#fragment`.
pub fn pasted_query(text: &str) -> Result<String, AuthError> {
    if text.len() > MAX_PASTE_LEN {
        return Err(AuthError::BadPaste(
            "the pasted text is too long to be a sign-in address".into(),
        ));
    }
    // A URL never holds raw whitespace, so any is an artifact of copying (wrapped lines).
    let mut s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    loop {
        let trimmed = s
            .trim_start_matches(['"', '\'', '<', '`', '('])
            .trim_end_matches(['"', '\'', '>', '`', ')', '.', ',', ';']);
        if trimmed.len() == s.len() {
            break;
        }
        s = trimmed.to_string();
    }
    if s.is_empty() {
        return Err(AuthError::BadPaste(
            "nothing was pasted; paste the address the browser ended on after signing in".into(),
        ));
    }
    let without_fragment = s.split('#').next().unwrap_or_default();
    let query = match without_fragment.split_once('?') {
        Some((_, q)) => q,
        // No `?`: either bare `code=..&state=..`, or an address without any answer in it.
        None if without_fragment.contains('=') && !without_fragment.contains('/') => {
            without_fragment
        }
        None if without_fragment.contains('/') || without_fragment.contains(':') => {
            return Err(AuthError::BadPaste(
                "that address has no ?code=...&state=... part; finish signing in in the browser, \
                 then copy the whole address it ends on (even if the page did not load)"
                    .into(),
            ));
        }
        None => {
            return Err(AuthError::BadPaste(
                "that looks like a bare code; paste the whole address the browser ended on, \
                 so updash can check it belongs to this sign-in"
                    .into(),
            ));
        }
    };
    Ok(query.to_string())
}

/// Checks pasted answers against one attempt; cheap to clone into a UI task so a bad paste
/// can be reported at once while the attempt keeps waiting.
#[derive(Clone)]
pub struct PasteChecker {
    pub(crate) check: CallbackCheck,
}

impl std::fmt::Debug for PasteChecker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasteChecker")
    }
}

impl PasteChecker {
    /// What the pasted text means for the attempt (same rules as the listener).
    pub fn check(&self, text: &str) -> CallbackVerdict {
        match pasted_query(text) {
            Ok(query) => judge_callback(&query, &self.check),
            Err(e) => CallbackVerdict::Ignored(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn checker() -> PasteChecker {
        PasteChecker {
            check: CallbackCheck::state_only(Secret::new("S-1_x")),
        }
    }

    fn code_of(text: &str) -> String {
        match checker().check(text) {
            CallbackVerdict::Code(c) => c.expose().to_string(),
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn many_shapes_give_the_code() {
        let shapes = [
            "http://127.0.0.1:5555/callback?code=abc&state=S-1_x",
            "http://localhost:3000/?code=abc&state=S-1_x",
            "http://localhost:3000?state=S-1_x&code=abc",
            "localhost:3000/?code=abc&state=S-1_x",
            "?code=abc&state=S-1_x",
            "code=abc&state=S-1_x",
            "  http://127.0.0.1:1/callback?code=abc&state=S-1_x \n",
            "\"http://127.0.0.1:1/callback?code=abc&state=S-1_x\"",
            "'?code=abc&state=S-1_x'",
            "<http://127.0.0.1:1/callback?code=abc&state=S-1_x>",
            "http://127.0.0.1:1/callback?code=abc&state=S-1_x#_=_",
            "http://127.0.0.1:1/callback?code=ab\nc&sta\r\nte=S-1_x",
            "http://127.0.0.1:1/callback?code=abc&state=S-1_x&session_state=zz&iss=x",
            "http://127.0.0.1:1/callback?code=abc&state=S%2D1%5Fx",
        ];
        for s in shapes {
            assert_eq!(code_of(s), "abc", "{s:?}");
        }
    }

    #[test]
    fn bad_input_gets_a_clear_error() {
        let cases = [
            ("", "nothing was pasted"),
            ("   \n", "nothing was pasted"),
            ("abc123", "bare code"),
            ("http://127.0.0.1:1/callback", "no ?code"),
            ("https://example.com/login", "no ?code"),
            ("?code=abc&state=WRONG", "does not belong"),
            ("?code=abc", "does not belong"),
            ("?foo=bar", "no code, error or state"),
            ("?state=S-1_x", "no code"),
        ];
        for (text, needle) in cases {
            match checker().check(text) {
                CallbackVerdict::Ignored(e) => {
                    assert!(e.to_string().contains(needle), "{text:?}: {e}")
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
        let huge = "x".repeat(MAX_PASTE_LEN + 1);
        assert!(!checker().check(&huge).is_final());
    }

    #[test]
    fn pasted_error_with_right_state_ends_the_attempt() {
        match checker().check("http://localhost:3000/?error=access_denied&state=S-1_x") {
            CallbackVerdict::Failed(AuthError::AccessDenied { .. }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_never_echo_the_paste() {
        match checker().check("?code=SECRETCODE&state=WRONG") {
            CallbackVerdict::Ignored(e) => {
                assert!(!e.to_string().contains("SECRETCODE"));
                assert!(!format!("{e:?}").contains("SECRETCODE"));
            }
            other => panic!("{other:?}"),
        }
    }
}
