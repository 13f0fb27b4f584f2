//! A command's reply, shaped like RESP2, and its Upstash JSON form (`{"result": …}` or
//! `{"error": …}`, strings base64-encoded on request).

use base64::Engine;
use serde_json::Value;

/// One command's reply, as Redis sends it over RESP2.
#[derive(Clone, PartialEq, Eq)]
pub enum Reply {
    /// A status such as `OK` or `PONG`.
    Status(String),
    /// An error with its full text, e.g. `ERR syntax error`.
    Error(String),
    /// An integer.
    Int(i64),
    /// A binary-safe string.
    Bulk(Vec<u8>),
    /// The null bulk string or null array.
    Nil,
    /// An array, possibly nested.
    Array(Vec<Reply>),
}

impl Reply {
    /// An error reply from its text.
    pub fn err(text: impl Into<String>) -> Self {
        Reply::Error(text.into())
    }

    /// True for an error reply.
    pub fn is_error(&self) -> bool {
        matches!(self, Reply::Error(_))
    }

    /// The reply as Upstash's JSON value: the result, or the error text when `Err`.
    pub fn to_json(&self, base64: bool) -> Result<Value, String> {
        match self {
            Reply::Error(text) => Err(text.clone()),
            other => Ok(result_value(other, base64)),
        }
    }

    /// `{"result": …}` or `{"error": …}`.
    pub fn envelope(&self, base64: bool) -> Value {
        match self.to_json(base64) {
            Ok(result) => serde_json::json!({ "result": result }),
            Err(error) => serde_json::json!({ "error": error }),
        }
    }
}

/// A result value; errors nested in arrays (EXEC replies) keep their text, unencoded.
fn result_value(reply: &Reply, base64: bool) -> Value {
    match reply {
        // A bare "OK" is never encoded: clients test for it before decoding.
        Reply::Status(s) if s == "OK" => Value::String(s.clone()),
        Reply::Status(s) => string(s.as_bytes(), base64),
        Reply::Error(text) => Value::String(text.clone()),
        Reply::Int(n) => Value::from(*n),
        Reply::Bulk(bytes) => string(bytes, base64),
        Reply::Nil => Value::Null,
        Reply::Array(items) => {
            Value::Array(items.iter().map(|r| result_value(r, base64)).collect())
        }
    }
}

/// A string in the result: base64 when asked, else UTF-8 with U+FFFD for invalid bytes.
fn string(bytes: &[u8], base64: bool) -> Value {
    if base64 {
        Value::String(base64::engine::general_purpose::STANDARD.encode(bytes))
    } else {
        Value::String(String::from_utf8_lossy(bytes).into_owned())
    }
}

impl std::fmt::Debug for Reply {
    // Bytes print escaped so test failures stay readable.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reply::Status(s) => write!(f, "+{s}"),
            Reply::Error(s) => write!(f, "-{s}"),
            Reply::Int(n) => write!(f, ":{n}"),
            Reply::Bulk(b) => write!(f, "\"{}\"", b.escape_ascii()),
            Reply::Nil => write!(f, "nil"),
            Reply::Array(items) => f.debug_list().entries(items).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn base64_encodes_every_string_but_a_bare_ok() {
        let reply = Reply::Array(vec![
            Reply::Status("OK".into()),
            Reply::Status("PONG".into()),
            Reply::Bulk(b"OK".to_vec()),
            Reply::Bulk(vec![0xff, 0x00]),
            Reply::Int(7),
            Reply::Nil,
            Reply::Array(vec![Reply::Bulk(b"a".to_vec())]),
        ]);
        assert_eq!(
            reply.envelope(true),
            json!({"result": ["OK", "UE9ORw==", "T0s=", "/wA=", 7, null, ["YQ=="]]})
        );
        assert_eq!(
            Reply::Status("OK".into()).envelope(true),
            json!({"result": "OK"})
        );
    }

    #[test]
    fn invalid_utf8_becomes_the_replacement_character_without_base64() {
        let reply = Reply::Bulk(vec![b'a', 0xc3, b'b']);
        assert_eq!(reply.envelope(false), json!({"result": "a\u{fffd}b"}));
    }

    #[test]
    fn errors_are_never_encoded() {
        let reply = Reply::err("ERR syntax error");
        assert_eq!(reply.envelope(true), json!({"error": "ERR syntax error"}));
    }
}
