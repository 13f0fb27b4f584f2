//! No input makes the engine panic: every command with arbitrary arguments.

use updash_keyspace::{Keyspace, commands};

const NASTY: &[&[u8]] = &[
    b"",
    b"0",
    b"-1",
    b"1",
    b"2",
    b"-9223372036854775808",
    b"9223372036854775807",
    b"18446744073709551615",
    b"99999999999999999999999",
    b"inf",
    b"-inf",
    b"+inf",
    b"nan",
    b"1e400",
    b"0x10",
    b"(",
    b"[",
    b"(1",
    b"[a",
    b"-",
    b"+",
    b"*",
    b"$",
    b".",
    b"$.a",
    b"$[0]",
    b"..",
    b"{",
    b"\xff\xfe",
    b"\0",
    b"NX",
    b"XX",
    b"GT",
    b"LT",
    b"EX",
    b"PX",
    b"COUNT",
    b"LIMIT",
    b"MATCH",
    b"TYPE",
    b"WITHSCORES",
    b"BYSCORE",
    b"BYLEX",
    b"REV",
    b"FIELDS",
    b"MAXLEN",
    b"MINID",
    b"~",
    b"=",
    b"RANK",
    b"k",
    b"h",
    b"l",
    b"z",
    b"s",
    b"x",
    b"j",
    b"1-1",
    b"0-0",
];

fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn random_arguments_never_panic() {
    let mut ks = Keyspace::new();
    let mut rng = 0x1234_5678_9abc_def0u64;
    let setup: &[&[&str]] = &[
        &["SET", "s", "12"],
        &["HSET", "h", "f", "1"],
        &["RPUSH", "l", "a", "b"],
        &["ZADD", "z", "1", "a"],
        &["SADD", "x", "a"],
        &["XADD", "k", "1-1", "f", "v"],
        &["JSON.SET", "j", "$", "{\"a\":[1]}"],
    ];
    for round in 0..40_000u64 {
        if round % 500 == 0 {
            for s in setup {
                ks.execute(s, round);
            }
        }
        let cmds = commands();
        let info = &cmds[(next(&mut rng) % cmds.len() as u64) as usize];
        if info.name.starts_with("flush") {
            continue;
        }
        let argc = (next(&mut rng) % 8) as usize;
        let mut args: Vec<Vec<u8>> = vec![info.name.as_bytes().to_vec()];
        for _ in 0..argc {
            args.push(NASTY[(next(&mut rng) % NASTY.len() as u64) as usize].to_vec());
        }
        let _ = ks.execute(&args, round);
        if round % 97 == 0 {
            ks.sweep(round);
        }
    }
}
