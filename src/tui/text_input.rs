//! A one-line text input (email, API key, pasted URL); masked inputs render as bullets.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// The bullet shown for each character of a masked input.
pub const MASK_CHAR: char = '•';

/// The most characters any input holds: far above a pasted sign-in address, small enough that
/// pasting a whole file cannot fill memory or stall every frame.
pub const MAX_INPUT_CHARS: usize = 8 * 1024;

/// A single-line input with the cursor at the end (enough for short fields and pastes).
///
/// Only characters that show as themselves are taken: no control characters and no zero-width
/// or bidi characters, so what the screen shows is what was typed.
#[derive(Clone, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    masked: bool,
    max_chars: usize,
}

impl Default for TextInput {
    fn default() -> Self {
        Self::new(false)
    }
}

impl TextInput {
    /// An empty input; `masked` hides what is typed.
    pub fn new(masked: bool) -> Self {
        Self {
            value: String::new(),
            masked,
            max_chars: MAX_INPUT_CHARS,
        }
    }

    /// The input holding at most `max_chars` characters (more are not taken).
    pub fn with_limit(mut self, max_chars: usize) -> Self {
        self.max_chars = max_chars.min(MAX_INPUT_CHARS);
        self
    }

    /// Appends the characters of `text` that show as themselves, while there is room.
    fn push_str(&mut self, text: &str) {
        let mut count = self.value.chars().count();
        for c in text.chars() {
            if count >= self.max_chars {
                break;
            }
            let shows_as_itself =
                crate::output::sanitize(c.encode_utf8(&mut [0; 4])).len() == c.len_utf8();
            if shows_as_itself {
                self.value.push(c);
                count += 1;
            }
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

    /// Appends pasted text (line breaks and other invisible characters dropped: every field
    /// is one line), up to the limit.
    pub fn paste(&mut self, text: &str) {
        self.push_str(text);
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
                self.push_str(c.encode_utf8(&mut [0; 4]));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut TextInput, code: KeyCode, modifiers: KeyModifiers) {
        input.handle_key(&KeyEvent::new(code, modifiers));
    }

    #[test]
    fn invisible_characters_are_not_taken() {
        let mut input = TextInput::new(false);
        input.paste("a\u{1b}]0;T\u{7}b\u{200b}c\u{202e}d\ne");
        press(&mut input, KeyCode::Char('\u{202e}'), KeyModifiers::NONE);
        press(&mut input, KeyCode::Char('é'), KeyModifiers::NONE);
        assert_eq!(input.value(), "a]0;Tbcdeé");
    }

    #[test]
    fn the_limit_holds_for_typing_and_pasting_and_ctrl_u_clears() {
        let mut input = TextInput::new(false).with_limit(5);
        input.paste("abcdefgh");
        press(&mut input, KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(input.value(), "abcde");
        press(&mut input, KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert!(input.is_empty());
        let mut big = TextInput::new(false);
        big.paste(&"z".repeat(MAX_INPUT_CHARS * 3));
        assert_eq!(big.value().chars().count(), MAX_INPUT_CHARS);
    }
}
