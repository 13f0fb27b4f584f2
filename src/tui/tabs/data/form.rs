//! The Data tab's small forms: a time to live, a new name, a new key, an item to add or
//! change, a string edited in place. Submitting one builds the [`Review`] of the commands
//! it would send; nothing is sent from here.

use super::keys::KeyType;
use super::write::{self, Review};
use crate::tui::text_input::TextInput;
use crossterm::event::KeyEvent;

/// What a form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// A time to live for the key.
    Ttl,
    /// A new name for the key.
    Rename,
    /// A new key of the chosen type.
    AddKey,
    /// The string's new value.
    EditString,
    /// The JSON document's new text.
    EditJson,
    /// A new hash field.
    AddField,
    /// A hash field's new value.
    EditField(String),
    /// A new list element.
    AddElement,
    /// A list element's new value.
    EditElement(u64),
    /// A new set member.
    AddMember,
    /// A set member, replaced.
    EditMember(String),
    /// A new sorted set member.
    AddScored,
    /// A sorted set member's new name and score.
    EditScored(String),
    /// A new stream entry.
    AddEntry,
}

/// An open form.
#[derive(Debug, Clone)]
pub struct Form {
    /// What it is for.
    pub kind: FormKind,
    /// The key it is about (empty for a new key until typed).
    pub key: String,
    /// Its title.
    pub title: String,
    /// Labelled inputs.
    pub fields: Vec<(&'static str, TextInput)>,
    /// The input with the keyboard.
    pub focus: usize,
    /// The type of a new key.
    pub kind_choice: usize,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

/// The labels of a new key's inputs, by type.
fn add_key_labels(kind: KeyType) -> &'static [&'static str] {
    match kind {
        KeyType::Hash => &["name", "field", "value"],
        KeyType::List => &["name", "element"],
        KeyType::Set => &["name", "member"],
        KeyType::ZSet => &["name", "member", "score"],
        KeyType::Stream => &["name", "field", "value"],
        KeyType::Json => &["name", "document"],
        _ => &["name", "value"],
    }
}

fn input(value: &str) -> TextInput {
    let mut input = TextInput::new(false);
    input.paste(value);
    input
}

impl Form {
    /// A form of `kind` about `key`, with `labels` and their starting values.
    pub fn new(kind: FormKind, key: &str, title: String, fields: &[(&'static str, &str)]) -> Self {
        Self {
            kind,
            key: key.to_string(),
            title,
            fields: fields.iter().map(|(l, v)| (*l, input(v))).collect(),
            focus: 0,
            kind_choice: 0,
            error: None,
        }
    }

    /// The new-key form.
    pub fn add_key() -> Self {
        let mut form = Self::new(FormKind::AddKey, "", "Add a key".into(), &[]);
        form.set_kind_fields();
        form
    }

    /// The type chosen for a new key.
    pub fn new_key_type(&self) -> KeyType {
        KeyType::FILTERS[self.kind_choice % KeyType::FILTERS.len()]
    }

    fn set_kind_fields(&mut self) {
        let name = self
            .fields
            .first()
            .map(|(_, i)| i.value().to_string())
            .unwrap_or_default();
        self.fields = add_key_labels(self.new_key_type())
            .iter()
            .map(|l| (*l, TextInput::new(false)))
            .collect();
        if let Some((_, first)) = self.fields.first_mut() {
            first.paste(&name);
        }
        self.focus = self.focus.min(self.fields.len() - 1);
    }

    /// Moves to the next (`step` 1) or previous (-1) input.
    pub fn move_focus(&mut self, step: isize) {
        let n = self.fields.len().max(1) as isize;
        self.focus = (self.focus as isize + step).rem_euclid(n) as usize;
    }

    /// Cycles a new key's type.
    pub fn cycle_kind(&mut self, step: isize) {
        if self.kind != FormKind::AddKey {
            return;
        }
        let n = KeyType::FILTERS.len() as isize;
        self.kind_choice = (self.kind_choice as isize + step).rem_euclid(n) as usize;
        self.set_kind_fields();
    }

    /// Types a key into the focused input.
    pub fn type_key(&mut self, key: &KeyEvent) {
        if let Some((_, input)) = self.fields.get_mut(self.focus) {
            input.handle_key(key);
            self.error = None;
        }
    }

    /// Pastes into the focused input.
    pub fn paste(&mut self, text: &str) {
        if let Some((_, input)) = self.fields.get_mut(self.focus) {
            input.paste(text);
        }
    }

    fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |(_, input)| input.value())
    }

