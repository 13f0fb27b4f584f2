use super::*;
use crossterm::event::{KeyCode, KeyModifiers};
use std::collections::BTreeMap;

fn chord(s: &str) -> KeyChord {
    KeyChord::parse(s).expect("test key parses")
}

fn overrides(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
        .collect()
}

#[test]
fn every_default_key_parses_and_no_context_binds_a_key_twice() {
    for spec in TABLE {
        for key in spec.keys {
            assert!(KeyChord::parse(key).is_ok(), "{} = {key:?}", spec.name);
        }
    }
    let map = KeyMap::defaults();
    for &context in KeyContext::ALL {
        let own: Vec<_> = map
            .bindings
            .iter()
            .filter(|b| b.spec.contexts.contains(&context))
            .flat_map(|b| b.keys.iter().map(move |k| (b.spec.name, *k)))
            .collect();
        for (i, (name, key)) in own.iter().enumerate() {
            for (other, k2) in &own[i + 1..] {
                assert!(
                    key != k2,
                    "{key} bound to {name} and {other} in {context:?}"
                );
            }
        }
    }
    let names: std::collections::HashSet<_> = TABLE.iter().map(|s| s.name).collect();
    assert_eq!(names.len(), TABLE.len(), "action names are unique");
}

#[test]
fn parses_key_strings_and_matches_events() {
    assert_eq!(
        chord("q"),
        KeyChord::new(KeyCode::Char('q'), KeyModifiers::NONE)
    );
    // "G" in config matches shift+g as terminals report it.
    assert_eq!(
        chord("G"),
        KeyChord::new(KeyCode::Char('G'), KeyModifiers::SHIFT)
    );
    assert_eq!(chord("shift-g"), chord("G"));
    assert_eq!(
        chord("ctrl-c"),
        KeyChord::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
    );
    assert_eq!(chord("Ctrl-C"), chord("ctrl-c"));
    assert_eq!(chord("enter").code, KeyCode::Enter);
    assert_eq!(chord("esc").code, KeyCode::Esc);
    assert_eq!(chord("pgdn").code, KeyCode::PageDown);
    assert_eq!(chord("f1").code, KeyCode::F(1));
    assert_eq!(
        chord("shift-tab"),
        KeyChord::new(KeyCode::BackTab, KeyModifiers::SHIFT)
    );
    assert_eq!(chord("space").code, KeyCode::Char(' '));
    assert_eq!(chord("-").code, KeyCode::Char('-'));
    for bad in ["", "ctrl-", "f99", "pagedownn", "hyper-x"] {
        assert!(KeyChord::parse(bad).is_err(), "{bad:?} should not parse");
    }
    assert_eq!(chord("ctrl-c").to_string(), "ctrl-c");
    assert_eq!(chord("down").to_string(), "↓");
}

#[test]
fn overrides_replace_the_default_keys() {
    let map = KeyMap::with_overrides(&overrides(&[("quit", &["x", "ctrl-q"])])).expect("valid");
    let quit = map
        .lookup(KeyContext::Accounts, chord("x"))
        .map(|b| b.spec.command);
    assert_eq!(quit, Some(Command::Quit));
    assert!(map.lookup(KeyContext::Accounts, chord("q")).is_none());
    assert_eq!(
        map.lookup(KeyContext::Databases, chord("ctrl-q"))
            .map(|b| b.spec.command),
        Some(Command::Quit)
    );
}

#[test]
fn unknown_action_is_an_error_naming_it() {
    let err = KeyMap::with_overrides(&overrides(&[("launch_rockets", &["x"])])).unwrap_err();
    assert!(
        matches!(err, KeyMapError::UnknownAction { ref action, .. } if action == "launch_rockets")
    );
    let text = err.to_string();
    assert!(text.contains("\"launch_rockets\""), "{text}");
    assert!(text.contains("quit"), "lists the known actions: {text}");
}

#[test]
fn unparsable_key_is_an_error_naming_action_and_key() {
    let err = KeyMap::with_overrides(&overrides(&[("down", &["j", "ctrl-"])])).unwrap_err();
    assert_eq!(
        err,
        KeyMapError::BadKey {
            action: "down".into(),
            key: "ctrl-".into(),
            reason: "\"ctrl-\" has a modifier but no key".into(),
        }
    );
    let text = KeyMap::with_overrides(&overrides(&[("help", &["f77"])]))
        .unwrap_err()
        .to_string();
    assert!(text.contains("help") && text.contains("f77"), "{text}");
}

#[test]
fn an_override_that_collides_is_an_error() {
    let err = KeyMap::with_overrides(&overrides(&[("down", &["k"])])).unwrap_err();
    assert!(
        matches!(err, KeyMapError::Conflict { ref key, .. } if key == "k"),
        "{err}"
    );
    // A global key colliding with a tab's key is a conflict too.
    let err = KeyMap::with_overrides(&overrides(&[("quit", &["j"])])).unwrap_err();
    assert!(
        err.to_string().contains("quit") && err.to_string().contains("down"),
        "{err}"
    );
    // Quit must stay reachable.
    let err = KeyMap::with_overrides(&overrides(&[("quit", &[])])).unwrap_err();
    assert_eq!(
        err,
        KeyMapError::NoKeys {
            action: "quit".into()
        }
    );
}

