//! Confirming a destructive change on the terminal: the operator types a name or answers
//! yes; scripts pass `--yes`; with neither, nothing changes (exit 2).

use crate::cli::exit::{CliError, CliResult};
use std::io::{BufRead, IsTerminal};

/// Refuses when there is no way to confirm: no `--yes` and stdin is not a terminal.
pub fn possible(yes: bool, verb: &str) -> CliResult {
    if yes || std::io::stdin().is_terminal() {
        return Ok(());
    }
    Err(CliError::usage(format!(
        "refusing to {verb} without confirmation: stdin is not a terminal; pass --yes to {verb} from a script"
    )))
}

fn read_answer() -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::usage(format!("cannot read the confirmation: {e}")))?;
    Ok(line.trim().to_owned())
}

/// Shows `explain`, then asks for `name` to be typed; anything else cancels.
pub fn typed(explain: &str, name: &str, nothing_done: &str) -> CliResult {
    crate::err_print!(
        "{explain}\nType {} to confirm: ",
        crate::output::quoted(name.as_bytes())
    );
    if read_answer()? == name {
        Ok(())
    } else {
        Err(CliError::usage(format!(
            "the name did not match; {nothing_done}"
        )))
    }
}

/// Shows what will happen and the exact request, then asks for `name` to be typed; anything
/// else cancels and nothing is sent.
pub fn typed_for_request(consequence: &str, request: &str, name: &str) -> CliResult {
    typed(
        &format!(
            "{}\nRequest: {}",
            crate::output::sanitize(consequence),
            crate::output::sanitize(request)
        ),
        name,
        "nothing was sent",
    )
}

/// Shows `question` and asks y/N; anything but `y`/`yes` cancels.
pub fn yes_no(question: &str, nothing_done: &str) -> CliResult {
    crate::err_print!("{question} [y/N] ");
    match read_answer()?.to_ascii_lowercase().as_str() {
        "y" | "yes" => Ok(()),
        _ => Err(CliError::usage(format!("not confirmed; {nothing_done}"))),
    }
}
