//! The one sanitiser: every string that came from a provider, a file, a database or the
//! operator passes through here before it is printed or drawn, so no byte of it can move the
//! cursor, change the title, rewrite the clipboard or reorder the line.
//!
//! Control characters are escaped the way `redis-cli` writes them (`\n`, `\t`, `\x1b`);
//! zero-width and bidirectional formatting characters are made visible as `\u{200b}`;
//! everything else printable, Unicode included, is kept.

use std::borrow::Cow;
use std::fmt::Write;

/// Invisible characters that change how text around them is laid out or read: zero-width
/// spaces and joiners, direction marks, embeddings, overrides and isolates, and similar.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{061c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Whether every byte of `text` is printable ASCII (space to `~`), which never needs an
/// escape: checked without branching per byte so long texts are scanned a word at a time.
fn is_printable_ascii(text: &str) -> bool {
    text.as_bytes()
        .iter()
        .fold(true, |plain, &b| plain & (b.wrapping_sub(0x20) < 0x5f))
}

/// Whether `c` is written out as an escape.
pub(super) fn needs_escape(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

/// Appends the escape of `c`.
fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// `text` safe for a terminal: unchanged (borrowed) when it holds nothing to escape.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if is_printable_ascii(text) || !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` without the characters [`sanitize`] would escape: for the last line of defence,
/// where there is no room to show an escape (one cell of a drawn frame).
pub fn strip_escapable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| !needs_escape(*c)).collect())
}

/// Bytes (a key or value that may not be UTF-8) safe for a terminal: valid UTF-8 as
/// [`sanitize`] writes it, every invalid byte as `\xNN`.
pub fn sanitize_bytes(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => sanitize(text),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                out.push_str(&sanitize(chunk.valid()));
                for b in chunk.invalid() {
                    let _ = write!(out, "\\x{b:02x}");
                }
            }
            Cow::Owned(out)
        }
    }
}

/// Bytes in double quotes as `redis-cli` prints a string reply: `"`, `\` escaped too, so
/// the text reads back unambiguously.
pub fn quoted(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if needs_escape(c) => push_escape(&mut out, c),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out.push('"');
    out
}

/// Columns `text` takes on a terminal once sanitised.
pub fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(sanitize(text).as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(sanitize("cache:users ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_control_character_is_escaped() {
        for b in (0u32..0x20).chain([0x7f]).chain(0x80..0xa0) {
            let c = char::from_u32(b).unwrap_or('?');
            let text = format!("a{c}b");
            let out = sanitize(&text);
            assert!(!out.chars().any(char::is_control), "{b:#x}: {out:?}");
        }
        assert_eq!(sanitize("\u{1b}]0;PWNED\u{7}"), "\\x1b]0;PWNED\\a");
        assert_eq!(sanitize("a\nb\tc\r"), "a\\nb\\tc\\r");
    }

    #[test]
    fn zero_width_and_bidi_controls_are_visible() {
        assert_eq!(sanitize("pay\u{202e}lmth.exe"), "pay\\u{202e}lmth.exe");
        assert_eq!(sanitize("a\u{200b}b"), "a\\u{200b}b");
        assert_eq!(sanitize("\u{feff}x"), "\\u{feff}x");
        assert_eq!(display_width("a\u{200b}b"), "a\\u{200b}b".len());
    }

    #[test]
    fn bytes_and_quotes_like_redis_cli() {
        assert_eq!(sanitize_bytes(b"ok\xff\x00"), "ok\\xff\\x00");
        assert_eq!(quoted(b"a\"b\\c\x1b[31m\n"), "\"a\\\"b\\\\c\\x1b[31m\\n\"");
        assert_eq!(quoted("é".as_bytes()), "\"é\"");
    }
}
