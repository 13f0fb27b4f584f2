//! Entry point: parse the command line and run the chosen command.

use std::process::ExitCode;

fn main() -> ExitCode {
    limit_malloc_arenas();
    updash::cli::main()
}

/// Caps glibc's malloc arenas at two. Each thread that allocates (tokio's workers, the
/// blocking thread that decodes a database list) otherwise gets an arena of its own, and
/// memory freed in one is not reused by another: with 10,000 databases that cost the
/// dashboard 2 to 5 MB of its peak, varying from run to run.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only sets an allocator parameter; it runs before any other thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Other allocators need no cap.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
