// Unit tests of the comparison the kata runner's verdict rests on: what a
// candidate's code returns may be anything, and only what agrees with the
// reference may pass. Run with `node --test themes/default/_test/`; this
// folder is outside static/, so no site gets a copy, and Go's embed skips
// it for its leading underscore.
import { test } from "node:test";
import assert from "node:assert/strict";
import { diffDepth, diffResult, firstDiff, mulberry32, outcome, show, snapshot, trade } from "../static/js/kata/orders.js";

const fill = { taker: 2, maker: 1, price: 100, qty: 3 };
const submitted = { trades: [fill], rested: 0 };
const book = { bids: [{ price: 99, qty: 5, orders: 1 }], asks: [{ price: 101, qty: 2, orders: 2 }] };

// A value of every kind that code can return where an object belongs.
const junk = [null, undefined, "", "ok", 0, 3, NaN, Infinity, -1.5, true, false, [], [null], {}, 5n, Symbol("s"), () => 1];

test("a result that agrees passes, extra fields and all", () => {
  assert.equal(diffResult(submitted, { trades: [{ ...fill }], rested: 0 }), "");
  assert.equal(diffResult(submitted, { trades: [{ ...fill, side: "buy" }], rested: 0, status: "filled" }), "");
  assert.equal(diffResult({}, {}), "", "a cancel");
  assert.equal(diffResult({}, undefined), "", "a cancel that returns nothing");
  assert.equal(diffResult({}, null), "", "a cancel that returns None");
  assert.equal(diffResult({ error: "not resting" }, { error: "no such order" }), "", "any message will do");
  assert.equal(diffResult({ rested: 5 }, { trades: [], rested: 5 }), "", "a scenario's expectation leaves out what is empty");
  assert.equal(diffResult(submitted, { trades: [{ taker: 2, maker: 1, price: 100.0, qty: 3.0 }], rested: 0.0 }), "", "a float that is whole is the number");
});

test("a malformed result never passes", () => {
  const cases = [
    [null, "trades is missing"],
    [undefined, "trades is missing"],
    [{}, "trades is missing"],
    ["ok", 'returned "ok", not an object'],
    [42, "returned 42, not an object"],
    [NaN, "returned NaN, not an object"],
    [[fill], "returned [{taker: 2, maker: 1, price: 100, qty: 3}], not an object"],
    [{ trades: null, rested: 0 }, "trades is null, not an array"],
    [{ trades: "none", rested: 0 }, 'trades is "none", not an array'],
    [{ trades: { 0: fill }, rested: 0 }, "trades is {0: {taker: 2, maker: 1, price: 100, qty: 3}}, not an array"],
    [{ trades: [], rested: 0 }, "1 trade expected, 0 made"],
    [{ trades: [fill, fill], rested: 0 }, "1 trade expected, 2 made"],
    [{ trades: [null], rested: 0 }, "trade 1 is null, not an object"],
    [{ trades: [undefined], rested: 0 }, "trade 1 is undefined, not an object"],
    [{ trades: ["3 @ 100"], rested: 0 }, 'trade 1 is "3 @ 100", not an object'],
    [{ trades: [{ ...fill, qty: "3" }], rested: 0 }, 'trade 1: qty "3", expected 3'],
    [{ trades: [{ ...fill, qty: NaN }], rested: 0 }, "trade 1: qty NaN, expected 3"],
    [{ trades: [{ ...fill, price: 100.5 }], rested: 0 }, "trade 1: price 100.5, expected 100"],
    [{ trades: [{ taker: 2, maker: 1, price: 100 }], rested: 0 }, "trade 1: qty undefined, expected 3"],
    [{ trades: [fill] }, "rested is missing"],
    [{ trades: [fill], rested: null }, "rested null, expected 0"],
    [{ trades: [fill], rested: NaN }, "rested NaN, expected 0"],
    [{ trades: [fill], rested: "0" }, 'rested "0", expected 0'],
    [{ trades: [fill], rested: 0, error: "nope" }, 'this should not be rejected (it was: "nope")'],
  ];
  for (const [got, want] of cases) assert.equal(diffResult(submitted, got), want, show(got));
  assert.equal(diffResult({ error: "bad qty" }, {}), "this should be rejected");
  assert.equal(diffResult({ error: "bad qty" }, { error: null }), "this should be rejected");
  assert.equal(diffResult({}, { error: "x" }), 'this should not be rejected (it was: "x")');
});

test("NaN never equals NaN", () => {
  const want = { trades: [{ ...fill, qty: NaN }], rested: 0 };
  assert.notEqual(diffResult(want, { trades: [{ ...fill, qty: NaN }], rested: 0 }), "");
});

test("a book that agrees passes, extra fields and all", () => {
  assert.equal(diffDepth(book, structuredClone(book)), "");
  assert.equal(diffDepth(book, { bids: [{ ...book.bids[0], side: "buy" }], asks: book.asks, spread: 2 }), "");
  assert.equal(diffDepth({ bids: [], asks: [] }, { bids: [], asks: [] }), "");
});

