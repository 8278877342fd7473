// The playground: an order ticket, the book ladder and the trade tape over
// the reference engine. The page knows which orders rest because every
// order went through it, so levels can offer their orders for cancel.
import { h, fill, num } from "./dom.js";
import { exec } from "./engine.js";
import { describe, failed, outcome } from "./orders.js";

const LEVELS = 10; // per side on the ladder
const TAPE = 60;

export function playground(m) {
  let log = []; // every operation since the last reset, to restore the book
  let resting = new Map(); // id -> {side, price, qty}
  let tape = [];
  let nextId = 1;
  let frame = 0;

  const status = h("p", { class: "kr-status", role: "status", "aria-live": "polite" }, "The book is empty. Place an order.");
  const ticket = ticketForm();
  const ladder = h("div", { class: "kr-ladder", "data-ladder": true });
  // The tape scrolls, so it takes focus: a keyboard can scroll it too.
  const tapeEl = h("ol", { class: "kr-tape", tabindex: "0", "aria-label": "Trades, newest first", "data-tape": true });
  // The book takes focus (not by Tab) when a replay puts orders in it,
  // which may be far above the button that asked.
  const bookCard = h("div", { class: "kr-card kr-book-card", tabindex: "-1", role: "region", "aria-labelledby": "kr-book-title", "data-book": true },
    h("h4", { id: "kr-book-title" }, "Book"), ladder);
  const el = h("div", { class: "kr-play" },
    h("div", { class: "kr-card kr-ticket-card" }, h("h4", null, "Order ticket"), ticket.form, status, ticket.cancel, ticket.tools),
    bookCard,
    h("div", { class: "kr-card kr-tape-card" }, h("h4", null, "Trades"), tapeEl));
  let refocus = null; // after a chip's cancel, where focus goes once the ladder is drawn

  function ticketForm() {
    const side = (v, label, key) => h("label", { class: `kr-side kr-${v}` },
      h("input", { type: "radio", name: "side", value: v, checked: v === "buy" }), h("span", null, label, h("kbd", { class: "kr-keys" }, key)));
    const form = h("form", { class: "kr-ticket", novalidate: true, "aria-label": "Order ticket", "data-ticket": true },
      h("fieldset", { class: "kr-sides" }, h("legend", { class: "kr-sr" }, "Side"), side("buy", "Buy", "B"), side("sell", "Sell", "S")),
      h("label", null, h("span", null, "Type"),
        h("select", { name: "type" }, ["limit", "market", "ioc"].map((t) => h("option", { value: t }, t)))),
      h("label", null, h("span", null, "Price"), h("input", { name: "price", type: "number", inputmode: "numeric", value: "100", step: "1" })),
      h("label", null, h("span", null, "Quantity"), h("input", { name: "qty", type: "number", inputmode: "numeric", value: "10", step: "1" })),
      h("button", { type: "submit", class: "kr-go" }, "Buy"),
      // Keyboard hints are left off touch screens, which have no keys.
      h("p", { class: "kr-hint" }, h("span", { "data-next-id": true }, "Order #1"), h("span", { class: "kr-keys" }, " · ",
        h("kbd", null, "Enter"), " places · ", h("kbd", null, "B"), "/", h("kbd", null, "S"), " side · ",
        h("kbd", null, "L"), "/", h("kbd", null, "M"), "/", h("kbd", null, "I"), " type · ", h("kbd", null, "↑"), h("kbd", null, "↓"), " step")));
    const cancel = h("form", { class: "kr-cancel", novalidate: true, "data-cancel": true },
      h("label", null, h("span", null, "Cancel order"), h("input", { name: "id", type: "number", inputmode: "numeric", placeholder: "id" })),
      h("button", { type: "submit" }, "Cancel"));
    const tools = h("p", { class: "kr-tools" },
      h("button", { type: "button", onclick: seed, "data-seed": true }, "Seed the book"), " ",
      h("button", { type: "button", onclick: reset }, "Reset"));
    const f = form.elements;
    const sync = () => {
      const buy = f.side.value === "buy", market = f.type.value === "market";
      f.price.disabled = market;
      const go = form.querySelector(".kr-go");
      go.textContent = `${buy ? "Buy" : "Sell"} ${f.qty.value || "?"} ${market ? "at market" : `@ ${f.price.value || "?"}`}`;
      go.className = `kr-go kr-${buy ? "buy" : "sell"}`;
      form.querySelector("[data-next-id]").textContent = `Order #${nextId}`;
    };
    form.addEventListener("input", sync);
    form.addEventListener("change", sync);
    // Letters switch side and type from anywhere on the ticket: number
    // fields take no letters anyway.
    form.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.target.tagName === "SELECT") return;
      const k = e.key.toLowerCase();
      const set = { b: ["side", "buy"], s: ["side", "sell"], l: ["type", "limit"], m: ["type", "market"], i: ["type", "ioc"] }[k];
      if (!set) return;
      e.preventDefault();
      f[set[0]].value = set[1];
      sync();
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const order = { id: nextId, side: f.side.value, type: f.type.value, price: f.type.value === "market" ? 0 : Number(f.price.value), qty: Number(f.qty.value) };
      apply({ op: "submit", order });
    });
    cancel.addEventListener("submit", (e) => {
      e.preventDefault();
      apply({ op: "cancel", id: Number(cancel.elements.id.value) });
      cancel.elements.id.value = "";
    });
    return { form, cancel, tools, sync, fields: f };
  }

  // apply runs op on the engine and updates what the page shows.
  function apply(op, quiet) {
    const r = exec(m, op);
    log.push(op);
    if (op.op === "submit") {
      const o = op.order;
      if (typeof o.id === "number" && o.id >= nextId) nextId = o.id + 1;
      if (!failed(r)) {
        for (const t of r.trades || []) {
          const mk = resting.get(t.maker);
          if (mk && (mk.qty -= t.qty) <= 0) resting.delete(t.maker);
          tape.unshift({ ...t, side: o.side });
        }
        if (tape.length > TAPE) tape.length = TAPE;
        if (r.rested > 0) resting.set(o.id, { side: o.side, price: o.price, qty: r.rested });
      }
    } else if (!failed(r)) {
      resting.delete(op.id);
    }
    if (!quiet) {
      status.textContent = `${describe(op)} → ${outcome(r)}`;
      status.className = `kr-status${failed(r) ? " kr-bad" : ""}`;
    }
    draw();
    return r;
  }

  function draw() {
    if (!frame) frame = requestAnimationFrame(render);
  }

  function render() {
    frame = 0;
    ticket.sync();
    // One snapshot of the book per frame: each call into wasm costs.
    const d = m.depth();
    const bids = d.bids.slice(0, LEVELS), asks = d.asks.slice(0, LEVELS);
    const max = Math.max(1, ...bids.map((l) => l.qty), ...asks.map((l) => l.qty));
    const ids = new Map();
    for (const [id, o] of resting) {
      const k = `${o.side} ${o.price}`;
      if (!ids.has(k)) ids.set(k, []);
      ids.get(k).push(id);
    }
    const row = (side, l) => {
      const mine = (ids.get(`${side === "bid" ? "buy" : "sell"} ${l.price}`) || []).map((id) =>
        h("button", { type: "button", class: "kr-chip", title: `Cancel order #${id}`, "aria-label": `Cancel order ${id}`, "data-cancel-id": id,
          onclick: () => {
            refocus = { side, price: l.price };
            apply({ op: "cancel", id });
          } }, `#${id}`, h("span", { "aria-hidden": "true" }, "×")));
      const bar = h("span", { class: "kr-size", style: `--w:${((100 * l.qty) / max).toFixed(1)}%` },
        h("b", null, num(l.qty)), h("small", null, `${l.orders} order${l.orders === 1 ? "" : "s"}`));
      return h("div", { class: `kr-level kr-${side}`, "data-side": side, "data-price": l.price, "data-qty": l.qty, "data-orders": l.orders },
        h("span", { class: "kr-ids" }, side === "bid" ? mine : null),
        side === "bid" ? bar : h("span"),
        h("button", { type: "button", class: "kr-price", title: "Use this price on the ticket", onclick: () => { ticket.fields.price.value = l.price; ticket.sync(); ticket.fields.qty.focus(); } }, String(l.price)),
        side === "ask" ? bar : h("span"),
        h("span", { class: "kr-ids" }, side === "ask" ? mine : null));
    };
    const spread = d.bids.length && d.asks.length ? `spread ${d.asks[0].price - d.bids[0].price}` : d.bids.length || d.asks.length ? "one-sided book" : "empty book";
    const more = (n, what) => (n > LEVELS ? h("p", { class: "kr-more" }, `+${n - LEVELS} more ${what} levels`) : null);
    fill(ladder,
      h("div", { class: "kr-ladder-head", "aria-hidden": "true" }, h("span"), h("span", null, "Bids"), h("span", null, "Price"), h("span", null, "Asks"), h("span")),
      more(d.asks.length, "ask"),
      asks.slice().reverse().map((l) => row("ask", l)),
      h("div", { class: "kr-spread" }, spread),
      bids.map((l) => row("bid", l)),
      more(d.bids.length, "bid"));
    fill(tapeEl, tape.length ? tape.map((t) =>
      h("li", { class: `kr-${t.side}`, "data-trade": `${t.taker}:${t.maker}:${t.price}:${t.qty}` },
        h("span", { class: "kr-arrow", "aria-label": t.side }, t.side === "buy" ? "▲" : "▼"),
        h("b", null, num(t.qty)), h("span", { class: "kr-at" }, "@"), h("b", null, String(t.price)),
        h("span", { class: "kr-who" }, `#${t.taker} → #${t.maker}`))) : h("li", { class: "kr-empty" }, "No trades yet: cross the spread."));
    if (refocus) {
      // The cancelled chip is gone: focus goes to the next order at its
      // price, else the nearest one on the ladder, else the book.
      const chips = [...ladder.querySelectorAll("[data-cancel-id]")];
      const at = (c) => c.closest(".kr-level");
      const same = chips.find((c) => at(c).dataset.side === refocus.side && +at(c).dataset.price === refocus.price);
      const near = chips.sort((a, b) => Math.abs(at(a).dataset.price - refocus.price) - Math.abs(at(b).dataset.price - refocus.price))[0];
      refocus = null;
      (same || near || bookCard).focus();
    }
  }

  function reset() {
    m.reset();
    log = [];
    resting = new Map();
    tape = [];
    nextId = 1;
    status.textContent = "Book reset.";
    status.className = "kr-status";
    draw();
  }

  function seed() {
    const mid = Number(ticket.fields.price.value) || 100;
    for (let i = 1; i <= 4; i++) {
      for (const side of ["buy", "sell"]) {
        apply({ op: "submit", order: { id: nextId, side, type: "limit", price: side === "buy" ? mid - i : mid + i, qty: 5 * i + (nextId % 3) } }, true);
      }
    }
    status.textContent = `Seeded 8 orders around ${mid}.`;
    status.className = "kr-status";
  }

  // restore rebuilds the engine's book from the log, after something else
  // (a scenario run) used the engine.
  function restore() {
    const ops = log;
    m.reset();
    for (const op of ops) exec(m, op);
    draw();
  }

  // load replays ops into a fresh playground, to show them in the book,
  // and takes the reader there: the button that asked may be a long way
  // down the page.
  function load(ops, what) {
    reset();
    let r;
    for (const op of ops) r = apply(op, true);
    const said = `${what}: ${ops.length} operation${ops.length === 1 ? "" : "s"} replayed${ops.length ? `; last: ${describe(ops[ops.length - 1])} → ${outcome(r)}` : ""}.`;
    status.textContent = said;
    status.className = "kr-status";
    const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
    bookCard.focus({ preventScroll: true });
    bookCard.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "start" });
  }

  draw();
  return { el, restore, load };
}
