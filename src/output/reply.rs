//! A Redis reply as `redis-cli` prints it: `(nil)`, `(integer) 3`, quoted strings with
//! escapes, nested arrays numbered and indented. The CLI and the dashboard's console both
//! show replies this way.

use super::sanitize::quoted;
use crate::redis::Reply;

/// The lines of `reply`.
pub fn reply_lines(reply: &Reply) -> Vec<String> {
    let mut lines = Vec::new();
    push(reply, "", &mut lines);
    lines
}

/// `reply` as one text, a line each.
pub fn reply_text(reply: &Reply) -> String {
    let mut text = reply_lines(reply).join("\n");
    text.push('\n');
    text
}

fn scalar(reply: &Reply) -> String {
    match reply {
        Reply::Nil => "(nil)".into(),
        Reply::Ok => "OK".into(),
        Reply::Int(n) => format!("(integer) {n}"),
        Reply::Number(n) => format!("(double) {n}"),
        Reply::Bytes(b) => quoted(b),
        Reply::Array(items) if items.is_empty() => "(empty array)".into(),
        Reply::Array(_) => String::new(),
    }
}

/// Appends `reply` with `prefix` on its first line (`"1) "`), later lines indented by the
/// prefix's width, as redis-cli does.
fn push(reply: &Reply, prefix: &str, lines: &mut Vec<String>) {
    match reply {
        Reply::Array(items) if !items.is_empty() => {
            let width = items.len().to_string().len();
            let indent = " ".repeat(prefix.chars().count());
            for (i, item) in items.iter().enumerate() {
                let number = format!("{:>width$}) ", i + 1);
                let head = if i == 0 {
                    format!("{prefix}{number}")
                } else {
                    format!("{indent}{number}")
                };
                push(item, &head, lines);
            }
        }
        other => lines.push(format!("{prefix}{}", scalar(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_arrays_are_numbered_like_redis_cli() {
        let reply = Reply::Array(vec![
            Reply::Bytes(b"0".to_vec()),
            Reply::Array(vec![Reply::Bytes(b"k\x1b".to_vec()), Reply::Int(2)]),
            Reply::Nil,
        ]);
        assert_eq!(
            reply_lines(&reply),
            [
                "1) \"0\"",
                "2) 1) \"k\\x1b\"",
                "   2) (integer) 2",
                "3) (nil)",
            ]
        );
        assert_eq!(reply_text(&Reply::Array(vec![])), "(empty array)\n");
        assert_eq!(reply_text(&Reply::Ok), "OK\n");
    }
}
