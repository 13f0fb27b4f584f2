//! The Connect tab on screen: the choice list, the forms, a sign-in in progress, a failure;
//! the device flow's screen is in [`device`].

mod device;

use super::state::{
    ApiKeyForm, ConnectState, ConnectStep, FormField, KeyboardField, KeyboardSignIn, SignInFailure,
    SignInView,
};
use crate::output::sanitize;
use crate::tui::context::ViewContext;
use crate::tui::keymap::Command;
use crate::tui::text_input::TextInput;
use crate::tui::time_text::countdown;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, HighlightSpacing, List, ListItem, ListState, Paragraph, Wrap};
use time::OffsetDateTime;

/// Draws the Connect tab.
pub fn render(state: &ConnectState, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    match &state.step {
        ConnectStep::Choose => choices(state, ctx, frame, area),
        ConnectStep::ApiKeyForm(form) => api_key_form(ctx, form, frame, area),
        ConnectStep::SignIn(view) => sign_in(ctx, view, frame, area),
        ConnectStep::KeyboardSignIn(form) => keyboard_sign_in(ctx, form, frame, area),
        ConnectStep::Failed(failure) => failed(ctx, failure, frame, area),
        ConnectStep::DeviceSignIn(view) => device::render(ctx, view, frame, area),
    }
}

fn block<'a>(ctx: &ViewContext, title: String) -> Block<'a> {
    ctx.block(format!(" {title} "))
}

/// "<spinner> <waiting> · <time left> left · <key> cancels", for a sign-in in progress.
fn waiting_line(ctx: &ViewContext, waiting: &str, expires_at: OffsetDateTime) -> Line<'static> {
    Line::styled(
        format!(
            "{} {waiting} · {} left · {} cancels",
            ctx.spinner,
            countdown(expires_at, ctx.now),
            key_of(ctx, Command::CancelSignIn)
        ),
        ctx.styles.dim,
    )
}

/// The first key bound to `command`, for text such as "press ctrl-o".
fn key_of(ctx: &ViewContext, command: Command) -> String {
    ctx.key(command).unwrap_or_else(|| "(unbound)".to_string())
}

fn choices(state: &ConnectState, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let items = state.choices.iter().map(|c| {
        ListItem::new(Text::from(vec![
            Line::from(sanitize(&c.title).into_owned()),
            Line::styled(format!("  {}", sanitize(&c.detail)), ctx.styles.dim),
        ]))
    });
    let list = List::new(items)
        .block(block(ctx, "Connect an account".into()))
        .highlight_style(ctx.styles.selected)
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(Some(state.selected));
    frame.render_stateful_widget(list, area, &mut state);
}

/// One labelled input line; returns where the cursor goes when it is focused.
fn field_line<'a>(ctx: &ViewContext, label: &'a str, input: &TextInput, focused: bool) -> Line<'a> {
    let marker = if focused { "▶ " } else { "  " };
    let value_style = if focused {
        ctx.styles.selected
    } else {
        Style::new()
    };
    Line::from(vec![
        Span::raw(marker),
        Span::styled(format!("{label:<9}"), ctx.styles.accent),
        Span::styled(format!(" {} ", input.display()), value_style),
    ])
}

fn api_key_form(ctx: &ViewContext, form: &ApiKeyForm, frame: &mut Frame, area: Rect) {
    let intro = [
        Line::styled(
            "Enter the account email and an existing Developer API key",
            ctx.styles.text,
        ),
        Line::styled(
            "(console.upstash.com → Account → Management API). It is checked once before saving.",
            ctx.styles.dim,
        ),
    ];
    let fields = [
        ("Email", &form.email, form.focus == FormField::Email),
        ("API key", &form.api_key, form.focus == FormField::ApiKey),
    ];
    let status = if form.pending.is_loading() {
        Some(Line::styled(
            format!("{} Checking the key…", ctx.spinner),
            ctx.styles.dim,
        ))
    } else {
        form.error
            .as_ref()
            .map(|error| Line::styled(sanitize(error).into_owned(), ctx.styles.error))
    };
    let title = format!("Connect {} with an API key", form.provider);
    two_field_form(ctx, frame, area, title, intro, fields, status);
}

