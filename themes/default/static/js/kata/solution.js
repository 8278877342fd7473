// "Try your own solution": the candidate's book in JavaScript, run in a
// Web Worker with a time limit, against the reference engine on every
// scenario and on random order streams. The code is kept in this browser
// (localStorage) and is never sent anywhere.
import { h, fill, num } from "./dom.js";
import { trace } from "./engine.js";
import { describe, firstDiff, outcome, randomStream, show, stepOp, streams, trade } from "./orders.js";

const LIMIT_MS = 2000; // per case; a correct book takes milliseconds

const TEMPLATE = `// Your order book. createBook() is called once per scenario and per
// random stream; it returns an object with these three methods.
function createBook() {
  return {
    // order: {id, side: "buy"|"sell", type: "limit"|"market"|"ioc", price, qty}
    // returns {trades: [{taker, maker, price, qty}], rested}
    //      or {error: "why"} for a bad order (the book stays as it was)
    submit(order) {
      return { trades: [], rested: 0 };
    },
    // returns {} or {error: "why"} when id is not resting
    cancel(id) {
      return {};
    },
    // levels best price first: bids descending, asks ascending
    // returns {bids: [{price, qty, orders}], asks: [...]}
    depth() {
      return { bids: [], asks: [] };
    },
  };
}
`;

