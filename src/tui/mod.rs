//! The terminal dashboard.
//!
//! Shape: one [`App`] holds all state; every input becomes an [`Action`]; [`update`] is
//! synchronous and returns [`Effect`]s; the run loop executes them through [`Services`] on
//! tokio tasks that answer with actions tagged by [`RequestId`] (stale answers are dropped);
//! [`render`] is a pure function of the app. Keys come from the [`KeyMap`] table, which also
//! generates the help overlay and the hint bar.

pub mod action;
pub mod app;
mod dashboard;
pub mod effect;
mod effects;
pub mod keymap;
pub mod live;
pub mod places;
mod run_loop;
pub mod services;
pub mod terminal;
pub mod text_input;
pub mod theme;
pub mod time_text;
pub mod toast;
mod update;
pub mod view;
pub mod view_model;

pub use action::Action;
pub use app::{App, AppInit, Environment, Place};
pub use dashboard::{DashboardOptions, run_dashboard};
pub use effect::{Effect, RequestId};
pub use keymap::{Command, KeyContext, KeyMap, KeyMapError};
pub use run_loop::{LoopStats, SPINNER_PERIOD, event_action, run};
pub use services::{
    AccountChange, AttemptId, DeviceSignInStarted, ServiceError, ServiceErrorKind, ServiceFuture,
    Services, SignInStarted,
};
pub use theme::Styles;
pub use update::{run_command, update};
pub use view::render;
pub use view_model::{AccountRow, ChoiceKind, ConnectChoice};
