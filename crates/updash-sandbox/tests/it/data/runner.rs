//! Plays the conformance suite against a sandbox: every step's reply is checked against its
//! expectation, and returned in a normal form so two backends can be compared.

use super::DataEnv;
use super::conformance::{Expect, Group, REDIS_7_0_LACKS, Step};
use serde_json::{Value, json};

/// A step's outcome in a comparable form: `{"result": …}` or `{"error": …}`, with
/// unordered arrays sorted.
pub type Outcome = Value;

/// Runs `groups` on `env` (each in an emptied database); returns every step's outcome and
/// the failed expectations.
pub async fn run(env: &DataEnv, groups: &[Group]) -> (Vec<(String, Outcome)>, Vec<String>) {
    let mut outcomes = Vec::new();
    let mut failures = Vec::new();
    for group in groups {
        let (status, answer) = env.cmd(json!(["FLUSHDB"])).await;
        assert_eq!((status, &answer["result"]), (200, &json!("OK")), "{answer}");
        for (i, step) in group.steps.iter().enumerate() {
            let (what, outcome, expect) = play(env, step).await;
            let label = format!("[{}#{i}] {what}", group.name);
            if let Some(expect) = expect {
                if let Err(why) = check(&outcome, expect) {
                    failures.push(format!("{label}: {why}"));
                }
                outcomes.push((label, normal(outcome, expect)));
            }
        }
    }
    (outcomes, failures)
}

/// The groups a real Redis 7.0 can answer like Upstash.
pub fn redis_groups(all: Vec<Group>) -> Vec<Group> {
    all.into_iter()
        .filter(|g| !REDIS_7_0_LACKS.iter().any(|(name, _)| *name == g.name))
        .collect()
}

async fn play<'a>(env: &DataEnv, step: &'a Step) -> (String, Outcome, Option<&'a Expect>) {
    match step {
        Step::Cmd(cmd, expect) => (cmd.to_string(), send(env, cmd, false).await, Some(expect)),
        Step::Base64(cmd, expect) => (
            format!("base64 {cmd}"),
            send(env, cmd, true).await,
            Some(expect),
        ),
        Step::ScanAll(prefix, options, expect) => (
            format!("scan all {prefix} {options}"),
            scan_all(env, prefix, options).await,
            Some(expect),
        ),
        Step::ReadOnly(cmd, expect) => (
            format!("read-only {cmd}"),
            send_as(env, "", cmd, false, &env.read_only_token).await,
            Some(expect),
        ),
        Step::Pipeline(cmds, body) | Step::MultiExec(cmds, body) => {
            let path = if matches!(step, Step::Pipeline(..)) {
                "/pipeline"
            } else {
                "/multi-exec"
            };
            let (status, answer) = env.post_as(path, cmds, &env.token).await;
            let outcome = json!({ "result": { "status": status, "body": answer } });
            let expected_status = if body.get("error").is_some() {
                400
            } else {
                200
            };
            let expect = Expect::Is(json!({ "status": expected_status, "body": body }));
            (format!("{path} {cmds}"), outcome, Some(leak(expect)))
        }
        Step::Clock(secs) => {
            let resp = env
                .http
                .post(format!("{}/_sandbox/clock", env.sandbox.url()))
                .json(&json!({ "advance_secs": secs }))
                .send()
                .await
                .expect("clock");
            assert!(resp.status().is_success(), "clock moved");
            (format!("clock +{secs}s"), Value::Null, None)
        }
    }
}

/// An expectation made while playing, kept for the run (a few per suite).
fn leak(expect: Expect) -> &'static Expect {
    Box::leak(Box::new(expect))
}

/// One command; `{"result"}` with 200 or `{"error"}` with 400, else the raw answer.
async fn send(env: &DataEnv, cmd: &Value, base64: bool) -> Outcome {
    send_as(env, "", cmd, base64, &env.token).await
}

