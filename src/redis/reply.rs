//! A Redis REST reply, decoded: Upstash wraps every RESP reply in JSON (`{"result": …}`), and
//! with `Upstash-Encoding: base64` every string in it is base64 except a bare `"OK"`, so
//! values come back as the exact bytes stored.

use super::error::RedisError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

/// One reply.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Nil (a missing key or field).
    Nil,
    /// `OK`.
    Ok,
    /// An integer.
    Int(i64),
    /// A number that is not an integer (some replies carry floats as JSON numbers).
    Number(f64),
    /// A string, as bytes.
    Bytes(Vec<u8>),
    /// An array of replies (nested arrays for streams, SCAN, EXEC...).
    Array(Vec<Reply>),
}

impl Reply {
    /// The bytes of a string reply.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Reply::Bytes(b) => Some(b),
            Reply::Ok => Some(b"OK"),
            _ => None,
        }
    }

    /// A string reply as text (lossy for bytes that are not UTF-8).
    pub fn as_text(&self) -> Option<String> {
        self.as_bytes()
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }

    /// An integer reply, or a string reply that holds one (Redis sends some numbers so).
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Reply::Int(n) => Some(*n),
            Reply::Bytes(b) => std::str::from_utf8(b).ok()?.trim().parse().ok(),
            _ => None,
        }
    }

    /// The items of an array reply.
    pub fn as_array(&self) -> Option<&[Reply]> {
        match self {
            Reply::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Decodes a JSON `result`, base64-encoded strings included.
    pub fn from_json(value: &Value) -> Result<Reply, RedisError> {
        Ok(match value {
            Value::Null => Reply::Nil,
            Value::Bool(b) => Reply::Int(i64::from(*b)),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Reply::Int(i),
                None => Reply::Number(n.as_f64().unwrap_or(f64::NAN)),
            },
            // "OK" is never valid padded base64, so it cannot be a value's encoding.
            Value::String(s) if s == "OK" => Reply::Ok,
            Value::String(s) => Reply::Bytes(
                STANDARD
                    .decode(s)
                    .map_err(|_| RedisError::Decode("a string reply was not base64".into()))?,
            ),
            Value::Array(items) => Reply::Array(
                items
                    .iter()
                    .map(Reply::from_json)
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(_) => {
                return Err(RedisError::Decode(
                    "an object where a reply was expected".into(),
                ));
            }
        })
    }
}

/// One entry of a reply body: `{"result": …}` or `{"error": "…"}`.
pub fn from_entry(entry: &Value) -> Result<Result<Reply, RedisError>, RedisError> {
    if let Some(error) = entry.get("error") {
        let text = error
            .as_str()
            .unwrap_or("the server sent an error that is not text");
        return Ok(Err(RedisError::from_server_text(text)));
    }
    match entry.get("result") {
        Some(result) => Ok(Ok(Reply::from_json(result)?)),
        None => Err(RedisError::Decode(
            "a reply without \"result\" or \"error\"".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_are_base64_except_ok() {
        let v = json!(["OK", "aGVsbG8=", null, 3, ["AP8="]]);
        assert_eq!(
            Reply::from_json(&v).unwrap(),
            Reply::Array(vec![
                Reply::Ok,
                Reply::Bytes(b"hello".to_vec()),
                Reply::Nil,
                Reply::Int(3),
                Reply::Array(vec![Reply::Bytes(vec![0, 255])]),
            ])
        );
        assert!(Reply::from_json(&json!("not base64!")).is_err());
    }

    #[test]
    fn entries_carry_results_or_errors() {
        assert_eq!(
            from_entry(&json!({"result": 1})).unwrap(),
            Ok(Reply::Int(1))
        );
        let err = from_entry(&json!({"error": "WRONGTYPE Operation against a key"}))
            .unwrap()
            .unwrap_err();
        assert!(matches!(err, RedisError::Command(ref t) if t.starts_with("WRONGTYPE")));
        assert!(from_entry(&json!({"x": 1})).is_err());
    }
}
