//! Editing a value in the operator's `$EDITOR`: the text goes to a private temporary file
//! (0600, removed after), the dashboard hands the terminal over (input reading paused, the
//! alternate screen left) and takes it back when the editor exits.

use super::errors;
use crate::tui::services::ServiceError;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::process::Command;

/// The most text read back from the editor's file.
const MAX_EDITED_BYTES: u64 = 16 * 1024 * 1024;

/// The editor the operator chose: `$VISUAL`, else `$EDITOR`, else `vi`.
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs the editor on `text`; the edited text, or `None` when it is unchanged.
pub fn edit(text: &str) -> Result<Option<String>, ServiceError> {
    let mut file = tempfile::Builder::new()
        .prefix("updash-value-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| errors::unavailable(format!("cannot make a temporary file ({e})")))?;
    let private = std::fs::Permissions::from_mode(0o600);
    std::fs::set_permissions(file.path(), private)
        .and_then(|()| file.write_all(text.as_bytes()))
        .and_then(|()| file.flush())
        .map_err(|e| errors::unavailable(format!("cannot write the temporary file ({e})")))?;
    let editor = editor();
    crate::tui::events::pause();
    crate::tui::terminal::suspend();
    // Through the shell, so an editor with arguments ("code --wait") works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("updash")
        .arg(file.path())
        .status();
    let resumed = crate::tui::terminal::resume();
    crate::tui::events::resume();
    resumed.map_err(|e| errors::unavailable(format!("cannot take the terminal back ({e})")))?;
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            return Err(errors::unavailable(format!(
                "the editor ({}) exited with {s}; nothing is sent",
                crate::output::sanitize(&editor)
            )));
        }
        Err(e) => {
            return Err(errors::unavailable(format!(
                "cannot start the editor ({}): {e}",
                crate::output::sanitize(&editor)
            )));
        }
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file.path())
        .and_then(|f| f.take(MAX_EDITED_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| errors::unavailable(format!("cannot read the edited file ({e})")))?;
    if bytes.len() as u64 > MAX_EDITED_BYTES {
        return Err(errors::unavailable(
            "the edited text is over 16 MB; nothing is sent",
        ));
    }
    let edited = String::from_utf8(bytes)
        .map_err(|_| errors::unavailable("the edited text is not UTF-8; nothing is sent"))?;
    Ok((edited != text).then_some(edited))
}
