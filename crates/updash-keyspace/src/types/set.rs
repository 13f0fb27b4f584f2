//! Set commands.

use crate::keyspace::{Cmd, Keyspace};
use crate::parse::parse_i64;
use crate::reply::{CmdResult, Reply, errs, fail};
use crate::scanmap::ScanMap;
use crate::types::hash::{choose, pick_count};

type Set = ScanMap<()>;

pub(crate) fn sadd(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    ks.check_record(c.args[2..].iter().map(|a| a.len()).sum())?;
    let s = ks.set_create(c.arg(1))?;
    let added = c.args[2..]
        .iter()
        .filter(|m| s.insert(m, ()).is_none())
        .count();
    Ok(Reply::Int(added as i64))
}

pub(crate) fn srem(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let Some(s) = ks.set_mut(c.arg(1))? else {
        return Ok(Reply::Int(0));
    };
    let removed = c.args[2..].iter().filter(|m| s.remove(m).is_some()).count();
    ks.remove_if_empty(c.arg(1));
    Ok(Reply::Int(removed as i64))
}

pub(crate) fn smembers(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let s = ks.set_ref(c.arg(1))?;
    Ok(Reply::bulks(
        s.into_iter().flat_map(|s| s.iter().map(|(k, _)| k)),
    ))
}

pub(crate) fn scard(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    Ok(Reply::Int(ks.set_ref(c.arg(1))?.map_or(0, Set::len) as i64))
}

pub(crate) fn sismember(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let s = ks.set_ref(c.arg(1))?;
    Ok(Reply::Int(
        s.is_some_and(|s| s.contains_key(c.arg(2))) as i64
    ))
}

pub(crate) fn smismember(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let s = ks.set_ref(c.arg(1))?;
    Ok(Reply::Array(
        c.args[2..]
            .iter()
            .map(|m| Reply::Int(s.is_some_and(|s| s.contains_key(m)) as i64))
            .collect(),
    ))
}

pub(crate) fn spop(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    if c.len() > 3 {
        return fail(errs::SYNTAX);
    }
    let count = if c.len() == 3 {
        // Redis uses the same text for "not a number" and "negative" here.
        match parse_i64(c.arg(2)) {
            Some(n) if n >= 0 => Some(n),
            _ => return fail(errs::MUST_BE_POSITIVE),
        }
    } else {
        None
    };
    let key = c.arg(1);
    let Some(len) = ks.set_ref(key)?.map(Set::len) else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Nil
        });
    };
    let picks = pick_count(count, len);
    let rnd: Vec<u64> = (0..picks).map(|_| ks.next_random()).collect();
    let Some(s) = ks.set_ref(key)? else {
        return Ok(Reply::Nil);
    };
    let chosen: Vec<Vec<u8>> = choose(
        &rnd,
        count.or(Some(1)),
        s.len(),
        |r| s.random(r),
        || s.iter(),
    )
    .into_iter()
    .map(|(k, _)| k.to_vec())
    .collect();
    if let Some(s) = ks.set_mut(key)? {
        for m in &chosen {
            s.remove(m);
        }
    }
    ks.remove_if_empty(key);
    Ok(match count {
        None => chosen.into_iter().next().map_or(Reply::Nil, Reply::Bulk),
        Some(_) => Reply::bulks(chosen),
    })
}

pub(crate) fn srandmember(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    if c.len() > 3 {
        return fail(errs::SYNTAX);
    }
    let count = if c.len() == 3 {
        match parse_i64(c.arg(2)) {
            None => return fail(errs::NOT_INT),
            Some(i64::MIN) => {
                return fail(
                    "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                );
            }
            n => n,
        }
    } else {
        None
    };
    let key = c.arg(1);
    let Some(len) = ks.set_ref(key)?.map(Set::len) else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Nil
        });
    };
    let picks = pick_count(count, len);
    let rnd: Vec<u64> = (0..picks).map(|_| ks.next_random()).collect();
    let Some(s) = ks.set_ref(key)? else {
        return Ok(Reply::Nil);
    };
    let chosen = choose(&rnd, count, s.len(), |r| s.random(r), || s.iter());
    Ok(match count {
        None => chosen.first().map_or(Reply::Nil, |(k, _)| Reply::bulk(k)),
        Some(_) => Reply::bulks(chosen.into_iter().map(|(k, _)| k)),
    })
}

/// All the sets named by the keys (None for missing), WRONGTYPE first.
fn load_sets<'a>(ks: &'a Keyspace, keys: &[&[u8]]) -> Result<Vec<Option<&'a Set>>, Reply> {
    keys.iter().map(|k| ks.set_ref(k)).collect()
}

pub(crate) fn sinter(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let mut sets = load_sets(ks, &c.args[1..])?;
    if sets.iter().any(Option::is_none) {
        return Ok(Reply::Array(vec![]));
    }
    sets.sort_by_key(|s| s.map_or(0, Set::len));
    let (first, rest) = sets.split_first().unwrap_or((&None, &[]));
    let Some(first) = first else {
        return Ok(Reply::Array(vec![]));
    };
    Ok(Reply::bulks(first.iter().map(|(k, _)| k).filter(|k| {
        rest.iter().all(|s| s.is_some_and(|s| s.contains_key(k)))
    })))
}

pub(crate) fn sunion(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let sets = load_sets(ks, &c.args[1..])?;
    let mut out: ScanMap<()> = ScanMap::default();
    for s in sets.into_iter().flatten() {
        for (k, _) in s.iter() {
            out.insert(k, ());
        }
    }
    Ok(Reply::bulks(out.iter().map(|(k, _)| k)))
}

pub(crate) fn sdiff(ks: &mut Keyspace, c: &Cmd) -> CmdResult {
    let sets = load_sets(ks, &c.args[1..])?;
    let Some(Some(first)) = sets.first() else {
        return Ok(Reply::Array(vec![]));
    };
    Ok(Reply::bulks(first.iter().map(|(k, _)| k).filter(|k| {
        sets[1..].iter().flatten().all(|s| !s.contains_key(k))
    })))
}
