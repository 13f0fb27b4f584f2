//! Test support: a tiny RESP2 client, a throw-away redis-server, a shell-like
//! argument splitter, and helpers to run commands against the engine.

pub mod scripts;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use updash_keyspace::{Keyspace, Reply};

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Splits a command line: whitespace separates, double quotes group, and
/// inside quotes `\xHH`, `\n`, `\r`, `\t`, `\"`, `\\` escape.
pub fn split(line: &str) -> Vec<Vec<u8>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let mut arg = Vec::new();
        if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' && i + 1 < b.len() {
                    i += 1;
                    match b[i] {
                        b'x' if i + 2 < b.len() => {
                            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("00");
                            arg.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                            i += 2;
                        }
                        b'n' => arg.push(b'\n'),
                        b'r' => arg.push(b'\r'),
                        b't' => arg.push(b'\t'),
                        c => arg.push(c),
                    }
                } else {
                    arg.push(b[i]);
                }
                i += 1;
            }
            i += 1;
        } else {
            while i < b.len() && !b[i].is_ascii_whitespace() {
                arg.push(b[i]);
                i += 1;
            }
        }
        out.push(arg);
    }
    out
}

/// Runs one command line against the engine at `now`.
pub fn run(ks: &mut Keyspace, line: &str, now: u64) -> Reply {
    ks.execute(&split(line), now)
}

/// A bulk reply from text.
pub fn bulk(s: &str) -> Reply {
    Reply::Bulk(s.as_bytes().to_vec())
}

/// An array of bulk replies from texts.
pub fn bulks(items: &[&str]) -> Reply {
    Reply::Array(items.iter().map(|s| bulk(s)).collect())
}

/// An error reply from text.
pub fn err(s: &str) -> Reply {
    Reply::Error(s.into())
}

/// A redis-server on a free loopback port, stopped on drop.
pub struct RedisServer {
    child: Child,
    pub port: u16,
}

impl RedisServer {
    /// Starts `redis-server` without persistence, or None if it cannot.
    pub fn start() -> Option<RedisServer> {
        let port = TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut server = RedisServer { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(mut c) = server.connect()
                && c.cmd(&[b"PING".to_vec()]) == Reply::Status("PONG".into())
            {
                return Some(server);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = server.child.kill();
        None
    }

    /// A new connection.
    pub fn connect(&mut self) -> Option<Conn> {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .ok()?;
        Some(Conn {
            reader: BufReader::new(stream.try_clone().ok()?),
            writer: stream,
        })
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One RESP2 connection.
pub struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Conn {
    /// Sends a command, reads its reply.
    pub fn cmd(&mut self, args: &[Vec<u8>]) -> Reply {
        let mut out = format!("*{}\r\n", args.len()).into_bytes();
        for a in args {
            out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            out.extend_from_slice(a);
            out.extend_from_slice(b"\r\n");
        }
        if self.writer.write_all(&out).is_err() {
            return Reply::Error("connection lost".into());
        }
        self.read_reply()
    }

    fn line(&mut self) -> Vec<u8> {
        let mut l = Vec::new();
        let _ = self.reader.read_until(b'\n', &mut l);
        while l.last().is_some_and(|c| *c == b'\n' || *c == b'\r') {
            l.pop();
        }
        l
    }

    fn read_reply(&mut self) -> Reply {
        let l = self.line();
        let (kind, rest) = match l.split_first() {
            Some((k, r)) => (*k, String::from_utf8_lossy(r).into_owned()),
            None => return Reply::Error("empty reply".into()),
        };
        match kind {
            b'+' => Reply::Status(rest),
            b'-' => Reply::Error(rest),
            b':' => Reply::Int(rest.parse().unwrap_or(0)),
            b'$' => {
                let n: i64 = rest.parse().unwrap_or(-1);
                if n < 0 {
                    return Reply::Nil;
                }
                let mut buf = vec![0; n as usize + 2];
                let _ = self.reader.read_exact(&mut buf);
                buf.truncate(n as usize);
                Reply::Bulk(buf)
            }
            b'*' => {
                let n: i64 = rest.parse().unwrap_or(-1);
                if n < 0 {
                    return Reply::NilArray;
                }
                Reply::Array((0..n).map(|_| self.read_reply()).collect())
            }
            _ => Reply::Error(format!("bad reply type {kind}")),
        }
    }
}

/// A keyspace at a fixed clock with a compact assertion helper.
pub struct T {
    pub ks: Keyspace,
    pub now: u64,
}

impl T {
    pub fn new() -> T {
        T {
            ks: Keyspace::new(),
            now: 1_700_000_000_000,
        }
    }

    /// Runs a command line.
    pub fn run(&mut self, line: &str) -> Reply {
        run(&mut self.ks, line, self.now)
    }

    /// Runs a command line and asserts its reply.
    #[track_caller]
    pub fn is(&mut self, line: &str, want: Reply) {
        let got = self.run(line);
        assert_eq!(got, want, "{line}");
    }

    /// Asserts an integer reply.
    #[track_caller]
    pub fn int(&mut self, line: &str, want: i64) {
        self.is(line, Reply::Int(want));
    }

    /// Asserts an OK status.
    #[track_caller]
    pub fn ok(&mut self, line: &str) {
        self.is(line, Reply::Status("OK".into()));
    }

    /// Asserts a bulk reply.
    #[track_caller]
    pub fn bulk(&mut self, line: &str, want: &str) {
        self.is(line, bulk(want));
    }

    /// Asserts an error reply.
    #[track_caller]
    pub fn err(&mut self, line: &str, want: &str) {
        self.is(line, err(want));
    }

    /// Moves the clock forward.
    pub fn advance(&mut self, ms: u64) {
        self.now += ms;
    }
}
