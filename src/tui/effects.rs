//! Runs effects through [`Services`]: async calls on tokio tasks that report back with actions
//! tagged by request id; clipboard inline; timers as one-shot sleeps.

use super::action::Action;
use super::effect::Effect;
use super::services::Services;
use super::toast::ToastKind;
use crate::upstash::{DatabaseCall, DatabaseReply};
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
                let call = services.list_accounts();
                self.tasks.spawn(async move {
                    let result = call.await;
                    let _ = tx.send(Action::AccountsLoaded { request, result });
                });
            }
            Effect::LoadDatabases {
                request,
                account_id,
            } => {
                let call = services.database(&account_id, DatabaseCall::List);
                self.tasks.spawn(async move {
                    let result = call.await.map(|reply| match reply {
                        DatabaseReply::Databases(list) => list,
                        _ => Vec::new(),
                    });
                    let _ = tx.send(Action::DatabasesLoaded { request, result });
                });
            }
            Effect::AddApiKeyAccount {
                request,
                provider,
                email,
                api_key,
            } => {
                let call = services.add_api_key_account(&provider, &email, api_key);
                self.tasks.spawn(async move {
                    let result = call.await;
                    let _ = tx.send(Action::AccountAdded { request, result });
                });
            }
            Effect::StartSignIn { request, provider } => {
                let call = services.start_sign_in(&provider);
                self.tasks.spawn(async move {
                    let started = call.await;
                    let attempt = started.as_ref().ok().map(|s| s.attempt);
                    let _ = tx.send(Action::SignInStarted {
                        request,
                        result: started,
                    });
                    if let Some(attempt) = attempt {
                        let result = services.finish_sign_in(attempt).await;
                        let _ = tx.send(Action::AccountAdded { request, result });
                    }
                });
            }
            Effect::PasteRedirect {
                request,
                attempt,
                url,
            } => {
                let call = services.paste_redirect(attempt, url);
                self.tasks.spawn(async move {
                    if let Err(error) = call.await {
                        let _ = tx.send(Action::PasteRejected { request, error });
                    }
                });
            }
            Effect::CancelSignIn { attempt } => services.cancel_sign_in(attempt),
            Effect::Disconnect {
                request,
                account_id,
            } => {
                let call = services.disconnect(&account_id);
                self.tasks.spawn(async move {
                    let result = call.await;
                    let _ = tx.send(Action::Disconnected { request, result });
                });
            }
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
            } => self.account_update(request, services.update_account(&account_id, change)),
            Effect::KeyboardSignIn {
                request,
                authorize_url,
                email,
                password,
            } => {
                let call = services.keyboard_sign_in(&authorize_url, &email, password);
                self.tasks.spawn(async move {
                    if let Err(error) = call.await {
                        let _ = tx.send(Action::KeyboardSignInRejected { request, error });
                    }
                });
            }
            Effect::Database {
                request,
                account_id,
                call,
            } => {
                let call = services.database(&account_id, call);
                self.tasks.spawn(async move {
                    let result = call.await;
                    let _ = tx.send(Action::DatabaseDone { request, result });
                });
            }
            Effect::StartDeviceSignIn { request, provider } => {
                let call = services.start_device_sign_in(&provider);
                self.tasks.spawn(async move {
                    let started = call.await;
                    let attempt = started.as_ref().ok().map(|s| s.attempt);
                    let _ = tx.send(Action::DeviceSignInStarted {
                        request,
                        result: started,
                    });
                    if let Some(attempt) = attempt {
                        let result = services.finish_device_sign_in(attempt).await;
                        let _ = tx.send(Action::AccountAdded { request, result });
                    }
                });
            }
        }
        false
    }

    /// Runs an account change and answers with `Action::AccountUpdated`.
    fn account_update(
        &mut self,
        request: crate::tui::effect::RequestId,
        call: crate::tui::services::ServiceFuture<String>,
    ) {
        let tx = self.tx.clone();
        self.tasks.spawn(async move {
            let result = call.await;
            let _ = tx.send(Action::AccountUpdated { request, result });
        });
    }
}
