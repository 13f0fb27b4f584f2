//! The plans a database can be created on, and the limits each one reports.

use super::model::UNLIMITED;

/// One plan's name and the limits a database on it reports.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// The name used in create bodies, e.g. `fixed_1gb`.
    pub name: &'static str,
    /// What the database's `type` field says: `free`, `payg` or `paid`.
    pub db_type: &'static str,
    /// `db_max_clients`.
    pub max_clients: i64,
    /// `db_disk_threshold` and `db_memory_threshold`, bytes.
    pub size_bytes: i64,
    /// `db_max_commands_per_second`.
    pub commands_per_second: i64,
    /// `db_request_limit` (monthly commands); [`UNLIMITED`] on paid plans.
    pub request_limit: i64,
    /// `db_resource_size`.
    pub resource_size: &'static str,
}

const MB: i64 = 1024 * 1024;
const GB: i64 = 1024 * MB;

/// Every plan `POST /v2/redis/database` accepts, in the order the spec lists them.
pub const PLANS: &[Plan] = &[
    Plan {
        name: "free",
        db_type: "free",
        max_clients: 1_000,
        size_bytes: 256 * MB,
        commands_per_second: 10_000,
        request_limit: 500_000,
        resource_size: "S",
    },
    Plan {
        name: "payg",
        db_type: "payg",
        max_clients: 10_000,
        size_bytes: 100 * GB,
        commands_per_second: 10_000,
        request_limit: UNLIMITED,
        resource_size: "L",
    },
    fixed("fixed_250mb", 250 * MB, 1_000, "S"),
    fixed("fixed_1gb", GB, 2_500, "M"),
    fixed("fixed_5gb", 5 * GB, 5_000, "L"),
    fixed("fixed_10gb", 10 * GB, 10_000, "XL"),
    fixed("fixed_50gb", 50 * GB, 20_000, "XXL"),
    fixed("fixed_100gb", 100 * GB, 40_000, "3XL"),
    fixed("fixed_500gb", 500 * GB, 100_000, "3XL"),
];

const fn fixed(name: &'static str, size: i64, clients: i64, resource: &'static str) -> Plan {
    Plan {
        name,
        db_type: "paid",
        max_clients: clients,
        size_bytes: size,
        commands_per_second: clients,
        request_limit: UNLIMITED,
        resource_size: resource,
    }
}

/// The plan with this name.
pub fn find(name: &str) -> Option<&'static Plan> {
    PLANS.iter().find(|p| p.name == name)
}

/// The plan names, comma-separated, for error messages.
pub fn names() -> String {
    PLANS.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")
}

/// The plan used when a create body names none: the seeded accounts are paying accounts.
pub const DEFAULT_PLAN: &str = "payg";
/// The budget a pay-as-you-go database gets when the create body names none.
pub const DEFAULT_PAYG_BUDGET: i64 = 20;