#[test]
fn text_contexts_type_printable_keys_instead_of_running_global_bindings() {
    let map = KeyMap::defaults();
    assert!(map.lookup(KeyContext::SignIn, chord("q")).is_none());
    assert!(map.lookup(KeyContext::ApiKeyForm, chord("?")).is_none());
    let ctrl_c = map
        .lookup(KeyContext::SignIn, chord("ctrl-c"))
        .map(|b| b.spec.command);
    assert_eq!(ctrl_c, Some(Command::Quit));
    // The form's own tab wins over the global one.
    let tab = map
        .lookup(KeyContext::ApiKeyForm, chord("tab"))
        .map(|b| b.spec.command);
    assert_eq!(tab, Some(Command::NextField));
    // Modals take only their own keys.
    assert!(map.lookup(KeyContext::Confirm, chord("ctrl-c")).is_none());
}

#[test]
fn help_lists_the_context_then_global_keys_and_hides_writes_when_read_only() {
    let map = KeyMap::defaults();
    let entries = map.help_entries(KeyContext::Accounts, false);
    let first_global = entries
        .iter()
        .position(|e| e.global)
        .expect("globals listed");
    assert!(entries[..first_global].iter().all(|e| !e.global));
    assert!(
        entries
            .iter()
            .any(|e| e.keys == "j/↓" && e.description == "Move down")
    );
    assert!(
        entries
            .iter()
            .any(|e| e.keys == "q/ctrl-c" && e.description == "Quit updash")
    );
    assert!(
        entries
            .iter()
            .any(|e| e.description.starts_with("Disconnect"))
    );

    let read_only = map.help_entries(KeyContext::Accounts, true);
    assert!(
        !read_only
            .iter()
            .any(|e| e.description.starts_with("Disconnect"))
    );
    // Disconnect, set default and rename are the Accounts tab's write actions.
    assert_eq!(read_only.len() + 3, entries.len());

    // In the paste box, global keys that type are not offered.
    let sign_in = map.help_entries(KeyContext::SignIn, false);
    assert!(
        sign_in
            .iter()
            .any(|e| e.keys == "ctrl-c" && e.description == "Quit updash")
    );
    assert!(!sign_in.iter().any(|e| e.keys.contains('?')));
}

#[test]
fn hints_follow_overrides_and_read_only() {
    let map = KeyMap::with_overrides(&overrides(&[("disconnect", &["X"])])).expect("valid");
    let hints = map.hints(KeyContext::Accounts, false);
    assert!(
        hints.contains(&("X".to_string(), "disconnect")),
        "{hints:?}"
    );
    assert!(hints.contains(&("q".to_string(), "quit")));
    let hints = map.hints(KeyContext::Accounts, true);
    assert!(!hints.iter().any(|(_, label)| *label == "disconnect"));
}

#[test]
fn config_errors_point_at_the_keys_entry() {
    let path = std::path::Path::new("/cfg/config.toml");
    let check = |text: &str| {
        let config = crate::config::Config::parse(path, text).expect("parses as TOML");
        KeyMap::from_config(&config)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    assert_eq!(
        check("[keys]\nhelp = \"?\"\nquit = []\n").unwrap_err(),
        "/cfg/config.toml:3:8: [keys] quit needs at least one key"
    );
    let unknown = check("[ui]\nmouse = true\n[keys]\nfly = \"x\"\n").unwrap_err();
    assert!(
        unknown.starts_with("/cfg/config.toml:4:7: [keys] \"fly\" is not an action"),
        "{unknown}"
    );
    let conflict = check("[keys]\n\ndown = [\"j\", \"k\"]\n").unwrap_err();
    assert!(
        conflict.starts_with("/cfg/config.toml:3:8: [keys] k is bound to both"),
        "{conflict}"
    );
    assert!(check("[keys]\nquit = [\"q\", \"ctrl-q\"]\n").is_ok());
}

/// 40,000 keys on one action: the conflict check looks at each key once, so this is quick
/// even in a debug build (comparing every pair took seconds in a release build). The bound
/// is generous: the figure is in the `keymap` bench.
#[test]
fn forty_thousand_keys_are_checked_quickly() {
    let many: Vec<String> = (0x1_0000u32..0x1_0000 + 40_000)
        .filter_map(char::from_u32)
        .map(String::from)
        .collect();
    let mut with_conflict = many.clone();
    with_conflict.push("k".into());
    let start = std::time::Instant::now();
    let ok = KeyMap::with_overrides(&BTreeMap::from([("help".to_string(), many)]));
    let err = KeyMap::with_overrides(&BTreeMap::from([("down".to_string(), with_conflict)]));
    let took = start.elapsed();
    assert!(ok.is_ok());
    assert!(matches!(err, Err(KeyMapError::Conflict { ref key, .. }) if key == "k"));
    assert!(took < std::time::Duration::from_secs(10), "{took:?}");
}
