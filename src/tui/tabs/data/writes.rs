//! Writing: write mode per database, the form or editor each write starts from, the review
//! of its exact commands, sending it once the operator said yes, and what its result
//! changes on screen. Outside write mode every write is refused with the way in.

use super::calls::Call;
use super::form::{Form, FormKind};
use super::keys::KeyType;
use super::loads;
use super::replies::failure;
use super::state::{DataState, Editing, Mode, Open};
use super::value::{Body, Item, Load};
use super::value_load::key_arg;
use super::write::{self, Purpose, Review};
use crate::redis::Reply;
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::request::RequestId;
use crate::tui::services::{RedisResults, ServiceError, ServiceErrorKind};
use crate::tui::tab_state::Outcome;
use crate::tui::toast::ToastKind;

/// Strings longer than this are edited in `$EDITOR`, not in the one-line form.
const INLINE_EDIT_LIMIT: usize = 4096;

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
fn writable<'a>(state: &'a mut DataState, out: &mut Outcome) -> Option<&'a mut Open> {
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
fn key_text(key: &[u8], out: &mut Outcome) -> Option<String> {
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
fn form(state: &mut DataState, make: impl FnOnce(&Open) -> Option<Form>, out: &mut Outcome) {
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

/// `e`: edit the string, the document or the selected item in a one-line form.
pub fn edit_value(state: &mut DataState, out: &mut Outcome) {
    let Some(view) = state.open.as_ref().and_then(|o| o.value.clone()) else {
        return;
    };
    let Some(key) = key_text(&view.key, out) else {
        return;
    };
    let shown = write::shown_key(&view.key);
    let text = |b: &[u8]| std::str::from_utf8(b).ok().map(str::to_string);
    let made = match (&view.body, view.selected_item()) {
        (Body::Str(s), _) => match text(s.bytes()) {
            Some(t) if s.complete() && t.len() <= INLINE_EDIT_LIMIT && !t.contains('\n') => {
                Ok(Form::new(
                    FormKind::EditString,
                    &key,
                    format!("Value of {shown}"),
                    &[("value", &t)],
                ))
            }
            _ => Err("This value is long, multi-line or not text: E edits it in $EDITOR"),
        },
        (Body::Json(doc), _) => match text(doc) {
            Some(t) if t.len() <= INLINE_EDIT_LIMIT => {
                let compact: String = t.lines().map(str::trim).collect();
                Ok(Form::new(
                    FormKind::EditJson,
                    &key,
                    format!("Document of {shown}"),
                    &[("JSON", &compact)],
                ))
            }
            _ => Err("This document is long: E edits it in $EDITOR"),
        },
        (_, Some(item)) => item_form(&key, &shown, item),
        _ => Err("Nothing to edit here"),
    };
    match made {
        Ok(f) => form(state, |_| Some(f), out),
        Err(why) => out.toast(ToastKind::Info, why),
    }
}

/// The form that changes one item.
fn item_form(key: &str, shown: &str, item: &Item) -> Result<Form, &'static str> {
    let text = |b: &[u8]| {
        std::str::from_utf8(b)
            .map(str::to_string)
            .map_err(|_| "This item is not text")
    };
    Ok(match item {
        Item::Field { field, value, .. } => {
            let field = text(field)?;
            let title = format!("Field {} of {shown}", write::shown_key(field.as_bytes()));
            Form::new(
                FormKind::EditField(field),
                key,
                title,
                &[("value", &text(value)?)],
            )
        }
        Item::Element { index, value } => {
            let title = format!("Element {index} of {shown}");
            Form::new(
                FormKind::EditElement(*index),
                key,
                title,
                &[("value", &text(value)?)],
            )
        }
        Item::Member(m) => {
            let m = text(m)?;
            Form::new(
                FormKind::EditMember(m.clone()),
                key,
                format!("Member of {shown}"),
                &[("member", &m)],
            )
        }
        Item::Scored { member, score } => {
            let m = text(member)?;
            let title = format!("Score of {} in {shown}", write::shown_key(m.as_bytes()));
            Form::new(FormKind::EditScore(m), key, title, &[("score", score)])
        }
        Item::Entry { .. } => return Err("Stream entries do not change: a adds one"),
    })
}

/// `a`: add a field, element, member or entry to the value.
pub fn add_item(state: &mut DataState, out: &mut Outcome) {
    let Some(view) = state.open.as_ref().and_then(|o| o.value.clone()) else {
        return;
    };
    let Some(key) = key_text(&view.key, out) else {
        return;
    };
    let shown = write::shown_key(&view.key);
    let (kind, labels): (FormKind, &[(&'static str, &str)]) = match view.kind {
        KeyType::Hash => (FormKind::AddField, &[("field", ""), ("value", "")]),
        KeyType::List => (FormKind::AddElement, &[("element (appended)", "")]),
        KeyType::Set => (FormKind::AddMember, &[("member", "")]),
        KeyType::ZSet => (FormKind::AddScored, &[("member", ""), ("score", "")]),
        KeyType::Stream => (FormKind::AddEntry, &[("field value field value …", "")]),
        _ => {
            out.toast(
                ToastKind::Info,
                "Items are added to hashes, lists, sets, sorted sets and streams",
            );
            return;
        }
    };
    form(
        state,
        |_| Some(Form::new(kind, &key, format!("Add to {shown}"), labels)),
        out,
    );
}

/// `d` on a value: delete the selected item (a string or document: the key).
pub fn delete_item(state: &mut DataState, ctx: &Context, out: &mut Outcome) {
    let Some(view) = state.open.as_ref().and_then(|o| o.value.clone()) else {
        return;
    };
    let Some(key) = key_text(&view.key, out) else {
        return;
    };
    let text = |b: &[u8]| std::str::from_utf8(b).ok().map(str::to_string);
    let review = match (view.rows(), view.selected_item()) {
        (None, _) => Some(write::delete_key(&key)),
        (Some(_), None) => None,
        (Some(_), Some(item)) => match item {
            Item::Field { field, .. } => text(field).map(|f| write::hash_delete(&key, &f)),
            Item::Element { index, .. } => {
                let marker = format!("__updash_removed_{}__", ctx.now.unix_timestamp_nanos());
                Some(write::list_remove(&key, *index, &marker))
            }
            Item::Member(m) => text(m).map(|m| write::set_remove(&key, &m)),
            Item::Scored { member, .. } => text(member).map(|m| write::zset_remove(&key, &m)),
            Item::Entry { id, .. } => Some(write::stream_delete(&key, id)),
        },
    };
    let Some(review) = review else {
        out.toast(
            ToastKind::Info,
            "Nothing selected that the REST API can name",
        );
        return;
    };
    if let Some(open) = writable(state, out) {
        open.mode = Mode::Review(review);
        open.review_from_console = false;
    }
}

/// `E`: the string, document, field value or element in `$EDITOR`.
pub fn edit_in_editor(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let Some(view) = state.open.as_ref().and_then(|o| o.value.clone()) else {
        return;
    };
    let Some(key) = key_text(&view.key, out) else {
        return;
    };
    let text = |b: &[u8]| std::str::from_utf8(b).ok().map(str::to_string);
    let (kind, start) = match (&view.body, view.selected_item()) {
        (Body::Str(s), _) if !s.complete() => {
            out.toast(ToastKind::Info, "Load the whole value first (m)");
            return;
        }
        (Body::Str(s), _) => (FormKind::EditString, text(s.bytes())),
        (Body::Json(doc), _) => (FormKind::EditJson, text(doc)),
        (_, Some(Item::Field { field, value, .. })) => match text(field) {
            Some(f) => (FormKind::EditField(f), text(value)),
            None => (FormKind::EditString, None),
        },
        (_, Some(Item::Element { index, value })) => (FormKind::EditElement(*index), text(value)),
        _ => {
            out.toast(
                ToastKind::Info,
                "E edits strings, documents, hash values and list elements",
            );
            return;
        }
    };
    let Some(start) = start else {
        out.toast(
            ToastKind::Info,
            "This value is not text: it cannot be edited as text",
        );
        return;
    };
    let Some(open) = writable(state, out) else {
        return;
    };
    let request = ctx.request();
    open.editing = Some(Editing { request, key, kind });
    out.effect(Effect::EditText {
        request,
        text: start,
    });
}

/// The editor's answer: the edited text goes through the form's checks to a review.
pub fn edited(
    state: &mut DataState,
    request: RequestId,
    result: Result<Option<String>, ServiceError>,
    out: &mut Outcome,
) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Some(editing) = open.editing.take().filter(|e| e.request == request) else {
        return;
    };
    match result {
        Ok(None) => out.toast(ToastKind::Info, "Unchanged: nothing to send"),
        Ok(Some(text)) => {
            let text = if matches!(editing.kind, FormKind::EditJson) {
                text
            } else {
                // Editors end files with a newline the value did not have.
                text.strip_suffix('\n').unwrap_or(&text).to_string()
            };
            match super::form::edited_review(&editing.kind, &editing.key, &text) {
                Ok(review) => {
                    open.mode = Mode::Review(review);
                    open.review_from_console = false;
                }
                Err(why) => out.toast(ToastKind::Error, format!("Not sent: {why}")),
            }
        }
        Err(e) => out.toast(ToastKind::Error, failure(&e)),
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
