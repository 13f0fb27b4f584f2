//! Keys of the value on the whole tab: scrolling a text or a hex dump, moving through
//! items (the next page loads as the selection nears the end), the string's view, loading
//! the rest, copying, and the writes on the value.

use super::layout::{hex_per_row, value_rows, value_width};
use super::state::DataState;
use super::string_view::Shown;
use super::value::Body;
use super::{console_run, loads, text, value_writes, writes};
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;
use crate::tui::list::move_selection;
use crate::tui::tab_state::Outcome;
use crate::tui::toast::ToastKind;

/// The most a copy sends: OSC 52 carries base64, and terminals refuse much beyond 100 KB.
pub const COPY_LIMIT: usize = 74_000;

/// A command while the value fills the tab.
pub fn command(state: &mut DataState, command: Command, ctx: &mut Context, out: &mut Outcome) {
    let rows = value_rows(ctx.size, true);
    let width = value_width(ctx.size, true);
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Some(view) = open.value.as_mut() else {
        open.zoomed = false;
        return;
    };
    if scroll(view, command, rows, width) {
        let near_end = view
            .rows()
            .is_some_and(|r| view.selected + rows >= r.items.len());
        if near_end && view.has_more() && view.string().is_none() {
            loads::next_value_page(state, ctx, out);
        }
        return;
    }
    match command {
        Command::Back => open.zoomed = false,
        Command::CycleFormat => match &mut view.body {
            Body::Str(s) => {
                let next = s.format.next();
                s.set_format(next);
                view.offset = 0;
            }
            _ => out.toast(ToastKind::Info, "Views are for strings"),
        },
        Command::LoadMore => {
            if view.has_more() {
                view.rest = view.string().is_some();
                loads::next_value_page(state, ctx, out);
            } else {
                out.toast(ToastKind::Info, "Everything is loaded");
            }
        }
        Command::Refresh => {
            let (key, kind) = (view.key.clone(), view.kind);
            loads::open_value(state, key, kind, ctx, out);
        }
        Command::Copy => copy_value(state, out),
        Command::WriteMode => writes::toggle_write_mode(state, out),
        Command::SetTtl => writes::set_ttl(state, out),
        Command::RenameKey => writes::rename_key(state, out),
        Command::EditValue => value_writes::edit_value(state, out),
        Command::EditInEditor => value_writes::edit_in_editor(state, ctx, out),
        Command::AddItem => value_writes::add_item(state, out),
        Command::DeleteItem => value_writes::delete_item(state, ctx, out),
        Command::Console => console_run::open(state, ctx, out),
        _ => {}
    }
}

/// Moves the selection or the text; returns whether `command` was a movement.
fn scroll(view: &mut super::value::ValueView, command: Command, rows: usize, width: usize) -> bool {
    if let Some(items) = view.rows().map(|r| r.items.len()) {
        let moved = move_selection(&mut view.selected, items, command, rows);
        view.offset = crate::tui::layout::scroll_offset(view.selected, view.offset, rows);
        return moved;
    }
    let bytes: &[u8] = match &view.body {
        Body::Str(s) => match s.shown() {
            Shown::Hex(b) => {
                let per = hex_per_row(width);
                let last = b.len().saturating_sub(1) / per * per;
                let step = |n: usize| n * per;
                view.offset = match command {
                    Command::Up => view.offset.saturating_sub(step(1)),
                    Command::Down => (view.offset + step(1)).min(last),
                    Command::PageUp => view.offset.saturating_sub(step(rows)),
                    Command::PageDown => (view.offset + step(rows)).min(last),
                    Command::Top => 0,
                    Command::Bottom => last.saturating_sub(step(rows.saturating_sub(1))),
                    _ => return false,
                } / per
                    * per;
                return true;
            }
            Shown::Text(t) => t,
        },
        Body::Json(doc) => doc,
        _ => return false,
    };
    view.offset = match command {
        Command::Up => text::up(bytes, view.offset, 1),
        Command::Down => text::down(bytes, view.offset, 1),
        Command::PageUp => text::up(bytes, view.offset, rows),
        Command::PageDown => text::down(bytes, view.offset, rows),
        Command::Top => 0,
        Command::Bottom => text::up(bytes, text::last_line(bytes), rows.saturating_sub(1)),
        _ => return false,
    };
    true
}

/// Copies `bytes` with OSC 52 when they are text and small enough.
pub fn copy_bytes(bytes: &[u8], what: &str, out: &mut Outcome) {
    if bytes.len() > COPY_LIMIT {
        out.toast(
            ToastKind::Error,
            format!(
                "Not copied: {what} is {}, over the {} a terminal takes (OSC 52)",
                super::format::size(bytes.len() as u64),
                super::format::size(COPY_LIMIT as u64)
            ),
        );
        return;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            out.effect(Effect::CopyToClipboard(text.to_string()));
            out.toast(ToastKind::Success, format!("Copied {what} (OSC 52)"));
        }
        Err(_) => out.toast(
            ToastKind::Error,
            format!("Not copied: {what} is not text (see it with f → hex)"),
        ),
    }
}

/// `y` on the value: the string, the document or the selected item.
fn copy_value(state: &DataState, out: &mut Outcome) {
    let Some(view) = state.open.as_ref().and_then(|o| o.value.as_ref()) else {
        return;
    };
    match &view.body {
        Body::Str(s) if !s.complete() => out.toast(
            ToastKind::Info,
            "Not copied: only part of the value is loaded (m loads the rest)",
        ),
        Body::Str(s) => copy_bytes(s.bytes(), "the value", out),
        Body::Json(doc) => copy_bytes(doc, "the document", out),
        Body::Rows(_) => match view.selected_item() {
            Some(item) => copy_bytes(&item.value_bytes(), "the item", out),
            None => out.toast(ToastKind::Info, "Nothing selected"),
        },
        Body::Empty => {}
    }
}