    /// The review of what the form sends, or why it cannot be sent.
    pub fn submit(&self) -> Result<Review, String> {
        let key = self.key.as_str();
        let v0 = self.value(0);
        match &self.kind {
            FormKind::Ttl => match parse_ttl(v0)? {
                TtlInput::Persist => Ok(write::ttl(key, None)),
                TtlInput::Seconds(s) => Ok(write::ttl(key, Some(s))),
            },
            FormKind::Rename => {
                let to = v0.trim();
                if to.is_empty() {
                    return Err("type the new name".into());
                }
                if to == key {
                    return Err("that is its name already".into());
                }
                Ok(write::rename(key, to))
            }
            FormKind::AddKey => {
                let name = v0.trim();
                if name.is_empty() {
                    return Err("type the key's name".into());
                }
                let kind = self.new_key_type();
                let values: Vec<String> = (1..self.fields.len())
                    .map(|i| self.value(i).to_string())
                    .collect();
                check_new_key(kind, &values)?;
                write::add_key(kind, name, &values).ok_or_else(|| "pick a type".to_string())
            }
            FormKind::EditString | FormKind::EditJson => edited_review(&self.kind, key, v0),
            FormKind::AddField => {
                if v0.is_empty() {
                    return Err("type the field's name".into());
                }
                Ok(write::hash_set(key, v0, self.value(1)))
            }
            FormKind::EditField(_) => edited_review(&self.kind, key, v0),
            FormKind::AddElement => Ok(write::list_push(key, v0)),
            FormKind::EditElement(_) => edited_review(&self.kind, key, v0),
            FormKind::AddMember => Ok(write::set_add(key, v0)),
            FormKind::EditMember(old) => {
                if old == v0 {
                    return Err("the member is unchanged".into());
                }
                Ok(write::set_replace(key, old, v0))
            }
            FormKind::AddScored => {
                let score = parse_score(self.value(1))?;
                Ok(write::zset_add(key, v0, &score))
            }
            FormKind::EditScored(old) => {
                let score = parse_score(self.value(1))?;
                if v0 == old {
                    Ok(write::zset_add(key, old, &score))
                } else {
                    Ok(write::zset_replace(key, old, v0, &score))
                }
            }
            FormKind::AddEntry => {
                let fields = super::console::split_args(v0)?;
                if fields.is_empty() || fields.len() % 2 != 0 {
                    return Err("type field value pairs: status paid amount 12.50".into());
                }
                Ok(write::stream_add(key, &fields))
            }
        }
    }
}

/// The review of a value edited as a whole text (in the form or in `$EDITOR`).
pub fn edited_review(kind: &FormKind, key: &str, text: &str) -> Result<Review, String> {
    match kind {
        FormKind::EditString => Ok(write::set_string(key, text)),
        FormKind::EditJson => {
            super::string_view::pretty(text.as_bytes()).ok_or("that is not a JSON document")?;
            Ok(write::set_json(key, text.trim()))
        }
        FormKind::EditField(field) => Ok(write::hash_set(key, field, text)),
        FormKind::EditElement(index) => Ok(write::list_set(key, *index, text)),
        _ => Err("this cannot be edited as one text".into()),
    }
}

/// What a new key needs besides its name.
fn check_new_key(kind: KeyType, values: &[String]) -> Result<(), String> {
    let first = values.first().map(String::as_str).unwrap_or_default();
    match kind {
        KeyType::Hash | KeyType::Stream if first.is_empty() => {
            Err("type the first field's name".into())
        }
        KeyType::ZSet => parse_score(values.get(1).map_or("", String::as_str)).map(|_| ()),
        KeyType::Json => super::string_view::pretty(first.as_bytes())
            .map(|_| ())
            .ok_or_else(|| "the document is not JSON".into()),
        _ => Ok(()),
    }
}

/// A score as Redis takes it (a number, `inf`, `-inf`).
fn parse_score(text: &str) -> Result<String, String> {
    let t = text.trim();
    match t.to_ascii_lowercase().as_str() {
        "inf" | "+inf" | "-inf" => Ok(t.to_string()),
        _ => t
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|_| t.to_string())
            .ok_or_else(|| "the score must be a number".to_string()),
    }
}

/// A typed time to live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TtlInput {
    /// Never expire.
    Persist,
    /// Expire in this many seconds.
    Seconds(u64),
}

/// Reads "90", "90s", "15m", "2h", "7d", "1h30m", or "persist" / "-" / "never".
pub fn parse_ttl(text: &str) -> Result<TtlInput, String> {
    let t = text.trim().to_ascii_lowercase();
    if matches!(t.as_str(), "persist" | "-" | "never") {
        return Ok(TtlInput::Persist);
    }
    let bad = || format!("{t:?} is not a time: write 30s, 15m, 2h, 7d, or persist");
    if t.is_empty() {
        return Err("type a time (30s, 15m, 2h, 7d) or persist".into());
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in t.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            ' ' => continue,
            _ => return Err(bad()),
        };
        let n: u64 = number.parse().map_err(|_| bad())?;
        total = total.saturating_add(n.saturating_mul(unit));
        number.clear();
    }
    if !number.is_empty() {
        total = total.saturating_add(number.parse::<u64>().map_err(|_| bad())?);
    }
    if total == 0 {
        return Err("a time to live of 0 would delete the key; use delete instead".into());
    }
    Ok(TtlInput::Seconds(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_to_live_read_like_people_write_them() {
        assert_eq!(parse_ttl("90"), Ok(TtlInput::Seconds(90)));
        assert_eq!(parse_ttl("15m"), Ok(TtlInput::Seconds(900)));
        assert_eq!(parse_ttl("1h30m"), Ok(TtlInput::Seconds(5400)));
        assert_eq!(parse_ttl(" 7D "), Ok(TtlInput::Seconds(604_800)));
        assert_eq!(parse_ttl("persist"), Ok(TtlInput::Persist));
        assert!(parse_ttl("0").is_err());
        assert!(parse_ttl("soon").is_err());
        assert!(parse_ttl("").is_err());
    }

    #[test]
    fn forms_build_reviews_or_say_what_is_missing() {
        let mut form = Form::add_key();
        assert_eq!(form.new_key_type(), KeyType::String);
        form.paste("greeting");
        form.cycle_kind(1);
        assert_eq!(form.fields.len(), 3);
        assert_eq!(form.value(0), "greeting");
        assert!(form.submit().is_err());
        form.move_focus(1);
        form.paste("lang");
        form.move_focus(1);
        form.paste("en");
        let review = form.submit().expect("valid");
        assert_eq!(review.commands, [["HSET", "greeting", "lang", "en"]]);
        let ttl = Form::new(FormKind::Ttl, "k", "TTL".into(), &[("time to live", "2h")]);
        assert_eq!(
            ttl.submit().map(|r| r.commands),
            Ok(vec![vec!["EXPIRE".to_string(), "k".into(), "7200".into()]])
        );
    }
}
