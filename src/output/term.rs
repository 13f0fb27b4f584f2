//! Writing to stdout and stderr: every line through the sanitiser, and never a panic.
//!
//! `println!` and `eprintln!` panic when the write fails, which is exactly what happens when
//! the terminal under updash is gone (an SSH connection that dropped answers every write
//! with EIO). A command must still shut down in order then (close its ports, save the
//! sandbox), so everything the CLI prints goes through here: a failed write is returned or
//! ignored, and the terminal's hang-up is remembered for the exit code.

use super::sanitize::sanitize;
use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once the session hung up: SIGHUP, end of input on the terminal, or a failed write.
static HUNG_UP: AtomicBool = AtomicBool::new(false);
/// Set once a write found the terminal gone (EIO, ENXIO): later writes need not be tried.
static GONE: AtomicBool = AtomicBool::new(false);

/// `text` with each line sanitised; the line breaks themselves are kept.
pub fn sanitize_lines(text: &str) -> Cow<'_, str> {
    if !text
        .split('\n')
        .any(|line| matches!(sanitize(line), Cow::Owned(_)))
    {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(sanitize).collect();
    Cow::Owned(lines.join("\n"))
}

/// Whether `e` says the terminal is gone rather than, say, a closed pipe.
pub fn is_hang_up(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EIO) | Some(libc::ENXIO))
}

/// Remembers that the terminal is gone when `e` says so; returns `e`.
pub fn note_error(e: io::Error) -> io::Error {
    if is_hang_up(&e) {
        GONE.store(true, Ordering::SeqCst);
        HUNG_UP.store(true, Ordering::SeqCst);
    }
    e
}

/// Whether a write already found the terminal gone.
pub fn terminal_gone() -> bool {
    GONE.load(Ordering::SeqCst)
}

/// Whether the session hung up: a write found the terminal gone, or [`note_hang_up`] was
/// called.
pub fn hung_up() -> bool {
    HUNG_UP.load(Ordering::SeqCst)
}

/// Records that the terminal hung up (end of input on it, or SIGHUP).
pub fn note_hang_up() {
    HUNG_UP.store(true, Ordering::SeqCst);
}

fn write_to(mut w: impl Write, text: &str) -> io::Result<()> {
    w.write_all(sanitize_lines(text).as_bytes())
        .and_then(|()| w.flush())
        .map_err(note_error)
}

/// Writes `text` to stdout, each line sanitised.
pub fn out(text: &str) -> io::Result<()> {
    write_to(io::stdout().lock(), text)
}

/// Writes `text` to stderr, each line sanitised; errors are dropped (there is nowhere left to
/// report them), never a panic.
pub fn err(text: &str) {
    let _ = write_to(io::stderr().lock(), text);
}

/// Rewrites the current stderr line (`\r` then `text`): progress that replaces itself.
pub fn progress(text: &str) {
    let mut e = io::stderr().lock();
    let _ = e.write_all(b"\r").map_err(note_error);
    let _ = write_to(e, text);
}

/// Prints a line on stdout like `println!`, sanitised, ignoring a failed write.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        let mut line = format!($($arg)*);
        line.push('\n');
        let _ = $crate::output::term::out(&line);
    }};
}

/// Prints a line on stderr like `eprintln!`, sanitised, never panicking.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        let mut line = format!($($arg)*);
        line.push('\n');
        $crate::output::term::err(&line);
    }};
}

/// Prints on stderr like `eprint!` (a prompt), sanitised, never panicking.
#[macro_export]
macro_rules! err_print {
    ($($arg:tt)*) => {{
        $crate::output::term::err(&format!($($arg)*));
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_sanitised_and_kept_apart() {
        assert!(matches!(sanitize_lines("a\nb\n"), Cow::Borrowed(_)));
        assert_eq!(
            sanitize_lines("name: x\u{1b}]0;T\u{7}\nnext\u{202e}\n"),
            "name: x\\x1b]0;T\\a\nnext\\u{202e}\n"
        );
        assert_eq!(sanitize_lines("a\rb"), "a\\rb");
    }

    #[test]
    fn hang_up_errors_are_told_from_others() {
        assert!(is_hang_up(&io::Error::from_raw_os_error(libc::EIO)));
        assert!(!is_hang_up(&io::Error::from_raw_os_error(libc::EPIPE)));
    }
}
