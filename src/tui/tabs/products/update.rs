//! What the Products tab does with its inputs: switch product, browse, filter, open details,
//! reveal and copy, and the writes (each shown as its exact request and confirmed).

use super::form::{Form, FormKind};
use super::product::Product;
use super::state::{ProductsState, Usage};
use crate::tui::action::Answer;
use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::keymap::Command;
use crate::tui::list::move_selection;
use crate::tui::request::RequestId;
use crate::tui::tab_state::{Input, Outcome, Request};
use crate::tui::toast::ToastKind;
use crate::upstash::products::{dotenv, qstash_env, search_env, vector_env};
use crate::upstash::{ProductCall, ProductReply};

/// Takes one input of the Products tab.
pub fn update(state: &mut ProductsState, input: Input, ctx: &mut Context) -> Outcome {
    let mut out = Outcome::default();
    match input {
        Input::Command(c) if state.form.is_some() => form_command(state, c, ctx, &mut out),
        Input::Command(c) if state.filtering => filter_command(state, c),
        Input::Command(c) => command(state, c, ctx, &mut out),
        Input::Typed(key) => {
            if let Some(form) = &mut state.form {
                if let Some((_, field)) = form.fields.get_mut(form.focus) {
                    field.handle_key(&key);
                }
                form.error = None;
            } else if state.filtering {
                state.filter.handle_key(&key);
                state.selected = 0;
            }
        }
        Input::Paste(text) => {
            if let Some(form) = &mut state.form {
                if let Some((_, field)) = form.fields.get_mut(form.focus) {
                    field.paste(&text);
                }
            } else if state.filtering {
                state.filter.paste(&text);
                state.selected = 0;
            }
        }
        Input::Shown => {
            if state.account.as_deref() != ctx.active_account {
                switch_account(state, ctx);
            }
            if !state.is_loaded() && !state.loading.is_loading() {
                load(state, ctx, &mut out);
            }
        }
        Input::AccountSet if state.account.as_deref() != ctx.active_account => {
            switch_account(state, ctx);
            if ctx.shown == crate::tui::tab::Tab::Products {
                load(state, ctx, &mut out);
            }
        }
        Input::Reload => load(state, ctx, &mut out),
        Input::Confirmed(yes) => {
            if let Some(call) = state.asked.take().filter(|_| yes) {
                send(state, call, ctx, &mut out);
            }
        }
        Input::Answer(request, Answer::ProductDone(result)) => {
            answered(state, request, result, ctx, &mut out)
        }
        _ => {}
    }
    out
}

/// Forgets the last account's records.
fn switch_account(state: &mut ProductsState, ctx: &Context) {
    *state = ProductsState {
        product: state.product,
        account: ctx.active_account.map(str::to_string),
        ..ProductsState::default()
    };
}

/// Lists the shown product (and the teams, once).
fn load(state: &mut ProductsState, ctx: &mut Context, out: &mut Outcome) {
    let Some(account_id) = state.account.clone() else {
        return;
    };
    let call = match state.product.index_kind() {
        Some(kind) => ProductCall::ListIndexes { kind },
        None => ProductCall::ListQStash,
    };
    let request = ctx.request();
    state.loading.start(request);
    out.effect(Effect::Product {
        request,
        account_id: account_id.clone(),
        call,
    });
    if state.teams.is_empty() && !state.teams_loading.is_loading() {
        let request = ctx.request();
        state.teams_loading.start(request);
        out.effect(Effect::Product {
            request,
            account_id,
            call: ProductCall::ListTeams,
        });
    }
}

/// Reads the usage of the selected row.
fn load_usage(state: &mut ProductsState, ctx: &mut Context, out: &mut Outcome) {
    let (Some(account_id), Some(row)) = (state.account.clone(), state.row()) else {
        return;
    };
    let period = state.period();
    let call = match state.product.index_kind() {
        Some(kind) => ProductCall::IndexStats {
            kind,
            id: row.id,
            period,
        },
        None => ProductCall::QStashStats { id: row.id, period },
    };
    let request = ctx.request();
    state.usage = None;
    state.usage_loading.start(request);
    out.effect(Effect::Product {
        request,
        account_id,
        call,
    });
}

/// Sends a write.
fn send(state: &mut ProductsState, call: ProductCall, ctx: &mut Context, out: &mut Outcome) {
    let Some(account_id) = state.account.clone() else {
        return;
    };
    let request = ctx.request();
    state.writing.start(request);
    state.sent = Some(call.request_line());
    out.effect(Effect::Product {
        request,
        account_id,
        call,
    });
}

