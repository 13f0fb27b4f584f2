//! What the Data tab does with the operator's inputs: opening a database, the key list
//! (move, pattern, type filter, tree), and handing the rest to the value pane, the forms,
//! the review, the command line, big keys and bulk delete.

use super::keys::KeyType;
use super::layout::key_rows;
use super::list::Row;
use super::state::{DataState, Mode};
use super::{console_run, loads, sampling, value_keys, writes};
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;
use crate::tui::list::move_selection;
use crate::tui::tab_state::{Input, Outcome};
use crate::tui::text_input::TextInput;
use crate::tui::toast::ToastKind;

/// Takes one input of the Data tab (its answers go to `replies`).
pub fn update(state: &mut DataState, input: Input, ctx: &mut Context) -> Outcome {
    let mut out = Outcome::default();
    match input {
        Input::Browse(browse) => {
            state.open(browse.target, browse.database_name);
            loads::restart_scan(state, ctx, &mut out);
        }
        Input::AccountSet => {
            let other = state
                .open
                .as_ref()
                .is_some_and(|o| ctx.active_account != Some(o.target.account_id.as_str()));
            if other {
                state.close();
            }
        }
        Input::Reload => loads::restart_scan(state, ctx, &mut out),
        Input::Shown => loads::fetch_meta(state, ctx, &mut out),
        Input::Command(command) => command_in_mode(state, command, ctx, &mut out),
        Input::Typed(key) => {
            if let Some(open) = state.open.as_mut() {
                match &mut open.mode {
                    Mode::Pattern(input) => {
                        input.handle_key(&key);
                    }
                    Mode::Form(form) => form.type_key(&key),
                    Mode::Console => {
                        open.console.input.handle_key(&key);
                        open.console.history_at = None;
                    }
                    Mode::Bulk => {
                        if let Some(super::bulk::Phase::Confirm(input)) =
                            open.bulk.as_mut().map(|b| &mut b.phase)
                        {
                            input.handle_key(&key);
                        }
                    }
                    _ => {}
                }
            }
        }
        Input::Paste(text) => {
            if let Some(open) = state.open.as_mut() {
                match &mut open.mode {
                    Mode::Pattern(input) => input.paste(&text),
                    Mode::Form(form) => form.paste(&text),
                    Mode::Console => open.console.input.paste(&text),
                    Mode::Bulk => {
                        if let Some(super::bulk::Phase::Confirm(input)) =
                            open.bulk.as_mut().map(|b| &mut b.phase)
                        {
                            input.paste(&text);
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    loads::schedule_countdown(state, ctx, &mut out);
    out
}

/// A command, by what has the keyboard.
fn command_in_mode(state: &mut DataState, command: Command, ctx: &mut Context, out: &mut Outcome) {
    let Some(open) = state.open.as_mut() else {
        let moves = [
            Command::Up,
            Command::Down,
            Command::Top,
            Command::Bottom,
            Command::PageUp,
            Command::PageDown,
            Command::Back,
        ];
        if !moves.contains(&command) {
            no_database(out);
        }
        return;
    };
    match &mut open.mode {
        Mode::Keys if open.zoomed => value_keys::command(state, command, ctx, out),
        Mode::Keys => keys_command(state, command, ctx, out),
        Mode::Pattern(input) => match command {
            Command::Submit => {
                let pattern = input.value().trim().to_string();
                open.mode = Mode::Keys;
                open.scan.pattern = if pattern.is_empty() {
                    "*".into()
                } else {
                    pattern
                };
                loads::restart_scan(state, ctx, out);
            }
            Command::Back => open.mode = Mode::Keys,
            _ => {}
        },
        Mode::Form(form) => match command {
            Command::NextField => form.move_focus(1),
            Command::PrevField => form.move_focus(-1),
            Command::NextChoice => form.cycle_kind(1),
            Command::PrevChoice => form.cycle_kind(-1),
            Command::Submit => writes::submit_form(state, ctx, out),
            Command::Back => open.mode = Mode::Keys,
            _ => {}
        },
        Mode::Review(review) => {
            let page = ctx.page_rows();
            let lines = review.lines().len();
            match command {
                Command::Submit => writes::send_review(state, ctx, out),
                Command::Back => writes::cancel_review(state, out),
                movement => {
                    move_selection(&mut review.scroll, lines, movement, page);
                }
            }
        }
        Mode::Console => console_run::command(state, command, ctx, out),
        Mode::BigKeys => big_keys_command(state, command, ctx, out),
        Mode::Bulk => match command {
            Command::Submit => sampling::confirm_bulk(state, ctx, out),
            Command::Back => sampling::stop_bulk(state, ctx, out),
            _ => {}
        },
    }
}

/// Keys of the key list.
fn keys_command(state: &mut DataState, command: Command, ctx: &mut Context, out: &mut Outcome) {
    let delimiters = state.delimiters.clone();
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let len = open.list.len();
    if move_selection(&mut open.list.selected, len, command, ctx.page_rows()) {
        loads::after_move(state, ctx, out);
        return;
    }
    let selected = open.list.selected;
    match command {
        Command::Select => match open.list.row(selected) {
            Some(Row::Folder(_)) => {
                open.list.toggle_folder(selected, None, &delimiters);
                loads::after_move(state, ctx, out);
            }
            Some(Row::Key { .. }) => {
                // Read again: the value beside the list may be older than the operator thinks.
                open.zoomed = true;
                loads::open_selected_value(state, true, ctx, out);
            }
            None => {}
        },
        Command::Expand => {
            if open.list.folder_open(selected) {
                open.list.selected = (selected + 1).min(len.saturating_sub(1));
            } else {
                open.list.toggle_folder(selected, Some(true), &delimiters);
            }
            loads::after_move(state, ctx, out);
        }
        Command::Collapse => {
            if open.list.folder_open(selected) {
                open.list.toggle_folder(selected, Some(false), &delimiters);
            } else if let Some(parent) = open.list.parent(selected) {
                open.list.selected = parent;
            }
            loads::after_move(state, ctx, out);
        }
        Command::Filter => {
            let mut input = TextInput::new(false);
            if open.scan.pattern != "*" {
                input.paste(&open.scan.pattern);
            }
            open.mode = Mode::Pattern(input);
        }
        Command::CycleType => {
            open.scan.type_filter = KeyType::next_filter(open.scan.type_filter);
            loads::restart_scan(state, ctx, out);
        }
        Command::ToggleTree => {
            let on = !open.list.tree;
            open.list.set_tree(on, &delimiters);
            loads::after_move(state, ctx, out);
        }
        Command::Back if open.scan.filtered() => {
            open.scan.pattern = "*".into();
            open.scan.type_filter = None;
            loads::restart_scan(state, ctx, out);
        }
        Command::Refresh => {
            // The value beside the list is read again once its key is back.
            open.value = None;
            loads::restart_scan(state, ctx, out);
        }
        Command::LoadMore => loads::fetch_more(state, ctx, out),
        Command::Copy => copy_key(state, out),
        Command::WriteMode => writes::toggle_write_mode(state, out),
        Command::SetTtl => writes::set_ttl(state, out),
        Command::RenameKey => writes::rename_key(state, out),
        Command::AddKey => writes::add_key(state, out),
        Command::DeleteKey => writes::delete_key(state, out),
        Command::BulkDelete => sampling::start_bulk(state, ctx, out),
        Command::Console => console_run::open(state, ctx, out),
        Command::BigKeys => sampling::start_big_keys(state, ctx, out),
        _ => {}
    }
}

/// `y` on the key list: the selected key's name.
fn copy_key(state: &DataState, out: &mut Outcome) {
    let Some(name) = state.open.as_ref().and_then(|o| o.list.selected_key()) else {
        return;
    };
    value_keys::copy_bytes(name, "the key name", out);
}

/// Keys of the big-key list.
fn big_keys_command(state: &mut DataState, command: Command, ctx: &mut Context, out: &mut Outcome) {
    let rows = key_rows(ctx.size);
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let Some(big) = open.bigkeys.as_mut() else {
        open.mode = Mode::Keys;
        return;
    };
    let len = big.top.len();
    if move_selection(&mut big.selected, len, command, ctx.page_rows()) {
        big.offset = crate::tui::layout::scroll_offset(big.selected, big.offset, rows / 2);
        return;
    }
    match command {
        Command::Back => {
            sampling::stop_big_keys(state);
            if let Some(open) = state.open.as_mut() {
                open.mode = Mode::Keys;
            }
        }
        Command::Refresh => sampling::start_big_keys(state, ctx, out),
        Command::Select => {
            let Some((_, kind, key)) = big.top.get(big.selected).cloned() else {
                return;
            };
            sampling::stop_big_keys(state);
            if let Some(open) = state.open.as_mut() {
                open.mode = Mode::Keys;
                open.list.select_key(&key);
                open.zoomed = true;
            }
            loads::open_value(state, key, kind, ctx, out);
        }
        _ => {}
    }
}

/// Asks for the command line's history once.
pub fn load_history(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    if !state.history_asked {
        state.history_asked = true;
        out.effect(Effect::LoadHistory {
            request: ctx.request(),
        });
    }
}

/// Says that the tab needs a database first.
pub fn no_database(out: &mut Outcome) {
    out.toast(
        ToastKind::Info,
        "Open a database first: b on a database in Databases",
    );
}
