//! Runs effects through [`Services`]: async calls on tokio tasks that report back with answers
//! tagged by request id; clipboard inline; timers as one-shot sleeps.

use super::action::{Action, Answer};
use super::effect::Effect;
use super::request::RequestId;
use super::services::{ServiceError, Services};
use super::toast::ToastKind;
use crate::upstash::{DatabaseCall, DatabaseReply};
use std::future::Future;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinSet;

/// Executes effects; owns every task it spawns (aborted when it is dropped).
pub struct EffectRunner {
    services: Arc<dyn Services>,
    tx: UnboundedSender<Action>,
    tasks: JoinSet<()>,
}

impl EffectRunner {
    /// A runner that reports on `tx`.
    pub fn new(services: Arc<dyn Services>, tx: UnboundedSender<Action>) -> Self {
        Self {
            services,
            tx,
            tasks: JoinSet::new(),
        }
    }

    /// Runs `call` on a task and sends its answer, made by `answer`, for `request`.
    fn answer<T, F>(&mut self, request: RequestId, call: F, answer: fn(T) -> Answer)
    where
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        let tx = self.tx.clone();
        self.tasks.spawn(async move {
            let answer = answer(call.await);
            let _ = tx.send(Action::Answer { request, answer });
        });
    }

    /// Runs `call` on a task and sends an answer made by `answer` only when it fails.
    fn answer_failure<F>(&mut self, request: RequestId, call: F, answer: fn(ServiceError) -> Answer)
    where
        F: Future<Output = Result<(), ServiceError>> + Send + 'static,
    {
        let tx = self.tx.clone();
        self.tasks.spawn(async move {
            if let Err(error) = call.await {
                let answer = answer(error);
                let _ = tx.send(Action::Answer { request, answer });
            }
        });
    }

    /// Runs one effect; returns `true` when it asks to quit.
    pub fn run(&mut self, effect: Effect) -> bool {
        // Reap finished tasks so the set does not grow over a long session.
        while self.tasks.try_join_next().is_some() {}
        let services = Arc::clone(&self.services);
        let tx = self.tx.clone();
        match effect {
            Effect::Quit => return true,
            Effect::WakeAt(at) => {
                let wait = (at - services.now()).max(time::Duration::ZERO);
                let wait = std::time::Duration::try_from(wait).unwrap_or_default();
                self.tasks.spawn(async move {
                    tokio::time::sleep(wait).await;
                    let _ = tx.send(Action::Tick);
                });
            }
            Effect::LoadAccounts { request } => {
                self.answer(request, services.list_accounts(), Answer::AccountsLoaded)
            }
            Effect::LoadDatabases {
                request,
                account_id,
            } => {
                let call = services.database(&account_id, DatabaseCall::List);
                let list = async move {
                    call.await.map(|reply| match reply {
                        DatabaseReply::Databases(list) => list,
                        _ => Vec::new(),
                    })
                };
                self.answer(request, list, Answer::DatabasesLoaded);
            }
            Effect::AddApiKeyAccount {
                request,
                provider,
                email,
                api_key,
            } => {
                let call = services.add_api_key_account(&provider, &email, api_key);
                self.answer(request, call, Answer::AccountAdded);
            }
            Effect::StartSignIn { request, provider } => {
                let call = services.start_sign_in(&provider);
                self.tasks.spawn(async move {
                    let started = call.await;
                    let attempt = started.as_ref().ok().map(|s| s.attempt);
                    let answer = Answer::SignInStarted(started);
                    let _ = tx.send(Action::Answer { request, answer });
                    if let Some(attempt) = attempt {
                        let answer = Answer::AccountAdded(services.finish_sign_in(attempt).await);
                        let _ = tx.send(Action::Answer { request, answer });
                    }
                });
            }
            Effect::PasteRedirect {
                request,
                attempt,
                url,
            } => {
                let call = services.paste_redirect(attempt, url);
                self.answer_failure(request, call, Answer::PasteRejected);
            }
            Effect::CancelSignIn { attempt } => services.cancel_sign_in(attempt),
            Effect::Disconnect {
                request,
                account_id,
            } => self.answer(
                request,
                services.disconnect(&account_id),
                Answer::Disconnected,
            ),
            Effect::CopyToClipboard(text) => {
                if let Err(e) = services.copy_to_clipboard(&text) {
                    let _ = tx.send(Action::Notify(
                        ToastKind::Error,
                        format!("Cannot copy to the clipboard: {e}"),
                    ));
                }
            }
            Effect::OpenBrowser(url) => {
                let call = services.open_browser(&url);
                self.tasks.spawn(async move {
                    let note = match call.await {
                        Ok(true) => None,
                        Ok(false) => Some((
                            ToastKind::Info,
                            "No browser can open here: open the address yourself".to_string(),
                        )),
                        Err(e) => Some((ToastKind::Error, format!("Cannot open a browser: {e}"))),
                    };
                    if let Some((kind, text)) = note {
                        let _ = tx.send(Action::Notify(kind, text));
                    }
                });
            }
            Effect::UpdateAccount {
                request,
                account_id,
                change,
            } => {
                let call = services.update_account(&account_id, change);
                self.answer(request, call, Answer::AccountUpdated);
            }
            Effect::KeyboardSignIn {
                request,
                authorize_url,
                email,
                password,
            } => {
                let call = services.keyboard_sign_in(&authorize_url, &email, password);
                self.answer_failure(request, call, Answer::KeyboardSignInRejected);
            }
            Effect::Database {
                request,
                account_id,
                call,
            } => {
                let call = services.database(&account_id, call);
                self.answer(request, call, Answer::DatabaseDone);
            }
            Effect::Product {
                request,
                account_id,
                call,
            } => {
                let call = services.product(&account_id, call);
                self.answer(request, call, Answer::ProductDone);
            }
            Effect::Unlock {
                request,
                passphrase,
            } => {
                let call = services.unlock(passphrase);
                self.answer(request, call, Answer::Unlocked);
            }
            Effect::Redis {
                request,
                target,
                batch,
            } => {
                let call = services.redis(&target, batch);
                self.answer(request, call, Answer::RedisDone);
            }
            Effect::EditText { request, text } => {
                // Runs here, on the loop, so nothing is drawn while the editor has the
                // terminal; the screen is then drawn again in full.
                let answer = Answer::Edited(services.edit_text(&text));
                let _ = tx.send(Action::Answer { request, answer });
                let _ = tx.send(Action::Redraw);
            }
            Effect::LoadHistory { request } => {
                self.answer(request, services.console_history(), Answer::HistoryLoaded)
            }
            Effect::AppendHistory(line) => {
                let call = services.remember_command(&line);
                self.tasks.spawn(async move {
                    if let Err(e) = call.await {
                        let text = format!("Cannot keep the command history: {e}");
                        let _ = tx.send(Action::Notify(ToastKind::Error, text));
                    }
                });
            }
            Effect::StartDeviceSignIn { request, provider } => {
                let call = services.start_device_sign_in(&provider);
                self.tasks.spawn(async move {
                    let started = call.await;
                    let attempt = started.as_ref().ok().map(|s| s.attempt);
                    let answer = Answer::DeviceSignInStarted(started);
                    let _ = tx.send(Action::Answer { request, answer });
                    if let Some(attempt) = attempt {
                        let result = services.finish_device_sign_in(attempt).await;
                        let answer = Answer::AccountAdded(result);
                        let _ = tx.send(Action::Answer { request, answer });
                    }
                });
            }
        }
        false
    }
}
