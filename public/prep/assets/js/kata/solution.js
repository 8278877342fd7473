// "Try your own solution": the candidate's book in JavaScript or Python,
// run in a Web Worker with a time limit, against the reference engine on
// every scenario and on random order streams. The code is kept in this
// browser (localStorage), per language, and is never sent anywhere.
import { h, fill, num } from "./dom.js";
import { trace } from "./engine.js";
import { languages } from "./languages.js";
import { describe, firstDiff, outcome, randomStream, show, stepOp, streams, trade } from "./orders.js";

const LIMIT_MS = 2000; // per case; a correct book takes milliseconds
const LOAD_MS = 30000; // to fetch and start a language's runtime
const WORKER = new URL("./worker.js", import.meta.url);

export function solution(m, list, engine, { restore, load }) {
  const langKey = `kitgen:kata:${engine}:language`;
  let lang = languages[stored(langKey)] ? stored(langKey) : "javascript";
  const words = () => languages[lang];

  const picker = h("select", { id: `kr-language-${engine}`, "data-language": true },
    Object.entries(languages).map(([v, l]) => h("option", { value: v, selected: v === lang }, l.label)));
  const langStatus = h("span", { class: "kr-muted", role: "status", "data-language-status": true });
  const editor = h("textarea", { class: "kr-code", spellcheck: "false", autocapitalize: "off", autocomplete: "off", rows: "22", "data-editor": true });
  const saved = h("span", { class: "kr-muted" }, "Saved in this browser only; never sent.");
  const notice = h("span", { class: "kr-notice", role: "status" });
  const result = h("div", { class: "kr-result", role: "status", "aria-live": "polite", "data-solution-result": true });
  const output = h("pre", { class: "kr-output", tabindex: "0", "aria-label": "What your code printed", "data-output": true });
  const outputBox = h("div", { class: "kr-output-box", hidden: true }, h("h4", { "data-output-title": true }), output);
  const doc = h("div");
  const run = h("button", { type: "button", class: "kr-primary", "data-run-solution": true }, "Run against the reference");
  const restart = h("button", { type: "button", "data-start-over": true }, "Start over from the template");
  let cancelRun = () => {};
  let undo = null; // the code "Start over" replaced, until the next edit

  function switchTo(language) {
    lang = language;
    editor.value = stored(words().key(engine)) ?? words().template;
    editor.setAttribute("aria-label", `Your solution in ${words().label}`);
    fill(doc, interfaceDoc(words()));
    saveLater.cancel();
    forgetUndo();
  }

  // The code is saved a moment after the last keystroke, and at once
  // when the language changes.
  const saveLater = debounce(() => {
    try {
      localStorage.setItem(words().key(engine), editor.value);
      saved.textContent = "Saved in this browser only; never sent.";
    } catch {
      saved.textContent = "This browser does not let the page keep your code.";
    }
  }, 300);
  editor.addEventListener("input", () => {
    forgetUndo();
    saveLater();
  });

  picker.addEventListener("change", () => {
    saveLater.flush();
    const chosen = picker.value;
    try {
      localStorage.setItem(langKey, chosen);
    } catch {}
    switchTo(chosen);
    prepare(chosen, performance.now());
  });

  // prepare starts a sandbox for language before it is needed, so that a
  // run does not wait for Python to load; it says when it is ready.
  function prepare(language, t0) {
    const s = warm(language);
    if (language === "javascript") {
      langStatus.textContent = "";
      return;
    }
    const label = languages[language].label;
    langStatus.textContent = `Loading ${label}…`;
    s.ready.then(() => {
      if (lang !== language) return;
      const ms = Math.round(performance.now() - t0);
      langStatus.textContent = `${label} ready in ${num(ms)} ms.`;
      langStatus.dataset.readyMs = ms;
    }, (err) => {
      if (lang === language) langStatus.textContent = `${label} did not load: ${err.message}`;
    });
  }

  let escaped = false;
  editor.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      start();
    } else if (e.key === "Tab" && !escaped && !e.shiftKey) {
      // Tab indents; Escape first lets Tab leave the editor.
      e.preventDefault();
      editor.setRangeText(lang === "python" ? "    " : "  ", editor.selectionStart, editor.selectionEnd, "end");
      editor.dispatchEvent(new Event("input"));
    }
    escaped = e.key === "Escape";
  });
  run.addEventListener("click", start);

  // Start over keeps what it replaced until the next edit: one click
  // brings it back.
  restart.addEventListener("click", () => {
    if (editor.value === words().template) return;
    const before = editor.value;
    editor.value = words().template;
    editor.dispatchEvent(new Event("input"));
    undo = before;
    fill(notice, "Your code was replaced by the template. ",
      h("button", { type: "button", class: "kr-link", "data-undo": true, onclick: () => {
        editor.value = undo;
        editor.dispatchEvent(new Event("input"));
        fill(notice, "Your code is back.");
        editor.focus();
      } }, "Undo"));
  });
  function forgetUndo() {
    undo = null;
    if (notice.firstChild) fill(notice);
  }

  // The cases and the reference's record of each are the same on every
  // run, so they are made once, on the first.
  let reference = null;
  function cases() {
    if (reference) return reference;
    const scn = list.map((s) => ({ name: s.title || s.name, ops: s.steps.map(stepOp) }));
    const rnd = streams.map((s) => ({ name: s.name, ops: randomStream(s.seed, s.n, s.mid, s.width) }));
    const cs = scn.concat(rnd);
    reference = { cs, want: cs.map((c) => trace(m, c.ops)) };
    restore();
    return reference;
  }

  function start() {
    cancelRun();
    run.disabled = true;
    report("", "running", "Running the reference…");
    // Let that paint: the reference then takes the thread for a moment.
    setTimeout(() => requestAnimationFrame(race), 0);
  }

  function race() {
    const language = lang, code = editor.value, w8 = languages[language];
    const { cs, want } = cases();
    const total = cs.reduce((n, c) => n + c.ops.length, 0);
    const s = take(language);
    const w = s.worker;
    // Every case runs, so that the verdict can count them; the first
    // difference is the one shown.
    let at = -1, compared = 0, passed = 0, ops = 0, first = null, t0 = 0, live = true;
    let caseStart = 0, slowest = 0; // for the test's figures: the longest case, against the limit
    let watchdog = 0;
    clearOutput(w8);
    cancelRun = () => {
      live = false;
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
      // The next run gets a fresh sandbox, started now.
      warm(lang);
    };
    const tally = () => `${passed} of ${cs.length} cases pass`;
    const arm = (ms, why) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => stop(why), ms);
    };
    const caseLimit = () => arm(LIMIT_MS, () => report("kr-bad", "stopped",
      h("strong", null, `Stopped after ${LIMIT_MS / 1000} s`),
      ` while running ${at < 0 ? "your code's first lines" : `“${cs[at].name}”`}: your code did not return. An endless loop? The page stopped it and is fine.`,
      at > 0 ? ` Before it, ${passed} of ${at} cases passed.` : ""));
    const handle = (e) => {
      const msg = e.data;
      if (msg.type === "log") {
        print(msg);
      } else if (msg.type === "at") {
        at = msg.index;
        caseStart = performance.now();
        caseLimit();
      } else if (msg.type === "fail") {
        stop(() => failure(w8, code, msg));
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
        slowest = Math.max(slowest, performance.now() - caseStart);
        if (d) first ??= { c, d, scenario: i < list.length };
        else passed++;
        ops += c.ops.length;
        result.textContent = `Running… ${compared} of ${cs.length} cases, ${passed} pass`;
      } else if (msg.type === "done") {
        const ms = Math.round(performance.now() - t0);
        result.dataset.ms = ms;
        result.dataset.slowestMs = Math.round(slowest);
        if (compared !== cs.length) {
          stop(() => report("kr-bad", "error", h("strong", null, "The run ended early: "), `${compared} of ${cs.length} cases came back. Run it again.`));
        } else if (first) {
          stop(() => difference(first.c, first.d, first.scenario, tally(), code));
        } else {
          stop(() => report("kr-ok", "pass", h("strong", null, `✓ ${tally()}. `),
            `Same as the reference on ${list.length} scenarios and ${streams.length} random streams, ${num(ops)} operations, every trade and the book after each, in ${num(ms)} ms (${w8.label}).`));
        }
      }
    };
    const crashed = (e) => {
      e.preventDefault();
      stop(() => report("kr-bad", "error", h("strong", null, "Your code failed: "), e.message || "error in the worker"));
    };
    arm(LOAD_MS, () => report("kr-bad", "error", h("strong", null, `${w8.label} did not start`), ` in ${LOAD_MS / 1000} s. Check the connection and run again.`));
    report("", "running", `${language === "python" ? "Starting Python, then running" : "Running"} ${cs.length} cases, ${num(total)} operations…`);
    s.ready.then(() => {
      if (!live) return;
      w.onmessage = handle;
      w.onerror = crashed;
      report("", "running", `Running ${cs.length} cases, ${num(total)} operations…`);
      caseLimit();
      t0 = performance.now();
      w.postMessage({ type: "run", code, cases: cs.map((c) => c.ops) });
    }, (err) => {
      if (live) stop(() => report("kr-bad", "error", h("strong", null, `${w8.label} did not start: `), err.message));
    });
  }

  function report(cls, state, ...kids) {
    result.className = `kr-result ${cls}`;
    result.dataset.state = state;
    // A screen reader waits for the verdict instead of reading every
    // case's progress.
    result.setAttribute("aria-busy", String(state === "running"));
    fill(result, ...kids);
  }

  // failure says why the code did not run: it did not compile, its first
  // lines threw, it has no entry point, or the runtime did not start.
  function failure(w8, code, msg) {
    if (msg.missing) return report("kr-bad", "error", h("strong", null, "Nothing to run. "), w8.missing);
    if (msg.stage === "runtime") return report("kr-bad", "error", h("strong", null, `${w8.label} did not start: `), msg.message);
    const what = msg.stage === "create" ? `${w8.entry} threw ` : "Your code did not load: ";
    report("kr-bad", "error", h("p", null, h("strong", null, what), h("span", { "data-error-message": true }, msg.message)), where(code, msg.line, msg.col));
  }

  // Output: what the code printed in the last run, as it comes.
  let printed = 0;
  function clearOutput(w8) {
    printed = 0;
    output.replaceChildren();
    outputBox.querySelector("[data-output-title]").textContent = `What your code printed (${w8.print})`;
    outputBox.hidden = true;
  }
  function print(msg) {
    outputBox.hidden = false;
    if (msg.cut) {
      output.append(h("span", { class: "kr-muted" }, `… more output left out: the page shows the first ${num(printed)} lines.`));
      return;
    }
    printed++;
    output.append(`${msg.text}\n`);
  }

  // difference shows the first operation where the candidate's book and
  // the reference disagree, with a few operations before it for context.
  function difference(c, d, isScenario, tally, code) {
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
      d.threw ? where(code, d.threw.line) : null,
      h("div", { class: "kr-compare" },
        side("Your book", d.got && d.got.result, d.got && d.got.depth, threw),
        side("Reference", d.want.result, d.want.depth)),
      h("p", { class: "kr-tools" }, h("button", { type: "button", "data-replay": true, onclick: () => load(c.ops.slice(0, i + 1), `${c.name}, up to operation ${i + 1}`) }, "Replay up to here in the book")));
  }

  switchTo(lang);
  prepare(lang, performance.now());

  const el = h("div", { class: "kr-solution" },
    h("details", { class: "kr-doc" }, h("summary", null, "The interface your code implements"), doc),
    h("p", { class: "kr-lang" }, h("label", { for: picker.id }, "Language"), picker, langStatus),
    editor,
    h("div", { class: "kr-bar" }, run, restart,
      h("span", { class: "kr-hint kr-keys" }, h("kbd", null, "Ctrl"), "+", h("kbd", null, "Enter"), " runs · ", h("kbd", null, "Esc"), " ", h("kbd", null, "Tab"), " leaves the editor"), saved),
    notice,
    result,
    outputBox);
  return { el };
}

