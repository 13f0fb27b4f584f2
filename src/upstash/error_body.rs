//! Reading the service's message out of an error body, whatever its shape.
//!
//! Seen shapes: `{"error": "..."}`, `{"message": "..."}`, a bare JSON string, plain text.

use serde_json::Value;

/// Longest message kept; longer bodies (HTML error pages) are cut.
const MAX_MESSAGE_CHARS: usize = 300;

/// The service's message in an error body: `error`, else `message`, else a JSON string,
/// else the text itself. `None` for an empty body.
pub fn service_message(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let message = match serde_json::from_str::<Value>(trimmed) {
        Ok(Value::Object(map)) => ["error", "message", "error_description", "detail"]
            .iter()
            .find_map(|k| map.get(*k).and_then(value_text))
            .unwrap_or_else(|| trimmed.to_owned()),
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => trimmed.to_owned(),
    };
    let one_line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return None;
    }
    Some(truncate(&one_line))
}

/// Removes every occurrence of `secret` (when non-trivial) from `text`.
pub fn scrub(text: String, secret: Option<&str>) -> String {
    match secret {
        Some(s) if s.len() >= 4 && text.contains(s) => text.replace(s, crate::secret::REDACTED),
        _ => text,
    }
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Object(map) => map.get("message").and_then(value_text),
        Value::Null | Value::String(_) => None,
        other => Some(other.to_string()),
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() <= MAX_MESSAGE_CHARS {
        return s.to_owned();
    }
    let cut: String = s.chars().take(MAX_MESSAGE_CHARS).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape() {
        let m = |b: &str| service_message(b.as_bytes());
        assert_eq!(
            m(r#"{"error":"Unauthorized"}"#).as_deref(),
            Some("Unauthorized")
        );
        assert_eq!(
            m(r#"{"message":"bad region"}"#).as_deref(),
            Some("bad region")
        );
        assert_eq!(
            m(r#"{"error":{"message":"nested"}}"#).as_deref(),
            Some("nested")
        );
        assert_eq!(
            m(r#""regional db creation is deprecated""#).as_deref(),
            Some("regional db creation is deprecated")
        );
        assert_eq!(m("Bad Gateway\n").as_deref(), Some("Bad Gateway"));
        assert_eq!(m("  ").as_deref(), None);
        assert_eq!(m(r#"{"other":1}"#).as_deref(), Some(r#"{"other":1}"#));
        assert!(m(&"x".repeat(1000)).is_some_and(|s| s.chars().count() == 301));
    }

    #[test]
    fn scrub_removes_the_key() {
        assert_eq!(
            scrub("bad key abcd1234!".into(), Some("abcd1234")),
            "bad key [redacted]!"
        );
        assert_eq!(scrub("ok".into(), None), "ok");
    }
}
