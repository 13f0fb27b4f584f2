//! The frame around every tab: the tab titles, the status bar, the hint bar.

use crate::output::sanitize;
use crate::tui::app::App;
use crate::tui::tab::Tab;
use crate::tui::time_text::token_validity;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs};

/// Tabs across the top: " updash  1 Connect │ 2 Accounts │ 3 Databases".
pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let [name, tabs] = Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Span::styled(" updash", app.styles.accent), name);
    let titles = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{} {}", i + 1, t.title()));
    let tabs_widget = Tabs::new(titles)
        .select(app.tab.index())
        .style(app.styles.dim)
        .highlight_style(app.styles.selected)
        .divider("│");
    frame.render_widget(tabs_widget, tabs);
}

/// The active account (label, provider, email, team, token) and the SANDBOX / READ-ONLY marks.
pub fn status_bar(app: &App, frame: &mut Frame, area: Rect) {
    let account = app.active_account();
    let mut badges: Vec<Span> = Vec::new();
    let on_sandbox = app.sandbox || account.is_some_and(|a| a.is_sandbox());
    if on_sandbox {
        badges.push(Span::styled(" SANDBOX ", app.styles.warning));
        badges.push(Span::raw(" "));
    }
    if app.read_only {
        badges.push(Span::styled(" READ-ONLY ", app.styles.warning));
        badges.push(Span::raw(" "));
    }
    for badge in Tab::ALL.iter().filter_map(|t| app.tabs.get(*t).badge()) {
        badges.push(Span::styled(format!(" {badge} "), app.styles.warning));
        badges.push(Span::raw(" "));
    }
    let badge_width: usize = badges.iter().map(Span::width).sum();
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(badge_width as u16)])
            .areas(area);

    let sep = || Span::styled(" · ", app.styles.dim);
    let line = match account {
        Some(a) => {
            let mut spans = vec![
                Span::styled(format!(" ● {}", sanitize(&a.label)), app.styles.accent),
                sep(),
                Span::raw(sanitize(&a.provider).into_owned()),
                sep(),
            ];
            if let Some(team) = &a.team {
                spans.push(Span::raw(format!("team {}", sanitize(team))));
                spans.push(sep());
            }
            let validity = token_validity(a.token_expires_at, a.needs_sign_in, app.now);
            let style = if a.needs_sign_in {
                app.styles.error
            } else {
                app.styles.text
            };
            spans.push(Span::styled(validity, style));
            Line::from(spans)
        }
        None if app.locked() => Line::styled(" credentials locked", app.styles.dim),
        None => Line::styled(" no account connected", app.styles.dim),
    };
    frame.render_widget(Paragraph::new(line), left);
    frame.render_widget(Line::from(badges), right);
}

/// Keys of the current context, from the key map: "q quit  ? help  enter open".
pub fn hint_bar(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    for (key, label) in app.keymap.hints(app.key_context(), app.read_only) {
        spans.push(Span::styled(key, app.styles.accent));
        spans.push(Span::styled(format!(" {label}  "), app.styles.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
