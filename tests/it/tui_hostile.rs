//! Hostile text from a provider reaches the dashboard's terminal only as visible escapes:
//! every control character, U+200B and U+202E in database names, regions, states,
//! endpoints, account labels, emails, teams, toasts and errors. Each screen is drawn into a
//! buffer (no cell may hold a raw character, the escapes must show) and through crossterm
//! into bytes (nothing but the dashboard's own cursor and colour sequences may reach the
//! terminal), and the frame's borders stay in their columns.

use crate::cli_hostile::hostile;
use crate::tui_db_screens::answer;
use crate::tui_support::{self, key};
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use std::io::Write;
use std::sync::{Arc, Mutex};
use updash::tui::{AccountRow, Action, App, render, update};
use updash::upstash::Database;

/// A right-to-left override, a zero-width space and a title change, short enough to show in
/// a column.
const SHORT: &str = "x\u{202e}y\u{200b}z\u{1b}]0;T\u{7}";

fn hostile_databases() -> Vec<Database> {
    let h = hostile();
    tui_support::databases()
        .into_iter()
        .map(|mut db| {
            // The escapes that must show come first, where a narrow column still has them.
            db.database_name = format!("{SHORT}{}{h}", db.database_name);
            db.state = Some(h.clone());
            db.endpoint = Some(h.clone());
            db.plan = Some(h.clone());
            db.read_regions = vec![h.clone()];
            db
        })
        .collect()
}

fn hostile_accounts() -> Vec<AccountRow> {
    let h = hostile();
    tui_support::accounts()
        .into_iter()
        .map(|mut a| {
            a.label = format!("{}{SHORT}{h}", a.label);
            a.email = h.clone();
            a.team = Some(h.clone());
            a.api_key_name = Some(h.clone());
            a
        })
        .collect()
}

/// The dashboard on the Databases tab of a hostile account, hostile databases loaded.
fn hostile_app() -> App {
    let app = tui_support::app(false, false);
    let mut app = tui_support::started_with_accounts(app, hostile_accounts());
    key(&mut app, "j");
    let fx = key(&mut app, "enter");
    answer(&mut app, fx, &hostile_databases());
    app
}

/// `Write` into a shared buffer.
#[derive(Clone, Default)]
struct Bytes(Arc<Mutex<Vec<u8>>>);

impl Write for Bytes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What reaches the terminal once the dashboard's own CSI sequences (cursor moves, colours:
/// ESC [ parameters final-byte) are taken out.
fn without_own_sequences(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for p in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&p) {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Draws `app` at `w`x`h` and checks the buffer, the bytes and the borders.
fn check(what: &str, app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    for cell in &buffer.content {
        let s = cell.symbol();
        assert_eq!(
            updash::output::sanitize(s),
            s,
            "{what}: a raw character in a cell"
        );
    }
    // The frame's right border: every body row ends on a border character.
    for y in 1..h.saturating_sub(2) {
        let last = buffer[(w - 1, y)].symbol();
        assert!(
            ["│", "┐", "┘", "┤", "┌", "└"].contains(&last) || last == " ",
            "{what}: row {y} ends on {last:?}:\n{}",
            terminal.backend()
        );
    }
    let bytes = Bytes::default();
    let mut real = Terminal::with_options(
        CrosstermBackend::new(bytes.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .unwrap();
    real.draw(|f| render(app, f)).unwrap();
    let written = without_own_sequences(&bytes.0.lock().unwrap());
    for c in written.chars() {
        assert_eq!(
            updash::output::sanitize(c.encode_utf8(&mut [0; 4]))
                .chars()
                .count(),
            1,
            "{what}: {c:?} reached the terminal"
        );
    }
    format!("{}", terminal.backend())
}

#[test]
fn hostile_text_is_drawn_escaped_on_every_screen() {
    let mut app = hostile_app();
    let table = check("table", &app, 100, 24);
    assert!(
        table.contains("x\\u{202e}y\\u{200b}z\\x1b]0;T\\a"),
        "the escapes show:\n{table}"
    );
    check("table, wide with details", &app, 160, 40);
    key(&mut app, "enter");
    let details = check("details", &app, 160, 40);
    assert!(details.contains("x\\u{202e}y\\u{200b}z"), "{details}");
    key(&mut app, "esc");
    key(&mut app, "n");
    check("rename", &app, 100, 24);
    key(&mut app, "esc");
    key(&mut app, "d");
    check("delete", &app, 100, 24);
    key(&mut app, "esc");
    update(
        &mut app,
        Action::Notify(updash::tui::toast::ToastKind::Error, hostile()),
    );
    let toast = check("toast", &app, 100, 24);
    assert!(toast.contains("evil\\x00\\x01"), "{toast}");
    key(&mut app, "2");
    let accounts = check("accounts", &app, 120, 24);
    assert!(accounts.contains("x\\u{202e}y"), "{accounts}");
}

/// The Data tab: key names in the list and the tree, a string value, a hash's fields and
/// values, each with every control character, U+200B and U+202E.
#[test]
fn hostile_keys_and_values_are_drawn_escaped_on_the_data_tab() {
    use crate::tui_data_fixture::{Db, on_data, press, set_pattern};
    let h = hostile();
    let mut db = Db::empty();
    db.exec(&["SET", &format!("a{SHORT}{h}"), &format!("{SHORT}{h}")])
        .unwrap();
    db.exec(&["HSET", &format!("b{SHORT}{h}"), &format!("{SHORT}{h}"), &h])
        .unwrap();
    let mut app = on_data(&mut db, 120, 40);
    let keys = check("data keys", &app, 120, 40);
    assert!(keys.contains("ax\\u{202e}y\\u{200b}z"), "{keys}");
    check("data keys, narrow", &app, 80, 24);
    press(&mut app, &mut db, "T");
    check("data tree", &app, 120, 40);
    press(&mut app, &mut db, "T");
    set_pattern(&mut app, &mut db, "a*");
    press(&mut app, &mut db, "enter");
    let string = check("data string", &app, 120, 40);
    assert!(string.contains("\\x1b]0;PWNED\\a"), "{string}");
    press(&mut app, &mut db, "esc");
    set_pattern(&mut app, &mut db, "b*");
    press(&mut app, &mut db, "enter");
    let hash = check("data hash", &app, 120, 40);
    assert!(hash.contains("x\\u{202e}y"), "{hash}");
}
