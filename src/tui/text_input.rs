//! A one-line text input (email, API key, pasted URL); masked inputs render as bullets.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// The bullet shown for each character of a masked input.
pub const MASK_CHAR: char = '•';

/// A single-line input with the cursor at the end (enough for short fields and pastes).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    masked: bool,
}

impl TextInput {
    /// An empty input; `masked` hides what is typed.
    pub fn new(masked: bool) -> Self {
        Self {
            value: String::new(),
            masked,
        }
    }

    /// The typed text.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Whether the input is empty.
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Empties the input.
    pub fn clear(&mut self) {
        self.value.clear();
    }

    /// Appends pasted text (line breaks dropped: every field is one line).
    pub fn paste(&mut self, text: &str) {
        self.value.extend(text.chars().filter(|c| !c.is_control()));
    }

    /// Applies an editing key; returns whether the key was used.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => self.value.clear(),
            KeyCode::Char('w') if ctrl => {
                let trimmed = self.value.trim_end().len();
                let cut = self.value[..trimmed]
                    .rfind(char::is_whitespace)
                    .map_or(0, |i| i + 1);
                self.value.truncate(cut);
            }
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                self.value.push(c)
            }
            KeyCode::Backspace => {
                self.value.pop();
            }
            _ => return false,
        }
        true
    }

    /// What the screen shows: the text, or one bullet per character when masked.
    pub fn display(&self) -> String {
        if self.masked {
            std::iter::repeat_n(MASK_CHAR, self.value.chars().count()).collect()
        } else {
            self.value.clone()
        }
    }
}

// The value may be a secret (API key, pasted code): Debug shows only its length.
impl fmt::Debug for TextInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TextInput")
            .field("len", &self.value.chars().count())
            .field("masked", &self.masked)
            .finish()
    }
}
