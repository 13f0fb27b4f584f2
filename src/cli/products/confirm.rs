//! Confirming a write before it is sent: the exact request is shown, and the operator types
//! the name (on a terminal) or passes `--yes` (scripts). With neither, nothing is sent.

use crate::cli::exit::{CliError, CliResult};
use std::io::{BufRead, IsTerminal};

/// Refuses early when there is no way to confirm: no `--yes` and stdin is not a terminal.
pub fn check_possible(yes: bool, verb: &str) -> CliResult {
    if yes || std::io::stdin().is_terminal() {
        return Ok(());
    }
    Err(CliError::usage(format!(
        "refusing to {verb} without confirmation: stdin is not a terminal; pass --yes to {verb} from a script"
    )))
}

/// Shows what will happen and the request, then asks for `name`; anything else cancels
/// (exit 2) and nothing is sent.
pub fn typed_name(consequence: &str, request: &str, name: &str) -> CliResult {
    crate::err_print!(
        "{}\nRequest: {}\nType its name ({}) to confirm: ",
        crate::output::sanitize(consequence),
        crate::output::sanitize(request),
        crate::output::quoted(name.as_bytes()),
    );
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::usage(format!("cannot read the confirmation: {e}")))?;
    if line.trim() == name {
        Ok(())
    } else {
        Err(CliError::usage("the name did not match; nothing was sent"))
    }
}
