//! A string value and its views: auto (JSON pretty-printed, gzip decompressed, text or hex,
//! whichever fits), text, JSON, hex. Large values arrive in pieces (a preview first, then
//! the rest on request); every piece does a bounded amount of work, so no frame waits on a
//! 10 MB value: UTF-8 is checked piece by piece, and pretty-printing and decompressing are
//! done once, for values small enough to do quickly.

use super::format::size;
use serde::de::IgnoredAny;
use std::io::Read;

/// Bytes of a large value loaded when it opens.
pub const PREVIEW_BYTES: u64 = 64 * 1024;
/// Bytes asked for per request when loading the rest.
pub const CHUNK_BYTES: u64 = 1024 * 1024;
/// The most of a value the tab holds.
pub const LOAD_LIMIT: u64 = 16 * 1024 * 1024;
/// Values up to this size are pretty-printed as JSON.
const PRETTY_LIMIT: usize = 1024 * 1024;
/// Compressed values up to this size are decompressed...
const GZIP_INPUT_LIMIT: usize = 1024 * 1024;
/// ...into at most this much.
const GUNZIP_LIMIT: u64 = 4 * 1024 * 1024;

/// How a string is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Whatever fits: JSON, decompressed, text or hex.
    #[default]
    Auto,
    /// The text, control characters escaped.
    Text,
    /// Pretty-printed JSON.
    Json,
    /// A hex dump.
    Hex,
}

impl Format {
    /// The next view.
    pub fn next(self) -> Format {
        match self {
            Format::Auto => Format::Text,
            Format::Text => Format::Json,
            Format::Json => Format::Hex,
            Format::Hex => Format::Auto,
        }
    }

    /// Its name on the screen.
    pub fn label(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Text => "text",
            Format::Json => "JSON",
            Format::Hex => "hex",
        }
    }
}

