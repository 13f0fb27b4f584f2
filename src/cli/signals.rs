//! What ends a foreground command from outside: a signal, or the terminal hanging up.
//!
//! Each way out has its conventional exit code (128 + the signal's number), the same for
//! the dashboard and `login`: Ctrl-C 130, SIGTERM 143, SIGHUP 129, SIGQUIT 131. A terminal
//! that hangs up without a SIGHUP reaching updash (its parent ignores SIGHUP, `nohup`, a
//! shell that does not pass it on) is noticed on the terminal itself and counts as SIGHUP.

use std::os::fd::{AsRawFd, OwnedFd};
use tokio::signal::unix::{SignalKind, signal};

/// Why a command was ended from outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Termination {
    /// SIGINT (Ctrl-C).
    Interrupt,
    /// SIGTERM.
    Terminate,
    /// SIGHUP, or the terminal hung up.
    HangUp,
    /// SIGQUIT.
    Quit,
}

impl Termination {
    /// 128 + the signal's number.
    pub fn exit_code(self) -> u8 {
        128 + match self {
            Self::HangUp => libc::SIGHUP,
            Self::Interrupt => libc::SIGINT,
            Self::Quit => libc::SIGQUIT,
            Self::Terminate => libc::SIGTERM,
        } as u8
    }

    /// The word for the log.
    pub fn name(self) -> &'static str {
        match self {
            Self::Interrupt => "SIGINT",
            Self::Terminate => "SIGTERM",
            Self::HangUp => "hang-up",
            Self::Quit => "SIGQUIT",
        }
    }
}

/// Resolves when `kind` arrives; never when it cannot be watched.
async fn on(kind: SignalKind) {
    match signal(kind) {
        Ok(mut s) => {
            s.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

/// Resolves on SIGINT, SIGTERM, SIGHUP or SIGQUIT, saying which.
pub async fn terminated() -> Termination {
    tokio::select! {
        () = on(SignalKind::interrupt()) => Termination::Interrupt,
        () = on(SignalKind::terminate()) => Termination::Terminate,
        () = on(SignalKind::hangup()) => Termination::HangUp,
        () = on(SignalKind::quit()) => Termination::Quit,
    }
}

/// Resolves like [`terminated`], or with [`Termination::HangUp`] when the terminal this
/// process reads from hangs up (for interactive commands only: a `nohup`ed sandbox must
/// outlive its terminal).
pub async fn terminated_or_hung_up() -> Termination {
    let termination = tokio::select! {
        t = terminated() => t,
        () = terminal_hung_up() => Termination::HangUp,
    };
    if termination == Termination::HangUp {
        crate::output::term::note_hang_up();
    }
    termination
}

/// Resolves when the terminal on stdin (or, when stdin is not one, the controlling terminal)
/// hangs up; never when there is no terminal.
///
/// A hung-up terminal answers reads with end of input and writes with EIO, and poll(2)
/// reports POLLHUP on it: a thread waits for exactly that (asking for no readable events, so
/// keystrokes never wake it) and is left blocked when the command ends first.
pub async fn terminal_hung_up() {
    let Some(fd) = terminal_fd() else {
        return std::future::pending().await;
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("hang-up watch".into())
        .spawn(move || {
            if wait_for_hang_up(&fd) {
                let _ = tx.send(());
            }
        });
    if spawned.is_err() || rx.await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// The terminal to watch: stdin when it is one (a duplicate, so the watch does not depend
/// on who closes stdin), else `/dev/tty` when there is one.
fn terminal_fd() -> Option<OwnedFd> {
    use std::io::IsTerminal;
    use std::os::fd::AsFd;
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return stdin.as_fd().try_clone_to_owned().ok();
    }
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .open("/dev/tty")
        .ok()?;
    Some(OwnedFd::from(tty))
}

/// Blocks until `fd` reports a hang-up or an error; `false` when poll itself fails.
fn wait_for_hang_up(fd: &OwnedFd) -> bool {
    loop {
        let mut poll = libc::pollfd {
            fd: fd.as_raw_fd(),
            events: 0,
            revents: 0,
        };
        // SAFETY: one valid pollfd, for the length given; the descriptor is owned and open.
        let n = unsafe { libc::poll(&mut poll, 1, -1) };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return false;
        }
        if poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_shell_convention() {
        assert_eq!(Termination::Interrupt.exit_code(), 130);
        assert_eq!(Termination::Terminate.exit_code(), 143);
        assert_eq!(Termination::HangUp.exit_code(), 129);
        assert_eq!(Termination::Quit.exit_code(), 131);
    }

    #[test]
    fn a_closed_pipe_counts_as_hung_up() {
        let (read, write) = std::io::pipe().expect("pipe");
        drop(write);
        assert!(wait_for_hang_up(&OwnedFd::from(read)));
    }
}
