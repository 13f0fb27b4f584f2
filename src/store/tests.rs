//! Schema tests: round trip, the default-account invariant, parsing rules.

use super::*;
use crate::secret::Secret;
use seal::{DataKey, Sealer};
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2025-01-02 03:04:05.123456789 UTC);

fn full_account(label: &str, minutes: i64) -> Account {
    let at = T0 + time::Duration::minutes(minutes);
    Account {
        provider: "upstash".into(),
        label: label.into(),
        email: Some(format!("{label}@example.com")),
        team: Some("team-1".into()),
        api_key: Some(Secret::new(format!("SECRET-MARKER-key-{label}"))),
        api_key_name: Some("UPDASH_API_KEY_1700000000".into()),
        access_token: Some(Secret::new("SECRET-MARKER-access")),
        refresh_token: Some(Secret::new("SECRET-MARKER-refresh")),
        expires_at: Some(datetime!(2025-01-02 04:04:05 +02:00)),
        scopes: vec!["offline_access".into()],
        created_at: at,
        updated_at: at,
        needs_sign_in: false,
        sign_in_expired: true,
    }
}

fn parse_text(text: &str) -> Result<(Credentials, Vec<Repair>), StoreError> {
    let mut repairs = Vec::new();
    let path = Path::new("/x/credentials.toml");
    let decoded = codec::parse(path, text, &mut repairs)?;
    decoded.open(path, None).map(|c| (c, repairs))
}

fn render(credentials: &Credentials) -> Result<String, StoreError> {
    codec::render_plain(credentials)
}

#[test]
fn round_trip_keeps_every_field() -> Result<(), StoreError> {
    let mut creds = Credentials::new();
    let a = creds.add_account(full_account("alpha", 0))?;
    let mut minimal = Account::new("sandbox", "beta", T0);
    minimal.needs_sign_in = true;
    creds.add_account(minimal)?;
    let text = render(&creds)?;
    assert!(text.contains("version = 1"), "{text}");
    assert!(
        text.contains(&format!("default_account = \"{a}\"")),
        "{text}"
    );
    assert!(
        text.contains("SECRET-MARKER-access"),
        "the file holds the plain value"
    );
    let (back, repairs) = parse_text(&text)?;
    assert_eq!(back, creds);
    assert!(repairs.is_empty());
    Ok(())
}

#[test]
fn sealed_round_trip_keeps_every_field_and_no_secret_in_the_text() -> Result<(), StoreError> {
    let mut creds = Credentials::new();
    let a = creds.add_account(full_account("alpha", 0))?;
    creds.add_account(Account::new("sandbox", "beta", T0))?;
    let key = DataKey::generate();
    let header = SealHeader::new(ProtectionKind::Keyfile, &key);
    let text = codec::render_sealed(&creds, &header, &Sealer::new(&key))?;
    assert!(!text.contains("SECRET-MARKER"), "{text}");
    assert!(
        text.contains("version = 2") && text.contains("[seal]"),
        "{text}"
    );
    assert!(
        text.contains(&format!("key_id = \"{}\"", key.id())),
        "{text}"
    );
    let path = Path::new("/x/credentials.toml");
    let decoded = codec::parse(path, &text, &mut Vec::new())?;
    assert_eq!(decoded.seal.as_ref(), Some(&header));
    assert!(!decoded.has_plain_secrets());
    let back = decoded.open(path, Some(&Sealer::new(&key)))?;
    assert_eq!(back, creds);

    let decoded = codec::parse(path, &text, &mut Vec::new())?;
    let other = Sealer::new(&DataKey::generate());
    match decoded.open(path, Some(&other)) {
        Err(e @ StoreError::Unseal { .. }) => {
            let shown = e.to_string();
            assert!(shown.contains(&format!("\"alpha\" ({a})")), "{shown}");
            assert!(shown.contains("api_key"), "{shown}");
        }
        other => panic!("expected an unseal error, got {other:?}"),
    }
    let (withheld, present) = codec::parse(path, &text, &mut Vec::new())?.withhold();
    assert!(withheld.get(&a).is_some_and(|x| x.api_key.is_none()));
    assert_eq!(present.get(&a).map(|f| f.len()), Some(3));
    Ok(())
}

#[test]
fn first_account_becomes_default_and_removal_keeps_default_valid() -> Result<(), StoreError> {
    let mut creds = Credentials::new();
    let a = creds.add_account(full_account("a", 0))?;
    let b = creds.add_account(full_account("b", 1))?;
    let c = creds.add_account(full_account("c", 2))?;
    assert_eq!(creds.default_account_id(), Some(&a));
    creds.set_default(&c)?;
    assert!(creds.remove_account(&c).is_some());
    // The oldest remaining account takes over.
    assert_eq!(creds.default_account_id(), Some(&a));
    assert!(creds.remove_account(&b).is_some());
    assert_eq!(creds.default_account_id(), Some(&a));
    assert!(creds.remove_account(&a).is_some());
    assert_eq!(creds.default_account_id(), None);
    assert!(creds.is_empty());
    Ok(())
}

