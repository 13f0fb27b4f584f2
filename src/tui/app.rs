//! The dashboard's whole state: one owner (the run loop), changed only by `update`.

use super::effect::{Effect, RequestId};
use super::keymap::{KeyContext, KeyMap};
use super::places::accounts::AccountsState;
use super::places::connect::{ConnectState, ConnectStep};
use super::places::databases::DatabasesState;
use super::theme::Styles;
use super::toast::{ToastKind, Toasts};
use super::view_model::{AccountRow, ConnectChoice};
use time::OffsetDateTime;

/// The tabs of the dashboard, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Choose how to connect an account; runs sign-ins.
    Connect,
    /// The connected accounts.
    Accounts,
    /// The active account's databases.
    Databases,
}

impl Place {
    /// Every place, in tab order.
    pub const ALL: [Place; 3] = [Place::Connect, Place::Accounts, Place::Databases];

    /// Tab title.
    pub fn title(self) -> &'static str {
        match self {
            Place::Connect => "Connect",
            Place::Accounts => "Accounts",
            Place::Databases => "Databases",
        }
    }

    /// Position in [`Place::ALL`].
    pub fn index(self) -> usize {
        Place::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The place `step` tabs away, wrapping around.
    pub fn cycle(self, step: isize) -> Place {
        let n = Place::ALL.len() as isize;
        Place::ALL[(self.index() as isize + step).rem_euclid(n) as usize]
    }
}

/// A layer drawn over the place; it takes every key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The keys of the context help was opened from.
    Help {
        /// The context whose keys are listed.
        context: KeyContext,
        /// First line shown (the list scrolls on short terminals).
        scroll: u16,
    },
    /// A yes/no question before a destructive action.
    Confirm(Confirmation),
    /// Issue 6: a new label for an account.
    Rename(RenameDialog),
}

/// The rename dialog: which account, and the label being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameDialog {
    /// The account.
    pub account_id: String,
    /// The label typed so far (starts with the current one).
    pub input: super::text_input::TextInput,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

/// A yes/no question and what "yes" does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    /// Title of the dialog.
    pub title: String,
    /// The question, naming what is affected.
    pub question: String,
    /// What happens on "yes".
    pub intent: ConfirmIntent,
}

/// Destructive actions that wait for a "yes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmIntent {
    /// Disconnect an account.
    Disconnect {
        /// The account.
        account_id: String,
    },
    /// Reset a database's password.
    ResetPassword {
        /// The database.
        database_id: String,
    },
}

/// Facts about where updash runs, read once at start (rendering never reads the env).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// Set when running over SSH: the host name or address to put in the `ssh -L` hint.
    pub ssh_host: Option<String>,
}

impl Environment {
    /// Reads `SSH_CONNECTION` / `SSH_TTY` (the server address is the third field).
    pub fn detect() -> Self {
        let connection = std::env::var("SSH_CONNECTION").ok();
        let tty = std::env::var_os("SSH_TTY").is_some();
        let host = connection
            .as_deref()
            .and_then(|c| c.split_whitespace().nth(2))
            .map(str::to_string);
        let ssh_host = match (host, tty) {
            (Some(h), _) => Some(h),
            (None, true) => Some("this-host".to_string()),
            (None, false) => None,
        };
        Self { ssh_host }
    }
}

/// How the dashboard starts.
#[derive(Debug, Clone)]
pub struct AppInit {
    /// The key map (defaults plus `[keys]`).
    pub keymap: KeyMap,
    /// The connect choices (from the configured providers).
    pub choices: Vec<ConnectChoice>,
    /// Hide and refuse write actions.
    pub read_only: bool,
    /// Running against the embedded sandbox (`--sandbox`).
    pub sandbox: bool,
    /// Colours.
    pub styles: Styles,
    /// Where updash runs.
    pub environment: Environment,
    /// The clock at start.
    pub now: OffsetDateTime,
}