fn command(state: &mut ProductsState, command: Command, ctx: &mut Context, out: &mut Outcome) {
    let rows = state.rows();
    if !state.details && move_selection(&mut state.selected, rows.len(), command, ctx.page_rows()) {
        return;
    }
    let row = rows.into_iter().nth(state.selected);
    let refuse = |out: &mut Outcome, text: &str| out.toast(ToastKind::Info, text.to_string());
    match (command, row) {
        (Command::NextProduct | Command::PrevProduct, _) => {
            let step = if command == Command::NextProduct {
                1
            } else {
                -1
            };
            state.product = state.product.cycle(step);
            state.selected = 0;
            state.details = false;
            state.reveal = false;
            state.usage = None;
            state.filter.clear();
            if !state.is_loaded() {
                load(state, ctx, out);
            }
        }
        (Command::Refresh, _) => load(state, ctx, out),
        (Command::Filter, _) => state.filtering = true,
        (Command::Back, _) if state.details => {
            state.details = false;
            state.reveal = false;
            state.usage = None;
        }
        (Command::Back, _) => {
            state.filter.clear();
            state.selected = 0;
        }
        (Command::Select, Some(_)) => {
            state.details = true;
            load_usage(state, ctx, out);
        }
        (Command::CyclePeriod, Some(_)) if state.details => {
            state.period = (state.period + 1) % crate::upstash::ProductPeriod::ALL.len();
            load_usage(state, ctx, out);
        }
        (Command::Reveal, Some(_)) => state.reveal = !state.reveal,
        (Command::CopyMenu, Some(row)) => copy_env(state, &row.id, out),
        (Command::CreateDatabase, _) if state.product == Product::QStash => refuse(
            out,
            "QStash comes with the account, one per region: there is nothing to create",
        ),
        (Command::CreateDatabase, _) => state.form = Some(Form::create(state.product)),
        (Command::RenameDatabase | Command::DeleteDatabase, Some(_))
            if state.product == Product::QStash =>
        {
            refuse(out, "QStash cannot be renamed or deleted here")
        }
        (Command::RenameDatabase, Some(row)) => {
            state.form = Some(Form::one_line(FormKind::Rename, state.product, row))
        }
        (Command::DeleteDatabase, Some(row)) => {
            state.form = Some(Form::one_line(FormKind::Delete, state.product, row))
        }
        (Command::TransferProduct, Some(row)) => {
            state.form = Some(Form::one_line(FormKind::Transfer, state.product, row))
        }
        (Command::SetPlan, Some(_)) if state.product == Product::Search => refuse(
            out,
            "A Search index's plan cannot be changed through the API",
        ),
        (Command::SetPlan, Some(row)) => {
            state.form = Some(Form::one_line(FormKind::Plan, state.product, row))
        }
        (Command::SetBudget | Command::ToggleProdPack, Some(_))
            if state.product != Product::QStash =>
        {
            refuse(out, "Budgets and the production pack are QStash settings")
        }
        (Command::SetBudget, Some(row)) => {
            state.form = Some(Form::one_line(FormKind::Budget, state.product, row))
        }
        (Command::ToggleProdPack, Some(row)) => {
            let on = !state
                .qstash_user(&row.id)
                .and_then(|q| q.prod_pack_enabled)
                .unwrap_or(false);
            let call = ProductCall::SetQStashProdPack { id: row.id, on };
            let word = if on { "on" } else { "off" };
            ask(
                state,
                call,
                "Production pack",
                &format!("Turn the production pack {word} for QStash {}?", row.name),
                out,
            );
        }
        (Command::ResetPassword, Some(row)) => {
            let (call, title, what) = match state.product.index_kind() {
                None => (
                    ProductCall::RotateQStashToken { id: row.id },
                    "Rotate token",
                    format!(
                        "Rotate the token of QStash {}? The old token stops working.",
                        row.name
                    ),
                ),
                Some(kind) => (
                    ProductCall::ResetIndexPassword { kind, id: row.id },
                    "Reset password",
                    format!(
                        "Reset the tokens of {}? Clients using them stop working.",
                        row.name
                    ),
                ),
            };
            ask(state, call, title, &what, out);
        }
        _ => {}
    }
}