#[test]
fn set_default_refuses_unknown_ids() {
    let mut creds = Credentials::new();
    let id = AccountId::parse("abc").unwrap_or_else(AccountId::generate);
    assert!(matches!(
        creds.set_default(&id),
        Err(StoreError::UnknownAccount { .. })
    ));
}

#[test]
fn dangling_default_is_repaired_in_memory() -> Result<(), StoreError> {
    let mut creds = Credentials::new();
    creds.add_account(full_account("a", 0))?;
    let text = render(&creds)?;
    let edited = text.replace(
        &format!(
            "default_account = \"{}\"",
            creds.default_account_id().map_or("", |i| i.as_str())
        ),
        "default_account = \"gone\"",
    );
    let (back, repairs) = parse_text(&edited)?;
    assert_eq!(back.default_account_id(), creds.default_account_id());
    assert!(matches!(
        repairs.as_slice(),
        [Repair::DefaultAccount { .. }]
    ));
    Ok(())
}

#[test]
fn unknown_fields_are_rejected_with_location() {
    let text = "version = 1\n\n[accounts.abc]\nprovider = \"upstash\"\nlabl = \"x\"\n";
    match parse_text(text) {
        Err(StoreError::Parse { line, reason, .. }) => {
            assert_eq!(line, 5, "{reason}");
            assert!(reason.contains("unknown field `labl`"), "{reason}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn newer_versions_are_refused_clearly() {
    match parse_text("version = 3\nfuture = true\n") {
        Err(e @ StoreError::UnsupportedVersion { found: 3, .. }) => {
            assert!(e.to_string().contains("upgrade updash"), "{e}");
        }
        other => panic!("expected UnsupportedVersion, got {other:?}"),
    }
}

#[test]
fn blank_file_is_an_empty_store_but_missing_version_is_an_error() -> Result<(), StoreError> {
    let (creds, _) = parse_text("\n# nothing yet\n")?;
    assert!(creds.is_empty());
    assert!(matches!(
        parse_text("[accounts]\n"),
        Err(StoreError::Parse { .. })
    ));
    Ok(())
}

#[test]
fn invalid_ids_and_values_do_not_leak_into_errors() {
    let bad_id = "version = 1\n[accounts.\"SECRET-MARKER-id with space\"]\n";
    let bad_type = "version = 1\n[accounts.a]\nprovider = \"p\"\nlabel = \"l\"\nscopes = \"SECRET-MARKER-x\"\n";
    let bad_time = "version = 1\n[accounts.a]\nprovider = \"p\"\nlabel = \"l\"\ncreated_at = \"SECRET-MARKER-t\"\n";
    let bad_syntax = "version = 1\naccess_token = \"SECRET-MARKER-unterminated\n";
    for text in [bad_id, bad_type, bad_time, bad_syntax] {
        let err = parse_text(text).err().map(|e| format!("{e} {e:?}"));
        let shown = err.unwrap_or_default();
        assert!(shown.contains("credentials.toml:"), "{shown}");
        assert!(!shown.contains("SECRET-MARKER"), "{shown}");
    }
}

#[test]
fn resolve_finds_by_id_label_or_email() -> Result<(), StoreError> {
    let mut creds = Credentials::new();
    let a = creds.add_account(full_account("alpha", 0))?;
    let b = creds.add_account(full_account("beta", 1))?;
    assert_eq!(creds.resolve(a.as_str())?, &a);
    assert_eq!(creds.resolve("beta")?, &b);
    assert_eq!(creds.resolve("ALPHA@example.com")?, &a);
    assert!(matches!(
        creds.resolve("nobody"),
        Err(StoreError::AccountNotFound { .. })
    ));
    creds.add_account(full_account("beta", 2))?;
    assert!(matches!(
        creds.resolve("beta"),
        Err(StoreError::AmbiguousAccount { .. })
    ));
    assert_eq!(creds.find_by_provider("upstash").count(), 3);
    Ok(())
}

#[test]
fn debug_output_has_no_secrets() -> Result<(), StoreError> {
    let mut creds = Credentials::new();
    creds.add_account(full_account("alpha", 0))?;
    let shown = format!("{creds:?} {creds:#?}");
    assert!(!shown.contains("SECRET-MARKER"), "{shown}");
    assert!(shown.contains("[redacted]"));
    Ok(())
}
