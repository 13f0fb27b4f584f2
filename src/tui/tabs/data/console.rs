//! The command line: one command at a time, split like `redis-cli` splits it (quotes and
//! `\x` escapes), its reply drawn as `redis-cli` draws it, and a history walked with ↑/↓.
//! Commands the REST API cannot run are refused here, with the reason.

use crate::output::{reply_lines, sanitize};
use crate::redis::{RedisError, Reply};
use crate::tui::text_input::TextInput;

/// Lines of replies kept.
const MAX_LINES: usize = 2000;
/// History entries kept in memory.
pub const MAX_HISTORY: usize = 500;

/// What a line of the console's output is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A command as typed.
    Command,
    /// A reply.
    Reply,
    /// An error.
    Error,
    /// A note from updash.
    Note,
}

/// The command line and its output.
#[derive(Debug, Clone, Default)]
pub struct Console {
    /// What is typed.
    pub input: TextInput,
    /// Output, oldest first (already sanitised).
    pub lines: Vec<(LineKind, String)>,
    /// Lines scrolled up from the bottom.
    pub scroll: usize,
    /// Where ↑/↓ is in the history (`None`: at the input).
    pub history_at: Option<usize>,
    /// A command is running.
    pub running: bool,
}

impl Console {
    /// Adds output lines.
    pub fn push(&mut self, kind: LineKind, text: impl Into<String>) {
        self.lines.push((kind, text.into()));
        if self.lines.len() > MAX_LINES {
            let extra = self.lines.len() - MAX_LINES;
            self.lines.drain(..extra);
        }
        self.scroll = 0;
    }

    /// Adds a command's reply, as `redis-cli` prints it.
    pub fn push_result(&mut self, result: &Result<Reply, RedisError>) {
        match result {
            Ok(reply) => {
                for line in reply_lines(reply) {
                    self.push(LineKind::Reply, line);
                }
            }
            Err(e) => {
                let text = sanitize(&e.to_string()).into_owned();
                self.push(LineKind::Error, format!("(error) {text}"));
                if text.starts_with("ERR unknown command") {
                    self.push(LineKind::Note, "The REST API does not run this command.");
                }
            }
        }
    }

    /// Moves through `history` (oldest first): `back` is ↑.
    pub fn walk_history(&mut self, history: &[String], back: bool) {
        if history.is_empty() {
            return;
        }
        let at = match (self.history_at, back) {
            (None, true) => Some(history.len() - 1),
            (None, false) => None,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < history.len() => Some(i + 1),
            (Some(_), false) => None,
        };
        self.history_at = at;
        self.input.clear();
        if let Some(line) = at.and_then(|i| history.get(i)) {
            self.input.paste(line);
        }
    }
}

/// Why the REST API cannot run `name`, when it cannot.
pub fn refused(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    let reason = match upper.as_str() {
        "BLPOP" | "BRPOP" | "BLMOVE" | "BRPOPLPUSH" | "BLMPOP" | "BZPOPMIN" | "BZPOPMAX"
        | "BZMPOP" | "WAIT" | "WAITAOF" => {
            "blocking commands cannot run over the REST API (each request answers at once)"
        }
        "SUBSCRIBE" | "PSUBSCRIBE" | "SSUBSCRIBE" | "MONITOR" => {
            "the REST API streams this as server-sent events, which the console does not show"
        }
        "MULTI" | "EXEC" | "DISCARD" | "WATCH" | "UNWATCH" => {
            "the REST API runs transactions as one request (/multi-exec), not command by command"
        }
        "AUTH" | "HELLO" | "SELECT" | "QUIT" | "RESET" | "CLIENT" | "CLUSTER" | "READONLY"
        | "READWRITE" | "SHUTDOWN" | "REPLICAOF" | "SLAVEOF" | "SYNC" | "PSYNC" | "DEBUG"
        | "MIGRATE" | "MODULE" | "SAVE" | "BGSAVE" | "BGREWRITEAOF" | "CONFIG" => {
            "connection and server administration commands are not available over the REST API"
        }
        "COMMAND" => "Upstash does not support COMMAND",
        _ => return None,
    };
    Some(reason)
}

/// Splits a line like `redis-cli`: spaces separate arguments; "double quotes" take `\n`,
/// `\t`, `\"`, `\\` and `\xHH`; 'single quotes' take `\'`. Arguments must be text: the REST
/// API sends JSON strings.
pub fn split_args(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else {
            return Ok(out);
        };
        let mut arg: Vec<u8> = Vec::new();
        let mut buf = [0u8; 4];
        if first == '"' || first == '\'' {
            chars.next();
            let mut closed = false;
            while let Some(c) = chars.next() {
                if c == first {
                    closed = true;
                    break;
                }
                if c != '\\' {
                    arg.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    continue;
                }
                let Some(e) = chars.next() else { break };
                if first == '\'' {
                    if e != '\'' {
                        arg.push(b'\\');
                    }
                    arg.extend_from_slice(e.encode_utf8(&mut buf).as_bytes());
                    continue;
                }
                match e {
                    'n' => arg.push(b'\n'),
                    'r' => arg.push(b'\r'),
                    't' => arg.push(b'\t'),
                    'b' => arg.push(8),
                    'a' => arg.push(7),
                    'x' => {
                        let hex: String = chars.by_ref().take(2).collect();
                        let byte = u8::from_str_radix(&hex, 16)
                            .map_err(|_| format!("\\x{hex} is not a hex byte"))?;
                        arg.push(byte);
                    }
                    other => arg.extend_from_slice(other.encode_utf8(&mut buf).as_bytes()),
                }
            }
            if !closed {
                return Err("unbalanced quotes".into());
            }
            if chars.peek().is_some_and(|c| !c.is_whitespace()) {
                return Err("a closing quote must be followed by a space".into());
            }
        } else {
            while let Some(c) = chars.peek().copied().filter(|c| !c.is_whitespace()) {
                chars.next();
                arg.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        out.push(String::from_utf8(arg).map_err(|_| {
            "an argument is not UTF-8 text, which the REST API cannot send".to_string()
        })?);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_like_redis_cli() {
        assert_eq!(
            split_args(r#"SET "a b" 'it\'s' c\n "\x41\n""#),
            Ok(vec![
                "SET".to_string(),
                "a b".into(),
                "it's".into(),
                "c\\n".into(),
                "A\n".into()
            ])
        );
        assert!(split_args("GET \"open").is_err());
        assert!(split_args("GET \"\\xff\"").is_err());
        assert_eq!(split_args("   "), Ok(vec![]));
        assert!(refused("blpop").is_some() && refused("GET").is_none());
    }

    #[test]
    fn history_walks_back_and_forth() {
        let history = vec!["DBSIZE".to_string(), "GET a".to_string()];
        let mut console = Console::default();
        console.walk_history(&history, true);
        assert_eq!(console.input.value(), "GET a");
        console.walk_history(&history, true);
        console.walk_history(&history, true);
        assert_eq!(console.input.value(), "DBSIZE");
        console.walk_history(&history, false);
        console.walk_history(&history, false);
        assert_eq!(console.input.value(), "");
        console.push_result(&Err(RedisError::Command("ERR unknown command 'x'".into())));
        assert_eq!(console.lines.len(), 2);
    }
}
