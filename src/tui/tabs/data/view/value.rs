//! The value pane: a header (type, length, size, time left and when it expires) and the
//! body: a string as text or hex (a bounded window of a large one, never all of it), a
//! JSON document, or a table of items.

use super::super::format::{count, expiry, size, time_left};
use super::super::keys::{KeyType, Ttl};
use super::super::layout::hex_per_row;
use super::super::state::Open;
use super::super::string_view::{LOAD_LIMIT, Shown, StrValue, hex_row};
use super::super::text;
use super::super::value::{Body, Item, Load, Rows, ValueView};
use crate::output::{quoted, sanitize, sanitize_bytes};
use crate::tui::context::ViewContext;
use crate::tui::keymap::Command;
use crate::tui::layout::scroll_offset;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthChar;

/// Draws the value of `open` into `area`; `focused` when it fills the tab.
pub fn render(open: &Open, ctx: &ViewContext, frame: &mut Frame, area: Rect, focused: bool) {
    let Some(view) = &open.value else {
        let text = if open.list.selected_key().is_some() {
            format!(
                "{} opens the value",
                ctx.key(Command::Select).unwrap_or_default()
            )
        } else {
            String::new()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, ctx.styles.dim)).block(ctx.block(" Value ")),
            area,
        );
        return;
    };
    let key = sanitize_bytes(&view.key);
    // On the whole tab the title also names the database and its account.
    let title = if focused {
        format!(" {key} · {} ", super::title(open, ctx))
    } else {
        format!(" {key} ")
    };
    let block = ctx.block(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(Paragraph::new(header(view, ctx)), head);
    match &view.load {
        Load::Loading => {
            let line = Line::styled(format!("{} Loading…", ctx.spinner), ctx.styles.dim);
            frame.render_widget(Paragraph::new(line), body);
            return;
        }
        Load::Gone => {
            let line = Line::styled(
                "This key is gone: deleted or expired since the list was read.",
                ctx.styles.error,
            );
            frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), body);
            return;
        }
        Load::Failed(why) => {
            let line = Line::styled(format!("Cannot read the value: {why}"), ctx.styles.error);
            frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), body);
            return;
        }
        Load::Ready => {}
    }
    let [note, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
    frame.render_widget(Paragraph::new(note_line(view, ctx)), note);
    match &view.body {
        Body::Str(s) => match s.shown() {
            Shown::Text(bytes) => text_lines(bytes, view.offset, frame, body),
            Shown::Hex(bytes) => hex_lines(bytes, view.offset, frame, body, ctx),
        },
        Body::Json(doc) => text_lines(doc, view.offset, frame, body),
        Body::Rows(rows) => items(view, rows, ctx, frame, body, focused),
        Body::Empty => {
            let text = format!("updash does not show {} values", sanitize(&view.type_name));
            frame.render_widget(Paragraph::new(Line::styled(text, ctx.styles.dim)), body);
        }
    }
}

/// "hash · 5 fields · 312 B" and "TTL 29m 59s · expires 2026-03-01 12:29:59 UTC".
fn header<'a>(view: &ValueView, ctx: &ViewContext) -> Vec<Line<'a>> {
    let unit = match view.kind {
        KeyType::String | KeyType::Json => "bytes",
        KeyType::Hash => "fields",
        KeyType::List => "elements",
        KeyType::Set | KeyType::ZSet => "members",
        KeyType::Stream => "entries",
        _ => "",
    };
    let mut first = vec![Span::styled(
        sanitize(&view.type_name).into_owned(),
        ctx.styles.accent,
    )];
    if let Some(len) = view.len {
        first.push(Span::raw(format!(" · {} {unit}", count(len))));
    }
    if let Some(bytes) = view.size {
        first.push(Span::raw(format!(" · {} in memory", size(bytes))));
    }
    let now_ms = (ctx.now.unix_timestamp_nanos() / 1_000_000) as i64;
    let second = match view.ttl {
        Ttl::Unknown => Line::raw(""),
        Ttl::Persistent => Line::styled("no TTL: never expires", ctx.styles.dim),
        Ttl::ExpiresAt(at) => {
            let when = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(at) * 1_000_000)
                .map(expiry)
                .unwrap_or_default();
            if at > now_ms {
                Line::from(vec![
                    Span::styled(
                        format!("TTL {}", time_left(at - now_ms)),
                        ctx.styles.warning,
                    ),
                    Span::styled(format!(" · expires {when}"), ctx.styles.dim),
                ])
            } else {
                Line::styled(format!("expired at {when}"), ctx.styles.error)
            }
        }
    };
    vec![Line::from(first), second]
}

/// The line above the body: the view, what it found, what is loaded.
fn note_line<'a>(view: &ValueView, ctx: &ViewContext) -> Line<'a> {
    let more = ctx.key(Command::LoadMore).unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    match &view.body {
        Body::Str(s) => {
            parts.push(format!("view: {}", s.format.label()));
            if let Some(n) = &s.note {
                parts.push(n.clone());
            }
            parts.push(loaded(s, &more, view.more_loading || view.rest));
        }
        Body::Json(_) => parts.push("JSON document".into()),
        Body::Rows(rows) => {
            let total = view.len.map_or("?".into(), count);
            let mut text = format!("{} of {total} loaded", count(rows.items.len() as u64));
            if !rows.done {
                text.push_str(&format!(" · {more} loads more"));
            }
            parts.push(text);
        }
        Body::Empty => {}
    }
    if let Some(n) = &view.note {
        return Line::styled(format!("{} · {}", parts.join(" · "), n), ctx.styles.error);
    }
    Line::styled(parts.join(" · "), ctx.styles.dim)
}

