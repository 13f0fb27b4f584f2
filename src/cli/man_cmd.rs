//! `updash man`: one manual page (roff) with every subcommand, on stdout.

use super::Cli;
use super::exit::{CliError, CliResult};
use clap::CommandFactory;
use clap_mangen::Man;

/// Writes the page: the top command, then a section per subcommand with its synopsis and
/// options.
pub fn run() -> CliResult {
    let page = render().map_err(|e| CliError::service(format!("cannot write the page: {e}")))?;
    super::db::output::print_text(&page)
}

/// The whole page.
pub fn render() -> std::io::Result<String> {
    let top = Cli::command();
    let mut out = Vec::new();
    Man::new(top.clone()).render(&mut out)?;
    for sub in top.get_subcommands() {
        section(sub, "updash", &mut out)?;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A subcommand's synopsis, description and options, then its own subcommands.
fn section(cmd: &clap::Command, parent: &str, out: &mut Vec<u8>) -> std::io::Result<()> {
    let name = format!("{parent} {}", cmd.get_name());
    out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
    let man = Man::new(cmd.clone().bin_name(name.clone()));
    let mut parts = Vec::new();
    man.render_synopsis_section(&mut parts)?;
    man.render_description_section(&mut parts)?;
    man.render_options_section(&mut parts)?;
    // Inside a subcommand's section its parts are subsections.
    let parts = String::from_utf8_lossy(&parts).replace(".SH ", ".SS ");
    out.extend_from_slice(parts.as_bytes());
    for sub in cmd.get_subcommands() {
        section(sub, &name, out)?;
    }
    Ok(())
}
