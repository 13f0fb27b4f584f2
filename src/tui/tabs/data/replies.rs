//! What the tab does with its answers: SCAN pages into the key list, facts of shown keys,
//! parts of the value, the editor's text, the history, and the results of writes, console
//! commands, big-key samples and bulk deletes. Answers nobody waits for are dropped; a
//! failure is said in words and the tab keeps working.

use super::calls::Call;
use super::keys::{KeyType, Ttl};
use super::loads;
use super::state::DataState;
use super::value::Load;
use super::value_load::{self, FollowUp, Step};
use super::{sampling, value_writes, writes};
use crate::redis::Reply;
use crate::tui::action::Answer;
use crate::tui::context::Context;
use crate::tui::request::RequestId;
use crate::tui::services::{RedisResults, ServiceError, ServiceErrorKind};
use crate::tui::tab_state::Outcome;

/// Takes the answer to `request`.
pub fn answered(
    state: &mut DataState,
    request: RequestId,
    answer: Answer,
    ctx: &mut Context,
) -> Outcome {
    let mut out = Outcome::default();
    match answer {
        Answer::RedisDone(result) => {
            if let Some((target, call)) = state.calls.take(request) {
                let here = state.open.as_ref().is_some_and(|o| o.target == target);
                match (call, here) {
                    // A write's outcome is said even when another database is shown.
                    (Call::Write(review), _) => {
                        writes::written(state, review, here, result, ctx, &mut out)
                    }
                    (_, false) => {}
                    (call, true) => take(state, call, result, ctx, &mut out),
                }
            }
        }
        Answer::Edited(result) => value_writes::edited(state, request, result, &mut out),
        Answer::HistoryLoaded(Ok(mut lines)) => {
            lines.append(&mut state.history);
            state.history = lines;
        }
        Answer::HistoryLoaded(Err(e)) => {
            tracing::debug!("no console history: {e}");
        }
        _ => {}
    }
    out
}

/// A failed request in words; a token refused even after fetching it again says so.
pub fn failure(e: &ServiceError) -> String {
    let text = crate::output::sanitize(&e.message).into_owned();
    if e.kind == ServiceErrorKind::NeedsSignIn {
        format!("{text}. updash fetched the token again once; it was still refused")
    } else {
        text
    }
}

fn take(
    state: &mut DataState,
    call: Call,
    result: Result<RedisResults, ServiceError>,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    match call {
        Call::Scan {
            generation,
            with_size,
        } => scanned(state, generation, with_size, result, ctx, out),
        Call::Meta { generation, ids } => {
            let Some(open) = state.open.as_mut().filter(|o| o.generation == generation) else {
                return;
            };
            let Ok(results) = result else { return };
            let now = ctx.now.unix_timestamp() * 1000;
            for (id, pair) in ids.iter().zip(results.chunks(2)) {
                let Some(entry) = open.list.store.entry_mut(*id) else {
                    continue;
                };
                let int = |i: usize| {
                    pair.get(i)
                        .and_then(|r| r.as_ref().ok())
                        .and_then(Reply::as_int)
                };
                match int(0) {
                    Some(-2) => entry.gone = true,
                    Some(ms) if ms >= 0 => entry.ttl = Ttl::ExpiresAt(now + ms),
                    Some(_) => entry.ttl = Ttl::Persistent,
                    None => {}
                }
                entry.size = int(1).map(|n| n.max(0) as u64);
            }
        }
        Call::Value { key, step } => value_part(state, key, step, result, ctx, out),
        Call::Exists(review) => writes::name_checked(state, review, result),
        Call::Write(_) => {}
        Call::Console => {
            let Some(open) = state.open.as_mut() else {
                return;
            };
            open.console.running = false;
            match result {
                Ok(results) => {
                    for r in &results {
                        open.console.push_result(r);
                    }
                }
                Err(e) => open.console.push(
                    super::console::LineKind::Error,
                    format!("(error) {}", failure(&e)),
                ),
            }
        }
        Call::BigKeys { run, measuring } => {
            sampling::sampled(state, run, measuring, result, ctx, out)
        }
        Call::Bulk { run, unlinking } => {
            sampling::bulk_step(state, run, unlinking, result, ctx, out)
        }
    }
}

fn scanned(
    state: &mut DataState,
    generation: u64,
    with_size: bool,
    result: Result<RedisResults, ServiceError>,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let Some(open) = state.open.as_mut().filter(|o| o.generation == generation) else {
        return;
    };
    let results = match result {
        Ok(r) => r,
        Err(e) => {
            open.error = Some(failure(&e));
            open.scan.wanted = 0;
            return;
        }
    };
    if with_size && let Some(Ok(n)) = results.get(1) {
        open.scan.dbsize = n.as_int().map(|n| n.max(0) as u64);
    }
    let page = match results.first() {
        Some(Ok(reply)) => open.scan.take_page(reply),
        Some(Err(e)) => {
            open.error = Some(value_load::in_words(e));
            open.scan.wanted = 0;
            return;
        }
        None => None,
    };
    let Some(page) = page else {
        open.error = Some("SCAN answered something that is not a page".into());
        open.scan.wanted = 0;
        return;
    };
    open.error = None;
    let added = open.list.add_page(page, &state.delimiters);
    if let Some(name) = open.restore.clone()
        && open.list.select_key(&name)
    {
        open.restore = None;
    }
    let again = open.scan.go_on_after(added);
    if again {
        loads::send_scan(state, false, ctx, out);
    } else if let Some(open) = state.open.as_mut() {
        // The remembered key did not come in this walk's first pages: stop looking.
        if !open.scan.fetching() {
            open.restore = None;
        }
    }
    loads::after_move(state, ctx, out);
}

fn value_part(
    state: &mut DataState,
    key: Vec<u8>,
    step: Step,
    result: Result<RedisResults, ServiceError>,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let now = ctx.now.unix_timestamp() * 1000;
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Some(view) = open.value.as_mut().filter(|v| v.key == key) else {
        return;
    };
    let results = match result {
        Ok(r) => r,
        Err(e) => {
            match step {
                Step::Open(_) => view.load = Load::Failed(failure(&e)),
                _ => {
                    view.note = Some(failure(&e));
                    view.more_loading = false;
                    view.rest = false;
                }
            }
            return;
        }
    };
    let follow = match &step {
        Step::Open(kind) => value_load::take_open(view, *kind, &results, now),
        Step::Page => value_load::take_page(view, &results),
        Step::FieldTtls(fields) => {
            value_load::take_field_ttls(view, fields, &results);
            FollowUp::None
        }
        Step::Piece(from) => {
            value_load::take_piece(view, *from, &results);
            FollowUp::None
        }
    };
    // The key list learns what the value found (gone, type, time to live, size).
    let (gone, kind, ttl, size) = (view.load == Load::Gone, view.kind, view.ttl, view.size);
    if let Some(id) = open.list.store.find(&key)
        && let Some(entry) = open.list.store.entry_mut(id)
        && matches!(step, Step::Open(_))
    {
        entry.gone = gone;
        if !gone && kind != KeyType::Unknown {
            entry.kind = kind;
            entry.ttl = ttl;
            entry.size = size.or(entry.size);
        }
    }
    match follow {
        FollowUp::None => {}
        FollowUp::Reopen(kind) => loads::open_value(state, key, kind, ctx, out),
        FollowUp::FieldTtls(fields) => loads::fetch_field_ttls(state, key, fields, ctx, out),
    }
    if matches!(step, Step::Piece(_)) {
        loads::continue_pieces(state, ctx, out);
    }
}
