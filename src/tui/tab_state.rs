//! What every tab is to the app: state that takes an [`Input`] and hands back an
//! [`Outcome`] (effects to run, [`Request`]s to the app), and a view of it. Tabs never call
//! or import each other; whatever crosses tabs goes through a request the app applies.

use super::action::Answer;
use super::context::{Context, ViewContext};
use super::effect::Effect;
use super::keymap::{Command, KeyContext};
use super::request::RequestId;
use super::services::DataTarget;
use super::tab::Tab;
use super::toast::ToastKind;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

/// A tab's state, as the app drives it.
pub trait TabState {
    /// Takes one input; returns what the app should do.
    fn update(&mut self, input: Input, ctx: &mut Context) -> Outcome;
    /// Draws the tab into `area` (the body).
    fn render(&self, ctx: &ViewContext, frame: &mut Frame, area: Rect);
    /// Draws a dialog that sits above the toasts; most tabs have none.
    fn render_popup(&self, _ctx: &ViewContext, _frame: &mut Frame, _area: Rect) {}
    /// Where keys go while the tab is shown.
    fn key_context(&self) -> KeyContext;
    /// Whether a spinner is on screen (the loop ticks only then).
    fn busy(&self) -> bool;
    /// A mark for the status bar while the tab is in a mode the operator must not miss
    /// (the Data tab's WRITE); most tabs have none.
    fn badge(&self) -> Option<&'static str> {
        None
    }
}

/// One input to a tab.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A command of the key map, pressed in one of the tab's key contexts.
    Command(Command),
    /// A key that no binding took, for the focused text input.
    Typed(KeyEvent),
    /// Pasted text, for the focused text input.
    Paste(String),
    /// A service answered one of the tab's requests.
    Answer(RequestId, Answer),
    /// The tab came on screen.
    Shown,
    /// Load again what the tab shows.
    Reload,
    /// The active account was set (it is in the context); also when set to the same one.
    AccountSet,
    /// A timer fired (the clock is in the context).
    Tick,
    /// The operator answered the tab's question: yes (`true`) or no.
    Confirmed(bool),
    /// Browse this database's keys (the Data tab).
    Browse(Browse),
    /// Sign in again in the browser at this provider.
    SignIn {
        /// The provider.
        provider: String,
    },
    /// The dashboard is quitting.
    Quit,
}

/// What a tab's update hands back: effects to run, then requests to the app, in order.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// Side effects for the run loop.
    pub effects: Vec<Effect>,
    /// What the app should do.
    pub requests: Vec<Request>,
}

impl Outcome {
    /// Adds an effect.
    pub fn effect(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// Adds a request to the app.
    pub fn request(&mut self, request: Request) {
        self.requests.push(request);
    }

    /// Asks for a toast.
    pub fn toast(&mut self, kind: ToastKind, text: impl Into<String>) {
        self.request(Request::Toast(kind, text.into()));
    }
}

/// What a tab asks of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Show this tab (it hears [`Input::Shown`]).
    GoTo(Tab),
    /// Make that tab load again what it shows (it hears [`Input::Reload`]).
    Reload(Tab),
    /// Make this account the active one, or none; every tab hears [`Input::AccountSet`].
    SetActiveAccount(Option<String>),
    /// Start the browser sign-in of this provider (the Connect tab hears [`Input::SignIn`]).
    SignIn {
        /// The provider.
        provider: String,
    },
    /// Show a toast.
    Toast(ToastKind, String),
    /// Browse a database's keys: the Data tab hears [`Input::Browse`], then comes on screen.
    Browse(Browse),
    /// Ask a yes/no question over the tab; the answer comes back as [`Input::Confirmed`].
    Confirm {
        /// Title of the dialog.
        title: String,
        /// The question, naming what is affected.
        question: String,
    },
}

/// A database to browse in the Data tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browse {
    /// The account and the database.
    pub target: DataTarget,
    /// The database's name, for the title.
    pub database_name: String,
}
