//! The Databases pane with 10,000 databases: filter, sort and movement stay correct, and a
//! cursor move writes only the changed cells to the terminal (ratatui's diff, measured as
//! the bytes a `CrosstermBackend` writes).

use crate::tui_db_fixture::generated_databases;
use crate::tui_db_screens::{answer, on_databases};
use crate::tui_support::{key, typed};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use updash::tui::{Action, App, render, update};

const N: usize = 10_000;

/// A terminal output that counts the bytes written to it.
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

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    terminal.draw(|f| render(app, f)).expect("draws");
    format!("{}", terminal.backend())
}

fn loaded() -> App {
    let mut app = on_databases(&generated_databases(N));
    update(&mut app, Action::Resize(120, 40));
    app
}

#[test]
fn ten_thousand_rows_filter_sort_and_move() {
    let mut app = loaded();
    assert!(screen(&app).contains("· 10000 of 10000"));
    key(&mut app, "G");
    let s = screen(&app);
    assert!(s.contains("▶ leaderboard-09999"), "{s}");
    key(&mut app, "g");
    key(&mut app, "/");
    typed(&mut app, "queue-0");
    // queue-00002, queue-00010, ... every 8th database below 10,000.
    let s = screen(&app);
    assert!(s.contains("· 1250 of 10000"), "{s}");
    typed(&mut app, "9");
    assert!(screen(&app).contains("· 125 of 10000"));
    typed(&mut app, "9");
    assert!(screen(&app).contains("· 12 of 10000"));
    key(&mut app, "enter");
    key(&mut app, "s");
    key(&mut app, "S");
    let s = screen(&app);
    assert!(s.contains("▶ queue-09906"), "{s}");
    // The filter survives a refresh.
    let fx = key(&mut app, "r");
    answer(&mut app, fx, &generated_databases(N));
    let s = screen(&app);
    assert!(s.contains("· 12 of 10000"), "{s}");
    assert!(s.contains("▶ queue-09906"), "{s}");
}

#[test]
fn a_cursor_move_writes_a_small_fraction_of_a_full_redraw() {
    let mut app = loaded();
    let written = Counting::default();
    let backend = CrosstermBackend::new(written.clone());
    let mut terminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)),
        },
    )
    .expect("terminal over a Vec");
    terminal.draw(|f| render(&app, f)).expect("draws");
    let full = written.0.load(Ordering::SeqCst);
    // Move down a few rows first so the window is settled, then measure one move.
    for _ in 0..3 {
        key(&mut app, "j");
        terminal.draw(|f| render(&app, f)).expect("draws");
    }
    let before = written.0.load(Ordering::SeqCst);
    key(&mut app, "j");
    terminal.draw(|f| render(&app, f)).expect("draws");
    let one_move = written.0.load(Ordering::SeqCst) - before;
    eprintln!(
        "full redraw {full} bytes, one cursor move {one_move} bytes ({:.1}%)",
        one_move as f64 * 100.0 / full as f64
    );
    assert!(
        full > 4_000,
        "a full 120x40 frame writes every cell: {full}"
    );
    assert!(
        one_move * 4 < full,
        "one move wrote {one_move} of {full} bytes"
    );
}
