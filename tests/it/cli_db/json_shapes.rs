//! The `--json` outputs scripts parse, pinned by shape: every key, and the type of each
//! value (`null` where a field may be absent), as insta snapshots. A renamed, dropped or
//! retyped field fails here rather than in someone's script.

use super::{Env, ok_json};
use serde_json::Value;

/// `value` with every leaf replaced by its type; arrays by the shape of their first item.
fn shape(value: &Value) -> Value {
    match value {
        Value::Null => Value::String("null".into()),
        Value::Bool(_) => Value::String("bool".into()),
        Value::Number(_) => Value::String("number".into()),
        Value::String(_) => Value::String("string".into()),
        Value::Array(items) => Value::Array(items.first().map(shape).into_iter().collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
        }
    }
}

fn pin(name: &str, value: &Value) {
    let text = serde_json::to_string_pretty(&shape(value)).expect("JSON");
    insta::assert_snapshot!(format!("json_shape_{name}"), text);
}

#[test]
fn db_and_team_json_shapes() {
    let env = Env::start();
    pin("db_list", &ok_json(&env.run(&["db", "list", "--json"])));
    pin(
        "db_get",
        &ok_json(&env.run(&["db", "get", "sessions-prod", "--json"])),
    );
    pin(
        "db_get_secrets",
        &ok_json(&env.run(&["db", "get", "sessions-prod", "--json", "--show-secrets"])),
    );
    pin("team_list", &ok_json(&env.run(&["team", "list", "--json"])));
    pin(
        "db_stats",
        &ok_json(&env.run(&["db", "stats", "sessions-prod", "--json"])),
    );
}

#[test]
fn status_config_check_and_regions_json_shapes() {
    let env = Env::start();
    env.add_account("shapes", updash_sandbox::SEEDED_API_KEY);
    pin("status", &ok_json(&env.run_stored(&["status", "--json"])));
    pin(
        "config_check",
        &ok_json(&env.run_stored(&["config", "check", "--json"])),
    );
    pin("regions", &ok_json(&env.run_stored(&["regions", "--json"])));
}
