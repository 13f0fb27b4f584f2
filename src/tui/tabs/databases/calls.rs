//! The tab's database calls: what each is for, starting them (one request id each) and
//! taking their answers back (unknown or superseded requests are dropped).

use crate::tui::context::Context;
use crate::tui::effect::Effect;
use crate::tui::request::RequestId;
use crate::tui::tab_state::Outcome;
use crate::upstash::{CreateDatabase, DatabaseCall, StatsPeriod};

/// The change a "take a backup first" backup was taken for: asked again once it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterBackup {
    /// The delete dialog (type the name).
    Delete,
    /// The password reset question.
    ResetPassword,
}

/// What an awaited database call is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// The selected database read with credentials (details opened).
    Details {
        /// The database.
        id: String,
    },
    /// Usage of the selected database.
    Stats {
        /// The database.
        id: String,
    },
    /// The account's teams.
    Teams,
    /// The wizard's create.
    Create {
        /// What is created.
        request: CreateDatabase,
        /// On a retry after a lost answer: when the first attempt started (Unix seconds).
        not_before: Option<i64>,
    },
    /// A rename.
    Rename {
        /// The database.
        id: String,
        /// The new name.
        name: String,
    },
    /// A password reset.
    ResetPassword {
        /// The database.
        id: String,
    },
    /// New read regions.
    Regions {
        /// The database.
        id: String,
        /// The new list.
        read_regions: Vec<String>,
    },
    /// Eviction on or off.
    Eviction {
        /// The database.
        id: String,
        /// On or off.
        on: bool,
    },
    /// A delete.
    Delete {
        /// The database.
        id: String,
    },
    /// The database's backups.
    Backups {
        /// The database.
        id: String,
    },
    /// A backup, and the change it was taken before (asked again once it is made).
    CreateBackup {
        /// The database.
        id: String,
        /// The backup's name.
        name: String,
        /// The change asked again afterwards.
        then: Option<AfterBackup>,
    },
    /// A restore.
    RestoreBackup {
        /// The database.
        id: String,
        /// The backup.
        backup_id: String,
        /// Its name, for the toast.
        name: String,
    },
    /// A backup's delete.
    DeleteBackup {
        /// The database.
        id: String,
        /// The backup.
        backup_id: String,
        /// Its name, for the toast.
        name: String,
    },
    /// Daily backups on or off.
    DailyBackup {
        /// The database.
        id: String,
        /// On or off.
        on: bool,
    },
    /// TLS on.
    EnableTls {
        /// The database.
        id: String,
    },
    /// Automatic upgrade on or off.
    AutoUpgrade {
        /// The database.
        id: String,
        /// On or off.
        on: bool,
    },
    /// Another plan.
    ChangePlan {
        /// The database.
        id: String,
        /// The plan.
        plan: String,
    },
    /// Another owner.
    MoveToTeam {
        /// The database.
        id: String,
        /// The team.
        team_id: String,
        /// Its name, for the toast.
        team_name: String,
    },
}

impl Purpose {
    fn call(&self, period: StatsPeriod) -> DatabaseCall {
        match self.clone() {
            Purpose::Details { id } => DatabaseCall::Get { id },
            Purpose::Stats { id } => DatabaseCall::Stats { id, period },
            Purpose::Teams => DatabaseCall::ListTeams,
            Purpose::Create {
                request,
                not_before,
            } => DatabaseCall::Create {
                request,
                first_attempt: not_before,
            },
            Purpose::Rename { id, name } => DatabaseCall::Rename { id, name },
            Purpose::ResetPassword { id } => DatabaseCall::ResetPassword { id },
            Purpose::Regions { id, read_regions } => {
                DatabaseCall::UpdateRegions { id, read_regions }
            }
            Purpose::Eviction { id, on } => DatabaseCall::SetEviction { id, on },
            Purpose::Delete { id } => DatabaseCall::Delete { id },
            Purpose::Backups { id } => DatabaseCall::ListBackups { id },
            Purpose::CreateBackup { id, name, .. } => DatabaseCall::CreateBackup { id, name },
            Purpose::RestoreBackup { id, backup_id, .. } => {
                DatabaseCall::RestoreBackup { id, backup_id }
            }
            Purpose::DeleteBackup { id, backup_id, .. } => {
                DatabaseCall::DeleteBackup { id, backup_id }
            }
            Purpose::DailyBackup { id, on } => DatabaseCall::SetDailyBackup { id, on },
            Purpose::EnableTls { id } => DatabaseCall::EnableTls { id },
            Purpose::AutoUpgrade { id, on } => DatabaseCall::SetAutoUpgrade { id, on },
            Purpose::ChangePlan { id, plan } => DatabaseCall::ChangePlan { id, plan },
            Purpose::MoveToTeam { id, team_id, .. } => DatabaseCall::MoveToTeam { id, team_id },
        }
    }

    /// Reads that a newer read of the same kind supersedes.
    fn supersedes(&self, older: &Purpose) -> bool {
        matches!(
            (self, older),
            (Purpose::Details { .. }, Purpose::Details { .. })
                | (Purpose::Stats { .. }, Purpose::Stats { .. })
                | (Purpose::Teams, Purpose::Teams)
                | (Purpose::Backups { .. }, Purpose::Backups { .. })
        )
    }
}

/// Database calls in flight and what each answer is for.
#[derive(Debug, Clone, Default)]
pub struct Calls(Vec<(RequestId, Purpose)>);

impl Calls {
    /// Starts the call for `purpose` on `account_id` (usage over `period`).
    pub fn start(
        &mut self,
        account_id: &str,
        period: StatsPeriod,
        purpose: Purpose,
        ctx: &mut Context,
        out: &mut Outcome,
    ) {
        let request = ctx.request();
        self.0.retain(|(_, p)| !purpose.supersedes(p));
        let call = purpose.call(period);
        self.0.push((request, purpose));
        out.effect(Effect::Database {
            request,
            account_id: account_id.to_string(),
            call,
        });
    }

    /// What the answer to `request` is for; `None` when it is not awaited (any more).
    pub fn take(&mut self, request: RequestId) -> Option<Purpose> {
        let at = self.0.iter().position(|(r, _)| *r == request)?;
        Some(self.0.remove(at).1)
    }

    /// Whether no call is in flight.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
