//! What the Accounts tab does with its inputs: choose the active account, add, disconnect,
//! set the default, refresh a token, sign in again, rename; and its answers.

use super::audit::{self, AuditPane};
use super::state::{AccountsState, RenameDialog};
use crate::tui::action::Answer;
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;
use crate::tui::list::move_selection;
use crate::tui::request::RequestId;
use crate::tui::services::AccountChange;
use crate::tui::tab::Tab;
use crate::tui::tab_state::{Input, Outcome, Request};
use crate::tui::text_input::TextInput;
use crate::tui::toast::ToastKind;
use crate::tui::view_model::AccountRow;

/// Takes one input of the Accounts tab.
pub fn update(state: &mut AccountsState, input: Input, ctx: &mut Context) -> Outcome {
    let mut out = Outcome::default();
    match input {
        Input::Command(c) if state.rename.is_some() => rename_command(state, c, ctx, &mut out),
        Input::Command(c) if state.audit.is_some() => {
            if let Some(pane) = &mut state.audit
                && !audit::command(pane, c, ctx, &mut out)
            {
                state.audit = None;
            }
        }
        Input::Command(c) => command(state, c, ctx, &mut out),
        Input::Typed(key) => {
            if let Some(dialog) = &mut state.rename {
                dialog.input.handle_key(&key);
            }
        }
        Input::Paste(text) => {
            if let Some(dialog) = &mut state.rename {
                dialog.input.paste(&text);
            }
        }
        Input::Reload => load(state, ctx, &mut out),
        Input::Confirmed(yes) => {
            if let Some(account_id) = state.disconnect_asked.take().filter(|_| yes) {
                let request = ctx.request();
                state.disconnecting.start(request);
                out.effect(Effect::Disconnect {
                    request,
                    account_id,
                });
            }
        }
        Input::Answer(request, answer) => {
            let taken = state
                .audit
                .as_mut()
                .is_some_and(|pane| audit::answered(pane, request, &answer, &mut out));
            if !taken {
                answered(state, request, answer, ctx, &mut out);
            }
        }
        _ => {}
    }
    out
}

/// Asks for the account list.
fn load(state: &mut AccountsState, ctx: &mut Context, out: &mut Outcome) {
    let request = ctx.request();
    state.loading.start(request);
    out.effect(Effect::LoadAccounts { request });
}

fn command(state: &mut AccountsState, command: Command, ctx: &mut Context, out: &mut Outcome) {
    if move_selection(
        &mut state.selected,
        state.rows.len(),
        command,
        ctx.page_rows(),
    ) {
        return;
    }
    let row = state.rows.get(state.selected).cloned();
    match (command, row) {
        (Command::Select, Some(row)) => {
            out.request(Request::SetActiveAccount(Some(row.id)));
            out.request(Request::GoTo(Tab::Databases));
        }
        (Command::Refresh, _) => load(state, ctx, out),
        (Command::AddAccount, _) => out.request(Request::GoTo(Tab::Connect)),
        (Command::Disconnect, Some(row)) => {
            state.disconnect_asked = Some(row.id);
            out.request(Request::Confirm {
                title: "Disconnect".into(),
                question: format!(
                    "Disconnect {} ({})? Its tokens are revoked where the provider allows and \
                     its local secrets deleted.",
                    row.label, row.email
                ),
            });
        }
        (Command::SetDefault, Some(row)) if row.is_default => out.toast(
            ToastKind::Info,
            format!("{} is already the default account", row.label),
        ),
        (Command::SetDefault, Some(row)) => {
            change(state, row.id, AccountChange::SetDefault, ctx, out)
        }
        (Command::RefreshToken, Some(row))
            if row.token_expires_at.is_none() && !row.needs_sign_in =>
        {
            out.toast(
                ToastKind::Info,
                format!("{} uses an API key: it has no token to refresh", row.label),
            )
        }
        (Command::RefreshToken, Some(row)) => {
            state.refreshing = Some(row.id.clone());
            change(state, row.id, AccountChange::RefreshToken, ctx, out);
        }
        (Command::AuditLog, Some(row)) => {
            state.audit = Some(AuditPane::open(row.id, row.label, ctx, out));
        }
        (Command::SignInAgain, Some(row)) => out.request(Request::SignIn {
            provider: row.provider,
        }),
        (Command::Rename, Some(row)) => {
            let mut input = TextInput::new(false);
            input.paste(&row.label);
            state.rename = Some(RenameDialog {
                account_id: row.id,
                input,
                error: None,
            });
        }
        _ => {}
    }
}

