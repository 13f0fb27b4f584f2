//! Terminal setup and restore: raw mode, alternate screen, bracketed paste and (optional)
//! mouse capture go on together and come off together on every exit path — normal return,
//! error (the guard's `Drop`), and panic (a hook that restores before the message prints).
//!
//! The dashboard draws through [`TerminalOut`]: once the terminal is gone (a dropped SSH
//! connection answers writes with EIO) the first failed write is reported and every later
//! one is dropped, so nothing that writes while shutting down (ratatui's `Terminal` shows
//! the cursor when dropped, and prints to stderr when that fails) can panic.

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, IsTerminal, Stdout, Write, stdout};
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

/// stdout for the dashboard's frames: reports the write that finds the terminal gone, then
/// drops every later write.
#[derive(Debug)]
pub struct TerminalOut(Stdout);

impl TerminalOut {
    fn guard(&self, result: io::Result<()>) -> io::Result<()> {
        match result {
            Err(e) if crate::output::term::is_hang_up(&e) => {
                Err(crate::output::term::note_error(e))
            }
            other => other,
        }
    }
}

impl Write for TerminalOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if crate::output::term::terminal_gone() {
            return Ok(buf.len());
        }
        match self.0.write(buf) {
            Ok(n) => Ok(n),
            Err(e) => self.guard(Err(e)).map(|()| 0),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if crate::output::term::terminal_gone() {
            return Ok(());
        }
        let result = self.0.flush();
        self.guard(result)
    }
}

/// Takes over the terminal; the guard gives it back.
pub fn enter(mouse: bool) -> io::Result<(Terminal<CrosstermBackend<TerminalOut>>, TerminalGuard)> {
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
    let terminal = Terminal::new(CrosstermBackend::new(TerminalOut(stdout())))?;
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
