//! One Developer API call on an account's databases, as data: what a front-end asks for
//! ([`DatabaseCall`]) and what it gets back ([`DatabaseReply`]). The dashboard sends these
//! through its services; [`Client::run`] is the only place they map onto requests.

use super::backup::MaintenanceWait;
use super::client::{Client, CredentialsMode};
use super::create::CreateDatabase;
use super::error::ApiError;
use super::models::{AuditLog, Backup, Database, DatabaseStats, StatsPeriod, Team};

/// One database call.
#[derive(Debug, Clone, PartialEq)]
pub enum DatabaseCall {
    /// List the account's databases (credentials included, as the API sends them).
    List,
    /// Read one database with credentials.
    Get {
        /// The database.
        id: String,
    },
    /// Read usage over a period.
    Stats {
        /// The database.
        id: String,
        /// The period.
        period: StatsPeriod,
    },
    /// Create a database; `first_attempt` (Unix seconds) marks a retry after a lost answer,
    /// which looks the name up first (see [`Client::create_database_again`]).
    Create {
        /// What to create.
        request: CreateDatabase,
        /// When the first attempt started, on a retry.
        first_attempt: Option<i64>,
    },
    /// Rename.
    Rename {
        /// The database.
        id: String,
        /// The new name.
        name: String,
    },
    /// Reset the password.
    ResetPassword {
        /// The database.
        id: String,
    },
    /// Replace the read regions.
    UpdateRegions {
        /// The database.
        id: String,
        /// The new read regions.
        read_regions: Vec<String>,
    },
    /// Turn eviction on or off.
    SetEviction {
        /// The database.
        id: String,
        /// On or off.
        on: bool,
    },
    /// Delete.
    Delete {
        /// The database.
        id: String,
    },
    /// List the account's teams.
    ListTeams,
    /// Read the account's audit log.
    AuditLogs,
    /// List a database's backups.
    ListBackups {
        /// The database.
        id: String,
    },
    /// Back a database up (waiting out a new database's maintenance mode).
    CreateBackup {
        /// The database.
        id: String,
        /// The backup's name.
        name: String,
    },
    /// Replace a database's data with a backup's.
    RestoreBackup {
        /// The database.
        id: String,
        /// The backup.
        backup_id: String,
    },
    /// Delete a backup.
    DeleteBackup {
        /// The database.
        id: String,
        /// The backup.
        backup_id: String,
    },
    /// Turn daily backups on or off.
    SetDailyBackup {
        /// The database.
        id: String,
        /// On or off.
        on: bool,
    },
    /// Turn TLS on (it cannot be turned off).
    EnableTls {
        /// The database.
        id: String,
    },
    /// Turn automatic plan upgrade on or off.
    SetAutoUpgrade {
        /// The database.
        id: String,
        /// On or off.
        on: bool,
    },
    /// Move a database to another plan.
    ChangePlan {
        /// The database.
        id: String,
        /// The plan's name (`payg`, `fixed_1gb`, ...).
        plan: String,
    },
    /// Move a database to a team.
    MoveToTeam {
        /// The database.
        id: String,
        /// The team.
        team_id: String,
    },
}

/// What a [`DatabaseCall`] answers.
#[derive(Debug, Clone, PartialEq)]
pub enum DatabaseReply {
    /// The account's databases.
    Databases(Vec<Database>),
    /// A database (get, create, rename, reset password).
    Database(Box<Database>),
    /// Usage statistics.
    Stats(Box<DatabaseStats>),
    /// The account's teams.
    Teams(Vec<Team>),
    /// The account's audit log entries, as the API sent them (newest first).
    AuditLogs(Vec<AuditLog>),
    /// A database's backups.
    Backups(Vec<Backup>),
    /// A backup was made, after waiting out maintenance mode this many times.
    BackupCreated {
        /// Waits for maintenance mode before it went through.
        maintenance_waits: u32,
    },
    /// Done, nothing to show (regions, eviction, delete).
    Done,
}

impl Client {
    /// Sends `call` and returns its answer.
    pub async fn run(&self, call: &DatabaseCall) -> Result<DatabaseReply, ApiError> {
        let one = |db: Database| DatabaseReply::Database(Box::new(db));
        Ok(match call {
            DatabaseCall::List => DatabaseReply::Databases(self.list_databases().await?),
            DatabaseCall::Get { id } => one(self.get_database(id, CredentialsMode::Show).await?),
            DatabaseCall::Stats { id, period } => {
                DatabaseReply::Stats(Box::new(self.database_stats(id, Some(*period)).await?))
            }
            DatabaseCall::Create {
                request,
                first_attempt,
            } => one(self.create_database_again(request, *first_attempt).await?),
            DatabaseCall::Rename { id, name } => one(self.rename_database(id, name).await?),
            DatabaseCall::ResetPassword { id } => one(self.reset_password(id).await?),
            DatabaseCall::UpdateRegions { id, read_regions } => {
                self.update_regions(id, read_regions).await?;
                DatabaseReply::Done
            }
            DatabaseCall::SetEviction { id, on: true } => {
                self.enable_eviction(id).await?;
                DatabaseReply::Done
            }
            DatabaseCall::SetEviction { id, on: false } => {
                self.disable_eviction(id).await?;
                DatabaseReply::Done
            }
            DatabaseCall::Delete { id } => {
                self.delete_database(id).await?;
                DatabaseReply::Done
            }
            DatabaseCall::ListTeams => DatabaseReply::Teams(self.list_teams().await?),
            DatabaseCall::AuditLogs => DatabaseReply::AuditLogs(self.audit_logs().await?),
            DatabaseCall::ListBackups { id } => {
                DatabaseReply::Backups(self.list_backups(id).await?)
            }
            DatabaseCall::CreateBackup { id, name } => {
                let mut waits = 0;
                self.create_backup(id, name, MaintenanceWait::default(), &mut |_| waits += 1)
                    .await?;
                DatabaseReply::BackupCreated {
                    maintenance_waits: waits,
                }
            }
            DatabaseCall::RestoreBackup { id, backup_id } => {
                self.restore_backup(id, backup_id).await?;
                DatabaseReply::Done
            }
            DatabaseCall::DeleteBackup { id, backup_id } => {
                self.delete_backup(id, backup_id).await?;
                DatabaseReply::Done
            }
            DatabaseCall::SetDailyBackup { id, on } => {
                self.set_daily_backup(id, *on).await?;
                DatabaseReply::Done
            }
            DatabaseCall::EnableTls { id } => one(self.enable_tls(id).await?),
            DatabaseCall::SetAutoUpgrade { id, on } => {
                self.set_auto_upgrade(id, *on).await?;
                DatabaseReply::Done
            }
            DatabaseCall::ChangePlan { id, plan } => {
                self.change_plan(id, plan).await?;
                DatabaseReply::Done
            }
            DatabaseCall::MoveToTeam { id, team_id } => {
                self.move_to_team(id, team_id).await?;
                DatabaseReply::Done
            }
        })
    }
}
