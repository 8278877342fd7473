// Unit tests of the sealed pages' script (static/js/seal/seal.js). Run
// with `node --test themes/default/_test/`; this folder is outside
// static/, so no site gets a copy, and Go's embed skips it for its
// leading underscore. generator/seal's TestBrowserCodeOpensGoSealed opens
// pages Go sealed with the same module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MAGIC, SealError, SiteKey, candidates, deriveMaster, fromBase64URL, pageName, toBase64URL, unlock } from "../static/js/seal/seal.js";

const salt = new TextEncoder().encode("0123456789abcdef");
const iterations = 1000;

// seal seals as generator/seal does, but with a random nonce: what the
// script opens does not depend on how the nonce was made.
async function seal(master, name, text) {
  const aes = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(), info: new TextEncoder().encode("kitgen seal v1 aes-256-gcm") },
    await crypto.subtle.importKey("raw", master, "HKDF", false, ["deriveBits"]),
    256,
  );
  const key = await crypto.subtle.importKey("raw", aes, "AES-GCM", false, ["encrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(name) }, key, new TextEncoder().encode(text)));
  return new Uint8Array([...new TextEncoder().encode(MAGIC), ...iv, ...ct]);
}

test("base64url round trips, unpadded, with the characters HTML leaves alone", () => {
  for (const n of [0, 1, 2, 3, 16, 32, 1000]) {
    const b = crypto.getRandomValues(new Uint8Array(n));
    const s = toBase64URL(b);
    assert.match(s, /^[A-Za-z0-9_-]*$/);
    assert.deepEqual(fromBase64URL(s), b);
  }
  // What Go's base64.RawURLEncoding makes of 0xfb 0xff 0xbf.
  assert.deepEqual(fromBase64URL("-_-_"), new Uint8Array([0xfb, 0xff, 0xbf]));
});

test("a page's name comes from its address, below its tree's root", () => {
  const cases = [
    ["../", "https://kits.example/panel/sre_001/", "panel/sre_001/index.html"],
    ["../", "https://kits.example/panel/sre_001/index.html", "panel/sre_001/index.html"],
    ["../", "https://kits.example/hiring/2026/panel/sre_001/?utm=x#scorecard", "panel/sre_001/index.html"],
    ["./", "https://kits.example/panel/", "panel/index.html"],
    ["./", "https://panel.example/", "panel/index.html"],
    ["../../", "http://127.0.0.1:1313/panel/katas/matching/", "panel/katas/matching/index.html"],
    ["../", "file:///home/me/site/public/panel/sre_001/index.html", "panel/sre_001/index.html"],
    ["../", "https://kits.example/panel/caf%C3%A9/", "panel/café/index.html"],
  ];
  for (const [root, href, want] of cases) assert.equal(pageName("panel", root, href), want, href);
});

test("the passphrase is tried as typed first, then trimmed and in both Unicode forms", () => {
  assert.deepEqual(candidates("plain words"), ["plain words"]);
  assert.deepEqual(candidates(" padded "), [" padded ", "padded"]);
  assert.deepEqual(candidates("\u00e9lan"), ["\u00e9lan", "e\u0301lan"]);
  assert.deepEqual(candidates("   "), ["   "]);
});

test("the right passphrase unlocks and opens; a wrong one gives nothing", async () => {
  const master = await deriveMaster("tulip elan outcast", salt, iterations);
  const key = await SiteKey.from(master);
  const sealed = await seal(master, "panel/a/index.html", "<h1>Guide</h1>");
  assert.equal(new TextDecoder().decode(await key.open("panel/a/index.html", sealed)), "<h1>Guide</h1>");

  assert.ok(await unlock(" tulip elan outcast", salt, iterations, key.check), "a pasted space");
  assert.equal(await unlock("tulip elan outcas", salt, iterations, key.check), null);
  assert.equal(await unlock("tulip elan outcast", new TextEncoder().encode("another salt, 16"), iterations, key.check), null);
});

test("a changed byte, a short file or another name does not open", async () => {
  const master = await deriveMaster("p", salt, iterations);
  const key = await SiteKey.from(master);
  const sealed = await seal(master, "panel/a/index.html", "guide A");
  for (let i = 0; i < sealed.length; i++) {
    const c = sealed.slice();
    c[i] ^= 1;
    await assert.rejects(key.open("panel/a/index.html", c), SealError, `byte ${i}`);
  }
  await assert.rejects(key.open("panel/a/index.html", sealed.subarray(0, 20)), SealError);
  await assert.rejects(key.open("panel/b/index.html", sealed), SealError);
  await assert.rejects((await SiteKey.from(await deriveMaster("q", salt, iterations))).open("panel/a/index.html", sealed), SealError);
});
