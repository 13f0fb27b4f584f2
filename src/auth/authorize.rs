//! The authorization request: URL with client id, redirect URI, scopes, provider extras, a
//! fresh `state` and a PKCE S256 challenge.

use super::client::OAuthClient;
use super::error::AuthError;
use crate::secret::Secret;
use oauth2::{CsrfToken, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope};
use std::borrow::Cow;
use url::Url;

/// Random bytes in `state` (256 bits; RFC 6749 §10.12 asks for at least 128).
const STATE_BYTES: u32 = 32;

/// Parameters the flow itself sets; a provider's `extra_authorize_params` may not override them.
const RESERVED_PARAMS: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
];

/// One authorization request, with the secrets the rest of the attempt needs.
pub struct AuthorizeRequest {
    /// The URL to open in the browser.
    pub url: Url,
    /// The `state` sent; the callback must carry the same value.
    pub state: Secret,
    /// The PKCE verifier; sent with the code at the exchange.
    pub verifier: Secret,
    /// The redirect URI sent; the exchange repeats it byte for byte.
    pub redirect_uri: String,
}

impl std::fmt::Debug for AuthorizeRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL carries `state`, so it is not printed either.
        f.debug_struct("AuthorizeRequest")
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

/// A fresh random `state` and PKCE verifier.
pub(crate) fn fresh_secrets() -> (Secret, Secret) {
    let state = CsrfToken::new_random_len(STATE_BYTES);
    let (_, verifier) = PkceCodeChallenge::new_random_sha256();
    (
        Secret::new(state.secret().clone()),
        Secret::new(verifier.secret().clone()),
    )
}

/// Builds a fresh authorization request for `redirect_uri` (new state, new verifier).
pub fn authorize_request(
    client: &OAuthClient,
    redirect_uri: &str,
) -> Result<AuthorizeRequest, AuthError> {
    let (state, verifier) = fresh_secrets();
    authorize_request_with(client, redirect_uri, state, verifier)
}

/// Builds the authorization request for `redirect_uri` with the given state and verifier.
pub(crate) fn authorize_request_with(
    client: &OAuthClient,
    redirect_uri: &str,
    state: Secret,
    verifier: Secret,
) -> Result<AuthorizeRequest, AuthError> {
    let redirect = RedirectUrl::new(redirect_uri.to_string())
        .map_err(|e| AuthError::NotConfigured(format!("redirect URI is not valid ({e})")))?;
    let provider = &client.provider;
    for name in provider.extra_authorize_params.keys() {
        let reserved = RESERVED_PARAMS.contains(&name.as_str())
            || (name == "audience" && provider.audience.is_some());
        if reserved {
            return Err(AuthError::NotConfigured(format!(
                "extra_authorize_params may not set {name:?}; updash sets it itself"
            )));
        }
    }
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(
        verifier.expose().to_string(),
    ));
    let state_value = state.expose().to_string();
    let mut request = client
        .oauth
        .authorize_url(move || CsrfToken::new(state_value))
        .set_pkce_challenge(challenge)
        .set_redirect_uri(Cow::Owned(redirect))
        .add_scopes(provider.scopes.iter().cloned().map(Scope::new));
    if let Some(audience) = &provider.audience {
        request = request.add_extra_param("audience", audience.clone());
    }
    for (name, value) in &provider.extra_authorize_params {
        request = request.add_extra_param(name.clone(), value.clone());
    }
    let (url, _) = request.url();
    Ok(AuthorizeRequest {
        url,
        state,
        verifier,
        redirect_uri: redirect_uri.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::test_provider;
    use sha2::{Digest, Sha256};
    use std::collections::HashMap;

    fn query(url: &Url) -> HashMap<String, String> {
        url.query_pairs().into_owned().collect()
    }

    #[test]
    fn url_carries_every_parameter() {
        let mut provider = test_provider("http://127.0.0.1:9");
        provider
            .extra_authorize_params
            .insert("prompt".into(), "consent".into());
        let client = OAuthClient::new(&provider).unwrap();
        let req = authorize_request(&client, "http://127.0.0.1:5555/callback").unwrap();
        assert!(
            req.url
                .as_str()
                .starts_with("http://127.0.0.1:9/authorize?")
        );
        let q = query(&req.url);
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["client_id"], "updash");
        assert_eq!(q["redirect_uri"], "http://127.0.0.1:5555/callback");
        assert_eq!(q["scope"], "offline_access");
        assert_eq!(q["audience"], "upstash-api");
        assert_eq!(q["prompt"], "consent");
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["state"], req.state.expose());
        // The challenge is the S256 of the verifier.
        let digest = Sha256::digest(req.verifier.expose().as_bytes());
        use base64::Engine;
        let expected = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest);
        assert_eq!(q["code_challenge"], expected);
        assert!(req.verifier.expose().len() >= 43);
        // 32 random bytes, base64url: 43 characters.
        assert_eq!(req.state.expose().len(), 43);
    }

    #[test]
    fn every_request_is_fresh() {
        let client = OAuthClient::new(&test_provider("http://127.0.0.1:9")).unwrap();
        let a = authorize_request(&client, "http://127.0.0.1:1/callback").unwrap();
        let b = authorize_request(&client, "http://127.0.0.1:1/callback").unwrap();
        assert_ne!(a.state, b.state);
        assert_ne!(a.verifier, b.verifier);
    }

    #[test]
    fn reserved_extra_params_are_refused() {
        let mut provider = test_provider("http://127.0.0.1:9");
        provider
            .extra_authorize_params
            .insert("state".into(), "fixed".into());
        let client = OAuthClient::new(&provider).unwrap();
        let err = authorize_request(&client, "http://127.0.0.1:1/callback").unwrap_err();
        assert!(err.to_string().contains("\"state\""), "{err}");
    }

    #[test]
    fn debug_hides_state_and_verifier() {
        let client = OAuthClient::new(&test_provider("http://127.0.0.1:9")).unwrap();
        let req = authorize_request(&client, "http://127.0.0.1:1/callback").unwrap();
        let shown = format!("{req:?}");
        assert!(!shown.contains(req.state.expose()));
        assert!(!shown.contains(req.verifier.expose()));
    }
}
