//! REST URLs and `.env` snippets of Vector indexes, Search indexes and QStash, as the SDKs
//! read them. The snippets hold tokens: they are for an operator who asked for them.

use crate::secret::Secret;
use crate::upstash::models::{QStashUser, SearchIndex, VectorIndex};

/// Why a snippet cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvError {
    /// The record has no endpoint.
    #[error("the answer has no endpoint")]
    NoEndpoint,
    /// The record has no token (a read-only API key gets none for QStash).
    #[error("the answer has no token (a read-only API key is not given one)")]
    NoToken,
}

/// `https://HOST` for an endpoint that is a host, else `https://SLUG-SUFFIX.upstash.io`;
/// `None` without an endpoint.
fn https(endpoint: Option<&str>, suffix: &str) -> Option<String> {
    let endpoint = endpoint?.trim().trim_start_matches("https://");
    if endpoint.is_empty() {
        None
    } else if endpoint.contains('.') {
        Some(format!("https://{endpoint}"))
    } else {
        Some(format!("https://{endpoint}-{suffix}.upstash.io"))
    }
}

impl VectorIndex {
    /// The REST URL (`UPSTASH_VECTOR_REST_URL`).
    pub fn rest_url(&self) -> Option<String> {
        https(self.endpoint.as_deref(), "vector")
    }
}

impl SearchIndex {
    /// The REST URL (`UPSTASH_SEARCH_REST_URL`).
    pub fn rest_url(&self) -> Option<String> {
        https(self.endpoint.as_deref(), "search")
    }
}

impl QStashUser {
    /// The QStash URL of its region (`QSTASH_URL`): `https://qstash.upstash.io` for
    /// eu-central-1, `https://qstash-REGION.upstash.io` elsewhere.
    pub fn url(&self) -> String {
        match self.region.as_deref() {
            None | Some("eu-central-1") | Some("") => "https://qstash.upstash.io".into(),
            Some(region) => format!("https://qstash-{region}.upstash.io"),
        }
    }
}

/// The variables of a snippet, in order, values as they are (secrets included).
pub type EnvVars = Vec<(&'static str, String)>;

/// An index's URL, token and (when given) read-only token, under `names` in that order.
fn index_env(
    names: [&'static str; 3],
    url: Option<String>,
    token: Option<&Secret>,
    read_only: Option<&Secret>,
) -> Result<EnvVars, EnvError> {
    let [url_name, token_name, read_only_name] = names;
    let url = url.ok_or(EnvError::NoEndpoint)?;
    let token = token.ok_or(EnvError::NoToken)?;
    let mut vars = vec![(url_name, url), (token_name, token.expose().to_owned())];
    if let Some(ro) = read_only {
        vars.push((read_only_name, ro.expose().to_owned()));
    }
    Ok(vars)
}

/// `UPSTASH_VECTOR_REST_URL`, `UPSTASH_VECTOR_REST_TOKEN` and the read-only token.
pub fn vector_env(index: &VectorIndex) -> Result<EnvVars, EnvError> {
    index_env(
        [
            "UPSTASH_VECTOR_REST_URL",
            "UPSTASH_VECTOR_REST_TOKEN",
            "UPSTASH_VECTOR_REST_READONLY_TOKEN",
        ],
        index.rest_url(),
        index.token.as_ref(),
        index.read_only_token.as_ref(),
    )
}

/// `UPSTASH_SEARCH_REST_URL`, `UPSTASH_SEARCH_REST_TOKEN` and the read-only token.
pub fn search_env(index: &SearchIndex) -> Result<EnvVars, EnvError> {
    index_env(
        [
            "UPSTASH_SEARCH_REST_URL",
            "UPSTASH_SEARCH_REST_TOKEN",
            "UPSTASH_SEARCH_REST_READONLY_TOKEN",
        ],
        index.rest_url(),
        index.token.as_ref(),
        index.read_only_token.as_ref(),
    )
}

/// `QSTASH_URL` and `QSTASH_TOKEN`.
pub fn qstash_env(user: &QStashUser) -> Result<EnvVars, EnvError> {
    let token = user.token.as_ref().ok_or(EnvError::NoToken)?;
    Ok(vec![
        ("QSTASH_URL", user.url()),
        ("QSTASH_TOKEN", token.expose().to_owned()),
    ])
}

/// `NAME=value` lines, values double-quoted when they hold anything but URL-safe text.
pub fn dotenv(vars: &EnvVars) -> String {
    vars.iter()
        .map(|(name, value)| {
            let plain = value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:/=+".contains(&b));
            if plain {
                format!("{name}={value}\n")
            } else {
                let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
                format!("{name}=\"{escaped}\"\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(endpoint: &str) -> VectorIndex {
        serde_json::from_value(serde_json::json!({
            "id": "1", "name": "a", "endpoint": endpoint, "token": "T0k=", "read_only_token": "R"
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn urls_from_slugs_and_hosts() {
        assert_eq!(
            vector("glowing-baboon-15797-us1").rest_url().as_deref(),
            Some("https://glowing-baboon-15797-us1-vector.upstash.io")
        );
        assert_eq!(
            vector("x-vector.upstash.io").rest_url().as_deref(),
            Some("https://x-vector.upstash.io")
        );
        assert_eq!(vector(" ").rest_url(), None);
    }

    #[test]
    fn snippet_lines() {
        let vars = vector_env(&vector("e")).unwrap_or_default();
        assert_eq!(
            dotenv(&vars),
            "UPSTASH_VECTOR_REST_URL=https://e-vector.upstash.io\nUPSTASH_VECTOR_REST_TOKEN=T0k=\nUPSTASH_VECTOR_REST_READONLY_TOKEN=R\n"
        );
        let odd = vec![("X", "a b\"c".to_owned())];
        assert_eq!(dotenv(&odd), "X=\"a b\\\"c\"\n");
    }
}
