//! The Products tab in the real run loop against a sandbox over HTTP: switch products,
//! create a Vector index through its form, copy its `.env`, rename, delete by typed name;
//! rotate a QStash token, set its budget and production pack; transfer a Search index.

use crate::tui_db_flows::SandboxServices;
use crate::tui_support::{Harness, app};
use updash::upstash::IndexKind;
use updash_sandbox::{Options, Sandbox};

fn type_text(harness: &Harness, text: &str) {
    for c in text.chars() {
        harness.key(&c.to_string());
    }
}

async fn sandbox() -> Sandbox {
    Sandbox::start(Options::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The dashboard on the Products tab, Vector indexes listed.
async fn on_products(services: std::sync::Arc<SandboxServices>) -> Harness {
    let harness = Harness::start_with(app(false, false), services, 120, 40);
    harness.wait_for("Databases").await;
    harness.key("5");
    harness.wait_for("docs-embeddings").await;
    harness
}

#[tokio::test]
async fn switch_products_and_create_copy_rename_delete_a_vector_index() {
    let sb = sandbox().await;
    let services = SandboxServices::new(sb.url());
    let harness = on_products(services.clone()).await;
    harness.key("]");
    harness.wait_for("blog-search").await;
    harness.key("]");
    let screen = harness.wait_for("eu-central-1").await;
    assert!(screen.contains("us-east-1"), "{screen}");
    harness.key("[");
    harness.key("[");
    harness.wait_for("Vector · 3 of 3").await;

    harness.key("c");
    harness.wait_for("Create a Vector index").await;
    harness.wait_for("The name is empty.").await;
    type_text(&harness, "tui-vectors");
    let form = harness.wait_for("POST /v2/vector/index").await;
    assert!(form.contains("\"name\":\"tui-vectors\""), "{form}");
    assert!(form.contains("\"dimension_count\":1536"), "{form}");
    harness.key("tab");
    harness.key("tab");
    harness.key("tab");
    harness.key("ctrl-u");
    type_text(&harness, "99999");
    harness.wait_for("Dimensions are a number").await;
    harness.key("ctrl-u");
    type_text(&harness, "768");
    harness.wait_for("\"dimension_count\":768").await;
    harness.key("enter");
    harness.wait_for("Done: Vector index tui-vectors").await;
    harness.wait_for("Vector · 4 of 4").await;
    let created = services
        .client()
        .list_vector_indexes()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let index = created
        .iter()
        .find(|i| i.name == "tui-vectors")
        .unwrap_or_else(|| panic!("created"));
    assert_eq!(index.dimension_count, Some(768));

    // A pasted filter filters like a typed one; Esc drops it.
    harness.key("/");
    harness.send(crossterm::event::Event::Paste("tui-vec".into()));
    harness.wait_for("Vector · 1 of 4 · /tui-vec").await;
    harness.key("esc");
    harness.wait_for("Vector · 4 of 4").await;

    harness.key("/");
    type_text(&harness, "tui-vec");
    harness.key("enter");
    harness.wait_for("Vector · 1 of 4").await;
    harness.key("enter");
    let details = harness.wait_for("Usage · 1h").await;
    assert!(
        details.contains("••••••••") && details.contains("768"),
        "{details}"
    );
    let token = index
        .token
        .as_ref()
        .map(|t| t.expose().to_string())
        .unwrap_or_default();
    assert!(!details.contains(&token), "masked until v");
    harness.key("v");
    harness.wait_for(&token).await;
    harness.key("y");
    harness
        .wait_for("Copied UPSTASH_VECTOR_REST_URL, UPSTASH_VECTOR_REST_TOKEN")
        .await;
    let copied = services.copied();
    assert!(
        copied[0].contains(&format!("UPSTASH_VECTOR_REST_TOKEN={token}")),
        "{copied:?}"
    );

    harness.key("n");
    harness.key("ctrl-u");
    type_text(&harness, "tui-renamed");
    harness.wait_for("POST /v2/vector/index/").await;
    harness.key("enter");
    harness.wait_for("Done: Vector index tui-renamed").await;
    harness.key("esc");
    harness.key("esc");
    harness.wait_for("Vector · 4 of 4").await;
    harness.key("G");
    harness.key("d");
    harness.wait_for("Type tui-renamed to confirm").await;
    type_text(&harness, "tui-rename");
    harness.key("enter");
    harness.wait_for("Type tui-renamed exactly").await;
    type_text(&harness, "d");
    harness.wait_for("DELETE /v2/vector/index/").await;
    harness.key("enter");
    harness.wait_for("Vector · 3 of 3").await;
    let left = services
        .client()
        .list_vector_indexes()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(left.iter().all(|i| i.id != index.id), "deleted");
    harness.key("q");
    harness.finish().await;
    sb.shutdown().await;
}

#[tokio::test]
async fn qstash_rotate_budget_and_prod_pack_then_transfer_a_search_index() {
    let sb = sandbox().await;
    let services = SandboxServices::new(sb.url());
    let harness = on_products(services.clone()).await;
    harness.key("]");
    harness.key("]");
    harness.wait_for("QStash · 2 of 2").await;
    let before = services
        .client()
        .list_qstash()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // The paid one: a free QStash takes no budget.
    harness.key("G");
    let region = "us-east-1";
    let user = before
        .iter()
        .find(|q| q.region.as_deref() == Some(region))
        .cloned()
        .unwrap_or_else(|| panic!("{region}"));

    harness.key("P");
    let question = harness.wait_for("Rotate the token of QStash").await;
    assert!(question.contains("/v2/qstash/rotate-token/"), "{question}");
    harness.key("y");
    harness.wait_for("has a new token").await;
    let after = services
        .client()
        .get_qstash(&user.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(
        after.token.as_ref().map(|t| t.expose().to_string()),
        user.token.as_ref().map(|t| t.expose().to_string())
    );

    harness.key("B");
    type_text(&harness, "5");
    harness.wait_for("0 (no limit) or 20 to 10000").await;
    type_text(&harness, "0");
    harness.wait_for("PATCH /v2/qstash/update-budget/").await;
    harness.key("enter");
    harness.wait_for("budget $50").await;

    let pack = user.prod_pack_enabled.unwrap_or(false);
    harness.key("K");
    harness.wait_for("Turn the production pack").await;
    harness.key("y");
    let verb = if pack { "disable" } else { "enable" };
    harness
        .wait_for(&format!("Done: POST /v2/qstash/{verb}-prodpack"))
        .await;
    let after = services
        .client()
        .get_qstash(&user.id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.budget, Some(50));
    assert_eq!(after.prod_pack_enabled, Some(!pack));

    harness.key("[");
    harness.wait_for("blog-search").await;
    harness.key("g");
    harness.key("t");
    type_text(&harness, "Nobody");
    harness.wait_for("No team is called that").await;
    harness.key("ctrl-u");
    type_text(&harness, "Platform team");
    harness.wait_for("/transfer").await;
    harness.key("enter");
    harness.wait_for("Search · 1 of 1").await;
    let left = services
        .client()
        .run_product(&updash::upstash::ProductCall::ListIndexes {
            kind: IndexKind::Search,
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        matches!(left, updash::upstash::ProductReply::SearchIndexes(ref l) if l.len() == 1),
        "{left:?}"
    );
    harness.key("q");
    harness.finish().await;
    sb.shutdown().await;
}