test("a malformed book never passes", () => {
  const cases = [
    [null, "depth() returned null, not an object"],
    [undefined, "depth() returned undefined, not an object"],
    ["empty", 'depth() returned "empty", not an object'],
    [[], "depth() returned [], not an object"],
    [{}, "depth() has no bids"],
    [{ bids: book.bids }, "depth() has no asks"],
    [{ bids: null, asks: [] }, "depth().bids is null, not an array"],
    [{ bids: book.bids, asks: "101" }, 'depth().asks is "101", not an array'],
    [{ bids: [...book.bids, null], asks: book.asks }, "bids level 2 is null, not an object"],
    [{ bids: [null, ...book.bids], asks: book.asks }, "bids level 1 is null, not an object"],
    [{ bids: book.bids, asks: [...book.asks, undefined] }, "asks level 2 is undefined, not an object"],
    [{ bids: book.bids, asks: [...book.asks, { price: 102, qty: 1, orders: 1 }] }, "asks: level 2 (102) should not be there"],
    [{ bids: [], asks: book.asks }, "bids: level 1 (99) is missing"],
    [{ bids: [{ price: 99, qty: NaN, orders: 1 }], asks: book.asks }, "bids level 1: qty NaN, expected 5"],
    [{ bids: [{ price: 99.5, qty: 5, orders: 1 }], asks: book.asks }, "bids level 1: price 99.5, expected 99"],
    [{ bids: [{ price: "99", qty: 5, orders: 1 }], asks: book.asks }, 'bids level 1: price "99", expected 99'],
    [{ bids: [{ price: 99, qty: 5 }], asks: book.asks }, "bids level 1: orders undefined, expected 1"],
    [{ bids: [[99, 5, 1]], asks: book.asks }, "bids level 1 is [99, 5, 1], not an object"],
  ];
  for (const [got, want] of cases) assert.equal(diffDepth(book, got), want, show(got));
  // The report that found the bug: a correct book with a null level more.
  assert.notEqual(diffDepth({ bids: [], asks: [] }, { bids: [null], asks: [] }), "");
});

test("firstDiff finds the first operation that differs, or null", () => {
  const want = [
    { result: { trades: [], rested: 5 }, depth: book },
    { result: submitted, depth: book },
  ];
  assert.equal(firstDiff(want, structuredClone(want)), null);
  const d = firstDiff(want, [want[0], { result: submitted, depth: { bids: [], asks: book.asks } }]);
  assert.equal(d.index, 1);
  assert.equal(d.book, true);
  assert.match(d.why, /^the book after it differs: bids: level 1 \(99\) is missing$/);
  const threw = firstDiff(want, [{ threw: { result: { message: "TypeError: x is null", line: 7 } }, depth: book }]);
  assert.equal(threw.index, 0);
  assert.equal(threw.why, "your code threw TypeError: x is null");
  assert.equal(threw.threw.line, 7);
  const depthThrew = firstDiff(want, [{ result: want[0].result, threw: { depth: { message: "RangeError" } } }]);
  assert.equal(depthThrew.why, "the book after it differs: depth() threw RangeError");
});

test("firstDiff never passes a record that is short or not a record", () => {
  const want = [{ result: {}, depth: { bids: [], asks: [] } }];
  for (const got of [...junk, [], [null], [undefined], ["x"], [{}], [{ threw: "x" }], [{ threw: null, depth: null }]]) {
    const d = firstDiff(want, got);
    assert.notEqual(d, null, show(got));
    assert.equal(d.index, 0);
    assert.ok(d.why, show(got));
  }
});

// Junk of every shape, nested, from a seeded generator: nothing the
// comparison and the words around it are given makes them throw, and
// nothing but the reference's own output passes.
test("no output of any shape makes the comparison throw or pass", () => {
  const rnd = mulberry32(7);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const gen = (depth) => {
    const r = rnd();
    if (depth > 3 || r < 0.4) return pick(junk.concat([99, 101, 5, 2, 1, "99"]));
    if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => gen(depth + 1));
    const o = {};
    for (const k of ["trades", "rested", "error", "bids", "asks", "price", "qty", "orders", "taker", "maker", "threw", "result", "depth"]) {
      if (rnd() < 0.3) o[k] = gen(depth + 1);
    }
    return o;
  };
  const want = [{ result: submitted, depth: book }];
  for (let i = 0; i < 5000; i++) {
    const g = gen(0);
    assert.notEqual(diffResult(submitted, g), "", show(g));
    assert.notEqual(diffDepth(book, g), "", show(g));
    assert.notEqual(firstDiff(want, g), null);
    assert.notEqual(firstDiff(want, [g]), null);
    assert.notEqual(firstDiff(want, [{ result: g, depth: g }]), null);
    for (const f of [outcome, trade, show, snapshot]) assert.doesNotThrow(() => f(g));
  }
});

test("snapshot keeps the values as returned, at that moment", () => {
  const levels = [{ price: 99, qty: 5, orders: 1 }];
  const snap = snapshot({ bids: levels, asks: [], n: NaN, u: undefined, f() {}, big: 5n });
  levels[0].qty = 0;
  levels.push(null);
  assert.deepEqual(snap, { bids: [{ price: 99, qty: 5, orders: 1 }], asks: [], n: NaN, u: undefined, f: "[function]", big: "5n" });
  const loop = { a: 1 };
  loop.self = loop;
  assert.doesNotThrow(() => structuredClone(snapshot(loop)));
});

test("the words for a result say what it is", () => {
  assert.equal(outcome({ trades: [fill], rested: 2 }), "1 trade, 2 rests");
  assert.equal(outcome({ trades: [], rested: 0 }), "no trade");
  assert.equal(outcome({ error: "bad" }), "rejected: bad");
  assert.equal(outcome({}), "ok");
  assert.equal(outcome(null), "no result");
  assert.equal(outcome("x"), 'returned "x"');
  assert.equal(outcome({ trades: "x" }), 'trades "x"');
  assert.equal(trade(fill), "3 @ 100  #2→#1");
  assert.equal(trade(null), "null");
});
