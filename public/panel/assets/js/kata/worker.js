// The sandbox for the candidate's book, a module worker: an endless loop
// freezes only this thread, which the page then terminates. The page
// first sends {type: "load", language}, and the worker answers "ready"
// once it can run that language (Python's runtime is fetched here, and
// only here); then {type: "run", code, cases}. Each operation runs through
// exec, the same function that runs it on the reference engine, and plain
// results go back: "at" before each case, "case" after it, "log" for
// what the code prints, "fail" when it does not load, "done".
import { exec } from "./engine.js";
import { snapshot } from "./orders.js";

const LOG_LINES = 200; // per run, more would only slow the page down
const LOG_CHARS = 500; // per line

let compile = null; // code => createBook, undefined, or throws
let logged = 0;

onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "load") {
    const t0 = performance.now();
    try {
      compile = msg.language === "python" ? await (await import("./python.js")).loadPython(log) : javascript;
      postMessage({ type: "ready", ms: Math.round(performance.now() - t0) });
    } catch (err) {
      postMessage({ type: "fail", stage: "runtime", message: message(err) });
    }
  } else if (msg.type === "run") {
    await run(msg.code, msg.cases);
  }
};

async function run(code, cases) {
  logged = 0;
  let createBook;
  try {
    createBook = compile(code);
  } catch (err) {
    const at = err instanceof SyntaxError ? await syntaxAt(code) : { line: lineOf(err) };
    postMessage({ type: "fail", message: message(err), ...at });
    return;
  }
  if (!createBook) {
    postMessage({ type: "fail", missing: true });
    return;
  }
  for (let i = 0; i < cases.length; i++) {
    postMessage({ type: "at", index: i });
    let book;
    try {
      book = createBook();
    } catch (err) {
      postMessage({ type: "fail", stage: "create", message: message(err), line: lineOf(err) });
      return;
    }
    postMessage({ type: "case", index: i, out: cases[i].map((op) => record(book, op)) });
  }
  postMessage({ type: "done" });
}

// record runs one operation as firstDiff in orders.js reads it: what the
// call returned and the book after it, or what each threw.
function record(book, op) {
  const rec = {};
  try {
    rec.result = snapshot(exec(book, op));
  } catch (err) {
    rec.threw = { result: thrown(err) };
  }
  try {
    rec.depth = snapshot(book.depth());
  } catch (err) {
    rec.threw = { ...rec.threw, depth: thrown(err) };
  }
  return rec;
}

const thrown = (err) => ({ message: message(err), line: lineOf(err) });

// message says what was thrown; code can throw anything, even an object
// whose toString throws.
function message(err) {
  try {
    if (err && err.name === "PythonError") return err.message;
    return err instanceof Error ? `${err.name}: ${err.message}` : typeof err === "string" ? JSON.stringify(err) : String(err);
  } catch {
    return "something that cannot be shown";
  }
}

// log passes a line the code printed to the page, up to LOG_LINES a run.
function log(text) {
  if (logged > LOG_LINES) return;
  if (++logged > LOG_LINES) return postMessage({ type: "log", cut: true });
  text = String(text);
  postMessage({ type: "log", text: text.length > LOG_CHARS ? `${text.slice(0, LOG_CHARS)}…` : text });
}

// javascript compiles the candidate's JavaScript. console.log and its
// kin print to the page.
function javascript(code) {
  for (const k of ["log", "info", "warn", "error", "debug"]) console[k] = (...args) => log(args.map(format).join(" "));
  return new Function(`"use strict";\n${code}\n;return typeof createBook === "function" ? createBook : undefined;`)();
}

// format writes a logged value as console.log would, roughly, and never
// throws.
function format(v) {
  if (typeof v === "string") return v;
  try {
    const seen = new Set();
    return JSON.stringify(v, (k, x) => {
      if (typeof x === "number" && !Number.isFinite(x)) return String(x);
      if (typeof x === "bigint") return `${x}n`;
      if (typeof x === "function") return `[function ${x.name}]`;
      if (x === undefined) return "undefined";
      if (x !== null && typeof x === "object") {
        if (seen.has(x)) return "[circular]";
        seen.add(x);
      }
      return x;
    }) ?? String(v);
  } catch {
    return message(v);
  }
}

// header is how many lines new Function puts before the body: it is
// measured, since engines differ.
const header = (() => {
  try {
    new Function('"use strict";\nthrow new Error()')();
  } catch (err) {
    const n = stackLine(err);
    if (n) return n - 2;
  }
  return 0;
})();

// stackLine is the line in code made by new Function of the innermost
// frame that has one: Chromium writes "<anonymous>:LINE:COL", Firefox
// "> Function:LINE:COL".
function stackLine(err) {
  try {
    const m = /(?:<anonymous>|> Function):(\d+):\d+/.exec(String(err && err.stack));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

// lineOf is the line of the candidate's code an error came from, or
// undefined. The body's first line is "use strict".
function lineOf(err) {
  if (err && err.name === "PythonError") return err.line;
  const n = stackLine(err);
  return n > header + 1 ? n - header - 1 : undefined;
}

// syntaxAt finds where a syntax error is. new Function does not say, but a
// worker whose script does not parse reports the line and column in its
// error event; the script does not run, as it does not parse.
function syntaxAt(code) {
  const prefix = '"use strict";';
  return new Promise((resolve) => {
    if (typeof Worker !== "function") return resolve({});
    const url = URL.createObjectURL(new Blob([prefix + code], { type: "text/javascript" }));
    const w = new Worker(url);
    const done = (at) => {
      clearTimeout(timer);
      w.terminate();
      URL.revokeObjectURL(url);
      resolve(at);
    };
    const timer = setTimeout(() => done({}), 1000);
    w.onerror = (e) => {
      e.preventDefault();
      if (!/SyntaxError/.test(e.message) || !e.lineno) return done({});
      done({ line: e.lineno, col: e.lineno === 1 ? Math.max(1, e.colno - prefix.length) : e.colno });
    };
  });
}
