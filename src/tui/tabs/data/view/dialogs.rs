//! Dialogs over the Data tab: the pattern, a form, the review of a write (its exact
//! commands), and the bulk delete's progress and confirmation.

use super::super::bulk::Phase;
use super::super::form::{Form, FormKind};
use super::super::format::count;
use super::super::state::Open;
use super::super::write::Review;
use crate::output::sanitize;
use crate::tui::context::ViewContext;
use crate::tui::layout::popup;
use crate::tui::text_input::TextInput;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Width of the dialogs.
const WIDTH: u16 = 76;

fn frame_for<'a>(title: String, style: Style) -> Block<'a> {
    Block::bordered()
        .border_style(style)
        .title(Line::styled(format!(" {title} "), style))
}

/// One input line: "label ▶ value ".
fn input_line<'a>(label: &str, input: &TextInput, focused: bool, ctx: &ViewContext) -> Line<'a> {
    let style = if focused {
        ctx.styles.selected
    } else {
        ctx.styles.text
    };
    let mark = if focused { "▶ " } else { "  " };
    Line::from(vec![
        Span::styled(format!("{label}: "), ctx.styles.dim),
        Span::raw(mark),
        Span::styled(format!(" {} ", sanitize(&input.display())), style),
    ])
}

fn show(lines: Vec<Line>, title: String, style: Style, frame: &mut Frame, area: Rect) {
    let rect = popup(area, WIDTH, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(frame_for(title, style)),
        rect,
    );
}

/// The pattern being typed.
pub fn pattern(input: &TextInput, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::raw("A glob, sent to the server as SCAN MATCH: * any, ? one, [abc] one of."),
        input_line("pattern", input, true, ctx),
        Line::styled("enter scans · esc keeps the pattern", ctx.styles.dim),
    ];
    show(lines, "Key pattern".into(), ctx.styles.accent, frame, area);
}

/// A form.
pub fn form(form: &Form, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    if form.kind == FormKind::AddKey {
        lines.push(Line::from(vec![
            Span::styled("type: ", ctx.styles.dim),
            Span::styled(
                format!("◂ {} ▸", form.new_key_type().label()),
                ctx.styles.accent,
            ),
            Span::styled("  (←/→)", ctx.styles.dim),
        ]));
    }
    for (i, (label, input)) in form.fields.iter().enumerate() {
        lines.push(input_line(label, input, i == form.focus, ctx));
    }
    if let Some(e) = &form.error {
        lines.push(Line::styled(sanitize(e).into_owned(), ctx.styles.error));
    }
    lines.push(Line::styled(
        "enter shows the commands it sends · esc cancels",
        ctx.styles.dim,
    ));
    show(
        lines,
        sanitize(&form.title).into_owned(),
        ctx.styles.accent,
        frame,
        area,
    );
}

/// The review of a write: its exact commands.
pub fn review(open: &Open, review: &Review, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let db = sanitize(&open.database_name).into_owned();
    let mut lines = vec![Line::raw(format!("updash will send to {db}:"))];
    let commands = review.lines();
    let room = usize::from(area.height.saturating_sub(8)).max(1);
    let first = review.scroll.min(commands.len().saturating_sub(room));
    for line in commands.iter().skip(first).take(room) {
        lines.push(Line::styled(format!("  {line}"), ctx.styles.accent));
    }
    if commands.len() > room {
        lines.push(Line::styled(
            format!("  ({} commands; ↑/↓ scroll)", commands.len()),
            ctx.styles.dim,
        ));
    }
    if review.atomic {
        lines.push(Line::styled(
            "as one transaction (all or nothing)",
            ctx.styles.dim,
        ));
    }
    lines.push(Line::styled(
        "enter sends · esc cancels (nothing is sent)",
        ctx.styles.dim,
    ));
    show(
        lines,
        sanitize(&review.title).into_owned(),
        ctx.styles.warning,
        frame,
        area,
    );
}

/// The bulk delete: counting, typing the pattern, deleting, done.
pub fn bulk(open: &Open, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let Some(bulk) = &open.bulk else { return };
    let what = bulk.what();
    let scanned = count(bulk.walk.scanned());
    let total = bulk.walk.dbsize.map_or("?".into(), count);
    let lines = match &bulk.phase {
        Phase::Counting => vec![
            Line::raw(format!("{} Counting {what}…", ctx.spinner)),
            Line::raw(format!(
                "{scanned} of about {total} keys examined, {} match",
                count(bulk.matched)
            )),
            Line::styled("esc stops (nothing is deleted)", ctx.styles.dim),
        ],
        Phase::Confirm(input) => vec![
            Line::raw(format!(
                "{} {what} in {}.",
                count(bulk.matched),
                sanitize(&open.database_name)
            )),
            Line::raw("They are deleted with UNLINK, a page at a time. This cannot be undone."),
            Line::raw(format!(
                "Type the pattern ({}) to delete them:",
                sanitize(&bulk.walk.pattern)
            )),
            input_line("pattern", input, true, ctx),
            Line::styled(
                "enter deletes once it matches · esc cancels",
                ctx.styles.dim,
            ),
        ],
        Phase::Deleting => vec![
            Line::raw(format!("{} Deleting {what}…", ctx.spinner)),
            Line::raw(format!(
                "{} of about {} deleted ({scanned} keys examined)",
                count(bulk.deleted),
                count(bulk.matched)
            )),
            Line::styled("esc stops after the request on its way", ctx.styles.dim),
        ],
        Phase::Done => vec![
            Line::styled(
                format!("Deleted {} {what}.", count(bulk.deleted)),
                ctx.styles.success,
            ),
            Line::styled("enter or esc closes", ctx.styles.dim),
        ],
        Phase::Stopped => vec![
            Line::raw(format!("Stopped: {} {what} deleted.", count(bulk.deleted))),
            Line::styled("enter or esc closes", ctx.styles.dim),
        ],
        Phase::Failed(why) => vec![
            Line::styled(format!("Stopped by an error: {why}"), ctx.styles.error),
            Line::raw(format!("{} deleted before it.", count(bulk.deleted))),
            Line::styled("enter or esc closes", ctx.styles.dim),
        ],
    };
    show(
        lines,
        "Delete by pattern".into(),
        ctx.styles.warning,
        frame,
        area,
    );
}
