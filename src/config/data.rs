//! `[data]`: how the dashboard's Data tab shows a database's keys.

use serde::Deserialize;

/// The most delimiters `[data] delimiters` takes.
const MAX_DELIMITERS: usize = 8;
/// The longest delimiter, in characters.
const MAX_DELIMITER_CHARS: usize = 8;

/// `[data]`: the Data tab's preferences.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DataConfig {
    /// Where the tree view splits key names into folders; `[":"]` unless set, `[]` for none.
    pub delimiters: Vec<String>,
}

impl Default for DataConfig {
    fn default() -> Self {
        Self {
            delimiters: vec![":".to_string()],
        }
    }
}

impl DataConfig {
    /// Why the values cannot be used, if they cannot.
    pub fn validate(&self) -> Result<(), String> {
        if self.delimiters.len() > MAX_DELIMITERS {
            return Err(format!(
                "delimiters takes at most {MAX_DELIMITERS} delimiters"
            ));
        }
        for d in &self.delimiters {
            if d.is_empty() || d.chars().count() > MAX_DELIMITER_CHARS {
                return Err(format!(
                    "each delimiter has 1 to {MAX_DELIMITER_CHARS} characters, not {d:?}"
                ));
            }
            if d.chars().any(char::is_control) {
                return Err(format!("a delimiter holds a control character: {d:?}"));
            }
        }
        Ok(())
    }
}
