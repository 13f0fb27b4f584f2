//! The reads the tab starts: the key list's walk (a first screen at once, more as the
//! cursor nears the end), time to live and size of the keys on screen only, the value of
//! the selected key and its further pages, and the countdown's wake-ups.

use super::calls::Call;
use super::format::next_change;
use super::keys::{KeyType, Ttl};
use super::layout::{key_rows, side_by_side};
use super::list::{KeyList, Row};
use super::scan::Scan;
use super::state::DataState;
use super::value::{Body, ValueView};
use super::value_load::{
    Step, field_ttl_command, key_arg, open_commands, page_command, piece_command,
};
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::tab::Tab;
use crate::tui::tab_state::Outcome;

/// Starts the walk again from the first key (a new pattern, type filter, or a refresh),
/// keeping the selected key selected when it comes back.
pub fn restart_scan(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let run = state.next_run();
    let Some(open) = state.open.as_mut() else {
        return;
    };
    if open.restore.is_none() {
        open.restore = open.list.selected_key().map(<[u8]>::to_vec);
    }
    open.generation = run;
    let scan = Scan::new(&open.scan.pattern, open.scan.type_filter);
    open.scan = scan;
    open.list = KeyList::new(open.list.tree, std::mem::take(&mut open.list.expanded));
    open.list.rebuild(&state.delimiters);
    open.error = None;
    open.scan.start_fetch(key_rows(ctx.size));
    send_scan(state, true, ctx, out);
}

/// Loads more keys when the selection is within a page of the end.
pub fn fetch_more_if_near_end(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let rows = key_rows(ctx.size);
    let Some(open) = state.open.as_mut() else {
        return;
    };
    if open.scan.can_fetch() && open.list.selected + rows >= open.list.len() {
        open.scan.start_fetch(rows);
        send_scan(state, false, ctx, out);
    }
}

/// Goes on with a paused or finished-for-now walk (the operator asked).
pub fn fetch_more(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let rows = key_rows(ctx.size);
    let Some(open) = state.open.as_mut() else {
        return;
    };
    if open.scan.done {
        out.toast(
            crate::tui::toast::ToastKind::Info,
            "The scan is complete: every matching key is listed",
        );
    } else if !open.scan.fetching() {
        open.scan.start_fetch(rows);
        send_scan(state, false, ctx, out);
    }
}

/// Sends the next SCAN of the running fetch (with `DBSIZE` when `with_size`).
pub fn send_scan(state: &mut DataState, with_size: bool, ctx: &mut Context, out: &mut Outcome) {
    let Some(open) = state.open.as_ref() else {
        return;
    };
    let mut commands = vec![open.scan.command()];
    if with_size {
        commands.push(vec!["DBSIZE".to_string()]);
    }
    let call = Call::Scan {
        generation: open.generation,
        with_size,
    };
    state
        .calls
        .send(&open.target, call, commands, false, ctx, out);
}

/// Asks time to live and size of the keys on screen that lack them.
pub fn fetch_meta(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let rows = key_rows(ctx.size);
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let list = &mut open.list;
    list.offset = crate::tui::layout::scroll_offset(list.selected, list.offset, rows);
    let mut ids = Vec::new();
    let mut commands = Vec::new();
    for at in list.offset..(list.offset + rows).min(list.len()) {
        let Some(Row::Key { id, .. }) = list.row(at) else {
            continue;
        };
        let Some(name) = key_arg(list.store.name(id)) else {
            continue;
        };
        let Some(entry) = list.store.entry_mut(id) else {
            continue;
        };
        if entry.meta_asked {
            continue;
        }
        entry.meta_asked = true;
        commands.push(vec!["PTTL".to_string(), name.clone()]);
        commands.push(vec!["MEMORY".to_string(), "USAGE".into(), name]);
        ids.push(id);
    }
    if ids.is_empty() {
        return;
    }
    let call = Call::Meta {
        generation: open.generation,
        ids,
    };
    state
        .calls
        .send(&open.target, call, commands, false, ctx, out);
}

/// After the selection moved: keep it in sight, load more keys near the end, read the
/// shown keys' facts, and show the selected key's value beside the list.
pub fn after_move(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    fetch_more_if_near_end(state, ctx, out);
    fetch_meta(state, ctx, out);
    if side_by_side(ctx.size) {
        open_selected_value(state, false, ctx, out);
    }
}

/// Opens the selected key's value unless it is the one shown (`again`: even then).
pub fn open_selected_value(
    state: &mut DataState,
    again: bool,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let Some(open) = state.open.as_ref() else {
        return;
    };
    let Some(id) = open.list.selected_entry() else {
        return;
    };
    let name = open.list.store.name(id).to_vec();
    let kind = open
        .list
        .store
        .entry(id)
        .map_or(KeyType::Unknown, |e| e.kind);
    let same = open.value.as_ref().is_some_and(|v| v.key == name);
    if !same || again {
        open_value(state, name, kind, ctx, out);
    }
}

