// Drives the official @upstash/redis SDK, unmodified, against a sandbox database.
// URL and TOKEN come from the environment; any failed check exits non-zero.
import { Redis } from "@upstash/redis";
import assert from "node:assert/strict";

const redis = new Redis({ url: process.env.URL, token: process.env.TOKEN });

assert.equal(await redis.set("greeting", "hello"), "OK");
assert.equal(await redis.get("greeting"), "hello");
assert.equal(await redis.set("ttl", "x", { ex: 100 }), "OK");
assert.equal(await redis.ttl("ttl"), 100);

const binary = "é✓\u0000\u00ff\u0001 end";
await redis.set("binary", binary);
assert.equal(await redis.get("binary"), binary);

assert.equal(await redis.hset("user:1", { name: "ann", city: "Oslo" }), 2);
assert.deepEqual(await redis.hgetall("user:1"), { name: "ann", city: "Oslo" });

assert.equal(await redis.zadd("board", { score: 2, member: "b" }, { score: 1, member: "a" }), 2);
assert.deepEqual(await redis.zrange("board", 0, -1), ["a", "b"]);
assert.deepEqual(await redis.zrange("board", 0, -1, { withScores: true }), ["a", 1, "b", 2]);

const p = redis.pipeline();
p.set("p1", "one");
p.incr("counter");
p.get("p1");
p.lpush("list", "x", "y");
assert.deepEqual(await p.exec(), ["OK", 1, "one", 2]);

const tx = redis.multi();
tx.incr("counter");
tx.get("greeting");
tx.sadd("tags", "a", "b");
assert.deepEqual(await tx.exec(), [2, "hello", 2]);

let cursor = "0";
const keys = new Set();
do {
  const [next, page] = await redis.scan(cursor, { match: "*", count: 100 });
  page.forEach((k) => keys.add(k));
  cursor = String(next);
} while (cursor !== "0");
for (const k of ["greeting", "ttl", "binary", "user:1", "board", "p1", "counter", "list", "tags"]) {
  assert.ok(keys.has(k), `scan found ${k}`);
}

const [, typed] = await redis.scan(0, { match: "user:*", withType: true, count: 1000 });
assert.deepEqual(typed, [{ key: "user:1", type: "hash" }]);

await assert.rejects(redis.hget("greeting", "x"), /WRONGTYPE/);
console.log("sdk ok");
