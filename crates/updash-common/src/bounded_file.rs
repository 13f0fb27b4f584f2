//! Reading a file updash was pointed at (config.toml, the sandbox's state and keyspaces):
//! regular files only, and no more than a stated size, so a FIFO, a device such as
//! `/dev/zero` or a runaway file cannot hang or exhaust the process. Links are followed (a
//! config file linked from a dotfiles checkout is common); what they lead to is checked.

use std::fs;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not a regular file (a FIFO, a device, a directory, ...).
    #[error("{0} is not a regular file")]
    NotRegular(String),
    /// Larger than the limit.
    #[error("{path} is larger than {max} bytes")]
    TooLarge {
        /// The file.
        path: String,
        /// The limit.
        max: u64,
    },
    /// The operating system's error.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// The file's bytes, or `None` when it does not exist.
pub fn read_limited(path: &Path, max: u64) -> Result<Option<Vec<u8>>, ReadError> {
    let shown = || path.display().to_string();
    let io = |source| ReadError::Io {
        path: shown(),
        source,
    };
    // Checked before opening: opening a FIFO for reading blocks until a writer appears.
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    if !meta.is_file() {
        return Err(ReadError::NotRegular(shown()));
    }
    // Non-blocking, so a FIFO swapped in after the check cannot block the open either.
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(io)?;
    // Checked again on the open file, in case the path was swapped in between.
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(shown()));
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge { path: shown(), max });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // `take` bounds the read even if the file grows after the check above.
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge { path: shown(), max });
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_directories_and_large_files_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 1024),
            Err(ReadError::NotRegular(_))
        ));
        assert!(matches!(
            read_limited(dir.path(), 1024),
            Err(ReadError::NotRegular(_))
        ));
        let big = dir.path().join("big");
        fs::write(&big, vec![b'x'; 2048]).expect("write");
        assert!(matches!(
            read_limited(&big, 1024),
            Err(ReadError::TooLarge { .. })
        ));
        assert_eq!(
            read_limited(&big, 4096).expect("read").map(|b| b.len()),
            Some(2048)
        );
        assert!(
            read_limited(&dir.path().join("none"), 1)
                .expect("absent")
                .is_none()
        );
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this machine: the device case above covers the check
        }
        assert!(matches!(
            read_limited(&fifo, 1024),
            Err(ReadError::NotRegular(_))
        ));
    }
}