/// [`send`] to `path` with `token`.
async fn send_as(env: &DataEnv, path: &str, cmd: &Value, base64: bool, token: &str) -> Outcome {
    let url = format!("{}{path}", env.rest_url);
    let mut req = env.http.post(url).bearer_auth(token).json(cmd);
    if base64 {
        req = req.header("Upstash-Encoding", "base64");
    }
    let (status, answer) = super::send(req).await;
    match (status, answer.get("result"), answer.get("error")) {
        (200, Some(_), None) | (400, None, Some(_)) => answer,
        _ => json!({ "unexpected": { "status": status, "body": answer } }),
    }
}

/// Iterates a SCAN-family command to cursor 0; the union of its items (or pairs), sorted.
async fn scan_all(env: &DataEnv, prefix: &Value, options: &Value) -> Outcome {
    let pairs = {
        let first = prefix[0].as_str().unwrap_or_default().to_ascii_uppercase();
        first != "SCAN" && first != "SSCAN"
            || options
                .as_array()
                .is_some_and(|o| o.iter().any(|v| v == "WITHTYPE"))
    };
    let mut cursor = "0".to_string();
    let mut seen: Vec<Value> = Vec::new();
    for _ in 0..10_000 {
        let mut cmd = prefix.as_array().cloned().unwrap_or_default();
        cmd.push(Value::from(cursor.clone()));
        cmd.extend(options.as_array().cloned().unwrap_or_default());
        let answer = send(env, &Value::Array(cmd), false).await;
        let Some(result) = answer.get("result") else {
            return answer;
        };
        cursor = result[0].as_str().unwrap_or("0").to_string();
        let items = result[1].as_array().cloned().unwrap_or_default();
        if pairs {
            for pair in items.chunks(2) {
                let pair = Value::Array(pair.to_vec());
                if !seen.contains(&pair) {
                    seen.push(pair);
                }
            }
        } else {
            for item in items {
                if !seen.contains(&item) {
                    seen.push(item);
                }
            }
        }
        if cursor == "0" {
            break;
        }
    }
    let flat: Vec<Value> = if pairs {
        seen.into_iter()
            .flat_map(|p| p.as_array().cloned().unwrap_or_default())
            .collect()
    } else {
        seen
    };
    json!({ "result": flat })
}

/// Whether `outcome` meets `expect`.
fn check(outcome: &Outcome, expect: &Expect) -> Result<(), String> {
    let result = outcome.get("result");
    let error = outcome.get("error").and_then(Value::as_str);
    let fine = match expect {
        Expect::Is(v) => result == Some(v),
        Expect::Sorted(v) => result.map(sorted) == Some(sorted(v)),
        Expect::Pairs(v) => result.map(sorted_pairs) == Some(sorted_pairs(v)),
        Expect::Err(text) => error == Some(text),
        Expect::ErrStarts(text) => error.is_some_and(|e| e.starts_with(text)),
        Expect::AnyInt => result.is_some_and(Value::is_i64),
    };
    if fine {
        Ok(())
    } else {
        Err(format!("expected {expect:?}, got {outcome}"))
    }
}

/// The outcome with unordered parts sorted and unspecified numbers blanked.
fn normal(outcome: Outcome, expect: &Expect) -> Outcome {
    let Some(result) = outcome.get("result") else {
        return outcome;
    };
    match expect {
        Expect::Sorted(_) => json!({ "result": sorted(result) }),
        Expect::Pairs(_) => json!({ "result": sorted_pairs(result) }),
        Expect::AnyInt => json!({ "result": "an integer" }),
        _ => outcome,
    }
}

fn sorted(v: &Value) -> Value {
    let mut items = v.as_array().cloned().unwrap_or_default();
    items.sort_by_key(|a| a.to_string());
    Value::Array(items)
}

fn sorted_pairs(v: &Value) -> Value {
    let items = v.as_array().cloned().unwrap_or_default();
    let mut pairs: Vec<Value> = items.chunks(2).map(|p| Value::Array(p.to_vec())).collect();
    pairs.sort_by_key(|a| a.to_string());
    Value::Array(pairs)
}
