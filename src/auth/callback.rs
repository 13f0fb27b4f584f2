//! The one check every sign-in answer goes through, whether the browser brought it to the
//! listener or the operator pasted it: `state` first, then `error`, then `code`.

use super::error::{AuthError, sanitize_description};
use crate::secret::Secret;

/// The most characters a query may have for updash to look at it.
const MAX_QUERY_LEN: usize = 8 * 1024;

/// What an answer means for the attempt.
#[derive(Debug)]
pub enum CallbackVerdict {
    /// The provider granted a code for this attempt: the attempt ends in success.
    Code(Secret),
    /// The provider ended this attempt with an error: the attempt ends in failure.
    Failed(AuthError),
    /// Not an answer to this attempt (wrong or missing state, no code): the wait goes on.
    Ignored(AuthError),
}

impl CallbackVerdict {
    /// Whether the attempt ends with this answer.
    pub fn is_final(&self) -> bool {
        !matches!(self, Self::Ignored(_))
    }
}

/// Judges the query string (without `?`) of a redirect against the attempt's `state`.
pub fn judge_callback(query: &str, expected_state: &Secret) -> CallbackVerdict {
    if query.len() > MAX_QUERY_LEN {
        return CallbackVerdict::Ignored(AuthError::BadPaste(
            "the address is too long to be a sign-in answer".into(),
        ));
    }
    let mut state = None;
    let mut code = None;
    let mut error = None;
    let mut description = None;
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let slot = match key.as_ref() {
            "state" => &mut state,
            "code" => &mut code,
            "error" => &mut error,
            "error_description" => &mut description,
            _ => continue,
        };
        if slot.is_some() {
            // Two values for one parameter: ambiguous, so not trusted.
            return CallbackVerdict::Ignored(AuthError::BadPaste(format!(
                "the address has the parameter {key} twice, so it is not a sign-in answer updash trusts"
            )));
        }
        *slot = Some(value.into_owned());
    }
    let has_state = state.is_some();
    let state_matches = match state {
        Some(s) => Secret::new(s) == *expected_state,
        None => false,
    };
    if !state_matches {
        if !has_state && code.is_none() && error.is_none() {
            return CallbackVerdict::Ignored(AuthError::BadPaste(
                "the address has no code, error or state parameter, so it is not the sign-in answer; \
                 copy the whole address from the browser's address bar after signing in"
                    .into(),
            ));
        }
        return CallbackVerdict::Ignored(AuthError::StateMismatch);
    }
    if let Some(error) = error {
        let description = description.as_deref().and_then(sanitize_description);
        let code_word = sanitize_description(&error).unwrap_or_else(|| "(empty)".into());
        return CallbackVerdict::Failed(if error == "access_denied" {
            AuthError::AccessDenied { description }
        } else {
            AuthError::AuthorizeFailed {
                code: code_word.chars().take(64).collect(),
                description,
            }
        });
    }
    match code {
        Some(c) if !c.trim().is_empty() => CallbackVerdict::Code(Secret::new(c)),
        _ => CallbackVerdict::Ignored(AuthError::BadPaste(
            "the address carries this sign-in's state but no code; \
             finish signing in in the browser, then copy the address it ends on"
                .into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> Secret {
        Secret::new("STATE-abc")
    }

    #[test]
    fn right_state_and_code_is_a_code() {
        match judge_callback("code=C0DE&state=STATE-abc", &state()) {
            CallbackVerdict::Code(c) => assert_eq!(c.expose(), "C0DE"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn wrong_or_missing_state_is_ignored() {
        for q in [
            "code=C&state=other",
            "code=C",
            "code=C&state=",
            "error=access_denied",
        ] {
            match judge_callback(q, &state()) {
                CallbackVerdict::Ignored(AuthError::StateMismatch) => {}
                other => panic!("{q}: {other:?}"),
            }
        }
    }

    #[test]
    fn errors_with_the_right_state_end_the_attempt() {
        match judge_callback(
            "error=access_denied&error_description=User+said+no&state=STATE-abc",
            &state(),
        ) {
            CallbackVerdict::Failed(AuthError::AccessDenied { description }) => {
                assert_eq!(description.as_deref(), Some("User said no"))
            }
            other => panic!("{other:?}"),
        }
        match judge_callback("error=server_error&state=STATE-abc", &state()) {
            CallbackVerdict::Failed(e @ AuthError::AuthorizeFailed { .. }) => {
                assert!(e.to_string().contains("server_error"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn duplicates_and_empty_are_ignored() {
        assert!(!judge_callback("code=a&code=b&state=STATE-abc", &state()).is_final());
        assert!(!judge_callback("state=STATE-abc", &state()).is_final());
        assert!(!judge_callback("", &state()).is_final());
        assert!(!judge_callback(&"a".repeat(MAX_QUERY_LEN + 1), &state()).is_final());
    }

    #[test]
    fn control_characters_in_descriptions_are_escaped() {
        match judge_callback(
            "error=access_denied&error_description=a%1b%5B31m%E2%80%AEb&state=STATE-abc",
            &state(),
        ) {
            CallbackVerdict::Failed(AuthError::AccessDenied { description }) => {
                assert_eq!(description.as_deref(), Some("a\\x1b[31m\\u{202e}b"))
            }
            other => panic!("{other:?}"),
        }
    }
}
