//! The run loop: the single owner of the app. Generic over the backend and the event stream,
//! so tests run the real loop under `TestBackend` with scripted events.

use super::action::Action;
use super::app::App;
use super::effects::EffectRunner;
use super::services::Services;
use super::update::update;
use super::view::render;
use crossterm::event::{Event, KeyCode, KeyEvent, MouseEventKind};
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// How often the spinner moves while it is visible (and only then).
pub const SPINNER_PERIOD: Duration = Duration::from_millis(120);

/// What a run did: lets tests prove the loop idles without waking or drawing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoopStats {
    /// Frames drawn.
    pub draws: u64,
    /// Times the loop woke up (an event, a task result, a timer or a spinner tick).
    pub wake_ups: u64,
}

/// Runs the dashboard until it quits, the event stream ends, or `shutdown` resolves
/// (SIGTERM/SIGHUP). Draws only after something happened.
pub async fn run<B, S, Q>(
    terminal: &mut Terminal<B>,
    mut events: S,
    app: &mut App,
    services: Arc<dyn Services>,
    shutdown: Q,
) -> anyhow::Result<LoopStats>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = io::Result<Event>> + Unpin,
    Q: Future<Output = ()>,
{
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut runner = EffectRunner::new(Arc::clone(&services), tx);
    let mut stats = LoopStats::default();
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    dispatch(app, &mut runner, &*services, Action::Start);
    terminal.draw(|f| render(app, f))?;
    stats.draws += 1;

    tokio::pin!(shutdown);
    let mut spinner = tokio::time::interval(SPINNER_PERIOD);
    spinner.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut was_animating = false;
    while !app.should_quit {
        let animating = app.spinner_visible();
        if animating && !was_animating {
            spinner.reset();
        }
        was_animating = animating;
        let action = tokio::select! {
            biased;
            () = &mut shutdown => Some(Action::Quit),
            Some(action) = rx.recv() => Some(action),
            event = events.next() => match event {
                None => Some(Action::Quit),
                Some(Err(e)) => {
                    let e = crate::output::term::note_error(e);
                    return Err(anyhow::Error::new(e).context("reading terminal input"));
                }
                Some(Ok(event)) => event_action(event),
            },
            _ = spinner.tick(), if animating => Some(Action::SpinnerTick),
        };
        stats.wake_ups += 1;
        let Some(action) = action else {
            continue;
        };
        let mut repaint = action == Action::Redraw;
        dispatch(app, &mut runner, &*services, action);
        // Batch whatever else is already queued into this frame.
        while !app.should_quit {
            let Ok(action) = rx.try_recv() else { break };
            repaint |= action == Action::Redraw;
            dispatch(app, &mut runner, &*services, action);
        }
        if app.should_quit {
            break;
        }
        if repaint {
            // The screen was someone else's: clear it and forget what ratatui thinks is on
            // it (`Terminal::clear` would ask the cursor position, which some terminals never
            // answer), and take the size anew (resizes meanwhile went to the other program).
            terminal.backend_mut().clear()?;
            terminal.swap_buffers();
            let size = terminal.size()?;
            app.size = (size.width, size.height);
        }
        terminal.draw(|f| render(app, f))?;
        stats.draws += 1;
    }
    Ok(stats)
}

fn dispatch(app: &mut App, runner: &mut EffectRunner, services: &dyn Services, action: Action) {
    app.now = services.now();
    for effect in update(app, action) {
        if runner.run(effect) {
            app.should_quit = true;
        }
    }
}

/// The action of a terminal event; `None` for events that change nothing (key releases,
/// focus, mouse moves), so they never cause a redraw.
pub fn event_action(event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.is_press() => Some(Action::Key(key)),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Key(KeyEvent::from(KeyCode::Down))),
            MouseEventKind::ScrollUp => Some(Action::Key(KeyEvent::from(KeyCode::Up))),
            _ => None,
        },
        _ => None,
    }
}
