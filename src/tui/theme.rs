//! Styles per theme. Meaning never rests on colour alone: selection is reversed + bold, so it
//! stays visible under `NO_COLOR` and in the mono theme.

use crate::config::Theme;
use ratatui::style::{Color, Modifier, Style};

/// The styles the screens use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Styles {
    /// Ordinary text.
    pub text: Style,
    /// Secondary text (details, hints' descriptions).
    pub dim: Style,
    /// Titles and keys in hints.
    pub accent: Style,
    /// The selected row or tab.
    pub selected: Style,
    /// Borders.
    pub border: Style,
    /// Errors.
    pub error: Style,
    /// Successes.
    pub success: Style,
    /// Warnings such as "needs sign-in" and banners like SANDBOX / READ-ONLY.
    pub warning: Style,
}

impl Styles {
    /// The styles of `theme`; `no_color` (the `NO_COLOR` convention) forces mono.
    pub fn for_theme(theme: Theme, no_color: bool) -> Self {
        let theme = if no_color { Theme::Mono } else { theme };
        let selected = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        match theme {
            Theme::Mono => Self {
                text: Style::new(),
                dim: Style::new().add_modifier(Modifier::DIM),
                accent: Style::new().add_modifier(Modifier::BOLD),
                selected,
                border: Style::new(),
                error: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                success: Style::new().add_modifier(Modifier::BOLD),
                warning: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            },
            Theme::Dark => Self {
                text: Style::new(),
                dim: Style::new().fg(Color::Gray).add_modifier(Modifier::DIM),
                accent: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                selected: selected.fg(Color::Cyan),
                border: Style::new().fg(Color::DarkGray),
                error: Style::new()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
                success: Style::new()
                    .fg(Color::LightGreen)
                    .add_modifier(Modifier::BOLD),
                warning: Style::new()
                    .fg(Color::Black)
                    .bg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
            },
            Theme::Light => Self {
                text: Style::new(),
                dim: Style::new().fg(Color::DarkGray),
                accent: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
                selected: selected.fg(Color::Blue),
                border: Style::new().fg(Color::Gray),
                error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                success: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
                warning: Style::new()
                    .fg(Color::White)
                    .bg(Color::Magenta)
                    .add_modifier(Modifier::BOLD),
            },
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Self::for_theme(Theme::Dark, false)
    }
}
