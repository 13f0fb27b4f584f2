//! Reading the operator's input for `login`: pasted addresses and an email line through one
//! stdin reader thread, and a key typed with echo off.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};

/// Longest line kept from stdin (a pasted address is far shorter).
const MAX_LINE: usize = 64 * 1024;

/// Lines from stdin, read by one plain thread (not a tokio blocking task, so a read that
/// never finishes cannot hold up the process's exit). Shared: the paste forwarder reads it
/// while the sign-in waits, the email prompt afterwards.
#[derive(Clone)]
pub struct StdinLines {
    rx: Arc<Mutex<mpsc::UnboundedReceiver<String>>>,
}

impl StdinLines {
    /// Starts the reader thread.
    pub fn start() -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            loop {
                let mut line = String::new();
                match lock.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        line.truncate(MAX_LINE);
                        if tx.send(line).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Self {
            rx: Arc::new(Mutex::new(rx)),
        }
    }

    /// The next line, `None` at end of input.
    pub async fn next(&self) -> Option<String> {
        self.rx.lock().await.recv().await
    }
}

/// Whether stdin is a terminal (someone can answer a prompt).
pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}

/// Asks on stderr and reads one visible line.
pub async fn prompt_line(lines: &StdinLines, prompt: &str) -> Option<String> {
    crate::err_print!("{prompt}");
    let _ = std::io::stderr().flush();
    lines
        .next()
        .await
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
}

/// Asks on stderr and reads one visible line straight from stdin (no reader thread running).
pub fn prompt_visible(prompt: &str) -> std::io::Result<String> {
    crate::err_print!("{prompt}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_string())
}

/// Asks on stderr and reads one line from the terminal with echo off (an API key).
pub fn prompt_hidden(prompt: &str) -> std::io::Result<String> {
    crate::err_print!("{prompt}");
    let _ = std::io::stderr().flush();
    Ok(rpassword::read_password()?.trim().to_string())
}

/// Reads an API key piped on stdin: the first non-empty line.
pub fn read_key_from_pipe() -> std::io::Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .take(MAX_LINE as u64)
        .read_to_string(&mut text)?;
    Ok(text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_string())
}
