//! What the front knows of each command, from the embedded engine's command table: both
//! backends accept exactly these commands, so one the sandbox does not emulate never
//! reaches a real Redis either (no CONFIG, SELECT, blocking pops, ...).

use updash_keyspace::CommandInfo;

/// One command's description.
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    /// Lower-case name, as Redis prints it in errors.
    pub name: &'static str,
    /// Redis arity: positive = exact count (name included), negative = at least that many.
    pub arity: i32,
    /// It may change data.
    pub write: bool,
    /// A read-only token may run it.
    pub read_only_token: bool,
    info: &'static CommandInfo,
}

impl Meta {
    /// Argument indexes holding keys, for a call with `argc` arguments.
    pub fn key_positions(&self, argc: usize) -> Vec<usize> {
        self.info.key_positions(argc)
    }
}

/// The description of a command (name in any case), if the sandbox runs it.
pub fn lookup(name: &[u8]) -> Option<Meta> {
    let info = updash_keyspace::command_info(std::str::from_utf8(name).ok()?)?;
    Some(Meta {
        name: info.name,
        arity: info.arity,
        write: info.is_write(),
        read_only_token: info.allowed_for_read_only_token(),
        info,
    })
}
