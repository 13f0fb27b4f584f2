//! The Data tab driven by hand against an embedded keyspace holding the sandbox's demo data
//! (the engine the sandbox serves, called directly): every `Effect::Redis` is answered at
//! once from it, at the tests' fixed clock, so screens are deterministic.

use crate::tui_db_screens::on_databases;
use crate::tui_support::{NOW, databases, key};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use updash::redis::{RedisError, Reply};
use updash::tui::{Action, Answer, App, Effect, RedisBatch, RedisResults, update};
use updash_keyspace::{Keyspace, Reply as KsReply};

/// The fixed clock in milliseconds.
pub fn now_ms() -> u64 {
    (NOW.unix_timestamp() * 1000) as u64
}

/// A database's keys, and what was sent to it.
pub struct Db {
    keyspace: Keyspace,
    /// Every batch sent, in order.
    pub sent: Vec<RedisBatch>,
    /// Answer every request with this failure instead (e.g. an unreachable endpoint).
    pub fail_with: Option<updash::tui::ServiceError>,
}

impl Db {
    /// The sandbox's demo data set.
    pub fn demo() -> Self {
        let mut keyspace = Keyspace::new();
        keyspace.seed_demo(now_ms());
        Self::of(keyspace)
    }

    /// An empty database.
    pub fn empty() -> Self {
        Self::of(Keyspace::new())
    }

    fn of(keyspace: Keyspace) -> Self {
        Self {
            keyspace,
            sent: Vec::new(),
            fail_with: None,
        }
    }

    /// Adds `n` keys of mixed types (the sandbox's `--seed-keys`).
    pub fn bulk(&mut self, n: usize) {
        self.keyspace.seed_bulk(n, now_ms());
    }

    /// Runs one command now (to prepare data).
    pub fn exec(&mut self, args: &[&str]) -> Result<Reply, RedisError> {
        convert(self.keyspace.execute(args, now_ms()))
    }

    /// Runs a batch as the REST API would.
    pub fn run(&mut self, batch: &RedisBatch) -> RedisResults {
        self.sent.push(batch.clone());
        batch
            .commands
            .iter()
            .map(|c| convert(self.keyspace.execute(c, now_ms())))
            .collect()
    }

    /// Every command sent, each as one line ("SCAN 0 MATCH * …").
    pub fn commands(&self) -> Vec<String> {
        self.sent
            .iter()
            .flat_map(|b| b.commands.iter().map(|c| c.join(" ")))
            .collect()
    }
}

/// A keyspace reply as the REST client decodes it.
fn convert(reply: KsReply) -> Result<Reply, RedisError> {
    Ok(match reply {
        KsReply::Status(s) if s == "OK" => Reply::Ok,
        KsReply::Status(s) => Reply::Bytes(s.into_bytes()),
        KsReply::Error(e) => return Err(RedisError::from_server_text(&e)),
        KsReply::Int(n) => Reply::Int(n),
        KsReply::Bulk(b) => Reply::Bytes(b),
        KsReply::Nil | KsReply::NilArray => Reply::Nil,
        KsReply::Array(items) => Reply::Array(
            items
                .into_iter()
                .map(|i| convert(i).unwrap_or(Reply::Nil))
                .collect(),
        ),
    })
}

/// Answers every Redis request among `effects` (and the ones their answers start);
/// returns the other effects.
pub fn pump(app: &mut App, db: &mut Db, effects: Vec<Effect>) -> Vec<Effect> {
    let mut rest = Vec::new();
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let answer = match effect {
            Effect::Redis { request, batch, .. } => {
                let result = match &db.fail_with {
                    Some(e) => Err(e.clone()),
                    None => Ok(db.run(&batch)),
                };
                Some((request, Answer::RedisDone(result)))
            }
            Effect::LoadHistory { request } => Some((request, Answer::HistoryLoaded(Ok(vec![])))),
            other => {
                rest.push(other);
                None
            }
        };
        if let Some((request, answer)) = answer {
            queue.extend(update(app, Action::Answer { request, answer }));
        }
    }
    rest
}

/// Presses `k` and answers what it asks; returns the effects that are not Redis requests.
pub fn press(app: &mut App, db: &mut Db, k: &str) -> Vec<Effect> {
    let fx = key(app, k);
    pump(app, db, fx)
}

/// The texts of the toasts shown.
pub fn toasts(app: &App) -> Vec<String> {
    app.toasts.iter().map(|t| t.text.clone()).collect()
}

/// Types `text` and answers what it asks.
pub fn type_in(app: &mut App, db: &mut Db, text: &str) {
    for c in text.chars() {
        let fx = update(
            app,
            Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
        pump(app, db, fx);
    }
}

/// The dashboard at `width`x`height` with the fixture's "sessions" database open in Data.
pub fn on_data(db: &mut Db, width: u16, height: u16) -> App {
    let mut app = on_databases(&databases());
    update(&mut app, Action::Resize(width, height));
    let _ = press(&mut app, db, "b");
    app
}

/// Scans for exactly `name` and opens its value on the whole tab.
pub fn open_key(app: &mut App, db: &mut Db, name: &str) {
    set_pattern(app, db, name);
    press(app, db, "enter");
}

/// Types `pattern` in place of the one set and scans with it.
pub fn set_pattern(app: &mut App, db: &mut Db, pattern: &str) {
    press(app, db, "/");
    press(app, db, "ctrl-u");
    type_in(app, db, pattern);
    press(app, db, "enter");
}

/// How many keys are loaded.
pub fn loaded(app: &App) -> usize {
    app.tabs
        .data
        .open
        .as_ref()
        .map_or(0, |o| o.list.store.len())
}

/// Runs one command on `db` now (to prepare or check data).
pub fn exec(db: &mut Db, args: &[&str]) -> Reply {
    db.exec(args).expect("command runs")
}

/// Sends the review on screen (there must be one).
pub fn send(app: &mut App, db: &mut Db) {
    let shown = crate::tui_support::screen(app, 120, 40);
    assert!(shown.contains("updash will send to"), "no review:\n{shown}");
    press(app, db, "enter");
}
