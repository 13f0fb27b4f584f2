//! The requests that read a value, and what their answers do to it: the header and first
//! page in one pipeline (`TYPE`, `PTTL`, `MEMORY USAGE`, the length, the first page), then
//! pages of 50 (`HSCAN`, `LRANGE`, `SSCAN`, `ZRANGE … REV`, `XRANGE`), hash field TTLs
//! (`HTTL`), and a large string's pieces (`GETRANGE`).

use super::keys::{KeyType, Ttl};
use super::string_view::{CHUNK_BYTES, PREVIEW_BYTES, StrValue, pretty};
use super::value::{Body, Cursor, Item, Load, PAGE, Rows, ValueView};
use crate::redis::{RedisError, Reply};
use crate::tui::services::RedisResults;

/// What a value request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The header and the first page, for the type the key list gave.
    Open(KeyType),
    /// The next page of items.
    Page,
    /// The time to live of these hash fields.
    FieldTtls(Vec<Vec<u8>>),
    /// The next piece of a string, from this byte.
    Piece(u64),
}

/// What to ask next after an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowUp {
    /// Nothing.
    None,
    /// The type is not the one assumed: open again as this one.
    Reopen(KeyType),
    /// Ask for these hash fields' TTLs.
    FieldTtls(Vec<Vec<u8>>),
}

/// A key as a command argument: the REST API takes text, so a name that is not UTF-8
/// cannot be sent.
pub fn key_arg(key: &[u8]) -> Option<String> {
    std::str::from_utf8(key).ok().map(str::to_string)
}

fn cmd(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| p.to_string()).collect()
}

/// The header and first page of `key`, assumed of type `kind`.
pub fn open_commands(key: &str, kind: KeyType) -> Vec<Vec<String>> {
    let mut out = vec![
        cmd(&["TYPE", key]),
        cmd(&["PTTL", key]),
        cmd(&["MEMORY", "USAGE", key]),
    ];
    let last = (PAGE - 1).to_string();
    let count = PAGE.to_string();
    let preview = (PREVIEW_BYTES - 1).to_string();
    match kind {
        KeyType::String => {
            out.push(cmd(&["STRLEN", key]));
            out.push(cmd(&["GETRANGE", key, "0", &preview]));
        }
        KeyType::Hash => {
            out.push(cmd(&["HLEN", key]));
            out.push(cmd(&["HSCAN", key, "0", "COUNT", &count]));
        }
        KeyType::List => {
            out.push(cmd(&["LLEN", key]));
            out.push(cmd(&["LRANGE", key, "0", &last]));
        }
        KeyType::Set => {
            out.push(cmd(&["SCARD", key]));
            out.push(cmd(&["SSCAN", key, "0", "COUNT", &count]));
        }
        KeyType::ZSet => {
            out.push(cmd(&["ZCARD", key]));
            out.push(cmd(&["ZRANGE", key, "0", &last, "REV", "WITHSCORES"]));
        }
        KeyType::Stream => {
            out.push(cmd(&["XLEN", key]));
            out.push(cmd(&["XRANGE", key, "-", "+", "COUNT", &count]));
        }
        KeyType::Json => out.push(cmd(&["JSON.GET", key, "$"])),
        KeyType::Unknown | KeyType::Other => {}
    }
    out
}

/// The next page of `view`, when there is one.
pub fn page_command(view: &ValueView, key: &str) -> Option<Vec<String>> {
    let rows = view.rows()?;
    if rows.done {
        return None;
    }
    let count = PAGE.to_string();
    Some(match (&rows.cursor, view.kind) {
        (Cursor::Scan(c), KeyType::Hash) => cmd(&["HSCAN", key, c, "COUNT", &count]),
        (Cursor::Scan(c), _) => cmd(&["SSCAN", key, c, "COUNT", &count]),
        (Cursor::Index(i), KeyType::List) => {
            cmd(&["LRANGE", key, &i.to_string(), &(i + PAGE - 1).to_string()])
        }
        (Cursor::Index(i), _) => cmd(&[
            "ZRANGE",
            key,
            &i.to_string(),
            &(i + PAGE - 1).to_string(),
            "REV",
            "WITHSCORES",
        ]),
        (Cursor::After(id), _) => cmd(&["XRANGE", key, &format!("({id}"), "+", "COUNT", &count]),
    })
}

/// The piece of a string from byte `from`.
pub fn piece_command(key: &str, from: u64) -> Vec<String> {
    let to = from + CHUNK_BYTES - 1;
    cmd(&["GETRANGE", key, &from.to_string(), &to.to_string()])
}

/// `HTTL` of `fields`.
pub fn field_ttl_command(key: &str, fields: &[Vec<u8>]) -> Option<Vec<String>> {
    let mut out = cmd(&["HTTL", key, "FIELDS", &fields.len().to_string()]);
    for f in fields {
        out.push(std::str::from_utf8(f).ok()?.to_string());
    }
    Some(out)
}

