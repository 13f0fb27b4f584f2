//! RedisJSON-style commands on JSON documents stored as `serde_json`
//! values (object keys keep insertion order, as RedisJSON does).

use serde_json::Value as Json;

use crate::keyspace::{Cmd, Keyspace};
use crate::parse::is;
use crate::reply::{CmdResult, Reply, errs, fail};
use crate::types::json_path::{self as jp, Path, Seg, Step, get_mut};
use crate::value::Value;

fn parse_path(raw: &[u8]) -> Result<Path, Reply> {
    Path::parse(raw).ok_or_else(|| {
        Reply::err(format!(
            "ERR invalid path '{}'",
            String::from_utf8_lossy(raw)
        ))
    })
}

fn missing_path(raw: &[u8]) -> Reply {
    Reply::err(format!(
        "ERR Path '{}' does not exist",
        String::from_utf8_lossy(raw)
    ))
}

/// RedisJSON's type names.
fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

/// A rough, deterministic size of a document in bytes.
pub(crate) fn estimate_bytes(v: &Json) -> usize {
    match v {
        Json::Null | Json::Bool(_) => 8,
        Json::Number(_) => 16,
        Json::String(s) => 24 + s.len(),
        Json::Array(a) => 24 + a.iter().map(estimate_bytes).sum::<usize>(),
        Json::Object(m) => {
            32 + m
                .iter()
                .map(|(k, v)| 24 + k.len() + estimate_bytes(v))
                .sum::<usize>()
        }
    }
}

/// Serializes compactly, or with JSON.GET's INDENT/NEWLINE/SPACE.
fn serialize(v: &Json, fmt: &Format) -> Vec<u8> {
    if fmt.indent.is_empty() && fmt.newline.is_empty() && fmt.space.is_empty() {
        return serde_json::to_vec(v).unwrap_or_default();
    }
    let mut out = Vec::new();
    write_pretty(v, fmt, 0, &mut out);
    out
}

#[derive(Default)]
struct Format {
    indent: Vec<u8>,
    newline: Vec<u8>,
    space: Vec<u8>,
}

fn write_pretty(v: &Json, f: &Format, depth: usize, out: &mut Vec<u8>) {
    let pad = |out: &mut Vec<u8>, d: usize| {
        out.extend_from_slice(&f.newline);
        for _ in 0..d {
            out.extend_from_slice(&f.indent);
        }
    };
    match v {
        Json::Array(a) if !a.is_empty() => {
            out.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                pad(out, depth + 1);
                write_pretty(x, f, depth + 1, out);
            }
            pad(out, depth);
            out.push(b']');
        }
        Json::Object(m) if !m.is_empty() => {
            out.push(b'{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                pad(out, depth + 1);
                out.extend_from_slice(&serde_json::to_vec(k).unwrap_or_default());
                out.push(b':');
                out.extend_from_slice(&f.space);
                write_pretty(x, f, depth + 1, out);
            }
            pad(out, depth);
            out.push(b'}');
        }
        _ => out.extend_from_slice(&serde_json::to_vec(v).unwrap_or_default()),
    }
}

pub(crate) fn set(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let key = c.arg(1);
    let path = parse_path(c.arg(2))?;
    let (mut nx, mut xx) = (false, false);
    for a in &c.args[4..] {
        if is(a, "NX") && !xx {
            nx = true;
        } else if is(a, "XX") && !nx {
            xx = true;
        } else {
            return fail(errs::SYNTAX);
        }
    }
    let new: Json = serde_json::from_slice(c.arg(3)).map_err(|e| Reply::err(format!("ERR {e}")))?;
    let existing = ks.json_ref(key)?.is_some();
    if !existing {
        if !path.is_root() {
            return fail("ERR new objects must be created at the root");
        }
        if xx {
            return Ok(Reply::Nil);
        }
        ks.check_record(estimate_bytes(&new))?;
        ks.set_value(key, Value::Json(Box::new(new)), false);
        return Ok(Reply::ok());
    }
    let Some(doc) = ks.json_ref(key)? else {
        return Ok(Reply::Nil);
    };
    let matches = path.resolve(doc);
    if (nx && !matches.is_empty()) || (xx && matches.is_empty()) {
        return Ok(Reply::Nil);
    }
    let added = estimate_bytes(&new);
    ks.check_record(estimate_bytes(doc).saturating_add(added))?;
    let Some(doc) = ks.json_mut(key)? else {
        return Ok(Reply::Nil);
    };
    if path.is_root() {
        *doc = new;
        return Ok(Reply::ok());
    }
    if !matches.is_empty() {
        for m in &matches {
            if let Some(slot) = get_mut(doc, m) {
                *slot = new.clone();
            }
        }
        return Ok(Reply::ok());
    }
    // No match: the last segment may name a new key of existing objects.
    let Some((Seg::Key(last), parent_segs)) = path.segs.split_last() else {
        return Ok(Reply::Nil);
    };
    let parent = Path {
        legacy: path.legacy,
        segs: parent_segs.to_vec(),
    };
    let parents = parent.resolve(doc);
    let mut created = false;
    for p in parents {
        if let Some(Json::Object(m)) = get_mut(doc, &p) {
            m.insert(last.clone(), new.clone());
            created = true;
        }
    }
    if created {
        Ok(Reply::ok())
    } else if path.legacy {
        Err(missing_path(c.arg(2)))
    } else {
        Ok(Reply::Nil)
    }
}

