//! A JSON array of records read piece by piece while its body arrives: each record is handed
//! on as soon as its closing brace is in, so a 15 MB list is never held whole and is written
//! out while the rest of it is still on the wire.

use crate::{FieldsOf, RawRecord, below_del};
use serde::de::{DeserializeSeed, Error as _};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::io;

/// How much of a body is gathered before it is read: a record cut by the end of what has
/// arrived is read again from its start once more is in, which pieces much larger than a
/// record keep rare.
const GATHER: usize = 64 << 10;

/// Where the reader is in the array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Before the opening bracket.
    Start,
    /// After the opening bracket: a record or the closing bracket.
    First,
    /// After a record: a comma or the closing bracket.
    AfterRecord,
    /// After a comma: a record.
    Next,
    /// After the closing bracket: only whitespace may follow.
    End,
}

/// Why reading stopped.
enum Stop {
    /// The body is not a JSON array of objects.
    Body(serde_json::Error),
    /// The writer failed.
    Output(io::Error),
}

/// What a reader hands each record to, masked.
pub type WriteRecord<'w> = dyn FnMut(&RawRecord<'_>) -> io::Result<()> + 'w;

/// Reads a body that is a JSON array of objects from its pieces, in order.
#[derive(Debug)]
pub struct ListReader {
    masked: &'static [&'static str],
    at: At,
    /// What arrived and is not read yet: the start of a record cut by a piece's end.
    pending: Vec<u8>,
    /// How much must be pending before it is read again (doubles while one record is cut,
    /// so a huge record is read again a few times, not once per piece).
    wanted: usize,
}

impl ListReader {
    /// A reader that writes the values of `masked` as [`crate::MASK`].
    pub fn new(masked: &'static [&'static str]) -> Self {
        Self {
            masked,
            at: At::Start,
            pending: Vec::new(),
            wanted: GATHER,
        }
    }

    /// Takes the next piece of the body and hands each record it completes to `write`: the
    /// body's failure outside, the writer's inside.
    // Never inlined: its callers are optimised for size, and this loop, inlined into them,
    // would be too (it reads every field of a 15 MB list).
    #[inline(never)]
    pub fn push(
        &mut self,
        piece: &[u8],
        write: &mut WriteRecord<'_>,
    ) -> Result<io::Result<()>, serde_json::Error> {
        if self.pending.is_empty() && piece.len() >= self.wanted {
            let read = self.read(piece, false, write);
            return self.keep_unread(read, piece);
        }
        self.pending.extend_from_slice(piece);
        if self.pending.len() < self.wanted {
            return Ok(Ok(()));
        }
        let pending = std::mem::take(&mut self.pending);
        let read = self.read(&pending, false, write);
        self.keep_unread(read, &pending)
    }

    /// The body ended: what is pending is read, and it must close the array.
    #[inline(never)]
    pub fn finish(
        mut self,
        write: &mut WriteRecord<'_>,
    ) -> Result<io::Result<()>, serde_json::Error> {
        let pending = std::mem::take(&mut self.pending);
        match self.read(&pending, true, write) {
            Ok(_) => Ok(Ok(())),
            Err(Stop::Output(e)) => Ok(Err(e)),
            Err(Stop::Body(e)) => Err(e),
        }
    }

    /// Keeps what `read` left of `text` for the next piece.
    fn keep_unread(
        &mut self,
        read: Result<usize, Stop>,
        text: &[u8],
    ) -> Result<io::Result<()>, serde_json::Error> {
        let used = match read {
            Ok(used) => used,
            Err(Stop::Output(e)) => return Ok(Err(e)),
            Err(Stop::Body(e)) => return Err(e),
        };
        let rest = text.get(used..).unwrap_or_default();
        self.pending.clear();
        self.pending.extend_from_slice(rest);
        self.wanted = if used == 0 {
            (rest.len() * 2).max(GATHER)
        } else {
            GATHER
        };
        Ok(Ok(()))
    }

    /// Reads the records `bytes` holds whole; returns how many bytes it used. Unless `last`,
    /// running out of text in the middle of something is not an error: the rest comes with
    /// the next piece.
    fn read(
        &mut self,
        bytes: &[u8],
        last: bool,
        write: &mut WriteRecord<'_>,
    ) -> Result<usize, Stop> {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            // A character cut by the piece's end: the rest of it comes with the next one.
            Err(e) if e.error_len().is_none() && !last => {
                std::str::from_utf8(&bytes[..e.valid_up_to()]).map_err(body_error)?
            }
            Err(e) => return Err(body_error(e)),
        };
        let plain = below_del(text.as_bytes());
        let mut fields: Vec<(Cow<'_, str>, &RawValue)> = Vec::new();
        let mut pos = 0;
        loop {
            pos += whitespace(&text.as_bytes()[pos..]);
            let Some(&next) = text.as_bytes().get(pos) else {
                if last && self.at != At::End {
                    return Err(body_error("the list ends before its closing `]`"));
                }
                return Ok(pos);
            };
            match (self.at, next) {
                (At::Start, b'[') => self.at = At::First,
                (At::Start, _) => return Err(body_error("expected a JSON array of objects")),
                (At::First | At::AfterRecord, b']') => self.at = At::End,
                (At::AfterRecord, b',') => self.at = At::Next,
                (At::AfterRecord, _) => {
                    return Err(body_error("expected `,` or `]` after a record"));
                }
                (At::First | At::Next, _) => {
                    let rest = &text[pos..];
                    let mut de = serde_json::Deserializer::from_str(rest);
                    match FieldsOf(&mut fields).deserialize(&mut de) {
                        Ok(()) => {}
                        Err(e) if e.is_eof() && !last => return Ok(pos),
                        Err(e) => return Err(Stop::Body(e)),
                    }
                    let Some(end) = record_end(rest, &fields) else {
                        return Err(body_error("a record's end could not be found"));
                    };
                    let record = RawRecord {
                        fields,
                        masked: self.masked,
                        text_below_del: plain,
                    };
                    let written = write(&record);
                    fields = record.fields;
                    written.map_err(Stop::Output)?;
                    self.at = At::AfterRecord;
                    pos += end;
                    continue;
                }
                (At::End, _) => return Err(body_error("trailing characters after the list")),
            }
            pos += 1;
        }
    }
}

