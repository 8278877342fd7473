// The kata runner, built when the candidate presses Start: loads the
// engine and the scenarios, then shows the playground, the checkpoint
// scenarios and the solution editor.
import { h, fill, num } from "./dom.js";
import { loadEngine } from "./engine.js";
import { playground } from "./playground.js";
import { scenarios } from "./scenarios.js";
import { solution } from "./solution.js";

// start builds the runner in root; clicked is when Start was pressed, so
// that the time to ready includes fetching these modules.
export async function start(root, clicked) {
  const t0 = clicked ?? performance.now();
  const { exec, wasm, scenarios: scenariosURL, engine } = root.dataset;
  const [m, list] = await Promise.all([loadEngine(exec, wasm), loadScenarios(scenariosURL)]);
  const ms = Math.round(performance.now() - t0);

  const play = playground(m);
  const scn = scenarios(m, list, play);
  const sol = solution(m, list, engine, play);
  const bench = h("button", { type: "button", class: "kr-link", "data-bench": true }, "Benchmark");
  const benchOut = h("span", { "data-bench-result": true });
  bench.addEventListener("click", () => {
    bench.disabled = true;
    benchOut.textContent = "running 1,000,000 orders…";
    // Let the text paint before the engine takes the thread.
    setTimeout(() => {
      const r = m.bench(1000000);
      play.restore();
      benchOut.textContent = `${num(Math.round(r.orders / r.seconds / 1000) / 1000)} M orders/s here`;
      bench.disabled = false;
    }, 30);
  });
  const app = h("div", { class: "kr-app" },
    h("div", { class: "kr-head" },
      h("span", { class: "kr-live", "data-ready-ms": ms }, `Engine ready in ${num(ms)} ms`),
      h("span", { class: "kr-muted" }, "the reference engine, Go compiled to WebAssembly, running in this tab"),
      h("span", { class: "kr-bench" }, bench, " ", benchOut)),
    section("Play with the book", "Place orders, watch them rest and trade. Click a price to use it; click an order's × to cancel it.", play.el),
    section("Checkpoint scenarios", "The cases the interview checks, from the same files the engine's tests run.", scn.el),
    section("Try your own solution", "Write the book in JavaScript or Python; the page runs every scenario and random order streams through it and through the reference, and shows the first difference.", sol.el));
  fill(root.querySelector("[data-kata-app]"), app);
  root.classList.add("kr-started");
  root.dataset.ready = "true";
  // The Start button is gone: focus goes to the first thing it brought,
  // and the live region, there since the page loaded, says it is ready.
  app.querySelector("h3").focus();
  root.querySelector("[data-kata-announce]").textContent = `Engine ready in ${num(ms)} ms. Play with the book, run the checkpoint scenarios, or try your own solution below.`;
}

function section(title, lede, body) {
  return h("section", { class: "kr-section" }, h("h3", { tabindex: "-1" }, title), h("p", { class: "kr-lede" }, lede), body);
}

async function loadScenarios(url) {
  if (!url) return [];
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}
