//! The Databases pane and the wizard in the real run loop under a `TestBackend`, with the
//! database calls going to a real sandbox over HTTP: browse, filter, sort, details, copy,
//! create through the wizard, rename, delete, and 5xx/429 during refresh.

use crate::tui_support::{Harness, NOW, app};
use futures::future::{self, BoxFuture};
use std::sync::{Arc, Mutex};
use updash::secret::Secret;
use updash::tui::{
    AccountRow, AttemptId, ServiceError, ServiceErrorKind, ServiceFuture, Services, SignInStarted,
};
use updash::upstash::{
    ApiCredentials, Client, ClientConfig, DatabaseCall, DatabaseReply, RetryPolicy,
};
use updash_sandbox::{Options, SEEDED_API_KEY, SEEDED_EMAIL, Sandbox};

/// Services whose database calls go to a sandbox; one sandbox account; clipboard recorded.
pub struct SandboxServices {
    base_url: String,
    /// Texts copied to the clipboard.
    pub clipboard: Mutex<Vec<String>>,
}

impl SandboxServices {
    /// Services for the sandbox at `base_url`.
    pub fn new(base_url: &str) -> Arc<Self> {
        Arc::new(Self {
            base_url: base_url.to_string(),
            clipboard: Mutex::new(Vec::new()),
        })
    }

