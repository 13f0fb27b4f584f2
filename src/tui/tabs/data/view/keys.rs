//! The key list pane: only the rows in the window are built. Columns: key (indented in the
//! tree, folders with their counts), type, time left, size. The title counts the keys
//! loaded against `DBSIZE`; the bottom line says what the walk is doing.

use super::super::format::{count, size, time_left};
use super::super::keys::{KeyStore, Ttl};
use super::super::list::Row;
use super::super::state::{DataState, Open};
use super::super::tree::TreeRow;
use crate::output::sanitize_bytes;
use crate::tui::context::ViewContext;
use crate::tui::keymap::Command;
use crate::tui::layout::scroll_offset;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Cell, HighlightSpacing, Paragraph, Row as TableRow, Table, TableState, Wrap,
};

/// Draws the key list into `area`.
pub fn render(state: &DataState, open: &Open, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let list = &open.list;
    let loaded = count(list.store.len() as u64);
    let total = open.scan.dbsize.map_or("?".to_string(), count);
    // The counts before the account: a narrow pane cuts the end of its title.
    let db = crate::output::sanitize(&open.database_name).into_owned();
    let mut title = format!(" {db} · {loaded} / {total} keys ");
    if let Some(a) = ctx.active_account {
        title.push_str(&format!("· {} ", crate::output::sanitize(&a.label)));
    }
    if state.calls.busy() {
        title.push_str(&format!("{} ", ctx.spinner));
    }
    let block = ctx.block(title).title_bottom(status(open, ctx));
    let inner = block.inner(area);
    let rows_shown = usize::from(inner.height.saturating_sub(1)).max(1);
    if list.is_empty() {
        let text = if let Some(e) = &open.error {
            Line::styled(format!("Cannot read the keys: {e}"), ctx.styles.error)
        } else if open.scan.fetching() {
            Line::styled(format!("{} Scanning…", ctx.spinner), ctx.styles.dim)
        } else if open.scan.paused {
            let more = ctx.key(Command::LoadMore).unwrap_or_default();
            Line::styled(
                format!(
                    "No key matches in the first {} keys. Paused to spare round trips: \
                     {more} goes on.",
                    count(open.scan.scanned())
                ),
                ctx.styles.dim,
            )
        } else if open.scan.filtered() {
            Line::styled("No key matches (yet).", ctx.styles.dim)
        } else {
            Line::styled("This database has no keys.", ctx.styles.dim)
        };
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
            area,
        );
        return;
    }
    let offset = scroll_offset(list.selected, list.offset, rows_shown);
    let now_ms = (ctx.now.unix_timestamp_nanos() / 1_000_000) as i64;
    let rows: Vec<TableRow> = (offset..(offset + rows_shown).min(list.len()))
        .filter_map(|at| {
            list.row(at)
                .map(|row| table_row(&list.store, row, list.folder_open(at), now_ms, ctx))
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(8),
            Constraint::Length(7),
        ],
    )
    .header(TableRow::new(["KEY", "TYPE", "TTL", "SIZE"]).style(ctx.styles.dim))
    .row_highlight_style(ctx.styles.selected)
    .highlight_symbol("▶ ")
    .highlight_spacing(HighlightSpacing::Always)
    .block(block);
    let mut table_state = TableState::default().with_selected(Some(list.selected - offset));
    frame.render_stateful_widget(table, area, &mut table_state);
}

/// One row of the table.
fn table_row<'a>(
    store: &KeyStore,
    row: Row,
    open: bool,
    now_ms: i64,
    ctx: &ViewContext,
) -> TableRow<'a> {
    match row {
        Row::Key {
            id,
            depth,
            label_start,
        } => {
            let name = store.name(id);
            let label = name
                .get(label_start as usize..)
                .filter(|l| !l.is_empty())
                .unwrap_or(name);
            let indent = "  ".repeat(usize::from(depth));
            let Some(entry) = store.entry(id) else {
                return TableRow::new([Cell::from("")]);
            };
            let mut key = vec![Span::raw(format!("{indent}{}", sanitize_bytes(label)))];
            if entry.gone {
                key.push(Span::styled(" (gone)", ctx.styles.error));
            }
            let ttl = match entry.ttl {
                Ttl::Unknown => String::new(),
                Ttl::Persistent => "-".into(),
                Ttl::ExpiresAt(at) if at > now_ms => time_left(at - now_ms),
                Ttl::ExpiresAt(_) => "expired".into(),
            };
            TableRow::new([
                Cell::from(Line::from(key)),
                Cell::from(entry.kind.label()),
                Cell::from(ttl),
                Cell::from(entry.size.map(size).unwrap_or_default()),
            ])
        }
        Row::Folder(TreeRow::Folder {
            depth,
            start,
            end,
            prefix_len,
            label_start,
        }) => {
            let name = store.name_at(start as usize);
            let label = &name
                [(label_start as usize).min(name.len())..(prefix_len as usize).min(name.len())];
            let mark = if open { "▾" } else { "▸" };
            let indent = "  ".repeat(usize::from(depth));
            TableRow::new([Cell::from(Line::from(vec![
                Span::styled(
                    format!("{indent}{mark} {}", sanitize_bytes(label)),
                    ctx.styles.accent,
                ),
                Span::styled(
                    format!(" ({})", count(u64::from(end - start))),
                    ctx.styles.dim,
                ),
            ]))])
        }
        Row::Folder(TreeRow::Key { .. }) => TableRow::new([Cell::from("")]),
    }
}

/// The bottom line: pattern and type filter, then what the walk is doing.
fn status<'a>(open: &Open, ctx: &ViewContext) -> Line<'a> {
    let scan = &open.scan;
    let mut spans = vec![Span::styled(
        format!(" {} ", crate::output::sanitize(&scan.pattern)),
        ctx.styles.accent,
    )];
    if let Some(t) = scan.type_filter {
        spans.push(Span::styled(format!("· {} ", t.label()), ctx.styles.accent));
    }
    if open.list.tree {
        spans.push(Span::styled("· tree ", ctx.styles.dim));
    }
    let more = ctx.key(Command::LoadMore).unwrap_or_default();
    let (text, style) = if let Some(e) = &open.error {
        (format!("· {e} "), ctx.styles.error)
    } else if scan.paused {
        let to_go = scan.to_go().map_or("?".into(), count);
        (
            format!(
                "· paused — {} scanned, {to_go} to go (about) · {more} ",
                count(scan.scanned())
            ),
            ctx.styles.warning,
        )
    } else if scan.fetching() {
        ("· scanning… ".to_string(), ctx.styles.dim)
    } else if scan.done {
        ("· all scanned ".to_string(), ctx.styles.dim)
    } else {
        (
            format!("· {} scanned ", count(scan.scanned())),
            ctx.styles.dim,
        )
    };
    spans.push(Span::styled(text, style));
    Line::from(spans)
}
