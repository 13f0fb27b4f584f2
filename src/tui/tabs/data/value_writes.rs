//! Writes on the value shown: editing the string, the document or the selected item (in a
//! one-line form or in `$EDITOR`), adding an item, removing one. Each ends in a review.

use super::form::{Form, FormKind};
use super::keys::KeyType;
use super::replies::failure;
use super::state::{DataState, Editing, Mode};
use super::value::{Body, Item};
use super::write;
use super::writes::{form, key_text, writable};
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::request::RequestId;
use crate::tui::services::ServiceError;
use crate::tui::tab_state::Outcome;
use crate::tui::toast::ToastKind;

/// Strings longer than this are edited in `$EDITOR`, not in the one-line form.
const INLINE_EDIT_LIMIT: usize = 4096;

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
            let title = format!("{} in {shown}", write::shown_key(m.as_bytes()));
            let fields = [("member", m.as_str()), ("score", score.as_str())];
            Form::new(FormKind::EditScored(m.clone()), key, title, &fields)
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
