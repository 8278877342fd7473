// Orders and results as the bridge speaks them, shared by the playground,
// the scenarios and the solution runner.

export const failed = (r) => r != null && r.error != null && r.error !== false;

// describe says an operation the way a trader reads it.
export function describe(op) {
  if (op.op === "cancel") return `cancel #${op.id}`;
  const o = op.order || {};
  const at = o.type === "market" ? "at market" : `@ ${o.price}`;
  return `#${o.id} ${o.side} ${o.type} ${o.qty} ${at}`;
}

export const trade = (t) => (isObject(t) ? `${show(t.qty)} @ ${show(t.price)}  #${show(t.taker)}→#${show(t.maker)}` : show(t));

// outcome says what came out of an operation in a few words, whatever it
// is.
export function outcome(r) {
  if (r == null) return "no result";
  if (!isObject(r)) return `returned ${show(r)}`;
  if (failed(r)) return `rejected${typeof r.error === "string" ? `: ${r.error}` : ""}`;
  if (!("trades" in r) && !("rested" in r)) return "ok";
  const ts = r.trades === undefined ? [] : r.trades;
  const parts = [!Array.isArray(ts) ? `trades ${show(ts)}` : ts.length === 0 ? "no trade" : plural(ts.length, "trade")];
  if (r.rested) parts.push(`${show(r.rested)} rests`);
  return parts.join(", ");
}

// The comparison below reads what the candidate's code returned, which may
// be anything at all: null, a string, NaN, an array where an object
// belongs, a level that is null. It never throws, and only what agrees
// with the reference field by field agrees. Fields the reference does not
// have are ignored.

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// diffResult is why got is not want, or "" when they agree. An expected
// error is matched by any error: messages are the engine's own words. A
// missing return (undefined or null) is an empty success, which a cancel
// needs and a submit fails on. want may leave out what is empty, as the
// scenario files do; a result with trades or rested is a submit's, and
// then got must have both.
export function diffResult(want, got) {
  if (got == null) got = {};
  if (!isObject(got)) return `returned ${show(got)}, not an object`;
  want = isObject(want) ? want : {};
  if (failed(want) !== failed(got)) {
    return failed(want) ? "this should be rejected" : `this should not be rejected (it was: ${show(got.error)})`;
  }
  if (failed(want) || !("trades" in want || "rested" in want)) return "";
  if (!("trades" in got)) return "trades is missing";
  const wt = want.trades || [], gt = got.trades;
  if (!Array.isArray(gt)) return `trades is ${show(gt)}, not an array`;
  if (wt.length !== gt.length) return `${plural(wt.length, "trade")} expected, ${gt.length} made`;
  for (let i = 0; i < wt.length; i++) {
    if (!isObject(gt[i])) return `trade ${i + 1} is ${show(gt[i])}, not an object`;
    for (const k of ["taker", "maker", "price", "qty"]) {
      if (!same(wt[i][k], gt[i][k])) return `trade ${i + 1}: ${k} ${show(gt[i][k])}, expected ${show(wt[i][k])}`;
    }
  }
  if (!("rested" in got)) return "rested is missing";
  if (!same(want.rested ?? 0, got.rested)) return `rested ${show(got.rested)}, expected ${show(want.rested ?? 0)}`;
  return "";
}

// diffDepth is why the book got differs from want, or "".
export function diffDepth(want, got) {
  if (!isObject(got)) return `depth() returned ${show(got)}, not an object`;
  want = isObject(want) ? want : {};
  for (const side of ["bids", "asks"]) {
    const w = want[side] || [], g = got[side];
    if (!(side in got)) return `depth() has no ${side}`;
    if (!Array.isArray(g)) return `depth().${side} is ${show(g)}, not an array`;
    for (let i = 0; i < Math.max(w.length, g.length); i++) {
      if (i < g.length && !isObject(g[i])) return `${side} level ${i + 1} is ${show(g[i])}, not an object`;
      if (i >= w.length) return `${side}: level ${i + 1} (${show(g[i].price)}) should not be there`;
      if (i >= g.length) return `${side}: level ${i + 1} (${show(w[i].price)}) is missing`;
      for (const k of ["price", "qty", "orders"]) {
        if (!same(w[i][k], g[i][k])) return `${side} level ${i + 1}: ${k} ${show(g[i][k])}, expected ${show(w[i][k])}`;
      }
    }
  }
  return "";
}

// firstDiff compares the candidate's record of a case with the
// reference's: for each operation {result, depth}, plus threw.result or
// threw.depth ({message, line}) when that call threw. It returns the
// first difference, {index, why, book, want, got}, or null when every
// operation agrees. A record that is short, or not a record at all, is a
// difference too.
export function firstDiff(want, got) {
  if (!Array.isArray(got)) got = [];
  for (let i = 0; i < want.length; i++) {
    const g = isObject(got[i]) ? got[i] : null;
    if (!g) return { index: i, why: "your code gave no result for this operation", want: want[i], got: {} };
    const threw = isObject(g.threw) ? g.threw : {};
    const why = threw.result ? `your code threw ${thrown(threw.result)}` : diffResult(want[i].result, g.result);
    if (why) return { index: i, why, threw: threw.result, want: want[i], got: g };
    const book = threw.depth ? `depth() threw ${thrown(threw.depth)}` : diffDepth(want[i].depth, g.depth);
    if (book) return { index: i, why: `the book after it differs: ${book}`, book: true, threw: threw.depth, want: want[i], got: g };
  }
  return null;
}

