//! The long walks through a keyspace: the big-key sample and the bulk delete. Each step is
//! one request; its answer starts the next, so both show progress and stop at once when
//! the operator says so (an answer to a stopped run is dropped).

use super::bigkeys::{BigKeys, Progress};
use super::bulk::{Bulk, Phase};
use super::calls::Call;
use super::keys::KeyType;
use super::loads;
use super::replies::failure;
use super::scan::Scan;
use super::state::{DataState, Mode};
use super::value_load::{in_words, key_arg};
use crate::redis::Reply;
use crate::tui::context::Context;
use crate::tui::services::{RedisResults, ServiceError};
use crate::tui::tab_state::Outcome;
use crate::tui::text_input::TextInput;
use crate::tui::toast::ToastKind;

/// `B`: starts a big-key sample.
pub fn start_big_keys(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let run = state.next_run();
    let Some(open) = state.open.as_mut() else {
        out.toast(ToastKind::Info, "Open a database first (b in Databases)");
        return;
    };
    let big = BigKeys::new(run, open.scan.dbsize);
    let command = big.scan_command();
    open.bigkeys = Some(big);
    open.mode = Mode::BigKeys;
    let call = Call::BigKeys {
        run,
        measuring: Vec::new(),
    };
    let target = open.target.clone();
    state
        .calls
        .send(&target, call, vec![command], false, ctx, out);
}

/// Stops a running sample (what it found stays).
pub fn stop_big_keys(state: &mut DataState) {
    if let Some(big) = state.open.as_mut().and_then(|o| o.bigkeys.as_mut())
        && big.progress == Progress::Running
    {
        big.progress = Progress::Stopped;
    }
}

/// One step of a sample answered: a SCAN page (then its sizes) or the sizes (then the
/// next page).
pub fn sampled(
    state: &mut DataState,
    run: u64,
    measuring: Vec<(Vec<u8>, KeyType)>,
    result: Result<RedisResults, ServiceError>,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let delimiters = state.delimiters.clone();
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Some(big) = open
        .bigkeys
        .as_mut()
        .filter(|b| b.run == run && b.progress == Progress::Running)
    else {
        return;
    };
    let results = match result {
        Ok(r) => r,
        Err(e) => {
            big.progress = Progress::Failed(failure(&e));
            return;
        }
    };
    let next = if measuring.is_empty() {
        let mut walk = Scan::new("*", None);
        let page = match results.first() {
            Some(Ok(reply)) => walk.take_page(reply),
            Some(Err(e)) => {
                big.progress = Progress::Failed(in_words(e));
                return;
            }
            None => None,
        };
        let Some(page) = page else {
            big.progress = Progress::Failed("SCAN answered something that is not a page".into());
            return;
        };
        big.cursor = walk.cursor;
        let room = (super::bigkeys::SAMPLE - big.sampled) as usize;
        let keys: Vec<(Vec<u8>, KeyType)> = page
            .into_iter()
            .filter(|(k, _)| key_arg(k).is_some())
            .take(room)
            .collect();
        if keys.is_empty() {
            big.wants_more()
                .then(|| (vec![big.scan_command()], Vec::new()))
        } else {
            let commands: Vec<Vec<String>> = keys
                .iter()
                .filter_map(|(k, _)| Some(vec!["MEMORY".into(), "USAGE".into(), key_arg(k)?]))
                .collect();
            Some((commands, keys))
        }
    } else {
        let measured = measuring
            .into_iter()
            .zip(&results)
            .map(|((k, t), r)| {
                let bytes = r.as_ref().ok().and_then(Reply::as_int).unwrap_or(0).max(0) as u64;
                (k, t, bytes)
            })
            .collect();
        big.add(measured, &delimiters);
        big.wants_more()
            .then(|| (vec![big.scan_command()], Vec::new()))
    };
    let Some((commands, keys)) = next else {
        big.progress = Progress::Done;
        return;
    };
    let call = Call::BigKeys {
        run,
        measuring: keys,
    };
    let target = open.target.clone();
    state.calls.send(&target, call, commands, false, ctx, out);
}

/// `D`: counts the keys of the pattern, then asks to type it.
pub fn start_bulk(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let run = state.next_run();
    let Some(open) = state.open.as_mut() else {
        return;
    };
    if !open.write {
        let name = crate::output::sanitize(&open.database_name).into_owned();
        out.toast(
            ToastKind::Info,
            format!("{name} is read-only: press w to allow writes"),
        );
        return;
    }
    let mut bulk = Bulk::new(run, &open.scan);
    open.mode = Mode::Bulk;
    // Every key matches "*": DBSIZE counts them without a walk.
    if !open.scan.filtered()
        && let Some(n) = open.scan.dbsize
    {
        bulk.matched = n;
        bulk.phase = Phase::Confirm(TextInput::new(false));
        open.bulk = Some(bulk);
        return;
    }
    let command = bulk.walk.command();
    open.bulk = Some(bulk);
    let call = Call::Bulk { run, unlinking: 0 };
    let target = open.target.clone();
    state
        .calls
        .send(&target, call, vec![command], false, ctx, out);
}