/// What the view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown<'a> {
    /// Text, a line at a time.
    Text(&'a [u8]),
    /// A hex dump of the bytes.
    Hex(&'a [u8]),
}

/// A string value, loaded so far.
#[derive(Debug, Clone, Default)]
pub struct StrValue {
    bytes: Vec<u8>,
    /// The value's length (`STRLEN`).
    pub total: u64,
    /// Bytes known to be UTF-8 from the start.
    valid_to: usize,
    /// A byte sequence that is not UTF-8 was seen.
    binary: bool,
    /// The view chosen.
    pub format: Format,
    /// The text the view shows when it is not the stored bytes (pretty JSON, decompressed).
    derived: Option<Vec<u8>>,
    /// Hex instead of text.
    hex: bool,
    /// What the view did, in words ("JSON", "gzip, decompressed").
    pub note: Option<String>,
}

impl StrValue {
    /// A value of `total` bytes, none loaded yet.
    pub fn new(total: u64) -> Self {
        Self {
            total,
            ..Self::default()
        }
    }

    /// Nothing loaded, to be shown as `format`.
    pub fn with_format(format: Format) -> Self {
        Self {
            format,
            ..Self::default()
        }
    }

    /// The bytes loaded.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Whether every byte is loaded.
    pub fn complete(&self) -> bool {
        self.bytes.len() as u64 >= self.total
    }

    /// How far loading goes: the value, or the limit.
    pub fn load_target(&self) -> u64 {
        self.total.min(LOAD_LIMIT)
    }

    /// Whether more can be loaded.
    pub fn more_to_load(&self) -> bool {
        (self.bytes.len() as u64) < self.load_target()
    }

    /// Adds the next piece; the view is worked out again when it is the first or the last.
    pub fn append(&mut self, piece: &[u8]) {
        let first = self.bytes.is_empty();
        self.bytes.extend_from_slice(piece);
        if !self.binary {
            match std::str::from_utf8(&self.bytes[self.valid_to..]) {
                Ok(_) => self.valid_to = self.bytes.len(),
                Err(e) => {
                    self.valid_to += e.valid_up_to();
                    // An error with no length is a character cut at the end of the piece.
                    self.binary = e.error_len().is_some();
                }
            }
        }
        if first || !self.more_to_load() {
            self.refresh();
        }
    }

    /// Shows the value as `format`.
    pub fn set_format(&mut self, format: Format) {
        self.format = format;
        self.refresh();
    }

    /// Whether the bytes start like gzip.
    pub fn is_gzip(&self) -> bool {
        self.bytes.starts_with(&[0x1f, 0x8b])
    }

    /// The text or bytes the view shows.
    pub fn shown(&self) -> Shown<'_> {
        let bytes = self.derived.as_deref().unwrap_or(&self.bytes);
        if self.hex {
            Shown::Hex(&self.bytes)
        } else {
            Shown::Text(bytes)
        }
    }

    /// Works out what the chosen view shows.
    fn refresh(&mut self) {
        self.derived = None;
        self.hex = false;
        self.note = None;
        let complete = self.complete();
        let gunzipped = if complete && self.is_gzip() {
            self.gunzip()
        } else {
            None
        };
        let source: &[u8] = gunzipped.as_deref().unwrap_or(&self.bytes);
        let mut notes: Vec<String> = Vec::new();
        if let Some(g) = &gunzipped {
            notes.push(format!(
                "gzip: {} stored, {} decompressed",
                size(self.bytes.len() as u64),
                size(g.len() as u64)
            ));
        }
        match self.format {
            Format::Hex => {
                self.hex = true;
                notes.clear();
            }
            Format::Json => match (complete, pretty(source)) {
                (true, Some(p)) => {
                    notes.push("JSON".into());
                    self.derived = Some(p.into_bytes());
                }
                (false, _) => notes.push("not all loaded: shown as text".into()),
                (true, None) => notes.push("not JSON (or too large): shown as text".into()),
            },
            Format::Text => {}
            Format::Auto => {
                let pretty = if complete { pretty(source) } else { None };
                if let Some(p) = pretty {
                    notes.push("JSON".into());
                    self.derived = Some(p.into_bytes());
                } else if gunzipped.is_none() && self.binary {
                    self.hex = true;
                    notes.push("binary".into());
                }
            }
        }
        if self.derived.is_none() && !self.hex {
            self.derived = gunzipped;
        }
        self.note = (!notes.is_empty()).then(|| notes.join(" · "));
    }

    /// The value decompressed, when it is small enough (at most [`GUNZIP_LIMIT`] out).
    fn gunzip(&self) -> Option<Vec<u8>> {
        if self.bytes.len() > GZIP_INPUT_LIMIT {
            return None;
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(self.bytes.as_slice())
            .take(GUNZIP_LIMIT)
            .read_to_end(&mut out)
            .ok()?;
        Some(out)
    }
}

/// `bytes` as indented JSON when they hold one JSON document of at most [`PRETTY_LIMIT`]
/// bytes. Re-indents the text as written, so key order and numbers stay exactly as stored.
pub fn pretty(bytes: &[u8]) -> Option<String> {
    if bytes.len() > PRETTY_LIMIT {
        return None;
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    if !matches!(first, b'{' | b'[' | b'"') {
        return None;
    }
    serde_json::from_slice::<IgnoredAny>(bytes).ok()?;
    let text = std::str::from_utf8(bytes).ok()?;
    Some(reindent(text))
}

/// JSON text (already checked) with two-space indentation.
fn reindent(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = text.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                while chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                    chars.next();
                }
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_ascii_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// One row of a hex dump: offset, `per_row` bytes in hex, and the printable ones.
pub fn hex_row(bytes: &[u8], offset: usize, per_row: usize) -> String {
    let end = bytes.len().min(offset + per_row);
    let row = &bytes[offset.min(end)..end];
    let mut out = format!("{offset:08x} ");
    for i in 0..per_row {
        if i % 8 == 0 {
            out.push(' ');
        }
        match row.get(i) {
            Some(b) => out.push_str(&format!("{b:02x} ")),
            None => out.push_str("   "),
        }
    }
    out.push('|');
    out.extend(row.iter().map(|b| {
        if b.is_ascii_graphic() || *b == b' ' {
            char::from(*b)
        } else {
            '.'
        }
    }));
    out.push('|');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn json_is_pretty_printed_as_written() {
        let text = br#"{"b":1.50,"a":[1, {}],"s":"x,{y}:\"z\""}"#;
        assert_eq!(
            pretty(text).as_deref(),
            Some(
                "{\n  \"b\": 1.50,\n  \"a\": [\n    1,\n    {}\n  ],\n  \"s\": \"x,{y}:\\\"z\\\"\"\n}"
            )
        );
        assert_eq!(pretty(b"12"), None);
        assert_eq!(pretty(b"{broken"), None);
    }

    #[test]
    fn auto_finds_json_gzip_and_binary() {
        let mut v = StrValue::new(9);
        v.append(br#"{"a":1}"#);
        v.append(b"  ");
        assert_eq!(v.note.as_deref(), Some("JSON"));
        assert!(matches!(v.shown(), Shown::Text(t) if t.starts_with(b"{\n  \"a\"")));

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"[1,2]").expect("compresses");
        let packed = gz.finish().expect("compresses");
        let mut v = StrValue::new(packed.len() as u64);
        v.append(&packed);
        assert!(
            v.note
                .as_deref()
                .is_some_and(|n| n.starts_with("gzip") && n.ends_with("JSON"))
        );
        v.set_format(Format::Hex);
        assert!(matches!(v.shown(), Shown::Hex(b) if b[0] == 0x1f));

        let mut v = StrValue::new(3);
        v.append(&[0xff, 0x00, 0x01]);
        assert!(matches!(v.shown(), Shown::Hex(_)));
        v.set_format(Format::Text);
        assert!(matches!(v.shown(), Shown::Text(_)));
    }

    #[test]
    fn pieces_cut_inside_a_character_are_still_text() {
        let text = "é".repeat(10);
        let mut v = StrValue::new(text.len() as u64);
        v.append(&text.as_bytes()[..5]);
        v.append(&text.as_bytes()[5..]);
        assert!(!v.binary && v.complete());
        assert_eq!(
            hex_row(b"ab\x00", 0, 8),
            "00000000  61 62 00                |ab.|"
        );
    }
}