const thrown = (t) => (isObject(t) && t.message ? String(t.message) : show(t));

// same is ===, except that NaN is never equal: a NaN where a number
// belongs is a difference even opposite a NaN.
const same = (a, b) => a === b && !Number.isNaN(a);

const plural = (n, what) => `${n} ${what}${n === 1 ? "" : "s"}`;

// show writes a value the way it would be typed, cut short: "5" is not 5,
// and a level that is null says so.
export function show(v, depth = 0) {
  if (typeof v === "string") return cut(JSON.stringify(v));
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v !== "object" || v === null) return String(v);
  if (depth > 1) return Array.isArray(v) ? "[…]" : "{…}";
  if (Array.isArray(v)) return cut(`[${v.slice(0, 4).map((x) => show(x, depth + 1)).join(", ")}${v.length > 4 ? ", …" : ""}]`);
  const keys = Object.keys(v);
  return cut(`{${keys.slice(0, 4).map((k) => `${k}: ${show(v[k], depth + 1)}`).join(", ")}${keys.length > 4 ? ", …" : ""}}`);
}

const cut = (s) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

// snapshot copies what the candidate's code returned into plain data the
// page can receive and compare, at the moment it was returned: a book may
// hand out its own arrays and change them later. Numbers stay as they are
// (NaN included); functions, symbols and anything nested too deep become
// a word saying so.
export function snapshot(v, depth = 0) {
  switch (typeof v) {
    case "number": case "string": case "boolean": case "undefined": return v;
    case "bigint": return `${v}n`;
    case "function": return "[function]";
    case "symbol": return String(v);
  }
  if (v === null) return null;
  if (depth >= 6) return "[nested too deep]";
  if (Array.isArray(v)) return Array.from(v, (x) => snapshot(x, depth + 1));
  const out = {};
  for (const k of Object.keys(v)) out[k] = snapshot(v[k], depth + 1);
  return out;
}

// stepOp turns a scenario step into the operation it runs.
export const stepOp = (s) => (s.op === "cancel" ? { op: "cancel", id: s.id } : { op: "submit", order: s.order });

// mulberry32 is a small seeded generator: the same seed gives the same
// stream on every browser, so a difference can be reported and replayed.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// randomStream makes n operations around price mid, spread over width
// ticks: mostly limit orders, some crossing, market and IOC orders,
// cancels of live, dead and unknown ids, and now and then a bad order.
export function randomStream(seed, n, mid, width) {
  const rnd = mulberry32(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const ops = [];
  const live = [];
  let id = 0;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.18 && live.length) {
      const k = Math.floor(rnd() * live.length);
      ops.push({ op: "cancel", id: live[k] });
      if (rnd() < 0.8) live.splice(k, 1);
      continue;
    }
    if (r < 0.2) {
      ops.push({ op: "cancel", id: id + 1 + Math.floor(rnd() * 50) });
      continue;
    }
    const side = rnd() < 0.5 ? "buy" : "sell";
    const t = rnd();
    const type = t < 0.8 ? "limit" : t < 0.9 ? "market" : "ioc";
    // Buys lean below mid and sells above, so a book builds up and some
    // orders still cross it.
    const lean = side === "buy" ? -0.15 : 0.15;
    const price = Math.max(1, Math.round(mid + (rnd() - 0.5 + lean) * width));
    const qty = 1 + Math.floor(rnd() * rnd() * 25);
    const order = { id: ++id, side, type, price: type === "market" ? 0 : price, qty };
    if (r < 0.24) {
      const bad = pick(["qty0", "qtyneg", "price0", "side", "type", "dup"]);
      if (bad === "qty0") order.qty = 0;
      if (bad === "qtyneg") order.qty = -qty;
      if (bad === "price0") Object.assign(order, { type: "limit", price: 0 });
      if (bad === "side") order.side = "hold";
      if (bad === "type") order.type = "stop";
      if (bad === "dup" && live.length) order.id = pick(live);
    }
    ops.push({ op: "submit", order });
    if (order.type === "limit" && order.id === id) live.push(id);
  }
  return ops;
}

// streams are the random cases every solution runs after the scenarios:
// a narrow band, where most orders meet resting ones, and a wide one,
// shorter because its book is deep and the whole book is compared after
// every operation.
export const streams = [
  { name: "Random stream, narrow prices (seed 1)", seed: 1, n: 1000, mid: 100, width: 12 },
  { name: "Random stream, narrow prices (seed 2)", seed: 2, n: 1000, mid: 100, width: 6 },
  { name: "Random stream, wide prices (seed 3)", seed: 3, n: 500, mid: 5000, width: 4000 },
];