function interfaceDoc(l) {
  const py = l === languages.python;
  return h("p", null, "Define ", h("code", null, l.entry), ". The page calls it once per case and sends every operation to ",
    h("code", null, "submit(order)"), " or ", h("code", null, py ? "cancel(order_id)" : "cancel(id)"), ", then reads ", h("code", null, "depth()"), ". ",
    py ? "Orders and results are dicts with the same keys as in JavaScript; a cancel that returns None counts as {}. " : "",
    "Results are compared with the reference engine field by field: the trades in order, the quantity that rests, whether an order is rejected (any message will do), and the whole book after each operation. Each case may take ",
    `${LIMIT_MS / 1000} seconds; your code runs in a worker, away from the page, and what it prints (`, h("code", null, l.print), ") shows under the editor.");
}

// where quotes the line of the candidate's code an error points at, with
// a caret under the column when it is known.
function where(code, line, col) {
  if (!line) return null;
  const text = String(code).split("\n")[line - 1];
  if (text === undefined) return h("p", { class: "kr-where", "data-error-line": line }, `Line ${line}.`);
  const caret = col ? `\n${text.slice(0, col - 1).replace(/[^\t]/g, " ")}^` : "";
  return h("div", { class: "kr-where", "data-error-line": line },
    h("p", null, `Line ${line}:`), h("pre", { tabindex: "0" }, h("code", null, text + caret)));
}

