//! The seeded accounts: a personal account, one team, their databases and API keys.
//!
//! Everything is deterministic (a fixed RNG seed), so ids and endpoints are the same on every
//! fresh start and tests can rely on them.

use super::audit::{self, AuditAction, Subject};
use super::backups::Backup;
use super::model::{Member, Team};
use super::plans;
use super::record::{self, NewDatabase};
use super::{
    ApiState, SEEDED_READONLY_API_KEY, SEEDED_TEAM_ID, SEEDED_TEAM_MEMBERS, SEEDED_TEAM_NAME,
};
use crate::{SEEDED_API_KEY, SEEDED_TEAM_API_KEY};
use rand::SeedableRng;
use rand::rngs::StdRng;
use updash_common::regions::{self, REGIONS};

/// Unix time the seeded databases date from (2025-01-01).
const SEED_EPOCH: i64 = 1_735_689_600;

/// One seeded database: name, primary, read regions, plan, budget, eviction.
type Seed = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    i64,
    bool,
);

/// The personal account's databases; two share the name "cache" on purpose, as the real
/// service allows, so clients meet ambiguous names.
const PERSONAL: &[Seed] = &[
    (
        "sessions-prod",
        "us-east-1",
        &["us-west-2", "eu-west-1"],
        "payg",
        360,
        true,
    ),
    (
        "cache",
        "eu-central-1",
        &["eu-west-1"],
        "fixed_1gb",
        0,
        true,
    ),
    ("cache", "ap-northeast-1", &[], "payg", 50, false),
    (
        "rate-limiter",
        "us-central1",
        &["us-east4"],
        "payg",
        100,
        false,
    ),
    (
        "analytics-events",
        "europe-west1",
        &[],
        "fixed_250mb",
        0,
        false,
    ),
    ("scratch", "ap-southeast-1", &[], "free", 0, false),
];

/// How many databases a new state seeds before any `--seed` extras: the personal account's,
/// then the team's.
pub const SEEDED_DATABASES: usize = PERSONAL.len() + TEAM.len();

/// The team's databases.
const TEAM: &[Seed] = &[
    (
        "platform-queue",
        "us-west-2",
        &["us-east-1"],
        "fixed_5gb",
        0,
        false,
    ),
    (
        "platform-metrics",
        "asia-northeast1",
        &[],
        "payg",
        200,
        true,
    ),
];

impl ApiState {
    /// The personal account of `email` with its seeded databases and team, plus `extra`
    /// generated databases named `load-000000`, `load-000001`, ... in the personal account.
    pub fn seeded(email: &str, extra: usize) -> Self {
        let mut rng = StdRng::seed_from_u64(0x5eed_da7a);
        let mut state = ApiState::default();
        let mut t = SEED_EPOCH;
        for (seeds, owner) in [(PERSONAL, email), (TEAM, SEEDED_TEAM_ID)] {
            for &(name, primary, read, plan, budget, eviction) in seeds {
                let Some(plan) = plans::find(plan) else {
                    continue;
                };
                let new = NewDatabase {
                    name,
                    primary_region: primary,
                    read_regions: read.iter().map(|r| r.to_string()).collect(),
                    plan,
                    budget,
                    eviction,
                    customer_id: owner,
                };
                let db = record::database(new, t, &mut rng);
                let subject = Subject::new(&db.database_name, &db.database_id);
                let action = AuditAction::CREATE_DATABASE;
                audit::record_as(&mut state, owner, email, "CONSOLE", action, subject, t);
                state.databases.push(db);
                t += 86_400 * 9;
            }
        }
        for i in 0..extra {
            let name = format!("load-{i:06}");
            let primary = &REGIONS[i % REGIONS.len()];
            let plan = &plans::PLANS[(i / REGIONS.len()) % plans::PLANS.len()];
            let want = (i / 7) % 3;
            let want = if plan.name == "free" {
                want.min(1)
            } else {
                want
            };
            let read_regions = REGIONS
                .iter()
                .cycle()
                .skip(i % REGIONS.len() + 1)
                .take(REGIONS.len())
                .filter(|r| r.platform == primary.platform && r.code != primary.code)
                .take(want)
                .map(|r| r.code.to_string())
                .collect();
            let new = NewDatabase {
                name: &name,
                primary_region: primary.code,
                read_regions,
                plan,
                budget: if plan.name == "payg" {
                    20 + (i % 5) as i64 * 40
                } else {
                    0
                },
                eviction: i % 2 == 0,
                customer_id: email,
            };
            state
                .databases
                .push(record::database(new, t + i as i64 * 60, &mut rng));
        }
        let mut members = vec![Member {
            email: email.to_string(),
            role: "owner".into(),
        }];
        members.extend(SEEDED_TEAM_MEMBERS.iter().map(|(e, r)| Member {
            email: e.to_string(),
            role: r.to_string(),
        }));
        state.teams.push(Team {
            team_id: SEEDED_TEAM_ID.into(),
            team_name: SEEDED_TEAM_NAME.into(),
            copy_cc: true,
            members,
        });
        state.add_key(
            "sandbox-personal",
            email,
            email,
            SEEDED_API_KEY,
            false,
            SEED_EPOCH,
        );
        state.add_key(
            "sandbox-team",
            email,
            SEEDED_TEAM_ID,
            SEEDED_TEAM_API_KEY,
            false,
            SEED_EPOCH,
        );
        state.add_key(
            "sandbox-readonly",
            email,
            email,
            SEEDED_READONLY_API_KEY,
            true,
            SEED_EPOCH,
        );
        state.seed_backups(&mut rng);
        super::product_seed::seed(&mut state, email);
        debug_assert!(
            state
                .databases
                .iter()
                .all(|d| regions::find(&d.primary_region).is_some())
        );
        state
    }