/// All state of the dashboard.
#[derive(Debug)]
pub struct App {
    /// The clock, stamped by the run loop before each update (render never reads a clock).
    pub now: OffsetDateTime,
    /// Terminal size, from the last resize.
    pub size: (u16, u16),
    /// The visible tab.
    pub place: Place,
    /// Help or a question over the place.
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
    /// The Connect tab.
    pub connect: ConnectState,
    /// The Accounts tab.
    pub accounts: AccountsState,
    /// The Databases tab.
    pub databases: DatabasesState,
    /// The account the status bar and the Databases tab are about.
    pub active_account: Option<String>,
    /// Set once quitting.
    pub should_quit: bool,
    next_request: u64,
}

impl App {
    /// A fresh dashboard; `update(Action::Start)` loads the accounts.
    pub fn new(init: AppInit) -> Self {
        Self {
            now: init.now,
            size: (80, 24),
            place: Place::Accounts,
            overlay: None,
            keymap: init.keymap,
            read_only: init.read_only,
            sandbox: init.sandbox,
            styles: init.styles,
            environment: init.environment,
            spinner_frame: 0,
            toasts: Toasts::default(),
            connect: ConnectState::new(init.choices),
            accounts: AccountsState::default(),
            databases: DatabasesState::default(),
            active_account: None,
            should_quit: false,
            next_request: 0,
        }
    }

    /// A new request id (ids only grow, so an old answer never matches a new request).
    pub fn new_request(&mut self) -> RequestId {
        self.next_request += 1;
        RequestId(self.next_request)
    }

    /// Where keys go now.
    pub fn key_context(&self) -> KeyContext {
        match &self.overlay {
            Some(Overlay::Help { .. }) => return KeyContext::Help,
            Some(Overlay::Confirm(_)) => return KeyContext::Confirm,
            Some(Overlay::Rename(_)) => return KeyContext::Rename,
            None => {}
        }
        match self.place {
            Place::Connect => match self.connect.step {
                ConnectStep::Choose => KeyContext::Connect,
                ConnectStep::ApiKeyForm(_) => KeyContext::ApiKeyForm,
                ConnectStep::SignIn(_) => KeyContext::SignIn,
                ConnectStep::KeyboardSignIn(_) => KeyContext::ApiKeyForm,
                ConnectStep::Failed(_) => KeyContext::SignInFailed,
                ConnectStep::DeviceSignIn(_) => KeyContext::DeviceSignIn,
            },
            Place::Accounts => KeyContext::Accounts,
            Place::Databases => self.databases.key_context(),
        }
    }

    /// The active account's row.
    pub fn active_account(&self) -> Option<&AccountRow> {
        let id = self.active_account.as_deref()?;
        self.accounts.rows.iter().find(|a| a.id == id)
    }

    /// Whether a spinner is on screen (the loop ticks only then).
    pub fn spinner_visible(&self) -> bool {
        match self.place {
            Place::Connect => self.connect.is_busy(),
            Place::Accounts => self.accounts.loading.is_loading(),
            Place::Databases => self.databases.is_busy(),
        }
    }

    /// Shows a toast and asks for a wake-up when it expires.
    pub fn toast(&mut self, kind: ToastKind, text: impl Into<String>, fx: &mut Vec<Effect>) {
        let expires_at = self.toasts.push(kind, text.into(), self.now);
        fx.push(Effect::WakeAt(expires_at));
    }

    /// Rows that fit in one page of a list (for page up/down).
    pub fn page_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(8)).max(1)
    }
}

/// The latest request of one kind; answers to any other request are stale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pending(Option<RequestId>);

impl Pending {
    /// Marks `request` as the one whose answer is awaited.
    pub fn start(&mut self, request: RequestId) {
        self.0 = Some(request);
    }

    /// Whether an answer is awaited.
    pub fn is_loading(&self) -> bool {
        self.0.is_some()
    }

    /// Accepts the answer to `request` if it is the awaited one (and stops waiting).
    pub fn finish(&mut self, request: RequestId) -> bool {
        if self.0 == Some(request) {
            self.0 = None;
            true
        } else {
            false
        }
    }

    /// Stops waiting; a late answer will be dropped.
    pub fn cancel(&mut self) {
        self.0 = None;
    }
}
