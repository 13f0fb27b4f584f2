//! Writing: write mode per database, the forms of the writes on a key (time to live,
//! rename, new key, delete), the review of a write's exact commands, sending it once the
//! operator said yes, and what its result changes on screen. Outside write mode every
//! write is refused with the way in. Writes on a value's items are `value_writes`.

use super::calls::Call;
use super::form::{Form, FormKind};
use super::keys::KeyType;
use super::loads;
use super::replies::failure;
use super::state::{DataState, Mode, Open};
use super::value::Load;
use super::value_load::key_arg;
use super::write::{self, Purpose, Review};
use crate::redis::Reply;
use crate::tui::context::Context;
use crate::tui::services::{RedisResults, ServiceError, ServiceErrorKind};
use crate::tui::tab_state::Outcome;
use crate::tui::toast::ToastKind;

/// Turns write mode on or off for the open database.
pub fn toggle_write_mode(state: &mut DataState, out: &mut Outcome) {
    let Some(open) = state.open.as_mut() else {
        out.toast(ToastKind::Info, "Open a database first (b in Databases)");
        return;
    };
    open.write = !open.write;
    let name = crate::output::sanitize(&open.database_name).into_owned();
    if open.write {
        out.toast(
            ToastKind::Info,
            format!("Writes allowed for {name}: each shows its commands and asks first"),
        );
    } else {
        out.toast(ToastKind::Info, format!("{name} is read-only again"));
    }
}

/// The open database when writes are allowed; otherwise says how to allow them.
pub(super) fn writable<'a>(state: &'a mut DataState, out: &mut Outcome) -> Option<&'a mut Open> {
    let open = state.open.as_mut()?;
    if !open.write {
        let name = crate::output::sanitize(&open.database_name).into_owned();
        out.toast(
            ToastKind::Info,
            format!("{name} is read-only: press w to allow writes"),
        );
        return None;
    }
    Some(open)
}

/// The key the write is about, as text (the REST API cannot name other keys).
pub(super) fn key_text(key: &[u8], out: &mut Outcome) -> Option<String> {
    let text = key_arg(key);
    if text.is_none() {
        out.toast(
            ToastKind::Error,
            "This key's name is not UTF-8 text, which the REST API cannot send",
        );
    }
    text
}

/// Opens a form (write mode only).
pub(super) fn form(
    state: &mut DataState,
    make: impl FnOnce(&Open) -> Option<Form>,
    out: &mut Outcome,
) {
    let Some(open) = writable(state, out) else {
        return;
    };
    if let Some(form) = make(open) {
        open.mode = Mode::Form(form);
    }
}

/// `x`: the time to live of the current key.
pub fn set_ttl(state: &mut DataState, out: &mut Outcome) {
    let key = state.open.as_ref().and_then(Open::current_key);
    let Some(name) = key.and_then(|k| key_text(&k, out)) else {
        return;
    };
    form(
        state,
        |_| {
            let title = format!("Time to live of {}", write::shown_key(name.as_bytes()));
            Some(Form::new(
                FormKind::Ttl,
                &name,
                title,
                &[("30s, 15m, 2h, 7d or persist", "")],
            ))
        },
        out,
    );
}

/// `n`: a new name for the current key.
pub fn rename_key(state: &mut DataState, out: &mut Outcome) {
    let key = state.open.as_ref().and_then(Open::current_key);
    let Some(name) = key.and_then(|k| key_text(&k, out)) else {
        return;
    };
    form(
        state,
        |_| {
            let title = format!("Rename {}", write::shown_key(name.as_bytes()));
            Some(Form::new(
                FormKind::Rename,
                &name,
                title,
                &[("new name", &name)],
            ))
        },
        out,
    );
}

/// `c`: a new key.
pub fn add_key(state: &mut DataState, out: &mut Outcome) {
    form(state, |_| Some(Form::add_key()), out);
}

/// `d` on the key list: delete the selected key.
pub fn delete_key(state: &mut DataState, out: &mut Outcome) {
    let key = state
        .open
        .as_ref()
        .and_then(|o| o.list.selected_key().map(<[u8]>::to_vec));
    let Some(name) = key.and_then(|k| key_text(&k, out)) else {
        return;
    };
    if let Some(open) = writable(state, out) {
        open.mode = Mode::Review(write::delete_key(&name));
        open.review_from_console = false;
    }
}

/// Enter on a form: its review, or (a new key) first whether the name is free.
pub fn submit_form(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Mode::Form(form) = &mut open.mode else {
        return;
    };
    match form.submit() {
        Err(why) => form.error = Some(why),
        Ok(review) if form.kind == FormKind::AddKey => {
            let Purpose::AddKey { key, .. } = &review.purpose else {
                return;
            };
            let name = String::from_utf8_lossy(key).into_owned();
            let call = Call::Exists(review);
            let target = open.target.clone();
            state.calls.send(
                &target,
                call,
                vec![vec!["EXISTS".into(), name]],
                false,
                ctx,
                out,
            );
        }
        Ok(review) => {
            open.mode = Mode::Review(review);
            open.review_from_console = false;
        }
    }
}