/// "64 KB of 5.2 MB shown · m loads the rest", or "5.2 MB".
fn loaded(s: &StrValue, more: &str, loading: bool) -> String {
    let have = s.bytes().len() as u64;
    if s.complete() {
        return format!("{} shown", size(s.total));
    }
    let mut text = format!("{} of {} shown", size(have), size(s.total));
    if loading && s.more_to_load() {
        text.push_str(" · loading…");
    } else if s.more_to_load() {
        let limit = if s.total > LOAD_LIMIT {
            format!(" (up to {})", size(LOAD_LIMIT))
        } else {
            String::new()
        };
        text.push_str(&format!(" · {more} loads the rest{limit}"));
    } else {
        text.push_str(&format!(" (the limit is {})", size(LOAD_LIMIT)));
    }
    text
}

/// Lines of text from byte `offset`, wrapped to the width: only what fits is read. A line
/// cut at a segment (no newline) goes on in the same row.
fn text_lines(bytes: &[u8], offset: usize, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width).max(1);
    let height = usize::from(area.height);
    let mut rows: Vec<Line> = Vec::with_capacity(height);
    let (mut row, mut used) = (String::new(), 0);
    let mut at = Some(offset.min(bytes.len()));
    while let Some(start) = at {
        if rows.len() >= height {
            break;
        }
        let next = text::next_line(bytes, start);
        for c in sanitize_bytes(text::line_at(bytes, start)).chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width {
                rows.push(Line::raw(std::mem::take(&mut row)));
                used = 0;
            }
            row.push(c);
            used += w;
        }
        let end = next.unwrap_or(bytes.len());
        if end == 0 || bytes.get(end - 1) == Some(&b'\n') || next.is_none() {
            rows.push(Line::raw(std::mem::take(&mut row)));
            used = 0;
        }
        at = next;
    }
    rows.truncate(height);
    frame.render_widget(Paragraph::new(rows), area);
}

/// The escaped start of the bytes (as `redis-cli` prints them), then a hex dump from
/// `offset`.
fn hex_lines(bytes: &[u8], offset: usize, frame: &mut Frame, area: Rect, ctx: &ViewContext) {
    let per = hex_per_row(usize::from(area.width));
    let mut escaped = quoted(&bytes[..bytes.len().min(per * 3)]);
    if bytes.len() > per * 3 {
        escaped.push('…');
    }
    let mut lines = vec![Line::styled(escaped, ctx.styles.dim)];
    let mut at = offset / per * per;
    while lines.len() < usize::from(area.height) && at < bytes.len() {
        lines.push(Line::raw(hex_row(bytes, at, per)));
        at += per;
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The items as a table, by type.
fn items(
    view: &ValueView,
    rows: &Rows,
    ctx: &ViewContext,
    frame: &mut Frame,
    area: Rect,
    focused: bool,
) {
    if rows.items.is_empty() {
        let text = if rows.done { "(empty)" } else { "" };
        frame.render_widget(Paragraph::new(Line::styled(text, ctx.styles.dim)), area);
        return;
    }
    let shown = usize::from(area.height.saturating_sub(1)).max(1);
    let offset = scroll_offset(view.selected, view.offset, shown);
    let field_ttls = rows
        .items
        .iter()
        .any(|i| matches!(i, Item::Field { ttl: Some(_), .. }));
    let (header, widths): (Vec<&str>, Vec<Constraint>) = match view.kind {
        KeyType::Hash if field_ttls => (
            vec!["FIELD", "VALUE", "TTL"],
            vec![
                Constraint::Percentage(35),
                Constraint::Fill(1),
                Constraint::Length(8),
            ],
        ),
        KeyType::Hash => (
            vec!["FIELD", "VALUE"],
            vec![Constraint::Percentage(35), Constraint::Fill(1)],
        ),
        KeyType::List => (
            vec!["INDEX", "VALUE"],
            vec![Constraint::Length(7), Constraint::Fill(1)],
        ),
        KeyType::Set => (vec!["MEMBER"], vec![Constraint::Fill(1)]),
        KeyType::ZSet => (
            vec!["MEMBER", "SCORE"],
            vec![Constraint::Fill(1), Constraint::Length(14)],
        ),
        _ => (
            vec!["ID", "FIELDS"],
            vec![Constraint::Length(16), Constraint::Fill(1)],
        ),
    };
    let table_rows: Vec<Row> = rows.items[offset..(offset + shown).min(rows.items.len())]
        .iter()
        .map(|item| match item {
            Item::Field { field, value, ttl } => {
                let mut cells = vec![Cell::from(quoted(field)), Cell::from(quoted(value))];
                if field_ttls {
                    cells.push(Cell::from(
                        ttl.map(|s| time_left(s * 1000)).unwrap_or_default(),
                    ));
                }
                Row::new(cells)
            }
            Item::Element { index, value } => Row::new([index.to_string(), quoted(value)]),
            Item::Member(m) => Row::new([quoted(m)]),
            Item::Scored { member, score } => {
                Row::new([quoted(member), sanitize(score).into_owned()])
            }
            Item::Entry { id, fields } => {
                let text: Vec<String> = fields
                    .iter()
                    .map(|(f, v)| format!("{}={}", sanitize_bytes(f), quoted(v)))
                    .collect();
                Row::new([sanitize(id).into_owned(), text.join(" ")])
            }
        })
        .collect();
    let mut table = Table::new(table_rows, widths)
        .header(Row::new(header).style(ctx.styles.dim))
        .highlight_spacing(HighlightSpacing::Always);
    if focused {
        table = table
            .row_highlight_style(ctx.styles.selected)
            .highlight_symbol("▶ ");
    }
    let mut state = TableState::default().with_selected(focused.then(|| view.selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
}
