//! The data console's history file (`$XDG_STATE_HOME/updash/history`): private (0600 in a
//! 0700 directory), read with a size cap (only its end), one command per line, appended to
//! and trimmed when it grows.

use super::errors;
use crate::tui::services::ServiceError;
use std::fs::{self, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The most of the file read: its end, when it is larger.
const READ_CAP: u64 = 256 * 1024;
/// The file is trimmed to its last [`KEEP`] lines once it is larger than this.
const TRIM_AT: u64 = 512 * 1024;
/// Lines kept.
const KEEP: usize = 500;

fn failed(what: &str, e: impl std::fmt::Display) -> ServiceError {
    errors::unavailable(format!("the console history {what} ({e})"))
}

/// The history, oldest first (none when the file does not exist).
pub fn load(path: &Path) -> Result<Vec<String>, ServiceError> {
    let mut file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(failed("cannot be opened", e)),
    };
    let meta = file.metadata().map_err(|e| failed("cannot be read", e))?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let uid = unsafe { libc::geteuid() };
    if !meta.is_file() || meta.uid() != uid {
        return Err(failed("is not a file of this user", path.display()));
    }
    if meta.mode() & 0o077 != 0 {
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
    }
    let skip = meta.len().saturating_sub(READ_CAP);
    file.seek(SeekFrom::Start(skip))
        .map_err(|e| failed("cannot be read", e))?;
    let mut bytes = Vec::new();
    file.take(READ_CAP)
        .read_to_end(&mut bytes)
        .map_err(|e| failed("cannot be read", e))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // A cut first line is a piece of a command.
    if skip > 0 && !lines.is_empty() {
        lines.remove(0);
    }
    let extra = lines.len().saturating_sub(KEEP);
    lines.drain(..extra);
    Ok(lines.into_iter().filter(|l| !l.trim().is_empty()).collect())
}

/// Adds `line` at the end (a newline in it would split it: it is kept as one space).
pub fn append(path: &Path, line: &str) -> Result<(), ServiceError> {
    if let Some(dir) = path.parent() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| failed("directory cannot be made", e))?;
    }
    let mut file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(|e| failed("cannot be opened", e))?;
    let one_line: String = line
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    writeln!(file, "{one_line}").map_err(|e| failed("cannot be written", e))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > TRIM_AT {
        trim(path)?;
    }
    Ok(())
}

/// Rewrites the file with its last [`KEEP`] lines (temp file, then rename).
fn trim(path: &Path) -> Result<(), ServiceError> {
    let lines = load(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| failed("cannot be trimmed", e))?;
    for line in &lines {
        writeln!(temp, "{line}").map_err(|e| failed("cannot be trimmed", e))?;
    }
    temp.as_file()
        .set_permissions(fs::Permissions::from_mode(0o600))
        .map_err(|e| failed("cannot be trimmed", e))?;
    temp.persist(path)
        .map(|_| ())
        .map_err(|e| failed("cannot be trimmed", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_back_from_a_private_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state").join("history");
        assert_eq!(load(&path).expect("no file yet"), Vec::<String>::new());
        append(&path, "DBSIZE").expect("appends");
        append(&path, "GET a\nb").expect("appends");
        assert_eq!(load(&path).expect("reads"), ["DBSIZE", "GET a b"]);
        let mode = fs::metadata(&path).expect("exists").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        for i in 0..20_000 {
            append(&path, &format!("GET key:{i:05}")).expect("appends");
        }
        let lines = load(&path).expect("reads");
        assert_eq!(lines.len(), KEEP);
        assert_eq!(lines.last().map(String::as_str), Some("GET key:19999"));
        assert!(fs::metadata(&path).expect("exists").len() <= TRIM_AT + 64);
    }
}