/// Two lines of explanation, two labelled fields and an optional status line in a block
/// titled `title`; the cursor goes after the focused field's value.
fn two_field_form<'a>(
    ctx: &ViewContext,
    frame: &mut Frame,
    area: Rect,
    title: String,
    intro: [Line<'a>; 2],
    fields: [(&'a str, &TextInput, bool); 2],
    status: Option<Line<'a>>,
) {
    let [first, second] = fields;
    let [intro_top, intro_bottom] = intro;
    let mut lines = vec![
        intro_top,
        intro_bottom,
        Line::raw(""),
        field_line(ctx, first.0, first.1, first.2),
        Line::raw(""),
        field_line(ctx, second.0, second.1, second.2),
        Line::raw(""),
    ];
    lines.extend(status);
    let inner = block(ctx, title.clone()).inner(area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(ctx, title)),
        area,
    );
    // Cursor after the focused value: marker (2) + label (9) + space + text.
    let (row, input) = if second.2 {
        (5, second.1)
    } else {
        (3, first.1)
    };
    let x = inner.x + 12 + input.display().chars().count() as u16;
    if inner.height > row && x < inner.right() {
        frame.set_cursor_position((x, inner.y + row));
    }
}

fn sign_in(ctx: &ViewContext, view: &SignInView, frame: &mut Frame, area: Rect) {
    let outer = block(ctx, format!("Sign in to {}", view.provider));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let Some(started) = &view.started else {
        let text = Line::styled(
            format!("{} Starting the sign-in…", ctx.spinner),
            ctx.styles.dim,
        );
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    let mut top = vec![Line::from(
        "Open this address in a browser (copied via OSC 52):",
    )];
    // Over SSH the tunnel comes first: without it the browser cannot reach the listener.
    if let Some(line) = started.listener_port.and_then(|port| {
        ctx.environment
            .ssh_forward_line(&started.authorize_url, port)
    }) {
        top.push(Line::styled(format!("  {line}"), ctx.styles.accent));
        top[0] = Line::from("Over SSH, first run this on your own machine:");
        top.push(Line::from("then open this address (copied via OSC 52):"));
    }
    top.push(Line::styled(
        sanitize(&started.authorize_url).into_owned(),
        ctx.styles.accent,
    ));
    if ctx.environment.ssh_host.is_none() {
        top.push(Line::styled(
            format!(
                "The browser should open by itself; {} opens it again.",
                key_of(ctx, Command::OpenBrowser)
            ),
            ctx.styles.dim,
        ));
    }
    // Short lines: the bottom part must not wrap at the minimum width.
    let mut bottom = vec![
        Line::from("Or paste the address the browser ended on:"),
        Line::from(vec![
            Span::raw("▶ "),
            Span::styled(format!(" {} ", view.paste.display()), ctx.styles.selected),
        ]),
    ];
    if let Some(error) = &view.error {
        bottom.push(Line::styled(sanitize(error).into_owned(), ctx.styles.error));
    }
    let waiting = if view.checking_paste {
        "Checking the pasted address"
    } else {
        "Waiting for the browser"
    };
    bottom.push(waiting_line(ctx, waiting, started.expires_at));
    let bottom_height = bottom.len() as u16;
    let [top_area, bottom_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(bottom_height)]).areas(inner);
    frame.render_widget(Paragraph::new(top).wrap(Wrap { trim: false }), top_area);
    frame.render_widget(
        Paragraph::new(bottom).wrap(Wrap { trim: false }),
        bottom_area,
    );
    let cursor_x = bottom_area.x + 3 + view.paste.display().chars().count() as u16;
    if bottom_area.height > 1 && cursor_x < bottom_area.right() {
        frame.set_cursor_position((cursor_x, bottom_area.y + 1));
    }
}

/// The sandbox's sign-in typed here, clearly labelled as updash acting as the browser.
fn keyboard_sign_in(ctx: &ViewContext, form: &KeyboardSignIn, frame: &mut Frame, area: Rect) {
    let intro = [
        Line::styled(
            "Sandbox only: updash acts as your browser.",
            ctx.styles.warning,
        ),
        Line::styled(
            "It signs in at the local sandbox, allows access, and brings the answer back.",
            ctx.styles.dim,
        ),
    ];
    let fields = [
        ("Email", &form.email, form.focus == KeyboardField::Email),
        (
            "Password",
            &form.password,
            form.focus == KeyboardField::Password,
        ),
    ];
    let status = if form.started.is_none() {
        Line::styled(
            format!("{} Starting the sign-in…", ctx.spinner),
            ctx.styles.dim,
        )
    } else if form.submitting {
        Line::styled(
            format!("{} Signing in at the sandbox…", ctx.spinner),
            ctx.styles.dim,
        )
    } else if let Some(error) = &form.error {
        Line::styled(sanitize(error).into_owned(), ctx.styles.error)
    } else {
        Line::styled(
            format!(
                "The seeded user's password is \"sandbox\". {} signs in.",
                key_of(ctx, Command::Submit)
            ),
            ctx.styles.dim,
        )
    };
    let title = format!("Sign in to {} from this terminal", form.provider);
    two_field_form(ctx, frame, area, title, intro, fields, Some(status));
}

/// A failed sign-in: the reason in words and how to try again.
fn failed(ctx: &ViewContext, failure: &SignInFailure, frame: &mut Frame, area: Rect) {
    let retry = ctx
        .keymap
        .binding(Command::Retry)
        .map(|b| b.keys_label())
        .unwrap_or_default();
    let lines = vec![
        Line::styled(sanitize(&failure.message).into_owned(), ctx.styles.error),
        Line::raw(""),
        Line::from(vec![
            Span::styled(retry, ctx.styles.accent),
            Span::raw(" tries again · "),
            Span::styled(key_of(ctx, Command::Back), ctx.styles.accent),
            Span::raw(" goes back to the choices"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(
                ctx,
                format!("Sign-in to {} failed", failure.provider),
            )),
        area,
    );
}
