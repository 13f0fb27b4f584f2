//! `updash --version`, `updash completions SHELL` and `updash man` on the built binary.

use crate::support::cli::{Home, stdout};

#[test]
fn version_names_the_commit_and_the_build_date() {
    let out = Home::new().run(&["--version"]);
    let text = stdout(&out);
    let line = text.trim();
    let rest = line
        .strip_prefix("updash 0.1.0 (")
        .expect("name and version");
    let (commit, date) = rest
        .strip_suffix(')')
        .and_then(|r| r.split_once(' '))
        .expect("(commit date)");
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.bytes().all(|b| b.is_ascii_hexdigit())),
        "{line}"
    );
    let parts: Vec<&str> = date.split('-').collect();
    assert!(
        parts.len() == 3 && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())),
        "{line}"
    );
}

#[test]
fn completions_come_for_every_shell_and_bash_parses_its_script() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = home.run(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = stdout(&out);
        assert!(
            script.contains("updash") && script.contains("login"),
            "{shell}"
        );
    }
    let script = stdout(&home.run(&["completions", "bash"]));
    let path = home.root().join("updash.bash");
    std::fs::write(&path, script).expect("write");
    let check = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .expect("bash");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert_eq!(home.run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_manual_has_a_section_for_every_subcommand() {
    let page = stdout(&Home::new().run(&["man"]));
    assert!(
        page.starts_with(".ie") || page.contains(".TH updash 1"),
        "{page}"
    );
    for section in [
        "UPDASH LOGIN",
        "UPDASH DB LIST",
        "UPDASH DB CREATE",
        "UPDASH DATA",
        "UPDASH DATA SCAN",
        "UPDASH SANDBOX",
        "UPDASH STATUS",
        "UPDASH COMPLETIONS",
    ] {
        assert!(page.contains(&format!(".SH \"{section}\"")), "{section}");
    }
}

/// Every command's `--help`, the top one and each subcommand's at every depth, ends with at
/// least one example to copy.
#[test]
fn every_help_has_an_example() {
    use clap::CommandFactory;
    fn walk(cmd: &mut clap::Command, path: &str, missing: &mut Vec<String>) {
        let help = cmd.render_long_help().to_string();
        if !help.contains("Example") {
            missing.push(path.to_string());
        }
        for sub in cmd.get_subcommands_mut() {
            if sub.get_name() == "help" {
                continue;
            }
            let path = format!("{path} {}", sub.get_name());
            walk(sub, &path, missing);
        }
    }
    let mut missing = Vec::new();
    let mut cli = updash::cli::Cli::command();
    cli.build();
    walk(&mut cli, "updash", &mut missing);
    assert!(
        missing.is_empty(),
        "no example in the help of: {missing:#?}"
    );
}