/// Opens the value of `key`, of type `kind` as far as known.
pub fn open_value(
    state: &mut DataState,
    key: Vec<u8>,
    kind: KeyType,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let mut view = ValueView::loading(key.clone(), kind);
    // A reopened value keeps its place and its view.
    if let Some(old) = open.value.as_ref().filter(|v| v.key == key) {
        view.selected = old.selected;
        view.offset = old.offset;
        if let Body::Str(s) = &old.body {
            view.body = Body::Str(super::string_view::StrValue::with_format(s.format));
        }
    }
    let Some(name) = key_arg(&key) else {
        view.load = super::value::Load::Failed(
            "This key's name is not UTF-8 text, which the REST API cannot send".into(),
        );
        open.value = Some(view);
        return;
    };
    open.value = Some(view);
    let call = Call::Value {
        key,
        step: Step::Open(kind),
    };
    let commands = open_commands(&name, kind);
    state
        .calls
        .send(&open.target, call, commands, false, ctx, out);
}

/// Loads the next page of the value, or the next piece of a string.
pub fn next_value_page(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Some(view) = open.value.as_mut() else {
        return;
    };
    if view.more_loading || !view.has_more() {
        return;
    }
    let Some(name) = key_arg(&view.key) else {
        return;
    };
    let (step, command) = match &view.body {
        Body::Str(s) => {
            let from = s.bytes().len() as u64;
            (Step::Piece(from), piece_command(&name, from))
        }
        _ => match page_command(view, &name) {
            Some(command) => (Step::Page, command),
            None => return,
        },
    };
    view.more_loading = true;
    let call = Call::Value {
        key: view.key.clone(),
        step,
    };
    state
        .calls
        .send(&open.target, call, vec![command], false, ctx, out);
}

/// Asks the time to live of hash fields just loaded.
pub fn fetch_field_ttls(
    state: &mut DataState,
    key: Vec<u8>,
    fields: Vec<Vec<u8>>,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let Some(open) = state.open.as_ref() else {
        return;
    };
    let Some(command) = key_arg(&key).and_then(|n| field_ttl_command(&n, &fields)) else {
        return;
    };
    let call = Call::Value {
        key,
        step: Step::FieldTtls(fields),
    };
    state
        .calls
        .send(&open.target, call, vec![command], false, ctx, out);
}

/// Asks for the next piece while the operator wants the whole string: each piece is its
/// own request, so no frame waits for all of them.
pub fn continue_pieces(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let going_on = state
        .open
        .as_ref()
        .and_then(|o| o.value.as_ref())
        .is_some_and(|v| v.rest && v.has_more() && !v.more_loading);
    if going_on {
        next_value_page(state, ctx, out);
    }
}

/// Milliseconds until a countdown on screen changes, if one is on screen.
fn next_countdown(state: &DataState, ctx: &Context) -> Option<i64> {
    let open = state.open.as_ref()?;
    let now = (ctx.now.unix_timestamp_nanos() / 1_000_000) as i64;
    let left = |ttl: Ttl| match ttl {
        Ttl::ExpiresAt(at) if at > now => Some(next_change(at - now)),
        _ => None,
    };
    let mut soonest = open.value.as_ref().and_then(|v| left(v.ttl));
    if !open.zoomed {
        let rows = key_rows(ctx.size);
        let list = &open.list;
        for at in list.offset..(list.offset + rows).min(list.len()) {
            if let Some(Row::Key { id, .. }) = list.row(at)
                && let Some(ms) = list.store.entry(id).and_then(|e| left(e.ttl))
            {
                soonest = Some(soonest.map_or(ms, |s: i64| s.min(ms)));
            }
        }
    }
    soonest
}

/// Wakes the loop when a countdown on screen next changes (at most once a second).
pub fn schedule_countdown(state: &mut DataState, ctx: &Context, out: &mut Outcome) {
    if ctx.shown != Tab::Data {
        return;
    }
    let Some(ms) = next_countdown(state, ctx) else {
        return;
    };
    // A little after the change, so the text has surely changed when the loop wakes, and
    // a second after the last wake-up at the soonest: countdowns of several keys change at
    // different moments, and are drawn together.
    let mut at = ctx.now + time::Duration::milliseconds(ms.max(1) + 20);
    if let Some(fired) = state.ttl_wake.filter(|w| *w <= ctx.now) {
        at = at.max(fired + time::Duration::SECOND);
    }
    let armed = state.ttl_wake.filter(|w| *w > ctx.now);
    if armed.is_none_or(|w| at < w) {
        state.ttl_wake = Some(at);
        out.effect(Effect::WakeAt(at));
    }
}
