//! Connection strings for a database. These contain the password or REST token on
//! purpose: call them only when the operator asked to see or copy them.

use super::models::Database;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// The domain Upstash endpoints live under when the API returns a bare slug.
pub const ENDPOINT_DOMAIN: &str = "upstash.io";
/// The Redis port when the API does not say.
pub const DEFAULT_PORT: u64 = 6379;

/// Why a connection string cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConnectionError {
    /// The database has no endpoint.
    #[error("the database has no endpoint")]
    NoEndpoint,
    /// The response carried no password (fetched with credentials hidden, or read-only key).
    #[error("the password was not returned; fetch the database with credentials shown")]
    NoPassword,
    /// The response carried no REST token.
    #[error("the REST token was not returned; fetch the database with credentials shown")]
    NoRestToken,
}

/// The host to connect to: the endpoint, with `.upstash.io` added to a bare slug.
pub fn host(db: &Database) -> Result<String, ConnectionError> {
    let endpoint = db
        .endpoint
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .ok_or(ConnectionError::NoEndpoint)?;
    // A full host has a dot (or is an address/localhost); a slug like `beloved-stallion-58500` does not.
    if endpoint.contains('.') || endpoint.contains(':') || endpoint == "localhost" {
        Ok(endpoint.to_owned())
    } else {
        Ok(format!("{endpoint}.{ENDPOINT_DOMAIN}"))
    }
}

/// The port, 6379 when not reported.
pub fn port(db: &Database) -> u64 {
    db.port.filter(|p| *p > 0).unwrap_or(DEFAULT_PORT)
}

/// The REST URL as the database's provider forms it (Upstash: `https://{host}`; no secret).
pub fn rest_url(db: &Database) -> Result<String, ConnectionError> {
    match &db.rest_url {
        Some(url) => Ok(url.clone()),
        None => Ok(format!("https://{}", host(db)?)),
    }
}

/// The Redis URL: `rediss://default:{password}@{host}:{port}` (`redis://` when TLS is off).
/// Contains the password.
pub fn redis_url(db: &Database) -> Result<String, ConnectionError> {
    let host = host(db)?;
    let password = db.password.as_ref().ok_or(ConnectionError::NoPassword)?;
    let scheme = if db.tls == Some(false) {
        "redis"
    } else {
        "rediss"
    };
    Ok(format!(
        "{scheme}://default:{}@{host}:{}",
        percent_encode_userinfo(password.expose()),
        port(db)
    ))
}

/// A `redis-cli` command line that connects. Contains the password.
pub fn redis_cli_command(db: &Database) -> Result<String, ConnectionError> {
    let host = host(db)?;
    let password = db.password.as_ref().ok_or(ConnectionError::NoPassword)?;
    let tls = if db.tls == Some(false) { "" } else { " --tls" };
    Ok(format!(
        "redis-cli{tls} -a {} -h {} -p {}",
        shell_quote(password.expose()),
        shell_quote(&host),
        port(db)
    ))
}

/// A `.env` snippet: `UPSTASH_REDIS_REST_URL`, `UPSTASH_REDIS_REST_TOKEN` and `REDIS_URL`,
/// one per line with a trailing newline. Contains the token and password.
pub fn dotenv(db: &Database) -> Result<String, ConnectionError> {
    let token = db.rest_token.as_ref().ok_or(ConnectionError::NoRestToken)?;
    Ok(format!(
        "UPSTASH_REDIS_REST_URL=\"{}\"\nUPSTASH_REDIS_REST_TOKEN=\"{}\"\nREDIS_URL=\"{}\"\n",
        rest_url(db)?,
        token.expose(),
        redis_url(db)?
    ))
}

/// Everything but unreserved characters (RFC 3986) is encoded in the password.
const USERINFO: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn percent_encode_userinfo(s: &str) -> String {
    utf8_percent_encode(s, USERINFO).to_string()
}

/// Quotes for a POSIX shell when the text has anything but safe characters.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._:/@%+=,".contains(&b))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(json: serde_json::Value) -> Database {
        serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn strings_from_a_full_database() {
        let d = db(serde_json::json!({
            "database_id": "1", "database_name": "a", "endpoint": "eu1-happy-cat-3.upstash.io",
            "port": 6379, "tls": true, "password": "p@ss", "rest_token": "AXtok"
        }));
        assert_eq!(
            rest_url(&d).as_deref(),
            Ok("https://eu1-happy-cat-3.upstash.io")
        );
        assert_eq!(
            redis_url(&d).as_deref(),
            Ok("rediss://default:p%40ss@eu1-happy-cat-3.upstash.io:6379")
        );
        assert_eq!(
            redis_cli_command(&d).as_deref(),
            Ok("redis-cli --tls -a p@ss -h eu1-happy-cat-3.upstash.io -p 6379")
        );
        assert_eq!(
            dotenv(&d).as_deref(),
            Ok(
                "UPSTASH_REDIS_REST_URL=\"https://eu1-happy-cat-3.upstash.io\"\n\
                UPSTASH_REDIS_REST_TOKEN=\"AXtok\"\n\
                REDIS_URL=\"rediss://default:p%40ss@eu1-happy-cat-3.upstash.io:6379\"\n"
            )
        );
    }

    #[test]
    fn slug_endpoint_and_missing_credentials() {
        let d = db(serde_json::json!({
            "database_id": "1", "database_name": "a", "endpoint": "beloved-stallion-58500"
        }));
        assert_eq!(host(&d).as_deref(), Ok("beloved-stallion-58500.upstash.io"));
        assert_eq!(redis_url(&d), Err(ConnectionError::NoPassword));
        assert_eq!(dotenv(&d), Err(ConnectionError::NoRestToken));
        let none = db(serde_json::json!({"database_id": "1", "database_name": "a"}));
        assert_eq!(rest_url(&none), Err(ConnectionError::NoEndpoint));
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("a'b c"), r"'a'\''b c'");
        assert_eq!(shell_quote("abc123"), "abc123");
    }
}
