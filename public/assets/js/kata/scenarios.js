// The checkpoint scenarios: the JSON files the engine's Go tests run, run
// here against the engine in the page, each step with its orders in, the
// trades out and pass or fail.
import { h, fill } from "./dom.js";
import { exec } from "./engine.js";
import { describe, diffDepth, diffResult, stepOp, trade } from "./orders.js";

export function scenarios(m, list, { restore, load }) {
  const summary = h("span", { class: "kr-summary", "data-scenario-summary": true }, `${list.length} scenarios`);
  const rows = list.map((s) => {
    const table = h("div", { class: "kr-steps" });
    const verdict = h("span", { class: "kr-verdict" }, "not run");
    const row = h("li", { class: "kr-scn", "data-scenario": s.name, "data-status": "idle" },
      h("details", null,
        h("summary", null,
          h("span", { class: "kr-dot", "aria-hidden": "true" }),
          h("span", { class: "kr-scn-title" }, s.title || s.name),
          s.checkpoint ? h("span", { class: "kr-tag", title: `checkpoint: ${s.checkpoint}` }, "checkpoint") : null,
          verdict),
        s.description ? h("p", { class: "kr-desc" }, s.description) : null,
        table,
        h("p", { class: "kr-tools" }, h("button", { type: "button", "data-play": true, onclick: () => load(s.steps.map(stepOp), s.title || s.name) }, "Play it in the book"))));
    steps(table, s, null);
    return { s, row, table, verdict };
  });
  const run = () => {
    let pass = 0;
    for (const r of rows) {
      const got = check(m, r.s);
      const ok = got.every((g) => !g.why) && !got.book;
      pass += ok;
      r.row.dataset.status = ok ? "pass" : "fail";
      r.verdict.textContent = ok ? "pass" : "fail";
      steps(r.table, r.s, got);
      if (!ok) r.row.querySelector("details").open = true;
    }
    restore();
    summary.textContent = `${pass} of ${rows.length} pass`;
    summary.dataset.pass = pass;
    summary.className = `kr-summary ${pass === rows.length ? "kr-ok" : "kr-bad"}`;
  };
  const el = h("div", { class: "kr-scenarios" },
    h("div", { class: "kr-bar" },
      h("button", { type: "button", class: "kr-primary", "data-run-scenarios": true, onclick: run }, "Run the scenarios"), summary),
    h("ol", { class: "kr-scn-list" }, rows.map((r) => r.row)));
  return { el, run };
}

// check runs s on the engine: each step's result and why it differs from
// the expectation, and the final book's difference.
function check(m, s) {
  m.reset();
  const got = s.steps.map((st) => {
    const r = exec(m, stepOp(st));
    return { r, why: diffResult(st.expect, r) };
  });
  got.book = s.book ? diffDepth(s.book, m.depth()) : "";
  return got;
}

function steps(table, s, got) {
  const out = (r, st) => {
    if (r && r.error) return h("div", null, "rejected");
    if (st.op === "cancel") return h("div", null, "cancelled");
    const ts = (r && r.trades) || [];
    return [ts.map((t) => h("div", null, trade(t))), ts.length === 0 ? h("div", null, "no trade") : null, r && r.rested ? h("div", null, `${r.rested} rests`) : null];
  };
  fill(table, h("table", null,
    h("thead", null, h("tr", null, h("th", null, "#"), h("th", null, "In"), h("th", null, "Expected out"), got ? h("th", null, "Engine") : null)),
    h("tbody", null, s.steps.map((st, i) => {
      const g = got && got[i];
      return h("tr", { class: g && g.why ? "kr-bad" : null },
        h("td", null, String(i + 1)),
        h("td", null, h("code", null, describe(stepOp(st)))),
        h("td", null, out(st.expect, st)),
        g ? h("td", { class: g.why ? "kr-bad" : "kr-ok" }, h("div", { class: "kr-mark" }, h("span", null, g.why ? "✗" : "✓"),
          h("div", null, out(g.r, st), g.why ? h("div", { class: "kr-why" }, g.why) : null))) : null);
    }))),
    got && s.book ? h("p", { class: got.book ? "kr-bad" : "kr-ok" }, got.book ? `✗ Final book: ${got.book}` : "✓ Final book as expected") : null);
}
