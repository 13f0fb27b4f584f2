//! The dashboard's whole state: one owner (the run loop), changed only by `update`. It holds
//! the tabs, the overlay, the toasts, the key map and the active account.

use super::context::{Context, ViewContext};
use super::init::AppInit;
use super::init::Environment;
use super::keymap::{KeyContext, KeyMap};
use super::overlay::Overlay;
use super::spinner;
use super::tab::Tab;
use super::tabs::Tabs;
use super::theme::Styles;
use super::toast::Toasts;
use super::view_model::AccountRow;
use time::OffsetDateTime;

/// All state of the dashboard.
#[derive(Debug)]
pub struct App {
    /// The clock, stamped by the run loop before each update (render never reads a clock).
    pub now: OffsetDateTime,
    /// Terminal size, from the last resize.
    pub size: (u16, u16),
    /// The tab on screen.
    pub tab: Tab,
    /// Help or a question over the tab.
    pub overlay: Option<Overlay>,
    /// Keys.
    pub keymap: KeyMap,
    /// Write actions hidden and refused.
    pub read_only: bool,
    /// Running against the embedded sandbox.
    pub sandbox: bool,
    /// Colours and modifiers.
    pub styles: Styles,
    /// Where updash runs.
    pub environment: Environment,
    /// Spinner frame, advanced only while something visible loads.
    pub spinner_frame: usize,
    /// Result and error messages.
    pub toasts: Toasts,
    /// Every tab's state.
    pub tabs: Tabs,
    /// The id of the account the status bar and the tabs are about.
    pub active_account: Option<String>,
    /// Set once quitting.
    pub should_quit: bool,
    last_request: u64,
}

impl App {
    /// A fresh dashboard on the Accounts tab; `update(Action::Start)` loads the accounts.
    pub fn new(init: AppInit) -> Self {
        Self {
            now: init.now,
            size: (80, 24),
            tab: Tab::Accounts,
            overlay: None,
            tabs: Tabs::new(&init),
            keymap: init.keymap,
            read_only: init.read_only,
            sandbox: init.sandbox,
            styles: init.styles,
            environment: init.environment,
            spinner_frame: 0,
            toasts: Toasts::default(),
            active_account: None,
            should_quit: false,
            last_request: 0,
        }
    }

    /// Where keys go now.
    pub fn key_context(&self) -> KeyContext {
        match &self.overlay {
            Some(Overlay::Help { .. }) => KeyContext::Help,
            Some(Overlay::Confirm(_)) => KeyContext::Confirm,
            Some(Overlay::Unlock(_)) => KeyContext::Unlock,
            None => self.tabs.get(self.tab).key_context(),
        }
    }

    /// The active account's row.
    pub fn active_account(&self) -> Option<&AccountRow> {
        self.tabs.accounts.row(self.active_account.as_deref()?)
    }

    /// Whether a spinner is on screen (the loop ticks only then).
    pub fn spinner_visible(&self) -> bool {
        match &self.overlay {
            Some(Overlay::Unlock(prompt)) => prompt.pending.is_some(),
            _ => self.tabs.get(self.tab).busy(),
        }
    }

    /// Opens the passphrase dialog: the credentials are locked, so nothing loads until they
    /// are unlocked (call before the first update).
    pub fn ask_for_passphrase(&mut self) {
        self.overlay = Some(Overlay::Unlock(super::overlay::UnlockPrompt::default()));
    }

    /// Whether the passphrase dialog is open.
    pub fn locked(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Unlock(_)))
    }

    /// A new request id for an app-level request (its answer is taken before any tab's).
    pub fn request(&mut self) -> super::request::RequestId {
        self.last_request += 1;
        super::request::RequestId {
            tab: self.tab,
            n: self.last_request,
        }
    }

    /// What the update of `tab` reads; the tab states are borrowed apart from it.
    pub fn context(&mut self, tab: Tab) -> (&mut Tabs, Context<'_>) {
        let ctx = Context {
            now: self.now,
            size: self.size,
            read_only: self.read_only,
            sandbox: self.sandbox,
            keymap: &self.keymap,
            environment: &self.environment,
            active_account: self.active_account.as_deref(),
            shown: self.tab,
            tab,
            last_request: &mut self.last_request,
        };
        (&mut self.tabs, ctx)
    }

    /// What the views read.
    pub fn view_context(&self) -> ViewContext<'_> {
        ViewContext {
            styles: &self.styles,
            keymap: &self.keymap,
            now: self.now,
            spinner: spinner::glyph(self.spinner_frame),
            environment: &self.environment,
            active_account: self.active_account(),
        }
    }
}
