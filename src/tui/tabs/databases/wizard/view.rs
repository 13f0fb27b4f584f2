//! The creation wizard on screen: each step in one frame titled with the step.

use super::super::dialog::COPY_ITEMS;
use super::super::table::DbTable;
use super::picker::RegionPicker;
use super::state::{OptionField, Step, Wizard};
use crate::output::sanitize;
use crate::tui::context::ViewContext;
use crate::upstash::connection;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Draws the wizard into `area`.
pub fn render(w: &Wizard, table: &DbTable, ctx: &ViewContext, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .border_style(ctx.styles.accent)
        .title(Line::styled(
            format!(" Create a database · {} ", w.step.title()),
            ctx.styles.accent,
        ));
    let inner = block.inner(area);
    let (mut lines, cursor) = match w.step {
        Step::Name => name(ctx, w),
        Step::Region => region(ctx, w, inner.height),
        Step::ReadRegions => read_regions(ctx, w, inner.height),
        Step::Options => options(ctx, w),
        Step::Review => review(ctx, w, inner),
        Step::Done => done(ctx, w, table),
    };
    if let Some(error) = &w.error {
        // On the review the body fills the frame: the error goes first so it is seen.
        let error = Line::styled(sanitize(error).into_owned(), ctx.styles.error);
        if w.step == Step::Review {
            lines.insert(0, error);
        } else {
            lines.push(Line::raw(""));
            lines.push(error);
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
    if let Some((x, y)) = cursor {
        let (x, y) = (inner.x + x, inner.y + y);
        if x < inner.right() && y < inner.bottom() {
            frame.set_cursor_position((x, y));
        }
    }
}

type StepLines<'a> = (Vec<Line<'a>>, Option<(u16, u16)>);

fn input<'a>(ctx: &ViewContext, label: &str, value: String, focused: bool) -> Line<'a> {
    let style = if focused {
        ctx.styles.selected
    } else {
        ctx.styles.text
    };
    Line::from(vec![
        Span::raw(if focused { "▶ " } else { "  " }),
        Span::styled(format!("{label:<10}"), ctx.styles.accent),
        Span::styled(format!(" {value} "), style),
    ])
}

fn name<'a>(ctx: &ViewContext, w: &Wizard) -> StepLines<'a> {
    let value = w.name.value().to_string();
    let x = 13 + value.chars().count() as u16;
    let lines = vec![
        Line::raw("Name the database: 1 to 64 letters, digits, '-' or '_'."),
        Line::raw(""),
        input(ctx, "Name", value, true),
        Line::raw(""),
        Line::styled("enter next · esc cancels", ctx.styles.dim),
    ];
    (lines, Some((x, 2)))
}

fn region<'a>(ctx: &ViewContext, w: &Wizard, height: u16) -> StepLines<'a> {
    let filter = w.region_filter.value().to_string();
    let x = 13 + filter.chars().count() as u16;
    let mut lines = vec![
        Line::raw("Platform and primary region (type to filter):"),
        input(ctx, "Filter", filter, true),
        Line::raw(""),
    ];
    let regions = w.filtered_regions();
    // Keep the highlight in view on short terminals.
    let room = usize::from(height.saturating_sub(6)).max(1);
    let skip = w.region_cursor.saturating_sub(room - 1);
    for (i, r) in regions.iter().enumerate().skip(skip).take(room) {
        let text = format!("{:<4} {:<16} {}", r.platform, r.code, r.location);
        lines.push(if i == w.region_cursor {
            Line::styled(format!("▶ {text}"), ctx.styles.selected)
        } else {
            Line::raw(format!("  {text}"))
        });
    }
    if regions.is_empty() {
        lines.push(Line::styled("  no region matches", ctx.styles.dim));
    }
    (lines, Some((x, 1)))
}

fn read_regions<'a>(ctx: &ViewContext, w: &Wizard, height: u16) -> StepLines<'a> {
    let primary = w.primary.map_or("", |r| r.code);
    let mut lines = vec![
        Line::raw(format!(
            "Read regions on the same platform as {primary} (free plan: at most one):"
        )),
        Line::raw(""),
    ];
    let all = picker_lines(ctx, &w.read);
    let room = usize::from(height.saturating_sub(5)).max(1);
    let skip = w.read.cursor.saturating_sub(room - 1);
    lines.extend(all.into_iter().skip(skip).take(room));
    lines.push(Line::styled(
        format!(
            "{} chosen · space toggles · enter next · esc back",
            w.read.chosen.len()
        ),
        ctx.styles.dim,
    ));
    (lines, None)
}

fn options<'a>(ctx: &ViewContext, w: &Wizard) -> StepLines<'a> {
    let budget = w.budget.value().to_string();
    let budget_shown = if budget.is_empty() {
        "none".to_string()
    } else {
        budget.clone()
    };
    let lines = vec![
        Line::raw("Plan and options (← → change, tab next):"),
        Line::raw(""),
        input(
            ctx,
            "Plan",
            format!("◀ {} ▶", w.plan_name()),
            w.focus == OptionField::Plan,
        ),
        input(
            ctx,
            "Eviction",
            if w.eviction { "on" } else { "off" }.into(),
            w.focus == OptionField::Eviction,
        ),
        input(ctx, "Budget", budget_shown, w.focus == OptionField::Budget),
        Line::raw(""),
        Line::styled(
            "budget: monthly, digits only; empty sends none · enter next · esc back",
            ctx.styles.dim,
        ),
    ];
    let cursor = (w.focus == OptionField::Budget).then(|| (13 + budget.chars().count() as u16, 4));
    (lines, cursor)
}

fn review<'a>(ctx: &ViewContext, w: &Wizard, area: Rect) -> StepLines<'a> {
    let mut lines = vec![if w.creating {
        Line::styled(format!("{} Creating…", ctx.spinner), ctx.styles.dim)
    } else {
        Line::styled("enter creates · esc back", ctx.styles.dim)
    }];
    lines.push(Line::styled("Request body:", ctx.styles.accent));
    let request = w.request();
    let command = w.command_line(ctx.active_account);
    let width = usize::from(area.width).max(1);
    let rows = |text: &str| text.chars().count().div_ceil(width);
    // Word wrapping may take a row more than the character count says.
    let fixed = 4 + rows(&command) + w.error.as_deref().map_or(0, rows);
    match request.request_body_json() {
        Ok(pretty) => {
            // Pretty when it fits, else the same body on one (wrapped) line.
            let room = usize::from(area.height).saturating_sub(fixed);
            if pretty.lines().count() <= room {
                lines.extend(pretty.lines().map(|l| Line::raw(format!("  {l}"))));
            } else {
                let compact = request
                    .request_body()
                    .map(|b| b.to_string())
                    .unwrap_or(pretty);
                lines.push(Line::raw(compact));
            }
        }
        Err(e) => lines.push(Line::styled(
            sanitize(&e.to_string()).into_owned(),
            ctx.styles.error,
        )),
    }
    lines.push(Line::styled("Same as:", ctx.styles.accent));
    lines.push(Line::raw(sanitize(&command).into_owned()));
    (lines, None)
}

fn done<'a>(ctx: &ViewContext, w: &Wizard, table: &DbTable) -> StepLines<'a> {
    let db = w
        .created
        .as_deref()
        .and_then(|id| table.find(id))
        .map(|e| &e.db);
    let Some(db) = db else {
        return (vec![Line::raw("Created.")], None);
    };
    let endpoint = connection::host(db).unwrap_or_else(|_| "—".into());
    let rest = connection::rest_url(db).unwrap_or_else(|_| "—".into());
    let lines = vec![
        Line::styled(
            format!("{} is ready.", sanitize(&db.database_name)),
            ctx.styles.success,
        ),
        Line::raw(""),
        Line::raw(format!(
            "Endpoint   {}:{}",
            sanitize(&endpoint),
            connection::port(db)
        )),
        Line::raw(format!("REST URL   {}", sanitize(&rest))),
        Line::raw("Password   •••••••••••• (copy it with y)"),
        Line::raw(""),
        Line::styled(
            format!(
                "y copies: {}",
                COPY_ITEMS
                    .iter()
                    .map(|i| i.label)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ctx.styles.dim,
        ),
        Line::styled("enter shows it in the list", ctx.styles.dim),
    ];
    (lines, None)
}

/// The lines of a multi-select region list, the highlighted one marked.
pub fn picker_lines<'a>(ctx: &ViewContext, picker: &RegionPicker) -> Vec<Line<'a>> {
    picker
        .options
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mark = if picker.is_chosen(r.code) {
                "[x]"
            } else {
                "[ ]"
            };
            let text = format!("{mark} {:<16} {}", r.code, r.location);
            if i == picker.cursor {
                Line::styled(format!("▶ {text}"), ctx.styles.selected)
            } else {
                Line::raw(format!("  {text}"))
            }
        })
        .collect()
}