    /// Backup records on the seeded databases: the last daily backup of each one that has
    /// daily backups on, and a named one on the first. Their snapshots are taken once the
    /// demo keys are in (see `data::seed`).
    fn seed_backups(&mut self, rng: &mut StdRng) {
        let mut backups = Vec::new();
        for (i, db) in self.databases.iter().take(SEEDED_DATABASES).enumerate() {
            let mut add = |name: &str, daily: bool, at: i64| {
                let mut b = Backup::new(db, name, daily, at, rng);
                b.seeded = true;
                backups.push(b);
            };
            if i == 0 {
                add("before-migration", false, db.creation_time + 86_400);
            }
            if db.daily_backup_enabled {
                add("daily", true, db.creation_time + 7 * 86_400);
            }
        }
        self.backups = backups;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SEEDED_EMAIL;

    #[test]
    fn seeded_accounts() {
        let s = ApiState::seeded(SEEDED_EMAIL, 0);
        let personal: Vec<_> = s
            .databases
            .iter()
            .filter(|d| d.customer_id == SEEDED_EMAIL)
            .collect();
        assert_eq!(personal.len(), PERSONAL.len());
        assert!(personal.iter().any(|d| d.primary_region == "us-central1"));
        assert_eq!(
            personal
                .iter()
                .filter(|d| d.database_name == "cache")
                .count(),
            2
        );
        let team = s
            .databases
            .iter()
            .filter(|d| d.customer_id == SEEDED_TEAM_ID);
        assert_eq!(team.count(), TEAM.len());
        assert_eq!(s.teams[0].members[0].role, "owner");
    }

    #[test]
    fn seeding_is_deterministic_and_valid() {
        let a = ApiState::seeded(SEEDED_EMAIL, 300);
        let b = ApiState::seeded(SEEDED_EMAIL, 300);
        let ids = |s: &ApiState| {
            s.databases
                .iter()
                .map(|d| d.database_id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(a.databases.len(), 308);
        for d in a.databases.iter() {
            let platform = regions::platform_of(&d.primary_region).expect("platform");
            super::super::validate::read_regions(
                &d.read_regions,
                &d.primary_region,
                platform,
                d.db_plan_type == "free",
            )
            .expect(&d.database_name);
            super::super::validate::database_name(&d.database_name).expect("name");
        }
        assert!(a.databases.iter().any(|d| d.read_regions.len() == 2));
    }

    /// A generous bound that only catches a seed gone wrong (quadratic, stuck); the figure
    /// is in `benches/seed_and_list.rs`.
    #[test]
    fn ten_thousand_seed_in_bounded_time() {
        let start = std::time::Instant::now();
        let s = ApiState::seeded(SEEDED_EMAIL, 10_000);
        assert_eq!(s.databases.len(), 10_008);
        assert!(start.elapsed() < std::time::Duration::from_secs(60));
    }
}
