//! Terminal setup and restore: raw mode, alternate screen, bracketed paste and (optional)
//! mouse capture go on together and come off together on every exit path — normal return,
//! error (the guard's `Drop`), and panic (a hook that restores before the message prints).

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, IsTerminal, Stdout, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static SUSPENDED: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// Restores the terminal when dropped.
#[derive(Debug)]
pub struct TerminalGuard(());

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Takes over the terminal; the guard gives it back.
pub fn enter(mouse: bool) -> io::Result<(Terminal<CrosstermBackend<Stdout>>, TerminalGuard)> {
    if !stdout().is_terminal() {
        return Err(io::Error::other(
            "the dashboard needs a terminal on stdout; use the subcommands for scripts",
        ));
    }
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
    MOUSE.store(mouse, Ordering::SeqCst);
    ACTIVE.store(true, Ordering::SeqCst);
    // From here on the guard undoes whatever part succeeded.
    let guard = TerminalGuard(());
    enable_raw_mode()?;
    let mut out = stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    // Cleared directly: `Terminal::clear` would first ask the terminal for the cursor
    // position and wait for the answer, which some terminals never send.
    execute!(out, Clear(ClearType::All), cursor::MoveTo(0, 0))?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok((terminal, guard))
}

/// Undoes `enter` once; later calls do nothing. Errors are ignored: there is nowhere left
/// to report them, and every step must still be tried.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Gives the terminal back for a while (an external editor runs in it); [`resume`] takes
/// it again. Does nothing when the dashboard does not hold the terminal.
pub fn suspend() {
    if ACTIVE.load(Ordering::SeqCst) {
        restore();
        SUSPENDED.store(true, Ordering::SeqCst);
    }
}

/// Takes the terminal again after [`suspend`]: raw mode, alternate screen, paste, mouse.
pub fn resume() -> io::Result<()> {
    if !SUSPENDED.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    let mut out = stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(out, EnableMouseCapture)?;
    }
    execute!(out, Clear(ClearType::All), cursor::MoveTo(0, 0))
}

/// Copies text to the clipboard of the terminal's owner with OSC 52 (works over SSH).
pub fn copy_osc52(text: &str) -> io::Result<()> {
    execute!(
        stdout(),
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    )
}
