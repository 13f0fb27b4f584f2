//! Who may run what: the database's two REST tokens, and the checks every command passes
//! before a backend sees it (known command, arity, read-only token, key size).

use super::commands::{self, Meta};
use super::reply::Reply;
use super::request::Command;
use crate::api::model::Database;
use subtle::ConstantTimeEq;

/// Upstash's hard-coded key size limit.
pub const MAX_KEY_BYTES: usize = 32 * 1024;

/// Which of the database's tokens a request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `rest_token`: every command.
    Full,
    /// `read_only_rest_token`: read commands only, and not SCAN or KEYS.
    ReadOnly,
}

/// The kind of `token` for `db`, or `None` when it is neither of its tokens.
pub fn token_kind(db: &Database, token: &str) -> Option<TokenKind> {
    let same = |secret: &str| bool::from(secret.as_bytes().ct_eq(token.as_bytes()));
    if same(db.rest_token.expose()) {
        Some(TokenKind::Full)
    } else if same(db.read_only_rest_token.expose()) {
        Some(TokenKind::ReadOnly)
    } else {
        None
    }
}

/// Checks one command; `Err` is the error reply it gets instead of running.
pub fn check(cmd: &Command, token: TokenKind) -> Result<Meta, Reply> {
    let name = cmd.first().map(Vec::as_slice).unwrap_or_default();
    let meta = commands::lookup(name).ok_or_else(|| unknown_command(cmd))?;
    let argc = cmd.len() as i64;
    let arity = meta.arity as i64;
    if (arity > 0 && argc != arity) || (arity < 0 && argc < -arity) {
        return Err(Reply::err(format!(
            "ERR wrong number of arguments for '{}' command",
            meta.name
        )));
    }
    if token == TokenKind::ReadOnly && !meta.read_only_token {
        // The sandbox's wording, in the style of Redis's ACL refusals (Upstash's read-only
        // tokens are ACL users, so a refusal reads like one).
        return Err(Reply::err(format!(
            "NOPERM this user has no permissions to run the '{}' command",
            meta.name
        )));
    }
    if meta.write {
        for i in meta.key_positions(cmd.len()) {
            let len = cmd.get(i).map_or(0, Vec::len);
            if len > MAX_KEY_BYTES {
                return Err(Reply::err(format!(
                    "ERR max key size exceeded. Limit: {MAX_KEY_BYTES} bytes, Actual: {len} bytes"
                )));
            }
        }
    }
    Ok(meta)
}

/// Redis 7.0's unknown-command error: each argument cut at a NUL byte, at most 128 bytes
/// of arguments quoted, CR and LF turned into spaces.
pub fn unknown_command(cmd: &Command) -> Reply {
    fn c_str(b: &[u8]) -> &[u8] {
        b.iter().position(|&c| c == 0).map_or(b, |n| &b[..n])
    }
    let name = cmd.first().map(|n| c_str(n)).unwrap_or_default();
    let name = &name[..name.len().min(128)];
    let mut args: Vec<u8> = Vec::new();
    for a in cmd.iter().skip(1) {
        if args.len() >= 128 {
            break;
        }
        let a = c_str(a);
        let room = 128 - args.len();
        args.push(b'\'');
        args.extend_from_slice(&a[..a.len().min(room)]);
        args.extend_from_slice(b"' ");
    }
    let mut text = b"ERR unknown command '".to_vec();
    text.extend_from_slice(name);
    text.extend_from_slice(b"', with args beginning with: ");
    text.extend_from_slice(&args);
    for c in &mut text {
        if *c == b'\r' || *c == b'\n' {
            *c = b' ';
        }
    }
    Reply::Error(String::from_utf8_lossy(&text).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(parts: &[&str]) -> Command {
        parts.iter().map(|p| p.as_bytes().to_vec()).collect()
    }

    fn error_of(c: &Command, token: TokenKind) -> String {
        match check(c, token) {
            Err(Reply::Error(text)) => text,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn refusals_read_like_redis() {
        assert_eq!(
            error_of(&cmd(&["GET"]), TokenKind::Full),
            "ERR wrong number of arguments for 'get' command"
        );
        assert_eq!(
            error_of(&cmd(&["NOPE", "a", "b"]), TokenKind::Full),
            "ERR unknown command 'NOPE', with args beginning with: 'a' 'b' "
        );
        assert_eq!(
            error_of(&cmd(&["set", "k", "v"]), TokenKind::ReadOnly),
            "NOPERM this user has no permissions to run the 'set' command"
        );
        assert!(error_of(&cmd(&["SCAN", "0"]), TokenKind::ReadOnly).starts_with("NOPERM"));
        assert!(check(&cmd(&["GET", "k"]), TokenKind::ReadOnly).is_ok());
    }

    #[test]
    fn long_keys_are_refused_to_writes_only() {
        let key = "k".repeat(MAX_KEY_BYTES + 1);
        assert_eq!(
            error_of(&cmd(&["SET", &key, "v"]), TokenKind::Full),
            "ERR max key size exceeded. Limit: 32768 bytes, Actual: 32769 bytes"
        );
        assert!(check(&cmd(&["GET", &key]), TokenKind::Full).is_ok());
    }
}