    /// The texts copied so far.
    pub fn copied(&self) -> Vec<String> {
        self.clipboard.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// A client of the seeded account (no retries: faults show at once).
    pub fn client(&self) -> Client {
        let config = ClientConfig::new(&self.base_url)
            .expect("sandbox URL")
            .with_retry(RetryPolicy::none());
        Client::new(
            &config,
            ApiCredentials::new(SEEDED_EMAIL, Secret::new(SEEDED_API_KEY)),
        )
        .expect("client")
    }
}

fn refuse<T: Send + 'static>() -> BoxFuture<'static, Result<T, ServiceError>> {
    Box::pin(future::ready(Err(ServiceError::new(
        ServiceErrorKind::Rejected,
        "not part of this test",
    ))))
}

impl Services for SandboxServices {
    fn now(&self) -> time::OffsetDateTime {
        NOW
    }
    fn list_accounts(&self) -> ServiceFuture<Vec<AccountRow>> {
        Box::pin(future::ready(Ok(vec![AccountRow {
            id: "acc-sandbox".into(),
            label: "demo".into(),
            provider: "sandbox".into(),
            email: SEEDED_EMAIL.into(),
            team: None,
            token_expires_at: None,
            needs_sign_in: false,
            api_key_name: None,
            has_api_key: true,
            is_default: true,
        }])))
    }
    fn database(&self, account_id: &str, call: DatabaseCall) -> ServiceFuture<DatabaseReply> {
        assert_eq!(account_id, "acc-sandbox");
        let client = self.client();
        Box::pin(async move {
            client.run(&call).await.map_err(|e| {
                let kind = if e
                    .status()
                    .is_some_and(|s| (400..500).contains(&s) && s != 429)
                {
                    ServiceErrorKind::Rejected
                } else {
                    ServiceErrorKind::Unavailable
                };
                ServiceError::new(kind, e.to_string())
            })
        })
    }
    fn product(
        &self,
        account_id: &str,
        call: updash::upstash::ProductCall,
    ) -> ServiceFuture<updash::upstash::ProductReply> {
        assert_eq!(account_id, "acc-sandbox");
        let client = self.client();
        Box::pin(async move {
            client
                .run_product(&call)
                .await
                .map_err(|e| ServiceError::new(ServiceErrorKind::Rejected, e.to_string()))
        })
    }
    fn add_api_key_account(&self, _: &str, _: &str, _: Secret) -> ServiceFuture<AccountRow> {
        refuse()
    }
    fn start_sign_in(&self, _: &str) -> ServiceFuture<SignInStarted> {
        refuse()
    }
    fn finish_sign_in(&self, _: AttemptId) -> ServiceFuture<AccountRow> {
        refuse()
    }
    fn paste_redirect(&self, _: AttemptId, _: Secret) -> ServiceFuture<()> {
        refuse()
    }
    fn cancel_sign_in(&self, _: AttemptId) {}
    fn disconnect(&self, _: &str) -> ServiceFuture<String> {
        refuse()
    }
    fn copy_to_clipboard(&self, text: &str) -> Result<(), ServiceError> {
        if let Ok(mut c) = self.clipboard.lock() {
            c.push(text.to_string());
        }
        Ok(())
    }
    fn open_browser(&self, _: &str) -> ServiceFuture<bool> {
        Box::pin(future::ready(Ok(false)))
    }
}

async fn sandbox() -> Sandbox {
    Sandbox::start(Options::default())
        .await
        .expect("sandbox starts")
}

async fn set_faults(sb: &Sandbox, faults: serde_json::Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/_sandbox/faults", sb.url()))
        .json(&faults)
        .send()
        .await
        .expect("faults endpoint answers");
    assert!(response.status().is_success(), "{response:?}");
}

fn type_text(harness: &Harness, text: &str) {
    for c in text.chars() {
        harness.key(&c.to_string());
    }
}

#[tokio::test]
async fn browse_filter_sort_open_details_and_copy() {
    let sb = sandbox().await;
    let services = SandboxServices::new(sb.url());
    let harness = Harness::start_with(app(false, false), services.clone(), 120, 40);
    harness.key("3");
    harness.wait_for("sessions-prod").await;
    harness.wait_for("teams: Platform team").await;
    harness.key("/");
    type_text(&harness, "cache");
    let screen = harness.wait_for("· 2 of 6").await;
    assert!(!screen.contains("sessions-prod"), "{screen}");
    harness.key("esc");
    harness.wait_for("· 6 of 6").await;
    harness.key("s");
    harness.wait_for("Name ▲").await;
    harness.key("S");
    harness.wait_for("Name ▼").await;
    // Descending by name: sessions-prod comes first; open it.
    harness.key("g");
    harness.key("enter");
    harness.wait_for("Usage · 1h").await;
    harness.wait_for("commands/s").await;
    let screen = harness.wait_for("Owner      operator@example.com").await;
    assert!(screen.contains("••••••••"), "{screen}");
    harness.key("y");
    harness.wait_for("Copy · sessions-prod").await;
    harness.key("enter");
    harness.wait_for("Copied the Redis URL").await;
    harness.key("y");
    harness.key("j");
    harness.key("enter");
    harness.wait_for("Copied the REST URL").await;
    harness.key("q");
    harness.finish().await;
    let copied = services.copied();
    assert_eq!(copied.len(), 2, "{copied:?}");
    assert!(copied[0].starts_with("rediss://default:"), "{copied:?}");
    assert!(copied[1].starts_with("https://"), "{copied:?}");
    sb.shutdown().await;
}

#[tokio::test]
async fn create_through_the_wizard_then_rename_and_delete() {
    let sb = sandbox().await;
    let services = SandboxServices::new(sb.url());
    let harness = Harness::start_with(app(false, false), services.clone(), 120, 40);
    harness.key("3");
    harness.wait_for("sessions-prod").await;
    harness.key("c");
    harness.wait_for("1/5 Name").await;
    type_text(&harness, "tui-wizard-db");
    harness.key("enter");
    harness.wait_for("2/5 Primary region").await;
    type_text(&harness, "ireland");
    harness.key("enter");
    harness.wait_for("3/5 Read regions").await;
    harness.key("space");
    harness.key("enter");
    harness.wait_for("4/5 Plan").await;
    harness.key("enter");
    let review = harness.wait_for("5/5 Review").await;
    assert!(
        review.contains("\"database_name\": \"tui-wizard-db\""),
        "{review}"
    );
    assert!(
        review.contains("--region eu-west-1 --read-region us-east-1 --plan free"),
        "{review}"
    );
    harness.key("enter");
    harness.wait_for("tui-wizard-db is ready").await;
    harness.key("y");
    harness.key("enter");
    harness
        .wait_for("Copied the Redis URL (rediss://…) of tui-wizard-db")
        .await;
    harness.key("enter");
    harness.wait_for("· 7 of 7").await;
    let listed = services.client().list_databases().await.expect("lists");
    let created: Vec<_> = listed
        .iter()
        .filter(|d| d.database_name == "tui-wizard-db")
        .collect();
    assert_eq!(created.len(), 1, "created exactly once");
    assert_eq!(created[0].read_regions, ["us-east-1"]);
    let id = created[0].database_id.clone();

    harness.key("n");
    harness.key("ctrl-u");
    type_text(&harness, "tui-renamed");
    harness.key("enter");
    harness
        .wait_for("Renamed tui-wizard-db to tui-renamed")
        .await;
    let db = services
        .client()
        .get_database(&id, updash::upstash::CredentialsMode::Hide)
        .await
        .expect("reads");
    assert_eq!(db.database_name, "tui-renamed");

    harness.key("d");
    harness.wait_for("Type tui-renamed to confirm").await;
    type_text(&harness, "tui-renamed");
    harness.key("enter");
    harness.wait_for("Deleted tui-renamed").await;
    harness.wait_for("· 6 of 6").await;
    let listed = services.client().list_databases().await.expect("lists");
    assert!(listed.iter().all(|d| d.database_id != id), "deleted");
    harness.key("q");
    harness.finish().await;
    let copied = services.copied();
    assert!(copied[0].starts_with("rediss://default:"), "{copied:?}");
    sb.shutdown().await;
}

#[tokio::test]
async fn server_errors_and_rate_limits_during_refresh_are_toasts_and_the_list_stays() {
    let sb = sandbox().await;
    let services = SandboxServices::new(sb.url());
    let harness = Harness::start_with(app(false, false), services.clone(), 120, 40);
    harness.key("3");
    harness.wait_for("sessions-prod").await;
    set_faults(&sb, serde_json::json!({"fail_rate": 1.0})).await;
    harness.key("r");
    let screen = harness.wait_for("Cannot list databases").await;
    assert!(screen.contains("HTTP 500"), "{screen}");
    assert!(
        screen.contains("sessions-prod"),
        "the list stays:\n{screen}"
    );
    set_faults(&sb, serde_json::json!({"fail_rate": 0.0, "rate_limit": 1})).await;
    // Use up this second's one request, then refresh: refused with 429.
    let client = services.client();
    while client.list_databases().await.is_ok() {}
    harness.key("r");
    let screen = harness.wait_for("HTTP 429").await;
    assert!(
        screen.contains("sessions-prod"),
        "the list stays:\n{screen}"
    );
    set_faults(&sb, serde_json::json!({"rate_limit": 0})).await;
    harness.key("q");
    let (_, app) = harness.finish().await;
    assert_eq!(app.tabs.databases.table.total(), 6);
    sb.shutdown().await;
}
