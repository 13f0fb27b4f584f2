//! JSON for scripts that is also safe on a terminal.
//!
//! serde_json escapes the C0 controls only; DEL, the C1 controls (which some terminals obey
//! as escape sequences) and zero-width and bidirectional formatting characters it writes as
//! they are, which is valid JSON but acts on or reorders the screen when the output lands on
//! a terminal. Every character the sanitiser escapes is written as a `\uXXXX` escape here:
//! the same JSON value when parsed back, with nothing raw on the screen.

use crate::upstash::raw::{RawRecord, StreamedList, below_del};
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// A pretty formatter that escapes the characters the sanitiser makes visible.
struct TerminalSafe(PrettyFormatter<'static>);

impl Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json has already escaped the C0 controls out of a fragment: plain ASCII
        // without DEL is safe as it is.
        if below_del(fragment.as_bytes()) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if super::sanitize::needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // Everything else as the pretty formatter writes it.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty JSON (and a newline) to `out`.
pub fn write_json<T: Serialize + ?Sized, W: Write>(mut out: W, value: &T) -> io::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(&mut out, TerminalSafe(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// `value` as pretty JSON text (no trailing newline).
pub fn json_text<T: Serialize + ?Sized>(value: &T) -> String {
    let mut buf = Vec::new();
    // Writing to memory fails only for a value serde cannot represent (a map with
    // non-string keys), which updash never prints.
    let _ = write_json(&mut buf, value);
    buf.pop();
    String::from_utf8(buf).unwrap_or_default()
}

/// Prints `value` as pretty JSON on stdout, buffered (a list of 10,000 databases has half a
/// million lines); a failed write is returned, never a panic.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> io::Result<()> {
    let out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    write_json(out, value).map_err(super::term::note_error)
}

/// Prints a list of records exactly as [`print_json`] would, but writes each plain-ASCII
/// record straight from its text instead of through the formatter (a list of 10,000
/// databases is half a million fields); any other record goes through the formatter.
pub fn print_records(list: &StreamedList<'_>) -> Result<io::Result<()>, serde_json::Error> {
    let mut printer = RecordPrinter::new();
    let written = list.for_each(&mut |record| printer.record(record))?;
    Ok(written.and_then(|()| printer.end()))
}

/// Prints records one by one as they are read, as [`print_records`] does.
pub struct RecordPrinter {
    stdout: io::StdoutLock<'static>,
    out: Vec<u8>,
    scratch: Vec<u8>,
    first: bool,
}

impl Default for RecordPrinter {
    fn default() -> Self {
        Self::new()
    }
}

impl RecordPrinter {
    /// A printer that holds stdout until it ends.
    pub fn new() -> Self {
        widen_pipe();
        Self {
            stdout: io::stdout().lock(),
            out: Vec::with_capacity(OUTPUT_CHUNK + (64 << 10)),
            scratch: Vec::new(),
            first: true,
        }
    }

    /// Prints the next record of the list.
    pub fn record(&mut self, record: &RawRecord<'_>) -> io::Result<()> {
        let out = &mut self.out;
        out.extend_from_slice(if self.first { b"[\n  " } else { b",\n  " });
        self.first = false;
        if !record.write_plain_item(out) {
            self.scratch.clear();
            write_json(&mut self.scratch, record)?;
            self.scratch.pop();
            // One level deeper: JSON text has no raw newline but between tokens.
            for (i, line) in self.scratch.split(|b| *b == b'\n').enumerate() {
                if i > 0 {
                    out.extend_from_slice(b"\n  ");
                }
                out.extend_from_slice(line);
            }
        }
        if out.len() >= OUTPUT_CHUNK {
            write_whole_lines(&mut self.stdout, out).map_err(super::term::note_error)?;
        }
        Ok(())
    }

    /// Closes the list (`[]` when it had no record) and writes what is left.
    pub fn end(mut self) -> io::Result<()> {
        let out = &mut self.out;
        out.extend_from_slice(if self.first { b"[]\n" } else { b"\n]\n" });
        self.stdout
            .write_all(out)
            .and_then(|()| self.stdout.flush())
            .map_err(super::term::note_error)
    }
}

/// How much output is gathered before it is written: a 16 MB list is 16 writes.
const OUTPUT_CHUNK: usize = 1 << 20;

/// Writes `out` up to its last newline and keeps the rest: stdout is line-buffered, and a
/// write that ends on a newline goes to the descriptor whole instead of being split.
fn write_whole_lines(stdout: &mut impl Write, out: &mut Vec<u8>) -> io::Result<()> {
    let Some(end) = out.iter().rposition(|b| *b == b'\n') else {
        return Ok(());
    };
    stdout.write_all(&out[..=end])?;
    out.drain(..=end);
    Ok(())
}

/// Asks for a 1 MiB pipe when stdout is one (Linux): a 16 MB list then crosses it in 16
/// handovers to its reader instead of 250. Best effort: nothing changes when refused.
fn widen_pipe() {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let fd = io::stdout().as_raw_fd();
        // SAFETY: fcntl on our own stdout descriptor with an integer argument; F_SETPIPE_SZ
        // fails harmlessly (EBADF/EINVAL/EPERM) on anything that is not a pipe we may widen.
        unsafe {
            libc::fcntl(fd, libc::F_SETPIPE_SZ, 1 << 20);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn invisible_characters_are_escaped_and_the_value_is_unchanged() {
        let value =
            json!({"name": "pay\u{202e}txt.exe\u{200b}\u{1b}]0;T\u{7}\u{7f}\u{9b}", "n": [1, 2]});
        let text = json_text(&value);
        assert!(
            text.contains("pay\\u202etxt.exe\\u200b\\u001b]0;T\\u0007\\u007f\\u009b"),
            "{text}"
        );
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
        assert_eq!(json_text(&json!({"a": "b"})), "{\n  \"a\": \"b\"\n}");
        // Outside the basic plane: a surrogate pair.
        let tag = json!("\u{e0041}");
        assert_eq!(json_text(&tag), "\"\\udb40\\udc41\"");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json_text(&tag)).ok(),
            Some(tag)
        );
    }
}
