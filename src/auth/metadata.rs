//! What a provider says about itself (RFC 8414 authorization server metadata, or OpenID
//! discovery): its issuer, whether its sign-in answers carry `iss` (RFC 9207), and how a
//! confidential client may authenticate at its token endpoint.
//!
//! The document is read from the configured `issuer`, else from the authorization
//! endpoint's origin, and used only when its own `issuer` is the one it was looked up under
//! (RFC 8414 §3.3): a document that names another issuer says nothing about this provider.
//! Metadata is optional: a provider without it is used as configured.

use super::token_error::describe_reqwest_error;
use crate::config::ProviderConfig;
use std::time::Duration;
use url::Url;

/// How long one metadata request may take (sign-in waits for it).
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest metadata document read.
const MAX_DOCUMENT: usize = 64 * 1024;

/// What updash uses of a provider's metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderMetadata {
    /// The issuer identifier, exactly as the document says it.
    pub issuer: String,
    /// `authorization_response_iss_parameter_supported`: every sign-in answer carries `iss`.
    pub iss_parameter_supported: bool,
    /// `token_endpoint_auth_methods_supported`, when the document lists them.
    pub token_endpoint_auth_methods: Option<Vec<String>>,
}

/// Where to look for the metadata, each with the issuer the document must name.
pub(crate) fn candidates(provider: &ProviderConfig) -> Vec<(String, Vec<String>)> {
    if let Some(issuer) = &provider.issuer {
        let Ok(url) = Url::parse(issuer) else {
            return Vec::new();
        };
        let expected = vec![issuer.clone()];
        let origin = url.origin().ascii_serialization();
        let path = url.path().trim_end_matches('/');
        return vec![
            // RFC 8414 §3.1: the well-known segment goes between host and path.
            (
                format!("{origin}/.well-known/oauth-authorization-server{path}"),
                expected.clone(),
            ),
            // OpenID Connect Discovery appends it to the issuer.
            (
                format!("{origin}{path}/.well-known/openid-configuration"),
                expected,
            ),
        ];
    }
    let Some(origin) = provider
        .authorize_url
        .as_deref()
        .and_then(|u| Url::parse(u).ok())
        .map(|u| u.origin().ascii_serialization())
    else {
        return Vec::new();
    };
    // An issuer at the origin is written with or without the final slash (Auth0 adds it).
    let expected = vec![origin.clone(), format!("{origin}/")];
    ["oauth-authorization-server", "openid-configuration"]
        .iter()
        .map(|doc| (format!("{origin}/.well-known/{doc}"), expected.clone()))
        .collect()
}

/// Reads the provider's metadata; `None` when it has none (or none that fits).
pub(crate) async fn discover(
    http: &reqwest::Client,
    provider: &ProviderConfig,
) -> Option<ProviderMetadata> {
    for (url, expected) in candidates(provider) {
        match fetch(http, &url).await {
            Ok(doc) => match parse(&doc, &expected) {
                Some(metadata) => return Some(metadata),
                None => tracing::debug!(url, "auth: metadata names another issuer; not used"),
            },
            Err(reason) => tracing::debug!(url, "auth: no metadata: {reason}"),
        }
    }
    None
}

async fn fetch(http: &reqwest::Client, url: &str) -> Result<serde_json::Value, String> {
    let response = http
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .timeout(FETCH_TIMEOUT)
        .send()
        .await
        .map_err(|e| describe_reqwest_error(&e))?;
    if !response.status().is_success() {
        return Err(format!("HTTP {}", response.status().as_u16()));
    }
    if response
        .content_length()
        .is_some_and(|n| n > MAX_DOCUMENT as u64)
    {
        return Err("the document is too large".into());
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| describe_reqwest_error(&e))?;
    if body.len() > MAX_DOCUMENT {
        return Err("the document is too large".into());
    }
    serde_json::from_slice(&body).map_err(|_| "not JSON".to_string())
}

/// The metadata of `doc` when its issuer is one of `expected`.
pub(crate) fn parse(doc: &serde_json::Value, expected: &[String]) -> Option<ProviderMetadata> {
    let issuer = doc.get("issuer")?.as_str()?;
    if !expected.iter().any(|e| e == issuer) {
        return None;
    }
    let methods = doc
        .get("token_endpoint_auth_methods_supported")
        .and_then(|m| m.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|m| m.as_str().map(str::to_string))
                .collect()
        });
    Some(ProviderMetadata {
        issuer: issuer.to_string(),
        iss_parameter_supported: doc
            .get("authorization_response_iss_parameter_supported")
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        token_endpoint_auth_methods: methods,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::test_provider;
    use serde_json::json;

    #[test]
    fn the_issuer_decides_where_to_look() {
        let mut p = test_provider("https://auth.example.com");
        let urls: Vec<String> = candidates(&p).into_iter().map(|(u, _)| u).collect();
        assert_eq!(
            urls,
            [
                "https://auth.example.com/.well-known/oauth-authorization-server",
                "https://auth.example.com/.well-known/openid-configuration"
            ]
        );
        p.issuer = Some("https://id.example.com/tenant/7".into());
        let found = candidates(&p);
        assert_eq!(
            found[0].0,
            "https://id.example.com/.well-known/oauth-authorization-server/tenant/7"
        );
        assert_eq!(
            found[1].0,
            "https://id.example.com/tenant/7/.well-known/openid-configuration"
        );
        assert_eq!(found[0].1, ["https://id.example.com/tenant/7"]);
    }

    #[test]
    fn a_document_for_another_issuer_is_not_used() {
        let doc = json!({"issuer": "https://evil.example", "authorization_response_iss_parameter_supported": true});
        assert_eq!(parse(&doc, &["https://auth.example.com".into()]), None);
        let doc = json!({
            "issuer": "https://auth.example.com/",
            "authorization_response_iss_parameter_supported": true,
            "token_endpoint_auth_methods_supported": ["client_secret_post", 7],
        });
        let m = parse(
            &doc,
            &[
                "https://auth.example.com".into(),
                "https://auth.example.com/".into(),
            ],
        )
        .unwrap();
        assert_eq!(m.issuer, "https://auth.example.com/");
        assert!(m.iss_parameter_supported);
        assert_eq!(
            m.token_endpoint_auth_methods,
            Some(vec!["client_secret_post".to_string()])
        );
        assert!(parse(&json!({"issuer": 7}), &["7".into()]).is_none());
    }
}