/// Enter during a bulk delete: once the pattern is typed, the deleting walk starts.
pub fn confirm_bulk(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Some(bulk) = open.bulk.as_mut() else {
        return;
    };
    match &bulk.phase {
        Phase::Confirm(_) if bulk.confirmed() => {
            bulk.start_deleting();
            let call = Call::Bulk {
                run: bulk.run,
                unlinking: 0,
            };
            let command = bulk.walk.command();
            let target = open.target.clone();
            state
                .calls
                .send(&target, call, vec![command], false, ctx, out);
        }
        Phase::Confirm(_) => out.toast(ToastKind::Info, "Type the pattern exactly to delete"),
        Phase::Done | Phase::Stopped | Phase::Failed(_) => open.mode = Mode::Keys,
        Phase::Counting | Phase::Deleting => {}
    }
}

/// Esc during a bulk delete: stop (after the request in flight) or close.
pub fn stop_bulk(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Some(bulk) = open.bulk.as_mut() else {
        open.mode = Mode::Keys;
        return;
    };
    match bulk.phase {
        Phase::Counting | Phase::Confirm(_) => open.mode = Mode::Keys,
        Phase::Deleting => {
            bulk.phase = Phase::Stopped;
            out.toast(
                ToastKind::Info,
                format!("Stopped after deleting {} keys", bulk.deleted),
            );
        }
        Phase::Done | Phase::Stopped | Phase::Failed(_) => {
            open.mode = Mode::Keys;
            let deleted = bulk.deleted > 0;
            if deleted {
                loads::restart_scan(state, ctx, out);
            }
            return;
        }
    }
    if matches!(open.mode, Mode::Keys) {
        open.bulk = None;
    }
}

/// One step of a bulk delete answered: a SCAN page (count it, or unlink its keys) or an
/// UNLINK (then the next page).
pub fn bulk_step(
    state: &mut DataState,
    run: u64,
    unlinking: u64,
    result: Result<RedisResults, ServiceError>,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Some(bulk) = open.bulk.as_mut().filter(|b| b.run == run && b.running()) else {
        return;
    };
    let results = match result {
        Ok(r) => r,
        Err(e) => {
            bulk.phase = Phase::Failed(failure(&e));
            return;
        }
    };
    let first = match results.first() {
        Some(Ok(reply)) => reply.clone(),
        Some(Err(e)) => {
            bulk.phase = Phase::Failed(in_words(e));
            return;
        }
        None => return,
    };
    let mut command = None;
    if unlinking > 0 {
        bulk.deleted += first.as_int().unwrap_or(0).max(0) as u64;
        if !bulk.walk.done {
            command = Some((bulk.walk.command(), 0));
        }
    } else {
        let Some(page) = bulk.walk.take_page(&first) else {
            bulk.phase = Phase::Failed("SCAN answered something that is not a page".into());
            return;
        };
        match bulk.phase {
            Phase::Counting => {
                bulk.matched += page.len() as u64;
                if bulk.walk.done && bulk.matched == 0 {
                    bulk.phase = Phase::Failed("no key matches: nothing to delete".into());
                } else if bulk.walk.done {
                    bulk.phase = Phase::Confirm(TextInput::new(false));
                } else {
                    command = Some((bulk.walk.command(), 0));
                }
            }
            _ => {
                let mut unlink = vec!["UNLINK".to_string()];
                unlink.extend(page.iter().filter_map(|(k, _)| key_arg(k)));
                let n = (unlink.len() - 1) as u64;
                if n > 0 {
                    command = Some((unlink, n));
                } else if !bulk.walk.done {
                    command = Some((bulk.walk.command(), 0));
                }
            }
        }
    }
    match command {
        Some((command, unlinking)) => {
            let call = Call::Bulk { run, unlinking };
            let target = open.target.clone();
            state
                .calls
                .send(&target, call, vec![command], false, ctx, out);
        }
        None if matches!(bulk.phase, Phase::Deleting) => {
            bulk.phase = Phase::Done;
            out.toast(
                ToastKind::Success,
                format!("Deleted {} {}", bulk.deleted, bulk.what()),
            );
        }
        None => {}
    }
}
