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

export const trade = (t) => `${t.qty} @ ${t.price}  #${t.taker}→#${t.maker}`;

// outcome says what came out of an operation in a few words.
export function outcome(r) {
  if (r == null) return "no result";
  if (r.threw) return `threw: ${r.threw}`;
  if (failed(r)) return `rejected${typeof r.error === "string" ? `: ${r.error}` : ""}`;
  if (!("trades" in r) && !("rested" in r)) return "ok";
  const n = (r.trades || []).length;
  const parts = [n === 0 ? "no trade" : n === 1 ? "1 trade" : `${n} trades`];
  if (r.rested) parts.push(`${r.rested} rests`);
  return parts.join(", ");
}

// diffResult is why got is not want, or "" when they agree. An expected
// error is matched by any error: messages are the engine's own words.
export function diffResult(want, got) {
  if (got && got.threw) return `your code threw: ${got.threw}`;
  if (got && got.bad) return got.bad;
  want = want || {};
  got = got || {};
  if (failed(want) !== failed(got)) {
    return failed(want) ? "this should be rejected" : `this should not be rejected (it was: ${got.error})`;
  }
  if (failed(want)) return "";
  const wt = want.trades || [], gt = got.trades || [];
  if (!Array.isArray(gt)) return "trades is not an array";
  if (wt.length !== gt.length) return `${wt.length} trade${wt.length === 1 ? "" : "s"} expected, ${gt.length} made`;
  for (let i = 0; i < wt.length; i++) {
    for (const k of ["taker", "maker", "price", "qty"]) {
      if (wt[i][k] !== gt[i][k]) return `trade ${i + 1}: ${k} ${show(gt[i][k])}, expected ${wt[i][k]}`;
    }
  }
  if ((want.rested || 0) !== (got.rested || 0)) return `rested ${show(got.rested)}, expected ${want.rested || 0}`;
  return "";
}

// diffDepth is why the book got differs from want, or "".
export function diffDepth(want, got) {
  if (got && got.threw) return `depth() threw: ${got.threw}`;
  for (const side of ["bids", "asks"]) {
    const w = want[side] || [], g = (got && got[side]) || [];
    if (!Array.isArray(g)) return `depth().${side} is not an array`;
    for (let i = 0; i < Math.max(w.length, g.length); i++) {
      if (!w[i]) return `${side}: level ${i + 1} (${show(g[i].price)}) should not be there`;
      if (!g[i]) return `${side}: level ${i + 1} (${w[i].price}) is missing`;
      for (const k of ["price", "qty", "orders"]) {
        if (w[i][k] !== g[i][k]) return `${side} level ${i + 1}: ${k} ${show(g[i][k])}, expected ${w[i][k]}`;
      }
    }
  }
  return "";
}

const show = (v) => (typeof v === "string" ? JSON.stringify(v) : String(v));

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