fn get_cmd_paths<'a>(c: &'a Cmd) -> Result<(Format, Vec<&'a [u8]>), Reply> {
    let mut fmt = Format::default();
    let mut paths = Vec::new();
    let mut i = 2;
    while i < c.len() {
        let a = c.arg(i);
        if i + 1 < c.len() && is(a, "INDENT") {
            fmt.indent = c.arg(i + 1).to_vec();
            i += 2;
        } else if i + 1 < c.len() && is(a, "NEWLINE") {
            fmt.newline = c.arg(i + 1).to_vec();
            i += 2;
        } else if i + 1 < c.len() && is(a, "SPACE") {
            fmt.space = c.arg(i + 1).to_vec();
            i += 2;
        } else {
            paths.push(a);
            i += 1;
        }
    }
    Ok((fmt, paths))
}

pub(crate) fn get(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let (fmt, raw_paths) = get_cmd_paths(c)?;
    let paths: Vec<Path> = raw_paths
        .iter()
        .map(|p| parse_path(p))
        .collect::<Result<_, _>>()?;
    let Some(doc) = ks.json_ref(c.arg(1))? else {
        return Ok(Reply::Nil);
    };
    if paths.is_empty() {
        return Ok(Reply::Bulk(serialize(doc, &fmt)));
    }
    let values = |p: &Path| -> Vec<Json> {
        p.resolve(doc)
            .iter()
            .filter_map(|s| jp::get(doc, s))
            .cloned()
            .collect()
    };
    if paths.len() == 1 {
        let vals = values(&paths[0]);
        if paths[0].legacy {
            return match vals.into_iter().next() {
                Some(v) => Ok(Reply::Bulk(serialize(&v, &fmt))),
                None => Err(missing_path(raw_paths[0])),
            };
        }
        return Ok(Reply::Bulk(serialize(&Json::Array(vals), &fmt)));
    }
    let all_legacy = paths.iter().all(|p| p.legacy);
    let mut obj = serde_json::Map::new();
    for (p, raw) in paths.iter().zip(&raw_paths) {
        let vals = values(p);
        let name = String::from_utf8_lossy(raw).into_owned();
        if all_legacy {
            match vals.into_iter().next() {
                Some(v) => obj.insert(name, v),
                None => return Err(missing_path(raw)),
            };
        } else {
            obj.insert(name, Json::Array(vals));
        }
    }
    Ok(Reply::Bulk(serialize(&Json::Object(obj), &fmt)))
}

pub(crate) fn del(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    if c.len() > 3 {
        return Err(c.arity_error());
    }
    let path = if c.len() == 3 {
        parse_path(c.arg(2))?
    } else {
        Path {
            legacy: false,
            segs: vec![],
        }
    };
    let key = c.arg(1);
    let Some(doc) = ks.json_ref(key)? else {
        return Ok(Reply::Int(0));
    };
    if path.is_root() {
        ks.remove(key);
        return Ok(Reply::Int(1));
    }
    let mut matches = path.resolve(doc);
    // Deepest and highest indexes first, so earlier removals do not shift
    // the locations still to remove.
    matches.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| cmp_steps(b, a)));
    let Some(doc) = ks.json_mut(key)? else {
        return Ok(Reply::Int(0));
    };
    let mut n = 0;
    for m in matches {
        let Some((last, parent)) = m.split_last() else {
            continue;
        };
        match (get_mut(doc, parent), last) {
            (Some(Json::Object(o)), Step::Key(k)) => n += o.remove(k).is_some() as i64,
            (Some(Json::Array(a)), Step::Idx(i)) if *i < a.len() => {
                a.remove(*i);
                n += 1;
            }
            _ => {}
        }
    }
    Ok(Reply::Int(n))
}

fn cmp_steps(a: &[Step], b: &[Step]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = match (x, y) {
            (Step::Idx(i), Step::Idx(j)) => i.cmp(j),
            (Step::Key(i), Step::Key(j)) => i.cmp(j),
            (Step::Idx(_), Step::Key(_)) => std::cmp::Ordering::Less,
            (Step::Key(_), Step::Idx(_)) => std::cmp::Ordering::Greater,
        };
        if o.is_ne() {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// Shared body of JSON.TYPE / STRLEN / ARRLEN / OBJLEN: `f` maps a matched
/// value to its reply, or None when the value has the wrong type.
fn per_match(
    ks: &mut Keyspace,
    c: &Cmd,
    expected: &str,
    f: impl Fn(&Json) -> Option<Reply>,
) -> CmdResult {
    if c.len() > 3 {
        return Err(c.arity_error());
    }
    let raw = if c.len() == 3 { c.arg(2) } else { b"." };
    let path = parse_path(raw)?;
    let Some(doc) = ks.json_ref(c.arg(1))? else {
        return Ok(Reply::Nil);
    };
    let vals: Vec<&Json> = path
        .resolve(doc)
        .iter()
        .filter_map(|s| jp::get(doc, s))
        .collect();
    if !path.legacy {
        return Ok(Reply::Array(
            vals.iter().map(|v| f(v).unwrap_or(Reply::Nil)).collect(),
        ));
    }
    let Some(v) = vals.first() else {
        return Err(missing_path(raw));
    };
    f(v).ok_or_else(|| {
        Reply::err(format!(
            "WRONGTYPE wrong type of path value - expected {expected} but found {}",
            type_name(v)
        ))
    })
}

pub(crate) fn type_(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    per_match(ks, c, "any", |v| Some(Reply::bulk(type_name(v))))
}

pub(crate) fn strlen(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    per_match(ks, c, "string", |v| match v {
        Json::String(s) => Some(Reply::Int(s.len() as i64)),
        _ => None,
    })
}

pub(crate) fn arrlen(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    per_match(ks, c, "array", |v| match v {
        Json::Array(a) => Some(Reply::Int(a.len() as i64)),
        _ => None,
    })
}

pub(crate) fn objlen(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    per_match(ks, c, "object", |v| match v {
        Json::Object(m) => Some(Reply::Int(m.len() as i64)),
        _ => None,
    })
}