/// Whether a new key's name is free: its review opens, or the form says it is taken.
pub fn name_checked(
    state: &mut DataState,
    review: Review,
    result: Result<RedisResults, ServiceError>,
) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Mode::Form(form) = &mut open.mode else {
        return;
    };
    let exists = match &result {
        Ok(results) => results
            .first()
            .and_then(|r| r.as_ref().ok())
            .and_then(Reply::as_int),
        Err(e) => {
            form.error = Some(failure(e));
            return;
        }
    };
    if exists == Some(0) {
        open.mode = Mode::Review(review);
        open.review_from_console = false;
    } else {
        form.error = Some("a key with this name exists; pick another name".into());
    }
}

/// Enter on a review: send it.
pub fn send_review(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Mode::Review(review) = std::mem::take(&mut open.mode) else {
        return;
    };
    if open.review_from_console {
        open.mode = Mode::Console;
        open.console.running = true;
    }
    let (commands, atomic) = (review.commands.clone(), review.atomic);
    let target = open.target.clone();
    state
        .calls
        .send(&target, Call::Write(review), commands, atomic, ctx, out);
}

/// Esc on a review: nothing is sent.
pub fn cancel_review(state: &mut DataState, out: &mut Outcome) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    open.mode = if open.review_from_console {
        open.console
            .push(super::console::LineKind::Note, "Not sent.");
        Mode::Console
    } else {
        Mode::Keys
    };
    out.toast(ToastKind::Info, "Not sent");
}

/// A write's results: said in a toast (or on the command line), then what it changed is
/// read again.
pub fn written(
    state: &mut DataState,
    review: Review,
    here: bool,
    result: Result<RedisResults, ServiceError>,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let title = review.title.clone();
    let results = match result {
        Ok(r) => r,
        Err(e) => {
            let text = failure(&e);
            let text = if e.kind == ServiceErrorKind::Unavailable {
                format!("{title}: no answer ({text}); it may or may not have run")
            } else {
                format!("{title} failed: {text}")
            };
            if let (true, Purpose::Console(_)) = (here, &review.purpose)
                && let Some(open) = state.open.as_mut()
            {
                open.console.running = false;
                open.console
                    .push(super::console::LineKind::Error, format!("(error) {text}"));
            }
            out.toast(ToastKind::Error, text);
            return;
        }
    };
    if let Purpose::Console(_) = review.purpose {
        if let (true, Some(open)) = (here, state.open.as_mut()) {
            open.console.running = false;
            for r in &results {
                open.console.push_result(r);
            }
        }
        return;
    }
    if let Some(e) = results.iter().find_map(|r| r.as_ref().err()) {
        let text = crate::output::sanitize(&e.to_string()).into_owned();
        out.toast(ToastKind::Error, format!("{title} failed: {text}"));
    } else if let Some(why) = refused_by_result(&review.purpose, results.first()) {
        out.toast(ToastKind::Error, format!("{title}: {why}"));
        return;
    } else {
        out.toast(ToastKind::Success, format!("Done: {title}"));
    }
    if here {
        refresh_after(state, review.purpose, ctx, out);
    }
}

/// Why a write that answered did nothing (a name taken, a key already gone).
fn refused_by_result(
    purpose: &Purpose,
    first: Option<&Result<Reply, crate::redis::RedisError>>,
) -> Option<&'static str> {
    let reply = first?.as_ref().ok()?;
    match (purpose, reply) {
        (Purpose::Rename { .. }, Reply::Int(0)) => {
            Some("not renamed: a key with the new name exists")
        }
        (Purpose::AddKey { .. }, Reply::Nil) => Some("not added: a key with this name exists"),
        (Purpose::DeleteKey(_), Reply::Int(0)) => Some("the key was already gone"),
        _ => None,
    }
}

/// Reads again what a write changed.
fn refresh_after(state: &mut DataState, purpose: Purpose, ctx: &mut Context, out: &mut Outcome) {
    let delimiters = state.delimiters.clone();
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let forget_meta = |open: &mut Open, key: &[u8]| {
        if let Some(entry) = open
            .list
            .store
            .find(key)
            .and_then(|id| open.list.store.entry_mut(id))
        {
            entry.meta_asked = false;
        }
    };
    match purpose {
        Purpose::Value(key) | Purpose::Ttl(key) => {
            forget_meta(open, &key);
            let kind = open.value.as_ref().filter(|v| v.key == key).map(|v| v.kind);
            if let Some(kind) = kind {
                loads::open_value(state, key, kind, ctx, out);
            }
        }
        Purpose::Rename { from, to } => {
            let kind = open
                .list
                .store
                .find(&from)
                .and_then(|id| open.list.store.entry(id))
                .map_or(KeyType::Unknown, |e| e.kind);
            open.list.remove_key(&from, &delimiters);
            open.list.add_page(vec![(to.clone(), kind)], &delimiters);
            open.list.select_key(&to);
            let showing = open.value.as_ref().is_some_and(|v| v.key == from);
            if showing {
                loads::open_value(state, to, kind, ctx, out);
            }
        }
        Purpose::AddKey { key, kind } => {
            open.list.add_page(vec![(key.clone(), kind)], &delimiters);
            open.list.select_key(&key);
            loads::open_value(state, key, kind, ctx, out);
        }
        Purpose::DeleteKey(key) => {
            open.list.remove_key(&key, &delimiters);
            if open.value.as_ref().is_some_and(|v| v.key == key) {
                if let Some(v) = open.value.as_mut() {
                    v.load = Load::Gone;
                }
                open.zoomed = false;
            }
        }
        Purpose::Console(_) => {}
    }
    loads::after_move(state, ctx, out);
}
