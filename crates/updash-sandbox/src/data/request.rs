//! Reading commands from a request: a JSON array body, an array of arrays (pipeline and
//! multi-exec), or the path form `/get/key` with the body and query as further arguments.

use percent_encoding::percent_decode;
use serde_json::value::RawValue;

/// One command: its name and arguments, as bytes.
pub type Command = Vec<Vec<u8>>;

/// The query parameter that may carry the token instead of the `Authorization` header.
pub const TOKEN_PARAM: &str = "_token";

/// A single command from a JSON array such as `["SET","k","v","EX",100]`.
pub fn body_command(body: &[u8]) -> Result<Command, String> {
    let items: Vec<Box<RawValue>> = serde_json::from_slice(body).map_err(|_| {
        "ERR failed to parse command: the body must be a JSON array of strings and numbers"
            .to_string()
    })?;
    command(&items)
}

/// Commands from a JSON array of arrays, for `/pipeline` and `/multi-exec`.
pub fn body_commands(body: &[u8]) -> Result<Vec<Command>, String> {
    let rows: Vec<Vec<Box<RawValue>>> = serde_json::from_slice(body).map_err(|_| {
        "ERR failed to parse pipeline request: the body must be a JSON array of command arrays"
            .to_string()
    })?;
    if rows.is_empty() {
        return Err("ERR empty pipeline: send at least one command".into());
    }
    rows.iter().map(|row| command(row)).collect()
}

/// A command from path segments (already split, still percent-encoded), an optional POST
/// body appended as the last path argument, then the query's parameters as name, value.
pub fn path_command(segments: &[&str], body: Option<&[u8]>, query: Option<&str>) -> Command {
    let mut cmd: Command = segments
        .iter()
        .map(|s| percent_decode(s.as_bytes()).collect())
        .collect();
    if let Some(body) = body.filter(|b| !b.is_empty()) {
        cmd.push(body.to_vec());
    }
    for (name, value) in query_pairs(query.unwrap_or("")) {
        if name == TOKEN_PARAM.as_bytes() {
            continue;
        }
        cmd.push(name);
        if !value.is_empty() {
            cmd.push(value);
        }
    }
    cmd
}

/// The value of one query parameter, decoded (e.g. `_token`).
pub fn query_param(query: Option<&str>, wanted: &str) -> Option<String> {
    query_pairs(query.unwrap_or(""))
        .into_iter()
        .find(|(name, _)| name == wanted.as_bytes())
        .map(|(_, value)| String::from_utf8_lossy(&value).into_owned())
}

/// Query pairs, percent-decoded to bytes, `+` read as a space as forms encode it.
fn query_pairs(query: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    let decode = |s: &str| -> Vec<u8> {
        let spaced = s.replace('+', " ");
        percent_decode(spaced.as_bytes()).collect()
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (decode(name), decode(value)),
            None => (decode(pair), Vec::new()),
        })
        .collect()
}

/// One command array: strings as their UTF-8 bytes, numbers as the digits the client sent.
fn command(items: &[Box<RawValue>]) -> Result<Command, String> {
    if items.is_empty() {
        return Err("ERR empty command".into());
    }
    items.iter().map(|raw| argument(raw.get())).collect()
}

fn argument(raw: &str) -> Result<Vec<u8>, String> {
    let bad = || {
        format!(
            "ERR failed to parse command: arguments must be strings or numbers, not {}",
            kind(raw)
        )
    };
    match raw.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(raw)
            .map(String::into_bytes)
            .map_err(|_| bad()),
        // The number's own text, so large integers keep every digit.
        Some(b'-' | b'0'..=b'9') => Ok(raw.as_bytes().to_vec()),
        _ => Err(bad()),
    }
}

fn kind(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "this value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cmd: &Command) -> Vec<String> {
        cmd.iter()
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect()
    }

    #[test]
    fn numbers_keep_their_digits() {
        let cmd = body_command(br#"["SET","k","v","EX",100,12345678901234567890,-1.5e3]"#)
            .expect("parses");
        assert_eq!(
            strings(&cmd),
            [
                "SET",
                "k",
                "v",
                "EX",
                "100",
                "12345678901234567890",
                "-1.5e3"
            ]
        );
    }

    #[test]
    fn wrong_shapes_are_named() {
        for (body, words) in [
            (&br#"{"a":1}"#[..], "JSON array"),
            (br#"["GET",null]"#, "not null"),
            (br#"["GET",{"a":1}]"#, "not an object"),
            (br#"["GET",true]"#, "not a boolean"),
            (br#"[]"#, "empty command"),
            (br#"["GET""#, "JSON array"),
        ] {
            let err = body_command(body).expect_err(words);
            assert!(err.contains(words), "{err}");
        }
        assert!(body_commands(b"[]").is_err());
        assert!(body_commands(br#"[["GET","a"],"x"]"#).is_err());
    }

    #[test]
    fn path_form_appends_body_then_query() {
        let cmd = path_command(
            &["set", "a%2Fb", "%ff"],
            Some(b"value"),
            Some("EX=100&_token=secret&NX"),
        );
        assert_eq!(
            cmd,
            vec![
                b"set".to_vec(),
                b"a/b".to_vec(),
                vec![0xff],
                b"value".to_vec(),
                b"EX".to_vec(),
                b"100".to_vec(),
                b"NX".to_vec()
            ]
        );
        assert_eq!(
            query_param(Some("a=1&_token=x%2By"), TOKEN_PARAM).as_deref(),
            Some("x+y")
        );
    }
}
