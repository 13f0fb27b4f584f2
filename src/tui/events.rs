//! The terminal's input as a stream the dashboard can pause. crossterm reads the terminal
//! on a thread of its own whenever its stream waits for input; while an external editor
//! has the terminal that thread would take the editor's keys, so the stream is dropped
//! (which stops the thread) and made again afterwards.

use crossterm::event::{Event, EventStream};
use futures::{Stream, StreamExt};
use std::io;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

/// The stream while the terminal is ours, and who waits while it is not.
static STREAM: Mutex<(Option<EventStream>, Option<Waker>)> = Mutex::new((None, None));

fn lock() -> MutexGuard<'static, (Option<EventStream>, Option<Waker>)> {
    STREAM.lock().unwrap_or_else(|p| p.into_inner())
}

/// The terminal's events; [`pause`] and [`resume`] stop and restart the reading.
#[derive(Debug)]
pub struct TerminalEvents(());

impl TerminalEvents {
    /// Starts reading the terminal.
    pub fn new() -> Self {
        lock().0 = Some(EventStream::new());
        Self(())
    }
}

impl Default for TerminalEvents {
    fn default() -> Self {
        Self::new()
    }
}

impl Stream for TerminalEvents {
    type Item = io::Result<Event>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let mut guard = lock();
        let (stream, waiting) = &mut *guard;
        match stream {
            Some(stream) => stream.poll_next_unpin(cx),
            None => {
                *waiting = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Stops reading the terminal (the reader thread ends).
pub fn pause() {
    let stream = lock().0.take();
    drop(stream);
}

/// Reads the terminal again, when it was paused.
pub fn resume() {
    let mut guard = lock();
    if guard.0.is_none() {
        guard.0 = Some(EventStream::new());
        if let Some(waker) = guard.1.take() {
            waker.wake();
        }
    }
}
