//! The terminal dashboard.
//!
//! Shape: one [`App`] holds all state; every input becomes an [`Action`]; [`update`] is
//! synchronous, routes each action to the tab it belongs to and applies the tab's
//! [`Outcome`] (effects, and requests such as "go to tab X"); the run loop executes the
//! [`Effect`]s through [`Services`] on tokio tasks that answer tagged by [`RequestId`] (stale
//! answers are dropped); [`render`] is a pure function of the app. Each tab is a folder under
//! `tabs/` with its state, update and view; the tab list is `tab.rs`. Keys come from the
//! [`KeyMap`] table, which also generates the help overlay and the hint bar.

pub mod action;
pub mod app;
pub mod context;
mod dashboard;
pub mod effect;
mod effects;
pub mod events;
pub mod init;
pub mod keymap;
pub mod layout;
pub mod list;
pub mod live;
pub mod overlay;
pub mod request;
mod run_loop;
pub mod services;
pub mod spinner;
pub mod tab;
pub mod tab_state;
pub mod tabs;
pub mod terminal;
pub mod text_input;
pub mod theme;
pub mod time_text;
pub mod toast;
mod update;
pub mod view;
pub mod view_model;

pub use action::{Action, Answer};
pub use app::App;
pub use dashboard::{DashboardOptions, run_dashboard};
pub use effect::Effect;
pub use init::{AppInit, Environment};
pub use keymap::{Command, KeyContext, KeyMap, KeyMapError};
pub use request::RequestId;
pub use run_loop::{LoopStats, SPINNER_PERIOD, event_action, run};
pub use services::{
    AccountChange, AttemptId, DataTarget, DeviceSignInStarted, RedisBatch, RedisResults,
    ServiceError, ServiceErrorKind, ServiceFuture, Services, SignInStarted,
};
pub use tab::Tab;
pub use tab_state::{Browse, Input, Outcome, Request, TabState};
pub use theme::Styles;
pub use update::{run_command, update};
pub use view::render;
pub use view_model::{AccountRow, ChoiceKind, ConnectChoice};