/// Asks before a write, the exact request in the question.
fn ask(state: &mut ProductsState, call: ProductCall, title: &str, what: &str, out: &mut Outcome) {
    let question = format!("{what} Request: {}", call.request_line());
    state.asked = Some(call);
    out.request(Request::Confirm {
        title: title.to_string(),
        question,
    });
}

/// Copies the selected record's `.env` snippet (URL and token) over OSC 52.
fn copy_env(state: &ProductsState, id: &str, out: &mut Outcome) {
    let vars = match state.product {
        Product::Vector => state.vector_index(id).map(vector_env),
        Product::Search => state.search_index(id).map(search_env),
        Product::QStash => state.qstash_user(id).map(qstash_env),
    };
    match vars {
        Some(Ok(vars)) => {
            let names: Vec<&str> = vars.iter().map(|(n, _)| *n).collect();
            out.effect(Effect::CopyToClipboard(dotenv(&vars)));
            out.toast(
                ToastKind::Success,
                format!("Copied {} (.env)", names.join(", ")),
            );
        }
        Some(Err(e)) => out.toast(ToastKind::Error, format!("Cannot copy: {e}")),
        None => {}
    }
}

fn filter_command(state: &mut ProductsState, command: Command) {
    match command {
        Command::Submit => state.filtering = false,
        Command::Back => {
            state.filtering = false;
            state.filter.clear();
        }
        _ => {}
    }
}

fn form_command(state: &mut ProductsState, command: Command, ctx: &mut Context, out: &mut Outcome) {
    let Some(form) = &mut state.form else {
        return;
    };
    let count = form.fields.len();
    match command {
        Command::Back => state.form = None,
        Command::NextField => form.focus = (form.focus + 1) % count,
        Command::PrevField => form.focus = (form.focus + count - 1) % count,
        Command::Submit => match form.call(&state.teams) {
            Ok(call) => {
                state.form = None;
                send(state, call, ctx, out);
            }
            Err(e) => form.error = Some(e),
        },
        _ => {}
    }
}

fn answered(
    state: &mut ProductsState,
    request: RequestId,
    result: Result<ProductReply, crate::tui::services::ServiceError>,
    ctx: &mut Context,
    out: &mut Outcome,
) {
    if state.loading.finish(request) {
        match result {
            Ok(reply) => listed(state, reply),
            Err(e) => {
                state.error = Some(e.message.clone());
                out.toast(
                    ToastKind::Error,
                    format!("Cannot list {}: {e}", state.product.label()),
                );
            }
        }
    } else if state.teams_loading.finish(request) {
        if let Ok(ProductReply::Teams(teams)) = result {
            state.teams = teams;
        }
    } else if state.usage_loading.finish(request) {
        state.usage = match result {
            Ok(ProductReply::IndexStats(s)) => Some(Usage::Index(s)),
            Ok(ProductReply::QStashStats(s)) => Some(Usage::QStash(s)),
            _ => None,
        };
    } else if state.writing.finish(request) {
        match result {
            Ok(reply) => {
                let sent = state.sent.take().unwrap_or_default();
                out.toast(ToastKind::Success, done_text(&reply, &sent));
                state.details = matches!(
                    reply,
                    ProductReply::VectorIndex(_)
                        | ProductReply::SearchIndex(_)
                        | ProductReply::QStashUser(_)
                ) && state.details;
                load(state, ctx, out);
            }
            Err(e) => out.toast(ToastKind::Error, format!("The request failed: {e}")),
        }
    }
}

/// Takes a list answer.
fn listed(state: &mut ProductsState, reply: ProductReply) {
    let product = match reply {
        ProductReply::VectorIndexes(list) => {
            state.vector = list;
            Product::Vector
        }
        ProductReply::SearchIndexes(list) => {
            state.search = list;
            Product::Search
        }
        ProductReply::QStash(list) => {
            state.qstash = list;
            Product::QStash
        }
        _ => return,
    };
    if !state.loaded.contains(&product) {
        state.loaded.push(product);
    }
    state.error = None;
    state.selected = state.selected.min(state.rows().len().saturating_sub(1));
}

/// The toast after a write.
fn done_text(reply: &ProductReply, sent: &str) -> String {
    match reply {
        ProductReply::VectorIndex(i) => format!("Done: Vector index {}", i.name),
        ProductReply::SearchIndex(i) => format!("Done: Search index {}", i.name),
        ProductReply::QStashUser(q) => format!(
            "Done: QStash {} has a new token",
            q.region.as_deref().unwrap_or("")
        ),
        _ => format!("Done: {sent}"),
    }
}
