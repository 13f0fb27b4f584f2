//! The one check every sign-in answer goes through, whether the browser brought it to the
//! listener or the operator pasted it: `state` first, then the issuer (`iss`, RFC 9207),
//! then `error`, then `code`.

use super::error::{AuthError, sanitize_description};
use crate::secret::Secret;

/// The most characters a query may have for updash to look at it.
const MAX_QUERY_LEN: usize = 8 * 1024;

/// What an answer must carry to belong to a sign-in attempt.
#[derive(Clone)]
pub struct CallbackCheck {
    /// The `state` the authorize URL carried.
    pub state: Secret,
    /// The provider's issuer, when known (config or metadata): an `iss` naming another
    /// issuer is refused.
    pub issuer: Option<String>,
    /// The provider's metadata says every answer carries `iss`: an answer without it is
    /// refused.
    pub iss_required: bool,
}

impl CallbackCheck {
    /// A check of `state` alone (a provider that says nothing about its issuer).
    pub fn state_only(state: Secret) -> Self {
        Self {
            state,
            issuer: None,
            iss_required: false,
        }
    }
}

impl std::fmt::Debug for CallbackCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallbackCheck")
            .field("issuer", &self.issuer)
            .field("iss_required", &self.iss_required)
            .finish_non_exhaustive()
    }
}

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

/// Judges the query string (without `?`) of a redirect against the attempt's `check`.
pub fn judge_callback(query: &str, check: &CallbackCheck) -> CallbackVerdict {
    if query.len() > MAX_QUERY_LEN {
        return CallbackVerdict::Ignored(AuthError::BadPaste(
            "the address is too long to be a sign-in answer".into(),
        ));
    }
    let mut state = None;
    let mut code = None;
    let mut error = None;
    let mut description = None;
    let mut iss = None;
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let slot = match key.as_ref() {
            "state" => &mut state,
            "code" => &mut code,
            "error" => &mut error,
            "error_description" => &mut description,
            "iss" => &mut iss,
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
        Some(s) => Secret::new(s) == check.state,
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
    // An answer from another server is refused before anything in it is believed, its
    // error included: the code would go to this provider's token endpoint (a mix-up).
    if let Some(refused) = issuer_refusal(iss.as_deref(), check) {
        return CallbackVerdict::Failed(refused);
    }
    if let Some(error) = error {
        let description = description.as_deref().and_then(sanitize_description);
        return CallbackVerdict::Failed(authorize_error(&error, description));
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

/// Why the answer's issuer is refused, if it is.
fn issuer_refusal(iss: Option<&str>, check: &CallbackCheck) -> Option<AuthError> {
    let shown = |s: &str| {
        sanitize_description(s)
            .unwrap_or_else(|| "(empty)".into())
            .chars()
            .take(200)
            .collect::<String>()
    };
    match (iss, &check.issuer) {
        (Some(got), Some(expected)) if got != expected => Some(AuthError::IssuerMismatch {
            expected: expected.clone(),
            received: shown(got),
        }),
        (None, Some(expected)) if check.iss_required => Some(AuthError::IssuerMissing {
            expected: expected.clone(),
        }),
        (Some(_), None) => {
            tracing::debug!("auth: the answer names its issuer, but the provider's is unknown");
            None
        }
        _ => None,
    }
}

/// An RFC 6749 §4.1.2.1 error in words: a refusal of this app's configuration is told
/// apart from a refused or failed sign-in.
fn authorize_error(error: &str, description: Option<String>) -> AuthError {
    match error {
        "access_denied" => AuthError::AccessDenied { description },
        "invalid_scope" => AuthError::InvalidScope { description },
        "unauthorized_client" => AuthError::UnauthorizedClient { description },
        "invalid_client" => AuthError::InvalidClient { description },
        other => AuthError::AuthorizeFailed {
            code: sanitize_description(other)
                .unwrap_or_else(|| "(empty)".into())
                .chars()
                .take(64)
                .collect(),
            description,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> CallbackCheck {
        CallbackCheck::state_only(Secret::new("STATE-abc"))
    }

    fn with_issuer(required: bool) -> CallbackCheck {
        CallbackCheck {
            issuer: Some("https://as.example".into()),
            iss_required: required,
            ..state()
        }
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

    #[test]
    fn an_answer_from_another_issuer_is_refused() {
        let q = "code=C&state=STATE-abc&iss=https%3A%2F%2Fevil.example";
        match judge_callback(q, &with_issuer(false)) {
            CallbackVerdict::Failed(e @ AuthError::IssuerMismatch { .. }) => {
                assert!(e.to_string().contains("https://evil.example"), "{e}");
                assert!(e.to_string().contains("https://as.example"), "{e}");
            }
            other => panic!("{other:?}"),
        }
        // Errors too: the answer is not believed at all.
        let q = "error=access_denied&state=STATE-abc&iss=https%3A%2F%2Fevil.example";
        assert!(matches!(
            judge_callback(q, &with_issuer(false)),
            CallbackVerdict::Failed(AuthError::IssuerMismatch { .. })
        ));
        let q = "code=C&state=STATE-abc&iss=https%3A%2F%2Fas.example";
        assert!(matches!(
            judge_callback(q, &with_issuer(true)),
            CallbackVerdict::Code(_)
        ));
    }

    #[test]
    fn a_missing_iss_is_refused_only_when_the_provider_promised_it() {
        assert!(matches!(
            judge_callback("code=C&state=STATE-abc", &with_issuer(true)),
            CallbackVerdict::Failed(AuthError::IssuerMissing { .. })
        ));
        assert!(matches!(
            judge_callback("code=C&state=STATE-abc", &with_issuer(false)),
            CallbackVerdict::Code(_)
        ));
        // Unknown issuer: nothing to compare with.
        assert!(matches!(
            judge_callback("code=C&state=STATE-abc&iss=x", &state()),
            CallbackVerdict::Code(_)
        ));
        assert!(
            !judge_callback("code=C&state=STATE-abc&iss=a&iss=b", &with_issuer(false)).is_final()
        );
    }

    #[test]
    fn configuration_refusals_are_told_apart() {
        for (code, want) in [
            ("invalid_scope", "scopes"),
            ("unauthorized_client", "unauthorized_client"),
            ("invalid_client", "client credentials"),
        ] {
            match judge_callback(&format!("error={code}&state=STATE-abc"), &state()) {
                CallbackVerdict::Failed(e) => assert!(e.to_string().contains(want), "{e}"),
                other => panic!("{other:?}"),
            }
        }
    }
}
