//! The RESP2-shaped answer of one command.

use std::fmt;

/// One reply, shaped like RESP2 so a front end can encode it either as
/// RESP or as Upstash's JSON (`{"result": …}` / `{"error": …}`).
#[derive(Clone, PartialEq, Eq)]
pub enum Reply {
    /// A simple status such as `OK` or `PONG`.
    Status(String),
    /// An error with the full Redis text, e.g. `ERR syntax error`.
    Error(String),
    /// A signed 64-bit integer.
    Int(i64),
    /// A binary-safe bulk string.
    Bulk(Vec<u8>),
    /// The null bulk string (`$-1`).
    Nil,
    /// The null array (`*-1`), which RESP2 keeps distinct from `Nil`.
    NilArray,
    /// An array of replies, possibly nested.
    Array(Vec<Reply>),
}

impl Reply {
    /// The `OK` status.
    pub fn ok() -> Reply {
        Reply::Status("OK".into())
    }

    /// An error reply from its full text.
    pub fn err(text: impl Into<String>) -> Reply {
        Reply::Error(text.into())
    }

    /// A bulk reply copied from bytes.
    pub fn bulk(bytes: impl AsRef<[u8]>) -> Reply {
        Reply::Bulk(bytes.as_ref().to_vec())
    }

    /// An array of bulk replies.
    pub fn bulks<I, B>(items: I) -> Reply
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        Reply::Array(items.into_iter().map(Reply::bulk).collect())
    }

    /// True for an error reply.
    pub fn is_error(&self) -> bool {
        matches!(self, Reply::Error(_))
    }

    /// Encodes the reply as RESP2 bytes.
    pub fn to_resp(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_resp(&mut out);
        out
    }

    fn write_resp(&self, out: &mut Vec<u8>) {
        match self {
            Reply::Status(s) => {
                out.push(b'+');
                out.extend_from_slice(s.as_bytes());
            }
            Reply::Error(s) => {
                out.push(b'-');
                out.extend_from_slice(s.as_bytes());
            }
            Reply::Int(n) => out.extend_from_slice(format!(":{n}").as_bytes()),
            Reply::Bulk(b) => {
                out.extend_from_slice(format!("${}\r\n", b.len()).as_bytes());
                out.extend_from_slice(b);
            }
            Reply::Nil => out.extend_from_slice(b"$-1"),
            Reply::NilArray => out.extend_from_slice(b"*-1"),
            Reply::Array(items) => {
                out.extend_from_slice(format!("*{}\r\n", items.len()).as_bytes());
                for item in items {
                    item.write_resp(out);
                }
                return;
            }
        }
        out.extend_from_slice(b"\r\n");
    }
}

impl fmt::Debug for Reply {
    // Bytes print escaped, so test failures stay readable.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reply::Status(s) => write!(f, "+{s}"),
            Reply::Error(s) => write!(f, "-{s}"),
            Reply::Int(n) => write!(f, ":{n}"),
            Reply::Bulk(b) => write!(f, "\"{}\"", b.escape_ascii()),
            Reply::Nil => write!(f, "nil"),
            Reply::NilArray => write!(f, "nil-array"),
            Reply::Array(items) => f.debug_list().entries(items).finish(),
        }
    }
}

/// Shorthand for the errors many commands share.
pub(crate) mod errs {
    pub const WRONGTYPE: &str = "WRONGTYPE Operation against a key holding the wrong kind of value";
    pub const SYNTAX: &str = "ERR syntax error";
    pub const NOT_INT: &str = "ERR value is not an integer or out of range";
    pub const NOT_FLOAT: &str = "ERR value is not a valid float";
    pub const NO_SUCH_KEY: &str = "ERR no such key";
    pub const OUT_OF_RANGE: &str = "ERR index out of range";
    pub const OVERFLOW: &str = "ERR increment or decrement would overflow";
    pub const NAN_INF: &str = "ERR increment would produce NaN or Infinity";
    pub const MUST_BE_POSITIVE: &str = "ERR value is out of range, must be positive";
    pub const INVALID_CURSOR: &str = "ERR invalid cursor";
}

/// The usual result of a command handler: errors short-circuit with `?`.
pub(crate) type CmdResult = Result<Reply, Reply>;

/// An error reply as the `Err` of a `CmdResult`.
pub(crate) fn fail<T>(text: &str) -> Result<T, Reply> {
    Err(Reply::Error(text.to_string()))
}
