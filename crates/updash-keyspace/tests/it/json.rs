//! RedisJSON-style commands.

use crate::support::T;
use updash_keyspace::Reply;

#[test]
fn set_get_paths() {
    let mut t = T::new();
    t.ok(r#"JSON.SET doc $ "{\"a\":{\"b\":1,\"s\":\"hi\"},\"arr\":[1,2,3],\"z\":null}""#);
    t.bulk(
        "JSON.GET doc",
        r#"{"a":{"b":1,"s":"hi"},"arr":[1,2,3],"z":null}"#,
    );
    t.bulk(
        "JSON.GET doc $",
        r#"[{"a":{"b":1,"s":"hi"},"arr":[1,2,3],"z":null}]"#,
    );
    t.bulk("JSON.GET doc .a.b", "1");
    t.bulk("JSON.GET doc $.a.b", "[1]");
    t.bulk("JSON.GET doc $.nope", "[]");
    t.err("JSON.GET doc .nope", "ERR Path '.nope' does not exist");
    t.bulk(
        "JSON.GET doc $.a.b $.arr[0]",
        r#"{"$.a.b":[1],"$.arr[0]":[1]}"#,
    );
    t.bulk("JSON.GET doc .a.b .arr", r#"{".a.b":1,".arr":[1,2,3]}"#);
    t.is("JSON.GET nokey", Reply::Nil);
    t.ok("JSON.SET doc $.a.c 5");
    t.bulk("JSON.GET doc $.a.c", "[5]");
    t.is("JSON.SET doc $.a.c 6 NX", Reply::Nil);
    t.is("JSON.SET doc $.a.q 6 XX", Reply::Nil);
    t.ok("JSON.SET doc .a.c 7 XX");
    t.err(
        "JSON.SET other $.a 1",
        "ERR new objects must be created at the root",
    );
    t.err(
        "JSON.SET other $ {bad",
        "ERR key must be a string at line 1 column 2",
    );
    t.bulk(
        "JSON.GET doc INDENT \"  \" NEWLINE \"\\n\" SPACE \" \" $.arr",
        "[\n  [\n    1,\n    2,\n    3\n  ]\n]",
    );
}

#[test]
fn types_lengths_and_delete() {
    let mut t = T::new();
    t.ok(r#"JSON.SET d . "{\"s\":\"hello\",\"n\":1.5,\"i\":2,\"b\":true,\"arr\":[1,2],\"o\":{\"x\":1}}""#);
    t.is("TYPE d", Reply::Status("ReJSON-RL".into()));
    t.bulk("JSON.TYPE d", "object");
    // Object keys come back sorted: the workspace's serde_json has no `preserve_order`.
    t.is(
        "JSON.TYPE d $.*",
        crate::support::bulks(&["array", "boolean", "integer", "number", "object", "string"]),
    );
    t.int("JSON.STRLEN d .s", 5);
    t.is("JSON.STRLEN d $.s", Reply::Array(vec![Reply::Int(5)]));
    t.is("JSON.STRLEN d $.n", Reply::Array(vec![Reply::Nil]));
    t.err(
        "JSON.STRLEN d .n",
        "WRONGTYPE wrong type of path value - expected string but found number",
    );
    t.int("JSON.ARRLEN d .arr", 2);
    t.int("JSON.OBJLEN d .o", 1);
    t.int("JSON.OBJLEN d", 6);
    t.int("JSON.DEL d $.arr[0]", 1);
    t.bulk("JSON.GET d .arr", "[2]");
    t.int("JSON.DEL d $.nope", 0);
    t.int("JSON.DEL d", 1);
    t.int("EXISTS d", 0);
    t.int("JSON.DEL d", 0);
    t.run("SET str x");
    t.err(
        "JSON.GET str",
        "WRONGTYPE Operation against a key holding the wrong kind of value",
    );
    assert_eq!(t.run("JSON.GET nokey $"), Reply::Nil);
}
