//! Panels that take the tab's body: the command line (replies above, the input below) and
//! the big keys (the biggest keys, then memory per type and per prefix).

use super::super::bigkeys::Progress;
use super::super::console::LineKind;
use super::super::format::{count, size};
use super::super::state::Open;
use crate::output::{sanitize, sanitize_bytes};
use crate::tui::context::ViewContext;
use crate::tui::layout::scroll_offset;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, Paragraph, Row, Table, TableState};

/// The command line.
pub fn console(open: &Open, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let console = &open.console;
    let mut title = format!(" Console · {} ", super::title(open, ctx));
    if console.running {
        title.push_str(&format!("{} ", ctx.spinner));
    }
    let mode = if open.write {
        "writes allowed (each asks first)"
    } else {
        "read-only: w allows writes"
    };
    let block = ctx.block(title).title_bottom(Line::styled(
        format!(" {mode} · ↑/↓ history · pgup/pgdn scroll "),
        ctx.styles.dim,
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [replies, input] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    // The newest lines at the bottom, each wrapped to the width.
    let (rows, width) = (
        usize::from(replies.height),
        usize::from(replies.width).max(1),
    );
    let end = console.lines.len().saturating_sub(console.scroll);
    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    for (kind, text) in console.lines[..end].iter().rev() {
        if lines.len() >= rows {
            break;
        }
        let style = match kind {
            LineKind::Command => ctx.styles.accent,
            LineKind::Reply => ctx.styles.text,
            LineKind::Error => ctx.styles.error,
            LineKind::Note => ctx.styles.dim,
        };
        for piece in wrap(text, width).into_iter().rev() {
            lines.push(Line::styled(piece, style));
        }
    }
    lines.truncate(rows);
    lines.reverse();
    frame.render_widget(Paragraph::new(lines), replies);
    let typed = sanitize(console.input.value()).into_owned();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("> ", ctx.styles.accent),
            Span::raw(typed.clone()),
        ])),
        input,
    );
    let x = input.x + 2 + unicode_width::UnicodeWidthStr::width(typed.as_str()) as u16;
    if x < input.right() {
        frame.set_cursor_position((x, input.y));
    }
}

/// The big keys.
pub fn big_keys(open: &Open, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let Some(big) = &open.bigkeys else { return };
    let total = big.dbsize.map_or("?".into(), count);
    let (state, style) = match &big.progress {
        Progress::Running => (format!("{} sampling", ctx.spinner), ctx.styles.dim),
        Progress::Done => ("sample done".into(), ctx.styles.dim),
        Progress::Stopped => ("stopped".into(), ctx.styles.dim),
        Progress::Failed(why) => (format!("stopped: {why}"), ctx.styles.error),
    };
    let title = format!(
        " Big keys · {} · {} of about {total} keys measured ",
        super::title(open, ctx),
        count(big.sampled)
    );
    let block = ctx.block(title).title_bottom(Line::styled(
        format!(" {state} · enter opens the key · esc back "),
        style,
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let wide = inner.width >= 100;
    let (left, right) = if wide {
        let [l, r] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
            .areas(inner);
        (l, r)
    } else {
        let [l, r] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(inner);
        (l, r)
    };
    let shown = usize::from(left.height.saturating_sub(1)).max(1);
    let offset = scroll_offset(big.selected, big.offset, shown);
    let rows: Vec<Row> = big
        .top
        .iter()
        .skip(offset)
        .take(shown)
        .map(|(bytes, kind, name)| {
            Row::new([
                size(*bytes),
                kind.label().to_string(),
                sanitize_bytes(name).into_owned(),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(8),
            Constraint::Length(7),
            Constraint::Fill(1),
        ],
    )
    .header(Row::new(["SIZE", "TYPE", "BIGGEST KEYS"]).style(ctx.styles.dim))
    .row_highlight_style(ctx.styles.selected)
    .highlight_symbol("▶ ")
    .highlight_spacing(HighlightSpacing::Always);
    let mut table_state =
        TableState::default().with_selected((!big.top.is_empty()).then(|| big.selected - offset));
    frame.render_stateful_widget(table, left, &mut table_state);

    let mut summary = vec![
        Row::new(["MEMORY BY TYPE".to_string(), String::new(), String::new()])
            .style(ctx.styles.dim),
    ];
    summary.extend(
        big.per_type
            .iter()
            .map(|(kind, t)| Row::new([kind.label().to_string(), count(t.keys), size(t.bytes)])),
    );
    summary.push(
        Row::new(["BY PREFIX".to_string(), String::new(), String::new()]).style(ctx.styles.dim),
    );
    summary.extend(big.top_prefixes().into_iter().map(|(prefix, t)| {
        Row::new([
            sanitize_bytes(prefix).into_owned(),
            count(t.keys),
            size(t.bytes),
        ])
    }));
    let summary = Table::new(
        summary,
        [
            Constraint::Fill(1),
            Constraint::Length(8),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(["", "KEYS", "MEMORY"]).style(ctx.styles.dim));
    frame.render_widget(summary, right);
}

/// `text` cut into pieces of at most `width` columns.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            pieces.push(String::new());
            used = 0;
        }
        if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
        used += w;
    }
    pieces
}
