//! The Databases pane with 10,000 databases: one filter keystroke and one cursor move
//! (update + render at 120x40 on a `TestBackend`), plus, before the timings, the resident
//! memory of the loaded app and the bytes one cursor move writes to a terminal.
//!
//! Run: `cargo bench --bench tui_databases`.

#[path = "../tests/it/tui_db_fixture.rs"]
mod fixture;

use criterion::{Criterion, criterion_group};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::hint::black_box;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use updash::tui::keymap::KeyChord;
use updash::tui::{
    AccountRow, Action, Answer, App, AppInit, Effect, KeyMap, Styles, render, update,
};

const N: usize = 10_000;
/// Resident memory allowed for the loaded dashboard.
const RSS_LIMIT_KB: u64 = 40 * 1024;

fn press(app: &mut App, key: &str) {
    let chord = match KeyChord::parse(key) {
        Ok(c) => c,
        Err(e) => panic!("bench key {key}: {e}"),
    };
    update(app, Action::Key(KeyEvent::new(chord.code, chord.modifiers)));
}

/// The dashboard on the Databases tab with `N` databases loaded.
fn loaded_app() -> App {
    let mut app = App::new(AppInit {
        keymap: KeyMap::defaults(),
        choices: Vec::new(),
        read_only: false,
        sandbox: true,
        styles: Styles::default(),
        environment: Default::default(),
        now: time::OffsetDateTime::UNIX_EPOCH,
        account: None,
        refresh_secs: 0,
        delimiters: vec![":".into()],
    });
    update(&mut app, Action::Resize(120, 40));
    let mut pending = update(&mut app, Action::Start);
    let mut databases = Some(fixture::generated_databases(N));
    while let Some(effect) = pending.pop() {
        let next = match effect {
            Effect::LoadAccounts { request } => update(
                &mut app,
                Action::Answer {
                    request,
                    answer: Answer::AccountsLoaded(Ok(vec![AccountRow {
                        id: "acc".into(),
                        label: "demo".into(),
                        provider: "sandbox".into(),
                        email: "operator@example.com".into(),
                        team: None,
                        token_expires_at: None,
                        needs_sign_in: false,
                        is_default: true,
                        api_key_name: None,
                        has_api_key: true,
                    }])),
                },
            ),
            Effect::LoadDatabases { request, .. } => update(
                &mut app,
                Action::Answer {
                    request,
                    answer: Answer::DatabasesLoaded(Ok(databases.take().unwrap_or_default())),
                },
            ),
            _ => Vec::new(),
        };
        pending.extend(next);
    }
    press(&mut app, "3");
    assert_eq!(app.tabs.databases.table.total(), N, "all databases loaded");
    app
}

fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[derive(Clone, Default)]
struct Counting(Arc<AtomicUsize>);

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.fetch_add(buf.len(), Ordering::SeqCst);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Memory of the loaded app, and terminal bytes of a full frame vs one cursor move.
fn report_memory_and_diff() {
    let before = rss_kb().unwrap_or(0);
    let mut app = loaded_app();
    let mut terminal = match Terminal::new(TestBackend::new(120, 40)) {
        Ok(t) => t,
        Err(e) => panic!("terminal: {e}"),
    };
    let _ = terminal.draw(|f| render(&app, f));
    let after = rss_kb().unwrap_or(0);
    println!(
        "resident memory with {N} databases loaded and drawn: {after} kB \
         (process before loading: {before} kB)"
    );
    assert!(
        after < RSS_LIMIT_KB,
        "VmRSS {after} kB over {RSS_LIMIT_KB} kB"
    );

    let written = Counting::default();
    let mut tty = match Terminal::with_options(
        CrosstermBackend::new(written.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)),
        },
    ) {
        Ok(t) => t,
        Err(e) => panic!("terminal: {e}"),
    };
    let _ = tty.draw(|f| render(&app, f));
    let full = written.0.load(Ordering::SeqCst);
    press(&mut app, "j");
    let _ = tty.draw(|f| render(&app, f));
    let one_move = written.0.load(Ordering::SeqCst) - full;
    println!(
        "terminal bytes: full redraw {full}, one cursor move {one_move} ({:.1}%)",
        one_move as f64 * 100.0 / full as f64
    );
    assert!(
        one_move * 4 < full,
        "a cursor move rewrote most of the screen"
    );
}

fn databases(c: &mut Criterion) {
    let mut app = loaded_app();
    let mut terminal = match Terminal::new(TestBackend::new(120, 40)) {
        Ok(t) => t,
        Err(e) => panic!("terminal: {e}"),
    };
    let _ = terminal.draw(|f| render(&app, f));

    // Filter: from the empty query, type a letter, then erase it; each keystroke rescans
    // all 10,000 rows (neither is the narrowing shortcut) and redraws.
    press(&mut app, "/");
    let mut typed = false;
    c.bench_function(
        "filter keystroke, 10,000 rows (update + render 120x40)",
        |b| {
            b.iter(|| {
                let key = if typed {
                    KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
                } else {
                    KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE)
                };
                typed = !typed;
                update(&mut app, Action::Key(key));
                let _ = terminal.draw(|f| render(black_box(&app), f));
            })
        },
    );
    press(&mut app, "esc");

    let mut down = true;
    c.bench_function("cursor move, 10,000 rows (update + render 120x40)", |b| {
        b.iter(|| {
            press(&mut app, if down { "j" } else { "k" });
            down = !down;
            let _ = terminal.draw(|f| render(black_box(&app), f));
        })
    });
}

criterion_group!(benches, databases);

fn main() {
    report_memory_and_diff();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
