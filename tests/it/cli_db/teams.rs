//! `team list` and `team members`.

use super::{Env, fails, ok, ok_json};
use updash_sandbox::api::{SEEDED_TEAM_ID, SEEDED_TEAM_NAME};

#[test]
fn team_list_and_members_by_name_and_id() {
    let env = Env::start();
    let text = ok(&env.run(&["team", "list"]));
    assert!(
        text.contains(SEEDED_TEAM_NAME) && text.contains(SEEDED_TEAM_ID),
        "{text}"
    );
    let json = ok_json(&env.run(&["team", "list", "--json"]));
    assert_eq!(json[0]["team_name"], SEEDED_TEAM_NAME);

    let text = ok(&env.run(&["team", "members", SEEDED_TEAM_NAME]));
    for who in ["alice@example.com", "admin", "bob@example.com", "dev"] {
        assert!(text.contains(who), "{who}: {text}");
    }
    let json = ok_json(&env.run(&["team", "members", SEEDED_TEAM_ID, "--json"]));
    let emails: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|m| m["member_email"].as_str())
        .collect();
    assert!(emails.contains(&"alice@example.com") && emails.contains(&"bob@example.com"));

    let err = fails(&env.run(&["team", "members", "nobody's team"]), 2);
    assert!(err.contains("no team has the ID or name"), "{err}");
}