/// The body's fault, in serde_json's terms.
fn body_error(why: impl std::fmt::Display) -> Stop {
    Stop::Body(serde_json::Error::custom(why))
}

/// How many JSON whitespace bytes `text` starts with.
fn whitespace(text: &[u8]) -> usize {
    text.iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(text.len())
}

/// Where the record that starts `text` ends (just past its `}`), from where its last value
/// ends: both are in `text`, which serde_json has just read as one object.
fn record_end(text: &str, fields: &[(Cow<'_, str>, &RawValue)]) -> Option<usize> {
    let after_last = match fields.last() {
        Some((_, value)) => {
            let value = value.get();
            (value.as_ptr() as usize).checked_sub(text.as_ptr() as usize)? + value.len()
        }
        None => 1,
    };
    let close = after_last + whitespace(text.as_bytes().get(after_last..)?);
    (text.as_bytes().get(close) == Some(&b'}')).then_some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SECRET_FIELDS, StreamedList};

    /// Each record as compact JSON, read from `body` cut into pieces of `size` bytes.
    fn read_in_pieces(body: &[u8], size: usize) -> Result<Vec<String>, String> {
        let mut seen = Vec::new();
        let mut write = |r: &RawRecord<'_>| {
            seen.push(serde_json::to_string(r).map_err(io::Error::other)?);
            Ok(())
        };
        let mut reader = ListReader::new(SECRET_FIELDS);
        for piece in body.chunks(size.max(1)) {
            match reader.push(piece, &mut write) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return Err(format!("output: {e}")),
                Err(e) => return Err(e.to_string()),
            }
        }
        match reader.finish(&mut write) {
            Ok(Ok(())) => Ok(seen),
            Ok(Err(e)) => Err(format!("output: {e}")),
            Err(e) => Err(e.to_string()),
        }
    }

    #[test]
    fn pieces_cut_anywhere_give_the_records_of_the_whole_body() {
        let body = " [ {\"a\":1,\"password\":\"pw\",\"s\":\"}]\\\"{[\" } ,\n{},{\"k\\u00e9y\":[1,{\"x\":\"caf\u{e9}\"}],\"n\":-0.5e+3,\"t\":true}\t] \n";
        let whole = read_in_pieces(body.as_bytes(), body.len()).expect("the whole body");
        assert_eq!(
            whole,
            [
                r#"{"a":1,"password":"********","s":"}]\"{["}"#,
                "{}",
                "{\"k\u{e9}y\":[1,{\"x\":\"caf\u{e9}\"}],\"n\":-0.5e+3,\"t\":true}",
            ]
        );
        // Every size cuts somewhere new: inside keys, strings, escapes, numbers, literals
        // and the two bytes of `é`.
        for size in 1..body.len() {
            assert_eq!(
                read_in_pieces(body.as_bytes(), size).as_ref(),
                Ok(&whole),
                "{size}"
            );
        }
    }

    #[test]
    fn a_body_that_is_not_an_array_of_objects_is_refused_however_it_is_cut() {
        for bad in [
            &b""[..],
            b"  ",
            b"{}",
            b"[1]",
            b"[{}",
            b"[{},]",
            b"[{}{}]",
            b"[{\"a\":1}] x",
            b"[{\"a\":1},",
            b"[{\"a\":tru}]",
            b"[{\"a\":\"\x01\"}]",
            b"[{\"a\":\"\xff\"}]",
            b"[{\"a\":\"\xc3\"}]",
            b"[{\"\\ud800\":1}]",
        ] {
            for size in 1..=bad.len().max(1) {
                assert!(read_in_pieces(bad, size).is_err(), "{size}: {bad:?}");
            }
            assert!(
                StreamedList::new(bad, &[])
                    .for_each(&mut |_| Ok(()))
                    .is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_record_longer_than_many_pieces_is_read_once_it_is_whole() {
        let long = "x".repeat(300 << 10);
        let body = format!(r#"[{{"a":"{long}"}},{{"b":2}}]"#);
        let records = read_in_pieces(body.as_bytes(), 1000).expect("read");
        assert_eq!(records.len(), 2);
        assert_eq!(records[1], r#"{"b":2}"#);
    }

    #[test]
    fn a_failed_write_stops_the_reading_and_is_the_output_s_fault() {
        let mut reader = ListReader::new(&[]);
        let mut calls = 0;
        let mut write = |_: &RawRecord<'_>| {
            calls += 1;
            Err(io::Error::other("closed"))
        };
        let body = br#"[{"a":1},{"a":2}]"#;
        assert!(matches!(reader.push(body, &mut write), Ok(Ok(()))));
        assert!(matches!(reader.finish(&mut write), Ok(Err(_))));
        assert_eq!(calls, 1);
    }
}