/// Asks the services to change an account (default, label, token).
fn change(
    state: &mut AccountsState,
    account_id: String,
    change: AccountChange,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let request = ctx.request();
    state.updating.start(request);
    out.effect(Effect::UpdateAccount {
        request,
        account_id,
        change,
    });
}

fn rename_command(
    state: &mut AccountsState,
    command: Command,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    let Some(dialog) = &mut state.rename else {
        return;
    };
    match command {
        Command::Back => state.rename = None,
        Command::Submit => {
            let label = dialog.input.value().trim().to_string();
            if label.is_empty() {
                dialog.error = Some("A label cannot be empty.".into());
                return;
            }
            let id = &dialog.account_id;
            if state.rows.iter().any(|a| a.label == label && a.id != *id) {
                dialog.error = Some(format!("Another account is already called {label:?}."));
                return;
            }
            let account_id = dialog.account_id.clone();
            state.rename = None;
            change(state, account_id, AccountChange::Rename(label), ctx, out);
        }
        _ => {}
    }
}

fn answered(
    state: &mut AccountsState,
    request: RequestId,
    answer: Answer,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    match answer {
        Answer::AccountsLoaded(result) if state.loading.finish(request) => match result {
            Ok(rows) => listed(state, rows, ctx, out),
            Err(e) => {
                state.error = Some(e.message.clone());
                out.toast(ToastKind::Error, format!("Cannot list accounts: {e}"));
            }
        },
        Answer::Disconnected(result) if state.disconnecting.finish(request) => match result {
            Ok(summary) => {
                out.toast(ToastKind::Success, summary);
                load(state, ctx, out);
            }
            Err(e) => out.toast(ToastKind::Error, format!("Disconnect failed: {e}")),
        },
        Answer::AccountUpdated(result) if state.updating.finish(request) => {
            state.refreshing = None;
            match result {
                Ok(summary) => out.toast(ToastKind::Success, summary),
                Err(e) => out.toast(ToastKind::Error, e.message),
            }
            load(state, ctx, out);
        }
        _ => {}
    }
}

/// Takes a new account list: when the active account is not in it, another one becomes active
/// (`--account` on the first list, else the preferred one).
fn listed(state: &mut AccountsState, rows: Vec<AccountRow>, ctx: &Context, out: &mut Outcome) {
    let first_load = !state.loaded;
    state.loaded = true;
    state.error = None;
    state.selected = state.selected.min(rows.len().saturating_sub(1));
    state.rows = rows;
    let mut active = ctx.active_account.map(str::to_string);
    if active.as_deref().is_none_or(|id| state.row(id).is_none()) {
        let named = state
            .open_on
            .take()
            .filter(|id| first_load && state.row(id).is_some());
        active = named.or_else(|| preferred_account(&state.rows, ctx.sandbox));
        out.request(Request::SetActiveAccount(active.clone()));
    }
    if first_load
        && ctx.shown == Tab::Accounts
        && let Some(tab) = landing_tab(&state.rows, active.as_deref())
    {
        out.request(Request::GoTo(tab));
    }
}

/// Where the dashboard opens once the accounts are known: Connect when there is none, the
/// databases when the chosen account is usable, and Accounts (`None`: stay) when it needs a
/// sign-in first.
fn landing_tab(rows: &[AccountRow], active: Option<&str>) -> Option<Tab> {
    match active.and_then(|id| rows.iter().find(|r| r.id == id)) {
        _ if rows.is_empty() => Some(Tab::Connect),
        Some(row) if !row.needs_sign_in => Some(Tab::Databases),
        _ => None,
    }
}

/// The account the dashboard opens on: the default one (on `--sandbox`, only when it is a
/// sandbox account), else the first sandbox account on `--sandbox`, else the first one.
fn preferred_account(rows: &[AccountRow], sandbox: bool) -> Option<String> {
    let fits = |a: &&AccountRow| !sandbox || a.is_sandbox();
    rows.iter()
        .filter(fits)
        .find(|a| a.is_default)
        .or_else(|| rows.iter().find(fits))
        .or_else(|| rows.first())
        .map(|a| a.id.clone())
}
