//! The command line at work: opening it (the history is read once), running what is typed
//! (reads at once; writes only in write mode, after their review), the history on ↑/↓, and
//! scrolling the replies.

use super::calls::Call;
use super::console::{LineKind, MAX_HISTORY, refused, split_args};
use super::state::{DataState, Mode};
use super::update::load_history;
use super::write::{Purpose, Review};
use crate::redis::is_read;
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;
use crate::tui::tab_state::Outcome;

/// `:`: opens the command line.
pub fn open(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let Some(open) = state.open.as_mut() else {
        super::update::no_database(out);
        return;
    };
    open.mode = Mode::Console;
    if open.console.lines.is_empty() {
        let name = crate::output::sanitize(&open.database_name).into_owned();
        open.console.push(
            LineKind::Note,
            format!("{name}: one command per line, the reply as redis-cli prints it."),
        );
    }
    load_history(state, ctx, out);
}

/// A command while the command line has the keyboard.
pub fn command(state: &mut DataState, command: Command, ctx: &mut Context, out: &mut Outcome) {
    let page = ctx.page_rows();
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let console = &mut open.console;
    match command {
        Command::Back => open.mode = Mode::Keys,
        Command::Up => console.walk_history(&state.history, true),
        Command::Down => console.walk_history(&state.history, false),
        Command::PageUp => {
            console.scroll = (console.scroll + page).min(console.lines.len().saturating_sub(1))
        }
        Command::PageDown => console.scroll = console.scroll.saturating_sub(page),
        Command::Submit => run(state, ctx, out),
        _ => {}
    }
}

/// Runs the typed line.
fn run(state: &mut DataState, ctx: &mut Context, out: &mut Outcome) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    if open.console.running {
        return;
    }
    let line = open.console.input.value().trim().to_string();
    if line.is_empty() {
        return;
    }
    open.console.input.clear();
    open.console.history_at = None;
    open.console.push(
        LineKind::Command,
        format!("> {}", crate::output::sanitize(&line)),
    );
    if state.history.last() != Some(&line) {
        state.history.push(line.clone());
        if state.history.len() > MAX_HISTORY {
            state.history.remove(0);
        }
        out.effect(Effect::AppendHistory(line.clone()));
    }
    let args = match split_args(&line) {
        Ok(args) if args.is_empty() => return,
        Ok(args) => args,
        Err(why) => {
            open.console.push(LineKind::Error, format!("(error) {why}"));
            return;
        }
    };
    let name = args[0].to_ascii_uppercase();
    if let Some(why) = refused(&name) {
        open.console
            .push(LineKind::Error, format!("(refused) {name}: {why}"));
        return;
    }
    if name == "KEYS" {
        open.console.push(
            LineKind::Error,
            "(refused) KEYS walks every key at once and blocks the database: use SCAN, or the key list",
        );
        return;
    }
    if is_read(&args) {
        open.console.running = true;
        let target = open.target.clone();
        state
            .calls
            .send(&target, Call::Console, vec![args], false, ctx, out);
        return;
    }
    if !open.write {
        open.console.push(
            LineKind::Error,
            format!(
                "(refused) {name} changes data: press esc, then w to allow writes to this database"
            ),
        );
        return;
    }
    let review = Review::new(format!("Run {name}"), vec![args], Purpose::Console(line));
    open.mode = Mode::Review(review);
    open.review_from_console = true;
}