fn ok(results: &RedisResults, i: usize) -> Option<&Reply> {
    results.get(i).and_then(|r| r.as_ref().ok())
}

fn error_at(results: &RedisResults, i: usize) -> Option<&RedisError> {
    results.get(i).and_then(|r| r.as_ref().err())
}

/// A failed command in words for the value pane (`WRONGTYPE` and limits included).
pub fn in_words(e: &RedisError) -> String {
    let text = crate::output::sanitize(&e.to_string()).into_owned();
    if text.starts_with("WRONGTYPE") {
        format!("The key changed type meanwhile ({text})")
    } else {
        text
    }
}

/// Takes the answer to [`Step::Open`] (commands of [`open_commands`]) at `now_ms`.
pub fn take_open(
    view: &mut ValueView,
    assumed: KeyType,
    results: &RedisResults,
    now_ms: i64,
) -> FollowUp {
    if let Some(e) = error_at(results, 0) {
        view.load = Load::Failed(in_words(e));
        return FollowUp::None;
    }
    let type_name = ok(results, 0).and_then(Reply::as_text).unwrap_or_default();
    if type_name == "none" {
        view.load = Load::Gone;
        return FollowUp::None;
    }
    let kind = KeyType::from_redis(type_name.as_bytes());
    view.type_name = if kind == KeyType::Json {
        "json".into()
    } else {
        type_name
    };
    view.kind = kind;
    view.ttl = match ok(results, 1).and_then(Reply::as_int) {
        Some(-2) => {
            view.load = Load::Gone;
            return FollowUp::None;
        }
        Some(ms) if ms >= 0 => Ttl::ExpiresAt(now_ms + ms),
        Some(_) => Ttl::Persistent,
        None => Ttl::Unknown,
    };
    view.size = ok(results, 2)
        .and_then(Reply::as_int)
        .map(|n| n.max(0) as u64);
    if kind != assumed && !matches!(kind, KeyType::Other | KeyType::Unknown) {
        return FollowUp::Reopen(kind);
    }
    if matches!(kind, KeyType::Other | KeyType::Unknown) {
        view.load = Load::Ready;
        return FollowUp::None;
    }
    if kind == KeyType::Json {
        return match results.get(3) {
            Some(Ok(reply)) => {
                let text = reply.as_bytes().unwrap_or_default();
                view.len = Some(text.len() as u64);
                view.body = Body::Json(json_document(text));
                view.load = Load::Ready;
                FollowUp::None
            }
            Some(Err(e)) => {
                view.load = Load::Failed(in_words(e));
                FollowUp::None
            }
            None => FollowUp::None,
        };
    }
    view.len = ok(results, 3)
        .and_then(Reply::as_int)
        .map(|n| n.max(0) as u64);
    let first = match results.get(4) {
        Some(Ok(reply)) => reply,
        Some(Err(e)) => {
            view.load = Load::Failed(in_words(e));
            return FollowUp::None;
        }
        None => return FollowUp::None,
    };
    view.load = Load::Ready;
    if kind == KeyType::String {
        let format = match &view.body {
            Body::Str(old) => old.format,
            _ => Default::default(),
        };
        let mut s = StrValue::new(view.len.unwrap_or(0));
        s.format = format;
        s.append(first.as_bytes().unwrap_or_default());
        view.body = Body::Str(s);
        return FollowUp::None;
    }
    let start = match kind {
        KeyType::Hash | KeyType::Set => Cursor::Scan("0".into()),
        KeyType::Stream => Cursor::After(String::new()),
        _ => Cursor::Index(0),
    };
    view.body = Body::Rows(Rows::new(start));
    take_rows(view, first)
}

/// Takes the answer to [`Step::Page`].
pub fn take_page(view: &mut ValueView, results: &RedisResults) -> FollowUp {
    view.more_loading = false;
    match results.first() {
        Some(Ok(reply)) => take_rows(view, reply),
        Some(Err(e)) => {
            view.note = Some(in_words(e));
            FollowUp::None
        }
        None => FollowUp::None,
    }
}