export function solution(m, list, engine, { restore, load }) {
  const key = `kitgen:kata:${engine}:solution`;
  const editor = h("textarea", { class: "kr-code", spellcheck: "false", autocapitalize: "off", autocomplete: "off", rows: "22", "aria-label": "Your solution in JavaScript", "data-editor": true });
  editor.value = stored(key) ?? TEMPLATE;
  const saved = h("span", { class: "kr-muted" }, "Saved in this browser only; never sent.");
  const result = h("div", { class: "kr-result", role: "status", "aria-live": "polite", "data-solution-result": true });
  const run = h("button", { type: "button", class: "kr-primary", "data-run-solution": true }, "Run against the reference");
  let cancelRun = () => {};

  let timer = 0;
  editor.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        localStorage.setItem(key, editor.value);
        saved.textContent = "Saved in this browser only; never sent.";
      } catch {
        saved.textContent = "This browser does not let the page keep your code.";
      }
    }, 300);
  });
  let escaped = false;
  editor.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      start();
    } else if (e.key === "Tab" && !escaped && !e.shiftKey) {
      // Tab indents; Escape first lets Tab leave the editor.
      e.preventDefault();
      editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
      editor.dispatchEvent(new Event("input"));
    }
    escaped = e.key === "Escape";
  });
  run.addEventListener("click", start);

  function cases() {
    const scn = list.map((s) => ({ name: s.title || s.name, ops: s.steps.map(stepOp) }));
    const rnd = streams.map((s) => ({ name: s.name, ops: randomStream(s.seed, s.n, s.mid, s.width) }));
    return scn.concat(rnd);
  }

  function start() {
    cancelRun();
    run.disabled = true;
    report("", "running", "Running the reference…");
    // Let that paint: the reference then takes the thread for a moment.
    setTimeout(() => requestAnimationFrame(race), 0);
  }

  function race() {
    const cs = cases();
    const want = cs.map((c) => trace(m, c.ops));
    restore();
    const total = cs.reduce((n, c) => n + c.ops.length, 0);
    const t0 = performance.now();
    // Every case runs, so that the verdict can count them; the first
    // difference is the one shown.
    let at = -1, compared = 0, passed = 0, ops = 0, first = null;
    const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    let watchdog = 0;
    cancelRun = () => {
      clearTimeout(watchdog);
      w.terminate();
      w.onmessage = w.onerror = null;
    };
    const stop = (then) => {
      cancelRun();
      cancelRun = () => {};
      run.disabled = false;
      try {
        then();
      } catch (err) {
        report("kr-bad", "error", h("strong", null, "The page could not show the verdict: "), String(err && err.message));
      }
    };
    const tally = () => `${passed} of ${cs.length} cases pass`;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => stop(() => report("kr-bad", "stopped",
        h("strong", null, `Stopped after ${LIMIT_MS / 1000} s`),
        ` while running ${at < 0 ? "your code's first lines" : `“${cs[at].name}”`}: your code did not return. An endless loop? The page stopped it and is fine.`,
        at > 0 ? ` Before it, ${passed} of ${at} cases passed.` : "")), LIMIT_MS);
    };
    w.onmessage = (e) => {
      const msg = e.data;
      if (msg.type === "at") {
        at = msg.index;
        arm();
      } else if (msg.type === "fail") {
        stop(() => report("kr-bad", "error", h("strong", null, "Your code did not load. "), msg.message));
      } else if (msg.type === "case") {
        const i = msg.index, c = cs[i];
        // Whatever the code returned, comparing it must end in a verdict
        // for this case: an exception here is a difference, never a pass.
        let d;
        try {
          d = firstDiff(want[i], msg.out);
        } catch (err) {
          d = { index: 0, why: `the page could not compare what your code returned (${err.message})`, want: want[i][0] || {}, got: {} };
        }
        compared++;
        if (d) first ??= { c, d, scenario: i < list.length };
        else passed++;
        ops += c.ops.length;
        result.textContent = `Running… ${compared} of ${cs.length} cases, ${passed} pass`;
      } else if (msg.type === "done") {
        const ms = Math.round(performance.now() - t0);
        if (compared !== cs.length) {
          stop(() => report("kr-bad", "error", h("strong", null, "The run ended early: "), `${compared} of ${cs.length} cases came back. Run it again.`));
        } else if (first) {
          stop(() => difference(first.c, first.d, first.scenario, tally()));
        } else {
          stop(() => report("kr-ok", "pass", h("strong", null, `✓ ${tally()}. `),
            `Same as the reference on ${list.length} scenarios and ${streams.length} random streams, ${num(ops)} operations, every trade and the book after each, in ${num(ms)} ms.`));
        }
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      stop(() => report("kr-bad", "error", h("strong", null, "Your code failed: "), e.message || "error in the worker"));
    };
    report("", "running", `Running ${cs.length} cases, ${num(total)} operations…`);
    arm();
    w.postMessage({ code: editor.value, cases: cs.map((c) => c.ops) });
  }

  function report(cls, state, ...kids) {
    result.className = `kr-result ${cls}`;
    result.dataset.state = state;
    fill(result, ...kids);
  }

  // difference shows the first operation where the candidate's book and
  // the reference disagree, with a few operations before it for context.
  function difference(c, d, isScenario, tally) {
    const i = d.index;
    const threw = (d.got && d.got.threw) || {};
    const side = (title, r, depth, err) => h("div", { class: "kr-side-by-side" }, h("h5", null, title),
      h("p", null, err && err.result ? `threw ${err.result.message}` : outcome(r)),
      r && Array.isArray(r.trades) && r.trades.length ? h("ul", { class: "kr-trades" }, r.trades.map((t) => h("li", null, trade(t)))) : null,
      d.book ? h("p", { class: "kr-muted" }, err && err.depth ? `depth() threw ${err.depth.message}` : `bids ${levels(depth && depth.bids)} · asks ${levels(depth && depth.asks)}`) : null);
    const before = c.ops.slice(Math.max(0, i - 4), i);
    report("kr-bad", "diff",
      h("p", null, h("strong", { "data-tally": true }, `${tally}. `), h("strong", null, "First difference: "), `${c.name}, operation ${num(i + 1)} of ${num(c.ops.length)}${isScenario ? "" : " (the stream is the same on every run)"}.`),
      before.length ? h("ol", { class: "kr-context", start: String(i - before.length + 1) }, before.map((op) => h("li", null, describe(op)))) : null,
      h("p", { class: "kr-op" }, h("code", { "data-diff-op": true }, describe(c.ops[i])), " ", h("span", { class: "kr-why", "data-diff-why": true }, d.why)),
      h("div", { class: "kr-compare" },
        side("Your book", d.got && d.got.result, d.got && d.got.depth, threw),
        side("Reference", d.want.result, d.want.depth)),
      h("p", { class: "kr-tools" }, h("button", { type: "button", onclick: () => load(c.ops.slice(0, i + 1), `${c.name}, up to operation ${i + 1}`) }, "Replay up to here in the book")));
  }

  const el = h("div", { class: "kr-solution" },
    h("details", { class: "kr-doc" }, h("summary", null, "The interface your code implements"),
      h("p", null, "Define ", h("code", null, "createBook()"), ". The page calls it once per case and sends every operation to ",
        h("code", null, "submit"), " or ", h("code", null, "cancel"), ", then reads ", h("code", null, "depth()"),
        ". Results are compared with the reference engine field by field: the trades in order, the quantity that rests, whether an order is rejected (any message will do), and the whole book after each operation. Each case may take ",
        `${LIMIT_MS / 1000} seconds; your code runs in a worker, away from the page.`)),
    editor,
    h("div", { class: "kr-bar" }, run, h("button", { type: "button", onclick: () => { editor.value = TEMPLATE; editor.dispatchEvent(new Event("input")); } }, "Start over from the template"),
      h("span", { class: "kr-hint" }, h("kbd", null, "Ctrl"), "+", h("kbd", null, "Enter"), " runs · ", h("kbd", null, "Esc"), " ", h("kbd", null, "Tab"), " leaves the editor"), saved),
    result);
  return { el };
}

const levels = (ls) => (!Array.isArray(ls) ? show(ls) : ls.length ? ls.slice(0, 4).map((l) => (l !== null && typeof l === "object" ? `${show(l.qty)}@${show(l.price)}` : show(l))).join(" ") + (ls.length > 4 ? " …" : "") : "none");

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
