//! Snapshots of the Products tab: each product's list, details with usage, the create form,
//! the one-line forms and the questions; data from recorded-style fixtures, clock fixed.

use crate::tui_support::{self, key, screen, typed};
use serde::de::DeserializeOwned;
use updash::tui::{Action, Answer, App, Effect, update};
use updash::upstash::{DatabaseReply, ProductCall, ProductReply};

fn fixture<T: DeserializeOwned>(name: &str) -> T {
    let path = format!(
        "{}/tests/fixtures/upstash/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The answer the sandbox would give to `call`, from the fixtures.
fn reply(call: &ProductCall) -> ProductReply {
    match call {
        ProductCall::ListIndexes {
            kind: updash::upstash::IndexKind::Vector,
        } => ProductReply::VectorIndexes(fixture("vector_indexes.json")),
        ProductCall::ListIndexes { .. } => {
            ProductReply::SearchIndexes(vec![fixture("search_index.json")])
        }
        ProductCall::ListQStash => ProductReply::QStash(fixture("qstash_users.json")),
        ProductCall::IndexStats { .. } => {
            ProductReply::IndexStats(Box::new(fixture("vector_stats.json")))
        }
        ProductCall::QStashStats { .. } => {
            ProductReply::QStashStats(Box::new(fixture("qstash_stats.json")))
        }
        ProductCall::ListTeams => ProductReply::Teams(fixture("teams.json")),
        _ => ProductReply::Done,
    }
}

/// Answers every load in `effects`, as the services would.
fn answer(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        let answered = match effect {
            Effect::LoadAccounts { request } => {
                Some((request, Answer::AccountsLoaded(Ok(tui_support::accounts()))))
            }
            Effect::LoadDatabases { request, .. } => Some((
                request,
                Answer::DatabasesLoaded(Ok(tui_support::databases())),
            )),
            Effect::Database { request, .. } => Some((
                request,
                Answer::DatabaseDone(Ok(DatabaseReply::Teams(Vec::new()))),
            )),
            Effect::Product { request, call, .. } => {
                Some((request, Answer::ProductDone(Ok(reply(&call)))))
            }
            _ => None,
        };
        if let Some((request, answer)) = answered {
            let next = update(app, Action::Answer { request, answer });
            self::answer(app, next);
        }
    }
}

fn press(app: &mut App, k: &str) {
    let fx = key(app, k);
    answer(app, fx);
}

/// The dashboard on the Products tab with the Vector indexes listed.
fn on_products() -> App {
    let mut app = tui_support::app(false, false);
    let fx = update(&mut app, Action::Start);
    answer(&mut app, fx);
    press(&mut app, "5");
    app
}

#[test]
fn lists_of_each_product() {
    let mut app = on_products();
    insta::assert_snapshot!("products_vector_100x20", screen(&app, 100, 20));
    press(&mut app, "]");
    insta::assert_snapshot!("products_search_100x20", screen(&app, 100, 20));
    press(&mut app, "]");
    insta::assert_snapshot!("products_qstash_100x20", screen(&app, 100, 20));
}

#[test]
fn details_mask_tokens_until_revealed() {
    let mut app = on_products();
    press(&mut app, "enter");
    let shown = screen(&app, 100, 36);
    assert!(!shown.contains("MARKER-vector-token"), "{shown}");
    insta::assert_snapshot!("products_vector_details_100x36", shown);
    press(&mut app, "v");
    let revealed = screen(&app, 100, 36);
    assert!(revealed.contains("MARKER-vector-token"), "{revealed}");
    press(&mut app, "esc");
    press(&mut app, "]");
    press(&mut app, "]");
    press(&mut app, "enter");
    insta::assert_snapshot!("products_qstash_details_100x36", screen(&app, 100, 36));
}

#[test]
fn forms_and_questions_show_the_exact_request() {
    let mut app = on_products();
    press(&mut app, "c");
    typed(&mut app, "docs");
    insta::assert_snapshot!("products_create_form_100x24", screen(&app, 100, 24));
    press(&mut app, "esc");
    press(&mut app, "n");
    insta::assert_snapshot!("products_rename_form_100x24", screen(&app, 100, 24));
    press(&mut app, "esc");
    press(&mut app, "d");
    insta::assert_snapshot!("products_delete_form_100x24", screen(&app, 100, 24));
    press(&mut app, "esc");
    press(&mut app, "P");
    insta::assert_snapshot!("products_reset_question_100x24", screen(&app, 100, 24));
}

#[test]
fn help_lists_the_products_keys() {
    let mut app = on_products();
    press(&mut app, "?");
    let help = screen(&app, 100, 60);
    for words in [
        "Next product",
        "Copy the .env snippet",
        "Create a Vector or Search index",
        "Transfer the index or QStash",
        "QStash monthly budget",
        "production pack",
        "Go to Products",
    ] {
        assert!(help.contains(words), "{words}:\n{help}");
    }
}