// The sandboxes: one worker is kept loaded and waiting, for the language
// picked, so that a run starts at once; each run takes it and a new one
// is started after.
let spare = null;

function warm(language) {
  if (spare && spare.language === language) return spare;
  if (spare) spare.worker.terminate();
  const worker = new Worker(WORKER, { type: "module" });
  const ready = new Promise((resolve, reject) => {
    worker.onmessage = (e) => (e.data.type === "ready" ? resolve(e.data.ms) : reject(new Error(e.data.message)));
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(e.message || "the sandbox did not start"));
    };
  });
  ready.catch(() => {}); // reported by whoever waits for it
  worker.postMessage({ type: "load", language });
  spare = { language, worker, ready };
  return spare;
}

function take(language) {
  const s = warm(language);
  spare = null;
  return s;
}

function debounce(f, ms) {
  let timer = 0;
  const d = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = 0;
      f();
    }, ms);
  };
  d.cancel = () => {
    clearTimeout(timer);
    timer = 0;
  };
  d.flush = () => {
    if (timer) {
      d.cancel();
      f();
    }
  };
  return d;
}

const levels = (ls) => (!Array.isArray(ls) ? show(ls) : ls.length ? ls.slice(0, 4).map((l) => (l !== null && typeof l === "object" ? `${show(l.qty)}@${show(l.price)}` : show(l))).join(" ") + (ls.length > 4 ? " …" : "") : "none");

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
