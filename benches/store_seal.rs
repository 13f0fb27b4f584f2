//! Sealing and opening a credentials file of 50 accounts (three secrets each): the text a
//! write produces, the text a read opens, and a whole `Store::load` through the key file.
//! Argon2id runs only on unlock, measured apart (a few samples: it is meant to be slow).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use updash::secret::Secret;
use updash::store::seal::{DataKey, Sealer};
use updash::store::{
    Account, AccountId, Credentials, ProtectionKind, SecretField, Store, open_text, seal_text,
};

const ACCOUNTS: usize = 50;

fn credentials() -> Credentials {
    let now = time::OffsetDateTime::now_utc();
    let mut creds = Credentials::new();
    for i in 0..ACCOUNTS {
        let mut a = Account::new("upstash", format!("account-{i}"), now);
        a.email = Some(format!("op{i}@example.com"));
        a.api_key = Some(Secret::new(format!("{i:08}-0000-4000-8000-000000000000")));
        a.access_token = Some(Secret::new("a".repeat(800)));
        a.refresh_token = Some(Secret::new("r".repeat(64)));
        a.expires_at = Some(now);
        a.scopes = vec!["offline_access".into()];
        creds.add_account(a).expect("account");
    }
    creds
}

fn seal_and_open(c: &mut Criterion) {
    let creds = credentials();
    let key = DataKey::generate();
    let text = seal_text(&creds, ProtectionKind::Keyfile, &key).expect("seal");
    let path = Path::new("/bench/credentials.toml");
    let mut group = c.benchmark_group("store_seal");
    group.bench_function("seal_50_accounts", |b| {
        b.iter(|| seal_text(black_box(&creds), ProtectionKind::Keyfile, &key))
    });
    group.bench_function("open_50_accounts", |b| {
        b.iter(|| open_text(path, black_box(&text), &key))
    });
    // The parts: the AEAD alone on the 150 values, and TOML alone on the same file in plain.
    let sealer = Sealer::new(&key);
    let values: Vec<(AccountId, SecretField, Secret)> = creds
        .accounts()
        .flat_map(|(id, a)| {
            [
                (SecretField::ApiKey, a.api_key.clone()),
                (SecretField::AccessToken, a.access_token.clone()),
                (SecretField::RefreshToken, a.refresh_token.clone()),
            ]
            .into_iter()
            .filter_map(move |(f, v)| v.map(|v| (id.clone(), f, v)))
        })
        .collect();
    let sealed: Vec<String> = values
        .iter()
        .map(|(id, f, v)| sealer.seal(id, *f, v))
        .collect();
    group.bench_function("aead_seal_150_values", |b| {
        b.iter(|| {
            for (id, f, v) in &values {
                black_box(sealer.seal(id, *f, v));
            }
        })
    });
    group.bench_function("aead_open_150_values", |b| {
        b.iter(|| {
            for ((id, f, _), s) in values.iter().zip(&sealed) {
                let _ = black_box(sealer.open(id, *f, s));
            }
        })
    });
    let plain = toml::to_string(&creds).expect("toml");
    group.bench_function("toml_only_render_50_accounts", |b| {
        b.iter(|| toml::to_string(black_box(&creds)))
    });
    group.bench_function("toml_only_parse_50_accounts", |b| {
        b.iter(|| toml::from_str::<Credentials>(black_box(&plain)))
    });

    let dir = tempfile::tempdir().expect("temp");
    let paths = updash::paths::Paths::under(dir.path());
    let store = Store::for_paths(&paths, ProtectionKind::Keyfile);
    store
        .update(|c| {
            *c = creds.clone();
            Ok(())
        })
        .expect("write");
    group.bench_function("load_50_accounts_with_key_file", |b| {
        // A fresh handle each time, as a new updash process reads the key file.
        b.iter(|| Store::for_paths(&paths, ProtectionKind::Keyfile).load())
    });
    group.finish();

    let mut slow = c.benchmark_group("store_unlock");
    slow.sample_size(10)
        .measurement_time(Duration::from_secs(10));
    let passphrase = Secret::new("bench passphrase, long enough");
    store
        .protect(ProtectionKind::Passphrase, Some(&passphrase))
        .expect("protect");
    slow.bench_function("unlock_argon2id", |b| {
        b.iter(|| store.unlock_with(&passphrase, None))
    });
    slow.finish();
}

criterion_group!(benches, seal_and_open);
criterion_main!(benches);