/// Takes one page of items into the rows.
fn take_rows(view: &mut ValueView, reply: &Reply) -> FollowUp {
    let kind = view.kind;
    let len = view.len;
    let Body::Rows(rows) = &mut view.body else {
        return FollowUp::None;
    };
    let (items, next) = match (kind, &rows.cursor) {
        (KeyType::Hash | KeyType::Set, _) => {
            let Some((cursor, flat)) = scan_page(reply) else {
                return FollowUp::None;
            };
            let items = if kind == KeyType::Hash {
                pairs(flat)
                    .map(|(field, value)| Item::Field {
                        field,
                        value,
                        ttl: None,
                    })
                    .collect()
            } else {
                flat.iter()
                    .filter_map(|m| Some(Item::Member(m.as_bytes()?.to_vec())))
                    .collect()
            };
            let done = cursor == "0";
            (items, (Cursor::Scan(cursor), done))
        }
        (KeyType::List, Cursor::Index(start)) => {
            let items: Vec<Item> = array(reply)
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    Some(Item::Element {
                        index: start + i as u64,
                        value: v.as_bytes()?.to_vec(),
                    })
                })
                .collect();
            let next = start + items.len() as u64;
            let done = (items.len() as u64) < PAGE || len.is_some_and(|n| next >= n);
            (items, (Cursor::Index(next), done))
        }
        (KeyType::ZSet, Cursor::Index(start)) => {
            let items: Vec<Item> = pairs(array(reply))
                .map(|(member, score)| Item::Scored {
                    member,
                    score: String::from_utf8_lossy(&score).into_owned(),
                })
                .collect();
            let next = start + items.len() as u64;
            let done = (items.len() as u64) < PAGE || len.is_some_and(|n| next >= n);
            (items, (Cursor::Index(next), done))
        }
        (KeyType::Stream, _) => {
            let items: Vec<Item> = array(reply)
                .iter()
                .filter_map(|entry| {
                    let parts = entry.as_array()?;
                    Some(Item::Entry {
                        id: parts.first()?.as_text()?,
                        fields: pairs(parts.get(1)?.as_array()?).collect(),
                    })
                })
                .collect();
            let last = match items.last() {
                Some(Item::Entry { id, .. }) => id.clone(),
                _ => String::new(),
            };
            let done = (items.len() as u64) < PAGE;
            (items, (Cursor::After(last), done))
        }
        _ => return FollowUp::None,
    };
    let fields: Vec<Vec<u8>> = items
        .iter()
        .filter_map(|i| match i {
            Item::Field { field, .. } => Some(field.clone()),
            _ => None,
        })
        .collect();
    rows.extend(items);
    rows.cursor = next.0;
    // The length says when everything is here, saving a last empty page.
    rows.done = next.1 || len.is_some_and(|n| rows.items.len() as u64 >= n);
    if fields.is_empty() {
        FollowUp::None
    } else {
        FollowUp::FieldTtls(fields)
    }
}

/// Takes the answer to [`Step::FieldTtls`]: seconds per field (-1: none; errors ignored, as
/// on a Redis without hash field TTLs).
pub fn take_field_ttls(view: &mut ValueView, fields: &[Vec<u8>], results: &RedisResults) {
    let Some(ttls) = ok(results, 0).and_then(Reply::as_array) else {
        return;
    };
    let Body::Rows(rows) = &mut view.body else {
        return;
    };
    for (name, ttl) in fields.iter().zip(ttls) {
        let Some(secs) = ttl.as_int().filter(|s| *s >= 0) else {
            continue;
        };
        for item in &mut rows.items {
            if let Item::Field { field, ttl, .. } = item
                && field == name
            {
                *ttl = Some(secs);
            }
        }
    }
}

/// Takes the answer to [`Step::Piece`] that started at byte `from`.
pub fn take_piece(view: &mut ValueView, from: u64, results: &RedisResults) {
    view.more_loading = false;
    let Body::Str(s) = &mut view.body else {
        return;
    };
    match results.first() {
        Some(Ok(reply)) if s.bytes().len() as u64 == from => {
            let piece = reply.as_bytes().unwrap_or_default();
            if piece.is_empty() {
                // The value shrank meanwhile: what is loaded is all there is.
                s.total = from;
            }
            s.append(piece);
        }
        Some(Err(e)) => view.note = Some(in_words(e)),
        _ => {}
    }
}

/// `JSON.GET key $` answers an array of matches; the document is its one element.
fn json_document(text: &[u8]) -> Vec<u8> {
    let trimmed = text.trim_ascii();
    let inner = trimmed
        .strip_prefix(b"[")
        .and_then(|t| t.strip_suffix(b"]"))
        .filter(|_| {
            serde_json::from_slice::<Vec<serde::de::IgnoredAny>>(trimmed)
                .is_ok_and(|v| v.len() == 1)
        });
    let doc = inner.unwrap_or(trimmed);
    pretty(doc).map_or_else(|| doc.to_vec(), String::into_bytes)
}

fn array(reply: &Reply) -> &[Reply] {
    reply.as_array().unwrap_or_default()
}

/// The cursor and items of a SCAN-family page.
fn scan_page(reply: &Reply) -> Option<(String, &[Reply])> {
    let parts = reply.as_array()?;
    Some((parts.first()?.as_text()?, parts.get(1)?.as_array()?))
}

/// Alternating items as pairs of bytes.
fn pairs(flat: &[Reply]) -> impl Iterator<Item = (Vec<u8>, Vec<u8>)> + '_ {
    flat.chunks(2).filter_map(|p| {
        Some((
            p.first()?.as_bytes()?.to_vec(),
            p.get(1)?.as_bytes()?.to_vec(),
        ))
    })
}
